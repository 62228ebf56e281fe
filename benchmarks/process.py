"""Whole processes, side by side: what a drafter waits for when they run the command.

In-process figures (run.py) leave out what every process pays before any work: starting
Python, importing the libraries, compiling the template. Here each measurement is a fresh
process, timed from the outside (wall clock), and the processes alternate within each round
(the order reversed every other round) so that a busy machine slows them all alike:

* floor: ``python -c pass``, what no Python command can go under;
* ``python -m cchc_docgen --help`` and ``python -m cchc_docgen check SEED``;
* for each seed plan (plan_specs/) and a 1,000-task synthetic plan: ``python -m cchc_docgen
  PLAN -o DIR`` against a minimal docxtpl script of the same plan (import docxtpl, load the
  template, render the context, save: benchmarks/baseline.py's template and context, the
  context read from a JSON file, which is cheaper for it than YAML);
* each command again in its own process (``CCHC_DOCGEN_RESIDENT=0``): the command as a
  drafter runs it is served, after the first run, by the resident process
  (cchc_docgen/resident), started here in a folder of this run and stopped at its end; the
  own-process figures are what a first run, and every run on Windows or macOS, pays;
* the command once more with an empty template cache (``CCHC_DOCGEN_CACHE`` pointing at a
  new folder each run) and no resident process: a drafter's first run after installing or upgrading.

The figures are medians over the rounds. The command's runs use a cache filled before
timing, as every run after the first does, and the package's modules are byte-compiled
first, as ``pip install`` leaves them (with PYTHONDONTWRITEBYTECODE set, as on this
machine, Python would otherwise compile every module of a source checkout from its source
in every process, while the libraries in site-packages have theirs).

    python -m benchmarks.process                 # the table only, about a minute on 2 cores
    python -m benchmarks.process --rounds 5      # quicker, noisier
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LARGE = 1000  # -- tasks in the synthetic plan --

_DOCXTPL_SCRIPT = '''\
import json, sys
from docxtpl import DocxTemplate

template, context, out = sys.argv[1:]
with open(context, encoding="utf-8") as handle:
    values = json.load(handle)
document = DocxTemplate(template)
document.render(values, autoescape=True)
document.save(out)
'''


@dataclass
class ProcessResults:
    rounds: int
    floor: float = 0.0
    commands: dict[str, float] = field(default_factory=dict)  # -- "--help", "check" → median s --
    plans: list[tuple[str, int, float, float]] = field(default_factory=list)  # -- name, tasks, ours, docxtpl --
    cold: float = 0.0  # -- the seed command with an empty cache --
    before: dict[str, float] = field(default_factory=dict)  # -- plan → another version's command --
    own: dict[str, float] = field(default_factory=dict)  # -- plan → the command in its own process (no resident) --
    own_commands: dict[str, float] = field(default_factory=dict)
    load: tuple[str, str] = ("", "")  # -- load average before and after --

    def ratio(self, ours: float, docxtpl: float) -> float:
        return ours / docxtpl


def measure(work: Path, template: Path, rounds: int, before: Path | None = None) -> ProcessResults:
    """Every process of the module docstring, ``rounds`` times, alternating; with ``before``
    (a source tree of another version of cchc_docgen), that version's command too."""
    from cchc_docgen import api
    from cchc_docgen.view import build_views

    from . import baseline, synthetic

    work.mkdir(parents=True, exist_ok=True)
    compileall.compile_dir(ROOT / "cchc_docgen", quiet=1)
    script = work / "docxtpl_script.py"
    script.write_text(_DOCXTPL_SCRIPT, encoding="utf-8")
    large = work / f"synthetic-{LARGE}.yaml"
    large.write_text(synthetic.plan_yaml(LARGE), encoding="utf-8")
    plans = [(path.stem, path) for path in sorted((ROOT / "plan_specs").glob("*.yaml"))] + [(f"synthetic {LARGE}", large)]
    cache = work / "cache"
    runtime = work / "run"  # -- the resident process of this run, stopped at its end --
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "CCHC_DOCGEN_CACHE": str(cache), "XDG_RUNTIME_DIR": str(runtime)}
    env.pop("CCHC_DOCGEN_RESIDENT", None)
    own = {**env, "CCHC_DOCGEN_RESIDENT": "0"}
    python = sys.executable
    seed = ROOT / "plan_specs" / "tan-uyen-2023.yaml"
    jobs: dict[str, tuple[list[str], dict[str, str] | None, Path]] = {
        "floor": ([python, "-c", "pass"], None, ROOT),
        "--help": ([python, "-m", "cchc_docgen", "--help"], env, ROOT),
        "check": ([python, "-m", "cchc_docgen", "check", str(seed)], env, ROOT),
        "own check": ([python, "-m", "cchc_docgen", "check", str(seed)], own, ROOT),
    }
    if before is not None:
        compileall.compile_dir(before / "cchc_docgen", quiet=1)
        before_env = {**os.environ, "PYTHONPATH": str(before)}
    tasks: dict[str, int] = {}
    for index, (name, path) in enumerate(plans):
        spec = api.load_spec(path)
        tasks[name] = len(spec.tasks)
        context = work / f"context-{index}.json"
        context.write_text(json.dumps(baseline.context_of(build_views(spec, None)), ensure_ascii=False), encoding="utf-8")
        jobs[f"ours {name}"] = ([python, "-m", "cchc_docgen", str(path), "-o", str(work / f"out-{index}")], env, ROOT)
        jobs[f"own {name}"] = ([python, "-m", "cchc_docgen", str(path), "-o", str(work / f"own-{index}")], own, ROOT)
        jobs[f"docxtpl {name}"] = ([python, str(script), str(template), str(context), str(work / f"docxtpl-{index}.docx")], None, ROOT)
        if before is not None:
            jobs[f"before {name}"] = ([python, "-m", "cchc_docgen", str(path), "-o", str(work / f"before-{index}")], before_env, before)
    times: dict[str, list[float]] = {name: [] for name in [*jobs, "cold"]}
    for command, job_env, cwd in jobs.values():  # -- warm: the cache, the OS's file cache, .pyc files, the resident process --
        subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=job_env)
    _wait_for_resident(python, env)
    results = ProcessResults(rounds, load=(_load(), ""))
    for round_number in range(rounds):
        order = [*jobs, "cold"]
        if round_number % 2:
            order.reverse()
        for name in order:
            if name == "cold":
                fresh = tempfile.mkdtemp(dir=work, prefix="cold-")
                # -- a drafter's first run: no resident process yet, no template cache --
                command, job_env, cwd = [python, "-m", "cchc_docgen", str(seed), "-o", str(work / "out-cold")], {**own, "CCHC_DOCGEN_CACHE": fresh}, ROOT
            else:
                command, job_env, cwd = jobs[name]
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=job_env)
            times[name].append(time.perf_counter() - started)
    _stop_resident(runtime)
    median = {name: statistics.median(values) for name, values in times.items()}
    results.floor = median["floor"]
    results.commands = {"--help": median["--help"], "check": median["check"]}
    results.own_commands = {"check": median["own check"]}
    results.plans = [(name, tasks[name], median[f"ours {name}"], median[f"docxtpl {name}"]) for name, _ in plans]
    results.own = {name: median[f"own {name}"] for name, _ in plans}
    results.cold = median["cold"]
    results.before = {name: median[f"before {name}"] for name, _ in plans if f"before {name}" in median}
    results.load = (results.load[0], _load())
    return results


def _wait_for_resident(python: str, env: dict[str, str]) -> None:
    """Until a command is served (the first run started the resident process, which takes
    a moment to import the library): the rounds measure what every later run pays."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        probe = subprocess.run([python, "-m", "cchc_docgen", "schema"], capture_output=True, text=True, env={**env, "CCHC_DOCGEN_RESIDENT": "report"})
        if "qua tiến trình nền" in probe.stderr:
            return
        time.sleep(0.1)
    raise RuntimeError(f"no resident process served a command: {probe.stderr}")


def _stop_resident(runtime: Path) -> None:
    from cchc_docgen.resident.place import serving

    for pid in serving(str(runtime)):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)


def targets(results: ProcessResults) -> list[tuple[str, str, bool | None]]:
    """Issue #16's targets, each with the figure measured."""
    rows: list[tuple[str, str, bool | None]] = []
    seeds = [(n, t, o, d) for n, t, o, d in results.plans if not n.startswith("synthetic")]
    if seeds:
        ratios = [o / d for _, _, o, d in seeds]
        rows.append(("whole process, seed-sized plan ≤ 0.5× a docxtpl script", f"{min(ratios):.2f}×–{max(ratios):.2f}× ({len(seeds)} seeds)", max(ratios) <= 0.5))
    for name, _, ours, docxtpl in results.plans:
        if name.startswith("synthetic"):
            rows.append((f"whole process, {LARGE:,}-task plan ≤ 0.8× a docxtpl script", f"{ours / docxtpl:.2f}×", ours / docxtpl <= 0.8))
    for command, seconds in results.commands.items():
        rows.append((f"`{command}` under 60 ms wall", f"{seconds * 1000:.0f} ms (floor {results.floor * 1000:.0f} ms)", seconds < 0.060))
    return rows


def report_lines(results: ProcessResults) -> list[str]:
    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.0f}"

    lines = [
        "## Whole processes, side by side (wall time, medians)",
        "",
        f"{results.rounds} rounds, processes alternating (order reversed every other round); load average "
        f"{results.load[0]} at start, {results.load[1]} at end. Above the floor is what each command adds to "
        "starting Python. See benchmarks/process.py.",
        "",
        "Ours is the command as a drafter runs it: after the first run a resident process serves it "
        "(cchc_docgen/resident). Own process is the same command with `CCHC_DOCGEN_RESIDENT=0`: what a "
        "first run, and every run on Windows or macOS, pays. `--help` always runs in its own process.",
        "",
        "| process | tasks | ours (ms) | docxtpl script (ms) | ratio | ours above floor (ms) | docxtpl above floor (ms) "
        "| own process (ms) | own: ratio |" + (" before (ms) | before: ratio |" if results.before else ""),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|---:|" if results.before else ""),
    ]
    for name, tasks, ours, docxtpl in results.plans:
        earlier = results.before.get(name)
        alone = results.own[name]
        lines.append(
            f"| `python -m cchc_docgen` {name} | {tasks} | {ms(ours)} | {ms(docxtpl)} | {ours / docxtpl:.2f}× "
            f"| {ms(ours - results.floor)} | {ms(docxtpl - results.floor)} | {ms(alone)} | {alone / docxtpl:.2f}× |"
            + (f" {ms(earlier)} | {earlier / docxtpl:.2f}× |" if earlier is not None else "")
        )
    check, alone = results.commands["check"], results.own_commands["check"]
    lines += [
        f"| `python -m cchc_docgen --help` | | {ms(results.commands['--help'])} | | | {ms(results.commands['--help'] - results.floor)} | | | |",
        f"| `python -m cchc_docgen check` tan-uyen-2023 | | {ms(check)} | | | {ms(check - results.floor)} | | {ms(alone)} | |",
        f"| tan-uyen-2023, first run: no resident process, empty template cache | | {ms(results.cold)} | | | {ms(results.cold - results.floor)} | | | |",
        f"| floor: `python -c pass` | | {ms(results.floor)} | | | | | | |",
    ]
    return lines


def _load() -> str:
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.process", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="rounds of alternating runs (default 15)")
    parser.add_argument("--before", type=Path, help="a source tree of another cchc_docgen version (git archive): its command runs alongside")
    args = parser.parse_args(argv)
    from cchc_docgen import rendering

    from . import baseline

    with tempfile.TemporaryDirectory(prefix="cchc-process-") as folder:
        work = Path(folder)
        template = baseline.build_template(rendering.default_template(), work / "docxtpl-baseline.docx")
        results = measure(work, template, args.rounds, args.before)
    verdict = {True: "met", False: "**not met**", None: "not measured"}
    print("\n".join(["| target | measured | |", "|---|---|---|"] + [f"| {n} | {f} | {verdict[ok]} |" for n, f, ok in targets(results)]))
    print()
    print("\n".join(report_lines(results)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
