"""Every signer form of Decree 30 (§4.1) prints its authority stack, and only valid ones pass."""

from __future__ import annotations

import pytest

import cchc_docgen

from conftest import OfficeQueue
from support.docx_facts import iter_blocks, open_docx

BASE = """
co_quan_ban_hanh: {cap: xa, dia_ban: Tân Phú}
ke_hoach:
  so: 4
  ngay: 10/02/2026
  trich_yeu: Cải cách hành chính năm 2026
  noi_dung:
    - loai: muc_dich_yeu_cau
      doan: [Phục vụ người dân tốt hơn.]
  noi_nhan: [UBND tỉnh (b/c)]
  luu: [VT]
  nguoi_ky:
%s
"""

FORMS = {
    "head in own right": ("chuc_vu: Chủ tịch", ["CHỦ TỊCH"]),
    "TM.": ("thay_mat: Ủy ban nhân dân\n    chuc_vu: Chủ tịch", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    "KT.": ("ky_thay: Chủ tịch\n    chuc_vu: Phó Chủ tịch", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    "TM. + KT.": ("thay_mat: Ủy ban nhân dân\n    ky_thay: Chủ tịch\n    chuc_vu: Phó Chủ tịch",
                  ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    "TL.": ("thua_lenh: Chủ tịch\n    chuc_vu: Chánh Văn phòng", ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
    "TL. + KT.": ("thua_lenh: Chủ tịch\n    ky_thay: Chánh Văn phòng\n    chuc_vu: Phó Chánh Văn phòng",
                  ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]),
    "TUQ.": ("thua_uy_quyen: Chủ tịch\n    chuc_vu: Giám đốc Sở Nội vụ", ["TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ"]),
    "Q.": ("thay_mat: Ủy ban nhân dân\n    quyen: co\n    chuc_vu: Chủ tịch", ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"]),
}


def _signature_lines(data: bytes) -> tuple[list[str], str]:
    document = open_docx(data)
    table = next(b for b in iter_blocks(document) if hasattr(b, "rows") and b.cell(0, 0).paragraphs[0].text == "Nơi nhận:")
    lines = [p.text for p in table.cell(0, 1).paragraphs if p.text.strip()]
    return lines[:-1], lines[-1]


@pytest.mark.parametrize("form", FORMS, ids=list(FORMS))
def test_each_signer_form_prints_its_authority_stack(form: str, office: OfficeQueue) -> None:
    fields, expected = FORMS[form]
    text = BASE % ("    " + fields + "\n    ho_ten: Nguyễn Thị Lan")
    document = cchc_docgen.render(cchc_docgen.parse_spec(text))[0]
    office.register(f"signer-{form}", document.data)
    authority, name = _signature_lines(document.data)
    assert authority == expected
    assert name == "Nguyễn Thị Lan"


@pytest.mark.parametrize("fields", [
    "thua_lenh: Chủ tịch\n    thua_uy_quyen: Chủ tịch\n    chuc_vu: Chánh Văn phòng",
    "thay_mat: Ủy ban nhân dân\n    thua_lenh: Chủ tịch\n    chuc_vu: Chánh Văn phòng",
])
def test_impossible_signer_combinations_are_refused(fields: str) -> None:
    with pytest.raises(cchc_docgen.SpecError) as caught:
        cchc_docgen.parse_spec(BASE % ("    " + fields + "\n    ho_ten: A"))
    assert any("nguoi_ky" in p.path for p in caught.value.problems)
