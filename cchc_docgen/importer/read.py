"""Step 1: read the drafter's file (Word, PDF with a text layer, plain text) into lines.

The kind of file is told by its first bytes, not its name: a PDF saved as .txt is still
read as a PDF. Files no plan comes near in size are refused before they are read.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..files import explain
from .clean import text_lines
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


def read_pdf(path: Path, data: bytes) -> list[Line]:
    """The text layer, page by page, through pdfplumber (pdfminer.six's layout analysis)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    pages: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                pages.append(page.extract_text(layout=True, x_tolerance=1.5) or "")
    except PDFPasswordIncorrect as exc:
        raise ImportFailure(f"{path}: tệp PDF được đặt mật khẩu; không đọc được.\n    Gợi ý: mở tệp, bỏ mật khẩu rồi lưu lại.") from exc
    except (PDFSyntaxError, Exception) as exc:
        if isinstance(exc, ImportFailure):
            raise
        raise ImportFailure(f"{path}: tệp PDF bị hỏng ({type(exc).__name__}); không đọc được.\n    Gợi ý: tải lại tệp hoặc dùng bản Word của kế hoạch.") from exc
    if not "".join(pages).strip():
        raise ImportFailure(
            f"{path}: tệp PDF chỉ có ảnh (bản quét), không có lớp chữ; không nhập được.\n"
            "    Gợi ý: dùng bản Word của kế hoạch, hoặc nhận dạng chữ (OCR) bản quét rồi lưu ra .docx hay .txt.")
    return text_lines("\n".join(pages), from_markdown=False)
