"""The errors a drafter can meet, and the one base the command catches.

Messages are Vietnamese because they are read by drafters; each problem names the file,
line, column and the field's path so it can be found without reading Python.
"""

from __future__ import annotations

from pathlib import Path

from .records import record

ERROR = "lỗi"
WARNING = "cảnh báo"


@record(frozen=True)  # -- a frozen dataclass, its methods not compiled at every start-up (records) --
class Problem:
    """One thing wrong (or worth a look) in a specification."""

    message: str
    path: str = ""  # field path, e.g. "nhiem_vu[3].chu_tri"
    line: int = 0  # 1-based; 0 when the problem has no single place
    column: int = 0
    hint: str = ""
    severity: str = ERROR
    rule: str = ""  # rule id of the check command, e.g. "ND30-KYHIEU"
    file: str = ""

    def format(self) -> str:
        where = self.file or "<đặc tả>"
        if self.line:
            where += f":{self.line}:{self.column}"
        head = f"{where}: {self.severity}"
        if self.rule:
            head += f" [{self.rule}]"
        field = f" {self.path}:" if self.path else ""
        text = f"{head}:{field} {self.message}"
        if self.hint:
            text += f"\n    Gợi ý: {self.hint}"
        return text


class CchcError(Exception):
    """Base of every error meant for the drafter; the command prints it and exits 1."""

    exit_code = 1

    def messages(self) -> list[str]:
        return [str(self)]


class SpecError(CchcError):
    """The specification cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))

    def messages(self) -> list[str]:
        errors = [p for p in self.problems if p.severity == ERROR]
        if errors or not self.problems:
            summary = f"Đặc tả có {len(errors)} lỗi; chưa tạo văn bản nào."
        else:  # -- only warnings: the drafter asked for them to stop the render (strict, --nghiem) --
            summary = f"Đặc tả có {len(self.problems)} cảnh báo, được coi là lỗi vì chạy ở chế độ nghiêm (--nghiem); chưa tạo văn bản nào."
        return [p.format() for p in self.problems] + [summary]


class TemplateError(CchcError):
    """A Word template is broken or refers to something the plan does not have."""


class OutputError(CchcError):
    """A document could not be written where the drafter asked."""

    def __init__(self, message: str, path: Path | None = None):
        self.path = path
        super().__init__(message)
