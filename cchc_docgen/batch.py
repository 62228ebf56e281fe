"""Many plans in one run: a folder of specifications, or one model specification and a table.

A province's Department of Home Affairs writes the plan of every commune it oversees from
one model and a table of what differs (the commune, the number, the signer, targets…).
Each column of the table is a key path into the model (``co_quan_ban_hanh.dia_ban``,
``ke_hoach.noi_dung[1].chi_tieu[0].gia_tri``); the row's values replace the model's YAML
nodes *before* validation, so a wrong value is reported at its row and column of the
table, exactly as a wrong line of a specification would be.

The work is spread over the machine's cores, one process per core; each process compiles
the Word template once and renders its share. The parent process writes every file
itself, in job order, so two rows that would produce the same file name are reported
instead of silently overwriting each other. A bad specification or row is reported with
its reasons and does not stop the others.
"""

from __future__ import annotations

import copy
import csv
import functools
import io
import multiprocessing
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TextIO

import yaml

from .checks import IssuedNumber, NumberRegister, issued_numbers
from .documents import RenderedDocument, own_template
from .errors import CchcError, Problem, SpecError
from .spec.model import Spec

SPEC_SUFFIXES = (".yaml", ".yml")
TABLE_SUFFIXES = (".csv", ".yaml", ".yml")
_SERIAL_BELOW = 4  # -- fewer jobs than this are not worth starting processes for --
# -- nodes made from table cells carry this offset in their line, so a problem found in
# -- them can be told from one found in the model and pointed at the table instead --
_TABLE_LINE_OFFSET = 100_000_000
_SEGMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)$")


class TableError(CchcError):
    """The table of values cannot be read or names a key path that cannot exist."""


@dataclass(frozen=True)
class Cell:
    """One non-empty value of a table row, already made into YAML nodes."""

    key: str  # the column header as written: "ke_hoach.nguoi_ky.ho_ten"
    path: tuple[str | int, ...]
    node: yaml.Node
    column: int  # 1-based
    mark: yaml.Mark  # where a key the model lacks is said to be written: the cell itself


@dataclass(frozen=True)
class Row:
    """One row of the table: the values one document takes instead of the model's."""

    table: Path
    line: int  # 1-based line of the row in the table file
    cells: tuple[Cell, ...]


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


@dataclass
class BatchResult:
    """What a batch run did: files written, and the jobs that failed with their reasons."""

    total: int
    written: list[Path] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # -- the check rules' warnings of the jobs written --
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


Progress = Callable[[int, int, int], None]  # (jobs done, jobs in all, jobs failed)


# -- jobs --
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

    Raises:
        SpecError: the model is not readable YAML.
        TableError: the table cannot be read or a header is not a key path.
    """
    from .spec.loader import read_nodes

    read_nodes(model)  # -- a model that is not even YAML fails the run once, not once per row --
    rows = _yaml_rows(table) if table.suffix.lower() in (".yaml", ".yml") else _csv_rows(table)
    folder = out_dir or table.parent
    return [Job(f"{table}, dòng {row.line}", model, folder, row) for row in rows]


def _csv_rows(table: Path) -> list[Row]:
    try:
        text = table.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise TableError(f"{table}: không đọc được bảng ({exc.strerror}).\n    Gợi ý: kiểm tra đường dẫn sau --bang.") from exc
    except UnicodeDecodeError as exc:
        raise TableError(
            f"{table}: bảng không phải văn bản UTF-8.\n    Gợi ý: trong Excel chọn Save As → CSV UTF-8 (Comma delimited)."
        ) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)  # -- Excel in Vietnamese locales writes ';' --
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise TableError(f"{table}: bảng trống.\n    Gợi ý: dòng đầu là tên các cột, ví dụ co_quan_ban_hanh.dia_ban,ke_hoach.so") from None
    paths = [_key_path(key.strip(), table, 1, column) for column, key in enumerate(header, start=1)]
    rows = []
    line = reader.line_num + 1
    for record in reader:
        if any(value.strip() for value in record):
            if len(record) > len(header):
                raise TableError(
                    f"{table}:{line}: dòng có {len(record)} ô nhưng bảng chỉ có {len(header)} cột.\n"
                    "    Gợi ý: ô có dấu phẩy phải đặt trong dấu nháy kép."
                )
            cells = []
            for index, value in enumerate(record):
                if value.strip():
                    node = _cell_node(value, table, line, index + 1)
                    cells.append(Cell(header[index].strip(), paths[index], node, index + 1, node.start_mark))
            rows.append(Row(table, line, tuple(cells)))
        line = reader.line_num + 1
    return rows


def _yaml_rows(table: Path) -> list[Row]:
    from .spec.loader import read_nodes

    root = read_nodes(table)
    if not isinstance(root, yaml.SequenceNode):
        raise TableError(
            f"{table}: bảng YAML phải là một danh sách, mỗi phần tử một văn bản.\n"
            "    Gợi ý: - {co_quan_ban_hanh.dia_ban: Tân Phú, ke_hoach.so: 12}"
        )
    rows = []
    for item in root.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            raise TableError(f"{table}:{line}: mỗi phần tử của bảng phải là các cặp 'đường dẫn khóa: giá trị'.")
        cells = []
        for key_node, value_node in item.value:
            key = str(key_node.value).strip()
            column = key_node.start_mark.column + 1
            path = _key_path(key, table, key_node.start_mark.line + 1, column)
            cells.append(Cell(key, path, _moved(value_node), column, _moved(key_node).start_mark))
        rows.append(Row(table, line, tuple(cells)))
    return rows


def _key_path(key: str, table: Path, line: int, column: int) -> tuple[str | int, ...]:
    """'ke_hoach.noi_dung[1].chi_tieu[0]' → ('ke_hoach', 'noi_dung', 1, 'chi_tieu', 0)."""
    path: list[str | int] = []
    for segment in key.split("."):
        if segment.isdigit() and path:
            path.append(int(segment))
            continue
        match = _SEGMENT.fullmatch(segment)
        if match is None:
            raise TableError(
                f"{table}:{line}:{column}: tên cột {key!r} không phải đường dẫn khóa.\n"
                "    Gợi ý: viết các khóa của đặc tả nối bằng dấu chấm, phần tử danh sách đếm từ 0 trong ngoặc vuông, "
                "ví dụ ke_hoach.nguoi_ky.ho_ten hoặc ke_hoach.noi_dung[1].chi_tieu[0].gia_tri"
            )
        path.append(match.group(1))
        path += [int(n) for n in re.findall(r"\[(\d+)\]", match.group(2))]
    return tuple(path)


def _cell_node(text: str, table: Path, line: int, column: int) -> yaml.Node:
    """A table cell as the YAML node a specification would have: text stays text, a cell
    written '[a, b]' or '{k: v}' is a list or a mapping."""
    mark = yaml.Mark(str(table), 0, _TABLE_LINE_OFFSET + line - 1, column - 1, None, None)
    stripped = text.strip()
    if stripped[:1] in ("[", "{"):
        try:
            node = yaml.compose(stripped, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            raise TableError(
                f"{table}:{line}:{column}: ô {stripped!r} không đọc được như một danh sách hay nhóm khóa YAML ({exc}).\n"
                "    Gợi ý: ví dụ [VT, VP] hoặc {ten: Phòng Kinh tế}; nếu đây là chữ, bỏ dấu ngoặc ở đầu."
            ) from exc
        return _marked(node, mark)
    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, stripped, (True, False))
    return yaml.ScalarNode(tag, stripped, mark, mark)


def _marked(node: yaml.Node, mark: yaml.Mark) -> yaml.Node:
    node.start_mark = node.end_mark = mark
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _marked(child, mark)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _marked(key, mark)
            _marked(value, mark)
    return node


def _moved(node: yaml.Node) -> yaml.Node:
    """A node of a YAML table, its lines moved into the table's range (see _TABLE_LINE_OFFSET)."""
    moved = copy.copy(node)
    moved.start_mark = yaml.Mark(node.start_mark.name, 0, _TABLE_LINE_OFFSET + node.start_mark.line, node.start_mark.column, None, None)
    moved.end_mark = moved.start_mark
    if isinstance(node, yaml.SequenceNode):
        moved.value = [_moved(child) for child in node.value]
    elif isinstance(node, yaml.MappingNode):
        moved.value = [(_moved(k), _moved(v)) for k, v in node.value]
    return moved


# -- a row applied to the model --
def row_root(model_root: yaml.Node, row: Row) -> yaml.Node:
    """The model's node tree with the row's values in place; the model itself is not changed
    (only the nodes on the way to a changed value are copied)."""
    root = model_root
    for cell in row.cells:
        root = _replaced(root, cell.path, cell.node, cell, row)
    return root


def _replaced(node: yaml.Node, path: tuple[str | int, ...], value: yaml.Node, cell: Cell, row: Row) -> yaml.Node:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        if not isinstance(node, yaml.SequenceNode):
            raise SpecError(
                [_cell_problem(cell, row, f"cột {cell.key!r}: phần tử [{head}] không có vì chỗ này trong đặc tả mẫu không phải danh sách.")]
            )
        if head >= len(node.value):
            raise SpecError(
                [
                    _cell_problem(
                        cell,
                        row,
                        f"cột {cell.key!r}: danh sách trong đặc tả mẫu chỉ có {len(node.value)} phần tử (đếm từ 0).",
                        "Thêm phần tử vào đặc tả mẫu, hoặc sửa số trong ngoặc vuông.",
                    )
                ]
            )
        items = list(node.value)
        items[head] = _replaced(items[head], rest, value, cell, row)
        return yaml.SequenceNode(node.tag, items, node.start_mark, node.end_mark, node.flow_style)
    if not isinstance(node, yaml.MappingNode):
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            node = yaml.MappingNode("tag:yaml.org,2002:map", [], cell.mark, cell.mark)
        else:
            raise SpecError(
                [
                    _cell_problem(
                        cell, row, f"cột {cell.key!r}: khóa {head!r} không đặt được vì chỗ này trong đặc tả mẫu không phải nhóm khóa."
                    )
                ]
            )
    pairs = list(node.value)
    for index, (key, child) in enumerate(pairs):
        if isinstance(key, yaml.ScalarNode) and key.value == head:
            pairs[index] = (key, _replaced(child, rest, value, cell, row))
            break
    else:
        if rest and isinstance(rest[0], int):
            raise SpecError(
                [_cell_problem(cell, row, f"cột {cell.key!r}: đặc tả mẫu không có danh sách {head!r} để chọn phần tử [{rest[0]}].")]
            )
        key = yaml.ScalarNode("tag:yaml.org,2002:str", head, cell.mark, cell.mark)
        empty = yaml.MappingNode("tag:yaml.org,2002:map", [], cell.mark, cell.mark)
        pairs.append((key, _replaced(empty, rest, value, cell, row)))
    return yaml.MappingNode(node.tag, pairs, node.start_mark, node.end_mark, node.flow_style)


def _cell_problem(cell: Cell, row: Row, message: str, hint: str = "") -> Problem:
    return Problem(message, path=cell.key, line=row.line, column=cell.column, hint=hint, file=str(row.table))


def _in_table(problem: Problem, table: Path) -> Problem:
    """A problem found in a node that came from the table, pointed at the table."""
    if problem.line > _TABLE_LINE_OFFSET:
        return replace(problem, file=str(table), line=problem.line - _TABLE_LINE_OFFSET)
    return problem


def _number_in_table(number: IssuedNumber, table: Path) -> IssuedNumber:
    """A number written in a cell of the table, pointed at the table."""
    if number.loc.line > _TABLE_LINE_OFFSET:
        return replace(number, file=str(table), loc=number.loc._replace(line=number.loc.line - _TABLE_LINE_OFFSET))
    return number


@lru_cache(maxsize=8)
def _model_root(path: Path) -> yaml.Node:
    from .spec.loader import read_nodes

    return read_nodes(path)


def _row_spec(job: Job) -> object:
    from .spec import validate

    assert job.row is not None
    root = row_root(_model_root(job.spec_path), job.row)
    try:
        # -- the model's own lines keep its name; a row's cells are moved to the table by _in_table --
        return validate.validate_nodes(root, str(job.spec_path), job.spec_path.parent)
    except SpecError as exc:
        raise SpecError([_in_table(p, job.row.table) for p in exc.problems]) from exc


# -- rendering, in whichever process runs the job --
def _checked_render(spec: Spec, job: Job, strict: bool) -> tuple[list[RenderedDocument], list[Problem]]:
    """api.render (every rule of the check command, the spec's own template), with the
    findings in a row's cells pointed at the table."""
    from . import api

    table = job.row.table if job.row is not None else None
    try:
        result = api.render(spec, strict=strict)
    except SpecError as exc:
        raise SpecError([_in_table(p, table) if table else p for p in exc.problems]) from exc
    return list(result), [_in_table(w, table) if table else w for w in result.warnings]


@dataclass(frozen=True)
class _Outcome:
    index: int
    documents: tuple[tuple[str, bytes], ...]  # (file name, data)
    messages: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    numbers: tuple[IssuedNumber, ...] = ()  # -- ND30-SO-TRUNG is judged across the jobs, in the parent --
    inputs: tuple[Path, ...] = ()  # -- files the job read besides its specification (its template) --


def _render(indexed: tuple[int, Job], strict: bool = False) -> _Outcome:
    index, job = indexed
    from . import api

    try:
        spec = api.load_spec(job.spec_path) if job.row is None else _row_spec(job)
        documents, warnings = _checked_render(spec, job, strict)  # type: ignore[arg-type]
        numbers = [_number_in_table(n, job.row.table) if job.row else n for n in issued_numbers(spec)]  # type: ignore[arg-type]
        template = own_template(spec)  # type: ignore[arg-type]
        return _Outcome(index, tuple((d.file_name, d.data) for d in documents), (), tuple(w.format() for w in warnings), tuple(numbers),
                        (template,) if template is not None else ())
    except CchcError as exc:
        return _Outcome(index, (), tuple(exc.messages()))
    except Exception as exc:  # -- a bug must not take the other documents down with it --
        return _Outcome(
            index, (), (f"{job.label}: lỗi không mong đợi trong cchc_docgen (không phải lỗi của đặc tả): {type(exc).__name__}: {exc}",)
        )


def _outcomes(jobs: list[Job], workers: int, strict: bool = False) -> Iterator[_Outcome]:
    indexed = list(enumerate(jobs))
    render = functools.partial(_render, strict=strict)
    if workers <= 1 or len(jobs) < _SERIAL_BELOW:
        yield from map(render, indexed)
        return
    # -- fork (where there is one) shares the parent's loaded modules with no re-import;
    # -- results come back in job order so the first of two same-named files always wins --
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods and sys.platform.startswith("linux") else None)
    chunk = max(1, min(32, len(jobs) // (workers * 8)))
    with context.Pool(workers) as pool:
        yield from pool.imap(render, indexed, chunksize=chunk)


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # -- not on Linux --
        return max(1, os.cpu_count() or 1)


def run(
    jobs: list[Job], *, workers: int | None = None, pdf: bool = False, progress: Progress | None = None, failures: Sequence[Failure] = (),
    strict: bool = False, overwrite: bool = False,
) -> BatchResult:
    """Render and write every job; a failing job is recorded and the others go on.

    ``failures`` are problems found while listing the jobs (an empty folder), reported with
    the rest. With ``pdf``, the documents written are then converted with LibreOffice.
    Each job's documents are written all or none; with ``overwrite``, files another plan
    (or the drafter) made are replaced instead of reported.
    """
    from .writing import Inputs, write_files

    # -- every specification, model and table the jobs read, and each template as a job
    # -- names it: no job's output may replace one of them --
    inputs = Inputs({job.spec_path for job in jobs} | {job.row.table for job in jobs if job.row is not None})

    started = time.perf_counter()
    result = BatchResult(total=len(jobs) + len(failures), failures=list(failures))
    owners: dict[Path, str] = {}
    numbers = NumberRegister()
    done = len(failures)
    if progress is not None:
        progress(done, result.total, len(result.failures))
    for outcome in _outcomes(jobs, workers or default_workers(), strict):
        job = jobs[outcome.index]
        messages = list(outcome.messages)
        for path in outcome.inputs:
            inputs.add(path)
        reused = [p for p in map(numbers.add, outcome.numbers) if p]
        messages += [p.format() for p in reused]
        files = [(job.out_dir / name, data) for name, data in outcome.documents] if not reused else []
        # -- one specification's documents are written all or none: a clash stops all of them --
        clashes = [(target, owners[target.resolve()]) for target, _ in files if target.resolve() in owners]
        for target, owner in clashes:
            messages.append(
                f"{job.label}: tệp kết quả {target} trùng tên với tệp của {owner}; không ghi tệp nào của việc này.\n"
                "    Gợi ý: đặt 'xuat.ten_tep' khác nhau cho mỗi văn bản (một cột xuat.ten_tep trong bảng)."
            )
        if files and not clashes:
            try:
                result.written += write_files(files, protected=inputs, overwrite=overwrite)
                owners.update((target.resolve(), job.label) for target, _ in files)
            except CchcError as exc:
                messages += exc.messages()
        if messages:
            result.failures.append(Failure(job.label, tuple(messages)))
        result.warnings += outcome.warnings
        done += 1
        if progress is not None:
            progress(done, result.total, len(result.failures))
    if pdf and result.written:
        from .pdf import PdfError, convert

        try:
            converted = convert(result.written)
        except PdfError as exc:  # -- no LibreOffice: the documents are written all the same --
            result.failures.append(Failure("PDF", tuple(exc.messages())))
        else:
            result.pdfs = converted.pdfs
            result.failures += [Failure(str(path), (reason,)) for path, reason in converted.failures]
    result.seconds = time.perf_counter() - started
    return result


class ProgressBar:
    """A one-line progress bar redrawn in place: for a terminal only (the command checks)."""

    WIDTH = 30

    def __init__(self, stream: TextIO, *, interval: float = 0.1):
        self.stream = stream
        self.interval = interval
        self.started = time.monotonic()
        self.last = 0.0
        self.drawn = False

    def __call__(self, done: int, total: int, failed: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < self.interval:
            return
        self.last = now
        share = done / total if total else 1.0
        filled = int(share * self.WIDTH)
        bar = "█" * filled + "░" * (self.WIDTH - filled)
        elapsed = now - self.started
        eta = f", còn khoảng {elapsed / done * (total - done):.0f} giây" if 0 < done < total else ""
        errors = f", {failed} lỗi" if failed else ""
        self.stream.write(f"\r{bar} {done}/{total} văn bản{errors}{eta}\x1b[K")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
