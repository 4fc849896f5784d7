"""A figure said as the value of what it counts, after it: "Secure placements: one.", "The number of
secure placements was one.", "The Q1 figure was two.", "nil except for one in May", "Placements in
Q1 (one)", "Children placed numbered III", and a rate of a population said with it ("0.3 per 1,000
of the 11,000 children": 3). ``FORMS``, one row a form as ``count_forms.FORMS``, which
``sentence_counts.small_counts_in`` checks with them.
"""

from __future__ import annotations

import re

from .base import round_half_up
from .count_patterns import NOT_COUNTS, NOT_UNIT, WHOLE_FIGURE
from .number_words import NOUNS, ROMAN, UNDER_100, LazyPattern, word_value
from .text_windows import sentence_start

# what a sentence says a figure of: people or events counted, or a figure, a number, a total
_COUNTED = LazyPattern(rf"\b(?:{NOUNS}|figures?|numbers?|totals?|count|tally)\b", re.I)
_END = r"\s*(?=[.;,)!?]|$)"  # the figure ends its clause: "was one." (not "was one of our priorities")


def _of_a_count(m: re.Match, value: float) -> list[float]:
    """``value`` where the sentence before the match says what it counts (``_COUNTED``) and is not about
    a rate, a percentage or an average; none otherwise ("The answer was one.")."""
    before = m.string[sentence_start(m.string, m.start()) : m.start()]
    return [value] if _COUNTED.search(before) and not NOT_COUNTS.search(before) else []


def _rate_count(m: re.Match) -> list[float]:  # "0.3 per 1,000 of the 11,000 children": 3
    """The whole counts of the population said that print as the rate said (0.3 per 1,000 of 11,000: [3])."""
    rate, d = float(m.group("r")), len(m.group("d") or "")
    per = {"thousand": 1000, "ten thousand": 10_000, "hundred thousand": 100_000}.get(
        re.sub(r"\s+", " ", m.group("per").lower()), None
    ) or float(m.group("per").replace(",", ""))
    pop = float(m.group("pop").replace(",", ""))
    if not pop or not rate:
        return []
    guess = rate * pop / per
    return [k for k in range(max(1, int(guess) - 2), int(guess) + 3) if float(round_half_up(k * per / pop, d)) == rate]


FORMS: list[tuple[str, re.Pattern, object]] = [
    (  # "Secure placements: one.", "Secure placements this year: one.", "orders for babies: one.", "Recruited: one."
        "one said after what it counts",
        LazyPattern(
            rf"(?:\b(?:{NOUNS})\b(?:\s+[\w'’-]+){{0,4}}?|(?:^|[.;!?]\s+)(?:[\w'’-]+\s+){{0,2}}?[a-z]{{3,}}ed)\s*:\s*"
            rf"(?:just\s+|only\s+)?(?:one|a\s+single(?:\s+one)?){_END}",
            re.I | re.M,
        ),
        1,
    ),
    (  # "The number of secure placements was one.", "Placements totalled one.", "The Q1 figure was two."
        "a figure said to be a number",
        LazyPattern(
            r"\b(?:was|were|is|are|totall?ed|totall?ing|numbered|stood\s+at|came\s+to|amounted\s+to|remained(?:\s+at)?|"
            r"(?:rose|fell|dropped|increased|decreased|went\s+(?:up|down))\s+to)\s+(?:just\s+|only\s+|again\s+)?"
            rf"(?P<n>{UNDER_100}|a\s+single\s+one){_END}",
            re.I | re.M,
        ),
        lambda m: _of_a_count(m, 1 if m.group("n").lower().startswith("a") else word_value(m.group("n"))),
    ),
    (  # "nil except for one in May", "zero apart from two": the ones left out, as "none except one" is
        "nil but a few",
        LazyPattern(
            r"\b(?:nil|zero)\s*,?\s+(?:except(?:\s+for)?|apart\s+from|save(?:\s+for)?|bar|but\s+for|other\s+than|"
            rf"aside\s+from|with\s+the\s+exception\s+of)\s+(?:just\s+|only\s+)?(?:(?P<single>a\s+single)|(?P<n>{WHOLE_FIGURE})\b)"
            rf"{NOT_UNIT}",
            re.I,
        ),
        lambda m: [1 if m.group("single") else word_value(m.group("n"))],
    ),
    (  # "Placements were made in Q1 (one) and Q3 (one).", "... Q1 and Q3 only, one in each."
        "a count in brackets or one in each",
        LazyPattern(
            r"\(\s*(?P<n>one|two|three|four|a\s+single\s+one)\s*\)|"
            r"\b(?P<e>one|two|three|four|a\s+single\s+one)\s+(?:in|for|during)\s+each(?=\s*(?:[.;)]|$))",
            re.I | re.M,
        ),
        lambda m: _of_a_count(
            m, 1 if (m.group("n") or m.group("e")).lower().startswith("a") else word_value(m.group("n") or m.group("e"))
        ),
    ),
    (  # "Children placed numbered III.", "Secure placements totalled IV."
        "a count in Roman numerals after what it counts",
        LazyPattern(
            rf"(?i:\b(?:{NOUNS}))\b(?:\s+[\w'’-]+){{0,3}}?\s+(?i:numbered|totall?ed|came\s+to|stood\s+at|were|was)\s+"
            r"(?P<r>I|II|III|IV|V|VI|VII|VIII|IX|X)(?=\s*(?:[.,;)]|$))",
            re.M,
        ),
        lambda m: [ROMAN[m.group("r")]],
    ),
    (  # "a rate of 0.3 per 1,000 of the 11,000 children aged 0-17": 3 children
        "a rate of a population said with it",
        LazyPattern(
            r"(?<![\w.,])(?P<r>\d+(?:\.(?P<d>\d+))?)\s+(?:per|for\s+every|in\s+every)\s+(?P<per>1,?000|10,?000|100,?000|"
            r"100|thousand|ten\s+thousand|hundred\s+thousand)\s+(?:of\s+)?(?:the\s+|our\s+|its\s+|all\s+)?"
            r"(?P<pop>\d{1,3}(?:,\d{3})+|\d+)\b(?![.,]\d|\s*(?:%|per\b))",
            re.I,
        ),
        _rate_count,
    ),
]
