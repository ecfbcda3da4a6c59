"""Places: region, city, county, township, administrative village, hamlet.

China's administration nests: a province-level *region* (广西壮族自治区, an
autonomous region) holds prefecture-level *cities* (百色市), which hold
*counties* (凌云县), which hold *townships* (乡, 镇 and 民族乡: 伶站瑶族乡 is a
Yao ethnic township, 泗城镇 a town), which hold *administrative villages*
(行政村, such as 陶化村). An administrative village groups several
*hamlets* (屯, natural villages such as 九优屯), each with its grid worker.

Each record names its parent by id; :class:`~villagemodel.Dataset` checks
that the parent exists.

>>> from villagemodel.ids import TownshipId, VillageId
>>> Village(id=VillageId("taohua"), name="陶化村", name_en="Taohua", township_id=TownshipId("lingzhan"))
Village(id='taohua', name='陶化村', name_en='Taohua', township_id='lingzhan')
"""

from __future__ import annotations

import attrs

from villagemodel import _fields as f
from villagemodel.ids import (
    CityId,
    CountyId,
    GridWorkerId,
    HamletId,
    RegionId,
    TownshipId,
    VillageId,
)
from villagemodel.labels import LabelledEnum

__all__ = [
    "City",
    "County",
    "GridWorker",
    "Hamlet",
    "Region",
    "RegionKind",
    "Township",
    "TownshipKind",
    "Village",
]


class RegionKind(LabelledEnum):
    """Kinds of province-level division."""

    PROVINCE = ("province", "省", "province")
    AUTONOMOUS_REGION = ("autonomous_region", "自治区", "autonomous region")
    MUNICIPALITY = ("municipality", "直辖市", "municipality")


class TownshipKind(LabelledEnum):
    """Kinds of township-level division (乡级行政区)."""

    TOWN = ("town", "镇", "town")
    TOWNSHIP = ("township", "乡", "township")
    ETHNIC_TOWNSHIP = ("ethnic_township", "民族乡", "ethnic township")
    SUBDISTRICT = ("subdistrict", "街道", "subdistrict")


@attrs.frozen(kw_only=True)
class Region:
    """A province-level division (省 / 自治区 / 直辖市), e.g. 广西壮族自治区."""

    id: RegionId = attrs.field(validator=f.identifier)
    name: str = attrs.field(validator=f.text)
    name_en: str | None = attrs.field(default=None, validator=f.optional_text)
    kind: RegionKind = attrs.field(default=RegionKind.PROVINCE, validator=f.member_of(RegionKind))


@attrs.frozen(kw_only=True)
class City:
    """A prefecture-level city (地级市), e.g. 百色市 (Baise)."""

    id: CityId = attrs.field(validator=f.identifier)
    name: str = attrs.field(validator=f.text)
    name_en: str | None = attrs.field(default=None, validator=f.optional_text)
    region_id: RegionId = attrs.field(validator=f.identifier)


@attrs.frozen(kw_only=True)
class County:
    """A county (县), e.g. 凌云县 (Lingyun)."""

    id: CountyId = attrs.field(validator=f.identifier)
    name: str = attrs.field(validator=f.text)
    name_en: str | None = attrs.field(default=None, validator=f.optional_text)
    city_id: CityId = attrs.field(validator=f.identifier)


@attrs.frozen(kw_only=True)
class Township:
    """A township-level division: 乡, 镇 or 民族乡 (e.g. 伶站瑶族乡)."""

    id: TownshipId = attrs.field(validator=f.identifier)
    name: str = attrs.field(validator=f.text)
    name_en: str | None = attrs.field(default=None, validator=f.optional_text)
    county_id: CountyId = attrs.field(validator=f.identifier)
    kind: TownshipKind = attrs.field(validator=f.member_of(TownshipKind))


@attrs.frozen(kw_only=True)
class Village:
    """An administrative village (行政村), the unit a work team is sent to."""

    id: VillageId = attrs.field(validator=f.identifier)
    name: str = attrs.field(validator=f.text)
    name_en: str | None = attrs.field(default=None, validator=f.optional_text)
    township_id: TownshipId = attrs.field(validator=f.identifier)


@attrs.frozen(kw_only=True)
class Hamlet:
    """A hamlet (屯, natural village) inside an administrative village."""

    id: HamletId = attrs.field(validator=f.identifier)
    name: str = attrs.field(validator=f.text)
    name_en: str | None = attrs.field(default=None, validator=f.optional_text)
    village_id: VillageId = attrs.field(validator=f.identifier)


@attrs.frozen(kw_only=True)
class GridWorker:
    """The grid worker (网格员) of a hamlet under grid management (网格化管理):
    "每个屯都安排一名网格员，负责乡村治理，化解矛盾纠纷"."""

    id: GridWorkerId = attrs.field(validator=f.identifier)
    hamlet_id: HamletId = attrs.field(validator=f.identifier)
    name: str | None = attrs.field(default=None, validator=f.optional_text)
