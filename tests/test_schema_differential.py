"""One truth for the format: the JSON Schema accepts exactly what the program accepts.

Every shipped specification is mutated at random (fixed seed): blanks, wrong types, yes/no
and number spellings, deletions, wrong keys, lists for values and values for lists,
sentences with colons, control characters, impossible dates. Each mutated file is judged
by the program (the loader, the model and the rules it applies at load) and by a real
Draft 2020-12 validator on the same text read the way an editor reads it (YAML 1.2, see
support/yaml12.py). A disagreement fails the test unless it belongs to one of the
documented classes, each listed in docs/schema.md ("Những gì chỉ lệnh check biết"):

- ``chi-check-lien-khoa``: a rule across fields that only ``check`` can judge (an agency
  code that was never declared, a number on a draft, a target over 100 %…);
- ``chi-check-gia-tri``: a date, period or deadline of the right form that does not exist
  (31/02/2026, year 1900, tháng 13/2026);
- ``so-viet-kieu-khac``: a number spelled in a way YAML 1.2 reads as that number (``0x1F``,
  ``0o17``, ``1e2``, ``+5``, ``5.0``): the editor sees 31, 15, 100, 5; the program sees the
  text and refuses it.

The counts are printed in the run's figures ("cchc_docgen figures").
"""

from __future__ import annotations

import copy
import json
import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from cchc_docgen.errors import SpecError
from cchc_docgen.schema_export import packaged_schema
from cchc_docgen.spec.loader import parse_nodes
from cchc_docgen.spec.model import Spec
from cchc_docgen.spec.schema import Converter
from cchc_docgen.spec.schema_json import TEXT
from cchc_docgen.spec.validate import _task_references_alone, validate

from conftest import REPORT
from support import yaml12
from support.spec_builder import BASE, WITH_DECISION
from support.yaml_text import Raw, Text, at, dump, places

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [
    *sorted((ROOT / "plan_specs").glob("*.yaml")),
    *sorted((ROOT / "examples").glob("*.yaml")),
    ROOT / "tests" / "data" / "batch" / "mau.yaml",
    *(p for p in sorted((ROOT / "tests" / "data" / "batch" / "thu-muc").glob("*.yaml")) if p.stem != "hong"),
]
MUTATIONS = 5000
SEED = 20261201
DOCUMENTED = ("chi-check-lien-khoa", "chi-check-gia-tri", "so-viet-kieu-khac")
# -- validate.py rules the schema also says (schema_export._add_cross_key_rules): never "check only" --
SAID_BY_THE_SCHEMA = ("cần khai báo 'dia_ban'", "cần khai báo 'ten'", "cần khai báo 'dia_danh'", "thiếu khóa 'ngay'", "thiếu khóa 'nguoi_ky'", "chưa có nội dung")


# -- what a mutation may put in a value's place --
_BOOLEANS = ["co", "khong", "có", "không", "yes", "no", "on", "off", "true", "false", "y", "n", "1", "0", "maybe", "đúng"]
_NUMBERS = ["08", "0", "00", "7", "1e2", "0x1F", "0o17", ".inf", "-.inf", ".nan", "+5", "5.0", "1.", "1_000", "-3", "999999999", "1000000000",
            "12.3456789", "85,25", "1,000,5", "٥", "５", "2026", "02026", "12345678901234"]  # fmt: skip
_TEXTS = ["", " ", "\t", "~", "null", "x", "Nội dung", "a b", "30/02/2026", "31/12/1900", "2021-1-5", "quý V/2026", "quý II/2026", "tháng 13/2026",
          "6 tháng cuối năm 2026", "Thường Xuyên", "2021-2025", "2025-2021", "VT", "xa", "huyen", "gop", "muc_dich", "\x80", "\x7f", "\x01",
          "\U0001f600", "\u00a0", "a" * 200]  # fmt: skip
_SENTENCES: list[Any] = [{"Câu như sau": None}, {"Lưu ý": "nội dung tiếp"}, {"Tu": None}, {"a b": "c"}, {"<<": {"a": "b"}}, {}, [], [None], [""]]


def _value(rng: random.Random, old: Any) -> Any:
    kind = rng.choice(["bool", "number", "text", "quoted", "shape", "shape", "sentence"])
    # -- a yes/no or a number is where its spellings matter: give those places their own --
    if isinstance(old, str) and old.lower() in ("co", "khong", "có", "không") and rng.random() < 0.7:
        kind = "bool"
    elif isinstance(old, str) and re.fullmatch(r"[0-9][0-9,./ -]*", old) and rng.random() < 0.6:
        kind = "number"
    if kind == "bool":
        word = rng.choice(_BOOLEANS)
        return Raw(rng.choice([word, word.upper(), word.capitalize()]))
    if kind == "number":
        return Raw(rng.choice(_NUMBERS))
    if kind == "text":
        return rng.choice(_TEXTS)
    if kind == "quoted":
        return Raw(json.dumps(rng.choice(_TEXTS + _NUMBERS + _BOOLEANS)))  # a double-quoted YAML scalar
    if kind == "shape":
        return rng.choice([[old], {"x": old}, {str(old)[:40]: None}, old[0] if isinstance(old, list) and old else old, None, [old, old], {}])
    return rng.choice(_SENTENCES)


def _mutate(rng: random.Random, tree: Any) -> tuple[str, Any]:
    """Change one thing in ``tree``; return what was done (for the failure message) and the
    value put in, if any."""
    path = rng.choice([p for p in places(tree) if p])
    parent, last = at(tree, path[:-1]), path[-1]
    kind = rng.choice(["value", "value", "value", "delete", "rename", "add-key"])
    if kind == "delete":
        del parent[last]
    elif kind == "rename" and isinstance(parent, dict):
        new = rng.choice([last + "s", last[:-1], last.replace("_", ""), last.upper(), "khoa_la", "<<", "ten day du", "Lưu ý"])
        parent[new] = parent.pop(last)
    elif kind == "add-key" and isinstance(at(tree, path), dict):
        new_value = _value(rng, None)
        at(tree, path)[rng.choice(["khoa_la", "ghi_chu", "ten", "<<", "so", "noi_dung"])] = new_value
        return f"{kind} at {'.'.join(map(str, path))}: {new_value!r}", new_value
    else:
        kind = "value"
        new_value = parent[last] = _value(rng, parent[last])
        return f"{kind} at {'.'.join(map(str, path))}: {new_value!r}", new_value
    return f"{kind} at {'.'.join(map(str, path))}", None


def _program(text: str) -> tuple[bool, str, list[Any]]:
    """The program's verdict: accepted?, the class a refusal belongs to, the problems."""
    try:
        root = parse_nodes(text.encode("utf-8"), "m.yaml")
    except SpecError as exc:
        return False, "", exc.problems
    converter = Converter("m.yaml")
    spec = converter.convert(root, Spec, "")
    later = validate(spec, "m.yaml", None) if spec is not None else _task_references_alone(root, "m.yaml")
    problems = converter.problems + later
    if not problems:
        return True, "", []
    if not converter.problems and not any(said in p.message for p in later for said in SAID_BY_THE_SCHEMA):
        return False, "chi-check-lien-khoa", problems
    if converter.problems and all(p in converter.value_problems for p in converter.problems) and not later:
        return False, "chi-check-gia-tri", problems
    return False, "", problems


# -- what the program says of a number it cannot read, per type (int, float, date, period, deadline) --
_NUMBER_MESSAGES = ("cần một số", "không đọc được ngày", "không đọc được kỳ", "không đọc được thời hạn", "cần một giá trị viết trên một dòng")


def _number_spelling(raw: str) -> bool:
    """A plain scalar YAML 1.2 reads as a number, not written as the program writes numbers."""
    return bool(yaml12.CORE_INT.match(raw) or yaml12.CORE_FLOAT.match(raw))  # (refused by the program as a number: see _judge)


def _judge(validator: jsonschema.Draft202012Validator, text: str, put: Any) -> tuple[str, str]:
    """("đồng ý", "") when both accept or both refuse, (documented class, "") for a documented
    disagreement, ("", what happened) for any other."""
    program, kind, problems = _program(text)
    schema = validator.is_valid(yaml12.read(text))
    if program == schema:
        return "đồng ý", ""
    if not program and not kind and isinstance(put, Raw) and _number_spelling(put.text):
        kind = "so-viet-kieu-khac" if all(p.message.startswith(_NUMBER_MESSAGES) for p in problems) else ""
    if program or not kind:
        return "", f"chương trình {'nhận' if program else 'từ chối'}, schema {'nhận' if schema else 'từ chối'}\n" + "\n".join(p.format() for p in problems[:3])
    return kind, ""


def _validator(schema_text: str | None = None) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(schema_text or packaged_schema().read_text(encoding="utf-8")))


def test_the_schema_and_the_program_agree_on_thousands_of_mutations_of_every_shipped_specification() -> None:
    validator = _validator()
    sources = [yaml.load(p.read_text(encoding="utf-8"), Loader=Text) for p in SHIPPED] + [yaml.load(t, Loader=Text) for t in (BASE, WITH_DECISION)]
    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    wrong: list[str] = []
    for number in range(MUTATIONS):
        tree = copy.deepcopy(rng.choice(sources))
        done, put = _mutate(rng, tree)
        kind, why = _judge(validator, dump(tree), put)
        if kind:
            outcomes[kind] += 1
        else:
            wrong.append(f"#{number} {done}: {why}")
            outcomes["khác nhau ngoài các lớp đã ghi"] += 1
    REPORT["schema vs program, mutations of the shipped specs"] = (
        f"{MUTATIONS} mutations of {len(sources)} specs: {outcomes['đồng ý']} agree; "
        + ", ".join(f"{k}: {outcomes[k]}" for k in DOCUMENTED) + f"; undocumented: {outcomes['khác nhau ngoài các lớp đã ghi']}"
    )
    assert not wrong, f"{len(wrong)} disagreements, first ones:\n" + "\n\n".join(wrong[:8])


@pytest.mark.parametrize("source", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_shipped_specification_survives_the_round_trip_the_mutations_use(source: Path) -> None:
    text = dump(yaml.load(source.read_text(encoding="utf-8"), Loader=Text))
    assert _program(text)[0]
    assert jsonschema.Draft202012Validator(json.loads(packaged_schema().read_text(encoding="utf-8"))).is_valid(yaml12.read(text))


def _only_co_khong(schema: dict[str, Any]) -> None:
    """The schema of before: yes/no written only co/khong."""
    text = json.dumps(schema)
    schema.clear()
    schema.update(json.loads(text.replace("[Yy][Ee][Ss]|", "")))


def _blank_text_allowed(schema: dict[str, Any]) -> None:
    """The schema of before: any string is text."""
    schema["$defs"][TEXT]["anyOf"][0] = {"type": "string"}


@pytest.mark.parametrize(
    ("weaken", "old", "new"),
    [(_only_co_khong, "  so: 5\n", "  du_thao: Yes\n"), (_blank_text_allowed, "trich_yeu: Công tác cải cách hành chính năm 2021", 'trich_yeu: " "')],
    ids=["yes-not-a-boolean", "blank-title"],
)
def test_the_judge_sees_a_schema_that_says_less_than_the_program(weaken: Callable[[dict[str, Any]], None], old: str, new: str) -> None:
    text = BASE.replace(old, new, 1)
    assert text != BASE
    assert _judge(_validator(), text, None)[0] == "đồng ý"
    schema = json.loads(packaged_schema().read_text(encoding="utf-8"))
    weaken(schema)
    kind, why = _judge(jsonschema.Draft202012Validator(schema), text, None)
    assert kind == "" and why
