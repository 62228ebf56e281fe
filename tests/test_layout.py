"""Every document the catalogue renders meets Decree 30, read back from the DOCX."""

from __future__ import annotations

import pytest

import cchc_docgen
from cchc_docgen import decree30
from cchc_docgen.metrics import text_width_mm

from conftest import REPORT, Rendered
from support.decree_checks import _rule_length, check_document
from support.docx_facts import iter_blocks, open_docx, resolved
from support.small_plans import plan

_COUNTS: dict[str, int] = {}


def test_every_catalogue_document_meets_decree_30(catalogue: list[Rendered]) -> None:
    failures = []
    for item in catalogue:
        facts = check_document(open_docx(item.document.data), item.label)
        _COUNTS[item.label] = len(facts.checked)
        failures += facts.failures
    REPORT["layout facts asserted"] = f"{sum(_COUNTS.values())} over {len(_COUNTS)} documents"
    assert not failures, "\n".join(failures[:20])



# -- numbering read back from the DOCX: every scheme at every depth, with its style --
SCHEMES = ["la_ma", "so", "thap_phan", "chu", "gach", "cong", "khong"]
DEPTHS = 6
# -- the label of an entry from its path (0-based position at each depth), written out
# independently of cchc_docgen.numbering --
LABELS = {
    "la_ma": lambda path: ["I.", "II."][path[-1]],
    "so": lambda path: f"{path[-1] + 1}.",
    "thap_phan": lambda path: ".".join(str(p + 1) for p in path) + ".",
    "chu": lambda path: ["a)", "b)"][path[-1]],
    "gach": lambda path: "-",
    "cong": lambda path: "+",
    "khong": lambda path: "",
}


def _chain(depth: int) -> str:
    """Two sections at every depth, the first holding the next depth."""
    indent = "    " * (depth - 1)
    inner = f"{indent}  muc:\n{_chain(depth + 1)}" if depth < DEPTHS else ""
    return f"{indent}- tieu_de: Cấp {depth}\n{inner}{indent}- tieu_de: Cấp {depth} tiếp\n"


def _rendered(text: str, name: str, office) -> list:
    document = cchc_docgen.render(cchc_docgen.parse_spec(text))[0]
    office.register(name, document.data)
    return list(iter_blocks(open_docx(document.data)))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_numbering_scheme_prints_at_every_depth_in_its_style(scheme: str, office) -> None:
    blocks = _rendered(plan(_chain(1), plan_keys=f"danh_so: [{', '.join([scheme] * DEPTHS)}]"), f"numbering-{scheme}", office)
    headings = [p for p in blocks if getattr(p, "style", None) is not None and p.style.style_id in ("CCHCMuc", "CCHCTieuDe")]
    # -- document order: the first section of each depth going down, then the second ones coming back up --
    paths = [[0] * depth for depth in range(1, DEPTHS + 1)] + [[0] * (depth - 1) + [1] for depth in range(DEPTHS, 0, -1)]
    assert len(headings) == len(paths)
    for paragraph, path in zip(headings, paths, strict=True):
        depth = len(path)
        title = f"Cấp {depth}" + (" tiếp" if path[-1] else "")
        part = scheme == "la_ma" or (scheme == "khong" and depth == 1)  # -- §6b: a part is bold capitals --
        mark = LABELS[scheme](path)
        assert paragraph.text == (f"{mark} " if mark else "") + (title.upper() if part else title)
        assert paragraph.style.style_id == ("CCHCMuc" if part else "CCHCTieuDe"), paragraph.text
        runs = [r for r in paragraph.runs if r.text]
        assert all(resolved(paragraph, r, "bold") for r in runs), paragraph.text
        assert not any(resolved(paragraph, r, "italic") for r in runs), paragraph.text


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_list_scheme_prints_at_every_depth_in_body_style(scheme: str, office) -> None:
    items = "Ý 4"
    for depth in (3, 2, 1):
        items = f"{{noi_dung: Ý {depth}, y: [{items}, Ý {depth + 1} tiếp]}}"
    text = plan(f"""
        - tieu_de: Danh sách
          liet_ke: [{', '.join([scheme] * 4)}]
          y: [{items}]
        """)
    blocks = _rendered(text, f"list-{scheme}", office)
    lines = [p for p in blocks if getattr(p, "style", None) is not None and p.style.style_id == "CCHCThan" and "Ý" in p.text]
    paths = [[0], [0, 0], [0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1], [0, 1]]
    titles = ["Ý 1", "Ý 2", "Ý 3", "Ý 4", "Ý 4 tiếp", "Ý 3 tiếp", "Ý 2 tiếp"]
    assert len(lines) == len(paths)
    for paragraph, path, title in zip(lines, paths, titles, strict=True):
        mark = LABELS[scheme](path)  # -- under 'I.' a decimal list starts afresh: 1., 1.1., … --
        assert paragraph.text == (f"{mark} " if mark else "") + title
        assert not any(resolved(paragraph, r, "bold") for r in paragraph.runs if r.text), paragraph.text


def test_the_rule_under_a_title_given_as_lines_is_sized_on_its_longest_line(office) -> None:
    lines = ["Cải cách hành chính của xã Hưng Thịnh, tỉnh Đồng Nai", "giai đoạn 2026 - 2030"]
    text = plan("- {tieu_de: A}").replace("  trich_yeu: Cải cách hành chính năm 2026\n", f'  trich_yeu:\n    - "{lines[0]}"\n    - {lines[1]}\n')
    paragraphs = [p for p in _rendered(text, "two-line-title", office) if getattr(p, "style", None) is not None]
    title = next(i for i, p in enumerate(paragraphs) if p.style.style_id == "CCHCTrichYeu")
    assert paragraphs[title].text == "\n".join(lines)
    available = decree30.PORTRAIT.text_width
    rule = _rule_length(paragraphs[title + 1], available)
    longest = text_width_mm(lines[0], 14, bold=True)
    assert rule is not None and longest / 3 <= rule <= longest / 2
    unbroken = min(text_width_mm(" ".join(lines), 14, bold=True), available)
    assert rule < unbroken / 3  # -- sized on the unbroken sentence it would have left the decree's 1/3–1/2 --
