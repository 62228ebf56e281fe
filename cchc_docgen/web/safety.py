"""What keeps the page safe to leave running: files only inside the folder it was started
in, bounded uploads, and no request obeyed that another web site made the browser send.

The page is meant for a drafter's own computer (127.0.0.1), where any web site the drafter
visits could otherwise post to it; and for a province's server, where one commune must not
reach another's files. Each refusal is a Vietnamese sentence the page shows as it is.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

__all__ = ["MAX_IMPORT", "MAX_UPLOAD", "Refused", "foreign_origin", "inside", "same_origin_header"]

MAX_UPLOAD = 512 * 1024  # -- the largest real plan here is ~60 KB of YAML; ten times that is not a plan --
MAX_IMPORT = 10 * 1024 * 1024  # -- last year's plan as Word or PDF: a few hundred KB, a scanned-looking PDF a few MB --
UPLOAD_SUFFIXES = (".yaml", ".yml")
FORM_HEADER = "x-cchc-form"  # -- a header a cross-site page cannot set without a CORS preflight we never answer --


class Refused(Exception):
    """A request the page will not carry out; ``status`` is its HTTP code."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def inside(root: Path, name: str) -> Path:
    """``name`` (relative, '/'-separated) as a path in ``root``; never outside it, never through a link."""
    if not name or "\x00" in name or "\\" in name:
        raise Refused(f"Tên tệp {name!r} không hợp lệ.", 400)
    relative = PurePosixPath(name)
    if relative.is_absolute() or name.startswith("~") or (len(name) > 1 and name[1] == ":"):
        raise Refused(f"Không mở đường dẫn tuyệt đối {name!r}: chỉ dùng được tệp trong thư mục đã chạy lệnh serve.", 403)
    if any(part == ".." for part in relative.parts):
        raise Refused(f"Không mở {name!r}: '..' ra ngoài thư mục đã chạy lệnh serve.", 403)
    path = root
    for part in relative.parts:
        if part in ("", "."):
            continue
        path = path / part
        if path.is_symlink():
            raise Refused(f"Không mở {name!r}: {part!r} là liên kết (symlink), có thể dẫn ra ngoài thư mục đã chạy lệnh serve.", 403)
    resolved = path.resolve()
    if resolved != root.resolve() and root.resolve() not in resolved.parents:
        raise Refused(f"Không mở {name!r}: nằm ngoài thư mục đã chạy lệnh serve.", 403)
    return path


def upload_name(name: str, suffixes: tuple[str, ...] = UPLOAD_SUFFIXES) -> str:
    """The uploaded file's own name (no folder), if its kind is one of ``suffixes``."""
    own = PurePosixPath(name.replace("\\", "/")).name
    if any(ord(c) < 32 for c in own) or len(own.encode("utf-8")) > 200:
        raise Refused("Tên tệp có ký tự điều khiển hoặc quá dài; đổi tên tệp rồi mở lại.", 400)
    if not own.lower().endswith(suffixes) or own.startswith("."):
        kinds = ", ".join(suffixes)
        raise Refused(f"Tệp {name!r} không mở được: chỉ mở được tệp {kinds}.", 415)
    return own


def foreign_origin(origin: str | None, host: str | None, scheme: str) -> bool:
    """True when the browser says the request comes from another site than this page's."""
    if origin is None:
        return False  # -- not sent by a browser page; the form header still has to be there --
    return origin != f"{scheme}://{host}"


def same_origin_header(headers: dict[str, str] | object) -> bool:
    """The page's own requests carry FORM_HEADER; a plain cross-site form post cannot."""
    return bool(headers.get(FORM_HEADER))  # type: ignore[attr-defined]
