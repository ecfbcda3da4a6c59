"""Infrastructure projects, each with a quantity in its unit.

"两年来，6个村利用帮扶资金新修建地质灾害防护点5个，修建产业路及拓宽道路14条，建设
防护栏15公里，新建篮球场6个，修建便民桥3座，安装路灯600余盏". Each kind of
project has its own unit: guard rail is measured in kilometres, lamps in 盏,
bridges in 座. A project's quantity must be in its kind's unit.

>>> ProjectKind.GUARD_RAIL.unit
<Unit.KILOMETRE: ('公里', 'km', 'km', False)>
>>> from villagemodel.ids import ProjectId, VillageId
>>> Project(id=ProjectId("p1"), village_id=VillageId("v1"), kind=ProjectKind.STREET_LAMP,
...         quantity=Quantity(3, Unit.KILOMETRE))
Traceback (most recent call last):
...
villagemodel.errors.InvalidValueError: Project.quantity: street lamps are counted in 盏 (lamps), not 公里 (km) (got Quantity('3', Unit.KILOMETRE))
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from villagemodel import _fields as f
from villagemodel.errors import InvalidValueError, PeriodError
from villagemodel.ids import ProjectId, VillageId
from villagemodel.labels import LabelledEnum
from villagemodel.quantities import Quantity, Unit

__all__ = ["Project", "ProjectKind"]


class ProjectKind(LabelledEnum):
    """Kinds of village infrastructure project, each with its unit
    (``None`` for ``OTHER``, which takes any unit)."""

    HAZARD_PROTECTION_POINT = (
        "hazard_protection_point",
        "地质灾害防护点",
        "geological-hazard protection points",
        Unit.ITEM,
    )
    INDUSTRY_ROAD = ("industry_road", "产业路", "industry roads", Unit.ROAD)
    ROAD_WIDENING = ("road_widening", "拓宽道路", "widened roads", Unit.ROAD)
    GUARD_RAIL = ("guard_rail", "防护栏", "guard rail", Unit.KILOMETRE)
    BASKETBALL_COURT = ("basketball_court", "篮球场", "basketball courts", Unit.ITEM)
    FOOTBRIDGE = ("footbridge", "便民桥", "footbridges", Unit.BRIDGE)
    STREET_LAMP = ("street_lamp", "路灯", "street lamps", Unit.LAMP)
    CENTRAL_WATER_POINT = ("central_water_point", "集中供水点", "central water points", Unit.SITE)
    HOUSEHOLD_WATER_TANK = ("household_water_tank", "家庭水柜", "household water tanks", Unit.ITEM)
    ACTIVITY_CENTRE = (
        "activity_centre",
        "党员活动中心",
        "Party members' activity centres",
        Unit.ITEM,
    )
    OTHER = ("other", "其他", "other", None)

    unit: Unit | None

    def __init__(self, *args: Any) -> None:
        self.unit = args[3]


@attrs.frozen(kw_only=True)
class Project:
    """An infrastructure project in a village: what was built, how much of it,
    and when. ``upgrade`` marks work on something that existed (改造) rather
    than a new build (新建)."""

    id: ProjectId = attrs.field(validator=f.identifier)
    village_id: VillageId = attrs.field(validator=f.identifier)
    kind: ProjectKind = attrs.field(validator=f.member_of(ProjectKind))
    quantity: Quantity = attrs.field(validator=f.instance_of(Quantity))
    name: str | None = attrs.field(default=None, validator=f.optional_text)
    upgrade: bool = attrs.field(default=False, validator=f.flag)
    started_on: datetime.date | None = attrs.field(default=None, validator=f.optional_date)
    completed_on: datetime.date | None = attrs.field(default=None, validator=f.optional_date)

    @quantity.validator
    def _unit_of_kind(self, attribute: attrs.Attribute[Any], value: Quantity) -> None:
        unit = self.kind.unit
        if unit is not None and value.unit is not unit:
            raise InvalidValueError(
                f.path_of(self, attribute),
                value,
                f"{self.kind.en} are counted in {unit.zh} ({unit.en_plural}), "
                f"not {value.unit.zh} ({value.unit.en_plural})",
            )

    @completed_on.validator
    def _completed_after_start(
        self, attribute: attrs.Attribute[Any], value: datetime.date | None
    ) -> None:
        if value is not None and self.started_on is not None and value < self.started_on:
            raise PeriodError(
                f.path_of(self, attribute),
                value,
                f"comes before the start, {self.started_on.isoformat()}",
            )
