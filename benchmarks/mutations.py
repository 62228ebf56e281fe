"""Break the package one line at a time and report which tests notice.

A suite that passes proves little until it fails on a broken renderer. Each mutation below
is one line of the package changed the way a slip would change it; the script copies the
working tree to a temporary folder (never touching the real one), applies one mutation,
runs the tests that should notice (or the whole suite with ``--full``) and reports the
tests that failed. A mutation no test catches is a gap in the suite; a line that is no
longer in the code is reported as such, so the list is kept up to date by hand.

    python -m benchmarks.mutations                 # every mutation, its relevant tests
    python -m benchmarks.mutations --full          # every mutation, the whole suite
    python -m benchmarks.mutations --only font,exit-code

Exit code 0 when every mutation was caught (and the unmutated copy passed).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYOUT = ("tests/test_layout.py", "tests/test_snapshots.py")
WRITING = ("tests/test_guarantees.py", "tests/test_writing.py")


@dataclass(frozen=True)
class Mutation:
    name: str
    file: str
    old: str  # exact text, found ``occurrences`` times in the file (every one is changed)
    new: str
    tests: tuple[str, ...]  # the part of the suite that should notice
    rebuild_template: bool = False  # a value only templates/cchc.docx carries: rebuild it, as its maintainer would
    occurrences: int = 1


MUTATIONS = (
    Mutation("font", "cchc_docgen/decree30.py", 'FONT = "Times New Roman"', 'FONT = "Arial"', LAYOUT),
    Mutation("line-spacing", "cchc_docgen/decree30.py", "BODY_LINE_SPACING = 1.15", "BODY_LINE_SPACING = 1.5", LAYOUT, rebuild_template=True),
    Mutation("signature-column", "cchc_docgen/decree30.py", "SIGNATURE_LEFT_SHARE = 0.45", "SIGNATURE_LEFT_SHARE = 0.25", LAYOUT),
    Mutation("khan-box", "cchc_docgen/decree30.py", '"KHẨN": (20, 8)', '"KHẨN": (55, 8)', LAYOUT),
    Mutation("issuer-rule", "cchc_docgen/decree30.py", "ISSUER_RULE_SHARE = 0.4", "ISSUER_RULE_SHARE = 0.48", LAYOUT),
    Mutation("text-widths", "cchc_docgen/metrics.py", "return units / 1000 * size_pt * _PT_TO_MM", "return units / 1000 * size_pt * _PT_TO_MM * 0.6", LAYOUT),
    Mutation("non-atomic-write", "cchc_docgen/writing.py", "os.replace(temporary, target)",
             "target.write_bytes(temporary.read_bytes()); temporary.unlink()  # truncate + copy over the target", WRITING,
             occurrences=2),  # -- one document alone, and a specification's documents all or none --
    Mutation("zip-clock", "cchc_docgen/writing.py", "_FIXED_TIME = (1980, 1, 1, 0, 0, 0)", '_FIXED_TIME = __import__("time").localtime()[:6]', WRITING),
    Mutation("shared-office-profile", "cchc_docgen/pdf.py", 'f"-env:UserInstallation={profile.as_uri()}", ', "", ("tests/test_guarantees.py", "tests/test_pdf.py")),
    Mutation("exit-code", "cchc_docgen/cli/parsers.py", "EXIT_OK, EXIT_SPEC, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3", "EXIT_OK, EXIT_SPEC, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 1",
             ("tests/test_guarantees.py", "tests/test_cli.py", "tests/test_cli_errors.py")),
    # -- beyond the nine --
    Mutation("title-rule", "cchc_docgen/decree30.py", "TITLE_RULE_SHARE = 0.4", "TITLE_RULE_SHARE = 0.3", LAYOUT),
    Mutation("body-indent", "cchc_docgen/decree30.py", "BODY_INDENT_CM = 1.27", "BODY_INDENT_CM = 1.0", LAYOUT, rebuild_template=True),
    Mutation("left-margin", "cchc_docgen/decree30.py", "PORTRAIT = PageSetup(width=210, height=297, top=20, bottom=20, left=30,",
             "PORTRAIT = PageSetup(width=210, height=297, top=20, bottom=20, left=25,", LAYOUT),
    Mutation("signature-space", "cchc_docgen/decree30.py", "SIGNATURE_BLANK_LINES = 4", "SIGNATURE_BLANK_LINES = 2", LAYOUT),
)

_IGNORE = shutil.ignore_patterns(".git", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", "*.egg-info", "build", "dist")


def _copy(folder: Path) -> Path:
    tree = folder / "tree"
    shutil.copytree(ROOT, tree, ignore=_IGNORE, symlinks=True)
    return tree


def _apply(tree: Path, mutation: Mutation) -> str | None:
    """Apply ``mutation`` inside ``tree``; say why not when its line is not there as often as expected."""
    path = tree / mutation.file
    text = path.read_text(encoding="utf-8")
    if text.count(mutation.old) != mutation.occurrences:
        return f"{mutation.file}: {mutation.old!r} found {text.count(mutation.old)} times, not {mutation.occurrences}"
    path.write_text(text.replace(mutation.old, mutation.new), encoding="utf-8")
    if mutation.rebuild_template:
        env = {**os.environ, "PYTHONPATH": str(tree)}
        subprocess.run([sys.executable, "-m", "cchc_docgen.template_build"], cwd=tree, env=env, check=True, capture_output=True)
    return None


def _run(tree: Path, tests: tuple[str, ...], home: Path) -> tuple[int, list[str]]:
    """Run pytest in ``tree`` on its own code; return the exit code and the failed tests."""
    env = {**os.environ, "PYTHONPATH": str(tree), "HOME": str(home), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("CCHC_SOFFICE", None)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--tb=no", "-rfE", "--snapshot-warn-unused", *tests]
    result = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", output, re.M)
    failed += [f"LibreOffice gate: {m}" for m in re.findall(r"^LibreOffice did not open (\S+)", output, re.M)]
    if result.returncode != 0 and not failed:  # -- no test named: say what pytest said last --
        failed = [next((line for line in reversed(output.splitlines()) if line.strip()), f"exit code {result.returncode}")[:200]]
    return result.returncode, failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.mutations", description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="run the whole suite for each mutation, not only its relevant tests")
    parser.add_argument("--only", help="comma-separated mutation names")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTATIONS if not args.only or m.name in args.only.split(",")]
    rows, missed = [], 0
    with tempfile.TemporaryDirectory(prefix="cchc-mutations-") as scratch:
        home = Path(scratch) / "home"
        home.mkdir()
        control = _copy(Path(scratch) / "control")
        selections = {() if args.full else m.tests for m in chosen}
        for selection in selections:
            code, failed = _run(control, selection, home)
            if code != 0:
                print(f"the unmutated copy fails {' '.join(selection) or 'the suite'}: {failed[:5]}; fix that first", file=sys.stderr)
                return 2
        for mutation in chosen:
            tree = _copy(Path(scratch) / mutation.name)
            problem = _apply(tree, mutation)
            if problem:
                rows.append((mutation, "NOT APPLIED", problem))
                missed += 1
            else:
                code, failed = _run(tree, () if args.full else mutation.tests, home)
                caught = code != 0
                missed += not caught
                rows.append((mutation, "caught" if caught else "MISSED", ", ".join(_short(f) for f in failed[:4]) + (f" (+{len(failed) - 4} more)" if len(failed) > 4 else "")))
            shutil.rmtree(tree, ignore_errors=True)
            print(f"{mutation.name}: {rows[-1][1]}", file=sys.stderr, flush=True)
    print("| mutation | line changed | result | tests that failed |")
    print("|---|---|---|---|")
    for mutation, result, detail in rows:
        print(f"| {mutation.name} | `{mutation.file}`: `{mutation.old.strip()}` → `{mutation.new.strip() or '(removed)'}` | {result} | {detail} |")
    print(f"\n{len(rows) - missed} of {len(rows)} mutations caught ({'whole suite' if args.full else 'relevant tests'}).")
    return 0 if missed == 0 else 1


def _short(test: str) -> str:
    return test.replace("tests/", "").replace(".py::", "::")


if __name__ == "__main__":
    raise SystemExit(main())
