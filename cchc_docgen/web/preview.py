"""The pages as the drafter edits, from the document view the DOCX is made from.

Each DocumentView block (numbered text, header block, signature, task table, page break)
becomes plain data the page draws with text nodes only: the drafter's words never reach
the page as HTML. Emphasis marks (**đậm**, *nghiêng*) become runs of text with a style.
"""

from __future__ import annotations

import re
from typing import Any

from cchc_docgen import DocumentView, RenderedDocument, vn
from cchc_docgen.decree30 import QUOC_HIEU, TIEU_NGU

__all__ = ["document_json"]

# -- the marks view.add puts around **đậm** and *nghiêng* --
_BOLD = (vn.BOLD_START, vn.BOLD_END)
_ITALIC = (vn.ITALIC_START, vn.ITALIC_END)
_MARKS = re.compile(f"([{vn.EMPHASIS_MARKS}])")


def runs(text: str) -> list[list[str]]:
    """``text`` as [[piece, style]]: style "" plain, "b" bold, "i" italic, "bi" both."""
    bold = italic = False
    result: list[list[str]] = []
    for piece in _MARKS.split(_plain(text)):
        if piece in _BOLD:
            bold = piece == _BOLD[0]
        elif piece in _ITALIC:
            italic = piece == _ITALIC[0]
        elif piece:
            result.append([piece, ("b" if bold else "") + ("i" if italic else "")])
    return result


def document_json(document: RenderedDocument) -> dict[str, Any]:
    return {"file_name": document.file_name, "items": list(_items(document.view))}


def _items(view: DocumentView) -> Any:
    for block in view.blocks:
        if block.kind == "danh_dau":
            yield _skeleton(view.skeleton[int(block.text)])
        else:
            yield {"t": "block", "kind": block.kind, "label": block.label, "runs": runs(block.text)}


def _plain(value: Any) -> Any:
    """The page wraps to its own width: line breaking's non-breaking spaces and hyphens
    (cchc_docgen.linebreak) read as plain ones."""
    if isinstance(value, str):
        return value.replace("\u00a0", " ").replace("\u2011", "-")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _skeleton(item: Any) -> dict[str, Any]:
    return _plain(_skeleton_data(item))


def _skeleton_data(item: Any) -> dict[str, Any]:
    name = type(item).__name__
    if name == "Header":
        return {
            "t": "header", "parent": item.parent, "issuer": item.issuer, "number": item.number,
            "place_date": item.place_date, "secrecy": item.secrecy, "urgency": item.urgency, "draft": item.draft,
            "motto": [QUOC_HIEU, TIEU_NGU],
        }  # fmt: skip
    if name == "Signature":
        return {"t": "signature", "recipients": item.recipients, "authority": item.authority, "name": item.name}
    if name == "TaskTable":
        return {"t": "table", "titles": item.titles, "widths": item.widths, "rows": [{"cells": r.cells, "group": r.group} for r in item.rows]}
    return {"t": "break", "orientation": getattr(item, "orientation", "portrait")}
