"""No threshold, weight, quota or frequency is a literal in the rule code.

The rule modules may use the numbers 0 and 1 (starting a count, the next
step); any other number must come from a parameter file, where it has a date
and a source. A number hidden in a string passed to ``Decimal``, ``Money``,
``Fraction`` or ``Percentage`` counts as a literal too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parents[2] / "src" / "villagemodel" / "rules"
NUMBER_TYPES = {"Decimal", "Money", "Fraction", "Percentage", "PercentagePoints"}


def rule_modules() -> list[Path]:
    return sorted(RULES.glob("*.py"))


def literals(tree: ast.AST) -> list[tuple[int, object]]:
    """Numbers other than 0 and 1 in the code of a module (docstrings excluded)."""
    found: list[tuple[int, object]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and type(node.value) in (int, float, complex):
            if node.value not in (0, 1):
                found.append((node.lineno, node.value))
        elif isinstance(node, ast.Call):
            name = (
                node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            )
            if name in NUMBER_TYPES or name in {"from_wan", "from_fen", "share"}:
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.append((node.lineno, arg.value))
    return sorted(found, key=lambda item: (item[0], str(item[1])))


def test_the_rule_package_has_modules() -> None:
    assert (RULES / "__init__.py").exists()


@pytest.mark.parametrize("module", rule_modules(), ids=lambda p: p.name)
def test_no_numeric_literal_in_rule_code(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    assert literals(tree) == [], f"{module.name}: numbers belong in parameter files"


def test_the_check_catches_a_literal() -> None:
    tree = ast.parse("x = income < 50000\ny = Money('6000')\nz = count > 1\n")
    assert literals(tree) == [(1, 50000), (2, "6000")]
