"""Claims: the figures of a work report, each tied to its sentence and checkable.

A report states figures: "2022年,帮扶的6个村集体经济收入总量为90.2万元". A
:class:`Claim` is one such figure as data: the sentence it comes from
(verbatim), the metric it is a value of (an id of
:data:`villagemodel.metrics.METRICS`), whom it is about (a
:class:`~villagemodel.metrics.Subject`), the period, the metric's options, and
the quantity exactly as written (``stated``), read into an interval by
:func:`villagemodel.approx.parse`.

A claim is *about the subject as a whole* (:attr:`Quantifier.TOTAL`) or
*about each village of the subject* (:attr:`Quantifier.EACH`, as in
"其他4村均突破11万元" or "6个村分别开展4次").

**The rounding reading.** A figure written as an exact number is by default
read as rounded at its last written digit, half up (:attr:`Precision.ROUNDED`):
"90.2万元" covers every amount that rounds to it, from 901,500 yuan included
to 902,500 excluded; "12.76%" covers [12.755%, 12.765%); a whole number
such as "13面" covers [12.5, 13.5), which for a count is exactly 13. The
last written digit is the last digit as written, trailing zeros included
("150人" is rounded at the units, not the tens), times the magnitude word
(万, 亿). :attr:`Precision.EXACT` reads the figure as exact. Figures with
approximate words (余, 多, 突破, 以上, ...) are read as
:mod:`villagemodel.approx` reads them, with no rounding added.

>>> from villagemodel.metrics import Subject
>>> from villagemodel.periods import Period
>>> claim = Claim(
...     id="income-taohua", section="整合资源促发展,推进强村富民",
...     sentence="2022年,陶化村集体经济收入22.7万元、双达村20余万元、其他4村均突破11万元。",
...     metric="collective_income.total", subject=Subject.villages("taohua"),
...     period=Period.calendar_year(2022), stated="22.7万元",
...     template_zh="2022年,陶化村集体经济收入{value}",
...     template_en="In 2022 Taohua's collective-economy income was {value}",
... )
>>> claim.interval
Interval('[226500, 227500)')
>>> claim.text("zh"), claim.text("en")
('2022年,陶化村集体经济收入22.7万元', "In 2022 Taohua's collective-economy income was 227,000 yuan")

Checking a claim against a dataset computes the metric and compares:

>>> from villagemodel import datasets
>>> result = check_claim(claim, datasets.load("lingyun-2022"))
>>> result.verdict
<Verdict.HOLDS: 'holds'>
>>> print(result.explanation.to_text("en"))  # doctest: +ELLIPSIS
In 2022 Taohua's collective-economy income was 227,000 yuan [claims.check]: holds
  because: every value lies in the interval the report states
  inputs:
    sentence: 2022年,陶化村集体经济收入22.7万元、双达村20余万元、其他4村均突破11万元。
    stated: 22.7万元
    read as: [226,500, 227,500) yuan (rounded at its last written digit, half up)
    ...
  comparisons:
    陶化村: 227,000 yuan ≥ 226,500 yuan: true
    陶化村: 227,000 yuan < 227,500 yuan: true
  Collective-economy income, total [collective_income.total]: 227,000 yuan
  ...

A claim on a figure no record holds (an age, a distance) uses the metric
:data:`STATED`; it is kept, with its sentence, and always checks as
undetermined. A claim whose data is missing is undetermined too, with the
reason.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from typing import Any, Final

import attrs

from villagemodel._numbers import round_fraction
from villagemodel.activities import ActivityKind, AwardKind
from villagemodel.approx import (
    ApproximateQuantity,
    Convention,
    Interval,
    QuantityUnit,
    UnparseableQuantityError,
    parse,
)
from villagemodel.dataset import Dataset
from villagemodel.errors import (
    InvalidValueError,
    UnitMismatchError,
    UnknownDatasetError,
    UnknownReferenceError,
)
from villagemodel.explain import Comparison, Explanation, Fact, Lang, Operator, display
from villagemodel.finance import FundPurpose, FundSource
from villagemodel.ids import CountyId, TownshipId, VillageId
from villagemodel.labels import LabelledEnum
from villagemodel.metrics import (
    METRICS,
    Derivation,
    ExactPercentage,
    GrowthAverage,
    MetricValue,
    MoneyAverage,
    Subject,
    UnknownMetricError,
    compute,
)
from villagemodel.money import Money
from villagemodel.party import CadreStatus, StarRating
from villagemodel.periods import Period, check_year
from villagemodel.projects import ProjectKind
from villagemodel.quantities import Count, Percentage, PercentagePoints, Quantity

__all__ = [
    "STATED",
    "Claim",
    "ClaimCheck",
    "ClaimSet",
    "Precision",
    "Quantifier",
    "UnknownClaimSetError",
    "Verdict",
    "Words",
    "available_claim_sets",
    "check_claim",
    "check_claims",
    "claims_from_data",
    "comparison_known",
    "load_claims",
    "metric_unit",
    "metric_value",
    "period_from_phrase",
    "quantity_en",
    "records_cover",
    "render_interval",
    "subject_name",
    "to_fraction",
    "value_text",
]

STATED: Final = "stated"
"""The metric of a narrative figure no record can check ("73岁", "海拔1000米")."""


class Quantifier(LabelledEnum):
    """Whether a claim is about the subject as a whole or about each of its villages."""

    TOTAL = ("total", "合计", "the subject as a whole")
    EACH = ("each", "每个村", "each village of the subject")


class Precision(LabelledEnum):
    """How a figure written as an exact number is read."""

    ROUNDED = (
        "rounded",
        "按末位四舍五入",
        "rounded at its last written digit, half up",
    )
    EXACT = ("exact", "精确", "exact")


class Verdict(LabelledEnum):
    """The result of checking a claim against data."""

    HOLDS = ("holds", "成立", "holds")
    CONTRADICTED = ("contradicted", "与数据矛盾", "contradicted by the data")
    UNDETERMINED = ("undetermined", "无法判定", "undetermined")


# -- units -----------------------------------------------------------------------------

_Q = QuantityUnit
_COUNT_OF_PEOPLE: Final = frozenset({_Q.PERSON, _Q.STUDENT})
_UNITS: Final[dict[str, frozenset[QuantityUnit]]] = {
    "collective_income.total": frozenset({_Q.YUAN}),
    "collective_income.per_village": frozenset({_Q.YUAN}),
    "funds.allocated": frozenset({_Q.YUAN}),
    "branches.with_rating": frozenset({_Q.ITEM, _Q.VILLAGE}),
    "cadres.new": _COUNT_OF_PEOPLE,
    "cadres.reserve": _COUNT_OF_PEOPLE,
    "awards.flags": frozenset({_Q.FLAG}),
    "awards.villages_designated": frozenset({_Q.ITEM, _Q.VILLAGE}),
    "activities.count": frozenset({_Q.EVENT, _Q.TIMES}),
    "activities.person_times": frozenset({_Q.PERSON_TIMES}),
    "activities.beneficiaries": _COUNT_OF_PEOPLE,
    "disputes.mediated": frozenset({_Q.CASE}),
    "education.university_admissions": _COUNT_OF_PEOPLE,
    "guarantees.insured_share": frozenset({_Q.PERCENT}),
    "guarantees.safe_housing_share": frozenset({_Q.PERCENT}),
    "hamlets.with_one_grid_worker_share": frozenset({_Q.PERCENT}),
    "income.formerly_poor_growth": frozenset({_Q.PERCENT}),
}
"""The units a claim on each metric may state. Metrics that depend on an
option (projects, monitored households) are handled in :func:`metric_unit`."""

_PERCENT_METRICS: Final = frozenset(m for m, units in _UNITS.items() if _Q.PERCENT in units)

_STATED_MEASURE_WORDS: Final = ("支",)
"""Measure words :mod:`villagemodel.approx` does not know, accepted for
narrative (:data:`STATED`) figures only: "一支带不走的工作队"."""


def metric_unit(
    metric: str, options: Mapping[str, str], *, difference: bool = False
) -> frozenset[QuantityUnit] | None:
    """The units a stated figure of ``metric`` may carry (``None``: any unit).

    A difference between two percentages is in percentage points.

    >>> sorted(u.zh for u in metric_unit("collective_income.total", {}))
    ['元']
    >>> [u.zh for u in metric_unit("projects.quantity", {"kinds": "street_lamp"})]
    ['盏']
    """
    if metric == STATED:
        return None
    if difference:
        return frozenset({_Q.PERCENTAGE_POINT})
    if metric == "projects.quantity":
        kinds = [ProjectKind.parse(k.strip()) for k in options.get("kinds", "").split(",") if k]
        units = {k.unit for k in kinds}
        if len(units) != 1 or None in units:
            return None
        (unit,) = units
        assert unit is not None
        return frozenset({_Q.parse(unit.code)})
    if metric == "monitoring.eliminated_households":
        if options.get("count", "households") == "people":
            return _COUNT_OF_PEOPLE
        return frozenset({_Q.HOUSEHOLD})
    return _UNITS.get(metric)


# -- options ---------------------------------------------------------------------------

_ENUM_OPTIONS: Final[dict[tuple[str, str], type[LabelledEnum]]] = {
    ("activities.count", "kinds"): ActivityKind,
    ("activities.person_times", "kinds"): ActivityKind,
    ("activities.beneficiaries", "kinds"): ActivityKind,
    ("projects.quantity", "kinds"): ProjectKind,
    ("funds.allocated", "sources"): FundSource,
    ("funds.allocated", "purposes"): FundPurpose,
    ("branches.with_rating", "stars"): StarRating,
    ("income.formerly_poor_growth", "average"): GrowthAverage,
}


_REQUIRED_OPTIONS: Final = frozenset(
    {
        ("activities.count", "kinds"),
        ("activities.person_times", "kinds"),
        ("activities.beneficiaries", "kinds"),
        ("projects.quantity", "kinds"),
        ("funds.allocated", "sources"),
        ("branches.with_rating", "stars"),
        ("awards.flags", "competition"),
        ("awards.villages_designated", "name"),
    }
)
"""Options a metric cannot be computed without."""


def _check_options(metric: str, options: Mapping[str, str], path: str) -> None:
    if metric == STATED:
        if options:
            raise InvalidValueError(f"{path}.options", dict(options), "a stated figure has none")
        return
    known = METRICS[metric].options
    for key in known:
        if (metric, key) in _REQUIRED_OPTIONS and key not in options:
            raise InvalidValueError(f"{path}.options.{key}", None, f"{metric} needs this option")
    for key, value in options.items():
        where = f"{path}.options.{key}"
        if key not in known:
            raise InvalidValueError(
                where, key, f"not an option of {metric}; options: {', '.join(known) or 'none'}"
            )
        if not isinstance(value, str) or not value.strip():
            raise InvalidValueError(where, value, "an option's value is a non-empty str")
        kind = _ENUM_OPTIONS.get((metric, key))
        if kind is not None:
            for part in value.split(","):
                try:
                    kind.parse(part.strip())
                except InvalidValueError as error:
                    raise InvalidValueError(where, part, error.reason) from None
        if (metric, key) == ("projects.quantity", "kinds"):
            units = {ProjectKind.parse(part.strip()).unit for part in value.split(",")}
            if len(units) != 1:
                raise InvalidValueError(where, value, "the kinds summed must share one unit")
        if key in ("first_year", "last_year"):
            if not value.isdigit():
                raise InvalidValueError(where, value, "a year, written as digits")
            check_year(int(value), where)
        elif key == "count" and value not in ("households", "people"):
            raise InvalidValueError(where, value, "households or people")


def _options(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Options stored hashable: sorted (key, value) pairs."""
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), v) for k, v in items))


# -- reading the stated quantity ---------------------------------------------------------

_MAGNITUDES: Final = {"百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}


def _last_digit_step(quantity: ApproximateQuantity) -> Fraction:
    """One unit of the last written digit: 0.1万 for "90.2万", 0.01 for "12.76"."""
    number = quantity.number
    step = Fraction(1)
    if number[0].isdigit() and "." in number:
        step = Fraction(1, 10 ** len(number.split(".")[1]))
    if quantity.magnitude:
        step *= _MAGNITUDES[quantity.magnitude]
    return step


def _read(
    text: str, *, metric: str, precision: Precision, convention: Convention, tol: Fraction | None
) -> tuple[ApproximateQuantity, Interval, str | None]:
    """The quantity, its interval under ``precision``, and an extra measure word."""
    measure_word = None
    body = text
    if metric == STATED:
        for word in _STATED_MEASURE_WORDS:
            if text.endswith(word) and len(text) > len(word):
                body, measure_word = text[: -len(word)], word
    quantity = parse(body, convention=convention, tolerance=tol)
    interval = quantity.interval
    if precision is Precision.ROUNDED and interval.is_exact:
        assert interval.low is not None
        half = _last_digit_step(quantity) / 2
        interval = Interval.between(interval.low - half, interval.low + half, high_closed=False)
    return quantity, interval, measure_word


# -- the claim ---------------------------------------------------------------------------

_ID: Final = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


def _tolerance(value: object) -> Fraction | None:
    if value is None or isinstance(value, Fraction):
        return value
    if isinstance(value, str | int) and not isinstance(value, bool):
        try:
            return Fraction(value)
        except ValueError:
            pass
    raise InvalidValueError("Claim.tolerance", value, "a Fraction such as '1/10'")


@attrs.frozen(kw_only=True)
class Claim:
    """One figure of a report, with its sentence, metric, subject and period.

    ``stated`` is the quantity exactly as written ("90.2万元", "20余万元",
    "98%以上"); :attr:`quantity` is what :func:`villagemodel.approx.parse`
    reads (with ``convention`` and ``tolerance``) and :attr:`interval` the
    values the claim allows, with ``precision`` applied. ``options`` are the
    metric's options, stored as sorted pairs.

    ``compared_with`` makes the claim about a difference in percentage
    points: the metric for ``subject`` minus the metric for
    ``compared_with`` ("比全县平均水平高2.1个百分点").

    ``template_zh`` and ``template_en`` are the sentence with the figure
    replaced by ``{value}``, so that a report can be written from data.
    ``implied`` marks a figure the sentence gives in words rather than
    digits ("每个屯都安排一名网格员" is a share of 100%; a named village is
    a count of 1): ``stated`` is then the reading, ``note`` says how it was
    read, and the templates need no ``{value}``. ``period_note`` says how
    the period was chosen where the report gives none.

    Construction checks everything it can without data and raises
    :class:`~villagemodel.metrics.UnknownMetricError` for an unknown metric,
    :class:`~villagemodel.approx.UnparseableQuantityError` for a quantity
    it cannot read, :class:`~villagemodel.errors.UnitMismatchError` for a
    unit that does not fit the metric and
    :class:`~villagemodel.errors.InvalidValueError` for any other bad field.
    An unknown village is found when the claim meets a dataset
    (:class:`~villagemodel.errors.UnknownReferenceError`).
    """

    id: str
    sentence: str
    section: str
    metric: str
    subject: Subject
    period: Period
    stated: str
    template_zh: str
    template_en: str
    quantifier: Quantifier = Quantifier.TOTAL
    options: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_options)
    precision: Precision = Precision.ROUNDED
    convention: Convention = Convention.DEFAULT
    tolerance: Fraction | None = attrs.field(default=None, converter=_tolerance)
    compared_with: Subject | None = None
    period_note: str | None = None
    implied: bool = False
    note: str | None = None

    quantity: ApproximateQuantity = attrs.field(init=False, eq=False, repr=False)
    interval: Interval = attrs.field(init=False, eq=False, repr=False)
    measure_word: str | None = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        path = f"claim {self.id!r}"
        if not isinstance(self.id, str) or not _ID.match(self.id):
            raise InvalidValueError(
                "Claim.id", self.id, "lower-case letters, digits, '-', '_' or '.'"
            )
        for name in ("sentence", "section", "stated", "template_zh", "template_en"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise InvalidValueError(f"{path}.{name}", value, "a non-empty str")
        if not isinstance(self.implied, bool):
            raise InvalidValueError(f"{path}.implied", self.implied, "true or false")
        if not isinstance(self.subject, Subject):
            raise InvalidValueError(f"{path}.subject", self.subject, "expected a Subject")
        if not isinstance(self.period, Period):
            raise InvalidValueError(f"{path}.period", self.period, "expected a Period")
        for name, kind in (
            ("quantifier", Quantifier),
            ("precision", Precision),
            ("convention", Convention),
        ):
            if not isinstance(getattr(self, name), kind):
                raise InvalidValueError(f"{path}.{name}", getattr(self, name), f"a {kind.__name__}")
        if self.metric != STATED and self.metric not in METRICS:
            error = UnknownMetricError(self.metric)
            error.add_note(f"in {path}")
            raise error
        _check_options(self.metric, self.options_dict, path)
        if self.quantifier is Quantifier.EACH and self.subject.kind != "villages":
            raise InvalidValueError(
                f"{path}.subject", self.subject.label, "a claim on each village names its villages"
            )
        if self.compared_with is not None and (
            self.metric not in _PERCENT_METRICS or self.quantifier is not Quantifier.TOTAL
        ):
            raise InvalidValueError(
                f"{path}.compared_with",
                self.compared_with.label,
                "a difference in percentage points is claimed of a percentage, as a total",
            )
        try:
            quantity, interval, word = _read(
                self.stated,
                metric=self.metric,
                precision=self.precision,
                convention=self.convention,
                tol=self.tolerance,
            )
        except UnparseableQuantityError as error:
            raise UnparseableQuantityError(error.text, f"{error.reason}; in {path}") from None
        allowed = metric_unit(self.metric, self.options_dict, difference=self.is_difference)
        if allowed is not None and quantity.unit not in allowed:
            written = (
                "no unit" if quantity.unit is None else f"{quantity.unit.zh} ({quantity.unit.en})"
            )
            wanted = ", ".join(sorted(f"{u.zh} ({u.en})" for u in allowed))
            raise UnitMismatchError(
                f"{path}: {self.metric} takes {wanted}, but {self.stated!r} states {written}"
            )
        for name in ("template_zh", "template_en"):
            template = getattr(self, name)
            try:
                template.format(value="")
            except (KeyError, IndexError, ValueError) as error:
                raise InvalidValueError(
                    f"{path}.{name}", template, f"only {{value}} may be replaced ({error})"
                ) from None
            if "{value}" not in template and not self.implied:
                raise InvalidValueError(
                    f"{path}.{name}", template, "the figure's place is marked {value}"
                )
        object.__setattr__(self, "quantity", quantity)
        object.__setattr__(self, "interval", interval)
        object.__setattr__(self, "measure_word", word)

    # -- views ----------------------------------------------------------------------
    @property
    def options_dict(self) -> dict[str, str]:
        """The metric's options as a dict."""
        return dict(self.options)

    @property
    def is_stated_only(self) -> bool:
        """Whether no record can check the figure (metric :data:`STATED`)."""
        return self.metric == STATED

    @property
    def is_difference(self) -> bool:
        """Whether the claim is about a difference in percentage points."""
        return self.compared_with is not None

    @property
    def unit(self) -> QuantityUnit | None:
        """The unit of the stated quantity."""
        return self.quantity.unit

    def reading(self, lang: Lang = "en") -> str:
        """The interval the claim allows, with its unit and how it was read.

        >>> from villagemodel.metrics import Subject
        >>> c = Claim(id="lamps", section="s", sentence="安装路灯600余盏", metric="projects.quantity",
        ...           subject=Subject.villages("a"), period=Period.calendar_year(2022),
        ...           options={"kinds": "street_lamp"}, stated="600余盏",
        ...           template_zh="安装路灯{value}", template_en="{value} street lamps installed")
        >>> c.reading("en"), c.reading("zh")
        ('(600, 700) lamps', '(600, 700)盏')
        """
        text = render_interval(self.interval, self.unit, lang)
        exact = self.quantity.interval.is_exact
        if exact and self.precision is Precision.ROUNDED:
            how = self.precision.zh if lang == "zh" else self.precision.en
            return f"{text}（{how}）" if lang == "zh" else f"{text} ({how})"
        return text

    def text(self, lang: Lang = "zh") -> str:
        """The claim written out with the stated figure: the template filled in.

        In Chinese the figure is written as the report wrote it; in English
        it is rendered from the interval ("more than 100,000 yuan").
        """
        if lang == "zh":
            return self.template_zh.format(value=self.stated)
        return self.template_en.format(value=quantity_en(self.quantity, self.measure_word))

    def render(self, value: object, lang: Lang = "zh") -> str:
        """The claim written out with a computed ``value`` in place of the figure.

        >>> from villagemodel.metrics import Subject
        >>> c = Claim(id="flags", section="s", sentence="6个村共获得红旗13面;", metric="awards.flags",
        ...           subject=Subject.villages("a"), period=Period.calendar_year(2022),
        ...           options={"competition": "乡村振兴·五旗争创"}, stated="13面",
        ...           template_zh="6个村共获得红旗{value}", template_en="the six villages won {value} red flags")
        >>> c.render(13, "zh"), c.render(13, "en")
        ('6个村共获得红旗13面', 'the six villages won 13 red flags')
        """
        template = self.template_zh if lang == "zh" else self.template_en
        return template.format(value=value_text(value, self.unit, lang))

    def to_json(self) -> dict[str, Any]:
        """The claim as JSON-ready plain data."""
        return {
            "id": self.id,
            "section": self.section,
            "sentence": self.sentence,
            "metric": self.metric,
            "subject": {"kind": self.subject.kind, "ids": list(self.subject.ids)},
            "compared_with": None
            if self.compared_with is None
            else {"kind": self.compared_with.kind, "ids": list(self.compared_with.ids)},
            "period": {
                "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(),
                "label_zh": self.period.label_zh(),
                "label_en": self.period.label_en(),
            },
            "period_note": self.period_note,
            "options": self.options_dict,
            "quantifier": self.quantifier.code,
            "stated": self.stated,
            "precision": self.precision.code,
            "convention": self.convention.value,
            "tolerance": None if self.tolerance is None else str(self.tolerance),
            "interval": self.interval.render_interval(),
            "unit": None if self.unit is None else self.unit.code,
            "implied": self.implied,
            "note": self.note,
            "template_zh": self.template_zh,
            "template_en": self.template_en,
            "text_zh": self.text("zh"),
            "text_en": self.text("en"),
        }


# -- numbers and their display -------------------------------------------------------------


def to_fraction(value: object) -> Fraction:
    """The exact number of a metric's value (money in yuan, a percentage's number).

    >>> to_fraction(Money("227000")), to_fraction(Percentage("12.76"))
    (Fraction(227000, 1), Fraction(319, 25))
    """
    if isinstance(value, bool):
        raise InvalidValueError("value", value, "a bool is not a number")
    if isinstance(value, Money):
        return Fraction(value.yuan)
    if isinstance(value, MoneyAverage | ExactPercentage):
        return value.exact
    if isinstance(value, Percentage | PercentagePoints):
        return Fraction(value.value)
    if isinstance(value, Count):
        return Fraction(value.value)
    if isinstance(value, Quantity):
        return Fraction(value.amount)
    if isinstance(value, int | Fraction | Decimal):
        return Fraction(value)
    raise InvalidValueError("value", value, "not a number a claim can be compared with")


def _terminating(value: Fraction) -> Decimal | None:
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d != 1:
        return None
    return Decimal(value.numerator) / Decimal(value.denominator)


def _decimal(value: Fraction, *, up: bool | None = None, places: int = 2) -> Decimal:
    """A decimal for display: exact when it terminates, else rounded outward
    (down for a lower end, up for an upper end) or half up."""
    exact = _terminating(value)
    if exact is not None:
        return exact
    mode = "ROUND_HALF_UP" if up is None else ("ROUND_CEILING" if up else "ROUND_FLOOR")
    return round_fraction(value, places, mode)


def _like(template: object, number: Fraction) -> object:
    """``number`` in the type of a metric value, for display next to it."""
    exact = _terminating(number)
    if exact is None:
        return number
    if isinstance(template, Money | MoneyAverage):
        return Money(exact)
    if isinstance(template, Percentage):
        return Percentage(exact)
    if isinstance(template, PercentagePoints):
        return PercentagePoints(exact)
    if isinstance(template, Quantity):
        try:
            return Quantity(exact, template.unit)
        except InvalidValueError:
            return exact
    if isinstance(template, Count) and number.denominator == 1 and number >= 0:
        return type(template)(int(number))
    if number.denominator == 1:
        return int(number)
    return exact


_EN_UNITS: Final[dict[QuantityUnit, tuple[str, str]]] = {
    _Q.YUAN: (" yuan", " yuan"),
    _Q.PERCENT: ("%", "%"),
    _Q.PERCENTAGE_POINT: (" percentage point", " percentage points"),
    _Q.KILOMETRE: (" km", " km"),
    _Q.METRE: (" m", " m"),
    _Q.HOUR: (" hour", " hours"),
    _Q.MINUTE: (" minute", " minutes"),
    _Q.YEAR_OF_AGE: (" year", " years"),
}
"""English units written after the number; counts are written bare and the
template names what is counted ("{value} street lamps")."""


_EN_NOUNS: Final[dict[QuantityUnit, tuple[str, str]]] = {
    **_EN_UNITS,
    _Q.PERSON: (" person", " people"),
    _Q.STUDENT: (" person", " people"),
    _Q.PERSON_TIMES: (" person-time", " person-times"),
    _Q.HOUSEHOLD: (" household", " households"),
    _Q.LAMP: (" lamp", " lamps"),
    _Q.ROAD: (" road", " roads"),
    _Q.BRIDGE: (" bridge", " bridges"),
    _Q.SITE: (" site", " sites"),
    _Q.FLAG: (" flag", " flags"),
    _Q.EVENT: (" event", " events"),
    _Q.TIMES: (" time", " times"),
    _Q.CASE: (" case", " cases"),
    _Q.VILLAGE: (" village", " villages"),
}
"""English units for a figure standing alone (a bound, a value); 个 (an item)
is written bare."""


def _noun_en(unit: QuantityUnit | None, value: Fraction | None) -> str:
    if unit is None or unit not in _EN_NOUNS:
        return ""
    singular, plural = _EN_NOUNS[unit]
    return singular if value == 1 else plural


def _number_en(value: Fraction, *, up: bool | None = None) -> str:
    return f"{_decimal(value, up=up):,}"


def _unit_en(unit: QuantityUnit | None, value: Fraction | None) -> str:
    if unit is None or unit not in _EN_UNITS:
        return ""
    singular, plural = _EN_UNITS[unit]
    return singular if value == 1 else plural


def _number_zh(value: Fraction, unit: QuantityUnit | None, *, up: bool | None = None) -> str:
    number = _decimal(value, up=up)
    if unit is _Q.YUAN:
        return Money(number).format_zh()
    text = f"{number.normalize():f}" if number == number.to_integral_value() else f"{number}"
    return text + ("%" if unit is _Q.PERCENT else "")


def render_interval(interval: Interval, unit: QuantityUnit | None, lang: Lang = "en") -> str:
    """An interval with its unit, for a reader of ``lang``; ends that do not
    terminate are rounded outward to two decimals, so the display stays sound.

    >>> render_interval(Interval.between(110000, 145500, low_closed=False, high_closed=False),
    ...                 QuantityUnit.YUAN, "zh")
    '(11万元, 14.55万元)'
    >>> render_interval(Interval.between(Fraction(901500, 6), Fraction(902500, 6)),
    ...                 QuantityUnit.YUAN, "en")
    '[150,250, 150,416.67] yuan'
    """
    if interval.is_exact:
        assert interval.low is not None
        if lang == "zh":
            suffix = "" if unit in (None, _Q.YUAN, _Q.PERCENT) else unit.zh
            return _number_zh(interval.low, unit) + suffix
        return _number_en(interval.low) + _noun_en(unit, interval.low)
    left = "[" if interval.low_closed else "("
    right = "]" if interval.high_closed else ")"
    if lang == "zh":
        low = "-∞" if interval.low is None else _number_zh(interval.low, unit, up=False)
        high = "∞" if interval.high is None else _number_zh(interval.high, unit, up=True)
        suffix = "" if unit in (None, _Q.YUAN, _Q.PERCENT) else unit.zh
        return f"{left}{low}, {high}{right}{suffix}"
    low = "-∞" if interval.low is None else _number_en(interval.low, up=False)
    high = "∞" if interval.high is None else _number_en(interval.high, up=True)
    if unit is _Q.PERCENT:
        low, high = (
            (low if interval.low is None else low + "%"),
            (high if interval.high is None else high + "%"),
        )
        return f"{left}{low}, {high}{right}"
    return f"{left}{low}, {high}{right}{_noun_en(unit, None)}"


_PHRASES_EN: Final = {
    "超过": "more than",
    "突破": "more than",
    "逾": "more than",
    "达到": "at least",
    "以上": "at least",
    "及以上": "at least",
    "不到": "less than",
    "不足": "less than",
    "以下": "at most",
    "以内": "at most",
    "近": "nearly",
    "将近": "nearly",
    "约": "about",
    "大约": "about",
    "左右": "about",
}


def quantity_en(quantity: ApproximateQuantity, measure_word: str | None = None) -> str:
    """An approximate quantity in English words; counts are written bare (the
    sentence names what is counted).

    >>> quantity_en(parse("突破10万元")), quantity_en(parse("20余万元"))
    ('more than 100,000 yuan', 'more than 200,000 yuan (under 300,000)')
    >>> quantity_en(parse("一两分钟")), quantity_en(parse("98%以上")), quantity_en(parse("600余盏"))
    ('1 or 2 minutes', 'at least 98%', 'more than 600 (under 700)')
    """
    del measure_word  # the template names what is counted
    interval, unit = quantity.interval, quantity.unit
    low, high = interval.low, interval.high
    if interval.is_exact:
        assert low is not None
        return _number_en(low) + _unit_en(unit, low)
    word = quantity.prefix or quantity.suffix
    if quantity.marker is not None:
        assert low is not None
        head = f"more than {_number_en(low)}{_unit_en(unit, low)}"
        return head if high is None else f"{head} (under {_number_en(high)})"
    if word is None:  # a pair such as 一两
        assert low is not None
        assert high is not None
        return f"{_number_en(low)} or {_number_en(high)}{_unit_en(unit, high)}"
    phrase = _PHRASES_EN.get(word, word)
    if phrase in ("more than", "at least"):
        value = low
    elif phrase == "about":
        assert low is not None
        assert high is not None
        value = (low + high) / 2
    else:
        value = high
    assert value is not None
    return f"{phrase} {_number_en(value)}{_unit_en(unit, value)}"


def value_text(value: object, unit: QuantityUnit | None, lang: Lang) -> str:
    """A computed value as it stands in a report's sentence: ``90.2万元``, ``13面``."""
    if isinstance(value, Money | MoneyAverage):
        return value.format_zh() if lang == "zh" else value.format_en()
    number = to_fraction(value)
    if lang == "zh":
        text = _number_zh(number, unit)
        if unit not in (None, _Q.YUAN, _Q.PERCENT):
            text += unit.zh
        return text
    return _number_en(number) + _unit_en(unit, number)


# -- checking against data -----------------------------------------------------------------


def records_cover(dataset: Dataset, metric: str, options: Mapping[str, str]) -> bool:
    """Whether the dataset holds any record of what the metric counts.

    Metrics over events count a village with no records as zero. A dataset
    that holds no record of the kind at all (the bundled ``lingyun-2022``
    records no activities) has not counted them, so a zero from it is not
    evidence: the claim is undetermined.
    """
    ds = dataset

    def kinds(kind: type[LabelledEnum], key: str) -> set[Any]:
        return {kind.parse(k.strip()) for k in options.get(key, "").split(",") if k.strip()}

    match metric:
        case "cadres.new":
            return any(c.status is CadreStatus.SERVING for c in ds.cadres)
        case "cadres.reserve":
            return any(c.status is CadreStatus.RESERVE for c in ds.cadres)
        case "awards.flags":
            competition = options.get("competition")
            return any(a.kind is AwardKind.FLAG and a.competition == competition for a in ds.awards)
        case "awards.villages_designated":
            name = options.get("name")
            return any(a.kind is AwardKind.DESIGNATION and a.name == name for a in ds.awards)
        case "activities.count" | "activities.person_times" | "activities.beneficiaries":
            wanted = kinds(ActivityKind, "kinds")
            return any(a.kind in wanted for a in ds.activities)
        case "projects.quantity":
            wanted = kinds(ProjectKind, "kinds")
            return any(p.kind in wanted for p in ds.projects)
        case "funds.allocated":
            wanted = kinds(FundSource, "sources")
            funds = {f.id for f in ds.funds if f.source in wanted}
            return any(a.fund_id in funds for a in ds.allocations)
        case "disputes.mediated":
            return bool(ds.disputes)
        case "education.university_admissions":
            return bool(ds.admissions)
        case "monitoring.eliminated_households":
            return bool(ds.monitoring)
        case "guarantees.insured_share":
            return any(s.uninsured_member_ids is not None for s in ds.surveys)
        case "guarantees.safe_housing_share":
            return any(s.housing_grade is not None for s in ds.surveys)
        case "hamlets.with_one_grid_worker_share":
            return bool(ds.grid_workers)
        case _:
            return True


def _difference(left: MetricValue, right: MetricValue) -> object:
    if left.value is None or right.value is None:
        return None
    if isinstance(left.value, Percentage) and isinstance(right.value, Percentage):
        return left.value - right.value
    return to_fraction(left.value) - to_fraction(right.value)


def metric_value(
    claim: Claim, dataset: Dataset, subject: Subject
) -> tuple[object, tuple[MetricValue, ...]]:
    """The claim's metric for ``subject`` (minus the metric for
    ``compared_with`` when the claim is a difference) and the values used."""
    options = claim.options_dict
    first = compute(dataset, claim.metric, subject, claim.period, options)
    if claim.compared_with is None:
        return first.value, (first,)
    second = compute(dataset, claim.metric, claim.compared_with, claim.period, options)
    return _difference(first, second), (first, second)


def _resolve(claim: Claim, dataset: Dataset) -> tuple[str, ...]:
    """The claim's villages; an error naming the claim for an unknown place."""
    try:
        for subject in (claim.subject, claim.compared_with):
            if subject is None:
                continue
            if subject.kind == "township":
                dataset.township(TownshipId(subject.ids[0]))
            elif subject.kind == "county":
                dataset.county(CountyId(subject.ids[0]))
        return tuple(str(v) for v in claim.subject.resolve(dataset))
    except UnknownReferenceError as error:
        error.add_note(f"in claim {claim.id!r} (subject {claim.subject.label})")
        raise


def comparison_known(subject: Subject, compared_with: Subject, dataset: Dataset) -> bool:
    """Whether the records can give ``compared_with``'s figure as a thing apart.

    A dataset that holds no village of ``compared_with`` (a county, say)
    other than the subject's own does not hold that county: its figure
    computed from the records would be the subject's own, so it is not known.
    """
    mine = set(subject.resolve(dataset))
    theirs = set(compared_with.resolve(dataset))
    return not theirs <= mine


@attrs.frozen(kw_only=True)
class ClaimCheck:
    """A claim checked against a dataset: the verdict, why, the values used
    and the explanation (both languages, and JSON)."""

    claim: Claim
    verdict: Verdict
    reason_en: str
    reason_zh: str
    values: tuple[MetricValue, ...]
    explanation: Explanation

    def to_text(self, lang: Lang = "en") -> str:
        """The explanation as text."""
        return self.explanation.to_text(lang)

    def to_json(self) -> dict[str, Any]:
        """The check as JSON-ready plain data."""
        return {
            "claim": self.claim.to_json(),
            "verdict": self.verdict.code,
            "reason_en": self.reason_en,
            "reason_zh": self.reason_zh,
            "derivations": [v.derivation.to_json() for v in self.values],
            "explanation": self.explanation.to_json(),
        }


def derivation_explanation(derivation: Derivation) -> Explanation:
    """A metric's :class:`~villagemodel.metrics.Derivation` as an explanation part."""
    inputs = [
        Fact(
            label_en="period",
            label_zh="期间",
            value=Words(en=derivation.period.label_en(), zh=derivation.period.label_zh()),
        ),
        Fact(label_en="villages", label_zh="村", value=derivation.villages),
        *(Fact(label_en=t.label_en, label_zh=t.label_zh, value=t.value) for t in derivation.terms),
    ]
    if derivation.missing:
        inputs.append(Fact(label_en="no data for", label_zh="缺少数据", value=derivation.missing))
    if derivation.rounding_en:
        rounding = Words(en=derivation.rounding_en, zh=derivation.rounding_zh or "")
        inputs.append(Fact(label_en="rounding", label_zh="舍入", value=rounding))
    known = derivation.value is not None
    return Explanation(
        rule=derivation.metric,
        title_en=derivation.title_en,
        title_zh=derivation.title_zh,
        outcome_en=display(derivation.value, "en") if known else "unknown",
        outcome_zh=display(derivation.value, "zh") if known else "未知",
        branch_en=derivation.formula_en,
        branch_zh=derivation.formula_zh,
        inputs=tuple(inputs),
    )


def _bound_comparisons(who: str, value: object, interval: Interval) -> list[Comparison]:
    x = to_fraction(value)
    found = []
    if interval.low is not None:
        op = Operator.GE if interval.low_closed else Operator.GT
        holds = x >= interval.low if interval.low_closed else x > interval.low
        found.append(
            Comparison(
                label_en=who,
                label_zh=who,
                left=value,
                operator=op,
                right=_like(value, interval.low),
                holds=holds,
            )
        )
    if interval.high is not None:
        op = Operator.LE if interval.high_closed else Operator.LT
        holds = x <= interval.high if interval.high_closed else x < interval.high
        found.append(
            Comparison(
                label_en=who,
                label_zh=who,
                left=value,
                operator=op,
                right=_like(value, interval.high),
                holds=holds,
            )
        )
    return found


_REASONS: Final = {
    "stated": (
        "a narrative figure: no record can check it",
        "叙述性数字，没有记录可以核对",
    ),
    "uncovered": (
        "the dataset holds no records of what the metric counts, so the value it gives is no evidence",
        "数据集中没有该指标所计的记录，由此得出的数值不能作为依据",
    ),
    "holds": (
        "every value lies in the interval the report states",
        "各值均落在报告所述区间内",
    ),
    "contradicted": (
        "a value lies outside the interval the report states",
        "有值落在报告所述区间之外",
    ),
}


def check_claim(claim: Claim, dataset: Dataset) -> ClaimCheck:
    """Check ``claim`` against ``dataset``.

    The verdict is :attr:`Verdict.HOLDS` when every value the claim is
    about (the subject's, or each village's) lies in the claim's interval,
    :attr:`Verdict.CONTRADICTED` when one lies outside, and
    :attr:`Verdict.UNDETERMINED` when the claim is a narrative figure, a
    value is missing, or the dataset holds no records of what the metric
    counts. Raises :class:`~villagemodel.errors.UnknownReferenceError` for
    a village (or township, county) the dataset does not hold.
    """
    inputs = [
        Fact(label_en="sentence", label_zh="原句", value=claim.sentence),
        Fact(label_en="stated", label_zh="所述数字", value=claim.stated),
        Fact(
            label_en="read as",
            label_zh="解读为",
            value=Words(en=claim.reading("en"), zh=claim.reading("zh")),
        ),
        Fact(
            label_en="period",
            label_zh="期间",
            value=Words(en=claim.period.label_en(), zh=claim.period.label_zh()),
        ),
    ]
    inputs.append(Fact(label_en="about", label_zh="范围", value=claim.quantifier))
    if claim.period_note:
        inputs.append(Fact(label_en="period note", label_zh="期间说明", value=claim.period_note))
    if claim.note:
        inputs.append(Fact(label_en="note", label_zh="说明", value=claim.note))
    if claim.is_stated_only:
        return _result(
            claim,
            Verdict.UNDETERMINED,
            reason=_REASONS["stated"],
            values=(),
            inputs=inputs,
            comparisons=[],
        )
    villages = _resolve(claim, dataset)
    if claim.compared_with is not None and not comparison_known(
        claim.subject, claim.compared_with, dataset
    ):
        place = subject_name(claim.compared_with, dataset)
        reason = (
            f"the dataset holds no village of {place} beyond the subject's, "
            f"so {place}'s figure is not known",
            f"数据集中没有{place}除本组村以外的村，无法得知其数值",
        )
        return _result(
            claim, Verdict.UNDETERMINED, reason=reason, values=(), inputs=inputs, comparisons=[]
        )
    if claim.quantifier is Quantifier.EACH:
        subjects = [(dataset.village(VillageId(v)).name, Subject.villages(v)) for v in villages]
    else:
        subjects = [(subject_name(claim.subject, dataset), claim.subject)]
    used: list[MetricValue] = []
    comparisons: list[Comparison] = []
    missing: list[str] = []
    outside = False
    for who, subject in subjects:
        value, values = metric_value(claim, dataset, subject)
        used.extend(values)
        if value is None:
            # Name what is missing as the derivations list it, not the whole subject.
            listed = [m for v in values if v.value is None for m in v.derivation.missing]
            missing.extend(listed or [who])
            continue
        found = _bound_comparisons(who, value, claim.interval)
        comparisons.extend(found)
        outside = outside or not all(c.holds for c in found)
    if not records_cover(dataset, claim.metric, claim.options_dict):
        return _result(
            claim,
            Verdict.UNDETERMINED,
            reason=_REASONS["uncovered"],
            values=used,
            inputs=inputs,
            comparisons=[],
        )
    if outside:
        reason = _REASONS["contradicted"]
        return _result(
            claim,
            Verdict.CONTRADICTED,
            reason=reason,
            values=used,
            inputs=inputs,
            comparisons=comparisons,
        )
    if missing:
        reason = (
            "data missing for " + ", ".join(missing),
            "缺少数据：" + "、".join(missing),
        )
        return _result(
            claim,
            Verdict.UNDETERMINED,
            reason=reason,
            values=used,
            inputs=inputs,
            comparisons=comparisons,
        )
    return _result(
        claim,
        Verdict.HOLDS,
        reason=_REASONS["holds"],
        values=used,
        inputs=inputs,
        comparisons=comparisons,
    )


@attrs.frozen(kw_only=True)
class Words:
    """A fact's value that is words, written differently in each language."""

    en: str
    zh: str

    def format_en(self) -> str:
        return self.en

    def format_zh(self) -> str:
        return self.zh

    def to_plain(self) -> dict[str, str]:
        return {"en": self.en, "zh": self.zh}


def subject_name(subject: Subject, dataset: Dataset | None = None) -> str:
    """The subject's name in the dataset (its ids without one)."""
    if dataset is None:
        return "、".join(subject.ids) if subject.ids else subject.label
    if subject.kind == "villages":
        return "、".join(dataset.village(VillageId(i)).name for i in subject.ids)
    if subject.kind == "township":
        return dataset.township(TownshipId(subject.ids[0])).name
    if subject.kind == "county":
        return dataset.county(CountyId(subject.ids[0])).name
    return "全部村" if subject.kind == "all" else subject.label


def _result(
    claim: Claim,
    verdict: Verdict,
    *,
    reason: tuple[str, str],
    values: Sequence[MetricValue],
    inputs: list[Fact],
    comparisons: list[Comparison],
) -> ClaimCheck:
    explanation = Explanation(
        rule="claims.check",
        title_en=claim.text("en"),
        title_zh=claim.text("zh"),
        outcome_en=verdict.en,
        outcome_zh=verdict.zh,
        branch_en=reason[0],
        branch_zh=reason[1],
        inputs=tuple(inputs),
        comparisons=tuple(comparisons),
        parts=tuple(derivation_explanation(v.derivation) for v in values),
    )
    return ClaimCheck(
        claim=claim,
        verdict=verdict,
        reason_en=reason[0],
        reason_zh=reason[1],
        values=tuple(values),
        explanation=explanation,
    )


def check_claims(claims: Iterable[Claim], dataset: Dataset) -> tuple[ClaimCheck, ...]:
    """Check every claim against ``dataset``, in order."""
    return tuple(check_claim(claim, dataset) for claim in claims)


# -- claim sets: files of claims -------------------------------------------------------------

_PERIOD_WORDS: Final = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
_AS_OF_WORDS: Final = ("截至目前", "累计", "目前", "现在")


def period_from_phrase(phrase: str, *, as_of: datetime.date) -> Period:
    """The period a report's phrase names, as of the report's date.

    >>> import datetime
    >>> day = datetime.date(2023, 4, 18)
    >>> period_from_phrase("2022年", as_of=day)
    Period(start=Date(2022, 1, 1), end=Date(2022, 12, 31))
    >>> period_from_phrase("2021年以来", as_of=day).label_zh()
    '2021年以来（截至2023年4月18日）'
    >>> period_from_phrase("两年来", as_of=day)
    Period(start=Date(2021, 4, 19), end=Date(2023, 4, 18))
    >>> period_from_phrase("累计", as_of=day).label_zh()
    '截至2023年4月18日'
    """
    text = phrase.strip() if isinstance(phrase, str) else phrase
    if isinstance(text, str):
        if m := re.fullmatch(r"(\d{4})年", text):
            return Period.calendar_year(int(m.group(1)))
        if m := re.fullmatch(r"(\d{4})年以来", text):
            return Period.since(int(m.group(1)), as_of=as_of)
        if m := re.fullmatch(r"(\d+|[一两二三四五])年来", text):
            word = m.group(1)
            years = int(word) if word.isdigit() else _PERIOD_WORDS[word]
            return Period.years_before(years, as_of=as_of)
        if text in _AS_OF_WORDS:
            return Period.up_to(as_of)
    raise InvalidValueError(
        "period",
        phrase,
        "not a period phrase: YYYY年, YYYY年以来, N年来, 截至目前, 累计 or 目前",
    )


@attrs.frozen(kw_only=True)
class ClaimSet:
    """The claims of one report, with where they come from."""

    name: str
    title: str
    title_zh: str
    source_title: str
    publisher: str
    published_on: datetime.date
    as_of: datetime.date
    dataset: str | None
    claims: tuple[Claim, ...]

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for claim in self.claims:
            if claim.id in seen:
                raise InvalidValueError("claims.id", claim.id, "two claims have this id")
            seen.add(claim.id)

    def __iter__(self) -> Iterator[Claim]:
        return iter(self.claims)

    def __len__(self) -> int:
        return len(self.claims)

    def by_id(self, claim_id: str) -> Claim:
        """The claim with id ``claim_id``."""
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise UnknownReferenceError("claim", claim_id)

    def with_claim(self, claim_id: str, **changes: Any) -> ClaimSet:
        """A copy with one claim changed: ``with_claim("income-total", stated="80.2万元")``."""
        old = self.by_id(claim_id)
        new = attrs.evolve(old, **changes)
        return attrs.evolve(self, claims=tuple(new if c is old else c for c in self.claims))


_CLAIM_KEYS: Final = frozenset(
    {
        "id",
        "section",
        "sentence",
        "metric",
        "subject",
        "period",
        "period_note",
        "quantifier",
        "options",
        "stated",
        "precision",
        "convention",
        "tolerance",
        "compared_with",
        "template_zh",
        "template_en",
        "implied",
        "note",
    }
)


def _subject(value: object, groups: Mapping[str, Subject], path: str) -> Subject:
    if isinstance(value, str):
        if value in groups:
            return groups[value]
        if value == "all":
            return Subject.all()
        raise InvalidValueError(
            path, value, f"not a subject named in [subjects]: {', '.join(groups) or 'none'}"
        )
    if isinstance(value, dict) and len(value) == 1:
        ((kind, ids),) = value.items()
        if kind == "villages" and isinstance(ids, list) and all(isinstance(i, str) for i in ids):
            return Subject.villages(*ids)
        if kind in ("township", "county") and isinstance(ids, str):
            return Subject.township(ids) if kind == "township" else Subject.county(ids)
    raise InvalidValueError(
        path,
        value,
        "a subject: a name from [subjects], {villages = [...]}, {township = ...}, {county = ...}",
    )


def _enum(kind: type[LabelledEnum], value: object, path: str) -> Any:
    if not isinstance(value, str):
        raise InvalidValueError(path, value, "expected a str")
    try:
        return kind.parse(value)
    except InvalidValueError as error:
        raise InvalidValueError(path, value, error.reason) from None


def _claim_from_data(
    entry: object, index: int, groups: Mapping[str, Subject], as_of: datetime.date
) -> Claim:
    path = f"claims[{index}]"
    if not isinstance(entry, dict):
        raise InvalidValueError(path, entry, "expected a table")
    unknown = sorted(set(entry) - _CLAIM_KEYS)
    if unknown:
        raise InvalidValueError(f"{path}.{unknown[0]}", unknown[0], "not a field of a claim")
    fields = dict(entry)
    try:
        fields["subject"] = _subject(fields.get("subject"), groups, f"{path}.subject")
        if "compared_with" in fields:
            fields["compared_with"] = _subject(
                fields["compared_with"], groups, f"{path}.compared_with"
            )
        period = fields.get("period")
        if isinstance(period, dict) and set(period) == {"start", "end"}:
            fields["period"] = Period(start=period["start"], end=period["end"])
        else:
            fields["period"] = period_from_phrase(str(period), as_of=as_of)
        if "quantifier" in fields:
            fields["quantifier"] = _enum(Quantifier, fields["quantifier"], f"{path}.quantifier")
        if "precision" in fields:
            fields["precision"] = _enum(Precision, fields["precision"], f"{path}.precision")
        if "convention" in fields:
            raw = fields["convention"]
            try:
                fields["convention"] = Convention(raw)
            except ValueError:
                raise InvalidValueError(f"{path}.convention", raw, "default or strict") from None
        if "options" in fields and not isinstance(fields["options"], dict):
            raise InvalidValueError(f"{path}.options", fields["options"], "expected a table")
        return Claim(**fields)
    except (
        InvalidValueError,
        UnknownMetricError,
        UnitMismatchError,
        UnparseableQuantityError,
    ) as error:
        error.add_note(f"in {path} (id {entry.get('id')!r})")
        raise
    except TypeError as error:  # a required field is missing
        raise InvalidValueError(path, entry.get("id"), f"incomplete claim: {error}") from None


def claims_from_data(data: Mapping[str, Any]) -> ClaimSet:
    """A :class:`ClaimSet` from plain data (a parsed claims file).

    The file has a ``[claim_set]`` header (name, titles, source, dates,
    dataset), an optional ``[subjects]`` table naming lists of villages,
    and one ``[[claims]]`` table per claim. A claim's ``period`` is a
    phrase (see :func:`period_from_phrase`) or ``{start, end}``.
    """
    header = data.get("claim_set")
    if not isinstance(header, dict):
        raise InvalidValueError("claim_set", header, "the file needs a [claim_set] header")
    as_of = header.get("as_of")
    if not isinstance(as_of, datetime.date):
        raise InvalidValueError("claim_set.as_of", as_of, "the report's as-of date")
    raw_groups = data.get("subjects", {})
    if not isinstance(raw_groups, dict):
        raise InvalidValueError("subjects", raw_groups, "expected a table of village lists")
    groups = {
        name: _subject({"villages": ids}, {}, f"subjects.{name}")
        for name, ids in raw_groups.items()
    }
    entries = data.get("claims", [])
    if not isinstance(entries, list):
        raise InvalidValueError("claims", entries, "expected [[claims]] tables")
    claims = tuple(_claim_from_data(entry, i, groups, as_of) for i, entry in enumerate(entries))
    return ClaimSet(
        name=str(header.get("name", "")),
        title=str(header.get("title", "")),
        title_zh=str(header.get("title_zh", "")),
        source_title=str(header.get("source_title", "")),
        publisher=str(header.get("publisher", "")),
        published_on=header.get("published_on", as_of),
        as_of=as_of,
        dataset=header.get("dataset"),
        claims=claims,
    )


_SUFFIX: Final = ".toml"


class UnknownClaimSetError(UnknownDatasetError):
    """No bundled claim set has the requested name."""

    def __init__(self, name: str, available: Iterable[str]) -> None:
        super().__init__(name, available)
        self.args = (
            f"no bundled claim set is named {name!r}; available: {', '.join(self.available)}",
        )


def available_claim_sets() -> tuple[str, ...]:
    """The names of the bundled claim sets, sorted.

    >>> available_claim_sets()
    ('lingyun-2022',)
    """
    folder = resources.files("villagemodel") / "data" / "claims"
    return tuple(
        sorted(
            entry.name.removesuffix(_SUFFIX)
            for entry in folder.iterdir()
            if entry.name.endswith(_SUFFIX)
        )
    )


def load_claims(name: str) -> ClaimSet:
    """The bundled claim set ``name`` (the claims of a report).

    >>> claims = load_claims("lingyun-2022")
    >>> claims.by_id("income-total").stated
    '90.2万元'
    """
    names = available_claim_sets()
    if name not in names:
        raise UnknownClaimSetError(name, names)
    folder = resources.files("villagemodel") / "data" / "claims"
    return claims_from_data(tomllib.loads((folder / f"{name}{_SUFFIX}").read_text("utf-8")))
