"""Engines: a :class:`Connection` to DuckDB (the default), Polars or PySpark.

:func:`connect` opens an engine through Ibis; :meth:`Connection.load` hands
it PyArrow tables, :meth:`Connection.load_parquet` has it read Parquet files
itself. Either way every table is checked against its schema
(:mod:`villagemodel.batch.schemas`) and registered under its own name, and a
table not given is registered empty, so every metric runs.

The metrics (:mod:`villagemodel.batch.metrics`) are Ibis expressions over
*unbound* tables; :meth:`Connection.bind` replaces each unbound table with
the engine's table of the same name, and :meth:`Connection.to_arrow` runs the
result. The same expression thus runs unchanged on every engine.

An intermediate result that several metrics share (each village's counts of
households, people and surveys on a day) is computed once per connection
and kept in the engine: :meth:`Connection.derived` runs it the first time,
registers the result as a table of the engine and hands back an unbound
table that stands for it. Loading tables again forgets every derived table.

>>> con = connect()
>>> con.backend
'duckdb'
>>> con.load({})
>>> con.to_arrow(con.table("villages").count().as_table()).to_pylist()
[{'CountStar(villages)': 0}]
"""

from __future__ import annotations

import contextlib
import itertools
import warnings
from collections.abc import Callable, Hashable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final, Literal, TypeVar

import ibis
import ibis.expr.types as ir
import pyarrow as pa
from ibis.backends import BaseBackend

from villagemodel.batch.convert import conform
from villagemodel.batch.schemas import ARROW_SCHEMAS, IBIS_SCHEMAS, TABLE_NAMES, check_ibis_schema
from villagemodel.errors import InvalidValueError

__all__ = ["BACKENDS", "Backend", "Connection", "connect", "quiet"]

Backend = Literal["duckdb", "polars", "pyspark"]

BACKENDS: Final[tuple[Backend, ...]] = ("duckdb", "polars", "pyspark")
"""The engines the batch layer is tested on."""

E = TypeVar("E", bound=ir.Expr)
T = TypeVar("T")

_UNBOUND: Final[dict[str, ir.Table]] = {
    name: ibis.table(IBIS_SCHEMAS[name], name=name) for name in TABLE_NAMES
}


def unbound(name: str) -> ir.Table:
    """The unbound Ibis table ``name`` that batch expressions are written against."""
    return _UNBOUND[name]


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Silence the one warning Ibis 12 triggers inside DuckDB 2 on every
    query (``fetch_arrow_table() is deprecated``, a ``DeprecationWarning``
    about Ibis's own call, which a caller cannot act on); every other warning
    passes."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message=r"fetch_arrow_table\(\) is deprecated", category=DeprecationWarning
        )
        yield


class Connection:
    """One engine holding one set of batch tables.

    Build it with :func:`connect`. ``backend`` names the engine; ``ibis`` is
    the Ibis backend, for expressions of your own; ``session`` is the Spark
    session on PySpark, else ``None``.
    """

    def __init__(self, backend: Backend, ibis_backend: BaseBackend, session: Any = None) -> None:
        self.backend: Backend = backend
        self.ibis: BaseBackend = ibis_backend
        self.session: Any = session
        self._tables: dict[str, ir.Table] = {}
        # Derived tables: key -> (the unbound stand-in, the engine's table).
        self._derived: dict[Hashable, tuple[ir.Table, ir.Table]] = {}
        self._remembered: dict[Hashable, object] = {}

    def __repr__(self) -> str:
        return f"Connection({self.backend!r}, tables={len(self._tables)})"

    # -- loading -------------------------------------------------------------------
    def load(self, tables: Mapping[str, pa.Table]) -> None:
        """Register PyArrow tables, natively in the engine, each checked
        against its schema and cast to it exactly; a batch table not given is
        registered empty. Unknown table names are refused."""
        unknown = sorted(set(tables) - set(TABLE_NAMES))
        if unknown:
            raise InvalidValueError("tables", unknown[0], "not a batch table")
        self.forget_derived()
        for name in TABLE_NAMES:
            table = conform(name, tables[name]) if name in tables else None
            self._tables[name] = self._register_arrow(
                name, table if table is not None else _empty(name)
            )

    def load_parquet(self, folder: str | Path, *, materialize: bool = True) -> None:
        """Have the engine read ``folder/<name>.parquet``, or every
        ``*.parquet`` in a folder ``folder/<name>/``, for every batch table.

        No Python object is built per row. Each table's schema is checked
        (:class:`~villagemodel.batch.schemas.SchemaMismatchError` names the
        table, column, expected and found type); a table with no file raises
        :class:`FileNotFoundError`. On DuckDB, ``materialize`` copies the
        files into the engine's own storage (faster queries); otherwise the
        tables are views over the files.
        """
        base = Path(folder)
        self.forget_derived()
        for name in TABLE_NAMES:
            single = base / f"{name}.parquet"
            parts = base / name
            if single.is_file():
                path = str(single)
            elif parts.is_dir():
                path = str(parts) if self.backend == "pyspark" else str(parts / "*.parquet")
            else:
                raise FileNotFoundError(f"no Parquet file for table {name!r} in {base}")
            self._register_parquet(name, path, materialize=materialize)
            check_ibis_schema(name, self._tables[name].schema())

    def _register_arrow(self, name: str, table: pa.Table) -> ir.Table:
        """Register ``table`` in the engine as ``name``; the engine's table."""
        with quiet():
            if self.backend == "pyspark":
                frame = self.session.createDataFrame(table)
                frame.createOrReplaceTempView(name)
                return self.ibis.table(name)
            if self.backend == "duckdb":
                # DuckDB scans the Arrow table in place and copies it into its
                # own storage in one statement.
                raw = self.ibis.con
                staged = f"{name}__arrow"
                raw.register(staged, table)
                raw.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM "{staged}"')
                raw.unregister(staged)
                return self.ibis.table(name)
            return self.ibis.create_table(name, table, overwrite=True)

    def _register_parquet(self, name: str, path: str, *, materialize: bool) -> None:
        with quiet():
            if self.backend == "pyspark":
                self.session.read.parquet(path).createOrReplaceTempView(name)
                self._tables[name] = self.ibis.table(name)
            elif self.backend == "duckdb" and materialize:
                files = self.ibis.read_parquet(path, table_name=f"{name}__files")
                self._tables[name] = self.ibis.create_table(name, files, overwrite=True)
            else:
                self._tables[name] = self.ibis.read_parquet(path, table_name=name)

    # -- running ---------------------------------------------------------------------
    def table(self, name: str) -> ir.Table:
        """The engine's table ``name`` (after :meth:`load` or :meth:`load_parquet`)."""
        if name not in self._tables:
            raise InvalidValueError("table", name, "not loaded: call load() or load_parquet()")
        return self._tables[name]

    def bind(self, expr: E) -> E:
        """``expr`` with each unbound batch table replaced by the engine's
        table, and each stand-in of :meth:`derived` by its result."""
        if not self._tables:
            raise InvalidValueError("connection", self.backend, "no tables loaded")
        mapping = {_UNBOUND[name].op(): table.op() for name, table in self._tables.items()}
        for stand_in, table in self._derived.values():
            mapping[stand_in.op()] = table.op()
        bound: E = expr.op().replace(mapping).to_expr()
        return bound

    def derived(self, key: Hashable, build: Callable[[], ir.Table]) -> ir.Table:
        """An unbound table standing for ``build()``'s result, computed once.

        The first call with ``key`` runs ``build()`` (an expression over the
        unbound batch tables), registers its result in the engine and returns
        a stand-in written against like any unbound table; later calls with
        an equal key return the same stand-in without running anything.
        :meth:`load`, :meth:`load_parquet` and :meth:`forget_derived` forget
        every derived table. Meant for small results that several metrics
        share (a row per village): DuckDB keeps it as a temporary table; the
        other engines bring it out once and register it back.
        """
        found = self._derived.get(key)
        if found is not None:
            return found[0]
        name = f"villagemodel_derived_{next(_DERIVED_NUMBERS)}"
        if self.backend == "duckdb":
            # Kept inside DuckDB: a temporary table made by the query itself.
            sql = self.ibis.compile(self.bind(build()))
            with quiet():
                self.ibis.con.execute(f'CREATE TEMP TABLE "{name}" AS {sql}')
                table = self.ibis.table(name)
        else:
            table = self._register_arrow(name, self.to_arrow(build()))
        stand_in = ibis.table(table.schema(), name=name)
        self._derived[key] = (stand_in, table)
        return stand_in

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, run once per key: a small result read from the
        loaded tables (a row of sums, say) that several metrics share.
        Forgotten with the derived tables."""
        if key not in self._remembered:
            self._remembered[key] = compute()
        found: T = self._remembered[key]  # type: ignore[assignment]
        return found

    def forget_derived(self) -> None:
        """Drop every table :meth:`derived` registered and every result
        :meth:`remember` kept (they are recomputed when asked for)."""
        for stand_in, _ in self._derived.values():
            name = stand_in.get_name()
            with quiet():
                if self.backend == "pyspark":
                    self.session.catalog.dropTempView(name)
                else:
                    self.ibis.drop_table(name, force=True)
        self._derived.clear()
        self._remembered.clear()

    def to_arrow(self, expr: ir.Expr) -> pa.Table:
        """Run ``expr`` (bound here first) and return the result as a PyArrow table."""
        bound = self.bind(expr)
        with quiet():
            if self.backend == "pyspark":
                # Straight from Spark to Arrow: Ibis would pass through pandas,
                # which widens types and which PySpark does not support at 3.x.
                frame = self.session.sql(str(self.ibis.compile(bound)))
                table: pa.Table = frame.toArrow()
                return table
            result = self.ibis.to_pyarrow(bound)
        if isinstance(result, pa.Table):
            return result
        return pa.table(
            {"value": pa.array([result]) if not isinstance(result, pa.Array) else result}
        )

    def rows(self, expr: ir.Table) -> list[dict[str, Any]]:
        """Run a table expression and return its rows as dicts (for small results)."""
        rows: list[dict[str, Any]] = self.to_arrow(expr).to_pylist()
        return rows


_DERIVED_NUMBERS: Final = itertools.count(1)
"""Numbers for derived tables' names, unique in the process."""


def _empty(name: str) -> pa.Table:
    return ARROW_SCHEMAS[name].empty_table()


def connect(
    backend: Backend = "duckdb",
    *,
    threads: int | None = None,
    session: Any = None,
    database: str = ":memory:",
) -> Connection:
    """A new connection to an engine.

    ``backend`` is ``"duckdb"`` (default, in memory unless ``database`` names
    a file), ``"polars"`` or ``"pyspark"``. ``threads`` limits DuckDB's
    threads. On PySpark pass the ``session`` (a ``SparkSession``) to use;
    without one a local session is started (``local[2]``).

    A connection registers its tables under their own names (``villages``,
    ``households`` …) and remembers what it derived from them. Give each
    connection its own place for them: on Spark its own session (temporary
    views belong to a session; ``spark.newSession()`` shares the cluster but
    not the views), on DuckDB its own database (in memory, or its own file).
    Two connections loading tables into one place would read each other's.
    """
    if backend == "duckdb":
        con: BaseBackend = ibis.duckdb.connect(database)
        if threads is not None:
            con.raw_sql(f"SET threads TO {int(threads)}")
        return Connection("duckdb", con)
    if backend == "polars":
        return Connection("polars", ibis.polars.connect())
    if backend == "pyspark":
        if session is None:
            from pyspark.sql import SparkSession  # noqa: PLC0415

            session = SparkSession.builder.master("local[2]").getOrCreate()
        return Connection("pyspark", ibis.pyspark.connect(session), session)
    raise InvalidValueError("backend", backend, f"one of {', '.join(BACKENDS)}")
