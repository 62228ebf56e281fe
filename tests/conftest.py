"""Shared fixtures. Every document a test renders is handed to ``office`` and opened by
LibreOffice at the end of the session; a document whose PDF does not show its own title
and first heading fails the run (see support/office.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
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


@pytest.fixture(scope="session", autouse=True)
def _residents(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The resident processes (cchc_docgen/resident) the suite's commands start live in a
    folder of this session, and are stopped when it ends. Commands go through them as a
    drafter's do: every command-line test after the first of its settings is served."""
    import os

    folder = tmp_path_factory.mktemp("residents")
    folder.chmod(0o700)
    previous = os.environ.get("XDG_RUNTIME_DIR")
    os.environ["XDG_RUNTIME_DIR"] = str(folder)
    yield folder
    from support.residents import stop_all

    stop_all(folder)
    if previous is None:
        os.environ.pop("XDG_RUNTIME_DIR", None)
    else:
        os.environ["XDG_RUNTIME_DIR"] = previous


class OfficeQueue:
    """Collects rendered documents; LibreOffice opens them all in one process at the end."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.files: list[Path] = []
        self.expected: dict[Path, office_support.Expected] = {}

    def register(self, name: str, data: bytes, *, pages: int | None = None) -> Path:
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name)[:80]
        path = self.folder / f"{len(self.files):04d}-{safe}"
        if not path.name.endswith(".docx"):
            path = path.with_name(path.name + ".docx")
        path.write_bytes(data)
        self.expected[path] = office_support.expectation(data, pages)
        self.files.append(path)
        return path

    def pdf_of(self, path: Path) -> Path:
        return self.folder / "pdf" / f"{path.stem}.pdf"

    def convert_now(self, paths: list[Path]) -> dict[Path, int]:
        return office_support.to_pdf(paths, self.folder / "pdf")

    def unopened(self, paths: list[Path]) -> dict[Path, list[str]]:
        """The documents among ``paths`` (converted already) whose PDF does not prove they opened."""
        found = {path: office_support.verify(self.pdf_of(path), self.expected[path]) for path in paths}
        return {path: problems for path, problems in found.items() if problems}


_QUEUE: OfficeQueue | None = None
# Figures the closing note needs (fidelity, facts asserted, page counts), printed at the end.
REPORT: dict[str, str] = {}


@dataclass(frozen=True)
class Rendered:
    """One output file of a catalogue specification, in one output mode."""

    label: str  # "<spec stem>/<mode>/<file name>"
    key: str  # "<spec stem>/<mode>/<1-based position>": stable when file names change
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


def catalogue_documents() -> list[tuple[str, bytes]]:
    """(key, bytes) of every catalogue document; support/office.py records their page counts."""
    result = []
    for path, mode in _catalogue():
        for index, document in enumerate(cchc_docgen.render(cchc_docgen.load_spec(path), mode=mode), 1):  # type: ignore[arg-type]
            result.append((f"{path.stem}/{mode}/{index}", document.data))
    return result


@pytest.fixture(scope="session")
def catalogue(office: OfficeQueue) -> list[Rendered]:
    """Every plan_specs/ and examples/ file rendered once per output mode, each file queued
    for LibreOffice with the page count it is known to have."""
    pages = office_support.expected_pages()
    result = []
    for path, mode in _catalogue():
        spec = cchc_docgen.load_spec(path)
        for index, document in enumerate(cchc_docgen.render(spec, mode=mode), 1):  # type: ignore[arg-type]
            label, key = f"{path.stem}/{mode}/{document.file_name}", f"{path.stem}/{mode}/{index}"
            queued = office.register(label, document.data, pages=pages.get(key))
            result.append(Rendered(label, key, path, mode, document, queued))
    return result


@pytest.fixture(scope="session")
def catalogue_pdfs(catalogue: list[Rendered], office: OfficeQueue) -> dict[str, Path]:
    """The catalogue converted once by LibreOffice: each document's label to its PDF."""
    office.convert_now([r.path for r in catalogue])
    return {r.label: office.pdf_of(r.path) for r in catalogue}


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
    _QUEUE.convert_now(pending)
    failed = _QUEUE.unopened(pending)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    line = f"LibreOffice opened {len(pending) - len(failed)} of {len(pending)} further documents rendered by the tests (title and first heading found in each PDF)"
    if reporter is not None:
        reporter.write_line(line)
    if failed:
        if reporter is not None:
            for path, problems in failed.items():
                reporter.write_line(f"LibreOffice did not open {path.name}: {'; '.join(problems)}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
