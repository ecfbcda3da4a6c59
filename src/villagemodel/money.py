"""Exact amounts of money in yuan (元).

:class:`Money` wraps a :class:`decimal.Decimal` number of yuan. It never holds
a binary float: a ``float`` given as money is refused with
:class:`~villagemodel.errors.InexactNumberError` instead of being rounded, and
every operation that could lose a digit either is exact or says how it rounds.

Chinese reports count large sums in 万元 (ten thousand yuan): "90.2万元" is
902,000 yuan. 万 is a unit of *display*; amounts are stored in yuan.

>>> total = Money.from_wan("90.2")
>>> total
Money('902000')
>>> total.format_zh()
'90.2万元'
>>> total.format_en()
'902,000 yuan'
>>> sum([Money("0.10"), Money("0.20")]) == Money("0.30")
True
>>> Money(0.1)
Traceback (most recent call last):
...
villagemodel.errors.InexactNumberError: Money: a float is not exact; pass a Decimal, an int or a str such as '0.1' (got 0.1)
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Final, Literal, final

from villagemodel._numbers import (
    EXACT,
    format_number,
    is_integral,
    plain,
    round_fraction,
    to_decimal,
)
from villagemodel.errors import InexactNumberError, InvalidValueError, UnitMismatchError

__all__ = ["FEN_PER_YUAN", "YUAN_PER_WAN", "Money"]

YUAN_PER_WAN: Final = 10_000
"""One 万 (wan) is ten thousand: 1万元 = 10,000 yuan."""

FEN_PER_YUAN: Final = 100
"""One yuan is 100 fen (分), the smallest unit of the renminbi."""


@final
class Money:
    """An exact amount of money in yuan.

    Build it from a ``Decimal``, an ``int`` or a decimal string; use
    :meth:`from_wan` for amounts given in 万元 and :meth:`from_fen` for
    integer fen. Money adds to and subtracts from money only, multiplies by
    exact numbers, and ``sum()`` works on it. Comparing or adding money to a
    count, a percentage or a bare number raises
    :class:`~villagemodel.errors.UnitMismatchError` (``0`` is allowed as the
    start of ``sum``).

    >>> Money.from_fen(1) * 1_000_000
    Money('10000.00')
    >>> Money("22.7") < Money.from_wan(20)
    True
    >>> Money(10) + 5
    Traceback (most recent call last):
    ...
    villagemodel.errors.UnitMismatchError: cannot add Money and int
    """

    __slots__ = ("_yuan",)
    _yuan: Decimal

    def __init__(self, yuan: Decimal | int | str) -> None:
        number = to_decimal(yuan, "Money")
        _, digits, exponent = number.as_tuple()
        assert isinstance(exponent, int)  # finite, checked by to_decimal
        if len(digits) + max(exponent, 0) > EXACT.prec:
            raise InvalidValueError(
                "Money", yuan, f"more than {EXACT.prec} digits: not an amount of money"
            )
        if exponent > 0:  # 9.02E+5 is stored as 902000
            number = number.quantize(Decimal(1), context=EXACT)
        object.__setattr__(self, "_yuan", number)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Money is immutable")

    def __reduce__(self) -> tuple[type[Money], tuple[str]]:
        return (Money, (str(self._yuan),))

    # -- constructors -----------------------------------------------------
    @classmethod
    def zero(cls) -> Money:
        """Zero yuan."""
        return cls(0)

    @classmethod
    def from_wan(cls, wan: Decimal | int | str) -> Money:
        """Money from an amount in 万元 (ten thousand yuan), exactly.

        >>> Money.from_wan("22.7")
        Money('227000')
        """
        return cls(to_decimal(wan, "Money.from_wan").scaleb(4, EXACT))

    @classmethod
    def from_fen(cls, fen: int) -> Money:
        """Money from a whole number of fen (1 yuan = 100 fen).

        >>> Money.from_fen(12345)
        Money('123.45')
        """
        if isinstance(fen, bool) or not isinstance(fen, int):
            raise InvalidValueError("Money.from_fen", fen, "fen must be an int")
        return cls(Decimal(fen).scaleb(-2, EXACT))

    # -- views ------------------------------------------------------------
    @property
    def yuan(self) -> Decimal:
        """The amount in yuan, as stored."""
        return self._yuan

    @property
    def wan(self) -> Decimal:
        """The amount in 万元, exactly (trailing zeros removed).

        >>> Money(902000).wan
        Decimal('90.2')
        """
        return plain(self._yuan.scaleb(-4, EXACT))

    def is_whole_fen(self) -> bool:
        """Whether the amount is a whole number of fen (at most 2 decimals).

        >>> Money("1.25").is_whole_fen(), Money("1.255").is_whole_fen()
        (True, False)
        """
        return is_integral(EXACT.multiply(self._yuan, Decimal(FEN_PER_YUAN)))

    @property
    def fen(self) -> int:
        """The amount in whole fen; raises if it is not a whole number of fen.

        >>> Money("123.45").fen
        12345
        """
        if not self.is_whole_fen():
            raise InvalidValueError("Money.fen", self, "not a whole number of fen")
        return int(EXACT.multiply(self._yuan, Decimal(FEN_PER_YUAN)))

    # -- arithmetic -------------------------------------------------------
    def _other(self, other: object, verb: str) -> Decimal:
        if isinstance(other, Money):
            return other._yuan
        raise UnitMismatchError(f"cannot {verb} Money and {type(other).__name__}")

    def __add__(self, other: Money) -> Money:
        return Money(EXACT.add(self._yuan, self._other(other, "add")))

    def __radd__(self, other: int) -> Money:
        # Lets ``sum()`` start from its default 0; any other number is refused.
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return Money(EXACT.add(self._other(other, "add"), self._yuan))

    def __sub__(self, other: Money) -> Money:
        return Money(EXACT.subtract(self._yuan, self._other(other, "subtract")))

    def __mul__(self, factor: int | Decimal) -> Money:
        if isinstance(factor, float):
            raise InexactNumberError("Money * factor", factor, "a float is not exact")
        if isinstance(factor, bool) or not isinstance(factor, int | Decimal):
            raise UnitMismatchError(f"cannot multiply Money by {type(factor).__name__}")
        return Money(EXACT.multiply(self._yuan, Decimal(factor)))

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(EXACT.minus(self._yuan))

    def __abs__(self) -> Money:
        return Money(EXACT.abs(self._yuan))

    def ratio(self, other: Money) -> Fraction:
        """The exact ratio of two amounts, as a :class:`~fractions.Fraction`.

        >>> Money(227000).ratio(Money(902000))
        Fraction(227, 902)
        """
        denominator = self._other(other, "divide")
        if denominator == 0:
            raise InvalidValueError("Money.ratio", other, "cannot divide by zero yuan")
        return Fraction(self._yuan) / Fraction(denominator)

    def divided_by(self, divisor: int, *, places: int = 2, rounding: str = ROUND_HALF_UP) -> Money:
        """Divide by a whole number, rounding to ``places`` decimals of a yuan.

        The rounding is explicit: half up (四舍五入) unless ``rounding`` names
        another :mod:`decimal` rounding mode.

        >>> Money(902000).divided_by(6)
        Money('150333.33')
        >>> Money(1).divided_by(8, places=2)
        Money('0.13')
        """
        if isinstance(divisor, bool) or not isinstance(divisor, int) or divisor == 0:
            raise InvalidValueError("Money.divided_by", divisor, "divisor must be a non-zero int")
        exact = Fraction(self._yuan) / divisor
        return Money(round_fraction(exact, places, rounding))

    def rounded(self, places: int = 2, rounding: str = ROUND_HALF_UP) -> Money:
        """This amount rounded to ``places`` decimals (half up by default).

        >>> Money("0.125").rounded()
        Money('0.13')
        """
        return Money(round_fraction(Fraction(self._yuan), places, rounding))

    # -- comparison -------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if isinstance(other, Money):
            return self._yuan == other._yuan
        return NotImplemented

    def __hash__(self) -> int:
        return hash((Money, self._yuan))

    def __lt__(self, other: Money) -> bool:
        return self._yuan < self._other(other, "compare")

    def __le__(self, other: Money) -> bool:
        return self._yuan <= self._other(other, "compare")

    def __gt__(self, other: Money) -> bool:
        return self._yuan > self._other(other, "compare")

    def __ge__(self, other: Money) -> bool:
        return self._yuan >= self._other(other, "compare")

    def __bool__(self) -> bool:
        return self._yuan != 0

    # -- display ----------------------------------------------------------
    def __repr__(self) -> str:
        return f"Money('{self._yuan}')"

    def __str__(self) -> str:
        return self.format_en()

    def format_zh(
        self, *, unit: Literal["auto", "yuan", "wan"] = "auto", places: int | None = None
    ) -> str:
        """Display in Chinese: ``90.2万元``, ``850元``.

        ``unit="auto"`` uses 万元 from 10,000 yuan up, 元 below. By default
        every significant digit is kept (nothing is rounded); ``places`` rounds
        the displayed number half up (四舍五入) to that many decimals.

        >>> Money(14930000).format_zh()
        '1493万元'
        >>> Money(155000).format_zh(unit="yuan")
        '155000元'
        >>> Money("1234.5").format_zh(unit="wan", places=2)
        '0.12万元'
        """
        use_wan = unit == "wan" or (unit == "auto" and abs(self._yuan) >= YUAN_PER_WAN)
        number = self.wan if use_wan else plain(self._yuan)
        if places is not None:
            number = round_fraction(Fraction(number), places, ROUND_HALF_UP)
        return f"{format_number(number, 'zh_CN', grouping=False)}{'万元' if use_wan else '元'}"

    def format_en(self, *, places: int | None = None) -> str:
        """Display in English with thousands separators: ``902,000 yuan``.

        >>> Money("1234.5").format_en(places=2)
        '1,234.50 yuan'
        """
        number = (
            plain(self._yuan)
            if places is None
            else round_fraction(Fraction(self._yuan), places, ROUND_HALF_UP)
        )
        return f"{format_number(number, 'en_US', grouping=True)} yuan"
