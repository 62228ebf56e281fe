"""The installed package carries its Word template (and the spec schema), not only the checkout,
its version written once, and the `cchc-docgen` command."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import cchc_docgen

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(folder), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return zipfile.ZipFile(next(folder.glob("cchc_docgen-*.whl")))


def test_the_wheel_ships_the_template_inside_the_package(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert "cchc_docgen/templates/cchc.docx" in names
    assert "cchc_docgen/__main__.py" in names
    assert "cchc_docgen/resident/warm_up.yaml" in names  # -- what the resident process checks and lays out once --


def test_the_wheel_ships_the_line_breaking_lexicon_with_its_licence(wheel: zipfile.ZipFile) -> None:
    shipped = (ROOT / "cchc_docgen" / "linebreak" / "words.txt").read_bytes()
    assert wheel.read("cchc_docgen/linebreak/words.txt") == shipped
    assert b"Apache License" in wheel.read("cchc_docgen/linebreak/LICENSE-underthesea.txt")


def test_the_wheel_carries_the_version_written_in_the_package(wheel: zipfile.ZipFile) -> None:
    assert Path(wheel.filename or "").name.startswith(f"cchc_docgen-{cchc_docgen.__version__}-")
    metadata = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    assert f"\nVersion: {cchc_docgen.__version__}\n" in wheel.read(metadata).decode("utf-8")


def test_the_wheel_installs_the_cchc_docgen_command(wheel: zipfile.ZipFile) -> None:
    entry_points = next(n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt"))
    text = wheel.read(entry_points).decode("utf-8")
    assert "[console_scripts]" in text and "cchc-docgen = cchc_docgen.__main__:run" in text
