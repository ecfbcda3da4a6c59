"""Chinese approximate quantities and sound interval arithmetic."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from villagemodel.approx import (
    Convention,
    Interval,
    QuantityUnit,
    Truth,
    UnparseableQuantityError,
    parse,
)
from villagemodel.explain import Operator

# -- the report's expressions ---------------------------------------------------


def test_shuangda_20_yu_wan_lies_between_200000_and_300000_exclusive() -> None:
    """ "双达村20余万元": the 万 digit is left open."""
    q = parse("20余万元")
    assert q.unit is QuantityUnit.YUAN
    assert q.interval == Interval.between(200000, 300000, low_closed=False, high_closed=False)
    assert not q.interval.contains(200000)
    assert q.interval.contains(200001)
    assert not q.interval.contains(300000)


def test_20_wan_yu_leaves_only_the_part_below_wan_open() -> None:
    assert parse("20万余元").interval == Interval.between(
        200000, 210000, low_closed=False, high_closed=False
    )


def test_wan_yu_after_a_decimal_leaves_only_the_next_digit_open() -> None:
    assert parse("1.5万余元").interval == Interval.between(
        15000, 16000, low_closed=False, high_closed=False
    )


def test_bu_man_excludes_the_bound() -> None:
    """不满 excludes the bound (民法典 art. 1259)."""
    assert parse("不满18岁").interval == Interval.less_than(18, floor=0)


def test_street_lamps_600_yu_zhan() -> None:
    """ "安装路灯600余盏"."""
    q = parse("600余盏")
    assert q.unit is QuantityUnit.LAMP
    assert q.interval == Interval.between(600, 700, low_closed=False, high_closed=False)


def test_training_300_duo_person_times() -> None:
    """ "开展技能培训帮扶农民300多人次"."""
    q = parse("300多人次")
    assert q.unit is QuantityUnit.PERSON_TIMES
    assert q.interval.contains(301)
    assert not q.interval.contains(300)


def test_subsidies_more_than_1000_wan() -> None:
    """ "各类补助累计超过1000万元": more than, bound excluded."""
    q = parse("超过1000万元")
    assert q.interval == Interval.more_than(10_000_000)
    assert not q.interval.contains(10_000_000)


def test_per_village_average_breaks_through_10_wan() -> None:
    """ "村均突破10万元": exceeds, bound excluded."""
    assert parse("突破10万元").interval == Interval.more_than(100_000)


def test_insurance_rates_98_percent_or_more() -> None:
    """ "6个村的缴纳比例都达到98%以上": 以上 includes the bound."""
    q = parse("98%以上")
    assert q.unit is QuantityUnit.PERCENT
    assert q.interval.contains(98)
    assert not q.interval.contains(Fraction(9799, 100))


def test_one_hour_and_more_on_a_tricycle() -> None:
    """ "骑1个多小时的三轮车"."""
    q = parse("1个多小时")
    assert q.unit is QuantityUnit.HOUR
    assert q.interval == Interval.between(1, 2, low_closed=False, high_closed=False)


def test_a_certificate_takes_one_or_two_minutes() -> None:
    """ "开个证明只要一两分钟就办好"."""
    assert parse("一两分钟").interval == Interval.between(1, 2)


def test_exact_figures_are_exact() -> None:
    """ "6个村集体经济收入总量为90.2万元"; "陶化村集体经济收入22.7万元"."""
    assert parse("90.2万元").interval == Interval.exact(902000)
    assert parse("22.7万元").interval == Interval.exact(227000)
    assert parse("2.1个百分点").unit is QuantityUnit.PERCENTAGE_POINT


def test_about_needs_a_stated_tolerance() -> None:
    """ "距各村屯只有3公里左右": 左右 has no interval without a tolerance."""
    with pytest.raises(UnparseableQuantityError, match="tolerance"):
        parse("3公里左右")
    q = parse("3公里左右", tolerance=Fraction(1, 10))
    assert q.interval == Interval.between(Fraction(27, 10), Fraction(33, 10))


def test_nearly_without_tolerance_is_below_the_figure() -> None:
    assert parse("近500人").interval == Interval.less_than(500, floor=0)
    assert parse("近500人", tolerance=Fraction(1, 5)).interval == Interval.between(
        400, 500, high_closed=False
    )


def test_strict_convention_reads_yu_as_more_than_only() -> None:
    assert parse("20余万元", convention=Convention.STRICT).interval == Interval.more_than(200000)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("20余斤", "unknown unit"),
        ("很多人", "unknown unit"),
        ("", "unknown unit"),
        ("20余多万元", "unknown unit"),
        ("超过20余万元", "does not combine"),
        ("约3公里以上", "both before and after"),
    ],
)
def test_unparseable_expressions_are_refused_with_the_text(text: str, reason: str) -> None:
    with pytest.raises(UnparseableQuantityError, match=reason) as info:
        parse(text)
    assert repr(text) in str(info.value)


def test_the_checker_reasoning_of_the_report() -> None:
    """Total 90.2万; 陶化村 22.7万; 双达村 20余万; four others each above 11万.

    The four others then share 90.2 − 22.7 − (20, 30) = (37.5, 47.5) 万, and
    "each above 11万" needs more than 44万: possible, but only just.
    """
    total = parse("90.2万元").interval
    rest = total - parse("22.7万元").interval - parse("20余万元").interval
    assert rest == Interval.between(375000, 475000, low_closed=False, high_closed=False)
    four_above = Interval.more_than(110000).scale(4)
    assert rest.compare(Operator.GT, four_above) is Truth.UNDETERMINED
    assert rest.intersect(four_above) is not None


# -- properties -------------------------------------------------------------------

fractions = st.fractions(min_value=-(10**6), max_value=10**6, max_denominator=1000)


@st.composite
def intervals_with_member(draw: st.DrawFn) -> tuple[Interval, Fraction]:
    """An interval (possibly unbounded on either side) and a value inside it."""
    a, b = sorted((draw(fractions), draw(fractions)))
    inside = draw(st.fractions(min_value=a, max_value=b, max_denominator=1000))
    low_closed = draw(st.booleans()) or a == inside
    high_closed = draw(st.booleans()) or b == inside
    if a == b:
        low_closed = high_closed = True
    low = None if draw(st.booleans()) and a != inside else a
    high = None if draw(st.booleans()) and b != inside else b
    return (
        Interval(low, high, low is not None and low_closed, high is not None and high_closed),
        inside,
    )


@given(intervals_with_member(), intervals_with_member())
def test_sum_and_difference_are_sound(
    left: tuple[Interval, Fraction], right: tuple[Interval, Fraction]
) -> None:
    (i, x), (j, y) = left, right
    assert (i + j).contains(x + y)
    assert (i - j).contains(x - y)


@given(intervals_with_member(), fractions)
def test_scaling_is_sound(pair: tuple[Interval, Fraction], k: Fraction) -> None:
    interval, x = pair
    assert interval.scale(k).contains(x * k)


@given(intervals_with_member(), intervals_with_member(), st.sampled_from(list(Operator)))
def test_comparison_never_contradicts_a_member(
    left: tuple[Interval, Fraction], right: tuple[Interval, Fraction], op: Operator
) -> None:
    (i, x), (j, y) = left, right
    truth = i.compare(op, j)
    actual = op.apply(x, y)
    if truth is Truth.TRUE:
        assert actual
    elif truth is Truth.FALSE:
        assert not actual


@given(intervals_with_member(), intervals_with_member())
def test_intersection_holds_common_members(
    left: tuple[Interval, Fraction], right: tuple[Interval, Fraction]
) -> None:
    (i, x), (j, _) = left, right
    common = i.intersect(j)
    if j.contains(x):
        assert common is not None
        assert common.contains(x)


expressions = st.builds(
    lambda n, marker, magnitude, unit: f"{n}{marker}{magnitude}{unit}",
    st.integers(min_value=1, max_value=9999).map(lambda n: str(n * 10)),
    st.sampled_from(["", "余", "多"]),
    st.sampled_from(["", "万"]),
    st.sampled_from(["元", "人", "户", "盏", "人次", "个", "公里"]),
)


@given(expressions, st.sampled_from(list(Convention)))
def test_parse_render_parse_gives_the_same_interval(text: str, convention: Convention) -> None:
    first = parse(text, convention=convention)
    again = parse(first.render(), convention=convention)
    assert first.render() == text
    assert again.interval == first.interval
    assert again.unit is first.unit


@given(expressions)
def test_strict_reading_contains_the_default_reading(text: str) -> None:
    default = parse(text).interval
    strict = parse(text, convention=Convention.STRICT).interval
    assert strict.intersect(default) == default
