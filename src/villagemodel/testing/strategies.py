"""Hypothesis strategies for the domain types, for your own tests.

Requires the ``hypothesis`` extra (``pip install villagemodel[hypothesis]``);
importing :mod:`villagemodel` itself never imports Hypothesis.

Every strategy builds valid values constructively, without filtering, and
takes keyword arguments that are themselves strategies (or bounds) so that a
test can pin what it cares about:

>>> from hypothesis import given
>>> from villagemodel.testing import strategies as vst
>>> @given(vst.datasets(villages=st.just(2), households_per_village=st.integers(0, 3)))
... def test_every_household_lies_in_a_village(dataset):
...     assert all(dataset.village(h.village_id) for h in dataset.households)
>>> test_every_household_lies_in_a_village()

:func:`datasets` gives whole datasets whose references all resolve: a
county with townships, villages, hamlets, branches and ratings, households
with members, incomes, monitoring spells and surveys, funds and allocations,
projects, activities, awards and disputes.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from hypothesis import strategies as st

from villagemodel.activities import (
    Activity,
    ActivityKind,
    Award,
    AwardKind,
    DisputeMediation,
    Meeting,
    MeetingKind,
)
from villagemodel.dataset import Dataset
from villagemodel.finance import Allocation, CollectiveIncome, Fund, FundPurpose, FundSource
from villagemodel.households import (
    GuaranteeSurvey,
    Household,
    HouseholdIncome,
    HousingGrade,
    Member,
    MonitoringRecord,
    PovertyHistory,
    Relation,
    RiskCategory,
    Sex,
    WaterSupply,
    WorkingCapacity,
)
from villagemodel.ids import (
    ActivityId,
    AllocationId,
    AwardId,
    BranchId,
    CityId,
    CountyId,
    DisputeId,
    FundId,
    HamletId,
    HouseholdId,
    IndustryId,
    MeetingId,
    MemberId,
    MonitoringId,
    ProjectId,
    RegionId,
    SurveyId,
    TownshipId,
    VillageId,
)
from villagemodel.industry import Industry, IndustryKind
from villagemodel.money import Money
from villagemodel.party import BranchRating, PartyBranch, StarRating
from villagemodel.periods import Period
from villagemodel.places import (
    City,
    County,
    Hamlet,
    Region,
    RegionKind,
    Township,
    TownshipKind,
    Village,
)
from villagemodel.projects import Project, ProjectKind
from villagemodel.quantities import (
    HouseholdCount,
    Percentage,
    PercentagePoints,
    PersonCount,
    PersonTimes,
    Quantity,
    Unit,
)

__all__ = [
    "datasets",
    "dates",
    "money",
    "percentage_points",
    "percentages",
    "periods",
    "quantities",
    "years",
]

T = TypeVar("T")

FIRST_DAY = datetime.date(2020, 1, 1)
LAST_DAY = datetime.date(2023, 12, 31)


def money(
    *, min_yuan: int = 0, max_yuan: int = 10_000_000, places: int = 2
) -> st.SearchStrategy[Money]:
    """Exact amounts between the bounds, with at most ``places`` decimals of a yuan."""
    scale = 10**places
    return st.integers(min_yuan * scale, max_yuan * scale).map(
        lambda n: Money(Decimal(n).scaleb(-places))
    )


def percentages(
    *, min_value: int = 0, max_value: int = 100, places: int = 2
) -> st.SearchStrategy[Percentage]:
    """Percentages between the bounds (shares by default: 0% to 100%)."""
    scale = 10**places
    return st.integers(min_value * scale, max_value * scale).map(
        lambda n: Percentage(Decimal(n).scaleb(-places))
    )


def percentage_points(*, bound: int = 100, places: int = 2) -> st.SearchStrategy[PercentagePoints]:
    scale = 10**places
    return st.integers(-bound * scale, bound * scale).map(
        lambda n: PercentagePoints(Decimal(n).scaleb(-places))
    )


def dates(
    *, min_value: datetime.date = FIRST_DAY, max_value: datetime.date = LAST_DAY
) -> st.SearchStrategy[datetime.date]:
    """Calendar dates (``datetime.date``, never a datetime)."""
    return st.dates(min_value=min_value, max_value=max_value)


def years(
    *, min_value: int = FIRST_DAY.year, max_value: int = LAST_DAY.year
) -> st.SearchStrategy[int]:
    return st.integers(min_value, max_value)


@st.composite
def periods(draw: st.DrawFn, *, within: Period | None = None) -> Period:
    """Closed periods of days (inside ``within`` when given)."""
    low = within.start if within else FIRST_DAY
    high = within.end if within else LAST_DAY
    a = draw(st.dates(min_value=low, max_value=high))
    b = draw(st.dates(min_value=a, max_value=high))
    return Period(start=a, end=b)


def quantities(unit: Unit | None = None, *, max_amount: int = 1000) -> st.SearchStrategy[Quantity]:
    """Quantities in ``unit`` (any unit when ``None``); whole numbers for countable units."""
    unit_strategy = st.just(unit) if unit is not None else st.sampled_from(list(Unit))

    def build(u: Unit) -> st.SearchStrategy[Quantity]:
        if u.countable:
            return st.integers(0, max_amount).map(lambda n: Quantity(n, u))
        return st.integers(0, max_amount * 100).map(lambda n: Quantity(Decimal(n).scaleb(-2), u))

    return unit_strategy.flatmap(build)


def _maybe(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


@st.composite
def _household_block(
    draw: st.DrawFn,
    *,
    village: VillageId,
    hamlets: Sequence[HamletId],
    index: int,
    members_per_household: st.SearchStrategy[int],
) -> dict[str, list[Any]]:
    """One household with its members, incomes, monitoring and a survey."""
    hid = HouseholdId(f"{village}-h{index}")
    history = draw(st.sampled_from(list(PovertyHistory)))
    household = Household(
        id=hid,
        village_id=village,
        history=history,
        hamlet_id=draw(st.sampled_from(list(hamlets)))
        if len(hamlets) > 0 and draw(st.booleans())
        else None,
    )
    n = draw(members_per_household)
    relations = [Relation.HEAD] + [draw(st.sampled_from(list(Relation)[1:])) for _ in range(n - 1)]
    members = [
        Member(
            id=MemberId(f"{hid}-m{i}"),
            household_id=hid,
            relation=relations[i],
            sex=draw(_maybe(st.sampled_from(list(Sex)))),
            working_capacity=draw(_maybe(st.sampled_from(list(WorkingCapacity)))),
        )
        for i in range(n)
    ]
    incomes = [
        HouseholdIncome(household_id=hid, year=year, per_capita=draw(money(max_yuan=60_000)))
        for year in draw(st.sets(years(), max_size=3))
    ]
    monitoring = []
    if draw(st.booleans()):
        category = (
            RiskCategory.UNSTABLE_FORMERLY_POOR
            if history is PovertyHistory.FORMERLY_POOR
            else RiskCategory.MARGINAL
        )
        start = draw(dates(max_value=datetime.date(2022, 12, 31)))
        end = draw(_maybe(dates(min_value=start)))
        monitoring.append(
            MonitoringRecord(
                id=MonitoringId(f"{hid}-s0"),
                household_id=hid,
                category=draw(st.sampled_from([category, RiskCategory.SUDDEN_HARDSHIP])),
                identified_on=start,
                risk_eliminated_on=end,
            )
        )
    surveys = []
    if len(members) > 0 and draw(st.booleans()):
        ids = [m.id for m in members]
        surveys.append(
            GuaranteeSurvey(
                id=SurveyId(f"{hid}-v0"),
                household_id=hid,
                surveyed_on=draw(dates()),
                food_and_clothing_assured=draw(_maybe(st.booleans())),
                uninsured_member_ids=draw(
                    _maybe(st.lists(st.sampled_from(ids), unique=True).map(tuple))
                ),
                out_of_school_member_ids=draw(
                    _maybe(st.lists(st.sampled_from(ids), unique=True).map(tuple))
                ),
                housing_grade=draw(_maybe(st.sampled_from(list(HousingGrade)))),
                water=draw(
                    _maybe(
                        st.builds(
                            WaterSupply,
                            litres_per_person_per_day=_maybe(st.integers(0, 200)),
                            piped_into_home=_maybe(st.booleans()),
                            trip_minutes=_maybe(st.integers(0, 120)),
                            days_without_supply_per_year=_maybe(st.integers(0, 366)),
                        )
                    )
                ),
            )
        )
    return {
        "households": [household],
        "members": members,
        "incomes": incomes,
        "monitoring": monitoring,
        "surveys": surveys,
    }


@st.composite
def datasets(
    draw: st.DrawFn,
    *,
    townships: st.SearchStrategy[int] = st.integers(1, 3),
    villages: st.SearchStrategy[int] = st.integers(1, 6),
    hamlets_per_village: st.SearchStrategy[int] = st.integers(0, 3),
    households_per_village: st.SearchStrategy[int] = st.integers(0, 6),
    members_per_household: st.SearchStrategy[int] = st.integers(1, 5),
    events_per_village: st.SearchStrategy[int] = st.integers(0, 3),
) -> Dataset:
    """Whole valid datasets: one county, its townships and villages, and
    records of every kind whose references all resolve."""
    region = Region(id=RegionId("r"), name="广西壮族自治区", kind=RegionKind.AUTONOMOUS_REGION)
    city = City(id=CityId("c"), name="百色市", region_id=region.id)
    county = County(id=CountyId("k"), name="凌云县", city_id=city.id)
    n_townships = draw(townships)
    township_list = [
        Township(
            id=TownshipId(f"t{i}"),
            name=f"乡{i}",
            county_id=county.id,
            kind=draw(st.sampled_from(list(TownshipKind))),
        )
        for i in range(n_townships)
    ]
    tables: dict[str, list[Any]] = {
        "regions": [region],
        "cities": [city],
        "counties": [county],
        "townships": township_list,
    }
    for key in (
        "villages", "hamlets", "branches", "branch_ratings", "industries", "households",
        "members", "incomes", "monitoring", "surveys", "collective_incomes", "projects",
        "funds", "allocations", "activities", "meetings", "awards", "disputes",
    ):  # fmt: skip
        tables[key] = []
    for v in range(draw(villages)):
        vid = VillageId(f"v{v}")
        tables["villages"].append(
            Village(id=vid, name=f"村{v}", township_id=township_list[v % n_townships].id)
        )
        hamlets = [HamletId(f"{vid}-t{j}") for j in range(draw(hamlets_per_village))]
        tables["hamlets"].extend(Hamlet(id=h, name=f"屯{h}", village_id=vid) for h in hamlets)
        branch = PartyBranch(id=BranchId(f"{vid}-b"), village_id=vid, name=f"村{v}党支部")
        tables["branches"].append(branch)
        for year in draw(st.sets(years(), max_size=2)):
            tables["branch_ratings"].append(
                BranchRating(
                    branch_id=branch.id, year=year, rating=draw(st.sampled_from(list(StarRating)))
                )
            )
        for industry in draw(st.sets(st.sampled_from(list(IndustryKind)[:-1]), max_size=2)):
            tables["industries"].append(
                Industry(id=IndustryId(f"{vid}-{industry.code}"), village_id=vid, kind=industry)
            )
        for year in draw(st.sets(years(), max_size=3)):
            tables["collective_incomes"].append(
                CollectiveIncome(village_id=vid, year=year, amount=draw(money(max_yuan=500_000)))
            )
        for i in range(draw(households_per_village)):
            block = draw(
                _household_block(
                    village=vid,
                    hamlets=hamlets,
                    index=i,
                    members_per_household=members_per_household,
                )
            )
            for key, rows in block.items():
                tables[key].extend(rows)
        for e in range(draw(events_per_village)):
            kind = draw(st.sampled_from(list(ProjectKind)[:-1]))
            assert kind.unit is not None
            tables["projects"].append(
                Project(
                    id=ProjectId(f"{vid}-p{e}"),
                    village_id=vid,
                    kind=kind,
                    quantity=draw(quantities(kind.unit, max_amount=50)),
                    completed_on=draw(_maybe(dates())),
                )
            )
            activity_kind = draw(st.sampled_from(list(ActivityKind)[:-1]))
            tables["activities"].append(
                Activity(
                    id=ActivityId(f"{vid}-a{e}"),
                    kind=activity_kind,
                    village_ids=(vid,),
                    held_on=draw(dates()),
                    attendance=draw(_maybe(st.integers(0, 500).map(PersonTimes))),
                    beneficiaries=draw(_maybe(st.integers(0, 200).map(PersonCount))),
                )
            )
            tables["meetings"].append(
                Meeting(
                    id=MeetingId(f"{vid}-g{e}"),
                    branch_id=branch.id,
                    kind=draw(st.sampled_from(list(MeetingKind))),
                    held_on=draw(dates()),
                )
            )
            tables["disputes"].append(
                DisputeMediation(
                    id=DisputeId(f"{vid}-d{e}"), village_id=vid, mediated_on=draw(dates())
                )
            )
            tables["awards"].append(
                Award(
                    id=AwardId(f"{vid}-w{e}"),
                    village_id=vid,
                    kind=AwardKind.FLAG,
                    name=f"红旗{e + 1}",
                    year=draw(years()),
                    competition="乡村振兴·五旗争创",
                )
            )
    for f in range(draw(st.integers(0, 2))):
        amount = draw(money(min_yuan=1, max_yuan=1_000_000))
        received = draw(dates(max_value=datetime.date(2022, 12, 31)))
        fund = Fund(
            id=FundId(f"f{f}"),
            name=f"资金{f}",
            source=draw(st.sampled_from(list(FundSource))),
            amount=amount,
            received_on=received,
        )
        tables["funds"].append(fund)
        village_ids = [v.id for v in tables["villages"]]
        parts = draw(st.integers(0, 3))
        for p in range(parts):
            share = Money.from_fen(amount.fen // max(parts, 1))
            tables["allocations"].append(
                Allocation(
                    id=AllocationId(f"f{f}-a{p}"),
                    fund_id=fund.id,
                    amount=share,
                    purpose=draw(st.sampled_from(list(FundPurpose))),
                    allocated_on=draw(dates(min_value=received)),
                    village_id=draw(st.sampled_from(village_ids)),
                )
            )
    return Dataset(name="generated", **tables)


def _counts() -> dict[type, st.SearchStrategy[Any]]:
    return {
        PersonCount: st.integers(0, 10_000).map(PersonCount),
        HouseholdCount: st.integers(0, 10_000).map(HouseholdCount),
        PersonTimes: st.integers(0, 10_000).map(PersonTimes),
    }


def type_strategies() -> dict[
    type, st.SearchStrategy[Any] | Callable[[type], st.SearchStrategy[Any]]
]:
    """The strategy for each public type, as registered by the Hypothesis entry point."""
    found: dict[type, Any] = {
        Money: money(),
        Percentage: percentages(),
        PercentagePoints: percentage_points(),
        Quantity: quantities(),
        Period: periods(),
        Dataset: datasets(),
    }
    found.update(_counts())
    return found
