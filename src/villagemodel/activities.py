"""Activities, Party meetings, awards and mediated disputes.

The report counts events: "开展'第一书记夜话'和'院坝会'活动47场", "6个村开展14次
第一书记进校园活动", "开展技能培训帮扶农民300多人次", "累计调解纠纷33件". An
:class:`Activity` is one such event, held in one or more villages, with its
attendance in person-times (人次) when known.

A Party branch's organisational life follows 三会一课 (three meetings and one
lecture: the branch general meeting, the branch committee meeting, the Party
group meeting and the Party lecture) and a monthly themed Party day (主题党日):
each is a :class:`Meeting` of the branch.

Villages win flags and designations (:class:`Award`): "6个村共获得红旗13面；
有5个村被评为'乡村振兴重点村'；双达村被评为2022年'广西乡村振兴创建示范村'".

>>> MeetingKind.PARTY_LECTURE.zh, MeetingKind.PARTY_LECTURE.is_three_meetings_one_lecture
('党课', True)
>>> MeetingKind.THEMED_PARTY_DAY.is_three_meetings_one_lecture
False
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from villagemodel import _fields as f
from villagemodel.errors import InvalidValueError
from villagemodel.ids import ActivityId, AwardId, BranchId, DisputeId, MeetingId, VillageId
from villagemodel.labels import LabelledEnum
from villagemodel.quantities import PersonCount, PersonTimes

__all__ = [
    "Activity",
    "ActivityKind",
    "Award",
    "AwardKind",
    "DisputeMediation",
    "Meeting",
    "MeetingKind",
]


class ActivityKind(LabelledEnum):
    """Kinds of event a work team or village holds."""

    EVENING_TALK = ("evening_talk", "第一书记夜话", "first secretary's evening talk")
    COURTYARD_MEETING = ("courtyard_meeting", "院坝会", "courtyard meeting")
    SCHOOL_VISIT = ("school_visit", "第一书记进校园", "first secretary's school visit")
    SUMMER_STUDENT_PROGRAMME = (
        "summer_student_programme",
        "暑期学子提升",
        "summer programme for students",
    )
    SKILLS_TRAINING = ("skills_training", "技能培训", "skills training")
    CADRES_RETURN_HOME = (
        "cadres_return_home",
        "干部回乡·扮靓家园",
        "cadres return home to tidy the village",
    )
    DEMOCRATIC_APPRAISAL = (
        "democratic_appraisal",
        "民主评议",
        "democratic appraisal (good mother-in-law etc.)",
    )
    LEGAL_EDUCATION = ("legal_education", "普法活动", "legal education")
    FILM_SCREENING = ("film_screening", "电影放映", "film screening")
    OPERA = ("opera", "戏曲进乡村", "opera in the village")
    READING_CLUB = ("reading_club", "读书会", "reading club")
    GRATITUDE_TALK = ("gratitude_talk", "感恩教育宣讲会", "gratitude education talk")
    HOUSING_SAFETY_INSPECTION = (
        "housing_safety_inspection",
        "农村自建房安全排查",
        "self-built housing safety inspection",
    )
    CUSTOMS_REFORM = ("customs_reform", "移风易俗宣传", "campaign to reform customs")
    STUDENT_AWARD = ("student_award", "奖励优秀学生", "awards to outstanding students")
    OTHER = ("other", "其他", "other")


@attrs.frozen(kw_only=True)
class Activity:
    """One event, held on one day in one or more villages.

    ``attendance`` counts attendances (人次) and ``beneficiaries`` the people
    an event reached or rewarded (人, 名: "奖励156名优秀学生"); ``title`` is
    required for kind ``OTHER``.
    """

    id: ActivityId = attrs.field(validator=f.identifier)
    kind: ActivityKind = attrs.field(validator=f.member_of(ActivityKind))
    village_ids: tuple[VillageId, ...] = attrs.field(
        converter=f.to_tuple, validator=f.non_empty_identifiers
    )
    held_on: datetime.date = attrs.field(validator=f.date)
    attendance: PersonTimes | None = attrs.field(
        default=None, validator=f.instance_of(PersonTimes, optional=True)
    )
    beneficiaries: PersonCount | None = attrs.field(
        default=None, validator=f.instance_of(PersonCount, optional=True)
    )
    title: str | None = attrs.field(default=None, validator=f.optional_text)
    organiser: str | None = attrs.field(default=None, validator=f.optional_text)

    @title.validator
    def _other_needs_title(self, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if self.kind is ActivityKind.OTHER and value is None:
            raise InvalidValueError(
                f.path_of(self, attribute), value, "an activity of kind 'other' needs a title"
            )


class MeetingKind(LabelledEnum):
    """Kinds of Party branch meeting: 三会一课 and the themed Party day."""

    BRANCH_GENERAL_MEETING = ("branch_general_meeting", "支部党员大会", "branch general meeting")
    BRANCH_COMMITTEE_MEETING = (
        "branch_committee_meeting",
        "支部委员会",
        "branch committee meeting",
    )
    PARTY_GROUP_MEETING = ("party_group_meeting", "党小组会", "Party group meeting")
    PARTY_LECTURE = ("party_lecture", "党课", "Party lecture")
    THEMED_PARTY_DAY = ("themed_party_day", "主题党日", "themed Party day")

    @property
    def is_three_meetings_one_lecture(self) -> bool:
        """Whether the kind is one of 三会一课."""
        return self is not MeetingKind.THEMED_PARTY_DAY


@attrs.frozen(kw_only=True)
class Meeting:
    """A meeting of a Party branch.

    ``members_due`` is the number of members due to attend and ``attendees``
    the number present; attendance cannot exceed the members due.
    """

    id: MeetingId = attrs.field(validator=f.identifier)
    branch_id: BranchId = attrs.field(validator=f.identifier)
    kind: MeetingKind = attrs.field(validator=f.member_of(MeetingKind))
    held_on: datetime.date = attrs.field(validator=f.date)
    attendees: PersonCount | None = attrs.field(
        default=None, validator=f.instance_of(PersonCount, optional=True)
    )
    members_due: PersonCount | None = attrs.field(
        default=None, validator=f.instance_of(PersonCount, optional=True)
    )
    topic: str | None = attrs.field(default=None, validator=f.optional_text)

    @members_due.validator
    def _attendance_within_due(
        self, attribute: attrs.Attribute[Any], value: PersonCount | None
    ) -> None:
        if value is not None and self.attendees is not None and self.attendees > value:
            raise InvalidValueError(
                "Meeting.attendees",
                self.attendees,
                f"more attendees than the {value.value} members due to attend",
            )


class AwardKind(LabelledEnum):
    """A flag won in a competition, or a designation conferred on a village."""

    FLAG = ("flag", "旗", "flag")
    DESIGNATION = ("designation", "称号", "designation")


@attrs.frozen(kw_only=True)
class Award:
    """A flag or designation a village received for a year.

    ``name`` is the flag's or designation's name (``"乡村振兴重点村"``);
    ``competition`` the competition a flag was won in
    (``"乡村振兴·五旗争创"``), when it is known.
    """

    id: AwardId = attrs.field(validator=f.identifier)
    village_id: VillageId = attrs.field(validator=f.identifier)
    kind: AwardKind = attrs.field(validator=f.member_of(AwardKind))
    name: str = attrs.field(validator=f.text)
    year: int = attrs.field(validator=f.year)
    competition: str | None = attrs.field(default=None, validator=f.optional_text)
    conferred_by: str | None = attrs.field(default=None, validator=f.optional_text)


@attrs.frozen(kw_only=True)
class DisputeMediation:
    """A dispute mediated in a village (调解纠纷)."""

    id: DisputeId = attrs.field(validator=f.identifier)
    village_id: VillageId = attrs.field(validator=f.identifier)
    mediated_on: datetime.date = attrs.field(validator=f.date)
    resolved: bool | None = attrs.field(default=None, validator=f.optional_flag)
    summary: str | None = attrs.field(default=None, validator=f.optional_text)
