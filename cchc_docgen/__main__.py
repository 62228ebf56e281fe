import os
import sys

from .resident.client import Resident, start

resident = Resident(sys.argv[1:])
code = resident.run()
if code is not None:
    sys.stderr.flush()
    os._exit(code)  # -- the child flushed everything it printed; this process printed nothing --

from .cli import main  # noqa: E402 -- only when the command runs here

raise SystemExit(main(before_exit=start if resident.start_later else None))
