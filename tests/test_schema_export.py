"""The JSON Schema: generated from the model, shipped as committed, and true to real specs.

Editors read YAML 1.2 (``yes`` is text, ``2021-01-14`` is text), so the specs are read
here the same way before validation: the schema is judged as the drafter's editor sees it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cchc_docgen import cli, parse_spec
from cchc_docgen.schema_export import SCHEMA_FILE, packaged_schema, schema, schema_text

from support import yaml12
from support.error_table import rule_cases
from support.spec_builder import BASE, WITH_DECISION, spec_text

ROOT = Path(__file__).resolve().parent.parent
ACCEPTED_SPECS = sorted((ROOT / "plan_specs").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))


def _read(text: str) -> Any:
    return yaml12.read(text)


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(packaged_schema().read_text(encoding="utf-8")))


def test_the_committed_schema_is_exactly_what_the_model_generates() -> None:
    committed = (ROOT / "cchc_docgen" / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_text(), "chạy: python -m cchc_docgen.schema_export > cchc_docgen/cchc-spec.schema.json"


def test_the_installed_package_finds_its_schema() -> None:
    assert packaged_schema().is_file()
    assert json.loads(packaged_schema().read_text(encoding="utf-8"))["title"] == schema()["title"]


def test_the_schema_command_writes_the_same_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "cchc-spec.schema.json"
    assert cli.main(["schema", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == schema_text()
    capsys.readouterr()
    assert cli.main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == schema()


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())


def test_every_key_has_vietnamese_help_for_the_editor() -> None:
    for name, definition in schema()["$defs"].items():
        for key, prop in definition.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{key}"


@pytest.mark.parametrize("path", ACCEPTED_SPECS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_real_specification_is_valid_against_the_schema(path: Path) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator().iter_errors(_read(path.read_text(encoding="utf-8")))]
    assert errors == []


@pytest.mark.parametrize("text", [BASE, WITH_DECISION], ids=["ke-hoach", "quyet-dinh"])
def test_the_test_base_specifications_are_valid_against_the_schema(text: str) -> None:
    assert list(_validator().iter_errors(_read(text))) == []


@pytest.mark.parametrize("rule", sorted(rule_cases()))
def test_specifications_that_only_break_check_rules_are_valid_against_the_schema(rule: str) -> None:
    for path in rule_cases()[rule]:
        assert list(_validator().iter_errors(_read(path.read_text(encoding="utf-8")))) == []


@pytest.mark.parametrize(
    "old, new, where",
    [
        ("  trich_yeu:", "  trich_yue:", "trich_yue"),
        ("    chu_tri: ptp\n", "    chu_tri: ptp\n    chu_tri_chinh: ptp\n", "chu_tri_chinh"),
        ("co_quan_ban_hanh:\n", "co_quan_ban_hanhh: {}\nco_quan_ban_hanh:\n", "co_quan_ban_hanhh"),
        ("    ho_ten: Võ Văn Hùng\n", "    ho_ten: Võ Văn Hùng\n    hoc_vi: Tiến sĩ\n", "hoc_vi"),
    ],
)
def test_a_specification_with_an_unknown_key_is_not_valid(old: str, new: str, where: str) -> None:
    messages = [e.message for e in _validator().iter_errors(_read(spec_text((old, new))))]
    assert any(where in message for message in messages), messages


@pytest.mark.parametrize(
    "old, new",
    [
        ("so: 5", "so: năm"),
        ("cap: huyen", "cap: huyn"),
        ("    chu_tri: ptp\n", ""),
        ("  cap: huyen\n  dia_ban: Thăng Bình\n", "  - huyen\n"),
        ("phoi_hop: [pnv]", "phoi_hop: {pnv: co}"),
        ("ngay: 14/01/2021", "ngay: 14.01.2021"),
    ],
)
def test_what_the_tool_refuses_by_type_the_schema_refuses_too(old: str, new: str) -> None:
    assert list(_validator().iter_errors(_read(spec_text((old, new)))))


def test_a_sentence_ending_with_a_colon_is_text_for_the_schema_as_for_the_tool() -> None:
    text = spec_text(("  trich_yeu: Công", "  mo_dau:\n    - UBND huyện xây dựng kế hoạch như sau:\n  trich_yeu: Công"))
    assert list(_validator().iter_errors(_read(text))) == []


def test_the_modelines_in_the_guide_point_at_the_shipped_schema() -> None:
    guide = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    targets = re.findall(r"# yaml-language-server: \$schema=(\S+)", guide)
    assert "../cchc_docgen/cchc-spec.schema.json" in targets
    for folder in ("plan_specs", "examples"):
        assert (ROOT / folder / "../cchc_docgen/cchc-spec.schema.json").resolve() == packaged_schema().resolve()
    assert parse_spec(f"# yaml-language-server: $schema={targets[0]}\n" + BASE).plan.title == parse_spec(BASE).plan.title
    settings = json.loads(re.search(r"```json\n(.*?)```", guide, re.DOTALL).group(1))  # type: ignore[union-attr]
    for schema_path in settings["yaml.schemas"]:
        assert (ROOT / schema_path).resolve() == packaged_schema().resolve()


SHIPPED_YAML = [*sorted((ROOT / "plan_specs").glob("*.yaml")), *sorted((ROOT / "examples").glob("*.yaml")),
                ROOT / "tests" / "data" / "batch" / "mau.yaml"]  # fmt: skip


@pytest.mark.parametrize("path", SHIPPED_YAML, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_shipped_specification_names_the_schema_on_its_first_line(path: Path) -> None:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    target = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert target, first
    assert (path.parent / target.group(1)).resolve() == packaged_schema().resolve()
