"""Counts in free text said across a sentence or a paragraph: two counts whose difference is
small ("We received 50 referrals and accepted 47": 3), a percentage of a count printed near it
("Of the 42 children, 9.5% were in secure care": 4), and with them the forms of ``count_forms``:
``small_counts_in``.
"""

from __future__ import annotations

import math
import re
from functools import partial

from .count_forms import FORMS
from .count_patterns import CHANGE_DOWN, CHANGE_UP
from .events_listed import FORMS as LISTED
from .figure_said import FORMS as SAID
from .number_words import (
    AGE_OR_LABEL,
    BIG_WORD,
    FRACTION,
    IDIOMS,
    LABEL_BEFORE,
    MONTH_NAMES,
    NOUNS,
    NUMBER_WORDS,
    UNDER_100,
    UNIT_AFTER,
    WORD,
    LazyPattern,
    fraction_value,
    percent_parts,
    small_count,
    word_value,
)
from .text_windows import PARAGRAPH, SENTENCE

# a figure in a sentence that counts things: digits (1,234 too) or number words ("five hundred and one" one
# figure, not 5 and 1); not a part of a date, a range, a code ("SW1", "Q2"), a decimal, a percentage, money
# or an ordinal
_CWORD = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS if not w.startswith(("a ", "twice")) or w == "a score of"), key=len,
                         reverse=True))  # fmt: skip
_COUNT = LazyPattern(
    rf"(?<![\w.,£$€#/–-])(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{BIG_WORD}|{_CWORD})\b)(?![\w%£]|[.,]\d|\s*[-/–]\s*\d)",
    re.I,
)
_LABELS = LazyPattern(r"\b(?:outcomes?|standards?|recommendations?|objectives?|actions?|principles?|indicators?|"
                     r"measures?|goals?|priorit(?:y|ies)|sw|ss|s|para|nos?|aged?|ages|the\s+top|top|under|over|"
                     r"rank(?:ed)?|position|placed(?=\s+(?:\d+\s+)?(?:out\s+of|of|in\s+scotland))|level)\.?\s*$", re.I)  # fmt: skip
_THIS_PERIOD = LazyPattern(r"\b(?:this|last|next|that|each|every|per|a|the\s+previous|the\s+same|previous)\s+"
                          r"(?:year|quarter|month|week|day)$", re.I)  # fmt: skip
_MONTH_BEFORE = LazyPattern(rf"\b(?:{MONTH_NAMES})\.?\s*$", re.I)
_LINKED = LazyPattern(r"\s*(?:,|and|or|to|&|-|–|\s)\s*$", re.I)  # "16 and 17 year olds": the 16 is an age too
# words after a figure that name nothing it counts ("nine were seen", "47 in Q1", "18 the year before")
_NOT_NOUNS = {"were", "was", "are", "is", "had", "have", "has", "in", "on", "at", "within", "of", "to", "from", "for",
              "by", "against", "compared", "with", "than", "last", "this", "the", "a", "an", "and", "or", "but", "who",
              "which", "that", "per", "more", "fewer", "less", "new", "recorded", "received", "during", "over",
              "before", "after", "since", "each", "all", "out", "up", "down", "so", "as", "they", "we"}  # fmt: skip
# a verb after a figure names nothing it counts either ("ten completed the course", "4 left care")
_NOT_NOUN = LazyPattern(
    "|".join(_NOT_NOUNS) + r"|\w{3,}ed|left|went|came|got|did|will|would|could|can|may|might|"
    r"should|still|now|then|also|only|just|remain|stayed|took|saw|made|became",
    re.I,
)
# what follows a number word that is a part of a count ("forty-five of our forty-seven carers")
_OF_A_COUNT = LazyPattern(rf"\s+of\s+(?:(?:the|our|its|their|these|those|all|all\s+the)\s+)?(?:\d|(?:{BIG_WORD}|{UNDER_100})\b)",
                          re.I)  # fmt: skip
# a sentence about a rate, an average or a percentage: its figures are not counts of anyone
_NOT_COUNT_SENTENCE = LazyPattern(r"\b(rates?|per\s+(?:1,?000|10,?000|100,?000|head|capita)|percentages?|"
                                 r"proportions?|averages?|averaged|mean|median|ratios?|(?<!\ba\s)scores?|a\s+score(?=\s+of\s+\d)|index|"
                                 r"indices)\b",
                                 re.I)  # fmt: skip


def counts_in_sentence(sentence: str) -> list[float]:
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
        v = word_value(tok)
        word = tok[0].isalpha()
        unit = bool(UNIT_AFTER.match(after)) or bool(re.match(r"\s*(?:-?\s*year[-\s]?olds?|s\b)", after, re.I))
        chain = LABEL_BEFORE.search(before)  # "quarters 2 and 4" (labels), not "Q1 and 61" (a code, then a count)
        if chain and _THIS_PERIOD.search(before, 0, chain.end(1)):
            chain = None  # "this year 12 children", "last quarter 41": a time, then a count
        label = (
            (chain and not re.match(r"[a-z]+\d", chain.group(0), re.I))
            or AGE_OR_LABEL.search(before)
            or _LABELS.search(before)
            or _MONTH_BEFORE.search(before)
        )
        year = not word and "," not in tok and len(tok) == 4 and 1900 <= v <= 2100
        idiom = IDIOMS.match(sentence, m.start()) or (
            word and re.match(r"\s+of\b", after, re.I) and not _OF_A_COUNT.match(after)
        )  # "one of the best", not "Forty-five of our forty-seven carers" (a part of a count, as "45 of our 47")
        noun = re.match(r"\s+([a-z][\w'’-]*)", after, re.I)
        noun = noun.group(1).lower().rstrip("s") if noun and not _NOT_NOUN.fullmatch(noun.group(1)) else None
        tokens.append(
            [v, not (unit or label or year or idiom or v == 0), unit, m.start(), m.end(), noun, label and not year]
        )  # "31 March 2024 and 40": a date's year names no figure after it
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
    return [] if _NOT_COUNT_SENTENCE.search(sentence) else _pairs(counts_in_sentence(sentence), hi)


# nouns of two counts that are one flow of cases told twice though they differ: the people and what was
# done for them ("15 referrals ... 12 children were seen": 3 referrals with no child seen), or two steps of
# one procedure ("15 referrals and 12 investigations"); not two kinds of people ("14 boys and 11 girls",
# "12 foster carers and 10 social workers") nor of events ("18 hearings and 15 complaints"), whose difference
# counts no one. Nouns as ``counts_in_sentence`` gives them: lower case, a final "s" dropped
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
    counts = counts_in_sentence(sentence)
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
    for s in SENTENCE.finditer(paragraph):
        if _NOT_COUNT_SENTENCE.search(s.group(0)):
            continue
        counts = counts_in_sentence(s.group(0))
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
_PERCENT = LazyPattern(rf"(?<![\w.,£$])(?P<pc>\d{{1,2}}(?:\.(?P<d>\d+))?|(?:{WORD})(?P<half>\s+and\s+a\s+half)?)"
                      r"\s*(?:%|per\s*cent\b|percent\b)(?!\s*of\s+(?:the\s+|these\s+|those\s+|our\s+|all\s+)?\d)",
                      re.I)  # fmt: skip


# a share said in words of a count near it ("a tenth of them", "half were for babies", "making up nine tenths"),
# as a percentage is; "the first half of the year", "a quarter of the time" and "half-way" share no count
_SHARE_WORDS = LazyPattern(
    r"(?<![\w-])(?P<k>half|(?:a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+(?P<f>halves|thirds?|quarters?|"
    r"fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?))\b(?![\s-]+(?:way|time|term|hour|day|week|month|year|"
    r"quarter|century|decade)s?\b)(?!\s+of\s+(?:the\s+|a\s+|this\s+|that\s+|each\s+)?(?:\d|(?:way|time|term|hour|day|"
    r"week|month|year|quarter|century|decade|period|budget|cost|spend|funding)s?\b))"
    r"(?=\s+of\s+(?:them|these|those|whom|which|all)\b|\s+of\s+(?:the|this|that|its)\s+(?P<change>rise|increase|"
    r"growth|fall|drop|decrease|reduction|change|difference)\b|\s+(?:were|was|had|have|are|went|came|involved|"
    r"related|concerned|led|resulted|needed|for)\b|\s*(?:[.;,)]|$))",
    re.I,
)
_CHANGE_AFTER = LazyPattern(r"\s+of\s+(?:the|this|that|its)\s+(?:rise|increase|growth|fall|drop|decrease|reduction|change|"
                      r"difference)\b", re.I)  # fmt: skip


# one in so many said alone ("one in ten of this year's orders", "1 in 4 were"), not of a figure said with it
# ("1 in 4 of the 12": ``count_forms``' "one in so many" reads that), nor a date ("1 in 2023")
_ONE_IN = LazyPattern(
    rf"(?<![\w.,£$/-])(?P<x>\d{{1,2}}|{UNDER_100})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<y>\d{{1,3}}|{UNDER_100})\b"
    r"(?!\s*(?:%|per\s*cent|percent|days?|weeks?|months?|years?|hours?|[.,]\d))(?!\s+of\s+(?:the\s+|these\s+|those\s+)?\d)",
    re.I,
)
# a fraction in words of what a measure counts ("a tenth of this year's Child Protection Orders", "a third of
# the incidents"): a share of the measure's figure, where ``shares_of_figures`` sets it against one
_SHARE_OF_NOUN = LazyPattern(
    rf"(?<![\w-])(?P<k>{FRACTION})\s+of\s+(?:(?:the|these|those|our|all|this|last)\s+)?(?:(?:year|quarter|month)['’]s\s+)?"
    rf"(?:[\w'’-]+\s+){{0,4}}?(?:{NOUNS})\b(?!['’])",
    re.I,
)


def _shares(paragraph: str, start: int, end: int, of_nouns: bool = False):
    """Each share said in ``paragraph[start:end]``: a percentage (``_PERCENT``), a fraction in words
    (``_SHARE_WORDS``; with ``of_nouns``, "a tenth of this year's orders" too: ``_SHARE_OF_NOUN``) or
    one in so many ("one in ten": ``_ONE_IN``), as (match, the whole parts of a figure it can be, of
    a change: "half of the rise")."""
    for m in _PERCENT.finditer(paragraph, start, end):
        pc, d = word_value(m.group("pc")), len(m.group("d") or "") or (1 if m.group("half") else 0)
        yield m, (lambda base, pc=pc, d=d: percent_parts(pc, d, base)), bool(_CHANGE_AFTER.match(paragraph, m.end()))
    for m in _SHARE_WORDS.finditer(paragraph, start, end):
        yield m, partial(_whole_parts, fraction_value(m.group("k"))), bool(_CHANGE_AFTER.match(paragraph, m.end()))
    if of_nouns:
        for m in _SHARE_OF_NOUN.finditer(paragraph, start, end):
            yield m, partial(_whole_parts, fraction_value(m.group("k"))), False
    for m in _ONE_IN.finditer(paragraph, start, end):
        x, y = word_value(m.group("x")), word_value(m.group("y"))
        if 0 < x < y and not 1900 <= y <= 2100:
            yield m, partial(_whole_parts, x / y), bool(_CHANGE_AFTER.match(paragraph, m.end()))


def _whole_parts(f: float, base: float) -> list[int]:
    """The whole part of ``base`` a fraction ``f`` said in words is (a tenth of 30: [3])."""
    return [round(f * base)] if 0 < f < 1 and base >= 1 and float(base).is_integer() else []


def _share_part(
    parts, change: bool, bases: list[float], lo: int, hi: int, said: bool = False
) -> tuple[float, float] | None:
    """(part or rest from lo to hi, the base it is of) that a share (``parts``: its whole parts of a base)
    gives of one of ``bases`` (of the change between two of them, where it is a share of a change), or
    None; None too where the share is only that of two figures said ("down from 27 (a reduction of 9,
    33%)"), or with ``said`` (the bases are figures a page prints) of their change ("40 ... compared
    with 41, down 2.4%"): nothing new."""
    values = set(bases)
    changes = {abs(a - b) for a in values for b in values if a != b} if change or said else set()
    if any(k in (values | changes if said else values) for base in values for k in parts(base)):
        return None
    for base in sorted(changes) if change else bases:
        for k in parts(base):
            part = k if lo <= k <= hi else base - k if lo <= base - k <= hi else None
            if part is not None:
                return part, base
    return None


def share_of_figures(text: str, figures, lo: int = 1, hi: int = 4) -> int | None:
    """The first part or rest from lo to hi that a share said in ``text`` (a percentage, a fraction in
    words) gives of one of ``figures`` (or of the change between two of them: "half of the rise"), the
    rule ``_percent_of_counts`` applies to counts printed near a share: "Child Protection Orders rose to
    30 in 2023-24 from 24 in 2022-23; 10% of them were for babies" gives 3 of the 30 the table prints."""
    bases = sorted({float(f) for f in figures})
    for _, parts, change in _shares(text, 0, len(text)):
        found = _share_part(parts, change, bases, lo, hi, said=True)
        if found:
            return int(found[0])
    return None


# a share that is no part of a figure said of: a change ("rose by 10%", "a 10% increase", "10% more than last
# year": ``multiples`` reads those), a target ("a target of 95%", "95% target"), or qualified ("over 90%": no
# figure pinned down)
_CHANGE_BEFORE = LazyPattern(rf"\b(?:{CHANGE_UP}|{CHANGE_DOWN}|by|an?|targets?"
                             r"(?:\s+(?:of|is|was|at|set\s+at))?|aim(?:ed)?\s+(?:of|for|at)|against|than|compared\s+"
                             r"(?:with|to)|from|to|over|under|nearly|almost|about|around|approximately|roughly|some|(?:more|less|fewer)\s+than|"
                             r"at\s+(?:least|most)|up\s+to|just|below|above)\s*[(+-]?\s*$", re.I)  # fmt: skip
_CHANGE_AFTER_SHARE = LazyPattern(r"\)?\s*(?:increase|rise|fall|drop|decrease|reduction|more|fewer|less|higher|lower|"
                                  r"up|down|targets?|on\s+(?:last|the\s+previous|the\s+year)|than|change)\b",
                                  re.I)  # fmt: skip
# a sentence about a rate, an average or a score, whose shares are of no count ("the rate fell by 8.8%"), or
# a timeliness ("90% of case conferences were held within 28 days": a share of its own cases, not the measure's)
_RATE_SENTENCE = LazyPattern(r"\b(rates?|per\s+(?:1,?000|10,?000|100,?000|head|capita)|averages?|averaged|mean|"
                             r"median|ratios?|scores?|scored|index|indices)\b|\b\d+\s*(?:working\s+)?(?:hours?|days?|"
                             r"weeks?|months?)\b", re.I)  # fmt: skip


# what ``shares_of_figures`` looks further at: a percentage, a fraction in words, one in so many
SHARE_SAID = LazyPattern(rf"%|\bper\s*cent|\bpercent|\b(?:half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|"
                         rf"eighths?|ninths?|tenths?)\b|\b(?:\d+|{UNDER_100})\s+(?:in|out\s+of)\s+(?:every\s+)?(?:\d|{UNDER_100})",
                         re.I)  # fmt: skip


def shares_of_figures(text: str, figures, lo: int = 1, hi: int = 4) -> list[str]:
    """Each sentence of ``text`` with a share said alone (a percentage, a fraction in words, one in so
    many: ``_shares``) that gives a part or the rest from lo to hi of one of ``figures``, a measure's
    counts a report prints beside the text (its row's figures, for a comment; those of a measure a
    narrative paragraph names): "8.8% of this year's incidents led to hospital treatment" beside the
    row's 34 (3), "10% of this year's Child Protection Orders were for babies" beside the table's 30
    (3), "9.1% were of people under 18" beside 44 (4), "one in ten" too; the percentage taken as
    rounded (``number_words.percent_parts``). Not a share that is a change ("rose by 10%", "a 10%
    increase") or a target ("a target of 95%"), one in a sentence about a rate, an average, a
    score or a timeliness ("within 28 days"), nor one that is a figure's share of another ("30 is 88.2% of 34": nothing new)."""
    if not isinstance(text, str):
        return []
    bases = sorted({float(f) for f in figures if f == f and float(f) >= 1})
    out = []
    for s in SENTENCE.finditer(text):
        sentence = s.group(0)
        if not bases or _RATE_SENTENCE.search(sentence):
            continue
        for m, parts, change in _shares(sentence, 0, len(sentence), of_nouns=True):
            if _CHANGE_BEFORE.search(sentence, max(0, m.start() - 40), m.start()) or _CHANGE_AFTER_SHARE.match(
                sentence, m.end()
            ):
                continue
            if any(k in bases for base in bases for k in parts(base)):
                continue  # one printed figure as a share of another: nothing new
            if _share_part(parts, change, bases, lo, hi):
                out.append(" ".join(sentence.split()))
                break
    return out


def _percent_of_counts(paragraph: str, lo: int, hi: int) -> tuple[int, int, int] | None:
    """The first share in a paragraph (a percentage, a fraction in words: ``_shares``) that, taken of a
    count printed in it, gives a part or the rest from lo to hi ("Of the 42 children placed out of
    area, 9.5% were in secure care": 4 of 42; "We made 30 orders; a tenth of them were for babies": 3),
    as ``percent_bases`` finds a value-only figure beside its base; (count, start, end of the
    passage) or None. Counts are those of ``counts_in_sentence``, in sentences not about a rate,
    within ``_NEAR`` sentences of the share (at most ``_NEAR_COUNTS`` of them): a reader takes
    a share of a figure near it, and a long table is checked in linear time."""
    if not (_PERCENT.search(paragraph) or _SHARE_WORDS.search(paragraph)):
        return None
    spans = list(SENTENCE.finditer(paragraph))
    counts = [[(v, s) for v, _ in counts_in_sentence(s.group(0))] if not _NOT_COUNT_SENTENCE.search(s.group(0))
              else [] for s in spans]  # fmt: skip
    for i, ps in enumerate(spans):
        for _, parts, change in _shares(paragraph, ps.start(), ps.end()):
            near = [c for cs in counts[max(0, i - _NEAR) : i + _NEAR + 1] for c in cs][:_NEAR_COUNTS]
            found = _share_part(parts, change, [v for v, _ in near], lo, hi)
            if found:
                cs = next((s for v, s in near if v == found[1]), ps) if not change else ps
                return int(found[0]), min(ps.start(), cs.start()), max(ps.end(), cs.end())
    return None


_NEAR, _NEAR_COUNTS = 3, 32


def small_counts_in(text: str, lo: int = 1, hi: int = 4) -> list[tuple[str, int]]:
    """(passage, count) for each count from lo to hi that ``FORMS`` finds in free text said
    without "a number and what it counts": "both of the children" (2), "half of the 6 children"
    (3), "of the 45 referred, 43 were accepted" (2), "rose from 10 to 13" (3), and two counts in one
    sentence (``SENTENCE``: "we received 50 referrals and accepted 47", 3)."""
    if not isinstance(text, str):
        return []
    forms = [(pattern, counts) for _, pattern, counts in (*FORMS, *SAID, *LISTED)]
    forms.append((SENTENCE, lambda m: _small_differences(m.group(0), lo, hi)))
    found = []
    for pattern, counts in forms:
        for m in pattern.finditer(text):
            try:
                values = counts(m) if callable(counts) else [counts]
            except (KeyError, ValueError, TypeError):
                continue
            for v in values:
                if small_count(v, lo, hi) and float(v).is_integer():
                    around = text[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ").strip()
                    found.append((around, int(v)))
                    break
    for m in PARAGRAPH.finditer(text):  # two counts in one paragraph: the passage is the sentences that say them
        pair = _paragraph_differences(m.group(0), lo, hi) or _percent_of_counts(m.group(0), lo, hi)
        if pair:
            d, a, b = pair
            found.append((m.group(0)[a:b].replace("\n", " ").strip(), int(d)))
    return found


# a paragraph that refers straight back to the one before it ("Of them, 309 were screened")
_BACK = LazyPattern(r"\A\s*(?:and\s+|but\s+)?(?:of\s+(?:these|those|them|whom|which)\b|(?:\d+|\w+)\s+of\s+(?:these|those|"
                    r"them|whom)\b)", re.I)  # fmt: skip
_HEADING = LazyPattern(r"\A(?:\s*#[^\n]*(?:\n|\Z))+\s*\Z")
_ITEM = LazyPattern(r"\A\s*(?:[-*+]|\d{1,2}[.)])[ \t]")  # a list's item: items a blank line apart print as one list


def counts_said_across(before: str, text: str, lo: int = 1, hi: int = 4) -> list[tuple[str, int]]:
    """(passage, count) for each count from lo to hi that ``text`` (a paragraph) gives with the paragraph
    ``before`` it, where it reads on from it: it refers straight back ("312 referrals this year." then
    "Of them, 309 were screened within 24 hours.": 3), or ``before`` is a heading ("## Referrals
    received: 312" over "Referrals screened within 24 hours: 309."), or both are items of a list (a blank line
    between them, they print as one list: "- Referrals received: 312", "- Referrals screened: 309"): what ``small_counts_in`` finds in the
    two read as one paragraph and in neither alone."""
    if not isinstance(before, str) or not isinstance(text, str) or not before.strip() or not text.strip():
        return []
    if not (_BACK.match(text) or _HEADING.match(before) or (_ITEM.match(before) and _ITEM.match(text))):
        return []
    alone = {v for t in (before, text) for _, v in small_counts_in(t, lo, hi)}
    return [(p, v) for p, v in small_counts_in(before.strip() + "\n" + text.strip(), lo, hi) if v not in alone]
