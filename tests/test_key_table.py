"""docs/khoa.md lists every key where it may stand, generated from the model: never stale."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from cchc_docgen.spec import model
from cchc_docgen.spec.key_table import markdown

PAGE = Path(__file__).resolve().parent.parent / "docs" / "khoa.md"


def test_the_page_is_what_the_model_generates() -> None:
    assert PAGE.read_text(encoding="utf-8") == markdown(), "run: python -m cchc_docgen.spec.key_table > docs/khoa.md"


def test_every_key_of_every_group_is_listed_with_where_its_group_stands() -> None:
    page = markdown()
    for cls in (model.Section, model.ContentBlock, model.BodyTask, model.Milestone, model.LegalRef, model.Plan):
        for field in dataclasses.fields(cls):
            if "key" in field.metadata:
                assert f"| `{field.metadata['key']}` |" in page
    section = page[page.index("## Mục\n") :]
    assert section.split("\n\n")[2] == "Đặt ở: Kế hoạch: `noi_dung`; Mục: `muc`; Phần của lan_luot: `muc`."
