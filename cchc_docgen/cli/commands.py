"""What each command does with its parsed arguments: an API call, then messages out.

Each command imports the part of the library it needs when it runs, so that one command
does not pay for the others' imports.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ..errors import CchcError, OutputError, Problem
from .parsers import EXIT_OK, EXIT_SPEC, _Parser, prog

_Command = TypeVar("_Command", bound=Callable[..., int])

_printed: set[str] = set()  # -- the paths _out printed, as os.path.abspath has them --


def _names_what_it_placed(command: _Command) -> _Command:
    """A command stopped (or failed) after it put files in place (they are whole, and they
    stay) but before it printed their paths prints those paths before its last message:
    every file a command leaves is one it names on stdout."""

    @functools.wraps(command)
    def run(*args: Any) -> int:
        from ..files import keeping_placed

        with keeping_placed() as placed:
            try:
                return command(*args)
            except BaseException:  # -- Ctrl-C and SIGTERM above all --
                with contextlib.suppress(OSError, ValueError):
                    for path in placed:
                        if os.path.abspath(path) not in _printed:
                            sys.stdout.write(f"{path}\n")
                    sys.stdout.flush()
                raise

    return run  # type: ignore[return-value]


@_names_what_it_placed
def _import(args: argparse.Namespace) -> int:
    from ..importer import import_plan, write_spec

    result = import_plan(Path(args.source))
    write_spec(result.text, Path(args.out), source=Path(args.source), overwrite=args.overwrite)
    _out(args.out)
    print(f"{len(result.guesses)} chỗ đoán (ghi chú '# đoán:' trong tệp), {len(result.notes)} chỗ chưa hiểu (cuối tệp); "
          f"kiểm tra lại rồi chạy: {prog()} check {args.out}", file=sys.stderr)
    return EXIT_OK




class _StdoutError(CchcError):
    """The written paths could not be printed (stdout on a full or broken device)."""


def _out(text: object = "", *, end: str = "\n") -> None:
    """Print to stdout, and say so in Vietnamese when stdout cannot take it."""
    try:
        sys.stdout.write(f"{text}{end}")
        sys.stdout.flush()
        if isinstance(text, (str, os.PathLike)) and end == "\n":
            _printed.add(os.path.abspath(text))
    except OSError as exc:
        # -- what is still buffered would fail again when Python exits: send it nowhere --
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        from ..files import reason

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


@_names_what_it_placed
def _generate(args: argparse.Namespace, parser: _Parser) -> int:
    from ..api import generate

    result = generate(Path(args.spec), _out_dir(args.out, parser), mode=args.mode, strict=args.strict, overwrite=args.overwrite)
    for path in result:
        _out(path)
    code = EXIT_OK
    if args.pdf:
        from ..pdf import convert

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
    from .. import batch

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
    from ..checks import check_files

    report = check_files([Path(p) for p in args.specs])
    for line in report.lines():
        if report.errors:
            print(line, file=sys.stderr)
        else:
            _out(line)
    return EXIT_SPEC if report.errors else EXIT_OK



@_names_what_it_placed
def _roll(args: argparse.Namespace, parser: _Parser) -> int:
    from ..rollover.command import roll_files

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


@_names_what_it_placed
def _schema(args: argparse.Namespace) -> int:
    from ..schema_export import schema_text

    text = schema_text()
    if args.out:
        from ..writing import write_atomic

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
