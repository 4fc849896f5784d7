"""The quarterly performance report's own sections, as plain data for their templates
(``swlib/templates/quarterly/``): the council's landscape, each measure needing attention (its
SPC chart and icons, or its last years) and how the council compares (LGBF benchmarking)."""

from __future__ import annotations

import math

import pandas as pd

from ..base import TREND_ARROWS
from ..benchmarking import ordinal
from ..briefing import by_severity, needing_attention
from ..charts import benchmark_charts, trend_chart
from ..formatting import fmt_value, lgbf_decimals, slug
from ..hidden import suppressed_columns
from ..measure_series import series_once
from ..measure_spc import long_trend, no_spc_reason, spc_against_trend, spc_points_hidden, spc_target
from ..narrative import comment_html
from ..national import price_label, real_terms_benchmark
from ..periods import Period
from ..quarter_alone import quarter_alone
from ..rag import by_the_figures
from ..rows import records
from .sources import benchmark_sources
from .spc import spc_view
from .tables import no_data_text


def landscape_text(ds, council: str) -> str | None:
    row = ds.councils.set_index("council").loc[council]
    pop = row.get("population")
    if pop is None or pd.isna(pop):
        return None
    return f"{row['name']} serves a population of about {int(pop):,}."


def prices_by_figure(panel: pd.DataFrame) -> pd.Series:
    """Each figure's price year in a ``real_terms_benchmark`` panel, by (lgbf, council, period),
    for ``cost_prices`` / ``benchmark_row``."""
    return panel.set_index(["lgbf", "council", "period"])["price_year"]


def cost_prices(price_years: pd.Series, r: dict) -> str:
    """ "£ at 2020/21 prices": the LGBF's price year where the panel has a real-terms figure,
    else the figure's own year (a cash figure is at its own year's prices)."""

    py = price_years.get((r["lgbf"], r["council"], r["period"]))
    return price_label(py) or price_label(r["period"])


def priced(r: dict) -> dict:
    """A cost's row with its prices in its title, for the chart of its years (``prices.price_basis``)."""
    return {**r, "title": f"{r['title']} ({r['prices']})"} if r.get("prices") else r


def attention_view(ds, council: str, perf: pd.DataFrame, period: Period, statuses=("Red", "Amber")) -> dict:
    """Each measure needing attention: its sentence, and its SPC chart with icons (enough periods;
    in a public report, only where no figure behind it is suppressed: ``public_spc``) or its last
    years (``{"parts": [...]}``, one per measure)."""

    sel = needing_attention(perf, statuses)
    years = perf.attrs.get("years", [])
    parts = []
    for r in by_severity(records(sel)):  # in page 1's order: Red first, the worsening first
        part = {"id": f"attention-{slug(r['measure'])}", "title": r["title"], "sentence": r.get("sentence") or None,
                "icons": None, "chart": None, "years_chart": None, "comment": comment_html(r.get("comment")) or None,
                "status": r["status"], "status_source": r.get("status_source"), "by_figures": by_the_figures(r),
                "alone": None}  # fmt: skip
        chart, target = spc_chart_of(ds, council, r, period)
        public = perf.attrs.get("audience") == "public"
        shown = public_spc_of(ds, council, r, period) if public and chart is not None else "chart"
        if chart is not None and shown:  # "verdict": the icons only, the chart not drawn (the years' chart instead)
            part.update(spc_view(chart, r["title"], r["unit"], int(r["decimals"]), target, r.get("annual_target"),
                                 draw=shown == "chart"))  # fmt: skip
            if part["chart"] is not None:
                part["chart"]["caption"] += spc_beside_the_table(chart, r)
            both = arrow_against_spc(chart, r)  # the arrow and the SPC told as one thing, at the SPC's icon
            if both:
                part["icons"][0]["words"] = both
            if years_drawn(r):  # beside it, printed side by side: the last years and this year
                part["years_chart"] = trend_chart(priced(r), years, period.label).view()
            if shown == "verdict":  # single quarters or months, public: what the chart shows, said; the years drawn
                part["chart"], part["years_chart"] = part["years_chart"], None
        elif years_drawn(r):  # too few periods for SPC, or small numbers in it: the years and this year
            part["chart"] = trend_chart(priced(r), years, period.label).view()
        # the quarter on its own beside the year to date, where they differ; in public, without a single
        # quarter's figure (not printed: public_spc), and only where its chart's reading is given
        if not public or shown == "verdict":
            series = series_once(ds, council, r["measure"], period)
            part["alone"] = quarter_alone(series, r, period, figures=not public)
        points = None if chart is None or shown == "chart" else Period.parse(chart["period"].iloc[-1]).kind
        part["withheld"] = withheld_chart_words(part, points, public)
        if chart is None and not part["withheld"]:  # every measure without an SPC chart says why
            part["withheld"] = no_spc_reason(ds, council, r["measure"], r.get("period_shown") or period)
        parts.append(part)
    spc = any(p["icons"] for p in parts)
    lead = "Measures with a Red or Amber status, Red first and the worsening first, as on page 1: " + (
        "the last three years and this year to date and, where there are enough periods, a statistical process "
        "control (SPC) chart of the longer run of periods."
        if spc and not any(p["icons"] and p["withheld"] for p in parts)
        else "the last three years and this year to date and, where there are enough periods, what a statistical "
        "process control (SPC) chart of the longer run of periods shows (the chart itself where it would show no "
        "small number)."
        if spc
        else "the last three years and this year to date."
    )
    return {"parts": parts, "lead": lead}


def years_drawn(r: dict) -> bool:
    """Whether a measure's last years and this year to date are charted: wherever this year's figure
    is printed, its suppressed figures ([c]) left out of the chart as the table leaves them out
    (``trend_chart`` draws no bar for them and labels them [c]). COMMITTEE-11 #6: D&G's public
    paper said "Chart not shown: it would show small numbers" under permanence within 26 weeks,
    whose 70.8% and earlier years print in its table, where only last year's figure is [c]."""
    return "to_date" not in suppressed_columns(r)


def spc_chart_of(ds, council: str, r: dict, period: Period) -> tuple[pd.DataFrame | None, float | None]:
    """The SPC chart of a row's measure to the period it shows, held to its target (``long_trend``,
    ``spc_target``), and that target: worked out once per data set, council, measure, period and
    target, for ``spc_against_trends`` and ``attention_view``, which chart the same measures and
    only read it."""
    target = spc_target(ds, r)
    at = r.get("period_shown") or period
    key = ("long_trend", *_chart_key(council, r, at, target))
    if key not in ds.memo:
        ds.memo[key] = long_trend(ds, council, r["measure"], at, target=target)
    return ds.memo[key], target


def _chart_key(council: str, r: dict, at, target) -> tuple:
    """What a row's SPC chart is worked out from, as a memo key: the council, the measure, the
    period it shows and the target, a target with no figure (None, NaN) as None (NaN is never
    equal to itself: a key holding one would never be found again)."""
    no_target = target is None or (isinstance(target, float) and math.isnan(target))
    return council, r["measure"], str(Period.parse(at)), None if no_target else float(target)


def spc_against_trends(ds, council: str, perf: pd.DataFrame, period: Period) -> pd.Series:
    """For each measure section 4 shows an SPC chart of (``attention_view``: needing attention; in
    a public report, where ``public_spc``), whether the chart's latest point says the opposite of
    the row's trend (``measure_spc.spc_against_trend``: "concern", "improvement"); None for every other
    row. The performance tables' trend cells say both (``perf["spc_against"]``,
    ``measure_spc.trend_cell_words``)."""
    out = pd.Series(None, index=perf.index, dtype=object)
    public = perf.attrs.get("audience") == "public"
    sel = needing_attention(perf)
    for i, r in zip(sel.index, records(sel), strict=True):
        if r.get("trend") not in ("improving", "worsening"):
            continue  # nothing an SPC point could contradict
        chart = spc_chart_of(ds, council, r, period)[0]
        if chart is not None and public and not public_spc_of(ds, council, r, period):
            continue  # nothing said of it in public: nothing to contradict
        out[i] = spc_against_trend(chart, r)
    return out


def public_spc_of(ds, council: str, r: dict, period: Period) -> str | None:
    """``public_spc`` of a row's ``spc_chart_of`` (None where it has none): worked out once per data
    set, council, measure, period, target and whether the row has a figure suppressed, for
    ``spc_against_trends`` and ``attention_view``, which ask it of the same measures."""
    chart, target = spc_chart_of(ds, council, r, period)
    if chart is None:
        return None
    key = ("public_spc", *_chart_key(council, r, r.get("period_shown") or period, target), bool(r.get("suppressed")))
    if key not in ds.memo:
        ds.memo[key] = public_spc(ds, council, r, chart)
    return ds.memo[key]


def public_spc(ds, council: str, r: dict, chart: pd.DataFrame) -> str | None:
    """What a public report shows of a measure's SPC chart where none of the row's figures is
    suppressed and no point of the chart is a figure that would be (``measure_spc.spc_points_hidden``):
    a chart of years, the years its tables print, as the internal report does ("chart"); a chart
    of single quarters or months, its icons and the verdict the trend cell repeats but not the
    chart ("verdict"), since a single period's counts beside other measures' could give a small
    number away that the year-to-date figures do not. None for nothing. D&G 2023/24 Q2's public
    paper said readmissions were "↑ improving" and dropped the "special cause: concern" its
    internal paper led with, for rates per 1,000 discharges that disclose nothing (COMMITTEE-5 #1)."""
    if r.get("suppressed") or spc_points_hidden(ds, council, r["measure"], chart, int(r["decimals"])):
        return None
    return "chart" if Period.parse(chart["period"].iloc[-1]).kind == "year" else "verdict"


def withheld_chart_words(part: dict, points: str | None, public: bool) -> str | None:
    """One line in place of a chart a public report leaves out, so that its absence is not read as
    an oversight (D&G 2023/24 Q2: permanence within 26 weeks, last year's figure suppressed, has no
    chart). ``points``: the kind of period the SPC chart left out would plot ("quarter", "year"),
    None where there is none or it is shown."""
    if not public:
        return None
    if part["chart"] is None:
        return "Chart not shown: it would show small numbers."
    if not points:
        return None
    if points == "year":  # a chart of years is drawn in public unless a year's figure is small
        return "Statistical process control chart not shown: it would show small numbers."
    # single quarters or months are never charted in public: one reason, whatever else is withheld
    # (SL 2021/22 Q2 gave CJSW reports "it would show small numbers" beside this for two other
    # measures of the same kind of counts, COMMITTEE-9 #3); where a point is a small number, its
    # reading is not given either, and the line says that too
    why = (
        f"Statistical process control chart not shown: a public report does not chart single "
        f"{ {'half': 'half-years'}.get(points, points + 's') } on their own, where numbers can be small; "
    )
    if part["icons"]:  # its reading is given, the chart of single periods is not
        return why + "what the chart shows is said above."
    each = {"half": "half-year"}.get(points, points)
    return why + f"here some {each}s' own figures would give a small number away, so what it shows is not said either."


def spc_beside_the_table(chart: pd.DataFrame, r: dict) -> str:
    """What the SPC chart shows that its measure's row could be taken to contradict, said under
    the chart: a cost's chart in real terms ending before the cash figures printed beside it
    (its last point is not the latest figure). A latest point that is a special cause one way
    where the trend arrow points the other is said once, at the SPC icon (``arrow_against_spc``)."""
    last, words = chart.iloc[-1], ""
    shown = Period.parse(r.get("period_shown") or last["period"])
    if chart.attrs.get("price_year") and Period.parse(last["period"]).end_key() < shown.end_key():
        words += (  # why it ends there is said by spc_view (real_terms_end)
            f" The figures for later years, to {shown.label}, are the council's own in cash and are not charted with "
            "the real-terms figures of the LGBF (inflation would show as special cause), so the last point is not the latest "
            "figure."
        )
    return words


def arrow_against_spc(chart: pd.DataFrame, r: dict) -> str | None:
    """One explanation where the row's trend arrow (this year against the same point last year)
    points one way and the SPC chart's latest point is special cause the other (D&G 2023/24 Q2
    readmissions: "↑ improving" beside "Special cause variation: concern" and a Red status), said
    in place of the SPC icon's bare words, so that the reader is not given two labels that seem to
    conflict; None where they agree."""
    last = chart.iloc[-1]
    f = lambda v: fmt_value(v, r["unit"], int(r["decimals"]))  # noqa: E731
    concern = spc_against_trend(chart, r)
    if concern is None:
        return None
    against = r["trend"]
    where = (
        f"{'above the upper' if last['value'] > last['upl'] else 'below the lower'} process limit "
        f"({f(last['upl'] if last['value'] > last['upl'] else last['lpl'])})"
        if last.get("outside_limits")
        else "in a run or trend marked as special cause"
    )
    points = {"year": "years", "half": "half-years", "quarter": "quarters", "month": "months"}.get(
        Period.parse(last["period"]).kind, "periods"
    )
    since = f" (from {f(r['last_year'])})" if pd.notna(r.get("last_year")) else ""
    direction = chart.attrs.get("sustained")
    if direction in (
        "rise",
        "fall",
    ):  # no usual level to be back to: its limits describe no stable period (COMMITTEE-11
        # #4: D&G readmissions, "not back to the usual level of the longer run" above a caption saying there is none)
        better = "better" if concern == "concern" else "worse"
        return (
            f"Special cause variation ({concern}) at the latest point ({f(last['value'])}, {last['label']}), within a "
            f"sustained {direction} over {chart['label'].iloc[0]} to {last['label']}: no stable period. The arrow in the "
            f"table ({TREND_ARROWS[against]} {against}) is the change on the same point last year only{since}: {better} "
            f"than last year, within a {direction} over the longer run."
        )
    verdict = (
        "better than last year, but not back to the usual level of the longer run"
        if concern == "concern"
        else "worse than last year, but still better than the usual level of the longer run"
    )
    return (
        f"Special cause variation ({concern}) over the longer run of {points}: the latest point "
        f"({f(last['value'])}, {last['label']}) is {where}. The arrow in the table ({TREND_ARROWS[against]} {against}) "
        f"is the change on the same point last year only{since}: {verdict}."
    )


def not_compared_reason(r: dict) -> str:
    """Why a council's LGBF figure is not called better, similar or worse than Scotland's."""
    if pd.isna(r.get("value")):
        return "not compared: no figure"
    if r.get("unit") == "currency":
        return "not compared: a cost is not a count of people or events, so chance cannot be allowed for"
    if pd.isna(r.get("numerator")) or pd.isna(r.get("denominator")):
        return "not compared: the LGBF publishes no counts of people or events behind this figure"
    return "not compared: the figure is not a percentage or a rate of counted events"


def comparison_note(recs: list[dict]) -> str:
    """What the benchmarking page compares with Scotland and what it cannot, counted from its rows:
    only a figure built from counts the LGBF publishes has a 95% interval to test Scotland's figure
    against (D&G 2020/21: SW6 and SW8 of 17); the others are ranked among the councils, and the
    reader is told so before the charts, not promised a comparison the page does not give."""
    n, said = len(recs), []
    done = [r for r in recs if r["comparison"] != "not compared"]
    codes = " and ".join(filter(None, [", ".join(r["lgbf"] for r in done[:-1]), done[-1]["lgbf"] if done else ""]))
    if done:
        found = pd.Series([r["comparison"] for r in done]).value_counts()
        verdict = ", ".join(f"{k} {v}" for v, k in found.items())
        said.append(
            f"Compared with Scotland, allowing for chance: {len(done)} of these {n} indicators ({codes}), where the LGBF "
            "publishes the counts of people or events behind the figure, so that its 95% confidence interval can be "
            f"worked out (the glossary says how) and set against Scotland's figure: {verdict}."
        )
    else:
        said.append(f"None of these {n} indicators is compared with Scotland, allowing for chance.")
    why = [not_compared_reason(r).removeprefix("not compared: ") for r in recs if r["comparison"] == "not compared"]
    short = {
        "a cost is not a count of people or events, so chance cannot be allowed for": (
            "a cost, not a count of people or events", "costs, not counts of people or events"),
        "the LGBF publishes no counts of people or events behind this figure": (
            "a percentage with no published counts behind it, so no confidence interval",
            "percentages with no published counts behind them, so no confidence interval"),
    }  # fmt: skip
    if why:
        counted = pd.Series(why).value_counts()
        groups = "; ".join(
            f"{k} {'is' if k == 1 else 'are'} {short.get(w, (w, w))[k != 1]}" for w, k in counted.items()
        )
        said.append(
            f"The other {len(why)} are ranked among the 32 councils and printed beside Scotland's figure, but not "
            f"tested ({groups}): the table says why for each. The charts show where we rank, not the comparison."
        )
    return " ".join(said)


def benchmark_decimals(r: dict) -> int:
    """The decimals a council's LGBF figure is printed to, as the chart beside the table prints it
    (its own, its family group's and Scotland's figures alike)."""
    return lgbf_decimals(r["unit"], r["scotland_value"], [r["value"], r["family_value"]])


def benchmark_row(r: dict, price_years: pd.Series) -> dict:
    """One council's row of ``real_terms_benchmark`` as the report's benchmarking table prints it
    (the measure explorer prints the same): a cost in real terms with its prices named."""
    d = benchmark_decimals(r)
    ci = (
        ""
        if pd.isna(r["lower"])
        else f" ({fmt_value(r['lower'], r['unit'], d)} to {fmt_value(r['upper'], r['unit'], d)})"
    )
    return {
        "indicator": f"{r['lgbf']}: {r['title']}" + (f" ({cost_prices(price_years, r)})" if r["unit"] == "currency" else ""),
        "year": Period.parse(r["period"]).label,
        "value": fmt_value(r["value"], r["unit"], d) + ci,
        "rank": "–" if pd.isna(r["rank"]) else f"{ordinal(r['rank'])} of {int(r['of'])}",
        "quartile": "–" if pd.isna(r["quartile"]) else f"{int(r['quartile'])}",
        "family": fmt_value(r["family_value"], r["unit"], d), "scotland": fmt_value(r["scotland_value"], r["unit"], d),
        "comparison": r["comparison"] if r["comparison"] != "not compared" else not_compared_reason(r),
    }  # fmt: skip


def benchmark_view(ds, council: str, period: Period) -> dict:
    """The council's position among all Scottish councils on each LGBF indicator."""

    panel, b = real_terms_benchmark(ds, period)  # a cost in real terms, as the SPC chart of the same cost
    py = prices_by_figure(panel)
    mine = b[b["council"] == council]
    if mine.empty:
        return {"none": no_data_text("benchmarking", period.label)}
    year = Period.parse(b.attrs["period"])
    rows = [benchmark_row(r, py) for r in records(mine)]
    sources = benchmark_sources(ds)
    lead = (
        "The Local Government Benchmarking Framework (LGBF) publishes the same indicators for all 32 Scottish councils. "
        + (f"Figures: {'; '.join(sources)}. " if sources else "")
        + (f"Latest benchmarking year available: {year.label}." if year.fy != period.fy else "")
    )
    note = comparison_note(records(mine)) + (
        " Scotland is the figure the Improvement Service publishes "
        "for Scotland as a whole. Family group is the councils of our LGBF family group taken together: their counts "
        "added up where the LGBF publishes counts, otherwise the average (mean) of their figures."
    )
    # two panels a row on a phone's screen, shown at its width: their text 11 px or more (three a row, at one pixel
    # a point, was 9 px: COMMITTEE-8 #18; six a row need two screens)
    prices = {r["lgbf"]: cost_prices(py, r) for r in records(mine) if r["unit"] == "currency"}  # each cost's
    screen, phone, paper = benchmark_charts(b, council, [(6, False), (2, False), (6, True)], prices)
    chart = dict(screen.view(), narrow=phone.view()["src"], phone=True, print=paper.view()["src"])
    return {"none": None, "lead": lead.strip(), "rows": rows, "note": note, "chart": chart}
