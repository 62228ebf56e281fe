"""Where output cannot go, the drafter reads why in short Vietnamese: exit 1, no traceback,
the old files whole, nothing of ours left behind."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cchc_docgen import OutputError, cli, generate, writing
from cchc_docgen.files import STALE_SECONDS, temp_prefix

from conftest import DATA, ROOT
from support.spec_builder import BASE, spec_text, write_spec

SPEC = DATA / "batch" / "thu-muc" / "phuong-ben-thanh.yaml"


def _command(*args: str, cwd: Path = ROOT, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cchc_docgen", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, check=False, cwd=cwd, timeout=120)


def _clean_failure(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Lỗi không mong đợi" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    for english in ("File name too long", "Permission denied", "Is a directory", "File exists", "No space left", "Input/output error"):
        assert english not in result.stderr


def test_an_empty_output_folder_name_is_refused(tmp_path: Path) -> None:
    result = _command(str(SPEC), "-o", "", cwd=tmp_path)
    assert result.returncode == 2 and "-o cần tên một thư mục" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_dangling_symlink_as_output_folder_says_where_it_points(tmp_path: Path) -> None:
    (tmp_path / "ket-qua").symlink_to(tmp_path / "da-xoa")
    result = _command(str(SPEC), "-o", str(tmp_path / "ket-qua"))
    _clean_failure(result, "liên kết (symlink)", "da-xoa", "không tồn tại")
    assert "Word" not in result.stderr


def test_a_300_character_folder_name_is_too_long_in_vietnamese(tmp_path: Path) -> None:
    result = _command(str(SPEC), "-o", str(tmp_path / ("thư-mục-" * 40)))
    _clean_failure(result, "tên tệp hoặc thư mục quá dài", "255 byte")
    assert len(result.stderr) < 1000  # -- the path is cut in the message, not echoed whole --


def _run_as_nobody(args: list[str]) -> tuple[int, str]:
    """cli.main(args) as the user 'nobody' (uid 65534), in a forked child of this process."""
    generate(SPEC, Path(os.environ.get("TMPDIR", "/tmp")) / f"cchc-warm-{os.getpid()}", overwrite=True)  # -- every module loaded before the fork --
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        code = 3
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            stderr = io.StringIO()
            with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
                code = cli.main(args)
            os.write(writer, stderr.getvalue().encode())
        finally:
            os._exit(code)
    os.close(writer)
    chunks = []
    while chunk := os.read(reader, 65536):
        chunks.append(chunk)
    os.close(reader)
    _, status = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode()


def test_a_folder_the_drafter_may_not_write_gives_permission_denied_in_vietnamese(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        code, stderr = _run_as_nobody([str(SPEC), "-o", "/root/cchc-x"])
    else:
        result = _command(str(SPEC), "-o", "/root/cchc-x")
        code, stderr = result.returncode, result.stderr
    assert code == 1, stderr
    assert "/root/cchc-x: không tạo được thư mục (không có quyền ghi)" in stderr and "Gợi ý:" in stderr
    assert "Permission denied" not in stderr and "Traceback" not in stderr


def test_stdout_on_a_full_device_exits_1_with_a_clear_message(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        result = _command(str(SPEC), "-o", str(tmp_path), stdout=full.fileno())
    _clean_failure(result, "Không in được kết quả ra đầu ra chuẩn (ổ đĩa đã đầy)")
    assert len(list(tmp_path.glob("*.docx"))) == 1  # -- the document itself was written --


# -- leftovers of a killed run --
def test_kill_during_write_leaves_no_temp_after_next_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    # -- a real run killed (SIGKILL) after its temporary is on disk and before the rename --
    killed = subprocess.run([sys.executable, "-c", (
        "import os, signal\nfrom pathlib import Path\nfrom cchc_docgen import writing\n"
        f"writing._temporary(Path({str(out / 'ke-hoach.docx')!r}), b'x' * 100000, [])\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n")], cwd=ROOT, check=False)  # fmt: skip
    assert killed.returncode == -signal.SIGKILL
    [left] = out.glob(".~cchc-*.tmp")
    assert left.stat().st_size == 100000
    generate(write_spec(tmp_path), out)
    assert not list(out.glob(".~cchc-*")) and len(list(out.glob("*.docx"))) == 1


def test_a_concurrent_runs_temporary_is_left_alone_and_an_old_one_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    running = subprocess.Popen(["sleep", "60"])
    try:
        prefix = temp_prefix().rsplit("-", 2)[0]  # -- '.~cchc-<host>' --
        alive = out / f"{prefix}-{running.pid}-abc123.tmp"
        alive.write_bytes(b"being written by another run")
        fresh_foreign = out / ".~cchc-0a1b2c-1-fresh.tmp"  # -- another machine on a shared folder, just now --
        fresh_foreign.write_bytes(b"")
        old_foreign = out / ".~cchc-0a1b2c-1-old.tmp"
        old_foreign.write_bytes(b"")
        os.utime(old_foreign, (0, os.path.getmtime(old_foreign) - STALE_SECONDS - 60))
        not_ours = out / ".~lock.ke-hoach.docx#"
        not_ours.write_bytes(b"")
        dead_staging = out / f"{prefix}-{_pid_of_ended()}-pdf.tmp"  # -- a PDF staging folder of a killed run --
        dead_staging.mkdir()
        (dead_staging / "nua-chung.pdf").write_bytes(b"%PDF-1.6 cut")
        generate(write_spec(tmp_path), out)
        assert alive.exists() and fresh_foreign.exists() and not_ours.exists()
        assert not old_foreign.exists() and not dead_staging.exists()
    finally:
        running.kill()
        running.wait()
    assert _command(str(write_spec(tmp_path)), "-o", str(out)).returncode == 0  # -- the next run, its own process --
    assert not alive.exists()  # -- the other run is gone now --


def _pid_of_ended() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


# -- a full disk (issue 12 §8): a small tmpfs --
@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "o-nho"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("cần quyền root để gắn một tmpfs nhỏ (mount -t tmpfs); trường hợp ổ đầy không chạy ở đây")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mount)], capture_output=True, text=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"không gắn được tmpfs ở đây ({made.stderr.strip()}); trường hợp ổ đầy không chạy")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path, leave: int) -> None:
    """Take all the free space of ``folder``'s disk but ``leave`` bytes."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    with open(folder / "day.bin", "wb") as handle:
        handle.write(b"\0" * max(0, free - leave))


def test_a_docx_that_does_not_fit_leaves_the_old_file_whole_and_says_the_disk_is_full(small_disk: Path, tmp_path: Path) -> None:
    spec = write_spec(tmp_path, BASE)
    [path] = generate(spec, small_disk)
    before = path.read_bytes()
    spec.write_text(spec_text(("Võ Văn Hùng", "Trần Văn An")), encoding="utf-8")
    _fill(small_disk, leave=len(before) // 4)
    result = _command(str(spec), "-o", str(small_disk))
    _clean_failure(result, "ổ đĩa đã đầy", "tệp cũ vẫn còn nguyên")
    assert path.read_bytes() == before
    assert sorted(p.name for p in small_disk.iterdir()) == sorted([path.name, "day.bin"])


def test_a_pdf_that_does_not_fit_leaves_the_old_pdf_whole_and_says_the_disk_is_full(small_disk: Path, tmp_path: Path) -> None:
    result = _command(str(SPEC), "-o", str(small_disk), "--pdf")
    assert result.returncode == 0, result.stderr
    docx, made = (Path(line) for line in result.stdout.splitlines())
    before = made.read_bytes()
    made.with_name("cu.pdf").write_bytes(b"")  # -- nothing else changes --
    _fill(small_disk, leave=len(before) // 3)
    # -- the same plan again, --ghi-de not needed: its DOCX is replaced by the same bytes, so it fits --
    docx_size = docx.stat().st_size
    os.truncate(small_disk / "day.bin", max(0, (small_disk / "day.bin").stat().st_size - docx_size))
    again = _command(str(SPEC), "-o", str(small_disk), "--pdf")
    _clean_failure(again, "ổ đĩa đã đầy")
    assert made.read_bytes() == before
    assert not list(small_disk.glob(".~cchc-*"))


def test_a_read_only_disk_is_named_as_such(small_disk: Path, tmp_path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    with pytest.raises(OutputError, match=r"ổ đĩa chỉ cho đọc"):
        writing.write_files([(small_disk / "a.docx", b"x")])
