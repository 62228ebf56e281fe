"""The form, generated from the specification's JSON Schema: one widget per schema shape.

The page never lists fields of its own: this module walks the shipped schema (the one
``schema`` prints, made from spec/model.py) and simplifies each shape into a widget the
page's script knows how to draw — text, number, yes/no, choice list, list, code table,
object, or "short text or long form". A key added to the model appears in the form with
its label and help on the next start, without a line changed here.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..schema_export import schema
from ..spec.model import REFORM_AREAS

__all__ = ["form_description", "label_of"]

Widget = dict[str, Any]

# -- keys whose text is a sentence or a paragraph: drawn as a box of several lines (a drawing
# -- choice only; what the value may hold is the schema's) --
LONG_TEXT = {"noi_dung", "trich_yeu", "doan", "doan_cuoi", "mo_dau", "ket_luan", "y", "de_nghi", "can_cu"}
# -- a reference is recognised by the help text the model gives it; tests/web/test_form.py
# -- pins the fields found, so a reworded help cannot silently turn a select back into text --
# -- the order a drafter fills a part in — the printed document's reading order — for the parts
# -- where the model's order (shared document fields first, the body last) would hide the body;
# -- a drawing choice only: the keys not named here are drawn after, folded under "Các mục khác",
# -- so a key added to the model still appears (tests/web/test_form.py pins that every name here
# -- is a key of the schema) --
FIRST = {
    "Spec": ("co_quan_ban_hanh", "co_quan", "nhiem_vu", "ke_hoach", "quyet_dinh"),
    "Issuer": ("cap", "dia_ban"),
    "Plan": ("so", "ngay", "trich_yeu", "ky", "can_cu", "mo_dau", "noi_dung", "ket_luan", "phu_luc", "noi_nhan", "nguoi_ky"),
    "Decision": ("so", "ngay", "trich_yeu", "can_cu", "de_nghi", "co_quan_theo_doi", "hieu_luc", "thi_hanh", "noi_nhan", "nguoi_ky"),
}
_AGENCY_REF = re.compile(r"^Mã (các )?cơ quan")
_AREA_REF = re.compile(r"^Mã lĩnh vực")
_BOOLEAN_VERB = re.compile(r"^co (\(mặc định\) )?(để|nếu) ")
_CODE = re.compile(r"^[a-z_]+$")


def label_of(key: str, description: str) -> str:
    """A short Vietnamese label from a key's help text: its first clause, as a heading.

    "Cấp của cơ quan: tinh, …" → "Cấp của cơ quan"; "co để in dấu DỰ THẢO …" → "In dấu DỰ THẢO …"
    (a yes/no field is labelled by what "co" does). The whole help text stays as the help.
    """
    text = _BOOLEAN_VERB.sub("", description.strip())
    text = re.split(r":\s|;\s|\s\(|, ví dụ|\.(?:\s|$)|, mặc định", text, maxsplit=1)[0].strip().rstrip(".")
    if not text or _CODE.match(text):  # -- help that opens on a value ("gop: …") names no field: the key does --
        return key
    return text[0].upper() + text[1:]


@functools.cache
def form_description() -> dict[str, Any]:
    """What the page draws: the root widget, and the lists that reference fields choose from."""
    document = schema()
    walker = _Walker(document["$defs"])
    root = walker.widget(document, "", "")
    return {"root": root, "objects": walker.objects, "areas": dict(REFORM_AREAS), "title": document.get("title", "")}


class _Walker:
    """Objects are drawn by name (``{"kind": "object", "name": "Section"}``), their fields
    kept once in ``objects``: sections hold sections and items hold items."""

    def __init__(self, defs: dict[str, Any]):
        self.defs = defs
        self.objects: dict[str, list[Widget]] = {}

    def object(self, name: str) -> Widget:
        if name not in self.objects:
            self.objects[name] = []  # -- placeholder: a recursive reference finds the name taken --
            node = self.defs[name]
            required = set(node.get("required", ()))
            fields = [
                {"key": key, "label": label_of(key, sub.get("description", "")), "required": key in required, **self.widget(sub, key, sub.get("description", ""))}
                for key, sub in node["properties"].items()
            ]
            first = FIRST.get(name)
            if first:
                rank = {key: i for i, key in enumerate(first)}
                fields.sort(key=lambda f: rank.get(f["key"], len(rank)))  # -- stable: the rest keep the model's order --
                for f in fields:
                    f["more"] = f["key"] not in rank and not f["required"]
            self.objects[name] = fields
        return {"kind": "object", "name": name}

    def widget(self, node: dict[str, Any], key: str, description: str) -> Widget:
        description = description or node.get("description", "")
        widget = self._shape(node, key, description)
        widget.setdefault("help", description)
        if _AGENCY_REF.match(description):
            self._mark(widget, "co_quan")
        elif _AREA_REF.match(description):
            self._mark(widget, "linh_vuc")
        return widget

    @staticmethod
    def _mark(widget: Widget, ref: str) -> None:
        target = widget["item"] if widget["kind"] == "list" else widget
        if target["kind"] == "text":
            target["ref"] = ref

    def _shape(self, node: dict[str, Any], key: str, description: str) -> Widget:
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if "properties" in self.defs[name]:
                return self.object(name)
            return self._shape(self.defs[name], key, description)
        if "patternProperties" in node:  # -- the "sentence ending in ':'" YAML artefact: text in a form --
            return self._text(key, {})
        if "anyOf" in node:
            return self._union(node["anyOf"], key, description)
        if "enum" in node:
            return {"kind": "enum", "options": list(node["enum"])}
        kind = node.get("type")
        if kind == "object" and "additionalProperties" in node:
            return {"kind": "map", "item": self.widget(node["additionalProperties"], key, "")}
        if kind == "array":
            return {"kind": "list", "item": self.widget(node["items"], key, "")}
        if kind == "integer":
            return {"kind": "integer"}
        if kind == "boolean":
            return {"kind": "bool"}
        if kind == "number":
            return {"kind": "number"}
        return self._text(key, node)

    def _text(self, key: str, node: dict[str, Any]) -> Widget:
        widget: Widget = {"kind": "text", "long": key in LONG_TEXT}
        if "pattern" in node:
            widget["pattern"] = node["pattern"]
        return widget

    def _union(self, options: list[dict[str, Any]], key: str, description: str) -> Widget:
        options = [o for o in options if o.get("type") != "null"]
        shapes = [self._shape(o, key, description) for o in options]
        kinds = [s["kind"] for s in shapes]
        if "bool" in kinds and all(s["kind"] in ("bool", "enum") or "pattern" in s for s in shapes):  # -- true, or co/khong spelled out --
            return {"kind": "bool"}
        if "bool" in kinds:  # -- "co, or the list itself" (a section's nhiem_vu): the drafter picks which --
            other = next(s for s in shapes if s["kind"] not in ("bool", "enum"))
            return {"kind": "choice", "options": [{"kind": "bool"}, other]}
        if "list" in kinds:  # -- "a list, or one value for a list of one": the list is the form --
            return shapes[kinds.index("list")]
        if "enum" in kinds and len(set(kinds)) == 1:
            return {"kind": "enum", "options": [o for s in shapes for o in s["options"]], "nullable": True}
        if "enum" in kinds:
            return shapes[kinds.index("enum")] | {"nullable": True}
        if "object" in kinds:  # -- "short text, or the long form": the drafter picks which --
            text = next((s for s in shapes if s["kind"] == "text"), None)
            long_form = shapes[kinds.index("object")]
            return long_form if text is None else {"kind": "choice", "options": [text, long_form]}
        if "integer" in kinds and "text" in kinds:
            return self._text(key, next(o for o, k in zip(options, kinds, strict=True) if k == "text"))
        if "number" in kinds and all(k in ("number", "text") for k in kinds):
            return {"kind": "number"}
        if len(set(kinds)) == 1 and kinds[0] == "text":
            merged = next((s for s in shapes if "pattern" in s), shapes[0])
            return merged
        return shapes[0]
