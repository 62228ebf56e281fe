"""Fill a Word template with a document view (the only module that imports docxtpl).

docxtpl's own ``render()`` re-reads the template package, re-cleans its XML with regexes
and recompiles the Jinja template on every call, then parses the result and writes the
whole package out again. A batch of thousands of commune plans repeats that work for
nothing, so a ``CompiledTemplate`` does it once per process (with the post-processor's
template-level work) and each render only fills text: the compiled template, the inline
emphasis, the skeleton (``skeleton``), between the template's own document.xml head and
tail. python-docx and docxtpl are used on the template, once (``_prepared``, which imports
them), and ``prepared`` keeps the result on disk: a later process with the same template
loads it and never imports either.

The Jinja environment (``sandbox``) is sandboxed, bounded and strict: a name the view lacks
is an error that names the template and the paragraph, every value is XML-escaped (so ``&``
or ``<`` in a plan cannot corrupt the file), and a value that looks like ``{{ … }}`` is
printed as text because values are never compiled. A drafter's template file is read by
``template_file`` before python-docx sees it; its styles are found by ``styles``.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import breaks, emphasis, fastfill, prepared, skeleton, template_file
from .errors import TemplateError
from .records import record
from .view import DocumentView

if TYPE_CHECKING:
    import jinja2
    from docx.document import Document as DocxDocument
    from lxml import etree

DEFAULT_TEMPLATE = "cchc.docx"
MAX_TAGS = 10_000  # -- Jinja tags in a template's body; the shipped one has about 60 --
_PARAGRAPH_START = re.compile(r"<w:p([ >])")


def environment() -> jinja2.Environment:
    """Strict, escaping, sandboxed, bounded: what every template (ours or a drafter's) renders in."""
    from . import sandbox  # -- Jinja, imported when a template is filled by it (not ours: ``fastfill``) --

    return sandbox.environment()


@lru_cache(maxsize=1)
def default_template() -> Path:
    """The template shipped with the package (or, in a source checkout, templates/)."""
    packaged = resources.files("cchc_docgen") / "templates" / DEFAULT_TEMPLATE
    if packaged.is_file():
        return Path(str(packaged))
    # -- a source checkout keeps templates/ at the top level, where drafters find it --
    return Path(__file__).resolve().parent.parent / "templates" / DEFAULT_TEMPLATE


@record  # -- one per document: a dataclass whose methods are not compiled at start-up (records) --
class Docx:
    """A .docx being made, kept as text and bytes until it is written: the members of the
    template's prepared package in their order, and the text of its main part, whose body
    the render step has filled. Post-processing edits it; writing zips it."""

    members: dict[str, bytes]  # -- member name → bytes, in the package's order --
    main: str  # -- the member holding the document's text (word/document.xml) --
    core: str  # -- the member holding its core properties (docProps/core.xml) --
    document: str  # -- the text of ``main`` --


class CompiledTemplate:
    """A template read, prepared, cleaned and compiled once, rendered many times.

    Each render only runs the compiled Jinja template, splices the skeleton in and puts
    the text between the template's own document.xml head and tail: no package is opened,
    no XML parsed or serialized. That is safe when the template can only give well-formed
    XML whatever the plan says, which is checked once, when it is compiled
    (``_only_whole_paragraphs``, ``sandbox.markup_sources``): true of the shipped template
    and of a drafter's copy that only restyles it. Any other template's output is parsed,
    so that tags or markup which break the XML are a message, not a file Word refuses.
    """

    def __init__(self, path: Path, prepare: Callable[[DocxDocument], None] | None = None):
        self.path = path
        data = template_file.read(path)  # -- a regular file, a package of sane size, no DOCTYPE --
        variant = "" if prepare is None else f"{prepare.__module__}.{prepare.__qualname__}"
        done = prepared.load(data, variant, lambda: _prepared(path, data, prepare))
        self.members, self.main, self.core = done.members, done.main, done.core
        self._before, self._after, self._lines = done.before, done.after, done.lines
        self._tables, self._markup, self._safe = done.tables, list(done.markup), done.safe
        self._styles = _ResolvedStyles(done.styles)
        self._code, self._jinja = done.code, None
        # -- the shipped template is filled without Jinja; a drafter's goes through it --
        self.fast = fastfill.plan(done.lines) if path == Path(os.path.realpath(default_template())) else None

    @property
    def jinja(self) -> jinja2.Template:
        """The compiled Jinja template, loaded from its code when first needed."""
        if self._jinja is None:
            env = environment()
            self._jinja = env.template_class.from_code(env, self._code, env.make_globals(None))
        return self._jinja

    def render(self, view: DocumentView) -> Docx:
        """The package of a document whose body is the template filled with ``view``."""
        xml = None if self.fast is None else fastfill.fill(self.fast, view.blocks)
        if xml is None:
            xml = self.filled(view)
        xml = xml.replace("\n<w:p", "<w:p")  # -- the line marks of _lines: only ever before a paragraph --
        if view.emphasis:
            xml = emphasis.split_marked_runs(xml)
        xml = breaks.written(xml, view.blocks)
        if not self._safe:
            xml = self._checked(xml)
        with _about(self.path):
            xml = skeleton.splice(xml, view, self._styles)
        return Docx(dict(self.members), self.main, self.core, self._before + xml + self._after)

    def filled(self, view: DocumentView) -> str:
        """The template's body filled with ``view`` by Jinja, in the sandbox, within its budget."""
        import jinja2

        from . import sandbox

        context: dict[str, Any] = {"blocks": view.blocks}
        try:
            return sandbox.render(self.jinja, context)
        except sandbox.OverBudget as exc:
            what = f"{exc.what} (giới hạn cho một văn bản): mẫu có vòng lặp hoặc phép tính quá lớn"
            raise TemplateError(_located(self.path, self._lines, exc, what, detail="")) from None
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
            detail = f"{_PYTHON_ERRORS.get(type(exc), 'lỗi khi tính')}: {type(exc).__name__}"
            raise TemplateError(_located(self.path, self._lines, exc, "mẫu không điền được", detail=detail)) from None

    def _checked(self, xml: str) -> str:
        """A drafter's template filled: parsed, so that tags which cut across the XML, or
        markup it printed, are a message and not a file Word refuses (docxtpl's recovering
        parser would silently drop everything after the break), and its tables' grids
        fixed as docxtpl does."""
        from lxml import etree

        try:
            tree = etree.fromstring(xml)
        except etree.XMLSyntaxError as exc:
            raise TemplateError(f"{self.path}: mẫu làm hỏng cấu trúc văn bản Word{_near(xml, exc)}.\n    Gợi ý: {self._hint()}") from None
        stray = _stray_element(tree)
        if stray:
            raise TemplateError(f"{self.path}: mẫu in ra thẻ {stray} mà Word không đọc được.\n    Gợi ý: {self._hint()}")
        if self._tables:
            tree = _docxtpl().fix_tables(xml)  # -- well formed: its own parse gives the same tree --
        return etree.tostring(tree, encoding=str)  # type: ignore[no-any-return]

    def _hint(self) -> str:
        if self._markup:
            return (f"mẫu dùng {', '.join(self._markup)}, nên chữ của kế hoạch (như &, <) hoặc đoạn mẫu được in thẳng vào tệp Word; "
                    "bỏ những lệnh đó để mọi chữ được in đúng như viết.")
        return ("một lệnh {% if %}/{% for %} và lệnh {% endif %}/{% endfor %} của nó phải nằm trong cùng một đoạn; "
                "để bỏ hoặc lặp cả đoạn, dùng {%p if … %} … {%p endif %} (cả dòng bảng: {%tr … %}).")


def _prepared(path: Path, data: bytes, prepare: Callable[[DocxDocument], None] | None) -> prepared.Prepared:
    """The template read, prepared, cleaned and compiled: the work ``prepared`` keeps
    between processes, and the only place python-docx and docxtpl open a template."""
    import docx
    import jinja2
    from docx.opc.constants import CONTENT_TYPE as CT
    from docxtpl import DocxTemplate
    from jinja2 import meta

    from . import sandbox
    from .styles import ParagraphStyles

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # a damaged .docx raises anything from zipfile to lxml
        raise TemplateError(
            f"{path}: tệp mẫu không phải tệp Word (.docx) dùng được ({type(exc).__name__}: {str(exc)[:200]}).\n"
            "    Gợi ý: mở mẫu trong Word rồi lưu lại với kiểu Word Document (.docx)."
        ) from exc
    if document.element.body is None:
        raise TemplateError(f"{path}: mẫu không có phần thân văn bản (w:body).\n    Gợi ý: {_HINT_RESTORE}")
    with _about(path):
        if prepare is not None:
            prepare(document)  # -- the template-level part of post-processing, once --
        styles = ParagraphStyles(document)
        styles.check_all(skeleton.STYLES_USED)
    document.core_properties  # noqa: B018 -- python-docx adds the part when a template has none
    saved = io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as package:
        members = {info.filename: package.read(info) for info in package.infolist()}
    main = document.part.partname.membername
    core = next(part.partname.membername for part in document.part.package.iter_parts() if part.content_type == CT.OPC_CORE_PROPERTIES)
    template = DocxTemplate(io.BytesIO(saved.getvalue()))
    template.docx = document
    source = template.patch_xml(template.get_xml())
    tables = "<w:tbl" in source  # -- docxtpl's table repair has nothing to do without one --
    lines = _PARAGRAPH_START.sub(r"\n<w:p\1", source)
    tags = lines.count("{{") + lines.count("{%")
    if tags > MAX_TAGS:  # -- compiling is work too: Jinja's parser and compiler hold the whole tree --
        raise TemplateError(f"{path}: mẫu có {tags:,} lệnh {{{{ … }}}}/{{% … %}}, quá giới hạn {MAX_TAGS:,}.\n    Gợi ý: {_HINT_RESTORE}")
    env = environment()
    try:
        code = env.compile(lines)
        syntax = env.parse(lines)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(_located(path, lines, exc, "mẫu có lỗi cú pháp")) from exc
    except (RecursionError, MemoryError) as exc:  # -- thousands of nested {% if %} --
        raise TemplateError(f"{path}: mẫu lồng các lệnh {{% … %}} quá sâu ({type(exc).__name__}).\n    Gợi ý: {_HINT_RESTORE}") from None
    if "blocks" not in meta.find_undeclared_variables(syntax):
        raise TemplateError(
            f"{path}: mẫu không in nội dung kế hoạch: phần thân {'trống' if '<w:p' not in source else 'không có vòng lặp {%p for b in blocks %}'}.\n"
            f"    Gợi ý: {_HINT_RESTORE}"
        )
    markup = sandbox.markup_sources(env, lines)
    safe = not markup and _only_whole_paragraphs(source)
    text = members[main].decode("utf-8")
    before, after = text[: text.index("<w:body")], text[text.rindex("</w:body>") + len("</w:body>") :]
    values = {style_id: styles.value_for(style_id) for style_id in skeleton.STYLES_USED}
    return prepared.Prepared(members, main, core, before, after, lines, code, tables, tuple(markup), safe, values)


class _ResolvedStyles:
    """The template's styles as the skeleton asks for them: each style it uses, resolved
    (and checked) by ``styles.ParagraphStyles`` when the template was compiled."""

    def __init__(self, values: dict[str, str | None]):
        self._values = values

    def value_for(self, style_id: str) -> str | None:
        return self._values[style_id]


@lru_cache(maxsize=1)
def _docxtpl() -> Any:
    """docxtpl, for its table repair, which reads only its argument: imported when a
    drafter's template has a table to repair."""
    from docxtpl import DocxTemplate

    return DocxTemplate.__new__(DocxTemplate)



# -- what a drafter is told for the errors a template's own arithmetic can raise; the Python
# name stays for whoever helps them --
_PYTHON_ERRORS: dict[type[BaseException], str] = {
    ZeroDivisionError: "phép chia cho 0", OverflowError: "số quá lớn", RecursionError: "lời gọi lồng nhau quá sâu (macro gọi chính nó?)",
    TypeError: "phép tính trên hai loại giá trị không đi với nhau", ValueError: "giá trị không dùng được", MemoryError: "hết bộ nhớ",
    IndexError: "vị trí vượt quá danh sách", KeyError: "khóa không có trong bảng",
}  # fmt: skip
_HINT_RESTORE = "chép lại các dòng {%p … %} và {{ … }} từ mẫu gốc (templates/cchc.docx) vào mẫu, rồi chỉ sửa kiểu chữ."
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _near(xml: str, exc: etree.XMLSyntaxError) -> str:
    """Where the filled template stops being XML, as the words a drafter sees around it."""
    line, column = exc.position
    lines = xml.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    text = lines[line - 1]
    before = re.sub(r"<[^>]*>", " ", text[max(column - 200, 0) : column - 1]).split()[-6:]
    after = re.sub(r"<[^>]*>?", " ", text[column - 1 : column + 120]).split()[:4]
    words = " ".join(before + after)
    return f" (ở chỗ: …{words[:120]}…)" if words else ""


def _stray_element(tree: etree._Element) -> str:
    """An element no Word document has: one in no namespace (an HTML ``<a>``, say), or any
    element inside a w:t, whose content is text only."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if not element.tag.startswith("{"):
            return f"<{element.tag}>"
        if element.tag == _W_T and len(element):
            child = element[0].tag
            return f"<{child.split('}')[-1] if isinstance(child, str) else '?'}> trong một đoạn chữ (w:t)"
    return ""


@contextlib.contextmanager
def _about(path: Path) -> Iterator[None]:
    """A template problem found by a later step (styles, skeleton) is named after the template."""
    try:
        yield
    except TemplateError as exc:
        message = str(exc)
        raise TemplateError(message if message.startswith(str(path)) else f"{path}: {message}") from None


def _only_whole_paragraphs(source: str) -> bool:
    """Whether a template (its body, cleaned by docxtpl) can only ever give well-formed XML:
    every ``{% … %}`` stands between the body's paragraphs, where docxtpl's ``{%p … %}``
    puts it, so it keeps, drops or repeats whole paragraphs; every ``{{ … }}`` is the text
    of a w:t, where an escaped value can only be text. (A value in an attribute is well
    formed when escaped, but a template that puts one there is parsed all the same: it is
    not a template that only restyles ours.)"""
    from lxml import etree

    try:
        body = etree.fromstring(source)
    except etree.XMLSyntaxError:
        return False
    for element in body.iter():
        if any("{%" in value or "{#" in value or "{{" in value for value in element.attrib.values()):
            return False
        for text, in_body, own in ((element.text, element is body, True), (element.tail, element.getparent() is body, False)):
            if not text:
                continue
            if ("{%" in text or "{#" in text) and not in_body:
                return False
            if "{{" in text and not (own and element.tag == _W_T):
                return False
    return True


_W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


@lru_cache(maxsize=16)
def compiled(path: Path, version: tuple[int, int] | None, prepare: Callable[[DocxDocument], None] | None = None) -> CompiledTemplate:
    """The template at ``path`` as it is at ``version`` (its modification time and size): a
    drafter who saves the template again in Word while a long process runs gets the new one."""
    return CompiledTemplate(path, prepare)


def render(view: DocumentView, template: Path | None = None, *, prepare: Callable[[DocxDocument], None] | None = None) -> Docx:
    """``view`` filled into ``template`` (ours by default), compiled once with ``prepare``
    applied to it (the post-processor's template-level work)."""
    return template_for(template, prepare=prepare).render(view)


def template_for(template: Path | None = None, *, prepare: Callable[[DocxDocument], None] | None = None) -> CompiledTemplate:
    """``template`` (ours by default) compiled with ``prepare``, once per process and version."""
    # -- realpath, not resolve(): a link loop is the template reader's message, not a RuntimeError --
    path = Path(os.path.realpath(template or default_template()))
    try:
        info = os.stat(path)
        version: tuple[int, int] | None = (info.st_mtime_ns, info.st_size)
    except OSError:
        version = None  # -- CompiledTemplate says why --
    return compiled(path, version, prepare)


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
