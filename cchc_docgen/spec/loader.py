"""Read a YAML specification into a tree of marked nodes, safely.

We only *compose* the YAML (build nodes), never *construct* Python objects from it: no
tag can run code, every scalar stays text until the model gives it a type (so `08` is not
an octal number and `no` is not False), and every node keeps its line and column for the
drafter's messages. Limits stop absurd inputs before they cost memory.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml

from .. import files
from ..errors import Problem, SpecError

T = TypeVar("T")

MAX_BYTES = 5 * 1024 * 1024  # a real plan is 20–100 kB; 5 MB leaves room for 10,000 tasks
MAX_NODES = 500_000  # counted with aliases expanded, so a "billion laughs" stops here
MAX_DEPTH = 60
# Characters of text once every alias '*' is expanded. A file's own text is at most
# MAX_BYTES; twice that leaves room for aliases a drafter uses on purpose (a recipient list
# or a name repeated), while a scalar of 1 MB aliased a thousand times (a gigabyte to
# normalise, check and render; it took 30 s and 3.9 GB) is refused before any of it is read.
MAX_EXPANDED_CHARS = 10_000_000

STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:merge",
}

def read_nodes(path: Path) -> yaml.Node:
    """Return the root node of the file, or raise SpecError naming the file and line."""
    name = str(path)
    try:
        # -- opened without blocking and checked before any read: a FIFO would wait forever for a
        # writer, /dev/zero never ends, a directory is not a specification --
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            kind = files.special_kind(os.fstat(handle.fileno()).st_mode)
            if kind:
                raise SpecError([Problem(
                    f"không đọc được tệp (đây là {kind}, không phải tệp).",
                    file=name, hint="Chỉ định một tệp đặc tả .yaml thông thường.",
                )])
            # -- read at most one byte past the limit: a growing file cannot eat memory --
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise SpecError([Problem(f"không đọc được tệp ({files.read_reason(exc)}).", file=name, hint="Kiểm tra đường dẫn tệp đặc tả.")]) from exc
    return parse_nodes(raw, name)


def parse_nodes(raw: bytes, name: str) -> yaml.Node:
    """Compose ``raw`` into nodes within the limits, or raise SpecError with every place."""
    if len(raw) > MAX_BYTES:
        raise SpecError([Problem(
            f"tệp quá lớn (hơn {MAX_BYTES // (1024 * 1024)} MB).",
            file=name,
            hint="Một kế hoạch thực tế chỉ vài chục kB; kiểm tra xem có chọn nhầm tệp không.",
        )])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", errors="replace")) + 1
        raise SpecError([Problem(
            f"tệp không phải văn bản UTF-8 (byte 0x{raw[exc.start]:02X} không đọc được).",
            file=name, line=line, column=column,
            hint="Lưu lại tệp với bảng mã UTF-8 (trong Notepad: Save As → Encoding: UTF-8).",
        )]) from exc
    try:
        root = _compose(text, raw, name)
    except yaml.reader.ReaderError as exc:  # a raw control character: the reader gives a position, not a mark
        raise SpecError([_reader_problem(exc, text, name)]) from exc
    except yaml.YAMLError as exc:
        raise SpecError([_syntax_problem(exc, name)]) from exc
    except (ValueError, OverflowError) as exc:  # -- PyYAML's chr() on an escape beyond Unicode ("\U00110000", "\U80000000") --
        raise SpecError([_escape_problem(text, name)]) from exc
    except RecursionError:
        # -- PyYAML composes recursively; find the place with its iterative parser instead --
        raise SpecError([_too_deep(text, name)]) from None
    if root is None:
        raise SpecError([Problem("tệp đặc tả trống.", file=name, line=1, column=1, hint="Bắt đầu từ examples/ hoặc plan_specs/.")])
    problems: list[Problem] = []
    _check_limits(root, name, problems)
    if problems:
        raise SpecError(problems)
    return root


# libyaml composes about ten times faster than PyYAML's Python parser, but recursively in C:
# a file nested a few thousand levels deep would crash the process instead of raising
# (measured: 2,000 levels pass and 4,000 crash in a thread with a 1 MB stack; 120,000 pass
# with 64 MB). A cheap bound on the depth decides how to compose safely:
# - up to SAFE_NESTING (every seed plan: about 200), on the caller's stack;
# - up to BIG_STACK_NESTING (a plan of thousands of tasks), on a thread with a 64 MB stack,
#   which costs a tenth of a millisecond where measuring the depth first cost 15 ms;
# - beyond (only an absurd or hostile file), libyaml's iterative event parser measures the
#   depth first and the file is refused at the place it gets too deep.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
SAFE_NESTING = 500
BIG_STACK_NESTING = 10_000
_BIG_STACK_BYTES = 64 * 1024 * 1024


def _compose(text: str, raw: bytes, name: str) -> yaml.Node | None:
    """``text`` composed; libyaml is given the file's own UTF-8 bytes (``raw``, already
    checked to decode as ``text``), which spares it encoding the text again."""
    if _FAST_LOADER is None:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    try:
        bound = nesting_bound(text)
        if bound <= SAFE_NESTING:
            return yaml.compose(raw, Loader=_FAST_LOADER)
        if bound <= BIG_STACK_NESTING:
            return _on_big_stack(lambda: yaml.compose(raw, Loader=_FAST_LOADER))
        mark = _deepest_mark(text, _FAST_LOADER)
        if mark is None:
            return yaml.compose(raw, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        # -- a broken file: PyYAML's messages and positions are the ones our hints know --
        return yaml.compose(text, Loader=yaml.SafeLoader)
    raise SpecError([_depth_problem(mark, name)])


def _on_big_stack(work: Callable[[], T]) -> T:
    """``work()`` on a thread whose stack is large enough for libyaml's recursion; its
    exception, if any, is raised here as if it had run on the caller's thread."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:  # handed to the caller, who knows what to do with it
            failure.append(exc)

    previous = threading.stack_size(_BIG_STACK_BYTES)
    try:
        thread = threading.Thread(target=run, name="cchc-yaml-compose")
        thread.start()
    finally:
        threading.stack_size(previous)
    thread.join()
    if failure:
        raise failure[0]
    return outcome[0]


def nesting_bound(text: str) -> int:
    """An upper bound of how deep the file's collections can nest, without parsing it.

    A block collection starts at a greater column than its parent, or at the same column
    once (a sequence under a mapping key), so block nesting is at most twice the longest
    line. Every flow collection opens with '[' or '{', and each '[' can hold one implicit
    single-pair mapping, so flow nesting is at most twice the number of brackets.
    """
    longest = max(map(len, text.splitlines()), default=0)
    return 2 * (longest + 1) + 2 * (text.count("[") + text.count("{"))


def _syntax_problem(exc: yaml.YAMLError, name: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    from .yaml_messages import translate  # -- only a broken file needs PyYAML's messages in Vietnamese --

    message, hint = translate(getattr(exc, "problem", None) or str(exc), getattr(exc, "context", None) or "")
    return Problem(f"lỗi cú pháp YAML: {message}.", file=name, line=line, column=column, hint=hint)


def _escape_problem(text: str, name: str) -> Problem:
    """Where the first escape beyond U+10FFFF is (PyYAML fails on it without a place)."""
    line = column = 1
    for match in re.finditer(r"\\U([0-9A-Fa-f]{8})", text):
        if int(match.group(1), 16) > 0x10FFFF:
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            break
    return Problem(
        "mã thoát '\\U…' vượt ngoài bảng mã Unicode (lớn nhất là \\U0010FFFF).", file=name, line=line, column=column,
        hint="Kiểm tra lại mã ký tự sau '\\U', hoặc gõ thẳng ký tự đó thay cho mã thoát.",
    )


def _reader_problem(exc: yaml.reader.ReaderError, text: str, name: str) -> Problem:
    position = min(max(exc.position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return Problem(
        f"tệp có ký tự điều khiển U+{character:04X} không in được; Word không chấp nhận ký tự này.",
        file=name, line=line, column=column,
        hint="Ký tự này thường lẫn vào khi sao chép từ Word hoặc PDF; hãy xóa rồi gõ lại đoạn đó.",
    )


_DEPTH_HINT = "Kiểm tra thụt lề và các dấu ngoặc '[' '{'."


def _deepest_mark(text: str, loader: type) -> yaml.Mark | None:
    """Where the nesting first passes MAX_DEPTH, by the iterative event parser (None if it
    never does); a syntax error raises as usual."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _depth_problem(mark: yaml.Mark | None, name: str) -> Problem:
    message = f"đặc tả lồng nhau quá sâu (hơn {MAX_DEPTH} tầng)."
    if mark is None:
        return Problem(message, file=name, hint=_DEPTH_HINT)
    return Problem(message, file=name, line=mark.line + 1, column=mark.column + 1, hint=_DEPTH_HINT)


def _too_deep(text: str, name: str) -> Problem:
    try:
        return _depth_problem(_deepest_mark(text, yaml.SafeLoader), name)
    except yaml.YAMLError as exc:
        return _syntax_problem(exc, name)


def _check_limits(root: yaml.Node, name: str, problems: list[Problem]) -> None:
    count = 0
    characters = 0
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]  # -- collections counted as the event scan counts them --
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            mark = node.start_mark
            problems.append(Problem(
                f"đặc tả có quá nhiều phần tử (hơn {MAX_NODES:_} khi đã mở hết các tham chiếu '*').".replace("_", "."),
                file=name, line=mark.line + 1, column=mark.column + 1,
                hint="Không dùng tham chiếu '&'/'*' lồng nhau nhiều tầng.",
            ))
            return
        if depth > MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
            mark = node.start_mark
            problems.append(Problem(
                f"đặc tả lồng nhau quá sâu (hơn {MAX_DEPTH} tầng).", file=name,
                line=mark.line + 1, column=mark.column + 1, hint="Kiểm tra thụt lề.",
            ))
            return
        if isinstance(node, yaml.ScalarNode):
            characters += len(node.value)
            if characters > MAX_EXPANDED_CHARS:
                mark = node.start_mark
                problems.append(Problem(
                    f"đặc tả quá lớn khi đã mở hết các tham chiếu '*' (hơn {MAX_EXPANDED_CHARS // 1_000_000} triệu ký tự).",
                    file=name, line=mark.line + 1, column=mark.column + 1,
                    hint="Một đoạn chữ dài được dùng lại quá nhiều lần qua '&'/'*'; viết các đoạn cần thiết trực tiếp, bỏ tham chiếu thừa.",
                ))
                return
        if node.tag not in STANDARD_TAGS:
            mark = node.start_mark
            problems.append(Problem(
                f"thẻ YAML '{node.tag.replace('tag:yaml.org,2002:', '!!')}' không được phép.", file=name, line=mark.line + 1, column=mark.column + 1,
                hint="Đặc tả chỉ chứa chữ, số, danh sách và khóa; bỏ phần bắt đầu bằng '!'.",
            ))
            continue
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
