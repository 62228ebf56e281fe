"""One command, in a child forked from the resident process: become the drafter's process, run.

The child is a copy of the resident process (everything imported, nothing run); it takes
the command's standard streams, folder, environment and umask, runs the command through
the same entry as the command's own process (``cli.one_shot``), and sends back its exit
code once everything it printed is flushed.
"""

from __future__ import annotations

import contextlib
import io
import os
import select
import signal
import socket
import struct
import sys
import time
from collections.abc import Callable
from typing import Any, NoReturn

from . import PROTOCOL, place, wire

TAKEN = b"T"  # -- said to the resident process: a command was taken, fork the next spare --
STALE = b"S"  # -- a module changed: refuse, and the resident process ends --
_PEER_CREDENTIALS = "3i"  # -- struct ucred: pid, uid, gid --
_MOST_WAIT = 5.0  # -- seconds a spare waits for the command before it (a PDF export) before it rehearses anyway --


def wait(
    listener: socket.socket, said: int, is_stale: Callable[[], bool], rehearse: Callable[[Callable[[], bool]], None], before: int | None
) -> NoReturn:
    """Rehearse (``server.rehearse``), wait for the next command on ``listener``, say so on
    ``said`` (kept open until this process ends, so the next spare can tell), and run it;
    never returns. ``before``: the pipe on which the child forked before this one said it
    took its command; it reads as ended when that child has ended."""
    try:
        def waiting() -> bool:
            return bool(select.select([listener], [], [], 0)[0])

        if before is not None:
            # -- the rehearsal waits for the command before it to end (a few seconds at most), so
            # -- the two do not run at once; a command that comes meanwhile is served at once --
            select.select([before, listener], [], [], _MOST_WAIT)
            os.close(before)
        if len(os.sched_getaffinity(0)) > 1 and not waiting():
            # -- on a single CPU it would slow down the command the drafter runs next --
            rehearse(waiting)
        for number in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(number, signal.SIG_DFL)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # -- the resident process reaps by ignoring it; a command waits for its own --
        signal.signal(signal.SIGINT, signal.default_int_handler)
        connection, _ = listener.accept()
        listener.close()
        if is_stale():
            os.write(said, STALE)
            _refuse(connection, "một mô-đun đã thay đổi từ khi tiến trình nền nạp nó (nâng cấp, sửa mã)")
            os._exit(0)
        os.write(said, TAKEN)  # -- and ``said`` stays open: its end is this process's --
    except BaseException:
        os._exit(0)
    serve(connection)


def _refuse(connection: socket.socket, why: str) -> None:
    """Refuse a request not yet read (the command runs in its own process)."""
    try:
        connection.settimeout(1.0)
        _, fds = wire.receive(connection, fds=3)
        _refused(connection, fds, why)
    except (OSError, EOFError, ValueError):
        pass


def _refused(connection: socket.socket, fds: list[int], why: str) -> None:
    for fd in fds:
        os.close(fd)
    wire.send(connection, ("refused", why))


def serve(sock: socket.socket) -> NoReturn:
    """Run the request waiting on ``sock``; never returns."""
    try:
        sock.settimeout(10.0)
        request, fds = wire.receive(sock, fds=3)
        why = refusal(sock, request, fds)
        if why:
            _refused(sock, fds, why)
            os._exit(0)
        sock.settimeout(None)
        become(request, fds)
        wire.send(sock, ("pid", os.getpid()))
        code = run(request["argv"][1:])
        let_go_of_streams()
        wire.send(sock, ("exit", code))
    except BaseException:
        _log()
    os._exit(0)


def _log() -> None:
    """With CCHC_DEBUG (in the resident process's environment, or the command's once taken),
    what broke a child, in the sockets' folder (the user's alone): its streams may be gone."""
    if not os.environ.get("CCHC_DEBUG"):
        return
    folder = place.folder(create=False)
    if folder is not None:
        import traceback

        with contextlib.suppress(OSError), open(os.path.join(folder, "resident.log"), "a", encoding="utf-8") as log:
            traceback.print_exc(file=log)


def refusal(sock: socket.socket, request: Any, fds: list[int]) -> str:
    """Why this request must run in the command's own process, or "" to run it here."""
    uid = struct.unpack(_PEER_CREDENTIALS, sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize(_PEER_CREDENTIALS)))[1]
    if uid != os.getuid():
        return "tiến trình gửi lệnh là của người dùng khác"
    if not isinstance(request, dict) or request.get("protocol") != PROTOCOL or len(fds) != 3:
        return "yêu cầu không đúng dạng của phiên bản này"
    if shadowed(os.path.join(request["cwd"], request["path0"])):  # -- "" with ``-c``: the command's folder --
        return "thư mục chạy lệnh có mô-đun Python trùng tên một mô-đun thư viện đang dùng"
    return ""


def shadowed(path0: str) -> bool:
    """Whether the command's own first search path (its folder, with ``-m``) holds a module
    or package named as one this process has imported: the command's process would have
    imported that one instead."""
    try:
        entries = os.listdir(path0)
    except OSError:
        return False
    folder = os.path.abspath(path0)
    for entry in entries:
        name = entry.partition(".")[0]
        module = sys.modules.get(name)
        if module is None or not (entry.endswith((".py", ".pyc", ".so")) or "." not in entry):
            continue
        where = getattr(module, "__file__", None)
        if not isinstance(where, str) or not os.path.abspath(where).startswith(os.path.join(folder, name)):
            return True  # -- built in, or imported from elsewhere: this folder's would have won --
    return False


def become(request: dict[str, Any], fds: list[int]) -> None:
    """Take on what the command's process has that a child of the resident process would not
    (everything else the socket's name guarantees equal: ``place.key``)."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["environ"])
    time.tzset()
    os.umask(request["umask"])
    sys.argv = list(request["argv"])
    sys.path[0] = request["path0"]
    streams = []
    for fd, (encoding, errors, line_buffering, write_through) in enumerate(request["streams"]):
        raw = io.FileIO(fd, "r" if fd == 0 else "w", closefd=False)
        buffered = io.BufferedReader(raw) if fd == 0 else io.BufferedWriter(raw)
        streams.append(io.TextIOWrapper(buffered, encoding, errors, line_buffering=line_buffering, write_through=write_through))
    sys.stdin, sys.stdout, sys.stderr = streams
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = streams


def let_go_of_streams() -> None:
    """Once the command has run and flushed: the command's streams are the client's again
    alone, so they end when it does. A program reading the command's output (a script, an
    editor's task, ``| tee``) waits for every holder of the pipe to close it, and this child,
    a copy of the resident process's memory, takes a few milliseconds more to be torn down
    than the client, which exits as soon as it has the exit code."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)


def run(argv: list[str]) -> int:
    from ..cli import one_shot

    code = one_shot(argv)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    return code
