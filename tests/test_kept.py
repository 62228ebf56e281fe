"""Small XML edits kept on disk (cchc_docgen/kept.py): a later process finds them and
imports no lxml, and a damaged, foreign-format or stale file is never used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_docgen import kept, prepared

from conftest import EXAMPLES, PLAN_SPECS, ROOT

SPECS = [str(path) for path in [*PLAN_SPECS, *EXAMPLES]]
_RENDER = """
import hashlib, json, sys
import cchc_docgen
out = {}
for path in sys.argv[1:]:
    for mode in ("gop", "rieng"):
        for document in cchc_docgen.render(cchc_docgen.load_spec(path), mode=mode):
            out[path + ":" + mode + ":" + document.file_name] = hashlib.sha256(document.data).hexdigest()
print(json.dumps({"documents": out, "lxml": "lxml" in sys.modules}))
"""


def _run(cache: Path | str, specs: list[str] = SPECS) -> dict:
    env = {**os.environ, prepared.ENVIRONMENT_VARIABLE: str(cache)}
    done = subprocess.run([sys.executable, "-c", _RENDER, *specs], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def _kept_file(folder: Path) -> Path:
    (found,) = folder.glob("kept-*.bin")
    return found


def test_a_warm_process_edits_every_plan_without_lxml_to_the_same_bytes(tmp_path: Path) -> None:
    cold = _run(tmp_path)
    warm = _run(tmp_path)
    off = _run("0")
    assert cold["lxml"] and not warm["lxml"] and off["lxml"]
    assert cold["documents"] == warm["documents"] == off["documents"]
    assert len(warm["documents"]) >= 2 * len(SPECS)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty", "other-format"])
def test_a_damaged_file_of_edits_is_worked_out_again_not_used(tmp_path: Path, damage: str) -> None:
    first = _run(tmp_path, SPECS[:2])
    entry = _kept_file(tmp_path)
    good = entry.read_bytes()
    entry.write_bytes({
        "garbage": b"\x00not kept edits" * 10,
        "truncated": good[: len(good) // 2],
        "flipped": good[:-10] + bytes([good[-10] ^ 0xFF]) + good[-9:],
        "empty": b"",
        "other-format": prepared.FORMAT + good[len(kept.FORMAT):],
    }[damage])  # fmt: skip
    again = _run(tmp_path, SPECS[:2])
    assert again["documents"] == first["documents"]
    assert again["lxml"]  # -- worked out again --
    assert entry.read_bytes() == good  # -- and written back whole --


def test_a_well_formed_file_of_another_shape_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "kept.bin"
    prepared.write_entry(path, kept.FORMAT, {"not a tuple": "x"})
    assert not kept._well_formed(prepared.read_entry(path, kept.FORMAT))
    prepared.write_entry(path, kept.FORMAT, {("f", "a"): 1})
    assert not kept._well_formed(prepared.read_entry(path, kept.FORMAT))


def test_changed_code_or_lxml_is_another_file(monkeypatch: pytest.MonkeyPatch) -> None:
    first = kept.entry()
    monkeypatch.setattr(prepared, "source_digest", lambda: b"other code")
    assert kept.entry() != first
    monkeypatch.undo()
    monkeypatch.setattr(prepared, "dependency_stamps", lambda: ["lxml:elsewhere"])
    assert kept.entry() != first


def test_answers_are_bounded_in_memory_and_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(prepared.ENVIRONMENT_VARIABLE, str(tmp_path))
    monkeypatch.setattr(kept, "MAX_ANSWERS", 2)
    kept.forget()
    calls: list[str] = []

    @kept.remembered
    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    try:
        assert [upper(t) for t in ("a", "b", "c", "a")] == ["A", "B", "C", "A"]
        saved = prepared.read_entry(_kept_file(tmp_path), kept.FORMAT)
        assert isinstance(saved, dict) and len(saved) == 2
        assert calls == ["a", "b", "c"]  # -- "a" was kept --
    finally:
        kept.forget()


def test_processes_adding_edits_at_once_agree(tmp_path: Path) -> None:
    env = {**os.environ, prepared.ENVIRONMENT_VARIABLE: str(tmp_path)}
    runs = [subprocess.Popen([sys.executable, "-c", _RENDER, spec], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT) for spec in SPECS[:4]]
    for run in runs:
        run.communicate()
        assert run.returncode == 0
    assert isinstance(prepared.read_entry(_kept_file(tmp_path), kept.FORMAT), dict)  # -- whichever won, it is whole --
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]
    assert _run(tmp_path)["documents"] == _run("0")["documents"]
