"""What the README promises a drafter, one test each, observed from outside the package:
documents are replaced by rename, the same bytes come from any two runs, PDF export leaves
a drafter's own LibreOffice alone and finds one installed elsewhere, a bug exits 3, and no
test in the suite asserts how long something took."""

from __future__ import annotations

import ast
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from cchc_docgen import generate

from conftest import ROOT, OfficeQueue
from support.spec_builder import spec_text, write_spec

TESTS = Path(__file__).resolve().parent


def _command(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cchc_docgen", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300, check=False)


def test_a_re_render_replaces_the_document_by_rename_never_rewriting_it_in_place(tmp_path: Path) -> None:
    spec = write_spec(tmp_path)
    [path] = generate(spec, tmp_path / "out")
    old_bytes, old_inode = path.read_bytes(), path.stat().st_ino
    with path.open("rb") as held:  # -- a reader (Word, a backup, a mail client) holding the old file --
        spec.write_text(spec_text(("Võ Văn Hùng", "Trần Văn An")), encoding="utf-8")
        [again] = generate(spec, tmp_path / "out")
        assert again == path and path.stat().st_ino != old_inode  # -- a new file took the name --
        assert held.read() == old_bytes  # -- the old file was never truncated or rewritten --
    assert path.read_bytes() != old_bytes
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_two_separate_processes_write_byte_identical_documents(tmp_path: Path) -> None:
    """Different processes, hash seeds and time zones: nothing from the clock or the process
    reaches the file (two runs inside one process would share both)."""
    spec = ROOT / "plan_specs" / "tan-uyen-2023.yaml"
    outputs = []
    for run, zone in enumerate(("UTC0", "ICT-7")):
        env = {**os.environ, "TZ": zone, "PYTHONHASHSEED": str(run + 1)}
        result = _command(str(spec), "-o", str(tmp_path / f"run{run}"), "--rieng", env=env)
        assert result.returncode == 0, result.stderr
        outputs.append({Path(line).name: Path(line).read_bytes() for line in result.stdout.splitlines()})
    assert len(outputs[0]) == 2 and outputs[0] == outputs[1]


def _start_drafters_libreoffice(home: Path) -> subprocess.Popen[bytes]:
    """A drafter's LibreOffice, running on the default profile of ``home``."""
    process = subprocess.Popen(["soffice", "--headless", "--norestore"], env={**os.environ, "HOME": str(home)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    lock = home / ".config" / "libreoffice" / "4" / ".lock"
    for _ in range(240):  # -- waits for it to be up; nothing here measures or asserts time --
        if lock.is_file() and "IPCServer" in lock.read_text(errors="replace"):
            return process
        time.sleep(0.25)
    _stop(process)
    raise AssertionError("the drafter's LibreOffice never started")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


def test_pdf_export_leaves_a_drafters_running_libreoffice_alone(tmp_path: Path, office: OfficeQueue) -> None:
    home = tmp_path / "home"
    home.mkdir()
    drafter = _start_drafters_libreoffice(home)
    try:
        lock = home / ".config" / "libreoffice" / "4" / ".lock"
        result = _command(str(write_spec(tmp_path)), "-o", str(tmp_path / "out"), "--pdf", env={**os.environ, "HOME": str(home)})
        assert result.returncode == 0, result.stderr
        [document, pdf] = [Path(line) for line in result.stdout.splitlines()]
        assert pdf.suffix == ".pdf" and pdf.read_bytes().startswith(b"%PDF")
        # -- a conversion handed to the drafter's instance would have shut it down with its documents --
        assert drafter.poll() is None, "the drafter's LibreOffice was closed by the export"
        assert lock.is_file(), "the drafter's profile lost its lock"
        office.register(document.name, document.read_bytes())
    finally:
        _stop(drafter)


def test_cchc_soffice_names_a_libreoffice_installed_elsewhere(tmp_path: Path) -> None:
    found = shutil.which("soffice")
    assert found is not None
    real = os.path.realpath(found)  # -- the launcher finds its program folder from its own path --
    elsewhere = tmp_path / "Phan mem" / "LibreOffice" / "program" / "soffice"
    elsewhere.parent.mkdir(parents=True)
    log = tmp_path / "called.txt"
    elsewhere.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{real}" "$@"\n', encoding="utf-8")
    elsewhere.chmod(0o755)
    env = {**os.environ, "CCHC_SOFFICE": str(elsewhere)}  # -- the log shows the variable won over PATH --
    result = _command(str(write_spec(tmp_path)), "-o", str(tmp_path / "out"), "--pdf", env=env)
    assert result.returncode == 0, result.stderr
    assert [Path(line).suffix for line in result.stdout.splitlines()] == [".docx", ".pdf"]
    assert "--convert-to pdf" in log.read_text(encoding="utf-8")


# -- an internal function returns nonsense (a bug, not a bad spec): writing.to_bytes gives None
# instead of bytes, wherever a module imported it; the real code then fails on it --
_BREAK_ONE_FUNCTION = """
import importlib, pkgutil, sys
import cchc_docgen
from cchc_docgen import cli, writing
for module in pkgutil.walk_packages(cchc_docgen.__path__, "cchc_docgen."):
    if not module.name.endswith("__main__"):
        importlib.import_module(module.name)
original = writing.to_bytes
for module in [m for name, m in sys.modules.items() if name.startswith("cchc_docgen")]:
    for attribute, value in list(vars(module).items()):
        if value is original:
            setattr(module, attribute, lambda document: None)
sys.exit(cli.main(sys.argv[1:]))
"""


def test_an_internal_error_exits_3_with_a_plain_message_and_nothing_written(tmp_path: Path) -> None:
    spec, out = write_spec(tmp_path), tmp_path / "out"
    for debug in ("", "1"):
        env = {**os.environ, "CCHC_DEBUG": debug}
        result = subprocess.run([sys.executable, "-c", _BREAK_ONE_FUNCTION, str(spec), "-o", str(out)],
                                capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False)  # fmt: skip
        assert result.returncode == 3, result.stderr
        assert "Lỗi không mong đợi trong cchc_docgen (không phải lỗi của đặc tả)" in result.stderr
        assert ("Traceback" in result.stderr) == bool(debug)  # -- the traceback only for engineers --
        assert not out.exists() or not list(out.iterdir())


_CLOCKS = {"perf_counter", "perf_counter_ns", "monotonic", "monotonic_ns", "process_time", "process_time_ns", "thread_time", "time", "time_ns", "now", "utcnow"}


def _reads_clock(node: ast.AST, timed: set[str]) -> bool:
    for child in ast.walk(node):
        if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute | ast.Name):
            name = child.func.attr if isinstance(child.func, ast.Attribute) else child.func.id
            if name in _CLOCKS:
                return True
        if isinstance(child, ast.Name) and child.id in timed:
            return True
    return False


def _duration_asserts(tree: ast.AST) -> list[int]:
    """Lines of asserts that compare a value read from a clock (directly or through names
    assigned from one). A clock used only as a wait's deadline asserts nothing."""
    found = []
    for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)):
        timed: set[str] = set()
        for _ in range(3):  # -- names assigned from timed names, a few steps deep --
            for node in ast.walk(function):
                if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign) and node.value is not None and _reads_clock(node.value, timed):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    timed |= {t.id for target in targets for t in ast.walk(target) if isinstance(t, ast.Name)}
        found += [node.lineno for node in ast.walk(function) if isinstance(node, ast.Assert) and _reads_clock(node, timed)]
        found += [arg.lineno for arg in function.args.args if arg.arg == "benchmark"]
    return found


def test_no_test_asserts_a_duration() -> None:
    """Speed is shown by benchmarks, never asserted: no assert compares a clock reading, and
    no test takes pytest-benchmark's fixture."""
    found = [f"{path.relative_to(TESTS)}:{line}" for path in sorted(TESTS.rglob("*.py")) for line in _duration_asserts(ast.parse(path.read_text(encoding="utf-8")))]
    assert not found, found


def test_the_duration_scan_sees_an_assert_on_elapsed_time() -> None:
    timed = "def test_x():\n    started = time.perf_counter()\n    work()\n    elapsed = time.perf_counter() - started\n    assert elapsed < 10\n"
    waiting = "def test_y():\n    deadline = time.monotonic() + 60\n    while time.monotonic() < deadline:\n        pass\n    assert done()\n"
    assert _duration_asserts(ast.parse(timed)) == [5] and _duration_asserts(ast.parse(waiting)) == []
