"""Property: a batch table corrupted at random (quotes, delimiters, BOM, NUL, long cells,
ragged rows, line ends) ends in documents or located Vietnamese messages, never a
traceback, never a document made from a swallowed or mixed-up row.

Bounded like tests/test_properties.py: the ``ci`` profile (fixed seed) on every run,
``long`` with CCHC_LONG=1 or ``-m slow``.
"""

from __future__ import annotations

import re
import zipfile
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_properties import profile  # noqa: F401  -- the ci / long profiles and their fixture --

from cchc_docgen import batch
from cchc_docgen.batch import MAX_CELL_CHARS, TableError

from conftest import DATA

MODEL = DATA / "batch" / "mau.yaml"
NAMES = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
HEADER = "co_quan_ban_hanh.dia_ban,ke_hoach.so,xuat.ten_tep"
FIGURES: dict[str, int] = {"cases": 0, "rendered": 0, "documents": 0, "row failures": 0, "table errors": 0}

pytestmark = pytest.mark.slow

# -- a corruption: (kind, row, position in the row's first two cells, size) --
_KINDS = ["quote", "delimiter", "nul", "bom", "long", "short", "extra", "blank"]
_EDITS = st.lists(st.tuples(st.sampled_from(_KINDS), st.integers(0, len(NAMES) - 1), st.integers(0, 40), st.sampled_from([1, 2])), max_size=3)
_GLOBAL = st.tuples(st.booleans(), st.booleans(), st.booleans())  # (CRLF, ';' as delimiter, BOM at the start)


def _corrupt(edits: list[tuple[str, int, int, int]], crlf: bool, semicolon: bool, bom: bool) -> str:
    rows = [[name, str(n + 1), f"xa-{n}"] for n, name in enumerate(NAMES)]
    lines: list[str | None] = []
    blanks = set()
    for kind, row, at, size in edits:
        cells = rows[row]
        head = f"{cells[0]},{cells[1]}"
        at = min(at, len(head))
        if kind in ("quote", "delimiter", "nul", "bom"):
            mark = {"quote": '"', "delimiter": ",", "nul": "\x00", "bom": "\ufeff"}[kind]
            head = head[:at] + mark + head[at:]
        elif kind == "long":
            head = "A" * (MAX_CELL_CHARS + 1 if size == 1 else 140_000) + "," + cells[1]
        elif kind == "short":
            head = cells[0]
        elif kind == "extra":
            cells[2] += ",thừa"
        elif kind == "blank":
            blanks.add(row)
        rows[row] = [*head.split(",", 1), cells[2]] if "," in head else [head, cells[2]]
    for n, cells in enumerate(rows):
        lines.append(",".join(cells))
        if n in blanks:
            lines.append("")
    text = "\n".join([HEADER, *[line for line in lines if line is not None]]) + "\n"
    if semicolon:
        text = text.replace(",", ";")
    if crlf:
        text = text.replace("\n", "\r\n")
    return ("\ufeff" if bom else "") + text


def _line_of(text: str, stem: str) -> int:
    lines = re.findall(r"[^\r\n]*(?:\r\n|[\r\n])|[^\r\n]+$", text)
    return next(n for n, line in enumerate(lines, start=1) if re.search(rf"[,;]{stem}(?:[,;\r\n]|$)", line))


def _last_line(message: str) -> int:
    """The last line a failure says it covers ('… từ dòng 2 đến dòng 4 …'), or 0."""
    found = re.search(r"đến dòng (\d+)", message)
    return int(found.group(1)) if found else 0


def test_random_table_corruption_ends_in_documents_or_located_messages(tmp_path_factory: pytest.TempPathFactory, profile: str, office: Any) -> None:  # noqa: F811
    sampled = [0]

    @settings(settings.get_profile(profile))
    @given(_EDITS, _GLOBAL)
    def case(edits: list[tuple[str, int, int, int]], switches: tuple[bool, bool, bool]) -> None:
        folder = tmp_path_factory.mktemp("bang")
        table = folder / "bang.csv"
        text = _corrupt(edits, *switches)
        table.write_text(text, encoding="utf-8", newline="")
        FIGURES["cases"] += 1
        try:
            jobs = batch.jobs_from_table(MODEL, table, folder / "ra")
        except TableError as exc:
            FIGURES["table errors"] += 1
            assert exc.problems and all(p.file == str(table) for p in exc.problems), exc.messages()
            return
        result = batch.run(jobs, workers=1)
        failed_at: dict[int, str] = {}
        for failure in result.failures:
            FIGURES["row failures"] += 1
            line = int(failure.label.rsplit("dòng ", 1)[1])
            text_of = "\n".join(failure.messages)
            assert "không mong đợi" not in text_of and "Traceback" not in text_of, text_of
            assert any(m.startswith(f"{table}:") and re.match(rf"{re.escape(str(table))}:\d+:\d+: lỗi", m) for m in failure.messages), text_of
            failed_at[line] = text_of
        stems = {f"xa-{n}" for n in range(len(NAMES))}
        for path in result.written:
            assert path.stem in stems, path  # -- never a document under the model's own name --
            xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8").casefold()
            own = int(path.stem[3:])
            assert all(name.casefold() not in xml for n, name in enumerate(NAMES) if n != own), path  # -- no other row's values --
            if sampled[0] < 2:
                sampled[0] += 1
                office.register(f"batch-corrupt-{sampled[0]}.docx", path.read_bytes())
        for n in range(len(NAMES)):  # -- every row is made or accounted for at its line or a range that covers it --
            if (folder / "ra" / f"xa-{n}.docx") in result.written:
                continue
            line = _line_of(text, f"xa-{n}")
            assert any(at == line or at < line <= _last_line(said) for at, said in failed_at.items()), (n, line, text[:300], failed_at)
        if result.written:
            FIGURES["rendered"] += 1
            FIGURES["documents"] += len(result.written)

    case()
    from conftest import REPORT

    REPORT["batch table corruption"] = ", ".join(f"{key} {value}" for key, value in FIGURES.items())
    assert FIGURES["rendered"] >= FIGURES["cases"] * 0.5, FIGURES  # -- corruption in one row leaves the others made --
