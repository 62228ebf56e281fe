"""``python -m cchc_docgen.resident KEY [IDLE_SECONDS]``: started by a command (``client.start``), not by hand."""

import sys

from .server import serve

if len(sys.argv) not in (2, 3):
    raise SystemExit(2)
raise SystemExit(serve(sys.argv[1], *map(float, sys.argv[2:])))
