"""Ctrl-C and SIGTERM in every command: one Vietnamese line, a documented exit code, no
traceback, no worker left behind, no temporary file. Each case runs the real command in
a subprocess and sends the signal at a moment drawn from a fixed seed."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from support.processes import catches_sigterm

MODEL = DATA / "batch" / "mau.yaml"
SPEC = DATA / "batch" / "thu-muc" / "phuong-ben-thanh.yaml"
CODES = {signal.SIGINT: 130, signal.SIGTERM: 143}

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to see the command's handlers and its workers")


def _table(path: Path, rows: int) -> Path:
    path.write_text("co_quan_ban_hanh.dia_ban,ke_hoach.so,xuat.ten_tep\n" + "".join(f"Xã {n},{n % 90 + 1},xa-{n:04d}\n" for n in range(rows)), encoding="utf-8")
    return path


def _session(sid: int) -> list[int]:
    """Processes still in the command's session (its workers, if any were left)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid:
                found.append(int(entry.name))
    return found


def _interrupt(args: list[str], number: int, delay: float, *, group: bool, twice: bool = False) -> subprocess.CompletedProcess[str]:
    process = subprocess.Popen([sys.executable, "-m", "cchc_docgen", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 60
    # -- the command's own handlers are in place once SIGTERM is caught (before that, Python is still starting) --
    while not catches_sigterm(process.pid) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(delay)
    send = os.killpg if group else os.kill
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):  # -- it may have just finished --
            send(process.pid, number)
        if twice:  # -- an impatient second Ctrl-C while the command is stopping --
            time.sleep(0.02)
            with contextlib.suppress(ProcessLookupError):
                send(process.pid, number)
    stdout, stderr = process.communicate(timeout=60)  # -- the parent never hangs --
    leftover = []
    for _ in range(200):
        leftover = _session(process.pid)
        if not leftover:
            break
        time.sleep(0.01)
    assert not leftover, f"processes left behind: {leftover}"
    return subprocess.CompletedProcess(args, process.returncode, stdout, stderr)


def _cases(tmp_path: Path) -> list[tuple[str, list[str], Path]]:
    table = _table(tmp_path / "bang.csv", 150)
    return [
        ("batch", ["batch", "--mau-dac-ta", str(MODEL), "--bang", str(table), "-o", str(tmp_path / "batch"), "-j", "2"], tmp_path / "batch"),
        ("generate", [str(SPEC), "-o", str(tmp_path / "generate")], tmp_path / "generate"),
        ("check", ["check", str(SPEC), str(MODEL)], tmp_path),
        ("schema", ["schema", "-o", str(tmp_path / "schema" / "s.json")], tmp_path / "schema"),
    ]


def test_a_signal_at_any_moment_stops_every_command_cleanly_with_its_exit_code(tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    chooser = random.Random(12)
    cases = _cases(tmp_path)
    stopped = 0
    for run in range(20):
        name, args, out = cases[0] if run % 2 == 0 else cases[1 + run // 2 % 3]
        number = (signal.SIGINT, signal.SIGTERM)[run // 4 % 2]
        delay = chooser.uniform(0, 0.8 if name == "batch" else 0.15)
        result = _interrupt(args, number, delay, group=run % 3 == 0, twice=run % 5 == 0)
        label = f"run {run}: {name}, signal {number}, {delay:.2f} s"
        assert "Traceback" not in result.stderr, label
        assert not list(out.rglob(".~cchc-*.tmp")), label
        if name == "generate":  # -- whatever the moment, every document left is one the command named --
            named = {os.path.abspath(line) for line in result.stdout.splitlines()}
            assert {os.path.abspath(path) for path in out.glob("*.docx")} <= named, (label, result.stdout)
        if result.returncode == CODES[number]:
            stopped += 1
            lines = [line for line in result.stderr.splitlines() if line.startswith("Đã dừng theo yêu cầu")]
            assert len(lines) == 1, (label, result.stderr)
        else:  # -- the command was done before the signal came --
            assert result.returncode == 0 and "Đã dừng" not in result.stderr, (label, result.returncode, result.stderr[-2000:])
    assert stopped >= 10  # -- most runs were really interrupted, not finished first --


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_batch_keeps_only_whole_documents(tmp_path: Path, number: int) -> None:
    out = tmp_path / "ra"
    result = _interrupt(["batch", "--mau-dac-ta", str(MODEL), "--bang", str(_table(tmp_path / "bang.csv", 400)), "-o", str(out)], number, 1.0, group=True)
    assert result.returncode == CODES[number], result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Đã dừng theo yêu cầu")
    import zipfile

    for path in out.glob("*.docx"):
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None


def test_a_signal_that_strikes_inside_a_finaliser_still_stops_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    """Python swallows what a signal handler raises inside a weakref callback (an import's
    module lock has one) and prints "Exception ignored": the stop is raised again in the work."""
    import weakref

    from cchc_docgen.cli import Interrupted, _stoppable

    class Held:
        pass

    def callback(_: object) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(1000):  # -- Python code after the signal: its handler runs here, in the callback --
            pass

    with pytest.raises(Interrupted) as caught, _stoppable(last=False):
        held = Held()
        reference = weakref.ref(held, callback)
        del held
        for _ in range(200):
            time.sleep(0.005)
    assert caught.value.number == signal.SIGTERM and reference() is None
    assert "Exception ignored" not in capsys.readouterr().err


# -- a stop at the moment the documents are put in place: all of them stay and each is named, or none --


def _two_documents(tmp_path: Path) -> tuple[Path, Path]:
    from support.spec_builder import WITH_DECISION, write_spec

    return write_spec(tmp_path, WITH_DECISION + "xuat:\n  che_do: rieng\n"), tmp_path / "ra"


def _signal_at_rename(monkeypatch: pytest.MonkeyPatch, out: Path, which: int) -> None:
    """SIGINT sent to this process as the ``which``-th document is renamed into place in
    ``out`` (held there, as a real one would be, until the rename and its record are done)."""
    real_replace, renames = os.replace, []

    def replace(source: str | Path, target: str | Path) -> None:
        real_replace(source, target)
        if Path(target).parent == out:
            renames.append(target)
        if len(renames) == which and Path(target).parent == out:
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(os, "replace", replace)


def _named(stdout: str) -> set[str]:
    return {os.path.abspath(line) for line in stdout.splitlines() if line.strip()}


def test_a_stop_that_comes_with_the_last_rename_keeps_every_document_and_names_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cchc_docgen import cli

    spec, out = _two_documents(tmp_path)
    _signal_at_rename(monkeypatch, out, 2)
    assert cli.main([str(spec), "-o", str(out)]) == CODES[signal.SIGINT]
    captured = capsys.readouterr()
    left = {os.path.abspath(path) for path in out.iterdir()}
    assert len(left) == 2 and _named(captured.out) == left  # -- both whole, both named, no temporary --
    assert captured.err.strip().splitlines()[-1].startswith("Đã dừng theo yêu cầu (Ctrl-C)")
    import zipfile

    for path in out.iterdir():
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None


def test_a_stop_during_an_earlier_rename_puts_every_document_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cchc_docgen import cli, generate

    spec, out = _two_documents(tmp_path)
    generate(spec, out)
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    spec.write_text(spec.read_text(encoding="utf-8").replace("Võ Văn Hùng", "Trần Văn An"), encoding="utf-8")
    _signal_at_rename(monkeypatch, out, 1)
    assert cli.main([str(spec), "-o", str(out)]) == CODES[signal.SIGINT]
    captured = capsys.readouterr()
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before  # -- the old pair, as it was --
    assert not _named(captured.out)


def test_a_stop_after_the_documents_are_written_and_before_their_paths_are_printed_still_names_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import cchc_docgen.api
    from cchc_docgen import cli

    spec, out = _two_documents(tmp_path)
    real_generate = cchc_docgen.api.generate

    def generate_then_stopped(*args: object, **kwargs: object) -> object:
        written = real_generate(*args, **kwargs)  # type: ignore[arg-type]
        signal.raise_signal(signal.SIGTERM)
        return written

    monkeypatch.setattr(cchc_docgen.api, "generate", generate_then_stopped)
    assert cli.main([str(spec), "-o", str(out)]) == CODES[signal.SIGTERM]
    captured = capsys.readouterr()
    assert _named(captured.out) == {os.path.abspath(path) for path in out.iterdir()} and len(_named(captured.out)) == 2
    assert "Đã dừng theo yêu cầu (tín hiệu SIGTERM)" in captured.err
