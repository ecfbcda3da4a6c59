"""Between a :class:`~villagemodel.Dataset` and columnar tables, and files of them.

:func:`dataset_to_tables` turns the records the batch layer reads into
PyArrow tables (one per name in :data:`~villagemodel.batch.schemas.TABLE_NAMES`),
and :func:`tables_to_dataset` turns such tables back into records, checked
as a dataset. The round trip is exact for the tables carried
(:data:`CARRIED`): ``tables_to_dataset(dataset_to_tables(ds)) == carried(ds)``.

What is **not** carried: the records the batch metrics do not read (grid
workers, supporting units, work teams, first secretaries, Party branches and
their ratings, Party members, cadres, industries, university admissions,
activities, meetings, awards, mediated disputes) and the dataset's ``name``.
Every field of the carried records is carried. Money must be whole fen
(``decimal(18, 2)``): an amount such as ``Money("1.255")`` is refused, not
rounded. A water quantity or a project quantity must fit ``decimal(38, 10)``.

:func:`write_parquet` and :func:`write_csv` write one file per table;
:func:`read_parquet` and :func:`read_csv` load such a folder into an engine
(see :mod:`villagemodel.batch.engine`) without building a Python object per
row, checking each table's schema on the way in.

>>> from villagemodel import datasets
>>> ds = datasets.load("lingyun-2022")
>>> tables = dataset_to_tables(ds)
>>> tables["collective_incomes"].schema.field("amount").type
Decimal128Type(decimal128(18, 2))
>>> tables_to_dataset(tables) == carried(ds)
True
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from villagemodel.batch.schemas import ARROW_SCHEMAS, TABLE_NAMES, check_arrow_schema, enum_member
from villagemodel.dataset import Dataset
from villagemodel.errors import InvalidValueError
from villagemodel.finance import Allocation, CollectiveIncome, Fund, FundPurpose, FundSource
from villagemodel.households import (
    GuaranteeSurvey,
    Household,
    HouseholdIncome,
    HousingGrade,
    Member,
    MonitoringRecord,
    PovertyHistory,
    Relation,
    RiskCategory,
    Sex,
    WaterSupply,
    WorkingCapacity,
)
from villagemodel.labels import LabelledEnum
from villagemodel.money import Money
from villagemodel.places import (
    City,
    County,
    Hamlet,
    Region,
    RegionKind,
    Township,
    TownshipKind,
    Village,
)
from villagemodel.projects import Project, ProjectKind
from villagemodel.quantities import Quantity, Unit

if TYPE_CHECKING:
    from villagemodel.batch.engine import Connection

__all__ = [
    "CARRIED",
    "carried",
    "dataset_to_tables",
    "read_csv",
    "read_parquet",
    "tables_to_dataset",
    "write_csv",
    "write_parquet",
]

CARRIED: Final[tuple[str, ...]] = (
    "regions",
    "cities",
    "counties",
    "townships",
    "villages",
    "hamlets",
    "households",
    "members",
    "incomes",
    "monitoring",
    "surveys",
    "collective_incomes",
    "projects",
    "funds",
    "allocations",
)
"""The dataset tables the batch layer carries (every field of their records)."""

_FEN: Final = Decimal("0.01")
_EXACT_PLACES: Final = Decimal("1E-10")
_MONEY_LIMIT: Final = Decimal(10) ** 16
_EXACT_LIMIT: Final = Decimal(10) ** 28

Row = dict[str, Any]
E = TypeVar("E", bound=LabelledEnum)


def carried(dataset: Dataset) -> Dataset:
    """The part of ``dataset`` the batch tables carry (the tables in :data:`CARRIED`)."""
    return Dataset(**{name: getattr(dataset, name) for name in CARRIED})


# -- records to rows ------------------------------------------------------------------


def _money(amount: Money, path: str) -> Decimal:
    """Money as a ``decimal(18, 2)`` value; refused unless whole fen and in range."""
    if not amount.is_whole_fen():
        raise InvalidValueError(
            path, amount, "not a whole number of fen: batch tables hold money as decimal(18, 2)"
        )
    if abs(amount.yuan) >= _MONEY_LIMIT:
        raise InvalidValueError(path, amount, "too large for decimal(18, 2)")
    return amount.yuan.quantize(_FEN)


def _exact(number: Decimal, path: str) -> Decimal:
    """A decimal as a ``decimal(38, 10)`` value; refused if it would be rounded."""
    fitted = number.quantize(_EXACT_PLACES)
    if fitted != number or abs(number) >= _EXACT_LIMIT:
        raise InvalidValueError(path, number, "does not fit decimal(38, 10) exactly")
    return fitted


def _code(member: Any) -> str | None:
    return None if member is None else str(member.value)


def _survey_rows(survey: GuaranteeSurvey, i: int, links: dict[str, list[Row]]) -> Row:
    water = survey.water
    litres = None
    if water is not None and water.litres_per_person_per_day is not None:
        litres = _exact(water.litres_per_person_per_day, f"surveys[{i}].water.litres")
    for table, listed in (
        ("survey_out_of_school", survey.out_of_school_member_ids),
        ("survey_uninsured", survey.uninsured_member_ids),
    ):
        links[table].extend(
            {"survey_id": survey.id, "position": j, "member_id": member_id}
            for j, member_id in enumerate(listed or ())
        )
    return {
        "id": survey.id,
        "household_id": survey.household_id,
        "surveyed_on": survey.surveyed_on,
        "food_and_clothing_assured": survey.food_and_clothing_assured,
        "education_checked": survey.out_of_school_member_ids is not None,
        "insurance_checked": survey.uninsured_member_ids is not None,
        "housing_grade": _code(survey.housing_grade),
        "water_recorded": water is not None,
        "water_litres_per_person_per_day": litres,
        "water_piped_into_home": None if water is None else water.piped_into_home,
        "water_trip_minutes": None if water is None else water.trip_minutes,
        "water_horizontal_distance_m": None if water is None else water.horizontal_distance_m,
        "water_vertical_distance_m": None if water is None else water.vertical_distance_m,
        "water_days_without_supply_per_year": (
            None if water is None else water.days_without_supply_per_year
        ),
    }


def _place(record: Any, **extra: Any) -> Row:
    return {"id": record.id, "name": record.name, "name_en": record.name_en, **extra}


def dataset_to_tables(dataset: Dataset) -> dict[str, pa.Table]:
    """The batch tables of ``dataset``, one PyArrow table per name in
    :data:`~villagemodel.batch.schemas.TABLE_NAMES`, rows in dataset order.

    Raises :class:`~villagemodel.errors.InvalidValueError` for an amount of
    money that is not whole fen, or a quantity that does not fit
    ``decimal(38, 10)``.
    """
    county_of = {t.id: t.county_id for t in dataset.townships}
    rows: dict[str, list[Row]] = {name: [] for name in TABLE_NAMES}
    rows["regions"] = [_place(r, kind=r.kind.value) for r in dataset.regions]
    rows["cities"] = [_place(c, region_id=c.region_id) for c in dataset.cities]
    rows["counties"] = [_place(c, city_id=c.city_id) for c in dataset.counties]
    rows["townships"] = [
        _place(t, county_id=t.county_id, kind=t.kind.value) for t in dataset.townships
    ]
    rows["villages"] = [
        _place(v, township_id=v.township_id, county_id=county_of[v.township_id])
        for v in dataset.villages
    ]
    rows["hamlets"] = [_place(h, village_id=h.village_id) for h in dataset.hamlets]
    rows["households"] = [
        {
            "id": h.id,
            "village_id": h.village_id,
            "history": h.history.value,
            "hamlet_id": h.hamlet_id,
        }
        for h in dataset.households
    ]
    rows["members"] = [
        {
            "id": m.id,
            "household_id": m.household_id,
            "relation": m.relation.value,
            "name": m.name,
            "sex": _code(m.sex),
            "born_on": m.born_on,
            "working_capacity": _code(m.working_capacity),
        }
        for m in dataset.members
    ]
    rows["incomes"] = [
        {
            "household_id": r.household_id,
            "year": r.year,
            "per_capita": _money(r.per_capita, f"incomes[{i}].per_capita"),
        }
        for i, r in enumerate(dataset.incomes)
    ]
    rows["monitoring"] = [
        {
            "id": r.id,
            "household_id": r.household_id,
            "category": r.category.value,
            "identified_on": r.identified_on,
            "risk_eliminated_on": r.risk_eliminated_on,
        }
        for r in dataset.monitoring
    ]
    rows["surveys"] = [_survey_rows(s, i, rows) for i, s in enumerate(dataset.surveys)]
    rows["collective_incomes"] = [
        {
            "village_id": r.village_id,
            "year": r.year,
            "amount": _money(r.amount, f"collective_incomes[{i}].amount"),
        }
        for i, r in enumerate(dataset.collective_incomes)
    ]
    rows["projects"] = [
        {
            "id": p.id,
            "village_id": p.village_id,
            "kind": p.kind.value,
            "quantity_amount": _exact(p.quantity.amount, f"projects[{i}].quantity"),
            "quantity_unit": p.quantity.unit.name,
            "name": p.name,
            "upgrade": p.upgrade,
            "started_on": p.started_on,
            "completed_on": p.completed_on,
        }
        for i, p in enumerate(dataset.projects)
    ]
    rows["funds"] = [
        {
            "id": f.id,
            "name": f.name,
            "source": f.source.value,
            "amount": _money(f.amount, f"funds[{i}].amount"),
            "received_on": f.received_on,
            "provider": f.provider,
        }
        for i, f in enumerate(dataset.funds)
    ]
    rows["allocations"] = [
        {
            "id": a.id,
            "fund_id": a.fund_id,
            "amount": _money(a.amount, f"allocations[{i}].amount"),
            "purpose": a.purpose.value,
            "allocated_on": a.allocated_on,
            "village_id": a.village_id,
            "project_id": a.project_id,
            "household_id": a.household_id,
        }
        for i, a in enumerate(dataset.allocations)
    ]
    return {
        name: pa.Table.from_pylist(rows[name], schema=ARROW_SCHEMAS[name]) for name in TABLE_NAMES
    }


# -- rows to records -------------------------------------------------------------------


def _enum(kind: type[E], code: str | None) -> E | None:
    return None if code is None else enum_member(kind, code)


def _survey(row: Row, links: Mapping[str, Mapping[str, tuple[str, ...]]]) -> GuaranteeSurvey:
    water = None
    if row["water_recorded"]:
        water = WaterSupply(
            litres_per_person_per_day=row["water_litres_per_person_per_day"],
            piped_into_home=row["water_piped_into_home"],
            trip_minutes=row["water_trip_minutes"],
            horizontal_distance_m=row["water_horizontal_distance_m"],
            vertical_distance_m=row["water_vertical_distance_m"],
            days_without_supply_per_year=row["water_days_without_supply_per_year"],
        )
    survey_id = row["id"]
    return GuaranteeSurvey(
        id=survey_id,
        household_id=row["household_id"],
        surveyed_on=row["surveyed_on"],
        food_and_clothing_assured=row["food_and_clothing_assured"],
        out_of_school_member_ids=links["survey_out_of_school"].get(survey_id, ())
        if row["education_checked"]
        else None,
        uninsured_member_ids=links["survey_uninsured"].get(survey_id, ())
        if row["insurance_checked"]
        else None,
        housing_grade=_enum(HousingGrade, row["housing_grade"]),
        water=water,
    )


def _links(table: pa.Table) -> dict[str, tuple[str, ...]]:
    grouped: defaultdict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in table.to_pylist():
        grouped[row["survey_id"]].append((row["position"], row["member_id"]))
    return {key: tuple(m for _, m in sorted(items)) for key, items in grouped.items()}


_BUILDERS: Final[dict[str, Callable[[Row], Any]]] = {
    "regions": lambda r: Region(
        id=r["id"], name=r["name"], name_en=r["name_en"], kind=enum_member(RegionKind, r["kind"])
    ),
    "cities": lambda r: City(
        id=r["id"], name=r["name"], name_en=r["name_en"], region_id=r["region_id"]
    ),
    "counties": lambda r: County(
        id=r["id"], name=r["name"], name_en=r["name_en"], city_id=r["city_id"]
    ),
    "townships": lambda r: Township(
        id=r["id"],
        name=r["name"],
        name_en=r["name_en"],
        county_id=r["county_id"],
        kind=enum_member(TownshipKind, r["kind"]),
    ),
    "villages": lambda r: Village(
        id=r["id"], name=r["name"], name_en=r["name_en"], township_id=r["township_id"]
    ),
    "hamlets": lambda r: Hamlet(
        id=r["id"], name=r["name"], name_en=r["name_en"], village_id=r["village_id"]
    ),
    "households": lambda r: Household(
        id=r["id"],
        village_id=r["village_id"],
        history=enum_member(PovertyHistory, r["history"]),
        hamlet_id=r["hamlet_id"],
    ),
    "members": lambda r: Member(
        id=r["id"],
        household_id=r["household_id"],
        relation=enum_member(Relation, r["relation"]),
        name=r["name"],
        sex=_enum(Sex, r["sex"]),
        born_on=r["born_on"],
        working_capacity=_enum(WorkingCapacity, r["working_capacity"]),
    ),
    "incomes": lambda r: HouseholdIncome(
        household_id=r["household_id"], year=r["year"], per_capita=Money(r["per_capita"])
    ),
    "monitoring": lambda r: MonitoringRecord(
        id=r["id"],
        household_id=r["household_id"],
        category=enum_member(RiskCategory, r["category"]),
        identified_on=r["identified_on"],
        risk_eliminated_on=r["risk_eliminated_on"],
    ),
    "collective_incomes": lambda r: CollectiveIncome(
        village_id=r["village_id"], year=r["year"], amount=Money(r["amount"])
    ),
    "projects": lambda r: Project(
        id=r["id"],
        village_id=r["village_id"],
        kind=enum_member(ProjectKind, r["kind"]),
        quantity=Quantity(r["quantity_amount"], Unit[r["quantity_unit"]]),
        name=r["name"],
        upgrade=r["upgrade"],
        started_on=r["started_on"],
        completed_on=r["completed_on"],
    ),
    "funds": lambda r: Fund(
        id=r["id"],
        name=r["name"],
        source=enum_member(FundSource, r["source"]),
        amount=Money(r["amount"]),
        received_on=r["received_on"],
        provider=r["provider"],
    ),
    "allocations": lambda r: Allocation(
        id=r["id"],
        fund_id=r["fund_id"],
        amount=Money(r["amount"]),
        purpose=enum_member(FundPurpose, r["purpose"]),
        allocated_on=r["allocated_on"],
        village_id=r["village_id"],
        project_id=r["project_id"],
        household_id=r["household_id"],
    ),
}


def _empty(name: str) -> pa.Table:
    return ARROW_SCHEMAS[name].empty_table()


def conform(name: str, table: pa.Table) -> pa.Table:
    """``table`` checked against the schema of batch table ``name`` and cast
    to it exactly (columns in order, extra columns dropped).

    Raises :class:`~villagemodel.batch.schemas.SchemaMismatchError` naming
    the table, the column, the expected and the found type.
    """
    check_arrow_schema(name, table.schema)
    schema = ARROW_SCHEMAS[name]
    return table.select(schema.names).cast(schema)


def tables_to_dataset(tables: Mapping[str, pa.Table]) -> Dataset:
    """The dataset the tables hold, built from records and checked.

    A table not given is taken as empty. Each given table is checked against
    its schema first; a village's ``county_id`` must be its township's county.
    Raises :class:`~villagemodel.batch.schemas.SchemaMismatchError` or
    :class:`~villagemodel.errors.DatasetValidationError`.
    """
    given = {name: conform(name, tables[name]) for name in TABLE_NAMES if name in tables}
    full = {name: given.get(name, _empty(name)) for name in TABLE_NAMES}
    county_of = {r["id"]: r["county_id"] for r in full["townships"].to_pylist()}
    for i, row in enumerate(full["villages"].to_pylist()):
        expected = county_of.get(row["township_id"])
        if expected is not None and row["county_id"] != expected:
            raise InvalidValueError(
                f"villages[{i}].county_id",
                row["county_id"],
                f"the village's township {row['township_id']!r} lies in county {expected!r}",
            )
    links = {name: _links(full[name]) for name in ("survey_out_of_school", "survey_uninsured")}
    records: dict[str, Any] = {
        name: [build(row) for row in full[name].to_pylist()] for name, build in _BUILDERS.items()
    }
    records["surveys"] = [_survey(row, links) for row in full["surveys"].to_pylist()]
    return Dataset(**records)


# -- files --------------------------------------------------------------------------------


def write_parquet(tables: Mapping[str, pa.Table], folder: str | Path) -> Path:
    """Write each batch table to ``folder/<name>.parquet`` (empty tables for
    those not given); returns the folder."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name in TABLE_NAMES:
        table = conform(name, tables[name]) if name in tables else _empty(name)
        pq.write_table(table, out / f"{name}.parquet")
    return out


def write_csv(tables: Mapping[str, pa.Table], folder: str | Path) -> Path:
    """Write each batch table to ``folder/<name>.csv`` with a header row
    (money as plain decimals such as ``22.70``, days as ``2022-12-31``)."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name in TABLE_NAMES:
        table = conform(name, tables[name]) if name in tables else _empty(name)
        pa_csv.write_csv(table, out / f"{name}.csv")
    return out


def read_csv_tables(folder: str | Path) -> dict[str, pa.Table]:
    """The batch tables in ``folder/<name>.csv``, parsed column by column with
    PyArrow to the exact schema (no Python object per row).

    The header must name every expected column
    (:class:`~villagemodel.batch.schemas.SchemaMismatchError` otherwise); a
    value that does not parse as its column's type, such as ``12.345`` for
    money, raises :class:`~villagemodel.errors.InvalidValueError` naming the
    file and the column. A missing
    file raises :class:`FileNotFoundError`.
    """
    base = Path(folder)
    result: dict[str, pa.Table] = {}
    for name in TABLE_NAMES:
        path = base / f"{name}.csv"
        schema = ARROW_SCHEMAS[name]
        with path.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle), [])
        found = pa.schema([(column, pa.string()) for column in header])
        missing = [column for column in schema.names if column not in header]
        if missing:
            check_arrow_schema(name, found)
        try:
            table = pa_csv.read_csv(
                path,
                convert_options=pa_csv.ConvertOptions(
                    column_types=schema,
                    include_columns=schema.names,
                    strings_can_be_null=True,
                    quoted_strings_can_be_null=False,
                ),
            )
        except pa.ArrowInvalid as error:
            raise _csv_error(name, header, error) from error
        result[name] = conform(name, table)
    return result


def _csv_error(name: str, header: list[str], error: pa.ArrowInvalid) -> InvalidValueError:
    """The parse error of a CSV file, naming the column rather than its number."""
    found = re.search(r"column #(\d+)", str(error))
    column = ""
    if found is not None and int(found.group(1)) < len(header):
        column = f", column {header[int(found.group(1))]}"
    return InvalidValueError(
        f"{name}.csv{column}", str(error), "a value does not parse as its type"
    )


def read_parquet(folder: str | Path, connection: Connection | None = None) -> Connection:
    """Load ``folder/<name>.parquet`` (or a folder ``folder/<name>/`` of
    Parquet parts) for every batch table into ``connection`` (a new DuckDB
    connection if none), natively in the engine, and check each schema."""
    from villagemodel.batch.engine import connect  # noqa: PLC0415

    con = connection if connection is not None else connect()
    con.load_parquet(folder)
    return con


def read_csv(folder: str | Path, connection: Connection | None = None) -> Connection:
    """Load ``folder/<name>.csv`` for every batch table into ``connection``
    (a new DuckDB connection if none), parsed by PyArrow to the exact schema
    (:func:`read_csv_tables`) and handed to the engine as Arrow."""
    from villagemodel.batch.engine import connect  # noqa: PLC0415

    con = connection if connection is not None else connect()
    con.load(read_csv_tables(folder))
    return con
