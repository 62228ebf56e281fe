"""Ctrl-C and SIGTERM sent to a served command stop it as they stop the command in its own
process: the child the resident process forked for it gets the signal, removes what it had
begun, and the drafter's process exits with 128 + the signal's number."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.synthetic import plan_yaml

from conftest import ROOT
from support.processes import catches_sigterm
from support.residents import served, wait_until_served

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the resident process is Linux's")


def test_a_signal_to_a_served_command_stops_its_child_cleanly(tmp_path: Path) -> None:
    spec = tmp_path / "lon.yaml"
    spec.write_text(plan_yaml(1000), encoding="utf-8")
    wait_until_served(["schema"])
    chooser = random.Random(30)
    env = {**os.environ, "CCHC_DOCGEN_RESIDENT": "report"}
    stopped = finished = 0
    for run in range(12):
        number = (signal.SIGINT, signal.SIGTERM)[run % 2]
        out = tmp_path / f"ra-{run}"
        process = subprocess.Popen([sys.executable, "-m", "cchc_docgen", str(spec), "-o", str(out)], cwd=ROOT, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
        deadline = time.monotonic() + 30
        while not catches_sigterm(process.pid) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(chooser.uniform(0.0, 0.3))
        if process.poll() is None:
            process.send_signal(number)
        stdout, stderr = process.communicate(timeout=60)
        result = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
        assert "Traceback" not in stderr
        leftovers = [p.name for p in out.glob("*")] if out.exists() else []
        # -- stopped or not, every file left is a document the command named (whole: put in place at once) --
        assert {os.path.abspath(out / name) for name in leftovers} <= {os.path.abspath(line) for line in stdout.splitlines()}, stdout
        assert all(name.endswith(".docx") for name in leftovers), leftovers
        if process.returncode == 128 + number:
            stopped += 1
            assert "Đã dừng theo yêu cầu" in stderr
            assert served(result)
        else:
            finished += 1
            assert process.returncode == 0, stderr
            assert all(name.endswith(".docx") for name in leftovers) and leftovers
    assert stopped >= 3, f"only {stopped} of 12 runs were stopped mid-way ({finished} finished first)"
