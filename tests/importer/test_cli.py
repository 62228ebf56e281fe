"""The import command: a specification written once, all at once; bad input gets a clear
Vietnamese message, exit 1, and nothing written."""

from __future__ import annotations

import pytest

from cchc_docgen.cli import main

from .handmade import typed
from .test_pdf import image_only_pdf
from conftest import DATA

SEED = DATA / "seeds" / "thang-binh-2021.txt"


def test_import_writes_a_spec_that_check_accepts(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ke-hoach.yaml"
    assert main(["import", str(SEED), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith(f"# Đặc tả nhập từ '{SEED.name}'")
    assert "chỗ đoán" in capsys.readouterr().err
    assert main(["check", str(out)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["ke-hoach.yaml"]  # -- no temporary left behind --


def test_an_existing_spec_is_replaced_only_with_ghi_de(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ke-hoach.yaml"
    out.write_text("# bản của tôi\n", encoding="utf-8")
    assert main(["import", str(SEED), "-o", str(out)]) == 1
    assert "--ghi-de" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "# bản của tôi\n"
    assert main(["import", str(SEED), "-o", str(out), "--ghi-de"]) == 0
    assert "ke_hoach:" in out.read_text(encoding="utf-8")


def test_the_output_may_not_be_the_input(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "ke-hoach.txt"
    source.write_bytes(SEED.read_bytes())
    assert main(["import", str(source), "-o", str(source), "--ghi-de"]) == 1
    assert "trùng với tệp đang nhập" in capsys.readouterr().err
    assert source.read_bytes() == SEED.read_bytes()


def _corrupt_docx() -> bytes:
    return typed()[:2000]


BAD = {
    "not-a-plan.txt": (lambda: "Kính gửi anh chị,\nXin gửi lịch họp tuần sau.\n".encode(), "không thấy đây là một kế hoạch"),
    "empty.txt": (lambda: b"", "tệp rỗng"),
    "password.docx": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), "mật khẩu"),
    "corrupt.docx": (_corrupt_docx, "bị hỏng"),
    "scan.pdf": (image_only_pdf, "chỉ có ảnh"),
    "binary.txt": (lambda: bytes(range(256)) * 8, "không phải tệp văn bản"),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_input_gets_a_clear_message_exit_1_and_nothing_written(name, tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    make, expected = BAD[name]
    source = tmp_path / name
    source.write_bytes(make())
    out = tmp_path / "ket-qua.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert expected in err and str(source) in err and "Gợi ý" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "lon.docx"
    with source.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # -- sparse: 50 MB on paper, nothing on disk --
    out = tmp_path / "ket-qua.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 1
    assert "quá giới hạn" in capsys.readouterr().err
    assert not out.exists()
