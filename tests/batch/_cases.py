"""What the batch tests compare: metric requests, and running one both ways."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator, Mapping

import attrs

from villagemodel.batch import BatchValue, Connection, evaluate
from villagemodel.dataset import Dataset
from villagemodel.households import HousingGrade
from villagemodel.ids import VillageId
from villagemodel.metrics import Derivation, MetricValue, Subject, compute
from villagemodel.money import Money
from villagemodel.periods import Period
from villagemodel.quantities import HouseholdCount, PersonCount
from villagemodel.rules.guarantees import latest_survey, medical_insurance_share


@attrs.frozen
class Request:
    metric: str
    subject: Subject
    period: Period
    options: Mapping[str, str] = attrs.field(factory=dict)


def subjects(dataset: Dataset) -> list[Subject]:
    """All villages, the first village, the first township and the county."""
    found = [Subject.all()]
    if dataset.villages:
        found.append(Subject.villages(dataset.villages[0].id))
    if dataset.townships:
        found.append(Subject.township(dataset.townships[0].id))
    if dataset.counties:
        found.append(Subject.county(dataset.counties[0].id))
    return found


def requests(dataset: Dataset, period: Period, year: int) -> Iterator[Request]:
    """Every batch metric, for each subject, over ``period`` (and ``year``)."""
    calendar = Period.calendar_year(year)
    for subject in subjects(dataset):
        yield Request("collective_income.total", subject, calendar)
        yield Request("collective_income.per_village", subject, calendar)
        for count in ("households", "people"):
            yield Request("monitoring.eliminated_households", subject, period, {"count": count})
        yield Request("guarantees.insured_share", subject, period)
        yield Request("guarantees.safe_housing_share", subject, period)
        yield Request(
            "funds.allocated",
            subject,
            period,
            {"sources": "assistance,donation,subsidy,fiscal,other"},
        )
        yield Request(
            "funds.allocated", subject, period, {"sources": "donation", "purposes": "education"}
        )
        for average in ("compound", "arithmetic"):
            yield Request(
                "income.formerly_poor_growth",
                subject,
                calendar,
                {"average": average, "first_year": str(year - 1)},
            )


def outcome(run: object) -> tuple[str, object]:
    """A call's result, or the type and message of the error it raised."""
    assert callable(run)
    try:
        return ("value", run())
    except Exception as error:  # the two sides must fail alike
        return (type(error).__name__, str(error))


def compare(dataset: Dataset, con: Connection, request: Request) -> None:
    """The batch value equals the object model's (or both raise the same error),
    and so does its derivation (see :func:`compare_derivations`)."""
    expected = outcome(
        lambda: compute(dataset, request.metric, request.subject, request.period, request.options)
    )
    found = outcome(
        lambda: evaluate(con, request.metric, request.subject, request.period, request.options)
    )
    if expected[0] != "value" or found[0] != "value":
        assert found == expected, (request, found, expected)
        return
    reference = expected[1]
    batch = found[1]
    assert isinstance(reference, MetricValue)
    assert isinstance(batch, BatchValue)
    assert batch.value == reference.value, (request, batch.value, reference.value)
    compare_derivations(reference.derivation, batch, request.subject)


SAME_TERMS = frozenset(
    {
        "monitoring.eliminated_households",
        "guarantees.insured_share",
        "guarantees.safe_housing_share",
        "funds.allocated",
        "income.formerly_poor_growth",
    }
)
"""Metrics whose batch derivation has the object model's terms, one for one."""


def compare_derivations(reference: Derivation, batch: BatchValue, subject: Subject) -> None:
    """The batch derivation says what the object model's does: the same
    metric, title, formula, period, rounding and value; the same terms where
    the object model's are totals; for the collective income, the total and
    the number of villages of the object model's one term per village."""
    found = batch.derivation
    assert found is not None
    same = ("metric", "title_en", "title_zh", "formula_en", "formula_zh", "period")
    assert [getattr(found, f) for f in same] == [getattr(reference, f) for f in same]
    assert (found.rounding_en, found.rounding_zh) == (reference.rounding_en, reference.rounding_zh)
    assert found.value == batch.value == reference.value
    assert found.villages == (subject.ids if subject.kind == "villages" else (subject.label,))
    if reference.metric in SAME_TERMS:
        assert found.terms == reference.terms
    else:
        by_village = [t.value for t in reference.terms if isinstance(t.value, Money)]
        total, with_record = found.terms[0].value, found.terms[1].value
        assert total == sum(by_village, Money.zero())
        assert with_record == len(by_village)
    assert reference.formula_zh in batch.explain("zh")
    assert batch.explain("en") == found.to_text("en")


AS_OF = datetime.date(2023, 4, 18)


def expected_village_row(
    dataset: Dataset, village_id: VillageId, year: int, on: datetime.date
) -> dict[str, object]:
    """A village's row of ``village_table``, from the object model."""
    one = Subject.villages(village_id)
    up_to = Period.up_to(on)
    counts = {
        what: compute(dataset, "monitoring.eliminated_households", one, up_to, {"count": what})
        for what in ("households", "people")
    }
    households = counts["households"].value
    people = counts["people"].value
    assert isinstance(households, HouseholdCount)
    assert isinstance(people, PersonCount)
    insurance = medical_insurance_share(dataset, village_id, on).people
    grades = Counter(
        None if survey is None else survey.housing_grade
        for survey in (latest_survey(dataset, h.id, on) for h in dataset.households_in(village_id))
    )
    income = dataset.collective_income(village_id, year)
    return {
        "village_id": village_id,
        "collective_income": None if income is None else income.yuan,
        "households": len(dataset.households_in(village_id)),
        "eliminated_households": households.value,
        "eliminated_people": people.value,
        "insured": insurance.met.value,
        "not_insured": insurance.not_met.value,
        "insurance_unknown": insurance.unknown.value,
        **{f"housing_{grade.value}": grades[grade] for grade in HousingGrade},
        "housing_unknown": grades[None],
    }
