"""The performance table: a council's measures for a period, each with its year to date, target,
status, short trend and earlier years; and summaries of it (the year to date is ``swlib.ytd``, a
figure's RAG status ``swlib.rag``, its target ``swlib.targets``, the action rows ``swlib.action_rows``).

Implements the status rules of DESIGN.md for one council and report period.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from . import uncleared
from .base import STATUS_ORDER, SUPPRESSED, round_half_up
from .config import council_settings
from .dataset import Dataset
from .disclosure import suppress_performance
from .evidence import measure_evidence
from .panel import observations as panel_observations
from .periods import FREQUENCY_KIND, SPAN_MONTHS, Period
from .prices import price_basis
from .public_text import table_file
from .published import read as read_published
from .rag import deciding_decimals, printed_status
from .rate_bases import populations
from .records import Records
from .rows import records
from .schema import ADDITIVE_UNITS
from .targets import target_for, target_lookup
from .ytd import (
    INCOMPLETE,
    PART_YEAR,
    YearToDate,
    gap_reasons,
    impossible,
    missing_reason,
    period_comments,
    with_value,
    year_comment,
    year_to_date,
    year_value,
)

KIND_ORDER = ("month", "quarter", "half", "year")
ZERO_TARGET = "a zero target: met only where there are none, so a single case misses it"  # a row's note


def catalogue(ds: Dataset, council: str) -> pd.DataFrame:
    """The measures a council reports, in catalogue order."""
    m = ds.measures
    return m[m["council"].isna() | (m["council"] == council)].reset_index(drop=True)


def _made_up_targets(ds: Dataset, council: str) -> set[tuple[str, str]]:
    """The (measure, period) of a council's targets whose ``source`` marks them synthetic (D&G's
    sickness-absence targets to date, a made-up profile of the year's 9 days)."""
    t = ds.targets[ds.targets["council"] == council]
    sources = t["source"] if "source" in t else pd.Series(None, index=t.index, dtype=object)
    return {(m, p) for m, p, s in zip(t["measure"], t["period"], sources, strict=True) if is_synthetic([s])}


def _trend(now: float, before: float, polarity: str, decimals: int) -> str:
    if pd.isna(now) or pd.isna(before):
        return "no comparison"
    a, b = round_half_up(now, decimals), round_half_up(before, decimals)
    if a == b:
        return "no change"
    up = a > b
    if polarity == "none":
        return "up" if up else "down"
    return "improving" if up == (polarity == "higher") else "worsening"


def performance(
    ds: Dataset, council: str, period, audience: str = "internal", published: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per measure in catalogue order: year to date, target, status, trend, history.

    For the public, the table then goes through the public step, ``disclosure.suppress_performance``,
    with what each printed figure can be set against (``performance_evidence``): the data's own
    earlier figures of the year and ``published``, the record of figures earlier public reports
    printed (``swlib.published``; default: the record in the outputs folder in use)."""
    df, evidence = performance_evidence(ds, council, period, public=audience == "public")
    if audience != "public":
        return df
    record = published if published is not None else read_published(council)
    df = suppress_performance(df, evidence, council_settings(council), record)
    df["baselines"] = df["baselines"].map(lambda b: dict.fromkeys(b, PLAN_BASELINE))  # the data's words not printed
    if uncleared.strict(council):  # every comment an officer has not cleared (params: public_text)
        df = uncleared.withhold_uncleared_comments(df, evidence, "observations")
    df.attrs["withheld"] = Records({**w, "file": table_file(ds, w["file"])} for w in df.attrs["withheld"])
    return df


def performance_evidence(ds: Dataset, council: str, period, public: bool = True) -> tuple[pd.DataFrame, dict]:
    """The performance table, and (``public``) by measure what the public step needs
    (``evidence.measure_evidence``): each printed figure's earlier cumulative figures in its year
    then its own, the months each covers, the complement of a ``part_of`` measure, and where its
    comment, its missing figures' reasons and its words are in the data."""
    P = Period.parse(period)
    ds.council_name(council)  # unknown council: a ConfigError naming the choices
    cfg = council_settings(council)
    by_measure = _observations(ds, council)
    ms = ds.measures  # where each measure's row is, and whether its words are cleared for the public
    measure_rows = dict(zip(ms["measure"], zip(ms.index, ms.reindex(columns=["cleared"])["cleared"], strict=True),
                            strict=True))  # fmt: skip
    whole_freq = dict(zip(ms["measure"], ms["frequency"], strict=True))  # a part_of's whole: how often it is given
    targets, made_up = target_lookup(ds, council), _made_up_targets(ds, council)
    years = [P.year_period.shift_years(-k) for k in (3, 2, 1)]
    # public: the figures other public reports print are only needed for disclosure control
    step = min(SPAN_MONTHS[P.kind], 3)  # public reports of the year print the year to date at least every quarter
    rows, evidence = [], {}  # evidence: for the public step, what each measure's printed figures can be set against
    for m in catalogue(ds, council).itertuples(index=False):
        kind = FREQUENCY_KIND[m.frequency]
        coarser = KIND_ORDER.index(kind) > KIND_ORDER.index(P.kind)
        eff = P if P.ends_on_boundary(kind) else P.latest_of_kind(kind)
        # a cost: in one price basis, real terms or cash, said on the row
        mo, prices, cash = price_basis(by_measure.get(m.measure, {}), m.unit, [*years, eff])
        ytd = year_to_date(mo, eff, kind, m.aggregate, m.unit)
        last = year_to_date(mo, eff.shift_years(-1), kind, m.aggregate, m.unit)
        if last.has_data and impossible(m.unit, last.value):
            last = YearToDate(parts_expected=last.parts_expected)
        last_part = part_year(mo, eff.shift_years(-1), kind, last)
        if last_part:  # last year's figures cover part of it only: not compared as if whole (the years' rule)
            last = YearToDate(parts_expected=last.parts_expected)

        notes = []
        tgt, tol, annual, target_cash, price_year = target_for(m, eff, mo, targets, cfg.tolerance_percent, notes)
        reason = missing_reason(ytd) if not ytd.status else None  # a figure left blank on purpose: the data's why
        said = {"to_date": ytd.source} if reason else {}  # notes that are free text from the data, by column
        gap = ytd.missing
        status, source, ytd = _status(m, ytd, reason, tgt, tol, notes)
        if not reason and not ytd.has_data and (why := gap_reasons(mo, gap)):  # August blank, and why
            reason = why
            said["to_date"] = mo[next(p for p in gap if (mo.get(p) or {}).get("comment"))]
        if P.kind in ("quarter", "half"):  # a monthly measure's comments on each month of the quarter
            text, where = period_comments(mo, eff, kind)
            if text:
                ytd = replace(ytd, comment=text, source=where)
        latest, latest_at, latest_src = None, None, None  # a year's row with no comment: the year's latest
        if P.kind == "year" and not (isinstance(ytd.comment, str) and ytd.comment.strip()):
            latest, latest_at, latest_src = year_comment(by_measure.get(m.measure, {}), P)
        decides = (
            deciding_decimals(ytd.value, tgt, tol, m.polarity, int(m.decimals))
            if source == "rule" and status in ("Green", "Amber", "Red")
            else None
        )

        if eff != P and coarser and (ytd.has_data or reason):  # not beside a year with no figure at all
            notes.append(f"latest available: {eff.label}")
        if source == "missing" and ytd.has_data:
            # the period's own figure is missing: the part year is not the year to date (seed style: "–")
            notes.append(f"{eff.label} figure not yet available")
            ytd = YearToDate(parts_expected=ytd.parts_expected)
        if ytd.has_data and not ytd.exact and ytd.parts_found < ytd.parts_expected:
            notes.append(f"year to date from {ytd.parts_found} of {ytd.parts_expected} {kind}s")
        if prices:
            notes.append(prices)
        if last_part:
            notes.append(f"{PART_YEAR}{last_part}")
        if tgt == 0 and m.polarity == "lower" and ytd.has_data:  # permanently Red unexplained (COMMITTEE-5 #14)
            notes.append(ZERO_TARGET)
        synthetic = ["to_date"] if ytd.has_data and is_synthetic(ytd.sources) else []
        if last.has_data and is_synthetic(last.sources):
            synthetic.append("last_year")
        figures, year_notes = _history(mo, years, kind, m, synthetic, said)
        own = (m.measure, str(eff)) if (m.measure, str(eff)) in targets else (m.measure, eff.fy_id)
        if own in made_up and pd.notna(tgt):  # the target (and its tolerance) set is made up: marked where printed
            synthetic.append("target")
        history = {str(y): f[0] for y, f in figures.items()}
        baselines = {str(y): c for y in years if pd.notna(history[str(y)]) and (c := baseline(mo.get(str(y))))}
        if eff.kind == "year" and last.has_data and (c := baseline(mo.get(str(eff.shift_years(-1))))):
            baselines["last_year"] = c  # the year before a year's figure: a plan's baseline, said so where compared
        if prices and not ytd.has_data and not last.has_data and all(pd.isna(v) for v in history.values()):
            notes.remove(prices)  # no figure on the row: no pounds to say the basis of (AUDIT-5 #2)
        if public:
            evidence[m.measure] = measure_evidence(m, kind, step, mo, eff, ytd, last, figures, by_measure, whole_freq,
                                                   said, measure_rows[m.measure])  # fmt: skip
            evidence[m.measure]["year_comment"] = latest_src
        rows.append(
            {
                "measure": m.measure, "theme": m.theme, "outcome": m.outcome, "title": m.title,
                "unit": m.unit, "polarity": m.polarity, "aggregate": m.aggregate, "decimals": int(m.decimals),
                "target": tgt, "annual_target": annual, "tolerance": tol,
                "to_date": ytd.value if ytd.has_data else np.nan,
                "numerator": ytd.numerator, "denominator": ytd.denominator,
                "status": status, "status_source": source,
                "trend": _trend(ytd.value, last.value, m.polarity, m.decimals)
                if ytd.has_data and not cash else "no comparison",
                "cash": cash, "prices": prices,
                "last_year": last.value if last.has_data else np.nan,
                "comment": ytd.comment if isinstance(ytd.comment, str) else None,
                "year_comment": latest, "year_comment_at": latest_at,
                "period_shown": str(eff), "note": "; ".join(notes) or None, "lgbf": m.lgbf,
                **history, "year_notes": {**({"to_date": reason} if reason else {}), **year_notes}, "suppressed": "",
                "synthetic": ",".join(synthetic), "decides_at": decides,
                "target_cash": target_cash, "target_prices": price_year if pd.notna(target_cash) else None,
                "baselines": baselines,
            }
        )  # fmt: skip
    df = pd.DataFrame(rows, columns=_columns(years))
    df.attrs.update(council=council, period=str(P), years=[str(y) for y in years], audience="internal")
    df.attrs["populations"] = populations(ds.councils, council)  # rates of it and its age groups (population_0-15)
    return df, evidence


PLAN_BASELINE = "a plan's starting figure"  # a baseline as a public report calls it


def baseline(obs: dict | None) -> str | None:
    """Where a year's own figure is a plan's baseline, not the year's out-turn (its comment says so,
    "Baseline in the Resource Plan 2021-22"), that comment; else None."""
    comment = (obs or {}).get("comment")
    return comment.strip() if isinstance(comment, str) and comment.strip().lower().startswith("baseline") else None


def part_year(mo: dict, window: Period, kind: str, ytd: YearToDate) -> str | None:
    """Where ``ytd`` (a measure's figures for ``window``, last year's to date) covers only some
    of the window's periods, as the year columns call a year 'incomplete' (``ytd.year_value``),
    the periods it has, in words: 'October 2024 to March 2025 only (6 of 12 months)'; else None."""
    if not ytd.has_data or ytd.exact or ytd.parts_found >= ytd.parts_expected:
        return None
    have = [p for p in window.window_parts(kind) if str(p) in mo and not _blank_row(mo[str(p)])]
    if not have:
        return None
    first, last = (Period(p.fy, "month", m, m).label for p, m in ((have[0], have[0].start), (have[-1], have[-1].end)))
    span = first if first == last else f"{first} to {last}"
    return f"{span} only ({ytd.parts_found} of {ytd.parts_expected} {PLURAL_KIND[kind]})"


PLURAL_KIND = {"month": "months", "quarter": "quarters", "half": "halves", "year": "years"}


def _blank_row(r) -> bool:
    return all(pd.isna(r.get(c)) for c in ("value_c", "numerator", "denominator"))


def _observations(ds: Dataset, council: str) -> dict[str, dict[str, dict]]:
    """A council's observations by measure and period (a measure with an LGBF code takes its
    yearly figures from the LGBF panel, one figure per fact), each with ``value_c``, and the
    ``row`` it is in the data and whether it is ``cleared`` for the public (None: from the panel).
    Worked out once per data set and council (a quarterly report's performance table is made for
    its period and the one before), so read only."""
    key = ("status_observations", council)
    if key not in ds.memo:
        ds.memo[key] = _by_measure_and_period(ds, council)
    return ds.memo[key]


def _by_measure_and_period(ds: Dataset, council: str) -> dict[str, dict[str, dict]]:
    obs = with_value(panel_observations(ds, council), ds.measures.set_index("measure")["unit"])
    cols = ["measure", "period", "value_c", "numerator", "denominator", "status", "comment", "source", "price_year",
            "cash_value"]  # fmt: skip
    own = ds.observations[ds.observations["council"] == council]  # where each row is, and whether it is cleared
    where = {(m, p): (i, c) for m, p, i, c in zip(own["measure"], own["period"], own.index,
                                                  own.reindex(columns=["cleared"])["cleared"], strict=True)}  # fmt: skip
    by_measure: dict[str, dict] = {}
    for r in records(obs[cols]):
        r["row"], r["cleared"] = where.get((r["measure"], r["period"]), (None, None))
        by_measure.setdefault(r["measure"], {})[r["period"]] = r
    return by_measure


def _status(m, ytd: YearToDate, reason: str | None, tgt: float, tol: float, notes: list[str]) -> tuple:
    """A measure's (status, where it comes from, the year to date it is shown with): ``Report
    later`` where the figure is left blank on purpose (``reason``: the data's why) or cannot be
    shown (why, on ``notes``); the data's own status (``override``); ``Report later`` where the
    period's own figure is missing; ``Data only`` without a target or a direction; else Green,
    Amber or Red."""
    impossible_why = impossible(m.unit, ytd.value) if ytd.has_data else None
    if reason:  # a figure left blank on purpose: Report later, and why where the figure would be
        return "Report later", "missing", YearToDate(parts_expected=ytd.parts_expected)
    if impossible_why:  # never a status for a percentage no one could have: say why instead
        notes.append(impossible_why)
        return "Report later", "missing", YearToDate(parts_expected=ytd.parts_expected)
    if ytd.status:
        return ytd.status, "override", ytd
    if not ytd.own and not ytd.exact:
        return "Report later", "missing", ytd
    if ytd.missing and m.aggregate == "sum" and m.unit in ADDITIVE_UNITS:  # 5 months' count against 6 months' target
        gap = ", ".join(Period.parse(p).label for p in ytd.missing)
        notes.append(f"{INCOMPLETE} {gap} ({ytd.parts_found} of {ytd.parts_expected})")
        # no figure to date, but the period's own comment prints with its row (ANALYST-11 #2)
        kept = YearToDate(parts_expected=ytd.parts_expected, comment=ytd.comment, source=ytd.source)
        if pd.isna(tgt) or m.polarity == "none":  # never compared with a target: Data only, gap or not (#5)
            return "Data only", "rule", kept
        return "Report later", "missing", kept
    if pd.isna(tgt) or m.polarity == "none" or pd.isna(ytd.value):  # e.g. no cases this period (0 of 0)
        return "Data only", "rule", ytd
    return printed_status(ytd.value, tgt, tol, m.polarity, int(m.decimals)), "rule", ytd


def _history(mo: dict, years: list[Period], kind: str, m, synthetic: list[str], said: dict) -> tuple[dict, dict]:
    """Each earlier year's figure as (value, numerator, denominator), nan where it cannot be shown,
    and the notes on the years that have none (why not). Adds the synthetic years to
    ``synthetic``, and the data's own words on why a year is missing to ``said``."""
    figures, year_notes = {}, {}
    for y in years:
        hv, hn, hd, note, sources = year_value(mo, y, kind, m.aggregate, m.unit)
        if not pd.isna(hv) and impossible(m.unit, hv):
            hv, hn, hd, note = np.nan, np.nan, np.nan, impossible(m.unit, hv)
        figures[y] = (hv, hn, hd)
        if not pd.isna(hv) and is_synthetic(sources):
            synthetic.append(str(y))
        if note:
            year_notes[str(y)] = note
            if note == missing_reason(YearToDate(exact=True, comment=(mo.get(str(y)) or {}).get("comment"))):
                said[str(y)] = mo[str(y)]  # the data's own words on why the year is missing
    return figures, year_notes


def _columns(years: list[Period]) -> list[str]:
    return [
        "measure", "theme", "outcome", "title", "unit", "polarity", "aggregate", "decimals", "target", "annual_target", "tolerance",
        "to_date", "numerator", "denominator", "status", "status_source", "trend", "cash", "prices", "last_year", "comment",
        "year_comment", "year_comment_at", "period_shown", "note", "lgbf", *[str(y) for y in years], "year_notes", "suppressed", "synthetic", "decides_at",
        "target_cash", "target_prices", "baselines",
    ]  # fmt: skip


def without_figures(perf: pd.DataFrame) -> pd.Series:
    """The measures with nothing to show: no figure this period, last year or in the years the
    report prints, no reason given, no officer's status, nothing withheld (a new council's
    measures before their first return). True or False per row of ``performance``."""
    years = [y for y in perf.attrs.get("years", []) if y in perf]
    blank = perf[["to_date", "last_year", *years]].isna().all(axis=1)
    suppressed = perf["suppressed"].fillna("").astype(str) != "" if "suppressed" in perf else False
    notes = perf["year_notes"].map(bool) if "year_notes" in perf else False
    return (
        blank
        & (perf["status"] == "Report later")
        & (perf["status_source"] == "missing")
        & perf["comment"].isna()
        & perf["note"].isna()
        & ~suppressed
        & ~notes
    )


def is_synthetic(sources) -> bool:
    """Whether any of these ``source`` values marks a made-up (synthetic) figure."""
    return any(isinstance(s, str) and s.strip().lower().startswith("synthetic") for s in sources)


def synthetic_columns(row) -> set[str]:
    """The columns of a performance row whose figures are synthetic (its ``synthetic`` list)."""
    return set(filter(None, (row.get("synthetic") or "").split(",")))


def status_summary(df: pd.DataFrame) -> pd.DataFrame:
    """Counts of ``status`` by ``theme`` (first-appearance order) with a Total row and column.
    A public table whose statuses were suppressed gets a ``Suppressed`` column before Total."""
    themes = list(dict.fromkeys(df["theme"])) if len(df) else []
    columns = list(STATUS_ORDER) + ([SUPPRESSED] if len(df) and (df["status"] == SUPPRESSED).any() else [])
    table = pd.DataFrame(0, index=pd.Index(themes, dtype="object"), columns=columns, dtype="int64")
    if len(df):
        unknown = set(df["status"]) - set(columns)
        if unknown:
            raise ValueError(f"unknown status {sorted(unknown)}: expected one of {', '.join(STATUS_ORDER)}")
        for (theme, status), n in df.groupby(["theme", "status"], sort=False).size().items():
            table.loc[theme, status] = n
    table["Total"] = table.sum(axis=1)
    table.loc["Total"] = table.sum(axis=0)
    table.index.name = "theme"
    table.columns.name = None
    return table
