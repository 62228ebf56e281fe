"""A local page where a drafter fills the plan in a form instead of writing YAML.

Its own pipeline beside the core's, one module per step: routes (HTTP) → form (widgets from
the JSON Schema) → checks (parse_spec, the check rules, render) → preview (the document view
as pages). Start it with ``python -m cchc_docgen serve``; a province runs the same app with
``uvicorn --factory cchc_docgen.web:create_app --workers 4``.
"""

from .routes import create_app

__all__ = ["create_app"]
