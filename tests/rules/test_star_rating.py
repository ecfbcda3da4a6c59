"""Star-rating management (星级化管理): the report's ratings, the shipped example
rubrics at their boundaries, vetoes, quotas and their tie rules, schemes that
assign only some stars, refusals of bad input, explanations, the ``rate``
command, and properties of the engine.

Every score in this file is illustrative: the source report gives the ratings
of its six branches, not their scores.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from villagemodel import (
    BranchRating,
    DatasetValidationError,
    InexactNumberError,
    InvalidValueError,
    Percentage,
    StarRating,
    datasets,
)
from villagemodel.cli import main
from villagemodel.ids import BranchId
from villagemodel.parameters import Confidence, Source
from villagemodel.rules.star_rating import (
    Band,
    BranchScores,
    Item,
    Quota,
    QuotaRounding,
    RatingResult,
    Rubric,
    Section,
    TieRule,
    UnknownRubricError,
    Veto,
    available_rubrics,
    load_rubric,
    rate,
    read_scores,
    score,
    scores_from_toml_text,
)

CITY = "city-2023-notice"
TIANJIN = "tianjin-xiqing-2016"
JINAN = "jinan-education-2021"


# -- helpers --------------------------------------------------------------------


def city_scores(branch: str, total: str | Decimal, deducted: str | None = None) -> BranchScores:
    """Scores under the 2023 city notice whose total is ``total``: both parts
    score ``total`` (0.7 x t + 0.3 x t = t), plus an optional deduction."""
    return BranchScores(
        branch_id=BranchId(branch),
        points={"basic": total, "evaluation": total},
        deductions={"deductions": deducted} if deducted else {},
    )


def single(branch: str, points: str | Decimal, vetoes: Sequence[str] = ()) -> BranchScores:
    """Scores under a rubric with one item called ``basic``."""
    return BranchScores(branch_id=BranchId(branch), points={"basic": points}, vetoes=tuple(vetoes))


def jinan_scores(
    branch: str, standard: str | Decimal, vanguard: str | Decimal, vetoes: Sequence[str] = ()
) -> BranchScores:
    return BranchScores(
        branch_id=BranchId(branch),
        points={"standard": standard, "vanguard": vanguard},
        vetoes=tuple(vetoes),
    )


def without_quotas(rubric: Rubric) -> Rubric:
    return attrs.evolve(rubric, name=f"{rubric.name}-no-quota", quotas=())


@functools.cache
def jinan_with_bands() -> Rubric:
    """The Jinan example with bands supplied by the test (the document's
    thresholds were not found): on its 200-point total, 5 stars at 180,
    4 at 160, 3 at 140, 2 at 120, 1 at 100."""
    bands = [
        Band(stars=StarRating.of(n), min_score=Decimal(threshold))
        for n, threshold in ((5, 180), (4, 160), (3, 140), (2, 120), (1, 100))
    ]
    return attrs.evolve(load_rubric(JINAN), name="jinan-test-bands", bands=tuple(bands))


def stars_of(result: RatingResult) -> dict[str, StarRating]:
    return {r.branch_id: r.rating for r in result.ratings}


def level(rating: StarRating) -> int:
    return rating.stars or 0


def tally(result: RatingResult) -> dict[int, int]:
    return {level(stars): n for stars, n in result.counts().items()}


SOURCE = Source(title="Test rubric, not a real scheme")

TEMPLATE_TOML = """
name = "template-5-4-3"
title_en = "Template scheme: 5/4/3 stars by quota"
title_zh = "模板方案：五星、四星、三星按比例评定"
example = true
confidence = "low"
note = "Built by the tests: only 5, 4 and 3 stars, quotas 10%, 40%, 30%; no score thresholds."
quota_rounding = "floor"
tie_rule = "include_all_tied"
allowed_stars = [5, 4, 3]

[citation]
title = "Template scheme (test)"

[[sections]]
id = "basic"
label_en = "rated items"
label_zh = "考评项目"
weight = 1
[[sections.items]]
id = "basic"
label_en = "rated items"
label_zh = "考评项目"
max_points = 100

[[bands]]
stars = 5
[[bands]]
stars = 4
[[bands]]
stars = 3

[[quotas]]
stars = 5
share_percent = 10
[[quotas]]
stars = 4
share_percent = 40
[[quotas]]
stars = 3
share_percent = 30
"""

PER_STAR_TOML = """
name = "county-2014-per-star"
title_en = "County village rubric, 2014: each star scored separately from 100"
title_zh = "县级村级评星细则（2014年）：各星级分别百分制计分"
example = true
confidence = "low"
note = "Built by the tests: each star has its own sheet of 100 points; 80 or more earns that star."

[citation]
title = "County village rubric 2014 (test)"

[[sections]]
id = "star1"
label_en = "1-star sheet"
label_zh = "一星考评表"
weight = 1
[[sections.items]]
id = "star1"
label_en = "1-star items"
label_zh = "一星项目"
max_points = 100

[[sections]]
id = "star2"
label_en = "2-star sheet"
label_zh = "二星考评表"
weight = 1
[[sections.items]]
id = "star2"
label_en = "2-star items"
label_zh = "二星项目"
max_points = 100

[[sections]]
id = "star3"
label_en = "3-star sheet"
label_zh = "三星考评表"
weight = 1
[[sections.items]]
id = "star3"
label_en = "3-star items"
label_zh = "三星项目"
max_points = 100

[[bands]]
stars = 3
min_score = 80
section = "star3"
[[bands]]
stars = 2
min_score = 80
section = "star2"
[[bands]]
stars = 1
min_score = 80
section = "star1"
"""


# -- the report ---------------------------------------------------------------------


def test_six_branches_one_five_star_one_four_star_four_three_star() -> None:
    """The report: "6个村中有1个村党支部被评为5星党支部，1个村被评为4星党支部，其余4个村被评为3星党支部".

    Six branch score sets that give exactly this under the 2023 city notice
    example rubric. The scores are illustrative, not from the report (which
    gives none), and which village holds which rating is not stated either:
    the assignment to the six branches is arbitrary.
    """
    branches = [b.id for b in datasets.load("lingyun-2022").branches]
    totals = ["93", "84.5", "78", "76.2", "72", "70"]
    result = rate(
        load_rubric(CITY), [city_scores(b, t) for b, t in zip(branches, totals, strict=True)], 2022
    )
    assert tally(result) == {5: 1, 4: 1, 3: 4}
    assert result.explanation.outcome_zh == "评定6个党支部：五星1个、四星1个、三星4个"
    assert all(
        isinstance(r, BranchRating) and r.rubric == CITY and r.year == 2022 for r in result.records
    )
    # 30% of 6 branches is 1.8: one five-star place, which the top branch takes.
    assert result.rated("branch-taohua").quota_decisions[0].places == 1
    assert not any(r.quota_demoted for r in result.ratings)


def test_the_quota_of_the_city_notice_allows_no_five_star_among_three_branches() -> None:
    """The city notice: "five-star branches at most 30% of all each year": 30% of 3 is 0.9, rounded down to 0."""
    result = rate(
        load_rubric(CITY),
        [city_scores("a", "95"), city_scores("b", "85"), city_scores("c", "75")],
        2023,
    )
    assert [r.rating.stars for r in result.ratings] == [4, 4, 3]
    assert result.rated("a").quota_demoted
    assert result.rated("a").by_score is StarRating.FIVE


# -- the shipped rubrics --------------------------------------------------------------


def test_the_shipped_rubrics_are_cited_examples_and_none_is_for_guangxi() -> None:
    assert available_rubrics() == (CITY, JINAN, TIANJIN)
    for name in available_rubrics():
        rubric = load_rubric(name)
        assert rubric.name == name
        assert rubric.example is True
        assert rubric.citation.title
        assert rubric.confidence is Confidence.MEDIUM
        assert rubric.note
        assert "guangxi" not in name
    assert load_rubric(TIANJIN).citation.title == "津西党组发〔2016〕25号"
    assert load_rubric(JINAN).citation.title == "济教工委〔2021〕23号"
    assert (
        load_rubric(CITY).citation.title == "关于从严从实做好2023年度基层党支部评星定级工作的通知"
    )


def test_no_rubric_is_assumed_or_shipped_for_guangxi() -> None:
    with pytest.raises(UnknownRubricError, match="no Guangxi rubric is public"):
        load_rubric("guangxi")
    with pytest.raises(UnknownRubricError, match="did you mean tianjin-xiqing-2016"):
        load_rubric("tianjin-xiqing")
    with pytest.raises(
        InvalidValueError, match="no rubric chosen: choose one explicitly with load_rubric"
    ):
        rate(None, [single("a", "90")], 2023)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="no rubric chosen"):
        rate(CITY, [single("a", "90")], 2023)  # type: ignore[arg-type]


def test_city_notice_total_is_seventy_percent_of_basic_less_deductions_plus_thirty_percent_of_evaluation() -> (
    None
):
    """The city notice: "total = 70% x (basic items - deductions) + 30% x evaluation items"."""
    result = score(
        load_rubric(CITY),
        BranchScores(
            branch_id=BranchId("a"),
            points={"basic": "90", "evaluation": "80"},
            deductions={"deductions": "5"},
        ),
    )
    assert result.total == Decimal("0.7") * (90 - 5) + Decimal("0.3") * 80 == Decimal("83.5")
    assert [s.net for s in result.sections] == [Decimal(85), Decimal(80)]
    assert load_rubric(CITY).max_total == 100


@pytest.mark.parametrize(
    ("total", "stars"),
    [
        ("100", 5),
        ("90", 5),
        ("89.99", 4),
        ("80", 4),
        ("79.99", 3),
        ("70", 3),
        ("69.99", 2),
        ("60", 2),
        ("59.99", 1),
        ("0", 1),
    ],
)
def test_city_notice_bands_5_at_90_4_at_80_3_at_70_2_at_60_1_below(total: str, stars: int) -> None:
    """The city notice: "5 stars >= 90, 4 stars 80-89, 3 stars 70-79, 2 stars 60-69, 1 star < 60"."""
    rubric = load_rubric(CITY)
    result = rate(without_quotas(rubric), [city_scores("a", total)], 2023)
    assert result.rated("a").rating is StarRating.of(stars)
    assert result.rated("a").by_score is StarRating.of(stars)


def test_city_notice_deductions_can_take_a_branch_below_every_bounded_band() -> None:
    result = rate(load_rubric(CITY), [city_scores("a", "10", deducted="50")], 2023)
    assert result.rated("a").score.total == Decimal("-25")  # 0.7 x (10 - 50) + 0.3 x 10: no floor
    assert result.rated("a").rating is StarRating.ONE


@pytest.mark.parametrize(
    ("points", "stars"),
    [
        ("100", 5),
        ("95", 5),
        ("94.99", 4),
        ("85", 4),
        ("84.99", 3),
        ("75", 3),
        ("74.99", 2),
        ("65", 2),
        ("64.99", 1),
        ("60", 1),
        ("59.99", None),
        ("0", None),
    ],
)
def test_tianjin_xiqing_bands_and_below_60_no_star(points: str, stars: int | None) -> None:
    """Tianjin Xiqing: "5 stars >= 95, 4: 85-94, 3: 75-84, 2: 65-74, 1: 60-64, below 60 no star (相对后进)"."""
    result = rate(without_quotas(load_rubric(TIANJIN)), [single("a", points)], 2023)
    assert result.rated("a").rating is StarRating.of(stars)


def test_tianjin_five_good_quota_is_ten_percent() -> None:
    """Tianjin Xiqing: "'五好党支部' at most 10%": among ten branches one place, among nine none."""
    rubric = load_rubric(TIANJIN)
    ten = [single(f"b{i}", str(96 + i % 4)) for i in range(10)]
    top = rate(rubric, [*ten[:-1], single("b9", "99.5")], 2023)
    assert top.rated("b9").rating is StarRating.FIVE
    assert tally(top) == {5: 1, 4: 9}
    nine = rate(rubric, ten[:9], 2023)
    assert StarRating.FIVE not in nine.counts()


def test_jinan_has_no_bands_and_refuses_to_rate_until_given_some() -> None:
    """The Jinan document's score thresholds were not found, so none is shipped."""
    rubric = load_rubric(JINAN)
    assert rubric.bands == ()
    with pytest.raises(
        InvalidValueError,
        match=r"Rubric\[jinan-education-2021\]\.bands: the rubric gives no score thresholds",
    ):
        rate(rubric, [jinan_scores("a", "90", "90")], 2023)
    # It can still score: the two indices, weight 1 each.
    assert score(rubric, jinan_scores("a", "90", "85.5")).total == Decimal("175.5")


@pytest.mark.parametrize(
    "veto", ["veto_case", "irregular_basics", "missing_archives", "weak_and_lax"]
)
def test_jinan_veto_means_not_three_stars_or_above(veto: str) -> None:
    """Jinan: "a veto case, seriously irregular basics, missing archives or 软弱涣散 status
    means the branch cannot be rated 3 stars or above"."""
    rubric = jinan_with_bands()
    result = rate(
        rubric, [jinan_scores("a", "100", "100", [veto]), jinan_scores("b", "50", "60")], 2023
    )
    assert result.rated("a").by_score is StarRating.FIVE
    assert result.rated("a").cap is StarRating.TWO
    assert result.rated("a").rating is StarRating.TWO
    assert result.rated("b").rating is StarRating.ONE  # 110: a veto never raises anyone
    text = result.rated("a").explanation.to_text("zh")
    assert "一票否决项" in text
    assert "最高二星" in text


def test_a_veto_below_the_lowest_star_leaves_the_branch_unrated() -> None:
    rubric = attrs.evolve(
        load_rubric(TIANJIN),
        name="tianjin-with-unrated-veto",
        vetoes=(
            Veto(
                id="serious",
                label_en="serious case",
                label_zh="严重情形",
                caps_at=StarRating.UNRATED,
            ),
        ),
    )
    result = rate(rubric, [single("a", "100", ["serious"])], 2023)
    assert result.rated("a").rating is StarRating.UNRATED
    assert "caps the rating at unrated" in result.rated("a").explanation.branch_en


# -- quotas and ties ----------------------------------------------------------------


def tied_field(tie_rule: TieRule) -> Rubric:
    return attrs.evolve(load_rubric(TIANJIN), name=f"tianjin-{tie_rule.value}", tie_rule=tie_rule)


def test_ties_at_the_quota_boundary_exclude_all_tied() -> None:
    """One place among ten; two branches tie on top: neither gets five stars."""
    scores = [single("a", "97"), single("b", "97"), *(single(f"c{i}", "90") for i in range(8))]
    result = rate(tied_field(TieRule.EXCLUDE_ALL_TIED), scores, 2023)
    assert result.rated("a").rating is StarRating.FOUR
    assert result.rated("b").rating is StarRating.FOUR
    assert result.rated("a").quota_demoted
    decision = result.rated("a").quota_decisions[0]
    assert (decision.places, decision.at_or_above, decision.above, decision.kept) == (
        1,
        2,
        0,
        False,
    )
    assert "tie rule exclude_all_tied" in result.rated("a").explanation.branch_en


def test_ties_at_the_quota_boundary_include_all_tied() -> None:
    """One place among ten; two branches tie on top: both get five stars."""
    scores = [single("a", "97"), single("b", "97"), *(single(f"c{i}", "90") for i in range(8))]
    result = rate(tied_field(TieRule.INCLUDE_ALL_TIED), scores, 2023)
    assert result.rated("a").rating is StarRating.FIVE
    assert result.rated("b").rating is StarRating.FIVE


def test_a_tie_below_the_boundary_does_not_cost_the_branch_above_it() -> None:
    scores = [
        single("a", "99"),
        single("b", "97"),
        single("c", "97"),
        *(single(f"d{i}", "90") for i in range(7)),
    ]
    for rule in TieRule:
        result = rate(tied_field(rule), scores, 2023)
        assert stars_of(result)["a"] is StarRating.FIVE
        assert stars_of(result)["b"] is StarRating.FOUR


def test_quota_places_follow_the_stated_rounding() -> None:
    quota = Quota(stars=StarRating.FIVE, share=Percentage(30))
    assert [quota.places(n, QuotaRounding.FLOOR) for n in (1, 3, 4, 6, 10)] == [0, 0, 1, 1, 3]
    assert [quota.places(n, QuotaRounding.CEILING) for n in (1, 3, 4, 6, 10)] == [1, 1, 2, 2, 3]
    assert [quota.places(n, QuotaRounding.HALF_UP) for n in (1, 3, 5, 6, 10)] == [0, 1, 2, 2, 3]


def test_a_branch_demoted_by_the_quota_keeps_its_veto_cap_and_next_star() -> None:
    """The next star down is the highest it is eligible for."""
    rubric = attrs.evolve(
        jinan_with_bands(),
        name="jinan-test-quota",
        quotas=(Quota(stars=StarRating.FIVE, share=Percentage(30)),),
    )
    scores = [
        jinan_scores("a", "95", "95"),
        jinan_scores("b", "92", "92"),
        jinan_scores("c", "90", "90", ["weak_and_lax"]),
    ]
    result = rate(rubric, scores, 2023)
    # 30% of 3 is 0.9: no five-star place; a and b fall to 4 stars, c is capped at 2.
    assert [r.rating.stars for r in result.ratings] == [4, 4, 2]
    assert result.rated("c").quota_decisions == ()


def test_a_scheme_assigning_only_5_4_3_stars_by_quota() -> None:
    """A template scheme: "only 5/4/3 stars assigned, quotas 10%/40%/30%": ten branches give
    one 5-star, four 4-star, three 3-star and two unrated."""
    rubric = Rubric.from_toml_text(TEMPLATE_TOML, origin="template.toml")
    assert rubric.stars_assigned == (StarRating.FIVE, StarRating.FOUR, StarRating.THREE)
    result = rate(rubric, [single(f"b{i}", str(50 + i)) for i in range(10)], 2023)
    assert tally(result) == {5: 1, 4: 4, 3: 3, 0: 2}
    assert stars_of(result)["b9"] is StarRating.FIVE
    assert stars_of(result)["b0"] is StarRating.UNRATED


def test_stars_not_allowed_are_never_assigned() -> None:
    rubric = attrs.evolve(
        without_quotas(load_rubric(TIANJIN)),
        name="tianjin-only-5-4-3",
        allowed_stars=(StarRating.FIVE, StarRating.FOUR, StarRating.THREE),
    )
    result = rate(rubric, [single("a", "70"), single("b", "80")], 2023)
    assert stars_of(result) == {"a": StarRating.UNRATED, "b": StarRating.THREE}
    assert "the rubric does not assign 2 stars" in result.rated("a").explanation.branch_en


def test_each_star_scored_on_its_own_sheet_at_80() -> None:
    """A 2014 county rubric: "each star scored separately from a base of 100; >= 80 earns that star"
    The rating is the highest star earned."""
    rubric = Rubric.from_toml_text(PER_STAR_TOML, origin="county.toml")

    def sheets(branch: str, one: str, two: str, three: str) -> BranchScores:
        return BranchScores(
            branch_id=BranchId(branch), points={"star1": one, "star2": two, "star3": three}
        )

    result = rate(
        rubric,
        [
            sheets("a", "90", "85", "80"),
            sheets("b", "95", "79.5", "60"),
            sheets("c", "70", "50", "40"),
        ],
        2023,
    )
    assert stars_of(result) == {"a": StarRating.THREE, "b": StarRating.ONE, "c": StarRating.UNRATED}
    assert (
        "net score of 3-star sheet 80 ≥ 80, the 3 stars threshold"
        in result.rated("a").explanation.branch_en
    )


def test_raising_a_score_into_a_tie_can_cost_a_star_when_two_stars_have_quotas() -> None:
    """A stated consequence of exclude_all_tied with quotas on two stars: b
    ties the five-star holder, both lose the five-star place and then tie for
    the single four-star place, which neither gets."""
    rubric = attrs.evolve(
        without_quotas(load_rubric(TIANJIN)),
        name="tianjin-two-quotas",
        quotas=(
            Quota(stars=StarRating.FIVE, share=Percentage(10)),
            Quota(stars=StarRating.FOUR, share=Percentage(10)),
        ),
    )
    rest = [single(f"d{i}", "80") for i in range(8)]
    before = rate(rubric, [single("a", "96"), single("b", "90"), *rest], 2023)
    after = rate(rubric, [single("a", "96"), single("b", "96"), *rest], 2023)
    assert (stars_of(before)["a"], stars_of(before)["b"]) == (StarRating.FIVE, StarRating.FOUR)
    assert (stars_of(after)["a"], stars_of(after)["b"]) == (StarRating.THREE, StarRating.THREE)


# -- bad input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        (
            BranchScores(
                branch_id=BranchId("a"), points={"basic": "90", "evaluation": "80", "extra": "1"}
            ),
            r"BranchScores\.points\.extra: rubric 'city-2023-notice' has no item with this id; items: basic, evaluation \(got 'extra'\)",
        ),
        (
            BranchScores(branch_id=BranchId("a"), points={"basic": "100.01", "evaluation": "80"}),
            r"BranchScores\.points\.basic: more than the item's maximum of 100 \(got Decimal\('100\.01'\)\)",
        ),
        (
            BranchScores(branch_id=BranchId("a"), points={"basic": "90"}),
            r"BranchScores\.points\.evaluation: no points given for this item; give 0 if none were awarded \(got None\)",
        ),
        (
            BranchScores(
                branch_id=BranchId("a"),
                points={"basic": "90", "evaluation": "80"},
                deductions={"late": "1"},
            ),
            r"BranchScores\.deductions\.late: rubric 'city-2023-notice' has no deduction with this id; deductions: deductions \(got 'late'\)",
        ),
        (
            BranchScores(
                branch_id=BranchId("a"),
                points={"basic": "90", "evaluation": "80"},
                vetoes=("weak",),
            ),
            r"BranchScores\.vetoes\[0\]: rubric 'city-2023-notice' has no veto item with this id; veto items: none \(got 'weak'\)",
        ),
    ],
)
def test_scores_that_do_not_fit_the_rubric_are_refused(scores: BranchScores, message: str) -> None:
    with pytest.raises(InvalidValueError, match=message):
        score(load_rubric(CITY), scores)


def test_bad_points_are_refused_with_path_and_value() -> None:
    with pytest.raises(
        InvalidValueError,
        match=r"BranchScores\.points\.basic: points cannot be negative .*\(got Decimal\('-1'\)\)",
    ):
        BranchScores(branch_id=BranchId("a"), points={"basic": "-1"})
    with pytest.raises(
        InexactNumberError, match=r"BranchScores\.points\.basic: a float is not exact"
    ):
        BranchScores(branch_id=BranchId("a"), points={"basic": 92.5})
    with pytest.raises(
        InvalidValueError, match=r"BranchScores\.deductions\.d: not a decimal number \(got 'two'\)"
    ):
        BranchScores(branch_id=BranchId("a"), points={}, deductions={"d": "two"})
    with pytest.raises(InvalidValueError, match=r"BranchScores\.branch_id: an id must be"):
        BranchScores(branch_id=BranchId(""), points={})


def test_rating_refuses_twice_the_same_branch_and_a_bad_year() -> None:
    rubric = load_rubric(TIANJIN)
    with pytest.raises(InvalidValueError, match=r"scores\[1\]\.branch_id: rated twice \(got 'a'\)"):
        rate(rubric, [single("a", "90"), single("a", "80")], 2023)
    with pytest.raises(
        InvalidValueError, match=r"year: a calendar year between 1949 and 2100 \(got 23\)"
    ):
        rate(rubric, [single("a", "90")], 23)
    with pytest.raises(
        InvalidValueError, match=r"scores\[0\]\.points\.basic: more than the item's maximum"
    ):
        rate(rubric, [single("a", "101")], 2023)


def test_a_deduction_beyond_its_maximum_is_refused() -> None:
    text = TEMPLATE_TOML.replace(
        "[[bands]]",
        '[[deductions]]\nid = "late"\nlabel_en = "late filing"\nlabel_zh = "逾期"\nmax_points = 5\n\n[[bands]]',
        1,
    )
    rubric = Rubric.from_toml_text(text)
    scores = BranchScores(
        branch_id=BranchId("a"), points={"basic": "90"}, deductions={"late": "5.5"}
    )
    with pytest.raises(
        InvalidValueError, match=r"deductions\.late: more than the deduction's maximum of 5"
    ):
        score(rubric, scores)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "max_points = 100",
            "max_points = 100.5",
            r"template\.toml: sections\[0\]\.items\[0\]\.max_points: a float is not exact",
        ),
        (
            "weight = 1",
            "weight = 0",
            r"template\.toml: sections\[0\]\.weight: must be more than 0 \(got Decimal\('0'\)\)",
        ),
        (
            "weight = 1",
            'weight = "1/0"',
            r"template\.toml: sections\[0\]\.weight: not a decimal number",
        ),
        (
            'tie_rule = "include_all_tied"\n',
            "",
            r"template\.toml: tie_rule: a rubric with quotas must state it",
        ),
        (
            'tie_rule = "include_all_tied"',
            'tie_rule = "coin_toss"',
            r"template\.toml: tie_rule: not one of: exclude_all_tied, include_all_tied \(got 'coin_toss'\)",
        ),
        (
            "share_percent = 40",
            "share_percent = 140",
            r"template\.toml: quotas\[1\]\.share_percent: a share must lie between 0% and 100%",
        ),
        (
            "[[bands]]\nstars = 3",
            "[[bands]]\nstars = 6",
            r"template\.toml: bands\[2\]\.stars: expected 1 to 5 stars \(got 6\)",
        ),
        (
            "allowed_stars = [5, 4, 3]",
            "allowed_stars = [5, 4, 2]",
            r"template\.toml: allowed_stars\[2\]: no band gives this star a threshold \(got '2'\)",
        ),
        (
            'confidence = "low"',
            'confidence = "sure"',
            r"template\.toml: confidence: not one of: high, medium, low",
        ),
        (
            "example = true",
            "example = true\nexamples = 1",
            r"template\.toml: examples: unknown field",
        ),
        ("example = true\n", "", r"template\.toml: example: required field is missing"),
        (
            'id = "basic"\nlabel_en = "rated items"\nlabel_zh = "考评项目"\nmax',
            'id = " basic"\nlabel_en = "rated items"\nlabel_zh = "考评项目"\nmax',
            r"template\.toml: sections\[0\]\.items\[0\]\.id: an id must be",
        ),
    ],
)
def test_bad_rubric_files_are_refused_with_path_and_value(old: str, new: str, message: str) -> None:
    assert old in TEMPLATE_TOML
    with pytest.raises(InvalidValueError, match=message):
        Rubric.from_toml_text(TEMPLATE_TOML.replace(old, new, 1), origin="template.toml")


def test_bands_must_rise_with_the_stars() -> None:
    text = load_rubric_text(TIANJIN).replace("min_score = 85", "min_score = 96")
    with pytest.raises(
        InvalidValueError,
        match=r"t\.toml: bands\[1\]\.min_score: must be lower than the threshold of the star above \(95\)",
    ):
        Rubric.from_toml_text(text, origin="t.toml")


def test_a_rubric_file_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text("name = ", encoding="utf-8")
    with pytest.raises(DatasetValidationError, match="not valid TOML"):
        Rubric.from_toml(path)


def load_rubric_text(name: str) -> str:
    folder = Path(__file__).resolve().parents[2] / "src" / "villagemodel" / "data" / "rubrics"
    return (folder / f"{name}.toml").read_text(encoding="utf-8")


def test_a_rubric_of_ones_own_loads_from_a_file(tmp_path: Path) -> None:
    """A caller's own rubric, e.g. for Guangxi once one is public."""
    path = tmp_path / "my-county.toml"
    path.write_text(
        load_rubric_text(TIANJIN).replace('name = "tianjin-xiqing-2016"', 'name = "my-county"'),
        encoding="utf-8",
    )
    rubric = Rubric.from_toml(path)
    assert rubric.name == "my-county"
    assert rate(rubric, [single("a", "96")], 2023).records[0].rubric == "my-county"


def test_rubrics_built_in_code_are_checked() -> None:
    item = Item(id="basic", label_en="items", label_zh="项目", max_points=Decimal(100))
    section = Section(id="basic", label_en="items", label_zh="项目", weight="7/10", items=(item,))
    assert section.weight == Fraction(7, 10)
    fields: dict[str, Any] = {
        "name": "code-built",
        "title_en": "Built in code",
        "title_zh": "代码构建",
        "citation": SOURCE,
        "example": True,
        "confidence": Confidence.LOW,
        "sections": (section,),
        "bands": (Band(stars=StarRating.FIVE, min_score=Decimal(60)),),
    }
    assert Rubric(**fields).stars_assigned == (StarRating.FIVE,)
    with pytest.raises(
        InvalidValueError, match=r"Rubric\.sections\[1\]\.id: used twice in the rubric"
    ):
        Rubric(**{**fields, "sections": (section, section)})
    with pytest.raises(
        InvalidValueError, match=r"Rubric\.quotas\[0\]\.stars: the rubric never assigns this star"
    ):
        Rubric(**{**fields, "quotas": (Quota(stars=StarRating.FOUR, share=Percentage(10)),)})
    with pytest.raises(InvalidValueError, match=r"Band\.min_score: a float is not exact"):
        Band(stars=StarRating.FIVE, min_score=90.0)
    with pytest.raises(InvalidValueError, match=r"Band\.stars: expected 1 to 5 stars"):
        Band(stars=StarRating.UNRATED)


# -- explanations --------------------------------------------------------------------


def test_the_explanation_names_the_rubric_its_source_and_every_comparison() -> None:
    rubric = load_rubric(CITY)
    result = rate(
        rubric, [city_scores("a", "95"), city_scores("b", "85"), city_scores("c", "75")], 2023
    )
    document = json.dumps(result.explanation.to_json(), ensure_ascii=False)
    assert CITY in document
    assert rubric.citation.title in document
    branch = result.rated("a").explanation
    assert branch.rule == "star_rating.branch"
    assert branch.outcome_en == "4 stars"
    assert branch.outcome_zh == "四星"
    assert [c.to_text("en") for c in branch.comparisons] == [
        "5 stars: total score ≥ threshold [bands[0].min_score]: 95 ≥ 90: true",
        "4 stars: total score ≥ threshold [bands[1].min_score]: 95 ≥ 80: true",
        "3 stars: total score ≥ threshold [bands[2].min_score]: 95 ≥ 70: true",
        "2 stars: total score ≥ threshold [bands[3].min_score]: 95 ≥ 60: true",
        "5 stars quota: branches at 5 stars scoring at or above this one ≤ places [quotas[0]]: 1 ≤ 0: false",
    ]
    assert "30% × 3 branches rated = 0.9, rounded down: 0 places" in branch.branch_en
    assert "3个参评党支部 × 30% = 0.9，向下取整得名额0个" in branch.branch_zh
    assert "因名额所限降级" in branch.to_text("zh")
    score_part = branch.parts[0]
    assert score_part.rule == "star_rating.score"
    assert (
        score_part.branch_en
        == "total = 0.7 × (basic items (generic) − deductions) + 0.3 × evaluation items (generic); exact, not rounded"
    )
    assert (
        "总分 = 0.7 × (基本项目（通用） − 扣分项目) + 0.3 × 评价项目（通用）"
        in score_part.branch_zh
    )


def test_a_total_without_a_finite_decimal_form_stays_a_fraction() -> None:
    text = TEMPLATE_TOML.replace("weight = 1", 'weight = "1/3"')
    rubric = Rubric.from_toml_text(text)
    result = score(rubric, single("a", "10"))
    assert str(result.total) == "10/3"
    assert result.explanation.outcome_en == "10/3 points"


# -- files and the command -------------------------------------------------------------

SCORES_TOML = """
year = 2022
[[branches]]
id = "taohua"
points = { basic = "95", evaluation = 92 }
[[branches]]
id = "chuhua"
points = { basic = "85", evaluation = 84 }
deductions = { deductions = "1" }
[[branches]]
id = "houlong"
points = { basic = "72", evaluation = 70 }
"""


def test_scores_files_are_read_and_checked() -> None:
    found = scores_from_toml_text(SCORES_TOML)
    assert found.year == 2022
    assert [b.branch_id for b in found.branches] == ["taohua", "chuhua", "houlong"]
    assert found.branches[1].deductions == {"deductions": Decimal(1)}
    with pytest.raises(
        InexactNumberError, match=r"s\.toml: branches\[0\]\.points\.basic: a float is not exact"
    ):
        scores_from_toml_text(SCORES_TOML.replace('basic = "95"', "basic = 95.5"), origin="s.toml")
    with pytest.raises(
        InvalidValueError, match=r"s\.toml: branches\[2\]\.id: required field is missing"
    ):
        scores_from_toml_text(SCORES_TOML.replace('id = "houlong"', ""), origin="s.toml")
    with pytest.raises(InvalidValueError, match=r"s\.toml: branches\[0\]\.vote: unknown field"):
        scores_from_toml_text(
            SCORES_TOML.replace('id = "taohua"', 'id = "taohua"\nvote = 1'), origin="s.toml"
        )


def write_scores(tmp_path: Path, text: str = SCORES_TOML) -> str:
    path = tmp_path / "scores.toml"
    path.write_text(text, encoding="utf-8")
    assert read_scores(path).branches
    return str(path)


def test_rate_command_text_and_json(tmp_path: Path) -> None:
    path = write_scores(tmp_path)
    runner = CliRunner()
    text = runner.invoke(main, ["rate", path, "--rubric", CITY])
    assert text.exit_code == 0, text.output
    assert "3 branches rated: 2 × 4 stars, 1 × 3 stars" in text.output
    zh = runner.invoke(main, ["rate", path, "--rubric", CITY, "--lang", "zh"])
    assert "评定3个党支部：四星2个、三星1个" in zh.output
    out = runner.invoke(
        main, ["rate", path, "--rubric", CITY, "--format", "json", "--year", "2023"]
    )
    document = json.loads(out.output)
    assert document["year"] == 2023
    assert document["rubric"]["source"]["title"] == load_rubric(CITY).citation.title
    assert [
        (r["branch_id"], r["stars"], r["score"], r["quota_demoted"]) for r in document["ratings"]
    ] == [
        ("taohua", 4, "94.1", True),
        ("chuhua", 4, "84", False),
        ("houlong", 3, "71.4", False),
    ]


def test_rate_command_lists_rubrics_and_never_assumes_one(tmp_path: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(main, ["rate", "--list-rubrics"])
    assert listed.exit_code == 0
    assert all(name in listed.output for name in available_rubrics())
    assert "No Guangxi rubric is public" in listed.output
    path = write_scores(tmp_path)
    missing = runner.invoke(main, ["rate", path])
    assert missing.exit_code == 2
    assert "no rubric is assumed" in missing.output
    unknown = runner.invoke(main, ["rate", path, "--rubric", "guangxi"])
    assert unknown.exit_code == 1
    assert "Error: no rubric is named 'guangxi'" in unknown.output


def test_rate_command_reports_bad_scores_with_path_and_value(tmp_path: Path) -> None:
    path = write_scores(tmp_path, SCORES_TOML.replace('basic = "95"', 'basic = "105"'))
    result = CliRunner().invoke(main, ["rate", path, "--rubric", CITY])
    assert result.exit_code == 1
    assert (
        "scores[0].points.basic: more than the item's maximum of 100 (got Decimal('105'))"
        in result.output
    )


def test_rate_command_takes_a_rubric_file(tmp_path: Path) -> None:
    rubric = tmp_path / "mine.toml"
    rubric.write_text(TEMPLATE_TOML, encoding="utf-8")
    scores = "year = 2023\n" + "".join(
        f'[[branches]]\nid = "b{i}"\npoints = {{ basic = {50 + i} }}\n' for i in range(10)
    )
    result = CliRunner().invoke(
        main, ["rate", write_scores(tmp_path, scores), "--rubric-file", str(rubric)]
    )
    assert result.exit_code == 0, result.output
    assert "10 branches rated: 1 × 5 stars, 4 × 4 stars, 3 × 3 stars, 2 × unrated" in result.output


# -- properties ---------------------------------------------------------------------

POINTS = st.integers(min_value=0, max_value=10000).map(lambda n: Decimal(n).scaleb(-2))
"""Points from 0 to 100 in hundredths, as exact decimals."""
RUBRICS = st.sampled_from([CITY, TIANJIN])
TIE_RULES = st.sampled_from(list(TieRule))


def rubric_for(name: str, tie_rule: TieRule) -> Rubric:
    rubric = load_rubric(name)
    return rubric if rubric.tie_rule is tie_rule else attrs.evolve(rubric, tie_rule=tie_rule)


def scores_for(rubric: Rubric, branch: str, points: Mapping[str, Decimal]) -> BranchScores:
    return BranchScores(branch_id=BranchId(branch), points={i: points[i] for i in rubric.items()})


@st.composite
def point_sets(draw: st.DrawFn) -> dict[str, Decimal]:
    """Points for every item id the properties use: the first item of each
    rubric (basic, standard) and the second (evaluation, vanguard)."""
    first, second = draw(POINTS), draw(POINTS)
    return {"basic": first, "evaluation": second, "standard": first, "vanguard": second}


@st.composite
def groups(draw: st.DrawFn, size: int = 12) -> list[dict[str, Decimal]]:
    # Few distinct values, so that ties at the quota boundary are common.
    pool = draw(st.lists(point_sets(), min_size=1, max_size=4))
    return draw(st.lists(st.sampled_from(pool) | point_sets(), min_size=1, max_size=size))


def raised(points: Mapping[str, Decimal], extra: Mapping[str, Decimal]) -> dict[str, Decimal]:
    return {key: min(Decimal(100), value + extra[key]) for key, value in points.items()}


@given(name=RUBRICS, low=point_sets(), extra=point_sets())
def test_a_higher_score_never_earns_fewer_stars(
    name: str, low: dict[str, Decimal], extra: dict[str, Decimal]
) -> None:
    rubric = without_quotas(load_rubric(name))
    high = raised(low, extra)
    result = rate(rubric, [scores_for(rubric, "low", low), scores_for(rubric, "high", high)], 2023)
    assert result.rated("high").score.total >= result.rated("low").score.total
    assert level(result.rated("high").rating) >= level(result.rated("low").rating)


@given(name=RUBRICS, tie_rule=TIE_RULES, group=groups(), data=st.data())
def test_adding_points_to_a_branch_never_lowers_its_own_stars(
    name: str, tie_rule: TieRule, group: list[dict[str, Decimal]], data: st.DataObject
) -> None:
    rubric = rubric_for(name, tie_rule)
    chosen = data.draw(st.integers(min_value=0, max_value=len(group) - 1))
    extra = data.draw(point_sets())
    before = [scores_for(rubric, f"b{i}", p) for i, p in enumerate(group)]
    after = [*before]
    after[chosen] = scores_for(rubric, f"b{chosen}", raised(group[chosen], extra))
    old = rate(rubric, before, 2023).rated(f"b{chosen}").rating
    new = rate(rubric, after, 2023).rated(f"b{chosen}").rating
    assert level(new) >= level(old)


@given(points=st.lists(POINTS, min_size=1, max_size=12), data=st.data())
def test_adding_points_never_lowers_stars_under_quotas_on_several_stars_including_ties(
    points: list[Decimal], data: st.DataObject
) -> None:
    rubric = Rubric.from_toml_text(TEMPLATE_TOML)
    chosen = data.draw(st.integers(min_value=0, max_value=len(points) - 1))
    bump = data.draw(POINTS)
    before = [single(f"b{i}", p) for i, p in enumerate(points)]
    after = [*before]
    after[chosen] = single(f"b{chosen}", min(Decimal(100), points[chosen] + bump))
    old = rate(rubric, before, 2023).rated(f"b{chosen}").rating
    new = rate(rubric, after, 2023).rated(f"b{chosen}").rating
    assert level(new) >= level(old)


JINAN_VETOES = ("veto_case", "irregular_basics", "missing_archives", "weak_and_lax")


@given(
    group=groups(),
    vetoes=st.lists(st.sets(st.sampled_from(JINAN_VETOES)), min_size=12, max_size=12),
)
def test_a_veto_caps_the_rating_whatever_the_score(
    group: list[dict[str, Decimal]], vetoes: list[set[str]]
) -> None:
    rubric = jinan_with_bands()
    scores = [
        BranchScores(
            branch_id=BranchId(f"b{i}"),
            points={"standard": p["standard"], "vanguard": p["vanguard"]},
            vetoes=tuple(sorted(vetoes[i])),
        )
        for i, p in enumerate(group)
    ]
    result = rate(rubric, scores, 2023)
    for rated, triggered in zip(result.ratings, vetoes, strict=False):
        if triggered:
            assert level(rated.rating) <= 2
            assert rated.cap is StarRating.TWO
        assert level(rated.rating) <= level(rated.by_score)


@given(name=RUBRICS, tie_rule=TIE_RULES, group=groups(size=20))
def test_the_top_star_quota_is_never_exceeded_except_by_ties_when_ties_are_included(
    name: str, tie_rule: TieRule, group: list[dict[str, Decimal]]
) -> None:
    rubric = rubric_for(name, tie_rule)
    result = rate(rubric, [scores_for(rubric, f"b{i}", p) for i, p in enumerate(group)], 2023)
    quota = rubric.quotas[0]
    places = quota.places(len(group), rubric.quota_rounding)
    holders = [r for r in result.ratings if r.rating is quota.stars]
    if tie_rule is TieRule.EXCLUDE_ALL_TIED:
        assert len(holders) <= places
    elif len(holders) > places:
        lowest = min(r.score.total for r in holders)
        assert sum(1 for r in holders if r.score.total > lowest) < places


@given(name=RUBRICS, tie_rule=TIE_RULES, group=groups(), data=st.data())
def test_the_rating_does_not_depend_on_the_order_of_the_branches(
    name: str, tie_rule: TieRule, group: list[dict[str, Decimal]], data: st.DataObject
) -> None:
    rubric = rubric_for(name, tie_rule)
    scores = [scores_for(rubric, f"b{i}", p) for i, p in enumerate(group)]
    shuffled = data.draw(st.permutations(scores))
    assert stars_of(rate(rubric, scores, 2023)) == stars_of(rate(rubric, shuffled, 2023))


@given(name=RUBRICS, group=groups())
def test_the_explanation_names_every_rubric_field_it_read(
    name: str, group: list[dict[str, Decimal]]
) -> None:
    rubric = load_rubric(name)
    result = rate(rubric, [scores_for(rubric, f"b{i}", p) for i, p in enumerate(group)], 2023)
    whole = json.dumps(result.explanation.to_json(), ensure_ascii=False)
    for needle in (
        rubric.name,
        rubric.citation.cite(),
        rubric.tie_rule.en,
        rubric.quota_rounding.en,
    ):
        assert needle in whole
    for rated in result.ratings:
        branch = rated.explanation
        document = json.dumps(branch.to_json(), ensure_ascii=False)
        assert rubric.name in document
        assert rubric.citation.cite() in document
        thresholds = [str(b.min_score) for b in rubric.bands if b.min_score is not None]
        assert [c.right for c in branch.comparisons[: len(thresholds)]] == [
            Decimal(t) for t in thresholds
        ]
        for decision in rated.quota_decisions:
            assert f"[{decision.path}.share]" in document
        assert branch.to_text("en")
        assert branch.to_text("zh")
        assert rated.record.rubric == rubric.name
