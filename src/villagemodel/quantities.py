"""Units that cannot be confused: counts, percentages, percentage points, quantities.

Work reports mix many kinds of number in one sentence. The library gives each
its own type, so that a mistake is a :class:`~villagemodel.errors.UnitMismatchError`
(and a type error under mypy), not a wrong figure:

* counts of people (人), households (户) and person-times (人次) are different:
  "技能培训帮扶农民300多人次" counts attendances, not farmers;
* a :class:`Percentage` (12.76%) is not a :class:`PercentagePoints` difference
  (2.1个百分点): ``Percentage("12.76") - Percentage("10.66")`` is
  ``PercentagePoints('2.10')``, and adding two percentages is refused;
* a :class:`Rate` is an exact ratio (numerator over denominator), turned into
  a percentage only with a stated rounding;
* a :class:`Quantity` of infrastructure carries its unit: 15 公里 of guard
  rail, 600 盏 of street lamps.

>>> Percentage("12.76") - Percentage("10.66")
PercentagePoints('2.10')
>>> (Percentage("12.76") - Percentage("10.66")).format_zh()
'2.1个百分点'
>>> PersonCount(5) + HouseholdCount(3)
Traceback (most recent call last):
...
villagemodel.errors.UnitMismatchError: cannot add PersonCount and HouseholdCount
"""

from __future__ import annotations

import enum
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import ClassVar, Self, final, overload

from villagemodel._numbers import EXACT, is_integral, plain, round_fraction, to_decimal
from villagemodel.errors import InvalidValueError, UnitMismatchError

__all__ = [
    "Count",
    "HouseholdCount",
    "Percentage",
    "PercentagePoints",
    "PersonCount",
    "PersonTimes",
    "Quantity",
    "Rate",
    "Unit",
]


def _check_same(kind: str, left: object, right: object) -> None:
    if type(left) is not type(right):
        raise UnitMismatchError(f"cannot {kind} {type(left).__name__} and {type(right).__name__}")


class Count:
    """A whole, non-negative count of one kind of thing.

    Use a subclass: :class:`PersonCount`, :class:`HouseholdCount` or
    :class:`PersonTimes`. Counts of different kinds never add, subtract or
    compare with each other.

    >>> PersonCount(150) + PersonCount(2)
    PersonCount(152)
    >>> sum([HouseholdCount(20), HouseholdCount(15)])
    HouseholdCount(35)
    >>> PersonCount(-1)
    Traceback (most recent call last):
    ...
    villagemodel.errors.InvalidValueError: PersonCount: a count cannot be negative (got -1)
    """

    __slots__ = ("_value",)
    _value: int
    unit_zh: ClassVar[str] = ""
    unit_en: ClassVar[tuple[str, str]] = ("", "")

    def __init__(self, value: int) -> None:
        name = type(self).__name__
        if type(self) is Count:
            raise TypeError("Count is abstract: use PersonCount, HouseholdCount or PersonTimes")
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidValueError(name, value, "a count must be an int")
        if value < 0:
            raise InvalidValueError(name, value, "a count cannot be negative")
        object.__setattr__(self, "_value", value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __reduce__(self) -> tuple[type[Self], tuple[int]]:
        return (type(self), (self._value,))

    @property
    def value(self) -> int:
        """The count as a plain ``int``."""
        return self._value

    def __add__(self, other: Self) -> Self:
        _check_same("add", self, other)
        return type(self)(self._value + other._value)

    def __radd__(self, other: int) -> Self:
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        _check_same("add", other, self)
        raise AssertionError("unreachable")  # pragma: no cover

    def __sub__(self, other: Self) -> Self:
        _check_same("subtract", self, other)
        return type(self)(self._value - other._value)

    def __mul__(self, factor: int) -> Self:
        if isinstance(factor, bool) or not isinstance(factor, int):
            raise UnitMismatchError(
                f"cannot multiply {type(self).__name__} by {type(factor).__name__}"
            )
        return type(self)(self._value * factor)

    def __eq__(self, other: object) -> bool:
        if type(other) is type(self):
            return self._value == other._value
        return NotImplemented

    def __hash__(self) -> int:
        return hash((type(self), self._value))

    def __lt__(self, other: Self) -> bool:
        _check_same("compare", self, other)
        return self._value < other._value

    def __le__(self, other: Self) -> bool:
        _check_same("compare", self, other)
        return self._value <= other._value

    def __gt__(self, other: Self) -> bool:
        _check_same("compare", self, other)
        return self._value > other._value

    def __ge__(self, other: Self) -> bool:
        _check_same("compare", self, other)
        return self._value >= other._value

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._value})"

    def format_zh(self) -> str:
        """Chinese display with the measure word: ``35户``, ``300人次``."""
        return f"{self._value}{self.unit_zh}"

    def format_en(self) -> str:
        """English display: ``35 households``, ``1 person``."""
        singular, plural = self.unit_en
        return f"{self._value:,} {singular if self._value == 1 else plural}"


@final
class PersonCount(Count):
    """A number of people (人).

    >>> PersonCount(150).format_zh(), PersonCount(150).format_en()
    ('150人', '150 people')
    """

    __slots__ = ()
    unit_zh = "人"
    unit_en = ("person", "people")


@final
class HouseholdCount(Count):
    """A number of households (户).

    >>> HouseholdCount(35).format_zh()
    '35户'
    """

    __slots__ = ()
    unit_zh = "户"
    unit_en = ("household", "households")


@final
class PersonTimes(Count):
    """A number of attendances (人次, person-times): one person at three
    trainings counts three times.

    >>> PersonTimes(300).format_en()
    '300 person-times'
    """

    __slots__ = ()
    unit_zh = "人次"
    unit_en = ("person-time", "person-times")


class _DecimalUnit:
    """Shared behaviour of the decimal-valued percentage types."""

    __slots__ = ("_value",)
    _value: Decimal

    def __init__(self, value: Decimal | int | str) -> None:
        object.__setattr__(self, "_value", to_decimal(value, type(self).__name__))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __reduce__(self) -> tuple[type[Self], tuple[str]]:
        return (type(self), (str(self._value),))

    @property
    def value(self) -> Decimal:
        """The number, as stored."""
        return self._value

    def __eq__(self, other: object) -> bool:
        if type(other) is type(self):
            return self._value == other._value
        return NotImplemented

    def __hash__(self) -> int:
        return hash((type(self), self._value))

    def _cmp(self, other: object) -> Decimal:
        _check_same("compare", self, other)
        return other._value  # type: ignore[attr-defined, no-any-return]

    def __lt__(self, other: Self) -> bool:
        return self._value < self._cmp(other)

    def __le__(self, other: Self) -> bool:
        return self._value <= self._cmp(other)

    def __gt__(self, other: Self) -> bool:
        return self._value > self._cmp(other)

    def __ge__(self, other: Self) -> bool:
        return self._value >= self._cmp(other)

    def __repr__(self) -> str:
        return f"{type(self).__name__}('{self._value}')"

    def rounded(self, places: int, rounding: str = ROUND_HALF_UP) -> Self:
        """Rounded to ``places`` decimals, half up (四舍五入) unless stated."""
        return type(self)(round_fraction(Fraction(self._value), places, rounding))


@final
class Percentage(_DecimalUnit):
    """A percentage, stored as the number before the % sign (``12.76`` is 12.76%).

    The difference of two percentages is in :class:`PercentagePoints`; a
    percentage plus or minus percentage points is a percentage; two
    percentages never add.

    >>> Percentage("10.66") + PercentagePoints("2.1")
    Percentage('12.76')
    >>> Percentage("12.76").format_zh(), Percentage("98").format_en()
    ('12.76%', '98%')
    >>> Percentage(5) + Percentage(5)
    Traceback (most recent call last):
    ...
    villagemodel.errors.UnitMismatchError: cannot add two percentages; did you mean percentage points?
    """

    __slots__ = ()

    @classmethod
    def share(cls, value: Decimal | int | str, *, path: str = "Percentage") -> Percentage:
        """A percentage that is a share of a whole, so between 0 and 100.

        >>> Percentage.share("98.5")
        Percentage('98.5')
        >>> Percentage.share(101, path="villages[2].insurance_rate")
        Traceback (most recent call last):
        ...
        villagemodel.errors.InvalidValueError: villages[2].insurance_rate: a share must lie between 0% and 100% (got 101)
        """
        number = to_decimal(value, path)
        if not 0 <= number <= 100:
            raise InvalidValueError(path, value, "a share must lie between 0% and 100%")
        return cls(number)

    def is_share(self) -> bool:
        """Whether this percentage lies between 0% and 100% inclusive."""
        return 0 <= self._value <= 100

    @overload
    def __sub__(self, other: Percentage) -> PercentagePoints: ...
    @overload
    def __sub__(self, other: PercentagePoints) -> Percentage: ...
    def __sub__(self, other: Percentage | PercentagePoints) -> Percentage | PercentagePoints:
        if isinstance(other, Percentage):
            return PercentagePoints(EXACT.subtract(self._value, other._value))
        if isinstance(other, PercentagePoints):
            return Percentage(EXACT.subtract(self._value, other.value))
        raise UnitMismatchError(f"cannot subtract {type(other).__name__} from Percentage")

    def __add__(self, other: PercentagePoints) -> Percentage:
        if isinstance(other, PercentagePoints):
            return Percentage(EXACT.add(self._value, other.value))
        if isinstance(other, Percentage):
            raise UnitMismatchError("cannot add two percentages; did you mean percentage points?")
        raise UnitMismatchError(f"cannot add Percentage and {type(other).__name__}")

    def points_above(self, other: Percentage) -> PercentagePoints:
        """How many percentage points this percentage lies above ``other``
        (the typed form of ``self - other``).

        >>> Percentage("12.76").points_above(Percentage("10.66"))
        PercentagePoints('2.10')
        """
        return self - other

    def as_rate(self) -> Rate:
        """This percentage as an exact :class:`Rate` (12.5% is 1/8)."""
        return Rate(Fraction(self._value) / 100)

    def format_zh(self) -> str:
        """``12.76%``; trailing zeros removed, nothing rounded."""
        return f"{plain(self._value)}%"

    def format_en(self) -> str:
        """``12.76%``; trailing zeros removed, nothing rounded."""
        return f"{plain(self._value)}%"


@final
class PercentagePoints(_DecimalUnit):
    """A difference between two percentages (百分点).

    >>> PercentagePoints("2.1").format_en()
    '2.1 percentage points'
    >>> PercentagePoints("1") + PercentagePoints("1.1")
    PercentagePoints('2.1')
    """

    __slots__ = ()

    def __add__(self, other: PercentagePoints) -> PercentagePoints:
        _check_same("add", self, other)
        return PercentagePoints(EXACT.add(self._value, other._value))

    def __sub__(self, other: PercentagePoints) -> PercentagePoints:
        _check_same("subtract", self, other)
        return PercentagePoints(EXACT.subtract(self._value, other._value))

    def __neg__(self) -> PercentagePoints:
        return PercentagePoints(EXACT.minus(self._value))

    def format_zh(self) -> str:
        """``2.1个百分点``."""
        return f"{plain(self._value)}个百分点"

    def format_en(self) -> str:
        """``2.1 percentage points``."""
        number = plain(self._value)
        return f"{number} percentage point{'' if abs(number) == 1 else 's'}"


@final
class Rate:
    """An exact dimensionless ratio, such as the share of insured people.

    Kept as a :class:`~fractions.Fraction` so that no digit is lost; turned
    into a :class:`Percentage` only with stated rounding.

    >>> r = Rate.of(PersonCount(98), PersonCount(99))
    >>> r
    Rate(Fraction(98, 99))
    >>> r.as_percentage(places=2)
    Percentage('98.99')
    >>> Rate.of(PersonCount(1), HouseholdCount(2))
    Traceback (most recent call last):
    ...
    villagemodel.errors.UnitMismatchError: cannot divide PersonCount and HouseholdCount
    """

    __slots__ = ("_value",)
    _value: Fraction

    def __init__(self, value: Fraction | int) -> None:
        if isinstance(value, bool) or not isinstance(value, Fraction | int):
            raise InvalidValueError("Rate", value, "a rate must be a Fraction or an int")
        object.__setattr__(self, "_value", Fraction(value))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Rate is immutable")

    @classmethod
    def of(cls, numerator: Count, denominator: Count) -> Rate:
        """The ratio of two counts of the same kind."""
        _check_same("divide", numerator, denominator)
        if denominator.value == 0:
            raise InvalidValueError("Rate.of", denominator, "the denominator is zero")
        return cls(Fraction(numerator.value, denominator.value))

    @property
    def value(self) -> Fraction:
        """The exact ratio."""
        return self._value

    def as_percentage(self, places: int, rounding: str = ROUND_HALF_UP) -> Percentage:
        """The rate as a percentage rounded to ``places`` decimals (half up by default)."""
        return Percentage(round_fraction(self._value * 100, places, rounding))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Rate):
            return self._value == other._value
        return NotImplemented

    def __hash__(self) -> int:
        return hash((Rate, self._value))

    def __lt__(self, other: Rate) -> bool:
        _check_same("compare", self, other)
        return self._value < other._value

    def __repr__(self) -> str:
        return f"Rate({self._value!r})"


class Unit(enum.Enum):
    """Units of infrastructure quantities, with the Chinese measure word.

    ``countable`` units take whole numbers only (no half a bridge).

    >>> Unit.KILOMETRE.zh, Unit.LAMP.zh, Unit.LAMP.countable
    ('公里', '盏', True)
    """

    ITEM = ("个", "item", "items", True)
    ROAD = ("条", "road", "roads", True)
    BRIDGE = ("座", "bridge", "bridges", True)
    LAMP = ("盏", "lamp", "lamps", True)
    SITE = ("处", "site", "sites", True)
    FLAG = ("面", "flag", "flags", True)
    KILOMETRE = ("公里", "km", "km", False)
    METRE = ("米", "m", "m", False)
    SQUARE_METRE = ("平方米", "m²", "m²", False)
    CUBIC_METRE = ("立方米", "m³", "m³", False)
    MU = ("亩", "mu", "mu", False)

    def __init__(self, zh: str, en_singular: str, en_plural: str, countable: bool) -> None:
        self.zh = zh
        self.en_singular = en_singular
        self.en_plural = en_plural
        self.countable = countable

    @property
    def code(self) -> str:
        """The unit's code in files: the member name in lower case (``"kilometre"``)."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Unit:
        """The unit whose code or Chinese measure word is ``text``.

        >>> Unit.parse("公里") is Unit.parse("kilometre") is Unit.KILOMETRE
        True
        """
        for unit in cls:
            if text in (unit.code, unit.zh):
                return unit
        codes = ", ".join(unit.code for unit in cls)
        raise InvalidValueError("Unit", text, f"not one of: {codes}")


@final
class Quantity:
    """An exact amount of something measured in a :class:`Unit`.

    >>> Quantity(15, Unit.KILOMETRE).format_zh()
    '15公里'
    >>> Quantity(600, Unit.LAMP) + Quantity(5, Unit.LAMP)
    Quantity('605', Unit.LAMP)
    >>> Quantity("2.5", Unit.BRIDGE)
    Traceback (most recent call last):
    ...
    villagemodel.errors.InvalidValueError: Quantity.amount: bridges are counted in whole numbers (got '2.5')
    """

    __slots__ = ("_amount", "_unit")
    _amount: Decimal
    _unit: Unit

    def __init__(self, amount: Decimal | int | str, unit: Unit) -> None:
        number = to_decimal(amount, "Quantity.amount")
        if not isinstance(unit, Unit):
            raise InvalidValueError("Quantity.unit", unit, "expected a Unit")
        if number < 0:
            raise InvalidValueError("Quantity.amount", amount, "a quantity cannot be negative")
        if unit.countable and not is_integral(number):
            raise InvalidValueError(
                "Quantity.amount", amount, f"{unit.en_plural} are counted in whole numbers"
            )
        object.__setattr__(self, "_amount", number)
        object.__setattr__(self, "_unit", unit)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Quantity is immutable")

    def __reduce__(self) -> tuple[type[Quantity], tuple[str, Unit]]:
        return (Quantity, (str(self._amount), self._unit))

    @property
    def amount(self) -> Decimal:
        """The number of units."""
        return self._amount

    @property
    def unit(self) -> Unit:
        """The unit."""
        return self._unit

    def _same_unit(self, other: object, verb: str) -> Quantity:
        if not isinstance(other, Quantity):
            raise UnitMismatchError(f"cannot {verb} Quantity and {type(other).__name__}")
        if other._unit is not self._unit:
            raise UnitMismatchError(
                f"cannot {verb} quantities in {self._unit.en_plural} and {other._unit.en_plural}"
            )
        return other

    def __add__(self, other: Quantity) -> Quantity:
        return Quantity(EXACT.add(self._amount, self._same_unit(other, "add")._amount), self._unit)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Quantity):
            return self._unit is other._unit and self._amount == other._amount
        return NotImplemented

    def __hash__(self) -> int:
        return hash((Quantity, self._amount, self._unit))

    def __lt__(self, other: Quantity) -> bool:
        return self._amount < self._same_unit(other, "compare")._amount

    def __repr__(self) -> str:
        return f"Quantity('{self._amount}', Unit.{self._unit.name})"

    def format_zh(self) -> str:
        """``15公里``, ``600盏``."""
        return f"{plain(self._amount)}{self._unit.zh}"

    def format_en(self) -> str:
        """``15 km``, ``600 lamps``."""
        number = plain(self._amount)
        return f"{number} {self._unit.en_singular if number == 1 else self._unit.en_plural}"
