"""Read a PDF's text layer as lines: words placed by position (two columns of the header
or the signature kept apart), ruled tables as rows of cells.

pdfplumber, not pypdf: the importer needs word positions and ruled tables, which pdfplumber
gives over pdfminer.six's layout analysis; pypdf's text extraction has neither.
"""

from __future__ import annotations

import io
import itertools
from pathlib import Path

from .clean import text_lines
from .source import ImportFailure, Line


def read_pdf(path: Path, data: bytes) -> list[Line]:
    """The text layer, page by page, through pdfplumber (pdfminer.six's layout analysis);
    ruled tables (the Phụ lục) come as rows of cells, a table continued over pages as one."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    lines: list[Line] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            table_id, last_width, last_header = 0, 0, None
            for page in pdf.pages:
                top = 0.0
                for table in sorted(page.find_tables(), key=lambda t: t.bbox[1]):
                    _, y0, _, y1 = table.bbox
                    above = _page_text(page.within_bbox((0, top, page.width, max(y0, top))))
                    lines += above
                    rows = [[" ".join((cell or "").split()) if cell is not None else None for cell in row] for row in table.extract()]
                    width = max((len(r) for r in rows), default=0)
                    # -- a header row Word repeats on each page (ours do) at the top of the next page carries the table on --
                    repeated = bool(rows) and rows[0] == last_header and not top and all(line.text.strip().isdigit() for line in above)
                    if repeated:
                        rows = rows[1:]
                    elif width != last_width or not _continues_table(rows):
                        table_id += 1
                        last_header = rows[0] if rows else None
                    last_width = width
                    for row in rows:
                        cells = [c for c in row if c is not None]
                        lines.append(Line(" ".join(c for c in cells if c), len(lines) + 1, cells=cells,
                                          merged=len(cells) == 1 and width > 1, table=table_id + 1000))
                    top = y1
                lines += _page_text(page.within_bbox((0, top, page.width, page.height)) if top else page)
    except PDFPasswordIncorrect as exc:
        raise ImportFailure(f"{path}: tệp PDF được đặt mật khẩu; không đọc được.\n    Gợi ý: mở tệp, bỏ mật khẩu rồi lưu lại.") from exc
    except Exception as exc:  # -- pdfminer raises many kinds on a broken file --
        raise ImportFailure(f"{path}: tệp PDF bị hỏng ({type(exc).__name__}); không đọc được.\n    Gợi ý: tải lại tệp hoặc dùng bản Word của kế hoạch.") from exc
    if not any(line.text.strip() for line in lines):
        raise ImportFailure(
            f"{path}: tệp PDF chỉ có ảnh (bản quét), không có lớp chữ; không nhập được.\n"
            "    Gợi ý: dùng bản Word của kế hoạch, hoặc nhận dạng chữ (OCR) bản quét rồi lưu ra .docx hay .txt.")
    return lines


COLUMN_GAP = 24  # -- points: wider than any justified space, narrower than the header's two columns --


def _page_text(region: object) -> list[Line]:
    """The region's words as lines; a wide gap between two words (the header's or the
    signature's two columns) becomes a tab, which the text step splits on."""
    rows: list[list[dict[str, object]]] = []
    for word in sorted(region.extract_words(x_tolerance=1.5, y_tolerance=3), key=lambda w: (round(w["top"]), w["x0"])):  # type: ignore[attr-defined]
        if rows and abs(float(rows[-1][0]["top"]) - float(word["top"])) <= 3:  # type: ignore[arg-type]
            rows[-1].append(word)
        else:
            rows.append([word])
    text = []
    for row in rows:
        row.sort(key=lambda w: float(w["x0"]))  # type: ignore[arg-type]
        line = str(row[0]["text"])
        for before, word in itertools.pairwise(row):
            gap = float(word["x0"]) - float(before["x1"])  # type: ignore[arg-type]
            line += ("\t" if gap > COLUMN_GAP else " ") + str(word["text"])
        text.append(line)
    return text_lines("\n".join(text), from_markdown=False)


def _continues_table(rows: list[list[str | None]]) -> bool:
    """A table at the top of a page without a header row of its own carries on the last one."""
    from .tables import column_of

    first = [c for c in rows[0] if c is not None] if rows else []
    return bool(first) and "noi_dung" not in [column_of(c) for c in first]
