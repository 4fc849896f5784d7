"""Small numbers in free text: ``small_numbers_in`` finds each passage of a comment, an action or
a narrative that gives away a count from 1 to 4 of people or events (figures and number words,
"x of y", a count said without a number: "a child died", "both young people"), and leaves alone
numbers that count no one (years, money, percentages, "teams in four localities").
"""

from __future__ import annotations

import re

import pandas as pd

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "a single": 1, "a couple of": 2, "a couple": 2, "a pair of": 2,
                 "twice": 2}  # fmt: skip
# beyond ten, words matter in "x of y": "eleven of the fourteen" gives away 3
_TEENS = ("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUMBER_WORDS.update({w: 11 + i for i, w in enumerate(_TEENS)})
for _i, _t in enumerate(_TENS):
    _NUMBER_WORDS[_t] = 20 + 10 * _i
    for _j, _u in enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")):
        _NUMBER_WORDS[f"{_t}-{_u}"] = _NUMBER_WORDS[f"{_t} {_u}"] = 21 + 10 * _i + _j
_NUM = r"\d+(?:\.0+)?(?![\d.,]*\d)"  # 2, 2.0 (a whole number written with a point), 1,234
_WORD = "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True))
_TOKEN = re.compile(rf"(?<![\w£$€.,/-])(?P<n>{_NUM}|{_WORD})(?P<x>x)?(?![\w%£]|[.,]\d)", re.IGNORECASE)
_OF = re.compile(rf"\s+(?:out\s+)?of\s+(?:the\s+|these\s+|those\s+)?(?P<m>{_NUM}|{_WORD})?", re.IGNORECASE)
_LABEL_BEFORE = re.compile(
    r"\b(quarters?|q|stages?|levels?|tiers?|phases?|sections?|appendix|appendices|tables?|pages?|options?|h|weeks?|"
    r"months?|years?|days?|hours|minutes|priority|priorities|grades?|steps?|figures?|charts?|items?|paragraphs?|no|"
    r"number|version|bands?|category|categories|wards?|rooms?|units?|areas?|locality|localities|parts?|top)"
    r"(\s*\d+\s*(,|and|or|to|-|&))*\s*$",  # "quarters 2 and 4": the 4 is a label too
    re.IGNORECASE,
)
# a number word counts someone only when it is about people or events ("one child", "two of them");
# "a single Children and Families Service" or "teams in four localities" count no one
_NOUNS = (
    r"child|children|young|person|people|persons|adults?|men|man|women|woman|boys?|girls?|"
    r"babies|baby|infants?|famil(y|ies)|carers?|clients?|service users?|users?|cases?|referrals?|deaths?|"
    r"placements?|complaints?|patients?|individuals?|offenders?|prisoners?|residents?|parents?|pupils?|victims?|"
    r"incidents?|registrations?|re-registrations?|orders?|admissions?|applications?|investigations?|"
    r"allegations?|staff|workers?|social workers?|siblings?|twins|households?|detentions?|hearings?|"
    r"LAC|LAAC|CYP|YP|CPOs?|CSOs?|DTTOs?"  # the shorthand councils write for the people they count
)
_PEOPLE = re.compile(rf"(\W+\w+){{0,3}}?\W+({_NOUNS}|them|whom|who|were|was|had|have|has)\b", re.IGNORECASE)
_NOUN = re.compile(rf"\b({_NOUNS})\b", re.IGNORECASE)
# a capitalised name after a number word: "a single Children and Families Service" names a service
# (counts no one), "two Looked After Children" or "two Child Protection Orders" counts its last word
_NAME_AFTER = re.compile(r"\s+((?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|and|of|for|the|&))*)")
_PERSONS = (r"child|person|adult|man|woman|boy|girl|baby|infant|family|carer|client|patient|individual|offender|"
            r"prisoner|resident|parent|pupil|victim|service user")  # fmt: skip
_YEAR_BEFORE = re.compile(r"\b(in|for|during|since|from|by|until|to|of|years?|fy)\s*$", re.IGNORECASE)
# a count said without a number: one person in a past event ("a child died", "a young person was placed"),
# "the only child", "both young people", "a second child", "the 3rd re-registration"
_IMPLIED = re.compile(
    rf"\b(?:(?:a|an|another)\s+(?:young\s+)?(?:{_PERSONS})\s+(?:was|died|had\s+been|has\s+been)\b|"
    rf"(?:the\s+only|the\s+sole|a\s+second|a\s+third|a\s+fourth|the\s+(?:2nd|3rd|4th|second|third|fourth))"
    rf"\s+(?:\w+\s+)?(?:{_NOUNS})\b|(?P<both>both|twin)\s+(?:\w+\s+)?(?:{_NOUNS}))\b",
    re.IGNORECASE,
)
_NAME_ENDS = re.compile(r"\s*($|[.,;:!?)]|\s(were|was|are|is|have|had|has|in|on|at|to|from|for|this|last|during|and|"
                        r"or|who|with|by|under|\w+ed)\b)")  # fmt: skip
# a number word that ends what it counts: "placements: two.", "up by three on last year", "another two"
_ENDS = re.compile(r"\s*($|[.,;:!?)]|\s(on|in|to|from|this|last|since|than|during|over|at|and|or|compared)\b)",
                   re.IGNORECASE)  # fmt: skip
_UNIT_AFTER = re.compile(
    r"\s*(%|per\s*cent|percent|day|days|week|weeks|month|months|year|years|yr|yrs|hour|hours|hrs|minute|minutes|"
    r"working|times?|am|pm|st|nd|rd|th|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|quarter|quarters|km|miles|mile|"
    r"million|m|bn|k|point|points|stars?)\b",
    re.IGNORECASE,
)
_IDIOMS = re.compile(
    r"\b(one of the (best|most|main|key|largest|first|few|highest|lowest|top)|one-off|one off|one another|no one|"
    r"any one|each one|every one|one stop|one-stop|one to one|one-to-one|at once|both of (us|them|these)|"
    r"one year|one day|one week|one month|one team|one council|one service|one approach|"
    r"first|second|third|fourth)\b",
    re.IGNORECASE,
)
_THRESHOLD = re.compile(r"\bmore than\s+$", re.IGNORECASE)  # "more than one": two or more, no count


def _small(x, lo: int, hi: int) -> bool:
    return x is not None and not pd.isna(x) and lo <= round(float(x), 6) <= hi


def _count_of(token: str) -> float | None:
    t = re.sub(r"\s+", " ", token.lower())
    if t in _NUMBER_WORDS:
        return _NUMBER_WORDS[t]
    try:
        return float(t.replace(",", ""))
    except ValueError:
        return None


def small_numbers_in(text: str, lo: int = 1, hi: int = 4) -> list[str]:
    """Places in free text that may give away a count from lo to hi, for an officer to check.

    Finds numbers written as digits ("3 children", "3", "2.0", "2x") or words ("one", "a
    single", "two", "a couple of", "twice"), and "x of y" where x, y or y - x is small ("2 of
    the children", "19 of 21", "19/21"), and a count said without a number ("a child died",
    "both young people", "the only child", "a second child"). Skips percentages, money, decimals, dates, durations and words
    that make a number a label ("Quarter 2", "Stage 1", "within 2 days", "one of the best").
    Returns each place with a little of the text around it.
    """
    if not isinstance(text, str):
        return []
    found = []
    for m in _TOKEN.finditer(text):
        n = _count_of(m.group("n"))
        if n is None:
            continue
        before, after = text[: m.start()], text[m.end() :]
        around = text[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ").strip()
        of = _OF.match(after)
        if of and of.group("m"):  # "19 of 21": the one, the other and the difference
            total = _count_of(of.group("m"))
            if total is not None and any(_small(x, lo, hi) for x in (n, total, total - n)):
                found.append(around)
            continue
        if _IDIOMS.match(text, m.start()) or (m.group("n")[0].isdigit() and _LABEL_BEFORE.search(before)):
            continue
        if n == 1 and _THRESHOLD.search(before):  # "more than one placement": a threshold, not a count
            continue
        if m.group("x") is None and _UNIT_AFTER.match(after):
            continue
        frac = re.match(r"/(\d+)(?![\d/.,-])", after) if m.group("n")[0].isdigit() else None
        tok, b = m.group("n"), int(frac.group(1)) if frac else None
        year = frac and b == n + 1 and (len(tok) == 4 or tok.startswith("0") or _YEAR_BEFORE.search(before))
        if frac and n <= b and not year:  # "19/21 children": x of y, as "19 of 21" is (not the years 05/06)
            if any(_small(x, lo, hi) for x in (n, b, b - n)):
                found.append(around)
            continue
        if m.group("n")[0].isdigit() and re.match(r"\s*[-/]\s*\d", after):
            continue  # 2020-21, 2023/24, ranges of dates
        word = m.group("n")[0].isalpha()
        sentence = re.split(r"[.!?;]\s", before)[-1]
        ends = word and n >= 2 and _ENDS.match(after) and _NOUN.search(sentence)
        if word and not (of or _PEOPLE.match(after) or ends):
            continue  # "four localities", "every child who needs one"
        name = _NAME_AFTER.match(after) if word else None
        counted = name and _NOUN.fullmatch(name.group(1).split()[-1]) and _NAME_ENDS.match(after[name.end() :])
        if name and re.search(r"\w[ \t]*$", before) and not counted:
            continue  # mid-sentence before a name: "a single Children and Families Service"
        if _small(n, lo, hi) or (of and word and n <= hi):
            found.append(around)
    if lo <= 2 <= hi or lo <= 1 <= hi:
        for m in _IMPLIED.finditer(text):  # a count no number word says: "a child died", "both young people"
            if m.group("both") and re.match(r"\s+and\b", text[m.end() :]):
                continue  # "both children and adults": two kinds of people, not two people
            found.append(text[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ").strip())
    return found
