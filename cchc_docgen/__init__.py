"""cchc_docgen: yearly administrative-reform plans (Kế hoạch CCHC) as Decree 30 DOCX files.

    import cchc_docgen
    spec = cchc_docgen.load_spec("plan_specs/thang-binh-2021.yaml")
    documents = cchc_docgen.render(spec)            # checked, then bytes in memory; .warnings
    cchc_docgen.write(documents, "ket_qua")         # atomic writes
    rolled = cchc_docgen.roll_spec("examples/xa-2026-du-thao.yaml", to=2027)  # .text, .notes
"""

from __future__ import annotations

# -- not ``typing``: the command imports this package before anything else, and on a Python
# whose start-up has not loaded typing (with re and enum under it) that would cost ~14 ms --
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .api import Finding, GenerateResult, Mode, RenderedDocument, RenderResult, check, generate, load_spec, parse_spec, render, write
    from .errors import CchcError, OutputError, Problem, SpecError, TemplateError
    from .importer import ImportResult, import_plan
    from .rollover import RollResult, roll_spec, roll_text
    from .spec.model import Spec
    from .view import DocumentView

__version__ = "0.1.0"  # -- the one place the version is written: pyproject reads it (tool.hatch.version) --

__all__ = [
    "CchcError",
    "DocumentView",
    "Finding",
    "GenerateResult",
    "ImportResult",
    "Mode",
    "OutputError",
    "Problem",
    "RenderResult",
    "RenderedDocument",
    "RollResult",
    "Spec",
    "SpecError",
    "TemplateError",
    "__version__",
    "check",
    "generate",
    "import_plan",
    "load_spec",
    "parse_spec",
    "render",
    "roll_spec",
    "roll_text",
    "write",
]

# -- each name is imported when first used (PEP 562): ``python -m cchc_docgen --help`` or a
# batch worker that only needs one module does not pay for the whole library --
_HOMES = {name: "api" for name in ("Finding", "GenerateResult", "Mode", "RenderedDocument", "RenderResult", "check",
                                   "generate", "load_spec", "parse_spec", "render", "write")}  # fmt: skip
_HOMES.update({name: "errors" for name in ("CchcError", "OutputError", "Problem", "SpecError", "TemplateError")})
_HOMES.update(Spec="spec.model", DocumentView="view", ImportResult="importer", import_plan="importer")
_HOMES.update({name: "rollover" for name in ("RollResult", "roll_spec", "roll_text")})


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'cchc_docgen' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
