"""Bounded work in a batch: a hanging plan is stopped at its time limit and never holds
back the others; a batch with every kind of broken specification still writes the good ones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cchc_docgen import batch

from conftest import DATA, ROOT, OfficeQueue
from support.error_table import template_with

GOOD = DATA / "batch" / "thu-muc" / "phuong-ben-thanh.yaml"


# -- a drafter's template that never finishes: 10¹⁰ turns of an empty loop --
HANGING = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}{{ b.text }}"


def _spec(folder: Path, name: str, *, ward: str, extra: str = "", replace: tuple[str, str] | None = None) -> Path:
    text = GOOD.read_text(encoding="utf-8").replace("dia_ban: Bến Thành", f"dia_ban: {ward}")
    if replace is not None:
        assert replace[0] in text, replace
        text = text.replace(*replace)
    path = folder / name
    path.write_text(text + f"xuat:\n  ten_tep: {path.stem}\n{extra}", encoding="utf-8")
    return path


def test_a_hanging_job_is_stopped_at_its_limit_its_worker_replaced_and_the_others_written(tmp_path: Path) -> None:
    template_with(HANGING, tmp_path / "treo.docx")
    paths = [_spec(tmp_path, f"p{n}.yaml", ward=f"Phường {n}") for n in range(6)]
    _spec(tmp_path, "p1.yaml", ward="Phường 1", extra="  mau: treo.docx\n")
    jobs, _ = batch.jobs_from_paths(paths, tmp_path / "ra")
    result = batch.run(jobs, workers=2, time_limit=2)
    assert [p.name for p in result.written] == [f"p{n}.docx" for n in (0, 2, 3, 4, 5)]  # -- in job order, whatever finished first --
    [failure] = result.failures
    assert failure.label == str(paths[1]) and "quá thời gian cho phép (2 giây" in failure.messages[0] and "--gioi-han-giay" in failure.messages[0]


def test_the_command_stops_a_hanging_job_at_gioi_han_giay_and_exits_1(tmp_path: Path) -> None:
    template_with(HANGING, tmp_path / "treo.docx")
    _spec(tmp_path, "treo.yaml", ward="Treo", extra="  mau: treo.docx\n")
    _spec(tmp_path, "tot.yaml", ward="Tốt")
    done = subprocess.run([sys.executable, "-m", "cchc_docgen", "batch", str(tmp_path), "-o", str(tmp_path / "ra"), "--gioi-han-giay", "1.5"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stdout.splitlines() == [str(tmp_path / "ra" / "tot.docx")]
    assert "treo.yaml" in done.stderr and "quá thời gian cho phép (1.5 giây" in done.stderr


def test_the_time_limit_is_documented_in_help_and_must_be_a_positive_number() -> None:
    shown = subprocess.run([sys.executable, "-m", "cchc_docgen", "batch", "--help"], capture_output=True, text=True, cwd=ROOT)
    text = " ".join(shown.stdout.split())
    assert "--gioi-han-giay N" in text and "mặc định: 120" in text and "130 dừng bằng Ctrl-C" in text and "143" in text
    for bad in ("0", "-3", "abc", "inf"):
        wrong = subprocess.run([sys.executable, "-m", "cchc_docgen", "batch", ".", "--gioi-han-giay", bad], capture_output=True, text=True, cwd=ROOT)
        assert wrong.returncode == 2 and "số giây" in wrong.stderr, bad


# -- the demonstration of the hardening issue: 50 specifications, 10 broken, 1 hanging --
BROKEN = {
    "yaml-tab.yaml": ("ke_hoach:\n  so: 7", "ke_hoach:\n\tso: 7"),
    "khoa-la.yaml": ("  so: 7\n", "  so: 7\n  so_phu: 3\n"),
    "thieu-truong.yaml": ("  trich_yeu: Cải cách hành chính năm 2026 của phường Bến Thành\n", ""),
    "ngay-sai.yaml": ("ngay: 09/3/2026", "ngay: 31/02/2026"),
    "co-quan-la.yaml": ("ke_hoach:\n", "nhiem_vu:\n  - {linh_vuc: cong_vu, noi_dung: Việc, chu_tri: khong_co, thoi_han: quý IV/2026}\nke_hoach:\n"),
    "kieu-sai.yaml": ("  so: 7\n", "  so: bảy\n"),
    "trung-khoa.yaml": ("  so: 7\n", "  so: 7\n  so: 8\n"),
}


def test_a_batch_of_50_with_10_broken_and_1_hanging_writes_the_39_good_plans_and_reports_each_failure(
    tmp_path: Path, office: OfficeQueue
) -> None:
    folder = tmp_path / "dac-ta"
    folder.mkdir()
    template_with(HANGING, folder / "treo.docx")
    template_with("{% if %}{{ b.text }}", folder / "hong.docx")
    good = [_spec(folder, f"tot-{n:02d}.yaml", ward=f"Phường {n}") for n in range(38)]
    broken = {_spec(folder, name, ward=name, replace=change) for name, change in BROKEN.items()}
    broken.add(_spec(folder, "mau-hong.yaml", ward="Mẫu hỏng", extra="  mau: hong.docx\n"))
    (folder / "khong-utf8.yaml").write_bytes(GOOD.read_bytes().replace("Thành".encode(), "Thành".encode("latin-1")))
    broken.add(folder / "khong-utf8.yaml")
    clash = [_spec(folder, f"trung-{n}.yaml", ward=f"Trùng {n}") for n in (1, 2)]
    for path in clash:  # -- both name their file 'trung': one is written, the other none --
        path.write_text(path.read_text(encoding="utf-8").replace(f"ten_tep: {path.stem}", "ten_tep: trung"), encoding="utf-8")
    hanging = _spec(folder, "treo.yaml", ward="Treo", extra="  mau: treo.docx\n")
    assert len(list(folder.glob("*.yaml"))) == 50
    out = tmp_path / "ra"
    done = subprocess.run([sys.executable, "-m", "cchc_docgen", "batch", str(folder), "-o", str(out), "--gioi-han-giay", "3"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted([f"{p.stem}.docx" for p in good] + ["trung.docx"])
    assert len(written) == 39 and sorted(Path(line).name for line in done.stdout.splitlines()) == written
    failed = [line[2:] for line in done.stderr.splitlines() if line.startswith("✗ ")]
    losers = [str(p) for p in clash if str(p) in failed]
    assert sorted(failed) == sorted([str(p) for p in broken] + losers + [str(hanging)]) and len(losers) == 1
    assert "quá thời gian cho phép" in done.stderr and "trùng tên" in done.stderr
    assert "Tổng kết: 39 tệp Word đã ghi; 11 lỗi trong 50 việc" in done.stderr
    for name in written[:3]:
        office.register(f"batch-50-{name}", (out / name).read_bytes())
