"""Two assurances, three guarantees and drinking water: examples from the
report and from the standards, and properties of households and villages
built from generated surveys.

The helpers at the top (``home``, ``dataset_of``, ``SpyParameters``, the
strategies) are shared with ``test_monitoring``.
"""

from __future__ import annotations

import datetime
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from villagemodel import (
    City,
    County,
    Dataset,
    GuaranteeSurvey,
    Household,
    HouseholdCount,
    HouseholdIncome,
    HousingGrade,
    InvalidValueError,
    Member,
    Money,
    MonitoringRecord,
    Percentage,
    PersonCount,
    PovertyHistory,
    Rate,
    Region,
    RegionKind,
    Relation,
    RiskCategory,
    Township,
    TownshipKind,
    Village,
    WaterSupply,
    WorkingCapacity,
)
from villagemodel.ids import (
    CityId,
    CountyId,
    HouseholdId,
    MemberId,
    MonitoringId,
    RegionId,
    SurveyId,
    TownshipId,
    VillageId,
)
from villagemodel.parameters import Jurisdiction, ParameterSet, ResolvedParameter
from villagemodel.rules.guarantees import (
    Component,
    Outcome,
    UnknownTreatment,
    WaterArea,
    assess_guarantees,
    assess_survey,
    guarantee_shares,
    latest_survey,
    medical_insurance_share,
)

ON = datetime.date(2023, 4, 18)
"""The report's date: 18 April 2023."""
LINGYUN = "CN/guangxi/baise/lingyun"
PARAMS = ParameterSet.default()
SIX_VILLAGES = tuple(
    VillageId(v) for v in ("taohua", "chuhua", "houlong", "naliu", "yaoma", "shuangda")
)
"""陶化村、初化村、后龙村、那留村、腰马村、双达村."""
GOOD_WATER = WaterSupply(
    litres_per_person_per_day=40, piped_into_home=True, days_without_supply_per_year=5
)


# -- building test data ----------------------------------------------------------


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


@attrs.frozen(kw_only=True)
class Home:
    """A household with its members, surveys, incomes and monitoring spells."""

    household: Household
    members: tuple[Member, ...]
    surveys: tuple[GuaranteeSurvey, ...] = ()
    incomes: tuple[HouseholdIncome, ...] = ()
    monitoring: tuple[MonitoringRecord, ...] = ()

    @property
    def id(self) -> HouseholdId:
        return self.household.id


def member_id(household: str, index: int) -> MemberId:
    return MemberId(f"{household}-m{index}")


def home(
    hid: str,
    *,
    village: str = "taohua",
    history: PovertyHistory = PovertyHistory.FORMERLY_POOR,
    size: int = 1,
    capacities: Sequence[WorkingCapacity | None] = (),
    survey: Mapping[str, Any] | None = None,
    surveyed_on: datetime.date = datetime.date(2023, 3, 1),
    incomes: Mapping[int, int | str] | None = None,
    monitoring: Sequence[tuple[datetime.date, datetime.date | None]] = (),
) -> Home:
    """A household of ``size`` members. ``survey`` holds the survey's fields,
    with members named by index (``uninsured=[0]``); ``incomes`` maps a year
    to a per-capita income; ``monitoring`` lists spells (identified, eliminated)."""
    household_id = HouseholdId(hid)
    members = tuple(
        Member(
            id=member_id(hid, i),
            household_id=household_id,
            relation=Relation.HEAD if i == 0 else Relation.CHILD,
            working_capacity=capacities[i] if i < len(capacities) else None,
        )
        for i in range(size)
    )
    surveys: tuple[GuaranteeSurvey, ...] = ()
    if survey is not None:
        fields = dict(survey)
        for key, target in (
            ("out_of_school", "out_of_school_member_ids"),
            ("uninsured", "uninsured_member_ids"),
        ):
            if key in fields:
                listed = fields.pop(key)
                fields[target] = None if listed is None else [member_id(hid, i) for i in listed]
        surveys = (
            GuaranteeSurvey(
                id=SurveyId(f"{hid}-s"),
                household_id=household_id,
                surveyed_on=surveyed_on,
                **fields,
            ),
        )
    category = (
        RiskCategory.UNSTABLE_FORMERLY_POOR
        if history is PovertyHistory.FORMERLY_POOR
        else RiskCategory.MARGINAL
    )
    return Home(
        household=Household(id=household_id, village_id=VillageId(village), history=history),
        members=members,
        surveys=surveys,
        incomes=tuple(
            HouseholdIncome(household_id=household_id, year=year, per_capita=Money(amount))
            for year, amount in (incomes or {}).items()
        ),
        monitoring=tuple(
            MonitoringRecord(
                id=MonitoringId(f"{hid}-spell{i}"),
                household_id=household_id,
                category=category,
                identified_on=start,
                risk_eliminated_on=end,
            )
            for i, (start, end) in enumerate(monitoring)
        ),
    )


def full_survey(**changes: Any) -> dict[str, Any]:
    """A survey finding everything met, with ``changes``."""
    fields: dict[str, Any] = {
        "food_and_clothing_assured": True,
        "out_of_school": [],
        "uninsured": [],
        "housing_grade": HousingGrade.A,
        "water": GOOD_WATER,
    }
    fields.update(changes)
    return fields


def dataset_of(
    homes: Iterable[Home],
    villages: Sequence[VillageId] = SIX_VILLAGES,
    *,
    extra_surveys: Iterable[GuaranteeSurvey] = (),
) -> Dataset:
    """A dataset of Lingyun county's six villages and the given households."""
    homes = tuple(homes)
    return Dataset(
        regions=[
            Region(id=RegionId("gx"), name="广西壮族自治区", kind=RegionKind.AUTONOMOUS_REGION)
        ],
        cities=[City(id=CityId("baise"), name="百色市", region_id=RegionId("gx"))],
        counties=[County(id=CountyId("lingyun"), name="凌云县", city_id=CityId("baise"))],
        townships=[
            Township(
                id=TownshipId("t"),
                name="伶站瑶族乡",
                county_id=CountyId("lingyun"),
                kind=TownshipKind.ETHNIC_TOWNSHIP,
            )
        ],
        villages=[Village(id=v, name=v, township_id=TownshipId("t")) for v in villages],
        households=[h.household for h in homes],
        members=[m for h in homes for m in h.members],
        surveys=[*(s for h in homes for s in h.surveys), *extra_surveys],
        incomes=[i for h in homes for i in h.incomes],
        monitoring=[r for h in homes for r in h.monitoring],
    )


def judge(dataset: Dataset, hid: str, **options: Any) -> Any:
    options.setdefault("water_area", WaterArea.WATER_RICH)
    return assess_guarantees(
        dataset, HouseholdId(hid), ON, params=PARAMS, jurisdiction=LINGYUN, **options
    )


# -- strategies ---------------------------------------------------------------------

# Values on and either side of each limit of the drinking-water standard, so
# that one draw picks a whole water supply.
WATER_SUPPLIES = [
    WaterSupply(
        litres_per_person_per_day=litres,
        piped_into_home=piped,
        trip_minutes=trip,
        horizontal_distance_m=horizontal,
        vertical_distance_m=vertical,
        days_without_supply_per_year=days,
    )
    for litres, piped, trip, horizontal, vertical, days in itertools.product(
        [35, None, 19, 20, 36],
        [True, None, False],
        [None, 20, 21],
        [None, 800, 801],
        [None, 80, 81],
        [0, None, 36, 37],
    )
]
water_supplies = st.sampled_from(WATER_SUPPLIES)


@st.composite
def surveys(draw: st.DrawFn, size: int) -> dict[str, Any] | None:
    """The fields of a survey of a household of ``size`` members, or no survey.

    One integer picks the first four fields and one choice the water supply
    (so that generation is quick); both shrink towards a survey finding
    everything met.
    """
    if draw(st.integers(0, 5)) == 0:
        return None
    choices: dict[str, list[Any]] = {
        "water": [True, True, True, None],  # whether the visit looked at water
        "food_and_clothing_assured": [True, None, False],
        "out_of_school": [[], None, [0], [size - 1], list(range(size))],
        "uninsured": [[], None, [0], [size - 1], list(range(size))],
        "housing_grade": [*HousingGrade, None],
    }
    code = draw(st.integers(0, math.prod(len(options) for options in choices.values()) - 1))
    fields: dict[str, Any] = {}
    for name, options in choices.items():
        code, index = divmod(code, len(options))
        fields[name] = options[index]
    if fields["water"]:
        fields["water"] = draw(st.sampled_from(WATER_SUPPLIES))
    return fields


@st.composite
def homes(draw: st.DrawFn, villages: Sequence[str] = ("taohua", "chuhua")) -> list[Home]:
    """Up to five households in the given villages, with generated surveys."""
    count = draw(st.integers(0, 5))
    result = []
    for i in range(count):
        size = draw(st.integers(1, 3))
        result.append(
            home(
                f"h{i}",
                village=draw(st.sampled_from(villages)),
                size=size,
                survey=draw(surveys(size)),
            )
        )
    return result


def shuffled(dataset: Dataset, order: st.DataObject) -> Dataset:
    """The same records in other orders."""
    tables = {
        name: order.draw(st.permutations(records)) if len(records) > 1 else records
        for name, records in dataset.tables().items()
    }
    return Dataset(name=dataset.name, **tables)


# -- housing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grade", "expected"),
    [
        (HousingGrade.A, Outcome.MET),
        (HousingGrade.B, Outcome.MET),
        (HousingGrade.C, Outcome.NOT_MET),
        (HousingGrade.D, Outcome.NOT_MET),
    ],
)
def test_housing_grade_a_and_b_count_as_safe_c_and_d_do_not(
    grade: HousingGrade, expected: Outcome
) -> None:
    """住房保障方面……动态监测住房安全: grades A and B are safe housing, C and D are not."""
    dataset = dataset_of([home("h1", survey=full_survey(housing_grade=grade))])
    result = judge(dataset, "h1")
    assert result.outcome(Component.HOUSING) is expected
    assert "guarantees.housing_safe_grades" in result.explanation.parameter_names()


def test_housing_in_all_six_villages_meets_the_standard() -> None:
    """Report: "6个村分别开展4次农村自建房安全排查……目前住房全部达标": every
    household of the six villages lives in grade A or B housing, so the share
    of households (and people) with safe housing is 1 in each village."""
    grades = (HousingGrade.A, HousingGrade.B)
    homes_ = [
        home(
            f"{v}-{i}",
            village=v,
            size=i + 1,
            survey=full_survey(housing_grade=grades[i % len(grades)]),
        )
        for v in SIX_VILLAGES
        for i in range(3)
    ]
    dataset = dataset_of(homes_)
    for village in SIX_VILLAGES:
        shares = guarantee_shares(
            dataset,
            village,
            ON,
            params=PARAMS,
            jurisdiction=LINGYUN,
            water_area=WaterArea.WATER_RICH,
        )
        housing = shares.share(Component.HOUSING)
        assert housing.households.rate == Rate(1)
        assert housing.households.denominator == HouseholdCount(3)
        assert housing.people.numerator == PersonCount(6)
        assert housing.people.rate == Rate(1)


def test_a_house_downgraded_to_c_is_no_longer_safe_in_the_share() -> None:
    dataset = dataset_of(
        [
            home("h1", survey=full_survey()),
            home("h2", survey=full_survey(housing_grade=HousingGrade.C), size=3),
        ]
    )
    shares = guarantee_shares(
        dataset,
        VillageId("taohua"),
        ON,
        params=PARAMS,
        jurisdiction=LINGYUN,
        water_area=WaterArea.WATER_RICH,
    )
    housing = shares.share(Component.HOUSING)
    assert housing.households.rate == Rate.of(HouseholdCount(1), HouseholdCount(2))
    assert housing.people.rate == Rate.of(PersonCount(1), PersonCount(4))


# -- education and medical insurance ------------------------------------------------------


def test_a_pupil_out_of_school_fails_education_until_back_in_school() -> None:
    """Report: "积极动员辍学学生返校，持续做好'控辍保学'工作": a member out of school
    fails compulsory education; a later survey finding them back meets it."""
    dropout = home("h1", size=3, survey=full_survey(out_of_school=[2]))
    back = GuaranteeSurvey(
        id=SurveyId("h1-back"),
        household_id=HouseholdId("h1"),
        surveyed_on=datetime.date(2023, 4, 1),
        out_of_school_member_ids=(),
    )
    dataset = dataset_of([dropout], extra_surveys=[back])
    before = assess_guarantees(
        dataset,
        HouseholdId("h1"),
        datetime.date(2023, 3, 15),
        params=PARAMS,
        jurisdiction=LINGYUN,
        water_area=WaterArea.WATER_RICH,
    )
    assert before.outcome(Component.EDUCATION) is Outcome.NOT_MET
    after = judge(dataset, "h1")
    assert after.outcome(Component.EDUCATION) is Outcome.MET
    # The latest survey looked only at schooling: the rest is unknown, not met.
    assert after.outcome(Component.HOUSING) is Outcome.UNKNOWN
    assert not after.all_met


def test_medical_insurance_share_reaches_98_percent_in_each_village() -> None:
    """Report: "6个村的缴纳比例都达到98%以上": in each village one person in a hundred
    is uninsured, so the share insured is 99%, at least 98%."""
    homes_ = []
    for v in SIX_VILLAGES:
        for i in range(20):
            uninsured = [0] if i == 0 else []
            homes_.append(
                home(f"{v}-{i}", village=v, size=5, survey=full_survey(uninsured=uninsured))
            )
    dataset = dataset_of(homes_)
    least = Percentage("98").as_rate()
    for village in SIX_VILLAGES:
        share = medical_insurance_share(dataset, village, ON)
        assert share.people.numerator == PersonCount(99)
        assert share.people.denominator == PersonCount(100)
        rate = share.people.rate
        assert rate is not None
        assert not rate < least
    total = medical_insurance_share(dataset, SIX_VILLAGES, ON)
    assert total.people.rate == Rate.of(PersonCount(594), PersonCount(600))
    assert "基本医疗保险参保率" in total.explanation.to_text("zh")


def test_a_household_with_one_uninsured_member_fails_medical_cover() -> None:
    dataset = dataset_of([home("h1", size=4, survey=full_survey(uninsured=[3]))])
    result = judge(dataset, "h1")
    assert result.outcome(Component.MEDICAL) is Outcome.NOT_MET
    assert result.with_outcome(Outcome.NOT_MET) == (Component.MEDICAL,)


# -- drinking water -------------------------------------------------------------------------


def test_the_least_quantity_of_water_depends_on_the_area_stated() -> None:
    """35 litres per person per day in water-rich areas, 20 in water-short areas."""
    water = attrs.evolve(GOOD_WATER, litres_per_person_per_day=30)
    dataset = dataset_of([home("h1", survey=full_survey(water=water))])
    rich = judge(dataset, "h1", water_area=WaterArea.WATER_RICH)
    short = judge(dataset, "h1", water_area=WaterArea.WATER_SHORT)
    assert rich.outcome(Component.WATER) is Outcome.NOT_MET
    assert short.outcome(Component.WATER) is Outcome.MET
    assert "guarantees.water_quantity_min_water_rich" in rich.explanation.parameter_names()
    assert "guarantees.water_quantity_min_water_short" in short.explanation.parameter_names()


def test_the_water_area_is_an_explicit_argument() -> None:
    dataset = dataset_of([home("h1", survey=full_survey())])
    with pytest.raises(InvalidValueError, match="water_area"):
        judge(dataset, "h1", water_area="water_rich")


@pytest.mark.parametrize(
    ("access", "expected"),
    [
        ({"piped_into_home": True}, Outcome.MET),
        ({"piped_into_home": False, "trip_minutes": 20}, Outcome.MET),
        ({"piped_into_home": False, "horizontal_distance_m": 800}, Outcome.MET),
        ({"vertical_distance_m": 80}, Outcome.MET),
        (
            {
                "piped_into_home": False,
                "trip_minutes": 21,
                "horizontal_distance_m": 801,
                "vertical_distance_m": 81,
            },
            Outcome.NOT_MET,
        ),
        ({"piped_into_home": False, "trip_minutes": 30}, Outcome.UNKNOWN),
        ({}, Outcome.UNKNOWN),
    ],
)
def test_water_access_is_piped_or_one_trip_within_its_limits(
    access: dict[str, Any], expected: Outcome
) -> None:
    """Access: piped in, or one trip of at most 20 minutes, 800 m horizontally
    or 80 m vertically (limits included). When no way is known to be within
    its limit and some is not known, access is unknown."""
    water = WaterSupply(litres_per_person_per_day=40, days_without_supply_per_year=0, **access)
    dataset = dataset_of([home("h1", survey=full_survey(water=water))])
    assert judge(dataset, "h1").outcome(Component.WATER) is expected


@pytest.mark.parametrize(("days", "expected"), [(36, Outcome.MET), (37, Outcome.NOT_MET)])
def test_water_supply_cut_off_at_most_36_days_a_year(days: int, expected: Outcome) -> None:
    water = attrs.evolve(GOOD_WATER, days_without_supply_per_year=days)
    dataset = dataset_of([home("h1", survey=full_survey(water=water))])
    assert judge(dataset, "h1").outcome(Component.WATER) is expected


# -- unknown is never met ----------------------------------------------------------------------


def test_a_household_without_a_survey_is_unknown_in_every_component() -> None:
    dataset = dataset_of([home("h1")])
    result = judge(dataset, "h1")
    assert result.survey is None
    assert result.with_outcome(Outcome.UNKNOWN) == tuple(Component)
    assert result.overall is Outcome.UNKNOWN
    assert result.explanation.parameter_names() == frozenset()
    assert "no survey" in result.explanation.to_text("en")
    assert "无调查记录" in result.explanation.to_text("zh")


def test_a_survey_after_the_date_is_not_read() -> None:
    dataset = dataset_of([home("h1", survey=full_survey(), surveyed_on=datetime.date(2023, 5, 1))])
    assert latest_survey(dataset, HouseholdId("h1"), ON) is None
    assert judge(dataset, "h1").overall is Outcome.UNKNOWN


def test_two_surveys_on_one_day_are_chosen_by_id_not_by_record_order() -> None:
    first = home("h1", survey=full_survey(housing_grade=HousingGrade.D))
    other = GuaranteeSurvey(
        id=SurveyId("h1-t"),
        household_id=HouseholdId("h1"),
        surveyed_on=datetime.date(2023, 3, 1),
        housing_grade=HousingGrade.A,
    )
    one = dataset_of([first], extra_surveys=[other])
    two = Dataset(name=None, **{**one.tables(), "surveys": tuple(reversed(one.surveys))})
    assert latest_survey(one, HouseholdId("h1"), ON) == latest_survey(two, HouseholdId("h1"), ON)
    assert latest_survey(one, HouseholdId("h1"), ON) == other


def test_assess_survey_refuses_another_households_survey_or_a_later_one() -> None:
    survey = GuaranteeSurvey(
        id=SurveyId("s"), household_id=HouseholdId("h2"), surveyed_on=datetime.date(2023, 3, 1)
    )
    options: dict[str, Any] = {
        "on": ON,
        "params": PARAMS,
        "jurisdiction": LINGYUN,
        "water_area": WaterArea.WATER_RICH,
    }
    with pytest.raises(InvalidValueError, match="not a survey of household"):
        assess_survey(survey, household_id=HouseholdId("h1"), **options)
    with pytest.raises(InvalidValueError, match="after the date"):
        assess_survey(
            survey,
            household_id=HouseholdId("h2"),
            **{**options, "on": datetime.date(2023, 1, 1)},
        )


def test_unknown_treatment_is_an_explicit_policy() -> None:
    """Unknown stays in the denominator by default; ``EXCLUDE`` leaves it out of both."""
    dataset = dataset_of(
        [
            home("met", size=2, survey=full_survey()),
            home("unmet", size=3, survey=full_survey(housing_grade=HousingGrade.D)),
            home("unknown", size=5),
        ]
    )
    options: dict[str, Any] = {
        "params": PARAMS,
        "jurisdiction": LINGYUN,
        "water_area": {VillageId("taohua"): WaterArea.WATER_SHORT},
    }
    default = guarantee_shares(dataset, [VillageId("taohua")], ON, **options)
    housing = default.share(Component.HOUSING)
    assert housing.households.rate == Rate.of(HouseholdCount(1), HouseholdCount(3))
    assert housing.people.rate == Rate.of(PersonCount(2), PersonCount(10))
    excluded = guarantee_shares(
        dataset, [VillageId("taohua")], ON, unknown=UnknownTreatment.EXCLUDE, **options
    )
    housing = excluded.share(Component.HOUSING)
    assert housing.households.rate == Rate.of(HouseholdCount(1), HouseholdCount(2))
    assert housing.people.rate == Rate.of(PersonCount(2), PersonCount(5))
    assert housing.households.unknown == HouseholdCount(1)
    text = excluded.explanation.to_text("en")
    assert "excluded from numerator and denominator" in text


def test_a_village_without_households_has_no_share() -> None:
    dataset = dataset_of([])
    shares = guarantee_shares(
        dataset,
        VillageId("taohua"),
        ON,
        params=PARAMS,
        jurisdiction=LINGYUN,
        water_area=WaterArea.WATER_RICH,
    )
    assert all(s.households.rate is None and s.people.rate is None for s in shares.components)


def test_a_water_area_is_needed_for_every_village() -> None:
    dataset = dataset_of([home("h1", survey=full_survey())])
    with pytest.raises(InvalidValueError, match="no water area"):
        guarantee_shares(
            dataset,
            SIX_VILLAGES,
            ON,
            params=PARAMS,
            jurisdiction=LINGYUN,
            water_area={VillageId("chuhua"): WaterArea.WATER_RICH},
        )


def test_the_explanation_reads_in_both_languages_and_as_json() -> None:
    dataset = dataset_of([home("h1", survey=full_survey(housing_grade=HousingGrade.C))])
    why = judge(dataset, "h1").explanation
    assert "not met: safe housing secured" in why.to_text("en")
    assert "未达标：住房安全有保障" in why.to_text("zh")
    data = why.to_json()
    housing = next(p for p in data["parts"] if p["rule"] == "guarantees.housing")
    assert housing["parameters"][0]["value"] == ["A", "B"]
    assert housing["comparisons"][0]["holds"] is False


# -- properties -------------------------------------------------------------------------------


@given(homes())
def test_unknown_is_never_counted_as_met(generated: list[Home]) -> None:
    dataset = dataset_of(generated)
    for h in generated:
        result = judge(dataset, h.id)
        survey = h.surveys[0] if h.surveys else None
        met = set(result.with_outcome(Outcome.MET))
        if survey is None:
            assert not met
            continue
        assert (Component.FOOD_AND_CLOTHING in met) == (survey.food_and_clothing_assured is True)
        assert (Component.EDUCATION in met) == (survey.out_of_school_member_ids == ())
        assert (Component.MEDICAL in met) == (survey.uninsured_member_ids == ())
        assert (Component.HOUSING in met) == (
            survey.housing_grade in (HousingGrade.A, HousingGrade.B)
        )
        if Component.WATER in met:
            water = survey.water
            assert water is not None
            assert water.litres_per_person_per_day is not None
            assert water.days_without_supply_per_year is not None
        assert result.all_met == (met == set(Component))


@given(homes(), st.sampled_from(WaterArea))
def test_the_explanation_names_every_parameter_read(generated: list[Home], area: WaterArea) -> None:
    dataset = dataset_of(generated)
    for h in generated:
        params = spy(PARAMS)
        result = assess_guarantees(
            dataset, h.id, ON, params=params, jurisdiction=LINGYUN, water_area=area
        )
        assert result.explanation.parameter_names() == frozenset(params.read)
    params = spy(PARAMS)
    shares = guarantee_shares(
        dataset,
        SIX_VILLAGES,
        ON,
        params=params,
        jurisdiction=LINGYUN,
        water_area=area,
    )
    assert shares.explanation.parameter_names() == frozenset(params.read)


@given(homes(), st.sampled_from(UnknownTreatment))
def test_shares_lie_between_0_and_1_with_numerator_at_most_denominator(
    generated: list[Home], treatment: UnknownTreatment
) -> None:
    dataset = dataset_of(generated)
    shares = guarantee_shares(
        dataset,
        SIX_VILLAGES,
        ON,
        params=PARAMS,
        jurisdiction=LINGYUN,
        water_area=WaterArea.WATER_RICH,
        unknown=treatment,
    )
    total_people = PersonCount(sum(len(h.members) for h in generated))
    for share in shares.components:
        for tally in (share.households, share.people):
            assert tally.numerator.value <= tally.denominator.value
            rate = tally.rate
            if rate is not None:
                assert 0 <= rate.value <= 1
        assert share.households.met + share.households.not_met + share.households.unknown == (
            HouseholdCount(len(generated))
        )
        assert share.people.met + share.people.not_met + share.people.unknown == total_people
    insured = medical_insurance_share(dataset, SIX_VILLAGES, ON, unknown=treatment)
    assert insured.people.numerator.value <= insured.people.denominator.value


@given(homes(), st.data())
def test_results_do_not_depend_on_the_order_of_records(
    generated: list[Home], order: st.DataObject
) -> None:
    dataset = dataset_of(generated)
    other = shuffled(dataset, order)
    options: dict[str, Any] = {
        "params": PARAMS,
        "jurisdiction": LINGYUN,
        "water_area": WaterArea.WATER_SHORT,
    }
    one = guarantee_shares(dataset, SIX_VILLAGES, ON, **options)
    two = guarantee_shares(other, list(reversed(SIX_VILLAGES)), ON, **options)
    assert one.components == two.components
    assert one.explanation.to_json() == two.explanation.to_json()
    assert [a.explanation.to_json() for a in one.assessments] == [
        a.explanation.to_json() for a in two.assessments
    ]
    assert medical_insurance_share(dataset, SIX_VILLAGES, ON).people == (
        medical_insurance_share(other, SIX_VILLAGES, ON).people
    )
