"""The command on every bad input: exit code 1, a Vietnamese message with its place, no
traceback, nothing written, the input untouched; and docs/errors.md shows exactly that."""

from __future__ import annotations

import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from cchc_docgen.checks import RULE_BY_ID
from cchc_docgen.errors import ERROR

from support.error_table import (
    DOC,
    ROOT,
    WHOLE_FILE_TEMPLATES,
    Outcome,
    build_templates,
    huge_file,
    render_page,
    rule_cases,
    spec_cases,
    template_cases,
)

SPEC_CASES = spec_cases()
TEMPLATE_CASES = template_cases()


def _command(*args: str) -> Outcome:
    result = subprocess.run([sys.executable, "-m", "cchc_docgen", *args], capture_output=True, text=True, cwd=ROOT, check=False, timeout=120)
    return Outcome(result.returncode, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, tuple[Outcome, Path, bytes]]:
    """Every bad input through `python -m cchc_docgen FILE -o OUT`, two at a time."""
    build_templates()
    out_root = tmp_path_factory.mktemp("cli-out")
    cases = SPEC_CASES + TEMPLATE_CASES
    before = {path: path.read_bytes() for path in cases}
    outs = {path: out_root / f"{index:02d}-{path.stem}" for index, path in enumerate(cases)}
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = dict(zip(cases, pool.map(lambda p: _command(p.relative_to(ROOT).as_posix(), "-o", str(outs[p])), cases), strict=True))
    return {path: (outcomes[path], outs[path], before[path]) for path in cases}


def _no_trace(outcome: Outcome) -> None:
    assert "Traceback" not in outcome.stderr and "Traceback" not in outcome.stdout
    assert "Lỗi không mong đợi" not in outcome.stderr  # the CLI's wording for a bug of ours


@pytest.mark.parametrize("path", SPEC_CASES, ids=lambda p: p.stem)
def test_a_bad_specification_exits_1_with_its_place_and_writes_nothing(runs, path: Path) -> None:
    outcome, out, before = runs[path]
    relative = re.escape(path.relative_to(ROOT).as_posix())
    assert outcome.exit_code == 1
    assert re.search(rf"^{relative}:\d+:\d+: lỗi: ", outcome.stderr, re.MULTILINE), outcome.stderr
    assert re.search(r"^    Gợi ý: \S", outcome.stderr, re.MULTILINE)
    assert re.search(r"^Đặc tả có \d+ lỗi; chưa tạo văn bản nào\.$", outcome.stderr, re.MULTILINE)
    _no_trace(outcome)
    assert outcome.stdout == ""
    assert not out.exists()
    assert path.read_bytes() == before


@pytest.mark.parametrize("path", TEMPLATE_CASES, ids=lambda p: p.stem)
def test_a_hostile_or_broken_template_exits_1_naming_it_and_writes_nothing(runs, path: Path) -> None:
    outcome, out, before = runs[path]
    assert outcome.exit_code == 1
    # -- the check rule MAU-WORD, worded as the check command words it, at the line naming the template --
    assert re.match(rf"{re.escape(path.relative_to(ROOT).as_posix())}:\d+:\d+: lỗi \[MAU-WORD\]: xuat.mau: ", outcome.stderr), outcome.stderr
    assert f": {path.with_suffix('.docx').resolve()}: " in outcome.stderr
    assert "mẫu" in outcome.stderr and "    Gợi ý: " in outcome.stderr
    if path.with_suffix(".docx").name not in WHOLE_FILE_TEMPLATES:
        assert "Đoạn trong mẫu: " in outcome.stderr  # the place, quoted from the template
    _no_trace(outcome)
    assert not out.exists()
    assert path.read_bytes() == before


def test_the_check_command_reports_every_bad_input_in_one_run() -> None:
    outcome = _command("check", *(p.relative_to(ROOT).as_posix() for p in SPEC_CASES))
    assert outcome.exit_code == 1
    for path in SPEC_CASES:
        assert re.search(rf"^{re.escape(path.relative_to(ROOT).as_posix())}:\d+:\d+: lỗi", outcome.stderr, re.MULTILINE), path.name
    assert f"Đã kiểm tra {len(SPEC_CASES)} tệp đặc tả: " in outcome.stderr
    _no_trace(outcome)


@pytest.mark.parametrize("rule", sorted(rule_cases()))
def test_the_check_command_exits_1_only_for_error_rules(rule: str) -> None:
    outcome = _command("check", *(p.relative_to(ROOT).as_posix() for p in rule_cases()[rule]))
    assert outcome.exit_code == (1 if RULE_BY_ID[rule].severity == ERROR else 0)
    assert f"[{rule}]" in outcome.stdout + outcome.stderr
    _no_trace(outcome)


def test_a_file_over_the_size_limit_exits_1_without_a_traceback(tmp_path: Path) -> None:
    with huge_file() as path:
        outcome = _command(str(path), "-o", str(tmp_path / "out"))
    assert outcome.exit_code == 1
    assert outcome.stderr.startswith(f"{path}: lỗi: tệp quá lớn")
    _no_trace(outcome)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args", [[], ["--khong-co"], ["a.yaml", "--gop", "--rieng"], ["check"]], ids=["nothing", "unknown-option", "both-modes", "check-nothing"])
def test_a_mistyped_command_exits_2_in_vietnamese(args: list[str]) -> None:
    outcome = _command(*args)
    assert outcome.exit_code == 2
    assert "lỗi:" in outcome.stderr and "--help" in outcome.stderr
    _no_trace(outcome)


def test_a_missing_specification_file_exits_1(tmp_path: Path) -> None:
    outcome = _command(str(tmp_path / "khong-co.yaml"))
    assert outcome.exit_code == 1
    assert "không đọc được tệp (không có tệp này)" in outcome.stderr
    _no_trace(outcome)


def test_docs_errors_md_shows_what_the_command_prints_today() -> None:
    build_templates()
    assert DOC.read_text(encoding="utf-8") == render_page(), "chạy: python tests/support/error_table.py"


def test_every_bad_input_has_a_description_line() -> None:
    for path in SPEC_CASES + TEMPLATE_CASES:
        assert path.read_bytes().startswith(b"# ")
