"""Load on the drafter's page (issue 14): clients at once against one server process.

    python -m benchmarks.web_load [--clients 20] [--rounds 25] [--results benchmarks/RESULTS.md]

One `python -m cchc_docgen serve` process on loopback; each client, in its own thread, runs
rounds of (1) a check of a plan with an impossible date (validation only, findings back),
(2) a check of the corrected plan (validation, rules, render, preview), (3) a DOCX download,
and verifies that each answer holds its own client's text and round (no cross-talk). Then
one client downloads the PDF a few times: LibreOffice's time per plan, the reason the preview
is drawn from the document view rather than from a PDF. Writes the medians into the
"Web page" section of RESULTS.md, between its markers.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zipfile
from pathlib import Path

from cchc_docgen.web.checks import from_yaml

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- web_load: begin -->", "<!-- web_load: end -->"
HEADERS = {"Content-Type": "application/json", "X-CCHC-Form": "1"}


def plan(client: int, round_: int, date: str) -> dict:
    spec = from_yaml((ROOT / "examples" / "xa-mau-hang-loat.yaml").read_text(encoding="utf-8"))
    spec["co_quan_ban_hanh"]["dia_ban"] = f"Khách {client}"
    spec["nhiem_vu"][0]["noi_dung"] = f"Nhiệm vụ của khách {client} vòng {round_}"
    spec["ke_hoach"]["ngay"] = date
    return spec


def post(url: str, payload: dict) -> tuple[float, bytes]:
    started = time.perf_counter()
    request = urllib.request.Request(url, json.dumps({"spec": payload}).encode("utf-8"), HEADERS, method="POST")
    with urllib.request.urlopen(request, timeout=300) as response:
        body = response.read()
    return time.perf_counter() - started, body


def client(base: str, number: int, rounds: int, times: dict[str, list[float]], errors: list[str], lock: threading.Lock) -> None:
    for round_ in range(rounds):
        marker = f"Nhiệm vụ của khách {number} vòng {round_}"
        foreign = re.compile(rf"khách (?!{number} vòng {round_}\b)\d+ vòng")  # -- any other client's text --
        try:
            seconds, body = post(base + "/api/check", plan(number, round_, "31/02/2026"))
            answer = json.loads(body)
            if answer["preview"] is not None or not any(f["path"] == "ke_hoach.ngay" for f in answer["findings"]):
                errors.append(f"client {number} round {round_}: impossible date not found")
            validation = seconds
            seconds, body = post(base + "/api/check", plan(number, round_, "15/01/2026"))
            answer = json.loads(body)
            texts = json.dumps(answer["preview"], ensure_ascii=False)
            if marker not in texts or foreign.search(texts):
                errors.append(f"client {number} round {round_}: preview is not this client's")
            preview = seconds
            seconds, body = post(base + "/api/docx?mode=gop", plan(number, round_, "15/01/2026"))
            xml = zipfile.ZipFile(io.BytesIO(body)).read("word/document.xml").decode("utf-8")
            if marker not in xml or foreign.search(xml):
                errors.append(f"client {number} round {round_}: document is not this client's")
            with lock:
                times["validation"].append(validation)
                times["preview"].append(preview)
                times["docx"].append(seconds)
        except Exception as exc:  # a benchmark counts failures, it does not stop at the first
            errors.append(f"client {number} round {round_}: {type(exc).__name__}: {exc}")


def pdf_times(base: str, count: int, errors: list[str]) -> list[float]:
    """Seconds per PDF download (one client, one after another), each PDF checked whole."""
    from cchc_docgen.pdf import verify

    times = []
    for round_ in range(count):
        try:
            seconds, body = post(base + "/api/pdf?mode=gop", plan(0, round_, "15/01/2026"))
        except Exception as exc:  # a benchmark counts failures, it does not stop at the first
            errors.append(f"pdf {round_}: {type(exc).__name__}: {exc}")
            continue
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(body)
            file.flush()
            problem = verify(Path(file.name))
        if problem:
            errors.append(f"pdf {round_}: {problem}")
        times.append(seconds)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.web_load")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--pdfs", type=int, default=5, help="PDF downloads timed after the load (0: none)")
    parser.add_argument("--results", type=Path)
    args = parser.parse_args(argv)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-m", "cchc_docgen", "serve", "--khong-mo"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    phases = [(1, args.rounds), (args.clients, args.rounds)]
    results = []
    errors: list[str] = []
    try:
        base = re.search(r"http://127\.0\.0\.1:\d+", server.stdout.readline()).group(0)  # type: ignore[union-attr]
        for clients, rounds in phases:
            times: dict[str, list[float]] = {"validation": [], "preview": [], "docx": []}
            lock = threading.Lock()
            started = time.perf_counter()
            threads = [threading.Thread(target=client, args=(base, n, rounds, times, errors, lock)) for n in range(clients)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            results.append((clients, rounds, time.perf_counter() - started, times))
        pdf = pdf_times(base, args.pdfs, errors)
    finally:
        server.terminate()
        server.communicate(timeout=30)
    crosstalk = sum("not this client's" in e for e in errors)
    lines = [
        BEGIN,
        "## Web page: drafters against one server process (issue 14)",
        "",
        f"`python -m benchmarks.web_load`: one `serve` process on loopback; each round is a check with an impossible date, "
        f"a check of the corrected plan (rules, render, preview) and a DOCX download. {len(errors)} errors, of which {crosstalk} "
        "cross-talk (a preview or document holding another client's text).",
        "",
        "| clients at once × rounds | requests | wall (s) | check with an error, median (ms) | check + preview, median (ms) | DOCX download, median (ms) | check + preview, 90th pct (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for clients, rounds, wall, times in results:
        medians = [statistics.median(times[name]) * 1000 if times[name] else float("nan") for name in ("validation", "preview", "docx")]
        ordered = sorted(times["preview"]) or [float("nan")]
        lines.append(
            f"| {clients} × {rounds} | {3 * clients * rounds} | {wall:.1f} | {medians[0]:.0f} | {medians[1]:.0f} | {medians[2]:.0f} | {ordered[max(0, int(len(ordered) * 0.9) - 1)] * 1000:.0f} |"
        )
    if pdf:
        lines += ["", f"PDF download (LibreOffice, one client, {len(pdf)} times): median {statistics.median(pdf) * 1000:.0f} ms — "
                  f"about {statistics.median(pdf) / statistics.median(results[0][3]['preview']):.0f} times the HTML preview, "
                  "which is why the preview is drawn from the document view while the drafter types."]
    lines += [
        "",
        f"With many clients the round-trips are mostly queueing: one process runs Python on one of the machine's {os.cpu_count()} cores "
        "at a time; a province serving many communes runs several workers (README: The page).",
        END,
    ]
    text = "\n".join(lines)
    print(text)
    for error in errors[:10]:
        print(error, file=sys.stderr)
    if args.results:
        old = args.results.read_text(encoding="utf-8")
        new = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: text, old, flags=re.S) if BEGIN in old else old.rstrip("\n") + "\n\n" + text + "\n"
        args.results.write_text(new, encoding="utf-8")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
