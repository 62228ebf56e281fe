"""Which of a template's paragraph styles is each Decree 30 style, however Word renamed it.

A drafter restyles the template in Word and may rename a style while at it ("CCHC Quốc
hiệu" → "Quốc hiệu"). Neither the name nor the id is a safe key on its own: python-docx's
documentation warns that the id (``w:styleId``) "is generated automatically by Word and is
not guaranteed to be stable across saves", and LibreOffice rewrites every id from the
name when it saves a .docx (measured: "CCHC Quốc hiệu" comes back as ``CCHCQuchiu``). What
every editor does keep consistent is the reference from a paragraph to its style. So the
shipped template carries, in a block that never prints, one sample paragraph per style
whose text ends in the style's id in brackets (``CCHC Quốc hiệu [CCHCQuocHieu]``): the
style of that paragraph is the style, whatever it is called now. A template without the
samples (a copy of an older one) is matched by id, then by name; a style found by none of
the three is a message that names it and says what to do.

The lookups are answered from one pass over the styles when a template is compiled:
python-docx's own scan every style for the default on each ``paragraph.style`` read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from . import decree30
from .errors import TemplateError
from .wml import qn

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

_STYLE_ID, _TYPE, _DEFAULT, _NAME, _VAL = qn("w:styleId"), qn("w:type"), qn("w:default"), qn("w:name"), qn("w:val")
_P, _PPR, _PSTYLE, _T = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:t")
_ON = ("1", "true", "on")
SAMPLE = re.compile(r"\[(CCHC\w+)\]\s*$")


def sample_text(style: decree30.TextStyle) -> str:
    """The text of the sample paragraph that keeps ``style`` identifiable in a template."""
    return f"{style.name} [{style.style_id}]"


class ParagraphStyles:
    """The template's paragraph styles, indexed once: by sample paragraph, id and name."""

    def __init__(self, document: DocxDocument):
        self._by_id: dict[str, object] = {}
        self._by_name: dict[str, object] = {}
        self._default: object | None = None
        for style in document.styles.element.iterchildren(qn("w:style")):
            if style.get(_TYPE) != "paragraph":
                continue
            self._by_id.setdefault(style.get(_STYLE_ID), style)
            name = style.find(_NAME)
            if name is not None:
                self._by_name.setdefault(name.get(_VAL), style)
            if style.get(_DEFAULT) in _ON:
                self._default = style  # -- the last default wins, as in python-docx --
        self._sampled: dict[str, object] = {}
        body = document.element.body
        for paragraph in body.iterchildren(_P) if body is not None else ():
            found = SAMPLE.search("".join(t.text or "" for t in paragraph.iter(_T)))
            ppr = paragraph.find(_PPR)
            reference = ppr.find(_PSTYLE) if ppr is not None else None
            if found and reference is not None and reference.get(_VAL) in self._by_id:
                self._sampled.setdefault(found.group(1), self._by_id[reference.get(_VAL)])
        self._assigned: dict[str, str | None] = {}

    def apply(self, paragraph: Paragraph, style_id: str) -> None:
        """``paragraph.style = <the decree style>``."""
        paragraph._p.style = self.value_for(style_id)

    def value_for(self, style_id: str) -> str | None:
        """The w:pStyle value that gives a paragraph the decree style (None: the default)."""
        if style_id not in self._assigned:
            spec = decree30.STYLE_BY_ID[style_id]
            style = next((found for found in (self._sampled.get(style_id), self._by_id.get(style_id), self._by_name.get(spec.name))
                          if found is not None), None)
            if style is None:
                raise TemplateError(
                    f"mẫu không còn kiểu đoạn '{spec.name}' (mã {style_id}): kiểu này đã bị xóa, hoặc vừa bị đổi tên "
                    "vừa bị đổi mã.\n"
                    f"    Gợi ý: trong Word, mở Styles, đặt lại tên '{spec.name}' cho kiểu đó (hoặc tạo lại kiểu này); "
                    "đừng xóa các đoạn mẫu kiểu chữ ở cuối mẫu."
                )
            self._assigned[style_id] = None if style is self._default else style.get(_STYLE_ID)  # type: ignore[attr-defined]
        return self._assigned[style_id]

    def check_all(self, style_ids: Iterable[str]) -> None:
        """Each of these styles is found, and each can mark a paragraph in the text the
        skeleton searches (an id with quotes or markup in it cannot)."""
        import html  # -- once, when a template is compiled --

        for style_id in style_ids:
            spec = decree30.STYLE_BY_ID[style_id]
            value = self.value_for(style_id)
            if value is not None and value != html.escape(value):
                raise TemplateError(
                    f"kiểu đoạn '{spec.name}' của mẫu có mã {value!r} chứa ký tự đặc biệt.\n"
                    "    Gợi ý: trong Word, đổi tên kiểu đó sang chữ không dấu, lưu lại, rồi đặt lại tên cũ."
                )
