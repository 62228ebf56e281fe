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
