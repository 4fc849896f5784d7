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
# # Quarterly performance report
#
# Analysts: change the parameters below and run all cells. The rendered report (`swreport run quarterly …`)
# shows only the outputs; cells tagged `remove_cell` (like this one) are left out.

# %% tags=["parameters"]
council = "south-lanarkshire"
period = "2021-22-Q2"
audience = "internal"
data = None

# %%
import swlib
from swlib import sections as s
from swlib import trends
from swlib.config import council_settings

ds = swlib.load(data)
P = swlib.Period.parse(period)
perf = swlib.performance(ds, council, P, audience=audience)
acts = swlib.actions(ds, council, P)
summary = swlib.status_summary(perf)
perf["sentence"] = trends.describe(perf, ds, council, P)

# %%
s.quarterly_title(council_settings(council).service, P) + s.banner(ds.is_synthetic(council))

# %%
(
    s.heading(2, "1. Summary of measures", "summary")
    + s.summary_table(summary, f"Status of measures by theme, {P.label}")
    + s.status_summary_chart(summary, "measures")
)

# %% [markdown]
# ## 2. How to read the tables
#
# Each table shows, for one outcome, the measures the service reports against it. **This year** gives the
# status, the target and the position *to date*: the year from April to the end of the quarter, added up
# (counts and percentages of cases) or as at the end of the quarter (snapshots). Where a target is for the
# whole year, the target to date is the same share of it. Measures counted only once a year show their
# latest year, marked *latest available*. **Last 3 years** gives the whole-year figures. Status is worked
# out from the figures as shown, rounded as printed; an officer's own assessment is marked as such.

# %%
s.status_legend()

# %%
s.heading(2, "3. Performance by theme", "performance") + s.performance_by_theme(perf, number=3)

# %%
(
    s.heading(2, "4. Measures needing attention", "attention")
    + s.paragraph(
        "Measures with a Red or Amber status: the last three years, this year to date, and the longer run of periods."
    )
    + s.attention_section(ds, council, perf, P)
)

# %%
action_summary = swlib.status_summary(acts)
(
    s.heading(2, "5. Summary of actions", "actions")
    + (
        s.summary_table(action_summary, f"Status of actions by theme, {P.label}") + s.actions_tables(acts, number=5)
        if len(acts)
        else s.no_data("action", P.label)
    )
)

# %%
s.heading(2, "6. How we compare", "benchmarking") + s.benchmark_section(ds, council, P)

# %%
s.heading(2, "Glossary", "glossary") + s.glossary()

# %%
s.heading(2, "Data sources", "sources") + s.suppression_note(audience) + s.provenance(ds, council)
