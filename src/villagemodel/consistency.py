"""Checking a report's claims against each other, where data is partial.

A report's figures constrain each other: the six villages' total income is
the sum of their incomes; the per-village average is the total divided by
six; "比全县平均水平高2.1个百分点" makes the county's average growth the
villages' growth minus 2.1 points. :func:`check_consistency` treats every
figure a claim speaks of, a value of one metric for one subject, period and
set of options, as a *variable* with an interval:

* each claim narrows the interval of its variable (a claim on each village
  narrows each village's variable);
* records, when a dataset is given, fix the values they determine;
* each variable starts from what its metric allows (a count is not
  negative, a share lies between 0% and 100%);
* the relations between variables narrow them further, until nothing
  changes: for an additive metric (a sum or a count over villages) the
  subject's value is the sum of its villages' values; a per-village average
  times the number of villages is the total; a difference in percentage
  points is one value minus the other.

Every step uses the sound arithmetic of :class:`~villagemodel.approx.Interval`,
so a true value never leaves its interval: the bounds derived are bounds
the true values must lie in, whatever they are. An empty interval means the
claims (and records) cannot all be true; the report then names, for each
claim that the others make impossible, the claims that make it so.

Counts are whole numbers, so their intervals are narrowed to whole numbers.
The propagation is sound but not complete: a contradiction it reports is
real, but one that needs reasoning by cases may go unseen. A claim is named
impossible when the other claims and the records give no contradiction and
adding it does; the claims named with it are those the emptied bounds were
derived from.

Sum relations are made only where they link figures: where claims (or
records) speak of a group's figure and of some of its villages. A count
over activities is not additive (an activity held in two villages counts
once in their total), and is left out of the sum relations.

>>> from villagemodel.claims import load_claims
>>> report = check_consistency(load_claims("lingyun-2022"))
>>> report.consistent
True
>>> print(report.bound_of("collective_income.total", "chuhua").render("en"))
(110,000, 146,000) yuan
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, Final

import attrs

from villagemodel.approx import Interval, QuantityUnit
from villagemodel.claims import (
    Claim,
    Quantifier,
    comparison_known,
    records_cover,
    render_interval,
    subject_name,
    to_fraction,
)
from villagemodel.dataset import Dataset
from villagemodel.explain import Lang
from villagemodel.metrics import METRICS, Subject, compute
from villagemodel.periods import Period
from villagemodel.projects import ProjectKind

__all__ = [
    "ADDITIVE",
    "AVERAGES",
    "Conflict",
    "ConsistencyReport",
    "DerivedBound",
    "ImpossibleClaim",
    "Relation",
    "Variable",
    "check_consistency",
]

ADDITIVE: Final = frozenset(
    {
        "collective_income.total",
        "funds.allocated",
        "projects.quantity",
        "cadres.new",
        "cadres.reserve",
        "awards.flags",
        "awards.villages_designated",
        "branches.with_rating",
        "disputes.mediated",
        "education.university_admissions",
        "monitoring.eliminated_households",
    }
)
"""Metrics whose value for several villages is the sum of their values."""

AVERAGES: Final = {"collective_income.per_village": "collective_income.total"}
"""Per-village averages and the totals they divide by the number of villages."""

_COUNTS: Final = frozenset(
    {
        "cadres.new",
        "cadres.reserve",
        "awards.flags",
        "awards.villages_designated",
        "branches.with_rating",
        "activities.count",
        "activities.person_times",
        "activities.beneficiaries",
        "disputes.mediated",
        "education.university_admissions",
        "monitoring.eliminated_households",
    }
)
"""Metrics whose values are whole numbers."""

_SHARES: Final = frozenset(
    {
        "guarantees.insured_share",
        "guarantees.safe_housing_share",
        "hamlets.with_one_grid_worker_share",
    }
)
_GROWTH: Final = frozenset({"income.formerly_poor_growth"})
_MONEY: Final = frozenset(
    {"collective_income.total", "collective_income.per_village", "funds.allocated"}
)

_DATA: Final = "@data"
_DEFINITION: Final = "@definition"
_MAX_ROUNDS: Final = 200


@attrs.frozen(kw_only=True)
class Variable:
    """One figure: a metric's value for a subject, period and options
    (minus its value for ``compared_with``, for a difference).

    A subject that names villages is kept with its ids sorted, so that the
    same villages in another order are the same variable.
    """

    metric: str
    subject: Subject
    period: Period
    options: tuple[tuple[str, str], ...] = ()
    compared_with: Subject | None = None

    @classmethod
    def of(
        cls,
        metric: str,
        subject: Subject,
        period: Period,
        options: tuple[tuple[str, str], ...] = (),
        compared_with: Subject | None = None,
    ) -> Variable:
        if subject.kind == "villages":
            subject = Subject("villages", tuple(sorted(set(subject.ids))))
        return cls(
            metric=metric,
            subject=subject,
            period=period,
            options=options,
            compared_with=compared_with,
        )

    @property
    def villages(self) -> tuple[str, ...] | None:
        """The village ids, when the subject names them."""
        return self.subject.ids if self.subject.kind == "villages" else None

    def label(self, lang: Lang = "en", dataset: Dataset | None = None) -> str:
        """What the variable is, in words: ``2022年 陶化村 村集体经济收入总量``."""
        definition = METRICS[self.metric]
        zh = lang == "zh"
        title = definition.title_zh if zh else definition.title_en
        subject = self.subject
        if dataset is not None and subject.kind == "villages":
            order = {str(v.id): i for i, v in enumerate(dataset.villages)}
            ids = sorted(subject.ids, key=lambda i: order.get(i, len(order)))
            subject = Subject("villages", tuple(ids))
        who = subject_name(subject, dataset)
        period = self.period.label_zh() if zh else self.period.label_en()
        options = ", ".join(f"{k}={v}" for k, v in self.options)
        extra = f" [{options}]" if options else ""
        if self.compared_with is not None:
            other = subject_name(self.compared_with, dataset)
            if zh:
                return f"{period} {who}与{other}之差：{title}{extra}"
            return f"{title}, {who} minus {other}{extra}, {period}"
        if zh:
            return f"{period} {who} {title}{extra}"
        return f"{title}, {who}{extra}, {period}"


@attrs.frozen(kw_only=True)
class Relation:
    """A linear relation between variables: the sum of ``coefficient ×
    variable`` over ``terms`` is zero. ``kind`` is ``sum``, ``average`` or
    ``difference``."""

    kind: str
    terms: tuple[tuple[Fraction, Variable], ...]

    def describe(self, lang: Lang = "en", dataset: Dataset | None = None) -> str:
        """The relation in words."""
        head, *rest = self.terms
        target = head[1].label(lang, dataset)
        zh = lang == "zh"
        if self.kind == "sum":
            return f"{target} = {'各村之和' if zh else 'the sum over its villages'}"
        if self.kind == "average":
            total = rest[0][1].label(lang, dataset)
            n = int(head[0])
            return f"{target} × {n} = {total}"
        parts = " − ".join(term[1].label(lang, dataset) for term in rest)
        return f"{target} = {parts}"


@attrs.define
class _Bound:
    interval: Interval
    low_from: frozenset[str]
    high_from: frozenset[str]


@attrs.frozen(kw_only=True)
class Conflict:
    """A variable whose interval became empty, and the claims that emptied it."""

    variable: Variable
    claims: tuple[str, ...]
    records: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "variable": _variable_json(self.variable),
            "claims": list(self.claims),
            "records": self.records,
        }


@attrs.frozen(kw_only=True)
class ImpossibleClaim:
    """A claim that the other claims (and records) make impossible: with it
    the figures cannot all be true, without it they can."""

    claim: str
    given: tuple[str, ...]
    records: bool

    def to_text(self, lang: Lang = "en") -> str:
        if lang == "zh":
            given = []
            if self.given:
                given.append(f"说法{'、'.join(self.given)}")
            if self.records:
                given.append("数据记录")
            return f"{self.claim}：与{'及'.join(given) or '指标定义'}不可能同时成立"
        given = []
        if self.given:
            given.append(f"the claims {', '.join(self.given)}")
        if self.records:
            given.append("the records")
        return f"{self.claim}: impossible given {' and '.join(given) or 'the metric definitions'}"

    def to_json(self) -> dict[str, Any]:
        return {"claim": self.claim, "given": list(self.given), "records": self.records}


@attrs.frozen(kw_only=True)
class DerivedBound:
    """The interval a variable must lie in, and where it comes from.

    ``from_claims`` are the claims the two ends were derived from;
    ``stated_by`` the claims about this very figure; ``known`` is true when
    records fix the value exactly.
    """

    variable: Variable
    interval: Interval
    unit: QuantityUnit | None
    from_claims: tuple[str, ...]
    from_records: bool
    stated_by: tuple[str, ...]
    known: bool
    label_en: str
    label_zh: str

    def contains(self, value: object) -> bool:
        """Whether a value (money, a count, a percentage, a number) lies in the bounds."""
        return self.interval.contains(to_fraction(value))

    def render(self, lang: Lang = "en") -> str:
        """The interval with its unit."""
        return render_interval(self.interval, self.unit, lang)

    def to_text(self, lang: Lang = "en") -> str:
        zh = lang == "zh"
        label = self.label_zh if zh else self.label_en
        if self.known:
            origin = "由数据记录确定" if zh else "known from the records"
        else:
            claims = ("、" if zh else ", ").join(self.from_claims) or ("无" if zh else "none")
            data = ("及数据记录" if zh else " and the records") if self.from_records else ""
            origin = f"依据：{claims}{data}" if zh else f"from: {claims}{data}"
        return f"{label}: {self.render(lang)}  ({origin})"

    def to_json(self) -> dict[str, Any]:
        i = self.interval
        return {
            "variable": _variable_json(self.variable),
            "label_en": self.label_en,
            "label_zh": self.label_zh,
            "interval": i.render_interval(),
            "low": None if i.low is None else str(i.low),
            "low_closed": i.low_closed,
            "high": None if i.high is None else str(i.high),
            "high_closed": i.high_closed,
            "unit": None if self.unit is None else self.unit.code,
            "display_en": self.render("en"),
            "display_zh": self.render("zh"),
            "known": self.known,
            "from_claims": list(self.from_claims),
            "from_records": self.from_records,
            "stated_by": list(self.stated_by),
        }


def _variable_json(variable: Variable) -> dict[str, Any]:
    return {
        "metric": variable.metric,
        "subject": {"kind": variable.subject.kind, "ids": list(variable.subject.ids)},
        "period": {
            "start": variable.period.start.isoformat(),
            "end": variable.period.end.isoformat(),
        },
        "options": dict(variable.options),
        "compared_with": None
        if variable.compared_with is None
        else {"kind": variable.compared_with.kind, "ids": list(variable.compared_with.ids)},
    }


@attrs.frozen(kw_only=True)
class ConsistencyReport:
    """What the claims say together: the bounds derived for every figure
    that takes part in a relation, the conflicts found, and the claims the
    others make impossible."""

    bounds: tuple[DerivedBound, ...]
    conflicts: tuple[Conflict, ...]
    impossible: tuple[ImpossibleClaim, ...]
    relations: tuple[Relation, ...]
    not_used: tuple[str, ...]
    converged: bool
    dataset: Dataset | None = attrs.field(default=None, repr=False, eq=False)

    @property
    def consistent(self) -> bool:
        """Whether no conflict was found (the claims may all be true)."""
        return not self.conflicts

    def bound_of(self, metric: str, *villages: str, period: Period | None = None) -> DerivedBound:
        """The derived bound of ``metric`` for the named villages (any period
        when ``period`` is not given, the first found)."""
        wanted = tuple(sorted(villages))
        for bound in self.bounds:
            v = bound.variable
            if (
                v.metric == metric
                and v.villages == wanted
                and v.compared_with is None
                and (period is None or v.period == period)
            ):
                return bound
        raise LookupError(f"no derived bound for {metric} of {', '.join(villages)}")

    @property
    def unknown(self) -> tuple[DerivedBound, ...]:
        """The bounds of the figures the records do not fix."""
        return tuple(b for b in self.bounds if not b.known)

    def to_text(self, lang: Lang = "en") -> str:
        """The figures the records leave unknown with their bounds, then any
        contradiction and the claims it makes impossible."""
        zh = lang == "zh"
        lines = ["报告未确定的数字的推导范围：" if zh else "Bounds derived for what is not known:"]
        lines.extend(f"  {b.to_text(lang)}" for b in self.unknown)
        if not self.unknown:
            lines.append("  （无）" if zh else "  (none)")
        known = len(self.bounds) - len(self.unknown)
        if known:
            lines.append(
                f"  另有{known}个数字由数据记录确定"
                if zh
                else f"  and {known} {'figure' if known == 1 else 'figures'} known from the records"
            )
        lines.extend(self._contradictions(lang))
        if not self.converged:
            lines.append(
                "（推导在轮数上限处停止；范围仍然可靠）"
                if zh
                else "(propagation stopped at its round limit; the bounds are still sound)"
            )
        return "\n".join(lines)

    def _contradictions(self, lang: Lang) -> list[str]:
        zh = lang == "zh"
        if not self.conflicts:
            return ["矛盾：未发现，各说法可以同时成立" if zh else "Contradictions: none found"]
        lines = ["矛盾：" if zh else "Contradictions:"]
        grouped: dict[tuple[tuple[str, ...], bool], list[Variable]] = {}
        for conflict in self.conflicts:
            grouped.setdefault((conflict.claims, conflict.records), []).append(conflict.variable)
        sep = "、" if zh else ", "
        for (claims, records), variables in grouped.items():
            names = "; ".join(v.label(lang, self.dataset) for v in variables)
            involved = sep.join(claims) or ("无" if zh else "none")
            data = ("及数据记录" if zh else " and the records") if records else ""
            if zh:
                lines.append(f"  无值可取：{names}；涉及说法 {involved}{data}")
            else:
                lines.append(f"  no value possible for {names}; claims involved: {involved}{data}")
        lines.append("不可能成立的说法：" if zh else "Claims the others make impossible:")
        lines.extend(f"  {c.to_text(lang)}" for c in self.impossible)
        if not self.impossible:
            lines.append(
                "  （无单独一条；矛盾来自多条说法）"
                if zh
                else "  (none singly; the contradiction needs several claims)"
            )
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "consistent": self.consistent,
            "converged": self.converged,
            "bounds": [b.to_json() for b in self.bounds],
            "conflicts": [c.to_json() for c in self.conflicts],
            "impossible": [c.to_json() for c in self.impossible],
            "relations": [
                {
                    "kind": r.kind,
                    "text_en": r.describe("en", self.dataset),
                    "text_zh": r.describe("zh", self.dataset),
                }
                for r in self.relations
            ],
            "not_used": list(self.not_used),
        }


# -- the system ------------------------------------------------------------------------------


def _low_key(interval: Interval) -> tuple[int, Fraction, int]:
    """Orders lower ends: a higher key is a tighter end."""
    if interval.low is None:
        return (0, Fraction(0), 0)
    return (1, interval.low, 0 if interval.low_closed else 1)


def _high_key(interval: Interval) -> tuple[int, Fraction, int]:
    """Orders upper ends: a higher key is a tighter end."""
    if interval.high is None:
        return (0, Fraction(0), 0)
    return (1, -interval.high, 0 if interval.high_closed else 1)


def _beyond(a: Interval, b: Interval) -> bool:
    """Whether the lower end of ``a`` lies above the upper end of ``b``."""
    if a.low is None or b.high is None:
        return False
    return a.low > b.high or (a.low == b.high and not (a.low_closed and b.high_closed))


def _whole(interval: Interval) -> Interval | None:
    """The interval narrowed to its whole numbers (closed ends), or ``None``."""
    low, high = interval.low, interval.high
    if low is not None:
        n = low.__ceil__()
        low = Fraction(n + 1 if n == low and not interval.low_closed else n)
    if high is not None:
        n = high.__floor__()
        high = Fraction(n - 1 if n == high and not interval.high_closed else n)
    if low is not None and high is not None and low > high:
        return None
    return Interval(low, high, low is not None, high is not None)


@attrs.define
class _System:
    """Variables with bounds, relations between them, and conflicts found."""

    integral: set[Variable] = attrs.field(factory=set)
    bounds: dict[Variable, _Bound] = attrs.field(factory=dict)
    relations: list[Relation] = attrs.field(factory=list)
    conflicts: list[Conflict] = attrs.field(factory=list)

    def add(self, variable: Variable) -> None:
        if variable not in self.bounds:
            self.bounds[variable] = _Bound(Interval.everything(), frozenset(), frozenset())

    def narrow(
        self,
        variable: Variable,
        interval: Interval,
        low_from: frozenset[str],
        high_from: frozenset[str],
    ) -> bool:
        """Narrow ``variable`` to ``interval``; whether it changed. An empty
        result is recorded as a conflict and leaves the variable as it was."""
        self.add(variable)
        current = self.bounds[variable]
        both = current.interval.intersect(interval)
        if both is None:
            if _beyond(interval, current.interval):
                sources = low_from | current.high_from
            else:
                sources = high_from | current.low_from
            self._conflict(variable, sources)
            return False
        new_low_from = low_from if _low_key(both) > _low_key(current.interval) else current.low_from
        new_high_from = (
            high_from if _high_key(both) > _high_key(current.interval) else current.high_from
        )
        if variable in self.integral:
            whole = _whole(both)
            if whole is None:
                self._conflict(variable, new_low_from | new_high_from)
                return False
            both = whole
        if both == current.interval:
            return False
        self.bounds[variable] = _Bound(both, new_low_from, new_high_from)
        return True

    def _conflict(self, variable: Variable, sources: frozenset[str]) -> None:
        claims = tuple(sorted(s for s in sources if not s.startswith("@")))
        conflict = Conflict(variable=variable, claims=claims, records=_DATA in sources)
        if conflict not in self.conflicts:
            self.conflicts.append(conflict)

    def propagate(self) -> bool:
        """Narrow through the relations until nothing changes; whether it converged."""
        for _ in range(_MAX_ROUNDS):
            changed = False
            for relation in self.relations:
                for j, (cj, target) in enumerate(relation.terms):
                    derived = Interval.exact(0)
                    low_from: frozenset[str] = frozenset()
                    high_from: frozenset[str] = frozenset()
                    for i, (ci, other) in enumerate(relation.terms):
                        if i == j:
                            continue
                        factor = -ci / cj
                        bound = self.bounds[other]
                        derived = derived + bound.interval.scale(factor)
                        if factor > 0:
                            low_from |= bound.low_from
                            high_from |= bound.high_from
                        else:
                            low_from |= bound.high_from
                            high_from |= bound.low_from
                    changed = self.narrow(target, derived, low_from, high_from) or changed
            if not changed:
                return True
        return False


def _domain(variable: Variable) -> Interval:
    """The values a variable's metric allows."""
    if variable.compared_with is not None:
        return Interval.everything()
    if variable.metric in _SHARES:
        return Interval.between(0, 100)
    if variable.metric in _GROWTH:
        return Interval.at_least(-100)
    if variable.metric == "awards.villages_designated" and variable.villages is not None:
        return Interval.between(0, len(variable.villages))
    return Interval.at_least(0)


def _is_integral(variable: Variable) -> bool:
    if variable.compared_with is not None:
        return False
    if variable.metric in _COUNTS:
        return True
    if variable.metric == "projects.quantity":
        kinds = [ProjectKind.parse(k) for k in dict(variable.options).get("kinds", "").split(",")]
        return all(k.unit is not None and k.unit.countable for k in kinds)
    return False


def _known_value(variable: Variable, dataset: Dataset) -> Fraction | None:
    """The value the records give for a variable, if they determine it."""
    options = dict(variable.options)
    if not records_cover(dataset, variable.metric, options):
        return None
    if not METRICS[variable.metric].exact:
        return None  # a rounded value (a growth rate) does not fix the variable exactly
    first = compute(dataset, variable.metric, variable.subject, variable.period, options)
    if first.value is None:
        return None
    value = to_fraction(first.value)
    if variable.compared_with is None:
        return value
    second = compute(dataset, variable.metric, variable.compared_with, variable.period, options)
    if second.value is None:
        return None
    return value - to_fraction(second.value)


@attrs.frozen(kw_only=True)
class _Model:
    """The variables, relations and constraints the claims give."""

    known: Mapping[Variable, Fraction]
    variables: tuple[Variable, ...]
    relations: tuple[Relation, ...]
    constraints: tuple[tuple[Variable, Interval, str], ...]
    units: Mapping[Variable, QuantityUnit | None]
    not_used: tuple[str, ...]


def _explicit(subject: Subject, dataset: Dataset | None) -> tuple[str, ...] | None:
    """The subject's village ids: named, or resolved in the dataset."""
    if subject.kind == "villages":
        return subject.ids
    if dataset is None:
        return None
    return tuple(str(v) for v in subject.resolve(dataset))


@attrs.define
class _Builder:
    """Collects the variables, relations and constraints of a set of claims."""

    dataset: Dataset | None
    variables: dict[Variable, None] = attrs.field(factory=dict)
    relations: list[Relation] = attrs.field(factory=list)
    constraints: list[tuple[Variable, Interval, str]] = attrs.field(factory=list)
    units: dict[Variable, QuantityUnit | None] = attrs.field(factory=dict)
    group_units: dict[tuple[str, tuple[tuple[str, str], ...]], QuantityUnit | None] = attrs.field(
        factory=dict
    )
    not_used: list[str] = attrs.field(factory=list)
    unknowable: set[Variable] = attrs.field(factory=set)
    known: dict[Variable, Fraction | None] = attrs.field(factory=dict)

    def known_value(self, variable: Variable) -> Fraction | None:
        """The value the records give for ``variable`` (computed once)."""
        if self.dataset is None or variable in self.unknowable:
            return None
        if variable not in self.known:
            self.known[variable] = _known_value(variable, self.dataset)
        return self.known[variable]

    def add(self, variable: Variable, unit: QuantityUnit | None) -> Variable:
        self.variables.setdefault(variable, None)
        if self.units.get(variable) is None:
            self.units[variable] = unit
        return variable

    def claim(self, claim: Claim) -> None:
        if claim.is_stated_only:
            self.not_used.append(claim.id)
            return
        if self.dataset is not None:
            for subject in (claim.subject, claim.compared_with):
                if subject is not None:
                    subject.resolve(self.dataset)  # an unknown village is an error
        self.group_units.setdefault((claim.metric, claim.options), claim.unit)
        if claim.quantifier is Quantifier.EACH:
            for village in claim.subject.ids:
                each = Variable.of(
                    claim.metric, Subject.villages(village), claim.period, claim.options
                )
                self.add(each, claim.unit)
                self.constraints.append((each, claim.interval, claim.id))
            return
        target = Variable.of(
            claim.metric, claim.subject, claim.period, claim.options, claim.compared_with
        )
        self.add(target, claim.unit)
        self.constraints.append((target, claim.interval, claim.id))
        if claim.compared_with is not None:
            mine = Variable.of(claim.metric, claim.subject, claim.period, claim.options)
            theirs = Variable.of(claim.metric, claim.compared_with, claim.period, claim.options)
            self.add(mine, QuantityUnit.PERCENT)
            self.add(theirs, QuantityUnit.PERCENT)
            if self.dataset is not None and not comparison_known(
                claim.subject, claim.compared_with, self.dataset
            ):
                self.unknowable.update((target, theirs))
            self.relations.append(
                Relation(
                    kind="difference",
                    terms=((Fraction(1), target), (Fraction(-1), mine), (Fraction(1), theirs)),
                )
            )
        total_metric = AVERAGES.get(claim.metric)
        villages = _explicit(claim.subject, self.dataset)
        if total_metric is not None and villages:
            total = Variable.of(total_metric, claim.subject, claim.period, claim.options)
            self.add(total, claim.unit)
            self.relations.append(
                Relation(
                    kind="average",
                    terms=((Fraction(len(villages)), target), (Fraction(-1), total)),
                )
            )

    def sums(self) -> None:
        """Sum relations: a group's figure is the sum of its villages' figures,
        where claims or records link the group to some of its villages."""
        groups: dict[tuple[str, Period, tuple[tuple[str, str], ...]], list[Variable]] = {}
        for variable in self.variables:
            if variable.metric in ADDITIVE and variable.compared_with is None:
                key = (variable.metric, variable.period, variable.options)
                groups.setdefault(key, []).append(variable)
        for (metric, period, options), members in groups.items():
            unit = self.group_units.get((metric, options))
            for variable in members:
                villages = _explicit(variable.subject, self.dataset)
                if villages is None or len(villages) < 2:
                    continue
                parts = [
                    Variable.of(metric, Subject.villages(v), period, options) for v in villages
                ]
                if len(members) > 1 or self._any_known(parts):
                    for part in parts:
                        self.add(part, unit)
                    self.relations.append(
                        Relation(
                            kind="sum",
                            terms=((Fraction(1), variable), *((Fraction(-1), p) for p in parts)),
                        )
                    )

    def _any_known(self, parts: Iterable[Variable]) -> bool:
        return any(self.known_value(p) is not None for p in parts)

    def model(self) -> _Model:
        for variable in self.variables:
            if self.units.get(variable) is None and variable.metric in _MONEY:
                self.units[variable] = QuantityUnit.YUAN
        known = {v: self.known_value(v) for v in self.variables}
        return _Model(
            known={v: value for v, value in known.items() if value is not None},
            variables=tuple(self.variables),
            relations=tuple(self.relations),
            constraints=tuple(self.constraints),
            units=dict(self.units),
            not_used=tuple(self.not_used),
        )


def _build(claims: Sequence[Claim], dataset: Dataset | None) -> _Model:
    builder = _Builder(dataset=dataset)
    for claim in claims:
        builder.claim(claim)
    builder.sums()
    return builder.model()


def _solve(
    model: _Model, known: Mapping[Variable, Fraction], *, leave_out: str | None = None
) -> tuple[_System, bool]:
    system = _System(relations=list(model.relations))
    for variable in model.variables:
        system.add(variable)
        if _is_integral(variable):
            system.integral.add(variable)
        definition = frozenset({_DEFINITION})
        system.narrow(variable, _domain(variable), definition, definition)
    data = frozenset({_DATA})
    for variable, value in known.items():
        system.narrow(variable, Interval.exact(value), data, data)
    for variable, interval, claim_id in model.constraints:
        if claim_id != leave_out:
            source = frozenset({claim_id})
            system.narrow(variable, interval, source, source)
    converged = system.propagate()
    return system, converged


def check_consistency(claims: Iterable[Claim], dataset: Dataset | None = None) -> ConsistencyReport:
    """Check ``claims`` against each other (and the records of ``dataset``).

    Returns the bounds derived for every figure that takes part in a
    relation (a group's total, its per-village average, each village's
    value, the other side of a difference), the conflicts found, and each
    claim that the others make impossible with the claims that do so.
    Claims on figures no record holds (metric ``stated``) take no part and
    are listed in ``not_used``. Raises
    :class:`~villagemodel.errors.UnknownReferenceError` for a claim on a
    village the dataset does not hold.
    """
    claims = tuple(claims)
    model = _build(claims, dataset)
    known = model.known
    system, converged = _solve(model, known)
    impossible: list[ImpossibleClaim] = []
    if system.conflicts:
        for claim in claims:
            if claim.is_stated_only:
                continue
            without, _ = _solve(model, known, leave_out=claim.id)
            if without.conflicts:
                continue
            involved = [c for c in system.conflicts if claim.id in c.claims]
            given = sorted({g for c in involved for g in c.claims} - {claim.id})
            impossible.append(
                ImpossibleClaim(
                    claim=claim.id,
                    given=tuple(given),
                    records=any(c.records for c in involved),
                )
            )
    in_relations: dict[Variable, None] = {}
    for relation in model.relations:
        for _, variable in relation.terms:
            in_relations.setdefault(variable, None)
    ordered = [v for v in model.variables if v in in_relations]
    stated_by: dict[Variable, list[str]] = {}
    for variable, _, claim_id in model.constraints:
        stated_by.setdefault(variable, []).append(claim_id)
    bounds = []
    for variable in ordered:
        bound = system.bounds[variable]
        sources = bound.low_from | bound.high_from
        fixed = variable in known
        bounds.append(
            DerivedBound(
                variable=variable,
                interval=bound.interval,
                unit=model.units.get(variable),
                from_claims=tuple(sorted(s for s in sources if not s.startswith("@"))),
                from_records=_DATA in sources,
                stated_by=tuple(stated_by.get(variable, ())),
                known=fixed,
                label_en=variable.label("en", dataset),
                label_zh=variable.label("zh", dataset),
            )
        )
    return ConsistencyReport(
        bounds=tuple(bounds),
        conflicts=tuple(system.conflicts),
        impossible=tuple(impossible),
        relations=model.relations,
        not_used=model.not_used,
        converged=converged,
        dataset=dataset,
    )
