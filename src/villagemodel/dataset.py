"""A :class:`Dataset`: every record of a county, or of any set of villages.

A dataset holds one tuple of records per kind (villages, households,
funds, ...). Records refer to each other by id. Building a dataset checks the
whole of it at once, and either gives a dataset in which

* every id is unique within its kind (and every composite key, such as a
  household's income for a year, is unique),
* every reference resolves (a hamlet's village exists, an allocation's fund
  exists, ...), and
* the cross-record rules hold (a hamlet given for a household lies in the
  household's village; a fund's allocations do not exceed it; ...),

or raises :class:`~villagemodel.errors.DatasetValidationError` listing *every*
problem found. :meth:`Dataset.check` returns the same list without raising.

The lookups the rules need (a village's households, a household's members, a
village's income for a year, ...) are answered from indexes built once, on
first use, in time linear in the size of the dataset.

>>> from villagemodel.ids import CityId, CountyId, RegionId, TownshipId, VillageId, HamletId
>>> from villagemodel.places import RegionKind, TownshipKind
>>> ds = Dataset(
...     regions=[Region(id=RegionId("gx"), name="广西壮族自治区", kind=RegionKind.AUTONOMOUS_REGION)],
...     cities=[City(id=CityId("bs"), name="百色市", region_id=RegionId("gx"))],
...     counties=[County(id=CountyId("ly"), name="凌云县", city_id=CityId("bs"))],
...     townships=[Township(id=TownshipId("sc"), name="泗城镇", county_id=CountyId("ly"),
...                         kind=TownshipKind.TOWN)],
...     villages=[Village(id=VillageId("ym"), name="腰马村", township_id=TownshipId("sc"))],
...     hamlets=[Hamlet(id=HamletId("jy"), name="九优屯", village_id=VillageId("ym"))],
... )
>>> [h.name for h in ds.hamlets_in(VillageId("ym"))]
['九优屯']
>>> Dataset(hamlets=[Hamlet(id=HamletId("jy"), name="九优屯", village_id=VillageId("nowhere"))])
Traceback (most recent call last):
...
villagemodel.errors.DatasetValidationError: 1 problem in the dataset:
  hamlets[0].village_id: no village has this id (got 'nowhere')
"""

from __future__ import annotations

import datetime
import operator
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import Any, Final, TypeVar

import attrs

from villagemodel.activities import Activity, Award, AwardKind, DisputeMediation, Meeting
from villagemodel.errors import DatasetValidationError, Problem, UnknownReferenceError
from villagemodel.finance import Allocation, CollectiveIncome, Fund
from villagemodel.households import (
    GuaranteeSurvey,
    Household,
    HouseholdIncome,
    Member,
    MonitoringRecord,
    PovertyHistory,
    PovertyStatus,
    PovertyStatusKind,
    RiskCategory,
    UniversityAdmission,
)
from villagemodel.ids import (
    BranchId,
    CityId,
    CountyId,
    FundId,
    HamletId,
    HouseholdId,
    RegionId,
    SupportingUnitId,
    TownshipId,
    VillageId,
)
from villagemodel.industry import Industry
from villagemodel.money import Money
from villagemodel.party import (
    BranchRating,
    Cadre,
    FirstSecretary,
    PartyBranch,
    PartyMember,
    StarRating,
    SupportingUnit,
    WorkTeam,
)
from villagemodel.places import City, County, GridWorker, Hamlet, Region, Township, Village
from villagemodel.projects import Project

__all__ = ["TABLES", "Dataset", "Table"]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class Table:
    """How one kind of record sits in a :class:`Dataset`.

    ``name`` is the dataset field (``"households"``), ``record`` the class,
    ``key`` what must be unique (the id, or a composite such as household and
    year) and ``references`` the fields that name records of other tables.
    """

    name: str
    record: type[Any]
    singular: str
    key_fields: tuple[str, ...] = ("id",)
    references: tuple[tuple[str, str], ...] = ()

    key: Callable[[Any], Hashable] = attrs.field(init=False, repr=False, eq=False)

    @key.default
    def _key_getter(self) -> Callable[[Any], Hashable]:
        """The record's key: its id, or the tuple of its key fields."""
        return operator.attrgetter(*self.key_fields)


TABLES: Final[tuple[Table, ...]] = (
    Table(name="regions", record=Region, singular="region"),
    Table(name="cities", record=City, singular="city", references=(("region_id", "regions"),)),
    Table(name="counties", record=County, singular="county", references=(("city_id", "cities"),)),
    Table(
        name="townships",
        record=Township,
        singular="township",
        references=(("county_id", "counties"),),
    ),
    Table(
        name="villages",
        record=Village,
        singular="village",
        references=(("township_id", "townships"),),
    ),
    Table(
        name="hamlets", record=Hamlet, singular="hamlet", references=(("village_id", "villages"),)
    ),
    Table(
        name="grid_workers",
        record=GridWorker,
        singular="grid worker",
        references=(("hamlet_id", "hamlets"),),
    ),
    Table(name="supporting_units", record=SupportingUnit, singular="supporting unit"),
    Table(
        name="work_teams",
        record=WorkTeam,
        singular="work team",
        references=(("unit_id", "supporting_units"), ("village_id", "villages")),
    ),
    Table(
        name="first_secretaries",
        record=FirstSecretary,
        singular="first secretary",
        references=(
            ("unit_id", "supporting_units"),
            ("village_id", "villages"),
            ("work_team_id", "work_teams"),
        ),
    ),
    Table(
        name="branches",
        record=PartyBranch,
        singular="Party branch",
        references=(("village_id", "villages"),),
    ),
    Table(
        name="branch_ratings",
        record=BranchRating,
        singular="branch rating",
        key_fields=("branch_id", "year"),
        references=(("branch_id", "branches"),),
    ),
    Table(
        name="households",
        record=Household,
        singular="household",
        references=(("village_id", "villages"), ("hamlet_id", "hamlets")),
    ),
    Table(
        name="members",
        record=Member,
        singular="household member",
        references=(("household_id", "households"),),
    ),
    Table(
        name="party_members",
        record=PartyMember,
        singular="Party member",
        references=(("branch_id", "branches"), ("person_id", "members")),
    ),
    Table(
        name="cadres",
        record=Cadre,
        singular="cadre",
        references=(("village_id", "villages"), ("party_member_id", "party_members")),
    ),
    Table(
        name="industries",
        record=Industry,
        singular="industry",
        references=(("village_id", "villages"),),
    ),
    Table(
        name="incomes",
        record=HouseholdIncome,
        singular="household income",
        key_fields=("household_id", "year"),
        references=(("household_id", "households"),),
    ),
    Table(
        name="monitoring",
        record=MonitoringRecord,
        singular="monitoring record",
        references=(("household_id", "households"),),
    ),
    Table(
        name="surveys",
        record=GuaranteeSurvey,
        singular="guarantee survey",
        references=(
            ("household_id", "households"),
            ("out_of_school_member_ids", "members"),
            ("uninsured_member_ids", "members"),
        ),
    ),
    Table(
        name="admissions",
        record=UniversityAdmission,
        singular="university admission",
        references=(("member_id", "members"),),
    ),
    Table(
        name="collective_incomes",
        record=CollectiveIncome,
        singular="collective income",
        key_fields=("village_id", "year"),
        references=(("village_id", "villages"),),
    ),
    Table(
        name="projects",
        record=Project,
        singular="project",
        references=(("village_id", "villages"),),
    ),
    Table(name="funds", record=Fund, singular="fund"),
    Table(
        name="allocations",
        record=Allocation,
        singular="allocation",
        references=(
            ("fund_id", "funds"),
            ("village_id", "villages"),
            ("project_id", "projects"),
            ("household_id", "households"),
        ),
    ),
    Table(
        name="activities",
        record=Activity,
        singular="activity",
        references=(("village_ids", "villages"),),
    ),
    Table(
        name="meetings",
        record=Meeting,
        singular="meeting",
        references=(("branch_id", "branches"),),
    ),
    Table(name="awards", record=Award, singular="award", references=(("village_id", "villages"),)),
    Table(
        name="disputes",
        record=DisputeMediation,
        singular="mediated dispute",
        references=(("village_id", "villages"),),
    ),
)
"""Every kind of record a dataset holds, in an order where each table refers
only to tables before it (except optional links).

:meta hide-value:
"""

_TABLE_BY_NAME: Final = {table.name: table for table in TABLES}


def _records(value: Iterable[Any]) -> tuple[Any, ...]:
    """Converter: any iterable of records (a list, a tuple, a generator)
    becomes a tuple. A str, a mapping or a non-iterable is kept as given,
    and validation lists it as a problem with the others."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        return value  # type: ignore[return-value]  # refused in validation
    return tuple(value)


@attrs.frozen(kw_only=True, eq=True)
class Dataset:
    """One county's data, or any set of villages: every kind of record, checked.

    Pass each kind of record as a list, tuple or other iterable (all
    optional); each is stored as a tuple. Construction
    raises :class:`~villagemodel.errors.DatasetValidationError` listing every
    problem when the records do not form a valid dataset. ``name`` is a label
    for display.
    """

    name: str | None = attrs.field(default=None)
    regions: tuple[Region, ...] = attrs.field(factory=tuple, converter=_records)
    cities: tuple[City, ...] = attrs.field(factory=tuple, converter=_records)
    counties: tuple[County, ...] = attrs.field(factory=tuple, converter=_records)
    townships: tuple[Township, ...] = attrs.field(factory=tuple, converter=_records)
    villages: tuple[Village, ...] = attrs.field(factory=tuple, converter=_records)
    hamlets: tuple[Hamlet, ...] = attrs.field(factory=tuple, converter=_records)
    grid_workers: tuple[GridWorker, ...] = attrs.field(factory=tuple, converter=_records)
    supporting_units: tuple[SupportingUnit, ...] = attrs.field(factory=tuple, converter=_records)
    work_teams: tuple[WorkTeam, ...] = attrs.field(factory=tuple, converter=_records)
    first_secretaries: tuple[FirstSecretary, ...] = attrs.field(factory=tuple, converter=_records)
    branches: tuple[PartyBranch, ...] = attrs.field(factory=tuple, converter=_records)
    branch_ratings: tuple[BranchRating, ...] = attrs.field(factory=tuple, converter=_records)
    households: tuple[Household, ...] = attrs.field(factory=tuple, converter=_records)
    members: tuple[Member, ...] = attrs.field(factory=tuple, converter=_records)
    party_members: tuple[PartyMember, ...] = attrs.field(factory=tuple, converter=_records)
    cadres: tuple[Cadre, ...] = attrs.field(factory=tuple, converter=_records)
    industries: tuple[Industry, ...] = attrs.field(factory=tuple, converter=_records)
    incomes: tuple[HouseholdIncome, ...] = attrs.field(factory=tuple, converter=_records)
    monitoring: tuple[MonitoringRecord, ...] = attrs.field(factory=tuple, converter=_records)
    surveys: tuple[GuaranteeSurvey, ...] = attrs.field(factory=tuple, converter=_records)
    admissions: tuple[UniversityAdmission, ...] = attrs.field(factory=tuple, converter=_records)
    collective_incomes: tuple[CollectiveIncome, ...] = attrs.field(
        factory=tuple, converter=_records
    )
    projects: tuple[Project, ...] = attrs.field(factory=tuple, converter=_records)
    funds: tuple[Fund, ...] = attrs.field(factory=tuple, converter=_records)
    allocations: tuple[Allocation, ...] = attrs.field(factory=tuple, converter=_records)
    activities: tuple[Activity, ...] = attrs.field(factory=tuple, converter=_records)
    meetings: tuple[Meeting, ...] = attrs.field(factory=tuple, converter=_records)
    awards: tuple[Award, ...] = attrs.field(factory=tuple, converter=_records)
    disputes: tuple[DisputeMediation, ...] = attrs.field(factory=tuple, converter=_records)
    _index: dict[str, Any] = attrs.field(init=False, factory=dict, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        problems, keyed = _validate(self)
        if problems:
            raise DatasetValidationError(problems)
        self._index.update(keyed)

    def __repr__(self) -> str:
        sizes = ", ".join(
            f"{table.name}={len(getattr(self, table.name))}"
            for table in TABLES
            if getattr(self, table.name)
        )
        label = f"{self.name!r}, " if self.name else ""
        return f"Dataset({label}{sizes})"

    # -- construction -----------------------------------------------------
    @classmethod
    def check(cls, **tables: Iterable[Any]) -> tuple[Problem, ...]:
        """Every problem the given records would raise, without raising.

        Takes the same keyword arguments as the constructor; an empty tuple
        means a dataset can be built from them.
        """
        unknown = sorted(set(tables) - set(_TABLE_BY_NAME) - {"name"})
        if unknown:
            return tuple(
                Problem(path=name, value=name, message="unknown table") for name in unknown
            )
        try:
            cls(**tables)  # type: ignore[arg-type]
        except DatasetValidationError as error:
            return tuple(error.problems)
        return ()

    def merge(self, other: Dataset) -> Dataset:
        """A new dataset with the records of both, checked as a whole.

        Raises :class:`~villagemodel.errors.DatasetValidationError` when the
        two share ids or the union breaks a rule.
        """
        tables = {
            table.name: getattr(self, table.name) + getattr(other, table.name) for table in TABLES
        }
        return Dataset(name=self.name, **tables)

    def tables(self) -> Mapping[str, tuple[Any, ...]]:
        """Every table by name, in dependency order."""
        return {table.name: getattr(self, table.name) for table in TABLES}

    # -- generic lookups --------------------------------------------------
    def _get(self, table: str, key: Hashable) -> Any:
        found = self._index[table].get(key)
        if found is None:
            raise UnknownReferenceError(_TABLE_BY_NAME[table].singular, key)
        return found

    def _children(self, table: str, field: str, parent: Hashable) -> tuple[Any, ...]:
        cache_key = f"{table}.{field}"
        groups = self._index.get(cache_key)
        if groups is None:
            grouped: defaultdict[Hashable, list[Any]] = defaultdict(list)
            for record in getattr(self, table):
                grouped[getattr(record, field)].append(record)
            groups = {key: tuple(records) for key, records in grouped.items()}
            self._index[cache_key] = groups
        result: tuple[Any, ...] = groups.get(parent, ())
        return result

    # -- places -----------------------------------------------------------
    def village(self, village_id: VillageId) -> Village:
        """The village with this id; :class:`~villagemodel.errors.UnknownReferenceError` if none."""
        result: Village = self._get("villages", village_id)
        return result

    def township(self, township_id: TownshipId) -> Township:
        result: Township = self._get("townships", township_id)
        return result

    def county(self, county_id: CountyId) -> County:
        result: County = self._get("counties", county_id)
        return result

    def city(self, city_id: CityId) -> City:
        result: City = self._get("cities", city_id)
        return result

    def region(self, region_id: RegionId) -> Region:
        result: Region = self._get("regions", region_id)
        return result

    def villages_in(self, township_id: TownshipId) -> tuple[Village, ...]:
        """The villages of a township, in dataset order."""
        self.township(township_id)
        return self._children("villages", "township_id", township_id)

    def townships_in(self, county_id: CountyId) -> tuple[Township, ...]:
        self.county(county_id)
        return self._children("townships", "county_id", county_id)

    def township_of(self, village_id: VillageId) -> Township:
        return self.township(self.village(village_id).township_id)

    def hamlets_in(self, village_id: VillageId) -> tuple[Hamlet, ...]:
        self.village(village_id)
        return self._children("hamlets", "village_id", village_id)

    # -- Party --------------------------------------------------------------
    def branch(self, branch_id: BranchId) -> PartyBranch:
        result: PartyBranch = self._get("branches", branch_id)
        return result

    def branches_of(self, village_id: VillageId) -> tuple[PartyBranch, ...]:
        self.village(village_id)
        return self._children("branches", "village_id", village_id)

    def rating(self, branch_id: BranchId, year: int) -> StarRating | None:
        """The branch's star rating for ``year``, or ``None`` when the
        dataset holds no rating for that year (which is not "unrated")."""
        self.branch(branch_id)
        record: BranchRating | None = self._index["branch_ratings"].get((branch_id, year))
        return None if record is None else record.rating

    def ratings_of(self, branch_id: BranchId) -> tuple[BranchRating, ...]:
        """The branch's ratings, oldest year first."""
        self.branch(branch_id)
        found = self._children("branch_ratings", "branch_id", branch_id)
        return tuple(sorted(found, key=lambda rating: rating.year))

    def supporting_unit(self, unit_id: SupportingUnitId) -> SupportingUnit:
        result: SupportingUnit = self._get("supporting_units", unit_id)
        return result

    def work_teams_in(self, village_id: VillageId) -> tuple[WorkTeam, ...]:
        self.village(village_id)
        return self._children("work_teams", "village_id", village_id)

    def first_secretaries_of(self, village_id: VillageId) -> tuple[FirstSecretary, ...]:
        self.village(village_id)
        return self._children("first_secretaries", "village_id", village_id)

    def meetings_of(self, branch_id: BranchId) -> tuple[Meeting, ...]:
        self.branch(branch_id)
        return self._children("meetings", "branch_id", branch_id)

    def party_members_of(self, branch_id: BranchId) -> tuple[PartyMember, ...]:
        self.branch(branch_id)
        return self._children("party_members", "branch_id", branch_id)

    def cadres_of(self, village_id: VillageId) -> tuple[Cadre, ...]:
        self.village(village_id)
        return self._children("cadres", "village_id", village_id)

    # -- households ---------------------------------------------------------
    def household(self, household_id: HouseholdId) -> Household:
        result: Household = self._get("households", household_id)
        return result

    def households_in(self, village_id: VillageId) -> tuple[Household, ...]:
        self.village(village_id)
        return self._children("households", "village_id", village_id)

    def households_in_hamlet(self, hamlet_id: HamletId) -> tuple[Household, ...]:
        self._get("hamlets", hamlet_id)
        return self._children("households", "hamlet_id", hamlet_id)

    def members_of(self, household_id: HouseholdId) -> tuple[Member, ...]:
        self.household(household_id)
        return self._children("members", "household_id", household_id)

    def income(self, household_id: HouseholdId, year: int) -> Money | None:
        """The household's per-capita disposable income for ``year``, or ``None``."""
        self.household(household_id)
        record: HouseholdIncome | None = self._index["incomes"].get((household_id, year))
        return None if record is None else record.per_capita

    def monitoring_of(self, household_id: HouseholdId) -> tuple[MonitoringRecord, ...]:
        """The household's monitoring spells, in dataset order."""
        self.household(household_id)
        return self._children("monitoring", "household_id", household_id)

    def surveys_of(self, household_id: HouseholdId) -> tuple[GuaranteeSurvey, ...]:
        self.household(household_id)
        return self._children("surveys", "household_id", household_id)

    def poverty_status(self, household_id: HouseholdId, on: datetime.date) -> PovertyStatus:
        """The household's status on a day: monitored (with its category) if a
        monitoring spell is open that day, else formerly poor or neither.

        Spells of one household never overlap (the dataset checks this), so
        at most one is open on any day.
        """
        for record in self.monitoring_of(household_id):
            if record.is_open_on(on):
                return PovertyStatus(kind=PovertyStatusKind.MONITORED, category=record.category)
        if self.household(household_id).history is PovertyHistory.FORMERLY_POOR:
            return PovertyStatus(kind=PovertyStatusKind.FORMERLY_POOR)
        return PovertyStatus(kind=PovertyStatusKind.NEITHER)

    # -- economy ------------------------------------------------------------
    def collective_income(self, village_id: VillageId, year: int) -> Money | None:
        """The village's collective-economy income for ``year``, or ``None``."""
        self.village(village_id)
        record: CollectiveIncome | None = self._index["collective_incomes"].get((village_id, year))
        return None if record is None else record.amount

    def collective_incomes_of(self, village_id: VillageId) -> tuple[CollectiveIncome, ...]:
        """The village's collective-economy income records, oldest year first."""
        self.village(village_id)
        found = self._children("collective_incomes", "village_id", village_id)
        return tuple(sorted(found, key=lambda income: income.year))

    def industries_of(self, village_id: VillageId) -> tuple[Industry, ...]:
        self.village(village_id)
        return self._children("industries", "village_id", village_id)

    def fund(self, fund_id: FundId) -> Fund:
        result: Fund = self._get("funds", fund_id)
        return result

    def allocations_of(self, fund_id: FundId) -> tuple[Allocation, ...]:
        self.fund(fund_id)
        return self._children("allocations", "fund_id", fund_id)

    def allocations_to(self, village_id: VillageId) -> tuple[Allocation, ...]:
        """Allocations whose recipient is the village itself (not its
        projects or households)."""
        self.village(village_id)
        return self._children("allocations", "village_id", village_id)

    def projects_in(self, village_id: VillageId) -> tuple[Project, ...]:
        self.village(village_id)
        return self._children("projects", "village_id", village_id)

    # -- events -------------------------------------------------------------
    def activities_in(self, village_id: VillageId) -> tuple[Activity, ...]:
        """Activities held in the village (alone or with others)."""
        self.village(village_id)
        key = "activities.by_village"
        groups = self._index.get(key)
        if groups is None:
            grouped: defaultdict[str, list[Activity]] = defaultdict(list)
            for activity in self.activities:
                for vid in activity.village_ids:
                    grouped[vid].append(activity)
            groups = {vid: tuple(items) for vid, items in grouped.items()}
            self._index[key] = groups
        result: tuple[Activity, ...] = groups.get(village_id, ())
        return result

    def awards_of(self, village_id: VillageId) -> tuple[Award, ...]:
        self.village(village_id)
        return self._children("awards", "village_id", village_id)

    def disputes_in(self, village_id: VillageId) -> tuple[DisputeMediation, ...]:
        self.village(village_id)
        return self._children("disputes", "village_id", village_id)


# -- validation ---------------------------------------------------------------


def _validate(dataset: Dataset) -> tuple[list[Problem], dict[str, dict[Hashable, Any]]]:
    """Check the whole dataset; return every problem and the key indexes."""
    problems: list[Problem] = []
    keyed: dict[str, dict[Hashable, Any]] = {}
    valid_rows: dict[str, Iterable[tuple[int, Any]]] = {}
    if dataset.name is not None and not isinstance(dataset.name, str):
        problems.append(Problem(path="name", value=dataset.name, message="must be a str"))
    for table in TABLES:
        keyed[table.name], valid_rows[table.name] = _index_table(
            table, getattr(dataset, table.name), problems
        )
    for table in TABLES:
        for field, target in table.references:
            problems.extend(_unresolved(table, field, target, valid_rows[table.name], keyed))
    for check in _CROSS_CHECKS:
        problems.extend(check(keyed, valid_rows))
    return problems, keyed


def _index_table(
    table: Table, rows: object, problems: list[Problem]
) -> tuple[dict[Hashable, Any], Iterable[tuple[int, Any]]]:
    """Index one table by its key, adding its type and duplicate problems.

    Returns the index and the rows that passed, with their positions.
    """
    index: dict[Hashable, Any] = {}
    if not isinstance(rows, tuple):
        problems.append(
            Problem(path=table.name, value=rows, message="expected a list or tuple of records")
        )
        return index, _Rows((), set())
    kind = table.record
    get_key = table.key
    bad: set[int] = set()
    first: dict[Hashable, int] = {}
    for i, record in enumerate(rows):
        if type(record) is not kind:
            problems.append(
                Problem(
                    path=f"{table.name}[{i}]",
                    value=record,
                    message=f"expected a {kind.__name__}, not {type(record).__name__}",
                )
            )
            bad.add(i)
            continue
        key = get_key(record)
        if key in index:
            problems.append(_duplicate(table, i, key, first[key]))
            bad.add(i)
            continue
        index[key] = record
        first[key] = i
    return index, _Rows(rows, bad)


class _Rows(Iterable[tuple[int, Any]]):
    """The valid rows of a table with their positions, re-iterable, without copying."""

    def __init__(self, rows: tuple[Any, ...], skip: set[int]) -> None:
        self._rows = rows
        self._skip = skip

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        if not self._skip:
            return enumerate(self._rows)
        return ((i, row) for i, row in enumerate(self._rows) if i not in self._skip)


def _duplicate(table: Table, i: int, key: Hashable, first: int) -> Problem:
    label = table.key_fields[0] if len(table.key_fields) == 1 else "key"
    what = "id" if label == "id" else f"({', '.join(table.key_fields)})"
    return Problem(
        path=f"{table.name}[{i}].{label}",
        value=key,
        message=f"duplicate {what}; first used by {table.name}[{first}]",
    )


def _unresolved(
    table: Table,
    field: str,
    target: str,
    rows: Iterable[tuple[int, Any]],
    keyed: Mapping[str, Mapping[Hashable, Any]],
) -> Iterable[Problem]:
    """Problems for the references in ``table.field`` that name no record of ``target``."""
    target_index = keyed[target]
    message = f"no {_TABLE_BY_NAME[target].singular} has this id"
    get = operator.attrgetter(field)
    for i, record in rows:
        value = get(record)
        if value is None or value in target_index:
            continue
        if isinstance(value, tuple):
            for j, item in enumerate(value):
                if item not in target_index:
                    yield Problem(
                        path=f"{table.name}[{i}].{field}[{j}]", value=item, message=message
                    )
        else:
            yield Problem(path=f"{table.name}[{i}].{field}", value=value, message=message)


Rows = Mapping[str, Iterable[tuple[int, Any]]]
Keyed = Mapping[str, Mapping[Hashable, Any]]


def _hamlet_in_village(keyed: Keyed, rows: Rows) -> Iterable[Problem]:
    hamlets = keyed["hamlets"]
    for i, household in rows["households"]:
        hamlet = hamlets.get(household.hamlet_id)
        if hamlet is not None and hamlet.village_id != household.village_id:
            yield Problem(
                path=f"households[{i}].hamlet_id",
                value=household.hamlet_id,
                message=f"the hamlet lies in village {hamlet.village_id!r}, "
                f"not in the household's village {household.village_id!r}",
            )


_CATEGORY_NEEDS: Final = {
    RiskCategory.UNSTABLE_FORMERLY_POOR: PovertyHistory.FORMERLY_POOR,
    RiskCategory.MARGINAL: PovertyHistory.NEVER_REGISTERED,
}


def _monitoring_fits_household(keyed: Keyed, rows: Rows) -> Iterable[Problem]:
    households = keyed["households"]
    spells: defaultdict[str, list[tuple[int, MonitoringRecord]]] = defaultdict(list)
    for i, record in rows["monitoring"]:
        household = households.get(record.household_id)
        if household is None:
            continue
        spells[record.household_id].append((i, record))
        needed = _CATEGORY_NEEDS.get(record.category)
        if needed is not None and household.history is not needed:
            yield Problem(
                path=f"monitoring[{i}].category",
                value=record.category.value,
                message=f"{record.category.en} applies only to households whose history is "
                f"{needed.value!r}; household {household.id!r} is {household.history.value!r}",
            )
    for items in spells.values():
        yield from _overlapping_spells(items)


def _overlapping_spells(items: list[tuple[int, MonitoringRecord]]) -> Iterable[Problem]:
    """Spells of one household that overlap an earlier-starting spell.

    A spell covers the days from ``identified_on`` up to, not including,
    ``risk_eliminated_on`` (or for ever), so a spell identified and
    eliminated on the same day covers no day and overlaps nothing. Spells
    are swept in a fixed order (start, end, id), so the result does not
    depend on the order of the records.
    """
    never = datetime.date.max

    def end_of(record: MonitoringRecord) -> datetime.date:
        return record.risk_eliminated_on or never

    ordered = sorted(items, key=lambda pair: (pair[1].identified_on, end_of(pair[1]), pair[1].id))
    longest: MonitoringRecord | None = None
    for j, spell in ordered:
        if spell.identified_on == end_of(spell):
            continue
        if longest is not None and spell.identified_on < end_of(longest):
            yield Problem(
                path=f"monitoring[{j}].identified_on",
                value=spell.identified_on,
                message=f"overlaps monitoring record {longest.id!r} of the same household",
            )
        if longest is None or end_of(spell) > end_of(longest):
            longest = spell


def _survey_members_in_household(keyed: Keyed, rows: Rows) -> Iterable[Problem]:
    members = keyed["members"]
    for i, survey in rows["surveys"]:
        for field in ("out_of_school_member_ids", "uninsured_member_ids"):
            for j, member_id in enumerate(getattr(survey, field) or ()):
                member = members.get(member_id)
                if member is not None and member.household_id != survey.household_id:
                    yield Problem(
                        path=f"surveys[{i}].{field}[{j}]",
                        value=member_id,
                        message=f"is a member of household {member.household_id!r}, "
                        f"not of the surveyed household {survey.household_id!r}",
                    )


def _allocations_within_funds(keyed: Keyed, rows: Rows) -> Iterable[Problem]:
    funds = keyed["funds"]
    allocated: defaultdict[str, Money] = defaultdict(Money.zero)
    last: dict[str, int] = {}
    for i, allocation in rows["allocations"]:
        fund = funds.get(allocation.fund_id)
        if fund is None:
            continue
        if allocation.allocated_on < fund.received_on:
            yield Problem(
                path=f"allocations[{i}].allocated_on",
                value=allocation.allocated_on,
                message=f"before fund {fund.id!r} was received on {fund.received_on.isoformat()}",
            )
        allocated[fund.id] += allocation.amount
        last[fund.id] = i
    for fund_id, total in allocated.items():
        fund = funds[fund_id]
        if total > fund.amount:
            yield Problem(
                path=f"allocations[{last[fund_id]}].amount",
                value=total,
                message=f"allocations of fund {fund_id!r} total {total.format_en()}, "
                f"more than its {fund.amount.format_en()}",
            )


def _cadre_branch_in_village(keyed: Keyed, rows: Rows) -> Iterable[Problem]:
    party_members = keyed["party_members"]
    branches = keyed["branches"]
    for i, cadre in rows["cadres"]:
        member = party_members.get(cadre.party_member_id)
        if member is None:
            continue
        branch = branches.get(member.branch_id)
        if branch is not None and branch.village_id != cadre.village_id:
            yield Problem(
                path=f"cadres[{i}].party_member_id",
                value=cadre.party_member_id,
                message=f"belongs to a branch of village {branch.village_id!r}, "
                f"not of the cadre's village {cadre.village_id!r}",
            )


def _secretary_team_in_village(keyed: Keyed, rows: Rows) -> Iterable[Problem]:
    teams = keyed["work_teams"]
    for i, secretary in rows["first_secretaries"]:
        team = teams.get(secretary.work_team_id)
        if team is not None and team.village_id != secretary.village_id:
            yield Problem(
                path=f"first_secretaries[{i}].work_team_id",
                value=secretary.work_team_id,
                message=f"the work team serves village {team.village_id!r}, "
                f"not {secretary.village_id!r}",
            )


def _flag_once_a_year(keyed: Keyed, rows: Rows) -> Iterable[Problem]:
    seen: dict[tuple[str, str | None, str, int], int] = {}
    for i, award in rows["awards"]:
        if award.kind is not AwardKind.FLAG:
            continue
        key = (award.village_id, award.competition, award.name, award.year)
        if key in seen:
            yield Problem(
                path=f"awards[{i}]",
                value=award.id,
                message=f"village {award.village_id!r} already won flag {award.name!r} "
                f"in {award.year} (awards[{seen[key]}]); a flag is won at most once a year",
            )
        else:
            seen[key] = i


_CROSS_CHECKS: Final[tuple[Callable[[Keyed, Rows], Iterable[Problem]], ...]] = (
    _hamlet_in_village,
    _monitoring_fits_household,
    _survey_members_in_household,
    _allocations_within_funds,
    _cadre_branch_in_village,
    _secretary_team_in_village,
    _flag_once_a_year,
)
