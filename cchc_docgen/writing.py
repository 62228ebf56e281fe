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
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from docx.document import Document as DocxDocument

from .errors import OutputError

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def to_bytes(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return _reproducible(buffer.getvalue())


def _reproducible(data: bytes) -> bytes:
    """The same package with fixed entry times (python-docx stamps the current time)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def prepare_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(_explain(exc, folder, "không tạo được thư mục"), folder) from exc
    if not folder.is_dir():
        raise OutputError(f"{folder}: đây là một tệp, không phải thư mục.\n    Gợi ý: chọn thư mục khác với -o.", folder)


def write_atomic(data: bytes, target: Path, *, protected: Iterable[Path] = ()) -> Path:
    """Write ``data`` to ``target`` all at once; refuse to overwrite a protected input."""
    resolved = target.resolve()
    for path in protected:
        if path.resolve() == resolved:
            raise OutputError(f"{target}: tệp kết quả trùng với tệp đầu vào; không ghi đè đặc tả.\n    Gợi ý: chọn thư mục hoặc tên tệp khác.", target)
    prepare_folder(target.parent)
    handle = None
    try:
        handle = tempfile.NamedTemporaryFile(dir=target.parent, prefix=".~cchc-", suffix=".tmp", delete=False)
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    except OSError as exc:
        if handle is not None:
            Path(handle.name).unlink(missing_ok=True)
        raise OutputError(_explain(exc, target, "không ghi được tệp"), target) from exc
    return target


def _explain(exc: OSError, path: Path, what: str) -> str:
    reasons = {
        errno.EACCES: ("không có quyền ghi", "Chọn thư mục khác với -o, hoặc xin quyền ghi thư mục này."),
        errno.EPERM: ("không có quyền ghi", "Chọn thư mục khác với -o, hoặc xin quyền ghi thư mục này."),
        errno.ENOSPC: ("ổ đĩa đã đầy", "Giải phóng dung lượng rồi chạy lại; tệp cũ vẫn còn nguyên."),
        errno.EROFS: ("ổ đĩa chỉ cho đọc", "Chọn thư mục khác với -o."),
        errno.ENOTDIR: ("một phần của đường dẫn là tệp, không phải thư mục", "Kiểm tra đường dẫn -o."),
        errno.EISDIR: ("đã có một thư mục trùng tên", "Đổi tên tệp kết quả hoặc xóa thư mục đó."),
    }
    reason, hint = reasons.get(exc.errno or 0, (exc.strerror or str(exc), "Tệp có đang mở trong Word không? Đóng tệp rồi chạy lại."))
    return f"{path}: {what} ({reason}).\n    Gợi ý: {hint}"
