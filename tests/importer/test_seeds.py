"""The real plans' text (with its PDF artefacts) imports to a specification whose render
gives back the seed."""

from __future__ import annotations

import pytest

import cchc_docgen

from conftest import DATA, REPORT
from support.fidelity import compare
from support.imported import render_text

SEEDS = sorted((DATA / "seeds").glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_a_real_plan_text_imports_to_a_spec_that_renders_it_again(seed, office, capsys: pytest.CaptureFixture[str]) -> None:
    imported = cchc_docgen.import_plan(seed)
    text, documents = render_text(imported.text, f"{seed.stem}.yaml")
    for document in documents:
        office.register(f"import-seed-{seed.stem}", document.data)
    result = compare(seed.read_text(encoding="utf-8"), text)
    figures = f"recall {result.recall:.4f}, precision {result.precision:.4f}, {len(imported.guesses)} guesses"
    REPORT[f"import real text {seed.stem}"] = figures
    with capsys.disabled():
        print(f"\nimport real text {seed.stem}: {figures}")
    assert result.recall >= 0.97, f"{figures}; missing: {result.missing[:10]}"


def test_a_plan_without_its_header_names_the_committee_its_text_names_as_a_guess() -> None:
    imported = cchc_docgen.import_plan(DATA / "seeds" / "son-duong-2020-2025.txt")
    spec = cchc_docgen.parse_spec(imported.text)
    assert (spec.issuer.level, spec.issuer.area) == ("huyen", "Sơn Dương")
    assert "cap: huyen  # đoán:" in imported.text
    assert any("không có phần đầu" in note for note in imported.notes)


def test_a_capitalised_title_keeps_the_proper_names_the_text_capitalises() -> None:
    imported = cchc_docgen.import_plan(DATA / "seeds" / "tan-uyen-2023.txt")
    spec = cchc_docgen.parse_spec(imported.text)
    assert spec.plan.title == "Cải cách hành chính nhà nước năm 2023 của huyện Tân Uyên"
    assert spec.decision is not None and spec.decision.verb == "Phê duyệt"
    assert spec.decision.signer is not None and spec.decision.signer.name == "Nguyễn Thanh Văn"
