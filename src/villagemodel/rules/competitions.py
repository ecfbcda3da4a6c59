"""Competitions and designations: the flags a village may win, and the bound
on a reported total.

Baise runs a yearly rural-revitalisation competition in which villages win
flags, 乡村振兴·五旗争创 ("five flags"). The source report: "在参与百色市2022度
'乡村振兴·五旗争创'评比活动中，6个村共获得红旗13面；有5个村被评为'乡村振兴重点村'；
双达村被评为2022年'广西乡村振兴创建示范村'".

The names and criteria of the five flags were not found, and the library does
not invent them. A :class:`Competition` has a name, the jurisdiction that
runs it, a number of flags and, when the caller knows them, the flags' names;
without names the flags are unnamed and any award name counts as one flag.
The number of flags of the five-flags competition is a parameter
(``competitions.five_flags.flag_count``, read from the competition's name).
A designation (乡村振兴重点村) is a competition with one unnamed "flag": the
designation itself.

Two rules:

* :func:`check_awards`: a village wins each flag at most once a year, so it
  holds at most as many different flags a year as the competition has, and,
  when the flags are named, only those flags;
* :func:`check_reported_total`: ``N`` villages can win at most
  ``flags × N`` flags in a year; a reported total above that bound is
  impossible. "6个村共获得红旗13面" is possible: 13 ≤ 5 × 6.

>>> import datetime
>>> from villagemodel.parameters import ParameterSet
>>> five_flags = Competition.five_flags(ParameterSet.default(), datetime.date(2022, 12, 31))
>>> five_flags.flag_count, five_flags.flag_names
(5, ())
>>> check_reported_total(five_flags, villages=6, reported=13).possible
True
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any, Final

import attrs

from villagemodel import _fields as f
from villagemodel.activities import Award, AwardKind
from villagemodel.dataset import Dataset
from villagemodel.errors import InvalidValueError
from villagemodel.explain import Comparison, Explanation, Fact, Operator
from villagemodel.ids import AwardId, VillageId
from villagemodel.labels import LabelledEnum
from villagemodel.parameters import Jurisdiction, ParameterSet, ResolvedParameter
from villagemodel.periods import check_year

__all__ = [
    "BAISE",
    "FIVE_FLAGS",
    "FIVE_FLAGS_COUNT",
    "AwardCheck",
    "AwardViolation",
    "Competition",
    "TotalCheck",
    "ViolationKind",
    "check_awards",
    "check_dataset_awards",
    "check_reported_total",
]

FIVE_FLAGS: Final = "乡村振兴·五旗争创"
"""The name of Baise's rural-revitalisation five-flags competition."""

FIVE_FLAGS_COUNT: Final = "competitions.five_flags.flag_count"
"""The parameter holding its number of flags."""

BAISE: Final = "CN/guangxi/baise"
"""The jurisdiction that runs it: Baise City."""


def _optional_jurisdiction(value: str | Jurisdiction | None) -> Jurisdiction | None:
    return None if value is None else Jurisdiction.parse(value)


def _whole_count(path: str, value: object, *, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise InvalidValueError(path, value, f"expected a whole number, at least {least}")
    return value


def _names(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise InvalidValueError(
            "Competition.flag_names", value, "expected a list of names, not one str"
        )
    return tuple(value)


@attrs.frozen(kw_only=True)
class Competition:
    """A competition in which villages win flags, or a designation.

    ``flag_names`` is empty when the flags' names are not known (the five
    flags of Baise); otherwise it names every flag, one name per flag.
    ``flag_count_parameter`` is the parameter the number of flags was read
    from, when it was; explanations list it. ``jurisdiction`` is the
    jurisdiction that runs the competition, ``None`` when not known.
    """

    name: str = attrs.field(validator=f.text)
    flag_count: int = attrs.field()
    jurisdiction: Jurisdiction | None = attrs.field(default=None, converter=_optional_jurisdiction)
    flag_names: tuple[str, ...] = attrs.field(default=(), converter=_names)
    kind: AwardKind = attrs.field(default=AwardKind.FLAG, validator=f.member_of(AwardKind))
    flag_count_parameter: ResolvedParameter | None = attrs.field(
        default=None, validator=f.instance_of(ResolvedParameter, optional=True), repr=False
    )

    @flag_count.validator
    def _positive(self, attribute: attrs.Attribute[Any], value: object) -> None:
        _whole_count("Competition.flag_count", value, least=1)

    @flag_names.validator
    def _one_name_per_flag(self, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
        for i, name in enumerate(value):
            if not isinstance(name, str) or not name.strip():
                raise InvalidValueError(f"Competition.flag_names[{i}]", name, "expected a name")
            if name in value[:i]:
                raise InvalidValueError(f"Competition.flag_names[{i}]", name, "named twice")
        if value and len(value) != self.flag_count:
            raise InvalidValueError(
                "Competition.flag_names",
                value,
                f"name every one of the {self.flag_count} flags, or none",
            )

    # -- constructors ---------------------------------------------------------
    @classmethod
    def from_parameter(
        cls,
        *,
        name: str,
        parameter: str,
        params: ParameterSet,
        jurisdiction: str | Jurisdiction,
        on: datetime.date,
        flag_names: Iterable[str] = (),
        allow_examples: bool = False,
    ) -> Competition:
        """A competition whose number of flags is the integer parameter
        ``parameter``, in force for ``jurisdiction`` on ``on``."""
        found = params.lookup(parameter, jurisdiction, on, allow_examples=allow_examples)
        count = _whole_count(found.name, found.value, least=1)
        return cls(
            name=name,
            flag_count=count,
            jurisdiction=found.jurisdiction,
            flag_names=tuple(flag_names),
            flag_count_parameter=found,
        )

    @classmethod
    def five_flags(
        cls,
        params: ParameterSet,
        on: datetime.date,
        *,
        jurisdiction: str | Jurisdiction = BAISE,
        flag_names: Iterable[str] = (),
    ) -> Competition:
        """Baise's 乡村振兴·五旗争创, with the number of flags in force on ``on``.

        The flags are unnamed unless the caller names them: their names were
        not found in a public source.
        """
        return cls.from_parameter(
            name=FIVE_FLAGS,
            parameter=FIVE_FLAGS_COUNT,
            params=params,
            jurisdiction=jurisdiction,
            on=on,
            flag_names=flag_names,
        )

    @classmethod
    def designation(
        cls, name: str, *, jurisdiction: str | Jurisdiction | None = None
    ) -> Competition:
        """A designation (称号) such as 乡村振兴重点村: a village holds it at
        most once a year.

        >>> Competition.designation("乡村振兴重点村").max_awards(6)
        6
        """
        return cls(
            name=name,
            flag_count=1,
            jurisdiction=jurisdiction,
            flag_names=(name,),
            kind=AwardKind.DESIGNATION,
        )

    # -- views ----------------------------------------------------------------
    @property
    def named(self) -> bool:
        """Whether the flags' names are known."""
        return bool(self.flag_names)

    def matches(self, award: Award) -> bool:
        """Whether ``award`` was won in this competition: a flag whose
        ``competition`` is this name, or the designation of this name."""
        if award.kind is not self.kind:
            return False
        if self.kind is AwardKind.FLAG:
            return award.competition == self.name
        return award.name == self.name

    def max_awards(self, villages: int) -> int:
        """The most flags ``villages`` villages can win in one year."""
        return self.flag_count * _whole_count("villages", villages, least=0)

    def _parameters(self) -> tuple[ResolvedParameter, ...]:
        return () if self.flag_count_parameter is None else (self.flag_count_parameter,)

    def _facts(self) -> list[Fact]:
        return [
            Fact(label_en="competition", label_zh="评比", value=self.name),
            Fact(
                label_en="run by",
                label_zh="组织单位",
                value=None if self.jurisdiction is None else self.jurisdiction.path,
            ),
            Fact(label_en="flags in the competition", label_zh="旗数", value=self.flag_count),
            Fact(
                label_en="flag names (none: not known)",
                label_zh="旗名（无：不详）",
                value=self.flag_names if self.named else None,
            ),
        ]


class ViolationKind(LabelledEnum):
    """What is wrong with a set of awards."""

    REPEATED = ("repeated", "同一面旗一年内重复获得", "the same flag won more than once in a year")
    TOO_MANY = ("too_many", "一年内获旗数超过旗数", "more flags in a year than the competition has")
    UNKNOWN_FLAG = ("unknown_flag", "旗名不在本评比之列", "a flag the competition does not have")


@attrs.frozen(kw_only=True)
class AwardViolation:
    """One breach of the competition's rules by a village's awards in a year."""

    kind: ViolationKind
    village_id: VillageId
    year: int
    award_ids: tuple[AwardId, ...]
    detail: str

    def __str__(self) -> str:
        ids = ", ".join(self.award_ids)
        return f"{self.village_id} {self.year}: {self.kind.en}: {self.detail} (awards {ids})"


@attrs.frozen(kw_only=True)
class AwardCheck:
    """Whether a set of awards keeps the competition's rules."""

    competition: Competition
    year: int | None
    awards: tuple[Award, ...]
    violations: tuple[AwardViolation, ...]
    explanation: Explanation

    @property
    def holds(self) -> bool:
        """Whether no rule is broken."""
        return not self.violations


def check_awards(
    competition: Competition, awards: Iterable[Award], *, year: int | None = None
) -> AwardCheck:
    """Check the awards of ``competition`` among ``awards`` (others are ignored),
    for ``year`` or for every year.

    A village wins each flag at most once a year, wins at most as many
    different flags a year as the competition has and, when the flags are
    named, wins only those.
    """
    if year is not None:
        check_year(year, "year")
    listed = tuple(awards)
    for i, award in enumerate(listed):
        if not isinstance(award, Award):
            raise InvalidValueError(f"awards[{i}]", award, "expected an Award")
    mine = tuple(a for a in listed if competition.matches(a) and (year is None or a.year == year))
    groups: defaultdict[tuple[VillageId, int], list[Award]] = defaultdict(list)
    for award in mine:
        groups[(award.village_id, award.year)].append(award)
    violations: list[AwardViolation] = []
    comparisons: list[Comparison] = []
    for (village, won_in), items in sorted(groups.items()):
        times = Counter(a.name for a in items)
        for name, n in times.items():
            if n > 1:
                violations.append(
                    AwardViolation(
                        kind=ViolationKind.REPEATED,
                        village_id=village,
                        year=won_in,
                        award_ids=tuple(a.id for a in items if a.name == name),
                        detail=f"{name!r} won {n} times",
                    )
                )
            if competition.named and name not in competition.flag_names:
                violations.append(
                    AwardViolation(
                        kind=ViolationKind.UNKNOWN_FLAG,
                        village_id=village,
                        year=won_in,
                        award_ids=tuple(a.id for a in items if a.name == name),
                        detail=f"{name!r} is not one of {', '.join(competition.flag_names)}",
                    )
                )
        if len(times) > competition.flag_count:
            violations.append(
                AwardViolation(
                    kind=ViolationKind.TOO_MANY,
                    village_id=village,
                    year=won_in,
                    award_ids=tuple(a.id for a in items),
                    detail=f"{len(times)} different flags, the competition has {competition.flag_count}",
                )
            )
        comparisons += [
            Comparison.of(
                f"different flags won, {village} {won_in}",
                f"{village}{won_in}年所获不同旗数",
                len(times),
                Operator.LE,
                competition.flag_count,
            ),
            Comparison.of(
                f"most times one flag was won, {village} {won_in}",
                f"{village}{won_in}年同一面旗最多获得次数",
                max(times.values()),
                Operator.LE,
                1,
            ),
        ]
    if violations:
        outcome_en = f"{len(violations)} breach(es): " + "; ".join(str(v) for v in violations)
        outcome_zh = f"{len(violations)}处不符：" + "；".join(
            f"{v.village_id}{v.year}年{v.kind.zh}" for v in violations
        )
    else:
        outcome_en, outcome_zh = "the awards keep the competition's rules", "获奖记录符合评比规则"
    facts = competition._facts()
    facts += [
        Fact(
            label_en="year (none: every year)",
            label_zh="年度（无：全部年度）",
            value=None if year is None else str(year),
        ),
        Fact(label_en="awards of this competition", label_zh="本评比获奖记录数", value=len(mine)),
        Fact(
            label_en="villages with awards",
            label_zh="获奖村数",
            value=len({village for village, _ in groups}),
        ),
    ]
    explanation = Explanation(
        rule="competitions.awards",
        title_en=f"Awards of {competition.name}: each flag at most once per village per year",
        title_zh=f"{competition.name}获奖记录：每村每年每面旗至多一次",
        outcome_en=outcome_en,
        outcome_zh=outcome_zh,
        branch_en="a village wins each flag at most once a year, so at most as many "
        "different flags as the competition has"
        + ("; only the named flags count" if competition.named else "; the flags are unnamed"),
        branch_zh="每村每年每面旗至多获得一次，所获旗数不超过评比旗数"
        + ("；只认所列旗名" if competition.named else "；旗名不详"),
        inputs=tuple(facts),
        parameters=competition._parameters(),
        comparisons=tuple(comparisons),
    )
    return AwardCheck(
        competition=competition,
        year=year,
        awards=mine,
        violations=tuple(violations),
        explanation=explanation,
    )


def check_dataset_awards(
    dataset: Dataset, competition: Competition, *, year: int | None = None
) -> AwardCheck:
    """:func:`check_awards` over every award recorded in ``dataset``."""
    return check_awards(competition, dataset.awards, year=year)


@attrs.frozen(kw_only=True)
class TotalCheck:
    """Whether a reported total of flags is possible for a number of villages."""

    competition: Competition
    villages: int
    reported: int
    bound: int
    explanation: Explanation

    @property
    def possible(self) -> bool:
        """Whether the total is at most the bound."""
        return self.reported <= self.bound


def check_reported_total(
    competition: Competition, *, villages: int, reported: int, year: int | None = None
) -> TotalCheck:
    """Whether ``villages`` villages can have won ``reported`` flags of
    ``competition`` in one year: at most ``flag_count × villages``.

    >>> from villagemodel.parameters import ParameterSet
    >>> five = Competition.five_flags(ParameterSet.default(), datetime.date(2022, 12, 31))
    >>> check_reported_total(five, villages=2, reported=11).possible
    False
    """
    count = _whole_count("villages", villages, least=0)
    total = _whole_count("reported", reported, least=0)
    if year is not None:
        check_year(year, "year")
    bound = competition.max_awards(count)
    comparison = Comparison.of(
        "flags reported, at most flags per competition × villages",
        "所报获旗总数不超过旗数×村数",
        total,
        Operator.LE,
        bound,
    )
    if comparison.holds:
        outcome_en, outcome_zh = "possible", "可能"
    else:
        outcome_en = "impossible: more flags than the villages can win"
        outcome_zh = "不可能：超过这些村可获旗数的上限"
    facts = competition._facts()
    facts += [
        Fact(
            label_en="year (none: not stated)",
            label_zh="年度（无：未说明）",
            value=None if year is None else str(year),
        ),
        Fact(label_en="villages", label_zh="村数", value=count),
        Fact(label_en="flags reported", label_zh="所报获旗总数", value=total),
        Fact(label_en="most flags the villages can win", label_zh="可获旗数上限", value=bound),
    ]
    explanation = Explanation(
        rule="competitions.reported_total",
        title_en=f"Reported total of {competition.name} flags",
        title_zh=f"{competition.name}获旗总数核对",
        outcome_en=outcome_en,
        outcome_zh=outcome_zh,
        branch_en=f"each village wins each of the {competition.flag_count} flags at most once a "
        f"year, so {count} villages win at most {competition.flag_count} × {count} = {bound}",
        branch_zh=f"每村每年每面旗至多获得一次，{count}个村至多获得"
        f"{competition.flag_count}×{count}={bound}面",
        inputs=tuple(facts),
        parameters=competition._parameters(),
        comparisons=(comparison,),
    )
    return TotalCheck(
        competition=competition,
        villages=count,
        reported=total,
        bound=bound,
        explanation=explanation,
    )
