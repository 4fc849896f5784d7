"""Small numbers in free text: ``small_numbers_in`` finds each passage of a comment, an action or
a narrative that gives away a count from 1 to 4 of people or events (figures and number words,
"x of y", a count said without a number: "a child died", "both young people"), and leaves alone
numbers that count no one (years, money, percentages, "teams in four localities").
"""

from __future__ import annotations

import math
import re

from .base import round_half_up
from .shown_text import shown_texts


class _lazy:
    """A regular expression compiled when it is first used, as ``re.compile(pattern, flags)`` would
    compile it: compiling this module's patterns took 0.11 s of CPU at import, in every process and
    kernel that imports ``disclosure`` or ``config``, though most runs never check free text. Each
    attribute (``search``, ``finditer``, ...) is the compiled pattern's, kept once looked up."""

    def __init__(self, pattern: str, flags: int = 0):
        self._args = (pattern, flags)

    def __getattr__(self, name: str):  # a name not yet kept: the compiled pattern's
        if name.startswith("__") or name in ("_args", "_compiled"):
            raise AttributeError(name)
        if "_compiled" not in self.__dict__:
            self._compiled = re.compile(*self._args)
        value = getattr(self._compiled, name)
        setattr(self, name, value)
        return value


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "a single": 1, "a couple of": 2, "a couple": 2, "a pair of": 2,
                 "twice": 2, "dozen": 12, "half a dozen": 6}  # fmt: skip
# beyond ten, words matter in "x of y": "eleven of the fourteen" gives away 3
_TEENS = ("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUMBER_WORDS.update({w: 11 + i for i, w in enumerate(_TEENS)})
for _i, _t in enumerate(_TENS):
    _NUMBER_WORDS[_t] = 20 + 10 * _i
    for _j, _u in enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")):
        _NUMBER_WORDS[f"{_t}-{_u}"] = _NUMBER_WORDS[f"{_t} {_u}"] = 21 + 10 * _i + _j
_NUM = r"\d+(?:\.0+)?(?![\d.,]*\d)"  # 2, 2.0 (a whole number written with a point), 1,234
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# the words of a number below 100, factored (a list of every one is slow to try at each place of a text)
_UNDER_100 = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS)}))?|{'|'.join(_TEENS)}|ten|{'|'.join(_UNITS)})"
_HUNDREDS = rf"(?:(?:a|{'|'.join(_UNITS)})\s+)?hundred(?:\s+(?:and\s+)?{_UNDER_100})?"
# "a hundred", "ninety-seven", "two thousand three hundred and twelve": number words to the thousands
_BIG_WORD = (rf"(?:(?:a|{_HUNDREDS}|{_UNDER_100})\s+)?thousand(?:,?\s+(?:and\s+)?(?:{_HUNDREDS}|{_UNDER_100}))?|"
             rf"{_HUNDREDS}")  # fmt: skip
_OTHER_WORDS = [re.escape(w) for w in _NUMBER_WORDS if not re.fullmatch(_UNDER_100, w)]
_WORD = "|".join([_BIG_WORD, *sorted(_OTHER_WORDS, key=len, reverse=True), _UNDER_100])
_TOKEN = _lazy(rf"(?<![\w£$€.,/-])(?P<n>{_NUM}|{_WORD})(?P<x>x)?(?![\w%£]|[.,]\d)", re.IGNORECASE)
_OF = _lazy(rf"\s+(?:out\s+)?of\s+(?:the\s+|these\s+|those\s+)?(?P<m>{_NUM}|{_WORD})?", re.IGNORECASE)
_LABEL_BEFORE = _lazy(
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
_PEOPLE = _lazy(rf"(\W+\w+){{0,3}}?\W+({_NOUNS}|them|whom|who|were|was|had|have|has)\b", re.IGNORECASE)
_NOUN = _lazy(rf"\b({_NOUNS})\b", re.IGNORECASE)
# a capitalised name after a number word: "a single Children and Families Service" names a service
# (counts no one), "two Looked After Children" or "two Child Protection Orders" counts its last word
_NAME_AFTER = _lazy(r"\s+((?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|and|of|for|the|&))*)")
_PERSONS = (r"child|person|adult|man|woman|boy|girl|baby|infant|family|carer|client|patient|individual|offender|"
            r"prisoner|resident|parent|pupil|victim|service user")  # fmt: skip
_YEAR_BEFORE = _lazy(r"\b(in|for|during|since|from|by|until|to|of|years?|fy)\s*$", re.IGNORECASE)
# a count said without a number: one person in a past event ("a child died", "a young person was placed"),
# "the only child", "both young people", "a second child", "the 3rd re-registration"
_IMPLIED = _lazy(
    rf"\b(?:(?:a|an|another)\s+(?:young\s+)?(?:{_PERSONS})\s+(?:was|died|had\s+been|has\s+been)\b|"
    rf"(?:the\s+only|the\s+sole|a\s+second|a\s+third|a\s+fourth|the\s+(?:2nd|3rd|4th|second|third|fourth))"
    rf"\s+(?:(?!of\b)\w+\s+)?(?:{_NOUNS})\b|(?P<both>both|twin)\s+(?:\w+\s+)?(?:{_NOUNS}))\b",
    re.IGNORECASE,
)
_NAME_ENDS = _lazy(r"\s*($|[.,;:!?)]|\s(were|was|are|is|have|had|has|in|on|at|to|from|for|this|last|during|and|"
                        r"or|who|with|by|under|\w+ed)\b)")  # fmt: skip
# a number word that ends what it counts: "placements: two.", "up by three on last year", "another two"
_ENDS = _lazy(r"\s*($|[.,;:!?()]|\s(on|in|to|from|this|last|since|than|during|over|at|and|or|compared)\b)",
                   re.IGNORECASE)  # fmt: skip
_UNIT_AFTER = _lazy(
    r"\s*(%|per\s*cent|percent|day|days|week|weeks|month|months|year|years|yr|yrs|hour|hours|hrs|minute|minutes|"
    r"working|times?|am|pm|st|nd|rd|th|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|quarter|quarters|km|miles|mile|"
    r"million|m|bn|k|point|points|stars?)\b",
    re.IGNORECASE,
)
_IDIOMS = _lazy(
    r"\b(one of the (best|most|main|key|largest|first|few|highest|lowest|top)|one-off|one off|one another|no one|"
    r"any one|each one|every one|one stop|one-stop|one to one|one-to-one|at once|both of (us|them|these)|"
    r"one year|one day|one week|one month|one team|one council|one service|one approach|"
    r"first|second|third|fourth)\b",
    re.IGNORECASE,
)
# "one of the young people", "two of them": a number word "of" someone (not "one of our priorities")
_OF_PEOPLE = _lazy(rf"\s+(?:out\s+)?of\s+(?:(?:the|these|those|our|their|its|his|her|my|all)\s+)?"
                        rf"(?:[\w'’-]+\s+){{0,3}}?(?:{_NOUNS}|them|whom|those|these|us|you)\b", re.I)  # fmt: skip
# what a number word ending in "of" ("a pair of", "a couple of") counts: the words just after it, up to a
# word that ends the phrase ("a pair of shoes for the young person" counts shoes; "a pair of children" 2)
_PHRASE_END = r"for|to|with|from|in|on|at|by|and|or|but|which|that|who|whose|the|a|an|as|into|than|was|were|is|are"
_OF_WHOM = _lazy(rf"(?:\s+(?:the|these|those|our|their|its|his|her|my|all)\b)?(?:\s+(?!(?:{_PHRASE_END})\b)"
                      rf"[\w'’-]+){{0,3}}?\s+(?:{_NOUNS}|them|whom|us|you)\b(?!['’]s)", re.IGNORECASE)  # fmt: skip
_THRESHOLD = _lazy(r"\bmore than\s+$", re.IGNORECASE)  # "more than one": two or more, no count
# "19/21", "997 / 1000", "rate: 19/21." (a full stop after it ends a sentence)
_FRAC_AFTER = _lazy(r"[ \t]?/[ \t]?(\d+)(?![\d/-]|[.,]\d)")
_RANGE_AFTER = _lazy(r"\s*[-/]\s*\d")  # "2020-21", "2023/24"
_WORD_BEFORE = _lazy(r"\w[ \t]*$")  # mid-sentence: a word just before
_AND_AFTER = _lazy(r"\s+and\b")


def _words_value(t: str) -> float | None:
    """The value of number words: "ninety-seven" 97, "a hundred" 100, "two thousand and twelve" 2012."""
    total = part = 0
    seen = False
    for w in re.split(r"[\s,]+", t.strip().lower().replace("-", " ")):
        if w in ("a", "and", ""):
            continue
        if w == "hundred":
            part, seen = (part or 1) * 100, True
        elif w == "thousand":
            total, part, seen = total + (part or 1) * 1000, 0, True
        elif w in _NUMBER_WORDS:
            part, seen = part + _NUMBER_WORDS[w], True
        else:
            return None
    return total + part if seen else None


def _small(x, lo: int, hi: int) -> bool:
    try:  # a missing value (None, NaN, pandas' NA) is not small; no pandas here: settings read this module
        f = float(x) if x is not None else math.nan
    except TypeError:
        return False
    return not math.isnan(f) and lo <= round(f, 6) <= hi


def _count_of(token: str) -> float | None:
    t = re.sub(r"\s+", " ", token.lower())
    if t in _NUMBER_WORDS:
        return _NUMBER_WORDS[t]
    if "hundred" in t or "thousand" in t:
        return _words_value(t)
    try:
        return float(t.replace(",", ""))
    except ValueError:
        return None


# The checks below look at the words just before or after a figure. Each looks at the text around
# the figure only (``_ending_at``, ``_sentence_start``), never at all the text before it, so that the
# work grows with the length of the text, not with its square: a narrative of 1 MB is checked as
# fast, paragraph for paragraph, as one of 1 KB. Each window is as wide as the pattern can reach.
_STOP = _lazy(r"[.!?;]\s")  # where a sentence ends: re.split(_STOP, text[:i])[-1] is the sentence before i
_LABEL_CHAIN = frozenset(",&-adnortADNORT")  # what "quarters 2 and 4" has after its word, with digits and spaces
_CHAIN_CAP = 2000  # a chain of figures after a label word is followed this far back, no further


def _run_start(text: str, end: int, chars: frozenset = frozenset(), cap: int = _CHAIN_CAP) -> int:
    """Where the run of whitespace (digits too, and ``chars``, when ``chars`` is given) that ends at
    ``end`` starts, looking back ``cap`` characters at most."""
    i, stop = end, max(0, end - cap)
    while i > stop and (text[i - 1].isspace() or (chars and (text[i - 1].isdecimal() or text[i - 1] in chars))):
        i -= 1
    return i


def _ending_at(pattern: re.Pattern, text: str, end: int, chars: frozenset = frozenset(), key: int = 16):
    """``pattern.search(text[:end])`` for a pattern that ends in ``$`` after a word of at most ``key``
    characters and a tail of whitespace (and ``chars``): searched from where that tail starts. A tail
    of whitespace longer than ``_CHAIN_CAP`` is searched whole (few figures can follow one); a chain of
    figures after a label word is followed back ``_CHAIN_CAP`` characters only, so that a table of
    figures stays linear (a figure further from its label is then checked as a count)."""
    start = _run_start(text, end, chars)
    if not chars and start == end - _CHAIN_CAP:
        return pattern.search(text, 0, end)
    return pattern.search(text, max(0, start - key), end)


def _age_or_label_before(text: str, end: int) -> bool:
    """``_AGE_OR_LABEL.search(text[:end])``: its words ("between the ages of") may have spaces in them."""
    lo = max(0, _run_start(text, end, cap=end) - 200)
    if _AGE_OR_LABEL.search(text, lo, end):
        return True
    return lo > 0 and re.search(r"\s{40}", text[lo:end]) is not None and bool(_AGE_OR_LABEL.search(text, 0, end))


def _sentence_start(text: str, end: int) -> int:
    r"""Where the sentence that ``end`` is in starts: ``re.split(r"[.!?;]\s", text[:end])[-1]`` is
    ``text[_sentence_start(text, end):end]``, found in work that grows with the sentence's length."""
    size = 256
    while True:
        lo, last = max(0, end - size), None
        for last in _STOP.finditer(text, lo, end):  # noqa: B007 - the last one is wanted
            pass
        if last is not None:
            return last.end()
        if lo == 0:
            return 0
        size *= 4


# Counts said in other ways than "a number and what it counts": each form, what it gives away
# (``_FORMS``: one row a form, its pattern and the counts it reveals from the match), checked by
# ``small_counts_in``. A form reveals a count when it pins a figure down: "a handful", "a few" and
# "a small number of" say only that a count is small (as [c] does) and are left alone, as are
# "siblings" (two or more) and a fraction or a change with no figure to apply it to.
_N = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORD})"  # a whole figure, in digits or words
_SING = (r"child|young\s+person|person|adult|man|woman|boy|girl|baby|infant|family|carer|client|service\s+user|"
         r"patient|individual|offender|prisoner|resident|parent|pupil|victim|case|referral|death|placement|complaint|"
         r"registration|re-registration|order|admission|application|investigation|allegation|incident|detention|"
         r"hearing|breakdown|household|sibling|worker|social\s+worker")  # fmt: skip
_KIN = r"brother|sister|son|daughter|mother|father|grandmother|grandfather|grandparent|baby|child|aunt|uncle|parent"
_FRACTIONS = {"half": 1 / 2, "a half": 1 / 2, "one half": 1 / 2, "a third": 1 / 3, "one third": 1 / 3,
              "two thirds": 2 / 3, "a quarter": 1 / 4, "one quarter": 1 / 4, "three quarters": 3 / 4,
              "a fifth": 1 / 5, "one fifth": 1 / 5, "two fifths": 2 / 5, "three fifths": 3 / 5,
              "four fifths": 4 / 5}  # fmt: skip
_FRACTION = r"(?:half|(?:a|one|two|three|four)[\s-]+(?:halfs?|thirds?|quarters?|fifths?))"
_OF_TOTAL = (
    r"\s+(?:of\s+(?:the|these|those|our|all)?|the|these|those|our)\s*(?P<total>"
    + _N
    + r")\b(?!\s*(?:%|per\s*cent|percent))"
)
_NOT_UNIT = r"(?!\s*(?:%|per\s*cent|percent|days?|weeks?|months?|years?|hours?|minutes?|[.,]\d))"
_RISE = (r"(?:rose|risen|rising|increased|increasing|went\s+up|gone\s+up|grew|grown|climbed|fell|fallen|falling|"
         r"decreased|decreasing|dropped|reduced|declined|went\s+down|gone\s+down|up|down|changed|moved|"
         r"(?:an?\s+)?(?:\d+(?:\.\d+)?%\s+)?(?:increase|rise|fall|drop|decrease|reduction|change))")  # fmt: skip


def _value(token: str) -> float:
    t = re.sub(r"[\s-]+", " ", token.lower()).replace(",", "")
    if t.endswith(" and a half"):  # "nine and a half (per cent)"
        return _value(t[: -len(" and a half")]) + 0.5
    if "hundred" in t or "thousand" in t:
        return _words_value(t)
    return _NUMBER_WORDS.get(t, None) or float(t)


def _fraction(m: re.Match) -> list[float]:  # "half of the 6 children": 3, and the 3 others
    key = re.sub(r"[\s-]+", " ", m.group("frac").lower())
    f = _FRACTIONS[key if key in _FRACTIONS else key.rstrip("s")]
    total = _value(m.group("total"))
    part = round(f * total)
    return [part, total - part]


def _percent_of(m: re.Match) -> list[float]:  # "25% of the 12 children": 3, and the 9 others
    total, pc = _value(m.group("total")), _value(m.group("pc"))
    part = round(pc * total / 100)
    return [part, total - part] if 0 < pc < 100 else []


# a change in a rate, an average or a score is no count: "the rate (per 1,000 population) of
# readmission increased slightly from 121 to 125"
_NOT_COUNTS = _lazy(r"%|\b(rates?|per\s+(?:1,?000|10,?000|100,?000|cent|head|capita)|percentages?|proportions?|"
                         r"averages?|mean|median|ratios?|scores?|index|indices)\b", re.I)  # fmt: skip


_PER = _lazy(r"\s*(?:per|a|an)\s+(?:1,?000|10,?000|100,?000|head|capita|population|week|month|day)")


def _difference(m: re.Match) -> list[float]:  # "of the 45 referred, 43 were accepted": the 2 others
    a, b = _value(m.group("a")), _value(m.group("b"))
    if a == b or (1900 <= a <= 2100 and 1900 <= b <= 2100):  # "rose from 2021 to 2023": years, not figures
        return []
    sentence = m.string[_sentence_start(m.string, m.start()) : m.start()] + m.group(0)
    sentence = re.sub(
        r"\d+(?:\.\d+)?%\s+(?:increase|rise|fall|drop|decrease|reduction)", "", sentence
    )  # "a 50% rise from 6"
    per = _PER.match(m.string, m.end())
    return [] if _NOT_COUNTS.search(sentence) or per else [abs(a - b)]


def _part_said_after(
    m: re.Match, b: str | None = None
) -> list[float]:  # "Of the 6 children referred, ... 4 were placed."
    a, b = _value(m.group("a")), _value(b or m.group("b"))
    if b >= a or 1900 <= a <= 2100:  # no part of it, or "of the 2023 figures"
        return []
    before = m.string[_sentence_start(m.string, m.start()) : m.start("a")]
    return [] if _NOT_COUNTS.search(before) or _NOT_COUNTS.search(m.group("said")) else [a - b]


def _one_in(m: re.Match) -> list[float]:  # "1 in 4 of the 12 children": 3, and the 9 others; "one in four": 1 of 4
    x, y = _value(m.group("x")), _value(m.group("y"))
    if not 0 < x < y or 1900 <= y <= 2100:  # "3 in 2023": a year
        return []
    if m.group("total") is None:
        return [x, y - x]
    total = _value(m.group("total"))
    part = x * total / y
    return [part, total - part] if part.is_integer() else []


# words before a range that make it no count: ages, and labels ("Stages 1-2", "pages 3-4", "Q1 2023 1-3")
_AGE_OR_LABEL = _lazy(r"\b(?:aged?(?:\s+between)?|ages|age\s+range|between\s+the\s+ages\s+of|from\s+ages?|"
                           r"scores?(?:\s+of)?|ratios?(?:\s+of)?|rated|grade[sd]?|"
                           r"quarters?|q|stages?|levels?|tiers?|phases?|sections?|appendix|appendices|tables?|pages?|"
                           r"paragraphs?|para|options?|steps?|figures?|charts?|items?|bands?|grades?|"
                           r"priorities|priority|parts?|rooms?|wards?|units?|no\.?|nos?\.?|number|version|chapters?|"
                           r"articles?|regulations?|schedules?|rules?)\s*$", re.I)  # fmt: skip
_MONTHS = (r"january|february|march|april|may|june|july|august|september|october|november|december|"
           r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")  # fmt: skip
# a sentence that starts with a count of people: "4 were placed", "Of these, 23 children went home"
_SAID = (rf"(?:(?:of\s+(?:these|those|them|whom)|in\s+total|overall|in\s+all),?\s+)?(?:only\s+|just\s+)?"
         rf"(?P<b>{_N})\b{_NOT_UNIT}(?!\s*(?:{_MONTHS})\b)(?P<said>(?:\s+[\w'’-]+){{0,2}}?\s+(?:{_NOUNS}|were|was|"
         r"had|have|has|are|went|remain\w*|returned|moved|received|died)\b)")  # fmt: skip


# "last quarter's", "the previous year's figure of": words between a change and the figure it changed from
_LAST = (r"(?:(?:(?:last|the\s+previous|the\s+last|previous|this\s+time\s+last)\s+(?:year|quarter|month)['’]s|"
         r"(?:last|the\s+previous|previous)\s+(?:year|quarter|month)|the\s+year\s+before['’]?s?)\s+)?"
         r"(?:figure\s+of\s+|total\s+of\s+)?")  # fmt: skip


_IN_PERIOD = (r"(?:q[1-4]\b|quarter\s+[1-4]\b|(?:first|second|third|fourth|last|final)\s+quarter\b|"
              rf"(?:{_MONTHS})\b)")  # fmt: skip


def _share(k: str = "") -> str:  # a fraction or a percentage, its groups named frac<k> and pc<k>
    return rf"(?:(?P<frac{k}>{_FRACTION})|(?P<pc{k}>\d+(?:\.\d+)?|{_N})\s*(?:%|per\s*cent|percent))"


def _share_of_change(m: re.Match) -> list[float]:  # "rose by a third from 9": 3
    a = _value(m.group("a"))
    if 1900 <= a <= 2100:
        return []
    frac, pc = m.group("frac") or m.group("frac2"), m.group("pc") or m.group("pc2")
    before = m.string[_sentence_start(m.string, m.start()) : m.start()]
    if _NOT_COUNTS.search(before):
        return []
    if frac:
        key = re.sub(r"[\s-]+", " ", frac.lower())
        return [round(_FRACTIONS[key if key in _FRACTIONS else key.rstrip("s")] * a, 6)]
    if pc[0].isdigit():  # "increased 7.3% from 41": the whole changes that print as 7.3% of 41 (3)
        return _parts(float(pc), len(pc.partition(".")[2]), a) or [round(float(pc) * a / 100, 6)]
    return [round(_value(pc) * a / 100, 6)]


def numerators(percent: float, decimals: int, base: float) -> list[int]:
    """The whole numerators of ``base`` that print as ``percent`` at ``decimals`` places (7.1 of 42: [3])."""
    if not base or base < 1 or not float(base).is_integer():
        return []
    shown = round_half_up(percent, decimals)
    guess = round(percent * base / 100)
    reach = int(base * 10.0**-decimals / 100) + 2  # how far a printed value's rounding lets the numerator move
    return [k for k in range(max(0, guess - reach), min(int(base), guess + reach) + 1)
            if round_half_up(100 * k / base, decimals) == shown]  # fmt: skip


def _parts(percent: float, decimals: int, base: float) -> list[int]:
    """The whole parts of ``base`` that print as ``percent`` at ``decimals`` places (9.5 of 42: [4]),
    as ``numerators`` finds them for a figure, where 0 < percent < 100 (else none)."""
    return numerators(percent, decimals, base) if 0 < percent < 100 else []


# a figure in a sentence that counts things: digits (1,234 too) or number words; not a part of a date,
# a range, a code ("SW1", "Q2"), a decimal, a percentage, money or an ordinal
_CWORD = "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS if not w.startswith(("a ", "twice"))), key=len,
                         reverse=True))  # fmt: skip
_COUNT = _lazy(
    rf"(?<![\w.,£$€#/–-])(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_CWORD})\b)(?![\w%£]|[.,]\d|\s*[-/–]\s*\d)", re.I
)
_LABELS = _lazy(r"\b(?:outcomes?|standards?|recommendations?|objectives?|actions?|principles?|indicators?|"
                     r"measures?|goals?|priorit(?:y|ies)|sw|ss|s|para|nos?|aged?|ages|the\s+top|top|under|over|"
                     r"rank(?:ed)?|position|placed|level)\.?\s*$", re.I)  # fmt: skip
_THIS_PERIOD = _lazy(r"\b(?:this|last|next|that|each|every|per|a|the\s+previous|the\s+same|previous)\s+"
                          r"(?:year|quarter|month|week|day)$", re.I)  # fmt: skip
_MONTH_BEFORE = _lazy(rf"\b(?:{_MONTHS})\.?\s*$", re.I)
_LINKED = _lazy(r"\s*(?:,|and|or|to|&|-|–|\s)\s*$", re.I)  # "16 and 17 year olds": the 16 is an age too
# words after a figure that name nothing it counts ("nine were seen", "47 in Q1", "18 the year before")
_NOT_NOUNS = {"were", "was", "are", "is", "had", "have", "has", "in", "on", "at", "within", "of", "to", "from", "for",
              "by", "against", "compared", "with", "than", "last", "this", "the", "a", "an", "and", "or", "but", "who",
              "which", "that", "per", "more", "fewer", "less", "new", "recorded", "received", "during", "over",
              "before", "after", "since", "each", "all", "out", "up", "down", "so", "as", "they", "we"}  # fmt: skip
# a verb after a figure names nothing it counts either ("ten completed the course", "4 left care")
_NOT_NOUN = _lazy(
    "|".join(_NOT_NOUNS) + r"|\w{3,}ed|left|went|came|got|did|will|would|could|can|may|might|"
    r"should|still|now|then|also|only|just|remain|stayed|took|saw|made|became",
    re.I,
)
# a sentence about a rate, an average or a percentage: its figures are not counts of anyone
_NOT_COUNT_SENTENCE = _lazy(r"\b(rates?|per\s+(?:1,?000|10,?000|100,?000|head|capita)|percentages?|"
                                 r"proportions?|averages?|averaged|mean|median|ratios?|scores?|scored|index|indices)\b",
                                 re.I)  # fmt: skip


def _counts_in_sentence(sentence: str) -> list[float]:
    """The figures in a sentence that count things: not years, dates, money, percentages, ages,
    durations, labels ("Section 28", "Quarter 2", "Outcome 3"), ordinals or idioms ("one of the best")."""
    tokens = []  # (value, is a count, is a unit, start, end, the noun after it, is a label)
    for m in _COUNT.finditer(sentence):
        # the words just before and after it (a window: a long table row stays linear)
        tok, before, after = (
            m.group("n"),
            sentence[max(0, m.start() - 80) : m.start()],
            sentence[m.end() : m.end() + 80],
        )
        v = _value(tok)
        word = tok[0].isalpha()
        unit = bool(_UNIT_AFTER.match(after)) or bool(re.match(r"\s*(?:-?\s*year[-\s]?olds?|s\b)", after, re.I))
        chain = _LABEL_BEFORE.search(before)  # "quarters 2 and 4" (labels), not "Q1 and 61" (a code, then a count)
        if chain and _THIS_PERIOD.search(before, 0, chain.end(1)):
            chain = None  # "this year 12 children", "last quarter 41": a time, then a count
        label = (
            (chain and not re.match(r"[a-z]+\d", chain.group(0), re.I))
            or _AGE_OR_LABEL.search(before)
            or _LABELS.search(before)
            or _MONTH_BEFORE.search(before)
        )
        year = not word and "," not in tok and len(tok) == 4 and 1900 <= v <= 2100
        idiom = _IDIOMS.match(sentence, m.start()) or (word and re.match(r"\s+of\b", after, re.I))
        noun = re.match(r"\s+([a-z][\w'’-]*)", after, re.I)
        noun = noun.group(1).lower().rstrip("s") if noun and not _NOT_NOUN.fullmatch(noun.group(1)) else None
        tokens.append([v, not (unit or label or year or idiom or v == 0), unit, m.start(), m.end(), noun, label])
    for i in range(len(tokens) - 2, -1, -1):  # "between 8 and 10 weeks", "16 and 17 year olds"
        if tokens[i + 1][2] and _LINKED.fullmatch(sentence[tokens[i][4] : tokens[i + 1][3]]):
            tokens[i][1], tokens[i][2] = False, True
    for i in range(1, len(tokens)):  # "aged 16 and 17", "Sections 21 and 23"
        if tokens[i - 1][6] and _LINKED.fullmatch(sentence[tokens[i - 1][4] : tokens[i][3]]):
            tokens[i][1], tokens[i][6] = False, True
    return [(t[0], t[5]) for t in tokens if t[1]]


def _differences(sentence: str, hi: int = 4) -> list[float]:  # "We received 50 referrals and accepted 47.": 3
    """The differences of the counts in a sentence, two by two: not two small counts (each is
    judged as it is), nor two counts of different things ("12 foster carers and 10 social workers")."""
    return [] if _NOT_COUNT_SENTENCE.search(sentence) else _pairs(_counts_in_sentence(sentence), hi)


# nouns of two counts that are one flow of cases told twice though they differ: the people and what was
# done for them ("15 referrals ... 12 children were seen": 3 referrals with no child seen), or two steps of
# one procedure ("15 referrals and 12 investigations"); not two kinds of people ("14 boys and 11 girls",
# "12 foster carers and 10 social workers") nor of events ("18 hearings and 15 complaints"), whose difference
# counts no one. Nouns as ``_counts_in_sentence`` gives them: lower case, a final "s" dropped
_CASE_PEOPLE = frozenset("child children young person people adult familie family client case individual boy girl men "
                         "women man woman babie baby infant pupil lac laac cyp yp household patient".split())  # fmt: skip
_CASE_EVENTS = frozenset("referral screening assessment investigation conference registration re-registration "
                         "deregistration de-registration placement admission detention hearing review "
                         "allegation".split())  # fmt: skip
_PROCEDURE = frozenset("referral screening assessment investigation conference registration re-registration "
                       "deregistration de-registration".split())  # fmt: skip


def _one_flow(na: str | None, nb: str | None) -> bool:
    """Whether counts of nouns ``na`` and ``nb`` are paired for their difference: the same noun or
    none said, or two nouns of one flow of cases (``_CASE_PEOPLE`` and ``_CASE_EVENTS``, two steps of
    ``_PROCEDURE``)."""
    if not (na and nb) or na == nb:
        return True
    if (na in _CASE_PEOPLE and nb in _CASE_EVENTS) or (na in _CASE_EVENTS and nb in _CASE_PEOPLE):
        return True
    return na in _PROCEDURE and nb in _PROCEDURE


def _pairs(counts: list[tuple[float, str | None]], hi: int) -> list[float]:
    """The differences of ``counts`` ((value, noun) pairs) two by two, as ``_differences`` takes them."""
    return [abs(a - b) for i, (a, na) in enumerate(counts) for b, nb in counts[i + 1 :]
            if a != b and max(a, b) > hi and _one_flow(na, nb)]  # fmt: skip


def _small_differences(sentence: str, lo: int, hi: int) -> list[float]:
    """``_differences(sentence, hi)``, or for a sentence of many figures (a table row) the first
    difference from lo to hi it has, if any: found by looking each figure's neighbours up, not by
    taking every pair, so a long row of figures is checked in time that grows with its length."""
    if _NOT_COUNT_SENTENCE.search(sentence):
        return []
    counts = _counts_in_sentence(sentence)
    whole = all(float(v).is_integer() and abs(v) < 2**52 for v, _ in counts)
    if len(counts) <= 64 or not whole or hi - lo > 64:
        return _pairs(counts, hi)
    every, unnamed, named = set(), set(), {}
    for v, noun in counts:
        every.add(v)
        (unnamed if noun is None else named.setdefault(noun, set())).add(v)
    for a, noun in counts:  # a figure of no noun goes with any other, one of a noun with its own and the unnamed
        flow = [n for n in named if _one_flow(noun, n)] if noun is not None else []  # and those of one flow
        for d in range(max(1, math.ceil(lo)), math.floor(hi) + 1):
            for b in (a + d, a - d):
                if max(a, b) > hi and (
                    b in unnamed or (b in every if noun is None else any(b in named[n] for n in flow))
                ):
                    return [d]
    return []


_ROMAN = {"II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_ROMAN_LABEL = _lazy(r"\b(?:part|stage|phase|level|tier|section|chapter|schedule|annex|volume|vol|article|appendix|"
                          r"act|book|grade|class|type|band|step|henry|george|james|charles|edward|william|elizabeth|"
                          r"richard|mary|world\s+war)\.?\s*$", re.I)  # fmt: skip


def _roman(m: re.Match) -> list[float]:  # "III children" (3), not "Part III" nor "Schedule IV"
    if m.group("r2"):
        return [{"I": 1, **_ROMAN}[m.group("r2")]]
    return [] if _ROMAN_LABEL.search(m.string, max(0, m.start() - 20), m.start()) else [_ROMAN[m.group("r")]]


_FORMS: list[tuple[str, re.Pattern, object]] = [
    (  # "both of the children", "both of the others", "both of them were placed" (2); "both of us" is no count
        "both of a group",
        _lazy(
            rf"\bboth\s+of\s+(?:(?:the|these|those)\s+(?:\w+\s+){{0,2}}?(?:{_NOUNS}|others|remainder)"
            r"(?!['’]s)\b|(?:them|whom)\s+(?:were|was|had|have|are|died|went|returned|moved))",
            re.I,
        ),
        2,
    ),
    (  # "a family of four", "the family of 6 moved": one family (and its size); "a family of services" has no figure
        "a family of a number",
        _lazy(rf"\b(?:a|an|the|one|this|that)\s+(?:\w+\s+)?(?:family|household)\s+of\s+{_N}\b{_NOT_UNIT}", re.I),
        1,
    ),
    (  # "the couple adopted", "a foster couple", "the pair were placed", "a trio of brothers": two, three, four people
        "a couple, a pair, a trio",
        _lazy(
            r"\b(?:a|the|one|this|that|another)\s+(?:(?:married|young|foster|adoptive|same-sex|elderly|older|sibling)\s+)?"
            rf"(?P<k>couple|pair|brace|trio|quartet)\b(?:\s+of\s+(?:(?:the|these|those|our|their)\s+)?"
            rf"(?:(?!(?:{_PHRASE_END})\b)[\w'’-]+\s+){{0,2}}?(?:{_NOUNS}|brothers|sisters)\b(?!['’]s)|"
            r"(?!\s+of\b))",  # "a couple of weeks", "a pair of shoes" count no one
            re.I,
        ),
        lambda m: [{"couple": 2, "pair": 2, "brace": 2, "trio": 3}.get(m.group("k").lower(), 4)],
    ),
    (  # "the twins were placed together", "triplets", "quads"; "twin-track planning" is no count
        "twins, triplets",
        _lazy(r"\b(?P<k>twins|triplets|quadruplets|quads)\b(?![-\s]track)", re.I),
        lambda m: [{"twins": 2, "triplets": 3}.get(m.group("k").lower(), 4)],
    ),
    (  # "a brother and sister", "a mother and her baby" (2); "a mother and baby unit" is a service
        "two relatives named together",
        _lazy(
            rf"\b(?:a|an|the|one)\s+(?:{_KIN})\s+and\s+(?:a\s+|an\s+|his\s+|her\s+|their\s+|the\s+)?"
            rf"(?:{_KIN})\b(?!['’]s|\s+(?:units?|placements?|services?|homes?|facilit\w*|schemes?|projects?|"
            r"teams?|groups?|provision|accommodation|support))",
            re.I,
        ),
        2,
    ),
    (  # "a lone child", "a solitary young person", "a sibling pair" (1, 2); "lone working", "lone parents" count no one
        "a lone person, a pair",
        _lazy(
            rf"\b(?:a|the|one)\s+(?:lone|solitary)\s+(?!parent)(?:\w+\s+)?(?:{_SING})(?!['’]s)\b|"
            r"\b(?P<pair>a\s+sibling\s+pair)\b",
            re.I,
        ),
        lambda m: [2 if m.group("pair") else 1],
    ),
    (  # "an additional young person", "a further child", "one more referral" (1); "a further 3 workshops" has its figure
        "one more",
        _lazy(
            rf"\b(?:an\s+additional|a\s+further|an\s+extra|one\s+more|one\s+other|another)\s+"
            rf"(?:\w+\s+)?(?:{_SING})(?!['’]s)\b(?!\s+(?:of|process|reviews?|plans?|management|files?|work|law|"
            r"loads?|holders?|notes?|studies|study|groups?|conferences?|meetings?|support|approach|model))",
            re.I,
        ),
        1,
    ),
    (  # "two more than last year", "three fewer than in 2022": the change ("more than one" is a threshold)
        "a number more or fewer than another",
        _lazy(rf"(?<![\w.,£$])(?P<n>{_N})\s+(?:more|fewer|less)\s+than\b", re.I),
        lambda m: [_value(m.group("n"))],
    ),
    (  # "both were placed", "both had returned home" (2), as "both of them" is; "both have been" is often services
        "both, said alone",
        _lazy(r"(?<!\bwe\s)\bboth\s+(?:were|had|died|returned|remain|remained|moved)\b", re.I),
        2,
    ),
    (  # "every child but one", "all but two", "everyone except one", "no re-registrations except one": the ones left out
        "all but a few",
        _lazy(
            rf"\b(?:all(?:\s+(?:the\s+|our\s+)?(?:\w+\s+)?(?:{_NOUNS}))?|everyone|everybody|every\s+(?:\w+\s+)?(?:{_SING})|"
            rf"(?:none|nobody|no\s+one|no(?:\s+[\w-]+){{1,2}}?))(?:\s+(?:was|were|had|has|have|been|is|are|upheld|\w+ed))*"  # "no complaint was upheld bar one"
            rf"(?:\s+(?:but|bar)|,?\s+(?:except(?:\s+for)?|save(?:\s+for)?|apart\s+from|other\s+than|"
            rf"with\s+the\s+exception\s+of))"  # "..., with the exception of one" (not ", but two were withdrawn")
            rf"\s+(?:a\s+single(?:\s+one)?\b|(?P<n>{_N})\b{_NOT_UNIT})",
            re.I,
        ),
        lambda m: [_value(m.group("n")) if m.group("n") else 1],
    ),
    (  # "nil in Q1, one in Q2", "none in April and two in May": a count in a period of a list of them
        "a count in a period",
        _lazy(
            rf"(?:^|[:,;]\s*|\band\s+|\bthen\s+)(?P<n>{_WORD})(?:\s+one)?\s+(?:in|during|for)\s+(?:the\s+)?{_IN_PERIOD}|"
            rf"\b(?:in|during)\s+(?:the\s+)?{_IN_PERIOD}\s*,?\s+(?:there\s+(?:was|were)\s+|we\s+had\s+)?"
            rf"(?P<n2>{_WORD})(?=\s*(?:[.,;:!?)]|$|\s+(?:{_NOUNS})\b))",  # "in Q2 one.", "in May, two children"
            re.I | re.M,
        ),
        lambda m: [_value(m.group("n") or m.group("n2"))],
    ),
    (  # "on one occasion", "on three occasions": events counted
        "occasions",
        _lazy(rf"\bon\s+(?P<n>{_N}|a\s+single)\s+(?:separate\s+)?occasions?\b", re.I),
        lambda m: [_value(m.group("n").replace("a single", "one"))],
    ),
    (  # "half of the 6 children", "a quarter of the 12 care leavers", "two-thirds of the 6": the part and the rest
        "a fraction of a figure",
        _lazy(rf"\b(?P<frac>{_FRACTION}){_OF_TOTAL}{_NOT_UNIT}", re.I),
        _fraction,
    ),
    (  # "25% of the 12 children", "50 per cent of the 8", "(94%) of the 50", "seventy-five per cent of the eight"
        "a percentage of a figure",
        _lazy(
            rf"(?<![\d.])(?P<pc>\d+(?:\.\d+)?|\b{_N}(?:\s+and\s+a\s+half)?)\s*(?:%|per\s*cent|percent)\)?{_OF_TOTAL}{_NOT_UNIT}",
            re.I,
        ),
        _percent_of,
    ),
    (  # "Of the 45 children referred, 43 were accepted": the 2 others, in the same sentence
        "a part of a figure given before it",
        _lazy(
            rf"\b(?:out\s+)?of\s+(?:the|these|those|all)?\s*(?P<a>{_N})\b{_NOT_UNIT}[^.;:!?\d]{{1,80}}?,\s*"
            rf"(?:only\s+|just\s+)?(?P<b>{_N})\b{_NOT_UNIT}",
            re.I,
        ),
        _difference,
    ),
    (  # "Of the 6 children referred, most were seen. 4 were placed.": the 2 others, a sentence or two on
        "a part of a figure said in a later sentence",
        _lazy(
            rf"\b(?:out\s+)?of\s+(?:the|these|those|all)?\s*(?P<a>{_N})\b{_NOT_UNIT}(?:(?!\n\s*\n).)"
            rf"{{0,200}}?[.;:!?](?:[ \t]+|[ \t]*\n[ \t]*){_SAID}",  # within a paragraph
            re.I | re.S,
        ),
        _part_said_after,
    ),
    (  # "26 children were referred. Of these, 23 were placed.", "26 referrals; 23 of them were accepted": the 3 others
        "a part of the figure before it, said as 'of these'",
        _lazy(
            rf"(?<![\w.,£$/-])(?P<a>{_N})\b{_NOT_UNIT}(?P<said>(?:(?!\n\s*\n)[^\d]){{1,160}}?)(?:[.;:,]\s+|\s+)"
            rf"(?:and\s+|but\s+)?(?:of\s+(?:these|those|them|whom|which)(?:\s+[a-z]+){{0,2}}?\s*,?\s*(?:only\s+|just\s+)?"
            rf"(?P<b>{_N})|"
            rf"(?:only\s+|just\s+)?(?P<b2>{_N})\s+of\s+(?:these|those|them|whom|which))\b{_NOT_UNIT}",
            re.I,
        ),
        lambda m: _part_said_after(m, m.group("b") or m.group("b2")),
    ),
    (  # "1 in 4 children", "one in four", "1 in every 4 of the 12 referrals": x of y, or the share of a figure
        "one in so many",
        _lazy(
            rf"(?<![\w.,£$/-])(?P<x>{_N})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<y>{_N})\b{_NOT_UNIT}"
            rf"(?!\s*(?:{_MONTHS})\b)(?:\s+of\s+(?:the|these|those|our|all)?\s*(?P<total>{_N})\b{_NOT_UNIT})?",
            re.I,
        ),
        _one_in,
    ),
    (  # "rose from 10 to 13", "fell from 13 to 10", "up from 10 to 13": the change (ages "from 5 to 18" are no change)
        "a change from one figure to another",
        _lazy(
            rf"\b{_RISE}\s+(?:\w+\s+){{0,2}}?from\s+(?P<a>{_N})\b{_NOT_UNIT}(?:\s+\w+){{0,3}}?\s+to\s+"
            rf"(?P<b>{_N})\b{_NOT_UNIT}",
            re.I,
        ),
        _difference,
    ),
    (  # "13, up from 10", "13 (down from 16)", "13 children compared with 10 last year": the change
        "a figure and the one it changed from",
        _lazy(
            rf"(?<![\w.,£$])(?P<b>{_N})\b{_NOT_UNIT}[^.;:!?\d]{{0,40}}?\b(?:(?:up|down)\s+from|compared\s+(?:with|to))"
            rf"\s+(?:the\s+)?{_LAST}(?P<a>{_N})\b{_NOT_UNIT}",
            re.I,
        ),
        _difference,
    ),
    (  # "doubled to 8" (4 before, 4 more), "halved to 3" (3 fewer)
        "doubled or halved to a figure",
        _lazy(rf"\b(?P<how>doubled|halved)\s+(?:\w+\s+){{0,2}}?to\s+(?P<b>{_N})\b{_NOT_UNIT}", re.I),
        lambda m: [_value(m.group("b")) / 2 if m.group("how").lower() == "doubled" else _value(m.group("b"))],
    ),
    (  # "secure placements (x2)", "3no. placements", "3 nr": the shorthand of a tally
        "a tally",
        _lazy(r"(?<![\w.,£$])(?:[x×]\s?(?P<x>\d{1,3})(?![\w.,%]|/\d)|(?P<n>\d{1,3})\s?(?:no\.|nos?\b|nr\b\.?))", re.I),
        lambda m: [int(m.group("x") or m.group("n"))],
    ),
    (  # "between 3-4 children a month", "2–3 placements": a range of counts (not ages, dates, labels or durations)
        "a range of counts",
        _lazy(
            r"(?<![\w.,£$/–-])(?!0\d)(?P<a>\d{1,3}) ?[-–] ?(?P<b>\d{1,3})\b(?![-–/.,]\d|\s*(?:%|per\s*cent|percent|"
            rf"years?|yrs?|year-olds?|days?|weeks?|months?|hours?|hrs|minutes?|working|am|pm|st|nd|rd|th|beds?|bedded|"
            rf"bedroom\w*|stor(?:ey|y|eys)|stars?|{_MONTHS})\b)",
            re.I,
        ),
        lambda m: [] if _age_or_label_before(m.string, m.start()) else [int(m.group("a")), int(m.group("b"))],
    ),
    (  # "halved from 8" (4 fewer), "doubled from 3" (3 more), "trebled from 2": the change from a figure
        "doubled or halved from a figure",
        _lazy(rf"\b(?P<how>doubled|halved|trebled|tripled)\s+(?:\w+\s+){{0,2}}?from\s+(?P<a>{_N})\b{_NOT_UNIT}", re.I),
        lambda m: [_value(m.group("a")) * {"doubled": 1, "halved": 0.5}.get(m.group("how").lower(), 2)],
    ),
    (  # "rose by a third from 9", "up 50% on last year's 6", "a 50% increase on last year's 6" (3): the change
        "a change by a share of a figure",
        _lazy(
            rf"(?:\b{_RISE}\s+(?:by\s+)?{_share()}|\b(?:an?\s+)?{_share('2')}\s+(?:increase|rise|fall|drop|decrease|reduction|"
            rf"fewer|more|less))\s+(?:\w+\s+){{0,2}}?(?:from|on|compared\s+(?:with|to)|against|than)\s+(?:the\s+|a\s+)?{_LAST}(?P<a>{_N})\b{_NOT_UNIT}",
            re.I,
        ),
        _share_of_change,
    ),
    (  # "Of the 6 children referred, half were placed", "Of our 12 care leavers, a quarter are in work"
        "a fraction of a figure given before it",
        _lazy(
            rf"\b(?:out\s+)?of\s+(?:the|these|those|our|all)?\s*(?P<total>{_N})\b{_NOT_UNIT}[^.;:!?\d]{{1,80}}?,\s*"
            rf"(?:only\s+|just\s+|about\s+|exactly\s+)?(?P<frac>{_FRACTION})\b(?!\s+of\b)",
            re.I,
        ),
        _fraction,
    ),
    (  # "was restrained once", "absconded thrice", "went missing twice this year": events counted
        "once, twice, thrice",
        _lazy(
            r"\b(?:was|were|been|had|has|have|\w{3,}ed|went|ran|left|took|fell)\s+(?:[\w'’-]+\s+){0,3}?"
            r"(?P<k>once|twice|thrice)\b(?=\s*(?:[.,;:!?)]|$)|\s+(?:in|during|this|last|between|since|over|that|"
            r"and|but|before|after|while|when|within|only|each|at\s+(?:home|school)))",
            re.I | re.M,
        ),
        lambda m: [{"once": 1, "twice": 2}.get(m.group("k").lower(), 3)],
    ),
    (  # "III children", "IV young people": a count in Roman numerals before what it counts (not "Part III")
        "a count in Roman numerals",
        _lazy(
            rf"(?<![\w.-])(?P<r>II|III|IV|VI{{0,3}}|IX|X)\s+(?:(?i:[\w-]+)\s+){{0,2}}?(?i:{_NOUNS})\b|"
            rf"(?i:\b(?:{_NOUNS}))\s*:\s*(?P<r2>I|II|III|IV|VI{{0,3}}|IX|X)(?=\s*(?:[.,;)]|$))",
            re.M,
        ),  # "placements: III."
        _roman,
    ),
]
# "We received 50 referrals and accepted 47.", "58 in Q1 and 61 in Q2": two counts in one sentence, their
# difference (``_small_differences``: what it gives away depends on the range looked for)
_SENTENCE = _lazy(r"(?:[^.!?\n]|[.!?](?![\s)]|$)|\n(?![ \t]*(?:\n|[|*+#>-]|\d+[.)]\s)))+")  # ";" joins its clauses
# "312 referrals were received. 309 were screened.": two counts in sentences of one paragraph
_PARAGRAPH = _lazy(r"(?:[^\n]|\n(?![ \t]*\n))+")  # a block: no blank line in it


_APART = 5  # counts from 5 * hi (20) up, of different nouns, are still paired in a paragraph


def _paragraph_differences(paragraph: str, lo: int, hi: int) -> tuple[float, int, int] | None:
    """The first difference from lo to hi of two counts said in different sentences of a paragraph
    ("312 referrals were received. 309 were screened.": 3), paired as ``_pairs`` pairs the counts of
    one sentence (not two small counts, nor small counts of different things: "3 priorities ... 5 areas";
    two counts of ``_APART`` times ``hi`` or more are paired whatever they count, as "312 referrals. There
    were 309 screenings." is one flow of cases told twice), and where the two sentences
    start and end; None where there is none. Each count is looked up among those of the sentences
    before it (``_small_differences``' way), so a long paragraph is checked in linear time."""
    every, unnamed, named, starts = set(), set(), {}, {}  # starts: where the first sentence with a value began
    for s in _SENTENCE.finditer(paragraph):
        if _NOT_COUNT_SENTENCE.search(s.group(0)):
            continue
        counts = _counts_in_sentence(s.group(0))
        for a, noun in counts:
            # the figures of nouns of one flow with this one's, once a count (as ``_small_differences``)
            flow = [v for n, v in named.items() if _one_flow(noun, n)] if noun is not None else []
            for d in range(max(1, math.ceil(lo)), math.floor(hi) + 1):
                for b in (a + d, a - d):
                    same = b in unnamed or (b in every if noun is None else any(b in v for v in flow))
                    if max(a, b) > hi and (same or (b in every and min(a, b) >= _APART * hi)):
                        return d, starts[b], s.end()
        for a, noun in counts:
            every.add(a)
            (unnamed if noun is None else named.setdefault(noun, set())).add(a)
            starts.setdefault(a, s.start())
    return None


# a percentage given alone ("9.5% were in secure care"), not of a figure said with it ("25% of the 12")
# ("nine and a half per cent" too: a percentage in words)
_PERCENT = _lazy(rf"(?<![\w.,£$])(?P<pc>\d{{1,2}}(?:\.(?P<d>\d+))?|(?:{_WORD})(?P<half>\s+and\s+a\s+half)?)"
                      r"\s*(?:%|per\s*cent\b|percent\b)(?!\s*of\s+(?:the\s+|these\s+|those\s+|our\s+|all\s+)?\d)",
                      re.I)  # fmt: skip


def _percent_of_counts(paragraph: str, lo: int, hi: int) -> tuple[int, int, int] | None:
    """The first percentage in a paragraph that, taken of a count printed in it, gives a part or the
    rest from lo to hi ("Of the 42 children placed out of area, 9.5% were in secure care": 4 of 42),
    as ``percent_bases`` finds a value-only figure beside its base; (count, start, end of the
    passage) or None. Counts are those of ``_counts_in_sentence``, in sentences not about a rate,
    within ``_NEAR`` sentences of the percentage (at most ``_NEAR_COUNTS`` of them): a reader takes
    a percentage of a figure near it, and a long table is checked in linear time."""
    spans = list(_SENTENCE.finditer(paragraph))
    if not _PERCENT.search(paragraph):
        return None
    counts = [[(v, s) for v, _ in _counts_in_sentence(s.group(0))] if not _NOT_COUNT_SENTENCE.search(s.group(0))
              else [] for s in spans]  # fmt: skip
    for i, ps in enumerate(spans):
        for m in _PERCENT.finditer(paragraph, ps.start(), ps.end()):
            near = [c for cs in counts[max(0, i - _NEAR) : i + _NEAR + 1] for c in cs][:_NEAR_COUNTS]
            values = {v for v, _ in near}
            pc, d = _value(m.group("pc")), len(m.group("d") or "") or (1 if m.group("half") else 0)
            if any(k in values for base in values for k in _parts(pc, d, base)):
                continue  # "down from 27 (a reduction of 9, 33%)": a share of two figures printed, nothing new
            for base, cs in near:
                for k in _parts(pc, d, base):
                    part = k if lo <= k <= hi else base - k if lo <= base - k <= hi else None
                    if part is not None:
                        return int(part), min(ps.start(), cs.start()), max(ps.end(), cs.end())
    return None


_NEAR, _NEAR_COUNTS = 3, 32


def small_counts_in(text: str, lo: int = 1, hi: int = 4) -> list[tuple[str, int]]:
    """(passage, count) for each count from lo to hi that ``_FORMS`` finds in free text said
    without "a number and what it counts": "both of the children" (2), "half of the 6 children"
    (3), "of the 45 referred, 43 were accepted" (2), "rose from 10 to 13" (3), and two counts in one
    sentence (``_SENTENCE``: "we received 50 referrals and accepted 47", 3)."""
    if not isinstance(text, str):
        return []
    forms = [(pattern, counts) for _, pattern, counts in _FORMS]
    forms.append((_SENTENCE, lambda m: _small_differences(m.group(0), lo, hi)))
    found = []
    for pattern, counts in forms:
        for m in pattern.finditer(text):
            try:
                values = counts(m) if callable(counts) else [counts]
            except (KeyError, ValueError, TypeError):
                continue
            for v in values:
                if _small(v, lo, hi) and float(v).is_integer():
                    around = text[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ").strip()
                    found.append((around, int(v)))
                    break
    for m in _PARAGRAPH.finditer(text):  # two counts in one paragraph: the passage is the sentences that say them
        pair = _paragraph_differences(m.group(0), lo, hi) or _percent_of_counts(m.group(0), lo, hi)
        if pair:
            d, a, b = pair
            found.append((m.group(0)[a:b].replace("\n", " ").strip(), int(d)))
    return found


# one person in a sentence about what happened to them: "A 15-year-old girl was placed in secure care
# in May", "The death of a looked after child in July is subject to a review", "a young person in our
# care died"; not the rule for any child ("where a child is placed", "the death of a child is always
# reviewed"): the event is past or dated, and no "where", "if" or "every" makes it a rule
ONE_PERSON = "describes one person"
_ONE = (r"(?:looked[-\s]after\s+|young\s+|care[-\s]experienced\s+|vulnerable\s+|older\s+|disabled\s+)*"
        r"(?:child|young\s+person|person|adult|man|woman|boy|girl|baby|infant|teenager|toddler|pupil|resident|"
        r"patient|service\s+user|carer|parent|mother|father|care\s+leaver|offender|prisoner|victim|individual)"
        r"(?!['’]s|\s+(?:and|or)\b)")  # fmt: skip
_AGE_WORDS = "|".join(w for w in _NUMBER_WORDS if " " not in w and "-" not in w and _NUMBER_WORDS[w] < 20)
_ONE_PERSON = _lazy(
    rf"\b(?:a|an|the|one)\s+(?:\d{{1,2}}|{_AGE_WORDS})[-\s]years?[-\s]old\b(?!s)|"  # "a 15-year-old girl"
    rf"\b(?:death|murder|killing|suicide|disappearance|abduction|assault|abuse|injury|serious\s+injury|"
    rf"detention|arrest|conviction|removal|case)\s+of\s+(?:a|an|one)\s+(?:[\w-]+\s+){{0,2}}?{_ONE}\b|"
    rf"\b(?:a|an|one|the)\s+(?:[\w-]+\s+){{0,2}}?{_ONE}\b(?:\s+[\w'’-]+){{0,5}}?\s+(?:died|had\s+died|has\s+died|"
    rf"absconded|went\s+missing|was\s+(?:killed|found|taken|removed|placed|detained|admitted|arrested|"
    rf"convicted|sentenced|harmed|injured|abused|accommodated|moved|seriously))\b",
    re.I,
)
# what makes it happen to one person at a time: past, or dated ("in July", "last year", "in 2023")
_HAPPENED = _lazy(rf"\b(?:was|were|died|had|occurred|happened|took\s+place|led|absconded|went|"
                       rf"is\s+(?:subject|being|under)|are\s+(?:subject|being)|remains?\s+under|"
                       rf"(?:in|on|during|since|by)\s+(?:early\s+|late\s+|mid-?)?(?:{_MONTHS})\b|"
                       rf"last\s+(?:week|month|year|quarter)|earlier\s+this|this\s+(?:year|quarter|month)|"
                       rf"in\s+(?:19|20)\d\d)\b", re.I)  # fmt: skip
_A_RULE = _lazy(r"\b(?:where|when|whenever|if|unless|once|each|every|any|should|must|would|may|might|can|"
                     r"could|will|whether|until|before|after)\b", re.I)  # fmt: skip


# the same, said with any verb in the past: one person ("a care leaver", "one of our care leavers", "the
# young person") as who did it or to whom it was done ("took their own life", "Police arrested a looked
# after child", "We placed a young person"), at a time a reader can place ("in February", "last week")
# or in an event that is itself one person's ("passed away", "was arrested")
_ONE_PL = (r"(?:children|young\s+people|people|adults|men|women|boys|girls|babies|teenagers|pupils|residents|patients|"
           r"service\s+users|carers|parents|care\s+leavers|offenders|prisoners|victims|individuals)")  # fmt: skip
_ONE_WHO = (rf"(?:\b(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?{_ONE}|\bone\s+of\s+(?:our|the|these|those|its|their)\s+"
            rf"(?:[\w-]+\s+){{0,2}}?{_ONE_PL}|\bone\s+(?:[\w-]+\s+)?{_ONE})\b")  # fmt: skip
_PAST = (r"(?:was|were|had|became|came|got|went|ran|left|fell|took|made|gave|told|stole|broke|lost|found|said|sat|"
         r"spent|kept|met|saw|sent|stayed|\w{2,}ed)\b")  # fmt: skip
_EVENT = _lazy(r"\b(?:died|passed\s+away|took\s+(?:their|his|her)\s+own\s+life|ended\s+(?:their|his|her)\s+"
                    r"(?:own\s+)?life|killed|murdered|arrested|charged|convicted|abducted|absconded|assaulted|"
                    r"attempted\s+suicide|self-harmed|overdosed|was\s+(?:found|taken|removed)|went\s+missing)\b", re.I)  # fmt: skip
_ONE_DID = _lazy(rf"{_ONE_WHO}\s+(?:\w+ly\s+)?{_PAST}|"  # who did it: "a care leaver took their own life"
                      rf"\b(?:\w{{3,}}ed|took|found|saw|met|lost|sent|kept|caught|brought)\s+{_ONE_WHO}"
                      r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:in|on|at|to|from|into|for|with|who|after|during|last|yesterday)\b)",
                      re.I)  # fmt: skip
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_WHEN = _lazy(rf"\b(?:(?:in|on|during|since|by|from|until|early|late|mid-?)\s+(?:early\s+|late\s+|mid-?)?"
                   rf"(?:{_MONTHS})\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b|"
                   rf"(?:last|this\s+past|earlier\s+this)\s+(?:week|weekend|night|month|{_DAYS})\b|yesterday|"
                   rf"on\s+(?:{_DAYS})\b|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b)", re.I)  # fmt: skip


def _one_did(sentence: str) -> re.Match | None:
    """Where a sentence says what one person did or what was done to them, at a time a reader can
    place or in an event that is one person's; None for a rule ("if a young person is placed")."""
    for m in _ONE_DID.finditer(sentence):
        if _A_RULE.search(sentence, 0, m.start()):
            return None
        if _WHEN.search(sentence) or _EVENT.search(sentence, m.start()):
            return m
    return None


def one_person_in(text: str) -> list[str]:
    """Each sentence of free text about one person and what happened to them ("A 15-year-old girl
    was placed in secure care in May"), as "describes one person: <sentence>": a count of one, and a
    person a local reader may know, whatever the rest of the report suppresses."""
    if not isinstance(text, str):
        return []
    found = []
    for s in _SENTENCE.finditer(text):
        m = _ONE_PERSON.search(s.group(0))
        if not m or _A_RULE.search(s.group(0)[: m.start()]) or not _HAPPENED.search(s.group(0), m.start()):
            if not _one_did(s.group(0)):
                continue
        found.append(f"{ONE_PERSON}: {' '.join(s.group(0).split())[:120]}")
    return found


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
    for m in _TOKEN.finditer(text):
        n = _count_of(m.group("n"))
        if n is None:
            continue
        # the words before and after it are read where they are (``_ending_at``), not copied
        start, end = m.start(), m.end()
        around = text[max(0, start - 30) : end + 30].replace("\n", " ").strip()
        of = _OF.match(text, end)
        if of and of.group("m"):  # "19 of 21": the one, the other and the difference
            total = _count_of(of.group("m"))
            if total is not None and any(_small(x, lo, hi) for x in (n, total, total - n)):
                found.append(around)
            continue
        if _IDIOMS.match(text, start) or (
            m.group("n")[0].isdigit() and _ending_at(_LABEL_BEFORE, text, start, _LABEL_CHAIN)
        ):
            continue
        if n == 1 and _ending_at(_THRESHOLD, text, start):  # "more than one placement": a threshold, not a count
            continue
        if m.group("x") is None and _UNIT_AFTER.match(text, end):
            continue
        frac = _FRAC_AFTER.match(text, end) if m.group("n")[0].isdigit() else None
        tok, b = m.group("n"), int(frac.group(1)) if frac else None
        year = frac and b == n + 1 and (len(tok) == 4 or tok.startswith("0") or _ending_at(_YEAR_BEFORE, text, start))
        if frac and n <= b and not year:  # "19/21 children": x of y, as "19 of 21" is (not the years 05/06)
            if any(_small(x, lo, hi) for x in (n, b, b - n)):
                found.append(around)
            continue
        if m.group("n")[0].isdigit() and _RANGE_AFTER.match(text, end):
            continue  # 2020-21, 2023/24, ranges of dates
        word = m.group("n")[0].isalpha()
        ends = word and n >= 2 and _ENDS.match(text, end) and _NOUN.search(text, _sentence_start(text, start), start)
        if of and word and not _OF_PEOPLE.match(text, end):
            continue  # "one of our priorities", "two of the workstreams": no one counted
        ofs = word and m.group("n").lower().endswith(" of")  # "a pair of": what it counts is just after it
        if word and not (of or (_OF_WHOM.match(text, end) if ofs else _PEOPLE.match(text, end)) or ends):
            continue  # "four localities", "every child who needs one"
        name = _NAME_AFTER.match(text, end) if word else None
        counted = name and _NOUN.fullmatch(name.group(1).split()[-1]) and _NAME_ENDS.match(text, name.end())
        if name and _ending_at(_WORD_BEFORE, text, start, key=1) and not counted:
            continue  # mid-sentence before a name: "a single Children and Families Service"
        if _small(n, lo, hi) or (of and word and n <= hi):
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
