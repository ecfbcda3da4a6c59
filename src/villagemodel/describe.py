"""A plain-text overview of a dataset: its places, branches, teams and industries.

>>> from villagemodel import datasets
>>> text = describe(datasets.load("lingyun-2022"), lang="en")
>>> print(text.splitlines()[0])
Guangxi Zhuang Autonomous Region > Baise > Lingyun
>>> "Taohua: meat pigeons, e-commerce (live-stream selling)" in text
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from villagemodel.dataset import Dataset
from villagemodel.places import Village

__all__ = ["describe"]

Lang = Literal["zh", "en"]


def _name(record: object, lang: Lang) -> str:
    zh: str = getattr(record, "name")  # noqa: B009 - every place record has a name
    en: str | None = getattr(record, "name_en", None)
    return en if lang == "en" and en else zh


def _village_lines(dataset: Dataset, village: Village, lang: Lang) -> Iterable[str]:
    en = lang == "en"
    colon = ": " if en else "："
    industries = dataset.industries_of(village.id)
    kinds = [i.name or (i.kind.en if en else i.kind.zh) for i in industries]
    head = _name(village, lang)
    if kinds:
        head += colon + (", " if en else "、").join(kinds)
    yield f"    {head}"
    for hamlet in dataset.hamlets_in(village.id):
        yield f"      {'hamlet' if en else '屯'}{colon}{_name(hamlet, lang)}"
    for branch in dataset.branches_of(village.id):
        shown = ", ".join(
            f"{r.year}: {r.rating.en if en else r.rating.zh}" for r in dataset.ratings_of(branch.id)
        )
        label = "Party branch" if en else "党支部"
        yield f"      {label}{colon}{branch.name}" + (f" ({shown})" if shown else "")
    for team in dataset.work_teams_in(village.id):
        unit = dataset.supporting_unit(team.unit_id)
        label = "work team from" if en else "驻村工作队派出单位"
        yield f"      {label}{colon}{_name(unit, lang)}"
    for income in dataset.collective_incomes_of(village.id):
        if en:
            yield f"      collective income {income.year}: {income.amount.format_en()}"
        else:
            yield f"      {income.year}年集体经济收入：{income.amount.format_zh()}"
    for award in dataset.awards_of(village.id):
        label = "award" if en else "荣誉"
        yield f"      {label}{colon}{award.year} {award.name}"


def describe(dataset: Dataset, *, lang: Lang = "zh") -> str:
    """The dataset's places as an indented tree, each village with what the
    dataset records of it: industries, hamlets, branch and ratings, work
    team, collective income, awards."""
    lines: list[str] = []
    for county in dataset.counties:
        city = dataset.city(county.city_id)
        region = dataset.region(city.region_id)
        lines.append(" > ".join(_name(place, lang) for place in (region, city, county)))
        for township in dataset.townships_in(county.id):
            kind = township.kind.en if lang == "en" else township.kind.zh
            lines.append(f"  {_name(township, lang)} ({kind})")
            for village in dataset.villages_in(township.id):
                lines.extend(_village_lines(dataset, village, lang))
    counted = [f"{name} {len(rows)}" for name, rows in dataset.tables().items() if rows]
    lines.append("")
    lines.append(("records: " if lang == "en" else "记录：") + ", ".join(counted))
    return "\n".join(lines)
