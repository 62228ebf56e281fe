"""docs/khoa.md: every key of the specification, where it may stand and what it takes, from the model.

The model's field declarations already carry each key's help text; the places a key may
stand follow from which fields hold its group. Writing the page from them keeps the drafter's
reference and the loader in step (tests/test_key_table.py fails when the page is stale).

    python -m cchc_docgen.spec.key_table > docs/khoa.md
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

from .model import Spec
from .schema import Scalar, type_hints

_GROUP_TITLES = {
    "Spec": "Tệp đặc tả", "Issuer": "Cơ quan ban hành", "Agency": "Cơ quan, đơn vị", "LegalRef": "Căn cứ",
    "Milestone": "Mốc của chỉ tiêu", "Target": "Chỉ tiêu", "Item": "Ý", "BodyTask": "Nhiệm vụ viết trong mục",
    "ContentBlock": "Phần của lan_luot", "Section": "Mục", "Task": "Nhiệm vụ", "Appendix": "Phụ lục",
    "Recipient": "Nơi nhận", "Signer": "Người ký", "Article": "Điều", "Plan": "Kế hoạch", "Decision": "Quyết định",
    "Output": "Xuất tệp",
}  # fmt: skip


def _groups(cls: type) -> list[type]:
    """Every model class reachable from ``cls``, in the order a reader meets them."""
    seen: list[type] = []

    def visit(tp: Any) -> None:
        if isinstance(tp, type) and dataclasses.is_dataclass(tp) and not issubclass(tp, Scalar):
            if tp in seen:
                return
            seen.append(tp)
            for field in _fields(tp):
                visit(type_hints(tp)[field.name])
        for arg in get_args(tp):
            visit(arg)

    visit(cls)
    return seen


def _fields(cls: type) -> list[dataclasses.Field[Any]]:
    return [f for f in dataclasses.fields(cls) if "key" in f.metadata]


def _holds(tp: Any, cls: type) -> bool:
    return tp is cls or any(_holds(arg, cls) for arg in get_args(tp))


def _places(cls: type, groups: list[type]) -> list[str]:
    """'<group>.<key>' of every field that holds a ``cls``."""
    return [f"{_GROUP_TITLES[g.__name__]}: `{f.metadata['key']}`" for g in groups for f in _fields(g) if _holds(type_hints(g)[f.name], cls)]


def _type_text(tp: Any) -> str:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        return " hoặc ".join(_type_text(a) for a in get_args(tp) if a is not type(None))
    if origin is Literal:
        return " | ".join(f"`{v}`" for v in get_args(tp))
    if origin is list:
        return f"danh sách ({_type_text(get_args(tp)[0])})"
    if origin is dict:
        return f"bảng `mã: …` ({_type_text(get_args(tp)[1])})"
    if isinstance(tp, type) and issubclass(tp, Scalar):
        return tp.description.split(":")[0].rstrip(".").lower() or tp.__name__
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        title = _GROUP_TITLES[tp.__name__]
        return f"[{title}](#{_anchor(title)})"
    return {str: "chữ", int: "số nguyên", float: "số", bool: "`co` | `khong`"}[tp]


def _anchor(title: str) -> str:
    """GitHub's anchor of a heading: lower case, spaces to '-', punctuation but '-' and '_' dropped."""
    return "".join(c for c in title.lower().replace(" ", "-") if c.isalnum() or c in "-_")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown() -> str:
    groups = _groups(Spec)
    lines = [
        "# Các khóa của tệp đặc tả",
        "",
        "Trang này được tạo từ mô hình đặc tả (`cchc_docgen/spec/model.py`) bằng",
        "`python -m cchc_docgen.spec.key_table > docs/khoa.md`; đừng sửa tay. Mỗi nhóm khóa ghi nó",
        "đặt ở đâu; mỗi khóa ghi kiểu giá trị, mặc định và lời giải thích (cũng hiện trong trình soạn",
        "thảo, xem [schema.md](schema.md)). Ví dụ từng cách đánh số và dạng nội dung: [cau-truc.md](cau-truc.md).",
    ]
    for group in groups:
        title = _GROUP_TITLES[group.__name__]
        lines += ["", f"## {title}", "", (group.__doc__ or "").strip().splitlines()[0]]
        places = _places(group, groups)
        lines += ["", "Đặt ở: " + ("; ".join(places) if places else "gốc của tệp") + "."]
        lines += ["", "| Khóa | Giá trị | Bắt buộc / mặc định | Giải thích |", "|---|---|---|---|"]
        hints = typing.get_type_hints(group)
        for field in _fields(group):
            if field.default is not dataclasses.MISSING:
                default = "—" if field.default is None else f"`{'co' if field.default is True else 'khong' if field.default is False else field.default}`"
            elif field.default_factory is not dataclasses.MISSING:
                default = "—"
            else:
                default = "**bắt buộc**"
            lines.append(f"| `{field.metadata['key']}` | {_cell(_type_text(hints[field.name]))} | {default} | {_cell(field.metadata['doc'])} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python -m cchc_docgen.spec.key_table > docs/khoa.md
    print(markdown(), end="")
