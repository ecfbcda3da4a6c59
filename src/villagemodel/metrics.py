"""The figures a work report cites, each defined once, each with its derivation.

A metric is defined in the manner of an indicator system: what is counted
or summed (the *numerator*), what it is divided by (the *denominator*, if
any) and a *factor* (100 for a percentage); how it aggregates over villages
and over time; and what happens to a village with no data (the *missing
policy*). Each has a description in Chinese and English.

:func:`compute` evaluates a metric for a :class:`Subject` (some villages, a
township, a county, the whole dataset) and a :class:`~villagemodel.Period`,
and returns a :class:`MetricValue` whose :class:`Derivation` lists every
term that went into it, the formula, the period and any rounding.

>>> from villagemodel import datasets
>>> from villagemodel.periods import Period, check_year
>>> lingyun = datasets.load("lingyun-2022")
>>> taohua = Subject.villages("taohua")
>>> value = compute(lingyun, "collective_income.total", taohua, Period.calendar_year(2022))
>>> value.value
Money('227000')
>>> print(value.derivation.to_text("en"))  # doctest: +NORMALIZE_WHITESPACE
Collective-economy income, total [collective_income.total] = 227,000 yuan
  period: 2022; villages: 陶化村
  formula: sum over the villages of each village's collective-economy income for the year
  terms:
    陶化村: 227,000 yuan
>>> compute(lingyun, "collective_income.total", Subject.all(), Period.calendar_year(2022)).value is None
True
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from villagemodel._numbers import EXACT, round_fraction
from villagemodel.activities import ActivityKind, AwardKind
from villagemodel.dataset import Dataset
from villagemodel.errors import InvalidValueError, VillageModelError
from villagemodel.explain import Lang, display, to_plain
from villagemodel.finance import FundPurpose, FundSource
from villagemodel.households import PovertyHistory
from villagemodel.ids import CountyId, TownshipId, VillageId
from villagemodel.labels import LabelledEnum
from villagemodel.money import Money
from villagemodel.party import CadreStatus, StarRating
from villagemodel.periods import Period, check_year
from villagemodel.projects import ProjectKind
from villagemodel.quantities import (
    HouseholdCount,
    Percentage,
    PersonCount,
    PersonTimes,
    Quantity,
)

__all__ = [
    "METRICS",
    "ROUNDING_AVERAGE",
    "ROUNDING_SHARE",
    "Aggregation",
    "Derivation",
    "ExactPercentage",
    "GrowthAverage",
    "MetricDefinition",
    "MetricValue",
    "MissingPolicy",
    "MoneyAverage",
    "Subject",
    "Term",
    "UnknownMetricError",
    "compute",
    "eliminated_terms",
    "growth_mean_term",
    "growth_rate",
    "growth_request",
    "growth_rounding",
    "housing_terms",
    "insurance_terms",
]


@attrs.frozen
class MoneyAverage:
    """An exact average amount of money: a total divided by a count.

    Kept as the exact ratio, so that the average times the count gives the
    total back exactly; shown rounded half up to the fen, which the display
    says.

    >>> avg = MoneyAverage(Money(902000), 6)
    >>> avg.exact
    Fraction(451000, 3)
    >>> avg * 6
    Money('902000')
    >>> avg.format_zh(), avg.format_en()
    ('约15.03万元', 'about 150,333.33 yuan (rounded half up)')
    """

    total: Money
    count: int

    def __attrs_post_init__(self) -> None:
        if isinstance(self.count, bool) or not isinstance(self.count, int) or self.count < 1:
            raise InvalidValueError("MoneyAverage.count", self.count, "a positive int")

    @property
    def exact(self) -> Fraction:
        return Fraction(self.total.yuan) / self.count

    def rounded(self, places: int = 2) -> Money:
        """Rounded half up to ``places`` decimals of a yuan."""
        return self.total.divided_by(self.count, places=places)

    def __mul__(self, factor: int) -> Money:
        """The average times a whole number, exactly (it must come to whole fen)."""
        product = self.exact * factor
        if (product * 100).denominator != 1:
            raise InvalidValueError(
                "MoneyAverage * factor", factor, "the product is not a whole number of fen"
            )
        return Money(EXACT.divide(Decimal(product.numerator), Decimal(product.denominator)))

    def to_plain(self) -> dict[str, str]:
        """JSON-ready: the exact ratio, and the amount rounded half up to the fen."""
        return {"exact": str(self.exact), "rounded": str(self.rounded().yuan)}

    def format_zh(self) -> str:
        """Exact amounts as they are; others rounded half up, marked 约."""
        money = self.rounded()
        if money.yuan == self.exact:
            return money.format_zh()
        return f"约{money.format_zh(places=2)}"

    def format_en(self) -> str:
        """Exact amounts as they are; others rounded half up to the fen, marked."""
        money = self.rounded()
        if money.yuan == self.exact:
            return money.format_en()
        return f"about {money.format_en()} (rounded half up)"


@attrs.frozen
class ExactPercentage:
    """A share as an exact percentage (a fraction of 100), even when its
    decimals do not end: 1224 of 1249 people is 97.998...%.

    Compared exactly; shown rounded half up to 2 decimals, marked 约/about
    when that rounds.

    >>> share = ExactPercentage(Fraction(1224, 1249) * 100)
    >>> share.format_zh(), share.format_en()
    ('约98%', 'about 98%')
    >>> ExactPercentage(Fraction(98)).format_zh()
    '98%'
    """

    exact: Fraction

    def _shown(self) -> tuple[Percentage, bool]:
        rounded = Percentage(round_fraction(self.exact, 2, ROUND_HALF_UP))
        return rounded, Fraction(rounded.value) == self.exact

    def format_zh(self) -> str:
        rounded, exact = self._shown()
        return rounded.format_zh() if exact else f"约{rounded.format_zh()}"

    def format_en(self) -> str:
        rounded, exact = self._shown()
        return rounded.format_en() if exact else f"about {rounded.format_en()}"

    def to_plain(self) -> dict[str, str]:
        rounded, _ = self._shown()
        return {"exact": str(self.exact), "rounded": str(rounded.value)}


class UnknownMetricError(VillageModelError, LookupError):
    """No metric has the requested id."""

    def __init__(self, metric: str) -> None:
        self.metric = metric
        super().__init__(f"no metric is named {metric!r}; known: {', '.join(sorted(METRICS))}")


class Aggregation(LabelledEnum):
    """How a metric combines the values of several villages."""

    SUM = ("sum", "求和", "sum over the villages")
    COUNT = ("count", "计数", "count over the villages")
    RATIO_OF_SUMS = ("ratio_of_sums", "总量之比", "ratio of sums (not a mean of ratios)")
    SHARE = ("share", "占比", "share: count meeting a condition over the count of all")
    GROWTH = ("growth", "增幅", "average annual growth of a ratio of sums")


class MissingPolicy(LabelledEnum):
    """What a metric does with a village that has no data."""

    REQUIRE = (
        "require",
        "缺一不可",
        "every village must have data, else the value is unknown (the missing villages are listed)",
    )
    NONE_IS_ZERO = (
        "none_is_zero",
        "无记录即为零",
        "records are events: a village with none contributes zero",
    )


class GrowthAverage(LabelledEnum):
    """Which average an average annual growth rate is."""

    COMPOUND = ("compound", "几何平均（复合）", "compound (geometric) average")
    ARITHMETIC = ("arithmetic", "算术平均", "arithmetic mean of the yearly rates")


@attrs.frozen
class Subject:
    """Whom a figure is about: named villages, a township, a county, or all
    villages of the dataset.

    >>> Subject.villages("taohua", "chuhua").label
    'villages taohua, chuhua'
    """

    kind: str
    ids: tuple[str, ...] = ()

    @classmethod
    def villages(cls, *ids: str) -> Subject:
        if not ids:
            raise InvalidValueError("Subject.villages", ids, "name at least one village")
        if len(set(ids)) != len(ids):
            raise InvalidValueError("Subject.villages", ids, "a village is named twice")
        return cls("villages", tuple(ids))

    @classmethod
    def township(cls, township_id: str) -> Subject:
        return cls("township", (township_id,))

    @classmethod
    def county(cls, county_id: str) -> Subject:
        return cls("county", (county_id,))

    @classmethod
    def all(cls) -> Subject:
        return cls("all")

    @property
    def label(self) -> str:
        if self.kind == "all":
            return "all villages"
        return f"{self.kind} {', '.join(self.ids)}"

    def resolve(self, dataset: Dataset) -> tuple[VillageId, ...]:
        """The ids of the villages the subject covers, in dataset order.

        Raises :class:`~villagemodel.errors.UnknownReferenceError` for an id
        the dataset does not hold.
        """
        if self.kind == "all":
            return tuple(v.id for v in dataset.villages)
        if self.kind == "villages":
            return tuple(dataset.village(VillageId(i)).id for i in self.ids)
        if self.kind == "township":
            return tuple(v.id for v in dataset.villages_in(TownshipId(self.ids[0])))
        if self.kind == "county":
            county = CountyId(self.ids[0])
            return tuple(
                v.id for t in dataset.townships_in(county) for v in dataset.villages_in(t.id)
            )
        raise InvalidValueError(
            "Subject.kind", self.kind, "not one of villages, township, county, all"
        )


ROUNDING_AVERAGE: Final = (
    "kept exact (total ÷ villages); shown rounded half up to the fen",
    "保留精确值（总量÷村数）；显示时四舍五入到分",
)
"""How a per-village average is rounded (English, Chinese)."""

ROUNDING_SHARE: Final = (
    "exact; shown rounded half up to 2 decimals when it does not end",
    "精确值；除不尽时显示四舍五入保留2位小数",
)
"""How an exact share is rounded (English, Chinese)."""


def eliminated_terms(households: HouseholdCount, people: PersonCount) -> tuple[Term, ...]:
    """The terms of ``monitoring.eliminated_households``."""
    return (
        Term(label_en="households", label_zh="户数", value=households),
        Term(label_en="people in them", label_zh="人数", value=people),
    )


def insurance_terms(
    met: PersonCount, not_met: PersonCount, unknown: PersonCount
) -> tuple[Term, ...]:
    """The terms of ``guarantees.insured_share``."""
    return (
        Term(label_en="insured", label_zh="已参保", value=met),
        Term(label_en="not insured", label_zh="未参保", value=not_met),
        Term(label_en="not surveyed", label_zh="情况不明", value=unknown),
    )


def housing_terms(
    met: HouseholdCount, not_met: HouseholdCount, unknown: HouseholdCount
) -> tuple[Term, ...]:
    """The terms of ``guarantees.safe_housing_share``."""
    return (
        Term(label_en="households in safe housing", label_zh="住房达标户数", value=met),
        Term(label_en="not safe", label_zh="不达标户数", value=not_met),
        Term(label_en="not surveyed", label_zh="情况不明户数", value=unknown),
    )


def growth_mean_term(year: int, mean: Fraction) -> Term:
    """A year's mean per-capita income of formerly poor people, as a term of
    a growth rate's derivation (shown rounded half up to the fen)."""
    return Term(
        label_en=f"{year}: per-capita income of formerly poor people (shown rounded to the fen)",
        label_zh=f"{year}年脱贫人口人均可支配收入（四舍五入到分，仅供显示）",
        value=Money(round_fraction(mean, 2, ROUND_HALF_UP)),
    )


def growth_rounding(average: GrowthAverage) -> tuple[str, str]:
    """How a growth rate is rounded (English, Chinese)."""
    return (
        f"{average.en}; rounded half up to {_GROWTH_PLACES} decimal places of a percent",
        f"{average.zh}；百分数四舍五入保留{_GROWTH_PLACES}位小数",
    )


@attrs.frozen(kw_only=True)
class Term:
    """One input of a figure: a village's value, or a count."""

    label_en: str
    label_zh: str
    value: object


@attrs.frozen(kw_only=True)
class Derivation:
    """How a figure was computed: formula, period, villages, terms, rounding."""

    metric: str
    title_en: str
    title_zh: str
    formula_en: str
    formula_zh: str
    period: Period
    villages: tuple[str, ...]
    terms: tuple[Term, ...] = ()
    missing: tuple[str, ...] = ()
    rounding_en: str | None = None
    rounding_zh: str | None = None
    value: object = None

    def to_text(self, lang: Lang = "en") -> str:
        zh = lang == "zh"
        title = self.title_zh if zh else self.title_en
        shown = (
            display(self.value, lang) if self.value is not None else ("未知" if zh else "unknown")
        )
        period = self.period.label_zh() if zh else self.period.label_en()
        lines = [f"{title} [{self.metric}] = {shown}"]
        lines.append(
            f"  {'期间' if zh else 'period'}: {period}; "
            f"{'村' if zh else 'villages'}: {('、' if zh else ', ').join(self.villages)}"
        )
        lines.append(
            f"  {'公式' if zh else 'formula'}: {self.formula_zh if zh else self.formula_en}"
        )
        if self.terms:
            lines.append(f"  {'各项' if zh else 'terms'}:")
            lines.extend(
                f"    {t.label_zh if zh else t.label_en}: {display(t.value, lang)}"
                for t in self.terms
            )
        if self.missing:
            lines.append(
                f"  {'缺少数据' if zh else 'no data for'}: {('、' if zh else ', ').join(self.missing)}"
            )
        rounding = self.rounding_zh if zh else self.rounding_en
        if rounding:
            lines.append(f"  {'舍入' if zh else 'rounding'}: {rounding}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "title_en": self.title_en,
            "title_zh": self.title_zh,
            "value": to_plain(self.value),
            "formula_en": self.formula_en,
            "formula_zh": self.formula_zh,
            "period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "villages": list(self.villages),
            "terms": [
                {"label_en": t.label_en, "label_zh": t.label_zh, "value": to_plain(t.value)}
                for t in self.terms
            ],
            "missing": list(self.missing),
            "rounding_en": self.rounding_en,
            "rounding_zh": self.rounding_zh,
        }


@attrs.frozen(kw_only=True)
class MetricValue:
    """A computed figure: the value (``None`` when the data cannot give it)
    and its derivation."""

    metric: str
    value: object
    derivation: Derivation

    @property
    def known(self) -> bool:
        return self.value is not None


@attrs.frozen(kw_only=True)
class Context:
    """What a metric function receives."""

    dataset: Dataset
    villages: tuple[VillageId, ...]
    period: Period
    options: Mapping[str, str]
    definition: MetricDefinition

    def names(self) -> tuple[str, ...]:
        return tuple(self.dataset.village(v).name for v in self.villages)

    def option(self, key: str, default: str | None = None) -> str:
        value = self.options.get(key, default)
        if value is None:
            raise InvalidValueError(
                f"{self.definition.id}.options.{key}", None, "this metric needs the option"
            )
        return value

    def choices(self, key: str, kind: type[LabelledEnum]) -> tuple[Any, ...]:
        """A comma-separated option as enum members (codes or labels)."""
        raw = self.option(key)
        return tuple(kind.parse(part.strip()) for part in raw.split(",") if part.strip())

    def year(self) -> int:
        """The calendar year the period is, or an error."""
        start, end = self.period.start, self.period.end
        if (start.month, start.day, end.month, end.day) != (1, 1, 12, 31) or start.year != end.year:
            raise InvalidValueError(
                f"{self.definition.id}.period",
                str(self.period),
                "this metric needs a calendar year",
            )
        return start.year

    def derive(self, value: object, **fields: Any) -> MetricValue:
        d = self.definition
        derivation = Derivation(
            metric=d.id,
            title_en=d.title_en,
            title_zh=d.title_zh,
            formula_en=fields.pop("formula_en", d.formula_en),
            formula_zh=fields.pop("formula_zh", d.formula_zh),
            period=self.period,
            villages=self.names(),
            value=value,
            **fields,
        )
        return MetricValue(metric=d.id, value=value, derivation=derivation)


Compute = Callable[[Context], MetricValue]


@attrs.frozen(kw_only=True)
class MetricDefinition:
    """A metric: what it counts, how it aggregates, what missing data does."""

    id: str
    title_en: str
    title_zh: str
    numerator_en: str
    numerator_zh: str
    denominator_en: str | None
    denominator_zh: str | None
    factor: int
    aggregation: Aggregation
    over_time_en: str
    over_time_zh: str
    missing: MissingPolicy
    formula_en: str
    formula_zh: str
    options: tuple[str, ...]
    compute: Compute = attrs.field(repr=False)
    exact: bool = True
    """False for a metric whose value is rounded (a growth rate is a root):
    its value is not used as an exact figure in consistency checks."""


METRICS: dict[str, MetricDefinition] = {}
"""Every metric, by id.

:meta hide-value:
"""


def _metric(**fields: Any) -> Callable[[Compute], Compute]:
    def register(function: Compute) -> Compute:
        definition = MetricDefinition(compute=function, **fields)
        METRICS[definition.id] = definition
        return function

    return register


def compute(
    dataset: Dataset,
    metric: str,
    subject: Subject,
    period: Period,
    options: Mapping[str, str] | None = None,
) -> MetricValue:
    """Compute ``metric`` for ``subject`` over ``period``.

    ``options`` are the metric's own settings (such as the kinds of activity
    to count); unknown options are refused.
    """
    definition = METRICS.get(metric)
    if definition is None:
        raise UnknownMetricError(metric)
    given = dict(options or {})
    unknown = sorted(set(given) - set(definition.options))
    if unknown:
        raise InvalidValueError(
            f"{metric}.options.{unknown[0]}",
            unknown[0],
            f"not an option of this metric; options: {', '.join(definition.options) or 'none'}",
        )
    context = Context(
        dataset=dataset,
        villages=subject.resolve(dataset),
        period=period,
        options=given,
        definition=definition,
    )
    return definition.compute(context)


# -- collective economy ---------------------------------------------------------


def _incomes(ctx: Context) -> tuple[list[Term], list[str], Money]:
    year = ctx.year()
    terms: list[Term] = []
    missing: list[str] = []
    total = Money.zero()
    for village_id in ctx.villages:
        name = ctx.dataset.village(village_id).name
        amount = ctx.dataset.collective_income(village_id, year)
        if amount is None:
            missing.append(name)
            continue
        terms.append(Term(label_en=name, label_zh=name, value=amount))
        total += amount
    return terms, missing, total


_INCOME = {
    "numerator_en": "collective-economy income of each village for the year",
    "numerator_zh": "各村当年村集体经济收入",
    "over_time_en": "one calendar year",
    "over_time_zh": "一个自然年",
    "missing": MissingPolicy.REQUIRE,
    "options": (),
}


@_metric(
    id="collective_income.total",
    title_en="Collective-economy income, total",
    title_zh="村集体经济收入总量",
    denominator_en=None,
    denominator_zh=None,
    factor=1,
    aggregation=Aggregation.SUM,
    formula_en="sum over the villages of each village's collective-economy income for the year",
    formula_zh="各村当年村集体经济收入之和",
    **_INCOME,
)
def _income_total(ctx: Context) -> MetricValue:
    terms, missing, total = _incomes(ctx)
    return ctx.derive(None if missing else total, terms=tuple(terms), missing=tuple(missing))


@_metric(
    id="collective_income.per_village",
    title_en="Collective-economy income per village",
    title_zh="村均集体经济收入",
    denominator_en="number of villages",
    denominator_zh="村数",
    factor=1,
    aggregation=Aggregation.RATIO_OF_SUMS,
    formula_en="total collective-economy income ÷ number of villages (a ratio of sums)",
    formula_zh="村集体经济收入总量 ÷ 村数（总量之比）",
    **_INCOME,
)
def _income_per_village(ctx: Context) -> MetricValue:
    terms, missing, total = _incomes(ctx)
    n = len(ctx.villages)
    terms.append(Term(label_en="number of villages", label_zh="村数", value=n))
    value = None if missing or n == 0 else MoneyAverage(total, n)
    return ctx.derive(
        value,
        terms=tuple(terms),
        missing=tuple(missing),
        rounding_en=ROUNDING_AVERAGE[0],
        rounding_zh=ROUNDING_AVERAGE[1],
    )


# -- Party ------------------------------------------------------------------------


@_metric(
    id="branches.with_rating",
    title_en="Party branches with a given star rating",
    title_zh="评为某星级的村党支部数",
    numerator_en="branches of the villages rated `stars` for the year",
    numerator_zh="当年评为该星级的村党支部",
    denominator_en=None,
    denominator_zh=None,
    factor=1,
    aggregation=Aggregation.COUNT,
    over_time_en="one calendar year",
    over_time_zh="一个自然年",
    missing=MissingPolicy.REQUIRE,
    formula_en="count of the villages' branches whose rating for the year is `stars`",
    formula_zh="当年评级为该星级的村党支部个数",
    options=("stars",),
)
def _branches_with_rating(ctx: Context) -> MetricValue:
    year = ctx.year()
    wanted = StarRating.parse(ctx.option("stars"))
    terms: list[Term] = []
    missing: list[str] = []
    count = 0
    for village_id in ctx.villages:
        for branch in ctx.dataset.branches_of(village_id):
            rating = ctx.dataset.rating(branch.id, year)
            if rating is None:
                missing.append(branch.name)
                continue
            terms.append(Term(label_en=branch.name, label_zh=branch.name, value=rating))
            count += rating is wanted
    return ctx.derive(None if missing else count, terms=tuple(terms), missing=tuple(missing))


def _events_in_period(
    ctx: Context,
    records: Iterable[tuple[VillageId, datetime.date | None, object]],
    label_en: str,
    label_zh: str,
) -> MetricValue:
    counts: dict[VillageId, int] = dict.fromkeys(ctx.villages, 0)
    for village_id, day, _ in records:
        if village_id in counts and day is not None and day in ctx.period:
            counts[village_id] += 1
    terms = tuple(
        Term(
            label_en=f"{ctx.dataset.village(v).name}: {label_en}",
            label_zh=f"{ctx.dataset.village(v).name}：{label_zh}",
            value=n,
        )
        for v, n in counts.items()
    )
    return ctx.derive(sum(counts.values()), terms=terms)


_COUNT_IN_PERIOD: Final = {
    "denominator_en": None,
    "denominator_zh": None,
    "factor": 1,
    "aggregation": Aggregation.COUNT,
    "over_time_en": "cumulative over the period",
    "over_time_zh": "期间内累计",
    "missing": MissingPolicy.NONE_IS_ZERO,
}


@_metric(
    id="cadres.new",
    title_en="Cadres newly appointed",
    title_zh="新增选用村干",
    numerator_en="serving cadres whose service began in the period",
    numerator_zh="期间内开始任职的村干",
    formula_en="count of serving cadres of the villages with a start date in the period",
    formula_zh="期间内任职的村干人数",
    options=(),
    **_COUNT_IN_PERIOD,
)
def _cadres_new(ctx: Context) -> MetricValue:
    return _cadres_starting(ctx, CadreStatus.SERVING, "cadres appointed", "新任村干")


@_metric(
    id="cadres.reserve",
    title_en="Reserve cadres trained",
    title_zh="培养后备干部",
    numerator_en="reserve cadres whose training began in the period",
    numerator_zh="期间内开始培养的后备干部",
    formula_en="count of reserve cadres of the villages with a start date in the period",
    formula_zh="期间内培养的后备干部人数",
    options=(),
    **_COUNT_IN_PERIOD,
)
def _cadres_reserve(ctx: Context) -> MetricValue:
    return _cadres_starting(ctx, CadreStatus.RESERVE, "reserve cadres", "后备干部")


def _cadres_starting(
    ctx: Context, status: CadreStatus, label_en: str, label_zh: str
) -> MetricValue:
    """Cadres of ``status`` whose service or training began in the period."""
    starts = ((c.village_id, c.since, c) for c in ctx.dataset.cadres if c.status is status)
    return _events_in_period(ctx, starts, label_en, label_zh)


# -- awards -------------------------------------------------------------------------


@_metric(
    id="awards.flags",
    title_en="Flags won",
    title_zh="获得旗数",
    numerator_en="flags won by the villages in the period's years in `competition`",
    numerator_zh="各村在该评比中获得的旗数",
    formula_en="count of flag awards of the villages in the competition, for years in the period",
    formula_zh="各村在该评比中所获旗的面数",
    options=("competition",),
    **_COUNT_IN_PERIOD,
)
def _flags(ctx: Context) -> MetricValue:
    competition = ctx.option("competition")
    years = set(ctx.period.years())
    return _events_in_period(
        ctx,
        (
            (a.village_id, datetime.date(a.year, 12, 31) if a.year in years else None, a)
            for a in ctx.dataset.awards
            if a.kind is AwardKind.FLAG and a.competition == competition
        ),
        "flags",
        "旗",
    )


@_metric(
    id="awards.villages_designated",
    title_en="Villages holding a designation",
    title_zh="获某称号的村数",
    numerator_en="villages designated `name` in a year of the period",
    numerator_zh="期间内获该称号的村",
    formula_en="count of villages holding the designation for a year in the period",
    formula_zh="获该称号的村个数",
    options=("name",),
    **_COUNT_IN_PERIOD,
)
def _designated(ctx: Context) -> MetricValue:
    name = ctx.option("name")
    years = set(ctx.period.years())
    holders = {
        a.village_id
        for a in ctx.dataset.awards
        if a.kind is AwardKind.DESIGNATION and a.name == name and a.year in years
    }
    terms = tuple(
        Term(
            label_en=ctx.dataset.village(v).name,
            label_zh=ctx.dataset.village(v).name,
            value=v in holders,
        )
        for v in ctx.villages
    )
    return ctx.derive(sum(1 for v in ctx.villages if v in holders), terms=terms)


# -- activities and events -------------------------------------------------------------


def _activities(ctx: Context) -> list[Any]:
    kinds = set(ctx.choices("kinds", ActivityKind))
    scope = set(ctx.villages)
    return sorted(
        (
            a
            for a in ctx.dataset.activities
            if a.kind in kinds and a.held_on in ctx.period and scope.intersection(a.village_ids)
        ),
        key=lambda a: (a.held_on, a.id),
    )


@_metric(
    id="activities.count",
    title_en="Activities held",
    title_zh="开展活动场次",
    numerator_en="activities of `kinds` held in the villages in the period",
    numerator_zh="期间内各村开展的该类活动",
    formula_en="count of activities of the kinds held in the period in any of the villages "
    "(an activity held in several villages counts once)",
    formula_zh="期间内在这些村开展的该类活动场次（多村联办的计一次）",
    options=("kinds",),
    **_COUNT_IN_PERIOD,
)
def _activities_count(ctx: Context) -> MetricValue:
    found = _activities(ctx)
    by_kind: dict[ActivityKind, int] = {}
    for activity in found:
        by_kind[activity.kind] = by_kind.get(activity.kind, 0) + 1
    terms = tuple(Term(label_en=k.en, label_zh=k.zh, value=n) for k, n in by_kind.items())
    return ctx.derive(len(found), terms=terms)


@_metric(
    id="activities.person_times",
    title_en="Attendance of activities",
    title_zh="活动参与人次",
    numerator_en="attendance (person-times) of activities of `kinds` in the period",
    numerator_zh="期间内该类活动的参与人次",
    denominator_en=None,
    denominator_zh=None,
    factor=1,
    aggregation=Aggregation.SUM,
    over_time_en="cumulative over the period",
    over_time_zh="期间内累计",
    missing=MissingPolicy.REQUIRE,
    formula_en="sum of the attendance recorded for each activity of the kinds in the period",
    formula_zh="期间内该类各场活动参与人次之和",
    options=("kinds",),
)
def _person_times(ctx: Context) -> MetricValue:
    return _sum_over_activities(ctx, "attendance", PersonTimes(0))


def _sum_over_activities(ctx: Context, field: str, zero: PersonTimes | PersonCount) -> MetricValue:
    """The sum of one count field over the activities; unknown if one lacks it."""
    found = _activities(ctx)
    counts = [(a.id, getattr(a, field)) for a in found]
    missing = tuple(ident for ident, count in counts if count is None)
    total = sum((count for _, count in counts if count is not None), zero)
    terms = tuple(Term(label_en=ident, label_zh=ident, value=count) for ident, count in counts)
    return ctx.derive(None if missing else total, terms=terms, missing=missing)


@_metric(
    id="activities.beneficiaries",
    title_en="People reached or rewarded by activities",
    title_zh="活动惠及人数",
    numerator_en="people reached or rewarded by activities of `kinds` in the period",
    numerator_zh="期间内该类活动惠及（奖励）的人数",
    denominator_en=None,
    denominator_zh=None,
    factor=1,
    aggregation=Aggregation.SUM,
    over_time_en="cumulative over the period",
    over_time_zh="期间内累计",
    missing=MissingPolicy.REQUIRE,
    formula_en="sum of the people recorded for each activity of the kinds in the period",
    formula_zh="期间内该类各场活动惠及人数之和",
    options=("kinds",),
)
def _beneficiaries(ctx: Context) -> MetricValue:
    return _sum_over_activities(ctx, "beneficiaries", PersonCount(0))


@_metric(
    id="disputes.mediated",
    title_en="Disputes mediated",
    title_zh="调解纠纷件数",
    numerator_en="disputes mediated in the villages in the period",
    numerator_zh="期间内各村调解的纠纷",
    formula_en="count of mediated disputes in the period",
    formula_zh="期间内调解纠纷件数",
    options=(),
    **_COUNT_IN_PERIOD,
)
def _disputes(ctx: Context) -> MetricValue:
    return _events_in_period(
        ctx,
        ((d.village_id, d.mediated_on, d) for d in ctx.dataset.disputes),
        "disputes",
        "纠纷",
    )


@_metric(
    id="education.university_admissions",
    title_en="New university students",
    title_zh="新增大学新生",
    numerator_en="members of the villages' households admitted to university in the period",
    numerator_zh="期间内考上大学的村民",
    formula_en="count of university admissions of the villages' members in the period",
    formula_zh="期间内大学新生人数",
    options=(),
    **_COUNT_IN_PERIOD,
)
def _admissions(ctx: Context) -> MetricValue:
    member_village = {
        m.id: ctx.dataset.household(m.household_id).village_id for m in ctx.dataset.members
    }
    return _events_in_period(
        ctx,
        ((member_village[a.member_id], a.admitted_on, a) for a in ctx.dataset.admissions),
        "students admitted",
        "大学新生",
    )


# -- projects and money ------------------------------------------------------------------


@_metric(
    id="projects.quantity",
    title_en="Infrastructure built",
    title_zh="基础设施建设数量",
    numerator_en="quantity of projects of `kinds` completed in the period",
    numerator_zh="期间内完成的该类项目数量",
    denominator_en=None,
    denominator_zh=None,
    factor=1,
    aggregation=Aggregation.SUM,
    over_time_en="cumulative over the period (by completion date)",
    over_time_zh="期间内累计（按完工日期）",
    missing=MissingPolicy.NONE_IS_ZERO,
    formula_en="sum of the quantities of the projects of the kinds completed in the period",
    formula_zh="期间内完工的该类项目数量之和",
    options=("kinds",),
)
def _projects(ctx: Context) -> MetricValue:
    kinds = ctx.choices("kinds", ProjectKind)
    units = {k.unit for k in kinds}
    if len(units) != 1 or None in units:
        raise InvalidValueError(
            f"{ctx.definition.id}.options.kinds",
            ctx.option("kinds"),
            "the kinds summed must share one unit",
        )
    (unit,) = units
    assert unit is not None
    total = Quantity(0, unit)
    terms: list[Term] = []
    for village_id in ctx.villages:
        for project in ctx.dataset.projects_in(village_id):
            done = project.completed_on
            if project.kind in kinds and done is not None and done in ctx.period:
                total += project.quantity
                name = ctx.dataset.village(village_id).name
                label = project.name or project.kind.zh
                terms.append(
                    Term(
                        label_en=f"{name}: {label}",
                        label_zh=f"{name}：{label}",
                        value=project.quantity,
                    )
                )
    return ctx.derive(total, terms=tuple(terms))


@_metric(
    id="funds.allocated",
    title_en="Funds allocated",
    title_zh="落实资金",
    numerator_en="allocations in the period of funds from `sources` (and for `purposes`) to the "
    "villages, their projects and their households",
    numerator_zh="期间内该来源（及用途）资金分配给各村及其项目、农户的金额",
    denominator_en=None,
    denominator_zh=None,
    factor=1,
    aggregation=Aggregation.SUM,
    over_time_en="cumulative over the period (by allocation date)",
    over_time_zh="期间内累计（按分配日期）",
    missing=MissingPolicy.NONE_IS_ZERO,
    formula_en="sum of the amounts allocated in the period",
    formula_zh="期间内分配金额之和",
    options=("sources", "purposes"),
)
def _funds(ctx: Context) -> MetricValue:
    sources = set(ctx.choices("sources", FundSource))
    purposes = set(ctx.choices("purposes", FundPurpose)) if "purposes" in ctx.options else None
    scope = set(ctx.villages)
    ds = ctx.dataset
    total = Money.zero()
    by_source: dict[tuple[FundSource, FundPurpose], Money] = {}
    for allocation in ds.allocations:
        if allocation.allocated_on not in ctx.period:
            continue
        if purposes is not None and allocation.purpose not in purposes:
            continue
        fund = ds.fund(allocation.fund_id)
        if fund.source not in sources:
            continue
        if allocation.village_id is not None:
            village = allocation.village_id
        elif allocation.project_id is not None:
            village = next(p.village_id for p in ds.projects if p.id == allocation.project_id)
        else:
            assert allocation.household_id is not None
            village = ds.household(allocation.household_id).village_id
        if village not in scope:
            continue
        total += allocation.amount
        key = (fund.source, allocation.purpose)
        by_source[key] = by_source.get(key, Money.zero()) + allocation.amount
    terms = tuple(
        Term(label_en=f"{s.en}, {p.en}", label_zh=f"{s.zh}（{p.zh}）", value=amount)
        for (s, p), amount in sorted(
            by_source.items(), key=lambda kv: (kv[0][0].code, kv[0][1].code)
        )
    )
    return ctx.derive(total, terms=terms)


# -- households ----------------------------------------------------------------------------


@_metric(
    id="monitoring.eliminated_households",
    title_en="Monitored households whose risk has been eliminated",
    title_zh="已消除风险的监测户",
    numerator_en="households with a monitoring spell closed as eliminated by the end of the "
    "period and none open on that day",
    numerator_zh="截至期末已消除风险且无未结束监测的户",
    denominator_en=None,
    denominator_zh=None,
    factor=1,
    aggregation=Aggregation.COUNT,
    over_time_en="as of the last day of the period",
    over_time_zh="截至期末",
    missing=MissingPolicy.NONE_IS_ZERO,
    formula_en="count of such households",
    formula_zh="此类户数",
    options=("count",),
)
def _eliminated(ctx: Context) -> MetricValue:
    from villagemodel.rules.monitoring import eliminated_households  # noqa: PLC0415

    what = ctx.option("count", "households")
    result = eliminated_households(ctx.dataset, ctx.villages, ctx.period.end)
    if what not in ("households", "people"):
        raise InvalidValueError(f"{ctx.definition.id}.options.count", what, "households or people")
    value = result.households if what == "households" else result.people
    return ctx.derive(value, terms=eliminated_terms(result.households, result.people))


@_metric(
    id="guarantees.insured_share",
    title_en="Share of people with basic medical insurance",
    title_zh="城乡居民医疗保险缴纳比例",
    numerator_en="members recorded as insured on the last day of the period",
    numerator_zh="期末已参保的村民",
    denominator_en="members of the villages' households (any member with no survey makes the "
    "share unknown)",
    denominator_zh="各村农户成员（有情况不明者则比例未知）",
    factor=100,
    aggregation=Aggregation.SHARE,
    over_time_en="as of the last day of the period",
    over_time_zh="截至期末",
    missing=MissingPolicy.REQUIRE,
    formula_en="insured members ÷ all members × 100",
    formula_zh="参保人数 ÷ 总人数 × 100",
    options=(),
)
def _insured(ctx: Context) -> MetricValue:
    from villagemodel.rules.guarantees import medical_insurance_share  # noqa: PLC0415

    share = medical_insurance_share(ctx.dataset, ctx.villages, ctx.period.end)
    tally = share.people
    terms = insurance_terms(tally.met, tally.not_met, tally.unknown)
    if tally.unknown.value:
        missing = (f"{tally.unknown.value} people with no survey of insurance",)
        return ctx.derive(None, terms=terms, missing=missing)
    rate = tally.rate
    return ctx.derive(
        None if rate is None else _percentage(rate.value),
        terms=terms,
        rounding_en=ROUNDING_SHARE[0],
        rounding_zh=ROUNDING_SHARE[1],
    )


@_metric(
    id="guarantees.safe_housing_share",
    title_en="Share of households in safe housing",
    title_zh="住房安全有保障的农户占比",
    numerator_en="households whose latest survey by the end of the period found safe housing",
    numerator_zh="截至期末最近一次排查住房安全的农户",
    denominator_en="households of the villages (any household with no survey makes the "
    "share unknown)",
    denominator_zh="各村农户（有情况不明者则比例未知）",
    factor=100,
    aggregation=Aggregation.SHARE,
    over_time_en="as of the last day of the period",
    over_time_zh="截至期末",
    missing=MissingPolicy.REQUIRE,
    formula_en="households in safe housing ÷ all households × 100",
    formula_zh="住房达标户数 ÷ 总户数 × 100",
    options=("jurisdiction",),
)
def _safe_housing(ctx: Context) -> MetricValue:
    from villagemodel.parameters import ParameterSet  # noqa: PLC0415
    from villagemodel.rules.guarantees import (  # noqa: PLC0415
        Component,
        WaterArea,
        guarantee_shares,
    )

    shares = guarantee_shares(
        ctx.dataset,
        ctx.villages,
        ctx.period.end,
        params=ParameterSet.default(),
        jurisdiction=ctx.option("jurisdiction", "CN"),
        water_area=WaterArea.WATER_RICH,
    )
    tally = shares.share(Component.HOUSING).households
    terms = housing_terms(tally.met, tally.not_met, tally.unknown)
    if tally.unknown.value:
        missing = (f"{tally.unknown.value} households with no survey of housing",)
        return ctx.derive(None, terms=terms, missing=missing)
    rate = tally.rate
    return ctx.derive(None if rate is None else _percentage(rate.value), terms=terms)


def _percentage(rate: Fraction) -> ExactPercentage:
    """A share as an exact percentage."""
    return ExactPercentage(rate * 100)


@_metric(
    id="hamlets.with_one_grid_worker_share",
    title_en="Share of hamlets with one grid worker",
    title_zh="安排一名网格员的屯占比",
    numerator_en="hamlets of the villages with exactly one grid worker",
    numerator_zh="恰有一名网格员的屯",
    denominator_en="hamlets of the villages",
    denominator_zh="各村的屯",
    factor=100,
    aggregation=Aggregation.SHARE,
    over_time_en="as recorded",
    over_time_zh="按现有记录",
    missing=MissingPolicy.NONE_IS_ZERO,
    formula_en="hamlets with one grid worker ÷ all hamlets × 100",
    formula_zh="有一名网格员的屯数 ÷ 屯总数 × 100",
    options=(),
)
def _grid(ctx: Context) -> MetricValue:
    workers: dict[str, int] = {}
    for worker in ctx.dataset.grid_workers:
        workers[worker.hamlet_id] = workers.get(worker.hamlet_id, 0) + 1
    hamlets = [h for v in ctx.villages for h in ctx.dataset.hamlets_in(v)]
    good = sum(1 for h in hamlets if workers.get(h.id, 0) == 1)
    terms = tuple(
        Term(label_en=h.name, label_zh=h.name, value=workers.get(h.id, 0)) for h in hamlets
    )
    value = None if not hamlets else _percentage(Fraction(good, len(hamlets)))
    return ctx.derive(value, terms=terms)


# -- income growth ----------------------------------------------------------------------------

_GROWTH_PLACES: Final = 10


def growth_rate(
    means: Mapping[int, Fraction], base: int, last: int, average: GrowthAverage
) -> Percentage:
    """Average annual growth, in percent, of ``means`` from year ``base`` to ``last``.

    ``means`` holds an exact value for every year from ``base`` to ``last``
    (``last > base``). Compound: the geometric mean ratio, computed with 60
    significant digits; arithmetic: the exact mean of the yearly rates. Either
    is rounded once, half up, to 10 decimal places of a percent. The object
    model and the batch layer both finish growth here.

    >>> growth_rate({2020: Fraction(100), 2022: Fraction(121), 2021: Fraction(110)}, 2020, 2022,
    ...             GrowthAverage.COMPOUND)
    Percentage('10.0000000000')
    """
    years = last - base
    if average is GrowthAverage.COMPOUND:
        ratio = means[last] / means[base]
        with decimal.localcontext(prec=60, rounding=ROUND_HALF_UP):
            root = (Decimal(ratio.numerator) / Decimal(ratio.denominator)) ** (
                Decimal(1) / Decimal(years)
            )
            growth = (root - 1) * 100
    else:
        rates = [means[y] / means[y - 1] - 1 for y in range(base + 1, last + 1)]
        mean = sum(rates, Fraction(0)) / len(rates) * 100
        # The arithmetic mean is exact: round it once, half up.
        growth = round_fraction(mean, _GROWTH_PLACES, ROUND_HALF_UP)
    return Percentage(growth.quantize(Decimal(1).scaleb(-_GROWTH_PLACES), rounding=ROUND_HALF_UP))


def _year_option(ctx: Context, key: str, default: int) -> int:
    text = ctx.option(key, str(default))
    if not text.isdigit():
        raise InvalidValueError(f"{ctx.definition.id}.options.{key}", text, "expected a year")
    return check_year(int(text), f"{ctx.definition.id}.options.{key}")


def growth_request(ctx: Context) -> tuple[GrowthAverage, int, int]:
    """The options of ``income.formerly_poor_growth``, checked: the average,
    the base year (the year before ``first_year``) and ``last_year``."""
    average = GrowthAverage.parse(ctx.option("average", GrowthAverage.COMPOUND.code))
    last = _year_option(ctx, "last_year", ctx.period.end.year)
    first = _year_option(ctx, "first_year", ctx.period.start.year)
    if first > last:
        raise InvalidValueError(
            f"{ctx.definition.id}.options.first_year", first, f"comes after last_year {last}"
        )
    return average, first - 1, last


@_metric(
    id="income.formerly_poor_growth",
    title_en="Average annual growth of formerly poor people's disposable income",
    title_zh="脱贫人口可支配收入年平均增幅",
    numerator_en="per-capita disposable income of formerly poor people: sum over formerly poor "
    "households of per-capita income × members, ÷ their members (a ratio of sums), last year "
    "of the period against the year before the period",
    numerator_zh="脱贫人口人均可支配收入（各脱贫户人均收入×人数之和 ÷ 总人数），期末年与期初前一年相比",
    denominator_en=None,
    denominator_zh=None,
    factor=100,
    aggregation=Aggregation.GROWTH,
    over_time_en="from the year before the period's first year to its last year",
    over_time_zh="期初前一年至期末年",
    missing=MissingPolicy.REQUIRE,
    formula_en="compound: (last ÷ base)^(1/years) − 1; arithmetic: mean of the yearly rates",
    formula_zh="几何平均：(末年÷基年)^(1/年数) − 1；算术平均：各年增幅的平均",
    options=("average", "first_year", "last_year"),
    exact=False,
)
def _growth(ctx: Context) -> MetricValue:
    average, base, last = growth_request(ctx)
    means: dict[int, Fraction] = {}
    missing: list[str] = []
    terms: list[Term] = []
    for year in range(base, last + 1):
        money = Fraction(0)
        people = 0
        for village_id in ctx.villages:
            for household in ctx.dataset.households_in(village_id):
                if household.history is not PovertyHistory.FORMERLY_POOR:
                    continue
                size = len(ctx.dataset.members_of(household.id))
                income = ctx.dataset.income(household.id, year)
                if income is None:
                    missing.append(f"{household.id} {year}")
                    continue
                money += Fraction(income.yuan) * size
                people += size
        if people:
            means[year] = money / people
            terms.append(growth_mean_term(year, means[year]))
    years = last - base
    if missing or len(means) != years + 1 or years < 1:
        return ctx.derive(None, terms=tuple(terms), missing=tuple(missing))
    value = growth_rate(means, base, last, average)
    return ctx.derive(
        value,
        terms=tuple(terms),
        rounding_en=growth_rounding(average)[0],
        rounding_zh=growth_rounding(average)[1],
    )


def describe_metrics(lang: Lang = "en") -> Sequence[str]:
    """One line per metric: id, title and how it aggregates."""
    zh = lang == "zh"
    return [
        f"{m.id}: {m.title_zh if zh else m.title_en} ({m.aggregation.zh if zh else m.aggregation.en})"
        for m in sorted(METRICS.values(), key=lambda m: m.id)
    ]
