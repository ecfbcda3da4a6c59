"""A SYNTHETIC micro dataset of the six villages, consistent with the report.

``lingyun-2022`` holds only what the source report states about single
records: the places, branches, work teams, industries, 陶化村's collective
income and a few more. The report's other figures are group totals ("6个村已
消除风险的监测户共35户150人"), and a county analyst computes such totals from
micro records: households and their members, incomes, monitoring spells,
surveys, funds, projects, activities. This module builds such records.

**Everything it adds is invented.** The households, people, incomes,
amounts, dates, hamlets (other than 九优屯), cadres, projects and events are
made up by a seeded random generator, so that computing the report's
figures with :mod:`villagemodel.metrics` from these records gives back every
figure the report gives for the six villages. They describe no real household or person; people
have no names. The records it starts from are those of ``lingyun-2022``,
unchanged.

Choices the report leaves open, made here and stated:

* the five flags' names are not known: the flags are named ``红旗1`` to
  ``红旗5``, placeholders for the real names;
* "600余盏" is any number from 601 to 699: the synthetic villages installed
  :data:`STREET_LAMPS` (612) lamps;
* "双达村20余万元" and "其他4村均突破11万元" leave the incomes open: the
  generator picks 双达村's between 201,000 and 230,000 yuan and splits the
  rest of the 90.2万元 so that each of the other four is above 110,000;
* "年平均增幅为12.76%" is reproduced as a compound average from 2020 to
  2022 that rounds half up to 12.76%, not as exactly 12.76%;
* "比全县平均水平高2.1个百分点" is not reproduced: the dataset holds no
  records of the county's other villages.

The periods are those of the report, dated 18 April 2023 (:data:`AS_OF`):
"2022年" is the calendar year, "2021年以来" from 1 January 2021, "两年来" the
two years to the as-of date (from 19 April 2021) and "截至目前"/"累计" all
records up to it. Events counted over "两年来" also have a few records before
that window, so that the period visibly matters; events counted without a
period all lie inside it. Cadres who served before 2021 are kept apart from
the new ones by their start dates.

>>> ds = build_synthetic()
>>> ds.name
'lingyun-2022-synthetic'
>>> ds == build_synthetic(), ds == build_synthetic(seed=7)
(True, False)
"""

from __future__ import annotations

import datetime
import itertools
import random
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Any, Final

import attrs

from villagemodel import datasets
from villagemodel.activities import (
    Activity,
    ActivityKind,
    Award,
    AwardKind,
    DisputeMediation,
    Meeting,
    MeetingKind,
)
from villagemodel.dataset import TABLES, Dataset
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
    UniversityAdmission,
    WaterSupply,
    WorkingCapacity,
)
from villagemodel.ids import (
    ActivityId,
    AdmissionId,
    AllocationId,
    AwardId,
    CadreId,
    DisputeId,
    FirstSecretaryId,
    FundId,
    GridWorkerId,
    HamletId,
    HouseholdId,
    MeetingId,
    MemberId,
    MonitoringId,
    PartyMemberId,
    ProjectId,
    SurveyId,
    VillageId,
    WorkTeamId,
)
from villagemodel.money import Money
from villagemodel.party import (
    BranchRating,
    Cadre,
    CadrePost,
    CadreStatus,
    FirstSecretary,
    PartyMember,
    StarRating,
)
from villagemodel.periods import Period
from villagemodel.places import GridWorker, Hamlet, Village
from villagemodel.projects import Project, ProjectKind
from villagemodel.quantities import PersonCount, PersonTimes, Quantity

__all__ = [
    "AS_OF",
    "BASE",
    "DEFAULT_SEED",
    "FIVE_FLAGS",
    "FLAG_NAMES",
    "KEY_VILLAGE",
    "LAST_EVENT",
    "NAME",
    "STREET_LAMPS",
    "WINDOW_START",
    "build_synthetic",
    "dataset_info",
]

NAME: Final = "lingyun-2022-synthetic"
"""The name of the synthetic dataset."""

BASE: Final = "lingyun-2022"
"""The bundled dataset whose records the synthetic one starts from."""

DEFAULT_SEED: Final = 20230418
"""The seed of the bundled synthetic dataset (the report's date)."""

AS_OF: Final = datetime.date(2023, 4, 18)
"""The report's as-of date."""

FIVE_FLAGS: Final = "乡村振兴·五旗争创"
"""The competition the red flags were won in."""

FLAG_NAMES: Final = ("红旗1", "红旗2", "红旗3", "红旗4", "红旗5")
"""Placeholder names of the five flags: the real names are not known."""

KEY_VILLAGE: Final = "乡村振兴重点村"
"""The designation five of the six villages hold."""

STREET_LAMPS: Final = 612
"""The lamps installed: "安装路灯600余盏" is any number from 601 to 699."""

_TWO_YEARS: Final = Period.years_before(2, as_of=AS_OF)
WINDOW_START: Final = datetime.date(
    _TWO_YEARS.start.year, _TWO_YEARS.start.month, _TWO_YEARS.start.day
)
"""The first day of "两年来": 19 April 2021."""

LAST_EVENT: Final = datetime.date(2023, 4, 10)
"""No event is dated after this day, a week before the report."""

# -- the report's figures the records are built to give ---------------------------

_COLLECTIVE_TOTAL: Final = 902_000  # 90.2万元 in 2022
_OTHER_FOUR_ABOVE: Final = 110_000  # 其他4村均突破11万元
_SHUANGDA_RANGE: Final = (201_000, 230_000)  # 20余万元
_FLAGS: Final = 13
_KEY_VILLAGES: Final = 5
_STARS_2022: Final = (5, 4, 3, 3, 3, 3)
_TALKS_AND_COURTYARD: Final = 47
_NEW_CADRES: Final = 5
_RESERVE_CADRES: Final = 8
_ELIMINATED_HOUSEHOLDS: Final = 35
_ELIMINATED_PEOPLE: Final = 150
_STILL: Final = 8  # households monitored on the as-of date
_AGAIN: Final = 2  # households eliminated once, monitored again on the as-of date
_DONATIONS: Final = 155_000  # 15.5万元
_STUDENTS_REWARDED: Final = 156
_ADMISSIONS: Final = 122
_INSPECTIONS_PER_VILLAGE: Final = 4
_INSURED_LEAST_PERCENT: Final = 98
_ASSISTANCE: Final = 14_930_000  # 1493万元 since 2021
_SUBSIDY_RANGE: Final = (10_100_000, 10_900_000)  # 超过1000万元
_GROWTH_RANGE: Final = (Decimal("12.757"), Decimal("12.763"))  # rounds to 12.76%
_RETURN_HOME: Final = 22
_APPRAISALS: Final = 8
_DISPUTES: Final = 33
_SCHOOL_VISITS: Final = 14
_TRAINING_RANGE: Final = (301, 399)  # 300多人次

# Infrastructure of "两年来" built one unit a project: (kind, units, cost range in yuan).
_BUILT: Final[tuple[tuple[ProjectKind, int, tuple[int, int]], ...]] = (
    (ProjectKind.HAZARD_PROTECTION_POINT, 5, (100_000, 250_000)),
    (ProjectKind.BASKETBALL_COURT, 6, (100_000, 180_000)),
    (ProjectKind.FOOTBRIDGE, 3, (150_000, 300_000)),
    (ProjectKind.CENTRAL_WATER_POINT, 3, (100_000, 250_000)),
)
_ROADS: Final = 14
_ROAD_COST: Final = (150_000, 350_000)
_GUARD_RAIL_TENTHS_KM: Final = 150  # 15 km
_GUARD_RAIL_COST_PER_TENTH: Final = (4_000, 8_000)
_LAMP_COST: Final = (1_000, 1_800)
_WATER_TANKS: Final = 35
_WATER_TANK_COST: Final = (4_000, 8_000)

_GRADES: Final = (HousingGrade.A, HousingGrade.B, HousingGrade.C)
_GRADE_WEIGHTS: Final = (55, 38, 7)  # in 2021; every C house is rebuilt by 2023
_SIZE_WEIGHTS: Final = {1: 4, 2: 12, 3: 20, 4: 26, 5: 20, 6: 12, 7: 6}
_CN_NUMERALS: Final = "一二三四五六七八九十"


def dataset_info() -> datasets.DatasetInfo:
    """The description of the synthetic dataset, labelled synthetic."""
    base = datasets.info(BASE)
    return attrs.evolve(
        base,
        name=NAME,
        title="Lingyun County, six villages: SYNTHETIC micro records consistent with the report "
        "(households, people, amounts and dates invented)",
        title_zh="凌云县6个村：与报道数字一致的合成微观数据（农户、人员、金额、日期均为虚构）",
        synthetic=True,
    )


# -- small helpers -----------------------------------------------------------------


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    """A day from ``first`` to ``last``, both included."""
    return datetime.date.fromordinal(rng.randint(first.toordinal(), last.toordinal()))


def _in_window(rng: random.Random) -> datetime.date:
    """A day inside "两年来", before the report."""
    return _day(rng, WINDOW_START, LAST_EVENT)


def _split(rng: random.Random, total: int, parts: int, least: int) -> list[int]:
    """``total`` split at random into ``parts`` whole numbers, each at least ``least``."""
    spare = total - parts * least
    if parts < 1 or spare < 0:
        raise ValueError(f"cannot split {total} into {parts} parts of at least {least}")
    cuts = sorted(rng.randint(0, spare) for _ in range(parts - 1))
    edges = [0, *cuts, spare]
    return [least + high - low for low, high in itertools.pairwise(edges)]


def _spread(rng: random.Random, total: int, bins: int, most: int) -> list[int]:
    """``total`` units dropped one by one into ``bins``, none holding more than ``most``."""
    counts = [0] * bins
    for _ in range(total):
        open_bins = [i for i, n in enumerate(counts) if n < most]
        counts[rng.choice(open_bins)] += 1
    return counts


def _birthday(rng: random.Random, year: int) -> datetime.date:
    return _day(rng, datetime.date(year, 1, 1), datetime.date(year, 12, 28))


def _capacity(born: datetime.date) -> WorkingCapacity | None:
    age = AS_OF.year - born.year
    if age < 16:
        return None
    if age < 60:
        return WorkingCapacity.FULL
    if age < 70:
        return WorkingCapacity.PARTIAL
    return WorkingCapacity.NONE


@attrs.define
class _Plan:
    """A household before its members exist."""

    household: Household
    size: int
    students: list[tuple[int, int]] = attrs.field(factory=list)  # (birth year, intake year)


class _Builder:
    """Builds the synthetic records, one family of tables per method."""

    def __init__(self, base: Dataset, seed: int) -> None:
        self.rng = random.Random(seed)
        self.base = base
        self.villages: tuple[Village, ...] = base.villages
        self.tables: dict[str, list[Any]] = {table.name: [] for table in TABLES}
        self.plans: list[_Plan] = []
        self.members_of: dict[str, list[Member]] = {}
        self.party_count: dict[str, int] = {}
        self.admitted: list[tuple[HouseholdId, MemberId, int]] = []

    def add(self, table: str, *records: Any) -> None:
        self.tables[table].extend(records)

    def households_of(self, village_id: str) -> list[_Plan]:
        return [p for p in self.plans if p.household.village_id == village_id]

    # -- places ---------------------------------------------------------------------

    def hamlets(self) -> dict[str, list[Hamlet]]:
        """Five to eight hamlets a village (九优屯 is one of 腰马村's), one grid worker each."""
        by_village: dict[str, list[Hamlet]] = {}
        for village in self.villages:
            found = list(self.base.hamlets_in(village.id))
            short = village.name.removesuffix("村")
            for i in range(len(found), self.rng.randint(5, 8)):
                found.append(
                    Hamlet(
                        id=HamletId(f"{village.id}-h{i + 1:02d}"),
                        name=f"{short}{_CN_NUMERALS[i]}屯",
                        name_en=f"{village.name_en} hamlet {i + 1}",
                        village_id=village.id,
                    )
                )
            self.add("hamlets", *(h for h in found if h not in self.base.hamlets))
            self.add(
                "grid_workers",
                *(GridWorker(id=GridWorkerId(f"grid-{h.id}"), hamlet_id=h.id) for h in found),
            )
            by_village[village.id] = found
        return by_village

    # -- households and members -----------------------------------------------------

    def households(self, hamlets: dict[str, list[Hamlet]]) -> None:
        rng = self.rng
        sizes, weights = zip(*_SIZE_WEIGHTS.items(), strict=True)
        for village in self.villages:
            places = hamlets[village.id]
            count = rng.randint(45, 60)
            for k in range(count):
                hamlet = places[k] if k < len(places) else rng.choice(places)
                history = (
                    PovertyHistory.FORMERLY_POOR
                    if rng.random() < 0.45
                    else PovertyHistory.NEVER_REGISTERED
                )
                household = Household(
                    id=HouseholdId(f"{village.id}-{k + 1:03d}"),
                    village_id=village.id,
                    history=history,
                    hamlet_id=hamlet.id,
                )
                self.plans.append(_Plan(household=household, size=rng.choices(sizes, weights)[0]))

    def monitoring(self) -> None:
        """35 households whose risk was eliminated (150 people), 8 still monitored,
        and 2 eliminated once and monitored again (not counted as eliminated)."""
        rng = self.rng
        chosen = rng.sample(self.plans, _ELIMINATED_HOUSEHOLDS + _STILL + _AGAIN)
        eliminated = chosen[:_ELIMINATED_HOUSEHOLDS]
        still = chosen[_ELIMINATED_HOUSEHOLDS : _ELIMINATED_HOUSEHOLDS + _STILL]
        again = chosen[_ELIMINATED_HOUSEHOLDS + _STILL :]
        sizes = [4] * _ELIMINATED_HOUSEHOLDS
        for _ in range(_ELIMINATED_PEOPLE - sum(sizes)):
            sizes[rng.choice([i for i, s in enumerate(sizes) if s < 7])] += 1
        for _ in range(60):
            i, j = rng.randrange(len(sizes)), rng.randrange(len(sizes))
            if sizes[i] > 2 and sizes[j] < 7 and i != j:
                sizes[i] -= 1
                sizes[j] += 1
        for plan, size in zip(eliminated, sizes, strict=True):
            plan.size = size
            found = _day(rng, datetime.date(2021, 3, 1), datetime.date(2022, 6, 30))
            closed = min(found + datetime.timedelta(days=rng.randint(183, 420)), LAST_EVENT)
            self._spell(plan, 1, found, closed)
        for plan in still:
            self._spell(plan, 1, _day(rng, datetime.date(2022, 6, 1), LAST_EVENT), None)
        for plan in again:
            found = _day(rng, datetime.date(2021, 5, 1), datetime.date(2021, 12, 31))
            closed = found + datetime.timedelta(days=rng.randint(200, 300))
            self._spell(plan, 1, found, closed)
            self._spell(plan, 2, _day(rng, datetime.date(2023, 1, 1), LAST_EVENT), None)

    def _spell(
        self, plan: _Plan, n: int, found: datetime.date, closed: datetime.date | None
    ) -> None:
        if plan.household.history is PovertyHistory.FORMERLY_POOR:
            category = self.rng.choice(
                (RiskCategory.UNSTABLE_FORMERLY_POOR, RiskCategory.SUDDEN_HARDSHIP)
            )
        else:
            category = self.rng.choice((RiskCategory.MARGINAL, RiskCategory.SUDDEN_HARDSHIP))
        self.add(
            "monitoring",
            MonitoringRecord(
                id=MonitoringId(f"{plan.household.id}-spell{n}"),
                household_id=plan.household.id,
                category=category,
                identified_on=found,
                risk_eliminated_on=closed,
            ),
        )

    def students(self) -> None:
        """University freshmen: 122 admitted in 2021 and 2022 ("两年来"), some in 2020."""
        rng = self.rng
        in_2021 = rng.randint(50, 70)
        intakes = {2020: rng.randint(15, 25), 2021: in_2021, 2022: _ADMISSIONS - in_2021}
        for year, count in intakes.items():
            for _ in range(count):
                open_plans = [p for p in self.plans if p.size - 2 > len(p.students)]
                plan = rng.choice(open_plans)
                plan.students.append((year - 18 - rng.choice((0, 0, 1)), year))

    def members(self) -> None:
        self.add("households", *(plan.household for plan in self.plans))
        for plan in self.plans:
            self.members_of[plan.household.id] = self._members(plan)
            self.add("members", *self.members_of[plan.household.id])

    def _members(self, plan: _Plan) -> list[Member]:
        """Head, spouse, the planned students (as children), then others."""
        rng = self.rng
        hid = plan.household.id
        births = [born for born, _ in plan.students]
        head_year = min(births) - rng.randint(22, 34) if births else rng.randint(1948, 1992)
        head_sex = Sex.MALE if rng.random() < 0.8 else Sex.FEMALE
        people: list[tuple[Relation, Sex, int]] = [(Relation.HEAD, head_sex, head_year)]
        if plan.size >= 2:
            other = Sex.FEMALE if head_sex is Sex.MALE else Sex.MALE
            people.append((Relation.SPOUSE, other, min(head_year + rng.randint(-3, 4), 2000)))
        people.extend((Relation.CHILD, rng.choice(list(Sex)), born) for born in births)
        parents = 0
        while len(people) < plan.size:
            sex = rng.choice(list(Sex))
            if head_year >= 1965 and parents < 2 and rng.random() < 0.25:
                parents += 1
                people.append((Relation.PARENT, sex, head_year - rng.randint(22, 32)))
            elif head_year <= 1966 and rng.random() < 0.5:
                year = min(head_year + rng.randint(45, 60), 2022)
                people.append((Relation.GRANDCHILD, sex, year))
            else:
                people.append((Relation.CHILD, sex, min(head_year + rng.randint(20, 38), 2022)))
        members = []
        for i, (relation, sex, year) in enumerate(people):
            born = _birthday(rng, year)
            members.append(
                Member(
                    id=MemberId(f"{hid}-m{i + 1}"),
                    household_id=hid,
                    relation=relation,
                    sex=sex,
                    born_on=born,
                    working_capacity=_capacity(born),
                )
            )
        # The students are the members after head and spouse, in planned order.
        for i, (_, intake) in enumerate(plan.students):
            self.admitted.append((hid, members[2 + i].id, intake))
        return members

    def admissions(self) -> None:
        counters: dict[int, int] = {}
        for _, member_id, intake in self.admitted:
            counters[intake] = counters.get(intake, 0) + 1
            self.add(
                "admissions",
                UniversityAdmission(
                    id=AdmissionId(f"adm-{intake}-{counters[intake]:03d}"),
                    member_id=member_id,
                    admitted_on=_day(
                        self.rng, datetime.date(intake, 7, 10), datetime.date(intake, 8, 31)
                    ),
                ),
            )

    # -- Party ----------------------------------------------------------------------

    def party(self) -> None:
        """5 new young cadres and 8 reserve cadres since 2021, every village at least
        one of them; Party members, earlier cadres, first secretaries, ratings."""
        rng = self.rng
        kinds = [CadreStatus.SERVING] * _NEW_CADRES + [CadreStatus.RESERVE] * _RESERVE_CADRES
        rng.shuffle(kinds)
        order = [v.id for v in self.villages]
        rng.shuffle(order)
        homes = order + [rng.choice(order) for _ in range(len(kinds) - len(order))]
        wanted: dict[str, list[CadreStatus]] = {v.id: [] for v in self.villages}
        for status, village_id in zip(kinds, homes, strict=True):
            wanted[village_id].append(status)
        for village in self.villages:
            self._village_party(village, wanted[village.id])
            team = self.base.work_teams_in(village.id)[0]
            self.add(
                "first_secretaries",
                FirstSecretary(
                    id=FirstSecretaryId(f"fs-{village.id}"),
                    unit_id=team.unit_id,
                    village_id=village.id,
                    started_on=_day(rng, datetime.date(2021, 5, 1), datetime.date(2021, 6, 30)),
                    work_team_id=WorkTeamId(team.id),
                ),
            )
        stars = list(_STARS_2022)
        rng.shuffle(stars)
        for branch, star in zip(self.base.branches, stars, strict=True):
            for year, rating in ((2021, rng.choice((2, 3, 3, 4))), (2022, star)):
                self.add(
                    "branch_ratings",
                    BranchRating(
                        branch_id=branch.id,
                        year=year,
                        rating=StarRating.of(rating),
                        rated_on=_day(
                            rng, datetime.date(year + 1, 1, 5), datetime.date(year + 1, 3, 31)
                        ),
                    ),
                )

    def _village_party(self, village: Village, statuses: Sequence[CadreStatus]) -> None:
        rng = self.rng
        branch = self.base.branches_of(village.id)[0]
        adults = [
            m
            for plan in self.households_of(village.id)
            for m in self.members_of[plan.household.id]
            if m.born_on is not None and m.born_on.year <= 2002
        ]
        young = [m for m in adults if m.born_on is not None and 1986 <= m.born_on.year <= 2000]
        picked = rng.sample(young, min(len(statuses), len(young)))
        taken = {m.id for m in picked}
        if len(picked) < len(statuses):  # too few young adults: take the youngest
            rest = sorted((m for m in adults if m.id not in taken), key=_age_key)
            picked += rest[: len(statuses) - len(picked)]
            taken = {m.id for m in picked}
        others = [m for m in adults if m.id not in taken]
        older = rng.sample(others, min(len(others), rng.randint(16, 28)))
        party: list[PartyMember] = []
        for n, person in enumerate(picked + older, start=1):
            assert person.born_on is not None
            joined = rng.randint(person.born_on.year + 18, max(person.born_on.year + 18, 2020))
            party.append(
                PartyMember(
                    id=PartyMemberId(f"pm-{village.id}-{n:02d}"),
                    branch_id=branch.id,
                    person_id=person.id,
                    joined_on=_birthday(rng, joined),
                    born_on=person.born_on,
                )
            )
        self.add("party_members", *party)
        self.party_count[branch.id] = len(party) + len(self.base.party_members_of(branch.id))
        posts = (CadrePost.BRANCH_COMMITTEE_MEMBER, CadrePost.VILLAGERS_COMMITTEE_MEMBER)
        cadres = [
            Cadre(
                id=CadreId(f"cadre-{village.id}-{n:02d}"),
                village_id=village.id,
                status=status,
                post=rng.choice(posts) if status is CadreStatus.SERVING else None,
                party_member_id=member.id,
                since=_in_window(rng),
            )
            for n, (status, member) in enumerate(zip(statuses, party, strict=False), start=1)
        ]
        earlier = (CadrePost.BRANCH_SECRETARY, *posts, CadrePost.VILLAGERS_COMMITTEE_MEMBER)
        elders = party[len(statuses) :]
        for n, (post, member) in enumerate(zip(earlier, elders, strict=False), start=1):
            cadres.append(
                Cadre(
                    id=CadreId(f"cadre-{village.id}-e{n}"),
                    village_id=village.id,
                    status=CadreStatus.SERVING,
                    post=post,
                    party_member_id=member.id,
                    since=_day(rng, datetime.date(2016, 1, 1), datetime.date(2018, 12, 31)),
                )
            )
        self.add("cadres", *cadres)

    def meetings(self) -> None:
        """三会一课 and themed Party days of 2022, each at the frequency required."""
        rng = self.rng
        for branch in self.base.branches:
            due = self.party_count[branch.id]
            themed_day = rng.randint(1, 28)
            held: list[tuple[MeetingKind, datetime.date]] = []
            for month in range(1, 13):
                held.append(
                    (
                        MeetingKind.BRANCH_COMMITTEE_MEETING,
                        datetime.date(2022, month, rng.randint(1, 28)),
                    )
                )
                held.append(
                    (
                        MeetingKind.PARTY_GROUP_MEETING,
                        datetime.date(2022, month, rng.randint(1, 28)),
                    )
                )
                held.append((MeetingKind.THEMED_PARTY_DAY, datetime.date(2022, month, themed_day)))
            for quarter in range(4):
                for kind in (MeetingKind.BRANCH_GENERAL_MEETING, MeetingKind.PARTY_LECTURE):
                    month = quarter * 3 + rng.randint(1, 3)
                    held.append((kind, datetime.date(2022, month, rng.randint(1, 28))))
            held.sort(key=lambda pair: (pair[1], pair[0].value))
            for n, (kind, day) in enumerate(held, start=1):
                everyone = kind in _WHOLE_BRANCH
                self.add(
                    "meetings",
                    Meeting(
                        id=MeetingId(f"{branch.id}-2022-{n:02d}"),
                        branch_id=branch.id,
                        kind=kind,
                        held_on=day,
                        members_due=PersonCount(due) if everyone else None,
                        attendees=PersonCount(due - rng.randint(0, 3)) if everyone else None,
                    ),
                )

    # -- incomes ----------------------------------------------------------------------

    def incomes(self) -> None:
        """Per-capita incomes for 2020-2022; formerly poor people's grow at a compound
        average that rounds half up to 12.76% a year."""
        rng = self.rng
        poor: list[tuple[_Plan, int, int, int]] = []
        for plan in self.plans:
            if plan.household.history is PovertyHistory.FORMERLY_POOR:
                first = rng.randint(650, 1100) * 10
                second = first * rng.randint(106, 120) // 100
                third = second * rng.randint(106, 120) // 100
                poor.append((plan, first, second, third))
            else:
                first = rng.randint(900, 2200) * 10
                second = first * rng.randint(103, 112) // 100
                third = second * rng.randint(103, 112) // 100
                self._income(plan.household.id, first, second, third)
        low, high = _GROWTH_RANGE
        growth = Fraction(rng.randint(int(low * 1000) + 1, int(high * 1000) - 1), 100_000)
        ratio = (1 + growth) ** 2
        base = sum(first * plan.size for plan, first, _, _ in poor)
        raw = sum(third * plan.size for plan, _, _, third in poor)
        scale = ratio * base / raw
        finals = [round(third * scale) for _, _, _, third in poor]
        last = poor[-1][0]
        others = sum(f * p.size for f, (p, _, _, _) in zip(finals[:-1], poor[:-1], strict=True))
        finals[-1] = round((ratio * base - others) / last.size)
        for (plan, first, second, _), third in zip(poor, finals, strict=True):
            self._income(plan.household.id, first, second, third)
        reached = Fraction(
            sum(f * p.size for f, (p, _, _, _) in zip(finals, poor, strict=True)), base
        )
        _check_growth(reached)

    def _income(self, household_id: HouseholdId, *amounts: int) -> None:
        for year, amount in zip((2020, 2021, 2022), amounts, strict=True):
            self.add(
                "incomes",
                HouseholdIncome(household_id=household_id, year=year, per_capita=Money(amount)),
            )

    # -- guarantees -------------------------------------------------------------------

    def surveys(self) -> list[HouseholdId]:
        """A 2021 survey and a 2023 one of every household; by 2023 every house is
        safe and at least 98% of each village's people insured. Returns the
        households whose unsafe house was rebuilt."""
        rng = self.rng
        rebuilt: list[HouseholdId] = []
        pupils = [
            m.id
            for plan in self.plans
            for m in self.members_of[plan.household.id]
            if m.born_on is not None and 2007 <= m.born_on.year <= 2013
        ]
        out_of_school = set(rng.sample(pupils, min(2, len(pupils))))
        for village in self.villages:
            plans = self.households_of(village.id)
            people = [m.id for p in plans for m in self.members_of[p.household.id]]
            most = len(people) * (100 - _INSURED_LEAST_PERCENT) // 100
            uninsured = set(rng.sample(people, rng.randint(min(1, most), most)))
            earlier = set(rng.sample(people, min(len(people), len(uninsured) + rng.randint(2, 6))))
            for plan in plans:
                hid = plan.household.id
                ids = [m.id for m in self.members_of[hid]]
                grade = rng.choices(_GRADES, _GRADE_WEIGHTS)[0]
                now = grade
                if grade is HousingGrade.C:
                    now = rng.choice((HousingGrade.A, HousingGrade.B))
                    rebuilt.append(hid)
                self.add(
                    "surveys",
                    self._survey(
                        hid,
                        2021,
                        grade,
                        [i for i in ids if i in earlier],
                        [i for i in ids if i in out_of_school],
                    ),
                    self._survey(hid, 2023, now, [i for i in ids if i in uninsured], []),
                )
        return rebuilt

    def _survey(
        self,
        household_id: HouseholdId,
        year: int,
        grade: HousingGrade,
        uninsured: list[MemberId],
        out_of_school: list[MemberId],
    ) -> GuaranteeSurvey:
        rng = self.rng
        if year == 2021:
            day = _day(rng, datetime.date(2021, 5, 10), datetime.date(2021, 9, 30))
        else:
            day = _day(rng, datetime.date(2023, 1, 5), datetime.date(2023, 3, 31))
        return GuaranteeSurvey(
            id=SurveyId(f"{household_id}-s{year}"),
            household_id=household_id,
            surveyed_on=day,
            food_and_clothing_assured=True,
            out_of_school_member_ids=tuple(out_of_school),
            uninsured_member_ids=tuple(uninsured),
            housing_grade=grade,
            water=WaterSupply(
                litres_per_person_per_day=rng.randint(40, 120),
                piped_into_home=True,
                days_without_supply_per_year=rng.randint(0, 15),
            ),
        )

    # -- collective economy and awards ---------------------------------------------------

    def collective_incomes(self) -> None:
        """2022: 90.2万元 in all, 陶化村 22.7万元 (the bundled record), 双达村 20余万元,
        the other four each above 11万元. 2021 incomes are lower."""
        rng = self.rng
        known = {income.village_id: income.amount for income in self.base.collective_incomes}
        shuangda = rng.randrange(_SHUANGDA_RANGE[0], _SHUANGDA_RANGE[1] + 1, 100)
        amounts: dict[str, int] = {_SHUANGDA: shuangda}
        rest = [v.id for v in self.villages if v.id not in known and v.id != _SHUANGDA]
        left = _COLLECTIVE_TOTAL - shuangda - sum(int(a.yuan) for a in known.values())
        floor = _OTHER_FOUR_ABOVE + 100
        extra = _split(rng, (left - floor * len(rest)) // 100, len(rest), 0)
        amounts.update({v: floor + 100 * e for v, e in zip(rest, extra, strict=True)})
        for village in self.villages:
            if village.id in amounts:
                self.add(
                    "collective_incomes",
                    CollectiveIncome(
                        village_id=village.id, year=2022, amount=Money(amounts[village.id])
                    ),
                )
            latest = known.get(village.id, Money(amounts.get(village.id, 0)))
            earlier = int(latest.yuan) * rng.randint(60, 90) // 10_000 * 100
            self.add(
                "collective_incomes",
                CollectiveIncome(village_id=village.id, year=2021, amount=Money(earlier)),
            )

    def awards(self) -> None:
        """13 red flags of 2022, at most one of each flag a village, and 5 key villages."""
        rng = self.rng
        flags = _spread(rng, _FLAGS, len(self.villages), len(FLAG_NAMES))
        for village, count in zip(self.villages, flags, strict=True):
            for name in sorted(rng.sample(FLAG_NAMES, count)):
                self.add(
                    "awards",
                    Award(
                        id=AwardId(f"{village.id}-flag{name[-1]}-2022"),
                        village_id=village.id,
                        kind=AwardKind.FLAG,
                        name=name,
                        year=2022,
                        competition=FIVE_FLAGS,
                        conferred_by="百色市",
                    ),
                )
        key = {v.id for v in rng.sample(self.villages, _KEY_VILLAGES)}
        for village in self.villages:
            if village.id in key:
                self.add(
                    "awards",
                    Award(
                        id=AwardId(f"{village.id}-key-village-2022"),
                        village_id=village.id,
                        kind=AwardKind.DESIGNATION,
                        name=KEY_VILLAGE,
                        year=2022,
                    ),
                )

    # -- projects and funds ---------------------------------------------------------------

    def projects(self) -> list[tuple[Project, int]]:
        """The infrastructure of "两年来", each project with its cost; one road built
        in 2020 and one bridge still being built, neither counted."""
        rng = self.rng
        plan: list[tuple[ProjectKind, VillageId, Quantity, int, bool]] = []
        for kind, total, (low, high) in _BUILT:
            assert kind.unit is not None
            for _ in range(total):
                village = rng.choice(self.villages).id
                cost = rng.randrange(low, high + 1, 100)
                plan.append((kind, village, _quantity(kind, 1), cost, False))
        industry_roads = rng.randint(6, 10)
        for i in range(_ROADS):
            kind = ProjectKind.INDUSTRY_ROAD if i < industry_roads else ProjectKind.ROAD_WIDENING
            cost = rng.randrange(_ROAD_COST[0], _ROAD_COST[1] + 1, 100)
            plan.append((kind, rng.choice(self.villages).id, _quantity(kind, 1), cost, False))
        rails = _split(rng, _GUARD_RAIL_TENTHS_KM, rng.randint(4, 7), 5)
        for tenths in rails:
            km = _quantity(ProjectKind.GUARD_RAIL, Decimal(tenths).scaleb(-1))
            cost = tenths * rng.randint(*_GUARD_RAIL_COST_PER_TENTH) // 100 * 100
            plan.append((ProjectKind.GUARD_RAIL, rng.choice(self.villages).id, km, cost, False))
        lamps = _split(rng, STREET_LAMPS, len(self.villages), 40)
        for place, count in zip(self.villages, lamps, strict=True):
            cost = count * rng.randint(*_LAMP_COST) // 100 * 100
            plan.append(
                (
                    ProjectKind.STREET_LAMP,
                    place.id,
                    _quantity(ProjectKind.STREET_LAMP, count),
                    cost,
                    False,
                )
            )
        tanked = rng.sample(self.villages, rng.randint(3, 6))
        for place, count in zip(tanked, _split(rng, _WATER_TANKS, len(tanked), 2), strict=True):
            cost = count * rng.randint(*_WATER_TANK_COST) // 100 * 100
            plan.append(
                (
                    ProjectKind.HOUSEHOLD_WATER_TANK,
                    place.id,
                    _quantity(ProjectKind.HOUSEHOLD_WATER_TANK, count),
                    cost,
                    True,
                )
            )
        built: list[tuple[Project, int]] = []
        counters: dict[ProjectKind, int] = {}
        for kind, village_id, quantity, cost, upgrade in plan:
            counters[kind] = counters.get(kind, 0) + 1
            done = _in_window(rng)
            started = max(done - datetime.timedelta(days=rng.randint(30, 200)), _FIRST_START)
            project = Project(
                id=ProjectId(f"{village_id}-{kind.value}-{counters[kind]:02d}"),
                village_id=village_id,
                kind=kind,
                quantity=quantity,
                upgrade=upgrade,
                started_on=started,
                completed_on=done,
            )
            built.append((project, cost))
        old_village, new_village = rng.choice(self.villages).id, rng.choice(self.villages).id
        old_road = Project(
            id=ProjectId(f"{old_village}-industry_road-2020"),
            village_id=old_village,
            kind=ProjectKind.INDUSTRY_ROAD,
            quantity=_quantity(ProjectKind.INDUSTRY_ROAD, 1),
            started_on=_day(rng, datetime.date(2020, 4, 1), datetime.date(2020, 6, 30)),
            completed_on=_day(rng, datetime.date(2020, 10, 1), datetime.date(2020, 12, 31)),
        )
        unfinished = Project(
            id=ProjectId(f"{new_village}-footbridge-2023"),
            village_id=new_village,
            kind=ProjectKind.FOOTBRIDGE,
            quantity=_quantity(ProjectKind.FOOTBRIDGE, 1),
            started_on=_day(rng, datetime.date(2023, 2, 1), datetime.date(2023, 3, 31)),
        )
        built += [(old_road, rng.randrange(*_ROAD_COST, 100)), (unfinished, 200_000)]
        self.add("projects", *(project for project, _ in built))
        return built

    def _allocate(
        self,
        fund: FundId,
        amount: int,
        purpose: FundPurpose,
        day: datetime.date,
        *,
        village: VillageId | None = None,
        project: ProjectId | None = None,
        household: HouseholdId | None = None,
    ) -> Allocation:
        allocation = Allocation(
            id=AllocationId(f"alloc-{len(self.tables['allocations']) + 1:05d}"),
            fund_id=fund,
            amount=Money(amount),
            purpose=purpose,
            allocated_on=day,
            village_id=village,
            project_id=project,
            household_id=household,
        )
        self.add("allocations", allocation)
        return allocation

    def _funds(
        self,
        received: dict[FundId, tuple[str, FundSource, datetime.date, str]],
        spare: dict[FundId, int] | None = None,
    ) -> None:
        """The funds, each as large as its allocations (plus any ``spare``)."""
        totals: dict[str, Money] = {}
        for allocation in self.tables["allocations"]:
            totals[allocation.fund_id] = (
                totals.get(allocation.fund_id, Money.zero()) + allocation.amount
            )
        for fund_id, (name, source, day, provider) in received.items():
            extra = Money((spare or {}).get(fund_id, 0))
            self.add(
                "funds",
                Fund(
                    id=fund_id,
                    name=name,
                    source=source,
                    amount=totals.get(fund_id, Money.zero()) + extra,
                    received_on=day,
                    provider=provider,
                ),
            )

    def assistance(self, built: list[tuple[Project, int]]) -> None:
        """帮扶资金: 1493万元 allocated since 2021, to the projects and, for industry,
        to the villages; a 2020 fund paid for the 2020 road."""
        rng = self.rng
        unit = "广西壮族自治区财政厅"
        funds = {
            year: (
                FundId(f"fund-assistance-{year}"),
                (f"{year}年定点帮扶资金", FundSource.ASSISTANCE, datetime.date(year, 1, 4), unit),
            )
            for year in (2020, 2021, 2022, 2023)
        }
        spent = 0
        for project, cost in built:
            assert project.started_on is not None
            fund_id, (_, _, received, _) = funds[project.started_on.year]
            purpose = (
                FundPurpose.DRINKING_WATER
                if project.kind in _WATER_PROJECTS
                else FundPurpose.INFRASTRUCTURE
            )
            day = max(project.started_on, received)
            self._allocate(fund_id, cost, purpose, day, project=project.id)
            if day.year >= 2021:
                spent += cost
        left = _ASSISTANCE - spent
        shares = _split(rng, left // 100, 2 * len(self.villages), 1000)
        for n, share in enumerate(shares):
            year = 2021 + n % 2
            village = self.villages[n // 2].id
            day = _day(rng, datetime.date(year, 3, 1), datetime.date(year, 12, 20))
            self._allocate(funds[year][0], share * 100, FundPurpose.INDUSTRY, day, village=village)
        self._funds(dict(funds.values()), spare={funds[2023][0]: 1_200_000})

    def donations(self) -> None:
        """捐资助学: 15.5万元 from donors, given at award ceremonies for 156 students."""
        rng = self.rng
        ceremonies = [(v.id, year) for year in (2021, 2022) for v in self.villages]
        students = _split(rng, _STUDENTS_REWARDED, len(ceremonies), 5)
        amounts = _split(rng, _DONATIONS // 500, len(ceremonies), 10)
        donors = {year: rng.randint(2, 4) for year in (2021, 2022)}
        funds: dict[FundId, tuple[str, FundSource, datetime.date, str]] = {
            FundId(f"fund-donation-{year}-{d + 1}"): (
                f"{year}年捐资助学（爱心企业{_DONORS[d]}）",
                FundSource.DONATION,
                datetime.date(year, 7, 1),
                f"爱心企业{_DONORS[d]}",
            )
            for year, count in donors.items()
            for d in range(count)
        }
        for n, ((village, year), pupils, amount) in enumerate(
            zip(ceremonies, students, amounts, strict=True)
        ):
            day = _day(rng, datetime.date(year, 8, 10), datetime.date(year, 9, 10))
            fund = FundId(f"fund-donation-{year}-{n % donors[year] + 1}")
            self._allocate(fund, amount * 500, FundPurpose.EDUCATION, day, village=village)
            self._activity(ActivityKind.STUDENT_AWARD, village, day, beneficiaries=pupils)
        self._funds(funds)

    def subsidies(self, rebuilt: list[HouseholdId]) -> None:
        """补助 that households were helped to apply for: industry, employment and
        education (above 1000万元 in all), and housing (not in that figure)."""
        rng = self.rng
        names = {
            FundPurpose.INDUSTRY: "产业发展补助",
            FundPurpose.EMPLOYMENT: "就业补助",
            FundPurpose.EDUCATION: "教育补助",
            FundPurpose.HOUSING: "农村危房改造补助",
        }
        funds = {
            (purpose, year): FundId(f"fund-subsidy-{purpose.value}-{year}")
            for purpose in names
            for year in (2021, 2022)
        }

        def day(year: int) -> datetime.date:
            return _day(rng, datetime.date(year, 3, 1), datetime.date(year, 12, 20))

        counted = 0
        for plan in self.plans:
            hid = plan.household.id
            for year in (2021, 2022):
                if plan.household.history is PovertyHistory.FORMERLY_POOR:
                    amount = rng.randrange(2000, 8001, 100)
                    self._allocate(
                        funds[FundPurpose.INDUSTRY, year],
                        amount,
                        FundPurpose.INDUSTRY,
                        day(year),
                        household=hid,
                    )
                    counted += amount
                if rng.random() < 0.4:
                    amount = rng.randrange(500, 2001, 100)
                    self._allocate(
                        funds[FundPurpose.EMPLOYMENT, year],
                        amount,
                        FundPurpose.EMPLOYMENT,
                        day(year),
                        household=hid,
                    )
                    counted += amount
        for hid, _, intake in self.admitted:
            for year in (2021, 2022):
                if intake <= year <= intake + 3:
                    amount = rng.randrange(3000, 5001, 500)
                    self._allocate(
                        funds[FundPurpose.EDUCATION, year],
                        amount,
                        FundPurpose.EDUCATION,
                        day(year),
                        household=hid,
                    )
                    counted += amount
        for hid in rebuilt:
            year = rng.choice((2021, 2022))
            amount = rng.randrange(15_000, 40_001, 1000)
            self._allocate(
                funds[FundPurpose.HOUSING, year],
                amount,
                FundPurpose.HOUSING,
                day(year),
                household=hid,
            )
        target = rng.randrange(_SUBSIDY_RANGE[0], _SUBSIDY_RANGE[1] + 1, 100)
        shares = _split(rng, (target - counted) // 100, 2 * len(self.villages), 1)
        for n, share in enumerate(shares):
            year = 2021 + n % 2
            village = self.villages[n // 2].id
            self._allocate(
                funds[FundPurpose.INDUSTRY, year],
                share * 100,
                FundPurpose.INDUSTRY,
                day(year),
                village=village,
            )
        self._funds(
            {
                fund_id: (
                    f"{year}年{names[purpose]}",
                    FundSource.SUBSIDY,
                    datetime.date(year, 2, 1),
                    "凌云县",
                )
                for (purpose, year), fund_id in funds.items()
            }
        )

    # -- events ---------------------------------------------------------------------------

    def _activity(
        self,
        kind: ActivityKind,
        village: VillageId,
        day: datetime.date,
        *,
        attendance: int | None = None,
        beneficiaries: int | None = None,
    ) -> None:
        number = sum(1 for a in self.tables["activities"] if a.kind is kind) + 1
        self.add(
            "activities",
            Activity(
                id=ActivityId(f"{kind.value}-{number:03d}"),
                kind=kind,
                village_ids=(village,),
                held_on=day,
                attendance=None if attendance is None else PersonTimes(attendance),
                beneficiaries=None if beneficiaries is None else PersonCount(beneficiaries),
            ),
        )

    def _events(
        self, kind: ActivityKind, count: int, first: datetime.date, last: datetime.date
    ) -> None:
        rng = self.rng
        days = sorted(_day(rng, first, last) for _ in range(count))
        for day in days:
            village = rng.choice(self.villages).id
            self._activity(kind, village, day, attendance=rng.randint(12, 60))

    def activities(self) -> None:
        """The activities the report counts, and a few it names without a count."""
        rng = self.rng
        talks = rng.randint(15, 32)
        self._events(ActivityKind.EVENING_TALK, talks, WINDOW_START, LAST_EVENT)
        self._events(
            ActivityKind.COURTYARD_MEETING, _TALKS_AND_COURTYARD - talks, WINDOW_START, LAST_EVENT
        )
        self._events(ActivityKind.SCHOOL_VISIT, 2, _EARLIER, _BEFORE_WINDOW)
        self._events(ActivityKind.SCHOOL_VISIT, _SCHOOL_VISITS, WINDOW_START, LAST_EVENT)
        self._events(ActivityKind.CADRES_RETURN_HOME, _RETURN_HOME, WINDOW_START, LAST_EVENT)
        self._events(ActivityKind.DEMOCRATIC_APPRAISAL, 1, _EARLIER, _BEFORE_WINDOW)
        self._events(ActivityKind.DEMOCRATIC_APPRAISAL, _APPRAISALS, WINDOW_START, LAST_EVENT)
        for kind, count in _OTHER_EVENTS:
            self._events(kind, count, WINDOW_START, LAST_EVENT)
        for place in self.villages:  # 在6个村巡回播放爱国题材电影
            day = _in_window(rng)
            self._activity(
                ActivityKind.FILM_SCREENING, place.id, day, attendance=rng.randint(40, 150)
            )
        for year in (2021, 2022):
            for _ in range(3):
                day = _day(rng, datetime.date(year, 7, 5), datetime.date(year, 8, 25))
                village = rng.choice(self.villages).id
                self._activity(
                    ActivityKind.SUMMER_STUDENT_PROGRAMME,
                    village,
                    day,
                    beneficiaries=rng.randint(10, 30),
                )
        sessions = rng.randint(6, 10)
        total = rng.randint(*_TRAINING_RANGE)
        for people in _split(rng, total, sessions, 15):
            day = _in_window(rng)
            self._activity(
                ActivityKind.SKILLS_TRAINING, rng.choice(self.villages).id, day, attendance=people
            )
        for place in self.villages:
            for first, last in _INSPECTION_ROUNDS[:_INSPECTIONS_PER_VILLAGE]:
                day = _day(rng, first, last)
                self._activity(ActivityKind.HOUSING_SAFETY_INSPECTION, place.id, day)

    def disputes(self) -> None:
        """33 disputes mediated in "两年来", three more before."""
        rng = self.rng
        days = [_day(rng, _EARLIER, _BEFORE_WINDOW) for _ in range(3)]
        days += [_in_window(rng) for _ in range(_DISPUTES)]
        for n, day in enumerate(sorted(days), start=1):
            self.add(
                "disputes",
                DisputeMediation(
                    id=DisputeId(f"dispute-{n:03d}"),
                    village_id=rng.choice(self.villages).id,
                    mediated_on=day,
                    resolved=True,
                ),
            )

    def dataset(self) -> Dataset:
        tables = {
            table.name: getattr(self.base, table.name) + tuple(self.tables[table.name])
            for table in TABLES
        }
        return Dataset(name=NAME, **tables)


_SHUANGDA: Final = VillageId("shuangda")
_FIRST_START: Final = datetime.date(2021, 2, 1)
_EARLIER: Final = datetime.date(2020, 9, 1)
_BEFORE_WINDOW: Final = datetime.date(2021, 4, 10)
_DONORS: Final = "甲乙丙丁"
_WATER_PROJECTS: Final = frozenset(
    {ProjectKind.CENTRAL_WATER_POINT, ProjectKind.HOUSEHOLD_WATER_TANK}
)
_WHOLE_BRANCH: Final = frozenset(
    {MeetingKind.BRANCH_GENERAL_MEETING, MeetingKind.PARTY_LECTURE, MeetingKind.THEMED_PARTY_DAY}
)
_OTHER_EVENTS: Final = (
    (ActivityKind.LEGAL_EDUCATION, 4),
    (ActivityKind.OPERA, 3),
    (ActivityKind.READING_CLUB, 4),
    (ActivityKind.GRATITUDE_TALK, 3),
    (ActivityKind.CUSTOMS_REFORM, 3),
)
_INSPECTION_ROUNDS: Final = (
    (datetime.date(2021, 5, 1), datetime.date(2021, 10, 31)),
    (datetime.date(2021, 11, 1), datetime.date(2022, 4, 30)),
    (datetime.date(2022, 5, 1), datetime.date(2022, 10, 31)),
    (datetime.date(2022, 11, 1), LAST_EVENT),
)


def _quantity(kind: ProjectKind, amount: Decimal | int) -> Quantity:
    unit = kind.unit
    assert unit is not None, "every kind built here has a unit"
    return Quantity(amount, unit)


def _age_key(member: Member) -> tuple[datetime.date, str]:
    """Youngest first."""
    assert member.born_on is not None
    return (datetime.date.max - (member.born_on - datetime.date.min), member.id)


def _check_growth(ratio: Fraction) -> None:
    """The compound two-year growth of ``ratio`` must round half up to 12.76%."""
    with localcontext() as context:
        context.prec = 60
        root = (Decimal(ratio.numerator) / Decimal(ratio.denominator)).sqrt()
    percent = ((root - 1) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if percent != Decimal("12.76"):
        raise AssertionError(f"formerly poor income growth {percent}% is not 12.76%")


def build_synthetic(seed: int = DEFAULT_SEED) -> Dataset:
    """The synthetic micro dataset of the six villages, built from ``seed``.

    The same seed gives an equal dataset; any seed gives one from which
    every figure of the report is computed back. The records of
    ``lingyun-2022`` come first, unchanged; the invented ones follow.
    """
    builder = _Builder(datasets.load(BASE), seed)
    builder.households(builder.hamlets())
    builder.monitoring()
    builder.students()
    builder.members()
    builder.admissions()
    builder.party()
    builder.meetings()
    builder.incomes()
    rebuilt = builder.surveys()
    builder.collective_incomes()
    builder.awards()
    builder.assistance(builder.projects())
    builder.donations()
    builder.subsidies(rebuilt)
    builder.activities()
    builder.disputes()
    return builder.dataset()
