"""LibreOffice opens every document of every example and plan spec, in every mode."""

from __future__ import annotations

from conftest import REPORT, OfficeQueue, Rendered


def test_libreoffice_turns_every_catalogue_document_into_a_pdf(catalogue: list[Rendered], office: OfficeQueue) -> None:
    pages = office.convert_now([r.path for r in catalogue])
    unopened = [path.name for path, count in pages.items() if count < 1]
    assert not unopened
    for item in catalogue:
        if item.spec.stem == "tan-uyen-2023" and item.mode == "gop":
            REPORT["pages, Tân Uyên decision + plan in one file"] = str(pages[item.path])
    REPORT["catalogue documents opened by LibreOffice"] = f"{len(pages)}, {sum(pages.values())} pages in all"
