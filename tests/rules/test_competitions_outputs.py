"""Competitions: the exact explanations, errors and defaults a caller reads.

Every competition is built inside its test, so that each test exercises the
constructors it relies on.
"""

from __future__ import annotations

import datetime

import pytest

from villagemodel import Award, AwardKind, InvalidValueError
from villagemodel.datasets import load
from villagemodel.ids import AwardId, VillageId
from villagemodel.parameters import ParameterNotFoundError, ParameterSet
from villagemodel.rules.competitions import (
    FIVE_FLAGS,
    AwardViolation,
    Competition,
    ViolationKind,
    check_awards,
    check_dataset_awards,
    check_reported_total,
)

END_2022 = datetime.date(2022, 12, 31)
LINGYUN = "CN/guangxi/baise/lingyun"

FIVE_FLAGS_SOURCE_EN = (
    "competitions.five_flags.flag_count = 5 (CN/guangxi/baise; from 2022-01-01; "
    "confidence medium); source: 党建引领风帆劲 乡村振兴谱新篇——广西财政厅派驻凌云县驻村工作队"
    "工作纪实 (乡村振兴·五旗争创), 人民网-广西频道, 2023-04-18"
)
FIVE_FLAGS_SOURCE_ZH = (
    "competitions.five_flags.flag_count = 5 (CN/guangxi/baise; 自2022-01-01起; "
    "可信度medium); 来源：党建引领风帆劲 乡村振兴谱新篇——广西财政厅派驻凌云县驻村工作队"
    "工作纪实 (乡村振兴·五旗争创), 人民网-广西频道, 2023-04-18"
)

# A competition of the tests only: two named flags, run by Guangxi.
TWO_FLAGS = "评比"


def two_flags() -> Competition:
    return Competition(
        name=TWO_FLAGS, flag_count=2, flag_names=("flag A", "flag B"), jurisdiction="CN/guangxi"
    )


def won(village: str, name: str, n: int, *, competition: str = TWO_FLAGS) -> Award:
    return Award(
        id=AwardId(f"{village}-{n}"),
        village_id=VillageId(village),
        kind=AwardKind.FLAG,
        name=name,
        year=2022,
        competition=competition,
    )


def counted_parameter(value: int, *, example: bool = False) -> ParameterSet:
    """A caller's parameter file with one integer count of flags."""
    return ParameterSet.from_toml_text(
        f"""
[[parameters]]
name = "competitions.test.flag_count"
kind = "integer"
unit = "flags"
description_en = "flags of a test competition"
description_zh = "测试评比的旗数"

[[parameters.values]]
jurisdiction = "CN/guangxi"
effective_from = 2022-01-01
value = {value}
confidence = "high"
example = {"true" if example else "false"}
[parameters.values.source]
title = "value supplied by a test"
"""
    )


def from_counted(params: ParameterSet, *, allow_examples: bool = False) -> Competition:
    return Competition.from_parameter(
        name="测试评比",
        parameter="competitions.test.flag_count",
        params=params,
        jurisdiction=LINGYUN,
        on=END_2022,
        allow_examples=allow_examples,
    )


# -- "6个村共获得红旗13面" ------------------------------------------------------------


def test_six_villages_winning_13_red_flags_explained_in_full() -> None:
    five = Competition.five_flags(ParameterSet.default(), END_2022, jurisdiction=LINGYUN)
    result = check_reported_total(five, villages=6, reported=13, year=2022)
    assert (result.competition, result.villages, result.reported) == (five, 6, 13)
    assert result.explanation.to_text("en") == "\n".join(
        [
            "Reported total of 乡村振兴·五旗争创 flags [competitions.reported_total]: possible",
            "  because: each village wins each of the 5 flags at most once a year, "
            "so 6 villages win at most 5 × 6 = 30",
            "  inputs:",
            "    competition: 乡村振兴·五旗争创",
            "    run by: CN/guangxi/baise",
            "    flags in the competition: 5",
            "    flag names (none: not known): none",
            "    year (none: not stated): 2022",
            "    villages: 6",
            "    flags reported: 13",
            "    most flags the villages can win: 30",
            "  parameters:",
            f"    {FIVE_FLAGS_SOURCE_EN}",
            "  comparisons:",
            "    flags reported, at most flags per competition × villages: 13 ≤ 30: true",
        ]
    )
    assert result.explanation.to_text("zh") == "\n".join(
        [
            "乡村振兴·五旗争创获旗总数核对 [competitions.reported_total]: 可能",
            "  依据: 每村每年每面旗至多获得一次，6个村至多获得5×6=30面",
            "  输入:",
            "    评比: 乡村振兴·五旗争创",
            "    组织单位: CN/guangxi/baise",
            "    旗数: 5",
            "    旗名（无：不详）: 无",
            "    年度（无：未说明）: 2022",
            "    村数: 6",
            "    所报获旗总数: 13",
            "    可获旗数上限: 30",
            "  参数:",
            f"    {FIVE_FLAGS_SOURCE_ZH}",
            "  比较:",
            "    所报获旗总数不超过旗数×村数: 13 ≤ 30: 成立",
        ]
    )


def test_an_impossible_total_without_a_year_says_so_in_both_languages() -> None:
    result = check_reported_total(two_flags(), villages=3, reported=7)
    assert not result.possible
    assert result.explanation.parameters == ()
    en = result.explanation.to_text("en").splitlines()
    zh = result.explanation.to_text("zh").splitlines()
    assert en[0] == (
        "Reported total of 评比 flags [competitions.reported_total]: "
        "impossible: more flags than the villages can win"
    )
    assert (
        zh[0] == "评比获旗总数核对 [competitions.reported_total]: 不可能：超过这些村可获旗数的上限"
    )
    assert "    run by: CN/guangxi" in en
    assert "    flag names (none: not known): flag A, flag B" in en
    assert "    year (none: not stated): none" in en
    assert "    年度（无：未说明）: 无" in zh
    assert "    旗名（无：不详）: flag A、flag B" in zh


def test_the_year_of_a_reported_total_is_checked_by_name() -> None:
    with pytest.raises(InvalidValueError) as caught:
        check_reported_total(two_flags(), villages=1, reported=1, year=20222)
    assert (caught.value.path, caught.value.value) == ("year", 20222)


# -- each flag at most once per village per year ----------------------------------------


def test_breaches_of_named_flags_are_explained_in_full() -> None:
    """taohua wins flag A twice, an unknown flag Z and flag B: three flags of a
    two-flag competition. yaoma wins flag B once."""
    competition = two_flags()
    awards = [
        won("taohua", "flag A", 1),
        won("taohua", "flag A", 2),
        won("taohua", "flag Z", 3),
        won("taohua", "flag B", 4),
        won("yaoma", "flag B", 5),
    ]
    result = check_awards(competition, awards, year=2022)
    assert (result.competition, result.year) == (competition, 2022)
    assert list(result.violations) == [
        AwardViolation(
            kind=ViolationKind.REPEATED,
            village_id=VillageId("taohua"),
            year=2022,
            award_ids=(AwardId("taohua-1"), AwardId("taohua-2")),
            detail="'flag A' won 2 times",
        ),
        AwardViolation(
            kind=ViolationKind.UNKNOWN_FLAG,
            village_id=VillageId("taohua"),
            year=2022,
            award_ids=(AwardId("taohua-3"),),
            detail="'flag Z' is not one of flag A, flag B",
        ),
        AwardViolation(
            kind=ViolationKind.TOO_MANY,
            village_id=VillageId("taohua"),
            year=2022,
            award_ids=tuple(AwardId(f"taohua-{n}") for n in (1, 2, 3, 4)),
            detail="3 different flags, the competition has 2",
        ),
    ]
    assert str(result.violations[0]) == (
        "taohua 2022: the same flag won more than once in a year: "
        "'flag A' won 2 times (awards taohua-1, taohua-2)"
    )
    assert result.explanation.to_text("en") == "\n".join(
        [
            "Awards of 评比: each flag at most once per village per year [competitions.awards]: "
            "3 breach(es): "
            "taohua 2022: the same flag won more than once in a year: "
            "'flag A' won 2 times (awards taohua-1, taohua-2); "
            "taohua 2022: a flag the competition does not have: "
            "'flag Z' is not one of flag A, flag B (awards taohua-3); "
            "taohua 2022: more flags in a year than the competition has: "
            "3 different flags, the competition has 2 "
            "(awards taohua-1, taohua-2, taohua-3, taohua-4)",
            "  because: a village wins each flag at most once a year, so at most as many "
            "different flags as the competition has; only the named flags count",
            "  inputs:",
            "    competition: 评比",
            "    run by: CN/guangxi",
            "    flags in the competition: 2",
            "    flag names (none: not known): flag A, flag B",
            "    year (none: every year): 2022",
            "    awards of this competition: 5",
            "    villages with awards: 2",
            "  comparisons:",
            "    different flags won, taohua 2022: 3 ≤ 2: false",
            "    most times one flag was won, taohua 2022: 2 ≤ 1: false",
            "    different flags won, yaoma 2022: 1 ≤ 2: true",
            "    most times one flag was won, yaoma 2022: 1 ≤ 1: true",
        ]
    )
    assert result.explanation.to_text("zh") == "\n".join(
        [
            "评比获奖记录：每村每年每面旗至多一次 [competitions.awards]: 3处不符："
            "taohua2022年同一面旗一年内重复获得；taohua2022年旗名不在本评比之列；"
            "taohua2022年一年内获旗数超过旗数",
            "  依据: 每村每年每面旗至多获得一次，所获旗数不超过评比旗数；只认所列旗名",
            "  输入:",
            "    评比: 评比",
            "    组织单位: CN/guangxi",
            "    旗数: 2",
            "    旗名（无：不详）: flag A、flag B",
            "    年度（无：全部年度）: 2022",
            "    本评比获奖记录数: 5",
            "    获奖村数: 2",
            "  比较:",
            "    taohua2022年所获不同旗数: 3 ≤ 2: 不成立",
            "    taohua2022年同一面旗最多获得次数: 2 ≤ 1: 不成立",
            "    yaoma2022年所获不同旗数: 1 ≤ 2: 成立",
            "    yaoma2022年同一面旗最多获得次数: 1 ≤ 1: 成立",
        ]
    )


def test_awards_keeping_the_rules_of_the_unnamed_five_flags_explained_in_full() -> None:
    five = Competition.five_flags(ParameterSet.default(), END_2022)
    result = check_awards(five, [won("taohua", "x", 1, competition=FIVE_FLAGS)])
    assert result.holds
    assert result.year is None
    assert result.explanation.to_text("en") == "\n".join(
        [
            "Awards of 乡村振兴·五旗争创: each flag at most once per village per year "
            "[competitions.awards]: the awards keep the competition's rules",
            "  because: a village wins each flag at most once a year, so at most as many "
            "different flags as the competition has; the flags are unnamed",
            "  inputs:",
            "    competition: 乡村振兴·五旗争创",
            "    run by: CN/guangxi/baise",
            "    flags in the competition: 5",
            "    flag names (none: not known): none",
            "    year (none: every year): none",
            "    awards of this competition: 1",
            "    villages with awards: 1",
            "  parameters:",
            f"    {FIVE_FLAGS_SOURCE_EN}",
            "  comparisons:",
            "    different flags won, taohua 2022: 1 ≤ 5: true",
            "    most times one flag was won, taohua 2022: 1 ≤ 1: true",
        ]
    )
    assert result.explanation.to_text("zh") == "\n".join(
        [
            "乡村振兴·五旗争创获奖记录：每村每年每面旗至多一次 [competitions.awards]: "
            "获奖记录符合评比规则",
            "  依据: 每村每年每面旗至多获得一次，所获旗数不超过评比旗数；旗名不详",
            "  输入:",
            "    评比: 乡村振兴·五旗争创",
            "    组织单位: CN/guangxi/baise",
            "    旗数: 5",
            "    旗名（无：不详）: 无",
            "    年度（无：全部年度）: 无",
            "    本评比获奖记录数: 1",
            "    获奖村数: 1",
            "  参数:",
            f"    {FIVE_FLAGS_SOURCE_ZH}",
            "  比较:",
            "    taohua2022年所获不同旗数: 1 ≤ 5: 成立",
            "    taohua2022年同一面旗最多获得次数: 1 ≤ 1: 成立",
        ]
    )


def test_a_competition_without_a_parameter_lists_no_parameters() -> None:
    result = check_awards(two_flags(), [won("taohua", "flag A", 1)])
    assert result.explanation.parameters == ()
    assert "parameters:" not in result.explanation.to_text("en")


def test_something_that_is_not_an_award_is_refused_by_its_position() -> None:
    intruder = "taohua flag A 2022"
    with pytest.raises(InvalidValueError) as caught:
        check_awards(two_flags(), [won("taohua", "flag A", 1), intruder])  # type: ignore[list-item]
    error = caught.value
    assert (error.path, error.value, error.reason) == ("awards[1]", intruder, "expected an Award")


def test_the_year_of_an_award_check_is_checked_by_name() -> None:
    with pytest.raises(InvalidValueError) as caught:
        check_awards(two_flags(), [], year=1800)
    assert (caught.value.path, caught.value.value) == ("year", 1800)


def test_a_dataset_check_for_one_year_keeps_only_that_year() -> None:
    """双达村 is recorded as 2022年'广西乡村振兴创建示范村': nothing for 2021."""
    demonstration = Competition.designation("广西乡村振兴创建示范村", jurisdiction="CN/guangxi")
    dataset = load("lingyun-2022")
    assert check_dataset_awards(dataset, demonstration, year=2021).awards == ()
    assert check_dataset_awards(dataset, demonstration, year=2022).year == 2022
    assert len(check_dataset_awards(dataset, demonstration).awards) == 1


# -- competitions ---------------------------------------------------------------------------


def test_a_designation_keeps_its_jurisdiction_and_is_its_own_single_flag() -> None:
    demonstration = Competition.designation("广西乡村振兴创建示范村", jurisdiction="CN/guangxi")
    assert demonstration.jurisdiction is not None
    assert demonstration.jurisdiction.path == "CN/guangxi"
    assert demonstration.flag_names == ("广西乡村振兴创建示范村",)
    assert demonstration.named
    assert demonstration.kind is AwardKind.DESIGNATION


def test_a_competition_keeps_the_jurisdiction_it_is_given() -> None:
    competition = two_flags()
    assert competition.jurisdiction is not None
    assert competition.jurisdiction.path == "CN/guangxi"


def test_the_five_flags_are_run_by_baise_where_the_count_was_found() -> None:
    five = Competition.five_flags(ParameterSet.default(), END_2022, jurisdiction=LINGYUN)
    assert five.jurisdiction is not None
    assert five.jurisdiction.path == "CN/guangxi/baise"


def test_a_flag_count_parameter_of_one_flag_is_accepted() -> None:
    competition = from_counted(counted_parameter(1))
    assert competition.flag_count == 1
    assert competition.jurisdiction is not None
    assert competition.jurisdiction.path == "CN/guangxi"


def test_a_flag_count_parameter_of_no_flags_is_refused_by_its_name() -> None:
    with pytest.raises(InvalidValueError) as caught:
        from_counted(counted_parameter(0))
    error = caught.value
    assert (error.path, error.value) == ("competitions.test.flag_count", 0)
    assert error.reason == "expected a whole number, at least 1"


def test_an_example_flag_count_is_refused_unless_examples_are_allowed() -> None:
    params = counted_parameter(3, example=True)
    with pytest.raises(ParameterNotFoundError):
        Competition.from_parameter(
            name="测试评比",
            parameter="competitions.test.flag_count",
            params=params,
            jurisdiction=LINGYUN,
            on=END_2022,
        )
    assert from_counted(params, allow_examples=True).flag_count == 3


def test_one_str_of_flag_names_is_refused_with_the_value() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Competition(name=TWO_FLAGS, flag_count=1, flag_names="flag A")
    error = caught.value
    assert (error.path, error.value) == ("Competition.flag_names", "flag A")
    assert error.reason == "expected a list of names, not one str"


def test_a_negative_count_is_refused_with_its_value() -> None:
    with pytest.raises(InvalidValueError) as caught:
        check_reported_total(two_flags(), villages=-2, reported=0)
    assert (caught.value.path, caught.value.value) == ("villages", -2)


def test_the_most_awards_refuses_a_negative_number_of_villages_by_name() -> None:
    competition = two_flags()
    assert competition.max_awards(0) == 0
    with pytest.raises(InvalidValueError) as caught:
        competition.max_awards(-1)
    assert (caught.value.path, caught.value.value) == ("villages", -1)
