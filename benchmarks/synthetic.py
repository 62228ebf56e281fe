"""Synthetic plan specifications of any size, in Vietnamese, for the benchmarks.

A real district plan has 20 to 80 tasks; a provincial programme can list a thousand. The
generator is seeded, so every run measures the same text, and the words come from the
vocabulary of real plans so that text widths, escaping and XML sizes are realistic.
"""

from __future__ import annotations

import random

AREAS = ("chi_dao_dieu_hanh", "the_che", "thu_tuc_hanh_chinh", "to_chuc_bo_may", "cong_vu", "tai_chinh_cong", "chinh_quyen_so")
AGENCIES = {
    "pnv": ("Phòng Nội vụ", "Phòng NV"),
    "ptp": ("Phòng Tư pháp", "Phòng TP"),
    "vp": ("Văn phòng HĐND và UBND", "VP HĐND-UBND"),
    "ptckh": ("Phòng Tài chính - Kế hoạch", "Phòng TC-KH"),
    "pvhtt": ("Phòng Văn hóa và Thông tin", "Phòng VH-TT"),
    "pkt": ("Phòng Kinh tế", "Phòng KT"),
    "ptnmt": ("Phòng Tài nguyên và Môi trường", "Phòng TN-MT"),
    "pgddt": ("Phòng Giáo dục và Đào tạo", "Phòng GD-ĐT"),
    "pyt": ("Phòng Y tế", "Phòng YT"),
    "pldtbxh": ("Phòng Lao động - Thương binh và Xã hội", "Phòng LĐ-TB&XH"),
    "cax": ("Công an huyện", None),
    "ttvh": ("Trung tâm Văn hóa - Thể thao và Truyền thanh", "TT VH-TT&TT"),
}
VERBS = (
    "Rà soát",
    "Triển khai",
    "Tổ chức",
    "Kiểm tra",
    "Tuyên truyền",
    "Xây dựng",
    "Đánh giá",
    "Cập nhật",
    "Công khai",
    "Số hóa",
    "Nâng cấp",
    "Theo dõi",
)
OBJECTS = (
    "văn bản quy phạm pháp luật do HĐND, UBND huyện ban hành",
    "thủ tục hành chính thuộc thẩm quyền giải quyết của UBND cấp xã",
    "kết quả giải quyết hồ sơ trên Hệ thống thông tin giải quyết thủ tục hành chính",
    "vị trí việc làm và cơ cấu ngạch công chức",
    "kế hoạch kiểm tra công vụ, kỷ luật, kỷ cương hành chính",
    "dịch vụ công trực tuyến toàn trình & thanh toán trực tuyến",
    "Bộ phận Một cửa các cấp theo Nghị định số 61/2018/NĐ-CP",
    "cơ chế tự chủ tài chính tại các đơn vị sự nghiệp công lập",
    "chỉ số hài lòng của người dân, tổ chức (SIPAS) <năm nay>",
    "kho dữ liệu số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
)
TAILS = (
    "trên địa bàn huyện",
    "theo chỉ đạo của UBND tỉnh",
    "gắn với trách nhiệm người đứng đầu",
    "bảo đảm đúng tiến độ, chất lượng",
    "",
)
DEADLINES = (
    "quý I/2026",
    "quý II/2026",
    "quý III/2026",
    "quý IV/2026",
    "30/6/2026",
    "tháng 9/2026",
    "năm 2026",
    "thường xuyên",
    "hằng quý",
)
PRODUCTS = ("Báo cáo kết quả", "Kế hoạch", "Quyết định", "Danh mục", "Văn bản hướng dẫn", None)
PARAGRAPH = (
    "Tiếp tục đẩy mạnh cải cách hành chính, trọng tâm là cải cách thủ tục hành chính, xây dựng chính quyền số, "
    "nâng cao chất lượng phục vụ người dân, tổ chức và doanh nghiệp; siết chặt kỷ luật, kỷ cương hành chính "
    "gắn với trách nhiệm người đứng đầu các cơ quan, đơn vị."
)


def plan_yaml(tasks: int, *, seed: int = 2026, issuer: str = "Thăng Bình") -> str:
    """A district plan with ``tasks`` tasks in an appendix table and in the agencies' duties."""
    rng = random.Random(seed)
    out = [
        "co_quan_ban_hanh:",
        "  cap: xa",
        f"  dia_ban: {issuer}",
        "co_quan:",
    ]
    for code, (name, short) in AGENCIES.items():
        out.append(f"  {code}: {{ten: {name}, ten_ngan: {short}}}" if short else f"  {code}: {name}")
    out.append("nhiem_vu:" if tasks else "nhiem_vu: []")
    codes = list(AGENCIES)
    for index in range(tasks):
        lead = rng.choice(codes)
        partners = rng.sample([c for c in codes if c != lead], rng.randint(0, 3))
        tail = rng.choice(TAILS)
        text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}{' ' + tail if tail else ''} (nhiệm vụ {index + 1})"
        out += [
            f"  - linh_vuc: {AREAS[index % len(AREAS)]}",
            f'    noi_dung: "{text}"',
            f"    chu_tri: {lead}",
            f"    thoi_han: {rng.choice(DEADLINES)}",
        ]
        if partners:
            out.append(f"    phoi_hop: [{', '.join(partners)}]")
        product = rng.choice(PRODUCTS)
        if product:
            out.append(f"    san_pham: {product}")
    out += [
        "ke_hoach:",
        "  so: 53",
        "  ngay: 14/01/2026",
        "  trich_yeu: Công tác cải cách hành chính năm 2026",
        "  can_cu:",
        "    - loai: Nghị quyết",
        "      so: 76/NQ-CP",
        "      ngay: 15/7/2021",
        "      co_quan: Chính phủ",
        "      trich_yeu: ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030",
        "  mo_dau:",
        f"    - UBND xã {issuer} xây dựng kế hoạch thực hiện cụ thể như sau:",
        "  noi_dung:",
        "    - loai: muc_dich_yeu_cau",
        "      muc:",
        "        - loai: muc_dich",
        f'          doan: ["{PARAGRAPH}", "{PARAGRAPH}"]',
        "        - loai: yeu_cau",
        f'          y: ["{PARAGRAPH}", "Các cơ quan, đơn vị phát huy tinh thần chủ động, sáng tạo."]',
        "    - loai: muc_tieu_chi_tieu",
        "      liet_ke: so",
        "      chi_tieu:",
        '        - {noi_dung: Mức độ hài lòng của người dân đạt trên 90%., gia_tri: 90, don_vi: "%"}',
        "        - 100% thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình.",
        "        - Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 100%.",
        "    - loai: nhiem_vu_cu_the",
        "    - loai: kinh_phi",
        "    - loai: to_chuc_thuc_hien",
        "      nhiem_vu: co",
        "      muc:",
        "        - co_quan: pnv",
        '          y: ["Chủ trì, tham mưu UBND theo dõi, kiểm tra việc thực hiện Kế hoạch này."]',
    ]
    if tasks:
        out += ["  phu_luc:", "    - {}"]
    out += [
        "  noi_nhan:",
        "    - Sở Nội vụ (b/c)",
        "    - co_quan: pnv",
        "  luu: [VT, NV]",
        "  nguoi_ky:",
        "    thay_mat: Ủy ban nhân dân",
        "    chuc_vu: Chủ tịch",
        "    ho_ten: Nguyễn Văn An",
    ]
    return "\n".join(out) + "\n"
