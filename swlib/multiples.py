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

A change by a percentage or a number of times with no figure ("rose by 200%", "fell by 25%",
"increased threefold", "three times as many") is a multiple too: 1 + 200% is 3, 1 - 25% is 0.75.
A percentage is said rounded, so the figures it gives are the whole ones whose change prints as
that percentage ("rose by 8%" beside 43: from 40, 7.5%).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .count_patterns import CHANGE_DOWN, CHANGE_UP, LAST_PERIOD, NOT_COUNTS, WHOLE_FIGURE
from .number_words import NUMBER_WORDS, LazyPattern, changed_figures, small_count
from .sentence_counts import SHARE_SAID, shares_of_figures
from .text_windows import SENTENCE

FACTORS = {"doubled": 2.0, "halved": 0.5, "trebled": 3.0, "tripled": 3.0, "quadrupled": 4.0, "twice": 2.0}
_TIMES = r"(?:two|three|four|five|six|seven|eight|nine|ten|[2-9]|10)"
MULTIPLE = LazyPattern(
    r"\b(?:(?P<how>doubled|halved|trebled|tripled|quadrupled)\b"
    rf"|(?P<fold>{_TIMES})[\s-]?fold\b"  # "increased threefold", "a 3-fold rise"
    rf"|(?P<times>twice|{_TIMES}\s+times)\s+(?:as\s+(?:many|high|large)|more|the\s+number|last\s+year|that)\b"
    rf"|(?:(?P<up>{CHANGE_UP})|(?P<down>{CHANGE_DOWN}))\s+(?:by\s+)?(?P<pc>\d{{1,4}}(?:\.\d+)?)\s*(?:%|per\s*cent\b|percent\b)"
    r"|(?:an?\s+)?(?P<pc2>\d{1,4}(?:\.\d+)?)\s*(?:%|per\s*cent|percent)\s+(?:(?P<up2>increase|rise)|"
    r"(?P<down2>fall|drop|decrease|reduction))\b)",
    re.I,
)
# "more than doubled", "almost halved", "roughly trebled": no figure pinned down
_QUALIFIED = LazyPattern(r"\b(?:more\s+than|over|nearly|almost|roughly|approximately|about|around|close\s+to|"
                   r"just\s+(?:under|over)|well\s+over|at\s+least|not\s+quite|broadly|largely|more\s+or\s+less)"
                   r"\s+(?:\w+\s+)?$", re.I)  # fmt: skip
# its figure said with it: "doubled to 8", "halved from last year's 8" (``count_forms`` finds these)
_WITH_FIGURE = LazyPattern(rf"\s+(?:\w+\s+){{0,2}}?(?:from|to)\s+(?:the\s+)?{LAST_PERIOD}{WHOLE_FIGURE}\b", re.I)


def multiples_in(text) -> list[tuple[str, float]]:
    """(passage, factor) for each change said as a multiple without its figure, in a sentence about
    counts: "Secure placements doubled this year." (2), "Re-registrations halved." (0.5),
    "Secure placements rose by 200%." (3), "Referrals fell by 25%." (0.75)."""
    return [(p, f) for p, f, _ in _changes_in(text)]


def _changes_in(text) -> list[tuple[str, float, int | None]]:
    """(passage, factor, places): ``places`` the decimal places a percentage is said to (it is
    rounded), None for a multiple said exactly ("doubled", "threefold")."""
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
            change = _factor(m)
            if change is not None:
                out.append((" ".join(sentence.split()), *change))
    return out


def _factor(m: re.Match) -> tuple[float, int | None] | None:
    """The factor a match of ``MULTIPLE`` says, and the places of a percentage (None if exact)."""
    if m.group("how"):
        return FACTORS[m.group("how").lower()], None
    if m.group("fold") or m.group("times"):
        said = (m.group("fold") or m.group("times")).lower().removesuffix("times").strip()
        return FACTORS.get(said) or float(said if said.isdigit() else NUMBER_WORDS[said]), None
    pc = m.group("pc") or m.group("pc2")
    p, places = float(pc), len(pc.partition(".")[2])
    if m.group("up") or m.group("up2"):
        return 1 + p / 100, places
    return (1 - p / 100, places) if 0 < p < 100 else None


def derived(factor: float, x: float) -> list[float]:
    """The figures a multiple and one figure ``x`` give: ``x`` taken as the figure before (the
    figure now, the change), then as the figure now (the figure before, the change)."""
    return [factor * x, abs(factor - 1) * x, x / factor, abs(x - x / factor)]


def gives_away(factor: float, figures: Iterable[float], lo: int, hi: int, places: int | None = None) -> bool:
    """Whether a multiple beside ``figures`` (one measure's) gives a count from lo to hi away: a
    figure itself from lo to hi, or a whole figure or change from lo to hi worked out from one.
    ``places``: the multiple is a percentage change said to that many decimal places, so any whole
    figure whose change from or to the figure prints as that percentage is worked out."""
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
        if places is not None and float(x).is_integer() and _rounded_gives(factor, x, lo, hi, places):
            return True
    return False


def _rounded_gives(factor: float, x: float, lo: int, hi: int, places: int) -> bool:
    """Whether a whole figure before ``x`` (``x`` the figure now) or after it (``x`` the figure
    before) changes by a percentage that prints as ``factor``'s at ``places`` decimals
    (``number_words.changed_figures``, as a change said with its figure is read), with that figure
    or the change from lo to hi."""
    up, pc = factor > 1, round(abs(factor - 1) * 100, 9)
    pairs = changed_figures(pc, places, x, up) + changed_figures(pc, places, x, up, now=False)
    return any(
        small_count(abs(after - before), lo, hi) or small_count(min(before, after), lo, hi) for before, after in pairs
    )


def multiple_hits(
    text, figures: Iterable[float], lo: int = 1, hi: int = 4, hidden: bool = False, shares: bool = True
) -> list[str]:
    """Each passage of ``text`` with a multiple said without its figure that gives a count from
    lo to hi away beside ``figures``, the figures of the measure it is said of (``gives_away``);
    ``hidden``: a figure of that measure is printed [c], so any multiple does (it ties the hidden
    figure to the one beside it). With ``shares`` (``figures`` are counts), a share said without its
    figure too, a multiple of less than one: "8.8% of this year's incidents led to hospital
    treatment" beside 34 (3), "one in ten of this year's orders" beside 30 (3)
    (``sentence_counts.shares_of_figures``)."""
    figures = list(figures)
    out = [p for p, f, places in _changes_in(text) if hidden or gives_away(f, figures, lo, hi, places)]
    return out + [p for p in shares_of_figures(text, figures, lo, hi) if p not in out] if shares else out


def said_without_figure(text) -> bool:
    """Whether ``text`` says a multiple (``multiples_in``) or a share (a percentage, a fraction in
    words, one in so many) that ``multiple_hits`` sets against a measure's figures."""
    return bool(multiples_in(text)) or (isinstance(text, str) and bool(SHARE_SAID.search(text)))
