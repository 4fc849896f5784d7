"""A batch's progress, fit for where it runs.

On a terminal: a bar at the bottom, and above it one line per report as it finishes, naming it
with its time. In a log (output that is not a terminal, e.g. a scheduled job's): one plain line
per report, no carriage returns. Nothing when there is nothing to render (the batch's own summary
says in one line that every report was unchanged) or when progress is turned off.
"""

from __future__ import annotations

import sys

WORDS = {"ok": "rendered", "failed": "FAILED"}


def line(outcome, n: int, total: int) -> str:
    """``[2/5] rendered dundee-city/2016-17/annual in 5.8 s``."""
    word = WORDS.get(outcome.status, outcome.status)
    return f"[{n}/{total}] {word} {outcome.job.key} in {outcome.seconds:.1f} s"


class Progress:
    """``done(outcome)`` as each report finishes; ``close()`` at the end (or use as a context manager)."""

    def __init__(self, total: int, enabled: bool = True, stream=None, desc: str = "rendering"):
        self.total, self.n = total, 0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled and total > 0
        self.bar = None
        if self.enabled and _isatty(self.stream):
            from tqdm import tqdm  # only on a terminal; a batch imports this module before its kernels start

            self.bar = tqdm(
                total=total, desc=desc, file=self.stream, dynamic_ncols=True, mininterval=0, miniters=1,
                bar_format="{desc}: {n_fmt}/{total_fmt} reports |{bar}| {elapsed} elapsed, {remaining} left",
            )  # fmt: skip

    def done(self, outcome) -> None:
        self.n += 1
        if not self.enabled:
            return
        text = line(outcome, self.n, self.total)
        if self.bar is not None:
            self.bar.write(text, file=self.stream)
            self.bar.update()
        else:
            print(text, file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
