"""A real server on loopback and a real headless Chromium (Debian's /usr/bin/chromium, driven
by Playwright; `.ci/install` installs it). Nothing is mocked: the page talks HTTP to the same
ASGI app `serve` runs."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from cchc_docgen.web import create_app

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


@dataclass(frozen=True)
class Served:
    url: str
    root: Path  # the folder the server was started in
    outside: Path  # a folder beside it, which it must never read


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    base = tmp_path_factory.mktemp("web")
    root, outside = base / "thu_muc", base / "ben_ngoai"
    (root / "examples").mkdir(parents=True)
    outside.mkdir()
    shutil.copy(ROOT / "examples" / "xa-2026-du-thao.yaml", root / "examples")
    (outside / "bi-mat.yaml").write_text("co_quan_ban_hanh: {cap: xa, dia_ban: Bí Mật}\n", encoding="utf-8")
    (root / "lien-ket.yaml").symlink_to(outside / "bi-mat.yaml")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(root), log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield Served(f"http://127.0.0.1:{port}", root, outside)
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.is_file(), "the browser tests need Debian's chromium: apt-get install chromium (.ci/install does)"
    profile = tmp_path_factory.mktemp("chromium-profile")  # -- empty: no extension, no history, no network on start --
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, accept_downloads=True, viewport={"width": 1500, "height": 1000}
        )
        yield context
        context.close()


@pytest.fixture
def page(browser_context: object, served: Served) -> Iterator[object]:
    page = browser_context.new_page()  # type: ignore[attr-defined]
    page.goto(served.url + "/api/files")  # -- same origin, none of the page's script: the draft store is emptied before the page starts --
    page.evaluate("localStorage.clear()")
    page.goto(served.url + "/")
    page.wait_for_selector("body[data-ready='1']")
    yield page
    page.close()


@pytest.fixture(scope="session")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Screenshots of the filled form and its preview: in ``CCHC_WEB_SCREENSHOTS`` when set (CI
    keeps that folder as the run's artefacts), else in pytest's tmp folder; never committed.
    The folder is printed among the figures at the end of the run."""
    chosen = os.environ.get("CCHC_WEB_SCREENSHOTS")
    if chosen:
        Path(chosen).mkdir(parents=True, exist_ok=True)
        return Path(chosen)
    return tmp_path_factory.mktemp("screenshots")
