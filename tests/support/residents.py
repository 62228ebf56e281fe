"""Running the command with and without the resident process, and stopping residents."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cchc_docgen.resident.place import folder_in, serving

ROOT = Path(__file__).resolve().parent.parent.parent
SERVED = "cchc_docgen: lệnh đã chạy qua tiến trình nền"
OWN = "cchc_docgen: lệnh đã chạy trong tiến trình của nó"


def command(
    args: list[str], *, resident: bool, cwd: Path = ROOT, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess; ``resident`` asks for the resident process to
    report (``CCHC_DOCGEN_RESIDENT=report``), else turns it off."""
    settings = {**os.environ, **(env or {}), "CCHC_DOCGEN_RESIDENT": "report" if resident else "0"}
    return subprocess.run(
        [sys.executable, "-m", "cchc_docgen", *args], cwd=cwd, env=settings, capture_output=True, text=True, timeout=timeout
    )


def served(result: subprocess.CompletedProcess[str]) -> bool:
    last = result.stderr.rstrip("\n").rpartition("\n")[2]
    assert last.startswith((SERVED, OWN)), f"no report line from the resident client: {result.stderr!r}"
    return last.startswith(SERVED)


def without_report(stderr: str) -> str:
    """stderr as the drafter sees it, without the report line ``report`` adds."""
    lines = stderr.splitlines(keepends=True)
    if lines and lines[-1].startswith((SERVED, OWN)):
        lines.pop()
    return "".join(lines)


def folder(runtime: Path | None = None) -> Path:
    return Path(folder_in(str(runtime or os.environ["XDG_RUNTIME_DIR"])))


def wait_until_served(args: list[str], *, cwd: Path = ROOT, env: dict[str, str] | None = None, seconds: float = 30) -> None:
    """Run ``args`` until a run is served: the first starts a resident process, which takes
    a moment to import the library."""
    deadline = time.monotonic() + seconds
    result = command(args, resident=True, cwd=cwd, env=env)
    while not served(result) and time.monotonic() < deadline:
        time.sleep(0.2)
        result = command(args, resident=True, cwd=cwd, env=env)
    assert served(result), f"no resident process served {args}: {result.stderr}"


def pids(runtime: Path | None = None) -> list[int]:
    """The resident processes serving from this runtime folder."""
    return serving(str(runtime or os.environ["XDG_RUNTIME_DIR"]))


def stop_all(runtime: Path) -> None:
    for pid in pids(runtime):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
