"""The resident process: imports what commands use, serves many at once, one per settings,
and ends by itself (idle, stopped, or its code changed on disk)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from cchc_docgen.resident.place import is_resident as alive

from conftest import EXAMPLES, PLAN_SPECS, ROOT
from support.processes import children, cpu_ms, started
from support.residents import command, folder, pids, served, wait_until_served

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the resident process is Linux's")


def _key(env: dict[str, str]) -> str:
    script = "from cchc_docgen.resident import place; print(place.key())"
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout.strip()


def _wait(condition, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_after_preloading_a_render_and_a_check_of_every_shipped_plan_import_nothing_more(tmp_path: Path) -> None:
    """What the children would otherwise import again in every command (the template cache
    warm, as in every run after the first)."""
    script = f"""
import sys
from pathlib import Path
from cchc_docgen import api
specs = [Path(p) for p in {[str(p) for p in PLAN_SPECS + EXAMPLES]!r}]
def work():
    from cchc_docgen import checks
    checks.check_files(specs)
    for spec in specs:
        for mode in ("gop", "rieng"):
            api.generate(spec, Path(sys.argv[1]) / mode, mode=mode, overwrite=True)
if sys.argv[2] == "warm":
    work()
else:
    from cchc_docgen.resident import server
    server.preload()
    before = set(sys.modules)
    work()
    print(sorted(set(sys.modules) - before))
"""
    env = {**os.environ, "CCHC_DOCGEN_CACHE": str(tmp_path / "cache")}
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "out"), "warm"], cwd=ROOT, env=env, check=True)
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "out"), "measure"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_after_preloading_the_commands_on_every_shipped_plan_compile_no_pattern_but_the_plans_own_names(tmp_path: Path) -> None:
    """A pattern a plan needs only sometimes (emphasis, spacing signs, a missing appendix's
    pointer, a replaced file's properties, argparse's own) is compiled by the resident
    process (``lazy.compile_all``, its rehearsal), not in every child that meets it (the
    template cache warm, as in every run after the first)."""
    script = f"""
import contextlib, io, re._compiler, sys
from cchc_docgen import cli
from cchc_docgen.linebreak import body, layout
from cchc_docgen.resident import server
from cchc_docgen.spec.validate import load_spec
specs = {[str(p) for p in PLAN_SPECS + EXAMPLES]!r}
def work():
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        for spec in specs:
            for args in (["check", spec], [spec, "-o", sys.argv[1], "--ghi-de"], [spec, "-o", sys.argv[1], "--rieng", "--ghi-de"]):
                assert cli.main(args) == 0, args
if sys.argv[2] == "warm":
    work()
    sys.exit()
server.preload()
for spec in specs:
    body._names_pattern(layout.place_names(load_spec(spec)))  # -- each plan's own: compiled for it alone --
compiled = []
plain = re._compiler.compile
re._compiler.compile = lambda pattern, flags=0: compiled.append(pattern) or plain(pattern, flags)
work()
print(compiled)
"""
    env = {**os.environ, "CCHC_DOCGEN_CACHE": str(tmp_path / "cache")}
    for mode in ("warm", "measure"):
        result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "out"), mode], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_on_a_single_cpu_the_waiting_child_does_not_rehearse_and_serves_the_same(short_runtime: Path, tmp_path: Path) -> None:
    """On one CPU a rehearsal would run against the command just taken; the child skips it,
    and what it serves is still the command's own result."""
    spec = EXAMPLES[0]
    env = {**os.environ, "XDG_RUNTIME_DIR": str(short_runtime)}

    def run(resident: str, out: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cchc_docgen", str(spec), "-o", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120,
            env={**env, "CCHC_DOCGEN_RESIDENT": resident}, preexec_fn=lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}),
        )

    assert _wait(lambda: served(run("report", tmp_path / "served")))
    (pid,) = pids(short_runtime)
    spare = _settled_spare(pid)
    assert os.sched_getaffinity(spare) == {min(os.sched_getaffinity(0))}
    assert cpu_ms(spare) < 3, "a spare on one CPU spends no time rehearsing"
    result, own = run("1", tmp_path / "served"), run("0", tmp_path / "own")
    assert (result.returncode, result.stderr) == (own.returncode, own.stderr) == (0, own.stderr)
    assert [(p.name, p.read_bytes()) for p in sorted((tmp_path / "served").iterdir())] == [
        (p.name, p.read_bytes()) for p in sorted((tmp_path / "own").iterdir())
    ]


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="a spare rehearses only where there is more than one CPU")
def test_the_waiting_child_rehearses_before_a_command_comes(short_runtime: Path) -> None:
    """The first command a forked child runs used to pay for copying the pages it wrote and
    mapping fresh memory; the spare pays it while it waits, which shows as time it has spent."""
    env = {"XDG_RUNTIME_DIR": str(short_runtime)}
    wait_until_served(["check", str(EXAMPLES[0])], env=env)
    (pid,) = pids(short_runtime)
    assert cpu_ms(_settled_spare(pid)) > 5  # -- a check and a render of the warm-up plan: 10 to 15 ms --


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="a spare rehearses only where there is more than one CPU")
def test_the_next_spare_rehearses_after_the_command_before_it_has_ended(short_runtime: Path, tmp_path: Path) -> None:
    """Rehearsing while the command just taken runs would slow that command down: the next
    spare waits until its child has ended (a 1,000-task render takes a few hundred ms)."""
    from benchmarks import synthetic

    plan = tmp_path / "nghin-nhiem-vu.yaml"
    plan.write_text(synthetic.plan_yaml(1000), encoding="utf-8")
    env = {"XDG_RUNTIME_DIR": str(short_runtime)}
    wait_until_served(["check", str(EXAMPLES[0])], env=env)
    (pid,) = pids(short_runtime)
    _settled_spare(pid)
    settings = {**os.environ, **env, "CCHC_DOCGEN_RESIDENT": "1"}
    process = subprocess.Popen([sys.executable, "-m", "cchc_docgen", str(plan), "-o", str(tmp_path)], cwd=ROOT, env=settings)
    during: list[tuple[float, float]] = []  # -- (ms since the next spare was first seen, its time on a CPU) --
    seen = 0.0
    while process.poll() is None:
        forked = sorted(children(pid), key=started)
        if len(forked) == 2:
            serving, spare = forked
            seen = seen or time.monotonic()
            spent = cpu_ms(spare)
            if Path(f"/proc/{serving}").exists():
                during.append(((time.monotonic() - seen) * 1000, spent))
        time.sleep(0.005)
    assert process.returncode == 0
    assert during and during[-1][0] > 50, during
    assert max(spent for _, spent in during) < 3, during
    assert cpu_ms(_settled_spare(pid)) > 5


def _settled_spare(pid: int) -> int:
    """The resident process's waiting child, once it has stopped using the CPU."""
    assert _wait(lambda: len(children(pid)) == 1)
    (spare,) = children(pid)
    spent = -1.0
    while (now := cpu_ms(spare)) != spent:
        spent = now
        time.sleep(0.3)
    return spare


def test_many_drafters_commands_at_once_are_each_served_and_each_gets_its_own_result(tmp_path: Path) -> None:
    wait_until_served(["schema"])
    specs = (PLAN_SPECS + EXAMPLES) * 2

    def run(index: int) -> tuple[bool, int, str, str]:
        out = tmp_path / f"out-{index}"
        result = command([str(specs[index]), "-o", str(out)], resident=True)
        return served(result), result.returncode, result.stdout, out.as_posix()

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(run, range(len(specs))))
    for was_served, code, stdout, out in results:
        assert code == 0 and was_served
        assert stdout and all(line.startswith(out + "/") for line in stdout.splitlines())


def test_one_resident_process_per_settings_however_many_commands_start_one(short_runtime: Path) -> None:
    runtime = short_runtime
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
    with ThreadPoolExecutor(6) as pool:
        list(pool.map(lambda _: command(["schema"], resident=True, env=env), range(6)))
    assert _wait(lambda: len(pids(runtime)) == 1)
    time.sleep(1.0)  # -- any late starter has had time to find the lock taken and leave --
    assert len(pids(runtime)) == 1
    os.kill(pids(runtime)[0], signal.SIGTERM)


def test_a_resident_process_ends_after_its_idle_time_and_takes_its_socket_with_it(short_runtime: Path) -> None:
    runtime = short_runtime
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
    process = subprocess.Popen([sys.executable, "-m", "cchc_docgen.resident", _key(env), "1.5"], cwd=ROOT, env=env)
    assert _wait(lambda: any(folder(runtime).glob("*.sock")))
    assert served(command(["schema"], resident=True, env=env))
    assert process.wait(timeout=20) == 0
    assert not list(folder(runtime).glob("*.sock"))


def test_a_stopped_resident_process_removes_its_socket_and_the_next_command_starts_another(short_runtime: Path) -> None:
    runtime = short_runtime
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
    wait_until_served(["schema"], env=env)
    (first,) = pids(runtime)
    os.kill(first, signal.SIGTERM)
    assert _wait(lambda: not alive(first) and not list(folder(runtime).glob("*.sock")))
    assert not served(command(["schema"], resident=True, env=env))
    wait_until_served(["schema"], env=env)
    assert pids(runtime) and pids(runtime)[0] != first
    os.kill(pids(runtime)[0], signal.SIGTERM)


def test_a_resident_process_started_for_other_settings_leaves_at_once(short_runtime: Path) -> None:
    runtime = short_runtime
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
    process = subprocess.run([sys.executable, "-m", "cchc_docgen.resident", "0" * 24], cwd=ROOT, env=env, timeout=30)
    assert process.returncode == 0
    assert not list(folder(runtime).glob("*.sock"))


def test_the_plan_the_resident_process_warms_up_on_is_valid_and_lays_out() -> None:
    """A warm-up that failed would be silent (it only leaves the children colder)."""
    from cchc_docgen import checks
    from cchc_docgen.resident import server
    from cchc_docgen.spec.validate import load_spec
    from cchc_docgen.view import build_views

    plan = Path(server.__file__).with_name(server.WARM_UP)
    assert checks.check_files([plan]).problems == []
    views = build_views(load_spec(plan), "gop", lines=True)
    assert views and any(block for view in views for block in view.blocks)
