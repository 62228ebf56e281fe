"""`roll --bang`: the batch table made for a model rolls with it. Its cells move as the model's
keys at their column's path move, every other byte stays, the pair makes valid drafts of the
next period with `batch`, and a table batch would refuse is refused with nothing written."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import cchc_docgen
from cchc_docgen import batch

from conftest import DATA, EXAMPLES, ROOT

MODEL = next(p for p in EXAMPLES if p.stem == "xa-mau-hang-loat")
TABLE = MODEL.parent / "xa-hang-loat.csv"
MOVED = {"ke_hoach.so", "ke_hoach.ngay", "xuat.ten_tep"}


def _roll(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cchc_docgen", "roll", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120, check=False)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_a_batch_table_rolls_with_its_model_and_the_pair_makes_next_years_drafts(tmp_path: Path, office) -> None:
    model, table = tmp_path / MODEL.name, tmp_path / TABLE.name
    shutil.copy(MODEL, model)
    shutil.copy(TABLE, table)
    before = table.read_bytes()
    result = _roll(model, "--them", "1", "--bang", table)
    new_model, new_table = tmp_path / "xa-mau-hang-loat-2027.yaml", tmp_path / "xa-hang-loat-2027.csv"
    assert (result.returncode, result.stdout) == (0, f"{new_model}\n{new_table}\n"), result.stderr
    assert table.read_bytes() == before and "Bảng: 15 ô đã đổi." in result.stderr
    old_rows, new_rows = _rows(before.decode("utf-8")), _rows(new_table.read_text(encoding="utf-8"))
    for old, new in zip(old_rows, new_rows, strict=True):
        assert {k: v for k, v in old.items() if k not in MOVED} == {k: v for k, v in new.items() if k not in MOVED}
        assert new["ke_hoach.so"] == "" and new["ke_hoach.ngay"] == "01/2027"
        assert new["xuat.ten_tep"] == old["xuat.ten_tep"].replace("2026", "2027")
    # -- only the moved cells' characters changed: the quoted cells and their commas stay as typed --
    assert before.decode("utf-8").count('"') == new_table.read_text(encoding="utf-8").count('"')
    # -- every note points at its cell in the new table --
    notes = [line for line in result.stderr.splitlines() if line.startswith(f"{new_table}:")]
    assert len(notes) == 10
    lines = new_table.read_text(encoding="utf-8").splitlines()
    for note in notes:
        line, column = (int(n) for n in note[len(str(new_table)) + 1 :].split(":")[:2])
        assert lines[line - 1][column - 1 :].startswith(("01/2027", ","))
    run = batch.run(batch.jobs_from_table(new_model, new_table, tmp_path / "ra"), workers=1)
    assert run.failures == [] and len(run.written) == len(new_rows)
    for path in run.written:
        assert "2027" in path.name
        office.register(f"roll-table-{path.stem}", path.read_bytes())
        spec_text = cchc_docgen.import_plan(path).text
        assert "ky: 2027" in spec_text and "du_thao: co" in spec_text


def test_a_yaml_batch_table_rolls_too(tmp_path: Path) -> None:
    model, table = tmp_path / "mau.yaml", tmp_path / "bang.yaml"
    shutil.copy(DATA / "batch" / "mau.yaml", model)
    shutil.copy(DATA / "batch" / "bang.yaml", table)
    result = _roll(model, "--nam", "2027", "--bang", table, "--bang-moi", tmp_path / "bang-2027.yaml")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "bang-2027.yaml").read_text(encoding="utf-8")
    # -- each row's number line goes, as the model's own does; nothing else of the file changes --
    assert text == table.read_text(encoding="utf-8").replace("  ke_hoach.so: 12\n", "").replace("  ke_hoach.so: 3\n", "")
    assert "số văn bản 12 của kỳ cũ" in result.stderr


def test_a_table_batch_would_refuse_is_refused_with_nothing_written(tmp_path: Path) -> None:
    model, table = tmp_path / MODEL.name, tmp_path / "bang.csv"
    shutil.copy(MODEL, model)
    table.write_text("co_quan_ban_hanh.dia_ban,ke hoach so\nTân Phú,12\n", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    result = _roll(model, "--them", "1", "--bang", table)
    assert result.returncode == 1 and result.stdout == ""
    assert f"{table}:1:2: lỗi: tên cột 'ke hoach so' không phải đường dẫn khóa." in result.stderr
    assert result.stderr.rstrip().endswith("Bảng có 1 lỗi; chưa chuyển kỳ, chưa ghi tệp nào.")
    assert "Traceback" not in result.stderr and sorted(p.name for p in tmp_path.iterdir()) == before


def test_the_new_table_may_not_take_the_models_name(tmp_path: Path) -> None:
    model, table = tmp_path / MODEL.name, tmp_path / TABLE.name
    shutil.copy(MODEL, model)
    shutil.copy(TABLE, table)
    result = _roll(model, "--them", "1", "-o", tmp_path / "moi.yaml", "--bang", table, "--bang-moi", tmp_path / "moi.yaml")
    assert result.returncode == 1 and "tệp bảng mới trùng với đặc tả (cũ hoặc mới) của cùng lệnh; chưa ghi tệp nào." in result.stderr
    assert not (tmp_path / "moi.yaml").exists()
    alone = _roll(model, "--them", "1", "--bang-moi", tmp_path / "b.csv")
    assert alone.returncode == 2 and "--bang-moi đi cùng --bang" in alone.stderr
