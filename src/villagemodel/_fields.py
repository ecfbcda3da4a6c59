"""attrs validators that raise the library's own errors (internal).

Each validator names the failing field as ``ClassName.field`` and shows the
bad value, so a mistake in a script points at the line that made it.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable
from typing import Any, Final

import attrs

from villagemodel.errors import InvalidValueError, PeriodError
from villagemodel.money import Money
from villagemodel.periods import check_year

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

MAX_ID_LENGTH: Final = 64
"""Ids are short keys, not descriptions; a longer string is a data error."""


def path_of(instance: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def _check_id(path: str, value: object) -> None:
    if not isinstance(value, str):
        raise InvalidValueError(path, value, "an id must be a str")
    if not value or value != value.strip() or len(value) > MAX_ID_LENGTH:
        raise InvalidValueError(
            path, value, f"an id must be 1 to {MAX_ID_LENGTH} characters without surrounding spaces"
        )


def identifier(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A record id: a non-empty string without surrounding spaces."""
    _check_id(path_of(instance, attribute), value)


def optional_identifier(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        identifier(instance, attribute, value)


def identifiers(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A tuple of distinct ids."""
    path = path_of(instance, attribute)
    if not isinstance(value, tuple):
        raise InvalidValueError(path, value, "expected a tuple of ids")
    seen: set[str] = set()
    for i, item in enumerate(value):
        _check_id(f"{path}[{i}]", item)
        if item in seen:
            raise InvalidValueError(f"{path}[{i}]", item, "listed twice")
        seen.add(item)


def non_empty_identifiers(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    identifiers(instance, attribute, value)
    if not value:
        raise InvalidValueError(path_of(instance, attribute), value, "must name at least one")


def text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A non-empty string without surrounding spaces."""
    if not isinstance(value, str) or not value or value != value.strip():
        raise InvalidValueError(
            path_of(instance, attribute),
            value,
            "must be a non-empty str without surrounding spaces",
        )


def optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        text(instance, attribute, value)


def flag(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidValueError(path_of(instance, attribute), value, "must be True or False")


def optional_flag(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        flag(instance, attribute, value)


def date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A calendar date (``datetime.date`` or ``pendulum.Date``), not a datetime."""
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise PeriodError(
            path_of(instance, attribute), value, "expected a date (without a time of day)"
        )


def optional_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        date(instance, attribute, value)


def year(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_year(value, path_of(instance, attribute))


def member_of(kind: type[enum.Enum]) -> Validator:
    """The value must be a member of the enum ``kind``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise InvalidValueError(
                path_of(instance, attribute), value, f"expected a {kind.__name__}"
            )

    return check


def optional_member_of(kind: type[enum.Enum]) -> Validator:
    check = member_of(kind)

    def optional(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            check(instance, attribute, value)

    return optional


def instance_of(kind: type[Any], *, optional: bool = False) -> Validator:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, kind):
            raise InvalidValueError(
                path_of(instance, attribute), value, f"expected a {kind.__name__}"
            )

    return check


def money(*, allow_negative: bool = False) -> Validator:
    """An amount of :class:`~villagemodel.money.Money`, in whole fen, not negative.

    Records hold amounts as they were booked, so a fraction of a fen is a
    data error, refused rather than rounded.
    """

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        path = path_of(instance, attribute)
        if not isinstance(value, Money):
            hint = " (build one with Money('12.5') or Money.from_wan('1.2'))"
            raise InvalidValueError(path, value, f"expected Money{hint}")
        if not allow_negative and value.yuan < 0:
            raise InvalidValueError(path, value, "an amount of money cannot be negative here")
        if not value.is_whole_fen():
            raise InvalidValueError(path, value, "not a whole number of fen (0.01 yuan)")

    return check


def tuple_of(kind: type[Any]) -> Validator:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        path = path_of(instance, attribute)
        if not isinstance(value, tuple):
            raise InvalidValueError(path, value, "expected a tuple")
        for i, item in enumerate(value):
            if not isinstance(item, kind):
                raise InvalidValueError(f"{path}[{i}]", item, f"expected a {kind.__name__}")

    return check


def to_tuple(value: object) -> object:
    """Converter: a list becomes a tuple; anything else is left for the
    validator to accept or refuse with a clear message."""
    if isinstance(value, list):
        return tuple(value)
    return value
