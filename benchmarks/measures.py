"""The in-process and whole-command measurements of ``python -m benchmarks`` (run.py)."""

from __future__ import annotations

import csv
import gc
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from . import baseline
from .common import COMMUNE_MODEL, ROOT, STAGES, PlanResult, median_time


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
