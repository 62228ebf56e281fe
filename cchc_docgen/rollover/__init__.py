"""Roll-over: last year's specification in, next period's draft out (issue 13, item 2).

    result = cchc_docgen.roll_spec("plan_specs/thang-binh-2021.yaml", to=2022)
    result.text          # the new specification, comments and layout of the drafter's file kept
    result.notes         # what to review, each with line and column in the new text

Its own pipeline beside load → render: plan.py decides, years.py reads years in text,
source.py changes the file's text in place.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Problem, SpecError
from ..spec.loader import read_nodes
from .plan import NOTE, REVIEW, RollResult, roll_text

__all__ = ["NOTE", "REVIEW", "RollResult", "roll_spec", "roll_text"]


def roll_spec(path: str | os.PathLike[str], *, to: int | None = None, by: int | None = None, out_name: str | None = None) -> RollResult:
    """The specification file at ``path`` moved to the period starting in year ``to``, or
    ``by`` years later (give one). Nothing is written: pass ``result.text`` to a file.
    Raises SpecError naming the file and line when it cannot be rolled."""
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"roll_spec(): path must be a path (str or os.PathLike), not {type(path).__name__}; for text in memory call roll_text")
    for label, value in (("to", to), ("by", by)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise TypeError(f"roll_spec(): {label} must be an int (a year or a number of years), not {value!r}")
    if (to is None) == (by is None):
        raise TypeError("roll_spec(): give exactly one of to= (the new first year, e.g. 2027) or by= (years to move, e.g. 1)")
    path = Path(path)
    read_nodes(path)  # -- the loader's refusals (no such file, a folder, a FIFO, too large, not YAML), in its words --
    try:
        raw = path.read_bytes()
    except OSError as exc:  # -- gone between the two reads --
        raise SpecError([Problem(f"không đọc được tệp ({exc.strerror or exc}).", file=str(path))]) from exc
    return roll_text(raw, str(path), to=to, by=by, folder=path.parent, out_name=out_name)
