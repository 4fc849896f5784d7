"""Events counted by listing them, not by a number: "on 4 June, 18 August and 2 February" (3),
"in June, in August and in February" (3), "the second and third secure placements" (3), "our first
ever secure placement" (1), "the year's second death" (2), and "neither of the children" (2).
``FORMS``, one row a form as ``count_forms.FORMS``, which ``sentence_counts.small_counts_in``
checks with them.
"""

from __future__ import annotations

import re

from .count_patterns import ONE_PERSON_NOUNS
from .number_words import MONTH_NAMES, NOUNS, LazyPattern
from .text_windows import sentence_start

_DATE = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTH_NAMES})\b\.?(?:\s+\d{{4}})?"
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_ORD = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|4th|5th|6th|7th|8th|9th|10th)"
_THINGS = rf"(?:(?!of\b)[\w'’-]+\s+){{0,2}}?(?:{NOUNS})\b(?!['’])"  # "secure placements", "death"
# a sentence about people or events that happened: "Children were placed ...", "Secure placements were made ..."
_EVENTS = LazyPattern(rf"\b(?:{NOUNS})\b", re.I)
_HAPPENED = LazyPattern(r"\b(?:were|was|had|took|\w{3,}ed)\b", re.I)


def _listed(m: re.Match, item: str) -> list[float]:
    """How many times ``item`` is listed in the match, where the sentence it is in says what it counts."""
    before = m.string[sentence_start(m.string, m.start()) : m.start()]
    if not (_EVENTS.search(before) and _HAPPENED.search(before)):
        return []
    return [len(re.findall(item, m.group(0), re.I))]


def _ordinal(word: str) -> int:
    w = word.lower()
    return int(w[:-2]) if w[0].isdigit() else _ORDINALS.index(w) + 1


FORMS: list[tuple[str, re.Pattern, object]] = [
    (  # "Neither of the children was placed locally.", "Neither child", "neither of them was" (2)
        "neither of two",
        LazyPattern(
            rf"\bneither\s+(?:of\s+(?:them|whom)\b|of\s+(?:the|these|those|our|their)\s+(?:[\w'’-]+\s+){{0,2}}?"
            rf"(?:{NOUNS})\b(?!['’])|(?:[\w'’-]+\s+)?(?:{ONE_PERSON_NOUNS})\b(?!['’]))",
            re.I,
        ),
        2,
    ),
    (  # "Secure placements were made on 4 June, 18 August and 2 February.": each date one event
        "events listed by their dates",
        LazyPattern(
            rf"\bon\s+(?:the\s+)?{_DATE}(?:\s*,\s*(?:on\s+)?(?:the\s+)?{_DATE})*\s*,?\s*(?:and|&)\s+(?:on\s+)?"
            rf"(?:the\s+)?{_DATE}",
            re.I,
        ),
        lambda m: _listed(m, _DATE),
    ),
    (  # "Children were placed in secure care in June, in August and in February.": each month said again
        "events listed by their months",
        LazyPattern(
            rf"\b(?:in|during)\s+(?:{MONTH_NAMES})\b(?:\s+\d{{4}})?(?:\s*,\s*(?:and\s+)?(?:again\s+)?(?:in|during)\s+"
            rf"(?:{MONTH_NAMES})\b(?:\s+\d{{4}})?)*\s*,?\s*(?:and|&)\s+(?:again\s+)?(?:in|during)\s+(?:{MONTH_NAMES})\b",
            re.I,
        ),
        lambda m: _listed(m, rf"\b(?:in|during)\s+(?:{MONTH_NAMES})\b"),
    ),
    (  # "The second and third secure placements this year followed in August." (at least 3)
        "events listed by their ordinals",
        LazyPattern(
            rf"\b(?:the|our|its|their)\s+{_ORD}(?:\s*,\s*{_ORD})*\s*,?\s*(?:and|&)\s+(?P<o>{_ORD})\s+{_THINGS}", re.I
        ),
        lambda m: [_ordinal(m.group("o"))],
    ),
    (  # "It was our first ever secure placement." (1), "the year's second death of a looked after child" (2)
        "an event by its ordinal",
        LazyPattern(
            rf"\b(?:(?:our|the|its|their)\s+(?:very\s+)?(?P<first>first)[\s-]+ever|(?:the|this)\s+(?:year|quarter|"
            rf"month)['’]s\s+(?P<o>{_ORD}))\s+{_THINGS}",
            re.I,
        ),
        lambda m: [1 if m.group("first") else _ordinal(m.group("o"))],
    ),
]
