"""Where a centred line breaks, as a clerk would break it.

A centred line that does not fit its width is set on as few lines as it needs, broken only
at free spaces (never inside a word or a name), balanced (the lines of a two-line title
about as long as each other, not "long line / two words"), preferring phrase boundaries,
and never leaving one syllable alone on the last line. Widths are measured with
``metrics`` (Times New Roman's advances), with a little room kept for the office suite's
own rounding. Among the ways of breaking into that many lines, the cheapest is found by
dynamic programming over the free spaces: the costs are the lines' spread about their
mean width and each break's penalty from ``segment``.
"""

from __future__ import annotations

from ..metrics import measurable, text_width_mm
from .segment import FIXED, LINK, NB_HYPHEN, NBSP, REFERENCE_HYPHEN, Line, joined, segment

ROOM = 0.97  # -- a line is taken to fit in 97 % of its width: metric and rounding slack --
_RELAXED = 1.5  # -- a break where glue was let go of: only when a glued run is wider than the line --
_SPREAD = 4.0  # -- weight of the lines' spread (relative to the width) against penalties --
_NEVER = float("inf")
_LONGEST = 120  # -- syllables: past this (no title is so long) lines are filled in turn, not balanced --


def break_centred(text: str, width_mm: float, size_pt: float, *, bold: bool, names: tuple[str, ...] = (), share: float = ROOM) -> str:
    """``text`` with explicit line breaks ("\\n") and non-breaking spaces; a drafter's own
    breaks are kept as written and only their lines are protected. ``share``: how much of
    the width a line may fill (a column sized to its longest cell may fill all of it)."""
    if "\n" in text:
        return "\n".join(protect(part, words=True, names=names) for part in text.split("\n"))
    if not measurable(text):
        return text  # -- other scripts: widths would be guessed, the office suite breaks it itself --
    if " " not in text and NBSP not in text:
        # -- one token (a table's numbers and deadlines, a thousand of them): nothing to break or
        # glue, only a reference's hyphen, as ``joined`` writes it --
        return REFERENCE_HYPHEN.sub(NB_HYPHEN, text) if "-" in text else text
    line = segment(text, words=True, names=names)
    count = len(line.tokens)
    if count < 2:
        return joined(line, set())
    room = width_mm * share
    space = text_width_mm(" ", size_pt, bold=bold)
    widths = [text_width_mm(t.text, size_pt, bold=bold) for t in line.tokens]
    gaps = [text_width_mm(s, size_pt, bold=bold) if s != " " else space for s in line.separators]
    if sum(widths) + sum(gaps) <= room:
        return joined(line, set())
    if count > _LONGEST:
        return joined(line, _first_fit(line, widths, gaps, room))
    # -- a glued run wider than the line lets go of its weakest glue, at a cost per break --
    relaxed = relax(line, room, size_pt, bold)
    for index in relaxed:
        line.penalty[index] += _RELAXED
    return joined(line, _best_breaks(line, widths, gaps, room) or set())


def protect(
    text: str,
    *,
    words: bool,
    names: tuple[str, ...] = (),
    width_mm: float | None = None,
    size_pt: float = 13,
    bold: bool = False,
    final: bool = False,
) -> str:
    """Glue without breaking: non-breaking spaces inside names and references (and, with
    ``words``, inside every word); a glued run wider than ``width_mm`` stays breakable;
    ``final`` also glues the last two syllables, so no line is one syllable before './.'."""
    if "\n" in text:
        parts = text.split("\n")
        return "\n".join(
            protect(part, words=words, names=names, width_mm=width_mm, size_pt=size_pt, bold=bold, final=final and index == len(parts) - 1)
            for index, part in enumerate(parts)
        )
    line = segment(text, words=words, names=names)
    if width_mm is not None:
        relax(line, width_mm * ROOM, size_pt, bold)
    if final and line.separators and line.separators[-1] == " ":
        line.glued[-1] = max(line.glued[-1], LINK)
    return joined(line, set())


def relax(line: Line, room: float, size_pt: float, bold: bool) -> set[int]:
    """Let go of glue in every glued run wider than ``room``, the weakest first, until each
    run fits (or only what never lets go is left); the spaces let go of."""
    released: set[int] = set()
    changed = True
    while changed:
        changed = False
        for start, end in _runs(line):
            inside = [k for k in range(start, end) if line.glued[k] < FIXED]
            if not inside or text_width_mm(" ".join(t.text for t in line.tokens[start : end + 1]), size_pt, bold=bold) <= room:
                continue
            weakest = min(line.glued[k] for k in inside)
            for k in inside:
                if line.glued[k] == weakest:
                    line.glued[k] = 0
                    released.add(k)
            changed = True
    return released


def _runs(line: Line) -> list[tuple[int, int]]:
    """(first, last) token of each run of tokens joined by glued single spaces."""
    runs, start = [], 0
    for i in range(len(line.tokens)):
        if i < len(line.glued) and line.glued[i] and line.separators[i] == " ":
            continue
        if i > start:
            runs.append((start, i))
        start = i + 1
    return runs


def _best_breaks(line: Line, widths: list[float], gaps: list[float], room: float) -> set[int] | None:
    """The breaks (token indices a line ends after) of the cheapest setting in the fewest
    lines, or None when some run is wider than the line even so."""
    count = len(widths)
    candidates = [i for i in range(count - 1) if line.breakable(i)]
    ends = [*candidates, count - 1]
    # -- width of tokens a..b inclusive: prefix sums of tokens and the spaces between them --
    prefix = [0.0]
    for i in range(count):
        prefix.append(prefix[-1] + widths[i] + (gaps[i] if i < count - 1 else 0.0))

    def span(a: int, b: int) -> float:
        return prefix[b + 1] - prefix[a] - (gaps[b] if b < count - 1 else 0.0)

    fewest = _fewest_lines(ends, span, room)
    if fewest is None:
        return None
    # -- one line more only when the fewest would leave a syllable alone on the last --
    for lines in (fewest, fewest + 1):
        found = _setting(line, ends, span, room, lines)
        if found is not None:
            return found
    return None


def _setting(line: Line, ends: list[int], span, room: float, lines: int) -> set[int] | None:
    """The cheapest breaks that set the line on exactly ``lines`` lines."""
    count = len(line.tokens)
    mean = span(0, count - 1) / lines  # -- balanced lines are each about this wide --

    def cost_of_line(a: int, b: int, last: bool) -> float:
        width = span(a, b)
        if width > room and any(line.breakable(k) for k in range(a, b)):
            return _NEVER
        if last and b == a:
            return _NEVER  # -- one syllable alone on the last line --
        cost = _SPREAD * ((width - mean) / room) ** 2
        if not last:
            cost += line.penalty[b]
        return cost

    # -- best[k][e]: cheapest setting of tokens 0..e in k lines, the k-th ending after e --
    best: list[dict[int, tuple[float, int]]] = [{} for _ in range(lines + 1)]
    best[0][-1] = (0.0, -1)
    for k in range(1, lines + 1):
        last = k == lines
        for end in [count - 1] if last else ends[:-1]:
            choice = None
            for previous, (cost, _) in best[k - 1].items():
                if previous >= end:
                    continue
                value = cost + cost_of_line(previous + 1, end, last)
                if value < _NEVER and (choice is None or value < choice[0]):
                    choice = (value, previous)
            if choice is not None:
                best[k][end] = choice
    if count - 1 not in best[lines]:
        return None
    breaks, end = set(), count - 1
    for k in range(lines, 0, -1):
        previous = best[k][end][1]
        if previous >= 0:
            breaks.add(previous)
        end = previous
    return breaks


def _first_fit(line: Line, widths: list[float], gaps: list[float], room: float) -> set[int]:
    """Each line filled as far as it goes, at free spaces: linear, for text of any length."""
    breaks: set[int] = set()
    width, last_free = 0.0, None
    for index, token_width in enumerate(widths):
        width += token_width
        if width > room and last_free is not None:
            breaks.add(last_free)
            width = sum(widths[last_free + 1 : index + 1]) + sum(gaps[last_free + 1 : index])
            last_free = None
        if index < len(gaps):
            if line.breakable(index):
                last_free = index
            width += gaps[index]
    return breaks


def _fewest_lines(ends: list[int], span, room: float) -> int | None:
    """Greedy first fit: the fewest lines the text can be set on, breaking only at ``ends``."""
    lines, start, last_fit = 0, 0, None
    index = 0
    while start <= ends[-1]:
        last_fit = None
        while index < len(ends) and span(start, ends[index]) <= room:
            last_fit = ends[index]
            index += 1
        if last_fit is None:
            # -- a run wider than the line even unglued ("25/QĐ-UBND" in a narrow cell) is a line of its own --
            if index >= len(ends):
                return None
            last_fit = ends[index]
            index += 1
        lines += 1
        start = last_fit + 1
    return lines
