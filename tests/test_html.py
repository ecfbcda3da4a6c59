"""The report as one self-contained HTML page (villagemodel.html)."""

from __future__ import annotations

import datetime
import html
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import attrs
import pytest

from villagemodel import datasets
from villagemodel.charts import ChartsUnavailableError
from villagemodel.claims import load_claims
from villagemodel.dataset import Dataset
from villagemodel.errors import VillageModelError
from villagemodel.html import render_html
from villagemodel.parameters import ParameterSet, Source
from villagemodel.report import Report, build_report

CHART_IDS = (
    "collective-income",
    "branch-stars",
    "funds-by-source",
    "allocations-by-purpose",
    "monitored-households",
)


def _report(name: str, dataset: Dataset | None = None) -> tuple[Report, Dataset]:
    data = datasets.load(name) if dataset is None else dataset
    report = build_report(
        data, load_claims("lingyun-2022"), name=name, synthetic=datasets.info(name).synthetic
    )
    return report, data


@pytest.fixture(scope="module")
def synthetic() -> tuple[Report, Dataset]:
    return _report("lingyun-2022-synthetic")


@pytest.fixture(scope="module")
def synthetic_page(synthetic: tuple[Report, Dataset]) -> str:
    return render_html(*synthetic)


@pytest.fixture(scope="module")
def bundled() -> tuple[Report, Dataset]:
    return _report("lingyun-2022")


@pytest.fixture(scope="module")
def bundled_page(bundled: tuple[Report, Dataset]) -> str:
    return render_html(*bundled)


def _figure(page: str, chart_id: str) -> str:
    """The ``<figure>`` of one chart."""
    found = re.search(rf'<figure class="chart" id="chart-{chart_id}".*?</figure>', page, re.S)
    assert found is not None, chart_id
    return found.group(0)


def _line_item(page: str, claim_id: str) -> str:
    """The ``<li>`` of one report line."""
    found = re.search(rf'<li class="line[^"]*" id="claim-{claim_id}">.*?</li>', page, re.S)
    assert found is not None, claim_id
    return found.group(0)


# -- the report's words ------------------------------------------------------------------


def test_every_section_and_line_is_on_the_page(
    synthetic: tuple[Report, Dataset], synthetic_page: str
) -> None:
    report, _ = synthetic
    sections = list(report.sections())
    assert len(sections) == 8
    for index, (section, lines) in enumerate(sections):
        assert f'<section id="section-{index + 1}">\n<h2>{html.escape(section)}</h2>' in (
            synthetic_page
        )
        for line in lines:
            assert f'<p class="text">{html.escape(line.text_zh)}</p>' in synthetic_page
    assert synthetic_page.count('<li class="line ') == len(report.lines) == 52
    assert synthetic_page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert synthetic_page.rstrip().endswith("</html>")


def test_header_gives_title_source_date_and_synthetic_note(
    synthetic_page: str, bundled_page: str
) -> None:
    claims = load_claims("lingyun-2022")
    for page in (synthetic_page, bundled_page):
        assert f"<title>{html.escape(claims.title_zh)}</title>" in page
        assert f"<h1>{html.escape(claims.title_zh)}</h1>" in page
        assert html.escape(claims.source_title) in page
        assert "<dt>截至</dt><dd>2023年4月18日</dd>" in page
    assert '<p class="synthetic" role="note">' in synthetic_page
    assert "<dd>52个数字中41个由记录算出，其余照录报告原文</dd>" in synthetic_page
    assert '<p class="synthetic"' not in bundled_page


def test_each_line_says_where_its_figure_comes_from(synthetic_page: str, bundled_page: str) -> None:
    computed = _line_item(synthetic_page, "income-total")
    assert "2022年,帮扶的6个村集体经济收入总量为90.2万元" in computed
    assert "由记录算出" in computed
    assert "记录与报告一致" in computed
    assert "照录报告原文" not in computed
    stated = _line_item(bundled_page, "income-total")
    assert "照录报告原文" in stated
    assert "记录不足以判定" in stated
    assert "由记录算出" not in stated


def test_a_contradicted_figure_is_flagged_with_the_reports_words(
    synthetic: tuple[Report, Dataset],
) -> None:
    _, dataset = synthetic
    claims = load_claims("lingyun-2022").with_claim("income-total", stated="80.2万元")
    page = render_html(build_report(dataset, claims), dataset, charts=False)
    item = _line_item(page, "income-total")
    assert "verdict-contradicted" in item
    assert "记录与报告不符（报告写作“80.2万元”）" in item
    assert "90.2万元" in item  # the figure from the records
    assert "记录与报告不符" not in _line_item(page, "income-taohua")


# -- the charts ---------------------------------------------------------------------------


def test_one_svg_per_chart_for_the_synthetic_dataset(synthetic_page: str) -> None:
    assert synthetic_page.count("<svg") == len(CHART_IDS)
    assert '<body data-charts="5">' in synthetic_page
    assert "无图" not in synthetic_page
    for chart_id in CHART_IDS:
        figure = _figure(synthetic_page, chart_id)
        assert figure.count("<svg") == 1
        assert figure.count('<table class="chart-data"') == 1
        # an accessible name: the title element the svg is labelled by
        label = re.search(r'<svg[^>]* role="img" aria-labelledby="([^"]+)"', figure)
        assert label is not None
        title = re.search(rf'<title id="{label.group(1)}">([^<]+)</title>', figure)
        assert title is not None
        assert f"<h3>{title.group(1)}</h3>" in figure


def test_bundled_dataset_says_which_charts_have_no_records(bundled_page: str) -> None:
    # lingyun-2022 records one village's collective income and nothing else drawn here.
    assert bundled_page.count("<svg") == 1
    assert '<body data-charts="1">' in bundled_page
    income = _figure(bundled_page, "collective-income")
    assert "<svg" in income
    assert '<td class="figure">22.7万元</td>' in income
    assert '<td class="figure">无记录</td>' in income
    assert "5个村无2022年记录，图中无柱（无记录不等于收入为零）" in income
    expected = {
        "branch-stars": "无图：数据集中没有党支部2022年的星级评定记录",
        "funds-by-source": "无图：数据集中没有截至2023年4月18日收到的资金记录",
        "allocations-by-purpose": "无图：数据集中没有截至2023年4月18日的资金拨付记录",
        "monitored-households": "无图：数据集中没有截至2023年4月18日的防返贫监测记录",
    }
    for chart_id, text in expected.items():
        figure = _figure(bundled_page, chart_id)
        assert "<svg" not in figure
        assert "<table" not in figure
        assert text in figure


def test_exact_figures_in_tables_and_charts(synthetic_page: str) -> None:
    income = _figure(synthetic_page, "collective-income")
    for village, amount in (
        ("陶化村", "22.7万元"),
        ("双达村", "21.69万元"),
        ("后龙村", "11.66万元"),
    ):
        assert f'<th scope="row">{village}</th><td class="figure">{amount}</td>' in income
        assert f">{amount}</text>" in income  # the bar's label in the SVG, as text
    assert "90.2万元" in synthetic_page
    stars = _figure(synthetic_page, "branch-stars")
    assert '<th scope="row">双达村党支部</th><td class="figure">五星</td>' in stars
    assert "五星：1个；四星：1个；三星：4个" in stars  # as the report: 1, 1 and 4 branches
    funds = _figure(synthetic_page, "funds-by-source")
    assert '<td class="figure">15.5万元</td><td>7笔</td>' in funds  # school donations
    assert '<td class="figure">1144.78万元</td>' in funds  # the report's subsidies
    monitored = _figure(synthetic_page, "monitored-households")
    # the households whose risk was eliminated are the report's 35
    assert "合计：监测中10户，已消除风险35户" in monitored


def test_thresholds_drawn_are_those_in_force_and_examples_are_marked(
    synthetic: tuple[Report, Dataset], synthetic_page: str
) -> None:
    income = _figure(synthetic_page, "collective-income")
    svg = income[income.index("<svg") : income.index("</svg>")]
    assert ">空壳村标准 5万元（示例值，非官方标准）</text>" in svg
    assert ">来源：村级集体经济研究论文（2023年，题名未记录）</text>" in svg
    assert "薄弱村" not in svg  # no weak-village threshold is shipped
    assert "薄弱村标准：CN/guangxi/baise/lingyun于2022年12月31日无适用数值，未画线" in income

    without_examples = render_html(*synthetic, allow_examples=False)
    income = _figure(without_examples, "collective-income")
    svg = income[income.index("<svg") : income.index("</svg>")]
    assert "标准" not in svg
    assert "示例值" not in income
    assert "空壳村标准：CN/guangxi/baise/lingyun于2022年12月31日无适用数值" in income

    given = ParameterSet.default().with_value(
        "collective_economy.weak_threshold",
        "120000",
        jurisdiction="CN/guangxi",
        effective_from=datetime.date(2021, 1, 1),
        source=Source(title="某县村级集体经济分类办法"),
    )
    supplied = render_html(*synthetic, parameters=given)
    income = _figure(supplied, "collective-income")
    svg = income[income.index("<svg") : income.index("</svg>")]
    assert ">薄弱村标准 12万元</text>" in svg
    assert "薄弱村标准 12万元（示例值" not in income  # a caller's value is not an example
    assert ">来源：某县村级集体经济分类办法</text>" in svg
    assert "适用于CN/guangxi，自2021年1月1日起" in income


def test_english_page(synthetic: tuple[Report, Dataset]) -> None:
    page = render_html(*synthetic, lang="en")
    report, _ = synthetic
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert html.escape(report.line("income-total").text_en) in page
    assert "from the records" in page
    income = _figure(page, "collective-income")
    assert '<td class="figure">227,000 yuan</td>' in income
    assert "shell village threshold 50,000 yuan (EXAMPLE value, not an official threshold)" in (
        income
    )


def test_without_charts_the_tables_stay(synthetic: tuple[Report, Dataset]) -> None:
    page = render_html(*synthetic, charts=False)
    assert "<svg" not in page
    assert '<body data-charts="0">' in page
    assert page.count('<table class="chart-data"') == len(CHART_IDS)


# -- safety and sameness ------------------------------------------------------------------


MATHS = (r"$\frac{1}{$", "$x^2$村", r"$\alpha$ & <b>")
"""Names that matplotlib would read as formulas (or fail to) unless told not to."""


def test_text_is_escaped(synthetic: tuple[Report, Dataset]) -> None:
    _, dataset = synthetic
    hostile = '<script>alert("x")</script>村'
    renamed = attrs.evolve(dataset.villages[1], name=hostile)
    maths = [
        attrs.evolve(village, name=name)
        for village, name in zip(dataset.villages[2:5], MATHS, strict=True)
    ]
    data = attrs.evolve(
        dataset, villages=(dataset.villages[0], renamed, *maths, *dataset.villages[5:])
    )
    report = build_report(data, load_claims("lingyun-2022"), name="<b>bold</b>")
    page = render_html(report, data)
    assert "<script>alert" not in page
    assert "<b>bold" not in page
    assert page.count("<script") == 1  # the page's own render check
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;村"
    assert f'<th scope="row">{escaped}</th>' in page  # the chart's table
    assert f"{escaped}11.5万元" in _line_item(page, "income-other-four")  # the report's line
    assert '&lt;script&gt;alert("x")&lt;/script&gt;村</text>' in page  # the SVG's tick label
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    for chart in ("collective-income", "branch-stars"):  # the charts naming villages
        figure = _figure(page, chart)
        for name in MATHS:  # drawn as written, not as a formula
            assert f">{html.escape(name, quote=False)}</text>" in figure, (chart, name)


def test_page_is_self_contained(synthetic_page: str) -> None:
    assert "https://" not in synthetic_page
    assert not re.search(r"\b(src|href)=\"(?!#)", synthetic_page)
    assert "<link" not in synthetic_page
    assert "@import" not in synthetic_page
    namespaces = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
    assert set(re.findall(r"http://[^\"\s)]+", synthetic_page)) == namespaces
    assert "<metadata>" not in synthetic_page
    assert "<?xml" not in synthetic_page


def test_ids_are_unique_across_the_charts(synthetic_page: str) -> None:
    ids = Counter(re.findall(r'\bid="([^"]+)"', synthetic_page))
    assert [ident for ident, n in ids.items() if n > 1] == []
    for target in re.findall(r"url\(#([^)]+)\)|href=\"#([^\"]+)\"", synthetic_page):
        assert (target[0] or target[1]) in ids


def test_rendering_twice_gives_the_same_bytes(
    synthetic: tuple[Report, Dataset], synthetic_page: str
) -> None:
    again = render_html(*synthetic)
    assert again.encode() == synthetic_page.encode()


def test_importing_does_not_import_matplotlib() -> None:
    code = (
        "import sys, villagemodel, villagemodel.html, villagemodel.charts; "
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported'"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr


def test_missing_matplotlib_is_a_library_error(
    bundled: tuple[Report, Dataset], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    with pytest.raises(ChartsUnavailableError, match=r"villagemodel\[charts\]") as raised:
        render_html(*bundled)
    assert isinstance(raised.value, VillageModelError)
    page = render_html(*bundled, charts=False)  # the page without pictures still renders
    assert '<td class="figure">22.7万元</td>' in page


# -- in a browser -------------------------------------------------------------------------


def _chromium() -> str:
    found = (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )
    if found is None:
        pytest.skip("Chromium is not installed; .ci/run installs it with apt-get")
    return found


def _headless(browser: str, profile: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=5000",
            *arguments,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_browser_lays_out_every_chart(synthetic_page: str, tmp_path: Path) -> None:
    browser = _chromium()
    page = tmp_path / "report.html"
    page.write_text(synthetic_page, encoding="utf-8")
    dumped = _headless(browser, tmp_path / "profile", "--dump-dom", page.as_uri())
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    body = re.search(r"<body[^>]*>", dumped.stdout)
    assert body is not None, dumped.stdout[:2000]
    assert 'data-charts="5"' in body.group(0)
    # written by the page's script: charts with a size and drawn shapes
    assert 'data-charts-rendered="5"' in body.group(0)
    for chart_id in CHART_IDS:  # at least one bar or other mark per row of the chart's table
        figure = re.search(rf'<figure class="chart" id="chart-{chart_id}"[^>]*>', dumped.stdout)
        assert figure is not None, chart_id
        marks = re.search(r'data-marks="(\d+)"', figure.group(0))
        assert marks is not None, figure.group(0)
        rows = _figure(synthetic_page, chart_id).count('<th scope="row">')
        assert rows > 0
        assert int(marks.group(1)) >= rows, (chart_id, marks.group(1), rows)

    shot = tmp_path / "report.png"
    taken = _headless(
        browser,
        tmp_path / "profile",
        "--hide-scrollbars",
        "--window-size=1000,2400",
        f"--screenshot={shot}",
        page.as_uri(),
    )
    assert taken.returncode == 0, taken.stderr[-2000:]
    picture = shot.read_bytes()
    assert picture.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(picture) > 50_000  # text and charts, not a blank page
