"""The plan identity in a .docx's custom properties (docProps/custom.xml): written into every
document, read back from a file about to be replaced.

Word keeps custom properties when a drafter edits and saves the file (File → Info →
Properties → Advanced → Custom), so the identity survives the drafter's own edits. A
template's own custom properties are kept; ours are added beside them. Everything is
text edits on the package's members, as the writer keeps them: no XML tree is built, the
result is the same bytes on every run.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from . import lazy
from .naming import IDENTITY_PREFIX, PlanIdentity
from .xmltext import escaped

PART = "docProps/custom.xml"
_CONTENT_TYPES = "[Content_Types].xml"
_PACKAGE_RELS = "_rels/.rels"
_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # -- the one fmtid user-defined properties take --
_MAX_PART = 1024 * 1024  # -- a custom.xml bigger than this is not one we wrote --



@lazy.compiled
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A property, its text, its pid, the closing tag: compiled when a custom.xml is read,
    an existing document's or a template's own; the shipped template has none, so a
    render into a new folder never does."""
    return (re.compile(r"<(?:[\w.-]+:)?property\b[^>]*?\bname=\"([^\"]*)\"[^>]*>(.*?)</(?:[\w.-]+:)?property>", re.S),
            re.compile(r"<(?:[\w.-]+:)?lpwstr\b[^>]*>(.*?)</(?:[\w.-]+:)?lpwstr>|<(?:[\w.-]+:)?lpwstr\b[^>]*/>", re.S),
            re.compile(r"\bpid=\"(\d+)\""), re.compile(r"</(?:[\w.-]+:)?Properties>\s*$"))



def with_identity(members: dict[str, bytes], identity: PlanIdentity) -> dict[str, bytes]:
    """The package's members with ``identity`` in its custom properties (added after the
    template's own), declared in [Content_Types].xml and the package relationships."""
    out: dict[str, bytes] = {}
    existing = members.get(PART)
    for name, data in members.items():
        if name == _CONTENT_TYPES:
            data = _declared_type(data)
        elif name == _PACKAGE_RELS:
            data = _related(data)
        elif name == PART:
            data = _merged(data, identity)
        out[name] = data
        if name == "docProps/app.xml" and existing is None:
            out[PART] = _merged(None, identity)
    if PART not in out:
        out[PART] = _merged(None, identity)
    return out


def read(path: Path) -> PlanIdentity | None:
    """The identity recorded in an existing file; None when it is not a document we made.
    Only the zip's directory and the one member are read, whatever the file's size.

    Raises:
        OSError: the file cannot be read.
    """
    with path.open("rb") as handle:
        return _identity(handle)


def of_bytes(data: bytes) -> PlanIdentity | None:
    """The identity recorded in a .docx held in memory, or None."""
    return _identity(io.BytesIO(data))


def _identity(source: BinaryIO) -> PlanIdentity | None:
    try:
        with zipfile.ZipFile(source) as package:
            info = package.getinfo(PART)
            if info.file_size > _MAX_PART:
                return None
            text = package.read(info).decode("utf-8")
    except (KeyError, zipfile.BadZipFile, ValueError, NotImplementedError, RuntimeError, EOFError, zlib.error):
        return None  # -- not a zip, no custom properties, encrypted, damaged: not ours --
    found = {}
    property_, lpwstr, _, _ = _patterns()
    for name, body in property_.findall(text):
        if name.startswith(IDENTITY_PREFIX):
            value = lpwstr.search(body)
            found[_unescaped(name)] = _unescaped(value.group(1) or "") if value else ""
    return PlanIdentity.from_properties(found)


@lru_cache(maxsize=64)
def _declared_type(data: bytes) -> bytes:
    text = data.decode("utf-8")
    if f'PartName="/{PART}"' in text:
        return data
    override = f'<Override PartName="/{PART}" ContentType="{_CONTENT_TYPE}"/>'
    return _before_last_close(text, override).encode("utf-8")


@lru_cache(maxsize=64)
def _related(data: bytes) -> bytes:
    text = data.decode("utf-8")
    if _REL_TYPE in text:
        return data
    relationship = f'<Relationship Id="rIdCchcCustom" Type="{_REL_TYPE}" Target="{PART}"/>'
    return _before_last_close(text, relationship).encode("utf-8")


def _merged(template: bytes | None, identity: PlanIdentity) -> bytes:
    if template is None:
        body = "".join(_property(pid, name, value, declare=False) for pid, (name, value) in enumerate(identity.properties(), start=2))
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{_NS}" xmlns:vt="{_VT}">{body}</Properties>').encode()
    text = template.decode("utf-8")
    property_, _, pid_, close = _patterns()
    # -- a template saved from one of our documents: its old identity is not this one's --
    text = property_.sub(lambda m: "" if m.group(1).startswith(IDENTITY_PREFIX) else m.group(0), text)
    first = max((int(n) for n in pid_.findall(text)), default=1) + 1
    ours = "".join(_property(pid, name, value) for pid, (name, value) in enumerate(identity.properties(), start=first))
    if close.search(text) is None:  # -- an empty <Properties/>: open it --
        text = re.sub(r"<((?:[\w.-]+:)?Properties)\b([^>]*)/>\s*$", r"<\1\2></\1>", text)
    return _before_last_close(text, ours).encode("utf-8")


def _property(pid: int, name: str, value: str, *, declare: bool = True) -> str:
    # -- in a template's part, its own namespace declarations: it means the same whatever prefixes the root uses --
    namespaces = f' xmlns="{_NS}" xmlns:vt="{_VT}"' if declare else ""
    return (f'<property{namespaces} fmtid="{_FMTID}" pid="{pid}" name="{_escaped(name, quote=True)}">'
            f"<vt:lpwstr>{_escaped(value)}</vt:lpwstr></property>")


def _escaped(text: str, *, quote: bool = False) -> str:
    """``html.escape(text, quote)``, without importing html (and its table of entities) for every document."""
    text = escaped(text)
    return text.replace('"', "&quot;").replace("'", "&#x27;") if quote else text


def _unescaped(text: str) -> str:
    if "&" not in text:
        return text
    import html

    return html.unescape(text)


def _before_last_close(text: str, addition: str) -> str:
    at = text.rstrip().rfind("</")
    return text[:at] + addition + text[at:]
