"""The installed package carries its Word template (and the spec schema), not only the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_the_wheel_ships_the_template_inside_the_package(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    wheel = next(tmp_path.glob("cchc_docgen-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "cchc_docgen/templates/cchc.docx" in names
    assert "cchc_docgen/__main__.py" in names
