"""A PDF with a text layer imports like the Word file it was made from; a scan does not
pass for a plan."""

from __future__ import annotations

import zlib

import pytest

import cchc_docgen

from conftest import EXAMPLES, PLAN_SPECS, REPORT
from support.imported import labels, match, render_text, text_of


def image_only_pdf() -> bytes:
    """One page holding a grey image and no text: what a scanner makes."""
    pixels = zlib.compress(bytes([128]) * 64 * 64)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
    ]
    content = b"q 500 0 0 700 40 60 cm /Im0 Do Q"
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PDF_CASES = [*PLAN_SPECS[-1:], *(p for p in EXAMPLES if p.stem == "xa-2026-du-thao")]  # -- a plan; a decision with a Phụ lục table --


@pytest.mark.parametrize("spec_path", PDF_CASES, ids=lambda p: p.stem)
def test_a_text_layer_pdf_of_a_render_imports_back_to_the_same_document(spec_path, office, capsys: pytest.CaptureFixture[str]) -> None:
    first = list(cchc_docgen.render(cchc_docgen.load_spec(spec_path), mode="gop"))
    docx = office.register(f"import-pdf-{spec_path.stem}", first[0].data)
    pages = office.convert_now([docx])
    assert pages[docx] >= 1
    pdf = office.folder / "pdf" / f"{docx.stem}.pdf"
    imported = cchc_docgen.import_plan(pdf)
    text, documents = render_text(imported.text)
    office.register(f"import-pdf-{spec_path.stem}-render", documents[0].data)
    result = match(text_of(first), text)
    REPORT[f"import PDF {spec_path.stem}"] = f"recall {result.recall:.4f}, precision {result.precision:.4f}"
    with capsys.disabled():
        print(f"\nimport PDF {spec_path.stem}: recall {result.recall:.4f}, precision {result.precision:.4f}")
    assert result.recall >= 0.99 and result.precision >= 0.99, (result.missing[:5], result.extra[:5])
    assert labels(text) == labels(text_of(first))


def test_a_scanned_pdf_is_refused_with_a_hint_to_use_ocr(tmp_path) -> None:
    scan = tmp_path / "ban-quet.pdf"
    scan.write_bytes(image_only_pdf())
    with pytest.raises(cchc_docgen.CchcError, match="chỉ có ảnh") as raised:
        cchc_docgen.import_plan(scan)
    assert "OCR" in str(raised.value) and str(scan) in str(raised.value)
