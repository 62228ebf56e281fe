"""Property tests: whatever a drafter writes ends in a clear error or a sound document.

Every case ends in exactly one of two ways: a SpecError whose every problem names the file,
line and column, or DOCX files that python-docx reopens with the drafter's text in them
(and a sample of which LibreOffice opens at the end of the session). Anything else (a
crash, a TemplateError from our own template, text lost or altered) fails the property.

Run length: every test run uses the ``ci`` profile (fixed seed, bounded examples). Ask for
the long run with ``CCHC_LONG=1 python -m pytest tests/test_properties.py`` or with
``python -m pytest -m slow``; the tests are marked ``slow`` so ``-m slow`` selects them, and
they must stay selected in CI (do not deselect ``slow`` there).
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_docgen import SpecError, parse_spec, render, vn
from cchc_docgen.checks import check_spec
from cchc_docgen.errors import ERROR
from cchc_docgen.vn import EMPHASIS_MARKS

from conftest import REPORT
from support.docx_facts import document_text, open_docx
from support.yaml_text import Raw, dump

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "plan_specs").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))

settings.register_profile(
    "ci", max_examples=30, derandomize=True, deadline=None, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)  # fmt: skip
settings.register_profile(
    "long", max_examples=600, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)  # fmt: skip
OFFICE_SAMPLE = {"ci": 2, "long": 8}  # rendered documents per test that LibreOffice opens

pytestmark = pytest.mark.slow


@pytest.fixture
def profile(request: pytest.FixtureRequest) -> str:
    """``long`` when asked for (CCHC_LONG=1 or -m slow), else the bounded ``ci`` run."""
    asked = os.environ.get("CCHC_LONG") == "1" or re.search(r"(?<!not )\bslow\b", request.config.getoption("markexpr") or "")
    return "long" if asked else "ci"


class _Sampler:
    """Hands the first few rendered documents of a test to LibreOffice."""

    def __init__(self, office: Any, name: str, budget: int):
        self.office, self.name, self.budget = office, name, budget

    def offer(self, data: bytes) -> None:
        if self.budget > 0:
            self.budget -= 1
            self.office.register(f"{self.name}-{self.budget}", data)


def _outcome(text: str, sampler: _Sampler) -> tuple[Any, str] | None:
    """Load and render ``text``: None after a well-located SpecError, else (spec, document text)."""
    try:
        spec = parse_spec(text, "ngau-nhien.yaml")
    except SpecError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == "ngau-nhien.yaml" and problem.line >= 1 and problem.column >= 1, problem.format()
            assert problem.message
        return None
    findings = check_spec(spec, "ngau-nhien.yaml")
    for problem in findings:  # the check rules judge any loadable spec without crashing
        assert problem.line >= 1 and problem.rule
    if any(problem.severity == ERROR for problem in findings):  # -- every render is checked: an error stops it --
        with pytest.raises(SpecError) as stopped:
            render(spec)
        # -- the same findings; render gives them in the order of the file --
        assert sorted(p.format() for p in stopped.value.problems if p.severity == ERROR) == sorted(p.format() for p in findings if p.severity == ERROR)
        return None
    documents = render(spec)
    assert documents
    texts = []
    for document in documents:
        # -- as laid out (a typed NBSP kept), as read (line breaking's NBSPs plain), and with a
        # title or "kèm theo" line broken in two read as one line --
        laid_out, opened = open_docx(document.data, laid_out=True), open_docx(document.data)
        texts += [document_text(laid_out, keep=True), document_text(opened), document_text(opened, breaks=" ")]
        sampler.offer(document.data)
    return spec, "\n".join(texts)


class _Dumper(yaml.SafeDumper):
    """Writes null as an empty value, as drafters do: '- Câu kết thúc bằng hai chấm:' stays a sentence."""


_Dumper.add_representer(type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", ""))
# -- PyYAML writes NEL and the Unicode line separators raw inside single quotes, where YAML folds
# them into a space; in double quotes they are escaped and read back as written --
_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style='"' if any(c in text for c in "\x85\u2028\u2029") else None))


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9)


def _as_read(text: str) -> str:
    """What the model keeps of a value: NFC, line breaks as \\n, outer blanks trimmed."""
    normal = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return normal.strip()


# -- random text in every text field --
# Text XML allows, edge cases included (NEL, line separator, combining marks, zero width, beyond the BMP)...
_SPECIALS = st.sampled_from(["&", "<", ">", '"', "'", "\t", "\n", "{{ 7*7 }}", "{%p if x %}", "]]>", "\\", ": ", " #", "- ", "Đ", "ữ", "\u0301", "\u2028", "\x85", "\u200b",
                             "\U0001f600", "\U00020000", "\U0010fffd", "𝕏"])
_LEGAL = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\t\n", exclude_characters="\ufffe\uffff")
_TEXT = st.lists(st.one_of(st.text(_LEGAL, max_size=12), _SPECIALS), min_size=1, max_size=8).map("".join).filter(lambda t: t and not t.isspace())
_BLANK = st.sampled_from(["", " ", "\t", "\n", "\u3000", "\xa0"])  # put into one field in some cases: refused
# ...and the characters it forbids, one of which is put into one field in some cases.
# (DEL and the C1 controls too: YAML refuses them raw, so the program refuses them escaped.)
# (And the four private-use characters the program keeps for its emphasis marks: refused, never dropped.)
_FORBIDDEN = st.sampled_from([chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0x85), *range(0x86, 0xA0))]
                             + ["\ufffe", "\uffff", *EMPHASIS_MARKS])  # fmt: skip
_FIELDS = ["dia_ban", "agency", "task", "product", "title", "opening", "paragraph", "item", "target", "recipient", "title_of_section", "signer", "position", "on_behalf"]
_PATHS = {"dia_ban": "co_quan_ban_hanh.dia_ban", "agency": "co_quan.vp", "task": "nhiem_vu[0].noi_dung", "product": "nhiem_vu[0].san_pham",
          "title": "ke_hoach.trich_yeu", "opening": "ke_hoach.mo_dau[0]", "paragraph": "ke_hoach.noi_dung[0].doan[0]", "item": "ke_hoach.noi_dung[0].y[0]",
          "target": "ke_hoach.noi_dung[1].chi_tieu[0].noi_dung", "recipient": "ke_hoach.noi_nhan[0]", "title_of_section": "ke_hoach.noi_dung[1].tieu_de",
          "signer": "ke_hoach.nguoi_ky.ho_ten", "position": "ke_hoach.nguoi_ky.chuc_vu", "on_behalf": "ke_hoach.nguoi_ky.thay_mat"}  # fmt: skip
# the fields printed exactly as written (others are upper-cased, terminated or moved into a sentence)
_VERBATIM = {"task", "paragraph", "item", "signer", "product"}


def _printed_in(text: str, printed: str) -> bool:
    """``text`` is in the document as a reader sees it. Blanks at a line's edges are not
    printed on a centred line (the signer's name: a quoted ' #' is '#', 'Đầu \\n!' two lines
    'Đầu' and '!'); and where line breaking also glued a space of the text, its NBSPs cannot
    be told from the typed ones, and the text as read has them all plain. In the fields that
    take emphasis, '*0*' is an italic '0' (tests/test_emphasis.py shows the runs)."""
    forms = set()
    for shown in (text.strip(), vn.plain(vn.mark_emphasis(text.strip()))):
        edges = "\n".join(line.strip() for line in shown.split("\n"))
        forms |= {shown, shown.replace("\xa0", " "), edges, edges.replace("\xa0", " ")}
    return any(form in printed for form in forms)


def _spec_with(texts: dict[str, str]) -> dict[str, Any]:
    return {
        "co_quan_ban_hanh": {"cap": "xa", "dia_ban": texts["dia_ban"]},
        "co_quan": {"vp": texts["agency"], "cc": {"ten": "Công chức Tư pháp - Hộ tịch", "noi_bo": "co"}},
        "nhiem_vu": [{"linh_vuc": "the_che", "noi_dung": texts["task"], "chu_tri": "vp", "phoi_hop": ["cc"], "thoi_han": "quý II/2026", "san_pham": texts["product"]}],
        "ke_hoach": {
            "so": 7, "ngay": "15/01/2026", "trich_yeu": texts["title"], "mo_dau": [texts["opening"]],
            "noi_dung": [
                {"loai": "muc_dich_yeu_cau", "doan": [texts["paragraph"]], "y": [texts["item"]]},
                {"tieu_de": texts["title_of_section"], "chi_tieu": [{"noi_dung": texts["target"], "gia_tri": 90, "don_vi": "%"}]},
                {"loai": "nhiem_vu_cu_the"},
            ],
            "phu_luc": [{"cot": ["stt", "noi_dung", "chu_tri", "thoi_han", "san_pham"]}],
            "noi_nhan": [texts["recipient"], {"co_quan": "vp"}], "luu": ["VT", "VP"],
            "nguoi_ky": {"thay_mat": texts["on_behalf"], "chuc_vu": texts["position"], "ho_ten": texts["signer"]},
        },
    }  # fmt: skip


def test_random_text_in_every_text_field_is_printed_as_written_or_refused_at_its_line(profile: str, office: Any) -> None:
    sampler = _Sampler(office, "random-text", OFFICE_SAMPLE[profile])
    outcomes = {"rendered": 0, "refused": 0}

    @settings(settings.get_profile(profile))
    @given(st.fixed_dictionaries({name: _TEXT for name in _FIELDS}),
           st.sampled_from(["none"] * 6 + ["forbidden", "blank"]).flatmap(lambda kind: {  # -- a poison in one case of four --
               "none": st.none(), "forbidden": st.tuples(st.sampled_from(_FIELDS), _FORBIDDEN, st.integers(0, 8)),
               "blank": st.tuples(st.sampled_from(_FIELDS), _BLANK)}[kind]))  # fmt: skip
    def check(texts: dict[str, str], poison: tuple[str, str, int] | tuple[str, str] | None) -> None:
        if poison is not None and len(poison) == 3:
            field, character, at = poison  # type: ignore[misc]
            texts = {**texts, field: texts[field][:at] + character + texts[field][at:]}
        elif poison is not None:
            texts = {**texts, poison[0]: poison[1]}
        result = _outcome(_dump(_spec_with(texts)), sampler)
        outcomes["refused" if result is None else "rendered"] += 1
        if poison is not None or any(_forbidden(text) for text in texts.values()):  # -- drawn at random: an emphasis mark --
            assert result is None, "a forbidden character or a blank reached the document"
            return
        if result is None:  # -- only a rule of check (a typed dash, a chopped sentence…) may stop such a text, at its line --
            assert any(p.severity == ERROR for p in check_spec(parse_spec(_dump(_spec_with(texts)), "ngau-nhien.yaml"))), "a text with something to print was refused"
            return
        spec, printed = result
        kept = {"task": spec.tasks[0].text, "product": spec.tasks[0].product or "", "paragraph": spec.plan.sections[0].paragraphs[0],
                "item": spec.plan.sections[0].items[0], "signer": spec.plan.signer.name}  # fmt: skip
        for name in _VERBATIM:
            assert kept[name].strip() == _as_read(texts[name]), name  # the model kept the text
            assert _printed_in(kept[name], printed), name  # and the document prints it

    check()
    REPORT["property: random text in every field"] = f"{outcomes['rendered']} rendered, {outcomes['refused']} refused (a forbidden character or a blank put in, or a rule of check)"
    # -- a quarter of the cases are poisoned, and random text in some thirty fields often trips a text
    # -- rule of check (a typed label, a chopped sentence), which is asserted above to be the reason --
    assert outcomes["rendered"] >= 0.3 * sum(outcomes.values())


# -- escapes in double quotes: what the drafter means by \x41, \u00e9, \U0001F600… --
_ESCAPES = st.one_of(
    st.integers(0x20, 0xFF).map(lambda c: (f"\\x{c:02x}", chr(c))),
    st.integers(0x20, 0xFFFF).map(lambda c: (f"\\u{c:04x}", chr(c))),
    st.integers(0x10000, 0x10FFFF).map(lambda c: (f"\\U{c:08x}", chr(c))),
    st.integers(0x110000, 0xFFFFFFFF).map(lambda c: (f"\\U{c:08x}", None)),  # beyond Unicode: must be refused
    st.sampled_from([("\\n", "\n"), ("\\t", "\t"), ("\\\\", "\\"), ('\\"', '"'), ("\\N", "\x85"), ("\\_", "\xa0"), ("\\ud83d\\ude00", "\U0001f600")]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters='\\"\ufffe\uffff'), min_size=1, max_size=6).map(lambda t: (t, t)),
)


def _forbidden(text: str) -> bool:
    """A character the loader refuses: one Word does not take, or an emphasis mark."""
    return any(ord(c) in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0x85), *range(0x86, 0xA0), 0xFFFE, 0xFFFF)
               or 0xD800 <= ord(c) <= 0xDFFF or c in EMPHASIS_MARKS for c in text)  # fmt: skip


def test_escaped_text_in_every_text_field_is_printed_as_meant_or_refused_at_its_line(profile: str, office: Any) -> None:
    sampler = _Sampler(office, "escaped-text", OFFICE_SAMPLE[profile])
    outcomes = {"rendered": 0, "refused": 0}

    @settings(settings.get_profile(profile))
    @given(st.sampled_from(_FIELDS), st.lists(_ESCAPES, min_size=1, max_size=6))
    def check(field: str, pieces: list[tuple[str, str | None]]) -> None:
        texts: dict[str, Any] = {name: f"Nội dung {name}" for name in _FIELDS}
        texts[field] = Raw('"Đầu ' + "".join(written for written, _ in pieces) + '"')
        meant = None if any(m is None for _, m in pieces) else "Đầu " + "".join(m for _, m in pieces if m is not None)
        result = _outcome(dump(_spec_with(texts)), sampler)
        outcomes["refused" if result is None else "rendered"] += 1
        if meant is None or _forbidden(meant):
            assert result is None, "an escape that is no character Word takes reached the document"
            return
        if result is None:  # -- only a rule of check may stop a text of real characters --
            assert any(p.severity == ERROR for p in check_spec(parse_spec(dump(_spec_with(texts)), "ngau-nhien.yaml"))), "a text of real characters was refused"
            return
        _, printed = result
        if field in _VERBATIM:
            assert _printed_in(_as_read(meant), printed)

    check()
    REPORT["property: escapes in every field"] = f"{outcomes['rendered']} rendered, {outcomes['refused']} refused"
    assert outcomes["rendered"] >= 0.3 * sum(outcomes.values())


def test_a_forbidden_character_is_refused_at_the_field_that_holds_it() -> None:
    @settings(settings.get_profile("ci"), max_examples=len(_FIELDS) * 3)
    @given(st.sampled_from(_FIELDS), _FORBIDDEN)
    def check(field: str, character: str) -> None:
        texts = {name: f"Nội dung {name}" for name in _FIELDS}
        texts[field] = f"Trước{character}sau"
        with pytest.raises(SpecError) as caught:
            parse_spec(_dump(_spec_with(texts)), "ngau-nhien.yaml")
        [problem] = caught.value.problems
        assert problem.path == _PATHS[field] and f"U+{ord(character):04X}" in problem.message and problem.line >= 1

    check()


def test_a_blank_is_refused_at_the_field_that_holds_it() -> None:
    @settings(settings.get_profile("ci"), max_examples=len(_FIELDS) * 3)
    @given(st.sampled_from(_FIELDS), _BLANK)
    def check(field: str, blank: str) -> None:
        texts = {name: f"Nội dung {name}" for name in _FIELDS}
        texts[field] = blank
        with pytest.raises(SpecError) as caught:
            parse_spec(_dump(_spec_with(texts)), "ngau-nhien.yaml")
        [problem] = caught.value.problems
        assert problem.path == _PATHS[field] and "trống" in problem.message and problem.line >= 1

    check()


# -- random structure sizes --
_WORDS = st.text(st.sampled_from("abcdeghiklmnopqrstuvxyàáạảãăắặâấậđêếệôốộơớợưứựỳ &<>'\""), min_size=1, max_size=40).map(str.strip).filter(bool)
_AREAS = ["chi_dao_dieu_hanh", "the_che", "thu_tuc_hanh_chinh", "to_chuc_bo_may", "cong_vu", "tai_chinh_cong", "chinh_quyen_so"]
_DEADLINES = st.sampled_from(["thường xuyên", "quý I/2026", "quý IV/2026", "30/6/2026", "tháng 02/2026", "năm 2026", "hằng quý", "6 tháng đầu năm 2026"])


@st.composite
def _structures(draw: st.DrawFn) -> dict[str, Any]:
    agencies = {f"cq{i}": draw(_WORDS) for i in range(draw(st.integers(1, 12)))}
    ids = sorted(agencies)
    long_text = draw(st.sampled_from(["", "Rất dài " * 1500]))
    tasks = [
        {"linh_vuc": draw(st.sampled_from(_AREAS)), "noi_dung": f"NV{i} {draw(_WORDS)}{long_text if i == 0 else ''}", "chu_tri": ids[i % len(ids)],
         "phoi_hop": draw(st.lists(st.sampled_from(ids), max_size=3, unique=True).map(lambda ps, i=i: [p for p in ps if p != ids[i % len(ids)]])),
         "thoi_han": draw(_DEADLINES)}
        for i in range(draw(st.one_of(st.integers(0, 12), st.integers(100, 300))))
    ]  # fmt: skip
    sections = [
        {"tieu_de": f"Mục {i} {draw(_WORDS)}", "doan": draw(st.lists(_WORDS, max_size=5)), "y": draw(st.lists(_WORDS, max_size=30)),
         "muc": [{"tieu_de": draw(_WORDS), "y": draw(st.lists(_WORDS, max_size=4))} for _ in range(draw(st.integers(0, 4)))]}
        for i in range(draw(st.integers(0, 8)))
    ]  # fmt: skip
    sections.append({"loai": "nhiem_vu_cu_the"})
    sections.append({"loai": "to_chuc_thuc_hien", "nhiem_vu": draw(st.sampled_from(["co", "khong"]))})
    appendices = [{} for _ in range(draw(st.integers(0, 2)))]
    if len(appendices) == 2:
        appendices[0] = {"linh_vuc": draw(st.lists(st.sampled_from(_AREAS), min_size=1, max_size=3, unique=True))}
    recipients = [{"co_quan": i} for i in draw(st.lists(st.sampled_from(ids), max_size=len(ids), unique=True))] + draw(st.lists(_WORDS, max_size=20))
    plan = {"ngay": "15/01/2026", "trich_yeu": draw(_WORDS), "noi_dung": sections, "phu_luc": appendices, "noi_nhan": recipients,
            "nguoi_ky": {"thay_mat": "Ủy ban nhân dân", "chuc_vu": "Chủ tịch", "ho_ten": draw(_WORDS)}}  # fmt: skip
    spec: dict[str, Any] = {"co_quan_ban_hanh": {"cap": "phuong", "dia_ban": draw(_WORDS)}, "co_quan": agencies, "nhiem_vu": tasks, "ke_hoach": plan}
    if draw(st.booleans()):  # issued with a decision: number, date, recipients and signature move to it
        decision = {key: plan.pop(key) for key in ("ngay", "noi_nhan", "nguoi_ky")}
        spec["quyet_dinh"] = {"so": draw(st.integers(1, 999)), **decision, "co_quan_theo_doi": ids[0]}
    return spec


def test_random_structure_sizes_render_with_every_task_and_item_present(profile: str, office: Any) -> None:
    sampler = _Sampler(office, "random-structure", OFFICE_SAMPLE[profile])

    @settings(settings.get_profile(profile), max_examples=max(settings.get_profile(profile).max_examples // 2, 10))
    @given(_structures())
    def check(data: dict[str, Any]) -> None:
        result = _outcome(_dump(data), sampler)
        if result is None:
            return
        spec, printed = result
        shown_in_body = any(s.get("nhiem_vu") == "co" for s in data["ke_hoach"]["noi_dung"])
        if spec.plan.appendices or shown_in_body or not spec.tasks:
            for task in spec.tasks:
                assert task.text.rstrip(".;") in printed
        for section in spec.plan.sections:
            for item in section.items:
                assert item in printed

    check()


# -- random mutations of the real specifications --
class _Strings(yaml.SafeLoader):
    """Scalars stay text (as the model reads them); only an empty value is null."""


_Strings.yaml_implicit_resolvers = {}
_Strings.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _places(value, (*path, index))
    return found


def _at(root: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        root = root[step]
    return root


def _mutate(draw: st.DrawFn, data: Any) -> None:
    places = _places(data)
    mapping_places = [p for p in places if isinstance(_at(data, p), dict) and _at(data, p)]
    list_places = [p for p in places if isinstance(_at(data, p), list) and _at(data, p)]
    leaf_places = [p for p in places if p and not isinstance(_at(data, p), dict | list)]
    kind = draw(st.sampled_from(["delete", "rename", "retype", "duplicate"]))
    if kind in ("delete", "rename") and mapping_places:
        mapping = _at(data, draw(st.sampled_from(mapping_places)))
        key = draw(st.sampled_from(list(mapping)))
        value = mapping.pop(key)
        if kind == "rename":
            new = draw(st.sampled_from([key + "s", key[:-1], key.replace("_", ""), "khoa_la", key.upper(), "ten day du"]))
            mapping[new] = value
    elif kind == "duplicate" and list_places:
        items = _at(data, draw(st.sampled_from(list_places)))
        index = draw(st.integers(0, len(items) - 1))
        items.insert(index, items[index])
    elif leaf_places:
        path = draw(st.sampled_from(leaf_places))
        value = _at(data, path)
        replacement = draw(st.sampled_from([[value], {"x": value}, {str(value): None}, None, 12345, "", "30/02/2026", "co", str(value) * 3]))
        _at(data, path[:-1])[path[-1]] = replacement


def test_random_mutations_of_the_real_specifications_are_refused_clearly_or_render(profile: str, office: Any) -> None:
    sampler = _Sampler(office, "mutated", OFFICE_SAMPLE[profile])
    sources = {path.name: path.read_text(encoding="utf-8") for path in SOURCES}
    assert sources, "plan_specs/ and examples/ hold the specifications to mutate"

    @settings(settings.get_profile(profile))
    @given(st.sampled_from(sorted(sources)), st.integers(1, 3), st.data())
    def check(name: str, count: int, data: st.DataObject) -> None:
        tree = yaml.load(sources[name], Loader=_Strings)
        for _ in range(count):
            _mutate(data.draw, tree)
        result = _outcome(_dump(tree), sampler)
        if result is not None:
            spec, printed = result
            assert spec.plan.title in printed

    check()


def test_the_unmutated_specifications_survive_the_round_trip_the_mutations_use() -> None:
    for path in SOURCES:
        tree = yaml.load(path.read_text(encoding="utf-8"), Loader=_Strings)
        assert parse_spec(_dump(tree)).plan.title == parse_spec(path.read_text(encoding="utf-8")).plan.title

