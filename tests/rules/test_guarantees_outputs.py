"""Two assurances, three guarantees and drinking water: what a user reads.

The explanations in both languages, the errors a caller meets (path, value
and reason), the Kleene combination of outcomes, the choice of survey, and
the counts behind each village share.
"""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest

from villagemodel import (
    GuaranteeSurvey,
    HouseholdCount,
    HousingGrade,
    InvalidValueError,
    PersonCount,
    Rate,
    WaterSupply,
)
from villagemodel.ids import HouseholdId, MemberId, SurveyId, VillageId
from villagemodel.parameters import Confidence, ParameterNotFoundError, Source
from villagemodel.rules.guarantees import (
    Component,
    Outcome,
    Tally,
    UnknownTreatment,
    WaterArea,
    assess_guarantees,
    assess_survey,
    guarantee_shares,
    latest_survey,
    medical_insurance_share,
)

from .test_guarantees import (
    LINGYUN,
    ON,
    PARAMS,
    dataset_of,
    full_survey,
    home,
    judge,
)

TAOHUA = VillageId("taohua")
CHUHUA = VillageId("chuhua")

HOUSING_PARAMETER_EN = (
    "guarantees.housing_safe_grades = A, B (CN; from 2021-01-01; confidence medium); "
    "source: 农村危险房屋鉴定技术导则(试行), 住房和城乡建设部"
)
HOUSING_PARAMETER_ZH = (
    "guarantees.housing_safe_grades = A、B (CN; 自2021-01-01起; 可信度medium); "
    "来源：农村危险房屋鉴定技术导则(试行), 住房和城乡建设部"
)
WATER_SOURCE_EN = (
    "(CN; from 2018-01-01; confidence medium); "
    "source: 农村饮水安全评价准则 (T/CHES 18-2018), 中国水利学会"
)
WATER_SOURCE_ZH = (
    "(CN; 自2018-01-01起; 可信度medium); 来源：农村饮水安全评价准则 (T/CHES 18-2018), 中国水利学会"
)

# Every limit of the drinking-water standard overstepped by one.
BAD_WATER = WaterSupply(
    litres_per_person_per_day=19,
    piped_into_home=False,
    trip_minutes=21,
    horizontal_distance_m=801,
    vertical_distance_m=81,
    days_without_supply_per_year=37,
)


def lines(text: str) -> list[str]:
    return text.split("\n")


def failing_household() -> Any:
    """Food assured; two pupils out of school (listed out of order); insurance
    not looked at; a grade D house; water failing every limit, water-short area."""
    dataset = dataset_of(
        [
            home(
                "h1",
                size=2,
                survey=full_survey(
                    out_of_school=[1, 0],
                    uninsured=None,
                    housing_grade=HousingGrade.D,
                    water=BAD_WATER,
                ),
            )
        ]
    )
    return judge(dataset, "h1", water_area=WaterArea.WATER_SHORT)


# -- one household: explanations ---------------------------------------------------------


def test_a_failing_household_is_explained_component_by_component_in_english() -> None:
    result = failing_household()
    assert result.overall is Outcome.NOT_MET
    assert lines(result.explanation.to_text("en")) == [
        "Two assurances, three guarantees and drinking water [guarantees.household]: not met",
        "  because: not met: compulsory education secured, safe housing secured, "
        "safe drinking water secured",
        "  inputs:",
        "    household: h1",
        "    date: 2023-04-18",
        "    survey: h1-s",
        "    surveyed on: 2023-03-01",
        "  food and clothing assured [guarantees.food_and_clothing]: met",
        "    because: as the survey found",
        "    comparisons:",
        "      food and clothing assured: yes = yes: true",
        "  compulsory education secured [guarantees.education]: not met",
        "    because: met when no member is out of school",
        "    inputs:",
        "      members out of school: h1-m0, h1-m1",
        "    comparisons:",
        "      members out of school: 2 people = 0 people: false",
        "  basic medical insurance secured [guarantees.medical]: unknown",
        "    because: the survey did not look at this; unknown is not counted as met",
        "  safe housing secured [guarantees.housing]: not met",
        "    because: met when the housing grade is one of A, B",
        "    inputs:",
        "      housing grade: D: dangerous",
        "    parameters:",
        f"      {HOUSING_PARAMETER_EN}",
        "    comparisons:",
        "      grade D is one of the safe grades: no = yes: false",
        "  safe drinking water secured [guarantees.water]: not met",
        "    because: quantity not met, access not met, reliability not met; "
        "met only when all three are met",
        "    inputs:",
        "      water area: water-short area",
        "    parameters:",
        f"      guarantees.water_quantity_min_water_short = 20 {WATER_SOURCE_EN}",
        f"      guarantees.water_trip_minutes_max = 20 {WATER_SOURCE_EN}",
        f"      guarantees.water_horizontal_distance_max = 800 {WATER_SOURCE_EN}",
        f"      guarantees.water_vertical_distance_max = 80 {WATER_SOURCE_EN}",
        f"      guarantees.water_days_without_supply_max = 36 {WATER_SOURCE_EN}",
        "    comparisons:",
        "      litres per person per day: 19 ≥ 20: false",
        "      piped into the home: no = yes: false",
        "      minutes per trip: 21 ≤ 20: false",
        "      horizontal distance to water (m): 801 ≤ 800: false",
        "      vertical distance to water (m): 81 ≤ 80: false",
        "      days a year without supply: 37 ≤ 36: false",
    ]


def test_a_failing_household_is_explained_component_by_component_in_chinese() -> None:
    result = failing_household()
    assert lines(result.explanation.to_text("zh")) == [
        "两不愁三保障及饮水安全 [guarantees.household]: 未达标",
        "  依据: 未达标：义务教育有保障、住房安全有保障、饮水安全有保障",
        "  输入:",
        "    农户: h1",
        "    日期: 2023年4月18日",
        "    调查: h1-s",
        "    调查日期: 2023年3月1日",
        "  不愁吃、不愁穿 [guarantees.food_and_clothing]: 达标",
        "    依据: 依调查结果",
        "    比较:",
        "      不愁吃、不愁穿: 是 = 是: 成立",
        "  义务教育有保障 [guarantees.education]: 未达标",
        "    依据: 无义务教育阶段辍学成员时达标",
        "    输入:",
        "      义务教育阶段辍学成员: h1-m0、h1-m1",
        "    比较:",
        "      义务教育阶段辍学成员: 2人 = 0人: 不成立",
        "  基本医疗有保障 [guarantees.medical]: 不明",
        "    依据: 调查未涉及此项；不明不视为达标",
        "  住房安全有保障 [guarantees.housing]: 未达标",
        "    依据: 房屋安全等级为A、B级之一时达标",
        "    输入:",
        "      房屋安全等级: D级",
        "    参数:",
        f"      {HOUSING_PARAMETER_ZH}",
        "    比较:",
        "      D级属于安全等级: 否 = 是: 不成立",
        "  饮水安全有保障 [guarantees.water]: 未达标",
        "    依据: 水量未达标，用水方便程度未达标，供水保证率未达标；三项均达标方为达标",
        "    输入:",
        "      地区类型: 缺水地区",
        "    参数:",
        f"      guarantees.water_quantity_min_water_short = 20 {WATER_SOURCE_ZH}",
        f"      guarantees.water_trip_minutes_max = 20 {WATER_SOURCE_ZH}",
        f"      guarantees.water_horizontal_distance_max = 800 {WATER_SOURCE_ZH}",
        f"      guarantees.water_vertical_distance_max = 80 {WATER_SOURCE_ZH}",
        f"      guarantees.water_days_without_supply_max = 36 {WATER_SOURCE_ZH}",
        "    比较:",
        "      每人每天供水量(升): 19 ≥ 20: 不成立",
        "      供水入户: 否 = 是: 不成立",
        "      取水往返时间(分钟): 21 ≤ 20: 不成立",
        "      取水水平距离(米): 801 ≤ 800: 不成立",
        "      取水垂直距离(米): 81 ≤ 80: 不成立",
        "      年停水天数: 37 ≤ 36: 不成立",
    ]


def test_the_assessment_keeps_what_it_was_asked_and_what_it_read() -> None:
    result = failing_household()
    assert result.household_id == HouseholdId("h1")
    assert result.on == ON
    assert result.water_area is WaterArea.WATER_SHORT
    assert result.survey is not None
    assert result.survey.id == SurveyId("h1-s")
    assert [r.component for r in result.components] == list(Component)
    assert [r.outcome for r in result.components] == [
        Outcome.MET,
        Outcome.NOT_MET,
        Outcome.UNKNOWN,
        Outcome.NOT_MET,
        Outcome.NOT_MET,
    ]
    assert [r.explanation for r in result.components] == list(result.explanation.parts)
    assert result.with_outcome(Outcome.NOT_MET) == (
        Component.EDUCATION,
        Component.HOUSING,
        Component.WATER,
    )
    assert result.with_outcome(Outcome.MET) == (Component.FOOD_AND_CLOTHING,)
    assert result.with_outcome(Outcome.UNKNOWN) == (Component.MEDICAL,)
    assert not result.all_met


def test_the_members_listed_are_kept_sorted_and_an_empty_list_reads_none() -> None:
    result = failing_household()
    education = result.explanation.parts[1].to_json()
    assert education["inputs"] == [
        {
            "label_en": "members out of school",
            "label_zh": "义务教育阶段辍学成员",
            "value": ["h1-m0", "h1-m1"],
            "display_en": "h1-m0, h1-m1",
            "display_zh": "h1-m0、h1-m1",
        }
    ]
    assert education["comparisons"][0]["holds"] is False
    dataset = dataset_of([home("h1", size=2, survey=full_survey())])
    medical = judge(dataset, "h1").explanation.parts[2]
    assert medical.inputs[0].value is None
    assert lines(medical.to_text("en")) == [
        "basic medical insurance secured [guarantees.medical]: met",
        "  because: met when no member is without basic medical insurance",
        "  inputs:",
        "    members without basic medical insurance: none",
        "  comparisons:",
        "    members without basic medical insurance: 0 people = 0 people: true",
    ]
    assert lines(medical.to_text("zh")) == [
        "基本医疗有保障 [guarantees.medical]: 达标",
        "  依据: 无未参加基本医疗保险成员时达标",
        "  输入:",
        "    未参加基本医疗保险成员: 无",
        "  比较:",
        "    未参加基本医疗保险成员: 0人 = 0人: 成立",
    ]


def test_a_household_meeting_everything_reads_all_five_components_met() -> None:
    dataset = dataset_of([home("h1", survey=full_survey(housing_grade=HousingGrade.B))])
    result = judge(dataset, "h1")
    assert result.overall is Outcome.MET
    assert result.all_met
    en = lines(result.explanation.to_text("en"))
    zh = lines(result.explanation.to_text("zh"))
    assert en[:2] == [
        "Two assurances, three guarantees and drinking water [guarantees.household]: met",
        "  because: all five components met",
    ]
    assert zh[:2] == [
        "两不愁三保障及饮水安全 [guarantees.household]: 达标",
        "  依据: 五项均达标",
    ]
    # Piped water: the trip and the distances are not looked at.
    water = result.explanation.parts[4]
    assert lines(water.to_text("en")) == [
        "safe drinking water secured [guarantees.water]: met",
        "  because: quantity met, access met, reliability met; met only when all three are met",
        "  inputs:",
        "    water area: water-rich area",
        "  parameters:",
        f"    guarantees.water_quantity_min_water_rich = 35 {WATER_SOURCE_EN}",
        f"    guarantees.water_days_without_supply_max = 36 {WATER_SOURCE_EN}",
        "  comparisons:",
        "    litres per person per day: 40 ≥ 35: true",
        "    piped into the home: yes = yes: true",
        "    days a year without supply: 5 ≤ 36: true",
    ]
    assert lines(water.to_text("zh"))[:4] == [
        "饮水安全有保障 [guarantees.water]: 达标",
        "  依据: 水量达标，用水方便程度达标，供水保证率达标；三项均达标方为达标",
        "  输入:",
        "    地区类型: 水量充足地区",
    ]
    housing = result.explanation.parts[3]
    assert (
        lines(housing.to_text("en"))[-1] == "    grade B is one of the safe grades: yes = yes: true"
    )
    assert lines(housing.to_text("zh"))[-1] == "    B级属于安全等级: 是 = 是: 成立"
    assert lines(housing.to_text("en"))[3] == "    housing grade: B: basically safe"


def test_a_household_without_a_survey_reads_no_survey_on_or_before_the_date() -> None:
    result = judge(dataset_of([home("h1")]), "h1")
    en = lines(result.explanation.to_text("en"))
    assert en[0] == (
        "Two assurances, three guarantees and drinking water [guarantees.household]: unknown"
    )
    assert en[2:6] == ["  inputs:", "    household: h1", "    date: 2023-04-18", "    survey: none"]
    titles = [
        "food and clothing assured [guarantees.food_and_clothing]",
        "compulsory education secured [guarantees.education]",
        "basic medical insurance secured [guarantees.medical]",
        "safe housing secured [guarantees.housing]",
        "safe drinking water secured [guarantees.water]",
    ]
    assert en[6:] == [
        line
        for title in titles
        for line in (
            f"  {title}: unknown",
            "    because: no survey on or before 2023-04-18; unknown is not counted as met",
        )
    ]
    zh = lines(result.explanation.to_text("zh"))
    assert zh[0] == "两不愁三保障及饮水安全 [guarantees.household]: 不明"
    assert zh[2:6] == ["  输入:", "    农户: h1", "    日期: 2023年4月18日", "    调查: 无"]
    titles_zh = [
        "不愁吃、不愁穿 [guarantees.food_and_clothing]",
        "义务教育有保障 [guarantees.education]",
        "基本医疗有保障 [guarantees.medical]",
        "住房安全有保障 [guarantees.housing]",
        "饮水安全有保障 [guarantees.water]",
    ]
    assert zh[6:] == [
        line
        for title in titles_zh
        for line in (f"  {title}: 不明", "    依据: 截至该日无调查记录；不明不视为达标")
    ]
    assert all(r.outcome is Outcome.UNKNOWN for r in result.components)
    assert [r.component for r in result.components] == list(Component)


def test_components_the_survey_did_not_look_at_are_named_as_unknown() -> None:
    """A visit that looked only at food and clothing: the other four are
    unknown, and the explanation says they are not counted as met."""
    dataset = dataset_of([home("h1", survey={"food_and_clothing_assured": True})])
    result = judge(dataset, "h1")
    assert result.overall is Outcome.UNKNOWN
    en = lines(result.explanation.to_text("en"))
    zh = lines(result.explanation.to_text("zh"))
    assert en[1] == (
        "  because: unknown, not counted as met: compulsory education secured, "
        "basic medical insurance secured, safe housing secured, safe drinking water secured"
    )
    assert zh[1] == (
        "  依据: 不明（不视为达标）：义务教育有保障、基本医疗有保障、住房安全有保障、饮水安全有保障"
    )
    housing = result.explanation.parts[3]
    assert lines(housing.to_text("en")) == [
        "safe housing secured [guarantees.housing]: unknown",
        "  because: the survey did not look at this; unknown is not counted as met",
    ]
    assert housing.parameters == ()
    assert result.explanation.parameter_names() == frozenset()


def test_a_visit_that_only_graded_the_house_leaves_the_rest_not_looked_at() -> None:
    dataset = dataset_of([home("h1", survey={"housing_grade": HousingGrade.B})])
    result = judge(dataset, "h1")
    unknown = [
        part.to_text("en")
        for part, r in zip(result.explanation.parts, result.components, strict=True)
        if r.outcome is Outcome.UNKNOWN
    ]
    because = "  because: the survey did not look at this; unknown is not counted as met"
    assert unknown == [
        f"food and clothing assured [guarantees.food_and_clothing]: unknown\n{because}",
        f"compulsory education secured [guarantees.education]: unknown\n{because}",
        f"basic medical insurance secured [guarantees.medical]: unknown\n{because}",
        f"safe drinking water secured [guarantees.water]: unknown\n{because}",
    ]
    assert result.outcome(Component.HOUSING) is Outcome.MET


def test_not_met_is_named_before_unknown_in_the_overall_reason() -> None:
    dataset = dataset_of(
        [home("h1", survey={"food_and_clothing_assured": False, "housing_grade": HousingGrade.A})]
    )
    result = judge(dataset, "h1")
    assert result.overall is Outcome.NOT_MET
    assert lines(result.explanation.to_text("en"))[1] == (
        "  because: not met: food and clothing assured"
    )
    assert lines(result.explanation.to_text("zh"))[1] == "  依据: 未达标：不愁吃、不愁穿"
    food = result.explanation.parts[0]
    assert lines(food.to_text("zh")) == [
        "不愁吃、不愁穿 [guarantees.food_and_clothing]: 未达标",
        "  依据: 依调查结果",
        "  比较:",
        "    不愁吃、不愁穿: 否 = 是: 不成立",
    ]


def test_water_not_looked_at_is_unknown_without_reading_a_parameter() -> None:
    dataset = dataset_of([home("h1", survey=full_survey(water=None))])
    result = judge(dataset, "h1")
    assert result.outcome(Component.WATER) is Outcome.UNKNOWN
    water = result.explanation.parts[4]
    assert lines(water.to_text("zh")) == [
        "饮水安全有保障 [guarantees.water]: 不明",
        "  依据: 调查未涉及此项；不明不视为达标",
    ]
    assert water.parameters == ()
    assert lines(result.explanation.to_text("en"))[1] == (
        "  because: unknown, not counted as met: safe drinking water secured"
    )


def test_water_with_nothing_recorded_is_unknown_on_all_three_counts() -> None:
    dataset = dataset_of([home("h1", survey=full_survey(water=WaterSupply()))])
    water = judge(dataset, "h1").explanation.parts[4]
    assert lines(water.to_text("en")) == [
        "safe drinking water secured [guarantees.water]: unknown",
        "  because: quantity unknown, access unknown, reliability unknown; "
        "met only when all three are met",
        "  inputs:",
        "    water area: water-rich area",
    ]
    assert lines(water.to_text("zh"))[1] == (
        "  依据: 水量不明，用水方便程度不明，供水保证率不明；三项均达标方为达标"
    )


def test_a_trip_within_the_limit_gives_access_without_piped_water_being_known() -> None:
    """Only the ways of access the survey recorded are compared."""
    water = WaterSupply(
        litres_per_person_per_day=35, vertical_distance_m=80, days_without_supply_per_year=36
    )
    dataset = dataset_of([home("h1", survey=full_survey(water=water))])
    result = judge(dataset, "h1")
    assert result.outcome(Component.WATER) is Outcome.MET
    part = result.explanation.parts[4]
    assert [p.name for p in part.parameters] == [
        "guarantees.water_quantity_min_water_rich",
        "guarantees.water_vertical_distance_max",
        "guarantees.water_days_without_supply_max",
    ]
    assert lines(part.to_text("en"))[-4:] == [
        "  comparisons:",
        "    litres per person per day: 35 ≥ 35: true",
        "    vertical distance to water (m): 80 ≤ 80: true",
        "    days a year without supply: 36 ≤ 36: true",
    ]


# -- one household: outcomes at the limits -----------------------------------------------


@pytest.mark.parametrize(
    ("litres", "area", "expected"),
    [
        (35, WaterArea.WATER_RICH, Outcome.MET),
        (34, WaterArea.WATER_RICH, Outcome.NOT_MET),
        (20, WaterArea.WATER_SHORT, Outcome.MET),
        (19, WaterArea.WATER_SHORT, Outcome.NOT_MET),
    ],
)
def test_water_quantity_at_least_35_or_20_litres_includes_the_limit(
    litres: int, area: WaterArea, expected: Outcome
) -> None:
    water = WaterSupply(
        litres_per_person_per_day=litres, piped_into_home=True, days_without_supply_per_year=0
    )
    dataset = dataset_of([home("h1", survey=full_survey(water=water))])
    assert judge(dataset, "h1", water_area=area).outcome(Component.WATER) is expected


@pytest.mark.parametrize(
    ("quantity", "access", "reliability", "expected"),
    [
        (None, True, 0, Outcome.UNKNOWN),
        (19, True, None, Outcome.NOT_MET),
        (40, None, 0, Outcome.UNKNOWN),
        (40, True, None, Outcome.UNKNOWN),
        (40, False, 0, Outcome.UNKNOWN),
        (None, None, 37, Outcome.NOT_MET),
    ],
)
def test_drinking_water_is_met_only_when_quantity_access_and_reliability_are(
    quantity: int | None, access: bool | None, reliability: int | None, expected: Outcome
) -> None:
    water = WaterSupply(
        litres_per_person_per_day=quantity,
        piped_into_home=access,
        days_without_supply_per_year=reliability,
    )
    dataset = dataset_of([home("h1", survey=full_survey(water=water))])
    assert judge(dataset, "h1").outcome(Component.WATER) is expected


@pytest.mark.parametrize(
    ("grade", "expected"),
    [
        (HousingGrade.A, Outcome.MET),
        (HousingGrade.B, Outcome.MET),
        (HousingGrade.C, Outcome.NOT_MET),
        (HousingGrade.D, Outcome.NOT_MET),
    ],
)
def test_grades_a_and_b_are_safe_housing(grade: HousingGrade, expected: Outcome) -> None:
    dataset = dataset_of([home("h1", survey=full_survey(housing_grade=grade))])
    assert judge(dataset, "h1").outcome(Component.HOUSING) is expected


def test_a_province_naming_only_grade_a_safe_is_followed() -> None:
    """The safe grades are a parameter: a province that counts only grade A as
    safe makes a grade B house unsafe there, and the explanation says so."""
    params = PARAMS.with_value(
        "guarantees.housing_safe_grades",
        ["A"],
        jurisdiction="CN/guangxi",
        effective_from=datetime.date(2022, 1, 1),
        source=Source(title="a provincial rule"),
        confidence=Confidence.LOW,
    )
    dataset = dataset_of(
        [
            home(
                "h1",
                survey=full_survey(housing_grade=HousingGrade.B),
                surveyed_on=datetime.date(2021, 6, 1),
            )
        ]
    )
    result = assess_guarantees(
        dataset,
        HouseholdId("h1"),
        ON,
        params=params,
        jurisdiction=LINGYUN,
        water_area=WaterArea.WATER_RICH,
    )
    assert result.outcome(Component.HOUSING) is Outcome.NOT_MET
    housing = result.explanation.parts[3]
    assert housing.branch_en == "met when the housing grade is one of A"
    assert housing.branch_zh == "房屋安全等级为A级之一时达标"
    assert [p.jurisdiction.path for p in housing.parameters] == ["CN/guangxi"]
    # Before the provincial rule took effect, the national grades apply.
    earlier = assess_guarantees(
        dataset,
        HouseholdId("h1"),
        datetime.date(2021, 12, 31),
        params=params,
        jurisdiction=LINGYUN,
        water_area=WaterArea.WATER_RICH,
    )
    assert earlier.outcome(Component.HOUSING) is Outcome.MET
    # Elsewhere in China the national grades still apply.
    national = assess_guarantees(
        dataset,
        HouseholdId("h1"),
        ON,
        params=params,
        jurisdiction="CN",
        water_area=WaterArea.WATER_RICH,
    )
    assert national.outcome(Component.HOUSING) is Outcome.MET


def test_parameters_are_looked_up_on_the_date_of_judgement() -> None:
    """The water standard took effect on 1 January 2018: a judgement of water
    before that date finds no value in force."""
    day = datetime.date(2017, 12, 31)
    dataset = dataset_of([home("h1", survey=full_survey(), surveyed_on=day)])
    with pytest.raises(ParameterNotFoundError):
        assess_guarantees(
            dataset,
            HouseholdId("h1"),
            day,
            params=PARAMS,
            jurisdiction=LINGYUN,
            water_area=WaterArea.WATER_RICH,
        )


# -- one household: errors ---------------------------------------------------------------


def test_a_water_area_that_is_not_a_water_area_is_refused_with_its_value() -> None:
    dataset = dataset_of([home("h1", survey=full_survey())])
    with pytest.raises(InvalidValueError) as info:
        judge(dataset, "h1", water_area="water_rich")
    assert info.value.path == "water_area"
    assert info.value.value == "water_rich"
    assert info.value.reason == "expected a WaterArea"


def test_a_survey_of_another_household_is_refused_naming_both() -> None:
    survey = GuaranteeSurvey(
        id=SurveyId("s"), household_id=HouseholdId("h2"), surveyed_on=datetime.date(2023, 3, 1)
    )
    with pytest.raises(InvalidValueError) as info:
        assess_survey(
            survey,
            household_id=HouseholdId("h1"),
            on=ON,
            params=PARAMS,
            jurisdiction=LINGYUN,
            water_area=WaterArea.WATER_RICH,
        )
    assert info.value.path == "survey.household_id"
    assert info.value.value == HouseholdId("h2")
    assert info.value.reason == "not a survey of household 'h1'"


def test_a_survey_made_after_the_date_is_refused_naming_the_date() -> None:
    survey = GuaranteeSurvey(
        id=SurveyId("s"), household_id=HouseholdId("h1"), surveyed_on=datetime.date(2023, 4, 19)
    )
    options: dict[str, Any] = {
        "household_id": HouseholdId("h1"),
        "params": PARAMS,
        "jurisdiction": LINGYUN,
        "water_area": WaterArea.WATER_RICH,
    }
    with pytest.raises(InvalidValueError) as info:
        assess_survey(survey, on=ON, **options)
    assert info.value.path == "survey.surveyed_on"
    assert info.value.value == datetime.date(2023, 4, 19)
    assert info.value.reason == "after the date of judgement 2023-04-18"
    # A survey made on the date itself is read.
    same_day = assess_survey(survey, on=datetime.date(2023, 4, 19), **options)
    assert same_day.survey == survey


def test_asking_for_something_that_is_not_a_component_is_refused() -> None:
    result = judge(dataset_of([home("h1", survey=full_survey())]), "h1")
    with pytest.raises(InvalidValueError) as info:
        result.outcome("housing")
    assert info.value.path == "component"
    assert info.value.value == "housing"
    assert info.value.reason == "not a Component"
    shares = guarantee_shares(
        dataset_of([home("h1", survey=full_survey())]),
        TAOHUA,
        ON,
        params=PARAMS,
        jurisdiction=LINGYUN,
        water_area=WaterArea.WATER_RICH,
    )
    with pytest.raises(InvalidValueError) as info:
        shares.share("housing")  # type: ignore[arg-type]
    assert info.value.path == "component"
    assert info.value.value == "housing"
    assert info.value.reason == "not a Component"


def test_each_component_is_found_by_name() -> None:
    dataset = dataset_of([home("h1", survey=full_survey(housing_grade=HousingGrade.C))])
    result = judge(dataset, "h1")
    assert {c: result.outcome(c) for c in Component} == {
        Component.FOOD_AND_CLOTHING: Outcome.MET,
        Component.EDUCATION: Outcome.MET,
        Component.MEDICAL: Outcome.MET,
        Component.HOUSING: Outcome.NOT_MET,
        Component.WATER: Outcome.MET,
    }
    shares = guarantee_shares(
        dataset, TAOHUA, ON, params=PARAMS, jurisdiction=LINGYUN, water_area=WaterArea.WATER_RICH
    )
    assert [shares.share(c).component for c in Component] == list(Component)
    assert shares.share(Component.HOUSING).households.not_met == HouseholdCount(1)
    assert shares.share(Component.WATER).households.met == HouseholdCount(1)


# -- outcomes combine as in Kleene's logic -------------------------------------------------

# Kleene's three values ordered not met < unknown < met: "all of" is the least,
# "any of" the greatest; of none, all are met and none is.
KLEENE_ORDER = [Outcome.NOT_MET, Outcome.UNKNOWN, Outcome.MET]


@pytest.mark.parametrize(
    "outcomes",
    [combo for n in range(4) for combo in itertools.product(KLEENE_ORDER, repeat=n)],
)
def test_outcomes_combine_as_the_least_and_the_greatest_in_kleenes_order(
    outcomes: tuple[Outcome, ...],
) -> None:
    least = min(outcomes, key=KLEENE_ORDER.index, default=Outcome.MET)
    greatest = max(outcomes, key=KLEENE_ORDER.index, default=Outcome.NOT_MET)
    assert Outcome.all_of(iter(outcomes)) is least
    assert Outcome.any_of(iter(outcomes)) is greatest


def test_a_flag_is_met_not_met_or_unknown() -> None:
    assert Outcome.of(True) is Outcome.MET
    assert Outcome.of(False) is Outcome.NOT_MET
    assert Outcome.of(None) is Outcome.UNKNOWN


def test_components_name_their_rules_and_areas_their_parameters() -> None:
    assert [c.rule for c in Component] == [
        "guarantees.food_and_clothing",
        "guarantees.education",
        "guarantees.medical",
        "guarantees.housing",
        "guarantees.water",
    ]
    assert WaterArea.WATER_RICH.quantity_parameter == "guarantees.water_quantity_min_water_rich"
    assert WaterArea.WATER_SHORT.quantity_parameter == "guarantees.water_quantity_min_water_short"


# -- which survey is read ----------------------------------------------------------------------


def survey_on(day: datetime.date, sid: str, grade: HousingGrade) -> GuaranteeSurvey:
    return GuaranteeSurvey(
        id=SurveyId(sid), household_id=HouseholdId("h1"), surveyed_on=day, housing_grade=grade
    )


def test_the_latest_survey_on_or_before_the_date_is_read_whatever_its_id() -> None:
    early = survey_on(datetime.date(2023, 1, 5), "z-early", HousingGrade.D)
    late = survey_on(datetime.date(2023, 4, 18), "a-late", HousingGrade.A)
    after = survey_on(datetime.date(2023, 4, 19), "m-after", HousingGrade.C)
    other = GuaranteeSurvey(
        id=SurveyId("zz"), household_id=HouseholdId("h2"), surveyed_on=datetime.date(2023, 4, 1)
    )
    for order in itertools.permutations([early, late, after, other]):
        dataset = dataset_of([home("h1"), home("h2")], extra_surveys=order)
        assert latest_survey(dataset, HouseholdId("h1"), ON) == late
        assert latest_survey(dataset, HouseholdId("h1"), datetime.date(2023, 4, 17)) == early
        assert latest_survey(dataset, HouseholdId("h1"), datetime.date(2023, 1, 4)) is None
        assert latest_survey(dataset, HouseholdId("h2"), ON) == other
    dataset = dataset_of([home("h1")], extra_surveys=[after, late, early])
    assert judge(dataset, "h1").outcome(Component.HOUSING) is Outcome.MET
    assert judge(dataset, "h1").survey == late


# -- village shares ----------------------------------------------------------------------------


def three_households() -> Any:
    """Two households in 陶化村 (one fully met, one with a grade C house and
    one uninsured member) and one never surveyed in 初化村."""
    return dataset_of(
        [
            home("h2", size=3, survey=full_survey(housing_grade=HousingGrade.C, uninsured=[1])),
            home("h1", size=2, survey=full_survey()),
            home("h3", size=1, village="chuhua"),
        ]
    )


def test_shares_count_households_and_their_members() -> None:
    shares = guarantee_shares(
        three_households(),
        [TAOHUA, CHUHUA, TAOHUA],
        ON,
        params=PARAMS,
        jurisdiction=LINGYUN,
        water_area=WaterArea.WATER_RICH,
    )
    assert shares.village_ids == (CHUHUA, TAOHUA)
    assert shares.on == ON
    assert shares.treatment is UnknownTreatment.COUNT_AS_NOT_MET
    assert [a.household_id for a in shares.assessments] == ["h1", "h2", "h3"]
    assert [s.component for s in shares.components] == list(Component)
    housing = shares.share(Component.HOUSING)
    assert housing.households == Tally(
        met=HouseholdCount(1),
        not_met=HouseholdCount(1),
        unknown=HouseholdCount(1),
        treatment=UnknownTreatment.COUNT_AS_NOT_MET,
    )
    assert housing.people == Tally(
        met=PersonCount(2),
        not_met=PersonCount(3),
        unknown=PersonCount(1),
        treatment=UnknownTreatment.COUNT_AS_NOT_MET,
    )
    assert housing.people.numerator == PersonCount(2)
    assert housing.people.denominator == PersonCount(6)
    assert housing.people.rate == Rate.of(PersonCount(1), PersonCount(3))
    food = shares.share(Component.FOOD_AND_CLOTHING)
    assert food.households.met == HouseholdCount(2)
    assert food.households.not_met == HouseholdCount(0)
    assert food.people.rate == Rate.of(PersonCount(5), PersonCount(6))


def test_shares_of_one_village_given_by_its_id_alone() -> None:
    shares = guarantee_shares(
        three_households(),
        CHUHUA,
        ON,
        params=PARAMS,
        jurisdiction=LINGYUN,
        water_area={CHUHUA: WaterArea.WATER_SHORT},
        unknown=UnknownTreatment.EXCLUDE,
    )
    assert shares.village_ids == (CHUHUA,)
    assert [a.household_id for a in shares.assessments] == ["h3"]
    water = shares.share(Component.WATER)
    assert water.households.unknown == HouseholdCount(1)
    assert water.households.denominator == HouseholdCount(0)
    assert water.households.rate is None
    assert water.people.rate is None


def test_each_village_is_judged_with_its_own_water_area() -> None:
    """30 litres a person a day is enough in a water-short village, not in a
    water-rich one; the shares list both quantities read, once each."""
    water = WaterSupply(
        litres_per_person_per_day=30, piped_into_home=True, days_without_supply_per_year=0
    )
    dataset = dataset_of(
        [
            home("h1", survey=full_survey(water=water)),
            home("h2", survey=full_survey(water=water)),
            home("h3", village="chuhua", survey=full_survey(water=water)),
        ]
    )
    shares = guarantee_shares(
        dataset,
        [TAOHUA, CHUHUA],
        ON,
        params=PARAMS,
        jurisdiction=LINGYUN,
        water_area={TAOHUA: WaterArea.WATER_RICH, CHUHUA: WaterArea.WATER_SHORT},
    )
    assert [a.water_area for a in shares.assessments] == [
        WaterArea.WATER_RICH,
        WaterArea.WATER_RICH,
        WaterArea.WATER_SHORT,
    ]
    assert [a.outcome(Component.WATER) for a in shares.assessments] == [
        Outcome.NOT_MET,
        Outcome.NOT_MET,
        Outcome.MET,
    ]
    assert [p.name for p in shares.explanation.parameters] == [
        "guarantees.housing_safe_grades",
        "guarantees.water_days_without_supply_max",
        "guarantees.water_quantity_min_water_rich",
        "guarantees.water_quantity_min_water_short",
    ]


def test_a_village_without_a_water_area_is_refused_by_its_id() -> None:
    with pytest.raises(InvalidValueError) as info:
        guarantee_shares(
            three_households(),
            [TAOHUA, CHUHUA],
            ON,
            params=PARAMS,
            jurisdiction=LINGYUN,
            water_area={TAOHUA: WaterArea.WATER_RICH},
        )
    assert info.value.path == "water_area"
    assert info.value.value == CHUHUA
    assert info.value.reason == "no water area given for village"


def test_an_unknown_treatment_that_is_not_one_is_refused() -> None:
    with pytest.raises(InvalidValueError) as info:
        guarantee_shares(
            three_households(),
            TAOHUA,
            ON,
            params=PARAMS,
            jurisdiction=LINGYUN,
            water_area=WaterArea.WATER_RICH,
            unknown="exclude",  # type: ignore[arg-type]
        )
    assert info.value.path == "unknown"
    assert info.value.value == "exclude"
    assert info.value.reason == "expected an UnknownTreatment"
    with pytest.raises(InvalidValueError) as info:
        medical_insurance_share(three_households(), TAOHUA, ON, unknown="exclude")  # type: ignore[arg-type]
    assert info.value.path == "unknown"
    assert info.value.value == "exclude"
    assert info.value.reason == "expected an UnknownTreatment"


def test_a_tally_counts_unknown_in_the_denominator_only_when_told() -> None:
    counted = Tally(
        met=PersonCount(3),
        not_met=PersonCount(1),
        unknown=PersonCount(4),
        treatment=UnknownTreatment.COUNT_AS_NOT_MET,
    )
    assert counted.numerator == PersonCount(3)
    assert counted.denominator == PersonCount(8)
    assert counted.rate == Rate.of(PersonCount(3), PersonCount(8))
    excluded = Tally(
        met=PersonCount(3),
        not_met=PersonCount(1),
        unknown=PersonCount(4),
        treatment=UnknownTreatment.EXCLUDE,
    )
    assert excluded.denominator == PersonCount(4)
    assert excluded.rate == Rate.of(PersonCount(3), PersonCount(4))
    only_unknown = Tally(
        met=PersonCount(0),
        not_met=PersonCount(0),
        unknown=PersonCount(4),
        treatment=UnknownTreatment.COUNT_AS_NOT_MET,
    )
    assert only_unknown.rate == Rate(0)


def test_the_shares_are_explained_in_english() -> None:
    shares = guarantee_shares(
        three_households(),
        [TAOHUA, CHUHUA],
        ON,
        params=PARAMS,
        jurisdiction=LINGYUN,
        water_area=WaterArea.WATER_RICH,
    )
    text = lines(shares.explanation.to_text("en"))
    unknown = "unknown included in the denominator, excluded from the numerator"
    assert text[:15] == [
        "Shares meeting the two assurances, three guarantees and drinking water "
        "[guarantees.shares]: 3 households, 6 people assessed",
        f"  because: each household judged from its latest survey; {unknown}",
        "  inputs:",
        "    villages: chuhua, taohua",
        "    date: 2023-04-18",
        "    households: 3 households",
        "    people: 6 people",
        "    unknown outcomes: included in the denominator, excluded from the numerator",
        "  parameters:",
        f"    {HOUSING_PARAMETER_EN}",
        f"    guarantees.water_days_without_supply_max = 36 {WATER_SOURCE_EN}",
        f"    guarantees.water_quantity_min_water_rich = 35 {WATER_SOURCE_EN}",
        "  Share of households: food and clothing assured "
        "[guarantees.share.food_and_clothing]: 2/3",
        f"    because: numerator 2 households, denominator 3 households; {unknown}",
        "    inputs:",
    ]
    housing_start = text.index(
        "  Share of households: safe housing secured [guarantees.share.housing]: 1/3"
    )
    assert text[housing_start : housing_start + 12] == [
        "  Share of households: safe housing secured [guarantees.share.housing]: 1/3",
        f"    because: numerator 1 household, denominator 3 households; {unknown}",
        "    inputs:",
        "      met: 1 household",
        "      not met: 1 household",
        "      unknown: 1 household",
        "  Share of people: safe housing secured [guarantees.share.housing]: 1/3",
        f"    because: numerator 2 people, denominator 6 people; {unknown}",
        "    inputs:",
        "      met: 2 people",
        "      not met: 3 people",
        "      unknown: 1 person",
    ]
    assert [part.rule for part in shares.explanation.parts] == [
        f"guarantees.share.{c.value}" for c in Component for _ in ("households", "people")
    ]


def test_the_shares_are_explained_in_chinese() -> None:
    shares = guarantee_shares(
        three_households(),
        [TAOHUA, CHUHUA],
        ON,
        params=PARAMS,
        jurisdiction=LINGYUN,
        water_area=WaterArea.WATER_RICH,
    )
    text = lines(shares.explanation.to_text("zh"))
    assert text[:8] == [
        "两不愁三保障及饮水安全达标比例 [guarantees.shares]: 共评估3户6人",
        "  依据: 每户依最近一次调查判定；不明者计入分母、不计入分子",
        "  输入:",
        "    村: chuhua、taohua",
        "    日期: 2023年4月18日",
        "    户数: 3户",
        "    人数: 6人",
        "    不明的处理: 计入分母、不计入分子",
    ]
    housing_start = text.index("  户数占比：住房安全有保障 [guarantees.share.housing]: 1/3")
    assert text[housing_start : housing_start + 12] == [
        "  户数占比：住房安全有保障 [guarantees.share.housing]: 1/3",
        "    依据: 分子1户，分母3户；不明者计入分母、不计入分子",
        "    输入:",
        "      达标: 1户",
        "      未达标: 1户",
        "      不明: 1户",
        "  人数占比：住房安全有保障 [guarantees.share.housing]: 1/3",
        "    依据: 分子2人，分母6人；不明者计入分母、不计入分子",
        "    输入:",
        "      达标: 2人",
        "      未达标: 3人",
        "      不明: 1人",
    ]


def test_a_share_with_nothing_counted_reads_none_counted() -> None:
    shares = guarantee_shares(
        dataset_of([home("h1")]),
        TAOHUA,
        ON,
        params=PARAMS,
        jurisdiction=LINGYUN,
        water_area=WaterArea.WATER_RICH,
        unknown=UnknownTreatment.EXCLUDE,
    )
    assert shares.treatment is UnknownTreatment.EXCLUDE
    en = lines(shares.explanation.to_text("en"))
    zh = lines(shares.explanation.to_text("zh"))
    assert en[1] == (
        "  because: each household judged from its latest survey; "
        "unknown excluded from numerator and denominator"
    )
    assert "    unknown outcomes: excluded from numerator and denominator" in en
    assert en[8:14] == [
        "  Share of households: food and clothing assured "
        "[guarantees.share.food_and_clothing]: none counted",
        "    because: numerator 0 households, denominator 0 households; "
        "unknown excluded from numerator and denominator",
        "    inputs:",
        "      met: 0 households",
        "      not met: 0 households",
        "      unknown: 1 household",
    ]
    assert zh[1] == "  依据: 每户依最近一次调查判定；不明者分子分母均不计入"
    assert zh[8:10] == [
        "  户数占比：不愁吃、不愁穿 [guarantees.share.food_and_clothing]: 无统计对象",
        "    依据: 分子0户，分母0户；不明者分子分母均不计入",
    ]
    assert shares.explanation.parameters == ()


# -- medical insurance ---------------------------------------------------------------------------


def test_insurance_is_counted_person_by_person_from_the_latest_survey() -> None:
    """Of the three households: h1's two members insured, h2 lists one of
    three as uninsured, h3 was never surveyed."""
    share = medical_insurance_share(three_households(), [TAOHUA, CHUHUA], ON)
    assert share.village_ids == (CHUHUA, TAOHUA)
    assert share.on == ON
    assert share.people == Tally(
        met=PersonCount(4),
        not_met=PersonCount(1),
        unknown=PersonCount(1),
        treatment=UnknownTreatment.COUNT_AS_NOT_MET,
    )
    assert share.people.rate == Rate.of(PersonCount(4), PersonCount(6))
    excluded = medical_insurance_share(
        three_households(), [TAOHUA, CHUHUA], ON, unknown=UnknownTreatment.EXCLUDE
    )
    assert excluded.people.rate == Rate.of(PersonCount(4), PersonCount(5))


def test_a_survey_that_did_not_look_at_insurance_leaves_every_member_unknown() -> None:
    dataset = dataset_of(
        [home("h1", size=3, survey={"housing_grade": HousingGrade.A})],
        extra_surveys=[
            GuaranteeSurvey(
                id=SurveyId("old"),
                household_id=HouseholdId("h1"),
                surveyed_on=datetime.date(2022, 1, 1),
                uninsured_member_ids=(MemberId("h1-m0"),),
            )
        ],
    )
    share = medical_insurance_share(dataset, TAOHUA, ON)
    assert share.people.unknown == PersonCount(3)
    assert share.people.met == PersonCount(0)
    # On a date when only the older survey had been made, it is read.
    earlier = medical_insurance_share(dataset, TAOHUA, datetime.date(2022, 6, 1))
    assert (earlier.people.met, earlier.people.not_met) == (PersonCount(2), PersonCount(1))


def test_the_insurance_share_is_explained_in_both_languages() -> None:
    share = medical_insurance_share(three_households(), [TAOHUA, CHUHUA], ON)
    assert lines(share.explanation.to_text("en")) == [
        "Share of people in basic medical insurance [guarantees.medical_insurance_share]: 2/3",
        "  because: numerator 4 people, denominator 6 people; "
        "unknown included in the denominator, excluded from the numerator",
        "  inputs:",
        "    villages: chuhua, taohua",
        "    date: 2023-04-18",
        "    met: 4 people",
        "    not met: 1 person",
        "    unknown: 1 person",
    ]
    assert lines(share.explanation.to_text("zh")) == [
        "基本医疗保险参保率 [guarantees.medical_insurance_share]: 2/3",
        "  依据: 分子4人，分母6人；不明者计入分母、不计入分子",
        "  输入:",
        "    村: chuhua、taohua",
        "    日期: 2023年4月18日",
        "    达标: 4人",
        "    未达标: 1人",
        "    不明: 1人",
    ]
    empty = medical_insurance_share(dataset_of([]), TAOHUA, ON)
    assert empty.people.rate is None
    assert empty.explanation.outcome_en == "none counted"
    assert empty.explanation.outcome_zh == "无统计对象"
