"""The compiled template kept between processes (cchc_docgen/prepared.py): the command's
path for the shipped template imports no python-docx, docxtpl or babel, and its documents
are the same bytes whether the cache is cold, warm, damaged or off."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cchc_docgen
from cchc_docgen import prepared

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted([*(ROOT / "plan_specs").glob("*.yaml"), *(ROOT / "examples").glob("*.yaml")])
HEAVY = ("docx", "docxtpl", "babel")

# -- a fresh process renders every spec (or runs a command) and reports its documents and
# which of the heavy modules it imported --
_RENDER = """
import hashlib, json, sys
import cchc_docgen
out = {}
for path in sys.argv[1:]:
    for document in cchc_docgen.render(cchc_docgen.load_spec(path)):
        out[path + ":" + document.file_name] = hashlib.sha256(document.data).hexdigest()
print(json.dumps({"documents": out, "modules": sorted(m for m in sys.modules if m.split(".")[0] in HEAVY)}))
""".replace("HEAVY", repr(HEAVY))
_COMMAND = """
import contextlib, io, json, sys
from cchc_docgen.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        code = main(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code
print(json.dumps({"code": code, "modules": sorted(m for m in sys.modules if m.split(".")[0] in HEAVY)}))
""".replace("HEAVY", repr(HEAVY))


def _run(script: str, args: list[str], cache: Path | str) -> dict:
    env = {**os.environ, prepared.ENVIRONMENT_VARIABLE: str(cache)}
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def _in_process() -> dict[str, str]:
    import hashlib

    return {f"{path}:{d.file_name}": hashlib.sha256(d.data).hexdigest()
            for path in map(str, SPECS) for d in cchc_docgen.render(cchc_docgen.load_spec(path))}  # fmt: skip


def test_shipped_template_renders_without_python_docx_docxtpl_or_babel(tmp_path: Path) -> None:
    specs = [str(path) for path in SPECS]
    _run(_RENDER, specs[:1], tmp_path)  # -- the first process fills the cache --
    warm = _run(_RENDER, specs, tmp_path)
    assert warm["modules"] == [], "the shipped-template path imported " + ", ".join(warm["modules"])


@pytest.mark.parametrize(
    "command",
    [["--help"], ["check", "plan_specs/tan-uyen-2023.yaml"], ["schema"], ["batch", "--help"]],
    ids=["help", "check", "schema", "batch-help"],
)
def test_commands_import_no_document_libraries(tmp_path: Path, command: list[str]) -> None:
    result = _run(_COMMAND, command, tmp_path)
    assert result["code"] == 0
    assert result["modules"] == []


def test_generate_command_with_a_warm_cache_imports_none_of_them(tmp_path: Path) -> None:
    spec = "plan_specs/tan-uyen-2023.yaml"
    _run(_COMMAND, [spec, "-o", str(tmp_path / "first")], tmp_path / "cache")
    result = _run(_COMMAND, [spec, "-o", str(tmp_path / "second")], tmp_path / "cache")
    assert result["code"] == 0 and result["modules"] == []
    assert [p.read_bytes() for p in sorted((tmp_path / "first").iterdir())] == [p.read_bytes() for p in sorted((tmp_path / "second").iterdir())]


def test_documents_are_the_same_bytes_cold_warm_and_without_cache(tmp_path: Path) -> None:
    specs = [str(path) for path in SPECS]
    expected = _in_process()
    cold = _run(_RENDER, specs, tmp_path / "cache")
    warm = _run(_RENDER, specs, tmp_path / "cache")
    off = _run(_RENDER, specs, "0")
    assert len(expected) >= len(SPECS)
    assert cold["documents"] == expected
    assert warm["documents"] == expected
    assert off["documents"] == expected
    assert "docx" in cold["modules"] and "docx" in off["modules"]  # -- they did compile the template --


def _entries(folder: Path) -> list[Path]:
    """The prepared templates in a cache folder (not the file of kept edits, ``kept``)."""
    return sorted(p for p in folder.glob("*.bin") if not p.name.startswith("kept-"))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty"])
def test_a_damaged_entry_is_rebuilt_not_used(tmp_path: Path, damage: str) -> None:
    spec = [str(SPECS[0])]
    first = _run(_RENDER, spec, tmp_path)
    (entry,) = _entries(tmp_path)
    good = entry.read_bytes()
    damaged = {
        "garbage": b"\x00not a cache entry" * 10,
        "truncated": good[: len(good) // 2],
        "flipped": good[:-10] + bytes([good[-10] ^ 0xFF]) + good[-9:],
        "empty": b"",
    }[damage]
    entry.write_bytes(damaged)
    again = _run(_RENDER, spec, tmp_path)
    assert again["documents"] == first["documents"]
    assert "docx" in again["modules"]  # -- rebuilt --
    assert entry.read_bytes() == good  # -- and written back whole --


def test_a_changed_template_or_variant_is_another_entry() -> None:
    data = (ROOT / "templates" / "cchc.docx").read_bytes()
    keys = {prepared._key(data, "v"), prepared._key(data + b"\0", "v"), prepared._key(data, "w")}
    assert len(keys) == 3
    assert prepared._key(data, "v") == prepared._key(data, "v")


def test_processes_filling_the_cache_at_once_agree(tmp_path: Path) -> None:
    spec = str(SPECS[0])
    env = {**os.environ, prepared.ENVIRONMENT_VARIABLE: str(tmp_path)}
    runs = [subprocess.Popen([sys.executable, "-c", _RENDER, spec], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT) for _ in range(4)]
    results = [json.loads(run.communicate()[0].splitlines()[-1]) for run in runs]
    assert all(run.returncode == 0 for run in runs)
    assert all(result["documents"] == results[0]["documents"] for result in results)
    assert len(_entries(tmp_path)) == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]  # -- no half-written file left --
    assert _run(_RENDER, [spec], tmp_path)["modules"] == []  # -- the entry they left is whole --


def test_a_cache_folder_that_cannot_be_written_only_costs_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    spec = [str(SPECS[0])]
    assert _run(_RENDER, spec, blocker / "cache")["documents"] == _run(_RENDER, spec, "off")["documents"]


def test_writing_an_entry_prunes_old_and_surplus_entries_and_leaves_every_other_file(tmp_path: Path) -> None:
    """A real command fills a folder that years of updates and template edits have filled:
    what it writes stays, entries past the age or the count go, the drafter's own files and
    another process's fresh temporary stay."""
    day, now = 86400, time.time()

    def made(name: str, age_days: float) -> Path:
        path = tmp_path / name
        path.write_bytes(b"old")
        os.utime(path, (now - age_days * day, now - age_days * day))
        return path

    ancient = [made(f"{n:064x}.bin", prepared.MAX_AGE_DAYS + 1 + n) for n in range(3)]
    ancient.append(made(f"kept-{99:064x}.bin", prepared.MAX_AGE_DAYS + 5))
    recent = [made(f"{1000 + n:064x}.bin", 1 + n / 10) for n in range(prepared.MAX_ENTRIES + 5)]
    stale_temporary, fresh_temporary = made(".tmp-abc.bin", 1), made(".tmp-def.bin", 0)
    own = [made("ghi-chu.txt", 400), made("ABCDEF.bin", 400), made(f"{7:063x}.bin", 400)]
    _run(_RENDER, [str(SPECS[0])], tmp_path)  # -- an empty cache for this code: one entry written --
    left = {path.name for path in tmp_path.iterdir()}
    written = [name for name in left if name not in {p.name for p in [*ancient, *recent, *own, fresh_temporary]}]
    # -- the compiled template, and the line breaker's kept answers (``kept``), each written whole --
    assert sorted(name.startswith("kept-") for name in written) == [False, True]
    assert all((tmp_path / name).stat().st_size > 1_000 for name in written)
    assert not {p.name for p in [*ancient, stale_temporary]} & left
    assert {p.name for p in [*own, fresh_temporary]} <= left
    kept = sorted(name for name in left if name in {p.name for p in recent})
    assert kept == sorted(p.name for p in recent[: prepared.MAX_ENTRIES - len(written)])  # -- the newest: MAX_ENTRIES in all --
    assert _run(_RENDER, [str(SPECS[0])], tmp_path)["modules"] == []  # -- and it is used --
