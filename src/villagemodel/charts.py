"""Charts of a dataset's records, for the HTML report (:mod:`villagemodel.html`).

Each chart is built in two steps. :func:`report_charts` reads the records and
gives one :class:`Chart` per picture: its title, a caption saying what is
drawn, a table of the exact figures (formatted by the library:
``Money.format_zh()`` gives "22.7万元"), notes (the thresholds drawn and those
that have no value), and, when there is nothing to draw, the reason instead
of an empty plot. This step needs only the library.

:func:`chart_svg` then draws a chart as inline SVG with matplotlib, an
optional extra (``pip install villagemodel[charts]``), imported only when a
chart is drawn. Amounts of money become floats only as coordinates; every
figure a reader sees is the exact one.

>>> from villagemodel import datasets
>>> import datetime
>>> charts = report_charts(datasets.load("lingyun-2022"), as_of=datetime.date(2023, 4, 18))
>>> [(chart.id, chart.drawable) for chart in charts]  # doctest: +NORMALIZE_WHITESPACE
[('collective-income', True), ('branch-stars', False), ('funds-by-source', False),
 ('allocations-by-purpose', False), ('monitored-households', False)]
>>> charts[0].rows[0]
ChartRow(label='陶化村', value='22.7万元', note='')
>>> charts[1].empty
'数据集中没有党支部2022年的星级评定记录'
"""

from __future__ import annotations

import datetime
import html
import io
import re
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Final

import attrs

from villagemodel.dataset import Dataset
from villagemodel.errors import InvalidValueError, VillageModelError
from villagemodel.explain import Lang, display
from villagemodel.finance import FundPurpose, FundSource
from villagemodel.households import RiskCategory
from villagemodel.labels import LabelledEnum
from villagemodel.money import Money
from villagemodel.parameters import (
    Jurisdiction,
    ParameterNotFoundError,
    ParameterSet,
    ResolvedParameter,
    UnknownParameterError,
)
from villagemodel.party import StarRating
from villagemodel.periods import Period
from villagemodel.rules.collective_economy import IncomeClass

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

__all__ = [
    "Chart",
    "ChartRow",
    "ChartsUnavailableError",
    "Threshold",
    "chart_svg",
    "dataset_jurisdiction",
    "income_thresholds",
    "report_charts",
]


class ChartsUnavailableError(VillageModelError, ImportError):
    """Drawing a chart needs matplotlib, which is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "charts need matplotlib, an optional extra: "
            "install it with `pip install 'villagemodel[charts]'`, "
            "or render without charts (charts=False)"
        )


@attrs.frozen(kw_only=True)
class ChartRow:
    """One row of the table next to a chart: what, its exact figure, a remark."""

    label: str
    value: str
    note: str = ""


@attrs.frozen(kw_only=True)
class Threshold:
    """A collective-economy class threshold that is in force, drawn as a line."""

    income_class: IncomeClass
    parameter: ResolvedParameter

    @property
    def amount(self) -> Money:
        value = self.parameter.value
        if not isinstance(value, Money):
            raise TypeError(f"{self.parameter.name} is not an amount of money")
        return value


@attrs.frozen(kw_only=True)
class Chart:
    """A chart of the report: its words and figures, and how to draw it.

    ``columns`` heads the table of ``rows``; ``notes`` are sentences shown
    under it. ``empty`` says why nothing is drawn (no records), and is
    ``None`` for a chart that can be drawn. ``metrics`` are the metric-id
    prefixes of the report's figures the chart illustrates, so that a page
    can place it next to them.
    """

    id: str
    title: str
    caption: str
    columns: tuple[str, str, str]
    rows: tuple[ChartRow, ...]
    notes: tuple[str, ...] = ()
    empty: str | None = None
    metrics: tuple[str, ...] = ()
    draw: Callable[[Figure], None] | None = attrs.field(default=None, eq=False, repr=False)
    size: tuple[float, float] = (8.6, 3.2)

    @property
    def drawable(self) -> bool:
        """Whether the chart has records to draw."""
        return self.empty is None and self.draw is not None


# -- words ----------------------------------------------------------------------------------


def _w(lang: Lang, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _money(amount: Money, lang: Lang) -> str:
    return amount.format_zh() if lang == "zh" else amount.format_en()


def _day(day: datetime.date, lang: Lang) -> str:
    return display(day, lang)


def _label(member: LabelledEnum, lang: Lang) -> str:
    return member.zh if lang == "zh" else member.en


def _wan(amount: Money) -> float:
    """An amount in 万元 as a coordinate: for drawing only, never for a label."""
    return float(amount.wan)


_CJK: Final = re.compile(r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]")


def _text_width(text: str, size: float) -> float:
    """The width of ``text`` in points at ``size``, as a browser draws it.

    Chinese characters are one em wide; others about 0.62 em. The SVG keeps
    text as text, so the browser's font, not matplotlib's, sets the width:
    margins are made from this estimate rather than from matplotlib's
    measure of glyphs its default font lacks.
    """
    wide = len(_CJK.findall(text))
    return size * (wide + 0.62 * (len(text) - wide))


# -- drawing helpers ----------------------------------------------------------------------

_BLUE: Final = "#3b6ea5"
_RED: Final = "#b8453a"
_GREY: Final = "#888888"
_GOLD: Final = "#c9972c"
_GREEN: Final = "#5b8c5a"
_SIZE: Final = 9.0
_WIDTH: Final = 8.6
_LEVEL_LABELS: Final = 8
"""The width of every chart in inches (72 points each)."""


def _bars_height(bars: int) -> float:
    """The height in inches of a chart of ``bars`` horizontal bars."""
    return (bars * 30 + 50) / 72


def _plain_axes(ax: Axes) -> None:
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.tick_params(labelsize=_SIZE)


def _margins(fig: Figure, *, left: float, bottom: float, top: float, right: float = 10) -> None:
    """Set the axes' margins, given in points, whatever the figure's size."""
    width, height = (72 * inches for inches in fig.get_size_inches())
    fig.subplots_adjust(
        left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height
    )


def _unit(ax: Axes, text: str) -> None:
    """The unit of the y axis, written level above its top (not turned on its side)."""
    ax.annotate(
        text,
        (0, 1),
        xycoords="axes fraction",
        xytext=(0, 8),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=_SIZE,
    )


def _label_room(labels: Sequence[str]) -> float:
    """The room in points that the bars' labels take under the axes.

    Up to eight labels lie level; more are turned upright
    (:func:`_x_labels`) so that they do not run into each other.
    """
    if len(labels) <= _LEVEL_LABELS:
        return 24
    return max(_text_width(label, _SIZE) for label in labels) + 12


def _x_labels(ax: Axes, labels: Sequence[str]) -> None:
    """Put ``labels`` under the bars, upright when there are many."""
    rotation = 0 if len(labels) <= _LEVEL_LABELS else 90
    ax.set_xticks(list(range(len(labels))), labels, rotation=rotation)


def _bar_label(ax: Axes, text: str, x: float, height: float, *, crowded: bool, grey: bool) -> None:
    """An exact figure written on top of its bar (upright when bars are many)."""
    ax.annotate(
        text,
        (x, height),
        xytext=(0, 3),
        textcoords="offset points",
        ha="center",
        va="bottom",
        rotation=90 if crowded else 0,
        fontsize=_SIZE,
        color=_GREY if grey else "black",
    )


def _left_margin(labels: Sequence[str]) -> float:
    """The left margin in points that fits the widest label."""
    return max((_text_width(label, _SIZE) for label in labels), default=0.0) + 14


# -- the charts ---------------------------------------------------------------------------


def dataset_jurisdiction(dataset: Dataset) -> Jurisdiction:
    """The jurisdiction of a dataset's villages, as a parameter path.

    The county when the dataset holds one county (``CN/guangxi/baise/lingyun``
    for the bundled datasets), else the narrowest level all its places
    share, else the nation.
    """
    parts: list[str] = ["CN"]
    for table in (dataset.regions, dataset.cities, dataset.counties):
        if len(table) != 1:
            break
        parts.append(table[0].id)
    try:
        return Jurisdiction.parse("/".join(parts))
    except InvalidValueError:  # an id that cannot be part of a path
        return Jurisdiction.parse("CN")


def income_thresholds(
    parameters: ParameterSet,
    jurisdiction: str | Jurisdiction,
    year: int,
    *,
    allow_examples: bool = True,
) -> tuple[tuple[Threshold, ...], tuple[IncomeClass, ...]]:
    """The class thresholds in force for ``jurisdiction`` on 31 December of
    ``year`` (the day :mod:`villagemodel.rules.collective_economy` uses), and
    the classes that have none.

    Example values count only with ``allow_examples`` (each is marked as an
    example where it is shown).

    >>> found, missing = income_thresholds(ParameterSet.default(), "CN/guangxi", 2022)
    >>> [(t.income_class.zh, t.amount.format_zh(), t.parameter.example) for t in found]
    [('空壳村', '5万元', True)]
    >>> [c.zh for c in missing]
    ['薄弱村']
    >>> income_thresholds(ParameterSet.default(), "CN/guangxi", 2022, allow_examples=False)[0]
    ()
    """
    on = Period.calendar_year(year).end
    found: list[Threshold] = []
    missing: list[IncomeClass] = []
    for income_class in IncomeClass:
        try:
            resolved = parameters.lookup(
                income_class.parameter, jurisdiction, on, allow_examples=allow_examples
            )
        except (ParameterNotFoundError, UnknownParameterError):
            missing.append(income_class)
            continue
        if isinstance(resolved.value, Money):
            found.append(Threshold(income_class=income_class, parameter=resolved))
        else:
            missing.append(income_class)
    return tuple(found), tuple(missing)


def _threshold_label(threshold: Threshold, lang: Lang) -> str:
    name = threshold.income_class.zh if lang == "zh" else threshold.income_class.en
    label = _w(
        lang,
        f"{name}标准 {_money(threshold.amount, lang)}",
        f"{name} threshold {_money(threshold.amount, lang)}",
    )
    if threshold.parameter.example:
        label += _w(lang, "（示例值，非官方标准）", " (EXAMPLE value, not an official threshold)")
    return label


def _threshold_note(threshold: Threshold, lang: Lang) -> str:
    found = threshold.parameter
    where = _w(
        lang,
        f"适用于{found.jurisdiction.path}，自{_day(found.effective_from, lang)}起",
        f"in force for {found.jurisdiction.path} from {_day(found.effective_from, lang)}",
    )
    return _w(
        lang,
        f"横线：{_threshold_label(threshold, lang)}；{where}；来源：{found.source.cite()}",
        f"Line: {_threshold_label(threshold, lang)}; {where}; source: {found.source.cite()}",
    )


def _income_chart(
    dataset: Dataset,
    *,
    year: int,
    thresholds: tuple[Threshold, ...],
    missing: tuple[IncomeClass, ...],
    jurisdiction: Jurisdiction,
    lang: Lang,
) -> Chart:
    villages = dataset.villages
    incomes = [dataset.collective_income(v.id, year) for v in villages]
    rows = tuple(
        ChartRow(
            label=v.name,
            value=_money(income, lang) if income is not None else _w(lang, "无记录", "no record"),
        )
        for v, income in zip(villages, incomes, strict=True)
    )
    notes = [_threshold_note(t, lang) for t in thresholds]
    on = Period.calendar_year(year).end
    notes += [
        _w(
            lang,
            f"{c.zh}标准：{jurisdiction.path}于{_day(on, lang)}无适用数值，未画线"
            "（可用 ParameterSet.with_value 提供）",
            f"{c.en} threshold: no value in force for {jurisdiction.path} on "
            f"{_day(on, lang)}; no line drawn (supply one with ParameterSet.with_value)",
        )
        for c in missing
    ]
    unrecorded = sum(1 for income in incomes if income is None)
    if unrecorded and unrecorded < len(incomes):
        notes.append(
            _w(
                lang,
                f"{unrecorded}个村无{year}年记录，图中无柱（无记录不等于收入为零）",
                f"{unrecorded} villages have no record for {year} and no bar "
                "(no record is not zero income)",
            )
        )
    base = Chart(
        id="collective-income",
        title=_w(
            lang,
            f"{year}年各村集体经济收入",
            f"Collective-economy income of each village, {year}",
        ),
        caption=_w(
            lang,
            f"每村一柱（万元）；横线为{jurisdiction.path}于{year}年末适用的村级集体经济分类标准",
            f"One bar per village (10,000 yuan); lines: the collective-economy class "
            f"thresholds in force for {jurisdiction.path} at the end of {year}",
        ),
        columns=(_w(lang, "村", "Village"), _w(lang, "收入", "Income"), ""),
        rows=rows,
        notes=tuple(notes),
        metrics=("collective_income.",),
    )
    if unrecorded == len(incomes):
        return attrs.evolve(
            base,
            empty=_w(
                lang,
                f"数据集中没有{year}年的村集体经济收入记录",
                f"the dataset holds no collective-economy income for {year}",
            ),
        )
    names = [v.name for v in villages]
    crowded = len(names) > _LEVEL_LABELS
    room = _label_room(names) + 6 + 28 * len(thresholds)

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        _margins(fig, left=42, top=26, bottom=room)
        _plain_axes(ax)
        heights = [_wan(i) if i is not None else 0.0 for i in incomes]
        ax.bar(range(len(names)), heights, color=_BLUE, width=0.6)
        for x, (height, income) in enumerate(zip(heights, incomes, strict=True)):
            text = _money(income, lang) if income is not None else _w(lang, "无记录", "no record")
            _bar_label(ax, text, x, height, crowded=crowded, grey=income is None)
        top = max([*heights, *(_wan(t.amount) for t in thresholds)])
        low = min(0.0, *heights)
        ax.set_ylim(low * 1.18, top * (1.45 if crowded else 1.18) if top > 0 else 1)
        for i, threshold in enumerate(thresholds):
            ax.axhline(
                _wan(threshold.amount),
                color=_RED if not threshold.parameter.example else _GOLD,
                linestyle="--" if threshold.parameter.example else "-",
                linewidth=1.4,
                label=_threshold_label(threshold, lang)
                + _w(lang, "\n来源：", "\nsource: ")
                + threshold.parameter.source.title,
                zorder=3 + i,
            )
        _x_labels(ax, names)
        _unit(ax, _w(lang, "万元", "10,000 yuan"))
        if thresholds:
            fig.legend(
                loc="lower left",
                bbox_to_anchor=(42 / (72 * _WIDTH), 0.0),
                frameon=False,
                fontsize=_SIZE - 0.5,
                handlelength=2.4,
            )

    return attrs.evolve(base, draw=draw, size=(_WIDTH, (200 + room) / 72))


def _stars_chart(dataset: Dataset, year: int, lang: Lang) -> Chart:
    branches = dataset.branches
    per_village = Counter(b.village_id for b in branches)
    labels = [
        dataset.village(b.village_id).name if per_village[b.village_id] == 1 else b.name
        for b in branches
    ]
    ratings = [dataset.rating(b.id, year) for b in branches]
    rows = tuple(
        ChartRow(
            label=b.name,
            value=(r.zh if lang == "zh" else r.en)
            if r is not None
            else _w(lang, "无记录", "no record"),
        )
        for b, r in zip(branches, ratings, strict=True)
    )
    tally = Counter(r for r in ratings if r is not None)
    order = [s for s in reversed(tuple(StarRating)) if s in tally]
    notes: list[str] = []
    if tally:
        notes.append(
            _w(
                lang,
                "；".join(f"{s.zh}：{tally[s]}个" for s in order),
                "; ".join(f"{s.en}: {tally[s]}" for s in order),
            )
        )
    unrecorded = sum(1 for r in ratings if r is None)
    if unrecorded and tally:
        notes.append(
            _w(
                lang,
                f"{unrecorded}个党支部无{year}年评定记录，图中无柱",
                f"{unrecorded} branches have no rating for {year} and no bar",
            )
        )
    base = Chart(
        id="branch-stars",
        title=_w(lang, f"{year}年各村党支部星级", f"Star rating of each Party branch, {year}"),
        caption=_w(
            lang,
            f"每个党支部一柱，柱高为{year}年评定的星数（0为未评星）",
            f"One bar per branch: the stars it was rated for {year} (0: unrated)",
        ),
        columns=(_w(lang, "党支部", "Party branch"), _w(lang, "星级", "Rating"), ""),
        rows=rows,
        notes=tuple(notes),
        metrics=("branches.",),
    )
    if not tally:
        return attrs.evolve(
            base,
            empty=_w(
                lang,
                f"数据集中没有党支部{year}年的星级评定记录",
                f"the dataset holds no star ratings of Party branches for {year}",
            ),
        )

    crowded = len(labels) > _LEVEL_LABELS
    room = _label_room(labels)

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        _margins(fig, left=42, top=26, bottom=room)
        _plain_axes(ax)
        heights = [0 if r is None or r.stars is None else r.stars for r in ratings]
        colours = [_GOLD if r is not None and r.stars == 5 else _BLUE for r in ratings]
        ax.bar(range(len(labels)), heights, color=colours, width=0.6)
        for x, (height, rating) in enumerate(zip(heights, ratings, strict=True)):
            text = _w(lang, "无记录", "no record") if rating is None else _label(rating, lang)
            _bar_label(ax, text, x, height, crowded=crowded, grey=rating is None)
        ax.set_ylim(0, 6.8 if crowded else 5.9)
        ax.set_yticks(range(6))
        _x_labels(ax, labels)
        _unit(ax, _w(lang, "星", "stars"))

    return attrs.evolve(base, draw=draw, size=(_WIDTH, (190 + room) / 72))


def _amount_bars(
    labels: Sequence[str], amounts: Sequence[Money], lang: Lang, colour: str
) -> Callable[[Figure], None]:
    """Horizontal bars of amounts of money, each labelled with its exact figure."""

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        _margins(fig, left=_left_margin(labels), top=8, bottom=42)
        _plain_axes(ax)
        positions = list(range(len(labels)))
        widths = [_wan(a) for a in amounts]
        bars = ax.barh(positions, widths, color=colour, height=0.6)
        for bar, amount in zip(bars, amounts, strict=True):
            ax.annotate(
                _money(amount, lang),
                (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                xytext=(4, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=_SIZE,
            )
        widest = max(widths, default=0.0)
        ax.set_xlim(0, widest * 1.32 if widest > 0 else 1)
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        ax.set_xlabel(_w(lang, "万元", "10,000 yuan"), fontsize=_SIZE)

    return draw


def _span(days: Sequence[datetime.date], lang: Lang) -> str:
    first, last = min(days), max(days)
    return _w(
        lang,
        f"{_day(first, lang)}至{_day(last, lang)}",
        f"{_day(first, lang)} to {_day(last, lang)}",
    )


def _funds_chart(dataset: Dataset, as_of: datetime.date, lang: Lang) -> Chart:
    funds = [f for f in dataset.funds if f.received_on <= as_of]
    totals: dict[FundSource, Money] = defaultdict(Money.zero)
    counts: Counter[FundSource] = Counter()
    for fund in funds:
        totals[fund.source] += fund.amount
        counts[fund.source] += 1
    sources = [s for s in FundSource if s in totals]
    rows = tuple(
        ChartRow(
            label=_label(s, lang),
            value=_money(totals[s], lang),
            note=_w(lang, f"{counts[s]}笔", f"{counts[s]} funds"),
        )
        for s in sources
    )
    base = Chart(
        id="funds-by-source",
        title=_w(lang, "资金来源", "Funds by source"),
        caption=_w(
            lang,
            f"截至{_day(as_of, lang)}收到的各项资金，按来源合计（万元）",
            f"Funds received by {_day(as_of, lang)}, totalled by source (10,000 yuan)",
        ),
        columns=(_w(lang, "来源", "Source"), _w(lang, "金额", "Amount"), _w(lang, "笔数", "Funds")),
        rows=rows,
        metrics=("funds.",),
    )
    if not funds:
        return attrs.evolve(
            base,
            empty=_w(
                lang,
                f"数据集中没有截至{_day(as_of, lang)}收到的资金记录",
                f"the dataset holds no funds received by {_day(as_of, lang)}",
            ),
        )
    total = sum((f.amount for f in funds), Money.zero())
    notes = (
        _w(
            lang,
            f"共{len(funds)}笔，合计{_money(total, lang)}；收到日期{_span([f.received_on for f in funds], lang)}",
            f"{len(funds)} funds, {_money(total, lang)} in all, received "
            f"{_span([f.received_on for f in funds], lang)}",
        ),
    )
    labels = [_label(s, lang) for s in sources]
    return attrs.evolve(
        base,
        notes=notes,
        draw=_amount_bars(labels, [totals[s] for s in sources], lang, _GREEN),
        size=(_WIDTH, _bars_height(len(labels))),
    )


def _allocations_chart(dataset: Dataset, as_of: datetime.date, lang: Lang) -> Chart:
    allocations = [a for a in dataset.allocations if a.allocated_on <= as_of]
    totals: dict[FundPurpose, Money] = defaultdict(Money.zero)
    counts: Counter[FundPurpose] = Counter()
    for allocation in allocations:
        totals[allocation.purpose] += allocation.amount
        counts[allocation.purpose] += 1
    purposes = [p for p in FundPurpose if p in totals]
    rows = tuple(
        ChartRow(
            label=_label(p, lang),
            value=_money(totals[p], lang),
            note=_w(lang, f"{counts[p]}笔", f"{counts[p]} allocations"),
        )
        for p in purposes
    )
    base = Chart(
        id="allocations-by-purpose",
        title=_w(lang, "资金用途", "Funds by purpose"),
        caption=_w(
            lang,
            f"截至{_day(as_of, lang)}拨付的资金，按用途合计（万元）",
            f"Allocations made by {_day(as_of, lang)}, totalled by purpose (10,000 yuan)",
        ),
        columns=(
            _w(lang, "用途", "Purpose"),
            _w(lang, "金额", "Amount"),
            _w(lang, "笔数", "Allocations"),
        ),
        rows=rows,
        metrics=("funds.",),
    )
    if not allocations:
        return attrs.evolve(
            base,
            empty=_w(
                lang,
                f"数据集中没有截至{_day(as_of, lang)}的资金拨付记录",
                f"the dataset holds no allocations made by {_day(as_of, lang)}",
            ),
        )
    total = sum((a.amount for a in allocations), Money.zero())
    notes = (
        _w(
            lang,
            f"共{len(allocations)}笔，合计{_money(total, lang)}；拨付日期"
            f"{_span([a.allocated_on for a in allocations], lang)}",
            f"{len(allocations)} allocations, {_money(total, lang)} in all, made "
            f"{_span([a.allocated_on for a in allocations], lang)}",
        ),
    )
    labels = [_label(p, lang) for p in purposes]
    return attrs.evolve(
        base,
        notes=notes,
        draw=_amount_bars(labels, [totals[p] for p in purposes], lang, _BLUE),
        size=(_WIDTH, _bars_height(len(labels))),
    )


def _monitoring_chart(dataset: Dataset, as_of: datetime.date, lang: Lang) -> Chart:
    """Households ever monitored by ``as_of``, by the category of their
    latest spell, split into those still monitored and those whose risk has
    been eliminated (as :func:`villagemodel.rules.monitoring.eliminated_households`
    counts them: a spell closed and none open)."""
    open_: Counter[RiskCategory] = Counter()
    closed: Counter[RiskCategory] = Counter()
    monitored = sorted({r.household_id for r in dataset.monitoring if r.identified_on <= as_of})
    for household_id in monitored:
        spells = [r for r in dataset.monitoring_of(household_id) if r.identified_on <= as_of]
        current = [r for r in spells if r.is_open_on(as_of)]
        if current:
            open_[current[0].category] += 1
            continue
        eliminated = [r for r in spells if r.is_eliminated_by(as_of)]
        if eliminated:
            latest = max(eliminated, key=lambda r: (r.identified_on, r.id))
            closed[latest.category] += 1
    categories = [c for c in RiskCategory if c in open_ or c in closed]
    monitored_word = _w(lang, "监测中", "monitored")
    eliminated_word = _w(lang, "已消除风险", "risk eliminated")

    def households(n: int) -> str:
        return _w(lang, f"{n}户", f"{n} households" if n != 1 else "1 household")

    rows = tuple(
        ChartRow(
            label=_label(c, lang),
            value=households(open_[c] + closed[c]),
            note=f"{monitored_word} {households(open_[c])}；{eliminated_word} {households(closed[c])}"
            if lang == "zh"
            else f"{monitored_word} {open_[c]}, {eliminated_word} {closed[c]}",
        )
        for c in categories
    )
    total_open, total_closed = sum(open_.values()), sum(closed.values())
    base = Chart(
        id="monitored-households",
        title=_w(lang, "防返贫监测户", "Households monitored against relapse into poverty"),
        caption=_w(
            lang,
            f"截至{_day(as_of, lang)}曾纳入监测的农户，按最近一次监测的类别；"
            "深色为仍在监测，浅色为已消除风险",
            f"Households monitored at any time up to {_day(as_of, lang)}, by the category of "
            "their latest spell: dark, still monitored; light, risk eliminated",
        ),
        columns=(
            _w(lang, "类别", "Category"),
            _w(lang, "户数", "Households"),
            _w(lang, "其中", "Of which"),
        ),
        rows=rows,
        notes=(
            _w(
                lang,
                f"合计：{monitored_word}{households(total_open)}，"
                f"{eliminated_word}{households(total_closed)}",
                f"In all: {monitored_word} {total_open}, {eliminated_word} {total_closed}",
            ),
        )
        if categories
        else (),
        metrics=("monitoring.",),
    )
    if not categories:
        return attrs.evolve(
            base,
            empty=_w(
                lang,
                f"数据集中没有截至{_day(as_of, lang)}的防返贫监测记录",
                f"the dataset holds no monitoring records up to {_day(as_of, lang)}",
            ),
        )
    labels = [_label(c, lang) for c in categories]

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        _margins(fig, left=42, top=30, bottom=24)
        _plain_axes(ax)
        positions = list(range(len(labels)))
        lower = [open_[c] for c in categories]
        upper = [closed[c] for c in categories]
        ax.bar(positions, lower, color=_RED, width=0.55, label=monitored_word)
        ax.bar(positions, upper, bottom=lower, color="#e3a99f", width=0.55, label=eliminated_word)
        top = max(low + high for low, high in zip(lower, upper, strict=True))
        for x, (low, high) in enumerate(zip(lower, upper, strict=True)):
            # A count is written inside its bar when the bar is tall enough
            # to hold it; the table gives every count.
            if low >= top * 0.07:
                ax.annotate(
                    str(low), (x, low / 2), ha="center", va="center", color="white", fontsize=_SIZE
                )
            if high >= top * 0.07:
                ax.annotate(
                    str(high), (x, low + high / 2), ha="center", va="center", fontsize=_SIZE
                )
        ax.set_ylim(0, top * 1.1)
        ax.set_xticks(positions, labels)
        _unit(ax, _w(lang, "户", "households"))
        ax.legend(
            loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, frameon=False, fontsize=_SIZE
        )

    return attrs.evolve(base, draw=draw, size=(_WIDTH, 3.2))


def report_charts(
    dataset: Dataset,
    *,
    as_of: datetime.date,
    year: int | None = None,
    lang: Lang = "zh",
    parameters: ParameterSet | None = None,
    jurisdiction: str | Jurisdiction | None = None,
    allow_examples: bool = True,
) -> tuple[Chart, ...]:
    """The charts of a report on ``dataset`` as of ``as_of``.

    ``year`` is the year of the yearly figures (collective income, star
    ratings): by default the last calendar year ended before ``as_of``.
    Funds, allocations and monitoring are drawn as recorded up to ``as_of``.
    The collective-economy thresholds are looked up in ``parameters``
    (default: the shipped ones) for ``jurisdiction`` (default: the
    dataset's county, :func:`dataset_jurisdiction`); only those in force are
    drawn, example values only with ``allow_examples`` and marked as such.
    """
    chosen_year = as_of.year - 1 if year is None else year
    place = (
        dataset_jurisdiction(dataset) if jurisdiction is None else Jurisdiction.parse(jurisdiction)
    )
    params = ParameterSet.default() if parameters is None else parameters
    thresholds, missing = income_thresholds(
        params, place, chosen_year, allow_examples=allow_examples
    )
    return (
        _income_chart(
            dataset,
            year=chosen_year,
            thresholds=thresholds,
            missing=missing,
            jurisdiction=place,
            lang=lang,
        ),
        _stars_chart(dataset, chosen_year, lang),
        _funds_chart(dataset, as_of, lang),
        _allocations_chart(dataset, as_of, lang),
        _monitoring_chart(dataset, as_of, lang),
    )


# -- SVG ------------------------------------------------------------------------------------

_RC: Final[dict[RcKeyType, Any]] = {
    # Text stays text: the browser draws Chinese with its own fonts.
    "svg.fonttype": "none",
    # Fixed ids (clip paths, markers) so that the same chart gives the same bytes.
    "svg.hashsalt": "villagemodel",
    # One font, always shipped with matplotlib, for layout on any machine.
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": _SIZE,
    "axes.unicode_minus": False,
    # Names are text: "$x^2$村" is drawn as written, never as a formula. Every
    # text of a chart (tick labels, labels, notes, legends) is made while
    # these settings hold, so none is read as mathtext.
    "text.parse_math": False,
    "text.usetex": False,
}

_MISSING_GLYPH: Final = r"Glyph \d+ .* missing from font\(s\)"
"""The warning matplotlib gives when measuring text whose characters (here
Chinese) its layout font lacks."""


@contextmanager
def _missing_glyphs_are_harmless() -> Iterator[None]:
    """Silence exactly the missing-glyph warning while a chart is laid out.

    With ``svg.fonttype`` "none" the SVG holds the characters, not glyph
    outlines, and the reader's browser draws them with its own fonts (which
    have Chinese); matplotlib's font is used only to measure the text, and
    the margins are set from :func:`_text_width` instead. Every other
    warning passes through.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_MISSING_GLYPH, category=UserWarning)
        yield


_ID: Final = re.compile(r'\bid="([^"]+)"')
_PROLOGUE: Final = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_METADATA: Final = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)


def _inline(svg: str, prefix: str, title: str) -> str:
    """matplotlib's SVG file as an element of an HTML page.

    Drops the XML prologue and the metadata, makes every id unique on the
    page by prefixing it (references too), lets CSS size the picture, and
    gives it an accessible name.
    """
    svg = _PROLOGUE.sub("", svg, count=1)
    svg = _METADATA.sub("", svg, count=1)
    ids = sorted(set(_ID.findall(svg)), key=len, reverse=True)
    for ident in ids:
        new = f"{prefix}-{ident}"
        svg = svg.replace(f'id="{ident}"', f'id="{new}"')
        svg = svg.replace(f"url(#{ident})", f"url(#{new})")
        svg = svg.replace(f'href="#{ident}"', f'href="#{new}"')
    title_id = f"{prefix}-title"
    svg = re.sub(
        r'<svg\b([^>]*?) width="([\d.]+)pt" height="([\d.]+)pt"',
        lambda m: (
            f'<svg{m.group(1)} role="img" aria-labelledby="{title_id}"'
            f' width="100%" style="max-width: {m.group(2)}pt; height: auto"'
        ),
        svg,
        count=1,
    )
    head, sep, rest = svg.partition(">")
    return f'{head}{sep}\n <title id="{title_id}">{html.escape(title)}</title>{rest}'.rstrip()


def chart_svg(chart: Chart, *, id_prefix: str | None = None) -> str:
    """The chart drawn as an ``<svg>`` element to place in an HTML page.

    Raises :class:`ChartsUnavailableError` when matplotlib is not installed
    and :class:`ValueError` for a chart with nothing to draw. The same chart
    gives the same text every time.
    """
    if chart.draw is None or chart.empty is not None:
        raise ValueError(f"chart {chart.id!r} has nothing to draw: {chart.empty}")
    try:
        import matplotlib  # noqa: PLC0415 - optional extra, imported when a chart is drawn
        from matplotlib.backends.backend_svg import FigureCanvasSVG  # noqa: PLC0415
        from matplotlib.figure import Figure  # noqa: PLC0415
    except ImportError as error:
        raise ChartsUnavailableError() from error
    buffer = io.StringIO()
    with matplotlib.rc_context(_RC), _missing_glyphs_are_harmless():
        figure = Figure(figsize=chart.size)
        FigureCanvasSVG(figure)  # the figure draws on this canvas, not on pyplot's
        chart.draw(figure)
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _inline(buffer.getvalue(), id_prefix or f"chart-{chart.id}", chart.title)
