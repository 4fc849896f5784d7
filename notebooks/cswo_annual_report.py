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
# # Chief Social Work Officer annual report
#
# Analysts: change the parameters and run all cells. The CSWO's words come from
# `data/narrative/<council>/<year>/<section>.md`; figures and charts from swlib.

# %% tags=["parameters"]
council = "dundee-city"
period = "2016-17"
audience = "internal"
data = None

# %%
import swlib
from swlib import sections as s
from swlib import trends
from swlib.narrative import section

ds = swlib.load(data)
P = swlib.Period.parse(period).year_period
perf = swlib.performance(ds, council, P, audience=audience)
perf["sentence"] = trends.describe(perf, ds, council, P)
name = ds.council_name(council)


def words(part, what):
    return s.narrative_or_note(section(ds.path, council, str(P), part), what)


# %%
(
    s.Fragment(f'<h1 id="title">Chief Social Work Officer Annual Report {P.label}: {s.esc(name)}</h1>')
    + s.banner(ds.is_synthetic(council))
)

# %%
targets = perf[perf["target"].notna()]
(
    s.heading(2, "1. Summary", "summary")
    + words("summary", "the summary")
    + (
        s.summary_table(swlib.status_summary(targets), f"Measures with targets: status for {P.label}")
        if len(targets)
        else s.paragraph("No measures with targets were reported for this year.")
    )
)

# %%
s.heading(2, "2. Governance and accountability", "governance") + words("governance", "governance and accountability")

# %%
(
    s.heading(2, "3. Service landscape", "landscape")
    + s.landscape_section(ds, council)
    + words("landscape", "the service landscape")
)

# %%
(
    s.heading(2, "4. Partnership working", "partnership")
    + s.heading(3, "4.1 Working with people who use services, carers and the third sector", "partnership-working")
    + words("partnership", "partnership working with people who use services, carers and the third sector")
    + s.heading(3, "4.2 User and carer involvement", "involvement")
    + words("involvement", "how people who use services and carers are involved")
    + s.heading(3, "4.3 Commissioned services", "commissioned")
    + words("commissioned", "commissioned services")
    + s.heading(3, "4.4 Improvement approaches and case studies", "improvement")
    + words("improvement", "improvement approaches and case studies")
)

# %%
s.heading(2, "5. Finance", "finance") + words("finance", "finance") + s.finance_section(ds, council, P)

# %%
stat = [
    "Child protection",
    "Looked after children",
    "Adult support and protection",
    "Mental health officer services",
    "Justice social work",
]
out = s.heading(2, "6. Service quality and performance", "performance") + words(
    "performance", "service quality and performance"
)
for i, outcome in enumerate(stat, start=1):
    out += s.statutory_section(perf, outcome, P, f"6.{i}")
out += s.heading(3, "6.6 How we compare with other councils", "benchmarking") + s.benchmark_section(ds, council, P)
out

# %%
(
    s.heading(2, "7. Complaints", "complaints")
    + words("complaints", "complaints")
    + s.statutory_section(perf, "Complaints", P)
)

# %%
(
    s.heading(2, "8. Workforce", "workforce")
    + words("workforce", "the workforce")
    + s.workforce_section(ds, council, P, audience)
    + s.statutory_section(perf, "Workforce", P, say_none=False)
)

# %%
(
    s.heading(2, "9. Inspection grades", "inspections")
    + words("inspections", "inspections")
    + s.inspection_section(ds, council, P)
)

# %%
s.heading(2, "10. Challenges and priorities", "challenges") + words("challenges", "challenges and priorities")

# %%
s.heading(2, "Glossary", "glossary") + s.glossary()

# %%
s.heading(2, "Data sources", "sources") + s.suppression_note(audience) + s.provenance(ds, council)
