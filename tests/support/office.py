"""Open documents in LibreOffice (headless) and prove that each one really opened.

A DOCX that python-docx reads but an office suite refuses is worthless, so every document
the tests render goes through here. A PDF with a page proves nothing: LibreOffice turns a
0-byte ``.docx``, random bytes or a plain-text file into a one-page PDF of whatever it
found. So a document counts as opened only when its PDF's text carries the document's own
title and first heading, and (for the catalogue) has the number of pages it is known to
have, within one. Files are converted in batches, one LibreOffice process per batch, with
a private profile so nothing collides.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PAGES_FILE = Path(__file__).resolve().parent.parent / "data" / "catalogue-pages.json"
_TITLE_STYLES = ("CCHCTenLoai", "CCHCTrichYeu")
_HEADING_STYLES = ("CCHCMuc", "CCHCThamQuyen", "CCHCPhuLuc")


@dataclass(frozen=True)
class Expected:
    """What the PDF of a document must show for the document to count as opened."""

    texts: tuple[str, ...]  # its title lines and first heading, as the DOCX holds them
    pages: int | None = None  # the page count the catalogue expects (± 1); None: any
    problem: str = ""  # why no expectation could be read: the file is not a document
    # -- a document not made from our styles (a drafter's own Word file) may place text boxes
    # -- over its lines, so its first paragraphs are looked for word by word, not as phrases --
    by_words: bool = False


def to_pdf(paths: list[Path], out_dir: Path, timeout: float = 600) -> dict[Path, int]:
    """Convert ``paths`` to PDF; return each input's page count (0 when it failed)."""
    if SOFFICE is None:
        raise RuntimeError("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cchc-lo-profile-") as profile:
        for start in range(0, len(paths), 200):
            batch = paths[start : start + 200]
            subprocess.run(
                [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, batch)],
                check=False, capture_output=True, timeout=timeout,
            )  # fmt: skip
    return {path: page_count(out_dir / f"{path.stem}.pdf") for path in paths}


def page_count(pdf: Path) -> int:
    if not pdf.is_file():
        return 0
    data = pdf.read_bytes()
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    if counts:
        return max(counts)
    return len(re.findall(rb"/Type\s*/Page\b", data))


def expectation(data: bytes, pages: int | None = None) -> Expected:
    """The title and first heading a document's PDF must show, read from the DOCX's XML."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            paragraphs = _styled_paragraphs(package.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        return Expected((), pages, f"not a DOCX package ({type(exc).__name__})")
    paragraphs = [(style, text) for style, text in paragraphs if normalise(text)]  # -- text that prints --
    titles = [text for style, text in paragraphs if style in _TITLE_STYLES][:2]
    heading = next((text for style, text in paragraphs if style in _HEADING_STYLES), None)
    ours = bool(titles and heading)
    texts = [*titles, heading] if ours else [text for _, text in paragraphs][:3]
    if not texts:
        return Expected((), pages, "the DOCX holds no text")
    return Expected(tuple(texts), pages, by_words=not ours)


def verify(pdf: Path, expected: Expected) -> list[str]:
    """Why ``pdf`` does not show an opened document (empty: it does)."""
    if expected.problem:
        return [expected.problem]
    count = page_count(pdf)
    if count < 1:
        return ["LibreOffice made no PDF"]
    problems = []
    if expected.pages is not None and abs(count - expected.pages) > 1:
        problems.append(f"{count} pages, the catalogue expects {expected.pages}")
    text = normalise(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=False).stdout)
    if expected.by_words:
        words = set(text.split())
        problems += [f"the PDF lacks {wanted[:60]!r}" for wanted in expected.texts if not set(normalise(wanted).split()) <= words]
    else:
        problems += [f"the PDF lacks {wanted[:60]!r}" for wanted in expected.texts if normalise(wanted) not in text]
    return problems


def normalise(text: str) -> str:
    """Letters and digits only, one space between runs of them: what any PDF text extractor
    gives back for sure (punctuation, controls, soft hyphens and glyph-less code points vary)."""
    text = unicodedata.normalize("NFKC", text)
    return " ".join("".join(c if unicodedata.category(c)[0] in "LN" else " " for c in text).split())


def expected_pages() -> dict[str, int]:
    return json.loads(PAGES_FILE.read_text(encoding="utf-8")) if PAGES_FILE.is_file() else {}


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _styled_paragraphs(xml: bytes) -> list[tuple[str, str]]:
    """(style id, text) of every paragraph, in document order, table cells and text boxes
    included. A tab ends a piece: a header typed with tabs lays its two halves out as columns,
    which a PDF extractor gives back in either order, so each half is looked for on its own."""
    result = []
    for paragraph in ElementTree.fromstring(xml).iter(f"{_W}p"):
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        style_id = style.get(f"{_W}val", "") if style is not None else ""
        result += [(style_id, piece) for piece in "".join(_own_text(paragraph)).split("\t")]
    return result


def _own_text(element: ElementTree.Element) -> list[str]:
    """The paragraph's own text, not that of paragraphs nested in it (a text box's)."""
    pieces = []
    for child in element:
        if child.tag == f"{_W}p":
            continue
        if child.tag == f"{_W}t":
            pieces.append(child.text or "")
        elif child.tag == f"{_W}tab":
            pieces.append("\t")
        elif child.tag == f"{_W}br":
            pieces.append(" ")
        else:
            pieces += _own_text(child)
    return pieces


if __name__ == "__main__":  # -- python tests/support/office.py: record the catalogue's page counts --
    sys.path[:0] = [str(Path(__file__).resolve().parents[2]), str(Path(__file__).resolve().parents[1])]
    from conftest import catalogue_documents  # type: ignore[import-not-found]

    with tempfile.TemporaryDirectory() as folder:
        items = catalogue_documents()
        paths = []
        for key, data in items:
            path = Path(folder) / (re.sub(r"[^A-Za-z0-9_.-]+", "-", key) + ".docx")
            path.write_bytes(data)
            paths.append(path)
        counts = to_pdf(paths, Path(folder) / "pdf")
        pages = {key: counts[path] for (key, _), path in zip(items, paths, strict=True)}
    PAGES_FILE.write_text(json.dumps(pages, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{PAGES_FILE}: {len(pages)} documents, {sum(pages.values())} pages")
