"""Run every benchmark and print (and optionally write) the results table.

    python -m benchmarks                              # everything, prints a Markdown table
    python -m benchmarks --results benchmarks/RESULTS.md
    python -m benchmarks --quick                      # fewer runs, smaller batch: a smoke test

What is measured, all in one run so the ratios compare like with like:

* plans: the seed-sized plans (plan_specs/*.yaml, or examples/ when there are none), the
  commune model used for batches, and synthetic plans of 10, 100, 1,000 and 5,000 tasks
  (benchmarks/synthetic.py). For each: the median time of each stage (load, validate,
  view, render, post-process, write), the median end to end (specification file to bytes),
  and the median of a plain docxtpl render of the same content (benchmarks/baseline.py);
  the ratio is ours / docxtpl. The template is compiled before timing (once per process,
  as in real use); the first, cold render is reported separately.
* growth: time per task from 10 to 5,000 tasks, and the exponent between 1,000 and 5,000
  tasks (1.0 is linear).
* memory: peak resident memory of a fresh process rendering the 5,000-task plan.
* command: wall time of ``python -m cchc_docgen SEED.yaml -o DIR`` (median of repeated
  runs; hyperfine's figure too when it is installed).
* whole processes: the command, ``--help`` and ``check`` as fresh processes against a
  minimal docxtpl script and ``python -c pass``, alternating (benchmarks/process.py).
* batch: ``python -m cchc_docgen batch`` on the commune model and a 3,321-row table.
* PDF: LibreOffice converting 20 commune plans in one run, seconds per document.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from . import baseline, process, synthetic
from .common import COMMUNE_MODEL, COMMUNES, SIZES, Results, _load, machine, seed_specs
from .measures import measure_batch, measure_command, measure_memory, measure_pdf, measure_plan, runs_for
from .report import report

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description="Benchmarks of cchc_docgen against plain docxtpl.")
    parser.add_argument("--quick", action="store_true", help="fewer runs and a 300-row batch: a smoke test, not figures to quote")
    parser.add_argument("--results", metavar="FILE", help="also write the Markdown table to FILE (e.g. benchmarks/RESULTS.md)")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="synthetic plan sizes, comma-separated")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: memory,command,process,batch,pdf")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    sizes = [int(s) for s in args.sizes.split(",") if s]

    from cchc_docgen import rendering

    results = Results(machine())
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as folder:
        work = Path(folder)
        template = baseline.build_template(rendering.default_template(), work / "docxtpl-baseline.docx")
        plans: list[tuple[str, Path, int]] = []
        for seed in seed_specs():
            plans.append((f"seed {seed.stem}", seed, _task_count(seed)))
        plans.append(("commune model (batch)", COMMUNE_MODEL, _task_count(COMMUNE_MODEL)))
        for size in sizes:
            path = work / f"synthetic-{size}.yaml"
            path.write_text(synthetic.plan_yaml(size), encoding="utf-8")
            plans.append((f"synthetic {size}", path, size))
        for name, path, tasks in plans:
            print(f"… {name}", file=sys.stderr, flush=True)
            results.plans.append(measure_plan(name, path, tasks, runs_for(tasks, args.quick), template))
        largest = work / f"synthetic-{max(sizes)}.yaml"
        if "memory" not in skip and largest.exists():
            print("… memory", file=sys.stderr, flush=True)
            results.memory = measure_memory(largest)
        if "command" not in skip:
            print("… command", file=sys.stderr, flush=True)
            seed = next((p for p in seed_specs() if p.stem == "thang-binh-2021"), seed_specs()[0])
            results.command = measure_command(seed, work / "command", 5 if args.quick else 15)
        if "process" not in skip:
            print("… whole processes", file=sys.stderr, flush=True)
            results.process = process.measure(work / "process", template, 5 if args.quick else 15)
        if "batch" not in skip:
            print("… batch", file=sys.stderr, flush=True)
            results.batch = measure_batch(work, 300 if args.quick else COMMUNES, 1 if args.quick else 3)
        if "pdf" not in skip:
            print("… pdf", file=sys.stderr, flush=True)
            results.pdf = measure_pdf(work, 20, 1 if args.quick else 3)
    results.machine["load average at end (1, 5, 15 min)"] = _load()
    text = report(results)
    print(text)
    if args.results:
        Path(args.results).write_text(text, encoding="utf-8")
    return 0


def _task_count(path: Path) -> int:
    from cchc_docgen import api

    return len(api.load_spec(path).tasks)


if __name__ == "__main__":
    raise SystemExit(main())
