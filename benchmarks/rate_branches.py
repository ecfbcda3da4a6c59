"""How long rating many Party branches together takes, and how it grows.

Rates n branches with seeded random scores under each shipped example rubric
that takes a single score file shape (basic and evaluation items), at n and
2n, and prints the time and the 2n/n ratio (n log n gives a little over 2).
The time includes building every branch's explanation.

Run: ``python benchmarks/rate_branches.py`` (``--branches 2000`` for a quick look).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from decimal import Decimal

from villagemodel.ids import BranchId
from villagemodel.rules.star_rating import BranchScores, load_rubric, rate

SEED = 20230418


def scores(n: int, items: tuple[str, ...]) -> list[BranchScores]:
    rng = random.Random(SEED)
    return [
        BranchScores(
            branch_id=BranchId(f"b{i}"),
            points={item: Decimal(rng.randrange(5000, 10001)).scaleb(-2) for item in items},
        )
        for i in range(n)
    ]


def timed_rating(rubric_name: str, n: int) -> float:
    rubric = load_rubric(rubric_name)
    items = tuple(item.id for section in rubric.sections for item in section.items)
    branches = scores(n, items)
    start = time.perf_counter()
    result = rate(rubric, branches, 2022)
    elapsed = time.perf_counter() - start
    assert len(result.ratings) == n
    return elapsed


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--branches", type=int, default=10_000)
    args = parser.parse_args(argv)
    n = args.branches
    print(f"python {sys.version.split()[0]}; seed {SEED}; {n} and {2 * n} branches")
    for name in ("city-2023-notice", "tianjin-xiqing-2016", "template-scheme-5-4-3"):
        one = timed_rating(name, n)
        two = timed_rating(name, 2 * n)
        print(f"  {name:<24} {one:6.2f} s  {two:6.2f} s  ratio {two / one:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
