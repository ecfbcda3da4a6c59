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
