"""The body's headings as the specification's sections (noi_dung), in written order.

A section renders its paragraphs, then its items, then its subsections; a part typed in
another order is split into untitled subsections, which the renderer prints in place
without a number, so the text and the labels come back as they were written.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .. import vn
from ..numbering import DEFAULT, Levels
from ..spec.model import REFORM_AREAS, SECTION_TITLES
from ..spec.values import Deadline
from .recognise import Heading, Para
from .values import fold, plain

if TYPE_CHECKING:
    from .build import Builder

_TARGET_KINDS = {"muc_tieu_chi_tieu", "chi_tieu", "muc_tieu"}
_VALUE = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
_AGENCY_WORDS = ("Phòng ", "Văn phòng ", "Sở ", "Ban ", "Trung tâm ", "Công an ", "Đoàn ", "Ủy ban ", "UBND ", "Hội ",
                 "Chi cục ", "Đài ", "Kho bạc ", "Bảo hiểm ", "Mặt trận ", "Thanh tra ", "Chi nhánh ", "Công chức ")  # fmt: skip
# -- a clause's period, for a milestone: '6 tháng đầu năm', 'quý II' (the year follows or is the plan's) --
_PERIOD = re.compile(r"\b(?:[69] tháng (?:đầu|cuối) năm|quý [IV]+)(?=\W|$)", re.IGNORECASE)
_APPENDIX_REFERENCE = re.compile(r"^\(Chi tiết tại Phụ lục.*kèm theo\)$")


_SCHEMES = {"roman": "la_ma", "number": "so", "decimal": "thap_phan", "letter": "chu"}
KIND_BY_TITLE = {fold(title): kind for kind, title in SECTION_TITLES.items()}


class SectionBuilder:
    def __init__(self, builder: Builder):
        self.b = builder
        self.plan_numbering: list[str] = []  # ke_hoach.danh_so, when level 1 is not I., II.

    def top(self, nodes: list[Heading | Para]) -> tuple[list[dict[str, Any]], list[str]]:
        """The level-1 sections, and the closing paragraphs ('Trên đây là…') after them."""
        sections = []
        for node in nodes:
            if isinstance(node, Heading):
                sections.append(node)
            else:  # -- the recogniser files every paragraph under a heading once one was seen --
                self.b.notes.append((node.where, f"đoạn ngoài mọi mục: {node.text[:60]}"))
        ending: list[str] = []
        if sections:
            last = sections[-1]
            while last.children and isinstance(last.children[-1], Heading):
                last = last.children[-1]
            # -- the paragraph carrying the final './.' closes the plan; 'Trên đây…' before it too --
            children = last.children
            if children and isinstance(children[-1], Para) and not children[-1].mark and children[-1].text.endswith("./."):
                ending.insert(0, children.pop().text)
                while children and isinstance(children[-1], Para) and not children[-1].mark and children[-1].text.startswith("Trên đây"):
                    ending.insert(0, children.pop().text)
        levels = Levels(DEFAULT)
        first = _SCHEMES.get(sections[0].kind, "so") if sections else "la_ma"
        if first != levels.at(0):
            self.plan_numbering = [first]
            levels = Levels((first,))
        return [self.section(node, 1, None, levels) for node in sections], ending

    def section(self, heading: Heading, level: int, parent_kind: str | None, levels: Levels) -> dict[str, Any]:
        """``levels``: the numbering schemes from this heading's level down."""
        result: dict[str, Any] = {}
        text = heading.text
        is_title = len(text) <= 160 and not text.endswith((".", ";", ":"))
        folded = fold(text)
        kind = KIND_BY_TITLE.get(folded) if is_title else None
        if kind == "nhiem_vu_cu_the" and not self._keeps_reference(heading):
            kind = None
        area = self._area(folded) if is_title and kind is None else None
        agency = self._agency(text, parent_kind) if is_title and kind is None and area is None else None
        if kind:
            result["loai"] = kind
            default = SECTION_TITLES[kind]
            if not self._same(text, default, level):
                result["tieu_de"] = text
        elif area:
            result["linh_vuc"] = area
            if not self._same(text, self.b.areas.get(area) or REFORM_AREAS[area], level):
                result["tieu_de"] = text
        elif agency:
            result["co_quan"] = agency
            if not self._same(text, self.b.agencies.name(plain(agency)), level):
                result["tieu_de"] = text
        elif is_title:
            result["tieu_de"] = text
        else:
            result["noi_dung"] = text
        self._content(heading, level, kind or parent_kind, result, levels.below())
        return result

    def _same(self, text: str, default: str, level: int) -> bool:
        return text == (vn.upper(default) if level == 1 else default)

    def _area(self, folded: str) -> str | None:
        for key, title in {**REFORM_AREAS, **self.b.areas}.items():
            if fold(title) == folded:
                return key
        return None

    def _agency(self, text: str, parent_kind: str | None) -> Any:
        known = self.b.agencies.known(text)
        if known:
            return known
        if parent_kind == "to_chuc_thuc_hien" and text.startswith(_AGENCY_WORDS) and len(text) <= 90 and "," not in text:
            return self.b.guess(self.b.agency(text), f"'{text}' coi là một cơ quan (khai báo trong co_quan)")
        return None

    def _keeps_reference(self, heading: Heading) -> bool:
        """'Nhiệm vụ cụ thể' prints '(Chi tiết tại Phụ lục kèm theo)' itself: the kind is
        taken only when the text says just that, and the typed line is then dropped."""
        tables = [a for a in self.b.r.plan.appendices if a.table is not None and a.table.rows]
        paragraphs = [c for c in heading.children if isinstance(c, Para)]
        if not tables:
            return not heading.children
        expected = "(Chi tiết tại Phụ lục kèm theo)" if len(self.b.r.plan.appendices) == 1 else None
        if expected and paragraphs and paragraphs[0].text == expected and heading.children[0] is paragraphs[0]:
            heading.children.pop(0)
            return True
        return False

    def _content(self, heading: Heading, level: int, kind: str | None, result: dict[str, Any], levels: Levels) -> None:
        if kind in _TARGET_KINDS:
            _lift_paragraphs(heading)
        chunks: list[dict[str, list[Any]]] = [{"doan": [], "y": [], "muc": []}]
        numbered_leaves = [c for c in heading.children if isinstance(c, Heading)]
        as_list = (kind in _TARGET_KINDS and numbered_leaves and all(not c.children and c.kind == "number" for c in numbered_leaves)
                   and not any(isinstance(c, Para) and c.mark for c in heading.children))
        for child in heading.children:
            chunk = chunks[-1]
            if isinstance(child, Heading) and as_list:
                if chunk["muc"]:
                    chunk = self._new(chunks)
                chunk["y"].append(child.text)
                continue
            if isinstance(child, Heading):
                chunk["muc"].append(child)
            elif child.mark:
                if chunk["muc"]:
                    chunk = self._new(chunks)
                chunk["y"].append(self._item(child))
            else:
                if chunk["y"] or chunk["muc"]:
                    chunk = self._new(chunks)
                chunk["doan"].append(child.text)
        closing: list[str] = []
        if len(chunks) > 1 and not chunks[-1]["y"] and not chunks[-1]["muc"]:
            closing = chunks.pop()["doan"]
        child_level = level + 1
        child_heading = next((c for c in heading.children if isinstance(c, Heading)), None)
        if child_heading is not None and not as_list:
            scheme = _SCHEMES[child_heading.kind]
            if scheme != levels.at(0):
                # -- the labels this part's children were typed with: the render prints the same --
                result["danh_so"] = [scheme]
                levels = Levels((scheme,))
        if len(chunks) == 1:
            self._fill(result, chunks[0], child_level, kind, as_list, levels)
        else:
            # -- paragraphs, lists and sub-sections typed in another order than a section
            # -- prints them: lan_luot keeps the written order, one block a key --
            blocks: list[dict[str, Any]] = []
            for chunk in chunks:
                filled: dict[str, Any] = {}
                self._fill(filled, chunk, child_level, kind, as_list, levels)
                style = filled.pop("liet_ke", None)
                if style:
                    result["liet_ke"] = style
                blocks += [{key: value} for key, value in filled.items()]
            result["lan_luot"] = blocks
        if closing:
            result["doan_cuoi"] = closing
        self._check_labels(heading, levels)

    def _new(self, chunks: list[dict[str, list[Any]]]) -> dict[str, list[Any]]:
        chunks.append({"doan": [], "y": [], "muc": []})
        return chunks[-1]

    def _fill(self, target: dict[str, Any], chunk: dict[str, list[Any]], level: int, kind: str | None, as_list: bool, levels: Levels) -> None:
        if chunk["doan"]:
            target["doan"] = chunk["doan"]
        items = chunk["y"]
        if as_list:
            target["liet_ke"] = "so"
        targets: list[dict[str, Any]] = []
        if items and kind in _TARGET_KINDS:
            # -- targets print after the items: only the measured lines at the end become targets --
            split = len(items)
            while split > 0 and _VALUE.search(items[split - 1] if isinstance(items[split - 1], str) else items[split - 1]["noi_dung"]):
                split -= 1
            targets = [self._target(i) for i in items[split:]]
            items = items[:split]
        if items:
            target["y"] = items
        if targets:
            target["chi_tieu"] = targets
        if chunk["muc"]:
            target["muc"] = [self.section(h, level, kind, levels) for h in chunk["muc"]]

    def _item(self, para: Para) -> Any:
        if not para.items:
            return para.text
        return {"noi_dung": para.text, "y": [p.text for p in para.items]}

    def _target(self, item: Any) -> dict[str, Any]:
        text = item if isinstance(item, str) else item["noi_dung"]
        result: dict[str, Any] = {"noi_dung": text}
        milestones = self._milestones(text)
        if milestones:
            result["moc"] = self.b.guess(milestones, "các mốc đọc từ câu chỉ tiêu (giá trị với năm hoặc thời hạn của từng vế)")
        else:
            match = _VALUE.search(text)
            assert match is not None
            result["gia_tri"] = self.b.guess(_number(match.group(1)), "giá trị đọc từ câu chỉ tiêu")
        result["don_vi"] = "%"
        if not isinstance(item, str):
            result["y"] = item["y"]
        return result

    def _milestones(self, text: str) -> list[dict[str, Any]]:
        """'… đến năm 2027 đạt 60%; đến năm 2030 đạt 80%' → one milestone a clause, each with
        its year or its period ('6 tháng đầu năm', in the plan's year); [] for a target of one
        value, or when a clause says no year the target could be tracked by."""
        values = {m.group(1) for m in _VALUE.finditer(text)}
        if len(values) < 2:
            return []
        milestones = []
        for clause in text.split(";"):
            found = _VALUE.findall(clause)
            if not found:
                continue
            if len(found) > 1:
                return []
            milestone: dict[str, Any] = {"gia_tri": _number(found[0])}
            years = re.findall(r"\bnăm ((?:19|20)\d{2})\b", clause)
            period = _PERIOD.search(clause)
            year = years[-1] if years else (str(self.b.year) if self.b.year else None)
            if period and year:
                written = vn.lower_first(period.group(0))
                try:
                    milestone["thoi_han"] = Deadline.parse(f"{written}/{year}" if written.startswith("quý") else f"{written} {year}").text
                except ValueError:
                    return []
            elif years:
                milestone["nam"] = int(years[-1])
            else:
                return []
            milestones.append(milestone)
        return milestones

    def _check_labels(self, heading: Heading, levels: Levels) -> None:
        expected = levels.at(0)
        for child in heading.children:
            if isinstance(child, Heading) and _SCHEMES[child.kind] != expected:
                self.b.loose_guess(f"dòng {child.where}: số thứ tự '{child.label}' khác cách đánh số các mục cùng cấp; in theo '{expected}'")
                break


def _number(text: str) -> int | float:
    value = float(text.replace(",", "."))
    return int(value) if value.is_integer() else value


def _lift_paragraphs(heading: Heading) -> None:
    """A paragraph typed after a numbered target line ('2. Tỷ lệ … đạt 85%.' then 'Về
    chuyển đổi số:') is read as that line's child; it is the section's own, between its
    targets."""
    children: list[Heading | Para] = []
    for child in heading.children:
        children.append(child)
        if (isinstance(child, Heading) and child.kind == "number" and child.text.endswith((".", ";")) and child.children
                and all(isinstance(c, Para) and not c.mark for c in child.children)):
            children += child.children
            child.children = []
    heading.children = children
