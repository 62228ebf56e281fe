"""When the resident process must not serve, the command runs in its own process, as it
always did, and says why when asked (``CCHC_DOCGEN_RESIDENT=report``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from support.residents import OWN, command, folder, pids, served, wait_until_served, without_report

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the resident process is Linux's")

SPEC = ROOT / "examples" / "phuong-2026.yaml"


def _why(result: subprocess.CompletedProcess[str]) -> str:
    assert not served(result)
    return result.stderr.rstrip("\n").rpartition("\n")[2].removeprefix(OWN + ": ")


def test_a_socket_folder_others_may_enter_is_not_used(short_runtime: Path) -> None:
    place = folder(short_runtime)
    place.mkdir(mode=0o755)
    place.chmod(0o755)
    env = {"XDG_RUNTIME_DIR": str(short_runtime)}
    for _ in range(2):
        result = command(["check", str(SPEC)], resident=True, env=env)
        assert result.returncode == 0 and "không an toàn" in _why(result)
    assert not list(place.iterdir()), "nothing is started or bound in a folder others may enter"


def test_a_socket_folder_that_is_a_link_is_not_used(short_runtime: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir(mode=0o700)
    folder(short_runtime).symlink_to(elsewhere)
    result = command(["check", str(SPEC)], resident=True, env={"XDG_RUNTIME_DIR": str(short_runtime)})
    assert result.returncode == 0 and "không an toàn" in _why(result)


def test_a_socket_path_too_long_runs_the_command_here(tmp_path: Path) -> None:
    deep = tmp_path / ("thu-muc-rat-dai-" * 6)
    deep.mkdir(mode=0o700)
    result = command(["check", str(SPEC)], resident=True, env={"XDG_RUNTIME_DIR": str(deep)})
    assert result.returncode == 0 and "quá dài" in _why(result)


@pytest.mark.parametrize(
    ("args", "python", "reason"),
    [
        (["batch", str(ROOT / "tests" / "data" / "batch" / "thu-muc"), "-o", "{out}"], [], "batch"),
        (["check", "-"], [], "đầu vào chuẩn"),
        (["--help"], [], "hướng dẫn"),
        (["check", "--help"], [], "hướng dẫn"),
        (["--version"], [], "phiên bản"),
        (["check", str(SPEC)], ["-X", "importtime"], "tùy chọn riêng"),
        (["check", str(SPEC)], ["-O"], "tùy chọn riêng"),
        (["check", str(SPEC)], ["-I"], "tùy chọn riêng"),
    ],
    ids=["batch", "stdin", "help", "check-help", "version", "x-option", "optimize", "isolated"],
)
def test_commands_that_need_their_own_process_run_in_it(args: list[str], python: list[str], reason: str, tmp_path: Path) -> None:
    wait_until_served(["schema"])
    env = {**os.environ, "CCHC_DOCGEN_RESIDENT": "report"}
    if "-I" in python:
        # -- isolated Python reads no PYTHONPATH and puts no folder of ours on its path: the
        # library under test is put first by hand, or -I would import whatever copy is installed
        # (or none) and the test would say nothing about this one --
        python = [*python, "-c", f"import runpy, sys; sys.path.insert(0, {str(ROOT)!r}); runpy.run_module('cchc_docgen', run_name='__main__', alter_sys=True)"]
    else:
        python = [*python, "-m", "cchc_docgen"]
    argv = [sys.executable, *python, *[a.replace("{out}", str(tmp_path)) for a in args]]
    result = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, input="", timeout=300)
    assert reason in _why(result)
    assert "Traceback" not in result.stderr


def test_a_module_in_the_drafters_folder_named_as_one_the_library_uses_makes_the_command_run_here(tmp_path: Path) -> None:
    """Python puts the command's folder first on the search path: the command's own process
    would import that module, so the resident process, which imported the library's, refuses."""
    env = {"PYTHONPATH": str(ROOT)}
    # -- a resident process started with this very search path and environment (the suite's own
    # may have another: in CI the library is installed and PYTHONPATH is unset), so only the
    # shadowing module can be why it refuses --
    wait_until_served(["schema"], cwd=tmp_path, env=env)
    (tmp_path / "yaml.py").write_text("raise ImportError('yaml.py của thư mục này')\n", encoding="utf-8")
    result = command(["check", str(SPEC)], resident=True, cwd=tmp_path, env=env)
    assert "trùng tên" in _why(result)
    own = command(["check", str(SPEC)], resident=False, cwd=tmp_path, env=env)
    assert (result.returncode, result.stdout, without_report(result.stderr)) == (own.returncode, own.stdout, own.stderr)


def test_after_a_module_changes_on_disk_the_command_runs_here_and_a_fresh_resident_takes_over(short_runtime: Path, tmp_path: Path) -> None:
    """An upgrade or an edit of the library while a resident process runs: it must not serve
    the old code."""
    copy = tmp_path / "ban-sao"
    shutil.copytree(ROOT / "cchc_docgen", copy / "cchc_docgen", ignore=shutil.ignore_patterns("__pycache__"))
    env = {"XDG_RUNTIME_DIR": str(short_runtime), "PYTHONPATH": str(copy)}
    wait_until_served(["check", str(SPEC)], cwd=tmp_path, env=env)
    (old,) = pids(short_runtime)
    module = copy / "cchc_docgen" / "checks.py"
    module.write_text(module.read_text(encoding="utf-8").replace('"Đã kiểm tra', '"ĐÃ KIỂM TRA'), encoding="utf-8")
    result = command(["check", str(SPEC)], resident=True, cwd=tmp_path, env=env)
    assert "mô-đun đã thay đổi" in _why(result)
    assert result.stdout.startswith("ĐÃ KIỂM TRA"), "the command ran the new code"
    deadline = time.monotonic() + 20
    while old in pids(short_runtime) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert old not in pids(short_runtime)
    wait_until_served(["check", str(SPEC)], cwd=tmp_path, env=env)
    served_now = command(["check", str(SPEC)], resident=True, cwd=tmp_path, env=env)
    assert served(served_now) and served_now.stdout.startswith("ĐÃ KIỂM TRA")


def test_a_command_under_a_resource_limit_is_never_served_by_a_process_without_it(tmp_path: Path) -> None:
    """A limit the drafter's shell set (here a file size of 1 kB) is inherited by the
    command's process; a resident process started without it must not serve it."""
    import resource

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    wait_until_served(["schema"])
    env = {**os.environ, "CCHC_DOCGEN_RESIDENT": "report"}
    results = []
    for name in ("a", "b"):  # -- the second run finds the resident process the first one started, with the limit --
        argv = [sys.executable, "-m", "cchc_docgen", str(SPEC), "-o", str(tmp_path / name)]
        results.append(subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, preexec_fn=small_files, timeout=120))
    for result in results:
        assert result.returncode == 1 and "không ghi được tệp" in result.stderr
    assert not [p for name in ("a", "b") for p in (tmp_path / name).glob("*.docx")]
