"""The readers of the counts a form of words gives away (``count_forms.FORMS``): from a form's
match, the counts it reveals ("half of the 6 children": 3 and 3; "rose 7.5% to 43": 3; "aged 14,
15 and 16 were placed": 3), or none where the sentence is of a rate, a year or a band.
"""

from __future__ import annotations

import re

from .count_patterns import NOT_COUNTS, WHOLE_FIGURE
from .number_words import ROMAN, UNITS, LazyPattern, changed_figures, fraction_value, percent_parts, word_value
from .text_windows import sentence_start


def fraction_of(m: re.Match) -> list[float]:  # "half of the 6 children": 3, and the 3 others
    f = fraction_value(m.group("frac"))
    total = word_value(m.group("total"))
    part = round(f * total)
    return [part, total - part]


def percent_of(m: re.Match) -> list[float]:  # "25% of the 12 children": 3, and the 9 others
    total, pc = word_value(m.group("total")), word_value(m.group("pc"))
    part = round(pc * total / 100)
    return [part, total - part] if 0 < pc < 100 else []


_PER = LazyPattern(r"\s*(?:per|a|an)\s+(?:1,?000|10,?000|100,?000|head|capita|population|week|month|day)")


def difference(m: re.Match) -> list[float]:  # "of the 45 referred, 43 were accepted": the 2 others
    a, b = word_value(m.group("a")), word_value(m.group("b"))
    if a == b or (1900 <= a <= 2100 and 1900 <= b <= 2100):  # "rose from 2021 to 2023": years, not figures
        return []
    sentence = m.string[sentence_start(m.string, m.start()) : m.start()] + m.group(0)
    sentence = re.sub(
        r"\d+(?:\.\d+)?%\s+(?:increase|rise|fall|drop|decrease|reduction)", "", sentence
    )  # "a 50% rise from 6"
    per = _PER.match(m.string, m.end())
    return [] if NOT_COUNTS.search(sentence) or per else [abs(a - b)]


def part_said_after(
    m: re.Match, b: str | None = None
) -> list[float]:  # "Of the 6 children referred, ... 4 were placed."
    a, b = word_value(m.group("a")), word_value(b or m.group("b"))
    if b >= a or 1900 <= a <= 2100:  # no part of it, or "of the 2023 figures"
        return []
    before = m.string[sentence_start(m.string, m.start()) : m.start("a")]
    return [] if NOT_COUNTS.search(before) or NOT_COUNTS.search(m.group("said")) else [a - b]


def one_in(m: re.Match) -> list[float]:  # "1 in 4 of the 12 children": 3, and the 9 others; "one in four": 1 of 4
    x, y = word_value(m.group("x")), word_value(m.group("y"))
    if not 0 < x < y or 1900 <= y <= 2100:  # "3 in 2023": a year
        return []
    if m.group("total") is None:
        return [x, y - x]
    total = word_value(m.group("total"))
    part = x * total / y
    return [part, total - part] if part.is_integer() else []


def share_of_change(m: re.Match) -> list[float]:  # "rose by a third from 9": 3
    a = word_value(m.group("a"))
    if 1900 <= a <= 2100:
        return []
    frac, pc = m.group("frac") or m.group("frac2"), m.group("pc") or m.group("pc2")
    before = m.string[sentence_start(m.string, m.start()) : m.start()]
    if NOT_COUNTS.search(before):
        return []
    if frac:
        return [round(fraction_value(frac) * a, 6)]
    if pc[0].isdigit():  # "increased 7.3% from 41": the whole changes that print as 7.3% of 41 (3)
        return percent_parts(float(pc), len(pc.partition(".")[2]), a) or [round(float(pc) * a / 100, 6)]
    return [round(word_value(pc) * a / 100, 6)]


_UP_WORDS = re.compile(
    r"rose|risen|rising|increas\w*|(?:went\s+|gone\s+)?up|grew|grown|climbed|rise|more|higher|greater", re.I
)


def base_of_change(m: re.Match) -> list[float]:  # "rose 7.5% to 43", "43, a 7.5% increase": from 40, so 3
    """The counts a percentage change to a figure gives: for each whole figure it can be from (those
    whose change prints as that percentage: ``number_words.changed_figures``; 7.5% up to 43: from 40; 7%
    down to 40: from 43; 300% up to 12: from 3), the change and that figure."""
    a, (p, d) = word_value(m.group("a")), _percent_said(m.group("pc"))
    if 1900 <= a <= 2100:
        return []
    before = m.string[sentence_start(m.string, m.start()) : m.start()]
    if NOT_COUNTS.search(before):
        return []
    up = m.group("how") == "+" or bool(_UP_WORDS.fullmatch(m.group("how").lower()))
    return [float(v) for b, now in changed_figures(p, d, a, up) for v in (abs(now - b), b)]


def base_of_fraction(m: re.Match) -> list[float]:  # "fell by a tenth to 36": from 40, so 4
    """The change a change by a fraction in words gives ("a tenth", "a quarter", "ten per cent" in
    words): the figure it is from where a whole one fits (36 is 40 less a tenth), and the change."""
    key = re.sub(r"[\s-]+", " ", m.group("wf").lower())
    f = _WORD_SHARES.get(key) or fraction_value(key)
    a = word_value(m.group("a"))
    if not f or not 0 < f < 1 or 1900 <= a <= 2100:
        return []
    before = m.string[sentence_start(m.string, m.start()) : m.start()]
    if NOT_COUNTS.search(before):
        return []
    up = bool(_UP_WORDS.fullmatch(m.group("how").lower()))
    b = a / (1 + f) if up else a / (1 - f)
    return [float(abs(a - round(b)))] if abs(b - round(b)) < 0.05 and round(b) != a else []


_WORD_SHARES = {"a tenth": 0.1, "one tenth": 0.1, "ten per cent": 0.1, "ten percent": 0.1, "twenty per cent": 0.2,
                "twenty percent": 0.2, "a fifth": 0.2, "a quarter": 0.25, "a third": 1 / 3, "half": 0.5,
                "fifty per cent": 0.5, "fifty percent": 0.5, "twenty five per cent": 0.25, "twenty five percent": 0.25}  # fmt: skip
_DIGIT_WORDS = {w: i + 1 for i, w in enumerate(UNITS)} | {"zero": 0, "nought": 0, "oh": 0}


def _percent_said(pc: str) -> tuple[float, int]:
    """A percentage as ``count_forms``' changes by a percentage find it, and the decimal places it is said to: "7.5" (7.5, 1),
    "seven and a half" (7.5, 1: a half is said exactly), "seven point five" (7.5, 1), "twelve" (12, 0)."""
    t = re.sub(r"[\s-]+", " ", pc.strip().lower())
    if t[0].isdigit():
        return float(t), len(t.partition(".")[2])
    whole, point, digits = t.partition(" point ")
    if point:
        ds = "".join(str(_DIGIT_WORDS[w]) for w in digits.split())
        return float(f"{word_value(whole):g}.{ds}"), len(ds)
    return word_value(t), 1 if t.endswith(" and a half") else 0


_SIBLINGS = LazyPattern(r"\b(?:brothers|sisters|siblings|twins|sons|daughters|boys|girls)\s+$", re.I)


def ages_listed(m: re.Match) -> list[float]:  # "aged 14, 15 and 16 were placed": 3 people
    """The people a list of ages names: one an age where the list says individuals (three ages or
    more, an age twice, ages apart, or brothers, sisters, boys or girls); none for two ages that
    bound a band ("young people aged 16 and 17 were offered places")."""
    ages = [int(a) for a in re.findall(r"\d+", m.group("ages"))]
    band = len(ages) == 2 and ages[1] == ages[0] + 1
    rest = re.split(r"[.;!?]", m.string[m.end() :], maxsplit=1)[0]  # a band's count said after it: "... 20 places"
    told = re.search(rf"\d|\b(?:{WHOLE_FIGURE})\b|\b(?:are|is|can|may|will|would|should)\b", rest, re.I)
    if band and told and not _SIBLINGS.search(m.string, max(0, m.start() - 20), m.start()):
        return []
    said = re.match(
        r"(?:\s+[\w'’-]+){0,3}?\s+(?:were|was|had|have\s+been|has\s+been|\w+ed)\b", m.string[m.end() :], re.I
    )
    if not said and not re.search(r"(?:\bwere|\bwas|\()\s*$", m.string[max(0, m.start() - 8) : m.start()], re.I):
        return []  # at a sentence's end, people only as "were aged 15 and 16." or "(aged 15 and 16)"
    return [len(ages)]


def ages_said(m: re.Match) -> list[float]:  # "the children placed were 15 and 16 years old": 2 people
    """The people a list of ages said of them names, one an age: none where the sentence counts them
    otherwise ("the 20 young people placed were 16 and 17 years old": a band of a group counted)."""
    start = sentence_start(m.string, m.start())
    rest = re.split(r"[.;!?]", m.string[m.end() :], maxsplit=1)[0]
    around = m.string[start : m.start()] + " " + rest
    if re.search(rf"\d|\b(?:{WHOLE_FIGURE})\b", around, re.I):
        return []
    return [len(re.findall(r"\d+", m.group("ages")))]


_ROMAN_LABEL = LazyPattern(r"\b(?:part|stage|phase|level|tier|section|chapter|schedule|annex|volume|vol|article|appendix|"
                          r"act|book|grade|class|type|band|step|henry|george|james|charles|edward|william|elizabeth|"
                          r"richard|mary|world\s+war)\.?\s*$", re.I)  # fmt: skip


def roman_count(m: re.Match) -> list[float]:  # "III children" (3), not "Part III" nor "Schedule IV"
    if m.group("r2"):
        return [ROMAN[m.group("r2")]]
    if m.group("rl"):  # "iii children"
        return (
            [] if _ROMAN_LABEL.search(m.string, max(0, m.start() - 20), m.start()) else [ROMAN[m.group("rl").upper()]]
        )
    return [] if _ROMAN_LABEL.search(m.string, max(0, m.start() - 20), m.start()) else [ROMAN[m.group("r")]]


def share_of_figure_before(m: re.Match) -> list[float]:  # "went up from 9 last year; ... a third more": 3
    """The change a fraction in words says of the figure said before it, a whole one (a third of 9: 3)."""
    key = re.sub(r"[\s-]+", " ", m.group("wf").lower())
    f, a = _WORD_SHARES.get(key) or fraction_value(key), word_value(m.group("a"))
    if not f or 1900 <= a <= 2100 or NOT_COUNTS.search(m.string[sentence_start(m.string, m.start()) : m.start()]):
        return []
    return [f * a] if abs(f * a - round(f * a)) < 1e-6 else []


# the words that say the rest of a whole after its listed parts: "the others", "the rest", "the remainder"
_REST_WORDS = LazyPattern(r"\b(?:the\s+(?:others?|rest|remainder|remaining\s+\w+)|all\s+(?:the\s+)?others|"
                          r"(?:everyone|every\s+\w+)\s+else)\b", re.I)  # fmt: skip
_PART = LazyPattern(rf"(?<![\w.,£$/-])(?P<n>{WHOLE_FIGURE})\b(?!\s*(?:%|per\s*cent|percent|days?|weeks?|months?|"
                    r"years?|hours?|[.,/-]\d))", re.I)  # fmt: skip
# "... in foster care (8), kinship care (8) and residential care": a list whose last part has no figure
_LAST_UNFIGURED = LazyPattern(r"\(\s*\d+\s*\)\s*,?\s*(?:and|&)\s+(?![^()]*\(\s*\d)[^()]+$", re.I)
# "... split 20 police, 22 health and education": a list of figures before their parts, its last part with none
_LAST_BARE = LazyPattern(r",\s*\d+\s+(?:[a-z][\w'’-]*\s+){1,3}?(?:and|&)\s+(?:[a-z][\w'’-]*\s*){1,4}$", re.I)


def rest_of_listed(m: re.Match) -> list[float]:  # "Of the 20 children, 8 ... and 8 ...; the others ...": 4
    """The rest of a whole said with its parts listed, where the sentence says there is a rest ("the
    others", "the rest", "the remainder") or lists a last part with no figure ("foster care (8),
    kinship care (8) and residential care", "split 20 police, 22 health and education"): the whole less the parts, two parts or more (one is
    ``difference``'s), where they add to less than the whole; not of rates, percentages or years."""
    a, rest = word_value(m.group("a")), m.group("rest")
    if (
        1900 <= a <= 2100
        or NOT_COUNTS.search(rest)
        or NOT_COUNTS.search(m.string[sentence_start(m.string, m.start()) : m.start()])
    ):
        return []
    parts = [word_value(p.group("n")) for p in _PART.finditer(rest)]
    parts = [p for p in parts if not 1900 <= p <= 2100]
    listed = _LAST_UNFIGURED.search(rest) or _LAST_BARE.search(rest.split(";")[0].rstrip(" ,)"))
    if len(parts) < 2 or not (_REST_WORDS.search(rest) or listed):
        return []
    left = a - sum(parts)
    return [left] if left > 0 else []
