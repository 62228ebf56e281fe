"""Nothing is ever lost: atomic replacement, inputs untouched, clear messages, same bytes twice."""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import cchc_docgen
from cchc_docgen import OutputError, batch, generate, naming, properties
from cchc_docgen.rendering import default_template

from conftest import DATA, OfficeQueue
from support.spec_builder import BASE, WITH_DECISION, spec_text, write_spec

ROOT = Path(__file__).resolve().parent.parent


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _limit_file_size() -> None:
    # -- the OS refuses to let this process grow any file past 10 kB: a real failure mid-write --
    resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))


def test_a_failed_write_leaves_the_previous_output_intact_and_no_temporary_file(tmp_path: Path) -> None:
    spec = write_spec(tmp_path)
    out = tmp_path / "out"
    first = generate(spec, out)
    before = _snapshot(out)
    spec.write_text(spec_text(("Võ Văn Hùng", "Trần Văn An")), encoding="utf-8")  # same file name, new content
    result = subprocess.run(
        [sys.executable, "-m", "cchc_docgen", str(spec), "-o", str(out)],
        preexec_fn=_limit_file_size, capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 1
    assert "không ghi được tệp" in result.stderr and "tệp cũ vẫn còn nguyên" in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(out) == before  # same names (no .~cchc-*.tmp left) and the same bytes
    assert [p.name for p in first] == list(before)


def test_the_specification_is_never_written_to(tmp_path: Path) -> None:
    spec = write_spec(tmp_path)
    os.utime(spec, (1_600_000_000, 1_600_000_000))
    generate(spec)  # the output folder defaults to the spec's own
    generate(spec, tmp_path)
    assert spec.read_text(encoding="utf-8") == BASE
    assert spec.stat().st_mtime == 1_600_000_000


def test_an_output_path_equal_to_the_input_is_refused(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, BASE + "xuat:\n  ten_tep: ke-hoach\n", name="ke-hoach.docx")
    with pytest.raises(OutputError) as caught:
        generate(spec, tmp_path)
    assert "trùng với tệp đầu vào" in str(caught.value)
    assert spec.read_text(encoding="utf-8").startswith(BASE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ke-hoach.docx"]


def test_an_output_that_is_a_hard_link_to_the_input_is_refused(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, BASE + "xuat:\n  ten_tep: ke-hoach\n")
    out = tmp_path / "out"
    out.mkdir()
    os.link(spec, out / "ke-hoach.docx")
    with pytest.raises(OutputError):
        generate(spec, out)
    assert spec.read_text(encoding="utf-8").startswith(BASE)


def _under_a_file(tmp: Path) -> Path:
    (tmp / "la-tep").write_text("")
    return tmp / "la-tep" / "out"


def _a_file(tmp: Path) -> Path:
    (tmp / "tep.docx").write_text("")
    return tmp / "tep.docx"


def _kernel_refuses(tmp: Path) -> Path:
    return Path("/sys/cchc-docgen-out")  # sysfs: no one, not even root, creates a folder here


@pytest.mark.parametrize(
    "make_folder, reason",
    [(_under_a_file, "không tạo được thư mục"), (_kernel_refuses, "không tạo được thư mục"), (_a_file, "không phải thư mục")],
    ids=["under-a-file", "kernel-refuses", "is-a-file"],
)
def test_an_unwritable_output_folder_gives_a_clear_message(tmp_path: Path, make_folder: Callable[[Path], Path], reason: str) -> None:
    folder = make_folder(tmp_path)
    with pytest.raises(OutputError) as caught:
        generate(write_spec(tmp_path), folder)
    assert reason in str(caught.value)
    assert "Gợi ý:" in str(caught.value)


def test_an_existing_folder_in_the_way_of_a_document_gives_a_clear_message(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, BASE + "xuat:\n  ten_tep: ke-hoach\n")
    (tmp_path / "out" / "ke-hoach.docx").mkdir(parents=True)
    with pytest.raises(OutputError) as caught:
        generate(spec, tmp_path / "out")
    assert "đã có một thư mục trùng tên" in str(caught.value)
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["ke-hoach.docx"]


@pytest.mark.parametrize("text, mode", [(BASE, None), (WITH_DECISION, "gop"), (WITH_DECISION, "rieng")])
def test_a_second_run_over_the_same_folder_produces_byte_identical_documents(tmp_path: Path, text: str, mode: str | None) -> None:
    spec = write_spec(tmp_path, text)
    first = {p.name: p.read_bytes() for p in generate(spec, tmp_path / "out", mode=mode)}  # type: ignore[arg-type]
    second = {p.name: p.read_bytes() for p in generate(spec, tmp_path / "out", mode=mode)}  # type: ignore[arg-type]
    assert first == second
    assert _snapshot(tmp_path / "out") == first


def test_a_new_document_gets_the_usual_permissions_not_a_private_temporary_files(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        [path] = generate(write_spec(tmp_path), tmp_path / "out")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_replacing_a_document_keeps_the_permissions_it_had(tmp_path: Path) -> None:
    spec = write_spec(tmp_path)
    [path] = generate(spec, tmp_path / "out")
    path.chmod(0o664)
    generate(spec, tmp_path / "out")
    assert path.stat().st_mode & 0o777 == 0o664


# -- no run replaces another plan's document (issue 10 §3) --
TEN_TEP = "xuat:\n  ten_tep: ke-hoach\n"


def _commune(name: str) -> str:
    return spec_text(("cap: huyen\n  dia_ban: Thăng Bình", f"cap: xa\n  dia_ban: {name}"), extra=TEN_TEP)


def test_each_document_records_the_plan_it_was_made_from(tmp_path: Path, office: OfficeQueue) -> None:
    [path] = generate(write_spec(tmp_path, _commune("Tân Hòa")), tmp_path / "out")
    with zipfile.ZipFile(path) as package:
        types = package.read("[Content_Types].xml").decode()
        relationships = package.read("_rels/.rels").decode()
        custom = package.read(properties.PART).decode()
    assert 'PartName="/docProps/custom.xml"' in types and "relationships/custom-properties" in relationships
    assert 'name="cchc.co_quan"><vt:lpwstr>Ủy ban nhân dân xã Tân Hòa</vt:lpwstr>' in custom
    assert properties.read(path) == naming.PlanIdentity("Ủy ban nhân dân xã Tân Hòa", "Kế hoạch", "05", "2021", properties.read(path).spec)  # type: ignore[union-attr]
    office.register("identity", path.read_bytes())


def test_a_file_made_from_another_plan_is_not_replaced_without_ghi_de(tmp_path: Path) -> None:
    out = tmp_path / "out"
    [path] = generate(write_spec(tmp_path, _commune("Tân Hòa"), name="tan-hoa.yaml"), out)
    before = path.read_bytes()
    other = write_spec(tmp_path, _commune("Tân Phú Trung"), name="tan-phu-trung.yaml")
    with pytest.raises(OutputError) as caught:
        generate(other, out)
    message = str(caught.value)
    assert "kế hoạch khác" in message and "xã Tân Hòa" in message and "xã Tân Phú Trung" in message and "--ghi-de" in message
    assert path.read_bytes() == before and _snapshot(out) == {"ke-hoach.docx": before}
    result = subprocess.run([sys.executable, "-m", "cchc_docgen", str(other), "-o", str(out)], capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 1 and "không ghi đè" in result.stderr and "Traceback" not in result.stderr
    generate(other, out, overwrite=True)
    assert properties.read(path).issuer == "Ủy ban nhân dân xã Tân Phú Trung"  # type: ignore[union-attr]


def test_a_drafters_own_file_of_the_same_name_is_replaced_only_with_ghi_de(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, BASE + TEN_TEP)
    out = tmp_path / "out"
    out.mkdir()
    own = out / "ke-hoach.docx"
    own.write_bytes(b"PK\x03\x04 a drafter's own Word file")
    command = [sys.executable, "-m", "cchc_docgen", str(spec), "-o", str(out)]
    refused = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    assert refused.returncode == 1 and "không do cchc_docgen tạo ra" in refused.stderr and "--ghi-de" in refused.stderr
    assert own.read_bytes() == b"PK\x03\x04 a drafter's own Word file"
    replaced = subprocess.run([*command, "--ghi-de"], capture_output=True, text=True, check=False, cwd=ROOT)
    assert replaced.returncode == 0, replaced.stderr
    assert properties.read(own) is not None


def test_a_template_keeps_its_own_custom_properties_beside_the_plan_identity(tmp_path: Path, office: OfficeQueue) -> None:
    template = tmp_path / "mau.docx"
    _with_member(default_template(), template, properties.PART, (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
        'pid="2" name="Phòng soạn thảo"><vt:lpwstr>Phòng Nội vụ</vt:lpwstr></property></Properties>'), types=True)
    [path] = generate(write_spec(tmp_path, BASE + "xuat:\n  mau: mau.docx\n"), tmp_path / "out")
    with zipfile.ZipFile(path) as package:
        custom = package.read(properties.PART).decode()
        types = package.read("[Content_Types].xml").decode()
    assert 'name="Phòng soạn thảo"><vt:lpwstr>Phòng Nội vụ</vt:lpwstr>' in custom
    assert re.findall(r'pid="(\d+)"', custom) == ["2", "3", "4", "5", "6", "7"]
    assert types.count('PartName="/docProps/custom.xml"') == 1
    assert properties.read(path) is not None
    office.register("template-custom-properties", path.read_bytes())


def _with_member(source: Path, target: Path, name: str, text: str, *, types: bool = False) -> None:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info)
            if types and info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/docProps/custom.xml" '
                                    b'ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
            if types and info.filename == "_rels/.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                                    b'relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>')
            copy.writestr(info, data)
        copy.writestr(name, text)


def test_a_specifications_documents_are_kept_together_when_the_second_cannot_be_written(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, WITH_DECISION + "xuat:\n  che_do: rieng\n")
    out = tmp_path / "out"
    first = generate(spec, out)
    before = _snapshot(out)
    spec.write_text(spec.read_text(encoding="utf-8").replace("Võ Văn Hùng", "Trần Văn An"), encoding="utf-8")
    sizes = [len(d.data) for d in cchc_docgen.render(cchc_docgen.load_spec(spec))]
    assert sizes[0] < sizes[1]  # -- the decision fits under the limit, its plan does not --
    limit = (sizes[0] + sizes[1]) // 2

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run([sys.executable, "-m", "cchc_docgen", str(spec), "-o", str(out)], preexec_fn=limited,
                            capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 1 and "tệp cũ vẫn còn nguyên" in result.stderr
    assert _snapshot(out) == before and sorted(p.name for p in first) == list(before)  # -- neither replaced, no temporary --


def test_a_failed_rename_puts_back_the_documents_already_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = write_spec(tmp_path, WITH_DECISION + "xuat:\n  che_do: rieng\n")
    out = tmp_path / "out"
    _, plan = generate(spec, out)
    plan.unlink()  # -- the plan is new this time, the decision is replaced --
    before = _snapshot(out)
    spec.write_text(spec.read_text(encoding="utf-8").replace("Võ Văn Hùng", "Trần Văn An"), encoding="utf-8")
    real_replace = os.replace

    def another_program_takes_the_name(source: str | Path, target: str | Path) -> None:
        if Path(target) == plan and Path(source).name.startswith(".~cchc-"):
            Path(target).mkdir()  # -- a folder made there between the check and the rename: a real EISDIR --
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", another_program_takes_the_name)
    with pytest.raises(OutputError) as caught:
        generate(spec, out)
    assert "đã có một thư mục trùng tên" in str(caught.value)
    plan.rmdir()
    assert _snapshot(out) == before  # -- the old decision back in place, nothing else --


def test_a_batch_with_a_name_clash_leaves_none_of_the_failing_specs_files(tmp_path: Path) -> None:
    first = write_spec(tmp_path, WITH_DECISION + "xuat:\n  che_do: rieng\n  ten_tep: chung\n", name="a.yaml")
    second = write_spec(tmp_path, _commune_with_decision("Tân Hòa") + "xuat:\n  che_do: rieng\n  ten_tep: chung_tan-hoa\n", name="b.yaml")
    out = tmp_path / "out"
    jobs, _ = batch.jobs_from_paths([first, second], out)
    result = batch.run(jobs, workers=1)
    assert sorted(p.name for p in out.iterdir()) == ["chung-ke-hoach.docx", "chung.docx"]  # -- not chung_tan-hoa.docx --
    [failure] = result.failures
    assert failure.label == str(second) and "trùng tên" in "\n".join(failure.messages)


def _commune_with_decision(name: str) -> str:
    return WITH_DECISION.replace("cap: huyen\n  dia_ban: Thăng Bình", f"cap: xa\n  dia_ban: {name}")


# -- no input is ever replaced (issue 12 §1) --
def test_the_template_named_as_output_is_never_overwritten(tmp_path: Path) -> None:
    shutil.copy(default_template(), tmp_path / "mau.docx")
    before = (tmp_path / "mau.docx").read_bytes()
    spec = write_spec(tmp_path, BASE + "xuat:\n  mau: mau.docx\n  ten_tep: mau\n")
    for overwrite in (False, True):
        with pytest.raises(OutputError) as caught:
            generate(spec, overwrite=overwrite)
        assert "trùng với tệp đầu vào" in str(caught.value) and "mau.docx" in str(caught.value)
    jobs, _ = batch.jobs_from_paths([spec])
    result = batch.run(jobs, workers=1, overwrite=True)
    assert not result.written and "trùng với tệp đầu vào" in "\n".join(result.failures[0].messages)
    assert (tmp_path / "mau.docx").read_bytes() == before


def test_an_input_reached_through_a_symlink_in_the_output_folder_is_never_overwritten(tmp_path: Path) -> None:
    shutil.copy(default_template(), tmp_path / "mau.docx")
    before = (tmp_path / "mau.docx").read_bytes()
    spec = write_spec(tmp_path, BASE + "xuat:\n  mau: mau.docx\n  ten_tep: ke-hoach\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "ke-hoach.docx").symlink_to(tmp_path / "mau.docx")
    with pytest.raises(OutputError, match="trùng với tệp đầu vào"):
        generate(spec, out, overwrite=True)
    assert (tmp_path / "mau.docx").read_bytes() == before and (out / "ke-hoach.docx").is_symlink()


def test_the_table_of_a_batch_is_never_overwritten(tmp_path: Path) -> None:
    shutil.copy(DATA / "batch" / "mau.yaml", tmp_path / "mau.yaml")
    table = tmp_path / "bang.docx"  # -- a table is YAML or CSV; named .docx only to meet the output's name --
    table.write_text("- {co_quan_ban_hanh.dia_ban: Tân Phú, xuat.ten_tep: bang}\n", encoding="utf-8")
    before = table.read_bytes()
    os.link(table, tmp_path / "bang.yaml")
    result = batch.run(batch.jobs_from_table(tmp_path / "mau.yaml", tmp_path / "bang.yaml"), workers=1, overwrite=True)
    assert not result.written and "trùng với tệp đầu vào" in "\n".join(result.failures[0].messages)
    assert table.read_bytes() == before


def test_the_identity_survives_the_drafter_saving_the_document_in_an_office_suite(tmp_path: Path) -> None:
    from support.office import SOFFICE

    spec = write_spec(tmp_path, _commune("Tân Hòa"))
    [path] = generate(spec, tmp_path / "out")
    saved = tmp_path / "luu-lai"
    with tempfile.TemporaryDirectory(prefix="cchc-lo-profile-") as profile:
        subprocess.run([str(SOFFICE), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(saved), str(path)],
                       check=True, capture_output=True, timeout=300)  # fmt: skip
    shutil.copy(saved / path.name, path)  # -- edited and saved by the drafter, over the generated file --
    assert properties.read(path) == properties.of_bytes(cchc_docgen.render(cchc_docgen.load_spec(spec))[0].data)
    generate(spec, tmp_path / "out")  # -- so a re-run replaces it without --ghi-de --


def _another_process_writes(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The target appears after the caller's check, while the new file is being written."""
    from cchc_docgen import writing

    made = writing._temporary

    def temporary_then_rival(path: Path, data: bytes, kept: list[Path]) -> Path:
        done = made(path, data, kept)
        target.write_text("bản của người khác\n", encoding="utf-8")
        return done

    monkeypatch.setattr(writing, "_temporary", temporary_then_rival)


def test_a_file_that_appears_while_a_new_one_is_written_is_never_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc_docgen.writing import write_atomic

    target = tmp_path / "ke-hoach.yaml"
    _another_process_writes(target, monkeypatch)
    with pytest.raises(OutputError, match="đã có tệp này"):
        write_atomic(b"nam: 2027\n", target, replace=False, taken=f"{target}: đã có tệp này; không ghi đè.")
    assert target.read_text(encoding="utf-8") == "bản của người khác\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ke-hoach.yaml"]


def test_the_importer_never_replaces_a_spec_written_meanwhile_without_ghi_de(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc_docgen.importer.output import write_spec

    source, target = tmp_path / "cu.txt", tmp_path / "moi.yaml"
    source.write_text("KẾ HOẠCH\n", encoding="utf-8")
    _another_process_writes(target, monkeypatch)
    with pytest.raises(OutputError, match="--ghi-de"):
        write_spec("nam: 2027\n", target, source=source)
    assert target.read_text(encoding="utf-8") == "bản của người khác\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cu.txt", "moi.yaml"]


def test_without_hard_links_a_new_file_is_still_written_and_an_existing_one_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from cchc_docgen.writing import write_atomic

    def no_links(source: object, target: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    new = write_atomic(b"nam: 2027\n", tmp_path / "moi.yaml", replace=False)
    assert new.read_bytes() == b"nam: 2027\n"
    with pytest.raises(OutputError, match="đã có tệp này"):
        write_atomic(b"nam: 2028\n", new, replace=False)
    assert new.read_bytes() == b"nam: 2027\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["moi.yaml"]
