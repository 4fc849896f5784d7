"""Events counted by listing them, not by a number: "on 4 June, 18 August and 2 February" (3),
"in June, in August and in February" (3), "the second and third secure placements" (3), "our first
ever secure placement" (1), "the year's second death" (2), and "neither of the children" (2).
``FORMS``, one row a form as ``count_forms.FORMS``, which ``sentence_counts.small_counts_in``
checks with them.
"""

from __future__ import annotations

import re

from .count_patterns import NOT_COUNTS, ONE_PERSON_NOUNS
from .number_words import MONTH_NAMES, NOUNS, LazyPattern
from .text_windows import sentence_start

_DATE = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTH_NAMES})\b\.?(?:\s+\d{{4}})?"
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_ORD = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|4th|5th|6th|7th|8th|9th|10th)"
_ORD2 = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|2nd|3rd|4th|5th|6th|7th|8th|9th|10th)"
_THINGS = rf"(?:(?!of\b)[\w'’-]+\s+){{0,2}}?(?:{NOUNS})\b(?!['’])"  # "secure placements", "death"
# a sentence about people or events that happened: "Children were placed ...", "Secure placements were made ..."
_EVENTS = LazyPattern(rf"\b(?:{NOUNS})\b", re.I)
_HAPPENED = LazyPattern(r"\b(?:were|was|had|took|made|came|went|left|ran|\w{3,}ed)\b", re.I)


def _of_events(m: re.Match, said_after: bool = False) -> bool:
    """Whether the sentence the match is in says what it counts (before the match; with ``said_after``,
    that it happened may be said after it: "Every secure placement this year, in May, July and March,
    was out of area"), and not what is due or done each year ("Complaints are reported to committee in
    May and November"), nor of rates or averages."""
    start = sentence_start(m.string, m.start())
    before = m.string[start : m.start()]
    end = re.search(r"[.!?;](?:\s|$)|$", m.string[m.end() :])
    after = m.string[m.end() : m.end() + end.start()] if said_after else ""
    if not (_EVENTS.search(before) and (_HAPPENED.search(before) or _HAPPENED.search(after))):
        return False
    around = before + " " + m.string[m.end() : m.end() + end.start()]
    return not (_DUE.search(around) or NOT_COUNTS.search(around))  # a schedule; a rate, an average


def _listed(m: re.Match, item: str, said_after: bool = False) -> list[float]:
    """How many times ``item`` is listed in the match, where its sentence counts events (``_of_events``)."""
    return [len(re.findall(item, m.group(0), re.I))] if _of_events(m, said_after) else []


# what is due, done each year or planned: a schedule, not events counted
_DUE = LazyPattern(r"\b(?:are|is|will|shall|due|scheduled|planned|each\s+year|every\s+year|annually|quarterly|"
                   r"monthly|usually|normally|typically)\b", re.I)  # fmt: skip
_Q = r"(?:q[1-4]|quarter\s+[1-4])\b"
_NUMERIC_DATE = r"\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"
# a season is a period as a month is ("in the spring and again in the autumn": 2)
_SEASONS = r"spring|summer|autumn|winter"
_WHEN = rf"(?:the\s+)?(?:{MONTH_NAMES}|{_SEASONS})"  # a month or a season, when events happened
_MONTH = rf"{_WHEN}\b(?:\s+\d{{4}})?"
_QUARTER_ORD = r"(?:first|second|third|fourth|final|last)"


_Q2 = r"(?:q|quarter\s+)(?P<qa>[1-4])\b"
_MONTH_AT = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _in_range(m: re.Match) -> int:
    """How many months (quarters) from the first named to the last, both counted: January to March 3,
    November to January 3, April to March 12; Q1 to Q3 3."""
    if m.group("month"):
        a, b = (_MONTH_AT.index(m.group(k).lower()[:3]) for k in ("a", "b"))
        return (b - a) % 12 + 1
    return (int(m.group("qb")) - int(m.group("qa"))) % 4 + 1


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
    (  # "Children were placed in secure care in June, in August and in February.", "in the spring and again in the
        # autumn": each month or season said again
        "events listed by their months",
        LazyPattern(
            rf"\b(?:in|during|over)\s+{_WHEN}\b(?:\s+\d{{4}})?(?:\s*,\s*(?:and\s+)?(?:again\s+)?(?:in|during|over)\s+"
            rf"{_WHEN}\b(?:\s+\d{{4}})?)*\s*,?\s*(?:and|&)\s+(?:again\s+)?(?:in|during|over)\s+{_WHEN}\b",
            re.I,
        ),
        lambda m: _listed(m, rf"\b(?:in|during|over)\s+{_WHEN}\b"),
    ),
    (  # "Secure placements were made in Q1, Q2 and Q4.", "in each of Q1, Q2 and Q3", "in quarters 1, 2 and 4" (3)
        "events listed by their quarters",
        LazyPattern(
            rf"\b(?:in|during)\s+(?:each\s+of\s+|every\s+one\s+of\s+|all\s+of\s+)?(?:the\s+)?(?:{_Q}(?:\s*,\s*{_Q})*\s*,?\s*"
            rf"(?:and|&)\s+{_Q}|quarters\s+[1-4](?:\s*,\s*[1-4])*\s*,?\s*(?:and|&)\s+[1-4]\b|{_QUARTER_ORD}(?:\s*,\s*{_QUARTER_ORD})*"
            rf"\s*,?\s*(?:and|&)\s+{_QUARTER_ORD}\s+quarters\b)",
            re.I,
        ),
        lambda m: _listed(m, r"q[1-4]|quarter\s+[1-4]|(?<=[\s,])[1-4]\b|first|second|third|fourth|final|last", True),
    ),
    (  # "A secure placement was made in every quarter of the year." (4), "in each of the last three months" (3)
        "events in every period of a span",
        LazyPattern(
            r"\b(?:in|during)\s+(?:(?P<q>every|each)\s+quarter(?:\s+of\s+the\s+year)?\b|each\s+of\s+the\s+(?:last|first|past|"
            r"final)\s+(?P<n>two|three|four|[2-4])\s+(?:months|quarters)\b)",
            re.I,
        ),
        lambda m: (
            [4 if m.group("q") else {"two": 2, "three": 3, "four": 4}.get(m.group("n").lower()) or int(m.group("n"))]
            if _of_events(m, True)
            else []
        ),
    ),
    (  # "Placements were made in April, June and January.", "in May and July" (3, 2): each month one event at least
        "events listed by their months, said once",
        LazyPattern(
            rf"\b(?:in|during)\s+(?:each\s+of\s+)?{_MONTH}(?:\s*,\s*{_MONTH})*\s*,?\s*(?:and|&)\s+{_MONTH}"
            rf"(?!\s*(?:-|–|to)\s*\d)",
            re.I,
        ),
        lambda m: _listed(m, rf"\b(?:{MONTH_NAMES}|{_SEASONS})\b", True),
    ),
    (  # "Secure placements: first in May, second in July.", "1st in May, 2nd in July", "once in May and again in July"
        "events listed in order by their months",
        LazyPattern(
            rf"\b(?P<o0>{_ORD}|once)\s+in\s+{_WHEN}\b(?:\s*,?\s*(?:and\s+|then\s+)?(?:the\s+)?(?P<o>{_ORD}|again)"
            rf"\s+in\s+{_WHEN}\b)+",
            re.I,
        ),
        lambda m: (
            [len(re.findall(rf"\b(?:{MONTH_NAMES}|{_SEASONS})\b", m.group(0), re.I))]
            if _EVENTS.search(m.string[sentence_start(m.string, m.start()) : m.start()])
            else []
        ),
    ),
    (  # "Secure placements were made on 04/06/2023, 18/08/2023 and 02/02/2024.", "on the 4th and 18th of June" (3, 2)
        "events listed by their dates in figures",
        LazyPattern(
            rf"\bon\s+(?:{_NUMERIC_DATE}(?:\s*,\s*{_NUMERIC_DATE})*\s*,?\s*(?:and|&)\s+{_NUMERIC_DATE}|"
            rf"the\s+\d{{1,2}}(?:st|nd|rd|th)(?:\s*,\s*(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th))*\s*,?\s*(?:and|&)\s+(?:the\s+)?"
            rf"\d{{1,2}}(?:st|nd|rd|th)\s+of\s+(?:{MONTH_NAMES})\b)",
            re.I,
        ),
        lambda m: _listed(m, r"\d{1,2}/\d{1,2}|\d{1,2}(?:st|nd|rd|th)"),
    ),
    (  # "A secure placement was made each month from January to March." (3), "every quarter from Q1 to Q3" (3)
        "events in every month of a range of months",
        LazyPattern(
            rf"\b(?:in\s+)?(?:each|every)\s+(?:(?P<month>month)\s+(?:from|between)\s+(?P<a>{MONTH_NAMES})\b\.?(?:\s+\d{{4}})?"
            rf"\s+(?:to|and|until|till|through)\s+(?P<b>{MONTH_NAMES})\b|quarter\s+(?:from|between)\s+{_Q2}\s+(?:to|and|"
            rf"until|till|through)\s+{_Q2.replace('qa', 'qb')})",
            re.I,
        ),
        lambda m: [_in_range(m)] if _of_events(m, True) else [],
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
            rf"month)['’]s\s+(?P<o>{_ORD}))\s+{_THINGS}|"
            rf"\b[\w-]+['’]s\s+(?P<o2>{_ORD2})\s+{_THINGS}(?=\s+(?:of|in|during)\s+(?:the|this)\s+(?:year|quarter|month)\b)",
            re.I,
        ),  # "our secure unit's fourth admission of the year" (4; not "first": one of many)
        lambda m: [1 if m.group("first") else _ordinal(m.group("o") or m.group("o2"))],
    ),
]
