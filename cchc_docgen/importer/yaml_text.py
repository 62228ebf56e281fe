"""Step 4: the specification as YAML a drafter reads: keys in the model's order, one
value a line, '# đoán: …' beside every inferred value, and at the end what the importer
did not understand, with the source line."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .values import Guess

_ID = re.compile(r"[A-Za-z0-9_.-]+")

_HEADER = """\
# Đặc tả nhập từ '{source}' bằng: python -m cchc_docgen import
# Hãy đọc lại những dòng có '# đoán:' (chương trình suy ra, không đọc được nguyên văn),
# rồi kiểm tra: python -m cchc_docgen check <tệp này>
# Gợi ý khóa khi gõ (VS Code): python -m cchc_docgen schema -o cchc-spec.schema.json, rồi thêm
# dòng đầu: # yaml-language-server: $schema=cchc-spec.schema.json
"""


def _scalar(value: Any) -> str:
    if value is True:
        return "co"
    if value is False:
        return "khong"
    if isinstance(value, int | float):
        return str(value)
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_style=None)
    text = text.rstrip("\n")
    if text.endswith("\n..."):
        text = text[: -len("\n...")]
    return text


def _unwrap(value: Any) -> tuple[Any, str]:
    if isinstance(value, Guess):
        return value.value, f"  # đoán: {value.note}"
    return value, ""


def _emit(value: Any, indent: int, out: list[str]) -> None:
    pad = "  " * indent
    if isinstance(value, dict):
        for key, raw in value.items():
            item, comment = _unwrap(raw)
            if isinstance(item, dict) and item:
                out.append(f"{pad}{key}:{comment}")
                _emit(item, indent + 1, out)
            elif isinstance(item, list) and item:
                if all(isinstance(v, str) and _ID.fullmatch(v) for v in item) and sum(len(v) for v in item) < 60:
                    out.append(f"{pad}{key}: [{', '.join(_scalar(_unwrap(v)[0]) for v in item)}]{comment}")
                else:
                    out.append(f"{pad}{key}:{comment}")
                    _emit(item, indent + 1, out)
            else:
                out.append(f"{pad}{key}: {_scalar(item) if not isinstance(item, dict | list) else ('{}' if isinstance(item, dict) else '[]')}{comment}")
    else:
        for raw in value:
            item, comment = _unwrap(raw)
            if isinstance(item, dict):
                lines: list[str] = []
                _emit(item, indent + 1, lines)
                first = lines[0].lstrip()
                out.append(f"{pad}- {first}{comment}")
                out.extend(lines[1:])
            elif isinstance(item, list):
                out.append(f"{pad}-{comment}")
                _emit(item, indent + 1, out)
            else:
                out.append(f"{pad}- {_scalar(item)}{comment}")


def to_yaml(spec: dict[str, Any], *, source: str, notes: list[str], loose: list[str] = ()) -> str:  # type: ignore[assignment]
    out = [_HEADER.format(source=source)]
    if loose:
        out.append("# ---- Đoán chung cho cả văn bản:")
        out.extend(f"# đoán: {note}" for note in loose)
    for key, value in spec.items():
        out.append("")
        part: list[str] = []
        _emit({key: value}, 0, part)
        out.extend(part)
    if notes:
        out.append("")
        out.append("# ---- Những chỗ chương trình chưa hiểu (xem lại trong bản gốc):")
        out.extend(f"# - {note}" for note in notes)
    return "\n".join(out) + "\n"
