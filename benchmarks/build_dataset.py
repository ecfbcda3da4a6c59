"""How long it takes to build and validate a county-sized dataset, and how it scales.

Generates, from a fixed seed, a county of 200 villages, 100,000 households
and 400,000 members (with a year of income per household and monitoring
records for 5% of households), then times:

* ``records``: building the attrs records (every field validated) from
  plain values generated beforehand;
* ``dataset``: building the :class:`villagemodel.Dataset` from them (unique
  ids, references, cross-record rules, key indexes);
* ``from data``: the same dataset from plain data through the strict cattrs
  converter, as a file loader does.

It runs at 1x and 2x the size and prints each time and the 2x/1x ratio
(linear scaling gives about 2.0), and the peak memory of the process.

Run: ``python benchmarks/build_dataset.py`` (``--scale 0.1`` for a quick look).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import random
import resource
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from villagemodel import (
    City,
    County,
    Dataset,
    Hamlet,
    Household,
    HouseholdIncome,
    Member,
    Money,
    MonitoringRecord,
    PovertyHistory,
    Region,
    RegionKind,
    Relation,
    RiskCategory,
    Township,
    TownshipKind,
    Village,
)
from villagemodel.ids import (
    CityId,
    CountyId,
    HamletId,
    HouseholdId,
    MemberId,
    MonitoringId,
    RegionId,
    TownshipId,
    VillageId,
)
from villagemodel.serialize import dataset_from_data, dataset_to_data

T = TypeVar("T")

VILLAGES = 200
HOUSEHOLDS = 100_000
MEMBERS_PER_HOUSEHOLD = 4
HAMLETS_PER_VILLAGE = 8
TOWNSHIPS = 10
SEED = 20230418


def timed(action: Callable[[], T]) -> tuple[T, float]:
    gc.collect()
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


@attrs.frozen
class Raw:
    """Plain generated values, so that timing covers record building only."""

    villages: int
    households: list[tuple[int, bool, int, int]]  # village, formerly poor, hamlet, income fen
    monitoring: list[tuple[int, bool, bool]]  # household, formerly poor, eliminated


def generate(factor: float) -> Raw:
    """Seeded plain values for a county scaled by ``factor``."""
    rng = random.Random(SEED)
    villages_n = max(1, round(VILLAGES * factor))
    households_n = max(1, round(HOUSEHOLDS * factor))
    households = []
    monitoring = []
    for n in range(households_n):
        poor = rng.random() < 0.3
        households.append(
            (
                n % villages_n,
                poor,
                rng.randrange(HAMLETS_PER_VILLAGE),
                rng.randrange(300_000, 3_000_000),
            )
        )
        if rng.random() < 0.05:
            monitoring.append((n, poor, rng.random() < 0.5))
    return Raw(villages=villages_n, households=households, monitoring=monitoring)


def build_records(raw: Raw) -> dict[str, Any]:
    """The records of a generated county, every field validated."""
    region = Region(id=RegionId("r"), name="广西壮族自治区", kind=RegionKind.AUTONOMOUS_REGION)
    city = City(id=CityId("c"), name="百色市", region_id=region.id)
    county = County(id=CountyId("k"), name="凌云县", city_id=city.id)
    townships = [
        Township(id=TownshipId(f"t{i}"), name=f"乡{i}", county_id=county.id, kind=TownshipKind.TOWN)
        for i in range(TOWNSHIPS)
    ]
    villages = [
        Village(id=VillageId(f"v{i}"), name=f"村{i}", township_id=townships[i % TOWNSHIPS].id)
        for i in range(raw.villages)
    ]
    hamlets = [
        Hamlet(id=HamletId(f"v{i}-h{j}"), name=f"屯{i}-{j}", village_id=villages[i].id)
        for i in range(raw.villages)
        for j in range(HAMLETS_PER_VILLAGE)
    ]
    households: list[Household] = []
    members: list[Member] = []
    incomes: list[HouseholdIncome] = []
    relations = (Relation.HEAD, Relation.SPOUSE, Relation.CHILD, Relation.CHILD)
    for n, (v, poor, hamlet, fen) in enumerate(raw.households):
        household = Household(
            id=HouseholdId(f"h{n}"),
            village_id=villages[v].id,
            hamlet_id=HamletId(f"v{v}-h{hamlet}"),
            history=PovertyHistory.FORMERLY_POOR if poor else PovertyHistory.NEVER_REGISTERED,
        )
        households.append(household)
        for m in range(MEMBERS_PER_HOUSEHOLD):
            members.append(
                Member(id=MemberId(f"h{n}-m{m}"), household_id=household.id, relation=relations[m])
            )
        incomes.append(
            HouseholdIncome(household_id=household.id, year=2022, per_capita=Money.from_fen(fen))
        )
    monitoring = [
        MonitoringRecord(
            id=MonitoringId(f"m{n}"),
            household_id=HouseholdId(f"h{n}"),
            category=RiskCategory.UNSTABLE_FORMERLY_POOR if poor else RiskCategory.MARGINAL,
            identified_on=datetime.date(2022, 3, 1),
            risk_eliminated_on=datetime.date(2022, 11, 30) if eliminated else None,
        )
        for n, poor, eliminated in raw.monitoring
    ]
    return {
        "regions": [region],
        "cities": [city],
        "counties": [county],
        "townships": townships,
        "villages": villages,
        "hamlets": hamlets,
        "households": households,
        "members": members,
        "incomes": incomes,
        "monitoring": monitoring,
    }


def run(factor: float) -> dict[str, float]:
    raw = generate(factor)
    records, t_records = timed(lambda: build_records(raw))
    dataset, t_dataset = timed(lambda: Dataset(**records))
    data = dataset_to_data(dataset)
    loaded, t_data = timed(lambda: dataset_from_data(data))
    assert loaded == dataset, "loading from plain data changed the dataset"
    print(
        f"  {len(dataset.villages):>6} villages {len(dataset.households):>8} households "
        f"{len(dataset.members):>8} members: records {t_records:6.2f} s, "
        f"dataset {t_dataset:6.2f} s, from data {t_data:6.2f} s",
        flush=True,
    )
    return {"records": t_records, "dataset": t_dataset, "from data": t_data}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=1.0, help="size relative to a county")
    args = parser.parse_args(argv)
    print(f"python {sys.version.split()[0]}; seed {SEED}")
    base = run(args.scale)
    double = run(args.scale * 2)
    for key in base:
        print(f"  {key:>10}: 2x/1x = {double[key] / base[key]:.2f}")
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"  peak memory: {peak_kib / 1024:.0f} MiB")


if __name__ == "__main__":
    main(sys.argv[1:])
