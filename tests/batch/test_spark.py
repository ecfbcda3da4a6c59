"""The same expressions on PySpark (local mode), on the synthetic dataset.

Skipped, saying why, where PySpark or Java is missing. Install with
``pip install -e '.[spark]'``. A Spark session takes seconds to start, so
one session serves the whole module, on two local cores, with a few
metrics only.
"""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from tests.batch._cases import AS_OF, Request, compare, expected_village_row
from villagemodel.batch import (
    VILLAGE_COLUMNS,
    Connection,
    connect,
    dataset_to_tables,
    village_table,
    write_parquet,
)
from villagemodel.dataset import Dataset
from villagemodel.households import HousingGrade
from villagemodel.ids import SurveyId
from villagemodel.metrics import Subject
from villagemodel.periods import Period
from villagemodel.synthetic import build_synthetic

pytest.importorskip("pyspark", reason="PySpark is not installed (pip install -e '.[spark]')")
if shutil.which("java") is None:
    pytest.skip("no Java runtime on PATH: PySpark needs one", allow_module_level=True)

from pyspark.sql import SparkSession

pytestmark = pytest.mark.filterwarnings(
    # PySpark warns on import of its pandas helpers when pandas is 3.x; the
    # batch layer hands Spark Arrow tables, not pandas frames.
    "ignore:PySpark does not yet fully support pandas:FutureWarning",
)


@pytest.fixture(scope="module")
def session() -> Iterator[Any]:
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("villagemodel-batch-tests")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def synthetic() -> Dataset:
    return build_synthetic()


@pytest.fixture(scope="module")
def spark(session: Any, synthetic: Dataset) -> Connection:
    con = connect("pyspark", session=session)
    con.load(dataset_to_tables(synthetic))
    return con


YEAR_2022 = Period.calendar_year(2022)
UP_TO_NOW = Period.up_to(AS_OF)
REQUESTS = (
    Request("collective_income.total", Subject.all(), YEAR_2022),
    Request("collective_income.per_village", Subject.township("lingzhan"), YEAR_2022),
    Request("monitoring.eliminated_households", Subject.all(), UP_TO_NOW, {"count": "people"}),
    Request("guarantees.insured_share", Subject.villages("taohua"), UP_TO_NOW),
    Request("guarantees.safe_housing_share", Subject.all(), UP_TO_NOW),
    Request(
        "funds.allocated", Subject.all(), Period.since(2021, as_of=AS_OF), {"sources": "assistance"}
    ),
    Request(
        "income.formerly_poor_growth",
        Subject.all(),
        Period(start=datetime.date(2021, 1, 1), end=datetime.date(2022, 12, 31)),
    ),
)


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda r: r.metric)
def test_spark_equals_the_object_model(
    synthetic: Dataset, spark: Connection, request_: Request
) -> None:
    compare(synthetic, spark, request_)


def test_spark_reads_parquet(session: Any, synthetic: Dataset, tmp_path: Path) -> None:
    write_parquet(dataset_to_tables(synthetic), tmp_path)
    con = connect("pyspark", session=session.newSession())
    con.load_parquet(tmp_path)
    compare(synthetic, con, REQUESTS[0])


def test_spark_village_table_equals_the_object_model(synthetic: Dataset, spark: Connection) -> None:
    table = village_table(spark, 2022, AS_OF)
    assert table.column_names == list(VILLAGE_COLUMNS)
    assert table.to_pylist() == [
        expected_village_row(synthetic, village.id, 2022, AS_OF)
        for village in sorted(synthetic.villages, key=lambda v: v.id)
    ]


def test_spark_takes_the_greater_id_of_two_surveys_the_same_day(
    session: Any, synthetic: Dataset
) -> None:
    """Spark finds the latest survey with a window function: the tie rule holds."""
    survey = next(s for s in synthetic.surveys if s.housing_grade is HousingGrade.A)
    twin = attrs.evolve(survey, id=SurveyId(survey.id + "b"), housing_grade=HousingGrade.D)
    dataset = attrs.evolve(synthetic, surveys=(twin, *synthetic.surveys))
    # A session of its own: temporary views belong to a session, and the
    # module's connection keeps its tables.
    con = connect("pyspark", session=session.newSession())
    con.load(dataset_to_tables(dataset))
    village = dataset.household(survey.household_id).village_id
    on = survey.surveyed_on
    (row,) = village_table(con, 2022, on, Subject.villages(village)).to_pylist()
    assert row == expected_village_row(dataset, village, 2022, on)
    assert row["housing_D"] >= 1
