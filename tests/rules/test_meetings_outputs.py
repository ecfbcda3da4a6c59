"""三会一课 and themed Party days: the exact explanations, labels and refusals.

Each explanation is pinned in both languages for a representative case of
every path through the rule (the parameter lines, which cite the parameter
data, are left out and checked by name); each refusal is pinned with its
message.
"""

from __future__ import annotations

import datetime

import attrs
import pendulum
import pytest

from villagemodel import InvalidValueError, Meeting, MeetingKind, Period
from villagemodel.datasets import load
from villagemodel.explain import Explanation, Lang
from villagemodel.ids import BranchId, MeetingId
from villagemodel.parameters import ParameterNotFoundError, ParameterSet
from villagemodel.rules.meetings import (
    ALL_KINDS,
    THREE_MEETINGS_ONE_LECTURE,
    KindCheck,
    MeetingCheck,
    MissingMeeting,
    Slot,
    check_branch_meetings,
    check_meetings,
    count_in_slots,
    describe_every,
    frequency_parameter,
    months_of,
    required_slots,
    slot_comparisons,
)

from .test_collective_economy import supplied

BRANCH = BranchId("branch-yaoma")
LINGYUN = "CN/guangxi/baise/lingyun"
PARAMS = ParameterSet.default()
YEAR_2022 = Period.calendar_year(2022)
COMMITTEE = MeetingKind.BRANCH_COMMITTEE_MEETING
GENERAL = MeetingKind.BRANCH_GENERAL_MEETING
GROUP = MeetingKind.PARTY_GROUP_MEETING
LECTURE = MeetingKind.PARTY_LECTURE
THEMED_DAY = MeetingKind.THEMED_PARTY_DAY
D = datetime.date
FIRST_HALF_FROM_15_JANUARY = Period(
    start=pendulum.date(2022, 1, 15), end=pendulum.date(2022, 6, 30)
)


def meeting(kind: MeetingKind, day: datetime.date, n: int = 0, branch: str = BRANCH) -> Meeting:
    return Meeting(
        id=MeetingId(f"{kind.value}-{day.isoformat()}-{n}"),
        branch_id=BranchId(branch),
        kind=kind,
        held_on=day,
    )


def check(
    meetings: list[Meeting],
    period: Period = YEAR_2022,
    kinds: tuple[MeetingKind, ...] = (COMMITTEE,),
    params: ParameterSet = PARAMS,
) -> MeetingCheck:
    return check_meetings(
        meetings, branch_id=BRANCH, period=period, params=params, jurisdiction=LINGYUN, kinds=kinds
    )


def slot(start: tuple[int, int], end: tuple[int, int]) -> Slot:
    return Slot(
        start=pendulum.date(start[0], start[1], 1),
        end=pendulum.date(end[0], end[1], 1).end_of("month"),
    )


def shown(explanation: Explanation, lang: Lang) -> str:
    """The explanation as text without its parameter lines, which quote the
    parameter data (source, confidence) rather than the rule."""
    kept: list[str] = []
    skipping_below: int | None = None
    for line in explanation.to_text(lang).splitlines():
        indent = len(line) - len(line.lstrip(" "))
        if skipping_below is not None and indent > skipping_below:
            continue
        skipping_below = None
        if line.strip() in ("parameters:", "参数:"):
            skipping_below = indent
            continue
        kept.append(line)
    return "\n".join(kept)


def lines(*text: str) -> str:
    return "\n".join(text)


# -- the explanation ---------------------------------------------------------------------


def first_half_from_15_january() -> MeetingCheck:
    """Committee meetings on 20 January (a cut month), 5 and 6 March, and
    5 December 2021 (outside the period); a general meeting on 5 May."""
    held = [
        meeting(COMMITTEE, D(2022, 1, 20)),
        meeting(COMMITTEE, D(2022, 3, 5)),
        meeting(COMMITTEE, D(2022, 3, 6), 1),
        meeting(GENERAL, D(2022, 5, 5)),
        meeting(COMMITTEE, D(2021, 12, 5)),
    ]
    return check(held, FIRST_HALF_FROM_15_JANUARY, kinds=(COMMITTEE, GENERAL))


def test_a_half_year_from_15_january_explains_each_kind_block_by_block() -> None:
    """January is cut, so the committee is due February to June and the
    general meeting the second quarter; the January meeting counts nowhere,
    two March meetings do not make up for a missing month."""
    result = first_half_from_15_january()
    assert shown(result.explanation, "en") == lines(
        "Branch meetings held as required (三会一课, themed Party days) [meetings.check]: "
        "4 of 6 required meetings missing",
        "  because: each kind needs a meeting in every block of its frequency "
        "that lies wholly inside the period",
        "  inputs:",
        "    branch: branch-yaoma",
        "    period: 2022-01-15 to 2022-06-30",
        "    kinds checked: branch committee meeting, branch general meeting",
        "  Branch committee meeting held as often as required [meetings.kind_held]: "
        "missing in 4 of 5 required blocks: 2022-02, 2022-04, 2022-05, 2022-06",
        "    because: at least one meeting in every calendar month that lies wholly inside "
        "the period",
        "    inputs:",
        "      meetings of this kind in the period: 3",
        "      of them in required blocks: 2",
        "    comparisons:",
        "      meetings held, 2022-02: 0 ≥ 1: false",
        "      meetings held, 2022-03: 2 ≥ 1: true",
        "      meetings held, 2022-04: 0 ≥ 1: false",
        "      meetings held, 2022-05: 0 ≥ 1: false",
        "      meetings held, 2022-06: 0 ≥ 1: false",
        "  Branch general meeting held as often as required [meetings.kind_held]: "
        "held in 1 of 1 required blocks",
        "    because: at least one meeting in every block of 3 calendar months that lies "
        "wholly inside the period",
        "    inputs:",
        "      meetings of this kind in the period: 1",
        "      of them in required blocks: 1",
        "    comparisons:",
        "      meetings held, 2022-04 to 2022-06: 1 ≥ 1: true",
    )
    zh = shown(result.explanation, "zh").splitlines()
    assert zh[:4] == [
        "“三会一课”、主题党日按期开展 [meetings.check]: 6次应开会议中缺4次",
        "  依据: 每类会议在期间内每个完整周期至少召开一次",
        "  输入:",
        "    党支部: branch-yaoma",
    ]
    assert zh[4].startswith("    期间: ")
    assert zh[5:] == [
        "    检查的会议类别: 支部委员会、支部党员大会",
        "  支部委员会按期召开 [meetings.kind_held]: "
        "5个应开周期中缺4个：2022年2月、2022年4月、2022年5月、2022年6月",
        "    依据: 期间内每个自然月（完整周期）至少召开一次",
        "    输入:",
        "      期间内该类会议次数: 3",
        "      其中在应开周期内: 2",
        "    比较:",
        "      2022年2月召开次数: 0 ≥ 1: 不成立",
        "      2022年3月召开次数: 2 ≥ 1: 成立",
        "      2022年4月召开次数: 0 ≥ 1: 不成立",
        "      2022年5月召开次数: 0 ≥ 1: 不成立",
        "      2022年6月召开次数: 0 ≥ 1: 不成立",
        "  支部党员大会按期召开 [meetings.kind_held]: 1个应开周期均已召开",
        "    依据: 期间内每3个自然月（完整周期）至少召开一次",
        "    输入:",
        "      期间内该类会议次数: 1",
        "      其中在应开周期内: 1",
        "    比较:",
        "      2022年4月至6月召开次数: 1 ≥ 1: 成立",
    ]
    assert result.explanation.parameters == ()
    assert [[p.name for p in part.parameters] for part in result.explanation.parts] == [
        ["meetings.branch_committee_meeting.every_months"],
        ["meetings.branch_general_meeting.every_months"],
    ]


def test_the_check_keeps_the_branch_the_period_and_each_kind_in_the_order_asked() -> None:
    result = first_half_from_15_january()
    assert result.branch_id == BRANCH
    assert result.period == FIRST_HALF_FROM_15_JANUARY
    assert [k.kind for k in result.kinds] == [COMMITTEE, GENERAL]
    committee, general = result.kinds
    assert committee.every_months == 1
    assert committee.frequency.name == "meetings.branch_committee_meeting.every_months"
    assert committee.required == tuple(slot((2022, m), (2022, m)) for m in range(2, 7))
    assert committee.counts == (0, 2, 0, 0, 0)
    assert committee.missing == tuple(slot((2022, m), (2022, m)) for m in (2, 4, 5, 6))
    assert not committee.complete
    assert (general.every_months, general.required, general.counts) == (
        3,
        (slot((2022, 4), (2022, 6)),),
        (1,),
    )
    assert general.complete
    assert result.of(GENERAL) is general
    assert result.of(COMMITTEE) is committee
    assert result.missing == tuple(
        MissingMeeting(kind=COMMITTEE, slot=s) for s in committee.missing
    )
    assert not result.complete


def test_the_missing_meetings_are_listed_by_kind_in_the_order_checked_then_by_date() -> None:
    result = check(
        [meeting(GENERAL, D(2022, 2, 1)), meeting(COMMITTEE, D(2022, 2, 1))],
        Period(start=pendulum.date(2022, 1, 1), end=pendulum.date(2022, 6, 30)),
        kinds=(GENERAL, COMMITTEE),
    )
    assert [m.label() for m in result.missing] == [
        "branch general meeting, 2022-04 to 2022-06",
        "branch committee meeting, 2022-01",
        "branch committee meeting, 2022-03",
        "branch committee meeting, 2022-04",
        "branch committee meeting, 2022-05",
        "branch committee meeting, 2022-06",
    ]


def test_a_kind_with_no_whole_block_in_the_period_requires_nothing() -> None:
    """February to April holds no whole quarter."""
    result = check(
        [meeting(GENERAL, D(2022, 3, 1))],
        Period(start=pendulum.date(2022, 2, 1), end=pendulum.date(2022, 4, 30)),
        kinds=(GENERAL,),
    )
    (general,) = result.explanation.parts
    assert shown(general, "en") == lines(
        "Branch general meeting held as often as required [meetings.kind_held]: nothing required",
        "  because: due every block of 3 calendar months, and no such block lies wholly "
        "inside the period",
        "  inputs:",
        "    meetings of this kind in the period: 1",
        "    of them in required blocks: 0",
    )
    assert shown(general, "zh") == lines(
        "支部党员大会按期召开 [meetings.kind_held]: 无要求",
        "  依据: 要求每3个自然月至少一次，期间内没有完整的周期",
        "  输入:",
        "    期间内该类会议次数: 1",
        "    其中在应开周期内: 0",
    )
    assert result.complete
    assert result.of(GENERAL).counts == ()


def test_a_themed_party_day_in_a_period_of_less_than_a_month_requires_nothing() -> None:
    result = check(
        [],
        Period(start=pendulum.date(2022, 3, 2), end=pendulum.date(2022, 3, 31)),
        kinds=(THEMED_DAY,),
    )
    (part,) = result.explanation.parts
    assert part.branch_en == (
        "due every calendar month, and no such block lies wholly inside the period"
    )
    assert part.branch_zh == "要求每个自然月至少一次，期间内没有完整的周期"
    assert part.title_en == "Themed Party day held as often as required"
    assert part.title_zh == "主题党日按期召开"


def test_a_year_of_every_required_meeting_is_explained_as_complete() -> None:
    every_month = range(1, 13)
    held = [
        *(meeting(COMMITTEE, D(2022, m, 15)) for m in every_month),
        *(meeting(GROUP, D(2022, m, 15)) for m in every_month),
        *(meeting(GENERAL, D(2022, m, 15)) for m in (3, 6, 9, 12)),
    ]
    result = check(held, kinds=(GENERAL, COMMITTEE, GROUP))
    assert result.complete
    assert result.missing == ()
    assert result.explanation.outcome_en == "all 28 required meetings held"
    assert result.explanation.outcome_zh == "28次应开会议均已召开"
    assert [part.outcome_en for part in result.explanation.parts] == [
        "held in 4 of 4 required blocks",
        "held in 12 of 12 required blocks",
        "held in 12 of 12 required blocks",
    ]
    assert [part.outcome_zh for part in result.explanation.parts] == [
        "4个应开周期均已召开",
        "12个应开周期均已召开",
        "12个应开周期均已召开",
    ]
    assert result.explanation.parts[2].title_en == "Party group meeting held as often as required"
    assert shown(result.explanation, "en").splitlines()[5] == (
        "    kinds checked: branch general meeting, branch committee meeting, Party group meeting"
    )


# -- labels and frequencies in words ---------------------------------------------------------


def test_a_block_is_labelled_by_its_months() -> None:
    march = slot((2022, 3), (2022, 3))
    quarter = slot((2022, 1), (2022, 3))
    winter = slot((2022, 11), (2023, 2))
    assert [s.label() for s in (march, quarter, winter)] == [
        "2022-03",
        "2022-01 to 2022-03",
        "2022-11 to 2023-02",
    ]
    assert [s.label("en") for s in (march, quarter, winter)] == [
        "2022-03",
        "2022-01 to 2022-03",
        "2022-11 to 2023-02",
    ]
    assert [s.label("zh") for s in (march, quarter, winter)] == [
        "2022年3月",
        "2022年1月至3月",
        "2022年11月至2023年2月",
    ]


def test_a_missing_meeting_is_labelled_in_english_unless_chinese_is_asked_for() -> None:
    missing = MissingMeeting(kind=THEMED_DAY, slot=slot((2022, 11), (2023, 2)))
    assert missing.label() == "themed Party day, 2022-11 to 2023-02"
    assert missing.label("en") == "themed Party day, 2022-11 to 2023-02"
    assert missing.label("zh") == "主题党日：2022年11月至2023年2月"


def test_a_frequency_is_described_in_english_unless_chinese_is_asked_for() -> None:
    assert [describe_every(n) for n in (1, 2, 12)] == [
        "every calendar month",
        "every block of 2 calendar months",
        "every block of 12 calendar months",
    ]
    assert [describe_every(n, "zh") for n in (1, 2, 12)] == [
        "每个自然月",
        "每2个自然月",
        "每12个自然月",
    ]


def test_the_frequency_parameter_is_named_after_the_kind() -> None:
    assert [frequency_parameter(k) for k in ALL_KINDS] == [
        "meetings.branch_general_meeting.every_months",
        "meetings.branch_committee_meeting.every_months",
        "meetings.party_group_meeting.every_months",
        "meetings.party_lecture.every_months",
        "meetings.themed_party_day.every_months",
    ]
    assert THREE_MEETINGS_ONE_LECTURE == (GENERAL, COMMITTEE, GROUP, LECTURE)


def test_one_comparison_per_block_asks_for_at_least_one_event() -> None:
    blocks = (slot((2022, 1), (2022, 3)), slot((2022, 4), (2022, 6)))
    compared = slot_comparisons(blocks, (0, 2), "events", "次数")
    assert [c.to_text("en") for c in compared] == [
        "events, 2022-01 to 2022-03: 0 ≥ 1: false",
        "events, 2022-04 to 2022-06: 2 ≥ 1: true",
    ]
    assert [c.to_text("zh") for c in compared] == [
        "2022年1月至3月次数: 0 ≥ 1: 不成立",
        "2022年4月至6月次数: 2 ≥ 1: 成立",
    ]


def test_a_block_without_a_count_is_not_dropped_from_the_comparisons() -> None:
    """Counts and blocks go in pairs: a missing count is an error, not a
    block left out of the explanation."""
    blocks = (slot((2022, 1), (2022, 3)), slot((2022, 4), (2022, 6)))
    with pytest.raises(ValueError, match="zip"):
        slot_comparisons(blocks, (1,), "events", "次数")


# -- blocks and counts: the exact bounds --------------------------------------------------------


def test_a_block_contains_its_first_and_last_day_only() -> None:
    quarter = slot((2022, 4), (2022, 6))
    assert quarter.contains(D(2022, 4, 1))
    assert quarter.contains(D(2022, 6, 30))
    assert not quarter.contains(D(2022, 3, 31))
    assert not quarter.contains(D(2022, 7, 1))


def test_meetings_on_the_first_and_last_day_of_a_block_count_in_it() -> None:
    quarter = slot((2022, 4), (2022, 6))
    days = [D(2022, 7, 1), D(2022, 6, 30), D(2022, 3, 31), D(2022, 4, 1)]
    assert count_in_slots(days, [quarter]) == (2,)
    assert count_in_slots(days, [slot((2022, 3), (2022, 3)), slot((2022, 7), (2022, 7))]) == (1, 1)
    assert count_in_slots([], [quarter]) == (0,)


def test_a_period_of_whole_months_requires_its_first_and_last_month() -> None:
    q2 = Period(start=pendulum.date(2022, 4, 1), end=pendulum.date(2022, 6, 30))
    assert required_slots(q2, 1) == tuple(slot((2022, m), (2022, m)) for m in (4, 5, 6))
    assert required_slots(q2, 3) == (slot((2022, 4), (2022, 6)),)
    assert required_slots(q2, 6) == ()


def test_a_period_over_the_new_year_requires_blocks_of_both_years() -> None:
    winter = Period(start=pendulum.date(2022, 11, 1), end=pendulum.date(2023, 2, 28))
    assert [s.label() for s in required_slots(winter, 2)] == [
        "2022-11 to 2022-12",
        "2023-01 to 2023-02",
    ]
    assert [s.label() for s in required_slots(winter, 1)] == [
        "2022-11",
        "2022-12",
        "2023-01",
        "2023-02",
    ]


def test_a_period_ending_a_day_before_a_month_ends_leaves_that_month_out() -> None:
    almost = Period(start=pendulum.date(2022, 4, 2), end=pendulum.date(2022, 6, 29))
    assert required_slots(almost, 1) == (slot((2022, 5), (2022, 5)),)


@pytest.mark.parametrize("every", [0, 5, 7, 24, True], ids=str)
def test_a_block_length_that_does_not_divide_a_year_is_refused(every: int) -> None:
    with pytest.raises(InvalidValueError) as caught:
        required_slots(YEAR_2022, every)
    assert str(caught.value) == (
        f"every_months: expected a number of calendar months that divides a year (got {every!r})"
    )


@pytest.mark.parametrize("value", [5, 0, True], ids=str)
def test_a_frequency_parameter_that_does_not_divide_a_year_is_refused_naming_it(
    value: int,
) -> None:
    found = PARAMS.lookup(frequency_parameter(GENERAL), LINGYUN, D(2022, 12, 31))
    with pytest.raises(InvalidValueError) as caught:
        months_of(attrs.evolve(found, value=value))
    assert str(caught.value) == (
        "meetings.branch_general_meeting.every_months: expected a number of calendar months "
        f"that divides a year: 1, 2, 3, 4, 6, 12 (got {value!r})"
    )
    assert months_of(found) == 3


# -- refusals -----------------------------------------------------------------------------


def test_a_period_that_is_not_a_period_is_refused() -> None:
    with pytest.raises(InvalidValueError) as caught:
        check([], period="2022")  # type: ignore[arg-type]
    assert str(caught.value) == "period: expected a Period (got '2022')"


def test_a_meeting_that_is_not_a_meeting_is_refused_naming_its_place() -> None:
    with pytest.raises(InvalidValueError) as caught:
        check([meeting(COMMITTEE, D(2022, 1, 5)), "committee, 2022-02"])  # type: ignore[list-item]
    assert str(caught.value) == "meetings[1]: expected a Meeting (got 'committee, 2022-02')"


def test_a_meeting_of_another_branch_is_refused_naming_both_branches() -> None:
    with pytest.raises(InvalidValueError) as caught:
        check([meeting(COMMITTEE, D(2022, 2, 5), branch="branch-other")])
    assert str(caught.value) == (
        "meetings[0].branch_id: a meeting of another branch; checking branch 'branch-yaoma' "
        "(got 'branch-other')"
    )


def test_the_kinds_checked_are_refused_if_not_kinds_repeated_or_none() -> None:
    with pytest.raises(InvalidValueError) as caught:
        check([], kinds=(COMMITTEE, "party_lecture"))  # type: ignore[arg-type]
    assert str(caught.value) == "kinds[1]: expected a MeetingKind (got 'party_lecture')"
    with pytest.raises(InvalidValueError) as caught:
        check([], kinds=(GENERAL, COMMITTEE, GENERAL))
    assert str(caught.value) == "kinds[2]: listed twice (got 'branch_general_meeting')"
    with pytest.raises(InvalidValueError) as caught:
        check([], kinds=())
    assert str(caught.value) == "kinds: name at least one kind of meeting to check (got ())"


def test_asking_for_a_kind_that_was_not_checked_is_refused() -> None:
    result = check([], kinds=(COMMITTEE,))
    with pytest.raises(InvalidValueError) as caught:
        result.of(LECTURE)
    assert str(caught.value) == (
        "kind: was not checked (got <MeetingKind.PARTY_LECTURE: 'party_lecture'>)"
    )


# -- the dataset entry point --------------------------------------------------------------------


def test_the_dataset_check_refuses_the_example_lecture_frequency_by_default() -> None:
    dataset = load("lingyun-2022")
    with pytest.raises(ParameterNotFoundError):
        check_branch_meetings(dataset, BRANCH, YEAR_2022, params=PARAMS, jurisdiction=LINGYUN)
    result = check_branch_meetings(
        dataset, BRANCH, YEAR_2022, params=PARAMS, jurisdiction=LINGYUN, allow_examples=True
    )
    assert [k.kind for k in result.kinds] == list(ALL_KINDS)
    assert result.of(LECTURE).frequency.example
    assert result.branch_id == BRANCH
    assert result.period == YEAR_2022


def test_the_dataset_check_passes_the_kinds_and_a_local_frequency_through() -> None:
    params = supplied(PARAMS, frequency_parameter(LECTURE), 6)
    result = check_branch_meetings(
        load("lingyun-2022"),
        BRANCH,
        YEAR_2022,
        params=params,
        jurisdiction=LINGYUN,
        kinds=[LECTURE],
    )
    (lecture,) = result.kinds
    assert (lecture.kind, lecture.every_months) == (LECTURE, 6)
    assert [s.label() for s in lecture.missing] == ["2022-01 to 2022-06", "2022-07 to 2022-12"]


def test_a_local_frequency_replaces_the_national_one_for_the_whole_period() -> None:
    """The frequency in force on the last day of the period applies."""
    params = supplied(PARAMS, frequency_parameter(COMMITTEE), 2)
    result = check([meeting(COMMITTEE, D(2022, 2, 1))], kinds=(COMMITTEE,), params=params)
    committee = result.of(COMMITTEE)
    assert committee.every_months == 2
    assert committee.frequency.jurisdiction.path == "CN/guangxi"
    assert len(committee.required) == 6
    assert isinstance(committee, KindCheck)
