# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown] tags=["remove_cell"]
# # Social work across Scotland: national overview
#
# Analysts: change the period and run all cells. Every figure comes from the LGBF panel
# (`benchmarks.csv`, made by `swreport import lgbf` from the Improvement Service's workbook).
# Each cell puts one section's figures in `report`; the last cell lays them out with the
# report's template (`swlib/templates/national/report.html.j2`).

# %% tags=["parameters"]
council = "scotland"
period = "2019-20"
audience = "public"
data = None
councils = ""  # comma-separated council ids to show (blank: all 32); the ranking is always of all 32

# %% tags=["reads:benchmarks"]
import swlib
from swlib import national
from swlib import views as s

ds = swlib.load(data)
P = swlib.Period.parse(period).year_period
only = [c for c in councils.split(",") if c]
pos = national.positions(ds, P, councils=only or None)
codes = list(dict.fromkeys(pos["lgbf"]))
report = {
    "period": P,
    "synthetic": bool(ds.benchmarks["source"].fillna("").str.lower().str.startswith("synthetic").any()),
    "issue": s.national_issue_view(),  # page 1: the issue date and who publishes the figures
    "about": {
        "latest": s.report_year_words(ds, swlib.Period.parse(pos.attrs["period"])),
        "sources": s.benchmark_sources(ds),
        "only": sorted(pos["council_name"].unique()) if only else [],
    },
}

# %% tags=["remove_cell"]
# working view: every council's value, rank and quartile on every indicator
pos.pivot_table(index="council_name", columns="lgbf", values="rank")

# %% tags=["section:adults", "reads:benchmarks"]
report["adults"] = {
    "parts": [
        s.national_indicator_view(ds, code, P, pos) for code in codes if national.domain(code) == "Adult social care"
    ]
}

# %% tags=["section:children", "reads:benchmarks"]
report["children"] = {
    "parts": [
        s.national_indicator_view(ds, code, P, pos) for code in codes if national.domain(code) == "Children's services"
    ]
}

# %% tags=["section:glance"]
report["glance"] = s.national_glance_view(report["adults"]["parts"] + report["children"]["parts"])

# %% tags=["section:matrix"]
report["matrix"] = s.quartile_matrix_view(pos)
report["families"] = s.family_groups_view(pos)
report["glossary"] = s.national_glossary_items()

# %% tags=["layout"]
swlib.report("national", report)
