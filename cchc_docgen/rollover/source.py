"""The drafter's file as text, changed in place: every byte the roll-over does not change stays.

Why not a round-trip library (ruamel.yaml)? Measured on this repository's own files: loading
and dumping plan_specs/thang-binh-2021.yaml with ruamel.yaml 0.19 (round-trip mode, quotes
preserved, the files' indentation) without any change rewrote 297 lines, because a plain
scalar written over several lines (how drafters wrap long sentences) comes back as one line;
a file indented differently from the dumper's setting would be reindented too. Comments and
key order survive a re-dump, the drafter's layout does not. So the file is composed with
PyYAML (already a dependency, and the loader's safe composer with its limits and Vietnamese
messages), every node keeps its place in the text, and the roll-over replaces only the
characters it changes: a year's four digits, a date, a removed 'so' line. Nothing else of the
file (comments, key order, quoting, line breaks, indentation) can change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

from .years import YEAR_TOKEN

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with ``text``."""

    start: int
    end: int
    text: str


@dataclass
class Source:
    """The file's text and the edits the roll-over makes to it."""

    text: str
    edits: list[Edit] = field(default_factory=list)

    @property
    def newline(self) -> str:
        """The file's own line ending, for the lines the roll-over adds."""
        return "\r\n" if "\r\n" in self.text else "\n"

    def replace(self, start: int, end: int, text: str) -> None:
        self.edits.append(Edit(start, end, text))

    def result(self) -> str:
        """The text with every edit made; edits never overlap (each node is edited once)."""
        out, position = [], 0
        for edit in sorted(self.edits, key=lambda e: (e.start, e.end)):
            if edit.start < position:
                raise AssertionError(f"overlapping edits at {edit.start}")
            out += [self.text[position : edit.start], edit.text]
            position = edit.end
        out.append(self.text[position:])
        return "".join(out)

    def moved_offset(self, offset: int) -> int:
        """Where the character at ``offset`` of the original text is in the result."""
        delta = sum(len(e.text) - (e.end - e.start) for e in self.edits if e.end <= offset)
        return offset + delta

    def year_positions(self, node: yaml.ScalarNode) -> list[int]:
        """Offsets of the year tokens of ``node`` as written in the file."""
        written = self.text[node.start_mark.index : node.end_mark.index]
        return [node.start_mark.index + m.start(1) for m in YEAR_TOKEN.finditer(written)]

    def set_years(self, node: yaml.ScalarNode, years: dict[int, int]) -> bool:
        """Replace the year tokens of ``node`` (by their index among its tokens) with new years.

        False when the file writes the scalar's years differently from its value (an escape
        in a double-quoted string): nothing is changed then, and the caller says so.
        """
        positions = self.year_positions(node)
        if len(positions) != len(list(YEAR_TOKEN.finditer(node.value))):
            return False
        for index, year in years.items():
            self.replace(positions[index], positions[index] + 4, str(year))
        return True

    def set_scalar(self, node: yaml.ScalarNode, value: str) -> None:
        """A one-line scalar replaced by ``value`` in the same quoting."""
        quote = node.style if node.style in ("'", '"') else ""
        self.replace(node.start_mark.index, node.end_mark.index, f"{quote}{value}{quote}")

    def line_span(self, key: yaml.Node, value: yaml.Node) -> tuple[int, int]:
        """The whole lines a block-mapping entry takes: from its key's line start to past the
        newline that ends its value (trailing comment included)."""
        start = self.text.rfind("\n", 0, key.start_mark.index) + 1
        end = self.text.find("\n", max(value.end_mark.index - 1, key.end_mark.index))
        return start, len(self.text) if end < 0 else end + 1

    def line_of(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset`` in the original text."""
        line_start = self.text.rfind("\n", 0, offset) + 1
        return self.text.count("\n", 0, offset) + 1, offset - line_start + 1

    def comment_after(self, node: yaml.Node) -> str:
        """The comment written after a node on its own last line, or ''."""
        line_end = self.text.find("\n", node.end_mark.index)
        rest = self.text[node.end_mark.index : len(self.text) if line_end < 0 else line_end]
        hash_at = rest.find("#")
        return rest[hash_at:].rstrip() if hash_at >= 0 and not rest[:hash_at].strip() else ""


def entries(node: yaml.Node) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
    """(key, key node, value node) of a mapping node; nothing for other nodes."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                yield key.value, key, value


def child(node: yaml.Node | None, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    """(key node, value node) of ``name`` in a mapping node, or None."""
    if node is None:
        return None
    for key, key_node, value in entries(node):
        if key == name:
            return key_node, value
    return None


def walk(node: yaml.Node, path: Path_ = ()) -> Iterator[tuple[Path_, yaml.Node]]:
    """Every node under ``node`` with its path of keys and indexes, parents first; an
    aliased node is visited once."""
    seen: set[int] = set()
    stack: list[tuple[Path_, yaml.Node]] = [(path, node)]
    while stack:
        here, current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield here, current
        if isinstance(current, yaml.MappingNode):
            stack += reversed([((*here, key), value) for key, _, value in entries(current)])
        elif isinstance(current, yaml.SequenceNode):
            stack += reversed([((*here, index), item) for index, item in enumerate(current.value)])
