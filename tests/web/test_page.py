"""The page in a real headless Chromium: a drafter fills a commune plan from nothing, sees a
mistake at its field, fixes it, watches the pages change, and downloads the documents."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import yaml

import cchc_docgen

from .conftest import ROOT, Served
from conftest import REPORT, OfficeQueue
from support.decree_checks import check_document
from support.docx_facts import document_text, open_docx

Page = Any


def unfolded(locator: Any) -> Any:
    """The element, after the drafter has unfolded the parts of the form it is in."""
    for summary in locator.locator("xpath=ancestor::details[not(@open)]/summary").all():
        summary.click()
    return locator


def add(page: Page, list_path: str) -> None:
    unfolded(page.locator(f'[data-path="{list_path}"] > button.add')).click()


def fill(page: Page, path: str, value: str) -> None:
    unfolded(page.locator(f'[data-path="{path}"]').first).fill(value)


def choose(page: Page, path: str, label: str) -> None:
    unfolded(page.locator(f'[data-path="{path}"]').first).select_option(label=label)


def open_section(page: Page, label: str) -> None:
    """Open a folded part of the form (<details>) by its title."""
    summary = page.locator("details > summary", has_text=label).first
    if summary.locator("xpath=..").get_attribute("open") is None:
        summary.click()


def settle(page: Page) -> None:
    """Wait until the answer to the latest content is shown."""
    page.wait_for_timeout(450)  # -- past the page's pause after typing --
    page.wait_for_selector("body:not([data-checking])", state="attached")


def add_agency(page: Page, index: int, code: str, name: str) -> None:
    add(page, "co_quan")
    row = page.locator('[data-path="co_quan"] > .items > .item').nth(index)
    row.locator("input.map-code").fill(code)
    row.locator("input[type=text]").nth(1).fill(name)


def add_task(page: Page, index: int, area: str, text: str, lead: str, deadline: str) -> None:
    add(page, "nhiem_vu")
    base = f"nhiem_vu[{index}]"
    page.locator(f'[data-path="{base}.linh_vuc"]').select_option(value=area)
    fill(page, f"{base}.noi_dung", text)
    page.locator(f'[data-path="{base}.chu_tri"]').select_option(value=lead)
    fill(page, f"{base}.thoi_han", deadline)


def fill_commune_plan(page: Page) -> None:
    choose(page, "co_quan_ban_hanh.cap", "xa")
    fill(page, "co_quan_ban_hanh.dia_ban", "Hòa Phú")
    open_section(page, "Các cơ quan, đơn vị")
    add_agency(page, 0, "vp", "Văn phòng HĐND và UBND xã")
    add_agency(page, 1, "vhxh", "Phòng Văn hóa - Xã hội")
    open_section(page, "Danh sách nhiệm vụ cụ thể")
    add_task(page, 0, "the_che", "Rà soát văn bản <script>alert(1)</script> {{ nam }}", "vp", "30/6/2026")
    add_task(page, 1, "thu_tuc_hanh_chinh", "Công khai thủ tục hành chính tại Trung tâm", "vhxh", "quý II/2026")
    add(page, "nhiem_vu[1].phoi_hop")
    page.locator('[data-path="nhiem_vu[1].phoi_hop[0]"]').select_option(value="vp")
    add_task(page, 2, "chinh_quyen_so", "Số hóa hồ sơ thủ tục hành chính", "vp", "thường xuyên")
    fill(page, "ke_hoach.so", "12")
    fill(page, "ke_hoach.ngay", "15/01/2026")
    add(page, "ke_hoach.trich_yeu")  # -- the title as lines (one here): the schema's list of lines --
    fill(page, "ke_hoach.trich_yeu[0]", "Cải cách hành chính năm 2026 của xã Hòa Phú")
    add(page, "ke_hoach.noi_dung")
    choose(page, "ke_hoach.noi_dung[0].loai", "muc_tieu_chi_tieu")
    add(page, "ke_hoach.noi_dung[0].chi_tieu")
    fill(page, "ke_hoach.noi_dung[0].chi_tieu[0]", "100% thủ tục hành chính được công khai đúng quy định.")
    add(page, "ke_hoach.noi_dung")
    choose(page, "ke_hoach.noi_dung[1].loai", "nhiem_vu_cu_the")
    add(page, "ke_hoach.noi_nhan")
    fill(page, "ke_hoach.noi_nhan[0]", "UBND tỉnh (b/c)")
    fill(page, "ke_hoach.nguoi_ky.chuc_vu", "Chủ tịch")
    fill(page, "ke_hoach.nguoi_ky.ho_ten", "Nguyễn Văn An")


def download(page: Page, button: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.locator(f"#{button}").click()
    item = info.value
    return item.suggested_filename, Path(item.path()).read_bytes()


def test_a_commune_plan_filled_from_nothing_is_checked_at_its_fields_previewed_and_downloaded(
    page: Page, office: OfficeQueue, artefacts: Path
) -> None:
    fill_commune_plan(page)
    settle(page)
    assert page.locator("#plan .finding.error").count() == 0, page.locator("#summary").inner_text()
    preview = page.locator("#preview")
    assert "ỦY BAN NHÂN DÂN" in preview.inner_text() and "XÃ HÒA PHÚ" in preview.inner_text()
    assert "Hòa Phú, ngày 15 tháng 01 năm 2026" in preview.inner_text()
    # -- warnings are apart from errors, at their field: the leading agencies are in no recipient line --
    assert page.locator('#plan .finding.warning[data-for="nhiem_vu[0].chu_tri"]').count() == 1
    # -- the drafter's markup is text on the page, never HTML --
    assert "<script>alert(1)</script> {{ nam }}" in preview.inner_text()
    assert page.locator("#preview script").count() == 0

    fill(page, "ke_hoach.ngay", "31/02/2026")
    settle(page)
    message = page.locator('#plan .finding.error[data-for="ke_hoach.ngay"]')
    assert message.count() == 1 and "31/2/2026 không tồn tại" in message.inner_text(), page.locator("#summary").inner_text()
    assert page.locator("#download-gop").is_disabled()
    assert page.locator("#preview-note").is_visible()  # -- nothing rendered while an error remains --
    page.locator('[data-path="ke_hoach.ngay"]').locator("xpath=..").screenshot(path=str(artefacts / "loi-tai-o.png"))

    fill(page, "ke_hoach.ngay", "20/01/2026")
    settle(page)
    assert page.locator("#plan .finding.error").count() == 0
    assert "Hòa Phú, ngày 20 tháng 01 năm 2026" in preview.inner_text()
    # -- the whole form and all the pages, not only what the scrolling panes show --
    page.evaluate("for (const id of ['form-pane', 'preview-pane']) document.getElementById(id).style.maxHeight = 'none'; document.querySelector('.bar').style.position = 'static'")
    page.locator("#form-pane").screenshot(path=str(artefacts / "bieu-mau.png"))
    page.locator("#preview-pane").screenshot(path=str(artefacts / "xem-truoc.png"))
    page.evaluate("for (const id of ['form-pane', 'preview-pane']) document.getElementById(id).style.maxHeight = ''; document.querySelector('.bar').style.position = ''")
    for shot in ("bieu-mau.png", "xem-truoc.png", "loi-tai-o.png"):
        assert (artefacts / shot).read_bytes().startswith(b"\x89PNG")
    REPORT["web screenshots"] = str(artefacts)

    name, data = download(page, "download-gop")
    assert name.endswith(".docx")
    office.register(f"web-{name}", data)
    text = document_text(open_docx(data), breaks=" ")
    for typed in ("Nguyễn Văn An", "Công khai thủ tục hành chính tại Trung tâm", "<script>alert(1)</script> {{ nam }}", "100% thủ tục hành chính được công khai"):
        assert typed in text
    facts = check_document(open_docx(data), name)
    assert not facts.failures, facts.failures


def test_an_example_opened_changed_and_saved_as_yaml_loads_back(page: Page, served: Served, tmp_path: Path, office: OfficeQueue) -> None:
    page.locator("#open-file").set_input_files(str(served.root / "examples" / "xa-2026-du-thao.yaml"))
    page.wait_for_selector("body[data-opened='xa-2026-du-thao.yaml']", state="attached")
    settle(page)
    assert page.locator('[data-path="co_quan_ban_hanh.dia_ban"]').input_value() == "An Thới Đông"
    fill(page, "nhiem_vu[2].noi_dung", "Rà soát toàn bộ văn bản của xã sau sắp xếp")
    settle(page)
    assert "Rà soát toàn bộ văn bản của xã sau sắp xếp" in page.locator("#preview").inner_text()
    name, data = download(page, "download-yaml")
    saved = tmp_path / name
    saved.write_bytes(data)
    spec = cchc_docgen.load_spec(saved)
    assert spec.tasks[2].text == "Rà soát toàn bộ văn bản của xã sau sắp xếp"
    original = cchc_docgen.load_spec(served.root / "examples" / "xa-2026-du-thao.yaml")
    assert len(spec.tasks) == len(original.tasks) and spec.plan.title == original.plan.title
    assert yaml.safe_load(data)["nhiem_vu"][0]["noi_dung"] == original.tasks[0].text  # -- the rest as it was --
    # -- comments kept: the file is the original with one line changed --
    before = (served.root / "examples" / "xa-2026-du-thao.yaml").read_text(encoding="utf-8").splitlines()
    after = data.decode("utf-8").splitlines()
    assert len(after) == len(before)
    assert [(a, b) for a, b in zip(before, after, strict=True) if a != b] == [
        (f"    noi_dung: {original.tasks[2].text}", "    noi_dung: Rà soát toàn bộ văn bản của xã sau sắp xếp")
    ]
    # -- separate files: the decision and the plan, zipped --
    name, data = download(page, "download-rieng")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert len(names) == 2
        for member in names:
            office.register(f"web-rieng-{member}", archive.read(member))


def test_lists_add_remove_and_reorder_items(page: Page) -> None:
    open_section(page, "Danh sách nhiệm vụ cụ thể")
    for index, text in enumerate(["một", "hai", "ba"]):
        add(page, "nhiem_vu")
        fill(page, f"nhiem_vu[{index}].noi_dung", text)
    items = page.locator('[data-path="nhiem_vu"] > .items > .item')
    items.nth(2).locator("> .item-tools button.up").click()  # -- "ba" above "hai" --
    items.nth(0).locator("> .item-tools button.remove").click()  # -- "một" gone --
    spec = page.evaluate("Form.current()")
    assert [task["noi_dung"] for task in spec["nhiem_vu"]] == ["ba", "hai"]



def test_the_plan_lives_in_the_browser_and_survives_a_reload(page: Page) -> None:
    fill(page, "co_quan_ban_hanh.dia_ban", "Tân Phước")
    settle(page)
    page.reload()
    page.wait_for_selector("body[data-ready='1']", state="attached")
    assert page.locator('[data-path="co_quan_ban_hanh.dia_ban"]').input_value() == "Tân Phước"



def differences(want: Any, got: Any, path: str = "") -> list[str]:
    """Where two plans differ, as field paths."""
    if isinstance(want, dict) and isinstance(got, dict):
        return [d for key in {*want, *got} for d in differences(want.get(key), got.get(key), f"{path}.{key}".lstrip("."))]
    if isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        return [d for i, (a, b) in enumerate(zip(want, got, strict=True)) for d in differences(a, b, f"{path}[{i}]")]
    return [] if want == got else [f"{path}: {want!r} → {got!r}"]


def test_every_catalogue_plan_opens_into_the_form_without_losing_a_value(page: Page) -> None:
    """The form holds every key of every real plan: what it sends back is the file's plan."""
    from cchc_docgen.web.checks import from_yaml
    from cchc_docgen.web.yaml_save import _canon

    paths = sorted((ROOT / "plan_specs").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))
    for path in paths:
        page.locator("#open-file").set_input_files(str(path))
        page.wait_for_selector(f"body[data-opened='{path.name}']", state="attached")
        got, want = _canon(page.evaluate("Form.current()")), _canon(from_yaml(path.read_text(encoding="utf-8")))
        assert got == want, (path.name, differences(want, got)[:5])
    REPORT["web: plans opened into the form without loss"] = str(len(paths))


def test_a_long_list_opens_folded_to_one_line_per_item_and_a_mistake_unfolds_its_item(page: Page) -> None:
    text = (ROOT / "examples" / "xa-2026-du-thao.yaml").read_text(encoding="utf-8")
    # -- an impossible date in one task (an error), and a leading agency left out of the recipients (warnings) --
    wrong = text.replace("thoi_han: tháng 11/2026", "thoi_han: 31/11/2026").replace("gom: [vp, vhxh, ktht, hcc]", "gom: [vp, vhxh, ktht]")
    assert wrong.count("31/11/2026") == 1 and "gom: [vp, vhxh, ktht] " in wrong
    page.locator("#open-file").set_input_files(files=[{"name": "ngay-sai.yaml", "mimeType": "application/yaml", "buffer": wrong.encode("utf-8")}])
    page.wait_for_selector("body[data-opened='ngay-sai.yaml']", state="attached")
    settle(page)
    tasks = cchc_docgen.parse_spec(text).tasks
    folds = page.locator('[data-path="nhiem_vu"] > .items > .item > details.item-fold')
    assert folds.count() == len(tasks) > 4
    assert [s.split(". ", 1)[1] for s in folds.locator("> summary").all_inner_texts()] == [t.text[:110] for t in tasks]
    wrong_task = next(i for i, t in enumerate(tasks) if t.deadline.text == "Tháng 11/2026")
    message = page.locator(f'#plan .finding.error[data-for="nhiem_vu[{wrong_task}].thoi_han"]')
    assert message.count() == 1 and message.is_visible()  # -- its item unfolded to show it --
    assert [folds.nth(i).get_attribute("open") is not None for i in range(folds.count())] == [i == wrong_task for i in range(len(tasks))]
    fill(page, f"nhiem_vu[{wrong_task}].thoi_han", "tháng 11/2026")  # -- fixed: the rules run, their warnings come --
    settle(page)
    warned = {i for i, t in enumerate(tasks) if t.lead == "hcc"} - {wrong_task}
    assert warned and page.locator("#plan .finding.error").count() == 0
    assert {f"nhiem_vu[{i}].chu_tri" for i in warned} <= set(page.locator("#plan .finding.warning").evaluate_all("els => els.map(e => e.dataset.for)"))
    marked = {i for i in range(folds.count()) if "folded-warning" in (folds.nth(i).locator("> summary").get_attribute("class") or "")}
    assert marked == warned  # -- a warning leaves its item folded and marks its line --
