"""The rule register: every operational rule of the four source documents, with its source,
the function that applies it and the tests that prove it.

The register itself is data (``data/register.yaml``, read by :mod:`.register`). Code marks
the functions that apply a rule with :func:`regel`, so the link runs both ways: an entry
names its function, and the function names its entries. ``tests/regels`` fails the build
when either side is missing. See ``docs/rules.md``.

This module imports nothing from Django, so any layer (also a pure package) may mark its
rule functions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable)

#: The attribute a rule function carries: the ids of the register entries it applies.
MARK = "__regels__"


def regel(*ids: str) -> Callable[[F], F]:
    """Marks a function as the implementation of register entries ``ids``.

    The function is returned unchanged apart from the mark; stacking the decorator adds ids.
    """
    if not ids or not all(isinstance(i, str) and i for i in ids):
        raise ValueError("@regel needs at least one register id")

    def mark(func: F) -> F:
        setattr(func, MARK, tuple(getattr(func, MARK, ())) + ids)
        return func

    return mark


def ids_of(func: Callable) -> tuple[str, ...]:
    """The register ids a function is marked with (empty for an unmarked function)."""
    return tuple(getattr(func, MARK, ()))
