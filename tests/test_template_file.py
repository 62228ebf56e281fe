"""A drafter's template file is checked before anything trusts it: a regular file, a package
of sensible size (by its zip directory, then inflated with a cap), no member outside the
package, no DOCTYPE in any part."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from cchc_docgen import TemplateError, parse_spec, render
from cchc_docgen import template_file as tf

from support.spec_builder import BASE
from support.template_edits import CORE, DOCUMENT, STYLES, XML_DECLARATION, edited, members, pack

SPEC = parse_spec(BASE)


def _refused(template: Path) -> str:
    with pytest.raises(TemplateError) as caught:
        render(SPEC, template=template)
    message = str(caught.value)
    assert message.startswith(str(template.resolve())) and "Gợi ý:" in message
    return message


def test_a_template_that_is_a_fifo_is_refused_at_once_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "mau.docx"
    os.mkfifo(fifo)
    message = _refused(fifo)  # -- opening a FIFO to read would wait for a writer forever --
    assert "ống dẫn (FIFO)" in message and "không tìm thấy" not in message


def test_a_template_linked_to_dev_zero_is_refused_as_a_device(tmp_path: Path) -> None:
    link = tmp_path / "mau.docx"
    link.symlink_to("/dev/zero")
    assert "thiết bị" in _refused(link)


def test_a_template_that_is_a_folder_or_a_link_loop_says_so(tmp_path: Path) -> None:
    (tmp_path / "thu-muc.docx").mkdir()
    assert "thư mục" in _refused(tmp_path / "thu-muc.docx")
    loop = tmp_path / "vong.docx"
    loop.symlink_to(loop)
    with pytest.raises(TemplateError) as caught:
        render(SPEC, template=loop)
    assert "vòng liên kết" in str(caught.value)


def test_a_missing_template_is_not_found(tmp_path: Path) -> None:
    assert "không tìm thấy tệp mẫu" in _refused(tmp_path / "khong-co.docx")


def test_a_template_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tf, "MAX_FILE_MB", 0)
    big = edited(tmp_path / "mau.docx", {})
    assert "quá giới hạn 0 MB" in _refused(big)


def test_a_member_that_inflates_past_the_limit_is_refused_from_the_zip_directory(tmp_path: Path) -> None:
    """A small file whose picture inflates to 256 MB (the attack used 1 GB; four times the limit
    shows the same): the directory says so, and nothing is inflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members().items():
            package.writestr(name, data)
        with package.open("word/media/image1.png", "w", force_zip64=True) as stream:
            zeros = bytes(16 * 1024 * 1024)
            for _ in range(16):
                stream.write(zeros)
    bomb = tmp_path / "bom.docx"
    bomb.write_bytes(out.getvalue())
    assert bomb.stat().st_size < 2 * 1024 * 1024
    message = _refused(bomb)
    assert f"giải nén ra quá {tf.MAX_INFLATED_MB} MB" in message and "word/media/image1.png" in message and "256 MB" in message
    assert "MemoryError" not in message


def test_an_8_gb_member_claimed_in_the_central_directory_is_refused_before_inflating(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members().items():
            package.writestr(name, data)
        package.writestr("word/media/lon.bin", b"x" * 100)
        package.getinfo("word/media/lon.bin").file_size = 8 << 30  # -- what the central directory will claim --
    claimed = tmp_path / "tam-gb.docx"
    claimed.write_bytes(out.getvalue())
    message = _refused(claimed)
    assert "8,192 MB" in message and "không phải tệp Word (MemoryError)" not in message


def test_a_member_whose_directory_lies_about_its_size_is_refused_as_damaged(tmp_path: Path) -> None:
    """The directory claims 10 bytes, the data inflates to 50 MB: never more than the claim is inflated."""
    parts = members()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
        package.writestr("word/media/noi-doi.bin", bytes(50 * 1024 * 1024))
    data = bytearray(out.getvalue())
    name = b"word/media/noi-doi.bin"
    local = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name.decode()).header_offset
    central = next(at for at in _all(data, b"PK\x01\x02") if data[at + 46 : at + 46 + len(name)] == name)
    for at in (local + 22, central + 24):  # -- the uncompressed size, in the local header and the central directory --
        data[at : at + 4] = (10).to_bytes(4, "little")
    liar = tmp_path / "noi-doi.docx"
    liar.write_bytes(bytes(data))
    assert "bị hỏng" in _refused(liar)


def _all(data: bytearray, needle: bytes) -> list[int]:
    found, at = [], data.find(needle)
    while at >= 0:
        found.append(at)
        at = data.find(needle, at + 1)
    return found


@pytest.mark.parametrize("name", ["../../thoat-ra.xml", "/etc/cron.d/x", "word/../../x.xml", "C:/Windows/x.xml", "word\\..\\x.xml"])
def test_a_member_name_that_climbs_out_of_the_package_is_refused(tmp_path: Path, name: str) -> None:
    parts = members()
    parts[name] = "<x/>"
    template = tmp_path / "mau.docx"
    template.write_bytes(pack(parts))
    assert "trỏ ra ngoài gói" in _refused(template)


@pytest.mark.parametrize("member", [STYLES, CORE, DOCUMENT, "[Content_Types].xml"])
@pytest.mark.parametrize("declaration", [
    '<!DOCTYPE x [<!ENTITY tieu_de "Kế hoạch">]>',
    '<!DOCTYPE x [<!ENTITY doc SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
])  # fmt: skip
def test_a_doctype_in_any_part_is_refused_and_never_expanded(tmp_path: Path, member: str, declaration: str) -> None:
    template = edited(tmp_path / "mau.docx", {member: [(XML_DECLARATION, XML_DECLARATION + declaration)]})
    message = _refused(template)
    assert f"thành phần {member!r}" in message and "DOCTYPE/ENTITY" in message
    assert "root:" not in message


def test_a_doctype_in_a_utf16_part_is_found_too(tmp_path: Path) -> None:
    parts = members()
    core = parts[CORE]
    assert isinstance(core, str)
    parts[CORE] = core.replace(XML_DECLARATION, '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]>').encode("utf-16")
    template = tmp_path / "mau.docx"
    template.write_bytes(pack(parts))
    assert "DOCTYPE/ENTITY" in _refused(template)


def test_a_file_that_is_not_a_zip_is_not_a_word_file(tmp_path: Path) -> None:
    template = tmp_path / "mau.docx"
    template.write_text("không phải docx", encoding="utf-8")
    assert "không phải tệp Word (.docx)" in _refused(template)


@pytest.mark.parametrize("kind, expected", [("fifo", "ống dẫn (FIFO)"), ("zero", "thiết bị"), ("folder", "thư mục"), ("loop", "vòng liên kết")])
@pytest.mark.parametrize("command", [[], ["check"]])
def test_the_command_names_a_special_template_file_precisely_not_as_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, expected: str, command: list[str]
) -> None:
    from cchc_docgen import cli

    from support.spec_builder import write_spec

    template = tmp_path / "mau.docx"
    {"fifo": lambda: os.mkfifo(template), "zero": lambda: template.symlink_to("/dev/zero"),
     "folder": template.mkdir, "loop": lambda: template.symlink_to(template)}[kind]()  # fmt: skip
    spec = write_spec(tmp_path, BASE + "xuat:\n  mau: mau.docx\n")
    code = cli.main([*command, str(spec), *([] if command else ["-o", str(tmp_path / "ra")])])
    stderr = capsys.readouterr().err
    assert code == 1 and expected in stderr and "không tìm thấy" not in stderr and "Traceback" not in stderr
    assert not (tmp_path / "ra").exists()
