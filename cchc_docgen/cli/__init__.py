"""The command line: arguments in, API call, messages out. No logic of its own.

Exit codes: 0 done, 1 the specification (or output folder) has a problem, 2 the command
was typed wrong, 3 a bug in cchc_docgen itself, 130 stopped by Ctrl-C (SIGINT), 143
stopped by SIGTERM (128 + the signal's number, as shells report it). Warnings of the check
rules do not change the exit code unless --nghiem is given.

The parsers are in ``parsers``, what each command does in ``commands``. Run as a process
(``main()`` without arguments), a one-shot command (a render, check, schema, roll, import,
help) runs with the cycle collector off and ends with ``os._exit`` once its output is
flushed: every file it wrote is closed by then (``writing`` renames a finished temporary into
place), and tearing down the interpreter's modules and objects would add about 50 ms to a
seed plan's 230 (measured). ``batch`` and ``serve``, which own worker processes and threads, exit the
usual way.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from types import ModuleType
from typing import Any

from .parsers import (
    EXIT_BUG,
    EXIT_CODES,
    EXIT_OK,
    EXIT_SIGINT,
    EXIT_SIGTERM,
    EXIT_SPEC,
    EXIT_USAGE,
    _batch_parser,
    _check_parser,
    _generate_parser,
    _import_parser,
    _Parser,
    _roll_parser,
    _schema_parser,
    prog,
)

__all__ = ["EXIT_BUG", "EXIT_CODES", "EXIT_OK", "EXIT_SIGINT", "EXIT_SIGTERM", "EXIT_SPEC", "EXIT_USAGE", "Interrupted", "_Parser", "main"]

_LONG_RUNNING = ("batch", "serve")  # -- worker processes, threads: they exit the usual way --


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

    lost: list[int] = []

    def again(number: int, frame: object) -> None:
        raise Interrupted(lost[-1])

    def swallowed(unraisable: Any) -> None:
        """A signal that struck inside a weakref callback or a finaliser (an import's module
        lock has one): Python prints what the handler raised there, "Exception ignored", and
        goes on as if nothing had been asked. The stop is raised again a moment later, in
        the work itself."""
        if isinstance(unraisable.exc_value, Interrupted) and hasattr(signal, "setitimer"):
            lost.append(unraisable.exc_value.number)
            signal.signal(signal.SIGALRM, again)
            signal.setitimer(signal.ITIMER_REAL, 0.001)
            return
        hook(unraisable)

    previous = {number: signal.signal(number, stop) for number in (signal.SIGINT, signal.SIGTERM)}
    hook, sys.unraisablehook = sys.unraisablehook, swallowed
    try:
        yield
    finally:
        sys.unraisablehook = hook
        if lost:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_IGN if last else handler)


def main(argv: Sequence[str] | None = None, *, before_exit: Callable[[], None] | None = None) -> int:
    """The command with ``argv`` (default: the process's own arguments, and then a one-shot
    command ends the process itself: see the module's docstring, after ``before_exit``)."""
    if argv is not None:
        return _run(argv, last=False)
    args = sys.argv[1:]
    if args and args[0] in _LONG_RUNNING:
        return _run(args, last=True)
    return _ended(one_shot(args), before_exit)


def one_shot(args: Sequence[str]) -> int:
    """A one-shot command as the process's last work, in the command's own process or in
    a child of the resident process (``resident.child``): the same entry for both."""
    gc.disable()  # -- a one-shot command makes no garbage cycles worth collecting before it ends --
    try:
        return _run(args, last=True)
    except SystemExit as exc:  # -- argparse: --help, --version, a command typed wrong --
        if exc.code is not None and not isinstance(exc.code, int):
            raise
        return exc.code or 0


def _run(argv: Sequence[str], *, last: bool) -> int:
    try:
        with _stoppable(last=last):
            return _main(argv)
    except KeyboardInterrupt as exc:  # -- also a signal that arrived while the handlers were being put back --
        return _stopped(exc)


def _ended(code: int, before_exit: Callable[[], None] | None = None) -> int:
    """End the process with ``code`` once what it printed is out; if that cannot be
    flushed, Python's own exit reports it as it always has."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return code
    if before_exit is not None:
        before_exit()
    os._exit(code)


def _stopped(exc: KeyboardInterrupt) -> int:
    number = exc.number if isinstance(exc, Interrupted) else signal.SIGINT
    what = "Ctrl-C" if number == signal.SIGINT else "tín hiệu SIGTERM"
    with contextlib.suppress(OSError, ValueError):
        # -- the signal may have cut a message mid-line: the stop line starts a line of its own --
        print(f"\nĐã dừng theo yêu cầu ({what}); không tệp nào bị ghi dở, các tệp đã ghi xong vẫn giữ nguyên.", file=sys.stderr)
    return 128 + number


def _commands() -> ModuleType:
    """What the commands do, imported once their arguments are parsed: ``--help`` or a
    command typed wrong needs none of the library (nor the dataclasses module under it)."""
    from . import commands

    return commands


# -- each subcommand: its parser, and the function of ``commands`` that runs it; those marked
# -- True also take the parser, to report a wrong combination of options as argparse does --
_SUBCOMMANDS: dict[str, tuple[Callable[[], _Parser], str, bool]] = {
    "check": (_check_parser, "_check", False),
    "roll": (_roll_parser, "_roll", True),
    "schema": (_schema_parser, "_schema", False),
    "import": (_import_parser, "_import", False),
    "batch": (_batch_parser, "_batch", True),
}
_GENERATE = (_generate_parser, "_generate", True)  # -- no subcommand: render the specification --


def _main(argv: Sequence[str]) -> int:
    args = list(argv)
    try:
        if args and args[0] == "serve":
            from ..web.serve import parser, serve

            return serve(parser(prog()).parse_args(args[1:]))
        parser, options, name, with_parser = _parsed(args)
        command = getattr(_commands(), name)
        return command(options, parser) if with_parser else command(options)  # type: ignore[no-any-return]
    except KeyboardInterrupt as exc:
        return _stopped(exc)
    except Exception as exc:
        from ..errors import CchcError

        if not isinstance(exc, CchcError):
            return _bug(exc)
        for message in exc.messages():
            print(message, file=sys.stderr)
        return exc.exit_code


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """A command line's options, parsed as the command parses them, nothing run: the
    resident process rehearses its parsers (argparse compiles patterns as it first parses)."""
    return _parsed(list(argv))[1]


def _parsed(args: list[str]) -> tuple[argparse.ArgumentParser, argparse.Namespace, str, bool]:
    subcommand = args[0] if args and args[0] in _SUBCOMMANDS else None
    make, name, with_parser = _SUBCOMMANDS[subcommand] if subcommand else _GENERATE
    parser = make()
    return parser, parser.parse_args(args[1:] if subcommand else args), name, with_parser


def _bug(exc: Exception) -> int:
    """A bug: said plainly, the traceback kept for engineers (CCHC_DEBUG)."""
    interrupted = _interruption(exc)
    if interrupted is not None:  # -- a signal during a lazy import: Python wraps it (__set_name__) --
        return _stopped(interrupted)
    print(f"Lỗi không mong đợi trong cchc_docgen (không phải lỗi của đặc tả): {type(exc).__name__}: {exc}", file=sys.stderr)
    print("Gợi ý: hãy gửi tệp đặc tả và thông báo này cho nhóm phát triển.", file=sys.stderr)
    if os.environ.get("CCHC_DEBUG"):
        import traceback

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


