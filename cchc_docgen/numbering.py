"""How each level of a plan is numbered: one mapping from depth to scheme.

Decree 30's plan sample (§6b) numbers parts I., khoản 1., điểm a); practice adds 1.1. for a
decimal level and '-', '+' for list items. A drafter chooses the scheme of every level, for
the whole plan (``ke_hoach.danh_so``) or for the subtree of any section (``danh_so`` of that
section: its children downward). Levels the drafter does not write follow the last one
written (``_NEXT``), so ``danh_so: thap_phan`` gives 2.1., 2.1.1., … and ``danh_so: [so]``
gives 1., then a), then -, +.

Sections and list items (``y``, ``chi_tieu``, tasks) use the same schemes and the same
``Levels``: a section's list starts at '-' (``liet_ke: gach``), or is numbered as its
children would be (``liet_ke: so``), or follows the schemes the drafter lists.
"""

from __future__ import annotations

from typing import NamedTuple

from . import vn
from .spec.model import Plan, Scheme, Section

DEFAULT: tuple[Scheme, ...] = ("la_ma", "so", "chu", "gach", "cong")
BULLETS: tuple[Scheme, ...] = ("gach", "cong")

# -- the level after a scheme, when the drafter wrote no more levels --
_NEXT: dict[str, Scheme] = {
    "la_ma": "so", "so": "chu", "thap_phan": "thap_phan", "chu": "gach", "gach": "cong", "cong": "cong", "khong": "khong",
}  # fmt: skip

# -- schemes whose labels extend their parent's: 2. → 2.1. → 2.1.1. --
_DECIMAL_PARENTS = {"so", "thap_phan"}


# -- Levels and Label are named tuples: small immutable values, where a frozen dataclass
# with slots compiled six methods and made its class twice at import (1 ms of every render's
# start-up for the two); a named tuple compiles one and is as cheap to make per value. --


class Levels(NamedTuple):
    """The schemes of a subtree, from its first level down."""

    schemes: tuple[Scheme, ...]

    def at(self, index: int) -> Scheme:
        if index < len(self.schemes):
            return self.schemes[index]
        scheme = self.schemes[-1]
        for _ in range(index - len(self.schemes) + 1):
            scheme = _NEXT[scheme]
        return scheme

    def below(self) -> Levels:
        """The levels of the subtree one level down."""
        return Levels(self.schemes[1:] if len(self.schemes) > 1 else (_NEXT[self.schemes[0]],))


class Label(NamedTuple):
    """A printed number ('2.1.') and the scheme that made it, which a decimal child extends."""

    text: str = ""
    scheme: Scheme = "khong"


NONE = Label()


def plan_levels(plan: Plan) -> Levels:
    return Levels(tuple(plan.numbering) or DEFAULT)


def children_levels(section: Section, inherited: Levels) -> Levels:
    """The levels of a section's children: its own ``danh_so``, the older ``danh_so_con``
    (which named one level), or ``inherited``, the levels in force where the children stand."""
    if section.numbering:
        return Levels(tuple(section.numbering))
    if section.child_numbering is not None:
        return Levels((section.child_numbering,))
    return inherited


def list_levels(section: Section, children: Levels) -> Levels:
    """The levels of a section's list items; ``children`` are those of its sub-sections."""
    style = section.list_style
    if style == "gach":
        return Levels(BULLETS)
    if style == "so":
        return Levels((children.at(0), *BULLETS))
    return Levels(tuple(style))


def label(scheme: Scheme, number: int, parent: Label) -> Label:
    """The label of the ``number``-th entry of a level printed in ``scheme``."""
    if scheme == "la_ma":
        text = f"{vn.roman(number)}."
    elif scheme == "so":
        text = f"{number}."
    elif scheme == "thap_phan":
        base = parent.text.rstrip(".") + "." if parent.scheme in _DECIMAL_PARENTS and parent.text else ""
        text = f"{base}{number}."
    elif scheme == "chu":
        text = f"{vn.letter(number)})"
    elif scheme == "gach":
        text = "-"
    elif scheme == "cong":
        text = "+"
    else:
        text = ""
    return Label(text, scheme)


def prefix(found: Label) -> str:
    """What precedes the text: the label and a space, or nothing."""
    return f"{found.text} " if found.text else ""


def is_part(scheme: Scheme, depth: int) -> bool:
    """A level printed as a part (§6b: 'I. NHỮNG KẾT QUẢ…' in capitals, bold): Roman, or an
    unnumbered first level."""
    return scheme == "la_ma" or (scheme == "khong" and depth == 1)
