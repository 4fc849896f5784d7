"""Days, hours and money of the people a count counts: a total divided by its average is the count.

"Nights children spent in secure care" 242 days beside "Average length of a secure care placement"
121 days is 2 children, though the count of children in secure care is ``[c]``; so is a year's
spend on secure care (a finance line, £634,400) beside the weekly cost of a placement (£6,100 x
52). An analyst declares the link with ``part_of`` on the days, hours or money measure, naming the
count of the people it is over (``measure_rules.part_of_rules`` accepts it); public reports then hide it
wherever that count is hidden or is a small number (``linked.protect_averages``).

``undeclared_amounts`` warns (``validate``, ``run``, ``batch``; ``check-public`` for one council)
where nothing is declared and a public report would print a total and an average of the same
cases, or a finance line and a cost per person of its cases, whose quotient is a count from
``suppress_min`` to ``suppress_max``. Pure functions of the typed tables (indexed by spreadsheet
row, as loading reads them).
"""

from __future__ import annotations

import re

import pandas as pd

from .config import council_settings
from .errors import ConfigError, Problem
from .rows import records
from .schema import AMOUNT_UNITS, COUNT_UNITS

UNDECLARED_AMOUNT = "undeclared-amount"  # Problem.code of these warnings (check-public lists a council's)

# a figure per person or per case: "Average length of stay", "Weekly cost per child", "Mean hours a week"
_AVERAGE = re.compile(r"\b(?:average|mean|median|per|each)\b", re.IGNORECASE)

# how many of a cost's periods make a year (a finance line is a year's spend): "weekly cost" x 52
_PER_YEAR = (
    (re.compile(r"\b(?:week|weekly|a\s+week)\b", re.IGNORECASE), 52.0),
    (re.compile(r"\b(?:month|monthly)\b", re.IGNORECASE), 12.0),
    (re.compile(r"\b(?:day|daily|night|nightly)\b", re.IGNORECASE), 365.0),
)

# words of a title that say how much, not of whom: the cases are named by the rest
AMOUNT_WORDS = frozenset(
    "average mean median cost spend spent expenditure budget outturn gross net length stay hour night week "
    "weekly month monthly annual daily total amount unit price".split()
)


def is_average(title) -> bool:
    """Whether a days, hours or money measure's title says it is per person or per case."""
    return bool(_AVERAGE.search(str(title or "")))


def per_year(title) -> float:
    """How many of a cost per person's periods make a year, by its title (weekly: 52; else 1)."""
    return next((n for rx, n in _PER_YEAR if rx.search(str(title or ""))), 1.0)


# words of a title that name the service or the people it serves, not the cases a measure counts
# (``linked.same_cases`` reads them too)
SERVICE_WORDS = frozenset(
    "social work statutory service council child children young people person adult family care client "
    "support case officer staff worker".split()
)


def singular(word: str) -> str:
    """A word without a plural's "s" ("investigations"; not "process")."""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def case_words(title) -> set[str]:
    """The words of a title that name the cases it is about ("secure" of "Average weekly cost of a
    secure care placement"): those of more than three letters, each without a plural's "s", less
    the service's, the people's and the amount's words."""
    words = {singular(w) for w in re.findall(r"[a-z]{4,}", str(title or "").lower())}
    return (
        words
        - SERVICE_WORDS
        - AMOUNT_WORDS
        - {"placement", "placed", "during", "with", "within", "from", "that", "year"}
    )


def small_range(settings, council: str) -> tuple[int, int]:
    """``suppress_min``, ``suppress_max`` for a council (1 to 4 where the settings cannot be read:
    their own check says why)."""
    try:
        s = settings(council)
    except ConfigError:
        return 1, 4
    return s.suppress_min, s.suppress_max


def settings_once(settings):
    """``settings`` (council -> its settings) with each council's read once: ``config.council_settings``
    finds params/ again at each call (about a millisecond), and the checks of a panel ask at each figure."""
    known: dict = {}

    def read(council):
        if council not in known:
            known[council] = settings(council)  # a ConfigError is not kept: raised again, as before
        return known[council]

    return read


def _both_report(a, b) -> bool:
    """Whether the councils that report measure row ``a`` and those that report ``b`` overlap."""
    return pd.isna(a["council"]) or pd.isna(b["council"]) or a["council"] == b["council"]


def _declared(row) -> bool:
    return isinstance(row.get("part_of"), str) and bool(row.get("part_of"))


def undeclared_amounts(tables: dict[str, pd.DataFrame], label, settings=None) -> list[Problem]:
    """Warnings, on the average's measures row: a days, hours or money total (aggregate sum, a
    title that is no average) and an average of the same unit and frequency (its title says
    "average", "per", ...) whose titles name the same cases (``case_words``), neither declared
    ``part_of`` a count, where in some council's period the total divided by the average is a
    count from ``suppress_min`` to ``suppress_max`` (242 nights at 121 a placement: 2 children); and
    a cost per person (unit currency, an average, not declared ``part_of``) beside a finance line
    naming the same cases ("Secure care placements") where the line's amount divided by a year of
    the cost (a weekly cost times 52) is such a count. One warning an average."""
    measures, obs = tables.get("measures"), tables.get("observations")
    if measures is None or obs is None:
        return []
    settings = settings_once(settings or council_settings)  # each council's read once
    m = measures.drop_duplicates("measure")
    m = m[m["unit"].isin(AMOUNT_UNITS)]
    rows = {i: r for i, r in m.iterrows()}
    averages = [i for i, r in rows.items() if is_average(r["title"]) and not _declared(r)]
    if not averages:
        return []
    values = obs[obs["value"].notna() & obs["measure"].isin(m["measure"])]
    values = values.drop_duplicates(["council", "measure", "period"]).set_index(["measure", "council", "period"])
    values = values["value"]
    counts = measures.drop_duplicates("measure")
    counts = counts[counts["unit"].isin(COUNT_UNITS)]
    # each row's words and totals read once, not once an average (a panel has thousands of measures)
    totals = [(t, rt, case_words(rt["title"])) for t, rt in rows.items()
              if rt["aggregate"] == "sum" and not is_average(rt["title"]) and not _declared(rt)]  # fmt: skip
    count_rows = [(c, case_words(c["title"])) for _i, c in counts.iterrows()]
    lines = None  # the finance lines and their words, read when first wanted
    out = []
    for a in averages:
        ra, words = rows[a], case_words(rows[a]["title"])
        if not words:
            continue
        found = None
        for t, rt, theirs in totals:
            if not (t == a or rt["unit"] != ra["unit"] or rt["frequency"] != ra["frequency"]
                    or not _both_report(ra, rt) or not words & theirs):  # fmt: skip
                found = _quotient(values, rt, ra, settings)
            if found:
                break
        if not found and ra["unit"] == "currency" and "finance" in tables:
            lines = _finance_lines(tables["finance"]) if lines is None else lines
            found = _finance_quotient(lines, values, ra, words, settings)
        if not found:
            continue
        council, period, beside, k = found
        candidates = [
            c["measure"] for c, theirs in count_rows
            if c["frequency"] == ra["frequency"] and _both_report(ra, c) and words & theirs
        ]  # fmt: skip
        count = " or ".join(candidates[:3]) if candidates else "the id of the count of the people it is over"
        average = values[(ra["measure"], council, period)]
        out.append(
            Problem(
                label("measures"), int(a), "part_of",
                f"{ra['measure']} ({ra['title']}) {average:g} beside {beside} for {council} in {period}: "
                f"{k:g} people, a number public reports would give away, and {ra['measure']} has no part_of",
                f"part_of = {count} on {ra['measure']}'s row (the count of the people it is an average over), so "
                "that public reports hide it where that count is hidden or small (the guide: 'Money and time of "
                "a few people')",
                code=UNDECLARED_AMOUNT,
                council=council,
            )
        )  # fmt: skip
    return out


def _quotient(values: pd.Series, rt, ra, settings):
    """(council, period, words, count) for the first period of a council in which total ``rt``
    divided by average ``ra`` is a count from the council's ``suppress_min`` to ``suppress_max``;
    None if none is."""
    total, average = rt["measure"], ra["measure"]
    have = set(values.index.get_level_values(0))
    if total not in have or average not in have:
        return None
    both = pd.concat([values.xs(total), values.xs(average)], axis=1, join="inner")
    for (council, period), (t, a) in both.iterrows():
        lo, hi = small_range(settings, council)
        if a > 0 and t > 0 and lo <= round(t / a) <= hi:
            return (
                council,
                period,
                f"{total} ({rt['title']}) {t:g}, the total it is an average of ({t:g} / {a:g})",
                round(t / a),
            )
    return None


def _finance_lines(finance: pd.DataFrame) -> list[tuple]:
    """(line's row, the words of its line) for each finance line (``_finance_quotient``), read once."""
    return [(f, case_words(f["line"])) for f in records(finance)]  # dicts: a Series a line cost 30 ms an average


def _finance_quotient(lines: list[tuple], values: pd.Series, ra, words: set, settings):
    """(council, period, words, count) for the first finance line (``_finance_lines``) naming the cases
    of cost per person ``ra`` whose amount is a year of the cost times a count from lo to hi; None if none is."""
    scale = per_year(ra["title"])
    for f, theirs in lines:
        if not words & theirs or pd.isna(f["amount"]) or not float(f["amount"]) > 0:
            continue
        if not (pd.isna(ra["council"]) or ra["council"] == f["council"]):
            continue
        cost = values.get((ra["measure"], f["council"], f["period"]))
        if cost is None or not cost > 0:
            continue
        lo, hi = small_range(settings, f["council"])
        amount, k = float(f["amount"]), round(float(f["amount"]) / (cost * scale))
        if lo <= k <= hi:
            year = f"{scale:g} x {cost:g}" if scale != 1 else f"{cost:g}"
            return (
                f["council"],
                f["period"],
                (
                    f"the finance line '{f['line']}' ({f['kind']}) {amount:g}, a year's money for them "
                    f"({amount:g} / {year})"
                ),
                k,
            )
    return None


def council_warnings(warnings: list[Problem], council: str) -> list[Problem]:
    """A data set's warnings of figures that public reports print together and that give a small
    number of ``council``'s away for want of a declaration: a total and its average or a finance
    line and a cost per person (``undeclared_amounts``), a count and its part
    (``undeclared.undeclared_parts``), a snapshot and its flow (``undeclared.undeclared_flows``); each
    says which ``part_of`` or ``flow_of`` to set. ``check-public`` lists them."""
    return [w for w in warnings if w.column in ("part_of", "flow_of") and w.council == council]
