"""The child that runs a served command: what it leaves the command's own process."""

from __future__ import annotations

import os
import select
import signal
import socket
import sys
import time
from pathlib import Path

import pytest

from cchc_docgen.resident import child, client, wire

from conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the resident process is Linux's")


def _request(cwd: Path, argv: list[str]) -> dict[str, object]:
    """What the command's process sends (``client.request``), run from ``cwd`` with ``argv``,
    for streams that are pipes."""
    return {
        **client.request(),
        "argv": [str(ROOT / "cchc_docgen" / "__main__.py"), *argv],
        "path0": str(cwd),
        "cwd": str(cwd),
        "environ": {**os.environ, "CCHC_DOCGEN_RESIDENT": "0"},
        "streams": [("utf-8", "strict", False, False)] * 3,
    }


def test_the_commands_output_ends_when_its_exit_code_is_sent_though_the_child_is_not_gone_yet(tmp_path: Path) -> None:
    """A program reading a served command's output (a script, an editor's task, ``| tee``)
    waits until every holder of the pipe has closed it. The child, a copy of the resident
    process's memory, is torn down after the client has its exit code and has ended: it must
    not hold the pipe meanwhile. Here the child is kept from ending at all."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    out_read, out_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # -- the child, as the resident process forks it, except that it never ends by itself --
        try:
            ours.close()
            os.close(out_read)
            os.close(out_write)
            real_exit = os._exit
            os._exit = lambda code: (time.sleep(60), real_exit(code))  # type: ignore[assignment]
            child.serve(theirs)
        finally:
            os._exit(0)
    theirs.close()
    try:
        with open(os.devnull, "rb") as stdin:
            wire.send(ours, _request(tmp_path, ["check", str(EXAMPLES[0])]), fds=(stdin.fileno(), out_write, out_write))
        os.close(out_write)  # -- the client's copy: what is left is the child's --
        ours.settimeout(60)
        assert wire.receive(ours)[0] == ("pid", pid)
        assert wire.receive(ours)[0] == ("exit", 0)
        printed, ended = b"", False
        deadline = time.monotonic() + 10
        while not ended and select.select([out_read], [], [], max(0.0, deadline - time.monotonic()))[0]:
            part = os.read(out_read, 65536)
            printed += part
            ended = not part
        assert os.waitpid(pid, os.WNOHANG) == (0, 0), "the child has ended: nothing shown"
        assert ended, f"the output had not ended 10 s after the exit code; printed: {printed!r}"
        assert printed.strip(), "the command printed nothing"
    finally:
        ours.close()
        os.close(out_read)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
