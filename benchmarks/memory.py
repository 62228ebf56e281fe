"""Peak memory of rendering one specification, measured in a fresh process.

    python -m benchmarks.memory PLAN.yaml [--tracemalloc]

Prints one JSON line. The peak resident set is the whole process at its peak
(interpreter, libraries, lxml's C heap), read from ``VmHWM`` in /proc/self/status: Linux
carries ``ru_maxrss`` over from the parent across fork and exec, so a child started by a
big benchmark process would report the parent's peak. ``--tracemalloc`` reports the peak
of Python's own allocations instead, which is slower to measure and misses lxml.
"""

from __future__ import annotations

import json
import resource
import sys
import tracemalloc
from pathlib import Path


def main(argv: list[str]) -> None:
    path = Path(argv[0])
    traced = "--tracemalloc" in argv
    import cchc_docgen
    from cchc_docgen.api import template_of

    before = _peak_kib()
    if traced:
        tracemalloc.start()
    spec = cchc_docgen.load_spec(path)
    documents = cchc_docgen.render(spec, template=template_of(spec, path))
    report = {"bytes": sum(len(d.data) for d in documents), "rss_before_mb": before / 1024}
    if traced:
        report["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    report["maxrss_mb"] = _peak_kib() / 1024
    print(json.dumps(report))


def _peak_kib() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # -- KiB on Linux, bytes on macOS --


if __name__ == "__main__":
    main(sys.argv[1:])
