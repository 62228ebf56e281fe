"""Batch workers start from a parent that has already imported the render step and compiled
the template (batch/runner._preload): what a forked worker then does for a job imports
nothing and compiles nothing again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

_SCRIPT = """
import json, sys
from pathlib import Path
from cchc_docgen import batch, rendering
from cchc_docgen.batch.runner import _preload

jobs = batch.jobs_from_table(Path(sys.argv[1]), Path(sys.argv[2])) if len(sys.argv) > 2 else batch.jobs_from_paths([Path(sys.argv[1])])[0]
_preload(jobs)
before = set(sys.modules)
compiled = rendering.compiled.cache_info()
outcome = batch.render_job(jobs[0])  # -- what a worker forked now would run first --
after = rendering.compiled.cache_info()
print(json.dumps({"new": sorted(set(sys.modules) - before), "documents": len(outcome.documents), "messages": list(outcome.messages),
                  "compiled_before": compiled.currsize, "misses": after.misses - compiled.misses}))
"""


@pytest.mark.parametrize(
    "arguments",
    [["examples/xa-mau-hang-loat.yaml", "examples/xa-hang-loat.csv"], ["plan_specs/tan-uyen-2023.yaml"]],
    ids=["table", "specification"],
)
def test_a_forked_worker_imports_and_compiles_nothing_again(tmp_path: Path, arguments: list[str]) -> None:
    env = {**os.environ, "CCHC_DOCGEN_CACHE": str(tmp_path)}  # -- cold: the parent builds the template itself --
    done = subprocess.run([sys.executable, "-c", _SCRIPT, *arguments], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["documents"] >= 1 and result["messages"] == []
    assert result["compiled_before"] == 1
    assert result["misses"] == 0
    assert result["new"] == []
