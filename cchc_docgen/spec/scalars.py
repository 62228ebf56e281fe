"""Reading one YAML scalar as text, a number or a yes/no: the rules every value obeys.

The Converter (schema.py) walks mappings and lists and hands each scalar here. What holds
for every text field lives here once, so a field added later cannot forget it: no blank
(unless declared ``blank=True``), no character Word refuses or C1 control, a sentence
ending in ':' read back as text, a colon inside a list item explained with its column, and
a drafter's value cut to a readable length when a message echoes it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import yaml

from .. import lazy
from ..errors import Problem

# Characters refused in text, as a regular-expression class the JSON Schema reuses: what
# XML 1.0 forbids (Word would refuse the file), and DEL and the C1 controls, which YAML
# refuses when typed raw (so an escaped "\x80" is refused like a raw one; NEL, U+0085, is
# a YAML line break and stays allowed). Tab and line feed are allowed.
FORBIDDEN_CLASS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff"
# The marks the view puts around **đậm** and *nghiêng* (``vn.mark_emphasis``, turned into
# bold and italic runs by ``emphasis``): private-use characters no font draws. A text that
# holds one is refused, with its own message, so it is never taken for a mark nor dropped.
BOLD_START, BOLD_END, ITALIC_START, ITALIC_END = "\ue001", "\ue002", "\ue003", "\ue004"
RESERVED_CLASS = r"\ue001-\ue004"
_FORBIDDEN = re.compile(f"[{FORBIDDEN_CLASS}{RESERVED_CLASS}]")  # -- one search for both; told apart when found --
SHOWN_LENGTH = 80  # characters of a drafter's value echoed in a message


@lazy.compiled
def _sentence() -> re.Pattern[str]:
    """Two words with a space between: a key that is a sentence, not a mistyped key."""
    return re.compile(r"\S\s+\S")


def shown(text: str) -> str:
    """``text`` quoted for a message, cut to SHOWN_LENGTH characters: a 3 MB value must not
    make a 3 MB message."""
    if len(text) > SHOWN_LENGTH:
        return repr(text[: SHOWN_LENGTH - 1] + "…")
    return repr(text)



def _column_of(node: yaml.Node, text: str, index: int) -> int | None:
    """The column of ``text[index]`` where the file shows it as it is read: a value written
    plain on one line, spanning exactly its characters. Else None (the value's own column):
    in quotes, an escape such as "\\x0b" is not the character it stands for, and a batch
    table's cell is placed by its column's number, not by characters."""
    mark, end = node.start_mark, node.end_mark
    if getattr(node, "style", None) or mark.line != end.line or node.value != text or end.column - mark.column != len(text):
        return None
    return mark.column + 1 + index


class ScalarReader:
    """The scalar half of the Converter: text, numbers, yes/no, choices."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node, path: str, message: str, hint: str = "", column: int | None = None) -> None:
        mark = node.start_mark
        self.problems.append(Problem(message, path=path, line=mark.line + 1, column=column or mark.column + 1, hint=hint, file=self.file))

    # -- scalars --
    def _text(self, node: yaml.Node, path: str, expected: str, blank: bool = False) -> str | None:
        plain = not getattr(node, "style", None)  # plain scalars: style None (PyYAML) or "" (libyaml)
        if not isinstance(node, yaml.ScalarNode):
            colon = _sentence_with_colon(node)
            if isinstance(node, yaml.MappingNode) and not node.value and not blank:
                self._blank(node, path)
                return None
            if colon is None:
                if not self._colon_inside(node, path):
                    self.problem(node, path, f"cần {expected}, nhưng ở đây là {_kind(node)}.", _shape_hint(node))
                return None
            text = colon
        elif plain and node.tag.endswith(":null"):
            text = ""  # -- `~`, `null` or nothing: YAML's "no value", never the word itself --
        else:
            # -- an escaped "\r" would reach Word as a bare carriage return; it means a line break --
            text = unicodedata.normalize("NFC", node.value).replace("\r\n", "\n").replace("\r", "\n")
        bad = _FORBIDDEN.search(text)
        if bad and "\ud800" <= bad.group() <= "\udfff":
            # -- "\ud83d\ude00" (JSON's way to write one emoji) is one character; a lone half stays refused --
            text = text.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
            bad = _FORBIDDEN.search(text)
        if bad and BOLD_START <= bad.group() <= ITALIC_END:
            self.problem(
                node, path, f"nội dung có ký tự U+{ord(bad.group()):04X} (vùng dùng riêng, không phông chữ nào in ra) mà cchc_docgen dành để đánh dấu chữ đậm, chữ nghiêng.",
                "Xóa ký tự này (thường lẫn vào khi sao chép từ một phông chữ riêng); muốn in đậm hãy viết **chữ đậm**, in nghiêng *chữ nghiêng*.",
                column=_column_of(node, text, bad.start()),
            )
            return None
        if bad:
            self.problem(
                node, path, f"nội dung có ký tự điều khiển U+{ord(bad.group()):04X} mà Word không chấp nhận.",
                "Ký tự này thường lẫn vào khi sao chép từ Word hoặc PDF; hãy gõ lại đoạn đó.",
                column=_column_of(node, text, bad.start()),
            )
            return None
        if not blank and (not text or text.isspace()):
            self._blank(node, path)
            return None
        return text.strip() if plain else text

    def _blank(self, node: yaml.Node, path: str) -> None:
        if path.endswith("]"):
            self.problem(node, path, "phần tử trống trong danh sách.",
                         "Xóa dòng '-' không có nội dung, hoặc viết nội dung ngay sau dấu '- '.")
        else:
            name = path.rsplit(".", 1)[-1] or "giá trị"
            self.problem(node, path, f"'{name}' để trống.",
                         "Viết nội dung cần in; nếu không cần thì xóa cả dòng (khóa không bắt buộc có thể bỏ).")

    def _colon_inside(self, node: yaml.Node, path: str, keys: set[str] | frozenset[str] = frozenset()) -> bool:
        """'- Lưu ý: nội dung' is a one-key mapping to YAML; when the key is no key of the
        model, the drafter wrote a sentence: say where its colon is, and how to quote it."""
        if not isinstance(node, yaml.MappingNode) or len(node.value) != 1 or node.flow_style:
            return False  # -- braces are a mapping on purpose --
        key_node, value_node = node.value[0]
        if not isinstance(key_node, yaml.ScalarNode) or key_node.style or key_node.value in keys:
            return False
        if not (path.endswith("]") or _sentence().search(key_node.value)):
            return False  # -- outside a list, one word before ':' is a key put in the wrong place --
        if not isinstance(value_node, yaml.ScalarNode) or _is_null(value_node):
            return False
        self.problem(
            key_node, path, "dấu ':' ở giữa câu không nằm trong dấu nháy, nên YAML đọc câu thành một khóa.",
            f"Đặt cả câu trong dấu nháy kép, ví dụ: - \"{_cut(key_node.value, 30)}: {_cut(value_node.value, 30)}\"",
            column=key_node.end_mark.column + 1 if key_node.end_mark.line == key_node.start_mark.line else None,
        )
        return True

    def _int(self, node: yaml.Node, path: str) -> int | None:
        found = self._numeral(node, path, "một số nguyên", "một số nguyên dương", r"0*[0-9]{1,9}", "Ví dụ: so: 53", str.strip)
        if found is None:
            return None
        text, digits = found
        if int(digits) == 0:
            self.problem(node, path, f"số {shown(text)} không dùng được: số văn bản bắt đầu từ 1.", "Ví dụ: so: 53; dự thảo chưa có số thì bỏ khóa 'so'.")
            return None
        return int(digits)

    def _float(self, node: yaml.Node, path: str) -> float | None:
        found = self._numeral(node, path, "một số", "một số", r"-?[0-9]{1,12}(\.[0-9]{1,6})?", "Ví dụ: gia_tri: 85 hoặc gia_tri: 88,21",
                              lambda text: text.strip().replace(",", "."))  # fmt: skip
        return None if found is None else float(found[1])

    def _numeral(self, node: yaml.Node, path: str, kind: str, wanted: str, pattern: str, example: str,
                 clean: Callable[[str], str]) -> tuple[str, str] | None:  # fmt: skip
        """(the text as written, cleaned) when it reads as a number; otherwise the drafter is
        told what was found, with a hint for the digits Word and phones type (digit_hint)."""
        text = self._text(node, path, kind)
        if text is None:
            return None
        cleaned = clean(text)
        if not re.fullmatch(pattern, cleaned):
            self.problem(node, path, f"cần {wanted}, nhưng gặp {shown(text)}.", digit_hint(cleaned, example))
            return None
        return text, cleaned

    def _bool(self, node: yaml.Node, path: str) -> bool | None:
        text = self._text(node, path, "'co' hoặc 'khong'")
        if text is None:
            return None
        lowered = text.strip().lower()
        if lowered in TRUE_WORDS:
            return True
        if lowered in FALSE_WORDS:
            return False
        self.problem(node, path, f"cần 'co' hoặc 'khong', nhưng gặp {shown(text)}.", "Viết: co (có) hoặc khong (không).")
        return None

    def _literal(self, node: yaml.Node, choices: tuple[str, ...], path: str) -> str | None:
        text = self._text(node, path, "một giá trị trong danh sách")
        if text is None:
            return None
        if text in choices:
            return text
        import difflib  # -- only a value outside the choices needs it --

        close = difflib.get_close_matches(text, choices, n=1) if len(text) <= SHOWN_LENGTH else []
        hint = f"Có phải ý bạn là '{close[0]}'? " if close else ""
        self.problem(node, path, f"giá trị {shown(text)} không hợp lệ.", hint + "Chọn một trong: " + ", ".join(choices) + ".")
        return None


# The words a yes/no field takes, compared after lower-casing (so "Có", "YES" and "Off" too).
TRUE_WORDS = ("co", "có", "true", "yes", "on")
FALSE_WORDS = ("khong", "không", "false", "no", "off")


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def digit_hint(text: str, hint: str) -> str:
    """``hint``, led by a word on digits of another script (١٢, １２): they read as digits to
    the eye, not to the program."""
    if any(c.isdigit() and not c.isascii() for c in text):
        return "Chỉ dùng chữ số 0–9 thông thường (không dùng chữ số toàn khổ hay chữ số của chữ viết khác). " + hint
    return hint


def _sentence_with_colon(node: yaml.Node) -> str | None:
    """'- UBND huyện xây dựng kế hoạch như sau:' is YAML for a one-key mapping with no
    value. Drafters write such sentences all the time, so we read them back as text. The
    JSON Schema accepts the same shape (``schema_json``): a key holding a space, no value."""
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return None
    key_node, value_node = node.value[0]
    if not isinstance(key_node, yaml.ScalarNode) or not _is_null(value_node):
        return None
    if not _sentence().search(key_node.value):
        return None  # a single word is a mistyped key, not a sentence
    return unicodedata.normalize("NFC", key_node.value.strip()) + ":"


def _is_null(node: yaml.Node) -> bool:
    """YAML's "no value" (nothing, ``~``, ``null``), as an editor reads it too."""
    return isinstance(node, yaml.ScalarNode) and not node.style and node.tag.endswith(":null")


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "một nhóm khóa"
    if isinstance(node, yaml.SequenceNode):
        return "một danh sách"
    if node.tag.endswith(":null"):
        return "giá trị trống"
    return f"giá trị {shown(node.value)}"


def _shape_hint(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "Bỏ dấu '- ' ở đầu dòng nếu chỉ có một giá trị, hoặc kiểm tra thụt lề."
    if isinstance(node, yaml.MappingNode):
        return "Nếu nội dung có dấu ':', hãy đặt cả câu trong dấu nháy kép."
    return "Kiểm tra thụt lề: các khóa con phải thụt vào sâu hơn khóa cha."
