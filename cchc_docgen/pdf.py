"""PDF copies of written documents, made by LibreOffice without a window.

Drafters publish the signed plan as PDF. LibreOffice takes most of a second to start but
then converts several documents a second, so every file of a run goes to one LibreOffice
process per output folder. It runs with a private, throw-away profile: a drafter's open
office suite (which locks its own profile) neither blocks the conversion nor sees it.
Each PDF is made in a temporary folder beside its document, verified (a whole PDF: header,
trailer, a page tree whose page count matches the pages the file holds) and only then moved
into place, so a failed or cut conversion — a full disk, a crashed converter — never
replaces the previous PDF. Documents go to LibreOffice in chunks, each with a time limit
that grows with the chunk and is capped; a converter past its limit is killed with all
the processes it started.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CchcError
from .files import TEMP_SUFFIX, explain, held_signals, mode_for, placed, reason, remove_stale, temp_prefix

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
START_SECONDS = 90  # -- a first start builds the profile; a slow machine needs time --
SECONDS_PER_FILE = 10  # -- a plan takes a fraction of a second; a 300-page one a few seconds --
CHUNK = 50  # -- documents per LibreOffice run: a limit of at most 90 + 10 × 50 s = about 10 minutes --
_LOW_SPACE = 4 * 1024 * 1024  # -- free bytes under which a failed PDF is put down to a full disk --

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
    """The LibreOffice program: $CCHC_SOFFICE if set, else from PATH or where installers put it.

    Raises:
        PdfError: CCHC_SOFFICE names a file that does not exist or cannot be run.
    """
    chosen = os.environ.get(SOFFICE_VARIABLE)
    if chosen:
        path = Path(chosen)
        hint = "    Gợi ý: đặt CCHC_SOFFICE là đường dẫn đầy đủ tới chương trình soffice của LibreOffice, hoặc bỏ biến này để tự tìm."
        if not path.exists():
            raise PdfError(f"Không xuất được PDF: {SOFFICE_VARIABLE}={chosen} không tồn tại.\n    Các tệp Word (.docx) đã được ghi đầy đủ.\n{hint}")
        if not path.is_file() or not os.access(path, os.X_OK):
            raise PdfError(f"Không xuất được PDF: {SOFFICE_VARIABLE}={chosen} không chạy được (không phải chương trình, hoặc không có quyền chạy).\n"
                           f"    Các tệp Word (.docx) đã được ghi đầy đủ.\n{hint}")
        return chosen
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((place for place in _KNOWN_PLACES if Path(place).is_file()), None)


def time_limit(count: int) -> int:
    """Seconds one LibreOffice run of ``count`` documents may take (``count`` ≤ CHUNK)."""
    return START_SECONDS + SECONDS_PER_FILE * count


def convert(documents: Sequence[Path]) -> Converted:
    """Write ``<name>.pdf`` beside each ``<name>.docx``: LibreOffice runs per folder, CHUNK
    documents at a time; a document that cannot be converted is reported and the rest go on.

    Raises:
        PdfError: LibreOffice is not installed, or CCHC_SOFFICE names nothing runnable.
    """
    result = Converted()
    if not documents:
        return result
    program = find_soffice()
    if program is None:
        raise PdfError(NOT_INSTALLED)
    folders: dict[Path, list[Path]] = {}
    for path in documents:
        # -- absolute: LibreOffice takes a relative --outdir from its own working folder --
        absolute = Path(os.path.abspath(path))
        folders.setdefault(absolute.parent, []).append(absolute)
    with tempfile.TemporaryDirectory(prefix="cchc-lo-profile-") as profile:
        for folder, paths in folders.items():
            remove_stale(folder)
            for start in range(0, len(paths), CHUNK):
                _convert_chunk(program, Path(profile), folder, paths[start : start + CHUNK], result)
    return result


def _convert_chunk(program: str, profile: Path, folder: Path, paths: list[Path], result: Converted) -> None:
    waiting = []
    for path in paths:
        target = path.with_suffix(".pdf")
        if target.is_dir():
            result.failures.append((path, explain(IsADirectoryError(errno.EISDIR, ""), target, "không ghi được bản PDF")))
        elif target.exists() and not target.is_file():
            result.failures.append((path, f"{target}: đã có một tệp đặc biệt trùng tên; không ghi bản PDF.\n    Gợi ý: xóa hoặc đổi tên tệp đó."))
        else:
            waiting.append(path)
    if not waiting:
        return
    try:
        staging = Path(tempfile.mkdtemp(prefix=temp_prefix(), suffix=TEMP_SUFFIX, dir=folder))
    except OSError as exc:
        result.failures += [(path, explain(exc, path.with_suffix(".pdf"), "không ghi được bản PDF")) for path in waiting]
        return
    try:
        why = _run(program, profile, staging, waiting)
        for path in waiting:
            _keep(path, staging / f"{path.stem}.pdf", why, result)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _run(program: str, profile: Path, staging: Path, paths: list[Path]) -> str:
    """Run LibreOffice on ``paths``; the reason to give for a document it did not convert."""
    command = [
        program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible", "--norestore",
        "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(staging),
        *(str(p) for p in paths),
    ]  # fmt: skip
    limit = time_limit(len(paths))
    try:
        # -- its own session: on time-out the whole group goes, oosplash and soffice.bin with it --
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   start_new_session=sys.platform != "win32")
    except OSError as exc:
        raise PdfError(
            f"Không chạy được LibreOffice ({program}): {reason(exc)}.\n"
            "    Các tệp Word (.docx) đã được ghi đầy đủ."
        ) from exc
    try:
        _, stderr = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        return f"LibreOffice không xong sau {limit} giây và đã bị dừng; tệp này chưa có bản PDF mới (bản cũ, nếu có, vẫn còn nguyên)."
    except BaseException:
        _kill_group(process)
        raise
    if b"source file could not be loaded" in stderr:
        return "LibreOffice không mở được tệp này (tệp hỏng hoặc không phải tệp Word)."
    if process.returncode != 0:
        # -- its own words are English and say no more than the code: not shown to the drafter --
        return f"LibreOffice dừng với mã lỗi {process.returncode}; tệp này chưa có bản PDF mới."
    return "LibreOffice không chuyển được tệp này sang PDF (tệp hỏng hoặc LibreOffice gặp lỗi)."


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        if sys.platform == "win32":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    process.communicate()


def _keep(document: Path, made: Path, why: str, result: Converted) -> None:
    """Move a verified PDF over the old one; a missing, cut or foreign file is refused."""
    target = document.with_suffix(".pdf")
    problem = verify(made) if made.is_file() else None
    if _low_space(made.parent) and (problem is not None or not made.is_file()):
        problem = "ổ đĩa đã đầy"  # -- LibreOffice wrote a cut file, or none, for want of space --
    elif not made.is_file():
        result.failures.append((document, f"{document}: {why}"))
        return
    if problem is not None:
        full = problem == "ổ đĩa đã đầy"
        what = "không ghi được bản PDF" if full else "bản PDF LibreOffice tạo ra không dùng được"
        hint = "Giải phóng dung lượng rồi chạy lại." if full else "Mở tệp Word trong LibreOffice hoặc Word xem có lỗi không, rồi chạy lại với --pdf."
        result.failures.append((document, f"{target}: {what} ({problem}); bản PDF cũ, nếu có, vẫn còn nguyên.\n    Gợi ý: {hint}"))
        return
    try:
        os.chmod(made, mode_for(target))
        with held_signals():  # -- in place and known, or neither: a stop names every PDF it leaves --
            os.replace(made, target)
            placed(target)
            result.pdfs.append(target)
    except OSError as exc:
        result.failures.append((document, explain(exc, target, "không ghi được bản PDF")))


def _low_space(folder: Path) -> bool:
    try:
        found = shutil.disk_usage(folder)
    except OSError:
        return False
    return found.free < _LOW_SPACE


_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_PAGES_COUNT = re.compile(rb"/Type\s*/Pages\b(?:(?!>>).)*?/Count\s+(\d+)|/Count\s+(\d+)(?:(?!>>).)*?/Type\s*/Pages\b", re.S)


def verify(path: Path) -> str | None:
    """Why the file at ``path`` is not a whole PDF, or None.

    Whole means: it starts with %PDF-, ends with %%EOF (after a startxref), and its page
    tree says how many pages it has — at least one, and as many as the page objects the
    file holds (a file cut short loses pages or its trailer).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        return f"không đọc được: {reason(exc)}"
    if not data.startswith(b"%PDF-"):
        return "không phải tệp PDF"
    tail = data[-1024:].rstrip()
    if not tail.endswith(b"%%EOF") or b"startxref" not in tail:
        return "tệp bị cắt cụt, thiếu phần kết"
    counts = [int(a or b) for a, b in _PAGES_COUNT.findall(data)]
    if not counts:
        return "không đọc được số trang"
    pages = max(counts)  # -- the root of the page tree counts every page below it --
    if pages < 1:
        return "không có trang nào"
    found = len(_PAGE.findall(data))
    if found and found != pages:
        return f"cây trang ghi {pages} trang nhưng tệp có {found} trang"
    return None


def page_count(path: Path) -> int:
    """Pages of a verified PDF."""
    return max(int(a or b) for a, b in _PAGES_COUNT.findall(path.read_bytes()))
