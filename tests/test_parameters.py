"""Dated, cited parameters: lookup, fallback, expiry, user values and files."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from villagemodel import Money
from villagemodel.errors import DatasetValidationError, InexactNumberError, InvalidValueError
from villagemodel.parameters import (
    Confidence,
    Jurisdiction,
    JurisdictionLevel,
    ParameterNotFoundError,
    ParameterSet,
    ParameterValue,
    Source,
    UnknownParameterError,
)

D = datetime.date
SOURCE = Source(title="测试文件", issuer="测试机关")

LINES = """
[[parameters]]
name = "monitoring.income_line"
kind = "money"
unit = "yuan per person per year"
description_en = "line"
description_zh = "收入标准"

[[parameters.values]]
jurisdiction = "CN/guangxi"
effective_from = 2021-01-01
value = "6000"
confidence = "high"
[parameters.values.source]
title = "2021 line"

[[parameters.values]]
jurisdiction = "CN/guangxi"
effective_from = 2022-01-01
effective_until = 2022-12-31
value = "6500"
confidence = "high"
[parameters.values.source]
title = "2022 line"

[[parameters.values]]
jurisdiction = "CN/guangxi/baise/lingyun"
effective_from = 2022-07-01
value = "7000"
confidence = "medium"
example = true
[parameters.values.source]
title = "an example county line"
"""


@pytest.fixture
def lines() -> ParameterSet:
    return ParameterSet.default().merged(ParameterSet.from_toml_text(LINES))


def test_a_county_falls_back_to_its_province(lines: ParameterSet) -> None:
    found = lines.lookup("monitoring.income_line", "CN/guangxi/baise/lingyun", D(2021, 6, 1))
    assert found.value == Money(6000)
    assert found.jurisdiction.path == "CN/guangxi"
    assert found.requested_for.path == "CN/guangxi/baise/lingyun"
    assert found.source.title == "2021 line"


def test_the_latest_value_in_force_wins(lines: ParameterSet) -> None:
    assert lines.lookup("monitoring.income_line", "CN/guangxi", D(2022, 3, 1)).value == Money(6500)


def test_an_expired_value_does_not_bring_back_an_older_one(lines: ParameterSet) -> None:
    with pytest.raises(ParameterNotFoundError) as info:
        lines.lookup("monitoring.income_line", "CN/guangxi", D(2023, 6, 1))
    message = str(info.value)
    assert "'monitoring.income_line'" in message
    assert "CN/guangxi" in message
    assert "2023-06-01" in message


def test_example_values_are_used_only_on_request(lines: ParameterSet) -> None:
    place = "CN/guangxi/baise/lingyun"
    plain = lines.lookup("monitoring.income_line", place, D(2022, 8, 1))
    assert plain.value == Money(6500)
    assert not plain.example
    example = lines.lookup("monitoring.income_line", place, D(2022, 8, 1), allow_examples=True)
    assert example.value == Money(7000)
    assert example.example


def test_no_value_before_the_first_start(lines: ParameterSet) -> None:
    with pytest.raises(ParameterNotFoundError, match="looked in CN/guangxi, CN"):
        lines.lookup("monitoring.income_line", "CN/guangxi", D(2020, 12, 31))


def test_an_unknown_parameter_suggests_close_names() -> None:
    with pytest.raises(UnknownParameterError, match=r"did you mean monitoring\.income_line"):
        ParameterSet.default().lookup("monitoring.income_lines", "CN", D(2022, 1, 1))


def test_a_caller_supplies_a_value_with_its_source() -> None:
    params = ParameterSet.default().with_value(
        "monitoring.income_line",
        "6800.50",
        jurisdiction="CN/guangxi",
        effective_from=D(2023, 1, 1),
        source=SOURCE,
    )
    found = params.lookup("monitoring.income_line", "CN/guangxi/baise", D(2023, 2, 1))
    assert found.value == Money("6800.50")
    assert found.source is SOURCE
    assert found.confidence is Confidence.HIGH


def test_a_money_value_is_taken_as_it_is() -> None:
    params = ParameterSet.default().with_value(
        "monitoring.income_line",
        Money.from_wan("0.68"),
        jurisdiction="CN/guangxi",
        effective_from=D(2023, 1, 1),
        source=SOURCE,
    )
    found = params.lookup("monitoring.income_line", "CN/guangxi", D(2023, 2, 1))
    assert found.value == Money(6800)


def test_a_money_value_is_refused_where_a_quantity_of_water_is_expected() -> None:
    with pytest.raises(
        InvalidValueError, match=r"guarantees\.water_quantity_min_water_rich\.value"
    ):
        ParameterSet.default().with_value(
            "guarantees.water_quantity_min_water_rich",
            Money(1),
            jurisdiction="CN",
            effective_from=D(2023, 1, 1),
            source=SOURCE,
        )


def test_a_float_value_is_refused() -> None:
    with pytest.raises(InexactNumberError, match=r"6800\.5"):
        ParameterSet.default().with_value(
            "monitoring.income_line",
            6800.5,
            jurisdiction="CN/guangxi",
            effective_from=D(2023, 1, 1),
            source=SOURCE,
        )


def test_a_value_needs_a_real_source_and_a_date() -> None:
    with pytest.raises(InvalidValueError, match=r"ParameterValue\.source"):
        ParameterValue(
            jurisdiction=Jurisdiction.parse("CN"),
            effective_from=D(2023, 1, 1),
            value=Decimal(1),
            source="a string",  # type: ignore[arg-type]
            confidence=Confidence.LOW,
        )
    with pytest.raises(InvalidValueError, match=r"ParameterValue\.effective_from"):
        ParameterValue(
            jurisdiction=Jurisdiction.parse("CN"),
            effective_from=datetime.datetime(2023, 1, 1, 8, 0),  # noqa: DTZ001
            value=Decimal(1),
            source=SOURCE,
            confidence=Confidence.LOW,
        )
    with pytest.raises(InvalidValueError, match=r"Source\.title"):
        Source(title=" ")


def test_jurisdiction_paths() -> None:
    county = Jurisdiction.parse("CN/guangxi/baise/lingyun")
    assert county.level is JurisdictionLevel.COUNTY
    assert [j.level for j in county.chain()] == [
        JurisdictionLevel.COUNTY,
        JurisdictionLevel.CITY,
        JurisdictionLevel.PROVINCE,
        JurisdictionLevel.NATIONAL,
    ]
    for bad in ("", "CN//baise", "CN/a/b/c/d", " CN"):
        with pytest.raises(InvalidValueError):
            Jurisdiction.parse(bad)


def test_a_broken_file_lists_every_problem(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(
        """
[[parameters]]
name = "a"
kind = "money"
unit = "yuan"
description_en = "a"
description_zh = "甲"
[[parameters.values]]
jurisdiction = "CN"
effective_from = 2021-01-01
value = 6000.5
confidence = "high"
[parameters.values.source]
title = "t"

[[parameters]]
name = "b"
kind = "integer"
unit = "days"
description_en = "b"
description_zh = "乙"
[[parameters.values]]
jurisdiction = "CN"
effective_from = 2021-01-01
value = 3
confidence = "sure"
[parameters.values.source]
title = "t"
""",
        encoding="utf-8",
    )
    with pytest.raises(DatasetValidationError) as info:
        ParameterSet.default().with_files(broken)
    paths = [p.path for p in info.value.problems]
    assert paths == [
        f"{broken}: parameters[0].values[0].value",
        f"{broken}: parameters[1].values[0].confidence",
    ]


def test_every_shipped_value_has_a_source_and_a_confidence() -> None:
    params = ParameterSet.default()
    values = [v for name in params.names() for v in params.parameter(name).values]
    assert values
    for value in values:
        assert value.source.title.strip()
        assert isinstance(value.confidence, Confidence)
        if value.effective_until is not None:
            assert value.effective_until >= value.effective_from
