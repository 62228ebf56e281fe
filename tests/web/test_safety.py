"""The page is safe to leave running: other sites cannot drive it, it reads and writes only
in its folder, uploads are bounded, and a spec the command refuses is refused here alike."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_docgen.web.checks import from_yaml

from .client import FORM, post_json, request
from .conftest import ROOT, Served
from support.docx_facts import document_text, open_docx

EXAMPLE = ROOT / "examples" / "xa-2026-du-thao.yaml"


def example() -> dict:
    return from_yaml(EXAMPLE.read_text(encoding="utf-8"))


def test_a_request_from_another_site_is_refused(served: Served) -> None:
    status, answer = post_json(served.url + "/api/check", {"spec": example()}, {"Origin": "http://tan-cong.example"})
    assert status == 403 and "bị từ chối" in answer["refused"]
    # -- a plain cross-site form post cannot set the page's header --
    status, _, _ = request(served.url + "/api/docx", b"spec=x", {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    # -- the page's own origin is answered --
    status, answer = post_json(served.url + "/api/check", {"spec": example()}, {"Origin": served.url})
    assert status == 200 and answer["preview"]


def test_a_foreign_host_name_is_refused(served: Served) -> None:
    """DNS rebinding: a site's own name pointed at 127.0.0.1 still names the site."""
    status, _, _ = request(served.url + "/api/files", headers={"Host": "tan-cong.example"})
    assert status == 400


@pytest.mark.parametrize("name", ["../ben_ngoai/bi-mat.yaml", "examples/../../ben_ngoai/bi-mat.yaml", "/etc/passwd", "lien-ket.yaml", "~/x.yaml"])
def test_paths_outside_the_folder_are_refused(served: Served, name: str) -> None:
    status, body, _ = request(served.url + "/api/file?path=" + name)
    assert status == 403, body
    assert "Bí Mật" not in body.decode("utf-8")
    status, answer = post_json(served.url + "/api/save?path=" + name, {"spec": example()})
    assert status == 403, answer
    assert (served.outside / "bi-mat.yaml").read_text(encoding="utf-8").startswith("co_quan_ban_hanh: {cap: xa, dia_ban: Bí Mật}")


def test_the_folder_list_holds_its_own_specs_and_not_the_link(served: Served) -> None:
    status, body, _ = request(served.url + "/api/files")
    assert status == 200 and json.loads(body)["files"] == ["examples/xa-2026-du-thao.yaml"]


def test_a_spec_saved_into_the_folder_never_replaces_one_unasked(served: Served) -> None:
    status, answer = post_json(served.url + "/api/save?path=du-thao-moi.yaml", {"spec": example()})
    assert status == 200 and (served.root / "du-thao-moi.yaml").is_file()
    status, answer = post_json(served.url + "/api/save?path=examples/xa-2026-du-thao.yaml", {"spec": {"co_quan_ban_hanh": {"cap": "xa"}}})
    assert status == 409 and "đã có" in answer["refused"]
    assert (served.root / "examples" / "xa-2026-du-thao.yaml").read_bytes() == EXAMPLE.read_bytes()


def test_a_template_outside_the_folder_is_refused_at_its_field(served: Served) -> None:
    spec = example() | {"xuat": {"mau": "../ben_ngoai/mau.docx"}}
    status, answer = post_json(served.url + "/api/check", {"spec": spec})
    assert status == 200 and answer["preview"] is None
    assert [f["path"] for f in answer["findings"]] == ["xuat.mau"]


def test_an_upload_over_the_limit_or_not_yaml_is_refused(served: Served) -> None:
    big = b"# " + b"x" * (600 * 1024) + b"\n"
    status, body, _ = request(served.url + "/api/open", big, {**FORM, "X-File-Name": "lon.yaml"})
    assert status == 413 and "quá lớn" in json.loads(body)["refused"]
    status, body, _ = request(served.url + "/api/open", b"MZ\x90\x00", {**FORM, "X-File-Name": "ke-hoach.exe"})
    assert status == 415 and ".docx" in json.loads(body)["refused"]
    status, body, _ = request(served.url + "/api/open", b"\xff\xfe", {**FORM, "X-File-Name": "hong.yaml"})
    assert status == 415 and "UTF-8" in json.loads(body)["refused"]


def test_a_spec_the_command_refuses_is_refused_with_the_same_message(served: Served, tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("thoi_han: 30/6/2026", "thoi_han: 31/02/2026")
    bad = tmp_path / "sai-ngay.yaml"
    bad.write_text(text, encoding="utf-8")
    command = subprocess.run([sys.executable, "-m", "cchc_docgen", "check", str(bad)], capture_output=True, text=True)
    assert command.returncode == 1
    status, body, _ = request(served.url + "/api/open", text.encode("utf-8"), {**FORM, "X-File-Name": "sai-ngay.yaml"})
    assert status == 200
    findings = json.loads(body)["findings"]
    assert [f["severity"] for f in findings] == ["error"]
    # -- the very line the command printed, file, line, column, field and hint included --
    assert findings[0]["text"].replace("sai-ngay.yaml", str(bad)) in command.stderr
    # -- and a file that is not a specification at all: the command's own message --
    status, body, _ = request(served.url + "/api/open", b"- chi\n- mot danh sach\n", {**FORM, "X-File-Name": "danh-sach.yaml"})
    assert status == 422 and "danh-sach.yaml" in json.loads(body)["refused"]


def test_script_and_template_marks_stay_text_in_the_docx(served: Served) -> None:
    spec = example()
    spec["nhiem_vu"][0]["noi_dung"] = "<script>alert('x')</script> {{ spec.__class__ }} {% for %}"
    status, data = post_json(served.url + "/api/docx?mode=gop", {"spec": spec})
    assert status == 200
    assert "<script>alert('x')</script> {{ spec.__class__ }} {% for %}" in document_text(open_docx(io.BytesIO(data).getvalue()), breaks=" ")
    status, answer = post_json(served.url + "/api/check", {"spec": spec})
    cells = [c for d in answer["preview"] for item in d["items"] if item["t"] == "table" for row in item["rows"] for c in row["cells"]]
    assert any("<script>alert('x')</script> {{ spec.__class__ }}" in cell for cell in cells)


def test_last_years_plan_upload_has_the_same_guards(served: Served) -> None:
    """The importer's upload: another site cannot post it, its size and kind are bounded,
    and a file the importer cannot read gets the importer's own message, nothing else."""
    from cchc_docgen.web.safety import MAX_IMPORT

    word = b"PK\x03\x04" + b"\x00" * 64
    status, body, _ = request(served.url + "/api/open", word, {**FORM, "X-File-Name": "ke-hoach.docx", "Origin": "http://tan-cong.example"})
    assert status == 403
    status, body, _ = request(served.url + "/api/open", word, {"X-File-Name": "ke-hoach.docx"})  # -- no header of the page's --
    assert status == 403
    status, body, _ = request(served.url + "/api/open", b"%PDF-1.4\n" + b"0" * (MAX_IMPORT + 1024), {**FORM, "X-File-Name": "lon.pdf"})
    assert status == 413 and "quá lớn" in json.loads(body)["refused"]
    status, body, _ = request(served.url + "/api/open", b"\xd0\xcf\x11\xe0", {**FORM, "X-File-Name": "cu.doc"})
    assert status == 415
    for name in ("ke%00hoach.docx", "x" * 300 + ".docx"):
        status, body, _ = request(served.url + "/api/open", word, {**FORM, "X-File-Name": name})
        assert status == 400 and "Tên tệp" in json.loads(body)["refused"]
    status, body, _ = request(served.url + "/api/open", word, {**FORM, "X-File-Name": "../../ke-hoach.docx"})
    refused = json.loads(body)["refused"]
    assert status == 422 and refused.startswith("ke-hoach.docx: tệp Word bị hỏng") and "Gợi ý" in refused and "/tmp" not in refused
    assert sorted(p.name for p in served.root.iterdir() if p.suffix in (".docx", ".pdf", ".txt")) == []  # -- nothing kept in the folder --


def test_without_libreoffice_the_pdf_is_refused_with_the_commands_reason_and_the_word_file_still_downloads(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_SOFFICE", str(served.root / "khong-co-soffice"))  # -- the server runs in this process --
    status, answer = post_json(served.url + "/api/pdf?mode=gop", {"spec": example()})
    assert status == 503 and "CCHC_SOFFICE" in answer["refused"] and "Tải tệp Word vẫn được" in answer["refused"]
    status, data = post_json(served.url + "/api/docx?mode=gop", {"spec": example()})
    assert status == 200 and data[:2] == b"PK"
    assert not list(served.root.glob("*.docx")) and not list(served.root.glob("*.pdf"))  # -- made in a temporary folder, never here --
