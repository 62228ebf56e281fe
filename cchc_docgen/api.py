"""The pipeline, top to bottom: load → validate → check → view → render → post-process → write.

The command and the tests both go through these functions, so what is tested is what a
drafter runs. Every render runs the rules of the check command: what ``check`` calls an
error stops the render with a SpecError, a warning comes back with the documents
(``RenderResult.warnings``), and ``strict=True`` makes warnings stop it too. These are the
functions a Python caller uses, so they check their arguments and say which one is wrong.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar, overload

from . import checks, writing
from .documents import MODES, Mode, RenderedDocument, own_template, render_documents
from .errors import ERROR, Problem, SpecError, TemplateError
from .records import record
from .spec import validate
from .spec.model import Spec
from .view_cache import SpecViews

__all__ = ["Finding", "GenerateResult", "Mode", "RenderResult", "RenderedDocument", "check", "generate", "load_spec", "parse_spec", "render", "write"]

Finding = Problem
"""One finding of the check rules or of validation: rule id (empty for validation), severity
(errors.ERROR "lỗi" or errors.WARNING "cảnh báo"), file, line, column, field path, message, hint."""

PathArg = str | os.PathLike[str]


T = TypeVar("T")


@record(frozen=True)  # -- a frozen dataclass, its methods not compiled at every start-up (records) --
class _Checked(Sequence[T]):
    """What a checked run made, as a sequence (index it, iterate it), and the warnings the
    rules found, which did not stop it but are worth a drafter's look."""

    items: tuple[T, ...]
    warnings: tuple[Finding, ...] = ()

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)


class RenderResult(_Checked[RenderedDocument]):
    """The documents of one specification, in memory (pass them to ``write``), and its warnings."""

    @property
    def documents(self) -> tuple[RenderedDocument, ...]:
        return self.items


class GenerateResult(_Checked[Path]):
    """The files one specification was written to, and its warnings."""

    @property
    def paths(self) -> tuple[Path, ...]:
        return self.items


def load_spec(path: PathArg) -> Spec:
    """Read, type and validate a specification file; SpecError lists every problem.

    The specification remembers its file: messages name it, and its own template
    (``xuat.mau``) is found next to it.
    """
    return validate.load_spec(_path(path, "path", "load_spec"))


def parse_spec(text: str | bytes, name: str = "<đặc tả>", *, folder: PathArg | None = None) -> Spec:
    """``load_spec`` for a specification held in memory: ``name`` is how messages call it,
    ``folder`` where the files it names (``xuat.mau``) are found (default: the current folder)."""
    if not isinstance(text, str | bytes):
        raise TypeError(f"parse_spec(): text must be the specification as str or bytes, not {type(text).__name__}; to read a file, call load_spec(path)")
    if not isinstance(name, str):
        raise TypeError(f"parse_spec(): name must be a str, not {type(name).__name__}")
    return validate.parse_spec(text, name, None if folder is None else _path(folder, "folder", "parse_spec"))


def check(spec: Spec | PathArg) -> list[Finding]:
    """Every finding of the check command for one specification, in the order of its file.

    A path that cannot be loaded gives its validation problems as findings (nothing is
    raised); a loaded Spec gives the rules' findings. Nothing is written.
    """
    if isinstance(spec, Spec):
        return checks.findings(spec)
    if isinstance(spec, str | os.PathLike):
        return checks.check_files([Path(spec)]).problems
    raise TypeError(f"check(): spec must be a Spec or the path of a specification (str or os.PathLike), not {type(spec).__name__}")


def render(spec: Spec, *, mode: Mode | None = None, template: PathArg | None = None, strict: bool = False) -> RenderResult:
    """Every document of the specification, as bytes, after every rule of the check command.

    ``mode``: "gop" (one file), "rieng" (a file per document), or None for the spec's own
    ``xuat.che_do``. ``template``: a Word template to use instead of the spec's own
    (``xuat.mau``) or the shipped one; one that cannot be filled raises TemplateError (the
    spec's own is the check rule MAU-WORD instead). Raises SpecError with every finding, as ``check``
    words them, when a rule finds an error (with ``strict``, also a warning); otherwise the
    warnings come back in ``RenderResult.warnings``. Nothing touches the disk.
    """
    if not isinstance(spec, Spec):
        hint = "; call cchc_docgen.load_spec(path) first" if isinstance(spec, str | os.PathLike) else ""
        raise TypeError(f"render(): spec must be a Spec (what load_spec or parse_spec returns), not {type(spec).__name__}{hint}")
    mode = _mode(mode, "render")
    chosen = None if template is None else _path(template, "template", "render")
    if not isinstance(strict, bool):
        raise TypeError(f"render(): strict must be True or False, not {strict!r}")
    views = SpecViews(spec, mode)  # -- built once, if at all, for the rules and then for the documents --
    problems = checks.check_spec(spec, views=views)
    documents: list[RenderedDocument] = []
    try:
        documents = render_documents(spec, mode, chosen, views=views)
    except TemplateError as exc:
        if chosen is not None or own_template(spec) is None:
            raise  # -- not the drafter's template named in the spec: nothing of theirs to point at --
        problems.append(checks.template_problem(spec, exc))
    problems = checks.in_order(problems)
    if any(strict or problem.severity == ERROR for problem in problems):
        raise SpecError(problems)
    return RenderResult(tuple(documents), tuple(problems))


def write(
    documents: Iterable[RenderedDocument], out_dir: PathArg, *, protected: Iterable[PathArg] = (), overwrite: bool = False
) -> list[Path]:
    """Write one specification's documents into ``out_dir``, all of them or none.

    A file the run read (``protected``: the specification, its template, a table) is never
    written, through any name or link. An existing file is replaced only by a document of
    the same plan (the identity each document records), unless ``overwrite``.

    Raises:
        OutputError: nothing was written, and no existing file changed.
    """
    documents = _documents(documents, "write")
    out_dir = _path(out_dir, "out_dir", "write")
    protected = [_path(path, "protected", "write") for path in protected]
    return writing.write_files([(out_dir / d.file_name, d.data) for d in documents], protected=protected, overwrite=overwrite)


def generate(
    spec_path: PathArg, out_dir: PathArg | None = None, *, mode: Mode | None = None, strict: bool = False, overwrite: bool = False
) -> GenerateResult:
    """Load, check, render and write one specification (what the command runs); the output
    folder defaults to the spec's. Raises SpecError as ``render`` does, before anything is written;
    OutputError as ``write`` does. Neither the specification nor its template is ever written."""
    spec_path = _path(spec_path, "spec_path", "generate")
    out = spec_path.parent if out_dir is None else _path(out_dir, "out_dir", "generate")
    mode = _mode(mode, "generate")
    spec = validate.load_spec(spec_path)
    documents = render(spec, mode=mode, strict=strict)
    inputs = [spec_path, *filter(None, [own_template(spec)])]
    return GenerateResult(tuple(write(documents, out, protected=inputs, overwrite=overwrite)), documents.warnings)


def template_of(spec: Spec, spec_path: Path | None = None) -> Path | None:
    """A drafter's own template (key xuat.mau), relative to ``spec_path``'s folder or, by
    default, to the folder the specification was read from."""
    if spec_path is None or spec.output.template is None:
        return own_template(spec)
    return spec_path.parent / spec.output.template


def _path(value: object, parameter: str, function: str) -> Path:
    if isinstance(value, str | os.PathLike):
        return Path(value)
    raise TypeError(f"{function}(): {parameter} must be a path (str or os.PathLike), not {type(value).__name__}")


def _mode(mode: object, function: str) -> Mode | None:
    if mode is None or (isinstance(mode, str) and mode in MODES):
        return mode  # type: ignore[return-value]
    raise ValueError(f"{function}(): mode must be 'gop' (one file), 'rieng' (a file per document) or None (the spec's xuat.che_do), not {mode!r}")


def _documents(documents: object, function: str) -> list[RenderedDocument]:
    if isinstance(documents, str | bytes | os.PathLike | Spec) or not isinstance(documents, Iterable):
        raise TypeError(f"{function}(): documents must be what render() returns (RenderedDocument objects), not {type(documents).__name__}")
    items = list(documents)
    for item in items:
        if not isinstance(item, RenderedDocument):
            raise TypeError(f"{function}(): documents must be RenderedDocument objects (what render() returns), not {type(item).__name__}")
    return items
