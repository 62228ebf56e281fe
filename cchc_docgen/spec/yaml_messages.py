"""PyYAML's problem texts, in the drafter's language.

The parser says what it found in English ("mapping values are not allowed here"); a drafter
reads Vietnamese. Each known text becomes a Vietnamese sentence and a hint on what to change;
an unknown one is never shown raw (a generic sentence stands in), so no English reaches a
message whatever PyYAML's version says.
"""

from __future__ import annotations

import re

_TAB = "YAML không cho dùng phím Tab để thụt lề; hãy thụt lề bằng dấu cách."
_QUOTE = "Dấu nháy mở chưa được đóng, hoặc trong câu có dấu nháy cùng loại; hãy dùng nháy đơn bên ngoài nếu câu có nháy kép."
_INDENT = "Thụt lề không khớp với các dòng phía trên; các khóa cùng cấp phải thẳng hàng."
_COLON = ("Dấu hai chấm ':' nằm giữa nội dung (hãy đặt cả câu trong dấu nháy kép, ví dụ: noi_dung: \"Lưu ý: ...\"), "
          "hoặc dòng này thụt lề lệch so với các khóa cùng cấp ở dòng trên.")  # fmt: skip
_ESCAPE = "Trong nháy kép, dấu '\\' mở đầu một mã thoát (\\n, \\t, \\\", \\\\, \\uXXXX); muốn in dấu '\\' thì viết '\\\\' hoặc dùng nháy đơn."
_NAME = "Tên sau '&' hoặc '*' chỉ gồm chữ không dấu, số, '-' và '_'."

# The parts of "expected X, but found Y" (PyYAML's token names).
_TOKENS = {
    "<block end>": "chỗ kết thúc khối thụt lề",
    "<block mapping start>": "một nhóm khóa mới",
    "<block sequence start>": "một danh sách mới",
    "<block entry>": "một dòng '-'",
    "<scalar>": "một giá trị",
    "<alias>": "một tham chiếu '*'",
    "<anchor>": "một tên neo '&'",
    "<tag>": "một thẻ '!'",
    "<stream end>": "cuối tệp",
    "<document start>": "đầu tài liệu '---'",
    "<document end>": "cuối tài liệu '...'",
    "<flow mapping start>": "dấu '{'",
    "<flow sequence start>": "dấu '['",
    "<flow mapping end>": "dấu '}'",
    "<flow sequence end>": "dấu ']'",
    "<flow entry>": "dấu ','",
    "<directive>": "một chỉ thị '%'",
    "?": "dấu '?'",
    ":": "dấu ':'",
    "-": "dấu '-'",
    ",": "dấu ','",
    "[": "dấu '['",
    "]": "dấu ']'",
    "{": "dấu '{'",
    "}": "dấu '}'",
}


def _token(text: str) -> str:
    text = text.strip().strip("'\"")
    return _TOKENS.get(text, f"'{text}'" if len(text) <= 3 else "một ký hiệu khác")


def _char(found: str) -> str:
    """A character PyYAML quotes with repr(): '\\t', '@', '`'."""
    inner = found.strip()[1:-1] if len(found.strip()) >= 2 else found
    names = {"\\t": "Tab", "\\n": "xuống dòng", " ": "dấu cách", "\\x00": "ký tự rỗng", "\\ufeff": "BOM"}
    return names.get(inner, f"'{inner}'")


# (pattern on PyYAML's problem text, Vietnamese message, hint); groups feed the message.
_RULES: tuple[tuple[str, str, str], ...] = (
    (r"mapping values are not allowed here", "dấu ':' ở vị trí này không hợp lệ", _COLON),
    (r"found character '\\t' that cannot start any token", "gặp phím Tab ở đầu một giá trị", _TAB),
    (r"found (?:a )?tab character", "gặp phím Tab trong phần thụt lề", _TAB),
    (r"found character (.+) that cannot start any token", "ký tự {c1} không được đứng đầu một giá trị",
     "Các ký tự @ ` % & * ! | > không được mở đầu một giá trị không có nháy; hãy đặt giá trị trong dấu nháy kép."),
    (r"could not find expected ':'", "không tìm thấy dấu ':' sau tên khóa",
     "Có thể thiếu dấu ':' sau tên khóa, hoặc một dòng nội dung bị xuống dòng sai thụt lề."),
    (r"found undefined alias '?([^']*)'?", "tham chiếu '*{g1}' chưa được khai báo", "Tên tham chiếu '*...' phải được khai báo bằng '&...' ở phía trên."),
    (r"found duplicate anchor|second occurrence", "tên neo '&' bị khai báo hai lần", "Mỗi tên neo '&...' chỉ khai báo một lần."),
    (r"found unexpected end of stream", "tệp kết thúc khi dấu nháy chưa đóng", "Dấu nháy mở chưa được đóng."),
    (r"found unexpected document separator", "gặp dòng '---' khi dấu nháy chưa đóng", _QUOTE),
    (r"found unknown escape character (.+)", "mã thoát '\\{c1r}' không có trong YAML", _ESCAPE),
    (r"expected escape sequence of (\d+) hexadecimal numbers", "mã thoát cần đủ {g1} chữ số hệ mười sáu", _ESCAPE),
    (r"found invalid Unicode character escape code", "mã thoát không phải một ký tự Unicode", _ESCAPE),
    (r"expected alphabetic or numeric character", "tên neo hoặc tham chiếu có ký tự không hợp lệ", _NAME),
    (r"expected a comment or a line break", "sau giá trị chỉ được có chú thích '#' hoặc xuống dòng",
     "Có thể một giá trị có nháy bị viết tiếp sau dấu nháy đóng; hãy đặt cả câu trong một cặp nháy."),
    (r"expected chomping or indentation indicators|expected indentation indicator", "sau '|' hoặc '>' có ký tự không hợp lệ",
     "Sau '|' hoặc '>' chỉ được viết '-', '+' hoặc một chữ số rồi xuống dòng."),
    (r"(?:block )?sequence entries are not allowed here", "dòng '-' không được đặt ở đây", "Các phần tử của danh sách (bắt đầu bằng '-') phải thẳng hàng với nhau."),
    (r"did not find expected '-' indicator", "thiếu dấu '-' của phần tử danh sách", "Các phần tử của danh sách (bắt đầu bằng '-') phải thẳng hàng với nhau."),
    (r"did not find expected key", "không tìm thấy khóa ở chỗ cần có khóa", _INDENT),
    (r"did not find expected node content|expected the node content", "thiếu giá trị ở chỗ này", "Kiểm tra dấu ',' thừa, dấu '-' hoặc ':' không có giá trị theo sau."),
    (r"expected ',' or '\]'", "thiếu dấu ',' hoặc ']' trong danh sách viết trong ngoặc vuông", "Danh sách trong '[ ]' phân cách bằng dấu phẩy; câu có dấu phẩy thì đặt trong nháy kép."),
    (r"expected ',' or '\}'", "thiếu dấu ',' hoặc '}}' trong nhóm viết trong ngoặc nhọn", "Nhóm trong '{ }' phân cách bằng dấu phẩy; câu có dấu phẩy hoặc ':' thì đặt trong nháy kép."),
    (r"expected a single document|but found another document", "tệp có nhiều hơn một tài liệu YAML (dòng '---')", "Một tệp đặc tả chỉ chứa một kế hoạch; xóa dòng '---' thừa."),
    (r"expected (.+?), but found (.+)", "cấu trúc không khớp: cần {t1}, nhưng gặp {t2}", _INDENT),
    (r"found undefined tag handle|found duplicate tag handle|found (?:duplicate|incompatible) YAML", "chỉ thị '%' hoặc thẻ '!' không hợp lệ",
     "Đặc tả không dùng chỉ thị '%' hay thẻ '!'; xóa chúng."),
    (r"unacceptable character", "tệp có ký tự điều khiển không in được", "Tệp có ký tự điều khiển không in được (thường do sao chép từ Word); hãy xóa ký tự đó."),
)  # fmt: skip
_COMPILED = tuple((re.compile(pattern), message, hint) for pattern, message, hint in _RULES)
_FALLBACK = ("cấu trúc không đọc được", "Kiểm tra thụt lề và dấu nháy ở dòng này và dòng ngay trên.")


def translate(problem: str, context: str = "") -> tuple[str, str]:
    """(message, hint) in Vietnamese for PyYAML's ``problem`` (and ``context``) text."""
    for text in (problem, context):
        for pattern, message, hint in _COMPILED:
            match = pattern.search(text or "")
            if match:
                groups = match.groups()
                fields = {f"g{i}": g for i, g in enumerate(groups, 1)}
                fields |= {f"t{i}": _token(g or "") for i, g in enumerate(groups, 1)}
                fields |= {f"c{i}": _char(g or "") for i, g in enumerate(groups, 1)}
                fields |= {f"c{i}r": (g or "").strip("'\"") for i, g in enumerate(groups, 1)}
                return message.format(**fields), hint  # (a literal brace in a message is doubled)
    return _FALLBACK
