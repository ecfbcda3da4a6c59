"""Every batch metric equals the object model's ``compute(...)`` exactly.

For datasets drawn by Hypothesis and for the synthetic dataset of the
report, on DuckDB and on Polars: the same value of the same type (``==``),
or the same error.
"""

from __future__ import annotations

import datetime
from collections import Counter
from fractions import Fraction

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.batch._cases import (
    AS_OF,
    Request,
    compare,
    expected_village_row,
    requests,
    subjects,
)
from villagemodel.batch import (
    VILLAGE_COLUMNS,
    Connection,
    connect,
    dataset_to_tables,
    evaluate,
    income_classes,
    village_figures,
    village_incomes,
    village_table,
)
from villagemodel.dataset import Dataset
from villagemodel.households import GuaranteeSurvey, Household, HousingGrade, PovertyHistory
from villagemodel.ids import HouseholdId, SurveyId, VillageId
from villagemodel.metrics import ExactPercentage, MoneyAverage, Subject, compute
from villagemodel.money import Money
from villagemodel.parameters import ParameterSet, Source
from villagemodel.periods import Period
from villagemodel.quantities import HouseholdCount, PersonCount
from villagemodel.rules.collective_economy import IncomeClass, classify_villages
from villagemodel.synthetic import build_synthetic
from villagemodel.testing.strategies import datasets

pytest.importorskip("ibis", reason="the batch layer needs the batch extra")

LOCAL = ("duckdb", "polars")
YEAR_2022 = Period.calendar_year(2022)


def loaded(dataset: Dataset, backend: str) -> Connection:
    con = connect(backend)  # type: ignore[arg-type]
    con.load(dataset_to_tables(dataset))
    return con


@st.composite
def cases(draw: st.DrawFn) -> tuple[Dataset, list[Request]]:
    """A dataset and a few requests on it (one subject, one period, one year)."""
    dataset = draw(datasets(villages=st.integers(1, 4), households_per_village=st.integers(0, 4)))
    subject = draw(st.sampled_from(subjects(dataset)))
    start = draw(st.dates(datetime.date(2019, 1, 1), datetime.date(2023, 12, 31)))
    end = draw(st.dates(start, datetime.date(2024, 6, 30)))
    year = draw(st.integers(2020, 2023))
    every = [
        r for r in requests(dataset, Period(start=start, end=end), year) if r.subject == subject
    ]
    chosen = draw(
        st.lists(
            st.sampled_from(every),
            min_size=1,
            max_size=4,
            unique_by=lambda r: (r.metric, tuple(sorted(r.options.items()))),
        )
    )
    return dataset, chosen


# Each example loads its tables into a new engine (about a second): few examples.
@pytest.mark.parametrize("backend", LOCAL)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_every_metric_equals_the_object_model(
    backend: str, case: tuple[Dataset, list[Request]]
) -> None:
    dataset, chosen = case
    con = loaded(dataset, backend)
    for request in chosen:
        compare(dataset, con, request)


@pytest.mark.parametrize("backend", LOCAL)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    dataset=datasets(villages=st.integers(1, 5), households_per_village=st.integers(0, 2)),
    year=st.integers(2020, 2023),
    with_weak=st.booleans(),
)
def test_income_classes_equal_the_rule(
    backend: str, dataset: Dataset, year: int, with_weak: bool
) -> None:
    params = ParameterSet.default()
    classes: tuple[IncomeClass, ...] = (IncomeClass.SHELL,)
    if with_weak:
        params = params.with_value(
            "collective_economy.weak_threshold",
            Money("100000.005"),
            jurisdiction="CN",
            effective_from=datetime.date(2019, 1, 1),
            source=Source(title="a threshold for the test"),
        )
        classes = (IncomeClass.SHELL, IncomeClass.WEAK)
    expected = classify_villages(
        dataset, year, classes=classes, params=params, jurisdiction="CN", allow_examples=True
    )
    found = income_classes(
        loaded(dataset, backend),
        year,
        classes=classes,
        params=params,
        jurisdiction="CN",
        allow_examples=True,
    )
    assert dict(found.counts) == dict(Counter(c.outcome for c in expected))
    assert found.villages == tuple(sorted((c.village_id or "", c.outcome) for c in expected))


@pytest.mark.parametrize("backend", LOCAL)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    dataset=datasets(villages=st.integers(1, 4), households_per_village=st.integers(0, 4)),
    year=st.integers(2020, 2023),
    on=st.dates(datetime.date(2019, 1, 1), datetime.date(2024, 6, 30)),
)
def test_village_table_equals_the_object_model(
    backend: str, dataset: Dataset, year: int, on: datetime.date
) -> None:
    con = loaded(dataset, backend)
    table = village_table(con, year, on)
    assert table.column_names == list(VILLAGE_COLUMNS)
    expected = [
        expected_village_row(dataset, village.id, year, on)
        for village in sorted(dataset.villages, key=lambda v: v.id)
    ]
    assert table.to_pylist() == expected
    # The aggregate is the sum of the villages' figures (both read one derived table).
    everyone = evaluate(con, "monitoring.eliminated_households", Subject.all(), Period.up_to(on))
    assert everyone.value == HouseholdCount(sum(table["eliminated_households"].to_pylist()))


@st.composite
def crowded(draw: st.DrawFn) -> Dataset:
    """A generated dataset with the cases a household's figures turn on:
    several surveys per household (some on the same day, some that did not
    look at insurance or housing, some listing members as uninsured), and
    households with no members."""
    dataset = draw(datasets(villages=st.integers(1, 3), households_per_village=st.integers(0, 3)))
    surveys = list(dataset.surveys)
    households = list(dataset.households)
    days = st.dates(datetime.date(2019, 1, 1), datetime.date(2024, 6, 30))
    for number, household in enumerate(dataset.households):
        members = [m.id for m in dataset.members_of(household.id)]
        earlier = [s.surveyed_on for s in surveys if s.household_id == household.id]
        for extra in range(draw(st.integers(0, 3))):
            on = draw(st.sampled_from(earlier) | days) if earlier else draw(days)
            listed = (
                draw(st.none() | st.lists(st.sampled_from(members), unique=True))
                if members
                else draw(st.none() | st.just([]))
            )
            surveys.append(
                GuaranteeSurvey(
                    id=SurveyId(f"x{number}-{extra}"),
                    household_id=household.id,
                    surveyed_on=on,
                    uninsured_member_ids=None if listed is None else tuple(listed),
                    housing_grade=draw(st.none() | st.sampled_from(HousingGrade)),
                )
            )
            earlier.append(on)
    for village in dataset.villages[: draw(st.integers(0, len(dataset.villages)))]:
        households.append(
            Household(
                id=HouseholdId(f"empty-{village.id}"),
                village_id=village.id,
                history=PovertyHistory.NEVER_REGISTERED,
            )
        )
    return attrs.evolve(dataset, surveys=tuple(surveys), households=tuple(households))


@pytest.mark.parametrize("backend", LOCAL)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    dataset=crowded(),
    on=st.dates(datetime.date(2019, 1, 1), datetime.date(2024, 6, 30)),
)
def test_village_table_with_many_surveys_equals_the_object_model(
    backend: str, dataset: Dataset, on: datetime.date
) -> None:
    con = loaded(dataset, backend)
    assert village_table(con, 2022, on).to_pylist() == [
        expected_village_row(dataset, village.id, 2022, on)
        for village in sorted(dataset.villages, key=lambda v: v.id)
    ]
    for metric in ("guarantees.insured_share", "guarantees.safe_housing_share"):
        compare(dataset, con, Request(metric, Subject.all(), Period.up_to(on)))


# -- the synthetic dataset: the report's figures -------------------------------------


@pytest.fixture(scope="module")
def synthetic() -> Dataset:
    return build_synthetic()


@pytest.fixture(scope="module", params=LOCAL)
def engine(request: pytest.FixtureRequest, synthetic: Dataset) -> Connection:
    backend: str = request.param
    return loaded(synthetic, backend)


# Two periods: each request costs the engine a few Ibis compilations.
PERIODS = (Period.up_to(AS_OF), YEAR_2022)


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: p.label_en())
def test_synthetic_metrics_equal_the_object_model(
    synthetic: Dataset, engine: Connection, period: Period
) -> None:
    for request in requests(synthetic, period, 2022):
        compare(synthetic, engine, request)


def test_the_report_figures(engine: Connection) -> None:
    """90.2万元 in 2022, 村均 above 10万元, 35户150人 eliminated, safe housing 100%."""
    up_to_now = Period.up_to(AS_OF)
    total = evaluate(engine, "collective_income.total", Subject.all(), YEAR_2022).value
    assert total == Money.from_wan("90.2")
    average = evaluate(engine, "collective_income.per_village", Subject.all(), YEAR_2022).value
    assert isinstance(average, MoneyAverage)
    assert average == MoneyAverage(Money.from_wan("90.2"), 6)
    metric = "monitoring.eliminated_households"
    households = evaluate(engine, metric, Subject.all(), up_to_now, {"count": "households"})
    people = evaluate(engine, metric, Subject.all(), up_to_now, {"count": "people"})
    assert (households.value, people.value) == (HouseholdCount(35), PersonCount(150))
    housing = evaluate(engine, "guarantees.safe_housing_share", Subject.all(), up_to_now)
    assert housing.value == ExactPercentage(Fraction(100))


def test_village_incomes_and_figures(synthetic: Dataset, engine: Connection) -> None:
    incomes = village_incomes(engine, 2022)
    assert incomes == sorted(
        (v.id, synthetic.collective_income(v.id, 2022)) for v in synthetic.villages
    )
    figures = village_figures(engine, 2022, AS_OF)
    assert [f["village_id"] for f in figures] == sorted(v.id for v in synthetic.villages)
    for row in figures:
        village = Subject.villages(str(row["village_id"]))
        people = compute(
            synthetic,
            "monitoring.eliminated_households",
            village,
            Period.up_to(AS_OF),
            {"count": "people"},
        ).value
        assert isinstance(people, PersonCount)
        assert row["eliminated_people"] == people.value
        assert row["collective_income"] == synthetic.collective_income(
            VillageId(village.ids[0]), 2022
        )


@pytest.mark.parametrize("backend", LOCAL)
def test_of_two_surveys_the_same_day_the_greater_id_counts(
    synthetic: Dataset, backend: str
) -> None:
    """The latest survey on a day with two is the one with the greater id,
    whatever the order of the rows."""
    survey = next(s for s in synthetic.surveys if s.housing_grade is HousingGrade.A)
    household = synthetic.household(survey.household_id)
    members = [m.id for m in synthetic.members_of(household.id)]
    twins = (
        attrs.evolve(
            survey,
            id=SurveyId(survey.id + "b"),
            housing_grade=HousingGrade.D,
            uninsured_member_ids=tuple(members[:1]),
        ),
        attrs.evolve(survey, id=SurveyId(survey.id + "a"), housing_grade=HousingGrade.C),
    )
    dataset = attrs.evolve(synthetic, surveys=(*twins, *synthetic.surveys))
    on = survey.surveyed_on
    table = village_table(
        loaded(dataset, backend), 2022, on, Subject.villages(household.village_id)
    )
    (row,) = table.to_pylist()
    assert row == expected_village_row(dataset, household.village_id, 2022, on)
    assert row["housing_D"] >= 1


def test_errors_are_the_object_model_errors(synthetic: Dataset, engine: Connection) -> None:
    for request in (
        Request("collective_income.total", Subject.all(), Period.up_to(AS_OF)),
        Request("collective_income.total", Subject.villages("nowhere"), YEAR_2022),
        Request("collective_income.total", Subject.township("nowhere"), YEAR_2022),
        Request("collective_income.total", Subject.county("nowhere"), YEAR_2022),
        Request("funds.allocated", Subject.all(), YEAR_2022),
        Request("funds.allocated", Subject.all(), YEAR_2022, {"sources": "gold"}),
        Request("funds.allocated", Subject.all(), YEAR_2022, {"colour": "red"}),
        Request("monitoring.eliminated_households", Subject.all(), YEAR_2022, {"count": "x"}),
        Request("income.formerly_poor_growth", Subject.all(), YEAR_2022, {"first_year": "x"}),
        Request("no.such.metric", Subject.all(), YEAR_2022),
    ):
        compare(synthetic, engine, request)


def test_a_metric_not_covered_is_refused(engine: Connection) -> None:
    with pytest.raises(ValueError, match="not computed by the batch layer"):
        evaluate(engine, "disputes.mediated", Subject.all(), YEAR_2022)
