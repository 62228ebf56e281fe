"""What the importer cannot express in the format it keeps as written, and says so."""

from __future__ import annotations

import cchc_docgen

from conftest import DATA
from support.imported import labels, render_text


def test_a_kem_theo_line_without_its_decision_is_kept_as_written_and_flagged() -> None:
    imported = cchc_docgen.import_plan(DATA / "import" / "kem-theo-khong-co-quyet-dinh.txt")
    spec = cchc_docgen.parse_spec(imported.text)
    assert spec.decision is None
    assert spec.plan.opening[0] == "(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 12/01/2026 của Ủy ban nhân dân xã Hòa Bình)"
    assert any("kèm theo" in guess for guess in imported.guesses)
    assert cchc_docgen.render(spec).documents


def test_a_plan_without_a_date_gets_its_year_as_a_marked_guess() -> None:
    imported = cchc_docgen.import_plan(DATA / "import" / "kem-theo-khong-co-quyet-dinh.txt")
    assert "ngay: '2026'  # đoán:" in imported.text


def test_labels_typed_in_another_scheme_are_kept_with_danh_so() -> None:
    source = DATA / "import" / "danh-so-khong-la-ma.txt"
    imported = cchc_docgen.import_plan(source)
    spec = cchc_docgen.parse_spec(imported.text)
    assert spec.plan.numbering == ["so"]
    assert spec.plan.sections[0].numbering == ["thap_phan"]
    text, _ = render_text(imported.text)
    assert labels(text) == ["1.", "1.1.", "1.2.", "a)", "b)", "2."]


def test_without_its_header_a_plan_is_given_the_committee_its_text_names_whatever_letter_the_place_starts_with() -> None:
    """Extraction lost the header: the issuer is read from "Ủy ban nhân dân huyện Ứng Hòa", and
    the signer "Nguyễn Văn Út", whose column ran into the Nơi nhận's, is still the signer
    (names may start with any capital of Vietnamese, toned ones too)."""
    imported = cchc_docgen.import_plan(DATA / "import" / "khong-co-phan-dau-ung-hoa.txt")
    spec = cchc_docgen.parse_spec(imported.text)
    assert (spec.issuer.level, spec.issuer.area) == ("huyen", "Ứng Hòa")
    assert spec.plan.signer.name == "Nguyễn Văn Út"
    assert spec.plan.recipients == ["UBND thành phố Hà Nội"]
    assert cchc_docgen.render(spec).documents
