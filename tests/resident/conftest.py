from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.residents import stop_all


@pytest.fixture
def short_runtime() -> Iterator[Path]:
    """A ``$XDG_RUNTIME_DIR`` of the test's own, short enough for a socket's path (pytest's
    ``tmp_path`` is not), its residents stopped afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="cchc-rt-"))
    folder.chmod(0o700)
    yield folder
    stop_all(folder)
    shutil.rmtree(folder, ignore_errors=True)
