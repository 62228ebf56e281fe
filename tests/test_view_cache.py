"""The document views are built once per check and once per render, shared by the rules
that read them and the render after them (view_cache).

The count is of the real builder's calls (``view._Builder.views`` wrapped, still building):
tests/data/views/read-by-two-rules.yaml makes two rules read the paragraphs as printed, so
before the views were shared a check built them twice and a render three times.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import cchc_docgen
from cchc_docgen import checks, view
from cchc_docgen.documents import render_documents
from cchc_docgen.errors import TemplateError
from cchc_docgen.view_cache import SpecViews

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
TWO_RULES = DATA / "views" / "read-by-two-rules.yaml"
CATALOGUE = sorted((ROOT / "plan_specs").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The mode of every build of a specification's views, as it happens."""
    made: list[str] = []
    real = view._Builder.views

    def counted(self: view._Builder, mode: str) -> list[view.DocumentView]:
        made.append(mode)
        return real(self, mode)

    monkeypatch.setattr(view._Builder, "views", counted)
    yield made


def test_the_fixture_needs_the_views_for_two_rules_and_passes_them() -> None:
    """Its premise: both rules that read the views run their slow path, and find nothing."""
    from cchc_docgen.text_lint import document

    spec = cchc_docgen.load_spec(TWO_RULES)
    assert not document._every_appendix_takes(spec)  # -- VB-PHU-LUC-TRONG must look at the tables --
    assert "a) Rà soát vị trí việc làm." in [block.text for v in view.build_views(spec, lines=False) for block in v.blocks if not block.label]
    assert checks.check_files([TWO_RULES]).problems == []


def test_a_check_builds_the_views_once_when_two_rules_read_them(builds: list[str]) -> None:
    checks.check_files([TWO_RULES])
    assert builds == ["gop"]


def test_a_render_builds_the_views_once_for_its_rules_and_its_documents(builds: list[str]) -> None:
    result = cchc_docgen.render(cchc_docgen.load_spec(TWO_RULES))
    assert len(result.documents) == 1 and builds == ["gop"]


def test_a_check_that_fills_a_drafters_template_builds_the_views_once(builds: list[str]) -> None:
    text = TWO_RULES.read_text(encoding="utf-8") + "xuat:\n  mau: template-syntax-error.docx\n"
    spec = cchc_docgen.parse_spec(text, "ke-hoach.yaml", folder=DATA / "bad" / "templates")
    assert [p.rule for p in checks.findings(spec)] == ["MAU-WORD"]
    assert builds == ["gop"]


def test_a_check_the_rules_decide_without_views_builds_none(builds: list[str]) -> None:
    spec = cchc_docgen.load_spec(ROOT / "plan_specs" / "thang-binh-2021.yaml")
    assert checks.findings(spec) == [] and builds == []
    cchc_docgen.render(spec)
    assert builds == ["gop"]


@pytest.mark.parametrize("path", [*CATALOGUE, TWO_RULES], ids=lambda p: p.name)
def test_the_laid_out_views_are_those_built_with_line_breaking(path: Path) -> None:
    spec = cchc_docgen.load_spec(path)
    for mode in ("gop", "rieng"):
        views = SpecViews(spec, mode)  # type: ignore[arg-type]
        typed = views.as_typed()
        assert typed == view.build_views(spec, mode, lines=False)  # type: ignore[arg-type]
        assert views.laid_out() is typed and typed == view.build_views(spec, mode)  # type: ignore[arg-type]
        assert views.as_typed() == view.build_views(spec, mode, lines=False)  # type: ignore[arg-type]  # -- built again, never the broken text --


@pytest.mark.parametrize("path", [*CATALOGUE, TWO_RULES, *sorted((DATA / "bad" / "rules").glob("*.yaml"))], ids=lambda p: p.name)
def test_the_text_rules_find_the_same_in_either_mode(path: Path) -> None:
    """A render in the other mode than the spec's shares its views with the rules: their
    findings must not depend on how the documents are spread over files."""
    spec = cchc_docgen.load_spec(path)
    found = {mode: [p.format() for p in checks.check_spec(spec, views=SpecViews(spec, mode))] for mode in ("gop", "rieng")}  # type: ignore[arg-type]
    assert found["gop"] == found["rieng"] == [p.format() for p in checks.check_spec(spec)]


def test_render_documents_refuses_views_of_another_mode_or_spec() -> None:
    spec = cchc_docgen.load_spec(TWO_RULES)
    with pytest.raises(ValueError, match="same specification in the same mode"):
        render_documents(spec, "rieng", views=SpecViews(spec, "gop"))
    with pytest.raises(ValueError, match="same specification in the same mode"):
        render_documents(spec, views=SpecViews(cchc_docgen.load_spec(TWO_RULES)))
    with pytest.raises(TemplateError):  # -- a template error still comes through after the views are laid out --
        render_documents(spec, template=DATA / "bad" / "templates" / "template-syntax-error.docx", views=SpecViews(spec))
