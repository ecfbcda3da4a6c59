"""四议两公开 and 三务公开: examples, refusals and properties."""

from __future__ import annotations

import datetime
import itertools
from fractions import Fraction

import pendulum
import pytest
from hypothesis import given
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

attempts = st.lists(
    st.tuples(
        st.sampled_from(STEPS),
        st.integers(min_value=0, max_value=40),
        st.integers(min_value=1, max_value=30),
        st.integers(min_value=0, max_value=30),
        st.integers(min_value=0, max_value=30),
        st.booleans(),
    ),
    max_size=25,
)


@given(attempts=attempts, head=st.booleans())
def test_a_decision_never_reaches_step_4_without_a_passing_step_3(
    attempts: list[tuple[DecisionStep, int, int, int, int, bool]], head: bool
) -> None:
    current = record(secretary_is_committee_head=head)
    day = pendulum.date(2022, 1, 1)
    for step, offset, members, present, in_favour, merge in attempts:
        on = day.add(days=offset - 5)
        try:
            if merge and step is DecisionStep.PROPOSAL:
                current = current.propose_and_consult(on)
            elif step is DecisionStep.DELIBERATION:
                count = vote(members, min(present, members), min(in_favour, present, members))
                current = current.deliberate(on, count, params=PARAMS)
            else:
                current = current.advance(step, on)
        except DecisionProcedureError:
            continue
        day = on
    taken = current.steps
    for earlier, later in itertools.pairwise(taken):
        assert earlier.on <= later.on
        if later.step is DecisionStep.RESOLUTION:
            assert earlier.step is DecisionStep.DELIBERATION
            assert earlier.passed
        else:
            repeat = earlier.step is DecisionStep.DELIBERATION and not earlier.passed
            assert later.step.number == earlier.step.number + (0 if repeat else 1)


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
