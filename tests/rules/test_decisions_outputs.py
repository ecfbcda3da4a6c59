"""四议两公开 and 三务公开: the exact explanations and refusals a reader sees.

Each explanation is pinned in both languages for a representative case of
every path through the rule (the parameter lines, which cite the parameter
data, are left out and checked by name); each refusal is pinned with its
message and the fields a program reads.
"""

from __future__ import annotations

import datetime
from fractions import Fraction

import pendulum
import pytest

from villagemodel import InvalidValueError, PartyBranch, Period, PersonCount
from villagemodel.errors import PeriodError
from villagemodel.explain import Explanation, Lang
from villagemodel.ids import BranchId, VillageId
from villagemodel.parameters import ParameterSet
from villagemodel.rules.decisions import (
    MAJORITY,
    QUORUM,
    DecisionProcedureError,
    DecisionRecord,
    DecisionStep,
    DeliberationFailedError,
    DisclosedMatters,
    DisclosureCheck,
    MergeNotAllowedError,
    StepDateError,
    StepOutOfOrderError,
    StoredStep,
    Vote,
    check_disclosures,
)
from villagemodel.rules.meetings import Slot

from .test_collective_economy import supplied

LINGYUN = "CN/guangxi/baise/lingyun"
PARAMS = ParameterSet.default()
D = datetime.date
SUBJECT = "修建产业路"
YEAR_2022 = Period.calendar_year(2022)


def branch(secretary_is_committee_head: bool | None = None) -> PartyBranch:
    return PartyBranch(
        id=BranchId("branch-shuangda"),
        village_id=VillageId("shuangda"),
        name="双达村党支部",
        secretary_is_committee_head=secretary_is_committee_head,
    )


def record(secretary_is_committee_head: bool | None = None) -> DecisionRecord:
    return DecisionRecord(
        subject=SUBJECT, branch=branch(secretary_is_committee_head), jurisdiction=LINGYUN
    )


def vote(members: int, present: int, in_favour: int, due: int | None = None) -> Vote:
    return Vote(
        members=PersonCount(members),
        present=PersonCount(present),
        in_favour=PersonCount(in_favour),
        members_due=None if due is None else PersonCount(due),
    )


def consulted() -> DecisionRecord:
    return record().propose(D(2022, 3, 1)).consult(D(2022, 3, 3))


def deliberated(v: Vote, params: ParameterSet = PARAMS) -> DecisionRecord:
    return consulted().deliberate(D(2022, 3, 8), v, params=params)


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


# -- the explanation of each step ------------------------------------------------------


def test_a_new_record_explains_that_the_procedure_starts_with_the_proposal() -> None:
    start = record()
    assert shown(start.explanation, "en") == lines(
        "四议两公开: 修建产业路 [decisions.four_deliberations]: no step taken yet",
        "  because: the procedure starts with step 1 (the village Party organisation proposes)",
    )
    assert shown(start.explanation, "zh") == lines(
        "四议两公开：修建产业路 [decisions.four_deliberations]: 尚未开始",
        "  依据: 程序从第1步（村党组织提议）开始",
    )
    assert start.last is None
    assert not start.complete


def test_the_proposal_is_explained_as_the_first_step() -> None:
    proposed = record().propose(D(2022, 3, 1))
    assert shown(proposed.explanation, "en") == lines(
        "四议两公开: 修建产业路 [decisions.four_deliberations]: "
        "step 1 (the village Party organisation proposes) recorded",
        "  because: it is the first step",
        "  inputs:",
        "    subject: 修建产业路",
        "    step: the village Party organisation proposes",
        "    date: 2022-03-01",
    )
    assert shown(proposed.explanation, "zh") == lines(
        "四议两公开：修建产业路 [decisions.four_deliberations]: 第1步（村党组织提议）已记录",
        "  依据: 这是第一步",
        "  输入:",
        "    事项: 修建产业路",
        "    步骤: 村党组织提议",
        "    日期: 2022年3月1日",
    )
    (taken,) = proposed.steps
    assert (taken.step, taken.on, taken.passed, taken.merged, taken.vote) == (
        DecisionStep.PROPOSAL,
        D(2022, 3, 1),
        True,
        False,
        None,
    )
    assert isinstance(taken.on, pendulum.Date)


def test_the_discussion_is_explained_as_following_the_proposal_on_or_after_its_date() -> None:
    step_2 = consulted()
    assert shown(step_2.explanation, "en") == lines(
        "四议两公开: 修建产业路 [decisions.four_deliberations]: "
        "step 2 (the two committees discuss) recorded",
        "  because: it follows step 1 (the village Party organisation proposes) of 2022-03-01",
        "  inputs:",
        "    subject: 修建产业路",
        "    step: the two committees discuss",
        "    date: 2022-03-03",
        "  comparisons:",
        "    number of the previous step: 1 = 1: true",
        "    date on or after step 1 (the village Party organisation proposes): "
        "2022-03-03 ≥ 2022-03-01: true",
    )
    assert shown(step_2.explanation, "zh") == lines(
        "四议两公开：修建产业路 [decisions.four_deliberations]: 第2步（村“两委”会议商议）已记录",
        "  依据: 接在2022-03-01的第1步（村党组织提议）之后",
        "  输入:",
        "    事项: 修建产业路",
        "    步骤: 村“两委”会议商议",
        "    日期: 2022年3月3日",
        "  比较:",
        "    上一步的序号: 1 = 1: 成立",
        "    日期不早于第1步: 2022年3月3日 ≥ 2022年3月1日: 成立",
    )


def test_a_passing_deliberation_explains_the_counts_the_quorum_and_the_majority() -> None:
    """8 of 9 present (at least two thirds), 6 of 9 in favour (more than half)."""
    passed = deliberated(vote(9, 8, 6))
    assert shown(passed.explanation, "en") == lines(
        "四议两公开 step 3 (the Party members' meeting deliberates): 修建产业路 "
        "[decisions.deliberation]: passed",
        "  because: the quorum was reached and more than the required share voted in favour",
        "  inputs:",
        "    date: 2022-03-08",
        "    members with a vote: 9 people",
        "    members due to attend: 9 people",
        "    members present: 8 people",
        "    votes in favour: 6 people",
        "  comparisons:",
        "    number of the previous step: 2 = 2: true",
        "    date on or after step 2 (the two committees discuss): 2022-03-08 ≥ 2022-03-03: true",
        "    members present, as a share of all members: 8/9 ≥ 2/3: true",
        "    votes in favour, as a share of the members due to attend: 2/3 > 1/2: true",
    )
    assert shown(passed.explanation, "zh") == lines(
        "四议两公开第3步（党员大会审议）：修建产业路 [decisions.deliberation]: 通过",
        "  依据: 到会人数达到要求，赞成票超过规定比例",
        "  输入:",
        "    日期: 2022年3月8日",
        "    有表决权的党员: 9人",
        "    应到会党员: 9人",
        "    实到会党员: 8人",
        "    赞成票: 6人",
        "  比较:",
        "    上一步的序号: 2 = 2: 成立",
        "    日期不早于第2步: 2022年3月8日 ≥ 2022年3月3日: 成立",
        "    到会党员占党员总数的比例: 8/9 ≥ 2/3: 成立",
        "    赞成票占应到会党员的比例: 2/3 > 1/2: 成立",
    )
    assert [p.name for p in passed.explanation.parameters] == [QUORUM, MAJORITY]
    taken = passed.steps[-1]
    assert (taken.step, taken.on, taken.passed, taken.merged, taken.vote) == (
        DecisionStep.DELIBERATION,
        D(2022, 3, 8),
        True,
        False,
        vote(9, 8, 6),
    )
    assert passed.expected is DecisionStep.RESOLUTION


def test_a_meeting_below_the_quorum_does_not_pass_even_if_most_of_those_present_agree() -> None:
    """5 of 9 present is less than two thirds; the 5 votes in favour are more
    than half of the 9 due, but a meeting without a quorum cannot decide."""
    short = deliberated(vote(9, 5, 5))
    assert shown(short.explanation, "en") == lines(
        "四议两公开 step 3 (the Party members' meeting deliberates): 修建产业路 "
        "[decisions.deliberation]: not passed: quorum not reached",
        "  because: too few members were present for the meeting to decide",
        "  inputs:",
        "    date: 2022-03-08",
        "    members with a vote: 9 people",
        "    members due to attend: 9 people",
        "    members present: 5 people",
        "    votes in favour: 5 people",
        "  comparisons:",
        "    number of the previous step: 2 = 2: true",
        "    date on or after step 2 (the two committees discuss): 2022-03-08 ≥ 2022-03-03: true",
        "    members present, as a share of all members: 5/9 ≥ 2/3: false",
        "    votes in favour, as a share of the members due to attend: 5/9 > 1/2: true",
    )
    assert shown(short.explanation, "zh") == lines(
        "四议两公开第3步（党员大会审议）：修建产业路 [decisions.deliberation]: "
        "未通过：到会人数不足",
        "  依据: 到会党员人数未达到要求",
        "  输入:",
        "    日期: 2022年3月8日",
        "    有表决权的党员: 9人",
        "    应到会党员: 9人",
        "    实到会党员: 5人",
        "    赞成票: 5人",
        "  比较:",
        "    上一步的序号: 2 = 2: 成立",
        "    日期不早于第2步: 2022年3月8日 ≥ 2022年3月3日: 成立",
        "    到会党员占党员总数的比例: 5/9 ≥ 2/3: 不成立",
        "    赞成票占应到会党员的比例: 5/9 > 1/2: 成立",
    )
    assert not short.steps[-1].passed
    assert short.expected is DecisionStep.DELIBERATION


def test_a_meeting_with_a_quorum_but_half_of_those_due_in_favour_does_not_pass() -> None:
    """12 members, 2 excused, so 10 due; 8 present is exactly two thirds of
    12; 5 in favour is half of the 10 due, not more than half."""
    no_majority = deliberated(vote(12, 8, 5, due=10))
    assert shown(no_majority.explanation, "en") == lines(
        "四议两公开 step 3 (the Party members' meeting deliberates): 修建产业路 "
        "[decisions.deliberation]: not passed: no majority",
        "  because: the votes in favour did not exceed the required share of members due",
        "  inputs:",
        "    date: 2022-03-08",
        "    members with a vote: 12 people",
        "    members due to attend: 10 people",
        "    members present: 8 people",
        "    votes in favour: 5 people",
        "  comparisons:",
        "    number of the previous step: 2 = 2: true",
        "    date on or after step 2 (the two committees discuss): 2022-03-08 ≥ 2022-03-03: true",
        "    members present, as a share of all members: 2/3 ≥ 2/3: true",
        "    votes in favour, as a share of the members due to attend: 1/2 > 1/2: false",
    )
    assert shown(no_majority.explanation, "zh") == lines(
        "四议两公开第3步（党员大会审议）：修建产业路 [decisions.deliberation]: "
        "未通过：赞成票未过半",
        "  依据: 赞成票未超过应到会党员的规定比例",
        "  输入:",
        "    日期: 2022年3月8日",
        "    有表决权的党员: 12人",
        "    应到会党员: 10人",
        "    实到会党员: 8人",
        "    赞成票: 5人",
        "  比较:",
        "    上一步的序号: 2 = 2: 成立",
        "    日期不早于第2步: 2022年3月8日 ≥ 2022年3月3日: 成立",
        "    到会党员占党员总数的比例: 2/3 ≥ 2/3: 成立",
        "    赞成票占应到会党员的比例: 1/2 > 1/2: 不成立",
    )
    assert not no_majority.steps[-1].passed


def test_a_deliberation_held_again_the_same_day_is_checked_against_the_failed_one() -> None:
    again = deliberated(vote(9, 5, 5)).deliberate(D(2022, 3, 8), vote(9, 8, 6), params=PARAMS)
    comparisons = shown(again.explanation, "en").split("  comparisons:\n")[1]
    assert comparisons == lines(
        "    previous deliberation passed: no = no: true",
        "    date on or after step 3 (the Party members' meeting deliberates): "
        "2022-03-08 ≥ 2022-03-08: true",
        "    members present, as a share of all members: 8/9 ≥ 2/3: true",
        "    votes in favour, as a share of the members due to attend: 2/3 > 1/2: true",
    )
    comparisons_zh = shown(again.explanation, "zh").split("  比较:\n")[1]
    assert comparisons_zh == lines(
        "    上次审议通过: 否 = 否: 成立",
        "    日期不早于第3步: 2022年3月8日 ≥ 2022年3月8日: 成立",
        "    到会党员占党员总数的比例: 8/9 ≥ 2/3: 成立",
        "    赞成票占应到会党员的比例: 2/3 > 1/2: 成立",
    )
    assert [s.passed for s in again.steps] == [True, True, False, True]
    assert again.expected is DecisionStep.RESOLUTION


def test_the_resolution_is_explained_as_following_a_passing_deliberation() -> None:
    resolved = deliberated(vote(9, 8, 6)).resolve(D(2022, 3, 9))
    assert shown(resolved.explanation, "en") == lines(
        "四议两公开: 修建产业路 [decisions.four_deliberations]: "
        "step 4 (the villagers' (representatives') meeting resolves) recorded",
        "  because: it follows step 3 (the Party members' meeting deliberates) of 2022-03-08",
        "  inputs:",
        "    subject: 修建产业路",
        "    step: the villagers' (representatives') meeting resolves",
        "    date: 2022-03-09",
        "  comparisons:",
        "    number of the previous step: 3 = 3: true",
        "    date on or after step 3 (the Party members' meeting deliberates): "
        "2022-03-09 ≥ 2022-03-08: true",
        "    step 3 passed: yes = yes: true",
    )
    assert shown(resolved.explanation, "zh") == lines(
        "四议两公开：修建产业路 [decisions.four_deliberations]: "
        "第4步（村民会议或村民代表会议决议）已记录",
        "  依据: 接在2022-03-08的第3步（党员大会审议）之后",
        "  输入:",
        "    事项: 修建产业路",
        "    步骤: 村民会议或村民代表会议决议",
        "    日期: 2022年3月9日",
        "  比较:",
        "    上一步的序号: 3 = 3: 成立",
        "    日期不早于第3步: 2022年3月9日 ≥ 2022年3月8日: 成立",
        "    第3步审议通过: 是 = 是: 成立",
    )


def test_the_disclosures_after_the_resolution_check_only_the_order_and_the_date() -> None:
    disclosed = deliberated(vote(9, 8, 6)).resolve(D(2022, 3, 9)).disclose_resolution(D(2022, 3, 9))
    assert [c.label_en for c in disclosed.explanation.comparisons] == [
        "number of the previous step",
        "date on or after step 4 (the villagers' (representatives') meeting resolves)",
    ]
    assert [(c.left, c.right, c.holds) for c in disclosed.explanation.comparisons] == [
        (4, 4, True),
        (D(2022, 3, 9), D(2022, 3, 9), True),
    ]
    assert disclosed.expected is DecisionStep.RESULT_DISCLOSURE


def test_steps_1_and_2_merged_are_explained_by_the_one_person_in_both_posts() -> None:
    """一肩挑: the branch secretary is also the committee head."""
    merged = record(secretary_is_committee_head=True).propose_and_consult(D(2022, 3, 1))
    assert shown(merged.explanation, "en") == lines(
        "四议两公开: 修建产业路 [decisions.four_deliberations]: steps 1 and 2 recorded together",
        "  because: one person is both branch secretary and committee head, "
        "so proposal and discussion may merge",
        "  inputs:",
        "    subject: 修建产业路",
        "    branch: 双达村党支部",
        "    date: 2022-03-01",
        "  comparisons:",
        "    secretary is committee head: yes = yes: true",
    )
    assert shown(merged.explanation, "zh") == lines(
        "四议两公开：修建产业路 [decisions.four_deliberations]: 第1、2步合并进行",
        "  依据: 村党组织书记和村委会主任“一肩挑”，提议与商议可以合并进行",
        "  输入:",
        "    事项: 修建产业路",
        "    党支部: 双达村党支部",
        "    日期: 2022年3月1日",
        "  比较:",
        "    书记、主任“一肩挑”: 是 = 是: 成立",
    )
    first, second = merged.steps
    assert (first.step, second.step) == (DecisionStep.PROPOSAL, DecisionStep.CONSULTATION)
    for taken in (first, second):
        assert (taken.on, taken.merged, taken.passed, taken.vote) == (
            D(2022, 3, 1),
            True,
            True,
            None,
        )
        assert taken.explanation == merged.explanation
    assert [s.stored for s in merged.steps] == [
        StoredStep(step=DecisionStep.PROPOSAL, on=D(2022, 3, 1), merged=True),
        StoredStep(step=DecisionStep.CONSULTATION, on=D(2022, 3, 1), merged=True),
    ]


def test_a_step_is_described_in_chinese_unless_english_is_asked_for() -> None:
    assert DecisionStep.DELIBERATION.describe() == "step 3 (党员大会审议)"
    assert DecisionStep.DELIBERATION.describe("zh") == "step 3 (党员大会审议)"
    assert DecisionStep.DELIBERATION.describe("en") == (
        "step 3 (the Party members' meeting deliberates)"
    )
    assert [s.number for s in DecisionStep] == [1, 2, 3, 4, 5, 6]


# -- refusals: message and fields --------------------------------------------------------


def fields(error: DecisionProcedureError) -> tuple[object, ...]:
    return (
        error.subject,
        error.reason,
        error.expected,
        error.given,
        error.merged,
        error.not_before,
        error.given_on,
    )


def test_a_skipped_step_is_refused_naming_both_steps() -> None:
    with pytest.raises(StepOutOfOrderError) as caught:
        record().consult(D(2022, 3, 1))
    assert str(caught.value) == (
        "'修建产业路': steps go in order; expected step 1 (村党组织提议), "
        "given step 2 (村“两委”会议商议)"
    )
    assert fields(caught.value) == (
        SUBJECT,
        "steps go in order",
        DecisionStep.PROPOSAL,
        DecisionStep.CONSULTATION,
        False,
        None,
        None,
    )


def test_after_a_passing_deliberation_only_the_resolution_may_follow() -> None:
    """Skipping step 4 after a passing step 3 is out of order, not a failed deliberation."""
    passed = deliberated(vote(9, 8, 6))
    for step in (DecisionStep.RESULT_DISCLOSURE, DecisionStep.RESOLUTION_DISCLOSURE):
        with pytest.raises(DecisionProcedureError) as caught:
            passed.advance(step, D(2022, 3, 9))
        assert type(caught.value) is StepOutOfOrderError
        assert (caught.value.expected, caught.value.given) == (DecisionStep.RESOLUTION, step)


def test_after_a_failed_deliberation_a_skipped_step_other_than_4_is_out_of_order() -> None:
    failed = deliberated(vote(9, 5, 5))
    with pytest.raises(DecisionProcedureError) as caught:
        failed.disclose_resolution(D(2022, 3, 9))
    assert type(caught.value) is StepOutOfOrderError
    assert caught.value.expected is DecisionStep.DELIBERATION


def test_step_4_after_step_2_is_out_of_order_not_a_failed_deliberation() -> None:
    with pytest.raises(DecisionProcedureError) as caught:
        consulted().resolve(D(2022, 3, 5))
    assert type(caught.value) is StepOutOfOrderError


def test_a_resolution_after_a_failed_deliberation_names_the_meeting_that_failed() -> None:
    with pytest.raises(DeliberationFailedError) as caught:
        deliberated(vote(9, 5, 5)).resolve(D(2022, 3, 9))
    assert str(caught.value) == (
        "'修建产业路': the Party members' meeting of 2022-03-08 did not pass the proposal, "
        "so no villagers' meeting may resolve it; expected step 3 (党员大会审议), "
        "given step 4 (村民会议或村民代表会议决议)"
    )
    assert fields(caught.value) == (
        SUBJECT,
        "the Party members' meeting of 2022-03-08 did not pass the proposal, "
        "so no villagers' meeting may resolve it",
        DecisionStep.DELIBERATION,
        DecisionStep.RESOLUTION,
        False,
        None,
        None,
    )


def test_a_step_dated_before_the_step_before_names_both_dates() -> None:
    with pytest.raises(StepDateError) as caught:
        record().propose(D(2022, 3, 10)).consult(D(2022, 3, 9))
    assert str(caught.value) == (
        "'修建产业路': a step cannot come before the step before it, "
        "step 1 (村党组织提议) of 2022-03-10; "
        "expected step 2 (村“两委”会议商议) on or after 2022-03-10, "
        "given step 2 (村“两委”会议商议) on 2022-03-09"
    )
    assert fields(caught.value) == (
        SUBJECT,
        "a step cannot come before the step before it, step 1 (村党组织提议) of 2022-03-10",
        DecisionStep.CONSULTATION,
        DecisionStep.CONSULTATION,
        False,
        D(2022, 3, 10),
        D(2022, 3, 9),
    )


def test_a_step_on_the_same_day_as_the_step_before_is_allowed() -> None:
    same_day = record().propose(D(2022, 3, 10)).consult(D(2022, 3, 10))
    assert [s.on for s in same_day.steps] == [D(2022, 3, 10), D(2022, 3, 10)]


def test_no_step_follows_a_complete_procedure() -> None:
    done = (
        deliberated(vote(9, 8, 6))
        .resolve(D(2022, 3, 9))
        .disclose_resolution(D(2022, 3, 10))
        .disclose_result(D(2022, 9, 30))
    )
    assert done.complete
    with pytest.raises(StepOutOfOrderError) as caught:
        done.disclose_result(D(2022, 10, 1))
    assert str(caught.value) == (
        "'修建产业路': the procedure is complete; expected no further step, "
        "given step 6 (实施结果公开)"
    )
    assert fields(caught.value) == (
        SUBJECT,
        "the procedure is complete",
        None,
        DecisionStep.RESULT_DISCLOSURE,
        False,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("head", "known"),
    [(False, "is not"), (None, "is not known to be")],
    ids=["separate people", "not known"],
)
def test_a_merge_is_refused_where_the_secretary_is_not_known_to_head_the_committee(
    head: bool | None, known: str
) -> None:
    with pytest.raises(MergeNotAllowedError) as caught:
        record(secretary_is_committee_head=head).propose_and_consult(D(2022, 3, 1))
    reason = (
        "steps 1 and 2 merge only where one person is both branch secretary and "
        f"committee head, which {known} the case for branch 'branch-shuangda'"
    )
    assert str(caught.value) == (
        f"'修建产业路': {reason}; expected step 1 (村党组织提议), "
        "given steps 1 and 2 merged (村党组织提议 + 村“两委”会议商议)"
    )
    assert fields(caught.value) == (
        SUBJECT,
        reason,
        DecisionStep.PROPOSAL,
        DecisionStep.PROPOSAL,
        True,
        None,
        None,
    )


def test_a_merge_after_the_proposal_is_out_of_order() -> None:
    proposed = record(secretary_is_committee_head=True).propose(D(2022, 3, 1))
    with pytest.raises(StepOutOfOrderError) as caught:
        proposed.propose_and_consult(D(2022, 3, 1))
    assert str(caught.value) == (
        "'修建产业路': steps 1 and 2 merge only at the start; expected step 2 (村“两委”会议商议), "
        "given steps 1 and 2 merged (村党组织提议 + 村“两委”会议商议)"
    )
    assert fields(caught.value) == (
        SUBJECT,
        "steps 1 and 2 merge only at the start",
        DecisionStep.CONSULTATION,
        DecisionStep.PROPOSAL,
        True,
        None,
        None,
    )


@pytest.mark.parametrize(
    "take",
    [
        lambda r, on: r.propose(on),
        lambda r, on: r.propose_and_consult(on),
    ],
    ids=["a step", "a merge"],
)
def test_a_step_date_with_a_time_of_day_is_refused_naming_the_argument(take: object) -> None:
    with pytest.raises(PeriodError) as caught:
        take(record(True), datetime.datetime(2022, 3, 1, 9, 0))  # type: ignore[operator]  # noqa: DTZ001
    assert caught.value.path == "on"
    assert caught.value.reason == "expected a date without a time of day"


def test_advance_refuses_what_is_not_a_step() -> None:
    with pytest.raises(InvalidValueError) as caught:
        record().advance("proposal", D(2022, 3, 1))  # type: ignore[arg-type]
    assert str(caught.value) == "step: expected a DecisionStep (got 'proposal')"
    assert (caught.value.path, caught.value.value) == ("step", "proposal")


@pytest.mark.parametrize(
    ("options", "value"),
    [
        ({"vote": vote(9, 8, 6)}, vote(9, 8, 6)),
        ({"params": PARAMS}, None),
    ],
    ids=["no parameters", "no vote"],
)
def test_step_3_needs_both_the_vote_count_and_the_parameters(
    options: dict[str, object], value: object
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        consulted().advance(DecisionStep.DELIBERATION, D(2022, 3, 8), **options)  # type: ignore[arg-type]
    assert caught.value.path == "vote"
    assert caught.value.value == value
    assert caught.value.reason == "step 3 (党员大会审议) needs the vote count and the parameters"


def test_a_vote_on_another_step_is_refused_naming_the_step() -> None:
    with pytest.raises(InvalidValueError) as caught:
        record().advance(DecisionStep.PROPOSAL, D(2022, 3, 1), vote=vote(9, 8, 6))
    assert (caught.value.path, caught.value.value, caught.value.reason) == (
        "vote",
        vote(9, 8, 6),
        "only step 3 has a vote, not step 1 (村党组织提议)",
    )


def test_a_deliberation_refuses_what_is_not_a_vote_count() -> None:
    with pytest.raises(InvalidValueError) as caught:
        consulted().deliberate(D(2022, 3, 8), "6 of 9", params=PARAMS)  # type: ignore[arg-type]
    assert str(caught.value) == "vote: expected a Vote (got '6 of 9')"


# -- the vote count ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((9, 10, 5), "Vote.present: more than the 9 members (got PersonCount(10))"),
        ((9, 6, 7), "Vote.in_favour: more than the 6 present (got PersonCount(7))"),
        ((0, 0, 0), "Vote.members: must be at least one (got PersonCount(0))"),
        ((9, 6, 5, 10), "Vote.members_due: more than the 9 members (got PersonCount(10))"),
        ((9, 6, 0, 0), "Vote.members_due: must be at least one (got PersonCount(0))"),
    ],
    ids=[
        "more present than members",
        "more in favour than present",
        "no member",
        "due above members",
        "nobody due",
    ],
)
def test_an_impossible_vote_count_is_refused_with_its_reason(
    args: tuple[int, ...], message: str
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        vote(*args)
    assert str(caught.value) == message
    assert caught.value.value == PersonCount(int(message.split("PersonCount(")[1][:-2]))


def test_every_member_may_be_present_due_and_in_favour() -> None:
    everyone = vote(9, 9, 9, due=9)
    assert everyone.due == PersonCount(9)
    assert vote(9, 9, 9).due == PersonCount(9)
    assert vote(9, 9, 9, due=7).due == PersonCount(7)
    assert vote(1, 0, 0).members == PersonCount(1)


# -- stored steps and replay ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"step": DecisionStep.DELIBERATION},
            "StoredStep.vote: step 3 (党员大会审议) needs the vote count (got None)",
        ),
        (
            {"step": DecisionStep.PROPOSAL, "vote": vote(1, 1, 1)},
            "StoredStep.vote: only step 3 has a vote, not step 1 (村党组织提议) "
            "(got Vote(members=PersonCount(1), present=PersonCount(1), in_favour=PersonCount(1)...)",
        ),
        (
            {"step": DecisionStep.RESOLUTION, "merged": True},
            "StoredStep.merged: only steps 1 and 2 merge, not step 4 (村民会议或村民代表会议决议) "
            "(got True)",
        ),
    ],
    ids=["step 3 without a vote", "a vote on step 1", "step 4 merged"],
)
def test_a_stored_step_is_refused_with_its_reason(options: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        StoredStep(on=D(2022, 3, 1), **options)  # type: ignore[arg-type]
    assert str(caught.value) == message


def test_steps_1_and_2_may_each_be_stored_as_merged() -> None:
    for step in (DecisionStep.PROPOSAL, DecisionStep.CONSULTATION):
        assert StoredStep(step=step, on=D(2022, 3, 1), merged=True).merged


def replay(steps: list[StoredStep], head: bool | None = True) -> DecisionRecord:
    return DecisionRecord.replay(
        steps, subject=SUBJECT, branch=branch(head), jurisdiction=LINGYUN, params=PARAMS
    )


def merged_step(step: DecisionStep, on: datetime.date) -> StoredStep:
    return StoredStep(step=step, on=on, merged=True)


def test_replaying_a_merged_step_2_first_is_refused() -> None:
    with pytest.raises(StepOutOfOrderError) as caught:
        replay([merged_step(DecisionStep.CONSULTATION, D(2022, 3, 1))])
    error = caught.value
    assert error.subject == SUBJECT
    assert error.reason == "a merged step 2 must come right after a merged step 1 of the same day"
    assert (error.expected, error.given, error.merged) == (
        DecisionStep.PROPOSAL,
        DecisionStep.CONSULTATION,
        True,
    )
    assert str(error).startswith(
        "'修建产业路': a merged step 2 must come right after a merged step 1 of the same day; "
        "expected step 1 (村党组织提议), given "
    )


def test_replaying_a_merged_step_1_alone_is_refused() -> None:
    with pytest.raises(StepOutOfOrderError) as caught:
        replay([merged_step(DecisionStep.PROPOSAL, D(2022, 3, 1))])
    assert str(caught.value) == (
        "'修建产业路': a merged step 1 must be followed by a merged step 2 of the same day, "
        "2022-03-01; expected step 2 (村“两委”会议商议), "
        "given steps 1 and 2 merged (村党组织提议 + 村“两委”会议商议)"
    )
    assert fields(caught.value) == (
        SUBJECT,
        "a merged step 1 must be followed by a merged step 2 of the same day, 2022-03-01",
        DecisionStep.CONSULTATION,
        DecisionStep.PROPOSAL,
        True,
        None,
        None,
    )


def test_replaying_a_merged_step_1_then_a_plain_step_2_names_the_plain_step() -> None:
    with pytest.raises(StepOutOfOrderError) as caught:
        replay(
            [
                merged_step(DecisionStep.PROPOSAL, D(2022, 3, 1)),
                StoredStep(step=DecisionStep.CONSULTATION, on=D(2022, 3, 1)),
            ]
        )
    assert str(caught.value) == (
        "'修建产业路': a merged step 1 must be followed by a merged step 2 of the same day, "
        "2022-03-01; expected step 2 (村“两委”会议商议), given step 2 (村“两委”会议商议) on 2022-03-01"
    )
    assert fields(caught.value)[2:] == (
        DecisionStep.CONSULTATION,
        DecisionStep.CONSULTATION,
        False,
        None,
        D(2022, 3, 1),
    )


def test_replaying_merged_steps_of_two_days_names_the_second_day() -> None:
    with pytest.raises(StepOutOfOrderError) as caught:
        replay(
            [
                merged_step(DecisionStep.PROPOSAL, D(2022, 3, 1)),
                merged_step(DecisionStep.CONSULTATION, D(2022, 3, 2)),
            ]
        )
    error = caught.value
    assert error.reason == (
        "a merged step 1 must be followed by a merged step 2 of the same day, 2022-03-01"
    )
    assert (error.expected, error.given, error.merged, error.given_on) == (
        DecisionStep.CONSULTATION,
        DecisionStep.CONSULTATION,
        True,
        D(2022, 3, 2),
    )


def test_replaying_a_merged_step_1_then_a_merged_step_3_is_refused() -> None:
    """Only a merged step 2 may follow a merged step 1 (a step 3 cannot be stored as merged)."""
    with pytest.raises(StepOutOfOrderError) as caught:
        replay(
            [
                merged_step(DecisionStep.PROPOSAL, D(2022, 3, 1)),
                merged_step(DecisionStep.PROPOSAL, D(2022, 3, 1)),
            ]
        )
    assert (caught.value.given, caught.value.merged, caught.value.given_on) == (
        DecisionStep.PROPOSAL,
        True,
        D(2022, 3, 1),
    )


def test_replaying_refuses_what_is_not_a_stored_step_naming_its_place() -> None:
    good = StoredStep(step=DecisionStep.PROPOSAL, on=D(2022, 3, 1))
    with pytest.raises(InvalidValueError) as caught:
        replay([good, "step 2"])  # type: ignore[list-item]
    assert str(caught.value) == "steps[1]: expected a StoredStep (got 'step 2')"


# -- the quorum and majority parameters ------------------------------------------------------


def test_a_local_quorum_of_every_member_is_accepted() -> None:
    """A share of exactly 1 is the highest a quorum may be."""
    everyone = supplied(PARAMS, QUORUM, "1", jurisdiction=LINGYUN)
    assert deliberated(vote(9, 9, 5), everyone).steps[-1].passed
    assert not deliberated(vote(9, 8, 8), everyone).steps[-1].passed


@pytest.mark.parametrize(
    ("name", "value"),
    [(QUORUM, "0"), (QUORUM, "3/2"), (MAJORITY, "0"), (MAJORITY, "5/4")],
    ids=["no quorum", "a quorum above all members", "no majority", "a majority above all"],
)
def test_a_share_outside_zero_to_one_is_refused_naming_the_parameter(name: str, value: str) -> None:
    params = supplied(PARAMS, name, value, jurisdiction=LINGYUN)
    with pytest.raises(InvalidValueError) as caught:
        deliberated(vote(9, 8, 6), params)
    assert caught.value.path == name
    assert caught.value.value == Fraction(value)
    assert caught.value.reason == "expected a fraction above 0 and at most 1"


# -- 三务公开 --------------------------------------------------------------------------------


def disclosures(
    published: list[datetime.date],
    matters: DisclosedMatters = DisclosedMatters.ORDINARY,
    period: Period = YEAR_2022,
) -> DisclosureCheck:
    return check_disclosures(
        published, matters=matters, period=period, params=PARAMS, jurisdiction=LINGYUN
    )


def test_ordinary_matters_missing_a_quarter_are_explained_block_by_block() -> None:
    """村务公开 at least quarterly: the third quarter of 2022 has no publication;
    the one of December 2021 lies outside the period and is not counted."""
    result = check_disclosures(
        [D(2022, 2, 1), D(2022, 5, 1), D(2022, 11, 1), D(2021, 12, 1)],
        matters=DisclosedMatters.ORDINARY,
        period=Period.calendar_year(2022),
        params=PARAMS,
        jurisdiction=LINGYUN,
    )
    assert shown(result.explanation, "en") == lines(
        "村务公开: ordinary matters published as often as required [decisions.disclosure]: "
        "not published in 1 of 4 required blocks: 2022-07 to 2022-09",
        "  because: at least one publication in every block of 3 calendar months "
        "that lies wholly inside the period",
        "  inputs:",
        "    period: 2022-01-01 to 2022-12-31",
        "    publications in the period: 3",
        "  comparisons:",
        "    publications, 2022-01 to 2022-03: 1 ≥ 1: true",
        "    publications, 2022-04 to 2022-06: 1 ≥ 1: true",
        "    publications, 2022-07 to 2022-09: 0 ≥ 1: false",
        "    publications, 2022-10 to 2022-12: 1 ≥ 1: true",
    )
    zh = shown(result.explanation, "zh").splitlines()
    assert zh[:3] == [
        "村务公开：一般事项按期公布 [decisions.disclosure]: 4个应公布周期中缺1个：2022年7月至9月",
        "  依据: 期间内每3个自然月（完整周期）至少公布一次",
        "  输入:",
    ]
    assert zh[4:] == [
        "    期间内公布次数: 3",
        "  比较:",
        "    2022年1月至3月公布次数: 1 ≥ 1: 成立",
        "    2022年4月至6月公布次数: 1 ≥ 1: 成立",
        "    2022年7月至9月公布次数: 0 ≥ 1: 不成立",
        "    2022年10月至12月公布次数: 1 ≥ 1: 成立",
    ]
    assert zh[3].startswith("    期间: ")
    assert [p.name for p in result.explanation.parameters] == [
        "decisions.disclosure.ordinary_every_months"
    ]
    assert result.matters is DisclosedMatters.ORDINARY
    assert result.period == Period.calendar_year(2022)
    assert result.every_months == 3
    assert result.frequency.name == "decisions.disclosure.ordinary_every_months"
    assert result.required == tuple(
        Slot(start=pendulum.date(2022, m, 1), end=pendulum.date(2022, m + 2, 1).end_of("month"))
        for m in (1, 4, 7, 10)
    )
    assert result.counts == (1, 1, 0, 1)
    assert [s.label() for s in result.missing] == ["2022-07 to 2022-09"]
    assert not result.complete


def test_busy_finances_missing_two_months_list_both() -> None:
    result = check_disclosures(
        [D(2022, m, 28) for m in range(1, 13) if m not in (6, 9)],
        matters=DisclosedMatters.BUSY_FINANCES,
        period=Period.calendar_year(2022),
        params=PARAMS,
        jurisdiction=LINGYUN,
    )
    en = shown(result.explanation, "en").splitlines()
    assert en[:2] == [
        "村务公开: income and spending, where finances are busy published as often as required "
        "[decisions.disclosure]: not published in 2 of 12 required blocks: 2022-06, 2022-09",
        "  because: at least one publication in every calendar month that lies wholly inside "
        "the period",
    ]
    zh = shown(result.explanation, "zh").splitlines()
    assert zh[:2] == [
        "村务公开：财务收支（集体财务往来较多的）按期公布 [decisions.disclosure]: "
        "12个应公布周期中缺2个：2022年6月、2022年9月",
        "  依据: 期间内每个自然月（完整周期）至少公布一次",
    ]
    assert result.every_months == 1
    assert len(result.counts) == 12


def test_a_quarter_of_monthly_finances_all_published_is_complete() -> None:
    quarter = Period(start=pendulum.date(2022, 1, 1), end=pendulum.date(2022, 3, 31))
    result = check_disclosures(
        [D(2022, 1, 1), D(2022, 2, 28), D(2022, 3, 31), D(2022, 4, 1)],
        matters=DisclosedMatters.BUSY_FINANCES,
        period=quarter,
        params=PARAMS,
        jurisdiction=LINGYUN,
    )
    assert result.complete
    assert result.missing == ()
    assert shown(result.explanation, "en").splitlines()[0] == (
        "村务公开: income and spending, where finances are busy published as often as required "
        "[decisions.disclosure]: published in 3 of 3 required blocks"
    )
    assert shown(result.explanation, "zh").splitlines()[0] == (
        "村务公开：财务收支（集体财务往来较多的）按期公布 [decisions.disclosure]: "
        "3个应公布周期均已公布"
    )
    assert "    publications in the period: 3" in shown(result.explanation, "en").splitlines()
    assert result.explanation.to_json()["inputs"][0]["value"] == "2022-01-01 to 2022-03-31"


def test_the_disclosure_check_refuses_what_is_not_a_kind_of_matters() -> None:
    with pytest.raises(InvalidValueError) as caught:
        disclosures([], matters="ordinary")  # type: ignore[arg-type]
    assert str(caught.value) == "matters: expected a DisclosedMatters (got 'ordinary')"


def test_a_publication_date_that_is_not_a_date_is_refused_naming_its_place() -> None:
    with pytest.raises(PeriodError) as caught:
        disclosures([D(2022, 1, 1), "2022-02-01"])  # type: ignore[list-item]
    assert caught.value.path == "disclosed_on[1]"
    assert caught.value.value == "2022-02-01"
