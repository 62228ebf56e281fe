"""Save documents so that nothing is ever lost or half-written.

Bytes are produced in memory first; each file is written to a temporary name in the
target folder and renamed over the old one, so a crash, a full disk or a file held open
by Word leaves the previous output intact. Zip timestamps are fixed, so the same
specification gives byte-identical files on every run.

Each document records which plan it was made from (custom properties, see naming.py);
a file is replaced only by a document of the same plan, or when the drafter says so.
The documents of one specification are written together or not at all.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import struct
import sys
import tempfile
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import properties
from .errors import OutputError
from .files import TEMP_SUFFIX, explain, held_signals, mode_for, placed, remove_stale, temp_prefix
from .naming import PlanIdentity
from .rendering import Docx

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def to_bytes(document: Docx, identity: PlanIdentity | None = None) -> bytes:
    """The .docx package as bytes, the same for the same document on every run."""
    members = document.members
    members[document.main] = document.document.encode("utf-8")
    if identity is not None:
        members = properties.with_identity(members, identity)
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
    """The output folder exists (made if needed) and is a folder; stale temporaries are gone."""
    try:
        if folder.is_symlink() and not folder.exists():
            raise OutputError(
                f"{folder}: là một liên kết (symlink) trỏ tới {os.readlink(folder)!r}, nơi không tồn tại.\n"
                "    Gợi ý: tạo thư mục đích của liên kết, xóa liên kết, hoặc chọn thư mục khác với -o.", folder)
        if folder.exists() and not folder.is_dir():
            raise OutputError(f"{folder}: đây là một tệp, không phải thư mục.\n    Gợi ý: chọn thư mục khác với -o.", folder)
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(explain(exc, folder, "không tạo được thư mục"), folder) from exc
    remove_stale(folder)


def write_atomic(data: bytes, target: Path, *, protected: Iterable[Path] | Inputs = (), replace: bool = True,
                 taken: str | None = None) -> Path:
    """Write ``data`` to ``target`` all at once; refuse to overwrite a protected input.

    For files that carry no plan identity (the JSON Schema, a YAML specification); documents
    go through write_files. With ``replace=False`` an existing target is never replaced, not
    even one that appears between the caller's check and the write (another process, a second
    tab of the page): the temporary is hard-linked to the target's name, which the system
    refuses atomically if the name is taken; ``taken`` is the message for that case.
    """
    target = Path(target)
    _refuse_inputs(target, protected if isinstance(protected, Inputs) else Inputs(protected))
    prepare_folder(target.parent)
    made: list[Path] = []
    try:
        temporary = _temporary(target, data, made)
        with held_signals():  # -- renamed (or refused) and forgotten at once --
            if replace:
                os.replace(temporary, target)
            else:
                _place_new(temporary, target, taken)
            made.clear()
            placed(target)
    except BaseException as exc:
        for path in made:
            _unlink(path)
        if isinstance(exc, OSError):
            raise OutputError(explain(exc, target, "không ghi được tệp"), target) from exc
        raise
    return target


def _place_new(temporary: Path, target: Path, taken: str | None) -> None:
    """Give the finished temporary the target's name only if that name is free."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise OutputError(taken or f"{target}: đã có tệp này; không ghi đè.\n    Gợi ý: chọn tên khác.", target) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
            raise
        # -- a file system without hard links (FAT on a USB stick): check, then rename; the
        #    window between the two is the only one left, and only there --
        if os.path.lexists(target):
            raise OutputError(taken or f"{target}: đã có tệp này; không ghi đè.", target) from None
        os.replace(temporary, target)
        return
    _unlink(temporary)


def write_files(
    files: Sequence[tuple[Path, bytes]], *, protected: Iterable[str | Path] | Inputs = (), overwrite: bool = False
) -> list[Path]:
    """Write one specification's documents: all of them, or none.

    Every target is checked before anything is written (not an input, not a folder, not a
    file of another plan or of the drafter's own unless ``overwrite``); every temporary
    is written before the first rename; a failure puts back what was replaced.

    Raises:
        OutputError: with the first reason; no target has changed.
    """
    files = [(Path(target), data) for target, data in files]
    if not files:
        return []
    inputs = protected if isinstance(protected, Inputs) else Inputs(protected)
    seen: dict[str, Path] = {}
    for target, data in files:
        _refuse_inputs(target, inputs)
        key = os.path.normcase(os.path.abspath(target))
        if key in seen:
            raise OutputError(f"{target}: hai văn bản của cùng một đặc tả trùng tên tệp; không ghi.\n"
                              "    Gợi ý: bỏ 'xuat.ten_tep' để tên tự tạo, hoặc dùng chế độ gop.", target)
        seen[key] = target
        _refuse_replacing(target, data, overwrite)
    for folder in dict.fromkeys(target.parent for target, _ in files):
        prepare_folder(folder)
    temporaries: list[Path] = []
    done: list[tuple[Path, Path | None]] = []  # -- renamed into place: (target, a second name of what it was, or None: new) --
    current = files[0][0]
    try:
        for target, data in files:
            current = target
            _temporary(target, data, temporaries)
        for index, ((target, _), temporary) in enumerate(zip(files, temporaries, strict=True)):
            current = target
            last = index == len(files) - 1
            with held_signals():  # -- a backup made, the rename done and both recorded, or none of it --
                # -- the last rename needs no way back: if it fails, nothing has changed after it --
                backup = _backup(target) if not last and os.path.lexists(target) else None
                try:
                    os.replace(temporary, target)
                except BaseException:
                    if backup is not None:
                        _unlink(backup)
                    raise
                done.append((target, backup))
                if last:  # -- all in place: from here a stop keeps them (the command names them) --
                    placed(*(target for target, _ in done))
    except BaseException as exc:  # -- Ctrl-C included: put everything back, unless all was in place --
        if len(done) == len(files):
            _drop_backups(done)
        else:
            for target, backup in reversed(done):
                _restore(target, backup)
            for path in temporaries:
                _unlink(path)
        if isinstance(exc, OSError):
            raise OutputError(explain(exc, current, "không ghi được tệp"), current) from exc
        raise
    _drop_backups(done)
    return [target for target, _ in files]


def _drop_backups(done: Sequence[tuple[Path, Path | None]]) -> None:
    with held_signals():  # -- a stop here would leave second names of replaced files about --
        for _, backup in done:
            if backup is not None:
                _unlink(backup)


class Inputs:
    """The files a run reads, known by every name they have: the real path (case folded
    where the system folds it) and the file itself (device and inode, which a hard link, a
    symlink or another case of the name on a case-insensitive disk shares)."""

    def __init__(self, paths: Iterable[str | Path] = ()):
        self.names: dict[str, Path] = {}
        self.files: dict[tuple[int, int], Path] = {}
        for path in paths:
            self.add(Path(path))

    def add(self, path: Path) -> None:
        self.names[_name_key(path)] = path
        with contextlib.suppress(OSError):
            found = os.stat(path)
            self.files[(found.st_dev, found.st_ino)] = path

    def owner(self, target: Path) -> Path | None:
        """The input ``target`` would overwrite, or None."""
        if not self.names:
            return None
        found = self.names.get(_name_key(target))
        if found is not None:
            return found
        try:
            stat = os.stat(target)
        except OSError:
            return None
        return self.files.get((stat.st_dev, stat.st_ino))


def _name_key(path: Path) -> str:
    try:
        return os.path.normcase(os.path.realpath(path))
    except (OSError, ValueError):
        return os.path.normcase(os.path.abspath(path))


def _refuse_inputs(target: Path, inputs: Inputs) -> None:
    """No name, link or case of a file the run reads is ever written."""
    found = inputs.owner(target)
    if found is not None:
        raise OutputError(
            f"{target}: tệp kết quả trùng với tệp đầu vào {found} (đặc tả, mẫu Word hoặc bảng); không ghi đè.\n"
            "    Gợi ý: chọn thư mục (-o) hoặc tên tệp (xuat.ten_tep) khác.", target)


def _refuse_replacing(target: Path, data: bytes, overwrite: bool) -> None:
    try:
        if not os.path.lexists(target):
            return
        if target.is_dir():
            raise OutputError(explain(IsADirectoryError(errno.EISDIR, "Is a directory"), target, "không ghi được tệp"), target)
        if target.exists() and not target.is_file():
            raise OutputError(f"{target}: đã có một tệp đặc biệt (không phải tệp thường) trùng tên; không ghi đè.\n"
                              "    Gợi ý: chọn thư mục khác với -o.", target)
        if overwrite:
            return
        old = properties.read(target) if target.exists() else None
    except OSError as exc:
        raise OutputError(explain(exc, target, "không kiểm tra được tệp cũ"), target) from exc
    new = properties.of_bytes(data) if old is not None else None
    if old is not None and old == new:
        return
    if old is None:
        reason = "đã có một tệp trùng tên không do cchc_docgen tạo ra từ kế hoạch này (có thể là tệp Word của bạn)"
    else:
        reason = f"tệp này được tạo từ một kế hoạch khác: {old.describe()}"
        if new is not None:
            reason += f"; văn bản đang tạo là {new.describe()}"
    raise OutputError(
        f"{target}: {reason}; không ghi đè.\n"
        "    Gợi ý: đặt 'xuat.ten_tep' khác hoặc chọn thư mục khác với -o; nếu chắc chắn muốn thay tệp đó, chạy lại với --ghi-de.",
        target)


def _temporary(target: Path, data: bytes, made: list[Path]) -> Path:
    """``data`` in a new temporary next to ``target``, whose name is added to ``made`` the
    moment it exists (signals held between the two), so that the caller can always remove it."""
    temporary: Path | None = None
    try:
        with held_signals():
            descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=temp_prefix(), suffix=TEMP_SUFFIX)
            temporary = Path(name)
            made.append(temporary)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode_for(target))
    except BaseException as exc:  # -- Ctrl-C included: never leave a half-written temporary behind --
        if temporary is not None:
            _unlink(temporary)
        if isinstance(exc, OSError):
            raise OutputError(explain(exc, target, "không ghi được tệp"), target) from exc
        raise
    return temporary


def _backup(target: Path) -> Path:
    """A second name for the file about to be replaced (a hard link; a copy where links are not allowed)."""
    descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=temp_prefix(), suffix=TEMP_SUFFIX)
    os.close(descriptor)
    backup = Path(name)
    os.unlink(backup)  # -- mkstemp only chose a free name of ours --
    if not os.path.islink(target):
        try:
            os.link(target, backup)
            return backup
        except (OSError, NotImplementedError):
            pass
    shutil.copy2(target, backup, follow_symlinks=False)  # -- a symlink is copied as a symlink --
    return backup


def _restore(target: Path, backup: Path | None) -> None:
    with contextlib.suppress(OSError):
        if backup is None:
            os.unlink(target)
        else:
            os.replace(backup, target)


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
