"""The structure of every catalogue document (text with style facts, tables, sections) is
pinned as JSON, so any change to what a drafter receives shows up in review."""

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
