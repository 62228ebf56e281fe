"""Open documents in LibreOffice (headless) and count the PDF pages it makes.

A DOCX that python-docx reads but an office suite refuses is worthless, so every
document the tests render goes through here. Files are converted in batches, in one
LibreOffice process per batch, with a private profile so nothing collides.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(paths: list[Path], out_dir: Path, timeout: float = 600) -> dict[Path, int]:
    """Convert ``paths`` to PDF; return each input's page count (0 when it failed)."""
    if SOFFICE is None:
        raise RuntimeError("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cchc-lo-profile-") as profile:
        for start in range(0, len(paths), 200):
            batch = paths[start : start + 200]
            subprocess.run(
                [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, batch)],
                check=False, capture_output=True, timeout=timeout,
            )  # fmt: skip
    return {path: page_count(out_dir / f"{path.stem}.pdf") for path in paths}


def page_count(pdf: Path) -> int:
    if not pdf.is_file():
        return 0
    data = pdf.read_bytes()
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    if counts:
        return max(counts)
    return len(re.findall(rb"/Type\s*/Page\b", data))
