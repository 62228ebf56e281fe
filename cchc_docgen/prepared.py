"""What depends only on the template, kept on disk between processes.

Compiling a template (``rendering``) opens it with python-docx, applies the template-level
post-processing, saves it, cleans it with docxtpl and compiles its Jinja source: tens of
milliseconds, and the imports of python-docx and docxtpl, paid again by every process
although the result depends only on the template's bytes and on this code. So the
result (``Prepared``: the package's members, the document's head and tail, the cleaned
source, the compiled Jinja code, what the checks found, the resolved style ids) is kept in
a cache folder, one file per template, named by a hash of everything it depends on: the
template's bytes, the package's version and its modules (size and time of each), the Python
version, and the installed Jinja, lxml, python-docx and docxtpl (found, never imported). A template, the code or a library
changed is a new name, so a stale entry is never read.

A file is trusted only whole: it starts with a digest of the rest, and one that does not
match, cannot be read or does not have the expected shape is rebuilt, never used. It is
written to a temporary name in the same folder and renamed into place, so two processes
compiling the same template at once each read either no file or a whole one. A folder
that cannot be written (a read-only home, a full disk) only costs the speed-up.

Writing an entry prunes the folder (``prune``): entries past an age or a count go, so
updates and template edits over the years do not pile up.

``CCHC_DOCGEN_CACHE`` names another folder; ``CCHC_DOCGEN_CACHE=0`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.util
import marshal
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import CodeType

from .records import record

try:  # -- hashlib's own BLAKE2 (its C module), without loading OpenSSL's bindings: 3–4 ms of every process --
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

FORMAT = b"cchc_docgen prepared template 2\n"
ENVIRONMENT_VARIABLE = "CCHC_DOCGEN_CACHE"
_DIGEST = 32  # -- bytes of a digest (BLAKE2b, 256 bits) --
# -- an entry is about 80 kB: the folder stays under about 5 MB whatever is updated or edited --
MAX_ENTRIES = 64
MAX_AGE_DAYS = 60
_TEMPORARY_SECONDS = 10 * 60  # -- no write of an entry takes minutes --
# -- the names of the folder's files, which ``prune`` reads back: '<digest>.bin' for a
# -- template, 'kept-<digest>.bin' for ``kept``'s answers, '.tmp-<random>.bin' while written --
SUFFIX, KEPT_PREFIX, _TEMPORARY_PREFIX = ".bin", "kept-", ".tmp-"


@record(frozen=True)  # -- one per process: a dataclass whose methods are not compiled at start-up (records) --
class Prepared:
    """A template compiled (see ``rendering.CompiledTemplate``), as plain data."""

    members: dict[str, bytes]  # -- the prepared package's members, in its order --
    main: str  # -- word/document.xml, or wherever the package keeps it --
    core: str  # -- docProps/core.xml --
    before: str  # -- the main part's text up to its body --
    after: str  # -- and after it --
    lines: str  # -- the cleaned Jinja source, a paragraph a line --
    code: CodeType  # -- that source compiled by the sandbox --
    tables: bool  # -- the body has a table (docxtpl's table repair has work to do) --
    markup: tuple[str, ...]  # -- constructs that can print markup (``sandbox.markup_sources``) --
    safe: bool  # -- output is well-formed whatever the plan says: no per-document parse --
    styles: dict[str, str | None]  # -- decree style id → the w:pStyle value that gives it --


_SHAPE = tuple((field.name, field.type) for field in dataclasses.fields(Prepared))
_TYPES: dict[str, type | tuple[type, ...]] = {
    "members": dict, "main": str, "core": str, "before": str, "after": str, "lines": str, "code": CodeType,
    "tables": bool, "markup": tuple, "safe": bool, "styles": dict,
}  # fmt: skip


def new_digest(data: bytes = b"") -> blake2b:
    """A 256-bit BLAKE2b digest of ``data``, to be updated: the cache's names and checksums."""
    return blake2b(data, digest_size=_DIGEST)


def load(data: bytes, variant: str, build: Callable[[], Prepared]) -> Prepared:
    """The template whose bytes are ``data``, compiled as ``variant`` names (the
    template-level work applied): from the cache when a whole, current entry is there,
    else ``build()``, then kept for the next process."""
    folder = cache_folder()
    if folder is None:
        return build()
    entry = folder / f"{_key(data, variant)}{SUFFIX}"
    prepared = _read(entry)
    if prepared is None:
        prepared = build()
        _write(entry, prepared)
    return prepared


def cache_folder() -> Path | None:
    """Where entries live: ``$CCHC_DOCGEN_CACHE``, else the user's cache folder."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE)
    if chosen is not None:
        return None if chosen.strip() in ("", "0", "off") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cchc_docgen"


def _key(data: bytes, variant: str) -> str:
    digest = new_digest(FORMAT)
    for part in (variant, sys.version, *dependency_stamps()):
        digest.update(part.encode() + b"\0")
    digest.update(source_digest())
    digest.update(data)
    return digest.hexdigest()


def dependency_stamps() -> list[str]:
    """The installed libraries an entry depends on (Jinja for its compiled code; lxml,
    python-docx and docxtpl for the package they wrote), without importing them: where each
    is and when its file was written (an upgrade or reinstall changes both)."""
    stamps = []
    for name in ("jinja2", "lxml", "docx", "docxtpl"):
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        try:
            info = os.stat(origin) if origin else None
        except OSError:
            info = None
        stamps.append(f"{name}:{origin}:{info.st_mtime_ns if info else 0}:{info.st_size if info else 0}")
    return stamps


def source_digest() -> bytes:
    """This package's own code (its version alone does not change while it is developed):
    the name, size and modification time of each of its modules, which any edit, checkout
    or reinstall changes; reading and hashing them all would cost more than the rest of
    the lookup."""
    from . import __version__

    digest = new_digest(__version__.encode())
    with os.scandir(Path(__file__).parent) as entries:
        for entry in sorted(entries, key=lambda entry: entry.name):
            if entry.name.endswith(".py"):
                info = entry.stat()
                digest.update(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}\0".encode())
    return digest.digest()


def _read(entry: Path) -> Prepared | None:
    values = read_entry(entry, FORMAT)
    if not isinstance(values, tuple) or len(values) != len(_SHAPE):
        return None
    fields = dict(zip((name for name, _ in _SHAPE), values, strict=True))
    if not all(isinstance(fields[name], kind) for name, kind in _TYPES.items()):
        return None
    return Prepared(**fields)


def _write(entry: Path, prepared: Prepared) -> None:
    write_entry(entry, FORMAT, tuple(getattr(prepared, name) for name, _ in _SHAPE))


def read_entry(entry: Path, head: bytes) -> object:
    """The value kept in ``entry`` (marshal), or None when it is missing, not this user's,
    not of format ``head``, or does not match its digest: an entry is trusted only whole."""
    try:
        with open(entry, "rb") as handle:
            if hasattr(os, "getuid") and os.fstat(handle.fileno()).st_uid != os.getuid():
                return None  # -- only what this user wrote is run as template code or put into documents --
            blob = handle.read()
    except OSError:
        return None
    found, digest, payload = blob[: len(head)], blob[len(head) : len(head) + _DIGEST], blob[len(head) + _DIGEST :]
    if found != head or new_digest(payload).digest() != digest:
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def write_entry(entry: Path, head: bytes, value: object) -> None:
    """``value`` kept in ``entry``, whole or not at all (a temporary renamed into place); a
    folder that cannot be written only costs the speed-up."""
    payload = marshal.dumps(value)
    blob = head + new_digest(payload).digest() + payload
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=_TEMPORARY_PREFIX, suffix=SUFFIX)
    except OSError:
        return  # -- no cache: every process compiles the template, as before --
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(blob)
        os.replace(temporary, entry)  # -- whole or not at all, for a process reading it now --
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    prune(entry.parent, keep=entry)


def prune(folder: Path, *, keep: Path) -> None:
    """Old entries go when a new one is written (the only time the folder is listed, so a
    hit never pays for it): every code update or edit of a template adds one, and nothing
    else would ever remove them. An entry goes once it is older than ``MAX_AGE_DAYS``
    or beyond the ``MAX_ENTRIES`` newest; a temporary a killed process left goes after
    ten minutes. Only this user's files with our names are touched (``CCHC_DOCGEN_CACHE``
    may name a folder that holds other files); an entry still in use is merely built again."""
    now = time.time()
    entries: list[tuple[float, str]] = []
    try:
        with os.scandir(folder) as found:
            for item in found:
                kind = _ours(item.name)
                if kind is None or item.path == str(keep):
                    continue
                with contextlib.suppress(OSError):
                    info = item.stat(follow_symlinks=False)
                    if not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
                        continue
                    if kind == "temporary":
                        if now - info.st_mtime > _TEMPORARY_SECONDS:
                            os.unlink(item.path)
                    elif now - info.st_mtime > MAX_AGE_DAYS * 86400:
                        os.unlink(item.path)
                    else:
                        entries.append((info.st_mtime, item.path))
    except OSError:
        return
    entries.sort(reverse=True)
    for _, path in entries[MAX_ENTRIES - 1 :]:  # -- the one just written is among the newest --
        with contextlib.suppress(OSError):
            os.unlink(path)


def _ours(name: str) -> str | None:
    """'entry' for a name this module or ``kept`` gives an entry, 'temporary' for one of
    write_entry's temporaries, else None."""
    if not name.endswith(SUFFIX):
        return None
    if name.startswith(_TEMPORARY_PREFIX):
        return "temporary"
    digest = name[len(KEPT_PREFIX) if name.startswith(KEPT_PREFIX) else 0 : -len(SUFFIX)]
    return "entry" if len(digest) == 2 * _DIGEST and all(c in "0123456789abcdef" for c in digest) else None
