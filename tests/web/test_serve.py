"""`python -m cchc_docgen serve`: a free port on 127.0.0.1, its address printed, the browser
opened through `webbrowser` (BROWSER honoured), a Vietnamese goodbye on Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .conftest import ROOT


def test_serve_prints_its_address_opens_the_browser_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    opened = tmp_path / "mo.txt"
    browser = tmp_path / "trinh-duyet"
    browser.write_text(f"#!/bin/sh\necho \"$1\" > {opened}\n", encoding="utf-8")
    browser.chmod(0o755)
    env = {**os.environ, "BROWSER": str(browser), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "cchc_docgen", "serve"], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()  # type: ignore[union-attr]
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line
        with urllib.request.urlopen(match.group(0), timeout=30) as response:
            assert "Soạn kế hoạch" in response.read().decode("utf-8")
        for _ in range(100):
            if opened.exists():
                break
            time.sleep(0.05)
        assert opened.read_text(encoding="utf-8").strip() == match.group(0)
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 130  # -- the command's code for Ctrl-C --
    assert "Traceback" not in err
    assert "Đã dừng trang soạn kế hoạch" in err


def test_serve_without_browser_and_a_port_taken_says_so(tmp_path: Path) -> None:
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BROWSER": "false"}
    result = subprocess.run([sys.executable, "-m", "cchc_docgen", "serve", "--khong-mo", "--cong", str(port)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    taken.close()
    assert result.returncode == 1 and f"Không mở được cổng {port}" in result.stderr and "Traceback" not in result.stderr
