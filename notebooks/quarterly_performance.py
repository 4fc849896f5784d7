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
# Analysts: change the parameters below and run all cells. Each cell works out one section's
# figures with swlib and puts them in `report`; the last cell lays them out with the report's
# template (`swlib/templates/quarterly/report.html.j2`, which lists the sections in order) and
# shows the report as the reader will see it. Cells tagged `remove_cell`, like this one, are
# for working and are left out of the rendered report.

# %% tags=["parameters"]
council = "south-lanarkshire"
period = "2021-22-Q2"
audience = "internal"
data = None

# %% tags=["reads:observations"]
import swlib
from swlib import charts, trends
from swlib import views as s
from swlib.briefing import briefing_view, counted
from swlib.printed_text import service_name
from swlib.published import read as published_record

ds = swlib.load(data, council=council)
P = swlib.Period.parse(period)
published = published_record(council) if audience == "public" else None  # what earlier public reports printed
perf = swlib.performance(ds, council, P, audience=audience, published=published)
acts = swlib.actions(ds, council, P, audience=audience, perf=perf)  # public: its text set against the table
summary = swlib.status_summary(counted(ds, council, perf))  # the measures page 1 counts, as its count line
perf["sentence"] = trends.describe(perf, ds, council, P)
perf["spc_against"] = s.spc_against_trends(ds, council, perf, P)  # a trend its SPC chart seems to contradict
report = {
    "service": service_name(council, audience),
    "period": P,
    "synthetic": ds.is_synthetic(council),
    "audience": audience,
    "issue": s.issue_view(council),  # page 1: the issue date and the report's owner
}

# %% tags=["remove_cell"]
# working view: every measure's status and figures this period
perf[["measure", "title", "status", "target", "to_date", "trend", "sentence"]]

# %% tags=["section:summary"]
report["summary"] = {
    "table": s.summary_view(summary, f"Status of measures by theme, {P.label}"),
    "chart": charts.status_chart(summary, "measures").view(),
}
report["legend"] = s.legend_view(council, perf)  # the tolerance in the council's figures
report["glance"] = briefing_view(ds, council, perf, P, audience, published)

# %% tags=["section:performance", "reads:observations"]
report["performance"] = s.performance_view(perf)

# %% tags=["section:attention", "reads:observations"]
report["attention"] = s.attention_view(ds, council, perf, P)

# %% tags=["section:actions", "reads:actions"]
report["actions"] = s.actions_view(acts, P.label)

# %% tags=["section:benchmarking", "reads:benchmarks"]
report["benchmarking"] = s.benchmark_view(ds, council, P)

# %% tags=["section:glossary", "reads:sources"]
report["glossary"] = s.glossary_items()  # the status key in section 2 gives the tolerance in figures
report["sources"] = s.sources_view(ds, council, audience, s.printed_rows(ds, council, P, perf, acts))

# %% tags=["layout"]
swlib.report("quarterly", report)
