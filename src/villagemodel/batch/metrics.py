"""The object model's metrics, written once as Ibis expressions, run on any engine.

:func:`evaluate` computes a metric of :data:`villagemodel.metrics.METRICS`
for a :class:`~villagemodel.metrics.Subject` and a
:class:`~villagemodel.Period` from the batch tables of a
:class:`~villagemodel.batch.engine.Connection`, and returns a
:class:`BatchValue` whose ``value`` is of the type
:func:`villagemodel.metrics.compute` returns, equal to it (``==``) for the
same records: :class:`~villagemodel.Money`,
:class:`~villagemodel.metrics.MoneyAverage`,
:class:`~villagemodel.metrics.ExactPercentage`, a count or a
:class:`~villagemodel.quantities.Percentage`.

**Exact money.** In the engine, money is only summed, counted, compared with
exact literals, filtered and joined: each sum is cast to ``decimal(38, 2)``
first. Every division (an average, a share, a growth rate) is finished in
Python from the engine's sums and counts, exactly as the object model does:
an average is a :class:`~villagemodel.metrics.MoneyAverage` (the exact ratio;
shown rounded half up to the fen), a share an exact fraction of 100, a growth
rate computed with 60 significant digits and rounded half up to 10 decimal
places of a percent. Results never depend on the engine's row order.

**Same semantics.** Options are checked and parsed by the object model's own
code (the same errors for a missing or unknown option); the subject is
resolved from the tables (an unknown village, township or county raises
:class:`~villagemodel.errors.UnknownReferenceError`); the missing-data policy
is the metric's: ``collective_income.*`` and the shares are unknown
(``None``) when a village or person lacks data, with the missing ones listed
in :attr:`BatchValue.missing` (village ids, where the object model lists
names); events with no record count as zero.

>>> from villagemodel.batch.convert import dataset_to_tables
>>> from villagemodel.batch.engine import connect
>>> from villagemodel.metrics import Subject
>>> from villagemodel.periods import Period
>>> from villagemodel import datasets
>>> con = connect()
>>> con.load(dataset_to_tables(datasets.load("lingyun-2022")))
>>> evaluate(con, "collective_income.total", Subject.villages("taohua"),
...          Period.calendar_year(2022)).value
Money('227000.00')
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction
from typing import Final

import attrs
import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.compute as pc

from villagemodel.batch.engine import Connection, unbound
from villagemodel.batch.schemas import MONEY_SUM, enum_member
from villagemodel.dataset import Dataset
from villagemodel.errors import InvalidValueError, UnknownReferenceError
from villagemodel.explain import Lang
from villagemodel.finance import FundPurpose, FundSource
from villagemodel.households import HousingGrade, PovertyHistory
from villagemodel.metrics import (
    METRICS,
    ROUNDING_AVERAGE,
    ROUNDING_SHARE,
    Context,
    Derivation,
    ExactPercentage,
    MoneyAverage,
    Subject,
    Term,
    UnknownMetricError,
    eliminated_terms,
    growth_mean_term,
    growth_rate,
    growth_request,
    growth_rounding,
    housing_terms,
    insurance_terms,
)
from villagemodel.money import Money
from villagemodel.parameters import Jurisdiction, ParameterSet
from villagemodel.periods import Period, check_year
from villagemodel.quantities import HouseholdCount, PersonCount
from villagemodel.rules.collective_economy import IncomeClass, Outcome, classify_income

__all__ = [
    "BATCH_METRICS",
    "VILLAGE_COLUMNS",
    "BatchValue",
    "IncomeClassCounts",
    "evaluate",
    "income_classes",
    "village_figures",
    "village_incomes",
    "village_table",
]

_GROWTH_PLACES: Final = 10
"""Decimal places of a percent a growth rate is rounded to (as in the object model)."""

_EMPTY: Final = Dataset()
_SCOPE: Final = "scope_id"


@attrs.frozen(kw_only=True)
class BatchValue:
    """A metric's value computed by the batch layer, with its derivation.

    ``value`` equals the object model's :attr:`~villagemodel.metrics.MetricValue.value`
    (``None`` when the data cannot give it); ``missing`` says what data was
    lacking (village ids for the collective income; for the growth rate,
    years with formerly poor households lacking an income).

    ``derivation`` is a :class:`~villagemodel.metrics.Derivation` like the
    object model's, with the same title, formula, period and rounding, and
    terms from the engine's sums and counts: the same terms as the object
    model's where those are already totals (eliminated households and
    people; people insured, not insured and unknown; households by housing
    safety; funds by source and purpose; each year's mean income), and for
    the collective income the total and the number of villages rather than
    one term per village. Its ``villages`` are the village ids a subject
    names, or the subject's label (``township lingzhan``, ``all villages``).
    """

    metric: str
    value: object
    missing: tuple[str, ...] = ()
    derivation: Derivation | None = None

    @property
    def known(self) -> bool:
        return self.value is not None

    def explain(self, lang: Lang = "en") -> str:
        """The derivation as text, in English or Chinese."""
        if self.derivation is None:
            return f"{self.metric} = {self.value}"
        return self.derivation.to_text(lang)


def _result(
    ctx: Context,
    value: object,
    *,
    terms: Sequence[Term] = (),
    missing: Sequence[str] = (),
    rounding: tuple[str, str] | None = None,
) -> BatchValue:
    """A batch value and its derivation (its villages are set by :func:`evaluate`)."""
    derived = ctx.derive(
        value,
        terms=tuple(terms),
        missing=tuple(missing),
        rounding_en=None if rounding is None else rounding[0],
        rounding_zh=None if rounding is None else rounding[1],
    )
    return BatchValue(
        metric=ctx.definition.id,
        value=value,
        missing=tuple(missing),
        derivation=derived.derivation,
    )


Compute = Callable[[Connection, Context, ir.Table], BatchValue]

BATCH_METRICS: Final[dict[str, Compute]] = {}
"""The batch implementation of each metric it covers, by metric id.

:meta hide-value:
"""


def _batch(metric: str) -> Callable[[Compute], Compute]:
    def register(function: Compute) -> Compute:
        BATCH_METRICS[metric] = function
        return function

    return register


def _day(day: datetime.date) -> datetime.date:
    """A plain ``datetime.date`` (periods hold pendulum dates) for a literal."""
    return datetime.date(day.year, day.month, day.day)


# -- subjects ------------------------------------------------------------------------


def _scope(con: Connection, subject: Subject) -> ir.Table:
    """The villages the subject covers, as a one-column table ``scope_id``.

    Raises :class:`~villagemodel.errors.UnknownReferenceError` for a named
    village, township or county the tables do not hold, like the object model.
    """
    villages = unbound("villages")
    if subject.kind == "all":
        chosen = villages
    elif subject.kind == "villages":
        found = {
            r["id"] for r in con.rows(villages.filter(villages.id.isin(subject.ids)).select("id"))
        }
        for ident in subject.ids:
            if ident not in found:
                raise UnknownReferenceError("village", ident)
        chosen = villages.filter(villages.id.isin(subject.ids))
    elif subject.kind in ("township", "county"):
        parents = unbound("townships" if subject.kind == "township" else "counties")
        ident = subject.ids[0]
        if not con.rows(parents.filter(parents.id == ident).select("id")):
            raise UnknownReferenceError(subject.kind, ident)
        column = villages.township_id if subject.kind == "township" else villages.county_id
        chosen = villages.filter(column == ident)
    else:
        raise InvalidValueError(
            "Subject.kind", subject.kind, "not one of villages, township, county, all"
        )
    # Distinct: a village id given twice in the table counts once, as in a dataset.
    return chosen.select(**{_SCOPE: chosen.id}).distinct()


def _households_in(scope: ir.Table) -> ir.Table:
    """The households of the scope's villages: ``hid``, ``h_village``, ``history``."""
    h = unbound("households")
    inside = h.semi_join(scope, h.village_id == scope[_SCOPE])
    return inside.select(hid=inside.id, h_village=inside.village_id, history=inside.history)


def _sizes() -> ir.Table:
    """Members per household: ``size_hid``, ``size``."""
    m = unbound("members")
    return m.group_by(size_hid=m.household_id).aggregate(size=m.count())


# -- the request -----------------------------------------------------------------------


def evaluate(
    connection: Connection,
    metric: str,
    subject: Subject,
    period: Period,
    options: Mapping[str, str] | None = None,
) -> BatchValue:
    """Compute ``metric`` for ``subject`` over ``period`` from the connection's tables.

    Takes the arguments of :func:`villagemodel.metrics.compute` (with a
    connection for the dataset) and returns a :class:`BatchValue` whose
    ``value`` equals that function's. A metric the batch layer does not
    cover raises :class:`~villagemodel.errors.InvalidValueError` listing those
    it covers.
    """
    definition = METRICS.get(metric)
    if definition is None:
        raise UnknownMetricError(metric)
    function = BATCH_METRICS.get(metric)
    if function is None:
        raise InvalidValueError(
            "metric",
            metric,
            f"not computed by the batch layer; it computes: {', '.join(sorted(BATCH_METRICS))}",
        )
    given = dict(options or {})
    unknown = sorted(set(given) - set(definition.options))
    if unknown:
        raise InvalidValueError(
            f"{metric}.options.{unknown[0]}",
            unknown[0],
            f"not an option of this metric; options: {', '.join(definition.options) or 'none'}",
        )
    scope = _scope(connection, subject)
    context = Context(
        dataset=_EMPTY, villages=(), period=period, options=given, definition=definition
    )
    result = function(connection, context, scope)
    if result.derivation is None:
        return result
    villages = subject.ids if subject.kind == "villages" else (subject.label,)
    return attrs.evolve(result, derivation=attrs.evolve(result.derivation, villages=villages))


# -- collective economy ----------------------------------------------------------------


def _incomes_of(scope: ir.Table, year: int) -> ir.Table:
    """Each village of the scope with its income for the year (null if none)."""
    ci = unbound("collective_incomes")
    this_year = ci.filter(ci.year == year).select(ci_village=ci.village_id, amount=ci.amount)
    joined = scope.left_join(this_year, scope[_SCOPE] == this_year.ci_village)
    # A view, so that a join on the result starts a join of its own.
    return joined.select(village_id=joined[_SCOPE], amount=joined.amount).view()


def _income_sums(
    con: Connection, ctx: Context, scope: ir.Table
) -> tuple[Money, int, tuple[str, ...]]:
    """The total income of the scope's villages for the year, their number
    and the villages with no record (once per connection, scope and year)."""
    year = ctx.year()
    return con.remember(
        ("villagemodel.income sums", scope.op(), year), lambda: _sum_incomes(con, scope, year)
    )


def _sum_incomes(con: Connection, scope: ir.Table, year: int) -> tuple[Money, int, tuple[str, ...]]:
    incomes = _incomes_of(scope, year)
    row = con.rows(
        incomes.aggregate(
            total=incomes.amount.cast(MONEY_SUM).sum(),
            villages=incomes.count(),
            missing=ibis.ifelse(incomes.amount.isnull(), 1, 0).sum(),
        )
    )[0]
    missing: tuple[str, ...] = ()
    if row["missing"]:
        lacking = incomes.filter(incomes.amount.isnull())
        missing = tuple(
            r["village_id"] for r in con.rows(lacking.select("village_id").order_by("village_id"))
        )
    total = Money(row["total"]) if row["total"] is not None else Money.zero()
    return total, int(row["villages"]), missing


def _income_terms(total: Money, n: int, missing: Sequence[str]) -> list[Term]:
    return [
        Term(
            label_en="total of the villages' incomes on record",
            label_zh="有记录各村收入合计",
            value=total,
        ),
        Term(label_en="villages with a record", label_zh="有记录的村数", value=n - len(missing)),
    ]


@_batch("collective_income.total")
def _income_total(con: Connection, ctx: Context, scope: ir.Table) -> BatchValue:
    total, n, missing = _income_sums(con, ctx, scope)
    terms = _income_terms(total, n, missing)
    return _result(ctx, None if missing else total, terms=terms, missing=missing)


@_batch("collective_income.per_village")
def _income_per_village(con: Connection, ctx: Context, scope: ir.Table) -> BatchValue:
    total, n, missing = _income_sums(con, ctx, scope)
    value = None if missing or n == 0 else MoneyAverage(total, n)
    terms = [
        *_income_terms(total, n, missing),
        Term(label_en="number of villages", label_zh="村数", value=n),
    ]
    return _result(ctx, value, terms=terms, missing=missing, rounding=ROUNDING_AVERAGE)


def village_incomes(
    connection: Connection, year: int, subject: Subject | None = None
) -> list[tuple[str, Money | None]]:
    """Each village's collective-economy income for ``year`` (``None`` when it
    has no record), ordered by village id: what
    :meth:`villagemodel.Dataset.collective_income` gives village by village."""
    check_year(year, "year")
    scope = _scope(connection, subject or Subject.all())
    incomes = _incomes_of(scope, year).order_by("village_id")
    return [
        (r["village_id"], None if r["amount"] is None else Money(r["amount"]))
        for r in connection.rows(incomes)
    ]


@attrs.frozen(kw_only=True)
class IncomeClassCounts:
    """The collective-economy class of villages for a year.

    ``counts`` maps each :class:`~villagemodel.rules.collective_economy.Outcome`
    that occurs to its number of villages; ``villages`` lists
    ``(village id, outcome)`` ordered by id; ``thresholds`` are the amounts
    read (lowest class first).
    """

    year: int
    classes: tuple[IncomeClass, ...]
    thresholds: tuple[Money, ...]
    counts: Mapping[Outcome, int]
    villages: tuple[tuple[str, Outcome], ...]


def _fen_ceiling(limit: Money) -> Decimal:
    """The least whole-fen amount at or above ``limit``: for whole-fen incomes,
    ``income >= limit`` exactly when ``income >= _fen_ceiling(limit)``."""
    return limit.yuan.quantize(Decimal("0.01"), rounding=ROUND_CEILING)


def income_classes(
    connection: Connection,
    year: int,
    *,
    classes: Sequence[IncomeClass],
    params: ParameterSet,
    jurisdiction: str | Jurisdiction,
    allow_examples: bool = False,
    subject: Subject | None = None,
) -> IncomeClassCounts:
    """The class of every village of the subject (default: all) for ``year``,
    as :func:`~villagemodel.rules.collective_economy.classify_villages` gives it.

    The thresholds are read and checked by the rule itself (same errors:
    :class:`~villagemodel.parameters.ParameterNotFoundError` when one has no
    value, unless ``allow_examples``); the engine compares each income with
    them (``income < threshold``: below). A village with no income record
    for the year is :attr:`~villagemodel.rules.collective_economy.Outcome.UNKNOWN`.
    """
    reference = classify_income(
        None,
        year=year,
        classes=classes,
        params=params,
        jurisdiction=jurisdiction,
        allow_examples=allow_examples,
    )
    chosen = reference.classes
    limits = tuple(p.value for p in reference.thresholds)
    assert all(isinstance(limit, Money) for limit in limits)
    money_limits = tuple(limit for limit in limits if isinstance(limit, Money))
    below = {IncomeClass.SHELL: Outcome.SHELL, IncomeClass.WEAK: Outcome.WEAK}
    above = {IncomeClass.SHELL: Outcome.NOT_SHELL, IncomeClass.WEAK: Outcome.NEITHER}
    scope = _scope(connection, subject or Subject.all())
    incomes = _incomes_of(scope, year)
    rank = sum(
        (
            ibis.ifelse(incomes.amount >= ibis.literal(_fen_ceiling(limit), type=MONEY_SUM), 1, 0)
            for limit in money_limits
        ),
        ibis.literal(0),
    )
    branches = [(rank == i, below[c].value) for i, c in enumerate(chosen)]
    outcome = ibis.cases(
        (incomes.amount.isnull(), Outcome.UNKNOWN.value),
        *branches,
        else_=above[chosen[-1]].value,
    )
    rows = connection.rows(
        incomes.select(village_id=incomes.village_id, outcome=outcome).order_by("village_id")
    )
    villages = tuple((r["village_id"], enum_member(Outcome, r["outcome"])) for r in rows)
    counts: dict[Outcome, int] = {}
    for _, found in villages:
        counts[found] = counts.get(found, 0) + 1
    return IncomeClassCounts(
        year=year,
        classes=chosen,
        thresholds=money_limits,
        counts=counts,
        villages=villages,
    )


# -- households: monitoring and guarantees, once per scope and day ----------------------

_GRADES: Final = tuple(HousingGrade)
_UNGRADED: Final = "housing_unknown"
_BAD_GRADE: Final = "housing_not_a_grade"


def _grade_column(grade: HousingGrade) -> str:
    return f"housing_{grade.value}"


def _latest_surveys(con: Connection, on: datetime.date) -> ir.Table:
    """Each household's latest survey on or before ``on`` (of two the same
    day, the greater id): ``s_hid``, ``sid``, ``insurance_checked``,
    ``housing_grade``; households with no such survey have no row."""
    s = unbound("surveys")
    made = s.filter(s.surveyed_on <= ibis.literal(on, type="date"))
    if con.backend == "polars":
        # Ibis 12's Polars backend has no window functions: two aggregations.
        last_day = made.group_by(day_hid=made.household_id).aggregate(day=made.surveyed_on.max())
        that_day = made.join(
            last_day,
            (made.household_id == last_day.day_hid) & (made.surveyed_on == last_day.day),
        )
        last_id = that_day.group_by(id_hid=that_day.household_id).aggregate(sid=that_day.id.max())
        latest = made.semi_join(last_id, made.id == last_id.sid)
    else:
        rank = ibis.row_number().over(
            group_by=made.household_id,
            order_by=[made.surveyed_on.desc(), made.id.desc()],
        )
        ranked = made.mutate(survey_rank=rank)
        latest = ranked.filter(ranked.survey_rank == 0)
    return latest.select(
        s_hid=latest.household_id,
        sid=latest.id,
        insurance_checked=latest.insurance_checked,
        housing_grade=latest.housing_grade,
    )


def _listed_uninsured() -> ir.Table:
    """For each survey and household, how many of the household's members
    the survey lists as uninsured: ``l_sid``, ``l_hid``, ``listed``. A listed
    id that is not a member of a household counts nowhere, as in the object
    model (which asks, member by member, whether the survey lists them)."""
    u = unbound("survey_uninsured")
    pairs = u.select(l_sid=u.survey_id, l_mid=u.member_id).distinct()
    m = unbound("members")
    members = m.select(mid=m.id, m_hid=m.household_id)
    joined = pairs.join(members, pairs.l_mid == members.mid)
    return joined.group_by(l_sid=joined.l_sid, l_hid=joined.m_hid).aggregate(listed=joined.count())


def _build_household_figures(con: Connection, scope: ir.Table, on: datetime.date) -> ir.Table:
    """The scope's villages with their households' figures on ``on``.

    One row per village of the scope (zeros where it has no household):
    ``village_id``, ``households``; ``eliminated_households`` and
    ``eliminated_people`` (households with a spell whose risk was eliminated
    by ``on`` and none open on ``on``, and their members); ``insured``,
    ``not_insured`` and ``insurance_unknown`` (members, by their household's
    latest survey); ``housing_A`` … ``housing_D`` and ``housing_unknown``
    (households by the grade of their latest survey).
    """
    households = _households_in(scope)
    sizes = _sizes()
    mon = unbound("monitoring")
    day = ibis.literal(on, type="date")
    spells = mon.group_by(spell_hid=mon.household_id).aggregate(
        eliminated=ibis.ifelse(
            mon.risk_eliminated_on.notnull() & (mon.risk_eliminated_on <= day), 1, 0
        ).max(),
        still_open=ibis.ifelse(
            (mon.identified_on <= day)
            & (mon.risk_eliminated_on.isnull() | (day < mon.risk_eliminated_on)),
            1,
            0,
        ).max(),
    )
    latest = _latest_surveys(con, on).view()
    listed = _listed_uninsured().view()
    # Views, and each predicate written over the join so far: several inputs
    # read the same table (members), which a join chain cannot tell apart.
    sizes = sizes.view()
    spells = spells.view()
    joined = households.left_join(sizes, households.hid == sizes.size_hid)
    joined = joined.left_join(spells, joined.hid == spells.spell_hid)
    joined = joined.left_join(latest, joined.hid == latest.s_hid)
    joined = joined.left_join(listed, (joined.sid == listed.l_sid) & (joined.hid == listed.l_hid))
    size = joined.size.fill_null(0)
    done = (joined.eliminated == 1) & (joined.still_open == 0)
    checked = joined.sid.notnull() & joined.insurance_checked.fill_null(False)
    n_listed = joined.listed.fill_null(0)
    per_household = joined.select(
        h_village=joined.h_village,
        done=ibis.ifelse(done.fill_null(False), 1, 0),
        size=size,
        insured=ibis.ifelse(checked, size - n_listed, 0),
        not_insured=ibis.ifelse(checked, n_listed, 0),
        insurance_unknown=ibis.ifelse(checked, 0, size),
        housing_grade=joined.housing_grade,
    )
    grades = {
        _grade_column(grade): ibis.ifelse(per_household.housing_grade == grade.value, 1, 0).sum()
        for grade in _GRADES
    }
    by_village = per_household.group_by(f_village=per_household.h_village).aggregate(
        households=per_household.count(),
        eliminated_households=per_household.done.sum(),
        eliminated_people=(per_household.done * per_household.size).sum(),
        insured=per_household.insured.sum(),
        not_insured=per_household.not_insured.sum(),
        insurance_unknown=per_household.insurance_unknown.sum(),
        **grades,
        **{
            _UNGRADED: ibis.ifelse(per_household.housing_grade.isnull(), 1, 0).sum(),
            _BAD_GRADE: ibis.ifelse(
                per_household.housing_grade.notnull()
                & ~per_household.housing_grade.isin([g.value for g in _GRADES]),
                1,
                0,
            ).sum(),
        },
    )
    figures = scope.left_join(by_village, scope[_SCOPE] == by_village.f_village)
    columns = ("households", *_COUNT_COLUMNS)
    return figures.select(
        village_id=figures[_SCOPE],
        **{name: figures[name].fill_null(0).cast("int64") for name in columns},
    )


_COUNT_COLUMNS: Final = (
    "eliminated_households",
    "eliminated_people",
    "insured",
    "not_insured",
    "insurance_unknown",
    *(_grade_column(grade) for grade in _GRADES),
    _UNGRADED,
    _BAD_GRADE,
)


def _household_figures(con: Connection, scope: ir.Table, on: datetime.date) -> ir.Table:
    """:func:`_build_household_figures`, computed once per connection, scope and day."""
    return con.derived(
        ("villagemodel.households", scope.op(), on),
        lambda: _build_household_figures(con, scope, on),
    )


def _totals(con: Connection, figures: ir.Table, *columns: str) -> dict[str, int]:
    """The sums of ``columns`` over the villages of ``figures`` (a table of
    :func:`_household_figures`): every column is summed in one query, once
    per derived table, and the metrics reading it share the sums."""

    def every_sum() -> dict[str, int]:
        sums = figures.aggregate(**{name: figures[name].sum() for name in _COUNT_COLUMNS})
        row = con.rows(sums)[0]
        return {name: int(row[name] or 0) for name in _COUNT_COLUMNS}

    found = con.remember(("villagemodel.totals", figures.op()), every_sum)
    return {name: found[name] for name in columns}


@_batch("monitoring.eliminated_households")
def _eliminated(con: Connection, ctx: Context, scope: ir.Table) -> BatchValue:
    what = ctx.option("count", "households")
    if what not in ("households", "people"):
        raise InvalidValueError(f"{ctx.definition.id}.options.count", what, "households or people")
    figures = _household_figures(con, scope, _day(ctx.period.end))
    found = _totals(con, figures, "eliminated_households", "eliminated_people")
    households = HouseholdCount(found["eliminated_households"])
    people = PersonCount(found["eliminated_people"])
    terms = eliminated_terms(households, people)
    return _result(ctx, households if what == "households" else people, terms=terms)


def _share(met: int, not_met: int, unknown: int) -> ExactPercentage | None:
    """The exact share met (unknown in the denominator), as a percentage."""
    denominator = met + not_met + unknown
    return None if denominator == 0 else ExactPercentage(Fraction(met, denominator) * 100)


@_batch("guarantees.insured_share")
def _insured(con: Connection, ctx: Context, scope: ir.Table) -> BatchValue:
    figures = _household_figures(con, scope, _day(ctx.period.end))
    counts = _totals(con, figures, "insured", "not_insured", "insurance_unknown")
    unknown = counts["insurance_unknown"]
    terms = insurance_terms(
        PersonCount(counts["insured"]),
        PersonCount(counts["not_insured"]),
        PersonCount(unknown),
    )
    if unknown:
        missing = (f"{unknown} people with no survey of insurance",)
        return _result(ctx, None, terms=terms, missing=missing)
    value = _share(counts["insured"], counts["not_insured"], unknown)
    return _result(ctx, value, terms=terms, rounding=ROUNDING_SHARE)


def _refuse_bad_grades(con: Connection) -> None:
    """Raise :class:`~villagemodel.errors.InvalidValueError` naming the first
    housing grade of the surveys table that is not a code of
    :class:`~villagemodel.households.HousingGrade` (the records cannot hold one)."""
    s = unbound("surveys")
    codes = [g.value for g in _GRADES]
    bad = s.filter(s.housing_grade.notnull() & ~s.housing_grade.isin(codes))
    first = con.rows(bad.select("housing_grade").order_by("housing_grade").limit(1))
    raise InvalidValueError(
        "surveys.housing_grade",
        first[0]["housing_grade"],
        f"not a housing grade ({', '.join(codes)})",
    )


@_batch("guarantees.safe_housing_share")
def _safe_housing(con: Connection, ctx: Context, scope: ir.Table) -> BatchValue:
    on = _day(ctx.period.end)
    jurisdiction = ctx.option("jurisdiction", "CN")
    figures = _household_figures(con, scope, on)
    counts = _totals(con, figures, _UNGRADED, _BAD_GRADE, *(_grade_column(g) for g in _GRADES))
    if counts[_BAD_GRADE]:
        _refuse_bad_grades(con)
    unknown = counts[_UNGRADED]
    by_grade = {grade: counts[_grade_column(grade)] for grade in _GRADES}
    judged = any(by_grade.values())
    # The rule parses the jurisdiction for every household it judges.
    place = Jurisdiction.parse(jurisdiction) if judged or unknown else None
    met = not_met = 0
    if judged and place is not None:
        # Read only when a household's latest survey graded its housing, as the rule does.
        found = ParameterSet.default().lookup("guarantees.housing_safe_grades", place, on)
        safe = tuple(found.value)
        for grade, n in by_grade.items():
            if grade.value in safe:
                met += n
            else:
                not_met += n
    terms = housing_terms(HouseholdCount(met), HouseholdCount(not_met), HouseholdCount(unknown))
    if unknown:
        missing = (f"{unknown} households with no survey of housing",)
        return _result(ctx, None, terms=terms, missing=missing)
    return _result(ctx, _share(met, not_met, unknown), terms=terms)


# -- funds -------------------------------------------------------------------------------


def _allocations_in(
    scope: ir.Table,
    period: Period,
    sources: Sequence[FundSource],
    purposes: Sequence[FundPurpose] | None,
) -> ir.Table:
    """Allocations in the period, of funds from ``sources`` (and for
    ``purposes``), whose recipient (a village, a project's village or a
    household's village) is in the scope: ``recipient``, ``source`` (the
    fund's), ``purpose``, ``amount``."""
    a = unbound("allocations")
    chosen = a.filter(
        (a.allocated_on >= ibis.literal(_day(period.start), type="date"))
        & (a.allocated_on <= ibis.literal(_day(period.end), type="date"))
    )
    if purposes is not None:
        chosen = chosen.filter(chosen.purpose.isin([p.value for p in purposes]))
    p = unbound("projects")
    projects = p.select(pid=p.id, p_village=p.village_id)
    h = unbound("households")
    households = h.select(ahid=h.id, a_village=h.village_id)
    joined = chosen.left_join(projects, chosen.project_id == projects.pid).left_join(
        households, chosen.household_id == households.ahid
    )
    recipients = joined.select(
        recipient=ibis.coalesce(chosen.village_id, projects.p_village, households.a_village),
        fund_id=chosen.fund_id,
        purpose=chosen.purpose,
        amount=chosen.amount,
    )
    f = unbound("funds")
    chosen_funds = f.filter(f.source.isin([s.value for s in sources]))
    # Distinct: a fund row given twice is one fund, as in a dataset.
    funds = chosen_funds.select(fid=chosen_funds.id, source=chosen_funds.source).distinct()
    # A view: Ibis 12 would otherwise fold the next join into the join above
    # and refuse the predicate.
    recipients = recipients.view()
    with_source = recipients.join(funds, recipients.fund_id == funds.fid).select(
        "recipient", "source", "purpose", "amount"
    )
    return with_source.semi_join(scope, with_source.recipient == scope[_SCOPE])


@_batch("funds.allocated")
def _funds(con: Connection, ctx: Context, scope: ir.Table) -> BatchValue:
    sources = ctx.choices("sources", FundSource)
    purposes = ctx.choices("purposes", FundPurpose) if "purposes" in ctx.options else None
    if not sources or (purposes is not None and not purposes):
        return _result(ctx, Money.zero())
    found = _allocations_in(scope, ctx.period, sources, purposes)
    sums = found.group_by("source", "purpose").aggregate(total=found.amount.cast(MONEY_SUM).sum())
    by_kind = sorted(
        (
            (
                enum_member(FundSource, r["source"], "funds.source"),
                enum_member(FundPurpose, r["purpose"], "allocations.purpose"),
                Money(r["total"]),
            )
            for r in con.rows(sums)
        ),
        key=lambda row: (row[0].code, row[1].code),
    )
    terms = tuple(
        Term(label_en=f"{s.en}, {p.en}", label_zh=f"{s.zh}（{p.zh}）", value=amount)
        for s, p, amount in by_kind
    )
    total = sum((amount for _, _, amount in by_kind), Money.zero())
    return _result(ctx, total, terms=terms)


# -- income growth -------------------------------------------------------------------------


@_batch("income.formerly_poor_growth")
def _growth(con: Connection, ctx: Context, scope: ir.Table) -> BatchValue:
    average, base, last = growth_request(ctx)
    households = _households_in(scope)
    poor = households.filter(households.history == PovertyHistory.FORMERLY_POOR.value)
    n_poor = int(con.rows(poor.aggregate(n=poor.count()))[0]["n"])
    i = unbound("incomes")
    incomes = i.filter((i.year >= base) & (i.year <= last))
    incomes = incomes.semi_join(poor, incomes.household_id == poor.hid)
    with_income = {
        int(r["year"]): int(r["n"])
        for r in con.rows(incomes.group_by("year").aggregate(n=incomes.count()).order_by("year"))
    }
    m = unbound("members")
    people = incomes.join(m, incomes.household_id == m.household_id)
    sums = people.group_by(people.year).aggregate(
        money=people.per_capita.cast(MONEY_SUM).sum(), people=people.count()
    )
    by_year = {int(r["year"]): r for r in con.rows(sums.order_by("year"))}
    missing = tuple(
        f"{year}: {n_poor - with_income.get(year, 0)} formerly poor households without income"
        for year in range(base, last + 1)
        if n_poor and with_income.get(year, 0) < n_poor
    )
    means = {
        year: Fraction(row["money"]) / int(row["people"])
        for year, row in by_year.items()
        if row["people"]
    }
    terms = [growth_mean_term(year, means[year]) for year in sorted(means)]
    years = last - base
    if missing or len(means) != years + 1 or years < 1:
        return _result(ctx, None, terms=terms, missing=missing)
    value = growth_rate(means, base, last, average)
    return _result(ctx, value, terms=terms, rounding=growth_rounding(average))


# -- every village's figures ------------------------------------------------------------


def village_table(
    connection: Connection, year: int, on: datetime.date, subject: Subject | None = None
) -> pa.Table:
    """Each village's figures as a PyArrow table, ordered by village id.

    The columns (:data:`VILLAGE_COLUMNS`): ``village_id``;
    ``collective_income`` for ``year`` (``decimal(18, 2)`` yuan, null
    without a record); ``households`` (all its households);
    ``eliminated_households`` and ``eliminated_people`` on the day ``on``;
    ``insured``, ``not_insured`` and ``insurance_unknown`` (people) on
    ``on``; ``housing_A`` … ``housing_D`` and ``housing_unknown``
    (households by the grade of their latest survey on ``on``; unknown: no
    survey, or one that did not grade the dwelling). Counts are ``int64``.
    Each equals the object model's figure for that village alone.

    No Python object is built per village: this is the form for a province
    or the nation (:func:`village_figures` gives the same rows as Python
    values). The household figures are computed once per connection,
    subject and day and shared with :func:`evaluate` (see
    :meth:`~villagemodel.batch.engine.Connection.derived`).
    """
    check_year(year, "year")
    scope = _scope(connection, subject or Subject.all())
    on = _day(on)
    incomes = _incomes_of(scope, year)
    figures = _household_figures(connection, scope, on)
    joined = incomes.left_join(figures, incomes.village_id == figures.village_id)
    table = joined.select(
        village_id=incomes.village_id,
        collective_income=incomes.amount,
        **{name: figures[name] for name in (*VILLAGE_COLUMNS[2:], _BAD_GRADE)},
    ).order_by("village_id")
    result = connection.to_arrow(table)
    if pc.sum(result[_BAD_GRADE]).as_py():
        _refuse_bad_grades(connection)
    return result.drop_columns(_BAD_GRADE).cast(_VILLAGE_SCHEMA)


def village_figures(
    connection: Connection, year: int, on: datetime.date, subject: Subject | None = None
) -> list[dict[str, object]]:
    """The rows of :func:`village_table` as Python values: a dict per
    village, ``collective_income`` as :class:`~villagemodel.Money` (or
    ``None``), the counts as ``int``. For a county; a province's or the
    nation's villages are better kept in the table."""
    table = village_table(connection, year, on, subject)
    return [
        {
            **row,
            "collective_income": (
                None if row["collective_income"] is None else Money(row["collective_income"])
            ),
        }
        for row in table.to_pylist()
    ]


VILLAGE_COLUMNS: Final = (
    "village_id",
    "collective_income",
    "households",
    *(c for c in _COUNT_COLUMNS if c != _BAD_GRADE),
)
"""The columns of :func:`village_table`, in order."""

_VILLAGE_SCHEMA: Final = pa.schema(
    [
        pa.field("village_id", pa.string(), nullable=False),
        pa.field("collective_income", pa.decimal128(18, 2)),
        *(pa.field(name, pa.int64(), nullable=False) for name in VILLAGE_COLUMNS[2:]),
    ]
)
