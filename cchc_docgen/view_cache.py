"""A specification's document views, built once per run and shared by the steps that read them.

Two steps read the views of one specification: the text rules of the check command
(``text_lint``), which judge the paragraphs as the drafter typed them, and the render,
which fills the same paragraphs in with their lines broken (``linebreak``). Each used to
build its own (the rules up to twice, the render once more), and building the views is
the pipeline's largest step after line breaking. A ``SpecViews`` builds them when first
asked and keeps them: the rules read them as typed, then the render lays the same objects
out in place. Line breaking only adds breaks to the text of the views built without it
(``view.build_views``), so the laid-out views are the ones ``build_views(lines=True)``
makes.

Most specifications never need the views for their check (the rules' fast paths decide
without them), so this module imports ``view`` only when they are built: ``check`` does
not pay for importing the view step it does not run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .spec.model import Spec
    from .view import DocumentView

__all__ = ["SpecViews"]


class SpecViews:
    """The views of ``spec`` in ``mode`` (None: the specification's own ``xuat.che_do``),
    built at most once, as typed (``as_typed``) and then laid out (``laid_out``).

    The text rules give the same findings in either mode: both modes make the same
    paragraphs and tables in the same order, only spread over one file or two."""

    def __init__(self, spec: Spec, mode: Literal["gop", "rieng"] | None = None) -> None:
        self.spec = spec
        self.mode = mode
        self._views: list[DocumentView] | None = None
        self._laid_out = False

    def as_typed(self) -> list[DocumentView]:
        """The views with the text as the drafter wrote it (no line breaking): what the
        rules read. Asked after ``laid_out``, they are built again rather than read back
        from the laid-out ones (which no longer hold the text as typed)."""
        from .view import build_views

        if self._laid_out:
            return build_views(self.spec, self.mode, lines=False)
        if self._views is None:
            self._views = build_views(self.spec, self.mode, lines=False)
        return self._views

    def laid_out(self) -> list[DocumentView]:
        """The views with their lines broken, what the render fills in: those the rules
        read, if they were built, laid out once in place."""
        if not self._laid_out:
            from .view import break_lines

            views = self.as_typed()
            break_lines(self.spec, views)
            self._laid_out = True
        assert self._views is not None
        return self._views
