"""The line a withheld narrative passage is on, as ``check-public`` and a public run both name it.

``check-public`` names a small number by the line it is written on ("summary.md, line 2"); a public
report withholds the whole paragraph. The paragraph's withheld passage is named by the same rule:
the first line of the paragraph that holds an unchecked small number, or, for a count said across
its lines ("Of the 26 children referred,\\n23 were accepted."), the paragraph's first line.
"""

from __future__ import annotations

from collections.abc import Callable


def passage_line(block: str, first: int, hits: Callable[[str], list]) -> int:
    """The line number of the passage ``hits`` finds in ``block`` (a paragraph whose first
    non-blank line is line ``first`` of its file): the first line with a hit of its own, else
    ``first``."""
    for n, line in enumerate(block.lstrip("\n").splitlines()):
        if hits(line):
            return first + n
    return first
