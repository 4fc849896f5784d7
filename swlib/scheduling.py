"""Relative periods for scheduled runs: ``latest`` and ``previous``.

A schedule written once (``period: latest``) must pick the right report every quarter. For each
council, ``latest`` is the latest period of the report's kind (a quarter for the quarterly report,
a financial year for the annual and national reports) that has ended by today and for which there
are figures; ``previous`` is the one before it that has figures too. Whether a period has figures
is ``swlib.coverage``'s rule, the one ``swreport run`` refuses a period by: an observation at the
measure's own frequency that ends where the period ends (a quarter from a quarterly measure's own
figure, a monthly one's last month, a six-monthly one's half), or one that is exactly the year to
date (a first half for Q2, a year for Q4); a year from March, Q4, the second half or the year. An
annual measure does not make a quarter. A period has ended on the day after its last day (Q4
2023/24 on 1 April 2024).

Pure functions of the periods with figures and the date, so that a run on any date can be
reasoned about (and tested); ``today()`` reads ``SWREPORT_TODAY`` (an ISO date) where it is set.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from . import reports
from .base import utc_stamp
from .coverage import Share, figure_rows, shares
from .errors import ConfigError, DataError, PeriodError, ReportError, SwError
from .periods import RELATIVE, Period, first_day_after, is_relative, previous_quarter, today  # noqa: F401 (is_relative: scheduling's name too)
from .version import __version__
from .writing import write_atomic


def last_ended_quarter(on: dt.date) -> Period:
    """The latest quarter that has ended by ``on`` (on 1 December 2026: 2026-27-Q2)."""
    fy = on.year if on.month >= 4 else on.year - 1
    q = (on.month - 4) % 12 // 3 + 1  # the quarter ``on`` falls in
    return previous_quarter(Period.quarter(fy, q))


def has_ended(P: Period, on: dt.date) -> bool:
    return on >= first_day_after(P)


DEFAULT_SHARE = 0.5  # of the measures due in a period that must have figures for latest to pick it


@dataclass(frozen=True)
class Choice:
    """What a relative period picked for one council: ``period`` (None: none, ``why`` says why),
    and the ended periods with figures looked at, latest first, down to the one picked
    (``coverage.Share``: how many of the measures due have figures), against ``share``."""

    period: Period | None
    why: str | None
    considered: tuple[Share, ...] = ()
    share: float = 0.0

    def skipped(self) -> list[Share]:
        """The periods passed over because too few of their measures have figures."""
        return [c for c in self.considered if not c.enough(self.share)]

    def chosen(self) -> Share | None:
        return next((c for c in self.considered if c.period == self.period), None)

    def notes(self, which: str = "latest") -> list[str]:
        """Each period passed over and why, in words: '2026-27-Q3: 1 of 9 measures have figures (latest
        needs 50%); staying on 2026-27-Q2'."""
        then = f"staying on {self.period}" if self.period else "none picked"
        return [f"{c.period}: {c.words()} ({which} needs {self.share:.0%}); {then}" for c in self.skipped()]

    def record(self) -> dict:
        """For the run summary: the share needed and each period looked at."""
        return {"share_needed": self.share, "periods": [
            {"period": str(c.period), "measures_with_figures": c.have, "measures_due": c.due,
             "picked": c.period == self.period} for c in self.considered]}  # fmt: skip


def choose(which: str, kind: str, periods: Iterable, on: dt.date, share: float = 0.0) -> Choice:
    """``latest`` or ``previous`` of ``kind`` among ``periods`` (a council's observation periods,
    ``report_periods``) on the date ``on``: the latest period that has ended and for which at least
    ``share`` of the measures due have figures (``coverage.shares``; 0: any figure), or the one
    such before it."""
    which = which.strip().lower()
    if which not in RELATIVE:
        raise ConfigError(f"relative period {which!r}: expected one of {', '.join(RELATIVE)}")
    ended = sorted((c for c in shares(periods, kind).values() if has_ended(c.period, on)),
                   key=lambda c: c.period, reverse=True)  # fmt: skip
    n, found, considered = RELATIVE.index(which) + 1, [], []
    for c in ended:
        considered.append(c)
        if c.enough(share):
            found.append(c.period)
            if len(found) == n:
                return Choice(c.period, None, tuple(considered), share)
    when = f"{on.day} {on:%B %Y}"
    if found:
        why = f"only one {kind} with figures has ended by {when} ({found[-1]}): there is no {which} one before it"
    elif ended:
        why = f"no {kind} with figures for at least {share:.0%} of its measures has ended by {when}"
    else:
        why = f"no {kind} with figures has ended by {when}"
    return Choice(None, why, tuple(considered), share)


def report_periods(report: str, ds, council: str) -> list:
    """The periods the ``report`` for ``council`` can be resolved from: (period, the measure's
    frequency kind, measure) of the council's observations that carry a figure (``swlib.coverage``);
    for a report about every council (the national overview), the years of the LGBF panel."""
    if not reports.get(report).per_council:
        return list(ds.benchmarks["period"].dropna().unique())

    return figure_rows(ds, council)


def latest_share(council: str, share: float | None = None) -> float:
    """The share of a period's measures that must have figures for ``latest`` to pick it: ``share``
    (a schedule's run, ``latest_share``) where given, else the council's ``latest_share`` in
    params/councils.yaml (default half)."""
    if share is not None:
        return share
    from .config import council_settings  # pydantic: not on the CLI's start

    try:
        return council_settings(council).latest_share
    except ConfigError:  # the council's settings are wrong: its report says so when it runs
        return DEFAULT_SHARE


def choices(report: str, which: str, ds, councils: list[str], on: dt.date, share: float | None = None) -> dict:
    """{council: Choice} for a run of ``report`` with period ``which``; ``share``: ``latest_share``."""
    kind = reports.get(report).period_kind
    per_council = reports.get(report).per_council
    out = {}
    for c in councils:
        rows = report_periods(report, ds, c)
        ch = choose(which, kind, rows, on, latest_share(c, share) if per_council else 0.0)
        if ch.period is None and kind == "quarter" and per_council:
            ch = annual_only(ch, c, rows, on)
        out[c] = ch
    return out


def annual_only(ch: Choice, council: str, rows: list, on: dt.date) -> Choice:
    """``ch`` (no quarter picked) saying, where ``council``'s figures are all annual (no quarter has
    figures at all, however long it waits), so and which annual report shows them, as ``swreport
    run`` says it for a quarter written out (``coverage.require_figures``): not that no quarter
    has ended yet (AUDIT-8 #6)."""
    if shares(rows, "quarter"):
        return ch
    years = sorted(y.period for y in shares(rows, "year").values() if has_ended(y.period, on))
    if not years:
        return ch
    why = (
        f"no quarter has figures: its figures are all for measures reported annually, and a quarterly report "
        f"shows an annual measure's latest year as it stands; the annual report shows them: swreport run annual "
        f"--council {council} --period {years[-1]} (its latest year with figures)"
    )
    return replace(ch, why=why)


def resolve_councils(report: str, which: str, ds, councils: list[str], on: dt.date, share: float | None = None) -> dict[str, tuple]:  # fmt: skip
    """{council: (period or None, why none)} for a run of ``report`` with period ``which``."""
    return {c: (ch.period, ch.why) for c, ch in choices(report, which, ds, councils, on, share).items()}


def resolve_one(report: str, which: str, ds, council: str, on: dt.date | None = None) -> Period:
    """The period ``which`` names for one report (``swreport run --period latest``); a ConfigError
    saying why when there is none."""
    on = on or today()
    (P, why), *_ = resolve_councils(report, which, ds, [council], on).values()
    if P is None:
        raise ConfigError(
            f"{council}: --period {which.strip().lower()} names no {reports.get(report).period_kind}: {why}"
        )
    return P


# the run summary: what an unattended run did, for a scheduler or a monitoring tool ----------------
OUTCOME_WORDS = {"ok": "rendered", "skipped": "unchanged", "failed": "failed", "no-period": "no-period",
                 "no-figures": "no-figures", "not-ready": "not-ready", "planned": "would render"}  # fmt: skip
EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


def exit_code(outcomes) -> int:
    """0 when every report was rendered or unchanged (or had no period or no figures to report: listed,
    not a failure), 1 when one failed."""
    return EXIT_FAILED if any(o.status == "failed" for o in outcomes) else EXIT_OK


def summary(outcomes, started: dt.datetime, finished: dt.datetime, code: int, *, error: str | None = None,
            on: dt.date | None = None, data=None, out=None, warnings=(), not_checked=None, dry_run: bool = False,
            picked=None, missing=None) -> dict:  # fmt: skip
    """The run summary as a dict (written as JSON by ``swreport batch --summary FILE``). ``not_checked``:
    per public report's key, every measure it prints that suppression could not check (the batch's
    line names a few; a public report not in it, a dry run's or a failed one's, has no such key). ``dry_run``: the run was ``--dry-run`` (nothing rendered, whatever the plan).
    ``picked``: {(report, asked, council): Choice}, what a relative period was picked from.
    ``missing``: {(council, period): [...]}, what each annual report rendered has no figures for yet
    (the items batch's lines name: '1 statutory measure', 'finance', ..., 'narrative')."""

    rows = []
    for o in outcomes:
        j = o.job
        rows.append({
            "report": j.report, "council": j.council, "period": j.period if j.resolved else None,
            "asked": j.asked or j.period, "audience": j.audience, "outcome": OUTCOME_WORDS.get(o.status, o.status),
            "seconds": round(o.seconds, 2), "output": str(Path(o.html).resolve()) if o.html else None,
            "error": o.error, "failed_notebook": str(Path(o.failed_notebook).resolve()) if o.failed_notebook else None,
            "pdf": str(Path(o.pdf).resolve()) if getattr(o, "pdf", None) else None,
            **({"not_checked": (not_checked or {}).get(j.key, [])} if j.audience == "public" else {}),
            **({"missing": missing[(j.council, j.period)]} if reports.get(j.report).from_year_return and o.status == "ok"
               and (j.council, j.period) in (missing or {}) else {}),
            **({"picked_from": ch.record()} if j.asked and (ch := (picked or {}).get((j.report, j.asked, j.council)))
               and ch.share and ch.considered else {}),
        })  # fmt: skip
    counts = {w: sum(r["outcome"] == w for r in rows) for w in OUTCOME_WORDS.values()}
    return {
        "swreport": __version__,
        "started": utc_stamp(started),
        "finished": utc_stamp(finished),
        "seconds": round((finished - started).total_seconds(), 2),
        "exit_code": code,
        "result": {0: "ok", 1: "a report failed", 2: "bad input or settings", 130: "interrupted"}.get(code, "error"),
        "error": error,
        "dry_run": bool(dry_run),
        "today": on.isoformat() if on else None,
        "data": str(Path(data).resolve()) if data else None,
        "outputs": str(Path(out).resolve()) if out else None,
        "counts": counts,
        "warnings": list(warnings),  # the data set's warnings (allowed, probably wrong), as validate says them
        "reports": rows,
    }


class RunRecord:
    """Writes the run summary to ``path`` when the run ends, however it ends: a report failed
    (exit 1), bad input or settings (exit 2, with the message), interrupted, or an internal error.
    Use as a context manager around the run; set ``outcomes`` (and ``on``, ``data``, ``out``) as
    they become known. ``path`` None: nothing is written."""

    def __init__(self, path):
        self.path = Path(path) if path else None
        self.started = dt.datetime.now(dt.UTC)
        self.outcomes: list = []
        self.on: dt.date | None = None
        self.data = self.out = None
        self.warnings: list[str] = []
        self.not_checked: dict[str, list[str]] = {}  # a public report's key -> the measures it could not check
        self.missing: dict[tuple, list[str]] = {}  # (council, period) -> what its annual report has no figures for
        self.dry_run = False  # batch --dry-run: said in the summary whether or not anything would render
        self.picked: dict = {}  # (report, asked, council) -> Choice: why latest picked the period it did

    def __enter__(self) -> RunRecord:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if self.path is None:
            return
        error = None
        if exc is None:
            code = exit_code(self.outcomes)
        elif isinstance(exc, SystemExit):
            code = exc.code if isinstance(exc.code, int) else EXIT_FAILED
        elif isinstance(exc, KeyboardInterrupt):
            code, error = EXIT_INTERRUPTED, "interrupted"
        elif isinstance(exc, DataError):
            code, error = EXIT_BAD_INPUT, f"{exc.headline()}:\n{exc.describe()}"
        elif isinstance(exc, ConfigError | PeriodError) or (isinstance(exc, ReportError) and exc.bad_input):
            code, error = EXIT_BAD_INPUT, str(exc)
        elif isinstance(exc, SwError):
            code, error = EXIT_FAILED, str(exc)
        else:
            code, error = EXIT_FAILED, f"internal error: {type(exc).__name__}: {exc}"
        self.write(code, error)

    def doc(self, code: int, error: str | None = None) -> dict:
        """The run summary as it stands (``summary``), finished now."""
        return summary(self.outcomes, self.started, dt.datetime.now(dt.UTC), code, error=error, on=self.on,
                       data=self.data, out=self.out, warnings=self.warnings, not_checked=self.not_checked,
                       dry_run=self.dry_run, picked=self.picked, missing=self.missing)  # fmt: skip

    def write(self, code: int, error: str | None = None) -> Path:
        doc = self.doc(code, error)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, (json.dumps(doc, indent=2) + "\n").encode("utf-8"))
        return self.path
