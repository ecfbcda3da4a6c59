"""Exact decimal helpers shared by the unit types (internal)."""

from __future__ import annotations

import decimal
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Final

from villagemodel.errors import InexactNumberError, InvalidValueError

EXACT: Final = decimal.Context(
    prec=120,
    rounding=ROUND_HALF_UP,
    traps=[
        decimal.InvalidOperation,
        decimal.DivisionByZero,
        decimal.Overflow,
        decimal.Inexact,
        decimal.Rounded,
    ],
)
"""The decimal context for money arithmetic: any operation whose result would
need rounding raises :class:`decimal.Inexact` instead of rounding silently."""

EXACT_ROUNDING: Final = decimal.Context(prec=decimal.MAX_PREC, rounding=ROUND_HALF_UP)
"""A context for the explicit rounding steps, with room for every digit."""


_DECIMAL_TEXT: Final = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
"""A decimal number as text: ASCII digits, no digit separator, no space."""


_NOT_FINITE: Final = frozenset({"nan", "snan", "inf", "infinity"})


def plain_text(number: Decimal) -> str:
    """``number`` written without an exponent, as :func:`to_decimal` reads it back.

    >>> plain_text(Decimal("1E+2")), plain_text(Decimal("0.0000001")), plain_text(Decimal("12.30"))
    ('100', '0.0000001', '12.30')
    """
    return format(number, "f")


def to_decimal(value: object, path: str) -> Decimal:
    """Turn ``value`` into a finite :class:`~decimal.Decimal`, exactly, or refuse.

    Accepts ``Decimal``, ``int`` and strings of a decimal number in ASCII
    digits, with an optional sign, decimal point and exponent (``"-12.30"``,
    ``"9.02E+5"``: exact either way). Refuses ``float`` (with
    :class:`~villagemodel.errors.InexactNumberError`), ``bool``, NaN,
    infinities, digit separators (``"2_022"``), spaces, non-ASCII digits and
    anything else, naming ``path`` and the value.

    >>> to_decimal("12.30", "amount")
    Decimal('12.30')
    >>> to_decimal("12万", "amount")
    Traceback (most recent call last):
    ...
    villagemodel.errors.InvalidValueError: amount: not a decimal number (got '12万')
    >>> to_decimal("2_022", "amount")
    Traceback (most recent call last):
    ...
    villagemodel.errors.InvalidValueError: amount: not a decimal number (got '2_022')
    """
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise InvalidValueError(path, value, "a bool is not a number")
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        raise InexactNumberError(
            path,
            value,
            f"a float is not exact; pass a Decimal, an int or a str such as {str(value)!r}",
        )
    elif isinstance(value, str):
        if _DECIMAL_TEXT.fullmatch(value) is None:
            if value.strip().lower().lstrip("+-") in _NOT_FINITE:
                raise InvalidValueError(path, value, "must be a finite number")
            raise InvalidValueError(path, value, "not a decimal number")
        result = Decimal(value)
    else:
        raise InvalidValueError(
            path, value, f"expected a Decimal, int or str, not {type(value).__name__}"
        )
    if not result.is_finite():
        raise InvalidValueError(path, value, "must be a finite number")
    return result


def is_integral(number: Decimal) -> bool:
    """Whether a finite decimal is a whole number, at any size.

    >>> is_integral(Decimal("10E+40")), is_integral(Decimal("1.50"))
    (True, False)
    """
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    return exponent >= 0 or number == number.to_integral_value(context=EXACT_ROUNDING)


def plain(number: Decimal) -> Decimal:
    """``number`` without trailing fractional zeros, never in exponent form."""
    if number == 0:
        return Decimal(0)
    normal = number.normalize(EXACT)
    exponent = normal.as_tuple().exponent
    assert isinstance(exponent, int)  # finite, checked at construction
    return normal.quantize(Decimal(1), context=EXACT) if exponent > 0 else normal


def round_fraction(value: Fraction, places: int, rounding: str) -> Decimal:
    """Round an exact fraction to ``places`` decimals with a :mod:`decimal` mode.

    Exact for every input: the integer part of ``value * 10**places`` and the
    position of the remainder (zero, below half, half, above half) decide
    every rounding mode, so the remainder is replaced by a stand-in with the
    same position and the stand-in, which is exact, is rounded once.
    """
    if isinstance(places, bool) or not isinstance(places, int) or places < 0:
        raise InvalidValueError("places", places, "must be a non-negative int")
    quotient, remainder = divmod(value.numerator * 10**places, value.denominator)
    twice = 2 * remainder
    if remainder == 0:
        stand_in = Decimal(0)
    elif twice < value.denominator:
        stand_in = Decimal("0.25")
    elif twice == value.denominator:
        stand_in = Decimal("0.5")
    else:
        stand_in = Decimal("0.75")
    context = decimal.Context(prec=120, rounding=rounding)
    integral = (Decimal(quotient) + stand_in).to_integral_value(rounding=rounding, context=context)
    return integral.scaleb(-places, context)


def format_number(number: Decimal, locale: str, *, grouping: bool) -> str:
    from babel.numbers import format_decimal  # noqa: PLC0415  (lazy: display only)

    digits = len(number.as_tuple().digits) - int(number.as_tuple().exponent)
    with decimal.localcontext(prec=max(digits, 28) + 10):  # babel works in the current context
        text: str = format_decimal(
            number, locale=locale, decimal_quantization=False, group_separator=grouping
        )
    places = -int(number.as_tuple().exponent)
    if places > 0 and "." not in text:  # keep stated zeros such as 1,234.50
        text += "." + "0" * places
    elif places > 0:
        shown = len(text.split(".")[1])
        text += "0" * (places - shown)
    return text
