"""Fill a Word template with a document view (the only module that imports docxtpl).

docxtpl's own ``render()`` re-reads the template package, re-cleans its XML with regexes
and recompiles the Jinja template on every call. A batch of thousands of commune plans
repeats that work for nothing, so a ``CompiledTemplate`` does it once per process and
each render only runs the compiled template and swaps the body into a fresh package.

The Jinja environment is sandboxed and strict: a name the view lacks is an error that
names the template and the paragraph, every value is XML-escaped (so ``&`` or ``<`` in a
plan cannot corrupt the file), and a value that looks like ``{{ … }}`` is printed as text
because values are never compiled.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from docx.document import Document as DocxDocument
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .errors import TemplateError
from .view import DocumentView

DEFAULT_TEMPLATE = "cchc.docx"
_PARAGRAPH_START = re.compile(r"<w:p([ >])")
_MARKED_PARAGRAPH = re.compile(r"\n<w:p([ >])")


def environment() -> jinja2.Environment:
    """Strict, escaping, sandboxed: what every template (ours or a drafter's) renders in."""
    return ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)


def default_template() -> Path:
    """The template shipped with the package (or, in a source checkout, templates/)."""
    packaged = resources.files("cchc_docgen") / "templates" / DEFAULT_TEMPLATE
    if packaged.is_file():
        return Path(str(packaged))
    # -- a source checkout keeps templates/ at the top level, where drafters find it --
    return Path(__file__).resolve().parent.parent / "templates" / DEFAULT_TEMPLATE


class CompiledTemplate:
    """A template read, cleaned and compiled once, rendered many times."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.blob = path.read_bytes()
            template = DocxTemplate(io.BytesIO(self.blob))
            template.init_docx()
            source = template.patch_xml(template.get_xml())
        except OSError as exc:
            raise TemplateError(f"không đọc được mẫu {path}: {exc.strerror}") from exc
        except Exception as exc:  # a damaged .docx raises anything from zipfile to lxml
            raise TemplateError(f"tệp mẫu {path} không phải tệp Word (.docx) dùng được: {exc}") from exc
        self._lines = _PARAGRAPH_START.sub(r"\n<w:p\1", source)
        try:
            self.jinja = environment().from_string(self._lines)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(_located(path, self._lines, exc, "mẫu có lỗi cú pháp")) from exc

    def render(self, view: DocumentView) -> DocxDocument:
        """A python-docx Document whose body is the template filled with ``view``."""
        context: dict[str, Any] = {"blocks": view.blocks}
        try:
            xml = self.jinja.render(context)
        except jinja2.UndefinedError as exc:
            raise TemplateError(_located(self.path, self._lines, exc, "mẫu dùng một tên mà văn bản không có")) from exc
        except jinja2.exceptions.SecurityError as exc:
            raise TemplateError(_located(self.path, self._lines, exc, "mẫu cố truy cập phần bị cấm")) from exc
        except jinja2.TemplateError as exc:
            raise TemplateError(_located(self.path, self._lines, exc, "mẫu không điền được")) from exc
        xml = _MARKED_PARAGRAPH.sub(r"<w:p\1", xml)
        template = DocxTemplate(io.BytesIO(self.blob))
        template.render_init()
        if any("\n" in b.text or "\t" in b.text for b in view.blocks):
            xml = template.resolve_listing(xml)  # line breaks and tabs come out as written
        tree = template.fix_tables(xml)
        template.map_tree(tree)
        return template.docx


@lru_cache(maxsize=16)
def compiled(path: Path) -> CompiledTemplate:
    return CompiledTemplate(path)


def render(view: DocumentView, template: Path | None = None) -> DocxDocument:
    return compiled((template or default_template()).resolve()).render(view)


def _located(path: Path, source: str, exc: Exception, what: str) -> str:
    lineno = getattr(exc, "lineno", None)
    message = getattr(exc, "message", None) or str(exc)
    text = f"{path}: {what} ({message})."
    if lineno:
        lines = source.splitlines()[max(lineno - 2, 0) : lineno + 1]
        around = " … ".join(t for t in (re.sub(r"<[^>]+>", "", line).strip() for line in lines) if t)
        if around:
            text += f"\n    Đoạn trong mẫu: {around}"
    return text + "\n    Gợi ý: mở mẫu trong Word và sửa đoạn có {{ … }} hoặc {% … %} ở trên; chỉ dùng b.kind, b.label, b.text."
