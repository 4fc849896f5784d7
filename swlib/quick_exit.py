"""Leave the process as Python would, less its teardown of every module.

A report run ends with pandas, papermill, nbconvert, jupyter_client and a data set loaded; Python's
own exit then clears every module and runs the garbage collector over all they hold: about 0.2 s
of CPU for a single quarterly run (measured in turns against leaving without it), after the report
is written, on the run's critical path. ``run(main)`` runs the command line, then does what Python's
exit does up to that teardown, in its order: the threads' shutdown (non-daemon threads joined,
``concurrent.futures`` told to stop first), the ``atexit`` functions (kernels and Chromium stopped,
coverage data written), standard output and error flushed; then it leaves with the exit code
``sys.exit`` was given, as Python reads it (None 0, a number itself, anything else printed, 1).
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import NoReturn


def run(main: Callable[[], object]) -> NoReturn:
    """Run ``main`` (the command group: it ends with ``sys.exit``) and leave. An exception other
    than SystemExit goes up as usual (Python prints it and tears down)."""
    try:
        main()
        code = None
    except SystemExit as e:
        code = e.code
    leave(code)


_STOPPED: list[int] = []


def _stopping(signum, frame) -> None:
    """SIGTERM or Ctrl-C while leaving: the command's work is done and the exit functions (kernels
    stopped) run to their end, not broken off by an exception (a traceback, exit status -2); a
    second signal leaves at once."""
    if _STOPPED:
        os._exit(128 + signum)
    _STOPPED.append(signum)


def leave(code: object = None) -> NoReturn:
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, _stopping)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    shutdown = getattr(threading, "_shutdown", None)  # what Python's exit calls first (3.11: Py_FinalizeEx)
    if shutdown is not None:
        shutdown()
    else:  # pragma: no cover (a Python without it: join the threads Python would wait for)
        for t in threading.enumerate():
            if t is not threading.current_thread() and not t.daemon:
                t.join()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: Python's exit says so with 120
            status = status or 120
    os._exit(status)
