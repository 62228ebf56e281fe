"""Drafter templates that misbehave, built from the shipped one (as error_table.py does)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from cchc_docgen.rendering import default_template

# -- 10¹⁰ turns of an empty loop: a template that never finishes --
HANGING = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}{{ b.text }}"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def template_with(hostile: str, target: Path) -> Path:
    """The shipped template with its first '{{ b.text }}' replaced by ``hostile``."""
    source = zipfile.ZipFile(io.BytesIO(default_template().read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.decode("utf-8").replace("{{ b.text }}", hostile, 1).encode("utf-8")
            package.writestr(zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME), data)
    target.write_bytes(out.getvalue())
    return target
