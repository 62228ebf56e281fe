"""Nothing is ever lost: atomic replacement, inputs untouched, clear messages, same bytes twice."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cchc_docgen import OutputError, generate

from support.spec_builder import BASE, WITH_DECISION, spec_text, write_spec

ROOT = Path(__file__).resolve().parent.parent


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _limit_file_size() -> None:
    # -- the OS refuses to let this process grow any file past 10 kB: a real failure mid-write --
    resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))


def test_a_failed_write_leaves_the_previous_output_intact_and_no_temporary_file(tmp_path: Path) -> None:
    spec = write_spec(tmp_path)
    out = tmp_path / "out"
    first = generate(spec, out)
    before = _snapshot(out)
    spec.write_text(spec_text(("Võ Văn Hùng", "Trần Văn An")), encoding="utf-8")  # same file name, new content
    result = subprocess.run(
        [sys.executable, "-m", "cchc_docgen", str(spec), "-o", str(out)],
        preexec_fn=_limit_file_size, capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 1
    assert "không ghi được tệp" in result.stderr and "tệp cũ vẫn còn nguyên" in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(out) == before  # same names (no .~cchc-*.tmp left) and the same bytes
    assert [p.name for p in first] == list(before)


def test_the_specification_is_never_written_to(tmp_path: Path) -> None:
    spec = write_spec(tmp_path)
    os.utime(spec, (1_600_000_000, 1_600_000_000))
    generate(spec)  # the output folder defaults to the spec's own
    generate(spec, tmp_path)
    assert spec.read_text(encoding="utf-8") == BASE
    assert spec.stat().st_mtime == 1_600_000_000


def test_an_output_path_equal_to_the_input_is_refused(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, BASE + "xuat:\n  ten_tep: ke-hoach\n", name="ke-hoach.docx")
    with pytest.raises(OutputError) as caught:
        generate(spec, tmp_path)
    assert "trùng với tệp đầu vào" in str(caught.value)
    assert spec.read_text(encoding="utf-8").startswith(BASE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ke-hoach.docx"]


def test_an_output_that_is_a_hard_link_to_the_input_is_refused(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, BASE + "xuat:\n  ten_tep: ke-hoach\n")
    out = tmp_path / "out"
    out.mkdir()
    os.link(spec, out / "ke-hoach.docx")
    with pytest.raises(OutputError):
        generate(spec, out)
    assert spec.read_text(encoding="utf-8").startswith(BASE)


def _under_a_file(tmp: Path) -> Path:
    (tmp / "la-tep").write_text("")
    return tmp / "la-tep" / "out"


def _a_file(tmp: Path) -> Path:
    (tmp / "tep.docx").write_text("")
    return tmp / "tep.docx"


def _kernel_refuses(tmp: Path) -> Path:
    return Path("/sys/cchc-docgen-out")  # sysfs: no one, not even root, creates a folder here


@pytest.mark.parametrize(
    "make_folder, reason",
    [(_under_a_file, "không tạo được thư mục"), (_kernel_refuses, "không tạo được thư mục"), (_a_file, "không phải thư mục")],
    ids=["under-a-file", "kernel-refuses", "is-a-file"],
)
def test_an_unwritable_output_folder_gives_a_clear_message(tmp_path: Path, make_folder: Callable[[Path], Path], reason: str) -> None:
    folder = make_folder(tmp_path)
    with pytest.raises(OutputError) as caught:
        generate(write_spec(tmp_path), folder)
    assert reason in str(caught.value)
    assert "Gợi ý:" in str(caught.value)


def test_an_existing_folder_in_the_way_of_a_document_gives_a_clear_message(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, BASE + "xuat:\n  ten_tep: ke-hoach\n")
    (tmp_path / "out" / "ke-hoach.docx").mkdir(parents=True)
    with pytest.raises(OutputError) as caught:
        generate(spec, tmp_path / "out")
    assert "đã có một thư mục trùng tên" in str(caught.value)
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["ke-hoach.docx"]


@pytest.mark.parametrize("text, mode", [(BASE, None), (WITH_DECISION, "gop"), (WITH_DECISION, "rieng")])
def test_a_second_run_over_the_same_folder_produces_byte_identical_documents(tmp_path: Path, text: str, mode: str | None) -> None:
    spec = write_spec(tmp_path, text)
    first = {p.name: p.read_bytes() for p in generate(spec, tmp_path / "out", mode=mode)}  # type: ignore[arg-type]
    second = {p.name: p.read_bytes() for p in generate(spec, tmp_path / "out", mode=mode)}  # type: ignore[arg-type]
    assert first == second
    assert _snapshot(tmp_path / "out") == first


def test_a_new_document_gets_the_usual_permissions_not_a_private_temporary_files(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        [path] = generate(write_spec(tmp_path), tmp_path / "out")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_replacing_a_document_keeps_the_permissions_it_had(tmp_path: Path) -> None:
    spec = write_spec(tmp_path)
    [path] = generate(spec, tmp_path / "out")
    path.chmod(0o664)
    generate(spec, tmp_path / "out")
    assert path.stat().st_mode & 0o777 == 0o664
