"""The report's claims checked against each other: bounds derived, contradictions named."""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from villagemodel import CollectiveIncome, Dataset, Money, Period, datasets
from villagemodel.approx import Interval
from villagemodel.claims import Claim, ClaimSet, Quantifier, load_claims
from villagemodel.cli import main
from villagemodel.consistency import check_consistency
from villagemodel.errors import UnknownReferenceError
from villagemodel.ids import VillageId
from villagemodel.metrics import Subject

SIX = ("taohua", "chuhua", "houlong", "naliu", "yaoma", "shuangda")
OTHER_FOUR = ("chuhua", "houlong", "naliu", "yaoma")
YEAR_2022 = Period.calendar_year(2022)
CLAIMS = load_claims("lingyun-2022")
LINGYUN = datasets.load("lingyun-2022")
INCOME_CLAIMS = ("income-total", "income-taohua", "income-shuangda", "income-other-four")


def open_interval(low: int, high: int) -> Interval:
    return Interval.between(low, high, low_closed=False, high_closed=False)


# -- the report as published -------------------------------------------------------------------


def test_the_report_s_claims_can_all_be_true() -> None:
    report = check_consistency(CLAIMS)
    assert report.consistent
    assert report.impossible == ()
    assert report.converged
    narrative = {c.id for c in CLAIMS if c.is_stated_only}
    assert set(report.not_used) == narrative


def test_the_four_other_villages_each_lie_between_11_wan_and_what_the_total_leaves() -> None:
    """其他4村均突破11万元, with 90.2万元 in all, 22.7万元 and 20余万元: each of the
    four lies above 110,000 and below 902,500 − 226,500 − 200,000 − 3 × 110,000."""
    report = check_consistency(CLAIMS)
    for village in OTHER_FOUR:
        bound = report.bound_of("collective_income.total", village)
        assert bound.interval == open_interval(110000, 146000)
        assert set(bound.from_claims) == set(INCOME_CLAIMS)
        assert not bound.known
    shuangda = report.bound_of("collective_income.total", "shuangda")
    assert shuangda.interval == open_interval(200000, 236000)


def test_with_the_records_taohua_is_known_and_the_bounds_tighten() -> None:
    report = check_consistency(CLAIMS, LINGYUN)
    assert report.consistent
    taohua = report.bound_of("collective_income.total", "taohua")
    assert taohua.known
    assert taohua.interval == Interval.exact(227000)
    for village in OTHER_FOUR:
        bound = report.bound_of("collective_income.total", village)
        assert bound.interval == open_interval(110000, 145500)
        assert bound.from_records
        assert bound.render("zh") == "(11万元, 14.55万元)"
    shuangda = report.bound_of("collective_income.total", "shuangda")
    assert shuangda.interval == open_interval(200000, 235500)


def test_the_per_village_average_is_the_total_over_six() -> None:
    report = check_consistency(CLAIMS)
    average = report.bound_of("collective_income.per_village", *SIX)
    assert average.interval == Interval.between(
        Fraction(901500, 6), Fraction(902500, 6), high_closed=False
    )


def test_the_county_s_average_growth_is_12_76_percent_less_2_1_points() -> None:
    """比全县平均水平高2.1个百分点: the county's growth lies in
    [12.755, 12.765) − [2.05, 2.15), that is (10.605%, 10.715%)."""
    report = check_consistency(CLAIMS, LINGYUN)
    county = next(b for b in report.bounds if b.variable.subject == Subject.county("lingyun"))
    assert county.interval == Interval.between(
        Fraction("10.605"), Fraction("10.715"), low_closed=False, high_closed=False
    )
    assert set(county.from_claims) == {"income-growth", "growth-above-county"}
    assert county.render("en") == "(10.605%, 10.715%)"
    assert "凌云县" in county.label_zh


# -- a contradicted claim is caught ----------------------------------------------------------


def edited(claims: ClaimSet = CLAIMS, **stated: str) -> ClaimSet:
    for claim_id, text in stated.items():
        claims = claims.with_claim(claim_id.replace("_", "-"), stated=text)
    return claims


def test_a_total_of_80_2_wan_makes_the_income_claims_impossible() -> None:
    """Editing 90.2万元 to 80.2万元: 22.7万 + 20余万 + 4 × 突破11万 exceeds it."""
    report = check_consistency(edited(income_total="80.2万元"))
    assert not report.consistent
    impossible = {c.claim: c for c in report.impossible}
    assert set(impossible) == set(INCOME_CLAIMS)
    assert set(impossible["income-total"].given) == set(INCOME_CLAIMS) - {"income-total"}
    assert "income-per-village" not in impossible
    text = report.to_text("en")
    assert "income-total: impossible given the claims income-other-four" in text


def test_with_the_records_the_80_2_wan_total_is_impossible_given_taohua_s_record() -> None:
    report = check_consistency(edited(income_total="80.2万元"), LINGYUN)
    impossible = {c.claim: c for c in report.impossible}
    # 陶化村's record fixes its income; its claim is not what breaks the total
    assert set(impossible) == {"income-total", "income-shuangda", "income-other-four"}
    assert impossible["income-total"].records
    assert "与说法income-other-four、income-shuangda及数据记录不可能同时成立" in (
        report.to_text("zh")
    )


def test_a_per_village_average_above_what_the_total_allows_is_caught() -> None:
    report = check_consistency(edited(income_per_village="突破16万元"))
    impossible = {c.claim for c in report.impossible}
    assert impossible == {"income-total", "income-per-village"}


def test_two_claims_on_one_figure_that_disagree_are_caught() -> None:
    taohua = CLAIMS.by_id("income-taohua")
    other = attrs.evolve(taohua, id="income-taohua-again", stated="23.7万元")
    report = check_consistency([taohua, other])
    assert not report.consistent
    (conflict,) = report.conflicts
    assert conflict.claims == ("income-taohua", "income-taohua-again")


def test_a_claim_the_records_contradict_is_named_with_the_records() -> None:
    wrong = attrs.evolve(CLAIMS.by_id("income-taohua"), stated="23.7万元")
    report = check_consistency([wrong], LINGYUN)
    (impossible,) = report.impossible
    assert impossible.claim == "income-taohua"
    assert impossible.records
    assert impossible.given == ()


def test_counts_are_whole_numbers() -> None:
    """13面 read as rounded covers [12.5, 13.5); a count in it is 13."""
    flags = CLAIMS.by_id("red-flags")
    each = attrs.evolve(
        flags,
        id="flags-each",
        subject=Subject.villages(*SIX),
        quantifier=Quantifier.EACH,
        stated="3面",
    )
    report = check_consistency([flags, each])
    assert not report.consistent  # six villages with three flags each make 18, not 13


def test_an_unknown_village_is_refused() -> None:
    claim = attrs.evolve(CLAIMS.by_id("income-taohua"), subject=Subject.villages("xinzhai"))
    with pytest.raises(UnknownReferenceError, match="'xinzhai'"):
        check_consistency([claim], LINGYUN)


# -- the command ------------------------------------------------------------------------------


def test_villagemodel_check_names_the_claims_an_edited_total_makes_impossible(
    tmp_path: Path,
) -> None:
    folder = resources.files("villagemodel") / "data" / "claims"
    text = (folder / "lingyun-2022.toml").read_text("utf-8")
    assert text.count('stated = "90.2万元"') == 1
    claims_file = tmp_path / "edited.toml"
    claims_file.write_text(text.replace('stated = "90.2万元"', 'stated = "80.2万元"'), "utf-8")
    result = CliRunner().invoke(
        main, ["check", "lingyun-2022", "--claims", str(claims_file), "--lang", "en"]
    )
    assert result.exit_code == 1
    out = result.output
    assert "Claims the others make impossible:" in out
    for claim_id in ("income-total", "income-shuangda", "income-other-four"):
        assert f"  {claim_id}: impossible given" in out
    result = CliRunner().invoke(
        main, ["check", "lingyun-2022", "--claims", str(claims_file), "--format", "json"]
    )
    document: dict[str, Any] = json.loads(result.output)
    assert document["consistency"]["consistent"] is False
    assert {c["claim"] for c in document["consistency"]["impossible"]} == {
        "income-total",
        "income-shuangda",
        "income-other-four",
    }


def test_villagemodel_check_prints_the_bounds_it_derives() -> None:
    result = CliRunner().invoke(main, ["check", "lingyun-2022", "--lang", "en"])
    assert result.exit_code == 0
    out = result.output
    assert "Bounds derived for what is not known:" in out
    assert "Collective-economy income, total, 初化村, 2022: (110,000, 145,500) yuan" in out
    assert "Collective-economy income, total, 双达村, 2022: (200,000, 235,500) yuan" in out
    assert "(10.605%, 10.715%)" in out
    assert "Contradictions: none found" in out


# -- properties --------------------------------------------------------------------------------


TOTAL = "collective_income.total"


def income(village: str, stated: str, *, each: tuple[str, ...] = ()) -> Claim:
    villages = each or ((village,) if village != "six" else SIX)
    return Claim(
        id=f"income-{village}",
        section="整合资源促发展,推进强村富民",
        sentence="generated",
        metric="collective_income.per_village" if village == "average" else TOTAL,
        subject=Subject.villages(*(SIX if village == "average" else villages)),
        quantifier=Quantifier.EACH if each else Quantifier.TOTAL,
        period=YEAR_2022,
        stated=stated,
        template_zh="{value}",
        template_en="{value}",
    )


def wan_tenths(amount: int) -> str:
    """An amount rounded half up to a tenth of 万, as a report writes it: 90.2万元."""
    tenths = (amount + 500) // 1000
    return f"{Decimal(tenths).scaleb(-1)}万元"


def with_incomes(incomes: Mapping[str, int]) -> Dataset:
    records = [
        CollectiveIncome(village_id=VillageId(v), year=2022, amount=Money(a))
        for v, a in incomes.items()
    ]
    return attrs.evolve(LINGYUN, collective_incomes=records)


@given(
    taohua=st.integers(150_000, 300_000),
    shuangda=st.integers(200_001, 299_999),
    others=st.lists(st.integers(110_001, 250_000), min_size=4, max_size=4),
    recorded=st.sets(st.sampled_from(SIX), max_size=6),
)
def test_derived_bounds_are_sound(
    taohua: int, shuangda: int, others: list[int], recorded: set[str]
) -> None:
    """Whatever incomes the villages have, when the report's sentences are
    written from them the derived bounds contain every true value."""
    truth = {"taohua": taohua, "shuangda": shuangda, **dict(zip(OTHER_FOUR, others, strict=True))}
    total = sum(truth.values())
    average = Fraction(total, 6)
    above_average = (average / 10000).__ceil__() - 1
    above_others = (min(others) - 1) // 10000
    claims = [
        income("six", wan_tenths(total)),
        income("average", f"突破{above_average}万元"),
        income("taohua", wan_tenths(taohua)),
        income("shuangda", "20余万元"),
        income("others", f"突破{above_others}万元", each=OTHER_FOUR),
    ]
    dataset = with_incomes({v: truth[v] for v in recorded}) if recorded else None
    report = check_consistency(claims, dataset)
    assert report.consistent
    for village, value in truth.items():
        assert report.bound_of("collective_income.total", village).contains(Money(value))
    assert report.bound_of("collective_income.total", *SIX).contains(Money(total))
    assert report.bound_of("collective_income.per_village", *SIX).contains(average)
    for village in recorded:
        assert report.bound_of("collective_income.total", village).interval == Interval.exact(
            truth[village]
        )


@given(
    growth=st.fractions(min_value=0, max_value=40, max_denominator=10**6),
    gap=st.fractions(min_value=0, max_value=10, max_denominator=10**6),
)
def test_the_other_side_of_a_difference_is_bounded_soundly(growth: Fraction, gap: Fraction) -> None:
    """A growth rate and a difference in points, each written to two decimals,
    bound the county's rate around its true value."""

    def two_places(value: Fraction) -> str:
        hundredths = (value * 100 + Fraction(1, 2)).__floor__()
        return str(Decimal(hundredths).scaleb(-2))

    county = growth - gap
    rate = CLAIMS.by_id("income-growth")
    difference = CLAIMS.by_id("growth-above-county")
    claims = [
        attrs.evolve(rate, stated=f"{two_places(growth)}%"),
        attrs.evolve(difference, stated=f"{two_places(growth - county)}个百分点"),
    ]
    report = check_consistency(claims)
    bound = next(b for b in report.bounds if b.variable.subject == Subject.county("lingyun"))
    assert bound.interval.contains(county)
