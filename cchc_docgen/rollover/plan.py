"""Roll a specification over to a later period: read → check it loads → decide the shift →
the two-tier reform → move what names the period → clear the number into a draft → the new
text, checked to load, with the notes the drafter reviews.

What moves: ``ke_hoach.ky``; every deadline (``thoi_han``); the issue date, kept as a draft's
month/year; the years of titles and running text that name the period (rules in years.py).
What stays exactly as written: ``co_quan_ban_hanh`` (except a commune's former district
parent line), every ``can_cu``, ``de_nghi``, ``nguoi_ky``, ``luu``, codes and values.

A plan of several years (2021-2025) moves by at least its own length: rolled by one year it
would overlap the period it replaces, which no real plan does, so that is refused with the
shift that reaches the next period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import Problem, SpecError
from ..spec import derive, validate
from ..spec.loader import parse_nodes
from ..spec.values import Deadline, VnDate
from . import year_words
from . import years as rules
from .source import Path_, Source, child, entries, walk

REVIEW = "cần xem"  # -- a year left as written: the drafter decides --
NOTE = "ghi chú"  # -- what the roll-over changed beyond moving years --

DOCUMENTS = ("quyet_dinh", "ke_hoach")
# -- values that are codes, numbers or choices, never running text --
CODE_KEYS = {
    "cap", "viet_tat", "ma", "chu_tri", "phoi_hop", "gom", "cot", "che_do", "liet_ke", "danh_so_con", "tien_to",
    "du_thao", "ngay_day_du", "noi_bo", "hinh_thuc", "tham_quyen", "co_quan_theo_doi", "nhu_dieu_cuoi", "quyen",
    "do_mat", "do_khan", "ky_hieu", "gia_tri", "don_vi", "loai", "mau",
    "danh_so", "so_thu_tu", "ket_can_cu", "de_nghi_mo_dau", "dau_noi",
}  # fmt: skip
# -- history and people: kept exactly as written, their years not listed --
KEPT_KEYS = {"co_quan_ban_hanh", "can_cu", "de_nghi", "nguoi_ky", "luu"}
# -- the same words the VB-CAP-TREN rule looks for in a parent line --
_DISTRICT_WORDS = re.compile(r"\b(?:huyện|quận|thị\s+xã)\b")
_COMMUNE_LEVELS = {"xa", "phuong", "dac_khu"}
_LAST_DISTRICT_YEAR = 2025


@dataclass(frozen=True)
class RollResult:
    """The rolled specification's text and what the drafter should read about it."""

    text: str
    notes: tuple[Problem, ...]
    old_period: tuple[int, int]
    period: tuple[int, int]
    deadlines_moved: int
    years_moved: int

    def summary(self) -> str:
        """One line for the drafter: what moved, and how many years wait for their review."""
        def shown(period: tuple[int, int]) -> str:
            return str(period[0]) if period[0] == period[1] else f"{period[0]}-{period[1]}"

        review = f"; {len(self.years_kept)} năm giữ nguyên, cần xem lại (ở trên)" if self.years_kept else ""
        return (f"Đã chuyển kế hoạch từ kỳ {shown(self.old_period)} sang kỳ {shown(self.period)}: "
                f"{self.deadlines_moved} thời hạn, {self.years_moved} năm trong nội dung{review}. "
                "Bản mới là dự thảo: khi ký ban hành, ghi số và ngày đầy đủ.")

    @property
    def years_kept(self) -> tuple[Problem, ...]:
        """The years of free text left as written, each with its place in the new text."""
        return tuple(note for note in self.notes if note.rule == "KY-NAM-GIU")


def roll_text(text: str | bytes, name: str = "<đặc tả>", *, to: int | None = None, by: int | None = None,
              folder: Path | None = None, out_name: str | None = None) -> RollResult:
    """The specification ``text`` moved to the period starting ``to`` (or ``by`` years later).

    Raises SpecError (nothing to write) when the text is not a specification that loads, when
    the shift is not forward or would overlap a multi-year period, and across the 2025 reform
    for a district's plan. Notes name ``out_name`` (default ``name``) with lines of the new text.
    """
    raw = text.encode("utf-8") if isinstance(text, str) else text
    spec = validate.validate_nodes(parse_nodes(raw, name), name, folder)  # -- loads, or every problem in Vietnamese --
    decoded = raw.decode("utf-8-sig")
    root = yaml.compose(decoded, Loader=yaml.SafeLoader)  # -- character offsets for the edits --
    old = derive.plan_years(spec)
    shift = _shift(old, to, by, root, name)
    roller = Roller(Source(decoded), old, shift, name, out_name or name)
    roller.two_tier(root, spec.issuer.level)
    roller.documents(root, issuing="quyet_dinh" if spec.decision is not None else "ke_hoach")
    roller.body(root)
    new_text = roller.source.result()
    validate.parse_spec(new_text, out_name or name, folder)  # -- a roll-over that breaks the spec is our bug: raises --
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    return RollResult(bom + new_text, roller.notes(new_text), old, (old[0] + shift, old[1] + shift), roller.deadlines, roller.moved)


def _shift(old: tuple[int, int], to: int | None, by: int | None, root: yaml.Node, name: str) -> int:
    if (to is None) == (by is None):
        raise TypeError("roll: give exactly one of to= (the new first year) or by= (years to move)")
    shift = (to - old[0]) if to is not None else by
    assert shift is not None
    place = child(child(root, "ke_hoach")[1] if child(root, "ke_hoach") else None, "ky")
    line, column = (place[1].start_mark.line + 1, place[1].start_mark.column + 1) if place else (0, 0)
    length = old[1] - old[0] + 1
    shown = f"{old[0]}" if length == 1 else f"{old[0]}-{old[1]}"
    if shift < 1:
        raise SpecError([Problem(
            f"kỳ mới ({old[0] + shift}) không sau kỳ hiện tại ({shown}); lệnh roll chỉ chuyển kế hoạch sang kỳ sau.",
            path="ke_hoach.ky", file=name, line=line, column=column,
            hint=f"Dùng --nam {old[1] + 1} (năm đầu của kỳ mới) hoặc --them 1.")])
    if old[0] + shift + length - 1 > 2100:
        raise SpecError([Problem("kỳ mới vượt quá năm 2100.", path="ke_hoach.ky", file=name, line=line, column=column, hint="Chọn năm nhỏ hơn.")])
    if shift < length:
        raise SpecError([Problem(
            f"kế hoạch giai đoạn {shown} kéo dài {length} năm; chuyển {shift} năm thì kỳ mới "
            f"({old[0] + shift}-{old[1] + shift}) chồng lên kỳ cũ.",
            path="ke_hoach.ky", file=name, line=line, column=column,
            hint=f"Chuyển sang giai đoạn tiếp theo: --them {length} (giai đoạn {old[1] + 1}-{old[1] + length}), hoặc --nam {old[1] + 1}.")])
    return shift


class Roller:
    def __init__(self, source: Source, old: tuple[int, int], shift: int, name: str, out_name: str):
        self.source, self.old, self.shift, self.name, self.out_name = source, old, shift, name, out_name
        self.new = (old[0] + shift, old[1] + shift)
        self.deadlines = self.moved = 0
        self._notes: list[tuple[int, Problem]] = []  # -- (offset in the original text, note without a place) --

    # -- the 2025 two-tier reform --

    def two_tier(self, root: yaml.Node, level: str) -> None:
        if self.new[1] <= _LAST_DISTRICT_YEAR:
            return
        issuer = child(root, "co_quan_ban_hanh")
        assert issuer is not None
        if level in derive.DISTRICT_TIER:
            cap = child(issuer[1], "cap")
            mark = cap[1].start_mark if cap else issuer[0].start_mark
            raise SpecError([Problem(
                f"đây là kế hoạch của cấp huyện ({level}); từ 01/7/2025 không còn cấp huyện, nên không chuyển sang kỳ "
                f"{self._shown(self.new)} được.",
                path="co_quan_ban_hanh.cap", file=self.name, line=mark.line + 1, column=mark.column + 1,
                hint="Lập kế hoạch cho xã, phường mới: sửa co_quan_ban_hanh (cap: xa hoặc phuong, dia_ban: tên mới, bỏ cap_tren) "
                     f"rồi chạy lại lệnh roll; hoặc chọn kỳ không quá năm {_LAST_DISTRICT_YEAR} (--nam {_LAST_DISTRICT_YEAR}).")])
        if level in _COMMUNE_LEVELS:
            self._district_recipients(root)
        parent = child(issuer[1], "cap_tren")
        if parent is None:
            return
        key, value = parent
        _block(issuer[1], "co_quan_ban_hanh", self.name)
        lines = value.value if isinstance(value, yaml.SequenceNode) else [value]
        former = [line for line in lines if isinstance(line, yaml.ScalarNode) and _DISTRICT_WORDS.search(line.value.casefold())]
        if not former:
            return
        if level not in _COMMUNE_LEVELS:
            mark = former[0].start_mark
            raise SpecError([Problem(
                f"dòng cơ quan chủ quản {former[0].value!r} nêu một đơn vị cấp huyện, không còn từ 01/7/2025; không chuyển sang kỳ "
                f"{self._shown(self.new)} được.",
                path="co_quan_ban_hanh.cap_tren", file=self.name, line=mark.line + 1, column=mark.column + 1,
                hint="Sửa cap_tren thành cơ quan chủ quản mới (ví dụ UBND XÃ … hoặc UBND TỈNH …) rồi chạy lại lệnh roll.")])
        kept = [line for line in lines if line not in former]
        if not kept or isinstance(value, yaml.ScalarNode):
            self.source.replace(*self.source.line_span(key, value), "")
        elif value.flow_style:
            written = [self.source.text[n.start_mark.index : n.end_mark.index] for n in kept]
            self.source.replace(value.start_mark.index, value.end_mark.index, "[" + ", ".join(written) + "]")
        else:
            for line in former:
                start = self.source.text.rfind("\n", 0, line.start_mark.index) + 1
                end = self.source.text.find("\n", line.end_mark.index)
                self.source.replace(start, len(self.source.text) if end < 0 else end + 1, "")
        for line in former:
            self.note(key.start_mark.index, "KY-CAP-TREN", NOTE, "co_quan_ban_hanh.cap_tren",
                       f"đã bỏ dòng cơ quan chủ quản {line.value!r} (dòng {line.start_mark.line + 1} của {self.name}): "
                       "từ 01/7/2025 xã, phường, đặc khu trực thuộc tỉnh, không còn cấp huyện.",
                       "Ủy ban nhân dân cấp xã không ghi cơ quan chủ quản; nếu cần, ghi tên tỉnh, ví dụ cap_tren: [UBND TỈNH …].")

    def _district_recipients(self, root: yaml.Node) -> None:
        """A commune's recipients that name a district ('UBND huyện (b/c)'): listed, not guessed at."""
        for name in DOCUMENTS:
            found = child(child(root, name)[1] if child(root, name) else None, "noi_nhan")
            if found is None:
                continue
            for path, node in walk(found[1], (name, "noi_nhan")):
                if isinstance(node, yaml.ScalarNode) and _DISTRICT_WORDS.search(node.value.casefold()):
                    self.note(node.start_mark.index, "KY-CAP-HUYEN", REVIEW, _dotted(path),
                               f"nơi nhận {node.value!r} nêu một đơn vị cấp huyện, không còn từ 01/7/2025; giữ nguyên.",
                               "Sửa thành cơ quan nhận mới (ví dụ UBND tỉnh, Sở Nội vụ) hoặc bỏ dòng này.")

    # -- number, date and draft mark of the documents --

    def documents(self, root: yaml.Node, issuing: str) -> None:
        for name in DOCUMENTS:
            found = child(root, name)
            if found is None or not isinstance(found[1], yaml.MappingNode):
                continue
            document = found[1]
            _block(document, name, self.name)
            number, date, draft = child(document, "so"), child(document, "ngay"), child(document, "du_thao")
            if date is not None and isinstance(date[1], yaml.ScalarNode):
                self.date(name, date[1])
            mark_draft = name == issuing and (draft is None or draft[1].value.strip().lower() != "co")
            if draft is not None and mark_draft:
                self.source.set_scalar(draft[1], "co")
            if number is not None:
                start, end = self.source.line_span(*number)
                indent = " " * number[0].start_mark.column
                comment = self.source.comment_after(number[1])
                newline = self.source.newline
                kept = f"{indent}{comment}{newline}" if comment else ""
                self.source.replace(start, end, kept + (f"{indent}du_thao: co{newline}" if mark_draft and draft is None else ""))
                self.note(start, "KY-DU-THAO", NOTE, f"{name}.so",
                           f"đã bỏ số văn bản {number[1].value} của kỳ cũ: bản mới là dự thảo (du_thao: co), chưa lấy số.",
                           "Khi ký ban hành: ghi 'so' và ngày đầy đủ, đặt du_thao: khong.")
            elif mark_draft and draft is None:
                before = (date or next(((k, v) for _, k, v in entries(document)), None))
                if before is not None:
                    start = self.source.text.rfind("\n", 0, before[0].start_mark.index) + 1
                    self.source.replace(start, start, " " * before[0].start_mark.column + "du_thao: co" + self.source.newline)

    def date(self, name: str, node: yaml.ScalarNode) -> None:
        value = node.value.strip()
        date = VnDate.parse(value)
        iso = re.fullmatch(r"\d{4}-(\d{1,2})-\d{1,2}", value)
        written = re.fullmatch(r"(?:\d{1,2}\s*/\s*)?(\d{1,2})\s*/\s*\d{4}", value)
        month = iso.group(1) if iso else (written.group(1) if written else None)
        new = f"{month}/{date.year + self.shift}" if month else f"{date.year + self.shift}"
        self.source.set_scalar(node, new)
        if date.day is not None:
            self.note(node.start_mark.index, "KY-DU-THAO", NOTE, f"{name}.ngay",
                       f"ngày ban hành {value} của kỳ cũ thành {new}: dự thảo chỉ ghi tháng/năm.",
                       f"Khi ký ban hành, ghi ngày đầy đủ (ngày/tháng/năm), ví dụ 15/{new}.")

    # -- the body: period, deadlines, running text --

    def body(self, root: yaml.Node) -> None:
        for path, node in walk(root):
            if isinstance(node, yaml.ScalarNode) and path:
                self.scalar(node, path)

    def scalar(self, node: yaml.ScalarNode, path: Path_) -> None:
        """One value at ``path`` moved by what it is there (a batch table's cell goes the same way)."""
        role = _role(path)
        if role == "period":
            self._years(node, rules.shift_all(node.value, self.shift), path)
        elif role == "deadline":
            self._deadline(node, path)
        elif role == "year":
            self._years(node, rules.shift_year(node.value, self.old, self.shift), path)
        elif role == "name":
            self._years(node, rules.shift_in_period(node.value, self.old, self.shift), path)
        elif role == "text":
            self._years(node, rules.shift_free_text(node.value, self.old, self.shift), path)
            self._words(node, path)

    def _deadline(self, node: yaml.ScalarNode, path: Path_) -> None:
        try:
            deadline = Deadline.parse(node.value)
        except ValueError:
            self._years(node, rules.shift_free_text(node.value, self.old, self.shift), path)
            return
        if deadline.start is None:
            return  # -- "thường xuyên", "hằng quý": no year --
        self.deadlines += 1
        full = re.fullmatch(r"\s*(\d{1,2})(\s*/\s*)(\d{1,2})(\s*/\s*)(\d{4})\s*", node.value)
        if full and "\n" not in node.value:
            day, month, year = int(full.group(1)), int(full.group(3)), int(full.group(5)) + self.shift
            new_day, _ = rules.shifted_date(day, month, year)
            if new_day != day:
                new = f"{new_day}{full.group(2)}{full.group(3)}{full.group(4)}{year}"
                self.source.set_scalar(node, new)
                self.note(node.start_mark.index, "KY-THOI-HAN", NOTE, _dotted(path),
                           f"thời hạn {node.value.strip()} thành {new}: năm {year} không có ngày {day}/{month}.", "Xem lại thời hạn này.")
                return
        self._years(node, rules.shift_all(node.value, self.shift), path, count=False)

    def _years(self, node: yaml.ScalarNode, shifted: rules.Shifted, path: Path_, *, count: bool = True) -> None:
        if shifted.moved and not self.source.set_years(node, shifted.moved):
            self.note(node.start_mark.index, "KY-NAM-GIU", REVIEW, _dotted(path),
                       "không sửa được năm trong chuỗi này (có ký tự thoát '\\'); giữ nguyên.", "Sửa năm bằng tay.")
            return
        if count:
            self.moved += len(shifted.moved)
        positions = self.source.year_positions(node)
        for kept in shifted.kept:
            offset = positions[kept.index] if kept.index < len(positions) else node.start_mark.index
            self.note(offset, "KY-NAM-GIU", REVIEW, _dotted(path),
                       f"giữ nguyên năm {kept.year}: {kept.reason}.",
                       f"Xem lại: nếu năm này nói về kỳ kế hoạch thì sửa thành {kept.year + self.shift}.")

    def _words(self, node: yaml.ScalarNode, path: Path_) -> None:
        """Years written in words ('năm hai nghìn không trăm hai mươi sáu'), by the rules of
        years written in digits, spelt again in the drafter's wording (year_words)."""
        found = year_words.find(node.value)
        if not found:
            return
        cited = rules.citation_spans(node.value)
        start = node.start_mark.index
        written, cursor = self.source.text[start : node.end_mark.index], 0
        for item in found:
            phrase = node.value[item.start : item.end]
            # -- in the file the words may wrap over lines (a plain scalar folds them back into one space) --
            place = re.compile(r"\s+".join(re.escape(word) for word in phrase.split())).search(written, cursor)
            offset = start + (place.start() if place else 0)
            cursor = place.end() if place else cursor
            first, last = self.old
            reason = (rules.KEPT_CITATION if rules.inside(item.start, cited) else rules.KEPT_BEFORE if item.year < first
                      else rules.KEPT_AFTER if item.year > last else "")  # fmt: skip
            new = year_words.spell(item.year + self.shift, item.style)
            if reason:
                self.note(offset, "KY-NAM-GIU", REVIEW, _dotted(path), f"giữ nguyên năm {phrase!r} ({item.year}): {reason}.",
                           f"Xem lại: nếu năm này nói về kỳ kế hoạch thì sửa thành '{new}'.")
                continue
            if place is None:  # -- an escape ('\\') among the words of a double-quoted string --
                self.note(offset, "KY-NAM-GIU", REVIEW, _dotted(path), f"không sửa được năm viết bằng chữ {phrase!r} trong chuỗi này; giữ nguyên.",
                           f"Sửa bằng tay thành '{new}'.")
                continue
            gaps = re.findall(r"\s+", place.group(0))  # -- the drafter's own line breaks stay where they were --
            words = new.split()
            self.source.replace(place.start() + start, place.end() + start,
                                words[0] + "".join((gaps[i] if i < len(gaps) else " ") + word for i, word in enumerate(words[1:])))
            self.moved += 1

    # -- notes --

    def note(self, offset: int, rule: str, severity: str, path: str, message: str, hint: str) -> None:
        self._notes.append((offset, Problem(message, path=path, hint=hint, severity=severity, rule=rule, file=self.out_name)))

    def notes(self, new_text: str) -> tuple[Problem, ...]:
        placed = []
        for offset, note in sorted(self._notes, key=lambda item: item[0]):
            moved = self.source.moved_offset(offset)
            line_start = new_text.rfind("\n", 0, moved) + 1
            line = new_text.count("\n", 0, moved) + 1
            placed.append(Problem(note.message, note.path, line, moved - line_start + 1, note.hint, note.severity, note.rule, note.file))
        return tuple(placed)

    @staticmethod
    def _shown(period: tuple[int, int]) -> str:
        return str(period[0]) if period[0] == period[1] else f"{period[0]}-{period[1]}"


def _block(node: yaml.MappingNode, name: str, file: str) -> None:
    """Lines are removed and added only in a block mapping; a flow one ({so: 5, ngay: …}) is refused."""
    if node.flow_style:
        raise SpecError([Problem(
            f"'{name}' viết trên một dòng trong dấu {{ }}; lệnh roll chỉ sửa được dạng mỗi khóa một dòng.",
            path=name, file=file, line=node.start_mark.line + 1, column=node.start_mark.column + 1,
            hint=f"Viết lại '{name}' mỗi khóa một dòng (ví dụ '  so: 5' trên dòng riêng) rồi chạy lại.")])


def _role(path: Path_) -> str:
    """What a scalar at ``path`` is to the roll-over: period, deadline, text, or kept."""
    keys = [part for part in path if isinstance(part, str)]
    if keys[0] in KEPT_KEYS or any(key in KEPT_KEYS for key in keys):
        return "kept"
    if len(path) == 2 and path[0] in DOCUMENTS and path[1] in ("so", "ngay", "du_thao"):
        return "kept"  # -- documents() handles them --
    if path == ("ke_hoach", "ky"):
        return "period"
    if path[-1] == "thoi_han" and "ten_cot" not in keys:
        return "deadline"
    last = keys[-1]
    if last == "ten_tep":
        return "name"
    if path[-1] == "nam" and "moc" in keys:
        return "year"  # -- a target's milestone year (moc: [{nam: 2025, gia_tri: 80}]) --
    if path[-1] == "nhiem_vu":
        return "kept"  # -- nhiem_vu: co (the section prints its tasks); a list of body tasks is text --
    if last in ("linh_vuc", "co_quan"):
        return "text" if len(path) == 2 and path[0] == last else "kept"  # -- names at the top, codes below --
    if last in CODE_KEYS:
        return "kept"
    return "text"


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
