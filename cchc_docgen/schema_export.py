"""The JSON Schema of the specification, for drafters' editors.

Generated from the same model that reads the YAML (spec/model.py through
``spec.schema_json.json_schema``), so the editor's suggestions and the tool's rules cannot
drift apart. A few rules of spec/validate.py that span keys can still be said by a schema
(which keys a plan must have); they are added here, and the differential test
(tests/test_schema_differential.py) shows the two agree. A copy ships inside the package as ``cchc-spec.schema.json``; a test keeps
it equal to ``schema_text()``. docs/schema.md shows how to use it in VS Code.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from .spec.model import Spec
from .spec.schema_json import json_schema
from .spec.validate import NAMED_LEVELS

SCHEMA_FILE = "cchc-spec.schema.json"
TITLE = "Đặc tả kế hoạch cải cách hành chính (cchc_docgen)"

__all__ = ["SCHEMA_FILE", "packaged_schema", "schema", "schema_text"]


def schema() -> dict[str, Any]:
    """The schema as data."""
    generated = json_schema(Spec, TITLE)
    _add_cross_key_rules(generated["$defs"])
    generated["$comment"] = "Tạo bằng 'python -m cchc_docgen schema'; đừng sửa tay: sửa cchc_docgen/spec/model.py rồi tạo lại."
    return generated


_GIVEN: dict[str, Any] = {"not": {"anyOf": [{"type": "null"}, {"type": "array", "maxItems": 0}]}}  # present, not empty


def _given(*keys: str) -> dict[str, Any]:
    return {"required": list(keys), "properties": dict.fromkeys(keys, _GIVEN)}


def _add_cross_key_rules(defs: dict[str, Any]) -> None:
    """What validate.py requires across keys, in schema words."""
    # -- _Rules.issuer: a body named in full (so, khac) needs its name and place; others a dia_ban or a name --
    defs["Issuer"]["if"] = {"properties": {"cap": {"enum": list(NAMED_LEVELS)}}, "required": ["cap"]}
    defs["Issuer"]["then"] = _given("ten", "dia_danh")
    defs["Issuer"]["else"] = {"anyOf": [_given("dia_ban"), _given("ten")]}
    # -- _Rules.package: the plan has content; its date and signer are its own, or its decision's --
    defs["Plan"]["allOf"] = [_given("noi_dung")]
    defs["Spec"]["if"] = _given("quyet_dinh")
    defs["Spec"]["then"] = {"properties": {"quyet_dinh": _given("ngay", "nguoi_ky")}}
    defs["Spec"]["else"] = {"properties": {"ke_hoach": _given("ngay", "nguoi_ky")}}


def schema_text() -> str:
    """The schema as the committed file holds it: stable key order, UTF-8, final newline."""
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"


def packaged_schema() -> Path:
    """Where the installed package keeps its copy (for a modeline or editor setting)."""
    return Path(str(resources.files("cchc_docgen") / SCHEMA_FILE))


if __name__ == "__main__":  # python -m cchc_docgen.schema_export > cchc_docgen/cchc-spec.schema.json
    print(schema_text(), end="")
