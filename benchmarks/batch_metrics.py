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
formerly poor household, monitoring spells for about 5% of households (some
monitored twice), a guarantee survey of every household before the day the
figures are for and a second one for about 30% (before or after that day;
some listing uninsured members) and allocations of a few funds to villages. The nation is written
to Parquet in chunks (``--out``) and read back by DuckDB; run it by hand only.

Then it times, in one run, the full metric set: every village's figures
(collective income for 2022; its households; monitored households whose
risk was eliminated and their people, people insured, not insured and
unknown, households by the housing grade of their latest survey, all as of
18 April 2023) and the aggregates over all villages (collective income total
and per village, shell-village counts, eliminated households and people,
insured share, safe-housing share, funds allocated since 2021):

(a) the batch layer on DuckDB (:mod:`villagemodel.batch`): ``village_table``
    and one ``evaluate`` per aggregate, as an analyst would call them; its
    derived tables are forgotten before each run, so every run computes
    everything;
(b) hand-written DuckDB SQL for the same figures, on the same connection:
    each village's figures once, into a temporary table, and the aggregates
    from it (the same plan as the batch layer's, written by hand);
(c) idiomatic pandas, money in integer fen (the conversion from Arrow is not
    timed);
(d) the object model, for the county only, once (building the dataset is not
    timed).

Each of (a), (b), (c) runs ``--repeat`` times (3 by default) and the median
is compared. Every village's figures stay in each approach's own form while
timed (an Arrow table, a DataFrame, Python objects) and are turned into
Python values afterwards to be compared. It checks that all give equal
results, prints the times, the ratios and the peak memory: the maximum
resident set size of the whole process (``resource.getrusage``), which
includes DuckDB's, Arrow's and pandas's memory.

Run: ``python benchmarks/batch_metrics.py --size county`` (or ``province``).
The nation: ``python benchmarks/batch_metrics.py --size nation --out DIR
--repeat 1`` (about 2 GB of Parquet under DIR; ``--reuse`` reads files
written before; pandas is not run at that size).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import resource
import statistics
import sys
import time
from collections import Counter
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
    VILLAGE_COLUMNS,
    Connection,
    connect,
    evaluate,
    income_classes,
    tables_to_dataset,
    village_table,
)
from villagemodel.batch.engine import quiet
from villagemodel.explain import display
from villagemodel.households import HousingGrade
from villagemodel.metrics import ExactPercentage, MoneyAverage, Subject, compute
from villagemodel.money import Money
from villagemodel.parameters import ParameterSet
from villagemodel.periods import Period
from villagemodel.quantities import HouseholdCount, PersonCount
from villagemodel.rules.collective_economy import IncomeClass, Outcome, classify_villages
from villagemodel.rules.guarantees import latest_survey, medical_insurance_share

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


def _spells(rng: np.random.Generator, h: np.ndarray[Any, Any]) -> pa.Table:
    """Monitoring spells for about 5% of households; a fifth of those whose
    risk was eliminated are monitored again later (a second spell)."""
    watched = h[rng.random(len(h)) < 0.05]
    w = len(watched)
    identified = _day_numbers(rng, w, "2021-01-01", "2022-12-31")
    closed = rng.random(w) < 0.6
    ends = identified + rng.integers(30, 600, w).astype("timedelta64[D]")
    again = closed & (rng.random(w) < 0.2)
    later = ends[again] + rng.integers(1, 200, int(again.sum())).astype("timedelta64[D]")
    later_closed = rng.random(len(later)) < 0.5
    later_ends = later + rng.integers(30, 300, len(later)).astype("timedelta64[D]")
    return _table(
        "monitoring",
        {
            "id": pa.concat_arrays([_ids("m", watched), _ids("n", watched[again])]),
            "household_id": pa.concat_arrays([_ids("h", watched), _ids("h", watched[again])]),
            "category": pa.array(["sudden_hardship"] * (w + len(later))),
            "identified_on": pa.array(np.concatenate([identified, later]), pa.date32()),
            "risk_eliminated_on": pa.array(
                np.concatenate(
                    [
                        np.where(closed, ends, np.datetime64("NaT")),
                        np.where(later_closed, later_ends, np.datetime64("NaT")),
                    ]
                ),
                pa.date32(),
            ),
        },
    )


def _surveys(rng: np.random.Generator, h: np.ndarray[Any, Any]) -> tuple[pa.Table, pa.Table]:
    """A guarantee survey of every household on or before the day the figures
    are for (so that the shares are known), and for about 30% a second one,
    before or after that day (after it, half did not look at insurance);
    about 3% of the surveys that looked at insurance list a member as
    uninsured."""
    n = len(h)
    second = h[rng.random(n) < 0.3]
    households = np.concatenate([h, second])
    ids = pa.concat_arrays([_ids("s", h), _ids("t", second)])
    days = np.concatenate(
        [
            _day_numbers(rng, n, "2021-01-01", AS_OF.isoformat()),
            _day_numbers(rng, len(second), "2021-01-01", "2023-12-31"),
        ]
    )
    after = days > np.datetime64(AS_OF.isoformat(), "D")
    checked = ~after | (rng.random(len(days)) < 0.5)
    surveys = _table(
        "surveys",
        {
            "id": ids,
            "household_id": _ids("h", households),
            "surveyed_on": pa.array(days, pa.date32()),
            "education_checked": pa.array(np.ones(len(days), bool)),
            "insurance_checked": pa.array(checked),
            "housing_grade": pa.array(
                rng.choice(np.array(["A", "B", "C", "D"]), len(days), p=[0.6, 0.36, 0.03, 0.01])
            ),
            "water_recorded": pa.array(np.zeros(len(days), bool)),
        },
    )
    listing = checked & (rng.random(len(days)) < 0.03)
    uninsured = _table(
        "survey_uninsured",
        {
            "survey_id": ids.filter(pa.array(listing)),
            "position": pa.array(np.zeros(int(listing.sum()), np.int32)),
            "member_id": pc.binary_join_element_wise(
                _ids("h", households[listing]), pa.scalar("-m1"), ""
            ),
        },
    )
    return surveys, uninsured


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
        chunk["monitoring"] = _spells(rng, h)
        chunk["surveys"], chunk["survey_uninsured"] = _surveys(rng, h)
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


SHELL_RULE: Final[dict[str, Any]] = {
    "classes": (IncomeClass.SHELL,),
    "jurisdiction": "CN",
    "allow_examples": True,
}
"""The collective-economy classes asked for: shell villages, by the example threshold."""


def by_batch(con: Connection) -> Figures:
    """Every village's figures (an Arrow table) and the aggregates, by the batch layer."""
    everyone = Subject.all()
    year = Period.calendar_year(YEAR)
    shell = income_classes(con, YEAR, params=params(), **SHELL_RULE)
    return {
        "villages": village_table(con, YEAR, AS_OF),
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
_GRADES = ("A", "B", "C", "D")
SQL_PER_VILLAGE = f"""
CREATE OR REPLACE TEMP TABLE per_village AS
WITH sizes AS (SELECT household_id, count(*) AS size FROM members GROUP BY household_id),
spells AS (
  SELECT household_id,
    bool_or(risk_eliminated_on <= {_ON}) AS eliminated,
    bool_or(identified_on <= {_ON} AND (risk_eliminated_on IS NULL OR {_ON} < risk_eliminated_on))
      AS still_open
  FROM monitoring GROUP BY household_id),
latest AS (
  SELECT household_id, id, insurance_checked, housing_grade FROM surveys
  WHERE surveyed_on <= {_ON}
  QUALIFY row_number() OVER (PARTITION BY household_id ORDER BY surveyed_on DESC, id DESC) = 1),
listed AS (
  SELECT u.survey_id, m.household_id, count(*) AS n
  FROM (SELECT DISTINCT survey_id, member_id FROM survey_uninsured) u
  JOIN members m ON m.id = u.member_id
  GROUP BY ALL),
per_household AS (
  SELECT h.village_id, coalesce(s.size, 0) AS size,
    coalesce(sp.eliminated AND NOT sp.still_open, false) AS done,
    coalesce(l.insurance_checked, false) AS checked, coalesce(li.n, 0) AS listed, l.housing_grade
  FROM households h
  LEFT JOIN sizes s ON s.household_id = h.id
  LEFT JOIN spells sp ON sp.household_id = h.id
  LEFT JOIN latest l ON l.household_id = h.id
  LEFT JOIN listed li ON li.survey_id = l.id AND li.household_id = h.id)
SELECT v.id AS village_id, ci.amount AS collective_income,
  count(p.village_id) AS households,
  count(*) FILTER (p.done) AS eliminated_households,
  coalesce(sum(p.size) FILTER (p.done), 0) AS eliminated_people,
  coalesce(sum(p.size - p.listed) FILTER (p.checked), 0) AS insured,
  coalesce(sum(p.listed) FILTER (p.checked), 0) AS not_insured,
  coalesce(sum(p.size) FILTER (NOT p.checked), 0) AS insurance_unknown,
  {", ".join(f"count(*) FILTER (p.housing_grade = '{g}') AS housing_{g}" for g in _GRADES)},
  count(*) FILTER (p.village_id IS NOT NULL AND p.housing_grade IS NULL) AS housing_unknown
FROM villages v
LEFT JOIN collective_incomes ci ON ci.village_id = v.id AND ci.year = {YEAR}
LEFT JOIN per_household p ON p.village_id = v.id
GROUP BY v.id, ci.amount
"""
SQL_TOTALS = f"""
SELECT sum(CAST(collective_income AS DECIMAL(38, 2))), count(*), count(*) - count(collective_income),
  count(*) FILTER (collective_income < {SHELL}), count(*) FILTER (collective_income >= {SHELL}),
  sum(eliminated_households), sum(eliminated_people),
  sum(insured), sum(not_insured), sum(insurance_unknown),
  sum(housing_A + housing_B), sum(housing_C + housing_D), sum(housing_unknown)
FROM per_village
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
    """The same figures by hand-written DuckDB SQL: each village's figures once,
    in a temporary table, and the aggregates from it."""
    raw = con.ibis.con
    raw.execute(SQL_PER_VILLAGE)
    villages = raw.sql("SELECT * FROM per_village ORDER BY village_id").to_arrow_table()
    row = raw.execute(SQL_TOTALS).fetchone()
    assert row is not None
    total, n, missing, shell, not_shell = row[:5]
    eliminated, people, met, not_met, unknown, safe, unsafe, ungraded = (
        int(x or 0) for x in row[5:]
    )
    funds = raw.execute(SQL_FUNDS).fetchone()
    assert funds is not None
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
        "eliminated": HouseholdCount(eliminated),
        "eliminated_people": PersonCount(people),
        "insured": _share(met, not_met, unknown),
        "safe_housing": _share(safe, unsafe, ungraded),
        "funds": Money(funds[0] or 0),
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
    """The same figures in idiomatic pandas: a DataFrame of every village's
    figures (income in fen) and the aggregates."""
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
    done_ids = spells.index[spells["elim"] & ~spells["still"]]

    s = frames["surveys"]
    s = s[pd.to_datetime(s["surveyed_on"]) <= on]
    latest = s.sort_values(["household_id", "surveyed_on", "id"]).drop_duplicates(
        "household_id", keep="last"
    )
    listed = frames["survey_uninsured"][["survey_id", "member_id"]].drop_duplicates()
    listed = (
        listed.merge(members[["id", "household_id"]], left_on="member_id", right_on="id")
        .groupby(["survey_id", "household_id"])
        .size()
        .rename("listed")
        .reset_index()
    )

    hh = households[["id", "village_id"]].rename(columns={"id": "household_id"})
    hh = hh.join(members.groupby("household_id").size().rename("size"), on="household_id")
    hh = hh.merge(
        latest[["household_id", "id", "insurance_checked", "housing_grade"]].rename(
            columns={"id": "survey_id"}
        ),
        on="household_id",
        how="left",
    )
    hh = hh.merge(listed, on=["survey_id", "household_id"], how="left")
    size = hh["size"].fillna(0).astype("int64")
    n_listed = hh["listed"].fillna(0).astype("int64")
    checked = hh["insurance_checked"].fillna(False).astype(bool)
    done = hh["household_id"].isin(done_ids)
    figures = pd.DataFrame(
        {
            "village_id": hh["village_id"],
            "households": 1,
            "eliminated_households": done.astype("int64"),
            "eliminated_people": size.where(done, 0),
            "insured": (size - n_listed).where(checked, 0),
            "not_insured": n_listed.where(checked, 0),
            "insurance_unknown": size.where(~checked, 0),
            **{f"housing_{g}": (hh["housing_grade"] == g).astype("int64") for g in _GRADES},
            "housing_unknown": hh["housing_grade"].isna().astype("int64"),
        }
    )
    by_village = figures.groupby("village_id").sum()
    table = per_village.set_index("id")[["amount"]].join(by_village).sort_index()
    counts = table.columns[1:]
    table[counts] = table[counts].fillna(0).astype("int64")

    known = per_village["amount"].dropna()
    missing = int(per_village["amount"].isna().sum())
    total = Money.from_fen(int(known.sum()))
    shell_fen = int(SHELL * 100)
    shells = {
        Outcome.SHELL: int((known < shell_fen).sum()),
        Outcome.NOT_SHELL: int((known >= shell_fen).sum()),
        Outcome.UNKNOWN: missing,
    }
    sums = table[counts].sum()

    a = frames["allocations"]
    f = frames["funds"]
    days = pd.to_datetime(a["allocated_on"])
    a = a[(days >= pd.Timestamp(2021, 1, 1)) & (days <= on)]
    a = a[a["fund_id"].isin(f.loc[f["source"].isin(["assistance", "donation"]), "id"])]
    a = a[a["village_id"].isin(villages["id"])]
    return {
        "villages": table,
        "total": None if missing else total,
        "per_village": None
        if missing or not len(per_village)
        else MoneyAverage(total, len(per_village)),
        "shell": {k: v for k, v in shells.items() if v},
        "eliminated": HouseholdCount(int(sums["eliminated_households"])),
        "eliminated_people": PersonCount(int(sums["eliminated_people"])),
        "insured": _share(
            int(sums["insured"]), int(sums["not_insured"]), int(sums["insurance_unknown"])
        ),
        "safe_housing": _share(
            int(sums["housing_A"] + sums["housing_B"]),
            int(sums["housing_C"] + sums["housing_D"]),
            int(sums["housing_unknown"]),
        ),
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
            tally = medical_insurance_share(dataset, village.id, AS_OF).people
            assert isinstance(people, PersonCount)
            assert isinstance(households, HouseholdCount)
            inside = dataset.households_in(village.id)
            surveys = [latest_survey(dataset, h.id, AS_OF) for h in inside]
            grades = Counter(None if s is None else s.housing_grade for s in surveys)
            rows.append(
                (
                    village.id,
                    dataset.collective_income(village.id, YEAR),
                    len(inside),
                    households.value,
                    people.value,
                    tally.met.value,
                    tally.not_met.value,
                    tally.unknown.value,
                    *(grades[g] for g in HousingGrade),
                    grades[None],
                )
            )
        classes = classify_villages(dataset, YEAR, params=params(), **SHELL_RULE)
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


# -- comparing --------------------------------------------------------------------------

Row = tuple[Any, ...]


def village_rows(villages: Any) -> list[Row]:
    """Every village's figures as Python tuples in the order of ``VILLAGE_COLUMNS``
    (income as Money or None), from any of the four results (not timed)."""
    if isinstance(villages, list):
        return villages
    if isinstance(villages, pd.DataFrame):
        return [
            (vid, None if pd.isna(row[0]) else Money.from_fen(int(row[0])), *map(int, row[1:]))
            for vid, row in zip(villages.index, villages.itertuples(index=False), strict=True)
        ]
    table: pa.Table = villages.select(list(VILLAGE_COLUMNS))
    columns = [table[name].to_pylist() for name in VILLAGE_COLUMNS]
    return [
        (row[0], None if row[1] is None else Money(row[1]), *map(int, row[2:]))
        for row in zip(*columns, strict=True)
    ]


def differences(expected: Figures, found: Figures) -> list[str]:
    """The keys whose values differ (the villages compared row by row)."""
    different = [key for key in expected if key != "villages" and expected[key] != found[key]]
    if village_rows(expected["villages"]) != village_rows(found["villages"]):
        different.append("villages")
    return different


# -- the run ------------------------------------------------------------------------------


def timed(action: Callable[[], T], repeat: int) -> tuple[T, float, list[float]]:
    """Run ``action`` ``repeat`` times; its last result, the median time and every time."""
    times = []
    result: T
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return result, statistics.median(times), times


def peak_mib() -> float:
    """The process's maximum resident set size so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _times(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", choices=tuple(SIZES), default="county")
    parser.add_argument("--out", type=Path, help="write Parquet here and read it back")
    parser.add_argument(
        "--reuse", action="store_true", help="with --out: read the Parquet written before"
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--repeat", type=int, default=3, help="times each approach runs (the median is compared)"
    )
    parser.add_argument("--memory-limit", help="DuckDB's memory_limit, e.g. 8GB")
    args = parser.parse_args(argv)
    if args.size == "nation" and args.out is None:
        parser.error("the nation size is written to Parquet: give --out DIR")
    return args


def _load(con: Connection, args: argparse.Namespace) -> dict[str, pa.Table] | None:
    """Generate the data and load it into DuckDB; the Arrow tables, unless
    they went through Parquet files."""
    size: str = args.size
    if args.out is not None:
        if not args.reuse:
            _, seconds, _ = timed(lambda: write_chunks(size, args.out), 1)
            print(f"generate and write Parquet: {seconds:.1f} s")
        _, seconds, _ = timed(lambda: con.load_parquet(args.out), 1)
        print(f"DuckDB reads the Parquet into its tables: {seconds:.1f} s")
        return None
    tables, seconds, _ = timed(lambda: generate(size), 1)
    arrow_mib = sum(t.nbytes for t in tables.values()) / 2**20
    print(f"generate in memory: {seconds:.1f} s ({arrow_mib:,.0f} MiB of Arrow)")
    _, seconds, _ = timed(lambda: con.load(tables), 1)
    print(f"load into DuckDB: {seconds:.1f} s")
    return tables


def _agree(batch: Figures, results: dict[str, Figures], villages: int) -> bool:
    agree = True
    for name, found in results.items():
        for key in differences(batch, found):
            agree = False
            print(f"DIFFERENT: {name} {key}")
    print(
        f"all agree exactly ({villages:,} villages' figures and the aggregates)"
        if agree
        else "RESULTS DIFFER"
    )
    return agree


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    size: str = args.size
    repeat: int = args.repeat
    villages, households = SIZES[size]
    print(
        f"size {size}: {villages:,} villages, {households:,} households, "
        f"{households * MEMBERS:,} members; each approach run {repeat} times, median compared"
    )
    con = connect(threads=args.threads)
    if args.memory_limit:
        con.ibis.raw_sql(f"SET memory_limit = '{args.memory_limit}'")
    tables = _load(con, args)
    print(f"peak memory so far: {peak_mib():,.0f} MiB")

    def batch_run() -> Figures:
        con.forget_derived()  # every run computes everything
        return by_batch(con)

    batch, t_batch, all_batch = timed(batch_run, repeat)
    print(f"(a) batch layer on DuckDB: {t_batch:.2f} s ({_times(all_batch)})")
    with quiet():
        sql, t_sql, all_sql = timed(lambda: by_sql(con), repeat)
    print(f"(b) hand-written DuckDB SQL: {t_sql:.2f} s ({_times(all_sql)})")
    results = {"hand SQL": sql}
    times = {"hand SQL": t_sql}
    if tables is not None:
        frames, seconds, _ = timed(lambda: to_pandas(tables), 1)
        print(f"    (Arrow to pandas, not timed below: {seconds:.1f} s)")
        results["pandas"], times["pandas"], all_pandas = timed(lambda: by_pandas(frames), repeat)
        print(f"(c) pandas: {times['pandas']:.2f} s ({_times(all_pandas)})")
        del frames
        if size == "county":
            run = by_objects(tables)
            results["object model"], times["object model"], _ = timed(run, 1)
            print(f"(d) object model (run once): {times['object model']:.2f} s")
    agree = _agree(batch, results, villages)
    shown = ("eliminated", "eliminated_people", "insured", "safe_housing", "funds")
    print("aggregates: " + "; ".join(f"{key} {display(batch[key], 'en')}" for key in shown))
    for name, seconds in times.items():
        print(
            f"ratio batch / {name}: {t_batch / seconds:.2f} "
            f"(batch is {seconds / t_batch:.1f}x as fast)"
        )
    print(f"peak memory of the process (max RSS, includes DuckDB): {peak_mib():,.0f} MiB")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
