"""Shared fixtures. Every document a test renders is handed to ``office`` and opened by
LibreOffice at the end of the session; a document it cannot open fails the run."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import cchc_docgen

from support import office as office_support

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
PLAN_SPECS = sorted((ROOT / "plan_specs").glob("*.yaml"))
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture(scope="session", autouse=True)
def _template_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The compiled-template cache (cchc_docgen/prepared.py) of this session, for it and the
    commands it runs: a run starts cold and leaves nothing in the user's cache folder."""
    import os

    os.environ.setdefault("CCHC_DOCGEN_CACHE", str(tmp_path_factory.mktemp("template-cache")))


class OfficeQueue:
    """Collects rendered documents; LibreOffice opens them all in one process at the end."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.files: list[Path] = []

    def register(self, name: str, data: bytes) -> Path:
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name)[:80]
        path = self.folder / f"{len(self.files):04d}-{safe}"
        if not path.name.endswith(".docx"):
            path = path.with_name(path.name + ".docx")
        path.write_bytes(data)
        self.files.append(path)
        return path

    def convert_now(self, paths: list[Path]) -> dict[Path, int]:
        return office_support.to_pdf(paths, self.folder / "pdf")


_QUEUE: OfficeQueue | None = None
# Figures the closing note needs (fidelity, facts asserted, page counts), printed at the end.
REPORT: dict[str, str] = {}


@dataclass(frozen=True)
class Rendered:
    """One output file of a catalogue specification, in one output mode."""

    label: str  # "<spec stem>/<mode>/<file name>"
    spec: Path
    mode: str
    document: cchc_docgen.RenderedDocument
    path: Path  # where the office queue keeps it


def _catalogue() -> list[tuple[Path, str]]:
    cases = []
    for path in [*PLAN_SPECS, *EXAMPLES]:
        has_decision = "\nquyet_dinh:" in path.read_text(encoding="utf-8")
        for mode in (("gop", "rieng") if has_decision else ("gop",)):
            cases.append((path, mode))
    return cases


@pytest.fixture(scope="session")
def catalogue(office: OfficeQueue) -> list[Rendered]:
    """Every plan_specs/ and examples/ file rendered once per output mode, each file queued
    for LibreOffice."""
    result = []
    for path, mode in _catalogue():
        spec = cchc_docgen.load_spec(path)
        for document in cchc_docgen.render(spec, mode=mode):  # type: ignore[arg-type]
            label = f"{path.stem}/{mode}/{document.file_name}"
            result.append(Rendered(label, path, mode, document, office.register(label, document.data)))
    return result


@pytest.fixture(scope="session")
def office(tmp_path_factory: pytest.TempPathFactory) -> OfficeQueue:
    global _QUEUE
    if _QUEUE is None:
        _QUEUE = OfficeQueue(tmp_path_factory.mktemp("office"))
    return _QUEUE


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if REPORT:
        terminalreporter.section("cchc_docgen figures")
        for key, value in sorted(REPORT.items()):
            terminalreporter.write_line(f"{key}: {value}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _QUEUE is None or not _QUEUE.files:
        return
    pending = [p for p in _QUEUE.files if not (_QUEUE.folder / "pdf" / f"{p.stem}.pdf").is_file()]
    if not pending:
        return
    pages = _QUEUE.convert_now(pending)
    failed = [path.name for path, count in pages.items() if count < 1]
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    line = f"LibreOffice opened {len(pages) - len(failed)} of {len(pages)} further documents rendered by the tests"
    if reporter is not None:
        reporter.write_line(line)
    if failed:
        if reporter is not None:
            reporter.write_line("LibreOffice could not open: " + ", ".join(failed), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
