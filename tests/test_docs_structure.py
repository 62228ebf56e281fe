"""docs/cau-truc.md shows each numbering scheme and content shape with what it prints: every
YAML example there is rendered again and must print exactly the text shown under it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support.small_plans import printed

PAGE = Path(__file__).resolve().parent.parent / "docs" / "cau-truc.md"
EXAMPLE = re.compile(r"```yaml\n(?P<yaml>.*?)```\s*```text\n(?P<text>.*?)```", re.S)


def _examples() -> list[tuple[str, str]]:
    return [(m["yaml"], m["text"]) for m in EXAMPLE.finditer(PAGE.read_text(encoding="utf-8"))]


def test_the_page_shows_every_scheme() -> None:
    examples = "\n".join(yaml for yaml, _ in _examples())
    for scheme in ("la_ma", "so", "thap_phan", "chu", "gach", "cong", "khong"):
        assert re.search(rf"danh_so: \[?[^\n]*\b{scheme}\b", examples), scheme
    for shape in ("lan_luot:", "moc:", "nhiem_vu:", "cung_cau:", "ket_can_cu:", "liet_ke:", "so_thu_tu:", "trich_yeu:"):
        assert shape in examples, shape


@pytest.mark.parametrize(("fragment", "expected"), _examples(), ids=[f"example-{i + 1}" for i in range(len(_examples()))])
def test_each_example_prints_what_the_page_says(fragment: str, expected: str) -> None:
    assert printed(fragment) == expected.rstrip("\n").split("\n")
