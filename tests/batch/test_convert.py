"""Tables from records and back, files, schema checks, row order, import isolation."""

from __future__ import annotations

import datetime
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings

from villagemodel.batch import (
    TABLE_NAMES,
    SchemaMismatchError,
    carried,
    connect,
    dataset_to_tables,
    evaluate,
    read_csv,
    read_parquet,
    tables_to_dataset,
    write_csv,
    write_parquet,
)
from villagemodel.dataset import Dataset
from villagemodel.errors import InvalidValueError
from villagemodel.metrics import Subject
from villagemodel.money import Money
from villagemodel.periods import Period
from villagemodel.synthetic import build_synthetic
from villagemodel.testing.strategies import datasets

YEAR_2022 = Period.calendar_year(2022)


@pytest.fixture(scope="module")
def synthetic() -> Dataset:
    return build_synthetic()


@pytest.fixture(scope="module")
def tables(synthetic: Dataset) -> dict[str, pa.Table]:
    return dataset_to_tables(synthetic)


def test_round_trip_of_the_synthetic_dataset(
    synthetic: Dataset, tables: dict[str, pa.Table]
) -> None:
    assert set(tables) == set(TABLE_NAMES)
    assert tables_to_dataset(tables) == carried(synthetic)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dataset=datasets())
def test_round_trip_of_generated_datasets(dataset: Dataset) -> None:
    assert tables_to_dataset(dataset_to_tables(dataset)) == carried(dataset)


def test_money_that_is_not_whole_fen_is_refused() -> None:
    """Records already refuse such amounts; the conversion checks again, not rounding."""
    from villagemodel.batch.convert import _money  # noqa: PLC0415

    assert _money(Money("22.7"), "amount") == Decimal("22.70")
    with pytest.raises(InvalidValueError, match="not a whole number of fen"):
        _money(Money("1.255"), "amount")
    with pytest.raises(InvalidValueError, match="too large"):
        _money(Money(10**16), "amount")


def test_a_float_money_column_is_named(tables: dict[str, pa.Table]) -> None:
    bad = tables["incomes"].set_column(
        2, "per_capita", tables["incomes"]["per_capita"].cast(pa.float64())
    )
    with pytest.raises(SchemaMismatchError) as caught:
        tables_to_dataset({**tables, "incomes": bad})
    error = caught.value
    assert (error.table, error.column, error.expected, error.found) == (
        "incomes",
        "per_capita",
        "decimal(18, 2)",
        "float64",
    )


def test_a_missing_column_is_named(tables: dict[str, pa.Table]) -> None:
    con = connect()
    with pytest.raises(
        SchemaMismatchError, match=r"table villages, column county_id: .* found missing"
    ):
        con.load({**tables, "villages": tables["villages"].drop_columns(["county_id"])})


def test_parquet_files_load_natively_and_are_checked(
    tables: dict[str, pa.Table], tmp_path: Path
) -> None:
    write_parquet(tables, tmp_path / "ok")
    con = read_parquet(tmp_path / "ok")
    value = evaluate(con, "collective_income.total", Subject.all(), YEAR_2022).value
    assert value == Money.from_wan("90.2")
    bad = tables["collective_incomes"].set_column(
        1, "year", tables["collective_incomes"]["year"].cast(pa.string())
    )
    with pytest.raises(SchemaMismatchError):
        write_parquet({**tables, "collective_incomes": bad}, tmp_path / "bad")
    write_parquet(tables, tmp_path / "bad")
    # write_parquet checks what it writes, so spoil one file by hand.
    import pyarrow.parquet as pq  # noqa: PLC0415

    pq.write_table(bad, tmp_path / "bad" / "collective_incomes.parquet")
    with pytest.raises(
        SchemaMismatchError, match="collective_incomes, column year: expected int32, found string"
    ):
        read_parquet(tmp_path / "bad")


def test_parquet_parts_in_a_folder(tables: dict[str, pa.Table], tmp_path: Path) -> None:
    import pyarrow.parquet as pq  # noqa: PLC0415

    write_parquet(tables, tmp_path)
    incomes = tables["collective_incomes"]
    (tmp_path / "collective_incomes.parquet").unlink()
    (tmp_path / "collective_incomes").mkdir()
    pq.write_table(incomes.slice(0, 3), tmp_path / "collective_incomes" / "part-0.parquet")
    pq.write_table(incomes.slice(3), tmp_path / "collective_incomes" / "part-1.parquet")
    con = read_parquet(tmp_path)
    value = evaluate(con, "collective_income.total", Subject.all(), YEAR_2022).value
    assert value == Money.from_wan("90.2")


def test_csv_files(tables: dict[str, pa.Table], tmp_path: Path) -> None:
    write_csv(tables, tmp_path)
    con = read_csv(tmp_path)
    value = evaluate(con, "collective_income.total", Subject.all(), YEAR_2022).value
    assert value == Money.from_wan("90.2")
    text = (tmp_path / "villages.csv").read_text(encoding="utf-8")
    (tmp_path / "villages.csv").write_text(
        text.replace('"county_id"', '"county"'), encoding="utf-8"
    )
    with pytest.raises(SchemaMismatchError, match="table villages, column county_id"):
        read_csv(tmp_path)


def test_csv_money_with_three_decimals_is_refused(
    tables: dict[str, pa.Table], tmp_path: Path
) -> None:
    write_csv(tables, tmp_path)
    path = tmp_path / "collective_incomes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    village, year, _ = lines[1].split(",")
    lines[1] = f"{village},{year},1.255"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(
        InvalidValueError, match=r"collective_incomes\.csv, column amount: .*data loss"
    ):
        read_csv(tmp_path)


@pytest.mark.parametrize("backend", ["duckdb", "polars"])
def test_row_order_does_not_matter(tables: dict[str, pa.Table], backend: str) -> None:
    reversed_tables = {
        name: table.take(pa.array(range(table.num_rows - 1, -1, -1), pa.int64()))
        for name, table in tables.items()
    }
    as_of = Period.up_to(datetime.date(2023, 4, 18))
    results = []
    for version in (tables, reversed_tables):
        con = connect(backend)  # type: ignore[arg-type]
        con.load(version)
        results.append(
            [
                evaluate(con, metric, Subject.all(), period, options).value
                for metric, period, options in (
                    ("collective_income.per_village", YEAR_2022, {}),
                    ("monitoring.eliminated_households", as_of, {"count": "people"}),
                    ("guarantees.insured_share", as_of, {}),
                    ("funds.allocated", as_of, {"sources": "assistance"}),
                )
            ]
        )
    assert results[0] == results[1]


def test_exact_decimals_survive(tables: dict[str, pa.Table]) -> None:
    amounts = tables["collective_incomes"]["amount"].to_pylist()
    assert all(isinstance(a, Decimal) and a.as_tuple().exponent == -2 for a in amounts)


@pytest.mark.parametrize("code", ["import villagemodel", "import villagemodel.metrics"])
def test_importing_villagemodel_does_not_import_ibis(code: str) -> None:
    check = f"{code}; import sys; print('ibis' in sys.modules, 'pyarrow' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]


def test_empty_tables(tmp_path: Path) -> None:
    con = connect()
    con.load({})
    assert evaluate(con, "collective_income.total", Subject.all(), YEAR_2022).value == Money(0)
    assert evaluate(con, "collective_income.per_village", Subject.all(), YEAR_2022).value is None


def test_unknown_tables_are_refused() -> None:
    with pytest.raises(InvalidValueError, match="not a batch table"):
        connect().load({"villagez": pa.table({})})


def test_an_empty_folder_names_the_table(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="regions"):
        read_parquet(tmp_path)
