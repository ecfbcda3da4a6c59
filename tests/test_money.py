"""Tests of :class:`villagemodel.money.Money`: exact yuan, 万元 display, refusals."""

import itertools
import operator
import pickle
import re
from collections.abc import Callable
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from villagemodel import (
    InexactNumberError,
    InvalidValueError,
    Money,
    Percentage,
    PersonCount,
    UnitMismatchError,
    VillageModelError,
)
from villagemodel.serialize import converter


def untyped(value: object) -> Any:
    """``value`` typed as ``Any``, to hand the model what its annotations forbid."""
    return value


def exact_sum(*numbers: Decimal) -> Decimal:
    """The sum of ``numbers`` in a context wide enough never to round."""
    with localcontext() as context:
        context.prec = 200
        return sum(numbers, Decimal(0))


def parse_en(text: str) -> Decimal:
    """The number in an English money display such as ``1,234.5 yuan``."""
    assert text.endswith(" yuan")
    return Decimal(text.removesuffix(" yuan").replace(",", ""))


# Amounts as reports give them: yuan with at most two decimals (whole fen).
yuan_amounts = st.decimals(
    min_value=Decimal("-1000000000000"),
    max_value=Decimal("1000000000000"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)
money = yuan_amounts.map(Money)
# Amounts in 万元 with up to six decimals (down to 1 fen).
wan_amounts = st.decimals(
    min_value=Decimal("-100000000"),
    max_value=Decimal("100000000"),
    places=6,
    allow_nan=False,
    allow_infinity=False,
)
# Amounts with more decimals than a fen, to be rounded.
fine_amounts = st.decimals(
    min_value=Decimal("-1000000"),
    max_value=Decimal("1000000"),
    places=6,
    allow_nan=False,
    allow_infinity=False,
)
fen_counts = st.integers(min_value=-(10**15), max_value=10**15)


# -- the report's figures ---------------------------------------------------


def test_total_of_six_villages_is_902000_yuan__collective_income_90_2_wan() -> None:
    """“6个村集体经济收入总量为90.2万元”: 90.2万元 is exactly 902,000 yuan."""
    total = Money.from_wan("90.2")
    assert total == Money(902000)
    assert total.yuan == Decimal(902000)
    assert total.wan == Decimal("90.2")
    assert total.format_zh() == "90.2万元"
    assert total.format_en() == "902,000 yuan"
    assert repr(total) == "Money('902000')"


def test_aid_funds_since_2021_are_14930000_yuan__aid_funds_1493_wan() -> None:
    """“2021年以来，6个村共落实帮扶资金1493万元”."""
    funds = Money.from_wan(1493)
    assert funds == Money(14_930_000)
    assert funds.format_zh() == "1493万元"
    assert funds.format_en() == "14,930,000 yuan"
    assert funds.wan == Decimal(1493)
    assert str(funds.wan) == "1493"


def test_taohua_income_is_227000_yuan__taohua_collective_income_22_7_wan() -> None:
    """“2022年，陶化村集体经济收入22.7万元”."""
    income = Money.from_wan("22.7")
    assert income == Money(227_000)
    assert income.format_zh() == "22.7万元"
    assert income.format_en() == "227,000 yuan"
    assert income < Money.from_wan("90.2")


def test_school_donations_are_155000_yuan__donations_15_5_wan() -> None:
    """“联系爱心企业累计捐资助学15.5万元”."""
    donations = Money.from_wan("15.5")
    assert donations.yuan == Decimal(155_000)
    assert donations.format_zh() == "15.5万元"
    assert donations.format_zh(unit="yuan") == "155000元"


def test_taohua_share_of_the_six_villages_income_is_an_exact_fraction() -> None:
    """22.7万元 of 90.2万元 is exactly 227/902, with no rounding."""
    share = Money.from_wan("22.7").ratio(Money.from_wan("90.2"))
    assert isinstance(share, Fraction)
    assert share == Fraction(227, 902)


def test_average_income_per_village_is_rounded_half_up_to_the_fen() -> None:
    """90.2万元 over 6 villages is 150,333.333... yuan, shown as 150,333.33."""
    average = Money.from_wan("90.2").divided_by(6)
    assert average == Money("150333.33")
    assert average.yuan.as_tuple().exponent == -2


# -- exact sums ---------------------------------------------------------------


def test_a_million_amounts_of_one_fen_sum_to_exactly_10000_yuan() -> None:
    """sum() of 1,000,000 x 0.01 yuan is 10,000.00 yuan exactly (no float drift)."""
    total = sum(itertools.repeat(Money("0.01"), 1_000_000))
    assert total == Money(10000)
    assert isinstance(total, Money)
    assert total.yuan == Decimal("10000.00")
    assert repr(total) == "Money('10000.00')"


def test_sum_of_tenths_is_exact() -> None:
    assert sum([Money("0.10"), Money("0.20")]) == Money("0.30")


def test_zero_plus_money_is_that_money_so_sum_can_start_from_zero() -> None:
    amount = Money("22.7")
    assert 0 + amount == amount
    assert (0 + amount).yuan == Decimal("22.7")


@pytest.mark.parametrize("start", [1, -1, True, False, 0.0, Decimal(0), Decimal(1)])
def test_only_the_int_zero_may_be_added_to_money(start: object) -> None:
    with pytest.raises(UnitMismatchError, match=f"cannot add Money and {type(start).__name__}"):
        untyped(start) + Money(10)


def test_one_plus_money_is_refused() -> None:
    with pytest.raises(UnitMismatchError, match="cannot add Money and int"):
        untyped(1) + Money("22.7")


def test_multiplication_by_whole_and_decimal_numbers_is_exact() -> None:
    assert Money.from_fen(1) * 1_000_000 == Money("10000.00")
    assert 3 * Money("0.1") == Money("0.3")
    assert Money("0.1") * Decimal("0.5") == Money("0.05")
    assert (Money("0.1") * Decimal("0.5")).yuan == Decimal("0.050")


# -- refusals ---------------------------------------------------------------


def test_a_float_is_refused_and_the_message_names_the_value() -> None:
    with pytest.raises(InexactNumberError, match=r"^Money: a float is not exact.*\(got 0\.1\)$"):
        Money(untyped(0.1))


def test_the_float_error_is_an_invalid_value_and_a_type_error() -> None:
    with pytest.raises(InexactNumberError) as caught:
        Money(untyped(0.1))
    error = caught.value
    assert isinstance(error, InvalidValueError)
    assert isinstance(error, TypeError)
    assert isinstance(error, VillageModelError)
    assert error.path == "Money"
    assert error.value == 0.1
    assert "'0.1'" in str(error)  # suggests the exact string to pass instead


def test_a_float_amount_in_wan_is_refused() -> None:
    with pytest.raises(InexactNumberError, match=r"^Money\.from_wan: .*\(got 90\.2\)$"):
        Money.from_wan(untyped(90.2))


def test_money_times_a_float_is_refused() -> None:
    with pytest.raises(
        InexactNumberError, match=r"Money \* factor: a float is not exact \(got 0\.5\)"
    ):
        Money(100) * untyped(0.5)


def test_a_float_times_money_is_refused() -> None:
    with pytest.raises(InexactNumberError, match=r"\(got 0\.5\)"):
        untyped(0.5) * Money(100)


@pytest.mark.parametrize("flag", [True, False])
def test_a_bool_is_refused_as_money(flag: bool) -> None:
    with pytest.raises(InvalidValueError, match=rf"^Money: a bool is not a number \(got {flag}\)$"):
        Money(flag)


def test_a_bool_is_refused_as_a_factor_and_as_fen() -> None:
    with pytest.raises(UnitMismatchError, match="cannot multiply Money by bool"):
        Money(100) * True
    with pytest.raises(
        InvalidValueError, match=r"^Money\.from_fen: fen must be an int \(got True\)$"
    ):
        Money.from_fen(True)


@pytest.mark.parametrize("factor", [Money(2), PersonCount(2), "2", Fraction(1, 2)])
def test_money_multiplies_by_numbers_only(factor: object) -> None:
    with pytest.raises(
        UnitMismatchError, match=f"cannot multiply Money by {type(factor).__name__}"
    ):
        Money(100) * untyped(factor)


def test_an_amount_written_with_wan_is_refused_as_a_string() -> None:
    with pytest.raises(InvalidValueError, match=r"^Money: not a decimal number \(got '12万'\)$"):
        Money("12万")


@pytest.mark.parametrize(
    "value",
    ["NaN", "nan", "sNaN", "Infinity", "-Infinity", "inf", Decimal("NaN"), Decimal("-Infinity")],
)
def test_nan_and_infinity_are_refused(value: object) -> None:
    shown = re.escape(repr(value))
    with pytest.raises(
        InvalidValueError, match=rf"^Money: must be a finite number \(got {shown}\)$"
    ):
        Money(untyped(value))


@pytest.mark.parametrize("text", [" 12", "12 ", "\t12", "12\n", "\u300012", " ", ""])
def test_strings_with_surrounding_whitespace_or_nothing_are_refused(text: str) -> None:
    shown = re.escape(repr(text))
    with pytest.raises(InvalidValueError, match=rf"^Money: not a decimal number \(got {shown}\)$"):
        Money(text)


@pytest.mark.parametrize("value", [None, [1], Fraction(1, 2), PersonCount(3)])
def test_other_types_are_refused_naming_the_type(value: object) -> None:
    with pytest.raises(
        InvalidValueError, match=f"expected a Decimal, int or str, not {type(value).__name__}"
    ):
        Money(untyped(value))


def test_money_is_immutable() -> None:
    amount = Money(1)
    with pytest.raises(AttributeError, match="Money is immutable"):
        amount._yuan = Decimal(2)
    assert amount.yuan == Decimal(1)


# -- units of 万 and 分 -------------------------------------------------------


def test_from_fen_and_fen_round_trip() -> None:
    assert Money.from_fen(12345) == Money("123.45")
    assert Money.from_fen(12345).fen == 12345
    assert Money.from_fen(-7).yuan == Decimal("-0.07")
    assert Money("123.45").fen == 12345
    assert Money(10).fen == 1000


def test_fen_of_an_amount_below_one_fen_is_refused() -> None:
    assert not Money("1.255").is_whole_fen()
    assert Money("1.250").is_whole_fen()
    with pytest.raises(
        InvalidValueError,
        match=r"^Money\.fen: not a whole number of fen \(got Money\('1\.255'\)\)$",
    ):
        _ = Money("1.255").fen


def test_from_wan_and_wan_round_trip() -> None:
    assert Money.from_wan("0.0001") == Money(1)
    assert Money(1).wan == Decimal("0.0001")
    assert Money(902000).wan == Decimal("90.2")
    assert str(Money(902000).wan) == "90.2"
    assert str(Money(10000).wan) == "1"
    assert str(Money("0.01").wan) == "0.000001"


def test_exponent_form_is_stored_as_plain_yuan() -> None:
    amount = Money("9.02E+5")
    assert amount.yuan.as_tuple().exponent == 0
    assert repr(amount) == "Money('902000')"


def test_stated_trailing_zeros_are_kept_but_do_not_affect_equality() -> None:
    assert repr(Money("1.10")) == "Money('1.10')"
    assert Money("1.10") == Money("1.1")
    assert hash(Money("1.10")) == hash(Money("1.1"))


def test_money_never_equals_a_bare_number() -> None:
    assert Money(1) != 1
    assert Money(1) != Decimal(1)
    assert Money(0) != 0
    assert Money(1) != PersonCount(1)


# -- display ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Money(850), "850元"),
        (Money("9999.99"), "9999.99元"),
        (Money("0.5"), "0.5元"),
        (Money("0.01"), "0.01元"),
        (Money(0), "0元"),
        (Money(-850), "-850元"),
        (Money(10000), "1万元"),
        (Money(155000), "15.5万元"),
        (Money(-902000), "-90.2万元"),
        (Money("902000.01"), "90.200001万元"),
    ],
)
def test_chinese_display_uses_wan_from_10000_yuan_up(amount: Money, shown: str) -> None:
    assert amount.format_zh() == shown


def test_chinese_display_in_a_chosen_unit_has_no_grouping() -> None:
    assert Money(155000).format_zh(unit="yuan") == "155000元"
    assert Money(14_930_000).format_zh(unit="yuan") == "14930000元"
    assert Money(5).format_zh(unit="wan") == "0.0005万元"
    assert Money("1234.5").format_zh(unit="wan", places=2) == "0.12万元"


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Money(902000), "902,000 yuan"),
        (Money("1234567.891"), "1,234,567.891 yuan"),
        (Money(999), "999 yuan"),
        (Money(1000), "1,000 yuan"),
        (Money("1.10"), "1.1 yuan"),
        (Money(-14_930_000), "-14,930,000 yuan"),
    ],
)
def test_english_display_groups_thousands(amount: Money, shown: str) -> None:
    assert amount.format_en() == shown
    assert str(amount) == shown


@pytest.mark.parametrize(
    ("yuan", "places", "zh", "en"),
    [
        ("0.125", 2, "0.13元", "0.13 yuan"),
        ("-0.125", 2, "-0.13元", "-0.13 yuan"),
        ("0.124", 2, "0.12元", "0.12 yuan"),
        ("2.5", 0, "3元", "3 yuan"),
        ("-2.5", 0, "-3元", "-3 yuan"),
        ("1234.5", 2, "1234.50元", "1,234.50 yuan"),
    ],
)
def test_places_rounds_the_display_half_up(yuan: str, places: int, zh: str, en: str) -> None:
    amount = Money(yuan)
    assert amount.format_zh(places=places) == zh
    assert amount.format_en(places=places) == en
    assert amount == Money(yuan)  # the amount itself is not rounded


def test_without_places_nothing_is_rounded() -> None:
    assert Money("0.125").format_zh() == "0.125元"
    assert Money("0.125").format_en() == "0.125 yuan"
    assert Money("123456.789").format_zh() == "12.3456789万元"
    assert Money("0.001").format_en() == "0.001 yuan"


def test_negative_places_are_refused() -> None:
    with pytest.raises(InvalidValueError, match=r"^places: must be a non-negative int \(got -1\)$"):
        Money(1).format_zh(places=-1)


# -- division and rounding ----------------------------------------------------


def test_divided_by_rounds_half_up() -> None:
    assert Money(1).divided_by(8) == Money("0.13")
    assert Money(-1).divided_by(8) == Money("-0.13")
    assert Money(1).divided_by(-8) == Money("-0.13")
    assert Money(1).divided_by(8, places=3) == Money("0.125")
    assert Money(1).divided_by(8, places=0) == Money(0)
    assert Money(1).divided_by(8, rounding=ROUND_HALF_EVEN) == Money("0.12")


def test_parts_of_a_division_sum_to_the_total_within_half_a_fen_each() -> None:
    part = Money(100).divided_by(3)
    assert part == Money("33.33")
    assert part * 3 == Money("99.99")
    assert abs(Money(100) - part * 3) == Money("0.01")


@pytest.mark.parametrize("divisor", [0, True, Decimal(2), "2"])
def test_divided_by_refuses_zero_and_non_int_divisors(divisor: object) -> None:
    shown = re.escape(repr(divisor))
    with pytest.raises(
        InvalidValueError,
        match=rf"^Money\.divided_by: divisor must be a non-zero int \(got {shown}\)$",
    ):
        Money(1).divided_by(untyped(divisor))


def test_rounded_is_half_up() -> None:
    assert Money("0.125").rounded() == Money("0.13")
    assert Money("-0.125").rounded() == Money("-0.13")
    assert Money("0.124999").rounded() == Money("0.12")
    assert Money("150333.3333").rounded(0) == Money(150333)


def test_ratio_by_zero_and_by_a_non_money_is_refused() -> None:
    with pytest.raises(
        InvalidValueError, match=r"^Money\.ratio: cannot divide by zero yuan \(got Money\('0'\)\)$"
    ):
        Money(1).ratio(Money(0))
    with pytest.raises(UnitMismatchError, match="cannot divide Money and PersonCount"):
        Money(1).ratio(untyped(PersonCount(1)))


# -- unit mismatches ----------------------------------------------------------

OPERATIONS: list[tuple[str, Callable[[Any, Any], object], str]] = [
    ("add", operator.add, "add"),
    ("sub", operator.sub, "subtract"),
    ("lt", operator.lt, "compare"),
    ("le", operator.le, "compare"),
    ("gt", operator.gt, "compare"),
    ("ge", operator.ge, "compare"),
]
OTHERS: list[object] = [1, Decimal(1), PersonCount(1), Percentage(1)]


@pytest.mark.parametrize(("name", "operation", "verb"), OPERATIONS, ids=[o[0] for o in OPERATIONS])
@pytest.mark.parametrize("other", OTHERS, ids=[type(o).__name__ for o in OTHERS])
def test_money_does_not_mix_with_other_units(
    name: str, operation: Callable[[Any, Any], object], verb: str, other: object
) -> None:
    with pytest.raises(
        UnitMismatchError, match=f"^cannot {verb} Money and {type(other).__name__}$"
    ):
        operation(Money(1), other)


@pytest.mark.parametrize("operation", [operator.add, operator.lt, operator.gt])
@pytest.mark.parametrize("other", [2, Decimal(2)])
def test_money_does_not_mix_with_numbers_on_the_left(
    operation: Callable[[Any, Any], object], other: object
) -> None:
    with pytest.raises(UnitMismatchError, match=f"Money and {type(other).__name__}"):
        operation(other, Money(1))


def test_a_mismatch_error_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        Money(1) + untyped(PersonCount(1))


# -- exactness beyond 28 significant digits ----------------------------------
# Python's default decimal context keeps 28 digits; money must not depend on it.

LONG_AMOUNT = Money("902000.01") * Decimal("0.3333333333333333333333333")


def test_a_long_product_is_exact() -> None:
    assert LONG_AMOUNT.yuan == Decimal("300666.669999999999999999969933333")


def test_negation_and_abs_keep_every_digit() -> None:
    exact = Decimal("300666.669999999999999999969933333")
    assert (-LONG_AMOUNT).yuan == Decimal("-300666.669999999999999999969933333")
    assert (-LONG_AMOUNT).yuan == exact.copy_negate()
    assert abs(-LONG_AMOUNT).yuan == exact
    assert -Money(10**30 + 1) == Money(-(10**30) - 1)


def test_display_keeps_every_digit() -> None:
    assert LONG_AMOUNT.format_en() == "300,666.669999999999999999969933333 yuan"
    assert LONG_AMOUNT.format_zh(unit="yuan") == "300666.669999999999999999969933333元"
    assert Money(10**28 + 1).format_zh() == "1000000000000000000000000.0001万元"


def test_fen_of_a_large_whole_amount() -> None:
    assert Money.from_fen(10**30).is_whole_fen()
    assert Money.from_fen(10**30).fen == 10**30


# -- properties -----------------------------------------------------------------


@given(yuan_amounts, yuan_amounts)
def test_addition_is_exact(a: Decimal, b: Decimal) -> None:
    total = Money(a) + Money(b)
    assert total.yuan == exact_sum(a, b)
    assert (Money(a) - Money(b)).yuan == exact_sum(a, -b)


@given(money, money)
def test_addition_is_commutative(a: Money, b: Money) -> None:
    assert a + b == b + a


@given(money, money, money)
def test_addition_is_associative(a: Money, b: Money, c: Money) -> None:
    assert (a + b) + c == a + (b + c)


@given(money, money)
def test_subtraction_undoes_addition(a: Money, b: Money) -> None:
    assert (a + b) - b == a
    assert a - a == Money.zero()


@given(st.lists(yuan_amounts, max_size=20))
def test_sum_with_a_money_start_is_exact(amounts: list[Decimal]) -> None:
    total = sum((Money(a) for a in amounts), Money.zero())
    assert total.yuan == exact_sum(*amounts)


@given(fen_counts)
def test_from_fen_then_fen_is_the_identity(fen: int) -> None:
    amount = Money.from_fen(fen)
    assert amount.fen == fen
    assert amount.is_whole_fen()
    assert amount.yuan * 100 == fen


@given(wan_amounts)
def test_from_wan_then_wan_is_the_identity_normalised(wan: Decimal) -> None:
    back = Money.from_wan(wan).wan
    assert back == wan
    text = str(back)
    assert "E" not in text
    assert not ("." in text and text.endswith("0"))
    assert Money.from_wan(wan).yuan == wan * 10000


@given(fine_amounts, st.integers(min_value=0, max_value=5))
def test_rounded_is_within_half_a_unit_of_the_last_place(amount: Decimal, places: int) -> None:
    result = Money(amount).rounded(places).yuan
    half_unit = Decimal(5).scaleb(-places - 1)
    assert abs(result - amount) <= half_unit
    exponent = result.as_tuple().exponent
    assert isinstance(exponent, int)
    assert exponent >= -places
    assert result == amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@given(yuan_amounts, st.integers(min_value=1, max_value=1000))
def test_divided_by_is_half_up_and_its_parts_sum_within_n_half_fen(total: Decimal, n: int) -> None:
    part = Money(total).divided_by(n)
    with localcontext() as context:
        context.prec = 60
        expected = (total / n).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert part.yuan == expected
    gap = abs((part * n - Money(total)).yuan)
    assert gap * 200 <= n  # at most n/2 fen


@given(money, money)
def test_ratio_is_exact(a: Money, b: Money) -> None:
    if not b:
        return
    ratio = a.ratio(b)
    assert ratio * Fraction(b.yuan) == Fraction(a.yuan)


@given(money)
def test_pickling_round_trips(amount: Money) -> None:
    back = pickle.loads(pickle.dumps(amount))
    assert isinstance(back, Money)
    assert back == amount
    assert repr(back) == repr(amount)
    assert hash(back) == hash(amount)


@given(yuan_amounts, st.integers(min_value=0, max_value=4))
def test_equal_amounts_hash_alike_whatever_their_trailing_zeros(
    amount: Decimal, zeros: int
) -> None:
    padded = amount.quantize(Decimal(1).scaleb(-2 - zeros))
    assert Money(padded) == Money(amount)
    assert hash(Money(padded)) == hash(Money(amount))
    assert len({Money(padded), Money(amount)}) == 1


@given(yuan_amounts, yuan_amounts)
def test_equality_follows_the_amount(a: Decimal, b: Decimal) -> None:
    assert (Money(a) == Money(b)) == (a == b)
    assert (Money(a) < Money(b)) == (a < b)
    if Money(a) == Money(b):
        assert hash(Money(a)) == hash(Money(b))


@given(fine_amounts)
def test_english_display_reads_back_as_the_amount(amount: Decimal) -> None:
    assert parse_en(Money(amount).format_en()) == amount


@given(wan_amounts)
def test_chinese_display_reads_back_as_the_amount(wan: Decimal) -> None:
    amount = Money.from_wan(wan)
    shown = amount.format_zh()
    if shown.endswith("万元"):
        assert abs(amount.yuan) >= 10000
        assert Decimal(shown.removesuffix("万元")) == wan
    else:
        assert abs(amount.yuan) < 10000
        assert Decimal(shown.removesuffix("元")) == amount.yuan


@pytest.mark.parametrize(
    "text", ["2_022", "1_000.5", " 12", "12 ", "１２", "+", "0x10", "1e", "12万"]
)
def test_only_a_decimal_number_in_ascii_digits_is_money(text: str) -> None:
    with pytest.raises(InvalidValueError) as info:
        Money(text)
    assert info.value.value == text


def test_money_written_as_plain_data_has_no_exponent() -> None:
    assert converter.unstructure(Money(Decimal("1E+2"))) == "100"
    assert converter.structure("100", Money) == Money(Decimal("1E+2"))
