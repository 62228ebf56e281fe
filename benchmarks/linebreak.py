"""What line breaking (issue 15) costs: the view step of every seed plan and of synthetic
plans with and without ``linebreak.layout.lay_out``, in one process (its caches of words and
widths warm after the first run) and as a drafter's command pays it (the first view of a fresh
interpreter, the lexicon's read included), and the lexicon's first load in a fresh
interpreter. Median of several runs; the load average is printed with the figures.

    python -m benchmarks.linebreak [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from . import synthetic

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 1000)


def _view_times(path: Path, runs: int) -> tuple[float, float]:
    """Median seconds of build_views with line breaking, and without it."""
    from cchc_docgen import api
    from cchc_docgen.linebreak import layout
    from cchc_docgen.view import build_views

    spec = api.load_spec(path)

    def median(action: object) -> float:
        times = []
        for _ in range(runs):
            layout._centred.cache_clear()  # -- each run pays for its own breaks --
            layout._protected.cache_clear()
            started = time.perf_counter()
            action()  # type: ignore[operator]
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    build_views(spec)  # -- the lexicon is read once per process: not part of a document's cost --
    with_breaks = median(lambda: build_views(spec))
    with mock.patch.object(layout, "lay_out", lambda view, names=(): None):
        without = median(lambda: build_views(spec))
    return with_breaks, without


def lexicon_load_ms(runs: int = 5) -> float:
    """The first look-up of a word in a fresh interpreter: reading ``words.txt``."""
    code = (
        "import time; from cchc_docgen.linebreak import lexicon; t = time.perf_counter(); "
        "lexicon.is_word(('cải', 'cách')); print((time.perf_counter() - t) * 1000)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    values = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout) for _ in range(runs)
    ]
    return statistics.median(values)


_FIRST = (
    "import sys, time; from cchc_docgen import api; from cchc_docgen.view import build_views; "
    "import cchc_docgen.linebreak.layout; spec = api.load_spec(sys.argv[1]); build_views(spec, lines=False); "
    "t = time.perf_counter(); build_views(spec, lines=False); plain = time.perf_counter() - t; "
    "t = time.perf_counter(); build_views(spec); print((time.perf_counter() - t - plain) * 1000)"
)


def first_ms(path: Path, runs: int) -> float:
    """Line breaking of a plan's first view in a fresh interpreter, the lexicon's read included."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", _FIRST, str(path)]
    return statistics.median(
        float(subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout) for _ in range(runs)
    )


def rows(runs: int) -> list[tuple[str, float, float, float]]:
    """(plan, ms with line breaking, ms of line breaking alone, ms of it in a fresh process) per plan."""
    plans = [(f"seed {p.stem}", p) for p in sorted((ROOT / "plan_specs").glob("*.yaml"))]
    plans += [(f"example {p.stem}", p) for p in sorted((ROOT / "examples").glob("*.yaml")) if "hang-loat" not in p.stem]
    result = []
    with tempfile.TemporaryDirectory(prefix="cchc-linebreak-") as folder:
        for size in SIZES:
            path = Path(folder) / f"synthetic-{size}.yaml"
            path.write_text(synthetic.plan_yaml(size), encoding="utf-8")
            plans.append((f"synthetic {size} tasks", path))
        for name, path in plans:
            with_breaks, without = _view_times(path, runs)
            result.append((name, with_breaks * 1000, (with_breaks - without) * 1000, first_ms(path, max(runs // 2, 1))))
    return result


def report(runs: int) -> str:
    lines = ["| plan | view step (ms) | of which line breaking (ms) | line breaking, fresh process (ms) |", "|---|---:|---:|---:|"]
    lines += [f"| {name} | {total:.1f} | {cost:.1f} | {first:.1f} |" for name, total, cost, first in rows(runs)]
    lines.append(f"\nLexicon first load (fresh interpreter, median of 5): {lexicon_load_ms():.1f} ms")
    lines.append(f"Load average at end (1, 5, 15 min): {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.linebreak", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    print(report(args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
