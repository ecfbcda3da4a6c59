"""Claims: the report's figures as data, read and checked against records.

Tests are named after the sentence they check.
"""

from __future__ import annotations

import datetime
import json
import tomllib
from collections.abc import Mapping
from fractions import Fraction
from importlib import resources
from typing import Any

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from villagemodel import (
    Activity,
    ActivityKind,
    CollectiveIncome,
    Dataset,
    Money,
    Period,
    Village,
    datasets,
)
from villagemodel.approx import Convention, Interval, UnparseableQuantityError
from villagemodel.claims import (
    STATED,
    Claim,
    ClaimCheck,
    Precision,
    Quantifier,
    Verdict,
    available_claim_sets,
    check_claim,
    check_claims,
    claims_from_data,
    load_claims,
    period_from_phrase,
)
from villagemodel.cli import main
from villagemodel.errors import InvalidValueError, UnitMismatchError, UnknownReferenceError
from villagemodel.ids import ActivityId, TownshipId, VillageId
from villagemodel.metrics import METRICS, Subject, UnknownMetricError

AS_OF = datetime.date(2023, 4, 18)
YEAR_2022 = Period.calendar_year(2022)
SIX = ("taohua", "chuhua", "houlong", "naliu", "yaoma", "shuangda")
OTHER_FOUR = ("chuhua", "houlong", "naliu", "yaoma")
LINGYUN = datasets.load("lingyun-2022")
INCOME_SENTENCE = "2022年,帮扶的6个村集体经济收入总量为90.2万元,村均突破10万元。"
VILLAGE_SENTENCE = "2022年,陶化村集体经济收入22.7万元、双达村20余万元、其他4村均突破11万元。"


def with_incomes(incomes: Mapping[str, int], dataset: Dataset = LINGYUN) -> Dataset:
    """The dataset with exactly these 2022 collective incomes (yuan)."""
    records = [
        CollectiveIncome(village_id=VillageId(v), year=2022, amount=Money(amount))
        for v, amount in incomes.items()
    ]
    return attrs.evolve(dataset, collective_incomes=records)


def income_claim(**changes: Any) -> Claim:
    """A claim on the six villages' 2022 collective income ("90.2万元")."""
    fields: dict[str, Any] = {
        "id": "income-total",
        "section": "总述",
        "sentence": INCOME_SENTENCE,
        "metric": "collective_income.total",
        "subject": Subject.villages(*SIX),
        "period": YEAR_2022,
        "stated": "90.2万元",
        "template_zh": "2022年,帮扶的6个村集体经济收入总量为{value}",
        "template_en": "In 2022 the six villages' collective-economy income totalled {value}",
    }
    fields.update(changes)
    return Claim(**fields)


REPORTED = {
    "taohua": 227000,
    "chuhua": 115000,
    "houlong": 116600,
    "naliu": 115900,
    "yaoma": 110600,
    "shuangda": 216900,
}
"""Figures that agree with the report: they total 902,000 yuan."""


# -- 2022年,帮扶的6个村集体经济收入总量为90.2万元 -------------------------------------


def test_six_villages_income_totalled_90_2_wan_holds_on_records_with_those_figures() -> None:
    """2022年,帮扶的6个村集体经济收入总量为90.2万元: holds on records that total 902,000 yuan."""
    assert sum(REPORTED.values()) == 902000
    result = check_claim(income_claim(), with_incomes(REPORTED))
    assert result.verdict is Verdict.HOLDS
    assert [c.holds for c in result.explanation.comparisons] == [True, True]
    (value,) = result.values
    assert value.value == Money(902000)
    assert [t.label_zh for t in value.derivation.terms] == [
        "陶化村",
        "初化村",
        "后龙村",
        "那留村",
        "腰马村",
        "双达村",
    ]


@pytest.mark.parametrize(
    ("total", "verdict"),
    [
        (901500, Verdict.HOLDS),  # rounds half up to 90.2万
        (902499, Verdict.HOLDS),
        (901499, Verdict.CONTRADICTED),
        (902500, Verdict.CONTRADICTED),  # rounds to 90.3万
    ],
)
def test_90_2_wan_is_read_as_rounded_at_its_last_digit(total: int, verdict: Verdict) -> None:
    """90.2万元 covers every total that rounds to it, half up."""
    incomes = dict(REPORTED, taohua=REPORTED["taohua"] + total - 902000)
    assert check_claim(income_claim(), with_incomes(incomes)).verdict is verdict


def test_90_2_wan_is_read_as_exact_when_asked() -> None:
    """90.2万元 read as exact (Precision.EXACT)."""
    claim = income_claim(precision=Precision.EXACT)
    assert claim.interval == Interval.exact(902000)
    assert income_claim().interval == Interval.between(901500, 902500, high_closed=False)
    incomes = dict(REPORTED, taohua=REPORTED["taohua"] + 1)
    assert check_claim(claim, with_incomes(incomes)).verdict is Verdict.CONTRADICTED


def test_six_villages_income_total_is_undetermined_while_five_have_no_record() -> None:
    """6个村集体经济收入总量: undetermined while five villages have no record."""
    result = check_claim(income_claim(), LINGYUN)
    assert result.verdict is Verdict.UNDETERMINED
    assert "初化村" in result.reason_zh
    assert "初化村" in result.reason_en


def test_a_contradicted_total_says_so_in_both_languages_and_json() -> None:
    result = check_claim(income_claim(stated="80.2万元"), with_incomes(REPORTED))
    assert result.verdict is Verdict.CONTRADICTED
    text_en, text_zh = result.to_text("en"), result.to_text("zh")
    assert "contradicted" in text_en
    assert "902,000 yuan < 802,500 yuan: false" in text_en
    assert "与数据矛盾" in text_zh
    assert "90.2万元 < 80.25万元: 不成立" in text_zh
    document = json.loads(json.dumps(result.to_json(), ensure_ascii=False))
    assert document["verdict"] == "contradicted"
    assert document["claim"]["interval"] == "[801500, 802500)"
    assert document["derivations"][0]["metric"] == "collective_income.total"
    assert document["explanation"]["parts"][0]["rule"] == "collective_income.total"


# -- 村均突破10万元 ---------------------------------------------------------------------


def per_village(stated: str) -> Claim:
    return income_claim(
        id="income-per-village",
        metric="collective_income.per_village",
        stated=stated,
        template_zh="村均{value}",
        template_en="{value} per village",
    )


def test_per_village_above_10_wan_holds_when_the_average_exceeds_it() -> None:
    """村均突破10万元: holds when the average exceeds 100,000 yuan."""
    result = check_claim(per_village("突破10万元"), with_incomes(REPORTED))
    assert result.verdict is Verdict.HOLDS
    assert result.explanation.comparisons[0].operator.symbol == ">"


def test_per_village_above_10_wan_is_contradicted_by_exactly_10_wan() -> None:
    """村均突破10万元: 突破 excludes the bound."""
    incomes = dict.fromkeys(SIX, 100000)
    assert check_claim(per_village("突破10万元"), with_incomes(incomes)).verdict is (
        Verdict.CONTRADICTED
    )


# -- 2022年,陶化村集体经济收入22.7万元、双达村20余万元、其他4村均突破11万元 -------------------


def village_claim(claim_id: str, stated: str, *villages: str, each: bool = False) -> Claim:
    return Claim(
        id=claim_id,
        section="整合资源促发展,推进强村富民",
        sentence=VILLAGE_SENTENCE,
        metric="collective_income.total",
        subject=Subject.villages(*villages),
        quantifier=Quantifier.EACH if each else Quantifier.TOTAL,
        period=YEAR_2022,
        stated=stated,
        template_zh="{value}",
        template_en="{value}",
    )


def test_taohua_income_22_7_wan_holds_on_the_bundled_records() -> None:
    """2022年,陶化村集体经济收入22.7万元."""
    result = check_claim(village_claim("taohua", "22.7万元", "taohua"), LINGYUN)
    assert result.verdict is Verdict.HOLDS


@pytest.mark.parametrize(
    ("amount", "verdict"),
    [
        (216900, Verdict.HOLDS),
        (200001, Verdict.HOLDS),
        (200000, Verdict.CONTRADICTED),  # 余: more than 20万
        (300000, Verdict.CONTRADICTED),  # and less than 30万
    ],
)
def test_shuangda_20_odd_wan(amount: int, verdict: Verdict) -> None:
    """双达村20余万元: more than 200,000 and less than 300,000 yuan."""
    claim = village_claim("shuangda", "20余万元", "shuangda")
    assert check_claim(claim, with_incomes({"shuangda": amount})).verdict is verdict


def test_other_four_each_above_11_wan_holds_when_each_exceeds_it() -> None:
    """其他4村均突破11万元: holds when each of the four exceeds 110,000 yuan."""
    claim = village_claim("others", "突破11万元", *OTHER_FOUR, each=True)
    result = check_claim(claim, with_incomes(REPORTED))
    assert result.verdict is Verdict.HOLDS
    assert [c.label_zh for c in result.explanation.comparisons] == list(OTHER_FOUR_NAMES)
    assert len(result.values) == 4


OTHER_FOUR_NAMES = ("初化村", "后龙村", "那留村", "腰马村")


def test_other_four_each_above_11_wan_is_contradicted_by_one_at_11_wan() -> None:
    """其他4村均突破11万元: one village at exactly 110,000 yuan contradicts it, and is named."""
    claim = village_claim("others", "突破11万元", *OTHER_FOUR, each=True)
    result = check_claim(claim, with_incomes(dict(REPORTED, naliu=110000)))
    assert result.verdict is Verdict.CONTRADICTED
    failed = [c.label_zh for c in result.explanation.comparisons if not c.holds]
    assert failed == ["那留村"]


def test_other_four_each_above_11_wan_is_undetermined_while_one_has_no_record() -> None:
    """其他4村均突破11万元: undetermined while one of the four has no record."""
    claim = village_claim("others", "突破11万元", *OTHER_FOUR, each=True)
    incomes = {v: a for v, a in REPORTED.items() if v != "yaoma"}
    result = check_claim(claim, with_incomes(incomes))
    assert result.verdict is Verdict.UNDETERMINED
    assert "腰马村" in result.reason_zh


# -- 6个村分别开展4次农村自建房安全排查 -----------------------------------------------------


def inspections(counts: Mapping[str, int]) -> Dataset:
    activities = [
        Activity(
            id=ActivityId(f"{village}-{i}"),
            kind=ActivityKind.HOUSING_SAFETY_INSPECTION,
            village_ids=(VillageId(village),),
            held_on=datetime.date(2022, 3, 1 + i),
        )
        for village, n in counts.items()
        for i in range(n)
    ]
    return attrs.evolve(LINGYUN, activities=activities)


INSPECTIONS = Claim(
    id="housing-inspections",
    section="从细从实防返贫,巩固脱贫成果",
    sentence="住房保障方面,6个村分别开展4次农村自建房安全排查,动态监测住房安全,目前住房全部达标;",
    metric="activities.count",
    subject=Subject.villages(*SIX),
    quantifier=Quantifier.EACH,
    period=Period.since(2021, as_of=AS_OF),
    options={"kinds": "housing_safety_inspection"},
    stated="4次",
    template_zh="6个村分别开展{value}农村自建房安全排查",
    template_en="each of the six villages held {value} safety inspections of self-built houses",
)


def test_four_housing_inspections_in_each_village_holds_with_four_each() -> None:
    """6个村分别开展4次农村自建房安全排查: holds with four in each village."""
    assert check_claim(INSPECTIONS, inspections(dict.fromkeys(SIX, 4))).verdict is Verdict.HOLDS


def test_four_housing_inspections_in_each_village_is_contradicted_by_three() -> None:
    """6个村分别开展4次: a village with three contradicts it."""
    counts = dict(dict.fromkeys(SIX, 4), yaoma=3)
    assert check_claim(INSPECTIONS, inspections(counts)).verdict is Verdict.CONTRADICTED


def test_four_housing_inspections_is_undetermined_without_inspection_records() -> None:
    """6个村分别开展4次: undetermined on a dataset that records no inspection."""
    result = check_claim(INSPECTIONS, LINGYUN)
    assert result.verdict is Verdict.UNDETERMINED
    assert "no records" in result.reason_en
    # the metric still counts zero, and the derivation shows it
    assert all(value.value == 0 for value in result.values)


# -- narrative figures and comparisons with the county ------------------------------------------


def test_aged_73_is_a_narrative_figure_and_undetermined() -> None:
    """73岁的九优屯老党员: a narrative figure, undetermined."""
    claims = load_claims("lingyun-2022")
    result = check_claim(claims.by_id("member-age"), LINGYUN)
    assert result.verdict is Verdict.UNDETERMINED
    assert result.values == ()
    assert "narrative" in result.reason_en
    assert claims.by_id("member-age").metric == STATED


def test_2_1_points_above_the_county_is_undetermined_without_the_county() -> None:
    """比全县平均水平高2.1个百分点: undetermined when the records hold only the six villages."""
    claim = load_claims("lingyun-2022").by_id("growth-above-county")
    assert claim.interval == Interval.between(Fraction("2.05"), Fraction("2.15"), high_closed=False)
    result = check_claim(claim, LINGYUN)
    assert result.verdict is Verdict.UNDETERMINED
    assert "凌云县" in result.reason_en


def test_shuangda_demonstration_village_2022_holds_on_the_bundled_records() -> None:
    """双达村被评为2022年“广西乡村振兴创建示范村”."""
    claim = load_claims("lingyun-2022").by_id("shuangda-demonstration-village")
    assert claim.implied
    assert check_claim(claim, LINGYUN).verdict is Verdict.HOLDS


# -- reading quantities --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stated", "low", "high", "closed"),
    [
        ("12.76%", Fraction("12.755"), Fraction("12.765"), (True, False)),
        ("13面", Fraction("12.5"), Fraction("13.5"), (True, False)),
        ("1493万元", Fraction(14925000), Fraction(14935000), (True, False)),
        ("600余盏", Fraction(600), Fraction(700), (False, False)),
        ("20余万元", Fraction(200000), Fraction(300000), (False, False)),
    ],
)
def test_the_rounding_reading(
    stated: str, low: Fraction, high: Fraction, closed: tuple[bool, bool]
) -> None:
    claim = next(c for c in load_claims("lingyun-2022") if c.stated == stated)
    expected = Interval.between(low, high, low_closed=closed[0], high_closed=closed[1])
    assert claim.interval == expected


def test_the_strict_convention_reads_yu_without_an_upper_bound() -> None:
    """The STRICT convention reads 20余万元 as more than 200,000 yuan, no upper bound."""
    claim = village_claim("shuangda", "20余万元", "shuangda")
    strict = attrs.evolve(claim, convention=Convention.STRICT)
    assert strict.interval == Interval.more_than(200000)
    assert check_claim(strict, with_incomes({"shuangda": 350000})).verdict is Verdict.HOLDS


def test_a_claim_writes_its_sentence_back_from_data() -> None:
    claim = income_claim()
    assert claim.text("zh") == "2022年,帮扶的6个村集体经济收入总量为90.2万元"
    assert claim.render(Money(902000), "zh") == claim.text("zh")
    assert claim.render(Money(902000), "en").endswith("totalled 902,000 yuan")
    lamps = load_claims("lingyun-2022").by_id("street-lamps")
    assert lamps.text("en") == "more than 600 (under 700) street lamps were installed"
    assert lamps.render(612, "zh") == "安装路灯612盏"


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("2022年", datetime.date(2022, 1, 1), datetime.date(2022, 12, 31)),
        ("2021年以来", datetime.date(2021, 1, 1), AS_OF),
        ("两年来", datetime.date(2021, 4, 19), AS_OF),
    ],
)
def test_period_phrases(phrase: str, start: datetime.date, end: datetime.date) -> None:
    period = period_from_phrase(phrase, as_of=AS_OF)
    assert (period.start, period.end) == (start, end)
    assert period_from_phrase("截至目前", as_of=AS_OF).end == AS_OF


# -- bad input ----------------------------------------------------------------------------------


def test_an_unparseable_quantity_is_refused_naming_the_text_and_the_claim() -> None:
    with pytest.raises(UnparseableQuantityError, match=r"'九十点二万元'.*claim 'income-total'"):
        income_claim(stated="九十点二万元")


def test_an_unknown_unit_is_refused_naming_the_unit() -> None:
    with pytest.raises(UnparseableQuantityError, match=r"unknown unit .*'斤'"):
        income_claim(stated="90.2万斤")


def test_a_unit_that_does_not_fit_the_metric_is_refused() -> None:
    with pytest.raises(UnitMismatchError, match=r"collective_income.total takes 元.*'13面'"):
        income_claim(stated="13面")
    with pytest.raises(UnitMismatchError, match="states no unit"):
        income_claim(stated="902000")


def test_an_unknown_metric_is_refused_naming_it() -> None:
    with pytest.raises(UnknownMetricError, match=r"'collective_income\.sum'") as caught:
        income_claim(metric="collective_income.sum")
    assert "in claim 'income-total'" in caught.value.__notes__


def test_an_unknown_village_is_refused_naming_it_and_the_claim() -> None:
    claim = income_claim(subject=Subject.villages("taohua", "xinzhai"))
    with pytest.raises(UnknownReferenceError, match="'xinzhai'") as caught:
        check_claim(claim, LINGYUN)
    assert "income-total" in caught.value.__notes__[0]


def test_an_unknown_option_or_bad_template_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=r"options\.colour"):
        income_claim(options={"colour": "red"})
    with pytest.raises(InvalidValueError, match=r"options\.kinds"):
        attrs.evolve(INSPECTIONS, options={"kinds": "housing_inspection"})
    with pytest.raises(InvalidValueError, match=r"options\.kinds: activities.count needs"):
        attrs.evolve(INSPECTIONS, options={})
    with pytest.raises(InvalidValueError, match="share one unit"):
        attrs.evolve(
            INSPECTIONS,
            metric="projects.quantity",
            options={"kinds": "street_lamp,footbridge"},
            stated="600盏",
        )
    with pytest.raises(InvalidValueError, match=r"\{value\}"):
        income_claim(template_zh="2022年,收入总量为90.2万元")
    with pytest.raises(InvalidValueError, match="period phrase"):
        period_from_phrase("去年", as_of=AS_OF)


def test_a_bad_entry_of_a_claims_file_is_named_by_its_place() -> None:
    data = tomllib.loads(bundled_text())
    data["claims"][7]["stated"] = "90.2万斤"
    with pytest.raises(UnparseableQuantityError) as caught:
        claims_from_data(data)
    assert "in claims[7] (id 'income-total')" in caught.value.__notes__


# -- the bundled claims of the report ------------------------------------------------------------


def bundled_text() -> str:
    folder = resources.files("villagemodel") / "data" / "claims"
    return (folder / "lingyun-2022.toml").read_text("utf-8")


def test_the_bundled_claim_sets() -> None:
    assert available_claim_sets() == ("lingyun-2022",)
    claims = load_claims("lingyun-2022")
    assert claims.as_of == AS_OF
    assert claims.dataset == "lingyun-2022"
    assert len(claims) == len(tomllib.loads(bundled_text())["claims"])


def test_every_claim_keeps_its_sentence_and_writes_its_figure_back_into_it() -> None:
    for claim in load_claims("lingyun-2022"):
        assert claim.metric == STATED or claim.metric in METRICS
        assert claim.sentence.endswith(("。", ";")), claim.id
        written = claim.template_zh if claim.implied else claim.text("zh")
        assert written in claim.sentence, claim.id


# Every atomic figure of the report, by claim id, as the report writes it.
# A claim dropped from or added to the file, or a figure changed, fails here.
EXPECTED_CLAIMS = {
    "centre-to-county-seat": "3公里",
    "member-age": "73岁",
    "old-trip-duration": "1个多小时",
    "old-centre-altitude": "1000米",
    "centre-to-hamlets": "3公里左右",
    "certificate-time": "一两分钟",
    "villages-assisted": "6个",
    "income-total": "90.2万元",
    "income-per-village": "突破10万元",
    "red-flags": "13面",
    "key-villages": "5个",
    "shuangda-demonstration-village": "1个",
    "evening-talks-and-courtyard-meetings": "47场",
    "five-star-branches": "1个",
    "four-star-branches": "1个",
    "three-star-branches": "4个",
    "new-cadres": "5名",
    "reserve-cadres": "8名",
    "team-in-each-village": "一支",
    "risk-visits": "超过1次",
    "no-large-scale-relapse": "0次",
    "eliminated-households": "35户",
    "eliminated-people": "150人",
    "school-donations": "15.5万元",
    "students-rewarded": "156名",
    "university-students": "122名",
    "housing-inspections": "4次",
    "housing-safe": "100%",
    "medical-insurance": "98%以上",
    "water-points": "3处",
    "water-tanks": "35个",
    "hazard-protection-points": "5个",
    "roads": "14条",
    "guard-rail": "15公里",
    "basketball-courts": "6个",
    "footbridges": "3座",
    "street-lamps": "600余盏",
    "subsidies": "超过1000万元",
    "assistance-funds": "1493万元",
    "income-taohua": "22.7万元",
    "income-shuangda": "20余万元",
    "income-other-four": "突破11万元",
    "income-growth": "12.76%",
    "growth-above-county": "2.1个百分点",
    "grid-workers": "100%",
    "cadres-return-home": "22次",
    "democratic-appraisals": "8场",
    "disputes-mediated": "33件",
    "film-screenings": "1次以上",
    "reading-clubs-and-gratitude-talks": "超过1次",
    "school-visits": "14次",
    "skills-training": "300多人次",
}


def test_the_report_s_figures_are_all_there() -> None:
    claims = load_claims("lingyun-2022")
    assert {c.id: c.stated for c in claims} == EXPECTED_CLAIMS
    assert len(EXPECTED_CLAIMS) == 52


def test_no_claim_of_the_report_is_contradicted_by_the_bundled_records() -> None:
    checks = check_claims(load_claims("lingyun-2022"), LINGYUN)
    verdicts = {c.claim.id: c.verdict for c in checks}
    assert Verdict.CONTRADICTED not in verdicts.values()
    assert verdicts["income-taohua"] is Verdict.HOLDS
    assert verdicts["red-flags"] is Verdict.UNDETERMINED


# -- the command ------------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_villagemodel_check_lists_every_claim_of_the_report() -> None:
    claims = load_claims("lingyun-2022")
    code, out = run("check", "lingyun-2022")
    assert code == 0
    listed = [line for line in out.splitlines() if line.startswith("[")]
    assert len(listed) == len(claims) == len(tomllib.loads(bundled_text())["claims"])
    for number, claim in enumerate(claims, start=1):
        assert f"[{number}/{len(claims)}] {claim.id} · " in out
    assert "与数据矛盾 0" in out
    assert "(11万元, 14.55万元)" in out
    assert "矛盾：未发现" in out


def test_villagemodel_check_in_english_and_as_json() -> None:
    code, out = run("check", "lingyun-2022", "--lang", "en")
    assert code == 0
    assert "contradicted by the data 0" in out
    assert "(110,000, 145,500) yuan" in out
    code, out = run("check", "lingyun-2022", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert (
        document["summary"]["claims"] == len(document["claims"]) == len(load_claims("lingyun-2022"))
    )
    assert document["summary"]["contradicted"] == 0
    assert all(c["verdict"] != "contradicted" for c in document["claims"])
    assert document["consistency"]["consistent"] is True


def test_villagemodel_check_refuses_an_unknown_name() -> None:
    code, out = run("check", "lingyun-2021")
    assert code != 0
    assert "'lingyun-2021'" in out


# -- properties ------------------------------------------------------------------------------------

NEW_VILLAGE = Village(id=VillageId("xinzhai"), name="新寨村", township_id=TownshipId("sicheng"))


@given(
    incomes=st.lists(st.integers(0, 500_000), min_size=6, max_size=6),
    named=st.integers(1, 6),
    extra=st.one_of(st.none(), st.integers(0, 500_000)),
    metric=st.sampled_from(["income", "inspections"]),
)
def test_a_claim_that_holds_still_holds_after_adding_a_village_it_does_not_name(
    incomes: list[int], named: int, extra: int | None, metric: str
) -> None:
    villages = SIX[:named]
    if metric == "income":
        dataset = with_incomes(dict(zip(SIX, incomes, strict=True)))
        total = sum(incomes[:named])
        claim = income_claim(subject=Subject.villages(*villages), stated=f"{total}元")
    else:
        counts = {v: n % 7 + 1 for v, n in zip(SIX, incomes, strict=True)}
        dataset = inspections(counts)
        total = sum(counts[v] for v in villages)
        claim = attrs.evolve(
            INSPECTIONS,
            subject=Subject.villages(*villages),
            quantifier=Quantifier.TOTAL,
            stated=f"{total}次",
        )
    assert check_claim(claim, dataset).verdict is Verdict.HOLDS
    grown = attrs.evolve(dataset, villages=(*dataset.villages, NEW_VILLAGE))
    if extra is not None:
        grown = attrs.evolve(
            grown,
            collective_incomes=(
                *grown.collective_incomes,
                CollectiveIncome(village_id=NEW_VILLAGE.id, year=2022, amount=Money(extra)),
            ),
            activities=(
                *grown.activities,
                *(
                    Activity(
                        id=ActivityId(f"new-{i}"),
                        kind=ActivityKind.HOUSING_SAFETY_INSPECTION,
                        village_ids=(NEW_VILLAGE.id,),
                        held_on=datetime.date(2022, 5, 1),
                    )
                    for i in range(extra % 5)
                ),
            ),
        )
    result: ClaimCheck = check_claim(claim, grown)
    assert result.verdict is Verdict.HOLDS


def test_villagemodel_check_on_the_synthetic_records_contradicts_no_claim() -> None:
    """The synthetic micro dataset is built to reproduce the report's figures."""
    code, out = run(
        "check", "lingyun-2022-synthetic", "--claims", "lingyun-2022", "--format", "json"
    )
    assert code == 0
    document = json.loads(out)
    assert document["summary"]["contradicted"] == 0
    assert document["summary"]["holds"] > len(load_claims("lingyun-2022")) // 2
    assert document["consistency"]["consistent"] is True
    # Without --claims, a dataset derived from a report takes that report's claims.
    code, out = run("check", "lingyun-2022-synthetic", "--format", "json")
    assert code == 0, out
    assert json.loads(out)["claim_set"] == "lingyun-2022"
    code, out = run("check", "lingyun-2022", "--claims", "no-such-report")
    assert code != 0
    assert "'no-such-report'" in out
    assert "--claims" in out
