"""The jobs of a batch, and the one function that renders a job in a worker process.

A job is a specification file, or a row of a table applied to a model. Rendering a job
never raises: it gives the documents as bytes, or the messages a drafter reads, so one
bad job cannot take the others down with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CchcError, Problem, SpecError
from .table_types import Row

if TYPE_CHECKING:
    from ..checks import IssuedNumber
    from ..documents import RenderedDocument
    from ..spec.model import Spec

SPEC_SUFFIXES = (".yaml", ".yml")
TABLE_SUFFIXES = (".csv", ".yaml", ".yml")


@dataclass(frozen=True)
class Job:
    """One specification to render: a file, or a row of a table applied to a model."""

    label: str  # how messages name it
    spec_path: Path  # the specification, or the model for a table row
    out_dir: Path
    row: Row | None = None


@dataclass(frozen=True)
class Failure:
    """A job that produced no document, and why (the messages a drafter reads)."""

    label: str
    messages: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """What rendering one job gave: its documents, or the reasons it gave none."""

    documents: tuple[tuple[str, bytes], ...]  # (file name, data)
    messages: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    numbers: tuple[IssuedNumber, ...] = ()  # -- ND30-SO-TRUNG is judged across the jobs, in the parent --
    inputs: tuple[Path, ...] = ()  # -- files the job read besides its specification (its template) --


def jobs_from_paths(paths: Sequence[Path], out_dir: Path | None = None) -> tuple[list[Job], list[Failure]]:
    """A job per specification file; a folder gives its .yaml/.yml files (not its subfolders)."""
    jobs: list[Job] = []
    failures: list[Failure] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in SPEC_SUFFIXES and p.is_file())
            if not found:
                failures.append(Failure(str(path), (f"{path}: thư mục không có tệp đặc tả (.yaml) nào.",)))
            jobs += [Job(str(p), p, out_dir or p.parent) for p in found]
        else:
            jobs.append(Job(str(path), path, out_dir or path.parent))
    return jobs, failures


def jobs_from_table(model: Path, table: Path, out_dir: Path | None = None) -> list[Job]:
    """A job per row of ``table`` (CSV, or YAML: a list of 'key path: value' mappings).

    A row with a bad cell is still a job: it fails with its problems, the others go on.

    Raises:
        SpecError: the model is not readable YAML.
        TableError: the table cannot be read, has no data row, or a header that cannot be
            a key path of the model (said once, at the header cell).
    """
    from .rows import check_header, model_root
    from .table import read_table

    model_root(model)  # -- a model that is not even YAML fails the run once, not once per row --
    read = read_table(table)
    check_header(model, read)
    folder = out_dir or table.parent
    return [Job(f"{table}, dòng {row.line}", model, folder, row) for row in read.rows]


def render_job(job: Job, strict: bool = False) -> Outcome:
    """Render one job, in whichever process runs it."""
    from .. import api
    from ..checks import issued_numbers
    from ..documents import own_template
    from .rows import number_in_table, row_spec

    try:
        spec = api.load_spec(job.spec_path) if job.row is None else row_spec(job.spec_path, job.row)
        documents, warnings = _checked_render(spec, job, strict)  # type: ignore[arg-type]
        numbers = [number_in_table(n, job.row.table) if job.row else n for n in issued_numbers(spec)]  # type: ignore[arg-type]
        template = own_template(spec)  # type: ignore[arg-type]
        return Outcome(tuple((d.file_name, d.data) for d in documents), (), tuple(w.format() for w in warnings), tuple(numbers),
                       (template,) if template is not None else ())  # fmt: skip
    except CchcError as exc:
        return Outcome((), tuple(exc.messages()))
    except Exception as exc:  # -- a bug must not take the other documents down with it --
        return Outcome((), (f"{job.label}: lỗi không mong đợi trong cchc_docgen (không phải lỗi của đặc tả): {type(exc).__name__}: {exc}",))


def _checked_render(spec: Spec, job: Job, strict: bool) -> tuple[list[RenderedDocument], list[Problem]]:
    """api.render (every rule of the check command, the spec's own template), with the
    findings in a row's cells pointed at the table."""
    from .. import api
    from .rows import in_table

    table = job.row.table if job.row is not None else None
    try:
        result = api.render(spec, strict=strict)
    except SpecError as exc:
        raise SpecError([in_table(p, table) if table else p for p in exc.problems]) from exc
    return list(result), [in_table(w, table) if table else w for w in result.warnings]
