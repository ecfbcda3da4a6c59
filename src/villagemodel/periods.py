"""Dates, calendar years and reporting periods.

Work reports date their figures with phrases rather than ranges:

========================  ==========================================================
``2022年``                 the calendar year 2022: :meth:`Period.calendar_year`
``2021年以来``             from 1 January 2021 to the report's as-of date: :meth:`Period.since`
``两年来``                 the two years before the as-of date: :meth:`Period.years_before`
``截至目前``, ``累计``     everything up to the as-of date: :meth:`Period.up_to`
========================  ==========================================================

A :class:`Period` is a closed range of days, both ends included. Its ends are
:class:`pendulum.Date` values; any :class:`datetime.date` is accepted and
converted, while a :class:`datetime.datetime` (a date *and* a time) is
refused, since a period of days has no time of day.

>>> as_of = pendulum.date(2023, 4, 18)
>>> since_2021 = Period.since(2021, as_of=as_of)
>>> since_2021
Period(start=Date(2021, 1, 1), end=Date(2023, 4, 18))
>>> pendulum.date(2022, 6, 1) in since_2021
True
>>> Period.years_before(2, as_of=as_of)
Period(start=Date(2021, 4, 19), end=Date(2023, 4, 18))
>>> Period.calendar_year(2022).overlaps(since_2021)
True
>>> since_2021.label_zh(), since_2021.label_en()
('2021年以来（截至2023年4月18日）', 'since 2021 (to 18 April 2023)')
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Final

import attrs
import pendulum

from villagemodel.errors import InvalidValueError, PeriodError

__all__ = ["MAX_YEAR", "MIN_YEAR", "Period", "as_date", "check_year"]

MIN_YEAR: Final = 1949
"""Earliest calendar year the model accepts (founding of the People's Republic)."""

MAX_YEAR: Final = 2100
"""Latest calendar year the model accepts; later years are taken as typing errors."""

_YEAR_WORDS: Final = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五"}


def as_date(value: object, path: str) -> pendulum.Date:
    """``value`` as a :class:`pendulum.Date`, or a :class:`PeriodError` naming ``path``.

    >>> as_date(datetime.date(2023, 4, 18), "held_on")
    Date(2023, 4, 18)
    >>> as_date("2023-04-18", "held_on")
    Traceback (most recent call last):
    ...
    villagemodel.errors.PeriodError: held_on: expected a date, not str (got '2023-04-18')
    """
    if isinstance(value, pendulum.Date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.datetime):
        raise PeriodError(path, value, "expected a date without a time of day")
    if isinstance(value, datetime.date):
        return pendulum.Date(value.year, value.month, value.day)
    raise PeriodError(path, value, f"expected a date, not {type(value).__name__}")


def check_year(value: object, path: str) -> int:
    """``value`` if it is a plausible calendar year, else an error naming ``path``.

    >>> check_year(2022, "year")
    2022
    >>> check_year(20222, "year")
    Traceback (most recent call last):
    ...
    villagemodel.errors.InvalidValueError: year: a calendar year between 1949 and 2100 (got 20222)
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(path, value, "a calendar year must be an int")
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise InvalidValueError(path, value, f"a calendar year between {MIN_YEAR} and {MAX_YEAR}")
    return value


def _start_converter(value: object) -> pendulum.Date:
    return as_date(value, "Period.start")


def _end_converter(value: object) -> pendulum.Date:
    return as_date(value, "Period.end")


def _zh_date(day: pendulum.Date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _en_date(day: pendulum.Date) -> str:
    return f"{day.day} {day.format('MMMM', locale='en')} {day.year}"


@attrs.frozen(kw_only=True)
class Period:
    """A closed range of days, ``start`` to ``end``, both included.

    ``label`` optionally keeps how the report named the period
    (``"since"``, ``"years_before"``, ``"calendar_year"``, ``"up_to"``) so
    that it can be written back the same way; it does not take part in
    equality.

    >>> Period(start=pendulum.date(2023, 1, 2), end=pendulum.date(2023, 1, 1))
    Traceback (most recent call last):
    ...
    villagemodel.errors.PeriodError: Period.end: the end comes before the start, 2023-01-02 (got Date(2023, 1, 1))
    """

    start: pendulum.Date = attrs.field(converter=_start_converter)
    end: pendulum.Date = attrs.field(converter=_end_converter)
    label: tuple[str, int] | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(
                "Period.end", self.end, f"the end comes before the start, {self.start.isoformat()}"
            )

    # -- constructors -----------------------------------------------------
    @classmethod
    def calendar_year(cls, year: int) -> Period:
        """The calendar year ``year`` (``2022年``).

        >>> Period.calendar_year(2022)
        Period(start=Date(2022, 1, 1), end=Date(2022, 12, 31))
        """
        check_year(year, "year")
        return cls(
            start=pendulum.date(year, 1, 1),
            end=pendulum.date(year, 12, 31),
            label=("calendar_year", year),
        )

    @classmethod
    def since(cls, year: int, *, as_of: datetime.date) -> Period:
        """From 1 January of ``year`` to ``as_of`` (``2021年以来``)."""
        check_year(year, "year")
        end = as_date(as_of, "as_of")
        if end.year < year:
            raise PeriodError("as_of", as_of, f"the as-of date comes before {year}")
        return cls(start=pendulum.date(year, 1, 1), end=end, label=("since", year))

    @classmethod
    def years_before(cls, years: int, *, as_of: datetime.date) -> Period:
        """The ``years`` years that end on ``as_of`` (``两年来`` is ``years=2``).

        The period starts the day after the same calendar date ``years``
        years earlier, so it holds exactly ``years`` years of days; from
        29 February the earlier date is 28 February (pendulum's rule).

        >>> Period.years_before(1, as_of=pendulum.date(2024, 2, 29))
        Period(start=Date(2023, 3, 1), end=Date(2024, 2, 29))
        """
        if isinstance(years, bool) or not isinstance(years, int) or years < 1:
            raise InvalidValueError("years", years, "must be a whole number of years, at least 1")
        end = as_date(as_of, "as_of")
        start = end.subtract(years=years).add(days=1)
        return cls(start=start, end=end, label=("years_before", years))

    @classmethod
    def up_to(cls, as_of: datetime.date, *, start: datetime.date | None = None) -> Period:
        """Everything up to ``as_of`` (``截至目前``, ``累计``).

        Without ``start`` the period begins on 1 January of :data:`MIN_YEAR`,
        that is, it covers every record the model can hold, and is labelled
        截至…; with a ``start`` it is labelled by its two dates.

        >>> Period.up_to(pendulum.date(2023, 4, 18), start=pendulum.date(2021, 1, 1)).label_zh()
        '2021年1月1日至2023年4月18日'
        """
        if start is None:
            first = pendulum.date(MIN_YEAR, 1, 1)
            return cls(start=first, end=as_date(as_of, "as_of"), label=("up_to", 0))
        return cls(start=as_date(start, "start"), end=as_date(as_of, "as_of"))

    # -- tests ------------------------------------------------------------
    def __contains__(self, day: object) -> bool:
        if not isinstance(day, datetime.date) or isinstance(day, datetime.datetime):
            raise PeriodError("day", day, "membership is tested for a date")
        return self.start <= day <= self.end

    def contains(self, day: datetime.date) -> bool:
        """Whether ``day`` falls inside the period, both ends included."""
        return day in self

    def require(self, day: datetime.date, path: str) -> pendulum.Date:
        """``day`` as a pendulum date if it falls in the period, else a
        :class:`~villagemodel.errors.PeriodError` naming ``path``.

        >>> Period.calendar_year(2022).require(pendulum.date(2023, 1, 5), "held_on")
        Traceback (most recent call last):
        ...
        villagemodel.errors.PeriodError: held_on: outside the period 2022-01-01 to 2022-12-31 (got Date(2023, 1, 5))
        """
        checked = as_date(day, path)
        if checked not in self:
            raise PeriodError(path, checked, f"outside the period {self}")
        return checked

    def covers(self, other: Period) -> bool:
        """Whether ``other`` lies wholly inside this period."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day.

        >>> Period.calendar_year(2021).overlaps(Period.calendar_year(2022))
        False
        """
        return self.start <= other.end and other.start <= self.end

    def intersection(self, other: Period) -> Period | None:
        """The days both periods share, or ``None`` when they share none."""
        if not self.overlaps(other):
            return None
        return Period(start=max(self.start, other.start), end=min(self.end, other.end))

    # -- views ------------------------------------------------------------
    @property
    def days(self) -> int:
        """The number of days, both ends counted.

        >>> Period.calendar_year(2024).days
        366
        """
        return (self.end - self.start).in_days() + 1

    def years(self) -> Iterator[int]:
        """The calendar years the period touches, in order.

        >>> list(Period.years_before(2, as_of=pendulum.date(2023, 4, 18)).years())
        [2021, 2022, 2023]
        """
        return iter(range(self.start.year, self.end.year + 1))

    def __str__(self) -> str:
        return f"{self.start.isoformat()} to {self.end.isoformat()}"

    def label_zh(self) -> str:
        """The period as a Chinese report would name it.

        >>> Period.years_before(2, as_of=pendulum.date(2023, 4, 18)).label_zh()
        '两年来（截至2023年4月18日）'
        >>> Period(start=pendulum.date(2022, 3, 1), end=pendulum.date(2022, 5, 31)).label_zh()
        '2022年3月1日至2022年5月31日'
        """
        match self.label:
            case ("calendar_year", year):
                return f"{year}年"
            case ("since", year):
                return f"{year}年以来（截至{_zh_date(self.end)}）"
            case ("years_before", years) if years in _YEAR_WORDS:
                return f"{_YEAR_WORDS[years]}年来（截至{_zh_date(self.end)}）"
            case ("years_before", years):
                return f"{years}年来（截至{_zh_date(self.end)}）"
            case ("up_to", _):
                return f"截至{_zh_date(self.end)}"
            case _:
                return f"{_zh_date(self.start)}至{_zh_date(self.end)}"

    def label_en(self) -> str:
        """The period in English.

        >>> Period.calendar_year(2022).label_en()
        '2022'
        """
        match self.label:
            case ("calendar_year", year):
                return str(year)
            case ("since", year):
                return f"since {year} (to {_en_date(self.end)})"
            case ("years_before", years):
                unit = "year" if years == 1 else "years"
                return f"the {years} {unit} to {_en_date(self.end)}"
            case ("up_to", _):
                return f"up to {_en_date(self.end)}"
            case _:
                return f"{_en_date(self.start)} to {_en_date(self.end)}"
