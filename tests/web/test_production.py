"""The README's command for a province: the same ASGI app under uvicorn with several worker
processes answers a validation, from the folder and for the host name it is given."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from cchc_docgen.web.checks import from_yaml

from .client import post_json, request
from .conftest import ROOT


def readme_command() -> tuple[dict[str, str], list[str]]:
    """The environment and uvicorn's arguments, as the README writes them."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```bash\n(.*?)```", readme, re.S) if "uvicorn --factory cchc_docgen.web:create_app" in b)
    words = shlex.split(block.replace("\\\n", " "))
    env = dict(w.split("=", 1) for w in words[: words.index("uvicorn")])
    return env, words[words.index("uvicorn") + 1 :]


def option(args: list[str], name: str, value: str) -> list[str]:
    index = args.index(name)
    return [*args[: index + 1], value, *args[index + 2 :]]


def test_the_readme_command_serves_a_validation_with_two_workers(tmp_path: Path) -> None:
    env, args = readme_command()
    assert set(env) == {"CCHC_WEB_ROOT", "CCHC_WEB_HOSTS"} and "--workers" in args and args[args.index("--host") + 1] == "127.0.0.1"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args = option(option(args, "--port", str(port)), "--workers", "2")
    (tmp_path / "xa.yaml").write_text((ROOT / "examples" / "xa-2026-du-thao.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    host = env["CCHC_WEB_HOSTS"].split(",")[0]
    environment = {**os.environ, "CCHC_WEB_ROOT": str(tmp_path), "CCHC_WEB_HOSTS": env["CCHC_WEB_HOSTS"], "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", *args], env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                status, body, _ = request(url + "/api/files", headers={"Host": host})
                break
            except OSError:
                time.sleep(0.1)
        assert status == 200 and json.loads(body)["files"] == ["xa.yaml"]  # -- the folder it was given, not the one it runs in --
        spec = from_yaml((tmp_path / "xa.yaml").read_text(encoding="utf-8"))
        answers = []
        task = 0
        for day in ("31/02/2026", "15/06/2026") * 3:  # -- several requests: both workers take some --
            spec["nhiem_vu"][task]["thoi_han"] = day
            answers.append(post_json(url + "/api/check", {"spec": spec}, {"Host": host, "Origin": f"http://{host}"}))
        for (status, answer), day in zip(answers, ("31/02/2026", "15/06/2026") * 3, strict=True):
            assert status == 200
            assert (answer["preview"] is None) == (day == "31/02/2026"), answer["findings"]
            assert any(f["path"] == f"nhiem_vu[{task}].thoi_han" and f["severity"] == "error" for f in answer["findings"]) == (day == "31/02/2026")
        status, _, _ = request(url + "/api/files")  # -- a name it was not given (127.0.0.1) is refused --
        assert status == 400
        workers = subprocess.run(["ps", "-o", "pid=", "--ppid", str(server.pid)], capture_output=True, text=True).stdout.split()
        assert len(workers) >= 2, workers
    finally:
        os.killpg(server.pid, signal.SIGINT)
        output, _ = server.communicate(timeout=60)
    assert "Traceback" not in output, output
