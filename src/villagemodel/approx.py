"""Chinese approximate quantities: "20余万元", "600余盏", "突破10万元", "98%以上".

Reports state many figures approximately. This module reads such an
expression into an :class:`Interval` of exact numbers with open or closed
ends, in a unit, and writes it back. Interval arithmetic is *sound*: when
the true values lie in the operands, the true result lies in the result; a
comparison answers true, false or undetermined.

The readings follow the conventions of the project's research notes
(legal usage: 以上, 以下, 以内 include the bound; 不满, 超过 exclude it):

==========================  =============================================  ==================
expression                  reading (default convention)                   interval
==========================  =============================================  ==================
``90.2万元``                exact                                          [902000, 902000]
``20余万元``                the 万 digit left open                         (200000, 300000)
``20万余元``                only the part below 万 left open               (200000, 210000)
``600余盏``                 the last significant digit left open           (600, 700)
``300多人次``               same as 余                                     (300, 400)
``1个多小时``               one and some more hours                        (1, 2)
``超过1000万元``            more than                                      (10000000, ∞)
``突破10万元``              exceeds                                        (100000, ∞)
``达到98%``                 at least                                       [98, ∞)
``98%以上``                 at least (以上 includes the bound)             [98, ∞)
``不到5户``, ``不满5户``    less than                                      [0, 5)
``近500人`` (no t)          below, by an unknown margin                    [0, 500)
``一两分钟``                one or two                                     [1, 2]
``近500人``                 approaching: below, within a stated tolerance  [500·(1−t), 500)
``约3公里``, ``3公里左右``  about: within a stated tolerance               [3·(1−t), 3·(1+t)]
==========================  =============================================  ==================

近, 约 and 左右 carry no interval of their own: the caller states the
relative tolerance ``t`` (``tolerance=Fraction(1, 10)`` for 10%); without
one, 约 and 左右 are refused and 近 reads as "below, by an unknown margin"
(quantities in reports are not negative, so the floor is 0).

The :attr:`Convention.STRICT` convention reads 余 and 多 only as "more than"
(no upper bound) and 超过, 突破 the same way as the default: it accepts
fewer conclusions and never more.

>>> q = parse("20余万元")
>>> q.interval
Interval('(200000, 300000)')
>>> q.unit.code, q.render()
('yuan', '20余万元')
>>> parse("突破10万元").interval.compare(Operator.GT, Interval.exact(100000))
<Truth.TRUE: 'true'>
>>> (parse("22.7万元").interval + parse("20余万元").interval).render_interval()
'(427000, 527000)'
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from villagemodel.errors import InvalidValueError, VillageModelError
from villagemodel.explain import Operator
from villagemodel.labels import LabelledEnum

__all__ = [
    "ApproximateQuantity",
    "Convention",
    "Interval",
    "QuantityUnit",
    "Truth",
    "UnparseableQuantityError",
    "parse",
]

Number = Fraction | Decimal | int


class UnparseableQuantityError(VillageModelError, ValueError):
    """A text is not a quantity expression the parser knows, or names an unknown unit."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"cannot read {text!r} as a quantity: {reason}")


class Truth(LabelledEnum):
    """The answer of a comparison of intervals."""

    TRUE = ("true", "成立", "true")
    FALSE = ("false", "不成立", "false")
    UNDETERMINED = ("undetermined", "无法确定", "undetermined")


def _fraction(value: Number) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, Fraction | Decimal | int):
        raise InvalidValueError("Interval", value, "bounds must be exact: Fraction, Decimal or int")
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidValueError("Interval", value, "bounds must be finite")
    return Fraction(value)


def _show(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    # A fraction whose denominator has only the factors 2 and 5 terminates.
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d == 1:
        return str(Decimal(value.numerator) / Decimal(value.denominator))
    return str(value)


@attrs.frozen
class Interval:
    """A non-empty interval of exact numbers; ``None`` ends are unbounded.

    >>> Interval.between(1, 2)
    Interval('[1, 2]')
    >>> Interval.more_than(100000).contains(100000)
    False
    """

    low: Fraction | None
    high: Fraction | None
    low_closed: bool = True
    high_closed: bool = True

    def __attrs_post_init__(self) -> None:
        if (self.low is None and self.low_closed) or (self.high is None and self.high_closed):
            raise InvalidValueError("Interval", self, "an unbounded end cannot be closed")
        if self.low is not None and self.high is not None:
            if self.low > self.high:
                raise InvalidValueError("Interval", self, "the low end exceeds the high end")
            if self.low == self.high and not (self.low_closed and self.high_closed):
                raise InvalidValueError("Interval", self, "the interval is empty")

    # -- constructors -----------------------------------------------------
    @classmethod
    def exact(cls, value: Number) -> Interval:
        v = _fraction(value)
        return cls(v, v, True, True)

    @classmethod
    def between(
        cls, low: Number, high: Number, *, low_closed: bool = True, high_closed: bool = True
    ) -> Interval:
        return cls(_fraction(low), _fraction(high), low_closed, high_closed)

    @classmethod
    def more_than(cls, value: Number) -> Interval:
        return cls(_fraction(value), None, False, False)

    @classmethod
    def at_least(cls, value: Number) -> Interval:
        return cls(_fraction(value), None, True, False)

    @classmethod
    def less_than(cls, value: Number, *, floor: Number | None = None) -> Interval:
        low = None if floor is None else _fraction(floor)
        return cls(low, _fraction(value), low is not None, False)

    @classmethod
    def at_most(cls, value: Number, *, floor: Number | None = None) -> Interval:
        low = None if floor is None else _fraction(floor)
        return cls(low, _fraction(value), low is not None, True)

    @classmethod
    def everything(cls) -> Interval:
        return cls(None, None, False, False)

    # -- membership -------------------------------------------------------
    def contains(self, value: Number) -> bool:
        """Whether ``value`` lies in the interval."""
        v = _fraction(value)
        if self.low is not None and (v < self.low or (v == self.low and not self.low_closed)):
            return False
        return not (
            self.high is not None and (v > self.high or (v == self.high and not self.high_closed))
        )

    @property
    def is_exact(self) -> bool:
        return self.low is not None and self.low == self.high

    # -- arithmetic (sound) -------------------------------------------------
    def __add__(self, other: Interval) -> Interval:
        low = None if self.low is None or other.low is None else self.low + other.low
        high = None if self.high is None or other.high is None else self.high + other.high
        return Interval(
            low,
            high,
            low is not None and self.low_closed and other.low_closed,
            high is not None and self.high_closed and other.high_closed,
        )

    def __neg__(self) -> Interval:
        return Interval(
            None if self.high is None else -self.high,
            None if self.low is None else -self.low,
            self.high_closed,
            self.low_closed,
        )

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def scale(self, factor: Number) -> Interval:
        """Every value multiplied by an exact number.

        >>> Interval.between(1, 2, high_closed=False).scale(-3)
        Interval('(-6, -3]')
        """
        k = _fraction(factor)
        if k == 0:
            return Interval.exact(0)
        low = None if self.low is None else self.low * k
        high = None if self.high is None else self.high * k
        if k > 0:
            return Interval(low, high, self.low_closed, self.high_closed)
        return Interval(high, low, self.high_closed, self.low_closed)

    def intersect(self, other: Interval) -> Interval | None:
        """The values in both, or ``None`` when they share none."""
        low, low_closed = _tighter_low(self, other)
        high, high_closed = _tighter_high(self, other)
        empty = (
            low is not None
            and high is not None
            and (low > high or (low == high and not (low_closed and high_closed)))
        )
        return None if empty else Interval(low, high, low_closed, high_closed)

    @staticmethod
    def sum(intervals: Iterable[Interval]) -> Interval:
        """The sum of several intervals (exact zero for none)."""
        total = Interval.exact(0)
        for item in intervals:
            total = total + item
        return total

    # -- comparison -----------------------------------------------------------
    def compare(self, op: Operator, other: Interval) -> Truth:
        """Whether ``x op y`` holds for every, no, or only some ``x`` in this
        interval and ``y`` in ``other``.

        >>> Interval.between(1, 2).compare(Operator.LT, Interval.between(2, 3))
        <Truth.UNDETERMINED: 'undetermined'>
        >>> Interval.between(1, 2, high_closed=False).compare(Operator.LT, Interval.between(2, 3))
        <Truth.TRUE: 'true'>
        """
        if op is Operator.GT:
            return other.compare(Operator.LT, self)
        if op is Operator.GE:
            return other.compare(Operator.LE, self)
        if op is Operator.NE:
            return _negate(self.compare(Operator.EQ, other))
        if op is Operator.EQ:
            if self.is_exact and other.is_exact and self.low == other.low:
                return Truth.TRUE
            return Truth.FALSE if self.intersect(other) is None else Truth.UNDETERMINED
        strict = op is Operator.LT
        if _all_below(self, other, strict=strict):
            return Truth.TRUE
        if _all_below(other, self, strict=not strict):
            return Truth.FALSE
        return Truth.UNDETERMINED

    # -- display ------------------------------------------------------------
    def render_interval(self) -> str:
        """``[1, 2]``, ``(200000, 300000)``, ``(100000, ∞)``."""
        low = "-∞" if self.low is None else _show(self.low)
        high = "∞" if self.high is None else _show(self.high)
        return f"{'[' if self.low_closed else '('}{low}, {high}{']' if self.high_closed else ')'}"

    def __repr__(self) -> str:
        return f"Interval('{self.render_interval()}')"


def _tighter_low(a: Interval, b: Interval) -> tuple[Fraction | None, bool]:
    if a.low is None:
        return b.low, b.low_closed
    if b.low is None or a.low > b.low:
        return a.low, a.low_closed
    if b.low > a.low:
        return b.low, b.low_closed
    return a.low, a.low_closed and b.low_closed


def _tighter_high(a: Interval, b: Interval) -> tuple[Fraction | None, bool]:
    if a.high is None:
        return b.high, b.high_closed
    if b.high is None or a.high < b.high:
        return a.high, a.high_closed
    if b.high < a.high:
        return b.high, b.high_closed
    return a.high, a.high_closed and b.high_closed


def _all_below(a: Interval, b: Interval, *, strict: bool) -> bool:
    """Whether every x in ``a`` and y in ``b`` satisfy x < y (or x <= y)."""
    if a.high is None or b.low is None:
        return False
    if a.high < b.low:
        return True
    if a.high > b.low:
        return False
    touching_excluded = not a.high_closed or not b.low_closed
    return touching_excluded or not strict


def _negate(truth: Truth) -> Truth:
    if truth is Truth.TRUE:
        return Truth.FALSE
    if truth is Truth.FALSE:
        return Truth.TRUE
    return Truth.UNDETERMINED


class QuantityUnit(LabelledEnum):
    """Units of approximate quantities, by the measure word the report uses."""

    YUAN = ("yuan", "元", "yuan")
    PERSON = ("person", "人", "people")
    STUDENT = ("student", "名", "people (名)")
    PERSON_TIMES = ("person_times", "人次", "person-times")
    HOUSEHOLD = ("household", "户", "households")
    LAMP = ("lamp", "盏", "lamps")
    ITEM = ("item", "个", "items")
    ROAD = ("road", "条", "roads")
    BRIDGE = ("bridge", "座", "bridges")
    SITE = ("site", "处", "sites")
    FLAG = ("flag", "面", "flags")
    KILOMETRE = ("kilometre", "公里", "km")
    METRE = ("metre", "米", "m")
    EVENT = ("event", "场", "events")
    TIMES = ("times", "次", "times")
    CASE = ("case", "件", "cases")
    VILLAGE = ("village", "村", "villages")
    PERCENT = ("percent", "%", "%")
    PERCENTAGE_POINT = ("percentage_point", "个百分点", "percentage points")
    HOUR = ("hour", "小时", "hours")
    MINUTE = ("minute", "分钟", "minutes")
    YEAR_OF_AGE = ("year_of_age", "岁", "years of age")


_UNITS_BY_WORD: Final = {unit.zh: unit for unit in QuantityUnit} | {"％": QuantityUnit.PERCENT}
_MAGNITUDES: Final = {"百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_DIGITS: Final = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_PREFIXES: Final = (
    "超过",
    "突破",
    "达到",
    "不到",
    "不足",
    "不满",
    "将近",
    "大约",
    "近",
    "约",
    "逾",
)
_SUFFIXES: Final = ("及以上", "以上", "以下", "以内", "左右")
_UNIT_WORDS: Final = sorted(_UNITS_BY_WORD, key=len, reverse=True)

_PATTERN: Final = re.compile(
    r"^(?P<prefix>" + "|".join(_PREFIXES) + r")?"
    r"(?P<number>[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十]+)"
    r"(?P<before>余|多)?"
    r"(?P<magnitude>[百千万亿])?"
    r"(?P<after>余|多)?"
    r"(?P<classifier>个(?=多))?(?P<classifier_more>多)?"
    r"(?P<unit>" + "|".join(re.escape(word) for word in _UNIT_WORDS) + r")?"
    r"(?P<suffix>" + "|".join(_SUFFIXES) + r")?$"
)


class Convention(enum.Enum):
    """How 余 and 多 are read.

    ``DEFAULT``: the open digit is bounded (20余万 is below 30万); ``STRICT``:
    余 and 多 only say "more than" (20余万 is above 20万, with no upper
    bound). Conclusions drawn under STRICT also hold under DEFAULT.
    """

    DEFAULT = "default"
    STRICT = "strict"


@attrs.frozen(kw_only=True)
class ApproximateQuantity:
    """A quantity as a report states it: its interval, unit and the words used.

    ``text`` is the expression read; :meth:`render` writes it back from its
    parts, and reading the rendering gives the same interval.
    """

    text: str
    interval: Interval
    unit: QuantityUnit | None
    number: str
    magnitude: str | None
    marker: str | None
    marker_after_magnitude: bool
    prefix: str | None
    suffix: str | None
    classifier: bool
    convention: Convention
    tolerance: Fraction | None

    def render(self) -> str:
        """The expression written back: ``20余万元``."""
        parts = [self.prefix or "", self.number]
        if self.marker and not self.marker_after_magnitude and not self.classifier:
            parts.append(self.marker)
        parts.append(self.magnitude or "")
        if self.marker and self.marker_after_magnitude and not self.classifier:
            parts.append(self.marker)
        if self.classifier:
            parts.append("个" + (self.marker or ""))
        parts.append(self.unit.zh if self.unit else "")
        parts.append(self.suffix or "")
        return "".join(parts)

    @property
    def is_exact(self) -> bool:
        return self.interval.is_exact


def _read_number(text: str, whole: str) -> tuple[Fraction, Fraction | None, Fraction]:
    """The number, the second number of a pair (一两), and one unit of its last digit."""
    if text[0].isdigit():
        value = Decimal(text)
        exponent = value.as_tuple().exponent
        assert isinstance(exponent, int)
        if exponent < 0:
            step = Fraction(1, 10**-exponent)
        else:
            stripped = text.rstrip("0")
            step = Fraction(10 ** (len(text) - len(stripped))) if stripped else Fraction(1)
        return Fraction(value), None, step
    if len(text) == 2 and text[0] in _DIGITS and text[1] in _DIGITS:
        first, second = _DIGITS[text[0]], _DIGITS[text[1]]
        if second == first + 1:
            return Fraction(first), Fraction(second), Fraction(1)
    if len(text) == 1 and text in _DIGITS:
        return Fraction(_DIGITS[text]), None, Fraction(1)
    if text == "十":
        return Fraction(10), None, Fraction(10)
    raise UnparseableQuantityError(whole, f"the number {text!r} is not one the parser reads")


def parse(
    text: str,
    *,
    convention: Convention = Convention.DEFAULT,
    tolerance: Fraction | None = None,
) -> ApproximateQuantity:
    """Read a Chinese quantity expression into an interval and a unit.

    ``tolerance`` is the relative margin that 近, 约 and 左右 stand for
    (``Fraction(1, 10)`` is 10%); it is required for 约 and 左右.

    >>> parse("98%以上").interval, parse("一两分钟").interval
    (Interval('[98, ∞)'), Interval('[1, 2]'))
    >>> parse("约3公里", tolerance=Fraction(1, 10)).interval
    Interval('[2.7, 3.3]')
    >>> parse("20余万元", convention=Convention.STRICT).interval
    Interval('(200000, ∞)')
    >>> parse("20余斤")
    Traceback (most recent call last):
    ...
    villagemodel.approx.UnparseableQuantityError: cannot read '20余斤' as a quantity: unknown unit or words after the number: '斤'
    """
    if not isinstance(text, str):
        raise UnparseableQuantityError(str(text), "expected a str")
    match = _PATTERN.match(text.strip())
    if match is None:
        head = re.match(
            r"^(?:"
            + "|".join(_PREFIXES)
            + r")?[0-9.零〇一二两三四五六七八九十]+[余多]?[百千万亿]?[余多]?",
            text,
        )
        rest = text[head.end() :] if head else text
        raise UnparseableQuantityError(text, f"unknown unit or words after the number: {rest!r}")
    if tolerance is not None and not (isinstance(tolerance, Fraction) and 0 < tolerance < 1):
        raise InvalidValueError("tolerance", tolerance, "a Fraction between 0 and 1")
    groups = match.groupdict()
    number, pair, step = _read_number(groups["number"], text)
    scale = Fraction(_MAGNITUDES[groups["magnitude"]]) if groups["magnitude"] else Fraction(1)
    unit = _UNITS_BY_WORD[groups["unit"]] if groups["unit"] else None
    if unit is QuantityUnit.YUAN and groups["magnitude"] in ("百", "千"):
        raise UnparseableQuantityError(text, "amounts of money are written in 元, 万元 or 亿元")
    markers = [m for m in (groups["before"], groups["after"], groups["classifier_more"]) if m]
    if len(markers) > 1:
        raise UnparseableQuantityError(text, "余 or 多 is written once")
    marker = markers[0] if markers else None
    after = groups["after"] is not None
    value = number * scale
    if pair is not None:
        if marker or groups["prefix"] or groups["suffix"]:
            raise UnparseableQuantityError(text, "a pair such as 一两 takes no other qualifier")
        interval = Interval.between(value, pair * scale)
    elif marker is not None:
        # 20余万: the 万 digit is open (one step of the last digit, times 万);
        # 20万余: only the part below the last written digit is open (one 万
        # for 20万余, a tenth of a 万 for 1.5万余).
        unit_step = step if step < 1 else Fraction(1)
        width = unit_step * scale if after or groups["classifier_more"] else step * scale
        interval = (
            Interval.more_than(value)
            if convention is Convention.STRICT
            else Interval.between(value, value + width, low_closed=False, high_closed=False)
        )
    else:
        interval = Interval.exact(value)
    interval = _qualify(
        text,
        interval,
        value=value,
        prefix=groups["prefix"],
        suffix=groups["suffix"],
        tolerance=tolerance,
    )
    return ApproximateQuantity(
        text=text,
        interval=interval,
        unit=unit,
        number=groups["number"],
        magnitude=groups["magnitude"],
        marker=marker,
        marker_after_magnitude=after,
        prefix=groups["prefix"],
        suffix=groups["suffix"],
        classifier=groups["classifier"] is not None,
        convention=convention,
        tolerance=tolerance,
    )


def _qualify(
    text: str,
    interval: Interval,
    *,
    value: Fraction,
    prefix: str | None,
    suffix: str | None,
    tolerance: Fraction | None,
) -> Interval:
    """Apply the words before and after the number."""
    if prefix and suffix:
        raise UnparseableQuantityError(text, "a qualifier both before and after the number")
    word = prefix or suffix
    if word is None:
        return interval
    if not interval.is_exact:
        raise UnparseableQuantityError(text, f"{word} does not combine with 余 or 多")
    if word in ("超过", "突破", "逾"):
        return Interval.more_than(value)
    if word in ("达到", "以上", "及以上"):
        return Interval.at_least(value)
    if word in ("不到", "不足", "不满"):
        return Interval.less_than(value, floor=0)
    if word in ("以下", "以内"):
        return Interval.at_most(value, floor=0)
    if word in ("近", "将近"):
        if tolerance is None:
            return Interval.less_than(value, floor=0)
        return Interval.between(value * (1 - tolerance), value, high_closed=False)
    # 约, 大约, 左右
    if tolerance is None:
        raise UnparseableQuantityError(
            text, f"{word} has no interval of its own: pass tolerance=Fraction(...)"
        )
    return Interval.between(value * (1 - tolerance), value * (1 + tolerance))
