"""The library's exceptions.

Every exception raised on purpose by :mod:`villagemodel` derives from
:class:`VillageModelError`, so a caller can catch them all in one place.
Errors about a value name the *path* of the field that held it and the value
itself, for example ``Household.village_id`` or ``households[3].income``::

    >>> from villagemodel import StarRating
    >>> StarRating.of(6)
    Traceback (most recent call last):
    ...
    villagemodel.errors.InvalidValueError: stars: not a star rating; expected 1 to 5, or unrated (got 6)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

__all__ = [
    "DatasetValidationError",
    "InexactNumberError",
    "InvalidValueError",
    "PeriodError",
    "Problem",
    "UnitMismatchError",
    "UnknownDatasetError",
    "UnknownReferenceError",
    "VillageModelError",
]


class VillageModelError(Exception):
    """Base class of every error the library raises on purpose."""


def _show(value: object) -> str:
    """Render a bad value for an error message, short enough to read."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


@attrs.frozen(kw_only=True)
class Problem:
    """One problem found while validating input.

    ``path`` locates the bad field (``households[3].village_id``), ``value`` is
    what was found there and ``message`` says what is wrong with it.

    >>> Problem(path="villages[0].township_id", value="t9", message="no township has this id")
    Problem(path='villages[0].township_id', value='t9', message='no township has this id')
    >>> print(_)
    villages[0].township_id: no township has this id (got 't9')
    """

    path: str
    value: Any
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message} (got {_show(self.value)})"


class InvalidValueError(VillageModelError, ValueError):
    """A single field holds a value the model refuses.

    Attributes ``path``, ``value`` and ``reason`` are kept for programs; the
    message reads ``path: reason (got value)``.
    """

    def __init__(self, path: str, value: object, reason: str) -> None:
        self.path = path
        self.value = value
        self.reason = reason
        super().__init__(f"{path}: {reason} (got {_show(value)})")

    @property
    def problem(self) -> Problem:
        """This error as a :class:`Problem` (for lists of problems)."""
        return Problem(path=self.path, value=self.value, message=self.reason)


class InexactNumberError(InvalidValueError, TypeError):
    """A binary float was given where an exact number (money, a percentage,
    a quantity) was expected.

    Floats cannot hold most decimal amounts exactly (``0.1`` is
    ``0.1000000000000000055...``), so the library refuses them rather than
    round them. Pass a :class:`decimal.Decimal`, an ``int`` or a string.
    """


class PeriodError(InvalidValueError):
    """A date or period is invalid, or a date falls outside its period."""


class UnitMismatchError(VillageModelError, TypeError):
    """Two quantities of different units were combined (yuan and people,
    percentages and percentage points, households and person-times)."""


class UnknownReferenceError(VillageModelError, LookupError):
    """A lookup named an id that the dataset does not hold."""

    def __init__(self, kind: str, ident: object) -> None:
        self.kind = kind
        self.ident = ident
        super().__init__(f"no {kind} has id {ident!r}")


class UnknownDatasetError(VillageModelError, LookupError):
    """No bundled dataset has the requested name."""

    def __init__(self, name: str, available: Iterable[str]) -> None:
        self.name = name
        self.available = tuple(available)
        super().__init__(
            f"no bundled dataset is named {name!r}; available: {', '.join(self.available)}"
        )


class DatasetValidationError(VillageModelError):
    """A dataset failed validation; ``problems`` lists *every* problem found.

    >>> err = DatasetValidationError([
    ...     Problem(path="villages[1].id", value="v1", message="duplicate id"),
    ...     Problem(path="hamlets[0].village_id", value="v9", message="no village has this id"),
    ... ])
    >>> print(err)
    2 problems in the dataset:
      villages[1].id: duplicate id (got 'v1')
      hamlets[0].village_id: no village has this id (got 'v9')
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: Sequence[Problem] = tuple(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the dataset:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))
