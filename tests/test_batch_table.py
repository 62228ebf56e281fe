"""A batch table: a bad row or cell is reported at its row and column and the other rows
are made; only what spoils every row (the header, no data at all) stops the table."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from cchc_docgen import batch
from cchc_docgen.batch import MAX_CELL_CHARS, TableError

from conftest import DATA

MODEL = DATA / "batch" / "mau.yaml"
HEADER = "co_quan_ban_hanh.dia_ban,ke_hoach.so,xuat.ten_tep\n"


def _run(tmp_path: Path, text: str, name: str = "bang.csv") -> tuple[Path, batch.BatchResult]:
    table = tmp_path / name
    table.write_text(text, encoding="utf-8")
    return table, batch.run(batch.jobs_from_table(MODEL, table, tmp_path / "ra"), workers=1)


def _places(result: batch.BatchResult) -> dict[str, list[str]]:
    return {failure.label: [m.split(": lỗi", 1)[0] for m in failure.messages if ": lỗi" in m] for failure in result.failures}


def _text(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        # -- the text as written: line breaking's non-breaking spaces read as spaces --
        return package.read("word/document.xml").decode("utf-8").replace("\u00a0", " ")


def test_an_unclosed_quote_is_an_error_at_its_line_and_the_rows_after_it_are_still_made(tmp_path: Path) -> None:
    table, result = _run(tmp_path, HEADER + 'Tân Phú,12,tan-phu\n"Long Hòa,13,long-hoa\nBình Khánh,5,binh-khanh\n')
    assert sorted(p.name for p in result.written) == ["binh-khanh.docx", "tan-phu.docx"]
    assert "BÌNH KHÁNH" in _text(tmp_path / "ra" / "binh-khanh.docx")
    [failure] = result.failures
    assert failure.label == f"{table}, dòng 3" and failure.messages[0].startswith(f"{table}:3:1: lỗi:")
    assert "dấu nháy kép" in failure.messages[0] and "không được đóng" in failure.messages[0]
    assert not (tmp_path / "ra" / "ke-hoach.docx").exists()  # -- never the model's own file name for a swallowed row --


def test_a_cell_running_over_several_lines_is_an_error_that_names_the_lines_it_took(tmp_path: Path) -> None:
    table, result = _run(tmp_path, HEADER + 'Tân Phú,"12,tan-phu\nLong Hòa,13,long-hoa\nBình Khánh",5,binh-khanh\nCần Giờ,7,can-gio\n')
    assert [p.name for p in result.written] == ["can-gio.docx"]
    [failure] = result.failures
    assert failure.messages[0].startswith(f"{table}:2:2: lỗi:") and "dòng 2 đến dòng 4" in failure.messages[0]


def test_a_row_with_too_many_cells_is_reported_at_the_first_extra_cell_and_the_others_are_made(tmp_path: Path) -> None:
    table, result = _run(tmp_path, HEADER + "Tân Phú,12,tan-phu,thừa\nLong Hòa,13,long-hoa\n")
    assert [p.name for p in result.written] == ["long-hoa.docx"]
    assert _places(result) == {f"{table}, dòng 2": [f"{table}:2:4"]}
    assert "4 ô" in result.failures[0].messages[0] and "3 cột" in result.failures[0].messages[0]


def test_an_unreadable_list_cell_is_reported_at_its_cell_with_no_english_parser_text(tmp_path: Path) -> None:
    table, result = _run(tmp_path, "co_quan_ban_hanh.dia_ban,ke_hoach.luu,xuat.ten_tep\nTân Phú,\"[VT, VP\",tan-phu\nLong Hòa,\"[VT]\",long-hoa\n")
    assert [p.name for p in result.written] == ["long-hoa.docx"]
    [message, *_] = result.failures[0].messages
    assert message.startswith(f"{table}:2:2: lỗi: ke_hoach.luu:") and "expected" not in message and "Gợi ý" in message


def test_a_cell_over_the_size_limit_names_the_limit_and_a_giant_field_is_no_csv_traceback(tmp_path: Path) -> None:
    over = "A" * (MAX_CELL_CHARS + 1)
    giant = "B" * 200_000  # -- beyond the csv module's own field limit --
    table, result = _run(tmp_path, HEADER + f"{over},1,mot\n{giant},2,hai\n\"{giant},3,ba\nCần Giờ,4,bon\n")
    assert [p.name for p in result.written] == ["bon.docx"]
    places = _places(result)
    assert places == {f"{table}, dòng {n}": [f"{table}:{n}:1"] for n in (2, 3, 4)}
    limit = f"{MAX_CELL_CHARS:,}".replace(",", ".")
    assert all(limit in failure.messages[0] for failure in result.failures[:2])
    assert all(len(m) < 1000 for failure in result.failures for m in failure.messages)  # -- the value is cut in the message --


def test_a_header_only_table_is_an_error_not_an_empty_success(tmp_path: Path) -> None:
    table = tmp_path / "bang.csv"
    table.write_text(HEADER + ",,\n\n", encoding="utf-8")
    with pytest.raises(TableError) as raised:
        batch.jobs_from_table(MODEL, table, tmp_path)
    assert "bảng không có dòng dữ liệu nào" in str(raised.value)
    empty_yaml = tmp_path / "bang.yaml"
    empty_yaml.write_text("[]\n", encoding="utf-8")
    with pytest.raises(TableError, match="bảng không có dòng dữ liệu nào"):
        batch.jobs_from_table(MODEL, empty_yaml, tmp_path)


def test_a_header_typo_is_reported_once_at_its_header_cell_not_once_per_row(tmp_path: Path) -> None:
    table = tmp_path / "bang.csv"
    rows = "".join(f"Xã {n},Người {n},x{n}\n" for n in range(20))
    table.write_text("co_quan_ban_hanh.dia_ban,ke_hoach.nguoi_ky.ho_tne,xuat.ten_tep\n" + rows, encoding="utf-8")
    with pytest.raises(TableError) as raised:
        batch.jobs_from_table(MODEL, table, tmp_path)
    [problem] = raised.value.problems
    assert (problem.line, problem.column, problem.path) == (1, 2, "ke_hoach.nguoi_ky.ho_tne")
    assert "ho_ten" in problem.hint


def test_a_header_named_twice_is_reported_at_the_second_cell(tmp_path: Path) -> None:
    table = tmp_path / "bang.csv"
    table.write_text("ke_hoach.so,co_quan_ban_hanh.dia_ban,ke_hoach.so\n1,A,2\n", encoding="utf-8")
    with pytest.raises(TableError) as raised:
        batch.jobs_from_table(MODEL, table, tmp_path)
    assert [(p.line, p.column) for p in raised.value.problems] == [(1, 3)]


def test_a_value_under_a_column_with_no_name_is_reported_and_an_empty_unnamed_column_is_fine(tmp_path: Path) -> None:
    table, result = _run(tmp_path, "co_quan_ban_hanh.dia_ban,,xuat.ten_tep\nTân Phú,,tan-phu\nLong Hòa,lạc,long-hoa\n")
    assert [p.name for p in result.written] == ["tan-phu.docx"]
    assert _places(result) == {f"{table}, dòng 3": [f"{table}:3:2"]}


def test_a_yaml_row_that_is_not_a_mapping_is_reported_at_its_line_and_the_others_are_made(tmp_path: Path) -> None:
    text = "- {co_quan_ban_hanh.dia_ban: Tân Phú, xuat.ten_tep: tan-phu}\n- chỉ là chữ\n- {co_quan_ban_hanh.dia_ban: Long Hòa, xuat.ten_tep: long-hoa}\n"
    table, result = _run(tmp_path, text, "bang.yaml")
    assert [p.name for p in result.written] == ["long-hoa.docx", "tan-phu.docx"] or [p.name for p in result.written] == ["tan-phu.docx", "long-hoa.docx"]
    assert _places(result) == {f"{table}, dòng 2": [f"{table}:2:3"]}


def test_a_control_character_or_bom_in_a_cell_never_reaches_a_document(tmp_path: Path) -> None:
    table, result = _run(tmp_path, HEADER + "Tân\x00 Phú,12,tan-phu\n\ufeffLong Hòa,13,long-hoa\n")
    assert [p.name for p in result.written] == ["long-hoa.docx"]
    assert "\ufeff" not in _text(result.written[0]) and "LONG HÒA" in _text(result.written[0])
    assert _places(result) == {f"{table}, dòng 2": [f"{table}:2:1"]}


def test_a_table_that_is_a_folder_or_not_utf8_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "bang.csv"
    folder.mkdir()
    with pytest.raises(TableError, match="thư mục"):
        batch.jobs_from_table(MODEL, folder, tmp_path)
    latin = tmp_path / "latin.csv"
    latin.write_bytes(HEADER.encode() + "Tân Phú,1,a\n".encode("cp1258", "replace"))
    with pytest.raises(TableError) as raised:
        batch.jobs_from_table(MODEL, latin, tmp_path)
    assert raised.value.problems[0].line == 2 and "UTF-8" in raised.value.problems[0].hint


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFO on this system")
def test_a_table_that_is_a_pipe_is_refused_at_once_in_the_words_the_specification_uses(tmp_path: Path) -> None:
    pipe = tmp_path / "bang.csv"
    os.mkfifo(pipe)  # -- opened for reading it would wait forever for a writer --
    with pytest.raises(TableError) as raised:
        batch.jobs_from_table(MODEL, pipe, tmp_path)
    [problem] = raised.value.problems
    assert problem.message == "đây là một ống dẫn (FIFO), không phải bảng." and problem.file == str(pipe) and "--bang" in problem.hint


def test_a_table_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    from cchc_docgen.batch import MAX_TABLE_BYTES

    table = tmp_path / "bang.csv"
    with table.open("wb") as handle:  # -- sparse: no disk is spent on it --
        handle.write(HEADER.encode())
        handle.truncate(MAX_TABLE_BYTES + 1)
    with pytest.raises(TableError) as raised:
        batch.jobs_from_table(MODEL, table, tmp_path)
    assert f"giới hạn {MAX_TABLE_BYTES // (1024 * 1024)} MB" in str(raised.value)
