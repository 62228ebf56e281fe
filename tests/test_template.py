"""The shipped template is what decree30.py describes, and asks only for what the view has."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docxtpl import DocxTemplate

import cchc_docgen
from cchc_docgen import decree30, rendering, template_build
from cchc_docgen.view import build_views

from conftest import ROOT


def test_the_template_needs_no_name_the_view_does_not_give() -> None:
    template = DocxTemplate(str(rendering.default_template()))
    view = build_views(cchc_docgen.load_spec(ROOT / "examples" / "tinh-2026.yaml"))[0]
    assert template.get_undeclared_template_variables(jinja_env=rendering.environment(), context={"blocks": view.blocks}) == set()


def test_every_block_kind_the_view_makes_has_a_paragraph_in_the_template() -> None:
    kinds = {kind for kind, _style, _runs in template_build.BRANCHES}
    text = "\n".join(p.text for p in Document(str(rendering.default_template())).paragraphs)
    for kind in kinds:
        assert f'b.kind == "{kind}"' in text


def test_the_committed_template_matches_the_decree_data(tmp_path: Path) -> None:
    fresh = tmp_path / "cchc.docx"
    template_build.build(fresh)
    committed = Document(str(ROOT / "templates" / "cchc.docx"))
    rebuilt = Document(str(fresh))
    for spec in decree30.STYLES:
        ours, theirs = committed.styles[spec.name], rebuilt.styles[spec.name]
        assert (ours.font.size, ours.font.bold, ours.font.italic) == (theirs.font.size, theirs.font.bold, theirs.font.italic), spec.name
        assert ours.font.size.pt == spec.size
    assert [p.text for p in committed.paragraphs] == [p.text for p in rebuilt.paragraphs]


def test_the_default_template_ships_inside_the_package_or_the_checkout() -> None:
    assert rendering.default_template().is_file()
