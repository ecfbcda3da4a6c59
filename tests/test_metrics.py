"""Metrics: invariants over generated datasets, and the metric catalogue."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from villagemodel import (
    City,
    CollectiveIncome,
    County,
    Dataset,
    Household,
    HouseholdIncome,
    Member,
    Money,
    Percentage,
    Period,
    PovertyHistory,
    Region,
    Relation,
    Township,
    TownshipKind,
    Village,
)
from villagemodel.errors import InvalidValueError, UnknownReferenceError
from villagemodel.ids import (
    CityId,
    CountyId,
    HouseholdId,
    MemberId,
    RegionId,
    TownshipId,
    VillageId,
)
from villagemodel.metrics import (
    METRICS,
    MetricValue,
    MoneyAverage,
    Subject,
    UnknownMetricError,
    compute,
)
from villagemodel.testing import strategies as vst

YEAR_2022 = Period.calendar_year(2022)

# Whole generated datasets are costly to draw; these properties run fewer
# examples than the profile's default, in every profile.
DATASETS = settings(max_examples=25)
ALL_YEARS = Period(start=datetime.date(2020, 1, 1), end=datetime.date(2023, 12, 31))

# Figures that add up over villages. activities.count is not among them: an
# activity held in two villages counts once for both together.
ADDITIVE: list[tuple[str, Period, dict[str, str]]] = [
    ("collective_income.total", YEAR_2022, {}),
    ("projects.quantity", ALL_YEARS, {"kinds": "street_lamp"}),
    ("projects.quantity", ALL_YEARS, {"kinds": "industry_road,road_widening"}),
    ("disputes.mediated", ALL_YEARS, {}),
    ("awards.flags", ALL_YEARS, {"competition": "乡村振兴·五旗争创"}),
    ("funds.allocated", ALL_YEARS, {"sources": "assistance,donation,subsidy,fiscal,other"}),
]


def value_of(
    dataset: Dataset, metric: str, subject: Subject, period: Period, **options: str
) -> Any:
    result: MetricValue = compute(dataset, metric, subject, period, options)
    return result.value


def with_all_incomes(dataset: Dataset, year: int) -> Dataset:
    """The dataset with a collective income for every village in ``year``."""
    have = {c.village_id for c in dataset.collective_incomes if c.year == year}
    extra = tuple(
        CollectiveIncome(village_id=v.id, year=year, amount=Money(123456 + i))
        for i, v in enumerate(dataset.villages)
        if v.id not in have
    )
    return attrs.evolve(dataset, collective_incomes=dataset.collective_incomes + extra)


@DATASETS
@given(vst.datasets(villages=st.integers(1, 7)))
def test_per_village_average_times_villages_is_the_total_exactly(dataset: Dataset) -> None:
    """ "村均" is a ratio of sums: average × number of villages = total, exactly."""
    complete = with_all_incomes(dataset, 2022)
    total = value_of(complete, "collective_income.total", Subject.all(), YEAR_2022)
    average = value_of(complete, "collective_income.per_village", Subject.all(), YEAR_2022)
    assert isinstance(average, MoneyAverage)
    assert average * len(complete.villages) == total
    assert average.exact * len(complete.villages) == Fraction(total.yuan)


@DATASETS
@given(vst.datasets())
def test_a_village_without_income_makes_the_total_unknown_not_smaller(dataset: Dataset) -> None:
    result = compute(dataset, "collective_income.total", Subject.all(), YEAR_2022)
    have = {c.village_id for c in dataset.collective_incomes if c.year == 2022}
    missing = [v.name for v in dataset.villages if v.id not in have]
    assert (result.value is None) == bool(missing)
    assert list(result.derivation.missing) == missing


def shuffled(dataset: Dataset, seed: int) -> Dataset:
    rng = random.Random(seed)
    tables: dict[str, Any] = {}
    for name, rows in dataset.tables().items():
        items = list(rows)
        rng.shuffle(items)
        tables[name] = items
    return Dataset(name=dataset.name, **tables)


@DATASETS
@given(vst.datasets(), st.integers(0, 2**32))
def test_metrics_do_not_depend_on_the_order_of_records(dataset: Dataset, seed: int) -> None:
    other = shuffled(dataset, seed)
    for metric, period, options in ADDITIVE:
        assert value_of(dataset, metric, Subject.all(), period, **options) == value_of(
            other, metric, Subject.all(), period, **options
        ), metric


@DATASETS
@given(vst.datasets(townships=st.integers(1, 4), villages=st.integers(1, 8)))
def test_a_county_figure_is_the_sum_of_its_townships_figures(dataset: Dataset) -> None:
    complete = with_all_incomes(dataset, 2022)
    county = complete.counties[0].id
    for metric, period, options in ADDITIVE:
        whole = value_of(complete, metric, Subject.county(county), period, **options)
        parts = [
            value_of(complete, metric, Subject.township(t.id), period, **options)
            for t in complete.townships_in(county)
        ]
        assert whole == sum(parts[1:], parts[0]), metric


@DATASETS
@given(vst.datasets(villages=st.integers(1, 5)))
def test_a_figure_about_named_villages_ignores_a_village_added_elsewhere(dataset: Dataset) -> None:
    complete = with_all_incomes(dataset, 2022)
    named = Subject.villages(*(v.id for v in complete.villages))
    before = [value_of(complete, m, named, p, **o) for m, p, o in ADDITIVE]
    newcomer = Village(id=VillageId("newcomer"), name="新村", township_id=complete.townships[0].id)
    grown = attrs.evolve(complete, villages=(*complete.villages, newcomer))
    assert [value_of(grown, m, named, p, **o) for m, p, o in ADDITIVE] == before


def renamed(dataset: Dataset, prefix: str) -> Dataset:
    """Every village id renamed, references following."""
    mapping = {v.id: VillageId(prefix + v.id) for v in dataset.villages}

    def fix(records: Iterable[Any]) -> list[Any]:
        out = []
        for r in records:
            changes: dict[str, Any] = {}
            if hasattr(r, "village_id") and r.village_id in mapping:
                changes["village_id"] = mapping[r.village_id]
            if hasattr(r, "village_ids"):
                changes["village_ids"] = tuple(mapping[v] for v in r.village_ids)
            if isinstance(r, Village):
                changes["id"] = mapping[r.id]
            out.append(attrs.evolve(r, **changes) if changes else r)
        return out

    return Dataset(name=dataset.name, **{n: fix(rows) for n, rows in dataset.tables().items()})


@DATASETS
@given(vst.datasets())
def test_metrics_do_not_change_when_villages_are_renumbered(dataset: Dataset) -> None:
    other = renamed(dataset, "x-")
    for metric, period, options in ADDITIVE:
        assert value_of(dataset, metric, Subject.all(), period, **options) == value_of(
            other, metric, Subject.all(), period, **options
        ), metric


def test_every_metric_describes_itself_in_both_languages() -> None:
    assert len(METRICS) >= 15
    for definition in METRICS.values():
        assert definition.title_en
        assert definition.title_zh
        assert definition.numerator_en
        assert definition.numerator_zh
        assert definition.formula_en
        assert definition.formula_zh
        assert definition.factor in (1, 100)
        assert (definition.denominator_en is None) == (definition.denominator_zh is None)


def test_an_unknown_metric_is_refused_with_its_name() -> None:
    with pytest.raises(UnknownMetricError, match=r"'income\.bogus'"):
        compute(Dataset(), "income.bogus", Subject.all(), YEAR_2022)


def test_an_unknown_option_is_refused_with_its_name() -> None:
    with pytest.raises(InvalidValueError, match="colour"):
        compute(Dataset(), "disputes.mediated", Subject.all(), YEAR_2022, {"colour": "red"})


def test_an_unknown_village_is_refused() -> None:
    with pytest.raises(UnknownReferenceError, match="'nowhere'"):
        compute(Dataset(), "disputes.mediated", Subject.villages("nowhere"), YEAR_2022)


def test_a_yearly_metric_refuses_a_period_that_is_not_a_calendar_year() -> None:
    two_years = Period.years_before(2, as_of=datetime.date(2023, 4, 18))
    with pytest.raises(InvalidValueError, match="calendar year"):
        compute(Dataset(), "collective_income.total", Subject.all(), two_years)


def test_a_township_subject_must_exist() -> None:
    with pytest.raises(UnknownReferenceError):
        compute(Dataset(), "disputes.mediated", Subject.township(TownshipId("t9")), YEAR_2022)


def _growth_dataset(per_capita: dict[int, str]) -> Dataset:
    return Dataset(
        regions=[Region(id=RegionId("r"), name="广西")],
        cities=[City(id=CityId("c"), name="百色市", region_id=RegionId("r"))],
        counties=[County(id=CountyId("k"), name="凌云县", city_id=CityId("c"))],
        townships=[
            Township(
                id=TownshipId("t"), name="泗城镇", county_id=CountyId("k"), kind=TownshipKind.TOWN
            )
        ],
        villages=[Village(id=VillageId("v"), name="腰马村", township_id=TownshipId("t"))],
        households=[
            Household(
                id=HouseholdId("h"), village_id=VillageId("v"), history=PovertyHistory.FORMERLY_POOR
            )
        ],
        members=[Member(id=MemberId("m"), household_id=HouseholdId("h"), relation=Relation.HEAD)],
        incomes=[
            HouseholdIncome(household_id=HouseholdId("h"), year=y, per_capita=Money(v))
            for y, v in per_capita.items()
        ],
    )


def test_average_annual_growth_compound_and_arithmetic() -> None:
    """ "年平均增幅": 20% then 10% is 15% on the arithmetic mean, and
    (1.2 × 1.1)^(1/2) − 1 = 14.8912529308...% compounded."""
    data = _growth_dataset({2020: "10000", 2021: "12000", 2022: "13200"})
    span = Period(start=datetime.date(2021, 1, 1), end=datetime.date(2022, 12, 31))
    arithmetic = value_of(
        data, "income.formerly_poor_growth", Subject.all(), span, average="arithmetic"
    )
    compound = value_of(
        data, "income.formerly_poor_growth", Subject.all(), span, average="compound"
    )
    assert arithmetic == Percentage("15.0000000000")
    assert compound == Percentage("14.8912529308")


def test_growth_refuses_a_bad_year_option() -> None:
    data = _growth_dataset({2020: "10000", 2021: "12000", 2022: "13200"})
    span = Period(start=datetime.date(2021, 1, 1), end=datetime.date(2022, 12, 31))
    with pytest.raises(InvalidValueError, match="first_year"):
        compute(data, "income.formerly_poor_growth", Subject.all(), span, {"first_year": "abc"})
    with pytest.raises(InvalidValueError, match="first_year"):
        compute(
            data,
            "income.formerly_poor_growth",
            Subject.all(),
            span,
            {"first_year": "2023", "last_year": "2022"},
        )
