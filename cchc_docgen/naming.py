"""File names and the identity of a plan: what keeps one plan's document from taking another's place.

A derived name carries everything that tells two plans apart — the kind and number of
the document (from its ký hiệu), draft or number, the year, and the issuer's unit and
place — and only the title part is shortened to fit. Two communes' drafts of the same
decision therefore never share a name, however long their common title.

The same facts, with the specification's file name, are recorded in each document's
custom properties (see writing.py), so the writer can tell a re-run of this plan from a
different plan's document or from a drafter's own file that only shares the name.

Limits are counted in bytes, as file systems count them: 255 bytes per path component on
Linux and macOS, where a Vietnamese letter takes two or three bytes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from . import vn
from .spec import derive
from .spec.model import DocumentCommon, Spec

MAX_COMPONENT_BYTES = 255  # -- ext4, XFS, APFS, and NTFS for an ASCII name --
# -- the longest ending the program adds to a drafter's ten_tep: the plan beside its decision --
_LONGEST_ENDING = "-ke-hoach.docx"
MAX_NAME_BYTES = MAX_COMPONENT_BYTES - len(_LONGEST_ENDING)
MAX_NAME_CHARS = 150  # -- NTFS counts UTF-16 units; the folder's own path counts too (260 on old Windows) --
_DERIVED_TITLE = 60  # -- bytes of the title part of a derived name; the identity part is never cut --
_DERIVED_MAX = 140  # -- bytes of a whole derived name: readable in a file list, far from every limit --

_UNSAFE_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
# -- names Windows keeps for devices, whatever the extension; ¹²³ count as digits there --
_DEVICES = {"con", "prn", "aux", "nul", "conin$", "conout$", "clock$"}
_NUMBERED = re.compile(r"(com|lpt)[0-9¹²³]", re.IGNORECASE)

NAME_HINT = (
    "Tên tệp không chứa thư mục hay các ký tự \\ / : * ? \" < > |, không bắt đầu bằng dấu chấm, không kết thúc bằng dấu chấm "
    f"hay khoảng trắng, không là tên thiết bị của Windows (CON, PRN, AUX, NUL, COM1…, LPT1…, CONIN$, CONOUT$), dài tối đa "
    f"{MAX_NAME_CHARS} ký tự và {MAX_NAME_BYTES} byte (chữ có dấu tính 2–3 byte); muốn ghi vào thư mục khác thì dùng tùy chọn -o."
)


def name_problem(stem: str) -> str | None:
    """Why ``stem`` (a file name without .docx) cannot be used on every drafter's system, or None."""
    if not stem.strip():
        return "tên trống"
    if _UNSAFE_CHARS.search(stem):
        return "có ký tự không dùng được trong tên tệp"
    if stem.startswith("."):
        return "bắt đầu bằng dấu chấm (tệp ẩn)"
    if stem.endswith((".", " ")):
        return "kết thúc bằng dấu chấm hoặc khoảng trắng"
    if is_reserved(stem):
        return "trùng tên thiết bị của Windows"
    if len(stem) > MAX_NAME_CHARS:
        return f"dài {len(stem)} ký tự, quá {MAX_NAME_CHARS}"
    size = len(stem.encode("utf-8"))
    if size > MAX_NAME_BYTES:
        return f"dài {size} byte, quá {MAX_NAME_BYTES} byte cho phép (ổ đĩa giới hạn {MAX_COMPONENT_BYTES} byte mỗi tên tệp, kể cả phần đuôi)"
    return None


def is_reserved(name: str) -> bool:
    """A Windows device name (CON, COM¹, CONIN$…), with or without an extension."""
    base = name.split(".", 1)[0].rstrip(" ").lower()
    return base in _DEVICES or (len(base) == 4 and _NUMBERED.fullmatch(base) is not None)


# -- derived names --
def document_stem(spec: Spec, type_name: str, document: DocumentCommon, title: str, default_year: int) -> str:
    """'<ký hiệu>-<số|chua-so>-<năm>_<đơn vị>_<trích yếu>', e.g. 'qd-ubnd-chua-so-2027_xa-tan-hoa_ban-hanh-ke-hoach…'."""
    if spec.output.file_name:
        return spec.output.file_name
    return _derived(_code(spec, type_name, document, default_year), issuer_slug(spec), title)


def attached_plan_stem(spec: Spec, decision: DocumentCommon, default_year: int) -> str:
    """The plan's own file when the decision that issues it is written apart (mode rieng)."""
    if spec.output.file_name:
        return f"{spec.output.file_name.split('_', 1)[0]}-ke-hoach"
    return _derived(_code(spec, "Quyết định", decision, default_year) + "-ke-hoach", issuer_slug(spec), spec.plan.title)


def issuer_slug(spec: Spec) -> str:
    """The issuer's unit and place: 'xa-tan-hoa', 'tinh-quang-nam', or its name for a department."""
    issuer = spec.issuer
    if issuer.level in derive.UNIT_WORDS and issuer.area:
        return vn.slug(f"{derive.UNIT_WORDS[issuer.level]} {issuer.area}", limit=10_000)
    # -- a department's name alone is the same in every province: its parent body tells them apart --
    own = issuer.name or [derive.issuer_full_name(issuer)]
    return vn.slug(" ".join([*issuer.parent, *own]), limit=10_000)


def _code(spec: Spec, type_name: str, document: DocumentCommon, default_year: int) -> str:
    number = None if document.draft else document.number
    year = document.date.year if document.date else default_year
    symbol = derive.symbol(document, type_name, spec.issuer)
    return f"{vn.slug(symbol, limit=10_000)}-{f'{number:02d}' if number is not None else 'chua-so'}-{year}"


def _derived(code: str, issuer: str, title: str) -> str:
    """Identity first, in full; the title shortened to what is left. A name whose identity
    alone is too long keeps its start and a digest of the whole, so it stays distinct."""
    title_slug = vn.slug(title, limit=10_000)
    # -- 'ke-hoach-…-nam-2027-cua-xa-tan-hoa': the issuer is in the name already --
    for tail in (f"-cua-{issuer}", f"-{issuer}"):
        if title_slug.endswith(tail) and len(title_slug) > len(tail):
            title_slug = title_slug[: -len(tail)]
            break
    identity = f"{code}_{issuer}"
    if len(identity) > _DERIVED_MAX - 8:
        import hashlib  # -- only a name this long needs it --

        digest = hashlib.sha1(identity.encode("utf-8")).hexdigest()[:8]
        identity = f"{_cut(identity, _DERIVED_MAX - 17)}-{digest}"
    room = min(_DERIVED_TITLE, _DERIVED_MAX - len(identity) - 1)
    short = _cut(title_slug, room) if room >= 8 else ""
    return f"{identity}_{short}" if short else identity


def _cut(slug: str, limit: int) -> str:
    """At most ``limit`` bytes of an ASCII slug, ending at a word."""
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut[:limit]).strip("-_")


# -- identity --
IDENTITY_PREFIX = "cchc."


class PlanIdentity(NamedTuple):
    """What says which plan a document was made from; kept in its custom properties. A
    named tuple: a frozen dataclass compiled six methods at every render's start-up."""

    issuer: str  # 'Ủy ban nhân dân xã Tân Hòa'
    kind: str  # the document that carries the package's number: 'Quyết định' or 'Kế hoạch'
    number: str  # '05', or 'dự thảo', or 'chưa số'
    year: str
    spec: str  # the specification's file name, e.g. 'tan-hoa-2027.yaml'

    _KEYS = ("co_quan", "loai", "so", "nam", "dac_ta")

    def properties(self) -> list[tuple[str, str]]:
        """(name, value) pairs as the custom properties store them."""
        values = (self.issuer, self.kind, self.number, self.year, self.spec)
        return [(IDENTITY_PREFIX + key, value) for key, value in zip(self._KEYS, values, strict=True)]

    @classmethod
    def from_properties(cls, found: dict[str, str]) -> PlanIdentity | None:
        try:
            return cls(*(found[IDENTITY_PREFIX + key] for key in cls._KEYS))
        except KeyError:
            return None

    def describe(self) -> str:
        number = f"số {self.number}" if self.number[:1].isdigit() else self.number
        made = f", đặc tả {self.spec}" if self.spec else ""
        return f"{self.kind} {number} năm {self.year} của {self.issuer}{made}"


def identity(spec: Spec) -> PlanIdentity:
    """The identity of the plan a specification describes (its decision's number if it has one)."""
    document: DocumentCommon = spec.decision or spec.plan
    kind = "Quyết định" if spec.decision is not None else "Kế hoạch"
    if document.draft:
        number = "dự thảo"
    elif document.number is None:
        number = "chưa số"
    else:
        number = f"{document.number:02d}"
    year = document.date.year if document.date else derive.plan_years(spec)[0]
    # -- the file a loaded spec came from ('<đặc tả>' or empty for one held in memory) --
    source = str(getattr(spec, "source", "") or "")
    name = Path(source).name if source and not source.startswith("<") else ""
    return PlanIdentity(derive.issuer_full_name(spec.issuer), kind, number, str(year), name)
