"""Small XML edits worked out once and kept on disk, so a process need not import lxml.

A few steps of every document edit a piece of WordprocessingML as elements, the way
python-docx would (a section's page setup, a paragraph's rule, a run made bold): pure
functions of a few strings, whose inputs recur from document to document because the
template makes the same paragraphs and sections every time. In a process they were
``lru_cache``d; but importing lxml to work out the first of each costs a process more than
all of that work. ``remembered`` keeps each answer in one file of the template cache
(``prepared.cache_folder``), next to the prepared templates, so a later process finds the
answer and never imports lxml.

The file is named by a hash of everything an answer depends on: this package's code, the
Python version and the installed lxml (``prepared.source_digest``, ``dependency_stamps``);
it is trusted only whole and only when this user wrote it (``prepared.read_entry``), and
replaced whole (``prepared.write_entry``). Two processes adding answers at once may each
keep only their own: an answer lost is worked out again, never wrong. The file keeps at most
``MAX_ANSWERS``; a process keeps the same many in memory.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from . import prepared

FORMAT = b"cchc_docgen kept edits 1\n"
MAX_ANSWERS = 4096
F = TypeVar("F", bound=Callable[..., str])

_answers: dict[tuple[object, ...], str] | None = None  # -- (function, *arguments) → text, as read from disk --


def remembered(function: F) -> F:
    """``function`` (arguments of str, bool, int or tuples of them; a str returned), its
    answers kept in memory and on disk."""
    name = f"{function.__module__}.{function.__qualname__}"
    local: dict[tuple[object, ...], str] = {}

    @functools.wraps(function)
    def kept(*arguments: object) -> str:
        found = local.get(arguments)
        if found is None:
            key = (name, *arguments)
            table = _table()
            found = table.get(key)
            if found is None:
                found = function(*arguments)
                if len(table) < MAX_ANSWERS:
                    table[key] = found
                    _save(table)
            if len(local) >= MAX_ANSWERS:
                local.clear()
            local[arguments] = found
        return found

    kept.cache_clear = local.clear  # type: ignore[attr-defined]  # -- as lru_cache's, for the tests --
    return kept  # type: ignore[return-value]


def entry() -> Path | None:
    """The file of kept answers for this code, or None when the cache is off."""
    folder = prepared.cache_folder()
    if folder is None:
        return None
    digest = prepared.new_digest(FORMAT)
    for part in (sys.version, *prepared.dependency_stamps()):
        digest.update(part.encode() + b"\0")
    digest.update(prepared.source_digest())
    return folder / f"{prepared.KEPT_PREFIX}{digest.hexdigest()}{prepared.SUFFIX}"


def _table() -> dict[tuple[object, ...], str]:
    global _answers
    if _answers is None:
        path = entry()
        found = None if path is None else prepared.read_entry(path, FORMAT)
        _answers = found if _well_formed(found) else {}  # type: ignore[assignment]
    return _answers  # type: ignore[return-value]


def _well_formed(found: object) -> bool:
    return isinstance(found, dict) and all(isinstance(k, tuple) and k and isinstance(k[0], str) and isinstance(v, str) for k, v in found.items())


def _save(table: dict[tuple[object, ...], str]) -> None:
    path = entry()
    if path is not None:
        prepared.write_entry(path, FORMAT, table)


def forget() -> None:
    """Read the file again on the next miss (the tests point the cache elsewhere)."""
    global _answers
    _answers = None
