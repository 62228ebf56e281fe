"""The command a drafter types: Vietnamese help, clear exit codes, one line per file written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, OfficeQueue


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cchc_docgen", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_help_is_in_vietnamese() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "Cách dùng:" in result.stdout and "Nghị định 30/2020/NĐ-CP" in result.stdout and "tùy chọn" in result.stdout


def test_a_good_specification_writes_its_documents_and_prints_their_paths(tmp_path: Path, office: OfficeQueue) -> None:
    result = run(str(ROOT / "plan_specs" / "tan-uyen-2023.yaml"), "-o", str(tmp_path), "--rieng")
    assert result.returncode == 0, result.stderr
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert len(paths) == 2 and all(p.is_file() and p.parent == tmp_path for p in paths)
    assert paths[0].name.startswith("qd-ubnd-chua-so-2022_huyen-tan-uyen_phe-duyet-ke-hoach")
    for path in paths:
        office.register(path.name, path.read_bytes())


def test_the_output_folder_defaults_to_the_specifications(tmp_path: Path) -> None:
    spec = tmp_path / "ke-hoach.yaml"
    spec.write_text((ROOT / "examples" / "phuong-2026.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run(str(spec))
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).parent == tmp_path


def test_a_bad_specification_exits_1_without_a_traceback(tmp_path: Path) -> None:
    spec = tmp_path / "sai.yaml"
    spec.write_text("co_quan_ban_hanh: {cap: xa, dia_ban: A}\nke_hoach:\n  trich_yeuu: X\n", encoding="utf-8")
    result = run(str(spec), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{spec}:3:3" in result.stderr and "trich_yeu" in result.stderr
    assert not (tmp_path / "out").exists()


def test_wrong_usage_exits_2_in_vietnamese() -> None:
    result = run("--gop", "--rieng", "x.yaml")
    assert result.returncode == 2
    assert "lỗi" in result.stderr and "Traceback" not in result.stderr
    assert run().returncode == 2
