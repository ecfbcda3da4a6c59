"""Plain data in and out: one cattrs converter for the whole model.

:data:`converter` turns records into plain Python data (dicts, lists, strings,
ints) and back. It is strict: nothing is coerced. Money, decimals and
percentages are written as decimal strings and read from strings or ints,
never from floats; an int field refuses ``"5"`` and ``5.0``; a bool field
refuses ``"false"``; an enum is written as its code and read from its code,
Chinese or English label; unknown fields are refused.

:func:`dataset_from_data` builds a :class:`~villagemodel.Dataset` from such
data and reports *every* problem with its path in the document
(``villages[2].township_id``), raising
:class:`~villagemodel.errors.DatasetValidationError`.

>>> data = {"villages": [{"id": "taohua", "name": "陶化村", "township_id": "lingzhan"}],
...         "townships": [{"id": "lingzhan", "name": "伶站瑶族乡", "county_id": "lingyun",
...                        "kind": "民族乡"}],
...         "counties": [{"id": "lingyun", "name": "凌云县", "city_id": "baise"}],
...         "cities": [{"id": "baise", "name": "百色市", "region_id": "guangxi"}],
...         "regions": [{"id": "guangxi", "name": "广西壮族自治区", "kind": "autonomous_region"}]}
>>> ds = dataset_from_data(data)
>>> ds.township_of(ds.villages[0].id).kind
<TownshipKind.ETHNIC_TOWNSHIP: 'ethnic_township'>
>>> dataset_from_data(dataset_to_data(ds)) == ds
True
>>> dataset_from_data({"collective_incomes": [{"village_id": "taohua", "year": 2022, "amount": 227000.0}]})
Traceback (most recent call last):
...
villagemodel.errors.DatasetValidationError: 1 problem in the dataset:
  collective_incomes[0].amount: a float is not exact; pass a Decimal, an int or a str such as '227000.0' (got 227000.0)
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from villagemodel._numbers import plain_text, to_decimal
from villagemodel.dataset import TABLES, Dataset
from villagemodel.errors import DatasetValidationError, InvalidValueError, PeriodError, Problem
from villagemodel.labels import LabelledEnum
from villagemodel.money import Money
from villagemodel.quantities import Count, Percentage, PercentagePoints, Quantity, Unit

__all__ = ["converter", "dataset_from_data", "dataset_to_data"]


def _strict_str(value: object, _: type[Any]) -> str:
    if not isinstance(value, str):
        raise InvalidValueError("value", value, f"expected a str, not {type(value).__name__}")
    return value


def _strict_int(value: object, _: type[Any]) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError("value", value, f"expected an int, not {type(value).__name__}")
    return value


def _strict_bool(value: object, _: type[Any]) -> bool:
    if not isinstance(value, bool):
        raise InvalidValueError(
            "value", value, f"expected true or false, not {type(value).__name__}"
        )
    return value


def _structure_date(value: object, _: type[Any]) -> datetime.date:
    if isinstance(value, datetime.datetime):
        raise PeriodError("value", value, "expected a date without a time of day")
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise PeriodError("value", value, "expected a date written YYYY-MM-DD")


_ISO_DAY: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def _structure_enum(value: object, kind: type[LabelledEnum]) -> LabelledEnum:
    if not isinstance(value, str):
        raise InvalidValueError(
            "value", value, f"expected the code or label of a {kind.__name__} as a str"
        )
    return kind.parse(value)


def _structure_quantity(value: object, _: type[Any]) -> Quantity:
    if not isinstance(value, Mapping) or set(value) != {"amount", "unit"}:
        raise InvalidValueError("value", value, "expected a table with 'amount' and 'unit'")
    unit = value["unit"]
    if not isinstance(unit, str):
        raise InvalidValueError("unit", unit, "expected a unit code such as 'kilometre'")
    return Quantity(to_decimal(value["amount"], "amount"), Unit.parse(unit))


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook(datetime.date, _structure_date)
    conv.register_unstructure_hook(datetime.date, lambda day: day.isoformat())
    conv.register_structure_hook(Decimal, lambda value, _: to_decimal(value, "value"))
    conv.register_unstructure_hook(Decimal, plain_text)
    conv.register_structure_hook(Money, lambda value, _: Money(value))
    conv.register_unstructure_hook(Money, lambda money: plain_text(money.yuan))
    for unit_type in (Percentage, PercentagePoints):
        conv.register_structure_hook(unit_type, lambda value, kind: kind(value))
        conv.register_unstructure_hook(unit_type, lambda number: plain_text(number.value))
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, Count),
        lambda value, kind: kind(value),
    )
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, Count), lambda count: count.value
    )
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, LabelledEnum), _structure_enum
    )
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, LabelledEnum), lambda member: member.value
    )
    conv.register_structure_hook(Unit, lambda value, _: Unit.parse(_strict_str(value, str)))
    conv.register_unstructure_hook(Unit, lambda unit: unit.code)
    conv.register_structure_hook(Quantity, _structure_quantity)
    conv.register_unstructure_hook(
        Quantity, lambda q: {"amount": plain_text(q.amount), "unit": q.unit.code}
    )
    return conv


converter: Final = _make_converter()
"""The converter for every record type of the model."""


def _problems(error: BaseException, path: str) -> Iterator[Problem]:
    """Flatten a cattrs error tree into problems with document paths."""
    if isinstance(error, ClassValidationError | IterableValidationError):
        with_notes, without = error.group_exceptions()
        for sub, note in with_notes:
            if isinstance(note, AttributeValidationNote):
                sub_path = f"{path}.{note.name}" if path else note.name
            elif isinstance(note, IterableValidationNote):
                sub_path = f"{path}[{note.index}]"
            else:  # pragma: no cover - cattrs gives only the two kinds above
                sub_path = path
            yield from _problems(sub, sub_path)
        for sub in without:
            yield from _problems(sub, path)
    elif isinstance(error, ForbiddenExtraKeysError):
        for key in sorted(error.extra_fields):
            yield Problem(path=f"{path}.{key}", value=key, message="unknown field")
    elif isinstance(error, InvalidValueError):
        head, dot, field = error.path.partition(".")
        record_level = dot and head[:1].isupper()  # "Village.township_id" from a validator
        yield Problem(
            path=f"{path}.{field}" if record_level else path,
            value=error.value,
            message=error.reason,
        )
    elif isinstance(error, KeyError):
        yield Problem(path=path, value=None, message="required field is missing")
    else:
        yield Problem(path=path, value=None, message=str(error) or type(error).__name__)


def dataset_from_data(data: object) -> Dataset:
    """Build a :class:`~villagemodel.Dataset` from plain data.

    ``data`` maps table names (``"villages"``, ``"households"``, ...) to lists
    of records as plain mappings, plus an optional ``"name"``. Raises
    :class:`~villagemodel.errors.DatasetValidationError` with every problem
    found: those of single records, and those of the dataset as a whole
    (references, keys, cross-record rules) among the records that are valid.
    A reference to a record that is itself invalid is not reported again.
    """
    if not isinstance(data, Mapping):
        raise DatasetValidationError(
            [Problem(path="$", value=type(data).__name__, message="expected a mapping of tables")]
        )
    problems: list[Problem] = []
    known = {table.name: table for table in TABLES}
    tables: dict[str, list[Any]] = {}
    positions: dict[str, list[int]] = {}
    broken_ids: set[str] = set()
    for key, rows in data.items():
        if key == "name":
            if not isinstance(rows, str):
                problems.append(Problem(path="name", value=rows, message="expected a str"))
            continue
        table = known.get(key)
        if table is None:
            problems.append(Problem(path=str(key), value=key, message="unknown table"))
            continue
        if not isinstance(rows, list | tuple):
            problems.append(Problem(path=key, value=rows, message="expected a list of records"))
            continue
        kept: list[Any] = []
        where: list[int] = []
        for i, raw in enumerate(rows):
            try:
                kept.append(converter.structure(raw, table.record))
                where.append(i)
            except Exception as error:  # every structuring error becomes a problem
                problems.extend(_problems(error, f"{key}[{i}]"))
                if isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
                    broken_ids.add(raw["id"])
        tables[key] = kept
        positions[key] = where
    raw_name = data.get("name")
    name = raw_name if isinstance(raw_name, str) else None
    for problem in Dataset.check(name=name, **tables):  # type: ignore[arg-type]
        if problem.value in broken_ids and problem.message.endswith("has this id"):
            continue  # the record it names is invalid and already reported
        problems.append(_in_document(problem, positions))
    if problems:
        raise DatasetValidationError(problems)
    return Dataset(name=name, **tables)


_ROW: Final = re.compile(r"^(?P<table>\w+)\[(?P<index>\d+)\](?P<rest>.*)$")
_REFERENCE: Final = re.compile(r"\b(?P<table>[a-z_]+)\[(?P<index>\d+)\]")


def _in_document(problem: Problem, positions: Mapping[str, list[int]]) -> Problem:
    """The problem with row numbers of the document rather than among the valid rows,
    in its path and in every ``table[i]`` its message names (``first used by
    households[0]``)."""

    def row(match: re.Match[str]) -> str:
        table, index = match["table"], int(match["index"])
        if table not in positions or index >= len(positions[table]):
            return match[0]
        return f"{table}[{positions[table][index]}]"

    match = _ROW.match(problem.path)
    path = problem.path
    if match is not None and match["table"] in positions:
        path = f"{match['table']}[{positions[match['table']][int(match['index'])]}]{match['rest']}"
    return attrs.evolve(problem, path=path, message=_REFERENCE.sub(row, problem.message))


def dataset_to_data(dataset: Dataset) -> dict[str, Any]:
    """The dataset as plain data (the inverse of :func:`dataset_from_data`).

    Empty tables and fields left at their default are omitted.
    """
    data: dict[str, Any] = {}
    if dataset.name is not None:
        data["name"] = dataset.name
    for table in TABLES:
        rows = getattr(dataset, table.name)
        if rows:
            data[table.name] = [converter.unstructure(row) for row in rows]
    return data
