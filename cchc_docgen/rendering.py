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

import dataclasses
import io
import re
import zipfile
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import docx
import jinja2
from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.package import Unmarshaller
from docx.opc.part import Part, PartFactory
from docx.opc.pkgreader import PackageReader
from docx.oxml.parser import element_class_lookup
from docx.package import Package
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml import etree

from . import emphasis, skeleton
from .errors import TemplateError
from .view import Block, DocumentView

DEFAULT_TEMPLATE = "cchc.docx"
_PARAGRAPH_START = re.compile(r"<w:p([ >])")


class _NoFiles(jinja2.BaseLoader):
    """A Word template is one file: ``include``, ``import`` and ``extends`` may not read others."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, None]:
        raise jinja2.TemplateNotFound(template)


class _Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox, with one shortcut: a template reads ``b.kind``, ``b.text`` and ``b.label``
    for every paragraph, and the sandbox's generic checks on each read cost more than the
    rest of the template. Those three fields of a Block are plain strings, safe by
    construction; every other attribute of anything goes through the full checks."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is Block and attribute in _BLOCK_FIELDS:
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)


_BLOCK_FIELDS = frozenset(field.name for field in dataclasses.fields(Block))


def environment() -> jinja2.Environment:
    """Strict, escaping, sandboxed: what every template (ours or a drafter's) renders in."""
    return _Sandbox(undefined=jinja2.StrictUndefined, autoescape=True, loader=_NoFiles())


@lru_cache(maxsize=1)
def default_template() -> Path:
    """The template shipped with the package (or, in a source checkout, templates/)."""
    packaged = resources.files("cchc_docgen") / "templates" / DEFAULT_TEMPLATE
    if packaged.is_file():
        return Path(str(packaged))
    # -- a source checkout keeps templates/ at the top level, where drafters find it --
    return Path(__file__).resolve().parent.parent / "templates" / DEFAULT_TEMPLATE


class CompiledTemplate:
    """A template read, cleaned and compiled once, rendered many times."""

    def __init__(self, path: Path, prepare: Callable[[DocxDocument], None] | None = None):
        self.path = path
        try:
            self.blob = path.read_bytes()
            # -- every render opens the package again; stored uncompressed, it need not be inflated --
            self._package = _uncompressed(self.blob)
            self._reader = _package_reader(self._package)
            document = self._first_open()
        except OSError as exc:
            raise TemplateError(f"{path}: không đọc được mẫu ({exc.strerror}).\n    Gợi ý: kiểm tra đường dẫn 'mau' trong khóa 'xuat'.") from exc
        except Exception as exc:  # a damaged .docx raises anything from zipfile to lxml
            raise TemplateError(
                f"{path}: tệp mẫu không phải tệp Word (.docx) dùng được ({type(exc).__name__}: {exc}).\n"
                "    Gợi ý: mở mẫu trong Word rồi lưu lại với kiểu Word Document (.docx)."
            ) from exc
        self._parts = PartFactory
        if prepare is not None:
            # -- the template-level part of post-processing, once: documents start from its result,
            # and the parts it leaves as they are need not be parsed for every document --
            self._parts = _part
            prepare(document)
            saved = io.BytesIO()
            document.save(saved)
            self._package = _uncompressed(saved.getvalue())
            if self._reader is not None:
                self._reader = _package_reader(self._package)
        template = DocxTemplate(io.BytesIO(self._package))
        template.docx = document
        source = template.patch_xml(template.get_xml())
        self._docxtpl = template  # -- for its line-break and table repairs, which read only their argument --
        self._styles = skeleton.ParagraphStyles(document)
        self._tables = "<w:tbl" in source  # -- docxtpl's table repair has nothing to do without one --
        self._around = _around_body(document)
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
        except jinja2.TemplateNotFound as exc:
            what = f"mẫu không được đọc tệp khác ({exc.name!r}); các lệnh include, import, extends bị chặn"
            raise TemplateError(_located(self.path, self._lines, exc, what, detail="")) from exc
        except jinja2.TemplateError as exc:
            raise TemplateError(_located(self.path, self._lines, exc, "mẫu không điền được")) from exc
        except Exception as exc:  # a drafter's template can divide by zero or ask for range(10**9)
            raise TemplateError(_located(self.path, self._lines, exc, "mẫu không điền được", detail=f"{type(exc).__name__}: {exc}")) from exc
        xml = xml.replace("\n<w:p", "<w:p")  # -- the line marks of _lines: only ever before a paragraph --
        if view.emphasis:
            xml = emphasis.split_marked_runs(xml)
        if any("\n" in b.text or "\t" in b.text for b in view.blocks):
            xml = self._docxtpl.resolve_listing(xml)  # line breaks and tabs come out as written
        xml = skeleton.splice(xml, view, self._styles)
        part = self._open_part(self._parts)
        if self._tables or self._around is None:
            root = part.element
            root.replace(root.body, self._docxtpl.fix_tables(xml))  # -- docxtpl's map_tree --
        else:
            # -- the whole document.xml in one parse: lxml moves a body parsed on its own into
            # another document in time quadratic in its xml:space attributes (5,000 tasks: 16 ms,
            # 10,000: 62 ms), and the template's body prints one per paragraph --
            before, after = self._around
            parser = etree.XMLParser(recover=True)  # -- as docxtpl parses a rendered body --
            parser.set_element_class_lookup(element_class_lookup)
            part._element = etree.fromstring(before + xml + after, parser)
        return part.document  # type: ignore[no-any-return]

    def _open(self, parts: Callable[..., Part] | None = None) -> DocxDocument:
        return self._open_part(parts).document  # type: ignore[no-any-return]

    def _open_part(self, parts: Callable[..., Part] | None = None) -> Any:
        """A fresh python-docx Document of the template, as ``docx.Document`` makes it.

        ``docx.Document`` reads the zip and parses its relationships on every call; the
        parsed package (python-docx's own PackageReader, bytes and relationships only) is
        kept, so each render only builds the parts: 0.34 ms instead of 0.84 ms. Where
        python-docx's internals differ, the public path is taken. ``parts`` makes the
        parts (python-docx's PartFactory unless told otherwise).
        """
        if self._reader is None:
            return docx.Document(io.BytesIO(self._package)).part
        package = Package()
        Unmarshaller.unmarshal(self._reader, package, parts or PartFactory)
        return package.main_document_part


    def _first_open(self) -> DocxDocument:
        """The first open decides the path: python-docx's internals are kept only if they
        open this template as a Word document; otherwise ``docx.Document`` opens it, or
        raises the error that tells the drafter what is wrong with the file."""
        if self._reader is not None:
            try:
                document = self._open()
                if document.part.content_type == CT.WML_DOCUMENT_MAIN:
                    return document
            except Exception:  # -- internals of another python-docx version, or a damaged file --
                pass
            self._reader = None
        return self._open()


# -- parts no step changes once the template is prepared: kept as bytes, neither parsed
# when a document is opened nor serialized when it is written --
_UNTOUCHED = frozenset({CT.WML_STYLES, CT.WML_NUMBERING, CT.WML_SETTINGS, CT.WML_HEADER, CT.WML_FOOTER, CT.WML_COMMENTS})


def _part(partname: str, content_type: str, reltype: str, blob: bytes, package: Package) -> Part:
    if content_type in _UNTOUCHED:
        return Part(partname, content_type, blob, package)
    return PartFactory(partname, content_type, reltype, blob, package)  # type: ignore[no-any-return]


def _around_body(document: DocxDocument) -> tuple[str, str] | None:
    """The template's document.xml before and after its w:body, as text; None where the
    rendered body cannot be parsed straight into the part (python-docx's internals differ)."""
    if getattr(document.part, "_element", None) is not document.element:
        return None
    text = etree.tostring(document.element, encoding=str)
    start, end = text.find("<w:body"), text.rfind("</w:body>")
    if start < 0 or end < 0:
        return None
    return text[:start], text[end + len("</w:body>") :]


def _package_reader(package: bytes) -> object | None:
    try:
        return PackageReader.from_file(io.BytesIO(package))
    except Exception:  # -- internals of another python-docx version: the public path works --
        return None


def _uncompressed(blob: bytes) -> bytes:
    """The same package with its members stored, not deflated: python-docx reads the parts
    and writes its own zip, so only the time to open it changes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
    return out.getvalue()


@lru_cache(maxsize=16)
def compiled(path: Path, prepare: Callable[[DocxDocument], None] | None = None) -> CompiledTemplate:
    return CompiledTemplate(path, prepare)


def render(view: DocumentView, template: Path | None = None, *, prepare: Callable[[DocxDocument], None] | None = None) -> DocxDocument:
    """``view`` filled into ``template`` (ours by default), compiled once with ``prepare``
    applied to it (the post-processor's template-level work)."""
    return compiled((template or default_template()).resolve(), prepare).render(view)


def _located(path: Path, source: str, exc: Exception, what: str, *, detail: str | None = None) -> str:
    """The message for a template problem: which template, which paragraph, what went wrong."""
    lineno = getattr(exc, "lineno", None) or _template_line(exc)
    message = (getattr(exc, "message", None) or str(exc)) if detail is None else detail
    text = f"{path}: {what}" + (f" ({message})." if message else ".")
    if lineno:
        lines = source.splitlines()[max(lineno - 2, 0) : lineno + 1]
        around = " … ".join(t for t in (re.sub(r"<[^>]+>", "", line).strip() for line in lines) if t)
        if around:
            text += f"\n    Đoạn trong mẫu: {around}"
    return text + "\n    Gợi ý: mở mẫu trong Word và sửa đoạn có {{ … }} hoặc {% … %} ở trên; chỉ dùng b.kind, b.label, b.text."


def _template_line(exc: BaseException) -> int | None:
    """The template line of a render-time error: Jinja rewrites its traceback to show it."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
