"""Sphinx configuration for the villagemodel documentation.

Build with ``sphinx-build -W --keep-going -b html docs docs/_build/html``.
The pages are MyST Markdown; their ``>>>`` examples run under pytest
(``--doctest-glob=*.md``), not under Sphinx.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Any

# Document the package of this source tree, whatever else is installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import villagemodel
from villagemodel.labels import LabelledEnum

project = "villagemodel"
author = "villagemodel contributors"
copyright = "villagemodel contributors"
release = villagemodel.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "conftest.py", "Thumbs.db", ".DS_Store"]
language = "en"

# MyST: fenced directives with ::: and definition lists; anchors for the
# headings (levels 1 to 3) that pages link to with [text](page.md#anchor).
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# autodoc: members in source order, type hints in the description; a
# class is shown with its constructor's signature (attrs writes __init__).
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# Unresolved cross references (a type from the standard library or attrs)
# are not errors: no inventory is fetched, so the build works offline.
nitpicky = False

html_theme = "furo"
html_title = f"villagemodel {release}"


def _enum_members(*args: Any) -> None:
    """List an enumeration's members under its docstring: for a
    LabelledEnum the code used in files, the Chinese term and the English
    gloss; for another enumeration the value.

    The handler of ``autodoc-process-docstring``: (app, what, name, obj,
    options, lines).
    """
    _app, what, _name, obj, _options, lines = args
    if what != "class" or not isinstance(obj, type) or not issubclass(obj, enum.Enum):
        return
    members = list(obj)
    if not members:
        return
    labelled = issubclass(obj, LabelledEnum)
    header = ["member", "code", "中文", "English"] if labelled else ["member", "value"]
    rows = [
        [f"``{m.name}``", f"``{m.value}``", m.zh, m.en]
        if labelled
        else [f"``{m.name}``", f"``{m.value!r}``"]
        for m in members
    ]
    lines.extend(["", ".. list-table:: Members", "   :header-rows: 1", ""])
    for row in [header, *rows]:
        lines.append(f"   * - {row[0]}")
        lines.extend(f"     - {cell}" for cell in row[1:])
    lines.append("")


def setup(app: Any) -> None:
    app.connect("autodoc-process-docstring", _enum_members)
