"""The command's arguments: one argparse parser per subcommand, speaking Vietnamese.

Building a parser imports nothing but argparse, so ``--help`` and a mistyped command
answer before any of the library is imported.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from .. import __version__


def prog() -> str:
    """How the drafter typed the command, for usage lines and hints: worked out when a
    parser is made, not at import, since a child of the resident process imported this
    module for another command line (``cchc-docgen`` or ``python -m cchc_docgen``)."""
    return "cchc-docgen" if Path(sys.argv[0]).stem == "cchc-docgen" else "python -m cchc_docgen"
EXIT_OK, EXIT_SPEC, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
EXIT_SIGINT, EXIT_SIGTERM = 128 + signal.SIGINT, 128 + signal.SIGTERM
EXIT_CODES = (
    "Mã thoát: 0 thành công; 1 đặc tả có lỗi hoặc không ghi được tệp; 2 gõ lệnh sai;\n"
    f"  3 lỗi của chính cchc_docgen (không phải của đặc tả); {EXIT_SIGINT} dừng bằng Ctrl-C; {EXIT_SIGTERM} bị dừng (SIGTERM).\n"
    "  Cảnh báo không đổi mã thoát, trừ khi dùng --nghiem."
)
STRICT_HELP = "chế độ nghiêm: coi cảnh báo của các quy tắc kiểm tra là lỗi, không tạo văn bản khi còn cảnh báo"


class _Parser(argparse.ArgumentParser):
    """argparse speaking Vietnamese, exiting 2 on usage errors."""

    def __init__(self, **kwargs: object):
        super().__init__(add_help=False, formatter_class=_Formatter, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "đối số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="in hướng dẫn này rồi thoát")

    def error(self, message: str) -> None:  # type: ignore[override]
        translated = (
            message.replace("the following arguments are required", "thiếu đối số bắt buộc")
            .replace("unrecognized arguments", "đối số không nhận ra")
            .replace("expected one argument", "cần một giá trị")
            .replace("argument", "đối số")
            .replace("not allowed with", "không dùng cùng với")
            .replace("invalid choice", "lựa chọn không hợp lệ")
        )
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: lỗi: {translated}\nGõ '{prog()} --help' để xem hướng dẫn.\n")


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: str | None, actions: object, groups: object, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="Cách dùng: ")  # type: ignore[arg-type]


def _generate_parser() -> _Parser:
    parser = _Parser(
        prog=prog(),
        usage=(
            f"{prog()} ĐẶC_TẢ.yaml [-o THƯ_MỤC] [--gop | --rieng] [--pdf] [--nghiem] [--ghi-de]\n"
            f"       {prog()} batch THƯ_MỤC_HOẶC_TỆP... [-o THƯ_MỤC] [-j N] [--pdf] [--nghiem] [--ghi-de]\n"
            f"       {prog()} import KẾ_HOẠCH.docx|.pdf|.txt -o ĐẶC_TẢ.yaml [--ghi-de]\n"
            f"       {prog()} check ĐẶC_TẢ.yaml\n       {prog()} roll ĐẶC_TẢ.yaml (--nam NĂM | --them N) [-o ĐẶC_TẢ_MỚI.yaml]\n"
            f"       {prog()} schema [-o TỆP.json]\n       {prog()} --version"
        ),
        description=(
            "Tạo kế hoạch cải cách hành chính (và quyết định ban hành, phụ lục) dạng Word (.docx)\n"
            "đúng thể thức Nghị định 30/2020/NĐ-CP từ một tệp đặc tả YAML.\n"
            "Trước khi ghi, đặc tả được kiểm tra theo mọi quy tắc của lệnh check: có lỗi thì không ghi\n"
            "tệp nào; cảnh báo được in sau danh sách tệp đã ghi.\n\n"
            "Lệnh khác:\n"
            "  batch   tạo hàng loạt: cả thư mục đặc tả, hoặc một đặc tả mẫu và một bảng (mỗi dòng một xã)\n"
            "  check   kiểm tra đặc tả theo các quy tắc thể thức và nhất quán, không tạo văn bản\n"
            "  roll    chuyển đặc tả của kỳ này sang kỳ sau (năm, thời hạn, dự thảo chưa số)\n"
            "  schema  in JSON Schema của đặc tả (để trình soạn thảo gợi ý khóa khi gõ)\n"
            "  serve   mở trang soạn kế hoạch trong trình duyệt (biểu mẫu, kiểm tra khi gõ, xem trước, tải Word)"
        ),
        epilog=(
            "Ví dụ:\n"
            f"  {prog()} plan_specs/thang-binh-2021.yaml -o ket_qua/\n"
            f"  {prog()} check examples/xa-2026-du-thao.yaml\n\n" + EXIT_CODES
        ),
    )
    parser.add_argument("--version", action="version", version=f"cchc_docgen {__version__}", help="in số phiên bản rồi thoát")
    parser.add_argument("spec", metavar="ĐẶC_TẢ.yaml", help="tệp đặc tả kế hoạch")
    parser.add_argument("-o", "--out", metavar="THƯ_MỤC", help="thư mục ghi kết quả (mặc định: thư mục chứa đặc tả)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--gop", dest="mode", action="store_const", const="gop", help="quyết định và kế hoạch trong một tệp")
    mode.add_argument("--rieng", dest="mode", action="store_const", const="rieng", help="mỗi văn bản một tệp")
    parser.add_argument("--pdf", action="store_true", help="ghi thêm bản PDF cạnh mỗi tệp Word (cần LibreOffice)")
    parser.add_argument("--nghiem", dest="strict", action="store_true", help=STRICT_HELP)
    parser.add_argument("--ghi-de", dest="overwrite", action="store_true", help=_OVERWRITE_HELP)
    return parser


_OVERWRITE_HELP = "thay cả tệp trùng tên không do kế hoạch này tạo ra (mặc định: không ghi đè, báo lỗi)"


def _batch_parser() -> _Parser:
    from ..batch import DEFAULT_TIME_LIMIT

    parser = _Parser(
        prog=f"{prog()} batch",
        usage=(
            f"{prog()} batch THƯ_MỤC_HOẶC_TỆP... [-o THƯ_MỤC] [-j N] [--gioi-han-giay N] [--pdf] [--nghiem] [--ghi-de]\n"
            f"       {prog()} batch --mau-dac-ta ĐẶC_TẢ.yaml --bang BẢNG.csv [-o THƯ_MỤC] [-j N] [--gioi-han-giay N] [--pdf] [--nghiem] [--ghi-de]"
        ),
        description=(
            "Tạo nhiều kế hoạch trong một lần chạy, dùng mọi lõi của máy.\n\n"
            "Cách 1: các tệp đặc tả, hoặc thư mục chứa chúng (mọi tệp .yaml trong thư mục).\n"
            "Cách 2: một đặc tả mẫu và một bảng (CSV hoặc YAML), mỗi dòng một văn bản. Tên mỗi cột là\n"
            "đường dẫn khóa trong đặc tả mẫu, nối bằng dấu chấm, phần tử danh sách đếm từ 0:\n"
            "  co_quan_ban_hanh.dia_ban, ke_hoach.so, ke_hoach.ngay, ke_hoach.nguoi_ky.ho_ten,\n"
            "  ke_hoach.noi_dung[1].chi_tieu[0].gia_tri, xuat.ten_tep …\n"
            "Giá trị của dòng thay giá trị trong đặc tả mẫu; ô trống giữ nguyên giá trị mẫu. Lỗi được báo\n"
            "theo dòng và cột của bảng. Mỗi văn bản cần một tên tệp riêng: thêm cột xuat.ten_tep.\n\n"
            "Một ô trong bảng không được xuống dòng. Một đặc tả, một dòng hay một ô có lỗi không làm dừng\n"
            "các văn bản khác; việc nào chạy quá --gioi-han-giay thì bị dừng và báo lỗi. Cuối cùng in bảng tổng kết."
        ),
        epilog=(
            "Ví dụ:\n"
            f"  {prog()} batch plan_specs/ -o ket_qua/\n"
            f"  {prog()} batch --mau-dac-ta examples/xa-mau-hang-loat.yaml --bang examples/xa-hang-loat.csv -o ket_qua/ --pdf\n\n"
            "Mã thoát: 0 mọi văn bản đã ghi; 1 có đặc tả, dòng hoặc tệp lỗi (các văn bản khác vẫn được ghi); 2 gõ lệnh sai;\n"
            f"  3 lỗi của chính cchc_docgen; {EXIT_SIGINT} dừng bằng Ctrl-C; {EXIT_SIGTERM} bị dừng (SIGTERM); khi dừng, văn bản đã ghi xong\n"
            "  vẫn giữ nguyên, không tệp nào bị ghi dở. Cảnh báo không đổi mã thoát, trừ khi dùng --nghiem."
        ),
    )
    parser.add_argument("paths", metavar="THƯ_MỤC_HOẶC_TỆP", nargs="*", help="tệp đặc tả hoặc thư mục chứa các tệp đặc tả")
    parser.add_argument("-o", "--out", metavar="THƯ_MỤC", help="thư mục ghi kết quả (mặc định: thư mục chứa mỗi đặc tả, hoặc chứa bảng)")
    parser.add_argument("--bang", metavar="BẢNG.csv", help="bảng giá trị, mỗi dòng một văn bản (CSV UTF-8 hoặc YAML)")
    parser.add_argument("--mau-dac-ta", dest="model", metavar="ĐẶC_TẢ.yaml", help="đặc tả mẫu mà mỗi dòng của bảng điền vào")
    parser.add_argument("-j", "--so-tien-trinh", dest="jobs", type=_positive, metavar="N", help="số tiến trình chạy song song (mặc định: số lõi của máy)")
    parser.add_argument(
        "--gioi-han-giay", dest="time_limit", type=_seconds, default=DEFAULT_TIME_LIMIT, metavar="N",
        help=f"thời gian tối đa cho mỗi văn bản, tính bằng giây (mặc định: {DEFAULT_TIME_LIMIT:g}); quá hạn thì việc đó bị dừng và báo lỗi",
    )  # fmt: skip
    parser.add_argument("--pdf", action="store_true", help="ghi thêm bản PDF cạnh mỗi tệp Word (cần LibreOffice)")
    parser.add_argument("--nghiem", dest="strict", action="store_true", help=STRICT_HELP)
    parser.add_argument("--ghi-de", dest="overwrite", action="store_true", help=_OVERWRITE_HELP)
    return parser


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"cần một số giây lớn hơn 0, không phải {text!r}")
    return value


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"cần một số nguyên dương, không phải {text!r}")
    return int(text)


def _check_parser() -> _Parser:
    parser = _Parser(prog=f"{prog()} check", description="Kiểm tra đặc tả, không tạo văn bản: lỗi (lệnh tạo văn bản cũng dừng ở đó, không ghi tệp nào) và cảnh báo (nên xem lại).")
    parser.add_argument("specs", metavar="ĐẶC_TẢ.yaml", nargs="+", help="một hoặc nhiều tệp đặc tả (kiểm tra cả trùng số văn bản giữa các tệp)")
    return parser


def _import_parser() -> _Parser:
    parser = _Parser(prog=f"{prog()} import", description="Nhập kế hoạch có sẵn (Word .docx, PDF có lớp chữ, văn bản .txt) thành tệp đặc tả YAML; chỗ nào chương trình đoán có ghi chú '# đoán:'.")
    parser.add_argument("source", metavar="KẾ_HOẠCH.docx|.pdf|.txt", help="tệp kế hoạch (hoặc quyết định kèm kế hoạch) cần nhập")
    parser.add_argument("-o", "--out", metavar="ĐẶC_TẢ.yaml", required=True, help="tệp đặc tả sẽ ghi")
    parser.add_argument("--ghi-de", dest="overwrite", action="store_true", help="cho phép thay tệp đặc tả đã có")
    return parser




def _schema_parser() -> _Parser:
    parser = _Parser(prog=f"{prog()} schema", description="In JSON Schema của đặc tả, để trình soạn thảo (VS Code + YAML) gợi ý và báo lỗi khi gõ.")
    parser.add_argument("-o", "--out", metavar="TỆP.json", help="ghi vào tệp thay vì in ra màn hình")
    return parser




def _roll_parser() -> _Parser:
    parser = _Parser(
        prog=f"{prog()} roll",
        usage=f"{prog()} roll ĐẶC_TẢ.yaml (--nam NĂM | --them N) [-o ĐẶC_TẢ_MỚI.yaml] [--bang BẢNG.csv [--bang-moi BẢNG_MỚI.csv]] [--ghi-de]",
        description=(
            "Chuyển đặc tả kế hoạch sang kỳ sau: kỳ (ky), thời hạn các nhiệm vụ, năm trong trích yếu và nội dung\n"
            "nói về kỳ kế hoạch; bỏ số văn bản, ngày chỉ còn tháng/năm, đánh dấu dự thảo (du_thao: co).\n"
            "Giữ nguyên mọi căn cứ và văn bản được trích dẫn, chú thích (#) và thứ tự khóa của tệp.\n"
            "In ra (kèm dòng, cột của tệp mới) mọi năm trong nội dung chưa đổi, để người soạn xem lại."
        ),
        epilog=f"Ví dụ:\n  {prog()} roll examples/xa-2026-du-thao.yaml --nam 2027 -o xa-2027-du-thao.yaml\n\n" + EXIT_CODES,
    )
    parser.add_argument("spec", metavar="ĐẶC_TẢ.yaml", help="đặc tả của kỳ hiện tại (không bị thay đổi)")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--nam", dest="to", type=_positive, metavar="NĂM", help="năm (đầu) của kỳ mới, ví dụ 2027")
    target.add_argument("--them", dest="by", type=_positive, metavar="N", help="số năm chuyển tới, ví dụ 1")
    parser.add_argument("-o", "--out", metavar="ĐẶC_TẢ_MỚI.yaml", help="tệp đặc tả mới (mặc định: tên cũ với năm mới, cùng thư mục)")
    parser.add_argument("--bang", dest="table", metavar="BẢNG.csv", help="bảng của lệnh batch làm với đặc tả mẫu này: chuyển cùng kỳ (không bị thay đổi)")
    parser.add_argument("--bang-moi", dest="table_out", metavar="BẢNG_MỚI.csv", help="tệp bảng mới (mặc định: tên cũ với năm mới, cùng thư mục)")
    parser.add_argument("--ghi-de", dest="overwrite", action="store_true", help="thay tệp mới (đặc tả, bảng) nếu đã có (không bao giờ thay tệp đầu vào)")
    return parser


