"""What a plan writes beyond its text comes back from its document: content in written
order (lan_luot), targets of several milestones (moc), and each agency once, however the
document names it (full name in the body, short name in the Phụ lục table)."""

from __future__ import annotations

import pytest

import cchc_docgen
from cchc_docgen.spec import derive
from cchc_docgen.spec.model import Agency, Section, Spec, Target

from . import handmade
from conftest import DATA, EXAMPLES, PLAN_SPECS, REPORT
from support.imported import match, render_text, text_of

TYPED = DATA / "import" / "ten-ngan-moc-lan-luot.docx"
_BLOCK_KEYS = {"paragraphs": "doan", "items": "y", "targets": "chi_tieu", "tasks": "nhiem_vu", "subsections": "muc"}


def _sections(spec: Spec) -> list[Section]:
    return [section for section, _ in derive.walk_sections(spec.plan.sections)]


def _in_order(spec: Spec) -> list[list[tuple[str, list[str]]]]:
    """Each lan_luot as (key, the texts it holds) per block."""
    shapes = []
    for section in _sections(spec):
        if section.content:
            blocks = []
            for block in section.content:
                for name, key in _BLOCK_KEYS.items():
                    values = getattr(block, name)
                    if values:
                        blocks.append((key, [v if isinstance(v, str) else (v.text or v.title or "") for v in values]))
            shapes.append(blocks)
    return shapes


def _milestones(spec: Spec) -> list[tuple[str, list[tuple[float, int | None, str | None]]]]:
    return [(t.text, [(m.value, m.year, m.deadline.text if m.deadline else None) for m in t.milestones])
            for section in _sections(spec) for t in section.all_targets() if isinstance(t, Target) and t.milestones]  # fmt: skip


def _names(spec: Spec) -> dict[str, tuple[str, str | None]]:
    return {key: (a.name, a.short) if isinstance(a, Agency) else (a, None) for key, a in spec.agencies.items()}


def _warnings(spec: Spec, rule: str) -> list[str]:
    return [f.message for f in cchc_docgen.check(spec) if f.rule == rule]


@pytest.fixture(scope="module")
def typed(office) -> tuple[cchc_docgen.ImportResult, Spec]:
    office.register("import-short-names-milestones", TYPED.read_bytes())
    imported = cchc_docgen.import_plan(TYPED)
    return imported, cchc_docgen.parse_spec(imported.text)


@pytest.mark.parametrize("spec_path", [*PLAN_SPECS, *EXAMPLES], ids=lambda p: p.stem)
def test_a_rendered_plan_imports_with_its_order_its_milestones_and_each_agency_once(spec_path, office, tmp_path) -> None:
    original = cchc_docgen.load_spec(spec_path)
    document = cchc_docgen.render(original, mode="gop")[0]
    office.register(f"import-structures-{spec_path.stem}", document.data)
    source = tmp_path / f"{spec_path.stem}.docx"
    source.write_bytes(document.data)
    imported = cchc_docgen.parse_spec(cchc_docgen.import_plan(source).text)
    assert _in_order(imported) == _in_order(original)
    assert _milestones(imported) == _milestones(original)
    printed = text_of([document])
    before, after = _names(original).values(), set(_names(imported).values())
    # -- an agency whose two names are both printed comes back as one, with both --
    both = [(name, short) for name, short in before if short and short in printed.replace(name, "") and name in printed]
    assert set(both) <= after
    names = [name for name, _ in after]
    assert not [(name, short) for name, short in before if short and name in names and short in names]
    assert len(_warnings(imported, "CT-GIA-TRI")) <= len(_warnings(original, "CT-GIA-TRI"))
    REPORT[f"import structures {spec_path.stem}"] = f"{len(_in_order(original))} lan_luot, {len(_milestones(original))} moc, {len(both)} short names paired"


def test_a_hand_typed_plan_with_short_names_in_its_table_declares_each_agency_once(typed) -> None:
    imported, spec = typed
    assert sorted(_names(spec).values()) == [
        ("Công an xã", None),
        ("Trung tâm Phục vụ hành chính công xã", "Trung tâm PVHCC"),
        ("Văn phòng HĐND và UBND xã", "Văn phòng HĐND-UBND"),
    ]
    office_id = next(key for key, (name, _) in _names(spec).items() if name.startswith("Văn phòng"))
    assert spec.tasks[0].lead == office_id and spec.tasks[1].partners == [office_id]
    duties = next(s for s in spec.plan.sections if s.kind == "to_chuc_thuc_hien")
    assert duties.subsections[0].agency == office_id
    assert "ten_ngan: Văn phòng HĐND-UBND  # đoán: 'Văn phòng HĐND-UBND' (trong bảng) coi là tên ngắn của 'Văn phòng HĐND và UBND xã'" in imported.text


def test_a_target_of_two_milestones_is_imported_with_moc_and_agrees_with_its_sentence(typed) -> None:
    imported, spec = typed
    assert _milestones(spec) == [(
        "Tỷ lệ hồ sơ được giải quyết trực tuyến toàn trình đạt 60% trong 6 tháng đầu năm; đến hết năm 2026 đạt 80%.",
        [(60, None, "6 tháng đầu năm 2026"), (80, 2026, None)],
    )]
    assert "moc:  # đoán:" in imported.text
    assert _warnings(spec, "CT-GIA-TRI") == []


def test_paragraphs_typed_between_numbered_targets_keep_their_place_with_lan_luot(typed) -> None:
    _, spec = typed
    [shape] = _in_order(spec)
    assert [key for key, _ in shape] == ["doan", "chi_tieu", "doan", "chi_tieu"]
    assert shape[2][1] == ["Về chuyển đổi số trong giải quyết thủ tục hành chính:"]
    section = next(s for s in spec.plan.sections if s.content)
    assert section.list_style == "so" and not (section.paragraphs or section.targets or section.subsections)


def test_the_hand_typed_plan_renders_back_to_its_own_text(typed, office) -> None:
    imported, _ = typed
    text, documents = render_text(imported.text, "ten-ngan-moc-lan-luot.yaml")
    for document in documents:
        office.register("import-short-names-milestones-render", document.data)
    result = match(handmade.reference(TYPED.read_bytes(), {}), text)
    REPORT["import hand-made Word ten-ngan-moc-lan-luot"] = f"recall {result.recall:.4f}, precision {result.precision:.4f}"
    assert result.recall == 1.0, result.missing[:5]
    assert result.precision == 1.0, result.extra[:5]


