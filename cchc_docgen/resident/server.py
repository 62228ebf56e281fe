"""The resident process: import once, then fork a child per command until idle or stale.

The child for the next command is forked ahead (the spare, waiting on the socket), so a
command does not wait for a fork. The resident process never runs a command itself, so
nothing one command does (a cache filled, a setting changed, memory grown) can reach the
next: each child starts from the state the imports, and its own rehearsal of the shipped
plan, left. Only one process serves a key (an exclusive lock on ``<key>.lock``), and it
binds its socket under a temporary name then renames it into place, so a command either
finds a process ready to answer or no socket at all.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import importlib
import io
import os
import select
import signal
import socket
import sys
import sysconfig
import time
from collections.abc import Callable

from . import IDLE_SECONDS, child, place

# -- what the one-shot commands import, beyond what importing these pulls in; a test renders
# and checks every shipped plan after ``preload()`` and asserts nothing new was imported --
PRELOADED = (
    "cchc_docgen.cli.commands",
    "cchc_docgen.api",
    "cchc_docgen.checks",
    "cchc_docgen.documents",
    "cchc_docgen.fastfill",
    "cchc_docgen.kept",
    "cchc_docgen.prepared",
    "cchc_docgen.linebreak.layout",
    "cchc_docgen.writing",
    "cchc_docgen.rollover",
    "zipfile",
    "encodings.cp437",  # -- zipfile's names --
    "encodings.utf_8_sig",  # -- the specification's reader --
)
WARM_UP = "warm_up.yaml"
_TICK = 30.0  # -- seconds between looks at whether the process should end --


def preload() -> None:
    """Import what a command will use, compile every pattern a plan may need (``lazy``), then
    rehearse once: the first check and render of a process work out type hints, read the
    line-breaking lexicon and compile the shipped template, and each child would otherwise
    do it again. The template is kept as a long-running process keeps it
    (``rendering.compiled``: by its path, modification time and size, so an edited template
    is compiled again); a drafter's own template is compiled in the child, as in the
    command's own process."""
    for name in PRELOADED:
        importlib.import_module(name)
    from .. import lazy
    from ..schema_export import schema_text

    lazy.compile_all()  # -- the patterns a plan needs only sometimes (emphasis, spacing signs, a replaced file's properties) --
    rehearse()

    with contextlib.suppress(Exception):
        schema_text()  # -- the deadline pattern walks Unicode once: 50 ms that ``schema`` would pay each time --


def rehearse(waiting: Callable[[], bool] = lambda: False) -> None:
    """Check a small plan shipped beside this module (``warm_up.yaml``) through the command
    line's parser and commands, then render it in memory. Run again by each spare before it
    waits, once the command before it has ended (``waiting``: a command has come, and goes first): a forked child shares the
    resident process's memory until it writes to it, and the first command a child ran
    paid for copying every page it touched (reference counts, caches) and for the fresh
    memory it grew into, about 3 ms of a seed's 12 ms check and 5 to 9 ms of its render;
    the spare pays that while it waits. Nothing of the drafter's is read, nothing is
    written or printed; a rehearsal that fails only leaves the child colder."""
    from ..api import load_spec, render
    from ..cli import main, parse

    plan = os.path.join(os.path.dirname(__file__), WARM_UP)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main(["check", plan])  # -- in-process: the signal handlers and the collector are left as they were --
        if not waiting():
            parse([plan, "-o", os.curdir, "--gop"])  # -- a render's command line (an option with a value, a flag), parsed only --
            render(load_spec(plan))
    except Exception:
        pass


def stamps() -> dict[str, tuple[int, int, int]]:
    """Each imported module's file as it was when imported: an edit, reinstall or upgrade
    changes one of them. The standard library's are left out (half of them, and checked
    before every command): they change only with Python itself, whose version and
    executable are in the socket's name."""
    standard = sysconfig.get_paths()["stdlib"] + os.sep
    found = {}
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and not (path.startswith(standard) and "site-packages" not in path):
            try:
                info = os.stat(path)
            except OSError:
                continue
            found[path] = (info.st_ino, info.st_size, info.st_mtime_ns)
    return found


def stale(known: dict[str, tuple[int, int, int]]) -> bool:
    for path, stamp in known.items():
        try:
            info = os.stat(path)
        except OSError:
            return True
        if (info.st_ino, info.st_size, info.st_mtime_ns) != stamp:
            return True
    return False


def serve(name: str, idle: float = IDLE_SECONDS) -> int:
    """Serve commands whose key is ``name``; returns after ``idle`` seconds without one, when
    stale, or at once when not needed."""
    if name != place.key():
        return 0  # -- started by a command whose settings this process does not share --
    folder = place.folder(create=True)
    path = None if folder is None else place.socket_path(folder, name)
    if folder is None or path is None:
        return 0
    lock = os.open(place.lock_path(folder, name), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return 0  # -- another process serves this key already, or is starting to --
    os.ftruncate(lock, 0)
    os.write(lock, f"{os.getpid()}\n".encode())  # -- who serves: ``stop`` and the tests read it --
    os.chdir("/")  # -- never keep the drafter's folder (a USB stick) busy --
    # -- started with -B (client.start); set here too for a process started by hand: the command
    # -- that started it has ended, and whoever ran it may be removing its folder now --
    sys.dont_write_bytecode = True
    preload()
    known = stamps()
    listener = _listen(path)
    mine = os.stat(path).st_ino
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # -- children are reaped by the system --
    signal.signal(signal.SIGTERM, _ended)  # -- stopped (shutdown, ``kill``): the socket goes with it --
    signal.signal(signal.SIGHUP, _ended)
    gc.collect()
    gc.freeze()  # -- the imports' objects stay put: children share their pages instead of copying them --
    spare = 0
    before: int | None = None
    try:
        last = time.monotonic()
        while True:
            spare, life = _spare(listener, known, lock, before)
            if before is not None:
                os.close(before)  # -- the spare has its copy --
                before = None
            while not select.select([life], [], [], min(_TICK, idle))[0]:
                if time.monotonic() - last > idle or _replaced(path, mine) or stale(known):
                    return 0
            said = os.read(life, 1)
            spare = 0  # -- it took a command (or refused one, or died): it is no longer the spare --
            if said == child.STALE:
                os.close(life)
                return 0
            if said == child.TAKEN:
                last = time.monotonic()
                before = life  # -- ends when that child does: the next spare rehearses after it --
            else:
                os.close(life)
    finally:
        if spare:
            with contextlib.suppress(OSError):
                os.kill(spare, signal.SIGKILL)
        if not _replaced(path, mine):
            os.unlink(path)
        listener.close()
        os.close(lock)


def _spare(listener: socket.socket, known: dict[str, tuple[int, int, int]], lock: int, before: int | None) -> tuple[int, int]:
    """A child already forked and waiting for the next command (the fork is paid between
    commands, not by one), and the pipe on which it says when it has taken one. The child
    lets go of the lock, so that a command still running never keeps a new resident
    process from starting once this one has ended."""
    life, said = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(life)
        os.close(lock)
        child.wait(listener, said, lambda: stale(known), rehearse, before)
    os.close(said)
    return pid, life


def _ended(number: int, frame: object) -> None:
    raise SystemExit(0)


def _listen(path: str) -> socket.socket:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    temporary = f"{path}.{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)
    os.umask(0o077)
    listener.bind(temporary)
    listener.listen(64)
    os.rename(temporary, path)
    return listener


def _replaced(path: str, mine: int) -> bool:
    try:
        return os.stat(path).st_ino != mine
    except OSError:
        return True
