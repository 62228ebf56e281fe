"""Plain HTTP to the served page, as a browser or another site would send it."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

FORM = {"X-CCHC-Form": "1", "Content-Type": "application/json"}


def request(url: str, body: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None) -> tuple[int, bytes, dict[str, str]]:
    req = urllib.request.Request(url, data=body, headers=headers or {}, method=method or ("POST" if body is not None else "GET"))
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


def post_json(url: str, payload: Any, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    status, body, response_headers = request(url, json.dumps(payload).encode("utf-8"), {**FORM, **(headers or {})})
    if response_headers.get("content-type", "").startswith("application/json"):
        return status, json.loads(body)
    return status, body
