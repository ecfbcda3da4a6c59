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

from villagemodel.batch.engine import Connection, unbound
from villagemodel.batch.schemas import MONEY_SUM, enum_member
from villagemodel.dataset import Dataset
from villagemodel.errors import InvalidValueError, UnknownReferenceError
from villagemodel.finance import FundPurpose, FundSource
from villagemodel.households import HousingGrade, PovertyHistory
from villagemodel.metrics import (
    METRICS,
    Context,
    ExactPercentage,
    GrowthAverage,
    MoneyAverage,
    Subject,
    UnknownMetricError,
    growth_rate,
)
from villagemodel.money import Money
from villagemodel.parameters import Jurisdiction, ParameterSet
from villagemodel.periods import Period, check_year
from villagemodel.quantities import HouseholdCount, PersonCount
from villagemodel.rules.collective_economy import IncomeClass, Outcome, classify_income

__all__ = [
    "BATCH_METRICS",
    "BatchValue",
    "IncomeClassCounts",
    "evaluate",
    "income_classes",
    "village_figures",
    "village_incomes",
]

_GROWTH_PLACES: Final = 10
"""Decimal places of a percent a growth rate is rounded to (as in the object model)."""

_EMPTY: Final = Dataset()
_SCOPE: Final = "scope_id"


@attrs.frozen(kw_only=True)
class BatchValue:
    """A metric's value computed by the batch layer.

    ``value`` equals the object model's :attr:`~villagemodel.metrics.MetricValue.value`
    (``None`` when the data cannot give it); ``missing`` says what data was
    lacking (village ids for the collective income; for the growth rate,
    years with formerly poor households lacking an income).
    """

    metric: str
    value: object
    missing: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        return self.value is not None


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
    return chosen.select(**{_SCOPE: chosen.id})


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
    return function(connection, context, scope)


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
    year = ctx.year()
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


@_batch("collective_income.total")
def _income_total(con: Connection, ctx: Context, scope: ir.Table) -> BatchValue:
    total, _, missing = _income_sums(con, ctx, scope)
    return BatchValue(metric=ctx.definition.id, value=None if missing else total, missing=missing)


@_batch("collective_income.per_village")
def _income_per_village(con: Connection, ctx: Context, scope: ir.Table) -> BatchValue:
    total, n, missing = _income_sums(con, ctx, scope)
    value = None if missing or n == 0 else MoneyAverage(total, n)
    return BatchValue(metric=ctx.definition.id, value=value, missing=missing)


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


# -- monitoring -----------------------------------------------------------------------


def _eliminated_by_household(scope: ir.Table, on: datetime.date) -> ir.Table:
    """Households of the scope with a spell eliminated by ``on`` and none open
    on ``on``, with their number of members: ``hid``, ``h_village``, ``size``."""
    m = unbound("monitoring")
    day = ibis.literal(on, type="date")
    spells = m.group_by(spell_hid=m.household_id).aggregate(
        eliminated=ibis.ifelse(
            m.risk_eliminated_on.notnull() & (m.risk_eliminated_on <= day), 1, 0
        ).max(),
        still_open=ibis.ifelse(
            (m.identified_on <= day)
            & (m.risk_eliminated_on.isnull() | (day < m.risk_eliminated_on)),
            1,
            0,
        ).max(),
    )
    done = spells.filter((spells.eliminated == 1) & (spells.still_open == 0))
    households = _households_in(scope)
    found = households.join(done, households.hid == done.spell_hid)
    sizes = _sizes()
    with_sizes = found.left_join(sizes, found.hid == sizes.size_hid)
    return with_sizes.select(
        hid=with_sizes.hid, h_village=with_sizes.h_village, size=with_sizes.size.fill_null(0)
    )


@_batch("monitoring.eliminated_households")
def _eliminated(con: Connection, ctx: Context, scope: ir.Table) -> BatchValue:
    what = ctx.option("count", "households")
    if what not in ("households", "people"):
        raise InvalidValueError(f"{ctx.definition.id}.options.count", what, "households or people")
    found = _eliminated_by_household(scope, _day(ctx.period.end))
    row = con.rows(found.aggregate(households=found.count(), people=found.size.sum()))[0]
    households = HouseholdCount(int(row["households"]))
    people = PersonCount(int(row["people"] or 0))
    return BatchValue(
        metric=ctx.definition.id, value=households if what == "households" else people
    )


# -- guarantees ------------------------------------------------------------------------


def _latest_surveys(scope: ir.Table, on: datetime.date) -> ir.Table:
    """Each household of the scope with its latest survey on or before ``on``
    (of two the same day, the greater id), or nulls: ``hid``, ``h_village``,
    ``sid``, ``insurance_checked``, ``housing_grade``."""
    s = unbound("surveys")
    households = _households_in(scope)
    made = s.filter(s.surveyed_on <= ibis.literal(on, type="date"))
    made = made.semi_join(households, made.household_id == households.hid)
    # Two aggregations rather than a window function: the Polars backend of
    # Ibis 12 has no window functions.
    last_day = made.group_by(day_hid=made.household_id).aggregate(day=made.surveyed_on.max())
    that_day = made.join(
        last_day, (made.household_id == last_day.day_hid) & (made.surveyed_on == last_day.day)
    )
    last_id = that_day.group_by(id_hid=that_day.household_id).aggregate(sid=that_day.id.max())
    latest = made.join(last_id, made.id == last_id.sid).select(
        s_hid=made.household_id,
        sid=made.id,
        insurance_checked=made.insurance_checked,
        housing_grade=made.housing_grade,
    )
    joined = households.left_join(latest, households.hid == latest.s_hid)
    return joined.select(
        hid=joined.hid,
        h_village=joined.h_village,
        sid=joined.sid,
        insurance_checked=joined.insurance_checked,
        housing_grade=joined.housing_grade,
    )


def _insurance_by_member(scope: ir.Table, on: datetime.date) -> ir.Table:
    """Each member of the scope's households with their insurance outcome code
    (``met``, ``not_met``, ``unknown``) on ``on``: ``h_village``, ``outcome``."""
    members = unbound("members")
    latest = _latest_surveys(scope, on)
    inside = members.join(latest, members.household_id == latest.hid).select(
        mid=members.id,
        h_village=latest.h_village,
        sid=latest.sid,
        insurance_checked=latest.insurance_checked,
    )
    u = unbound("survey_uninsured")
    listed = u.select(u_sid=u.survey_id, u_mid=u.member_id).distinct()
    joined = inside.left_join(listed, (inside.sid == listed.u_sid) & (inside.mid == listed.u_mid))
    outcome = ibis.cases(
        (joined.sid.isnull() | ~joined.insurance_checked, "unknown"),
        (joined.u_mid.notnull(), "not_met"),
        else_="met",
    )
    return joined.select(h_village=joined.h_village, outcome=outcome)


def _tally(con: Connection, table: ir.Table) -> dict[str, int]:
    """Counts by the ``outcome`` column."""
    grouped = table.group_by("outcome").aggregate(n=table.count()).order_by("outcome")
    return {r["outcome"]: int(r["n"]) for r in con.rows(grouped)}


def _share(met: int, not_met: int, unknown: int) -> ExactPercentage | None:
    """The exact share met (unknown in the denominator), as a percentage."""
    denominator = met + not_met + unknown
    return None if denominator == 0 else ExactPercentage(Fraction(met, denominator) * 100)


@_batch("guarantees.insured_share")
def _insured(con: Connection, ctx: Context, scope: ir.Table) -> BatchValue:
    counts = _tally(con, _insurance_by_member(scope, _day(ctx.period.end)))
    unknown = counts.get("unknown", 0)
    if unknown:
        missing = (f"{unknown} people with no survey of insurance",)
        return BatchValue(metric=ctx.definition.id, value=None, missing=missing)
    value = _share(counts.get("met", 0), counts.get("not_met", 0), unknown)
    return BatchValue(metric=ctx.definition.id, value=value)


@_batch("guarantees.safe_housing_share")
def _safe_housing(con: Connection, ctx: Context, scope: ir.Table) -> BatchValue:
    on = _day(ctx.period.end)
    jurisdiction = ctx.option("jurisdiction", "CN")
    latest = _latest_surveys(scope, on)
    grades = latest.group_by(outcome=latest.housing_grade.fill_null("")).aggregate(n=latest.count())
    by_grade = {r["outcome"]: int(r["n"]) for r in con.rows(grades.order_by("outcome"))}
    # The rule parses the jurisdiction for every household it judges.
    place = Jurisdiction.parse(jurisdiction) if by_grade else None
    unknown = by_grade.pop("", 0)
    met = not_met = 0
    if by_grade and place is not None:
        # Read only when a household's latest survey graded its housing, as the rule does.
        found = ParameterSet.default().lookup("guarantees.housing_safe_grades", place, on)
        safe = tuple(found.value)
        for grade, n in by_grade.items():
            if enum_member(HousingGrade, grade).value in safe:
                met += n
            else:
                not_met += n
    if unknown:
        missing = (f"{unknown} households with no survey of housing",)
        return BatchValue(metric=ctx.definition.id, value=None, missing=missing)
    return BatchValue(metric=ctx.definition.id, value=_share(met, not_met, unknown))


# -- funds -------------------------------------------------------------------------------


def _allocations_in(
    scope: ir.Table,
    period: Period,
    sources: Sequence[FundSource],
    purposes: Sequence[FundPurpose] | None,
) -> ir.Table:
    """Allocations in the period, of funds from ``sources`` (and for
    ``purposes``), whose recipient (a village, a project's village or a
    household's village) is in the scope: ``recipient``, ``amount``."""
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
        amount=chosen.amount,
    )
    f = unbound("funds")
    funds = f.filter(f.source.isin([s.value for s in sources])).select(fid=f.id)
    # A view: Ibis 12 would otherwise fold the next join into the join above
    # and refuse the predicate.
    recipients = recipients.view()
    recipients = recipients.semi_join(funds, recipients.fund_id == funds.fid).select(
        "recipient", "amount"
    )
    return recipients.semi_join(scope, recipients.recipient == scope[_SCOPE])


@_batch("funds.allocated")
def _funds(con: Connection, ctx: Context, scope: ir.Table) -> BatchValue:
    sources = ctx.choices("sources", FundSource)
    purposes = ctx.choices("purposes", FundPurpose) if "purposes" in ctx.options else None
    if not sources or (purposes is not None and not purposes):
        return BatchValue(metric=ctx.definition.id, value=Money.zero())
    found = _allocations_in(scope, ctx.period, sources, purposes)
    row = con.rows(found.aggregate(total=found.amount.cast(MONEY_SUM).sum()))[0]
    total = Money.zero() if row["total"] is None else Money(row["total"])
    return BatchValue(metric=ctx.definition.id, value=total)


# -- income growth -------------------------------------------------------------------------


def _year_option(ctx: Context, key: str, default: int) -> int:
    text = ctx.option(key, str(default))
    if not text.isdigit():
        raise InvalidValueError(f"{ctx.definition.id}.options.{key}", text, "expected a year")
    return check_year(int(text), f"{ctx.definition.id}.options.{key}")


@_batch("income.formerly_poor_growth")
def _growth(con: Connection, ctx: Context, scope: ir.Table) -> BatchValue:
    average = GrowthAverage.parse(ctx.option("average", GrowthAverage.COMPOUND.code))
    last = _year_option(ctx, "last_year", ctx.period.end.year)
    first = _year_option(ctx, "first_year", ctx.period.start.year)
    if first > last:
        raise InvalidValueError(
            f"{ctx.definition.id}.options.first_year", first, f"comes after last_year {last}"
        )
    base = first - 1
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
    years = last - base
    if missing or len(means) != years + 1 or years < 1:
        return BatchValue(metric=ctx.definition.id, value=None, missing=missing)
    return BatchValue(metric=ctx.definition.id, value=growth_rate(means, base, last, average))


# -- every village's figures ------------------------------------------------------------


def village_figures(
    connection: Connection, year: int, on: datetime.date, subject: Subject | None = None
) -> list[dict[str, object]]:
    """Each village's figures, ordered by village id.

    For each village: ``collective_income`` for ``year`` (``None`` without a
    record); ``eliminated_households`` and ``eliminated_people`` on the day
    ``on``; ``insured``, ``not_insured`` and ``insurance_unknown`` (people)
    on ``on``. Each equals the object model's figure for that village alone
    (the counts as plain ``int``).
    """
    check_year(year, "year")
    scope = _scope(connection, subject or Subject.all())
    on = _day(on)
    incomes = _incomes_of(scope, year)
    done = _eliminated_by_household(scope, on)
    done_by_village = done.group_by(d_village=done.h_village).aggregate(
        eliminated_households=done.count(), eliminated_people=done.size.sum()
    )
    insurance = _insurance_by_member(scope, on)
    insured = insurance.group_by(i_village=insurance.h_village).aggregate(
        insured=ibis.ifelse(insurance.outcome == "met", 1, 0).sum(),
        not_insured=ibis.ifelse(insurance.outcome == "not_met", 1, 0).sum(),
        insurance_unknown=ibis.ifelse(insurance.outcome == "unknown", 1, 0).sum(),
    )
    joined = incomes.left_join(
        done_by_village, incomes.village_id == done_by_village.d_village
    ).left_join(insured, incomes.village_id == insured.i_village)
    table = joined.select(
        village_id=incomes.village_id,
        collective_income=incomes.amount,
        eliminated_households=done_by_village.eliminated_households.fill_null(0),
        eliminated_people=done_by_village.eliminated_people.fill_null(0),
        insured=insured.insured.fill_null(0),
        not_insured=insured.not_insured.fill_null(0),
        insurance_unknown=insured.insurance_unknown.fill_null(0),
    ).order_by("village_id")
    result: list[dict[str, object]] = []
    for row in connection.rows(table):
        amount = row["collective_income"]
        result.append(
            {
                **{key: int(value) for key, value in row.items() if key not in _NOT_COUNTS},
                "village_id": row["village_id"],
                "collective_income": None if amount is None else Money(amount),
            }
        )
    return result


_NOT_COUNTS: Final = frozenset({"village_id", "collective_income"})
