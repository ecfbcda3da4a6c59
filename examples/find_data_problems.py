"""Load a small county from plain data and list every problem in it.

A loader that stops at the first error makes a user fix one line, run
again, fix the next. ``dataset_from_data`` lists every problem at once, each
with the path of the bad field in the document and the bad value: those of
single records (a float amount, an unknown code) and those of the dataset as
a whole (a reference to a township that does not exist).

Run: ``python examples/find_data_problems.py``
"""

from __future__ import annotations

from typing import Any

from villagemodel import DatasetValidationError
from villagemodel.serialize import dataset_from_data

BROKEN: dict[str, Any] = {
    "townships": [{"id": "sicheng", "name": "泗城镇", "county_id": "lingyun", "kind": "town"}],
    "counties": [{"id": "lingyun", "name": "凌云县", "city_id": "baise"}],
    "cities": [{"id": "baise", "name": "百色市", "region_id": "guangxi"}],
    "regions": [{"id": "guangxi", "name": "广西壮族自治区", "kind": "autonomous_region"}],
    "villages": [
        {"id": "yaoma", "name": "腰马村", "township_id": "sicheng"},
        {"id": "naliu", "name": "那留村", "township_id": "sichen"},  # misspelt township
    ],
    "collective_incomes": [
        {"village_id": "yaoma", "year": 2022, "amount": 112000.5},  # a float: refused
        {"village_id": "naliu", "year": 2022, "amount": "11.5万"},  # not a plain number
    ],
    "households": [
        {"id": "h1", "village_id": "yaoma", "history": "formerly_poor"},
        {"id": "h2", "village_id": "yaoma", "history": "once poor"},  # unknown code
    ],
}


def main() -> None:
    try:
        dataset_from_data(BROKEN)
    except DatasetValidationError as error:
        print(error)
        assert [p.path for p in error.problems] == [
            "collective_incomes[0].amount",
            "collective_incomes[1].amount",
            "households[1].history",
            "villages[1].township_id",
        ], error.problems
    else:  # pragma: no cover - the data above is broken on purpose
        raise SystemExit("the broken data was accepted")
    fixed = dict(BROKEN)
    fixed["villages"] = [
        {"id": "yaoma", "name": "腰马村", "township_id": "sicheng"},
        {"id": "naliu", "name": "那留村", "township_id": "sicheng"},
    ]
    fixed["collective_incomes"] = [
        {"village_id": "yaoma", "year": 2022, "amount": "112000.50"},
        {"village_id": "naliu", "year": 2022, "amount": "115000"},
    ]
    fixed["households"] = [
        {"id": "h1", "village_id": "yaoma", "history": "formerly_poor"},
        {"id": "h2", "village_id": "yaoma", "history": "一般户"},  # Chinese labels are accepted
    ]
    dataset = dataset_from_data(fixed)
    print(f"\nafter fixing: {dataset!r}")


if __name__ == "__main__":
    main()
