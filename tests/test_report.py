"""The report rendered from records: the synthetic dataset reproduces the report."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from villagemodel import datasets
from villagemodel.approx import parse
from villagemodel.claims import Claim, Verdict, load_claims
from villagemodel.cli import main
from villagemodel.report import Report, build_report

CLAIMS = load_claims("lingyun-2022")


@pytest.fixture(scope="module")
def synthetic() -> Report:
    return build_report(datasets.load("lingyun-2022-synthetic"), CLAIMS, synthetic=True)


@pytest.fixture(scope="module")
def source() -> Report:
    return build_report(datasets.load("lingyun-2022"), CLAIMS)


def test_every_claim_has_a_line_in_the_report_order(synthetic: Report) -> None:
    assert [line.claim.id for line in synthetic.lines] == [c.id for c in CLAIMS]


@pytest.mark.parametrize("claim", [c for c in CLAIMS if not c.is_stated_only], ids=lambda c: c.id)
def test_the_synthetic_records_reproduce_the_figure_of_each_sentence(
    synthetic: Report, claim: Claim
) -> None:
    """Each figure the records can give comes from the records and bears the report out."""
    line = synthetic.line(claim.id)
    if claim.compared_with is not None:  # the county's other villages are not in the records
        assert line.source == "report"
        assert line.check.verdict is Verdict.UNDETERMINED
        return
    assert line.source == "data", line.text_zh
    assert line.check.verdict is Verdict.HOLDS, line.check.to_text("en")
    exact = parse(claim.stated).interval.is_exact
    if exact and "{value}" in claim.template_zh:
        # An exact figure is written back exactly as the report writes it.
        assert line.text_zh.startswith(claim.text("zh")), (line.text_zh, claim.text("zh"))


def test_report_sentences_from_the_synthetic_records(synthetic: Report) -> None:
    """Spot checks of whole sentences, as the report phrases them."""
    assert synthetic.line("income-total").text_zh == "2022年,帮扶的6个村集体经济收入总量为90.2万元"
    assert synthetic.line("income-taohua").text_zh == "2022年,陶化村集体经济收入22.7万元"
    assert synthetic.line("assistance-funds").text_zh == "2021年以来,6个村共落实帮扶资金1493万元"
    assert synthetic.line("income-growth").text_zh.endswith("年平均增幅为12.76%")
    lamps = synthetic.line("street-lamps").text_zh
    assert lamps.startswith("安装路灯")
    assert "余" not in lamps  # the records hold an exact number of lamps


def test_the_source_records_give_only_what_they_hold(source: Report) -> None:
    from_data = {line.claim.id for line in source.lines if line.source == "data"}
    assert "income-taohua" in from_data
    assert "income-total" not in from_data
    assert source.line("income-total").text_zh == "2022年,帮扶的6个村集体经济收入总量为90.2万元"
    assert source.line("income-shuangda").text_zh == "双达村20余万元"
    assert all(line.check.verdict is not Verdict.CONTRADICTED for line in source.lines)


def test_the_text_marks_figures_kept_from_the_report(source: Report) -> None:
    text = source.to_text("zh")
    assert "村均突破10万元［原文］" in text
    assert "2022年,陶化村集体经济收入22.7万元\n" in text
    english = source.to_text("en")
    assert "[as stated]" in english


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_report_command_on_the_bundled_report() -> None:
    code, out = run("report", "lingyun-2022")
    assert code == 0, out
    assert "2022年,帮扶的6个村集体经济收入总量为90.2万元" in out


def test_report_command_on_the_synthetic_records_in_json() -> None:
    code, out = run("report", "lingyun-2022-synthetic", "--format", "json")
    assert code == 0, out
    document = json.loads(out)
    assert document["synthetic"] is True
    assert len(document["lines"]) == len(CLAIMS)
    total = next(line for line in document["lines"] if line["claim"] == "income-total")
    assert total["figure_from"] == "data"
    assert total["derivations"][0]["value"] == "902000"


def test_explain_a_claim_and_a_metric() -> None:
    code, out = run("explain", "lingyun-2022-synthetic", "income-total", "--lang", "en")
    assert code == 0, out
    assert "holds" in out
    assert "陶化村: 227,000 yuan" in out
    code, out = run(
        "explain",
        "lingyun-2022-synthetic",
        "collective_income.per_village",
        "--period",
        "2022",
        "--lang",
        "en",
    )
    assert code == 0, out
    assert "number of villages: 6" in out


def test_explain_refuses_an_unknown_figure_and_a_metric_without_a_period() -> None:
    code, out = run("explain", "lingyun-2022", "no-such-figure")
    assert code != 0
    assert "'no-such-figure'" in out
    code, out = run("explain", "lingyun-2022", "collective_income.total")
    assert code != 0
    assert "--period" in out
