"""Property test: whatever a drafter (or an attacker) does to the Word template ends in a
clear Vietnamese message naming the template, or in documents python-docx and LibreOffice
open.

The edits are those seen in real restyled templates and in the attack on them: styles
renamed, or renamed and given new ids as LibreOffice does on saving; the placeholder
paragraph moved, duplicated, removed or typed into; a stray paragraph in its style; the
style samples edited; ``|safe`` inserted, autoescape turned off, values in attributes;
DOCTYPE and entities in a part. Run length as in tests/test_properties.py: a fixed seed and
a bounded number of examples in every run, more with ``CCHC_LONG=1``.
"""

from __future__ import annotations

import copy
import itertools
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from cchc_docgen import TemplateError, decree30, parse_spec, render

from support.docx_facts import document_text, open_docx
from support.spec_builder import BASE, WITH_DECISION
from support.template_edits import CORE, DOCUMENT, STYLES, XML_DECLARATION, members, pack

pytestmark = pytest.mark.slow

LONG = os.environ.get("CCHC_LONG") == "1"
EXAMPLES = 400 if LONG else 40
OFFICE_SAMPLE = 60 if LONG else EXAMPLES  # -- in CI every rendered document goes to LibreOffice --
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PLANS = [parse_spec(BASE.replace("Mức độ hài lòng của người dân đạt", "Mức độ hài lòng của người dân & <doanh nghiệp> đạt")), parse_spec(WITH_DECISION)]
VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _paragraphs(body: etree._Element) -> list[etree._Element]:
    return list(body.iterchildren(_q("p")))


def _text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(_q("t")))


def _style_of(paragraph: etree._Element) -> str | None:
    found = paragraph.find(f"{_q('pPr')}/{_q('pStyle')}")
    return None if found is None else found.get(_q("val"))


def _marker(body: etree._Element) -> etree._Element | None:
    """The paragraph of the danh_dau branch (whatever its style is called by now), if an
    earlier edit left it."""
    paragraphs = _paragraphs(body)
    for before, paragraph in itertools.pairwise(paragraphs):
        if 'b.kind == "danh_dau"' in _text(before) and _text(paragraph) != "" and "{%p" not in _text(paragraph):
            return paragraph
    return None


def _paragraph(text: str, style: str | None = None) -> etree._Element:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return etree.fromstring(f'<w:p xmlns:w="{W}">{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>')


def _set_text(paragraph: etree._Element, text: str) -> None:
    runs = list(paragraph.iter(_q("t")))
    runs[0].text = text
    for extra in runs[1:]:
        extra.text = ""


# -- the edits: each takes the parsed document and styles and a draw of hypothesis data --
def rename_style(document: Any, styles: Any, data: st.DataObject) -> None:
    style = data.draw(st.sampled_from(decree30.STYLES), label="renamed")
    name = styles.find(f".//{_q('style')}[@{_q('styleId')}='{style.style_id}']/{_q('name')}")
    if name is None:  # -- given a new id by an earlier edit --
        return
    name.set(_q("val"), data.draw(st.sampled_from(["Quốc hiệu", "Thân bài", "Kiểu 1", "Normal", "CCHC Thân văn bản", "x" * 40]), label="new name"))


def new_style_id(document: Any, styles: Any, data: st.DataObject) -> None:
    """LibreOffice's save: an id made again from the (possibly renamed) name, every reference kept."""
    style = data.draw(st.sampled_from(decree30.STYLES), label="new id")
    element = styles.find(f".//{_q('style')}[@{_q('styleId')}='{style.style_id}']")
    if element is None:
        return
    new_id = re.sub(r"[^A-Za-z0-9]", "", element.find(_q("name")).get(_q("val"))) + "1"
    element.set(_q("styleId"), new_id)
    for tree in (document, styles):
        for reference in tree.iter():
            if reference.get(_q("val")) == style.style_id and reference.tag != _q("name"):
                reference.set(_q("val"), new_id)


def move_marker(document: Any, styles: Any, data: st.DataObject) -> None:
    body = document.find(_q("body"))
    marker = _marker(body)
    if marker is None:
        return
    body.remove(marker)
    places = _paragraphs(body)
    places[data.draw(st.integers(0, len(places) - 1), label="to")].addprevious(marker)


def duplicate_marker(document: Any, styles: Any, data: st.DataObject) -> None:
    marker = _marker(document.find(_q("body")))
    if marker is not None:
        marker.addnext(copy.deepcopy(marker))


def remove_marker(document: Any, styles: Any, data: st.DataObject) -> None:
    marker = _marker(document.find(_q("body")))
    if marker is not None:
        marker.getparent().remove(marker)


def type_into_marker(document: Any, styles: Any, data: st.DataObject) -> None:
    marker = _marker(document.find(_q("body")))
    if marker is not None:
        _set_text(marker, data.draw(st.sampled_from(["", "{{ b.label }}", "x{{ b.text }}", "1", "{{ b.text }} ", "  "])))


def stray_marker_paragraph(document: Any, styles: Any, data: st.DataObject) -> None:
    body = document.find(_q("body"))
    places = _paragraphs(body)
    text = data.draw(st.sampled_from(["Ghi chú", "0", "99", "", "{{ b.kind }}"]), label="stray")
    places[data.draw(st.integers(0, len(places) - 1), label="at")].addprevious(_paragraph(text, "CCHCDanhDau"))


def edit_sample(document: Any, styles: Any, data: st.DataObject) -> None:
    samples = [p for p in _paragraphs(document.find(_q("body"))) if re.search(r"\[CCHC\w+\]$", _text(p))]
    paragraph = data.draw(st.sampled_from(samples), label="sample")
    _set_text(paragraph, data.draw(st.sampled_from(["", "Quốc hiệu", "[CCHCThan]", _text(paragraph) + " (sửa)"]), label="sample text"))


def insert_safe(document: Any, styles: Any, data: st.DataObject) -> None:
    texts = [t for t in document.iter(_q("t")) if t.text and "{{ b." in t.text]
    t = data.draw(st.sampled_from(texts), label="safe at")
    t.text = t.text.replace(" }}", data.draw(st.sampled_from(["|safe }}", "|urlize }}", "|e }}", " ~ '<w:br/>'|safe }}"])), 1)


def autoescape_off(document: Any, styles: Any, data: st.DataObject) -> None:
    texts = [t for t in document.iter(_q("t")) if t.text and "{{ b." in t.text]
    t = data.draw(st.sampled_from(texts), label="autoescape at")
    t.text = "{% autoescape false %}" + t.text + "{% endautoescape %}"


def attribute_value(document: Any, styles: Any, data: st.DataObject) -> None:
    body = document.find(_q("body"))
    paragraph = data.draw(st.sampled_from([p for p in _paragraphs(body) if "{{" in _text(p)]), label="attribute on")
    expression = data.draw(st.sampled_from(["{{ b.kind }}", "{{ b.text }}", "{{ b.text|safe }}", "{{ b.label }}"]))
    attribute = data.draw(st.sampled_from(["rsidR", "rsidRDefault"]))
    paragraph.set(_q(attribute), expression)


def entity(document: Any, styles: Any, data: st.DataObject) -> str:
    """Marks a part for a DOCTYPE, added to its text when the package is written."""
    return data.draw(st.sampled_from([DOCUMENT, STYLES, CORE]), label="entity in")


EDITS = [rename_style, new_style_id, move_marker, duplicate_marker, remove_marker, type_into_marker, stray_marker_paragraph,
         edit_sample, insert_safe, autoescape_off, attribute_value, entity]  # fmt: skip
_COUNTER = itertools.count()


def _edited_template(folder: Path, data: st.DataObject) -> tuple[Path, list[str]]:
    parts = members()
    document, styles = (etree.fromstring(str(parts[name]).encode("utf-8")) for name in (DOCUMENT, STYLES))
    edits = data.draw(st.lists(st.sampled_from(EDITS), min_size=1, max_size=3), label="edits")
    doctype_in = [edit(document, styles, data) for edit in edits if edit is entity]
    for edit in edits:
        if edit is not entity:
            edit(document, styles, data)
    parts[DOCUMENT] = XML_DECLARATION + etree.tostring(document, encoding=str)
    parts[STYLES] = XML_DECLARATION + etree.tostring(styles, encoding=str)
    for name in doctype_in:
        text = str(parts[name])
        parts[name] = text.replace(XML_DECLARATION, XML_DECLARATION + '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1)
    path = folder / f"mau-{next(_COUNTER)}.docx"
    path.write_bytes(pack(parts))
    return path, [edit.__name__ for edit in edits]


@settings(max_examples=EXAMPLES, derandomize=not LONG, deadline=None, database=None, print_blob=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])  # fmt: skip
@given(data=st.data())
def test_any_edit_of_the_template_ends_in_a_clear_message_or_documents_that_open(tmp_path: Path, office, data: st.DataObject) -> None:
    template, edits = _edited_template(tmp_path, data)
    plan = data.draw(st.sampled_from(PLANS), label="plan")
    try:
        documents = render(plan, template=template)
    except TemplateError as exc:
        message = str(exc)
        assert message.startswith(str(template)), (edits, message)
        assert "\n    Gợi ý: " in message and VIETNAMESE.search(message.splitlines()[0]), (edits, message)
        assert "Traceback" not in message and "root:" not in message
        _tally("message")
        return
    _tally("documents")
    for document in documents:
        opened = open_docx(document.data)  # -- python-docx reads every part it needs --
        assert document_text(opened).strip(), edits
        if _OFFICE.budget > 0:
            _OFFICE.budget -= 1
            office.register(f"template-property-{'-'.join(edits)}", document.data)


_OUTCOMES: dict[str, int] = {}


def _tally(outcome: str) -> None:
    from conftest import REPORT

    _OUTCOMES[outcome] = _OUTCOMES.get(outcome, 0) + 1
    REPORT["template edits (property test)"] = f"{sum(_OUTCOMES.values())} templates: {_OUTCOMES.get('message', 0)} refused with a message, " \
                                               f"{_OUTCOMES.get('documents', 0)} rendered and reopened"


class _Budget:
    budget = OFFICE_SAMPLE


_OFFICE = _Budget()
