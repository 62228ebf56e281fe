"""`python -m cchc_docgen roll`: the new draft written next to the old plan, the years to review
printed with their place, and every bad input refused in Vietnamese with nothing written."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cchc_docgen

from conftest import DATA, EXAMPLES, PLAN_SPECS, ROOT

ROLL = DATA / "rollover"


def _roll(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cchc_docgen", "roll", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120, check=False)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_roll_writes_the_next_years_draft_that_check_accepts(tmp_path: Path) -> None:
    spec = tmp_path / "xa-2026-du-thao.yaml"
    shutil.copy(next(p for p in EXAMPLES if p.stem == "xa-2026-du-thao"), spec)
    before = spec.read_bytes()
    out = tmp_path / "xa-2027.yaml"
    result = _roll(spec, "--nam", "2027", "-o", out)
    assert (result.returncode, result.stdout) == (0, f"{out}\n"), result.stderr
    summary = cchc_docgen.roll_spec(spec, to=2027).summary()
    assert summary.startswith("Đã chuyển kế hoạch từ kỳ 2026 sang kỳ 2027:") and summary in result.stderr
    assert spec.read_bytes() == before
    check = subprocess.run([sys.executable, "-m", "cchc_docgen", "check", str(out)], capture_output=True, text=True, timeout=120, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert cchc_docgen.load_spec(out).plan.period == cchc_docgen.load_spec(spec).plan.period.__class__(2027, 2027)  # type: ignore[union-attr]


def test_without_o_the_new_file_is_named_with_the_new_year(tmp_path: Path) -> None:
    spec = tmp_path / "thang-binh-2021.yaml"
    shutil.copy(next(p for p in PLAN_SPECS if p.stem == "thang-binh-2021"), spec)
    result = _roll(spec, "--them", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{tmp_path / 'thang-binh-2023.yaml'}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thang-binh-2021.yaml", "thang-binh-2023.yaml"]


def test_every_year_left_unchanged_is_printed_with_its_line_in_the_new_file(tmp_path: Path) -> None:
    out = tmp_path / "tan-uyen-2024.yaml"
    result = _roll("plan_specs/tan-uyen-2023.yaml", "--nam", "2024", "-o", out)
    assert result.returncode == 0, result.stderr
    kept = re.findall(rf"^{re.escape(str(out))}:(\d+):(\d+): cần xem \[KY-NAM-GIU\]: \S+: giữ nguyên năm (\d{{4}})", result.stderr, re.M)
    assert len(kept) == len(cchc_docgen.roll_spec(ROOT / "plan_specs/tan-uyen-2023.yaml", to=2024).years_kept) > 0
    lines = out.read_text(encoding="utf-8").splitlines()
    for line, column, year in kept:
        assert lines[int(line) - 1][int(column) - 1 : int(column) + 3] == year
    assert f"{len(kept)} năm giữ nguyên, cần xem lại" in result.stderr


def _not_yaml(folder: Path) -> Path:
    path = folder / "hong.yaml"
    path.write_text("co_quan_ban_hanh:\n  cap: xa\nke_hoach: [chưa đóng\n", encoding="utf-8")
    return path


def _unknown_key(folder: Path) -> Path:
    path = folder / "khoa-la.yaml"
    text = (ROOT / "examples/phuong-2026.yaml").read_text(encoding="utf-8").replace("  trich_yeu:", "  trich_yue: sai\n  trich_yeu:", 1)
    path.write_text(text, encoding="utf-8")
    return path


def _copy(name: str) -> object:
    def make(folder: Path) -> Path:
        source = next(p for p in [*PLAN_SPECS, *EXAMPLES] if p.stem == name)
        return Path(shutil.copy(source, folder / source.name))

    return make


BAD = {
    "not YAML": (_not_yaml, ["--them", "1", "-o", "moi.yaml"], r"hong\.yaml:\d+:\d+: lỗi: lỗi cú pháp YAML"),
    "a spec that does not load": (_unknown_key, ["--them", "1", "-o", "moi.yaml"], r"khoa-la\.yaml:\d+:\d+: lỗi: .*trich_yue"),
    "a district past 2025": (_copy("thang-binh-2021"), ["--nam", "2026", "-o", "moi.yaml"], r"thang-binh-2021\.yaml:\d+:8: lỗi: co_quan_ban_hanh\.cap: .*không còn cấp huyện"),
    "a five-year plan by one year": (_copy("son-duong-2020-2025"), ["--them", "1", "-o", "moi.yaml"], r"son-duong-2020-2025\.yaml:\d+:7: lỗi: ke_hoach\.ky: .*chồng lên kỳ cũ"),
    "an office of a former district past 2025": (_copy("huyen-2024-phong-noi-vu"), ["--nam", "2026", "-o", "moi.yaml"], r"huyen-2024-phong-noi-vu\.yaml:\d+:\d+: lỗi: co_quan_ban_hanh\.cap_tren"),
    "the output is the input": (_copy("phuong-2026"), ["--them", "1", "-o", "phuong-2026.yaml"], r"phuong-2026\.yaml: tệp kết quả trùng với tệp đặc tả đầu vào"),
    "the output is the input by another name": (_copy("phuong-2026"), ["--them", "1", "-o", "./phuong-2026.yaml"], r"tệp kết quả trùng với tệp đặc tả đầu vào"),
    "the output folder does not exist": (_copy("phuong-2026"), ["--them", "1", "-o", "khong-co/moi.yaml"], r"không tồn tại; chưa ghi tệp nào"),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_bad_input_is_refused_in_vietnamese_with_its_place_and_nothing_written(case: str, tmp_path: Path) -> None:
    make, args, expected = BAD[case]
    spec = make(tmp_path)  # type: ignore[operator]
    before = _snapshot(tmp_path)
    result = _roll(spec.name, *args, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(expected, result.stderr), result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert "chưa ghi tệp nào" in result.stderr
    assert _snapshot(tmp_path) == before


def test_an_existing_output_is_replaced_only_with_ghi_de(tmp_path: Path) -> None:
    spec = Path(shutil.copy(ROOT / "examples/phuong-2026.yaml", tmp_path / "phuong-2026.yaml"))
    out = tmp_path / "phuong-2027.yaml"
    out.write_text("# bản nháp của tôi\n", encoding="utf-8")
    refused = _roll(spec, "--them", "1", "-o", out)
    assert refused.returncode == 1 and "đã có tệp này; không ghi đè" in refused.stderr and "--ghi-de" in refused.stderr
    assert out.read_text(encoding="utf-8") == "# bản nháp của tôi\n"
    replaced = _roll(spec, "--them", "1", "-o", out, "--ghi-de")
    assert replaced.returncode == 0, replaced.stderr
    assert out.read_text(encoding="utf-8") == cchc_docgen.roll_spec(spec, by=1).text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~cchc-")] == []


def test_roll_without_a_year_is_a_usage_error() -> None:
    result = _roll("examples/phuong-2026.yaml")
    assert result.returncode == 2
    assert "--nam" in result.stderr and "--them" in result.stderr
