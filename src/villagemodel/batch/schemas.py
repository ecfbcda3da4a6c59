"""The columnar schema of each table the batch layer reads.

One table per kind of record the batch metrics need, with the same names as
the :class:`~villagemodel.Dataset` fields (``villages``, ``households``, ...)
plus two link tables for the member lists of a guarantee survey. Each schema
is given once, as an Ibis schema (:data:`IBIS_SCHEMAS`); the PyArrow schema
(:data:`ARROW_SCHEMAS`) is derived from it, so the two cannot disagree.

Conventions:

* **money** is ``decimal(18, 2)``: yuan with exactly two decimals (whole
  fen), never a float. Sums come back as ``decimal(38, 2)``;
* ids are strings; enumerations are stored as their codes
  (``"formerly_poor"``, ``"unstable_formerly_poor"``, ``"A"``); a project's
  unit is the :class:`~villagemodel.quantities.Unit` member's name;
* days are ``date``; calendar years ``int32``;
* a column written ``!type`` may hold no null.

>>> IBIS_SCHEMAS["incomes"]["per_capita"]
Decimal(precision=18, scale=2, nullable=False)
>>> ARROW_SCHEMAS["incomes"].field("per_capita").type
Decimal128Type(decimal128(18, 2))
>>> TABLE_NAMES[:3]
('regions', 'cities', 'counties')
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, TypeVar

import ibis
import ibis.expr.datatypes as dt
import pyarrow as pa

from villagemodel.errors import InvalidValueError, VillageModelError
from villagemodel.labels import LabelledEnum

E = TypeVar("E", bound=LabelledEnum)

__all__ = [
    "ARROW_SCHEMAS",
    "IBIS_SCHEMAS",
    "MONEY",
    "MONEY_SUM",
    "TABLE_NAMES",
    "SchemaMismatchError",
    "arrow_schema",
    "check_arrow_schema",
    "check_ibis_schema",
    "ibis_schema",
]

MONEY: Final = dt.Decimal(precision=18, scale=2)
"""The type of every amount of money in a table: yuan, two decimals."""

MONEY_SUM: Final = dt.Decimal(precision=38, scale=2)
"""The type of a sum of money (and of money before any multiplication)."""

_MONEY = "decimal(18, 2)"
_EXACT = "decimal(38, 10)"

_SPECS: Final[dict[str, dict[str, str]]] = {
    "regions": {"id": "!string", "name": "!string", "name_en": "string", "kind": "!string"},
    "cities": {"id": "!string", "name": "!string", "name_en": "string", "region_id": "!string"},
    "counties": {"id": "!string", "name": "!string", "name_en": "string", "city_id": "!string"},
    "townships": {
        "id": "!string",
        "name": "!string",
        "name_en": "string",
        "county_id": "!string",
        "kind": "!string",
    },
    "villages": {
        "id": "!string",
        "name": "!string",
        "name_en": "string",
        "township_id": "!string",
        "county_id": "!string",
    },
    "hamlets": {"id": "!string", "name": "!string", "name_en": "string", "village_id": "!string"},
    "households": {
        "id": "!string",
        "village_id": "!string",
        "history": "!string",
        "hamlet_id": "string",
    },
    "members": {
        "id": "!string",
        "household_id": "!string",
        "relation": "!string",
        "name": "string",
        "sex": "string",
        "born_on": "date",
        "working_capacity": "string",
    },
    "incomes": {"household_id": "!string", "year": "!int32", "per_capita": "!" + _MONEY},
    "monitoring": {
        "id": "!string",
        "household_id": "!string",
        "category": "!string",
        "identified_on": "!date",
        "risk_eliminated_on": "date",
    },
    "surveys": {
        "id": "!string",
        "household_id": "!string",
        "surveyed_on": "!date",
        "food_and_clothing_assured": "boolean",
        "education_checked": "!boolean",
        "insurance_checked": "!boolean",
        "housing_grade": "string",
        "water_recorded": "!boolean",
        "water_litres_per_person_per_day": _EXACT,
        "water_piped_into_home": "boolean",
        "water_trip_minutes": "int32",
        "water_horizontal_distance_m": "int32",
        "water_vertical_distance_m": "int32",
        "water_days_without_supply_per_year": "int32",
    },
    "survey_out_of_school": {"survey_id": "!string", "position": "!int32", "member_id": "!string"},
    "survey_uninsured": {"survey_id": "!string", "position": "!int32", "member_id": "!string"},
    "collective_incomes": {"village_id": "!string", "year": "!int32", "amount": "!" + _MONEY},
    "projects": {
        "id": "!string",
        "village_id": "!string",
        "kind": "!string",
        "quantity_amount": "!" + _EXACT,
        "quantity_unit": "!string",
        "name": "string",
        "upgrade": "!boolean",
        "started_on": "date",
        "completed_on": "date",
    },
    "funds": {
        "id": "!string",
        "name": "!string",
        "source": "!string",
        "amount": "!" + _MONEY,
        "received_on": "!date",
        "provider": "string",
    },
    "allocations": {
        "id": "!string",
        "fund_id": "!string",
        "amount": "!" + _MONEY,
        "purpose": "!string",
        "allocated_on": "!date",
        "village_id": "string",
        "project_id": "string",
        "household_id": "string",
    },
}

TABLE_NAMES: Final[tuple[str, ...]] = tuple(_SPECS)
"""Every table of the batch layer, each after the tables it refers to."""

IBIS_SCHEMAS: Final[Mapping[str, ibis.Schema]] = MappingProxyType(
    {name: ibis.schema(spec) for name, spec in _SPECS.items()}
)
"""The Ibis schema of each table, by name.

:meta hide-value:
"""

ARROW_SCHEMAS: Final[Mapping[str, pa.Schema]] = MappingProxyType(
    {name: schema.to_pyarrow() for name, schema in IBIS_SCHEMAS.items()}
)
"""The PyArrow schema of each table, by name (derived from :data:`IBIS_SCHEMAS`).

:meta hide-value:
"""


def ibis_schema(table: str) -> ibis.Schema:
    """The Ibis schema of ``table``; :class:`KeyError` naming the known tables if none."""
    try:
        return IBIS_SCHEMAS[table]
    except KeyError:
        raise KeyError(
            f"no batch table is named {table!r}; known: {', '.join(TABLE_NAMES)}"
        ) from None


def arrow_schema(table: str) -> pa.Schema:
    """The PyArrow schema of ``table``."""
    ibis_schema(table)
    return ARROW_SCHEMAS[table]


class SchemaMismatchError(VillageModelError, TypeError):
    """A table given to the batch layer does not have the expected columns.

    ``table`` and ``column`` name the place; ``expected`` and ``found`` are
    the types as text (``found`` is ``"missing"`` for an absent column).

    >>> check_arrow_schema("incomes", pa.schema({"household_id": pa.string(),
    ...     "year": pa.int32(), "per_capita": pa.float64()}))
    Traceback (most recent call last):
    ...
    villagemodel.batch.schemas.SchemaMismatchError: table incomes, column per_capita: expected decimal(18, 2), found float64
    """

    def __init__(self, table: str, column: str, expected: str, found: str) -> None:
        self.table = table
        self.column = column
        self.expected = expected
        self.found = found
        super().__init__(f"table {table}, column {column}: expected {expected}, found {found}")


def _shown(dtype: dt.DataType) -> str:
    return str(dtype.copy(nullable=True))


def check_ibis_schema(table: str, found: ibis.Schema) -> None:
    """Raise :class:`SchemaMismatchError` at the first expected column of
    ``table`` that ``found`` lacks or types differently.

    Nullability is not compared (a file format rarely keeps it) and extra
    columns are allowed: the metrics read only the expected ones.
    """
    expected = ibis_schema(table)
    for column, dtype in expected.items():
        if column not in found:
            raise SchemaMismatchError(table, column, _shown(dtype), "missing")
        got = found[column]
        if got.copy(nullable=True) != dtype.copy(nullable=True):
            raise SchemaMismatchError(table, column, _shown(dtype), _shown(got))


def check_arrow_schema(table: str, found: pa.Schema) -> None:
    """:func:`check_ibis_schema` for a PyArrow schema (compared as Ibis types,
    so ``large_string`` passes for ``string``)."""
    check_ibis_schema(table, ibis.Schema.from_pyarrow(found))


def enum_member(kind: type[E], code: str, path: str | None = None) -> E:
    """The member of ``kind`` whose code (value) is ``code``, as stored in a table.

    An unknown code raises :class:`~villagemodel.errors.InvalidValueError`
    naming ``path`` (a table's column, say) or else the enumeration.

    >>> from villagemodel.households import PovertyHistory
    >>> enum_member(PovertyHistory, "formerly_poor")
    <PovertyHistory.FORMERLY_POOR: 'formerly_poor'>
    >>> enum_member(PovertyHistory, "rich", "households.history")
    Traceback (most recent call last):
    ...
    villagemodel.errors.InvalidValueError: households.history: not a code of PovertyHistory (got 'rich')
    """
    found: E | None = _codes(kind).get(code)
    if found is None:
        raise InvalidValueError(path or kind.__name__, code, f"not a code of {kind.__name__}")
    return found


@functools.cache
def _codes(kind: type[E]) -> dict[str, E]:
    """Each member of ``kind`` by its code (read once per enumeration)."""
    return {member.value: member for member in kind}
