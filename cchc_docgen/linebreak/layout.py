"""Line breaking applied to a document's view, with each paragraph's width and face.

Called by the view builder once a view is complete, so every render path (the template's,
the skeleton's) writes the same breaks: centred and short lines get explicit line breaks
("\\n", which the renderers write as ``<w:br/>``) and non-breaking spaces inside words and
names; body text gets non-breaking spaces only inside names and references and before its
last syllable. Widths come from ``decree30`` (page, header and signature columns, the task
table's columns less their padding), sizes and weights from its styles.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .. import decree30
from .body import protect_body
from .choose import ROOM, break_centred

if TYPE_CHECKING:
    from ..spec.model import Spec
    from ..view import Block, DocumentView, Header, Signature, TaskTable

# -- block kinds by treatment: centred lines broken as a clerk would; headings and body text
# (flush left or justified) keep their names and references whole --
_CENTRED = {"ten_loai": "CCHCTenLoai", "trich_yeu": "CCHCTrichYeu", "kem_theo": "CCHCKemTheo", "tham_quyen": "CCHCThamQuyen",
            "phu_luc": "CCHCPhuLuc", "phu_luc_tieu_de": "CCHCPhuLucTieuDe"}  # fmt: skip
_HEADINGS = {"muc": "CCHCMuc", "tieu_de": "CCHCTieuDe"}
_BODY = {"than": "CCHCThan", "than_dam": "CCHCThan", "can_cu": "CCHCCanCu"}
_CENTRED_COLUMNS = {"stt", "thoi_han"}
_SLACK_MM = 0.8  # -- as tasklist's: rounding to twips and the office suite's own rounding --


def place_names(spec: Spec) -> tuple[str, ...]:
    """The names of the specification that capitals cannot show in a line set in capitals
    ("XÃ AN THỚI ĐÔNG"): its area and its place."""
    issuer = spec.issuer
    return tuple(dict.fromkeys(name for name in (issuer.area, issuer.place) if name and " " in name.strip()))


def preload() -> None:
    """Import what ``lay_out`` imports and read the lexicon, in a parent about to fork workers."""
    from .. import view  # noqa: F401 -- lay_out's lazy import
    from . import lexicon

    lexicon.is_word(("", ""))


def lay_out(view: DocumentView, names: tuple[str, ...] = ()) -> None:
    """Break and protect every line of ``view`` in place."""
    from ..view import Header, SectionBreak, Signature, TaskTable

    # -- a block's orientation is that of the next section break after it, or the last section's --
    orientation = view.last_orientation
    orientations: list[str] = [""] * len(view.blocks)
    for index in range(len(view.blocks) - 1, -1, -1):
        block = view.blocks[index]
        if block.kind == "danh_dau":
            item = view.skeleton[int(block.text)]
            if isinstance(item, SectionBreak):
                orientation = item.orientation
        orientations[index] = orientation
    for block, where in zip(view.blocks, orientations, strict=True):
        if block.kind != "danh_dau" and block.text:
            block.text = _block_text(block, _page_width(where), names)
    for item in view.skeleton:
        if isinstance(item, Header):
            _header(item, names)
        elif isinstance(item, Signature):
            _signature(item, names)
        elif isinstance(item, TaskTable):
            _table(item, names)


def _block_text(block: Block, width: float, names: tuple[str, ...]) -> str:
    kind = block.kind
    if kind in _CENTRED:
        style = decree30.STYLE_BY_ID[_CENTRED[kind]]
        return break_centred(block.text, width, style.size, bold=style.bold, names=names)
    if kind in _HEADINGS:
        style = decree30.STYLE_BY_ID[_HEADINGS[kind]]
        return protect_body(block.text, names=names, width_mm=width / 2, size_pt=style.size, bold=True)
    if kind in _BODY:
        style = decree30.STYLE_BY_ID[_BODY[kind]]
        return protect_body(block.text, names=names, width_mm=width / 3, size_pt=style.size, final=True)
    return block.text


def _header(header: Header, names: tuple[str, ...]) -> None:
    left = decree30.HEADER_LEFT_MM
    right = decree30.PORTRAIT.text_width - left
    header.parent = [_centred(line, left, "CCHCCapTren", names) for line in header.parent]
    header.issuer = [_centred(line, left, "CCHCCoQuan", names) for line in header.issuer]
    if header.number:
        header.number = _centred(header.number, left, "CCHCSoKyHieu", names)
    if header.place_date:
        header.place_date = _centred(header.place_date, right, "CCHCDiaDanh", names)


def _signature(signature: Signature, names: tuple[str, ...]) -> None:
    width = decree30.PORTRAIT.text_width
    left = width * decree30.SIGNATURE_LEFT_SHARE
    size = decree30.STYLE_BY_ID["CCHCNoiNhan"].size
    signature.recipients = [_protected(line, left, size, False, names, True) for line in signature.recipients]
    signature.authority = [_centred(line, width - left, "CCHCChucVu", names) for line in signature.authority]
    signature.name = _centred(signature.name, width - left, "CCHCHoTen", names)


def _table(table: TaskTable, names: tuple[str, ...]) -> None:
    margins = decree30.TASK_TABLE_CELL_MARGINS
    # -- a cell holds its column less its padding; tasklist sized the measured columns (number,
    # deadline) to their longest cell with the same metrics, so those may be filled to the edge --
    widths = [decree30.LANDSCAPE.text_width * share - margins.left - margins.right for share in table.widths]
    table.titles = [_centred(title, width - _SLACK_MM, "CCHCBangTieuDe", names) for title, width in zip(table.titles, widths, strict=True)]
    group_size = decree30.STYLE_BY_ID["CCHCBangNhom"].size
    for row in table.rows:
        if row.group:
            row.cells = [_protected(row.cells[0], sum(widths) - _SLACK_MM, group_size, True, names, False)]
            continue
        # -- flush-left cells wrap in their column as they will: a thousand tasks' texts would cost
        # more to glue than a seed plan's whole body (benchmarks/linebreak.py) --
        row.cells = [
            _centred(text, width, "CCHCBang", names, 1.0) if column in _CENTRED_COLUMNS else text
            for column, text, width in zip(table.columns, row.cells, widths, strict=True)
        ]


@lru_cache(maxsize=4096)
def _centred(text: str, width: float, style_id: str, names: tuple[str, ...], share: float = ROOM) -> str:
    """A centred line of a style (cached: a thousand tasks repeat a few deadlines)."""
    style = decree30.STYLE_BY_ID[style_id]
    return break_centred(text, width, style.size, bold=style.bold, names=names, share=share) if text else text


@lru_cache(maxsize=4096)
def _protected(text: str, width: float, size: float, bold: bool, names: tuple[str, ...], final: bool) -> str:
    """A flush-left short line (a Nơi nhận entry, a table cell): names and references kept
    whole, a glued run no wider than the cell (cached: agencies repeat from row to row)."""
    return protect_body(text, names=names, width_mm=width, size_pt=size, bold=bold, final=final) if text else text


def _page_width(orientation: str) -> float:
    return (decree30.LANDSCAPE if orientation == "landscape" else decree30.PORTRAIT).text_width
