"""Datasets in files: exact round trips in every format, CSV cells, the JSON Schema."""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from villagemodel import (
    Dataset,
    GuaranteeSurvey,
    Money,
    ProjectKind,
    WaterSupply,
    datasets,
)
from villagemodel.claims import load_claims
from villagemodel.formats import (
    CSV_HEADER_ALIASES,
    SCHEMA_RESOURCE,
    DataFileError,
    csv_columns,
    dataset_from_text,
    dataset_schema,
    dataset_to_text,
    load_dataset,
    save_dataset,
)
from villagemodel.industry import PARTY_COMPANY_PARK_HOUSEHOLDS
from villagemodel.report import build_report
from villagemodel.serialize import dataset_from_data, dataset_to_data
from villagemodel.testing import strategies as vst

SUFFIXES = {"json": "data.json", "yaml": "data.yaml", "toml": "data.toml", "csv": "county"}


@pytest.mark.parametrize("fmt", sorted(SUFFIXES))
@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(dataset=vst.datasets())
def test_round_trip_is_exact_in_every_format(fmt: str, dataset: Dataset) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / SUFFIXES[fmt]
        save_dataset(dataset, path)
        again = load_dataset(path)
    assert again == dataset
    assert dataset_to_data(again) == dataset_to_data(dataset)


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
def test_text_round_trip_of_the_bundled_dataset(fmt: Any) -> None:
    lingyun = datasets.load("lingyun-2022")
    assert dataset_from_text(dataset_to_text(lingyun, fmt), fmt) == lingyun


def test_the_synthetic_county_survives_a_csv_folder_with_the_same_report(tmp_path: Path) -> None:
    synthetic = datasets.load("lingyun-2022-synthetic")
    save_dataset(synthetic, tmp_path / "county")
    assert (tmp_path / "county" / "villages.csv").is_file()
    assert (tmp_path / "county" / "households.csv").is_file()
    again = load_dataset(tmp_path / "county")
    assert again == synthetic
    claims = load_claims("lingyun-2022")
    assert build_report(again, claims).to_json() == build_report(synthetic, claims).to_json()


def _awkward() -> Dataset:
    """Values that a naive CSV encoding would lose."""
    base = datasets.load("lingyun-2022")
    village = base.villages[0]
    households = [
        {"id": "h;1", "village_id": village.id, "history": "formerly_poor"},
    ]
    members = [
        {"id": "m;1", "household_id": "h;1", "relation": "head", "name": 'Li, "the elder"\nZhang'},
        {"id": "m\\2", "household_id": "h;1", "relation": "child"},
        {"id": "[]", "household_id": "h;1", "relation": "spouse"},
    ]
    data = dataset_to_data(base)
    data["households"] = households
    data["members"] = members
    data["surveys"] = [
        {
            "id": "s1",
            "household_id": "h;1",
            "surveyed_on": "2022-03-01",
            "out_of_school_member_ids": [],
            "uninsured_member_ids": ["m;1", "m\\2"],
            "water": {},
        },
        {
            "id": "s2",
            "household_id": "h;1",
            "surveyed_on": "2022-03-02",
            "uninsured_member_ids": ["[]"],
            "water": {"litres_per_person_per_day": "60.5", "piped_into_home": False},
        },
        {"id": "s3", "household_id": "h;1", "surveyed_on": "2022-03-03"},
    ]
    return dataset_from_data(data)


@pytest.mark.parametrize("headers", ["en", "zh"])
def test_csv_keeps_awkward_values_exactly(tmp_path: Path, headers: Any) -> None:
    dataset = _awkward()
    surveys: dict[str, GuaranteeSurvey] = {s.id: s for s in dataset.surveys}
    assert surveys["s1"].water == WaterSupply()  # recorded, every fact unknown
    assert surveys["s3"].water is None  # not recorded
    assert surveys["s1"].out_of_school_member_ids == ()
    assert surveys["s3"].out_of_school_member_ids is None
    save_dataset(dataset, tmp_path / "out", headers=headers)
    again = load_dataset(tmp_path / "out")
    assert again == dataset
    again_surveys: dict[str, GuaranteeSurvey] = {s.id: s for s in again.surveys}
    assert isinstance(again_surveys["s1"], GuaranteeSurvey)
    assert again_surveys["s1"].water == WaterSupply()
    assert again_surveys["s3"].water is None
    assert again_surveys["s2"].uninsured_member_ids == ("[]",)


def test_csv_cells_are_written_as_documented(tmp_path: Path) -> None:
    dataset = _awkward()
    save_dataset(dataset, tmp_path / "out")
    surveys = (tmp_path / "out" / "surveys.csv").read_text("utf-8").splitlines()
    assert surveys[1].startswith("s1,h;1,2022-03-01,,[],m\\;1;m\\\\2,,-,-,-,-,-,-")
    assert surveys[2].startswith("s2,h;1,2022-03-02,,,\\[],,60.5,false,-,-,-,-")
    assert surveys[3] == "s3,h;1,2022-03-03,,,,,,,,,,"


def test_quantities_operating_models_and_flags_in_csv(tmp_path: Path) -> None:
    base = datasets.load("lingyun-2022")
    village = base.villages[0].id
    data = dataset_to_data(base)
    data["projects"] = [
        {
            "id": "p1",
            "village_id": village,
            "kind": ProjectKind.GUARD_RAIL.code,
            "quantity": {"amount": "2.5", "unit": "kilometre"},
            "upgrade": True,
        }
    ]
    data["industries"].append(
        {
            "id": "i9",
            "village_id": village,
            "kind": "hog",
            "operating_model": {"parts": [p.code for p in PARTY_COMPANY_PARK_HOUSEHOLDS.parts]},
        }
    )
    dataset = dataset_from_data(data)
    save_dataset(dataset, tmp_path / "out")
    assert load_dataset(tmp_path / "out") == dataset
    projects = (tmp_path / "out" / "projects.csv").read_text("utf-8").splitlines()
    assert projects[1] == f"p1,{village},guard_rail,2.5 kilometre,,true,,"
    industries = (tmp_path / "out" / "industries.csv").read_text("utf-8")
    assert "party_organisation+company+demonstration_park+farm_households" in industries
    # The Chinese forms are read too.
    (tmp_path / "out" / "projects.csv").write_text(
        f"编号,村编号,项目类型,工程量,改造\np1,{village},guard_rail,2.5公里,是\n", "utf-8"
    )
    (tmp_path / "out" / "industries.csv").write_text(
        f"编号,村编号,产业类型,经营模式\ni1,{village},hog,党组织 + 公司 + 示范园 + 农户\n",
        "utf-8",
    )
    again = load_dataset(tmp_path / "out")
    assert again.projects == dataset.projects
    assert again.industries[0].operating_model == PARTY_COMPANY_PARK_HOUSEHOLDS


def test_every_alias_names_a_real_column() -> None:
    from villagemodel.formats import _TABLE_ALIASES  # noqa: PLC0415

    for table, aliases in _TABLE_ALIASES.items():
        assert set(aliases) <= set(csv_columns(table)), table
    assert CSV_HEADER_ALIASES["villages"]["name"][0] == "村名"
    assert CSV_HEADER_ALIASES["dataset"]["name"] == ("数据集名称", "名称")
    with pytest.raises(ValueError, match="not a table"):
        csv_columns("village")


def _county(folder: Path) -> Path:
    """A small county as CSV files, with Chinese headers and a BOM in one file."""
    folder.mkdir()
    files = {
        "regions.csv": "id,name,kind\ngx,广西壮族自治区,autonomous_region\n",
        "cities.csv": "id,name,region_id\nbs,百色市,gx\n",
        "counties.csv": "id,name,city_id\nly,凌云县,bs\n",
        "townships.csv": "\ufeff编号,乡镇,县编号,类型\nsc,泗城镇,ly,镇\n",
        "villages.csv": "编号,村名,乡镇编号\nym,腰马村,sc\nnl,那留村,sc\n",
        "collective_incomes.csv": (
            "村编号,年度,集体经济收入[zh]\nym,2022,11.2万元\nnl,2022,135000\nym,2021,3.5千\n"
        ),
        "incomes.csv": "household_id,year,per_capita[万元]\n",
        "dataset.csv": "数据集名称\n凌云县样例\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")
    return folder


def test_chinese_headers_a_bom_and_declared_chinese_amounts_are_read(tmp_path: Path) -> None:
    dataset = load_dataset(_county(tmp_path / "county"))
    assert dataset.name == "凌云县样例"
    assert [v.name for v in dataset.villages] == ["腰马村", "那留村"]
    assert dataset.townships[0].kind.zh == "镇"
    amounts = [(i.village_id, i.year, i.amount) for i in dataset.collective_incomes]
    assert amounts == [
        ("ym", 2022, Money(112000)),
        ("nl", 2022, Money(135000)),
        ("ym", 2021, Money(3500)),
    ]


def test_a_column_in_wan(tmp_path: Path) -> None:
    folder = _county(tmp_path / "county")
    (folder / "collective_incomes.csv").write_text(
        "village_id,year,amount[万元]\nym,2022,22.7\nnl,2022,0.00015\n", "utf-8"
    )
    dataset = load_dataset(folder)
    assert [i.amount for i in dataset.collective_incomes] == [Money(227000), Money("1.5")]
    assert dataset.collective_incomes[1].amount.yuan == Decimal("1.5")


def test_the_writer_refuses_a_folder_with_other_csv_files(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.csv").write_text("a\n1\n", "utf-8")
    with pytest.raises(DataFileError, match=r"notes\.csv"):
        save_dataset(datasets.load("lingyun-2022"), tmp_path / "out")


def test_a_smaller_dataset_written_over_a_folder_replaces_it(tmp_path: Path) -> None:
    lingyun = datasets.load("lingyun-2022")
    save_dataset(lingyun, tmp_path / "out")
    places = Dataset(
        regions=lingyun.regions,
        cities=lingyun.cities,
        counties=lingyun.counties,
    )
    save_dataset(places, tmp_path / "out")
    assert (tmp_path / "out" / "villages.csv").read_text("utf-8") == "id,name,name_en,township_id\n"
    assert load_dataset(tmp_path / "out") == places


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("county.csv", "a CSV dataset is a folder"),
        ("county.xlsx", "no such file or folder"),
    ],
)
def test_paths_the_loader_cannot_read(tmp_path: Path, name: str, reason: str) -> None:
    with pytest.raises(DataFileError, match=reason) as info:
        load_dataset(tmp_path / name)
    assert str(info.value).count("\n") == 0
    assert name in str(info.value)


def test_an_unknown_suffix_of_an_existing_file(tmp_path: Path) -> None:
    (tmp_path / "county.xlsx").write_bytes(b"PK")
    with pytest.raises(DataFileError, match="cannot tell the format"):
        load_dataset(tmp_path / "county.xlsx")
    with pytest.raises(DataFileError, match="not valid JSON"):
        load_dataset(tmp_path / "county.xlsx", format="json")


# -- the JSON Schema -----------------------------------------------------------------


def _validator() -> Any:
    schema = dataset_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_the_shipped_schema_is_the_generated_one() -> None:
    shipped = (resources.files("villagemodel") / SCHEMA_RESOURCE).read_text("utf-8")
    generated = json.dumps(dataset_schema(), ensure_ascii=False, indent=2) + "\n"
    assert shipped == generated, (
        "regenerate: villagemodel schema > src/villagemodel/" + SCHEMA_RESOURCE
    )


@pytest.mark.parametrize("name", datasets.available())
def test_the_bundled_datasets_match_the_schema(name: str) -> None:
    errors = list(_validator().iter_errors(dataset_to_data(datasets.load(name))))
    assert errors == []


def _places() -> dict[str, Any]:
    return dataset_to_data(datasets.load("lingyun-2022"))


def _break(data: dict[str, Any], table: str, field: str, value: Any) -> dict[str, Any]:
    data[table][0][field] = value
    return data


@pytest.mark.parametrize(
    ("broken", "word"),
    [
        (lambda d: _break(d, "collective_incomes", "amount", 227000.5), "227000.5"),
        (lambda d: _break(d, "collective_incomes", "amount", "22.7万元"), "22.7万元"),
        (lambda d: _break(d, "collective_incomes", "year", "2022"), "'2022'"),
        (lambda d: _break(d, "townships", "kind", "county"), "'county'"),
        (lambda d: _break(d, "villages", "colour", "red"), "colour"),
        (lambda d: {**d, "village": []}, "village"),
        (lambda d: _break(d, "projects", "started_on", "2022/12/01"), "2022/12/01"),
    ],
)
def test_broken_documents_fail_the_schema(broken: Any, word: str) -> None:
    document = broken(_places())
    errors = list(_validator().iter_errors(document))
    assert errors, "the schema should refuse it"
    assert any(word in error.message for error in errors), [e.message for e in errors]


def test_the_schema_lists_labels_and_keeps_records_closed() -> None:
    schema = dataset_schema()
    kind = schema["$defs"]["TownshipKind"]
    assert kind["enum"][:3] == ["town", "township", "ethnic_township"]
    assert "民族乡" in kind["enum"]
    village = schema["$defs"]["Village"]
    assert village["additionalProperties"] is False
    assert village["required"] == ["id", "name", "township_id"]
    assert schema["$defs"]["date"]["format"] == "date"
    assert schema["additionalProperties"] is False


def test_the_csv_reference_in_the_docs_is_the_generated_one() -> None:
    from villagemodel.formats import csv_reference_markdown  # noqa: PLC0415

    page = (Path(__file__).resolve().parents[1] / "docs" / "formats.md").read_text("utf-8")
    start, end = "<!-- csv-reference:start -->\n", "<!-- csv-reference:end -->"
    assert start in page
    assert end in page
    written = page[page.index(start) + len(start) : page.index(end)]
    generated = csv_reference_markdown()
    assert written == generated, (
        "regenerate the section of docs/formats.md between the csv-reference markers with "
        "villagemodel.formats.csv_reference_markdown()"
    )
    for table in CSV_HEADER_ALIASES:
        name = "dataset.csv" if table == "dataset" else f"{table}.csv"
        assert f"#### `{name}`" in generated
        for column in csv_columns(table):
            assert f"| `{column}` |" in generated, (table, column)
    for word in ("whole number", "money", "decimal", "date", "flag", "code (`", "ids", "quantity"):
        assert f"| {word}" in generated, word
