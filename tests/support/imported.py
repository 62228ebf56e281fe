"""Helpers of the importer's tests: render a specification text, compare two renders."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import cchc_docgen

from support.docx_facts import document_text, open_docx
from support.fidelity import normalise, tokens

_LABEL = re.compile(r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))(?= )")


@dataclass(frozen=True)
class Match:
    recall: float
    precision: float
    missing: list[str]
    extra: list[str]


def text_of(documents: list[cchc_docgen.RenderedDocument]) -> str:
    return "\n".join(document_text(open_docx(d.data)) for d in documents)


def render_text(spec_text: str, name: str = "<nhập>") -> tuple[str, list[cchc_docgen.RenderedDocument]]:
    """Load and render an imported specification (render runs every check rule: no error)."""
    documents = list(cchc_docgen.render(cchc_docgen.parse_spec(spec_text, name), mode="gop"))
    return text_of(documents), documents


def match(reference: str, output: str) -> Match:
    """Token recall and precision of ``output`` against ``reference``, both renders."""
    a, b = tokens(normalise(reference)), tokens(normalise(output))
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    missing, extra = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            missing.append(" ".join(a[i1:i2]))
        if tag in ("replace", "insert"):
            extra.append(" ".join(b[j1:j2]))
    return Match(same / max(len(a), 1), same / max(len(b), 1), missing, extra)


def labels(text: str) -> list[str]:
    """The numbering labels (I., 1., 1.1., a)) in the order the lines carry them."""
    return [m.group(0) for line in text.splitlines() if (m := _LABEL.match(line.strip()))]
