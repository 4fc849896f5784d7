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

# %% tags=["parameters"]
council = "scotland"
period = "2019-20"
audience = "public"
data = None
councils = ""  # comma-separated council ids to show (blank: all 32); the ranking is always of all 32

# %%
import swlib
from swlib import national
from swlib import sections as s

ds = swlib.load(data)
P = swlib.Period.parse(period).year_period
pos = national.positions(ds, P, councils=[c for c in councils.split(",") if c] or None)
codes = list(dict.fromkeys(pos["lgbf"]))
latest = swlib.Period.parse(pos.attrs["period"])
sources = s.benchmark_sources(ds)

# %%
(
    s.Fragment(f'<h1 id="title">Social work across Scotland: national overview, {P.label}</h1>')
    + s.banner(bool(ds.benchmarks["source"].fillna("").str.lower().str.startswith("synthetic").any()))
)

# %%
(
    s.heading(2, "1. About this report", "about")
    + s.paragraph(
        "The Local Government Benchmarking Framework (LGBF) brings together the same measures for all 32 Scottish "
        "councils, so that each can see how it compares with Scotland and with councils like it. This report sets out "
        "the social work and children's services measures: Scotland's figure over the years, where every council "
        f"stands, and which councils differ from Scotland by more than chance would explain. Latest year available: "
        f"{latest.label}."
    )
    + s.paragraph(f"Figures: {'; '.join(sources)}. They are published statistics, shown as published.")
    + s.paragraph(
        "Rank 1 is the best council on the measure: the highest where higher is better, the lowest where lower is "
        "better (for costs, the lowest). Councils with equal figures share a rank. Quartile 1 is the best quarter of "
        "councils. Family groups put together councils with similar levels of deprivation (1 most deprived, 4 least)."
    )
)

# %%
out = s.heading(2, "2. Adult social care", "adults")
for i, code in enumerate([c for c in codes if national.domain(c) == "Adult social care"], start=1):
    out += s.national_indicator_section(ds, code, P, pos, f"2.{i}")
out

# %%
out = s.heading(2, "3. Children's services", "children")
for i, code in enumerate([c for c in codes if national.domain(c) == "Children's services"], start=1):
    out += s.national_indicator_section(ds, code, P, pos, f"3.{i}")
out

# %%
s.heading(2, "4. Every council on every measure", "matrix") + s.quartile_matrix_table(pos)

# %%
s.heading(2, "5. Family groups", "families") + s.family_groups_table(pos)

# %%
s.heading(2, "Glossary", "glossary") + s.glossary()

# %%
s.heading(2, "Data sources", "sources") + s.paragraph(f"{'; '.join(sources)}.")
