"""What a test can see of a running command's process from /proc."""

from __future__ import annotations

import signal
from pathlib import Path


def catches_sigterm(pid: int) -> bool:
    """Whether the process has put its own SIGTERM handler in place (before that it is
    still starting Python, and a signal would end it as it ends any program)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("SigCgt:"):
                return bool(int(line.split()[1], 16) & (1 << (signal.SIGTERM - 1)))
    except OSError:
        pass
    return False


def children(pid: int) -> list[int]:
    """The processes ``pid`` has forked and not yet seen end."""
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def cpu_ms(pid: int) -> float:
    """Time ``pid`` has spent on a CPU, in milliseconds (/proc/PID/schedstat: nanoseconds)."""
    return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e6


def started(pid: int) -> int:
    """When ``pid`` started, in clock ticks since boot (/proc/PID/stat field 22)."""
    return int(Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[19])
