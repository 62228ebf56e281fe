"""The command a drafter types: Vietnamese help, clear exit codes, one line per file written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cchc_docgen

from conftest import ROOT, OfficeQueue
from support.spec_builder import BASE, spec_text, write_spec


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


def test_version_prints_the_package_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout == f"cchc_docgen {cchc_docgen.__version__}\n"


def test_help_lists_every_exit_code() -> None:
    for args in (["--help"], ["batch", "--help"]):
        text = " ".join(run(*args).stdout.split())
        for code in ("0 ", "1 ", "2 gõ lệnh sai", "3 lỗi của chính cchc_docgen", "130 dừng bằng Ctrl-C", "143 bị dừng"):
            assert code in text, (args, code)
        assert "--nghiem" in text


# -- every render is checked: what check reports stops or follows the render --
def _check_lines(path: Path) -> list[str]:
    """What `check` prints for ``path`` (a folder: its specifications), without its closing summary."""
    result = run("check", *map(str, sorted(path.glob("*.yaml")) if path.is_dir() else [path]))
    return [line for line in (result.stdout + result.stderr).splitlines() if not line.startswith(("Đã kiểm tra", "Sửa các lỗi"))]


def test_render_of_a_spec_with_a_check_error_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, spec_text(("luu: [VT, NV]", "luu: [VP]")))
    result = run(str(spec), "-o", str(tmp_path / "out"))
    assert result.returncode == 1 and result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [*_check_lines(spec), "Đặc tả có 1 lỗi; chưa tạo văn bản nào."]
    assert "lỗi [ND30-LUU]: ke_hoach.luu:" in result.stderr
    assert not (tmp_path / "out").exists()


def _merged(*args: str) -> subprocess.CompletedProcess[str]:
    """The command with stderr into the same pipe as stdout: the order a drafter's terminal shows."""
    return subprocess.run([sys.executable, "-m", "cchc_docgen", *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT, timeout=120)


def test_warnings_appear_on_stderr_after_the_paths(tmp_path: Path, office: OfficeQueue) -> None:
    spec = write_spec(tmp_path, spec_text(("quý II/2021", "quý II/2023")))
    result = run(str(spec), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    [path] = [Path(line) for line in result.stdout.splitlines()]
    assert path.is_file()
    warning = _check_lines(spec)
    assert "cảnh báo [NV-THOI-HAN]" in warning[0]
    assert result.stderr.splitlines()[: len(warning)] == warning
    assert "1 cảnh báo" in result.stderr.splitlines()[-1]
    merged = _merged(str(spec), "-o", str(tmp_path / "out")).stdout.splitlines()
    assert merged[0] == str(path) and merged[1 : 1 + len(warning)] == warning
    office.register("cli-warned", path.read_bytes())


def test_strict_makes_warnings_errors(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, spec_text(("quý II/2021", "quý II/2023")))
    result = run(str(spec), "-o", str(tmp_path / "out"), "--nghiem")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines()[:-1] == _check_lines(spec)
    assert "chế độ nghiêm (--nghiem); chưa tạo văn bản nào." in result.stderr.splitlines()[-1]
    assert not (tmp_path / "out").exists()


def test_batch_runs_every_rule_of_check_too(tmp_path: Path, office: OfficeQueue) -> None:
    folder = tmp_path / "dac-ta"
    folder.mkdir()
    write_spec(folder, BASE, "a-tot.yaml")
    broken = write_spec(folder, spec_text(("luu: [VT, NV]", "luu: [VP]"), ("so: 5", "so: 6")), "b-luu.yaml")
    warned = write_spec(folder, spec_text(("quý II/2021", "quý II/2023"), ("so: 5", "so: 7")), "c-canh-bao.yaml")
    out = tmp_path / "out"
    result = run("batch", str(folder), "-o", str(out), "-j", "1")
    assert result.returncode == 1, result.stderr
    written = [Path(line) for line in result.stdout.splitlines()]
    assert len(written) == 2 and sorted(out.iterdir()) == sorted(written)
    assert not any("-06-" in p.name for p in written)  # -- the broken spec (number 6) wrote nothing --
    assert f"✗ {broken}" in result.stderr and "lỗi [ND30-LUU]" in result.stderr
    assert _check_lines(warned)[0] in result.stderr.splitlines()
    assert "1 lỗi, 1 cảnh báo" in result.stderr
    for path in written:
        office.register(f"cli-batch-checked-{path.name}", path.read_bytes())
    strict = run("batch", str(folder), "-o", str(tmp_path / "nghiem"), "-j", "1", "--nghiem")
    assert strict.returncode == 1 and len(strict.stdout.splitlines()) == 1 and f"✗ {warned}" in strict.stderr


# -- schema --
def test_schema_into_a_missing_folder_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "khong-co" / "con" / "s.json"
    result = run("schema", "-o", str(target))
    assert result.returncode == 1 and result.stdout == ""
    assert "không tồn tại" in result.stderr and "Gợi ý:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "khong-co").exists()


def test_schema_into_an_existing_folder_writes_the_shipped_schema(tmp_path: Path) -> None:
    target = tmp_path / "s.json"
    assert run("schema", "-o", str(target)).returncode == 0
    assert target.read_bytes() == (ROOT / "cchc_docgen" / "cchc-spec.schema.json").read_bytes()


def test_the_installed_command_names_itself_in_help() -> None:
    code = "import sys; sys.argv[0] = '/venv/bin/cchc-docgen'; from cchc_docgen.cli import main; sys.exit(main(['--help']))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "Cách dùng: cchc-docgen ĐẶC_TẢ.yaml" in result.stdout and "python -m cchc_docgen" not in result.stdout


def test_batch_refuses_a_number_already_issued_in_the_run_as_check_does(tmp_path: Path, office: OfficeQueue) -> None:
    folder = ROOT / "tests" / "data" / "bad" / "rules" / "ND30-SO-TRUNG"
    first, second = sorted(folder.glob("*.yaml"))
    expected = [line for line in _check_lines(folder) if "[ND30-SO-TRUNG]" in line]
    result = run("batch", str(first), str(second), "-o", str(tmp_path), "-j", "1")
    assert result.returncode == 1
    [written] = [Path(line) for line in result.stdout.splitlines()]
    assert sorted(tmp_path.iterdir()) == [written]
    assert f"✗ {second}" in result.stderr and expected and expected[0].strip() in result.stderr
    office.register("cli-batch-number", written.read_bytes())
