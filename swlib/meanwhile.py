"""Work the parent does in a thread while a report's kernel runs its cells.

While papermill executes a report the parent process only waits on the kernel's messages, and
the machine has a core to spare: what the parent needs only after the report has run (building
the HTML exporter, the figures a public report records, the command line's closing messages) is
done then, not after the last cell. The work is pure (it reads, never writes); its errors are
raised where its result is used, as if it had run there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Meanwhile:
    """Run ``fns`` one after another in a daemon thread, started at once; ``result(i)`` waits for
    them and returns the i-th result (or raises its exception)."""

    def __init__(self, *fns: Callable[[], object]):
        self._fns = fns
        self._out: list[tuple[bool, object]] = []
        self._thread = threading.Thread(target=self._run, name="swreport-meanwhile", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        for fn in self._fns:
            try:
                self._out.append((True, fn()))
            except BaseException as e:  # raised again where the result is used
                self._out.append((False, e))

    def join(self) -> None:
        self._thread.join()

    def result(self, i: int = 0):
        self.join()
        ok, value = self._out[i]
        if not ok:
            raise value
        return value
