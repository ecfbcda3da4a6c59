"""Village collective-economy classes (村级集体经济分类): shell, weak, or neither.

A village's collective economy earns income for the village as a whole
(:class:`~villagemodel.finance.CollectiveIncome`). Policy papers sort villages
by that income for a year: a *shell village* (空壳村) has no collective income
or almost none, a *weak village* (薄弱村) has little. The source report:
"2022年，陶化村集体经济收入22.7万元".

The thresholds are parameters, and few are public. No official threshold was
found for Guangxi or nationally. The library ships one EXAMPLE value, a 2023
paper's working definition ("villages with no income or under 50,000 yuan are
空壳村"), and no weak-village value at all. So:

* without thresholds supplied by the caller
  (:meth:`~villagemodel.parameters.ParameterSet.with_value`) the rule refuses
  with :class:`~villagemodel.parameters.ParameterNotFoundError`, unless the
  caller asks for example values (``allow_examples=True``);
* the caller names the classes to check, lowest first: ``(SHELL,)`` or
  ``(SHELL, WEAK)``. With ``(SHELL,)`` a village at or above the shell
  threshold is :attr:`Outcome.NOT_SHELL`: the rule says nothing about whether
  it is weak. Asking for ``WEAK`` needs a weak threshold, which only the
  caller can supply;
* a year without an income record gives :attr:`Outcome.UNKNOWN`, never
  "shell": a missing record is not zero income. Zero income, recorded, is a
  shell village.

A village falls in the lowest checked class whose threshold its income is
below (``income < threshold``; exactly 50,000 yuan is not a shell village
under the example value). The thresholds must rise from class to class, so
the class never falls as income rises. The thresholds used for a year are
those in force on 31 December of that year.

>>> import datetime
>>> from villagemodel import Money
>>> from villagemodel.parameters import ParameterSet
>>> params = ParameterSet.default()
>>> result = classify_income(Money.from_wan("22.7"), year=2022, classes=(IncomeClass.SHELL,),
...                          params=params, jurisdiction="CN/guangxi/baise/lingyun",
...                          allow_examples=True)
>>> result.outcome
<Outcome.NOT_SHELL: 'not_shell'>
>>> classify_income(Money.from_wan("22.7"), year=2022, classes=(IncomeClass.SHELL,),
...                 params=params, jurisdiction="CN/guangxi")
Traceback (most recent call last):
...
villagemodel.parameters.ParameterNotFoundError: no value of 'collective_economy.shell_threshold' is in force for CN/guangxi on 2022-12-31 (looked in CN/guangxi, CN); supply one with ParameterSet.with_value
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Final

import attrs

from villagemodel.dataset import Dataset
from villagemodel.errors import InvalidValueError
from villagemodel.explain import Comparison, Explanation, Fact, Operator, display
from villagemodel.ids import VillageId
from villagemodel.labels import LabelledEnum
from villagemodel.money import Money
from villagemodel.parameters import Jurisdiction, ParameterSet, ResolvedParameter
from villagemodel.periods import Period, check_year

__all__ = [
    "IncomeClass",
    "IncomeClassification",
    "Outcome",
    "classify_income",
    "classify_village",
    "classify_villages",
]

RULE: Final = "collective_economy.classify"


class IncomeClass(LabelledEnum):
    """A class of village defined by an income threshold, lowest first.

    ``parameter`` names the threshold: a village whose income is below it
    (and not below the threshold of a lower class) is in the class.
    """

    SHELL = ("shell", "空壳村", "shell village", "collective_economy.shell_threshold")
    WEAK = ("weak", "薄弱村", "weak village", "collective_economy.weak_threshold")

    parameter: str

    def __init__(
        self, code: str, zh: str, en: str, parameter: str
    ) -> None:  # pragma: no mutate block
        self.parameter = parameter


class Outcome(LabelledEnum):
    """What the rule concluded about a village's year."""

    SHELL = ("shell", "空壳村", "shell village")
    WEAK = ("weak", "薄弱村", "weak village")
    NOT_SHELL = (
        "not_shell",
        "非空壳村（未判断是否薄弱村）",
        "not a shell village (weak class not checked)",
    )
    NEITHER = ("neither", "既非空壳村也非薄弱村", "neither a shell nor a weak village")
    UNKNOWN = ("unknown", "收入不详", "unknown: no income recorded for the year")


_BELOW: Final = {IncomeClass.SHELL: Outcome.SHELL, IncomeClass.WEAK: Outcome.WEAK}
"""The outcome for a village below a class's threshold."""

_ABOVE: Final = {IncomeClass.SHELL: Outcome.NOT_SHELL, IncomeClass.WEAK: Outcome.NEITHER}
"""The outcome for a village at or above the threshold of the highest class checked."""


@attrs.frozen(kw_only=True)
class IncomeClassification:
    """A village's collective-economy class for a year, and why.

    ``rank`` counts the checked thresholds the income reaches (0: below the
    shell threshold); it never falls as income rises. ``income_class`` is the
    class the village is in, ``None`` when it is above every class checked or
    its income is unknown.
    """

    year: int
    income: Money | None
    classes: tuple[IncomeClass, ...]
    outcome: Outcome
    income_class: IncomeClass | None
    rank: int | None
    thresholds: tuple[ResolvedParameter, ...]
    explanation: Explanation
    village_id: VillageId | None = None

    @property
    def is_shell(self) -> bool | None:
        """Whether the village is a shell village; ``None`` when its income is unknown."""
        if self.outcome is Outcome.UNKNOWN:
            return None
        return self.outcome is Outcome.SHELL


def _checked_classes(classes: Sequence[IncomeClass]) -> tuple[IncomeClass, ...]:
    chosen = tuple(classes)
    order = tuple(IncomeClass)
    if not chosen or chosen != order[: len(chosen)]:
        accepted = " or ".join(
            "(" + ", ".join(c.name for c in order[:end]) + ")" for end in range(1, len(order) + 1)
        )
        raise InvalidValueError(
            "classes", chosen, f"expected the classes from the lowest up, without gaps: {accepted}"
        )
    return chosen


def _money_of(found: ResolvedParameter) -> Money:
    if not isinstance(found.value, Money):
        raise InvalidValueError(found.name, found.value, "expected an amount of money")
    return found.value


def classify_income(
    income: Money | None,
    *,
    year: int,
    classes: Sequence[IncomeClass],
    params: ParameterSet,
    jurisdiction: str | Jurisdiction,
    allow_examples: bool = False,
    village_id: VillageId | None = None,
    village_name: str | None = None,
) -> IncomeClassification:
    """The class of a village whose collective-economy income for ``year`` is ``income``.

    ``income`` is ``None`` when no income is recorded for the year: the
    outcome is then :attr:`Outcome.UNKNOWN`. The thresholds of ``classes``
    are looked up for ``jurisdiction`` on 31 December of ``year``, before
    the income is read, so a missing threshold is refused even for a village
    without data.

    Raises :class:`~villagemodel.parameters.ParameterNotFoundError` when a
    threshold has no value (example values count only with
    ``allow_examples``), and :class:`~villagemodel.errors.InvalidValueError`
    when ``classes`` is not ``(SHELL,)`` or ``(SHELL, WEAK)`` or the weak
    threshold does not lie above the shell threshold.
    """
    check_year(year, "year")
    if income is not None and not isinstance(income, Money):
        raise InvalidValueError(
            "income", income, "expected Money, or None when no income is recorded"
        )
    chosen = _checked_classes(classes)
    on = Period.calendar_year(year).end
    found = tuple(
        params.lookup(c.parameter, jurisdiction, on, allow_examples=allow_examples) for c in chosen
    )
    limits = tuple(_money_of(p) for p in found)
    for (low, low_limit), (high, high_limit) in itertools.pairwise(zip(found, limits, strict=True)):
        if not low_limit < high_limit:
            raise InvalidValueError(
                high.name,
                high_limit,
                f"must lie above {low.name} ({low_limit.format_en()}): "
                "class thresholds rise from the lowest class up",
            )
    inputs = _inputs(income, year, chosen, village_id, village_name)
    if income is None:
        return IncomeClassification(
            year=year,
            income=None,
            classes=chosen,
            outcome=Outcome.UNKNOWN,
            income_class=None,
            rank=None,
            thresholds=found,
            village_id=village_id,
            explanation=Explanation(
                rule=RULE,
                title_en="Collective-economy class of a village",
                title_zh="村级集体经济分类",
                outcome_en=Outcome.UNKNOWN.en,
                outcome_zh=Outcome.UNKNOWN.zh,
                branch_en=f"no collective-economy income is recorded for {year}; "
                "a missing record is not zero income",
                branch_zh=f"无{year}年村集体经济收入记录；无记录不等于收入为零",
                inputs=inputs,
                parameters=found,
            ),
        )
    comparisons = tuple(
        Comparison.of(
            f"income below the {c.en} threshold",
            f"收入低于{c.zh}标准",
            income,
            Operator.LT,
            limit,
        )
        for c, limit in zip(chosen, limits, strict=True)
    )
    rank = sum(1 for limit in limits if income >= limit)
    if rank < len(chosen):
        income_class: IncomeClass | None = chosen[rank]
        outcome = _BELOW[chosen[rank]]
        branch_en = f"income is below the {chosen[rank].en} threshold"
        branch_zh = f"收入低于{chosen[rank].zh}标准"
        if rank:
            branch_en += f" and at or above the {chosen[rank - 1].en} threshold"
            branch_zh += f"，不低于{chosen[rank - 1].zh}标准"
    else:
        income_class = None
        outcome = _ABOVE[chosen[-1]]
        branch_en = "income is at or above the threshold of every class checked"
        branch_zh = "收入不低于所判定各类别的标准"
        unchecked = tuple(IncomeClass)[len(chosen) :]
        if unchecked:
            branch_en += f"; not checked: {display(unchecked, 'en')}"
            branch_zh += f"；未判断：{display(unchecked, 'zh')}"
    return IncomeClassification(
        year=year,
        income=income,
        classes=chosen,
        outcome=outcome,
        income_class=income_class,
        rank=rank,
        thresholds=found,
        village_id=village_id,
        explanation=Explanation(
            rule=RULE,
            title_en="Collective-economy class of a village",
            title_zh="村级集体经济分类",
            outcome_en=outcome.en,
            outcome_zh=outcome.zh,
            branch_en=branch_en,
            branch_zh=branch_zh,
            inputs=inputs,
            parameters=found,
            comparisons=comparisons,
        ),
    )


def _inputs(
    income: Money | None,
    year: int,
    chosen: tuple[IncomeClass, ...],
    village_id: VillageId | None,
    village_name: str | None,
) -> tuple[Fact, ...]:
    facts: list[Fact] = []
    if village_name is not None or village_id is not None:
        facts.append(Fact(label_en="village", label_zh="村", value=village_name or village_id))
    facts += [
        Fact(label_en="year", label_zh="年度", value=str(year)),
        Fact(label_en="collective-economy income", label_zh="村集体经济收入", value=income),
        Fact(label_en="classes checked", label_zh="判定的类别", value=chosen),
    ]
    return tuple(facts)


def classify_village(
    dataset: Dataset,
    village_id: VillageId,
    year: int,
    *,
    classes: Sequence[IncomeClass],
    params: ParameterSet,
    jurisdiction: str | Jurisdiction,
    allow_examples: bool = False,
) -> IncomeClassification:
    """The class of a village of ``dataset`` for ``year``, from its income record.

    A village without an income record for the year is
    :attr:`Outcome.UNKNOWN`.
    """
    village = dataset.village(village_id)
    return classify_income(
        dataset.collective_income(village_id, year),
        year=year,
        classes=classes,
        params=params,
        jurisdiction=jurisdiction,
        allow_examples=allow_examples,
        village_id=village_id,
        village_name=village.name,
    )


def classify_villages(
    dataset: Dataset,
    year: int,
    *,
    classes: Sequence[IncomeClass],
    params: ParameterSet,
    jurisdiction: str | Jurisdiction,
    allow_examples: bool = False,
) -> tuple[IncomeClassification, ...]:
    """The class of every village of ``dataset`` for ``year``, in dataset order."""
    return tuple(
        classify_village(
            dataset,
            village.id,
            year,
            classes=classes,
            params=params,
            jurisdiction=jurisdiction,
            allow_examples=allow_examples,
        )
        for village in dataset.villages
    )
