"""Which monitored households could have their risk marked eliminated, and why not the others.

A household at risk of relapse into poverty is monitored (监测户) until its
risk is marked eliminated (风险消除). ``assess_elimination`` says whether that
can be done on a date: income stably above the monitoring line, the two
assurances, three guarantees and drinking water (两不愁三保障及饮水安全) met, a
member able to work, rigid spending under control; anything unknown blocks.

The script takes the households of the synthetic dataset monitored at the
end of the report's year (31 December 2022, when a year's incomes are all
recorded; on the report's own date, 18 April 2023, no 2023 income is recorded
yet and every household is blocked for that reason alone), assesses each, and
prints the candidates with their evidence and the others with the rule's
blockers, in Chinese and English as the library words them.

The rule needs inputs that no record and no shipped value gives: Guangxi's
monitoring income line (not public, so none is shipped), the number of months
of stable income (shipped only for Zongyang county, Anhui), the kind of water
area, and whether rigid spending is under control. The script passes each
explicitly and prints what it passed. The income line used is illustrative.

Run: ``python examples/elimination_candidates.py``
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from villagemodel import datasets
from villagemodel.dataset import Dataset
from villagemodel.households import MonitoringRecord
from villagemodel.money import Money
from villagemodel.parameters import Confidence, ParameterSet, Source
from villagemodel.rules.guarantees import Outcome, WaterArea
from villagemodel.rules.monitoring import (
    Blocker,
    EliminationAssessment,
    assess_elimination,
    eliminated_households,
    income_window,
)

NAME = "lingyun-2022-synthetic"
LINGYUN = "CN/guangxi/baise/lingyun"
"""凌云县 Lingyun county, the jurisdiction whose rules apply."""
ZONGYANG = "CN/anhui/tongling/zongyang"
"""枞阳县 Zongyang county (Anhui): the only public stable-income duration."""

INCOME_LINE = Decimal("6000")
"""Yuan per person per year. ILLUSTRATIVE: Guangxi's monitoring lines are not public."""
INCOME_LINE_FROM = datetime.date(2021, 1, 1)
WATER_AREA = WaterArea.WATER_RICH
"""The water-rich standard asks more water per person than the water-short one."""
RIGID_SPENDING_CONTROLLED = True
"""No record holds spending, so the caller states it; here, for every household."""


def parameters() -> ParameterSet:
    """The shipped parameters plus the income line, which the caller must supply."""
    return ParameterSet.default().with_value(
        "monitoring.income_line",
        INCOME_LINE,
        jurisdiction="CN/guangxi",
        effective_from=INCOME_LINE_FROM,
        source=Source(title="Illustrative figure for this example, not Guangxi's published line"),
        confidence=Confidence.LOW,
    )


def print_inputs(on: datetime.date, months: int) -> None:
    line = Money(INCOME_LINE).format_en()
    print("Inputs no record or shipped value gives, passed explicitly:")
    print(
        f"  monitoring income line (防止返贫监测收入标准): {line} per person per year"
        f" for CN/guangxi from {INCOME_LINE_FROM.isoformat()}: ILLUSTRATIVE, no Guangxi line is"
        " shipped or public"
    )
    print(
        f"  stable-income months (收入稳定期): {months}, Zongyang county's ({ZONGYANG}),"
        " chosen explicitly: none is shipped for Guangxi"
    )
    print(
        f"  water area: {WATER_AREA.en} ({WATER_AREA.zh}), the stricter quantity standard;"
        " the rule does not guess it"
    )
    spending = "under control" if RIGID_SPENDING_CONTROLLED else "not under control"
    print(
        f"  rigid spending (刚性支出): stated {spending} for every household;"
        " no record holds spending"
    )
    start, years = income_window(on, months)
    print(
        f"  so income must be above the line in every year of {start.isoformat()} to"
        f" {on.isoformat()}: {', '.join(str(y) for y in years)}"
    )


def describe(dataset: Dataset, spell: MonitoringRecord) -> str:
    household = dataset.household(spell.household_id)
    village = dataset.village(household.village_id)
    again = any(
        s.is_eliminated_by(spell.identified_on) for s in dataset.monitoring_of(household.id)
    )
    note = ", monitored again after an earlier elimination" if again else ""
    return (
        f"{household.id}  {village.name} {village.name_en or ''}  "
        f"{spell.category.zh} {spell.category.en}, monitored since "
        f"{spell.identified_on.isoformat()}{note}"
    )


def evidence(result: EliminationAssessment) -> list[str]:
    """What the assessment found: incomes against the line, guarantees, working capacity."""
    lines = [c.to_text("en") for c in result.explanation.comparisons]
    lines += [
        f"per-capita income {year.year}: no record"
        for year in result.incomes
        if year.income is None
    ]
    survey = result.guarantees.survey
    where = f"survey {survey.id} of {survey.surveyed_on.isoformat()}" if survey else "no survey"
    overall = result.guarantees.overall
    lines.append(f"guarantees (两不愁三保障及饮水安全): {overall.en} ({overall.zh}), {where}")
    for outcome in (Outcome.NOT_MET, Outcome.UNKNOWN):
        for component in result.guarantees.with_outcome(outcome):
            lines.append(f"  {component.en} ({component.zh}): {outcome.en}")
    return lines


def main() -> None:
    meta = datasets.info(NAME)
    dataset = datasets.load(NAME)
    # The end of the report's year: the year's incomes are recorded by then.
    on = datetime.date(meta.as_of.year - 1, 12, 31)
    print(f"{NAME}: {meta.title}")
    print(
        f"Can a monitored household's risk be marked eliminated (风险消除) on {on.isoformat()}?\n"
    )

    params = parameters()
    spells = [s for s in dataset.monitoring if s.is_open_on(on)]
    results = [
        (
            spell,
            assess_elimination(
                dataset,
                spell.household_id,
                on,
                params=params,
                jurisdiction=LINGYUN,
                water_area=WATER_AREA,
                rigid_spending_controlled=RIGID_SPENDING_CONTROLLED,
                stable_months_from=ZONGYANG,
            ),
        )
        for spell in spells
    ]
    months = results[0][1].stable_months if results else 0
    print_inputs(on, months)
    recorded = sorted({income.year for income in dataset.incomes})
    print(f"  income records in the dataset: {', '.join(str(y) for y in recorded)}")

    candidates = [(s, r) for s, r in results if r.eligible]
    not_yet = [(s, r) for s, r in results if not r.eligible]

    print(f"\nCandidates (可以标注风险消除, eligible): {len(candidates)}")
    for spell, result in candidates:
        print(f"  {describe(dataset, spell)}")
        for line in evidence(result):
            print(f"      {line}")
    if not candidates:
        missing = [{y.year for y in r.incomes if y.income is None} for _, r in results]
        for_all = sorted(set.intersection(*missing)) if missing else []
        if for_all:
            years = ", ".join(str(y) for y in for_all)
            print(f"  (none: no household has an income record for {years}, a year of its window)")
        else:
            print("  (none)")

    print(f"\nNot yet (不得标注风险消除, not eligible): {len(not_yet)}")
    for spell, result in not_yet:
        print(f"  {describe(dataset, spell)}")
        for blocker in result.blockers:
            print(f"    - {blocker.zh} / {blocker.en}")
        for line in evidence(result):
            print(f"      {line}")

    done = eliminated_households(dataset, [v.id for v in dataset.villages], on)
    only_income = sum(1 for _, r in not_yet if r.blockers == (Blocker.INCOME_UNKNOWN,))
    print("\nCounts:")
    print(f"  monitored on {on.isoformat()} (监测户): {len(results)} households")
    print(f"  candidates: {len(candidates)}; not yet: {len(not_yet)}")
    print(
        f"  not yet only because an income of the window is not recorded: {only_income}"
        " (recording it would decide them)"
    )
    print(
        f"  risk already eliminated by then (已消除风险的监测户): {done.households.format_en()},"
        f" {done.people.format_en()} ({done.explanation.outcome_zh})"
    )


if __name__ == "__main__":
    main()
