"""The national LGBF overview's sections, as plain data for its templates
(``swlib/templates/national/``), from what ``swlib.national`` computes: each indicator across
Scotland (Scotland's run with its SPC and trend, every council ranked, a funnel plot in words and
chart), the council-by-indicator quartile matrix and the family groups taken together."""

from __future__ import annotations

import warnings

import pandas as pd

from ..benchmarking import ordinal
from ..charts import funnel_chart, rank_chart, spc_chart
from ..charts.base import short_label
from ..charts.svg import styled
from ..formatting import fmt_value, lgbf_decimals, slug
from ..icons import VARIATION_WORDS, icons_view
from ..national import (
    family_figures,
    figure_words,
    funnel,
    funnel_widening,
    price_label,
    quartile_matrix,
    scotland_series,
    scotland_trend,
)
from ..periods import Period
from ..rows import records
from ..sustained import earlier_brief, sustained_brief, sustained_change
from ..xmr import SPCWarning, spc

# the rank chart's width (inches) in print, the column report.css gives it beside its table (at
# 9 pt): 77.5 mm, or 67.5 mm beside a percentage's table (its change column is wider); drawn at
# the width it prints, its text prints at the size drawn
RANK_WIDTH = {"short": 3.05, "wide": 2.65}
# the national overview's charts (Scotland's SPC chart, every council ranked, the funnel plot) print
# their text, each at the size it is drawn, at 9 pt: a portrait page has the room
CHART_FONT = 9


def trend_words(t: dict, spc_below: bool = False) -> str:
    """Fingertips' recent trend of a run of years, in a sentence (``spc_below``: an SPC chart follows it)."""
    span = f" over the five years {t['first']} to {t['last']}" if t.get("first") else ""
    if t["trend"] in ("increasing", "decreasing"):
        reading = {"improving": ", and getting better", "worsening": ", and getting worse"}.get(t["reading"], "")
        return f"Statistical trend{span}: {t['trend']}{reading} (a change too steady to be chance)."
    if t["trend"] == "no significant change":  # the test is named in the methods note, not here
        return f"Statistical trend{span}: no significant change."
    return (
        "Statistical trend: not tested, because the LGBF publishes no counts of people or events behind this "
        "figure for each of the last five years"
        + ("; the SPC chart below reads the run of figures instead." if spc_below else ".")
    )


def fmt_change(change, unit: str, decimals: int = 1) -> str:
    """A change in the unit's own terms: "+2.1 percentage points", "-£1.20", "+3.4 per 1,000"."""
    if pd.isna(change):
        return "–"
    size = abs(change)
    sign = "" if round(size, decimals) == 0 else ("+" if change > 0 else "-")  # never "-0.0"
    if unit == "percent":
        return f"{sign}{size:,.{decimals}f} percentage points"
    if unit == "currency":
        return f"{sign}£{size:,.{decimals}f}"
    if unit == "rate":
        return f"{sign}{size:,.{decimals}f} per 1,000"
    return sign + fmt_value(size, unit, decimals)


def national_indicator_view(ds, code: str, period: Period, pos: pd.DataFrame) -> dict:
    """One LGBF indicator across Scotland: Scotland's run of years with its SPC and statistical
    trend, every council ranked (chart and table), and a funnel plot where there are denominators."""

    g = pos[pos["lgbf"] == code]
    r0 = g.iloc[0]
    unit, title, year = r0["unit"], f"{code}: {r0['title']}", Period.parse(r0["period"])
    d = lgbf_decimals(unit, r0["scotland_value"], g["value"])  # £27.65 an hour, £449 a week, 84.3%
    prices = price_label(r0.get("price_year"))
    if prices:  # a cost: in real terms, its price year named wherever it is shown
        title += f" ({prices})"
    improvement = {"higher": "increase", "lower": "decrease"}.get(r0["polarity"], "neutral")
    if unit == "currency":  # a rising cost is higher, not a concern: one stance with its ranks (COMMITTEE-5 #14)
        improvement = "neutral"
    better = {"higher": "higher is better", "lower": "lower is better"}.get(
        r0["polarity"], "neither higher nor lower is better"
    )
    top = "1st = best"
    if unit == "currency" and r0["polarity"] in ("higher", "lower"):  # a cost is lower or higher, not better or worse
        better = f"councils ranked from the {'lowest' if r0['polarity'] == 'lower' else 'highest'} cost"
        top = f"1st = {'lowest' if r0['polarity'] == 'lower' else 'highest'} cost"
    asked = Period.parse(period).year_period
    # a cost whose series stops short of the report's year (CHN8a, CHN8b: "dna" for 2020/21 in the LGBF's workbook)
    not_yet = (
        f" (the LGBF has published no {asked.label} figure for this cost yet)"
        if unit == "currency" and year < asked
        else ""
    )
    v = {"id": f"indicator-{slug(code)}", "title": title, "icons": None, "spc": None, "run": None, "funnel": None,
         "short": unit != "percent",  # its figures and changes short: a council's name can keep one line
         "lead": f"{year.label}, {'the latest year available' if year < asked else 'the year of this report'}{not_yet}; {better}. Scotland: {fmt_value(r0['scotland_value'], unit, d)}."}  # fmt: skip
    run = scotland_series(ds, code, period)
    if len(run) >= 2:
        first, last = run.iloc[0], run.iloc[-1]
        v["run"] = (
            f"Scotland's figure went from {fmt_value(first['value'], unit, d)} in {first['label']} "
            f"to {fmt_value(last['value'], unit, d)} in {last['label']}"
            + (f", both at {Period.parse(r0['price_year']).label} prices (real terms)." if prices else ".")
        )
    t = scotland_trend(ds, code, period, r0["polarity"])
    v["trend"] = trend_words(t, spc_below=len(run) >= 8)
    # what page 1's "At a glance" says of it (national_glance_view): the figures the section states
    v["glance"] = {"code": code, "name": r0["title"], "latest": f"{fmt_value(r0['scotland_value'], unit, d)} in {year.label}"
                   + (f" ({prices})" if prices else ""), "prices": prices,
                   "variation": None, "sustained": None, "trend": t, "outside": None, "adjusted": None}  # fmt: skip
    if len(run) < 8:  # say why, as a council report does (COMMITTEE-8 #10: SW8's section had no chart and no reason)
        span = f" ({run['label'].iloc[0]} to {run['label'].iloc[-1]})" if len(run) > 1 else ""
        v["no_spc"] = (f"Statistical process control chart not shown: it needs a run of 8 or more figures, and "
                       f"Scotland has {len(run)}{span}.")  # fmt: skip
    if len(run) >= 8:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SPCWarning)
            chart = spc(run["value"], improvement=improvement)
        chart["label"] = run["label"].to_numpy()
        chart.attrs["method"] = "XmR chart"
        chart.attrs["sustained"] = sustained_change(chart)  # a rise or fall over most of it: no stable period
        v["glance"]["variation"] = chart.attrs["variation"]
        v["glance"]["sustained"] = chart.attrs["sustained"]
        v["icons"] = icons_view(chart.attrs["variation"], None, improvement)[:1]  # no target: no assurance icon
        if chart.attrs["sustained"]:
            v["icons"][0]["words"] += sustained_brief(chart)
        v["icons"][0]["words"] += earlier_brief(chart, short_label)
        with styled(font_size=CHART_FONT):
            v["spc"] = spc_chart(chart, f"Scotland: {title}", unit, d, phone=True).view()  # and a phone's (#18)
    with styled(font_size=CHART_FONT):
        v["rank_chart"] = rank_chart(g, title, RANK_WIDTH["short" if v["short"] else "wide"]).view()
    rows = []
    g = g.sort_values(["rank", "council_name"])
    for r in records(g):  # ranked on the figures as printed (benchmark): equal figures, equal ranks
        rows.append({"council": r["council_name"], "value": fmt_value(r["value"], unit, d),
                     "change": fmt_change(r["change"], unit, d),
                     "rank": ordinal(r["rank"]) if pd.notna(r["rank"]) else "–",
                     "quartile": "–" if pd.isna(r["quartile"]) else str(int(r["quartile"])),
                     "family": str(int(r["family_group"]))})  # fmt: skip
    v["ranking"] = {"caption": f"{title}: every council, {year.label} ({top})", "rows": rows,
                    "change": f"Change since {Period.parse(r0['previous_period']).label}"}  # fmt: skip
    f = funnel(ds, code, year)
    polarity = r0["polarity"] if unit != "currency" else None  # a cost is lower or higher, not better or worse
    if f is not None:
        with styled(font_size=CHART_FONT):
            chart = funnel_chart(f, title).view()
        v["funnel"] = {
            "chart": chart,
            "words": funnel_words(f, polarity),
            "method": funnel_method(f, code),
        }
        v["glance"]["outside"] = {side: int((f["outside"] == side).sum()) for side in ("above", "below")}
        v["glance"]["outside_names"] = {side: sorted(f.loc[f["outside"] == side, "council_name"])
                                        for side in ("above", "below")}  # fmt: skip
        v["glance"]["polarity"] = polarity
        v["glance"]["adjusted"] = bool(f.attrs["adjusted"])
    return v


def glance_direction(g: dict) -> str:
    """Scotland's direction over its run of years, as its section states it: the SPC chart's
    variation and the statistical trend where each was read (costs in real terms)."""
    said = []
    if g.get("sustained"):  # most points special causes, one side of the mean then the other: no stable period
        said.append(f"a sustained {g['sustained']} over the years (SPC: no stable period)")
    elif g["variation"]:
        said.append(VARIATION_WORDS.get(g["variation"], VARIATION_WORDS["common_cause"]))
    t = g["trend"]
    if t["trend"] in ("increasing", "decreasing", "no significant change"):
        reading = {"improving": ", getting better", "worsening": ", getting worse"}.get(t.get("reading"), "")
        said.append(f"trend {t['first']} to {t['last']}: {t['trend']}{reading}")
    if not said:
        return "Not tested: too few years for SPC, no counts for a trend"
    words = "; ".join(said)
    words = words[0].upper() + words[1:]
    return words + (", in real terms" if g["prices"] else "")


NO_FUNNEL = "not tested: no counts"  # page 1's funnel column for an indicator without a funnel plot


def side_word(side: str, polarity: str | None) -> str:
    """A side of a funnel's centre as a member reads it: "better" or "worse" where the indicator
    has a better direction (SW6's readmissions: below is better), else "above" or "below"."""
    if polarity not in ("higher", "lower"):
        return side
    return "better" if (side == "above") == (polarity == "higher") else "worse"


def glance_outside(g: dict) -> str:
    """How many councils lie outside the funnel plot's limits (widened for over-dispersion where
    they were), on which side as better or worse, and which: "1 better (Orkney Islands)", "3: 2
    better (...), 1 worse (...)", "none", or ``NO_FUNNEL`` with no funnel plot (no counts); "above"
    and "below" for an indicator with no better direction (a cost)."""
    o = g["outside"]
    if o is None:
        return NO_FUNNEL
    names = g.get("outside_names") or {}
    sides = [
        f"{o[side]} {side_word(side, g.get('polarity'))}" + (f" ({', '.join(names[side])})" if names.get(side) else "")
        for side in ("above", "below")
        if o[side]
    ]
    if len(sides) == 2:
        return f"{o['above'] + o['below']}: " + ", ".join(sides)
    return sides[0] if sides else "none"


def _concern(g: dict) -> bool:
    # a sustained rise or fall is no verdict of the SPC chart's on the latest year alone (COMMITTEE-5 #4)
    spc = not g.get("sustained") and g["variation"] == "special_cause_concern"
    return spc or g["trend"].get("reading") == "worsening"


def _improving(g: dict) -> bool:
    spc = not g.get("sustained") and g["variation"] == "special_cause_improvement"
    return spc or g["trend"].get("reading") == "improving"


def report_year_words(ds, year: Period) -> str:
    """The year a national report's figures are for, said as such: the year asked for is not "the latest
    year available" where the LGBF release holds later years, which council reports of the same
    release print (COMMITTEE-8 #9)."""
    periods = ds.benchmarks["period"].dropna().unique()
    later = sorted(p for p in map(Period.parse, periods) if p.kind == "year" and p > year)
    return f"{year.label}, the year of this report" + (
        f" (the same release has figures up to {later[-1].label})" if later else ", the latest year available"
    )


def national_glance_view(parts: list[dict]) -> dict:
    """Page 1's "At a glance": each indicator in one row (``national_indicator_view``'s
    ``glance``), the ones a reader should look at first first: special cause concern or a
    worsening trend, then those with councils outside the funnel limits (the most first), then
    the rest, improvements last; otherwise in the report's order. ``{"caption", "columns",
    "rows": [["code: name", latest, direction, outside]], "lines": [one line per row]}``: the name
    says what the figure counts (its unit)."""

    def key(g):
        n = sum(g["outside"].values()) if g["outside"] else 0
        return (0 if _concern(g) else 1 if n else 3 if _improving(g) else 2, -n)

    glances = sorted((v["glance"] for v in parts), key=key)
    rows = [[f"{g['code']}: {g['name']}", g["latest"], glance_direction(g), glance_outside(g)] for g in glances]
    return {
        "caption": "Each indicator in one line, those to look at first at the top: special cause concern on a "
        "statistical process control (SPC) chart or a worsening trend, then councils outside the funnel limits "
        "(widened where councils differ more than chance explains), improvements last; sections 2 and 3 give each "
        "in full",
        "columns": ["Indicator", "Scotland, latest", "Over the years (Scotland)", "Councils outside the funnel limits"],
        "rows": rows,
        "lines": [
            f"{r[0].rstrip('.')}. {r[1]}. {r[2]}. "
            + (f"Councils outside the funnel limits: {r[3]}." if r[3] != NO_FUNNEL else "No funnel plot.")
            for r in rows
        ],
    }


TAU2_SCALE = {"PR": "on the arcsine square-root scale", "SR": "on the log scale", "RC": "on the log scale"}


def funnel_words(f: pd.DataFrame, polarity: str | None = None) -> str:
    """What a funnel plot shows, in words: whether and how much its limits were widened for
    over-dispersion (phi, tau2, the limits with and without the allowance at the median council),
    and the councils outside them, named with their figures, each side said better or worse where
    ``polarity`` ("higher", "lower") gives a better direction."""

    a = f.attrs
    what = {"PR": f"each council's {a['y_title'][0].lower() + a['y_title'][1:]}, against its number of {a['counts']}",
            "SR": f"each council's {a['y_title'][0].lower() + a['y_title'][1:]}, against the {a['counts']}"}.get(
        a["data_type"], f"each council's figure against {a['x_title'][:1].lower() + a['x_title'][1:]}")  # fmt: skip
    if a["data_type"] == "SR" and a.get("scotland_rate"):
        what += f" (Scotland's rate: {1000 * a['scotland_rate']:,.1f} per 1,000 people aged 75 and over)"
    words = [f"The funnel plot shows {what}, {a['year']}; the centre line is {a['centre_label']}."]
    if a.get("scotland") and f"{a['scotland']['value']:,.1f}" != f"{a['centre']:,.1f}":
        words.append(centre_not_scotland(a))
    if a["adjusted"]:
        w = funnel_widening(f)
        words.append(
            f"The councils differ from one another far more than chance alone would explain, so the limits are "
            f"widened to allow for the usual variation between councils (the methods note says how): at "
            f"{w['council']}'s {w['x']:,.0f} {a['counts']}, the 99.8% limits run from {w['lower']:,.1f} to "
            f"{w['upper']:,.1f}, against {w['plain_lower']:,.1f} to {w['plain_upper']:,.1f} from chance alone "
            f"({w['times']:,.1f} times as wide)."
        )  # fmt: skip
        if w["lower"] <= a["centre"] / 2 or w["upper"] >= 2 * a["centre"]:
            words.append(too_wide_words(w, a))
    else:
        words.append(
            "The councils differ from one another no more than chance would explain, so the limits are not widened."
        )
    limits = "the widened 99.8% limits" if a["adjusted"] else "the 99.8% limits"
    said = []
    for side, words_side in (("above", "above the centre"), ("below", "below the centre")):
        o = f[f["outside"] == side].sort_values("y", ascending=side == "below")
        if len(o):
            if polarity in ("higher", "lower"):
                words_side += f" ({side_word(side, polarity)}: {polarity} is better)"
            said.append(
                f"{words_side}: "
                + ", ".join(f"{r.council_name} ({figure_words(r.value, r.y, a)})" for r in o.itertuples())
            )
    words.append(f"Outside {limits}, " + "; ".join(said) + "." if said else f"No council is outside {limits}.")
    return " ".join(words)


def too_wide_words(w: dict, a: dict) -> str:
    """The warning a funnel's limits need when widened to half or double the centre or beyond
    (``funnel_widening``'s ``w``): at this width only extreme councils can be outside, and how
    far from the centre a council of the median's size would have to be (COMMITTEE-8 #11: SW8's
    99.8% limits ran from 23.2 to 431.7% of the expected, and a council at 4 times Scotland's
    rate would have been "within")."""
    lead = "At this width the plot can flag only extreme councils: "
    if a["data_type"] == "SR" and a.get("scotland_rate"):
        rate, unit = 1000 * a["scotland_rate"], " per 1,000" if a.get("unit") == "rate" else ""
        low, high = w["lower"] / a["centre"], w["upper"] / a["centre"]
        said = lambda r: f"{r:.1f} times" if r >= 2 else f"{100 * r:.0f}% of"  # noqa: E731
        noun = a["counts"].removesuffix("expected").strip() or "figures"
        return (f"{lead}at {w['council']}'s size, a council is outside only if its {noun} are under {said(low)} "
                f"those expected or over {said(high)} those expected (under {low * rate:,.1f} or over "
                f"{high * rate:,.1f}{unit}, against Scotland's {rate:,.1f}).")  # fmt: skip
    return (f"{lead}at {w['council']}'s size, a council is outside only under {w['lower']:,.1f} or over "
            f"{w['upper']:,.1f}, against the centre's {a['centre']:,.1f}.")  # fmt: skip


def centre_not_scotland(a: dict) -> str:
    """Why a funnel's centre is not Scotland's published figure printed on the page before it."""
    s = a["scotland"]
    why = ""
    if s["extra"] and s["events"] and s["extra"][0] > 0:
        why = (f": Scotland's counts include {s['extra'][0]:,.0f} {s['events']} and {s['extra'][1]:,.0f} {s['counts']} "
               "that no council's figure counts")  # fmt: skip
    return (
        f"It is not Scotland's published figure ({s['value']:,.1f}){why}. The limits are worked out around the "
        "councils' counts added together, so that they fit the councils plotted."
    )


def funnel_method(f: pd.DataFrame, title: str) -> str:
    """For the methods note at the end of the report: how one funnel plot's limits were worked
    out, with the statistics its reading pages put in plain words (phi, tau2, the scale)."""
    a = f.attrs
    if a["adjusted"]:
        return (f"{title}: dispersion ratio φ = {a['phi']:,.1f} (1 when chance explains all the variation); "
                f"between-council variance τ² = {a['tau2']:.2g} {TAU2_SCALE[a['data_type']]}, added to "
                "widen the limits.")  # fmt: skip
    return f"{title}: dispersion ratio φ = {a['phi']:.2f}, no more than chance: limits not widened."


def quartile_matrix_view(pos: pd.DataFrame) -> dict:
    """Councils by indicator: each cell the quartile as a number and a shape (1 best)."""

    m = quartile_matrix(pos)
    years = pos.drop_duplicates("lgbf").set_index("lgbf")["period"]
    rows = [
        {
            "council": council,
            "cells": [None if pd.isna(q) else {"q": int(q)} for q in r],
        }
        for council, r in m.iterrows()
    ]
    columns = [{"code": c, "year": Period.parse(years[c]).label} for c in m.columns]
    return {"columns": columns, "rows": rows, "quartiles": [1, 2, 3, 4]}


def family_groups_view(pos: pd.DataFrame) -> dict:
    """Per family group, its councils, and per indicator the group taken together (``family_figures``)."""

    fm = family_figures(pos)
    groups = fm.drop_duplicates("family_group").sort_values("family_group")

    first = pos.drop_duplicates("lgbf").set_index("lgbf")  # each indicator's unit, Scotland's figure and prices
    med = fm.pivot(index="lgbf", columns="family_group", values="value").reindex(list(dict.fromkeys(pos["lgbf"])))

    def row(code: str, r: pd.Series) -> dict:
        unit, prices = first.at[code, "unit"], price_label(first.at[code, "price_year"])
        d = lgbf_decimals(unit, first.at[code, "scotland_value"], r)
        return {
            "label": f"{code}: {first.at[code, 'title']}"
            + (f" ({prices})" if prices else ""),  # named (COMMITTEE-8 #12)
            "cells": [{"text": fmt_value(v, unit, d)} for v in r],
        }

    return {
        "groups": [{"number": int(r.family_group), "councils": r.councils} for r in groups.itertuples()],
        "columns": [f"Group {int(c)}" for c in med.columns],
        "rows": [row(code, r) for code, r in med.iterrows()],
    }
