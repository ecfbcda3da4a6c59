"""The synthetic micro dataset gives back every figure of the source report.

Each test computes one figure of the report from the synthetic records with
:func:`villagemodel.metrics.compute` and asserts it against the report's
sentence, quoted in the docstring: exactly where the report is exact, inside
the interval the report's wording gives (``20余万元``, ``600余盏``,
``超过1000万元``) where it is approximate. Each runs on the bundled seed and two
others: any seed must give a dataset that reproduces the report.

Periods, as of the report's date (18 April 2023): "2022年" is the calendar
year, "2021年以来" runs from 1 January 2021, "两年来" is the two years to the
as-of date, "截至目前" and "累计" cover everything up to it.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from villagemodel import datasets
from villagemodel.approx import parse
from villagemodel.dataset import TABLES, Dataset
from villagemodel.households import PovertyHistory
from villagemodel.metrics import ExactPercentage, MoneyAverage, Subject, compute
from villagemodel.money import Money
from villagemodel.parameters import ParameterSet
from villagemodel.party import CadreStatus
from villagemodel.periods import Period
from villagemodel.quantities import Count, Percentage, Quantity
from villagemodel.rules.guarantees import Component, WaterArea, guarantee_shares
from villagemodel.rules.meetings import check_branch_meetings
from villagemodel.synthetic import DEFAULT_SEED, NAME, build_synthetic

AS_OF = datetime.date(2023, 4, 18)
YEAR_2022 = Period.calendar_year(2022)
SINCE_2021 = Period.since(2021, as_of=AS_OF)
TWO_YEARS = Period.years_before(2, as_of=AS_OF)
UP_TO_NOW = Period.up_to(AS_OF)
ALL = Subject.all()
FIVE_FLAGS = "乡村振兴·五旗争创"
SEEDS = (DEFAULT_SEED, 1, 2024)

Number = Decimal | Fraction | int


@pytest.fixture(scope="module", params=SEEDS, ids=lambda seed: f"seed{seed}")
def ds(request: pytest.FixtureRequest) -> Dataset:
    seed: int = request.param
    return build_synthetic(seed)


def figure(
    dataset: Dataset,
    metric: str,
    period: Period,
    subject: Subject = ALL,
    **options: str,
) -> object:
    """The metric's value; it must be known."""
    result = compute(dataset, metric, subject, period, options or None)
    assert result.known, result.derivation.to_text()
    return result.value


def number(value: object) -> Number:
    """The plain number inside a computed value."""
    if isinstance(value, Money):
        return value.yuan
    if isinstance(value, MoneyAverage | ExactPercentage):
        return value.exact
    if isinstance(value, Count):
        return value.value
    if isinstance(value, Quantity):
        return value.amount
    if isinstance(value, Percentage):
        return value.value
    assert isinstance(value, int), value
    return value


def within(stated: str, value: object) -> bool:
    """Whether ``value`` lies in the interval the report's words give."""
    return parse(stated).interval.contains(number(value))


def each_village(dataset: Dataset) -> list[tuple[str, Subject]]:
    return [(v.name, Subject.villages(v.id)) for v in dataset.villages]


# -- 2022: collective economy, flags, designations ------------------------------------


def test_collective_income_total_is_90_2_wan(ds: Dataset) -> None:
    """2022年，帮扶的6个村集体经济收入总量为90.2万元"""
    total = figure(ds, "collective_income.total", YEAR_2022)
    assert total == Money.from_wan("90.2")


def test_collective_income_per_village_breaks_10_wan(ds: Dataset) -> None:
    """村均突破10万元"""
    average = figure(ds, "collective_income.per_village", YEAR_2022)
    assert isinstance(average, MoneyAverage)
    assert within("突破10万元", average)
    assert average * len(ds.villages) == Money.from_wan("90.2")


def test_taohua_collective_income_is_22_7_wan(ds: Dataset) -> None:
    """2022年，陶化村集体经济收入22.7万元"""
    income = figure(ds, "collective_income.total", YEAR_2022, Subject.villages("taohua"))
    assert income == Money.from_wan("22.7")


def test_shuangda_collective_income_is_20_odd_wan(ds: Dataset) -> None:
    """双达村20余万元"""
    income = figure(ds, "collective_income.total", YEAR_2022, Subject.villages("shuangda"))
    assert within("20余万元", income)


def test_other_four_villages_each_break_11_wan(ds: Dataset) -> None:
    """其他4村均突破11万元"""
    others = [v for v in ds.villages if v.id not in {"taohua", "shuangda"}]
    assert len(others) == 4
    for village in others:
        income = figure(ds, "collective_income.total", YEAR_2022, Subject.villages(village.id))
        assert within("突破11万元", income), village.name


def test_thirteen_red_flags_in_the_five_flags_competition(ds: Dataset) -> None:
    """在参与百色市2022度"乡村振兴·五旗争创"评比活动中，6个村共获得红旗13面"""
    assert figure(ds, "awards.flags", YEAR_2022, competition=FIVE_FLAGS) == 13
    for name, village in each_village(ds):
        flags = figure(ds, "awards.flags", YEAR_2022, village, competition=FIVE_FLAGS)
        assert number(flags) <= 5, f"{name}: at most one of each of the five flags"


def test_five_villages_are_key_villages(ds: Dataset) -> None:
    """有5个村被评为"乡村振兴重点村" """
    assert figure(ds, "awards.villages_designated", YEAR_2022, name="乡村振兴重点村") == 5


def test_shuangda_is_a_demonstration_village_of_2022(ds: Dataset) -> None:
    """双达村被评为2022年"广西乡村振兴创建示范村" """
    shuangda = Subject.villages("shuangda")
    name = "广西乡村振兴创建示范村"
    assert figure(ds, "awards.villages_designated", YEAR_2022, shuangda, name=name) == 1


# -- Party building -------------------------------------------------------------------


def test_47_evening_talks_and_courtyard_meetings(ds: Dataset) -> None:
    """开展"第一书记夜话"和"院坝会"活动47场"""
    kinds = "evening_talk,courtyard_meeting"
    assert figure(ds, "activities.count", UP_TO_NOW, kinds=kinds) == 47


def test_one_five_star_one_four_star_and_four_three_star_branches(ds: Dataset) -> None:
    """6个村中有1个村党支部被评为5星党支部，1个村被评为4星党支部，其余4个村被评为3星党支部"""
    counts = [figure(ds, "branches.with_rating", YEAR_2022, stars=s) for s in ("5", "4", "3")]
    assert counts == [1, 1, 4]


def test_three_meetings_one_lecture_and_themed_party_days_held_in_2022(ds: Dataset) -> None:
    """严格落实"三会一课"、主题党日等党内组织生活制度"""
    params = ParameterSet.default()
    for branch in ds.branches:
        check = check_branch_meetings(
            ds, branch.id, YEAR_2022, params=params, jurisdiction="CN/guangxi", allow_examples=True
        )
        assert not check.missing, branch.name


def test_five_new_young_party_members_as_cadres(ds: Dataset) -> None:
    """新增选用5名优秀年轻党员作为村干"""
    assert figure(ds, "cadres.new", SINCE_2021) == 5
    new = [
        c
        for c in ds.cadres
        if c.status is CadreStatus.SERVING and c.since is not None and c.since in SINCE_2021
    ]
    members = {m.id: m for m in ds.party_members}
    for cadre in new:
        assert cadre.party_member_id is not None
        born = members[cadre.party_member_id].born_on
        assert born is not None
        assert AS_OF.year - born.year <= 40, "a young Party member"
    # Cadres who served before 2021 are not new: the period matters.
    assert number(figure(ds, "cadres.new", UP_TO_NOW)) > 5


def test_eight_reserve_cadres_trained(ds: Dataset) -> None:
    """培养后备干部8名"""
    assert figure(ds, "cadres.reserve", SINCE_2021) == 8


def test_every_village_has_new_or_reserve_cadres(ds: Dataset) -> None:
    """每个村都锻造了一支带不走的工作队"""
    for name, village in each_village(ds):
        new = figure(ds, "cadres.new", SINCE_2021, village)
        reserve = figure(ds, "cadres.reserve", SINCE_2021, village)
        assert isinstance(new, int)
        assert isinstance(reserve, int)
        assert new + reserve >= 1, name


# -- preventing relapse into poverty ------------------------------------------------------


def test_35_monitored_households_with_150_people_have_their_risk_eliminated(
    ds: Dataset,
) -> None:
    """截至目前，6个村已消除风险的监测户共35户150人"""
    metric = "monitoring.eliminated_households"
    assert number(figure(ds, metric, UP_TO_NOW, count="households")) == 35
    assert number(figure(ds, metric, UP_TO_NOW, count="people")) == 150


def test_donations_for_schooling_total_15_5_wan(ds: Dataset) -> None:
    """联系爱心企业累计捐资助学15.5万元"""
    for period in (SINCE_2021, UP_TO_NOW):
        donated = figure(ds, "funds.allocated", period, sources="donation", purposes="education")
        assert donated == Money.from_wan("15.5")


def test_156_outstanding_students_rewarded(ds: Dataset) -> None:
    """奖励156名优秀学生"""
    assert number(figure(ds, "activities.beneficiaries", UP_TO_NOW, kinds="student_award")) == 156


def test_122_new_university_students_in_two_years(ds: Dataset) -> None:
    """两年来，新增大学新生122名"""
    assert figure(ds, "education.university_admissions", TWO_YEARS) == 122


def test_four_housing_safety_inspections_in_each_village(ds: Dataset) -> None:
    """6个村分别开展4次农村自建房安全排查"""
    for name, village in each_village(ds):
        kinds = "housing_safety_inspection"
        assert figure(ds, "activities.count", UP_TO_NOW, village, kinds=kinds) == 4, name


def test_all_housing_is_safe(ds: Dataset) -> None:
    """动态监测住房安全，目前住房全部达标"""
    assert figure(ds, "guarantees.safe_housing_share", UP_TO_NOW) == ExactPercentage(Fraction(100))


def test_insurance_is_98_percent_or_more_in_each_village(ds: Dataset) -> None:
    """6个村的缴纳比例都达到98%以上"""
    for name, village in each_village(ds):
        share = figure(ds, "guarantees.insured_share", UP_TO_NOW, village)
        assert within("98%以上", share), name


def test_no_pupil_is_out_of_school(ds: Dataset) -> None:
    """积极动员辍学学生返校，持续做好"控辍保学"工作"""
    shares = guarantee_shares(
        ds,
        [v.id for v in ds.villages],
        AS_OF,
        params=ParameterSet.default(),
        jurisdiction="CN/guangxi",
        water_area=WaterArea.WATER_RICH,
    )
    tally = shares.share(Component.EDUCATION).households
    assert tally.rate is not None
    assert tally.rate.value == 1


def test_three_central_water_points(ds: Dataset) -> None:
    """通过修建集中供水点3处"""
    built = figure(ds, "projects.quantity", UP_TO_NOW, kinds="central_water_point")
    assert number(built) == 3


def test_35_household_water_tanks_upgraded(ds: Dataset) -> None:
    """改造家庭水柜35个"""
    built = figure(ds, "projects.quantity", UP_TO_NOW, kinds="household_water_tank")
    assert number(built) == 35


# -- infrastructure in two years ---------------------------------------------------------


def test_five_hazard_protection_points_in_two_years(ds: Dataset) -> None:
    """两年来，6个村利用帮扶资金新修建地质灾害防护点5个"""
    built = figure(ds, "projects.quantity", TWO_YEARS, kinds="hazard_protection_point")
    assert number(built) == 5


def test_14_industry_and_widened_roads_in_two_years(ds: Dataset) -> None:
    """修建产业路及拓宽道路14条"""
    built = figure(ds, "projects.quantity", TWO_YEARS, kinds="industry_road,road_widening")
    assert number(built) == 14


def test_15_km_of_guard_rail_in_two_years(ds: Dataset) -> None:
    """建设防护栏15公里"""
    built = figure(ds, "projects.quantity", TWO_YEARS, kinds="guard_rail")
    assert number(built) == 15


def test_six_basketball_courts_in_two_years(ds: Dataset) -> None:
    """新建篮球场6个"""
    built = figure(ds, "projects.quantity", TWO_YEARS, kinds="basketball_court")
    assert number(built) == 6


def test_three_footbridges_in_two_years(ds: Dataset) -> None:
    """修建便民桥3座"""
    built = figure(ds, "projects.quantity", TWO_YEARS, kinds="footbridge")
    assert number(built) == 3


def test_600_odd_street_lamps_in_two_years(ds: Dataset) -> None:
    """安装路灯600余盏"""
    built = figure(ds, "projects.quantity", TWO_YEARS, kinds="street_lamp")
    assert within("600余盏", built)


def test_infrastructure_was_paid_from_assistance_funds(ds: Dataset) -> None:
    """6个村利用帮扶资金新修建……"""
    funded = {a.project_id for a in ds.allocations if a.project_id is not None}
    sources = {a.project_id: ds.fund(a.fund_id).source.value for a in ds.allocations}
    for project in ds.projects:
        if project.completed_on is not None and project.completed_on in TWO_YEARS:
            assert project.id in funded, project.id
            assert sources[project.id] == "assistance", project.id


# -- funds ---------------------------------------------------------------------------------


def test_subsidies_applied_for_exceed_1000_wan(ds: Dataset) -> None:
    """帮助群众申请就业、产业、教育等各类补助累计超过1000万元"""
    subsidies = figure(
        ds,
        "funds.allocated",
        UP_TO_NOW,
        sources="subsidy",
        purposes="employment,industry,education",
    )
    assert within("超过1000万元", subsidies)


def test_assistance_funds_since_2021_are_1493_wan(ds: Dataset) -> None:
    """2021年以来，6个村共落实帮扶资金1493万元"""
    assistance = figure(ds, "funds.allocated", SINCE_2021, sources="assistance")
    assert assistance == Money.from_wan(1493)


def test_formerly_poor_income_grows_12_76_percent_a_year(ds: Dataset) -> None:
    """两年来，6个村脱贫人口可支配收入年平均增幅为12.76%"""
    growth = figure(
        ds,
        "income.formerly_poor_growth",
        TWO_YEARS,
        average="compound",
        first_year="2021",
        last_year="2022",
    )
    assert isinstance(growth, Percentage)
    assert growth.rounded(2) == Percentage("12.76")


# -- governance and culture -------------------------------------------------------------------


def test_every_hamlet_has_one_grid_worker(ds: Dataset) -> None:
    """实行网格化管理，每个屯都安排一名网格员"""
    assert figure(ds, "hamlets.with_one_grid_worker_share", UP_TO_NOW) == ExactPercentage(
        Fraction(100)
    )


def test_22_cadres_return_home_activities(ds: Dataset) -> None:
    """组织开展"干部回乡·扮靓家园"活动22次"""
    assert figure(ds, "activities.count", UP_TO_NOW, kinds="cadres_return_home") == 22


def test_eight_democratic_appraisals_in_two_years(ds: Dataset) -> None:
    """两年来，6个村累计开展8场"好婆婆""好媳妇""最美家庭"等民主评议活动"""
    assert figure(ds, "activities.count", TWO_YEARS, kinds="democratic_appraisal") == 8


def test_33_disputes_mediated_in_two_years(ds: Dataset) -> None:
    """两年来，累计调解纠纷33件"""
    assert figure(ds, "disputes.mediated", TWO_YEARS) == 33


def test_14_school_visits_in_two_years(ds: Dataset) -> None:
    """两年来，6个村开展14次第一书记进校园活动"""
    assert figure(ds, "activities.count", TWO_YEARS, kinds="school_visit") == 14


def test_patriotic_films_shown_in_each_village(ds: Dataset) -> None:
    """在6个村巡回播放爱国题材电影"""
    for name, village in each_village(ds):
        assert (
            number(figure(ds, "activities.count", SINCE_2021, village, kinds="film_screening")) >= 1
        ), name


def test_reading_clubs_and_gratitude_talks_held_repeatedly(ds: Dataset) -> None:
    """同时多次举办读书会和感恩教育宣讲会"""
    kinds = "reading_club,gratitude_talk"
    assert number(figure(ds, "activities.count", SINCE_2021, kinds=kinds)) > 1


def test_summer_programmes_for_students_held(ds: Dataset) -> None:
    """开展"暑期学子提升"活动引导青年一代树立走出大山的理想信念"""
    held = figure(ds, "activities.count", TWO_YEARS, kinds="summer_student_programme")
    assert number(held) >= 1


def test_skills_training_reached_300_odd_person_times(ds: Dataset) -> None:
    """开展技能培训帮扶农民300多人次"""
    attendance = figure(ds, "activities.person_times", UP_TO_NOW, kinds="skills_training")
    assert within("300多人次", attendance)


def test_two_year_figures_leave_out_earlier_records(ds: Dataset) -> None:
    """ "两年来" is the two years to the report: earlier records exist and are not counted."""
    for metric, options in (
        ("disputes.mediated", {}),
        ("education.university_admissions", {}),
        ("activities.count", {"kinds": "school_visit"}),
        ("activities.count", {"kinds": "democratic_appraisal"}),
        ("projects.quantity", {"kinds": "industry_road,road_widening"}),
    ):
        recent = number(figure(ds, metric, TWO_YEARS, ALL, **options))
        every = number(figure(ds, metric, UP_TO_NOW, ALL, **options))
        assert every > recent, metric


# -- the dataset itself ---------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_the_same_seed_gives_an_equal_dataset(seed: int) -> None:
    assert build_synthetic(seed) == build_synthetic(seed)


def test_different_seeds_give_different_datasets() -> None:
    built = [build_synthetic(seed) for seed in SEEDS]
    assert built[0] != built[1]
    assert built[0] != built[2]
    assert built[1] != built[2]


def test_the_dataset_validates(ds: Dataset) -> None:
    assert Dataset.check(**ds.tables()) == ()


def test_it_is_registered_as_a_bundled_synthetic_dataset() -> None:
    assert NAME in datasets.available()
    assert "lingyun-2022" in datasets.available()
    meta = datasets.info(NAME)
    assert meta.synthetic is True
    assert meta.name == NAME
    assert "SYNTHETIC" in meta.title
    assert "虚构" in meta.title_zh
    assert meta.as_of == AS_OF
    loaded = datasets.load(NAME)
    assert loaded == build_synthetic()
    assert loaded.name == NAME


def test_it_keeps_every_record_of_the_bundled_dataset(ds: Dataset) -> None:
    base = datasets.load("lingyun-2022")
    for table in TABLES:
        rows = getattr(base, table.name)
        assert getattr(ds, table.name)[: len(rows)] == rows, table.name


def test_it_is_small(ds: Dataset) -> None:
    """A few hundred households: enough to compute every figure, quick to build."""
    assert 250 <= len(ds.households) <= 400
    poor = sum(1 for h in ds.households if h.history is PovertyHistory.FORMERLY_POOR)
    assert 0 < poor < len(ds.households)
