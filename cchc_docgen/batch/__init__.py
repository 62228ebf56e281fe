"""Many plans in one run: a folder of specifications, or one model specification and a table.

A province's Department of Home Affairs writes the plan of every commune it oversees from
one model and a table of what differs (the commune, the number, the signer, targets…).
Each column of the table is a key path into the model (``co_quan_ban_hanh.dia_ban``,
``ke_hoach.noi_dung[1].chi_tieu[0].gia_tri``); the row's values replace the model's YAML
nodes *before* validation, so a wrong value is reported at its row and column of the
table, exactly as a wrong line of a specification would be.

The pipeline of a batch, one module per step:

- ``table``: the table read into rows (``csv_table``, ``yaml_table``, what they share in
  ``table_types``); a bad row or cell stays with its row;
- ``rows``: a row applied to the model, and the header judged once against the model;
- ``jobs``: the jobs (files or rows) and the one function that renders a job;
- ``pool``: worker processes, one per core, with a time limit per job, stopped cleanly;
- ``runner``: each job's documents written as it finishes, file-name clashes refused;
- ``progress``: the progress bar.

A bad specification or row is reported with its reasons and does not stop the others.
"""

from .jobs import SPEC_SUFFIXES, TABLE_SUFFIXES, Failure, Job, Outcome, jobs_from_paths, jobs_from_table, render_job
from .progress import ProgressBar
from .rows import row_root
from .runner import DEFAULT_TIME_LIMIT, BatchResult, Progress, default_workers, run, write_job
from .table_types import MAX_CELL_CHARS, MAX_ROWS, MAX_TABLE_BYTES, Cell, Row, TableError

__all__ = [
    "DEFAULT_TIME_LIMIT",
    "MAX_CELL_CHARS",
    "MAX_ROWS",
    "MAX_TABLE_BYTES",
    "SPEC_SUFFIXES",
    "TABLE_SUFFIXES",
    "BatchResult",
    "Cell",
    "Failure",
    "Job",
    "Outcome",
    "Progress",
    "ProgressBar",
    "Row",
    "TableError",
    "default_workers",
    "jobs_from_paths",
    "jobs_from_table",
    "render_job",
    "row_root",
    "run",
    "write_job",
]
