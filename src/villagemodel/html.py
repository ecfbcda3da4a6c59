"""A report as one self-contained HTML page, with its figures and charts.

:func:`render_html` writes a :class:`~villagemodel.report.Report` as an HTML5
document that needs nothing else: the styles are inline, the charts are
inline SVG, and nothing is fetched from anywhere. The page gives the
report's title, its source and date, a warning when the records are
synthetic, and each section with its sentences; under each sentence, where
its figure comes from (the records, or the report's own words) and whether
the records bear the report out. Charts of the records
(:mod:`villagemodel.charts`) sit in the section whose figures they show,
each with a table of its exact figures; a chart without records says so
instead of drawing an empty plot.

Charts need matplotlib, an optional extra (``pip install
villagemodel[charts]``); it is imported only when a chart is drawn, and
``charts=False`` renders the page without it (the tables stay).

>>> from villagemodel import datasets
>>> from villagemodel.claims import load_claims
>>> from villagemodel.report import build_report
>>> dataset = datasets.load("lingyun-2022")
>>> report = build_report(dataset, load_claims("lingyun-2022"))
>>> page = render_html(report, dataset, charts=False)
>>> page.startswith("<!DOCTYPE html>"), "<svg" in page
(True, False)
>>> "2022年,陶化村集体经济收入22.7万元" in page
True
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Final

from villagemodel._version import __version__
from villagemodel.charts import Chart, chart_svg, report_charts
from villagemodel.claims import Verdict
from villagemodel.dataset import Dataset
from villagemodel.explain import Lang, display
from villagemodel.parameters import Jurisdiction, ParameterSet
from villagemodel.report import Report, ReportLine

__all__ = ["render_html"]


def _e(text: object) -> str:
    """Text escaped for HTML content and attribute values."""
    return html.escape(str(text), quote=True)


def _w(lang: Lang, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


_STYLE: Final = """
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d8dee4;
  --data: #2f6f3e; --report: #7a5a00; --bad: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem 1rem 3rem; color: var(--ink);
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
    "WenQuanYi Micro Hei", system-ui, sans-serif; line-height: 1.6; background: #fff; }
h1 { font-size: 1.6rem; line-height: 1.3; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem;
  margin-top: 2.2rem; }
h3 { font-size: 1.05rem; margin: 0; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; }
.synthetic { border: 2px solid var(--bad); background: #fdf0ef; padding: .6rem .8rem;
  border-radius: 4px; }
.key { color: var(--muted); font-size: .9rem; }
ol.lines { padding-left: 1.4rem; }
li.line { margin: .5rem 0 .8rem; }
.text { margin: 0; }
.provenance { margin: .1rem 0 0; font-size: .85rem; color: var(--muted); }
.badge { display: inline-block; border-radius: 3px; padding: 0 .4rem; margin-right: .4rem;
  border: 1px solid currentColor; }
.from-data { color: var(--data); }
.from-report { color: var(--report); }
.verdict-contradicted { color: var(--bad); font-weight: bold; }
.claim-id { font-family: ui-monospace, monospace; font-size: .8rem; }
figure.chart { margin: 1.5rem 0; padding: .8rem; border: 1px solid var(--line);
  border-radius: 6px; }
figure.chart svg { display: block; margin: .5rem 0; }
figcaption p { margin: .2rem 0; color: var(--muted); font-size: .9rem; }
.no-data { color: var(--muted); font-style: italic; }
table { border-collapse: collapse; font-size: .9rem; margin-top: .5rem; }
th, td { border-bottom: 1px solid var(--line); padding: .15rem .8rem .15rem 0; text-align: left; }
td.figure { font-variant-numeric: tabular-nums; }
ul.notes { font-size: .85rem; color: var(--muted); padding-left: 1.2rem; }
footer { margin-top: 3rem; font-size: .8rem; color: var(--muted); }
"""

_CHECK_SCRIPT: Final = """
window.addEventListener("load", function () {
  var drawn = 0;
  document.querySelectorAll("figure.chart").forEach(function (figure) {
    var svg = figure.querySelector("svg");
    if (!svg) { return; }
    var box = svg.getBoundingClientRect();
    var marks = svg.querySelectorAll('g[id*="-patch_"] > path[clip-path]').length;
    figure.setAttribute("data-marks", String(marks));
    if (box.width > 0 && box.height > 0 && marks > 0) {
      drawn += 1;
    }
  });
  document.body.setAttribute("data-charts-rendered", String(drawn));
});
"""
"""Counts the charts the browser lays out with a size and data drawn, and
writes the count on ``<body>``; each chart's ``<figure>`` gets the number of
its data marks (bars and other shapes inside the plot, not the backgrounds
or the axes) as ``data-marks``. A headless browser's dump of the page shows
whether the charts render. The page needs no script otherwise."""


def _provenance(line: ReportLine, lang: Lang) -> str:
    if line.source == "data":
        source = (
            f'<span class="badge from-data">{_e(_w(lang, "由记录算出", "from the records"))}</span>'
        )
    else:
        source = (
            '<span class="badge from-report">'
            f"{_e(_w(lang, '照录报告原文', 'as the report states it'))}</span>"
        )
    verdict = line.check.verdict
    if verdict is Verdict.HOLDS:
        checked = _w(lang, "记录与报告一致", "the records bear the report out")
    elif verdict is Verdict.CONTRADICTED:
        checked = _w(
            lang,
            f"记录与报告不符（报告写作“{line.claim.stated}”）",
            f"the records differ from the report (which states {line.claim.stated})",
        )
    else:
        checked = _w(lang, "记录不足以判定", "the records cannot tell")
    return (
        f'<p class="provenance">{source}'
        f'<span class="verdict verdict-{_e(verdict.code)}">{_e(checked)}</span> '
        f'<span class="claim-id">{_e(line.claim.id)}</span></p>'
    )


def _line(line: ReportLine, lang: Lang) -> str:
    return (
        f'<li class="line source-{_e(line.source)} verdict-{_e(line.check.verdict.code)}" '
        f'id="claim-{_e(line.claim.id)}">\n'
        f'<p class="text">{_e(line.text(lang))}</p>\n'
        f"{_provenance(line, lang)}\n</li>"
    )


def _table(chart: Chart) -> str:
    with_notes = any(row.note for row in chart.rows)
    columns = chart.columns if with_notes else chart.columns[:2]
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in columns)
    body = []
    for row in chart.rows:
        cells = f'<th scope="row">{_e(row.label)}</th><td class="figure">{_e(row.value)}</td>'
        if with_notes:
            cells += f"<td>{_e(row.note)}</td>"
        body.append(f"<tr>{cells}</tr>")
    return (
        f'<table class="chart-data" aria-label="{_e(chart.title)}">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody></table>"
    )


def _figure(chart: Chart, lang: Lang, *, draw: bool) -> str:
    parts = [
        f'<figure class="chart" id="chart-{_e(chart.id)}" data-chart="{_e(chart.id)}">',
        f"<figcaption><h3>{_e(chart.title)}</h3><p>{_e(chart.caption)}</p></figcaption>",
    ]
    if chart.empty is not None:
        parts.append(
            f'<p class="no-data" role="note">{_e(_w(lang, "无图：", "No chart: "))}'
            f"{_e(chart.empty)}</p>"
        )
    else:
        if draw:
            parts.append(chart_svg(chart, id_prefix=f"svg-{chart.id}"))
        parts.append(_table(chart))
        if chart.notes:
            parts.append(
                '<ul class="notes">\n'
                + "\n".join(f"<li>{_e(note)}</li>" for note in chart.notes)
                + "\n</ul>"
            )
    parts.append("</figure>")
    return "\n".join(parts)


def _placed(
    charts: Sequence[Chart], sections: Sequence[tuple[str, tuple[ReportLine, ...]]]
) -> tuple[dict[int, list[Chart]], list[Chart]]:
    """Each chart in the first section with a figure of the metrics it shows;
    the charts no section shows go at the end."""
    by_section: dict[int, list[Chart]] = {}
    rest: list[Chart] = []
    for chart in charts:
        for index, (_, lines) in enumerate(sections):
            if any(line.claim.metric.startswith(chart.metrics) for line in lines):
                by_section.setdefault(index, []).append(chart)
                break
        else:
            rest.append(chart)
    return by_section, rest


def _header(report: Report, lang: Lang) -> Iterable[str]:
    claims = report.claims
    title = claims.title_zh if lang == "zh" else claims.title
    from_data = sum(1 for line in report.lines if line.source == "data")
    yield f"<header>\n<h1>{_e(title)}</h1>"
    yield '<dl class="meta">'
    rows = (
        (_w(lang, "来源", "Source"), claims.source_title),
        (
            _w(lang, "发布", "Published"),
            _w(lang, "，", ", ").join((claims.publisher, display(claims.published_on, lang))),
        ),
        (_w(lang, "截至", "As of"), display(claims.as_of, lang)),
        (_w(lang, "数据集", "Dataset"), report.dataset),
        (
            _w(lang, "数字", "Figures"),
            _w(
                lang,
                f"{len(report.lines)}个数字中{from_data}个由记录算出，其余照录报告原文",
                f"{from_data} of {len(report.lines)} figures computed from the records; "
                "the others as the report states them",
            ),
        ),
    )
    for label, value in rows:
        yield f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>"
    yield "</dl>"
    if report.synthetic:
        yield (
            '<p class="synthetic" role="note"><strong>'
            + _e(_w(lang, "虚构的示例数据：", "Synthetic records: "))
            + "</strong>"
            + _e(
                _w(
                    lang,
                    "本页的数字由虚构的记录算出，这些记录与报告的数字一致，"
                    "但不描述任何真实的农户、人员或款项。",
                    "the figures on this page are computed from invented records that agree "
                    "with the report's figures; they describe no real household, person "
                    "or payment.",
                )
            )
            + "</p>"
        )
    yield (
        '<p class="key">'
        + _e(
            _w(
                lang,
                "每句话下注明：数字由记录算出还是照录报告原文，以及记录是否与报告一致。",
                "Under each sentence: whether its figure is computed from the records or "
                "as the report states it, and whether the records bear the report out.",
            )
        )
        + "</p>\n</header>"
    )


def render_html(
    report: Report,
    dataset: Dataset,
    *,
    lang: Lang = "zh",
    parameters: ParameterSet | None = None,
    jurisdiction: str | Jurisdiction | None = None,
    year: int | None = None,
    allow_examples: bool = True,
    charts: bool = True,
) -> str:
    """The report as one self-contained HTML5 document.

    ``dataset`` is the dataset the report was built from; the charts are
    drawn from its records as of the report's date. ``year`` is the year of
    the yearly charts (collective income, star ratings), by default the
    last calendar year before the report's date. The collective-economy
    thresholds drawn are those of ``parameters`` (default: the shipped
    ones) in force for ``jurisdiction`` (default: the dataset's county) at
    the end of that year; example values are drawn, marked as examples,
    unless ``allow_examples`` is false. ``charts=False`` leaves out the
    pictures (and needs no matplotlib); the tables of figures stay.

    Raises :class:`~villagemodel.charts.ChartsUnavailableError` when a chart
    is to be drawn and matplotlib is not installed. The same arguments
    give the same text.
    """
    sections = list(report.sections())
    all_charts = report_charts(
        dataset,
        as_of=report.claims.as_of,
        year=year,
        lang=lang,
        parameters=parameters,
        jurisdiction=jurisdiction,
        allow_examples=allow_examples,
    )
    by_section, rest = _placed(all_charts, sections)
    drawn = sum(1 for chart in all_charts if chart.drawable) if charts else 0
    title = report.claims.title_zh if lang == "zh" else report.claims.title
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="villagemodel {_e(__version__)}">',
        f"<title>{_e(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        f'<body data-charts="{drawn}">',
        *_header(report, lang),
        "<main>",
    ]
    for index, (section, lines) in enumerate(sections):
        out.append(f'<section id="section-{index + 1}">\n<h2>{_e(section)}</h2>')
        out.append('<ol class="lines">')
        out.extend(_line(line, lang) for line in lines)
        out.append("</ol>")
        out.extend(_figure(chart, lang, draw=charts) for chart in by_section.get(index, ()))
        out.append("</section>")
    if rest:
        out.append(f'<section id="charts">\n<h2>{_e(_w(lang, "其他图表", "More charts"))}</h2>')
        out.extend(_figure(chart, lang, draw=charts) for chart in rest)
        out.append("</section>")
    out += [
        "</main>",
        "<footer>"
        + _e(
            _w(
                lang,
                f"由 villagemodel {__version__} 根据数据集“{report.dataset}”生成。",
                f"Made by villagemodel {__version__} from the dataset {report.dataset!r}.",
            )
        )
        + "</footer>",
        f"<script>{_CHECK_SCRIPT}</script>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)
