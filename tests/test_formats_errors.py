"""Broken data files: every problem named with its file, place and value; nothing half-built."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from villagemodel import Dataset, DatasetValidationError, Money, VillageModelError, datasets
from villagemodel.formats import (
    DataFileError,
    FileProblem,
    dataset_from_text,
    dataset_to_text,
    load_dataset,
    save_dataset,
)
from villagemodel.serialize import dataset_to_data

PLACES: dict[str, Any] = {
    "regions": [{"id": "gx", "name": "广西壮族自治区", "kind": "autonomous_region"}],
    "cities": [{"id": "bs", "name": "百色市", "region_id": "gx"}],
    "counties": [{"id": "ly", "name": "凌云县", "city_id": "bs"}],
    "townships": [{"id": "sc", "name": "泗城镇", "county_id": "ly", "kind": "town"}],
    "villages": [
        {"id": "ym", "name": "腰马村", "township_id": "sc"},
        {"id": "nl", "name": "那留村", "township_id": "sc"},
    ],
}


def load_problems(path: Path) -> list[FileProblem]:
    with pytest.raises(DataFileError) as info:
        load_dataset(path)
    assert isinstance(info.value, DatasetValidationError)
    assert isinstance(info.value, VillageModelError)
    return list(info.value.problems)


def found(problems: list[FileProblem]) -> set[tuple[str, int | None, str, object]]:
    return {(Path(p.file).name, p.line, p.path, p.value) for p in problems}


# -- CSV ---------------------------------------------------------------------------


def _folder(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "county"
    save_dataset(datasets.load("lingyun-2022"), folder)
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, "utf-8")
    return folder


def test_every_problem_of_a_csv_folder_is_listed_with_file_line_and_value(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        households=(
            "id,village_id,history\n"
            "h1,taohua,formerly_poor\n"
            "h2,nowhere,formerly_poor\n"  # unknown village
            "h1,taohua,never_registered\n"  # duplicate id
            "h4,taohua,rich\n"  # not a code
        ),
        incomes=(
            "household_id,year,per_capita\n"
            "h1,2022.5,8000\n"  # not a whole number
            "h1,2021,8000.5\n"
            "h1,2020,1.2万\n"  # a Chinese amount in a column of yuan
            "h1,2019,8000余\n"  # approximate
        ),
    )
    problems = load_problems(folder)
    assert found(problems) == {
        ("households.csv", 3, "households[1].village_id", "nowhere"),
        ("households.csv", 4, "households[2].id", "h1"),
        ("households.csv", 5, "households[3].history", "rich"),
        ("incomes.csv", 2, "incomes[0].year", "2022.5"),
        ("incomes.csv", 4, "incomes[2].per_capita", "1.2万"),
        ("incomes.csv", 5, "incomes[3].per_capita", "8000余"),
    }
    messages = {p.path: p.message for p in problems}
    assert "expected a whole number" in messages["incomes[0].year"]
    assert "per_capita[zh]" in messages["incomes[2].per_capita"]
    assert "12000" in messages["incomes[2].per_capita"]
    assert "a record must be exact" in messages["incomes[3].per_capita"]
    assert "no village has this id" in messages["households[1].village_id"]
    text = str(load_error(folder))
    assert text.startswith("6 problems in ")
    assert (
        f"{folder / 'households.csv'}:3: households[1].village_id: no village has this id" in text
    )


def load_error(path: Path) -> DataFileError:
    with pytest.raises(DataFileError) as info:
        load_dataset(path)
    return info.value


def test_a_missing_required_column_is_one_line_naming_file_and_column(tmp_path: Path) -> None:
    folder = _folder(tmp_path, households="id,history\nh1,formerly_poor\n")
    error = load_error(folder)
    assert "\n" not in str(error)
    assert "households.csv:1: missing required column village_id (village_id or 村编号)" in str(
        error
    )


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("id,village_id,history,colour", "unknown column for households"),
        ("id,village_id,history,编号", "the column id is given twice"),
        ("id,village_id[万元],history", "only a column of money takes a unit"),
    ],
)
def test_bad_headers(tmp_path: Path, header: str, reason: str) -> None:
    folder = _folder(tmp_path, households=f"{header}\nh1,taohua,formerly_poor,x\n")
    [problem] = load_problems(folder)
    assert (Path(problem.file).name, problem.line) == ("households.csv", 1)
    assert reason in problem.message


def test_an_unknown_unit_declaration(tmp_path: Path) -> None:
    folder = _folder(tmp_path, incomes="household_id,year,per_capita[千元]\n")
    [problem] = load_problems(folder)
    assert problem.value == "per_capita[千元]"
    assert "[万元]" in problem.message


def test_gbk_bytes_are_refused_naming_the_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "hamlets.csv").write_bytes("id,name,village_id\nh1,九优屯,yaoma\n".encode("gbk"))
    error = load_error(folder)
    assert "\n" not in str(error)
    [problem] = error.problems
    assert (Path(problem.file).name, problem.line) == ("hamlets.csv", 2)
    assert "not UTF-8" in problem.message
    assert problem.value == "九".encode("gbk")


def test_a_truncated_csv_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path, hamlets='id,name,village_id\nh1,"九优屯,yaoma\n')
    [problem] = load_problems(folder)
    assert Path(problem.file).name == "hamlets.csv"
    assert "not valid CSV" in problem.message


def test_a_row_of_the_wrong_length(tmp_path: Path) -> None:
    folder = _folder(tmp_path, hamlets="id,name,village_id\nh1,九优屯\n")
    [problem] = load_problems(folder)
    assert (Path(problem.file).name, problem.line) == ("hamlets.csv", 2)
    assert "the row has 2 cells; the header has 3" in problem.message


def test_bad_cells_of_every_kind(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        households="id,village_id,history\nh1,taohua,formerly_poor\n",
        members="id,household_id,relation\nm1,h1,head\n",
        surveys=(
            "id,household_id,surveyed_on,food_and_clothing_assured,uninsured_member_ids,"
            "water.trip_minutes\n"
            "s1,h1,2022/03/01,yes,m1;;m2,10.5\n"
            "s2,h1,2022-03-01,true,m1\\,ten\n"
        ),
        projects=(
            "id,village_id,kind,quantity\n"
            "p1,taohua,guard_rail,约3公里\n"
            "p2,taohua,guard_rail,three km\n"
            "p3,taohua,guard_rail,3 furlong\n"
        ),
    )
    problems = load_problems(folder)
    assert found(problems) == {
        ("surveys.csv", 2, "surveys[0].surveyed_on", "2022/03/01"),
        ("surveys.csv", 2, "surveys[0].food_and_clothing_assured", "yes"),
        ("surveys.csv", 2, "surveys[0].uninsured_member_ids", "m1;;m2"),
        ("surveys.csv", 2, "surveys[0].water.trip_minutes", "10.5"),
        ("surveys.csv", 3, "surveys[1].uninsured_member_ids", "m1\\"),
        ("surveys.csv", 3, "surveys[1].water.trip_minutes", "ten"),
        ("projects.csv", 2, "projects[0].quantity", "约3公里"),
        ("projects.csv", 3, "projects[1].quantity", "three km"),
        ("projects.csv", 4, "projects[2].quantity", "furlong"),
    }


def test_the_loader_never_returns_part_of_a_dataset(tmp_path: Path) -> None:
    rows = "".join(f"h{i},taohua,formerly_poor\n" for i in range(50))
    folder = _folder(tmp_path, households=f"id,village_id,history\n{rows}h50,taohua,rich\n")
    problems = load_problems(folder)  # raises: no dataset is returned
    assert [p.line for p in problems] == [52]


# -- JSON, YAML, TOML --------------------------------------------------------------


def _document(**tables: list[dict[str, Any]]) -> dict[str, Any]:
    return {**PLACES, **tables}


BROKEN_RECORDS: dict[str, list[dict[str, Any]]] = {
    "households": [
        {"id": "h1", "village_id": "ym", "history": "formerly_poor"},
        {"id": "h2", "village_id": "nowhere", "history": "formerly_poor"},
        {"id": "h1", "village_id": "nl", "history": "formerly_poor"},
    ],
    "collective_incomes": [
        {"village_id": "ym", "year": 2022, "amount": 227000.5},
        {"village_id": "nl", "year": "2022", "amount": "1000"},
        {"village_id": "ym", "year": 2021, "amount": "22.7万元"},
        {"village_id": "nl", "year": 2021, "amount": "突破10万元"},
    ],
}

EXPECTED: set[tuple[str, object]] = {
    ("households[1].village_id", "nowhere"),
    ("households[2].id", "h1"),
    ("collective_incomes[0].amount", 227000.5),
    ("collective_incomes[1].year", "2022"),
    ("collective_incomes[2].amount", "22.7万元"),
    ("collective_incomes[3].amount", "突破10万元"),
}


def _write(tmp_path: Path, suffix: str, data: dict[str, Any]) -> Path:
    path = tmp_path / f"county{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    elif suffix == ".yaml":
        import yaml  # noqa: PLC0415

        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    else:
        import tomli_w  # noqa: PLC0415

        path.write_text(tomli_w.dumps(data), "utf-8")
    return path


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".toml"])
def test_every_problem_of_a_document_is_listed(tmp_path: Path, suffix: str) -> None:
    path = _write(tmp_path, suffix, _document(**BROKEN_RECORDS))
    problems = load_problems(path)
    assert {(p.path, p.value) for p in problems} == EXPECTED
    assert {p.file for p in problems} == {str(path)}
    messages = {p.path: p.message for p in problems}
    assert "a float is not exact" in messages["collective_incomes[0].amount"]
    assert "'227000'" in messages["collective_incomes[2].amount"]
    assert "a record must be exact" in messages["collective_incomes[3].amount"]
    if suffix == ".yaml":
        lines = path.read_text("utf-8").splitlines()
        for problem in problems:
            assert problem.line is not None
            assert repr(problem.value).strip("'") in lines[problem.line - 1], problem


@pytest.mark.parametrize(
    ("suffix", "text", "reason", "line"),
    [
        (".json", '{"villages": [{"id": "ym",\n', "not valid JSON", 2),
        (".yaml", "villages:\n  - {id: ym, name: [\n", "not valid YAML", 3),
        (".toml", '[[villages]]\nid = "ym"\nname = \n', "not valid TOML", 3),
    ],
)
def test_a_truncated_file_is_one_line_with_file_and_line(
    tmp_path: Path, suffix: str, text: str, reason: str, line: int
) -> None:
    path = tmp_path / f"county{suffix}"
    path.write_text(text, "utf-8")
    error = load_error(path)
    assert "\n" not in str(error)
    assert str(error).startswith(f"{path}:{line}: {reason}")


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".toml"])
def test_gbk_documents_are_refused(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"county{suffix}"
    path.write_bytes(dataset_to_text(datasets.load("lingyun-2022"), "json").encode("gbk"))
    error = load_error(path)
    assert "\n" not in str(error)
    assert str(path) in str(error)
    assert "not UTF-8" in str(error)


def test_a_json_file_with_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "county.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(PLACES, ensure_ascii=False).encode())
    assert [v.id for v in load_dataset(path).villages] == ["ym", "nl"]


def test_yaml_reads_only_true_and_false_as_flags() -> None:
    text = (
        "regions: [{id: gx, name: 广西, kind: autonomous_region}]\n"
        "cities: [{id: bs, name: 百色市, region_id: gx}]\n"
        "counties: [{id: ly, name: 凌云县, city_id: bs}]\n"
        "townships: [{id: sc, name: 泗城镇, county_id: ly, kind: town}]\n"
        "villages: [{id: ym, name: 腰马村, township_id: sc}]\n"
        "branches:\n"
        "  - {id: b1, village_id: ym, name: 支部, secretary_is_committee_head: yes,"
        " established_on: 2020-07-01}\n"
        "  - {id: b2, village_id: ym, name: 支部二, secretary_is_committee_head: true,"
        " established_on: 2020-07-01}\n"
    )
    with pytest.raises(DataFileError) as info:
        dataset_from_text(text, "yaml", file="county.yaml")
    [problem] = info.value.problems
    assert (problem.file, problem.line) == ("county.yaml", 7)
    assert problem.path == "branches[0].secretary_is_committee_head"
    assert problem.value == "yes"
    dataset = dataset_from_text(text.replace(": yes", ": false"), "yaml")
    assert [b.secretary_is_committee_head for b in dataset.branches] == [False, True]
    assert str(dataset.branches[0].established_on) == "2020-07-01"


def test_yaml_and_toml_floats_are_refused_as_money() -> None:
    yaml_text = dataset_to_text(datasets.load("lingyun-2022"), "yaml")
    assert "amount: '227000'" in yaml_text
    with pytest.raises(DataFileError, match="a float is not exact") as info:
        dataset_from_text(yaml_text.replace("amount: '227000'", "amount: 227000.0"), "yaml")
    assert info.value.problems[0].value == 227000.0
    toml_text = dataset_to_text(datasets.load("lingyun-2022"), "toml")
    assert 'amount = "227000"' in toml_text
    with pytest.raises(DataFileError, match="a float is not exact"):
        dataset_from_text(toml_text.replace('amount = "227000"', "amount = 1.5"), "toml")


def test_keys_given_twice_are_problems() -> None:
    text = '{"villages": [], "villages": []}'
    with pytest.raises(DataFileError, match="a key given twice") as info:
        dataset_from_text(text, "json", file="county.json")
    assert info.value.problems[0].value == "villages"
    with pytest.raises(DataFileError, match="a key given twice") as yaml_info:
        dataset_from_text("regions: []\nregions: []\n", "yaml", file="county.yaml")
    assert yaml_info.value.problems[0].line == 2


def test_not_a_mapping() -> None:
    with pytest.raises(DataFileError, match="expected a mapping of tables"):
        dataset_from_text("[1, 2]", "json")


def test_a_problem_in_a_json_file_reads_file_path_and_value(tmp_path: Path) -> None:
    lingyun = datasets.load("lingyun-2022")
    data = dataset_to_data(lingyun)
    data["villages"][0]["township_id"] = "nowhere"
    path = _write(tmp_path, ".json", data)
    [problem] = load_problems(path)
    assert (problem.path, problem.value) == ("villages[0].township_id", "nowhere")
    assert str(problem) == (
        f"{path}: villages[0].township_id: no township has this id (got 'nowhere')"
    )


# -- YAML numbers, anchors, empty documents ----------------------------------------------

YAML_PLACES = (
    "regions: [{id: gx, name: 广西, kind: autonomous_region}]\n"
    "cities: [{id: bs, name: 百色市, region_id: gx}]\n"
    "counties: [{id: ly, name: 凌云县, city_id: bs}]\n"
    "townships: [{id: sc, name: 泗城镇, county_id: ly, kind: town}]\n"
    "villages: [{id: ym, name: 腰马村, township_id: sc}]\n"
)


def _income(year: str, amount: str) -> str:
    return (
        YAML_PLACES
        + f"collective_incomes:\n  - {{village_id: ym, year: {year}, amount: {amount}}}\n"
    )


OTHER_BASES = ["010", "-010", "0b101", "0x10", "+0x1F", "190:20:30", "2_022", "1_000.5", "1:30.5"]


@pytest.mark.parametrize("written", OTHER_BASES)
def test_yaml_reads_numbers_in_base_10_only(written: str) -> None:
    for text in (_income("2022", written), _income(written, "1000")):
        with pytest.raises(DataFileError) as info:
            dataset_from_text(text, "yaml", file="county.yaml")
        [problem] = info.value.problems
        assert (problem.file, problem.line, problem.value) == ("county.yaml", 7, written)
        assert problem.path in ("collective_incomes[0].amount", "collective_incomes[0].year")
        assert "base 10" in problem.message
    quoted = dataset_from_text(
        YAML_PLACES.replace("name: 腰马村", f"name: '{written}'"), "yaml", file="county.yaml"
    )
    assert quoted.villages[0].name == written  # quoted, it is text


@pytest.mark.parametrize(
    ("year", "amount", "expected"),
    [("2022", "227000", 227000), ("+2022", "0", 0), ("2022", "-0", 0), ("2022", "10", 10)],
)
def test_yaml_base_10_integers_are_read(year: str, amount: str, expected: int) -> None:
    dataset = dataset_from_text(_income(year, amount), "yaml")
    [income] = dataset.collective_incomes
    assert (income.year, income.amount) == (2022, Money(expected))


@pytest.mark.parametrize("written", ["1e3", "1E3", "1.5e+3", ".5", "1.", "-.5", "1.5"])
def test_yaml_floats_are_floats_and_refused_as_money(written: str) -> None:
    with pytest.raises(DataFileError, match="a float is not exact") as info:
        dataset_from_text(_income("2022", written), "yaml", file="county.yaml")
    [problem] = info.value.problems
    assert isinstance(problem.value, float)
    assert problem.line == 7


@pytest.mark.parametrize("written", [".inf", "-.inf", ".nan", ".NaN"])
def test_yaml_infinities_and_nan_are_refused_without_a_misleading_hint(written: str) -> None:
    with pytest.raises(DataFileError) as info:
        dataset_from_text(_income("2022", written), "yaml", file="county.yaml")
    [problem] = info.value.problems
    assert isinstance(problem.value, float)
    assert "not a finite number" in problem.message
    assert "such as" not in problem.message


LAUGHS = (
    "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}' if i else 'x'] * 10)}]\n" for i in range(9))
    + "villages: *a8\n"
)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("villages: &a [*a]\n", 1),
        (LAUGHS, 1),
        (YAML_PLACES + "hamlets:\n  - &h {id: h1, name: 九优屯, village_id: ym}\n  - *h\n", 7),
        (YAML_PLACES + "name: &n 凌云\n", 6),
        (YAML_PLACES + "hamlets:\n  - {id: h1, name: 九优屯, village_id: ym}\n  - *h\n", 8),
    ],
)
def test_yaml_anchors_and_aliases_are_refused(text: str, line: int) -> None:
    started = time.perf_counter()
    with pytest.raises(DataFileError) as info:
        dataset_from_text(text, "yaml", file="county.yaml")
    assert time.perf_counter() - started < 5
    assert str(info.value).startswith(f"county.yaml:{line}: ")
    assert "anchors and aliases are not read: write each record out" in str(info.value)
    assert "\n" not in str(info.value)


def test_yaml_merge_keys_are_not_merged() -> None:
    text = YAML_PLACES.replace("{id: ym,", "{<<: {id: ym},")
    with pytest.raises(DataFileError) as info:
        dataset_from_text(text, "yaml", file="county.yaml")
    assert "villages[0].<<" in str(info.value)


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("yaml", "[" * 20_000 + "]" * 20_000),
        ("yaml", "- " * 20_000 + "x\n"),
        ("json", "[" * 20_000 + "]" * 20_000),
        ("toml", "x = " + "[" * 20_000 + "]" * 20_000 + "\n"),
    ],
)
def test_deeply_nested_documents_are_refused_in_one_line(fmt: Any, text: str) -> None:
    with pytest.raises(DataFileError) as info:
        dataset_from_text(text, fmt, file=f"county.{fmt}")
    assert "\n" not in str(info.value)
    assert str(info.value).startswith(f"county.{fmt}")


EMPTY = "an empty file: expected a mapping of tables"
NULL = "the document is null: expected a mapping of tables"


@pytest.mark.parametrize(
    ("suffix", "text", "reason"),
    [
        (".yaml", "", EMPTY),
        (".yaml", "\n  \n", EMPTY),
        (".yaml", "# nothing yet\n", EMPTY),
        (".yaml", "---\n", NULL),
        (".yaml", "~\n", NULL),
        (".yaml", "null\n", NULL),
        (".yml", "", EMPTY),
        (".toml", "", EMPTY),
        (".toml", "# nothing yet\n", EMPTY),
        (".json", "", EMPTY),
        (".json", " \n", EMPTY),
        (".json", "null", NULL),
    ],
)
def test_an_empty_file_holds_no_dataset(
    tmp_path: Path, suffix: str, text: str, reason: str
) -> None:
    path = tmp_path / f"county{suffix}"
    path.write_text(text, "utf-8")
    error = load_error(path)
    assert str(error) == f"{path}: {reason}"


@pytest.mark.parametrize(("suffix", "text"), [(".json", "{}"), (".yaml", "{}\n")])
def test_an_explicitly_empty_mapping_is_an_empty_dataset(
    tmp_path: Path, suffix: str, text: str
) -> None:
    path = tmp_path / f"county{suffix}"
    path.write_text(text, "utf-8")
    assert load_dataset(path) == Dataset()
    save_dataset(Dataset(), path)
    assert load_dataset(path) == Dataset()


# -- CSV rows of the wrong length, and references to the first of two records -----------------


def test_a_row_of_the_wrong_length_does_not_hide_other_problems(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        villages=(
            "id,name,township_id\n"
            "yaoma,腰马村,nowhere\n"  # a bad reference
            "shuangda,双达村,sicheng,extra\n"  # too many cells
            "qq,x,sicheng,extra\n"  # too many cells
            "nl,那留村\n"  # too few cells
        ),
        hamlets="id,name,village_id\nh1,九优屯,elsewhere\n",
    )
    problems = load_problems(folder)
    rows = {(Path(p.file).name, p.line, p.message) for p in problems if "cells" in p.message}
    assert rows == {
        ("villages.csv", 3, "the row has 4 cells; the header has 3"),
        ("villages.csv", 4, "the row has 4 cells; the header has 3"),
        ("villages.csv", 5, "the row has 2 cells; the header has 3"),
    }
    assert ("villages.csv", 2, "villages[0].township_id", "nowhere") in found(problems)
    assert ("hamlets.csv", 2, "hamlets[0].village_id", "elsewhere") in found(problems)
    assert [p.line for p in problems if Path(p.file).name == "villages.csv"] == [2, 3, 4, 5]


def test_first_used_by_names_the_row_of_the_document() -> None:
    data = _document(
        collective_incomes=[
            {"village_id": "nowhere", "year": 2022, "amount": "12万"},
            {"village_id": "ym", "year": 2022, "amount": "5"},
            {"village_id": "ym", "year": 2022, "amount": "6"},
        ]
    )
    with pytest.raises(DataFileError) as info:
        dataset_from_text(json.dumps(data, ensure_ascii=False), "json", file="county.json")
    duplicate = next(p for p in info.value.problems if "duplicate" in p.message)
    assert duplicate.path == "collective_incomes[2].key"
    assert duplicate.message.endswith("first used by collective_incomes[1]")


def test_first_used_by_gives_the_line_of_the_first_row_in_csv(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        collective_incomes=(
            "village_id,year,amount\nnowhere,2022,12万\n\ntaohua,2022,5\ntaohua,2022,6\n"
        ),
    )
    problems = load_problems(folder)
    duplicate = next(p for p in problems if "duplicate" in p.message)
    assert (duplicate.line, duplicate.path) == (5, "collective_incomes[2].key")
    assert duplicate.message.endswith("first used by collective_incomes[1] (line 4)")
    text = YAML_PLACES + (
        "collective_incomes:\n"
        "  - {village_id: nowhere, year: 2022, amount: '12万'}\n"
        "  - {village_id: ym, year: 2022, amount: 5}\n"
        "  - {village_id: ym, year: 2022, amount: 6}\n"
    )
    with pytest.raises(DataFileError) as info:
        dataset_from_text(text, "yaml", file="county.yaml")
    duplicate = next(p for p in info.value.problems if "duplicate" in p.message)
    assert duplicate.line == 9
    assert duplicate.message.endswith("first used by collective_incomes[1] (line 8)")


# -- values as written, JSON numbers and keys, writing -------------------------------------


def test_a_converted_money_cell_is_shown_as_written(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        collective_incomes="village_id,year,amount[万元]\ntaohua,2022,1.2345678\ntaohua,2021,-1\n",
    )
    problems = load_problems(folder)
    assert [(p.line, p.value) for p in problems] == [(2, "1.2345678"), (3, "-1")]
    assert problems[0].message == "not a whole number of fen (0.01 yuan); read as 12345.678 yuan"
    assert str(problems[1]).endswith("read as -10000 yuan (got '-1')")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity_are_not_json(constant: str) -> None:
    text = json.dumps(_document()).replace('"autonomous_region"', constant)
    with pytest.raises(DataFileError) as info:
        dataset_from_text(text, "json", file="county.json")
    assert str(info.value) == f"county.json: not valid JSON: {constant} is not a number"


def test_a_json_number_too_large_for_a_float_is_not_finite() -> None:
    data = _document(collective_incomes=[{"village_id": "ym", "year": 2022, "amount": 1}])
    text = json.dumps(data).replace('"amount": 1}', '"amount": 1e400}')
    with pytest.raises(DataFileError) as info:
        dataset_from_text(text, "json", file="county.json")
    [problem] = info.value.problems
    assert problem.path == "collective_incomes[0].amount"
    assert "not a finite number" in problem.message
    assert "such as" not in problem.message


def test_a_json_key_given_twice_names_its_record() -> None:
    text = json.dumps(_document(), ensure_ascii=False).replace(
        '"name": "那留村"', '"name": "那留村", "name": "x"'
    )
    with pytest.raises(DataFileError) as info:
        dataset_from_text(text, "json", file="county.json")
    [problem] = info.value.problems
    assert (problem.path, problem.value, problem.message) == (
        "villages[1]",
        "name",
        "a key given twice",
    )


@pytest.mark.parametrize("name", ["no-such-folder/county.json", "no-such-folder/county-csv"])
def test_save_dataset_says_where_it_cannot_write(tmp_path: Path, name: str) -> None:
    (tmp_path / "no-such-folder").write_text("a file, not a folder", "utf-8")
    with pytest.raises(DataFileError) as info:
        save_dataset(datasets.load("lingyun-2022"), tmp_path / name)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith(str(tmp_path / "no-such-folder"))
    assert ": cannot write: " in str(info.value)
