"""Explanations: how a rule reached its result, in Chinese, English and JSON.

Every rule returns a result carrying an :class:`Explanation`: the rule's
name, the outcome, the branch of the rule that applied, the inputs it read,
the parameters it used (each with its value, jurisdiction, start date and
source) and the comparisons it made with their truth values. Explanations
nest: a rating across several branches holds one part per branch.

>>> import datetime
>>> from villagemodel import Money
>>> from villagemodel.parameters import ParameterSet
>>> params = ParameterSet.default()
>>> grades = params.lookup("guarantees.housing_safe_grades", "CN", datetime.date(2023, 1, 1))
>>> why = Explanation(
...     rule="example.rule", title_en="An example", title_zh="示例",
...     outcome_en="safe", outcome_zh="安全", branch_en="grade is A or B", branch_zh="等级为A或B",
...     inputs=(Fact(label_en="housing grade", label_zh="住房等级", value="B"),),
...     parameters=(grades,),
...     comparisons=(Comparison.of("income", "收入", Money(7000), Operator.GE, Money(6000)),),
... )
>>> print(why.to_text("en"))  # doctest: +ELLIPSIS
An example [example.rule]: safe
  because: grade is A or B
  inputs:
    housing grade: B
  parameters:
    guarantees.housing_safe_grades = A, B (CN; from 2021-01-01; confidence medium); source: ...
  comparisons:
    income: 7,000 yuan ≥ 6,000 yuan: true
>>> why.to_json()["comparisons"][0]["holds"]
True
"""

from __future__ import annotations

import datetime
import enum
import operator
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, Literal

import attrs

from villagemodel._numbers import plain
from villagemodel.labels import LabelledEnum
from villagemodel.money import Money
from villagemodel.parameters import ResolvedParameter
from villagemodel.quantities import Count, Percentage, PercentagePoints, Quantity, Rate

__all__ = ["Comparison", "Explanation", "Fact", "Lang", "Operator", "display", "to_plain"]

Lang = Literal["en", "zh"]


class Operator(LabelledEnum):
    """A comparison operator, with its symbol and its words."""

    LT = ("<", "小于", "less than")
    LE = ("≤", "不超过", "at most")
    GT = (">", "超过", "more than")
    GE = ("≥", "不低于", "at least")
    EQ = ("=", "等于", "equal to")
    NE = ("≠", "不等于", "not equal to")

    @property
    def symbol(self) -> str:
        return str(self.value)

    def apply(self, left: Any, right: Any) -> bool:
        """Compare ``left`` with ``right``; the operands' own types decide
        what may be compared (money with money, and so on)."""
        return bool(_OPERATIONS[self](left, right))


_OPERATIONS: Final[dict[Operator, Callable[[Any, Any], Any]]] = {
    Operator.LT: operator.lt,
    Operator.LE: operator.le,
    Operator.GT: operator.gt,
    Operator.GE: operator.ge,
    Operator.EQ: operator.eq,
    Operator.NE: operator.ne,
}


def display(value: object, lang: Lang) -> str:
    """A value as a reader of ``lang`` would write it.

    >>> display(Money(227000), "zh"), display(Money(227000), "en")
    ('22.7万元', '227,000 yuan')
    >>> display(datetime.date(2023, 4, 18), "zh"), display(True, "zh")
    ('2023年4月18日', '是')
    """
    zh = lang == "zh"
    if value is None:
        return "无" if zh else "none"
    if isinstance(value, bool):
        return ("是" if value else "否") if zh else ("yes" if value else "no")
    if isinstance(value, Money | Percentage | PercentagePoints | Count | Quantity) or (
        hasattr(value, "format_zh") and hasattr(value, "format_en")
    ):
        return str(value.format_zh() if zh else value.format_en())
    if isinstance(value, Rate):
        return str(value.value)
    if isinstance(value, LabelledEnum):
        return value.zh if zh else value.en
    if isinstance(value, enum.Enum):
        return str(value.name)
    if isinstance(value, datetime.date):
        return f"{value.year}年{value.month}月{value.day}日" if zh else value.isoformat()
    if isinstance(value, Decimal):
        return str(plain(value))
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, tuple | list | frozenset | set):
        return ("、" if zh else ", ").join(display(item, lang) for item in value)
    return str(value)


def to_plain(value: object) -> object:
    """A value as JSON-ready plain data: money and decimals as strings, dates
    in ISO form, enums as their codes, fractions as ``"2/3"``."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if hasattr(value, "to_plain"):
        return value.to_plain()
    if isinstance(value, Money):
        return str(value.yuan)
    if isinstance(value, Percentage | PercentagePoints):
        return str(value.value)
    if isinstance(value, Count):
        return value.value
    if isinstance(value, Quantity):
        return {"amount": str(value.amount), "unit": value.unit.code}
    if isinstance(value, Rate | Fraction):
        return str(value.value if isinstance(value, Rate) else value)
    if isinstance(value, enum.Enum):
        return value.value if isinstance(value, LabelledEnum) else value.name.lower()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | list | frozenset | set):
        return [to_plain(item) for item in value]
    return str(value)


@attrs.frozen(kw_only=True)
class Fact:
    """One input a rule read, with its label in both languages."""

    label_en: str
    label_zh: str
    value: object

    def to_json(self) -> dict[str, Any]:
        return {
            "label_en": self.label_en,
            "label_zh": self.label_zh,
            "value": to_plain(self.value),
            "display_en": display(self.value, "en"),
            "display_zh": display(self.value, "zh"),
        }


@attrs.frozen(kw_only=True)
class Comparison:
    """One comparison a rule made, and whether it held."""

    label_en: str
    label_zh: str
    left: object
    operator: Operator
    right: object
    holds: bool

    @classmethod
    def of(
        cls, label_en: str, label_zh: str, left: object, op: Operator, right: object
    ) -> Comparison:
        """Make the comparison and record its result."""
        return cls(
            label_en=label_en,
            label_zh=label_zh,
            left=left,
            operator=op,
            right=right,
            holds=op.apply(left, right),
        )

    def to_text(self, lang: Lang) -> str:
        label = self.label_zh if lang == "zh" else self.label_en
        truth = ("成立" if self.holds else "不成立") if lang == "zh" else str(self.holds).lower()
        left, right = display(self.left, lang), display(self.right, lang)
        return f"{label}: {left} {self.operator.symbol} {right}: {truth}"

    def to_json(self) -> dict[str, Any]:
        return {
            "label_en": self.label_en,
            "label_zh": self.label_zh,
            "left": to_plain(self.left),
            "operator": self.operator.symbol,
            "right": to_plain(self.right),
            "holds": self.holds,
        }


def _parameter_text(found: ResolvedParameter, lang: Lang) -> str:
    zh = lang == "zh"
    flags = [
        found.jurisdiction.path,
        ("自" if zh else "from ") + found.effective_from.isoformat() + ("起" if zh else ""),
    ]
    if found.example:
        flags.append("示例值" if zh else "EXAMPLE value")
    flags.append(("可信度" if zh else "confidence ") + str(found.confidence.value))
    source = ("来源：" if zh else "source: ") + found.source.cite()
    return f"{found.name} = {display(found.value, lang)} ({'; '.join(flags)}); {source}"


def _parameter_json(found: ResolvedParameter) -> dict[str, Any]:
    return {
        "name": found.name,
        "value": to_plain(found.value),
        "unit": found.unit,
        "jurisdiction": found.jurisdiction.path,
        "requested_for": found.requested_for.path,
        "on": found.on.isoformat(),
        "effective_from": found.effective_from.isoformat(),
        "example": found.example,
        "confidence": found.confidence.value,
        "source": {
            "title": found.source.title,
            "issuer": found.source.issuer,
            "date": found.source.date.isoformat() if found.source.date else None,
            "url": found.source.url,
            "reference": found.source.reference,
        },
        "note": found.note,
    }


@attrs.frozen(kw_only=True)
class Explanation:
    """How a rule reached its result."""

    rule: str
    title_en: str
    title_zh: str
    outcome_en: str
    outcome_zh: str
    branch_en: str
    branch_zh: str
    inputs: tuple[Fact, ...] = ()
    parameters: tuple[ResolvedParameter, ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    parts: tuple[Explanation, ...] = ()

    def walk(self) -> Iterator[Explanation]:
        """This explanation and every part under it, depth first."""
        yield self
        for part in self.parts:
            yield from part.walk()

    def parameter_names(self) -> frozenset[str]:
        """The names of every parameter read, here and in the parts."""
        return frozenset(p.name for node in self.walk() for p in node.parameters)

    def to_text(self, lang: Lang = "en", *, indent: int = 0) -> str:
        """The explanation as indented text in ``lang`` (``"en"`` or ``"zh"``)."""
        zh = lang == "zh"
        pad = " " * indent
        title, outcome = (
            (self.title_zh, self.outcome_zh) if zh else (self.title_en, self.outcome_en)
        )
        lines = [f"{pad}{title} [{self.rule}]: {outcome}"]
        lines.append(
            f"{pad}  {'依据' if zh else 'because'}: {self.branch_zh if zh else self.branch_en}"
        )
        if self.inputs:
            lines.append(f"{pad}  {'输入' if zh else 'inputs'}:")
            for fact in self.inputs:
                label = fact.label_zh if zh else fact.label_en
                lines.append(f"{pad}    {label}: {display(fact.value, lang)}")
        if self.parameters:
            lines.append(f"{pad}  {'参数' if zh else 'parameters'}:")
            lines.extend(f"{pad}    {_parameter_text(p, lang)}" for p in self.parameters)
        if self.comparisons:
            lines.append(f"{pad}  {'比较' if zh else 'comparisons'}:")
            lines.extend(f"{pad}    {c.to_text(lang)}" for c in self.comparisons)
        for part in self.parts:
            lines.append(part.to_text(lang, indent=indent + 2))
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """The explanation as JSON-ready plain data."""
        return {
            "rule": self.rule,
            "title_en": self.title_en,
            "title_zh": self.title_zh,
            "outcome_en": self.outcome_en,
            "outcome_zh": self.outcome_zh,
            "branch_en": self.branch_en,
            "branch_zh": self.branch_zh,
            "inputs": [fact.to_json() for fact in self.inputs],
            "parameters": [_parameter_json(p) for p in self.parameters],
            "comparisons": [c.to_json() for c in self.comparisons],
            "parts": [part.to_json() for part in self.parts],
        }
