"""Lint of the drafter's own words: text that loads and renders, but reads wrong on paper.

The program owns numbering, dashes, the opening word of a căn cứ, the closing './.' and
the capitals of titles; a drafter who types them too gets them twice ("II. 3.1. CẢI
CÁCH…", "- -Thực hiện", "Căn cứ Căn cứ…"). YAML adds its own traps: a flow list
``[Đảm bảo…, hiệu quả…]`` splits a sentence at its commas. These rules find such text in
the specification itself, so every message points at the line the drafter typed.

``lint`` returns findings: the rules on words as typed (``typed``) and on text the program
assembles with its own (``document``), over one ``walk`` of the model. The check command
(``checks``) turns findings into problems and owns the rules' ids, severities and titles in
its RULES table.
"""

from __future__ import annotations

from ..spec.model import Spec
from ..view_cache import SpecViews
from . import document, typed
from .walk import Finding, Walk, visit

__all__ = ["Finding", "lint"]


def lint(spec: Spec, views: SpecViews | None = None) -> list[Finding]:
    """Every text finding of one specification, in the order of the rules; ``views`` are
    its documents' views when the caller renders them next (built here only if a rule
    needs them, and then kept for that render)."""
    walk = Walk(views if views is not None else SpecViews(spec))
    visit(spec, walk)
    return [finding for rule in (*typed.RULES, *document.RULES) for finding in rule(spec, walk)]
