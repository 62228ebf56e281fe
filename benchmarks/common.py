"""What every benchmark shares: the plans measured, the results' shape, the machine, timing."""

from __future__ import annotations

import gc
import importlib.metadata
import os
import platform
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import process

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
    process: process.ProcessResults | None = None


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

