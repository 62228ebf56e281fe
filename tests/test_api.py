"""The library a Python caller uses: every render is checked, a loaded spec brings its own
template, arguments are checked and named, and the README's example runs as written."""

from __future__ import annotations

import os
import re
import shutil
import typing
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt

import cchc_docgen
from cchc_docgen import decree30, documents
from cchc_docgen.errors import ERROR, WARNING
from cchc_docgen.rendering import default_template

from conftest import ROOT, OfficeQueue
from support.docx_facts import open_docx
from support.spec_builder import BASE, WITH_DECISION, spec_text, write_spec

ARCHIVE_ERROR = spec_text(("luu: [VT, NV]", "luu: [VP]"))  # ND30-LUU: an error of check, not of loading
DEADLINE_WARNING = spec_text(("quý II/2021", "quý II/2023"))  # NV-THOI-HAN: a warning
BODY = decree30.STYLE_BY_ID["CCHCThan"]


class _Where(os.PathLike[str]):
    """A path-like that is not a Path: what a caller's own path class looks like to us."""

    def __init__(self, path: Path):
        self.path = path

    def __fspath__(self) -> str:
        return str(self.path)


# -- every render is checked --
def test_render_of_a_spec_with_a_check_error_raises_with_the_findings_check_gives() -> None:
    spec = cchc_docgen.parse_spec(ARCHIVE_ERROR, "ke-hoach.yaml")
    with pytest.raises(cchc_docgen.SpecError) as caught:
        cchc_docgen.render(spec)
    assert [(p.rule, p.severity, p.path) for p in caught.value.problems] == [("ND30-LUU", ERROR, "ke_hoach.luu")]
    assert [p.format() for p in caught.value.problems] == [p.format() for p in cchc_docgen.check(spec)]
    assert caught.value.messages()[-1] == "Đặc tả có 1 lỗi; chưa tạo văn bản nào."


def test_generate_of_a_spec_with_a_check_error_writes_nothing(tmp_path: Path) -> None:
    path = write_spec(tmp_path, ARCHIVE_ERROR)
    with pytest.raises(cchc_docgen.SpecError):
        cchc_docgen.generate(path, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_render_gives_the_warnings_back_with_the_documents(office: OfficeQueue) -> None:
    spec = cchc_docgen.parse_spec(DEADLINE_WARNING, "ke-hoach.yaml")
    result = cchc_docgen.render(spec)
    [warning] = result.warnings
    assert (warning.rule, warning.severity, warning.path, warning.file) == ("NV-THOI-HAN", WARNING, "nhiem_vu[0].thoi_han", "ke-hoach.yaml")
    assert len(result) == 1 and result[0] is result.documents[0] and list(result) == list(result.documents)
    office.register("api-warned", result[0].data)


def test_strict_makes_warnings_errors(tmp_path: Path) -> None:
    path = write_spec(tmp_path, DEADLINE_WARNING)
    with pytest.raises(cchc_docgen.SpecError) as caught:
        cchc_docgen.generate(path, tmp_path / "out", strict=True)
    assert [p.rule for p in caught.value.problems] == ["NV-THOI-HAN"]
    assert "chế độ nghiêm" in caught.value.messages()[-1]
    assert not (tmp_path / "out").exists()


def test_generate_returns_the_paths_and_the_warnings(tmp_path: Path, office: OfficeQueue) -> None:
    result = cchc_docgen.generate(write_spec(tmp_path, DEADLINE_WARNING), tmp_path / "out")
    assert [p.parent for p in result] == [tmp_path / "out"] and result.paths == tuple(result)
    assert [w.rule for w in result.warnings] == ["NV-THOI-HAN"]
    office.register("api-generated-warned", result[0].read_bytes())


def test_check_returns_each_finding_with_rule_severity_place_field_and_hint(tmp_path: Path) -> None:
    path = write_spec(tmp_path, spec_text(("luu: [VT, NV]", "luu: [VP]"), ("quý II/2021", "quý II/2023")))
    findings = cchc_docgen.check(path)
    assert [(f.rule, f.severity, f.path) for f in findings] == [("NV-THOI-HAN", WARNING, "nhiem_vu[0].thoi_han"), ("ND30-LUU", ERROR, "ke_hoach.luu")]
    for finding in findings:
        assert isinstance(finding, cchc_docgen.Finding)
        assert finding.file == str(path) and finding.line >= 1 and finding.column >= 1 and finding.message and finding.hint
    assert [f.format() for f in cchc_docgen.check(str(path))] == [f.format() for f in cchc_docgen.check(cchc_docgen.load_spec(path))]


def test_check_of_a_file_that_cannot_be_loaded_returns_its_problems(tmp_path: Path) -> None:
    path = write_spec(tmp_path, spec_text(("so: 5", "so: năm")))
    [finding] = cchc_docgen.check(path)
    assert (finding.rule, finding.severity, finding.path) == ("", ERROR, "ke_hoach.so")


def test_a_clean_spec_has_no_findings() -> None:
    assert cchc_docgen.check(cchc_docgen.parse_spec(BASE)) == [] and cchc_docgen.render(cchc_docgen.parse_spec(BASE)).warnings == ()


def test_a_drafters_template_is_filled_once_per_document_by_a_checked_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MAU-WORD is judged from the render itself: the template is not filled a second time to check it."""
    shutil.copy(default_template(), tmp_path / "mau-rieng.docx")
    spec = cchc_docgen.load_spec(write_spec(tmp_path, WITH_DECISION + "xuat:\n  mau: mau-rieng.docx\n  che_do: rieng\n"))
    filled: list[Path | None] = []
    fill = documents.rendering.render
    monkeypatch.setattr(documents.rendering, "render", lambda view, template=None, **kw: filled.append(template) or fill(view, template, **kw))
    result = cchc_docgen.render(spec)
    assert len(result) == 2 and filled == [tmp_path / "mau-rieng.docx"] * 2


# -- a loaded spec brings its own template --
def _restyled_template(folder: Path, size: float) -> Path:
    template = Document(str(default_template()))
    template.styles[BODY.name].font.size = Pt(size)
    path = folder / "mau-rieng.docx"
    template.save(str(path))
    return path


def _body_size(data: bytes) -> float:
    return open_docx(data).styles[BODY.name].font.size.pt


def test_render_uses_the_specs_own_template(tmp_path: Path, office: OfficeQueue) -> None:
    _restyled_template(tmp_path, 13)
    spec = cchc_docgen.load_spec(write_spec(tmp_path, BASE + "xuat:\n  mau: mau-rieng.docx\n"))
    [document] = cchc_docgen.render(spec)
    assert BODY.size == 14 and _body_size(document.data) == 13
    [written] = cchc_docgen.write([document], tmp_path / "out")
    assert written.read_bytes() == cchc_docgen.generate(spec.source, tmp_path / "generated")[0].read_bytes()
    office.register("api-own-template", document.data)


def test_a_parsed_spec_finds_its_template_in_the_folder_given(tmp_path: Path) -> None:
    _restyled_template(tmp_path, 12.5)
    [document] = cchc_docgen.render(cchc_docgen.parse_spec(BASE + "xuat:\n  mau: mau-rieng.docx\n", folder=tmp_path))
    assert _body_size(document.data) == 12.5
    with pytest.raises(cchc_docgen.SpecError) as caught:  # -- the folder given is where it must be --
        cchc_docgen.parse_spec(BASE + "xuat:\n  mau: mau-khac.docx\n", folder=tmp_path)
    assert [p.path for p in caught.value.problems] == ["xuat.mau"]


def test_an_explicit_template_overrides_the_specs_own(tmp_path: Path) -> None:
    _restyled_template(tmp_path, 13)
    spec = cchc_docgen.load_spec(write_spec(tmp_path, BASE + "xuat:\n  mau: mau-rieng.docx\n"))
    [document] = cchc_docgen.render(spec, template=str(default_template()))
    assert _body_size(document.data) == BODY.size


# -- arguments --
@pytest.mark.parametrize("mode", ["RIENG", "both", 3, ""])
def test_a_mode_other_than_gop_rieng_or_none_is_a_value_error(mode: object) -> None:
    spec = cchc_docgen.parse_spec(WITH_DECISION)
    with pytest.raises(ValueError, match=r"mode must be 'gop'.*'rieng'.*None") as caught:
        cchc_docgen.render(spec, mode=mode)  # type: ignore[arg-type]
    assert repr(mode) in str(caught.value)
    with pytest.raises(ValueError, match="mode"):
        cchc_docgen.generate(ROOT / "plan_specs" / "tan-uyen-2023.yaml", mode=mode)  # type: ignore[arg-type]


def test_the_spec_mode_and_both_modes_are_taken() -> None:
    spec = cchc_docgen.parse_spec(WITH_DECISION)
    assert [len(cchc_docgen.render(spec, mode=mode)) for mode in (None, "gop", "rieng")] == [1, 1, 2]


@pytest.mark.parametrize("kind", [str, Path, _Where], ids=["str", "Path", "PathLike"])
def test_every_path_may_be_a_str_or_a_path_like(tmp_path: Path, kind: type) -> None:
    spec_path = write_spec(tmp_path)
    spec = cchc_docgen.load_spec(kind(spec_path))
    written = cchc_docgen.write(cchc_docgen.render(spec, template=kind(default_template())), kind(tmp_path / "out"), protected=[kind(spec_path)])
    assert [p.parent for p in written] == [tmp_path / "out"]
    assert list(cchc_docgen.generate(kind(spec_path), kind(tmp_path / "out"))) == written
    assert cchc_docgen.check(kind(spec_path)) == []
    assert cchc_docgen.parse_spec(BASE, folder=kind(tmp_path)).folder == tmp_path


def test_write_takes_a_folder_written_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    [path] = cchc_docgen.write(cchc_docgen.render(cchc_docgen.parse_spec(BASE)), "out")
    assert path.parent == Path("out") and (tmp_path / "out" / path.name).is_file()


@pytest.mark.parametrize(
    "call, parameter",
    [
        (lambda: cchc_docgen.render("x.yaml"), "spec"),  # type: ignore[arg-type]
        (lambda: cchc_docgen.render(cchc_docgen.parse_spec(BASE), template=3), "template"),  # type: ignore[arg-type]
        (lambda: cchc_docgen.render(cchc_docgen.parse_spec(BASE), strict="co"), "strict"),  # type: ignore[arg-type]
        (lambda: cchc_docgen.load_spec(3), "path"),  # type: ignore[arg-type]
        (lambda: cchc_docgen.parse_spec(Path("x.yaml")), "text"),  # type: ignore[arg-type]
        (lambda: cchc_docgen.parse_spec(BASE, folder=3), "folder"),  # type: ignore[arg-type]
        (lambda: cchc_docgen.write(cchc_docgen.parse_spec(BASE), "out"), "documents"),  # type: ignore[arg-type]
        (lambda: cchc_docgen.write(["a.docx"], "out"), "documents"),  # type: ignore[list-item]
        (lambda: cchc_docgen.write([], 3), "out_dir"),  # type: ignore[arg-type]
        (lambda: cchc_docgen.generate(3), "spec_path"),  # type: ignore[arg-type]
        (lambda: cchc_docgen.generate("x.yaml", 3), "out_dir"),  # type: ignore[arg-type]
        (lambda: cchc_docgen.check(3), "spec"),  # type: ignore[arg-type]
    ],
    ids=["render-path", "render-template", "render-strict", "load", "parse-text", "parse-folder", "write-spec", "write-str-list",
         "write-folder", "generate", "generate-out", "check"],
)  # fmt: skip
def test_a_wrong_argument_type_is_a_type_error_naming_the_parameter(call: typing.Callable[[], object], parameter: str) -> None:
    with pytest.raises(TypeError, match=rf"^\w+\(\): {parameter} must be "):
        call()


def test_render_of_a_path_says_to_load_the_spec_first() -> None:
    with pytest.raises(TypeError, match=r"call cchc_docgen\.load_spec\(path\) first"):
        cchc_docgen.render("plan_specs/thang-binh-2021.yaml")  # type: ignore[arg-type]


def test_the_types_a_caller_meets_are_exported() -> None:
    for name in ("Spec", "Mode", "DocumentView", "Finding", "RenderResult", "GenerateResult", "RenderedDocument", "check"):
        assert name in cchc_docgen.__all__ and hasattr(cchc_docgen, name)
    assert typing.get_args(cchc_docgen.Mode) == ("gop", "rieng")
    assert cchc_docgen.Finding is cchc_docgen.Problem
    spec = cchc_docgen.parse_spec(BASE)
    assert isinstance(spec, cchc_docgen.Spec)
    assert isinstance(cchc_docgen.render(spec)[0].view, cchc_docgen.DocumentView)


def test_the_version_is_the_packages() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in text and 'path = "cchc_docgen/__init__.py"' in text  # -- written once --
    assert re.fullmatch(r"\d+\.\d+\.\d+", cchc_docgen.__version__)


# -- the README --
def _readme_python() -> str:
    blocks = re.findall(r"^```python\n(.*?)^```", (ROOT / "README.md").read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    assert len(blocks) == 1, "the README has one Python example"
    return blocks[0]


def test_readme_example_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], office: OfficeQueue) -> None:
    for folder in ("plan_specs", "examples"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    exec(compile(_readme_python(), "README.md", "exec"), {"__name__": "__readme__"})
    written = sorted((tmp_path / "out").glob("*.docx"))
    assert len(written) >= 3  # -- Tân Uyên's decision and plan, and the commune's draft --
    for path in written:
        office.register(f"readme-{path.name}", path.read_bytes())
    assert "Traceback" not in capsys.readouterr().err
