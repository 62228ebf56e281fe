"""Drafter templates edited the way Word, LibreOffice or an attacker would: the shipped
template's package with text replaced in some of its members."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

from cchc_docgen import decree30
from cchc_docgen.rendering import default_template

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
DOCUMENT, STYLES, CORE = "word/document.xml", "word/styles.xml", "docProps/core.xml"
XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"


def members(template: Path | None = None) -> dict[str, str | bytes]:
    """The template's members: XML as text, the rest as bytes."""
    with zipfile.ZipFile(io.BytesIO((template or default_template()).read_bytes())) as package:
        return {
            info.filename: (data.decode("utf-8") if info.filename.endswith((".xml", ".rels")) else data)
            for info in package.infolist()
            for data in (package.read(info),)
        }


def pack(parts: Mapping[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME), data.encode("utf-8") if isinstance(data, str) else data)
    return out.getvalue()


def edited(target: Path, edits: Mapping[str, list[tuple[str, str]]], *, template: Path | None = None) -> Path:
    """The template with each (old, new) of ``edits[member]`` replaced once, written to ``target``."""
    parts = members(template)
    for name, changes in edits.items():
        text = parts[name]
        assert isinstance(text, str)
        for old, new in changes:
            assert old in text, f"{old!r} not in {name}"
            text = text.replace(old, new, 1)
        parts[name] = text
    target.write_bytes(pack(parts))
    return target


def with_text(target: Path, hostile: str, *, old: str = "{{ b.text }}") -> Path:
    """The template with its first ``{{ b.text }}`` (the body paragraph's) replaced by ``hostile``."""
    return edited(target, {DOCUMENT: [(old, hostile)]})


def renamed_style(style_id: str, new_name: str) -> tuple[str, str]:
    """The styles.xml edit Word makes when a drafter renames a style: its w:name."""
    name = decree30.STYLE_BY_ID[style_id].name
    return f'<w:name w:val="{name}"/>', f'<w:name w:val="{new_name}"/>'
