"""The rows of a council's return that are totals or parts of its other rows: a workforce row
that is a sub-team of another ("Children and Families: fieldwork") or the sum of some of them, a
finance line that is a part of another. The annual report adds the rows up into its own Total, so
such a row counts its people, or its pounds, twice: a warning (``workforce_totals``,
``finance_totals``), and an error where the row is the Total of the others, named so or their sum
(``workforce_total_errors``, ``finance_total_errors``). ``totals_found`` finds them once for both.
"""

from __future__ import annotations

import re

import pandas as pd

from .errors import Problem

_SUB_TEAM = (":", " - ")  # "Children and Families: fieldwork", "Adult Services - Care at Home"
_TOTAL_WORDS = re.compile(r"\btotal\b|\ball\s", re.IGNORECASE)  # "Total staff", "All social work services"
# a row that is the Total of the others by its name, an error ("All other services" is a service)
_TOTAL_NAME = re.compile(r"\b(?:sub-?)?total\b|^all\s+(?!others?\b)", re.IGNORECASE)


def _sum_of_some(value: float, others: list[float]) -> bool:
    """Whether two or more of ``others`` add up to ``value`` exactly (a total of some of the teams)."""
    whole = [round(x) for x in others if x > 0]
    if len(whole) < 2 or len(whole) > 16 or not float(value).is_integer():
        return False
    sums: dict[int, int] = {0: 0}  # a sum -> the most rows that make it (whether two or more do)
    for x in whole:
        for s, k in list(sums.items()):
            sums[s + x] = max(sums.get(s + x, 0), k + 1)
    return sums.get(round(value), 0) >= 2


def _total_rows(df: pd.DataFrame, keys: list[str], name: str, count: str, part="sub-team", row="row", at_least=True):
    """The rows of ``df`` that are totals or parts of other rows of the same ``keys`` (a council's
    return): (row, its name, its figure, why, in words of a ``part`` and a ``row``). Its ``name``
    says so ("Total ...", "All social work services", or another row's name followed by ':' or
    ' - ', "Children and Families: fieldwork" beside "Children and Families"), or its ``count`` is
    the sum of two or more of the other rows, or (``at_least``) at least the sum of all of them
    where there are three or more. A group of one row (a council that gives only its total) has none.
    Last, whether the row is the Total of the others (an error, not a warning): named so ("Total",
    "Grand total", "All teams"; not a part of another row) or the sum of all the others (two or more)."""
    for _key, rows in df.groupby(keys, sort=False):
        if len(rows) < 2:
            continue
        names = {i: str(n).strip() for i, n in rows[name].items()}
        counts = rows[count].astype(float)
        for i, name_i in names.items():
            h = counts[i]
            others = [counts[j] for j in names if j != i and pd.notna(counts[j])]
            parent = next((names[j] for j in names if j != i and name_i.lower().startswith(
                tuple(names[j].lower() + s for s in _SUB_TEAM))), None)  # fmt: skip
            if parent is not None:
                why = f"a {part} of '{parent}' (its name is that {row}'s followed by a {part}'s)"
            elif _TOTAL_WORDS.search(name_i):
                why = f"a total of other {row}s, by its name"
            elif pd.notna(h) and len(others) >= 2 and abs(h - sum(others)) < 0.5:
                why = f"a total of the other {row}s: the sum of all {len(others)} of them"
            elif at_least and pd.notna(h) and len(others) >= 3 and h >= sum(others):
                why = f"a total of other {row}s: at least the {sum(others):g} of all the others"
            elif pd.notna(h) and _sum_of_some(h, others):
                why = f"a total of other {row}s: the sum of some of them"
            else:
                continue
            yield i, name_i, h, why, parent is None and (bool(_TOTAL_NAME.search(name_i)) or "sum of all" in why)


def _workforce_rows(workforce: pd.DataFrame):
    """(row, what was found, whether it is the Total) for each workforce row that is a total or a
    sub-team of another row of its council's return (``_total_rows``)."""
    for i, name, h, why, total in _total_rows(workforce, ["council", "period"], "service", "headcount"):
        shown = f" ({h:g})" if pd.notna(h) else ""
        yield int(i), f"'{name}'{shown} for {workforce.at[i, 'council']} in {workforce.at[i, 'period']}, {why}", total


def _finance_lines(finance: pd.DataFrame):
    """(row, what was found, its kind, whether it is the Total) for each finance line that is a
    total or a part of another line of its council, year and kind (``_total_rows``)."""
    each = _total_rows(finance, ["council", "period", "kind"], "line", "amount", "part", "line", at_least=False)
    for i, name, amount, why, total in each:
        shown = f" (£{amount:,.0f})" if pd.notna(amount) else ""
        council, period, kind = (finance.at[i, c] for c in ("council", "period", "kind"))
        article = "an" if str(kind)[:1] in "aeiou" else "a"
        yield int(i), f"'{name}'{shown}, {article} {kind} line for {council} in {period}, {why}", kind, total


def totals_found(tables: dict[str, pd.DataFrame]) -> dict[str, list]:
    """The workforce rows and finance lines that are totals or parts of others (``_workforce_rows``,
    ``_finance_lines``), by table: found once for a data set's errors and its warnings alike."""
    each = {"workforce": _workforce_rows, "finance": _finance_lines}
    return {name: list(rows(tables[name])) for name, rows in each.items() if name in tables}


def workforce_totals(workforce: pd.DataFrame, label: str, rows=None) -> list[Problem]:
    """Warnings: a workforce row that is really a total or a sub-team of another row of the same
    council's return (``_total_rows``). The annual report adds the rows up into its Total, so such
    a row counts its people twice, and beside its teams it gives one away by subtraction (719 for
    all services, the teams printed beside it). One warning a row, on the workforce file's row; a
    return of one row (a council that gives only its total) is not warned."""
    return [
        Problem(label, i, "service", found,
                "one row a team, none a total or a part of another row: the annual report adds the rows "
                "into its Total, which would count these people twice, and beside the teams it is made of "
                "a public report would give a team's headcount away by subtraction (remove the row, or "
                "give its sub-teams in place of the team)")
        for i, found, total in (_workforce_rows(workforce) if rows is None else rows)
        if not total  # a Total is an error (``workforce_total_errors``)
    ]  # fmt: skip


def finance_totals(finance: pd.DataFrame, label: str, rows=None) -> list[Problem]:
    """Warnings: a finance line that is really a total or a part of another line of the same
    council, year and kind (``_total_rows``: "Total" beside the service lines, as every budget
    sheet has it, or a line the sum of others). The annual report adds the lines into its Total,
    so such a line doubles the budget and the overspend. A large line beside smaller ones is a
    service (Adult services are most of a budget): only a name or an exact sum says total."""
    return [
        Problem(label, i, "line", found,
                f"one line a service, none a total or a part of another line: the annual report adds the {kind} "
                "lines into its Total, which would count these pounds twice (remove the line, or give its "
                "parts in place of the line)")
        for i, found, kind, total in (_finance_lines(finance) if rows is None else rows)
        if not total  # a Total is an error (``finance_total_errors``)
    ]  # fmt: skip


def workforce_total_errors(workforce: pd.DataFrame, label: str, rows=None) -> list[Problem]:
    """Errors: a workforce row that is the Total of the others of its council's return ("Total",
    "All teams", or the sum of all the other rows; ``_total_rows``). The annual report adds the
    rows into its own Total, which would print the people twice ("Total 1,430" beside "Total
    715"); a warning was missed. A team merely larger than the rest is a team: not refused."""
    return [
        Problem(label, i, "service", found,
                "delete the Total row: the report adds the rows itself (the annual report's Total "
                "of the teams would count these people twice)")
        for i, found, total in (_workforce_rows(workforce) if rows is None else rows)
        if total
    ]  # fmt: skip


def finance_total_errors(finance: pd.DataFrame, label: str, rows=None) -> list[Problem]:
    """Errors: a finance line that is the Total of the other lines of its council, year and kind
    ("Total", "Grand total", or the sum of all the other lines; ``_total_rows``). The annual
    report adds the lines into its own Total, which would print the budget, outturn and
    overspend doubled ("Total £411,100 100%" beside "Total £205,550 50%"). A line merely larger
    than the rest is a service (Adult services are most of a budget): not refused."""
    return [
        Problem(label, i, "line", found,
                f"delete the Total row: the report adds the lines itself (the annual report's Total of the {kind} "
                "lines would count these pounds twice)")
        for i, found, kind, total in (_finance_lines(finance) if rows is None else rows)
        if total
    ]  # fmt: skip
