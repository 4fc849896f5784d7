"""Whether a council's data can make a report for a period: ``swreport run`` refuses a period
it has no figures for (exit 2), naming the latest period it has, rather than render a report of
nothing but "Report later".

A period has figures when the council has an observation that ends where the period ends: for
a quarter ending in September, a September month, the second quarter or the first half; for a
year, March, the fourth quarter, the second half or the year itself.
"""

from __future__ import annotations

from .errors import ConfigError
from .periods import Period

SPAN = {"quarter": 3, "year": 12}


def _periods(ds, council: str) -> list[Period]:
    obs = ds.observations
    return [Period.parse(p) for p in obs.loc[obs["council"] == council, "period"].dropna().unique()]


def has_figures(ds, council: str, P: Period) -> bool:
    """Whether ``council`` has an observation ending where ``P`` ends, in ``P``'s year."""
    return any(p.fy == P.fy and p.end == P.end for p in _periods(ds, council))


def latest_with_figures(ds, council: str, kind: str) -> Period | None:
    """The latest period of ``kind`` (quarter or year) that ``council`` has figures for."""
    span = SPAN[kind]
    ends = {(p.fy, p.end) for p in _periods(ds, council) if (p.end + 1) % span == 0}
    if not ends:
        return None
    fy, end = max(ends)
    return Period(fy, kind, end + 1 - span, end)


def require_figures(report, ds, council: str, P: Period) -> None:
    """A ConfigError when ``council`` has no figures for ``P``, naming the latest period it has
    figures for and the data read."""
    from .config import describe_data

    if has_figures(ds, council, P):
        return
    kind = "year" if P.kind == "year" else "quarter"
    latest = latest_with_figures(ds, council, kind)
    where = describe_data(ds.path)
    if latest is None and _periods(ds, council):
        last = max(_periods(ds, council), key=lambda p: (p.fy, p.end, -p.start))
        raise ConfigError(
            f"no figures for {council} for {P.label} ({P}) in {where}: no observation ends with {P.end_label}; "
            f"its latest figures are for {last} ({last.label}), and there is no {kind} with figures yet"
        )
    if latest is None:
        raise ConfigError(
            f"no figures for {council} in {where}: nothing to report for {P.label}; add its figures "
            f"('swreport template RETURN.xlsx --council {council} --period {P}', then 'swreport merge RETURN.xlsx')"
        )
    raise ConfigError(
        f"no figures for {council} for {P.label} ({P}) in {where}: no observation ends with {P.end_label}; "
        f"the latest {kind} with figures is {latest} ({latest.label}): give --period {latest}, or merge the "
        f"return for {P} first"
    )
