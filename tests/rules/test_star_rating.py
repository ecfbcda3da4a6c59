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
from hypothesis import given, settings
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
COUNTY = "county-village-2014"
TEMPLATE = "template-scheme-5-4-3"


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
    assert available_rubrics() == (CITY, COUNTY, JINAN, TEMPLATE, TIANJIN)
    for name in available_rubrics():
        rubric = load_rubric(name)
        assert rubric.name == name
        assert rubric.example is True
        assert rubric.citation.title
        assert rubric.note
        assert "guangxi" not in name
    assert {n: load_rubric(n).confidence for n in available_rubrics()} == {
        CITY: Confidence.MEDIUM,
        COUNTY: Confidence.LOW,
        JINAN: Confidence.MEDIUM,
        TEMPLATE: Confidence.LOW,
        TIANJIN: Confidence.MEDIUM,
    }
    assert load_rubric(TIANJIN).citation.title == "津西党组发〔2016〕25号"
    assert load_rubric(JINAN).citation.title == "济教工委〔2021〕23号"
    assert (
        load_rubric(CITY).citation.title == "关于从严从实做好2023年度基层党支部评星定级工作的通知"
    )


def test_the_rubrics_known_only_from_the_research_notes_say_so() -> None:
    """The 2014 county rubric and the template scheme: the notes give no title
    or issuer, so the citation describes the document and invents nothing."""
    county, template = load_rubric(COUNTY), load_rubric(TEMPLATE)
    assert county.citation.title == (
        "County rubric for rating village Party branches by star (2014), "
        "as summarised in research notes; title not recorded"
    )
    assert template.citation.title == (
        "Template scheme for rating Party branches by star (only 5, 4 and 3 stars, by quota), "
        "as summarised in research notes; title not recorded"
    )
    for rubric in (county, template):
        assert rubric.citation.issuer is None
        assert rubric.citation.date is None
        assert rubric.citation.url is None
        assert rubric.note is not None
        assert "title, issuer" in rubric.note
        assert "were not recorded" in rubric.note
        # Generic items only: one per sheet or part, labelled as generic.
        assert all("(generic)" in section.label_en for section in rubric.sections)
        assert all(len(section.items) == 1 for section in rubric.sections)


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


HAIR = "0.00000000000000000000000000001"
"""10 to the -29: a 31-digit score of 94.999... is beyond Decimal's default 28 digits."""


def test_a_score_a_hair_below_a_threshold_is_not_rounded_up_to_it() -> None:
    """Nothing is rounded: 94.99999999999999999999999999999 is below Tianjin's 95."""
    below = "94.99999999999999999999999999999"
    result = rate(without_quotas(load_rubric(TIANJIN)), [single("a", below)], 2023)
    assert result.rated("a").score.total == Decimal(below)
    assert result.rated("a").by_score is StarRating.FOUR
    assert result.rated("a").rating is StarRating.FOUR


def test_a_deduction_of_a_hair_is_not_rounded_away() -> None:
    """0.7 x (90 - 10^-29) + 0.3 x 90 is below the city notice's 90."""
    result = rate(without_quotas(load_rubric(CITY)), [city_scores("a", "90", deducted=HAIR)], 2023)
    rated = result.rated("a")
    assert rated.score.sections[0].net == Decimal("89.99999999999999999999999999999")
    assert rated.score.total == Fraction(90) - Fraction(7, 10) * Fraction(Decimal(HAIR))
    assert rated.rating is StarRating.FOUR


def test_a_sum_of_items_is_not_rounded() -> None:
    """50 + 44.99999999999999999999999999999 is below 95 too."""
    items = tuple(
        Item(id=i, label_en=i, label_zh=i, max_points=Decimal(100)) for i in ("one", "two")
    )
    rubric = Rubric(
        name="two-items",
        title_en="Two items",
        title_zh="两个项目",
        citation=SOURCE,
        example=True,
        confidence=Confidence.LOW,
        sections=(Section(id="all", label_en="all", label_zh="全部", weight=1, items=items),),
        bands=(
            Band(stars=StarRating.FIVE, min_score=Decimal(95)),
            Band(stars=StarRating.FOUR),
        ),
    )
    scores = BranchScores(
        branch_id=BranchId("a"), points={"one": "50", "two": "44.99999999999999999999999999999"}
    )
    assert score(rubric, scores).sections[0].points == Decimal("94.99999999999999999999999999999")
    assert rate(rubric, [scores], 2023).rated("a").rating is StarRating.FOUR


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


def county_sheets(branch: str, *points: str) -> BranchScores:
    """Scores under the 2014 county example: the 5-star sheet first, the 1-star sheet last."""
    sheets = ("star5", "star4", "star3", "star2", "star1")
    return BranchScores(branch_id=BranchId(branch), points=dict(zip(sheets, points, strict=True)))


def test_county_2014_each_star_is_scored_separately_from_100_and_80_earns_it() -> None:
    """A county village rubric (2014): "each star scored separately from a base of 100;
    >= 80 earns that star". One sheet per star; the branch gets the highest star
    whose sheet reaches 80, and the total of the sheets decides nothing."""
    rubric = load_rubric(COUNTY)
    assert [(b.stars.stars, b.section, b.min_score) for b in rubric.bands] == [
        (n, f"star{n}", Decimal(80)) for n in (5, 4, 3, 2, 1)
    ]
    assert all(section.max_points == 100 for section in rubric.sections)
    assert rubric.quotas == ()
    result = rate(
        rubric,
        [
            county_sheets("a", "80", "90", "90", "90", "90"),
            county_sheets("b", "79.99", "80", "100", "100", "100"),
            county_sheets("c", "0", "0", "0", "0", "80"),
            county_sheets("d", "79.99", "79.99", "79.99", "79.99", "79.99"),
            county_sheets("e", "85", "0", "0", "0", "0"),
        ],
        2014,
    )
    assert stars_of(result) == {
        "a": StarRating.FIVE,
        "b": StarRating.FOUR,
        "c": StarRating.ONE,
        "d": StarRating.UNRATED,
        # The notes do not say a higher star needs the lower ones: the file's reading.
        "e": StarRating.FIVE,
    }
    assert result.rated("d").score.total > result.rated("c").score.total
    assert (
        "net score of 5-star sheet (generic) 80 ≥ 80, the 5 stars threshold"
        in result.rated("a").explanation.branch_en
    )


def test_template_scheme_assigns_only_5_4_3_stars_by_quotas_of_10_40_30_percent() -> None:
    """A template scheme: "only 5/4/3 stars assigned, quotas 10%/40%/30%". Among
    20 branches the places are 2, 8 and 6, so 2, 10 and 16 cumulatively: the top
    two hold 5 stars, the next eight 4 stars, the next six 3 stars, four none."""
    rubric = load_rubric(TEMPLATE)
    assert rubric.stars_assigned == (StarRating.FIVE, StarRating.FOUR, StarRating.THREE)
    assert [(q.stars.stars, q.share) for q in rubric.quotas] == [
        (5, Percentage(10)),
        (4, Percentage(40)),
        (3, Percentage(30)),
    ]
    result = rate(rubric, [single(f"b{i:02}", str(60 + i)) for i in range(20)], 2023)
    assert tally(result) == {5: 2, 4: 8, 3: 6, 0: 4}
    ratings = stars_of(result)
    assert [ratings[b] for b in ("b18", "b17", "b10", "b09", "b04", "b03")] == [
        StarRating.FIVE,
        StarRating.FOUR,
        StarRating.FOUR,
        StarRating.THREE,
        StarRating.THREE,
        StarRating.UNRATED,
    ]


def test_template_scheme_passes_a_five_star_place_lost_to_a_tie_down_to_four_stars() -> None:
    """Ten branches: places 1, 4 and 3, cumulatively 1, 5 and 8. Two branches
    tie on top, so under exclude_all_tied neither holds the single five-star
    place; it passes down, and five branches hold 4 stars."""
    rubric = load_rubric(TEMPLATE)
    tied = [single("a", "90"), single("b", "90")]
    rest = [single(f"c{i}", str(80 - i)) for i in range(8)]
    result = rate(rubric, [*tied, *rest], 2023)
    assert tally(result) == {4: 5, 3: 3, 0: 2}
    assert stars_of(result)["a"] is StarRating.FOUR
    assert stars_of(result)["c2"] is StarRating.FOUR  # fifth by score, within 5 places
    assert stars_of(result)["c3"] is StarRating.THREE


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
    assert (decision.places, decision.at_or_above, decision.above, decision.passed) == (
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


def two_quotas(tie_rule: TieRule = TieRule.EXCLUDE_ALL_TIED, *vetoes: Veto) -> Rubric:
    """Tianjin's bands with quotas of 10% on both 5 and 4 stars."""
    return attrs.evolve(
        without_quotas(load_rubric(TIANJIN)),
        name="tianjin-two-quotas",
        tie_rule=tie_rule,
        vetoes=vetoes,
        quotas=(
            Quota(stars=StarRating.FIVE, share=Percentage(10)),
            Quota(stars=StarRating.FOUR, share=Percentage(10)),
        ),
    )


@pytest.mark.parametrize("tie_rule", list(TieRule), ids=lambda t: t.value)
def test_raising_a_score_into_a_tie_for_the_top_never_costs_a_star(tie_rule: TieRule) -> None:
    """Ten branches, quotas of 10% on 5 and 4 stars: one place each, two places
    for 4 stars or more. With b at 90, a holds 5 stars and b 4; when b rises to
    96 and ties a, neither holds the single five-star place under
    exclude_all_tied, but both are within the two places for 4 stars or more."""
    rubric = two_quotas(tie_rule)
    rest = [single(f"d{i}", "80") for i in range(8)]
    before = stars_of(rate(rubric, [single("a", "96"), single("b", "90"), *rest], 2023))
    after = rate(rubric, [single("a", "96"), single("b", "96"), *rest], 2023)
    assert (before["a"], before["b"]) == (StarRating.FIVE, StarRating.FOUR)
    top = StarRating.FOUR if tie_rule is TieRule.EXCLUDE_ALL_TIED else StarRating.FIVE
    assert (stars_of(after)["a"], stars_of(after)["b"]) == (top, top)
    decisions = after.rated("b").quota_decisions
    assert [(d.quota.stars.stars, d.places, d.cumulative_places) for d in decisions] == [
        (5, 1, 1),
        (4, 1, 2),
    ]
    assert [(d.candidates, d.at_or_above, d.above) for d in decisions] == [(2, 2, 0), (2, 2, 0)]


def test_places_unused_at_a_higher_star_pass_down() -> None:
    """No branch reaches five stars, so its place passes down: two branches
    hold 4 stars, the cumulative places for 4 stars or more."""
    rubric = two_quotas()
    rest = [single(f"d{i}", "80") for i in range(8)]
    result = rate(rubric, [single("a", "90"), single("b", "88"), *rest], 2023)
    assert (stars_of(result)["a"], stars_of(result)["b"]) == (StarRating.FOUR, StarRating.FOUR)
    decision = result.rated("b").quota_decisions[0]
    assert (decision.places, decision.cumulative_places, decision.candidates) == (1, 2, 2)
    assert (decision.at_or_above, decision.passed) == (2, True)


def test_a_branch_beyond_the_cumulative_places_holds_no_quota_star_above_them() -> None:
    """Vetoes make eligibility uneven: a (96) alone reaches five stars, but b
    (99) and c (98), capped at 4 stars, outscore it among the branches
    eligible for 4 stars or more, which have two places. Holding 5 stars is
    holding 4 or more, so a would be a third; it gets 3 stars, and the
    cumulative quota holds: two branches with 4 stars or more."""
    cap = Veto(
        id="cap_4", label_en="capped at 4 stars", label_zh="最高四星", caps_at=StarRating.FOUR
    )
    rubric = two_quotas(TieRule.EXCLUDE_ALL_TIED, cap)
    capped = [single("b", "99", ["cap_4"]), single("c", "98", ["cap_4"])]
    rest = [single(f"d{i}", "80") for i in range(7)]
    result = rate(rubric, [single("a", "96"), *capped, *rest], 2023)
    assert [stars_of(result)[b] for b in "abc"] == [
        StarRating.THREE,
        StarRating.FOUR,
        StarRating.FOUR,
    ]
    five, four = result.rated("a").quota_decisions
    assert (five.at_or_above, five.cumulative_places, five.passed) == (1, 1, True)
    assert (four.at_or_above, four.cumulative_places, four.passed) == (3, 2, False)
    assert result.rated("a").quota_demoted


def test_the_explanation_states_places_cumulative_places_and_the_count() -> None:
    rubric = two_quotas()
    rest = [single(f"d{i}", "80") for i in range(8)]
    result = rate(rubric, [single("a", "96"), single("b", "96"), *rest], 2023)
    branch = result.rated("a").explanation
    assert (
        "5 stars quota 10%: 10% × 10 branches rated = 1, rounded down: 1 place; "
        "cumulative places for 5 stars or more: 1; branches eligible for 5 stars or more "
        "scoring at or above this one: 2 (tie rule exclude_all_tied): beyond the places"
    ) in branch.branch_en
    assert (
        "4 stars quota 10%: 10% × 10 branches rated = 1, rounded down: 1 place; "
        "cumulative places for 4 stars or more: 2; branches eligible for 4 stars or more "
        "scoring at or above this one: 2 (tie rule exclude_all_tied): within the places"
    ) in branch.branch_en
    assert "累计名额2个" in branch.branch_zh
    assert [c.to_text("en") for c in branch.comparisons[-2:]] == [
        "5 stars quota: branches eligible for 5 stars or more scoring at or above this one "
        "≤ cumulative places [quotas[0]]: 2 ≤ 1: false",
        "4 stars quota: branches eligible for 4 stars or more scoring at or above this one "
        "≤ cumulative places [quotas[1]]: 2 ≤ 2: true",
    ]
    labels = [fact.label_en for fact in branch.inputs]
    assert "5 stars cumulative places" in labels
    assert "4 stars cumulative places" in labels
    assert "quotas are cumulative" in result.explanation.branch_en


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
        "5 stars quota: branches eligible for 5 stars or more scoring at or above this one "
        "≤ cumulative places [quotas[0]]: 1 ≤ 0: false",
    ]
    assert "30% × 3 branches rated = 0.9, rounded down: 0 places" in branch.branch_en
    assert "3个参评党支部 × 30% = 0.9，向下取整得名额0个" in branch.branch_zh
    assert "名额所限，不能获评五星" in branch.to_text("zh")
    assert "the quotas do not let the branch hold 5 stars" in branch.branch_en
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


# Quotas: for both tie rules, with quotas on one star and on several, under
# rubrics whose eligibility is nested (bands on the total) or not (vetoes
# capping some branches below stars that others reach).

TEST_VETOES = (
    Veto(
        id="cap_4",
        label_en="test: at most 4 stars",
        label_zh="测试：最高四星",
        caps_at=StarRating.FOUR,
    ),
    Veto(
        id="cap_2",
        label_en="test: at most 2 stars",
        label_zh="测试：最高二星",
        caps_at=StarRating.TWO,
    ),
    Veto(
        id="no_star", label_en="test: no star", label_zh="测试：不评星", caps_at=StarRating.UNRATED
    ),
)
VETO_SETS = st.sampled_from([(), (), (), ("cap_4",), ("cap_2",), ("no_star",), ("cap_2", "cap_4")])
NEAR_THRESHOLDS = st.sampled_from(
    [Decimal(p) for p in ("59.99", "60", "74.99", "75", "84.99", "85", "90", "94.99", "95", "100")]
)
SCORE = POINTS | NEAR_THRESHOLDS
QUOTA_CASES = pytest.mark.parametrize(
    ("tie_rule", "several"),
    [(rule, several) for rule in TieRule for several in (False, True)],
    ids=lambda v: v.value if isinstance(v, TieRule) else ("several" if v else "one"),
)
QUOTA_SETTINGS = settings(max_examples=max(settings().max_examples // 3, 10))
"""Each quota property runs in four cases: a third of the profile's examples each."""


@st.composite
def quota_rubrics(draw: st.DrawFn, tie_rule: TieRule, several: bool) -> Rubric:
    """A shipped rubric (weighted parts, bands from 60, or no bands at all)
    with test veto items and quotas of any share on one star or several."""
    base = load_rubric(draw(st.sampled_from([CITY, TIANJIN, TEMPLATE])))
    stars = list(base.stars_assigned)
    chosen = (
        draw(st.lists(st.sampled_from(stars), min_size=2, max_size=len(stars), unique=True))
        if several
        else [draw(st.sampled_from(stars))]
    )
    shares = st.integers(min_value=0, max_value=100) | st.sampled_from([10, 30, 40])
    return attrs.evolve(
        base,
        name=f"{base.name}-test-quotas",
        vetoes=TEST_VETOES,
        quotas=tuple(Quota(stars=s, share=Percentage(draw(shares))) for s in chosen),
        tie_rule=tie_rule,
        quota_rounding=draw(st.sampled_from(list(QuotaRounding))),
    )


Entry = tuple[Decimal, Decimal, tuple[str, ...]]


@st.composite
def entries(draw: st.DrawFn, min_size: int = 1, size: int = 8) -> list[Entry]:
    """Points for the first item, for the second (if any), and vetoes; few
    distinct scores, so that ties at the boundaries are common."""
    pool = draw(st.lists(SCORE, min_size=1, max_size=3))
    firsts = draw(st.lists(st.sampled_from(pool) | SCORE, min_size=min_size, max_size=size))
    return [(first, draw(st.sampled_from([first, *pool])), draw(VETO_SETS)) for first in firsts]


def entry_scores(rubric: Rubric, i: int, entry: Entry) -> BranchScores:
    first, second, vetoes = entry
    items = list(rubric.items())
    points = dict(zip(items, (first, second), strict=False))
    return BranchScores(branch_id=BranchId(f"b{i}"), points=points, vetoes=vetoes)


def rate_entries(rubric: Rubric, group: Sequence[Entry]) -> RatingResult:
    return rate(rubric, [entry_scores(rubric, i, e) for i, e in enumerate(group)], 2023)


def cumulative(rubric: Rubric, rated: int, stars: StarRating) -> int:
    return sum(
        q.places(rated, rubric.quota_rounding)
        for q in rubric.quotas
        if level(q.stars) >= level(stars)
    )


def documented_rule(rubric: Rubric, result: RatingResult) -> dict[str, StarRating]:
    """The rule of the docs, written out directly and slowly: a star with a
    quota needs, at it and at every quota star below it, the branches
    eligible for that star or more scoring at or above the branch (or above
    it, with include_all_tied) within the cumulative places."""
    rated = len(result.ratings)
    quota_stars = [q.stars for q in rubric.quotas]

    def reaches(r: Any, stars: StarRating) -> bool:
        band = rubric.band(stars)
        assert band is not None
        if band.min_score is None:
            return True
        left = r.score.total if band.section is None else r.score.section_net(band.section)
        return bool(left >= band.min_score)

    eligible = {
        r.branch_id: [
            s
            for s in rubric.stars_assigned
            if reaches(r, s) and (r.cap is None or level(s) <= level(r.cap))
        ]
        for r in result.ratings
    }
    top = {b: max((level(s) for s in e), default=0) for b, e in eligible.items()}

    def within(r: Any, stars: StarRating) -> bool:
        rivals = [o.score.total for o in result.ratings if top[o.branch_id] >= level(stars)]
        places = cumulative(rubric, rated, stars)
        if rubric.tie_rule is TieRule.EXCLUDE_ALL_TIED:
            return sum(1 for t in rivals if t >= r.score.total) <= places
        return sum(1 for t in rivals if t > r.score.total) < places

    def earns(r: Any, stars: StarRating) -> bool:
        return stars not in quota_stars or all(
            within(r, q) for q in quota_stars if level(q) <= level(stars)
        )

    return {
        r.branch_id: next((s for s in eligible[r.branch_id] if earns(r, s)), StarRating.UNRATED)
        for r in result.ratings
    }


@QUOTA_CASES
@QUOTA_SETTINGS
@given(data=st.data())
def test_a_higher_own_score_or_a_lower_rival_score_never_costs_a_branch_a_star(
    tie_rule: TieRule, several: bool, data: st.DataObject
) -> None:
    rubric = data.draw(quota_rubrics(tie_rule, several))
    group = data.draw(entries(min_size=2))
    chosen, other = data.draw(
        st.lists(
            st.integers(min_value=0, max_value=len(group) - 1), min_size=2, max_size=2, unique=True
        )
    )
    base = rate_entries(rubric, group).rated(f"b{chosen}")
    first, second, vetoes = group[chosen]
    bump = data.draw(SCORE)
    higher = [*group]
    higher[chosen] = (min(Decimal(100), first + bump), min(Decimal(100), second + bump), vetoes)
    raised_own = rate_entries(rubric, higher).rated(f"b{chosen}")
    assert raised_own.score.total >= base.score.total
    assert level(raised_own.rating) >= level(base.rating)
    first, second, vetoes = group[other]
    cut = data.draw(SCORE)
    lower = [*group]
    lower[other] = (max(Decimal(0), first - cut), max(Decimal(0), second - cut), vetoes)
    assert level(rate_entries(rubric, lower).rated(f"b{chosen}").rating) >= level(base.rating)


@QUOTA_CASES
@QUOTA_SETTINGS
@given(data=st.data())
def test_the_cumulative_quota_is_never_exceeded_except_by_ties_when_ties_are_included(
    tie_rule: TieRule, several: bool, data: st.DataObject
) -> None:
    rubric = data.draw(quota_rubrics(tie_rule, several))
    result = rate_entries(rubric, data.draw(entries(size=12)))
    rated = len(result.ratings)
    quota_stars = {q.stars for q in rubric.quotas}
    for quota in rubric.quotas:
        places = cumulative(rubric, rated, quota.stars)
        # Branches at a star without a quota are not counted: no source limits them.
        holders = [
            r
            for r in result.ratings
            if r.rating in quota_stars and level(r.rating) >= level(quota.stars)
        ]
        if tie_rule is TieRule.EXCLUDE_ALL_TIED:
            assert len(holders) <= places
            above = [s for s in rubric.stars_assigned if level(s) >= level(quota.stars)]
            if all(s in quota_stars for s in above):
                # Every star at or above has a quota: "k stars or more" are all holders.
                at_least = [r for r in result.ratings if level(r.rating) >= level(quota.stars)]
                assert len(at_least) <= places
        elif len(holders) > places:
            lowest = min(r.score.total for r in holders)
            assert sum(1 for r in holders if r.score.total > lowest) < places
    assert stars_of(result) == documented_rule(rubric, result)


@QUOTA_CASES
@QUOTA_SETTINGS
@given(data=st.data())
def test_the_rating_does_not_depend_on_the_order_of_the_branches(
    tie_rule: TieRule, several: bool, data: st.DataObject
) -> None:
    rubric = data.draw(quota_rubrics(tie_rule, several))
    scores = [entry_scores(rubric, i, e) for i, e in enumerate(data.draw(entries()))]
    shuffled = data.draw(st.permutations(scores))
    assert stars_of(rate(rubric, scores, 2023)) == stars_of(rate(rubric, shuffled, 2023))


@QUOTA_CASES
@QUOTA_SETTINGS
@given(data=st.data())
def test_a_veto_caps_the_rating_whatever_the_score(
    tie_rule: TieRule, several: bool, data: st.DataObject
) -> None:
    rubric = data.draw(quota_rubrics(tie_rule, several))
    group = data.draw(entries())
    if data.draw(st.booleans(), label="vetoed branches at full marks"):
        group = [(Decimal(100), Decimal(100), v) if v else (a, b, v) for a, b, v in group]
    result = rate_entries(rubric, group)
    for rated, (_, _, vetoes) in zip(result.ratings, group, strict=True):
        caps = [v.caps_at for v in TEST_VETOES if v.id in vetoes]
        if caps:
            assert rated.cap is min(caps, key=level)
            assert level(rated.rating) <= min(level(c) for c in caps)
        assert level(rated.rating) <= level(rated.before_quotas) <= level(rated.by_score)


@given(name=RUBRICS, group=groups(size=6))
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
