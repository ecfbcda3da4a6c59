"""三会一课 and themed Party days: examples, refusals and properties."""

from __future__ import annotations

import calendar
import datetime
import itertools
import re
from collections.abc import Iterable, Sequence

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from villagemodel import InvalidValueError, Meeting, MeetingKind, Period
from villagemodel.datasets import load
from villagemodel.ids import BranchId, MeetingId
from villagemodel.parameters import ParameterNotFoundError, ParameterSet
from villagemodel.rules.meetings import (
    ALL_KINDS,
    THREE_MEETINGS_ONE_LECTURE,
    MeetingCheck,
    Slot,
    check_branch_meetings,
    check_meetings,
    frequency_parameter,
    required_slots,
)

from .test_collective_economy import spy, supplied

BRANCH = BranchId("branch-yaoma")
LINGYUN = "CN/guangxi/baise/lingyun"
PARAMS = ParameterSet.default()
YEAR_2022 = Period.calendar_year(2022)
COMMITTEE = MeetingKind.BRANCH_COMMITTEE_MEETING
GENERAL = MeetingKind.BRANCH_GENERAL_MEETING
GROUP = MeetingKind.PARTY_GROUP_MEETING
LECTURE = MeetingKind.PARTY_LECTURE
THEMED_DAY = MeetingKind.THEMED_PARTY_DAY
NATIONAL_KINDS = (GENERAL, COMMITTEE, GROUP, THEMED_DAY)
"""The kinds with a national frequency: all but the Party lecture."""


def meeting(kind: MeetingKind, day: datetime.date, n: int = 0, branch: str = BRANCH) -> Meeting:
    return Meeting(
        id=MeetingId(f"{kind.value}-{day.isoformat()}-{n}"),
        branch_id=BranchId(branch),
        kind=kind,
        held_on=day,
    )


def monthly(kind: MeetingKind, months: Iterable[int], year: int = 2022) -> list[Meeting]:
    return [meeting(kind, datetime.date(year, m, 15)) for m in months]


def full_year_2022() -> list[Meeting]:
    """Every meeting 2022 required: monthly committee, group meetings and themed
    days, a general meeting and a Party lecture each quarter."""
    every_month = range(1, 13)
    quarters = (2, 5, 8, 11)
    return [
        *monthly(COMMITTEE, every_month),
        *monthly(GROUP, every_month),
        *monthly(THEMED_DAY, every_month),
        *monthly(GENERAL, quarters),
        *monthly(LECTURE, quarters),
    ]


def check(
    meetings: Iterable[Meeting],
    period: Period = YEAR_2022,
    params: ParameterSet = PARAMS,
    kinds: Sequence[MeetingKind] = NATIONAL_KINDS,
    *,
    allow_examples: bool = False,
) -> MeetingCheck:
    return check_meetings(
        meetings,
        branch_id=BRANCH,
        period=period,
        params=params,
        jurisdiction=LINGYUN,
        kinds=kinds,
        allow_examples=allow_examples,
    )


def labels(result: MeetingCheck) -> list[str]:
    return [m.label("en") for m in result.missing]


# -- the report ------------------------------------------------------------------


def test_strictly_implementing_three_meetings_one_lecture_and_themed_party_days() -> None:
    """ "严格落实'三会一课'、主题党日等党内组织生活制度": a branch that met as
    often as required in 2022 misses no slot (the Party lecture at the example
    frequency, once a quarter)."""
    result = check(full_year_2022(), kinds=ALL_KINDS, allow_examples=True)
    assert result.complete
    assert result.missing == ()
    assert [len(k.required) for k in result.kinds] == [4, 12, 12, 4, 12]
    text = result.explanation.to_text("en")
    assert "all 44 required meetings held" in text
    assert "meetings.party_lecture.every_months = 3" in text
    assert "EXAMPLE value" in text
    assert "“三会一课”、主题党日按期开展" in result.explanation.to_text("zh")


def test_the_report_cannot_be_checked_from_the_bundled_records() -> None:
    """The bundled dataset records no meeting: the claim is the report's, and
    every required slot of 2022 is missing from the records."""
    result = check_branch_meetings(
        load("lingyun-2022"),
        BRANCH,
        YEAR_2022,
        params=PARAMS,
        jurisdiction=LINGYUN,
        kinds=NATIONAL_KINDS,
    )
    assert not result.complete
    assert len(result.missing) == 4 + 12 + 12 + 12


def test_the_frequencies_of_the_branch_regulation() -> None:
    """《中国共产党支部工作条例(试行)》: general meeting quarterly, committee and
    group meetings monthly, a themed Party day each month."""
    on = datetime.date(2022, 12, 31)
    found = {k: PARAMS.lookup(frequency_parameter(k), LINGYUN, on) for k in NATIONAL_KINDS}
    assert {k: f.value for k, f in found.items()} == {
        GENERAL: 3,
        COMMITTEE: 1,
        GROUP: 1,
        THEMED_DAY: 1,
    }
    for f in found.values():
        assert f.jurisdiction.path == "CN"
        assert f.source.title == "中国共产党支部工作条例(试行)"
        assert f.source.date == datetime.date(2018, 10, 28)
        assert not f.example


# -- missing slots -----------------------------------------------------------------


def test_a_month_without_a_committee_meeting_is_missing() -> None:
    held = [*full_year_2022()]
    held = [m for m in held if not (m.kind is COMMITTEE and m.held_on.month == 3)]
    result = check(held, kinds=[COMMITTEE, GENERAL])
    assert labels(result) == ["branch committee meeting, 2022-03"]
    assert [m.label("zh") for m in result.missing] == ["支部委员会：2022年3月"]
    assert result.of(COMMITTEE).counts[2] == 0
    assert result.of(GENERAL).complete
    assert "missing in 1 of 12 required blocks: 2022-03" in result.explanation.to_text("en")


def test_a_quarter_without_a_general_meeting_is_missing() -> None:
    result = check(monthly(GENERAL, (1, 2, 3, 10)), kinds=[GENERAL])
    assert labels(result) == [
        "branch general meeting, 2022-04 to 2022-06",
        "branch general meeting, 2022-07 to 2022-09",
    ]
    assert result.of(GENERAL).counts == (3, 0, 0, 1)


def test_two_meetings_in_one_month_do_not_make_up_for_a_missing_month() -> None:
    held = [
        meeting(COMMITTEE, datetime.date(2022, 1, 5)),
        meeting(COMMITTEE, datetime.date(2022, 1, 25)),
    ]
    quarter = Period(start=pendulum.date(2022, 1, 1), end=pendulum.date(2022, 3, 31))
    assert labels(check(held, quarter, kinds=[COMMITTEE])) == [
        "branch committee meeting, 2022-02",
        "branch committee meeting, 2022-03",
    ]


# -- periods that start or end mid-month -----------------------------------------------


def test_only_whole_months_and_quarters_inside_the_period_are_required() -> None:
    period = Period(start=pendulum.date(2022, 1, 15), end=pendulum.date(2022, 6, 30))
    result = check(
        [meeting(COMMITTEE, datetime.date(2022, 1, 20))], period, kinds=[COMMITTEE, GENERAL]
    )
    committee = result.of(COMMITTEE)
    assert [s.label() for s in committee.required] == [
        "2022-02",
        "2022-03",
        "2022-04",
        "2022-05",
        "2022-06",
    ]
    assert sum(committee.counts) == 0
    assert [s.label() for s in result.of(GENERAL).required] == ["2022-04 to 2022-06"]


def test_a_period_without_a_whole_quarter_requires_no_general_meeting() -> None:
    period = Period(start=pendulum.date(2022, 2, 1), end=pendulum.date(2022, 4, 30))
    result = check([], period, kinds=[GENERAL])
    assert result.complete
    assert result.of(GENERAL).required == ()
    assert "nothing required" in result.explanation.to_text("en")


def test_meetings_outside_the_period_are_ignored() -> None:
    result = check(monthly(COMMITTEE, range(1, 13), year=2021), kinds=[COMMITTEE])
    assert len(result.missing) == 12


def test_the_report_period_since_2021_to_18_april_2023() -> None:
    """ "2021年以来" to the report's date: April 2023 is cut, so the months
    required are January 2021 to March 2023."""
    period = Period.since(2021, as_of=datetime.date(2023, 4, 18))
    slots = required_slots(period, 1)
    assert (slots[0].label(), slots[-1].label(), len(slots)) == ("2021-01", "2023-03", 27)


# -- refusals ------------------------------------------------------------------------


def test_the_party_lecture_has_no_national_frequency() -> None:
    """党课 "按期": no national number, so checking 三会一课 is refused until the
    caller supplies the local frequency or asks for the example value."""
    with pytest.raises(ParameterNotFoundError) as caught:
        check(full_year_2022(), kinds=THREE_MEETINGS_ONE_LECTURE)
    assert caught.value.name == "meetings.party_lecture.every_months"
    with pytest.raises(ParameterNotFoundError, match=re.escape("meetings.party_lecture")):
        check_meetings([], branch_id=BRANCH, period=YEAR_2022, params=PARAMS, jurisdiction=LINGYUN)


def test_a_local_lecture_rule_of_twice_a_year_supplied_as_half_years() -> None:
    params = supplied(PARAMS, "meetings.party_lecture.every_months", 6)
    result = check(monthly(LECTURE, (3,)), params=params, kinds=[LECTURE])
    assert labels(result) == ["Party lecture, 2022-07 to 2022-12"]
    (used,) = result.of(LECTURE).explanation.parameters
    assert (used.value, used.jurisdiction.path, used.example) == (6, "CN/guangxi", False)


def test_a_frequency_that_does_not_divide_a_year_is_refused() -> None:
    params = supplied(PARAMS, "meetings.party_lecture.every_months", 5)
    with pytest.raises(InvalidValueError) as caught:
        check([], params=params, kinds=[LECTURE])
    assert caught.value.path == "meetings.party_lecture.every_months"
    assert "divides a year: 1, 2, 3, 4, 6, 12" in str(caught.value)


def test_before_the_2018_regulation_no_frequency_is_in_force() -> None:
    with pytest.raises(ParameterNotFoundError, match="2017-12-31"):
        check([], Period.calendar_year(2017), kinds=[COMMITTEE])


def test_a_meeting_of_another_branch_is_refused() -> None:
    held = [
        meeting(COMMITTEE, datetime.date(2022, 1, 5)),
        meeting(COMMITTEE, datetime.date(2022, 2, 5), branch="other"),
    ]
    with pytest.raises(InvalidValueError) as caught:
        check(held, kinds=[COMMITTEE])
    assert caught.value.path == "meetings[1].branch_id"
    assert "checking branch 'branch-yaoma'" in str(caught.value)


def test_the_kinds_must_be_named_once_each() -> None:
    with pytest.raises(InvalidValueError, match=r"^kinds\[1\]: listed twice"):
        check([], kinds=[COMMITTEE, COMMITTEE])
    with pytest.raises(InvalidValueError, match="at least one kind"):
        check([], kinds=[])


def test_the_explanation_json_lists_one_part_per_kind_with_its_parameter() -> None:
    data = check(full_year_2022()).explanation.to_json()
    assert [part["parameters"][0]["name"] for part in data["parts"]] == [
        frequency_parameter(k) for k in NATIONAL_KINDS
    ]
    assert all(c["holds"] for part in data["parts"] for c in part["comparisons"])


# -- properties --------------------------------------------------------------------------

days = st.dates(min_value=datetime.date(2019, 1, 1), max_value=datetime.date(2024, 12, 31))
kinds = st.sampled_from(ALL_KINDS)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start, end = sorted((draw(days), draw(days)))
    return Period(start=start, end=end)


@st.composite
def meeting_lists(draw: st.DrawFn) -> list[Meeting]:
    held = draw(st.lists(st.tuples(kinds, days), max_size=60))
    return [meeting(kind, day, i) for i, (kind, day) in enumerate(held)]


def oracle_missing(
    meetings: Sequence[Meeting], period: Period, kind: MeetingKind, every: int
) -> list[Slot]:
    """The required blocks without a meeting, computed year by year."""
    found: list[Slot] = []
    for year in range(period.start.year, period.end.year + 1):
        for first in range(1, 13, every):
            last = first + every - 1
            start = pendulum.date(year, first, 1)
            end = pendulum.date(year, last, calendar.monthrange(year, last)[1])
            if start < period.start or end > period.end:
                continue
            if not any(m.kind is kind and start <= m.held_on <= end for m in meetings):
                found.append(Slot(start=start, end=end))
    return found


@given(held=meeting_lists(), period=periods())
def test_missing_slots_are_exactly_the_required_slots_without_a_meeting(
    held: list[Meeting], period: Period
) -> None:
    result = check(held, period, kinds=ALL_KINDS, allow_examples=True)
    for kind_check in result.kinds:
        assert list(kind_check.missing) == oracle_missing(
            held, period, kind_check.kind, kind_check.every_months
        )
        for slot in kind_check.required:
            assert period.start <= slot.start <= slot.end <= period.end


@given(held=meeting_lists(), period=periods(), kind=kinds, day=days)
def test_adding_a_meeting_never_adds_a_missing_slot(
    held: list[Meeting], period: Period, kind: MeetingKind, day: datetime.date
) -> None:
    before = check(held, period, kinds=ALL_KINDS, allow_examples=True)
    after = check(
        [*held, meeting(kind, day, len(held))], period, kinds=ALL_KINDS, allow_examples=True
    )
    assert set(after.missing) <= set(before.missing)
    assert len(before.missing) - len(after.missing) in (0, 1)


@given(period=periods(), every=st.sampled_from((1, 2, 3, 4, 6, 12)))
def test_required_slots_are_whole_aligned_blocks_in_order(period: Period, every: int) -> None:
    slots = required_slots(period, every)
    for slot in slots:
        assert slot.start.day == 1
        assert (slot.start.month - 1) % every == 0
        assert slot.end == slot.start.add(months=every).subtract(days=1)
    for earlier, later in itertools.pairwise(slots):
        assert later.start == earlier.end.add(days=1)


@given(held=meeting_lists(), period=periods(), chosen=st.lists(kinds, min_size=1, unique=True))
def test_the_explanation_names_every_parameter_the_rule_read(
    held: list[Meeting], period: Period, chosen: list[MeetingKind]
) -> None:
    params = spy(PARAMS)
    result = check(held, period, params, chosen, allow_examples=True)
    assert result.explanation.parameter_names() == set(params.read)
    assert len(params.read) == len(chosen)
