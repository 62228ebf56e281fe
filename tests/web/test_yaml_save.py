"""Saving the form's plan back into the file it came from keeps the drafter's comments and
layout: only the changed values' characters change; a changed shape is written anew."""

from __future__ import annotations

import pytest

import cchc_docgen
from cchc_docgen.web.checks import from_yaml
from cchc_docgen.web.yaml_save import save_text

from .conftest import ROOT

EXAMPLE = (ROOT / "examples" / "xa-2026-du-thao.yaml").read_text(encoding="utf-8")


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    a, b = before.splitlines(), after.splitlines()
    assert len(a) == len(b)
    return [(x, y) for x, y in zip(a, b, strict=True) if x != y]


def test_a_changed_value_is_written_in_place_and_every_comment_stays() -> None:
    data = from_yaml(EXAMPLE)
    data["nhiem_vu"][2]["noi_dung"] = "Rà soát: toàn bộ văn bản"  # -- a colon: must be quoted --
    data["quyet_dinh"]["luu"][1] = "NV, X"  # -- a comma inside [ ]: must be quoted --
    data["quyet_dinh"]["du_thao"] = False  # -- the form's yes/no; the file says co/khong --
    data["ke_hoach"]["mo_dau"][0] = "Ủy ban nhân dân xã ban hành như sau:"  # -- was a sentence ending in ':' --
    text, kept = save_text(data, EXAMPLE)
    assert kept
    old_task = from_yaml(EXAMPLE)["nhiem_vu"][2]["noi_dung"]
    assert changed_lines(EXAMPLE, text) == [
        (f"    noi_dung: {old_task}", "    noi_dung: 'Rà soát: toàn bộ văn bản'"),
        ("  du_thao: co                # in dấu DỰ THẢO, để trống số và ngày", "  du_thao: khong                # in dấu DỰ THẢO, để trống số và ngày"),
        ("  luu: [VT, VP]", '  luu: [VT, "NV, X"]'),
        ("    - Ủy ban nhân dân xã An Thới Đông ban hành Kế hoạch cải cách hành chính năm 2026 như sau:", "    - 'Ủy ban nhân dân xã ban hành như sau:'"),
    ]
    spec = cchc_docgen.parse_spec(text)
    assert spec.tasks[2].text == "Rà soát: toàn bộ văn bản" and spec.decision is not None and spec.decision.archive == ["VT", "NV, X"]


def test_the_unchanged_plan_saves_as_the_file_byte_for_byte() -> None:
    assert save_text(from_yaml(EXAMPLE), EXAMPLE) == (EXAMPLE, True)


@pytest.mark.parametrize("change", ["add task", "remove key"])
def test_a_changed_shape_is_written_anew_and_said_so(change: str) -> None:
    data = from_yaml(EXAMPLE)
    if change == "add task":
        data["nhiem_vu"].append(dict(data["nhiem_vu"][0]))
    else:
        del data["linh_vuc"]
    text, kept = save_text(data, EXAMPLE)
    assert not kept and from_yaml(text) == data
    assert len(cchc_docgen.parse_spec(text).tasks) == len(data["nhiem_vu"])
