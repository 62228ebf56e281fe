"""WordprocessingML names and lengths without python-docx: the same values as python-docx's."""

from __future__ import annotations

import docx.oxml.ns
import pytest
from docx.shared import Mm, Pt

from cchc_docgen import wml


def test_namespaces_are_python_docx_s() -> None:
    assert docx.oxml.ns.nsmap == wml.NSMAP
    assert wml.qn("w:pPr") == docx.oxml.ns.qn("w:pPr")
    assert wml.nsdecls("w", "r") == docx.oxml.ns.nsdecls("w", "r")


@pytest.mark.parametrize("value", [0, 0.5, 2.0, 12.7, 20, 25.4, 30, 35.55, 210, 297, 159.2, 0.01 * 12345])
def test_lengths_are_python_docx_s(value: float) -> None:
    assert wml.twips_from_mm(value) == Mm(value).twips
    assert wml.twips_from_pt(value) == Pt(value).twips


def test_every_tenth_of_a_millimetre_of_a_page_converts_as_python_docx_does() -> None:
    assert [wml.twips_from_mm(tenths / 10) for tenths in range(4200)] == [Mm(tenths / 10).twips for tenths in range(4200)]
