"""Dated, cited parameters: every threshold, weight, quota and frequency the rules use.

A rule never holds a threshold as a literal. It asks a :class:`ParameterSet`
for a named parameter, for a jurisdiction and a date, and gets back a
:class:`ResolvedParameter`: the value in force, the jurisdiction that set it,
the date it took effect, its source (document, issuer, date, link) and a
confidence note. The explanation of every rule result lists the parameters
it read.

Parameters are data. The shipped files live in ``villagemodel/data/parameters/``
(TOML, one file per rule family); a user loads their own files over them
with :meth:`ParameterSet.with_files`.

**Jurisdictions** are paths from the nation down: ``CN`` (national),
``CN/guangxi`` (a province-level region), ``CN/guangxi/baise`` (a city),
``CN/guangxi/baise/lingyun`` (a county). A lookup falls back from the county
to its city, its province and the nation, and takes the first that has a
value in force on the date.

Where no public value exists for a jurisdiction (Guangxi's monitoring income
line, its collective-economy thresholds), none is shipped: the lookup raises
:class:`ParameterNotFoundError` naming the parameter, the jurisdiction and the
date, and the caller supplies a value (:meth:`ParameterSet.with_value`).
Values that only illustrate a rule are flagged ``example`` and are used only
when the caller asks for examples (``allow_examples=True``).

>>> import datetime
>>> params = ParameterSet.default()
>>> found = params.lookup("guarantees.housing_safe_grades", "CN/guangxi/baise/lingyun",
...                       datetime.date(2023, 4, 18))
>>> found.value, found.jurisdiction.path
(('A', 'B'), 'CN')
>>> params.lookup("monitoring.income_line", "CN/guangxi", datetime.date(2022, 1, 1))
Traceback (most recent call last):
...
villagemodel.parameters.ParameterNotFoundError: no value of 'monitoring.income_line' is in force for CN/guangxi on 2022-01-01 (looked in CN/guangxi, CN); supply one with ParameterSet.with_value
"""

from __future__ import annotations

import datetime
import difflib
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any, Final, TypeVar

import attrs

from villagemodel._numbers import to_decimal
from villagemodel.errors import (
    DatasetValidationError,
    InvalidValueError,
    Problem,
    VillageModelError,
)
from villagemodel.labels import LabelledEnum
from villagemodel.money import Money
from villagemodel.quantities import Percentage

E = TypeVar("E", bound=LabelledEnum)

__all__ = [
    "Confidence",
    "Jurisdiction",
    "JurisdictionLevel",
    "Parameter",
    "ParameterNotFoundError",
    "ParameterSet",
    "ParameterValue",
    "ResolvedParameter",
    "Source",
    "UnknownParameterError",
    "ValueKind",
]


class ParameterNotFoundError(VillageModelError, LookupError):
    """No value of a parameter is in force for a jurisdiction on a date."""

    def __init__(
        self, name: str, jurisdiction: str, on: datetime.date, tried: Iterable[str]
    ) -> None:
        self.name = name
        self.jurisdiction = jurisdiction
        self.on = on
        self.tried = tuple(tried)
        looked = ", ".join(self.tried)
        super().__init__(
            f"no value of {name!r} is in force for {jurisdiction} on {on.isoformat()} "
            f"(looked in {looked}); supply one with ParameterSet.with_value"
        )


class UnknownParameterError(VillageModelError, LookupError):
    """No parameter has the requested name."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        close = difflib.get_close_matches(name, list(known), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        super().__init__(f"no parameter is named {name!r}{hint}")


class JurisdictionLevel(LabelledEnum):
    """Levels at which rules are set, from the nation down."""

    NATIONAL = ("national", "全国", "national")
    PROVINCE = ("province", "省级", "province")
    CITY = ("city", "市级", "city")
    COUNTY = ("county", "县级", "county")


_LEVELS: Final = (
    JurisdictionLevel.NATIONAL,
    JurisdictionLevel.PROVINCE,
    JurisdictionLevel.CITY,
    JurisdictionLevel.COUNTY,
)


@attrs.frozen
class Jurisdiction:
    """A place that sets rules, written as a path from the nation down.

    >>> j = Jurisdiction.parse("CN/guangxi/baise/lingyun")
    >>> j.level, [p.path for p in j.chain()]
    (<JurisdictionLevel.COUNTY: 'county'>, ['CN/guangxi/baise/lingyun', 'CN/guangxi/baise', 'CN/guangxi', 'CN'])
    """

    parts: tuple[str, ...]

    @classmethod
    def parse(cls, path: str | Jurisdiction) -> Jurisdiction:
        """A jurisdiction from a path such as ``CN/guangxi``."""
        if isinstance(path, Jurisdiction):
            return path
        if not isinstance(path, str):
            raise InvalidValueError("jurisdiction", path, "expected a path such as 'CN/guangxi'")
        parts = tuple(path.split("/"))
        if not 1 <= len(parts) <= len(_LEVELS) or any(
            not part or part != part.strip() for part in parts
        ):
            raise InvalidValueError(
                "jurisdiction",
                path,
                "expected 'CN', 'CN/province', 'CN/province/city' or 'CN/province/city/county'",
            )
        return cls(parts)

    @property
    def path(self) -> str:
        return "/".join(self.parts)

    @property
    def level(self) -> JurisdictionLevel:
        return _LEVELS[len(self.parts) - 1]

    def chain(self) -> Iterator[Jurisdiction]:
        """This jurisdiction, then each one above it up to the nation."""
        for end in range(len(self.parts), 0, -1):
            yield Jurisdiction(self.parts[:end])

    def __str__(self) -> str:
        return self.path


class Confidence(LabelledEnum):
    """How sure the project is of a value and its reading of the source."""

    HIGH = ("high", "高", "high: stated in the source")
    MEDIUM = ("medium", "中", "medium: stated in a secondary or template copy")
    LOW = ("low", "低", "low: read from context or an example")


def _title(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError("Source.title", value, "every source needs a title")


@attrs.frozen(kw_only=True)
class Source:
    """Where a value comes from: a document, its issuer and date, a link."""

    title: str = attrs.field(validator=_title)
    issuer: str | None = None
    date: datetime.date | None = None
    url: str | None = None
    reference: str | None = None

    def cite(self) -> str:
        """A one-line citation: ``title (reference), issuer, date, url``."""
        parts = [self.title + (f" ({self.reference})" if self.reference else "")]
        parts += [p for p in (self.issuer, self.date and self.date.isoformat(), self.url) if p]
        return ", ".join(parts)


class ValueKind(LabelledEnum):
    """How a parameter's values are written in a file and held in Python."""

    MONEY = ("money", "金额(元)", "money in yuan")
    PERCENTAGE = ("percentage", "百分比", "percentage")
    FRACTION = ("fraction", "分数", "exact fraction such as '2/3'")
    DECIMAL = ("decimal", "数值", "decimal number")
    INTEGER = ("integer", "整数", "whole number")
    BOOLEAN = ("boolean", "是否", "true or false")
    TEXT = ("text", "文本", "text")
    TEXT_LIST = ("text_list", "文本列表", "list of texts")


def _convert(kind: ValueKind, raw: object, path: str) -> object:
    """A file value as the Python value its kind says, or an error naming ``path``."""
    if kind is ValueKind.MONEY:
        return raw if isinstance(raw, Money) else Money(to_decimal(raw, path))
    if kind is ValueKind.PERCENTAGE:
        return Percentage(to_decimal(raw, path))
    if kind is ValueKind.DECIMAL:
        return to_decimal(raw, path)
    if kind is ValueKind.FRACTION:
        if not isinstance(raw, str | int) or isinstance(raw, bool):
            raise InvalidValueError(path, raw, "expected a fraction written as a str, e.g. '2/3'")
        try:
            return Fraction(raw)
        except (ValueError, ZeroDivisionError):
            raise InvalidValueError(path, raw, "not a fraction") from None
    if kind is ValueKind.INTEGER:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise InvalidValueError(path, raw, "expected a whole number")
        return raw
    if kind is ValueKind.BOOLEAN:
        if not isinstance(raw, bool):
            raise InvalidValueError(path, raw, "expected true or false")
        return raw
    if kind is ValueKind.TEXT:
        if not isinstance(raw, str) or not raw:
            raise InvalidValueError(path, raw, "expected a non-empty str")
        return raw
    if not isinstance(raw, list) or not all(isinstance(item, str) and item for item in raw):
        raise InvalidValueError(path, raw, "expected a list of non-empty str")
    return tuple(raw)


def _day(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None and attribute.name == "effective_until":
        return
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise InvalidValueError(
            f"ParameterValue.{attribute.name}", value, "expected a date without a time of day"
        )


def _of_type(kind: type) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise InvalidValueError(
                f"{type(instance).__name__}.{attribute.name}", value, f"expected a {kind.__name__}"
            )

    return check


@attrs.frozen(kw_only=True)
class ParameterValue:
    """One value of a parameter: for a jurisdiction, from a date, with its source."""

    jurisdiction: Jurisdiction = attrs.field(validator=_of_type(Jurisdiction))
    effective_from: datetime.date = attrs.field(validator=_day)
    value: Any
    source: Source = attrs.field(validator=_of_type(Source))
    confidence: Confidence = attrs.field(validator=_of_type(Confidence))
    example: bool = attrs.field(default=False, validator=_of_type(bool))
    note: str | None = None
    effective_until: datetime.date | None = attrs.field(default=None, validator=_day)

    @effective_until.validator
    def _after_start(self, attribute: attrs.Attribute[Any], value: datetime.date | None) -> None:
        if value is not None and value < self.effective_from:
            raise InvalidValueError(
                "ParameterValue.effective_until", value, "comes before effective_from"
            )

    def in_force_on(self, day: datetime.date) -> bool:
        """Whether the value applies on ``day``."""
        if day < self.effective_from:
            return False
        return self.effective_until is None or day <= self.effective_until


@attrs.frozen(kw_only=True)
class Parameter:
    """A named parameter: its unit, meaning and dated values."""

    name: str
    kind: ValueKind
    unit: str
    description_en: str
    description_zh: str
    values: tuple[ParameterValue, ...] = ()


@attrs.frozen(kw_only=True)
class ResolvedParameter:
    """The value of a parameter in force for a jurisdiction on a date, and
    where it comes from. Rule explanations list these."""

    name: str
    value: Any
    unit: str
    kind: ValueKind
    requested_for: Jurisdiction
    on: datetime.date
    jurisdiction: Jurisdiction
    effective_from: datetime.date
    source: Source
    confidence: Confidence
    example: bool
    description_en: str
    description_zh: str
    note: str | None = None


@attrs.frozen
class ParameterSet:
    """A set of parameters that rules look values up in.

    :meth:`default` loads the shipped files; :meth:`with_files` and
    :meth:`with_value` return a new set with more values, which take
    precedence over existing values of the same jurisdiction and date.
    """

    parameters: Mapping[str, Parameter]

    # -- construction -----------------------------------------------------
    @classmethod
    def default(cls) -> ParameterSet:
        """The parameters shipped with the library."""
        return _default_set()

    @classmethod
    def empty(cls) -> ParameterSet:
        return cls({})

    @classmethod
    def from_toml_text(cls, text: str, *, origin: str = "<text>") -> ParameterSet:
        """Parameters from the text of a TOML parameter file."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise DatasetValidationError(
                [Problem(path=origin, value=None, message=f"not valid TOML: {error}")]
            ) from None
        return cls(_parse_file(data, origin))

    def with_files(self, *paths: str | Path) -> ParameterSet:
        """This set with the parameters of the given TOML files laid over it."""
        result = self
        for path in paths:
            text = Path(path).read_text(encoding="utf-8")
            result = result.merged(ParameterSet.from_toml_text(text, origin=str(path)))
        return result

    def merged(self, other: ParameterSet) -> ParameterSet:
        """This set with ``other`` laid over it: a value of ``other`` replaces
        a value of this set for the same jurisdiction and date; parameters
        only in one set are kept."""
        combined: dict[str, Parameter] = dict(self.parameters)
        for name, extra in other.parameters.items():
            base = combined.get(name)
            if base is None:
                combined[name] = extra
                continue
            if (base.kind, base.unit) != (extra.kind, extra.unit):
                raise InvalidValueError(
                    f"parameters.{name}",
                    (extra.kind.value, extra.unit),
                    f"is declared as {base.kind.value} in {base.unit} elsewhere",
                )
            replaced = {(v.jurisdiction, v.effective_from) for v in extra.values}
            kept = tuple(
                v for v in base.values if (v.jurisdiction, v.effective_from) not in replaced
            )
            combined[name] = attrs.evolve(base, values=kept + extra.values)
        return ParameterSet(combined)

    def with_value(
        self,
        name: str,
        value: object,
        *,
        jurisdiction: str,
        effective_from: datetime.date,
        source: Source,
        confidence: Confidence = Confidence.HIGH,
        note: str | None = None,
    ) -> ParameterSet:
        """This set with one more value of an existing parameter, given by the caller.

        The value is checked against the parameter's kind: a float given for
        money is refused like anywhere else.
        """
        base = self.parameter(name)
        converted = _convert(base.kind, value, f"{name}.value")
        extra = ParameterValue(
            jurisdiction=Jurisdiction.parse(jurisdiction),
            effective_from=effective_from,
            value=converted,
            source=source,
            confidence=confidence,
            note=note,
        )
        return self.merged(ParameterSet({name: attrs.evolve(base, values=(extra,))}))

    # -- lookup -------------------------------------------------------------
    def parameter(self, name: str) -> Parameter:
        """The parameter called ``name``."""
        found = self.parameters.get(name)
        if found is None:
            raise UnknownParameterError(name, self.parameters)
        return found

    def lookup(
        self,
        name: str,
        jurisdiction: str | Jurisdiction,
        on: datetime.date,
        *,
        allow_examples: bool = False,
    ) -> ResolvedParameter:
        """The value of ``name`` in force for ``jurisdiction`` on ``on``.

        Looks in the jurisdiction, then in each one above it, and takes the
        value with the latest start date in force there. Example values are
        skipped unless ``allow_examples``. Raises
        :class:`ParameterNotFoundError` naming the parameter, the
        jurisdiction and the date when none is found, and
        :class:`UnknownParameterError` when no parameter has the name.
        """
        place = Jurisdiction.parse(jurisdiction)
        parameter = self.parameter(name)
        tried: list[str] = []
        for level in place.chain():
            tried.append(level.path)
            started = [
                v
                for v in parameter.values
                if v.jurisdiction == level
                and v.effective_from <= on
                and (allow_examples or not v.example)
            ]
            # The value that took effect last is the one in force; if it has
            # expired, nothing is in force here (an older value does not
            # come back), and the lookup moves up a level.
            latest = max(started, key=lambda v: v.effective_from, default=None)
            if latest is not None and latest.in_force_on(on):
                chosen = latest
                return ResolvedParameter(
                    name=name,
                    value=chosen.value,
                    unit=parameter.unit,
                    kind=parameter.kind,
                    requested_for=place,
                    on=on,
                    jurisdiction=chosen.jurisdiction,
                    effective_from=chosen.effective_from,
                    source=chosen.source,
                    confidence=chosen.confidence,
                    example=chosen.example,
                    description_en=parameter.description_en,
                    description_zh=parameter.description_zh,
                    note=chosen.note,
                )
        raise ParameterNotFoundError(name, place.path, on, tried)

    def in_force(
        self, jurisdiction: str | Jurisdiction, on: datetime.date, *, allow_examples: bool = True
    ) -> tuple[ResolvedParameter, ...]:
        """Every parameter with a value in force for ``jurisdiction`` on ``on``, by name."""
        found: list[ResolvedParameter] = []
        for name in sorted(self.parameters):
            try:
                found.append(self.lookup(name, jurisdiction, on, allow_examples=allow_examples))
            except ParameterNotFoundError:
                continue
        return tuple(found)

    def names(self) -> tuple[str, ...]:
        return tuple(sorted(self.parameters))


# -- files ---------------------------------------------------------------------

_PARAMETER_KEYS: Final = {"name", "kind", "unit", "description_en", "description_zh", "values"}
_VALUE_KEYS: Final = {
    "jurisdiction",
    "effective_from",
    "effective_until",
    "value",
    "source",
    "confidence",
    "example",
    "note",
}
_SOURCE_KEYS: Final = {"title", "issuer", "date", "url", "reference"}


def _require(mapping: Mapping[str, Any], key: str, path: str, kind: type | tuple[type, ...]) -> Any:
    if key not in mapping:
        raise InvalidValueError(f"{path}.{key}", None, "required field is missing")
    value = mapping[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise InvalidValueError(f"{path}.{key}", value, "has the wrong type")
    return value


def _enum(kind: type[E], raw: object, path: str) -> E:
    if not isinstance(raw, str):
        raise InvalidValueError(path, raw, f"expected the code of a {kind.__name__}")
    try:
        return kind.parse(raw)
    except InvalidValueError as error:
        raise InvalidValueError(path, raw, error.reason) from None


def _unknown_keys(mapping: Mapping[str, Any], allowed: set[str], path: str) -> None:
    extra = sorted(set(mapping) - allowed)
    if extra:
        raise InvalidValueError(f"{path}.{extra[0]}", extra[0], "unknown field")


def _parse_source(raw: object, path: str) -> Source:
    if not isinstance(raw, dict):
        raise InvalidValueError(path, raw, "every value needs a source table with a title")
    _unknown_keys(raw, _SOURCE_KEYS, path)
    date = raw.get("date")
    if date is not None and (
        not isinstance(date, datetime.date) or isinstance(date, datetime.datetime)
    ):
        raise InvalidValueError(f"{path}.date", date, "expected a date")
    return Source(
        title=_require(raw, "title", path, str),
        issuer=raw.get("issuer"),
        date=date,
        url=raw.get("url"),
        reference=raw.get("reference"),
    )


def _parse_value(raw: object, kind: ValueKind, path: str) -> ParameterValue:
    if not isinstance(raw, dict):
        raise InvalidValueError(path, raw, "expected a table")
    _unknown_keys(raw, _VALUE_KEYS, path)
    start = _require(raw, "effective_from", path, datetime.date)
    if isinstance(start, datetime.datetime):
        raise InvalidValueError(f"{path}.effective_from", start, "expected a date without a time")
    until = raw.get("effective_until")
    if until is not None and (not isinstance(until, datetime.date) or until < start):
        raise InvalidValueError(f"{path}.effective_until", until, "expected a date after the start")
    if "value" not in raw:
        raise InvalidValueError(f"{path}.value", None, "required field is missing")
    example = raw.get("example", False)
    if not isinstance(example, bool):
        raise InvalidValueError(f"{path}.example", example, "expected true or false")
    return ParameterValue(
        jurisdiction=Jurisdiction.parse(_require(raw, "jurisdiction", path, str)),
        effective_from=start,
        effective_until=until,
        value=_convert(kind, raw["value"], f"{path}.value"),
        source=_parse_source(raw.get("source"), f"{path}.source"),
        confidence=_enum(Confidence, _require(raw, "confidence", path, str), f"{path}.confidence"),
        example=example,
        note=raw.get("note"),
    )


def _parse_file(data: Mapping[str, Any], origin: str) -> dict[str, Parameter]:
    """Every parameter of one file; all problems are collected and raised together."""
    problems: list[Problem] = []
    result: dict[str, Parameter] = {}
    entries = data.get("parameters", [])
    if set(data) - {"parameters"}:
        problems.append(
            Problem(path=origin, value=sorted(set(data) - {"parameters"}), message="unknown table")
        )
    if not isinstance(entries, list):
        problems.append(
            Problem(path=f"{origin}: parameters", value=entries, message="expected [[parameters]]")
        )
        entries = []
    for i, entry in enumerate(entries):
        path = f"parameters[{i}]"
        try:
            if not isinstance(entry, dict):
                raise InvalidValueError(path, entry, "expected a table")
            _unknown_keys(entry, _PARAMETER_KEYS, path)
            name = _require(entry, "name", path, str)
            kind = _enum(ValueKind, _require(entry, "kind", path, str), f"{path}.kind")
            values = tuple(
                _parse_value(raw, kind, f"{path}.values[{j}]")
                for j, raw in enumerate(_require(entry, "values", path, list))
            )
            keys = [(v.jurisdiction, v.effective_from) for v in values]
            if len(set(keys)) != len(keys):
                raise InvalidValueError(
                    f"{path}.values", name, "two values for the same jurisdiction and date"
                )
            if name in result:
                raise InvalidValueError(f"{path}.name", name, "defined twice in the file")
            result[name] = Parameter(
                name=name,
                kind=kind,
                unit=_require(entry, "unit", path, str),
                description_en=_require(entry, "description_en", path, str),
                description_zh=_require(entry, "description_zh", path, str),
                values=values,
            )
        except InvalidValueError as error:
            problems.append(
                Problem(path=f"{origin}: {error.path}", value=error.value, message=error.reason)
            )
    if problems:
        raise DatasetValidationError(problems)
    return result


_DEFAULT: list[ParameterSet] = []


def _default_set() -> ParameterSet:
    if not _DEFAULT:
        folder = resources.files("villagemodel") / "data" / "parameters"
        result = ParameterSet.empty()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".toml"):
                text = entry.read_text(encoding="utf-8")
                result = result.merged(
                    ParameterSet.from_toml_text(text, origin=f"parameters/{entry.name}")
                )
        _DEFAULT.append(result)
    return _DEFAULT[0]


def decimal_of(resolved: ResolvedParameter) -> Decimal:
    """The value of a decimal parameter, checked."""
    if not isinstance(resolved.value, Decimal):
        raise InvalidValueError(resolved.name, resolved.value, "expected a decimal parameter")
    return resolved.value
