"""Keep Python's cycle collector out of the way while one plan is processed.

Loading a plan builds tens of thousands of small objects (YAML nodes, model objects, XML
elements) and none of them form garbage cycles before the plan is done. With the collector
running, each generation-2 pass walks everything loaded so far, which made a 5,000-task plan
grow faster than linearly; pausing it for the duration is 11–16 % faster and keeps every
stage linear. The previous state is restored afterwards, so callers see no change.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
