"""PDF copies of written documents, made by LibreOffice without a window.

Drafters publish the signed plan as PDF. LibreOffice takes most of a second to start but
then converts several documents a second, so every file of a run goes to one LibreOffice
process per output folder. It runs with a private, throw-away profile: a drafter's open
office suite (which locks its own profile) neither blocks the conversion nor sees it.
Each PDF is made in a temporary folder beside its document and moved into place, so a
failed conversion never leaves half a PDF where the previous one was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CchcError

# -- where installers put soffice when it is not on PATH --
_KNOWN_PLACES = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
SOFFICE_VARIABLE = "CCHC_SOFFICE"  # -- a LibreOffice installed somewhere else --
START_SECONDS = 60  # -- a first start builds the profile; a slow machine needs time --
SECONDS_PER_FILE = 30

NOT_INSTALLED = (
    "Không xuất được PDF: máy này chưa cài LibreOffice (không tìm thấy lệnh 'soffice').\n"
    "    Các tệp Word (.docx) đã được ghi đầy đủ.\n"
    "    Gợi ý: cài LibreOffice (Ubuntu/Debian: sudo apt install libreoffice-writer; Windows, macOS: tải tại libreoffice.org) "
    "rồi chạy lại lệnh với --pdf; nếu đã cài ở chỗ khác, đặt biến môi trường CCHC_SOFFICE là đường dẫn tới soffice."
)


class PdfError(CchcError):
    """PDF export cannot run at all (LibreOffice missing, or it would not start)."""


@dataclass
class Converted:
    """The PDFs made, and the documents LibreOffice could not convert (with the reason)."""

    pdfs: list[Path] = field(default_factory=list)
    failures: list[tuple[Path, str]] = field(default_factory=list)


def find_soffice() -> str | None:
    """The LibreOffice program: $CCHC_SOFFICE if set, else from PATH or where installers put it."""
    chosen = os.environ.get(SOFFICE_VARIABLE)
    if chosen:
        return chosen if Path(chosen).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((place for place in _KNOWN_PLACES if Path(place).is_file()), None)


def convert(documents: Sequence[Path]) -> Converted:
    """Write ``<name>.pdf`` beside each ``<name>.docx``, one LibreOffice process per folder.

    Raises:
        PdfError: LibreOffice is not installed.
    """
    result = Converted()
    if not documents:
        return result
    program = find_soffice()
    if program is None:
        raise PdfError(NOT_INSTALLED)
    folders: dict[Path, list[Path]] = {}
    for path in documents:
        folders.setdefault(path.parent, []).append(path)
    with tempfile.TemporaryDirectory(prefix="cchc-lo-profile-") as profile:
        for folder, paths in folders.items():
            _convert_folder(program, Path(profile), folder, paths, result)
    return result


def _convert_folder(program: str, profile: Path, folder: Path, paths: list[Path], result: Converted) -> None:
    staging = Path(tempfile.mkdtemp(prefix=".~cchc-pdf-", dir=folder))
    try:
        command = [
            program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible", "--norestore",
            "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(staging),
            *(str(p) for p in paths),
        ]  # fmt: skip
        timeout = START_SECONDS + SECONDS_PER_FILE * len(paths)
        reason = "LibreOffice không chuyển được tệp này sang PDF (tệp hỏng hoặc LibreOffice gặp lỗi)."
        try:
            completed = subprocess.run(command, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL, check=False)
            if completed.returncode != 0:
                detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()
                reason = f"LibreOffice dừng với mã {completed.returncode}" + (f" ({detail[-1]})." if detail else ".")
        except subprocess.TimeoutExpired:
            reason = f"LibreOffice không xong sau {timeout} giây; tệp này chưa có bản PDF."
        except OSError as exc:
            raise PdfError(
                f"Không chạy được LibreOffice ({program}): {exc.strerror}.\n    Gợi ý: cài lại LibreOffice rồi chạy lại lệnh với --pdf."
            ) from exc
        for path in paths:
            made = staging / f"{path.stem}.pdf"
            target = path.with_suffix(".pdf")
            if made.is_file() and made.stat().st_size > 0:
                os.replace(made, target)
                result.pdfs.append(target)
            else:
                result.failures.append((path, f"{path}: {reason}"))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
