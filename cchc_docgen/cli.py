"""The command line: arguments in, API call, messages out. No logic of its own.

Exit codes: 0 done, 1 the specification (or output folder) has a problem, 2 the command
was typed wrong, 3 a bug in cchc_docgen itself.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from .errors import CchcError

PROG = "python -m cchc_docgen"
EXIT_OK, EXIT_SPEC, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


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
        self.exit(EXIT_USAGE, f"{self.prog}: lỗi: {translated}\nGõ '{PROG} --help' để xem hướng dẫn.\n")


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: str | None, actions: object, groups: object, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="Cách dùng: ")  # type: ignore[arg-type]


def _generate_parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        usage=f"{PROG} ĐẶC_TẢ.yaml [-o THƯ_MỤC] [--gop | --rieng]\n       {PROG} check ĐẶC_TẢ.yaml\n       {PROG} schema [-o TỆP.json]",
        description=(
            "Tạo kế hoạch cải cách hành chính (và quyết định ban hành, phụ lục) dạng Word (.docx)\n"
            "đúng thể thức Nghị định 30/2020/NĐ-CP từ một tệp đặc tả YAML.\n\n"
            "Lệnh khác:\n"
            "  check   kiểm tra đặc tả theo các quy tắc thể thức và nhất quán, không tạo văn bản\n"
            "  schema  in JSON Schema của đặc tả (để trình soạn thảo gợi ý khóa khi gõ)"
        ),
        epilog=(
            "Ví dụ:\n"
            f"  {PROG} plan_specs/thang-binh-2021.yaml -o ket_qua/\n"
            f"  {PROG} check examples/xa-2026-du-thao.yaml\n\n"
            "Mã thoát: 0 thành công; 1 đặc tả có lỗi hoặc không ghi được tệp; 2 gõ lệnh sai."
        ),
    )
    parser.add_argument("spec", metavar="ĐẶC_TẢ.yaml", help="tệp đặc tả kế hoạch")
    parser.add_argument("-o", "--out", metavar="THƯ_MỤC", help="thư mục ghi kết quả (mặc định: thư mục chứa đặc tả)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--gop", dest="mode", action="store_const", const="gop", help="quyết định và kế hoạch trong một tệp")
    mode.add_argument("--rieng", dest="mode", action="store_const", const="rieng", help="mỗi văn bản một tệp")
    return parser


def _check_parser() -> _Parser:
    parser = _Parser(prog=f"{PROG} check", description="Kiểm tra đặc tả: lỗi (chặn việc tạo văn bản) và cảnh báo (nên xem lại).")
    parser.add_argument("specs", metavar="ĐẶC_TẢ.yaml", nargs="+", help="một hoặc nhiều tệp đặc tả (kiểm tra cả trùng số văn bản giữa các tệp)")
    return parser


def _schema_parser() -> _Parser:
    parser = _Parser(prog=f"{PROG} schema", description="In JSON Schema của đặc tả, để trình soạn thảo (VS Code + YAML) gợi ý và báo lỗi khi gõ.")
    parser.add_argument("-o", "--out", metavar="TỆP.json", help="ghi vào tệp thay vì in ra màn hình")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] == "check":
            return _check(_check_parser().parse_args(args[1:]))
        if args and args[0] == "schema":
            return _schema(_schema_parser().parse_args(args[1:]))
        return _generate(_generate_parser().parse_args(args))
    except CchcError as exc:
        for message in exc.messages():
            print(message, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu; các tệp cũ không bị thay đổi.", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so plainly, keep the traceback for engineers
        print(f"Lỗi không mong đợi trong cchc_docgen (không phải lỗi của đặc tả): {type(exc).__name__}: {exc}", file=sys.stderr)
        print("Gợi ý: hãy gửi tệp đặc tả và thông báo này cho nhóm phát triển.", file=sys.stderr)
        if os.environ.get("CCHC_DEBUG"):
            traceback.print_exc()
        return EXIT_BUG


def _generate(args: argparse.Namespace) -> int:
    from .api import generate

    for path in generate(Path(args.spec), Path(args.out) if args.out else None, mode=args.mode):
        print(path)
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from .checks import check_files

    report = check_files([Path(p) for p in args.specs])
    for line in report.lines():
        print(line, file=sys.stderr if report.errors else sys.stdout)
    return EXIT_SPEC if report.errors else EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from .schema_export import schema_text

    text = schema_text()
    if args.out:
        from .writing import write_atomic

        write_atomic(text.encode("utf-8"), Path(args.out))
        print(args.out)
    else:
        print(text)
    return EXIT_OK
