"""Village industries and how they are run.

The work team "推行'党组织+公司+示范园+农户'模式，发展壮大油茶、中药材、桑蚕、
山泉水、肉鸽、生猪、乌鸡等特色产业": each village develops a few characteristic
industries, run jointly by the Party organisation, a company, a demonstration
park and the farm households (the :data:`PARTY_COMPANY_PARK_HOUSEHOLDS`
operating model).

>>> PARTY_COMPANY_PARK_HOUSEHOLDS.label_zh()
'党组织+公司+示范园+农户'
>>> IndustryKind.MEAT_PIGEON.zh, IndustryKind.MEAT_PIGEON.en
('肉鸽', 'meat pigeons')
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from villagemodel import _fields as f
from villagemodel.errors import InvalidValueError
from villagemodel.ids import IndustryId, VillageId
from villagemodel.labels import LabelledEnum

__all__ = [
    "PARTY_COMPANY_PARK_HOUSEHOLDS",
    "Industry",
    "IndustryKind",
    "OperatingModel",
    "OperatingPart",
]


class IndustryKind(LabelledEnum):
    """Kinds of village industry named in the reports; ``OTHER`` for the rest
    (an :class:`Industry` of kind ``OTHER`` must then say its ``name``)."""

    OIL_TEA_CAMELLIA = ("oil_tea_camellia", "油茶", "oil-tea camellia")
    MEDICINAL_HERBS = ("medicinal_herbs", "中药材", "Chinese medicinal herbs")
    SERICULTURE = ("sericulture", "桑蚕", "sericulture (mulberry and silkworms)")
    FRUIT_MULBERRY = ("fruit_mulberry", "果桑", "fruit mulberry")
    SPRING_WATER = ("spring_water", "山泉水", "mountain spring water")
    MEAT_PIGEON = ("meat_pigeon", "肉鸽", "meat pigeons")
    HOG = ("hog", "生猪", "hogs")
    BLACK_BONE_CHICKEN = ("black_bone_chicken", "乌鸡", "black-bone chickens")
    BROILER = ("broiler", "肉鸡", "broiler chickens")
    LAND_BASED_FISH_FARMING = ("land_based_fish_farming", "陆基养鱼", "land-based fish farming")
    E_COMMERCE = ("e_commerce", "电商", "e-commerce (live-stream selling)")
    OTHER = ("other", "其他", "other")


class OperatingPart(LabelledEnum):
    """A party to an industry's operating model."""

    PARTY_ORGANISATION = ("party_organisation", "党组织", "Party organisation")
    COMPANY = ("company", "公司", "company")
    COOPERATIVE = ("cooperative", "合作社", "cooperative")
    DEMONSTRATION_PARK = ("demonstration_park", "示范园", "demonstration park")
    BASE = ("base", "基地", "production base")
    FARM_HOUSEHOLDS = ("farm_households", "农户", "farm households")


def _parts(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    f.tuple_of(OperatingPart)(instance, attribute, value)
    assert isinstance(value, tuple)
    if not value:
        raise InvalidValueError(f.path_of(instance, attribute), value, "names at least one party")
    if len(set(value)) != len(value):
        raise InvalidValueError(f.path_of(instance, attribute), value, "names a party twice")


@attrs.frozen(kw_only=True)
class OperatingModel:
    """Who runs an industry together, in the order the report names them."""

    parts: tuple[OperatingPart, ...] = attrs.field(converter=f.to_tuple, validator=_parts)

    def label_zh(self) -> str:
        """``党组织+公司+示范园+农户``."""
        return "+".join(part.zh for part in self.parts)

    def label_en(self) -> str:
        """``Party organisation + company + demonstration park + farm households``."""
        return " + ".join(part.en for part in self.parts)


PARTY_COMPANY_PARK_HOUSEHOLDS = OperatingModel(
    parts=(
        OperatingPart.PARTY_ORGANISATION,
        OperatingPart.COMPANY,
        OperatingPart.DEMONSTRATION_PARK,
        OperatingPart.FARM_HOUSEHOLDS,
    )
)
"""The "党组织+公司+示范园+农户" model the source report's work team promotes."""


@attrs.frozen(kw_only=True)
class Industry:
    """An industry a village develops, e.g. 陶化村's meat pigeons."""

    id: IndustryId = attrs.field(validator=f.identifier)
    village_id: VillageId = attrs.field(validator=f.identifier)
    kind: IndustryKind = attrs.field(validator=f.member_of(IndustryKind))
    name: str | None = attrs.field(default=None, validator=f.optional_text)
    operating_model: OperatingModel | None = attrs.field(
        default=None, validator=f.instance_of(OperatingModel, optional=True)
    )
    started_on: datetime.date | None = attrs.field(default=None, validator=f.optional_date)

    @name.validator
    def _other_needs_name(self, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if self.kind is IndustryKind.OTHER and value is None:
            raise InvalidValueError(
                f.path_of(self, attribute), value, "an industry of kind 'other' must be named"
            )

    def label_zh(self) -> str:
        """The industry's Chinese name: its own ``name`` or its kind's."""
        return self.name or self.kind.zh
