"""Step 5: write the imported specification where the drafter asked, all at once, never
over the file it was imported from and never over an existing file unless asked."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import OutputError
from ..writing import write_atomic


def write_spec(text: str, target: str | Path, *, source: str | Path, overwrite: bool = False) -> Path:
    target, source = Path(target), Path(source)
    if _same(target, source):
        raise OutputError(
            f"{target}: tệp kết quả trùng với tệp đang nhập; không ghi đè bản gốc.\n"
            "    Gợi ý: đặt tên khác cho đặc tả, ví dụ -o ke-hoach.yaml.", target)
    taken = (f"{target}: đã có tệp này; không ghi đè.\n"
             "    Gợi ý: chọn tên khác với -o; nếu chắc chắn muốn thay tệp đó, chạy lại với --ghi-de.")
    if target.is_dir():
        raise OutputError(f"{target}: đây là một thư mục, cần tên một tệp .yaml.\n    Gợi ý: ví dụ -o {target / 'ke-hoach.yaml'}.", target)
    if os.path.lexists(target) and not overwrite:
        raise OutputError(taken, target)
    return write_atomic(text.encode("utf-8"), target, protected=[source], replace=overwrite, taken=taken)


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and os.path.samefile(a, b)
    except OSError:
        return a.absolute() == b.absolute()
