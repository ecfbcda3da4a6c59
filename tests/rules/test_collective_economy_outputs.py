"""Collective-economy classes: the exact explanations, errors and defaults a
caller reads."""

from __future__ import annotations

import datetime

import pytest

from villagemodel import InvalidValueError, Money
from villagemodel.datasets import load
from villagemodel.ids import VillageId
from villagemodel.parameters import ParameterNotFoundError, ParameterSet, Source
from villagemodel.rules.collective_economy import (
    IncomeClass,
    IncomeClassification,
    Outcome,
    classify_income,
    classify_village,
    classify_villages,
)

LINGYUN = "CN/guangxi/baise/lingyun"
SHELL = "collective_economy.shell_threshold"
WEAK = "collective_economy.weak_threshold"
BOTH = (IncomeClass.SHELL, IncomeClass.WEAK)

SUPPLIED_EN = "(CN/guangxi; from 2019-01-01; confidence high); source: value supplied by a test"
SUPPLIED_ZH = "(CN/guangxi; 自2019-01-01起; 可信度high); 来源：value supplied by a test"


def thresholds(shell: int = 50000, weak: int = 100000) -> ParameterSet:
    """The default parameters with both thresholds supplied for Guangxi (values
    of these tests only)."""
    params = ParameterSet.default()
    for name, value in ((SHELL, shell), (WEAK, weak)):
        params = params.with_value(
            name,
            value,
            jurisdiction="CN/guangxi",
            effective_from=datetime.date(2019, 1, 1),
            source=Source(title="value supplied by a test"),
        )
    return params


def both_classes(income: Money | None, **kw: object) -> IncomeClassification:
    return classify_income(
        income,
        year=2022,
        classes=BOTH,
        params=thresholds(),
        jurisdiction=LINGYUN,
        **kw,  # type: ignore[arg-type]
    )


def lines(en: list[str]) -> str:
    return "\n".join(en)


PARAMETERS_EN = [
    "  parameters:",
    f"    {SHELL} = 50,000 yuan {SUPPLIED_EN}",
    f"    {WEAK} = 100,000 yuan {SUPPLIED_EN}",
]
PARAMETERS_ZH = [
    "  参数:",
    f"    {SHELL} = 5万元 {SUPPLIED_ZH}",
    f"    {WEAK} = 10万元 {SUPPLIED_ZH}",
]


# -- explanations ------------------------------------------------------------------


def test_a_weak_village_is_below_the_weak_and_at_or_above_the_shell_threshold() -> None:
    result = both_classes(Money(80000), village_id=VillageId("taohua"))
    assert result.income_class is IncomeClass.WEAK
    assert (result.outcome, result.rank) == (Outcome.WEAK, 1)
    assert result.explanation.to_text("en") == lines(
        [
            "Collective-economy class of a village [collective_economy.classify]: weak village",
            "  because: income is below the weak village threshold "
            "and at or above the shell village threshold",
            "  inputs:",
            "    village: taohua",
            "    year: 2022",
            "    collective-economy income: 80,000 yuan",
            "    classes checked: shell village, weak village",
            *PARAMETERS_EN,
            "  comparisons:",
            "    income below the shell village threshold: 80,000 yuan < 50,000 yuan: false",
            "    income below the weak village threshold: 80,000 yuan < 100,000 yuan: true",
        ]
    )
    assert result.explanation.to_text("zh") == lines(
        [
            "村级集体经济分类 [collective_economy.classify]: 薄弱村",
            "  依据: 收入低于薄弱村标准，不低于空壳村标准",
            "  输入:",
            "    村: taohua",
            "    年度: 2022",
            "    村集体经济收入: 8万元",
            "    判定的类别: 空壳村、薄弱村",
            *PARAMETERS_ZH,
            "  比较:",
            "    收入低于空壳村标准: 8万元 < 5万元: 不成立",
            "    收入低于薄弱村标准: 8万元 < 10万元: 成立",
        ]
    )


def test_a_shell_village_checked_for_both_classes_is_only_said_to_be_below_the_shell() -> None:
    result = both_classes(Money(0), village_name="陶化村")
    assert result.income_class is IncomeClass.SHELL
    assert result.rank == 0
    en = result.explanation.to_text("en").splitlines()
    zh = result.explanation.to_text("zh").splitlines()
    assert en[:4] == [
        "Collective-economy class of a village [collective_economy.classify]: shell village",
        "  because: income is below the shell village threshold",
        "  inputs:",
        "    village: 陶化村",
    ]
    assert zh[:4] == [
        "村级集体经济分类 [collective_economy.classify]: 空壳村",
        "  依据: 收入低于空壳村标准",
        "  输入:",
        "    村: 陶化村",
    ]


def test_neither_shell_nor_weak_is_at_or_above_every_threshold() -> None:
    """ "其他4村均突破11万元", under thresholds the caller supplies."""
    result = both_classes(Money.from_wan("11.01"))
    assert result.income_class is None
    assert (result.outcome, result.rank) == (Outcome.NEITHER, 2)
    assert result.explanation.to_text("en") == lines(
        [
            "Collective-economy class of a village [collective_economy.classify]: "
            "neither a shell nor a weak village",
            "  because: income is at or above the threshold of every class checked",
            "  inputs:",
            "    year: 2022",
            "    collective-economy income: 110,100 yuan",
            "    classes checked: shell village, weak village",
            *PARAMETERS_EN,
            "  comparisons:",
            "    income below the shell village threshold: 110,100 yuan < 50,000 yuan: false",
            "    income below the weak village threshold: 110,100 yuan < 100,000 yuan: false",
        ]
    )
    assert result.explanation.to_text("zh") == lines(
        [
            "村级集体经济分类 [collective_economy.classify]: 既非空壳村也非薄弱村",
            "  依据: 收入不低于所判定各类别的标准",
            "  输入:",
            "    年度: 2022",
            "    村集体经济收入: 11.01万元",
            "    判定的类别: 空壳村、薄弱村",
            *PARAMETERS_ZH,
            "  比较:",
            "    收入低于空壳村标准: 11.01万元 < 5万元: 不成立",
            "    收入低于薄弱村标准: 11.01万元 < 10万元: 不成立",
        ]
    )


def test_taohua_2022_not_a_shell_village_explained_in_full() -> None:
    """ "2022年，陶化村集体经济收入22.7万元", under the example threshold."""
    result = classify_village(
        load("lingyun-2022"),
        VillageId("taohua"),
        2022,
        classes=(IncomeClass.SHELL,),
        params=ParameterSet.default(),
        jurisdiction=LINGYUN,
        allow_examples=True,
    )
    assert result.village_id == "taohua"
    example_en = (
        f"    {SHELL} = 50,000 yuan (CN; from 2019-01-01; EXAMPLE value; confidence low); "
        "source: 村级集体经济研究论文（2023年，题名未记录） (2023)"
    )
    example_zh = (
        f"    {SHELL} = 5万元 (CN; 自2019-01-01起; 示例值; 可信度low); "
        "来源：村级集体经济研究论文（2023年，题名未记录） (2023)"
    )
    assert result.explanation.to_text("en") == lines(
        [
            "Collective-economy class of a village [collective_economy.classify]: "
            "not a shell village (weak class not checked)",
            "  because: income is at or above the threshold of every class checked; "
            "not checked: weak village",
            "  inputs:",
            "    village: 陶化村",
            "    year: 2022",
            "    collective-economy income: 227,000 yuan",
            "    classes checked: shell village",
            "  parameters:",
            example_en,
            "  comparisons:",
            "    income below the shell village threshold: 227,000 yuan < 50,000 yuan: false",
        ]
    )
    assert result.explanation.to_text("zh") == lines(
        [
            "村级集体经济分类 [collective_economy.classify]: 非空壳村（未判断是否薄弱村）",
            "  依据: 收入不低于所判定各类别的标准；未判断：薄弱村",
            "  输入:",
            "    村: 陶化村",
            "    年度: 2022",
            "    村集体经济收入: 22.7万元",
            "    判定的类别: 空壳村",
            "  参数:",
            example_zh,
            "  比较:",
            "    收入低于空壳村标准: 22.7万元 < 5万元: 不成立",
        ]
    )


def test_an_unknown_income_is_explained_in_full_and_keeps_what_was_asked() -> None:
    params = thresholds()
    result = classify_income(
        None,
        year=2021,
        classes=BOTH,
        params=params,
        jurisdiction=LINGYUN,
        village_id=VillageId("taohua"),
    )
    assert (result.year, result.classes, result.village_id) == (2021, BOTH, "taohua")
    assert [t.name for t in result.thresholds] == [SHELL, WEAK]
    assert result.explanation.to_text("en") == lines(
        [
            "Collective-economy class of a village [collective_economy.classify]: "
            "unknown: no income recorded for the year",
            "  because: no collective-economy income is recorded for 2021; "
            "a missing record is not zero income",
            "  inputs:",
            "    village: taohua",
            "    year: 2021",
            "    collective-economy income: none",
            "    classes checked: shell village, weak village",
            *PARAMETERS_EN,
        ]
    )
    assert result.explanation.to_text("zh") == lines(
        [
            "村级集体经济分类 [collective_economy.classify]: 收入不详",
            "  依据: 无2021年村集体经济收入记录；无记录不等于收入为零",
            "  输入:",
            "    村: taohua",
            "    年度: 2021",
            "    村集体经济收入: 无",
            "    判定的类别: 空壳村、薄弱村",
            *PARAMETERS_ZH,
        ]
    )


def test_a_known_income_keeps_the_year_and_classes_asked() -> None:
    result = classify_income(
        Money(1),
        year=2021,
        classes=BOTH,
        params=thresholds(),
        jurisdiction=LINGYUN,
    )
    assert (result.year, result.classes, result.village_id) == (2021, BOTH, None)


def test_a_village_named_by_name_only_is_shown_by_name() -> None:
    result = both_classes(None, village_name="陶化村")
    assert "    village: 陶化村" in result.explanation.to_text("en").splitlines()


# -- refusals ---------------------------------------------------------------------------


def test_classes_out_of_order_are_refused_with_the_classes_accepted() -> None:
    with pytest.raises(InvalidValueError) as caught:
        classify_income(
            Money(1),
            year=2022,
            classes=(IncomeClass.WEAK,),
            params=thresholds(),
            jurisdiction=LINGYUN,
        )
    error = caught.value
    assert (error.path, error.value) == ("classes", (IncomeClass.WEAK,))
    assert error.reason == (
        "expected the classes from the lowest up, without gaps: (SHELL) or (SHELL, WEAK)"
    )


def test_a_weak_threshold_below_the_shell_threshold_is_refused_with_its_value() -> None:
    with pytest.raises(InvalidValueError) as caught:
        classify_income(
            Money(1),
            year=2022,
            classes=BOTH,
            params=thresholds(shell=50000, weak=40000),
            jurisdiction=LINGYUN,
        )
    error = caught.value
    assert (error.path, error.value) == (WEAK, Money(40000))
    assert error.reason == (
        "must lie above collective_economy.shell_threshold (50,000 yuan): "
        "class thresholds rise from the lowest class up"
    )


def test_an_income_that_is_not_money_is_refused_with_its_value() -> None:
    with pytest.raises(InvalidValueError) as caught:
        both_classes(227000)  # type: ignore[arg-type]
    assert (caught.value.path, caught.value.value) == ("income", 227000)


def test_an_impossible_year_is_refused_by_name() -> None:
    with pytest.raises(InvalidValueError) as caught:
        classify_income(
            Money(1),
            year=20222,
            classes=BOTH,
            params=thresholds(),
            jurisdiction=LINGYUN,
        )
    assert (caught.value.path, caught.value.value) == ("year", 20222)


def test_a_threshold_that_is_not_money_in_a_callers_file_is_refused() -> None:
    """A caller's parameter file that declares the shell threshold as a count."""
    params = ParameterSet.from_toml_text(
        f"""
[[parameters]]
name = "{SHELL}"
kind = "integer"
unit = "villages"
description_en = "a wrongly declared threshold"
description_zh = "错误声明的标准"

[[parameters.values]]
jurisdiction = "CN"
effective_from = 2019-01-01
value = 50000
confidence = "high"
[parameters.values.source]
title = "value supplied by a test"
"""
    )
    with pytest.raises(InvalidValueError) as caught:
        classify_income(
            Money(1), year=2022, classes=(IncomeClass.SHELL,), params=params, jurisdiction="CN"
        )
    error = caught.value
    assert (error.path, error.value, error.reason) == (SHELL, 50000, "expected an amount of money")


# -- by default, example values are refused --------------------------------------------


def test_by_default_classify_income_refuses_the_example_threshold() -> None:
    with pytest.raises(ParameterNotFoundError):
        classify_income(
            Money(1),
            year=2022,
            classes=(IncomeClass.SHELL,),
            params=ParameterSet.default(),
            jurisdiction=LINGYUN,
        )


def test_by_default_classify_village_refuses_the_example_threshold() -> None:
    with pytest.raises(ParameterNotFoundError):
        classify_village(
            load("lingyun-2022"),
            VillageId("taohua"),
            2022,
            classes=(IncomeClass.SHELL,),
            params=ParameterSet.default(),
            jurisdiction=LINGYUN,
        )


def test_by_default_classify_villages_refuses_the_example_threshold() -> None:
    with pytest.raises(ParameterNotFoundError):
        classify_villages(
            load("lingyun-2022"),
            2022,
            classes=(IncomeClass.SHELL,),
            params=ParameterSet.default(),
            jurisdiction=LINGYUN,
        )
