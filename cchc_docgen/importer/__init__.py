"""Import an existing plan (Word, text-layer PDF or plain text) into a specification.

A pipeline of its own beside the renderer: read → recognise → build → YAML text.

    result = cchc_docgen.import_plan("ke-hoach-2025.docx")
    result.text      # the specification, YAML with '# đoán: …' comments
    result.guesses   # what was inferred, for the drafter to review
    result.notes     # what was not understood, with the source line
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .build import Builder
from .output import write_spec
from .read import read
from .recognise import NotAPlan, recognise
from .source import ImportFailure
from .yaml_text import to_yaml

__all__ = ["ImportFailure", "ImportResult", "import_plan", "write_spec"]


@dataclass(frozen=True)
class ImportResult:
    text: str  # the specification as YAML
    guesses: list[str]
    notes: list[str]  # "dòng N: …"


def import_plan(path: str | Path) -> ImportResult:
    """Read a plan (or a decision with its plan) and return its specification text."""
    path = Path(path)
    lines = read(path)
    try:
        recognised = recognise(lines)
    except NotAPlan:
        raise ImportFailure(
            f"{path}: không thấy đây là một kế hoạch: không có dòng tên loại 'KẾ HOẠCH'.\n"
            "    Gợi ý: chọn tệp kế hoạch (hoặc quyết định kèm kế hoạch); tên loại văn bản phải đứng riêng một dòng.") from None
    built = Builder(recognised).run()
    notes = [f"dòng {where}: {text}" if where else text for where, text in built.notes]
    return ImportResult(to_yaml(built.spec, source=path.name, notes=notes, loose=built.loose), built.guesses, notes)
