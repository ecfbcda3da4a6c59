"""Monitoring to prevent relapse into poverty: what a user reads.

The explanations of the three rules in both languages, the errors a caller
meets (path, value and reason, or the steps named), the exact bounds of the
income window and of each year's line, and the defaults.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest

from villagemodel import (
    HouseholdCount,
    HousingGrade,
    InvalidValueError,
    Money,
    MonitoringRecord,
    PersonCount,
    PovertyHistory,
    RiskCategory,
    WorkingCapacity,
)
from villagemodel.explain import Explanation
from villagemodel.ids import HouseholdId, MonitoringId, VillageId
from villagemodel.parameters import (
    Confidence,
    Jurisdiction,
    ParameterSet,
    ParameterValue,
    ValueKind,
)
from villagemodel.rules.monitoring import (
    Answer,
    Blocker,
    CompletedStep,
    EliminationProcedure,
    EliminationStep,
    ProcedureDateError,
    ProcedureOrderError,
    Trigger,
    YearIncome,
    eliminated_households,
    income_line_for_year,
    income_window,
)

from .test_guarantees import LINGYUN, ON, SIX_VILLAGES, dataset_of, full_survey, home
from .test_monitoring import (
    LINE_2022,
    LINE_2023,
    SPELL,
    SUPPLIED,
    TEST_SOURCE,
    ZONGYANG,
    decide,
    eliminate,
    secure,
)

H1 = HouseholdId("h1")
TAOHUA = VillageId("taohua")

LINE_2022_EN = (
    "monitoring.income_line = 6,000 yuan (CN/guangxi; from 2022-01-01; confidence high); "
    "source: Figure supplied by the test; not a published monitoring line"
)
LINE_2023_EN = (
    "monitoring.income_line = 6,500 yuan (CN/guangxi; from 2023-01-01; confidence high); "
    "source: Figure supplied by the test; not a published monitoring line"
)
LINE_2022_ZH = (
    "monitoring.income_line = 6000元 (CN/guangxi; 自2022-01-01起; 可信度high); "
    "来源：Figure supplied by the test; not a published monitoring line"
)
LINE_2023_ZH = (
    "monitoring.income_line = 6500元 (CN/guangxi; 自2023-01-01起; 可信度high); "
    "来源：Figure supplied by the test; not a published monitoring line"
)
MONTHS_EN = (
    "monitoring.stable_income_months = 6 (CN/anhui/tongling/zongyang; from 2021-01-01; "
    "confidence medium); source: 枞阳县防止返贫监测对象风险消除的收入稳定期要求"
    "（文件名称未记录）, 枞阳县"
)
MONTHS_ZH = (
    "monitoring.stable_income_months = 6 (CN/anhui/tongling/zongyang; 自2021-01-01起; "
    "可信度medium); 来源：枞阳县防止返贫监测对象风险消除的收入稳定期要求"
    "（文件名称未记录）, 枞阳县"
)


def text(explanation: Explanation, lang: str) -> list[str]:
    """The explanation's own lines, without its parts (the guarantee judgement,
    pinned on its own page), in ``lang``."""
    return attrs.evolve(explanation, parts=()).to_text("zh" if lang == "zh" else "en").splitlines()


def record(hid: str = "h1", closed: datetime.date | None = None) -> MonitoringRecord:
    return MonitoringRecord(
        id=MonitoringId(f"{hid}-m"),
        household_id=HouseholdId(hid),
        category=RiskCategory.UNSTABLE_FORMERLY_POOR,
        identified_on=datetime.date(2022, 6, 1),
        risk_eliminated_on=closed,
    )


def complete(day: datetime.date = datetime.date(2022, 12, 1)) -> EliminationProcedure:
    procedure = EliminationProcedure(household_id=H1)
    for step in EliminationStep:
        procedure = procedure.advance(step, day)
    return procedure


def with_values(params: ParameterSet, name: str, *values: ParameterValue) -> ParameterSet:
    """``params`` with ``name`` holding exactly ``values``."""
    parameters = dict(params.parameters)
    parameters[name] = attrs.evolve(parameters[name], values=values)
    return ParameterSet(parameters)


def redeclared(params: ParameterSet, name: str, kind: ValueKind, value: Any) -> ParameterSet:
    """``params`` with ``name`` declared as ``kind`` and holding only ``value``
    for Guangxi from 2021 (as a caller's own parameter file could declare it)."""
    parameters = dict(params.parameters)
    parameters[name] = attrs.evolve(
        parameters[name],
        kind=kind,
        values=(
            ParameterValue(
                jurisdiction=Jurisdiction.parse("CN/guangxi"),
                effective_from=datetime.date(2021, 1, 1),
                value=value,
                source=TEST_SOURCE,
                confidence=Confidence.HIGH,
            ),
        ),
    )
    return ParameterSet(parameters)


# -- should a household be monitored: the explanation -------------------------------------


def test_every_trigger_with_a_sudden_hardship_reads_in_full() -> None:
    """Every trigger holds, listed in order; the category is 突发严重困难户
    because the hardship is reported, whatever the history."""
    dataset = dataset_of(
        [
            home(
                "h1",
                history=PovertyHistory.NEVER_REGISTERED,
                survey=full_survey(housing_grade=HousingGrade.D),
                incomes={2023: 5000},
                monitoring=[SPELL],
            )
        ]
    )
    decision = decide(dataset, "h1", sudden_hardship=True)
    assert decision.answer is Answer.YES
    assert decision.should_monitor
    assert decision.category is RiskCategory.SUDDEN_HARDSHIP
    assert decision.triggers == (
        Trigger.INCOME_BELOW_LINE,
        Trigger.GUARANTEE_NOT_MET,
        Trigger.SUDDEN_HARDSHIP,
    )
    assert decision.undetermined == ()
    assert decision.household_id == H1
    assert decision.on == ON
    assert decision.income == YearIncome(year=2023, income=Money(5000), line=Money(LINE_2023))
    assert decision.guarantees.household_id == H1
    assert [part.rule for part in decision.explanation.parts] == ["guarantees.household"]
    assert text(decision.explanation, "en") == [
        "Monitoring to prevent relapse into poverty: should the household be monitored "
        "[monitoring.should_monitor]: yes: sudden severe hardship",
        "  because: monitor: income below the monitoring line, a guarantee or drinking water "
        "not met, sudden severe hardship reported; category sudden severe hardship "
        "(history: never registered as poor)",
        "  inputs:",
        "    household: h1",
        "    date: 2023-04-18",
        "    poverty history: never registered as poor",
        "    status on the date: monitored",
        "    income year: 2023",
        "    per-capita income: 5,000 yuan",
        "    sudden hardship reported: yes",
        "  parameters:",
        f"    {LINE_2023_EN}",
        "  comparisons:",
        "    per-capita income 2023: 5,000 yuan < 6,500 yuan: true",
    ]
    assert text(decision.explanation, "zh") == [
        "防止返贫动态监测：是否纳入监测 [monitoring.should_monitor]: 是：突发严重困难户",
        "  依据: 应纳入监测：收入低于监测标准、两不愁三保障或饮水安全未达标、突发严重困难；"
        "类别突发严重困难户（一般户）",
        "  输入:",
        "    农户: h1",
        "    日期: 2023年4月18日",
        "    脱贫情况: 一般户",
        "    当日状态: 监测户",
        "    收入年度: 2023",
        "    人均纯收入: 5000元",
        "    报告突发严重困难: 是",
        "  参数:",
        f"    {LINE_2023_ZH}",
        "  比较:",
        "    2023年人均纯收入: 5000元 < 6500元: 成立",
    ]


def test_below_the_line_never_registered_is_marginal_and_hardship_is_not_assumed() -> None:
    """``sudden_hardship`` defaults to no: without the caller's report the
    category follows the history (边缘易致贫户)."""
    dataset = dataset_of(
        [
            home(
                "h1",
                history=PovertyHistory.NEVER_REGISTERED,
                survey=full_survey(),
                incomes={2023: 5000},
            )
        ]
    )
    decision = decide(dataset, "h1")
    assert decision.category is RiskCategory.MARGINAL
    assert decision.triggers == (Trigger.INCOME_BELOW_LINE,)
    en, zh = text(decision.explanation, "en"), text(decision.explanation, "zh")
    assert en[0].endswith("[monitoring.should_monitor]: yes: marginal, at risk of poverty")
    assert en[1] == (
        "  because: monitor: income below the monitoring line; "
        "category marginal, at risk of poverty (history: never registered as poor)"
    )
    assert "    当日状态: 一般户" in zh
    assert "    sudden hardship reported: no" in en
    assert zh[0].endswith("[monitoring.should_monitor]: 是：边缘易致贫户")
    assert zh[1] == "  依据: 应纳入监测：收入低于监测标准；类别边缘易致贫户（一般户）"
    assert "    报告突发严重困难: 否" in zh


def test_a_formerly_poor_household_with_a_guarantee_unmet_reads_as_unstable() -> None:
    dataset = dataset_of(
        [home("h1", survey=full_survey(uninsured=[0]), incomes={2023: 9000})],
    )
    decision = decide(dataset, "h1")
    assert decision.category is RiskCategory.UNSTABLE_FORMERLY_POOR
    en, zh = text(decision.explanation, "en"), text(decision.explanation, "zh")
    assert en[1] == (
        "  because: monitor: a guarantee or drinking water not met; "
        "category unstable formerly poor (history: formerly poor household)"
    )
    assert zh[1] == "  依据: 应纳入监测：两不愁三保障或饮水安全未达标；类别脱贫不稳定户（脱贫户）"
    assert en[-1] == "    per-capita income 2023: 9,000 yuan < 6,500 yuan: false"
    assert zh[-1] == "    2023年人均纯收入: 9000元 < 6500元: 不成立"


def test_an_unknown_income_reads_cannot_tell_and_shows_no_comparison() -> None:
    dataset = dataset_of([home("h1", survey=full_survey())])
    decision = decide(dataset, "h1")
    assert decision.answer is Answer.UNKNOWN
    assert not decision.should_monitor
    assert decision.triggers == ()
    assert decision.income.income is None
    assert text(decision.explanation, "en") == [
        "Monitoring to prevent relapse into poverty: should the household be monitored "
        "[monitoring.should_monitor]: cannot tell",
        "  because: no trigger holds, but unknown: income below the monitoring line",
        "  inputs:",
        "    household: h1",
        "    date: 2023-04-18",
        "    poverty history: formerly poor household",
        "    status on the date: formerly poor, not monitored",
        "    income year: 2023",
        "    per-capita income: none",
        "    sudden hardship reported: no",
        "  parameters:",
        f"    {LINE_2023_EN}",
    ]
    assert text(decision.explanation, "zh") == [
        "防止返贫动态监测：是否纳入监测 [monitoring.should_monitor]: 无法判定",
        "  依据: 无触发条件成立，但以下情况不明：收入低于监测标准",
        "  输入:",
        "    农户: h1",
        "    日期: 2023年4月18日",
        "    脱贫情况: 脱贫户",
        "    当日状态: 脱贫户",
        "    收入年度: 2023",
        "    人均纯收入: 无",
        "    报告突发严重困难: 否",
        "  参数:",
        f"    {LINE_2023_ZH}",
    ]


def test_two_unknowns_are_both_listed() -> None:
    dataset = dataset_of([home("h1")])
    decision = decide(dataset, "h1")
    assert decision.undetermined == (Trigger.INCOME_BELOW_LINE, Trigger.GUARANTEE_NOT_MET)
    assert text(decision.explanation, "en")[1] == (
        "  because: no trigger holds, but unknown: income below the monitoring line, "
        "a guarantee or drinking water not met"
    )
    assert text(decision.explanation, "zh")[1] == (
        "  依据: 无触发条件成立，但以下情况不明：收入低于监测标准、两不愁三保障或饮水安全未达标"
    )


def test_a_household_above_the_line_with_everything_met_reads_no() -> None:
    dataset = dataset_of([home("h1", survey=full_survey(), incomes={2023: LINE_2023 + 1})])
    decision = decide(dataset, "h1")
    assert decision.answer is Answer.NO
    assert decision.category is None
    assert decision.triggers == ()
    assert decision.undetermined == ()
    en, zh = text(decision.explanation, "en"), text(decision.explanation, "zh")
    assert en[0].endswith("[monitoring.should_monitor]: no")
    assert en[1] == (
        "  because: income not below the line, every guarantee met, no sudden hardship reported"
    )
    assert en[-1] == "    per-capita income 2023: 6,501 yuan < 6,500 yuan: false"
    assert zh[0].endswith("[monitoring.should_monitor]: 否")
    assert zh[1] == "  依据: 收入不低于监测标准，两不愁三保障及饮水安全均达标，未报告突发严重困难"
    assert zh[-1] == "    2023年人均纯收入: 6501元 < 6500元: 不成立"


def test_one_yuan_below_the_line_is_below_it() -> None:
    dataset = dataset_of([home("h1", survey=full_survey(), incomes={2023: LINE_2023 - 1})])
    decision = decide(dataset, "h1")
    assert decision.triggers == (Trigger.INCOME_BELOW_LINE,)
    assert text(decision.explanation, "en")[-1] == (
        "    per-capita income 2023: 6,499 yuan < 6,500 yuan: true"
    )


def test_the_income_year_defaults_to_the_year_of_the_date() -> None:
    """Only the 2022 income is known: by default 2023's (unknown) is judged."""
    dataset = dataset_of([home("h1", survey=full_survey(), incomes={2022: 5000})])
    default = decide(dataset, "h1")
    assert default.answer is Answer.UNKNOWN
    assert default.income.year == 2023
    assert "    income year: 2023" in text(default.explanation, "en")
    chosen = decide(dataset, "h1", income_year=2022)
    assert chosen.income == YearIncome(year=2022, income=Money(5000), line=Money(LINE_2022))
    assert "    收入年度: 2022" in text(chosen.explanation, "zh")
    assert text(chosen.explanation, "en")[-1] == (
        "    per-capita income 2022: 5,000 yuan < 6,000 yuan: true"
    )
    assert chosen.explanation.parameters[0].effective_from == datetime.date(2022, 1, 1)


def test_sudden_hardship_must_be_true_or_false() -> None:
    dataset = dataset_of([home("h1", survey=full_survey(), incomes={2023: 9000})])
    with pytest.raises(InvalidValueError) as refused:
        decide(dataset, "h1", sudden_hardship="yes")
    assert refused.value.path == "sudden_hardship"
    assert refused.value.value == "yes"
    assert refused.value.reason == "expected True or False"


def test_a_line_declared_as_something_other_than_money_is_refused() -> None:
    params = redeclared(SUPPLIED, "monitoring.income_line", ValueKind.DECIMAL, Decimal(6000))
    dataset = dataset_of([home("h1", survey=full_survey(), incomes={2023: 9000})])
    with pytest.raises(InvalidValueError) as refused:
        decide(dataset, "h1", params=params)
    assert refused.value.path == "monitoring.income_line"
    assert refused.value.value == Decimal(6000)
    assert refused.value.reason == "expected money"


# -- each year's line and the window ------------------------------------------------------


def test_the_line_of_a_past_year_is_read_on_its_31_december() -> None:
    """A line taking effect on 31 December 2022 is 2022's; one taking effect
    on 1 January 2023 is not."""
    resolved = income_line_for_year(SUPPLIED, LINGYUN, 2022, ON)
    assert resolved.on == datetime.date(2022, 12, 31)
    assert resolved.name == "monitoring.income_line"
    assert resolved.requested_for == Jurisdiction.parse(LINGYUN)
    late = SUPPLIED.with_value(
        "monitoring.income_line",
        6100,
        jurisdiction="CN/guangxi",
        effective_from=datetime.date(2022, 12, 31),
        source=TEST_SOURCE,
    )
    assert income_line_for_year(late, LINGYUN, 2022, ON).value == Money(6100)
    assert income_line_for_year(SUPPLIED, LINGYUN, 2023, ON).on == ON


def test_a_year_after_the_date_of_judgement_is_refused_naming_the_date() -> None:
    assert income_line_for_year(SUPPLIED, LINGYUN, 2023, ON).value == Money(LINE_2023)
    with pytest.raises(InvalidValueError) as refused:
        income_line_for_year(SUPPLIED, LINGYUN, 2024, ON)
    assert refused.value.path == "year"
    assert refused.value.value == 2024
    assert refused.value.reason == "a year after the date of judgement 2023-04-18"


@pytest.mark.parametrize(
    ("on", "months", "start", "years"),
    [
        (datetime.date(2023, 4, 18), 6, datetime.date(2022, 10, 18), (2022, 2023)),
        (datetime.date(2023, 8, 31), 6, datetime.date(2023, 2, 28), (2023,)),
        (datetime.date(2023, 3, 31), 1, datetime.date(2023, 2, 28), (2023,)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2023, 2, 28), (2023, 2024)),
        (datetime.date(2023, 4, 18), 0, datetime.date(2023, 4, 18), (2023,)),
        (datetime.date(2023, 1, 1), 25, datetime.date(2020, 12, 1), (2020, 2021, 2022, 2023)),
    ],
)
def test_the_window_runs_from_the_same_day_months_earlier(
    on: datetime.date, months: int, start: datetime.date, years: tuple[int, ...]
) -> None:
    """A month-end date goes back to the earlier month's last day."""
    window = income_window(on, months)
    assert window == (start, years)
    assert type(window[0]) is datetime.date


@pytest.mark.parametrize("months", [-1, True, "6", Decimal(6)])
def test_the_window_needs_a_whole_number_of_months_not_below_zero(months: Any) -> None:
    with pytest.raises(InvalidValueError) as refused:
        income_window(ON, months)
    assert refused.value.path == "months"
    assert refused.value.value is months
    assert refused.value.reason == "expected a whole number of months >= 0"


def test_year_income_is_above_and_below_only_strictly_and_unknown_without_income() -> None:
    line = Money(6000)
    assert YearIncome(year=2023, income=Money(6000), line=line).above is False
    assert YearIncome(year=2023, income=Money(6000), line=line).below is False
    assert YearIncome(year=2023, income=Money("6000.01"), line=line).above is True
    assert YearIncome(year=2023, income=Money("5999.99"), line=line).below is True
    assert YearIncome(year=2023, income=None, line=line).above is None
    assert YearIncome(year=2023, income=None, line=line).below is None


# -- risk elimination: the explanation ---------------------------------------------------------


def test_an_eligible_household_reads_every_condition_met() -> None:
    dataset = dataset_of(
        [
            secure(
                "h1",
                {2022: 7000, 2023: 7000},
                size=3,
                capacities=(WorkingCapacity.FULL, WorkingCapacity.PARTIAL),
            )
        ]
    )
    result = eliminate(dataset, "h1")
    assert result.eligible
    assert result.household_id == H1
    assert result.on == ON
    assert result.stable_months == 6
    assert result.incomes == (
        YearIncome(year=2022, income=Money(7000), line=Money(LINE_2022)),
        YearIncome(year=2023, income=Money(7000), line=Money(LINE_2023)),
    )
    assert result.guarantees.all_met
    assert [part.rule for part in result.explanation.parts] == ["guarantees.household"]
    assert text(result.explanation, "en") == [
        "Monitoring to prevent relapse into poverty: can the risk be marked eliminated "
        "[monitoring.risk_elimination]: eligible",
        "  because: every condition met",
        "  inputs:",
        "    household: h1",
        "    date: 2023-04-18",
        "    monitored on the date: yes",
        "    income window starts: 2022-10-18",
        "    years in the window: 2022, 2023",
        "    per-capita income 2022: 7,000 yuan",
        "    per-capita income 2023: 7,000 yuan",
        "    members with no recorded working capacity: 1 person",
        "    rigid spending under control (as stated): yes",
        "  parameters:",
        f"    {MONTHS_EN}",
        f"    {LINE_2022_EN}",
        f"    {LINE_2023_EN}",
        "  comparisons:",
        "    per-capita income 2022: 7,000 yuan > 6,000 yuan: true",
        "    per-capita income 2023: 7,000 yuan > 6,500 yuan: true",
        "    members able to work: 2 people > 0 people: true",
    ]
    assert text(result.explanation, "zh") == [
        "防止返贫动态监测：能否标注风险消除 [monitoring.risk_elimination]: 可以标注风险消除",
        "  依据: 各项条件均满足",
        "  输入:",
        "    农户: h1",
        "    日期: 2023年4月18日",
        "    当日为监测对象: 是",
        "    收入考察期起始日: 2022年10月18日",
        "    考察期涉及年度: 2022、2023",
        "    2022年人均纯收入: 7000元",
        "    2023年人均纯收入: 7000元",
        "    劳动能力未登记的成员: 1人",
        "    刚性支出可控（调用方陈述）: 是",
        "  参数:",
        f"    {MONTHS_ZH}",
        f"    {LINE_2022_ZH}",
        f"    {LINE_2023_ZH}",
        "  比较:",
        "    2022年人均纯收入: 7000元 > 6000元: 成立",
        "    2023年人均纯收入: 7000元 > 6500元: 成立",
        "    有劳动能力的成员: 2人 > 0人: 成立",
    ]


def test_every_blocker_is_named_in_order_and_an_unknown_income_is_not_compared() -> None:
    dataset = dataset_of(
        [
            secure(
                "h1",
                {2022: 5000},
                size=2,
                capacities=(WorkingCapacity.NONE,),
                survey=full_survey(uninsured=[0], water=None),
                monitoring=[],
            )
        ]
    )
    result = eliminate(dataset, "h1", rigid_spending_controlled=False)
    assert not result.eligible
    assert result.blockers == (
        Blocker.NOT_MONITORED,
        Blocker.INCOME_NOT_ABOVE_LINE,
        Blocker.INCOME_UNKNOWN,
        Blocker.GUARANTEE_NOT_MET,
        Blocker.GUARANTEE_UNKNOWN,
        Blocker.WORKING_CAPACITY_UNKNOWN,
        Blocker.RIGID_SPENDING_UNCONTROLLED,
    )
    assert text(result.explanation, "en") == [
        "Monitoring to prevent relapse into poverty: can the risk be marked eliminated "
        "[monitoring.risk_elimination]: not eligible",
        "  because: blocked: the household is not monitored on the date; "
        "income not above the line in every year of the window; "
        "income unknown for a year of the window; a guarantee or drinking water not met; "
        "a guarantee or drinking water unknown; no member is known to be able to work; "
        "rigid spending not under control",
        "  inputs:",
        "    household: h1",
        "    date: 2023-04-18",
        "    monitored on the date: no",
        "    income window starts: 2022-10-18",
        "    years in the window: 2022, 2023",
        "    per-capita income 2022: 5,000 yuan",
        "    per-capita income 2023: none",
        "    members with no recorded working capacity: 1 person",
        "    rigid spending under control (as stated): no",
        "  parameters:",
        f"    {MONTHS_EN}",
        f"    {LINE_2022_EN}",
        f"    {LINE_2023_EN}",
        "  comparisons:",
        "    per-capita income 2022: 5,000 yuan > 6,000 yuan: false",
        "    members able to work: 0 people > 0 people: false",
    ]
    assert text(result.explanation, "zh") == [
        "防止返贫动态监测：能否标注风险消除 [monitoring.risk_elimination]: 不得标注风险消除",
        "  依据: 不满足：非监测对象；收入未稳定超过监测标准；收入不明；"
        "两不愁三保障或饮水安全未解决；两不愁三保障或饮水安全情况不明；劳动能力不明；刚性支出不可控",
        "  输入:",
        "    农户: h1",
        "    日期: 2023年4月18日",
        "    当日为监测对象: 否",
        "    收入考察期起始日: 2022年10月18日",
        "    考察期涉及年度: 2022、2023",
        "    2022年人均纯收入: 5000元",
        "    2023年人均纯收入: 无",
        "    劳动能力未登记的成员: 1人",
        "    刚性支出可控（调用方陈述）: 否",
        "  参数:",
        f"    {MONTHS_ZH}",
        f"    {LINE_2022_ZH}",
        f"    {LINE_2023_ZH}",
        "  比较:",
        "    2022年人均纯收入: 5000元 > 6000元: 不成立",
        "    有劳动能力的成员: 0人 > 0人: 不成立",
    ]


def test_no_working_capacity_reads_stays_monitored_after_social_security_cover() -> None:
    """Hainan Q&A: "对无劳动能力的监测对象，落实社会保障措施后，暂不标注'风险消除'"."""
    none = (WorkingCapacity.NONE, WorkingCapacity.NONE)
    dataset = dataset_of([secure("h1", {2022: 9000, 2023: 9000}, size=2, capacities=none)])
    result = eliminate(dataset, "h1")
    assert result.blockers == (Blocker.NO_WORKING_CAPACITY,)
    en, zh = text(result.explanation, "en"), text(result.explanation, "zh")
    assert en[1] == (
        "  because: blocked: no member can work: stays monitored after social-security cover"
    )
    assert zh[1] == "  依据: 不满足：无劳动能力，落实社会保障措施后暂不标注风险消除"
    assert "    members with no recorded working capacity: 0 people" in en
    assert en[-1] == "    members able to work: 0 people > 0 people: false"


def test_one_member_able_to_work_is_counted_once() -> None:
    dataset = dataset_of([secure("h1", {2022: 9000, 2023: 9000})])
    result = eliminate(dataset, "h1")
    assert result.eligible
    en = text(result.explanation, "en")
    assert en[-1] == "    members able to work: 1 person > 0 people: true"
    assert "    members with no recorded working capacity: 0 people" in en


def test_a_household_without_members_has_no_one_known_to_work() -> None:
    dataset = dataset_of([secure("h1", {2022: 9000, 2023: 9000}, size=0, capacities=())])
    assert eliminate(dataset, "h1").blockers == (Blocker.WORKING_CAPACITY_UNKNOWN,)


def test_a_household_monitored_again_after_elimination_can_be_assessed_again() -> None:
    closed = (datetime.date(2021, 6, 1), datetime.date(2022, 3, 1))
    dataset = dataset_of(
        [secure("h1", {2022: 9000, 2023: 9000}, monitoring=[closed, SPELL])],
    )
    assert eliminate(dataset, "h1").eligible


def test_rigid_spending_must_be_stated_as_true_or_false() -> None:
    dataset = dataset_of([secure("h1", {2022: 9000, 2023: 9000})])
    with pytest.raises(InvalidValueError) as refused:
        eliminate(dataset, "h1", rigid_spending_controlled=1)
    assert refused.value.path == "rigid_spending_controlled"
    assert refused.value.value == 1
    assert refused.value.reason == "expected True or False"


@pytest.mark.parametrize(
    ("kind", "value"),
    [(ValueKind.DECIMAL, Decimal(6)), (ValueKind.BOOLEAN, True)],
)
def test_stable_months_declared_as_other_than_a_whole_number_are_refused(
    kind: ValueKind, value: Any
) -> None:
    params = redeclared(SUPPLIED, "monitoring.stable_income_months", kind, value)
    dataset = dataset_of([secure("h1", {2022: 9000, 2023: 9000})])
    with pytest.raises(InvalidValueError) as refused:
        eliminate(dataset, "h1", params=params, stable_months_from=None)
    assert refused.value.path == "monitoring.stable_income_months"
    assert refused.value.value is value
    assert refused.value.reason == "expected a whole number of months"


def test_stable_months_are_read_for_the_jurisdiction_when_no_other_is_named() -> None:
    """A Guangxi duration supplied from the same day as the 2022 line is a
    different parameter and is listed beside it."""
    params = SUPPLIED.with_value(
        "monitoring.stable_income_months",
        3,
        jurisdiction="CN/guangxi",
        effective_from=datetime.date(2022, 1, 1),
        source=TEST_SOURCE,
    )
    dataset = dataset_of([secure("h1", {2022: 9000, 2023: 9000})])
    result = eliminate(dataset, "h1", params=params, stable_months_from=None)
    assert result.stable_months == 3
    assert result.window_start == datetime.date(2023, 1, 18)
    assert [y.year for y in result.incomes] == [2023]
    assert [(p.name, p.effective_from) for p in result.explanation.parameters] == [
        ("monitoring.stable_income_months", datetime.date(2022, 1, 1)),
        ("monitoring.income_line", datetime.date(2023, 1, 1)),
    ]
    # Zongyang's six months, named explicitly, win over Guangxi's three.
    named = eliminate(dataset, "h1", params=params, stable_months_from=ZONGYANG)
    assert named.stable_months == 6


def test_a_line_in_force_in_both_years_is_listed_once_and_lines_of_two_places_twice() -> None:
    """Lingyun's own line of 2021, ended on 31 December 2022, is 2022's; for
    2023 Guangxi's line of the same start applies: two values, both listed."""
    guangxi = ParameterValue(
        jurisdiction=Jurisdiction.parse("CN/guangxi"),
        effective_from=datetime.date(2021, 1, 1),
        value=Money(6000),
        source=TEST_SOURCE,
        confidence=Confidence.HIGH,
    )
    lingyun = attrs.evolve(
        guangxi,
        jurisdiction=Jurisdiction.parse(LINGYUN),
        value=Money(5800),
        effective_until=datetime.date(2022, 12, 31),
    )
    dataset = dataset_of([secure("h1", {2022: 9000, 2023: 9000})])
    one = with_values(SUPPLIED, "monitoring.income_line", guangxi)
    listed = eliminate(dataset, "h1", params=one).explanation.parameters
    assert [p.name for p in listed] == [
        "monitoring.stable_income_months",
        "monitoring.income_line",
    ]
    two = with_values(SUPPLIED, "monitoring.income_line", guangxi, lingyun)
    result = eliminate(dataset, "h1", params=two)
    assert [y.line for y in result.incomes] == [Money(5800), Money(6000)]
    assert [(p.name, p.jurisdiction.path) for p in result.explanation.parameters] == [
        ("monitoring.stable_income_months", ZONGYANG),
        ("monitoring.income_line", LINGYUN),
        ("monitoring.income_line", "CN/guangxi"),
    ]


# -- the report's count ---------------------------------------------------------------------


def test_the_count_reads_households_and_people_in_both_languages() -> None:
    closed = (datetime.date(2021, 8, 1), datetime.date(2022, 12, 1))
    dataset = dataset_of(
        [
            home("b", village="chuhua", size=3, monitoring=[closed]),
            home("a", village="taohua", size=2, monitoring=[closed]),
            home("c", village="naliu", size=4, monitoring=[closed]),
            home("open", village="taohua", size=5, monitoring=[SPELL]),
        ]
    )
    count = eliminated_households(dataset, [TAOHUA, VillageId("chuhua"), TAOHUA], ON)
    assert count.village_ids == (VillageId("chuhua"), TAOHUA)
    assert count.on == ON
    assert count.household_ids == (HouseholdId("a"), HouseholdId("b"))
    assert count.households == HouseholdCount(2)
    assert count.people == PersonCount(5)
    assert count.explanation.to_text("en").splitlines() == [
        "Monitored households whose risk has been eliminated "
        "[monitoring.eliminated_households]: 2 households, 5 people",
        "  because: households with a spell closed as eliminated by the date and none open on it",
        "  inputs:",
        "    villages: chuhua, taohua",
        "    date: 2023-04-18",
        "    households: a, b",
    ]
    assert count.explanation.to_text("zh").splitlines() == [
        "已消除风险的监测户 [monitoring.eliminated_households]: 2户5人",
        "  依据: 截至该日有监测记录已消除风险且当日无未消除记录的农户",
        "  输入:",
        "    村: chuhua、taohua",
        "    日期: 2023年4月18日",
        "    户: a、b",
    ]


def test_one_village_may_be_named_alone() -> None:
    closed = (datetime.date(2021, 8, 1), datetime.date(2022, 12, 1))
    dataset = dataset_of([home("a", size=2, monitoring=[closed])])
    count = eliminated_households(dataset, TAOHUA, ON)
    assert count.village_ids == (TAOHUA,)
    assert count.household_ids == (HouseholdId("a"),)
    assert count.explanation.outcome_en == "1 household, 2 people"


def test_a_household_eliminated_on_the_date_counts_and_one_identified_on_it_does_not() -> None:
    dataset = dataset_of(
        [
            home("a", size=1, monitoring=[(datetime.date(2022, 1, 1), ON)]),
            home(
                "b",
                size=1,
                monitoring=[(datetime.date(2021, 1, 1), datetime.date(2022, 1, 1)), (ON, None)],
            ),
        ]
    )
    count = eliminated_households(dataset, SIX_VILLAGES, ON)
    assert count.household_ids == (HouseholdId("a"),)
    before = eliminated_households(dataset, SIX_VILLAGES, ON - datetime.timedelta(days=1))
    assert before.household_ids == (HouseholdId("b"),)


# -- the procedure --------------------------------------------------------------------------


def test_a_step_out_of_order_names_both_steps() -> None:
    procedure = EliminationProcedure(household_id=H1).advance(
        EliminationStep.HOME_VISIT, datetime.date(2022, 11, 2)
    )
    with pytest.raises(ProcedureOrderError) as refused:
        procedure.advance(EliminationStep.COUNTY_APPROVAL, datetime.date(2022, 11, 20))
    assert str(refused.value) == (
        "expected step 村级民主评议公示 (village democratic review and public notice), "
        "not 县级审定公告 (county approval and notice)"
    )


def test_a_step_that_is_not_a_step_is_shown_as_given() -> None:
    procedure = EliminationProcedure(household_id=H1)
    with pytest.raises(ProcedureOrderError) as refused:
        procedure.advance("home_visit", ON)  # type: ignore[arg-type]
    assert refused.value.expected is EliminationStep.HOME_VISIT
    assert refused.value.given == "home_visit"
    assert str(refused.value) == "expected step 入户核查 (home visit and check), not 'home_visit'"


def test_a_step_after_the_last_reads_that_the_procedure_is_complete() -> None:
    procedure = complete()
    with pytest.raises(ProcedureOrderError) as refused:
        procedure.advance(EliminationStep.HOME_VISIT, datetime.date(2022, 12, 2))
    assert refused.value.expected is None
    assert refused.value.given is EliminationStep.HOME_VISIT
    assert str(refused.value) == (
        "expected step none (the procedure is complete), not 入户核查 (home visit and check)"
    )


def test_a_step_dated_too_early_names_both_steps_and_dates() -> None:
    procedure = EliminationProcedure(household_id=H1).advance(
        EliminationStep.HOME_VISIT, datetime.date(2023, 4, 20)
    )
    with pytest.raises(ProcedureDateError) as refused:
        procedure.advance(EliminationStep.VILLAGE_REVIEW, datetime.date(2023, 4, 19))
    error = refused.value
    assert error.step is EliminationStep.VILLAGE_REVIEW
    assert error.on == datetime.date(2023, 4, 19)
    assert error.previous is EliminationStep.HOME_VISIT
    assert error.previous_on == datetime.date(2023, 4, 20)
    assert str(error) == (
        "step 村级民主评议公示 (village democratic review and public notice) dated 2023-04-19, "
        "before the previous step 入户核查 (home visit and check) on 2023-04-20"
    )
    assert procedure.completed == (
        CompletedStep(step=EliminationStep.HOME_VISIT, on=datetime.date(2023, 4, 20)),
    )


def test_closing_before_the_procedure_is_complete_names_the_step_due() -> None:
    procedure = EliminationProcedure(household_id=H1).advance(EliminationStep.HOME_VISIT, ON)
    assert procedure.eliminated_on is None
    assert not procedure.is_complete
    with pytest.raises(ProcedureOrderError) as refused:
        procedure.close(record())
    assert refused.value.expected is EliminationStep.VILLAGE_REVIEW
    assert refused.value.given is None
    assert str(refused.value) == (
        "the procedure is not complete: step 村级民主评议公示 "
        "(village democratic review and public notice) is due"
    )


def test_closing_closes_only_that_households_open_record() -> None:
    procedure = complete(datetime.date(2022, 12, 1))
    closed = procedure.close(record())
    assert closed == attrs.evolve(record(), risk_eliminated_on=datetime.date(2022, 12, 1))
    with pytest.raises(InvalidValueError) as other:
        procedure.close(record("h2"))
    assert other.value.path == "record.household_id"
    assert other.value.value == HouseholdId("h2")
    assert other.value.reason == "not household 'h1'"
    with pytest.raises(InvalidValueError) as again:
        procedure.close(closed)
    assert again.value.path == "record.risk_eliminated_on"
    assert again.value.value == datetime.date(2022, 12, 1)
    assert again.value.reason == "already closed"


def test_another_households_record_is_refused_before_the_procedure_is_checked() -> None:
    incomplete = EliminationProcedure(household_id=H1)
    with pytest.raises(InvalidValueError) as refused:
        incomplete.close(record("h2"))
    assert refused.value.path == "record.household_id"
    # An incomplete procedure is reported before a closed record.
    with pytest.raises(ProcedureOrderError):
        incomplete.close(record(closed=datetime.date(2022, 12, 1)))


def test_a_procedure_built_from_steps_checks_their_dates_and_accepts_one_day() -> None:
    day = datetime.date(2022, 11, 2)
    same_day = EliminationProcedure(
        household_id=H1,
        completed=[CompletedStep(step=step, on=day) for step in EliminationStep],
    )
    assert same_day.is_complete
    assert isinstance(same_day.completed, tuple)
    assert same_day.eliminated_on == day
    rising = EliminationProcedure(
        household_id=H1,
        completed=(
            CompletedStep(step=EliminationStep.HOME_VISIT, on=day),
            CompletedStep(step=EliminationStep.VILLAGE_REVIEW, on=day + datetime.timedelta(1)),
            CompletedStep(step=EliminationStep.TOWNSHIP_CHECK, on=day + datetime.timedelta(9)),
        ),
    )
    assert rising.next_step is EliminationStep.COUNTY_APPROVAL
    with pytest.raises(ProcedureDateError) as refused:
        EliminationProcedure(
            household_id=H1,
            completed=(
                CompletedStep(step=EliminationStep.HOME_VISIT, on=day),
                CompletedStep(step=EliminationStep.VILLAGE_REVIEW, on=day - datetime.timedelta(1)),
            ),
        )
    assert refused.value.step is EliminationStep.VILLAGE_REVIEW
    assert refused.value.on == datetime.date(2022, 11, 1)
    assert refused.value.previous is EliminationStep.HOME_VISIT
    assert refused.value.previous_on == day


def test_a_procedure_built_with_a_step_too_many_is_refused() -> None:
    steps = [*EliminationStep, EliminationStep.COUNTY_APPROVAL]
    with pytest.raises(ProcedureOrderError) as refused:
        EliminationProcedure(
            household_id=H1, completed=[CompletedStep(step=s, on=ON) for s in steps]
        )
    assert refused.value.expected is None
    assert refused.value.given is EliminationStep.COUNTY_APPROVAL


def test_a_procedure_built_from_wrong_steps_is_refused() -> None:
    with pytest.raises(ProcedureOrderError) as refused:
        EliminationProcedure(
            household_id=H1,
            completed=[CompletedStep(step=EliminationStep.TOWNSHIP_CHECK, on=ON)],
        )
    assert refused.value.expected is EliminationStep.HOME_VISIT
    assert refused.value.given is EliminationStep.TOWNSHIP_CHECK


@pytest.mark.parametrize(
    "completed",
    [None, "home_visit", (EliminationStep.HOME_VISIT,), ((EliminationStep.HOME_VISIT, ON),)],
)
def test_the_completed_steps_must_be_completed_step_records(completed: Any) -> None:
    with pytest.raises(InvalidValueError) as refused:
        EliminationProcedure(household_id=H1, completed=completed)
    assert refused.value.path == "EliminationProcedure.completed"
    assert refused.value.value == completed
    assert refused.value.reason == "expected a tuple of CompletedStep"


def test_a_new_procedure_has_no_step_done() -> None:
    procedure = EliminationProcedure(household_id=H1)
    assert procedure.completed == ()
    assert procedure.next_step is EliminationStep.HOME_VISIT


def test_the_three_valued_answer_of_a_flag() -> None:
    assert Answer.of(True) is Answer.YES
    assert Answer.of(False) is Answer.NO
    assert Answer.of(None) is Answer.UNKNOWN
