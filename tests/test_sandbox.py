"""A drafter's template renders within a time and size budget, and what it prints is text."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_docgen import TemplateError, parse_spec, render, sandbox
from cchc_docgen.rendering import default_template, environment

from support.spec_builder import BASE
from support.template_edits import with_text

SPEC = parse_spec(BASE)


def _refusal(tmp_path: Path, hostile: str) -> str:
    template = with_text(tmp_path / "mau.docx", hostile)
    with pytest.raises(TemplateError) as caught:
        render(SPEC, template=template)
    message = str(caught.value)
    assert message.startswith(str(template)) and "Gợi ý:" in message
    return message


def test_nested_range_loops_in_a_template_stop_at_the_time_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "TIME_BUDGET_S", 0.5)
    message = _refusal(tmp_path, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}{{ b.text }}")
    assert "mẫu Word chạy quá 0.5 giây" in message
    assert "range(100000)" in message  # -- the paragraph of the template, quoted --


def test_a_loop_over_a_long_string_that_prints_nothing_stops_at_the_time_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "TIME_BUDGET_S", 0.5)
    message = _refusal(tmp_path, "{% set s = 'x' * 100000 %}{% for a in s %}{% for c in s %}{% endfor %}{% endfor %}{{ b.text }}")
    assert "chạy quá 0.5 giây" in message


def test_a_macro_that_calls_itself_forever_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "TIME_BUDGET_S", 0.5)
    message = _refusal(tmp_path, "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}{{ b.text }}")
    assert "mẫu không điền được" in message or "chạy quá" in message


@pytest.mark.parametrize("hostile", [
    "{{ 'x' * 2000000000 }}",
    "{{ 2000000000 * 'x' }}",
    "{{ ['x'] * 2000000000 }}",
    "{{ (['x' * 1000000] * 100000) | join }}",
    "{{ (['x' * 1000000] * 100000) | join(', ') }}",
    "{{ ('x' * 1000000).join(['y'] * 100000) }}",
    "{{ 'x'.ljust(2000000000) }}",
    "{{ 'x'.center(2000000000) }}",
    "{{ 'x' | center(2000000000) }}",
    "{{ '%2000000000s' | format('x') }}",
    "{{ '%2000000000s' % 'x' }}",
    "{{ '{:>2000000000}'.format('x') }}",
    "{{ ('x' * 1000000) | replace('x', 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy') }}",
    "{{ ('a\n' * 1000000) | indent(1000) }}",
    "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}",
    "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s | length }}",
    "{% for i in range(100000) %}{{ 'x' * 10000 }}{% endfor %}",
    "{% set s = 'x' * 30000000 %}{{ [s, s, s, s, s, s, s, s, s, s] }}",
    "{% set s = 'x' * 30000000 %}{{ (s, s, s) }}{{ {'a': s, 'b': s} }}",
    "{% set s = 'x' * 30000000 %}{{ dict(a=s, b=s, c=s) }}",
])  # fmt: skip
def test_a_template_that_would_make_gigabytes_of_text_stops_at_the_size_limit(tmp_path: Path, hostile: str) -> None:
    message = _refusal(tmp_path, hostile + "{{ b.text }}")
    assert f"mẫu Word tạo quá {sandbox.MAX_TEXT_MB} MB văn bản" in message
    assert "MemoryError" not in message


@pytest.mark.parametrize("hostile", ["{{ 10 ** 100000000 }}", "{{ (10 ** 50000) * (10 ** 50000) }}"])
def test_a_number_too_large_to_compute_is_refused_before_it_is_computed(tmp_path: Path, hostile: str) -> None:
    assert "số quá lớn" in _refusal(tmp_path, hostile + "{{ b.text }}")


def test_the_budget_leaves_ordinary_template_work_alone() -> None:
    env = environment()
    text = env.from_string("{% for i in range(3) %}{{ loop.index }}/{{ loop.length }}{{ ',' if not loop.last }}{% endfor %} {{ 'ab' * 3 }} "
                           "{{ ['a', 'b'] | join('-') }} {{ 'x' ~ 1 ~ 'y' }} {{ '%03d' | format(7) }} {{ 2 ** 10 }}")
    assert sandbox.render(text, {}) == "1/3,2/3,3/3 ababab a-b x1y 007 1024"


def test_urlize_prints_the_address_as_text_not_an_html_link() -> None:
    rendered = sandbox.render(environment().from_string("{{ 'xem https://dichvucong.gov.vn' | urlize }}"), {})
    assert rendered == "xem https://dichvucong.gov.vn" and "<a" not in rendered


def test_a_template_cannot_ask_for_lorem_ipsum_html() -> None:
    with pytest.raises(Exception, match="lipsum"):
        sandbox.render(environment().from_string("{{ lipsum() }}"), {})


@pytest.mark.parametrize("source, found", [
    ("{{ b.text | safe }}", ["|safe"]),
    ("{% autoescape false %}{{ b.text }}{% endautoescape %}", ["{% autoescape %}"]),
    ("{{ {'a': b.text} | xmlattr }}", ["|xmlattr"]),
    ("{{ [b.text] | map('safe') | join }}", ["|map"]),
    ("{% macro m() %}<w:p/>{% endmacro %}{{ m() }}", ["{% macro %}"]),
    ("{% set x %}<w:p/>{% endset %}{{ x }}", ["{% set %}…{% endset %}"]),
    ("{% filter safe %}{{ b.text }}{% endfilter %}", ["|safe"]),
    ("{% for b in blocks %}{{ b.label }}{{ b.text | upper }}{{ b.text ~ '!' }}{% endfor %}", []),
])  # fmt: skip
def test_what_can_print_markup_is_read_from_the_template(source: str, found: list[str]) -> None:
    assert sandbox.markup_sources(environment(), source) == found


def test_only_a_template_that_prints_escaped_text_skips_the_per_document_xml_check(tmp_path: Path) -> None:
    from cchc_docgen.rendering import CompiledTemplate

    assert CompiledTemplate(default_template())._safe
    assert CompiledTemplate(with_text(tmp_path / "rieng.docx", "{{ b.text | upper }}"))._safe
    for number, hostile in enumerate(["{{ b.text | safe }}", "{% autoescape false %}{{ b.text }}{% endautoescape %}"]):
        assert not CompiledTemplate(with_text(tmp_path / f"{number}.docx", hostile))._safe


def test_a_template_too_large_or_too_deep_to_compile_is_a_message(tmp_path: Path) -> None:
    assert "quá giới hạn 10,000" in _refusal(tmp_path, "{{ b.text }}" * 10_001)
    deep = "{% if b.text %}" * 3000 + "{{ b.text }}" + "{% endif %}" * 3000
    assert "quá sâu" in _refusal(tmp_path, deep)


@pytest.mark.parametrize("hostile, said", [
    ("{{ 1 / 0 }}", "phép chia cho 0: ZeroDivisionError"),
    ("{{ 'a' - 1 }}", "hai loại giá trị không đi với nhau: TypeError"),
    ("{{ range(10 ** 9) | list }}", "range() hơn 100,000 số"),
])  # fmt: skip
def test_a_template_whose_arithmetic_fails_is_told_in_vietnamese(tmp_path: Path, hostile: str, said: str) -> None:
    assert said in _refusal(tmp_path, hostile + "{{ b.text }}")
