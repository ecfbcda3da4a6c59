"""Two assurances, three guarantees and drinking water (两不愁三保障及饮水安全).

A household is secure when it has enough food and clothing (不愁吃、不愁穿),
and when compulsory education (义务教育), basic medical care (基本医疗), safe
housing (住房安全) and safe drinking water (饮水安全) are guaranteed. The
rule reads the household's latest :class:`~villagemodel.households.GuaranteeSurvey`
on or before a date and judges each component:

* **food and clothing**: the survey's finding, as recorded;
* **compulsory education**: no member of compulsory-school age out of school;
* **basic medical care**: no member outside basic medical insurance;
* **housing**: the dwelling's grade is one of the safe grades (parameter
  ``guarantees.housing_safe_grades``: A and B);
* **drinking water** (农村饮水安全评价准则): enough water per person per day
  (the least amount depends on whether the area is water-rich or
  water-short, which the caller states as a :class:`WaterArea`), access
  (piped into the home, or one trip within the time or the horizontal or
  vertical distance allowed) and reliability (days a year without supply
  within the limit).

Each component is :attr:`Outcome.MET`, :attr:`Outcome.NOT_MET` or
:attr:`Outcome.UNKNOWN`. Unknown means there is no survey on or before the
date, or the survey did not look at that component, or it did not record
the facts needed; **unknown is never counted as met**. Where a component
combines several checks, the three values combine as in Kleene's logic:
drinking water is met only when quantity, access and reliability are all
met, not met as soon as one is not met, and unknown otherwise; access is met
as soon as one way of access is within its limit, not met when every way is
known and none is, and unknown otherwise.

At village level, :func:`guarantee_shares` gives for each component the
share of households, and of people (members of those households), meeting
it: exact :class:`~villagemodel.quantities.Rate` values with their
numerator and denominator counts. How unknown outcomes count is an explicit
:class:`UnknownTreatment`; by default they stay in the denominator and out
of the numerator. :func:`medical_insurance_share` gives the share of people
enrolled in basic medical insurance, the figure behind "6个村的缴纳比例都
达到98%以上".

>>> import datetime
>>> from villagemodel import GuaranteeSurvey, HousingGrade, WaterSupply
>>> from villagemodel.ids import HouseholdId, SurveyId
>>> from villagemodel.parameters import ParameterSet
>>> survey = GuaranteeSurvey(
...     id=SurveyId("s1"), household_id=HouseholdId("h1"),
...     surveyed_on=datetime.date(2023, 3, 1), food_and_clothing_assured=True,
...     out_of_school_member_ids=(), uninsured_member_ids=(), housing_grade=HousingGrade.B,
...     water=WaterSupply(litres_per_person_per_day=40, piped_into_home=True,
...                       days_without_supply_per_year=10))
>>> result = assess_survey(
...     survey, household_id=HouseholdId("h1"), on=datetime.date(2023, 4, 18),
...     params=ParameterSet.default(), jurisdiction="CN/guangxi/baise/lingyun",
...     water_area=WaterArea.WATER_RICH)
>>> result.overall, result.outcome(Component.HOUSING)
(<Outcome.MET: 'met'>, <Outcome.MET: 'met'>)
>>> sorted(result.explanation.parameter_names())  # doctest: +NORMALIZE_WHITESPACE
['guarantees.housing_safe_grades', 'guarantees.water_days_without_supply_max',
 'guarantees.water_quantity_min_water_rich']
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from typing import Generic, TypeVar

import attrs

from villagemodel.dataset import Dataset
from villagemodel.errors import InvalidValueError
from villagemodel.explain import Comparison, Explanation, Fact, Operator
from villagemodel.households import GuaranteeSurvey, WaterSupply
from villagemodel.ids import HouseholdId, VillageId
from villagemodel.labels import LabelledEnum
from villagemodel.parameters import Jurisdiction, ParameterSet, ResolvedParameter
from villagemodel.quantities import HouseholdCount, PersonCount, Rate

__all__ = [
    "Component",
    "ComponentResult",
    "ComponentShare",
    "GuaranteeAssessment",
    "GuaranteeShares",
    "InsuranceShare",
    "Outcome",
    "Tally",
    "UnknownTreatment",
    "WaterArea",
    "assess_guarantees",
    "assess_survey",
    "guarantee_shares",
    "latest_survey",
    "medical_insurance_share",
]


class Outcome(LabelledEnum):
    """Whether a guarantee is met: met, not met, or unknown (never counted as met)."""

    MET = ("met", "达标", "met")
    NOT_MET = ("not_met", "未达标", "not met")
    UNKNOWN = ("unknown", "不明", "unknown")

    @classmethod
    def of(cls, flag: bool | None) -> Outcome:
        """``True`` is met, ``False`` not met, ``None`` unknown."""
        if flag is None:
            return cls.UNKNOWN
        return cls.MET if flag else cls.NOT_MET

    @classmethod
    def all_of(cls, outcomes: Iterable[Outcome]) -> Outcome:
        """Met when every outcome is met, not met when any is not met, else unknown.

        >>> Outcome.all_of([Outcome.MET, Outcome.UNKNOWN])
        <Outcome.UNKNOWN: 'unknown'>
        >>> Outcome.all_of([Outcome.UNKNOWN, Outcome.NOT_MET])
        <Outcome.NOT_MET: 'not_met'>
        """
        found = set(outcomes)
        if cls.NOT_MET in found:
            return cls.NOT_MET
        return cls.UNKNOWN if cls.UNKNOWN in found else cls.MET

    @classmethod
    def any_of(cls, outcomes: Iterable[Outcome]) -> Outcome:
        """Met when any outcome is met, not met when every one is not met
        (or there is none), else unknown.

        >>> Outcome.any_of([Outcome.NOT_MET, Outcome.UNKNOWN])
        <Outcome.UNKNOWN: 'unknown'>
        """
        found = set(outcomes)
        if cls.MET in found:
            return cls.MET
        return cls.UNKNOWN if cls.UNKNOWN in found else cls.NOT_MET


class Component(LabelledEnum):
    """The five things the rule judges: two assurances (taken together as
    food and clothing), three guarantees and drinking water."""

    FOOD_AND_CLOTHING = ("food_and_clothing", "不愁吃、不愁穿", "food and clothing assured")
    EDUCATION = ("education", "义务教育有保障", "compulsory education secured")
    MEDICAL = ("medical", "基本医疗有保障", "basic medical insurance secured")
    HOUSING = ("housing", "住房安全有保障", "safe housing secured")
    WATER = ("water", "饮水安全有保障", "safe drinking water secured")

    @property
    def rule(self) -> str:
        """The name of the rule judging this component (``guarantees.housing``)."""
        return f"guarantees.{self.value}"


class WaterArea(LabelledEnum):
    """Whether an area counts as water-rich or water-short in the drinking-water
    standard; it decides the least quantity of water per person per day. The
    caller states it: the rule does not guess it from the place."""

    WATER_RICH = ("water_rich", "水量充足地区", "water-rich area")
    WATER_SHORT = ("water_short", "缺水地区", "water-short area")

    @property
    def quantity_parameter(self) -> str:
        """The name of the parameter holding the least quantity for this area."""
        if self is WaterArea.WATER_RICH:
            return "guarantees.water_quantity_min_water_rich"
        return "guarantees.water_quantity_min_water_short"


class UnknownTreatment(LabelledEnum):
    """How a share counts households or people whose outcome is unknown."""

    COUNT_AS_NOT_MET = (
        "count_as_not_met",
        "计入分母、不计入分子",
        "included in the denominator, excluded from the numerator",
    )
    EXCLUDE = ("exclude", "分子分母均不计入", "excluded from numerator and denominator")


# -- results -------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ComponentResult:
    """The outcome of one component for one household, with its explanation."""

    component: Component
    outcome: Outcome
    explanation: Explanation


@attrs.frozen(kw_only=True)
class GuaranteeAssessment:
    """The two assurances, three guarantees and drinking water of a household on a date.

    ``components`` holds one result per :class:`Component`, in the order of
    that enum; ``survey`` is the survey read (``None`` when the household had
    none on or before the date).
    """

    household_id: HouseholdId
    on: datetime.date
    water_area: WaterArea
    survey: GuaranteeSurvey | None
    components: tuple[ComponentResult, ...]
    explanation: Explanation

    def outcome(self, component: Component) -> Outcome:
        """The outcome of one component."""
        for result in self.components:
            if result.component is component:
                return result.outcome
        raise InvalidValueError("component", component, "not a Component")

    @property
    def overall(self) -> Outcome:
        """Met when every component is met, not met when any is not met, else unknown."""
        return Outcome.all_of(result.outcome for result in self.components)

    @property
    def all_met(self) -> bool:
        """Whether every component is met (unknown is not met)."""
        return self.overall is Outcome.MET

    def with_outcome(self, outcome: Outcome) -> tuple[Component, ...]:
        """The components with the given outcome, in enum order."""
        return tuple(r.component for r in self.components if r.outcome is outcome)


CountT = TypeVar("CountT", HouseholdCount, PersonCount)


@attrs.frozen(kw_only=True)
class Tally(Generic[CountT]):
    """Counts of met, not met and unknown, and the share they give.

    The numerator is the count met. The denominator is met plus not met,
    plus unknown when ``treatment`` is :attr:`UnknownTreatment.COUNT_AS_NOT_MET`.
    ``rate`` is ``None`` when the denominator is zero.
    """

    met: CountT
    not_met: CountT
    unknown: CountT
    treatment: UnknownTreatment

    @property
    def numerator(self) -> CountT:
        return self.met

    @property
    def denominator(self) -> CountT:
        known = self.met + self.not_met
        if self.treatment is UnknownTreatment.COUNT_AS_NOT_MET:
            return known + self.unknown
        return known

    @property
    def rate(self) -> Rate | None:
        """The exact share met, or ``None`` when nothing is counted."""
        denominator = self.denominator
        if denominator.value == 0:
            return None
        return Rate.of(self.numerator, denominator)


@attrs.frozen(kw_only=True)
class ComponentShare:
    """The share of households and of people meeting one component."""

    component: Component
    households: Tally[HouseholdCount]
    people: Tally[PersonCount]


@attrs.frozen(kw_only=True)
class GuaranteeShares:
    """For a set of villages on a date: each component's share of households
    and of people meeting it. ``assessments`` holds each household's result,
    ordered by household id."""

    village_ids: tuple[VillageId, ...]
    on: datetime.date
    treatment: UnknownTreatment
    components: tuple[ComponentShare, ...]
    assessments: tuple[GuaranteeAssessment, ...]
    explanation: Explanation

    def share(self, component: Component) -> ComponentShare:
        """The shares of one component."""
        for found in self.components:
            if found.component is component:
                return found
        raise InvalidValueError("component", component, "not a Component")


@attrs.frozen(kw_only=True)
class InsuranceShare:
    """The share of people enrolled in basic medical insurance (参保率, 缴纳比例)."""

    village_ids: tuple[VillageId, ...]
    on: datetime.date
    people: Tally[PersonCount]
    explanation: Explanation


# -- one household ------------------------------------------------------------


class _Reader:
    """Looks parameters up and remembers every one it read, in order."""

    def __init__(self, params: ParameterSet, jurisdiction: Jurisdiction, on: datetime.date) -> None:
        self.params = params
        self.jurisdiction = jurisdiction
        self.on = on

    def read(self, name: str, into: list[ResolvedParameter]) -> ResolvedParameter:
        found = self.params.lookup(name, self.jurisdiction, self.on)
        into.append(found)
        return found


def _no_look(component: Component, rule: str, reason_en: str, reason_zh: str) -> ComponentResult:
    return ComponentResult(
        component=component,
        outcome=Outcome.UNKNOWN,
        explanation=Explanation(
            rule=rule,
            title_en=component.en,
            title_zh=component.zh,
            outcome_en=Outcome.UNKNOWN.en,
            outcome_zh=Outcome.UNKNOWN.zh,
            branch_en=reason_en + "; unknown is not counted as met",
            branch_zh=reason_zh + "；不明不视为达标",
        ),
    )


_NOT_LOOKED_EN = "the survey did not look at this"
_NOT_LOOKED_ZH = "调查未涉及此项"


def _food(survey: GuaranteeSurvey) -> ComponentResult:
    component = Component.FOOD_AND_CLOTHING
    rule = component.rule
    found = survey.food_and_clothing_assured
    if found is None:
        return _no_look(component, rule, _NOT_LOOKED_EN, _NOT_LOOKED_ZH)
    check = Comparison.of("food and clothing assured", "不愁吃、不愁穿", found, Operator.EQ, True)
    outcome = Outcome.of(check.holds)
    return ComponentResult(
        component=component,
        outcome=outcome,
        explanation=Explanation(
            rule=rule,
            title_en=component.en,
            title_zh=component.zh,
            outcome_en=outcome.en,
            outcome_zh=outcome.zh,
            branch_en="as the survey found",
            branch_zh="依调查结果",
            comparisons=(check,),
        ),
    )


def _members_listed(
    component: Component,
    listed: tuple[str, ...] | None,
    label_en: str,
    label_zh: str,
) -> ComponentResult:
    """Met when the survey lists no member as failing the guarantee."""
    rule = component.rule
    if listed is None:
        return _no_look(component, rule, _NOT_LOOKED_EN, _NOT_LOOKED_ZH)
    check = Comparison.of(label_en, label_zh, PersonCount(len(listed)), Operator.EQ, PersonCount(0))
    outcome = Outcome.of(check.holds)
    return ComponentResult(
        component=component,
        outcome=outcome,
        explanation=Explanation(
            rule=rule,
            title_en=component.en,
            title_zh=component.zh,
            outcome_en=outcome.en,
            outcome_zh=outcome.zh,
            branch_en=f"met when no member is {label_en.removeprefix('members ')}",
            branch_zh=f"无{label_zh}时达标",
            inputs=(
                Fact(label_en=label_en, label_zh=label_zh, value=tuple(sorted(listed)) or None),
            ),
            comparisons=(check,),
        ),
    )


def _housing(survey: GuaranteeSurvey, reader: _Reader) -> ComponentResult:
    component = Component.HOUSING
    rule = component.rule
    grade = survey.housing_grade
    if grade is None:
        return _no_look(component, rule, _NOT_LOOKED_EN, _NOT_LOOKED_ZH)
    read: list[ResolvedParameter] = []
    safe = reader.read("guarantees.housing_safe_grades", read)
    safe_grades = tuple(safe.value)
    check = Comparison.of(
        f"grade {grade.value} is one of the safe grades",
        f"{grade.value}级属于安全等级",
        grade.value in safe_grades,
        Operator.EQ,
        True,
    )
    outcome = Outcome.of(check.holds)
    return ComponentResult(
        component=component,
        outcome=outcome,
        explanation=Explanation(
            rule=rule,
            title_en=component.en,
            title_zh=component.zh,
            outcome_en=outcome.en,
            outcome_zh=outcome.zh,
            branch_en=f"met when the housing grade is one of {', '.join(safe_grades)}",
            branch_zh=f"房屋安全等级为{'、'.join(safe_grades)}级之一时达标",
            inputs=(Fact(label_en="housing grade", label_zh="房屋安全等级", value=grade),),
            parameters=tuple(read),
            comparisons=(check,),
        ),
    )


def _water_checks(
    water: WaterSupply, area: WaterArea, reader: _Reader
) -> tuple[Outcome, Outcome, Outcome, list[ResolvedParameter], list[Comparison]]:
    """Quantity, access and reliability, with the parameters read and comparisons made."""
    read: list[ResolvedParameter] = []
    checks: list[Comparison] = []

    def compare(label_en: str, label_zh: str, left: object, op: Operator, right: object) -> Outcome:
        check = Comparison.of(label_en, label_zh, left, op, right)
        checks.append(check)
        return Outcome.of(check.holds)

    quantity = Outcome.UNKNOWN
    if water.litres_per_person_per_day is not None:
        least = reader.read(area.quantity_parameter, read)
        quantity = compare(
            "litres per person per day",
            "每人每天供水量(升)",
            Decimal(water.litres_per_person_per_day),
            Operator.GE,
            least.value,
        )
    ways: list[Outcome] = [Outcome.of(water.piped_into_home)]
    if water.piped_into_home is not None:
        ways[0] = compare(
            "piped into the home", "供水入户", water.piped_into_home, Operator.EQ, True
        )
    for value, name, label_en, label_zh in (
        (
            water.trip_minutes,
            "guarantees.water_trip_minutes_max",
            "minutes per trip",
            "取水往返时间(分钟)",
        ),
        (
            water.horizontal_distance_m,
            "guarantees.water_horizontal_distance_max",
            "horizontal distance to water (m)",
            "取水水平距离(米)",
        ),
        (
            water.vertical_distance_m,
            "guarantees.water_vertical_distance_max",
            "vertical distance to water (m)",
            "取水垂直距离(米)",
        ),
    ):
        if value is None:
            ways.append(Outcome.UNKNOWN)
        else:
            limit = reader.read(name, read)
            ways.append(compare(label_en, label_zh, value, Operator.LE, limit.value))
    access = Outcome.any_of(ways)
    reliability = Outcome.UNKNOWN
    if water.days_without_supply_per_year is not None:
        most = reader.read("guarantees.water_days_without_supply_max", read)
        reliability = compare(
            "days a year without supply",
            "年停水天数",
            water.days_without_supply_per_year,
            Operator.LE,
            most.value,
        )
    return quantity, access, reliability, read, checks


def _water(survey: GuaranteeSurvey, area: WaterArea, reader: _Reader) -> ComponentResult:
    component = Component.WATER
    rule = component.rule
    if survey.water is None:
        return _no_look(component, rule, _NOT_LOOKED_EN, _NOT_LOOKED_ZH)
    quantity, access, reliability, read, checks = _water_checks(survey.water, area, reader)
    outcome = Outcome.all_of((quantity, access, reliability))
    return ComponentResult(
        component=component,
        outcome=outcome,
        explanation=Explanation(
            rule=rule,
            title_en=component.en,
            title_zh=component.zh,
            outcome_en=outcome.en,
            outcome_zh=outcome.zh,
            branch_en=(
                f"quantity {quantity.en}, access {access.en}, reliability {reliability.en}; "
                "met only when all three are met"
            ),
            branch_zh=(
                f"水量{quantity.zh}，用水方便程度{access.zh}，供水保证率{reliability.zh}；"
                "三项均达标方为达标"
            ),
            inputs=(Fact(label_en="water area", label_zh="地区类型", value=area),),
            parameters=tuple(read),
            comparisons=tuple(checks),
        ),
    )


def assess_survey(
    survey: GuaranteeSurvey | None,
    *,
    household_id: HouseholdId,
    on: datetime.date,
    params: ParameterSet,
    jurisdiction: str | Jurisdiction,
    water_area: WaterArea,
) -> GuaranteeAssessment:
    """Judge each component from one survey (or from none).

    ``survey`` must be a survey of ``household_id`` made on or before ``on``;
    ``None`` means the household had no survey, and every component is
    unknown. Parameters are looked up for ``jurisdiction`` on ``on``.
    """
    if not isinstance(water_area, WaterArea):
        raise InvalidValueError("water_area", water_area, "expected a WaterArea")
    place = Jurisdiction.parse(jurisdiction)
    if survey is not None and survey.household_id != household_id:
        raise InvalidValueError(
            "survey.household_id",
            survey.household_id,
            f"not a survey of household {household_id!r}",
        )
    if survey is not None and survey.surveyed_on > on:
        raise InvalidValueError(
            "survey.surveyed_on",
            survey.surveyed_on,
            f"after the date of judgement {on.isoformat()}",
        )
    if survey is None:
        reason_en, reason_zh = f"no survey on or before {on.isoformat()}", "截至该日无调查记录"
        results = tuple(_no_look(c, c.rule, reason_en, reason_zh) for c in Component)
    else:
        reader = _Reader(params, place, on)
        results = (
            _food(survey),
            _members_listed(
                Component.EDUCATION,
                survey.out_of_school_member_ids,
                "members out of school",
                "义务教育阶段辍学成员",
            ),
            _members_listed(
                Component.MEDICAL,
                survey.uninsured_member_ids,
                "members without basic medical insurance",
                "未参加基本医疗保险成员",
            ),
            _housing(survey, reader),
            _water(survey, water_area, reader),
        )
    overall = Outcome.all_of(r.outcome for r in results)
    unmet = [r.component for r in results if r.outcome is Outcome.NOT_MET]
    unknown = [r.component for r in results if r.outcome is Outcome.UNKNOWN]
    branch_en = "all five components met"
    branch_zh = "五项均达标"
    if unmet:
        branch_en = "not met: " + ", ".join(c.en for c in unmet)
        branch_zh = "未达标：" + "、".join(c.zh for c in unmet)
    elif unknown:
        branch_en = "unknown, not counted as met: " + ", ".join(c.en for c in unknown)
        branch_zh = "不明（不视为达标）：" + "、".join(c.zh for c in unknown)
    inputs = [
        Fact(label_en="household", label_zh="农户", value=household_id),
        Fact(label_en="date", label_zh="日期", value=on),
        Fact(label_en="survey", label_zh="调查", value=None if survey is None else survey.id),
    ]
    if survey is not None:
        inputs.append(Fact(label_en="surveyed on", label_zh="调查日期", value=survey.surveyed_on))
    explanation = Explanation(
        rule="guarantees.household",
        title_en="Two assurances, three guarantees and drinking water",
        title_zh="两不愁三保障及饮水安全",
        outcome_en=overall.en,
        outcome_zh=overall.zh,
        branch_en=branch_en,
        branch_zh=branch_zh,
        inputs=tuple(inputs),
        parts=tuple(r.explanation for r in results),
    )
    return GuaranteeAssessment(
        household_id=household_id,
        on=on,
        water_area=water_area,
        survey=survey,
        components=results,
        explanation=explanation,
    )


def latest_survey(
    dataset: Dataset, household_id: HouseholdId, on: datetime.date
) -> GuaranteeSurvey | None:
    """The household's latest survey made on or before ``on``, or ``None``.

    Of two surveys made the same day, the one with the greater id is taken,
    so the choice does not depend on the order of the records.
    """
    found = [s for s in dataset.surveys_of(household_id) if s.surveyed_on <= on]
    if not found:
        return None
    return max(found, key=lambda s: (s.surveyed_on, s.id))


def assess_guarantees(
    dataset: Dataset,
    household_id: HouseholdId,
    on: datetime.date,
    *,
    params: ParameterSet,
    jurisdiction: str | Jurisdiction,
    water_area: WaterArea,
) -> GuaranteeAssessment:
    """Judge a household's two assurances, three guarantees and drinking water
    on ``on``, from its latest survey on or before that date."""
    return assess_survey(
        latest_survey(dataset, household_id, on),
        household_id=household_id,
        on=on,
        params=params,
        jurisdiction=jurisdiction,
        water_area=water_area,
    )


# -- villages -------------------------------------------------------------------


def _village_ids(villages: VillageId | Collection[VillageId]) -> tuple[VillageId, ...]:
    if isinstance(villages, str):
        return (villages,)
    return tuple(sorted(set(villages)))


def _tally_of(
    counts: Mapping[Outcome, int], kind: type[CountT], treatment: UnknownTreatment
) -> Tally[CountT]:
    return Tally(
        met=kind(counts.get(Outcome.MET, 0)),
        not_met=kind(counts.get(Outcome.NOT_MET, 0)),
        unknown=kind(counts.get(Outcome.UNKNOWN, 0)),
        treatment=treatment,
    )


def _distinct(found: Iterable[ResolvedParameter]) -> tuple[ResolvedParameter, ...]:
    """Each parameter value once, in a fixed order."""
    unique = {(p.name, p.jurisdiction.path, p.effective_from, p.on): p for p in found}
    return tuple(unique[key] for key in sorted(unique))


def _tally_part(component: Component, tally: Tally[CountT], what_en: str) -> Explanation:
    rate = tally.rate
    shown = "none counted" if rate is None else str(rate.value)
    return Explanation(
        rule=f"guarantees.share.{component.value}",
        title_en=f"Share of {what_en}: {component.en}",
        title_zh=f"{'户数' if what_en == 'households' else '人数'}占比：{component.zh}",
        outcome_en=shown,
        outcome_zh="无统计对象" if rate is None else str(rate.value),
        branch_en=f"numerator {tally.numerator.format_en()}, denominator "
        f"{tally.denominator.format_en()}; unknown {tally.treatment.en}",
        branch_zh=f"分子{tally.numerator.format_zh()}，分母{tally.denominator.format_zh()}；"
        f"不明者{tally.treatment.zh}",
        inputs=(
            Fact(label_en="met", label_zh="达标", value=tally.met),
            Fact(label_en="not met", label_zh="未达标", value=tally.not_met),
            Fact(label_en="unknown", label_zh="不明", value=tally.unknown),
        ),
    )


def guarantee_shares(
    dataset: Dataset,
    villages: VillageId | Collection[VillageId],
    on: datetime.date,
    *,
    params: ParameterSet,
    jurisdiction: str | Jurisdiction,
    water_area: WaterArea | Mapping[VillageId, WaterArea],
    unknown: UnknownTreatment = UnknownTreatment.COUNT_AS_NOT_MET,
) -> GuaranteeShares:
    """The share of households, and of people, meeting each component on ``on``.

    ``villages`` is one village id or several. ``water_area`` is one area for
    all of them or one per village. People are the members of the households
    (:meth:`~villagemodel.Dataset.members_of`): a person counts as meeting a
    component when the household does. ``unknown`` says how households with
    an unknown outcome count (default: in the denominator, not the numerator).
    """
    if not isinstance(unknown, UnknownTreatment):
        raise InvalidValueError("unknown", unknown, "expected an UnknownTreatment")
    village_ids = _village_ids(villages)
    assessments: list[tuple[GuaranteeAssessment, int]] = []
    for village_id in village_ids:
        if isinstance(water_area, WaterArea):
            area = water_area
        elif village_id in water_area:
            area = water_area[village_id]
        else:
            raise InvalidValueError("water_area", village_id, "no water area given for village")
        for household in dataset.households_in(village_id):
            result = assess_guarantees(
                dataset,
                household.id,
                on,
                params=params,
                jurisdiction=jurisdiction,
                water_area=area,
            )
            assessments.append((result, len(dataset.members_of(household.id))))
    assessments.sort(key=lambda pair: pair[0].household_id)
    shares: list[ComponentShare] = []
    for component in Component:
        by_households: dict[Outcome, int] = {}
        by_people: dict[Outcome, int] = {}
        for result, size in assessments:
            outcome = result.outcome(component)
            by_households[outcome] = by_households.get(outcome, 0) + 1
            by_people[outcome] = by_people.get(outcome, 0) + size
        shares.append(
            ComponentShare(
                component=component,
                households=_tally_of(by_households, HouseholdCount, unknown),
                people=_tally_of(by_people, PersonCount, unknown),
            )
        )
    households = HouseholdCount(len(assessments))
    people = PersonCount(sum(size for _, size in assessments))
    parts = [
        part
        for share in shares
        for part in (
            _tally_part(share.component, share.households, "households"),
            _tally_part(share.component, share.people, "people"),
        )
    ]
    explanation = Explanation(
        rule="guarantees.shares",
        title_en="Shares meeting the two assurances, three guarantees and drinking water",
        title_zh="两不愁三保障及饮水安全达标比例",
        outcome_en=f"{households.format_en()}, {people.format_en()} assessed",
        outcome_zh=f"共评估{households.format_zh()}{people.format_zh()}",
        branch_en=f"each household judged from its latest survey; unknown {unknown.en}",
        branch_zh=f"每户依最近一次调查判定；不明者{unknown.zh}",
        inputs=(
            Fact(label_en="villages", label_zh="村", value=village_ids),
            Fact(label_en="date", label_zh="日期", value=on),
            Fact(label_en="households", label_zh="户数", value=households),
            Fact(label_en="people", label_zh="人数", value=people),
            Fact(label_en="unknown outcomes", label_zh="不明的处理", value=unknown),
        ),
        parameters=_distinct(
            p for result, _ in assessments for p in _parameters_of(result.explanation)
        ),
        parts=tuple(parts),
    )
    return GuaranteeShares(
        village_ids=village_ids,
        on=on,
        treatment=unknown,
        components=tuple(shares),
        assessments=tuple(result for result, _ in assessments),
        explanation=explanation,
    )


def _parameters_of(explanation: Explanation) -> Iterable[ResolvedParameter]:
    for node in explanation.walk():
        yield from node.parameters


def medical_insurance_share(
    dataset: Dataset,
    villages: VillageId | Collection[VillageId],
    on: datetime.date,
    *,
    unknown: UnknownTreatment = UnknownTreatment.COUNT_AS_NOT_MET,
) -> InsuranceShare:
    """The share of people enrolled in basic medical insurance on ``on``.

    A member is insured when the household's latest survey on or before
    ``on`` looked at insurance and does not list the member as uninsured,
    uninsured when it lists the member, and unknown when there is no such
    survey or it did not look. ``unknown`` says how unknown members count.
    """
    if not isinstance(unknown, UnknownTreatment):
        raise InvalidValueError("unknown", unknown, "expected an UnknownTreatment")
    village_ids = _village_ids(villages)
    counts: dict[Outcome, int] = {}
    for village_id in village_ids:
        for household in dataset.households_in(village_id):
            survey = latest_survey(dataset, household.id, on)
            listed = None if survey is None else survey.uninsured_member_ids
            for member in dataset.members_of(household.id):
                outcome = Outcome.UNKNOWN if listed is None else Outcome.of(member.id not in listed)
                counts[outcome] = counts.get(outcome, 0) + 1
    tally = _tally_of(counts, PersonCount, unknown)
    part = _tally_part(Component.MEDICAL, tally, "people")
    explanation = attrs.evolve(
        part,
        rule="guarantees.medical_insurance_share",
        title_en="Share of people in basic medical insurance",
        title_zh="基本医疗保险参保率",
        inputs=(
            Fact(label_en="villages", label_zh="村", value=village_ids),
            Fact(label_en="date", label_zh="日期", value=on),
            *part.inputs,
        ),
    )
    return InsuranceShare(village_ids=village_ids, on=on, people=tally, explanation=explanation)
