"""Plain data in and out: exact round trips, strict types, every problem listed."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings

from villagemodel import Dataset, DatasetValidationError, datasets
from villagemodel.serialize import dataset_from_data, dataset_to_data
from villagemodel.testing import strategies as vst

PLACES: dict[str, Any] = {
    "regions": [{"id": "gx", "name": "广西壮族自治区", "kind": "autonomous_region"}],
    "cities": [{"id": "bs", "name": "百色市", "region_id": "gx"}],
    "counties": [{"id": "ly", "name": "凌云县", "city_id": "bs"}],
    "townships": [{"id": "sc", "name": "泗城镇", "county_id": "ly", "kind": "town"}],
    "villages": [{"id": "ym", "name": "腰马村", "township_id": "sc"}],
}


def problems_of(data: dict[str, Any]) -> list[tuple[str, object]]:
    with pytest.raises(DatasetValidationError) as info:
        dataset_from_data(data)
    return [(p.path, p.value) for p in info.value.problems]


@settings(max_examples=25)
@given(vst.datasets())
def test_round_trip_is_exact(dataset: Dataset) -> None:
    data = dataset_to_data(dataset)
    again = dataset_from_data(data)
    assert again == dataset
    assert dataset_to_data(again) == data


def test_the_bundled_dataset_round_trips() -> None:
    lingyun = datasets.load("lingyun-2022")
    assert dataset_from_data(dataset_to_data(lingyun)) == lingyun


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("year", "2022"),
        ("year", 2022.0),
        ("year", True),
        ("amount", 227000.0),
        ("amount", "22.7万"),
        ("amount", "1e400x"),
        ("village_id", 5),
    ],
)
def test_nothing_is_coerced(field: str, value: object) -> None:
    income: dict[str, object] = {"village_id": "ym", "year": 2022, "amount": "227000"}
    income[field] = value
    assert problems_of({**PLACES, "collective_incomes": [income]}) == [
        (f"collective_incomes[0].{field}", value)
    ]


@pytest.mark.parametrize("day", ["20230418", "2023-W16-2", "2023-4-18", "2023-02-30", 20230418])
def test_dates_are_written_yyyy_mm_dd(day: object) -> None:
    dispute = {"id": "d1", "village_id": "ym", "mediated_on": day}
    assert problems_of({**PLACES, "disputes": [dispute]}) == [("disputes[0].mediated_on", day)]


def test_a_bool_is_true_or_false_not_a_string() -> None:
    dispute = {"id": "d1", "village_id": "ym", "mediated_on": "2022-05-01", "resolved": "false"}
    assert problems_of({**PLACES, "disputes": [dispute]}) == [("disputes[0].resolved", "false")]


def test_every_problem_is_listed_in_document_order_of_tables() -> None:
    data = {
        **PLACES,
        "villages": [
            {"id": "ym", "name": "腰马村", "township_id": "sc"},
            {"id": "bad", "name": "", "township_id": "sc"},
            {"id": "nl", "name": "那留村", "township_id": "nowhere"},
        ],
        "households": [
            {"id": "h1", "village_id": "ym", "history": "formerly_poor"},
            {"id": "h2", "village_id": "bad", "history": "formerly_poor"},
            {"id": "h3", "village_id": "ym", "history": "poorish"},
            {"id": "h1", "village_id": "ym", "history": "never_registered"},
        ],
        "colour": [],
    }
    paths = [path for path, _ in problems_of(data)]
    # Record problems first, table by table; then the dataset's own problems
    # (keys, then references), with row numbers of the document.
    # households[1] names the broken village 'bad' and is not reported again.
    assert paths == [
        "villages[1].name",
        "households[2].history",
        "colour",
        "households[3].id",
        "villages[2].township_id",
    ]


def test_unknown_fields_are_refused() -> None:
    village = {"id": "x", "name": "新村", "township_id": "sc", "population": 1200}
    assert problems_of({**PLACES, "villages": [*PLACES["villages"], village]}) == [
        ("villages[1].population", "population")
    ]


def test_not_a_mapping() -> None:
    with pytest.raises(DatasetValidationError, match="expected a mapping of tables"):
        dataset_from_data(["villages"])


def test_records_named_in_a_message_are_numbered_as_in_the_document() -> None:
    data = {
        **PLACES,
        "collective_incomes": [
            {"village_id": "nowhere", "year": 2022, "amount": "12万"},
            {"village_id": "ym", "year": 2022, "amount": "5"},
            {"village_id": "ym", "year": 2022, "amount": "6"},
        ],
        "awards": [
            {"id": "bad", "village_id": "ym", "kind": "flag", "name": "红旗", "year": "2022"},
            {"id": "a1", "village_id": "ym", "kind": "flag", "name": "红旗", "year": 2022},
            {"id": "a2", "village_id": "ym", "kind": "flag", "name": "红旗", "year": 2022},
        ],
    }
    with pytest.raises(DatasetValidationError) as info:
        dataset_from_data(data)
    messages = {p.path: p.message for p in info.value.problems}
    # The first income row is invalid (a Chinese amount), so its bad reference
    # is not checked: only valid records take part in the dataset's checks.
    assert "collective_incomes[0].village_id" not in messages
    assert messages["collective_incomes[2].key"].endswith("first used by collective_incomes[1]")
    assert "(awards[1])" in messages["awards[2]"]
