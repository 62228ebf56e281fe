"""The pipeline, top to bottom: load → validate → view → render → post-process → write.

The command and the tests both go through these functions, so what is tested is what a
drafter runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from . import naming, postprocess, rendering, writing
from .gc_pause import paused_gc
from .spec import derive
from .spec.model import Spec
from .spec.validate import load_spec, parse_spec
from .view import DocumentView, build_views

Mode = Literal["gop", "rieng"]

__all__ = ["RenderedDocument", "generate", "load_spec", "parse_spec", "render", "write"]


@dataclass(frozen=True)
class RenderedDocument:
    """One finished .docx, still in memory."""

    file_name: str
    data: bytes
    view: DocumentView


@paused_gc()
def render(spec: Spec, *, mode: Mode | None = None, template: Path | None = None) -> list[RenderedDocument]:
    """Every document of the specification, as bytes; nothing touches the disk."""
    created = _creation_time(spec)
    identity = naming.identity(spec)
    documents = []
    for view in build_views(spec, mode):
        document = rendering.render(view, template, prepare=postprocess.prepare)
        postprocess.finish(document, view, created=created)
        documents.append(RenderedDocument(f"{view.stem}.docx", writing.to_bytes(document, identity), view))
    return documents


def write(
    documents: Iterable[RenderedDocument], out_dir: str | Path, *, protected: Iterable[str | Path] = (), overwrite: bool = False
) -> list[Path]:
    """Write one specification's documents into ``out_dir``, all of them or none.

    A file the run read (``protected``: the specification, its template, a table) is never
    written, through any name or link. An existing file is replaced only by a document of
    the same plan (the identity each document records), unless ``overwrite``.

    Raises:
        OutputError: nothing was written, and no existing file changed.
    """
    folder = Path(out_dir)
    return writing.write_files([(folder / d.file_name, d.data) for d in documents], protected=[Path(p) for p in protected], overwrite=overwrite)


def generate(spec_path: str | Path, out_dir: str | Path | None = None, *, mode: Mode | None = None, overwrite: bool = False) -> list[Path]:
    """Load, render and write one specification; the output folder defaults to the spec's."""
    spec_path = Path(spec_path)
    spec = load_spec(spec_path)
    template = template_of(spec, spec_path)
    documents = render(spec, mode=mode, template=template)
    inputs = [spec_path] + ([template] if template is not None else [])
    return write(documents, Path(out_dir) if out_dir is not None else spec_path.parent, protected=inputs, overwrite=overwrite)


def template_of(spec: Spec, spec_path: Path) -> Path | None:
    """A drafter's own template, named relative to the specification (key xuat.mau)."""
    if spec.output.template is None:
        return None
    return spec_path.parent / spec.output.template


def _creation_time(spec: Spec) -> dt.datetime:
    """The issue date, so documents carry no clock time and re-runs are byte-identical."""
    date = derive.issue_date(spec)
    if date is None:
        return dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    return dt.datetime(date.year, date.month or 1, date.day or 1, tzinfo=dt.UTC)
