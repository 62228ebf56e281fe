"""Every plan_specs/ and examples/ document, rendered, imported and rendered again, comes
back token for token with the same numbering labels."""

from __future__ import annotations

import time

import pytest

import cchc_docgen

from conftest import EXAMPLES, PLAN_SPECS, REPORT
from support.imported import labels, match, render_text, text_of

TIMES: list[float] = []


@pytest.mark.parametrize("spec_path", [*PLAN_SPECS, *EXAMPLES], ids=lambda p: p.stem)
def test_a_rendered_plan_imports_back_to_the_same_document(spec_path, office, tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    first = list(cchc_docgen.render(cchc_docgen.load_spec(spec_path), mode="gop"))
    assert len(first) == 1
    source = tmp_path / f"{spec_path.stem}.docx"
    source.write_bytes(first[0].data)
    started = time.perf_counter()
    imported = cchc_docgen.import_plan(source)
    TIMES.append(time.perf_counter() - started)
    again_text, again = render_text(imported.text, f"{spec_path.stem}-nhap.yaml")
    office.register(f"import-roundtrip-{spec_path.stem}", again[0].data)
    original = text_of(first)
    result = match(original, again_text)
    figures = f"recall {result.recall:.4f}, precision {result.precision:.4f}"
    REPORT[f"import round trip {spec_path.stem}"] = figures
    REPORT["import time per file (median, round trip)"] = f"{sorted(TIMES)[len(TIMES) // 2] * 1000:.0f} ms over {len(TIMES)}"
    with capsys.disabled():
        print(f"\nimport round trip {spec_path.stem}: {figures}")
    assert result.recall >= 0.995, f"{figures}; missing: {result.missing[:5]}"
    assert result.precision >= 0.995, f"{figures}; extra: {result.extra[:5]}"
    assert labels(again_text) == labels(original)


def test_the_round_trip_measure_notices_a_lost_section(tmp_path) -> None:
    spec_path = EXAMPLES[0]
    document = cchc_docgen.render(cchc_docgen.load_spec(spec_path), mode="gop")[0]
    source = tmp_path / "plan.docx"
    source.write_bytes(document.data)
    text = cchc_docgen.import_plan(source).text
    damaged = text.replace("  noi_dung:\n    - ", "  noi_dung:\n    - tieu_de: Mục thêm\n    - ", 1)
    assert damaged != text
    again_text, _ = render_text(damaged)
    assert labels(again_text) != labels(text_of([document]))
