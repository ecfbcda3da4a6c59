"""The batch layer: the object model's metrics over columnar tables, on an engine.

The attrs object model (:mod:`villagemodel.metrics`) is the reference; this
package computes the same figures from columnar tables (one per kind of
record, :mod:`~villagemodel.batch.schemas`) with Ibis expressions written
once and run on DuckDB (the default), Polars or PySpark. Money stays exact:
the engines only sum, count, compare, filter and join it (``decimal(18, 2)``
in the tables, ``decimal(38, 2)`` for sums); every ratio is finished in
Python with the object model's own rounding.

Needs the ``batch`` extra (``pip install villagemodel[batch]``); importing
:mod:`villagemodel` never imports Ibis.

>>> from villagemodel.batch import connect, dataset_to_tables, evaluate
>>> from villagemodel.metrics import Subject
>>> from villagemodel.periods import Period
>>> from villagemodel import datasets
>>> con = connect("duckdb")
>>> con.load(dataset_to_tables(datasets.load("lingyun-2022")))
>>> evaluate(con, "collective_income.per_village", Subject.villages("taohua"),
...          Period.calendar_year(2022)).value
MoneyAverage(total=Money('227000.00'), count=1)
"""

from villagemodel.batch.convert import (
    CARRIED,
    carried,
    dataset_to_tables,
    read_csv,
    read_csv_tables,
    read_parquet,
    tables_to_dataset,
    write_csv,
    write_parquet,
)
from villagemodel.batch.engine import BACKENDS, Backend, Connection, connect
from villagemodel.batch.metrics import (
    BATCH_METRICS,
    VILLAGE_COLUMNS,
    BatchValue,
    IncomeClassCounts,
    evaluate,
    income_classes,
    village_figures,
    village_incomes,
    village_table,
)
from villagemodel.batch.schemas import (
    ARROW_SCHEMAS,
    IBIS_SCHEMAS,
    MONEY,
    MONEY_SUM,
    TABLE_NAMES,
    SchemaMismatchError,
)

__all__ = [
    "ARROW_SCHEMAS",
    "BACKENDS",
    "BATCH_METRICS",
    "CARRIED",
    "IBIS_SCHEMAS",
    "MONEY",
    "MONEY_SUM",
    "TABLE_NAMES",
    "VILLAGE_COLUMNS",
    "Backend",
    "BatchValue",
    "Connection",
    "IncomeClassCounts",
    "SchemaMismatchError",
    "carried",
    "connect",
    "dataset_to_tables",
    "evaluate",
    "income_classes",
    "read_csv",
    "read_csv_tables",
    "read_parquet",
    "tables_to_dataset",
    "village_figures",
    "village_incomes",
    "village_table",
    "write_csv",
    "write_parquet",
]
