"""Mutation testing of the rules and metrics: run mutmut and print the score.

Usage, from the repository root, with the test dependencies and mutmut
installed (``pip install -e '.[test]' mutmut``)::

    python tools/mutation_score.py             # run mutmut, then print the score
    python tools/mutation_score.py --no-run    # print the score of the last run
    python tools/mutation_score.py --fail-under 85

mutmut's settings are in ``pyproject.toml`` (``[tool.mutmut]``): which modules
are mutated (``src/villagemodel/rules/*.py`` and ``src/villagemodel/metrics.py``)
and which tests run. mutmut works in a ``mutants/`` folder beside the sources
(ignored by git) and keeps its results there, so a second run only tests the
mutants whose code changed.

The score of a module is the share of its mutants the tests kill:
``(killed + timed out) / (all mutants - equivalent ones)``. A mutant that no
test reaches counts as surviving. Mutants shown to be equivalent (the
mutation changes no behaviour, so no test can kill it) are listed in
``tools/mutation-equivalents.toml`` with the reason; a listed mutant that is
not a surviving mutant of the last run is reported, so the list cannot go
stale silently.

The tests run under the ``mutation`` Hypothesis profile (``tests/conftest.py``):
derandomised, so that a mutant is killed or not the same way on every run.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "tools" / "mutation-equivalents.toml"

KILLED = frozenset({"killed", "timeout"})
"""Statuses that count as killed: a test failed, or the mutant never finished."""

_LINE = re.compile(r"^\s*(?P<name>\S+__mutmut_\d+): (?P<status>.+?)\s*$")
_FUNCTION = re.compile(r"\.x(?:_|ǁ)")


def module_of(mutant: str) -> str:
    """The dotted module a mutant belongs to.

    >>> module_of("villagemodel.rules.meetings.x_check__mutmut_3")
    'villagemodel.rules.meetings'
    >>> module_of("villagemodel.metrics.xǁMoneyAverageǁ__str____mutmut_1")
    'villagemodel.metrics'
    """
    match = _FUNCTION.search(mutant)
    if match is None:
        raise ValueError(f"not a mutmut mutant name: {mutant!r}")
    return mutant[: match.start()]


def parse_results(lines: Iterable[str]) -> dict[str, str]:
    """Mutant name → status, from the output of ``mutmut results --all true``.

    >>> parse_results(["    villagemodel.metrics.x_f__mutmut_1: killed", "noise"])
    {'villagemodel.metrics.x_f__mutmut_1': 'killed'}
    """
    results: dict[str, str] = {}
    for line in lines:
        match = _LINE.match(line)
        if match is not None:
            results[match["name"]] = match["status"]
    return results


def load_equivalents(path: Path = EQUIVALENTS) -> dict[str, str]:
    """Mutant name → the reason it is equivalent, from the equivalents file."""
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    entries = data.get("equivalent", [])
    return {entry["mutant"]: entry["reason"] for entry in entries}


def scores(results: Mapping[str, str], equivalents: Mapping[str, str]) -> dict[str, Counter[str]]:
    """Per module: counts of killed, survived and equivalent mutants."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for name, status in results.items():
        row = table[module_of(name)]
        if status in KILLED:
            row["killed"] += 1
        elif name in equivalents:
            row["equivalent"] += 1
        else:
            row["survived"] += 1
    return dict(table)


def score(row: Mapping[str, int]) -> float:
    """Killed over all mutants but the equivalent ones, in percent."""
    counted = row.get("killed", 0) + row.get("survived", 0)
    return 100.0 * row.get("killed", 0) / counted if counted else 100.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-run", action="store_true", help="report the last run only")
    parser.add_argument("--fail-under", type=float, default=None, help="exit 1 below this score")
    parser.add_argument(
        "--survivors", action="store_true", help="list every surviving mutant by name"
    )
    args = parser.parse_args(argv)
    mutmut = [sys.executable, "-m", "mutmut"]
    env = {**os.environ, "HYPOTHESIS_PROFILE": "mutation"}
    if not args.no_run:
        log = ROOT / "mutants" / "run.log"
        log.parent.mkdir(exist_ok=True)
        with log.open("w") as handle:
            run = subprocess.run(
                [*mutmut, "run"], check=False, cwd=ROOT, env=env, stdout=handle, stderr=handle
            )
        if run.returncode != 0:
            print(f"mutmut run failed (exit {run.returncode}); see mutants/run.log")
            return run.returncode
    listing = subprocess.run(
        [*mutmut, "results", "--all", "true"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    results = parse_results(listing.stdout.splitlines())
    if not results:
        print("no mutation results: run without --no-run first")
        return 1
    equivalents = load_equivalents()
    stale = sorted(name for name in equivalents if results.get(name, "killed") in KILLED)
    table = scores(results, equivalents)
    total: Counter[str] = Counter()
    print(f"{'module':<42} {'mutants':>8} {'killed':>7} {'equiv.':>7} {'survived':>9} {'score':>7}")
    for module in sorted(table):
        row = table[module]
        total.update(row)
        print(
            f"{module:<42} {sum(row.values()):>8} {row['killed']:>7} {row['equivalent']:>7}"
            f" {row['survived']:>9} {score(row):>6.1f}%"
        )
    print(
        f"{'all':<42} {sum(total.values()):>8} {total['killed']:>7} {total['equivalent']:>7}"
        f" {total['survived']:>9} {score(total):>6.1f}%"
    )
    statuses = Counter(results.values())
    print("mutmut statuses: " + ", ".join(f"{s} {n}" for s, n in sorted(statuses.items())))
    if args.survivors:
        for name in sorted(results):
            if results[name] not in KILLED and name not in equivalents:
                print(f"survived: {name}")
    if stale:
        print("listed as equivalent but killed or gone (update tools/mutation-equivalents.toml):")
        for name in stale:
            print(f"  {name}")
        return 1
    if args.fail_under is not None and score(total) < args.fail_under:
        print(f"score {score(total):.1f}% is under {args.fail_under}%")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
