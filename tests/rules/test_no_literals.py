"""No threshold, weight, quota or frequency is a literal in the rule code.

The rule modules may use the numbers 0 and 1 (starting a count, the next
step); any other number must come from a parameter file, where it has a date
and a source. A number hidden in a string passed to ``Decimal``, ``Money``,
``Fraction`` or ``Percentage`` counts as a literal too.
"""

from __future__ import annotations

import ast
from fractions import Fraction
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parents[2] / "src" / "villagemodel" / "rules"
NUMBER_TYPES = {
    "Decimal",
    "Money",
    "Fraction",
    "Percentage",
    "PercentagePoints",
    "to_decimal",
    "int",
    "float",
    "from_wan",
    "from_fen",
    "share",
}


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
            if name in NUMBER_TYPES:
                arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
                for arg in arguments:
                    if (
                        isinstance(arg, ast.Constant)
                        and isinstance(arg.value, str)
                        and _numeric(arg.value)
                    ):
                        found.append((node.lineno, arg.value))
    return sorted(found, key=lambda item: (item[0], str(item[1])))


def _numeric(text: str) -> bool:
    """Whether a string is a number other than 0 and 1 ("6000", "2/3", "0.5")."""
    try:
        value = Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        return False
    return value not in (0, 1)


def test_the_rule_package_has_modules() -> None:
    assert (RULES / "__init__.py").exists()


@pytest.mark.parametrize("module", rule_modules(), ids=lambda p: p.name)
def test_no_numeric_literal_in_rule_code(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    assert literals(tree) == [], f"{module.name}: numbers belong in parameter files"


def test_the_check_catches_a_literal() -> None:
    source = (
        "x = income < 50000\n"
        "y = Money('6000')\n"
        "z = count > 1\n"
        "w = Money(yuan='6000')\n"
        "v = to_decimal('50000', 'path')\n"
        "u = int('6')\n"
        "t = Fraction('2/3')\n"
        "s = Money('0')\n"
    )
    assert literals(ast.parse(source)) == [
        (1, 50000),
        (2, "6000"),
        (4, "6000"),
        (5, "50000"),
        (6, "6"),
        (7, "2/3"),
    ]
