"""``check`` imports only the steps it runs, and start-up compiles no more than it must.

A fresh process that checks the seed plans has not imported the view, the render or file
naming (what the rules decide without the documents' views, and a specification without
``xuat.ten_tep``, never needs), nor the standard library's calendar (spec.values counts a
month's days itself); and neither a check nor a render compiles a dataclass method at run
time except for the two classes made by the hundred."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cchc_docgen.prepared import ENVIRONMENT_VARIABLE

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "plan_specs").glob("*.yaml"))
NOT_FOR_CHECK = {
    "cchc_docgen.view", "cchc_docgen.content", "cchc_docgen.tasklist", "cchc_docgen.numbering", "cchc_docgen.naming",
    "cchc_docgen.documents", "cchc_docgen.rendering", "cchc_docgen.linebreak", "docx", "docxtpl", "jinja2", "lxml", "babel", "calendar",
}  # fmt: skip

_CHECK = """
import json, sys
from pathlib import Path
from cchc_docgen.checks import check_files
report = check_files([Path(p) for p in sys.argv[1:]])
print(json.dumps({"problems": len(report.problems), "modules": sorted(sys.modules)}))
"""


def _checked(*paths: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _CHECK, *map(str, paths)], cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def test_checking_the_seeds_imports_no_view_render_or_naming_step() -> None:
    found = _checked(*SEEDS)
    assert found["problems"] == 0
    assert sorted(NOT_FOR_CHECK & {m if m.startswith("cchc_docgen") else m.split(".")[0] for m in found["modules"]}) == []


def test_a_rule_that_reads_the_paragraphs_still_gets_the_view_step() -> None:
    """The premise of the test above: the views are imported when a rule needs them."""
    found = _checked(ROOT / "tests" / "data" / "views" / "read-by-two-rules.yaml")
    assert found["problems"] == 0 and "cchc_docgen.view" in found["modules"]


_GENERATED = """
import json, sys
from pathlib import Path
import cchc_docgen.checks
if sys.argv[1] == "render":
    import cchc_docgen
    cchc_docgen.render(cchc_docgen.load_spec(sys.argv[2]))
else:
    cchc_docgen.checks.check_files([Path(sys.argv[2])])
made = set()
for name, module in list(sys.modules.items()):
    if name.startswith("cchc_docgen"):
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == name:
                if any(getattr(getattr(f, "__code__", None), "co_filename", "") == "<string>" for f in vars(value).values()):
                    made.add(f"{name}.{value.__qualname__}")
print(json.dumps(sorted(made)))
"""


def _generated(command: str, cache: Path) -> list[str]:
    """The package's classes holding methods compiled from source at run time (what
    @dataclass makes: its functions' code comes from '<string>'), outside line breaking."""
    env = {**os.environ, ENVIRONMENT_VARIABLE: str(cache)}
    for _ in range(2):  # -- the first run fills the template cache, as every run after a drafter's first finds it --
        done = subprocess.run([sys.executable, "-c", _GENERATED, command, str(SEEDS[0])], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return [name for name in json.loads(done.stdout) if not name.startswith("cchc_docgen.linebreak.")]


def test_a_check_compiles_no_dataclass_method(tmp_path: Path) -> None:
    """Model classes take theirs from Node, records from records, tables' rows are named tuples."""
    assert _generated("check", tmp_path) == []


def test_a_render_compiles_methods_only_for_the_classes_made_by_the_hundred(tmp_path: Path) -> None:
    """A paragraph (Block) and a task row (TableRow) keep @dataclass's faster __init__."""
    assert _generated("render", tmp_path) == ["cchc_docgen.tasklist.TableRow", "cchc_docgen.view.Block"]
