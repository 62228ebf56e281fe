"""The shipped template filled without Jinja (cchc_docgen/fastfill.py): the same bytes as
Jinja's, for every plan shipped, every example, synthetic plans and hostile values; any
other template shape goes through Jinja; and the command's path imports no Jinja."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cchc_docgen
from benchmarks import synthetic
from cchc_docgen import fastfill, postprocess, prepared, rendering
from cchc_docgen.view import Block, DocumentView, build_views

from conftest import EXAMPLES, PLAN_SPECS, ROOT
from support.spec_builder import BASE, write_spec

SPECS = [*PLAN_SPECS, *EXAMPLES]
TRICKY = ["A & B < C > D", "\"kép\" 'đơn'", "{{ b.text }}", "{% for b in blocks %}X{% endfor %}", "{# chú thích #}", "]]> &amp; <w:t>x</w:t>",
          "một\nhai\tba", "**đậm** và *nghiêng*", "không\u00a0ngắt", "", " ", "\ue000", "😀 Thủ tục"]  # fmt: skip


def _shipped() -> rendering.CompiledTemplate:
    return rendering.template_for(prepare=postprocess.prepare)


def _both(template: rendering.CompiledTemplate, view: DocumentView) -> tuple[str | None, str]:
    assert template.fast is not None
    return fastfill.fill(template.fast, view.blocks), template.filled(view)


def test_the_shipped_template_is_filled_without_jinja() -> None:
    template = _shipped()
    assert template.fast is not None
    assert set(template.fast.kinds) == {"ten_loai", "trich_yeu", "kem_theo", "duong_ke", "tham_quyen", "can_cu", "muc", "tieu_de", "than",
                                        "than_dam", "phu_luc", "phu_luc_tieu_de", "danh_dau"}  # fmt: skip


@pytest.mark.parametrize("path", SPECS, ids=[p.name for p in SPECS])
@pytest.mark.parametrize("mode", ["gop", "rieng"])
def test_every_shipped_and_example_plan_fills_as_jinja_fills_it(path: Path, mode: str) -> None:
    template = _shipped()
    for view in build_views(cchc_docgen.load_spec(path), mode):  # type: ignore[arg-type]
        fast, jinja = _both(template, view)
        assert fast == jinja, view.stem


@pytest.mark.parametrize("tasks,seed", [(1, 1), (12, 7), (150, 3), (1000, 2026)])
def test_synthetic_plans_fill_as_jinja_fills_them(tasks: int, seed: int) -> None:
    template = _shipped()
    for view in build_views(cchc_docgen.parse_spec(synthetic.plan_yaml(tasks, seed=seed), f"synthetic-{tasks}")):
        fast, jinja = _both(template, view)
        assert fast == jinja


def test_hostile_values_in_every_kind_fill_as_jinja_fills_them() -> None:
    template = _shipped()
    assert template.fast is not None
    view = DocumentView("x", "x")
    for kind in [*template.fast.kinds, "khong_co"]:  # -- a kind the template has no paragraph for prints nothing --
        for text in TRICKY:
            view.blocks.append(Block(kind, text, text[::-1]))  # type: ignore[arg-type]
    fast, jinja = _both(template, view)
    assert fast == jinja
    assert "&lt;w:t&gt;" in fast and "&#34;kép&#34;" in fast and "&#39;đơn&#39;" in fast


def test_documents_are_the_same_bytes_through_jinja(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whole documents, with the fast fill and with Jinja's, for every plan and both modes."""

    def digests() -> dict[str, str]:
        rendering.compiled.cache_clear()
        out = {}
        for path in SPECS:
            spec = cchc_docgen.load_spec(path)
            for mode in ("gop", "rieng"):
                for document in cchc_docgen.render(spec, mode=mode):  # type: ignore[arg-type]
                    out[f"{path.name}:{mode}:{document.file_name}"] = hashlib.sha256(document.data).hexdigest()
        return out

    fast = digests()
    assert _shipped().fast is not None
    monkeypatch.setattr(fastfill, "plan", lambda source: None)
    try:
        jinja = digests()
        assert _shipped().fast is None
    finally:
        rendering.compiled.cache_clear()
    assert fast == jinja and len(fast) >= 2 * len(SPECS)


@pytest.mark.parametrize(
    "change",
    [
        ("{{ b.text }}", "{{ b.text|upper }}"),  # -- a filter --
        ("{{ b.text }}", "{{- b.text }}"),  # -- whitespace control --
        ('{% elif b.kind == "muc" %}', '{% elif b.kind == "muc" or true %}'),  # -- another test --
        ("{% endif %}{% endfor %}", "{% else %}x{% endif %}{% endfor %}"),  # -- an else --
        ("{% endif %}{% endfor %}", "{% endif %}y{% endfor %}"),  # -- text printed for every block --
        ("{% if false %}", "{% if true %}"),  # -- the style paragraphs printed --
        ("</w:body>", "{{ blocks|length }}</w:body>"),  # -- a value after the loop --
        ("</w:body>", "</w:body>\r\n"),  # -- line ends Jinja would rewrite --
    ],
    ids=["filter", "whitespace", "test", "else", "per-block", "if-true", "after-loop", "crlf"],
)
def test_any_other_shape_is_left_to_jinja(change: tuple[str, str]) -> None:
    source = _shipped()._lines
    assert fastfill.plan(source) is not None
    old, new = change
    assert old in source
    assert fastfill.plan(source.replace(old, new, 1)) is None


def test_a_value_that_is_not_plain_text_or_a_huge_body_goes_through_jinja(monkeypatch: pytest.MonkeyPatch) -> None:
    template = _shipped()
    assert template.fast is not None

    class Loud(str):
        pass

    assert fastfill.fill(template.fast, [Block("than", Loud("x"))]) is None
    monkeypatch.setattr(fastfill, "LARGE", 100)
    assert fastfill.fill(template.fast, [Block("than", "x" * 200)]) is None


def test_a_drafters_copy_of_the_shipped_template_goes_through_jinja(tmp_path: Path) -> None:
    copy = tmp_path / "mau-rieng.docx"
    copy.write_bytes(rendering.default_template().read_bytes())
    template = rendering.template_for(copy, prepare=postprocess.prepare)
    assert template.fast is None
    spec = write_spec(tmp_path, BASE)
    ours = cchc_docgen.render(cchc_docgen.load_spec(spec))
    theirs = cchc_docgen.render(cchc_docgen.load_spec(spec), template=copy)
    assert [d.data for d in ours] == [d.data for d in theirs]


_RENDER = """
import json, sys
import cchc_docgen
for path in sys.argv[1:]:
    cchc_docgen.render(cchc_docgen.load_spec(path))
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules} & {"jinja2", "markupsafe", "lxml", "docx", "docxtpl", "babel"})))
"""


def test_rendering_the_shipped_template_imports_no_jinja_nor_lxml_in_a_fresh_process(tmp_path: Path) -> None:
    env = {**os.environ, prepared.ENVIRONMENT_VARIABLE: str(tmp_path)}
    specs = [str(path) for path in SPECS]
    # -- the first process fills the cache: the prepared template, and the edits of every plan (``kept``) --
    subprocess.run([sys.executable, "-c", _RENDER, *specs], env=env, cwd=ROOT, check=True, capture_output=True)
    done = subprocess.run([sys.executable, "-c", _RENDER, *specs], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    assert json.loads(done.stdout) == []
