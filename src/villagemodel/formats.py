"""Whole datasets in data files: JSON, YAML, TOML and a folder of CSV files.

:func:`load_dataset` reads a :class:`~villagemodel.Dataset` from a file or a
folder and :func:`save_dataset` writes one; the format follows the suffix
(``.json``, ``.yaml`` or ``.yml``, ``.toml``) or, for a folder, is CSV: one
file per table, named after the table (``villages.csv``,
``households.csv``). Every format goes through the one strict converter of
:mod:`villagemodel.serialize`, so a round trip is exact and nothing is
coerced: a float amount, a YAML ``yes`` for a flag or ``12.5`` in a count are
refused, not rounded or guessed.

A file that cannot be loaded raises :class:`DataFileError` listing *every*
problem, each naming the file, the line (CSV rows, YAML records) or the
record path (``households[3].village_id``) and the bad value. The loader
never returns a half-built dataset.

>>> text = '''
... regions:
...   - {id: gx, name: 广西壮族自治区, kind: autonomous_region}
... cities:
...   - {id: bs, name: 百色市, region_id: gx}
... counties:
...   - {id: ly, name: 凌云县, city_id: bs}
... townships:
...   - {id: sc, name: 泗城镇, county_id: ly, kind: 镇}
... villages:
...   - {id: ym, name: 腰马村, township_id: sc}
... collective_incomes:
...   - {village_id: ym, year: 2022, amount: "112000"}
... '''
>>> ds = dataset_from_text(text, "yaml")
>>> ds.collective_income(ds.villages[0].id, 2022).format_zh()
'11.2万元'
>>> dataset_from_text(text.replace('"112000"', "11.2万元"), "yaml", file="county.yaml")
Traceback (most recent call last):
...
villagemodel.formats.DataFileError: county.yaml:13: collective_incomes[0].amount: a Chinese amount; write it in yuan as a plain number ('112000'), or in a CSV file declare the column amount[zh] (got '11.2万元')

:func:`dataset_schema` gives the JSON Schema of the document format; the
same schema ships in the package as ``data/schema/dataset.schema.json``.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import math
import re
import tomllib
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, Literal, get_args, get_origin, get_type_hints

import attrs
import tomli_w
import yaml

from villagemodel._numbers import EXACT, plain_text
from villagemodel.dataset import TABLES, Dataset, Table
from villagemodel.errors import DatasetValidationError, InvalidValueError, Problem
from villagemodel.labels import LabelledEnum
from villagemodel.money import Money
from villagemodel.quantities import Count, Percentage, PercentagePoints, Quantity, Unit
from villagemodel.serialize import dataset_from_data, dataset_to_data

__all__ = [
    "CSV_HEADER_ALIASES",
    "DATASET_CSV",
    "SCHEMA_RESOURCE",
    "DataFileError",
    "FileProblem",
    "Format",
    "csv_columns",
    "csv_reference_markdown",
    "dataset_from_text",
    "dataset_schema",
    "dataset_to_text",
    "load_dataset",
    "save_dataset",
]

Format = Literal["json", "yaml", "toml", "csv"]
"""The formats of a dataset: one file (JSON, YAML, TOML) or a folder of CSV files."""

_SUFFIXES: Final[Mapping[str, Format]] = {
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".toml": "toml",
}

DATASET_CSV: Final = "dataset.csv"
"""The optional file of a CSV folder holding the dataset's ``name`` (one row)."""

SCHEMA_RESOURCE: Final = "data/schema/dataset.schema.json"
"""Where the JSON Schema ships inside the package (``importlib.resources``)."""


# -- errors -------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class FileProblem(Problem):
    """A :class:`~villagemodel.errors.Problem` found in a data file.

    ``file`` names the file, ``line`` the line in it when known (a CSV row,
    the header being line 1; a YAML record or field), ``path`` the record
    and field (``households[3].village_id``; empty for a problem of the
    file as a whole) and ``value`` what was found there.

    >>> print(FileProblem(file="households.csv", line=5, path="households[3].year",
    ...                   value="12.5", message="expected a whole number"))
    households.csv:5: households[3].year: expected a whole number (got '12.5')
    >>> print(FileProblem(file="villages.csv", line=2, path="", value=None,
    ...                   message="not UTF-8 text"))
    villages.csv:2: not UTF-8 text
    """

    file: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        if self.value is None:
            return text
        return f"{text} (got {_show(self.value)})"


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


class DataFileError(DatasetValidationError):
    """A data file or folder could not be loaded (or written).

    ``problems`` lists every :class:`FileProblem` found, in file and line
    order; ``source`` is the file or folder given. A single problem (a file
    that is not valid at all: truncated, not UTF-8, missing a column) reads
    as one line naming the file.
    """

    problems: Sequence[FileProblem]

    def __init__(self, problems: Iterable[FileProblem], *, source: str) -> None:
        items = tuple(problems)
        super().__init__(items)
        self.problems = items
        self.source = source
        if len(items) == 1:
            message = str(items[0])
        else:
            lines = [f"{len(items)} problems in {source}:", *(f"  {p}" for p in items)]
            message = "\n".join(lines)
        self.args = (message,)

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[Any, ...]:
        return (_data_file_error, (self.problems, self.source))


def _data_file_error(problems: Sequence[FileProblem], source: str) -> DataFileError:
    return DataFileError(problems, source=source)


def _fail(
    file: str, message: str, *, line: int | None = None, value: object = None
) -> DataFileError:
    return DataFileError(
        [FileProblem(file=file, line=line, path="", value=value, message=message)], source=file
    )


# -- the model's fields, by kind ----------------------------------------------

_Kind = Literal["text", "int", "bool", "money", "decimal", "quantity", "ids", "parts", "group"]


def _unwrap_optional(hint: Any) -> tuple[Any, bool]:
    """The type inside ``X | None`` and whether None was allowed."""
    origin = get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        args = [arg for arg in get_args(hint) if arg is not type(None)]
        if len(args) == 1:
            return args[0], True
    return hint, False


def _base(hint: Any) -> Any:
    """A ``NewType`` id is its ``str``."""
    while hasattr(hint, "__supertype__"):
        hint = hint.__supertype__
    return hint


def _kind_of(hint: Any) -> _Kind:
    hint = _base(_unwrap_optional(hint)[0])
    if get_origin(hint) is tuple:
        return "ids"
    if hint is bool:
        return "bool"
    if hint is int or (isinstance(hint, type) and issubclass(hint, Count)):
        return "int"
    if hint is Money:
        return "money"
    if hint in (Decimal, Percentage, PercentagePoints):
        return "decimal"
    if hint is Quantity:
        return "quantity"
    if hint is str or hint is datetime.date or hint is Unit:
        return "text"
    if isinstance(hint, type) and issubclass(hint, LabelledEnum):
        return "text"
    if attrs.has(hint):
        fields = attrs.fields(hint)
        if len(fields) == 1 and get_origin(get_type_hints(hint)[fields[0].name]) is tuple:
            return "parts"
        return "group"
    raise TypeError(f"no CSV encoding for {hint!r}")  # pragma: no cover - caught by the tests


# -- CSV columns and their Chinese aliases -------------------------------------

_COMMON_ALIASES: Final[Mapping[str, tuple[str, ...]]] = {
    "id": ("编号",),
    "name": ("名称",),
    "name_en": ("英文名称",),
    "region_id": ("省区编号",),
    "city_id": ("市编号",),
    "county_id": ("县编号",),
    "township_id": ("乡镇编号",),
    "village_id": ("村编号",),
    "hamlet_id": ("屯编号",),
    "branch_id": ("支部编号",),
    "household_id": ("户编号",),
    "member_id": ("成员编号",),
    "unit_id": ("后盾单位编号",),
    "work_team_id": ("工作队编号",),
    "party_member_id": ("党员编号",),
    "fund_id": ("资金编号",),
    "project_id": ("项目编号",),
    "year": ("年度", "年份"),
    "kind": ("类型",),
    "amount": ("金额",),
    "started_on": ("开始日期",),
    "ended_on": ("结束日期",),
    "born_on": ("出生日期",),
}

_TABLE_ALIASES: Final[Mapping[str, Mapping[str, tuple[str, ...]]]] = {
    "regions": {"name": ("省区",)},
    "cities": {"name": ("市",)},
    "counties": {"name": ("县",)},
    "townships": {"name": ("乡镇",)},
    "villages": {"name": ("村名", "村")},
    "hamlets": {"name": ("屯名", "屯")},
    "grid_workers": {"name": ("网格员", "姓名")},
    "supporting_units": {"name": ("后盾单位", "单位名称")},
    "work_teams": {"started_on": ("进驻日期",), "ended_on": ("撤离日期",), "size": ("队员人数",)},
    "first_secretaries": {
        "name": ("姓名",),
        "started_on": ("任职日期",),
        "ended_on": ("离任日期",),
    },
    "branches": {
        "name": ("支部名称",),
        "established_on": ("成立日期",),
        "secretary_is_committee_head": ("书记主任一肩挑", "一肩挑"),
    },
    "branch_ratings": {"rating": ("星级",), "rated_on": ("评定日期",), "rubric": ("评分细则",)},
    "households": {"history": ("户类型",)},
    "members": {
        "relation": ("与户主关系",),
        "name": ("姓名",),
        "sex": ("性别",),
        "working_capacity": ("劳动能力",),
    },
    "party_members": {
        "status": ("党员类别",),
        "name": ("姓名",),
        "person_id": ("成员编号",),
        "joined_on": ("入党日期",),
    },
    "cadres": {
        "status": ("干部类别",),
        "post": ("职务",),
        "name": ("姓名",),
        "since": ("任职日期",),
        "until": ("离任日期",),
    },
    "industries": {
        "kind": ("产业类型",),
        "name": ("产业名称",),
        "operating_model": ("经营模式",),
    },
    "incomes": {"per_capita": ("人均纯收入", "人均可支配收入")},
    "monitoring": {
        "category": ("监测类型",),
        "identified_on": ("识别日期", "纳入监测日期"),
        "risk_eliminated_on": ("消除风险日期",),
    },
    "surveys": {
        "surveyed_on": ("走访日期", "调查日期"),
        "food_and_clothing_assured": ("不愁吃穿",),
        "out_of_school_member_ids": ("失学辍学成员",),
        "uninsured_member_ids": ("未参保成员",),
        "housing_grade": ("住房等级",),
        "water.litres_per_person_per_day": ("人均日用水量",),
        "water.piped_into_home": ("自来水入户",),
        "water.trip_minutes": ("取水往返时间",),
        "water.horizontal_distance_m": ("取水水平距离",),
        "water.vertical_distance_m": ("取水垂直距离",),
        "water.days_without_supply_per_year": ("年断水天数",),
    },
    "admissions": {"admitted_on": ("录取日期",)},
    "collective_incomes": {"amount": ("集体经济收入",)},
    "projects": {
        "kind": ("项目类型",),
        "quantity": ("工程量", "数量"),
        "name": ("项目名称",),
        "upgrade": ("改造",),
        "started_on": ("开工日期",),
        "completed_on": ("完工日期", "竣工日期"),
    },
    "funds": {
        "name": ("资金名称",),
        "source": ("资金来源", "来源"),
        "received_on": ("到位日期",),
        "provider": ("提供单位",),
    },
    "allocations": {"purpose": ("用途",), "allocated_on": ("拨付日期",)},
    "activities": {
        "kind": ("活动类型",),
        "village_ids": ("村编号",),
        "held_on": ("活动日期", "日期"),
        "attendance": ("参与人次",),
        "beneficiaries": ("受益人数",),
        "title": ("活动名称", "标题"),
        "organiser": ("主办单位",),
    },
    "meetings": {
        "kind": ("会议类型",),
        "held_on": ("会议日期", "日期"),
        "attendees": ("实到人数", "到会人数"),
        "members_due": ("应到人数",),
        "topic": ("议题", "主题"),
    },
    "awards": {
        "name": ("荣誉名称",),
        "competition": ("评比活动",),
        "conferred_by": ("授予单位",),
    },
    "disputes": {
        "mediated_on": ("调解日期",),
        "resolved": ("已化解", "是否化解"),
        "summary": ("简要情况", "摘要"),
    },
}


@attrs.frozen(kw_only=True)
class _Column:
    header: str  # "amount", "water.trip_minutes"
    field: str  # the record's field: "amount", "water"
    sub: str | None  # the nested record's field: "trip_minutes"
    kind: _Kind
    required: bool


def _columns_of(record: type[Any]) -> tuple[_Column, ...]:
    hints = get_type_hints(record)
    found: list[_Column] = []
    for field in attrs.fields(record):
        if not field.init:
            continue
        kind = _kind_of(hints[field.name])
        required = field.default is attrs.NOTHING
        if kind != "group":
            found.append(
                _Column(header=field.name, field=field.name, sub=None, kind=kind, required=required)
            )
            continue
        nested = _base(_unwrap_optional(hints[field.name])[0])
        nested_hints = get_type_hints(nested)
        for sub in attrs.fields(nested):
            found.append(
                _Column(
                    header=f"{field.name}.{sub.name}",
                    field=field.name,
                    sub=sub.name,
                    kind=_kind_of(nested_hints[sub.name]),
                    required=False,
                )
            )
    return tuple(found)


_COLUMNS: Final[Mapping[str, tuple[_Column, ...]]] = {
    table.name: _columns_of(table.record) for table in TABLES
}
_DATASET_COLUMNS: Final = (
    _Column(header="name", field="name", sub=None, kind="text", required=True),
)


def _aliases_for(table: str, columns: Sequence[_Column]) -> dict[str, tuple[str, ...]]:
    specific = _TABLE_ALIASES.get(table, {})
    result: dict[str, tuple[str, ...]] = {}
    for column in columns:
        names = specific.get(column.header, ()) + _COMMON_ALIASES.get(column.header, ())
        result[column.header] = tuple(dict.fromkeys(names))
    return result


CSV_HEADER_ALIASES: Final[Mapping[str, Mapping[str, tuple[str, ...]]]] = {
    **{table.name: _aliases_for(table.name, _COLUMNS[table.name]) for table in TABLES},
    "dataset": {"name": ("数据集名称", "名称")},
}
"""Chinese column headers accepted for each table, by English column.

The first alias is the one :func:`save_dataset` writes with
``headers="zh"``; ``"dataset"`` is the file ``dataset.csv``.

>>> CSV_HEADER_ALIASES["villages"]["name"]
('村名', '村', '名称')
>>> CSV_HEADER_ALIASES["collective_incomes"]["amount"]
('集体经济收入', '金额')
"""


def csv_columns(table: str) -> tuple[str, ...]:
    """The English column headers of a table's CSV file, in the order written.

    >>> csv_columns("villages")
    ('id', 'name', 'name_en', 'township_id')
    >>> csv_columns("surveys")[-3:]
    ('water.horizontal_distance_m', 'water.vertical_distance_m', 'water.days_without_supply_per_year')
    """
    if table == "dataset":
        return ("name",)
    try:
        return tuple(column.header for column in _COLUMNS[table])
    except KeyError:
        raise InvalidValueError("table", table, "not a table of a dataset") from None


def _holds(hint: Any) -> tuple[str, type[LabelledEnum] | None]:
    """What a column of this field holds, in words, and its codes if any."""
    inner = _unwrap_optional(hint)[0]
    base = _base(inner)
    if get_origin(base) is tuple:
        return "ids, separated by `;`", None
    if base is bool:
        return "flag", None
    if base is int or (isinstance(base, type) and issubclass(base, Count)):
        return "whole number", None
    if base is Money:
        return "money", None
    if base is Percentage:
        return "decimal (percent)", None
    if base is PercentagePoints:
        return "decimal (percentage points)", None
    if base is Decimal:
        return "decimal", None
    if base is Quantity:
        return "quantity", None
    if base is datetime.date:
        return "date", None
    if isinstance(base, type) and issubclass(base, LabelledEnum):
        return f"code (`{base.__name__}`)", base
    if base is str and inner is not str:
        return "id", None
    if base is str:
        return "text", None
    if attrs.has(base):
        return "parties joined by `+`", None
    raise TypeError(f"no CSV encoding for {hint!r}")  # pragma: no cover - caught by the tests


def csv_reference_markdown() -> str:
    """The columns of every table's CSV file, as Markdown.

    For each table its columns in the order written, what each holds (text,
    id, whole number, money, decimal, date, flag, code, ids, quantity),
    whether it is required, and its Chinese headers; then the codes of every
    code column. Generated from the loader's own tables of columns and
    aliases; the page ``docs/formats.md`` holds a copy, kept equal by a test.

    >>> text = csv_reference_markdown()
    >>> print(text[text.index("#### `regions.csv`") : text.index("#### `cities.csv`")])
    #### `regions.csv`
    <BLANKLINE>
    | column | holds | required | Chinese headers |
    |---|---|---|---|
    | `id` | id | yes | 编号 |
    | `name` | text | yes | 省区, 名称 |
    | `name_en` | text |  | 英文名称 |
    | `kind` | code (`RegionKind`) |  | 类型 |
    <BLANKLINE>
    <BLANKLINE>
    """
    parts = [
        "Generated by `villagemodel.formats.csv_reference_markdown()`. "
        "A column of codes takes the code, its Chinese label or its English label; "
        "the codes of each kind are listed after the tables, under Codes."
    ]
    codes: dict[str, type[LabelledEnum]] = {}
    for table in TABLES:
        hints = get_type_hints(table.record)
        aliases = CSV_HEADER_ALIASES[table.name]
        rows = ["| column | holds | required | Chinese headers |", "|---|---|---|---|"]
        for column in _COLUMNS[table.name]:
            hint = hints[column.field]
            if column.sub is not None:
                nested = _base(_unwrap_optional(hint)[0])
                hint = get_type_hints(nested)[column.sub]
            holds, kind = _holds(hint)
            if kind is not None:
                codes[kind.__name__] = kind
            required = "yes" if column.required else ""
            rows.append(
                f"| `{column.header}` | {holds} | {required} | {', '.join(aliases[column.header])} |"
            )
        parts += [f"#### `{table.name}.csv`", "\n".join(rows)]
    parts += [
        f"#### `{DATASET_CSV}`",
        "| column | holds | required | Chinese headers |\n|---|---|---|---|\n"
        f"| `name` | text | yes | {', '.join(CSV_HEADER_ALIASES['dataset']['name'])} |",
        "#### Codes",
        "\n".join(
            f"- `{name}`: " + ", ".join(f"`{m.code}` {m.zh}" for m in kind)
            for name, kind in sorted(codes.items())
        ),
    ]
    return "\n\n".join(parts) + "\n"


def _check_aliases() -> None:
    """Every header of a table, English or Chinese, names one column."""
    for table, aliases in CSV_HEADER_ALIASES.items():
        seen: dict[str, str] = {}
        for column, names in aliases.items():
            for name in (column, *names):
                if seen.setdefault(name, column) != column:  # pragma: no cover - a data error
                    raise AssertionError(f"{table}: header {name!r} names two columns")


_check_aliases()

_MONEY_FIELDS: Final[frozenset[tuple[str, str]]] = frozenset(
    (table, column.header)
    for table, columns in _COLUMNS.items()
    for column in columns
    if column.kind == "money"
)


# -- cells ----------------------------------------------------------------------

_DECIMAL_TEXT: Final = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_PLAIN_DECIMAL: Final = re.compile(rf"{_DECIMAL_TEXT}(?:[eE][+-]?[0-9]+)?")
_INT: Final = re.compile(r"-?[0-9]+")
_CHINESE_AMOUNT: Final = re.compile(
    rf"(?P<number>{_DECIMAL_TEXT})(?P<magnitude>[百千万亿])?(?P<yuan>元)?"
)
_MAGNITUDE: Final[Mapping[str | None, int]] = {None: 0, "百": 2, "千": 3, "万": 4, "亿": 8}
_APPROXIMATE: Final = re.compile(
    r"余|多|约|左右|上下|超过|突破|达到|不到|不足|不满|将近|近|逾|以上|以下|以内|几"
)
_QUANTITY: Final = re.compile(rf"(?P<amount>{_DECIMAL_TEXT}(?:[eE][+-]?[0-9]+)?) ?(?P<unit>\S+)")
_TRUE: Final = frozenset({"true", "是"})
_FALSE: Final = frozenset({"false", "否"})
_UNKNOWN: Final = "-"
_EMPTY_LIST: Final = "[]"

_MoneyUnit = Literal["yuan", "wan", "zh"]
_DECLARATIONS: Final[Mapping[str, _MoneyUnit]] = {
    "元": "yuan",
    "yuan": "yuan",
    "万元": "wan",
    "wan": "wan",
    "zh": "zh",
}


class _CellError(ValueError):
    """A cell that cannot be read; the message says why."""


def _is_approximate(text: str) -> bool:
    return bool(_APPROXIMATE.search(text)) and any(
        ch.isdigit() or ch in "十百千万亿" for ch in text
    )


_EXACT_ONLY: Final = "an approximate figure; a record must be exact: write the exact number"


def _chinese_amount(text: str) -> Money | None:
    """``12万``, ``12万元``, ``3.5千``, ``800元`` as exact money; None if not one."""
    match = _CHINESE_AMOUNT.fullmatch(text)
    if match is None or not (match["magnitude"] or match["yuan"]):
        return None
    shift = _MAGNITUDE[match["magnitude"]]
    return Money(Decimal(match["number"]).scaleb(shift, EXACT))


def _read_money(cell: str, unit: _MoneyUnit, header: str) -> str:
    if _is_approximate(cell):
        raise _CellError(_EXACT_ONLY)
    if unit == "wan":
        if not _PLAIN_DECIMAL.fullmatch(cell):
            raise _CellError(f"the column {header} holds 万元: write a plain number such as 22.7")
        return plain_text(Money.from_wan(cell).yuan)
    if _PLAIN_DECIMAL.fullmatch(cell):
        return cell
    chinese = _chinese_amount(cell)
    if chinese is None:
        raise _CellError("not an amount of money")
    if unit == "zh":
        return plain_text(chinese.yuan)
    raise _CellError(
        f"a Chinese amount in a column of yuan: write {chinese.yuan}, or declare the column "
        f"{header}[zh] (Chinese amounts) or {header}[万元] (numbers in 万元)"
    )


def _read_int(cell: str) -> int:
    if _INT.fullmatch(cell):
        return int(cell)
    if _is_approximate(cell):
        raise _CellError(_EXACT_ONLY)
    raise _CellError("expected a whole number")


def _read_bool(cell: str) -> bool:
    word = cell.lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise _CellError("expected true or false (or 是, 否)")


def _read_quantity(cell: str) -> dict[str, str]:
    if _is_approximate(cell):
        raise _CellError(_EXACT_ONLY)
    match = _QUANTITY.fullmatch(cell)
    if match is None:
        raise _CellError("expected an amount and a unit, such as '15 kilometre' or '15公里'")
    return {"amount": match["amount"], "unit": match["unit"]}


def _split_ids(cell: str) -> list[str]:
    """``a;b`` -> ``["a", "b"]``; ``\\;`` and ``\\\\`` escape; ``[]`` is the empty list."""
    if cell == _EMPTY_LIST:
        return []
    items: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for char in chars:
        if char == "\\":
            escaped = next(chars, None)
            if escaped is None:
                raise _CellError("a list cannot end with a lone backslash")
            current.append(escaped)
        elif char == ";":
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    items.append("".join(current).strip())
    if any(not item for item in items):
        raise _CellError("an empty item in a ';'-separated list (write [] for an empty list)")
    return items


def _join_ids(items: Sequence[str]) -> str:
    if not items:
        return _EMPTY_LIST
    text = ";".join(item.replace("\\", "\\\\").replace(";", "\\;") for item in items)
    return "\\" + text if text == _EMPTY_LIST else text


def _read_cell(cell: str, kind: _Kind, unit: _MoneyUnit, header: str) -> Any:
    if kind == "int":
        return _read_int(cell)
    if kind == "bool":
        return _read_bool(cell)
    if kind == "money":
        return _read_money(cell, unit, header)
    if kind == "quantity":
        return _read_quantity(cell)
    if kind == "ids":
        return _split_ids(cell)
    if kind == "parts":
        parts = [part.strip() for part in cell.split("+")]
        if any(not part for part in parts):
            raise _CellError("expected parties joined by '+', such as 党组织+公司+农户")
        return {"parts": parts}
    if kind == "decimal" and _is_approximate(cell):
        raise _CellError(_EXACT_ONLY)
    return cell


def _write_cell(value: Any, kind: _Kind) -> str:
    if value is None:
        return ""
    if kind == "bool":
        return "true" if value else "false"
    if kind == "quantity":
        return f"{value['amount']} {value['unit']}"
    if kind == "ids":
        return _join_ids(value)
    if kind == "parts":
        return "+".join(value["parts"])
    return str(value)


class _Unreadable:
    """Stands in for a cell that could not be read (already reported), so the
    record is refused as a whole and not reported again."""

    def __repr__(self) -> str:
        return "<unreadable cell>"


_UNREADABLE: Final = _Unreadable()


# -- reading -------------------------------------------------------------------


def _decode(raw: bytes, file: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        bad = raw[error.start : error.start + 2]
        raise _fail(
            file,
            "not UTF-8 text; save the file as UTF-8 (GBK and other encodings are not read)",
            line=line,
            value=bad,
        ) from None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise _fail(str(path), "no such file") from None
    except OSError as error:
        raise _fail(str(path), f"cannot read the file: {error.strerror or error}") from None


Locator = Callable[[str], tuple[str, int | None]]


@attrs.frozen(kw_only=True)
class _Parsed:
    """Plain data read from files, with what went wrong cell by cell."""

    data: dict[str, Any]
    problems: tuple[FileProblem, ...]
    locate: Locator
    source: str
    money_cells: Mapping[str, tuple[str, str]] = attrs.field(factory=dict)
    """Money cells of CSV files by path: the cell as written, and in yuan."""


def _build(parsed: _Parsed) -> Dataset:
    """The dataset, or every problem: those of the cells and those of the records."""
    problems = list(parsed.problems)
    reported = {p.path for p in problems if p.path}
    try:
        dataset = dataset_from_data(parsed.data)
    except DatasetValidationError as error:
        for problem in error.problems:
            if isinstance(problem.value, _Unreadable) or _under(problem.path, reported):
                continue
            file, line = parsed.locate(problem.path)
            found = _with_hint(problem, file, line, parsed.locate)
            if problem.path in parsed.money_cells:  # show the cell, not what it became
                cell, yuan = parsed.money_cells[problem.path]
                message = found.message if yuan == cell else f"{found.message}; read as {yuan} yuan"
                found = attrs.evolve(found, value=cell, message=message)
            problems.append(found)
    else:
        if not problems:
            return dataset
    problems.sort(key=lambda p: (p.file, p.line is not None, p.line or 0))
    raise DataFileError(problems, source=parsed.source)


def _under(path: str, reported: set[str]) -> bool:
    while path:
        if path in reported:
            return True
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return False


_RECORD_FIELD: Final = re.compile(r"(?P<table>\w+)\[\d+\]\.(?P<field>\w+)")


_RECORD_REFERENCE: Final = re.compile(r"\b[a-z_]+\[\d+\]")


def _with_hint(problem: Problem, file: str, line: int | None, locate: Locator) -> FileProblem:
    """The problem in a file, with a clearer word for Chinese or approximate amounts,
    and the line of every other record its message names (``first used by
    villages[0] (line 2)``)."""
    message = _RECORD_REFERENCE.sub(lambda m: _with_line(m[0], file, locate), problem.message)
    value = problem.value
    if isinstance(value, float) and not math.isfinite(value) and "float" in message:
        message = "not a finite number: write the exact amount"
    elif isinstance(value, str) and message == "not a decimal number":
        match = _RECORD_FIELD.fullmatch(problem.path)
        chinese = _chinese_amount(value)
        if _is_approximate(value):
            message = _EXACT_ONLY
        elif chinese is not None and match and (match["table"], match["field"]) in _MONEY_FIELDS:
            message = (
                f"a Chinese amount; write it in yuan as a plain number ({str(chinese.yuan)!r}), "
                f"or in a CSV file declare the column {match['field']}[zh]"
            )
    return FileProblem(file=file, line=line, path=problem.path, value=value, message=message)


def _with_line(record: str, file: str, locate: Locator) -> str:
    where, line = locate(record)
    if line is None:
        return record
    if where == file:
        return f"{record} (line {line})"
    return f"{record} ({Path(where).name}:{line})"


# .. JSON, YAML, TOML ...........................................................


def _parse_json(text: str, file: str) -> tuple[Any, list[FileProblem]]:
    twice: list[tuple[dict[str, Any], str]] = []  # each object with a key given twice

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                twice.append((result, key))
            result[key] = value
        return result

    def constant(name: str) -> Any:
        raise _NotJsonError(f"{name} is not a number")

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as error:
        raise _fail(
            file, f"not valid JSON: {error.msg} (column {error.colno})", line=error.lineno
        ) from None
    except _NotJsonError as error:
        raise _fail(file, f"not valid JSON: {error}") from None
    except RecursionError:
        raise _fail(file, f"not valid JSON: {_TOO_DEEP}") from None
    paths = _json_paths(data, "") if twice else {}
    duplicates = [
        FileProblem(
            file=file, path=paths.get(id(found), ""), value=key, message="a key given twice"
        )
        for found, key in twice
    ]
    return data, duplicates


def _json_paths(data: Any, path: str) -> dict[int, str]:
    """The path of every object in a JSON document, by ``id``."""
    found: dict[int, str] = {}
    if isinstance(data, dict):
        found[id(data)] = path
        for key, value in data.items():
            found.update(_json_paths(value, f"{path}.{key}" if path else key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            found.update(_json_paths(item, f"{path}[{i}]"))
    return found


class _NotJsonError(ValueError):
    """What strict JSON does not hold, though Python's reader accepts it."""


_SafeLoader: Final[type[yaml.SafeLoader]] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper: Final[type[yaml.SafeDumper]] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _StrictLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """PyYAML's safe loader, reading only ``true`` and ``false`` as flags and
    numbers in base 10 only.

    YAML 1.1 reads ``yes``, ``no``, ``on`` and ``off`` as booleans; here they
    stay strings, which a flag refuses, so ``Norway: no`` is never ``False``.
    It also reads ``010`` as 8 (octal), ``0b101`` as 5, ``0x10`` as 16,
    ``190:20:30`` as 685230 (base 60) and ``2_022`` as 2022; here a whole
    number is ``0`` or digits without a leading zero, and a float is digits
    with a point or an exponent (``1.5``, ``1e3``, ``.5``) or ``.inf``,
    ``.nan``. ``<<`` merges nothing: it is an ordinary key.
    """


_BOOL_TAG: Final = "tag:yaml.org,2002:bool"
_INT_TAG: Final = "tag:yaml.org,2002:int"
_FLOAT_TAG: Final = "tag:yaml.org,2002:float"
_MERGE_TAG: Final = "tag:yaml.org,2002:merge"
_STR_TAG: Final = "tag:yaml.org,2002:str"
_NULL_TAG: Final = "tag:yaml.org,2002:null"

_YAML_BASE_10_INT: Final = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_YAML_FLOAT: Final = re.compile(
    r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?[0-9]+[eE][-+]?[0-9]+"
    r"|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN))$"
)
_YAML_1_1_NUMBERS: Final = tuple(
    regexp
    for resolvers in _SafeLoader.yaml_implicit_resolvers.values()
    for tag, regexp in resolvers
    if tag in (_INT_TAG, _FLOAT_TAG)
)
"""What YAML 1.1 reads as a number: a plain scalar matching one of these but
read here as text is a number in another base, refused with its place."""

_StrictLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in (_BOOL_TAG, _INT_TAG, _FLOAT_TAG, _MERGE_TAG)
    ]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictLoader.add_implicit_resolver(_FLOAT_TAG, _YAML_FLOAT, list("-+.0123456789"))
_StrictLoader.add_implicit_resolver(_INT_TAG, _YAML_BASE_10_INT, list("-+0123456789"))


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    """A whole number in base 10 (PyYAML's own reads ``010`` as octal)."""
    value = str(loader.construct_scalar(node))
    if not _YAML_BASE_10_INT.fullmatch(value):
        raise yaml.constructor.ConstructorError(
            None, None, f"{value!r} is not a whole number in base 10", node.start_mark
        )
    return int(value)


def _construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    value = str(loader.construct_scalar(node))
    if not _YAML_FLOAT.fullmatch(value):
        raise yaml.constructor.ConstructorError(
            None, None, f"{value!r} is not a number in base 10", node.start_mark
        )
    return float(yaml.SafeLoader.construct_yaml_float(loader, node))


_StrictLoader.add_constructor(_INT_TAG, _construct_int)
_StrictLoader.add_constructor(_FLOAT_TAG, _construct_float)

_YAML_MAX_DEPTH: Final = 64
"""Deeper than any dataset (a document, a table, a record, a nested record,
a quantity). The pass over the events that looks for anchors refuses a
deeper document; otherwise the parser's own limit, or Python's, refuses it."""

_NO_ALIASES: Final = "anchors and aliases are not read: write each record out"
_EMPTY: Final = "an empty file: expected a mapping of tables"
_NULL: Final = "the document is null: expected a mapping of tables"
_TOO_DEEP: Final = "nested too deeply"
_OTHER_BASE: Final = (
    "numbers are read in base 10 only: YAML 1.1 reads this as a number in another base "
    "(or with '_' or ':'); write it as a plain base-10 number, or quote it to keep it as text"
)


def _check_yaml_events(text: str, file: str) -> None:
    """Refuse anchors, aliases and deep nesting before any node is built.

    An alias repeats a node, so a few lines can stand for billions of
    records, or for a list that holds itself; records are written out.
    """
    loader = _StrictLoader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = None if event.start_mark is None else event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise _fail(file, _NO_ALIASES, line=line)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > _YAML_MAX_DEPTH:
                    raise _fail(file, f"not valid YAML: {_TOO_DEEP}", line=line)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


def _yaml_lines(node: yaml.Node, path: str, lines: dict[str, int], file: str) -> list[FileProblem]:
    """Record the line of every path below ``node``; report keys given twice
    and numbers in other bases."""
    lines[path] = node.start_mark.line + 1
    problems: list[FileProblem] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else "?"
            if name in seen:
                problems.append(
                    FileProblem(
                        file=file,
                        line=key.start_mark.line + 1,
                        path=path,
                        value=name,
                        message="a key given twice",
                    )
                )
            seen.add(name)
            child = f"{path}.{name}" if path else str(name)
            problems.extend(_yaml_lines(value, child, lines, file))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            problems.extend(_yaml_lines(item, f"{path}[{i}]", lines, file))
    elif (
        isinstance(node, yaml.ScalarNode)
        and not node.style  # plain: not quoted, not a block
        and node.tag == _STR_TAG
        and any(number.match(node.value) for number in _YAML_1_1_NUMBERS)
    ):
        problems.append(
            FileProblem(
                file=file, line=lines[path], path=path, value=node.value, message=_OTHER_BASE
            )
        )
    return problems


def _parse_yaml(text: str, file: str) -> tuple[Any, list[FileProblem], dict[str, int]]:
    lines: dict[str, int] = {}
    try:
        if "&" in text or "*" in text:  # no anchor nor alias can be written without them
            _check_yaml_events(text, file)
        loader = _StrictLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise _fail(file, _EMPTY)
            if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
                raise _fail(file, _NULL)
            problems = _yaml_lines(node, "", lines, file)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = error.problem or error.context or "cannot be read"
        raise _fail(
            file, f"not valid YAML: {reason}", line=None if mark is None else mark.line + 1
        ) from None
    except yaml.YAMLError as error:
        raise _fail(file, f"not valid YAML: {error}") from None
    except RecursionError:
        raise _fail(file, f"not valid YAML: {_TOO_DEEP}") from None
    return data, problems, lines


_TOML_WHERE: Final = re.compile(r"\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)$")


def _parse_toml(text: str, file: str) -> Any:
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise _fail(file, f"not valid TOML: {_TOO_DEEP}") from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        where = _TOML_WHERE.search(message)
        line = int(where["line"]) if where else None
        if where:
            message = f"{message[: where.start()]} (column {where['column']})"
        raise _fail(file, f"not valid TOML: {message}", line=line) from None
    if not data:  # TOML has no empty table at the top: an empty document is an empty file
        raise _fail(file, _EMPTY)
    return data


def _parse_text(text: str, fmt: Format, file: str) -> _Parsed:
    lines: dict[str, int] = {}
    problems: list[FileProblem] = []
    if fmt not in ("json", "yaml", "toml"):
        raise InvalidValueError("format", fmt, "expected json, yaml or toml")
    if not text.strip():
        raise _fail(file, _EMPTY)
    if fmt == "json":
        data, problems = _parse_json(text, file)
    elif fmt == "yaml":
        data, problems, lines = _parse_yaml(text, file)
    else:
        data = _parse_toml(text, file)
    if data is None:
        raise _fail(file, _NULL)

    def locate(path: str) -> tuple[str, int | None]:
        while path:
            if path in lines:
                return file, lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return file, None

    return _Parsed(data=data, problems=tuple(problems), locate=locate, source=file)


def dataset_from_text(text: str, format: Format, *, file: str = "<text>") -> Dataset:
    """A dataset from the text of a JSON, YAML or TOML document.

    ``file`` names the text in error messages. Raises :class:`DataFileError`
    with every problem.

    >>> dataset_from_text('{"regions": [{"id": "gx", "name": "广西", "kind": "yes"}]}', "json")
    Traceback (most recent call last):
    ...
    villagemodel.formats.DataFileError: <text>: regions[0].kind: not one of: province, autonomous_region, municipality (got 'yes')
    """
    if format == "csv":
        raise InvalidValueError("format", format, "CSV is a folder of files: use load_dataset")
    return _build(_parse_text(text, format, file))


# .. CSV ...........................................................................


@attrs.frozen(kw_only=True)
class _Header:
    columns: tuple[tuple[int, _Column, _MoneyUnit, str], ...]  # index, column, unit, as written


_HEADER: Final = re.compile(r"(?P<name>[^\[\]]+?)\s*(?:\[(?P<declared>[^\[\]]*)\])?")


def _read_header(
    cells: Sequence[str], table: str, columns: Sequence[_Column], file: str
) -> tuple[_Header, list[FileProblem]]:
    aliases = CSV_HEADER_ALIASES[table]
    by_name: dict[str, _Column] = {}
    for column in columns:
        by_name[column.header] = column
        for alias in aliases.get(column.header, ()):
            by_name[alias] = column
    problems: list[FileProblem] = []
    taken: dict[str, str] = {}
    found: list[tuple[int, _Column, _MoneyUnit, str]] = []

    def problem(value: str, message: str) -> None:
        problems.append(FileProblem(file=file, line=1, path="", value=value, message=message))

    for index, raw in enumerate(cells):
        match = _HEADER.fullmatch(raw.strip())
        found_column = by_name.get(match["name"]) if match else None
        if match is None or found_column is None:
            problem(
                raw,
                f"unknown column for {table}; the columns are: {', '.join(c.header for c in columns)}"
                " (or their Chinese names)",
            )
            continue
        column = found_column
        if column.header in taken:
            problem(
                raw, f"the column {column.header} is given twice (also as {taken[column.header]!r})"
            )
            continue
        taken[column.header] = raw
        unit: _MoneyUnit = "yuan"
        declared = match["declared"]
        if declared is not None:
            if column.kind != "money":
                problem(
                    raw,
                    f"only a column of money takes a unit in brackets; {column.header} does not",
                )
                continue
            if declared not in _DECLARATIONS:
                problem(raw, "unknown unit in brackets; use [元], [万元] or [zh] (Chinese amounts)")
                continue
            unit = _DECLARATIONS[declared]
        found.append((index, column, unit, match["name"]))
    for column in columns:
        if column.required and column.header not in taken:
            names = " or ".join((column.header, *aliases.get(column.header, ())))
            problems.append(
                FileProblem(
                    file=file,
                    line=1,
                    path="",
                    value=None,
                    message=f"missing required column {column.header} ({names})",
                )
            )
    return _Header(columns=tuple(found)), problems


def _read_rows(
    text: str,
    table: str,
    columns: Sequence[_Column],
    file: str,
    money_cells: dict[str, tuple[str, str]],
) -> tuple[list[dict[str, Any]], list[int], list[FileProblem], list[FileProblem]]:
    """Rows of one CSV file as plain records; their lines; cell and file problems."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[dict[str, Any]] = []
    lines: list[int] = []
    cell_problems: list[FileProblem] = []
    try:
        header_cells = next(reader, None)
        if header_cells is None:
            return (
                [],
                [],
                [],
                [
                    FileProblem(
                        file=file,
                        line=1,
                        path="",
                        value=None,
                        message="an empty file: expected a header row",
                    )
                ],
            )
        header, header_problems = _read_header(header_cells, table, columns, file)
        if header_problems:
            return [], [], [], header_problems
        last = reader.line_num
        for cells in reader:
            line = last + 1
            last = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # a blank line holds no record
            index = len(records)
            if len(cells) != len(header_cells):
                # The cells cannot be matched to the columns: the row is refused
                # as a whole, and the other rows are still read.
                cell_problems.append(
                    FileProblem(
                        file=file,
                        line=line,
                        path=f"{table}[{index}]",
                        value=None,
                        message=f"the row has {len(cells)} cells; the header has {len(header_cells)}",
                    )
                )
                records.append(_unreadable_row(cells, header))
                lines.append(line)
                continue
            record, problems = _read_record(
                cells, header, f"{table}[{index}]", file, line, money_cells=money_cells
            )
            records.append(record)
            lines.append(line)
            cell_problems.extend(problems)
    except csv.Error as error:
        return (
            [],
            [],
            [],
            [
                FileProblem(
                    file=file,
                    line=reader.line_num,
                    path="",
                    value=None,
                    message=f"not valid CSV: {error}",
                )
            ],
        )
    return records, lines, cell_problems, []


def _unreadable_row(cells: Sequence[str], header: _Header) -> dict[str, Any]:
    """A row that cannot be read: refused when built, and not reported again.

    Its id, when the id column is among its cells, is kept so that a record
    referring to it is not reported as referring to nothing.
    """
    record: dict[str, Any] = {column.field: _UNREADABLE for _, column, _, _ in header.columns}
    record[" the row"] = _UNREADABLE  # no field has this name: the record is always refused
    for index, column, _, _ in header.columns:
        if column.header == "id" and index < len(cells) and cells[index].strip():
            record["id"] = cells[index]
    return record


def _read_record(
    cells: Sequence[str],
    header: _Header,
    path: str,
    file: str,
    line: int,
    *,
    money_cells: dict[str, tuple[str, str]],
) -> tuple[dict[str, Any], list[FileProblem]]:
    record: dict[str, Any] = {}
    groups: dict[str, dict[str, Any]] = {}
    present: set[str] = set()
    problems: list[FileProblem] = []
    for index, column, unit, written in header.columns:
        cell = cells[index]
        if column.sub is not None:
            group = groups.setdefault(column.field, {})
            if cell:
                present.add(column.field)
            if not cell or cell == _UNKNOWN:
                continue
            target, key, where = group, column.sub, f"{path}.{column.field}.{column.sub}"
        else:
            if not cell:
                continue
            target, key, where = record, column.field, f"{path}.{column.field}"
        try:
            target[key] = _read_cell(cell, column.kind, unit, written)
            if column.kind == "money":
                money_cells[where] = (cell, target[key])
        except (_CellError, InvalidValueError) as error:
            reason = error.reason if isinstance(error, InvalidValueError) else str(error)
            problems.append(
                FileProblem(file=file, line=line, path=where, value=cell, message=reason)
            )
            target[key] = _UNREADABLE
    for name in present:
        record[name] = groups[name]
    return record, problems


def _csv_files(folder: Path) -> list[Path]:
    try:
        return sorted(
            entry
            for entry in folder.iterdir()
            if entry.suffix.lower() == ".csv" and entry.is_file()
        )
    except OSError as error:
        raise _fail(str(folder), f"cannot read the folder: {error.strerror or error}") from None


def _parse_folder(folder: Path) -> _Parsed:
    known = {f"{table.name}.csv": table for table in TABLES}
    files = _csv_files(folder)
    if not files:
        raise _fail(
            str(folder), "no CSV files in the folder; expected one per table, such as villages.csv"
        )
    data: dict[str, Any] = {}
    where: dict[str, tuple[str, list[int]]] = {}
    cell_problems: list[FileProblem] = []
    file_problems: list[FileProblem] = []
    money_cells: dict[str, tuple[str, str]] = {}
    for path in files:
        file = str(path)
        table = known.get(path.name)
        if table is None and path.name != DATASET_CSV:
            file_problems.append(
                FileProblem(
                    file=file,
                    path="",
                    value=path.name,
                    message="not a table of a dataset; name a file after its table, such as villages.csv",
                )
            )
            continue
        try:
            text = _decode(_read_bytes(path), file)
        except DataFileError as error:
            file_problems.extend(error.problems)
            continue
        name = "dataset" if table is None else table.name
        columns = _DATASET_COLUMNS if table is None else _COLUMNS[name]
        records, lines, problems, unreadable = _read_rows(text, name, columns, file, money_cells)
        file_problems.extend(unreadable)
        cell_problems.extend(problems)
        if table is None:
            if not unreadable:
                if len(records) > 1:
                    file_problems.append(
                        FileProblem(
                            file=file,
                            line=lines[1],
                            path="",
                            value=None,
                            message="dataset.csv holds one row: the dataset's name",
                        )
                    )
                elif records and "name" in records[0]:
                    data["name"] = records[0]["name"]
                    where["name"] = (file, lines[:1])
            continue
        data[name] = records
        where[name] = (file, lines)
    if file_problems:
        problems = sorted([*file_problems, *cell_problems], key=lambda p: (p.file, p.line or 0))
        raise DataFileError(problems, source=str(folder))

    def locate(path: str) -> tuple[str, int | None]:
        match = re.match(r"(?P<table>\w+)(?:\[(?P<index>\d+)\])?", path)
        if match and match["table"] in where:
            file, lines = where[match["table"]]
            if match["index"] is not None and int(match["index"]) < len(lines):
                return file, lines[int(match["index"])]
            return file, lines[0] if match["table"] == "name" and lines else None
        return str(folder), None

    return _Parsed(
        data=data,
        problems=tuple(cell_problems),
        locate=locate,
        source=str(folder),
        money_cells=money_cells,
    )


# .. entry points ................................................................


def _format_of(path: Path, format: Format | None, *, writing: bool) -> Format:
    if format is not None:
        if format not in ("json", "yaml", "toml", "csv"):
            raise InvalidValueError("format", format, "expected json, yaml, toml or csv")
        return format
    if path.is_dir():
        return "csv"
    suffix = path.suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if suffix == ".csv":
        raise _fail(
            str(path), "a CSV dataset is a folder of CSV files, one per table: give the folder"
        )
    if writing and not suffix:
        return "csv"
    if not path.exists():
        raise _fail(str(path), "no such file or folder")
    raise _fail(
        str(path),
        "cannot tell the format from the suffix: use .json, .yaml, .yml, .toml or a folder of CSV files",
    )


def load_dataset(path: str | Path, *, format: Format | None = None) -> Dataset:
    """Load a dataset from a JSON, YAML or TOML file or a folder of CSV files.

    The format follows the suffix, or a folder is CSV; ``format`` overrides.
    Raises :class:`DataFileError` listing every problem, each with its file,
    line (where known), record path and value; nothing is returned then.
    """
    where = Path(path)
    fmt = _format_of(where, format, writing=False)
    if fmt == "csv":
        if not where.is_dir():
            raise _fail(str(where), "a CSV dataset is a folder of CSV files, one per table")
        return _build(_parse_folder(where))
    text = _decode(_read_bytes(where), str(where))
    return _build(_parse_text(text, fmt, str(where)))


def dataset_to_text(dataset: Dataset, format: Format) -> str:
    """The dataset as a JSON, YAML or TOML document.

    >>> from villagemodel import datasets
    >>> text = dataset_to_text(datasets.load("lingyun-2022"), "toml")
    >>> dataset_from_text(text, "toml") == datasets.load("lingyun-2022")
    True
    """
    data = dataset_to_data(dataset)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if format == "yaml":
        return str(yaml.dump(data, Dumper=_SafeDumper, allow_unicode=True, sort_keys=False))
    if format == "toml":
        return tomli_w.dumps(data)
    raise InvalidValueError("format", format, "expected json, yaml or toml (CSV: use save_dataset)")


def save_dataset(
    dataset: Dataset,
    path: str | Path,
    *,
    format: Format | None = None,
    headers: Literal["en", "zh"] = "en",
) -> Path:
    """Write a dataset to a file, or to a folder of CSV files; return the path.

    The format follows the suffix (``.json``, ``.yaml``/``.yml``, ``.toml``);
    a folder, or a path without a suffix, is a folder of CSV files, one per
    table that has records (a table's existing file is rewritten with its
    header alone when the table is empty, so that the folder holds exactly
    the dataset). ``headers="zh"`` writes the CSV headers in Chinese.
    Loading what was written gives an equal dataset.
    """
    where = Path(path)
    fmt = _format_of(where, format, writing=True)
    try:
        if fmt != "csv":
            where.write_text(dataset_to_text(dataset, fmt), encoding="utf-8")
            return where
        return _save_folder(dataset, where, headers)
    except OSError as error:
        raise _fail(
            str(error.filename or where), f"cannot write: {error.strerror or error}"
        ) from None


def _save_folder(dataset: Dataset, where: Path, headers: Literal["en", "zh"]) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    known = {f"{table.name}.csv" for table in TABLES} | {DATASET_CSV}
    strangers = [entry.name for entry in _csv_files(where) if entry.name not in known]
    if strangers:
        raise _fail(
            str(where), f"the folder holds CSV files that are not tables: {', '.join(strangers)}"
        )
    data = dataset_to_data(dataset)
    for table in TABLES:
        file = where / f"{table.name}.csv"
        rows = data.get(table.name, [])
        if rows or file.exists():
            _write_csv(file, table.name, _COLUMNS[table.name], rows, headers)
    file = where / DATASET_CSV
    if dataset.name is not None or file.exists():
        rows = [] if dataset.name is None else [{"name": dataset.name}]
        _write_csv(file, "dataset", _DATASET_COLUMNS, rows, headers)
    return where


def _write_csv(
    file: Path,
    table: str,
    columns: Sequence[_Column],
    rows: Sequence[Mapping[str, Any]],
    headers: str,
) -> None:
    aliases = CSV_HEADER_ALIASES[table]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            (aliases.get(c.header) or (c.header,))[0] if headers == "zh" else c.header
            for c in columns
        ]
    )
    for row in rows:
        writer.writerow([_cell_of(row, column) for column in columns])
    file.write_text(out.getvalue(), encoding="utf-8", newline="")


def _cell_of(row: Mapping[str, Any], column: _Column) -> str:
    if column.sub is None:
        return _write_cell(row.get(column.field), column.kind)
    group = row.get(column.field)
    if group is None:
        return ""
    value = group.get(column.sub)
    return _UNKNOWN if value is None else _write_cell(value, column.kind)


# -- JSON Schema ------------------------------------------------------------------

_DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
_DECIMAL_PATTERN: Final = rf"^{_DECIMAL_TEXT}(?:[eE][+-]?[0-9]+)?$"


def _labels(kind: type[LabelledEnum]) -> list[str]:
    return list(dict.fromkeys([m.code for m in kind] + [m.zh for m in kind] + [m.en for m in kind]))


def _type_schema(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    inner, optional = _unwrap_optional(hint)
    if optional:
        return {"anyOf": [_type_schema(inner, defs), {"type": "null"}]}
    hint = _base(hint)
    if get_origin(hint) is tuple:
        return {"type": "array", "items": _type_schema(get_args(hint)[0], defs)}
    if hint is str:
        return {"type": "string"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer"}
    if isinstance(hint, type) and issubclass(hint, Count):
        return {"type": "integer", "minimum": 0}
    if hint is datetime.date:
        return {"$ref": "#/$defs/date"}
    if hint is Money:
        return {"$ref": "#/$defs/money"}
    if hint in (Decimal, Percentage, PercentagePoints):
        return {"$ref": "#/$defs/decimal"}
    name = hint.__name__
    if name not in defs:
        defs[name] = {}  # placeholder against recursion
        defs[name] = _definition(hint, defs)
    return {"$ref": f"#/$defs/{name}"}


def _definition(kind: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    summary = (kind.__doc__ or kind.__name__).strip().split("\n\n")[0]
    description = " ".join(summary.split())
    if isinstance(kind, type) and issubclass(kind, LabelledEnum):
        return {
            "description": f"{description} Written as its code ({', '.join(m.code for m in kind)}); "
            "the Chinese and English labels are read too.",
            "type": "string",
            "enum": _labels(kind),
        }
    if kind is Unit:
        return {
            "description": "A unit of a quantity: its code, or its Chinese measure word.",
            "type": "string",
            "enum": [u.code for u in Unit] + [u.zh for u in Unit],
        }
    if kind is Quantity:
        return {
            "description": "An exact amount in a unit, such as 15 kilometres.",
            "type": "object",
            "properties": {"amount": {"$ref": "#/$defs/decimal"}, "unit": _type_schema(Unit, defs)},
            "required": ["amount", "unit"],
            "additionalProperties": False,
        }
    hints = get_type_hints(kind)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(kind):
        if not field.init:
            continue
        properties[field.name] = _type_schema(hints[field.name], defs)
        if field.default is attrs.NOTHING:
            required.append(field.name)
    schema: dict[str, Any] = {
        "description": description,
        "type": "object",
        "properties": properties,
    }
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    return schema


def dataset_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a dataset document, from the model.

    It describes what :func:`~villagemodel.serialize.dataset_to_data` gives
    and the JSON, YAML and TOML loaders read: a mapping of table names to
    lists of records, each record closed (``additionalProperties: false``).
    Money and decimals are decimal strings (or integers; never floats), dates
    ``YYYY-MM-DD`` strings, enums their codes or labels. The rules between
    records (references, duplicate ids, ...) are checked by the loader only.

    >>> schema = dataset_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> schema["$defs"]["CollectiveIncome"]["required"]
    ['village_id', 'year', 'amount']
    >>> schema["$defs"]["money"]["anyOf"][1]
    {'type': 'integer'}
    """
    defs: dict[str, Any] = {
        "date": {
            "description": "A calendar day, YYYY-MM-DD.",
            "type": "string",
            "format": "date",
            "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        },
        "decimal": {
            "description": "An exact decimal number: a string such as '12.5', or an integer.",
            "anyOf": [{"type": "string", "pattern": _DECIMAL_PATTERN}, {"type": "integer"}],
        },
        "money": {
            "description": "An amount in yuan (元): a decimal string such as '227000.50', or an "
            "integer; never a float. Chinese amounts such as '22.7万元' are refused.",
            "anyOf": [{"type": "string", "pattern": _DECIMAL_PATTERN}, {"type": "integer"}],
        },
    }
    tables: dict[str, Any] = {"name": {"description": "A label for display.", "type": "string"}}
    for table in TABLES:
        tables[table.name] = {
            "description": f"The {_plural(table)}.",
            "type": "array",
            "items": _type_schema(table.record, defs),
        }
    return {
        "$schema": _DRAFT,
        "$id": "https://villagemodel.readthedocs.io/schema/dataset.schema.json",
        "title": "villagemodel dataset",
        "description": "Every record of a county, or of any set of villages, by table.",
        "type": "object",
        "properties": tables,
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def _plural(table: Table) -> str:
    return table.name.replace("_", " ")
