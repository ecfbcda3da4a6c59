"""Households, their members, incomes, monitoring against relapse into poverty,
and the three guarantees and drinking water.

China declared absolute poverty ended in 2020. Households that had been
registered as poor are *formerly poor* (脱贫户); a five-year transition
(2021-2025) keeps watch so that none relapses (防止返贫动态监测). A household
at risk is *monitored* (监测户) in one of three categories (:class:`RiskCategory`)
until its risk is *eliminated* (消除风险). The report: "6个村已消除风险的监测户共
35户150人".

Besides income, monitoring looks at the "two assurances and three
guarantees" (两不愁三保障: enough food and clothing; compulsory education,
basic medical insurance and safe housing) and at safe drinking water. A
:class:`GuaranteeSurvey` records what a visit found for one household.

>>> from villagemodel.ids import HouseholdId, MonitoringId
>>> record = MonitoringRecord(
...     id=MonitoringId("m1"), household_id=HouseholdId("h1"),
...     category=RiskCategory.SUDDEN_HARDSHIP,
...     identified_on=datetime.date(2022, 3, 1), risk_eliminated_on=datetime.date(2022, 12, 1))
>>> record.is_open_on(datetime.date(2022, 6, 1)), record.is_open_on(datetime.date(2023, 1, 1))
(True, False)
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, cast

import attrs

from villagemodel import _fields as f
from villagemodel._numbers import to_decimal
from villagemodel.errors import InvalidValueError, PeriodError
from villagemodel.ids import (
    AdmissionId,
    HamletId,
    HouseholdId,
    MemberId,
    MonitoringId,
    SurveyId,
    VillageId,
)
from villagemodel.labels import LabelledEnum
from villagemodel.money import Money

__all__ = [
    "GuaranteeSurvey",
    "Household",
    "HouseholdIncome",
    "HousingGrade",
    "Member",
    "MonitoringRecord",
    "PovertyHistory",
    "PovertyStatus",
    "PovertyStatusKind",
    "Relation",
    "RiskCategory",
    "Sex",
    "UniversityAdmission",
    "WaterSupply",
    "WorkingCapacity",
]


class PovertyHistory(LabelledEnum):
    """Whether the household was registered as poor and lifted out (脱贫户)."""

    FORMERLY_POOR = ("formerly_poor", "脱贫户", "formerly poor household")
    NEVER_REGISTERED = ("never_registered", "一般户", "never registered as poor")


class RiskCategory(LabelledEnum):
    """The three categories of monitored household (中农组发〔2021〕7号).

    ``UNSTABLE_FORMERLY_POOR`` applies only to formerly poor households and
    ``MARGINAL`` only to households never registered as poor; sudden
    hardship can strike either.
    """

    UNSTABLE_FORMERLY_POOR = ("unstable_formerly_poor", "脱贫不稳定户", "unstable formerly poor")
    MARGINAL = ("marginal", "边缘易致贫户", "marginal, at risk of poverty")
    SUDDEN_HARDSHIP = ("sudden_hardship", "突发严重困难户", "sudden severe hardship")


class PovertyStatusKind(LabelledEnum):
    """A household's poverty status on a given day."""

    MONITORED = ("monitored", "监测户", "monitored")
    FORMERLY_POOR = ("formerly_poor", "脱贫户", "formerly poor, not monitored")
    NEITHER = ("neither", "一般户", "neither")


@attrs.frozen(kw_only=True)
class PovertyStatus:
    """A household's status on a day: monitored (with its category), formerly
    poor, or neither. Derived by :meth:`villagemodel.Dataset.poverty_status`."""

    kind: PovertyStatusKind = attrs.field(validator=f.member_of(PovertyStatusKind))
    category: RiskCategory | None = attrs.field(
        default=None, validator=f.optional_member_of(RiskCategory)
    )

    @category.validator
    def _category_iff_monitored(
        self, attribute: attrs.Attribute[Any], value: RiskCategory | None
    ) -> None:
        if (value is not None) != (self.kind is PovertyStatusKind.MONITORED):
            raise InvalidValueError(
                f.path_of(self, attribute), value, "a category is given exactly when monitored"
            )


@attrs.frozen(kw_only=True)
class Household:
    """A rural household (户) registered in an administrative village.

    ``hamlet_id``, when given, must name a hamlet of the same village.
    """

    id: HouseholdId = attrs.field(validator=f.identifier)
    village_id: VillageId = attrs.field(validator=f.identifier)
    history: PovertyHistory = attrs.field(validator=f.member_of(PovertyHistory))
    hamlet_id: HamletId | None = attrs.field(default=None, validator=f.optional_identifier)


class Sex(LabelledEnum):
    FEMALE = ("female", "女", "female")
    MALE = ("male", "男", "male")


class Relation(LabelledEnum):
    """A member's relation to the head of the household (与户主关系)."""

    HEAD = ("head", "户主", "head of household")
    SPOUSE = ("spouse", "配偶", "spouse")
    CHILD = ("child", "子女", "child")
    CHILD_IN_LAW = ("child_in_law", "儿媳/女婿", "child-in-law")
    GRANDCHILD = ("grandchild", "孙子女", "grandchild")
    PARENT = ("parent", "父母", "parent")
    GRANDPARENT = ("grandparent", "祖父母", "grandparent")
    SIBLING = ("sibling", "兄弟姐妹", "sibling")
    OTHER = ("other", "其他", "other")


class WorkingCapacity(LabelledEnum):
    """A member's capacity to work, as recorded in the poverty registers."""

    FULL = ("full", "普通劳动力", "full working capacity")
    PARTIAL = ("partial", "弱劳动力或半劳动力", "partial working capacity")
    NONE = ("none", "无劳动力", "no working capacity")


@attrs.frozen(kw_only=True)
class Member:
    """A member of a household (家庭成员)."""

    id: MemberId = attrs.field(validator=f.identifier)
    household_id: HouseholdId = attrs.field(validator=f.identifier)
    relation: Relation = attrs.field(validator=f.member_of(Relation))
    name: str | None = attrs.field(default=None, validator=f.optional_text)
    sex: Sex | None = attrs.field(default=None, validator=f.optional_member_of(Sex))
    born_on: datetime.date | None = attrs.field(default=None, validator=f.optional_date)
    working_capacity: WorkingCapacity | None = attrs.field(
        default=None, validator=f.optional_member_of(WorkingCapacity)
    )


@attrs.frozen(kw_only=True)
class HouseholdIncome:
    """A household's per-capita disposable income (人均可支配收入) for a year.

    One record per household and year; the amount cannot be negative.

    >>> from villagemodel.ids import HouseholdId
    >>> HouseholdIncome(household_id=HouseholdId("h1"), year=2022, per_capita=Money(-5))
    Traceback (most recent call last):
    ...
    villagemodel.errors.InvalidValueError: HouseholdIncome.per_capita: an amount of money cannot be negative here (got Money('-5'))
    """

    household_id: HouseholdId = attrs.field(validator=f.identifier)
    year: int = attrs.field(validator=f.year)
    per_capita: Money = attrs.field(validator=f.money())


@attrs.frozen(kw_only=True)
class MonitoringRecord:
    """One spell of monitoring of a household (防止返贫监测).

    The spell opens on ``identified_on`` and stays open until
    ``risk_eliminated_on`` (消除风险): the household is monitored from the day
    it was identified up to the day before its risk was eliminated; on the
    day of elimination it is no longer monitored.
    """

    id: MonitoringId = attrs.field(validator=f.identifier)
    household_id: HouseholdId = attrs.field(validator=f.identifier)
    category: RiskCategory = attrs.field(validator=f.member_of(RiskCategory))
    identified_on: datetime.date = attrs.field(validator=f.date)
    risk_eliminated_on: datetime.date | None = attrs.field(default=None, validator=f.optional_date)

    @risk_eliminated_on.validator
    def _eliminated_after_identified(
        self, attribute: attrs.Attribute[Any], value: datetime.date | None
    ) -> None:
        if value is not None and value < self.identified_on:
            raise PeriodError(
                f.path_of(self, attribute),
                value,
                f"risk cannot be eliminated before it was identified on "
                f"{self.identified_on.isoformat()}",
            )

    def is_open_on(self, day: datetime.date) -> bool:
        """Whether the household is monitored under this record on ``day``
        (from identification until the day its risk was eliminated, which
        closes the spell)."""
        if day < self.identified_on:
            return False
        return self.risk_eliminated_on is None or day < self.risk_eliminated_on

    def is_eliminated_by(self, day: datetime.date) -> bool:
        """Whether the risk had been eliminated on or before ``day``."""
        return self.risk_eliminated_on is not None and self.risk_eliminated_on <= day


class HousingGrade(LabelledEnum):
    """Safety grade of a dwelling. A and B count as safe housing."""

    A = ("A", "A级", "A: safe")
    B = ("B", "B级", "B: basically safe")
    C = ("C", "C级", "C: partly dangerous")
    D = ("D", "D级", "D: dangerous")

    @property
    def is_safe(self) -> bool:
        """A and B count as safe (住房安全有保障)."""
        return self in (HousingGrade.A, HousingGrade.B)


def _litres(value: Decimal | int | None) -> Decimal | None:
    """Converter: a non-negative int becomes an exact Decimal; anything else
    is left for the validator, which refuses it naming the value as given."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return Decimal(value)
    return cast(Decimal | None, value)


def _optional_non_negative_decimal(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is None:
        return
    number = to_decimal(value, f.path_of(instance, attribute))
    if number < 0 or not isinstance(value, Decimal):
        raise InvalidValueError(
            f.path_of(instance, attribute), value, "expected a non-negative Decimal or int"
        )


def _optional_non_negative_int(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValueError(f.path_of(instance, attribute), value, "expected an int >= 0")


@attrs.frozen(kw_only=True)
class WaterSupply:
    """What a survey found about a household's drinking water.

    The facts the drinking-water standard looks at: quantity in litres per
    person per day, access (piped into the home, or the time and distance of
    one trip to fetch water) and reliability (days a year without supply).
    Unknown facts are ``None``; the thresholds are rule parameters, not here.
    ``trip_minutes`` is the time to fetch water once, there and back (取水往返时间).
    """

    litres_per_person_per_day: Decimal | None = attrs.field(
        default=None, converter=_litres, validator=_optional_non_negative_decimal
    )
    piped_into_home: bool | None = attrs.field(default=None, validator=f.optional_flag)
    trip_minutes: int | None = attrs.field(default=None, validator=_optional_non_negative_int)
    horizontal_distance_m: int | None = attrs.field(
        default=None, validator=_optional_non_negative_int
    )
    vertical_distance_m: int | None = attrs.field(
        default=None, validator=_optional_non_negative_int
    )
    days_without_supply_per_year: int | None = attrs.field(
        default=None, validator=_optional_non_negative_int
    )

    @days_without_supply_per_year.validator
    def _at_most_a_year(self, attribute: attrs.Attribute[Any], value: int | None) -> None:
        if value is not None and value > 366:
            raise InvalidValueError(
                f.path_of(self, attribute), value, "a year has at most 366 days"
            )


@attrs.frozen(kw_only=True)
class GuaranteeSurvey:
    """What one visit found about a household's two assurances, three
    guarantees and drinking water (两不愁三保障及饮水安全).

    ``out_of_school_member_ids`` lists members of compulsory-school age not in
    school (辍学); ``uninsured_member_ids`` lists members not enrolled in basic
    medical insurance. Both must be members of this household. ``None`` means
    the visit did not look at that guarantee.
    """

    id: SurveyId = attrs.field(validator=f.identifier)
    household_id: HouseholdId = attrs.field(validator=f.identifier)
    surveyed_on: datetime.date = attrs.field(validator=f.date)
    food_and_clothing_assured: bool | None = attrs.field(default=None, validator=f.optional_flag)
    out_of_school_member_ids: tuple[MemberId, ...] | None = attrs.field(
        default=None, converter=f.to_tuple, validator=attrs.validators.optional(f.identifiers)
    )
    uninsured_member_ids: tuple[MemberId, ...] | None = attrs.field(
        default=None, converter=f.to_tuple, validator=attrs.validators.optional(f.identifiers)
    )
    housing_grade: HousingGrade | None = attrs.field(
        default=None, validator=f.optional_member_of(HousingGrade)
    )
    water: WaterSupply | None = attrs.field(
        default=None, validator=f.instance_of(WaterSupply, optional=True)
    )


@attrs.frozen(kw_only=True)
class UniversityAdmission:
    """A household member admitted to university (大学新生): "两年来，新增大学新生122名"."""

    id: AdmissionId = attrs.field(validator=f.identifier)
    member_id: MemberId = attrs.field(validator=f.identifier)
    admitted_on: datetime.date = attrs.field(validator=f.date)
