"""The batch layer against hand-written SQL, pandas and the object model.

Generates, from a fixed seed and column by column with NumPy and PyArrow (no
Python object per row), a county, a province or the nation:

========  ========  ===========  ===========
size      villages  households   members
========  ========  ===========  ===========
county    200       100,000      400,000
province  15,000    2,000,000    8,000,000
nation    500,000   30,000,000   120,000,000
========  ========  ===========  ===========

with a year of collective income per village, two years of income per
formerly poor household, monitoring spells for about 5% of households, a
guarantee survey for about 90% of households (some listing uninsured
members) and allocations of a few funds to villages. The nation is written
to Parquet in chunks (``--out``) and read back by DuckDB; run it by hand only.

Then it times, each in one run, the full metric set: every village's figures
(collective income for 2022, monitored households whose risk was eliminated
and their people, people insured, not insured and unknown, as of 18 April
2023) and the aggregates over all villages (collective income total and per
village, shell-village counts, eliminated households and people, insured
share, safe-housing share, funds allocated since 2021):

(a) the batch layer on DuckDB (:mod:`villagemodel.batch`);
(b) hand-written DuckDB SQL for the same figures, on the same connection;
(c) idiomatic pandas, money in integer fen (the conversion from Arrow is not timed);
(d) the object model, for the county only (building the dataset is not timed).

It checks that all give equal results, prints the times, the ratios and the
peak memory: the maximum resident set size of the whole process
(``resource.getrusage``), which includes DuckDB's, Arrow's and pandas's memory.

Run: ``python benchmarks/batch_metrics.py --size county`` (or ``province``;
``nation`` needs ``--out DIR`` and a large disk).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import resource
import sys
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Final, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from villagemodel.batch import (
    ARROW_SCHEMAS,
    TABLE_NAMES,
    Connection,
    connect,
    evaluate,
    income_classes,
    tables_to_dataset,
    village_figures,
)
from villagemodel.batch.engine import quiet
from villagemodel.metrics import ExactPercentage, MoneyAverage, Subject, compute
from villagemodel.money import Money
from villagemodel.parameters import ParameterSet
from villagemodel.periods import Period
from villagemodel.quantities import HouseholdCount, PersonCount
from villagemodel.rules.collective_economy import IncomeClass, Outcome, classify_villages

T = TypeVar("T")

SEED: Final = 20230418
SIZES: Final = {
    "county": (200, 100_000),
    "province": (15_000, 2_000_000),
    "nation": (500_000, 30_000_000),
}
MEMBERS: Final = 4
VILLAGES_PER_TOWNSHIP: Final = 20
TOWNSHIPS_PER_COUNTY: Final = 10
CHUNK: Final = 1_000_000
AS_OF: Final = datetime.date(2023, 4, 18)
UP_TO: Final = Period.up_to(AS_OF)
YEAR: Final = 2022
SINCE_2021: Final = Period.since(2021, as_of=AS_OF)
SHELL: Final = Decimal("50000.00")  # the example shell-village threshold

Figures = dict[str, Any]


# -- generating ----------------------------------------------------------------------


def _ids(prefix: str, numbers: pa.Array | np.ndarray[Any, Any]) -> pa.Array:
    text = pc.cast(pa.array(numbers), pa.string())
    return pc.binary_join_element_wise(pa.scalar(prefix), text, "")


def _fen(rng: np.random.Generator, n: int, low: int, high: int) -> pa.Array:
    """Random whole-fen amounts as exact decimal(18, 2), built from integer fen."""
    fen = rng.integers(low, high, n, dtype=np.int64)
    yuan = pc.cast(pa.array(fen // 100), pa.string())
    cents = pc.utf8_lpad(pc.cast(pa.array(fen % 100), pa.string()), width=2, padding="0")
    text = pc.binary_join_element_wise(yuan, cents, ".")
    return pc.cast(text, pa.decimal128(18, 2))


def _day_numbers(rng: np.random.Generator, n: int, first: str, last: str) -> np.ndarray[Any, Any]:
    start = np.datetime64(first, "D")
    span = int((np.datetime64(last, "D") - start).astype(int)) + 1
    days: np.ndarray[Any, Any] = start + rng.integers(0, span, n).astype("timedelta64[D]")
    return days


def _days(rng: np.random.Generator, n: int, first: str, last: str) -> pa.Array:
    return pa.array(_day_numbers(rng, n, first, last), pa.date32())


def _table(name: str, columns: dict[str, Any]) -> pa.Table:
    """A batch table from the given columns; the others are null."""
    schema = ARROW_SCHEMAS[name]
    n = len(next(iter(columns.values())))
    arrays = [
        pa.array(columns[f.name], f.type) if f.name in columns else pa.nulls(n, f.type)
        for f in schema
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


def small_tables(villages: int, seed: int) -> dict[str, pa.Table]:
    """Places, collective incomes, funds and allocations (a row or so per village)."""
    rng = np.random.default_rng(seed)
    townships = -(-villages // VILLAGES_PER_TOWNSHIP)
    counties = -(-townships // TOWNSHIPS_PER_COUNTY)
    v = np.arange(villages)
    t = np.arange(townships)
    c = np.arange(counties)
    county_of_township = _ids("k", t // TOWNSHIPS_PER_COUNTY)
    tables = {
        "regions": _table("regions", {"id": ["r"], "name": ["区"], "kind": ["province"]}),
        "cities": _table("cities", {"id": ["c"], "name": ["市"], "region_id": ["r"]}),
        "counties": _table(
            "counties",
            {"id": _ids("k", c), "name": _ids("县", c), "city_id": pa.array(["c"] * counties)},
        ),
        "townships": _table(
            "townships",
            {
                "id": _ids("t", t),
                "name": _ids("乡", t),
                "county_id": county_of_township,
                "kind": pa.array(["town"] * townships),
            },
        ),
        "villages": _table(
            "villages",
            {
                "id": _ids("v", v),
                "name": _ids("村", v),
                "township_id": _ids("t", v // VILLAGES_PER_TOWNSHIP),
                "county_id": _ids("k", v // VILLAGES_PER_TOWNSHIP // TOWNSHIPS_PER_COUNTY),
            },
        ),
        "collective_incomes": _table(
            "collective_incomes",
            {
                "village_id": _ids("v", v),
                "year": pa.array(np.full(villages, YEAR, np.int32)),
                "amount": _fen(rng, villages, 0, 30_000_000),
            },
        ),
    }
    funds = 10
    tables["funds"] = _table(
        "funds",
        {
            "id": _ids("f", np.arange(funds)),
            "name": _ids("资金", np.arange(funds)),
            "source": pa.array(["assistance", "donation"] * (funds // 2)),
            "amount": pa.array([Decimal("1E12")] * funds, pa.decimal128(18, 2)),
            "received_on": pa.array([datetime.date(2021, 1, 1)] * funds, pa.date32()),
        },
    )
    n = villages * 2
    tables["allocations"] = _table(
        "allocations",
        {
            "id": _ids("a", np.arange(n)),
            "fund_id": _ids("f", rng.integers(0, funds, n)),
            "amount": _fen(rng, n, 100_00, 1_000_000_00),
            "purpose": pa.array(["industry"] * n),
            "allocated_on": _days(rng, n, "2021-01-01", "2023-12-31"),
            "village_id": _ids("v", rng.integers(0, villages, n)),
        },
    )
    return tables


def household_chunks(villages: int, households: int, seed: int) -> Iterator[dict[str, pa.Table]]:
    """The household tables, a million households at a time."""
    for first in range(0, households, CHUNK):
        rng = np.random.default_rng([seed, first])
        n = min(CHUNK, households - first)
        h = np.arange(first, first + n)
        hid = _ids("h", h)
        poor = rng.random(n) < 0.3
        chunk = {
            "households": _table(
                "households",
                {
                    "id": hid,
                    "village_id": _ids("v", h % villages),
                    "history": pa.array(np.where(poor, "formerly_poor", "never_registered")),
                },
            )
        }
        m = np.repeat(h, MEMBERS)
        k = np.tile(np.arange(MEMBERS), n)
        member_ids = pc.binary_join_element_wise(_ids("h", m), _ids("-m", k), "")
        chunk["members"] = _table(
            "members",
            {
                "id": member_ids,
                "household_id": _ids("h", m),
                "relation": pa.array(np.where(k == 0, "head", "child")),
            },
        )
        poor_h = h[poor]
        years = np.repeat(np.array([2021, 2022], np.int32), len(poor_h))
        chunk["incomes"] = _table(
            "incomes",
            {
                "household_id": _ids("h", np.tile(poor_h, 2)),
                "year": pa.array(years),
                "per_capita": _fen(rng, len(years), 300_000, 3_000_000),
            },
        )
        watched = h[rng.random(n) < 0.05]
        w = len(watched)
        identified = _day_numbers(rng, w, "2021-01-01", "2022-12-31")
        closed = rng.random(w) < 0.6
        ends = identified + rng.integers(30, 600, w).astype("timedelta64[D]")
        eliminated = pa.array(np.where(closed, ends, np.datetime64("NaT")), pa.date32())
        chunk["monitoring"] = _table(
            "monitoring",
            {
                "id": _ids("m", watched),
                "household_id": _ids("h", watched),
                "category": pa.array(["sudden_hardship"] * w),
                "identified_on": pa.array(identified, pa.date32()),
                "risk_eliminated_on": eliminated,
            },
        )
        surveyed = h[rng.random(n) < 0.9]
        s = len(surveyed)
        insured_checked = rng.random(s) < 0.95
        chunk["surveys"] = _table(
            "surveys",
            {
                "id": _ids("s", surveyed),
                "household_id": _ids("h", surveyed),
                "surveyed_on": _days(rng, s, "2021-01-01", "2023-12-31"),
                "education_checked": pa.array(np.ones(s, bool)),
                "insurance_checked": pa.array(insured_checked),
                "housing_grade": pa.array(
                    rng.choice(np.array(["A", "B", "C"]), s, p=[0.6, 0.38, 0.02])
                ),
                "water_recorded": pa.array(np.zeros(s, bool)),
            },
        )
        listing = surveyed[insured_checked & (rng.random(s) < 0.03)]
        chunk["survey_uninsured"] = _table(
            "survey_uninsured",
            {
                "survey_id": _ids("s", listing),
                "position": pa.array(np.zeros(len(listing), np.int32)),
                "member_id": pc.binary_join_element_wise(_ids("h", listing), pa.scalar("-m1"), ""),
            },
        )
        yield chunk


def generate(size: str, seed: int = SEED) -> dict[str, pa.Table]:
    """Every batch table of the size, in memory."""
    villages, households = SIZES[size]
    tables = small_tables(villages, seed)
    parts: dict[str, list[pa.Table]] = {}
    for chunk in household_chunks(villages, households, seed):
        for name, table in chunk.items():
            parts.setdefault(name, []).append(table)
    for name, chunks in parts.items():
        tables[name] = pa.concat_tables(chunks)
    for name in TABLE_NAMES:
        tables.setdefault(name, ARROW_SCHEMAS[name].empty_table())
    return tables


def write_chunks(size: str, out: Path, seed: int = SEED) -> Path:
    """Write the size to Parquet under ``out``, household tables in parts."""
    villages, households = SIZES[size]
    out.mkdir(parents=True, exist_ok=True)
    for name, table in small_tables(villages, seed).items():
        pq.write_table(table, out / f"{name}.parquet")
    for i, chunk in enumerate(household_chunks(villages, households, seed)):
        for name, table in chunk.items():
            (out / name).mkdir(exist_ok=True)
            pq.write_table(table, out / name / f"part-{i:04d}.parquet")
    for name in TABLE_NAMES:
        if not (out / f"{name}.parquet").exists() and not (out / name).exists():
            pq.write_table(ARROW_SCHEMAS[name].empty_table(), out / f"{name}.parquet")
    return out


# -- (a) the batch layer --------------------------------------------------------------


def params() -> ParameterSet:
    return ParameterSet.default()


def by_batch(con: Connection) -> Figures:
    everyone = Subject.all()
    year = Period.calendar_year(YEAR)
    shell = income_classes(
        con,
        YEAR,
        classes=(IncomeClass.SHELL,),
        params=params(),
        jurisdiction="CN",
        allow_examples=True,
    )
    return {
        "villages": [
            (
                f["village_id"],
                f["collective_income"],
                f["eliminated_households"],
                f["eliminated_people"],
                f["insured"],
                f["not_insured"],
                f["insurance_unknown"],
            )
            for f in village_figures(con, YEAR, AS_OF)
        ],
        "total": evaluate(con, "collective_income.total", everyone, year).value,
        "per_village": evaluate(con, "collective_income.per_village", everyone, year).value,
        "shell": dict(shell.counts),
        "eliminated": evaluate(
            con, "monitoring.eliminated_households", everyone, UP_TO, {"count": "households"}
        ).value,
        "eliminated_people": evaluate(
            con, "monitoring.eliminated_households", everyone, UP_TO, {"count": "people"}
        ).value,
        "insured": evaluate(con, "guarantees.insured_share", everyone, UP_TO).value,
        "safe_housing": evaluate(con, "guarantees.safe_housing_share", everyone, UP_TO).value,
        "funds": evaluate(
            con, "funds.allocated", everyone, SINCE_2021, {"sources": "assistance,donation"}
        ).value,
    }


# -- (b) hand-written SQL ---------------------------------------------------------------

_ON = f"DATE '{AS_OF.isoformat()}'"
_HOUSEHOLD_CTES = f"""
sizes AS (SELECT household_id, count(*) AS size FROM members GROUP BY household_id),
spells AS (
  SELECT household_id,
    max(CASE WHEN risk_eliminated_on IS NOT NULL AND risk_eliminated_on <= {_ON} THEN 1 ELSE 0 END) AS elim,
    max(CASE WHEN identified_on <= {_ON} AND (risk_eliminated_on IS NULL OR {_ON} < risk_eliminated_on)
        THEN 1 ELSE 0 END) AS still
  FROM monitoring GROUP BY household_id),
done AS (
  SELECT h.village_id, count(*) AS households, sum(coalesce(sizes.size, 0)) AS people
  FROM households h JOIN spells ON spells.household_id = h.id AND elim = 1 AND still = 0
  LEFT JOIN sizes ON sizes.household_id = h.id GROUP BY h.village_id),
latest AS (
  SELECT * FROM (
    SELECT s.*, row_number() OVER (PARTITION BY household_id ORDER BY surveyed_on DESC, id DESC) AS rn
    FROM surveys s WHERE surveyed_on <= {_ON}) WHERE rn = 1),
listed AS (SELECT DISTINCT survey_id, member_id FROM survey_uninsured),
insurance AS (
  SELECT h.village_id,
    sum(CASE WHEN l.id IS NULL OR NOT l.insurance_checked THEN 0 WHEN u.member_id IS NOT NULL THEN 0 ELSE 1 END) AS met,
    sum(CASE WHEN l.id IS NULL OR NOT l.insurance_checked THEN 0 WHEN u.member_id IS NOT NULL THEN 1 ELSE 0 END) AS not_met,
    sum(CASE WHEN l.id IS NULL OR NOT l.insurance_checked THEN 1 ELSE 0 END) AS unknown
  FROM members m JOIN households h ON m.household_id = h.id
  LEFT JOIN latest l ON l.household_id = h.id
  LEFT JOIN listed u ON u.survey_id = l.id AND u.member_id = m.id
  GROUP BY h.village_id)
"""

SQL_VILLAGES = f"""
WITH {_HOUSEHOLD_CTES}
SELECT v.id, ci.amount, coalesce(done.households, 0), coalesce(done.people, 0),
  coalesce(insurance.met, 0), coalesce(insurance.not_met, 0), coalesce(insurance.unknown, 0)
FROM villages v
LEFT JOIN collective_incomes ci ON ci.village_id = v.id AND ci.year = {YEAR}
LEFT JOIN done ON done.village_id = v.id
LEFT JOIN insurance ON insurance.village_id = v.id
ORDER BY v.id
"""
SQL_INCOME = f"""
SELECT sum(CAST(ci.amount AS DECIMAL(38, 2))), count(*), count(*) - count(ci.amount),
  sum(CASE WHEN ci.amount IS NULL THEN 0 WHEN ci.amount < {SHELL} THEN 1 ELSE 0 END),
  sum(CASE WHEN ci.amount >= {SHELL} THEN 1 ELSE 0 END)
FROM villages v LEFT JOIN collective_incomes ci ON ci.village_id = v.id AND ci.year = {YEAR}
"""
SQL_ELIMINATED = f"WITH {_HOUSEHOLD_CTES} SELECT sum(households), sum(people) FROM done"
SQL_INSURED = f"WITH {_HOUSEHOLD_CTES} SELECT sum(met), sum(not_met), sum(unknown) FROM insurance"
SQL_HOUSING = f"""
WITH {_HOUSEHOLD_CTES}
SELECT sum(CASE WHEN l.housing_grade IN ('A', 'B') THEN 1 ELSE 0 END),
  sum(CASE WHEN l.housing_grade NOT IN ('A', 'B') THEN 1 ELSE 0 END),
  sum(CASE WHEN l.housing_grade IS NULL THEN 1 ELSE 0 END)
FROM households h LEFT JOIN latest l ON l.household_id = h.id
"""
SQL_FUNDS = f"""
SELECT sum(CAST(a.amount AS DECIMAL(38, 2)))
FROM allocations a JOIN funds f ON f.id = a.fund_id
LEFT JOIN projects p ON p.id = a.project_id LEFT JOIN households h ON h.id = a.household_id
WHERE a.allocated_on BETWEEN DATE '2021-01-01' AND {_ON} AND f.source IN ('assistance', 'donation')
  AND coalesce(a.village_id, p.village_id, h.village_id) IN (SELECT id FROM villages)
"""


def _share(met: int, not_met: int, unknown: int) -> ExactPercentage | None:
    total = met + not_met + unknown
    return None if unknown or not total else ExactPercentage(Fraction(met, total) * 100)


def by_sql(con: Connection) -> Figures:
    raw = con.ibis.con

    def one(sql: str) -> tuple[Any, ...]:
        row: tuple[Any, ...] = raw.execute(sql).fetchone()
        return row

    villages = [
        (vid, None if amount is None else Money(amount), int(eh), int(ep), int(a), int(b), int(c))
        for vid, amount, eh, ep, a, b, c in raw.execute(SQL_VILLAGES).fetchall()
    ]
    total, n, missing, shell, not_shell = one(SQL_INCOME)
    eliminated, people = one(SQL_ELIMINATED)
    met, not_met, unknown = one(SQL_INSURED)
    safe, unsafe, ungraded = one(SQL_HOUSING)
    (funds,) = one(SQL_FUNDS)
    money = Money(total or 0)
    shells = {
        Outcome.SHELL: int(shell or 0),
        Outcome.NOT_SHELL: int(not_shell or 0),
        Outcome.UNKNOWN: int(missing),
    }
    return {
        "villages": villages,
        "total": None if missing else money,
        "per_village": None if missing or not n else MoneyAverage(money, int(n)),
        "shell": {k: v for k, v in shells.items() if v},
        "eliminated": HouseholdCount(int(eliminated or 0)),
        "eliminated_people": PersonCount(int(people or 0)),
        "insured": _share(int(met or 0), int(not_met or 0), int(unknown or 0)),
        "safe_housing": _share(int(safe or 0), int(unsafe or 0), int(ungraded or 0)),
        "funds": Money(funds or 0),
    }


# -- (c) pandas ------------------------------------------------------------------------


def to_pandas(tables: dict[str, pa.Table]) -> dict[str, pd.DataFrame]:
    """Every table as a DataFrame, money as int64 fen (exact), days as datetime64."""
    frames: dict[str, pd.DataFrame] = {}
    for name, table in tables.items():
        columns = {}
        for field in table.schema:
            column = table[field.name]
            if pa.types.is_decimal(field.type) and field.name in ("amount", "per_capita"):
                fen = pc.multiply(
                    column.cast(pa.decimal128(20, 2)), pa.scalar(Decimal(100), pa.decimal128(3, 0))
                )
                column = fen.cast(pa.int64())
            columns[field.name] = column
        frames[name] = pa.table(columns).to_pandas()
    return frames


def by_pandas(frames: dict[str, pd.DataFrame]) -> Figures:
    on = pd.Timestamp(AS_OF)
    villages, households, members = frames["villages"], frames["households"], frames["members"]
    incomes = frames["collective_incomes"]
    incomes = incomes[incomes["year"] == YEAR][["village_id", "amount"]]
    per_village = villages[["id"]].merge(incomes, left_on="id", right_on="village_id", how="left")

    m = frames["monitoring"]
    eliminated_on = pd.to_datetime(m["risk_eliminated_on"])
    identified = pd.to_datetime(m["identified_on"])
    spells = (
        pd.DataFrame(
            {
                "household_id": m["household_id"],
                "elim": eliminated_on.notna() & (eliminated_on <= on),
                "still": (identified <= on) & (eliminated_on.isna() | (on < eliminated_on)),
            }
        )
        .groupby("household_id")
        .agg(elim=("elim", "any"), still=("still", "any"))
    )
    sizes = members.groupby("household_id").size().rename("size")
    done_ids = spells.index[spells["elim"] & ~spells["still"]]
    done = households[households["id"].isin(done_ids)].join(sizes, on="id")
    done["size"] = done["size"].fillna(0).astype("int64")
    done_by_village = done.groupby("village_id").agg(
        households=("id", "size"), people=("size", "sum")
    )

    s = frames["surveys"]
    s = s[pd.to_datetime(s["surveyed_on"]) <= on]
    latest = s.sort_values(["household_id", "surveyed_on", "id"]).drop_duplicates(
        "household_id", keep="last"
    )
    latest = latest.set_index("household_id")
    listed = frames["survey_uninsured"][["survey_id", "member_id"]].drop_duplicates()
    mm = members[["id", "household_id"]].merge(
        households[["id", "village_id"]].rename(columns={"id": "household_id"}), on="household_id"
    )
    mm = mm.join(
        latest[["id", "insurance_checked"]].rename(columns={"id": "sid"}), on="household_id"
    )
    mm = mm.merge(listed, left_on=["sid", "id"], right_on=["survey_id", "member_id"], how="left")
    unknown = mm["sid"].isna() | ~mm["insurance_checked"].fillna(False).astype(bool)
    not_met = ~unknown & mm["member_id"].notna()
    mm["met"] = (~unknown & ~not_met).astype("int64")
    mm["not_met"] = not_met.astype("int64")
    mm["unknown"] = unknown.astype("int64")
    insurance = mm.groupby("village_id")[["met", "not_met", "unknown"]].sum()

    table = per_village.set_index("id").join(done_by_village).join(insurance).sort_index()
    counts = table[["households", "people", "met", "not_met", "unknown"]].fillna(0).astype("int64")
    rows = [
        (vid, None if pd.isna(amount) else Money.from_fen(int(amount)), *map(int, c))
        for vid, amount, c in zip(
            table.index, table["amount"], counts.itertuples(index=False), strict=True
        )
    ]

    known = per_village["amount"].dropna()
    missing = int(per_village["amount"].isna().sum())
    total = Money.from_fen(int(known.sum()))
    shell_fen = int(SHELL * 100)
    shells = {
        Outcome.SHELL: int((known < shell_fen).sum()),
        Outcome.NOT_SHELL: int((known >= shell_fen).sum()),
        Outcome.UNKNOWN: missing,
    }
    graded = households[["id"]].join(latest["housing_grade"], on="id")["housing_grade"]
    safe = int(graded.isin(["A", "B"]).sum())
    ungraded = int(graded.isna().sum())

    a = frames["allocations"]
    f = frames["funds"]
    days = pd.to_datetime(a["allocated_on"])
    a = a[(days >= pd.Timestamp(2021, 1, 1)) & (days <= on)]
    a = a[a["fund_id"].isin(f.loc[f["source"].isin(["assistance", "donation"]), "id"])]
    a = a[a["village_id"].isin(villages["id"])]
    return {
        "villages": rows,
        "total": None if missing else total,
        "per_village": None
        if missing or not len(per_village)
        else MoneyAverage(total, len(per_village)),
        "shell": {k: v for k, v in shells.items() if v},
        "eliminated": HouseholdCount(len(done)),
        "eliminated_people": PersonCount(int(done["size"].sum())),
        "insured": _share(int(mm["met"].sum()), int(mm["not_met"].sum()), int(mm["unknown"].sum())),
        "safe_housing": _share(safe, len(graded) - safe - ungraded, ungraded),
        "funds": Money.from_fen(int(a["amount"].sum())),
    }


# -- (d) the object model -------------------------------------------------------------


def by_objects(tables: dict[str, pa.Table]) -> Callable[[], Figures]:
    dataset = tables_to_dataset(tables)
    year = Period.calendar_year(YEAR)
    everyone = Subject.all()

    def run() -> Figures:
        rows = []
        for village in sorted(dataset.villages, key=lambda v: v.id):
            one = Subject.villages(village.id)
            people = compute(
                dataset, "monitoring.eliminated_households", one, UP_TO, {"count": "people"}
            ).value
            households = compute(dataset, "monitoring.eliminated_households", one, UP_TO).value
            from villagemodel.rules.guarantees import medical_insurance_share  # noqa: PLC0415

            tally = medical_insurance_share(dataset, village.id, AS_OF).people
            assert isinstance(people, PersonCount)
            assert isinstance(households, HouseholdCount)
            rows.append(
                (
                    village.id,
                    dataset.collective_income(village.id, YEAR),
                    households.value,
                    people.value,
                    tally.met.value,
                    tally.not_met.value,
                    tally.unknown.value,
                )
            )
        classes = classify_villages(
            dataset,
            YEAR,
            classes=(IncomeClass.SHELL,),
            params=params(),
            jurisdiction="CN",
            allow_examples=True,
        )
        shells: dict[Outcome, int] = {}
        for c in classes:
            shells[c.outcome] = shells.get(c.outcome, 0) + 1
        return {
            "villages": rows,
            "total": compute(dataset, "collective_income.total", everyone, year).value,
            "per_village": compute(dataset, "collective_income.per_village", everyone, year).value,
            "shell": shells,
            "eliminated": compute(
                dataset, "monitoring.eliminated_households", everyone, UP_TO
            ).value,
            "eliminated_people": compute(
                dataset, "monitoring.eliminated_households", everyone, UP_TO, {"count": "people"}
            ).value,
            "insured": compute(dataset, "guarantees.insured_share", everyone, UP_TO).value,
            "safe_housing": compute(
                dataset, "guarantees.safe_housing_share", everyone, UP_TO
            ).value,
            "funds": compute(
                dataset, "funds.allocated", everyone, SINCE_2021, {"sources": "assistance,donation"}
            ).value,
        }

    return run


# -- the run ------------------------------------------------------------------------------


def timed(action: Callable[[], T]) -> tuple[T, float]:
    gc.collect()
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def peak_mib() -> float:
    """The process's maximum resident set size so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", choices=tuple(SIZES), default="county")
    parser.add_argument("--out", type=Path, help="write Parquet here and read it back")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    size: str = args.size
    villages, households = SIZES[size]
    print(
        f"size {size}: {villages:,} villages, {households:,} households, {households * MEMBERS:,} members"
    )

    con = connect(threads=args.threads)
    if args.out is not None:
        _, seconds = timed(lambda: write_chunks(size, args.out))
        print(f"generate and write Parquet: {seconds:.1f} s")
        _, seconds = timed(lambda: con.load_parquet(args.out))
        print(f"DuckDB reads the Parquet: {seconds:.1f} s")
        tables = None
    else:
        if size == "nation":
            parser.error("the nation size is written to Parquet: give --out DIR")
        tables, seconds = timed(lambda: generate(size))
        print(
            f"generate in memory: {seconds:.1f} s ({sum(t.nbytes for t in tables.values()) / 2**20:,.0f} MiB of Arrow)"
        )
        _, seconds = timed(lambda: con.load(tables))
        print(f"load into DuckDB: {seconds:.1f} s")
    print(f"peak memory so far: {peak_mib():,.0f} MiB")

    batch, t_batch = timed(lambda: by_batch(con))
    print(f"(a) batch layer on DuckDB: {t_batch:.2f} s")
    with quiet():
        sql, t_sql = timed(lambda: by_sql(con))
    print(f"(b) hand-written DuckDB SQL: {t_sql:.2f} s")
    results = {"hand SQL": sql}
    times = {"hand SQL": t_sql}
    if tables is not None:
        frames, seconds = timed(lambda: to_pandas(tables))
        print(f"    (Arrow to pandas, not timed below: {seconds:.1f} s)")
        results["pandas"], times["pandas"] = timed(lambda: by_pandas(frames))
        print(f"(c) pandas: {times['pandas']:.2f} s")
        del frames
        if size == "county":
            run = by_objects(tables)
            results["object model"], times["object model"] = timed(run)
            print(f"(d) object model: {times['object model']:.2f} s")
    agree = True
    for name, found in results.items():
        for key, value in batch.items():
            if found[key] != value:
                agree = False
                print(f"DIFFERENT: {name} {key}")
    print("all agree exactly" if agree else "RESULTS DIFFER")
    for name, seconds in times.items():
        print(
            f"ratio batch / {name}: {t_batch / seconds:.2f} (batch is {seconds / t_batch:.1f}x as fast)"
        )
    print(f"peak memory of the process (max RSS, includes DuckDB): {peak_mib():,.0f} MiB")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
