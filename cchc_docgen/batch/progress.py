"""The progress of a batch, for a drafter watching a terminal."""

from __future__ import annotations

import time
from typing import TextIO


class ProgressBar:
    """A one-line progress bar redrawn in place: for a terminal only (the command checks)."""

    WIDTH = 30

    def __init__(self, stream: TextIO, *, interval: float = 0.1):
        self.stream = stream
        self.interval = interval
        self.started = time.monotonic()
        self.last = 0.0
        self.drawn = False

    def __call__(self, done: int, total: int, failed: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < self.interval:
            return
        self.last = now
        share = done / total if total else 1.0
        filled = int(share * self.WIDTH)
        bar = "█" * filled + "░" * (self.WIDTH - filled)
        elapsed = now - self.started
        eta = f", còn khoảng {elapsed / done * (total - done):.0f} giây" if 0 < done < total else ""
        errors = f", {failed} lỗi" if failed else ""
        self.stream.write(f"\r{bar} {done}/{total} văn bản{errors}{eta}\x1b[K")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
