"""Hypothesis strategies for the domain types, for your own tests.

Requires the ``hypothesis`` extra (``pip install villagemodel[hypothesis]``);
importing :mod:`villagemodel` itself never imports Hypothesis.

Every strategy builds valid values constructively, without filtering, and
takes keyword arguments that are themselves strategies (or bounds) so that a
test can pin what it cares about:

>>> from hypothesis import given, settings
>>> from villagemodel.testing import strategies as vst
>>> @settings(max_examples=20)
... @given(vst.datasets(villages=st.just(2), households_per_village=st.integers(0, 3)))
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
import enum
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
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
from villagemodel.errors import Problem
from villagemodel.finance import Allocation, CollectiveIncome, Fund, FundPurpose, FundSource
from villagemodel.households import (
    GuaranteeSurvey,
    Household,
    HouseholdIncome,
    HousingGrade,
    Member,
    MonitoringRecord,
    PovertyHistory,
    PovertyStatus,
    PovertyStatusKind,
    Relation,
    RiskCategory,
    Sex,
    UniversityAdmission,
    WaterSupply,
    WorkingCapacity,
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
from villagemodel.industry import Industry, IndustryKind, OperatingModel, OperatingPart
from villagemodel.labels import LabelledEnum
from villagemodel.money import Money
from villagemodel.party import (
    BranchRating,
    Cadre,
    CadrePost,
    CadreStatus,
    FirstSecretary,
    MembershipStatus,
    PartyBranch,
    PartyMember,
    StarRating,
    SupportingUnit,
    WorkTeam,
)
from villagemodel.periods import Period
from villagemodel.places import (
    City,
    County,
    GridWorker,
    Hamlet,
    Region,
    RegionKind,
    Township,
    TownshipKind,
    Village,
)
from villagemodel.projects import Project, ProjectKind
from villagemodel.quantities import (
    Count,
    HouseholdCount,
    Percentage,
    PercentagePoints,
    PersonCount,
    PersonTimes,
    Quantity,
    Rate,
    Unit,
)

__all__ = [
    "activities",
    "allocations",
    "awards",
    "branch_ratings",
    "cadres",
    "cities",
    "collective_incomes",
    "counties",
    "counts",
    "datasets",
    "dates",
    "dispute_mediations",
    "enums",
    "first_secretaries",
    "funds",
    "grid_workers",
    "guarantee_surveys",
    "hamlets",
    "household_counts",
    "household_incomes",
    "household_members",
    "households",
    "industries",
    "labelled_enums",
    "meetings",
    "money",
    "monitoring_records",
    "operating_models",
    "party_branches",
    "party_members",
    "percentage_points",
    "percentages",
    "periods",
    "person_counts",
    "person_times",
    "poverty_statuses",
    "problems",
    "projects",
    "quantities",
    "rates",
    "regions",
    "supporting_units",
    "texts",
    "townships",
    "type_strategies",
    "university_admissions",
    "villages",
    "water_supplies",
    "work_teams",
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


# -- building blocks ----------------------------------------------------------

E = TypeVar("E", bound=enum.Enum)

_NAME_CHARACTERS = "陶化村屯乡镇党支部书记凌云百色广西油茶桑蚕山泉水肉鸽红旗示范振兴ABCDEFGHXYZ"


def _pick(draw: st.DrawFn, given: st.SearchStrategy[T] | None, default: st.SearchStrategy[T]) -> T:
    """Draw from the caller's strategy when given, else from the default."""
    return draw(given if given is not None else default)


def _ids(prefix: str) -> st.SearchStrategy[str]:
    """Ids such as ``h17``: short, non-empty, without spaces."""
    return st.integers(0, 999).map(lambda n: f"{prefix}{n}")


def texts(*, max_size: int = 8) -> st.SearchStrategy[str]:
    """Names and labels that the records accept: non-empty, no surrounding spaces.

    >>> from hypothesis import find
    >>> find(texts(), lambda s: len(s) >= 2).strip() != ""
    True
    """
    return st.text(alphabet=_NAME_CHARACTERS, min_size=1, max_size=max_size)


def _date_range(low: datetime.date, high: datetime.date) -> st.SearchStrategy[datetime.date]:
    return st.dates(min_value=low, max_value=max(low, high))


def _ordered_dates(
    draw: st.DrawFn,
    start: st.SearchStrategy[datetime.date | None] | None,
    end: st.SearchStrategy[datetime.date | None] | None,
) -> tuple[datetime.date | None, datetime.date | None]:
    """A start and an end, each optional, the end never before the start.

    When the caller pins only the end, the start is drawn on or before it;
    otherwise the end is drawn on or after the start.
    """
    if end is not None and start is None:
        last = draw(end)
        first = draw(
            _maybe(_date_range(min(FIRST_DAY, last), last) if last is not None else dates())
        )
        return first, last
    first = draw(start if start is not None else _maybe(dates()))
    if end is not None:
        return first, draw(end)
    low = first if first is not None else FIRST_DAY
    return first, draw(_maybe(_date_range(low, max(low, LAST_DAY))))


def enums(kind: type[E]) -> st.SearchStrategy[E]:
    """Members of the enum ``kind`` (any :class:`~villagemodel.LabelledEnum`, or :class:`~villagemodel.Unit`).

    >>> from hypothesis import find
    >>> from villagemodel import TownshipKind
    >>> find(enums(TownshipKind), lambda k: k.code == "ethnic_township").zh
    '民族乡'
    """
    return st.sampled_from(list(kind))


_LABELLED_ENUMS: tuple[type[LabelledEnum], ...] = (
    ActivityKind,
    AwardKind,
    CadrePost,
    CadreStatus,
    FundPurpose,
    FundSource,
    HousingGrade,
    IndustryKind,
    MeetingKind,
    MembershipStatus,
    OperatingPart,
    PovertyHistory,
    PovertyStatusKind,
    ProjectKind,
    RegionKind,
    Relation,
    RiskCategory,
    Sex,
    StarRating,
    TownshipKind,
    WorkingCapacity,
)


def labelled_enums() -> st.SearchStrategy[LabelledEnum]:
    """Members of any of the library's labelled enums (each has ``code``, ``zh`` and ``en``)."""
    return st.one_of([enums(kind) for kind in _LABELLED_ENUMS])


# -- numbers ------------------------------------------------------------------


def person_counts(*, min_value: int = 0, max_value: int = 10_000) -> st.SearchStrategy[PersonCount]:
    """Numbers of people (人)."""
    return st.integers(min_value, max_value).map(PersonCount)


def household_counts(
    *, min_value: int = 0, max_value: int = 10_000
) -> st.SearchStrategy[HouseholdCount]:
    """Numbers of households (户)."""
    return st.integers(min_value, max_value).map(HouseholdCount)


def person_times(*, min_value: int = 0, max_value: int = 10_000) -> st.SearchStrategy[PersonTimes]:
    """Numbers of attendances (人次)."""
    return st.integers(min_value, max_value).map(PersonTimes)


def counts(*, min_value: int = 0, max_value: int = 10_000) -> st.SearchStrategy[Count]:
    """Counts of any kind: people, households or person-times.

    >>> from hypothesis import find
    >>> from villagemodel import Count
    >>> isinstance(find(counts(), lambda c: c.value > 3), Count)
    True
    """
    bounds = {"min_value": min_value, "max_value": max_value}
    return st.one_of(person_counts(**bounds), household_counts(**bounds), person_times(**bounds))


def rates(*, max_denominator: int = 1000, shares_only: bool = True) -> st.SearchStrategy[Rate]:
    """Exact ratios; between 0 and 1 (a share of a whole) unless ``shares_only=False``.

    >>> from hypothesis import find
    >>> find(rates(), lambda r: r.value > 0).value <= 1
    True
    """

    @st.composite
    def build(draw: st.DrawFn) -> Rate:
        denominator = draw(st.integers(1, max_denominator))
        top = denominator if shares_only else 10 * denominator
        return Rate(Fraction(draw(st.integers(0, top)), denominator))

    return build()


def operating_models(
    *, parts: st.SearchStrategy[Sequence[OperatingPart]] | None = None
) -> st.SearchStrategy[OperatingModel]:
    """Operating models: one or more distinct parties, in any order."""
    default = st.lists(enums(OperatingPart), min_size=1, max_size=4, unique=True)
    return (parts if parts is not None else default).map(lambda p: OperatingModel(parts=tuple(p)))


@st.composite
def problems(
    draw: st.DrawFn,
    *,
    path: st.SearchStrategy[str] | None = None,
    value: st.SearchStrategy[Any] | None = None,
    message: st.SearchStrategy[str] | None = None,
) -> Problem:
    """Validation problems, as :meth:`villagemodel.Dataset.check` lists them."""
    return Problem(
        path=_pick(draw, path, st.sampled_from(["villages[0].id", "households[2].village_id"])),
        value=_pick(draw, value, st.none() | _ids("v") | st.integers(-5, 5)),
        message=_pick(draw, message, st.sampled_from(["duplicate id", "no village has this id"])),
    )


@st.composite
def poverty_statuses(
    draw: st.DrawFn,
    *,
    kind: st.SearchStrategy[PovertyStatusKind] | None = None,
    category: st.SearchStrategy[RiskCategory] | None = None,
) -> PovertyStatus:
    """Poverty statuses; a category is given exactly when the kind is monitored."""
    chosen = _pick(draw, kind, enums(PovertyStatusKind))
    if chosen is not PovertyStatusKind.MONITORED:
        return PovertyStatus(kind=chosen)
    return PovertyStatus(kind=chosen, category=_pick(draw, category, enums(RiskCategory)))


# -- places -------------------------------------------------------------------

Strategy = st.SearchStrategy
"""Shorthand in the signatures below."""


@st.composite
def regions(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    name: Strategy[str] | None = None,
    name_en: Strategy[str | None] | None = None,
    kind: Strategy[RegionKind] | None = None,
) -> Region:
    """Province-level regions."""
    return Region(
        id=RegionId(_pick(draw, id, _ids("r"))),
        name=_pick(draw, name, texts()),
        name_en=_pick(draw, name_en, _maybe(texts())),
        kind=_pick(draw, kind, enums(RegionKind)),
    )


@st.composite
def cities(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    name: Strategy[str] | None = None,
    name_en: Strategy[str | None] | None = None,
    region_id: Strategy[str] | None = None,
) -> City:
    """Prefecture-level cities."""
    return City(
        id=CityId(_pick(draw, id, _ids("c"))),
        name=_pick(draw, name, texts()),
        name_en=_pick(draw, name_en, _maybe(texts())),
        region_id=RegionId(_pick(draw, region_id, _ids("r"))),
    )


@st.composite
def counties(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    name: Strategy[str] | None = None,
    name_en: Strategy[str | None] | None = None,
    city_id: Strategy[str] | None = None,
) -> County:
    """Counties."""
    return County(
        id=CountyId(_pick(draw, id, _ids("k"))),
        name=_pick(draw, name, texts()),
        name_en=_pick(draw, name_en, _maybe(texts())),
        city_id=CityId(_pick(draw, city_id, _ids("c"))),
    )


@st.composite
def townships(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    name: Strategy[str] | None = None,
    name_en: Strategy[str | None] | None = None,
    county_id: Strategy[str] | None = None,
    kind: Strategy[TownshipKind] | None = None,
) -> Township:
    """Townships (乡, 镇, 民族乡, 街道)."""
    return Township(
        id=TownshipId(_pick(draw, id, _ids("t"))),
        name=_pick(draw, name, texts()),
        name_en=_pick(draw, name_en, _maybe(texts())),
        county_id=CountyId(_pick(draw, county_id, _ids("k"))),
        kind=_pick(draw, kind, enums(TownshipKind)),
    )


@st.composite
def villages(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    name: Strategy[str] | None = None,
    name_en: Strategy[str | None] | None = None,
    township_id: Strategy[str] | None = None,
) -> Village:
    """Administrative villages.

    >>> from hypothesis import find
    >>> find(villages(township_id=st.just("lingzhan")), lambda v: True).township_id
    'lingzhan'
    """
    return Village(
        id=VillageId(_pick(draw, id, _ids("v"))),
        name=_pick(draw, name, texts()),
        name_en=_pick(draw, name_en, _maybe(texts())),
        township_id=TownshipId(_pick(draw, township_id, _ids("t"))),
    )


@st.composite
def hamlets(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    name: Strategy[str] | None = None,
    name_en: Strategy[str | None] | None = None,
    village_id: Strategy[str] | None = None,
) -> Hamlet:
    """Hamlets (屯)."""
    return Hamlet(
        id=HamletId(_pick(draw, id, _ids("jt"))),
        name=_pick(draw, name, texts()),
        name_en=_pick(draw, name_en, _maybe(texts())),
        village_id=VillageId(_pick(draw, village_id, _ids("v"))),
    )


@st.composite
def grid_workers(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    hamlet_id: Strategy[str] | None = None,
    name: Strategy[str | None] | None = None,
) -> GridWorker:
    """Grid workers of hamlets."""
    return GridWorker(
        id=GridWorkerId(_pick(draw, id, _ids("gw"))),
        hamlet_id=HamletId(_pick(draw, hamlet_id, _ids("jt"))),
        name=_pick(draw, name, _maybe(texts())),
    )


# -- the Party, cadres and work teams -----------------------------------------


@st.composite
def party_branches(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    village_id: Strategy[str] | None = None,
    name: Strategy[str] | None = None,
    established_on: Strategy[datetime.date | None] | None = None,
    secretary_is_committee_head: Strategy[bool | None] | None = None,
) -> PartyBranch:
    """Village Party branches."""
    return PartyBranch(
        id=BranchId(_pick(draw, id, _ids("b"))),
        village_id=VillageId(_pick(draw, village_id, _ids("v"))),
        name=_pick(draw, name, texts()),
        established_on=_pick(
            draw, established_on, _maybe(dates(min_value=datetime.date(1949, 10, 1)))
        ),
        secretary_is_committee_head=_pick(draw, secretary_is_committee_head, _maybe(st.booleans())),
    )


@st.composite
def branch_ratings(
    draw: st.DrawFn,
    *,
    branch_id: Strategy[str] | None = None,
    year: Strategy[int] | None = None,
    rating: Strategy[StarRating] | None = None,
    rated_on: Strategy[datetime.date | None] | None = None,
    rubric: Strategy[str | None] | None = None,
) -> BranchRating:
    """A branch's star rating for a year; a rating date, when drawn, lies in
    that year or the next (a rating for a year never precedes it)."""
    chosen_year = _pick(draw, year, years())
    first = datetime.date(chosen_year, 1, 1)
    last = datetime.date(min(chosen_year + 1, datetime.MAXYEAR), 12, 31)
    return BranchRating(
        branch_id=BranchId(_pick(draw, branch_id, _ids("b"))),
        year=chosen_year,
        rating=_pick(draw, rating, enums(StarRating)),
        rated_on=_pick(draw, rated_on, _maybe(_date_range(first, last))),
        rubric=_pick(draw, rubric, _maybe(texts())),
    )


@st.composite
def party_members(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    branch_id: Strategy[str] | None = None,
    status: Strategy[MembershipStatus] | None = None,
    name: Strategy[str | None] | None = None,
    person_id: Strategy[str | None] | None = None,
    joined_on: Strategy[datetime.date | None] | None = None,
    born_on: Strategy[datetime.date | None] | None = None,
) -> PartyMember:
    """Members of village Party branches."""
    person = _pick(draw, person_id, _maybe(_ids("m")))
    return PartyMember(
        id=PartyMemberId(_pick(draw, id, _ids("pm"))),
        branch_id=BranchId(_pick(draw, branch_id, _ids("b"))),
        status=_pick(draw, status, enums(MembershipStatus)),
        name=_pick(draw, name, _maybe(texts())),
        person_id=MemberId(person) if person is not None else None,
        joined_on=_pick(draw, joined_on, _maybe(dates())),
        born_on=_pick(
            draw,
            born_on,
            _maybe(
                dates(min_value=datetime.date(1930, 1, 1), max_value=datetime.date(2004, 12, 31))
            ),
        ),
    )


@st.composite
def cadres(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    village_id: Strategy[str] | None = None,
    status: Strategy[CadreStatus] | None = None,
    post: Strategy[CadrePost | None] | None = None,
    name: Strategy[str | None] | None = None,
    party_member_id: Strategy[str | None] | None = None,
    since: Strategy[datetime.date | None] | None = None,
    until: Strategy[datetime.date | None] | None = None,
) -> Cadre:
    """Village cadres and reserve cadres: a serving cadre always holds a
    post, and ``until`` never comes before ``since``.

    >>> from hypothesis import find
    >>> from villagemodel import CadreStatus
    >>> find(cadres(status=st.just(CadreStatus.SERVING)), lambda c: True).post is not None
    True
    """
    chosen = _pick(draw, status, enums(CadreStatus))
    default_post: Strategy[CadrePost | None] = (
        enums(CadrePost) if chosen is CadreStatus.SERVING else _maybe(enums(CadrePost))
    )
    member = _pick(draw, party_member_id, _maybe(_ids("pm")))
    first, last = _ordered_dates(draw, since, until)
    return Cadre(
        id=CadreId(_pick(draw, id, _ids("cd"))),
        village_id=VillageId(_pick(draw, village_id, _ids("v"))),
        status=chosen,
        post=_pick(draw, post, default_post),
        name=_pick(draw, name, _maybe(texts())),
        party_member_id=PartyMemberId(member) if member is not None else None,
        since=first,
        until=last,
    )


@st.composite
def supporting_units(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    name: Strategy[str] | None = None,
    name_en: Strategy[str | None] | None = None,
) -> SupportingUnit:
    """Supporting units (后盾单位)."""
    return SupportingUnit(
        id=SupportingUnitId(_pick(draw, id, _ids("u"))),
        name=_pick(draw, name, texts()),
        name_en=_pick(draw, name_en, _maybe(texts())),
    )


@st.composite
def work_teams(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    unit_id: Strategy[str] | None = None,
    village_id: Strategy[str] | None = None,
    started_on: Strategy[datetime.date | None] | None = None,
    ended_on: Strategy[datetime.date | None] | None = None,
    size: Strategy[PersonCount | None] | None = None,
) -> WorkTeam:
    """Village-stationed work teams; a team never ends before it started."""
    first, last = _ordered_dates(draw, started_on, ended_on)
    return WorkTeam(
        id=WorkTeamId(_pick(draw, id, _ids("wt"))),
        unit_id=SupportingUnitId(_pick(draw, unit_id, _ids("u"))),
        village_id=VillageId(_pick(draw, village_id, _ids("v"))),
        started_on=first,
        ended_on=last,
        size=_pick(draw, size, _maybe(person_counts(min_value=1, max_value=10))),
    )


@st.composite
def first_secretaries(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    unit_id: Strategy[str] | None = None,
    village_id: Strategy[str] | None = None,
    started_on: Strategy[datetime.date | None] | None = None,
    ended_on: Strategy[datetime.date | None] | None = None,
    name: Strategy[str | None] | None = None,
    work_team_id: Strategy[str | None] | None = None,
) -> FirstSecretary:
    """First secretaries; a term never ends before it started."""
    first, last = _ordered_dates(draw, started_on, ended_on)
    team = _pick(draw, work_team_id, _maybe(_ids("wt")))
    return FirstSecretary(
        id=FirstSecretaryId(_pick(draw, id, _ids("fs"))),
        unit_id=SupportingUnitId(_pick(draw, unit_id, _ids("u"))),
        village_id=VillageId(_pick(draw, village_id, _ids("v"))),
        started_on=first,
        ended_on=last,
        name=_pick(draw, name, _maybe(texts())),
        work_team_id=WorkTeamId(team) if team is not None else None,
    )


# -- industries ---------------------------------------------------------------


@st.composite
def industries(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    village_id: Strategy[str] | None = None,
    kind: Strategy[IndustryKind] | None = None,
    name: Strategy[str | None] | None = None,
    operating_model: Strategy[OperatingModel | None] | None = None,
    started_on: Strategy[datetime.date | None] | None = None,
) -> Industry:
    """Village industries; one of kind ``OTHER`` is always named."""
    chosen = _pick(draw, kind, enums(IndustryKind))
    default_name: Strategy[str | None] = (
        texts() if chosen is IndustryKind.OTHER else _maybe(texts())
    )
    return Industry(
        id=IndustryId(_pick(draw, id, _ids("i"))),
        village_id=VillageId(_pick(draw, village_id, _ids("v"))),
        kind=chosen,
        name=_pick(draw, name, default_name),
        operating_model=_pick(draw, operating_model, _maybe(operating_models())),
        started_on=_pick(draw, started_on, _maybe(dates())),
    )


# -- households ---------------------------------------------------------------


@st.composite
def households(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    village_id: Strategy[str] | None = None,
    history: Strategy[PovertyHistory] | None = None,
    hamlet_id: Strategy[str | None] | None = None,
) -> Household:
    """Households.

    >>> from hypothesis import find
    >>> find(households(village_id=st.just("taohua")), lambda h: True).village_id
    'taohua'
    """
    hamlet = _pick(draw, hamlet_id, _maybe(_ids("jt")))
    return Household(
        id=HouseholdId(_pick(draw, id, _ids("h"))),
        village_id=VillageId(_pick(draw, village_id, _ids("v"))),
        history=_pick(draw, history, enums(PovertyHistory)),
        hamlet_id=HamletId(hamlet) if hamlet is not None else None,
    )


@st.composite
def household_members(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    household_id: Strategy[str] | None = None,
    relation: Strategy[Relation] | None = None,
    name: Strategy[str | None] | None = None,
    sex: Strategy[Sex | None] | None = None,
    born_on: Strategy[datetime.date | None] | None = None,
    working_capacity: Strategy[WorkingCapacity | None] | None = None,
) -> Member:
    """Members of households.

    :param relation: the member's relation to the head of the household
    :type relation: Strategy[~villagemodel.households.Relation] | None
    """
    return Member(
        id=MemberId(_pick(draw, id, _ids("m"))),
        household_id=HouseholdId(_pick(draw, household_id, _ids("h"))),
        relation=_pick(draw, relation, enums(Relation)),
        name=_pick(draw, name, _maybe(texts())),
        sex=_pick(draw, sex, _maybe(enums(Sex))),
        born_on=_pick(
            draw, born_on, _maybe(dates(min_value=datetime.date(1920, 1, 1), max_value=LAST_DAY))
        ),
        working_capacity=_pick(draw, working_capacity, _maybe(enums(WorkingCapacity))),
    )


@st.composite
def household_incomes(
    draw: st.DrawFn,
    *,
    household_id: Strategy[str] | None = None,
    year: Strategy[int] | None = None,
    per_capita: Strategy[Money] | None = None,
) -> HouseholdIncome:
    """A household's per-capita income for a year (never negative, whole fen)."""
    return HouseholdIncome(
        household_id=HouseholdId(_pick(draw, household_id, _ids("h"))),
        year=_pick(draw, year, years()),
        per_capita=_pick(draw, per_capita, money(max_yuan=60_000)),
    )


@st.composite
def monitoring_records(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    household_id: Strategy[str] | None = None,
    category: Strategy[RiskCategory] | None = None,
    identified_on: Strategy[datetime.date] | None = None,
    risk_eliminated_on: Strategy[datetime.date | None] | None = None,
) -> MonitoringRecord:
    """Spells of monitoring; the risk is never eliminated before it was identified.

    Pin only ``risk_eliminated_on`` and the identification is drawn on or
    before it; pin only ``identified_on`` and the elimination (or ``None``)
    is drawn on or after it.

    >>> import datetime
    >>> from hypothesis import find
    >>> day = datetime.date(2022, 3, 1)
    >>> record = find(monitoring_records(risk_eliminated_on=st.just(day)), lambda r: True)
    >>> record.identified_on <= day
    True
    """
    if risk_eliminated_on is not None and identified_on is None:
        end = draw(risk_eliminated_on)
        start = draw(_date_range(min(FIRST_DAY, end), end) if end is not None else dates())
    else:
        start = _pick(draw, identified_on, dates())
        end = _pick(draw, risk_eliminated_on, _maybe(_date_range(start, LAST_DAY)))
    return MonitoringRecord(
        id=MonitoringId(_pick(draw, id, _ids("s"))),
        household_id=HouseholdId(_pick(draw, household_id, _ids("h"))),
        category=_pick(draw, category, enums(RiskCategory)),
        identified_on=start,
        risk_eliminated_on=end,
    )


@st.composite
def water_supplies(
    draw: st.DrawFn,
    *,
    litres_per_person_per_day: Strategy[Decimal | int | None] | None = None,
    piped_into_home: Strategy[bool | None] | None = None,
    trip_minutes: Strategy[int | None] | None = None,
    horizontal_distance_m: Strategy[int | None] | None = None,
    vertical_distance_m: Strategy[int | None] | None = None,
    days_without_supply_per_year: Strategy[int | None] | None = None,
) -> WaterSupply:
    """What a survey found about drinking water; unknown facts are ``None``."""
    litres = st.integers(0, 20_000).map(lambda n: Decimal(n).scaleb(-1))
    return WaterSupply(
        litres_per_person_per_day=_pick(draw, litres_per_person_per_day, _maybe(litres)),
        piped_into_home=_pick(draw, piped_into_home, _maybe(st.booleans())),
        trip_minutes=_pick(draw, trip_minutes, _maybe(st.integers(0, 120))),
        horizontal_distance_m=_pick(draw, horizontal_distance_m, _maybe(st.integers(0, 2000))),
        vertical_distance_m=_pick(draw, vertical_distance_m, _maybe(st.integers(0, 500))),
        days_without_supply_per_year=_pick(
            draw, days_without_supply_per_year, _maybe(st.integers(0, 366))
        ),
    )


def _member_id_tuples() -> Strategy[tuple[str, ...] | None]:
    return _maybe(st.lists(_ids("m"), unique=True, max_size=4).map(tuple))


@st.composite
def guarantee_surveys(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    household_id: Strategy[str] | None = None,
    surveyed_on: Strategy[datetime.date] | None = None,
    food_and_clothing_assured: Strategy[bool | None] | None = None,
    out_of_school_member_ids: Strategy[Sequence[str] | None] | None = None,
    uninsured_member_ids: Strategy[Sequence[str] | None] | None = None,
    housing_grade: Strategy[HousingGrade | None] | None = None,
    water: Strategy[WaterSupply | None] | None = None,
) -> GuaranteeSurvey:
    """Guarantee surveys; the member-id lists hold distinct ids.

    To name members of a known household, pin the lists, e.g.
    ``uninsured_member_ids=st.lists(st.sampled_from(ids), unique=True)``.
    """

    def member_ids(given: Strategy[Sequence[str] | None] | None) -> tuple[MemberId, ...] | None:
        found = _pick(draw, given, _member_id_tuples())
        return None if found is None else tuple(MemberId(m) for m in found)

    return GuaranteeSurvey(
        id=SurveyId(_pick(draw, id, _ids("sv"))),
        household_id=HouseholdId(_pick(draw, household_id, _ids("h"))),
        surveyed_on=_pick(draw, surveyed_on, dates()),
        food_and_clothing_assured=_pick(draw, food_and_clothing_assured, _maybe(st.booleans())),
        out_of_school_member_ids=member_ids(out_of_school_member_ids),
        uninsured_member_ids=member_ids(uninsured_member_ids),
        housing_grade=_pick(draw, housing_grade, _maybe(enums(HousingGrade))),
        water=_pick(draw, water, _maybe(water_supplies())),
    )


@st.composite
def university_admissions(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    member_id: Strategy[str] | None = None,
    admitted_on: Strategy[datetime.date] | None = None,
) -> UniversityAdmission:
    """University admissions of household members."""
    return UniversityAdmission(
        id=AdmissionId(_pick(draw, id, _ids("ad"))),
        member_id=MemberId(_pick(draw, member_id, _ids("m"))),
        admitted_on=_pick(draw, admitted_on, dates()),
    )


# -- money --------------------------------------------------------------------


@st.composite
def funds(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    name: Strategy[str] | None = None,
    source: Strategy[FundSource] | None = None,
    amount: Strategy[Money] | None = None,
    received_on: Strategy[datetime.date] | None = None,
    provider: Strategy[str | None] | None = None,
) -> Fund:
    """Funds received (amounts in whole fen, never negative)."""
    return Fund(
        id=FundId(_pick(draw, id, _ids("f"))),
        name=_pick(draw, name, texts()),
        source=_pick(draw, source, enums(FundSource)),
        amount=_pick(draw, amount, money(max_yuan=1_000_000)),
        received_on=_pick(draw, received_on, dates()),
        provider=_pick(draw, provider, _maybe(texts())),
    )


_RECIPIENTS = ("village_id", "project_id", "household_id")


@st.composite
def allocations(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    fund_id: Strategy[str] | None = None,
    amount: Strategy[Money] | None = None,
    purpose: Strategy[FundPurpose] | None = None,
    allocated_on: Strategy[datetime.date] | None = None,
    village_id: Strategy[str] | None = None,
    project_id: Strategy[str] | None = None,
    household_id: Strategy[str] | None = None,
) -> Allocation:
    """Allocations of funds, each to exactly one recipient.

    The recipient is one of the recipient fields the caller pins (a village,
    a project or a household), or any of the three when none is pinned.

    >>> from hypothesis import find
    >>> a = find(allocations(household_id=st.just("h1")), lambda a: True)
    >>> (a.village_id, a.project_id, a.household_id)
    (None, None, 'h1')
    """
    pinned = {"village_id": village_id, "project_id": project_id, "household_id": household_id}
    defaults = {"village_id": _ids("v"), "project_id": _ids("p"), "household_id": _ids("h")}
    candidates = [name for name in _RECIPIENTS if pinned[name] is not None] or list(_RECIPIENTS)
    recipient = draw(st.sampled_from(candidates))
    chosen = _pick(draw, pinned[recipient], defaults[recipient])
    return Allocation(
        id=AllocationId(_pick(draw, id, _ids("al"))),
        fund_id=FundId(_pick(draw, fund_id, _ids("f"))),
        amount=_pick(draw, amount, money(max_yuan=1_000_000)),
        purpose=_pick(draw, purpose, enums(FundPurpose)),
        allocated_on=_pick(draw, allocated_on, dates()),
        village_id=VillageId(chosen) if recipient == "village_id" else None,
        project_id=ProjectId(chosen) if recipient == "project_id" else None,
        household_id=HouseholdId(chosen) if recipient == "household_id" else None,
    )


@st.composite
def collective_incomes(
    draw: st.DrawFn,
    *,
    village_id: Strategy[str] | None = None,
    year: Strategy[int] | None = None,
    amount: Strategy[Money] | None = None,
) -> CollectiveIncome:
    """A village's collective-economy income for a year."""
    return CollectiveIncome(
        village_id=VillageId(_pick(draw, village_id, _ids("v"))),
        year=_pick(draw, year, years()),
        amount=_pick(draw, amount, money(max_yuan=500_000)),
    )


# -- projects and events ------------------------------------------------------


@st.composite
def projects(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    village_id: Strategy[str] | None = None,
    kind: Strategy[ProjectKind] | None = None,
    quantity: Strategy[Quantity] | None = None,
    name: Strategy[str | None] | None = None,
    upgrade: Strategy[bool] | None = None,
    started_on: Strategy[datetime.date | None] | None = None,
    completed_on: Strategy[datetime.date | None] | None = None,
) -> Project:
    """Projects whose quantity is in their kind's unit.

    Pin ``quantity`` alone and the kind is one measured in its unit (or
    ``OTHER``); pin ``kind`` alone and the quantity is drawn in its unit.

    >>> from hypothesis import find
    >>> from villagemodel import ProjectKind, Unit
    >>> find(projects(kind=st.just(ProjectKind.GUARD_RAIL)), lambda p: True).quantity.unit
    <Unit.KILOMETRE: ('公里', 'km', 'km', False)>
    """
    if quantity is not None and kind is None:
        amount = draw(quantity)
        fitting = [k for k in ProjectKind if k.unit in (None, amount.unit)]
        chosen = draw(st.sampled_from(fitting))
    else:
        chosen = _pick(draw, kind, enums(ProjectKind))
        amount = _pick(draw, quantity, quantities(chosen.unit, max_amount=50))
    first, last = _ordered_dates(draw, started_on, completed_on)
    return Project(
        id=ProjectId(_pick(draw, id, _ids("p"))),
        village_id=VillageId(_pick(draw, village_id, _ids("v"))),
        kind=chosen,
        quantity=amount,
        name=_pick(draw, name, _maybe(texts())),
        upgrade=_pick(draw, upgrade, st.booleans()),
        started_on=first,
        completed_on=last,
    )


@st.composite
def activities(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    kind: Strategy[ActivityKind] | None = None,
    village_ids: Strategy[Sequence[str]] | None = None,
    held_on: Strategy[datetime.date] | None = None,
    attendance: Strategy[PersonTimes | None] | None = None,
    beneficiaries: Strategy[PersonCount | None] | None = None,
    title: Strategy[str | None] | None = None,
    organiser: Strategy[str | None] | None = None,
) -> Activity:
    """Activities held in one or more distinct villages; one of kind
    ``OTHER`` always has a title."""
    chosen = _pick(draw, kind, enums(ActivityKind))
    default_title: Strategy[str | None] = (
        texts() if chosen is ActivityKind.OTHER else _maybe(texts())
    )
    places = _pick(draw, village_ids, st.lists(_ids("v"), min_size=1, max_size=3, unique=True))
    return Activity(
        id=ActivityId(_pick(draw, id, _ids("a"))),
        kind=chosen,
        village_ids=tuple(VillageId(v) for v in places),
        held_on=_pick(draw, held_on, dates()),
        attendance=_pick(draw, attendance, _maybe(person_times(max_value=500))),
        beneficiaries=_pick(draw, beneficiaries, _maybe(person_counts(max_value=200))),
        title=_pick(draw, title, default_title),
        organiser=_pick(draw, organiser, _maybe(texts())),
    )


@st.composite
def meetings(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    branch_id: Strategy[str] | None = None,
    kind: Strategy[MeetingKind] | None = None,
    held_on: Strategy[datetime.date] | None = None,
    attendees: Strategy[PersonCount | None] | None = None,
    members_due: Strategy[PersonCount | None] | None = None,
    topic: Strategy[str | None] | None = None,
) -> Meeting:
    """Branch meetings; the attendees never outnumber the members due.

    Pin ``members_due`` alone and the attendees are drawn up to it; pin
    ``attendees`` alone and the members due are drawn from it upwards.
    """
    if attendees is not None and members_due is None:
        present = draw(attendees)
        low = present.value if present is not None else 0
        due = draw(_maybe(person_counts(min_value=low, max_value=low + 60)))
    else:
        due = _pick(draw, members_due, _maybe(person_counts(max_value=60)))
        high = due.value if due is not None else 60
        present = _pick(draw, attendees, _maybe(person_counts(max_value=high)))
    return Meeting(
        id=MeetingId(_pick(draw, id, _ids("g"))),
        branch_id=BranchId(_pick(draw, branch_id, _ids("b"))),
        kind=_pick(draw, kind, enums(MeetingKind)),
        held_on=_pick(draw, held_on, dates()),
        attendees=present,
        members_due=due,
        topic=_pick(draw, topic, _maybe(texts())),
    )


@st.composite
def awards(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    village_id: Strategy[str] | None = None,
    kind: Strategy[AwardKind] | None = None,
    name: Strategy[str] | None = None,
    year: Strategy[int] | None = None,
    competition: Strategy[str | None] | None = None,
    conferred_by: Strategy[str | None] | None = None,
) -> Award:
    """Flags and designations won by villages."""
    return Award(
        id=AwardId(_pick(draw, id, _ids("w"))),
        village_id=VillageId(_pick(draw, village_id, _ids("v"))),
        kind=_pick(draw, kind, enums(AwardKind)),
        name=_pick(draw, name, texts()),
        year=_pick(draw, year, years()),
        competition=_pick(draw, competition, _maybe(texts())),
        conferred_by=_pick(draw, conferred_by, _maybe(texts())),
    )


@st.composite
def dispute_mediations(
    draw: st.DrawFn,
    *,
    id: Strategy[str] | None = None,
    village_id: Strategy[str] | None = None,
    mediated_on: Strategy[datetime.date] | None = None,
    resolved: Strategy[bool | None] | None = None,
    summary: Strategy[str | None] | None = None,
) -> DisputeMediation:
    """Disputes mediated in villages."""
    return DisputeMediation(
        id=DisputeId(_pick(draw, id, _ids("d"))),
        village_id=VillageId(_pick(draw, village_id, _ids("v"))),
        mediated_on=_pick(draw, mediated_on, dates()),
        resolved=_pick(draw, resolved, _maybe(st.booleans())),
        summary=_pick(draw, summary, _maybe(texts())),
    )


# -- registration -------------------------------------------------------------


def type_strategies() -> dict[type, st.SearchStrategy[Any]]:
    """The strategy for each public type, as the Hypothesis entry point
    registers them for :func:`hypothesis.strategies.from_type`.

    >>> import villagemodel
    >>> villagemodel.Household in type_strategies()
    True
    """
    found: dict[type, st.SearchStrategy[Any]] = {
        Money: money(),
        Percentage: percentages(),
        PercentagePoints: percentage_points(),
        Quantity: quantities(),
        Period: periods(),
        Rate: rates(),
        Count: counts(),
        PersonCount: person_counts(),
        HouseholdCount: household_counts(),
        PersonTimes: person_times(),
        Problem: problems(),
        PovertyStatus: poverty_statuses(),
        OperatingModel: operating_models(),
        Region: regions(),
        City: cities(),
        County: counties(),
        Township: townships(),
        Village: villages(),
        Hamlet: hamlets(),
        GridWorker: grid_workers(),
        PartyBranch: party_branches(),
        BranchRating: branch_ratings(),
        PartyMember: party_members(),
        Cadre: cadres(),
        SupportingUnit: supporting_units(),
        WorkTeam: work_teams(),
        FirstSecretary: first_secretaries(),
        Industry: industries(),
        Household: households(),
        Member: household_members(),
        HouseholdIncome: household_incomes(),
        MonitoringRecord: monitoring_records(),
        WaterSupply: water_supplies(),
        GuaranteeSurvey: guarantee_surveys(),
        UniversityAdmission: university_admissions(),
        Fund: funds(),
        Allocation: allocations(),
        CollectiveIncome: collective_incomes(),
        Project: projects(),
        Activity: activities(),
        Meeting: meetings(),
        Award: awards(),
        DisputeMediation: dispute_mediations(),
        Dataset: datasets(),
        Unit: enums(Unit),
        LabelledEnum: labelled_enums(),
    }
    for kind in _LABELLED_ENUMS:
        found[kind] = enums(kind)
    return found
