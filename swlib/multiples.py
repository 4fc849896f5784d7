"""A change said as a multiple with no figure ("Secure placements doubled this year", "halved",
"trebled"): what it gives away beside the figures of the measure it is said of.

"Doubled" says the figure now is twice the figure before, so either figure gives the other and
the change: last year's 3 printed, "doubled" tells 6 now and 3 more; this year's 6 printed beside
a last year of [c], it tells the 3 the table hid. A multiple with its figure ("doubled to 8",
"halved from 8") is ``count_forms``' (the figure is in the text). Without one, what it gives away
depends on the figures: ``multiple_hits`` flags it where any figure of the measure, taken as the
figure before or the figure now, is itself from lo to hi or gives a figure or a change from lo to
hi (a whole number), or where a figure of the measure is printed [c] (itself small, or worked out
from one that is: the multiple ties it to the figure beside it). Said of rates, percentages,
averages or money it counts no one; qualified ("more than doubled", "almost halved") it pins no
figure down. Where no figure of a measure is known to go with it (a narrative passage naming no
printed measure), nothing is derived and nothing is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .count_forms import LAST_PERIOD, NOT_COUNTS, WHOLE_FIGURE
from .number_words import LazyPattern, small_count
from .text_windows import SENTENCE

FACTORS = {"doubled": 2.0, "halved": 0.5, "trebled": 3.0, "tripled": 3.0, "quadrupled": 4.0}
MULTIPLE = LazyPattern(r"\b(?P<how>doubled|halved|trebled|tripled|quadrupled)\b", re.I)
# "more than doubled", "almost halved", "roughly trebled": no figure pinned down
_QUALIFIED = LazyPattern(r"\b(?:more\s+than|over|nearly|almost|roughly|approximately|about|around|close\s+to|"
                   r"just\s+(?:under|over)|well\s+over|at\s+least|not\s+quite|broadly|largely|more\s+or\s+less)"
                   r"\s+(?:\w+\s+)?$", re.I)  # fmt: skip
# its figure said with it: "doubled to 8", "halved from last year's 8" (``count_forms`` finds these)
_WITH_FIGURE = LazyPattern(rf"\s+(?:\w+\s+){{0,2}}?(?:from|to)\s+(?:the\s+)?{LAST_PERIOD}{WHOLE_FIGURE}\b", re.I)


def multiples_in(text) -> list[tuple[str, float]]:
    """(passage, factor) for each change said as a multiple without its figure, in a sentence about
    counts: "Secure placements doubled this year." (2), "Re-registrations halved." (0.5)."""
    if not isinstance(text, str):
        return []
    out = []
    for s in SENTENCE.finditer(text):
        sentence = s.group(0)
        for m in MULTIPLE.finditer(sentence):
            if NOT_COUNTS.search(sentence[: m.start()]) or _WITH_FIGURE.match(sentence, m.end()):
                continue
            if _QUALIFIED.search(sentence, 0, m.start()):
                continue
            out.append((" ".join(sentence.split()), FACTORS[m.group("how").lower()]))
    return out


def derived(factor: float, x: float) -> list[float]:
    """The figures a multiple and one figure ``x`` give: ``x`` taken as the figure before (the
    figure now, the change), then as the figure now (the figure before, the change)."""
    return [factor * x, abs(factor - 1) * x, x / factor, abs(x - x / factor)]


def gives_away(factor: float, figures: Iterable[float], lo: int, hi: int) -> bool:
    """Whether a multiple beside ``figures`` (one measure's) gives a count from lo to hi away: a
    figure itself from lo to hi, or a whole figure or change from lo to hi worked out from one."""
    for x in figures:
        try:
            x = float(x)
        except (TypeError, ValueError):
            continue
        if x != x:  # NaN: no figure
            continue
        if small_count(x, lo, hi):
            return True
        if any(small_count(v, lo, hi) and float(round(v, 6)).is_integer() for v in derived(factor, x)):
            return True
    return False


def multiple_hits(text, figures: Iterable[float], lo: int = 1, hi: int = 4, hidden: bool = False) -> list[str]:
    """Each passage of ``text`` with a multiple said without its figure that gives a count from
    lo to hi away beside ``figures``, the figures of the measure it is said of (``gives_away``);
    ``hidden``: a figure of that measure is printed [c], so any multiple does (it ties the hidden
    figure to the one beside it)."""
    figures = list(figures)
    return [p for p, f in multiples_in(text) if hidden or gives_away(f, figures, lo, hi)]
