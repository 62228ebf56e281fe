"""PDF export through LibreOffice: one PDF beside each document, with its pages."""

from __future__ import annotations

import re
import subprocess
import sys
import time
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


def _fake_converter(folder: Path, body: str) -> Path:
    """A stand-in for soffice: a real program that takes LibreOffice's arguments and runs ``body``
    with ``outdir`` and ``documents`` set (what LibreOffice itself would see)."""
    script = folder / "fake-soffice"
    script.write_text(
        f"#!{sys.executable}\nimport os, sys, time, subprocess\nfrom pathlib import Path\n"
        "args = sys.argv[1:]\noutdir = Path(args[args.index('--outdir') + 1])\n"
        "documents = [Path(a) for a in args if a.endswith('.docx')]\n" + body,
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


def _one_page_pdf(pages: int = 1, *, count: int | None = None) -> bytes:
    """A small, whole PDF (what pdfinfo reads), its page tree declaring ``count`` pages."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {count or pages} >>".encode()]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    out = bytearray(b"%PDF-1.6\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    start = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode() + b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n".encode()
    return bytes(out)


GOOD = _one_page_pdf()


def test_the_hand_made_pdf_of_these_tests_is_one_pdfinfo_reads(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(GOOD)
    assert len(_page_sizes(tmp_path / "a.pdf")) == 1 and pdf.verify(tmp_path / "a.pdf") is None


@pytest.mark.parametrize(
    "written, reason",
    [
        ("GOOD[: len(GOOD) // 2]", "cắt cụt"),
        ("b'Warning: failed to launch javaldx' * 40", "không phải tệp PDF"),
        ("GOOD.replace(b'/Count 1', b'/Count 0')", "không có trang nào"),
        ("TWO.replace(b'/Count 2', b'/Count 3')", "cây trang ghi 3 trang nhưng tệp có 2 trang"),
    ],
    ids=["truncated", "garbage", "no-page", "pages-disagree"],
)
def test_a_truncated_pdf_does_not_replace_a_good_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str, reason: str) -> None:
    document = tmp_path / "ke-hoach.docx"
    document.write_bytes(b"PK")  # -- the fake converter does not read it --
    old = document.with_suffix(".pdf")
    old.write_bytes(GOOD)
    body = f"GOOD = {GOOD!r}\nTWO = {_one_page_pdf(2)!r}\nfor d in documents:\n    (outdir / (d.stem + '.pdf')).write_bytes({written})\n"
    monkeypatch.setenv(pdf.SOFFICE_VARIABLE, str(_fake_converter(tmp_path, body)))
    converted = pdf.convert([document])
    [(failed, message)] = converted.failures
    assert failed == document and reason in message and "bản PDF cũ, nếu có, vẫn còn nguyên" in message
    assert not converted.pdfs and old.read_bytes() == GOOD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake-soffice", "ke-hoach.docx", "ke-hoach.pdf"]  # -- no staging left --


def test_a_directory_where_a_pdf_goes_is_reported_and_the_others_are_converted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    documents = [tmp_path / "a.docx", tmp_path / "b.docx"]
    for path in documents:
        path.write_bytes(b"PK")
    (tmp_path / "a.pdf").mkdir()
    body = f"for d in documents:\n    (outdir / (d.stem + '.pdf')).write_bytes({GOOD!r})\n"
    monkeypatch.setenv(pdf.SOFFICE_VARIABLE, str(_fake_converter(tmp_path, body)))
    converted = pdf.convert(documents)
    assert converted.pdfs == [tmp_path / "b.pdf"] and (tmp_path / "b.pdf").read_bytes() == GOOD
    [(failed, message)] = converted.failures
    assert failed == documents[0] and "đã có một thư mục trùng tên" in message and (tmp_path / "a.pdf").is_dir()


def test_conversions_go_in_chunks_with_a_limit_that_grows_and_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    documents = [tmp_path / f"{i:03d}.docx" for i in range(pdf.CHUNK * 2 + 7)]
    for path in documents:
        path.write_bytes(b"PK")
    log = tmp_path / "runs.log"
    body = f"open({str(log)!r}, 'a').write(f'{{len(documents)}}\\n')\nfor d in documents:\n    (outdir / (d.stem + '.pdf')).write_bytes({GOOD!r})\n"
    monkeypatch.setenv(pdf.SOFFICE_VARIABLE, str(_fake_converter(tmp_path, body)))
    converted = pdf.convert(documents)
    assert len(converted.pdfs) == len(documents) and not converted.failures
    assert log.read_text().split() == [str(pdf.CHUNK), str(pdf.CHUNK), "7"]
    assert pdf.time_limit(1) < pdf.time_limit(pdf.CHUNK) <= 600


def test_a_hanging_converter_is_killed_with_every_process_it_started(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = tmp_path / "a.docx"
    document.write_bytes(b"PK")
    pids = tmp_path / "child.pid"
    body = (f"child = subprocess.Popen(['sleep', '600'])\nopen({str(pids)!r}, 'w').write(str(child.pid))\n"
            "time.sleep(600)\n")
    monkeypatch.setenv(pdf.SOFFICE_VARIABLE, str(_fake_converter(tmp_path, body)))
    monkeypatch.setattr(pdf, "START_SECONDS", 2)
    monkeypatch.setattr(pdf, "SECONDS_PER_FILE", 0)
    converted = pdf.convert([document])
    [(_, message)] = converted.failures
    assert "không xong sau 2 giây và đã bị dừng" in message
    child = int(pids.read_text())
    for _ in range(100):  # -- the orphan is reaped by whoever adopts it; give that a moment --
        if not _running(child):
            break
        time.sleep(0.05)
    assert not _running(child)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def test_pdf_works_when_the_output_folder_is_the_current_directory(tmp_path: Path) -> None:
    spec = DATA / "batch" / "thu-muc" / "phuong-ben-thanh.yaml"
    result = subprocess.run([sys.executable, "-m", "cchc_docgen", str(spec), "-o", ".", "--pdf"], cwd=tmp_path,
                            capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    docx, made = (Path(line) for line in result.stdout.splitlines())
    assert (tmp_path / made).with_suffix(".docx") == tmp_path / docx and len(_page_sizes(tmp_path / made)) >= 1


def test_a_missing_ccchc_soffice_is_named_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pdf.SOFFICE_VARIABLE, str(tmp_path / "khong-co" / "soffice"))
    with pytest.raises(PdfError) as raised:
        pdf.convert([tmp_path / "a.docx"])
    message = str(raised.value)
    assert f"CCHC_SOFFICE={tmp_path / 'khong-co' / 'soffice'} không tồn tại" in message and "đã được ghi" in message
    assert "chưa cài" not in message


@pytest.mark.parametrize("make", [lambda p: p.mkdir(), lambda p: p.write_text("không phải chương trình")], ids=["folder", "not-executable"])
def test_a_ccchc_soffice_that_cannot_run_is_named_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make) -> None:  # type: ignore[no-untyped-def]
    program = tmp_path / "soffice"
    make(program)
    monkeypatch.setenv(pdf.SOFFICE_VARIABLE, str(program))
    with pytest.raises(PdfError, match="không chạy được"):
        pdf.convert([tmp_path / "a.docx"])


def test_without_libreoffice_the_error_says_so_in_vietnamese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(pdf.SOFFICE_VARIABLE, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(pdf, "_KNOWN_PLACES", ())
    with pytest.raises(PdfError) as raised:
        pdf.convert([tmp_path / "a.docx"])
    assert "chưa cài LibreOffice" in str(raised.value) and "đã được ghi" in str(raised.value)
