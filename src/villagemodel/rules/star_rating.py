"""Star-rating management of village Party branches (星级化管理): rubrics, scores, ratings.

A branch is rated once a year, together with the other branches of the same
rating body, under a **rubric** (评星定级细则): weighted sections of items with
maximum points, deductions (扣分项), veto items (一票否决) that cap the rating,
a score threshold per star, the stars the scheme assigns at all, and quotas
that cap the share of branches at a star (e.g. five stars for at most 30%).
Rubrics differ from place to place, so a rubric is data: a TOML file with a
cited source. Every weight, point, threshold and quota lives in that file;
this module holds none.

No Guangxi rubric with points and thresholds is public, so none is shipped
and none is assumed: :func:`rate` needs a rubric chosen by name
(:func:`load_rubric`, :func:`available_rubrics`) or built by the caller
(:meth:`Rubric.from_toml`). The shipped rubrics are *examples* from other
jurisdictions, flagged ``example = true``.

Arithmetic is exact: sums and differences are taken in
:class:`~fractions.Fraction`, and a score is shown as a
:class:`~decimal.Decimal` when it has a finite decimal form and as a
Fraction otherwise. Nothing is rounded, so 89.99, or
94.99999999999999999999999999999, is below a threshold of 90, or 95.

**The rating rule.** A branch is *eligible* for a star that the rubric
assigns, whose band its score reaches and that no veto item it triggered
caps. Quotas are **cumulative**. For each star k with a quota,
``places_k`` is share_k x the number of branches rated together, rounded by
the rubric's ``quota_rounding``, and ``cum_k`` is the sum of ``places_j``
over the quota stars j >= k, so places unused at a higher star pass down.
A branch *passes* at a quota star k when, among the branches eligible for k
or more, the number scoring at or above it (itself included) is at most
``cum_k`` (tie rule ``exclude_all_tied``), or the number scoring strictly
above it is below ``cum_k`` (``include_all_tied``). It earns an eligible
star k when k has no quota, or when it passes at k and at every quota star
below k (holding k stars is holding every lower star's "or more"). Its
rating is the highest star it earns, or no star.

The rule is closed-form, so it does not depend on the order of the
branches; raising a branch's score never lowers its own rating, and
lowering another branch's score never lowers it; under
``exclude_all_tied`` at most ``cum_k`` branches hold a quota star at or
above k, and under ``include_all_tied`` only branches tied with the lowest
of them go beyond. Where a branch scoring at least as much as another is
eligible for a star at least as high (bands on the total, no veto item
triggered), passing at k implies passing at every quota star below k, so
the rule is the count at k alone. Rating n branches takes O(n log n).

>>> rubric = load_rubric("tianjin-xiqing-2016")
>>> scores = [
...     BranchScores(branch_id=BranchId("a"), points={"basic": "96"}),
...     BranchScores(branch_id=BranchId("b"), points={"basic": "59.5"}),
... ]
>>> result = rate(rubric, scores, 2023)
>>> [(r.branch_id, r.rating.en) for r in result.ratings]
[('a', '4 stars'), ('b', 'unrated')]
>>> result.rated("a").quota_demoted
True
>>> load_rubric("guangxi")
Traceback (most recent call last):
...
villagemodel.rules.star_rating.UnknownRubricError: no rubric is named 'guangxi'; shipped rubrics: city-2023-notice, county-village-2014, jinan-education-2021, template-scheme-5-4-3, tianjin-xiqing-2016 (all examples; no Guangxi rubric is public, so none is shipped: load your own with Rubric.from_toml)
"""

from __future__ import annotations

import bisect
import datetime
import decimal
import difflib
import math
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, TypeVar

import attrs

from villagemodel import _fields as f
from villagemodel._numbers import EXACT, round_fraction, to_decimal
from villagemodel.errors import (
    DatasetValidationError,
    InvalidValueError,
    Problem,
    VillageModelError,
)
from villagemodel.explain import Comparison, Explanation, Fact, Lang, Operator, display
from villagemodel.ids import BranchId
from villagemodel.labels import LabelledEnum
from villagemodel.parameters import Confidence, Source
from villagemodel.party import BranchRating, StarRating
from villagemodel.periods import check_year
from villagemodel.quantities import Percentage

__all__ = [
    "Band",
    "BranchScores",
    "Deduction",
    "Item",
    "Quota",
    "QuotaDecision",
    "QuotaRounding",
    "RatedBranch",
    "RatingResult",
    "Rubric",
    "ScoreResult",
    "ScoresFile",
    "Section",
    "SectionScore",
    "TieRule",
    "UnknownRubricError",
    "Veto",
    "available_rubrics",
    "load_rubric",
    "rate",
    "read_scores",
    "score",
    "scores_from_toml_text",
]

Score = Decimal | Fraction
"""An exact score: a decimal, or a fraction when a weight makes it recur."""

E = TypeVar("E", bound=LabelledEnum)
T = TypeVar("T")

NO_GUANGXI_RUBRIC: Final = (
    "no Guangxi rubric is public, so none is shipped: load your own with Rubric.from_toml"
)


class UnknownRubricError(VillageModelError, LookupError):
    """No shipped rubric has the requested name."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.known = tuple(known)
        close = difflib.get_close_matches(name, list(self.known), n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        super().__init__(
            f"no rubric is named {name!r}{hint}; shipped rubrics: {', '.join(self.known)} "
            f"(all examples; {NO_GUANGXI_RUBRIC})"
        )


class TieRule(LabelledEnum):
    """What happens when branches tie on score at a quota's boundary.

    At a star k with a quota, among the branches eligible for k or more:
    with ``EXCLUDE_ALL_TIED`` a branch passes when those scoring *at or
    above* it (itself included) are no more than the cumulative places, so
    the quota is never exceeded and equal scores are treated alike (tied
    branches beyond the places all fail, even those that would have
    fitted). With ``INCLUDE_ALL_TIED`` a branch passes when those scoring
    *strictly above* it are fewer than the cumulative places, so all tied
    branches at the boundary pass and the quota may be exceeded by the ties.
    """

    EXCLUDE_ALL_TIED = (
        "exclude_all_tied",
        "名额边界并列者均不获名额",
        "none of the branches tied at a quota's boundary gets a place",
    )
    INCLUDE_ALL_TIED = (
        "include_all_tied",
        "名额边界并列者均获名额",
        "all branches tied at a quota's boundary get a place, beyond the quota if need be",
    )


class QuotaRounding(LabelledEnum):
    """How a quota's places are counted from share x number of branches rated.

    ``FLOOR`` reads "at most 30%" strictly: 30% of 6 branches is 1.8, so 1
    place; 30% of 3 is 0.9, so no place.
    """

    FLOOR = ("floor", "向下取整", "rounded down")
    CEILING = ("ceiling", "向上取整", "rounded up")
    HALF_UP = ("half_up", "四舍五入", "rounded half up")


def _level(rating: StarRating) -> int:
    """The number of stars, 0 when unrated."""
    return rating.stars if rating.stars is not None else 0


def _fraction(value: Score) -> Fraction:
    return Fraction(value)


def _sum(values: Iterable[Score]) -> Fraction:
    """An exact sum. Adding Decimals rounds to the context's precision (28
    digits by default), so every term is added as a Fraction."""
    return sum((Fraction(value) for value in values), Fraction(0))


def _exact(value: Fraction) -> Score:
    """``value`` as a Decimal when it has a finite decimal form, else as a Fraction."""
    if value.denominator == 1:
        return Decimal(value.numerator)
    try:
        return EXACT.divide(Decimal(value.numerator), Decimal(value.denominator))
    except (decimal.Inexact, decimal.Rounded):
        return value


def _number(value: object) -> object:
    """Converter: an int or a decimal string becomes a Decimal, a string such
    as ``"7/10"`` a Fraction; anything else is left for the validator."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return value
    if isinstance(value, str) and "/" in value:
        try:
            return Fraction(value)
        except (ValueError, ZeroDivisionError):
            return value
    try:
        return to_decimal(value, "number")
    except InvalidValueError:
        return value


def _optional_number(value: object) -> object:
    return None if value is None else _number(value)


def _check_number(path: str, value: object, *, positive: bool, fraction: bool) -> None:
    if not isinstance(value, Decimal | Fraction):
        to_decimal(value, path)  # raises the library's error for floats, bools, text
        raise InvalidValueError(path, value, "expected an exact number")
    if isinstance(value, Fraction) and not fraction:
        raise InvalidValueError(path, value, "expected a decimal number such as '12.5'")
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidValueError(path, value, "must be a finite number")
    if positive and value <= 0:
        raise InvalidValueError(path, value, "must be more than 0")


def _positive_decimal(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _check_number(f.path_of(instance, attribute), value, positive=True, fraction=False)


def _optional_positive_decimal(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is not None:
        _positive_decimal(instance, attribute, value)


def _positive_weight(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _check_number(f.path_of(instance, attribute), value, positive=True, fraction=True)


def _optional_threshold(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_number(f.path_of(instance, attribute), value, positive=False, fraction=False)


def _rated(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    f.member_of(StarRating)(instance, attribute, value)
    if value is StarRating.UNRATED:
        raise InvalidValueError(f.path_of(instance, attribute), value, "expected 1 to 5 stars")


# -- the rubric ------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Item:
    """A scored item of a section, with its maximum points."""

    id: str = attrs.field(validator=f.identifier)
    label_en: str = attrs.field(validator=f.text)
    label_zh: str = attrs.field(validator=f.text)
    max_points: Decimal = attrs.field(converter=_number, validator=_positive_decimal)


@attrs.frozen(kw_only=True)
class Section:
    """A weighted part of a rubric: its net score (items less its deductions)
    counts ``weight`` times in the total. ``weight`` is exact: a Decimal
    (``0.7``) or a Fraction (``7/10``)."""

    id: str = attrs.field(validator=f.identifier)
    label_en: str = attrs.field(validator=f.text)
    label_zh: str = attrs.field(validator=f.text)
    weight: Score = attrs.field(converter=_number, validator=_positive_weight)
    items: tuple[Item, ...] = attrs.field(converter=f.to_tuple, validator=f.tuple_of(Item))

    @property
    def max_points(self) -> Score:
        """The sum of the items' maximum points, exact."""
        return _exact(_sum(item.max_points for item in self.items))


@attrs.frozen(kw_only=True)
class Deduction:
    """A deduction (扣分项): points taken off, written as a positive number.

    ``section`` names the section whose points it reduces (before the
    section's weight applies); ``None`` takes it off the weighted total.
    ``max_points`` is ``None`` when the source states no maximum.
    """

    id: str = attrs.field(validator=f.identifier)
    label_en: str = attrs.field(validator=f.text)
    label_zh: str = attrs.field(validator=f.text)
    max_points: Decimal | None = attrs.field(
        default=None, converter=_optional_number, validator=_optional_positive_decimal
    )
    section: str | None = attrs.field(default=None, validator=f.optional_identifier)


@attrs.frozen(kw_only=True)
class Veto:
    """A veto item (一票否决): when triggered, the rating is at most
    ``caps_at``, whatever the score (``StarRating.UNRATED``: no star)."""

    id: str = attrs.field(validator=f.identifier)
    label_en: str = attrs.field(validator=f.text)
    label_zh: str = attrs.field(validator=f.text)
    caps_at: StarRating = attrs.field(validator=f.member_of(StarRating))


@attrs.frozen(kw_only=True)
class Band:
    """The score a star needs: ``min_score`` is an inclusive lower bound
    (5 stars at 90 or more). ``None`` sets no bound: every score reaches the
    band. ``section`` compares that section's net score instead of the total
    (a scheme that scores each star on its own sheet)."""

    stars: StarRating = attrs.field(validator=_rated)
    min_score: Decimal | None = attrs.field(
        default=None, converter=_optional_number, validator=_optional_threshold
    )
    section: str | None = attrs.field(default=None, validator=f.optional_identifier)


@attrs.frozen(kw_only=True)
class Quota:
    """At most ``share`` of all branches rated together hold ``stars``."""

    stars: StarRating = attrs.field(validator=_rated)
    share: Percentage = attrs.field(validator=f.instance_of(Percentage))

    @share.validator
    def _is_share(self, attribute: attrs.Attribute[Any], value: Percentage) -> None:
        if not value.is_share():
            raise InvalidValueError(
                f.path_of(self, attribute), value, "a share must lie between 0% and 100%"
            )

    def places(self, rated: int, rounding: QuotaRounding) -> int:
        """How many of ``rated`` branches may hold the star.

        >>> Quota(stars=StarRating.FIVE, share=Percentage(30)).places(6, QuotaRounding.FLOOR)
        1
        """
        exact = self.share.as_rate().value * rated
        if rounding is QuotaRounding.FLOOR:
            return math.floor(exact)
        if rounding is QuotaRounding.CEILING:
            return math.ceil(exact)
        return int(round_fraction(exact, 0, ROUND_HALF_UP))


def _allowed(value: object) -> object:
    """Converter: a list of stars becomes a tuple, highest first; numbers become ratings."""
    if not isinstance(value, list | tuple):
        return value
    items = [
        StarRating.of(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in value
    ]
    if all(isinstance(v, StarRating) for v in items):
        return tuple(sorted(items, key=_level, reverse=True))
    return tuple(items)


@attrs.frozen(kw_only=True)
class Rubric:
    """A star-rating rubric (评星定级细则): what is scored, how scores become
    stars, and where the rubric comes from.

    ``example`` marks a rubric that illustrates a scheme from another
    jurisdiction; ``note`` says what the source leaves open and how the file
    reads it. ``allowed_stars`` lists the stars the scheme assigns at all;
    ``None`` (the default) assigns every star with a band, see
    :attr:`stars_assigned`. Quota places are counted with
    ``quota_rounding`` from the number of branches rated together, and ties
    at a quota's boundary follow ``tie_rule``.
    """

    name: str = attrs.field(validator=f.identifier)
    title_en: str = attrs.field(validator=f.text)
    title_zh: str = attrs.field(validator=f.text)
    citation: Source = attrs.field(validator=f.instance_of(Source))
    example: bool = attrs.field(validator=f.flag)
    confidence: Confidence = attrs.field(validator=f.member_of(Confidence))
    sections: tuple[Section, ...] = attrs.field(converter=f.to_tuple, validator=f.tuple_of(Section))
    bands: tuple[Band, ...] = attrs.field(converter=f.to_tuple, validator=f.tuple_of(Band))
    deductions: tuple[Deduction, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(Deduction)
    )
    vetoes: tuple[Veto, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(Veto)
    )
    allowed_stars: tuple[StarRating, ...] | None = attrs.field(
        default=None,
        converter=_allowed,
        validator=attrs.validators.optional(f.tuple_of(StarRating)),
    )
    quotas: tuple[Quota, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(Quota)
    )
    quota_rounding: QuotaRounding = attrs.field(
        default=QuotaRounding.FLOOR, validator=f.member_of(QuotaRounding)
    )
    tie_rule: TieRule = attrs.field(
        default=TieRule.EXCLUDE_ALL_TIED, validator=f.member_of(TieRule)
    )
    note: str | None = attrs.field(default=None, validator=f.optional_text)

    def __attrs_post_init__(self) -> None:
        _check_rubric(self)

    # -- loading --------------------------------------------------------------
    @classmethod
    def from_toml(cls, path: str | Path) -> Rubric:
        """A rubric from a TOML file of your own (format: see the shipped files)."""
        text = Path(path).read_text(encoding="utf-8")
        return cls.from_toml_text(text, origin=str(path))

    @classmethod
    def from_toml_text(cls, text: str, *, origin: str = "<text>") -> Rubric:
        """A rubric from the text of a TOML rubric file.

        A bad field raises :class:`~villagemodel.errors.InvalidValueError`
        whose path starts with ``origin``.
        """
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise DatasetValidationError(
                [Problem(path=origin, value=None, message=f"not valid TOML: {error}")]
            ) from None
        return _parse_rubric(data, origin)

    # -- reading ----------------------------------------------------------------
    @property
    def stars_assigned(self) -> tuple[StarRating, ...]:
        """The stars the rubric assigns, highest first: ``allowed_stars``, or
        every star with a band when that is ``None``."""
        if self.allowed_stars is not None:
            return self.allowed_stars
        return tuple(sorted({band.stars for band in self.bands}, key=_level, reverse=True))

    def section(self, ident: str) -> Section:
        for section in self.sections:
            if section.id == ident:
                return section
        raise InvalidValueError("section", ident, f"rubric {self.name!r} has no such section")

    def items(self) -> dict[str, tuple[Section, Item]]:
        """Every item by id, with its section."""
        return {item.id: (section, item) for section in self.sections for item in section.items}

    def band(self, stars: StarRating) -> Band | None:
        """The band of ``stars``, if the rubric has one."""
        for band in self.bands:
            if band.stars is stars:
                return band
        return None

    def quota(self, stars: StarRating) -> Quota | None:
        """The quota on ``stars``, if the rubric sets one."""
        for quota in self.quotas:
            if quota.stars is stars:
                return quota
        return None

    @property
    def max_total(self) -> Score:
        """The highest possible total: each section's maximum times its weight."""
        return _exact(
            sum((_fraction(s.weight) * Fraction(s.max_points) for s in self.sections), Fraction(0))
        )

    def describe(self, lang: Lang = "en") -> str:
        """A short description: name, title, example flag, confidence and source."""
        zh = lang == "zh"
        flag = ("示例细则" if zh else "EXAMPLE") if self.example else ""
        title = self.title_zh if zh else self.title_en
        confidence = f"可信度{self.confidence.zh}" if zh else f"confidence {self.confidence.value}"
        head = f"{self.name}: {title} [{', '.join(p for p in (flag, confidence) if p)}]"
        return f"{head}\n  {'来源：' if zh else 'source: '}{self.citation.cite()}"


def _duplicates(ids: Iterable[str], path: str, field: str = "id") -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            raise InvalidValueError(f"{path}[{i}].{field}", ident, "used twice in the rubric")
        seen.add(ident)


def _check_rubric(rubric: Rubric) -> None:
    """Cross-field checks: ids are unique, references resolve, bands rise with stars."""
    if not rubric.sections:
        raise InvalidValueError("Rubric.sections", (), "a rubric needs at least one section")
    _duplicates((s.id for s in rubric.sections), "Rubric.sections")
    item_ids: set[str] = set()
    for i, section in enumerate(rubric.sections):
        if not section.items:
            raise InvalidValueError(f"Rubric.sections[{i}].items", (), "a section needs items")
        for j, item in enumerate(section.items):
            if item.id in item_ids:
                raise InvalidValueError(
                    f"Rubric.sections[{i}].items[{j}].id", item.id, "used twice in the rubric"
                )
            item_ids.add(item.id)
    section_ids = {s.id for s in rubric.sections}
    _duplicates((d.id for d in rubric.deductions), "Rubric.deductions")
    for i, deduction in enumerate(rubric.deductions):
        if deduction.section is not None and deduction.section not in section_ids:
            raise InvalidValueError(
                f"Rubric.deductions[{i}].section", deduction.section, "no section has this id"
            )
    _duplicates((v.id for v in rubric.vetoes), "Rubric.vetoes")
    _duplicates((b.stars.value for b in rubric.bands), "Rubric.bands", "stars")
    for i, band in enumerate(rubric.bands):
        if band.section is not None and band.section not in section_ids:
            raise InvalidValueError(
                f"Rubric.bands[{i}].section", band.section, "no section has this id"
            )
    _check_band_order(rubric)
    banded = {band.stars for band in rubric.bands}
    allowed = rubric.allowed_stars or ()
    for i, stars in enumerate(allowed):
        if stars is StarRating.UNRATED or stars in allowed[:i]:
            raise InvalidValueError(
                f"Rubric.allowed_stars[{i}]", stars.value, "expected distinct stars, 1 to 5"
            )
        if stars not in banded:
            raise InvalidValueError(
                f"Rubric.allowed_stars[{i}]", stars.value, "no band gives this star a threshold"
            )
    _duplicates((q.stars.value for q in rubric.quotas), "Rubric.quotas", "stars")
    for i, quota in enumerate(rubric.quotas):
        if quota.stars not in rubric.stars_assigned and rubric.bands:
            raise InvalidValueError(
                f"Rubric.quotas[{i}].stars", quota.stars.value, "the rubric never assigns this star"
            )


def _check_band_order(rubric: Rubric) -> None:
    """Among bands on the total, a higher star needs a strictly higher score,
    and bands without a lower bound come below every bounded band."""
    on_total = sorted(
        ((i, b) for i, b in enumerate(rubric.bands) if b.section is None),
        key=lambda pair: _level(pair[1].stars),
        reverse=True,
    )
    previous: Decimal | None = None
    unbounded_seen = False
    for i, band in on_total:
        if band.min_score is None:
            unbounded_seen = True
            continue
        if unbounded_seen:
            raise InvalidValueError(
                f"Rubric.bands[{i}].min_score",
                band.min_score,
                "a band below a band without a lower bound needs none either",
            )
        if previous is not None and band.min_score >= previous:
            raise InvalidValueError(
                f"Rubric.bands[{i}].min_score",
                band.min_score,
                f"must be lower than the threshold of the star above ({display(previous, 'en')})",
            )
        previous = band.min_score


# -- files ------------------------------------------------------------------------

_RUBRIC_KEYS: Final = {
    "name",
    "title_en",
    "title_zh",
    "citation",
    "example",
    "confidence",
    "note",
    "sections",
    "deductions",
    "vetoes",
    "bands",
    "allowed_stars",
    "quotas",
    "quota_rounding",
    "tie_rule",
}
_SOURCE_KEYS: Final = {"title", "issuer", "date", "url", "reference"}
_LABEL_KEYS: Final = {"id", "label_en", "label_zh"}


def _at(path: str, key: str) -> str:
    """The path of ``key`` under ``path``; a file's top level is ``origin:``."""
    return f"{path} {key}" if path.endswith(":") else f"{path}.{key}"


def _table(raw: object, path: str, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise InvalidValueError(path, raw, "expected a table")
    extra = sorted(set(raw) - allowed)
    if extra:
        raise InvalidValueError(_at(path, extra[0]), extra[0], "unknown field")
    return raw


def _list(raw: object, path: str) -> list[Any]:
    if not isinstance(raw, list):
        raise InvalidValueError(path, raw, "expected an array of tables")
    return raw


def _required(table: Mapping[str, Any], key: str, path: str) -> Any:
    if key not in table:
        raise InvalidValueError(_at(path, key), None, "required field is missing")
    return table[key]


def _file_number(raw: object, path: str) -> Decimal:
    """A number in a file: an int or a decimal string; floats are refused."""
    return to_decimal(raw, path)


def _file_stars(raw: object, path: str, *, unrated_ok: bool) -> StarRating:
    if isinstance(raw, int) and not isinstance(raw, bool):
        try:
            return StarRating.of(raw)
        except InvalidValueError:
            raise InvalidValueError(path, raw, "expected 1 to 5 stars") from None
    if unrated_ok and raw == StarRating.UNRATED.value:
        return StarRating.UNRATED
    hint = ' or "unrated"' if unrated_ok else ""
    raise InvalidValueError(path, raw, f"expected a number of stars, 1 to 5{hint}")


def _built(path: str, build: Callable[..., T], **fields: Any) -> T:
    """``build(**fields)``, with a validation error's path moved to ``path``."""
    try:
        return build(**fields)
    except InvalidValueError as error:
        field = error.path.split(".", 1)[1] if "." in error.path else error.path
        raise type(error)(f"{path}.{field}", error.value, error.reason) from None


def _parse_enum(kind: type[E], raw: object, path: str) -> E:
    if not isinstance(raw, str):
        raise InvalidValueError(path, raw, "expected a str")
    try:
        return kind.parse(raw)
    except InvalidValueError as error:
        raise InvalidValueError(path, raw, error.reason) from None


def _parse_citation(raw: object, path: str) -> Source:
    table = _table(raw, path, _SOURCE_KEYS)
    date = table.get("date")
    if date is not None and (
        not isinstance(date, datetime.date) or isinstance(date, datetime.datetime)
    ):
        raise InvalidValueError(f"{path}.date", date, "expected a date")
    for key in ("title", "issuer", "url", "reference"):
        value = table.get(key)
        if (key == "title" or value is not None) and (not isinstance(value, str) or not value):
            raise InvalidValueError(f"{path}.{key}", value, "expected a non-empty str")
    return Source(
        title=table["title"],
        issuer=table.get("issuer"),
        date=date,
        url=table.get("url"),
        reference=table.get("reference"),
    )


def _labels(table: Mapping[str, Any], path: str) -> dict[str, Any]:
    return {key: _required(table, key, path) for key in ("id", "label_en", "label_zh")}


def _parse_section(raw: object, path: str) -> Section:
    table = _table(raw, path, _LABEL_KEYS | {"weight", "items"})
    weight = _required(table, "weight", path)
    items = []
    for j, entry in enumerate(_list(_required(table, "items", path), f"{path}.items")):
        item_path = f"{path}.items[{j}]"
        item = _table(entry, item_path, _LABEL_KEYS | {"max_points"})
        points = _file_number(_required(item, "max_points", item_path), f"{item_path}.max_points")
        items.append(_built(item_path, Item, **_labels(item, item_path), max_points=points))
    return _built(path, Section, **_labels(table, path), weight=weight, items=tuple(items))


def _parse_deduction(raw: object, path: str) -> Deduction:
    table = _table(raw, path, _LABEL_KEYS | {"max_points", "section"})
    maximum = table.get("max_points")
    points = None if maximum is None else _file_number(maximum, f"{path}.max_points")
    return _built(
        path,
        Deduction,
        **_labels(table, path),
        max_points=points,
        section=table.get("section"),
    )


def _parse_veto(raw: object, path: str) -> Veto:
    table = _table(raw, path, _LABEL_KEYS | {"caps_at"})
    cap = _file_stars(_required(table, "caps_at", path), f"{path}.caps_at", unrated_ok=True)
    return _built(path, Veto, **_labels(table, path), caps_at=cap)


def _parse_band(raw: object, path: str) -> Band:
    table = _table(raw, path, {"stars", "min_score", "section"})
    stars = _file_stars(_required(table, "stars", path), f"{path}.stars", unrated_ok=False)
    minimum = table.get("min_score")
    bound = None if minimum is None else _file_number(minimum, f"{path}.min_score")
    return _built(path, Band, stars=stars, min_score=bound, section=table.get("section"))


def _parse_quota(raw: object, path: str) -> Quota:
    table = _table(raw, path, {"stars", "share_percent"})
    stars = _file_stars(_required(table, "stars", path), f"{path}.stars", unrated_ok=False)
    share = Percentage.share(
        _file_number(_required(table, "share_percent", path), f"{path}.share_percent"),
        path=f"{path}.share_percent",
    )
    return _built(path, Quota, stars=stars, share=share)


def _parse_rubric(data: Mapping[str, Any], origin: str) -> Rubric:
    top = f"{origin}:"
    table = _table(dict(data), top, _RUBRIC_KEYS)

    def each(key: str, parse: Any) -> tuple[Any, ...]:
        entries = _list(table.get(key, []), f"{top} {key}")
        return tuple(parse(entry, f"{top} {key}[{i}]") for i, entry in enumerate(entries))

    fields: dict[str, Any] = {
        key: _required(table, key, top) for key in ("name", "title_en", "title_zh", "example")
    }
    fields["citation"] = _parse_citation(_required(table, "citation", top), f"{top} citation")
    fields["confidence"] = _parse_enum(
        Confidence, _required(table, "confidence", top), f"{top} confidence"
    )
    note = table.get("note")
    fields["note"] = " ".join(note.split()) if isinstance(note, str) else note
    fields["sections"] = each("sections", _parse_section)
    fields["deductions"] = each("deductions", _parse_deduction)
    fields["vetoes"] = each("vetoes", _parse_veto)
    fields["bands"] = each("bands", _parse_band)
    fields["quotas"] = each("quotas", _parse_quota)
    if "allowed_stars" in table:
        raw = _required(table, "allowed_stars", top)
        if not isinstance(raw, list):
            raise InvalidValueError(f"{top} allowed_stars", raw, "expected a list of stars")
        fields["allowed_stars"] = tuple(
            _file_stars(v, f"{top} allowed_stars[{i}]", unrated_ok=False) for i, v in enumerate(raw)
        )
    for key, kind in (("quota_rounding", QuotaRounding), ("tie_rule", TieRule)):
        if key in table:
            fields[key] = _parse_enum(kind, table[key], f"{top} {key}")
        elif fields["quotas"]:
            raise InvalidValueError(
                f"{top} {key}", None, "a rubric with quotas must state it (no default is assumed)"
            )
    try:
        return Rubric(**fields)
    except InvalidValueError as error:
        path = error.path.removeprefix("Rubric.")
        raise type(error)(f"{top} {path}", error.value, error.reason) from None


def _rubric_folder() -> Any:
    return resources.files("villagemodel") / "data" / "rubrics"


def available_rubrics() -> tuple[str, ...]:
    """The names of the shipped rubrics, all examples from other jurisdictions.

    >>> available_rubrics()  # doctest: +NORMALIZE_WHITESPACE
    ('city-2023-notice', 'county-village-2014', 'jinan-education-2021',
     'template-scheme-5-4-3', 'tianjin-xiqing-2016')
    """
    names = (entry.name for entry in _rubric_folder().iterdir())
    return tuple(sorted(name.removesuffix(".toml") for name in names if name.endswith(".toml")))


_LOADED: dict[str, Rubric] = {}


def load_rubric(name: str) -> Rubric:
    """The shipped rubric called ``name``; see :func:`available_rubrics`.

    Raises :class:`UnknownRubricError` for any other name: no rubric is
    chosen for the caller, and none is shipped for Guangxi.
    """
    if name in _LOADED:
        return _LOADED[name]
    known = available_rubrics()
    if name not in known:
        raise UnknownRubricError(name, known)
    if name not in _LOADED:
        text = (_rubric_folder() / f"{name}.toml").read_text(encoding="utf-8")
        rubric = Rubric.from_toml_text(text, origin=f"rubrics/{name}.toml")
        if rubric.name != name:
            raise InvalidValueError(
                f"rubrics/{name}.toml: name", rubric.name, "differs from the file name"
            )
        _LOADED[name] = rubric
    return _LOADED[name]


# -- scores -----------------------------------------------------------------------


def _points_map(value: object) -> object:
    """Converter: a mapping becomes a read-only mapping; values that are ints
    or decimal strings become Decimals, others are left for the validator."""
    if not isinstance(value, Mapping):
        return value
    return MappingProxyType({key: _number(points) for key, points in value.items()})


def _points_values(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    path = f.path_of(instance, attribute)
    if not isinstance(value, Mapping):
        raise InvalidValueError(path, value, "expected a mapping of item ids to points")
    for key, points in value.items():
        if not isinstance(key, str) or not key:
            raise InvalidValueError(path, key, "an item id must be a non-empty str")
        _check_number(f"{path}.{key}", points, positive=False, fraction=False)
        if points < 0:
            raise InvalidValueError(
                f"{path}.{key}",
                points,
                "points cannot be negative (write deductions as points taken off)",
            )


@attrs.frozen(kw_only=True)
class BranchScores:
    """What a branch scored: points per item, points taken off per deduction,
    and the veto items triggered. Points are exact (ints, Decimals or decimal
    strings; floats are refused). Checked against a rubric by :func:`score`."""

    branch_id: BranchId = attrs.field(validator=f.identifier)
    points: Mapping[str, Decimal] = attrs.field(
        converter=_points_map, validator=_points_values, hash=False
    )
    deductions: Mapping[str, Decimal] = attrs.field(
        factory=dict, converter=_points_map, validator=_points_values, hash=False
    )
    vetoes: tuple[str, ...] = attrs.field(default=(), converter=f.to_tuple, validator=f.identifiers)


@attrs.frozen(kw_only=True)
class SectionScore:
    """A section's points, deductions, net score and weighted score, all exact."""

    section: Section
    points: Score
    deducted: Score
    net: Score
    weighted: Score


@attrs.frozen(kw_only=True)
class ScoreResult:
    """A branch's exact score under a rubric, and how it was reached."""

    rubric: Rubric
    branch_id: BranchId
    scores: BranchScores
    sections: tuple[SectionScore, ...]
    deducted_from_total: Score
    total: Score
    vetoes: tuple[Veto, ...]
    explanation: Explanation

    def section_net(self, ident: str) -> Score:
        for section in self.sections:
            if section.section.id == ident:
                return section.net
        raise InvalidValueError("section", ident, "no section has this id")

    @property
    def cap(self) -> StarRating | None:
        """The lowest cap of the vetoes triggered, ``None`` when none was."""
        if not self.vetoes:
            return None
        return min((v.caps_at for v in self.vetoes), key=_level)


def _check_scores(rubric: Rubric, scores: BranchScores, path: str) -> None:
    items = rubric.items()
    for key, points in scores.points.items():
        if key not in items:
            raise InvalidValueError(
                f"{path}.points.{key}",
                key,
                f"rubric {rubric.name!r} has no item with this id; items: {', '.join(items)}",
            )
        maximum = items[key][1].max_points
        if points > maximum:
            raise InvalidValueError(
                f"{path}.points.{key}",
                points,
                f"more than the item's maximum of {display(maximum, 'en')}",
            )
    for key in items:
        if key not in scores.points:
            raise InvalidValueError(
                f"{path}.points.{key}",
                None,
                "no points given for this item; give 0 if none were awarded",
            )
    deductions = {d.id: d for d in rubric.deductions}
    for key, points in scores.deductions.items():
        found = deductions.get(key)
        if found is None:
            known = ", ".join(deductions) or "none"
            raise InvalidValueError(
                f"{path}.deductions.{key}",
                key,
                f"rubric {rubric.name!r} has no deduction with this id; deductions: {known}",
            )
        if found.max_points is not None and points > found.max_points:
            raise InvalidValueError(
                f"{path}.deductions.{key}",
                points,
                f"more than the deduction's maximum of {display(found.max_points, 'en')}",
            )
    vetoes = {v.id for v in rubric.vetoes}
    for i, key in enumerate(scores.vetoes):
        if key not in vetoes:
            known = ", ".join(sorted(vetoes)) or "none"
            raise InvalidValueError(
                f"{path}.vetoes[{i}]",
                key,
                f"rubric {rubric.name!r} has no veto item with this id; veto items: {known}",
            )


def _rubric_facts(rubric: Rubric) -> tuple[Fact, ...]:
    return (
        Fact(label_en="rubric", label_zh="评星细则", value=rubric.name),
        Fact(label_en="rubric title", label_zh="细则名称", value=rubric.title_zh),
        Fact(label_en="rubric source", label_zh="细则来源", value=rubric.citation.cite()),
        Fact(label_en="example rubric", label_zh="示例细则", value=rubric.example),
        Fact(label_en="confidence", label_zh="可信度", value=rubric.confidence),
    )


def _formula(rubric: Rubric, lang: Lang) -> str:
    zh = lang == "zh"
    parts = []
    for section in rubric.sections:
        label = section.label_zh if zh else section.label_en
        minus = [d for d in rubric.deductions if d.section == section.id]
        inner = label + "".join(f" − {d.label_zh if zh else d.label_en}" for d in minus)
        inner = f"({inner})" if minus else inner
        parts.append(f"{display(section.weight, 'en')} × {inner}")
    text = " + ".join(parts)
    text += "".join(
        f" − {d.label_zh if zh else d.label_en}" for d in rubric.deductions if d.section is None
    )
    return ("总分 = " if zh else "total = ") + text


def score(rubric: Rubric, scores: BranchScores, *, path: str = "BranchScores") -> ScoreResult:
    """A branch's exact score under ``rubric``.

    Each section's net score is its items' points less its deductions; the
    total is the sum of each net score times its section's weight, less the
    deductions that name no section. Every sum and difference is taken in
    :class:`~fractions.Fraction`, so nothing is rounded, however many digits
    the points have; and nothing is floored at zero (no source states a
    floor). Unknown ids, missing items and points beyond an item's maximum
    are refused with :class:`~villagemodel.errors.InvalidValueError` naming
    ``path``.

    >>> rubric = load_rubric("city-2023-notice")
    >>> result = score(rubric, BranchScores(branch_id=BranchId("a"),
    ...     points={"basic": "90", "evaluation": "80"}, deductions={"deductions": "5"}))
    >>> result.total
    Decimal('83.5')
    >>> score(rubric, BranchScores(branch_id=BranchId("a"), points={"basic": "101", "evaluation": 0}))
    Traceback (most recent call last):
    ...
    villagemodel.errors.InvalidValueError: BranchScores.points.basic: more than the item's maximum of 100 (got Decimal('101'))
    """
    if not isinstance(rubric, Rubric):
        raise InvalidValueError("rubric", rubric, "expected a Rubric: " + _CHOOSE)
    return _score(rubric, scores, path, (_formula(rubric, "en"), _formula(rubric, "zh")))


def _score(
    rubric: Rubric, scores: BranchScores, path: str, formulas: tuple[str, str]
) -> ScoreResult:
    """:func:`score`, with the rubric's formula in English and Chinese given
    (:func:`rate` words it once for all the branches)."""
    if not isinstance(scores, BranchScores):
        raise InvalidValueError(path, scores, "expected BranchScores")
    _check_scores(rubric, scores, path)
    sections: list[SectionScore] = []
    total = Fraction(0)
    facts: list[Fact] = [
        Fact(label_en="rubric", label_zh="评星细则", value=rubric.name),
        Fact(label_en="branch", label_zh="党支部", value=scores.branch_id),
    ]
    for section in rubric.sections:
        points = _sum(scores.points[item.id] for item in section.items)
        deducted = _sum(
            scores.deductions.get(d.id, Decimal(0))
            for d in rubric.deductions
            if d.section == section.id
        )
        net = points - deducted
        weighted = _fraction(section.weight) * net
        total += weighted
        sections.append(
            SectionScore(
                section=section,
                points=_exact(points),
                deducted=_exact(deducted),
                net=_exact(net),
                weighted=_exact(weighted),
            )
        )
        for item in section.items:
            facts.append(
                Fact(
                    label_en=f"{section.label_en} / {item.label_en} [{item.id}] (max {display(item.max_points, 'en')})",
                    label_zh=f"{section.label_zh} / {item.label_zh} [{item.id}]（满分{display(item.max_points, 'zh')}）",
                    value=scores.points[item.id],
                )
            )
    for deduction in rubric.deductions:
        if deduction.id in scores.deductions:
            facts.append(
                Fact(
                    label_en=f"deduction {deduction.label_en} [{deduction.id}]",
                    label_zh=f"扣分 {deduction.label_zh} [{deduction.id}]",
                    value=scores.deductions[deduction.id],
                )
            )
    for result in sections:
        label_en, label_zh = result.section.label_en, result.section.label_zh
        facts.append(
            Fact(
                label_en=f"{label_en}: net score × weight {display(result.section.weight, 'en')}",
                label_zh=f"{label_zh}：净得分 × 权重{display(result.section.weight, 'zh')}",
                value=f"{display(result.net, 'en')} × {display(result.section.weight, 'en')} = {display(result.weighted, 'en')}",
            )
        )
    overall = _sum(
        scores.deductions.get(d.id, Decimal(0)) for d in rubric.deductions if d.section is None
    )
    total -= overall
    exact_total = _exact(total)
    facts.append(Fact(label_en="total score", label_zh="总分", value=exact_total))
    triggered = tuple(v for v in rubric.vetoes if v.id in scores.vetoes)
    for veto in triggered:
        facts.append(
            Fact(
                label_en=f"veto item triggered: {veto.label_en} [{veto.id}]",
                label_zh=f"触发一票否决项：{veto.label_zh} [{veto.id}]",
                value=veto.caps_at,
            )
        )
    explanation = Explanation(
        rule="star_rating.score",
        title_en=f"Score of branch {scores.branch_id} under rubric {rubric.name}",
        title_zh=f"党支部{scores.branch_id}按细则{rubric.name}的得分",
        outcome_en=f"{display(exact_total, 'en')} points",
        outcome_zh=f"{display(exact_total, 'zh')}分",
        branch_en=formulas[0] + "; exact, not rounded",
        branch_zh=formulas[1] + "；精确计算，不作舍入",
        inputs=tuple(facts),
    )
    return ScoreResult(
        rubric=rubric,
        branch_id=scores.branch_id,
        scores=scores,
        sections=tuple(sections),
        deducted_from_total=_exact(overall),
        total=exact_total,
        vetoes=triggered,
        explanation=explanation,
    )


# -- rating -----------------------------------------------------------------------

_CHOOSE: Final = (
    "choose one explicitly with load_rubric(name) (see available_rubrics()) or "
    f"Rubric.from_toml(path); {NO_GUANGXI_RUBRIC}"
)


@attrs.frozen(kw_only=True)
class QuotaDecision:
    """The count a branch was compared on at one star with a quota.

    ``places`` are the quota's own places: its share of the ``rated``
    branches, ``share_of_rated`` (exact), rounded by the rubric's
    ``quota_rounding``; ``cumulative_places`` are the sum of the places of
    every quota star at or above this one. ``candidates`` counts the branches eligible for this star
    or more (by band, veto cap and allowed stars); ``at_or_above`` and
    ``above`` count those of them scoring at least, and more than, this
    branch (itself included in the first). ``passed`` says whether the count
    the tie rule compares is within the cumulative places:
    ``at_or_above <= cumulative_places`` under ``exclude_all_tied``,
    ``above < cumulative_places`` under ``include_all_tied``.
    """

    quota: Quota
    path: str
    rated: int
    share_of_rated: Score
    places: int
    cumulative_places: int
    candidates: int
    at_or_above: int
    above: int
    passed: bool


@attrs.frozen(kw_only=True)
class RatedBranch:
    """A branch's star rating and how it was reached.

    ``by_score`` is the highest star whose band the score reaches (any band,
    before vetoes, allowed stars and quotas); ``cap`` the lowest cap of the
    vetoes triggered; ``before_quotas`` the highest star the branch is
    eligible for (allowed, reached, within the cap), the rating before the
    quotas; ``quota_decisions`` the counts compared at the stars with a
    quota, highest first; ``rating`` the final rating.
    """

    branch_id: BranchId
    score: ScoreResult
    by_score: StarRating
    cap: StarRating | None
    before_quotas: StarRating
    quota_decisions: tuple[QuotaDecision, ...]
    rating: StarRating
    record: BranchRating
    explanation: Explanation

    @property
    def quota_demoted(self) -> bool:
        """Whether the quotas took a star away from the branch."""
        return _level(self.rating) < _level(self.before_quotas)

    @property
    def vetoed(self) -> bool:
        return self.cap is not None


@attrs.frozen(kw_only=True)
class RatingResult:
    """The star ratings of branches rated together under one rubric for a year."""

    rubric: Rubric
    year: int
    ratings: tuple[RatedBranch, ...]
    explanation: Explanation

    def rated(self, branch_id: str) -> RatedBranch:
        """The rating of the branch ``branch_id``."""
        for rated in self.ratings:
            if rated.branch_id == branch_id:
                return rated
        raise InvalidValueError("branch_id", branch_id, "no branch with this id was rated")

    @property
    def records(self) -> tuple[BranchRating, ...]:
        """The ratings as :class:`~villagemodel.party.BranchRating` records."""
        return tuple(r.record for r in self.ratings)

    def counts(self) -> dict[StarRating, int]:
        """How many branches hold each rating, highest first; zero counts left out."""
        found: dict[StarRating, int] = {}
        for stars in sorted(StarRating, key=_level, reverse=True):
            n = sum(1 for r in self.ratings if r.rating is stars)
            if n:
                found[stars] = n
        return found


def _band_holds(band: Band, result: ScoreResult) -> bool:
    if band.min_score is None:
        return True
    left = result.total if band.section is None else result.section_net(band.section)
    # Exact: Decimals compare without rounding, and a Fraction with a Decimal exactly.
    return left >= band.min_score


def _band_comparison(rubric: Rubric, band: Band, result: ScoreResult) -> Comparison | None:
    stars_en, stars_zh = band.stars.en, band.stars.zh
    index = rubric.bands.index(band)
    if band.min_score is None:
        return None
    if band.section is None:
        label_en = f"{stars_en}: total score ≥ threshold [bands[{index}].min_score]"
        label_zh = f"{stars_zh}：总分 ≥ 分数线 [bands[{index}].min_score]"
        left: Score = result.total
    else:
        section = rubric.section(band.section)
        label_en = (
            f"{stars_en}: net score of {section.label_en} ≥ threshold [bands[{index}].min_score]"
        )
        label_zh = f"{stars_zh}：{section.label_zh}净得分 ≥ 分数线 [bands[{index}].min_score]"
        left = result.section_net(band.section)
    return Comparison.of(label_en, label_zh, left, Operator.GE, band.min_score)


def _reached(rubric: Rubric, result: ScoreResult) -> frozenset[StarRating]:
    """The stars whose bands the branch's score reaches."""
    return frozenset(b.stars for b in rubric.bands if _band_holds(b, result))


def _eligible(
    assigned: tuple[StarRating, ...], reached: frozenset[StarRating], cap: StarRating | None
) -> list[StarRating]:
    """The assigned stars the branch reaches by score and within its cap, highest first."""
    limit = _level(cap) if cap is not None else None
    return [
        stars
        for stars in assigned
        if stars in reached and (limit is None or _level(stars) <= limit)
    ]


def _by_score(reached: frozenset[StarRating]) -> StarRating:
    return max(reached, key=_level) if reached else StarRating.UNRATED


@attrs.frozen
class _Standing:
    """The branches eligible for a quota star or more: their score ranks, ascending."""

    index: int
    quota: Quota
    rated: int
    share_of_rated: Score
    places: int
    cumulative: int
    ranks: list[int]


def _ranks(totals: Sequence[Fraction]) -> list[int]:
    """Each total's dense rank (equal totals, equal ranks; a higher total, a
    higher rank), so that later comparisons are of ints: one sort, O(n log n)."""
    order = sorted(range(len(totals)), key=totals.__getitem__)
    ranks = [0] * len(totals)
    rank = 0
    for position, i in enumerate(order):
        if position and totals[i] != totals[order[position - 1]]:
            rank += 1
        ranks[i] = rank
    return ranks


def _standings(
    rubric: Rubric, before: Sequence[StarRating], ranks: Sequence[int]
) -> list[_Standing]:
    """One standing per quota star, highest star first."""
    rated = len(ranks)
    ascending = sorted(range(rated), key=ranks.__getitem__)
    cumulative = 0
    found = []
    for index, quota in sorted(
        enumerate(rubric.quotas), key=lambda pair: _level(pair[1].stars), reverse=True
    ):
        places = quota.places(rated, rubric.quota_rounding)
        cumulative += places
        level = _level(quota.stars)
        eligible = [ranks[i] for i in ascending if _level(before[i]) >= level]
        share_of_rated = _exact(quota.share.as_rate().value * rated)
        found.append(_Standing(index, quota, rated, share_of_rated, places, cumulative, eligible))
    return found


def _quota_decisions(
    rubric: Rubric, standings: Sequence[_Standing], before: StarRating, rank: int
) -> tuple[QuotaDecision, ...]:
    """The counts of a branch at every quota star at or below its highest
    eligible star, when that star has a quota; none otherwise (a star without
    a quota needs no count). Two binary searches per quota star."""
    if rubric.quota(before) is None:
        return ()
    decisions = []
    for standing in standings:
        if _level(standing.quota.stars) > _level(before):
            continue
        eligible = len(standing.ranks)
        at_or_above = eligible - bisect.bisect_left(standing.ranks, rank)
        above = eligible - bisect.bisect_right(standing.ranks, rank)
        if rubric.tie_rule is TieRule.EXCLUDE_ALL_TIED:
            passed = at_or_above <= standing.cumulative
        else:
            passed = above < standing.cumulative
        decisions.append(
            QuotaDecision(
                quota=standing.quota,
                path=f"quotas[{standing.index}]",
                rated=standing.rated,
                share_of_rated=standing.share_of_rated,
                places=standing.places,
                cumulative_places=standing.cumulative,
                candidates=eligible,
                at_or_above=at_or_above,
                above=above,
                passed=passed,
            )
        )
    return tuple(decisions)


def _quota_rating(
    rubric: Rubric, eligible: Sequence[StarRating], decisions: Sequence[QuotaDecision]
) -> StarRating:
    """The highest eligible star that has no quota or whose count, and the
    count at every quota star below it, is within the cumulative places."""
    failed = [_level(d.quota.stars) for d in decisions if not d.passed]
    lowest_failed = min(failed) if failed else None
    for stars in eligible:
        if rubric.quota(stars) is None or lowest_failed is None or _level(stars) < lowest_failed:
            return stars
    return StarRating.UNRATED


def rate(
    rubric: Rubric,
    scores: Iterable[BranchScores],
    year: int,
    *,
    rated_on: datetime.date | None = None,
) -> RatingResult:
    """Rate branches together under ``rubric`` for ``year``.

    A branch is *eligible* for a star that the rubric assigns
    (``allowed_stars``), whose band its score reaches (inclusive thresholds)
    and that is not above the cap of any veto item it triggered. Quotas are
    **cumulative**: with ``places_k`` = share_k x number rated, rounded by
    ``rubric.quota_rounding``, and ``cum_k`` = the sum of ``places_j`` over
    the quota stars j >= k (places unused at a higher star pass down), a
    branch passes at a quota star k when, among the branches eligible for k
    or more, those scoring at or above it (itself included) number at most
    ``cum_k`` (``exclude_all_tied``), or those scoring strictly above it
    number fewer than ``cum_k`` (``include_all_tied``). It earns an eligible
    star k when k has no quota, or when it passes at k and at every quota
    star below k; its rating is the highest star it earns, or no star.

    So a higher score never earns fewer stars, a lower score of another
    branch never costs a branch a star, and under ``exclude_all_tied`` at
    most ``cum_k`` branches hold a quota star at or above k (under
    ``include_all_tied`` only branches tied with the lowest of them go
    beyond). Scores are compared exactly. Rating n branches takes
    O(n log n): one sort by score, then binary searches.

    The result does not depend on the order of ``scores``; ratings are
    listed in that order.
    """
    if not isinstance(rubric, Rubric):
        raise InvalidValueError("rubric", rubric, "no rubric chosen: " + _CHOOSE)
    if not rubric.bands:
        raise InvalidValueError(
            f"Rubric[{rubric.name}].bands",
            (),
            "the rubric gives no score thresholds (its source's were not found); "
            "build a rubric with bands of your own, under a name of your own",
        )
    check_year(year, "year")
    seen: set[str] = set()
    results: list[ScoreResult] = []
    formulas = (_formula(rubric, "en"), _formula(rubric, "zh"))
    for i, entry in enumerate(scores):
        path = f"scores[{i}]"
        if not isinstance(entry, BranchScores):
            raise InvalidValueError(path, entry, "expected BranchScores")
        if entry.branch_id in seen:
            raise InvalidValueError(f"{path}.branch_id", entry.branch_id, "rated twice")
        seen.add(entry.branch_id)
        results.append(_score(rubric, entry, path, formulas))
    assigned = rubric.stars_assigned
    reached = [_reached(rubric, r) for r in results]
    eligible = [
        _eligible(assigned, stars, r.cap) for stars, r in zip(reached, results, strict=True)
    ]
    before = [e[0] if e else StarRating.UNRATED for e in eligible]
    ranks = _ranks([Fraction(r.total) for r in results])
    standings = _standings(rubric, before, ranks)
    rated_branches = []
    for i, result in enumerate(results):
        decisions = _quota_decisions(rubric, standings, before[i], ranks[i])
        final = _quota_rating(rubric, eligible[i], decisions)
        record = BranchRating(
            branch_id=result.branch_id,
            year=year,
            rating=final,
            rated_on=rated_on,
            rubric=rubric.name,
        )
        by_score = _by_score(reached[i])
        explanation = _branch_explanation(
            rubric,
            year=year,
            result=result,
            by_score=by_score,
            before=before[i],
            decisions=decisions,
            final=final,
        )
        rated_branches.append(
            RatedBranch(
                branch_id=result.branch_id,
                score=result,
                by_score=by_score,
                cap=result.cap,
                before_quotas=before[i],
                quota_decisions=decisions,
                rating=final,
                record=record,
                explanation=explanation,
            )
        )
    group = tuple(rated_branches)
    return RatingResult(
        rubric=rubric,
        year=year,
        ratings=group,
        explanation=_group_explanation(rubric, year, group),
    )


# -- explanations ---------------------------------------------------------------


def _quota_rule(rubric: Rubric, lang: Lang) -> str:
    """The quota rule in words, for the rubric's tie rule."""
    exclude = rubric.tie_rule is TieRule.EXCLUDE_ALL_TIED
    if lang == "zh":
        count = (
            "得分不低于本支部的党支部数（含本支部）不超过累计名额"
            if exclude
            else "得分高于本支部的党支部数少于累计名额"
        )
        return (
            "名额累计计算：某星级的累计名额为该星级及以上各设名额星级的名额之和，"
            "上一星级未用的名额顺延；党支部获评设名额的星级，须在该星级及其下每个设名额的星级上，"
            f"可评该星级及以上的党支部中{count}"
        )
    count = (
        "scoring at or above it (itself included) are no more than the cumulative places"
        if exclude
        else "scoring above it are fewer than the cumulative places"
    )
    return (
        "quotas are cumulative: a star's cumulative places are the places of every quota star "
        "at or above it, so places unused above pass down; a branch holds a star with a quota "
        "only if, at that star and at every quota star below it, the branches eligible for "
        f"that star or more {count}"
    )


def _count(decision: QuotaDecision, rubric: Rubric) -> int:
    """The count the tie rule compares with the cumulative places."""
    if rubric.tie_rule is TieRule.EXCLUDE_ALL_TIED:
        return decision.at_or_above
    return decision.above


def _quota_clause(decision: QuotaDecision, rubric: Rubric, lang: Lang) -> str:
    quota = decision.quota
    zh = lang == "zh"
    stars = quota.stars.zh if zh else quota.stars.en
    share = display(quota.share, "en")
    rounding = rubric.quota_rounding.zh if zh else rubric.quota_rounding.en
    count = _count(decision, rubric)
    exclude = rubric.tie_rule is TieRule.EXCLUDE_ALL_TIED
    product = display(decision.share_of_rated, lang)
    cumulative = decision.cumulative_places
    if zh:
        ranked = "不低于" if exclude else "高于"
        verdict = "在名额内" if decision.passed else "超出名额"
        return (
            f"{stars}比例上限{share}：{decision.rated}个参评党支部 × {share} = {product}，"
            f"{rounding}得名额{decision.places}个；{stars}及以上累计名额{cumulative}个；"
            f"可评{stars}及以上且得分{ranked}本支部的党支部{count}个"
            f"（并列规则：{rubric.tie_rule.zh}）：{verdict}"
        )
    ranked = "at or above" if exclude else "above"
    verdict = "within the places" if decision.passed else "beyond the places"
    noun = "place" if decision.places == 1 else "places"
    return (
        f"{stars} quota {share}: {share} × {decision.rated} branches rated = {product}, "
        f"{rounding}: {decision.places} {noun}; cumulative places for {stars} or more: "
        f"{cumulative}; branches eligible for {stars} or more scoring {ranked} this one: "
        f"{count} (tie rule {rubric.tie_rule.value}): {verdict}"
    )


def _quota_comparison(decision: QuotaDecision, rubric: Rubric) -> Comparison:
    stars_en, stars_zh = decision.quota.stars.en, decision.quota.stars.zh
    where = f"[{decision.path}]"
    if rubric.tie_rule is TieRule.EXCLUDE_ALL_TIED:
        return Comparison.of(
            f"{stars_en} quota: branches eligible for {stars_en} or more scoring at or above "
            f"this one ≤ cumulative places {where}",
            f"{stars_zh}名额：可评{stars_zh}及以上且得分不低于本支部的党支部数 ≤ 累计名额 {where}",
            decision.at_or_above,
            Operator.LE,
            decision.cumulative_places,
        )
    return Comparison.of(
        f"{stars_en} quota: branches eligible for {stars_en} or more scoring above this one "
        f"< cumulative places {where}",
        f"{stars_zh}名额：可评{stars_zh}及以上且得分高于本支部的党支部数 < 累计名额 {where}",
        decision.above,
        Operator.LT,
        decision.cumulative_places,
    )


def _score_clause(rubric: Rubric, result: ScoreResult, by_score: StarRating, lang: Lang) -> str:
    zh = lang == "zh"
    total = display(result.total, lang)
    band = rubric.band(by_score) if by_score.is_rated else None
    if band is None:
        return (
            f"总分{total}分，未达任何星级分数线：按得分不评星"
            if zh
            else (f"total score {total} reaches no star's threshold: no star by score")
        )
    stars = by_score.zh if zh else by_score.en
    if band.min_score is None:
        return (
            f"总分{total}分：按得分为{stars}（该星级不设分数线）"
            if zh
            else (f"total score {total}: {stars} by score (the band has no lower bound)")
        )
    threshold = display(band.min_score, lang)
    if band.section is not None:
        section = rubric.section(band.section)
        net = display(result.section_net(band.section), lang)
        return (
            f"{section.label_zh}净得分{net}分，不低于{stars}分数线{threshold}分"
            if zh
            else f"net score of {section.label_en} {net} ≥ {threshold}, the {stars} threshold"
        )
    return (
        f"总分{total}分，不低于{stars}分数线{threshold}分"
        if zh
        else f"total score {total} ≥ {threshold}, the {stars} threshold"
    )


def _because(
    rubric: Rubric,
    *,
    result: ScoreResult,
    by_score: StarRating,
    before: StarRating,
    decisions: tuple[QuotaDecision, ...],
    final: StarRating,
    lang: Lang,
) -> str:
    zh = lang == "zh"
    clauses = [_score_clause(rubric, result, by_score, lang)]
    if by_score.is_rated and by_score not in rubric.stars_assigned:
        allowed = display(rubric.stars_assigned, lang)
        clauses.append(
            f"本细则不评定{by_score.zh}（只评{allowed}）"
            if zh
            else f"the rubric does not assign {by_score.en} (only {allowed})"
        )
    for veto in result.vetoes:
        clauses.append(
            f"一票否决项「{veto.label_zh}」[{veto.id}]：最高{veto.caps_at.zh}"
            if zh
            else f"veto item {veto.label_en} [{veto.id}] caps the rating at {veto.caps_at.en}"
        )
    if before is not by_score:
        clauses.append(
            f"经一票否决及评定星级限制后为{before.zh}"
            if zh
            else f"after veto items and allowed stars: {before.en}"
        )
    if decisions:
        clauses.append(_quota_rule(rubric, lang))
    clauses.extend(_quota_clause(d, rubric, lang) for d in decisions)
    if _level(final) < _level(before):
        clauses.append(
            f"名额所限，不能获评{before.zh}"
            if zh
            else f"the quotas do not let the branch hold {before.en}"
        )
    clauses.append(f"评定结果：{final.zh}" if zh else f"rating: {final.en}")
    return ("；" if zh else "; ").join(clauses)


def _branch_explanation(
    rubric: Rubric,
    *,
    year: int,
    result: ScoreResult,
    by_score: StarRating,
    before: StarRating,
    decisions: tuple[QuotaDecision, ...],
    final: StarRating,
) -> Explanation:
    facts = [
        *_rubric_facts(rubric),
        Fact(label_en="year", label_zh="年度", value=year),
        Fact(label_en="total score", label_zh="总分", value=result.total),
        Fact(label_en="rating by score", label_zh="按得分的星级", value=by_score),
        Fact(
            label_en="allowed stars [allowed_stars]",
            label_zh="评定的星级 [allowed_stars]",
            value=rubric.stars_assigned,
        ),
        Fact(
            label_en="veto items triggered [vetoes]",
            label_zh="触发的一票否决项 [vetoes]",
            value=tuple(v.id for v in result.vetoes) or None,
        ),
    ]
    if result.cap is not None:
        facts.append(Fact(label_en="veto cap", label_zh="否决后最高星级", value=result.cap))
    facts.append(Fact(label_en="rating before quotas", label_zh="名额限制前星级", value=before))
    if decisions:
        facts.append(
            Fact(
                label_en="tie rule [tie_rule]",
                label_zh="并列规则 [tie_rule]",
                value=rubric.tie_rule,
            )
        )
    for decision in decisions:
        stars_en, stars_zh = decision.quota.stars.en, decision.quota.stars.zh
        facts.append(
            Fact(
                label_en=f"{stars_en} quota share [{decision.path}.share]",
                label_zh=f"{stars_zh}比例上限 [{decision.path}.share]",
                value=decision.quota.share,
            )
        )
        facts.append(
            Fact(
                label_en=f"{stars_en} places [quota_rounding]",
                label_zh=f"{stars_zh}名额 [quota_rounding]",
                value=decision.places,
            )
        )
        facts.append(
            Fact(
                label_en=f"{stars_en} cumulative places",
                label_zh=f"{stars_zh}及以上累计名额",
                value=decision.cumulative_places,
            )
        )
        facts.append(
            Fact(
                label_en=f"branches eligible for {stars_en} or more",
                label_zh=f"可评{stars_zh}及以上的党支部数",
                value=decision.candidates,
            )
        )
    comparisons = [
        c
        for band in sorted(rubric.bands, key=lambda b: _level(b.stars), reverse=True)
        if (c := _band_comparison(rubric, band, result)) is not None
    ]
    comparisons.extend(_quota_comparison(d, rubric) for d in decisions)
    example_en = " (EXAMPLE rubric)" if rubric.example else ""
    example_zh = "（示例细则）" if rubric.example else ""
    return Explanation(
        rule="star_rating.branch",
        title_en=f"Star rating of branch {result.branch_id}, {year}, rubric {rubric.name}{example_en}",
        title_zh=f"党支部{result.branch_id}{year}年度星级评定，细则{rubric.name}{example_zh}",
        outcome_en=final.en,
        outcome_zh=final.zh,
        branch_en=_because(
            rubric,
            result=result,
            by_score=by_score,
            before=before,
            decisions=decisions,
            final=final,
            lang="en",
        ),
        branch_zh=_because(
            rubric,
            result=result,
            by_score=by_score,
            before=before,
            decisions=decisions,
            final=final,
            lang="zh",
        ),
        inputs=tuple(facts),
        comparisons=tuple(comparisons),
        parts=(result.explanation,),
    )


def _tally(ratings: Sequence[RatedBranch], lang: Lang) -> str:
    zh = lang == "zh"
    parts = []
    for stars in sorted(StarRating, key=_level, reverse=True):
        n = sum(1 for r in ratings if r.rating is stars)
        if n:
            parts.append(f"{stars.zh}{n}个" if zh else f"{n} × {stars.en}")
    return ("、" if zh else ", ").join(parts) or ("无" if zh else "none")


def _group_explanation(rubric: Rubric, year: int, ratings: tuple[RatedBranch, ...]) -> Explanation:
    rated = len(ratings)
    facts = [
        *_rubric_facts(rubric),
        Fact(label_en="year", label_zh="年度", value=year),
        Fact(label_en="branches rated together", label_zh="参评党支部数", value=rated),
        Fact(
            label_en="quota rounding [quota_rounding]",
            label_zh="名额取整 [quota_rounding]",
            value=rubric.quota_rounding,
        ),
        Fact(label_en="tie rule [tie_rule]", label_zh="并列规则 [tie_rule]", value=rubric.tie_rule),
    ]
    for i, quota in enumerate(rubric.quotas):
        facts.append(
            Fact(
                label_en=f"{quota.stars.en} quota share [quotas[{i}].share]",
                label_zh=f"{quota.stars.zh}比例上限 [quotas[{i}].share]",
                value=quota.share,
            )
        )
        facts.append(
            Fact(
                label_en=f"{quota.stars.en} places",
                label_zh=f"{quota.stars.zh}名额",
                value=quota.places(rated, rubric.quota_rounding),
            )
        )
        facts.append(
            Fact(
                label_en=f"{quota.stars.en} cumulative places",
                label_zh=f"{quota.stars.zh}及以上累计名额",
                value=sum(
                    q.places(rated, rubric.quota_rounding)
                    for q in rubric.quotas
                    if _level(q.stars) >= _level(quota.stars)
                ),
            )
        )
    quota_rule_en = f"; {_quota_rule(rubric, 'en')}" if rubric.quotas else ""
    quota_rule_zh = f"；{_quota_rule(rubric, 'zh')}" if rubric.quotas else ""
    example_en = "an EXAMPLE rubric from another jurisdiction; " if rubric.example else ""
    example_zh = "外地示例细则；" if rubric.example else ""
    return Explanation(
        rule="star_rating.rate",
        title_en=f"Star rating of village Party branches (星级化管理), {year}",
        title_zh=f"{year}年度村党支部星级评定（星级化管理）",
        outcome_en=f"{rated} branches rated: {_tally(ratings, 'en')}",
        outcome_zh=f"评定{rated}个党支部：{_tally(ratings, 'zh')}",
        branch_en=(
            f"rubric {rubric.name}, {rubric.title_en} ({example_en}confidence "
            f"{rubric.confidence.value}); source: {rubric.citation.cite()}; bands, veto items, "
            f"allowed stars and quotas applied to all branches rated together{quota_rule_en}"
        ),
        branch_zh=(
            f"细则{rubric.name}《{rubric.title_zh}》（{example_zh}可信度{rubric.confidence.zh}）；"
            f"来源：{rubric.citation.cite()}；分数线、一票否决、评定星级及比例上限适用于全部参评党支部"
            f"{quota_rule_zh}"
        ),
        inputs=tuple(facts),
        parts=tuple(r.explanation for r in ratings),
    )


# -- score files -------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ScoresFile:
    """The branch scores of a scores file, and the year it names (if any)."""

    year: int | None
    branches: tuple[BranchScores, ...]


def _score_map(raw: object, path: str) -> dict[str, Decimal]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise InvalidValueError(path, raw, "expected a table of ids and points")
    return {key: to_decimal(value, f"{path}.{key}") for key, value in raw.items()}


def scores_from_toml_text(text: str, *, origin: str = "<text>") -> ScoresFile:
    """Branch scores from the text of a TOML scores file::

        year = 2023                     # optional
        [[branches]]
        id = "taohua"
        points = { basic = "92.5", evaluation = 88 }
        deductions = { deductions = "1.5" }   # optional: points taken off
        vetoes = []                           # optional: veto item ids triggered

    Points are ints or decimal strings; a float (``92.5`` unquoted) is refused.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DatasetValidationError(
            [Problem(path=origin, value=None, message=f"not valid TOML: {error}")]
        ) from None
    top = f"{origin}:"
    table = _table(data, top, {"year", "branches"})
    year = table.get("year")
    if year is not None:
        check_year(year, f"{top} year")
    branches = []
    for i, entry in enumerate(_list(table.get("branches", []), f"{top} branches")):
        path = f"{top} branches[{i}]"
        branch = _table(entry, path, {"id", "points", "deductions", "vetoes"})
        vetoes = branch.get("vetoes", [])
        if not isinstance(vetoes, list):
            raise InvalidValueError(f"{path}.vetoes", vetoes, "expected a list of veto item ids")
        branches.append(
            _built(
                path,
                BranchScores,
                branch_id=_required(branch, "id", path),
                points=_score_map(_required(branch, "points", path), f"{path}.points"),
                deductions=_score_map(branch.get("deductions"), f"{path}.deductions"),
                vetoes=tuple(vetoes),
            )
        )
    return ScoresFile(year=year, branches=tuple(branches))


def read_scores(path: str | Path) -> ScoresFile:
    """Branch scores from a TOML scores file (format: :func:`scores_from_toml_text`)."""
    return scores_from_toml_text(Path(path).read_text(encoding="utf-8"), origin=str(path))
