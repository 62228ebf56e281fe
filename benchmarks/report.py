"""The results of ``python -m benchmarks`` as Markdown: the targets, then every table."""

from __future__ import annotations

import math

from . import process
from .common import COMMUNES, STAGES, PlanResult, Results


# -- report --
def growth_exponent(plans: list[PlanResult]) -> float | None:
    synthetic_plans = {p.tasks: p for p in plans if p.name.startswith("synthetic")}
    if 1000 in synthetic_plans and 5000 in synthetic_plans:
        small, large = synthetic_plans[1000], synthetic_plans[5000]
        return math.log(large.end_to_end / small.end_to_end) / math.log(large.tasks / small.tasks)
    return None


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def targets(results: Results) -> list[tuple[str, str, bool | None]]:
    """The issue's targets (#5), each with the figure measured in this run."""
    rows: list[tuple[str, str, bool | None]] = []
    seeds = [p for p in results.plans if p.name.startswith("seed")]
    if seeds:
        worst = max(seeds, key=lambda p: p.ratio)
        rows.append(
            (
                "seed-sized plan end to end ≤ 0.5× docxtpl",
                f"{min(p.ratio for p in seeds):.2f}×–{worst.ratio:.2f}× ({len(seeds)} seeds)",
                worst.ratio <= 0.5,
            )
        )
    by_tasks = {p.tasks: p for p in results.plans if p.name.startswith("synthetic")}
    if 1000 in by_tasks:
        rows.append(("1,000-task plan ≤ 1.0× docxtpl", f"{by_tasks[1000].ratio:.2f}×", by_tasks[1000].ratio <= 1.0))
    exponent = growth_exponent(results.plans)
    if exponent is not None:
        rows.append(("linear growth up to 5,000 tasks", f"k = {exponent:.2f} between 1,000 and 5,000 tasks", exponent <= 1.05))
    if results.memory:
        rows.append(("peak memory < 250 MB at 5,000 tasks", f"{results.memory['maxrss_mb']:.0f} MB", results.memory["maxrss_mb"] < 250))
    if results.command:
        rows.append(
            ("command wall time ≤ 0.4 s on a seed-sized plan", f"{results.command['median_s']:.3f} s", results.command["median_s"] <= 0.4)
        )
    if results.batch:
        rows.append(
            (
                f"{COMMUNES:,} commune plans ≤ 15 s",
                f"{results.batch['median_s']:.1f} s for {results.batch['rows']:.0f}",
                results.batch["median_s"] <= 15 if results.batch["rows"] == COMMUNES else None,
            )
        )
    if results.pdf:
        rows.append(
            ("PDF ≤ 0.35 s per document in a batch of 20", f"{results.pdf['per_document_s']:.3f} s", results.pdf["per_document_s"] <= 0.35)
        )
    if results.process is not None:
        rows += process.targets(results.process)
    return rows


def _stage_exponent(small: float, large: float) -> str:
    """k for one stage; a stage too quick to time at 1,000 tasks has no meaningful k."""
    if small <= 0 or large <= 0:
        return "n/a"
    return f"{math.log(large / small) / math.log(5):.2f}"


def report(results: Results) -> str:
    lines = ["# cchc_docgen benchmarks", "", "Produced by `python -m benchmarks` (see benchmarks/README.md). All times are medians.", ""]
    verdict = {True: "met", False: "**not met**", None: "not measured at full size"}
    lines += ["## Targets (issues #5 and #16)", "", "| target | measured | |", "|---|---|---|"]
    lines += [f"| {name} | {figure} | {verdict[ok]} |" for name, figure, ok in targets(results)] + [""]
    lines += ["## Machine", "", "| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in results.machine.items()] + [""]
    lines += [
        "## Plans: end to end (specification file → .docx bytes) against plain docxtpl",
        "",
        "| plan | tasks (nhiem_vu) | runs | ours (ms) | docxtpl (ms) | ratio | first render, cold (ms) | .docx (kB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for p in results.plans:
        lines.append(
            f"| {p.name} | {p.tasks} | {p.runs} | {ms(p.end_to_end)} | {ms(p.baseline)} | {p.ratio:.2f}× | {ms(p.cold)} | {p.size / 1024:.0f} |"
        )
    lines += ["", "## Time per stage (ms)", "", "| plan | " + " | ".join(STAGES) + " | sum |", "|---|" + "---:|" * (len(STAGES) + 1)]
    for p in results.plans:
        lines.append(f"| {p.name} | " + " | ".join(ms(p.stages[s]) for s in STAGES) + f" | {ms(sum(p.stages.values()))} |")
    lines += [
        "",
        "## Growth with the number of tasks",
        "",
        "| tasks | ours (ms) | ours per task (ms) | docxtpl per task (ms) |",
        "|---:|---:|---:|---:|",
    ]
    for p in results.plans:
        if p.name.startswith("synthetic"):
            lines.append(f"| {p.tasks} | {ms(p.end_to_end)} | {p.end_to_end / p.tasks * 1000:.3f} | {p.baseline / p.tasks * 1000:.3f} |")
    exponent = growth_exponent(results.plans)
    if exponent is not None:
        lines += ["", f"Exponent between 1,000 and 5,000 tasks (time ∝ tasksᵏ): k = {exponent:.2f} (1.00 is linear). Per stage:", ""]
        by_tasks = {p.tasks: p for p in results.plans if p.name.startswith("synthetic")}
        small, large = by_tasks[1000], by_tasks[5000]
        lines.append(
            ", ".join(f"{stage} {_stage_exponent(small.stages[stage], large.stages[stage])}" for stage in STAGES) + "."
        )
    if results.memory:
        m = results.memory
        lines += [
            "",
            "## Peak memory, 5,000-task plan (fresh process)",
            "",
            f"- peak resident set (VmHWM): {m['maxrss_mb']:.0f} MB (of which {m['rss_after_imports_mb']:.0f} MB before rendering: interpreter and libraries)",
            f"- peak of Python allocations (tracemalloc, excludes lxml's C heap): {m['tracemalloc_peak_mb']:.0f} MB",
        ]
    if results.command:
        c = results.command
        line = f"- `python -m cchc_docgen SEED.yaml -o DIR`: median {c['median_s']:.3f} s, fastest {c['min_s']:.3f} s over {c['runs']:.0f} runs"
        lines += [
            "",
            "## The command on a seed-sized plan (wall time)",
            "",
            line,
            f"- `python -c pass` on the same machine: {c['python_startup_s']:.3f} s",
        ]
        if "hyperfine_median_s" in c:
            lines.append(f"- hyperfine median: {c['hyperfine_median_s']:.3f} s")
    if results.batch:
        b = results.batch
        lines += [
            "",
            f"## Batch: {b['rows']:.0f} commune plans from one model and a table",
            "",
            f"- `python -m cchc_docgen batch --mau-dac-ta examples/xa-mau-hang-loat.yaml --bang <{b['rows']:.0f} rows> -o DIR`: "
            f"median {b['median_s']:.1f} s over {b['runs']:.0f} run(s), {b['documents_per_s']:.0f} documents per second",
        ]
    if results.pdf:
        d = results.pdf
        lines += [
            "",
            "## PDF export (LibreOffice, one process)",
            "",
            f"- {d['documents']:.0f} commune plans: median {d['median_s']:.2f} s over {d['runs']:.0f} runs, {d['per_document_s']:.3f} s per document",
        ]
    if results.process is not None:
        lines += ["", *process.report_lines(results.process)]
    return "\n".join(lines) + "\n"
