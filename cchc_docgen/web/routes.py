"""The page's HTTP routes: a plain ASGI application, stateless between requests.

Every request carries the whole plan (the page keeps it in the browser), so one process or
many behind an ordinary server (``uvicorn --workers 4 --factory cchc_docgen.web:create_app``)
answer alike, and two drafters never see each other's text. The folder the server was
started in is the only one it reads or writes (``CCHC_WEB_ROOT``, default the current folder).

Why Starlette + uvicorn rather than Flask: the same ASGI app runs under the `serve` command
and under a production server with several workers with nothing else installed (Flask's
own server is for development only; a province would need gunicorn or waitress besides), and
both are small, pure-Python, well-kept libraries.
"""

from __future__ import annotations

import json
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import checks, exports, opening, preview, safety, yaml_save
from .form import form_description
from .safety import MAX_UPLOAD, Refused

__all__ = ["create_app"]

STATIC = Path(__file__).with_name("static")
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
DRAIN = 16 * 1024 * 1024  # -- past this, a body is not even read to its end --


def create_app(root: str | os.PathLike[str] | None = None, allowed_hosts: list[str] | None = None) -> Starlette:
    """The application serving ``root`` (default ``CCHC_WEB_ROOT`` or the current folder).

    ``allowed_hosts``: the Host names it answers to (default ``CCHC_WEB_HOSTS``, comma-separated,
    or loopback only), so a page on another site cannot reach it through a name it controls.
    """
    folder = Path(root if root is not None else os.environ.get("CCHC_WEB_ROOT", ".")).resolve()
    hosts = allowed_hosts or [h.strip() for h in os.environ.get("CCHC_WEB_HOSTS", "").split(",") if h.strip()] or LOOPBACK_HOSTS
    handlers = _Handlers(folder)
    routes = [
        Route("/", handlers.page),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/api/form", handlers.form),
        Route("/api/check", handlers.check, methods=["POST"]),
        Route("/api/docx", handlers.docx, methods=["POST"]),
        Route("/api/pdf", handlers.pdf, methods=["POST"]),
        Route("/api/yaml", handlers.yaml, methods=["POST"]),
        Route("/api/open", handlers.upload, methods=["POST"]),
        Route("/api/files", handlers.files),
        Route("/api/file", handlers.open_file),
        Route("/api/save", handlers.save, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    return Starlette(routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts), Middleware(_SameSite)])


class _SameSite:
    """Refuses a state-changing request another site made the browser send (403)."""

    def __init__(self, app: Callable[..., Awaitable[None]]):
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD"):
            request = Request(scope)
            foreign = safety.foreign_origin(request.headers.get("origin"), request.headers.get("host"), scope.get("scheme", "http"))
            if foreign or not safety.same_origin_header(request.headers):
                response = JSONResponse({"refused": "Yêu cầu không đến từ trang soạn kế hoạch này nên bị từ chối."}, status_code=403)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _refusal(exc: Refused) -> JSONResponse:
    return JSONResponse({"refused": str(exc)}, status_code=exc.status)


async def _body(request: Request, limit: int = 4 * MAX_UPLOAD) -> bytes:
    """The request's body, refused (413) past ``limit`` without reading the rest."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > DRAIN:
            break  # -- not a drafter's file: the connection is dropped rather than read on --
        if size <= limit:
            chunks.append(chunk)
    # -- an oversize body is read to its end (up to DRAIN) and dropped, so the browser, still
    # -- sending, gets the refusal instead of a reset connection --
    if size > limit:
        raise Refused(f"Tệp quá lớn ({size // 1024} KB trở lên); giới hạn là {limit // 1024} KB.", 413)
    return b"".join(chunks)


async def _posted(request: Request) -> dict[str, Any]:
    try:
        posted = json.loads(await _body(request))
    except ValueError as exc:
        raise Refused("Nội dung gửi lên không đọc được (không phải JSON).", 400) from exc
    return posted if isinstance(posted, dict) else {}


async def _plan(request: Request) -> Any:
    return (await _posted(request)).get("spec")


async def _yaml_text(request: Request) -> tuple[str, bool]:
    """The plan as YAML; spliced into the text it was opened from (``original``) when it can be."""
    posted = await _posted(request)
    original = posted.get("original")
    return yaml_save.save_text(posted.get("spec"), original if isinstance(original, str) else None)


class _Handlers:
    def __init__(self, root: Path):
        self.root = root

    async def page(self, request: Request) -> Response:
        return FileResponse(STATIC / "index.html", headers={"Content-Security-Policy": "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"})

    async def form(self, request: Request) -> Response:
        return JSONResponse(form_description())

    async def check(self, request: Request) -> Response:
        """Findings at their fields, and the pages when no error remains."""
        try:
            outcome = checks.run(await _plan(request), self.root)
        except Refused as exc:
            return _refusal(exc)
        return JSONResponse({
            "findings": [checks.finding_json(f) for f in outcome.findings],
            "preview": [preview.document_json(d) for d in outcome.documents] if not outcome.errors else None,
        })  # fmt: skip

    async def docx(self, request: Request) -> Response:
        """The documents, one .docx or a .zip of several; refused with the findings while errors remain."""
        return await self._documents(request, "docx")

    async def pdf(self, request: Request) -> Response:
        """LibreOffice's PDF of the documents (as ``--pdf`` makes it), one file or a .zip."""
        return await self._documents(request, "pdf")

    async def _documents(self, request: Request, kind: str) -> Response:
        mode = request.query_params.get("mode", "gop")
        if mode not in ("gop", "rieng"):
            return _refusal(Refused(f"Chế độ {mode!r} không có: chọn gop hoặc rieng.", 400))
        try:
            outcome = checks.run(await _plan(request), self.root, mode=mode)
            if not outcome.documents:
                return JSONResponse({"refused": "Đặc tả còn lỗi; chưa tạo văn bản nào.", "findings": [checks.finding_json(f) for f in outcome.findings]}, status_code=422)
            if kind == "pdf":
                # -- seconds of waiting on LibreOffice: off the event loop, so other drafters are answered meanwhile --
                name, data, media_type = exports.bundle(await run_in_threadpool(exports.pdfs, outcome.documents), exports.PDF)
            else:
                name, data, media_type = exports.bundle([(d.file_name, d.data) for d in outcome.documents], exports.DOCX)
        except Refused as exc:
            return _refusal(exc)
        return _download(data, name, media_type)

    async def yaml(self, request: Request) -> Response:
        try:
            name = safety.upload_name(request.query_params.get("name", "ke-hoach.yaml"))
            text, kept = await _yaml_text(request)
        except Refused as exc:
            return _refusal(exc)
        response = _download(text.encode("utf-8"), name, "application/yaml; charset=utf-8")
        response.headers["X-Comments-Kept"] = "co" if kept else "khong"
        return response

    async def upload(self, request: Request) -> Response:
        """A file the drafter opens from their computer, into the form: a YAML specification,
        or last year's plan (Word, PDF, text) through the importer."""
        try:
            name = safety.upload_name(unquote(request.headers.get("x-file-name", "")), (*safety.UPLOAD_SUFFIXES, *opening.IMPORT_SUFFIXES))
            if name.lower().endswith(safety.UPLOAD_SUFFIXES):
                return JSONResponse(opening.opened(await _body(request, MAX_UPLOAD), name, self.root))
            data = await _body(request, safety.MAX_IMPORT)
            return JSONResponse(await run_in_threadpool(opening.imported, data, name, self.root))
        except Refused as exc:
            return _refusal(exc)

    async def files(self, request: Request) -> Response:
        """The specifications in the served folder (links not followed)."""
        names = sorted(str(p.relative_to(self.root)) for p in self.root.rglob("*.y*ml") if p.is_file() and not p.is_symlink() and p.suffix in safety.UPLOAD_SUFFIXES)
        return JSONResponse({"files": names[:500]})

    async def open_file(self, request: Request) -> Response:
        try:
            path = safety.inside(self.root, request.query_params.get("path", ""))
            if path.suffix.lower() not in safety.UPLOAD_SUFFIXES or not path.is_file():
                raise Refused(f"{request.query_params.get('path')!r} không phải một tệp đặc tả .yaml trong thư mục này.", 404)
            if path.stat().st_size > MAX_UPLOAD:
                raise Refused(f"Tệp quá lớn; giới hạn là {MAX_UPLOAD // 1024} KB.", 413)
            return JSONResponse(opening.opened(path.read_bytes(), path.name, self.root))
        except Refused as exc:
            return _refusal(exc)

    async def save(self, request: Request) -> Response:
        """The form's plan as YAML into the served folder, as the command line writes: all at
        once (a temporary file renamed over), and an existing file replaced only when the
        drafter confirmed (``ghi_de=co``)."""
        from cchc_docgen import OutputError
        from cchc_docgen.writing import write_atomic

        try:
            path = safety.inside(self.root, request.query_params.get("path", ""))
            if path.suffix.lower() not in safety.UPLOAD_SUFFIXES:
                raise Refused(f"Chỉ ghi được tệp .yaml hoặc .yml, không ghi {path.name!r}.", 415)
            if path.is_dir():
                raise Refused(f"{path.name} là một thư mục; cần tên một tệp .yaml.", 409)
            confirmed = request.query_params.get("ghi_de") == "co"
            taken = f"Tệp {path.relative_to(self.root)} đã có; chọn tên khác hoặc xác nhận ghi đè."
            if os.path.lexists(path) and not confirmed:
                return JSONResponse({"refused": taken, "exists": True}, status_code=409)
            if not path.parent.is_dir():
                raise Refused(f"Thư mục của {path.relative_to(self.root)} không có; chọn một thư mục đã có trong {self.root.name}.", 404)
            text, kept = await _yaml_text(request)
            try:
                write_atomic(text.encode("utf-8"), path, replace=confirmed, taken=taken)
            except OutputError as exc:
                if not confirmed and os.path.lexists(path):  # -- the name was taken while the plan was written --
                    return JSONResponse({"refused": taken, "exists": True}, status_code=409)
                raise Refused(str(exc), 500) from exc
        except Refused as exc:
            return _refusal(exc)
        return JSONResponse({"saved": str(path.relative_to(self.root)), "comments_kept": kept})


def _download(data: bytes, name: str, media_type: str) -> Response:
    return Response(data, media_type=media_type, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})
