"""The Hypothesis entry point: registers a strategy for every public type.

Hypothesis runs :func:`_hypothesis_setup_hook` when it is imported, through
the ``hypothesis`` entry point declared in ``pyproject.toml``, so that in
any test ``st.from_type(villagemodel.Household)`` gives valid households
without importing :mod:`villagemodel.testing.strategies`. Importing
:mod:`villagemodel` alone never imports Hypothesis.

Hypothesis runs the hook while it is itself being imported, possibly
from inside the strategies module (when a test's first import is
``from villagemodel.testing import strategies``) or from this one. So this
module imports Hypothesis only inside the hook, and the hook registers a
resolver per type rather than the strategies themselves: the strategies
module is read when a strategy is first asked for.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import villagemodel

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy


def _exported_types() -> list[type]:
    """The classes of ``villagemodel.__all__`` that have a strategy
    (every one but the exceptions and the table descriptions)."""
    found = (getattr(villagemodel, name) for name in villagemodel.__all__)
    return [
        kind
        for kind in found
        if isinstance(kind, type)
        and not issubclass(kind, BaseException)
        and kind is not villagemodel.Table
    ]


@functools.cache
def _strategies() -> dict[type, SearchStrategy[Any]]:
    from villagemodel.testing.strategies import type_strategies  # noqa: PLC0415  (see the module's docstring)

    return type_strategies()


def _resolve(kind: type) -> SearchStrategy[Any]:
    return _strategies()[kind]


def _hypothesis_setup_hook() -> None:
    """Register the strategy of each public type with Hypothesis."""
    from hypothesis import strategies as st  # noqa: PLC0415  (see the module's docstring)

    for kind in _exported_types():
        st.register_type_strategy(kind, _resolve)
