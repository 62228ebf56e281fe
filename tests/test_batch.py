"""Batch generation as a library: many specifications, or one model and a table of rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import cchc_docgen
from cchc_docgen import batch
from cchc_docgen.batch import TableError

from conftest import DATA, ROOT, OfficeQueue

BATCH = DATA / "batch"
MODEL = BATCH / "mau.yaml"


def _register(office: OfficeQueue, paths: list[Path]) -> None:
    for path in paths:
        office.register(f"batch-{path.name}", path.read_bytes())


def test_a_batch_with_one_broken_specification_writes_all_the_others_and_reports_the_broken_one(
    tmp_path: Path, office: OfficeQueue
) -> None:
    jobs, listing = batch.jobs_from_paths([BATCH / "thu-muc"], tmp_path)
    result = batch.run(jobs, workers=2, failures=listing)
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == sorted(p.name for p in result.written)
    assert len(result.written) == 2 and not result.ok
    [failure] = result.failures
    assert failure.label.endswith("hong.yaml")
    text = "\n".join(failure.messages)
    assert "hong.yaml:6:7" in text and "ke_hoach.so" in text and "ho_ten" in text
    _register(office, result.written)


def test_parallel_and_serial_runs_write_byte_identical_files(tmp_path: Path) -> None:
    jobs, _ = batch.jobs_from_paths([BATCH / "thu-muc"], tmp_path / "song-song")
    parallel = batch.run(jobs, workers=2)
    jobs, _ = batch.jobs_from_paths([BATCH / "thu-muc"], tmp_path / "tuan-tu")
    serial = batch.run(jobs, workers=1)
    assert [p.read_bytes() for p in parallel.written] == [p.read_bytes() for p in serial.written]


def test_a_table_row_renders_what_the_same_values_written_into_the_model_render(tmp_path: Path) -> None:
    result = batch.run(batch.jobs_from_table(MODEL, BATCH / "bang.csv", tmp_path), workers=1)
    written = {p.name: p.read_bytes() for p in result.written}
    tree = yaml.safe_load(MODEL.read_text(encoding="utf-8"))
    tree["co_quan_ban_hanh"]["dia_ban"] = "Tân Phú"
    tree["ke_hoach"]["so"] = 12
    tree["ke_hoach"]["nguoi_ky"]["ho_ten"] = "Nguyễn Văn An"
    tree["ke_hoach"]["noi_dung"][0]["chi_tieu"][0]["gia_tri"] = 92
    tree["xuat"] = {"ten_tep": "xa-tan-phu"}
    spec = cchc_docgen.parse_spec(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), name=str(MODEL))  # -- same source: same identity --
    [document] = cchc_docgen.render(spec)
    assert written["xa-tan-phu.docx"] == document.data
    assert "XÃ TÂN PHÚ".encode() in _document_xml(tmp_path / "xa-tan-phu.docx")


def test_a_wrong_value_is_reported_at_its_table_row_and_column_and_the_other_rows_are_written(tmp_path: Path, office: OfficeQueue) -> None:
    table = BATCH / "bang.csv"
    result = batch.run(batch.jobs_from_table(MODEL, table, tmp_path), workers=2)
    assert sorted(p.name for p in result.written) == ["xa-binh-khanh.docx", "xa-tan-phu.docx"]
    [failure] = result.failures
    assert failure.label == f"{table}, dòng 3"
    assert any(m.startswith(f"{table}:3:2: lỗi: ke_hoach.so:") and "mười hai" in m for m in failure.messages)
    _register(office, result.written)


def test_a_yaml_table_points_its_problems_at_the_key_written_in_the_table(tmp_path: Path) -> None:
    table = BATCH / "bang.yaml"
    result = batch.run(batch.jobs_from_table(MODEL, table, tmp_path), workers=1)
    assert [p.name for p in result.written] == ["xa-long-hoa.docx"]
    [failure] = result.failures
    assert any(m.startswith(f"{table}:4:3: lỗi: luu_y_sai:") for m in failure.messages)


def test_two_rows_that_would_write_the_same_file_keep_the_first_and_report_the_second(tmp_path: Path) -> None:
    table = tmp_path / "trung.csv"
    table.write_text("co_quan_ban_hanh.dia_ban,xuat.ten_tep\nTân Phú,chung\nLong Hòa,chung\n", encoding="utf-8")
    result = batch.run(batch.jobs_from_table(MODEL, table, tmp_path / "ra"), workers=1)
    assert [p.name for p in result.written] == ["chung.docx"]
    [failure] = result.failures
    assert failure.label == f"{table}, dòng 3" and "trùng tên" in failure.messages[0] and "dòng 2" in failure.messages[0]
    assert b"T\xc3\x82N PH\xc3\x9a" in _document_xml(result.written[0])


def test_an_empty_cell_keeps_the_models_value_and_a_cell_can_hold_a_list(tmp_path: Path) -> None:
    table = tmp_path / "bang.csv"
    table.write_text('co_quan_ban_hanh.dia_ban;ke_hoach.luu;xuat.ten_tep\n;"[VT, VP, NV]";mot\n', encoding="utf-8-sig")
    result = batch.run(batch.jobs_from_table(MODEL, table, tmp_path), workers=1)
    assert result.ok, result.failures
    xml = _document_xml(result.written[0])
    assert "XÃ MẪU".encode() in xml and b"VT, VP, NV." in xml


def test_a_column_that_is_not_a_key_path_stops_the_table_before_any_document(tmp_path: Path) -> None:
    table = tmp_path / "bang.csv"
    table.write_text("co_quan_ban_hanh.dia_ban,ke_hoach..so\nTân Phú,3\n", encoding="utf-8")
    with pytest.raises(TableError) as raised:
        batch.jobs_from_table(MODEL, table, tmp_path)
    assert f"{table}:1:2" in str(raised.value) and "ke_hoach..so" in str(raised.value)


def test_a_list_index_the_model_does_not_have_is_reported_once_at_its_header_cell(tmp_path: Path) -> None:
    table = tmp_path / "bang.csv"
    table.write_text("ke_hoach.noi_dung[7].tieu_de\nThêm mục\nMục khác\n", encoding="utf-8")
    with pytest.raises(TableError) as raised:
        batch.jobs_from_table(MODEL, table, tmp_path)
    [problem] = raised.value.problems
    assert (problem.file, problem.line, problem.column) == (str(table), 1, 1) and "chỉ có 3 phần tử" in problem.message


def test_a_folder_without_specifications_is_reported_and_the_rest_still_runs(tmp_path: Path) -> None:
    empty = tmp_path / "trong"
    empty.mkdir()
    good = tmp_path / "phuong.yaml"
    shutil.copy(BATCH / "thu-muc" / "phuong-ben-thanh.yaml", good)
    jobs, listing = batch.jobs_from_paths([empty, good], tmp_path / "ra")
    result = batch.run(jobs, failures=listing)
    assert len(result.written) == 1
    assert [f.label for f in result.failures] == [str(empty)]


def _document_xml(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as package:
        # -- the text as written: line breaking's non-breaking spaces read as spaces --
        return package.read("word/document.xml").replace("\u00a0".encode(), b" ")


def _with_file_name(source: Path, target: Path, file_name: str) -> Path:
    text = source.read_text(encoding="utf-8")
    target.write_text(text.split("\nxuat:", 1)[0] + f"\nxuat:\n  che_do: rieng\n  ten_tep: {file_name}\n", encoding="utf-8")
    return target


@pytest.mark.parametrize("plan_first", [True, False])
def test_a_name_clash_leaves_none_of_the_failing_specifications_files(tmp_path: Path, plan_first: bool) -> None:
    # -- the decision and plan of the draft clash only by the decision's name with the single plan --
    plan = _with_file_name(BATCH / "thu-muc" / "phuong-ben-thanh.yaml", tmp_path / "a-phuong.yaml", "chung")
    draft = _with_file_name(ROOT / "examples" / "xa-2026-du-thao.yaml", tmp_path / "b-xa.yaml", "chung")
    jobs, _ = batch.jobs_from_paths([plan, draft] if plan_first else [draft, plan], tmp_path / "ra")
    result = batch.run(jobs, workers=1)
    [failure] = result.failures
    written = sorted(p.name for p in (tmp_path / "ra").iterdir())
    if plan_first:
        assert failure.label == str(draft) and written == ["chung.docx"]
        assert "a-phuong.yaml" in failure.messages[0] and "không ghi tệp nào" in failure.messages[0]
        assert "PHƯỜNG" in _document_xml(tmp_path / "ra" / "chung.docx").decode()
    else:
        assert failure.label == str(plan) and len(written) == 2 and "chung.docx" in written
    assert written == sorted(p.name for p in result.written)


def test_ctrl_c_while_the_last_jobs_are_written_waits_for_the_file_being_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while the batch waits for its writer: the job being written finishes (its
    temporary renamed or removed) before the stop goes on, however Thread.join behaves."""
    import os
    import signal
    import threading
    import time

    from cchc_docgen.batch import runner
    from cchc_docgen.writing import Inputs

    written: list[str] = []

    def slow_write(job: object, documents: object, inputs: object, *, overwrite: bool = False) -> list[Path]:
        time.sleep(0.3)  # -- an fsync on a slow disk --
        written.append("whole")
        return []

    monkeypatch.setattr(runner, "write_job", slow_write)
    writer = runner._Writer(Inputs(), False)
    writer.put(0, None, ())  # type: ignore[arg-type]
    threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGINT)).start()
    with pytest.raises(KeyboardInterrupt):
        writer.close(abandon=False)
    assert written == ["whole"]  # -- not cut off: the interpreter's exit would have killed it mid-write --
    assert writer.finished.is_set()
