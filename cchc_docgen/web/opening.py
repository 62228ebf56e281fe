"""Files the drafter opens into the form: a YAML specification as it is, or last year's
plan (Word, PDF, text) through the importer, with each of its guesses placed at the field
it is about so the drafter reviews them where they type.

Both answer the same shape: the plan as the form holds it, the text it came from (saved
back with its comments), and what ``check`` says of it. A file the command line refuses
is refused with the command's message.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

import cchc_docgen

from . import checks
from .safety import Refused

__all__ = ["IMPORT_SUFFIXES", "guess_paths", "imported", "opened"]

IMPORT_SUFFIXES = (".docx", ".pdf", ".txt")  # -- what `python -m cchc_docgen import` reads --
GUESS = "# đoán:"  # -- how the importer marks a value it inferred (cchc_docgen.importer) --


def opened(data: bytes, name: str, root: Path) -> dict[str, Any]:
    """A YAML file as the form's content, with what ``check`` says of it."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(f"{name}: tệp không phải văn bản UTF-8 (byte {exc.start}); lưu lại đặc tả dạng UTF-8 rồi mở lại.", 415) from exc
    return _answer(text, name, root)


def imported(data: bytes, name: str, root: Path) -> dict[str, Any]:
    """Last year's plan through ``cchc_docgen.import_plan``: its YAML in the form, its guesses
    at their fields, what it could not read as notes. Nothing is written in ``root``."""
    with tempfile.TemporaryDirectory(prefix="cchc-web-import-") as folder:
        source = Path(folder) / name
        source.write_bytes(data)
        try:
            result = cchc_docgen.import_plan(source)
        except cchc_docgen.CchcError as exc:
            # -- the importer's own message, naming the file as the drafter knows it --
            raise Refused(str(exc).replace(str(source), name), 422) from exc
    spec_name = PurePosixPath(name).stem + ".yaml"
    answer = _answer(result.text, spec_name, root)
    placed = guess_paths(result.text)
    answer["guesses"] = [{"path": path, "message": note} for path, note in placed]
    answer["notes"] = list(result.notes)
    answer["imported_from"] = name
    return answer


def _answer(text: str, name: str, root: Path) -> dict[str, Any]:
    try:
        content = checks.from_yaml(text)
    except yaml.YAMLError:
        content = None
    if not isinstance(content, dict):
        # -- the command's own message: the same file is refused here as it is there --
        try:
            cchc_docgen.parse_spec(text, name, folder=root)
        except cchc_docgen.SpecError as exc:
            raise Refused("\n".join(p.format() for p in exc.problems), 422) from exc
        raise Refused(f"{name}: không phải một đặc tả (cần các khóa co_quan_ban_hanh, ke_hoach…).", 422)
    outcome = checks.run_text(text, root, name=name)  # -- the file as written: the command's lines and columns --
    return {"name": name, "spec": content, "text": text, "findings": [checks.finding_json(f) for f in outcome.findings]}


_INLINE_GUESS = re.compile(r"\s#\s*đoán:\s*(.*)$")


def guess_paths(text: str) -> list[tuple[str, str]]:
    """Each ``# đoán: …`` of an imported specification as (field path, guess).

    A guess beside a value is about that value: the path of the last value ending on its
    line (in the form's own spelling, ``ke_hoach.noi_nhan[2].co_quan``). A guess on a line
    of its own is about the whole plan: path "".
    """
    ends: dict[int, tuple[int, str, int]] = {}  # -- line → (index, path, column) of the last value ending there --

    def walk(node: yaml.Node, path: str) -> None:
        line, index = node.end_mark.line, node.end_mark.index
        if (isinstance(node, yaml.ScalarNode) or node.flow_style) and (line not in ends or index > ends[line][0]):
            ends[line] = (index, path, node.end_mark.column)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, f"{path}.{key.value}" if path else str(key.value))
        elif isinstance(node, yaml.SequenceNode):
            for i, child in enumerate(node.value):
                walk(child, f"{path}[{i}]")

    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        root = None
    if root is not None:
        walk(root, "")
    found = []
    for number, line in enumerate(text.splitlines()):
        stripped = line.lstrip()
        if stripped.startswith(GUESS):
            found.append(("", stripped.removeprefix(GUESS).strip()))
            continue
        if stripped.startswith("#"):
            continue  # -- the importer's explanation at the top quotes the mark --
        match = _INLINE_GUESS.search(line)
        end = ends.get(number)
        if match and (end is None or match.start() >= end[2] - 1):  # -- after the value: a comment, not text inside it --
            found.append((end[1] if end else "", match.group(1).strip()))
    return found
