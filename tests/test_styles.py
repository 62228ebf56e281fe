"""A template restyled in Word or LibreOffice keeps working: each Decree 30 style is found by
its sample paragraph, its id or its name, and a style found by none is named in a message."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from cchc_docgen import TemplateError, decree30, parse_spec, render

from support.docx_facts import open_docx
from support.office import SOFFICE
from support.spec_builder import WITH_DECISION
from support.template_edits import DOCUMENT, STYLES, edited, members, pack, renamed_style

SPEC = parse_spec(WITH_DECISION)


def _styles_of(data: bytes) -> set[str]:
    """The names of the styles the document's paragraphs (body and tables) are shown in."""
    document = open_docx(data)
    paragraphs = list(document.paragraphs) + [p for t in document.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    return {p.style.name for p in paragraphs}


DEFAULT_SHOWN = set().union(*(_styles_of(d.data) for d in render(SPEC)))


@pytest.mark.parametrize("style", decree30.STYLES, ids=lambda s: s.style_id)
def test_renaming_a_style_in_word_keeps_the_template_working(tmp_path: Path, style: decree30.TextStyle, office) -> None:
    """Word keeps the id when a style is renamed (and every paragraph's reference to it)."""
    new_name = f"Kiểu của xã - {style.style_id}"
    template = edited(tmp_path / "mau.docx", {STYLES: [renamed_style(style.style_id, new_name)]})
    documents = render(SPEC, template=template)
    if style.style_id in ("CCHCQuocHieu", "CCHCHoTen"):
        office.register(f"renamed-{style.style_id}", documents[0].data)
    shown = set().union(*(_styles_of(d.data) for d in documents))
    if style.name in DEFAULT_SHOWN:  # -- a style this plan's documents use --
        assert new_name in shown and style.name not in shown
    assert len(shown) == len(DEFAULT_SHOWN)


def _regenerated_ids(parts: dict[str, str | bytes], renames: dict[str, str]) -> None:
    """What LibreOffice does on saving a .docx (measured with 7.4): every custom style's id
    made again from its name, keeping only ASCII letters and digits; here after the styles
    were renamed, so neither the old id nor the old name is left."""
    styles = parts[STYLES]
    assert isinstance(styles, str)
    for style_id, new_name in renames.items():
        new_id = re.sub(r"[^A-Za-z0-9]", "", new_name)
        old_name = decree30.STYLE_BY_ID[style_id].name
        styles = styles.replace(f'w:styleId="{style_id}"><w:name w:val="{old_name}"/>', f'w:styleId="{new_id}"><w:name w:val="{new_name}"/>')
        for name, text in parts.items():
            if isinstance(text, str) and name.startswith("word/"):
                parts[name] = text.replace(f'w:val="{style_id}"', f'w:val="{new_id}"')
        styles = styles.replace(f'w:val="{style_id}"', f'w:val="{new_id}"')
    parts[STYLES] = styles


def test_a_template_whose_styles_were_renamed_and_given_new_ids_is_read_by_its_samples(tmp_path: Path, office) -> None:
    parts = members()
    renames = {style.style_id: f"Xã {style.name.removeprefix('CCHC ')}" for style in decree30.STYLES}
    _regenerated_ids(parts, renames)
    template = tmp_path / "mau.docx"
    template.write_bytes(pack(parts))
    documents = render(SPEC, template=template)
    office.register("renamed-and-new-ids", documents[0].data)
    shown = _styles_of(documents[0].data)
    assert {renames["CCHCQuocHieu"], renames["CCHCCoQuan"], renames["CCHCHoTen"], renames["CCHCTrichYeu"]} <= shown
    assert not any(name.startswith("CCHC ") for name in shown)


def test_a_style_found_by_no_sample_id_or_name_is_named_with_what_to_do(tmp_path: Path) -> None:
    parts = members()
    _regenerated_ids(parts, {"CCHCQuocHieu": "Quốc hiệu"})
    document = parts[DOCUMENT]
    assert isinstance(document, str)
    parts[DOCUMENT] = document.replace("[CCHCQuocHieu]", "")  # -- and its sample paragraph edited --
    template = tmp_path / "mau.docx"
    template.write_bytes(pack(parts))
    with pytest.raises(TemplateError) as caught:
        render(SPEC, template=template)
    message = str(caught.value)
    assert message.startswith(str(template)) and "không còn kiểu đoạn 'CCHC Quốc hiệu' (mã CCHCQuocHieu)" in message
    assert "Gợi ý:" in message and "đặt lại tên 'CCHC Quốc hiệu'" in message


def test_a_copy_of_an_older_template_without_samples_is_read_by_id_and_name(tmp_path: Path) -> None:
    parts = members()
    document = parts[DOCUMENT]
    assert isinstance(document, str)
    parts[DOCUMENT] = re.sub(r" \[CCHC\w+\]", "", document)
    template = tmp_path / "mau.docx"
    template.write_bytes(pack(parts))
    assert "CCHC Quốc hiệu" in _styles_of(render(SPEC, template=template)[0].data)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_a_template_saved_again_by_libreoffice_keeps_working(tmp_path: Path, office) -> None:
    """A real round trip: LibreOffice rewrites every id from the name and re-splits runs."""
    from cchc_docgen.rendering import default_template

    source = tmp_path / "mau.docx"
    shutil.copy(default_template(), source)
    with tempfile.TemporaryDirectory(prefix="cchc-lo-profile-") as profile:
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", "docx:MS Word 2007 XML",
                        "--outdir", str(tmp_path / "lo"), str(source)], check=True, capture_output=True, timeout=180)  # fmt: skip
    saved = tmp_path / "lo" / "mau.docx"
    styles = members(saved)[STYLES]
    assert isinstance(styles, str) and 'w:styleId="CCHCQuocHieu"' not in styles  # -- the ids really changed --
    documents = render(SPEC, template=saved)
    office.register("libreoffice-resaved", documents[0].data)
    assert {"CCHC Quốc hiệu", "CCHC Họ tên người ký", "CCHC Trích yếu"} <= _styles_of(documents[0].data)
