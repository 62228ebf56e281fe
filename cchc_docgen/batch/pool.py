"""Worker processes that can be stopped: results as they come, a time limit per job.

``concurrent.futures`` and ``multiprocessing.Pool`` cannot stop a task that runs forever
(a drafter's template looping over ``range(100000)`` twice), and Pool's results come back
in job order, so one hanging plan held back every document after it. Here each worker is
a process of our own with two pipes (job numbers in, outcomes out): it is given a few jobs at a
time, and its outcome pipe is enlarged so that it keeps rendering while the parent is
busy writing (an fsync can take longer than a render); the parent waits on every pipe at
once with the nearest deadline as its timeout. A job past its limit is reported,
its worker killed and replaced, and the job that was waiting behind it given to another.

Workers ignore Ctrl-C (a terminal sends it to the whole process group): the parent alone
decides, kills them and reaps them, so no worker prints a traceback and none is left
behind. A worker also dies with its parent (Linux), in case the parent is killed outright.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

from ..files import held_signals
from .jobs import Job, Outcome

__all__ = ["held_signals", "outcomes"]

_IN_FLIGHT = 8  # -- jobs handed to one worker at a time: the one it runs and those it runs next --
_PIPE_BYTES = 1024 * 1024  # -- Linux's default ceiling for a pipe (/proc/sys/fs/pipe-max-size): ~25 commune plans --


def _serve(
    indexes: Connection, results: Connection, work: Callable[[Job], Outcome], jobs: Sequence[Job], inherited: Sequence[Connection]
) -> None:
    """A worker's life: job numbers in, outcomes out, until the pipe closes. The jobs
    themselves came with the process (copied by fork), so what the parent sends is a few
    bytes and never waits for a busy worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_SETMASK, set())  # -- started while the parent held them --
    _die_with_parent()
    for other in inherited:  # -- the parent's ends of other workers' pipes, copied by fork --
        other.close()
    while True:
        try:
            index = indexes.recv()
        except (EOFError, OSError):
            return
        if index is None:
            return
        try:
            results.send((index, work(jobs[index])))
        except (BrokenPipeError, OSError):
            return


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # -- PR_SET_PDEATHSIG --
    except (OSError, AttributeError):
        pass


class _Worker:
    def __init__(self, context: Any, work: Callable[[Job], Outcome], jobs: Sequence[Job], others: Sequence[_Worker]):
        orders_out, orders_in = context.Pipe(duplex=False)  # -- (reading end, writing end) --
        results_out, results_in = context.Pipe(duplex=False)
        _enlarge(results_in)
        parent_ends = [end for w in others for end in (w.orders, w.results)] + [orders_in, results_out]
        inherited = parent_ends if context.get_start_method() == "fork" else []
        self.process = context.Process(target=_serve, args=(orders_out, results_in, work, jobs, inherited), daemon=True, name="cchc-batch")
        self.orders: Connection = orders_in  # -- job numbers to the worker --
        self.results: Connection = results_out
        with held_signals():  # -- a Ctrl-C now must not leave a worker nobody knows of --
            self.process.start()
        orders_out.close()
        results_in.close()
        self.queue: deque[int] = deque()
        self.since = time.monotonic()  # -- when the job at the head of the queue started --

    def give(self, index: int) -> None:
        if not self.queue:
            self.since = time.monotonic()
        self.queue.append(index)
        self.orders.send(index)

    def stop(self, *, kill: bool) -> None:
        with contextlib.suppress(OSError, ValueError):
            if kill:
                self.process.kill()
            else:
                self.orders.send(None)
        self.process.join(timeout=None if kill else 2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.orders.close()
        self.results.close()


def _enlarge(end: Connection) -> None:
    try:
        import fcntl

        fcntl.fcntl(end.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)  # type: ignore[attr-defined]
    except (ImportError, AttributeError, OSError):  # -- not Linux, or a lower ceiling: the default pipe works, a little slower --
        pass


def _context() -> Any:
    # -- fork (where there is one) shares the parent's loaded modules with no re-import --
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def outcomes(
    jobs: Sequence[Job], work: Callable[[Job], Outcome], *, workers: int, limit: float | None, late: Callable[[Job, float], Outcome],
    lost: Callable[[Job, int | None], Outcome],
) -> Iterator[tuple[int, Outcome]]:
    """(job index, outcome) for every job, in the order they finish.

    ``late`` gives the outcome of a job stopped at its time limit; ``lost`` that of a job
    whose worker died under it (with the worker's exit code). Closing the iterator (or an
    exception in the consumer, Ctrl-C included) kills every worker and reaps it.
    """
    context = _context()
    pending = deque(range(len(jobs)))
    pool: list[_Worker] = []

    def feed(worker: _Worker) -> None:
        while pending and len(worker.queue) < _IN_FLIGHT:
            worker.give(pending.popleft())

    def replace(worker: _Worker) -> None:
        pending.extendleft(reversed(list(worker.queue)[1:]))  # -- the job waiting behind goes to another --
        pool.remove(worker)
        if pending:
            fresh = _Worker(context, work, jobs, pool)
            pool.append(fresh)
            feed(fresh)

    finished = False
    try:
        for _ in range(max(1, min(workers, len(jobs)))):
            pool.append(_Worker(context, work, jobs, pool))
        for worker in pool:
            feed(worker)
        while any(w.queue for w in pool):
            busy = [w for w in pool if w.queue]
            timeout = None if limit is None else max(0.0, min(w.since for w in busy) + limit - time.monotonic())
            ready = set(wait([w.results for w in busy] + [w.process.sentinel for w in busy], timeout))
            for worker in busy:
                if worker.results in ready or worker.process.sentinel in ready:
                    try:
                        index, outcome = worker.results.recv()
                    except (EOFError, OSError):  # -- the worker died (killed, out of memory) --
                        worker.process.join(timeout=5)
                        head = worker.queue[0]
                        worker.stop(kill=True)
                        replace(worker)
                        yield head, lost(jobs[head], worker.process.exitcode)
                        continue
                    worker.queue.popleft()
                    worker.since = time.monotonic()
                    feed(worker)
                    yield index, outcome
            if limit is None:
                continue
            now = time.monotonic()
            for worker in [w for w in pool if w.queue and now - w.since >= limit and not w.results.poll()]:
                head = worker.queue[0]
                worker.stop(kill=True)
                replace(worker)
                yield head, late(jobs[head], limit)
        finished = True
    finally:
        for worker in pool:
            worker.stop(kill=not finished)
