"""Every document the catalogue renders meets Decree 30, read back from the DOCX."""

from __future__ import annotations

from conftest import REPORT, Rendered
from support.decree_checks import check_document
from support.docx_facts import open_docx

_COUNTS: dict[str, int] = {}


def test_every_catalogue_document_meets_decree_30(catalogue: list[Rendered]) -> None:
    failures = []
    for item in catalogue:
        facts = check_document(open_docx(item.document.data), item.label)
        _COUNTS[item.label] = len(facts.checked)
        failures += facts.failures
    REPORT["layout facts asserted"] = f"{sum(_COUNTS.values())} over {len(_COUNTS)} documents"
    assert not failures, "\n".join(failures[:20])
