"""Time per import: every seed text and every plan_specs/ and examples/ render (as .docx),
read → recognise → build → YAML, median of 5 runs each; and the guesses made most often.

    python -m benchmarks.importer
"""

from __future__ import annotations

import collections
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import cchc_docgen

ROOT = Path(__file__).resolve().parent.parent


def inputs(folder: Path) -> list[Path]:
    paths = sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))
    for spec_path in [*sorted((ROOT / "plan_specs").glob("*.yaml")), *sorted((ROOT / "examples").glob("*.yaml"))]:
        document = cchc_docgen.render(cchc_docgen.load_spec(spec_path), mode="gop")[0]
        target = folder / f"{spec_path.stem}.docx"
        target.write_bytes(document.data)
        paths.append(target)
    return paths


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        medians = []
        guesses: collections.Counter[str] = collections.Counter()
        print("| input | median ms | guesses | notes |\n|---|---:|---:|---:|")
        for path in inputs(Path(folder)):
            runs = []
            for _ in range(5):
                started = time.perf_counter()
                result = cchc_docgen.import_plan(path)
                runs.append(time.perf_counter() - started)
            median = statistics.median(runs)
            medians.append(median)
            guesses.update(re.sub(r"'[^']*'|\d+", "…", g) for g in result.guesses)
            print(f"| {path.name} | {median * 1000:.1f} | {len(result.guesses)} | {len(result.notes)} |")
        print(f"\nmedian over {len(medians)} inputs: {statistics.median(medians) * 1000:.1f} ms per import\n")
        print("guesses made most often:")
        for text, count in guesses.most_common(8):
            print(f"- {count}× {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
