"""Patterns compiled when a plan first needs them, and all at once where a process lives on.

A one-shot command compiles only the patterns its plan calls for (emphasis marks, spacing
signs, a missing appendix's pointer, a replaced file's properties): each is a few tenths
of a millisecond that most commands never pay. The resident process compiles every one
before it forks (``compile_all``), so no child pays any of them; its children inherit
them compiled.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_MADE: list[Callable[[], object]] = []


def compiled(make: Callable[[], T]) -> Callable[[], T]:
    """``make`` (a function of no arguments that compiles patterns), run once when first
    called, and listed for ``compile_all``."""
    once = functools.cache(make)
    _MADE.append(once)
    return once


def compile_all() -> None:
    """Every pattern of every imported module made with ``compiled``."""
    for make in _MADE:
        make()
