"""Datasets bundled with the library.

``lingyun-2022`` holds the six villages of the source report (a People's
Daily Online report of 18 April 2023 on the Guangxi Department of Finance's
work teams in Lingyun County) as records: places, Party branches, work teams,
industries, and the figures the report gives for single villages. Figures the
report gives only for the group, or only approximately, are not records.

``lingyun-2022-synthetic`` is generated, not read from a file: the records of
``lingyun-2022`` extended with invented households, people, incomes, funds,
projects and events from which every figure of the report is computed back
(see :mod:`villagemodel.synthetic`). Its description says it is synthetic.

>>> available()
('lingyun-2022', 'lingyun-2022-synthetic')
>>> ds = load("lingyun-2022")
>>> [v.name for v in ds.villages]
['陶化村', '初化村', '后龙村', '那留村', '腰马村', '双达村']
>>> ds.collective_income(ds.villages[0].id, 2022).format_zh()
'22.7万元'
>>> info("lingyun-2022").as_of
datetime.date(2023, 4, 18)
>>> info("lingyun-2022-synthetic").synthetic
True
"""

from __future__ import annotations

import datetime
import functools
import tomllib
from collections.abc import Callable
from importlib import resources
from typing import Any, Final

import attrs

from villagemodel.dataset import Dataset
from villagemodel.errors import DatasetValidationError, Problem, UnknownDatasetError
from villagemodel.serialize import converter, dataset_from_data

__all__ = ["DatasetInfo", "available", "info", "load"]

_SUFFIX = ".toml"


@attrs.frozen(kw_only=True)
class DatasetInfo:
    """What a bundled dataset is and where its figures come from."""

    name: str
    title: str
    title_zh: str
    source_title: str
    publisher: str
    published_on: datetime.date
    as_of: datetime.date
    synthetic: bool


def _synthetic_info() -> DatasetInfo:
    from villagemodel import synthetic  # noqa: PLC0415 - it builds on the bundled files

    return synthetic.dataset_info()


def _synthetic_build() -> Dataset:
    from villagemodel import synthetic  # noqa: PLC0415 - it builds on the bundled files

    return synthetic.build_synthetic()


_GENERATED: Final[dict[str, tuple[Callable[[], DatasetInfo], Callable[[], Dataset]]]] = {
    "lingyun-2022-synthetic": (_synthetic_info, _synthetic_build),
}
"""Datasets built by code rather than read from a file: name -> (description, builder)."""


def _files() -> tuple[str, ...]:
    folder = resources.files("villagemodel") / "data" / "datasets"
    return tuple(
        entry.name.removesuffix(_SUFFIX)
        for entry in folder.iterdir()
        if entry.name.endswith(_SUFFIX)
    )


def available() -> tuple[str, ...]:
    """The names of the bundled datasets, sorted: the files and the generated ones."""
    return tuple(sorted({*_files(), *_GENERATED}))


@functools.cache
def _generated(name: str) -> Dataset:
    """A generated dataset, built once (datasets are immutable)."""
    return _GENERATED[name][1]()


def _read(name: str) -> dict[str, Any]:
    names = available()
    if name not in names:
        raise UnknownDatasetError(name, names)
    folder = resources.files("villagemodel") / "data" / "datasets"
    text = (folder / f"{name}{_SUFFIX}").read_text("utf-8")
    return tomllib.loads(text)


def info(name: str) -> DatasetInfo:
    """The description of a bundled dataset."""
    if name in _GENERATED:
        return _GENERATED[name][0]()
    header = _read(name).get("dataset")
    if not isinstance(header, dict):
        raise DatasetValidationError(
            [Problem(path="dataset", value=header, message="missing [dataset] header")]
        )
    return converter.structure(header, DatasetInfo)


def load(name: str) -> Dataset:
    """The bundled dataset ``name``, checked.

    Raises :class:`~villagemodel.errors.UnknownDatasetError` listing the
    available names when there is none by that name.
    """
    if name in _GENERATED:
        return _generated(name)
    data = _read(name)
    header = data.pop("dataset", {})
    data["name"] = header.get("name", name)
    return dataset_from_data(data)
