"""The village Party branch, its star rating, members and cadres, and the
work team and first secretary sent by a supporting unit.

Each administrative village has a Party organisation, usually a branch
(党支部). Guangxi rates branches on a scale of one to five stars
(星级化管理); the source report says "6个村中有1个村党支部被评为5星党支部，1个村
被评为4星党支部，其余4个村被评为3星党支部". A branch's rating for a year is a
:class:`BranchRating`; the rubric that produces it is a rule, not data.

The village's cadres (村干) serve on its two committees (村"两委": the branch
committee and the villagers' committee); reserve cadres (后备干部) are being
trained to succeed them. A provincial department (here the Department of
Finance, the *supporting unit*, 后盾单位) stations a work team (驻村工作队) in
each village it assists, led by a first secretary (第一书记).

>>> StarRating.of(5).stars, StarRating.of(5).zh
(5, '五星')
>>> StarRating.of(None) is StarRating.UNRATED
True
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from villagemodel import _fields as f
from villagemodel.errors import InvalidValueError, PeriodError
from villagemodel.ids import (
    BranchId,
    CadreId,
    FirstSecretaryId,
    MemberId,
    PartyMemberId,
    SupportingUnitId,
    VillageId,
    WorkTeamId,
)
from villagemodel.labels import LabelledEnum
from villagemodel.quantities import PersonCount

__all__ = [
    "BranchRating",
    "Cadre",
    "CadrePost",
    "CadreStatus",
    "FirstSecretary",
    "MembershipStatus",
    "PartyBranch",
    "PartyMember",
    "StarRating",
    "SupportingUnit",
    "WorkTeam",
]


class StarRating(LabelledEnum):
    """A branch's star rating: one to five stars, or unrated (未评星).

    ``stars`` is the number of stars, ``None`` when unrated. Build one from a
    number with :meth:`of`, which refuses anything but 1 to 5 or ``None``.
    """

    UNRATED = ("unrated", "未评星", "unrated", None)
    ONE = ("1", "一星", "1 star", 1)
    TWO = ("2", "二星", "2 stars", 2)
    THREE = ("3", "三星", "3 stars", 3)
    FOUR = ("4", "四星", "4 stars", 4)
    FIVE = ("5", "五星", "5 stars", 5)

    stars: int | None

    def __init__(self, *args: Any) -> None:
        self.stars = args[3]

    @classmethod
    def of(cls, stars: int | None) -> StarRating:
        """The rating with ``stars`` stars (``None`` for unrated).

        >>> StarRating.of(0)
        Traceback (most recent call last):
        ...
        villagemodel.errors.InvalidValueError: stars: not a star rating; expected 1 to 5, or unrated (got 0)
        """
        for member in cls:
            if member.stars == stars and (stars is None or type(stars) is int):
                return member
        raise InvalidValueError("stars", stars, "not a star rating; expected 1 to 5, or unrated")

    @property
    def is_rated(self) -> bool:
        """Whether the branch holds a star rating."""
        return self.stars is not None


@attrs.frozen(kw_only=True)
class PartyBranch:
    """A village's Party branch (村党支部).

    ``secretary_is_committee_head`` records whether one person is both the
    branch secretary and the head of the villagers' committee (一肩挑); the
    village decision procedure (四议两公开) lets such a village merge its first
    two steps.
    """

    id: BranchId = attrs.field(validator=f.identifier)
    village_id: VillageId = attrs.field(validator=f.identifier)
    name: str = attrs.field(validator=f.text)
    established_on: datetime.date | None = attrs.field(default=None, validator=f.optional_date)
    secretary_is_committee_head: bool | None = attrs.field(default=None, validator=f.optional_flag)


@attrs.frozen(kw_only=True)
class BranchRating:
    """The star rating a branch was given for a year.

    A ``rubric`` names the rating scheme used, when it is known.
    """

    branch_id: BranchId = attrs.field(validator=f.identifier)
    year: int = attrs.field(validator=f.year)
    rating: StarRating = attrs.field(validator=f.member_of(StarRating))
    rated_on: datetime.date | None = attrs.field(default=None, validator=f.optional_date)
    rubric: str | None = attrs.field(default=None, validator=f.optional_text)

    @rated_on.validator
    def _rated_after_year_began(
        self, attribute: attrs.Attribute[Any], value: datetime.date | None
    ) -> None:
        if value is not None and value.year < self.year:
            raise PeriodError(
                f.path_of(self, attribute), value, f"a rating for {self.year} cannot precede it"
            )


class MembershipStatus(LabelledEnum):
    """Full or probationary Party membership."""

    FULL = ("full", "正式党员", "full member")
    PROBATIONARY = ("probationary", "预备党员", "probationary member")


@attrs.frozen(kw_only=True)
class PartyMember:
    """A member of a village Party branch.

    ``person_id`` links to the household member who is this Party member,
    where the household register holds them.
    """

    id: PartyMemberId = attrs.field(validator=f.identifier)
    branch_id: BranchId = attrs.field(validator=f.identifier)
    status: MembershipStatus = attrs.field(
        default=MembershipStatus.FULL, validator=f.member_of(MembershipStatus)
    )
    name: str | None = attrs.field(default=None, validator=f.optional_text)
    person_id: MemberId | None = attrs.field(default=None, validator=f.optional_identifier)
    joined_on: datetime.date | None = attrs.field(default=None, validator=f.optional_date)
    born_on: datetime.date | None = attrs.field(default=None, validator=f.optional_date)


class CadrePost(LabelledEnum):
    """Posts on the village's two committees (村"两委")."""

    BRANCH_SECRETARY = ("branch_secretary", "村党组织书记", "branch secretary")
    COMMITTEE_HEAD = ("committee_head", "村委会主任", "villagers' committee head")
    BRANCH_COMMITTEE_MEMBER = ("branch_committee_member", "支委委员", "branch committee member")
    VILLAGERS_COMMITTEE_MEMBER = (
        "villagers_committee_member",
        "村委委员",
        "villagers' committee member",
    )
    OTHER = ("other", "其他村干", "other cadre")


class CadreStatus(LabelledEnum):
    """Whether a cadre serves now or is a reserve cadre in training."""

    SERVING = ("serving", "在任村干", "serving cadre")
    RESERVE = ("reserve", "后备干部", "reserve cadre")


@attrs.frozen(kw_only=True)
class Cadre:
    """A village cadre (村干) or reserve cadre (后备干部).

    The report: "新增选用5名优秀年轻党员作为村干，培养后备干部8名".
    ``post`` is ``None`` for a reserve cadre who holds no post yet.
    """

    id: CadreId = attrs.field(validator=f.identifier)
    village_id: VillageId = attrs.field(validator=f.identifier)
    status: CadreStatus = attrs.field(validator=f.member_of(CadreStatus))
    post: CadrePost | None = attrs.field(default=None, validator=f.optional_member_of(CadrePost))
    name: str | None = attrs.field(default=None, validator=f.optional_text)
    party_member_id: PartyMemberId | None = attrs.field(
        default=None, validator=f.optional_identifier
    )
    since: datetime.date | None = attrs.field(default=None, validator=f.optional_date)
    until: datetime.date | None = attrs.field(default=None, validator=f.optional_date)

    @post.validator
    def _serving_cadre_has_post(
        self, attribute: attrs.Attribute[Any], value: CadrePost | None
    ) -> None:
        if self.status is CadreStatus.SERVING and value is None:
            raise InvalidValueError(
                f.path_of(self, attribute), value, "a serving cadre holds a post"
            )

    @until.validator
    def _until_after_since(
        self, attribute: attrs.Attribute[Any], value: datetime.date | None
    ) -> None:
        _check_order(self, attribute, self.since, value)


def _check_order(
    record: object,
    attribute: attrs.Attribute[Any],
    start: datetime.date | None,
    end: datetime.date | None,
) -> None:
    if start is not None and end is not None and end < start:
        raise PeriodError(
            f.path_of(record, attribute), end, f"comes before the start, {start.isoformat()}"
        )


@attrs.frozen(kw_only=True)
class SupportingUnit:
    """An organisation that sends work teams and funds (后盾单位), e.g.
    广西壮族自治区财政厅 (the Guangxi Department of Finance)."""

    id: SupportingUnitId = attrs.field(validator=f.identifier)
    name: str = attrs.field(validator=f.text)
    name_en: str | None = attrs.field(default=None, validator=f.optional_text)


@attrs.frozen(kw_only=True)
class WorkTeam:
    """A village-stationed work team (驻村工作队) sent by a supporting unit.

    ``started_on`` is ``None`` when the report does not date the team's arrival.
    """

    id: WorkTeamId = attrs.field(validator=f.identifier)
    unit_id: SupportingUnitId = attrs.field(validator=f.identifier)
    village_id: VillageId = attrs.field(validator=f.identifier)
    started_on: datetime.date | None = attrs.field(default=None, validator=f.optional_date)
    ended_on: datetime.date | None = attrs.field(default=None, validator=f.optional_date)
    size: PersonCount | None = attrs.field(
        default=None, validator=f.instance_of(PersonCount, optional=True)
    )

    @ended_on.validator
    def _ended_after_start(
        self, attribute: attrs.Attribute[Any], value: datetime.date | None
    ) -> None:
        _check_order(self, attribute, self.started_on, value)


@attrs.frozen(kw_only=True)
class FirstSecretary:
    """A first secretary (第一书记): an official sent by a supporting unit to
    lead a village's Party work, usually at the head of its work team."""

    id: FirstSecretaryId = attrs.field(validator=f.identifier)
    unit_id: SupportingUnitId = attrs.field(validator=f.identifier)
    village_id: VillageId = attrs.field(validator=f.identifier)
    started_on: datetime.date | None = attrs.field(default=None, validator=f.optional_date)
    ended_on: datetime.date | None = attrs.field(default=None, validator=f.optional_date)
    name: str | None = attrs.field(default=None, validator=f.optional_text)
    work_team_id: WorkTeamId | None = attrs.field(default=None, validator=f.optional_identifier)

    @ended_on.validator
    def _ended_after_start(
        self, attribute: attrs.Attribute[Any], value: datetime.date | None
    ) -> None:
        _check_order(self, attribute, self.started_on, value)
