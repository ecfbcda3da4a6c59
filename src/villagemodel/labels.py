"""Enumerations with a stable code and Chinese and English labels.

Every closed list of the model (kinds of township, star ratings, industries,
risk categories, ...) is a :class:`LabelledEnum`: its ``value`` is a short
ASCII code used in files (``"ethnic_township"``), and each member carries the
Chinese term the reports use (``zh``) and an English gloss (``en``).

>>> from villagemodel import TownshipKind
>>> TownshipKind.ETHNIC_TOWNSHIP.zh, TownshipKind.ETHNIC_TOWNSHIP.en
('民族乡', 'ethnic township')
>>> TownshipKind.parse("民族乡") is TownshipKind.parse("ethnic_township")
True
"""

from __future__ import annotations

import enum
from typing import Any, Self

from villagemodel.errors import InvalidValueError

__all__ = ["LabelledEnum"]


class LabelledEnum(enum.Enum):
    """An enum whose members are ``(code, zh, en)``; the code is the value."""

    zh: str
    en: str

    def __new__(cls, code: str, zh: str, en: str, *extra: Any) -> Self:
        member = object.__new__(cls)
        member._value_ = code
        member.zh = zh
        member.en = en
        return member

    @property
    def code(self) -> str:
        """The member's code in files (its value)."""
        return str(self.value)

    @classmethod
    def parse(cls, text: str) -> Self:
        """The member whose code, Chinese label or English label is ``text``.

        Raises :class:`~villagemodel.errors.InvalidValueError` listing the
        accepted codes when nothing matches.
        """
        for member in cls:
            if text in (member.value, member.zh, member.en):
                return member
        codes = ", ".join(str(m.value) for m in cls)
        raise InvalidValueError(cls.__name__, text, f"not one of: {codes}")

    def __str__(self) -> str:
        return f"{self.zh} ({self.en})"
