"""四议两公开 and 三务公开: examples, refusals and properties."""

from __future__ import annotations

import datetime
import itertools
import math
from collections.abc import Callable
from fractions import Fraction

import attrs
import pendulum
import pytest
from hypothesis import event, given, target
from hypothesis import strategies as st

from villagemodel import InvalidValueError, PartyBranch, Period, PersonCount
from villagemodel.ids import BranchId, VillageId
from villagemodel.parameters import ParameterNotFoundError, ParameterSet
from villagemodel.rules.decisions import (
    MAJORITY,
    QUORUM,
    DecisionProcedureError,
    DecisionRecord,
    DecisionStep,
    DeliberationFailedError,
    DisclosedMatters,
    MergeNotAllowedError,
    StepDateError,
    StepOutOfOrderError,
    StepRecord,
    StoredStep,
    Vote,
    check_disclosures,
)

from .test_collective_economy import spy, supplied

LINGYUN = "CN/guangxi/baise/lingyun"
PARAMS = ParameterSet.default()
D = datetime.date
STEPS = tuple(DecisionStep)


def branch(secretary_is_committee_head: bool | None = None) -> PartyBranch:
    return PartyBranch(
        id=BranchId("branch-shuangda"),
        village_id=VillageId("shuangda"),
        name="双达村党支部",
        secretary_is_committee_head=secretary_is_committee_head,
    )


def record(secretary_is_committee_head: bool | None = None) -> DecisionRecord:
    return DecisionRecord(
        subject="修建产业路",
        branch=branch(secretary_is_committee_head),
        jurisdiction=LINGYUN,
    )


def vote(members: int, present: int, in_favour: int, due: int | None = None) -> Vote:
    return Vote(
        members=PersonCount(members),
        present=PersonCount(present),
        in_favour=PersonCount(in_favour),
        members_due=None if due is None else PersonCount(due),
    )


PASSING = vote(9, 8, 6)
FAILING = vote(9, 8, 4)


def up_to_deliberation(v: Vote = PASSING) -> DecisionRecord:
    return (
        record()
        .propose(D(2022, 3, 1))
        .consult(D(2022, 3, 3))
        .deliberate(D(2022, 3, 8), v, params=PARAMS)
    )


# -- the report ---------------------------------------------------------------------


def test_strictly_implementing_four_deliberations_two_disclosures() -> None:
    """ "严格落实'四议两公开'等民主管理制度": the six steps, in order."""
    done = (
        up_to_deliberation()
        .resolve(D(2022, 3, 12))
        .disclose_resolution(D(2022, 3, 13))
        .disclose_result(D(2022, 9, 30))
    )
    assert done.complete
    assert done.expected is None
    assert [s.step for s in done.steps] == list(STEPS)
    assert [s.step.number for s in done.steps] == [1, 2, 3, 4, 5, 6]
    assert all(s.passed for s in done.steps)
    assert (
        "step 6 (the result of implementation is made public) recorded"
        in done.explanation.to_text("en")
    )
    assert "第6步（实施结果公开）已记录" in done.explanation.to_text("zh")


def test_each_advance_returns_a_new_record() -> None:
    start = record()
    proposed = start.propose(D(2022, 3, 1))
    assert start.steps == ()
    assert start.expected is DecisionStep.PROPOSAL
    assert "no step taken yet" in start.explanation.to_text("en")
    assert len(proposed.steps) == 1
    assert proposed.expected is DecisionStep.CONSULTATION


def test_the_deliberation_explains_quorum_and_majority_with_their_sources() -> None:
    deliberated = up_to_deliberation()
    step = deliberated.last
    assert step is not None
    assert step.passed
    text = deliberated.explanation.to_text("en")
    assert "members present, as a share of all members: 8/9 ≥ 2/3: true" in text
    assert "votes in favour, as a share of the members due to attend: 2/3 > 1/2: true" in text
    assert "decisions.members_meeting.quorum = 2/3 (CN;" in text
    assert "中国共产党支部工作条例(试行) (第十一条), 中共中央, 2018-10-28" in text
    zh = deliberated.explanation.to_text("zh")
    assert "到会党员占党员总数的比例: 8/9 ≥ 2/3: 成立" in zh
    data = deliberated.explanation.to_json()
    assert [p["name"] for p in data["parameters"]] == [QUORUM, MAJORITY]
    assert [p["value"] for p in data["parameters"]] == ["2/3", "1/2"]


# -- merging steps 1 and 2 ------------------------------------------------------------


def test_steps_1_and_2_merge_where_the_secretary_is_also_committee_head() -> None:
    merged = record(secretary_is_committee_head=True).propose_and_consult(D(2022, 3, 1))
    assert [(s.step, s.merged) for s in merged.steps] == [
        (DecisionStep.PROPOSAL, True),
        (DecisionStep.CONSULTATION, True),
    ]
    assert merged.expected is DecisionStep.DELIBERATION
    assert "secretary is committee head: yes = yes: true" in merged.explanation.to_text("en")
    assert "一肩挑" in merged.explanation.to_text("zh")


@pytest.mark.parametrize(
    ("head", "words"),
    [(False, "which is not the case"), (None, "which is not known to be the case")],
    ids=["separate people", "not known"],
)
def test_a_merge_is_refused_elsewhere(head: bool | None, words: str) -> None:
    with pytest.raises(MergeNotAllowedError) as caught:
        record(secretary_is_committee_head=head).propose_and_consult(D(2022, 3, 1))
    error = caught.value
    assert (error.expected, error.given, error.merged) == (
        DecisionStep.PROPOSAL,
        DecisionStep.PROPOSAL,
        True,
    )
    assert words in str(error)
    assert "expected step 1 (村党组织提议), given steps 1 and 2 merged" in str(error)


def test_a_merge_after_the_start_is_out_of_order() -> None:
    proposed = record(secretary_is_committee_head=True).propose(D(2022, 3, 1))
    with pytest.raises(StepOutOfOrderError, match="merge only at the start"):
        proposed.propose_and_consult(D(2022, 3, 2))


# -- refusals ------------------------------------------------------------------------------


def test_a_step_out_of_order_names_the_expected_and_the_given_step() -> None:
    consulted = record().propose(D(2022, 3, 1)).consult(D(2022, 3, 3))
    with pytest.raises(StepOutOfOrderError) as caught:
        consulted.resolve(D(2022, 3, 5))
    error = caught.value
    assert (error.expected, error.given) == (DecisionStep.DELIBERATION, DecisionStep.RESOLUTION)
    assert str(error) == (
        "'修建产业路': steps go in order; expected step 3 (党员大会审议), "
        "given step 4 (村民会议或村民代表会议决议)"
    )
    assert isinstance(error, DecisionProcedureError)


def test_the_first_step_must_be_the_proposal() -> None:
    with pytest.raises(
        StepOutOfOrderError, match=r"expected step 1 \(村党组织提议\), given step 2"
    ):
        record().consult(D(2022, 3, 1))


def test_a_step_dated_before_the_previous_step_is_refused() -> None:
    proposed = record().propose(D(2022, 3, 10))
    with pytest.raises(StepDateError) as caught:
        proposed.consult(D(2022, 3, 9))
    error = caught.value
    assert (error.expected, error.given) == (DecisionStep.CONSULTATION, DecisionStep.CONSULTATION)
    assert (error.not_before, error.given_on) == (D(2022, 3, 10), D(2022, 3, 9))
    assert "expected step 2 (村“两委”会议商议) on or after 2022-03-10" in str(error)
    assert "given step 2 (村“两委”会议商议) on 2022-03-09" in str(error)
    assert proposed.consult(D(2022, 3, 10)).expected is DecisionStep.DELIBERATION


def test_no_resolution_after_a_failed_deliberation() -> None:
    failed = up_to_deliberation(FAILING)
    assert failed.last is not None
    assert not failed.last.passed
    assert "not passed: no majority" in failed.explanation.to_text("en")
    with pytest.raises(DeliberationFailedError) as caught:
        failed.resolve(D(2022, 3, 12))
    error = caught.value
    assert (error.expected, error.given) == (DecisionStep.DELIBERATION, DecisionStep.RESOLUTION)
    assert "did not pass the proposal" in str(error)


def test_a_failed_deliberation_can_be_held_again() -> None:
    again = up_to_deliberation(FAILING).deliberate(D(2022, 4, 8), PASSING, params=PARAMS)
    assert again.expected is DecisionStep.RESOLUTION
    assert "previous deliberation passed: no = no: true" in again.explanation.to_text("en")
    resolved = again.resolve(D(2022, 4, 10))
    assert "step 3 passed: yes = yes: true" in resolved.explanation.to_text("en")


def test_nothing_follows_the_last_step() -> None:
    done = (
        up_to_deliberation()
        .resolve(D(2022, 3, 12))
        .disclose_resolution(D(2022, 3, 13))
        .disclose_result(D(2022, 9, 30))
    )
    with pytest.raises(
        StepOutOfOrderError, match="the procedure is complete; expected no further step"
    ):
        done.propose(D(2023, 1, 1))


def test_step_3_needs_a_vote_and_no_other_step_takes_one() -> None:
    consulted = record().propose(D(2022, 3, 1)).consult(D(2022, 3, 3))
    with pytest.raises(InvalidValueError, match="needs the vote count"):
        consulted.advance(DecisionStep.DELIBERATION, D(2022, 3, 8))
    with pytest.raises(InvalidValueError, match="only step 3 has a vote"):
        record().advance(DecisionStep.PROPOSAL, D(2022, 3, 1), vote=PASSING)


def test_a_date_with_a_time_of_day_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="without a time of day"):
        record().propose(datetime.datetime(2022, 3, 1, 9, 0))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("args", "path"),
    [
        ((9, 10, 5), "Vote.present"),
        ((9, 6, 7), "Vote.in_favour"),
        ((0, 0, 0), "Vote.members"),
        ((9, 6, 5, 10), "Vote.members_due"),
        ((9, 6, 0, 0), "Vote.members_due"),
    ],
    ids=[
        "more present than members",
        "more in favour than present",
        "no member",
        "due above members",
        "nobody due",
    ],
)
def test_an_impossible_vote_count_is_refused(args: tuple[int, ...], path: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        vote(*args)
    assert caught.value.path == path


# -- the steps cannot be given from outside -----------------------------------------------


def completed() -> DecisionRecord:
    return (
        up_to_deliberation()
        .resolve(D(2022, 3, 12))
        .disclose_resolution(D(2022, 3, 13))
        .disclose_result(D(2022, 9, 30))
    )


def stored(step: DecisionStep, on: datetime.date, **options: object) -> StoredStep:
    return StoredStep(step=step, on=on, **options)  # type: ignore[arg-type]


def replay(steps: list[StoredStep], head: bool | None = None, **options: object) -> DecisionRecord:
    options.setdefault("params", PARAMS)
    return DecisionRecord.replay(
        steps,
        subject="修建产业路",
        branch=branch(head),
        jurisdiction=LINGYUN,
        **options,  # type: ignore[arg-type]
    )


def test_the_steps_cannot_be_given_to_the_constructor() -> None:
    """The procedure cannot be bypassed: a record holding a resolution before
    its proposal, or only the last step, cannot be built."""
    done = completed().steps
    resolution, proposal, result = done[3], done[0], done[-1]
    for steps in ((resolution, proposal), (result,), done):
        with pytest.raises(TypeError, match="steps"):
            DecisionRecord(  # type: ignore[call-arg]
                subject="修建产业路", branch=branch(), jurisdiction=LINGYUN, steps=steps
            )
    with pytest.raises(TypeError, match="steps"):
        attrs.evolve(record(), steps=(result,))  # type: ignore[call-arg]


def test_evolving_a_record_keeps_no_step() -> None:
    renamed = attrs.evolve(completed(), subject="拓宽产业路")
    assert renamed.steps == ()
    assert renamed.expected is DecisionStep.PROPOSAL
    assert not renamed.complete


def test_a_record_is_rebuilt_by_replaying_its_stored_steps() -> None:
    """A merge, a failed deliberation held again, and the rest: the stored
    steps give the same record, explanations included."""
    original = (
        record(secretary_is_committee_head=True)
        .propose_and_consult(D(2022, 3, 1))
        .deliberate(D(2022, 3, 8), FAILING, params=PARAMS)
        .deliberate(D(2022, 4, 8), PASSING, params=PARAMS)
        .resolve(D(2022, 4, 10))
        .disclose_resolution(D(2022, 4, 11))
        .disclose_result(D(2022, 9, 30))
    )
    kept = [s.stored for s in original.steps]
    assert [(s.step.number, s.merged, s.vote is not None) for s in kept] == [
        (1, True, False),
        (2, True, False),
        (3, False, True),
        (3, False, True),
        (4, False, False),
        (5, False, False),
        (6, False, False),
    ]
    rebuilt = replay(kept, head=True)
    assert rebuilt == original
    assert rebuilt.complete
    assert rebuilt.explanation.to_json() == original.explanation.to_json()
    assert replay([], head=True) == record(secretary_is_committee_head=True)


PROPOSED = stored(DecisionStep.PROPOSAL, D(2022, 3, 1))
CONSULTED = stored(DecisionStep.CONSULTATION, D(2022, 3, 3))
MERGED = [
    stored(DecisionStep.PROPOSAL, D(2022, 3, 1), merged=True),
    stored(DecisionStep.CONSULTATION, D(2022, 3, 1), merged=True),
]


@pytest.mark.parametrize(
    ("steps", "head", "error", "expected", "given"),
    [
        (
            [stored(DecisionStep.RESOLUTION, D(2022, 3, 1)), PROPOSED],
            None,
            StepOutOfOrderError,
            DecisionStep.PROPOSAL,
            DecisionStep.RESOLUTION,
        ),
        (
            [stored(DecisionStep.RESULT_DISCLOSURE, D(2022, 3, 1))],
            None,
            StepOutOfOrderError,
            DecisionStep.PROPOSAL,
            DecisionStep.RESULT_DISCLOSURE,
        ),
        (
            [PROPOSED, CONSULTED, stored(DecisionStep.RESOLUTION, D(2022, 3, 5))],
            None,
            StepOutOfOrderError,
            DecisionStep.DELIBERATION,
            DecisionStep.RESOLUTION,
        ),
        (
            [PROPOSED, stored(DecisionStep.CONSULTATION, D(2022, 2, 28))],
            None,
            StepDateError,
            DecisionStep.CONSULTATION,
            DecisionStep.CONSULTATION,
        ),
        (
            [
                PROPOSED,
                CONSULTED,
                stored(DecisionStep.DELIBERATION, D(2022, 3, 8), vote=FAILING),
                stored(DecisionStep.RESOLUTION, D(2022, 3, 12)),
            ],
            None,
            DeliberationFailedError,
            DecisionStep.DELIBERATION,
            DecisionStep.RESOLUTION,
        ),
        (MERGED, False, MergeNotAllowedError, DecisionStep.PROPOSAL, DecisionStep.PROPOSAL),
        (MERGED, None, MergeNotAllowedError, DecisionStep.PROPOSAL, DecisionStep.PROPOSAL),
        (
            [PROPOSED, *MERGED],
            True,
            StepOutOfOrderError,
            DecisionStep.CONSULTATION,
            DecisionStep.PROPOSAL,
        ),
        (MERGED[:1], True, StepOutOfOrderError, DecisionStep.CONSULTATION, DecisionStep.PROPOSAL),
        (MERGED[1:], True, StepOutOfOrderError, DecisionStep.PROPOSAL, DecisionStep.CONSULTATION),
        (
            [MERGED[0], CONSULTED],
            True,
            StepOutOfOrderError,
            DecisionStep.CONSULTATION,
            DecisionStep.CONSULTATION,
        ),
        (
            [MERGED[0], stored(DecisionStep.CONSULTATION, D(2022, 3, 2), merged=True)],
            True,
            StepOutOfOrderError,
            DecisionStep.CONSULTATION,
            DecisionStep.CONSULTATION,
        ),
    ],
    ids=[
        "resolution before proposal",
        "only the last step",
        "step 4 after step 2",
        "dated before the step before",
        "step 4 after a failed step 3",
        "merge, separate people",
        "merge, not known",
        "merge after the start",
        "merged step 1 alone",
        "merged step 2 alone",
        "merged step 1 then a plain step 2",
        "merged steps on two days",
    ],
)
def test_replaying_refuses_what_the_procedure_refuses(
    steps: list[StoredStep],
    head: bool | None,
    error: type[DecisionProcedureError],
    expected: DecisionStep,
    given: DecisionStep,
) -> None:
    with pytest.raises(error) as caught:
        replay(steps, head=head)
    assert type(caught.value) is error
    assert (caught.value.expected, caught.value.given) == (expected, given)
    assert f"expected {expected.describe()}" in str(caught.value)


def test_replaying_judges_each_deliberation_again_with_the_parameters() -> None:
    """What a deliberation found is not stored: the vote count is judged again,
    here with a county quorum of 4/5 that 7 of 10 present does not reach."""
    steps = [
        PROPOSED,
        CONSULTED,
        stored(DecisionStep.DELIBERATION, D(2022, 3, 8), vote=vote(10, 7, 7)),
    ]
    assert replay(steps).expected is DecisionStep.RESOLUTION
    county = replay(steps, params=supplied(PARAMS, QUORUM, "4/5", jurisdiction=LINGYUN))
    assert county.expected is DecisionStep.DELIBERATION
    with pytest.raises(InvalidValueError, match="needs the vote count and the parameters"):
        replay(steps, params=None)


@pytest.mark.parametrize(
    ("options", "path"),
    [
        ({"step": DecisionStep.DELIBERATION}, "StoredStep.vote"),
        ({"step": DecisionStep.PROPOSAL, "vote": PASSING}, "StoredStep.vote"),
        ({"step": DecisionStep.DELIBERATION, "vote": PASSING, "merged": True}, "StoredStep.merged"),
        ({"step": "proposal"}, "StoredStep.step"),
        ({"step": DecisionStep.PROPOSAL, "on": datetime.datetime(2022, 3, 1, 9)}, "StoredStep.on"),  # noqa: DTZ001
    ],
    ids=[
        "step 3 without a vote",
        "a vote on step 1",
        "step 3 merged",
        "not a step",
        "a time of day",
    ],
)
def test_a_stored_step_is_checked(options: dict[str, object], path: str) -> None:
    options.setdefault("on", D(2022, 3, 1))
    with pytest.raises(InvalidValueError) as caught:
        StoredStep(**options)  # type: ignore[arg-type]
    assert caught.value.path == path


def test_only_stored_steps_are_replayed() -> None:
    taken = record().propose(D(2022, 3, 1)).steps[0]
    assert isinstance(taken, StepRecord)
    with pytest.raises(InvalidValueError) as caught:
        replay([taken])  # type: ignore[list-item]
    assert caught.value.path == "steps[0]"


# -- quorum and majority ----------------------------------------------------------------


def test_exactly_two_thirds_present_reaches_the_quorum() -> None:
    """三分之二以上: the bound is included."""
    reached = up_to_deliberation(vote(9, 6, 6))
    assert reached.last is not None
    assert reached.last.passed
    short = up_to_deliberation(vote(9, 5, 5))
    assert short.last is not None
    assert not short.last.passed
    assert "not passed: quorum not reached" in short.explanation.to_text("en")
    assert "未通过：到会人数不足" in short.explanation.to_text("zh")


def test_exactly_half_of_the_members_due_does_not_pass() -> None:
    """超过应到会党员的半数: more than half; exactly half fails."""
    half = up_to_deliberation(vote(10, 10, 5))
    assert half.last is not None
    assert not half.last.passed
    assert "5/10" not in half.explanation.to_text("en")  # shown in lowest terms
    assert "1/2 > 1/2: false" in half.explanation.to_text("en")
    more = up_to_deliberation(vote(10, 10, 6))
    assert more.last is not None
    assert more.last.passed


def test_the_majority_counts_the_members_due_not_those_present() -> None:
    """12 members, 2 excused: 10 due; 8 present, 5 in favour is half of those
    due (not passed) though most of those present."""
    excused = up_to_deliberation(vote(12, 8, 5, due=10))
    assert excused.last is not None
    assert not excused.last.passed
    assert up_to_deliberation(vote(12, 8, 6, due=10)).steps[-1].passed


def test_a_county_quorum_supplied_by_the_caller_takes_precedence() -> None:
    params = supplied(PARAMS, QUORUM, "4/5", jurisdiction=LINGYUN)
    consulted = record().propose(D(2022, 3, 1)).consult(D(2022, 3, 3))
    result = consulted.deliberate(D(2022, 3, 8), vote(10, 7, 7), params=params)
    assert result.last is not None
    assert not result.last.passed
    assert "7/10 ≥ 4/5: false" in result.explanation.to_text("en")


def test_the_majority_is_not_in_force_before_the_2018_regulation() -> None:
    consulted = record().propose(D(2017, 3, 1)).consult(D(2017, 3, 3))
    with pytest.raises(ParameterNotFoundError, match=MAJORITY):
        consulted.deliberate(D(2017, 3, 8), PASSING, params=PARAMS)


# -- 三务公开 -----------------------------------------------------------------------------


def test_ordinary_matters_are_published_at_least_quarterly() -> None:
    """村民委员会组织法 art. 30: "一般事项至少每季度公布一次"."""
    published = [D(2022, 2, 1), D(2022, 5, 1), D(2022, 11, 1)]
    result = check_disclosures(
        published,
        matters=DisclosedMatters.ORDINARY,
        period=Period.calendar_year(2022),
        params=PARAMS,
        jurisdiction=LINGYUN,
    )
    assert [s.label() for s in result.missing] == ["2022-07 to 2022-09"]
    assert result.every_months == 3
    assert result.frequency.source.reference == "第三十条"
    assert "not published in 1 of 4 required blocks" in result.explanation.to_text("en")


def test_busy_finances_are_published_monthly() -> None:
    """ "集体财务往来较多的，财务收支情况应当每月公布一次"."""
    published = [D(2022, m, 28) for m in range(1, 13) if m != 6]
    result = check_disclosures(
        published,
        matters=DisclosedMatters.BUSY_FINANCES,
        period=Period.calendar_year(2022),
        params=PARAMS,
        jurisdiction=LINGYUN,
    )
    assert [s.label("zh") for s in result.missing] == ["2022年6月"]
    assert not result.complete


# -- properties ------------------------------------------------------------------------------


def _share(name: str) -> Fraction:
    value = PARAMS.lookup(name, LINGYUN, D(2022, 1, 1)).value
    assert isinstance(value, Fraction)
    return value


QUORUM_SHARE = _share(QUORUM)
MAJORITY_SHARE = _share(MAJORITY)
START = pendulum.date(2022, 1, 1)
MAX_ATTEMPTS = 16


def step_after(step: DecisionStep) -> DecisionStep | None:
    return STEPS[step.number] if step.number < len(STEPS) else None


@st.composite
def votes(draw: st.DrawFn, passing: bool) -> Vote:
    """A count that passes step 3 under the shipped quorum and majority, or
    one that fails it on the quorum or on the majority, near the bounds."""
    members = draw(st.integers(1, 40))
    least_present = math.ceil(QUORUM_SHARE * members)
    least_in_favour = math.floor(MAJORITY_SHARE * members) + 1
    if passing:
        present = draw(st.integers(least_present, members))
        return vote(members, present, draw(st.integers(least_in_favour, present)))
    if draw(st.booleans()):  # too few present
        present = draw(st.integers(0, least_present - 1))
        return vote(members, present, draw(st.integers(0, present)))
    present = draw(st.integers(least_present, members))
    return vote(members, present, draw(st.integers(0, min(present, least_in_favour - 1))))


@attrs.frozen(kw_only=True)
class Attempt:
    """A try at a step; ``valid`` says whether the procedure allows it, as
    the plan was built."""

    step: DecisionStep
    on: pendulum.Date
    vote: Vote | None = None
    merge: bool = False
    valid: bool = True

    def take(self, current: DecisionRecord) -> DecisionRecord:
        if self.merge:
            return current.propose_and_consult(self.on)
        return current.advance(self.step, self.on, vote=self.vote, params=PARAMS)

    def stored(self) -> list[StoredStep]:
        if self.merge:
            return [stored(step, self.on, merged=True) for step in STEPS[:2]]
        return [stored(self.step, self.on, vote=self.vote)]


@attrs.frozen(kw_only=True)
class Plan:
    head: bool
    attempts: tuple[Attempt, ...]


@st.composite
def refused_attempts(
    draw: st.DrawFn, expected: DecisionStep | None, day: pendulum.Date | None, head: bool
) -> Attempt:
    """An attempt the procedure refuses: another step than the one expected
    (half the time the one after it, such as step 4 after a failed step 3),
    the expected step dated before the last step, or a merge not allowed."""
    kinds = ["another step"]
    if day is not None and expected is not None:
        kinds.append("too early")
    if not head or day is not None:
        kinds.append("merge")
    kind = draw(st.sampled_from(kinds))
    later = (day or START).add(days=draw(st.integers(0, 10)))
    if kind == "merge":
        return Attempt(step=STEPS[0], on=later, merge=True, valid=False)
    if kind == "too early":
        assert day is not None
        assert expected is not None
        step, on = expected, day.subtract(days=draw(st.integers(1, 10)))
    else:
        skipped = None if expected is None else step_after(expected)
        others = [s for s in STEPS if s is not expected]
        step = (
            skipped
            if skipped is not None and draw(st.booleans())
            else draw(st.sampled_from(others))
        )
        on = later
    needs_vote = step is DecisionStep.DELIBERATION
    count = draw(votes(draw(st.booleans()))) if needs_vote else None
    return Attempt(step=step, on=on, vote=count, valid=False)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """Attempts built along the procedure: mostly the step it allows next, on
    the same day or later (steps 1 and 2 merged half the time where allowed;
    a deliberation that passes two times in three, so that some are held
    again), and about one attempt in seven one it refuses; after a failed
    deliberation, half the time a resolution, which it refuses. The plan
    stops when the procedure is complete, and now and then before."""
    head = draw(st.booleans())
    expected: DecisionStep | None = DecisionStep.PROPOSAL
    day: pendulum.Date | None = None  # the date of the last step taken
    attempts: list[Attempt] = []
    while len(attempts) < MAX_ATTEMPTS and draw(st.integers(0, 19)):
        if expected is None or not draw(st.integers(0, 6)):
            attempts.append(draw(refused_attempts(expected, day, head)))
            if expected is None:
                break
            continue
        day = (day or START).add(days=draw(st.integers(0, 10)))
        if expected is DecisionStep.PROPOSAL and head and draw(st.booleans()):
            attempts.append(Attempt(step=expected, on=day, merge=True))
            expected = DecisionStep.DELIBERATION
        elif expected is DecisionStep.DELIBERATION:
            passing = bool(draw(st.integers(0, 2)))
            attempts.append(Attempt(step=expected, on=day, vote=draw(votes(passing))))
            expected = DecisionStep.RESOLUTION if passing else DecisionStep.DELIBERATION
            if not passing and draw(st.booleans()):  # the refusal the property is about
                on = day.add(days=draw(st.integers(0, 10)))
                attempts.append(Attempt(step=DecisionStep.RESOLUTION, on=on, valid=False))
        else:
            attempts.append(Attempt(step=expected, on=day))
            expected = step_after(expected)
    return Plan(head=head, attempts=tuple(attempts))


def assert_in_order(taken: tuple[StepRecord, ...]) -> None:
    """Steps in order from step 1, dates not going back, and step 4 only
    right after a passing step 3."""
    if taken:
        assert taken[0].step is DecisionStep.PROPOSAL
    for earlier, later in itertools.pairwise(taken):
        assert earlier.on <= later.on
        if later.step is DecisionStep.RESOLUTION:
            assert earlier.step is DecisionStep.DELIBERATION
            assert earlier.passed
        else:
            repeat = earlier.step is DecisionStep.DELIBERATION and not earlier.passed
            assert later.step.number == earlier.step.number + (0 if repeat else 1)
    assert all(s.passed for s in taken if s.step is not DecisionStep.DELIBERATION)
    merged = [s.step for s in taken if s.merged]
    assert merged in ([], list(STEPS[:2]))
    assert not merged or taken[0].merged


def take_all(plan: Plan) -> tuple[DecisionRecord, DecisionProcedureError | None]:
    """The record after every attempt of the plan, and the first refusal."""
    current = record(secretary_is_committee_head=plan.head)
    first: DecisionProcedureError | None = None
    for attempt in plan.attempts:
        refused: DecisionProcedureError | None = None
        try:
            current = attempt.take(current)
        except DecisionProcedureError as error:
            refused = error
        assert attempt.valid is (refused is None), refused
        if refused is not None:
            event(f"refused: {type(refused).__name__}")
            first = first or refused
    return current, first


@given(plans())
def test_a_decision_never_reaches_step_4_without_a_passing_step_3(plan: Plan) -> None:
    """Every attempt the procedure allows is taken, every other refused, and
    the steps taken are in order, step 4 only after a passing step 3."""
    current, _ = take_all(plan)
    taken = current.steps
    assert_in_order(taken)
    numbers = {s.step.number for s in taken}
    resolved = DecisionStep.RESOLUTION.number in numbers
    event("reached step 4" if resolved else "did not reach step 4")
    if resolved and any(not s.passed for s in taken):
        event("reached step 4 after a failed step 3 held again")
    assert current.complete is (len(numbers) == len(STEPS))
    target(float(len(taken)), label="steps taken")


@given(plans())
def test_replaying_stored_steps_takes_them_through_the_same_checks(plan: Plan) -> None:
    """The stored steps of a record give it back; the stored attempts of a
    plan are refused at the first attempt refused when taken one by one,
    with the same error."""
    current, refusal = take_all(plan)
    assert replay([s.stored for s in current.steps], head=plan.head) == current
    attempts = [s for a in plan.attempts for s in a.stored()]
    if refusal is None:
        assert replay(attempts, head=plan.head) == current
        return
    with pytest.raises(DecisionProcedureError) as caught:
        replay(attempts, head=plan.head)
    assert type(caught.value) is type(refusal)
    assert str(caught.value) == str(refusal)


ACTIONS: dict[str, Callable[[DecisionRecord, pendulum.Date], DecisionRecord]] = {
    "propose": lambda r, on: r.propose(on),
    "consult": lambda r, on: r.consult(on),
    "merge": lambda r, on: r.propose_and_consult(on),
    "deliberate, passing": lambda r, on: r.deliberate(on, PASSING, params=PARAMS),
    "deliberate, failing": lambda r, on: r.deliberate(on, FAILING, params=PARAMS),
    "resolve": lambda r, on: r.resolve(on),
    "disclose the resolution": lambda r, on: r.disclose_resolution(on),
    "disclose the result": lambda r, on: r.disclose_result(on),
}


def test_every_run_of_up_to_eight_steps_keeps_step_4_behind_a_passing_step_3() -> None:
    """Every action tried from every record reached, a day after the last
    step and a day before it, for each kind of branch: the records reached
    keep the order, and many of them reach step 4, some after a failed
    deliberation held again."""
    records: list[DecisionRecord] = []
    refusals: dict[str, int] = dict.fromkeys(ACTIONS, 0)
    failed_then_resolved = 0
    for head in (True, False, None):
        frontier = [record(secretary_is_committee_head=head)]
        for _ in range(8):
            following = []
            for current in frontier:
                last = current.last.on if current.last is not None else START
                for name, act in ACTIONS.items():
                    for on in (last.add(days=1), last.subtract(days=1)):
                        try:
                            reached = act(current, on)
                        except DecisionProcedureError as error:
                            refusals[name] += 1
                            if isinstance(error, DeliberationFailedError):
                                failed_then_resolved += 1
                            continue
                        assert_in_order(reached.steps)
                        following.append(reached)
            records += following
            frontier = following
    at_step_4 = [r for r in records if DecisionStep.RESOLUTION in {s.step for s in r.steps}]
    after_a_failure = [r for r in at_step_4 if any(not s.passed for s in r.steps)]
    assert len(records) > 200
    assert len(at_step_4) > 100
    assert len(after_a_failure) > 50
    assert failed_then_resolved > 50
    assert all(refusals.values())
    assert any(r.complete for r in after_a_failure)


def quorum_reached(result: DecisionRecord) -> bool:
    return next(c for c in result.explanation.comparisons if "present" in c.label_en).holds


@given(members=st.integers(min_value=1, max_value=600))
def test_the_quorum_boundary_is_two_thirds_of_the_members(members: int) -> None:
    least = -(-2 * members // 3)  # the smallest count with count / members >= 2/3
    assert quorum_reached(up_to_deliberation(vote(members, least, least)))
    if least > 1:
        assert not quorum_reached(up_to_deliberation(vote(members, least - 1, least - 1)))
    if members % 3 == 0:
        assert Fraction(least, members) == Fraction(2, 3)


@given(due=st.integers(min_value=1, max_value=600))
def test_the_majority_boundary_is_more_than_half_of_those_due(due: int) -> None:
    half_or_less = due // 2
    exceeds = half_or_less + 1
    for in_favour, passes in ((half_or_less, False), (exceeds, True)):
        if in_favour > due:
            continue
        result = up_to_deliberation(vote(due, due, in_favour))
        assert result.steps[-1].passed is passes


@given(members=st.integers(min_value=1, max_value=60), data=st.data())
def test_the_explanation_names_every_parameter_the_rule_read(
    members: int, data: st.DataObject
) -> None:
    present = data.draw(st.integers(min_value=0, max_value=members))
    in_favour = data.draw(st.integers(min_value=0, max_value=present))
    params = spy(PARAMS)
    consulted = record().propose(D(2022, 3, 1)).consult(D(2022, 3, 3))
    result = consulted.deliberate(D(2022, 3, 8), vote(members, present, in_favour), params=params)
    assert result.explanation.parameter_names() == set(params.read) == {QUORUM, MAJORITY}
