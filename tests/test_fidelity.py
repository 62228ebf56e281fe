"""The three real plans in plan_specs/ reproduce their seeds' text."""

from __future__ import annotations

import pytest

import cchc_docgen

from conftest import DATA, PLAN_SPECS, REPORT
from support.docx_facts import document_text, open_docx
from support.fidelity import compare

SEEDS = {path.stem: DATA / "seeds" / f"{path.stem}.txt" for path in PLAN_SPECS}


def test_every_seed_has_a_plan_spec() -> None:
    seeds = {p.stem for p in (DATA / "seeds").glob("*.txt")}
    assert seeds == set(SEEDS), "each seed in tests/data/seeds needs plan_specs/<same name>.yaml"


@pytest.mark.parametrize("spec_path", PLAN_SPECS, ids=lambda p: p.stem)
def test_a_real_plan_is_reproduced_token_for_token(spec_path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = cchc_docgen.load_spec(spec_path)
    text = "\n".join(document_text(open_docx(d.data)) for d in cchc_docgen.render(spec, mode="gop"))
    result = compare(SEEDS[spec_path.stem].read_text(encoding="utf-8"), text)
    figures = f"recall {result.recall:.4f}, precision {result.precision:.4f} ({result.seed_tokens} seed tokens)"
    REPORT[f"fidelity {spec_path.stem}"] = figures
    with capsys.disabled():
        print(f"\n{spec_path.stem}: {figures}")
    assert result.recall >= 0.98, f"{figures}; missing: {result.missing[:10]}"


def test_the_fidelity_measure_notices_a_dropped_paragraph() -> None:
    seed = (DATA / "seeds" / "thang-binh-2021.txt").read_text(encoding="utf-8")
    spec = cchc_docgen.load_spec(PLAN_SPECS[0])
    text = document_text(open_docx(cchc_docgen.render(spec)[0].data))
    paragraphs = text.split("\n")
    longest = max(paragraphs, key=len)
    damaged = compare(seed, "\n".join(p for p in paragraphs if p != longest))
    assert damaged.recall < compare(seed, text).recall
