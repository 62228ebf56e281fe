"""The command line: arguments in, API call, messages out. No logic of its own.

Exit codes: 0 done, 1 the specification (or output folder) has a problem, 2 the command
was typed wrong, 3 a bug in cchc_docgen itself, 130 stopped by Ctrl-C (SIGINT), 143
stopped by SIGTERM (128 + the signal's number, as shells report it). Warnings of the check
rules do not change the exit code unless --nghiem is given.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import __version__
from .errors import CchcError, OutputError, Problem

# -- how the drafter started us, so help and hints show the command they typed --
PROG = "cchc-docgen" if Path(sys.argv[0]).stem == "cchc-docgen" else "python -m cchc_docgen"
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
        self.exit(EXIT_USAGE, f"{self.prog}: lỗi: {translated}\nGõ '{PROG} --help' để xem hướng dẫn.\n")


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: str | None, actions: object, groups: object, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="Cách dùng: ")  # type: ignore[arg-type]


def _generate_parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        usage=(
            f"{PROG} ĐẶC_TẢ.yaml [-o THƯ_MỤC] [--gop | --rieng] [--pdf] [--nghiem] [--ghi-de]\n"
            f"       {PROG} batch THƯ_MỤC_HOẶC_TỆP... [-o THƯ_MỤC] [-j N] [--pdf] [--nghiem] [--ghi-de]\n"
            f"       {PROG} import KẾ_HOẠCH.docx|.pdf|.txt -o ĐẶC_TẢ.yaml [--ghi-de]\n"
            f"       {PROG} check ĐẶC_TẢ.yaml\n       {PROG} roll ĐẶC_TẢ.yaml (--nam NĂM | --them N) [-o ĐẶC_TẢ_MỚI.yaml]\n"
            f"       {PROG} schema [-o TỆP.json]\n       {PROG} --version"
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
            f"  {PROG} plan_specs/thang-binh-2021.yaml -o ket_qua/\n"
            f"  {PROG} check examples/xa-2026-du-thao.yaml\n\n" + EXIT_CODES
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
    from .batch import DEFAULT_TIME_LIMIT

    parser = _Parser(
        prog=f"{PROG} batch",
        usage=(
            f"{PROG} batch THƯ_MỤC_HOẶC_TỆP... [-o THƯ_MỤC] [-j N] [--gioi-han-giay N] [--pdf] [--nghiem] [--ghi-de]\n"
            f"       {PROG} batch --mau-dac-ta ĐẶC_TẢ.yaml --bang BẢNG.csv [-o THƯ_MỤC] [-j N] [--gioi-han-giay N] [--pdf] [--nghiem] [--ghi-de]"
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
            f"  {PROG} batch plan_specs/ -o ket_qua/\n"
            f"  {PROG} batch --mau-dac-ta examples/xa-mau-hang-loat.yaml --bang examples/xa-hang-loat.csv -o ket_qua/ --pdf\n\n"
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
    parser = _Parser(prog=f"{PROG} check", description="Kiểm tra đặc tả, không tạo văn bản: lỗi (lệnh tạo văn bản cũng dừng ở đó, không ghi tệp nào) và cảnh báo (nên xem lại).")
    parser.add_argument("specs", metavar="ĐẶC_TẢ.yaml", nargs="+", help="một hoặc nhiều tệp đặc tả (kiểm tra cả trùng số văn bản giữa các tệp)")
    return parser


def _import_parser() -> _Parser:
    parser = _Parser(prog=f"{PROG} import", description="Nhập kế hoạch có sẵn (Word .docx, PDF có lớp chữ, văn bản .txt) thành tệp đặc tả YAML; chỗ nào chương trình đoán có ghi chú '# đoán:'.")
    parser.add_argument("source", metavar="KẾ_HOẠCH.docx|.pdf|.txt", help="tệp kế hoạch (hoặc quyết định kèm kế hoạch) cần nhập")
    parser.add_argument("-o", "--out", metavar="ĐẶC_TẢ.yaml", required=True, help="tệp đặc tả sẽ ghi")
    parser.add_argument("--ghi-de", dest="overwrite", action="store_true", help="cho phép thay tệp đặc tả đã có")
    return parser


def _import(args: argparse.Namespace) -> int:
    from .importer import import_plan, write_spec

    result = import_plan(Path(args.source))
    write_spec(result.text, Path(args.out), source=Path(args.source), overwrite=args.overwrite)
    _out(args.out)
    print(f"{len(result.guesses)} chỗ đoán (ghi chú '# đoán:' trong tệp), {len(result.notes)} chỗ chưa hiểu (cuối tệp); "
          f"kiểm tra lại rồi chạy: {PROG} check {args.out}", file=sys.stderr)
    return EXIT_OK


def _schema_parser() -> _Parser:
    parser = _Parser(prog=f"{PROG} schema", description="In JSON Schema của đặc tả, để trình soạn thảo (VS Code + YAML) gợi ý và báo lỗi khi gõ.")
    parser.add_argument("-o", "--out", metavar="TỆP.json", help="ghi vào tệp thay vì in ra màn hình")
    return parser


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM: unwinds like Ctrl-C (temporary files removed, workers stopped)."""

    def __init__(self, number: int):
        super().__init__(number)
        self.number = number


@contextlib.contextmanager
def _stoppable(*, last: bool) -> Iterator[None]:
    """SIGINT and SIGTERM raise Interrupted once; a second signal while stopping is ignored,
    so the clean-up is never cut short. The previous handlers come back afterwards (the
    tests and docs/errors.md call main() in-process), except when this is the ``last``
    thing the process does: then a signal after the work is done is ignored, so the exit
    code is the work's, not a death by signal."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, frame: object) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Interrupted(number)

    previous = {number: signal.signal(number, stop) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_IGN if last else handler)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        with _stoppable(last=argv is None):
            return _main(argv)
    except KeyboardInterrupt as exc:  # -- also a signal that arrived while the handlers were being put back --
        return _stopped(exc)


def _stopped(exc: KeyboardInterrupt) -> int:
    number = exc.number if isinstance(exc, Interrupted) else signal.SIGINT
    what = "Ctrl-C" if number == signal.SIGINT else "tín hiệu SIGTERM"
    with contextlib.suppress(OSError, ValueError):
        # -- the signal may have cut a message mid-line: the stop line starts a line of its own --
        print(f"\nĐã dừng theo yêu cầu ({what}); không tệp nào bị ghi dở, các tệp đã ghi xong vẫn giữ nguyên.", file=sys.stderr)
    return 128 + number


def _main(argv: Sequence[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] == "check":
            return _check(_check_parser().parse_args(args[1:]))
        if args and args[0] == "roll":
            parser = _roll_parser()
            return _roll(parser.parse_args(args[1:]), parser)
        if args and args[0] == "schema":
            return _schema(_schema_parser().parse_args(args[1:]))
        if args and args[0] == "serve":
            from .web.serve import parser, serve

            return serve(parser(PROG).parse_args(args[1:]))
        if args and args[0] == "import":
            return _import(_import_parser().parse_args(args[1:]))
        if args and args[0] == "batch":
            parser = _batch_parser()
            return _batch(parser.parse_args(args[1:]), parser)
        parser = _generate_parser()
        return _generate(parser.parse_args(args), parser)
    except CchcError as exc:
        for message in exc.messages():
            print(message, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt as exc:
        return _stopped(exc)
    except Exception as exc:  # a bug: say so plainly, keep the traceback for engineers
        interrupted = _interruption(exc)
        if interrupted is not None:  # -- a signal during a lazy import: Python wraps it (__set_name__) --
            return _stopped(interrupted)
        print(f"Lỗi không mong đợi trong cchc_docgen (không phải lỗi của đặc tả): {type(exc).__name__}: {exc}", file=sys.stderr)
        print("Gợi ý: hãy gửi tệp đặc tả và thông báo này cho nhóm phát triển.", file=sys.stderr)
        if os.environ.get("CCHC_DEBUG"):
            traceback.print_exc()
        return EXIT_BUG


def _interruption(exc: BaseException) -> KeyboardInterrupt | None:
    """The Ctrl-C or SIGTERM behind ``exc``, when Python turned it into another error (a
    signal while a class is being made, as when a module is first imported)."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return cause
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return None


class _StdoutError(CchcError):
    """The written paths could not be printed (stdout on a full or broken device)."""


def _out(text: object = "", *, end: str = "\n") -> None:
    """Print to stdout, and say so in Vietnamese when stdout cannot take it."""
    try:
        sys.stdout.write(f"{text}{end}")
        sys.stdout.flush()
    except OSError as exc:
        # -- what is still buffered would fail again when Python exits: send it nowhere --
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        from .files import reason

        raise _StdoutError(
            f"Không in được kết quả ra đầu ra chuẩn ({reason(exc)}); các tệp đã ghi vẫn còn nguyên.\n"
            "    Gợi ý: kiểm tra nơi nhận đầu ra của lệnh (tệp sau dấu >, ổ đĩa của nó)."
        ) from exc


def _out_dir(value: str | None, parser: _Parser) -> Path | None:
    if value is None:
        return None
    if not value.strip():
        parser.error("-o cần tên một thư mục, không phải chuỗi rỗng (bỏ -o để ghi vào thư mục chứa đặc tả)")
    return Path(value)


def _generate(args: argparse.Namespace, parser: _Parser) -> int:
    from .api import generate

    result = generate(Path(args.spec), _out_dir(args.out, parser), mode=args.mode, strict=args.strict, overwrite=args.overwrite)
    for path in result:
        _out(path)
    code = EXIT_OK
    if args.pdf:
        from .pdf import convert

        converted = convert(list(result))
        for path in converted.pdfs:
            _out(path)
        for _, reason in converted.failures:
            print(reason, file=sys.stderr)
        code = EXIT_SPEC if converted.failures else EXIT_OK
    _print_warnings(result.warnings)
    return code


def _print_warnings(warnings: Sequence[Problem]) -> None:
    """The check rules' warnings, after the paths written: the documents exist, these are worth a look."""
    if not warnings:
        return
    sys.stdout.flush()
    for warning in warnings:
        print(warning.format(), file=sys.stderr)
    print(f"Đã tạo văn bản; {len(warnings)} cảnh báo ở trên nên xem lại (thêm --nghiem để coi cảnh báo là lỗi).", file=sys.stderr)


def _batch(args: argparse.Namespace, parser: _Parser) -> int:
    from . import batch

    if bool(args.bang) != bool(args.model):
        parser.error("--bang và --mau-dac-ta phải dùng cùng nhau")
    if not args.paths and not args.bang:
        parser.error("cần ít nhất một tệp hoặc thư mục đặc tả, hoặc --mau-dac-ta cùng --bang")
    out = _out_dir(args.out, parser)
    jobs, failures = batch.jobs_from_paths([Path(p) for p in args.paths], out)
    if args.bang:
        jobs += batch.jobs_from_table(Path(args.model), Path(args.bang), out)
    bar = batch.ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        result = batch.run(
            jobs, workers=args.jobs, pdf=args.pdf, progress=bar, failures=failures, strict=args.strict, overwrite=args.overwrite,
            time_limit=args.time_limit,
        )  # fmt: skip
    finally:
        if bar is not None:
            bar.close()
    for path in [*result.written, *result.pdfs]:
        _out(path)
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    for failure in result.failures:
        print(f"✗ {failure.label}", file=sys.stderr)
        for message in failure.messages:
            print("    " + message.replace("\n", "\n    "), file=sys.stderr)
    pdf_note = f", {len(result.pdfs)} bản PDF" if args.pdf else ""
    warning_note = f", {len(result.warnings)} cảnh báo" if result.warnings else ""
    print(
        f"Tổng kết: {len(result.written)} tệp Word đã ghi{pdf_note}; {len(result.failures)} lỗi{warning_note} "
        f"trong {result.total} việc; {result.seconds:.1f} giây.",
        file=sys.stderr,
    )
    return EXIT_SPEC if result.failures else EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from .checks import check_files

    report = check_files([Path(p) for p in args.specs])
    for line in report.lines():
        if report.errors:
            print(line, file=sys.stderr)
        else:
            _out(line)
    return EXIT_SPEC if report.errors else EXIT_OK


def _roll_parser() -> _Parser:
    parser = _Parser(
        prog=f"{PROG} roll",
        usage=f"{PROG} roll ĐẶC_TẢ.yaml (--nam NĂM | --them N) [-o ĐẶC_TẢ_MỚI.yaml] [--bang BẢNG.csv [--bang-moi BẢNG_MỚI.csv]] [--ghi-de]",
        description=(
            "Chuyển đặc tả kế hoạch sang kỳ sau: kỳ (ky), thời hạn các nhiệm vụ, năm trong trích yếu và nội dung\n"
            "nói về kỳ kế hoạch; bỏ số văn bản, ngày chỉ còn tháng/năm, đánh dấu dự thảo (du_thao: co).\n"
            "Giữ nguyên mọi căn cứ và văn bản được trích dẫn, chú thích (#) và thứ tự khóa của tệp.\n"
            "In ra (kèm dòng, cột của tệp mới) mọi năm trong nội dung chưa đổi, để người soạn xem lại."
        ),
        epilog=f"Ví dụ:\n  {PROG} roll examples/xa-2026-du-thao.yaml --nam 2027 -o xa-2027-du-thao.yaml\n\n" + EXIT_CODES,
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


def _roll(args: argparse.Namespace, parser: _Parser) -> int:
    from .rollover.command import roll_files

    if args.out is not None and not args.out.strip():
        parser.error("-o cần tên một tệp, không phải chuỗi rỗng (bỏ -o để tự đặt tên theo năm mới)")
    if args.table_out is not None and args.table is None:
        parser.error("--bang-moi đi cùng --bang (bảng của lệnh batch cần chuyển kỳ)")
    result, target, table, table_target = roll_files(
        Path(args.spec), None if args.out is None else Path(args.out), to=args.to, by=args.by, overwrite=args.overwrite,
        table=None if args.table is None else Path(args.table), table_out=None if args.table_out is None else Path(args.table_out))
    _out(target)
    if table_target is not None:
        _out(table_target)
    sys.stdout.flush()
    for note in [*result.notes, *(table.notes if table else ())]:
        print(note.format(), file=sys.stderr)
    print(result.summary() + (f" Bảng: {table.cells_changed} ô đã đổi." if table else ""), file=sys.stderr)
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from .schema_export import schema_text

    text = schema_text()
    if args.out:
        from .writing import write_atomic

        target = Path(args.out)
        if not target.parent.is_dir():  # -- one file asked for: never a folder tree made on the way --
            raise OutputError(
                f"{target}: thư mục {str(target.parent)!r} không tồn tại; chưa ghi tệp nào.\n"
                "    Gợi ý: tạo thư mục đó trước, hoặc ghi vào thư mục đã có, ví dụ -o cchc-spec.schema.json.",
                target,
            )
        write_atomic(text.encode("utf-8"), target)
        _out(args.out)
    else:
        _out(text, end="")  # byte for byte the schema shipped in the package
    return EXIT_OK
