"""A specification's documents as bytes: view → render → post-process → package.

The steps every render goes through, with no rule checked and nothing written; api.render
runs the check rules around them, and the check command's template rule (MAU-WORD) fills a
drafter's template through them in memory. Kept apart from api so that checks can use it
without importing the module that imports checks.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Literal

from . import naming, postprocess, rendering, writing
from .errors import TemplateError
from .gc_pause import paused_gc
from .records import record
from .spec import derive
from .spec.model import Spec
from .view import DocumentView
from .view_cache import SpecViews

Mode = Literal["gop", "rieng"]
MODES: tuple[Mode, ...] = ("gop", "rieng")


@record(frozen=True)  # -- a frozen dataclass, its methods not compiled at every start-up (records) --
class RenderedDocument:
    """One finished .docx, still in memory."""

    file_name: str
    data: bytes
    view: DocumentView


def own_template(spec: Spec) -> Path | None:
    """The drafter's own template (key xuat.mau), named relative to the specification's folder
    (the current folder for a specification parsed from text without one)."""
    if spec.output.template is None:
        return None
    return (spec.folder or Path()) / spec.output.template


def preload(template: Path | None = None) -> None:
    """Compile ``template`` (default: ours) as ``render_documents`` would, in this process:
    worker processes forked from it then inherit the render step imported and the template
    compiled, instead of each importing and compiling it again. A template that cannot be
    compiled is left for the render that needs it to report."""
    with contextlib.suppress(TemplateError):
        rendering.template_for(template, prepare=postprocess.prepare)
    from .linebreak import layout

    layout.preload()  # -- and line breaking: its modules and its lexicon, shared by the forks --


@paused_gc()
def render_documents(spec: Spec, mode: Mode | None = None, template: Path | None = None, *, views: SpecViews | None = None) -> list[RenderedDocument]:
    """Every document of ``spec`` in ``template`` (default: the spec's own, else ours).

    ``views``: the views of ``spec`` in ``mode`` the check rules may have built already
    (api.render passes the ones its check used), laid out here rather than built again."""
    if views is None:
        views = SpecViews(spec, mode)
    elif views.spec is not spec or views.mode != mode:
        raise ValueError("render_documents(): views must be those of the same specification in the same mode")
    template = template or own_template(spec)
    created = _creation_time(spec)
    identity = naming.identity(spec)  # -- recorded in each file, so no run replaces another plan's --
    documents = []
    for view in views.laid_out():
        document = rendering.render(view, template, prepare=postprocess.prepare)
        postprocess.finish(document, view, created=created)
        documents.append(RenderedDocument(f"{view.stem}.docx", writing.to_bytes(document, identity), view))
    return documents


def _creation_time(spec: Spec) -> dt.datetime:
    """The issue date, so documents carry no clock time and re-runs are byte-identical."""
    date = derive.issue_date(spec)
    if date is None:
        return dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    return dt.datetime(date.year, date.month or 1, date.day or 1, tzinfo=dt.UTC)
