"""A resident process that keeps the library imported, so the command only pays for its work.

A drafter's ``python -m cchc_docgen plan.yaml`` spends most of its time before any work:
starting Python, importing PyYAML and the library, making its classes, compiling its
patterns (measured in benchmarks/process.py: ~55 ms of imports against ~25 ms of work for a
seed plan). On Linux the first run starts, after its own work is done and printed, a
resident process for the same interpreter, library and settings (``server``): it imports
everything the one-shot commands use, then waits on a socket in a folder only this user can
enter. The next run (``client``) hands it its arguments, folder, environment and its
standard streams themselves (file descriptors passed over the socket), and the resident
process forks a child (``child``) that runs the command exactly as the drafter's own
process would have, writing straight to the drafter's terminal or pipes, and reports the
exit code, which the drafter's process exits with. Ctrl-C and SIGTERM are passed on to
the child, so a stop behaves as it does without the resident process.

What is never done through it: ``batch`` and ``serve`` (long-running, with workers or a
server of their own); ``--help`` and ``--version`` (answered before any library module is
imported, faster here than a round trip); a command reading a specification from standard input; a Python
started with options of its own (``-X``, ``-O``, ``-I``...); other platforms than Linux.
They, and every case where the resident process cannot be reached or refuses, run in the
drafter's process as before: the resident process can make a run faster, never different.

``CCHC_DOCGEN_RESIDENT=0`` turns it off; it ends by itself after ``IDLE_SECONDS`` without
a request, or as soon as a module it has imported changes on disk (an upgrade, an edit).
"""

from __future__ import annotations

ENVIRONMENT_VARIABLE = "CCHC_DOCGEN_RESIDENT"
IDLE_SECONDS = 900.0  # -- a quarter of an hour without a request: a drafter's pause between edits --
PROTOCOL = 1  # -- bumped when a request's or reply's shape changes --
