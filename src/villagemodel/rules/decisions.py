"""四议两公开: the village decision procedure, as a typed state machine; and the
disclosure periods of 三务公开.

A village decides its major matters in six steps, in this order:

1. 村党组织提议: the village Party organisation proposes;
2. 村“两委”会议商议: the two committees (branch committee and villagers'
   committee) discuss;
3. 党员大会审议: the Party members' meeting deliberates; at least two thirds
   of the members must be present, and the proposal passes with more than
   half of the members due to attend;
4. 村民会议或村民代表会议决议: the villagers' meeting or the villagers'
   representatives' meeting resolves;
5. 决议公开: the resolution is made public;
6. 实施结果公开: the result of implementation is made public.

Where one person is both branch secretary and head of the villagers'
committee (:attr:`~villagemodel.party.PartyBranch.secretary_is_committee_head`),
steps 1 and 2 may merge. The source report: "严格落实'四议两公开'等民主管理制度".

A :class:`DecisionRecord` holds the steps taken. Each advance returns a new
record whose :attr:`~DecisionRecord.explanation` shows the checks made; a
step out of order, dated before the previous step, a resolution after a
failed deliberation, or a merge the branch may not make is refused with a
:class:`DecisionProcedureError` subclass naming the step expected and the
step given. The steps of a record cannot be given from outside: a record
starts empty, and one is rebuilt from stored steps (:class:`StoredStep`)
with :meth:`DecisionRecord.replay`, which takes them through the same
checks. The quorum and the majority are parameters (kind ``fraction``).
A failed deliberation leaves the record waiting for a new deliberation
(step 3 again, on a later or the same day); it never reaches step 4.

The counts of a deliberation are of members with a vote: probationary
members (预备党员) have none. ``members_due`` (应到会) leaves out members
excused from attending; by default every member is due.

>>> import datetime
>>> from villagemodel import PartyBranch, PersonCount
>>> from villagemodel.ids import BranchId, VillageId
>>> from villagemodel.parameters import ParameterSet
>>> branch = PartyBranch(id=BranchId("b"), village_id=VillageId("v"), name="示例村党支部")
>>> record = DecisionRecord(subject="修建产业路", branch=branch, jurisdiction="CN/guangxi")
>>> record = record.propose(datetime.date(2022, 3, 1)).consult(datetime.date(2022, 3, 3))
>>> record.resolve(datetime.date(2022, 3, 5))
Traceback (most recent call last):
...
villagemodel.rules.decisions.StepOutOfOrderError: '修建产业路': steps go in order; expected step 3 (党员大会审议), given step 4 (村民会议或村民代表会议决议)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, Final

import attrs
import pendulum

from villagemodel import _fields as f
from villagemodel.errors import InvalidValueError, VillageModelError
from villagemodel.explain import Comparison, Explanation, Fact, Lang, Operator
from villagemodel.labels import LabelledEnum
from villagemodel.parameters import Jurisdiction, ParameterSet, ResolvedParameter
from villagemodel.party import PartyBranch
from villagemodel.periods import Period, as_date
from villagemodel.quantities import PersonCount
from villagemodel.rules.meetings import (
    Slot,
    count_in_slots,
    describe_every,
    months_of,
    required_slots,
    slot_comparisons,
)

__all__ = [
    "MAJORITY",
    "QUORUM",
    "DecisionProcedureError",
    "DecisionRecord",
    "DecisionStep",
    "DeliberationFailedError",
    "DisclosedMatters",
    "DisclosureCheck",
    "MergeNotAllowedError",
    "StepDateError",
    "StepOutOfOrderError",
    "StepRecord",
    "StoredStep",
    "Vote",
    "check_disclosures",
]

QUORUM: Final = "decisions.members_meeting.quorum"
"""The parameter holding the least share of members present at step 3."""

MAJORITY: Final = "decisions.members_meeting.majority"
"""The parameter holding the share of members due that the votes in favour must exceed."""


class DecisionStep(LabelledEnum):
    """The six steps of 四议两公开, in order."""

    PROPOSAL = ("proposal", "村党组织提议", "the village Party organisation proposes")
    CONSULTATION = ("consultation", "村“两委”会议商议", "the two committees discuss")
    DELIBERATION = ("deliberation", "党员大会审议", "the Party members' meeting deliberates")
    RESOLUTION = (
        "resolution",
        "村民会议或村民代表会议决议",
        "the villagers' (representatives') meeting resolves",
    )
    RESOLUTION_DISCLOSURE = ("resolution_disclosure", "决议公开", "the resolution is made public")
    RESULT_DISCLOSURE = (
        "result_disclosure",
        "实施结果公开",
        "the result of implementation is made public",
    )

    @property
    def number(self) -> int:
        """The step's place in the procedure, from 1 to 6."""
        return _ORDER.index(self) + 1

    def describe(self, lang: Lang = "zh") -> str:
        """``step 3 (党员大会审议)``, or the English gloss with ``lang="en"``.

        >>> DecisionStep.DELIBERATION.describe("en")
        "step 3 (the Party members' meeting deliberates)"
        """
        return f"step {self.number} ({self.zh if lang == 'zh' else self.en})"


_ORDER: Final = tuple(DecisionStep)
_MERGEABLE: Final = (_ORDER[0], _ORDER[1])
"""Steps 1 and 2, which may merge."""


def _given(step: DecisionStep, merged: bool) -> str:
    if merged:
        first, second = _ORDER[0], _ORDER[1]
        return f"steps {first.number} and {second.number} merged ({first.zh} + {second.zh})"
    return step.describe()


class DecisionProcedureError(VillageModelError):
    """A step of 四议两公开 was refused.

    ``expected`` is the step the procedure allows next (``None`` when it is
    complete), ``given`` the step that was tried and ``merged`` whether it
    was tried as steps 1 and 2 merged; ``reason`` says what is wrong. A
    date error also gives ``not_before``, the date of the step before, and
    ``given_on``, the date given.
    """

    def __init__(
        self,
        subject: str,
        reason: str,
        *,
        expected: DecisionStep | None,
        given: DecisionStep,
        merged: bool = False,
        not_before: datetime.date | None = None,
        given_on: datetime.date | None = None,
    ) -> None:
        self.subject = subject
        self.reason = reason
        self.expected = expected
        self.given = given
        self.merged = merged
        self.not_before = not_before
        self.given_on = given_on
        wanted = expected.describe() if expected is not None else "no further step"
        if not_before is not None:
            wanted += f" on or after {not_before.isoformat()}"
        tried = _given(given, merged)
        if given_on is not None:
            tried += f" on {given_on.isoformat()}"
        super().__init__(f"{subject!r}: {reason}; expected {wanted}, given {tried}")


class StepOutOfOrderError(DecisionProcedureError):
    """A step was tried out of order, or after the procedure was complete."""


class StepDateError(DecisionProcedureError):
    """A step is dated before the step before it."""


class DeliberationFailedError(DecisionProcedureError):
    """A resolution (step 4) was tried after a deliberation (step 3) that did not pass."""


class MergeNotAllowedError(DecisionProcedureError):
    """Steps 1 and 2 were merged in a village where one person is not known
    to be both branch secretary and committee head."""


def _positive(instance: object, attribute: attrs.Attribute[Any], value: PersonCount) -> None:
    if not value.value:
        raise InvalidValueError(f.path_of(instance, attribute), value, "must be at least one")


@attrs.frozen(kw_only=True)
class Vote:
    """The count at a Party members' meeting (step 3).

    ``members`` are the branch's members with a vote, ``members_due`` those
    of them due to attend (``None``: all of them), ``present`` those present
    and ``in_favour`` those who voted for the proposal.
    """

    members: PersonCount = attrs.field(validator=[f.instance_of(PersonCount), _positive])
    present: PersonCount = attrs.field(validator=f.instance_of(PersonCount))
    in_favour: PersonCount = attrs.field(validator=f.instance_of(PersonCount))
    members_due: PersonCount | None = attrs.field(
        default=None, validator=f.instance_of(PersonCount, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.present > self.members:
            raise InvalidValueError(
                "Vote.present", self.present, f"more than the {self.members.value} members"
            )
        if self.in_favour > self.present:
            raise InvalidValueError(
                "Vote.in_favour", self.in_favour, f"more than the {self.present.value} present"
            )
        if self.members_due is not None:
            if self.members_due > self.members:
                raise InvalidValueError(
                    "Vote.members_due",
                    self.members_due,
                    f"more than the {self.members.value} members",
                )
            if not self.members_due.value:
                raise InvalidValueError(
                    "Vote.members_due", self.members_due, "must be at least one"
                )

    @property
    def due(self) -> PersonCount:
        """The members due to attend: ``members_due``, or every member."""
        return self.members if self.members_due is None else self.members_due


@attrs.frozen(kw_only=True)
class StoredStep:
    """A step as a register keeps it: which step, on which day, the vote
    count of a deliberation, and whether it was taken as steps 1 and 2
    merged (then both steps are stored, merged, on the same day).

    What the checks found (whether a deliberation passed, the explanation)
    is not stored: :meth:`DecisionRecord.replay` works it out again.
    """

    step: DecisionStep = attrs.field(validator=f.member_of(DecisionStep))
    on: datetime.date = attrs.field(validator=f.date)
    vote: Vote | None = attrs.field(default=None, validator=f.instance_of(Vote, optional=True))
    merged: bool = attrs.field(default=False, validator=f.instance_of(bool))

    def __attrs_post_init__(self) -> None:
        deliberation = self.step is DecisionStep.DELIBERATION
        if deliberation and self.vote is None:
            raise InvalidValueError(
                "StoredStep.vote", self.vote, f"{self.step.describe()} needs the vote count"
            )
        if not deliberation and self.vote is not None:
            raise InvalidValueError(
                "StoredStep.vote", self.vote, f"only step 3 has a vote, not {self.step.describe()}"
            )
        if self.merged and self.step not in _MERGEABLE:
            raise InvalidValueError(
                "StoredStep.merged",
                self.merged,
                f"only steps 1 and 2 merge, not {self.step.describe()}",
            )


@attrs.frozen(kw_only=True)
class StepRecord:
    """One step taken, with its date and the explanation of its checks.

    ``passed`` is ``False`` only for a deliberation that did not pass;
    ``merged`` marks steps 1 and 2 taken together. Step records are made by
    :class:`DecisionRecord` only; :attr:`stored` is what to keep of one.
    """

    step: DecisionStep
    on: pendulum.Date
    explanation: Explanation
    passed: bool = True
    merged: bool = False
    vote: Vote | None = None

    @property
    def stored(self) -> StoredStep:
        """The step as a register keeps it, for :meth:`DecisionRecord.replay`."""
        return StoredStep(step=self.step, on=self.on, vote=self.vote, merged=self.merged)


def _fraction_of(found: ResolvedParameter) -> Fraction:
    value = found.value
    if not isinstance(value, Fraction) or not 0 < value <= 1:
        raise InvalidValueError(found.name, value, "expected a fraction above 0 and at most 1")
    return value


def _to_jurisdiction(value: str | Jurisdiction) -> Jurisdiction:
    return Jurisdiction.parse(value)


@attrs.frozen(kw_only=True)
class DecisionRecord:
    """A village decision under 四议两公开 and the steps taken so far.

    ``jurisdiction`` is the village's (``CN/guangxi/baise/lingyun``): the
    quorum and majority in force there on the day of the deliberation apply.
    Records are immutable: each step returns a new record.

    ``steps`` is not a constructor argument: a new record has taken no step,
    and only the step methods add one, so a record never holds steps the
    procedure would refuse. To rebuild a record from stored steps, use
    :meth:`replay`. (``attrs.evolve`` of a record gives a record with no
    steps.)
    """

    subject: str = attrs.field(validator=f.text)
    branch: PartyBranch = attrs.field(validator=f.instance_of(PartyBranch))
    jurisdiction: Jurisdiction = attrs.field(converter=_to_jurisdiction)
    steps: tuple[StepRecord, ...] = attrs.field(init=False, default=())

    @classmethod
    def replay(
        cls,
        steps: Iterable[StoredStep],
        *,
        subject: str,
        branch: PartyBranch,
        jurisdiction: str | Jurisdiction,
        params: ParameterSet | None = None,
    ) -> DecisionRecord:
        """The record of ``subject`` with the stored ``steps`` taken again, in
        the order given, each through the same checks as a step taken now.

        A deliberation is judged again from its vote count with the quorum
        and majority of ``params`` (needed when a step 3 is stored). Steps 1
        and 2 merged are stored as a merged step 1 followed by a merged step
        2 of the same day. The first step the procedure refuses raises its
        :class:`DecisionProcedureError`. ``DecisionRecord.replay([s.stored for
        s in record.steps], ...)`` with the record's subject, branch,
        jurisdiction and parameters gives the record back.
        """
        stored = tuple(steps)
        for i, item in enumerate(stored):
            if not isinstance(item, StoredStep):
                raise InvalidValueError(f"steps[{i}]", item, "expected a StoredStep")
        record = cls(subject=subject, branch=branch, jurisdiction=jurisdiction)
        first, second = _MERGEABLE
        pending = iter(stored)
        for item in pending:
            if not item.merged:
                record = record.advance(item.step, item.on, vote=item.vote, params=params)
            elif item.step is not first:
                raise StepOutOfOrderError(
                    record.subject,
                    "a merged step 2 must come right after a merged step 1 of the same day",
                    expected=record.expected,
                    given=item.step,
                    merged=True,
                )
            else:
                record = record.propose_and_consult(item.on)
                partner = next(pending, None)
                if partner is None or not (
                    partner.step is second and partner.merged and partner.on == item.on
                ):
                    raise StepOutOfOrderError(
                        record.subject,
                        "a merged step 1 must be followed by a merged step 2 of the same day, "
                        f"{item.on.isoformat()}",
                        expected=second,
                        given=first if partner is None else partner.step,
                        merged=True if partner is None else partner.merged,
                        given_on=None if partner is None else partner.on,
                    )
        return record

    def _with(self, *taken: StepRecord) -> DecisionRecord:
        """This record with ``taken`` added: the only place steps are added."""
        new = DecisionRecord(
            subject=self.subject, branch=self.branch, jurisdiction=self.jurisdiction
        )
        object.__setattr__(new, "steps", (*self.steps, *taken))
        return new

    # -- state ----------------------------------------------------------------
    @property
    def last(self) -> StepRecord | None:
        """The latest step taken, or ``None`` before the first."""
        return self.steps[-1] if self.steps else None

    @property
    def expected(self) -> DecisionStep | None:
        """The step the procedure allows next; ``None`` once it is complete.

        After a deliberation that did not pass, only a new deliberation.
        """
        last = self.last
        if last is None:
            return _ORDER[0]
        if last.step is DecisionStep.DELIBERATION and not last.passed:
            return DecisionStep.DELIBERATION
        index = last.step.number
        return _ORDER[index] if index < len(_ORDER) else None

    @property
    def complete(self) -> bool:
        """Whether all six steps were taken."""
        return self.expected is None

    @property
    def explanation(self) -> Explanation:
        """The explanation of the latest step (or of the empty record)."""
        last = self.last
        if last is not None:
            return last.explanation
        return Explanation(
            rule="decisions.four_deliberations",
            title_en=f"四议两公开: {self.subject}",
            title_zh=f"四议两公开：{self.subject}",
            outcome_en="no step taken yet",
            outcome_zh="尚未开始",
            branch_en=f"the procedure starts with {_ORDER[0].describe('en')}",
            branch_zh=f"程序从第{_ORDER[0].number}步（{_ORDER[0].zh}）开始",
        )

    # -- steps ----------------------------------------------------------------
    def propose(self, on: datetime.date) -> DecisionRecord:
        """Step 1: 村党组织提议."""
        return self.advance(DecisionStep.PROPOSAL, on)

    def consult(self, on: datetime.date) -> DecisionRecord:
        """Step 2: 村“两委”会议商议."""
        return self.advance(DecisionStep.CONSULTATION, on)

    def deliberate(self, on: datetime.date, vote: Vote, *, params: ParameterSet) -> DecisionRecord:
        """Step 3: 党员大会审议, with the vote count; the step is recorded
        whether or not the proposal passes."""
        return self.advance(DecisionStep.DELIBERATION, on, vote=vote, params=params)

    def resolve(self, on: datetime.date) -> DecisionRecord:
        """Step 4: 村民会议或村民代表会议决议."""
        return self.advance(DecisionStep.RESOLUTION, on)

    def disclose_resolution(self, on: datetime.date) -> DecisionRecord:
        """Step 5: 决议公开."""
        return self.advance(DecisionStep.RESOLUTION_DISCLOSURE, on)

    def disclose_result(self, on: datetime.date) -> DecisionRecord:
        """Step 6: 实施结果公开."""
        return self.advance(DecisionStep.RESULT_DISCLOSURE, on)

    def propose_and_consult(self, on: datetime.date) -> DecisionRecord:
        """Steps 1 and 2 merged, allowed only at the start and only where
        the branch secretary is also the villagers' committee head."""
        first, second = _ORDER[0], _ORDER[1]
        day = as_date(on, "on")
        if self.steps:
            raise StepOutOfOrderError(
                self.subject,
                "steps 1 and 2 merge only at the start",
                expected=self.expected,
                given=first,
                merged=True,
            )
        allowed = self.branch.secretary_is_committee_head
        if allowed is not True:
            known = "is not known to be" if allowed is None else "is not"
            raise MergeNotAllowedError(
                self.subject,
                f"steps 1 and 2 merge only where one person is both branch secretary and "
                f"committee head, which {known} the case for branch {self.branch.id!r}",
                expected=first,
                given=first,
                merged=True,
            )
        explanation = Explanation(
            rule="decisions.four_deliberations",
            title_en=f"四议两公开: {self.subject}",
            title_zh=f"四议两公开：{self.subject}",
            outcome_en=f"steps {first.number} and {second.number} recorded together",
            outcome_zh=f"第{first.number}、{second.number}步合并进行",
            branch_en="one person is both branch secretary and committee head, "
            "so proposal and discussion may merge",
            branch_zh="村党组织书记和村委会主任“一肩挑”，提议与商议可以合并进行",
            inputs=(
                Fact(label_en="subject", label_zh="事项", value=self.subject),
                Fact(label_en="branch", label_zh="党支部", value=self.branch.name),
                Fact(label_en="date", label_zh="日期", value=day),
            ),
            comparisons=(
                Comparison.of(
                    "secretary is committee head",
                    "书记、主任“一肩挑”",
                    allowed,
                    Operator.EQ,
                    True,
                ),
            ),
        )
        taken = tuple(
            StepRecord(step=step, on=day, explanation=explanation, merged=True)
            for step in (first, second)
        )
        return self._with(*taken)

    def advance(
        self,
        step: DecisionStep,
        on: datetime.date,
        *,
        vote: Vote | None = None,
        params: ParameterSet | None = None,
    ) -> DecisionRecord:
        """The record with ``step`` taken on ``on``.

        Step 3 needs ``vote`` and ``params``; no other step takes them.
        """
        if not isinstance(step, DecisionStep):
            raise InvalidValueError("step", step, "expected a DecisionStep")
        day = as_date(on, "on")
        expected = self.expected
        last = self.last
        if expected is None:
            raise StepOutOfOrderError(
                self.subject, "the procedure is complete", expected=None, given=step
            )
        if step is not expected:
            if (
                last is not None
                and last.step is DecisionStep.DELIBERATION
                and not last.passed
                and step is DecisionStep.RESOLUTION
            ):
                raise DeliberationFailedError(
                    self.subject,
                    f"the Party members' meeting of {last.on.isoformat()} did not pass the "
                    "proposal, so no villagers' meeting may resolve it",
                    expected=expected,
                    given=step,
                )
            raise StepOutOfOrderError(
                self.subject, "steps go in order", expected=expected, given=step
            )
        if last is not None and day < last.on:
            raise StepDateError(
                self.subject,
                f"a step cannot come before the step before it, {last.step.describe()} "
                f"of {last.on.isoformat()}",
                expected=expected,
                given=step,
                not_before=last.on,
                given_on=day,
            )
        if step is DecisionStep.DELIBERATION:
            if vote is None or params is None:
                raise InvalidValueError(
                    "vote", vote, "step 3 (党员大会审议) needs the vote count and the parameters"
                )
            taken = self._deliberation(day, vote, params)
        else:
            if vote is not None:
                raise InvalidValueError(
                    "vote", vote, f"only step 3 has a vote, not {step.describe()}"
                )
            taken = StepRecord(step=step, on=day, explanation=self._plain_step(step, day))
        return self._with(taken)

    # -- explanations ---------------------------------------------------------
    def _order_checks(self, step: DecisionStep, day: pendulum.Date) -> tuple[Comparison, ...]:
        last = self.last
        if last is None:
            return ()
        checks = [
            Comparison.of(
                "number of the previous step",
                "上一步的序号",
                last.step.number,
                Operator.EQ,
                step.number - 1,
            )
            if last.step is not step
            else Comparison.of(
                "previous deliberation passed", "上次审议通过", last.passed, Operator.EQ, False
            ),
            Comparison.of(
                f"date on or after {last.step.describe('en')}",
                f"日期不早于第{last.step.number}步",
                day,
                Operator.GE,
                last.on,
            ),
        ]
        if step is DecisionStep.RESOLUTION:
            checks.append(
                Comparison.of("step 3 passed", "第3步审议通过", last.passed, Operator.EQ, True)
            )
        return tuple(checks)

    def _plain_step(self, step: DecisionStep, day: pendulum.Date) -> Explanation:
        last = self.last
        after_en = (
            "it is the first step"
            if last is None
            else f"it follows {last.step.describe('en')} of {last.on.isoformat()}"
        )
        after_zh = (
            "这是第一步"
            if last is None
            else f"接在{last.on.isoformat()}的第{last.step.number}步（{last.step.zh}）之后"
        )
        return Explanation(
            rule="decisions.four_deliberations",
            title_en=f"四议两公开: {self.subject}",
            title_zh=f"四议两公开：{self.subject}",
            outcome_en=f"{step.describe('en')} recorded",
            outcome_zh=f"第{step.number}步（{step.zh}）已记录",
            branch_en=after_en,
            branch_zh=after_zh,
            inputs=(
                Fact(label_en="subject", label_zh="事项", value=self.subject),
                Fact(label_en="step", label_zh="步骤", value=step),
                Fact(label_en="date", label_zh="日期", value=day),
            ),
            comparisons=self._order_checks(step, day),
        )

    def _deliberation(self, day: pendulum.Date, vote: Vote, params: ParameterSet) -> StepRecord:
        if not isinstance(vote, Vote):
            raise InvalidValueError("vote", vote, "expected a Vote")
        step = DecisionStep.DELIBERATION
        quorum = params.lookup(QUORUM, self.jurisdiction, day)
        majority = params.lookup(MAJORITY, self.jurisdiction, day)
        present_share = Fraction(vote.present.value, vote.members.value)
        favour_share = Fraction(vote.in_favour.value, vote.due.value)
        quorum_check = Comparison.of(
            "members present, as a share of all members",
            "到会党员占党员总数的比例",
            present_share,
            Operator.GE,
            _fraction_of(quorum),
        )
        majority_check = Comparison.of(
            "votes in favour, as a share of the members due to attend",
            "赞成票占应到会党员的比例",
            favour_share,
            Operator.GT,
            _fraction_of(majority),
        )
        passed = quorum_check.holds and majority_check.holds
        if passed:
            outcome_en, outcome_zh = "passed", "通过"
            branch_en = "the quorum was reached and more than the required share voted in favour"
            branch_zh = "到会人数达到要求，赞成票超过规定比例"
        elif not quorum_check.holds:
            outcome_en, outcome_zh = "not passed: quorum not reached", "未通过：到会人数不足"
            branch_en = "too few members were present for the meeting to decide"
            branch_zh = "到会党员人数未达到要求"
        else:
            outcome_en, outcome_zh = "not passed: no majority", "未通过：赞成票未过半"
            branch_en = "the votes in favour did not exceed the required share of members due"
            branch_zh = "赞成票未超过应到会党员的规定比例"
        explanation = Explanation(
            rule="decisions.deliberation",
            title_en=f"四议两公开 {step.describe('en')}: {self.subject}",
            title_zh=f"四议两公开第{step.number}步（{step.zh}）：{self.subject}",
            outcome_en=outcome_en,
            outcome_zh=outcome_zh,
            branch_en=branch_en,
            branch_zh=branch_zh,
            inputs=(
                Fact(label_en="date", label_zh="日期", value=day),
                Fact(label_en="members with a vote", label_zh="有表决权的党员", value=vote.members),
                Fact(label_en="members due to attend", label_zh="应到会党员", value=vote.due),
                Fact(label_en="members present", label_zh="实到会党员", value=vote.present),
                Fact(label_en="votes in favour", label_zh="赞成票", value=vote.in_favour),
            ),
            parameters=(quorum, majority),
            comparisons=(*self._order_checks(step, day), quorum_check, majority_check),
        )
        return StepRecord(step=step, on=day, explanation=explanation, passed=passed, vote=vote)


# -- 三务公开: disclosure periods ---------------------------------------------------


class DisclosedMatters(LabelledEnum):
    """What a village publishes on a period (村务公开, 村民委员会组织法 art. 30).

    ``parameter`` names the frequency: ordinary matters at least quarterly;
    income and spending monthly where the collective's finances are busy.
    Major matters are published at once, with no period: not checked here.
    """

    ORDINARY = (
        "ordinary",
        "一般事项",
        "ordinary matters",
        "decisions.disclosure.ordinary_every_months",
    )
    BUSY_FINANCES = (
        "busy_finances",
        "财务收支（集体财务往来较多的）",
        "income and spending, where finances are busy",
        "decisions.disclosure.busy_finances_every_months",
    )

    parameter: str

    def __init__(
        self, code: str, zh: str, en: str, parameter: str
    ) -> None:  # pragma: no mutate block
        self.parameter = parameter


@attrs.frozen(kw_only=True)
class DisclosureCheck:
    """Whether a village published ``matters`` in every block of months due."""

    matters: DisclosedMatters
    period: Period
    every_months: int
    frequency: ResolvedParameter
    required: tuple[Slot, ...]
    counts: tuple[int, ...]
    explanation: Explanation

    @property
    def missing(self) -> tuple[Slot, ...]:
        """The required blocks without a disclosure, in order."""
        return tuple(slot for slot, n in zip(self.required, self.counts, strict=True) if not n)

    @property
    def complete(self) -> bool:
        return not self.missing


def check_disclosures(
    disclosed_on: Iterable[datetime.date],
    *,
    matters: DisclosedMatters,
    period: Period,
    params: ParameterSet,
    jurisdiction: str | Jurisdiction,
) -> DisclosureCheck:
    """Whether ``matters`` were published at least once in every block of
    calendar months due in ``period``.

    ``disclosed_on`` are the dates the matters were published. As for
    meetings (:mod:`villagemodel.rules.meetings`), only blocks wholly inside
    the period are required, aligned to 1 January, and the frequency in
    force on the last day of the period applies.
    """
    if not isinstance(matters, DisclosedMatters):
        raise InvalidValueError("matters", matters, "expected a DisclosedMatters")
    days = tuple(as_date(day, f"disclosed_on[{i}]") for i, day in enumerate(disclosed_on))
    found = params.lookup(matters.parameter, jurisdiction, period.end)
    every = months_of(found)
    slots = required_slots(period, every)
    in_period = [d for d in days if d in period]
    counts = count_in_slots(in_period, slots)
    missing = [slot for slot, n in zip(slots, counts, strict=True) if not n]
    if missing:
        outcome_en = (
            f"not published in {len(missing)} of {len(slots)} required blocks: "
            + ", ".join(s.label("en") for s in missing)
        )
        outcome_zh = f"{len(slots)}个应公布周期中缺{len(missing)}个：" + "、".join(
            s.label("zh") for s in missing
        )
    else:
        outcome_en = f"published in {len(slots)} of {len(slots)} required blocks"
        outcome_zh = f"{len(slots)}个应公布周期均已公布"
    explanation = Explanation(
        rule="decisions.disclosure",
        title_en=f"村务公开: {matters.en} published as often as required",
        title_zh=f"村务公开：{matters.zh}按期公布",
        outcome_en=outcome_en,
        outcome_zh=outcome_zh,
        branch_en=f"at least one publication in {describe_every(every, 'en')} "
        "that lies wholly inside the period",
        branch_zh=f"期间内{describe_every(every, 'zh')}（完整周期）至少公布一次",
        inputs=(
            Fact(label_en="period", label_zh="期间", value=str(period)),
            Fact(
                label_en="publications in the period",
                label_zh="期间内公布次数",
                value=len(in_period),
            ),
        ),
        parameters=(found,),
        comparisons=slot_comparisons(slots, counts, "publications", "公布次数"),
    )
    return DisclosureCheck(
        matters=matters,
        period=period,
        every_months=every,
        frequency=found,
        required=slots,
        counts=counts,
        explanation=explanation,
    )
