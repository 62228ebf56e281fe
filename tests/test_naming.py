"""File names keep what tells plans apart, and fit every file system a drafter uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_docgen import generate, naming, parse_spec, render
from cchc_docgen.spec.model import Spec

from conftest import ROOT, OfficeQueue
from support.spec_builder import BASE, spec_text, write_spec

EXAMPLE = (ROOT / "examples" / "xa-2026-du-thao.yaml").read_text(encoding="utf-8")
LONG_TITLE = "Cải cách hành chính, nâng cao chất lượng phục vụ người dân, doanh nghiệp và xây dựng chính quyền số năm 2027 của xã"


def commune_draft(commune: str) -> str:
    """The shipped commune example as another commune's draft decision of 2027, with a long title."""
    text = EXAMPLE.replace("An Thới Đông", commune).replace("2026", "2027")
    # -- the plan's trích yếu, whether one line or a list of lines --
    return re.sub(r"^  trich_yeu:.*\n(?:    - .*\n)*", f"  trich_yeu: {LONG_TITLE} {commune}\n", text, count=1, flags=re.M)


def test_two_communes_drafts_rendered_into_one_folder_leave_both_decisions(tmp_path: Path, office: OfficeQueue) -> None:
    out = tmp_path / "ket-qua"
    written = []
    for commune, name in (("Tân Hòa", "tan-hoa.yaml"), ("Tân Phú Trung", "tan-phu-trung.yaml")):
        written += generate(write_spec(tmp_path, commune_draft(commune), name=name), out)
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 4 == len(set(written))  # -- two decisions and two plans, none replaced --
    decisions = [n for n in names if "-ke-hoach_" not in n]
    assert [n.split("_")[1] for n in decisions] == ["xa-tan-hoa", "xa-tan-phu-trung"]
    assert all(n.startswith("qd-ubnd-chua-so-2027_") for n in decisions)
    for path in written:
        office.register(f"commune-{path.name}", path.read_bytes())


@pytest.mark.parametrize(
    "replacements, part",
    [
        ((("cap: huyen\n  dia_ban: Thăng Bình", "cap: xa\n  dia_ban: Tân Hòa"),), "_xa-tan-hoa_"),
        ((("  so: 5\n", "  so: 17\n"),), "kh-ubnd-17-2021_"),
        ((("  so: 5\n  ngay: 14/01/2021\n", "  du_thao: co\n  ngay: 01/2021\n"),), "kh-ubnd-chua-so-2021_"),
        ((("ngay: 14/01/2021", "ngay: 14/01/2022"),), "-2022_"),
    ],
    ids=["issuer-and-place", "number", "draft", "year"],
)
def test_a_derived_name_carries_each_part_of_the_plan_identity(replacements: tuple[tuple[str, str], ...], part: str) -> None:
    [document] = render(parse_spec(spec_text(*replacements)))
    assert part in document.file_name


def test_a_long_title_is_shortened_but_the_issuer_never_is() -> None:
    spec = parse_spec(spec_text(("trich_yeu: Công tác cải cách hành chính năm 2021", f"trich_yeu: {LONG_TITLE} Thăng Bình")))
    [document] = render(spec)
    stem = document.file_name.removesuffix(".docx")
    assert stem.startswith("kh-ubnd-05-2021_huyen-thang-binh_cai-cach-hanh-chinh")
    assert len(stem.encode()) <= 140 and not stem.endswith("-")


def test_a_department_is_named_with_the_body_above_it() -> None:
    spec = spec_text(("cap: huyen\n  dia_ban: Thăng Bình", "cap: so\n  ten: [SỞ NỘI VỤ]\n  cap_tren: [UBND TỈNH QUẢNG NAM]\n  viet_tat: SNV\n  dia_danh: Quảng Nam"))
    [document] = render(parse_spec(spec))
    assert document.file_name.startswith("kh-snv-05-2021_ubnd-tinh-quang-nam-so-noi-vu_")


def test_an_issuer_too_long_for_a_name_keeps_its_start_and_stays_distinct() -> None:
    names = []
    for tail in ("MỘT", "HAI"):
        body = "BAN CHỈ ĐẠO CẢI CÁCH HÀNH CHÍNH VÀ CHUYỂN ĐỔI SỐ CỦA ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM NHIỆM KỲ 2021 2026 TIỂU BAN " * 2 + tail
        spec = spec_text(("cap: huyen\n  dia_ban: Thăng Bình", f"cap: khac\n  ten: [{body}]\n  viet_tat: BCĐ\n  dia_danh: Quảng Nam"))
        [document] = render(parse_spec(spec))
        names.append(document.file_name)
    assert names[0] != names[1]
    assert all(len(n.encode()) <= 140 + len(".docx") and n.startswith("kh-bcd-05-2021_ban-chi-dao-cai-cach") for n in names)


@pytest.mark.parametrize(
    "stem, reason",
    [
        ("Kế hoạch cải cách hành chính năm hai không hai bảy của ủy ban nhân dân xã Tân Phú Trung huyện Củ Chi ", "khoảng trắng"),
        ("Kế-hoạch-" + "ữ" * 80, "byte"),  # -- 89 characters, 249 bytes --
        ("COM¹", "thiết bị"),
        ("lpt³.bản-sao", "thiết bị"),
        ("CONIN$", "thiết bị"),
        ("conout$.docx", "thiết bị"),
        ("nul", "thiết bị"),
        ("a" * 151, "ký tự"),
        ("../ke-hoach", "ký tự không dùng được"),
        (".an", "dấu chấm"),
    ],
)
def test_an_unusable_file_name_is_refused_with_its_reason(stem: str, reason: str) -> None:
    problem = naming.name_problem(stem)
    assert problem is not None and reason in problem


@pytest.mark.parametrize("stem", ["COM10", "console", "kế-hoạch-xã-tân-hòa-2027", "LPT", "nul-va-khong"])
def test_ordinary_names_are_accepted(stem: str) -> None:
    assert naming.name_problem(stem) is None


def test_a_90_character_vietnamese_ten_tep_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    from cchc_docgen import SpecError

    stem = "Ữ" * 90  # -- the finding of issue 12: 90 characters that are 270 bytes --
    assert len(stem.encode()) == 270
    spec = write_spec(tmp_path, BASE + f"xuat:\n  ten_tep: {stem}\n")
    with pytest.raises(SpecError) as caught:
        generate(spec, tmp_path / "out")
    assert "byte" in str(caught.value) and "Gợi ý:" in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_the_identity_names_issuer_kind_number_year_and_specification() -> None:
    spec: Spec = parse_spec(spec_text(("cap: huyen\n  dia_ban: Thăng Bình", "cap: xa\n  dia_ban: Tân Hòa")))
    spec.source = "/x/tan-hoa-2021.yaml"  # -- what a loaded spec remembers (load_spec sets it) --
    found = naming.identity(spec)
    assert found == naming.PlanIdentity("Ủy ban nhân dân xã Tân Hòa", "Kế hoạch", "05", "2021", "tan-hoa-2021.yaml")


_WORDS = st.text(alphabet=st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạềểễếệỳỷỹýỵ -_.,0123456789ỮỬ"), min_size=1, max_size=120)


@settings(max_examples=150, derandomize=True, deadline=None, database=None)
@given(first=st.tuples(_WORDS, _WORDS, _WORDS), second=st.tuples(_WORDS, _WORDS, _WORDS))
def test_derived_names_fit_every_limit_and_differ_whenever_the_identity_does(
    first: tuple[str, str, str], second: tuple[str, str, str]
) -> None:
    from cchc_docgen import vn

    stems = []
    for code, issuer, title in (first, second):
        stem = naming._derived(vn.slug(code, limit=10_000), vn.slug(issuer, limit=10_000), title)
        assert stem.isascii() and len(stem) <= 140 and naming.name_problem(stem) is None
        stems.append(stem)
    identities = [(vn.slug(c, limit=10_000), vn.slug(i, limit=10_000)) for c, i, _ in (first, second)]
    if identities[0] != identities[1]:
        assert stems[0] != stems[1]
