"""The roll command's file handling: where the new specification goes, and writing it so that
the input is never touched, an existing file is never replaced unasked, and a failure leaves
nothing half-written (writing.write_atomic: a temporary in the same folder, then a rename)."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from ..batch.table_types import TableError
from ..errors import ERROR, OutputError, Problem, SpecError
from ..files import shown
from ..writing import Inputs, write_atomic
from . import roll_spec
from .plan import RollResult
from .table import TableRoll, roll_table


def roll_file(spec: Path, out: Path | None, *, to: int | None, by: int | None, overwrite: bool = False) -> tuple[RollResult, Path]:
    """Roll ``spec`` and write the new specification to ``out`` (default: the input's name with
    the new years). Raises SpecError or OutputError with nothing written."""
    result, out, _, _ = roll_files(spec, out, to=to, by=by, overwrite=overwrite)
    return result, out


def roll_files(spec: Path, out: Path | None, *, to: int | None, by: int | None, overwrite: bool = False,
               table: Path | None = None, table_out: Path | None = None) -> tuple[RollResult, Path, TableRoll | None, Path | None]:  # fmt: skip
    """Roll ``spec``, and the batch ``table`` made for it, and write both (the table by default
    beside the input, its name with the new years). Everything is read and rolled before the
    first byte is written; raises SpecError, TableError or OutputError with nothing written."""
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
    rolled_table = None
    if table is not None:
        table_out = table_out or default_name(table, result)
        _refuse(table, table_out, overwrite, taken=[spec, out])
        try:
            rolled_table = roll_table(table, result, out_name=str(table_out))
        except (SpecError, TableError) as exc:
            raise RollRefused(exc.problems, what="Bảng") from exc
        existed = os.path.lexists(table_out)
        write_atomic(rolled_table.text.encode("utf-8"), table_out, protected=[spec, table], replace=overwrite)
        try:
            write_atomic(result.text.encode("utf-8"), out, protected=[spec, table], replace=overwrite)
        except BaseException:
            if not existed:  # -- the two files go together: a new table without its model is removed --
                Path(table_out).unlink(missing_ok=True)
            raise
        return result, out, rolled_table, table_out
    write_atomic(result.text.encode("utf-8"), out, protected=[spec], replace=overwrite)
    return result, out, None, None


class RollRefused(SpecError):
    """The specification (or its batch table) cannot be rolled; said as the roll command's outcome."""

    def __init__(self, problems: Sequence[Problem], what: str = "Đặc tả"):
        super().__init__(list(problems))
        self.what = what

    def messages(self) -> list[str]:
        errors = [p for p in self.problems if p.severity == ERROR]
        return [p.format() for p in self.problems] + [f"{self.what} có {len(errors)} lỗi; chưa chuyển kỳ, chưa ghi tệp nào."]


def default_name(spec: Path, result: RollResult) -> Path:
    """'xa-2026-du-thao.yaml' → 'xa-2027-du-thao.yaml'; a name without the period's years gets '-2027'."""
    (first, last), (new_first, new_last) = result.old_period, result.period
    stem = re.sub(r"(?<!\d)(\d{4})(?!\d)", lambda m: str(int(m.group(1)) + new_first - first) if first <= int(m.group(1)) <= last else m.group(1), spec.stem)
    if stem == spec.stem:
        stem = f"{spec.stem}-{new_first}" if new_first == new_last else f"{spec.stem}-{new_first}-{new_last}"
    return spec.with_name(stem + (spec.suffix or ".yaml"))


def _refuse(spec: Path, out: Path, overwrite: bool, taken: list[Path] | None = None) -> None:
    """``taken``: the other files of the same run (for a table's new file: the model, old and new)."""
    what, flag = ("bảng", "--bang-moi") if taken else ("đặc tả", "-o")
    if taken and Inputs(taken).owner(out) is not None:
        raise OutputError(f"{shown(out)}: tệp bảng mới trùng với đặc tả (cũ hoặc mới) của cùng lệnh; chưa ghi tệp nào.\n"
                          f"    Gợi ý: đặt tên khác cho bảng mới, ví dụ --bang-moi {default_name_hint(spec)}.", out)
    if Inputs([spec]).owner(out) is not None:
        raise OutputError(
            f"{shown(out)}: tệp kết quả trùng với tệp {what} đầu vào {shown(spec)}; không ghi đè {what} của kỳ cũ; chưa ghi tệp nào.\n"
            f"    Gợi ý: đặt tên tệp mới khác với {flag}, ví dụ {flag} {default_name_hint(spec)}.", out)
    if out.is_dir():
        raise OutputError(f"{shown(out)}: đây là một thư mục; {flag} cần tên tệp {what} mới ({spec.suffix or '.yaml'}); chưa ghi tệp nào.\n"
                          f"    Gợi ý: ví dụ {flag} {out / default_name_hint(spec)}.", out)
    if not out.parent.is_dir():
        raise OutputError(f"{shown(out)}: thư mục {str(out.parent)!r} không tồn tại; chưa ghi tệp nào.\n"
                          "    Gợi ý: tạo thư mục đó trước, hoặc ghi vào thư mục đã có.", out)
    if os.path.lexists(out) and not overwrite:
        raise OutputError(f"{shown(out)}: đã có tệp này; không ghi đè, chưa ghi tệp nào.\n"
                          f"    Gợi ý: chọn tên khác với {flag}, hoặc chạy lại với --ghi-de nếu chắc chắn muốn thay tệp đó.", out)


def default_name_hint(spec: Path) -> str:
    return f"{spec.stem}-moi{spec.suffix or '.yaml'}"
