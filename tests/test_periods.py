"""Tests of :class:`villagemodel.periods.Period` and the report's ways of naming periods."""

import calendar
import datetime
import re
from typing import Any

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from villagemodel import InvalidValueError, Period, PeriodError
from villagemodel.periods import MAX_YEAR, MIN_YEAR, as_date, check_year

AS_OF = pendulum.date(2023, 4, 18)
"""The report's date: 人民网-广西频道, 2023-04-18."""

FIRST_DAY = datetime.date(MIN_YEAR, 1, 1)
LAST_DAY = datetime.date(MAX_YEAR, 12, 31)


def untyped(value: object) -> Any:
    """``value`` typed as ``Any``, to hand the model what its annotations forbid."""
    return value


def anniversary(day: datetime.date, years: int) -> datetime.date:
    """The same calendar date ``years`` years before ``day``; 29 February
    falls back to 28 February in a year without it."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def leap_days_between(after: datetime.date, upto: datetime.date) -> int:
    """How many 29 Februaries fall in the days ``after`` (excluded) to ``upto`` (included)."""
    return sum(
        1
        for year in range(after.year, upto.year + 1)
        if calendar.isleap(year) and after < datetime.date(year, 2, 29) <= upto
    )


days = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """A period inside the model's years, built from a start and a length."""
    start = draw(st.dates(min_value=FIRST_DAY, max_value=LAST_DAY))
    longest = (LAST_DAY - start).days
    length = draw(st.integers(min_value=0, max_value=min(longest, 3 * 366)))
    return Period(start=start, end=start + datetime.timedelta(days=length))


# -- the report's periods -----------------------------------------------------


def test_since_2021_runs_from_new_year_2021_to_the_as_of_date() -> None:
    """“2021年以来” in a report dated 2023-04-18."""
    since_2021 = Period.since(2021, as_of=AS_OF)
    assert since_2021.start == pendulum.date(2021, 1, 1)
    assert since_2021.end == AS_OF
    assert pendulum.date(2021, 1, 1) in since_2021
    assert pendulum.date(2023, 4, 18) in since_2021
    assert pendulum.date(2020, 12, 31) not in since_2021
    assert pendulum.date(2023, 4, 19) not in since_2021
    assert since_2021.days == 365 + 365 + 108
    assert since_2021.label_zh() == "2021年以来（截至2023年4月18日）"
    assert since_2021.label_en() == "since 2021 (to 18 April 2023)"


def test_two_years_to_the_as_of_date_start_the_day_after_its_anniversary() -> None:
    """“两年来”: the two years ending 2023-04-18 start on 2021-04-19."""
    two_years = Period.years_before(2, as_of=AS_OF)
    assert two_years.start == pendulum.date(2021, 4, 19)
    assert two_years.end == pendulum.date(2023, 4, 18)
    assert two_years.days == 730
    assert pendulum.date(2021, 4, 18) not in two_years
    assert pendulum.date(2021, 4, 19) in two_years
    assert list(two_years.years()) == [2021, 2022, 2023]
    assert two_years.label_zh() == "两年来（截至2023年4月18日）"
    assert two_years.label_en() == "the 2 years to 18 April 2023"


@pytest.mark.parametrize(
    ("years", "as_of", "start", "length"),
    [
        (1, datetime.date(2024, 2, 29), datetime.date(2023, 3, 1), 366),
        (4, datetime.date(2024, 2, 29), datetime.date(2020, 3, 1), 1461),
        (1, datetime.date(2025, 2, 28), datetime.date(2024, 2, 29), 366),
        (1, datetime.date(2024, 3, 1), datetime.date(2023, 3, 2), 366),
        (1, datetime.date(2023, 3, 1), datetime.date(2022, 3, 2), 365),
    ],
)
def test_years_before_around_a_leap_day(
    years: int, as_of: datetime.date, start: datetime.date, length: int
) -> None:
    period = Period.years_before(years, as_of=as_of)
    assert period.start == start
    assert period.end == as_of
    assert period.days == length


def test_the_calendar_year_2022() -> None:
    """“2022年”."""
    year = Period.calendar_year(2022)
    assert (year.start, year.end) == (pendulum.date(2022, 1, 1), pendulum.date(2022, 12, 31))
    assert year.days == 365
    assert Period.calendar_year(2024).days == 366
    assert year.label_zh() == "2022年"
    assert year.label_en() == "2022"
    assert str(year) == "2022-01-01 to 2022-12-31"


def test_up_to_the_as_of_date_covers_every_year_of_the_model() -> None:
    """“截至目前”, “累计”."""
    cumulative = Period.up_to(AS_OF)
    assert cumulative.start == pendulum.date(MIN_YEAR, 1, 1)
    assert cumulative.end == AS_OF
    assert cumulative.covers(Period.since(2021, as_of=AS_OF))
    assert cumulative.label_zh() == "截至2023年4月18日"
    assert cumulative.label_en() == "up to 18 April 2023"
    later_start = Period.up_to(AS_OF, start=datetime.date(2021, 1, 1))
    assert later_start.start == pendulum.date(2021, 1, 1)
    assert later_start == Period.since(2021, as_of=AS_OF)


@pytest.mark.parametrize(
    ("years", "zh", "en"),
    [
        (1, "一年来（截至2023年4月18日）", "the 1 year to 18 April 2023"),
        (3, "三年来（截至2023年4月18日）", "the 3 years to 18 April 2023"),
        (5, "五年来（截至2023年4月18日）", "the 5 years to 18 April 2023"),
        (7, "7年来（截至2023年4月18日）", "the 7 years to 18 April 2023"),
    ],
)
def test_years_before_labels(years: int, zh: str, en: str) -> None:
    period = Period.years_before(years, as_of=AS_OF)
    assert period.label_zh() == zh
    assert period.label_en() == en


def test_a_period_without_a_report_label_names_both_ends() -> None:
    spring = Period(start=datetime.date(2022, 3, 1), end=datetime.date(2022, 5, 31))
    assert spring.label_zh() == "2022年3月1日至2022年5月31日"
    assert spring.label_en() == "1 March 2022 to 31 May 2022"


def test_the_label_does_not_take_part_in_equality() -> None:
    year = Period.calendar_year(2022)
    plain = Period(start=datetime.date(2022, 1, 1), end=datetime.date(2022, 12, 31))
    assert year == plain
    assert hash(year) == hash(plain)
    assert year.label_zh() != plain.label_zh()


# -- refusals -----------------------------------------------------------------


def test_an_end_before_the_start_is_refused_naming_period_end_and_the_value() -> None:
    with pytest.raises(
        PeriodError,
        match=(
            r"^Period\.end: the end comes before the start, 2023-01-02 "
            r"\(got Date\(2023, 1, 1\)\)$"
        ),
    ):
        Period(start=datetime.date(2023, 1, 2), end=datetime.date(2023, 1, 1))


def test_a_one_day_period_is_allowed() -> None:
    day = Period(start=AS_OF, end=AS_OF)
    assert day.days == 1
    assert AS_OF in day


@pytest.mark.parametrize("field", ["start", "end"])
def test_a_datetime_end_is_refused_naming_the_field(field: str) -> None:
    ends: dict[str, Any] = {"start": datetime.date(2023, 1, 1), "end": datetime.date(2023, 12, 31)}
    ends[field] = datetime.datetime(2023, 6, 1, 12, 0)  # noqa: DTZ001
    with pytest.raises(
        PeriodError, match=rf"^Period\.{field}: expected a date without a time of day"
    ):
        Period(**ends)


def test_a_string_end_is_refused_naming_the_field() -> None:
    with pytest.raises(
        PeriodError, match=r"^Period\.start: expected a date, not str \(got '2023-01-01'\)$"
    ):
        Period(start=untyped("2023-01-01"), end=datetime.date(2023, 12, 31))


def test_plain_dates_are_converted_to_pendulum_dates() -> None:
    period = Period(start=datetime.date(2022, 1, 1), end=datetime.date(2022, 12, 31))
    assert type(period.start) is pendulum.Date
    assert type(period.end) is pendulum.Date
    assert as_date(datetime.date(2023, 4, 18), "held_on") == AS_OF


@pytest.mark.parametrize(
    "day",
    [
        datetime.datetime(2022, 6, 1, 0, 0),  # noqa: DTZ001
        pendulum.datetime(2022, 6, 1),
        "2022-06-01",
        20220601,
        None,
    ],
    ids=["datetime", "pendulum-datetime", "str", "int", "None"],
)
def test_membership_refuses_anything_but_a_date(day: object) -> None:
    year = Period.calendar_year(2022)
    shown = re.escape(repr(day))
    with pytest.raises(
        PeriodError, match=rf"^day: membership is tested for a date \(got {shown}\)$"
    ):
        _ = day in year
    with pytest.raises(PeriodError, match=r"^day: membership is tested for a date"):
        year.contains(untyped(day))


def test_contains_accepts_plain_and_pendulum_dates() -> None:
    year = Period.calendar_year(2022)
    assert year.contains(datetime.date(2022, 12, 31))
    assert year.contains(pendulum.date(2022, 1, 1))
    assert not year.contains(datetime.date(2023, 1, 1))


def test_require_returns_the_day_inside_the_period() -> None:
    year = Period.calendar_year(2022)
    held_on = year.require(datetime.date(2022, 7, 1), "meetings[0].held_on")
    assert held_on == pendulum.date(2022, 7, 1)
    assert type(held_on) is pendulum.Date


def test_require_names_the_path_of_a_day_outside_the_period() -> None:
    with pytest.raises(
        PeriodError,
        match=(
            r"^meetings\[3\]\.held_on: outside the period 2022-01-01 to 2022-12-31 "
            r"\(got Date\(2023, 1, 5\)\)$"
        ),
    ):
        Period.calendar_year(2022).require(pendulum.date(2023, 1, 5), "meetings[3].held_on")


@pytest.mark.parametrize(
    "day",
    [datetime.datetime(2022, 7, 1, 9, 30), "2022-07-01"],  # noqa: DTZ001
    ids=["datetime", "str"],
)
def test_require_names_the_path_of_a_value_that_is_not_a_date(day: object) -> None:
    with pytest.raises(PeriodError, match=r"^meetings\[0\]\.held_on: expected a date"):
        Period.calendar_year(2022).require(untyped(day), "meetings[0].held_on")


def test_period_errors_are_invalid_values() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Period.calendar_year(2022).require(pendulum.date(2023, 1, 5), "held_on")
    assert isinstance(caught.value, PeriodError)
    assert caught.value.path == "held_on"
    assert caught.value.value == pendulum.date(2023, 1, 5)


@pytest.mark.parametrize("year", [MIN_YEAR - 1, MAX_YEAR + 1, 20222])
def test_implausible_years_are_refused(year: int) -> None:
    with pytest.raises(
        InvalidValueError,
        match=rf"^year: a calendar year between 1949 and 2100 \(got {year}\)$",
    ):
        Period.calendar_year(year)


@pytest.mark.parametrize("year", [True, "2022", 2022.0])
def test_a_year_must_be_an_int(year: object) -> None:
    shown = re.escape(repr(year))
    with pytest.raises(
        InvalidValueError, match=rf"^year: a calendar year must be an int \(got {shown}\)$"
    ):
        check_year(year, "year")


def test_since_a_year_after_the_as_of_date_is_refused() -> None:
    with pytest.raises(
        PeriodError, match=r"^as_of: the as-of date comes before 2024 \(got Date\(2023, 4, 18\)\)$"
    ):
        Period.since(2024, as_of=AS_OF)


def test_since_refuses_a_datetime_as_of() -> None:
    with pytest.raises(PeriodError, match=r"^as_of: expected a date without a time of day"):
        Period.since(2021, as_of=datetime.datetime(2023, 4, 18, 8, 0))  # noqa: DTZ001


@pytest.mark.parametrize("years", [0, -1, True, 2.0])
def test_years_before_needs_a_whole_number_of_years_from_one(years: object) -> None:
    shown = re.escape(repr(years))
    with pytest.raises(
        InvalidValueError,
        match=rf"^years: must be a whole number of years, at least 1 \(got {shown}\)$",
    ):
        Period.years_before(untyped(years), as_of=AS_OF)


# -- relations between periods ------------------------------------------------


def test_consecutive_years_do_not_overlap() -> None:
    y2021, y2022 = Period.calendar_year(2021), Period.calendar_year(2022)
    assert not y2021.overlaps(y2022)
    assert y2021.intersection(y2022) is None
    assert not y2021.covers(y2022)


def test_since_2021_overlaps_and_covers_2022() -> None:
    since_2021 = Period.since(2021, as_of=AS_OF)
    y2022 = Period.calendar_year(2022)
    assert since_2021.overlaps(y2022)
    assert y2022.overlaps(since_2021)
    assert since_2021.covers(y2022)
    assert not y2022.covers(since_2021)
    assert since_2021.intersection(y2022) == y2022


def test_the_two_years_and_since_2021_share_the_days_from_april_2021() -> None:
    shared = Period.years_before(2, as_of=AS_OF).intersection(Period.since(2021, as_of=AS_OF))
    assert shared == Period(start=datetime.date(2021, 4, 19), end=datetime.date(2023, 4, 18))


def test_periods_sharing_one_day_overlap_on_that_day() -> None:
    first = Period(start=datetime.date(2022, 1, 1), end=datetime.date(2022, 6, 30))
    second = Period(start=datetime.date(2022, 6, 30), end=datetime.date(2022, 12, 31))
    shared = first.intersection(second)
    assert shared == Period(start=datetime.date(2022, 6, 30), end=datetime.date(2022, 6, 30))
    assert shared is not None
    assert shared.days == 1


def test_a_period_covers_itself() -> None:
    year = Period.calendar_year(2022)
    assert year.covers(year)
    assert year.intersection(year) == year


# -- properties -----------------------------------------------------------------


@given(periods(), periods())
def test_overlaps_is_symmetric(a: Period, b: Period) -> None:
    assert a.overlaps(b) == b.overlaps(a)


@given(periods(), periods())
def test_intersection_is_covered_by_both_and_none_exactly_without_overlap(
    a: Period, b: Period
) -> None:
    shared = a.intersection(b)
    assert (shared is None) == (not a.overlaps(b))
    if shared is not None:
        assert a.covers(shared)
        assert b.covers(shared)
        assert shared == b.intersection(a)


@given(periods(), periods(), days)
def test_a_day_is_in_the_intersection_iff_in_both(a: Period, b: Period, day: datetime.date) -> None:
    shared = a.intersection(b)
    in_both = day in a and day in b
    assert (shared is not None and day in shared) == in_both


@given(periods(), st.integers(min_value=-3, max_value=3))
def test_a_day_near_the_ends_is_inside_iff_between_them(period: Period, shift: int) -> None:
    for end in (period.start, period.end):
        day = end + datetime.timedelta(days=shift)
        assert (day in period) == (period.start <= day <= period.end)


@given(periods())
def test_days_counts_both_ends(period: Period) -> None:
    start = datetime.date(period.start.year, period.start.month, period.start.day)
    end = datetime.date(period.end.year, period.end.month, period.end.day)
    assert period.days == (end - start).days + 1


@given(st.integers(min_value=MIN_YEAR, max_value=MAX_YEAR))
def test_a_calendar_year_has_365_or_366_days(year: int) -> None:
    assert Period.calendar_year(year).days == (366 if calendar.isleap(year) else 365)


@given(
    st.dates(min_value=datetime.date(1960, 1, 1), max_value=LAST_DAY),
    st.integers(min_value=1, max_value=10),
)
def test_years_before_holds_exactly_n_years_of_days(as_of: datetime.date, years: int) -> None:
    period = Period.years_before(years, as_of=as_of)
    earlier = anniversary(as_of, years)
    assert period.end == as_of
    assert period.start == earlier + datetime.timedelta(days=1)
    assert period.days == (as_of - earlier).days
    assert period.days == 365 * years + leap_days_between(earlier, as_of)
    assert period.start.year in (as_of.year - years, as_of.year - years + 1)
