"""A measure's SPC chart with its icons, as plain data for the shared macros: the variation and
the assurance in words, the chart drawn for half a landscape page, and a caption that says why a
cost's real-terms chart ends where it does and which periods a gap leaves out. The quarterly
report's measures needing attention and the measure explorer both show it.
"""

from __future__ import annotations

import pandas as pd

from ..charts import spc_chart
from ..charts.base import short_label
from ..formatting import fmt_value
from ..icons import icons_view
from ..measure_spc import spc_target_words
from ..national import price_label
from ..periods import Period
from ..sustained import earlier_brief, sustained_brief


def spc_title(title: str, chart: pd.DataFrame) -> str:
    """A cost's SPC chart names its prices in its title (and so its axis, alt text and caption)."""
    prices = price_label(chart.attrs.get("price_year"))
    return f"{title}, real terms ({prices})" if prices else title


def real_terms_end(chart: pd.DataFrame) -> str:
    """Why a cost's real-terms SPC chart ends where it does, in a reader's words ("" for any other
    chart): before its price year, the LGBF has no figure for that year (its workbook of January
    2022 gives CHN8a and CHN8b for 2020/21 as "dna": the councils' spending, not yet the children
    looked after); at its price year, the LGBF has no later year at those prices."""
    py = chart.attrs.get("price_year")
    if not py or "period" not in chart:
        return ""
    last, prices = Period.parse(chart["period"].iloc[-1]), Period.parse(py)
    if last.end_key() < prices.end_key():
        return (
            f" It ends in {last.label} because the LGBF has published no figure for this cost after {last.label}, "
            f"though its figures are at {prices.label} prices: there is no {prices.label} point to chart yet."
        )
    return (
        f" It ends in {last.label}: the figures the LGBF gives at {prices.label} prices go no further, and figures of later "
        "years are not adjusted for inflation to the same prices."
    )


def spc_view(chart: pd.DataFrame, title: str, unit: str, decimals: int, target=None, annual=None,
             draw: bool = True) -> dict:  # fmt: skip
    """A measure's SPC chart with its icons (variation, and assurance against its target), as the
    quarterly report's measures needing attention and the measure explorer both show them (the
    chart drawn for half a landscape page, where it prints beside the measure's years). A cost's
    chart is in real terms (``attrs["price_year"]``): its title names its prices (``spc_title``)
    and it has no target, which is set in cash. ``draw=False``: the icons only (``"chart"`` None),
    where a report gives the chart's reading and not the chart."""
    a = chart.attrs
    cash_target = None
    if a.get("price_year"):
        title, target, cash_target = spc_title(title, chart), None, target
    # a share of the year's target (``annual``) labelled as one, and the assurance says it tests that
    kind = Period.parse(chart["period"].iloc[-1]).kind if "period" in chart and len(chart) else "year"
    shared = spc_target_words(target, annual, unit, decimals, kind)
    icons = spc_icons(chart, a, shared, cash_target, unit, decimals)
    if not draw:
        return {"icons": icons, "chart": None}
    view = spc_chart(chart, title, unit, decimals, target, half=True, target_label=shared and shared[0], phone=True)
    view = view.view()  # and drawn for a phone (COMMITTEE-8 #18)
    if shared:
        view["caption"] += f" The target line is {shared[1]}."
    view["caption"] += real_terms_end(chart)  # a cost's chart: why its real-terms series ends where it does
    if a.get("gap_before"):  # the periods before a gap are left out, and the reader is told which (``long_trend``)
        missing = a["missing"]
        view["caption"] += (
            f" Charted from {chart['label'].iloc[0]} only: there {'is' if missing.startswith('no figure ') else 'are'} "
            f"{missing}, and process limits are not worked out across missing periods."
        )
    return {"icons": icons, "chart": view}


def spc_icons(chart: pd.DataFrame, a: dict, shared, cash_target, unit: str, decimals: int) -> list[dict]:
    """``spc_view``'s icons: the variation and the assurance, in words."""
    # over a sustained rise or fall the limits describe no stable period: nor do they say whether the target will be
    # met (COMMITTEE-11 #5: D&G's self-directed support, "will be missed consistently", and readmissions, "may or may
    # not be met: it lies within the process limits", beside a caption saying those limits describe no stable period)
    sustained = a.get("sustained") in ("rise", "fall") and a.get("assurance")
    icons = icons_view(a.get("variation"), None if sustained else a.get("assurance"), a.get("improvement", "increase"))
    if sustained:
        icons[1]["words"] = (
            f"Assurance not judged: over a sustained {a['sustained']} the process limits describe no stable period to "
            "test the target against"
        )
    if a.get("sustained"):  # the latest point's reading, within a rise or fall over the whole run (COMMITTEE-5 #4)
        icons[0]["words"] += sustained_brief(chart)
    icons[0]["words"] += earlier_brief(
        chart, short_label
    )  # the latest point's, where earlier points are special causes
    if shared and a.get("assurance") and not sustained:
        icons[1]["words"] += f" (the target tested: {shared[1]})"
    if cash_target is not None and not pd.isna(cash_target):  # why a cost's assurance cannot be judged
        icons[1]["words"] = (
            f"Assurance not judged: the {fmt_value(cash_target, unit, decimals)} target is in cash, this chart in real "
            f"terms ({price_label(a['price_year'])})"
        )
    return icons
