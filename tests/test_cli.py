"""The villagemodel command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from villagemodel import __version__
from villagemodel.cli import main
from villagemodel.parameters import ParameterSet

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "data"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_version() -> None:
    code, out = run("--version")
    assert code == 0
    assert __version__ in out


def test_show_prints_the_six_villages_of_the_report() -> None:
    code, out = run("show", "lingyun-2022")
    assert code == 0
    for name in ("陶化村", "初化村", "后龙村", "那留村", "腰马村", "双达村"):
        assert name in out
    assert "22.7万元" in out


def test_show_in_english() -> None:
    code, out = run("show", "lingyun-2022", "--lang", "en")
    assert code == 0
    assert "Taohua: meat pigeons" in out
    assert "227,000 yuan" in out


def test_an_unknown_dataset_is_refused_with_the_names_available() -> None:
    code, out = run("show", "lingyun-2021")
    assert code != 0
    assert "'lingyun-2021'" in out
    assert "lingyun-2022" in out


def test_params_json_lists_every_parameter_and_every_value_has_a_source() -> None:
    code, out = run(
        "params", "--format", "json", "--jurisdiction", "CN/guangxi", "--date", "2023-04-18"
    )
    assert code == 0
    document: dict[str, Any] = json.loads(out)
    names = [p["name"] for p in document["parameters"]]
    assert names == list(ParameterSet.default().names())
    assert "monitoring.income_line" in names
    values = [v for p in document["parameters"] for v in p["values"]]
    assert values, "the shipped files hold values"
    for value in values:
        assert value["source"]["title"], value
        assert value["confidence"] in {"high", "medium", "low"}
        assert value["jurisdiction"].startswith("CN")


def test_params_says_when_no_value_is_in_force() -> None:
    code, out = run("params", "--jurisdiction", "CN/guangxi", "--date", "2023-04-18")
    assert code == 0
    block = out.split("monitoring.income_line", 1)[1].split("\n\n", 1)[0]
    assert "no value in force" in block


def test_params_in_force_follows_the_date() -> None:
    code, out = run("params", "--format", "json", "--date", "2017-06-30")
    assert code == 0
    document = json.loads(out)
    water = next(
        p for p in document["parameters"] if p["name"] == "guarantees.water_days_without_supply_max"
    )
    assert water["in_force"] is None  # the standard dates from 2018


def test_params_refuses_a_bad_date_and_a_bad_jurisdiction() -> None:
    code, out = run("params", "--date", "18/04/2023")
    assert code != 0
    assert "18/04/2023" in out
    code, out = run("params", "--jurisdiction", "CN//baise")
    assert code != 0
    assert "CN//baise" in out


def test_rate_the_example_scores_gives_the_reported_distribution() -> None:
    """The illustrative scores give "1个5星, 1个4星, 其余4个3星" under the 2023 notice."""
    code, out = run(
        "rate", str(EXAMPLES / "branch-scores-2022.toml"), "--rubric", "city-2023-notice"
    )
    assert code == 0, out
    assert "1 × 5 stars, 1 × 4 stars, 4 × 3 stars" in out


def test_rate_json_names_the_rubric_and_its_source(tmp_path: Path) -> None:
    scores = tmp_path / "scores.toml"
    scores.write_text(
        'year = 2016\n[[branches]]\nid = "b1"\npoints = { basic = "96" }\n'
        '[[branches]]\nid = "b2"\npoints = { basic = 59 }\n',
        encoding="utf-8",
    )
    code, out = run(
        "rate",
        str(scores),
        "--rubric",
        "tianjin-xiqing-2016",
        "--format",
        "json",
    )
    assert code == 0, out
    assert "tianjin-xiqing-2016" in out
    assert "津西党组发〔2016〕25号" in out
    document = json.loads(out)
    assert document["rubric"]["source"]["title"] == "津西党组发〔2016〕25号"
    ratings = {r["branch_id"]: r for r in document["ratings"]}
    # 96 earns 5 stars by score, but 10% of 2 branches rounds down to no place.
    assert (ratings["b1"]["by_score"], ratings["b1"]["rating"]) == ("5", "4")
    assert ratings["b1"]["quota_demoted"] is True
    # Below 60: no star.
    assert ratings["b2"]["rating"] == "unrated"


def test_rate_refuses_an_unknown_rubric() -> None:
    code, out = run("rate", str(EXAMPLES / "branch-scores-2022.toml"), "--rubric", "guangxi")
    assert code != 0
    assert "guangxi" in out


# -- dataset files: validate, schema, and the commands on a file ------------------


def _synthetic_folder(tmp_path: Path) -> Path:
    from villagemodel import datasets  # noqa: PLC0415
    from villagemodel.formats import save_dataset  # noqa: PLC0415

    return save_dataset(datasets.load("lingyun-2022-synthetic"), tmp_path / "county")


def test_validate_a_good_file_and_folder(tmp_path: Path) -> None:
    from villagemodel import datasets  # noqa: PLC0415
    from villagemodel.formats import save_dataset  # noqa: PLC0415

    folder = _synthetic_folder(tmp_path)
    document = save_dataset(datasets.load("lingyun-2022"), tmp_path / "lingyun.yaml")
    code, out = run("validate", str(folder), str(document))
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0].startswith(f"{folder}: ok (1 region, 1 city, 1 county, 3 townships, ")
    assert "6 villages, " in lines[0]
    assert "308 households" in lines[0]
    assert lines[1].startswith(f"{document}: ok (")


def test_validate_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    folder = _synthetic_folder(tmp_path)
    households = folder / "households.csv"
    lines = households.read_text("utf-8").splitlines()
    lines[5] = lines[5].replace(",formerly_poor", ",yes").replace(",never_registered", ",yes")
    lines.append(lines[1])  # a duplicate id on the last line
    households.write_text("\n".join(lines) + "\n", "utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"villages": [', "utf-8")
    code, out = run("validate", str(folder), str(broken))
    assert code == 1
    assert f"{folder}: 2 problems" in out
    assert f"  {households}:6: households[4].history: not one of:" in out
    assert f"  {households}:{len(lines)}: households[{len(lines) - 2}].id: duplicate id" in out
    assert f"{broken}: 1 problem\n  {broken}:1: not valid JSON" in out


def test_validate_json_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[villages]]\nid = "v1"\nname = "村"\ntownship_id = "t9"\n', "utf-8")
    code, out = run("validate", "--format", "json", str(bad))
    assert code == 1
    [result] = json.loads(out)
    assert result["ok"] is False
    assert result["records"] is None
    assert result["problems"] == [
        {
            "file": str(bad),
            "line": None,
            "path": "villages[0].township_id",
            "value": "t9",
            "message": "no township has this id",
        }
    ]


def test_validate_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("validate")[0] == 2
    code, out = run("validate", str(tmp_path / "missing.json"))
    assert code == 2
    assert "missing.json" in out


def test_report_and_check_on_a_csv_folder_match_the_bundled_dataset(tmp_path: Path) -> None:
    folder = _synthetic_folder(tmp_path)
    code, from_file = run("report", str(folder), "--format", "json")
    assert code == 0, from_file
    code, bundled = run("report", "lingyun-2022-synthetic", "--format", "json")
    assert code == 0
    assert json.loads(from_file) == json.loads(bundled)
    code, out = run("check", str(folder), "--format", "json")
    assert code == 0, out
    document = json.loads(out)
    assert document["claim_set"] == "lingyun-2022"
    assert document["summary"]["contradicted"] == 0
    assert document["dataset"] == str(folder)
    code, out = run("show", str(folder), "--lang", "en")
    assert code == 0
    assert out.startswith(f"lingyun-2022-synthetic [{folder}]")
    assert "Taohua" in out


def test_a_file_without_a_name_needs_claims(tmp_path: Path) -> None:
    from villagemodel import datasets  # noqa: PLC0415
    from villagemodel.formats import dataset_to_text  # noqa: PLC0415

    text = dataset_to_text(datasets.load("lingyun-2022"), "json")
    document = json.loads(text)
    del document["name"]
    path = tmp_path / "unnamed.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    code, out = run("report", str(path))
    assert code == 1
    assert "without a name" in out
    assert "--claims" in out
    code, out = run("report", str(path), "--claims", "lingyun-2022", "--lang", "en")
    assert code == 0, out
    assert "unnamed.json" not in out.splitlines()[0]


def test_a_name_that_is_neither_a_dataset_nor_a_file() -> None:
    code, out = run("report", "county-2030")
    assert code == 1
    assert "no bundled dataset is named 'county-2030'" in out
    assert "lingyun-2022-synthetic" in out
    assert "no file or folder 'county-2030' exists" in out


def test_a_broken_file_is_reported_by_report(tmp_path: Path) -> None:
    path = tmp_path / "county.yaml"
    path.write_text("villages:\n  - {id: v1, name: 村, township_id: t9}\n", "utf-8")
    code, out = run("report", str(path), "--claims", "lingyun-2022")
    assert code == 1
    assert f"{path}:2: villages[0].township_id: no township has this id (got 't9')" in out


def test_schema_prints_the_shipped_schema() -> None:
    from importlib import resources  # noqa: PLC0415

    from villagemodel.formats import SCHEMA_RESOURCE  # noqa: PLC0415

    code, out = run("schema")
    assert code == 0
    assert out == (resources.files("villagemodel") / SCHEMA_RESOURCE).read_text("utf-8")


def test_explain_a_metric_of_the_example_csv_folder() -> None:
    folder = EXAMPLES / "county-csv"
    code, out = run(
        "explain", str(folder), "collective_income.total", "--period", "2022", "--lang", "en"
    )
    assert code == 0, out
    assert "= 902,000 yuan" in out
    assert "陶化村: 227,000 yuan" in out


def test_report_writes_a_self_contained_html_page_with_its_charts(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    code, out = run("report", "lingyun-2022-synthetic", "--format", "html", "--output", str(page))
    assert code == 0, out
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<svg") == 5
    assert "90.2万元" in html
    assert 'src="http' not in html
    assert 'href="http' not in html
    assert f"{page}: html" in out


def test_report_html_of_the_source_records_says_which_charts_have_no_records() -> None:
    code, out = run("report", "lingyun-2022", "--format", "html", "--lang", "en")
    assert code == 0, out
    assert out.count("<svg") == 1
    assert 'lang="en"' in out


def test_validate_refuses_empty_files(tmp_path: Path) -> None:
    files = {"empty.yaml": "", "empty.toml": "", "null.json": "null", "empty.json": ""}
    for name, text in files.items():
        (tmp_path / name).write_text(text, "utf-8")
    code, out = run("validate", *(str(tmp_path / name) for name in files))
    assert code == 1, out
    assert "ok" not in out
    for name, text in files.items():
        reason = "the document is null" if text else "an empty file"
        assert f"{tmp_path / name}: 1 problem\n  {tmp_path / name}: {reason}" in out


def test_report_says_why_it_cannot_write_its_output(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "report.html"
    code, out = run("report", "lingyun-2022", "--format", "json", "--output", str(target))
    assert code == 1
    assert "Traceback" not in out
    assert out.startswith(f"Error: cannot write {target}: ")
    assert "No such file or directory" in out
    assert out.count("\n") == 1
