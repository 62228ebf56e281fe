"""Save documents so that nothing is ever lost or half-written.

Bytes are produced in memory first; each file is written to a temporary name in the
target folder and renamed over the old one, so a crash, a full disk or a file held open
by Word leaves the previous output intact. Zip timestamps are fixed, so the same
specification gives byte-identical files on every run.
"""

from __future__ import annotations

import errno
import io
import os
import struct
import sys
import tempfile
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

from .errors import OutputError
from .rendering import Docx

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def to_bytes(document: Docx) -> bytes:
    """The .docx package as bytes, the same for the same document on every run."""
    members = document.members
    members[document.main] = document.document.encode("utf-8")
    return _zip(list(members.items()), body=document.main)


# -- the zip format zipfile writes for ZipInfo(name, _FIXED_TIME), deflated, mode 0644 --
_DOS_DATE = (_FIXED_TIME[0] - 1980) << 9 | _FIXED_TIME[1] << 5 | _FIXED_TIME[2]
_DOS_TIME = _FIXED_TIME[3] << 11 | _FIXED_TIME[4] << 5 | _FIXED_TIME[5] // 2
_VERSION = 20  # zipfile.DEFAULT_VERSION: deflate, no zip64
_SYSTEM = 0 if sys.platform == "win32" else 3  # zipfile.ZipInfo.create_system
_EXTERNAL_ATTR = 0o644 << 16
_LOCAL = struct.Struct("<4s2B4HL2L2H")  # zipfile.structFileHeader
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # zipfile.structCentralDir
_END = struct.Struct("<4s4H2LH")  # zipfile.structEndArchive
_MAX_CACHED = 32 * 1024 * 1024


class _DeflateCache:
    """Compressed members by content: most of a package (styles, theme, settings) is the
    same in every document made from one template, so it is compressed once per process."""

    def __init__(self, budget: int):
        self.budget = budget
        self.used = 0
        self.entries: OrderedDict[bytes, tuple[int, bytes]] = OrderedDict()

    def get(self, data: bytes) -> tuple[int, bytes]:
        found = self.entries.get(data)
        if found is not None:
            self.entries.move_to_end(data)
            return found
        found = _deflate(data, zlib.Z_DEFAULT_COMPRESSION)
        if len(data) <= self.budget // 4:
            self.entries[data] = found
            self.used += len(data) + len(found[1])
            while self.used > self.budget:
                old, (_, packed) = self.entries.popitem(last=False)
                self.used -= len(old) + len(packed)
        return found


_CACHE = _DeflateCache(_MAX_CACHED)
# -- a document's own text is never the same twice: no cache entry, and zlib's fastest
# level (the Tân Uyên seed's 77 kB deflate in 0.25 ms instead of 1.3 ms at the default
# level, for a file 4 kB larger: 27 kB instead of 23) --
_BODY_LEVEL = 1


def _deflate(data: bytes, level: int) -> tuple[int, bytes]:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return zlib.crc32(data), compressor.compress(data) + compressor.flush()


def _zip(members: list[tuple[str, bytes]], *, body: str) -> bytes:
    """A zip byte for byte as ``zipfile`` writes it with ZipInfo(name, _FIXED_TIME), deflated
    and mode 0644, but taking already-compressed members from the cache."""
    out = io.BytesIO()
    central = []
    for name, data in members:
        encoded = name.encode("ascii") if name.isascii() else name.encode("utf-8")
        flags = 0 if name.isascii() else 0x800
        crc, packed = _deflate(data, _BODY_LEVEL) if name == body else _CACHE.get(data)
        offset = out.tell()
        out.write(_LOCAL.pack(b"PK\x03\x04", _VERSION, 0, flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE, crc, len(packed), len(data), len(encoded), 0))
        out.write(encoded)
        out.write(packed)
        central.append(_CENTRAL.pack(b"PK\x01\x02", _VERSION, _SYSTEM, _VERSION, 0, flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE,
                                     crc, len(packed), len(data), len(encoded), 0, 0, 0, 0, _EXTERNAL_ATTR, offset) + encoded)
    start = out.tell()
    for record in central:
        out.write(record)
    size = out.tell() - start
    out.write(_END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), size, start, 0))
    return out.getvalue()


def prepare_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: đây là một tệp, không phải thư mục.\n    Gợi ý: chọn thư mục khác với -o.", folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(_explain(exc, folder, "không tạo được thư mục"), folder) from exc


def write_atomic(data: bytes, target: Path, *, protected: Iterable[Path] = ()) -> Path:
    """Write ``data`` to ``target`` all at once; refuse to overwrite a protected input."""
    resolved = target.resolve()
    for path in protected:
        if path.resolve() == resolved or (target.exists() and path.exists() and os.path.samefile(path, target)):
            raise OutputError(f"{target}: tệp kết quả trùng với tệp đầu vào; không ghi đè đặc tả.\n    Gợi ý: chọn thư mục hoặc tên tệp khác.", target)
    prepare_folder(target.parent)
    temporary: Path | None = None
    try:
        descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=".~cchc-", suffix=".tmp")
        temporary = Path(name)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException as exc:  # -- Ctrl-C included: never leave a half-written temporary behind --
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(_explain(exc, target, "không ghi được tệp"), target) from exc
        raise
    return target


def _mode_for(target: Path) -> int:
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


def _explain(exc: OSError, path: Path, what: str) -> str:
    reasons = {
        errno.EACCES: ("không có quyền ghi", "Chọn thư mục khác với -o, hoặc xin quyền ghi thư mục này."),
        errno.EPERM: ("không có quyền ghi", "Chọn thư mục khác với -o, hoặc xin quyền ghi thư mục này."),
        errno.ENOSPC: ("ổ đĩa đã đầy", "Giải phóng dung lượng rồi chạy lại; tệp cũ vẫn còn nguyên."),
        errno.EROFS: ("ổ đĩa chỉ cho đọc", "Chọn thư mục khác với -o."),
        errno.ENOTDIR: ("một phần của đường dẫn là tệp, không phải thư mục", "Kiểm tra đường dẫn -o."),
        errno.EISDIR: ("đã có một thư mục trùng tên", "Đổi tên tệp kết quả hoặc xóa thư mục đó."),
        errno.EFBIG: ("tệp vượt giới hạn kích thước cho phép", "Chọn ổ đĩa hoặc thư mục khác với -o; tệp cũ vẫn còn nguyên."),
        errno.EDQUOT: ("đã hết hạn mức dung lượng", "Giải phóng dung lượng rồi chạy lại; tệp cũ vẫn còn nguyên."),
        errno.ENOENT: ("thư mục không tồn tại", "Kiểm tra đường dẫn -o."),
    }
    reason, hint = reasons.get(exc.errno or 0, (exc.strerror or str(exc), "Tệp có đang mở trong Word không? Đóng tệp rồi chạy lại."))
    return f"{path}: {what} ({reason}).\n    Gợi ý: {hint}"
