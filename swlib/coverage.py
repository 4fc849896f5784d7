"""Whether a council has figures for a period: the one rule that ``swreport run`` (which refuses
a period with no figures, exit 2, naming the latest period it has), ``batch`` with a fixed period
(which reports such a council and renders the others) and ``--period latest|previous``
(``swlib.scheduling``) all use.

A council has figures for a quarter or a year when it has an observation carrying a figure (not
a row that only gives the reason a figure is missing) that the report reads as that period's own,
as the status rules do (DESIGN.md, "Status rules" and "Year to date"):

- an observation at the measure's own frequency that ends where the period ends, in its year:
  for a quarter ending in September, a monthly measure's September, a quarterly measure's Q2, a
  six-monthly measure's first half; for a year, its March, Q4, second half or the year itself;
- an observation whose period is exactly the year-to-date window, used as it stands: a
  quarterly measure's first half for Q2, its year for Q4.

An annual measure does not make a quarter: a quarterly report follows the year as it goes, and
shows an annual measure's latest complete year as it stands (labelled as such before Q4). So a
council whose figures are all annual has no quarter with figures: its quarterly report would be
nothing but years the annual report shows (at Q4, the annual report's figures in the quarterly
layout). A six-monthly measure does make its quarters: its first half is Q2's year to date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import ConfigError
from .periods import FREQUENCY_KIND, SPAN_MONTHS, Period, first_day_after, today


def period_with_figures(p, kind: str, frequency: str | None = None) -> Period | None:
    """The period of ``kind`` (quarter or year) that an observation for period ``p`` of a measure
    reported at ``frequency`` (a period kind: month, quarter, half, year; default ``p``'s own)
    gives figures for; None when it gives figures for none."""
    P = Period.parse(p)
    freq = frequency or P.kind
    span = SPAN_MONTHS[kind]
    if (P.end + 1) % span or (freq == "year" and kind != "year"):  # ends inside one; an annual measure
        return None
    Q = Period(P.fy, kind, P.end + 1 - span, P.end)
    return Q if P.kind == freq or P == Q.window_period() else None


def with_figures(rows: Iterable, kind: str) -> set[Period]:
    """The periods of ``kind`` with figures, from a council's observation periods: each a period
    (the measure reported at that period's kind), a (period, frequency kind) pair or a (period,
    frequency kind, measure) triple (``figure_rows``)."""
    found = set()
    for row in rows:
        p, freq = row[:2] if isinstance(row, tuple) else (row, None)
        Q = period_with_figures(p, kind, freq)
        if Q is not None:
            found.add(Q)
    return found


def figure_rows(ds, council: str) -> list[tuple[str, str, str]]:
    """(period, the measure's frequency kind, measure) of each of ``council``'s observations that
    carries a figure: a row with value, numerator and denominator all blank gives the reason a
    figure is missing, not a figure."""
    obs = ds.observations
    mine = obs[(obs["council"] == council) & obs[["value", "numerator", "denominator"]].notna().any(axis=1)]
    m = ds.measures
    m = m[m["council"].isna() | (m["council"] == council)]
    freq = dict(zip(m["measure"], m["frequency"].map(FREQUENCY_KIND), strict=True))
    rows = {(p, freq.get(measure), measure) for measure, p in zip(mine["measure"], mine["period"], strict=True)}
    return sorted((p, f, measure) for p, f, measure in rows if p == p and isinstance(f, str))


def figure_periods(ds, council: str) -> list[tuple[str, str]]:
    """(period, the measure's frequency kind) of each of ``council``'s observations that carries
    a figure (``figure_rows`` without the measure)."""
    return sorted({(p, f) for p, f, _ in figure_rows(ds, council)})


@dataclass(frozen=True)
class Share:
    """How many of the measures due in ``period`` have figures for it: ``have`` of ``due``."""

    period: Period
    have: int
    due: int

    def enough(self, share: float) -> bool:
        """At least ``share`` (0 to 1) of the measures due have figures (and at least one does)."""
        return self.have > 0 and self.have >= share * self.due - 1e-9

    def words(self) -> str:
        """'1 of 9 measures have figures'."""
        return f"{self.have} of {self.due} measure{'s' if self.due != 1 else ''} {'has' if self.due == 1 else 'have'} figures"


def _due_in(freq: str, P: Period) -> bool:
    """Whether a measure reported at ``freq`` (a period kind) has a figure due for ``P`` (a quarter
    or a year): a year, every measure; a quarter, one reported more often than yearly whose own
    period ends with it (a six-monthly measure: Q2 and Q4)."""
    return P.kind == "year" or (freq != "year" and (P.end + 1) % SPAN_MONTHS[freq] == 0)


def shares(rows: Iterable, kind: str) -> dict[Period, Share]:
    """For each period of ``kind`` with figures (``with_figures``), how many of the council's
    measures due in it have figures: a measure is due once its series has started (its first
    figure ends with or before the period) where its frequency gives that period a figure
    (``_due_in``). ``rows``: ``figure_rows``; rows without a measure (a period, or a pair) count
    each period as 1 of 1."""
    rows = list(rows)
    if any(not isinstance(r, tuple) or len(r) < 3 for r in rows):
        return {P: Share(P, 1, 1) for P in with_figures(rows, kind)}
    first: dict[str, tuple[int, int]] = {}
    freq_of: dict[str, str] = {}
    have: dict[Period, set] = {}
    for p, freq, measure in rows:
        end = Period.parse(p).end_key()
        first[measure] = min(first.get(measure, end), end)
        freq_of[measure] = freq
        Q = period_with_figures(p, kind, freq)
        if Q is not None:
            have.setdefault(Q, set()).add(measure)
    out = {}
    for Q, ms in have.items():
        due = {m for m, f in freq_of.items() if _due_in(f, Q) and first[m] <= Q.end_key()}
        out[Q] = Share(Q, len(ms & due), len(due | ms))
    return out


def has_figures(ds, council: str, P: Period) -> bool:
    """Whether ``council`` has figures for ``P`` (a quarter or a year)."""
    return P in with_figures(figure_periods(ds, council), P.kind)


def latest_with_figures(ds, council: str, kind: str) -> Period | None:
    """The latest period of ``kind`` (quarter or year) that ``council`` has figures for."""
    return max(with_figures(figure_periods(ds, council), kind), default=None)


def _kind(P: Period) -> str:
    return "year" if P.kind == "year" else "quarter"


@dataclass(frozen=True)
class Gap:
    """Why ``council`` has no figures for ``P``: the latest period of the same kind it has figures
    for, its latest year with figures (for a quarter: the council may report only annually), and
    the latest period of any figure it has."""

    P: Period
    kind: str
    latest: Period | None
    latest_year: Period | None
    last: Period | None


def gap(ds, council: str, P: Period) -> Gap | None:
    """None when ``council`` has figures for ``P``; else what it has instead. The one rule
    ``no_figures`` (batch) and ``require_figures`` (run) both word."""
    rows = figure_periods(ds, council)
    kind = _kind(P)
    found = with_figures(rows, kind)
    if P in found:
        return None
    if kind == "year" and any(P.contains(Period.parse(p)) for p, _ in rows):
        return None  # part of the year: the annual report renders and says what it lacks (ANALYST-11 #6)
    years = with_figures(rows, "year") if kind == "quarter" else set()
    last = max((Period.parse(p) for p, _ in rows), key=lambda p: p.sort_key) if rows else None
    return Gap(P, kind, max(found, default=None), max(years, default=None), last)


def no_figures(ds, council: str, P: Period) -> str | None:
    """None when ``council`` has figures for ``P``; else, in a few words, that it has none and
    the latest period it has: 'no figures for 2025-26-Q1 (latest with figures: 2024-25-Q2)'."""
    g = gap(ds, council, P)
    if g is None:
        return None
    if g.latest:
        return f"no figures for {P} (latest with figures: {g.latest})"
    if g.latest_year:
        return f"no figures for {P} (latest with figures: none for a quarter; its figures are annual, latest {g.latest_year})"
    return f"no figures for {P} (latest with figures: none)"


def require_figures(report, ds, council: str, P: Period) -> None:
    """A ConfigError when ``council`` has no figures for ``P``, naming the latest period it has
    figures for, the data read and what to do."""
    from .config import describe_data  # pydantic: not on the CLI's start (--help, the unchanged re-run)

    g = gap(ds, council, P)
    if g is None:
        return
    where = describe_data(ds.path)
    head = f"no figures for {council} for {P.label} ({P}) in {where}"
    add = (
        f"merge the return for {P} first ('swreport template RETURN.xlsx --council {council} --period {P}', fill "
        "it in, then 'swreport merge RETURN.xlsx')"
    )
    ends = first_day_after(P) - dt.timedelta(days=1)
    if today() <= ends:  # not ended yet: there is no return to merge for it
        instead = (
            f"; the latest {g.kind} with figures is {g.latest} ({g.latest.label}): give --period {g.latest}"
            if g.latest
            else ""
        )
        raise ConfigError(f"{head}: {P.label} ends on {ends.day} {ends:%B %Y}, so it has no figures yet{instead}")
    if g.latest:
        raise ConfigError(
            f"{head}: no observation of it, or of its year to date, ends with {P.end_label}; the latest {g.kind} "
            f"with figures is {g.latest} ({g.latest.label}): give --period {g.latest}, or {add}"
        )
    if g.latest_year:
        raise ConfigError(
            f"{head}: its figures are all for measures reported annually, and a quarterly report shows an annual "
            f"measure's latest year as it stands, so no quarter has figures of its own; the annual report shows "
            f"them: swreport run annual --council {council} --period {g.latest_year} (its latest year with figures)"
        )
    if g.last:
        raise ConfigError(
            f"{head}: no observation ends with {P.end_label}; its latest figures are for {g.last} ({g.last.label}), "
            f"and there is no {g.kind} with figures yet: {add}"
        )
    raise ConfigError(
        f"no figures for {council} in {where}: nothing to report for {P.label}; add its figures "
        f"('swreport template RETURN.xlsx --council {council} --period {P}', then 'swreport merge RETURN.xlsx')"
    )
