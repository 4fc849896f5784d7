"""Small numbers in free text: ``small_numbers_in`` finds each passage of a comment, an action or
a narrative that gives away a count from 1 to 4 of people or events (figures and number words,
"x of y", a count said without a number: "a child died", "both young people"), and leaves alone
numbers that count no one (years, money, percentages, "teams in four localities").

This module scans a text figure by figure; the rest of the check is in ``number_words`` (number
words, their values, the words around a figure), ``text_windows`` (sentences, paragraphs, the
window before a figure), ``count_forms`` and ``sentence_counts`` (counts said in other ways than
"a number and what it counts": ``small_counts_in``) and ``one_person`` (``one_person_in``).
"""

from __future__ import annotations

import re

from .number_words import (
    IDIOMS,
    LABEL_BEFORE,
    NOUNS,
    NUM,
    PHRASE_END,
    TOKEN,
    UNIT_AFTER,
    WORD,
    LazyPattern,
    count_of,
    small_count,
)
from .number_words import numerators as numerators  # disclosure reads it from here
from .one_person import ONE_PERSON as ONE_PERSON  # disclosure reads it from here
from .one_person import one_person_in
from .sentence_counts import small_counts_in
from .shown_text import shown_texts
from .text_windows import LABEL_CHAIN, ending_at, sentence_start

_OF = LazyPattern(rf"\s+(?:out\s+)?of\s+(?:the\s+|these\s+|those\s+)?(?P<m>{NUM}|{WORD})?", re.IGNORECASE)
_PEOPLE = LazyPattern(rf"(\W+\w+){{0,3}}?\W+({NOUNS}|them|whom|who|were|was|had|have|has)\b", re.IGNORECASE)
_NOUN = LazyPattern(rf"\b({NOUNS})\b", re.IGNORECASE)
# a capitalised name after a number word: "a single Children and Families Service" names a service
# (counts no one), "two Looked After Children" or "two Child Protection Orders" counts its last word
_NAME_AFTER = LazyPattern(r"\s+((?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|and|of|for|the|&))*)")
_PERSONS = (r"child|person|adult|man|woman|boy|girl|baby|infant|family|carer|client|patient|individual|offender|"
            r"prisoner|resident|parent|pupil|victim|service user")  # fmt: skip
_YEAR_BEFORE = LazyPattern(r"\b(in|for|during|since|from|by|until|to|of|years?|fy)\s*$", re.IGNORECASE)
# a count said without a number: one person in a past event ("a child died", "a young person was placed"),
# "the only child", "both young people", "a second child", "the 3rd re-registration"
_IMPLIED = LazyPattern(
    rf"\b(?:(?:a|an|another)\s+(?:young\s+)?(?:{_PERSONS})\s+(?:was|died|had\s+been|has\s+been)\b|"
    rf"(?:the\s+only|the\s+sole|a\s+second|a\s+third|a\s+fourth|(?:the|our|its|their|his|her)\s+"
    rf"(?:2nd|3rd|4th|second|third|fourth))\s+(?:(?!of\b)\w+\s+)?(?:{NOUNS}|time|occasion)\b|(?P<both>both|twin)\s+(?:\w+\s+)?(?:{NOUNS}))\b",
    re.IGNORECASE,
)
_NAME_ENDS = LazyPattern(r"\s*($|[.,;:!?)]|\s(were|was|are|is|have|had|has|in|on|at|to|from|for|this|last|during|and|"
                        r"or|who|with|by|under|\w+ed)\b)")  # fmt: skip
# a number word that ends what it counts: "placements: two.", "up by three on last year", "another two"
_ENDS = LazyPattern(r"\s*($|[.,;:!?()]|\s(on|in|to|from|this|last|since|than|during|over|at|and|or|compared)\b)",
                   re.IGNORECASE)  # fmt: skip
# "one of the young people", "two of them": a number word "of" someone (not "one of our priorities")
_OF_PEOPLE = LazyPattern(rf"\s+(?:out\s+)?of\s+(?:(?:the|these|those|our|their|its|his|her|my|all)\s+)?"
                        rf"(?:[\w'’-]+\s+){{0,3}}?(?:{NOUNS}|them|whom|those|these|us|you)\b", re.I)  # fmt: skip
# what a number word ending in "of" counts: the words just after it, up to a word that ends the phrase
_OF_WHOM = LazyPattern(rf"(?:\s+(?:the|these|those|our|their|its|his|her|my|all)\b)?(?:\s+(?!(?:{PHRASE_END})\b)"
                      rf"[\w'’-]+){{0,3}}?\s+(?:{NOUNS}|them|whom|us|you)\b(?!['’]s)", re.IGNORECASE)  # fmt: skip
_THRESHOLD = LazyPattern(r"\bmore than\s+$", re.IGNORECASE)  # "more than one": two or more, no count
# a number that is a bound ("3 or more placements", "more than 2 moves", "at least 3 visits", "3+
# placements"): it counts no one unless what it bounds is people ("more than 3 children", "under 4
# were placed"), the first noun after it (ANALYST-8 #1: the usual title of a looked after children
# indicator was [withheld])
_BOUND_BEFORE = LazyPattern(r"\b(?:(?:more|fewer|less|greater)\s+than|over|under|above|below|at\s+least|at\s+most|"
                      r"up\s+to|no\s+more\s+than)\s+$", re.IGNORECASE)  # fmt: skip
_BOUND_AFTER = LazyPattern(r"[ \t]*\+|\s+or\s+(?:more|over|above|fewer|less|under|below)\b", re.IGNORECASE)
_WHO = (rf"{_PERSONS}|children|young|people|persons|adults|men|women|boys|girls|babies|infants|families|carers|"
        r"clients|patients|individuals|offenders|prisoners|residents|parents|pupils|victims|service users|users|"
        r"staff|workers?|siblings?|twins|households?|them|whom|who|were|was|are|is|had|have|has")  # fmt: skip
_BOUNDS_WHOM = LazyPattern(rf"(?:\W+(?!(?:{NOUNS})\b)[\w'’-]+){{0,2}}?\W+(?:{_WHO})\b", re.IGNORECASE)
# "19/21", "997 / 1000", "rate: 19/21." (a full stop after it ends a sentence)
_FRAC_AFTER = LazyPattern(r"[ \t]?/[ \t]?(\d+)(?![\d/-]|[.,]\d)")
_RANGE_AFTER = LazyPattern(r"\s*[-/]\s*\d")  # "2020-21", "2023/24"
_WORD_BEFORE = LazyPattern(r"\w[ \t]*$")  # mid-sentence: a word just before
_AND_AFTER = LazyPattern(r"\s+and\b")


def small_numbers_in(text: str, lo: int = 1, hi: int = 4) -> list[str]:
    """Places in free text that may give away a count from lo to hi, for an officer to check: in
    the text as written and as a reader sees it printed (``shown_text``: markdown rendered,
    sanitised, entities decoded, tags and invisible characters removed), so that `**47** of 50`,
    `&#51; children` or `Tw<span>o</span> reports` are found as `47 of 50`, `3 children`, `Two
    reports` are. The one check for every free-text field (comments, narrative, actions)."""
    if not isinstance(text, str):
        return []
    found = _small_numbers_in(text, lo, hi)
    for shown in shown_texts(text):
        found += [hit for hit in _small_numbers_in(shown, lo, hi) if hit not in found]
    return found


def _small_numbers_in(text: str, lo: int = 1, hi: int = 4) -> list[str]:
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
    for m in TOKEN.finditer(text):
        n = count_of(m.group("n"))
        if n is None:
            continue
        # the words before and after it are read where they are (``ending_at``), not copied
        start, end = m.start(), m.end()
        around = text[max(0, start - 30) : end + 30].replace("\n", " ").strip()
        of = _OF.match(text, end)
        if of and of.group("m"):  # "19 of 21": the one, the other and the difference
            total = count_of(of.group("m"))
            if total is not None and any(small_count(x, lo, hi) for x in (n, total, total - n)):
                found.append(around)
            continue
        if IDIOMS.match(text, start) or (
            m.group("n")[0].isdigit() and ending_at(LABEL_BEFORE, text, start, LABEL_CHAIN)
        ):
            continue
        if n == 1 and ending_at(_THRESHOLD, text, start):  # "more than one placement": a threshold, not a count
            continue
        bound_after = _BOUND_AFTER.match(text, end)
        if (bound_after or ending_at(_BOUND_BEFORE, text, start)) and not _BOUNDS_WHOM.match(
            text, bound_after.end() if bound_after else end
        ):
            continue  # "3 or more placements", "more than 2 moves": a threshold, not a count of anyone
        if m.group("x") is None and UNIT_AFTER.match(text, end):
            continue
        frac = _FRAC_AFTER.match(text, end) if m.group("n")[0].isdigit() else None
        tok, b = m.group("n"), int(frac.group(1)) if frac else None
        year = frac and b == n + 1 and (len(tok) == 4 or tok.startswith("0") or ending_at(_YEAR_BEFORE, text, start))
        if frac and n <= b and not year:  # "19/21 children": x of y, as "19 of 21" is (not the years 05/06)
            if any(small_count(x, lo, hi) for x in (n, b, b - n)):
                found.append(around)
            continue
        if m.group("n")[0].isdigit() and _RANGE_AFTER.match(text, end):
            continue  # 2020-21, 2023/24, ranges of dates
        word = m.group("n")[0].isalpha()
        ends = word and n >= 2 and _ENDS.match(text, end) and _NOUN.search(text, sentence_start(text, start), start)
        if of and word and not _OF_PEOPLE.match(text, end):
            continue  # "one of our priorities", "two of the workstreams": no one counted
        ofs = word and m.group("n").lower().endswith(" of")  # "a pair of": what it counts is just after it
        if word and not (of or (_OF_WHOM.match(text, end) if ofs else _PEOPLE.match(text, end)) or ends):
            continue  # "four localities", "every child who needs one"
        name = _NAME_AFTER.match(text, end) if word else None
        counted = name and _NOUN.fullmatch(name.group(1).split()[-1]) and _NAME_ENDS.match(text, name.end())
        if name and ending_at(_WORD_BEFORE, text, start, key=1) and not counted:
            continue  # mid-sentence before a name: "a single Children and Families Service"
        if small_count(n, lo, hi) or (of and word and n <= hi):
            found.append(around)
    if lo <= 2 <= hi or lo <= 1 <= hi:
        for m in _IMPLIED.finditer(text):  # a count no number word says: "a child died", "both young people"
            if m.group("both") and _AND_AFTER.match(text, m.end()):
                continue  # "both children and adults": two kinds of people, not two people
            found.append(text[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ").strip())
    if lo <= 1 <= hi:
        found += one_person_in(text)
    found += [hit for hit, _ in small_counts_in(text, lo, hi) if hit not in found]
    return found
