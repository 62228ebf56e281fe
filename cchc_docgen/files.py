"""What the output steps share about the file system: our temporary names, the clean-up
of what a killed run left behind, and OS errors said in Vietnamese.

A temporary's name says which machine and process made it, so a run can remove what a
dead run left (at once, on the same machine) without touching the files of a run going
on at the same time; on a shared folder, other machines' leftovers go by age. The steps
that make a temporary and record its name, or rename it and record that, run with Ctrl-C
and SIGTERM held (``held_signals``), so a stop can never fall between the two; a
command keeps the list of what it put in place (``keeping_placed``), to name it even when
a stop comes before it printed the paths.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import stat
import sys
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import lazy

# -- temporary names: '.~cchc-<host>-<pid>-<random>.tmp', so a later run can tell whose they are --
_TEMP_PREFIX = ".~cchc-"
TEMP_SUFFIX = ".tmp"


def _host_name() -> str:
    """This machine's name, as socket.gethostname() gives it (uname's node name on POSIX:
    the same string, without importing socket for every command)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


_HOST = f"{zlib.crc32(_host_name().encode('utf-8', 'replace')) & 0xFFFFFF:06x}"  # -- a tag, not a secret: no hashlib to load --

STALE_SECONDS = 10 * 60  # -- no write of ours takes minutes; a PDF chunk's time limit stays under it --
_CLEANED: dict[str, float] = {}  # -- folder → when this process last cleaned it --


@lazy.compiled
def _temp_name() -> re.Pattern[str]:
    """What our temporary files are called: compiled when a folder is written to (and its
    leftovers cleaned), never by a check."""
    return re.compile(r"\.~cchc-(?:([0-9a-f]{6})-(\d+)-)?.*\.tmp$")


@contextmanager
def held_signals() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done (a temporary made and its name
    kept, a file written whole, a worker started and known), then act as usual. Only the
    calling thread's signals are held; a no-op where the system has no signal masks (Windows)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, (signal.SIGINT, signal.SIGTERM))
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


# -- the files put in place (renamed whole under their names) while a command keeps a list
# -- (``keeping_placed``); None otherwise, so a long-running process keeps nothing --
_placed: list[Path] | None = None


@contextmanager
def keeping_placed() -> Iterator[list[Path]]:
    """The files put in place while the block runs, in order: a command stopped after its
    files were in place, before it printed their paths, still names every file it leaves."""
    global _placed
    previous, _placed = _placed, []
    try:
        yield _placed
    finally:
        _placed = previous


def placed(*paths: Path) -> None:
    """``paths`` are in place for good; called with the signals held, in the block that put them there."""
    if _placed is not None:
        _placed.extend(paths)


def temp_prefix() -> str:
    return f"{_TEMP_PREFIX}{_HOST}-{os.getpid()}-"


def remove_stale(folder: Path) -> None:
    """Remove what an earlier run that was killed left in ``folder``: only our temporary
    names, only when their process is gone (same machine) or they are old (any machine, as
    on a shared folder); a run going on at the same time keeps its own."""
    now = time.time()
    key = os.path.abspath(folder)
    # -- once per folder per process (again after STALE_SECONDS): a batch writes thousands of
    # -- files into one folder, and listing it before each would cost more than writing them --
    if now - _CLEANED.get(key, -STALE_SECONDS) < STALE_SECONDS:
        return
    _CLEANED[key] = now
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _temp_name().fullmatch(entry.name)
        if match is None:
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
            host, pid = match.group(1), match.group(2)
            gone = host == _HOST and pid is not None and not _alive(int(pid))
            if not (gone or age > STALE_SECONDS):
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:
            continue  # -- another run removed it first, or it is not ours to remove --


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return True  # -- os.kill(pid, 0) would end the process there: trust the age alone --
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # -- alive, another user's --
    return True


_CHOOSE = "Chọn thư mục khác với -o."
_FREE = "Giải phóng dung lượng rồi chạy lại; tệp cũ vẫn còn nguyên."
_REASONS = {
    errno.EACCES: ("không có quyền ghi", "Chọn thư mục khác với -o, hoặc xin quyền ghi thư mục này; tệp có đang mở trong Word không?"),
    errno.EPERM: ("không được phép", "Chọn thư mục khác với -o, hoặc xin quyền ghi thư mục này."),
    errno.ENOSPC: ("ổ đĩa đã đầy", _FREE),
    errno.EDQUOT: ("đã hết hạn mức dung lượng", _FREE),
    errno.EROFS: ("ổ đĩa chỉ cho đọc", _CHOOSE),
    errno.ENOTDIR: ("một phần của đường dẫn là tệp, không phải thư mục", "Kiểm tra đường dẫn -o."),
    errno.EISDIR: ("đã có một thư mục trùng tên", "Đổi tên tệp kết quả hoặc xóa thư mục đó."),
    errno.EFBIG: ("tệp vượt giới hạn kích thước cho phép", "Chọn ổ đĩa hoặc thư mục khác với -o; tệp cũ vẫn còn nguyên."),
    errno.ENOENT: ("thư mục không tồn tại", "Kiểm tra đường dẫn -o."),
    errno.ENAMETOOLONG: ("tên tệp hoặc thư mục quá dài", "Mỗi phần của đường dẫn tối đa 255 byte (chữ có dấu tính 2–3 byte): rút ngắn tên thư mục -o hoặc 'xuat.ten_tep'."),
    errno.EIO: ("lỗi đọc ghi của ổ đĩa", "Kiểm tra ổ đĩa (hoặc USB, ổ mạng) rồi chạy lại; tệp cũ vẫn còn nguyên."),
    errno.EEXIST: ("đã có một tệp hoặc liên kết trùng tên", "Chọn thư mục khác với -o, hoặc xóa tệp trùng tên."),
    errno.ELOOP: ("đường dẫn có liên kết (symlink) vòng", "Kiểm tra các liên kết trong đường dẫn -o."),
    errno.EBUSY: ("tệp đang được một chương trình khác dùng", "Đóng tệp (Word, trình xem PDF) rồi chạy lại."),
    errno.EMFILE: ("quá nhiều tệp đang mở", "Chạy lại với ít tiến trình hơn (-j)."),
    errno.ENFILE: ("quá nhiều tệp đang mở", "Chạy lại với ít tiến trình hơn (-j)."),
    errno.EXDEV: ("không chuyển được tệp giữa hai ổ đĩa", _CHOOSE),
}


def mode_for(target: Path) -> int:
    """Keep the permissions of the file being replaced; a new file gets the usual ones.

    A temporary file is private (0600); without this, re-running over a shared folder
    would lock colleagues out of documents they could read before.
    """
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def reason(exc: OSError) -> str:
    """Why, in Vietnamese: 'ổ đĩa đã đầy', 'tên tệp hoặc thư mục quá dài'…"""
    found = _REASONS.get(exc.errno or 0)
    if found is not None:
        return found[0]
    return f"lỗi hệ thống {errno.errorcode.get(exc.errno, exc.errno)}" if exc.errno else "lỗi hệ thống"


def explain(exc: OSError, path: Path | str, what: str) -> str:
    """An OS error as a drafter reads it: the file, what could not be done, why in Vietnamese, a hint."""
    hint = _REASONS.get(exc.errno or 0, ("", "Tệp có đang mở trong Word không? Đóng tệp rồi chạy lại."))[1]
    return f"{shown(path)}: {what} ({reason(exc)}).\n    Gợi ý: {hint}"


def shown(path: Path | str, limit: int = 160) -> str:
    """A path as a message shows it: a very long one cut in the middle."""
    text = str(path)
    return text if len(text) <= limit else f"{text[: limit // 2]}…{text[-limit // 2 :]}"


def special_kind(mode: int) -> str:
    """What a path of this ``st_mode`` is when it cannot be read as a document ("một thư
    mục", "một ống dẫn (FIFO)", …); "" for a regular file. The specification, the template
    and the batch table are opened without blocking and checked first: a FIFO would wait
    forever for a writer, /dev/zero never ends."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "một thư mục"
    if stat.S_ISFIFO(mode):
        return "một ống dẫn (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "một thiết bị (như /dev/zero)"
    if stat.S_ISSOCK(mode):
        return "một socket"
    return "một tệp đặc biệt"


_READ_REASONS = {
    errno.ENOENT: "không có tệp này",
    errno.EACCES: "không có quyền đọc",
    errno.EPERM: "không có quyền đọc",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ELOOP: "đường dẫn là một vòng liên kết (symlink) trỏ mãi vào nhau",
    errno.EIO: "lỗi đọc ổ đĩa",
}


def read_reason(exc: OSError) -> str:
    """Why a file could not be read, in Vietnamese: the reasons worded for reading, the
    rest as every other OS error is worded (``reason``)."""
    return _READ_REASONS.get(exc.errno or 0) or reason(exc)
