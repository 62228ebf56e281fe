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
* batch: ``python -m cchc_docgen batch`` on the commune model and a 3,321-row table.
* PDF: LibreOffice converting 20 commune plans in one run, seconds per document.
"""

from __future__ import annotations

import argparse
import csv
import gc
import importlib.metadata
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import baseline, synthetic

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10, 100, 1000, 5000)
STAGES = ("load", "validate", "view", "render", "post-process", "write")
COMMUNES = 3321  # -- communes, wards and special zones since 1 July 2025 --
COMMUNE_MODEL = ROOT / "examples" / "xa-mau-hang-loat.yaml"


@dataclass
class PlanResult:
    name: str
    tasks: int
    stages: dict[str, float]  # median seconds
    end_to_end: float
    baseline: float
    cold: float
    runs: int
    size: int  # bytes of the .docx

    @property
    def ratio(self) -> float:
        return self.end_to_end / self.baseline


@dataclass
class Results:
    machine: dict[str, str]
    plans: list[PlanResult] = field(default_factory=list)
    memory: dict[str, float] = field(default_factory=dict)
    command: dict[str, float] = field(default_factory=dict)
    batch: dict[str, float] = field(default_factory=dict)
    pdf: dict[str, float] = field(default_factory=dict)


# -- helpers --
def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    soffice = shutil.which("soffice")
    office = ""
    if soffice:
        office = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    return {
        "nproc": str(os.cpu_count()),
        "cores usable": str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()),
        "CPU": cpu,
        "memory": _memory(),
        "Python": platform.python_version(),
        "OS": platform.platform(),
        "docxtpl": importlib.metadata.version("docxtpl"),
        "python-docx": importlib.metadata.version("python-docx"),
        "lxml": importlib.metadata.version("lxml"),
        "PyYAML": importlib.metadata.version("PyYAML"),
        "LibreOffice": office or "not installed",
        "load average at start (1, 5, 15 min)": _load(),
    }


def _load() -> str:
    """Other work on the machine slows every figure; the report says how busy it was."""
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f} GB"
    except OSError:
        pass
    return "unknown"


# -- plans --
def seed_specs() -> list[Path]:
    """plan_specs/*.yaml when colleagues have written them, else the examples."""
    seeds = sorted((ROOT / "plan_specs").glob("*.yaml"))
    return seeds or sorted(p for p in (ROOT / "examples").glob("*.yaml") if p != COMMUNE_MODEL)


def measure_plan(name: str, path: Path, tasks: int, runs: int, template: Path) -> PlanResult:
    from cchc_docgen import api, postprocess, rendering, writing
    from cchc_docgen.documents import _creation_time
    from cchc_docgen.gc_pause import paused_gc
    from cchc_docgen.spec.loader import read_nodes
    from cchc_docgen.spec.validate import validate_nodes
    from cchc_docgen.view import build_views

    started = time.perf_counter()
    spec = api.load_spec(path)
    own_template = api.template_of(spec, path)
    documents = api.render(spec, template=own_template)
    cold = time.perf_counter() - started
    context = baseline.context_of([d.view for d in documents])

    stage_times: dict[str, list[float]] = {stage: [] for stage in STAGES}
    whole: list[float] = []
    base: list[float] = []
    created = _creation_time(spec)  # -- the same date api.render stamps --
    for _ in range(runs):
        gc.collect()
        with paused_gc():  # -- as api.load_spec and api.render run each stage --
            t0 = time.perf_counter()
            root = read_nodes(path)
            t1 = time.perf_counter()
            spec = validate_nodes(root, str(path), path.parent)
            t2 = time.perf_counter()
            views = build_views(spec)
            t3 = time.perf_counter()
            rendered = [rendering.render(view, own_template, prepare=postprocess.prepare) for view in views]
            t4 = time.perf_counter()
            for document, view in zip(rendered, views, strict=True):
                postprocess.finish(document, view, created=created)
            t5 = time.perf_counter()
            for document in rendered:
                writing.to_bytes(document)
            t6 = time.perf_counter()
        stage_times["load"].append(t1 - t0)
        stage_times["validate"].append(t2 - t1)
        stage_times["view"].append(t3 - t2)
        stage_times["render"].append(t4 - t3)
        stage_times["post-process"].append(t5 - t4)
        stage_times["write"].append(t6 - t5)
        # -- ours and the baseline alternate, so drift in the machine hits both alike --
        whole.append(median_time(lambda: api.render(api.load_spec(path), template=own_template), 1))
        base.append(median_time(lambda: baseline.render(template, context), 1))
    return PlanResult(
        name, tasks, {k: statistics.median(v) for k, v in stage_times.items()}, statistics.median(whole),
        statistics.median(base), cold, runs, sum(len(d.data) for d in documents),
    )  # fmt: skip


def runs_for(tasks: int, quick: bool) -> int:
    if quick:
        return 3 if tasks <= 1000 else 1
    return 9 if tasks <= 100 else 5 if tasks <= 1000 else 3


# -- memory, command, batch, pdf --
def measure_memory(path: Path) -> dict[str, float]:
    def child(*extra: str) -> dict[str, float]:
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.memory", str(path), *extra], capture_output=True, text=True, cwd=ROOT, check=True
        )
        return json.loads(out.stdout)

    plain = child()
    traced = child("--tracemalloc")
    return {
        "maxrss_mb": plain["maxrss_mb"],
        "rss_after_imports_mb": plain["rss_before_mb"],
        "tracemalloc_peak_mb": traced["tracemalloc_peak_mb"],
    }


def measure_command(spec: Path, out: Path, runs: int) -> dict[str, float]:
    command = [sys.executable, "-m", "cchc_docgen", str(spec), "-o", str(out)]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)  # -- warm the file cache --
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - started)
    python_alone = median_time(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs)
    result = {"median_s": statistics.median(times), "min_s": min(times), "python_startup_s": python_alone, "runs": runs}
    hyperfine = shutil.which("hyperfine")
    if hyperfine:
        report = out / "hyperfine.json"
        shell_command = " ".join(f"'{part}'" for part in command)
        subprocess.run(
            [hyperfine, "--warmup", "2", "--runs", str(runs), "--export-json", str(report), "--style", "none", shell_command],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        data = json.loads(report.read_text())["results"][0]
        result["hyperfine_median_s"] = data["median"]
    return result


def commune_table(path: Path, rows: int) -> None:
    """A table of ``rows`` communes with their own name, number, date, signer and target."""
    first = ("An", "Bình", "Tân", "Long", "Phú", "Hòa", "Thạnh", "Mỹ", "Đông", "Tây", "Vĩnh", "Phước", "Quảng", "Hưng", "Thuận", "Nam")
    second = ("Phú", "Lợi", "Hòa", "Thành", "Khánh", "Sơn", "Hải", "Lộc", "Điền", "Xuân", "Thới", "Trung", "Mỹ", "Phong", "Tiến", "Hiệp")
    given = ("Văn An", "Thị Mai", "Văn Hùng", "Thị Lan", "Minh Tuấn", "Thị Hoa", "Quốc Bảo", "Thanh Tâm")
    family = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "co_quan_ban_hanh.dia_ban",
                "ke_hoach.so",
                "ke_hoach.ngay",
                "ke_hoach.nguoi_ky.ho_ten",
                "ke_hoach.noi_dung[1].chi_tieu[0].gia_tri",
                "xuat.ten_tep",
            ]
        )
        for index in range(rows):
            name = f"{first[index % 16]} {second[index // 16 % 16]}" + (f" {index // 256 + 1}" if index >= 256 else "")
            writer.writerow(
                [
                    name,
                    index % 90 + 1,
                    f"{index % 28 + 1:02d}/01/2026",
                    f"{family[index % 8]} {given[index // 8 % 8]}",
                    85 + index % 15,
                    f"ke-hoach-cchc-2026-{index + 1:04d}",
                ]
            )


def measure_batch(work: Path, rows: int, runs: int) -> dict[str, float]:
    table = work / "xa-hang-loat.csv"
    commune_table(table, rows)
    times = []
    for run in range(runs):
        out = work / f"batch-{run}"
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "cchc_docgen", "batch", "--mau-dac-ta", str(COMMUNE_MODEL), "--bang", str(table), "-o", str(out)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        times.append(time.perf_counter() - started)
        written = len(list(out.glob("*.docx")))
        if done.returncode != 0 or written != rows:
            raise SystemExit(f"batch failed ({written} of {rows} written):\n{done.stderr[-2000:]}")
        shutil.rmtree(out)
    seconds = statistics.median(times)
    return {"rows": rows, "median_s": seconds, "documents_per_s": rows / seconds, "runs": runs}


def measure_pdf(work: Path, count: int, runs: int) -> dict[str, float]:
    from cchc_docgen import batch, pdf

    if pdf.find_soffice() is None:
        return {}
    table = work / "pdf.csv"
    commune_table(table, count)
    written = batch.run(batch.jobs_from_table(COMMUNE_MODEL, table, work / "pdf"), workers=1).written
    times = []
    for _ in range(runs):
        for old in (work / "pdf").glob("*.pdf"):
            old.unlink()
        started = time.perf_counter()
        converted = pdf.convert(written)
        times.append(time.perf_counter() - started)
        if converted.failures or len(converted.pdfs) != count:
            raise SystemExit(f"PDF export failed: {converted.failures[:3]}")
    seconds = statistics.median(times)
    return {"documents": count, "median_s": seconds, "per_document_s": seconds / count, "runs": runs}


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
    return rows


def _stage_exponent(small: float, large: float) -> str:
    """k for one stage; a stage too quick to time at 1,000 tasks has no meaningful k."""
    if small <= 0 or large <= 0:
        return "n/a"
    return f"{math.log(large / small) / math.log(5):.2f}"


def report(results: Results) -> str:
    lines = ["# cchc_docgen benchmarks", "", "Produced by `python -m benchmarks` (see benchmarks/README.md). All times are medians.", ""]
    verdict = {True: "met", False: "**not met**", None: "not measured at full size"}
    lines += ["## Targets (issue #5)", "", "| target | measured | |", "|---|---|---|"]
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
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description="Benchmarks of cchc_docgen against plain docxtpl.")
    parser.add_argument("--quick", action="store_true", help="fewer runs and a 300-row batch: a smoke test, not figures to quote")
    parser.add_argument("--results", metavar="FILE", help="also write the Markdown table to FILE (e.g. benchmarks/RESULTS.md)")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="synthetic plan sizes, comma-separated")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: memory,command,batch,pdf")
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
