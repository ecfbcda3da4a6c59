"""A work report rendered from a dataset: the report's figures, from the records.

A report is its claims (:mod:`villagemodel.claims`), each a sentence with one
figure. :func:`build_report` takes each claim in the report's order and
writes its sentence with the figure computed from the dataset's records
(:mod:`villagemodel.metrics`), in the report's own phrasing: 万元 for large
sums, and approximate words ("余", "突破") only where the figure cannot be
computed and the report's own words are all there is. A percentage computed
with more decimals than the report writes is rounded half up to as many as
it writes. Each line says where its figure comes from (the records, or the
report's text) and whether the records bear out the report.

>>> from villagemodel import datasets
>>> from villagemodel.claims import load_claims
>>> report = build_report(datasets.load("lingyun-2022-synthetic"), load_claims("lingyun-2022"))
>>> line = report.line("income-total")
>>> line.text_zh, line.source
('2022年,帮扶的6个村集体经济收入总量为90.2万元', 'data')
>>> report.line("income-other-four").text_zh
'其他4村均突破11万元（初化村11.5万元、后龙村11.66万元、那留村11.59万元、腰马村11.06万元）'
>>> source_only = build_report(datasets.load("lingyun-2022"), load_claims("lingyun-2022"))
>>> source_only.line("income-total").source, source_only.line("income-taohua").source
('report', 'data')
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import attrs

from villagemodel.claims import (
    Claim,
    ClaimCheck,
    ClaimSet,
    Quantifier,
    Verdict,
    check_claim,
    metric_value,
    records_cover,
    value_text,
)
from villagemodel.dataset import Dataset
from villagemodel.explain import Lang
from villagemodel.ids import VillageId
from villagemodel.metrics import Subject
from villagemodel.quantities import Percentage, PercentagePoints

__all__ = ["Report", "ReportLine", "build_report"]

Source = Literal["data", "report"]


@attrs.frozen(kw_only=True)
class ReportLine:
    """One sentence of the report, with its figure from the records or the report."""

    claim: Claim
    text_zh: str
    text_en: str
    source: Source
    check: ClaimCheck

    def text(self, lang: Lang) -> str:
        return self.text_zh if lang == "zh" else self.text_en

    def to_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim.id,
            "section": self.claim.section,
            "text_zh": self.text_zh,
            "text_en": self.text_en,
            "figure_from": self.source,
            "stated": self.claim.stated,
            "verdict": self.check.verdict.code,
            "derivations": [v.derivation.to_json() for v in self.check.values],
        }


@attrs.frozen(kw_only=True)
class Report:
    """The report's sentences in order, grouped by section."""

    dataset: str
    claims: ClaimSet
    synthetic: bool
    lines: tuple[ReportLine, ...]

    def line(self, claim_id: str) -> ReportLine:
        """The line of the claim ``claim_id``."""
        for line in self.lines:
            if line.claim.id == claim_id:
                return line
        self.claims.by_id(claim_id)  # raises for an unknown id
        raise AssertionError("every claim has a line")  # pragma: no cover

    def sections(self) -> Iterator[tuple[str, tuple[ReportLine, ...]]]:
        """Each section's title and lines, in the report's order."""
        order: list[str] = []
        grouped: dict[str, list[ReportLine]] = {}
        for line in self.lines:
            if line.claim.section not in grouped:
                order.append(line.claim.section)
                grouped[line.claim.section] = []
            grouped[line.claim.section].append(line)
        for section in order:
            yield section, tuple(grouped[section])

    def to_text(self, lang: Lang = "zh") -> str:
        """The report as text: a heading, then each section's sentences."""
        zh = lang == "zh"
        title = self.claims.title_zh if zh else self.claims.title
        out = [title, "=" * min(len(title) * (2 if zh else 1), 72)]
        out.append(
            (f"数据集：{self.dataset}" if zh else f"dataset: {self.dataset}")
            + (("（虚构的示例数据）" if zh else " (synthetic records)") if self.synthetic else "")
        )
        from_data = sum(1 for line in self.lines if line.source == "data")
        out.append(
            f"{len(self.lines)}个数字中{from_data}个由记录算出，其余照录报告原文"
            if zh
            else f"{from_data} of {len(self.lines)} figures computed from the records; "
            "the others as the report states them"
        )
        for section, lines in self.sections():
            out.append("")
            out.append(section)
            for line in lines:
                mark = ""
                if line.source == "report":
                    mark = "［原文］" if zh else " [as stated]"
                elif line.check.verdict is Verdict.CONTRADICTED:
                    mark = "［与报告不符］" if zh else " [differs from the report]"
                sentence = line.text(lang)
                out.append(
                    f"  - {sentence}{mark}"
                    if zh
                    else f"  - {sentence[:1].upper()}{sentence[1:]}.{mark}"
                )
        return "\n".join(out)

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "synthetic": self.synthetic,
            "claims": self.claims.name,
            "title": self.claims.title,
            "title_zh": self.claims.title_zh,
            "as_of": self.claims.as_of.isoformat(),
            "lines": [line.to_json() for line in self.lines],
        }


def _as_stated(value: object, claim: Claim) -> object:
    """A percentage (or percentage points) with more decimals than the report
    writes, rounded half up to as many as it writes ("12.76%" for 12.7619...%)."""
    if isinstance(value, Percentage | PercentagePoints):
        _, _, places = claim.quantity.number.partition(".")
        exponent = value.value.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > len(places):
            return value.rounded(len(places))
    return value


def _line(claim: Claim, dataset: Dataset) -> ReportLine:
    check = check_claim(claim, dataset)
    stated = ReportLine(
        claim=claim,
        text_zh=claim.text("zh"),
        text_en=claim.text("en"),
        source="report",
        check=check,
    )
    if claim.is_stated_only or not records_cover(dataset, claim.metric, claim.options_dict):
        return stated
    if claim.quantifier is Quantifier.EACH:
        pairs = []
        for village_id in claim.subject.resolve(dataset):
            value, _ = metric_value(claim, dataset, Subject.villages(village_id))
            if value is None:
                return stated
            pairs.append((dataset.village(VillageId(village_id)).name, value))
        zh = "、".join(f"{name}{value_text(value, claim.unit, 'zh')}" for name, value in pairs)
        en = ", ".join(f"{name} {value_text(value, claim.unit, 'en')}" for name, value in pairs)
        return attrs.evolve(
            stated,
            text_zh=f"{claim.text('zh')}（{zh}）",
            text_en=f"{claim.text('en')} ({en})",
            source="data",
        )
    if claim.compared_with is not None and check.verdict is Verdict.UNDETERMINED:
        return stated
    value, _ = metric_value(claim, dataset, claim.subject)
    if value is None:
        return stated
    value = _as_stated(value, claim)
    return attrs.evolve(
        stated, text_zh=claim.render(value, "zh"), text_en=claim.render(value, "en"), source="data"
    )


def build_report(
    dataset: Dataset, claims: ClaimSet, *, name: str | None = None, synthetic: bool = False
) -> Report:
    """The report of ``claims`` with its figures computed from ``dataset``.

    A figure comes from the records when they hold what its metric counts
    (and, for a figure about each village, every village's value); otherwise
    the line keeps the report's own words and says so.
    """
    return Report(
        dataset=name or dataset.name or "dataset",
        claims=claims,
        synthetic=synthetic or bool(dataset.name and "synthetic" in dataset.name),
        lines=tuple(_line(claim, dataset) for claim in claims),
    )
