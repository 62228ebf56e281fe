"""PDF export through LibreOffice: one PDF beside each document, with its pages."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from cchc_docgen import batch, pdf
from cchc_docgen.pdf import PdfError

from conftest import DATA, ROOT, OfficeQueue

MODEL = ROOT / "examples" / "xa-mau-hang-loat.yaml"
TABLE = ROOT / "examples" / "xa-hang-loat.csv"


def _page_sizes(path: Path) -> list[tuple[float, float]]:
    """(width, height) in points of every page, as pdfinfo reads them."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    sizes = [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)]
    assert len(sizes) == pages
    return sizes


def test_each_document_gets_one_pdf_with_portrait_pages_then_its_landscape_appendix(tmp_path: Path, office: OfficeQueue) -> None:
    written = batch.run(batch.jobs_from_table(MODEL, TABLE, tmp_path), workers=2).written
    converted = pdf.convert(written)
    assert not converted.failures
    assert converted.pdfs == [p.with_suffix(".pdf") for p in written]
    assert sorted(tmp_path.iterdir()) == sorted([*written, *converted.pdfs])  # -- no staging folder left --
    for path in converted.pdfs:
        sizes = _page_sizes(path)
        assert all(size == pytest.approx((595.3, 841.9), abs=1) or size == pytest.approx((841.9, 595.3), abs=1) for size in sizes)  # A4
        landscape = [width > height for width, height in sizes]
        assert landscape[0] is False and landscape[-1] is True and landscape == sorted(landscape)  # -- the plan, then its appendix --
    for path in written:
        office.register(f"pdf-{path.name}", path.read_bytes())


def test_converting_together_gives_each_pdf_the_pages_it_gets_alone(tmp_path: Path, office: OfficeQueue) -> None:
    written = batch.run(batch.jobs_from_table(MODEL, TABLE, tmp_path), workers=1).written[:2]
    together = {p.stem: len(_page_sizes(p)) for p in pdf.convert(written).pdfs}
    alone = {}
    for path in written:
        counts = office.convert_now([office.register(f"alone-{path.name}", path.read_bytes())])
        alone[path.stem] = next(iter(counts.values()))
    assert together == alone and min(together.values()) >= 2


def test_a_new_pdf_replaces_the_old_one(tmp_path: Path) -> None:
    source = DATA / "batch" / "thu-muc" / "phuong-ben-thanh.yaml"
    [document] = batch.run(batch.jobs_from_paths([source], tmp_path)[0], workers=1).written
    stale = document.with_suffix(".pdf")
    stale.write_bytes(b"not a pdf")
    assert pdf.convert([document]).pdfs == [stale]
    assert stale.read_bytes().startswith(b"%PDF")


def test_without_libreoffice_the_error_says_so_in_vietnamese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pdf.SOFFICE_VARIABLE, str(tmp_path / "khong-co" / "soffice"))
    with pytest.raises(PdfError) as raised:
        pdf.convert([tmp_path / "a.docx"])
    assert "chưa cài LibreOffice" in str(raised.value) and "đã được ghi" in str(raised.value)
