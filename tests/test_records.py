"""Records: valid construction, and refusals that name the field path and the bad value."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pendulum
import pytest

import villagemodel as vm
from villagemodel import (
    PARTY_COMPANY_PARK_HOUSEHOLDS,
    Activity,
    ActivityKind,
    Allocation,
    Award,
    AwardKind,
    BranchRating,
    Cadre,
    CadrePost,
    CadreStatus,
    City,
    CollectiveIncome,
    County,
    DisputeMediation,
    FirstSecretary,
    Fund,
    FundPurpose,
    FundSource,
    GridWorker,
    GuaranteeSurvey,
    Hamlet,
    Household,
    HouseholdIncome,
    HousingGrade,
    Industry,
    IndustryKind,
    InexactNumberError,
    InvalidValueError,
    LabelledEnum,
    Meeting,
    MeetingKind,
    Member,
    MembershipStatus,
    Money,
    MonitoringRecord,
    OperatingModel,
    OperatingPart,
    PartyBranch,
    PartyMember,
    Percentage,
    Period,
    PeriodError,
    PersonCount,
    PersonTimes,
    PovertyHistory,
    PovertyStatus,
    PovertyStatusKind,
    Problem,
    Project,
    ProjectKind,
    Quantity,
    Region,
    RegionKind,
    Relation,
    RiskCategory,
    Sex,
    StarRating,
    SupportingUnit,
    Township,
    TownshipKind,
    Unit,
    UniversityAdmission,
    Village,
    WaterSupply,
    WorkingCapacity,
    WorkTeam,
)
from villagemodel.ids import (
    ActivityId,
    AdmissionId,
    AllocationId,
    AwardId,
    BranchId,
    CadreId,
    CityId,
    CountyId,
    DisputeId,
    FirstSecretaryId,
    FundId,
    GridWorkerId,
    HamletId,
    HouseholdId,
    IndustryId,
    MeetingId,
    MemberId,
    MonitoringId,
    PartyMemberId,
    ProjectId,
    RegionId,
    SupportingUnitId,
    SurveyId,
    TownshipId,
    VillageId,
    WorkTeamId,
)

D = datetime.date


def refusal(path: str, value: object) -> str:
    """The pattern of a refusal message, ``path: reason (got value)``."""
    return rf"^{re.escape(path)}: .+ \(got {re.escape(repr(value))}\)$"


# -- builders of valid records, varied one field at a time ---------------------


def taohua(**changes: Any) -> Village:
    fields: dict[str, Any] = {
        "id": VillageId("taohua"),
        "name": "陶化村",
        "name_en": "Taohua",
        "township_id": TownshipId("lingzhan"),
    }
    fields.update(changes)
    return Village(**fields)


def household(**changes: Any) -> Household:
    fields: dict[str, Any] = {
        "id": HouseholdId("h1"),
        "village_id": VillageId("taohua"),
        "history": PovertyHistory.FORMERLY_POOR,
    }
    fields.update(changes)
    return Household(**fields)


def income(**changes: Any) -> HouseholdIncome:
    fields: dict[str, Any] = {
        "household_id": HouseholdId("h1"),
        "year": 2022,
        "per_capita": Money("9800.50"),
    }
    fields.update(changes)
    return HouseholdIncome(**fields)


def collective_income(**changes: Any) -> CollectiveIncome:
    fields: dict[str, Any] = {
        "village_id": VillageId("taohua"),
        "year": 2022,
        "amount": Money.from_wan("22.7"),
    }
    fields.update(changes)
    return CollectiveIncome(**fields)


def fund(**changes: Any) -> Fund:
    fields: dict[str, Any] = {
        "id": FundId("f1"),
        "name": "帮扶资金",
        "source": FundSource.ASSISTANCE,
        "amount": Money.from_wan("1493"),
        "received_on": D(2021, 3, 1),
    }
    fields.update(changes)
    return Fund(**fields)


def allocation(**changes: Any) -> Allocation:
    fields: dict[str, Any] = {
        "id": AllocationId("a1"),
        "fund_id": FundId("f1"),
        "amount": Money.from_wan("30"),
        "purpose": FundPurpose.INDUSTRY,
        "allocated_on": D(2021, 4, 1),
        "village_id": VillageId("taohua"),
    }
    fields.update(changes)
    return Allocation(**fields)


def monitoring(**changes: Any) -> MonitoringRecord:
    fields: dict[str, Any] = {
        "id": MonitoringId("m1"),
        "household_id": HouseholdId("h1"),
        "category": RiskCategory.SUDDEN_HARDSHIP,
        "identified_on": D(2022, 3, 1),
    }
    fields.update(changes)
    return MonitoringRecord(**fields)


def cadre(**changes: Any) -> Cadre:
    fields: dict[str, Any] = {
        "id": CadreId("c1"),
        "village_id": VillageId("taohua"),
        "status": CadreStatus.SERVING,
        "post": CadrePost.BRANCH_SECRETARY,
    }
    fields.update(changes)
    return Cadre(**fields)


def activity(**changes: Any) -> Activity:
    fields: dict[str, Any] = {
        "id": ActivityId("act1"),
        "kind": ActivityKind.EVENING_TALK,
        "village_ids": (VillageId("taohua"),),
        "held_on": D(2022, 7, 1),
    }
    fields.update(changes)
    return Activity(**fields)


def meeting(**changes: Any) -> Meeting:
    fields: dict[str, Any] = {
        "id": MeetingId("mt1"),
        "branch_id": BranchId("b1"),
        "kind": MeetingKind.PARTY_LECTURE,
        "held_on": D(2022, 7, 1),
    }
    fields.update(changes)
    return Meeting(**fields)


def project(**changes: Any) -> Project:
    fields: dict[str, Any] = {
        "id": ProjectId("p1"),
        "village_id": VillageId("taohua"),
        "kind": ProjectKind.STREET_LAMP,
        "quantity": Quantity(120, Unit.LAMP),
    }
    fields.update(changes)
    return Project(**fields)


def survey(**changes: Any) -> GuaranteeSurvey:
    fields: dict[str, Any] = {
        "id": SurveyId("s1"),
        "household_id": HouseholdId("h1"),
        "surveyed_on": D(2022, 5, 1),
    }
    fields.update(changes)
    return GuaranteeSurvey(**fields)


def work_team(**changes: Any) -> WorkTeam:
    fields: dict[str, Any] = {
        "id": WorkTeamId("wt1"),
        "unit_id": SupportingUnitId("finance"),
        "village_id": VillageId("taohua"),
        "started_on": D(2021, 6, 1),
    }
    fields.update(changes)
    return WorkTeam(**fields)


def first_secretary(**changes: Any) -> FirstSecretary:
    fields: dict[str, Any] = {
        "id": FirstSecretaryId("fs1"),
        "unit_id": SupportingUnitId("finance"),
        "village_id": VillageId("taohua"),
        "started_on": D(2021, 6, 1),
    }
    fields.update(changes)
    return FirstSecretary(**fields)


# One valid instance of every attrs class the package exports.
VALID_RECORDS: dict[str, attrs.AttrsInstance] = {
    "Region": Region(id=RegionId("gx"), name="广西壮族自治区", kind=RegionKind.AUTONOMOUS_REGION),
    "City": City(id=CityId("baise"), name="百色市", region_id=RegionId("gx")),
    "County": County(id=CountyId("lingyun"), name="凌云县", city_id=CityId("baise")),
    "Township": Township(
        id=TownshipId("lingzhan"),
        name="伶站瑶族乡",
        county_id=CountyId("lingyun"),
        kind=TownshipKind.ETHNIC_TOWNSHIP,
    ),
    "Village": taohua(),
    "Hamlet": Hamlet(id=HamletId("jiuyou"), name="九优屯", village_id=VillageId("yaoma")),
    "GridWorker": GridWorker(id=GridWorkerId("gw1"), hamlet_id=HamletId("jiuyou")),
    "PartyBranch": PartyBranch(
        id=BranchId("b1"), village_id=VillageId("taohua"), name="陶化村党支部"
    ),
    "BranchRating": BranchRating(branch_id=BranchId("b1"), year=2022, rating=StarRating.FIVE),
    "PartyMember": PartyMember(id=PartyMemberId("pm1"), branch_id=BranchId("b1")),
    "Cadre": cadre(),
    "SupportingUnit": SupportingUnit(id=SupportingUnitId("finance"), name="广西壮族自治区财政厅"),
    "WorkTeam": work_team(),
    "FirstSecretary": first_secretary(),
    "OperatingModel": PARTY_COMPANY_PARK_HOUSEHOLDS,
    "Industry": Industry(
        id=IndustryId("i1"), village_id=VillageId("taohua"), kind=IndustryKind.MEAT_PIGEON
    ),
    "Household": household(),
    "Member": Member(id=MemberId("m1"), household_id=HouseholdId("h1"), relation=Relation.HEAD),
    "HouseholdIncome": income(),
    "MonitoringRecord": monitoring(),
    "WaterSupply": WaterSupply(litres_per_person_per_day=60, piped_into_home=True),
    "GuaranteeSurvey": survey(),
    "UniversityAdmission": UniversityAdmission(
        id=AdmissionId("a1"), member_id=MemberId("m1"), admitted_on=D(2022, 9, 1)
    ),
    "PovertyStatus": PovertyStatus(kind=PovertyStatusKind.NEITHER),
    "Fund": fund(),
    "Allocation": allocation(),
    "CollectiveIncome": collective_income(),
    "Project": project(),
    "Activity": activity(),
    "Meeting": meeting(),
    "Award": Award(
        id=AwardId("aw1"),
        village_id=VillageId("shuangda"),
        kind=AwardKind.DESIGNATION,
        name="广西乡村振兴创建示范村",
        year=2022,
    ),
    "DisputeMediation": DisputeMediation(
        id=DisputeId("d1"), village_id=VillageId("taohua"), mediated_on=D(2022, 8, 3)
    ),
    "Period": Period.calendar_year(2022),
    "Problem": Problem(path="villages[0].id", value="", message="empty"),
    "Table": vm.TABLES[0],
    "Dataset": vm.Dataset(name="empty"),
}


# -- every record is frozen and keyword-only -----------------------------------


def test_every_exported_attrs_class_has_a_sample() -> None:
    exported = {
        name
        for name in vm.__all__
        if isinstance(getattr(vm, name), type) and attrs.has(getattr(vm, name))
    }
    assert exported == set(VALID_RECORDS)
    assert all(type(record).__name__ == name for name, record in VALID_RECORDS.items())


@pytest.mark.parametrize("record", VALID_RECORDS.values(), ids=list(VALID_RECORDS))
def test_records_are_frozen(record: attrs.AttrsInstance) -> None:
    for field in attrs.fields(type(record)):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(record, field.name, getattr(record, field.name))


@pytest.mark.parametrize("record", VALID_RECORDS.values(), ids=list(VALID_RECORDS))
def test_records_are_keyword_only(record: attrs.AttrsInstance) -> None:
    make: Any = type(record)
    init_fields = [field for field in attrs.fields(type(record)) if field.init]
    by_keyword = {field.alias: getattr(record, field.name) for field in init_fields}
    assert make(**by_keyword) == record
    with pytest.raises(TypeError):
        make(*by_keyword.values())


def test_assigning_to_a_village_field_raises_frozen_instance_error() -> None:
    village = taohua()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        village.name = "桃花村"  # type: ignore[misc]
    assert village.name == "陶化村"


def test_a_village_given_positionally_raises_type_error() -> None:
    with pytest.raises(TypeError):
        Village(VillageId("taohua"), "陶化村", None, TownshipId("lingzhan"))  # type: ignore[call-arg]


# -- errors carry path, value and reason ---------------------------------------


def test_a_refusal_keeps_path_value_and_reason() -> None:
    with pytest.raises(InvalidValueError) as caught:
        income(per_capita=Money(-1))
    error = caught.value
    assert error.path == "HouseholdIncome.per_capita"
    assert error.value == Money(-1)
    assert error.reason == "an amount of money cannot be negative here"
    assert error.problem == Problem(
        path="HouseholdIncome.per_capita",
        value=Money(-1),
        message="an amount of money cannot be negative here",
    )
    assert str(error) == (
        "HouseholdIncome.per_capita: an amount of money cannot be negative here (got Money('-1'))"
    )


# -- star ratings ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("stars", "member", "zh"),
    [
        (1, StarRating.ONE, "一星"),
        (2, StarRating.TWO, "二星"),
        (3, StarRating.THREE, "三星"),
        (4, StarRating.FOUR, "四星"),
        (5, StarRating.FIVE, "五星"),
    ],
)
def test_a_star_rating_is_built_from_its_number_of_stars(
    stars: int, member: StarRating, zh: str
) -> None:
    rating = StarRating.of(stars)
    assert rating is member
    assert rating.stars == stars
    assert rating.zh == zh
    assert rating.is_rated


def test_no_stars_is_unrated() -> None:
    assert StarRating.of(None) is StarRating.UNRATED
    assert StarRating.UNRATED.stars is None
    assert not StarRating.UNRATED.is_rated
    assert StarRating.UNRATED.zh == "未评星"


@pytest.mark.parametrize("stars", [6, 0, -1, 10])
def test_a_star_rating_outside_one_to_five_is_refused(stars: int) -> None:
    with pytest.raises(InvalidValueError, match=refusal("stars", stars)):
        StarRating.of(stars)


def test_a_star_rating_of_six_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=r"^stars: not a star rating; .+ \(got 6\)$"):
        StarRating.of(6)


@pytest.mark.parametrize("stars", [True, 5.0, "5", Decimal(5)])
def test_a_star_rating_needs_an_int_not_a_lookalike(stars: object) -> None:
    with pytest.raises(InvalidValueError, match=refusal("stars", stars)):
        StarRating.of(stars)  # type: ignore[arg-type]


def test_a_branch_rating_of_six_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("BranchRating.rating", 6)):
        BranchRating(branch_id=BranchId("b1"), year=2022, rating=6)  # type: ignore[arg-type]


def test_a_branch_rating_holds_its_rating_and_date() -> None:
    rating = BranchRating(
        branch_id=BranchId("b1"),
        year=2022,
        rating=StarRating.of(4),
        rated_on=D(2023, 1, 10),
        rubric="星级化管理",
    )
    assert rating.rating is StarRating.FOUR
    assert rating.rated_on == D(2023, 1, 10)
    assert rating.rubric == "星级化管理"


def test_a_branch_can_be_rated_unrated_for_a_year() -> None:
    rating = BranchRating(branch_id=BranchId("b1"), year=2022, rating=StarRating.UNRATED)
    assert rating.rating is StarRating.UNRATED


def test_a_rating_dated_before_its_year_is_refused() -> None:
    with pytest.raises(PeriodError, match=refusal("BranchRating.rated_on", D(2021, 12, 31))):
        BranchRating(
            branch_id=BranchId("b1"), year=2022, rating=StarRating.FIVE, rated_on=D(2021, 12, 31)
        )


@pytest.mark.parametrize("year", [1948, 2101, True])
def test_a_year_outside_the_model_is_refused(year: int) -> None:
    with pytest.raises(InvalidValueError, match=refusal("BranchRating.year", year)):
        BranchRating(branch_id=BranchId("b1"), year=year, rating=StarRating.FIVE)


def test_a_year_given_as_text_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("HouseholdIncome.year", "2022")):
        income(year="2022")


# -- money in records ---------------------------------------------------------------


def test_a_household_income_holds_the_amount_in_yuan() -> None:
    record = income(per_capita=Money("9800.50"))
    assert record.per_capita == Money("9800.5")
    assert record.per_capita.fen == 980050
    assert record.year == 2022


def test_zero_income_is_accepted() -> None:
    assert income(per_capita=Money(0)).per_capita == Money.zero()


def test_negative_income_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("HouseholdIncome.per_capita", Money(-1))):
        HouseholdIncome(household_id=HouseholdId("h1"), year=2022, per_capita=Money(-1))


def test_a_collective_income_from_wan_is_held_in_yuan() -> None:
    record = collective_income(amount=Money.from_wan("22.7"))
    assert record.amount == Money(227000)
    assert record.amount.format_zh() == "22.7万元"


def test_a_float_given_as_collective_income_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("CollectiveIncome.amount", 227000.0)):
        CollectiveIncome(village_id=VillageId("taohua"), year=2022, amount=227000.0)  # type: ignore[arg-type]


def test_a_float_given_as_a_fund_amount_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Fund.amount", 0.1)):
        Fund(
            id=FundId("f1"),
            name="捐资助学",
            source=FundSource.DONATION,
            amount=0.1,  # type: ignore[arg-type]
            received_on=D(2022, 1, 1),
        )


@pytest.mark.parametrize("amount", [Decimal("100"), 100, "100"])
def test_a_bare_number_given_as_money_is_refused(amount: object) -> None:
    with pytest.raises(InvalidValueError, match=refusal("Fund.amount", amount)):
        fund(amount=amount)


def test_money_itself_refuses_a_float() -> None:
    with pytest.raises(InexactNumberError, match=refusal("Money", 0.1)):
        Money(0.1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("make", "path"),
    [
        (lambda amount: fund(amount=amount), "Fund.amount"),
        (lambda amount: income(per_capita=amount), "HouseholdIncome.per_capita"),
        (lambda amount: allocation(amount=amount), "Allocation.amount"),
        (lambda amount: collective_income(amount=amount), "CollectiveIncome.amount"),
    ],
)
def test_a_fraction_of_a_fen_is_refused(make: Callable[[Money], object], path: str) -> None:
    with pytest.raises(InvalidValueError, match=refusal(path, Money("0.001"))):
        make(Money("0.001"))


def test_a_whole_fen_is_accepted() -> None:
    assert fund(amount=Money("0.01")).amount.fen == 1
    assert fund(amount=Money("0.010")).amount == Money("0.01")


@pytest.mark.parametrize(
    ("make", "path"),
    [
        (lambda amount: fund(amount=amount), "Fund.amount"),
        (lambda amount: allocation(amount=amount), "Allocation.amount"),
        (lambda amount: collective_income(amount=amount), "CollectiveIncome.amount"),
    ],
)
def test_a_negative_amount_is_refused(make: Callable[[Money], object], path: str) -> None:
    with pytest.raises(InvalidValueError, match=refusal(path, Money("-0.01"))):
        make(Money("-0.01"))


# -- percentages and periods ------------------------------------------------------


def test_a_share_above_100_percent_is_refused() -> None:
    with pytest.raises(
        InvalidValueError, match=refusal("villages[2].insurance_rate", 101)
    ) as caught:
        Percentage.share(101, path="villages[2].insurance_rate")
    assert caught.value.path == "villages[2].insurance_rate"


@pytest.mark.parametrize("value", [Decimal("100.01"), "-0.5", -1])
def test_a_share_outside_0_to_100_percent_is_refused(value: Decimal | int | str) -> None:
    with pytest.raises(InvalidValueError, match=refusal("Village.medical_insurance", value)):
        Percentage.share(value, path="Village.medical_insurance")


@pytest.mark.parametrize("value", [0, 100, "98.5", Decimal("12.76")])
def test_a_share_between_0_and_100_percent_is_accepted(value: Decimal | int | str) -> None:
    assert Percentage.share(value) == Percentage(value)


def test_a_date_outside_a_period_is_refused() -> None:
    year = Period.calendar_year(2022)
    with pytest.raises(
        PeriodError, match=refusal("activities[4].held_on", pendulum.date(2023, 1, 5))
    ):
        year.require(D(2023, 1, 5), "activities[4].held_on")


@pytest.mark.parametrize("day", [D(2022, 1, 1), D(2022, 6, 15), D(2022, 12, 31)])
def test_a_date_inside_a_period_is_returned_as_a_pendulum_date(day: datetime.date) -> None:
    checked = Period.calendar_year(2022).require(day, "held_on")
    assert isinstance(checked, pendulum.Date)
    assert (checked.year, checked.month, checked.day) == (day.year, day.month, day.day)


def test_the_day_before_a_period_is_outside_it() -> None:
    period = Period.since(2021, as_of=pendulum.date(2023, 4, 18))
    with pytest.raises(PeriodError, match=refusal("held_on", pendulum.date(2020, 12, 31))):
        period.require(D(2020, 12, 31), "held_on")


def test_a_datetime_given_to_period_require_is_refused() -> None:
    moment = datetime.datetime(2022, 5, 1, 9, 30)  # noqa: DTZ001
    with pytest.raises(PeriodError, match=refusal("held_on", moment)):
        Period.calendar_year(2022).require(moment, "held_on")


DATETIME = datetime.datetime(2022, 5, 1, 9, 30)  # noqa: DTZ001


@pytest.mark.parametrize(
    ("make", "path"),
    [
        (lambda day: meeting(held_on=day), "Meeting.held_on"),
        (lambda day: monitoring(identified_on=day), "MonitoringRecord.identified_on"),
        (
            lambda day: monitoring(identified_on=D(2022, 1, 1), risk_eliminated_on=day),
            "MonitoringRecord.risk_eliminated_on",
        ),
        (lambda day: fund(received_on=day), "Fund.received_on"),
        (lambda day: allocation(allocated_on=day), "Allocation.allocated_on"),
        (lambda day: activity(held_on=day), "Activity.held_on"),
        (lambda day: survey(surveyed_on=day), "GuaranteeSurvey.surveyed_on"),
        (lambda day: work_team(started_on=day), "WorkTeam.started_on"),
        (lambda day: cadre(since=day), "Cadre.since"),
        (
            lambda day: DisputeMediation(
                id=DisputeId("d1"), village_id=VillageId("taohua"), mediated_on=day
            ),
            "DisputeMediation.mediated_on",
        ),
    ],
)
def test_a_datetime_given_where_a_date_is_expected_is_refused(
    make: Callable[[datetime.datetime], object], path: str
) -> None:
    with pytest.raises(PeriodError, match=refusal(path, DATETIME)):
        make(DATETIME)


def test_a_pendulum_datetime_given_where_a_date_is_expected_is_refused() -> None:
    moment = pendulum.datetime(2022, 5, 1, 9, 30, tz="Asia/Shanghai")
    with pytest.raises(
        PeriodError, match=r"^Meeting\.held_on: .+ \(got DateTime\(2022, 5, 1, 9, 30"
    ):
        meeting(held_on=moment)


def test_a_date_given_as_text_is_refused() -> None:
    with pytest.raises(PeriodError, match=refusal("Meeting.held_on", "2022-07-01")):
        meeting(held_on="2022-07-01")


def test_a_pendulum_date_is_accepted_as_a_date() -> None:
    assert meeting(held_on=pendulum.date(2022, 7, 1)).held_on == D(2022, 7, 1)


# -- ids and text -------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["", " ", " taohua", "taohua ", "\ttaohua", "taohua\n", "v" * 65])
def test_an_empty_or_space_padded_id_is_refused(bad: str) -> None:
    with pytest.raises(InvalidValueError, match=refusal("Village.id", bad)):
        taohua(id=bad)


@pytest.mark.parametrize(
    ("make", "path"),
    [
        (lambda ident: household(village_id=ident), "Household.village_id"),
        (lambda ident: household(hamlet_id=ident), "Household.hamlet_id"),
        (lambda ident: allocation(fund_id=ident), "Allocation.fund_id"),
        (lambda ident: income(household_id=ident), "HouseholdIncome.household_id"),
        (
            lambda ident: BranchRating(branch_id=ident, year=2022, rating=StarRating.ONE),
            "BranchRating.branch_id",
        ),
        (lambda ident: first_secretary(work_team_id=ident), "FirstSecretary.work_team_id"),
        (
            lambda ident: activity(village_ids=(VillageId("taohua"), ident)),
            "Activity.village_ids[1]",
        ),
        (
            lambda ident: survey(uninsured_member_ids=[ident]),
            "GuaranteeSurvey.uninsured_member_ids[0]",
        ),
    ],
)
@pytest.mark.parametrize("bad", ["", " h1", "h1 "])
def test_an_empty_or_space_padded_reference_is_refused(
    make: Callable[[str], object], path: str, bad: str
) -> None:
    with pytest.raises(InvalidValueError, match=refusal(path, bad)):
        make(bad)


@pytest.mark.parametrize(
    ("make", "path"),
    [
        (lambda ident: household(village_id=ident), "Household.village_id"),
        (lambda ident: first_secretary(work_team_id=ident), "FirstSecretary.work_team_id"),
        (
            lambda ident: activity(village_ids=(VillageId("taohua"), ident)),
            "Activity.village_ids[1]",
        ),
        (
            lambda ident: survey(out_of_school_member_ids=[ident]),
            "GuaranteeSurvey.out_of_school_member_ids[0]",
        ),
    ],
)
def test_a_reference_longer_than_an_id_can_be_is_refused(
    make: Callable[[str], object], path: str
) -> None:
    with pytest.raises(InvalidValueError, match=refusal(path, "x" * 65)):
        make("x" * 65)


def test_an_id_that_is_not_a_str_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Village.id", 7)):
        taohua(id=7)


def test_an_id_of_64_characters_is_accepted() -> None:
    assert taohua(id="v" * 64).id == "v" * 64


def test_an_id_may_hold_chinese_and_inner_spaces() -> None:
    assert taohua(id="陶化 村").id == "陶化 村"


@pytest.mark.parametrize("bad", ["", " 陶化村", "陶化村 "])
def test_an_empty_or_space_padded_name_is_refused(bad: str) -> None:
    with pytest.raises(InvalidValueError, match=refusal("Village.name", bad)):
        taohua(name=bad)


def test_an_empty_english_name_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Village.name_en", "")):
        taohua(name_en="")


# -- places -----------------------------------------------------------------------


def test_a_village_holds_its_fields() -> None:
    village = taohua()
    assert (village.id, village.name, village.name_en, village.township_id) == (
        "taohua",
        "陶化村",
        "Taohua",
        "lingzhan",
    )


def test_a_region_is_a_province_unless_told() -> None:
    assert Region(id=RegionId("gd"), name="广东省").kind is RegionKind.PROVINCE


def test_a_region_kind_given_as_text_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Region.kind", "province")):
        Region(id=RegionId("gd"), name="广东省", kind="province")  # type: ignore[arg-type]


def test_a_township_needs_a_kind() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Township.kind", "乡")):
        Township(id=TownshipId("t"), name="伶站乡", county_id=CountyId("c"), kind="乡")  # type: ignore[arg-type]


def test_a_city_without_a_region_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("City.region_id", None)):
        City(id=CityId("baise"), name="百色市", region_id=None)  # type: ignore[arg-type]


def test_a_county_with_a_padded_city_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("County.city_id", "baise ")):
        County(id=CountyId("lingyun"), name="凌云县", city_id=CityId("baise "))


def test_a_hamlet_with_an_empty_village_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Hamlet.village_id", "")):
        Hamlet(id=HamletId("jiuyou"), name="九优屯", village_id=VillageId(""))


def test_a_grid_worker_name_is_optional_but_not_blank() -> None:
    assert GridWorker(id=GridWorkerId("gw1"), hamlet_id=HamletId("jiuyou")).name is None
    with pytest.raises(InvalidValueError, match=refusal("GridWorker.name", " ")):
        GridWorker(id=GridWorkerId("gw1"), hamlet_id=HamletId("jiuyou"), name=" ")


# -- Party ---------------------------------------------------------------------------


def test_a_branch_records_whether_one_person_holds_both_posts() -> None:
    branch = PartyBranch(
        id=BranchId("b1"),
        village_id=VillageId("taohua"),
        name="陶化村党支部",
        secretary_is_committee_head=True,
    )
    assert branch.secretary_is_committee_head is True


def test_a_branch_flag_given_as_int_is_refused() -> None:
    with pytest.raises(
        InvalidValueError, match=refusal("PartyBranch.secretary_is_committee_head", 1)
    ):
        PartyBranch(
            id=BranchId("b1"),
            village_id=VillageId("taohua"),
            name="陶化村党支部",
            secretary_is_committee_head=1,  # type: ignore[arg-type]
        )


def test_a_party_member_is_a_full_member_unless_told() -> None:
    member = PartyMember(id=PartyMemberId("pm1"), branch_id=BranchId("b1"))
    assert member.status is MembershipStatus.FULL
    probationary = PartyMember(
        id=PartyMemberId("pm2"), branch_id=BranchId("b1"), status=MembershipStatus.PROBATIONARY
    )
    assert probationary.status.zh == "预备党员"


def test_a_party_member_status_given_as_text_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("PartyMember.status", "full")):
        PartyMember(id=PartyMemberId("pm1"), branch_id=BranchId("b1"), status="full")  # type: ignore[arg-type]


def test_a_serving_cadre_without_a_post_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Cadre.post", None)):
        Cadre(id=CadreId("c1"), village_id=VillageId("taohua"), status=CadreStatus.SERVING)


def test_a_reserve_cadre_may_hold_no_post() -> None:
    reserve = cadre(status=CadreStatus.RESERVE, post=None)
    assert reserve.post is None
    assert reserve.status.zh == "后备干部"


def test_a_serving_cadre_holds_a_post() -> None:
    assert cadre(post=CadrePost.COMMITTEE_HEAD).post is CadrePost.COMMITTEE_HEAD


def test_a_cadre_leaving_before_starting_is_refused() -> None:
    with pytest.raises(PeriodError, match=refusal("Cadre.until", D(2021, 12, 31))):
        cadre(since=D(2022, 1, 1), until=D(2021, 12, 31))


def test_a_cadre_may_serve_a_single_day() -> None:
    assert cadre(since=D(2022, 1, 1), until=D(2022, 1, 1)).until == D(2022, 1, 1)


def test_a_supporting_unit_needs_a_name() -> None:
    with pytest.raises(InvalidValueError, match=refusal("SupportingUnit.name", "")):
        SupportingUnit(id=SupportingUnitId("finance"), name="")


def test_a_work_team_ending_before_it_started_is_refused() -> None:
    with pytest.raises(PeriodError, match=refusal("WorkTeam.ended_on", D(2021, 5, 31))):
        work_team(ended_on=D(2021, 5, 31))


def test_a_work_team_size_is_a_person_count() -> None:
    assert work_team(size=PersonCount(3)).size == PersonCount(3)
    with pytest.raises(InvalidValueError, match=refusal("WorkTeam.size", 3)):
        work_team(size=3)


def test_a_first_secretary_ending_before_starting_is_refused() -> None:
    with pytest.raises(PeriodError, match=refusal("FirstSecretary.ended_on", D(2021, 1, 1))):
        first_secretary(ended_on=D(2021, 1, 1))


def test_a_first_secretary_may_lead_a_work_team() -> None:
    secretary = first_secretary(work_team_id=WorkTeamId("wt1"), name="张三")
    assert secretary.work_team_id == "wt1"
    assert secretary.ended_on is None


# -- industry ---------------------------------------------------------------------


def test_an_industry_of_kind_other_without_a_name_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Industry.name", None)):
        Industry(id=IndustryId("i1"), village_id=VillageId("taohua"), kind=IndustryKind.OTHER)


def test_an_industry_of_kind_other_with_a_name_is_accepted() -> None:
    industry = Industry(
        id=IndustryId("i1"), village_id=VillageId("taohua"), kind=IndustryKind.OTHER, name="香菇"
    )
    assert industry.label_zh() == "香菇"


def test_an_industry_of_a_named_kind_takes_its_kind_label() -> None:
    industry = Industry(
        id=IndustryId("i1"),
        village_id=VillageId("taohua"),
        kind=IndustryKind.MEAT_PIGEON,
        operating_model=PARTY_COMPANY_PARK_HOUSEHOLDS,
    )
    assert industry.label_zh() == "肉鸽"
    assert industry.operating_model is PARTY_COMPANY_PARK_HOUSEHOLDS


def test_an_operating_model_with_a_repeated_part_is_refused() -> None:
    parts = (OperatingPart.COMPANY, OperatingPart.COMPANY)
    with pytest.raises(InvalidValueError, match=refusal("OperatingModel.parts", parts)):
        OperatingModel(parts=parts)


def test_an_operating_model_with_no_part_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("OperatingModel.parts", ())):
        OperatingModel(parts=[])


def test_an_operating_model_part_given_as_text_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("OperatingModel.parts[1]", "公司")):
        OperatingModel(parts=[OperatingPart.PARTY_ORGANISATION, "公司"])


def test_an_operating_model_keeps_its_parts_in_order() -> None:
    model = OperatingModel(parts=[OperatingPart.COOPERATIVE, OperatingPart.FARM_HOUSEHOLDS])
    assert model.parts == (OperatingPart.COOPERATIVE, OperatingPart.FARM_HOUSEHOLDS)
    assert model.label_zh() == "合作社+农户"
    assert PARTY_COMPANY_PARK_HOUSEHOLDS.label_zh() == "党组织+公司+示范园+农户"
    assert PARTY_COMPANY_PARK_HOUSEHOLDS.label_en() == (
        "Party organisation + company + demonstration park + farm households"
    )


# -- households --------------------------------------------------------------------


def test_a_household_may_name_its_hamlet() -> None:
    assert household(hamlet_id=HamletId("jiuyou")).hamlet_id == "jiuyou"
    assert household().hamlet_id is None


def test_a_household_history_given_as_text_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Household.history", "脱贫户")):
        household(history="脱贫户")


def test_a_member_holds_their_facts() -> None:
    member = Member(
        id=MemberId("m1"),
        household_id=HouseholdId("h1"),
        relation=Relation.SPOUSE,
        sex=Sex.FEMALE,
        born_on=D(1980, 2, 29),
        working_capacity=WorkingCapacity.PARTIAL,
    )
    assert (member.relation.zh, member.sex, member.working_capacity) == (
        "配偶",
        Sex.FEMALE,
        WorkingCapacity.PARTIAL,
    )


def test_a_member_relation_given_as_text_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Member.relation", "head")):
        Member(id=MemberId("m1"), household_id=HouseholdId("h1"), relation="head")  # type: ignore[arg-type]


def test_an_open_monitoring_spell_is_open_from_its_first_day() -> None:
    record = monitoring(identified_on=D(2022, 3, 1))
    assert record.risk_eliminated_on is None
    assert not record.is_open_on(D(2022, 2, 28))
    assert record.is_open_on(D(2022, 3, 1))
    assert record.is_open_on(D(2030, 1, 1))
    assert not record.is_eliminated_by(D(2030, 1, 1))


def test_the_day_risk_is_eliminated_closes_the_spell() -> None:
    record = monitoring(identified_on=D(2022, 3, 1), risk_eliminated_on=D(2022, 12, 1))
    assert record.is_open_on(D(2022, 11, 30))
    assert not record.is_open_on(D(2022, 12, 1))
    assert not record.is_eliminated_by(D(2022, 11, 30))
    assert record.is_eliminated_by(D(2022, 12, 1))


def test_risk_may_be_eliminated_on_the_day_it_was_identified() -> None:
    record = monitoring(identified_on=D(2022, 3, 1), risk_eliminated_on=D(2022, 3, 1))
    assert not record.is_open_on(D(2022, 3, 1))


def test_risk_eliminated_before_it_was_identified_is_refused() -> None:
    with pytest.raises(
        PeriodError, match=refusal("MonitoringRecord.risk_eliminated_on", D(2022, 2, 28))
    ) as caught:
        MonitoringRecord(
            id=MonitoringId("m1"),
            household_id=HouseholdId("h1"),
            category=RiskCategory.MARGINAL,
            identified_on=D(2022, 3, 1),
            risk_eliminated_on=D(2022, 2, 28),
        )
    assert "2022-03-01" in caught.value.reason


def test_a_monitoring_category_given_as_text_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("MonitoringRecord.category", "marginal")):
        monitoring(category="marginal")


def test_a_poverty_status_has_a_category_exactly_when_monitored() -> None:
    status = PovertyStatus(kind=PovertyStatusKind.MONITORED, category=RiskCategory.MARGINAL)
    assert status.category is RiskCategory.MARGINAL
    with pytest.raises(InvalidValueError, match=refusal("PovertyStatus.category", None)):
        PovertyStatus(kind=PovertyStatusKind.MONITORED)
    with pytest.raises(
        InvalidValueError, match=refusal("PovertyStatus.category", RiskCategory.MARGINAL)
    ):
        PovertyStatus(kind=PovertyStatusKind.FORMERLY_POOR, category=RiskCategory.MARGINAL)


def test_water_without_supply_for_400_days_is_refused() -> None:
    with pytest.raises(
        InvalidValueError, match=refusal("WaterSupply.days_without_supply_per_year", 400)
    ):
        WaterSupply(days_without_supply_per_year=400)


@pytest.mark.parametrize("days", [0, 365, 366])
def test_water_without_supply_for_up_to_366_days_is_accepted(days: int) -> None:
    assert WaterSupply(days_without_supply_per_year=days).days_without_supply_per_year == days


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("trip_minutes", -1),
        ("trip_minutes", True),
        ("horizontal_distance_m", -5),
        ("vertical_distance_m", "10"),
        ("days_without_supply_per_year", -1),
        ("litres_per_person_per_day", -1),
        ("litres_per_person_per_day", "40"),
        ("litres_per_person_per_day", True),
    ],
)
def test_a_bad_water_fact_is_refused(field: str, value: object) -> None:
    facts: dict[str, Any] = {field: value}
    with pytest.raises(InvalidValueError, match=refusal(f"WaterSupply.{field}", value)):
        WaterSupply(**facts)


def test_water_litres_given_as_a_float_is_refused_as_inexact() -> None:
    with pytest.raises(
        InexactNumberError, match=refusal("WaterSupply.litres_per_person_per_day", 40.0)
    ):
        WaterSupply(litres_per_person_per_day=40.0)  # type: ignore[arg-type]


def test_water_litres_may_be_a_decimal() -> None:
    assert WaterSupply(litres_per_person_per_day=Decimal("37.5")).litres_per_person_per_day == (
        Decimal("37.5")
    )


def test_a_survey_keeps_member_lists_as_tuples() -> None:
    record = survey(
        uninsured_member_ids=[MemberId("m1"), MemberId("m2")],
        out_of_school_member_ids=[],
        housing_grade=HousingGrade.B,
        water=WaterSupply(piped_into_home=True),
        food_and_clothing_assured=True,
    )
    assert record.uninsured_member_ids == ("m1", "m2")
    assert record.out_of_school_member_ids == ()
    assert record.housing_grade is not None
    assert record.housing_grade.is_safe


def test_a_survey_listing_a_member_twice_is_refused() -> None:
    with pytest.raises(
        InvalidValueError, match=refusal("GuaranteeSurvey.out_of_school_member_ids[1]", "m1")
    ):
        survey(out_of_school_member_ids=[MemberId("m1"), MemberId("m1")])


def test_a_survey_water_must_be_a_water_supply() -> None:
    with pytest.raises(InvalidValueError, match=refusal("GuaranteeSurvey.water", True)):
        survey(water=True)


# -- finance -----------------------------------------------------------------------------


def test_a_fund_holds_its_amount() -> None:
    record = fund(amount=Money.from_wan("15.5"), source=FundSource.DONATION, provider="爱心企业")
    assert record.amount == Money(155000)
    assert record.provider == "爱心企业"


def test_an_allocation_with_no_recipient_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Allocation.recipient", [])):
        Allocation(
            id=AllocationId("a1"),
            fund_id=FundId("f1"),
            amount=Money(100),
            purpose=FundPurpose.EDUCATION,
            allocated_on=D(2022, 1, 1),
        )


def test_an_allocation_with_two_recipients_is_refused() -> None:
    with pytest.raises(
        InvalidValueError, match=refusal("Allocation.recipient", ["village_id", "household_id"])
    ):
        Allocation(
            id=AllocationId("a1"),
            fund_id=FundId("f1"),
            amount=Money(100),
            purpose=FundPurpose.EDUCATION,
            allocated_on=D(2022, 1, 1),
            village_id=VillageId("taohua"),
            household_id=HouseholdId("h1"),
        )


def test_an_allocation_with_three_recipients_is_refused() -> None:
    given = ["village_id", "project_id", "household_id"]
    with pytest.raises(InvalidValueError, match=refusal("Allocation.recipient", given)):
        allocation(project_id=ProjectId("p1"), household_id=HouseholdId("h1"))


@pytest.mark.parametrize(
    ("recipient", "ident"),
    [("village_id", "taohua"), ("project_id", "p1"), ("household_id", "h1")],
)
def test_an_allocation_to_exactly_one_recipient_is_accepted(recipient: str, ident: str) -> None:
    recipients: dict[str, Any] = {recipient: ident}
    record = Allocation(
        id=AllocationId("a1"),
        fund_id=FundId("f1"),
        amount=Money(100),
        purpose=FundPurpose.EDUCATION,
        allocated_on=D(2022, 1, 1),
        **recipients,
    )
    given = {name: getattr(record, name) for name in ("village_id", "project_id", "household_id")}
    assert given == {
        name: (ident if name == recipient else None)
        for name in ("village_id", "project_id", "household_id")
    }


# -- projects ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "quantity"),
    [
        (ProjectKind.STREET_LAMP, Quantity(3, Unit.KILOMETRE)),
        (ProjectKind.GUARD_RAIL, Quantity(15, Unit.LAMP)),
        (ProjectKind.FOOTBRIDGE, Quantity(3, Unit.ITEM)),
        (ProjectKind.INDUSTRY_ROAD, Quantity(2, Unit.KILOMETRE)),
        (ProjectKind.CENTRAL_WATER_POINT, Quantity(1, Unit.ITEM)),
    ],
)
def test_a_project_in_the_wrong_unit_for_its_kind_is_refused(
    kind: ProjectKind, quantity: Quantity
) -> None:
    with pytest.raises(InvalidValueError, match=refusal("Project.quantity", quantity)):
        project(kind=kind, quantity=quantity)


def test_street_lamps_in_kilometres_name_both_units() -> None:
    with pytest.raises(InvalidValueError, match=r"盏 \(lamps\), not 公里 \(km\)"):
        project(kind=ProjectKind.STREET_LAMP, quantity=Quantity(3, Unit.KILOMETRE))


@pytest.mark.parametrize("kind", [kind for kind in ProjectKind if kind.unit is not None])
def test_a_project_in_its_kinds_unit_is_accepted(kind: ProjectKind) -> None:
    assert kind.unit is not None
    record = project(kind=kind, quantity=Quantity(2, kind.unit))
    assert record.quantity == Quantity(2, kind.unit)


@pytest.mark.parametrize("unit", list(Unit))
def test_a_project_of_kind_other_takes_any_unit(unit: Unit) -> None:
    assert project(kind=ProjectKind.OTHER, quantity=Quantity(1, unit)).quantity.unit is unit


def test_a_project_quantity_given_as_a_number_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Project.quantity", 600)):
        project(quantity=600)


def test_a_project_completed_before_it_started_is_refused() -> None:
    with pytest.raises(PeriodError, match=refusal("Project.completed_on", D(2022, 4, 30))):
        project(started_on=D(2022, 5, 1), completed_on=D(2022, 4, 30))


def test_a_project_upgrade_flag_must_be_a_bool() -> None:
    assert project().upgrade is False
    with pytest.raises(InvalidValueError, match=refusal("Project.upgrade", "yes")):
        project(upgrade="yes")


# -- activities, meetings, awards, disputes -------------------------------------------


def test_an_activity_keeps_its_villages_as_a_tuple() -> None:
    record = activity(
        village_ids=[VillageId("taohua"), VillageId("shuangda")], attendance=PersonTimes(47)
    )
    assert record.village_ids == ("taohua", "shuangda")
    assert record.attendance == PersonTimes(47)


@pytest.mark.parametrize("empty", [[], ()])
def test_an_activity_in_no_village_is_refused(empty: object) -> None:
    with pytest.raises(InvalidValueError, match=refusal("Activity.village_ids", ())):
        activity(village_ids=empty)


def test_an_activity_listing_a_village_twice_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Activity.village_ids[2]", "taohua")):
        activity(village_ids=["taohua", "shuangda", "taohua"])


def test_an_activity_given_a_bare_village_id_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Activity.village_ids", "taohua")):
        activity(village_ids="taohua")


def test_an_activity_of_kind_other_needs_a_title() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Activity.title", None)):
        activity(kind=ActivityKind.OTHER)
    assert activity(kind=ActivityKind.OTHER, title="植树").title == "植树"


def test_activity_attendance_is_counted_in_person_times() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Activity.attendance", PersonCount(300))):
        activity(attendance=PersonCount(300))


def test_a_meeting_with_more_attendees_than_members_due_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Meeting.attendees", PersonCount(23))):
        Meeting(
            id=MeetingId("mt1"),
            branch_id=BranchId("b1"),
            kind=MeetingKind.BRANCH_GENERAL_MEETING,
            held_on=D(2022, 7, 1),
            attendees=PersonCount(23),
            members_due=PersonCount(22),
        )


@pytest.mark.parametrize("attendees", [0, 21, 22])
def test_a_meeting_attended_by_at_most_the_members_due_is_accepted(attendees: int) -> None:
    record = meeting(attendees=PersonCount(attendees), members_due=PersonCount(22))
    assert record.attendees == PersonCount(attendees)


def test_a_meeting_attendance_without_members_due_is_accepted() -> None:
    assert meeting(attendees=PersonCount(40)).members_due is None


def test_meeting_attendees_given_as_an_int_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Meeting.attendees", 12)):
        meeting(attendees=12, members_due=PersonCount(22))


def test_an_award_year_outside_the_model_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("Award.year", 1900)):
        Award(
            id=AwardId("aw1"),
            village_id=VillageId("taohua"),
            kind=AwardKind.FLAG,
            name="红旗",
            year=1900,
        )


def test_a_flag_keeps_its_competition() -> None:
    award = Award(
        id=AwardId("aw1"),
        village_id=VillageId("taohua"),
        kind=AwardKind.FLAG,
        name="产业兴旺旗",
        year=2022,
        competition="乡村振兴·五旗争创",
    )
    assert award.competition == "乡村振兴·五旗争创"


def test_a_dispute_resolved_flag_given_as_int_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=refusal("DisputeMediation.resolved", 1)):
        DisputeMediation(
            id=DisputeId("d1"),
            village_id=VillageId("taohua"),
            mediated_on=D(2022, 8, 3),
            resolved=1,  # type: ignore[arg-type]
        )


# -- labelled enums -----------------------------------------------------------------


def all_labelled_enums() -> list[type[LabelledEnum]]:
    found: list[type[LabelledEnum]] = []
    pending: list[type[LabelledEnum]] = list(LabelledEnum.__subclasses__())
    while pending:
        kind = pending.pop()
        found.append(kind)
        pending.extend(kind.__subclasses__())
    return sorted(found, key=lambda kind: kind.__name__)


ALL_MEMBERS: list[LabelledEnum] = [member for kind in all_labelled_enums() for member in kind]


def test_every_labelled_enum_of_the_package_is_collected() -> None:
    names = {kind.__name__ for kind in all_labelled_enums()}
    assert {"StarRating", "TownshipKind", "RiskCategory", "ProjectKind", "IndustryKind"} <= names
    assert len(ALL_MEMBERS) > 100


@pytest.mark.parametrize(
    ("kind", "text", "member"),
    [
        (TownshipKind, "ethnic_township", TownshipKind.ETHNIC_TOWNSHIP),
        (TownshipKind, "民族乡", TownshipKind.ETHNIC_TOWNSHIP),
        (TownshipKind, "ethnic township", TownshipKind.ETHNIC_TOWNSHIP),
        (StarRating, "5", StarRating.FIVE),
        (StarRating, "五星", StarRating.FIVE),
        (StarRating, "5 stars", StarRating.FIVE),
        (StarRating, "未评星", StarRating.UNRATED),
        (RiskCategory, "边缘易致贫户", RiskCategory.MARGINAL),
        (IndustryKind, "meat pigeons", IndustryKind.MEAT_PIGEON),
        (HousingGrade, "A级", HousingGrade.A),
    ],
)
def test_parse_accepts_code_chinese_label_and_english_label(
    kind: type[LabelledEnum], text: str, member: LabelledEnum
) -> None:
    assert kind.parse(text) is member


@pytest.mark.parametrize("member", ALL_MEMBERS, ids=repr)
def test_every_member_parses_from_each_of_its_labels(member: LabelledEnum) -> None:
    kind = type(member)
    assert kind.parse(member.value) is member
    assert kind.parse(member.zh) is member
    assert kind.parse(member.en) is member
    assert str(member) == f"{member.zh} ({member.en})"


def test_parse_refuses_unknown_text_listing_the_codes() -> None:
    with pytest.raises(
        InvalidValueError,
        match=r"^TownshipKind: not one of: town, township, ethnic_township, subdistrict \(got 'village'\)$",
    ) as caught:
        TownshipKind.parse("village")
    assert caught.value.path == "TownshipKind"
    assert caught.value.value == "village"


def test_parse_of_an_unknown_star_rating_lists_its_codes() -> None:
    with pytest.raises(
        InvalidValueError, match=r"^StarRating: not one of: unrated, 1, 2, 3, 4, 5 \(got '6'\)$"
    ):
        StarRating.parse("6")


@pytest.mark.parametrize("text", ["", " town", "Town", "镇 "])
def test_parse_does_not_guess(text: str) -> None:
    with pytest.raises(InvalidValueError, match=refusal("TownshipKind", text)):
        TownshipKind.parse(text)
