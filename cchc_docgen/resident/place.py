"""Where a resident process listens, and which one a command may use.

A resident process may serve a command only if the command's own process would have run
the same code the same way: the same interpreter and options, the same module search path
(except its first entry, the folder the command was started in, which the child checks
instead: ``child.shadowed``), the same user and groups, the same settings Python reads once
at start-up (locale, time zone, ``PYTHON*`` variables), and the same limits, control group,
priority and CPUs, which a process inherits from its parent and cannot take from another. All of that is hashed into the
socket's name, so a command only ever finds a process made for it. The modules' files are
not hashed here (that would cost the command a stat of each): the resident process checks
them itself before each request (``server.stale``).

Imported by every command before anything else: standard modules only, and only those
Python has already loaded at start-up.
"""

from __future__ import annotations

import os
import stat
import sys

from . import PROTOCOL

# -- environment variables Python or the C library reads once, when the process starts:
# a child forked from a process started with other values would not see the drafter's --
_STARTUP_PREFIXES = ("PYTHON", "LC_")
_STARTUP_NAMES = ("LANG", "LANGUAGE", "TZ")
# -- what a process inherits and a child of the resident process could not take from the
# command: its resource limits (a file-size or memory cap a drafter's shell set), its control
# group (a memory or CPU quota, a terminal's own scope), and with them its priority and CPUs --
_CONTAINER = ("/proc/self/limits", "/proc/self/cgroup")
_MOST_SOCKET_PATH = 108 - 8  # -- sun_path's size, less the suffix of the name bound before the rename --
_SOCKET_NAME_BYTES = 12  # -- of the key's digest: short enough for AF_UNIX's 108-byte paths --


def key() -> str:
    """What identifies the process a command may use, as a short hex string."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b

    digest = blake2b(digest_size=_SOCKET_NAME_BYTES)
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    settings = sorted((k, v) for k, v in os.environ.items() if k.startswith(_STARTUP_PREFIXES) or k in _STARTUP_NAMES)
    parts = [
        PROTOCOL,
        os.getuid(),
        os.getgroups(),
        sys.executable,
        sys.version,
        package,
        sys.path[1:],
        _flags(),
        sys.warnoptions,
        settings,
    ]
    parts += [os.getpriority(os.PRIO_PROCESS, 0), sorted(os.sched_getaffinity(0)), *map(_read, _CONTAINER)]
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()


def _flags() -> str:
    """Python's options, but whether it writes bytecode: the resident process never does
    (``-B``: whoever ran the command that started it may be removing the library's folder
    now), and that changes what a command prints or writes in no way."""
    return repr(sys.flags).replace(f"dont_write_bytecode={sys.flags.dont_write_bytecode}", "")


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return b""


def folder(*, create: bool) -> str | None:
    """The folder of this user's sockets, or None when it is missing (and not ``create``)
    or not safe: it must be a real folder, owned by this user, that no one else may enter,
    else another user could answer in the resident process's place."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    path = folder_in(runtime if runtime and os.path.isabs(runtime) else os.environ.get("TMPDIR") or "/tmp")
    try:
        if create:
            try:  # noqa: SIM105 -- contextlib is one import more for the command --
                os.mkdir(path, 0o700)
            except FileExistsError:
                pass
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return path


def folder_in(base: str) -> str:
    """The sockets' folder under ``base`` (an ``$XDG_RUNTIME_DIR``, or the temporary folder)."""
    return os.path.join(base, f"cchc_docgen-{os.getuid()}")


def serving(base: str) -> list[int]:
    """The resident processes serving from the folder under ``base``: each writes its pid
    into its lock (``server.serve``). For whoever started them and must stop them (the
    tests, the benchmarks); never read by a command."""
    found = []
    place = folder_in(base)
    try:
        locks = [entry for entry in os.listdir(place) if entry.endswith(".lock")]
    except OSError:
        return []
    for lock in locks:
        try:
            with open(os.path.join(place, lock), encoding="ascii") as handle:
                pid = int(handle.read().strip() or 0)
        except (OSError, ValueError):
            continue
        if pid and is_resident(pid):
            found.append(pid)
    return found


def is_resident(pid: int) -> bool:
    """Whether ``pid`` is a live resident process (not a zombie, nor another program that
    was given the number of one that ended)."""
    try:
        state = _read(f"/proc/{pid}/stat").rsplit(b")", 1)[1].split()[0]
    except IndexError:
        return False
    return state != b"Z" and b"cchc_docgen.resident" in _read(f"/proc/{pid}/cmdline")


def socket_path(folder_path: str, name: str) -> str | None:
    """The socket's path, or None when it is too long for a Unix socket (108 bytes with its
    terminating zero): a ``$XDG_RUNTIME_DIR`` nested deep in a temporary folder."""
    path = os.path.join(folder_path, f"{name}.sock")
    return path if len(os.fsencode(path)) < _MOST_SOCKET_PATH else None


def lock_path(folder_path: str, name: str) -> str:
    return os.path.join(folder_path, f"{name}.lock")
