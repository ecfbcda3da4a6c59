"""Metrics: exact derivations, errors and displays, on the Lingyun records
with a few more records added by these tests (values of the tests only)."""

from __future__ import annotations

import datetime
from fractions import Fraction

import attrs
import pytest

from villagemodel import (
    Activity,
    ActivityKind,
    Award,
    AwardKind,
    CollectiveIncome,
    Dataset,
    DisputeMediation,
    GridWorker,
    Hamlet,
    InvalidValueError,
    Money,
    Period,
)
from villagemodel.datasets import load
from villagemodel.ids import (
    ActivityId,
    AwardId,
    CadreId,
    DisputeId,
    GridWorkerId,
    HamletId,
    VillageId,
)
from villagemodel.metrics import (
    METRICS,
    ExactPercentage,
    MoneyAverage,
    Subject,
    UnknownMetricError,
    compute,
    describe_metrics,
)
from villagemodel.party import Cadre, CadrePost, CadreStatus
from villagemodel.quantities import HouseholdCount, PersonCount, PersonTimes

YEAR_2022 = Period.calendar_year(2022)
FIVE_FLAGS = "乡村振兴·五旗争创"
LINGZHAN = Subject.township("lingzhan")
"""伶站瑶族乡: 陶化村 and 初化村."""


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def village(name: str) -> VillageId:
    return VillageId(name)


def cadre(ident: str, where: str, status: CadreStatus, since: str | None) -> Cadre:
    return Cadre(
        id=CadreId(ident),
        village_id=village(where),
        status=status,
        post=CadrePost.COMMITTEE_HEAD if status is CadreStatus.SERVING else None,
        since=None if since is None else day(since),
    )


def activity(
    ident: str,
    kind: ActivityKind,
    where: tuple[str, ...],
    held_on: str,
    *,
    attendance: int | None = None,
    beneficiaries: int | None = None,
) -> Activity:
    return Activity(
        id=ActivityId(ident),
        kind=kind,
        village_ids=tuple(village(v) for v in where),
        held_on=day(held_on),
        attendance=None if attendance is None else PersonTimes(attendance),
        beneficiaries=None if beneficiaries is None else PersonCount(beneficiaries),
    )


def flag(ident: str, where: str, year: int) -> Award:
    return Award(
        id=AwardId(ident),
        village_id=village(where),
        kind=AwardKind.FLAG,
        name="红旗",
        year=year,
        competition=FIVE_FLAGS,
    )


def dispute(ident: str, where: str, on: str) -> DisputeMediation:
    return DisputeMediation(id=DisputeId(ident), village_id=village(where), mediated_on=day(on))


def hamlet(ident: str, name: str) -> Hamlet:
    return Hamlet(id=HamletId(ident), name=name, village_id=village("taohua"))


def records() -> Dataset:
    """The Lingyun records (陶化村's 2022 income of 22.7万元 and the
    designation of 双达村), with records added by these tests."""
    base = load("lingyun-2022")
    return attrs.evolve(
        base,
        collective_incomes=(
            *base.collective_incomes,
            CollectiveIncome(village_id=village("chuhua"), year=2022, amount=Money(113000)),
            CollectiveIncome(village_id=village("shuangda"), year=2022, amount=Money(200000)),
            CollectiveIncome(village_id=village("houlong"), year=2021, amount=Money(100000)),
        ),
        disputes=(
            dispute("d1", "taohua", "2022-01-01"),
            dispute("d2", "taohua", "2022-12-31"),
            dispute("d3", "taohua", "2023-01-01"),
            dispute("d4", "houlong", "2022-06-01"),
        ),
        cadres=(
            cadre("c1", "taohua", CadreStatus.SERVING, "2022-03-01"),
            cadre("c2", "taohua", CadreStatus.SERVING, None),
            cadre("c3", "taohua", CadreStatus.RESERVE, "2022-04-01"),
            cadre("c4", "chuhua", CadreStatus.SERVING, "2021-04-01"),
            cadre("c5", "chuhua", CadreStatus.SERVING, "2022-08-01"),
        ),
        awards=(
            *base.awards,
            flag("f1", "taohua", 2022),
            flag("f2", "taohua", 2021),
            flag("f3", "chuhua", 2022),
        ),
        activities=(
            activity(
                "a1",
                ActivityKind.EVENING_TALK,
                ("taohua", "chuhua"),
                "2022-05-01",
                attendance=30,
                beneficiaries=10,
            ),
            activity(
                "a2", ActivityKind.COURTYARD_MEETING, ("taohua",), "2022-02-01", attendance=20
            ),
            activity(
                "a3",
                ActivityKind.EVENING_TALK,
                ("houlong",),
                "2022-05-01",
                attendance=7,
                beneficiaries=7,
            ),
            activity(
                "a4",
                ActivityKind.EVENING_TALK,
                ("taohua",),
                "2021-05-01",
                attendance=9,
                beneficiaries=9,
            ),
            activity(
                "a5",
                ActivityKind.SKILLS_TRAINING,
                ("taohua",),
                "2022-07-01",
                attendance=11,
                beneficiaries=11,
            ),
        ),
        hamlets=(
            *base.hamlets,
            hamlet("h1", "陶化屯"),
            hamlet("h2", "弄福屯"),
            hamlet("h3", "上屯"),
        ),
        grid_workers=(
            GridWorker(id=GridWorkerId("g1"), hamlet_id=HamletId("h1")),
            GridWorker(id=GridWorkerId("g2"), hamlet_id=HamletId("h2")),
            GridWorker(id=GridWorkerId("g3"), hamlet_id=HamletId("h2")),
        ),
    )


DATA = records()


def text(metric: str, subject: Subject, lang: str, **options: str) -> list[str]:
    result = compute(DATA, metric, subject, YEAR_2022, options)
    return result.derivation.to_text(lang).splitlines()  # type: ignore[arg-type]


# -- derivations in full ---------------------------------------------------------------


def test_a_total_with_villages_without_income_is_unknown_and_lists_them() -> None:
    result = compute(DATA, "collective_income.total", Subject.all(), YEAR_2022)
    assert result.metric == "collective_income.total"
    assert result.value is None
    assert result.derivation.to_text("en") == "\n".join(
        [
            "Collective-economy income, total [collective_income.total] = unknown",
            "  period: 2022; villages: 陶化村, 初化村, 后龙村, 那留村, 腰马村, 双达村",
            "  formula: sum over the villages of each village's collective-economy income "
            "for the year",
            "  terms:",
            "    陶化村: 227,000 yuan",
            "    初化村: 113,000 yuan",
            "    双达村: 200,000 yuan",
            "  no data for: 后龙村, 那留村, 腰马村",
        ]
    )
    assert result.derivation.to_text("zh") == "\n".join(
        [
            "村集体经济收入总量 [collective_income.total] = 未知",
            "  期间: 2022年; 村: 陶化村、初化村、后龙村、那留村、腰马村、双达村",
            "  公式: 各村当年村集体经济收入之和",
            "  各项:",
            "    陶化村: 22.7万元",
            "    初化村: 11.3万元",
            "    双达村: 20万元",
            "  缺少数据: 后龙村、那留村、腰马村",
        ]
    )
    assert result.derivation.to_json() == {
        "metric": "collective_income.total",
        "title_en": "Collective-economy income, total",
        "title_zh": "村集体经济收入总量",
        "value": None,
        "formula_en": "sum over the villages of each village's collective-economy income "
        "for the year",
        "formula_zh": "各村当年村集体经济收入之和",
        "period": {"start": "2022-01-01", "end": "2022-12-31"},
        "villages": ["陶化村", "初化村", "后龙村", "那留村", "腰马村", "双达村"],
        "terms": [
            {"label_en": "陶化村", "label_zh": "陶化村", "value": "227000"},
            {"label_en": "初化村", "label_zh": "初化村", "value": "113000"},
            {"label_en": "双达村", "label_zh": "双达村", "value": "200000"},
        ],
        "missing": ["后龙村", "那留村", "腰马村"],
        "rounding_en": None,
        "rounding_zh": None,
    }


def test_the_total_of_villages_with_income_adds_every_village() -> None:
    subject = Subject.villages("taohua", "chuhua", "shuangda")
    result = compute(DATA, "collective_income.total", subject, YEAR_2022)
    assert result.value == Money(540000)
    assert result.derivation.to_text("en").splitlines()[0] == (
        "Collective-economy income, total [collective_income.total] = 540,000 yuan"
    )


def test_the_per_village_income_of_a_township_explained_in_full() -> None:
    result = compute(DATA, "collective_income.per_village", LINGZHAN, YEAR_2022)
    assert result.value == MoneyAverage(Money(340000), 2)
    assert result.derivation.to_text("en") == "\n".join(
        [
            "Collective-economy income per village [collective_income.per_village] = 170,000 yuan",
            "  period: 2022; villages: 陶化村, 初化村",
            "  formula: total collective-economy income ÷ number of villages (a ratio of sums)",
            "  terms:",
            "    陶化村: 227,000 yuan",
            "    初化村: 113,000 yuan",
            "    number of villages: 2",
            "  rounding: kept exact (total ÷ villages); shown rounded half up to the fen",
        ]
    )
    assert result.derivation.to_text("zh") == "\n".join(
        [
            "村均集体经济收入 [collective_income.per_village] = 17万元",
            "  期间: 2022年; 村: 陶化村、初化村",
            "  公式: 村集体经济收入总量 ÷ 村数（总量之比）",
            "  各项:",
            "    陶化村: 22.7万元",
            "    初化村: 11.3万元",
            "    村数: 2",
            "  舍入: 保留精确值（总量÷村数）；显示时四舍五入到分",
        ]
    )
    data = result.derivation.to_json()
    assert data["value"] == {"exact": "170000", "rounded": "170000.00"}
    assert data["villages"] == ["陶化村", "初化村"]
    assert data["terms"][-1] == {"label_en": "number of villages", "label_zh": "村数", "value": 2}
    assert data["missing"] == []
    assert data["rounding_en"] == (
        "kept exact (total ÷ villages); shown rounded half up to the fen"
    )
    assert data["rounding_zh"] == "保留精确值（总量÷村数）；显示时四舍五入到分"


def test_disputes_mediated_count_each_village_in_the_period_only() -> None:
    """Two disputes of 陶化村 on the first and last days of 2022 count; one on
    1 January 2023 and one of 后龙村 (another township) do not."""
    result = compute(DATA, "disputes.mediated", LINGZHAN, YEAR_2022)
    assert result.value == 2
    assert result.derivation.to_text("en") == "\n".join(
        [
            "Disputes mediated [disputes.mediated] = 2",
            "  period: 2022; villages: 陶化村, 初化村",
            "  formula: count of mediated disputes in the period",
            "  terms:",
            "    陶化村: disputes: 2",
            "    初化村: disputes: 0",
        ]
    )
    assert result.derivation.to_text("zh") == "\n".join(
        [
            "调解纠纷件数 [disputes.mediated] = 2",
            "  期间: 2022年; 村: 陶化村、初化村",
            "  公式: 期间内调解纠纷件数",
            "  各项:",
            "    陶化村：纠纷: 2",
            "    初化村：纠纷: 0",
        ]
    )


def test_new_cadres_count_serving_cadres_who_started_in_the_period() -> None:
    """c1 and c5 started in 2022; c2 has no start date; c3 is a reserve cadre;
    c4 started in 2021."""
    assert compute(DATA, "cadres.new", LINGZHAN, YEAR_2022).value == 2
    assert text("cadres.new", LINGZHAN, "en")[-2:] == [
        "    陶化村: cadres appointed: 1",
        "    初化村: cadres appointed: 1",
    ]
    assert text("cadres.new", LINGZHAN, "zh")[-2:] == [
        "    陶化村：新任村干: 1",
        "    初化村：新任村干: 1",
    ]


def test_reserve_cadres_count_only_reserve_cadres() -> None:
    assert compute(DATA, "cadres.reserve", LINGZHAN, YEAR_2022).value == 1
    assert text("cadres.reserve", LINGZHAN, "en")[-2:] == [
        "    陶化村: reserve cadres: 1",
        "    初化村: reserve cadres: 0",
    ]
    assert text("cadres.reserve", LINGZHAN, "zh")[-2:] == [
        "    陶化村：后备干部: 1",
        "    初化村：后备干部: 0",
    ]


def test_flags_count_the_years_of_the_period_only() -> None:
    """陶化村's 2021 flag does not count for 2022."""
    result = compute(DATA, "awards.flags", LINGZHAN, YEAR_2022, {"competition": FIVE_FLAGS})
    assert result.value == 2
    assert result.derivation.to_text("en").splitlines()[-2:] == [
        "    陶化村: flags: 1",
        "    初化村: flags: 1",
    ]
    assert result.derivation.to_text("zh").splitlines()[-2:] == [
        "    陶化村：旗: 1",
        "    初化村：旗: 1",
    ]


def test_activities_of_the_kinds_in_the_villages_and_period_count_once_each() -> None:
    """a1 (held in both villages) counts once; a3 (another township), a4 (2021)
    and a5 (another kind) do not count. The kinds may have spaces and empty
    parts."""
    kinds = " evening_talk, ,courtyard_meeting,"
    result = compute(DATA, "activities.count", LINGZHAN, YEAR_2022, {"kinds": kinds})
    assert result.value == 2
    assert result.derivation.to_text("en").splitlines()[-3:] == [
        "  terms:",
        "    courtyard meeting: 1",
        "    first secretary's evening talk: 1",
    ]
    assert result.derivation.to_text("zh").splitlines()[-3:] == [
        "  各项:",
        "    院坝会: 1",
        "    第一书记夜话: 1",
    ]


def test_attendance_sums_the_activities_in_date_order() -> None:
    kinds = {"kinds": "evening_talk,courtyard_meeting"}
    result = compute(DATA, "activities.person_times", LINGZHAN, YEAR_2022, kinds)
    assert result.value == PersonTimes(50)
    assert result.derivation.to_text("en").splitlines()[0] == (
        "Attendance of activities [activities.person_times] = 50 person-times"
    )
    assert result.derivation.to_text("en").splitlines()[-3:] == [
        "  terms:",
        "    a2: 20 person-times",
        "    a1: 30 person-times",
    ]
    assert result.derivation.to_text("zh").splitlines()[-2:] == ["    a2: 20人次", "    a1: 30人次"]


def test_attendance_of_no_activities_is_zero_person_times() -> None:
    result = compute(DATA, "activities.person_times", LINGZHAN, YEAR_2022, {"kinds": "opera"})
    assert result.value == PersonTimes(0)
    assert result.derivation.to_text("en").splitlines()[0] == (
        "Attendance of activities [activities.person_times] = 0 person-times"
    )


def test_people_reached_are_unknown_when_an_activity_does_not_record_them() -> None:
    kinds = {"kinds": "evening_talk,courtyard_meeting"}
    result = compute(DATA, "activities.beneficiaries", LINGZHAN, YEAR_2022, kinds)
    assert result.value is None
    assert result.derivation.missing == ("a2",)
    assert result.derivation.to_text("en").splitlines()[-4:] == [
        "  terms:",
        "    a2: none",
        "    a1: 10 people",
        "  no data for: a2",
    ]
    assert result.derivation.to_text("zh").splitlines()[-4:] == [
        "  各项:",
        "    a2: 无",
        "    a1: 10人",
        "  缺少数据: a2",
    ]


def test_people_reached_are_summed_when_every_activity_records_them() -> None:
    result = compute(
        DATA, "activities.beneficiaries", LINGZHAN, YEAR_2022, {"kinds": "evening_talk"}
    )
    assert result.value == PersonCount(10)


def test_one_hamlet_of_three_with_one_grid_worker_is_a_third() -> None:
    result = compute(
        DATA, "hamlets.with_one_grid_worker_share", Subject.villages("taohua"), YEAR_2022
    )
    assert result.value == ExactPercentage(Fraction(100, 3))
    assert result.derivation.to_text("en").splitlines()[0] == (
        "Share of hamlets with one grid worker [hamlets.with_one_grid_worker_share] = about 33.33%"
    )
    assert result.derivation.to_text("zh").splitlines()[0] == (
        "安排一名网格员的屯占比 [hamlets.with_one_grid_worker_share] = 约33.33%"
    )


def test_a_derivation_is_in_english_unless_chinese_is_asked() -> None:
    derivation = compute(DATA, "disputes.mediated", LINGZHAN, YEAR_2022).derivation
    assert derivation.to_text() == derivation.to_text("en")


def test_the_eliminated_households_count_households_by_default() -> None:
    result = compute(DATA, "monitoring.eliminated_households", LINGZHAN, YEAR_2022)
    assert result.value == HouseholdCount(0)
    assert [t.label_en for t in result.derivation.terms] == ["households", "people in them"]


# -- refusals ----------------------------------------------------------------------------


def test_an_unknown_metric_error_names_the_metric_and_lists_the_known_ones() -> None:
    with pytest.raises(UnknownMetricError) as caught:
        compute(DATA, "income.bogus", Subject.all(), YEAR_2022)
    assert caught.value.metric == "income.bogus"
    assert str(caught.value).startswith(
        "no metric is named 'income.bogus'; known: activities.beneficiaries, activities.count, "
    )


def test_an_unknown_option_is_refused_with_the_options_the_metric_has() -> None:
    with pytest.raises(InvalidValueError) as caught:
        compute(DATA, "disputes.mediated", Subject.all(), YEAR_2022, {"zeta": "1", "colour": "x"})
    error = caught.value
    assert (error.path, error.value) == ("disputes.mediated.options.colour", "colour")
    assert error.reason == "not an option of this metric; options: none"
    with pytest.raises(InvalidValueError) as caught:
        compute(DATA, "funds.allocated", Subject.all(), YEAR_2022, {"colour": "x"})
    assert caught.value.reason == "not an option of this metric; options: sources, purposes"


def test_a_missing_option_is_refused_by_name() -> None:
    with pytest.raises(InvalidValueError) as caught:
        compute(DATA, "awards.flags", Subject.all(), YEAR_2022)
    error = caught.value
    assert (error.path, error.value) == ("awards.flags.options.competition", None)
    assert error.reason == "this metric needs the option"


def test_a_yearly_metric_over_two_calendar_years_is_refused_with_the_period() -> None:
    two_years = Period(start=day("2021-01-01"), end=day("2022-12-31"))
    with pytest.raises(InvalidValueError) as caught:
        compute(DATA, "collective_income.total", Subject.all(), two_years)
    error = caught.value
    assert (error.path, error.value) == (
        "collective_income.total.period",
        "2021-01-01 to 2022-12-31",
    )
    assert error.reason == "this metric needs a calendar year"


@pytest.mark.parametrize(
    ("option", "value", "found"),
    [("first_year", "abc", "abc"), ("last_year", "1800", 1800)],
    ids=["not digits", "not a plausible year"],
)
def test_a_growth_year_option_is_refused_by_name(option: str, value: str, found: object) -> None:
    with pytest.raises(InvalidValueError) as caught:
        compute(DATA, "income.formerly_poor_growth", Subject.all(), YEAR_2022, {option: value})
    error = caught.value
    assert (error.path, error.value) == (f"income.formerly_poor_growth.options.{option}", found)
    if found == "abc":
        assert error.reason == "expected a year"


# -- subjects ----------------------------------------------------------------------------


def test_a_subject_of_no_villages_is_refused() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Subject.villages()
    error = caught.value
    assert (error.path, error.value, error.reason) == (
        "Subject.villages",
        (),
        "name at least one village",
    )


def test_a_village_named_twice_is_refused() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Subject.villages("taohua", "taohua")
    error = caught.value
    assert (error.path, error.value, error.reason) == (
        "Subject.villages",
        ("taohua", "taohua"),
        "a village is named twice",
    )


def test_subjects_are_labelled_and_resolved_to_their_villages() -> None:
    named = Subject.villages("taohua", "chuhua")
    assert (named.kind, named.ids, named.label) == (
        "villages",
        ("taohua", "chuhua"),
        "villages taohua, chuhua",
    )
    assert named.resolve(DATA) == ("taohua", "chuhua")
    township = Subject.township("sicheng")
    assert (township.kind, township.ids, township.label) == (
        "township",
        ("sicheng",),
        "township sicheng",
    )
    assert township.resolve(DATA) == ("houlong", "naliu", "yaoma")
    county = Subject.county("lingyun")
    assert (county.kind, county.ids, county.label) == ("county", ("lingyun",), "county lingyun")
    everyone = ("taohua", "chuhua", "houlong", "naliu", "yaoma", "shuangda")
    assert county.resolve(DATA) == everyone
    whole = Subject.all()
    assert (whole.kind, whole.ids, whole.label) == ("all", (), "all villages")
    assert whole.resolve(DATA) == everyone


def test_a_subject_of_an_unknown_kind_is_refused() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Subject("region", ("guangxi",)).resolve(DATA)
    error = caught.value
    assert (error.path, error.value, error.reason) == (
        "Subject.kind",
        "region",
        "not one of villages, township, county, all",
    )


# -- exact averages and percentages ----------------------------------------------------------


def test_the_average_of_902000_yuan_over_six_villages() -> None:
    """ "村均突破10万元": 90.2万元 over 6 villages."""
    average = MoneyAverage(Money(902000), 6)
    assert average * 6 == Money(902000)
    assert average.rounded() == Money("150333.33")
    assert average.format_zh() == "约15.03万元"
    assert average.format_en() == "about 150,333.33 yuan (rounded half up)"
    assert average.to_plain() == {"exact": "451000/3", "rounded": "150333.33"}


def test_an_inexact_average_is_shown_to_the_fen_and_marked() -> None:
    average = MoneyAverage(Money(440000), 3)
    assert average.rounded() == Money("146666.67")
    assert average.rounded(0) == Money(146667)
    assert average.format_zh() == "约14.67万元"
    assert average.format_en() == "about 146,666.67 yuan (rounded half up)"


def test_an_exact_average_is_shown_as_it_is() -> None:
    average = MoneyAverage(Money(340000), 2)
    assert average.format_zh() == "17万元"
    assert average.format_en() == "170,000 yuan"


def test_an_average_over_one_village_is_its_amount() -> None:
    average = MoneyAverage(Money("1000.10"), 1)
    assert average * 1 == Money("1000.10")
    assert average.rounded() == Money("1000.10")


def test_an_average_times_a_count_gives_whole_fen_back() -> None:
    average = MoneyAverage(Money("1000.10"), 3)
    assert average * 3 == Money("1000.10")
    assert average * 0 == Money(0)


def test_an_average_times_a_count_that_is_not_whole_fen_is_refused() -> None:
    with pytest.raises(InvalidValueError) as caught:
        MoneyAverage(Money(1), 3) * 2
    error = caught.value
    assert (error.path, error.value, error.reason) == (
        "MoneyAverage * factor",
        2,
        "the product is not a whole number of fen",
    )


@pytest.mark.parametrize("count", [0, -1, True, 2.0], ids=["zero", "negative", "bool", "float"])
def test_an_average_over_no_whole_positive_count_is_refused(count: object) -> None:
    with pytest.raises(InvalidValueError) as caught:
        MoneyAverage(Money(1), count)  # type: ignore[arg-type]
    error = caught.value
    assert (error.path, error.value, error.reason) == (
        "MoneyAverage.count",
        count,
        "a positive int",
    )


def test_a_share_that_does_not_end_is_shown_rounded_and_marked() -> None:
    """1224 of 1249 people: 97.998...%, shown as about 98%."""
    share = ExactPercentage(Fraction(1224, 1249) * 100)
    assert (share.format_zh(), share.format_en()) == ("约98%", "about 98%")
    assert share.to_plain() == {"exact": str(Fraction(122400, 1249)), "rounded": "98.00"}


def test_an_exact_share_is_shown_as_it_is() -> None:
    share = ExactPercentage(Fraction(98))
    assert (share.format_zh(), share.format_en()) == ("98%", "98%")


def test_a_share_is_rounded_half_up_to_two_decimals() -> None:
    share = ExactPercentage(Fraction(1, 8))
    assert (share.format_zh(), share.format_en()) == ("约0.13%", "about 0.13%")
    assert share.to_plain() == {"exact": "1/8", "rounded": "0.13"}


# -- the catalogue ------------------------------------------------------------------------------


def test_the_catalogue_lists_every_metric_by_id_in_both_languages() -> None:
    english = describe_metrics()
    chinese = describe_metrics("zh")
    assert len(english) == len(chinese) == len(METRICS)
    assert [line.split(":")[0] for line in english] == sorted(METRICS)
    assert english[0] == (
        "activities.beneficiaries: People reached or rewarded by activities (sum over the villages)"
    )
    assert chinese[0] == "activities.beneficiaries: 活动惠及人数 (求和)"
    assert "collective_income.per_village: 村均集体经济收入 (总量之比)" in chinese
