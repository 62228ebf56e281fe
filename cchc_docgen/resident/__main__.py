"""``python -m cchc_docgen.resident KEY``: started by a command (``client.start``), not by hand."""

import sys

from .server import serve

raise SystemExit(serve(sys.argv[1]) if len(sys.argv) == 2 else 2)
