"""Number words and what is around a figure in free text, for the small-number checks
(``small_numbers``): the words of a number and their values ("ninety-seven": 97, "a couple of": 2),
whether a figure is small, the whole numerators a printed percentage allows, and the words that
say a figure counts no one (a label before it, a unit after it, an idiom) or that it counts people.
Its patterns compile when first used (``LazyPattern``).
"""

from __future__ import annotations

import math
import re

from .base import round_half_up


class LazyPattern:
    """A regular expression compiled when it is first used, as ``re.compile(pattern, flags)`` would
    compile it: compiling the small-number checks' patterns took 0.11 s of CPU at import, in every
    process and kernel that imports ``disclosure`` or ``config``, though most runs never check free text. Each
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


NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "a single": 1, "a couple of": 2, "a couple": 2, "a pair of": 2,
                 "twice": 2, "dozen": 12, "half a dozen": 6, "a score of": 20}  # fmt: skip
# beyond ten, words matter in "x of y": "eleven of the fourteen" gives away 3
_TEENS = ("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_WORDS.update({w: 11 + i for i, w in enumerate(_TEENS)})
for _i, _t in enumerate(_TENS):
    NUMBER_WORDS[_t] = 20 + 10 * _i
    for _j, _u in enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")):
        NUMBER_WORDS[f"{_t}-{_u}"] = NUMBER_WORDS[f"{_t} {_u}"] = 21 + 10 * _i + _j
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}  # "III children"
NUM = r"\d+(?:\.0+)?(?![\d.,]*\d)"  # 2, 2.0 (a whole number written with a point), 1,234
UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# the words of a number below 100, factored (a list of every one is slow to try at each place of a text)
UNDER_100 = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(UNITS)}))?|{'|'.join(_TEENS)}|ten|{'|'.join(UNITS)})"
_HUNDREDS = rf"(?:(?:a|{'|'.join(UNITS)})\s+)?hundred(?:\s+(?:and\s+)?{UNDER_100})?"
# "a hundred", "ninety-seven", "two thousand three hundred and twelve": number words to the thousands
BIG_WORD = (rf"(?:(?:a|{_HUNDREDS}|{UNDER_100})\s+)?thousand(?:,?\s+(?:and\s+)?(?:{_HUNDREDS}|{UNDER_100}))?|"
             rf"{_HUNDREDS}")  # fmt: skip
_OTHER_WORDS = [re.escape(w) for w in NUMBER_WORDS if not re.fullmatch(UNDER_100, w)]
WORD = "|".join([BIG_WORD, *sorted(_OTHER_WORDS, key=len, reverse=True), UNDER_100])
TOKEN = LazyPattern(rf"(?<![\w£$€.,/-])(?P<n>{NUM}|{WORD})(?P<x>x)?(?![\w%£]|[.,]\d)", re.IGNORECASE)
LABEL_BEFORE = LazyPattern(
    r"\b(quarters?|q|stages?|levels?|tiers?|phases?|sections?|appendix|appendices|tables?|pages?|options?|h|weeks?|"
    r"months?|years?|days?|hours|minutes|priority|priorities|grades?|steps?|figures?|charts?|items?|paragraphs?|no|"
    r"number|version|bands?|category|categories|wards?|rooms?|units?|areas?|locality|localities|parts?|top)"
    r"(\s*\d+\s*(,|and|or|to|-|&))*\s*$",  # "quarters 2 and 4": the 4 is a label too
    re.IGNORECASE,
)
# a number word counts someone only when it is about people or events ("one child", "two of them");
# "a single Children and Families Service" or "teams in four localities" count no one
NOUNS = (
    r"child|children|young|person|people|persons|adults?|men|man|women|woman|boys?|girls?|"
    r"babies|baby|infants?|famil(y|ies)|carers?|clients?|service users?|users?|cases?|referrals?|deaths?|"
    r"placements?|complaints?|patients?|individuals?|offenders?|prisoners?|residents?|parents?|pupils?|victims?|"
    r"incidents?|registrations?|re-registrations?|orders?|admissions?|applications?|investigations?|"
    r"allegations?|staff|workers?|social workers?|siblings?|twins|households?|detentions?|hearings?|"
    r"LAC|LAAC|CYP|YP|CPOs?|CSOs?|DTTOs?"  # the shorthand councils write for the people they count
)
UNIT_AFTER = LazyPattern(
    r"\s*(%|per\s*cent|percent|day|days|week|weeks|month|months|year|years|yr|yrs|hour|hours|hrs|minute|minutes|"
    r"working|times?|am|pm|st|nd|rd|th|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|quarter|quarters|km|miles|mile|"
    r"million|m|bn|k|point|points|stars?)\b",
    re.IGNORECASE,
)
IDIOMS = LazyPattern(
    r"\b(one of the (best|most|main|key|largest|first|few|highest|lowest|top)|one-off|one off|one another|no one|"
    r"any one|each one|every one|one stop|one-stop|one to one|one-to-one|at once|both of (us|them|these)|"
    r"one year|one day|one week|one month|one team|one council|one service|one approach|"
    r"first|second|third|fourth)\b",
    re.IGNORECASE,
)
# what a number word ending in "of" ("a pair of", "a couple of") counts: the words just after it, up to a
# word that ends the phrase ("a pair of shoes for the young person" counts shoes; "a pair of children" 2)
PHRASE_END = r"for|to|with|from|in|on|at|by|and|or|but|which|that|who|whose|the|a|an|as|into|than|was|were|is|are"
# words before a range that make it no count: ages, and labels ("Stages 1-2", "pages 3-4", "Q1 2023 1-3")
AGE_OR_LABEL = LazyPattern(r"\b(?:aged?(?:\s+between)?|ages|age\s+range|between\s+the\s+ages\s+of|from\s+ages?|"
                           r"scores?(?:\s+of)?|scored|scoring|ratios?(?:\s+of)?|rated|grade[sd]?|"
                           r"quarters?|q|stages?|levels?|tiers?|phases?|sections?|appendix|appendices|tables?|pages?|"
                           r"paragraphs?|para|options?|steps?|figures?|charts?|items?|bands?|grades?|"
                           r"priorities|priority|parts?|rooms?|wards?|units?|no\.?|nos?\.?|number|version|chapters?|"
                           r"articles?|regulations?|schedules?|rules?)\s*$", re.I)  # fmt: skip
MONTH_NAMES = (r"january|february|march|april|may|june|july|august|september|october|november|december|"
           r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")  # fmt: skip


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
        elif w in NUMBER_WORDS:
            part, seen = part + NUMBER_WORDS[w], True
        else:
            return None
    return total + part if seen else None


def small_count(x, lo: int, hi: int) -> bool:
    try:  # a missing value (None, NaN, pandas' NA) is not small; no pandas here: settings read this module
        f = float(x) if x is not None else math.nan
    except TypeError:
        return False
    return not math.isnan(f) and lo <= round(f, 6) <= hi


def count_of(token: str) -> float | None:
    t = re.sub(r"\s+", " ", token.lower())
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    if "hundred" in t or "thousand" in t:
        return _words_value(t)
    try:
        return float(t.replace(",", ""))
    except ValueError:
        return None


# a fraction in words: "half", "a third", "an eighth", "nine tenths" (``fraction_value``)
_FRACTION_WORDS = {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                   "eighth": 8, "ninth": 9, "tenth": 10}  # fmt: skip
FRACTION = (r"(?:half|(?:a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+(?:halfs?|halves|thirds?|quarters?|"
             r"fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?))")  # fmt: skip


def fraction_value(k: str) -> float:
    """The value of a fraction in words (``FRACTION``): "half" 0.5, "an eighth" 0.125, "nine tenths" 0.9."""
    words = re.split(r"[\s-]+", k.strip().lower())
    if words == ["half"]:
        return 0.5
    top = 1 if words[0] in ("a", "an") else NUMBER_WORDS[words[0]]
    last = words[-1] if words[-1] in _FRACTION_WORDS else words[-1][:-1]  # "thirds", "halfs"
    return top / _FRACTION_WORDS[last]


def word_value(token: str) -> float:
    t = re.sub(r"[\s-]+", " ", token.lower()).replace(",", "")
    if t.endswith(" and a half"):  # "nine and a half (per cent)"
        return word_value(t[: -len(" and a half")]) + 0.5
    if "hundred" in t or "thousand" in t:
        return _words_value(t)
    return NUMBER_WORDS.get(t, None) or float(t)


def numerators(percent: float, decimals: int, base: float) -> list[int]:
    """The whole numerators of ``base`` that print as ``percent`` at ``decimals`` places (7.1 of 42: [3])."""
    if not base or base < 1 or not float(base).is_integer():
        return []
    shown = round_half_up(percent, decimals)
    guess = round(percent * base / 100)
    reach = int(base * 10.0**-decimals / 100) + 2  # how far a printed value's rounding lets the numerator move
    return [k for k in range(max(0, guess - reach), min(int(base), guess + reach) + 1)
            if round_half_up(100 * k / base, decimals) == shown]  # fmt: skip


def percent_parts(percent: float, decimals: int, base: float) -> list[int]:
    """The whole parts of ``base`` that print as ``percent`` at ``decimals`` places (9.5 of 42: [4]),
    as ``numerators`` finds them for a figure, where 0 < percent < 100 (else none)."""
    return numerators(percent, decimals, base) if 0 < percent < 100 else []


def changed_figures(percent: float, places: int, figure: float, up: bool, now: bool = True) -> list[tuple[int, int]]:
    """(before, after) for each pair of whole figures, ``figure`` the one after (``now``) or before,
    whose change up (``up``) or down prints as ``percent`` at ``places`` decimals: "rose 7.5% to 43"
    from 40 (40, 43); a rise above 100% too, "rose by 300% to 12" from 3 (3, 12); a fall below 100%
    only. The one reading of a change by a percentage that ``count_readers.base_of_change`` (its figure
    said) and ``multiples`` (its figure printed beside it) both use."""
    if not float(figure).is_integer() or figure < 1 or percent <= 0 or (not up and percent >= 100):
        return []
    shown = round_half_up(percent, places)
    half = 0.5 * 10.0**-places  # what the said percentage may have been, rounded to it
    ends = [1 + s * (max(0.0, percent + e * half)) / 100 for e in (-1, 1) for s in ((1,) if up else (-1,))]
    ends = [f for f in ends if f > 0] or [1e-9]
    near = [figure / f for f in ends] if now else [figure * f for f in ends]
    first, last = max(1, math.floor(min(near)) - 1), math.ceil(max(near)) + 1
    out = []
    for other in range(first, min(last, first + 1000) + 1):  # a whole figure within the rounding, a few at most
        before, after = (other, int(figure)) if now else (int(figure), other)
        if (
            before != after
            and (after > before) == up
            and round_half_up(100 * abs(after - before) / before, places) == shown
        ):
            out.append((before, after))
    return out
