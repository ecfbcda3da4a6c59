"""三会一课 and themed Party days: did a branch hold the meetings it had to?

《中国共产党支部工作条例(试行)》 (CPC Central Committee, 2018) sets how often a
branch meets: the branch general meeting (支部党员大会) "一般每季度召开1次", the
branch committee meeting (支部委员会会议) and the Party group meeting (党小组会)
"一般每月召开1次"; members attend Party lectures (党课) "按期", at set times
with no national number; and a branch holds a themed Party day (主题党日) on
one relatively fixed day each month. The source report: "严格落实'三会一课'、
主题党日等党内组织生活制度".

Each frequency is a parameter, ``meetings.<kind>.every_months``: at least one
meeting of the kind in every block of that many calendar months, the blocks
aligned to 1 January (1: every month; 3: every quarter, January to March and
so on; 6: every half-year; 12: every year). The Party lecture has no national
value: only an EXAMPLE value (quarterly) is shipped, used when the caller
asks for examples, so a check that includes the Party lecture is refused
(:class:`~villagemodel.parameters.ParameterNotFoundError`) until the caller
supplies the local value or asks for examples.

**Periods that start or end mid-month.** Only the blocks that lie wholly
inside the period are required. A period from 15 January to 30 June 2022
requires monthly meetings for February to June (January is cut) and the
quarterly general meeting for the second quarter only (the first is cut). A
meeting in a cut block is not counted anywhere, and a period holding no whole
block of a kind requires nothing of that kind. The frequencies in force on
the last day of the period apply to the whole period.

What is not checked: that the themed Party day falls on the same day each
month; that every Party group of a branch met (a meeting record does not say
which group met: one Party group meeting a month for the branch is enough);
attendance.

>>> import pendulum
>>> from villagemodel import Meeting, MeetingKind, Period
>>> from villagemodel.ids import BranchId, MeetingId
>>> from villagemodel.parameters import ParameterSet
>>> q1 = Period(start=pendulum.date(2022, 1, 1), end=pendulum.date(2022, 3, 31))
>>> held = [Meeting(id=MeetingId(f"c{m}"), branch_id=BranchId("b"), kind=MeetingKind.BRANCH_COMMITTEE_MEETING,
...                 held_on=pendulum.date(2022, m, 10)) for m in (1, 3)]
>>> check = check_meetings(held, branch_id=BranchId("b"), period=q1, params=ParameterSet.default(),
...                        jurisdiction="CN/guangxi", kinds=[MeetingKind.BRANCH_COMMITTEE_MEETING])
>>> [m.label("en") for m in check.missing]
['branch committee meeting, 2022-02']
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Iterable, Sequence
from typing import Final

import attrs
import pendulum
from pendulum.constants import MONTHS_PER_YEAR

from villagemodel.activities import Meeting, MeetingKind
from villagemodel.dataset import Dataset
from villagemodel.errors import InvalidValueError
from villagemodel.explain import Comparison, Explanation, Fact, Lang, Operator
from villagemodel.ids import BranchId
from villagemodel.parameters import Jurisdiction, ParameterSet, ResolvedParameter
from villagemodel.periods import Period

__all__ = [
    "ALL_KINDS",
    "THREE_MEETINGS_ONE_LECTURE",
    "KindCheck",
    "MeetingCheck",
    "MissingMeeting",
    "Slot",
    "check_branch_meetings",
    "check_meetings",
    "count_in_slots",
    "describe_every",
    "frequency_parameter",
    "months_of",
    "required_slots",
    "slot_comparisons",
]

ALL_KINDS: Final = tuple(MeetingKind)
"""三会一课 and the themed Party day: every kind of branch meeting."""

THREE_MEETINGS_ONE_LECTURE: Final = tuple(k for k in MeetingKind if k.is_three_meetings_one_lecture)
"""The four kinds of 三会一课, without the themed Party day."""

_DIVISORS: Final = tuple(n for n in range(1, MONTHS_PER_YEAR + 1) if MONTHS_PER_YEAR % n == 0)


def frequency_parameter(kind: MeetingKind) -> str:
    """The name of the parameter that holds how often ``kind`` is due.

    >>> frequency_parameter(MeetingKind.BRANCH_GENERAL_MEETING)
    'meetings.branch_general_meeting.every_months'
    """
    return f"meetings.{kind.value}.every_months"


def _month_index(day: datetime.date) -> int:
    return day.year * MONTHS_PER_YEAR + day.month - 1


def _month_start(index: int) -> pendulum.Date:
    year, month = divmod(index, MONTHS_PER_YEAR)
    return pendulum.date(year, month + 1, 1)


def _zh_month(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月"


def describe_every(months: int, lang: Lang = "en") -> str:
    """A frequency in words.

    >>> describe_every(1), describe_every(3), describe_every(3, "zh")
    ('every calendar month', 'every block of 3 calendar months', '每3个自然月')
    """
    if lang == "zh":
        return "每个自然月" if months == 1 else f"每{months}个自然月"
    return "every calendar month" if months == 1 else f"every block of {months} calendar months"


@attrs.frozen(kw_only=True)
class Slot:
    """A block of whole calendar months, ``start`` (the first day of its first
    month) to ``end`` (the last day of its last month)."""

    start: pendulum.Date
    end: pendulum.Date

    def contains(self, day: datetime.date) -> bool:
        """Whether ``day`` falls in the block."""
        return self.start <= day <= self.end

    def label(self, lang: Lang = "en") -> str:
        """The block as ``2022-03`` or ``2022-01 to 2022-03`` (``2022年1月至3月``).

        >>> Slot(start=pendulum.date(2022, 1, 1), end=pendulum.date(2022, 3, 31)).label("zh")
        '2022年1月至3月'
        """
        same_month = (self.start.year, self.start.month) == (self.end.year, self.end.month)
        if lang == "zh":
            if same_month:
                return _zh_month(self.start)
            if self.start.year == self.end.year:
                return f"{_zh_month(self.start)}至{self.end.month}月"
            return f"{_zh_month(self.start)}至{_zh_month(self.end)}"
        first = self.start.format("YYYY-MM")
        return first if same_month else f"{first} to {self.end.format('YYYY-MM')}"


def months_of(found: ResolvedParameter) -> int:
    """The block length of a frequency parameter, checked: a whole number of
    months that divides a year."""
    value = found.value
    if isinstance(value, bool) or not isinstance(value, int) or value not in _DIVISORS:
        accepted = ", ".join(str(n) for n in _DIVISORS)
        raise InvalidValueError(
            found.name,
            value,
            f"expected a number of calendar months that divides a year: {accepted}",
        )
    return value


def required_slots(period: Period, every_months: int) -> tuple[Slot, ...]:
    """The blocks of ``every_months`` calendar months, aligned to 1 January,
    that lie wholly inside ``period``, in order.

    >>> mid = Period(start=pendulum.date(2022, 1, 15), end=pendulum.date(2022, 6, 30))
    >>> [s.label() for s in required_slots(mid, 3)]
    ['2022-04 to 2022-06']
    """
    if isinstance(every_months, bool) or every_months not in _DIVISORS:
        raise InvalidValueError(
            "every_months", every_months, "expected a number of calendar months that divides a year"
        )
    first = _month_index(period.start) // every_months
    last = _month_index(period.end) // every_months
    slots: list[Slot] = []
    for block in range(first, last + 1):
        start = _month_start(block * every_months)
        end = _month_start(block * every_months + every_months - 1).end_of("month")
        if period.start <= start and end <= period.end:
            slots.append(Slot(start=start, end=end))
    return tuple(slots)


def count_in_slots(days: Iterable[datetime.date], slots: Sequence[Slot]) -> tuple[int, ...]:
    """How many of ``days`` fall in each of ``slots``."""
    ordered = sorted(days)
    return tuple(
        bisect.bisect_right(ordered, slot.end) - bisect.bisect_left(ordered, slot.start)
        for slot in slots
    )


@attrs.frozen(kw_only=True)
class MissingMeeting:
    """A required block in which no meeting of ``kind`` was held."""

    kind: MeetingKind
    slot: Slot

    def label(self, lang: Lang = "en") -> str:
        kind = self.kind.zh if lang == "zh" else self.kind.en
        return (
            f"{kind}, {self.slot.label(lang)}"
            if lang == "en"
            else f"{kind}：{self.slot.label(lang)}"
        )


@attrs.frozen(kw_only=True)
class KindCheck:
    """The check of one kind of meeting: the blocks required, how many
    meetings each held, and the blocks with none."""

    kind: MeetingKind
    every_months: int
    frequency: ResolvedParameter
    required: tuple[Slot, ...]
    counts: tuple[int, ...]
    explanation: Explanation

    @property
    def missing(self) -> tuple[Slot, ...]:
        """The required blocks without a meeting of the kind, in order."""
        return tuple(slot for slot, n in zip(self.required, self.counts, strict=True) if not n)

    @property
    def complete(self) -> bool:
        return not self.missing


@attrs.frozen(kw_only=True)
class MeetingCheck:
    """Whether a branch held every meeting required in a period."""

    branch_id: BranchId
    period: Period
    kinds: tuple[KindCheck, ...]
    explanation: Explanation

    @property
    def missing(self) -> tuple[MissingMeeting, ...]:
        """Every required block without a meeting, by kind in the order
        checked, then by date."""
        return tuple(
            MissingMeeting(kind=check.kind, slot=slot)
            for check in self.kinds
            for slot in check.missing
        )

    @property
    def complete(self) -> bool:
        """Whether every required meeting was held."""
        return all(check.complete for check in self.kinds)

    def of(self, kind: MeetingKind) -> KindCheck:
        """The check of one kind."""
        for check in self.kinds:
            if check.kind is kind:
                return check
        raise InvalidValueError("kind", kind, "was not checked")


def _kinds(kinds: Iterable[MeetingKind]) -> tuple[MeetingKind, ...]:
    chosen = tuple(kinds)
    for i, kind in enumerate(chosen):
        if not isinstance(kind, MeetingKind):
            raise InvalidValueError(f"kinds[{i}]", kind, "expected a MeetingKind")
        if kind in chosen[:i]:
            raise InvalidValueError(f"kinds[{i}]", kind.value, "listed twice")
    if not chosen:
        raise InvalidValueError("kinds", chosen, "name at least one kind of meeting to check")
    return chosen


def _check_kind(
    kind: MeetingKind, found: ResolvedParameter, period: Period, meetings: Sequence[Meeting]
) -> KindCheck:
    every = months_of(found)
    slots = required_slots(period, every)
    days = [m.held_on for m in meetings if m.kind is kind]
    counts = count_in_slots(days, slots)
    missing = [slot for slot, n in zip(slots, counts, strict=True) if not n]
    if not slots:
        outcome_en, outcome_zh = "nothing required", "无要求"
        branch_en = (
            f"due {describe_every(every, 'en')}, and no such block lies wholly inside the period"
        )
        branch_zh = f"要求{describe_every(every, 'zh')}至少一次，期间内没有完整的周期"
    else:
        branch_en = f"at least one meeting in {describe_every(every, 'en')} that lies wholly inside the period"
        branch_zh = f"期间内{describe_every(every, 'zh')}（完整周期）至少召开一次"
        if missing:
            outcome_en = f"missing in {len(missing)} of {len(slots)} required blocks: " + ", ".join(
                s.label("en") for s in missing
            )
            outcome_zh = f"{len(slots)}个应开周期中缺{len(missing)}个：" + "、".join(
                s.label("zh") for s in missing
            )
        else:
            outcome_en = f"held in {len(slots)} of {len(slots)} required blocks"
            outcome_zh = f"{len(slots)}个应开周期均已召开"
    explanation = Explanation(
        rule="meetings.kind_held",
        title_en=f"{kind.en[:1].upper()}{kind.en[1:]} held as often as required",
        title_zh=f"{kind.zh}按期召开",
        outcome_en=outcome_en,
        outcome_zh=outcome_zh,
        branch_en=branch_en,
        branch_zh=branch_zh,
        inputs=(
            Fact(
                label_en="meetings of this kind in the period",
                label_zh="期间内该类会议次数",
                value=len(days),
            ),
            Fact(
                label_en="of them in required blocks",
                label_zh="其中在应开周期内",
                value=sum(counts),
            ),
        ),
        parameters=(found,),
        comparisons=slot_comparisons(slots, counts, "meetings held", "召开次数"),
    )
    return KindCheck(
        kind=kind,
        every_months=every,
        frequency=found,
        required=slots,
        counts=counts,
        explanation=explanation,
    )


def slot_comparisons(
    slots: Sequence[Slot], counts: Sequence[int], what_en: str, what_zh: str
) -> tuple[Comparison, ...]:
    """One comparison per required block: at least one event of the kind in it."""
    return tuple(
        Comparison.of(
            f"{what_en}, {slot.label('en')}", f"{slot.label('zh')}{what_zh}", n, Operator.GE, 1
        )
        for slot, n in zip(slots, counts, strict=True)
    )


def check_meetings(
    meetings: Iterable[Meeting],
    *,
    branch_id: BranchId,
    period: Period,
    params: ParameterSet,
    jurisdiction: str | Jurisdiction,
    kinds: Iterable[MeetingKind] = ALL_KINDS,
    allow_examples: bool = False,
) -> MeetingCheck:
    """Whether the branch ``branch_id`` held the meetings of ``kinds`` that
    were due in ``period``, and which are missing.

    ``meetings`` are the branch's meetings; meetings outside the period are
    ignored, a meeting of another branch is refused. The frequency of each
    kind is looked up for ``jurisdiction`` on the last day of the period;
    by default all five kinds are checked, so the Party lecture needs a
    caller-supplied frequency or ``allow_examples=True``.
    """
    if not isinstance(period, Period):
        raise InvalidValueError("period", period, "expected a Period")
    listed = tuple(meetings)
    for i, meeting in enumerate(listed):
        if not isinstance(meeting, Meeting):
            raise InvalidValueError(f"meetings[{i}]", meeting, "expected a Meeting")
        if meeting.branch_id != branch_id:
            raise InvalidValueError(
                f"meetings[{i}].branch_id",
                meeting.branch_id,
                f"a meeting of another branch; checking branch {branch_id!r}",
            )
    chosen = _kinds(kinds)
    found = tuple(
        params.lookup(
            frequency_parameter(kind), jurisdiction, period.end, allow_examples=allow_examples
        )
        for kind in chosen
    )
    in_period = tuple(m for m in listed if m.held_on in period)
    checks = tuple(
        _check_kind(kind, f, period, in_period) for kind, f in zip(chosen, found, strict=True)
    )
    missing = sum(len(check.missing) for check in checks)
    required = sum(len(check.required) for check in checks)
    if missing:
        outcome_en = f"{missing} of {required} required meetings missing"
        outcome_zh = f"{required}次应开会议中缺{missing}次"
    else:
        outcome_en = f"all {required} required meetings held"
        outcome_zh = f"{required}次应开会议均已召开"
    explanation = Explanation(
        rule="meetings.check",
        title_en="Branch meetings held as required (三会一课, themed Party days)",
        title_zh="“三会一课”、主题党日按期开展",
        outcome_en=outcome_en,
        outcome_zh=outcome_zh,
        branch_en="each kind needs a meeting in every block of its frequency that lies wholly inside the period",
        branch_zh="每类会议在期间内每个完整周期至少召开一次",
        inputs=(
            Fact(label_en="branch", label_zh="党支部", value=branch_id),
            Fact(label_en="period", label_zh="期间", value=str(period)),
            Fact(label_en="kinds checked", label_zh="检查的会议类别", value=chosen),
        ),
        parts=tuple(check.explanation for check in checks),
    )
    return MeetingCheck(branch_id=branch_id, period=period, kinds=checks, explanation=explanation)


def check_branch_meetings(
    dataset: Dataset,
    branch_id: BranchId,
    period: Period,
    *,
    params: ParameterSet,
    jurisdiction: str | Jurisdiction,
    kinds: Iterable[MeetingKind] = ALL_KINDS,
    allow_examples: bool = False,
) -> MeetingCheck:
    """:func:`check_meetings` for a branch of ``dataset``, with its recorded meetings."""
    return check_meetings(
        dataset.meetings_of(branch_id),
        branch_id=branch_id,
        period=period,
        params=params,
        jurisdiction=jurisdiction,
        kinds=kinds,
        allow_examples=allow_examples,
    )
