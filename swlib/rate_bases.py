"""What a rate is per: "per 100,000 population", "per 100k", "per 1,000 population aged 0-15",
"per 1,000 discharges", read from a measure's title in every spelling an analyst types.

A rate of a population counts people however large it looks (1.3 per 100k of 148,790 is 2
children), and a reader who knows the population works the count out. Public suppression checks
such a rate against the population the council gives in ``councils.csv``: ``population`` for the
whole, ``population_<ages>`` for an age group (``population_0-15``, ``population_65+``: the
ages as a rate's title writes them). A rate of anything else (discharges, bed days) has a base no
data file gives: only its numerator and denominator can check it. ``rate_base`` is the one parser;
``population_rates.protect_population_rates`` and ``unchecked`` (check-public's "not checked" list) read it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from .base import round_half_up, small_span
from .errors import Problem

AGE_COLUMNS = (  # what a councils.csv column of an age group's population is named
    "population_ and the ages, as a rate's title writes them: population_0-15, population_0-17, population_16-64, "
    "population_18+, population_65+ or population_75+ (a whole number: the council's population of that age)"
)
MAX_AGE = 120  # a band's ages are at most this ("2023-24" is no age band)


@dataclass(frozen=True)
class RateBase:
    """What a rate title says it is per. ``kind``: ``population`` (the whole population, or the
    age group ``band``), ``part`` (a part of the population whose ages the title does not say:
    "per 1,000 children"), ``other`` (a base that is no population: "per 1,000 discharges") or
    ``unstated`` (no base named: "rate per 100k", or no "per N" at all)."""

    per: float | None
    kind: str
    band: str | None = None  # "0-15", "65+"
    words: str = ""  # the base as the title names it: "population", "children", "discharges"

    @property
    def column(self) -> str | None:
        """The councils.csv column giving this base (None: no column can)."""
        if self.kind != "population":
            return None
        return f"population_{self.band}" if self.band else "population"

    @property
    def label(self) -> str:
        """The rate as a list says it: "rate per 1,000 population aged 0-15", "rate per 1,000 discharges"."""
        if self.per is None:
            return "rate"
        n = f"{self.per:,.0f} " if float(self.per).is_integer() else f"{self.per:g} "
        base = (
            f"population aged {self.band}" if self.band else "population" if self.kind == "population" else self.words
        )
        if self.per == 1 and self.kind == "population":
            n, base = "", f"head of {base}"
        return f"rate per {n}{base}".rstrip()


_SEP = r"[,.\s\u00a0\u2009\u202f']"  # thousands: 100,000; 100 000 (a space, no-break or thin space); 100.000
_N = rf"(?P<n>\d{{1,3}}(?:{_SEP}\d{{3}})+(?!\d)|\d+(?:\.\d+)?)"
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6}
_WORD_N = {"a": 1, "one": 1, "ten": 10, "a hundred": 100, "one hundred": 100, "hundred": 100}
_PER = re.compile(
    rf"(?:\bper\b|\bfor\s+every\b|\bin\s+every\b|/)\s*(?:{_N}\s*(?P<m>k|thousand|m|million)?\b"
    r"|(?P<w>(?:a|one|ten|a\s+hundred|one\s+hundred|hundred)\s+)?(?P<t>thousand|million)\b"
    r"|(?P<head>head\s+of\s+(?:the\s+)?population|capita|head|person|resident|inhabitant)\b)",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^[\s(]*(?:of\s+(?:the\s+)?)?", re.IGNORECASE)
_WHOLE = re.compile(
    r"(?:total\s+|resident\s+|general\s+|whole\s+|local\s+|estimated\s+|mid-year\s+)?"
    r"(?:population|pop\b\.?|people|persons|residents|inhabitants|citizens|head(?:s)?\s+of\s+(?:the\s+)?population)",
    re.IGNORECASE,
)
_PART = re.compile(
    r"(?:of\s+|in\s+the\s+)?(?P<part>children|child\s+population|young\s+(?:people|persons|adults)|adults|adult\s+"
    r"population|older\s+(?:people|persons|adults|population)|elderly(?:\s+people)?|working[\s-]+age(?:\s+population)?"
    r"|(?:over|under)[\s-]*\d{1,3}s\b)",
    re.IGNORECASE,
)
_AGE = r"(\d{1,3})(?!\d)"
_BAND = re.compile(
    rf"(?P<a1>\b{_AGE}\s*(?:-|–|—|to)\s*{_AGE}(?!\s*(?:days|weeks|months|hours|%))"  # 0-15, 0 to 15
    rf"|\b{_AGE}\s*(?:years?\s*)?(?:\+|plus\b|(?:and|or)\s+(?:over|older|above)\b))"  # 65+, 65 and over
    rf"|(?P<over>\b(?:over|above|older\s+than)[\s-]*{_AGE}s?\b(?!\s*(?:days|weeks|months|hours|%)))"  # over 65
    rf"|(?P<under>\b(?:under|below|younger\s+than)[\s-]*{_AGE}s?\b(?!\s*(?:days|weeks|months|hours|%)))"  # under 16
    r"|(?P<working>\bworking[\s-]+age\b)",
    re.IGNORECASE,
)
_BASE_WORDS = re.compile(r"[A-Za-z][A-Za-z'-]*(?:\s+[A-Za-z][A-Za-z'-]*){0,2}")
_STOP = frozenset("in within for of at by to and or from on who with during over under aged the a an".split())


def _number(m: re.Match) -> float:
    if m.group("head"):
        return 1.0
    if m.group("t"):
        w = re.sub(r"\s+", " ", (m.group("w") or "one").strip().lower())
        return _WORD_N[w] * _SCALE[m.group("t").lower()]
    n = m.group("n")
    n = float(re.sub(_SEP, "", n) if re.fullmatch(rf"\d{{1,3}}(?:{_SEP}\d{{3}})+", n) else n)
    return n * _SCALE.get((m.group("m") or "").lower(), 1.0)


def age_band(text) -> str | None:
    """The age group a text names, written as a councils.csv column writes it: "aged 0-15",
    "0 to 15", "(0-15)" give "0-15"; "65+", "aged 65 and over", "over 65", "over-65s" give "65+";
    "under 16" gives "0-15"; "working age" gives "16-64". None where it names none."""
    for m in _BAND.finditer(str(text or "")):
        if m.group("working"):
            return "16-64"
        a, b, c, over, under = (m.group(i) for i in (2, 3, 4, 6, 8))
        if a is not None and int(a) < int(b) <= MAX_AGE:
            return f"{int(a)}-{int(b)}"
        for n in (c, over):
            if n is not None and int(n) <= MAX_AGE:
                return f"{int(n)}+"
        if under is not None and 0 < int(under) <= MAX_AGE:
            return f"0-{int(under) - 1}"
    return None


def _per(text: str) -> re.Match | None:
    """Where ``text`` says what it is per ("per 1,000", "for every 100", "/100k"), a "per" before a
    "/" (a title's "2023/24 ... per 1,000"); None where it says none."""
    found = list(_PER.finditer(text))
    return next((f for f in found if not f.group(0).startswith("/")), found[0]) if found else None


def rate_head(title) -> str:
    """A rate's ``title`` less what it is per, the cases it counts: "Children on the child
    protection register per 1,000 population aged 0-15" gives "Children on the child protection
    register"; the whole title where it says no "per"."""
    text = str(title or "")
    m = _per(text)
    return text[: m.start()] if m else text


def rate_base(title) -> RateBase:
    """What a rate's ``title`` says it is per (``RateBase``): "per 100,000 population", "per
    100k population", "per 100K people", "per 100 000 residents", "per 10,000", "per 1000", "per
    thousand", "per 1,000 of the population", "per head of population": the whole population;
    with ages after or before it ("aged 0-15", "(75+)", "people aged 18+", "children aged 0-17"),
    that age group; "per 1,000 children" a part of it; "per 1,000 discharges" another base."""
    text = str(title or "")
    m = _per(text)
    if not m:
        return RateBase(None, "unstated")
    per = _number(m)
    if m.group("head"):
        return RateBase(per, "population", age_band(text), "head of population")
    rest = text[m.end() :]
    lead = _LEAD.match(rest)
    rest = rest[lead.end() :] if lead else rest
    whole, part = _WHOLE.match(rest), None
    after = rest[whole.end() :] if whole else rest
    part = _PART.match(after.lstrip()) if whole else _PART.match(rest)
    if whole or part:
        band = age_band(after if whole else rest) or age_band(text[: m.start()])
        if part and not band:
            return RateBase(per, "part", None, re.sub(r"^(?:of|in the)\s+", "", part.group(0), flags=re.I).lower())
        return RateBase(per, "population", band, whole.group(0).lower() if whole else part.group("part").lower())
    words = _BASE_WORDS.match(rest)
    if not words:
        return RateBase(per, "unstated")
    kept = []
    for w in words.group(0).split():
        if w.lower() in _STOP:
            break
        kept.append(w)
    return RateBase(per, "other", None, " ".join(kept).lower()) if kept else RateBase(per, "unstated")


POPULATION_DRIFT = 0.03  # a year's population may differ from the one given by this much (a safe margin)


def rate_counts(rate: float, decimals: int, per: float, population: float) -> range:
    """The whole counts a rate per ``per`` of ``population`` printed at ``decimals`` places can
    be (2.7 per 100,000 of 148,790: 4), the population taken within ``POPULATION_DRIFT`` of the
    one given (a year's own population differs a little)."""
    rate, half = float(round_half_up(rate, decimals)), 0.5 * 10.0**-decimals  # as printed: what a reader has
    low = max(rate - half, 0) * population * (1 - POPULATION_DRIFT) / per
    high = (rate + half) * population * (1 + POPULATION_DRIFT) / per
    return range(math.ceil(low), math.floor(high) + 1)


def populations(councils: pd.DataFrame, council: str) -> dict[str, float]:
    """The populations ``councils.csv`` gives for ``council``, by column: ``population`` (the
    whole) and each ``population_<ages>`` given (``population_0-15``); blanks left out."""
    rows = councils.loc[councils["council"] == council]
    if rows.empty:
        return {}
    row = rows.iloc[0]
    out = {}
    for col in rows.columns:
        if (col == "population" or col.startswith("population_")) and pd.notna(row[col]) and float(row[col]) > 0:
            out[col] = float(row[col])
    return out


def population_column(name: str) -> bool:
    """Whether a councils.csv header names an age group's population: ``population_`` and ages
    ``age_band`` reads in their canonical form ("population_0-15", "population_65+")."""
    if not name.startswith("population_"):
        return False
    ages = name.removeprefix("population_")
    return age_band(ages.replace("_", " ")) == ages


def unchecked_population(span: str = "1 to 4") -> str:
    """Why a rate of the whole population given alone is not checked, in the council's small
    numbers (``span``: ``base.small_span``, "1 to 9")."""
    return (
        f"a rate of the council's population given without its count: whether the count is {span} cannot be "
        f"checked (give the council's population in councils.csv, and a rate whose count can be {span} is [c]; or "
        "give the numerator and denominator, or clear the row once an officer has checked its count)"
    )


UNCHECKED_POPULATION = unchecked_population()  # the default range's (1 to 4)
_OR = "or give the numerator and denominator, or clear the row once an officer has checked its count"


def unchecked_rate(title, council: str, row: int | None = None, lo: int = 1, hi: int = 4) -> tuple[str, str]:
    """Why a rate given as a value alone is not checked, and what would check it, as check-public
    lists it: (what it is, in the list's brackets; the reason). The population it is of is not in
    councils.csv (saying the column to add), its title names a part of the population without
    its ages, or a base that is no population ("per 1,000 discharges"), or none."""
    base = rate_base(title)
    in_row = f" in row {row}" if row is not None else ""
    span = small_span(lo, hi)  # the council's own small numbers
    if base.column == "population":
        return "rate of the population, value only, and no population in councils.csv", unchecked_population(span)
    if base.column:
        col, ages = base.column, base.band
        return (
            f"{base.label}, value only, and no {col} in councils.csv: add a column {col} to councils.csv with "
            f"{council}'s population aged {ages}{in_row}",
            f"a rate of the council's population aged {ages} given without its count: whether the count is {span} "
            f"cannot be checked (add a column {col} to councils.csv and give the council's population aged {ages} "
            f"on its row, the published mid-year estimate, and a rate whose count can be {span} is [c]; {_OR})",
        )
    if base.kind == "part":
        return (
            f"{base.label}, value only: its title does not say the ages of the {base.words}, so no population checks it",
            f"a rate of a part of the population ({base.words}) whose ages its title does not say: whether its count "
            f"is {span} cannot be checked (name the ages in its title, 'per 1,000 children aged 0-17', and give that "
            f"population in councils.csv, column population_0-17; {_OR})",
        )
    if base.kind == "other":
        return (
            f"{base.label}, value only: {base.words} are not a population, so no figure in the data gives its count",
            f"a rate of {base.words}, not of the population, given without its numerator and denominator: whether "
            "it gives away a small number cannot be checked (give the numerator and denominator, or clear the row "
            "once an officer has checked its counts)",
        )
    return (
        f"{base.label}, value only: its title does not say what it is per",
        "a rate whose title does not say what it is per, given without its numerator and denominator: whether it "
        "gives away a small number cannot be checked (a rate of the population says so, 'per 100,000 population', "
        f"and is checked against the population in councils.csv; {_OR})",
    )


def age_populations_over_whole(councils: pd.DataFrame, label: str) -> list:
    """A warning for each population of an age group (``population_0-15``) larger than the council's
    whole ``population``: a typed figure (220100 for 22010) that would make a rate of that age group's
    count look larger than it is, and print a small one."""
    out = []
    if "population" not in councils:
        return out
    for col in [c for c in councils.columns if population_column(str(c))]:
        for row in councils.index:
            part, whole = councils.at[row, col], councils.at[row, "population"]
            if pd.notna(part) and pd.notna(whole) and float(part) > float(whole):
                out.append(Problem(label, int(row), col, f"{int(part):,} for {councils.at[row, 'council']}, more than "
                                   f"its population of {int(whole):,}",
                                   f"the council's population aged {col.removeprefix('population_')}, a part of its "
                                   "population (a rate of that age group is checked against it)"))  # fmt: skip
    return out
