"""``python -m cchc_docgen`` and the ``cchc-docgen`` command: served by the resident process
when one is there for it (cchc_docgen/resident), else run in this process (cchc_docgen/cli)."""

import os
import sys


def run() -> None:
    from .resident.client import Resident

    resident = Resident(sys.argv[1:])
    code = resident.run()
    if code is not None:
        sys.stderr.flush()
        os._exit(code)  # -- the child flushed everything it printed; this process printed nothing --
    from .cli import main

    code = main(before_exit=resident.after)  # -- a one-shot command ends the process in there --
    resident.after()
    raise SystemExit(code)


if __name__ == "__main__":
    run()
