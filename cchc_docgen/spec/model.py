"""The plan specification: what a drafter writes in YAML.

Keys are Vietnamese words without diacritics so a drafter who reads no English can
write them; the Python names are English. Every field's second argument is the help text
a drafter sees (in messages and in the JSON Schema shown by their editor).

The field types are evaluated when the classes are made (this module does not use ``from
__future__ import annotations``): the engine reads them with ``typing.get_type_hints`` in
every process, which compiles each annotation kept as a string (5.5 ms for the model's
classes, 2 ms with the types already made: measured). Only an annotation naming a class not yet defined (itself, or one further
down) is written as a string.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

# -- every model class: init=False, repr=False, eq=False, because Node gives them the same
# methods once (see its docstring and spec/construct.py) --
from .schema import Node, key
from .values import Deadline, Period, VnDate

Level = Literal[
    "tinh", "thanh_pho", "xa", "phuong", "dac_khu",  # after the 2025 two-tier reform
    "huyen", "quan", "thi_xa", "thanh_pho_thuoc_tinh", "thi_tran",  # before 01/7/2025
    "so", "khac",  # a department, or any other body named in full
]  # fmt: skip

SectionKind = Literal[
    "muc_dich_yeu_cau", "muc_dich", "yeu_cau", "muc_tieu_chi_tieu", "muc_tieu", "chi_tieu",
    "nhiem_vu_giai_phap", "nhiem_vu_cu_the", "kinh_phi", "to_chuc_thuc_hien", "che_do_bao_cao",
]  # fmt: skip

Column = Literal["stt", "noi_dung", "chu_tri", "phoi_hop", "thoi_han", "san_pham", "ghi_chu"]

# How one level is numbered (cchc_docgen/numbering.py prints them): I. / 1. / 2.1. / a) / - / +,
# or no number at all.
Scheme = Literal["la_ma", "so", "thap_phan", "chu", "gach", "cong", "khong"]
SCHEME_HELP = "la_ma (I.), so (1.), thap_phan (2.1., 2.1.1.), chu (a)), gach (-), cong (+), khong (không số)"

# An article of 'dieu' written so keeps the generated article of its place (the view prints
# it, the check rule VB-MAC-DINH catches a near miss): a word of the specification, defined here.
KEEP_DEFAULT = "mac_dinh"


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class Issuer(Node):
    """Cơ quan ban hành văn bản."""

    level: Level = key("cap", "Cấp của cơ quan: tinh, thanh_pho, xa, phuong, dac_khu; trước 01/7/2025 còn huyen, quan, thi_xa, thi_tran; so (sở) hoặc khac.")
    area: str | None = key("dia_ban", "Tên địa bàn, ví dụ: Thăng Bình. Đủ để tự suy ra tên cơ quan, địa danh và tên gọi trong câu.", None)
    name: list[str] = key("ten", "Tên cơ quan ban hành, mỗi dòng một phần tử (in hoa). Bỏ trống với Ủy ban nhân dân để tự tạo.", factory=list)
    parent: list[str] = key("cap_tren", "Tên cơ quan chủ quản trực tiếp (nếu có), ví dụ: UBND TỈNH QUẢNG NAM.", factory=list)
    full_name: str | None = key("ten_day_du", "Tên cơ quan khi viết trong câu, ví dụ: Ủy ban nhân dân huyện Thăng Bình.", None)
    abbreviation: str = key("viet_tat", "Chữ viết tắt tên cơ quan trong ký hiệu văn bản, ví dụ: UBND, SNV.", "UBND")
    place: str | None = key("dia_danh", "Địa danh ghi trước ngày tháng, ví dụ: Thăng Bình.", None)


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class Agency(Node):
    """Một cơ quan, đơn vị được giao nhiệm vụ; khai báo một lần, dùng lại bằng mã."""

    name: str = key("ten", "Tên đầy đủ, ví dụ: Phòng Nội vụ.")
    short: str | None = key("ten_ngan", "Tên ngắn dùng trong bảng, ví dụ: Phòng NV.", None)
    internal: bool = key("noi_bo", "co nếu là bộ phận nội bộ, không cần có tên trong nơi nhận.", False)


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class LegalRef(Node):
    """Một văn bản làm căn cứ hoặc được thực hiện."""

    kind: str = key("loai", "Loại và tên văn bản: Luật Tổ chức chính quyền địa phương, Nghị quyết, Kế hoạch…")
    prefix: str | None = key("tien_to", "Từ mở đầu: Căn cứ (mặc định) hoặc Thực hiện.", None)
    number: str | None = key("so", "Số, ký hiệu: 56/KH-UBND. Luật thì bỏ trống.", None)
    date: VnDate | None = key("ngay", "Ngày ban hành: 20/5/2020.", None)
    long_date: bool = key("ngay_day_du", "co để viết 'ngày 20 tháng 5 năm 2020' thay cho '20/5/2020'.", False)
    issuer: str | None = key("co_quan", "Cơ quan ban hành: Ủy ban nhân dân tỉnh.", None)
    subject: str | None = key("trich_yeu", "Trích yếu, thường bắt đầu bằng 'về' hoặc 'ban hành'.", None)
    same_sentence: "list[LegalRef | str]" = key("cung_cau", "Đặt trong một căn cứ: các văn bản viết tiếp trong cùng câu 'Căn cứ A; B, C'; mỗi văn bản như một căn cứ nhưng không có 'tien_to'.", factory=list)
    joiner: Literal[";", ","] = key("dau_noi", "Đặt trong một văn bản của 'cung_cau': dấu nối nó với văn bản trước, ';' (mặc định) hoặc ','.", ";")


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class Milestone(Node):
    """Một mốc của chỉ tiêu: giá trị phải đạt vào một năm hoặc một thời hạn."""

    value: float = key("gia_tri", "Giá trị của mốc, ví dụ 95.")
    year: int | None = key("nam", "Năm đạt giá trị này, ví dụ 2025.", None)
    deadline: Deadline | None = key("thoi_han", "Hoặc thời hạn đạt giá trị này: quý II/2026, 30/6/2026…", None)


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class Target(Node):
    """Một chỉ tiêu; giá trị đo được (nếu có) dùng để kiểm tra và lập bảng theo dõi."""

    text: str = key("noi_dung", "Câu chỉ tiêu đầy đủ như in trong kế hoạch.")
    value: float | None = key("gia_tri", "Giá trị đo được, ví dụ 85 hoặc 88,21.", None)
    milestones: list[Milestone] = key("moc", "Chỉ tiêu có nhiều mốc ('đạt 90%; đến năm 2025 đạt 95%'): mỗi mốc một gia_tri với nam hoặc thoi_han. Dùng thay cho gia_tri.", factory=list)
    unit: str | None = key("don_vi", "Đơn vị của giá trị: %, hồ sơ, lượt…", None)
    code: str | None = key("ma", "Mã chỉ tiêu (không bắt buộc) để theo dõi.", None)
    items: "list[Item | str]" = key("y", "Các ý cụ thể của chỉ tiêu (in ở cấp liệt kê kế tiếp, mặc định dấu '+').", factory=list)


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class Item(Node):
    """Một ý gạch đầu dòng, có thể có các ý con."""

    text: str = key("noi_dung", "Nội dung của ý.")
    items: "list[Item | str]" = key("y", "Các ý con (in ở cấp liệt kê kế tiếp, mặc định dấu '+').", factory=list)


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class BodyTask(Node):
    """Một nhiệm vụ viết ngay trong mục của lĩnh vực; có chu_tri và thoi_han thì cũng vào
    danh sách nhiệm vụ (bảng phụ lục, trách nhiệm của cơ quan), không phải gõ lại."""

    text: str = key("noi_dung", "Nội dung nhiệm vụ.")
    items: list[Item | str] = key("y", "Các ý cụ thể của nhiệm vụ.", factory=list)
    area: str | None = key("linh_vuc", "Mã lĩnh vực; mặc định là lĩnh vực của mục chứa nhiệm vụ.", None)
    lead: str | None = key("chu_tri", "Mã cơ quan chủ trì (bỏ trống với nhiệm vụ định tính); có chu_tri thì phải có thoi_han.", None)
    deadline: Deadline | None = key("thoi_han", "Thời hạn hoàn thành; có thoi_han thì phải có chu_tri.", None)
    partners: list[str] = key("phoi_hop", "Mã các cơ quan phối hợp.", factory=list)
    product: str | None = key("san_pham", "Sản phẩm: Báo cáo, Kế hoạch, Quyết định…", None)
    note: str | None = key("ghi_chu", "Ghi chú (cột ghi chú của phụ lục).", None)
    code: str | None = key("ma", "Mã nhiệm vụ (không bắt buộc, phải khác nhau).", None)


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class ContentBlock(Node):
    """Một phần nội dung của mục, in đúng theo thứ tự viết trong 'lan_luot'; mỗi phần một khóa."""

    paragraphs: list[str] = key("doan", "Một hoặc nhiều đoạn văn.", factory=list)
    items: list[Item | str] = key("y", "Các ý liệt kê (mặc định gạch đầu dòng '-').", factory=list)
    targets: list[Target | str] = key("chi_tieu", "Các chỉ tiêu.", factory=list)
    tasks: list[BodyTask | str] = key("nhiem_vu", "Các nhiệm vụ viết tại đây (xem nhiem_vu của mục).", factory=list)
    subsections: "list[Section]" = key("muc", "Các mục con (đánh số tiếp theo các mục con trước).", factory=list)


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class Section(Node):
    """Một phần, khoản hoặc điểm của nội dung; số thứ tự (I., 1., a)…) do chương trình đánh theo 'danh_so'."""

    kind: SectionKind | None = key("loai", "Phần chuẩn của kế hoạch; có tiêu đề mặc định.", None)
    title: str | None = key("tieu_de", "Tiêu đề (không gõ số thứ tự).", None)
    area: str | None = key("linh_vuc", "Mã lĩnh vực cải cách mà mục này nói tới; tiêu đề mặc định là tên lĩnh vực.", None)
    agency: str | None = key("co_quan", "Mã cơ quan mà mục này giao trách nhiệm; tiêu đề mặc định là tên cơ quan.", None)
    text: str | None = key("noi_dung", "Nội dung liền sau số thứ tự (mục không tiêu đề: mục có số mà không có tiêu đề) hoặc liền sau tiêu đề.", None)
    numbered: bool = key("so_thu_tu", "khong để in tiêu đề (hoặc nội dung) của mục này không có số thứ tự; các mục cùng cấp sau nó vẫn đánh số tiếp.", True)
    paragraphs: list[str] = key("doan", "Các đoạn văn (không gạch đầu dòng), in trước các ý và chỉ tiêu.", factory=list)
    items: list[Item | str] = key("y", "Các ý liệt kê, in sau các đoạn 'doan' (mặc định gạch đầu dòng '-', ý con '+'; xem liet_ke).", factory=list)
    targets: list[Target | str] = key("chi_tieu", "Các chỉ tiêu của mục này, in sau các ý 'y'.", factory=list)
    subsections: "list[Section]" = key("muc", "Các mục con, in sau các ý và chỉ tiêu.", factory=list)
    content: list[ContentBlock] = key("lan_luot", "Nội dung in đúng thứ tự viết: danh sách các phần, mỗi phần một khóa doan, y, chi_tieu, nhiem_vu hoặc muc. Dùng thay cho các khóa doan, y, chi_tieu, muc của mục.", factory=list)
    closing: list[str] = key("doan_cuoi", "Các đoạn văn sau các mục con.", factory=list)
    numbering: list[Scheme] = key("danh_so", f"Cách đánh số các mục con của mục này, từng cấp từ cấp con trở xuống: {SCHEME_HELP}. Cấp không ghi tiếp theo cấp cuối đã ghi. Ví dụ: danh_so: [thap_phan, chu].", factory=list)
    child_numbering: Literal["chu", "thap_phan"] | None = key("danh_so_con", "Cách viết cũ, chỉ dùng ở mục cấp 2: mục con cấp 3 đánh chu (a, b, c) hoặc thap_phan (1.1, 1.2). Nay dùng danh_so.", None)
    list_style: Literal["gach", "so"] | list[Scheme] = key("liet_ke", f"Cách đánh dấu các ý, chỉ tiêu, nhiệm vụ của mục này: gach (mặc định: '-', ý con '+'); so (đánh số như mục con, ý con '-', '+'); hoặc danh sách từng cấp: {SCHEME_HELP}, ví dụ liet_ke: [chu, gach].", "gach")
    tasks: bool | list[BodyTask | str] = key("nhiem_vu", "Trong mục của lĩnh vực/cơ quan: co để in tại đây các nhiệm vụ của danh sách 'nhiem_vu' thuộc lĩnh vực/cơ quan này (khi không đưa vào phụ lục); hoặc danh sách nhiệm vụ viết ngay tại đây (in sau các chỉ tiêu).", False)

    def sections(self) -> "list[Section]":
        """Every sub-section written in this section, in order, from 'muc' and 'lan_luot'."""
        if not self.content:
            return self.subsections
        return [sub for block in self.content for sub in block.subsections]

    def all_targets(self) -> list[Target | str]:
        """Every target written in this section, from 'chi_tieu' and 'lan_luot'."""
        return [*self.targets, *(target for block in self.content for target in block.targets)]

    def body_tasks(self) -> list[BodyTask | str]:
        """The tasks written in this section ('nhiem_vu' as a list, and 'lan_luot')."""
        written = self.tasks if isinstance(self.tasks, list) else []
        return [*written, *(task for block in self.content for task in block.tasks)]


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class Task(Node):
    """Một nhiệm vụ cụ thể: nguồn duy nhất cho bảng phụ lục và phần tổ chức thực hiện."""

    area: str = key("linh_vuc", "Mã lĩnh vực cải cách: chi_dao_dieu_hanh, the_che, thu_tuc_hanh_chinh, to_chuc_bo_may, cong_vu, tai_chinh_cong, chinh_quyen_so.")
    text: str = key("noi_dung", "Nội dung nhiệm vụ.")
    lead: str = key("chu_tri", "Mã cơ quan chủ trì.")
    deadline: Deadline = key("thoi_han", "Thời hạn hoàn thành: 30/6/2026, quý II/2026, năm 2026, thường xuyên…")
    partners: list[str] = key("phoi_hop", "Mã các cơ quan phối hợp.", factory=list)
    product: str | None = key("san_pham", "Sản phẩm: Báo cáo, Kế hoạch, Quyết định…", None)
    note: str | None = key("ghi_chu", "Ghi chú.", None)
    code: str | None = key("ma", "Mã nhiệm vụ (không bắt buộc, phải khác nhau).", None)


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class Appendix(Node):
    """Một phụ lục bảng nhiệm vụ, in trên trang khổ ngang."""

    EMPTY_MEANS_DEFAULTS = True  # `- {}`: one table of every task, default columns

    title: str | None = key("tieu_de", "Tên phụ lục; mặc định: DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH + kỳ kế hoạch.", None)
    areas: list[str] = key("linh_vuc", "Chỉ đưa vào phụ lục này các nhiệm vụ của những lĩnh vực này (bỏ trống: mọi lĩnh vực còn lại).", factory=list)
    columns: list[Column] = key("cot", "Các cột của bảng, theo thứ tự.", factory=lambda: ["stt", "noi_dung", "chu_tri", "phoi_hop", "thoi_han", "san_pham"])
    column_titles: dict[str, str] = key("ten_cot", "Đổi tên cột: ten_cot: {thoi_han: Thời hạn}.", factory=dict)


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class Recipient(Node):
    """Một nơi nhận."""

    name: str | None = key("ten", "Tên nơi nhận (khi không dùng mã cơ quan).", None)
    agency: str | None = key("co_quan", "Mã cơ quan đã khai báo.", None)
    note: str | None = key("ghi_chu", "Ghi chú trong ngoặc: b/c, đăng tải, t/h…", None)
    covers: list[str] = key("gom", "Mã các cơ quan mà nơi nhận chung này bao gồm.", factory=list)


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class Signer(Node):
    """Thẩm quyền, chức vụ và họ tên người ký."""

    title: str = key("chuc_vu", "Chức vụ người ký, in hoa: CHỦ TỊCH, PHÓ CHỦ TỊCH…")
    name: str = key("ho_ten", "Họ và tên người ký (không ghi học hàm, học vị).")
    on_behalf: str | None = key("thay_mat", "Ký thay mặt tập thể (TM.): ỦY BAN NHÂN DÂN.", None)
    by_order: str | None = key("thua_lenh", "Ký thừa lệnh (TL.): CHỦ TỊCH.", None)
    authorised: str | None = key("thua_uy_quyen", "Ký thừa ủy quyền (TUQ.): CHỦ TỊCH.", None)
    deputy_for: str | None = key("ky_thay", "Cấp phó ký thay (KT.): CHỦ TỊCH.", None)
    acting: bool = key("quyen", "co nếu người ký là quyền (Q.) người đứng đầu.", False)


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class Article(Node):
    """Một điều của quyết định."""

    text: str = key("noi_dung", "Nội dung sau 'Điều N.'")
    title: str | None = key("tieu_de", "Tên điều (in đậm), nếu có.", None)
    paragraphs: list[str] = key("doan", "Các đoạn tiếp theo của điều.", factory=list)


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class DocumentCommon(Node):
    """Phần chung của quyết định và kế hoạch."""

    number: int | None = key("so", "Số văn bản (bỏ trống khi là dự thảo chưa lấy số).", None)
    symbol: str | None = key("ky_hieu", "Ký hiệu nếu khác mặc định (KH-UBND, QĐ-UBND).", None)
    date: VnDate | None = key("ngay", "Ngày ban hành: 14/01/2021; dự thảo: 12/2022.", None)
    draft: bool = key("du_thao", "co để in dấu DỰ THẢO và để trống số, ngày.", False)
    secrecy: Literal["MẬT", "TỐI MẬT", "TUYỆT MẬT"] | None = key("do_mat", "Độ mật: MẬT, TỐI MẬT, TUYỆT MẬT.", None)
    urgency: Literal["KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"] | None = key("do_khan", "Độ khẩn: KHẨN, THƯỢNG KHẨN, HỎA TỐC.", None)
    recipients: list[Recipient | str] = key("noi_nhan", "Nơi nhận, mỗi dòng một nơi; dòng Lưu khai báo ở khóa 'luu'.", factory=list)
    archive: list[str] = key("luu", "Dòng Lưu: VT và chữ viết tắt đơn vị soạn thảo, ví dụ [VT, NV].", factory=lambda: ["VT"])
    signer: Signer | None = key("nguoi_ky", "Người ký.", None)


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class Plan(DocumentCommon):
    """Kế hoạch cải cách hành chính."""

    title: str | list[str] = key("trich_yeu", "Trích yếu: Cải cách hành chính năm 2026 (không gõ chữ 'Kế hoạch'). Muốn ngắt dòng ở chỗ chọn: viết danh sách các dòng.")
    period: Period | None = key("ky", "Năm hoặc giai đoạn của kế hoạch; mặc định là năm ban hành.", None)
    legal_bases: list[LegalRef | str] = key("can_cu", "Căn cứ, thực hiện: các văn bản làm căn cứ, mỗi phần tử một đoạn (nhiều văn bản trong một câu: cung_cau).", factory=list)
    bases_end: Literal[".", ";", ",", "khong"] = key("ket_can_cu", "Dấu kết thúc căn cứ cuối cùng: '.' (mặc định), ';', ',' hoặc khong (giữ nguyên như đã gõ).", ".")
    numbering: list[Scheme] = key("danh_so", f"Cách đánh số các phần của kế hoạch, từng cấp từ cấp 1 trở xuống: {SCHEME_HELP}. Mặc định [la_ma, so, chu, gach, cong]; cấp không ghi tiếp theo cấp cuối đã ghi.", factory=list)
    opening: list[str] = key("mo_dau", "Các đoạn mở đầu (sau căn cứ).", factory=list)
    sections: list[Section] = key("noi_dung", "Các phần của kế hoạch (I., II., … hoặc theo danh_so).", factory=list)
    closing: list[str] = key("ket_luan", "Đoạn kết; chương trình thêm './.' ở cuối.", factory=list)
    appendices: list[Appendix] = key("phu_luc", "Các phụ lục bảng nhiệm vụ.", factory=list)
    separate_appendix: bool = key("phu_luc_rieng", "co nếu kế hoạch có phụ lục lập riêng, ngoài tệp này (ví dụ bảng tính đính kèm): khi đó câu '(Chi tiết tại Phụ lục…)' trong nội dung là đúng và không bị cảnh báo.", False)
    title_lines: list[str] = field(init=False, default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        # -- the lines are kept for the title block; everywhere else the title is one sentence --
        self.title_lines, self.title = _title_lines(self.title)


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class Decision(DocumentCommon):
    """Quyết định ban hành (phê duyệt) kế hoạch."""

    verb: Literal["Ban hành", "Phê duyệt"] = key("hinh_thuc", "Ban hành hoặc Phê duyệt kế hoạch.", "Ban hành")
    authority: Literal["tap_the", "chu_tich"] = key("tham_quyen", "Thẩm quyền quyết định: tap_the — ỦY BAN NHÂN DÂN … quyết định (ký TM.); chu_tich — CHỦ TỊCH ỦY BAN NHÂN DÂN … quyết định.", "tap_the")
    title: str | list[str] | None = key("trich_yeu", "Trích yếu; mặc định: '<Ban hành> Kế hoạch <trích yếu kế hoạch>'. Muốn ngắt dòng: viết danh sách các dòng.", None)
    legal_bases: list[LegalRef | str] = key("can_cu", "Các căn cứ (in nghiêng, mỗi căn cứ một dòng; nhiều văn bản trong một câu: cung_cau).", factory=list)
    bases_end: Literal[".", ";", ",", "khong"] = key("ket_can_cu", "Dấu kết thúc dòng căn cứ cuối cùng (dòng đề nghị nếu có): '.' (mặc định), ';', ',' hoặc khong.", ".")
    proposal: str | None = key("de_nghi", "Đề nghị của …: Trưởng phòng Nội vụ tại Tờ trình số 496/TTr-PNV ngày 06/12/2022.", None)
    proposal_verb: Literal["Theo đề nghị", "Xét đề nghị"] = key("de_nghi_mo_dau", "Từ mở đầu dòng đề nghị: Theo đề nghị (mặc định) hoặc Xét đề nghị.", "Theo đề nghị")
    monitor: str | None = key("co_quan_theo_doi", "Mã cơ quan theo dõi, đôn đốc thực hiện kế hoạch (Điều 2).", None)
    effective: str = key("hieu_luc", "Hiệu lực: 'kể từ ngày ký'.", "kể từ ngày ký")
    executors: list[str] = key("thi_hanh", "Những người chịu trách nhiệm thi hành (điều cuối).", factory=list)
    articles: list[Article | str] = key("dieu", "Thay các điều mặc định; viết 'mac_dinh' để giữ điều tự tạo ở vị trí đó.", factory=list)
    as_first_recipient: bool = key("nhu_dieu_cuoi", "co (mặc định) để nơi nhận bắt đầu bằng '- Như Điều <điều cuối>;'.", True)
    title_lines: list[str] = field(init=False, default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.title is not None:
            self.title_lines, self.title = _title_lines(self.title)


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class Output(Node):
    """Cách xuất tệp."""

    EMPTY_MEANS_DEFAULTS = True

    mode: Literal["gop", "rieng"] = key("che_do", "Cách chia tệp: gop — quyết định và kế hoạch trong một tệp; rieng — mỗi văn bản một tệp.", "gop")
    file_name: str | None = key("ten_tep", "Tên tệp (không có .docx); mặc định tạo từ số, ký hiệu và trích yếu.", None)
    template: str | None = key("mau", "Mẫu Word riêng (.docx), đường dẫn tính từ thư mục chứa đặc tả; mặc định dùng mẫu có sẵn.", None)


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class Spec(Node):
    """Đặc tả kế hoạch cải cách hành chính (cchc_docgen)."""

    issuer: Issuer = key("co_quan_ban_hanh", "Cơ quan ban hành: cap, dia_ban (và tên nếu không phải Ủy ban nhân dân).")
    plan: Plan = key("ke_hoach", "Kế hoạch: trich_yeu, ngay, noi_dung, noi_nhan, nguoi_ky…")
    agencies: dict[str, Agency | str] = key("co_quan", "Các cơ quan, đơn vị: mã: Tên (hoặc mã: {ten, ten_ngan}).", factory=dict)
    areas: dict[str, str] = key("linh_vuc", "Đổi tên hoặc thêm lĩnh vực cải cách: mã: Tên lĩnh vực.", factory=dict)
    tasks: list[Task] = key("nhiem_vu", "Danh sách nhiệm vụ cụ thể.", factory=list)
    decision: Decision | None = key("quyet_dinh", "Quyết định ban hành kế hoạch (nếu có).", None)
    output: Output = key("xuat", "Cách xuất tệp.", factory=Output)
    # -- not YAML keys: where the specification was read from, set by the loader, so that a
    # -- render finds the files it names (xuat.mau) and its findings name the file --
    source: str = field(default="", init=False, repr=False, compare=False)
    folder: Path | None = field(default=None, init=False, repr=False, compare=False)


def _title_lines(title: str | list[str]) -> tuple[list[str], str]:
    """A trích yếu written as lines: the lines (for the title block) and the one sentence
    they make in running text ('Kế hoạch …', Điều 1), joined with a space."""
    if isinstance(title, str):
        return [title], title
    lines = [line.strip() for line in title if line.strip()]
    return lines, " ".join(lines)


# The reform areas of the national programme (Nghị quyết 76/NQ-CP, 2021-2030), with the
# titles plans give them. A specification may rename them or add its own (key linh_vuc).
REFORM_AREAS: dict[str, str] = {
    "chi_dao_dieu_hanh": "Công tác chỉ đạo, điều hành",
    "the_che": "Cải cách thể chế",
    "thu_tuc_hanh_chinh": "Cải cách thủ tục hành chính",
    "to_chuc_bo_may": "Cải cách tổ chức bộ máy hành chính nhà nước",
    "cong_vu": "Cải cách chế độ công vụ",
    "tai_chinh_cong": "Cải cách tài chính công",
    "chinh_quyen_so": "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
}

# Default titles of the standard parts; level-1 titles are printed in capitals.
SECTION_TITLES: dict[str, str] = {
    "muc_dich_yeu_cau": "Mục đích, yêu cầu",
    "muc_dich": "Mục đích",
    "yeu_cau": "Yêu cầu",
    "muc_tieu_chi_tieu": "Mục tiêu, chỉ tiêu",
    "muc_tieu": "Mục tiêu",
    "chi_tieu": "Chỉ tiêu",
    "nhiem_vu_giai_phap": "Nhiệm vụ, giải pháp",
    "nhiem_vu_cu_the": "Nhiệm vụ cụ thể",
    "kinh_phi": "Kinh phí thực hiện",
    "to_chuc_thuc_hien": "Tổ chức thực hiện",
    "che_do_bao_cao": "Chế độ báo cáo",
}
