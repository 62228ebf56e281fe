"""Reading YAML safely: no code runs, absurd inputs stop early, every problem has a place."""

from __future__ import annotations

import os
import re
import threading
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_docgen import SpecError, load_spec, parse_spec
from cchc_docgen.checks import check_files
from cchc_docgen.spec.loader import MAX_BYTES, MAX_DEPTH, MAX_EXPANDED_CHARS, MAX_NODES, nesting_bound

from support.error_table import spec_cases
from support.spec_builder import BASE, spec_text, write_spec


def _problems(text: str | bytes, name: str = "dac-ta.yaml") -> list:
    with pytest.raises(SpecError) as caught:
        parse_spec(text, name)
    return caught.value.problems


@pytest.mark.parametrize("path", spec_cases(), ids=lambda p: p.stem)
def test_every_bad_input_is_refused_with_its_file_line_and_column(path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    assert caught.value.problems
    for problem in caught.value.problems:
        assert problem.file == str(path)
        assert problem.line >= 1 and problem.column >= 1, problem.format()
        assert problem.message and problem.hint


def test_a_billion_laughs_stops_before_the_aliases_are_expanded(tmp_path: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    path = write_spec(tmp_path, "\n".join(lines) + "\n")  # 9**9 = 387 million strings once expanded
    tracemalloc.start()
    try:
        with pytest.raises(SpecError) as caught:
            load_spec(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert f"{MAX_NODES:_}".replace("_", ".") in caught.value.problems[0].message  # -- refused at the node limit, with its message --
    assert caught.value.problems[0].line >= 1
    assert peak < 20 * 1024 * 1024  # -- bounded memory: the 387 million strings were never built --


def test_a_file_over_the_size_limit_is_refused_without_parsing_it(tmp_path: Path) -> None:
    path = tmp_path / "lon.yaml"
    path.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    assert "quá lớn" in caught.value.problems[0].message


def test_an_endless_device_is_refused_before_anything_is_read() -> None:
    tracemalloc.start()
    try:
        with pytest.raises(SpecError) as caught:
            load_spec(Path("/dev/zero"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "thiết bị" in caught.value.problems[0].message
    assert peak < MAX_BYTES


def test_a_spec_held_in_memory_has_the_same_size_limit() -> None:
    problems = _problems(b"a: " + b"x" * MAX_BYTES)
    assert "quá lớn" in problems[0].message


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{a: ", "}")])
def test_nesting_thousands_deep_is_reported_at_its_line_instead_of_crashing(opening: str, closing: str) -> None:
    problems = _problems("co_quan_ban_hanh:\n  cap: " + opening * 5000 + "1" + closing * 5000 + "\n")
    assert problems[0].line == 2
    assert f"hơn {MAX_DEPTH} tầng" in problems[0].message


def test_block_nesting_thousands_deep_is_reported_at_its_line_instead_of_crashing() -> None:
    nested = "".join(" " * level + f"k{level}:\n" for level in range(3000)) + " " * 3000 + "- 1\n"
    problems = _problems(nested)
    assert problems[0].line == MAX_DEPTH + 1
    assert f"hơn {MAX_DEPTH} tầng" in problems[0].message


@pytest.mark.parametrize("padding", ["", "# " + "x" * 600 + "\n", "# " + "[" * 6000 + "\n"], ids=["own-stack", "big-stack", "depth-scan"])
def test_the_depth_limit_is_the_same_whichever_way_the_file_is_composed(padding: str) -> None:
    """A comment makes the cheap bound large enough to send the file down each path."""

    def depth_problems(levels: int) -> list:
        try:
            parse_spec(padding + "a: " + "[" * (levels - 1) + "1" + "]" * (levels - 1) + "\n")
        except SpecError as caught:
            return [p for p in caught.problems if "tầng" in p.message]
        return []

    assert depth_problems(MAX_DEPTH) == []
    refused = depth_problems(MAX_DEPTH + 1)
    assert refused and refused[0].line == padding.count("\n") + 1


def _depth(text: str) -> int:
    depth = deepest = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return deepest


_SCALARS = st.one_of(st.integers(0, 99), st.text("ab: -[]{}'\"#", max_size=6))
_TREES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text("abc", min_size=1, max_size=3), inner, max_size=3), max_leaves=40)


@settings(max_examples=200, derandomize=True, deadline=None, database=None)
@given(tree=_TREES, flow=st.booleans(), indent=st.integers(1, 4))
def test_the_cheap_nesting_bound_never_underestimates_the_real_depth(tree: object, flow: bool, indent: int) -> None:
    """Files under the bound skip libyaml's depth scan, so the bound must hold for any shape."""
    text = yaml.safe_dump(tree, default_flow_style=flow, indent=indent, allow_unicode=True)
    assert nesting_bound(text) >= _depth(text)


def test_nesting_just_over_the_depth_limit_is_reported_too() -> None:
    problems = _problems("a: " + "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2) + "\n")
    assert f"hơn {MAX_DEPTH} tầng" in problems[0].message


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:subprocess.check_output [['touch', '{marker}']]",
        "!!python/name:os.system",
        "!!binary aGVsbG8=",
        "!include /etc/passwd",
    ],
)
def test_yaml_tags_are_refused_and_never_run(tmp_path: Path, tagged: str) -> None:
    marker = tmp_path / "bi-chiem-quyen"
    text = spec_text(("ptp: Phòng Tư pháp", "ptp: " + tagged.format(marker=marker)))
    problems = _problems(text)
    assert "không được phép" in problems[0].message
    assert problems[0].line == 6
    assert not marker.exists()


def test_a_raw_control_character_is_reported_at_its_line_and_column() -> None:
    problems = _problems(spec_text(("ho_ten: Võ Văn Hùng", "ho_ten: Võ Văn\x08Hùng")))
    assert (problems[0].line, problems[0].column) == (BASE.splitlines().index("    ho_ten: Võ Văn Hùng") + 1, 19)
    assert "U+0008" in problems[0].message


def test_a_file_that_is_not_utf8_is_reported_at_the_first_bad_byte() -> None:
    problems = _problems(b"co_quan_ban_hanh:\n  dia_ban: Th\xe3ng B\xecnh\n")  # Windows-1258, as old Notepad saved it
    assert (problems[0].line, problems[0].column) == (2, 14)
    assert "UTF-8" in problems[0].message


def test_a_byte_order_mark_from_notepad_is_accepted() -> None:
    spec = parse_spec(b"\xef\xbb\xbf" + BASE.encode("utf-8"))
    assert spec.issuer.area == "Thăng Bình"


def test_an_empty_file_is_reported_as_empty() -> None:
    problems = _problems("# chỉ có chú thích\n")
    assert problems[0].message == "tệp đặc tả trống."


@pytest.mark.parametrize("path, reason", [(".", "thư mục"), ("khong-co.yaml", "không có tệp này")])
def test_a_path_that_is_not_a_readable_file_gets_a_clear_message(tmp_path: Path, path: str, reason: str) -> None:
    with pytest.raises(SpecError) as caught:
        load_spec(tmp_path / path)
    assert reason in caught.value.problems[0].message


@pytest.mark.parametrize("written", ["on", "no", "yes", "08", "1e3", "2021-01-14", "0x1F", "~x", "null x"])
def test_scalars_stay_the_text_the_drafter_wrote(written: str) -> None:
    spec = parse_spec(spec_text(("ho_ten: Võ Văn Hùng", f"ho_ten: {written}")))
    assert spec.plan.signer is not None
    assert spec.plan.signer.name == written


def test_a_large_text_aliased_many_times_is_refused_before_it_is_expanded() -> None:
    text = "a: &a " + "x" * 1_000_000 + "\nb:\n" + "  - *a\n" * 1000  # 1 MB of file, a gigabyte once expanded
    tracemalloc.start()
    try:
        problems = _problems(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert f"hơn {MAX_EXPANDED_CHARS // 1_000_000} triệu ký tự" in problems[0].message
    assert (problems[0].line, problems[0].column) == (1, 4) and problems[0].hint  # the text repeated, at its anchor
    assert peak < 50 * 1024 * 1024


def test_aliases_a_drafter_uses_on_purpose_stay_within_the_limit() -> None:
    text = BASE.replace("  luu: [VT, NV]\n", "  luu: &luu [VT, NV]\n") + "quyet_dinh_luu_mau: *luu\n"
    problems = _problems(text)
    assert [p.path for p in problems] == ["quyet_dinh_luu_mau"]  # only the unknown key, not a size limit


def _fifo(folder: Path) -> Path:
    path = folder / "ong.yaml"
    os.mkfifo(path)
    return path


def _loop(folder: Path) -> Path:
    (folder / "b.yaml").symlink_to(folder / "a.yaml")
    (folder / "a.yaml").symlink_to(folder / "b.yaml")
    return folder / "a.yaml"


def _directory(folder: Path) -> Path:
    (folder / "thu-muc.yaml").mkdir()
    return folder / "thu-muc.yaml"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFO on this system")
@pytest.mark.parametrize(
    ("make", "reason"),
    [(_fifo, "ống dẫn"), (lambda _: Path("/dev/zero"), "thiết bị"), (_loop, "vòng liên kết"), (_directory, "thư mục")],
    ids=["fifo", "device", "symlink-loop", "directory"],
)
def test_a_special_file_is_refused_at_once_by_load_and_by_check(tmp_path: Path, make: Callable[[Path], Path], reason: str) -> None:
    path = make(tmp_path)
    outcome: dict[str, Any] = {}

    def run() -> None:
        with pytest.raises(SpecError) as caught:
            load_spec(path)
        outcome["load"] = caught.value.problems
        outcome["check"] = check_files([path]).problems

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(30)
    assert not worker.is_alive(), "reading the file blocked"
    for problems in (outcome["load"], outcome["check"]):
        [problem] = problems
        assert reason in problem.message and problem.file == str(path)


@pytest.mark.parametrize("escape", ["\\U00110000", "\\U80000000", "\\UFFFFFFFF"])
def test_an_escape_beyond_unicode_is_refused_at_its_place(escape: str) -> None:
    [problem] = _problems(spec_text(("dia_ban: Thăng Bình", f'dia_ban: "Thăng {escape}"')))
    assert (problem.line, problem.column) == (3, 19)
    assert "\\U0010FFFF" in problem.message and problem.hint


def test_an_escape_beyond_unicode_is_refused_by_check_too(tmp_path: Path) -> None:
    path = write_spec(tmp_path, spec_text(("dia_ban: Thăng Bình", 'dia_ban: "\\U00110000"')))
    [problem] = check_files([path]).problems
    assert problem.line == 3 and "Unicode" in problem.message


@pytest.mark.parametrize("code", [0x7F, 0x80, 0x84, 0x86, 0x9F])
def test_an_escaped_c1_control_is_refused_like_a_raw_one(code: int) -> None:
    escaped = _problems(spec_text(("dia_ban: Thăng Bình", f'dia_ban: "Thăng\\x{code:02x}"')))
    raw = _problems(spec_text(("dia_ban: Thăng Bình", f'dia_ban: "Thăng{chr(code)}"')))
    for problems in (escaped, raw):
        [problem] = problems
        assert f"U+{code:04X}" in problem.message and problem.line == 3


def test_next_line_stays_allowed_escaped_as_raw() -> None:
    assert parse_spec(spec_text(("dia_ban: Thăng Bình", 'dia_ban: "Thăng\\x85Bình"'))).issuer.area == "Thăng\x85Bình"


def test_a_long_value_is_cut_in_the_message() -> None:
    [problem] = _problems(spec_text(("ngay: 14/01/2021", "ngay: " + "1" * 3_000_000)))
    assert len(problem.format()) < 600 and "…" in problem.message


@pytest.mark.parametrize(
    "broken",
    [
        "a: b: c\n", "a:\n\tb: c\n", "a: *khong_co\n", "a: [b, c\n", "a: {b: c\n", "a: 'b\n", 'a: "b\n', "a: &x 1\nb: &x 2\nc: *x\n",
        "a: b\n c: d\n", "- a\nb: c\n", "a: \"\\q\"\n", "a: \"\\x4\"\n", "a: @b\n", "a: `b\n", "a: 'b' c\n", "a: |x\n  b\n",
        "a: 1\n---\nb: 2\n", "a: b\n  - c\n", "? a\n", "a: !<x> b\n", "a: &\n", "%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "[a, b]]\n",
    ],
)  # fmt: skip
def test_the_parser_problems_are_told_in_vietnamese(broken: str) -> None:
    problems = _problems(broken)
    for problem in problems:
        assert problem.line >= 1 and problem.hint
        english = re.findall(r"\b(?:expected|found|allowed|mapping|scanning|parsing|could|while|character|token|stream|but|not)\b", problem.message + problem.hint)
        assert not english, problem.format()


def test_a_merge_key_is_refused_with_its_own_message() -> None:
    problems = _problems(BASE.replace("co_quan_ban_hanh:\n", "mac_dinh: &md {cap: huyen}\nco_quan_ban_hanh:\n  <<: *md\n"))
    assert any("'<<'" in p.message and p.path == "co_quan_ban_hanh.<<" for p in problems)
