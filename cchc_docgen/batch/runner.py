"""Running a batch: render every job in the worker processes, write each job as it finishes.

The parent process writes every file itself, in a thread of its own: an fsync can take
longer than a render, and the main thread must keep taking the workers' results (so they
render at full speed) and watching their time limits meanwhile. Before any document of a
job is handed to the writer, the main thread
decides whether every one of the job's file names is still free in this run: a job that
would take a name another job already wrote is reported, and none of its files is
written (a plan without its decision is worse than neither). Which of two clashing jobs
is written is the one that finished first; the other is named in the message.
"""

from __future__ import annotations

import contextlib
import functools
import os
import queue
import signal
import threading
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CchcError
from . import pool
from .jobs import Failure, Job, Outcome, render_job

if TYPE_CHECKING:
    from ..writing import Inputs

DEFAULT_TIME_LIMIT = 120.0  # -- seconds for one job; the largest real plan renders in well under one --

Progress = Callable[[int, int, int], None]  # (jobs done, jobs in all, jobs failed)


@dataclass
class BatchResult:
    """What a batch run did: files written, and the jobs that failed with their reasons."""

    total: int
    written: list[Path] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # -- the check rules' warnings of the jobs, in job order --
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


def _preload(jobs: Sequence[Job]) -> None:
    """Import the render step and compile the first job's template here, before the workers
    fork: each inherits both, instead of importing the library and compiling the template
    again (with a cold template cache, each would also import python-docx and docxtpl)."""
    from .. import api, documents
    from .rows import row_spec

    if not jobs:
        return
    first = jobs[0]
    try:
        spec = api.load_spec(first.spec_path) if first.row is None else row_spec(first.spec_path, first.row)
    except CchcError:
        return  # -- that job reports it --
    documents.preload(documents.own_template(spec))  # type: ignore[arg-type]


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # -- not on Linux --
        return max(1, os.cpu_count() or 1)


def run(
    jobs: list[Job], *, workers: int | None = None, pdf: bool = False, progress: Progress | None = None, failures: Sequence[Failure] = (),
    strict: bool = False, overwrite: bool = False, time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> BatchResult:  # fmt: skip
    """Render and write every job; a failing job is recorded and the others go on.

    ``failures`` are problems found while listing the jobs (an empty folder), reported with
    the rest. Every job runs the check command's rules (``strict``: warnings stop it too),
    and a document number issued twice in the batch (ND30-SO-TRUNG) stops the job that
    came second. Each job's documents are written all or none; with ``overwrite``, files
    another plan (or the drafter) made are replaced instead of reported. A job still
    running after ``time_limit`` seconds is stopped and reported.
    With ``pdf``, the documents written are then converted with LibreOffice. ``written``
    and ``failures`` are in job order, whatever order the jobs finished in.
    """
    started = time.perf_counter()
    result = BatchResult(total=len(jobs) + len(failures), failures=list(failures))
    from ..checks import NumberRegister
    from ..writing import Inputs

    # -- every specification, model and table the jobs read, and each template as a job
    # -- names it: no job's output may replace one of them --
    inputs = Inputs({job.spec_path for job in jobs} | {job.row.table for job in jobs if job.row is not None})
    owners: dict[str, int] = {}
    numbers = NumberRegister()
    failed: list[tuple[int, Failure]] = []
    warned: list[tuple[int, tuple[str, ...]]] = []
    done = len(failures)
    if progress is not None:
        progress(done, result.total, len(failures))
    writer = _Writer(inputs, overwrite)
    work = functools.partial(render_job, strict=strict)
    _preload(jobs)
    stream = pool.outcomes(jobs, work, workers=workers or default_workers(), limit=time_limit, late=_late, lost=_lost)
    try:
        with contextlib.closing(stream):
            for index, outcome in stream:
                job = jobs[index]
                for path in outcome.inputs:
                    inputs.add(path)
                messages = list(outcome.messages) + [p.format() for p in map(numbers.add, outcome.numbers) if p]
                if outcome.documents and not messages:
                    messages += _claim(index, job, outcome, owners, jobs)
                if outcome.documents and not messages:
                    writer.put(index, job, outcome.documents)
                if messages:
                    failed.append((index, Failure(job.label, tuple(messages))))
                warned.append((index, outcome.warnings))
                done += 1
                if progress is not None:
                    progress(done, result.total, len(failures) + len(failed))
    except BaseException:
        writer.close(abandon=True)  # -- Ctrl-C: the job being written is finished, the others dropped --
        raise
    writer.close(abandon=False)
    failed += [(index, Failure(jobs[index].label, messages)) for index, messages in writer.failed]
    result.written = [path for _, paths in sorted(writer.written, key=lambda pair: pair[0]) for path in paths]
    result.failures += [failure for _, failure in sorted(failed, key=lambda pair: pair[0])]
    result.warnings = [warning for _, warnings in sorted(warned, key=lambda pair: pair[0]) for warning in warnings]
    if pdf and result.written:
        _convert(result)
    result.seconds = time.perf_counter() - started
    return result


class _Writer:
    """Writes each job's documents, one job after another, in a thread of its own."""

    def __init__(self, inputs: Inputs, overwrite: bool) -> None:
        self.inputs, self.overwrite = inputs, overwrite
        self.queue: queue.SimpleQueue[tuple[int, Job, tuple[tuple[str, bytes], ...]] | None] = queue.SimpleQueue()
        self.written: list[tuple[int, list[Path]]] = []
        self.failed: list[tuple[int, tuple[str, ...]]] = []
        self.abandon = False
        self.finished = threading.Event()  # -- set by the thread as its last act --
        self.thread = threading.Thread(target=self._run, name="cchc-ghi", daemon=True)
        self.thread.start()

    def put(self, index: int, job: Job, documents: tuple[tuple[str, bytes], ...]) -> None:
        self.queue.put((index, job, documents))

    def close(self, *, abandon: bool) -> None:
        """Wait for the writer; when abandoning (or stopped while waiting), only for the job it
        is writing. The wait is on an event the thread sets, not ``Thread.join``: a join cut
        short by Ctrl-C marks a running thread as finished in Python 3.11 (the bpo-45274
        change to ``_wait_for_tstate_lock`` releases the lock the live thread holds), so a
        second join returned at once and the process exited with a temporary half written."""
        self.abandon = abandon
        self.queue.put(None)
        try:
            self.finished.wait()
        except BaseException:
            self.abandon = True
            with pool.held_signals():  # -- a half-written file must not be left to the interpreter's exit --
                self.finished.wait()
            raise

    def _run(self) -> None:
        try:
            self._write_all()
        finally:
            self.finished.set()

    def _write_all(self) -> None:
        if hasattr(signal, "pthread_sigmask"):  # -- signals are the main thread's: it stops the workers --
            signal.pthread_sigmask(signal.SIG_BLOCK, (signal.SIGINT, signal.SIGTERM))
        while (item := self.queue.get()) is not None:
            if self.abandon:
                continue
            index, job, documents = item
            try:
                self.written.append((index, write_job(job, documents, self.inputs, overwrite=self.overwrite)))
            except CchcError as exc:
                self.failed.append((index, tuple(exc.messages())))
            except Exception as exc:  # -- a bug must not leave the batch waiting for a writer that is gone --
                self.failed.append((index, (f"{job.label}: lỗi không mong đợi khi ghi tệp: {type(exc).__name__}: {exc}",)))


def write_job(job: Job, documents: tuple[tuple[str, bytes], ...], inputs: Inputs, *, overwrite: bool = False) -> list[Path]:
    """Every document of one job, all or none, written while Ctrl-C waits (so no file is left half-written)."""
    from ..writing import write_files

    with pool.held_signals():
        return write_files([(job.out_dir / name, data) for name, data in documents], protected=inputs, overwrite=overwrite)


def _key(target: Path) -> str:
    """One key for every spelling of a file name a file system may treat as the same file."""
    return unicodedata.normalize("NFC", str(target.resolve())).casefold()


def _claim(index: int, job: Job, outcome: Outcome, owners: dict[str, int], jobs: Sequence[Job]) -> list[str]:
    """Take every file name of the job, or none: the messages of the names already taken."""
    keys = [(job.out_dir / name, _key(job.out_dir / name)) for name, _ in outcome.documents]
    messages = []
    for target, key in keys:
        other = owners.get(key)
        if other is not None and other != index:
            messages.append(
                f"{job.label}: tệp kết quả {target} trùng tên với tệp của {jobs[other].label}; không ghi tệp nào của việc này.\n"
                "    Gợi ý: đặt 'xuat.ten_tep' khác nhau cho mỗi văn bản (một cột xuat.ten_tep trong bảng)."
            )
    if len({key for _, key in keys}) < len(keys):
        messages.append(f"{job.label}: hai văn bản của đặc tả này trùng tên tệp.\n    Gợi ý: đặt 'xuat.ten_tep' khác, hoặc dùng --rieng / --gop.")
    if not messages:
        owners.update((key, index) for _, key in keys)
    return messages


def _late(job: Job, limit: float) -> Outcome:
    return Outcome((), (
        f"{job.label}: lỗi: quá thời gian cho phép ({limit:g} giây cho một văn bản), đã dừng việc này; các văn bản khác vẫn được tạo.\n"
        "    Gợi ý: mẫu Word riêng (xuat.mau) có vòng lặp quá lớn không? Nếu văn bản thật sự rất lớn, tăng --gioi-han-giay.",))  # fmt: skip


def _lost(job: Job, exit_code: int | None) -> Outcome:
    reason = "có thể do hết bộ nhớ" if exit_code == -9 else f"mã {exit_code}"
    return Outcome((), (
        f"{job.label}: lỗi: tiến trình tạo văn bản này dừng đột ngột ({reason}); các văn bản khác vẫn được tạo.\n"
        "    Gợi ý: mẫu Word riêng (xuat.mau) có tạo nội dung quá lớn không? Hãy gửi đặc tả cho nhóm phát triển.",))  # fmt: skip


def _convert(result: BatchResult) -> None:
    from ..pdf import PdfError, convert

    try:
        converted = convert(result.written)
    except PdfError as exc:  # -- no LibreOffice: the documents are written all the same --
        result.failures.append(Failure("PDF", tuple(exc.messages())))
    else:
        result.pdfs = converted.pdfs
        result.failures += [Failure(str(path), (reason,)) for path, reason in converted.failures]
