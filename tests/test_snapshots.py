"""The structure of every catalogue document is pinned as JSON: each paragraph's text with
its fonts, size, indents, spacing, keep-with-next and borders (with their lengths), each
table's column widths, each section's page setup, headers and page-number fields. Any
change to what a drafter receives shows up in review as a readable diff; one file per
document set, regenerated with `python -m pytest tests/test_snapshots.py --snapshot-update`."""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.json import JSONSnapshotExtension

from conftest import EXAMPLES, PLAN_SPECS, Rendered
from support.docx_facts import structure


@pytest.fixture
def snapshot_json(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(JSONSnapshotExtension)


@pytest.mark.parametrize("spec_path", [*EXAMPLES, *PLAN_SPECS], ids=lambda p: p.stem)
def test_document_structure_matches_its_snapshot(spec_path, catalogue: list[Rendered], snapshot_json: SnapshotAssertion) -> None:
    documents = {r.document.file_name: structure(r.document.data) for r in catalogue if r.spec == spec_path and r.mode == "rieng"}
    documents = documents or {r.document.file_name: structure(r.document.data) for r in catalogue if r.spec == spec_path}
    assert documents == snapshot_json
