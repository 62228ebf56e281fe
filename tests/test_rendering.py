"""No value can break or hijack a document, and no template can reach outside itself."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import jinja2
import pytest
from docx.oxml.ns import qn
from jinja2.sandbox import SecurityError

from cchc_docgen import SpecError, TemplateError, generate, parse_spec, render
from cchc_docgen.rendering import default_template, environment

from support.docx_facts import document_text, open_docx
from support.error_table import TEMPLATES, build_templates
from support.spec_builder import BASE, WITH_DECISION, spec_text, write_spec

TRICKY = "A & B < C > D \"kép\" 'đơn'\tcột\nDòng mới ]]> &amp; <w:t>x</w:t>"
JINJA_LIKE = ["{{ 7*7 }}", "{% for b in blocks %}X{% endfor %}", "{# chú thích #}", "{%p if true %}", "}}{{ b.text", "{{ b.__class__ }}"]


def _yaml_string(text: str) -> str:
    """``text`` as a double-quoted YAML scalar."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")
    return f'"{escaped}"'


def _text_of(spec_yaml: str, office=None, name: str = "") -> str:
    documents = render(parse_spec(spec_yaml))
    if office is not None:
        for document in documents:
            office.register(name, document.data)
    return "\n".join(document_text(open_docx(d.data)) for d in documents)


@pytest.fixture(scope="module", autouse=True)
def _hostile_templates() -> None:
    build_templates()


def test_special_characters_come_out_as_written_everywhere(office) -> None:
    value = _yaml_string(TRICKY)
    recipient = _yaml_string('Sở Nội vụ & "Ban TĐKT" (b/c)')
    text = spec_text(
        ("trich_yeu: Công tác cải cách hành chính năm 2021", f"trich_yeu: {_yaml_string('Cải cách & <chuyển đổi> số')}"),
        ("noi_dung: Rà soát văn bản quy phạm pháp luật do HĐND, UBND huyện ban hành", f"noi_dung: {value}"),
        ("    - loai: nhiem_vu_cu_the\n", f"    - loai: nhiem_vu_cu_the\n      doan: [{value}]\n"),
        ("ptp: Phòng Tư pháp", f"ptp: {_yaml_string('Phòng Tư pháp & <Hộ tịch>')}"),
        ("    - co_quan: pnv\n", f"    - co_quan: pnv\n    - {recipient}\n"),
        ("ho_ten: Võ Văn Hùng", f"ho_ten: {_yaml_string('Võ Văn <Hùng> & Co')}"),
        ("  dia_ban: Thăng Bình\n", f"  dia_ban: {_yaml_string('Thăng Bình & <Quế>')}\n"),
    )
    printed = _text_of(text, office, "special-characters")
    assert printed.count(TRICKY) == 2  # the body paragraph and the appendix cell
    # -- a tab or line break inside <w:t> would show as a space in Word: they must be <w:tab/>, <w:br/> --
    body = open_docx(render(parse_spec(text))[0].data).element.body
    assert not [t.text for t in body.iter(qn("w:t")) if t.text and ("\t" in t.text or "\n" in t.text)]
    assert len(list(body.iter(qn("w:tab")))) >= 2 and len(list(body.iter(qn("w:br")))) >= 2
    for expected in ("Cải cách & <chuyển đổi> số", "Phòng Tư pháp & <Hộ tịch>", 'Sở Nội vụ & "Ban TĐKT" (b/c);', "Võ Văn <Hùng> & Co", "THĂNG BÌNH & <QUẾ>"):
        assert expected in printed


@pytest.mark.parametrize("value", JINJA_LIKE)
def test_a_value_that_looks_like_a_template_is_printed_literally(value: str, office) -> None:
    text = spec_text(
        ("noi_dung: Rà soát văn bản quy phạm pháp luật do HĐND, UBND huyện ban hành", f"noi_dung: {_yaml_string(value)}"),
        ("    - loai: nhiem_vu_cu_the\n", f"    - loai: nhiem_vu_cu_the\n      doan: [{_yaml_string(value)}]\n"),
        ("ho_ten: Võ Văn Hùng", f"ho_ten: {_yaml_string(value)}"),
    )
    printed = _text_of(text, office, "jinja-like")
    assert printed.count(value) >= 3
    assert "49" not in printed.replace(value, "")


def test_templates_render_in_a_strict_escaping_sandbox() -> None:
    env = environment()
    assert env.from_string("{{ x }}").render(x="<a & b>") == "&lt;a &amp; b&gt;"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ khong_co }}").render()
    with pytest.raises(SecurityError):
        env.from_string("{{ x.__class__.__mro__ }}").render(x="")
    with pytest.raises(SecurityError):
        env.from_string("{{ x.append(1) }}").render(x=[])  # immutable: a template cannot change the view
    with pytest.raises(jinja2.TemplateNotFound):
        env.from_string("{% include '/etc/passwd' %}").render()


def _template_error(tmp_path: Path, template: str) -> str:
    """The message of the one check finding a broken drafter's template gives: rule MAU-WORD at xuat.mau."""
    shutil.copy(TEMPLATES / template, tmp_path / template)
    spec = write_spec(tmp_path, BASE + f"xuat:\n  mau: {template}\n")
    with pytest.raises(SpecError) as caught:
        generate(spec, tmp_path / "out")
    [finding] = caught.value.problems
    assert (finding.rule, finding.path, finding.file) == ("MAU-WORD", "xuat.mau", str(spec))
    assert not (tmp_path / "out").exists()
    return finding.format()


def test_an_undefined_name_in_a_template_names_the_template_and_the_place(tmp_path: Path) -> None:
    message = _template_error(tmp_path, "template-undefined-name.docx")
    assert f"xuat.mau: {(tmp_path / 'template-undefined-name.docx').resolve()}: " in message
    assert "mẫu dùng một tên mà văn bản không có" in message and "'tieu_de'" in message
    assert "Đoạn trong mẫu: " in message and "{{ b.tieu_de }}" in message


def test_a_drafter_template_cannot_read_files(tmp_path: Path) -> None:
    message = _template_error(tmp_path, "template-include.docx")
    assert "không được đọc tệp khác ('/etc/passwd')" in message
    assert "root:" not in message


def test_a_drafter_template_cannot_reach_python_internals(tmp_path: Path) -> None:
    message = _template_error(tmp_path, "template-python-internals.docx")
    assert "mẫu cố truy cập phần bị cấm" in message
    assert "__subclasses__" in message  # the place, quoted from the template


@pytest.mark.parametrize("template, what", [
    ("template-syntax-error.docx", "mẫu có lỗi cú pháp"),
    ("template-runtime-error.docx", "range() hơn 100,000 số"),
    ("template-not-docx.docx", "không phải tệp Word (.docx)"),
])  # fmt: skip
def test_a_broken_drafter_template_is_a_clear_template_error(tmp_path: Path, template: str, what: str) -> None:
    message = _template_error(tmp_path, template)
    assert what in message and "Gợi ý:" in message


def test_a_drafter_template_that_only_restyles_renders_the_same_text(tmp_path: Path, office) -> None:
    shutil.copy(default_template(), tmp_path / "mau-rieng.docx")
    own = generate(write_spec(tmp_path, BASE + "xuat:\n  mau: mau-rieng.docx\n"), tmp_path / "rieng")
    default = generate(write_spec(tmp_path, BASE, "mac-dinh.yaml"), tmp_path / "mac-dinh")
    assert [document_text(open_docx(p.read_bytes())) for p in own] == [document_text(open_docx(p.read_bytes())) for p in default]
    office.register("own-template", own[0].read_bytes())


def test_a_drafter_templates_own_page_header_keeps_its_text_and_heads_the_first_section(tmp_path: Path, office) -> None:
    """The page-number header is added to the template once, when it is compiled; a
    document that opens with a decision gets a section of its own before the template's,
    and the header must move there, not stay on the plan's section or appear twice."""
    from docx import Document

    template = Document(str(default_template()))
    template.sections[0].header.paragraphs[0].text = "Mẫu riêng của xã"
    template.save(str(tmp_path / "mau-tieu-de.docx"))
    written = generate(write_spec(tmp_path, WITH_DECISION + "xuat:\n  mau: mau-tieu-de.docx\n  che_do: gop\n"), tmp_path / "ra")
    assert len(written) == 1
    data = written[0].read_bytes()
    office.register("own-page-header", data)
    document = open_docx(data)
    assert len(document.sections) >= 2
    first, *later = document.sections
    assert not first.header.is_linked_to_previous and not first.first_page_header.is_linked_to_previous
    header_xml = first.header._element.xml
    assert "Mẫu riêng của xã" in header_xml and header_xml.count("PAGE") == 1
    assert "PAGE" not in first.first_page_header._element.xml
    assert all(section._sectPr.find(qn("w:headerReference")) is None for section in later)


def test_documents_rendered_from_one_compiled_template_are_independent() -> None:
    """The template is read and prepared once per process; each document must still be its
    own, or one plan's text, properties or sections would leak into the next."""
    from cchc_docgen import postprocess, rendering, writing
    from cchc_docgen.view import build_views

    specs = [parse_spec(spec_text(("trich_yeu: Công tác cải cách hành chính năm 2021", f"trich_yeu: Kế hoạch số {n}"))) for n in (1, 2)]
    alone = render(specs[1])[0].data
    first, second = (rendering.render(build_views(spec)[0], prepare=postprocess.prepare) for spec in specs)
    assert first.members is not second.members
    for document, spec in zip((first, second), specs, strict=True):
        postprocess.finish(document, build_views(spec)[0], created=dt.datetime(2021, 1, 14, tzinfo=dt.UTC))
    one, two = writing.to_bytes(first), writing.to_bytes(second)
    assert "Kế hoạch số 1" in document_text(open_docx(one)) and "Kế hoạch số 2" not in document_text(open_docx(one))
    assert open_docx(one).core_properties.title != open_docx(two).core_properties.title
    assert render(specs[1])[0].data == alone  # -- rendering others in between changed nothing --


@pytest.mark.parametrize("body, safe", [
    ('{% for b in blocks %}<w:p><w:r><w:t>{{ b.text }}</w:t></w:r></w:p>{% endfor %}', True),  # -- docxtpl's {%p %}: whole paragraphs --
    ('<w:p><w:pPr><w:pStyle w:val="{{ b.kind }}"/></w:pPr></w:p>', False),  # -- a value in an attribute: not a restyled copy of ours --
    ('<w:p><w:r><w:t>{% if b.text %}</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>{% endif %}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>', False),
    ('<w:p><w:r><w:t>x</w:t>{{ b.text }}</w:r></w:p>', False),  # -- a value outside any w:t --
    ('{{ b.text }}<w:p/>', False),
    ('<w:p w:rsidR="{% if x %}1{% endif %}"/>', False),
    ('<w:p><w:r><w:t>{# ghi chú #}</w:t></w:r></w:p>', False),
    ('<w:p><w:r><w:t>không đóng</w:t></w:r>', False),
])
def test_only_a_template_that_keeps_or_repeats_whole_paragraphs_skips_the_xml_check(body: str, safe: bool) -> None:
    """The shipped template's output is never parsed: that is sound only where no plan can
    make it ill-formed, which is decided from the template itself."""
    from cchc_docgen.rendering import _only_whole_paragraphs

    source = f'<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{body}</w:body>'
    assert _only_whole_paragraphs(source) is safe


# -- a template that can print markup: its output is parsed, and one that breaks the XML is refused --
AMPERSAND_PLAN = BASE.replace("trich_yeu: Công tác cải cách hành chính năm 2021", 'trich_yeu: "Cải cách & <chuyển đổi> số"')


def _written_over_a_good_output(tmp_path: Path, template: Path) -> tuple[str, Path, bytes]:
    """Render ``template`` (the spec's own, xuat.mau) into a folder that already holds a good
    document of the same plan: the message of its one MAU-WORD finding."""
    good = generate(write_spec(tmp_path, AMPERSAND_PLAN, "tot.yaml"), tmp_path / "ra")[0]
    before = good.read_bytes()
    spec = write_spec(tmp_path, AMPERSAND_PLAN + f"xuat:\n  mau: {template.name}\n")
    with pytest.raises(SpecError) as caught:
        generate(spec, tmp_path / "ra")
    [finding] = caught.value.problems
    assert (finding.rule, finding.path) == ("MAU-WORD", "xuat.mau")
    return finding.format(), good, before


@pytest.mark.parametrize("hostile, construct", [
    ("{{ b.text|safe }}", "|safe"),
    ("{% autoescape false %}{{ b.text }}{% endautoescape %}", "{% autoescape %}"),
])  # fmt: skip
def test_a_template_with_safe_that_breaks_the_xml_is_refused_and_nothing_written(tmp_path: Path, hostile: str, construct: str) -> None:
    from support.template_edits import with_text

    template = with_text(tmp_path / "mau.docx", hostile, old="{{ b.text }}</w:t></w:r></w:p><w:p><w:r><w:t>{%p elif b.kind == \"kem_theo\"")
    message, good, before = _written_over_a_good_output(tmp_path, template)
    assert f"xuat.mau: {template.resolve()}: mẫu làm hỏng cấu trúc văn bản Word" in message
    assert f"mẫu dùng {construct}" in message and "Gợi ý:" in message
    assert sorted(p.name for p in good.parent.iterdir()) == [good.name] and good.read_bytes() == before


def test_a_paragraph_level_autoescape_off_is_refused_too(tmp_path: Path) -> None:
    from support.template_edits import DOCUMENT, edited

    template = edited(tmp_path / "mau.docx", {DOCUMENT: [("{%p for b in blocks %}", "{%p autoescape false %}"), ("{%p endfor %}", "{%p endautoescape %}")]})
    # -- the loop must stay: put it back inside the autoescape block --
    template = edited(tmp_path / "mau.docx", {DOCUMENT: [("{%p autoescape false %}", "{%p autoescape false %}</w:t></w:r></w:p><w:p><w:r><w:t>{%p for b in blocks %}"),
                                                        ("{%p endautoescape %}", "{%p endfor %}</w:t></w:r></w:p><w:p><w:r><w:t>{%p endautoescape %}")]},
                      template=template)  # fmt: skip
    message, _, _ = _written_over_a_good_output(tmp_path, template)
    assert "mẫu làm hỏng cấu trúc văn bản Word" in message


def test_a_safe_value_inside_an_attribute_is_refused(tmp_path: Path) -> None:
    from support.template_edits import DOCUMENT, edited

    template = edited(tmp_path / "mau.docx", {DOCUMENT: [('<w:pStyle w:val="CCHCTrichYeu"/>', '<w:pStyle w:val="{{ b.text|safe }}"/>')]})
    message, _, _ = _written_over_a_good_output(tmp_path, template)
    assert "mẫu làm hỏng cấu trúc văn bản Word" in message


def test_markup_a_template_prints_inside_a_text_run_is_refused(tmp_path: Path) -> None:
    from support.template_edits import with_text

    template = with_text(tmp_path / "mau.docx", "{{ '<b>đậm</b>'|safe }}{{ b.text }}")
    with pytest.raises(TemplateError) as caught:
        render(parse_spec(BASE), template=template)
    assert "mẫu in ra thẻ <b>" in str(caught.value)


def test_a_template_whose_safe_output_stays_well_formed_gives_a_document_that_opens(tmp_path: Path, office) -> None:
    """``|safe`` alone is not refused: the document is parsed, and kept when it is whole."""
    from support.template_edits import with_text

    template = with_text(tmp_path / "mau.docx", "{{ b.text|safe }}")
    documents = render(parse_spec(BASE), template=template)
    office.register("safe-well-formed", documents[0].data)
    assert "Rà soát văn bản quy phạm pháp luật" in document_text(open_docx(documents[0].data))


def test_urlize_in_a_template_never_puts_an_a_element_inside_a_text_run(tmp_path: Path, office) -> None:
    import zipfile

    from support.template_edits import with_text

    template = with_text(tmp_path / "mau.docx", "{{ b.text|urlize }} https://dichvucong.gov.vn")
    documents = render(parse_spec(BASE), template=template)
    office.register("urlize", documents[0].data)
    xml = zipfile.ZipFile(io.BytesIO(documents[0].data)).read("word/document.xml").decode("utf-8")
    assert "<a " not in xml and "<a>" not in xml
    assert "https://dichvucong.gov.vn" in document_text(open_docx(documents[0].data))


def test_a_template_without_a_body_or_with_an_empty_one_is_reported(tmp_path: Path) -> None:
    import re

    from support.template_edits import DOCUMENT, edited, members

    document = members()[DOCUMENT]
    assert isinstance(document, str)
    body = re.search(r"<w:body>.*</w:body>", document, re.DOTALL)
    assert body is not None
    sect = body.group(0)[body.group(0).index("<w:sectPr") : -len("</w:body>")]
    cases = {
        "khong-than.docx": (body.group(0), "", "không có phần thân văn bản (w:body)"),
        "than-rong.docx": (body.group(0), "<w:body/>", "mẫu không in nội dung kế hoạch: phần thân trống"),
        "chi-sectpr.docx": (body.group(0), f"<w:body>{sect}</w:body>", "mẫu không in nội dung kế hoạch"),
    }
    for name, (old, new, expected) in cases.items():
        template = edited(tmp_path / name, {DOCUMENT: [(old, new)]})
        with pytest.raises(TemplateError) as caught:
            render(parse_spec(BASE), template=template)
        assert expected in str(caught.value) and "Gợi ý:" in str(caught.value), name


def test_a_template_without_a_section_still_gets_its_page_setup(tmp_path: Path, office) -> None:
    import re

    from support.template_edits import DOCUMENT, edited, members

    document = members()[DOCUMENT]
    assert isinstance(document, str)
    sect = re.search(r"<w:sectPr.*?</w:sectPr>", document, re.DOTALL)
    assert sect is not None
    template = edited(tmp_path / "mau.docx", {DOCUMENT: [(sect.group(0), "")]})
    data = render(parse_spec(BASE), template=template)[0].data
    office.register("no-section", data)
    first, *_, last = open_docx(data).sections
    assert (round(first.page_width.mm), round(first.page_height.mm), round(first.left_margin.mm)) == (210, 297, 30)
    assert round(last.page_width.mm) == 297  # -- the appendix, landscape --


def test_a_template_saved_again_while_the_process_runs_is_read_again(tmp_path: Path) -> None:
    import os

    from support.template_edits import with_text

    template = with_text(tmp_path / "mau.docx", "{{ b.text }} (bản 1)")
    assert "(bản 1)" in document_text(open_docx(render(parse_spec(BASE), template=template)[0].data))
    with_text(template, "{{ b.text }} (bản 2)")
    os.utime(template, ns=(1, 1))  # -- a different modification time, whatever the clock's resolution --
    assert "(bản 2)" in document_text(open_docx(render(parse_spec(BASE), template=template)[0].data))


@pytest.mark.parametrize(
    "body",
    [
        '<w:p><w:r><w:t>một\nhai</w:t></w:r></w:p>',
        '<w:p w:rsidR="1"><w:pPr><w:pStyle w:val="CCHCThan"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">a\tb\nc</w:t></w:r></w:p>',
        '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>x\ay\fz</w:t></w:r><w:r><w:t>plain</w:t></w:r></w:p><w:p><w:r><w:t>\t</w:t></w:r></w:p>',
        '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ô\nô</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
    ],
)
def test_line_breaks_and_tabs_are_written_as_docxtpl_writes_them(body: str) -> None:
    """The render step writes line breaks and tabs itself (importing docxtpl for them cost a
    process 50 ms); the result is docxtpl's ``resolve_listing``'s."""
    from docxtpl import DocxTemplate

    from cchc_docgen.breaks import line_breaks

    assert line_breaks(body) == DocxTemplate.resolve_listing(None, body)  # type: ignore[arg-type]
