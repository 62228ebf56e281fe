"""Files in and out of the page in a real headless Chromium: the PDF LibreOffice makes of the
plan, last year's Word or PDF opened through the importer with its guesses at their fields,
and the specification saved into the working folder without replacing a file unasked."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import cchc_docgen
from cchc_docgen.pdf import verify

from .conftest import ROOT, Served
from .test_page import download, fill, settle
from conftest import REPORT, OfficeQueue
from support import office as office_support
from support.decree_checks import Facts
from support.docx_facts import open_docx
from support.page_facts import check_pdf

Page = Any
EXAMPLE = ROOT / "examples" / "xa-2026-du-thao.yaml"


def open_example(page: Page) -> None:
    page.locator("#open-file").set_input_files(str(EXAMPLE))
    page.wait_for_selector(f"body[data-opened='{EXAMPLE.name}']", state="attached")
    settle(page)


def upload(page: Page, button: str, name: str, data: bytes) -> None:
    page.locator(f"#{button}").set_input_files(files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}])


def test_the_pdf_button_gives_libreoffices_pdf_of_the_plan_and_it_imports_back_with_its_guesses_at_their_fields(
    page: Page, tmp_path: Path, office: OfficeQueue
) -> None:
    open_example(page)
    name, docx = download(page, "download-gop")
    office.register(f"web-pdf-source-{name}", docx)
    docx_name = name
    name, data = download(page, "download-pdf")
    assert name == docx_name.removesuffix(".docx") + ".pdf"
    pdf = tmp_path / name
    pdf.write_bytes(data)
    assert verify(pdf) is None  # -- a whole PDF: header, trailer, page tree --
    # -- LibreOffice's pages of this very plan: its titles and first heading, and Decree 30 on the page --
    assert not office_support.verify(pdf, office_support.expectation(docx))
    document = open_docx(docx)
    titles = [p.text for p in document.paragraphs if p.style is not None and p.style.style_id == "CCHCTrichYeu"]
    facts = Facts(f"web {name}")
    check_pdf(pdf, titles, None, len(document.sections), facts)
    assert not facts.failures, facts.failures
    REPORT["web: page facts on the downloaded PDF"] = str(len(facts.checked))

    # -- last year's plan as PDF, into a fresh form through the importer --
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_selector("body[data-ready='1']", state="attached")
    upload(page, "import-file", "ke-hoach-2025.pdf", data)
    page.wait_for_selector("body[data-opened='ke-hoach-2025.yaml']", state="attached")
    settle(page)
    assert page.locator('[data-path="co_quan_ban_hanh.dia_ban"]').input_value() == "An Thới Đông"
    result = cchc_docgen.import_plan(pdf)
    shown = page.locator("#summary .finding.guess").all_inner_texts()
    assert len(shown) == len(result.guesses) > 0
    assert all(any(guess in text for text in shown) for guess in result.guesses)
    at_level = page.locator('#plan .finding.guess[data-for="co_quan_ban_hanh.cap"]')
    assert at_level.count() == 1 and "suy từ dòng tên cơ quan" in at_level.inner_text()
    # -- the drafter reviews it by choosing the level: the guess at that field is gone --
    page.locator('[data-path="co_quan_ban_hanh.cap"]').select_option(label="xa")
    assert at_level.count() == 0


def test_the_separate_pdf_button_gives_each_document_as_libreoffices_pdf_of_its_own_word_file(page: Page, tmp_path: Path) -> None:
    """A decision and its plan are published apart: one PDF each, zipped, named as their Word files."""
    open_example(page)
    _, words = download(page, "download-rieng")
    name, data = download(page, "download-pdf-rieng")
    assert name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(words)) as docx, zipfile.ZipFile(io.BytesIO(data)) as pdf:
        word_files = {Path(member).stem: docx.read(member) for member in docx.namelist()}
        pdf_files = {Path(member).stem: pdf.read(member) for member in pdf.namelist() if member.endswith(".pdf")}
    assert len(pdf_files) == len(word_files) == 2 and pdf_files.keys() == word_files.keys()
    for stem, made in pdf_files.items():
        path = tmp_path / f"{stem}.pdf"
        path.write_bytes(made)
        assert verify(path) is None, stem
        # -- each PDF shows its own document's titles and first heading, not the other's --
        assert not office_support.verify(path, office_support.expectation(word_files[stem])), stem


def test_last_years_word_file_opens_through_the_importer_and_saves_into_the_folder(page: Page, served: Served) -> None:
    source = cchc_docgen.render(cchc_docgen.load_spec(EXAMPLE), mode="gop")[0].data
    upload(page, "import-file", "ke-hoach-2025.docx", source)
    page.wait_for_selector("body[data-opened='ke-hoach-2025.yaml']", state="attached")
    settle(page)
    assert page.locator('#plan .finding.guess[data-for="quyet_dinh.ngay"]').count() == 1
    assert page.locator("#plan .finding.error").count() == 0, page.locator("#summary").inner_text()
    fill(page, "nhiem_vu[0].noi_dung", "Xây dựng Kế hoạch kiểm tra cải cách hành chính năm 2027")
    settle(page)
    page.once("dialog", lambda dialog: dialog.accept("nhap/ke-hoach-2027.yaml"))
    page.locator("#save-folder").click()
    page.wait_for_selector("#status:has-text('Thư mục của')", state="attached")  # -- no folder nhap: refused, said so --
    assert not (served.root / "nhap").exists()
    target = served.root / "ke-hoach-2027.yaml"
    page.once("dialog", lambda dialog: dialog.accept(target.name))
    page.locator("#save-folder").click()
    page.wait_for_selector(f"body[data-saved='{target.name}']", state="attached")
    saved = target.read_text(encoding="utf-8")
    spec = cchc_docgen.load_spec(target)
    assert spec.tasks[0].text == "Xây dựng Kế hoạch kiểm tra cải cách hành chính năm 2027"
    # -- the importer's notes for the drafter stay in the file, beside the values they are about --
    assert "  ngay: 01/2026  # đoán: ngày để trống trong bản gốc" in saved
    target.unlink()


def test_the_importers_guesses_not_yet_reviewed_survive_a_reload_as_the_plan_does(page: Page) -> None:
    source = cchc_docgen.render(cchc_docgen.load_spec(EXAMPLE), mode="gop")[0].data
    upload(page, "import-file", "ke-hoach-2025.docx", source)
    page.wait_for_selector("body[data-opened='ke-hoach-2025.yaml']", state="attached")
    settle(page)
    at_fields = page.locator("#plan .finding.guess")
    before = sorted((item.get_attribute("data-for"), item.inner_text()) for item in at_fields.all())
    assert ("quyet_dinh.ngay" in {path for path, _ in before}) and len(before) > 1, before
    fill(page, "quyet_dinh.ngay", "15/01/2026")  # -- reviewed: its guess goes --
    settle(page)
    counted = re.search(r"\d+ chỗ chương trình đoán cần xem lại", page.locator("#summary").inner_text())
    assert counted, page.locator("#summary").inner_text()
    page.reload()
    page.wait_for_selector("body[data-ready='1']", state="attached")
    settle(page)
    after = sorted((item.get_attribute("data-for"), item.inner_text()) for item in at_fields.all())
    assert after == [guess for guess in before if guess[0] != "quyet_dinh.ngay"]
    assert page.locator('[data-path="quyet_dinh.ngay"]').input_value() == "15/01/2026"
    assert counted.group(0) in page.locator("#summary").inner_text()  # -- those about the whole plan too --


def test_saving_over_a_file_in_the_folder_needs_the_drafters_yes(page: Page, served: Served) -> None:
    target = served.root / "examples" / EXAMPLE.name
    page.locator("#folder-files").select_option(f"examples/{EXAMPLE.name}")
    page.wait_for_selector(f"body[data-opened='{EXAMPLE.name}']", state="attached")
    settle(page)
    fill(page, "nhiem_vu[1].thoi_han", "Quý II/2026")
    settle(page)
    asked: list[tuple[str, str]] = []
    replace = {"yes": False}

    def answer(dialog: Any) -> None:
        asked.append((dialog.type, dialog.default_value if dialog.type == "prompt" else dialog.message))
        if dialog.type == "prompt":
            dialog.accept(dialog.default_value)  # -- the name offered: the file's own --
        elif replace["yes"]:
            dialog.accept()
        else:
            dialog.dismiss()

    page.on("dialog", answer)
    page.locator("#save-folder").click()
    page.wait_for_selector("#status:has-text('Chưa lưu')", state="attached")
    assert [kind for kind, _ in asked] == ["prompt", "confirm"]
    assert asked[0][1] == f"examples/{EXAMPLE.name}" and "đã có" in asked[1][1]
    assert target.read_bytes() == EXAMPLE.read_bytes()
    try:
        replace["yes"] = True
        page.locator("#save-folder").click()
        page.wait_for_selector(f"body[data-saved='examples/{EXAMPLE.name}']", state="attached")
        before, after = EXAMPLE.read_text(encoding="utf-8").splitlines(), target.read_text(encoding="utf-8").splitlines()
        changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
        assert len(before) == len(after) and len(changed) == 1 and changed[0][1].endswith("thoi_han: Quý II/2026")
        assert not [p for p in target.parent.iterdir() if p.name != EXAMPLE.name]  # -- no temporary left behind --
    finally:
        target.write_bytes(EXAMPLE.read_bytes())


def test_a_corrupt_or_foreign_file_gives_the_importers_message_and_leaves_the_form_as_it_was(page: Page, tmp_path: Path) -> None:
    fill(page, "co_quan_ban_hanh.dia_ban", "Tân Phước")
    settle(page)
    broken = b"PK\x03\x04" + b"\x00" * 200
    not_a_plan = tmp_path / "bien-ban.txt"
    not_a_plan.write_text("BIÊN BẢN\nHọp tổ dân phố số 3\n", encoding="utf-8")
    for name, data, path in [("hong.docx", broken, tmp_path / "hong.docx"), ("bien-ban.txt", not_a_plan.read_bytes(), not_a_plan)]:
        path.write_bytes(data)
        try:
            cchc_docgen.import_plan(path)
        except cchc_docgen.CchcError as exc:
            expected = str(exc).replace(str(path), name)
        upload(page, "import-file", name, data)
        page.wait_for_selector(f"body[data-refused='{name}']", state="attached")
        assert page.locator("#notice").inner_text() == expected
        assert page.locator('[data-path="co_quan_ban_hanh.dia_ban"]').input_value() == "Tân Phước"
        page.evaluate("delete document.body.dataset.refused")
