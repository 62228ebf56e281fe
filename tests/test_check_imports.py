"""``check`` imports only the steps it runs: a fresh process that checks the seed plans
has not imported the view, the render or file naming (what the rules decide without
the documents' views, and a specification without ``xuat.ten_tep``, never needs), nor
the standard library's calendar (spec.values counts a month's days itself)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
