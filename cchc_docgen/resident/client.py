"""The command's side: hand the run to a resident process if one is there for it.

Costs a command with no resident process one failed ``connect`` (and, after its own run,
one ``fork``); a served command pays Python's start, this module and a round trip.
"""

from __future__ import annotations

import _signal as signal  # -- not ``signal``: its enums would cost the command an import --
import _socket
import os
import sys

from . import ENVIRONMENT_VARIABLE, PROTOCOL, place, wire

TYPE_CHECKING = False  # -- not typing's: see cchc_docgen/__init__.py --
if TYPE_CHECKING:
    from collections.abc import Sequence

_OWN_PROCESS = ("batch", "serve")  # -- workers and servers of their own: never forked from a resident process --
_STREAMS = ("stdin", "stdout", "stderr")
_OFF = ("0", "off", "no", "khong")
_OWN_ANSWER = ("-h", "--help", "--version")  # -- argparse answers them before any library module is imported --


class Resident:
    """One attempt to run a command through the resident process. When it must run in the
    command's own process, ``why`` says so (``CCHC_DOCGEN_RESIDENT=report`` prints it) and
    ``after`` starts a resident process if there was none to reach."""

    def __init__(self, argv: Sequence[str]):
        self.argv = list(argv)
        self.why = ""
        self._start = False
        self._child = 0
        self._pending: list[int] = []

    def run(self) -> int | None:
        """The command's exit code, or None when it must run in this process."""
        self.why = unfit(self.argv)
        if self.why:
            return None
        folder = place.folder(create=True)
        if folder is None:
            self.why = "thư mục của tiến trình nền không an toàn (phải là thư mục riêng của người dùng, quyền 700)"
            return None
        path = place.socket_path(folder, place.key())
        if path is None:
            self.why = f"đường dẫn thư mục của tiến trình nền quá dài cho một socket: {folder}"
            return None
        sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
        try:
            sock.connect(path)
        except OSError:
            sock.close()
            self.why, self._start = "chưa có tiến trình nền; đã khởi động một tiến trình cho các lần chạy sau", True
            return None
        previous = {number: signal.signal(number, self._forward) for number in (signal.SIGINT, signal.SIGTERM)}
        code = None
        try:
            code = self._served(sock)
        finally:
            sock.close()
            for number, handler in previous.items():
                # -- served: the command's work is done, and a signal now must not replace its exit code --
                signal.signal(number, handler if code is None else signal.SIG_IGN)
        if code is None and self._pending:
            # -- stopped before any child took the command: stop here as the command would have --
            from ..cli import Interrupted, _stopped

            return _stopped(Interrupted(self._pending[0]))
        if code is not None and _reporting():
            print(f"cchc_docgen: lệnh đã chạy qua tiến trình nền (tiến trình con {self._child}).", file=sys.stderr)
        return code

    def after(self) -> None:
        """Once the command has run in this process and its output is out."""
        if _reporting():
            print(f"cchc_docgen: lệnh đã chạy trong tiến trình của nó: {self.why}.", file=sys.stderr)
            sys.stderr.flush()
        if self._start:
            start()

    def _served(self, sock: _socket.socket) -> int | None:
        try:
            wire.send(sock, request(), fds=(0, 1, 2))
            reply, _ = wire.receive(sock)
        except (OSError, EOFError, ValueError):
            self.why = "tiến trình nền không nhận lệnh"
            return None  # -- nothing was started: this process does the work --
        if reply[0] != "pid":
            self.why = f"tiến trình nền từ chối: {reply[1]}"
            return None
        self._child = reply[1]
        for number in self._pending:
            self._forward(number, None)
        try:
            reply, _ = wire.receive(sock)
        except (OSError, EOFError, ValueError):
            reply = ("lost", 0)
        if reply[0] == "exit":
            return int(reply[1])
        print(
            "Lỗi: tiến trình nền chạy lệnh này đã dừng giữa chừng (không phải lỗi của đặc tả); các tệp đã ghi xong "
            f"vẫn nguyên vẹn, không tệp nào bị ghi dở.\nGợi ý: chạy lại lệnh; nếu lặp lại, đặt {ENVIRONMENT_VARIABLE}=0 "
            "để chạy không qua tiến trình nền và gửi thông báo này cho nhóm phát triển.",
            file=sys.stderr,
        )
        return 3

    def _forward(self, number: int, frame: object) -> None:
        if not self._child:
            self._pending.append(number)
            return
        try:  # noqa: SIM105 -- contextlib is one import more for the command --
            os.kill(self._child, number)
        except OSError:
            pass  # -- the child has just ended: its exit code is on its way --


def unfit(argv: Sequence[str]) -> str:
    """Why this command may not run through a resident process at all, or "" (see the package's docstring)."""
    if not sys.platform.startswith("linux"):
        return "tiến trình nền chỉ có trên Linux"
    if os.environ.get(ENVIRONMENT_VARIABLE, "").strip().lower() in _OFF:
        return f"{ENVIRONMENT_VARIABLE}={os.environ[ENVIRONMENT_VARIABLE]}"
    if argv and argv[0] in _OWN_PROCESS:
        return f"lệnh {argv[0]} luôn chạy trong tiến trình của nó"
    if "-" in argv:
        return "đặc tả đọc từ đầu vào chuẩn"
    if any(arg in _OWN_ANSWER for arg in argv):
        return "lời hướng dẫn và số phiên bản in ngay tại đây (chỉ cần phần dòng lệnh, nhanh hơn qua tiến trình nền)"
    flags = sys.flags
    if sys._xoptions or flags.optimize or flags.isolated or flags.ignore_environment or flags.no_site or flags.dev_mode:
        return "Python được chạy với tùy chọn riêng (-X, -O, -I, -E, -S)"
    if flags.inspect or flags.interactive or flags.verbose:
        return "Python được chạy với tùy chọn riêng (-i, -v)"
    if not all(getattr(sys, name) is not None and getattr(sys, name).fileno() == fd for fd, name in enumerate(_STREAMS)):
        return "thiếu đầu vào hoặc đầu ra chuẩn"
    return ""


def _reporting() -> bool:
    return os.environ.get(ENVIRONMENT_VARIABLE, "").strip().lower() == "report"


def request() -> dict[str, object]:
    """What the child needs to be this process: arguments, folder, environment, umask, and how
    its standard streams are opened (their descriptors travel beside the message)."""
    umask = os.umask(0o022)
    os.umask(umask)
    streams = []
    for name in _STREAMS:
        stream = getattr(sys, name)
        streams.append((stream.encoding, stream.errors, stream.line_buffering, getattr(stream, "write_through", False)))
    return {
        "protocol": PROTOCOL,
        "argv": list(sys.argv),
        "path0": sys.path[0],
        "cwd": os.getcwd(),
        "environ": dict(os.environ),
        "umask": umask,
        "streams": streams,
    }


def start() -> None:
    """Start a resident process for this interpreter and settings, detached from this one
    (its own session, no terminal, standard streams on /dev/null), so that the next command
    finds it. Called once this command's output is out; a failure costs nothing but speed."""
    try:
        pid = os.fork()
    except OSError:
        return
    if pid:
        return
    try:
        os.setsid()
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.closerange(3, 256)
        # -- the same interpreter and settings (writing no bytecode: place._flags); -m from the command's folder --
        os.execv(sys.executable, [sys.executable, "-B", "-m", "cchc_docgen.resident", place.key()])
    finally:
        os._exit(0)
