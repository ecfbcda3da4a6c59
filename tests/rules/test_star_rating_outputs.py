"""Star-rating management (星级化管理): what the engine says and refuses, word
for word. The explanations of a rubric that uses every field (weighted
sections, deductions on a section and on the total, veto items, allowed
stars, a band without a lower bound, quotas on two stars, rounding half up
and the include-all-tied rule) are pinned in both languages; so are the
descriptions of the shipped rubrics, the path, value and reason of every
refusal, and the defaults a caller relies on.

Every score in this file is illustrative.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest

from villagemodel import (
    DatasetValidationError,
    InexactNumberError,
    InvalidValueError,
    Percentage,
    StarRating,
)
from villagemodel.ids import BranchId
from villagemodel.parameters import Confidence
from villagemodel.rules.star_rating import (
    Band,
    BranchScores,
    Deduction,
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

RICH_TOML = """
name = "rich-test"
title_en = "A test rubric using every field"
title_zh = "测试细则（使用全部字段）"
example = false
confidence = "high"
note = "Built by the tests."
quota_rounding = "half_up"
tie_rule = "include_all_tied"
allowed_stars = [5, 4, 3, 1]

[citation]
title = "Test rubric"
issuer = "Test issuer"

[[sections]]
id = "core"
label_en = "core items"
label_zh = "基本项目"
weight = "0.6"
[[sections.items]]
id = "duty"
label_en = "duties"
label_zh = "职责"
max_points = 60
[[sections.items]]
id = "files"
label_en = "files"
label_zh = "档案"
max_points = 40

[[sections]]
id = "extra"
label_en = "evaluation"
label_zh = "评价"
weight = "0.4"
[[sections.items]]
id = "vote"
label_en = "vote"
label_zh = "测评"
max_points = 100

[[deductions]]
id = "late"
label_en = "late reports"
label_zh = "迟报"
max_points = 10
section = "core"

[[deductions]]
id = "fine"
label_en = "fines"
label_zh = "罚分"

[[vetoes]]
id = "weak"
label_en = "weak and lax"
label_zh = "软弱涣散"
caps_at = 2

[[vetoes]]
id = "void"
label_en = "void"
label_zh = "作废"
caps_at = "unrated"

[[bands]]
stars = 5
min_score = 90
[[bands]]
stars = 4
min_score = 80
[[bands]]
stars = 3
min_score = 70
[[bands]]
stars = 2
min_score = 60
[[bands]]
stars = 1

[[quotas]]
stars = 5
share_percent = 20
[[quotas]]
stars = 4
share_percent = 15
"""


def rich() -> Rubric:
    return Rubric.from_toml_text(RICH_TOML, origin="rich.toml")


def branch(
    ident: str,
    duty: str,
    files: str,
    vote: str,
    *,
    late: str | None = None,
    fine: str | None = None,
    vetoes: tuple[str, ...] = (),
) -> BranchScores:
    deductions = {key: value for key, value in (("late", late), ("fine", fine)) if value}
    return BranchScores(
        branch_id=BranchId(ident),
        points={"duty": duty, "files": files, "vote": vote},
        deductions=deductions,
        vetoes=vetoes,
    )


def rich_group() -> RatingResult:
    """Seven branches under the rubric using every field.

    a: 100, the single five-star place. b: 96.8 after a deduction on the core
    section, second for five stars (beyond the one place) but within the two
    places for four stars or more. c: 89.5 after a deduction on the total,
    third for four stars or more: beyond the places, so three stars. d: 82,
    vetoed at two stars, which the rubric does not assign: one star. e: 65,
    two stars by score, not assigned: one star. f: 100 but vetoed to no star.
    g: 40, one star from the band without a lower bound.
    """
    return rate(
        rich(),
        [
            branch("a", "60", "40", "100"),
            branch("b", "60", "40", "95", late="2"),
            branch("c", "55", "35", "90", fine="0.5"),
            branch("d", "50", "30", "85", vetoes=("weak",)),
            branch("e", "40", "25", "65"),
            branch("f", "60", "40", "100", vetoes=("void", "weak")),
            branch("g", "40", "20", "10"),
        ],
        2024,
    )


def head(result: RatingResult) -> Any:
    """The group explanation without the branches' parts."""
    return attrs.evolve(result.explanation, parts=())


RICH_GROUP_EN = (
    "Star rating of village Party branches (星级化管理), 2024 [star_rating.rate]: 7 branches rated: 1 × 5 stars, 1 × 4 stars, 1 × 3 stars, 3 × 1 star, 1 × unrated\n"
    "  because: rubric rich-test, A test rubric using every field (confidence high); source: Test rubric, Test issuer; bands, veto items, allowed stars and quotas applied to all branches rated together; quotas are cumulative: a star's cumulative places are the places of every quota star at or above it, so places unused above pass down; a branch holds a star with a quota only if, at that star and at every quota star below it, the branches eligible for that star or more scoring above it are fewer than the cumulative places\n"
    "  inputs:\n"
    "    rubric: rich-test\n"
    "    rubric title: 测试细则（使用全部字段）\n"
    "    rubric source: Test rubric, Test issuer\n"
    "    example rubric: no\n"
    "    confidence: high: stated in the source\n"
    "    year: 2024\n"
    "    branches rated together: 7\n"
    "    quota rounding [quota_rounding]: rounded half up\n"
    "    tie rule [tie_rule]: all branches tied at a quota's boundary get a place, beyond the quota if need be\n"
    "    5 stars quota share [quotas[0].share]: 20%\n"
    "    5 stars places: 1\n"
    "    5 stars cumulative places: 1\n"
    "    4 stars quota share [quotas[1].share]: 15%\n"
    "    4 stars places: 1\n"
    "    4 stars cumulative places: 2"
)

RICH_B_EN = (
    "Star rating of branch b, 2024, rubric rich-test [star_rating.branch]: 4 stars\n"
    "  because: total score 96.8 ≥ 90, the 5 stars threshold; quotas are cumulative: a star's cumulative places are the places of every quota star at or above it, so places unused above pass down; a branch holds a star with a quota only if, at that star and at every quota star below it, the branches eligible for that star or more scoring above it are fewer than the cumulative places; 5 stars quota 20%: 20% × 7 branches rated = 1.4, rounded half up: 1 place; cumulative places for 5 stars or more: 1; branches eligible for 5 stars or more scoring above this one: 1 (tie rule include_all_tied): beyond the places; 4 stars quota 15%: 15% × 7 branches rated = 1.05, rounded half up: 1 place; cumulative places for 4 stars or more: 2; branches eligible for 4 stars or more scoring above this one: 1 (tie rule include_all_tied): within the places; the quotas do not let the branch hold 5 stars; rating: 4 stars\n"
    "  inputs:\n"
    "    rubric: rich-test\n"
    "    rubric title: 测试细则（使用全部字段）\n"
    "    rubric source: Test rubric, Test issuer\n"
    "    example rubric: no\n"
    "    confidence: high: stated in the source\n"
    "    year: 2024\n"
    "    total score: 96.8\n"
    "    rating by score: 5 stars\n"
    "    allowed stars [allowed_stars]: 5 stars, 4 stars, 3 stars, 1 star\n"
    "    veto items triggered [vetoes]: none\n"
    "    rating before quotas: 5 stars\n"
    "    tie rule [tie_rule]: all branches tied at a quota's boundary get a place, beyond the quota if need be\n"
    "    5 stars quota share [quotas[0].share]: 20%\n"
    "    5 stars places [quota_rounding]: 1\n"
    "    5 stars cumulative places: 1\n"
    "    branches eligible for 5 stars or more: 2\n"
    "    4 stars quota share [quotas[1].share]: 15%\n"
    "    4 stars places [quota_rounding]: 1\n"
    "    4 stars cumulative places: 2\n"
    "    branches eligible for 4 stars or more: 3\n"
    "  comparisons:\n"
    "    5 stars: total score ≥ threshold [bands[0].min_score]: 96.8 ≥ 90: true\n"
    "    4 stars: total score ≥ threshold [bands[1].min_score]: 96.8 ≥ 80: true\n"
    "    3 stars: total score ≥ threshold [bands[2].min_score]: 96.8 ≥ 70: true\n"
    "    2 stars: total score ≥ threshold [bands[3].min_score]: 96.8 ≥ 60: true\n"
    "    5 stars quota: branches eligible for 5 stars or more scoring above this one < cumulative places [quotas[0]]: 1 < 1: false\n"
    "    4 stars quota: branches eligible for 4 stars or more scoring above this one < cumulative places [quotas[1]]: 1 < 2: true\n"
    "  Score of branch b under rubric rich-test [star_rating.score]: 96.8 points\n"
    "    because: total = 0.6 × (core items − late reports) + 0.4 × evaluation − fines; exact, not rounded\n"
    "    inputs:\n"
    "      rubric: rich-test\n"
    "      branch: b\n"
    "      core items / duties [duty] (max 60): 60\n"
    "      core items / files [files] (max 40): 40\n"
    "      evaluation / vote [vote] (max 100): 95\n"
    "      deduction late reports [late]: 2\n"
    "      core items: net score × weight 0.6: 98 × 0.6 = 58.8\n"
    "      evaluation: net score × weight 0.4: 95 × 0.4 = 38\n"
    "      total score: 96.8"
)

RICH_D_EN = (
    "Star rating of branch d, 2024, rubric rich-test [star_rating.branch]: 1 star\n"
    "  because: total score 82 ≥ 80, the 4 stars threshold; veto item weak and lax [weak] caps the rating at 2 stars; after veto items and allowed stars: 1 star; rating: 1 star\n"
    "  inputs:\n"
    "    rubric: rich-test\n"
    "    rubric title: 测试细则（使用全部字段）\n"
    "    rubric source: Test rubric, Test issuer\n"
    "    example rubric: no\n"
    "    confidence: high: stated in the source\n"
    "    year: 2024\n"
    "    total score: 82\n"
    "    rating by score: 4 stars\n"
    "    allowed stars [allowed_stars]: 5 stars, 4 stars, 3 stars, 1 star\n"
    "    veto items triggered [vetoes]: weak\n"
    "    veto cap: 2 stars\n"
    "    rating before quotas: 1 star\n"
    "  comparisons:\n"
    "    5 stars: total score ≥ threshold [bands[0].min_score]: 82 ≥ 90: false\n"
    "    4 stars: total score ≥ threshold [bands[1].min_score]: 82 ≥ 80: true\n"
    "    3 stars: total score ≥ threshold [bands[2].min_score]: 82 ≥ 70: true\n"
    "    2 stars: total score ≥ threshold [bands[3].min_score]: 82 ≥ 60: true\n"
    "  Score of branch d under rubric rich-test [star_rating.score]: 82 points\n"
    "    because: total = 0.6 × (core items − late reports) + 0.4 × evaluation − fines; exact, not rounded\n"
    "    inputs:\n"
    "      rubric: rich-test\n"
    "      branch: d\n"
    "      core items / duties [duty] (max 60): 50\n"
    "      core items / files [files] (max 40): 30\n"
    "      evaluation / vote [vote] (max 100): 85\n"
    "      core items: net score × weight 0.6: 80 × 0.6 = 48\n"
    "      evaluation: net score × weight 0.4: 85 × 0.4 = 34\n"
    "      total score: 82\n"
    "      veto item triggered: weak and lax [weak]: 2 stars"
)

RICH_GROUP_ZH = (
    "2024年度村党支部星级评定（星级化管理） [star_rating.rate]: 评定7个党支部：五星1个、四星1个、三星1个、一星3个、未评星1个\n"
    "  依据: 细则rich-test《测试细则（使用全部字段）》（可信度高）；来源：Test rubric, Test issuer；分数线、一票否决、评定星级及比例上限适用于全部参评党支部；名额累计计算：某星级的累计名额为该星级及以上各设名额星级的名额之和，上一星级未用的名额顺延；党支部获评设名额的星级，须在该星级及其下每个设名额的星级上，可评该星级及以上的党支部中得分高于本支部的党支部数少于累计名额\n"
    "  输入:\n"
    "    评星细则: rich-test\n"
    "    细则名称: 测试细则（使用全部字段）\n"
    "    细则来源: Test rubric, Test issuer\n"
    "    示例细则: 否\n"
    "    可信度: 高\n"
    "    年度: 2024\n"
    "    参评党支部数: 7\n"
    "    名额取整 [quota_rounding]: 四舍五入\n"
    "    并列规则 [tie_rule]: 名额边界并列者均获名额\n"
    "    五星比例上限 [quotas[0].share]: 20%\n"
    "    五星名额: 1\n"
    "    五星及以上累计名额: 1\n"
    "    四星比例上限 [quotas[1].share]: 15%\n"
    "    四星名额: 1\n"
    "    四星及以上累计名额: 2"
)

RICH_B_ZH_BODY = (
    "  依据: 总分96.8分，不低于五星分数线90分；名额累计计算：某星级的累计名额为该星级及以上各设名额星级的名额之和，上一星级未用的名额顺延；党支部获评设名额的星级，须在该星级及其下每个设名额的星级上，可评该星级及以上的党支部中得分高于本支部的党支部数少于累计名额；五星比例上限20%：7个参评党支部 × 20% = 1.4，四舍五入得名额1个；五星及以上累计名额1个；可评五星及以上且得分高于本支部的党支部1个（并列规则：名额边界并列者均获名额）：超出名额；四星比例上限15%：7个参评党支部 × 15% = 1.05，四舍五入得名额1个；四星及以上累计名额2个；可评四星及以上且得分高于本支部的党支部1个（并列规则：名额边界并列者均获名额）：在名额内；名额所限，不能获评五星；评定结果：四星\n"
    "  输入:\n"
    "    评星细则: rich-test\n"
    "    细则名称: 测试细则（使用全部字段）\n"
    "    细则来源: Test rubric, Test issuer\n"
    "    示例细则: 否\n"
    "    可信度: 高\n"
    "    年度: 2024\n"
    "    总分: 96.8\n"
    "    按得分的星级: 五星\n"
    "    评定的星级 [allowed_stars]: 五星、四星、三星、一星\n"
    "    触发的一票否决项 [vetoes]: 无\n"
    "    名额限制前星级: 五星\n"
    "    并列规则 [tie_rule]: 名额边界并列者均获名额\n"
    "    五星比例上限 [quotas[0].share]: 20%\n"
    "    五星名额 [quota_rounding]: 1\n"
    "    五星及以上累计名额: 1\n"
    "    可评五星及以上的党支部数: 2\n"
    "    四星比例上限 [quotas[1].share]: 15%\n"
    "    四星名额 [quota_rounding]: 1\n"
    "    四星及以上累计名额: 2\n"
    "    可评四星及以上的党支部数: 3\n"
    "  比较:\n"
    "    五星：总分 ≥ 分数线 [bands[0].min_score]: 96.8 ≥ 90: 成立\n"
    "    四星：总分 ≥ 分数线 [bands[1].min_score]: 96.8 ≥ 80: 成立\n"
    "    三星：总分 ≥ 分数线 [bands[2].min_score]: 96.8 ≥ 70: 成立\n"
    "    二星：总分 ≥ 分数线 [bands[3].min_score]: 96.8 ≥ 60: 成立\n"
    "    五星名额：可评五星及以上且得分高于本支部的党支部数 < 累计名额 [quotas[0]]: 1 < 1: 不成立\n"
    "    四星名额：可评四星及以上且得分高于本支部的党支部数 < 累计名额 [quotas[1]]: 1 < 2: 成立\n"
    "  党支部b按细则rich-test的得分 [star_rating.score]: 96.8分\n"
    "    依据: 总分 = 0.6 × (基本项目 − 迟报) + 0.4 × 评价 − 罚分；精确计算，不作舍入\n"
    "    输入:\n"
    "      评星细则: rich-test\n"
    "      党支部: b\n"
    "      基本项目 / 职责 [duty]（满分60）: 60\n"
    "      基本项目 / 档案 [files]（满分40）: 40\n"
    "      评价 / 测评 [vote]（满分100）: 95\n"
    "      扣分 迟报 [late]: 2\n"
    "      基本项目：净得分 × 权重0.6: 98 × 0.6 = 58.8\n"
    "      评价：净得分 × 权重0.4: 95 × 0.4 = 38\n"
    "      总分: 96.8"
)

RICH_D_ZH_BODY = (
    "  依据: 总分82分，不低于四星分数线80分；一票否决项「软弱涣散」[weak]：最高二星；经一票否决及评定星级限制后为一星；评定结果：一星\n"
    "  输入:\n"
    "    评星细则: rich-test\n"
    "    细则名称: 测试细则（使用全部字段）\n"
    "    细则来源: Test rubric, Test issuer\n"
    "    示例细则: 否\n"
    "    可信度: 高\n"
    "    年度: 2024\n"
    "    总分: 82\n"
    "    按得分的星级: 四星\n"
    "    评定的星级 [allowed_stars]: 五星、四星、三星、一星\n"
    "    触发的一票否决项 [vetoes]: weak\n"
    "    否决后最高星级: 二星\n"
    "    名额限制前星级: 一星\n"
    "  比较:\n"
    "    五星：总分 ≥ 分数线 [bands[0].min_score]: 82 ≥ 90: 不成立\n"
    "    四星：总分 ≥ 分数线 [bands[1].min_score]: 82 ≥ 80: 成立\n"
    "    三星：总分 ≥ 分数线 [bands[2].min_score]: 82 ≥ 70: 成立\n"
    "    二星：总分 ≥ 分数线 [bands[3].min_score]: 82 ≥ 60: 成立\n"
    "  党支部d按细则rich-test的得分 [star_rating.score]: 82分\n"
    "    依据: 总分 = 0.6 × (基本项目 − 迟报) + 0.4 × 评价 − 罚分；精确计算，不作舍入\n"
    "    输入:\n"
    "      评星细则: rich-test\n"
    "      党支部: d\n"
    "      基本项目 / 职责 [duty]（满分60）: 50\n"
    "      基本项目 / 档案 [files]（满分40）: 30\n"
    "      评价 / 测评 [vote]（满分100）: 85\n"
    "      基本项目：净得分 × 权重0.6: 80 × 0.6 = 48\n"
    "      评价：净得分 × 权重0.4: 85 × 0.4 = 34\n"
    "      总分: 82\n"
    "      触发一票否决项：软弱涣散 [weak]: 二星"
)


# -- explanations of the rubric using every field -------------------------------------


def test_the_group_explanation_states_the_rubric_the_rounding_the_tie_rule_and_the_places() -> None:
    result = rich_group()
    assert [r.rating.stars for r in result.ratings] == [5, 4, 3, 1, 1, None, 1]
    assert head(result).to_text("en") == RICH_GROUP_EN
    assert head(result).to_text("zh") == RICH_GROUP_ZH


def test_a_branch_beyond_the_five_star_place_but_within_the_four_star_places_says_so() -> None:
    explanation = rich_group().rated("b").explanation
    assert explanation.to_text("en") == RICH_B_EN
    title, _, body = explanation.to_text("zh").partition("\n")
    assert body == RICH_B_ZH_BODY
    assert title.startswith("党支部b")
    assert title.endswith("2024年度星级评定，细则rich-test [star_rating.branch]: 四星")


def test_a_vetoed_branch_gets_the_highest_allowed_star_within_the_cap() -> None:
    explanation = rich_group().rated("d").explanation
    assert explanation.to_text("en") == RICH_D_EN
    body = explanation.to_text("zh").partition("\n")[2]
    assert body == RICH_D_ZH_BODY


def test_a_star_the_rubric_does_not_assign_is_named_and_the_next_allowed_one_given() -> None:
    rated = rich_group().rated("e")
    assert (rated.by_score, rated.before_quotas, rated.rating) == (
        StarRating.TWO,
        StarRating.ONE,
        StarRating.ONE,
    )
    assert rated.explanation.branch_en == (
        "total score 65 ≥ 60, the 2 stars threshold; the rubric does not assign 2 stars "
        "(only 5 stars, 4 stars, 3 stars, 1 star); after veto items and allowed stars: 1 star; "
        "rating: 1 star"
    )
    assert rated.explanation.branch_zh == (
        "总分65分，不低于二星分数线60分；本细则不评定二星（只评五星、四星、三星、一星）；"
        "经一票否决及评定星级限制后为一星；评定结果：一星"
    )
    assert rated.quota_decisions == ()
    assert not rated.quota_demoted


def test_the_lowest_cap_of_several_vetoes_applies_and_each_veto_is_named() -> None:
    rated = rich_group().rated("f")
    assert rated.cap is StarRating.UNRATED
    assert rated.vetoed
    assert rated.rating is StarRating.UNRATED
    assert not rated.quota_demoted
    assert [v.id for v in rated.score.vetoes] == ["weak", "void"]
    assert rated.explanation.branch_en == (
        "total score 100 ≥ 90, the 5 stars threshold; veto item weak and lax [weak] caps the "
        "rating at 2 stars; veto item void [void] caps the rating at unrated; after veto items "
        "and allowed stars: unrated; rating: unrated"
    )
    assert rated.explanation.branch_zh == (
        "总分100分，不低于五星分数线90分；一票否决项「软弱涣散」[weak]：最高二星；"
        "一票否决项「作废」[void]：最高未评星；经一票否决及评定星级限制后为未评星；评定结果：未评星"
    )
    lines = rated.explanation.to_text("en").split("\n")
    assert "    veto items triggered [vetoes]: weak, void" in lines
    assert "    veto cap: unrated" in lines
    assert "    rating before quotas: unrated" in lines


def test_a_band_without_a_lower_bound_is_reached_by_any_score() -> None:
    rated = rich_group().rated("g")
    assert rated.explanation.branch_en == (
        "total score 40: 1 star by score (the band has no lower bound); rating: 1 star"
    )
    assert (
        rated.explanation.branch_zh == "总分40分：按得分为一星（该星级不设分数线）；评定结果：一星"
    )
    # The band without a bound has no comparison; the four bounded bands do.
    assert len(rated.explanation.comparisons) == 4


def test_a_branch_with_no_veto_and_no_quota_star_says_only_its_score_and_rating() -> None:
    rated = rich_group().rated("a")
    assert rated.cap is None
    assert not rated.vetoed
    assert [(d.path, d.passed) for d in rated.quota_decisions] == [
        ("quotas[0]", True),
        ("quotas[1]", True),
    ]
    labels = [fact.label_en for fact in rated.explanation.inputs]
    assert "veto cap" not in labels


def test_the_quota_decisions_record_every_count_compared() -> None:
    five, four = rich_group().rated("b").quota_decisions
    assert attrs.asdict(five, recurse=False) == {
        "quota": rich().quotas[0],
        "path": "quotas[0]",
        "rated": 7,
        "share_of_rated": Decimal("1.4"),
        "places": 1,
        "cumulative_places": 1,
        "candidates": 2,
        "at_or_above": 2,
        "above": 1,
        "passed": False,
    }
    assert attrs.asdict(four, recurse=False) == {
        "quota": rich().quotas[1],
        "path": "quotas[1]",
        "rated": 7,
        "share_of_rated": Decimal("1.05"),
        "places": 1,
        "cumulative_places": 2,
        "candidates": 3,
        "at_or_above": 2,
        "above": 1,
        "passed": True,
    }


def test_the_score_result_keeps_each_sections_points_deductions_net_and_weighted_score() -> None:
    result = score(rich(), branch("b", "60", "40", "95", late="2", fine="1.5"))
    core, extra = result.sections
    assert (core.points, core.deducted, core.net, core.weighted) == (
        Decimal(100),
        Decimal(2),
        Decimal(98),
        Decimal("58.8"),
    )
    assert (extra.points, extra.deducted, extra.net, extra.weighted) == (
        Decimal(95),
        Decimal(0),
        Decimal(95),
        Decimal(38),
    )
    assert result.deducted_from_total == Decimal("1.5")
    assert result.total == Decimal("95.3")
    assert result.section_net("core") == Decimal(98)
    assert result.section_net("extra") == Decimal(95)
    assert result.vetoes == ()
    assert result.cap is None
    assert result.branch_id == "b"
    lines = result.explanation.to_text("en").split("\n")
    assert "    deduction late reports [late]: 2" in lines
    assert "    deduction fines [fine]: 1.5" in lines


# -- explanations of the shipped rubrics ------------------------------------------------


CITY_GROUP_EN = (
    "Star rating of village Party branches (星级化管理), 2023 [star_rating.rate]: "
    "3 branches rated: 2 × 4 stars, 1 × 3 stars\n"
    "  because: rubric city-2023-notice, 2023 city notice on rating grassroots Party branches "
    "(100 points, 70/30 weighted) (an EXAMPLE rubric from another jurisdiction; confidence "
    "medium); source: 关于从严从实做好2023年度基层党支部评星定级工作的通知; bands, veto items, "
    "allowed stars and quotas applied to all branches rated together; quotas are cumulative: a "
    "star's cumulative places are the places of every quota star at or above it, so places "
    "unused above pass down; a branch holds a star with a quota only if, at that star and at "
    "every quota star below it, the branches eligible for that star or more scoring at or above "
    "it (itself included) are no more than the cumulative places\n"
    "  inputs:\n"
    "    rubric: city-2023-notice\n"
    "    rubric title: 2023年度基层党支部评星定级（百分制，70%/30%加权）\n"
    "    rubric source: 关于从严从实做好2023年度基层党支部评星定级工作的通知\n"
    "    example rubric: yes\n"
    "    confidence: medium: stated in a secondary or template copy\n"
    "    year: 2023\n"
    "    branches rated together: 3\n"
    "    quota rounding [quota_rounding]: rounded down\n"
    "    tie rule [tie_rule]: none of the branches tied at a quota's boundary gets a place\n"
    "    5 stars quota share [quotas[0].share]: 30%\n"
    "    5 stars places: 0\n"
    "    5 stars cumulative places: 0"
)

CITY_GROUP_ZH = (
    "2023年度村党支部星级评定（星级化管理） [star_rating.rate]: 评定3个党支部：四星2个、三星1个\n"
    "  依据: 细则city-2023-notice《2023年度基层党支部评星定级（百分制，70%/30%加权）》"
    "（外地示例细则；可信度中）；来源：关于从严从实做好2023年度基层党支部评星定级工作的通知；"
    "分数线、一票否决、评定星级及比例上限适用于全部参评党支部；名额累计计算：某星级的累计名额为"
    "该星级及以上各设名额星级的名额之和，上一星级未用的名额顺延；党支部获评设名额的星级，须在该"
    "星级及其下每个设名额的星级上，可评该星级及以上的党支部中得分不低于本支部的党支部数（含本支部）"
    "不超过累计名额\n"
    "  输入:\n"
    "    评星细则: city-2023-notice\n"
    "    细则名称: 2023年度基层党支部评星定级（百分制，70%/30%加权）\n"
    "    细则来源: 关于从严从实做好2023年度基层党支部评星定级工作的通知\n"
    "    示例细则: 是\n"
    "    可信度: 中\n"
    "    年度: 2023\n"
    "    参评党支部数: 3\n"
    "    名额取整 [quota_rounding]: 向下取整\n"
    "    并列规则 [tie_rule]: 名额边界并列者均不获名额\n"
    "    五星比例上限 [quotas[0].share]: 30%\n"
    "    五星名额: 0\n"
    "    五星及以上累计名额: 0"
)


def city_three() -> RatingResult:
    """The worked example of the star-rating guide: taohua, chuhua and houlong."""
    return rate(
        load_rubric("city-2023-notice"),
        [
            BranchScores(branch_id=BranchId("taohua"), points={"basic": "95", "evaluation": "92"}),
            BranchScores(
                branch_id=BranchId("chuhua"),
                points={"basic": "85", "evaluation": "84"},
                deductions={"deductions": "1"},
            ),
            BranchScores(branch_id=BranchId("houlong"), points={"basic": "72", "evaluation": "70"}),
        ],
        2023,
    )


def test_the_city_notice_group_explanation_in_both_languages() -> None:
    result = city_three()
    assert head(result).to_text("en") == CITY_GROUP_EN
    assert head(result).to_text("zh") == CITY_GROUP_ZH
    assert result.explanation.rule == "star_rating.rate"
    assert [part.rule for part in result.explanation.parts] == ["star_rating.branch"] * 3


def test_an_example_rubric_is_flagged_in_every_branch_title() -> None:
    explanation = city_three().rated("chuhua").explanation
    assert explanation.title_en == (
        "Star rating of branch chuhua, 2023, rubric city-2023-notice (EXAMPLE rubric)"
    )
    assert explanation.title_zh.endswith("2023年度星级评定，细则city-2023-notice（示例细则）")
    assert explanation.branch_en == "total score 84 ≥ 80, the 4 stars threshold; rating: 4 stars"
    assert explanation.branch_zh == "总分84分，不低于四星分数线80分；评定结果：四星"
    assert explanation.to_text("zh").split("\n")[2:8] == [
        "  输入:",
        "    评星细则: city-2023-notice",
        "    细则名称: 2023年度基层党支部评星定级（百分制，70%/30%加权）",
        "    细则来源: 关于从严从实做好2023年度基层党支部评星定级工作的通知",
        "    示例细则: 是",
        "    可信度: 中",
    ]
    assert explanation.parts[0].title_en == "Score of branch chuhua under rubric city-2023-notice"
    assert explanation.parts[0].title_zh == "党支部chuhua按细则city-2023-notice的得分"
    assert explanation.parts[0].outcome_zh == "84分"


def test_a_score_below_every_band_earns_no_star_and_says_so() -> None:
    result = rate(
        load_rubric("tianjin-xiqing-2016"),
        [
            BranchScores(branch_id=BranchId("x"), points={"basic": "59.5"}),
            BranchScores(branch_id=BranchId("y"), points={"basic": "60"}),
        ],
        2023,
    )
    x, y = result.ratings
    assert x.by_score is StarRating.UNRATED
    assert x.explanation.branch_en == (
        "total score 59.5 reaches no star's threshold: no star by score; rating: unrated"
    )
    assert (
        x.explanation.branch_zh == "总分59.5分，未达任何星级分数线：按得分不评星；评定结果：未评星"
    )
    assert y.rating is StarRating.ONE
    assert result.explanation.outcome_en == "2 branches rated: 1 × 1 star, 1 × unrated"
    assert result.explanation.outcome_zh == "评定2个党支部：一星1个、未评星1个"


def test_a_band_on_its_own_sheet_is_explained_with_that_sheets_net_score() -> None:
    sheets = {"star5": "70", "star4": "80", "star3": "95", "star2": "90", "star1": "100"}
    result = rate(
        load_rubric("county-village-2014"),
        [
            BranchScores(branch_id=BranchId("naliu"), points=sheets),
            BranchScores(branch_id=BranchId("other"), points={**sheets, "star4": "79.9"}),
        ],
        2014,
    )
    naliu = result.rated("naliu").explanation
    assert naliu.branch_en == (
        "net score of 4-star sheet (generic) 80 ≥ 80, the 4 stars threshold; rating: 4 stars"
    )
    assert naliu.branch_zh == "四星考评（通用）净得分80分，不低于四星分数线80分；评定结果：四星"
    assert [c.to_text("zh") for c in naliu.comparisons[:2]] == [
        "五星：五星考评（通用）净得分 ≥ 分数线 [bands[0].min_score]: 70 ≥ 80: 不成立",
        "四星：四星考评（通用）净得分 ≥ 分数线 [bands[1].min_score]: 80 ≥ 80: 成立",
    ]
    assert naliu.comparisons[1].to_text("en") == (
        "4 stars: net score of 4-star sheet (generic) ≥ threshold [bands[1].min_score]: "
        "80 ≥ 80: true"
    )
    assert result.rated("other").rating is StarRating.THREE
    # A rubric without quotas words no quota rule.
    assert "quotas are cumulative" not in result.explanation.branch_en
    assert "名额累计计算" not in result.explanation.branch_zh
    assert result.explanation.branch_en.endswith(
        "bands, veto items, allowed stars and quotas applied to all branches rated together"
    )
    assert result.explanation.branch_zh.endswith(
        "分数线、一票否决、评定星级及比例上限适用于全部参评党支部"
    )


def test_the_exclude_all_tied_clause_counts_the_branches_at_or_above() -> None:
    explanation = city_three().rated("taohua").explanation
    assert explanation.branch_zh == (
        "总分94.1分，不低于五星分数线90分；名额累计计算：某星级的累计名额为该星级及以上各设名额星级的"
        "名额之和，上一星级未用的名额顺延；党支部获评设名额的星级，须在该星级及其下每个设名额的星级上，"
        "可评该星级及以上的党支部中得分不低于本支部的党支部数（含本支部）不超过累计名额；五星比例上限30%："
        "3个参评党支部 × 30% = 0.9，向下取整得名额0个；五星及以上累计名额0个；可评五星及以上且得分不低于"
        "本支部的党支部1个（并列规则：名额边界并列者均不获名额）：超出名额；名额所限，不能获评五星；"
        "评定结果：四星"
    )
    assert explanation.branch_en == (
        "total score 94.1 ≥ 90, the 5 stars threshold; quotas are cumulative: a star's "
        "cumulative places are the places of every quota star at or above it, so places unused "
        "above pass down; a branch holds a star with a quota only if, at that star and at every "
        "quota star below it, the branches eligible for that star or more scoring at or above it "
        "(itself included) are no more than the cumulative places; 5 stars quota 30%: 30% × 3 "
        "branches rated = 0.9, rounded down: 0 places; cumulative places for 5 stars or more: 0; "
        "branches eligible for 5 stars or more scoring at or above this one: 1 (tie rule "
        "exclude_all_tied): beyond the places; the quotas do not let the branch hold 5 stars; "
        "rating: 4 stars"
    )
    assert explanation.comparisons[-1].to_text("zh") == (
        "五星名额：可评五星及以上且得分不低于本支部的党支部数 ≤ 累计名额 [quotas[0]]: 1 ≤ 0: 不成立"
    )


def test_places_of_two_or_more_are_plural_and_of_one_singular() -> None:
    rubric = attrs.evolve(
        load_rubric("tianjin-xiqing-2016"),
        quotas=(Quota(stars=StarRating.FIVE, share=Percentage(20)),),
    )
    ten = [BranchScores(branch_id=BranchId(f"b{i}"), points={"basic": 99 - i}) for i in range(10)]
    decision = rate(rubric, ten, 2023).ratings[0].quota_decisions[0]
    assert decision.places == 2
    text = rate(rubric, ten, 2023).ratings[0].explanation.branch_en
    assert "20% × 10 branches rated = 2, rounded down: 2 places;" in text


# -- descriptions ------------------------------------------------------------------------


def test_describe_names_the_rubric_its_title_the_example_flag_confidence_and_source() -> None:
    city = load_rubric("city-2023-notice")
    assert city.describe() == (
        "city-2023-notice: 2023 city notice on rating grassroots Party branches (100 points, "
        "70/30 weighted) [EXAMPLE, confidence medium]\n"
        "  source: 关于从严从实做好2023年度基层党支部评星定级工作的通知"
    )
    assert city.describe("zh") == (
        "city-2023-notice: 2023年度基层党支部评星定级（百分制，70%/30%加权） [示例细则, 可信度中]\n"
        "  来源：关于从严从实做好2023年度基层党支部评星定级工作的通知"
    )


def test_describe_leaves_out_the_example_flag_of_a_rubric_that_is_not_an_example() -> None:
    assert rich().describe("en") == (
        "rich-test: A test rubric using every field [confidence high]\n"
        "  source: Test rubric, Test issuer"
    )
    assert (
        rich().describe("zh")
        == "rich-test: 测试细则（使用全部字段） [可信度高]\n  来源：Test rubric, Test issuer"
    )


# -- refusals: rubric files -----------------------------------------------------------------


def refused(error: pytest.ExceptionInfo[InvalidValueError]) -> tuple[str, object, str]:
    return error.value.path, error.value.value, error.value.reason


@pytest.mark.parametrize(
    ("old", "new", "path", "value", "reason"),
    [
        (
            "max_points = 60",
            "max_points = 0",
            "rich.toml: sections[0].items[0].max_points",
            Decimal(0),
            "must be more than 0",
        ),
        (
            "max_points = 60",
            'max_points = "six"',
            "rich.toml: sections[0].items[0].max_points",
            "six",
            "not a decimal number",
        ),
        (
            'weight = "0.6"',
            'weight = "-1"',
            "rich.toml: sections[0].weight",
            Decimal(-1),
            "must be more than 0",
        ),
        (
            'weight = "0.6"',
            "weight = true",
            "rich.toml: sections[0].weight",
            True,
            "a bool is not a number",
        ),
        (
            "max_points = 10\nsection",
            "max_points = 0\nsection",
            "rich.toml: deductions[0].max_points",
            Decimal(0),
            "must be more than 0",
        ),
        (
            'section = "core"',
            'section = "nope"',
            "rich.toml: deductions[0].section",
            "nope",
            "no section has this id",
        ),
        (
            "[[bands]]\nstars = 1",
            '[[bands]]\nstars = 1\nsection = "nope"',
            "rich.toml: bands[4].section",
            "nope",
            "no section has this id",
        ),
        (
            "min_score = 80",
            "min_score = 90",
            "rich.toml: bands[1].min_score",
            Decimal(90),
            "must be lower than the threshold of the star above (90)",
        ),
        (
            "[[bands]]\nstars = 1",
            "[[bands]]\nstars = 2",
            "rich.toml: bands[4].stars",
            "2",
            "used twice in the rubric",
        ),
        (
            "[[bands]]\nstars = 1",
            '[[bands]]\nstars = "one"',
            "rich.toml: bands[4].stars",
            "one",
            "expected a number of stars, 1 to 5",
        ),
        (
            "[[bands]]\nstars = 1",
            '[[bands]]\nstars = "unrated"',
            "rich.toml: bands[4].stars",
            "unrated",
            "expected a number of stars, 1 to 5",
        ),
        (
            "[[bands]]\nstars = 1",
            "[[bands]]\nstars = true",
            "rich.toml: bands[4].stars",
            True,
            "expected a number of stars, 1 to 5",
        ),
        (
            "[[bands]]\nstars = 1",
            "[[bands]]\nstars = 0",
            "rich.toml: bands[4].stars",
            0,
            "expected 1 to 5 stars",
        ),
        (
            "[[bands]]\nstars = 1",
            "[[bands]]\nstars = 1\nmin_score = 50.5",
            "rich.toml: bands[4].min_score",
            50.5,
            "a float is not exact; pass a Decimal, an int or a str such as '50.5'",
        ),
        ("caps_at = 2", "caps_at = 6", "rich.toml: vetoes[0].caps_at", 6, "expected 1 to 5 stars"),
        (
            "caps_at = 2",
            'caps_at = "two"',
            "rich.toml: vetoes[0].caps_at",
            "two",
            'expected a number of stars, 1 to 5 or "unrated"',
        ),
        (
            "caps_at = 2\n",
            "",
            "rich.toml: vetoes[0].caps_at",
            None,
            "required field is missing",
        ),
        (
            'id = "void"',
            'id = "weak"',
            "rich.toml: vetoes[1].id",
            "weak",
            "used twice in the rubric",
        ),
        (
            "caps_at = 2",
            "caps_at = 2\nlimit = 1",
            "rich.toml: vetoes[0].limit",
            "limit",
            "unknown field",
        ),
        (
            'label_en = "weak and lax"\n',
            "",
            "rich.toml: vetoes[0].label_en",
            None,
            "required field is missing",
        ),
        (
            'label_zh = "作废"\n',
            "",
            "rich.toml: vetoes[1].label_zh",
            None,
            "required field is missing",
        ),
        (
            'id = "late"\n',
            "",
            "rich.toml: deductions[0].id",
            None,
            "required field is missing",
        ),
        (
            "allowed_stars = [5, 4, 3, 1]",
            "allowed_stars = [5, 4, 4, 1]",
            "rich.toml: allowed_stars[2]",
            "4",
            "expected distinct stars, 1 to 5",
        ),
        (
            "allowed_stars = [5, 4, 3, 1]",
            "allowed_stars = 5",
            "rich.toml: allowed_stars",
            5,
            "expected a list of stars",
        ),
        (
            "allowed_stars = [5, 4, 3, 1]",
            'allowed_stars = [5, "four"]',
            "rich.toml: allowed_stars[1]",
            "four",
            "expected a number of stars, 1 to 5",
        ),
        (
            "stars = 4\nshare_percent = 15",
            "stars = 2\nshare_percent = 15",
            "rich.toml: quotas[1].stars",
            "2",
            "the rubric never assigns this star",
        ),
        (
            "stars = 4\nshare_percent = 15",
            "stars = 5\nshare_percent = 15",
            "rich.toml: quotas[1].stars",
            "5",
            "used twice in the rubric",
        ),
        (
            "share_percent = 15\n",
            "",
            "rich.toml: quotas[1].share_percent",
            None,
            "required field is missing",
        ),
        (
            "share_percent = 15",
            "share_percent = 15\nshare = 1",
            "rich.toml: quotas[1].share",
            "share",
            "unknown field",
        ),
        (
            'quota_rounding = "half_up"\n',
            "",
            "rich.toml: quota_rounding",
            None,
            "a rubric with quotas must state it (no default is assumed)",
        ),
        (
            'quota_rounding = "half_up"',
            "quota_rounding = 1",
            "rich.toml: quota_rounding",
            1,
            "expected a str",
        ),
        (
            'quota_rounding = "half_up"',
            'quota_rounding = "nearest"',
            "rich.toml: quota_rounding",
            "nearest",
            "not one of: floor, ceiling, half_up",
        ),
        ('confidence = "high"', "confidence = 3", "rich.toml: confidence", 3, "expected a str"),
        (
            'weight = "0.4"\n[[sections.items]]\nid = "vote"\nlabel_en = "vote"\nlabel_zh = "测评"\nmax_points = 100\n',
            'weight = "0.4"\n',
            "rich.toml: sections[1].items",
            None,
            "required field is missing",
        ),
        (
            'weight = "0.4"\n[[sections.items]]\nid = "vote"\nlabel_en = "vote"\nlabel_zh = "测评"\nmax_points = 100\n',
            'weight = "0.4"\nitems = 3\n',
            "rich.toml: sections[1].items",
            3,
            "expected an array of tables",
        ),
        (
            'weight = "0.4"\n[[sections.items]]\nid = "vote"\nlabel_en = "vote"\nlabel_zh = "测评"\nmax_points = 100\n',
            'weight = "0.4"\nitems = []\n',
            "rich.toml: sections[1].items",
            (),
            "a section needs items",
        ),
        (
            'weight = "0.4"\n',
            "",
            "rich.toml: sections[1].weight",
            None,
            "required field is missing",
        ),
        (
            "max_points = 100\n\n[[deductions]]",
            "\n[[deductions]]",
            "rich.toml: sections[1].items[0].max_points",
            None,
            "required field is missing",
        ),
        (
            "max_points = 40",
            "max_points = 40\npoints = 1",
            "rich.toml: sections[0].items[1].points",
            "points",
            "unknown field",
        ),
        (
            'id = "files"',
            'id = "duty"',
            "rich.toml: sections[0].items[1].id",
            "duty",
            "used twice in the rubric",
        ),
        (
            'id = "extra"',
            'id = "core"',
            "rich.toml: sections[1].id",
            "core",
            "used twice in the rubric",
        ),
        (
            'id = "fine"',
            'id = "late"',
            "rich.toml: deductions[1].id",
            "late",
            "used twice in the rubric",
        ),
        (
            'issuer = "Test issuer"',
            'issuer = "Test issuer"\ndate = "2024-01-01"',
            "rich.toml: citation.date",
            "2024-01-01",
            "expected a date",
        ),
        (
            'issuer = "Test issuer"',
            'issuer = "Test issuer"\ndate = 2024-01-01T10:00:00',
            "rich.toml: citation.date",
            datetime.datetime(2024, 1, 1, 10, 0),  # noqa: DTZ001 - what the file holds
            "expected a date",
        ),
        (
            'title = "Test rubric"',
            'title = ""',
            "rich.toml: citation.title",
            "",
            "expected a non-empty str",
        ),
        (
            'title = "Test rubric"\n',
            "",
            "rich.toml: citation.title",
            None,
            "expected a non-empty str",
        ),
        (
            'issuer = "Test issuer"',
            'issuer = ""',
            "rich.toml: citation.issuer",
            "",
            "expected a non-empty str",
        ),
        (
            'issuer = "Test issuer"',
            "issuer = 5",
            "rich.toml: citation.issuer",
            5,
            "expected a non-empty str",
        ),
        (
            'issuer = "Test issuer"',
            'issuer = "Test issuer"\nurl = 5',
            "rich.toml: citation.url",
            5,
            "expected a non-empty str",
        ),
        (
            'issuer = "Test issuer"',
            'issuer = "Test issuer"\nreference = ""',
            "rich.toml: citation.reference",
            "",
            "expected a non-empty str",
        ),
        (
            'issuer = "Test issuer"',
            'issuer = "Test issuer"\nauthor = "x"',
            "rich.toml: citation.author",
            "author",
            "unknown field",
        ),
        (
            '[citation]\ntitle = "Test rubric"\nissuer = "Test issuer"',
            'citation = "Test rubric"',
            "rich.toml: citation",
            "Test rubric",
            "expected a table",
        ),
        (
            '[citation]\ntitle = "Test rubric"\nissuer = "Test issuer"\n',
            "",
            "rich.toml: citation",
            None,
            "required field is missing",
        ),
        (
            'note = "Built by the tests."',
            "note = 5",
            "rich.toml: note",
            5,
            "must be a non-empty str without surrounding spaces",
        ),
        ("example = false", 'example = "no"', "rich.toml: example", "no", "must be True or False"),
        ('name = "rich-test"\n', "", "rich.toml: name", None, "required field is missing"),
        (
            'title_en = "A test rubric using every field"\n',
            "",
            "rich.toml: title_en",
            None,
            "required field is missing",
        ),
        (
            'title_zh = "测试细则（使用全部字段）"\n',
            "",
            "rich.toml: title_zh",
            None,
            "required field is missing",
        ),
        ('confidence = "high"\n', "", "rich.toml: confidence", None, "required field is missing"),
        (
            'name = "rich-test"',
            'name = "rich-test"\nsection = 1',
            "rich.toml: section",
            "section",
            "unknown field",
        ),
        (
            'id = "void"',
            'id = ""',
            "rich.toml: vetoes[1].id",
            "",
            "an id must be 1 to 64 characters without surrounding spaces",
        ),
        (
            'id = "late"',
            'id = ""',
            "rich.toml: deductions[0].id",
            "",
            "an id must be 1 to 64 characters without surrounding spaces",
        ),
        (
            'label_en = "late reports"',
            'label_en = ""',
            "rich.toml: deductions[0].label_en",
            "",
            "must be a non-empty str without surrounding spaces",
        ),
        (
            'id = "core"',
            'id = ""',
            "rich.toml: sections[0].id",
            "",
            "an id must be 1 to 64 characters without surrounding spaces",
        ),
        (
            'id = "duty"',
            'id = ""',
            "rich.toml: sections[0].items[0].id",
            "",
            "an id must be 1 to 64 characters without surrounding spaces",
        ),
        (
            "[[bands]]\nstars = 1",
            '[[bands]]\nstars = 1\nsection = ""',
            "rich.toml: bands[4].section",
            "",
            "an id must be 1 to 64 characters without surrounding spaces",
        ),
        (
            'id = "fine"',
            'id = "fine"\nsection = " core"',
            "rich.toml: deductions[1].section",
            " core",
            "an id must be 1 to 64 characters without surrounding spaces",
        ),
        (
            "[[bands]]\nstars = 1\n",
            "",
            "rich.toml: allowed_stars[3]",
            "1",
            "no band gives this star a threshold",
        ),
        (
            'title_en = "A test rubric using every field"',
            'title_en = ""',
            "rich.toml: title_en",
            "",
            "must be a non-empty str without surrounding spaces",
        ),
        (
            'weight = "0.6"',
            'weight = "0.6"\nfactor = 1',
            "rich.toml: sections[0].factor",
            "factor",
            "unknown field",
        ),
        (
            'label_en = "duties"\n',
            "",
            "rich.toml: sections[0].items[0].label_en",
            None,
            "required field is missing",
        ),
        (
            'label_zh = "评价"\n',
            "",
            "rich.toml: sections[1].label_zh",
            None,
            "required field is missing",
        ),
        (
            "max_points = 10\nsection",
            "max_points = 1.5\nsection",
            "rich.toml: deductions[0].max_points",
            1.5,
            "a float is not exact; pass a Decimal, an int or a str such as '1.5'",
        ),
        (
            "[[bands]]\nstars = 1",
            "[[bands]]\nstars = 1\nmax = 2",
            "rich.toml: bands[4].max",
            "max",
            "unknown field",
        ),
        (
            "[[bands]]\nstars = 1",
            "[[bands]]\nmin_score = 1",
            "rich.toml: bands[4].stars",
            None,
            "required field is missing",
        ),
        (
            "stars = 4\nshare_percent = 15",
            "stars = 6\nshare_percent = 15",
            "rich.toml: quotas[1].stars",
            6,
            "expected 1 to 5 stars",
        ),
        (
            "stars = 4\nshare_percent = 15",
            "share_percent = 15",
            "rich.toml: quotas[1].stars",
            None,
            "required field is missing",
        ),
        (
            "stars = 4\nshare_percent = 15",
            'stars = "unrated"\nshare_percent = 15',
            "rich.toml: quotas[1].stars",
            "unrated",
            "expected a number of stars, 1 to 5",
        ),
        (
            "share_percent = 15",
            "share_percent = 15.5",
            "rich.toml: quotas[1].share_percent",
            15.5,
            "a float is not exact; pass a Decimal, an int or a str such as '15.5'",
        ),
    ],
)
def test_a_bad_rubric_file_is_refused_with_the_path_value_and_reason(
    old: str, new: str, path: str, value: object, reason: str
) -> None:
    assert RICH_TOML.count(old) >= 1
    with pytest.raises(InvalidValueError) as error:
        Rubric.from_toml_text(RICH_TOML.replace(old, new, 1), origin="rich.toml")
    assert refused(error) == (path, value, reason)


def test_a_rubric_file_with_no_sections_is_refused() -> None:
    text = RICH_TOML.split("[[sections]]", maxsplit=1)[0] + "[[bands]]\nstars = 1\n"
    text = text.replace('quota_rounding = "half_up"\ntie_rule = "include_all_tied"\n', "")
    text = text.replace("allowed_stars = [5, 4, 3, 1]\n", "")
    with pytest.raises(InvalidValueError) as error:
        Rubric.from_toml_text(text, origin="rich.toml")
    assert refused(error) == ("rich.toml: sections", (), "a rubric needs at least one section")


def test_an_entry_of_an_array_that_is_not_a_table_is_refused() -> None:
    start, end = RICH_TOML.index("[[deductions]]"), RICH_TOML.index("[[vetoes]]")
    text = "deductions = [1]\n" + RICH_TOML[:start] + RICH_TOML[end:]
    with pytest.raises(InvalidValueError) as error:
        Rubric.from_toml_text(text, origin="rich.toml")
    assert refused(error) == ("rich.toml: deductions[0]", 1, "expected a table")
    with pytest.raises(InvalidValueError) as error:
        Rubric.from_toml_text(
            text.replace("deductions = [1]", "deductions = 5"), origin="rich.toml"
        )
    assert refused(error) == ("rich.toml: deductions", 5, "expected an array of tables")


def test_a_rubric_file_reads_dates_urls_references_and_normalises_the_note() -> None:
    text = RICH_TOML.replace(
        'issuer = "Test issuer"',
        'issuer = "Test issuer"\ndate = 2024-01-01\nurl = "https://example.org/r"\nreference = "No. 1"',
    ).replace('note = "Built by the tests."', 'note = """Built  by\n the   tests."""')
    rubric = Rubric.from_toml_text(text)
    assert rubric.citation.date == datetime.date(2024, 1, 1)
    assert rubric.citation.url == "https://example.org/r"
    assert rubric.citation.reference == "No. 1"
    assert rubric.citation.issuer == "Test issuer"
    assert rubric.note == "Built by the tests."


def test_a_rubric_file_lists_the_allowed_stars_highest_first() -> None:
    rubric = Rubric.from_toml_text(RICH_TOML.replace("[5, 4, 3, 1]", "[1, 3, 5, 4]"))
    assert rubric.allowed_stars == (
        StarRating.FIVE,
        StarRating.FOUR,
        StarRating.THREE,
        StarRating.ONE,
    )
    assert rubric.stars_assigned == rubric.allowed_stars


def test_a_rubric_file_without_quotas_takes_the_default_rounding_and_tie_rule() -> None:
    text = RICH_TOML.split("[[quotas]]", maxsplit=1)[0].replace('quota_rounding = "half_up"\n', "")
    rubric = Rubric.from_toml_text(text.replace('tie_rule = "include_all_tied"\n', ""))
    assert rubric.quotas == ()
    assert rubric.quota_rounding is QuotaRounding.FLOOR
    assert rubric.tie_rule is TieRule.EXCLUDE_ALL_TIED


def test_the_origin_of_a_rubric_or_scores_text_defaults_to_text() -> None:
    with pytest.raises(InvalidValueError) as error:
        Rubric.from_toml_text("x = 1")
    assert refused(error) == ("<text>: x", "x", "unknown field")
    with pytest.raises(DatasetValidationError) as bad:
        Rubric.from_toml_text("x = ")
    assert [(p.path, p.value) for p in bad.value.problems] == [("<text>", None)]
    assert bad.value.problems[0].message.startswith("not valid TOML: ")
    with pytest.raises(InvalidValueError) as error:
        scores_from_toml_text("x = 1")
    assert refused(error) == ("<text>: x", "x", "unknown field")
    with pytest.raises(DatasetValidationError) as bad:
        scores_from_toml_text("x = ", origin="s.toml")
    assert [(p.path, p.value) for p in bad.value.problems] == [("s.toml", None)]
    assert bad.value.problems[0].message.startswith("not valid TOML: ")


def test_a_rubric_file_is_read_with_its_path_as_origin(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(RICH_TOML.replace("max_points = 60", "max_points = 0"), encoding="utf-8")
    with pytest.raises(InvalidValueError) as error:
        Rubric.from_toml(path)
    assert error.value.path == f"{path}: sections[0].items[0].max_points"
    path.write_text(RICH_TOML, encoding="utf-8")
    assert Rubric.from_toml(str(path)) == rich()


# -- refusals: rubrics built in code ----------------------------------------------------------


def item(max_points: object = 10) -> Item:
    return Item(id="i", label_en="items", label_zh="项目", max_points=max_points)


@pytest.mark.parametrize(
    ("build", "path", "value", "reason"),
    [
        (
            lambda: item(Decimal("Infinity")),
            "Item.max_points",
            Decimal("Infinity"),
            "must be a finite number",
        ),
        (
            lambda: item(Fraction(1, 2)),
            "Item.max_points",
            Fraction(1, 2),
            "expected a decimal number such as '12.5'",
        ),
        (
            lambda: item("1/2"),
            "Item.max_points",
            Fraction(1, 2),
            "expected a decimal number such as '12.5'",
        ),
        (lambda: item("1/x"), "Item.max_points", "1/x", "not a decimal number"),
        (lambda: item([1]), "Item.max_points", [1], "expected a Decimal, int or str, not list"),
        (lambda: item(0), "Item.max_points", Decimal(0), "must be more than 0"),
        (
            lambda: Section(id="s", label_en="s", label_zh="s", weight="1/0", items=(item(),)),
            "Section.weight",
            "1/0",
            "not a decimal number",
        ),
        (
            lambda: Section(
                id="s", label_en="s", label_zh="s", weight=Fraction(0), items=(item(),)
            ),
            "Section.weight",
            Fraction(0),
            "must be more than 0",
        ),
        (
            lambda: Deduction(id="d", label_en="d", label_zh="d", max_points="-1"),
            "Deduction.max_points",
            Decimal(-1),
            "must be more than 0",
        ),
        (
            lambda: Deduction(id="d", label_en="d", label_zh="d", max_points="1/2"),
            "Deduction.max_points",
            Fraction(1, 2),
            "expected a decimal number such as '12.5'",
        ),
        (
            lambda: Band(stars=StarRating.FIVE, min_score="1/2"),
            "Band.min_score",
            Fraction(1, 2),
            "expected a decimal number such as '12.5'",
        ),
        (lambda: Band(stars=5), "Band.stars", 5, "expected a StarRating"),  # type: ignore[arg-type]
        (
            lambda: Band(stars=StarRating.UNRATED),
            "Band.stars",
            StarRating.UNRATED,
            "expected 1 to 5 stars",
        ),
        (
            lambda: Quota(stars=StarRating.UNRATED, share=Percentage(10)),
            "Quota.stars",
            StarRating.UNRATED,
            "expected 1 to 5 stars",
        ),
        (
            lambda: Quota(stars=StarRating.FIVE, share=Percentage(101)),
            "Quota.share",
            Percentage(101),
            "a share must lie between 0% and 100%",
        ),
        (
            lambda: Quota(stars=StarRating.FIVE, share=Percentage(-1)),
            "Quota.share",
            Percentage(-1),
            "a share must lie between 0% and 100%",
        ),
    ],
)
def test_a_bad_rubric_part_built_in_code_is_refused(
    build: Any, path: str, value: object, reason: str
) -> None:
    with pytest.raises(InvalidValueError) as error:
        build()
    assert refused(error) == (path, value, reason)


def test_the_smallest_positive_maximum_and_a_zero_or_negative_threshold_are_accepted() -> None:
    assert item("0.01").max_points == Decimal("0.01")
    assert Band(stars=StarRating.ONE, min_score=0).min_score == Decimal(0)
    assert Band(stars=StarRating.ONE, min_score="-5").min_score == Decimal(-5)
    assert Quota(stars=StarRating.FIVE, share=Percentage(100)).places(3, QuotaRounding.FLOOR) == 3
    assert Quota(stars=StarRating.FIVE, share=Percentage(0)).places(3, QuotaRounding.CEILING) == 0
    assert Veto(id="v", label_en="v", label_zh="v", caps_at=StarRating.UNRATED).caps_at is (
        StarRating.UNRATED
    )


@pytest.mark.parametrize(
    ("change", "path", "value", "reason"),
    [
        ({"sections": ()}, "Rubric.sections", (), "a rubric needs at least one section"),
        (
            {"allowed_stars": (StarRating.FIVE, StarRating.UNRATED)},
            "Rubric.allowed_stars[1]",
            "unrated",
            "expected distinct stars, 1 to 5",
        ),
        ({"allowed_stars": [True]}, "Rubric.allowed_stars[0]", True, "expected a StarRating"),
        (
            {
                "bands": (Band(stars=StarRating.TWO), Band(stars=StarRating.ONE, min_score=10)),
                "allowed_stars": None,
                "quotas": (),
            },
            "Rubric.bands[1].min_score",
            Decimal(10),
            "a band below a band without a lower bound needs none either",
        ),
        (
            {
                "bands": (
                    Band(stars=StarRating.ONE, min_score=10),
                    Band(stars=StarRating.TWO, min_score=10),
                ),
                "allowed_stars": None,
                "quotas": (),
            },
            "Rubric.bands[0].min_score",
            Decimal(10),
            "must be lower than the threshold of the star above (10)",
        ),
    ],
)
def test_a_bad_rubric_built_in_code_is_refused(
    change: dict[str, Any], path: str, value: object, reason: str
) -> None:
    with pytest.raises(InvalidValueError) as error:
        attrs.evolve(rich(), **change)
    assert refused(error) == (path, value, reason)


def test_a_section_without_items_and_duplicate_deductions_are_refused_in_code() -> None:
    rubric = rich()
    empty = attrs.evolve(rubric.sections[1], items=())
    with pytest.raises(InvalidValueError) as error:
        attrs.evolve(rubric, sections=(rubric.sections[0], empty))
    assert refused(error) == ("Rubric.sections[1].items", (), "a section needs items")
    with pytest.raises(InvalidValueError) as error:
        attrs.evolve(rubric, deductions=(*rubric.deductions, rubric.deductions[0]))
    assert refused(error) == ("Rubric.deductions[2].id", "late", "used twice in the rubric")
    with pytest.raises(InvalidValueError) as error:
        attrs.evolve(rubric, vetoes=(*rubric.vetoes, rubric.vetoes[1]))
    assert refused(error) == ("Rubric.vetoes[2].id", "void", "used twice in the rubric")


def test_bands_on_a_section_are_not_ordered_with_the_bands_on_the_total() -> None:
    rubric = attrs.evolve(
        rich(),
        bands=(
            Band(stars=StarRating.FIVE, min_score=50, section="extra"),
            Band(stars=StarRating.FOUR, min_score=80),
            Band(stars=StarRating.THREE, min_score=70),
        ),
        allowed_stars=None,
        quotas=(),
    )
    assert rubric.stars_assigned == (StarRating.FIVE, StarRating.FOUR, StarRating.THREE)


def test_a_rubric_without_bands_can_hold_quotas_but_cannot_rate() -> None:
    rubric = attrs.evolve(rich(), bands=(), allowed_stars=None)
    assert rubric.stars_assigned == ()
    with pytest.raises(InvalidValueError) as error:
        rate(rubric, [], 2023)
    assert refused(error) == (
        "Rubric[rich-test].bands",
        (),
        "the rubric gives no score thresholds (its source's were not found); build a rubric "
        "with bands of your own, under a name of your own",
    )


def test_reading_a_rubric() -> None:
    rubric = rich()
    assert rubric.section("extra").label_en == "evaluation"
    with pytest.raises(InvalidValueError) as error:
        rubric.section("nope")
    assert refused(error) == ("section", "nope", "rubric 'rich-test' has no such section")
    assert rubric.band(StarRating.TWO) == Band(stars=StarRating.TWO, min_score=Decimal(60))
    assert rubric.band(StarRating.ONE) == Band(stars=StarRating.ONE)
    assert rubric.quota(StarRating.FOUR) == rubric.quotas[1]
    assert rubric.quota(StarRating.THREE) is None
    assert rubric.band(StarRating.UNRATED) is None
    assert rubric.max_total == Decimal(100)
    assert rubric.sections[0].max_points == Decimal(100)
    assert list(rubric.items()) == ["duty", "files", "vote"]
    assert rubric.items()["vote"] == (rubric.sections[1], rubric.sections[1].items[0])
    third = attrs.evolve(rubric.sections[0], weight="1/3")
    assert attrs.evolve(rubric, sections=(third, rubric.sections[1])).max_total == Fraction(220, 3)


def test_allowed_stars_given_in_code_are_sorted_highest_first() -> None:
    rubric = attrs.evolve(rich(), allowed_stars=[1, 5, 4, 3])
    assert rubric.allowed_stars == (
        StarRating.FIVE,
        StarRating.FOUR,
        StarRating.THREE,
        StarRating.ONE,
    )
    assert attrs.evolve(rich(), allowed_stars=(), quotas=()).stars_assigned == ()


# -- refusals: scores ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "path", "value", "reason"),
    [
        (
            lambda: BranchScores(branch_id=BranchId("a"), points=[1]),
            "BranchScores.points",
            [1],
            "expected a mapping of item ids to points",
        ),
        (
            lambda: BranchScores(branch_id=BranchId("a"), points={1: "1"}),
            "BranchScores.points",
            1,
            "an item id must be a non-empty str",
        ),
        (
            lambda: BranchScores(branch_id=BranchId("a"), points={"": "1"}),
            "BranchScores.points",
            "",
            "an item id must be a non-empty str",
        ),
        (
            lambda: BranchScores(branch_id=BranchId("a"), points={"x": "1/2"}),
            "BranchScores.points.x",
            Fraction(1, 2),
            "expected a decimal number such as '12.5'",
        ),
        (
            lambda: BranchScores(branch_id=BranchId("a"), points={}, deductions={"d": "-0.5"}),
            "BranchScores.deductions.d",
            Decimal("-0.5"),
            "points cannot be negative (write deductions as points taken off)",
        ),
        (
            lambda: BranchScores(branch_id=BranchId("a"), points={}, deductions=[]),
            "BranchScores.deductions",
            [],
            "expected a mapping of item ids to points",
        ),
    ],
)
def test_bad_branch_scores_are_refused(build: Any, path: str, value: object, reason: str) -> None:
    with pytest.raises(InvalidValueError) as error:
        build()
    assert refused(error) == (path, value, reason)


def test_branch_scores_default_to_no_deductions_and_no_vetoes_and_keep_zero_points() -> None:
    scores = BranchScores(branch_id=BranchId("a"), points={"x": 0, "y": "0.5"})
    assert dict(scores.points) == {"x": Decimal(0), "y": Decimal("0.5")}
    assert dict(scores.deductions) == {}
    assert scores.vetoes == ()


def scores_a(**points: str) -> BranchScores:
    return BranchScores(
        branch_id=BranchId("a"), points={"duty": 1, "files": 1, "vote": 1, **points}
    )


@pytest.mark.parametrize(
    ("scores", "path", "value", "reason"),
    [
        (
            BranchScores(branch_id=BranchId("a"), points={}),
            "BranchScores.points.duty",
            None,
            "no points given for this item; give 0 if none were awarded",
        ),
        (
            scores_a(vote="100.5"),
            "BranchScores.points.vote",
            Decimal("100.5"),
            "more than the item's maximum of 100",
        ),
        (
            scores_a(extra="1"),
            "BranchScores.points.extra",
            "extra",
            "rubric 'rich-test' has no item with this id; items: duty, files, vote",
        ),
        (
            attrs.evolve(scores_a(), deductions={"late": "10.5"}),
            "BranchScores.deductions.late",
            Decimal("10.5"),
            "more than the deduction's maximum of 10",
        ),
        (
            attrs.evolve(scores_a(), deductions={"bonus": "1"}),
            "BranchScores.deductions.bonus",
            "bonus",
            "rubric 'rich-test' has no deduction with this id; deductions: late, fine",
        ),
        (
            attrs.evolve(scores_a(), vetoes=("weak", "nope")),
            "BranchScores.vetoes[1]",
            "nope",
            "rubric 'rich-test' has no veto item with this id; veto items: void, weak",
        ),
    ],
)
def test_scores_that_do_not_fit_the_rubric_are_refused_with_path_value_and_reason(
    scores: BranchScores, path: str, value: object, reason: str
) -> None:
    with pytest.raises(InvalidValueError) as error:
        score(rich(), scores)
    assert refused(error) == (path, value, reason)
    with pytest.raises(InvalidValueError) as error:
        score(rich(), scores, path="branches[3]")
    assert error.value.path == path.replace("BranchScores", "branches[3]")


def test_a_deduction_under_a_rubric_without_deductions_is_refused() -> None:
    rubric = attrs.evolve(rich(), deductions=())
    with pytest.raises(InvalidValueError) as error:
        score(rubric, attrs.evolve(scores_a(), deductions={"late": "1"}))
    assert refused(error) == (
        "BranchScores.deductions.late",
        "late",
        "rubric 'rich-test' has no deduction with this id; deductions: none",
    )


def test_a_score_on_its_own_words_its_formula_in_both_languages() -> None:
    explanation = score(rich(), scores_a()).explanation
    assert explanation.branch_en == (
        "total = 0.6 × (core items − late reports) + 0.4 × evaluation − fines; exact, not rounded"
    )
    assert (
        explanation.branch_zh
        == "总分 = 0.6 × (基本项目 − 迟报) + 0.4 × 评价 − 罚分；精确计算，不作舍入"
    )


def test_points_and_deductions_at_their_maximum_are_accepted() -> None:
    full = BranchScores(
        branch_id=BranchId("a"),
        points={"duty": 60, "files": 40, "vote": 100},
        deductions={"late": 10, "fine": "150"},
    )
    result = score(rich(), full)
    # Nothing is floored at zero: 0.6 x 90 + 0.4 x 100 - 150.
    assert result.total == Decimal(-56)


def test_score_and_rate_refuse_anything_but_a_rubric_and_branch_scores() -> None:
    choose = (
        "choose one explicitly with load_rubric(name) (see available_rubrics()) or "
        "Rubric.from_toml(path); no Guangxi rubric is public, so none is shipped: load your own "
        "with Rubric.from_toml"
    )
    with pytest.raises(InvalidValueError) as error:
        score("city-2023-notice", scores_a())  # type: ignore[arg-type]
    assert refused(error) == ("rubric", "city-2023-notice", "expected a Rubric: " + choose)
    with pytest.raises(InvalidValueError) as error:
        score(rich(), {"duty": 1})  # type: ignore[arg-type]
    assert refused(error) == ("BranchScores", {"duty": 1}, "expected BranchScores")
    with pytest.raises(InvalidValueError) as error:
        rate(None, [], 2023)  # type: ignore[arg-type]
    assert refused(error) == ("rubric", None, "no rubric chosen: " + choose)
    with pytest.raises(InvalidValueError) as error:
        rate(rich(), [scores_a(), "b"], 2023)  # type: ignore[list-item]
    assert refused(error) == ("scores[1]", "b", "expected BranchScores")
    with pytest.raises(InvalidValueError) as error:
        rate(
            rich(), [attrs.evolve(scores_a(), branch_id=BranchId("b")), scores_a(vote="101")], 2023
        )
    assert refused(error) == (
        "scores[1].points.vote",
        Decimal(101),
        "more than the item's maximum of 100",
    )
    with pytest.raises(InvalidValueError) as error:
        rate(rich(), [], 1800)
    assert error.value.path == "year"


def test_the_results_answer_only_for_what_was_rated() -> None:
    result = rate(rich(), [scores_a()], 2023)
    with pytest.raises(InvalidValueError) as error:
        result.rated("zz")
    assert refused(error) == ("branch_id", "zz", "no branch with this id was rated")
    with pytest.raises(InvalidValueError) as error:
        result.ratings[0].score.section_net("zz")
    assert refused(error) == ("section", "zz", "no section has this id")


# -- refusals: scores files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "path", "value", "reason"),
    [
        ("year = 1800", "s.toml: year", 1800, "a calendar year between 1949 and 2100"),
        ("years = 1", "s.toml: years", "years", "unknown field"),
        ("branches = 3", "s.toml: branches", 3, "expected an array of tables"),
        ("branches = [3]", "s.toml: branches[0]", 3, "expected a table"),
        (
            '[[branches]]\nid = "a"\npoints = {}\nscore = 1',
            "s.toml: branches[0].score",
            "score",
            "unknown field",
        ),
        (
            '[[branches]]\nid = "a"\npoints = {}\nvetoes = "weak"',
            "s.toml: branches[0].vetoes",
            "weak",
            "expected a list of veto item ids",
        ),
        (
            '[[branches]]\nid = "a"\npoints = [1]',
            "s.toml: branches[0].points",
            [1],
            "expected a table of ids and points",
        ),
        (
            '[[branches]]\nid = "a"\npoints = {}\ndeductions = 2',
            "s.toml: branches[0].deductions",
            2,
            "expected a table of ids and points",
        ),
        (
            '[[branches]]\nid = "a"\npoints = {x = "two"}',
            "s.toml: branches[0].points.x",
            "two",
            "not a decimal number",
        ),
        ("[[branches]]\npoints = {}", "s.toml: branches[0].id", None, "required field is missing"),
        ('[[branches]]\nid = "a"', "s.toml: branches[0].points", None, "required field is missing"),
        (
            '[[branches]]\nid = "a"\npoints = {x = -1}',
            "s.toml: branches[0].points.x",
            Decimal(-1),
            "points cannot be negative (write deductions as points taken off)",
        ),
        (
            '[[branches]]\nid = "a"\npoints = {}\nvetoes = [""]',
            "s.toml: branches[0].vetoes[0]",
            "",
            "an id must be 1 to 64 characters without surrounding spaces",
        ),
    ],
)
def test_a_bad_scores_file_is_refused_with_the_path_value_and_reason(
    text: str, path: str, value: object, reason: str
) -> None:
    with pytest.raises(InvalidValueError) as error:
        scores_from_toml_text(text, origin="s.toml")
    assert refused(error) == (path, value, reason)


def test_a_float_in_a_scores_file_is_refused_as_inexact() -> None:
    with pytest.raises(InexactNumberError) as error:
        scores_from_toml_text('[[branches]]\nid = "a"\npoints = {x = 1.5}', origin="s.toml")
    assert (error.value.path, error.value.value) == ("s.toml: branches[0].points.x", 1.5)


def test_a_scores_file_reads_year_points_deductions_and_vetoes(tmp_path: Path) -> None:
    text = (
        'year = 2023\n[[branches]]\nid = "a"\npoints = {x = "1.5", y = 2}\n'
        'deductions = {d = 2}\nvetoes = ["v"]\n[[branches]]\nid = "b"\npoints = {x = 0}\n'
    )
    path = tmp_path / "scores.toml"
    path.write_text(text, encoding="utf-8")
    for found in (scores_from_toml_text(text), read_scores(path), read_scores(str(path))):
        assert found.year == 2023
        a, b = found.branches
        assert (a.branch_id, dict(a.points), dict(a.deductions), a.vetoes) == (
            "a",
            {"x": Decimal("1.5"), "y": Decimal(2)},
            {"d": Decimal(2)},
            ("v",),
        )
        assert (b.branch_id, dict(b.points), dict(b.deductions), b.vetoes) == (
            "b",
            {"x": Decimal(0)},
            {},
            (),
        )
    empty = scores_from_toml_text("")
    assert (empty.year, empty.branches) == (None, ())
    path.write_text("year = 1800", encoding="utf-8")
    with pytest.raises(InvalidValueError) as error:
        read_scores(path)
    assert error.value.path == f"{path}: year"


# -- the shipped rubrics and their names -------------------------------------------------------


def test_an_unknown_rubric_name_suggests_the_closest_shipped_one() -> None:
    with pytest.raises(UnknownRubricError) as error:
        load_rubric("city-2023-notise")
    assert error.value.name == "city-2023-notise"
    assert error.value.known == available_rubrics()
    assert str(error.value) == (
        "no rubric is named 'city-2023-notise'; did you mean city-2023-notice?; shipped rubrics: "
        "city-2023-notice, county-village-2014, jinan-education-2021, template-scheme-5-4-3, "
        "tianjin-xiqing-2016 (all examples; no Guangxi rubric is public, so none is shipped: "
        "load your own with Rubric.from_toml)"
    )
    with pytest.raises(UnknownRubricError) as error:
        load_rubric("guangxi")
    assert str(error.value) == (
        "no rubric is named 'guangxi'; shipped rubrics: city-2023-notice, county-village-2014, "
        "jinan-education-2021, template-scheme-5-4-3, tianjin-xiqing-2016 (all examples; no "
        "Guangxi rubric is public, so none is shipped: load your own with Rubric.from_toml)"
    )


def test_a_shipped_rubric_is_loaded_once_and_named_after_its_file() -> None:
    for name in available_rubrics():
        rubric = load_rubric(name)
        assert rubric.name == name
        assert load_rubric(name) is rubric
        assert rubric.example
    assert load_rubric("template-scheme-5-4-3").allowed_stars == (
        StarRating.FIVE,
        StarRating.FOUR,
        StarRating.THREE,
    )


# -- defaults ------------------------------------------------------------------------------------


def test_a_rubric_built_in_code_defaults_to_no_deductions_vetoes_quotas_or_note() -> None:
    rubric = Rubric(
        name="plain",
        title_en="Plain",
        title_zh="简单",
        citation=rich().citation,
        example=False,
        confidence=Confidence.LOW,
        sections=rich().sections,
        bands=(Band(stars=StarRating.THREE, min_score=50), Band(stars=StarRating.ONE)),
    )
    assert (rubric.deductions, rubric.vetoes, rubric.quotas) == ((), (), ())
    assert rubric.allowed_stars is None
    assert rubric.stars_assigned == (StarRating.THREE, StarRating.ONE)
    assert rubric.quota_rounding is QuotaRounding.FLOOR
    assert rubric.tie_rule is TieRule.EXCLUDE_ALL_TIED
    assert rubric.note is None
    deduction = Deduction(id="d", label_en="d", label_zh="d")
    assert (deduction.max_points, deduction.section) == (None, None)
    band = Band(stars=StarRating.FIVE)
    assert (band.min_score, band.section) == (None, None)


def test_a_rating_record_has_no_rating_date_unless_given() -> None:
    result = rate(rich(), [scores_a()], 2023)
    record = result.records[0]
    assert (record.branch_id, record.year, record.rubric, record.rated_on) == (
        "a",
        2023,
        "rich-test",
        None,
    )
    assert record.rating is result.ratings[0].rating
    day = datetime.date(2024, 1, 15)
    assert rate(rich(), [scores_a()], 2023, rated_on=day).records[0].rated_on == day


@pytest.mark.parametrize(
    ("rated", "floor", "ceiling", "half_up"),
    [(5, 1, 1, 1), (6, 1, 2, 1), (7, 1, 2, 1), (8, 1, 2, 2), (10, 2, 2, 2), (0, 0, 0, 0)],
)
def test_quota_places_round_as_the_rubric_says(
    rated: int, floor: int, ceiling: int, half_up: int
) -> None:
    """A quota of 20% (rated x 0.2): 1.2 rounds down to 1, up to 2, half up to 1;
    1.6 half up to 2; exactly 2 stays 2 by every rounding."""
    quota = Quota(stars=StarRating.FIVE, share=Percentage(20))
    assert quota.places(rated, QuotaRounding.FLOOR) == floor
    assert quota.places(rated, QuotaRounding.CEILING) == ceiling
    assert quota.places(rated, QuotaRounding.HALF_UP) == half_up


def test_half_a_place_rounds_up_under_half_up() -> None:
    quota = Quota(stars=StarRating.FIVE, share=Percentage(25))
    assert quota.places(2, QuotaRounding.HALF_UP) == 1
    assert quota.places(6, QuotaRounding.HALF_UP) == 2
    assert quota.places(2, QuotaRounding.FLOOR) == 0


def test_counts_list_each_rating_held_highest_first() -> None:
    result = rich_group()
    assert list(result.counts().items()) == [
        (StarRating.FIVE, 1),
        (StarRating.FOUR, 1),
        (StarRating.THREE, 1),
        (StarRating.ONE, 3),
        (StarRating.UNRATED, 1),
    ]
    assert rate(rich(), [], 2023).counts() == {}
    assert rate(rich(), [], 2023).explanation.outcome_en == "0 branches rated: none"
    assert rate(rich(), [], 2023).explanation.outcome_zh == "评定0个党支部：无"


def test_quotas_listed_lowest_star_first_are_applied_highest_first() -> None:
    """The file lists the four-star quota before the five-star one: the places
    still pass down from five stars, and each decision names its own entry."""
    start = RICH_TOML.index("[[quotas]]")
    text = RICH_TOML[:start] + (
        "[[quotas]]\nstars = 4\nshare_percent = 15\n[[quotas]]\nstars = 5\nshare_percent = 20\n"
    )
    reordered = Rubric.from_toml_text(text)
    original = rich_group()
    result = rate(reordered, [r.score.scores for r in original.ratings], 2024)
    assert [r.rating for r in result.ratings] == [r.rating for r in original.ratings]
    five, four = result.rated("b").quota_decisions
    assert (five.path, five.places, five.cumulative_places, five.passed) == (
        "quotas[1]",
        1,
        1,
        False,
    )
    assert (four.path, four.places, four.cumulative_places, four.passed) == (
        "quotas[0]",
        1,
        2,
        True,
    )
    (only,) = result.rated("c").quota_decisions
    assert (only.path, only.cumulative_places, only.above, only.passed) == (
        "quotas[0]",
        2,
        2,
        False,
    )


def test_bands_listed_lowest_star_first_are_compared_highest_first() -> None:
    rubric = attrs.evolve(rich(), bands=tuple(reversed(rich().bands)), quotas=())
    rated = rate(rubric, [branch("a", "50", "30", "85")], 2024).ratings[0]
    assert rated.rating is StarRating.FOUR
    assert [c.to_text("en") for c in rated.explanation.comparisons] == [
        "5 stars: total score ≥ threshold [bands[4].min_score]: 82 ≥ 90: false",
        "4 stars: total score ≥ threshold [bands[3].min_score]: 82 ≥ 80: true",
        "3 stars: total score ≥ threshold [bands[2].min_score]: 82 ≥ 70: true",
        "2 stars: total score ≥ threshold [bands[1].min_score]: 82 ≥ 60: true",
    ]
    with pytest.raises(InvalidValueError) as error:
        attrs.evolve(
            rubric,
            bands=(
                Band(stars=StarRating.ONE),
                Band(stars=StarRating.TWO, min_score=60),
                Band(stars=StarRating.FIVE, min_score=60),
            ),
            allowed_stars=None,
            quotas=(),
        )
    assert refused(error) == (
        "Rubric.bands[1].min_score",
        Decimal(60),
        "must be lower than the threshold of the star above (60)",
    )


def test_a_branch_beyond_the_places_at_two_quota_stars_holds_neither() -> None:
    """Three branches reach five stars; one place for five stars and two for
    four stars or more: the third holds three stars, not four."""
    result = rate(
        rich(),
        [
            branch("a", "60", "40", "100"),
            branch("b", "60", "40", "98"),
            branch("c", "60", "40", "96"),
            *(branch(f"d{i}", "30", "30", "30") for i in range(4)),
        ],
        2024,
    )
    assert [r.rating.stars for r in result.ratings[:3]] == [5, 4, 3]
    third = result.rated("c")
    assert [d.passed for d in third.quota_decisions] == [False, False]
    assert third.explanation.branch_en.endswith(
        "the quotas do not let the branch hold 5 stars; rating: 3 stars"
    )
