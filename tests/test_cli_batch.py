"""The batch command a drafter types: a summary, exit codes, a progress bar only on a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from conftest import DATA, ROOT, OfficeQueue

BATCH = DATA / "batch"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cchc_docgen", *args], capture_output=True, text=True, cwd=ROOT, timeout=300, env=env)


def test_batch_writes_the_good_specifications_lists_the_broken_one_and_exits_1(tmp_path: Path, office: OfficeQueue) -> None:
    result = run("batch", str(BATCH / "thu-muc"), "-o", str(tmp_path), "-j", "2")
    assert result.returncode == 1
    written = [Path(line) for line in result.stdout.splitlines()]
    assert len(written) == 2 and all(p.is_file() and p.parent == tmp_path for p in written)
    assert "hong.yaml" in result.stderr and "hong.yaml:6:7" in result.stderr
    assert "Tổng kết: 2 tệp Word đã ghi; 1 lỗi trong 3 việc" in result.stderr
    assert "Traceback" not in result.stderr
    for path in written:
        office.register(f"cli-batch-{path.name}", path.read_bytes())


def test_a_table_batch_writes_one_document_per_row_and_exits_0(tmp_path: Path) -> None:
    result = run("batch", "--mau-dac-ta", "examples/xa-mau-hang-loat.yaml", "--bang", "examples/xa-hang-loat.csv", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    names = [Path(line).name for line in result.stdout.splitlines()]
    assert names == [f"ke-hoach-cchc-2026-xa-{x}.docx" for x in ("tan-phu", "an-thoi-dong", "binh-khanh", "can-gio", "long-hoa")]
    assert "Tổng kết: 5 tệp Word đã ghi; 0 lỗi trong 5 việc" in result.stderr


def test_the_progress_bar_does_not_appear_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    result = run("batch", str(BATCH / "thu-muc"), "-o", str(tmp_path))
    assert "\r" not in result.stderr and "█" not in result.stderr and "░" not in result.stderr


def test_the_progress_bar_appears_when_stderr_is_a_terminal(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "cchc_docgen", "batch", str(BATCH / "thu-muc"), "-o", str(tmp_path)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=follower, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # -- the terminal closes when the command ends --
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert process.wait(timeout=120) == 1
    text = seen.decode("utf-8", "replace")
    assert "\r" in text and "█" in text and "3/3 văn bản, 1 lỗi" in text


def test_pdf_without_libreoffice_is_a_vietnamese_message_after_the_documents_are_written(tmp_path: Path) -> None:
    env = {**os.environ, "CCHC_SOFFICE": str(tmp_path / "khong-co-soffice")}
    result = run("batch", str(BATCH / "thu-muc" / "phuong-ben-thanh.yaml"), "-o", str(tmp_path), "--pdf", env=env)
    assert result.returncode == 1
    assert "CCHC_SOFFICE=" in result.stderr and "không tồn tại" in result.stderr and "Traceback" not in result.stderr
    assert "Tổng kết: 1 tệp Word đã ghi, 0 bản PDF; 1 lỗi" in result.stderr
    [docx] = tmp_path.glob("*.docx")
    assert result.stdout.splitlines() == [str(docx)] and not list(tmp_path.glob("*.pdf"))
    single = run(str(BATCH / "thu-muc" / "phuong-ben-thanh.yaml"), "-o", str(tmp_path / "mot"), "--pdf", env=env)
    assert single.returncode == 1 and "không tồn tại" in single.stderr and "Traceback" not in single.stderr


def test_the_pdf_option_writes_a_pdf_beside_each_document(tmp_path: Path) -> None:
    result = run(str(BATCH / "thu-muc" / "phuong-ben-thanh.yaml"), "-o", str(tmp_path), "--pdf")
    assert result.returncode == 0, result.stderr
    docx, pdf = (Path(line) for line in result.stdout.splitlines())
    assert docx.suffix == ".docx" and pdf == docx.with_suffix(".pdf") and pdf.read_bytes().startswith(b"%PDF")


def test_batch_usage_mistakes_exit_2_in_vietnamese() -> None:
    for args in (("batch",), ("batch", "--bang", "x.csv"), ("batch", "thu-muc", "-j", "0")):
        result = run(*args)
        assert result.returncode == 2, args
        assert "lỗi" in result.stderr and "Traceback" not in result.stderr
