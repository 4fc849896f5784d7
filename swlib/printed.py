"""Whether a narrative passage does no more than restate figures a public report prints in its
tables (each measure's run of years: ``publishing.printed_series``). Dundee 2016/17's workforce passage says
"a total of 40 recorded violent incidents ... compared with 41 recorded incidents the year before":
the difference of the two (1) is what ``small_numbers`` finds, and the table just below the
passage prints 41 and 40 for the same measure, so the passage gives nothing away the page does not
already print. A passage is let through only where every figure in it above the small-number
range is one measure's printed figure, and nothing else in it is small once those are set aside."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .amounts import SERVICE_WORDS
from .base import round_half_up, small_span
from .linked import case_title_words  # a title's words for its cases
from .multiples import multiple_hits, said_without_figure
from .number_words import MONTH_NAMES, UNIT_AFTER, WORD, LazyPattern, word_value
from .periods import year_before
from .sentence_counts import share_of_figures
from .small_numbers import small_numbers_in

# a whole figure in digits ("40", "1,510"), not part of a date, range, decimal, percentage or money
_FIGURE = re.compile(r"(?<![\w.,/£$€-])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w%]|[.,/-]\d)")
# a figure above the small-number range said in words, which the digits above would not see
_BIG_WORDS = re.compile(r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|score)\b",
                        re.IGNORECASE)  # fmt: skip


# said as a change over time ("compared with 41 the year before"), not as a part of a whole
_OVER_TIME = re.compile(r"\b(the year before|the previous year|last year|a year earlier|the year earlier|the prior year|"
                        r"(?:19|20)\d\d(?:[-/]\d\d)?)\b", re.IGNORECASE)  # fmt: skip
_PART_OF = re.compile(
    r"(?:(?<!total )(?<!number )\bof\s+(?:the\s+|these\s+|those\s+|our\s+|all\s+)?#\d+#|#\d+#\s+(?:out\s+)?of\b)",
    re.IGNORECASE,
)
# the year a figure is said for: a financial year (2016-17, 2016/17, 2023/2024), this year, the year before
_YEAR = re.compile(
    r"\b(?P<fy>(?:19|20)\d\d)\s*[-/\u2013]\s*(?P<to>\d\d(?:\d\d)?)\b"
    r"|(?P<now>\bthis\s+year\b|\bthe\s+year\b(?!\s+(?:before|earlier))|\bthe\s+current\s+year\b)"
    r"|(?P<before>\bthe\s+year\s+before\b|\bthe\s+previous\s+year\b|\blast\s+year\b|\ba\s+year\s+earlier\b"
    r"|\bthe\s+year\s+earlier\b|\bthe\s+prior\s+year\b|\bthe\s+preceding\s+year\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Series:
    """One measure's figures a public report prints (``publishing.printed_series``): its title, and
    its figure for each financial year shown ({"2015-16": 41.0, "2016-17": 40.0}), the report's own
    ``year`` among them."""

    title: str
    figures: dict[str, float]
    year: str
    withheld: tuple = ()  # the columns the report prints [c] ("2022-23", "to_date")
    # any row of the report's tables, not only the statutory functions' counts (``tables`` False: a row
    # restates_printed and multiples_given_away leave aside): the counts it prints [c] in place of (a
    # count's hidden columns; a percentage's numerator and denominator), the percentages it hides
    # ((value, decimals)), and the counts it prints (a count's columns; a percentage's "x of y")
    hidden: tuple = ()
    hidden_shares: tuple = ()
    shown: tuple = ()
    tables: bool = True


def years_said(block: str, year: str) -> list[tuple[str, str | None]]:
    """Each whole figure of ``block`` (as ``_FIGURE`` finds it) with the financial year the passage
    gives it: the year said after it in its clause, before the next figure ("12 children in
    2023/24 and 15 in 2022/23"), else the last said before it ("In 2016-17, ... 40 incidents");
    "this year" is ``year``, the report's; "the year before", "last year" the year before the last
    one said (or the report's). None where no year is said for it."""
    marks, spans = [], []  # (position, year); where a year is written (the 17 of "2016-17" is no figure)
    said = year
    for m in _YEAR.finditer(block):
        if m.group("fy"):
            spans.append(m.span())
            to = m.group("to")
            fy = f"{m.group('fy')}-{to[-2:]}"
            said = fy if int(to[-2:]) == (int(m.group("fy")) + 1) % 100 else None
            if said:
                marks.append((m.start(), said))
        elif m.group("now"):
            marks.append((m.start(), year))
        else:
            marks.append((m.start(), year_before(said or year)))
    figures = [m for m in _FIGURE.finditer(block) if not any(a <= m.start() < b for a, b in spans)]
    out = []
    for k, f in enumerate(figures):
        stop = figures[k + 1].start() if k + 1 < len(figures) else len(block)
        after = [y for at, y in marks if f.end() <= at < stop]
        before = [y for at, y in marks if at < f.start()]
        out.append((f.group(), after[0] if after else before[-1] if before else None))
    return out


# words of a title that say what was done or when, not whose cases: "made" is in "Permanence Orders made"
# and in "Secure placements were made for ...", and names neither
_GENERIC = frozenset(
    "made make imposed granted received completed issued started ended opened closed recorded reported given held "
    "undertaken carried during against within after before new".split()
)


def _names(block: str, title: str) -> bool:
    """Whether ``block`` names the measure ``title`` is of by the words that tell its cases from
    another's (the title's less ``SERVICE_WORDS`` and ``_GENERIC``): half of them or more, and two
    where the title has two ("testing orders" for "Drug Treatment and Testing Orders imposed";
    "violent incidents" for "Recorded violent incidents against social work staff"); not "made"
    alone for "Permanence Orders made", nor "emergency" alone for "Emergency detentions in hospital"."""
    wanted = case_title_words(title) - SERVICE_WORDS - _GENERIC
    named = wanted & case_title_words(block)
    return bool(wanted) and 2 * len(named) >= len(wanted) and len(named) >= min(2, len(wanted))


def restates_printed(block: str, printed: Iterable[Series], lo: int = 1, hi: int = 4) -> bool:
    """Whether ``block`` does no more than restate one printed measure's figures: it names the
    measure (by the words of its title that tell its cases from another's: ``_names``), each figure above ``hi`` in it is that
    measure's printed figure for the year the passage gives it (``years_said``: "40 ... in 2016-17
    compared with 41 the year before"; the same figures of another year, or of another measure, do
    not count), and, those set aside (each written as a large figure of its own), ``small_numbers_in``
    finds nothing: a passage that says a measure's printed figures and their difference, nothing more.
    Said as a change over time (a year, "the year before"), never as a part of a whole ("40 of the
    41"), nor with a share of one of them, or of their change, that is a part or a rest from lo to hi
    ("rose to 30 ... from 24 ...; 10% of them were for babies": 3; "half of the rise": 3;
    ``sentence_counts.share_of_figures``), which would tell what the table's years do not."""
    printed = [s for s in printed if s.tables]  # the statutory functions' counts
    if not printed:  # no figure printed: none restated
        return False
    said = [(float(f.replace(",", "")), y) for f, y in years_said(block, printed[0].year)]  # the report's year
    said = [(v, y) for v, y in said if v > hi]
    if not said or _BIG_WORDS.search(block):
        return False
    marked = _FIGURE.sub(lambda m: f"#{int(float(m.group().replace(',', '')))}#", block)
    if _PART_OF.search(marked) or not _OVER_TIME.search(block):  # "Of the 41 incidents, 40 were ...": a part
        return False
    for s in printed:
        if _names(block, s.title) and all(y is not None and s.figures.get(y) == v for v, y in said):
            if _names_withheld(block, s, printed):
                return False
            if share_of_figures(block, [v for v, _ in said], lo, hi) is not None:
                return False  # "...; 10% of them were for babies": a part of a printed figure, which no table prints
            order = {v: i for i, v in enumerate(sorted(set(s.figures.values())), start=1)}
            aside = _FIGURE.sub(
                lambda m, o=order: str(10_000_000 * o.get(float(m.group().replace(",", "")), 0) or m.group()), block
            )
            return not small_numbers_in(aside, lo, hi)
    return False


def multiples_given_away(block: str, printed: Callable[[], list[Series]], lo: int = 1, hi: int = 4) -> list[str]:
    """The passages of ``block`` that say a change as a multiple without its figure ("Secure
    placements doubled this year") of a printed measure the block names (``_names``), where the
    measure's printed figures give a count from lo to hi away with it, or a figure of it is printed
    [c] (``multiples.multiple_hits``). ``printed``: a callable giving the report's printed
    figures (``publishing.printed_series``), called only where the block says a multiple."""
    if not said_without_figure(block):  # "doubled", "8.8% of this year's incidents": nothing to set against
        return []
    out: list[str] = []
    for s in printed():
        if s.tables and _names(block, s.title):
            out += [h for h in multiple_hits(block, s.figures.values(), lo, hi, bool(s.withheld)) if h not in out]
    return out


def _names_withheld(block: str, matched: Series, printed: list[Series]) -> bool:
    """Whether ``block`` names a measure the report prints [c] for by words ``matched``'s title
    lacks ("Secure placements ..." beside "Children and young people in secure accommodation" [c],
    matched to "Permanence Orders made"): its figures may be that measure's, not the matched one's."""
    said = case_title_words(block) - case_title_words(matched.title) - SERVICE_WORDS - _GENERIC
    return any(
        o is not matched and o.withheld and said & (case_title_words(o.title) - SERVICE_WORDS - _GENERIC)
        for o in printed
    )


# why a passage is withheld (its finding starts with it, as ``one_person``'s do): it states a figure
# the report prints [c] in place of ("We were looking after 501 children" above "498 [c]"), or a
# count of a measure it names 1 to 4 apart from one the report prints ("we applied for 33" beside
# "Child Protection Orders made 30": 3 refused)
STATES_HIDDEN = "states a figure the report suppresses [c]"


def apart_from_printed(lo: int = 1, hi: int = 4) -> str:
    """Why a passage giving a count ``lo`` to ``hi`` apart from a printed figure is withheld, in the
    council's own small numbers ("gives a count from 1 to 9 ...": ``base.small_span``)."""
    return f"gives a count from {small_span(lo, hi)} with a figure the report prints"


APART_FROM_PRINTED = apart_from_printed()  # the default range's (1 to 4)
# the reason whatever the council's range, as ``public_text.reason_for`` reads it back from a finding
APART_REASON = re.compile(r"gives a count from \d+(?: to \d+)? with a figure the report prints(?=:)")
# what states no count: a duration ("at 20 weeks"), a date ("by 31 March 2024", "June 2023"), a year
# ("2023-24", "2023/24"), a quarter or stage ("Q2", "Stage 2")
_MONTHS = rf"(?:{MONTH_NAMES})"
NOT_FIGURES = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:-\s*)?(?:hours?|days?|weeks?|months?|years?|working\s+days?)\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\b(?:\s+\d{{4}})?|\b{_MONTHS}\s+\d{{4}}\b"
    r"|\b(?:19|20)\d{2}(?:\s*[-/–]\s*\d{2,4})?\b|\b(?:q|quarter|stage|tier|level|phase)\s*\d\b",
    re.I,
)
# a percentage said ("78.9%", "79 per cent"), with its decimals
_SHARE = re.compile(r"(?<![\w.,])(\d+(?:\.(\d+))?)\s*(?:%|per\s*cent\b)", re.IGNORECASE)
# a figure with decimals ("12.5", not "12.5%", a date "1.4.2024" nor money), and its decimals
_DECIMAL = re.compile(r"(?<![\w.,/£$€-])\d+\.(\d+)(?![\w%]|[.,/-]\d|\s*(?:%|per\s*cent\b))", re.IGNORECASE)
_WORDS = LazyPattern(rf"(?<![\w-])(?:{WORD})(?![\w-])", re.IGNORECASE)  # a figure in words


def _figures_in_words(text: str, hi: int) -> list[tuple[str, float]]:
    """The whole figures above ``hi`` said in words ("twelve", "five hundred and one"), not a duration
    or a unit ("twelve weeks", "twenty per cent")."""
    out = []
    for m in _WORDS.finditer(text):
        try:
            v = float(word_value(m.group()))
        except (TypeError, ValueError):
            continue
        if v > hi and v.is_integer() and not UNIT_AFTER.match(text, m.end()):
            out.append((m.group(), v))
    return out


def hidden_given_away(
    block: str,
    printed: Callable[[], list[Series]],
    lo: int = 1,
    hi: int = 4,
    own: Callable[[Series], bool] | None = None,
) -> list[str]:
    """The figures of ``block`` that give back what the report prints [c] (each a finding, its reason
    first: ``STATES_HIDDEN``, ``APART_FROM_PRINTED``): a whole figure above ``hi`` equal to a count
    any row of the report hides, whatever measure the passage names (unless a measure it names
    prints that figure and the hiding row is not named too), or a percentage equal to
    one it hides as printed (its decimals as said) of a measure the passage names ("We were looking after 501 children" above
    "Looked after children at 31 March 498 [c]": 3 more); and a whole figure above ``hi`` of a
    measure the passage names (``_names``) that is none of its printed counts but 1 to 4 from one
    ("Child Protection Orders: we applied for 33" beside "made 30"). Durations, dates, years and
    stages are no figures (``NOT_FIGURES``). ``printed``: as ``multiples_given_away`` takes it,
    called only where the block says a figure above ``hi``. ``own``: whether a series is the
    block's own measure's, named whether or not the block says its title (a comment on its row:
    "150 so far this year" on August's row beside the quarter's 153 printed)."""
    text = NOT_FIGURES.sub(" ", block)
    wholes = [(m.group(), float(m.group().replace(",", ""))) for m in _FIGURE.finditer(text)]
    wholes = [(t, v) for t, v in wholes if v > hi] + _figures_in_words(text, hi)  # "501", "five hundred and one"
    decimals = [(m.group(), float(m.group()), len(m.group(1))) for m in _DECIMAL.finditer(text)]  # "3.5", as printed
    shares = [(m.group(), float(m.group(1)), len(m.group(2) or "")) for m in _SHARE.finditer(text)]
    if not wholes and not shares and not decimals:
        return []
    out: list[str] = []
    series = printed()
    named = [(own is not None and own(s)) or _names(block, s.title) for s in series]
    # a figure a measure the passage names prints ("Child Protection Orders rose to 30 from 24") is that
    # measure's, though another row hides a 24 (a percentage's denominator): unless the passage names that row
    theirs = {v for s, n in zip(series, named, strict=True) if n for v in s.shown}
    for s, names in zip(series, named, strict=True):
        found = [t for t, v in wholes if (names or v not in theirs) and any(abs(v - h) < 1e-9 for h in s.hidden)]
        # a figure with decimals, as it would print ("12.5" of a hidden 12.5; "12" of a hidden 12.4 where named)
        found += [t for t, v, d in decimals if any(_prints_as(h, d, v) for h in s.hidden)]
        if names:
            found += [t for t, v in wholes if t not in found and any(_prints_as(h, 0, v) for h in s.hidden)]
            found += [t for t, v in wholes if t not in found and _total_with_hidden(v, s)]  # "999 over two years"
        if shares and s.hidden_shares:  # "50%" alone is no measure's; "12.5%" with its decimals is the one hidden
            found += [
                t for t, v, d in shares if (names or d > 0) and any(_prints_as(h, d, v) for h, _ in s.hidden_shares)
            ]
        out += [f"{STATES_HIDDEN}: {t}" for t in found]
        if s.shown and names:
            out += [
                f"{apart_from_printed(lo, hi)}: {t}"
                for t, v in wholes
                if v not in s.shown and any(lo <= abs(v - x) <= hi for x in s.shown)
            ]
    return list(dict.fromkeys(out))


def _total_with_hidden(said: float, s: Series) -> bool:
    """Whether ``said`` is a total of one to three of ``s``'s printed counts and one it hides: "999
    looked-after children over the last two years" beside 498 printed and 501 [c] (ATTACK-10 #7)."""
    if not s.hidden or not s.shown:
        return False
    sums = {sum(c) for k in (1, 2, 3) for c in itertools.combinations(s.shown, k)}
    return any(abs(said - x - h) < 1e-9 for x in sums for h in s.hidden)


def _prints_as(hidden: float, places: int, said: float) -> bool:
    """Whether a hidden figure prints as ``said`` at the ``places`` it is said to."""
    return abs(float(round_half_up(hidden, places)) - said) < 1e-9


def lazily(make: Callable[[], list[Series]]) -> Callable[[], list[Series]]:
    """``make`` called once, on first need: a file with no finding never works out the figures."""
    memo: list = []

    def get():
        if not memo:
            memo.append(make())
        return memo[0]

    return get
