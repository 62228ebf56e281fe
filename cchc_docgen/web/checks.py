"""The form's content through the project's own pipeline: the same parse, validation and
rules as ``check`` and the document command, so the page refuses exactly what they refuse,
in the same words.

The form posts the plan as JSON in the YAML's own shape; it becomes YAML text here (what
the drafter downloads is what was checked) and goes through ``parse_spec`` and ``render``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

import cchc_docgen
from cchc_docgen import Finding, SpecError

from .safety import Refused, inside

__all__ = ["FORM_NAME", "Outcome", "finding_json", "from_yaml", "run", "run_text", "to_yaml"]

FORM_NAME = "biểu mẫu"  # -- how messages call a plan that lives in the page, not in a file --


def to_yaml(data: Any) -> str:
    """The plan as a YAML a person can read: keys in the form's order, Vietnamese as written."""
    if not isinstance(data, dict):
        raise Refused("Nội dung gửi lên không phải một đặc tả (cần một bảng khóa: giá trị).", 400)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def from_yaml(text: str) -> Any:
    """A YAML specification as the form holds it (raises yaml.YAMLError)."""
    return _plain(yaml.safe_load(text))


def _plain(value: Any) -> Any:
    """YAML's values as the form holds them: dates as written, and a sentence ending in ':'
    (which YAML reads as a key without value) as the sentence, as the core reads it."""
    if isinstance(value, dict):
        if len(value) == 1 and next(iter(value.values())) is None and " " in str(next(iter(value))):
            return f"{next(iter(value))}:"
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Outcome:
    """What one check found, and the documents when nothing stopped them."""

    yaml_text: str
    findings: list[Finding]
    documents: tuple[cchc_docgen.RenderedDocument, ...] = ()

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "lỗi"]


def run(data: Any, root: Path, *, mode: str | None = "gop", name: str = FORM_NAME) -> Outcome:
    """Parse, validate, check and (when no error remains) render the posted plan."""
    return run_text(to_yaml(data), root, mode=mode, name=name)


def run_text(text: str, root: Path, *, mode: str | None = "gop", name: str = FORM_NAME) -> Outcome:
    """``run`` for a specification's own text (a file opened: its lines, its columns)."""
    try:
        spec = cchc_docgen.parse_spec(text, name, folder=root)
    except SpecError as exc:
        return Outcome(text, list(exc.problems))
    outside = _template_outside(spec, root)
    if outside is not None:
        return Outcome(text, [outside])
    try:
        result = cchc_docgen.render(spec, mode=mode)  # type: ignore[arg-type]
    except SpecError as exc:
        return Outcome(text, list(exc.problems))
    return Outcome(text, list(result.warnings), result.documents)


def _template_outside(spec: cchc_docgen.Spec, root: Path) -> Finding | None:
    """A drafter's template (xuat.mau) is read only from inside the served folder."""
    if spec.output.template is None:
        return None
    try:
        inside(root, spec.output.template)
    except Refused as exc:
        return Finding(str(exc), path="xuat.mau", file=spec.source, hint="Chép mẫu Word vào thư mục đã chạy lệnh serve rồi ghi tên tệp của nó.")
    return None


def finding_json(finding: Finding) -> dict[str, Any]:
    """One finding as the page shows it at its field; ``text`` is the check command's own line."""
    return {
        "path": finding.path,
        "severity": "error" if finding.severity == "lỗi" else "warning",
        "message": finding.message,
        "hint": finding.hint,
        "rule": finding.rule,
        "text": finding.format(),
    }
