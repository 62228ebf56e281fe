"""Read a drafter's Word template without trusting it: the first thing the render step does.

A .docx is a zip of XML parts, and a template comes from anywhere: a colleague's e-mail, a
portal, last year's folder. Before python-docx sees it, the file must be a regular file
(a FIFO would block the read forever, a link to /dev/zero would fill memory); the zip's
directory must promise a package of sensible size, checked before anything is inflated (a
1 MB file can claim, or really hold, gigabytes); each member is then inflated with a cap,
so a directory that lies cannot get past it; member names may not climb out of the package
(``../``, absolute names) since a document's members are copied into every output; and no
XML part may carry a DOCTYPE, whose entities python-docx would keep and Word refuses (an
entity is also how XXE starts: it is never expanded here, and never reaches a parser that
would).
"""

from __future__ import annotations

import errno
import io
import os
import re
import zipfile
from pathlib import Path

from . import files
from .errors import TemplateError

# A real template is a few styles and perhaps a scanned emblem: tens of kilobytes, a few MB
# with pictures. The limits leave a hundred times that, and still keep a hostile file far
# from the memory of a commune office's PC (python-docx holds every part in memory, and the
# compiled template keeps a copy of each).
MAX_FILE_MB = 32
MAX_INFLATED_MB = 64  # -- all members together, inflated --
MAX_MEMBERS = 2000
_MB = 1024 * 1024
_CHUNK = 1024 * 1024

_HINT_SAVE = "Gợi ý: mở mẫu trong Word rồi lưu lại với kiểu Word Document (.docx)."


def read(path: Path) -> bytes:
    """The template's bytes, once the file and its package have passed every check."""
    data = _read_regular(path)
    _check_package(path, data)
    return data


def _read_regular(path: Path) -> bytes:
    try:
        info = os.stat(path)
    except OSError as exc:
        raise TemplateError(f"{path}: {_os_reason(exc)}.\n    Gợi ý: kiểm tra đường dẫn 'mau' trong khóa 'xuat'.") from None
    kind = files.special_kind(info.st_mode)
    if kind:
        raise TemplateError(f"{path}: mẫu là {kind}, không phải tệp Word.\n    Gợi ý: cho khóa 'mau' trỏ tới một tệp .docx thật.")
    if info.st_size > MAX_FILE_MB * _MB:
        raise TemplateError(
            f"{path}: tệp mẫu nặng {info.st_size / _MB:.0f} MB, quá giới hạn {MAX_FILE_MB} MB.\n"
            "    Gợi ý: bỏ bớt hoặc thu nhỏ hình ảnh trong mẫu."
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_MB * _MB + 1)  # -- the file may grow between stat and read --
    except OSError as exc:
        raise TemplateError(f"{path}: không đọc được mẫu ({_os_reason(exc)}).\n    Gợi ý: kiểm tra đường dẫn 'mau' trong khóa 'xuat'.") from None
    if len(data) > MAX_FILE_MB * _MB:
        raise TemplateError(f"{path}: tệp mẫu quá giới hạn {MAX_FILE_MB} MB.\n    Gợi ý: bỏ bớt hoặc thu nhỏ hình ảnh trong mẫu.")
    return data


def special_kind(path: Path) -> str:
    """What ``path`` is when it exists but cannot be a template file ("một ống dẫn (FIFO)",
    "một thiết bị", "một thư mục", a link loop); "" for a regular file or a missing one.
    For the specification's own check of ``xuat.mau``, which would otherwise say "not found"."""
    try:
        return files.special_kind(os.stat(path).st_mode)
    except OSError as exc:
        return "một vòng liên kết tượng trưng (symlink) trỏ về chính nó" if exc.errno == errno.ELOOP else ""


def _os_reason(exc: OSError) -> str:
    """Why a template could not be read: the reasons worded for reading, the rest as every
    other OS error is worded (``files.reason``)."""
    reasons = {
        errno.ENOENT: "không tìm thấy tệp mẫu",
        errno.ELOOP: "đường dẫn mẫu là một vòng liên kết tượng trưng (symlink) trỏ về chính nó",
        errno.EACCES: "không có quyền đọc tệp mẫu",
        errno.EPERM: "không có quyền đọc tệp mẫu",
    }
    return reasons.get(exc.errno or 0) or files.read_reason(exc)


def _check_package(path: Path, data: bytes) -> None:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise TemplateError(f"{path}: tệp mẫu không phải tệp Word (.docx) dùng được (không phải gói zip).\n    {_HINT_SAVE}") from None
    with package:
        members = package.infolist()
        if len(members) > MAX_MEMBERS:
            raise TemplateError(f"{path}: mẫu có {len(members)} thành phần, quá giới hạn {MAX_MEMBERS}.\n    {_HINT_SAVE}")
        names: set[str] = set()
        claimed = 0
        for member in members:
            _check_name(path, member.filename, names)
            claimed += member.file_size
            if claimed > MAX_INFLATED_MB * _MB:
                raise TemplateError(_too_big(path, member.filename, member.file_size))
        left = MAX_INFLATED_MB * _MB
        for member in members:
            content = _inflate(path, package, member, left)
            left -= len(content)
            if _is_xml(member.filename):
                _check_xml(path, member.filename, content)


def _check_name(path: Path, name: str, seen: set[str]) -> None:
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or ".." in parts or "\\" in name or "\0" in name:
        raise TemplateError(
            f"{path}: mẫu chứa thành phần có tên {name[:120]!r} trỏ ra ngoài gói (tên tuyệt đối hoặc có '..'); không dùng mẫu này.\n"
            f"    {_HINT_SAVE}"
        )
    if name.casefold() in seen:
        raise TemplateError(f"{path}: mẫu có hai thành phần cùng tên {name[:120]!r}.\n    {_HINT_SAVE}")
    seen.add(name.casefold())


def _inflate(path: Path, package: zipfile.ZipFile, member: zipfile.ZipInfo, left: int) -> bytes:
    """A member inflated in chunks, never past its own claimed size or what is left of the
    limit (zipfile already stops at the claimed size; the limit guards against a claim
    that changes between the directory and the local header)."""
    cap = min(member.file_size, left)
    out = bytearray()
    try:
        with package.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                out += chunk
                if len(out) > cap:
                    raise TemplateError(_too_big(path, member.filename, len(out)))
    except TemplateError:
        raise
    except Exception as exc:  # -- bad CRC, unsupported compression, encrypted member, truncated data --
        raise TemplateError(f"{path}: thành phần {member.filename!r} của mẫu bị hỏng ({type(exc).__name__}).\n    {_HINT_SAVE}") from None
    return bytes(out)


def _too_big(path: Path, name: str, size: int) -> str:
    return (
        f"{path}: mẫu giải nén ra quá {MAX_INFLATED_MB} MB (thành phần {name[:120]!r}: {size / _MB:,.0f} MB); mẫu bị hỏng hoặc cố tình làm đầy bộ nhớ.\n"
        "    Gợi ý: bỏ bớt hoặc thu nhỏ hình ảnh trong mẫu, rồi lưu lại trong Word."
    )


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels", ".vml"))  # -- [Content_Types].xml included --


_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)\b")


def _check_xml(path: Path, name: str, content: bytes) -> None:
    """No DOCTYPE in any part: Word never writes one, python-docx would keep its entities
    unexpanded in the output (a file Word refuses), and refusing it keeps XXE impossible."""
    text = content
    if content[:2] in (b"\xff\xfe", b"\xfe\xff") or content[:4] in (b"<\0?\0", b"\0<\0?"):
        try:
            text = content.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise TemplateError(f"{path}: thành phần {name!r} của mẫu không đọc được (mã hóa hỏng).\n    {_HINT_SAVE}") from None
    if _DTD.search(text):
        raise TemplateError(
            f"{path}: thành phần {name!r} của mẫu có khai báo DOCTYPE/ENTITY; Word không bao giờ ghi khai báo này "
            "và văn bản làm từ nó sẽ không mở được.\n"
            f"    {_HINT_SAVE}"
        )
