"""A clean, minimal specification for tests to break one thing at a time.

Every rule of the check command passes on ``BASE``; a test applies its own replacements
so the YAML it reads is in the test, next to what it asserts.
"""

from __future__ import annotations

from pathlib import Path

BASE = """\
co_quan_ban_hanh:
  cap: huyen
  dia_ban: Thăng Bình
co_quan:
  pnv: {ten: Phòng Nội vụ, ten_ngan: Phòng NV}
  ptp: Phòng Tư pháp
nhiem_vu:
  - linh_vuc: the_che
    noi_dung: Rà soát văn bản quy phạm pháp luật do HĐND, UBND huyện ban hành
    chu_tri: ptp
    phoi_hop: [pnv]
    thoi_han: quý II/2021
ke_hoach:
  so: 5
  ngay: 14/01/2021
  trich_yeu: Công tác cải cách hành chính năm 2021
  noi_dung:
    - loai: muc_tieu_chi_tieu
      chi_tieu:
        - noi_dung: Mức độ hài lòng của người dân đạt trên 85%.
          gia_tri: 85
          don_vi: "%"
    - loai: nhiem_vu_cu_the
  phu_luc:
    - {}
  noi_nhan:
    - co_quan: pnv
    - co_quan: ptp
  luu: [VT, NV]
  nguoi_ky:
    thay_mat: Ủy ban nhân dân
    chuc_vu: Chủ tịch
    ho_ten: Võ Văn Hùng
"""

# The same plan issued with a decision (Mẫu 1.3): number, date, recipients and signature move to it.
WITH_DECISION = (
    BASE.replace("  so: 5\n  ngay: 14/01/2021\n", "").split("  noi_nhan:")[0]
    + "quyet_dinh:\n  so: 12\n  ngay: 14/01/2021\n  noi_nhan:"
    + BASE.split("  noi_nhan:")[1]
)


def spec_text(*replacements: tuple[str, str], base: str = BASE, extra: str = "") -> str:
    """``base`` with each (old, new) replaced once; every old text must be there."""
    text = base
    for old, new in replacements:
        if old not in text:
            raise AssertionError(f"the base specification has no {old!r}")
        text = text.replace(old, new, 1)
    return text + extra


def write_spec(folder: Path, text: str = BASE, name: str = "ke-hoach.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
