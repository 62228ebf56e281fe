"""The JSON Schema of the specification, for drafters' editors.

Generated from the same model that reads the YAML (spec/model.py through
``spec.schema.json_schema``), so the editor's suggestions and the tool's rules cannot
drift apart. A copy ships inside the package as ``cchc-spec.schema.json``; a test keeps
it equal to ``schema_text()``. docs/schema.md shows how to use it in VS Code.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from .spec.model import Spec
from .spec.schema import json_schema

SCHEMA_FILE = "cchc-spec.schema.json"
TITLE = "Đặc tả kế hoạch cải cách hành chính (cchc_docgen)"

__all__ = ["SCHEMA_FILE", "packaged_schema", "schema", "schema_text"]


def schema() -> dict[str, Any]:
    """The schema as data."""
    generated = json_schema(Spec, TITLE)
    generated["$comment"] = "Tạo bằng 'python -m cchc_docgen schema'; đừng sửa tay: sửa cchc_docgen/spec/model.py rồi tạo lại."
    return generated


def schema_text() -> str:
    """The schema as the committed file holds it: stable key order, UTF-8, final newline."""
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"


def packaged_schema() -> Path:
    """Where the installed package keeps its copy (for a modeline or editor setting)."""
    return Path(str(resources.files("cchc_docgen") / SCHEMA_FILE))


if __name__ == "__main__":  # python -m cchc_docgen.schema_export > cchc_docgen/cchc-spec.schema.json
    print(schema_text(), end="")
