"""Step 1: read the drafter's file (Word, PDF with a text layer, plain text) into lines.

The kind of file is told by its first bytes, not its name: a PDF saved as .txt is still
read as a PDF. Files no plan comes near in size are refused before they are read.
"""

from __future__ import annotations

from pathlib import Path

from ..files import explain
from .clean import text_lines
from .pdf_text import read_pdf
from .source import ImportFailure, Line
from .word import read_docx

MAX_BYTES = 20 * 1024 * 1024  # -- a 300-page plan with its tables is a few MB; past this it is not a plan --


def read(path: Path) -> list[Line]:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportFailure(
                f"{path}: tệp lớn {size / 1024 / 1024:.0f} MB, quá giới hạn {MAX_BYTES // 1024 // 1024} MB của một kế hoạch; không đọc.\n"
                "    Gợi ý: kiểm tra có chọn đúng tệp kế hoạch không; nếu tệp có nhiều ảnh, lưu một bản không có ảnh.")
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailure(explain(exc, path, "không đọc được tệp")) from exc
    if not data.strip():
        raise ImportFailure(f"{path}: tệp rỗng, không có nội dung nào để nhập.\n    Gợi ý: chọn tệp Word, PDF hoặc văn bản của kế hoạch.")
    if data.startswith(b"%PDF"):
        lines = read_pdf(path, data)
    elif data.startswith(b"PK") or data.startswith(b"\xd0\xcf\x11\xe0") or path.suffix.lower() in (".docx", ".doc"):
        lines = read_docx(path, data)
    else:
        lines = text_lines(_decode(path, data))
    if not any(line.text.strip() for line in lines):
        raise ImportFailure(f"{path}: không có chữ nào trong tệp.\n    Gợi ý: chọn tệp Word, PDF hoặc văn bản của kế hoạch.")
    return lines


def _decode(path: Path, data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise ImportFailure(
        f"{path}: không phải tệp văn bản UTF-8, Word (.docx) hay PDF; không đọc được.\n"
        "    Gợi ý: lưu kế hoạch dưới dạng .docx, hoặc văn bản thuần với mã UTF-8.")
