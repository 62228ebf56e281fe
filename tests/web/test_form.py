"""The form is generated from the JSON Schema: every key of the specification has its widget,
label and help, and the reference fields offer what the plan declares."""

from __future__ import annotations

from typing import Any

from cchc_docgen.schema_export import schema
from cchc_docgen.web.form import form_description, label_of


def _walk(widget: dict[str, Any], path: str, objects: dict[str, Any], seen: set[str], out: dict[str, dict[str, Any]]) -> None:
    if widget["kind"] == "object":
        if widget["name"] in seen:
            return
        seen = seen | {widget["name"]}
        for field in objects[widget["name"]]:
            out[f"{widget['name']}.{field['key']}"] = field
            _walk(field, f"{path}.{field['key']}", objects, seen, out)
    elif widget["kind"] in ("list", "map"):
        _walk(widget["item"], path + "[]", objects, seen, out)
    elif widget["kind"] == "choice":
        for option in widget["options"]:
            _walk(option, path, objects, seen, out)


def fields() -> dict[str, dict[str, Any]]:
    description = form_description()
    out: dict[str, dict[str, Any]] = {}
    _walk(description["root"], "", description["objects"], set(), out)
    return out


def test_every_key_of_every_schema_object_has_a_field_with_its_help() -> None:
    defs = schema()["$defs"]
    expected = {f"{name}.{key}": node["description"] for name, d in defs.items() if "properties" in d for key, node in d["properties"].items()}
    found = fields()
    assert set(found) == set(expected)
    for name, help_text in expected.items():
        assert found[name]["help"] == help_text
        assert found[name]["label"] and found[name]["label"][0].isupper(), (name, found[name]["label"])  # -- a Vietnamese label, never the bare key --


def test_agency_and_area_fields_are_references() -> None:
    found = fields()
    agencies = {name for name, f in found.items() if f.get("ref") == "co_quan" or f.get("item", {}).get("ref") == "co_quan"}
    areas = {name for name, f in found.items() if f.get("ref") == "linh_vuc"}
    assert agencies == {"Task.chu_tri", "Task.phoi_hop", "BodyTask.chu_tri", "BodyTask.phoi_hop", "Section.co_quan", "Recipient.co_quan", "Recipient.gom", "Decision.co_quan_theo_doi"}
    assert areas == {"Task.linh_vuc", "Section.linh_vuc", "BodyTask.linh_vuc"}
    assert "chi_dao_dieu_hanh" in form_description()["areas"]


def test_choices_are_selects_and_sections_nest() -> None:
    found = fields()
    assert found["Issuer.cap"]["kind"] == "enum" and "xa" in found["Issuer.cap"]["options"]
    assert found["Section.loai"]["kind"] == "enum"
    assert found["Plan.du_thao"]["kind"] == "bool"
    assert found["Section.muc"]["kind"] == "list" and found["Section.muc"]["item"]["name"] == "Section"
    assert found["Spec.co_quan"]["kind"] == "map"
    assert [o["kind"] for o in found["Section.nhiem_vu"]["options"]] == ["bool", "list"]  # -- co, or the tasks themselves --
    assert found["Plan.noi_dung"]["item"]["name"] == "Section"


def test_labels_are_the_first_clause_of_the_help() -> None:
    assert label_of("cap", "Cấp của cơ quan: tinh, thanh_pho") == "Cấp của cơ quan"
    assert label_of("du_thao", "co để in dấu DỰ THẢO và để trống số, ngày.") == "In dấu DỰ THẢO và để trống số, ngày"
    assert label_of("che_do", "gop: quyết định và kế hoạch trong một tệp") == "che_do"  # -- no clause names the field: the key --
    assert label_of("dia_ban", "Tên địa bàn, ví dụ: Thăng Bình.") == "Tên địa bàn"


def test_parts_are_drawn_in_the_documents_order_and_the_seldom_used_fields_fold_after() -> None:
    from cchc_docgen.web.form import FIRST

    description = form_description()
    defs = schema()["$defs"]
    for name, first in FIRST.items():
        assert set(first) <= set(defs[name]["properties"]), name  # -- a renamed key cannot silently fall out of the order --
        keys = [f["key"] for f in description["objects"][name]]
        assert keys[: len(first)] == list(first) and sorted(keys) == sorted(defs[name]["properties"])
        folded = [f["key"] for f in description["objects"][name] if f["more"]]
        assert folded == [k for k in defs[name]["properties"] if k not in first and k not in defs[name].get("required", ())]
    plan = [f["key"] for f in description["objects"]["Plan"]]
    assert plan.index("trich_yeu") < plan.index("noi_dung") < plan.index("nguoi_ky")  # -- as printed: title, body, signature --
