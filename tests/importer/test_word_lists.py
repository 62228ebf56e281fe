"""Word's automatic list labels are read as Word and LibreOffice print them: instances of
one list continue each other, and a list restarted or set to another value (w:lvlOverride,
w:startOverride) starts where it says."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import cchc_docgen
from cchc_docgen.importer.read import read

from . import handmade
from conftest import DATA
from support.imported import labels, render_text

FIXTURE = DATA / "import" / "danh-so-word-dat-lai.docx"
_LABEL = re.compile(r"^\s*([IVX]+\.|\d+\.|[a-z]\))\s+(\S.*)$")


def _printed_labels(pdf: Path) -> list[str]:
    """The label LibreOffice printed before each list paragraph of the fixture, in order."""
    lines = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.splitlines()
    labelled = [(m.group(1), m.group(2).strip()) for line in lines if (m := _LABEL.match(line))]
    result, position = [], 0
    for num, _, _, text in handmade.DRAFTED_BODY:
        if num is None:
            continue
        # -- the next labelled line that starts the paragraph (a long one wraps in the PDF) --
        while not text.startswith(labelled[position][1]):
            position += 1
        result.append(labelled[position][0])
        position += 1
    return result


@pytest.fixture(scope="module")
def printed(office) -> list[str]:
    queued = office.register("import-word-lists-restart", FIXTURE.read_bytes())
    office.convert_now([queued])
    return _printed_labels(office.pdf_of(queued))


def test_the_stored_fixture_is_the_one_the_builder_makes() -> None:
    # -- the stored file is what handmade.drafted writes; its lists are the ones described there --
    stored = cchc_docgen.import_plan(FIXTURE).text
    rebuilt = FIXTURE.parent / "rebuilt.docx"
    try:
        rebuilt.write_bytes(handmade.drafted(word_lists=True))
        assert cchc_docgen.import_plan(rebuilt).text.replace("rebuilt.docx", FIXTURE.name) == stored
    finally:
        rebuilt.unlink(missing_ok=True)


def test_list_labels_read_from_numbering_xml_are_the_ones_libreoffice_prints(printed: list[str]) -> None:
    read_labels = [line.typed_label for line in read(FIXTURE) if line.typed_label and line.typed_label not in "-+"]
    assert read_labels == printed
    # -- what the file exercises: an instance continuing another (3.), one restarted (1. under
    # -- IV.), one set to start at IV.; read per instance from 1 they would come out otherwise --
    assert printed == [label for num, _, label, _ in handmade.DRAFTED_BODY if num is not None]


def test_a_plan_numbered_by_restarted_word_lists_renders_back_with_the_same_labels(printed: list[str], office) -> None:
    imported = cchc_docgen.import_plan(FIXTURE)
    text, documents = render_text(imported.text, "danh-so-word-dat-lai.yaml")
    for document in documents:
        office.register("import-word-lists-restart-render", document.data)
    group_rows = [group.split()[0] for group, _ in handmade.DRAFTED_GROUPS]  # -- the Phụ lục's 'I. Cải cách …' --
    assert labels(text) == printed + group_rows
    typed = cchc_docgen.import_plan(DATA / "import" / "ten-ngan-moc-lan-luot.docx").text
    assert cchc_docgen.parse_spec(imported.text).plan.sections == cchc_docgen.parse_spec(typed).plan.sections


def test_a_list_level_redefined_by_its_instance_prints_in_the_instance_format(office, tmp_path) -> None:
    # -- Word writes a whole w:lvl inside w:lvlOverride when a drafter changes one list's
    # -- number format: the targets of this list print a), b), c), not 1., 2., 3. --
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = Document()
    root = document.part.numbering_part.element
    root.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="80"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                             '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'))
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="80"><w:abstractNumId w:val="80"/><w:lvlOverride w:ilvl="0">'
                          '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl>'
                          "</w:lvlOverride></w:num>"))
    texts = ["Rà soát thủ tục hành chính thuộc thẩm quyền", "Số hóa hồ sơ, kết quả giải quyết", "Công khai quy trình nội bộ"]
    for text in texts:
        paragraph = document.add_paragraph()
        paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="80"/></w:numPr>'))
        paragraph.add_run(text)
    path = tmp_path / "dinh-dang-rieng.docx"
    document.save(path)
    queued = office.register("import-word-lists-redefined", path.read_bytes())
    office.convert_now([queued])
    lines = subprocess.run(["pdftotext", "-layout", str(office.pdf_of(queued)), "-"], capture_output=True, text=True, check=True).stdout
    printed = [m.group(1) for line in lines.splitlines() if (m := _LABEL.match(line))]
    assert [line.typed_label for line in read(path)] == printed == ["a)", "b)", "c)"]
