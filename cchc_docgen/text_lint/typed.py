"""Rules on the words as typed: labels the program prints anyway, spacing, YAML flow lists."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from .. import lazy, vn
from ..spec.model import Spec
from ..spec.schema import Loc
from .document import means_keep_default
from .walk import Finding, Walk, quote, text_fields

__all__ = ["RULES"]


# -- VB-SO-THU-TU: numbering or a dash typed before text the program numbers --

# Fields printed after a label ("I.", "1.", "a)", "- ", "+ ", "Điều 1."): (class, field).
# ContentBlock and BodyTask are the written-order content and the tasks written in the body (issue 11).
_LABELLED = frozenset({("Section", "title"), ("Section", "text"), ("Section", "items"), ("Section", "targets"), ("Section", "tasks"),
                       ("ContentBlock", "items"), ("ContentBlock", "targets"), ("ContentBlock", "tasks"),
                       ("Item", "text"), ("Item", "items"), ("Target", "text"), ("Target", "items"), ("BodyTask", "text"), ("BodyTask", "items"),
                       ("Task", "text"), ("Article", "title"), ("Article", "text"), ("Decision", "articles")})  # fmt: skip
_TYPED_LABEL = re.compile(
    r"(?:Điều\s+\d+\s*[.:]"  # Điều 1.
    r"|[IVXL]+[.)]"  # II.
    r"|\d+(?:\.\d+)*[.)/]"  # 3. 3.1. 3) 3/
    r"|[a-zđ](?:\.\d+)*[.)]"  # a) a. a.1.
    r")\s+"
    r"|[-–—+•](?:\s+(?=\S)|(?=[^\W\d_]))"  # "- x", "-Thực hiện", "+ x"; not a signed number "+5%"
)


def _typed_numbering(spec: Spec, walk: Walk) -> Iterator[Finding]:
    candidates = []
    for text in walk.texts:
        if (type(text.node).__name__, text.field) in _LABELLED:
            found = _TYPED_LABEL.match(text.value.lstrip())
            if found is not None:
                candidates.append((text, found))
    if not candidates:
        return
    # -- only what really prints after a label counts: a level numbered 'khong' prints none --
    after_labels = _printed_after_labels(walk)
    for text, found in candidates:
        value = vn.plain(text.value).strip().casefold()
        if type(text.node).__name__ != "Task" and not any(line.startswith(value) for line in after_labels):
            continue  # -- a plan task also prints in the appendix beside its STT: always counted --
        typed = found.group().strip()
        rest = text.value.lstrip()[found.end():].lstrip()
        yield Finding("VB-SO-THU-TU", text.node, text.name,
                      f"nội dung bắt đầu bằng {typed!r} do người soạn gõ, nhưng chương trình đã tự in số thứ tự hoặc dấu đầu dòng ở đây, nên văn bản sẽ có hai lần ({quote(text.value, 0, found.end())}).",
                      f"Bỏ {typed!r} ở đầu và viết «{rest[:40]}{'…' if len(rest) > 40 else ''}»; số thứ tự và dấu đầu dòng do cấp của mục quyết định (I. / 1. / a) / - / +).")


def _printed_after_labels(walk: Walk) -> list[str]:
    """Every text the views print right after a label, casefolded: a block's text, and a
    title carried in its label ("II. 3.1. CẢI CÁCH: " gives "3.1. cải cách: ")."""
    lines = []
    for view in walk.views.as_typed():
        for block in view.blocks:
            label = block.label.strip()
            if label:
                lines.append(vn.plain(block.text).strip().casefold())
                title = label.partition(" ")[2]
                if title:
                    lines.append(title.casefold())
    return lines


# -- VB-KHOANG-TRANG: spaces a careful typist would not leave --



@lazy.compiled
def _spacing_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Two spaces, a space before a mark, a space after '(': compiled when a text first
    shows a spacing sign (_SPACING_SIGNS), which most specifications never do."""
    return re.compile(r"(?<=\S) {2,}(?=\S)"), re.compile(r"(?<=[\w)\]”\"'])[ \t]+[,.;:!?)](?=\s|$)"), re.compile(r"\([ \t]+(?=\S)")

_BLANK_AFTER = ("ngày", "tháng", "số", "số:")  # "ngày     tháng 12": a draft's room for the day or number
_SPACING_SIGNS = ("  ", " ,", " .", " ;", " :", " !", " ?", " )", "( ", "\t")


def _spacing(spec: Spec, walk: Walk) -> Iterator[Finding]:
    for text in walk.texts:
        value = text.value
        # -- substring tests run in C: almost every text skips the regexes --
        if not (value[:1] == " " or value[-1:] == " " or any(sign in value for sign in _SPACING_SIGNS)):
            continue
        problem = _spacing_problem(value)
        if problem is not None:
            what, start, end = problem
            yield Finding("VB-KHOANG-TRANG", text.node, text.name, f"đoạn chữ {what} ({quote(value, start, end)}).",
                          "Dùng một dấu cách giữa hai từ, không có dấu cách trước dấu , . ; : ) hay sau dấu (, không để dấu cách ở đầu hay cuối trong dấu nháy.")


def _spacing_problem(value: str) -> tuple[str, int, int] | None:
    """What is wrong with the spacing of ``value`` and where, or None."""
    if value.strip() and value != value.strip(" \t"):
        return "có dấu cách ở đầu hoặc cuối", 0, len(value)
    double_space, space_before_mark, space_after_bracket = _spacing_patterns()
    for found in double_space.finditer(value):
        before = value[: found.start()].rsplit(None, 1)[-1].casefold()
        if value[found.end()] == "/" or (len(found.group()) > 2 and before in _BLANK_AFTER):
            continue  # -- a blank left for a number or a day: "số      /KH-UBND", "ngày      tháng 12" --
        return f"có {len(found.group())} dấu cách liền nhau", found.start(), found.end()
    found = space_before_mark.search(value)
    if found is not None:
        return "có dấu cách trước dấu câu", found.start(), found.end()
    found = space_after_bracket.search(value)
    if found is not None:
        return "có dấu cách sau dấu mở ngoặc", found.start(), found.end()
    return None


# -- VB-CAU-BI-CAT: a sentence cut at its commas by a YAML flow list --

# Lists whose items print as paragraphs or dash items, one each.
_PROSE_LISTS = frozenset({"paragraphs", "items", "targets", "tasks", "closing", "opening", "legal_bases", "articles", "recipients"})


def _item_text(item: object) -> str | None:
    if isinstance(item, str):
        return item
    text = getattr(item, "text", None) or getattr(item, "kind", None)
    return text if isinstance(text, str) else None


def _chopped_by_flow_list(spec: Spec, walk: Walk) -> Iterator[Finding]:
    for node in walk.nodes:
        for name in text_fields(type(node)):
            if name not in _PROSE_LISTS:
                continue
            items = getattr(node, name)
            if not isinstance(items, list) or len(items) < 2:
                continue
            found = [node._locs.get(f"{name}[{index}]") for index in range(len(items))]
            locs = [loc for loc in found if loc is not None]
            if len(locs) < len(items) or not _written_as_flow_list(node._locs.get(name), locs):
                continue
            words = ["" if means_keep_default(item) else _item_text(item) or "" for item in items]
            if not _starts_upper(words[0]):
                continue  # -- a list of lower-case phrases written on purpose --
            for index in range(1, len(words)):
                if _starts_lower(words[index]):
                    joined = ", ".join(words)
                    yield Finding("VB-CAU-BI-CAT", node, f"{name}[{index}]",
                                  f"danh sách viết trong ngoặc vuông [ ] bị YAML cắt ở mỗi dấu phẩy thành {len(words)} đoạn; đoạn thứ {index + 1} bắt đầu bằng chữ thường ({words[index][:30]!r}), nên câu {joined[:50]!r}… bị cắt đôi khi in.",
                                  f"Viết mỗi đoạn trên một dòng bắt đầu bằng '- ', hoặc đặt cả câu trong dấu nháy kép: [\"{joined[:40]}…\"].")
                    break


def _written_as_flow_list(start: Loc | None, locs: list[Loc]) -> bool:
    """Whether the list was written '[a, b]', from where its items start: a block list puts
    each item on its own line, at one column, two after its '-' ("- a"); '[a' is one after."""
    if start is not None and (start.line, start.column + 1) == (locs[0].line, locs[0].column):
        return True
    return any(a.line == b.line for a, b in itertools.pairwise(locs)) or len({loc.column for loc in locs}) > 1


def _first_letter(text: str) -> str:
    return next((c for c in vn.plain(text) if c.isalpha()), "")


def _starts_upper(text: str) -> bool:
    return _first_letter(text).isupper()


def _starts_lower(text: str) -> bool:
    return _first_letter(text).islower()


RULES = (_typed_numbering, _spacing, _chopped_by_flow_list)
