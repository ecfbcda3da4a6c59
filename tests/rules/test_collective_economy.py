"""Collective-economy classes: examples from the report, refusals, and properties.

``SpyParameters`` and ``supplied`` at the top are shared with the tests of
meetings, decisions and competitions.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from villagemodel import InvalidValueError, Money
from villagemodel.datasets import load
from villagemodel.ids import VillageId
from villagemodel.parameters import (
    Jurisdiction,
    ParameterNotFoundError,
    ParameterSet,
    ResolvedParameter,
    Source,
)
from villagemodel.rules.collective_economy import (
    IncomeClass,
    Outcome,
    classify_income,
    classify_village,
    classify_villages,
)

LINGYUN = "CN/guangxi/baise/lingyun"
PARAMS = ParameterSet.default()
SHELL = "collective_economy.shell_threshold"
WEAK = "collective_economy.weak_threshold"
TEST_SOURCE = Source(title="value supplied by a test")


@attrs.frozen
class SpyParameters(ParameterSet):
    """A parameter set that records the name of every parameter looked up."""

    read: list[str] = attrs.field(factory=list, eq=False)

    def lookup(
        self,
        name: str,
        jurisdiction: str | Jurisdiction,
        on: datetime.date,
        *,
        allow_examples: bool = False,
    ) -> ResolvedParameter:
        self.read.append(name)
        return super().lookup(name, jurisdiction, on, allow_examples=allow_examples)


def spy(params: ParameterSet) -> SpyParameters:
    return SpyParameters(params.parameters)


def supplied(
    params: ParameterSet, name: str, value: object, jurisdiction: str = "CN/guangxi"
) -> ParameterSet:
    """``params`` with a value of ``name`` supplied by the caller from 2019."""
    return params.with_value(
        name,
        value,
        jurisdiction=jurisdiction,
        effective_from=datetime.date(2019, 1, 1),
        source=TEST_SOURCE,
    )


def with_thresholds(shell: int | str, weak: int | str) -> ParameterSet:
    return supplied(supplied(PARAMS, SHELL, shell), WEAK, weak)


def classify(income: Money | None, params: ParameterSet = PARAMS, **kw: object) -> Outcome:
    options: dict[str, object] = {
        "year": 2022,
        "classes": (IncomeClass.SHELL,),
        "jurisdiction": LINGYUN,
        "allow_examples": True,
    }
    options.update(kw)
    return classify_income(income, params=params, **options).outcome  # type: ignore[arg-type]


# -- the report --------------------------------------------------------------


def test_taohua_2022_income_22_7_wan_is_not_a_shell_village_under_the_example_threshold() -> None:
    """ "2022年，陶化村集体经济收入22.7万元": above 50,000 yuan, so not 空壳村; the
    rule does not say whether it is 薄弱村."""
    result = classify_village(
        load("lingyun-2022"),
        VillageId("taohua"),
        2022,
        classes=(IncomeClass.SHELL,),
        params=PARAMS,
        jurisdiction=LINGYUN,
        allow_examples=True,
    )
    assert result.outcome is Outcome.NOT_SHELL
    assert result.is_shell is False
    assert result.income == Money.from_wan("22.7")
    assert result.income_class is None
    text = result.explanation.to_text("en")
    assert "陶化村" in text
    assert "227,000 yuan < 50,000 yuan: false" in text
    assert "EXAMPLE value" in text
    assert "not checked: weak village" in text
    zh = result.explanation.to_text("zh")
    assert "非空壳村（未判断是否薄弱村）" in zh
    assert "22.7万元 < 5万元: 不成立" in zh
    assert "示例值" in zh


def test_villages_without_an_exact_income_record_are_unknown_not_shell() -> None:
    """ "双达村20余万元、其他4村均突破11万元" are not exact figures, so the dataset
    holds no record for them: their class for 2022 is unknown, not shell."""
    results = classify_villages(
        load("lingyun-2022"),
        2022,
        classes=(IncomeClass.SHELL,),
        params=PARAMS,
        jurisdiction=LINGYUN,
        allow_examples=True,
    )
    outcomes = {r.village_id: r.outcome for r in results}
    assert outcomes.pop(VillageId("taohua")) is Outcome.NOT_SHELL
    assert set(outcomes.values()) == {Outcome.UNKNOWN}
    unknown = next(r for r in results if r.outcome is Outcome.UNKNOWN)
    assert unknown.is_shell is None
    assert unknown.rank is None
    assert "a missing record is not zero income" in unknown.explanation.to_text("en")
    assert "无记录不等于收入为零" in unknown.explanation.to_text("zh")


def test_four_villages_above_11_wan_are_neither_shell_nor_weak_under_caller_thresholds() -> None:
    """ "其他4村均突破11万元": with thresholds the caller supplies (here 5万 and
    10万, values of this test only), more than 11万 is neither shell nor weak."""
    params = with_thresholds(50000, 100000)
    outcome = classify(
        Money.from_wan("11.01"),
        params,
        classes=(IncomeClass.SHELL, IncomeClass.WEAK),
        allow_examples=False,
    )
    assert outcome is Outcome.NEITHER
    assert (
        classify(Money.from_wan(8), params, classes=tuple(IncomeClass), allow_examples=False)
        is Outcome.WEAK
    )
    assert (
        classify(Money.from_wan(4), params, classes=tuple(IncomeClass), allow_examples=False)
        is Outcome.SHELL
    )


# -- the example threshold: "no income or under 50,000 yuan" -------------------


@pytest.mark.parametrize(
    ("income", "expected"),
    [
        (Money(0), Outcome.SHELL),
        (Money("49999.99"), Outcome.SHELL),
        (Money(50000), Outcome.NOT_SHELL),
        (Money("50000.01"), Outcome.NOT_SHELL),
        (Money(-1000), Outcome.SHELL),
    ],
    ids=["no income", "just under", "exactly 50000", "just over", "a loss"],
)
def test_villages_with_no_income_or_under_50000_yuan_are_shell_villages(
    income: Money, expected: Outcome
) -> None:
    assert classify(income) is expected


def test_no_record_is_unknown_while_a_recorded_zero_is_shell() -> None:
    assert classify(None) is Outcome.UNKNOWN
    assert classify(Money(0)) is Outcome.SHELL


# -- refusals ------------------------------------------------------------------


def test_without_examples_the_shell_threshold_is_refused() -> None:
    with pytest.raises(ParameterNotFoundError) as caught:
        classify(Money.from_wan("22.7"), allow_examples=False)
    error = caught.value
    assert (error.name, error.jurisdiction, error.on) == (
        SHELL,
        LINGYUN,
        datetime.date(2022, 12, 31),
    )
    assert "supply one with ParameterSet.with_value" in str(error)


def test_the_refusal_does_not_depend_on_the_data() -> None:
    with pytest.raises(ParameterNotFoundError, match=re.escape(SHELL)):
        classify(None, allow_examples=False)


def test_no_weak_threshold_is_shipped_not_even_as_an_example() -> None:
    assert PARAMS.parameter(WEAK).values == ()
    with pytest.raises(ParameterNotFoundError, match=re.escape(WEAK)):
        classify(Money(80000), classes=(IncomeClass.SHELL, IncomeClass.WEAK))


def test_no_guangxi_value_of_the_shell_threshold_is_shipped() -> None:
    values = PARAMS.parameter(SHELL).values
    assert [(v.jurisdiction.path, v.example) for v in values] == [("CN", True)]
    assert values[0].confidence.value == "low"


@pytest.mark.parametrize(
    "classes",
    [(), (IncomeClass.WEAK,), (IncomeClass.WEAK, IncomeClass.SHELL), (IncomeClass.SHELL,) * 2],
    ids=["none", "weak alone", "wrong order", "twice"],
)
def test_the_classes_must_run_from_the_lowest_up(classes: tuple[IncomeClass, ...]) -> None:
    with pytest.raises(
        InvalidValueError, match=r"^classes: expected the classes from the lowest up"
    ):
        classify(Money(1), with_thresholds(50000, 100000), classes=classes)


def test_a_weak_threshold_not_above_the_shell_threshold_is_refused() -> None:
    with pytest.raises(InvalidValueError) as caught:
        classify(Money(1), with_thresholds(50000, 50000), classes=tuple(IncomeClass))
    assert caught.value.path == WEAK
    assert "must lie above collective_economy.shell_threshold (50,000 yuan)" in str(caught.value)


def test_income_must_be_money() -> None:
    with pytest.raises(InvalidValueError, match=r"^income: expected Money"):
        classify(227000.0)  # type: ignore[arg-type]


def test_an_unknown_village_is_refused() -> None:
    with pytest.raises(LookupError, match="nowhere"):
        classify_village(
            load("lingyun-2022"),
            VillageId("nowhere"),
            2022,
            classes=(IncomeClass.SHELL,),
            params=PARAMS,
            jurisdiction=LINGYUN,
        )


# -- parameters: jurisdiction and date ---------------------------------------------


def test_a_county_value_from_the_caller_takes_precedence_over_the_national_example() -> None:
    params = supplied(PARAMS, SHELL, 300000, jurisdiction=LINGYUN)
    result = classify_income(
        Money.from_wan("22.7"),
        year=2022,
        classes=(IncomeClass.SHELL,),
        params=params,
        jurisdiction=LINGYUN,
        allow_examples=True,
    )
    assert result.outcome is Outcome.SHELL
    (used,) = result.thresholds
    assert (used.jurisdiction.path, used.example, used.source) == (LINGYUN, False, TEST_SOURCE)


def test_the_thresholds_in_force_on_31_december_apply_to_the_year() -> None:
    later = PARAMS.with_value(
        SHELL,
        100000,
        jurisdiction="CN/guangxi",
        effective_from=datetime.date(2022, 12, 31),
        source=TEST_SOURCE,
    )
    assert classify(Money(80000), later, year=2022, allow_examples=False) is Outcome.SHELL
    with pytest.raises(ParameterNotFoundError):
        classify(Money(80000), later, year=2021, allow_examples=False)


def test_the_explanation_lists_the_thresholds_with_their_sources_as_json() -> None:
    result = classify_income(
        Money(0),
        year=2022,
        classes=(IncomeClass.SHELL,),
        params=PARAMS,
        jurisdiction=LINGYUN,
        allow_examples=True,
    )
    data = result.explanation.to_json()
    assert data["outcome_en"] == "shell village"
    (parameter,) = data["parameters"]
    assert parameter["name"] == SHELL
    assert parameter["value"] == "50000"
    assert parameter["example"] is True
    assert parameter["requested_for"] == LINGYUN
    assert "2023" in parameter["source"]["title"]
    assert data["comparisons"][0]["holds"] is True


# -- properties ----------------------------------------------------------------

fen = st.integers(min_value=-(10**9), max_value=10**9)


def money_of(fen_amount: int) -> Money:
    return Money(Decimal(fen_amount) / 100)


@given(
    low=fen,
    high=fen,
    shell=st.integers(min_value=1, max_value=10**8),
    gap=st.integers(min_value=1, max_value=10**8),
    both=st.booleans(),
)
def test_the_class_is_monotone_in_income(
    low: int, high: int, shell: int, gap: int, both: bool
) -> None:
    low, high = sorted((low, high))
    params = with_thresholds(str(money_of(shell).yuan), str(money_of(shell + gap).yuan))
    classes = tuple(IncomeClass) if both else (IncomeClass.SHELL,)
    results = [
        classify_income(
            money_of(amount),
            year=2022,
            classes=classes,
            params=params,
            jurisdiction=LINGYUN,
        )
        for amount in (low, high)
    ]
    ranks = [r.rank for r in results]
    assert ranks[0] is not None
    assert ranks[1] is not None
    assert ranks[0] <= ranks[1]
    order = (
        [Outcome.SHELL, Outcome.WEAK, Outcome.NEITHER]
        if both
        else [Outcome.SHELL, Outcome.NOT_SHELL]
    )
    assert order.index(results[0].outcome) <= order.index(results[1].outcome)
    assert all(order.index(r.outcome) == r.rank for r in results)


@given(
    income=st.none() | fen.map(money_of),
    both=st.booleans(),
    year=st.integers(min_value=2019, max_value=2030),
)
def test_the_explanation_names_every_parameter_the_rule_read(
    income: Money | None, both: bool, year: int
) -> None:
    params = spy(with_thresholds(50000, 100000))
    classes = tuple(IncomeClass) if both else (IncomeClass.SHELL,)
    result = classify_income(
        income, year=year, classes=classes, params=params, jurisdiction=LINGYUN
    )
    assert params.read
    assert result.explanation.parameter_names() == set(params.read)
