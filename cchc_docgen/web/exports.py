"""The documents as files to download: the DOCX as rendered, or LibreOffice's PDF of it.

The PDF is made the way ``--pdf`` makes it (``cchc_docgen.write`` then ``pdf.convert``:
a private LibreOffice profile, the PDF verified whole), in a temporary folder, never in the
served one. LibreOffice takes a second or more and a few hundred MB per run, so at most
``PDF_AT_ONCE`` conversions run at a time; the rest wait their turn.
"""

from __future__ import annotations

import io
import tempfile
import threading
import zipfile
from collections.abc import Sequence
from pathlib import Path

import cchc_docgen

from .safety import Refused

__all__ = ["DOCX", "PDF", "ZIP", "bundle", "pdfs"]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
ZIP = "application/zip"
PDF_AT_ONCE = 2
_TURN = threading.BoundedSemaphore(PDF_AT_ONCE)


def pdfs(documents: Sequence[cchc_docgen.RenderedDocument]) -> list[tuple[str, bytes]]:
    """(file name, PDF bytes) of each document; refused (503) with the converter's message."""
    from cchc_docgen.pdf import PdfError, convert

    with _TURN, tempfile.TemporaryDirectory(prefix="cchc-web-pdf-") as folder:
        written = cchc_docgen.write(documents, folder)
        try:
            converted = convert(written)
        except PdfError as exc:
            raise Refused(str(exc).replace("Các tệp Word (.docx) đã được ghi đầy đủ.", "Tải tệp Word vẫn được."), 503) from exc
        if converted.failures:
            _, why = converted.failures[0]
            raise Refused(f"Không tạo được bản PDF: {why.replace(folder + '/', '')}", 500)
        return [(path.name, path.read_bytes()) for path in sorted(converted.pdfs, key=lambda p: [w.stem for w in written].index(p.stem))]


def bundle(files: Sequence[tuple[str, bytes]], media_type: str) -> tuple[str, bytes, str]:
    """One file as it is; several as one .zip named after the first."""
    if len(files) == 1:
        name, data = files[0]
        return name, data, media_type
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return Path(files[0][0]).stem + ".zip", buffer.getvalue(), ZIP
