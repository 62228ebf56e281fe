"""Small plans for structure tests: only the body changes, so the YAML a test reads sits
beside what it asserts."""

from __future__ import annotations

import textwrap

import pytest

import cchc_docgen
from cchc_docgen.view import DocumentView, build_views

HEAD = """\
co_quan_ban_hanh: {cap: xa, dia_ban: Hưng Thịnh}
co_quan:
  vp: Văn phòng HĐND và UBND xã
  tp: {ten: Công chức Tư pháp - Hộ tịch, ten_ngan: Tư pháp}
"""
PLAN = """\
ke_hoach:
  so: 9
  ngay: 03/3/2026
  trich_yeu: Cải cách hành chính năm 2026
  noi_nhan: [{co_quan: vp}, {co_quan: tp}]
  luu: [VT, VP]
  nguoi_ky: {thay_mat: Ủy ban nhân dân, chuc_vu: Chủ tịch, ho_ten: Nguyễn Văn A}
"""


def plan(body: str, *, plan_keys: str = "", top: str = "") -> str:
    """A plan whose ``noi_dung`` is ``body`` (YAML indented from column 0); ``plan_keys``
    are more keys of ke_hoach, ``top`` more top-level keys (nhiem_vu, quyet_dinh)."""
    indented = textwrap.indent(textwrap.dedent(body).strip("\n"), "    ") + "\n"
    keys = textwrap.indent(textwrap.dedent(plan_keys).strip("\n"), "  ") + "\n" if plan_keys else ""
    return HEAD + textwrap.dedent(top) + PLAN + keys + "  noi_dung:\n" + indented


def view_of(text: str) -> DocumentView:
    # -- the content as written: line breaking (its own tests, tests/linebreak and test_layout) left out --
    return build_views(cchc_docgen.parse_spec(text, "ke-hoach.yaml"), lines=False)[0]


def body_lines(text: str) -> list[str]:
    """The printed lines of the plan's body, label and text: after its title, before its
    closing sentence (căn cứ and mở đầu included when the plan has them)."""
    return [line for _, line in styled_lines(text)]


def styled_lines(text: str) -> list[tuple[str, str]]:
    """(block kind, printed line) of every block of the plan's body, closing sentence left out."""
    blocks = view_of(text).blocks
    start = next(i for i, b in enumerate(blocks) if b.kind == "trich_yeu") + 1
    end = next(i for i in range(start, len(blocks)) if blocks[i].kind == "danh_dau")
    return [(b.kind, f"{b.label}{b.text}") for b in blocks[start:end] if b.kind in ("muc", "tieu_de", "than", "than_dam")][:-1]


def fragment_plan(fragment: str) -> str:
    """A plan from a fragment of ``ke_hoach`` keys, as docs/cau-truc.md writes its examples."""
    keys = PLAN.removeprefix("ke_hoach:\n")
    if "trich_yeu:" in fragment:
        keys = keys.replace("  trich_yeu: Cải cách hành chính năm 2026\n", "")
    return HEAD + "ke_hoach:\n" + keys + textwrap.indent(fragment, "  ")


def printed(fragment: str) -> list[str]:
    """What a docs fragment prints: the body's lines, and the title's lines first when the
    fragment sets the trích yếu."""
    text = fragment_plan(fragment)
    title = [next(b.text for b in view_of(text).blocks if b.kind == "trich_yeu")] if "trich_yeu:" in fragment else []
    return [*"\n".join(title).splitlines(), *body_lines(text)]


def refused(text: str) -> list[tuple[str, str]]:
    """(field path, message) of every problem that stops ``text`` from loading."""
    with pytest.raises(cchc_docgen.SpecError) as caught:
        cchc_docgen.parse_spec(text, "ke-hoach.yaml")
    return [(p.path, p.message) for p in caught.value.problems]


def refused_at(text: str) -> list[str]:
    """The field paths of every problem that stops ``text`` from loading."""
    return [path for path, _ in refused(text)]
