"""Tests of the unit types: counts, percentages, percentage points, rates, quantities."""

import operator
import pickle
import re
from collections.abc import Callable
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from villagemodel import (
    InexactNumberError,
    InvalidValueError,
    Money,
    UnitMismatchError,
)
from villagemodel.quantities import (
    Count,
    HouseholdCount,
    Percentage,
    PercentagePoints,
    PersonCount,
    PersonTimes,
    Quantity,
    Rate,
    Unit,
)


def untyped(value: object) -> Any:
    """``value`` typed as ``Any``, to hand the model what its annotations forbid."""
    return value


COUNT_KINDS: list[type[Count]] = [PersonCount, HouseholdCount, PersonTimes]
KIND_PAIRS = [(a, b) for a in COUNT_KINDS for b in COUNT_KINDS if a is not b]
KIND_PAIR_IDS = [f"{a.__name__}-{b.__name__}" for a, b in KIND_PAIRS]
COMPARISONS: list[Callable[[Any, Any], object]] = [
    operator.lt,
    operator.le,
    operator.gt,
    operator.ge,
]

percent_values = st.decimals(
    min_value=Decimal(-1000),
    max_value=Decimal(1000),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)
percentages = percent_values.map(Percentage)
counts = st.integers(min_value=0, max_value=10**9)


# -- the report's figures ---------------------------------------------------


def test_households_and_people_whose_risk_was_eliminated_are_different_counts() -> None:
    """“6个村已消除风险的监测户共35户150人”: 35 households and 150 people."""
    households = HouseholdCount(35)
    people = PersonCount(150)
    assert households.format_zh() == "35户"
    assert people.format_zh() == "150人"
    assert households.format_en() == "35 households"
    assert people.format_en() == "150 people"
    with pytest.raises(UnitMismatchError, match=r"^cannot add HouseholdCount and PersonCount$"):
        households + untyped(people)


def test_training_attendance_is_counted_in_person_times() -> None:
    """“开展技能培训帮扶农民300多人次”: 300 attendances, not 300 farmers."""
    attendances = PersonTimes(300)
    assert attendances.format_zh() == "300人次"
    assert attendances.format_en() == "300 person-times"
    assert attendances != PersonCount(300)
    with pytest.raises(UnitMismatchError, match=r"^cannot compare PersonTimes and PersonCount$"):
        _ = attendances > untyped(PersonCount(299))


def test_rate_is_21_points_above_the_county_average() -> None:
    """“比全县平均水平高2.1个百分点”: 12.76% against 10.66% is 2.1 points."""
    difference = Percentage("12.76") - Percentage("10.66")
    assert difference == PercentagePoints("2.1")
    assert isinstance(difference, PercentagePoints)
    assert not isinstance(difference, Percentage)
    assert difference != Percentage("2.1")
    assert difference.value == Decimal("2.10")
    assert difference.format_zh() == "2.1个百分点"
    assert difference.format_en() == "2.1 percentage points"
    assert Percentage("12.76").points_above(Percentage("10.66")) == PercentagePoints("2.1")


def test_guard_rail_lamps_and_bridges_carry_their_units() -> None:
    """“建设防护栏15公里……修建便民桥3座，安装路灯600余盏”."""
    rail = Quantity(15, Unit.KILOMETRE)
    bridges = Quantity(3, Unit.BRIDGE)
    lamps = Quantity(600, Unit.LAMP)
    assert (rail.format_zh(), bridges.format_zh(), lamps.format_zh()) == ("15公里", "3座", "600盏")
    assert (rail.format_en(), bridges.format_en(), lamps.format_en()) == (
        "15 km",
        "3 bridges",
        "600 lamps",
    )
    with pytest.raises(UnitMismatchError, match=r"^cannot add quantities in lamps and km$"):
        lamps + rail


# -- counts -------------------------------------------------------------------


@pytest.mark.parametrize(("left", "right"), KIND_PAIRS, ids=KIND_PAIR_IDS)
def test_counts_of_different_kinds_do_not_add_or_subtract(
    left: type[Count], right: type[Count]
) -> None:
    a, b = left(5), right(3)
    with pytest.raises(
        UnitMismatchError, match=f"^cannot add {left.__name__} and {right.__name__}$"
    ):
        a + untyped(b)
    with pytest.raises(
        UnitMismatchError, match=f"^cannot subtract {left.__name__} and {right.__name__}$"
    ):
        a - untyped(b)


@pytest.mark.parametrize(("left", "right"), KIND_PAIRS, ids=KIND_PAIR_IDS)
@pytest.mark.parametrize("comparison", COMPARISONS, ids=["lt", "le", "gt", "ge"])
def test_counts_of_different_kinds_do_not_compare(
    left: type[Count], right: type[Count], comparison: Callable[[Any, Any], object]
) -> None:
    with pytest.raises(
        UnitMismatchError, match=f"^cannot compare {left.__name__} and {right.__name__}$"
    ):
        comparison(left(5), right(3))


@pytest.mark.parametrize(("left", "right"), KIND_PAIRS, ids=KIND_PAIR_IDS)
def test_counts_of_different_kinds_are_never_equal(left: type[Count], right: type[Count]) -> None:
    assert left(7) != right(7)
    assert (left(7) == right(7)) is False
    assert len({left(7), right(7)}) == 2


@pytest.mark.parametrize("kind", COUNT_KINDS, ids=lambda k: k.__name__)
@pytest.mark.parametrize("other", [1, Decimal(1), Money(1)], ids=["int", "Decimal", "Money"])
def test_counts_do_not_mix_with_numbers_or_money(kind: type[Count], other: object) -> None:
    with pytest.raises(UnitMismatchError, match=f"^cannot add {kind.__name__} and "):
        kind(1) + untyped(other)
    with pytest.raises(UnitMismatchError, match=f"^cannot compare {kind.__name__} and "):
        _ = kind(1) < untyped(other)
    assert kind(1) != other


@pytest.mark.parametrize("kind", COUNT_KINDS, ids=lambda k: k.__name__)
def test_a_negative_count_is_refused_naming_the_class_and_value(kind: type[Count]) -> None:
    with pytest.raises(
        InvalidValueError, match=rf"^{kind.__name__}: a count cannot be negative \(got -1\)$"
    ):
        kind(-1)


@pytest.mark.parametrize("kind", COUNT_KINDS, ids=lambda k: k.__name__)
@pytest.mark.parametrize("value", [1.5, 3.0, "3", Decimal(3), True, None])
def test_a_non_int_count_is_refused_naming_the_class_and_value(
    kind: type[Count], value: object
) -> None:
    shown = re.escape(repr(value))
    with pytest.raises(
        InvalidValueError, match=rf"^{kind.__name__}: a count must be an int \(got {shown}\)$"
    ):
        kind(untyped(value))


def test_count_itself_is_abstract() -> None:
    with pytest.raises(TypeError, match="Count is abstract"):
        Count(1)


def test_a_difference_below_zero_is_refused() -> None:
    assert PersonCount(150) - PersonCount(35) == PersonCount(115)
    with pytest.raises(
        InvalidValueError, match=r"^PersonCount: a count cannot be negative \(got -1\)$"
    ):
        PersonCount(1) - PersonCount(2)


def test_counts_multiply_by_whole_numbers_only() -> None:
    assert HouseholdCount(35) * 2 == HouseholdCount(70)
    with pytest.raises(UnitMismatchError, match=r"^cannot multiply HouseholdCount by float$"):
        HouseholdCount(35) * untyped(1.5)
    with pytest.raises(UnitMismatchError, match=r"^cannot multiply HouseholdCount by bool$"):
        HouseholdCount(35) * True


def test_sum_of_counts_of_one_kind() -> None:
    assert sum([HouseholdCount(20), HouseholdCount(15)]) == HouseholdCount(35)
    assert 0 + PersonCount(2) == PersonCount(2)
    with pytest.raises(UnitMismatchError, match=r"^cannot add int and PersonCount$"):
        untyped(1) + PersonCount(2)
    with pytest.raises(UnitMismatchError, match=r"^cannot add HouseholdCount and PersonCount$"):
        sum([HouseholdCount(20), untyped(PersonCount(15))])


def test_counts_order_within_a_kind() -> None:
    assert PersonCount(35) < PersonCount(150)
    assert PersonCount(150) >= PersonCount(150)
    assert max([HouseholdCount(20), HouseholdCount(35), HouseholdCount(15)]) == HouseholdCount(35)


@pytest.mark.parametrize(
    ("count", "shown"),
    [
        (PersonCount(1), "1 person"),
        (PersonCount(0), "0 people"),
        (PersonCount(1234), "1,234 people"),
        (HouseholdCount(1), "1 household"),
        (PersonTimes(1), "1 person-time"),
        (PersonTimes(12000), "12,000 person-times"),
    ],
)
def test_english_count_display(count: Count, shown: str) -> None:
    assert count.format_en() == shown


def test_chinese_count_display_has_no_grouping() -> None:
    assert PersonCount(1234).format_zh() == "1234人"
    assert repr(PersonCount(1234)) == "PersonCount(1234)"


def test_counts_are_immutable() -> None:
    count = PersonCount(3)
    with pytest.raises(AttributeError, match="PersonCount is immutable"):
        count._value = 4
    assert count.value == 3


# -- percentages and percentage points ---------------------------------------


def test_two_percentages_do_not_add() -> None:
    with pytest.raises(
        UnitMismatchError,
        match=r"^cannot add two percentages; did you mean percentage points\?$",
    ):
        Percentage(5) + untyped(Percentage(5))


def test_percentage_plus_or_minus_points_is_a_percentage() -> None:
    up = Percentage("10.66") + PercentagePoints("2.1")
    down = Percentage("12.76") - PercentagePoints("2.1")
    assert up == Percentage("12.76")
    assert type(up) is Percentage
    assert down == Percentage("10.66")
    assert type(down) is Percentage


def test_points_plus_points_is_points() -> None:
    assert PercentagePoints("1") + PercentagePoints("1.1") == PercentagePoints("2.1")
    assert PercentagePoints("2.1") - PercentagePoints("1.1") == PercentagePoints("1")
    assert -PercentagePoints("2.1") == PercentagePoints("-2.1")


@pytest.mark.parametrize(
    "other", [1, Decimal(1), "1", Money(1)], ids=["int", "Decimal", "str", "Money"]
)
def test_percentages_do_not_mix_with_bare_numbers(other: object) -> None:
    name = type(other).__name__
    with pytest.raises(UnitMismatchError, match=f"^cannot add Percentage and {name}$"):
        Percentage(5) + untyped(other)
    with pytest.raises(UnitMismatchError, match=f"^cannot subtract {name} from Percentage$"):
        Percentage(5) - untyped(other)
    with pytest.raises(UnitMismatchError, match=f"^cannot compare Percentage and {name}$"):
        _ = Percentage(5) < untyped(other)


def test_percentages_and_points_do_not_compare_or_equal() -> None:
    assert Percentage("2.1") != PercentagePoints("2.1")
    with pytest.raises(
        UnitMismatchError, match=r"^cannot compare Percentage and PercentagePoints$"
    ):
        _ = Percentage("2.1") < untyped(PercentagePoints("3"))
    with pytest.raises(UnitMismatchError, match=r"^cannot add PercentagePoints and Percentage$"):
        PercentagePoints("2.1") + untyped(Percentage("10.66"))


@pytest.mark.parametrize(("value", "shown"), [(101, "101"), (-1, "-1"), ("100.01", "'100.01'")])
def test_a_share_outside_0_to_100_is_refused_naming_the_path(value: int | str, shown: str) -> None:
    path = "villages[2].insurance_rate"
    with pytest.raises(
        InvalidValueError,
        match=rf"^{re.escape(path)}: a share must lie between 0% and 100% \(got {re.escape(shown)}\)$",
    ):
        Percentage.share(value, path=path)


def test_a_share_may_be_0_or_100() -> None:
    assert Percentage.share(0) == Percentage(0)
    assert Percentage.share(100) == Percentage(100)
    assert Percentage.share("98.5").is_share()
    assert not Percentage(101).is_share()
    assert not Percentage("-0.01").is_share()


def test_a_float_share_is_refused_naming_the_path() -> None:
    with pytest.raises(InexactNumberError, match=r"^villages\[0\]\.rate: a float is not exact"):
        Percentage.share(untyped(98.5), path="villages[0].rate")


def test_a_float_percentage_is_refused() -> None:
    with pytest.raises(
        InexactNumberError, match=r"^Percentage: a float is not exact.*\(got 12\.76\)$"
    ):
        Percentage(untyped(12.76))
    with pytest.raises(InexactNumberError, match=r"^PercentagePoints: .*\(got 2\.1\)$"):
        PercentagePoints(untyped(2.1))


def test_percentage_display_removes_trailing_zeros_and_rounds_nothing() -> None:
    assert Percentage("12.760").format_zh() == "12.76%"
    assert Percentage("98").format_en() == "98%"
    assert Percentage("12.3456").format_zh() == "12.3456%"
    assert repr(Percentage("12.760")) == "Percentage('12.760')"


@pytest.mark.parametrize(
    ("points", "shown"),
    [
        ("2.1", "2.1 percentage points"),
        ("1", "1 percentage point"),
        ("1.00", "1 percentage point"),
        ("-1", "-1 percentage point"),
        ("0", "0 percentage points"),
        ("-2.50", "-2.5 percentage points"),
    ],
)
def test_percentage_points_english_display(points: str, shown: str) -> None:
    assert PercentagePoints(points).format_en() == shown


def test_percentage_rounding_is_half_up() -> None:
    assert Percentage("12.345").rounded(2) == Percentage("12.35")
    assert Percentage("-12.345").rounded(2) == Percentage("-12.35")
    assert Percentage("12.345").rounded(2, ROUND_HALF_EVEN) == Percentage("12.34")
    assert PercentagePoints("2.05").rounded(1) == PercentagePoints("2.1")


def test_percentage_as_rate_is_exact() -> None:
    assert Percentage("12.5").as_rate() == Rate(Fraction(1, 8))
    assert Percentage("12.76").as_rate().value == Fraction(1276, 10000)


# -- rates ------------------------------------------------------------------


def test_rate_of_two_counts_is_exact() -> None:
    rate = Rate.of(PersonCount(98), PersonCount(99))
    assert rate.value == Fraction(98, 99)
    assert rate == Rate(Fraction(98, 99))
    assert repr(rate) == "Rate(Fraction(98, 99))"
    assert rate.as_percentage(places=2) == Percentage("98.99")
    assert rate.as_percentage(places=4) == Percentage("98.9899")


def test_rate_as_percentage_rounds_half_up() -> None:
    eighth = Rate.of(HouseholdCount(1), HouseholdCount(8))
    assert eighth.as_percentage(1) == Percentage("12.5")
    assert eighth.as_percentage(0) == Percentage("13")
    assert eighth.as_percentage(0, ROUND_HALF_EVEN) == Percentage("12")
    assert Rate.of(PersonCount(1), PersonCount(200)).as_percentage(0) == Percentage("1")
    assert Rate.of(PersonCount(2), PersonCount(3)).as_percentage(0) == Percentage("67")


def test_rate_of_counts_of_different_kinds_is_refused() -> None:
    with pytest.raises(UnitMismatchError, match=r"^cannot divide PersonCount and HouseholdCount$"):
        Rate.of(PersonCount(1), HouseholdCount(2))


def test_rate_over_zero_is_refused() -> None:
    with pytest.raises(
        InvalidValueError, match=r"^Rate\.of: the denominator is zero \(got PersonCount\(0\)\)$"
    ):
        Rate.of(PersonCount(1), PersonCount(0))


@pytest.mark.parametrize("value", [0.5, True, Decimal("0.5"), "1/2"])
def test_rate_refuses_inexact_and_non_numbers(value: object) -> None:
    shown = re.escape(repr(value))
    with pytest.raises(
        InvalidValueError, match=rf"^Rate: a rate must be a Fraction or an int \(got {shown}\)$"
    ):
        Rate(untyped(value))


def test_rates_compare_with_rates_only() -> None:
    assert Rate(Fraction(1, 3)) < Rate(Fraction(1, 2))
    assert Rate(1) != 1
    with pytest.raises(UnitMismatchError, match=r"^cannot compare Rate and int$"):
        _ = Rate(1) < untyped(2)


# -- quantities -----------------------------------------------------------------


def test_countable_units_refuse_fractional_amounts() -> None:
    with pytest.raises(
        InvalidValueError,
        match=r"^Quantity\.amount: bridges are counted in whole numbers \(got '2\.5'\)$",
    ):
        Quantity("2.5", Unit.BRIDGE)
    with pytest.raises(
        InvalidValueError,
        match=r"^Quantity\.amount: lamps are counted in whole numbers \(got Decimal\('600\.5'\)\)$",
    ):
        Quantity(Decimal("600.5"), Unit.LAMP)
    assert Quantity("3.0", Unit.BRIDGE) == Quantity(3, Unit.BRIDGE)


def test_measured_units_take_fractional_amounts() -> None:
    assert Quantity("2.50", Unit.MU).format_zh() == "2.5亩"
    assert Quantity("0.5", Unit.KILOMETRE).format_en() == "0.5 km"
    assert Quantity("1.0", Unit.KILOMETRE).format_en() == "1 km"
    assert Quantity(1, Unit.LAMP).format_en() == "1 lamp"
    assert Quantity(120, Unit.SQUARE_METRE).format_zh() == "120平方米"


def test_a_negative_quantity_is_refused() -> None:
    with pytest.raises(
        InvalidValueError, match=r"^Quantity\.amount: a quantity cannot be negative \(got -1\)$"
    ):
        Quantity(-1, Unit.KILOMETRE)


def test_a_quantity_needs_a_unit() -> None:
    with pytest.raises(InvalidValueError, match=r"^Quantity\.unit: expected a Unit \(got 'km'\)$"):
        Quantity(15, untyped("km"))


def test_a_float_quantity_is_refused() -> None:
    with pytest.raises(InexactNumberError, match=r"^Quantity\.amount: .*\(got 1\.5\)$"):
        Quantity(untyped(1.5), Unit.KILOMETRE)


def test_quantities_in_different_units_do_not_mix() -> None:
    lamps = Quantity(600, Unit.LAMP)
    rail = Quantity(15, Unit.KILOMETRE)
    with pytest.raises(UnitMismatchError, match=r"^cannot compare quantities in lamps and km$"):
        _ = lamps < rail
    with pytest.raises(UnitMismatchError, match=r"^cannot add Quantity and int$"):
        lamps + untyped(5)
    assert Quantity(15, Unit.KILOMETRE) != Quantity(15, Unit.METRE)
    assert lamps + Quantity(5, Unit.LAMP) == Quantity(605, Unit.LAMP)
    assert repr(lamps + Quantity(5, Unit.LAMP)) == "Quantity('605', Unit.LAMP)"


# -- properties -----------------------------------------------------------------


@given(percent_values, percent_values)
def test_adding_back_the_points_gives_the_percentage(a: Decimal, b: Decimal) -> None:
    pa, pb = Percentage(a), Percentage(b)
    points = pa - pb
    assert isinstance(points, PercentagePoints)
    assert pb + points == pa
    assert pa - points == pb
    assert points.value == a - b


@given(percentages, percentages)
def test_points_above_is_antisymmetric(a: Percentage, b: Percentage) -> None:
    assert a.points_above(b) == -b.points_above(a)
    assert (a.points_above(b).value > 0) == (a > b)


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=10**6),
    st.integers(min_value=0, max_value=6),
)
def test_rate_as_percentage_is_within_half_a_unit_of_the_exact_value(
    numerator: int, denominator: int, places: int
) -> None:
    percentage = Rate.of(PersonCount(numerator), PersonCount(denominator)).as_percentage(places)
    exact = Fraction(100 * numerator, denominator)
    assert abs(Fraction(percentage.value) - exact) <= Fraction(1, 2 * 10**places)
    exponent = percentage.value.as_tuple().exponent
    assert isinstance(exponent, int)
    assert exponent >= -places


@given(st.sampled_from(COUNT_KINDS), counts, counts)
def test_counts_add_like_ints(kind: type[Count], a: int, b: int) -> None:
    total = kind(a) + kind(b)
    assert type(total) is kind
    assert total.value == a + b
    assert (kind(a) < kind(b)) == (a < b)
    assert (kind(a) == kind(b)) == (a == b)


@given(st.sampled_from(COUNT_KINDS), st.lists(counts, max_size=20))
def test_sum_of_counts_is_the_sum_of_values(kind: type[Count], values: list[int]) -> None:
    total = sum((kind(v) for v in values), kind(0))
    assert total == kind(sum(values))


@given(st.sampled_from(COUNT_KINDS), counts)
def test_counts_pickle_and_hash(kind: type[Count], value: int) -> None:
    count = kind(value)
    back = pickle.loads(pickle.dumps(count))
    assert back == count
    assert type(back) is kind
    assert hash(back) == hash(count)


@given(percent_values)
def test_percentages_and_points_pickle(value: Decimal) -> None:
    for item in (Percentage(value), PercentagePoints(value)):
        back = pickle.loads(pickle.dumps(item))
        assert back == item
        assert type(back) is type(item)
        assert repr(back) == repr(item)


@given(
    st.decimals(
        min_value=Decimal(-200),
        max_value=Decimal(200),
        places=3,
        allow_nan=False,
        allow_infinity=False,
    )
)
def test_share_accepts_exactly_0_to_100(value: Decimal) -> None:
    if 0 <= value <= 100:
        assert Percentage.share(value).value == value
    else:
        with pytest.raises(InvalidValueError, match="a share must lie between 0% and 100%"):
            Percentage.share(value)


@given(
    st.sampled_from([u for u in Unit if u.countable]),
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=10**6),
)
def test_countable_quantities_add_like_ints(unit: Unit, a: int, b: int) -> None:
    total = Quantity(a, unit) + Quantity(b, unit)
    assert total == Quantity(a + b, unit)
    assert total.unit is unit


@given(
    st.sampled_from([u for u in Unit if not u.countable]),
    st.decimals(
        min_value=Decimal(0),
        max_value=Decimal(10**6),
        places=3,
        allow_nan=False,
        allow_infinity=False,
    ),
    st.decimals(
        min_value=Decimal(0),
        max_value=Decimal(10**6),
        places=3,
        allow_nan=False,
        allow_infinity=False,
    ),
)
def test_measured_quantities_add_exactly(unit: Unit, a: Decimal, b: Decimal) -> None:
    total = Quantity(a, unit) + Quantity(b, unit)
    with localcontext() as context:
        context.prec = 60
        expected = a + b
    assert total.amount == expected
    assert Decimal(total.format_zh().removesuffix(unit.zh)) == expected
