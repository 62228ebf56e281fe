"""Word files typed by hand import to a specification that passes check and renders
their text again."""

from __future__ import annotations

import pytest

import cchc_docgen

from . import handmade
from conftest import REPORT
from support.imported import match, render_text

SHAPES = {
    "nhan-go-tay-tab": {},
    "dau-trang-trong-bang": {"header_table": True},
    "danh-so-tu-dong-cua-word": {"word_numbering": True},
    "phu-luc-gop-nhom": {"appendix": True},
    "bang-va-danh-so-va-phu-luc": {"header_table": True, "word_numbering": True, "appendix": True},
    "dau-trang-trong-khung-van-ban": {"text_boxes": True},
}


@pytest.mark.parametrize("name", SHAPES)
def test_a_hand_typed_word_plan_imports_and_renders_its_text(name, office, tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    shape = SHAPES[name]
    data = handmade.typed(**shape)
    office.register(f"import-handmade-{name}", data)
    source = tmp_path / f"{name}.docx"
    source.write_bytes(data)
    imported = cchc_docgen.import_plan(source)
    text, documents = render_text(imported.text, f"{name}.yaml")
    for document in documents:
        office.register(f"import-handmade-{name}-render", document.data)
    result = match(handmade.reference(data, shape), text)
    REPORT[f"import hand-made Word {name}"] = f"recall {result.recall:.4f}, precision {result.precision:.4f}"
    with capsys.disabled():
        print(f"\nimport hand-made {name}: recall {result.recall:.4f}, precision {result.precision:.4f}")
    assert result.recall >= 0.98, result.missing[:10]
    errors = [f for f in cchc_docgen.check(cchc_docgen.parse_spec(imported.text)) if f.severity == "lỗi"]
    assert errors == []


def test_the_header_typed_with_tabs_gives_issuer_number_place_and_date(tmp_path) -> None:
    source = tmp_path / "plan.docx"
    source.write_bytes(handmade.typed())
    spec = cchc_docgen.parse_spec(cchc_docgen.import_plan(source).text)
    assert (spec.issuer.level, spec.issuer.area) == ("xa", "Hòa Bình")
    assert spec.plan.number == 12 and spec.plan.date is not None
    assert (spec.plan.date.day, spec.plan.date.month, spec.plan.date.year) == (10, 1, 2026)
    signer = spec.plan.signer
    assert signer is not None and (signer.on_behalf, signer.deputy_for, signer.title, signer.name) == ("ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Bình")
    assert spec.plan.archive == ["VT", "VP"]


def test_word_numbering_labels_become_the_same_hierarchy_as_typed_labels(tmp_path) -> None:
    typed, numbered = tmp_path / "typed.docx", tmp_path / "numbered.docx"
    typed.write_bytes(handmade.typed())
    numbered.write_bytes(handmade.typed(word_numbering=True))
    a = cchc_docgen.parse_spec(cchc_docgen.import_plan(typed).text).plan.sections
    b = cchc_docgen.parse_spec(cchc_docgen.import_plan(numbered).text).plan.sections
    assert [s.kind for s in a] == [s.kind for s in b] == ["muc_dich_yeu_cau", "muc_tieu_chi_tieu", "nhiem_vu_giai_phap", "to_chuc_thuc_hien"]
    assert a == b


def test_merged_group_rows_of_the_task_table_become_reform_areas(tmp_path) -> None:
    source = tmp_path / "plan.docx"
    source.write_bytes(handmade.typed(appendix=True))
    imported = cchc_docgen.import_plan(source)
    spec = cchc_docgen.parse_spec(imported.text)
    assert [t.area for t in spec.tasks] == ["thu_tuc_hanh_chinh", "thu_tuc_hanh_chinh", "chinh_quyen_so"]
    second = spec.tasks[1]
    assert [spec.agencies[p] if isinstance(spec.agencies[p], str) else spec.agencies[p].name for p in second.partners] == ["Văn phòng HĐND và UBND xã", "Công an xã"]
    assert second.deadline.text == "30/11/2026"
    targets = next(s for s in spec.plan.sections if s.kind == "muc_tieu_chi_tieu").targets
    assert [(t.value, t.unit) for t in targets] == [(98, "%"), (100, "%")]


def test_a_header_in_text_boxes_is_read_from_the_boxes(tmp_path) -> None:
    source = tmp_path / "plan.docx"
    source.write_bytes(handmade.typed(text_boxes=True))
    imported = cchc_docgen.import_plan(source)
    assert "suy từ dòng tên cơ quan 'XÃ HÒA BÌNH'" in imported.text
    assert not any("không có phần đầu" in note for note in imported.notes)
