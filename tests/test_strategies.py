"""The public Hypothesis strategies and the ``from_type`` entry point.

Every exported type has a strategy; what the strategies generate passes
validation; and a mutation that breaks an invariant is refused.
"""

from __future__ import annotations

import datetime
import importlib.metadata
import subprocess
import sys
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import villagemodel as vm
from villagemodel.errors import DatasetValidationError, InvalidValueError, PeriodError
from villagemodel.ids import MemberId, ProjectId
from villagemodel.testing import strategies as vst

EXPORTED_TYPES: list[type] = [
    obj
    for obj in (getattr(vm, name) for name in vm.__all__)
    if isinstance(obj, type) and not issubclass(obj, BaseException) and obj is not vm.Table
]

# A few examples per type are enough to show that from_type works and that
# the values are valid; the record strategies get more below.
FEW = settings(
    max_examples=min(settings().max_examples, 25),
    suppress_health_check=[HealthCheck.too_slow],
)
# Whole datasets cost tens of milliseconds each.
DATASETS = settings(
    max_examples=min(settings().max_examples, 15),
    suppress_health_check=[HealthCheck.too_slow],
)
SOME = settings(max_examples=min(settings().max_examples, 60))


def _revalidated(value: Any) -> None:
    """Build the value again through its validators."""
    if isinstance(value, vm.Dataset):
        assert vm.Dataset.check(**value.tables()) == ()
    elif attrs.has(type(value)):
        assert attrs.evolve(value) == value


# -- coverage of the exported types -----------------------------------------------------


def test_every_exported_type_has_a_registered_strategy() -> None:
    registered = vst.type_strategies()
    missing = [t.__name__ for t in EXPORTED_TYPES if t not in registered]
    assert missing == []


def test_every_name_in_all_exists() -> None:
    for name in vst.__all__:
        assert callable(getattr(vst, name)), name


@pytest.mark.parametrize("kind", EXPORTED_TYPES, ids=lambda t: t.__name__)
@FEW
@given(data=st.data())
def test_from_type_generates_valid_values(kind: type, data: st.DataObject) -> None:
    value = data.draw(st.from_type(kind))
    assert isinstance(value, kind)
    _revalidated(value)


RECORD_STRATEGIES: list[tuple[str, st.SearchStrategy[Any]]] = [
    (name, strategy())
    for name, strategy in sorted(vars(vst).items())
    if name in vst.__all__ and name not in {"datasets", "enums", "type_strategies"}
]


@pytest.mark.parametrize(("name", "strategy"), RECORD_STRATEGIES, ids=str)
@SOME
@given(data=st.data())
def test_record_strategies_pass_validation(
    name: str, strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    _revalidated(data.draw(strategy))


# -- the entry point ----------------------------------------------------------------------


def test_importing_the_package_does_not_import_hypothesis() -> None:
    code = "import villagemodel, sys; assert 'hypothesis' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_entry_point_is_declared() -> None:
    found = importlib.metadata.entry_points(group="hypothesis")
    assert "villagemodel.testing._hypothesis:_hypothesis_setup_hook" in {
        ep.value for ep in found if ep.name == "villagemodel"
    }


def test_from_type_works_without_importing_the_strategies() -> None:
    code = (
        "import villagemodel as vm\n"
        "from hypothesis import find, strategies as st\n"
        "assert repr(st.from_type(vm.Household)) == 'households()'\n"
        "cadre = find(st.from_type(vm.Cadre), lambda c: c.status is vm.CadreStatus.SERVING)\n"
        "assert cadre.post is not None\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- pinned fields and cross-field rules --------------------------------------------------


@SOME
@given(vst.households(village_id=st.just("taohua"), hamlet_id=st.none()))
def test_pinned_fields_are_kept(household: vm.Household) -> None:
    assert household.village_id == "taohua"
    assert household.hamlet_id is None


@SOME
@given(vst.monitoring_records(risk_eliminated_on=st.just(datetime.date(2019, 5, 1))))
def test_pinned_elimination_gets_an_earlier_identification(record: vm.MonitoringRecord) -> None:
    assert record.risk_eliminated_on is not None
    assert record.identified_on <= record.risk_eliminated_on


@SOME
@given(vst.meetings(attendees=st.just(vm.PersonCount(40))))
def test_pinned_attendees_get_enough_members_due(meeting: vm.Meeting) -> None:
    assert meeting.members_due is None or meeting.members_due >= vm.PersonCount(40)


@SOME
@given(vst.projects(quantity=st.just(vm.Quantity(3, vm.Unit.BRIDGE))))
def test_pinned_quantity_gets_a_kind_in_its_unit(project: vm.Project) -> None:
    assert project.kind.unit in (None, vm.Unit.BRIDGE)


@SOME
@given(vst.allocations(project_id=st.just("p1"), household_id=st.just("h1")))
def test_allocation_goes_to_one_of_the_pinned_recipients(allocation: vm.Allocation) -> None:
    assert allocation.village_id is None
    assert (allocation.project_id is None) != (allocation.household_id is None)


@SOME
@given(vst.cadres(status=st.just(vm.CadreStatus.SERVING)))
def test_serving_cadres_hold_posts(cadre: vm.Cadre) -> None:
    assert cadre.post is not None


# -- mutations that break an invariant are refused ----------------------------------------


@SOME
@given(vst.monitoring_records(), st.integers(1, 400))
def test_elimination_before_identification_is_refused(
    record: vm.MonitoringRecord, days: int
) -> None:
    with pytest.raises(PeriodError, match="risk_eliminated_on"):
        attrs.evolve(
            record, risk_eliminated_on=record.identified_on - datetime.timedelta(days=days)
        )


@SOME
@given(vst.cadres(status=st.just(vm.CadreStatus.SERVING)))
def test_serving_cadre_without_post_is_refused(cadre: vm.Cadre) -> None:
    with pytest.raises(InvalidValueError, match="holds a post"):
        attrs.evolve(cadre, post=None)


@SOME
@given(vst.cadres(since=st.dates(min_value=datetime.date(2020, 1, 2))))
def test_cadre_leaving_before_starting_is_refused(cadre: vm.Cadre) -> None:
    assert cadre.since is not None
    with pytest.raises(PeriodError):
        attrs.evolve(cadre, until=cadre.since - datetime.timedelta(days=1))


@SOME
@given(vst.industries(kind=st.just(vm.IndustryKind.OTHER)))
def test_unnamed_other_industry_is_refused(industry: vm.Industry) -> None:
    with pytest.raises(InvalidValueError, match="must be named"):
        attrs.evolve(industry, name=None)


@SOME
@given(vst.activities(kind=st.just(vm.ActivityKind.OTHER)))
def test_untitled_other_activity_is_refused(activity: vm.Activity) -> None:
    with pytest.raises(InvalidValueError, match="needs a title"):
        attrs.evolve(activity, title=None)


@SOME
@given(vst.projects(kind=st.sampled_from([k for k in vm.ProjectKind if k.unit is not None])))
def test_quantity_in_another_unit_is_refused(project: vm.Project) -> None:
    other = next(u for u in vm.Unit if u is not project.kind.unit)
    with pytest.raises(InvalidValueError, match="counted in"):
        attrs.evolve(project, quantity=vm.Quantity(1, other))


@SOME
@given(vst.allocations(village_id=st.just("v1")))
def test_allocation_with_two_recipients_is_refused(allocation: vm.Allocation) -> None:
    with pytest.raises(InvalidValueError, match="exactly one"):
        attrs.evolve(allocation, project_id=ProjectId("p1"))
    with pytest.raises(InvalidValueError, match="exactly one"):
        attrs.evolve(allocation, village_id=None)


@SOME
@given(vst.meetings(members_due=st.integers(0, 60).map(vm.PersonCount)))
def test_more_attendees_than_members_due_is_refused(meeting: vm.Meeting) -> None:
    assert meeting.members_due is not None
    with pytest.raises(InvalidValueError, match="more attendees"):
        attrs.evolve(meeting, attendees=meeting.members_due + vm.PersonCount(1))


@SOME
@given(vst.branch_ratings())
def test_rating_dated_before_its_year_is_refused(rating: vm.BranchRating) -> None:
    with pytest.raises(PeriodError):
        attrs.evolve(rating, rated_on=datetime.date(rating.year - 1, 12, 31))


@SOME
@given(vst.work_teams(started_on=st.dates(min_value=datetime.date(2020, 1, 2))))
def test_work_team_ending_before_start_is_refused(team: vm.WorkTeam) -> None:
    assert team.started_on is not None
    with pytest.raises(PeriodError):
        attrs.evolve(team, ended_on=team.started_on - datetime.timedelta(days=1))


@SOME
@given(vst.poverty_statuses(kind=st.just(vm.PovertyStatusKind.MONITORED)))
def test_monitored_status_without_category_is_refused(status: vm.PovertyStatus) -> None:
    with pytest.raises(InvalidValueError, match="exactly when monitored"):
        attrs.evolve(status, category=None)


@SOME
@given(vst.water_supplies())
def test_more_dry_days_than_a_year_is_refused(water: vm.WaterSupply) -> None:
    with pytest.raises(InvalidValueError, match="366"):
        attrs.evolve(water, days_without_supply_per_year=367)
    with pytest.raises(InvalidValueError):
        attrs.evolve(water, litres_per_person_per_day=Decimal(-1))


@SOME
@given(vst.guarantee_surveys(uninsured_member_ids=st.just([MemberId("m1")])))
def test_survey_naming_a_member_twice_is_refused(survey: vm.GuaranteeSurvey) -> None:
    with pytest.raises(InvalidValueError, match="listed twice"):
        attrs.evolve(survey, uninsured_member_ids=(MemberId("m1"), MemberId("m1")))


@SOME
@given(vst.operating_models())
def test_operating_model_naming_a_party_twice_is_refused(model: vm.OperatingModel) -> None:
    with pytest.raises(InvalidValueError, match="twice"):
        attrs.evolve(model, parts=(*model.parts, model.parts[0]))


@DATASETS
@given(vst.datasets(households_per_village=st.integers(1, 3)), st.data())
def test_duplicated_household_is_refused(dataset: vm.Dataset, data: st.DataObject) -> None:
    tables = dict(dataset.tables())
    households = tables["households"]
    copy = data.draw(st.sampled_from(households))
    tables["households"] = (*households, copy)
    with pytest.raises(DatasetValidationError) as raised:
        vm.Dataset(**tables)  # type: ignore[arg-type]
    problems = raised.value.problems
    assert [(p.path, p.value) for p in problems] == [(f"households[{len(households)}].id", copy.id)]


@DATASETS
@given(vst.datasets(), vst.households(id=st.just("stray"), village_id=st.just("nowhere")))
def test_household_in_unknown_village_is_refused(dataset: vm.Dataset, stray: vm.Household) -> None:
    tables = dict(dataset.tables())
    tables["households"] = (*tables["households"], stray)
    paths = [p.path for p in vm.Dataset.check(**tables)]
    assert f"households[{len(dataset.households)}].village_id" in paths


@DATASETS
@given(vst.datasets(households_per_village=st.integers(1, 3)), st.data())
def test_monitoring_category_against_history_is_refused(
    dataset: vm.Dataset, data: st.DataObject
) -> None:
    household = data.draw(st.sampled_from(dataset.households))
    category = (
        vm.RiskCategory.MARGINAL
        if household.history is vm.PovertyHistory.FORMERLY_POOR
        else vm.RiskCategory.UNSTABLE_FORMERLY_POOR
    )
    record = data.draw(
        vst.monitoring_records(
            id=st.just("wrong-category"),
            household_id=st.just(household.id),
            category=st.just(category),
        )
    )
    tables = dict(dataset.tables())
    tables["monitoring"] = (*tables["monitoring"], record)
    problems = vm.Dataset.check(**tables)
    assert f"monitoring[{len(dataset.monitoring)}].category" in [p.path for p in problems]
