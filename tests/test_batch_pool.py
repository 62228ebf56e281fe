"""The batch's worker processes: every job ends with an outcome, whatever its worker does."""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from pathlib import Path

import pytest

from cchc_docgen.batch import Job, Outcome
from cchc_docgen.batch.pool import outcomes

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the test's work function reaches the workers by fork")


def _work(job: Job) -> Outcome:
    if job.label == "treo":
        time.sleep(3600)
    if job.label == "chet":
        os._exit(7)  # -- as the kernel's OOM killer would end it, with no word --
    return Outcome(((f"{job.label}.docx", b"x"),), ())


def test_a_job_whose_worker_dies_or_hangs_is_reported_and_every_other_job_still_ends() -> None:
    labels = ["a", "treo", "b", "chet", "c", "d", "e", "f"]
    jobs = [Job(label, Path(label), Path(".")) for label in labels]
    late = lambda job, limit: Outcome((), (f"late {job.label}",))  # noqa: E731
    lost = lambda job, code: Outcome((), (f"lost {job.label} {code}",))  # noqa: E731
    results = dict(outcomes(jobs, _work, workers=2, limit=1.5, late=late, lost=lost))
    assert sorted(results) == list(range(len(jobs)))
    assert results[1].messages == ("late treo",) and results[3].messages == ("lost chet 7",)
    assert all(results[n].documents == ((f"{labels[n]}.docx", b"x"),) for n in (0, 2, 4, 5, 6, 7))
    assert not multiprocessing.active_children()  # -- the hanging and the dead worker reaped, the others stopped --
