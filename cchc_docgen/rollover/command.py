"""The roll command's file handling: where the new specification goes, and writing it so that
the input is never touched, an existing file is never replaced unasked, and a failure leaves
nothing half-written (writing.write_atomic: a temporary in the same folder, then a rename)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import ERROR, OutputError, SpecError
from ..files import shown
from ..writing import Inputs, write_atomic
from . import roll_spec
from .plan import RollResult


def roll_file(spec: Path, out: Path | None, *, to: int | None, by: int | None, overwrite: bool = False) -> tuple[RollResult, Path]:
    """Roll ``spec`` and write the new specification to ``out`` (default: the input's name with
    the new years). Raises SpecError or OutputError with nothing written."""
    if out is not None:
        _refuse(spec, out, overwrite)
    try:
        result = roll_spec(spec, to=to, by=by, out_name=None if out is None else str(out))
        if out is None:
            out = default_name(spec, result)
            _refuse(spec, out, overwrite)
            result = roll_spec(spec, to=to, by=by, out_name=str(out))
    except SpecError as exc:
        raise RollRefused(exc.problems) from exc
    write_atomic(result.text.encode("utf-8"), out, protected=[spec])
    return result, out


class RollRefused(SpecError):
    """The specification cannot be rolled; said as the roll command's outcome."""

    def messages(self) -> list[str]:
        errors = [p for p in self.problems if p.severity == ERROR]
        return [p.format() for p in self.problems] + [f"Đặc tả có {len(errors)} lỗi; chưa chuyển kỳ, chưa ghi tệp nào."]


def default_name(spec: Path, result: RollResult) -> Path:
    """'xa-2026-du-thao.yaml' → 'xa-2027-du-thao.yaml'; a name without the period's years gets '-2027'."""
    (first, last), (new_first, new_last) = result.old_period, result.period
    stem = re.sub(r"(?<!\d)(\d{4})(?!\d)", lambda m: str(int(m.group(1)) + new_first - first) if first <= int(m.group(1)) <= last else m.group(1), spec.stem)
    if stem == spec.stem:
        stem = f"{spec.stem}-{new_first}" if new_first == new_last else f"{spec.stem}-{new_first}-{new_last}"
    return spec.with_name(stem + (spec.suffix or ".yaml"))


def _refuse(spec: Path, out: Path, overwrite: bool) -> None:
    if Inputs([spec]).owner(out) is not None:
        raise OutputError(
            f"{shown(out)}: tệp kết quả trùng với tệp đặc tả đầu vào {shown(spec)}; không ghi đè đặc tả của kỳ cũ; chưa ghi tệp nào.\n"
            "    Gợi ý: đặt tên tệp mới khác với -o, ví dụ -o " + default_name_hint(spec) + ".", out)
    if out.is_dir():
        raise OutputError(f"{shown(out)}: đây là một thư mục; -o cần tên tệp đặc tả mới (.yaml); chưa ghi tệp nào.\n"
                          f"    Gợi ý: ví dụ -o {out / default_name_hint(spec)}.", out)
    if not out.parent.is_dir():
        raise OutputError(f"{shown(out)}: thư mục {str(out.parent)!r} không tồn tại; chưa ghi tệp nào.\n"
                          "    Gợi ý: tạo thư mục đó trước, hoặc ghi vào thư mục đã có.", out)
    if os.path.lexists(out) and not overwrite:
        raise OutputError(f"{shown(out)}: đã có tệp này; không ghi đè, chưa ghi tệp nào.\n"
                          "    Gợi ý: chọn tên khác với -o, hoặc chạy lại với --ghi-de nếu chắc chắn muốn thay tệp đó.", out)


def default_name_hint(spec: Path) -> str:
    return f"{spec.stem}-moi{spec.suffix or '.yaml'}"
