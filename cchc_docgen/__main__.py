import os
import sys

from .resident.client import Resident

resident = Resident(sys.argv[1:])
code = resident.run()
if code is not None:
    sys.stderr.flush()
    os._exit(code)  # -- the child flushed everything it printed; this process printed nothing --

from .cli import main  # noqa: E402 -- only when the command runs here

code = main(before_exit=resident.after)  # -- a one-shot command ends the process in there --
resident.after()
raise SystemExit(code)
