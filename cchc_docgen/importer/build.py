"""Step 3: turn what was recognised into a specification in the project's keys.

Every value the importer infers rather than reads word for word is wrapped in Guess, so
the YAML step writes '# đoán: …' beside it. Text is carried over as written: a render of
the result must give back the document it came from.

The Builder holds what the parts share (the agencies and areas declared so far, the
guesses and notes) and builds the plan; the header and closing blocks (frame), the
decision and the appendix tables have their own modules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..spec.model import REFORM_AREAS
from .agencies import Agencies, Place
from .appendix import appendices
from .decision import decision, legal
from .frame import closing_fields, header_fields, issuer
from .recognise import Header, Para, PlanPart, Recognised
from .sections import SectionBuilder
from .values import Guess, fold, key_of


@dataclass
class Built:
    spec: dict[str, Any]
    guesses: list[str] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    loose: list[str] = field(default_factory=list)


class Builder:
    def __init__(self, recognised: Recognised):
        self.r = recognised
        self.notes = list(recognised.notes)
        self.guesses: list[str] = []
        self.loose: list[str] = []  # guesses with no single value to mark: listed at the end
        self.agencies = Agencies()
        self.areas: dict[str, str] = {}
        self.abbreviation = "UBND"
        self.year: int | None = None  # -- the plan's year, when its title names one --

    def guess(self, value: Any, note: str) -> Guess:
        self.guesses.append(note)
        return Guess(value, note)

    def loose_guess(self, note: str) -> None:
        """A guess about the whole (numbering, a default added) rather than one value."""
        self.guesses.append(note)
        self.loose.append(note)

    def agency(self, name: str, place: Place = "body") -> str:
        """The id of the agency ``name``; ``place``: the appendix table prints short names."""
        return self.agencies.id_for(name, place)

    def area(self, title: str) -> str:
        folded = fold(title)
        for key, default in {**REFORM_AREAS, **self.areas}.items():
            if fold(default) == folded:
                return key
        for key, default in REFORM_AREAS.items():
            if fold(default) in folded or folded in fold(default):
                self.areas[key] = title
                return key
        key = key_of(title, {**REFORM_AREAS, **self.areas})
        self.areas[key] = title
        return key

    def run(self) -> Built:
        r = self.r
        header = r.decision.header if r.decision else (r.plan.header or Header())
        spec: dict[str, Any] = {"co_quan_ban_hanh": issuer(self, header)}
        tasks, entries = appendices(self, r.plan)
        plan = self.plan(r.plan, r.decision is not None)
        if entries:
            plan["phu_luc"] = entries
        if tasks:
            spec["nhiem_vu"] = tasks
        if r.decision is not None:
            spec["quyet_dinh"] = decision(self, r.decision, plan)
        spec["ke_hoach"] = plan
        pairing = self.agencies.pair_short_names()
        self.guesses.extend(guess.note for guess in self.agencies.short_names.values())
        spec = pairing.apply(spec) if pairing else spec
        ordered: dict[str, Any] = {"co_quan_ban_hanh": spec.pop("co_quan_ban_hanh")}
        if self.agencies:
            ordered["co_quan"] = self.agencies.declared()
        if self.areas:
            ordered["linh_vuc"] = self.areas
        return Built(ordered | spec, self.guesses, self.notes, self.loose)

    def plan(self, part: PlanPart, attached: bool) -> dict[str, Any]:
        result: dict[str, Any] = {}
        title = " ".join(part.title).strip()
        if title.isupper():
            cased = self.sentence_case(title)
            result["trich_yeu"] = self.guess(cased, f"trích yếu gõ in hoa '{title}': chuyển về chữ thường, giữ hoa tên riêng có trong văn bản")
            title = cased
        else:
            result["trich_yeu"] = title or self.guess("Cải cách hành chính", "không thấy trích yếu của kế hoạch")
        years = sorted({int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", title)})
        if len(years) == 1:
            self.year = years[0]
        if years:
            result["ky"] = years[0] if len(years) == 1 else self.guess(f"{years[0]}-{years[-1]}", "kỳ kế hoạch suy từ các năm trong trích yếu")
        if not attached:
            header_fields(self, part.header or Header(), "Kế hoạch", result)
            if "ngay" not in result:
                year = str(years[0]) if years else "2025"
                result["ngay"] = self.guess(year, "bản gốc không có ngày ban hành: chỉ ghi năm, hãy điền ngày")
        body = list(part.body)
        bases: list[Any] = []
        opening: list[str] = []
        while body and isinstance(body[0], Para):
            node = body.pop(0)
            text = node.text if not node.mark else f"{node.mark} {node.text}"
            if not opening and node.text.startswith(("Căn cứ ", "Thực hiện ")) and " số " in node.text and not node.text.endswith(":"):
                bases.append(legal(node.text))
            else:
                opening.append(text)
        if part.attached and not attached:
            # -- a plan issued 'kèm theo' a decision that is not in this file: keep the line as written --
            opening.insert(0, part.attached)
            self.loose_guess("dòng '(Ban hành kèm theo …)' mà không có quyết định trong tệp: giữ nguyên văn ở đầu mo_dau")
        if bases:
            result["can_cu"] = bases
        if opening:
            result["mo_dau"] = opening
        builder = SectionBuilder(self)
        sections, ending = builder.top(body)
        if builder.plan_numbering:
            result["danh_so"] = builder.plan_numbering
        result["noi_dung"] = sections
        if ending:
            ending[-1] = re.sub(r"\s*\./\.$", ".", ending[-1])
            result["ket_luan"] = ending
        else:
            self.loose_guess("không thấy đoạn kết 'Trên đây là…': chương trình thêm đoạn kết mặc định")
        if attached and (part.closing.recipients or part.closing.signature):
            self.notes.append((part.closing.signature.where if part.closing.signature else 0,
                               "kế hoạch kèm quyết định có nơi nhận/người ký riêng: không giữ (lấy từ quyết định)"))
        elif not attached:
            closing_fields(self, part.closing, result, first_recipient=False)
            result.pop("nhu_dieu_cuoi", None)
        return result

    def sentence_case(self, text: str) -> str:
        """'CẢI CÁCH … HUYỆN TÂN UYÊN' → 'Cải cách … huyện Tân Uyên': a word keeps its capital
        where the rest of the document writes it so in mid-sentence."""
        capital: dict[str, int] = {}
        for body in self.r.texts:
            words = body.split()
            for word in words[1:]:
                bare = word.strip(",.;:()“”\"")
                if bare:
                    capital[bare.lower()] = capital.get(bare.lower(), 0) + (1 if bare[0].isupper() else -1)
        out = []
        for index, word in enumerate(text.lower().split()):
            keep = capital.get(word.strip(",.;:()“”\""), 0) > 0
            out.append(word.capitalize() if index == 0 or keep else word)
        return " ".join(out)
