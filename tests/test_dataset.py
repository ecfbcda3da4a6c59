"""Dataset: lookups, poverty status, validation of the whole, merging, and
properties of datasets built from generated villages."""

from __future__ import annotations

import dataclasses
import datetime
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from villagemodel import (
    PARTY_COMPANY_PARK_HOUSEHOLDS,
    TABLES,
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
    Dataset,
    DatasetValidationError,
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
    Meeting,
    MeetingKind,
    Member,
    MembershipStatus,
    Money,
    MonitoringRecord,
    PartyBranch,
    PartyMember,
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
    StarRating,
    SupportingUnit,
    Township,
    TownshipKind,
    Unit,
    UniversityAdmission,
    UnknownReferenceError,
    Village,
    WaterSupply,
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

GX = RegionId("gx")
BAISE = CityId("baise")
LINGYUN = CountyId("lingyun")
LINGZHAN = TownshipId("lingzhan")
SICHENG = TownshipId("sicheng")
TAOHUA = VillageId("taohua")
SHUANGDA = VillageId("shuangda")
YAOMA = VillageId("yaoma")
UPPER = HamletId("th_upper")
LOWER = HamletId("th_lower")
JIUYOU = HamletId("jiuyou")
H1 = HouseholdId("h1")
H2 = HouseholdId("h2")
H3 = HouseholdId("h3")
H4 = HouseholdId("h4")
B_TAOHUA = BranchId("b_taohua")
B_SHUANGDA = BranchId("b_shuangda")
B_YAOMA = BranchId("b_yaoma")
F1 = FundId("f1")
F2 = FundId("f2")
F3 = FundId("f3")
FINANCE = SupportingUnitId("finance")
FIVE_FLAGS = "乡村振兴·五旗争创"

Tables = dict[str, list[Any]]


class HasId(Protocol):
    @property
    def id(self) -> str: ...


def ids(records: Iterable[HasId]) -> list[str]:
    return [record.id for record in records]


def sample_tables() -> Tables:
    """Two townships, three villages (one without households), four households."""
    return {
        "regions": [
            Region(id=GX, name="广西壮族自治区", kind=RegionKind.AUTONOMOUS_REGION),
        ],
        "cities": [City(id=BAISE, name="百色市", region_id=GX)],
        "counties": [County(id=LINGYUN, name="凌云县", city_id=BAISE)],
        "townships": [
            Township(
                id=LINGZHAN, name="伶站瑶族乡", county_id=LINGYUN, kind=TownshipKind.ETHNIC_TOWNSHIP
            ),
            Township(id=SICHENG, name="泗城镇", county_id=LINGYUN, kind=TownshipKind.TOWN),
        ],
        "villages": [
            Village(id=TAOHUA, name="陶化村", township_id=LINGZHAN),
            Village(id=SHUANGDA, name="双达村", township_id=LINGZHAN),
            Village(id=YAOMA, name="腰马村", township_id=SICHENG),
        ],
        "hamlets": [
            Hamlet(id=UPPER, name="上屯", village_id=TAOHUA),
            Hamlet(id=LOWER, name="下屯", village_id=TAOHUA),
            Hamlet(id=JIUYOU, name="九优屯", village_id=YAOMA),
        ],
        "grid_workers": [
            GridWorker(id=GridWorkerId("gw1"), hamlet_id=UPPER),
            GridWorker(id=GridWorkerId("gw2"), hamlet_id=JIUYOU),
        ],
        "supporting_units": [SupportingUnit(id=FINANCE, name="广西壮族自治区财政厅")],
        "work_teams": [
            WorkTeam(
                id=WorkTeamId("wt_taohua"),
                unit_id=FINANCE,
                village_id=TAOHUA,
                started_on=D(2021, 6, 1),
                size=PersonCount(3),
            ),
            WorkTeam(
                id=WorkTeamId("wt_yaoma"),
                unit_id=FINANCE,
                village_id=YAOMA,
                started_on=D(2021, 6, 1),
            ),
        ],
        "first_secretaries": [
            FirstSecretary(
                id=FirstSecretaryId("fs_taohua"),
                unit_id=FINANCE,
                village_id=TAOHUA,
                started_on=D(2021, 6, 1),
                work_team_id=WorkTeamId("wt_taohua"),
            ),
            FirstSecretary(
                id=FirstSecretaryId("fs_yaoma"),
                unit_id=FINANCE,
                village_id=YAOMA,
                started_on=D(2021, 6, 1),
                work_team_id=WorkTeamId("wt_yaoma"),
            ),
        ],
        "branches": [
            PartyBranch(id=B_TAOHUA, village_id=TAOHUA, name="陶化村党支部"),
            PartyBranch(id=B_SHUANGDA, village_id=SHUANGDA, name="双达村党支部"),
            PartyBranch(id=B_YAOMA, village_id=YAOMA, name="腰马村党支部"),
        ],
        "branch_ratings": [
            BranchRating(branch_id=B_TAOHUA, year=2022, rating=StarRating.FIVE),
            BranchRating(branch_id=B_SHUANGDA, year=2022, rating=StarRating.UNRATED),
            BranchRating(branch_id=B_YAOMA, year=2022, rating=StarRating.THREE),
            BranchRating(branch_id=B_TAOHUA, year=2021, rating=StarRating.FOUR),
        ],
        "households": [
            Household(
                id=H1, village_id=TAOHUA, history=PovertyHistory.FORMERLY_POOR, hamlet_id=UPPER
            ),
            Household(
                id=H2, village_id=TAOHUA, history=PovertyHistory.NEVER_REGISTERED, hamlet_id=LOWER
            ),
            Household(id=H3, village_id=TAOHUA, history=PovertyHistory.NEVER_REGISTERED),
            Household(
                id=H4, village_id=YAOMA, history=PovertyHistory.FORMERLY_POOR, hamlet_id=JIUYOU
            ),
        ],
        "members": [
            Member(id=MemberId("m1"), household_id=H1, relation=Relation.HEAD),
            Member(id=MemberId("m2"), household_id=H1, relation=Relation.SPOUSE),
            Member(id=MemberId("m3"), household_id=H1, relation=Relation.CHILD),
            Member(id=MemberId("m4"), household_id=H2, relation=Relation.HEAD),
            Member(id=MemberId("m5"), household_id=H4, relation=Relation.HEAD),
            Member(id=MemberId("m6"), household_id=H4, relation=Relation.CHILD),
        ],
        "party_members": [
            PartyMember(id=PartyMemberId("pm1"), branch_id=B_TAOHUA, person_id=MemberId("m1")),
            PartyMember(
                id=PartyMemberId("pm2"), branch_id=B_TAOHUA, status=MembershipStatus.PROBATIONARY
            ),
            PartyMember(id=PartyMemberId("pm3"), branch_id=B_YAOMA, person_id=MemberId("m5")),
        ],
        "cadres": [
            Cadre(
                id=CadreId("c1"),
                village_id=TAOHUA,
                status=CadreStatus.SERVING,
                post=CadrePost.BRANCH_SECRETARY,
                party_member_id=PartyMemberId("pm1"),
            ),
            Cadre(id=CadreId("c2"), village_id=TAOHUA, status=CadreStatus.RESERVE),
            Cadre(
                id=CadreId("c3"),
                village_id=YAOMA,
                status=CadreStatus.SERVING,
                post=CadrePost.COMMITTEE_HEAD,
                party_member_id=PartyMemberId("pm3"),
            ),
        ],
        "industries": [
            Industry(
                id=IndustryId("i1"),
                village_id=TAOHUA,
                kind=IndustryKind.MEAT_PIGEON,
                operating_model=PARTY_COMPANY_PARK_HOUSEHOLDS,
            ),
            Industry(id=IndustryId("i2"), village_id=TAOHUA, kind=IndustryKind.OIL_TEA_CAMELLIA),
            Industry(id=IndustryId("i3"), village_id=YAOMA, kind=IndustryKind.SPRING_WATER),
        ],
        "incomes": [
            HouseholdIncome(household_id=H1, year=2021, per_capita=Money(9800)),
            HouseholdIncome(household_id=H1, year=2022, per_capita=Money("11200.50")),
            HouseholdIncome(household_id=H2, year=2022, per_capita=Money(15000)),
        ],
        "monitoring": [
            MonitoringRecord(
                id=MonitoringId("mon1"),
                household_id=H1,
                category=RiskCategory.UNSTABLE_FORMERLY_POOR,
                identified_on=D(2021, 3, 1),
                risk_eliminated_on=D(2022, 6, 30),
            ),
            MonitoringRecord(
                id=MonitoringId("mon2"),
                household_id=H1,
                category=RiskCategory.SUDDEN_HARDSHIP,
                identified_on=D(2022, 9, 1),
            ),
            MonitoringRecord(
                id=MonitoringId("mon3"),
                household_id=H2,
                category=RiskCategory.MARGINAL,
                identified_on=D(2022, 1, 10),
                risk_eliminated_on=D(2022, 12, 1),
            ),
        ],
        "surveys": [
            GuaranteeSurvey(
                id=SurveyId("s1"),
                household_id=H1,
                surveyed_on=D(2022, 5, 1),
                uninsured_member_ids=(MemberId("m3"),),
                housing_grade=HousingGrade.A,
                water=WaterSupply(piped_into_home=True),
            ),
            GuaranteeSurvey(id=SurveyId("s2"), household_id=H1, surveyed_on=D(2023, 3, 1)),
            GuaranteeSurvey(
                id=SurveyId("s3"),
                household_id=H4,
                surveyed_on=D(2022, 5, 2),
                out_of_school_member_ids=(MemberId("m6"),),
            ),
        ],
        "admissions": [
            UniversityAdmission(
                id=AdmissionId("a1"), member_id=MemberId("m3"), admitted_on=D(2022, 9, 1)
            ),
        ],
        "collective_incomes": [
            CollectiveIncome(village_id=TAOHUA, year=2022, amount=Money.from_wan("22.7")),
            CollectiveIncome(village_id=YAOMA, year=2022, amount=Money.from_wan(8)),
            CollectiveIncome(village_id=TAOHUA, year=2021, amount=Money.from_wan(15)),
        ],
        "projects": [
            Project(
                id=ProjectId("p1"),
                village_id=TAOHUA,
                kind=ProjectKind.STREET_LAMP,
                quantity=Quantity(120, Unit.LAMP),
            ),
            Project(
                id=ProjectId("p2"),
                village_id=YAOMA,
                kind=ProjectKind.FOOTBRIDGE,
                quantity=Quantity(1, Unit.BRIDGE),
            ),
            Project(
                id=ProjectId("p3"),
                village_id=SHUANGDA,
                kind=ProjectKind.GUARD_RAIL,
                quantity=Quantity("3.5", Unit.KILOMETRE),
            ),
        ],
        "funds": [
            Fund(
                id=F1,
                name="帮扶资金",
                source=FundSource.ASSISTANCE,
                amount=Money.from_wan(100),
                received_on=D(2021, 3, 1),
            ),
            Fund(
                id=F2,
                name="捐资助学",
                source=FundSource.DONATION,
                amount=Money.from_wan("15.5"),
                received_on=D(2022, 1, 1),
            ),
            Fund(
                id=F3,
                name="产业补助",
                source=FundSource.SUBSIDY,
                amount=Money.from_wan(1),
                received_on=D(2022, 6, 1),
            ),
        ],
        "allocations": [
            Allocation(
                id=AllocationId("a1"),
                fund_id=F1,
                amount=Money.from_wan(30),
                purpose=FundPurpose.INDUSTRY,
                allocated_on=D(2021, 4, 1),
                village_id=TAOHUA,
            ),
            Allocation(
                id=AllocationId("a2"),
                fund_id=F1,
                amount=Money.from_wan(20),
                purpose=FundPurpose.INFRASTRUCTURE,
                allocated_on=D(2021, 5, 1),
                project_id=ProjectId("p1"),
            ),
            Allocation(
                id=AllocationId("a3"),
                fund_id=F1,
                amount=Money(5000),
                purpose=FundPurpose.HOUSING,
                allocated_on=D(2021, 6, 1),
                household_id=H1,
            ),
            Allocation(
                id=AllocationId("a4"),
                fund_id=F2,
                amount=Money.from_wan(5),
                purpose=FundPurpose.EDUCATION,
                allocated_on=D(2022, 2, 1),
                village_id=YAOMA,
            ),
            Allocation(
                id=AllocationId("a5"),
                fund_id=F2,
                amount=Money.from_wan(10),
                purpose=FundPurpose.EDUCATION,
                allocated_on=D(2022, 3, 1),
                village_id=TAOHUA,
            ),
        ],
        "activities": [
            Activity(
                id=ActivityId("act1"),
                kind=ActivityKind.EVENING_TALK,
                village_ids=(TAOHUA, YAOMA),
                held_on=D(2022, 7, 1),
                attendance=PersonTimes(80),
            ),
            Activity(
                id=ActivityId("act2"),
                kind=ActivityKind.SCHOOL_VISIT,
                village_ids=(SHUANGDA,),
                held_on=D(2022, 9, 1),
            ),
            Activity(
                id=ActivityId("act3"),
                kind=ActivityKind.SKILLS_TRAINING,
                village_ids=(TAOHUA,),
                held_on=D(2022, 10, 1),
                attendance=PersonTimes(300),
            ),
        ],
        "meetings": [
            Meeting(
                id=MeetingId("mt1"),
                branch_id=B_TAOHUA,
                kind=MeetingKind.PARTY_LECTURE,
                held_on=D(2022, 7, 1),
                attendees=PersonCount(20),
                members_due=PersonCount(22),
            ),
            Meeting(
                id=MeetingId("mt2"),
                branch_id=B_TAOHUA,
                kind=MeetingKind.THEMED_PARTY_DAY,
                held_on=D(2022, 8, 1),
            ),
            Meeting(
                id=MeetingId("mt3"),
                branch_id=B_YAOMA,
                kind=MeetingKind.BRANCH_GENERAL_MEETING,
                held_on=D(2022, 8, 2),
            ),
        ],
        "awards": [
            Award(
                id=AwardId("aw1"),
                village_id=TAOHUA,
                kind=AwardKind.FLAG,
                name="产业兴旺旗",
                year=2022,
                competition=FIVE_FLAGS,
            ),
            Award(
                id=AwardId("aw2"),
                village_id=SHUANGDA,
                kind=AwardKind.DESIGNATION,
                name="广西乡村振兴创建示范村",
                year=2022,
            ),
            Award(
                id=AwardId("aw3"),
                village_id=TAOHUA,
                kind=AwardKind.FLAG,
                name="生态宜居旗",
                year=2022,
                competition=FIVE_FLAGS,
            ),
            Award(
                id=AwardId("aw4"),
                village_id=TAOHUA,
                kind=AwardKind.FLAG,
                name="产业兴旺旗",
                year=2023,
                competition=FIVE_FLAGS,
            ),
        ],
        "disputes": [
            DisputeMediation(id=DisputeId("d1"), village_id=YAOMA, mediated_on=D(2022, 3, 1)),
            DisputeMediation(
                id=DisputeId("d2"), village_id=YAOMA, mediated_on=D(2022, 4, 1), resolved=True
            ),
            DisputeMediation(id=DisputeId("d3"), village_id=TAOHUA, mediated_on=D(2022, 5, 1)),
        ],
    }


def build(tables: Mapping[str, Sequence[Any]], name: str | None = None) -> Dataset:
    arguments: dict[str, Any] = dict(tables)
    return Dataset(name=name, **arguments)


def check(tables: Mapping[str, Sequence[Any]]) -> tuple[Problem, ...]:
    return Dataset.check(**tables)


def with_extra(**extra: list[Any]) -> Tables:
    """The sample tables with ``extra`` records appended to the named tables."""
    tables = sample_tables()
    for name, records in extra.items():
        tables[name] = tables[name] + records
    return tables


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return build(sample_tables(), name="凌云县")


def test_the_sample_dataset_is_valid_and_holds_every_table(sample: Dataset) -> None:
    assert check(sample_tables()) == ()
    assert set(sample.tables()) == {table.name for table in TABLES}
    assert all(sample.tables()[name] for name in sample.tables())
    assert sample.name == "凌云县"


# -- lookups ----------------------------------------------------------------------


def test_single_records_are_found_by_id(sample: Dataset) -> None:
    assert sample.village(TAOHUA).name == "陶化村"
    assert sample.township(SICHENG).name == "泗城镇"
    assert sample.county(LINGYUN).name == "凌云县"
    assert sample.branch(B_YAOMA).name == "腰马村党支部"
    assert sample.household(H4).hamlet_id == JIUYOU
    assert sample.fund(F2).amount == Money(155000)


def test_villages_in_a_township_are_listed_in_dataset_order(sample: Dataset) -> None:
    assert ids(sample.villages_in(LINGZHAN)) == ["taohua", "shuangda"]
    assert ids(sample.villages_in(SICHENG)) == ["yaoma"]


def test_townships_in_a_county(sample: Dataset) -> None:
    assert ids(sample.townships_in(LINGYUN)) == ["lingzhan", "sicheng"]


def test_the_township_of_a_village(sample: Dataset) -> None:
    assert sample.township_of(YAOMA).id == "sicheng"
    assert sample.township_of(SHUANGDA).id == "lingzhan"
    assert sample.township_of(TAOHUA).kind is TownshipKind.ETHNIC_TOWNSHIP


def test_hamlets_in_a_village(sample: Dataset) -> None:
    assert ids(sample.hamlets_in(TAOHUA)) == ["th_upper", "th_lower"]
    assert ids(sample.hamlets_in(YAOMA)) == ["jiuyou"]
    assert sample.hamlets_in(SHUANGDA) == ()


def test_households_in_a_village(sample: Dataset) -> None:
    assert ids(sample.households_in(TAOHUA)) == ["h1", "h2", "h3"]
    assert ids(sample.households_in(YAOMA)) == ["h4"]
    assert sample.households_in(SHUANGDA) == ()


def test_households_in_a_hamlet(sample: Dataset) -> None:
    assert ids(sample.households_in_hamlet(UPPER)) == ["h1"]
    assert ids(sample.households_in_hamlet(LOWER)) == ["h2"]
    assert ids(sample.households_in_hamlet(JIUYOU)) == ["h4"]


def test_members_of_a_household(sample: Dataset) -> None:
    assert ids(sample.members_of(H1)) == ["m1", "m2", "m3"]
    assert ids(sample.members_of(H4)) == ["m5", "m6"]
    assert sample.members_of(H3) == ()


def test_income_of_a_household_for_a_year(sample: Dataset) -> None:
    assert sample.income(H1, 2021) == Money(9800)
    assert sample.income(H1, 2022) == Money("11200.5")
    assert sample.income(H2, 2022) == Money(15000)


def test_income_absent_for_a_year_is_none(sample: Dataset) -> None:
    assert sample.income(H1, 2020) is None
    assert sample.income(H2, 2021) is None
    assert sample.income(H3, 2022) is None


def test_monitoring_of_a_household(sample: Dataset) -> None:
    assert ids(sample.monitoring_of(H1)) == ["mon1", "mon2"]
    assert ids(sample.monitoring_of(H2)) == ["mon3"]
    assert sample.monitoring_of(H4) == ()


def test_surveys_of_a_household(sample: Dataset) -> None:
    assert ids(sample.surveys_of(H1)) == ["s1", "s2"]
    assert ids(sample.surveys_of(H4)) == ["s3"]
    assert sample.surveys_of(H2) == ()


def test_collective_income_of_a_village_for_a_year(sample: Dataset) -> None:
    assert sample.collective_income(TAOHUA, 2022) == Money(227000)
    assert sample.collective_income(TAOHUA, 2021) == Money(150000)
    assert sample.collective_income(YAOMA, 2022) == Money(80000)
    assert sample.collective_income(SHUANGDA, 2022) is None
    assert sample.collective_income(YAOMA, 2021) is None


def test_the_rating_of_a_branch_for_a_year(sample: Dataset) -> None:
    assert sample.rating(B_TAOHUA, 2022) is StarRating.FIVE
    assert sample.rating(B_TAOHUA, 2021) is StarRating.FOUR
    assert sample.rating(B_YAOMA, 2022) is StarRating.THREE


def test_a_missing_rating_is_none_and_distinct_from_unrated(sample: Dataset) -> None:
    assert sample.rating(B_SHUANGDA, 2022) is StarRating.UNRATED
    assert sample.rating(B_SHUANGDA, 2021) is None
    assert sample.rating(B_YAOMA, 2021) is None
    assert sample.rating(B_YAOMA, 2021) is not StarRating.UNRATED


def test_industries_of_a_village(sample: Dataset) -> None:
    assert ids(sample.industries_of(TAOHUA)) == ["i1", "i2"]
    assert [industry.label_zh() for industry in sample.industries_of(YAOMA)] == ["山泉水"]
    assert sample.industries_of(SHUANGDA) == ()


def test_allocations_of_a_fund(sample: Dataset) -> None:
    assert ids(sample.allocations_of(F1)) == ["a1", "a2", "a3"]
    assert ids(sample.allocations_of(F2)) == ["a4", "a5"]
    assert sample.allocations_of(F3) == ()


def test_allocations_to_a_village_exclude_its_projects_and_households(sample: Dataset) -> None:
    assert ids(sample.allocations_to(TAOHUA)) == ["a1", "a5"]
    assert ids(sample.allocations_to(YAOMA)) == ["a4"]
    assert sample.allocations_to(SHUANGDA) == ()


def test_projects_in_a_village(sample: Dataset) -> None:
    assert ids(sample.projects_in(TAOHUA)) == ["p1"]
    assert ids(sample.projects_in(SHUANGDA)) == ["p3"]
    assert sample.projects_in(SHUANGDA)[0].quantity == Quantity("3.5", Unit.KILOMETRE)


def test_an_activity_spanning_two_villages_appears_in_both(sample: Dataset) -> None:
    assert ids(sample.activities_in(TAOHUA)) == ["act1", "act3"]
    assert ids(sample.activities_in(YAOMA)) == ["act1"]
    assert ids(sample.activities_in(SHUANGDA)) == ["act2"]
    assert sample.activities_in(TAOHUA)[0] is sample.activities_in(YAOMA)[0]


def test_awards_of_a_village(sample: Dataset) -> None:
    assert ids(sample.awards_of(TAOHUA)) == ["aw1", "aw3", "aw4"]
    assert ids(sample.awards_of(SHUANGDA)) == ["aw2"]
    assert sample.awards_of(YAOMA) == ()


def test_disputes_in_a_village(sample: Dataset) -> None:
    assert ids(sample.disputes_in(YAOMA)) == ["d1", "d2"]
    assert ids(sample.disputes_in(TAOHUA)) == ["d3"]
    assert sample.disputes_in(SHUANGDA) == ()


def test_meetings_of_a_branch(sample: Dataset) -> None:
    assert ids(sample.meetings_of(B_TAOHUA)) == ["mt1", "mt2"]
    assert ids(sample.meetings_of(B_YAOMA)) == ["mt3"]
    assert sample.meetings_of(B_SHUANGDA) == ()


def test_party_members_of_a_branch(sample: Dataset) -> None:
    assert ids(sample.party_members_of(B_TAOHUA)) == ["pm1", "pm2"]
    assert ids(sample.party_members_of(B_YAOMA)) == ["pm3"]
    assert sample.party_members_of(B_SHUANGDA) == ()


def test_cadres_of_a_village(sample: Dataset) -> None:
    assert ids(sample.cadres_of(TAOHUA)) == ["c1", "c2"]
    assert ids(sample.cadres_of(YAOMA)) == ["c3"]
    assert sample.cadres_of(SHUANGDA) == ()


def test_the_region_and_city_of_a_county(sample: Dataset) -> None:
    assert sample.city(BAISE).region_id == "gx"
    assert sample.region(GX).kind is RegionKind.AUTONOMOUS_REGION


def test_ratings_of_a_branch_oldest_year_first(sample: Dataset) -> None:
    assert [(r.year, r.rating) for r in sample.ratings_of(B_TAOHUA)] == [
        (2021, StarRating.FOUR),
        (2022, StarRating.FIVE),
    ]
    assert [r.rating for r in sample.ratings_of(B_SHUANGDA)] == [StarRating.UNRATED]


def test_collective_incomes_of_a_village_oldest_year_first(sample: Dataset) -> None:
    assert [(i.year, i.amount) for i in sample.collective_incomes_of(TAOHUA)] == [
        (2021, Money(150000)),
        (2022, Money(227000)),
    ]
    assert sample.collective_incomes_of(SHUANGDA) == ()


def test_work_teams_and_first_secretaries_of_a_village(sample: Dataset) -> None:
    assert sample.supporting_unit(FINANCE).name == "广西壮族自治区财政厅"
    assert ids(sample.work_teams_in(TAOHUA)) == ["wt_taohua"]
    assert ids(sample.first_secretaries_of(YAOMA)) == ["fs_yaoma"]
    assert sample.work_teams_in(SHUANGDA) == ()
    assert sample.first_secretaries_of(SHUANGDA) == ()


def test_branches_of_a_village(sample: Dataset) -> None:
    assert ids(sample.branches_of(TAOHUA)) == ["b_taohua"]
    assert ids(sample.branches_of(SHUANGDA)) == ["b_shuangda"]


def test_repeated_lookups_give_the_same_answer(sample: Dataset) -> None:
    first = sample.households_in(TAOHUA)
    assert sample.households_in(TAOHUA) == first
    assert ids(sample.households_in(TAOHUA)) == ["h1", "h2", "h3"]


UNKNOWN_LOOKUPS: list[tuple[str, Callable[[Dataset], object], str, str]] = [
    ("village", lambda ds: ds.village(VillageId("atlantis")), "village", "atlantis"),
    ("villages_in", lambda ds: ds.villages_in(TownshipId("t9")), "township", "t9"),
    ("townships_in", lambda ds: ds.townships_in(CountyId("c9")), "county", "c9"),
    ("township_of", lambda ds: ds.township_of(VillageId("atlantis")), "village", "atlantis"),
    ("hamlets_in", lambda ds: ds.hamlets_in(VillageId("atlantis")), "village", "atlantis"),
    ("households_in", lambda ds: ds.households_in(VillageId("v9")), "village", "v9"),
    ("households_in_hamlet", lambda ds: ds.households_in_hamlet(HamletId("x")), "hamlet", "x"),
    ("members_of", lambda ds: ds.members_of(HouseholdId("h9")), "household", "h9"),
    ("income", lambda ds: ds.income(HouseholdId("h9"), 2022), "household", "h9"),
    ("monitoring_of", lambda ds: ds.monitoring_of(HouseholdId("h9")), "household", "h9"),
    ("surveys_of", lambda ds: ds.surveys_of(HouseholdId("h9")), "household", "h9"),
    (
        "poverty_status",
        lambda ds: ds.poverty_status(HouseholdId("h9"), D(2022, 1, 1)),
        "household",
        "h9",
    ),
    ("collective_income", lambda ds: ds.collective_income(VillageId("v9"), 2022), "village", "v9"),
    ("rating", lambda ds: ds.rating(BranchId("b9"), 2022), "Party branch", "b9"),
    ("industries_of", lambda ds: ds.industries_of(VillageId("v9")), "village", "v9"),
    ("allocations_of", lambda ds: ds.allocations_of(FundId("f9")), "fund", "f9"),
    ("allocations_to", lambda ds: ds.allocations_to(VillageId("v9")), "village", "v9"),
    ("projects_in", lambda ds: ds.projects_in(VillageId("v9")), "village", "v9"),
    ("activities_in", lambda ds: ds.activities_in(VillageId("v9")), "village", "v9"),
    ("awards_of", lambda ds: ds.awards_of(VillageId("v9")), "village", "v9"),
    ("disputes_in", lambda ds: ds.disputes_in(VillageId("v9")), "village", "v9"),
    ("meetings_of", lambda ds: ds.meetings_of(BranchId("b9")), "Party branch", "b9"),
    ("party_members_of", lambda ds: ds.party_members_of(BranchId("b9")), "Party branch", "b9"),
    ("cadres_of", lambda ds: ds.cadres_of(VillageId("v9")), "village", "v9"),
    ("branches_of", lambda ds: ds.branches_of(VillageId("v9")), "village", "v9"),
    ("branch", lambda ds: ds.branch(BranchId("b9")), "Party branch", "b9"),
    ("household", lambda ds: ds.household(HouseholdId("h9")), "household", "h9"),
    ("fund", lambda ds: ds.fund(FundId("f9")), "fund", "f9"),
    ("county", lambda ds: ds.county(CountyId("c9")), "county", "c9"),
    ("township", lambda ds: ds.township(TownshipId("t9")), "township", "t9"),
    ("city", lambda ds: ds.city(CityId("c9")), "city", "c9"),
    ("region", lambda ds: ds.region(RegionId("r9")), "region", "r9"),
    ("ratings_of", lambda ds: ds.ratings_of(BranchId("b9")), "Party branch", "b9"),
    (
        "supporting_unit",
        lambda ds: ds.supporting_unit(SupportingUnitId("u9")),
        "supporting unit",
        "u9",
    ),
    ("work_teams_in", lambda ds: ds.work_teams_in(VillageId("v9")), "village", "v9"),
    (
        "first_secretaries_of",
        lambda ds: ds.first_secretaries_of(VillageId("v9")),
        "village",
        "v9",
    ),
    (
        "collective_incomes_of",
        lambda ds: ds.collective_incomes_of(VillageId("v9")),
        "village",
        "v9",
    ),
]


@pytest.mark.parametrize(
    ("lookup", "kind", "ident"),
    [case[1:] for case in UNKNOWN_LOOKUPS],
    ids=[case[0] for case in UNKNOWN_LOOKUPS],
)
def test_a_lookup_of_an_unknown_id_raises_naming_the_id(
    sample: Dataset, lookup: Callable[[Dataset], object], kind: str, ident: str
) -> None:
    with pytest.raises(UnknownReferenceError, match=rf"^no {kind} has id '{ident}'$") as caught:
        lookup(sample)
    assert caught.value.ident == ident
    assert caught.value.kind == kind


def test_an_id_of_another_kind_is_not_found(sample: Dataset) -> None:
    with pytest.raises(UnknownReferenceError, match=r"^no village has id 'h1'$"):
        sample.households_in(VillageId("h1"))


# -- poverty status ----------------------------------------------------------------

MONITORED_UNSTABLE = PovertyStatus(
    kind=PovertyStatusKind.MONITORED, category=RiskCategory.UNSTABLE_FORMERLY_POOR
)
MONITORED_SUDDEN = PovertyStatus(
    kind=PovertyStatusKind.MONITORED, category=RiskCategory.SUDDEN_HARDSHIP
)
MONITORED_MARGINAL = PovertyStatus(kind=PovertyStatusKind.MONITORED, category=RiskCategory.MARGINAL)
FORMERLY_POOR = PovertyStatus(kind=PovertyStatusKind.FORMERLY_POOR)
NEITHER = PovertyStatus(kind=PovertyStatusKind.NEITHER)


@pytest.mark.parametrize(
    ("household_id", "day", "status"),
    [
        (H1, D(2021, 2, 28), FORMERLY_POOR),
        (H1, D(2021, 3, 1), MONITORED_UNSTABLE),
        (H1, D(2022, 6, 29), MONITORED_UNSTABLE),
        (H1, D(2022, 6, 30), FORMERLY_POOR),
        (H1, D(2022, 8, 31), FORMERLY_POOR),
        (H1, D(2022, 9, 1), MONITORED_SUDDEN),
        (H1, D(2030, 1, 1), MONITORED_SUDDEN),
        (H2, D(2022, 1, 9), NEITHER),
        (H2, D(2022, 1, 10), MONITORED_MARGINAL),
        (H2, D(2022, 11, 30), MONITORED_MARGINAL),
        (H2, D(2022, 12, 1), NEITHER),
        (H3, D(2022, 6, 1), NEITHER),
        (H4, D(2022, 6, 1), FORMERLY_POOR),
    ],
)
def test_poverty_status_on_a_day(
    sample: Dataset, household_id: HouseholdId, day: datetime.date, status: PovertyStatus
) -> None:
    assert sample.poverty_status(household_id, day) == status


def test_the_elimination_day_closes_the_spell(sample: Dataset) -> None:
    spell = sample.monitoring_of(H2)[0]
    assert spell.risk_eliminated_on == D(2022, 12, 1)
    before = sample.poverty_status(H2, D(2022, 11, 30))
    on_the_day = sample.poverty_status(H2, D(2022, 12, 1))
    assert before.kind is PovertyStatusKind.MONITORED
    assert before.category is RiskCategory.MARGINAL
    assert on_the_day.kind is PovertyStatusKind.NEITHER
    assert on_the_day.category is None


def test_a_new_spell_may_open_on_the_day_the_last_one_closed() -> None:
    tables = with_extra(
        monitoring=[
            MonitoringRecord(
                id=MonitoringId("mon4"),
                household_id=H2,
                category=RiskCategory.SUDDEN_HARDSHIP,
                identified_on=D(2022, 12, 1),
            )
        ]
    )
    dataset = build(tables)
    assert dataset.poverty_status(H2, D(2022, 11, 30)) == MONITORED_MARGINAL
    assert dataset.poverty_status(H2, D(2022, 12, 1)) == MONITORED_SUDDEN


# -- validation: one problem at a time ---------------------------------------------


def test_a_duplicate_village_id_is_refused() -> None:
    duplicate = Village(id=TAOHUA, name="桃花村", township_id=SICHENG)
    assert check(with_extra(villages=[duplicate])) == (
        Problem(
            path="villages[3].id", value="taohua", message="duplicate id; first used by villages[0]"
        ),
    )


def test_a_hamlet_in_a_village_that_does_not_exist_is_refused() -> None:
    ghost = Hamlet(id=HamletId("ghost"), name="鬼屯", village_id=VillageId("atlantis"))
    assert check(with_extra(hamlets=[ghost])) == (
        Problem(path="hamlets[3].village_id", value="atlantis", message="no village has this id"),
    )


def test_a_household_whose_hamlet_lies_in_another_village_is_refused() -> None:
    stray = Household(
        id=HouseholdId("h5"),
        village_id=TAOHUA,
        history=PovertyHistory.NEVER_REGISTERED,
        hamlet_id=JIUYOU,
    )
    assert check(with_extra(households=[stray])) == (
        Problem(
            path="households[4].hamlet_id",
            value="jiuyou",
            message="the hamlet lies in village 'yaoma', not in the household's village 'taohua'",
        ),
    )


def test_a_household_in_a_hamlet_that_does_not_exist_is_refused() -> None:
    stray = Household(
        id=HouseholdId("h5"),
        village_id=TAOHUA,
        history=PovertyHistory.NEVER_REGISTERED,
        hamlet_id=HamletId("nowhere"),
    )
    assert check(with_extra(households=[stray])) == (
        Problem(path="households[4].hamlet_id", value="nowhere", message="no hamlet has this id"),
    )


def test_a_marginal_monitoring_record_on_a_formerly_poor_household_is_refused() -> None:
    record = MonitoringRecord(
        id=MonitoringId("mon4"),
        household_id=H4,
        category=RiskCategory.MARGINAL,
        identified_on=D(2022, 4, 1),
    )
    assert check(with_extra(monitoring=[record])) == (
        Problem(
            path="monitoring[3].category",
            value="marginal",
            message="marginal, at risk of poverty applies only to households whose history is "
            "'never_registered'; household 'h4' is 'formerly_poor'",
        ),
    )


def test_an_unstable_formerly_poor_record_on_a_never_registered_household_is_refused() -> None:
    record = MonitoringRecord(
        id=MonitoringId("mon4"),
        household_id=H3,
        category=RiskCategory.UNSTABLE_FORMERLY_POOR,
        identified_on=D(2022, 4, 1),
    )
    problems = check(with_extra(monitoring=[record]))
    assert [(p.path, p.value) for p in problems] == [
        ("monitoring[3].category", "unstable_formerly_poor")
    ]


def test_sudden_hardship_may_strike_any_household() -> None:
    records = [
        MonitoringRecord(
            id=MonitoringId("mon4"),
            household_id=H3,
            category=RiskCategory.SUDDEN_HARDSHIP,
            identified_on=D(2022, 4, 1),
        ),
        MonitoringRecord(
            id=MonitoringId("mon5"),
            household_id=H4,
            category=RiskCategory.SUDDEN_HARDSHIP,
            identified_on=D(2022, 4, 1),
        ),
    ]
    assert check(with_extra(monitoring=records)) == ()


def test_overlapping_monitoring_spells_are_refused() -> None:
    record = MonitoringRecord(
        id=MonitoringId("mon4"),
        household_id=H1,
        category=RiskCategory.SUDDEN_HARDSHIP,
        identified_on=D(2022, 1, 1),
        risk_eliminated_on=D(2022, 2, 1),
    )
    assert check(with_extra(monitoring=[record])) == (
        Problem(
            path="monitoring[3].identified_on",
            value=D(2022, 1, 1),
            message="overlaps monitoring record 'mon1' of the same household",
        ),
    )


def test_a_spell_opening_while_an_open_ended_one_runs_is_refused() -> None:
    record = MonitoringRecord(
        id=MonitoringId("mon4"),
        household_id=H1,
        category=RiskCategory.SUDDEN_HARDSHIP,
        identified_on=D(2023, 1, 1),
    )
    problems = check(with_extra(monitoring=[record]))
    assert [(p.path, p.value) for p in problems] == [("monitoring[3].identified_on", D(2023, 1, 1))]
    assert "'mon2'" in problems[0].message


def test_every_spell_overlapping_a_long_spell_is_reported() -> None:
    records = [
        MonitoringRecord(
            id=MonitoringId("long"),
            household_id=H3,
            category=RiskCategory.SUDDEN_HARDSHIP,
            identified_on=D(2021, 1, 1),
            risk_eliminated_on=D(2023, 1, 1),
        ),
        MonitoringRecord(
            id=MonitoringId("short1"),
            household_id=H3,
            category=RiskCategory.SUDDEN_HARDSHIP,
            identified_on=D(2021, 6, 1),
            risk_eliminated_on=D(2021, 7, 1),
        ),
        MonitoringRecord(
            id=MonitoringId("short2"),
            household_id=H3,
            category=RiskCategory.SUDDEN_HARDSHIP,
            identified_on=D(2022, 1, 1),
            risk_eliminated_on=D(2022, 2, 1),
        ),
    ]
    problems = check(with_extra(monitoring=records))
    assert {problem.path for problem in problems} == {
        "monitoring[4].identified_on",
        "monitoring[5].identified_on",
    }


def test_validity_of_monitoring_spells_does_not_depend_on_record_order() -> None:
    closed_on_the_day = MonitoringRecord(
        id=MonitoringId("brief"),
        household_id=H3,
        category=RiskCategory.SUDDEN_HARDSHIP,
        identified_on=D(2022, 1, 1),
        risk_eliminated_on=D(2022, 1, 1),
    )
    still_open = MonitoringRecord(
        id=MonitoringId("open"),
        household_id=H3,
        category=RiskCategory.SUDDEN_HARDSHIP,
        identified_on=D(2022, 1, 1),
    )
    in_order = check(with_extra(monitoring=[closed_on_the_day, still_open]))
    reversed_order = check(with_extra(monitoring=[still_open, closed_on_the_day]))
    assert in_order == ()
    assert reversed_order == ()


def test_allocations_exceeding_their_fund_are_refused() -> None:
    extra = Allocation(
        id=AllocationId("a6"),
        fund_id=F2,
        amount=Money.from_wan(1),
        purpose=FundPurpose.EDUCATION,
        allocated_on=D(2022, 4, 1),
        household_id=H2,
    )
    assert check(with_extra(allocations=[extra])) == (
        Problem(
            path="allocations[5].amount",
            value=Money(160000),
            message="allocations of fund 'f2' total 160,000 yuan, more than its 155,000 yuan",
        ),
    )


def test_allocations_using_a_fund_exactly_are_accepted() -> None:
    rest = Allocation(
        id=AllocationId("a6"),
        fund_id=F2,
        amount=Money.from_wan("0.5"),
        purpose=FundPurpose.EDUCATION,
        allocated_on=D(2022, 1, 1),
        household_id=H2,
    )
    dataset = build(with_extra(allocations=[rest]))
    total = sum((allocation.amount for allocation in dataset.allocations_of(F2)), Money.zero())
    assert total == dataset.fund(F2).amount


def test_an_allocation_before_the_fund_was_received_is_refused() -> None:
    early = Allocation(
        id=AllocationId("a6"),
        fund_id=F1,
        amount=Money(1000),
        purpose=FundPurpose.GOVERNANCE,
        allocated_on=D(2021, 2, 28),
        village_id=SHUANGDA,
    )
    assert check(with_extra(allocations=[early])) == (
        Problem(
            path="allocations[5].allocated_on",
            value=D(2021, 2, 28),
            message="before fund 'f1' was received on 2021-03-01",
        ),
    )


def test_a_survey_listing_a_member_of_another_household_is_refused() -> None:
    stray = GuaranteeSurvey(
        id=SurveyId("s4"),
        household_id=H2,
        surveyed_on=D(2022, 5, 3),
        uninsured_member_ids=(MemberId("m4"), MemberId("m1")),
    )
    assert check(with_extra(surveys=[stray])) == (
        Problem(
            path="surveys[3].uninsured_member_ids[1]",
            value="m1",
            message="is a member of household 'h1', not of the surveyed household 'h2'",
        ),
    )


def test_the_same_flag_twice_for_a_village_in_a_year_is_refused() -> None:
    again = Award(
        id=AwardId("aw5"),
        village_id=TAOHUA,
        kind=AwardKind.FLAG,
        name="产业兴旺旗",
        year=2022,
        competition=FIVE_FLAGS,
    )
    assert check(with_extra(awards=[again])) == (
        Problem(
            path="awards[4]",
            value="aw5",
            message="village 'taohua' already won flag '产业兴旺旗' in 2022 (awards[0]); "
            "a flag is won at most once a year",
        ),
    )


def test_the_same_designation_twice_is_not_a_flag_problem() -> None:
    again = Award(
        id=AwardId("aw5"),
        village_id=SHUANGDA,
        kind=AwardKind.DESIGNATION,
        name="广西乡村振兴创建示范村",
        year=2022,
    )
    assert check(with_extra(awards=[again])) == ()


def test_a_record_of_the_wrong_type_in_a_table_is_refused() -> None:
    intruder = Hamlet(id=HamletId("intruder"), name="错屯", village_id=TAOHUA)
    assert check(with_extra(villages=[intruder])) == (
        Problem(path="villages[3]", value=intruder, message="expected a Village, not Hamlet"),
    )


def test_a_duplicate_income_for_a_household_and_year_is_refused() -> None:
    again = HouseholdIncome(household_id=H1, year=2022, per_capita=Money(1))
    assert check(with_extra(incomes=[again])) == (
        Problem(
            path="incomes[3].key",
            value=("h1", 2022),
            message="duplicate (household_id, year); first used by incomes[1]",
        ),
    )


def test_a_duplicate_rating_for_a_branch_and_year_is_refused() -> None:
    again = BranchRating(branch_id=B_TAOHUA, year=2022, rating=StarRating.TWO)
    problems = check(with_extra(branch_ratings=[again]))
    assert [(p.path, p.value) for p in problems] == [("branch_ratings[4].key", ("b_taohua", 2022))]


def test_a_cadre_whose_party_member_belongs_to_another_village_is_refused() -> None:
    stray = Cadre(
        id=CadreId("c4"),
        village_id=SHUANGDA,
        status=CadreStatus.SERVING,
        post=CadrePost.COMMITTEE_HEAD,
        party_member_id=PartyMemberId("pm1"),
    )
    assert check(with_extra(cadres=[stray])) == (
        Problem(
            path="cadres[3].party_member_id",
            value="pm1",
            message="belongs to a branch of village 'taohua', not of the cadre's village 'shuangda'",
        ),
    )


def test_a_first_secretary_leading_another_villages_work_team_is_refused() -> None:
    stray = FirstSecretary(
        id=FirstSecretaryId("fs_shuangda"),
        unit_id=FINANCE,
        village_id=SHUANGDA,
        started_on=D(2021, 6, 1),
        work_team_id=WorkTeamId("wt_yaoma"),
    )
    assert check(with_extra(first_secretaries=[stray])) == (
        Problem(
            path="first_secretaries[2].work_team_id",
            value="wt_yaoma",
            message="the work team serves village 'yaoma', not 'shuangda'",
        ),
    )


@pytest.mark.parametrize(
    ("table", "record", "path", "value", "singular"),
    [
        (
            "grid_workers",
            GridWorker(id=GridWorkerId("gw3"), hamlet_id=HamletId("x")),
            "grid_workers[2].hamlet_id",
            "x",
            "hamlet",
        ),
        (
            "work_teams",
            WorkTeam(
                id=WorkTeamId("wt3"),
                unit_id=SupportingUnitId("u9"),
                village_id=SHUANGDA,
                started_on=D(2021, 6, 1),
            ),
            "work_teams[2].unit_id",
            "u9",
            "supporting unit",
        ),
        (
            "party_members",
            PartyMember(id=PartyMemberId("pm4"), branch_id=B_YAOMA, person_id=MemberId("m9")),
            "party_members[3].person_id",
            "m9",
            "household member",
        ),
        (
            "members",
            Member(id=MemberId("m7"), household_id=HouseholdId("h9"), relation=Relation.HEAD),
            "members[6].household_id",
            "h9",
            "household",
        ),
        (
            "allocations",
            Allocation(
                id=AllocationId("a6"),
                fund_id=F3,
                amount=Money(1),
                purpose=FundPurpose.OTHER,
                allocated_on=D(2022, 7, 1),
                project_id=ProjectId("p9"),
            ),
            "allocations[5].project_id",
            "p9",
            "project",
        ),
        (
            "allocations",
            Allocation(
                id=AllocationId("a6"),
                fund_id=FundId("f9"),
                amount=Money(1),
                purpose=FundPurpose.OTHER,
                allocated_on=D(2022, 7, 1),
                village_id=TAOHUA,
            ),
            "allocations[5].fund_id",
            "f9",
            "fund",
        ),
        (
            "activities",
            Activity(
                id=ActivityId("act4"),
                kind=ActivityKind.OPERA,
                village_ids=(TAOHUA, VillageId("v9")),
                held_on=D(2022, 7, 1),
            ),
            "activities[3].village_ids[1]",
            "v9",
            "village",
        ),
        (
            "meetings",
            Meeting(
                id=MeetingId("mt4"),
                branch_id=BranchId("b9"),
                kind=MeetingKind.PARTY_GROUP_MEETING,
                held_on=D(2022, 7, 1),
            ),
            "meetings[3].branch_id",
            "b9",
            "Party branch",
        ),
        (
            "surveys",
            GuaranteeSurvey(
                id=SurveyId("s4"),
                household_id=H2,
                surveyed_on=D(2022, 7, 1),
                out_of_school_member_ids=(MemberId("m9"),),
            ),
            "surveys[3].out_of_school_member_ids[0]",
            "m9",
            "household member",
        ),
        (
            "branch_ratings",
            BranchRating(branch_id=BranchId("b9"), year=2022, rating=StarRating.ONE),
            "branch_ratings[4].branch_id",
            "b9",
            "Party branch",
        ),
        (
            "incomes",
            HouseholdIncome(household_id=HouseholdId("h9"), year=2022, per_capita=Money(1)),
            "incomes[3].household_id",
            "h9",
            "household",
        ),
    ],
)
def test_a_reference_to_a_missing_record_is_refused(
    table: str, record: object, path: str, value: str, singular: str
) -> None:
    assert check(with_extra(**{table: [record]})) == (
        Problem(path=path, value=value, message=f"no {singular} has this id"),
    )


def test_a_table_given_as_a_single_record_is_refused() -> None:
    region = sample_tables()["regions"][0]
    with pytest.raises(DatasetValidationError) as caught:
        Dataset(regions=region)
    assert caught.value.problems == (
        Problem(path="regions", value=region, message="expected a list or tuple of records"),
    )


@pytest.mark.parametrize("text", ["gx", ""])
def test_a_table_given_as_text_is_refused(text: str) -> None:
    with pytest.raises(DatasetValidationError) as caught:
        Dataset(regions=text)
    assert caught.value.problems == (
        Problem(path="regions", value=text, message="expected a list or tuple of records"),
    )


def test_a_table_given_as_a_mapping_is_refused() -> None:
    regions = {"gx": sample_tables()["regions"][0]}
    with pytest.raises(DatasetValidationError) as caught:
        Dataset(regions=regions)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("regions", "expected a list or tuple of records")
    ]


def test_a_name_that_is_not_a_str_is_refused() -> None:
    with pytest.raises(DatasetValidationError) as caught:
        Dataset(name=7)  # type: ignore[arg-type]
    assert caught.value.problems == (Problem(path="name", value=7, message="must be a str"),)


def test_a_construction_error_lists_its_problems_in_the_message() -> None:
    ghost = Hamlet(id=HamletId("ghost"), name="鬼屯", village_id=VillageId("atlantis"))
    with pytest.raises(DatasetValidationError) as caught:
        build(with_extra(hamlets=[ghost]))
    assert str(caught.value) == (
        "1 problem in the dataset:\n"
        "  hamlets[3].village_id: no village has this id (got 'atlantis')"
    )


# -- validation: every problem at once ----------------------------------------------


def broken_tables() -> Tables:
    """The sample with eleven problems of different kinds."""
    return with_extra(
        villages=[
            Village(id=TAOHUA, name="桃花村", township_id=SICHENG),
            Township(id=TownshipId("t3"), name="加尤镇", county_id=LINGYUN, kind=TownshipKind.TOWN),
        ],
        hamlets=[Hamlet(id=HamletId("ghost"), name="鬼屯", village_id=VillageId("atlantis"))],
        households=[
            Household(
                id=HouseholdId("h5"),
                village_id=TAOHUA,
                history=PovertyHistory.NEVER_REGISTERED,
                hamlet_id=JIUYOU,
            )
        ],
        monitoring=[
            MonitoringRecord(
                id=MonitoringId("mon4"),
                household_id=H4,
                category=RiskCategory.MARGINAL,
                identified_on=D(2022, 4, 1),
            ),
            MonitoringRecord(
                id=MonitoringId("mon5"),
                household_id=H1,
                category=RiskCategory.SUDDEN_HARDSHIP,
                identified_on=D(2022, 1, 1),
                risk_eliminated_on=D(2022, 2, 1),
            ),
        ],
        allocations=[
            Allocation(
                id=AllocationId("a6"),
                fund_id=F2,
                amount=Money.from_wan(1),
                purpose=FundPurpose.EDUCATION,
                allocated_on=D(2022, 4, 1),
                household_id=H2,
            ),
            Allocation(
                id=AllocationId("a7"),
                fund_id=F1,
                amount=Money(1000),
                purpose=FundPurpose.GOVERNANCE,
                allocated_on=D(2021, 2, 28),
                village_id=SHUANGDA,
            ),
        ],
        surveys=[
            GuaranteeSurvey(
                id=SurveyId("s4"),
                household_id=H2,
                surveyed_on=D(2022, 5, 3),
                uninsured_member_ids=(MemberId("m1"),),
            )
        ],
        awards=[
            Award(
                id=AwardId("aw5"),
                village_id=TAOHUA,
                kind=AwardKind.FLAG,
                name="产业兴旺旗",
                year=2022,
                competition=FIVE_FLAGS,
            )
        ],
        incomes=[HouseholdIncome(household_id=H1, year=2022, per_capita=Money(1))],
    )


BROKEN_PATHS = {
    "villages[3].id",
    "villages[4]",
    "hamlets[3].village_id",
    "households[4].hamlet_id",
    "monitoring[3].category",
    "monitoring[4].identified_on",
    "allocations[5].amount",
    "allocations[6].allocated_on",
    "surveys[3].uninsured_member_ids[0]",
    "awards[4]",
    "incomes[3].key",
}


def test_validation_lists_every_problem_not_only_the_first() -> None:
    with pytest.raises(DatasetValidationError) as caught:
        build(broken_tables())
    problems = caught.value.problems
    assert {problem.path for problem in problems} == BROKEN_PATHS
    assert len(problems) == len(BROKEN_PATHS) == 11
    assert str(caught.value).startswith("11 problems in the dataset:\n  ")


def test_check_returns_the_same_problems_without_raising() -> None:
    with pytest.raises(DatasetValidationError) as caught:
        build(broken_tables())
    problems = check(broken_tables())
    assert isinstance(problems, tuple)
    assert problems == tuple(caught.value.problems)
    assert {problem.path for problem in problems} == BROKEN_PATHS


def test_check_on_valid_records_returns_nothing() -> None:
    assert check(sample_tables()) == ()
    assert Dataset.check() == ()


def test_check_accepts_the_name_the_constructor_accepts() -> None:
    assert Dataset.check(name="凌云县", **sample_tables()) == ()


def test_check_lists_a_table_given_as_a_single_record_as_the_constructor_does() -> None:
    region = sample_tables()["regions"][0]
    with pytest.raises(DatasetValidationError) as caught:
        Dataset(regions=region)
    assert Dataset.check(regions=region) == tuple(caught.value.problems)


def test_check_accepts_any_iterable_of_records() -> None:
    tables = sample_tables()
    assert Dataset.check(regions=iter(tables["regions"]), cities=tuple(tables["cities"])) == ()


# -- merge -------------------------------------------------------------------------


def guangdong_tables() -> Tables:
    """A second region, disjoint from the sample in every id."""
    gd = RegionId("gd")
    return {
        "regions": [Region(id=gd, name="广东省")],
        "cities": [City(id=CityId("qingyuan"), name="清远市", region_id=gd)],
        "counties": [County(id=CountyId("liannan"), name="连南县", city_id=CityId("qingyuan"))],
        "townships": [
            Township(
                id=TownshipId("sanjiang"),
                name="三江镇",
                county_id=CountyId("liannan"),
                kind=TownshipKind.TOWN,
            )
        ],
        "villages": [
            Village(id=VillageId("xinan"), name="新安村", township_id=TownshipId("sanjiang"))
        ],
        "households": [
            Household(
                id=HouseholdId("gd_h1"),
                village_id=VillageId("xinan"),
                history=PovertyHistory.FORMERLY_POOR,
            )
        ],
        "incomes": [
            HouseholdIncome(household_id=HouseholdId("gd_h1"), year=2022, per_capita=Money(20000))
        ],
    }


def test_two_disjoint_datasets_merge(sample: Dataset) -> None:
    other = build(guangdong_tables(), name="连南县")
    merged = sample.merge(other)
    assert merged.name == "凌云县"
    assert ids(merged.regions) == ["gx", "gd"]
    assert ids(merged.villages) == ["taohua", "shuangda", "yaoma", "xinan"]
    assert ids(merged.households_in(VillageId("xinan"))) == ["gd_h1"]
    assert ids(merged.households_in(TAOHUA)) == ["h1", "h2", "h3"]
    assert merged.income(HouseholdId("gd_h1"), 2022) == Money(20000)
    assert merged.income(H1, 2022) == Money("11200.50")
    assert merged.township_of(VillageId("xinan")).id == "sanjiang"
    assert ids(merged.activities_in(YAOMA)) == ["act1"]
    assert merged.rating(B_TAOHUA, 2022) is StarRating.FIVE
    for table in TABLES:
        assert len(merged.tables()[table.name]) == len(sample.tables()[table.name]) + len(
            other.tables()[table.name]
        )


def test_merge_leaves_both_datasets_unchanged(sample: Dataset) -> None:
    other = build(guangdong_tables())
    sample.merge(other)
    assert ids(sample.villages) == ["taohua", "shuangda", "yaoma"]
    assert ids(other.villages) == ["xinan"]


def test_merging_a_dataset_with_itself_is_refused_for_duplicate_ids(sample: Dataset) -> None:
    with pytest.raises(DatasetValidationError) as caught:
        sample.merge(sample)
    expected = set()
    for table in TABLES:
        rows = sample.tables()[table.name]
        label = "id" if table.key_fields == ("id",) else "key"
        expected |= {f"{table.name}[{len(rows) + i}].{label}" for i in range(len(rows))}
    problems = caught.value.problems
    assert {problem.path for problem in problems} == expected
    assert len(problems) == len(expected)
    assert all(problem.message.startswith("duplicate ") for problem in problems)


# -- construction: lists, tuples, equality -----------------------------------------


def test_lists_are_stored_as_tuples(sample: Dataset) -> None:
    for name, records in sample.tables().items():
        assert isinstance(records, tuple), name
        assert list(records) == sample_tables()[name]
    assert isinstance(Dataset().villages, tuple)
    assert Dataset().villages == ()


def test_any_iterable_of_records_is_stored_as_a_tuple() -> None:
    tables = sample_tables()
    dataset = Dataset(
        regions=frozenset(tables["regions"]),
        cities=(city for city in tables["cities"]),
        counties=tuple(tables["counties"]),
    )
    assert dataset.regions == (tables["regions"][0],)
    assert dataset.cities == tuple(tables["cities"])
    assert isinstance(dataset.cities, tuple)
    assert dataset.county(LINGYUN).city_id == "baise"


def test_datasets_built_from_the_same_records_are_equal() -> None:
    from_lists = build(sample_tables())
    from_tuples = build({name: tuple(records) for name, records in sample_tables().items()})
    assert from_lists == from_tuples
    assert hash(from_lists) == hash(from_tuples)


def test_lookups_do_not_change_equality() -> None:
    used = build(sample_tables())
    fresh = build(sample_tables())
    assert ids(used.households_in(TAOHUA)) == ["h1", "h2", "h3"]
    assert used == fresh


def test_datasets_with_different_records_are_not_equal() -> None:
    tables = sample_tables()
    fewer = {**tables, "disputes": tables["disputes"][:2]}
    assert build(tables) != build(fewer)
    assert build(tables, name="a") != build(tables, name="b")


def test_a_dataset_is_frozen(sample: Dataset) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        sample.villages = ()  # type: ignore[misc]


# -- properties of generated datasets -------------------------------------------------

YEARS = (2020, 2021, 2022, 2023)


@dataclasses.dataclass(frozen=True)
class Generated:
    """Records of N villages with their households, and the lookups they imply."""

    places: dict[str, list[Any]]
    households: list[Household]
    members: list[Member]
    incomes: list[HouseholdIncome]

    def tables(self) -> Tables:
        return {
            **{name: list(records) for name, records in self.places.items()},
            "households": list(self.households),
            "members": list(self.members),
            "incomes": list(self.incomes),
        }


@dataclasses.dataclass(frozen=True)
class Lookups:
    households_by_village: dict[str, frozenset[str]]
    members_by_household: dict[str, frozenset[str]]
    income_by_household_and_year: dict[tuple[str, int], Money | None]


def expected_lookups(generated: Generated) -> Lookups:
    villages = [village.id for village in generated.places["villages"]]
    return Lookups(
        households_by_village={
            village: frozenset(h.id for h in generated.households if h.village_id == village)
            for village in villages
        },
        members_by_household={
            h.id: frozenset(m.id for m in generated.members if m.household_id == h.id)
            for h in generated.households
        },
        income_by_household_and_year={
            (h.id, year): next(
                (
                    i.per_capita
                    for i in generated.incomes
                    if i.household_id == h.id and i.year == year
                ),
                None,
            )
            for h in generated.households
            for year in YEARS
        },
    )


def lookups_of(dataset: Dataset, generated: Generated) -> Lookups:
    return Lookups(
        households_by_village={
            village.id: frozenset(h.id for h in dataset.households_in(village.id))
            for village in generated.places["villages"]
        },
        members_by_household={
            h.id: frozenset(m.id for m in dataset.members_of(h.id)) for h in generated.households
        },
        income_by_household_and_year={
            (h.id, year): dataset.income(h.id, year) for h in generated.households for year in YEARS
        },
    )


VILLAGE_SIZES = st.lists(st.integers(0, 3), min_size=1, max_size=4)
HAMLET_COUNTS = st.integers(0, 2)
HAMLET_CHOICES = {n: st.integers(0, n) for n in range(3)}  # 0 for none, i for hamlet i - 1
HISTORIES = st.sampled_from(PovertyHistory)
MEMBER_COUNTS = st.integers(1, 3)
INCOME_YEARS = st.sets(st.sampled_from(YEARS), max_size=2)


@st.composite
def generated_villages(draw: st.DrawFn) -> Generated:
    households_per_village = draw(VILLAGE_SIZES)
    region, city, county, township = RegionId("r"), CityId("c"), CountyId("k"), TownshipId("t")
    places: dict[str, list[Any]] = {
        "regions": [Region(id=region, name="某省")],
        "cities": [City(id=city, name="某市", region_id=region)],
        "counties": [County(id=county, name="某县", city_id=city)],
        "townships": [Township(id=township, name="某镇", county_id=county, kind=TownshipKind.TOWN)],
        "villages": [],
        "hamlets": [],
    }
    households: list[Household] = []
    members: list[Member] = []
    incomes: list[HouseholdIncome] = []
    for v, count in enumerate(households_per_village):
        village_id = VillageId(f"v{v}")
        places["villages"].append(Village(id=village_id, name=f"村{v}", township_id=township))
        hamlet_ids = [HamletId(f"v{v}-a{n}") for n in range(draw(HAMLET_COUNTS))]
        places["hamlets"].extend(
            Hamlet(id=hamlet, name=f"屯{hamlet}", village_id=village_id) for hamlet in hamlet_ids
        )
        for k in range(count):
            household_id = HouseholdId(f"v{v}-h{k}")
            choice = draw(HAMLET_CHOICES[len(hamlet_ids)])
            households.append(
                Household(
                    id=household_id,
                    village_id=village_id,
                    history=draw(HISTORIES),
                    hamlet_id=hamlet_ids[choice - 1] if choice else None,
                )
            )
            for n in range(draw(MEMBER_COUNTS)):
                members.append(
                    Member(
                        id=MemberId(f"{household_id}-m{n}"),
                        household_id=household_id,
                        relation=Relation.HEAD if n == 0 else Relation.CHILD,
                    )
                )
            for year in sorted(draw(INCOME_YEARS)):
                incomes.append(
                    HouseholdIncome(
                        household_id=household_id,
                        year=year,
                        per_capita=Money.from_fen(v * 10**7 + k * 10**5 + year),
                    )
                )
    return Generated(places=places, households=households, members=members, incomes=incomes)


@given(generated_villages())
def test_generated_villages_form_a_valid_dataset(generated: Generated) -> None:
    assert check(generated.tables()) == ()
    dataset = build(generated.tables())
    assert lookups_of(dataset, generated) == expected_lookups(generated)
    assert len(dataset.households) == sum(
        len(hs) for hs in expected_lookups(generated).households_by_village.values()
    )


@given(generated_villages(), st.randoms(use_true_random=True))
def test_shuffling_the_records_of_each_table_keeps_the_lookups(
    generated: Generated, rng: random.Random
) -> None:
    shuffled = generated.tables()
    for records in shuffled.values():
        rng.shuffle(records)
    dataset = build(shuffled)
    assert lookups_of(dataset, generated) == lookups_of(build(generated.tables()), generated)
    assert lookups_of(dataset, generated) == expected_lookups(generated)


def split_households(generated: Generated, in_first: Sequence[bool]) -> tuple[Tables, Tables]:
    """Household records (with their members and incomes) divided in two parts."""
    first = {h.id for h, chosen in zip(generated.households, in_first, strict=True) if chosen}
    parts: tuple[Tables, Tables] = (
        {"households": [], "members": [], "incomes": []},
        {"households": [], "members": [], "incomes": []},
    )
    for h in generated.households:
        parts[h.id not in first]["households"].append(h)
    for m in generated.members:
        parts[m.household_id not in first]["members"].append(m)
    for i in generated.incomes:
        parts[i.household_id not in first]["incomes"].append(i)
    return parts


@given(generated_villages(), st.data())
def test_households_split_between_datasets_with_their_own_places_merge_back(
    generated: Generated, data: st.DataObject
) -> None:
    # The second part's villages hang from a second region, so that the two
    # datasets share no id and can merge.
    villages = generated.places["villages"]
    village_in_first = data.draw(
        st.lists(st.booleans(), min_size=len(villages), max_size=len(villages)), label="villages"
    )
    first_villages = {v.id for v, chosen in zip(villages, village_in_first, strict=True) if chosen}
    in_first = [h.village_id in first_villages for h in generated.households]
    first_part, second_part = split_households(generated, in_first)
    first_places = {
        **generated.places,
        "villages": [v for v in villages if v.id in first_villages],
        "hamlets": [h for h in generated.places["hamlets"] if h.village_id in first_villages],
    }
    r2, c2, k2, t2 = RegionId("r2"), CityId("c2"), CountyId("k2"), TownshipId("t2")
    second_places: Tables = {
        "regions": [Region(id=r2, name="另一省")],
        "cities": [City(id=c2, name="另一市", region_id=r2)],
        "counties": [County(id=k2, name="另一县", city_id=c2)],
        "townships": [Township(id=t2, name="另一镇", county_id=k2, kind=TownshipKind.TOWN)],
        "villages": [
            attrs.evolve(v, township_id=t2) for v in villages if v.id not in first_villages
        ],
        "hamlets": [h for h in generated.places["hamlets"] if h.village_id not in first_villages],
    }
    first = build({**first_places, **first_part})
    second = build({**second_places, **second_part})
    merged = first.merge(second)
    assert lookups_of(merged, generated) == expected_lookups(generated)
    assert len(merged.households) == len(generated.households)
    assert ids(merged.villages_in(t2)) == [v.id for v in villages if v.id not in first_villages]


@given(generated_villages(), st.data())
def test_households_split_between_datasets_sharing_the_places(
    generated: Generated, data: st.DataObject
) -> None:
    in_first = data.draw(
        st.lists(
            st.booleans(), min_size=len(generated.households), max_size=len(generated.households)
        ),
        label="households",
    )
    first_part, second_part = split_households(generated, in_first)
    first = build({**generated.places, **first_part})
    second = build({**generated.places, **second_part})
    assert len(first.households) + len(second.households) == len(generated.households)
    # merge refuses records present in both, identical or not: the shared places
    with pytest.raises(DatasetValidationError) as caught:
        first.merge(second)
    assert {problem.path for problem in caught.value.problems} == {
        f"{name}[{len(records) + i}].id"
        for name, records in generated.places.items()
        for i in range(len(records))
    }
    # the places once, with both parts of the households, give back the lookups
    rejoined = build(
        {
            **generated.places,
            **{
                name: first.tables()[name] + second.tables()[name]
                for name in ("households", "members", "incomes")
            },
        }
    )
    assert lookups_of(rejoined, generated) == expected_lookups(generated)
