"""A command served by the resident process is the command: the same files, byte for byte,
the same output and messages, the same exit code, as when it runs in its own process."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, EXAMPLES, PLAN_SPECS, ROOT
from support.residents import command, served, wait_until_served, without_report

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the resident process is Linux's")

BAD = sorted((DATA / "bad").glob("*.yaml"))


@pytest.fixture(scope="module", autouse=True)
def _resident() -> None:
    wait_until_served(["schema"])


def _both(args: list[str], tmp_path: Path, **options: object) -> tuple[object, object]:
    """The command run as served and in its own process, ``{out}`` in its arguments
    replaced by a folder of its own for each, and that folder's name taken out of the
    output so the two can be compared."""
    results = []
    for name, resident in (("served", True), ("own", False)):
        out = tmp_path / name
        out.mkdir()
        result = command([a.replace("{out}", str(out)) for a in args], resident=resident, **options)  # type: ignore[arg-type]
        if resident:
            assert served(result), result.stderr
        stderr = without_report(result.stderr) if resident else result.stderr
        files = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
        results.append((result.returncode, result.stdout.replace(str(out), "OUT"), stderr.replace(str(out), "OUT"), files))
    return results[0], results[1]


@pytest.mark.parametrize("spec", PLAN_SPECS + EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("mode", ["--gop", "--rieng"])
def test_a_served_render_writes_the_same_bytes_and_says_the_same(spec: Path, mode: str, tmp_path: Path, office) -> None:
    mine, theirs = _both([str(spec), "-o", "{out}", mode], tmp_path)
    assert mine == theirs
    code, _, _, files = mine
    assert code == 0 and files
    for name, data in files.items():
        if name.endswith(".docx"):
            office.register(f"served-{spec.stem}-{name}", data)


@pytest.mark.parametrize("spec", BAD, ids=lambda p: p.stem)
def test_a_served_check_of_a_broken_spec_reports_the_same_problems(spec: Path, tmp_path: Path) -> None:
    mine, theirs = _both(["check", str(spec)], tmp_path)
    assert mine == theirs
    assert mine[1] or mine[2]


@pytest.mark.parametrize("spec", BAD[:12], ids=lambda p: p.stem)
def test_a_served_render_of_a_broken_spec_writes_nothing_and_says_the_same(spec: Path, tmp_path: Path) -> None:
    mine, theirs = _both([str(spec), "-o", "{out}"], tmp_path)
    assert mine == theirs
    assert mine[0] != 0 and not mine[3]


@pytest.mark.parametrize(
    "args",
    [
        ["--khong-co-tuy-chon-nay"],
        ["schema"],
        ["schema", "-o", "{out}/s.json"],
        ["check", *map(str, PLAN_SPECS)],
        ["roll", str(ROOT / "examples" / "xa-2026-du-thao.yaml"), "--them", "1", "-o", "{out}/them.yaml"],
        ["roll", str(ROOT / "examples" / "xa-2026-du-thao.yaml"), "--nam", "2027", "-o", "{out}/2027.yaml"],
        [str(ROOT / "khong-co-tep-nay.yaml"), "-o", "{out}"],
    ],
    ids=["typed-wrong", "schema", "schema-file", "check-plans", "roll", "roll-file", "missing-spec"],
)
def test_every_one_shot_command_served_behaves_as_in_its_own_process(args: list[str], tmp_path: Path) -> None:
    mine, theirs = _both(args, tmp_path)
    assert mine == theirs


def test_relative_paths_are_read_from_the_drafters_folder_not_the_resident_processs(tmp_path: Path, office) -> None:
    folder = tmp_path / "van-phong"
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "phuong-2026.yaml", folder / "ke-hoach.yaml")
    mine, theirs = _both(["ke-hoach.yaml", "-o", "{out}"], tmp_path, cwd=folder)
    assert mine == theirs and mine[0] == 0
    assert re.search(r"^OUT/.+\.docx$", mine[1], re.M)


def test_the_drafters_environment_reaches_the_served_command(tmp_path: Path, office) -> None:
    """A drafter's own template is compiled into the cache folder the drafter's
    CCHC_DOCGEN_CACHE names, not the resident process's (which keeps only the shipped one)."""
    from cchc_docgen.rendering import default_template

    shutil.copy(default_template(), tmp_path / "mau-rieng.docx")
    spec = tmp_path / "ke-hoach.yaml"
    spec.write_text((ROOT / "examples" / "phuong-2026.yaml").read_text(encoding="utf-8") + "xuat:\n  mau: mau-rieng.docx\n", encoding="utf-8")
    cache = tmp_path / "bo-nho-dem"
    result = command([str(spec), "-o", str(tmp_path / "ra")], resident=True, env={"CCHC_DOCGEN_CACHE": str(cache)})
    assert served(result) and result.returncode == 0, result.stderr
    assert any(cache.rglob("*")), "the served command did not use the drafter's cache folder"
    for document in (tmp_path / "ra").glob("*.docx"):
        office.register(f"served-own-template-{document.name}", document.read_bytes())


def test_the_drafters_umask_applies_to_what_a_served_command_writes(tmp_path: Path) -> None:
    modes = []
    previous = os.umask(0o077)
    try:
        for resident in (True, False):
            out = tmp_path / str(resident)
            out.mkdir()
            result = command(["schema", "-o", str(out / "s.json")], resident=resident)
            assert result.returncode == 0
            assert served(result) if resident else True
            modes.append((out / "s.json").stat().st_mode & 0o777)
    finally:
        os.umask(previous)
    assert modes[0] == modes[1]


def test_the_cchc_docgen_command_served_names_itself_as_the_drafter_typed_it(tmp_path: Path) -> None:
    """The resident process was started as ``python -m cchc_docgen.resident``: usage lines
    must still say what the drafter typed (the installed ``cchc-docgen`` here)."""
    script = "import sys; sys.argv[0] = '/venv/bin/cchc-docgen'; from cchc_docgen.__main__ import run; run()"
    env = {**os.environ, "CCHC_DOCGEN_RESIDENT": "report"}
    for _ in range(100):
        result = subprocess.run([sys.executable, "-c", script, "--khong-co"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        if served(result):
            break
    assert served(result) and result.returncode == 2
    assert "Gõ 'cchc-docgen --help'" in result.stderr and "python -m cchc_docgen" not in result.stderr
