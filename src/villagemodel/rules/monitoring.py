"""Monitoring to prevent relapse into poverty (防止返贫动态监测和帮扶机制, 中农组发〔2021〕7号).

Four rules:

1. :func:`should_monitor`: whether a household should be monitored on a
   date, and in which :class:`~villagemodel.households.RiskCategory`. A
   household qualifies when its per-capita income is below the monitoring
   income line (parameter ``monitoring.income_line``, set by each province
   every year), when one of the two assurances, three guarantees or drinking
   water is not met (:mod:`villagemodel.rules.guarantees`), or when the
   caller reports a sudden severe hardship (illness, disaster or accident
   causing large rigid spending or a sharp fall in income). The category
   follows: sudden hardship reported → 突发严重困难户; otherwise a formerly
   poor household → 脱贫不稳定户, a household never registered as poor →
   边缘易致贫户.

2. :func:`assess_elimination`: whether a monitored household's risk can be
   marked eliminated (风险消除) on a date. Following the Hainan provincial
   government's Q&A of December 2021: income stably above that year's line,
   the two assurances, three guarantees and drinking water secured, and the
   risk stably removed; not while income is unstable, rigid spending is not
   under control or a guarantee is unsolved; and a household with no member
   able to work is not marked eliminated after social-security cover but
   stays monitored. No record holds spending, so the caller states whether
   rigid spending is under control.

3. :class:`EliminationProcedure`: the procedure that marks a risk
   eliminated, in its fixed order 入户核查 → 村级民主评议公示 → 乡镇审核验收
   → 县级审定公告.

4. :func:`eliminated_households`: the households of some villages whose
   risk had been eliminated by a date, and their people ("6个村已消除风险的
   监测户共35户150人").

**Income.** Income is the household's per-capita disposable income for a
calendar year (:class:`~villagemodel.households.HouseholdIncome`; for the
current year, the estimate the monitoring system holds). The line of year
``Y`` is the value of ``monitoring.income_line`` in force on 31 December of
``Y``, or on the date of judgement if that is earlier. "Below" the line
excludes the line itself (低于); "above" excludes it too (超过): an income
exactly on the line neither triggers monitoring nor allows elimination.
No value of the line is shipped for Guangxi, whose 2021-2023 lines were not
found in a public source: the rules raise
:class:`~villagemodel.parameters.ParameterNotFoundError` until the caller
supplies one with :meth:`~villagemodel.parameters.ParameterSet.with_value`.

**"Stably above for N months."** N is the parameter
``monitoring.stable_income_months``. Income data are yearly, so the rule
takes the N months up to the date of judgement, from the date N months
earlier to the date itself, and requires the income of *every calendar year
that window touches* to be above that year's line. On 18 April 2023 with
N = 6 the window starts on 18 October 2022, so both the 2022 income and the
2023 income (estimate) must be above their lines. A missing year is unknown,
which never counts as above. The only public N found is Zongyang county's
(Anhui): "原则上不得低于半年", six months. It is shipped for that county
only, so a lookup for Guangxi fails; the caller supplies a value or names
Zongyang's explicitly (``stable_months_from="CN/anhui/tongling/zongyang"``).

>>> import datetime
>>> step = EliminationProcedure(household_id=HouseholdId("h1"))
>>> step = step.advance(EliminationStep.HOME_VISIT, datetime.date(2022, 11, 2))
>>> step.next_step
<EliminationStep.VILLAGE_REVIEW: 'village_review'>
>>> step.advance(EliminationStep.TOWNSHIP_CHECK, datetime.date(2022, 11, 20))
Traceback (most recent call last):
...
villagemodel.rules.monitoring.ProcedureOrderError: expected step 村级民主评议公示 (village democratic review and public notice), not 乡镇审核验收 (township check and acceptance)
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import Any, Final

import attrs
import pendulum

from villagemodel import _fields as f
from villagemodel.dataset import Dataset
from villagemodel.errors import InvalidValueError, VillageModelError
from villagemodel.explain import Comparison, Explanation, Fact, Operator
from villagemodel.households import (
    MonitoringRecord,
    PovertyHistory,
    PovertyStatusKind,
    RiskCategory,
    WorkingCapacity,
)
from villagemodel.ids import HouseholdId, VillageId
from villagemodel.labels import LabelledEnum
from villagemodel.money import Money
from villagemodel.parameters import Jurisdiction, ParameterSet, ResolvedParameter
from villagemodel.quantities import HouseholdCount, PersonCount
from villagemodel.rules.guarantees import (
    GuaranteeAssessment,
    Outcome,
    WaterArea,
    assess_guarantees,
)

__all__ = [
    "Answer",
    "Blocker",
    "CompletedStep",
    "EliminatedCount",
    "EliminationAssessment",
    "EliminationProcedure",
    "EliminationStep",
    "MonitoringDecision",
    "ProcedureDateError",
    "ProcedureError",
    "ProcedureOrderError",
    "Trigger",
    "YearIncome",
    "assess_elimination",
    "eliminated_households",
    "income_line_for_year",
    "income_window",
    "should_monitor",
]

INCOME_LINE: Final = "monitoring.income_line"
STABLE_MONTHS: Final = "monitoring.stable_income_months"


class Answer(LabelledEnum):
    """A three-valued answer: yes, no, or cannot tell from the data."""

    YES = ("yes", "是", "yes")
    NO = ("no", "否", "no")
    UNKNOWN = ("unknown", "无法判定", "cannot tell")

    @classmethod
    def of(cls, flag: bool | None) -> Answer:
        if flag is None:
            return cls.UNKNOWN
        return cls.YES if flag else cls.NO


class Trigger(LabelledEnum):
    """A reason to monitor a household."""

    INCOME_BELOW_LINE = (
        "income_below_line",
        "收入低于监测标准",
        "income below the monitoring line",
    )
    GUARANTEE_NOT_MET = (
        "guarantee_not_met",
        "两不愁三保障或饮水安全未达标",
        "a guarantee or drinking water not met",
    )
    SUDDEN_HARDSHIP = ("sudden_hardship", "突发严重困难", "sudden severe hardship reported")


class Blocker(LabelledEnum):
    """A reason why a risk cannot be marked eliminated."""

    NOT_MONITORED = ("not_monitored", "非监测对象", "the household is not monitored on the date")
    INCOME_NOT_ABOVE_LINE = (
        "income_not_above_line",
        "收入未稳定超过监测标准",
        "income not above the line in every year of the window",
    )
    INCOME_UNKNOWN = ("income_unknown", "收入不明", "income unknown for a year of the window")
    GUARANTEE_NOT_MET = (
        "guarantee_not_met",
        "两不愁三保障或饮水安全未解决",
        "a guarantee or drinking water not met",
    )
    GUARANTEE_UNKNOWN = (
        "guarantee_unknown",
        "两不愁三保障或饮水安全情况不明",
        "a guarantee or drinking water unknown",
    )
    NO_WORKING_CAPACITY = (
        "no_working_capacity",
        "无劳动能力，落实社会保障措施后暂不标注风险消除",
        "no member can work: stays monitored after social-security cover",
    )
    WORKING_CAPACITY_UNKNOWN = (
        "working_capacity_unknown",
        "劳动能力不明",
        "no member is known to be able to work",
    )
    RIGID_SPENDING_UNCONTROLLED = (
        "rigid_spending_uncontrolled",
        "刚性支出不可控",
        "rigid spending not under control",
    )


# -- income ----------------------------------------------------------------------


def _end_of_year(year: int) -> datetime.date:
    return datetime.date(year + 1, 1, 1) - datetime.timedelta(days=1)


def income_line_for_year(
    params: ParameterSet, jurisdiction: str | Jurisdiction, year: int, on: datetime.date
) -> ResolvedParameter:
    """The monitoring income line of ``year`` as known on ``on``: the value in
    force on 31 December of ``year``, or on ``on`` if that is earlier.

    Raises :class:`~villagemodel.parameters.ParameterNotFoundError` when no
    value is in force (no value is shipped for Guangxi).
    """
    if year > on.year:
        raise InvalidValueError(
            "year", year, f"a year after the date of judgement {on.isoformat()}"
        )
    return params.lookup(INCOME_LINE, jurisdiction, min(on, _end_of_year(year)))


def income_window(on: datetime.date, months: int) -> tuple[datetime.date, tuple[int, ...]]:
    """The start of the ``months`` months up to ``on``, and the calendar years
    that window touches (from the start's year to the year of ``on``).

    >>> income_window(datetime.date(2023, 4, 18), 6)
    (datetime.date(2022, 10, 18), (2022, 2023))
    >>> income_window(datetime.date(2023, 8, 31), 6)
    (datetime.date(2023, 2, 28), (2023,))
    """
    if isinstance(months, bool) or not isinstance(months, int) or months < 0:
        raise InvalidValueError("months", months, "expected a whole number of months >= 0")
    start = pendulum.Date(on.year, on.month, on.day).subtract(months=months)
    first = datetime.date(start.year, start.month, start.day)
    return first, tuple(range(first.year, on.year + 1))


@attrs.frozen(kw_only=True)
class YearIncome:
    """A year's per-capita income against that year's line.

    ``above`` is ``None`` when the income is unknown.
    """

    year: int
    income: Money | None
    line: Money

    @property
    def above(self) -> bool | None:
        return None if self.income is None else self.income > self.line

    @property
    def below(self) -> bool | None:
        return None if self.income is None else self.income < self.line


def _year_income(
    dataset: Dataset,
    household_id: HouseholdId,
    year: int,
    *,
    on: datetime.date,
    params: ParameterSet,
    jurisdiction: Jurisdiction,
    read: list[ResolvedParameter],
) -> YearIncome:
    line = income_line_for_year(params, jurisdiction, year, on)
    read.append(line)
    if not isinstance(line.value, Money):
        raise InvalidValueError(INCOME_LINE, line.value, "expected money")
    return YearIncome(year=year, income=dataset.income(household_id, year), line=line.value)


def _distinct(found: list[ResolvedParameter]) -> tuple[ResolvedParameter, ...]:
    """Each value read once, in the order first read: a line in force in two
    years of the window is listed once (the comparisons show each year)."""
    seen: set[tuple[str, str, datetime.date]] = set()
    result: list[ResolvedParameter] = []
    for p in found:
        key = (p.name, p.jurisdiction.path, p.effective_from)
        if key not in seen:
            seen.add(key)
            result.append(p)
    return tuple(result)


# -- should a household be monitored -------------------------------------------


@attrs.frozen(kw_only=True)
class MonitoringDecision:
    """Whether a household should be monitored on a date, and in which category.

    ``answer`` is yes when a trigger holds, no when every trigger is known
    not to hold, and unknown otherwise; ``category`` is given with a yes.
    """

    household_id: HouseholdId
    on: datetime.date
    answer: Answer
    category: RiskCategory | None
    triggers: tuple[Trigger, ...]
    undetermined: tuple[Trigger, ...]
    income: YearIncome
    guarantees: GuaranteeAssessment
    explanation: Explanation

    @property
    def should_monitor(self) -> bool:
        """Whether a trigger holds (an unknown answer is not a yes)."""
        return self.answer is Answer.YES


def _category(history: PovertyHistory, sudden_hardship: bool) -> RiskCategory:
    if sudden_hardship:
        return RiskCategory.SUDDEN_HARDSHIP
    if history is PovertyHistory.FORMERLY_POOR:
        return RiskCategory.UNSTABLE_FORMERLY_POOR
    return RiskCategory.MARGINAL


def should_monitor(
    dataset: Dataset,
    household_id: HouseholdId,
    on: datetime.date,
    *,
    params: ParameterSet,
    jurisdiction: str | Jurisdiction,
    water_area: WaterArea,
    sudden_hardship: bool = False,
    income_year: int | None = None,
) -> MonitoringDecision:
    """Whether the household should be monitored on ``on``, and in which category.

    ``income_year`` is the year whose income is compared with that year's
    line (default: the year of ``on``; pass the last year with a known
    income when the current year's is not yet estimated). ``sudden_hardship``
    is the caller's report of a sudden severe hardship. Raises
    :class:`~villagemodel.parameters.ParameterNotFoundError` when no income
    line is in force for ``jurisdiction``.
    """
    if not isinstance(sudden_hardship, bool):
        raise InvalidValueError("sudden_hardship", sudden_hardship, "expected True or False")
    place = Jurisdiction.parse(jurisdiction)
    household = dataset.household(household_id)
    year = on.year if income_year is None else income_year
    read: list[ResolvedParameter] = []
    income = _year_income(
        dataset, household_id, year, on=on, params=params, jurisdiction=place, read=read
    )
    guarantees = assess_guarantees(
        dataset, household_id, on, params=params, jurisdiction=place, water_area=water_area
    )
    if guarantees.with_outcome(Outcome.NOT_MET):
        guarantee_trigger: bool | None = True
    elif guarantees.with_outcome(Outcome.UNKNOWN):
        guarantee_trigger = None
    else:
        guarantee_trigger = False
    found = {
        Trigger.INCOME_BELOW_LINE: income.below,
        Trigger.GUARANTEE_NOT_MET: guarantee_trigger,
        Trigger.SUDDEN_HARDSHIP: sudden_hardship,
    }
    triggers = tuple(t for t, holds in found.items() if holds is True)
    undetermined = tuple(t for t, holds in found.items() if holds is None)
    answer = Answer.YES if triggers else (Answer.UNKNOWN if undetermined else Answer.NO)
    category = _category(household.history, sudden_hardship) if triggers else None
    comparisons: list[Comparison] = []
    if income.income is not None:
        comparisons.append(
            Comparison.of(
                f"per-capita income {year}",
                f"{year}年人均纯收入",
                income.income,
                Operator.LT,
                income.line,
            )
        )
    if triggers:
        branch_en = "monitor: " + ", ".join(t.en for t in triggers)
        branch_zh = "应纳入监测：" + "、".join(t.zh for t in triggers)
        if category is not None:
            branch_en += f"; category {category.en} (history: {household.history.en})"
            branch_zh += f"；类别{category.zh}（{household.history.zh}）"
    elif undetermined:
        branch_en = "no trigger holds, but unknown: " + ", ".join(t.en for t in undetermined)
        branch_zh = "无触发条件成立，但以下情况不明：" + "、".join(t.zh for t in undetermined)
    else:
        branch_en = "income not below the line, every guarantee met, no sudden hardship reported"
        branch_zh = "收入不低于监测标准，两不愁三保障及饮水安全均达标，未报告突发严重困难"
    explanation = Explanation(
        rule="monitoring.should_monitor",
        title_en="Monitoring to prevent relapse into poverty: should the household be monitored",
        title_zh="防止返贫动态监测：是否纳入监测",
        outcome_en=answer.en if category is None else f"{answer.en}: {category.en}",
        outcome_zh=answer.zh if category is None else f"{answer.zh}：{category.zh}",
        branch_en=branch_en,
        branch_zh=branch_zh,
        inputs=(
            Fact(label_en="household", label_zh="农户", value=household_id),
            Fact(label_en="date", label_zh="日期", value=on),
            Fact(label_en="poverty history", label_zh="脱贫情况", value=household.history),
            Fact(
                label_en="status on the date",
                label_zh="当日状态",
                value=dataset.poverty_status(household_id, on).kind,
            ),
            Fact(label_en="income year", label_zh="收入年度", value=year),
            Fact(label_en="per-capita income", label_zh="人均纯收入", value=income.income),
            Fact(
                label_en="sudden hardship reported",
                label_zh="报告突发严重困难",
                value=sudden_hardship,
            ),
        ),
        parameters=tuple(read),
        comparisons=tuple(comparisons),
        parts=(guarantees.explanation,),
    )
    return MonitoringDecision(
        household_id=household_id,
        on=on,
        answer=answer,
        category=category,
        triggers=triggers,
        undetermined=undetermined,
        income=income,
        guarantees=guarantees,
        explanation=explanation,
    )


# -- can the risk be marked eliminated -----------------------------------------


@attrs.frozen(kw_only=True)
class EliminationAssessment:
    """Whether a monitored household's risk can be marked eliminated on a date.

    ``eligible`` is true only when nothing blocks it; ``blockers`` lists every
    reason found (unknowns included: they never count as met).
    """

    household_id: HouseholdId
    on: datetime.date
    eligible: bool
    blockers: tuple[Blocker, ...]
    stable_months: int
    window_start: datetime.date
    incomes: tuple[YearIncome, ...]
    guarantees: GuaranteeAssessment
    explanation: Explanation


_CAN_WORK = (WorkingCapacity.FULL, WorkingCapacity.PARTIAL)


def _working_capacity(dataset: Dataset, household_id: HouseholdId) -> tuple[bool | None, int, int]:
    """Whether a member can work (full or partial capacity); ``None`` when no
    member is known to and some member's capacity is not recorded. Also the
    counts of members able to work and of members with no record."""
    members = dataset.members_of(household_id)
    able = sum(1 for m in members if m.working_capacity in _CAN_WORK)
    unrecorded = sum(1 for m in members if m.working_capacity is None)
    if able:
        return True, able, unrecorded
    if unrecorded or not members:
        return None, able, unrecorded
    return False, able, unrecorded


def assess_elimination(
    dataset: Dataset,
    household_id: HouseholdId,
    on: datetime.date,
    *,
    params: ParameterSet,
    jurisdiction: str | Jurisdiction,
    water_area: WaterArea,
    rigid_spending_controlled: bool,
    stable_months_from: str | Jurisdiction | None = None,
) -> EliminationAssessment:
    """Whether the household's risk can be marked eliminated on ``on``.

    Conditions, all required: the household is monitored on ``on``; its
    income is above the line in every year touched by the
    ``monitoring.stable_income_months`` months up to ``on`` (see the module
    notes); every component of the two assurances, three guarantees and
    drinking water is met on ``on`` (unknown is not met); a member can work
    (full or partial capacity); and, as the caller states, rigid spending is
    under control (no record holds spending, so the caller must say).

    The income line is looked up for ``jurisdiction``; the number of months
    for ``stable_months_from`` when given (for example Zongyang county's, the
    only public value), else for ``jurisdiction``. Raises
    :class:`~villagemodel.parameters.ParameterNotFoundError` when either has
    no value in force.
    """
    if not isinstance(rigid_spending_controlled, bool):
        raise InvalidValueError(
            "rigid_spending_controlled", rigid_spending_controlled, "expected True or False"
        )
    place = Jurisdiction.parse(jurisdiction)
    months_place = place if stable_months_from is None else Jurisdiction.parse(stable_months_from)
    dataset.household(household_id)
    read: list[ResolvedParameter] = []
    months_found = params.lookup(STABLE_MONTHS, months_place, on)
    read.append(months_found)
    months = months_found.value
    if isinstance(months, bool) or not isinstance(months, int):
        raise InvalidValueError(STABLE_MONTHS, months, "expected a whole number of months")
    start, years = income_window(on, months)
    incomes = tuple(
        _year_income(
            dataset, household_id, year, on=on, params=params, jurisdiction=place, read=read
        )
        for year in years
    )
    guarantees = assess_guarantees(
        dataset, household_id, on, params=params, jurisdiction=place, water_area=water_area
    )
    can_work, able, unrecorded = _working_capacity(dataset, household_id)
    monitored = dataset.poverty_status(household_id, on).kind is PovertyStatusKind.MONITORED

    blockers: list[Blocker] = []
    if not monitored:
        blockers.append(Blocker.NOT_MONITORED)
    if any(year.above is False for year in incomes):
        blockers.append(Blocker.INCOME_NOT_ABOVE_LINE)
    if any(year.above is None for year in incomes):
        blockers.append(Blocker.INCOME_UNKNOWN)
    if guarantees.with_outcome(Outcome.NOT_MET):
        blockers.append(Blocker.GUARANTEE_NOT_MET)
    if guarantees.with_outcome(Outcome.UNKNOWN):
        blockers.append(Blocker.GUARANTEE_UNKNOWN)
    if can_work is False:
        blockers.append(Blocker.NO_WORKING_CAPACITY)
    if can_work is None:
        blockers.append(Blocker.WORKING_CAPACITY_UNKNOWN)
    if not rigid_spending_controlled:
        blockers.append(Blocker.RIGID_SPENDING_UNCONTROLLED)
    eligible = not blockers

    comparisons = [
        Comparison.of(
            f"per-capita income {year.year}",
            f"{year.year}年人均纯收入",
            year.income,
            Operator.GT,
            year.line,
        )
        for year in incomes
        if year.income is not None
    ]
    comparisons.append(
        Comparison.of(
            "members able to work",
            "有劳动能力的成员",
            PersonCount(able),
            Operator.GT,
            PersonCount(0),
        )
    )
    inputs: list[Fact] = [
        Fact(label_en="household", label_zh="农户", value=household_id),
        Fact(label_en="date", label_zh="日期", value=on),
        Fact(label_en="monitored on the date", label_zh="当日为监测对象", value=monitored),
        Fact(label_en="income window starts", label_zh="收入考察期起始日", value=start),
        Fact(label_en="years in the window", label_zh="考察期涉及年度", value=years),
    ]
    inputs.extend(
        Fact(
            label_en=f"per-capita income {year.year}",
            label_zh=f"{year.year}年人均纯收入",
            value=year.income,
        )
        for year in incomes
    )
    inputs += [
        Fact(
            label_en="members with no recorded working capacity",
            label_zh="劳动能力未登记的成员",
            value=PersonCount(unrecorded),
        ),
        Fact(
            label_en="rigid spending under control (as stated)",
            label_zh="刚性支出可控（调用方陈述）",
            value=rigid_spending_controlled,
        ),
    ]
    explanation = Explanation(
        rule="monitoring.risk_elimination",
        title_en="Monitoring to prevent relapse into poverty: can the risk be marked eliminated",
        title_zh="防止返贫动态监测：能否标注风险消除",
        outcome_en="eligible" if eligible else "not eligible",
        outcome_zh="可以标注风险消除" if eligible else "不得标注风险消除",
        branch_en="every condition met"
        if eligible
        else "blocked: " + "; ".join(b.en for b in blockers),
        branch_zh="各项条件均满足" if eligible else "不满足：" + "；".join(b.zh for b in blockers),
        inputs=tuple(inputs),
        parameters=_distinct(read),
        comparisons=tuple(comparisons),
        parts=(guarantees.explanation,),
    )
    return EliminationAssessment(
        household_id=household_id,
        on=on,
        eligible=eligible,
        blockers=tuple(blockers),
        stable_months=months,
        window_start=start,
        incomes=incomes,
        guarantees=guarantees,
        explanation=explanation,
    )


# -- counts -----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class EliminatedCount:
    """Monitored households whose risk had been eliminated by a date, and their people."""

    village_ids: tuple[VillageId, ...]
    on: datetime.date
    household_ids: tuple[HouseholdId, ...]
    households: HouseholdCount
    people: PersonCount
    explanation: Explanation


def eliminated_households(
    dataset: Dataset, villages: VillageId | Collection[VillageId], on: datetime.date
) -> EliminatedCount:
    """Households of the villages whose risk had been eliminated by ``on``
    (已消除风险的监测户) and the people in them, as in "6个村已消除风险的
    监测户共35户150人".

    A household counts when one of its monitoring spells was closed as
    eliminated on or before ``on`` and no spell is open on ``on`` (a
    household monitored again is not counted). People are the household's
    members.
    """
    village_ids = (villages,) if isinstance(villages, str) else tuple(sorted(set(villages)))
    found: list[tuple[HouseholdId, int]] = []
    for village_id in village_ids:
        for household in dataset.households_in(village_id):
            spells = dataset.monitoring_of(household.id)
            if any(s.is_eliminated_by(on) for s in spells) and not any(
                s.is_open_on(on) for s in spells
            ):
                found.append((household.id, len(dataset.members_of(household.id))))
    found.sort()
    households = HouseholdCount(len(found))
    people = PersonCount(sum(size for _, size in found))
    explanation = Explanation(
        rule="monitoring.eliminated_households",
        title_en="Monitored households whose risk has been eliminated",
        title_zh="已消除风险的监测户",
        outcome_en=f"{households.format_en()}, {people.format_en()}",
        outcome_zh=f"{households.format_zh()}{people.format_zh()}",
        branch_en="households with a spell closed as eliminated by the date and none open on it",
        branch_zh="截至该日有监测记录已消除风险且当日无未消除记录的农户",
        inputs=(
            Fact(label_en="villages", label_zh="村", value=village_ids),
            Fact(label_en="date", label_zh="日期", value=on),
            Fact(label_en="households", label_zh="户", value=tuple(h for h, _ in found)),
        ),
    )
    return EliminatedCount(
        village_ids=village_ids,
        on=on,
        household_ids=tuple(h for h, _ in found),
        households=households,
        people=people,
        explanation=explanation,
    )


# -- the procedure ------------------------------------------------------------------


class EliminationStep(LabelledEnum):
    """The steps of the risk-elimination procedure, in their fixed order.

    入户核查 → 村级民主评议公示 → 乡镇审核验收 → 县级审定公告 (the Hainan
    provincial government's Q&A of December 2021 names the last step
    "市县乡村振兴部门审定公告": approval and notice by the city or county
    rural-revitalisation department).
    """

    HOME_VISIT = ("home_visit", "入户核查", "home visit and check")
    VILLAGE_REVIEW = (
        "village_review",
        "村级民主评议公示",
        "village democratic review and public notice",
    )
    TOWNSHIP_CHECK = ("township_check", "乡镇审核验收", "township check and acceptance")
    COUNTY_APPROVAL = ("county_approval", "县级审定公告", "county approval and notice")


_ORDER: tuple[EliminationStep, ...] = tuple(EliminationStep)


def _label(step: EliminationStep | None) -> str:
    return "none (the procedure is complete)" if step is None else str(step)


class ProcedureError(VillageModelError):
    """A step of a procedure was recorded out of order or out of time."""


class ProcedureOrderError(ProcedureError, ValueError):
    """A step was given that is not the next step of the procedure.

    ``expected`` is the step due (``None`` when the procedure is complete)
    and ``given`` the step that was given.
    """

    def __init__(self, expected: EliminationStep | None, given: object) -> None:
        self.expected = expected
        self.given = given
        if given is None:
            message = f"the procedure is not complete: step {_label(expected)} is due"
        else:
            shown = str(given) if isinstance(given, EliminationStep) else repr(given)
            message = f"expected step {_label(expected)}, not {shown}"
        super().__init__(message)


class ProcedureDateError(ProcedureError, ValueError):
    """A step was dated before the step it follows."""

    def __init__(
        self,
        step: EliminationStep,
        on: datetime.date,
        previous: EliminationStep,
        previous_on: datetime.date,
    ) -> None:
        self.step = step
        self.on = on
        self.previous = previous
        self.previous_on = previous_on
        super().__init__(
            f"step {step} dated {on.isoformat()}, before the previous step {previous} "
            f"on {previous_on.isoformat()}"
        )


@attrs.frozen(kw_only=True)
class CompletedStep:
    """A step of the procedure and the day it was completed."""

    step: EliminationStep = attrs.field(validator=f.member_of(EliminationStep))
    on: datetime.date = attrs.field(validator=f.date)


def _check_order(completed: tuple[CompletedStep, ...]) -> None:
    """Raise unless the steps are a prefix of the fixed order, each dated on
    or after the one before."""
    for i, done in enumerate(completed):
        expected = _ORDER[i] if i < len(_ORDER) else None
        if done.step is not expected:
            raise ProcedureOrderError(expected, done.step)
        if i and done.on < completed[i - 1].on:
            before = completed[i - 1]
            raise ProcedureDateError(done.step, done.on, before.step, before.on)


def _check_steps(
    instance: EliminationProcedure, attribute: attrs.Attribute[Any], value: object
) -> None:
    if not isinstance(value, tuple) or not all(isinstance(s, CompletedStep) for s in value):
        raise InvalidValueError(
            "EliminationProcedure.completed", value, "expected a tuple of CompletedStep"
        )
    _check_order(value)


def _to_tuple(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


@attrs.frozen(kw_only=True)
class EliminationProcedure:
    """The risk-elimination procedure of one household: the steps done so far.

    Steps are done in the fixed order of :class:`EliminationStep`, each on a
    day not before the previous one. :meth:`advance` returns a new procedure
    with one more step, or raises :class:`ProcedureOrderError` (wrong step)
    or :class:`ProcedureDateError` (earlier date). Building a procedure from
    a list of steps checks it in the same way.

    The order is the rule's structure, as the Hainan provincial government's
    Q&A on monitoring (December 2021) gives it under 中农组发〔2021〕7号:
    入户核查 (home visit) → 村级民主评议公示 (village review and public
    notice) → 乡镇审核验收 (township check) → 县级审定公告 (county approval
    and notice). No public source found gives a duration for any step (such
    as the length of the public notice), so none is checked.
    """

    household_id: HouseholdId = attrs.field(validator=f.identifier)
    completed: tuple[CompletedStep, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_check_steps
    )

    @property
    def next_step(self) -> EliminationStep | None:
        """The step due next, or ``None`` when the procedure is complete."""
        done = len(self.completed)
        return _ORDER[done] if done < len(_ORDER) else None

    @property
    def is_complete(self) -> bool:
        return self.next_step is None

    @property
    def eliminated_on(self) -> datetime.date | None:
        """The day of the county's approval and notice, once complete."""
        return self.completed[-1].on if self.is_complete else None

    def advance(self, step: EliminationStep, on: datetime.date) -> EliminationProcedure:
        """This procedure with ``step`` done on ``on``."""
        expected = self.next_step
        if step is not expected or expected is None:
            raise ProcedureOrderError(expected, step)
        done = CompletedStep(step=step, on=on)
        if self.completed and on < self.completed[-1].on:
            last = self.completed[-1]
            raise ProcedureDateError(step, on, last.step, last.on)
        return EliminationProcedure(
            household_id=self.household_id, completed=(*self.completed, done)
        )

    def close(self, record: MonitoringRecord) -> MonitoringRecord:
        """The monitoring record closed on the day of the county's approval.

        Refused while the procedure is incomplete or when the record is of
        another household or already closed.
        """
        if record.household_id != self.household_id:
            raise InvalidValueError(
                "record.household_id", record.household_id, f"not household {self.household_id!r}"
            )
        if self.eliminated_on is None:
            raise ProcedureOrderError(self.next_step, None)
        if record.risk_eliminated_on is not None:
            raise InvalidValueError(
                "record.risk_eliminated_on", record.risk_eliminated_on, "already closed"
            )
        return attrs.evolve(record, risk_eliminated_on=self.eliminated_on)
