"""cchc_docgen: yearly administrative-reform plans (Kế hoạch CCHC) as Decree 30 DOCX files.

    import cchc_docgen
    spec = cchc_docgen.load_spec("plan_specs/thang-binh-2021.yaml")
    documents = cchc_docgen.render(spec)            # bytes in memory
    cchc_docgen.write(documents, Path("ket_qua"))   # atomic writes
"""

from .api import RenderedDocument, generate, load_spec, parse_spec, render, write
from .errors import CchcError, OutputError, Problem, SpecError, TemplateError

__version__ = "0.1.0"

__all__ = [
    "CchcError",
    "OutputError",
    "Problem",
    "RenderedDocument",
    "SpecError",
    "TemplateError",
    "__version__",
    "generate",
    "load_spec",
    "parse_spec",
    "render",
    "write",
]
