"""Funds, their allocations, and the village collective economy.

A :class:`Fund` is money received from one source (assistance funds, a
donation, a subsidy programme) on a date; :class:`Allocation` records assign
parts of it to a purpose and to exactly one recipient: a village, a project
or a household. The report: "2021年以来，6个村共落实帮扶资金1493万元";
"联系爱心企业累计捐资助学15.5万元"; "帮助群众申请就业、产业、教育等各类补助累计超过
1000万元".

A village's collective economy (村级集体经济) earns income for the village as
a whole (rents, dividends from industries, services); :class:`CollectiveIncome`
holds one village's income for one year: "陶化村集体经济收入22.7万元".

>>> from villagemodel.ids import VillageId
>>> CollectiveIncome(village_id=VillageId("taohua"), year=2022, amount=Money.from_wan("22.7"))
CollectiveIncome(village_id='taohua', year=2022, amount=Money('227000'))
>>> CollectiveIncome(village_id=VillageId("taohua"), year=2022, amount=227000.0)
Traceback (most recent call last):
...
villagemodel.errors.InvalidValueError: CollectiveIncome.amount: expected Money (build one with Money('12.5') or Money.from_wan('1.2')) (got 227000.0)
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from villagemodel import _fields as f
from villagemodel.errors import InvalidValueError
from villagemodel.ids import AllocationId, FundId, HouseholdId, ProjectId, VillageId
from villagemodel.labels import LabelledEnum
from villagemodel.money import Money

__all__ = ["Allocation", "CollectiveIncome", "Fund", "FundPurpose", "FundSource"]


class FundSource(LabelledEnum):
    """Where money came from."""

    ASSISTANCE = ("assistance", "帮扶资金", "assistance funds")
    DONATION = ("donation", "捐赠", "donation")
    SUBSIDY = ("subsidy", "补助", "subsidy")
    FISCAL = ("fiscal", "财政资金", "fiscal funds")
    OTHER = ("other", "其他", "other")


class FundPurpose(LabelledEnum):
    """What money was for."""

    INDUSTRY = ("industry", "产业发展", "industry")
    INFRASTRUCTURE = ("infrastructure", "基础设施", "infrastructure")
    EDUCATION = ("education", "教育", "education")
    EMPLOYMENT = ("employment", "就业", "employment")
    HOUSING = ("housing", "住房", "housing")
    DRINKING_WATER = ("drinking_water", "饮水安全", "drinking water")
    MEDICAL = ("medical", "医疗", "medical care")
    PARTY_BUILDING = ("party_building", "党建", "Party building")
    GOVERNANCE = ("governance", "乡村治理", "governance")
    OTHER = ("other", "其他", "other")


@attrs.frozen(kw_only=True)
class Fund:
    """Money received from one source on one date."""

    id: FundId = attrs.field(validator=f.identifier)
    name: str = attrs.field(validator=f.text)
    source: FundSource = attrs.field(validator=f.member_of(FundSource))
    amount: Money = attrs.field(validator=f.money())
    received_on: datetime.date = attrs.field(validator=f.date)
    provider: str | None = attrs.field(default=None, validator=f.optional_text)


@attrs.frozen(kw_only=True)
class Allocation:
    """Part of a fund assigned to a purpose and to exactly one recipient:
    a village, a project or a household."""

    id: AllocationId = attrs.field(validator=f.identifier)
    fund_id: FundId = attrs.field(validator=f.identifier)
    amount: Money = attrs.field(validator=f.money())
    purpose: FundPurpose = attrs.field(validator=f.member_of(FundPurpose))
    allocated_on: datetime.date = attrs.field(validator=f.date)
    village_id: VillageId | None = attrs.field(default=None, validator=f.optional_identifier)
    project_id: ProjectId | None = attrs.field(default=None, validator=f.optional_identifier)
    household_id: HouseholdId | None = attrs.field(default=None, validator=f.optional_identifier)

    @household_id.validator
    def _exactly_one_recipient(self, attribute: attrs.Attribute[Any], value: object) -> None:
        given = [
            name
            for name in ("village_id", "project_id", "household_id")
            if getattr(self, name) is not None
        ]
        if len(given) != 1:
            raise InvalidValueError(
                "Allocation.recipient",
                given,
                "give exactly one of village_id, project_id, household_id",
            )


@attrs.frozen(kw_only=True)
class CollectiveIncome:
    """A village's collective-economy income (村集体经济收入) for a calendar year."""

    village_id: VillageId = attrs.field(validator=f.identifier)
    year: int = attrs.field(validator=f.year)
    amount: Money = attrs.field(validator=f.money())
