"""Competitions and designations: the five flags of Baise, examples, refusals
and properties."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from villagemodel import Award, AwardKind, InvalidValueError
from villagemodel.datasets import load
from villagemodel.ids import AwardId, VillageId
from villagemodel.parameters import ParameterNotFoundError, ParameterSet
from villagemodel.rules.competitions import (
    FIVE_FLAGS,
    FIVE_FLAGS_COUNT,
    Competition,
    ViolationKind,
    check_awards,
    check_dataset_awards,
    check_reported_total,
)

from .test_collective_economy import spy

LINGYUN = "CN/guangxi/baise/lingyun"
PARAMS = ParameterSet.default()
END_2022 = datetime.date(2022, 12, 31)
FIVE = Competition.five_flags(PARAMS, END_2022, jurisdiction=LINGYUN)
TEST_FLAGS = ("flag A", "flag B", "flag C", "flag D", "flag E")
"""Placeholder names used by the tests only: the real names were not found."""


def flag(village: str, name: str, year: int = 2022, n: int = 0) -> Award:
    return Award(
        id=AwardId(f"{village}-{name}-{year}-{n}"),
        village_id=VillageId(village),
        kind=AwardKind.FLAG,
        name=name,
        year=year,
        competition=FIVE_FLAGS,
    )


# -- the report ----------------------------------------------------------------------


def test_six_villages_winning_13_red_flags_is_possible() -> None:
    """ "6个村共获得红旗13面": possible, since 13 <= 5 × 6."""
    result = check_reported_total(FIVE, villages=6, reported=13, year=2022)
    assert result.possible
    assert result.bound == 30
    text = result.explanation.to_text("en")
    assert "flags reported, at most flags per competition × villages: 13 ≤ 30: true" in text
    assert "competitions.five_flags.flag_count = 5 (CN/guangxi/baise; from 2022-01-01" in text
    assert "so 6 villages win at most 5 × 6 = 30" in text
    assert "6个村至多获得5×6=30面" in result.explanation.to_text("zh")


def test_more_flags_than_five_per_village_is_impossible() -> None:
    result = check_reported_total(FIVE, villages=6, reported=31)
    assert not result.possible
    assert result.explanation.outcome_en == "impossible: more flags than the villages can win"


def test_five_villages_named_key_villages_is_possible() -> None:
    """ "有5个村被评为'乡村振兴重点村'": a designation is held at most once a
    year, so 6 villages hold it at most 6 times."""
    key_village = Competition.designation("乡村振兴重点村")
    assert key_village.jurisdiction is None
    assert check_reported_total(key_village, villages=6, reported=5).possible
    assert not check_reported_total(key_village, villages=6, reported=7).possible


def test_shuangda_demonstration_village_2022_keeps_the_designation_rule() -> None:
    """ "双达村被评为2022年'广西乡村振兴创建示范村'", as recorded in the bundled dataset."""
    demonstration = Competition.designation("广西乡村振兴创建示范村", jurisdiction="CN/guangxi")
    result = check_dataset_awards(load("lingyun-2022"), demonstration, year=2022)
    assert result.holds
    assert [a.village_id for a in result.awards] == ["shuangda"]


def test_the_five_flags_are_unnamed() -> None:
    """The flags' names were not found: none are shipped, none invented."""
    assert FIVE.flag_count == 5
    assert FIVE.flag_names == ()
    assert not FIVE.named
    assert FIVE.name == "乡村振兴·五旗争创"
    assert FIVE.jurisdiction is not None
    assert FIVE.jurisdiction.path == "CN/guangxi/baise"
    assert FIVE.flag_count_parameter is not None
    assert FIVE.flag_count_parameter.source.date == datetime.date(2023, 4, 18)


# -- each flag at most once per village per year ---------------------------------------------


def test_one_flag_won_twice_by_a_village_in_a_year_is_a_breach() -> None:
    awards = [
        flag("taohua", "flag A", n=1),
        flag("taohua", "flag A", n=2),
        flag("taohua", "flag A", year=2023),
        flag("chuhua", "flag A"),
    ]
    result = check_awards(FIVE, awards)
    assert not result.holds
    (breach,) = result.violations
    assert breach.kind is ViolationKind.REPEATED
    assert (breach.village_id, breach.year) == ("taohua", 2022)
    assert len(breach.award_ids) == 2
    assert "'flag A' won 2 times" in str(breach)
    assert "most times one flag was won, taohua 2022: 2 ≤ 1: false" in result.explanation.to_text(
        "en"
    )


def test_more_different_flags_in_a_year_than_the_competition_has_is_a_breach() -> None:
    awards = [flag("naliu", f"flag {i}") for i in range(6)]
    result = check_awards(FIVE, awards, year=2022)
    assert [v.kind for v in result.violations] == [ViolationKind.TOO_MANY]
    assert "6 different flags, the competition has 5" in result.violations[0].detail


def test_named_flags_supplied_by_the_caller_refuse_other_names() -> None:
    named = Competition.five_flags(PARAMS, END_2022, flag_names=TEST_FLAGS)
    assert named.named
    result = check_awards(named, [flag("yaoma", "flag A"), flag("yaoma", "flag Z")])
    assert [(v.kind, v.detail.split(" is")[0]) for v in result.violations] == [
        (ViolationKind.UNKNOWN_FLAG, "'flag Z'")
    ]


def test_awards_of_other_competitions_and_designations_are_ignored() -> None:
    other = Award(
        id=AwardId("x"),
        village_id=VillageId("taohua"),
        kind=AwardKind.FLAG,
        name="flag A",
        year=2022,
        competition="another competition",
    )
    designation = Award(
        id=AwardId("y"),
        village_id=VillageId("taohua"),
        kind=AwardKind.DESIGNATION,
        name="乡村振兴重点村",
        year=2022,
    )
    result = check_awards(FIVE, [other, designation, flag("taohua", "flag A")])
    assert [a.id for a in result.awards] == ["taohua-flag A-2022-0"]


# -- refusals ---------------------------------------------------------------------------------


def test_the_five_flags_count_is_baises_and_not_elsewhere() -> None:
    with pytest.raises(ParameterNotFoundError) as caught:
        Competition.five_flags(PARAMS, END_2022, jurisdiction="CN/guangxi/hechi")
    assert caught.value.name == FIVE_FLAGS_COUNT
    assert caught.value.tried == ("CN/guangxi/hechi", "CN/guangxi", "CN")


def test_the_five_flags_count_is_dated_from_the_2022_round() -> None:
    with pytest.raises(ParameterNotFoundError, match="2021-12-31"):
        Competition.five_flags(PARAMS, datetime.date(2021, 12, 31))


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"flag_count": 0}, "Competition.flag_count"),
        ({"flag_count": True}, "Competition.flag_count"),
        ({"flag_count": 2, "flag_names": ("a",)}, "Competition.flag_names"),
        ({"flag_count": 2, "flag_names": ("a", "a")}, "Competition.flag_names[1]"),
        ({"flag_count": 1, "flag_names": "a"}, "Competition.flag_names"),
        ({"flag_count": 1, "name": ""}, "Competition.name"),
    ],
    ids=["no flag", "a bool", "names missing", "a name twice", "one str", "no name"],
)
def test_an_impossible_competition_is_refused(fields: dict[str, object], path: str) -> None:
    values: dict[str, object] = {"name": "评比"}
    values.update(fields)
    with pytest.raises(InvalidValueError) as caught:
        Competition(**values)  # type: ignore[arg-type]
    assert caught.value.path == path


@pytest.mark.parametrize(
    ("villages", "reported", "path"),
    [(-1, 0, "villages"), (6, -1, "reported"), (True, 1, "villages"), (6, 13.0, "reported")],
)
def test_counts_must_be_whole_and_not_negative(
    villages: object, reported: object, path: str
) -> None:
    with pytest.raises(InvalidValueError, match=rf"^{re.escape(path)}: expected a whole number"):
        check_reported_total(FIVE, villages=villages, reported=reported)  # type: ignore[arg-type]


# -- properties ---------------------------------------------------------------------------------

VILLAGES = ("taohua", "chuhua", "houlong", "naliu", "yaoma", "shuangda")


@st.composite
def lawful_awards(draw: st.DrawFn) -> tuple[int, list[Award]]:
    """Awards of a number of villages in 2022, each flag at most once each."""
    count = draw(st.integers(min_value=0, max_value=len(VILLAGES)))
    awards = [
        flag(village, name)
        for village in VILLAGES[:count]
        for name in draw(st.sets(st.sampled_from(TEST_FLAGS)))
    ]
    return count, awards


@given(case=lawful_awards())
def test_awards_that_keep_the_rules_never_exceed_the_bound(case: tuple[int, list[Award]]) -> None:
    villages, awards = case
    assert check_awards(FIVE, awards, year=2022).holds
    assert check_reported_total(FIVE, villages=villages, reported=len(awards)).possible


@given(
    flags=st.integers(min_value=1, max_value=20),
    villages=st.integers(min_value=0, max_value=500),
    reported=st.integers(min_value=0, max_value=20_000),
)
def test_a_total_is_possible_exactly_up_to_flags_times_villages(
    flags: int, villages: int, reported: int
) -> None:
    competition = Competition(name="评比", flag_count=flags)
    result = check_reported_total(competition, villages=villages, reported=reported)
    assert result.possible is (reported <= flags * villages)
    assert result.explanation.comparisons[0].holds is result.possible


@given(
    awards=st.lists(
        st.builds(
            flag,
            st.sampled_from(VILLAGES),
            st.sampled_from(TEST_FLAGS),
            st.integers(min_value=2021, max_value=2023),
            st.integers(min_value=0, max_value=1_000_000),
        ),
        unique_by=lambda a: a.id,
        max_size=30,
    ),
    villages=st.integers(min_value=0, max_value=10),
)
def test_the_explanation_names_every_parameter_the_rule_read(
    awards: list[Award], villages: int
) -> None:
    params = spy(PARAMS)
    competition = Competition.five_flags(params, END_2022)
    checked = check_awards(competition, awards)
    total = check_reported_total(competition, villages=villages, reported=len(awards))
    assert checked.explanation.parameter_names() == set(params.read) == {FIVE_FLAGS_COUNT}
    assert total.explanation.parameter_names() == set(params.read)
