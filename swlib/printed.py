"""Whether a narrative passage does no more than restate figures a public report prints in its
tables (each measure's run of years: ``publishing.printed_series``). Dundee 2016/17's workforce passage says
"a total of 40 recorded violent incidents ... compared with 41 recorded incidents the year before":
the difference of the two (1) is what ``small_numbers`` finds, and the table just below the
passage prints 41 and 40 for the same measure, so the passage gives nothing away the page does not
already print. A passage is let through only where every figure in it above the small-number
range is one measure's printed figure, and nothing else in it is small once those are set aside."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .small_numbers import small_numbers_in

# a whole figure in digits ("40", "1,510"), not part of a date, range, decimal, percentage or money
_FIGURE = re.compile(r"(?<![\w.,/£$€-])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w%]|[.,/-]\d)")
# a figure above the small-number range said in words, which the digits above would not see
_BIG_WORDS = re.compile(r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|score)\b",
                        re.IGNORECASE)  # fmt: skip


# said as a change over time ("compared with 41 the year before"), not as a part of a whole
_OVER_TIME = re.compile(r"\b(the year before|the previous year|last year|a year earlier|the year earlier|the prior year|"
                        r"(?:19|20)\d\d(?:[-/]\d\d)?)\b", re.IGNORECASE)  # fmt: skip
_PART_OF = re.compile(
    r"(?:(?<!total )(?<!number )\bof\s+(?:the\s+|these\s+|those\s+|our\s+|all\s+)?#\d+#|#\d+#\s+(?:out\s+)?of\b)",
    re.IGNORECASE,
)


def restates_printed(block: str, printed: Iterable[frozenset[float]], lo: int = 1, hi: int = 4) -> bool:
    """Whether ``block``'s figures above ``hi`` are all figures of one printed measure (``printed_series``)
    and, those set aside (each written as a large figure of its own), ``small_numbers_in`` finds
    nothing: a passage that says a measure's printed figures and their difference, nothing more. Said as
    a change over time (a year, "the year before"), never as a part of a whole ("40 of the 41"),
    which would tell what the table's years do not."""
    counts = {float(m.group().replace(",", "")) for m in _FIGURE.finditer(block)}
    counts = {c for c in counts if c > hi}
    if not counts or _BIG_WORDS.search(block):
        return False
    for s in printed:
        if counts <= s:
            marked = _FIGURE.sub(lambda m: f"#{int(float(m.group().replace(',', '')))}#", block)
            if _PART_OF.search(marked) or not _OVER_TIME.search(block):  # "Of the 41 incidents, 40 were ...": a part
                return False
            order = {v: i for i, v in enumerate(sorted(s), start=1)}
            aside = _FIGURE.sub(
                lambda m, o=order: str(10_000_000 * o.get(float(m.group().replace(",", "")), 0) or m.group()), block
            )
            return not small_numbers_in(aside, lo, hi)
    return False


def lazily(make: Callable[[], list[frozenset[float]]]) -> Callable[[], list[frozenset[float]]]:
    """``make`` called once, on first need: a file with no finding never works out the figures."""
    memo: list = []

    def get():
        if not memo:
            memo.append(make())
        return memo[0]

    return get
