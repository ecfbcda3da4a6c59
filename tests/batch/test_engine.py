"""Derived tables: computed once per connection, forgotten when tables are loaded again."""

from __future__ import annotations

import datetime

import attrs
import ibis.expr.types as ir
import pyarrow as pa
import pytest

from tests.batch._cases import expected_village_row
from villagemodel.batch import connect, dataset_to_tables, evaluate, village_table
from villagemodel.batch.engine import Connection, unbound
from villagemodel.dataset import Dataset
from villagemodel.errors import InvalidValueError
from villagemodel.metrics import Subject
from villagemodel.money import Money
from villagemodel.periods import Period
from villagemodel.quantities import HouseholdCount
from villagemodel.synthetic import build_synthetic

pytest.importorskip("ibis", reason="the batch layer needs the batch extra")

LOCAL = ("duckdb", "polars")
AS_OF = datetime.date(2023, 4, 18)
UP_TO = Period.up_to(AS_OF)


@pytest.fixture(scope="module")
def synthetic() -> Dataset:
    return build_synthetic()


def derived_tables(con: Connection) -> list[str]:
    """The derived tables DuckDB holds."""
    rows = con.ibis.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
    return [name for (name,) in rows if name.startswith("villagemodel_derived_")]


def loaded(dataset: Dataset, backend: str) -> Connection:
    con = connect(backend)  # type: ignore[arg-type]
    con.load(dataset_to_tables(dataset))
    return con


@pytest.mark.parametrize("backend", LOCAL)
def test_a_derived_table_is_computed_once_and_read_like_any_table(
    synthetic: Dataset, backend: str
) -> None:
    con = loaded(synthetic, backend)
    built: list[int] = []

    def build() -> ir.Table:
        built.append(1)
        v = unbound("villages")
        return v.aggregate(n=v.count())

    first = con.derived("villages counted", build)
    again = con.derived("villages counted", build)
    assert first is again
    assert len(built) == 1
    assert con.rows(first) == [{"n": len(synthetic.villages)}]
    # A stand-in combines with the batch tables like any unbound table.
    v = unbound("villages")
    joined = v.cross_join(first)
    assert con.rows(joined.aggregate(total=joined.count(), n=joined.n.max())) == [
        {"total": len(synthetic.villages), "n": len(synthetic.villages)}
    ]


@pytest.mark.parametrize("backend", LOCAL)
def test_loading_again_forgets_derived_tables(synthetic: Dataset, backend: str) -> None:
    con = loaded(synthetic, backend)
    before = village_table(con, 2022, AS_OF)
    eliminated = evaluate(con, "monitoring.eliminated_households", Subject.all(), UP_TO).value
    assert eliminated == HouseholdCount(sum(before["eliminated_households"].to_pylist()))
    assert eliminated != HouseholdCount(0)
    # The same connection, other data: nothing computed for the first data is reused.
    fewer = attrs.evolve(synthetic, monitoring=())
    con.load(dataset_to_tables(fewer))
    after = village_table(con, 2022, AS_OF)
    assert sum(after["eliminated_households"].to_pylist()) == 0
    assert evaluate(con, "monitoring.eliminated_households", Subject.all(), UP_TO).value == (
        HouseholdCount(0)
    )


def test_forgotten_tables_are_dropped_from_the_engine(synthetic: Dataset) -> None:
    con = loaded(synthetic, "duckdb")
    village_table(con, 2022, AS_OF)
    assert len(derived_tables(con)) == 1
    con.forget_derived()
    assert derived_tables(con) == []
    # Asked again, it is computed again.
    assert village_table(con, 2022, AS_OF).num_rows == len(synthetic.villages)


def test_one_derived_table_per_subject_and_day(synthetic: Dataset) -> None:
    con = loaded(synthetic, "duckdb")
    village = synthetic.villages[0].id
    whole = village_table(con, 2022, AS_OF)
    one = village_table(con, 2022, AS_OF, Subject.villages(village))
    earlier = village_table(con, 2022, datetime.date(2021, 1, 1))
    assert len(derived_tables(con)) == 3
    assert one.to_pylist() == [r for r in whole.to_pylist() if r["village_id"] == village]
    # Each day has its own figures, not the first day's.
    assert earlier.to_pylist() == [
        expected_village_row(synthetic, v.id, 2022, datetime.date(2021, 1, 1))
        for v in sorted(synthetic.villages, key=lambda v: v.id)
    ]
    assert earlier.to_pylist() != whole.to_pylist()


@pytest.mark.parametrize("backend", LOCAL)
def test_a_housing_grade_that_is_not_one_is_named(synthetic: Dataset, backend: str) -> None:
    tables = dataset_to_tables(synthetic)
    surveys = tables["surveys"]
    grades = [None if g is None else "E" for g in surveys["housing_grade"].to_pylist()]
    column = surveys.schema.get_field_index("housing_grade")
    tables["surveys"] = surveys.set_column(
        column, surveys.schema.field(column), pa.array(grades, pa.string())
    )
    con = connect(backend)  # type: ignore[arg-type]
    con.load(tables)
    message = r"surveys\.housing_grade: not a housing grade \(A, B, C, D\) \(got 'E'\)"
    with pytest.raises(InvalidValueError, match=message):
        evaluate(con, "guarantees.safe_housing_share", Subject.all(), UP_TO)
    with pytest.raises(InvalidValueError, match=message):
        village_table(con, 2022, AS_OF)
    # Figures that do not read the grade are given.
    assert evaluate(con, "monitoring.eliminated_households", Subject.all(), UP_TO).known


def test_a_remembered_result_is_computed_once_until_tables_are_loaded(synthetic: Dataset) -> None:
    con = loaded(synthetic, "duckdb")
    runs: list[int] = []

    def count() -> int:
        runs.append(1)
        return len(runs)

    assert con.remember("k", count) == 1
    assert con.remember("k", count) == 1
    assert con.remember("other", count) == 2
    con.load(dataset_to_tables(synthetic))
    assert con.remember("k", count) == 3


@pytest.mark.parametrize("backend", LOCAL)
def test_a_village_or_fund_given_twice_counts_once(synthetic: Dataset, backend: str) -> None:
    """Tables read from files are not checked for repeated keys; a repeated
    village or fund row is one village or fund, as in a dataset."""
    tables = dataset_to_tables(synthetic)
    expected = village_table(loaded(synthetic, backend), 2022, AS_OF)
    since = Period.since(2021, as_of=AS_OF)
    options = {"sources": "assistance,donation,subsidy,fiscal,other"}
    funds = evaluate(loaded(synthetic, backend), "funds.allocated", Subject.all(), since, options)
    for name in ("villages", "funds"):
        tables[name] = pa.concat_tables([tables[name], tables[name].slice(0, 1)])
    con = connect(backend)  # type: ignore[arg-type]
    con.load(tables)
    assert village_table(con, 2022, AS_OF).to_pylist() == expected.to_pylist()
    assert evaluate(con, "funds.allocated", Subject.all(), since, options).value == funds.value
    assert funds.value != Money.zero()
