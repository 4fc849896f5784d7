"""Build the demo data set in data/ from figures transcribed from the seed documents plus
clearly-labelled synthetic series (source = synthetic), deterministically.

Run: python scripts/make_demo_data.py   (rewrites data/*.csv; narrative files are kept by hand)
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RNG = np.random.default_rng(20261122)
SYN = "synthetic"
S000 = "seed 000: Dumfries and Galloway Social Work Services Service Plan 2023-24"
S001 = "seed 001: South Lanarkshire Social Work Resource Plan 2021-22"
S002 = "seed 002: Dundee Chief Social Work Officer Annual Report 2016/17"
# the statutory measures every council reports: swreport's catalogue (swlib/data/statutory_measures.csv), cited as
# ``swreport init`` cites it (swlib.init.CATALOGUE_SOURCE), not as Dundee's report (COMMITTEE-11 #7: South
# Lanarkshire's and D&G's papers named Dundee's report among their sources)
CATALOGUE = "the statutory functions a Chief Social Work Officer's annual report covers (the catalogue every council shares)"
S003 = "seed 003: South Lanarkshire Social Work Resource Plan 2007/08 Mid Year Update"

SL, DC, DG = "south-lanarkshire", "dundee-city", "dumfries-and-galloway"

COUNCILS = [
    # council, name, LGBF family group (children, social work and housing), population, source
    (SL, "South Lanarkshire Council", 2, "", S001),  # family groups: the LGBF lookups' Deprivation group
    (DC, "Dundee City Council", 1, 148000, S002),
    (DG, "Dumfries and Galloway Council", 2, "", S000),
]

M_COLS = ["measure", "title", "theme", "outcome", "service", "unit", "polarity", "frequency", "aggregate",
          "target", "tolerance", "decimals", "lgbf", "links", "council", "definition", "source"]  # fmt: skip


def m(measure, title, theme, outcome, unit, polarity, frequency, aggregate, target="", *, service="",
      tolerance="", decimals="", lgbf="", links="", council="", definition="", source=SYN):  # fmt: skip
    return dict(zip(M_COLS, [measure, title, theme, outcome, service, unit, polarity, frequency, aggregate,
                             target, tolerance, decimals, lgbf, links, council, definition, source], strict=True))  # fmt: skip


# --- South Lanarkshire 2021-22 plan measures (seed 001, section 4a) --------------------
T_SAFE = "Ensure communities are safe, strong and sustainable"
T_ECON = "Promote sustainable and inclusive economic growth and tackle disadvantage"
T_CYP = "Get it right for children and young people"
T_HEALTH = "Improve health, care and wellbeing"
SL_MEASURES = [
    # id, title, theme, outcome, unit, polarity, freq, agg, target, baseline(2019-20), links, service
    ("sl-equipu-saving", "Annual saving from using recycled items as opposed to new through the joint store (Equipu)", T_SAFE, "Social Work Resources embeds sustainable development across services", "currency", "higher", "quarterly", "sum", 175000, 165000, "C6.1", "Performance and Support"),
    ("sl-dtto-seen", "Clients first seen within two working days of a DTTO commencing", T_SAFE, "Community Justice Outcome Improvement Plan is progressed", "percent", "higher", "quarterly", "sum", 95, 95, "C6.6", "Children and Justice"),
    ("sl-drug-alcohol-3wks", "Drug/alcohol clients starting treatment or psychological intervention within three weeks of referral", T_SAFE, "Disadvantaged people/groups are provided with access to timely support and interventions", "percent", "higher", "quarterly", "sum", 90, 90, "C6.6", "Adult and Older People"),
    ("sl-cpo-upw-5days", "Offenders on a CPO unpaid work requirement seen within five working days by their case manager", T_SAFE, "For those who have committed offences, safely and effectively support them to reintegrate into the community", "percent", "higher", "quarterly", "sum", 75, 75, "", "Children and Justice"),
    ("sl-cpo-placement-7days", "People starting their placement within seven days of a CPO unpaid work requirement", T_SAFE, "For those who have committed offences, safely and effectively support them to reintegrate into the community", "percent", "higher", "quarterly", "sum", 75, 75, "", "Children and Justice"),
    ("sl-cjsw-reports", "Criminal Justice Social Work reports submitted to Court by the due date", T_SAFE, "For those who have committed offences, safely and effectively support them to reintegrate into the community", "percent", "higher", "quarterly", "sum", 95, 95, "C6.6", "Children and Justice"),
    ("sl-cp-referral-conversion", "Child Protection referrals converted to Child Protection Investigation", T_CYP, "Care and protect vulnerable children and young people", "percent", "none", "quarterly", "sum", "", 90, "", "Children and Justice"),
    ("sl-cp-registration-conversion", "Child Protection Investigations progressing to Case Conference that convert to Registration", T_CYP, "Care and protect vulnerable children and young people", "percent", "none", "quarterly", "sum", "", 60, "", "Children and Justice"),
    ("sl-children-seen-15days", "Children seen by a supervising officer within 15 days", T_CYP, "Care and protect vulnerable children and young people", "percent", "higher", "quarterly", "sum", 75, 75, "", "Children and Justice"),
    ("sl-reporter-reports", "Reports submitted to the Children's Reporter within agreed timescales", T_CYP, "Care and protect vulnerable children and young people", "percent", "higher", "quarterly", "sum", 75, 75, "C6.6", "Children and Justice"),
    ("sl-lac-residential", "Looked after young people accommodated in residential placements (no more than 12%)", T_CYP, "Care and protect vulnerable children and young people", "percent", "lower", "quarterly", "latest", 12, 10, "C2.2", "Children and Justice"),
    ("sl-young-carers", "Young carers supported by Action for Children", T_CYP, "Care and protect vulnerable children and young people", "count", "none", "quarterly", "sum", "", "", "C2.3", "Children and Justice"),
    ("sl-la-guardianship-visits", "Statutory supervising officer visits completed within timescale: local authority welfare guardianship orders", T_HEALTH, "Care and protect vulnerable adults", "percent", "higher", "quarterly", "sum", 90, 90, "C2.1", "Adult and Older People"),
    ("sl-private-guardianship-visits", "Statutory supervising officer visits completed within timescale: private welfare guardianship orders", T_HEALTH, "Care and protect vulnerable adults", "percent", "higher", "quarterly", "sum", 90, 90, "C2.1", "Adult and Older People"),
    ("sl-planned-discharge", "Planned Discharge Dates that are met", T_HEALTH, "Deliver better health and social care outcomes for all", "percent", "higher", "quarterly", "sum", 80, 80, "C2.1", "Adult and Older People"),
    ("sl-planned-referrals", "Referrals received that are planned (target ratio planned/unplanned 70/30)", T_HEALTH, "Deliver better health and social care outcomes for all", "percent", "higher", "quarterly", "sum", 70, 70, "C2.1", "Adult and Older People"),
    ("sl-discharges-per-day", "Patients discharged from hospital per day", T_HEALTH, "Deliver better health and social care outcomes for all", "number", "higher", "quarterly", "mean", 10, 10, "C2.1", "Adult and Older People"),
    ("sl-carers-welfare-rights", "Carers supported by dedicated Welfare Rights officers", T_HEALTH, "Promote choice, control and flexibility in social care", "count", "higher", "quarterly", "sum", 400, 400, "C8.3", "Adult and Older People"),
    ("sl-carers-lanarkshire", "Carers supported by the commissioned carer support from Lanarkshire Carers", T_HEALTH, "Promote choice, control and flexibility in social care", "count", "higher", "quarterly", "latest", 800, 780, "", "Performance and Support"),
    ("sl-outcomes-achieved", "Outcomes being achieved through reviewed support plans", T_HEALTH, "Promote choice, control and flexibility in social care", "percent", "higher", "quarterly", "sum", 75, 75, "", "Adult and Older People"),
    ("sl-money-matters-clients", "New clients supported by the Money Matters Advice Service", T_ECON, "Tackling poverty and deprivation", "count", "higher", "quarterly", "sum", 2500, 2500, "", "Performance and Support"),
]  # fmt: skip

# --- Dumfries and Galloway 2023-24 success measures (seed 000) -------------------------
T_SWS = "Social Work Services success measures"
T_CW = "Council wide indicators"
T_LGBF = "Local Government Benchmarking Framework indicators"
DG_MEASURES = [
    # id, title, theme, outcome, unit, polarity, freq, agg, target, lgbf
    ("dg-cj-reports", "CJ SWS reports submitted within timescale", T_SWS, "Justice social work", "percent", "higher", "six-monthly", "sum", 95, ""),
    ("dg-cpo-seen-1wk", "CJ CPO clients, where a CJ report was prepared, seen by a supervising officer within 1 week", T_SWS, "Justice social work", "percent", "higher", "six-monthly", "sum", 90, ""),
    ("dg-mappa-reviewed", "SW led MAPPA level 1 cases reviewed within required timescales", T_SWS, "Justice social work", "percent", "higher", "six-monthly", "sum", 100, ""),
    ("dg-throughcare-24h", "Individuals subject to Throughcare Licence conditions seen within 24 working hours of release from custody", T_SWS, "Justice social work", "percent", "higher", "six-monthly", "sum", 100, ""),
    ("dg-peer-review", "Children looked after at home for more than 2 years who have been subject to a peer review", T_SWS, "Children and families", "percent", "higher", "six-monthly", "sum", 50, ""),
    ("dg-permanence-26wks", "Children who have a recommendation for permanence within 26 weeks of accommodation", T_SWS, "Children and families", "percent", "higher", "six-monthly", "sum", 80, ""),
    ("dg-panel-12wks", "Children with permanence away from home presented to the permanence panel within 12 weeks of recommendation", T_SWS, "Children and families", "percent", "higher", "six-monthly", "sum", 75, ""),
    ("dg-adm-16wks", "Agency Decision Maker approved permanence orders lodged within 16 weeks of ADM sign off", T_SWS, "Children and families", "percent", "higher", "six-monthly", "sum", 60, ""),
    ("dg-absence-days", "Average days lost per (non-teacher) employee through sickness absence", T_CW, "People", "days", "lower", "monthly", "sum", 9, ""),
    ("dg-pdr-completed", "Staff who have completed an annual performance development review", T_CW, "People", "percent", "higher", "monthly", "latest", 95, ""),
    ("dg-member-enquiries", "Elected Member enquiries dealt with within the agreed timescales", T_CW, "Enquiries and complaints", "percent", "higher", "quarterly", "sum", 85, ""),
    ("dg-stage1-timescale", "Stage 1 complaint responses issued within statutory timescales", T_CW, "Enquiries and complaints", "percent", "higher", "monthly", "sum", 80, ""),
    ("dg-stage1-extension", "Stage 1 complaint responses where extension was authorised", T_CW, "Enquiries and complaints", "percent", "none", "monthly", "sum", "", ""),
    ("dg-stage2-timescale", "Stage 2 complaint responses issued within statutory timescales", T_CW, "Enquiries and complaints", "percent", "higher", "monthly", "sum", 80, ""),
    ("dg-foi-20days", "FOI and EIR requests responded to within 20 working days of receipt", T_CW, "Enquiries and complaints", "percent", "higher", "monthly", "sum", 90, ""),
    ("dg-lac-residential-cost", "Gross cost of children looked after in residential based services per child per week", T_LGBF, "Children's services", "currency", "lower", "annual", "latest", 4961, "CHN8a"),
    ("dg-lac-community-cost", "Gross cost of children looked after in a community setting per child per week", T_LGBF, "Children's services", "currency", "lower", "annual", "latest", 402, "CHN8b"),
    ("dg-balance-of-care", "Balance of care for looked after children: % being looked after in the community", T_LGBF, "Children's services", "percent", "higher", "annual", "latest", 97.2, "CHN9"),
    # a share of the year's events (registrations; below, each survey's respondents) is marked sum, not latest:
    # it is not a snapshot to set against the year before
    ("dg-cp-reregistrations", "Child protection re-registrations within 18 months", T_LGBF, "Children's services", "percent", "lower", "annual", "sum", 0, "CHN22"),
    ("dg-lac-placements", "Looked after children with more than one placement within the last year", T_LGBF, "Children's services", "percent", "lower", "annual", "latest", 15.9, "CHN23"),
    ("dg-home-care-cost", "Older persons (over 65) home care costs per hour", T_LGBF, "Adult social care", "currency", "lower", "annual", "latest", 29.00, "SW1"),
    ("dg-sds-spend", "Self-directed support (direct payments and managed personalised budgets) spend as a % of social work spend on adults 18+", T_LGBF, "Adult social care", "percent", "higher", "annual", "latest", 8.4, "SW2"),
    ("dg-personal-care-home", "People 65+ with long term care needs receiving personal care at home", T_LGBF, "Adult social care", "percent", "higher", "annual", "latest", 65, "SW3a"),
    ("dg-quality-of-life", "Adults supported at home who agree their services and support had an impact in improving or maintaining their quality of life", T_LGBF, "Adult social care", "percent", "higher", "annual", "sum", 85, "SW4b"),
    ("dg-independent", "Adults supported at home who agree they are supported to live as independently as possible", T_LGBF, "Adult social care", "percent", "higher", "annual", "sum", 78, "SW4c"),
    ("dg-carers-supported", "Carers who feel supported to continue in their caring role", T_LGBF, "Adult social care", "percent", "higher", "annual", "latest", 34, "SW4e"),
    ("dg-residential-cost", "Residential costs per week per resident for people aged 65 or over", T_LGBF, "Adult social care", "currency", "lower", "annual", "latest", 600, "SW5"),
    ("dg-readmission-rate", "Rate of readmission to hospital within 28 days per 1,000 discharges", T_LGBF, "Adult social care", "rate", "lower", "annual", "latest", 95.8, "SW6"),
    ("dg-graded-good", "Care services graded good or better in Care Inspectorate inspections", T_LGBF, "Adult social care", "percent", "higher", "annual", "latest", 82, "SW7"),
]  # fmt: skip

# --- Statutory functions: every council (Dundee's 2015-16 and 2016-17 figures from seed 002)
T_STAT = "Statutory functions"
# reasons seed 002 gives for figures it does not have (an observation with a blank value and its reason as comment)
NO_GUARDIANSHIP = "not available: records moving to a new system"
NO_CP_ORDERS = "not published; the 2016/17 report says only that its 45 were a slight increase on this year"
STATUTORY = [
    # id, title, outcome, unit, polarity, aggregate, dundee {year: value}
    ("cp-orders", "Child Protection Orders made", "Child protection", "count", "none", "sum", {"2015-16": NO_CP_ORDERS, "2016-17": 45}),
    ("cp-parents-attended", "Child protection case conferences attended by parents", "Child protection", "percent", "higher", "latest", {"2015-16": 73, "2016-17": 79}),
    ("lac-31-march", "Looked after children at 31 March", "Looked after children", "count", "none", "latest", {"2016-17": 570}),
    ("lac-emergency-placements", "Emergency placements of children subject to supervision requirements", "Looked after children", "count", "none", "sum", {"2016-17": 13}),
    ("lac-secure", "Children and young people in secure accommodation during the year", "Looked after children", "count", "none", "sum", {"2016-17": 8}),
    ("lac-permanence-orders", "Permanence Orders made", "Looked after children", "count", "none", "sum", {"2016-17": 33}),
    ("care-leavers-eet", "Care leavers (up to 26) in education, training or employment", "Looked after children", "percent", "higher", "latest", {"2016-17": 41.2}),
    ("asp-referrals", "Adult protection referrals received", "Adult support and protection", "count", "none", "sum", {"2015-16": 1246, "2016-17": 918}),
    ("asp-investigations", "Adult protection referrals resulting in adult protection activity", "Adult support and protection", "count", "none", "sum", {"2016-17": 142}),
    ("asp-case-conferences", "Adult Support and Protection case conferences", "Adult support and protection", "count", "none", "sum", {"2016-17": 49}),
    ("mho-emergency-detentions", "Emergency detentions in hospital", "Mental health officer services", "count", "none", "sum", {"2015-16": 90, "2016-17": 80}),
    ("mho-short-term-detentions", "Short-term detentions in hospital", "Mental health officer services", "count", "none", "sum", {"2015-16": 148, "2016-17": 152}),
    ("mho-ctos", "Compulsory Treatment Orders", "Mental health officer services", "count", "none", "sum", {"2015-16": 39, "2016-17": 22}),
    ("guardianship-la", "Local authority welfare guardianship orders granted", "Mental health officer services", "count", "none", "sum", {"2013-14": 99, "2014-15": 94, "2015-16": NO_GUARDIANSHIP, "2016-17": NO_GUARDIANSHIP}),
    ("guardianship-private", "Private welfare guardianship orders granted", "Mental health officer services", "count", "none", "sum", {"2013-14": 131, "2014-15": 131, "2015-16": NO_GUARDIANSHIP, "2016-17": NO_GUARDIANSHIP}),
    ("cpo-imposed", "Community Payback Orders imposed", "Justice social work", "count", "none", "sum", {"2015-16": 795, "2016-17": 656}),
    ("upw-hours", "Unpaid work hours carried out", "Justice social work", "count", "none", "sum", {"2015-16": 38864, "2016-17": 40016}),
    ("cpo-completed", "Community Payback Orders completed successfully", "Justice social work", "percent", "higher", "latest", {"2015-16": 70, "2016-17": 79}),
    ("dtto-imposed", "Drug Treatment and Testing Orders imposed", "Justice social work", "count", "none", "sum", {"2015-16": 6, "2016-17": 12}),
    ("justice-young-custody", "Young people receiving a custodial sentence", "Justice social work", "count", "lower", "sum", {"2015-16": 6, "2016-17": 3}),
    ("mappa-rso", "Registered sex offenders subject to statutory supervision under MAPPA", "Justice social work", "count", "none", "latest", {"2016-17": 154}),
    ("sro-new", "New Supervised Release Orders", "Justice social work", "count", "none", "sum", {"2015-16": 18, "2016-17": 20}),
    ("complaints-received", "Statutory social work complaints received", "Complaints", "count", "none", "sum", {"2015-16": 56, "2016-17": 77}),
    ("complaints-upheld", "Complaints upheld", "Complaints", "percent", "lower", "latest", {"2016-17": 28.5}),
    ("complaints-timescale", "Complaint investigations finalised within agreed timescales", "Complaints", "percent", "higher", "latest", {"2016-17": 50}),
    ("violent-incidents", "Recorded violent incidents against social work staff", "Workforce", "count", "lower", "sum", {"2015-16": 41, "2016-17": 40}),
]  # fmt: skip
SYN_STAT_LEVEL = {  # typical size of each statutory count for the synthetic councils
    "cp-orders": 30, "cp-parents-attended": 78, "lac-31-march": 600, "lac-emergency-placements": 10, "lac-secure": 3,
    "lac-permanence-orders": 25, "care-leavers-eet": 45, "asp-referrals": 1500, "asp-investigations": 160,
    "asp-case-conferences": 60, "mho-emergency-detentions": 60, "mho-short-term-detentions": 180, "mho-ctos": 40,
    "guardianship-la": 70, "guardianship-private": 150, "cpo-imposed": 900, "upw-hours": 60000, "cpo-completed": 76,
    "dtto-imposed": 15, "mappa-rso": 200, "justice-young-custody": 3, "sro-new": 12, "complaints-received": 90, "complaints-upheld": 30,
    "complaints-timescale": 70, "violent-incidents": 35,
}  # fmt: skip


def quarters(first_fy: int, last_fy: int, last_q: int = 4) -> list[str]:
    out = []
    for fy in range(first_fy, last_fy + 1):
        for q in range(1, 5):
            if fy == last_fy and q > last_q:
                break
            out.append(f"{fy}-{(fy + 1) % 100:02d}-Q{q}")
    return out


def fy_id(fy: int) -> str:
    return f"{fy}-{(fy + 1) % 100:02d}"


def obs(council, measure, period, value="", numerator="", denominator="", status="", comment="", source=SYN):
    return {"council": council, "measure": measure, "period": period, "value": value, "numerator": numerator,
            "denominator": denominator, "status": status, "comment": comment, "source": source}  # fmt: skip


def match_baseline(quarters: list[dict], base, unit: str, agg: str) -> None:
    """Make a year's synthetic quarters give the year's real published figure (the Resource
    Plan's 2019/20 baseline), as the report works the year out of them: one figure per fact.
    Scales the quarters in place (keeping their ups and downs) and draws no random numbers, so
    every other figure is as before."""
    if len(quarters) != 4:
        return
    if agg == "latest":  # a snapshot: the year is its last quarter
        last = quarters[-1]
        if unit == "percent":
            last["numerator"] = round(int(last["denominator"]) * base / 100)
        else:
            last["value"] = base
        return
    if agg == "mean":  # the year is the mean of its quarters: each moved by the same amount
        shift = base - sum(float(q["value"]) for q in quarters) / 4
        for q in quarters:
            q["value"] = round(float(q["value"]) + shift, 1)
        quarters[-1]["value"] = round(4 * base - sum(float(q["value"]) for q in quarters[:-1]), 1)
        return
    key = "numerator" if unit == "percent" else "value"  # a percentage adds up its counts
    step = 100 if unit == "currency" else 1
    want = round(sum(int(q["denominator"]) for q in quarters) * base / 100) if unit == "percent" else base
    have = sum(int(q[key]) for q in quarters)
    cap = [int(q["denominator"]) if unit == "percent" else None for q in quarters]
    new = [int(round(int(q[key]) * want / have / step) * step) for q in quarters]
    new = [min(n, c) if c is not None else n for n, c in zip(new, cap, strict=True)]
    k = 0
    while sum(new) != want:  # the rounding's remainder, a step at a time, where there is room
        i = k % 4
        more = sum(new) < want
        if (not more and new[i] >= step) or (more and (cap[i] is None or new[i] < cap[i])):
            new[i] += step if more else -step
        k += 1
    for q, n in zip(quarters, new, strict=True):
        q[key] = n


def pct_obs(council, measure, period, level, cases, comment=""):
    """A synthetic percentage as numerator and denominator (value left for swlib to compute)."""
    d = max(0, int(RNG.poisson(cases)))
    p = float(np.clip(RNG.normal(level, 4) / 100, 0, 1))
    n = int(RNG.binomial(d, p)) if d else 0
    return obs(council, measure, period, "", n, d, comment=comment)


# --- a synthetic LGBF-like panel: only the source of Dumfries and Galloway's synthetic LGBF measure
# observations; data/benchmarks.csv itself is the real panel (`swreport import lgbf`)
FAMILY_GROUPS = {  # LGBF family groups for children's, social work and housing services (by deprivation)
    1: ["Aberdeen City", "Aberdeenshire", "City of Edinburgh", "East Dunbartonshire", "East Renfrewshire",
        "Orkney Islands", "Perth and Kinross", "Shetland Islands"],
    2: ["Angus", "Argyll and Bute", "East Lothian", "Highland", "Moray", "Na h-Eileanan Siar", "Scottish Borders",
        "Stirling"],
    3: ["Dumfries and Galloway", "Falkirk", "Fife", "Midlothian", "Renfrewshire", "South Ayrshire", "South Lanarkshire",
        "West Lothian"],
    4: ["Clackmannanshire", "Dundee City", "East Ayrshire", "Glasgow City", "Inverclyde", "North Ayrshire",
        "North Lanarkshire", "West Dunbartonshire"],
}  # fmt: skip
LGBF = [
    # code, title, unit, polarity, typical value, spread, cases (for proportions), yearly drift
    ("SW1", "Home care costs per hour for people aged 65 or over", "currency", "lower", 27.0, 4.0, 0, 0.6),
    ("SW2", "Direct payments and personalised managed budgets as a % of total social work spend on adults 18+", "percent", "higher", 8.0, 3.0, 0, 0.2),
    ("SW3a", "People aged 65+ with long-term care needs receiving personal care at home (%)", "percent", "higher", 61.5, 4.0, 2500, 0.1),
    ("SW4b", "Adults supported at home who agree their services had an impact in improving or maintaining their quality of life (%)", "percent", "higher", 80.0, 4.0, 900, -0.4),
    ("SW4c", "Adults supported at home who agree they are supported to live as independently as possible (%)", "percent", "higher", 79.0, 4.0, 900, -0.3),
    ("SW4d", "Adults supported at home who agree they had a say in how their help, care or support was provided (%)", "percent", "higher", 75.0, 4.0, 900, -0.3),
    ("SW4e", "Carers who feel supported to continue in their caring role (%)", "percent", "higher", 34.0, 4.0, 700, -0.5),
    ("SW5", "Residential costs per week per resident for people aged 65 or over", "currency", "lower", 650.0, 80.0, 0, 15.0),
    ("CHN8a", "Gross cost of children looked after in residential based services per child per week", "currency", "lower", 4500.0, 900.0, 0, 150.0),
    ("CHN8b", "Gross cost of children looked after in a community setting per child per week", "currency", "lower", 380.0, 90.0, 0, 8.0),
    ("CHN9", "Children looked after in the community (%)", "percent", "higher", 89.5, 3.0, 450, 0.1),
    ("CHN22", "Child protection re-registrations within 18 months (%)", "percent", "lower", 6.5, 3.0, 120, -0.1),
    ("CHN23", "Looked after children with more than one placement in the last year (%)", "percent", "lower", 17.0, 4.0, 500, -0.2),
]  # fmt: skip
PANEL_YEARS = range(2013, 2023)  # 2013-14 to 2022-23
DG_LGBF = {"dg-lac-residential-cost": "CHN8a", "dg-lac-community-cost": "CHN8b", "dg-balance-of-care": "CHN9",
           "dg-cp-reregistrations": "CHN22", "dg-lac-placements": "CHN23", "dg-home-care-cost": "SW1",
           "dg-sds-spend": "SW2", "dg-personal-care-home": "SW3a", "dg-quality-of-life": "SW4b",
           "dg-independent": "SW4c", "dg-carers-supported": "SW4e", "dg-residential-cost": "SW5"}  # fmt: skip


OF_LOOKED_AFTER = {"dg-balance-of-care", "dg-lac-placements"}  # shares of the children looked after (CHN9, CHN23)


def slug(name: str) -> str:
    return name.lower().replace(" and ", "-and-").replace(" ", "-").replace(".", "")


def panel():
    rows = []
    for code, title, unit, polarity, typical, spread, cases, drift in LGBF:
        for fg, names in FAMILY_GROUPS.items():
            for name in names:
                level = typical + RNG.normal(0, spread) + (fg - 2.5) * spread * 0.3 * (1 if polarity == "lower" else -1)
                scale = 0.15 + RNG.random() * 1.7 if cases else 1
                for k, fy in enumerate(PANEL_YEARS):
                    v = level + drift * k + RNG.normal(0, spread * 0.15)
                    row = {"lgbf": code, "title": title, "unit": unit, "polarity": polarity, "council": slug(name),
                           "council_name": name, "family_group": fg, "period": fy_id(fy), "value": "",
                           "numerator": "", "denominator": "", "source": SYN}  # fmt: skip
                    if cases:
                        d = max(5, int(RNG.poisson(cases * scale)))
                        p = float(np.clip(v / 100, 0.001, 0.999))
                        row["numerator"], row["denominator"] = int(RNG.binomial(d, p)), d
                    else:
                        row["value"] = round(max(v, 1.0), 2)
                    rows.append(row)
    return rows


def build():
    lgbf_rows = panel()
    councils = [
        dict(zip(["council", "name", "family_group", "population", "source"], c, strict=True)) for c in COUNCILS
    ]
    measures, observations, targets = [], [], []

    # South Lanarkshire: catalogue and baseline (2019-20, real) plus synthetic quarters
    level_shift = {"sl-dtto-seen": -1, "sl-cjsw-reports": -9, "sl-children-seen-15days": 6, "sl-reporter-reports": -2,
                   "sl-planned-discharge": -12, "sl-outcomes-achieved": 4, "sl-drug-alcohol-3wks": 3}  # fmt: skip
    sl_q = quarters(2017, 2021, 4)
    for mid, title, theme, outcome, unit, pol, freq, agg, target, base, links, service in SL_MEASURES:
        measures.append(m(mid, title, theme, outcome, unit, pol, freq, agg, target, service=service, links=links,
                          council=SL, decimals=0 if unit != "number" else 1, source=S001))  # fmt: skip
        if base != "":
            observations.append(
                obs(SL, mid, "2019-20", base, comment="Baseline in the Resource Plan 2021-22", source=S001)
            )
        for i, q in enumerate(sl_q):
            if mid == "sl-money-matters-clients" and q in ("2021-22-Q2", "2021-22-Q3", "2021-22-Q4"):
                continue  # not yet reported: shows as Report later
            drift = (i - len(sl_q)) * 0.15
            if unit == "percent" and agg == "sum":
                lvl = (target if target != "" else base) + level_shift.get(mid, 1) + drift
                observations.append(pct_obs(SL, mid, q, lvl, 40 if "guardianship" in mid else 120))
            elif mid == "sl-lac-residential":
                d = int(RNG.poisson(760))
                n = int(RNG.binomial(d, 0.108))
                observations.append(obs(SL, mid, q, "", n, d))
            elif mid == "sl-equipu-saving":
                observations.append(obs(SL, mid, q, int(round(RNG.normal(41000, 4000), -2))))
            elif mid == "sl-discharges-per-day":
                observations.append(obs(SL, mid, q, round(RNG.normal(9.6, 0.6), 1)))
            elif mid == "sl-carers-lanarkshire":
                observations.append(obs(SL, mid, q, int(700 + 6 * i + RNG.normal(0, 12))))
            elif mid == "sl-young-carers":
                observations.append(obs(SL, mid, q, int(RNG.poisson(55))))
            else:  # quarterly counts against an annual target
                observations.append(obs(SL, mid, q, int(RNG.poisson(target / 4 * 0.97))))
        if base != "":
            match_baseline([o for o in observations if o["measure"] == mid and o["period"].startswith("2019-20-Q")],
                           base, unit, agg)  # fmt: skip
    # officer override and comments for 2021-22 Q2
    for o in observations:
        if o["council"] == SL and o["period"] == "2021-22-Q2":
            if o["measure"] == "sl-planned-discharge":
                o["comment"] = (
                    "<p>Delays in care home admissions during the pandemic.</p><ul><li>Weekly huddles with acute colleagues</li><li>Additional interim beds commissioned</li></ul>"
                )
            if o["measure"] == "sl-carers-welfare-rights":
                o["status"] = "Amber"
                o["comment"] = (
                    "Officer assessment: referrals paused in July during the move to the new office; expected to recover by Quarter 3."
                )
            if o["measure"] == "sl-cjsw-reports":
                o["comment"] = (
                    "Court backlog following COVID-19 restrictions; additional report writers allocated from August."
                )

    # Dumfries and Galloway: catalogue (real targets) plus synthetic series to 2023-24 Q2
    dg_level = {"dg-cj-reports": 93, "dg-cpo-seen-1wk": 91, "dg-mappa-reviewed": 100, "dg-throughcare-24h": 96,
                "dg-peer-review": 55, "dg-permanence-26wks": 64, "dg-panel-12wks": 77, "dg-adm-16wks": 52,
                "dg-member-enquiries": 83, "dg-stage1-timescale": 74, "dg-stage1-extension": 12, "dg-stage2-timescale": 70,
                "dg-foi-20days": 91}  # fmt: skip
    dg_cases = {"dg-cj-reports": 260, "dg-cpo-seen-1wk": 150, "dg-mappa-reviewed": 60, "dg-throughcare-24h": 14,
                "dg-peer-review": 20, "dg-permanence-26wks": 18, "dg-panel-12wks": 12, "dg-adm-16wks": 9,
                "dg-member-enquiries": 70, "dg-stage1-timescale": 9, "dg-stage1-extension": 9, "dg-stage2-timescale": 3,
                "dg-foi-20days": 12}  # fmt: skip
    annual_level = {"dg-lac-residential-cost": 5200, "dg-lac-community-cost": 390, "dg-balance-of-care": 91.5,
                    "dg-cp-reregistrations": 3.1, "dg-lac-placements": 17.4, "dg-home-care-cost": 31.5,
                    "dg-sds-spend": 7.9, "dg-personal-care-home": 61.8, "dg-quality-of-life": 80.1, "dg-independent": 79.4,
                    "dg-carers-supported": 33.0, "dg-residential-cost": 585, "dg-readmission-rate": 101.2,
                    "dg-graded-good": 80.6}  # fmt: skip
    for mid, title, theme, outcome, unit, pol, freq, agg, target, lgbf in DG_MEASURES:
        dec = {"currency": 2 if mid == "dg-home-care-cost" else 0, "days": 2, "rate": 1}.get(unit, "")
        measures.append(m(mid, title, theme, outcome, unit, pol, freq, agg, target, lgbf=lgbf, council=DG,
                          decimals=dec, source=S000))  # fmt: skip
        if freq == "annual" and mid in DG_LGBF:
            for r in lgbf_rows:
                if r["lgbf"] == DG_LGBF[mid] and r["council"] == DG and r["period"] >= "2017-18":
                    observations.append(obs(DG, mid, r["period"], r["value"], r["numerator"], r["denominator"]))
            continue
        if freq == "annual":
            for k, fy in enumerate(range(2017, 2023)):
                base = annual_level[mid] * (1 + 0.012 * (k - 5) * (1 if unit == "currency" else 0.3))
                noise = RNG.normal(0, abs(base) * 0.02 + 0.2)
                observations.append(obs(DG, mid, fy_id(fy), round(max(base + noise, 0), 2 if unit != "percent" else 1)))
            continue
        for fy in range(2019, 2024):
            if freq == "six-monthly":
                periods = [f"{fy_id(fy)}-H1", f"{fy_id(fy)}-H2"]
            elif freq == "quarterly":
                periods = [f"{fy_id(fy)}-Q{q}" for q in (1, 2, 3, 4)]
            else:
                periods = [f"{fy + (k + 3) // 12}-{(k + 3) % 12 + 1:02d}" for k in range(12)]
            for p in periods:
                if mid == "dg-absence-days":
                    observations.append(obs(DG, mid, p, round(RNG.normal(0.82, 0.08), 2)))
                elif mid == "dg-pdr-completed":
                    observations.append(obs(DG, mid, p, round(float(np.clip(RNG.normal(88, 3), 0, 100)), 1)))
                else:
                    observations.append(pct_obs(DG, mid, p, dg_level[mid], dg_cases[mid]))
    for q, t in ((1, 2.25), (2, 4.5), (3, 6.75)):
        targets.append({"council": DG, "measure": "dg-absence-days", "period": f"2023-24-Q{q}", "target": t,
                        "tolerance": 0.25, "source": "synthetic: cumulative profile of the 9-day annual target in seed 000"})  # fmt: skip
    targets.append({"council": DG, "measure": "dg-stage1-timescale", "period": "2022-23", "target": 75,
                    "tolerance": "", "source": SYN})  # fmt: skip
    # one count of Stage 1 responses: the extensions are among the responses the timescale measure counts
    issued = {o["period"]: o["denominator"] for o in observations
              if o["council"] == DG and o["measure"] == "dg-stage1-timescale"}  # fmt: skip
    for o in observations:
        if o["council"] == DG and o["measure"] == "dg-stage1-extension":
            o["denominator"] = issued[o["period"]]
            o["numerator"] = min(o["numerator"], o["denominator"])
    for o in observations:
        if o["council"] == DG and o["period"] == "2023-24-H1" and o["measure"] == "dg-permanence-26wks":
            o["comment"] = (
                "Court capacity has delayed permanence hearings; a tracking meeting now reviews every child at 20 weeks."
            )
        if o["council"] == DG and o["period"] == "2023-09" and o["measure"] == "dg-stage2-timescale":
            o["comment"] = "Two complex Stage 2 complaints needed extended investigation."

    # statutory functions: every council
    for mid, title, outcome, unit, pol, agg, dundee in STATUTORY:
        measures.append(m(mid, title, T_STAT, outcome, unit, pol, "annual", agg, decimals="",
                          definition="Annual figure reported in the Chief Social Work Officer's annual report.",
                          source=CATALOGUE))  # fmt: skip
        for year, v in dundee.items():  # a text is the reason the source gives for a missing figure
            if isinstance(v, str):
                observations.append(obs(DC, mid, year, "", comment=v, source=S002))
            else:
                observations.append(obs(DC, mid, year, v, source=S002))
        lvl = SYN_STAT_LEVEL[mid]
        for council, scale in ((SL, 1.6), (DG, 0.7)):
            for k, fy in enumerate(range(2017, 2024)):
                if unit == "percent":
                    v = round(float(np.clip(RNG.normal(lvl + 0.6 * k, 3), 0, 100)), 1)
                else:
                    v = int(RNG.poisson(lvl * scale * (1 + 0.03 * k)))
                observations.append(obs(council, mid, fy_id(fy), v))
    upheld_of_received(observations)

    return councils, measures, targets, observations, actions(), finance(), workforce(), inspections(), lgbf_rows


def actions():
    rows = []
    # South Lanarkshire 2007-08 mid-year update (seed 003): real statuses
    mid_year = [
        ("Develop services for older people", "Improve services to support older people to live in their homes and communities", "Provide improved care, support and protection to vulnerable older people who need it", "Older people receiving intensive home care will be 35% of all people receiving long term care", "Green", "On course to achieve: 36% of all people receiving long term care at June 2007."),
        ("Develop services for older people", "Improve services to support older people to live in their homes and communities", "Develop a joint strategy for older people's services", "Integrated network of services and information resources available to older people by March 2008", "Green", "On course to achieve: ongoing work with partners; expected completion by March 2008."),
        ("Develop services for older people", "Implement the South Lanarkshire Carers Strategy", "Continue to encourage the uptake of carers assessments and evaluate whether they meet carers' needs", "Increase by 50% to 162 the number of carers receiving an assessment in 2007/08", "Red", "Not on course to achieve: being closely monitored by the Joint Services Partnership."),
        ("Develop services for older people", "Implement the South Lanarkshire Carers Strategy", "Meet the local target for residential respite care nights provided to people 65+", "Residential respite care nights for people 65+ (annual target 9,819)", "Green", "On course to achieve: 2,452 by June 2007, in line to meet the annual target of 9,819."),
        ("Improve community safety", "Reduce the risk of harm by managing offenders in the community", "Work with Lanarkshire Community Justice Authority to improve the management of offenders", "Three year plan produced by September 2007", "Complete", "Achieved: submitted to the Scottish Government on 14 September 2007."),
        ("Improve community safety", "Reduce the risk of harm by managing offenders in the community", "Implement MAPPA and the Violent Sex Offenders Register (VISOR)", "MAPPA in place by March 2008; VISOR established by September 2007", "Green", "On course to achieve: MAPPA Co-ordinator appointed in June 2007; VISOR established."),
        ("Improve community safety", "Reduce the risk of harm by managing offenders in the community", "Continue to develop the range of community service activities available", "Increase the average number of hours per week to complete a community service order", "Red", "Not on course to achieve: 2.39 hours per week at June 2007, down from 2.6 in 2006/07."),
        ("Improve community safety", "Reduce the risk of harm by managing offenders in the community", "Continue to improve performance for probation orders", "All offenders are seen within one week of receiving a probation order", "Red", "Not on course to achieve: 48.8% seen within one week at June 2007."),
        ("Improve the lives of vulnerable children, young people and adults", "Improve outcomes for vulnerable children, young people and families", "Improve services and support to looked after and accommodated children", "Reduce by 13 (50%) the number of accommodated young people in out of area placements by December 2007", "Green", "Good progress: 18 young people in out of area placements, down from 27 (a reduction of 9, 33%)."),
        ("Improve the lives of vulnerable children, young people and adults", "Improve outcomes for vulnerable children, young people and families", "Roll out ICT developments to all new children's houses", "All children's houses connected to ICT by March 2008", "Complete", "Achieved: all children's houses have access to ICT and are connected to the RM system and schools."),
        ("Improve the lives of vulnerable children, young people and adults", "Improve services to support adults to live in their homes and communities", "Develop older people's dementia day care and training facility in Bothwell", "Facility open by October 2007", "Red", "Not on course to achieve: revised timescale agreed."),
        ("Excellent employer", "Excellent employer", "Reduce average annual absence rates across the Resource", "Absence rates less than 5%", "Green", "On course to achieve: currently at 5.05% at August 2007."),
        ("Accountable, effective and efficient", "Accountable, effective and efficient", "Meet statutory obligations by completing accounts within the deadline", "Return a clear audited set of accounts within the statutory timescale", "Complete", "Achieved: 2006/07 statutory requirements complied with."),
        ("Accountable, effective and efficient", "Accountable, effective and efficient", "Commission and procure home care services to meet the needs of the service user and offer best value", "Completion of e-tender for home care services by October 2007", "Green", "On course to achieve."),
    ]  # fmt: skip
    for theme, outcome, action, measure, status, comment in mid_year:
        rows.append({"council": SL, "period": "2007-08-H1", "theme": theme, "outcome": outcome, "action": action,
                     "measure": measure, "status": status, "comment": comment, "source": S003})  # fmt: skip
    # South Lanarkshire 2021-22 actions (seed 001, section 4b): statuses synthetic
    plan = [
        (T_SAFE, "Community Justice Outcome Improvement Plan is progressed", "Embed the national model for Community Justice with our Community Justice partners", "Report on the priorities of the Community Justice Local Outcome Improvement Plan", "Green"),
        (T_SAFE, "For those who have committed offences, safely and effectively support them to reintegrate into the community", "Improve management of all offenders including high risk offenders", "Produce and publish MAPPA annual report by 1 November 2021", "Green"),
        (T_CYP, "Care and protect vulnerable children and young people", "Improve transition arrangements for young people", "Systems to record young people with additional support needs moving to adult services", "Amber"),
        (T_HEALTH, "Care and protect vulnerable adults", "Improve outcomes for people living in their own homes and communities", "Six monthly report to SMT on inspection activity in quarters 2 and 4", "Complete"),
        (T_HEALTH, "Care and protect vulnerable adults", "Monitor vulnerable adults' referrals and activity", "Quarterly Adult Protection report to the Adult Protection Committee", "Green"),
        (T_HEALTH, "Deliver better health and social care outcomes for all", "Implement the actions of the Health and Social Care Delivery Plan", "Report against trajectories for the six Delivery Plan areas", "Amber"),
        (T_HEALTH, "Deliver better health and social care outcomes for all", "Extend the range and choice of day opportunities for older people", "Consult on the review of day care services for older people", "Red"),
        (T_HEALTH, "Deliver better health and social care outcomes for all", "Progress the Care Facilities Modernisation Programme", "Fit out the campus and prepare for the community hub opening", "Green"),
        (T_HEALTH, "Deliver better health and social care outcomes for all", "Prepare for the analogue to digital migration for assistive technology", "Review all alert alarm service users by the end of 2021/22", "Report later"),
        (T_ECON, "Strengthen engagement with service users and carers", "Support a culture where consultation and participation are part of all our services", "Quarterly update on service user participation and engagement outcomes", "Green"),
    ]  # fmt: skip
    for theme, outcome, action, measure, status in plan:
        rows.append({"council": SL, "period": "2021-22-Q2", "theme": theme, "outcome": outcome, "action": action,
                     "measure": measure, "status": status,
                     "comment": "Illustrative progress comment (synthetic status).", "source": SYN})  # fmt: skip
    dg = [
        ("Council Plan delivery", "We get it right for every child", "Develop the role and responsibilities of Corporate Parents", "Corporate parenting plan actions", "Green"),
        ("Council Plan delivery", "We get it right for every child", "Trauma-informed joint investigative interviews for every child who needs one", "Scottish Child Interview Model in place", "Amber"),
        ("Council Plan delivery", "Prevention and early intervention assist people to have independent lives", "Introduce an Adult Support and Protection standalone team", "Team established and staffed", "Complete"),
        ("Council Plan delivery", "Prevention and early intervention assist people to have independent lives", "Review Out Of Hours provision", "Review reported to committee", "Report later"),
        ("Council Plan delivery", "Access to personal support and care helps keep people safe", "Develop independent advice and support for Self Directed Support", "Scoping exercise completed", "Green"),
        ("Service delivery", "Service delivery", "Reduce grey mileage and increase efficiency across services", "Grey mileage against last year", "Red"),
    ]  # fmt: skip
    for theme, outcome, action, measure, status in dg:
        rows.append({"council": DG, "period": "2023-24-Q2", "theme": theme, "outcome": outcome, "action": action,
                     "measure": measure, "status": status, "comment": "Illustrative progress comment (synthetic status).",
                     "source": SYN})  # fmt: skip
    return rows


def finance():
    rows = []
    for line, amt in (("Performance and Support Services", 8.024), ("Adult and Older People", 131.773),
                      ("Children and Families", 34.381), ("Justice and Substance Misuse", 1.585)):  # fmt: skip
        rows.append(
            {
                "council": SL,
                "period": "2021-22",
                "kind": "budget",
                "line": line,
                "amount": round(amt * 1e6),
                "source": S001,
            }
        )
    for line, amt in (("Replacement Care Facilities - Blantyre", 6.539), ("Community Alarms", 0.300)):
        rows.append(
            {
                "council": SL,
                "period": "2021-22",
                "kind": "capital",
                "line": line,
                "amount": round(amt * 1e6),
                "source": S001,
            }
        )
    for line, amt in (
        ("Children's Services", 34794),
        ("Community Justice Services (council contribution only)", 260),  # the £4,667,000 grant is not in it
        ("Adult Services", 37655),
        ("Older People", 46411),
    ):
        rows.append(
            {"council": DC, "period": "2016-17", "kind": "budget", "line": line, "amount": amt * 1000, "source": S002}
        )
    for line, amt in (("Children and Family Social Care", 20289313), ("Criminal Justice Services", 3294877), ("Public Protection", 331736),
                      ("Social Work Service Strategy", 3512230), ("Statutory Mental Health", 995002)):  # fmt: skip
        rows.append({"council": DG, "period": "2023-24", "kind": "budget", "line": line, "amount": amt, "source": S000})
        rows.append(
            {
                "council": DG,
                "period": "2023-24",
                "kind": "outturn",
                "line": line,
                "amount": round(amt * RNG.normal(1.01, 0.02)),
                "source": SYN,
            }
        )
    return rows


def workforce():
    rows = [
        {
            "council": SL,
            "period": "2020-21",
            "service": "All Social Work Resources",
            "headcount": 2944,
            "fte": "",
            "source": S001,
        }
    ]
    # South Lanarkshire has its real headcount only (2,944 at March 2021, the Resource Plan): a
    # made-up split for 2021/22 printed a second total (2,960) beside the narrative's 2,944
    for council, period, services in (
        (DC, "2016-17", {"Children and Families": 420, "Community Justice": 110, "Adult and Older People": 980}),
        (
            DG,
            "2023-24",
            {
                "Children and Families": 260,
                "Justice Social Work": 85,
                "Adult Services": 310,
                "Strategy and Support": 60,
            },
        ),
    ):
        for service, n in services.items():
            rows.append({"council": council, "period": period, "service": service, "headcount": n,
                         "fte": round(n * 0.86, 1), "source": SYN})  # fmt: skip
    return rows


def inspections():
    cols = [
        "council",
        "service",
        "service_type",
        "sector",
        "date",
        "care_and_support",
        "environment",
        "staffing",
        "management_and_leadership",
        "source",
    ]
    real = [  # seed 002 Appendix 1 (rows whose grades read cleanly from the source)
        ("Craigie House", "Care Home", "2017-01-25", 5, 4, 5, 4),
        ("Menzieshill House", "Care Home", "2016-11-07", 5, 5, 5, 5),
        ("Turriff House", "Care Home", "2017-03-01", 5, 5, 5, 5),
        ("Janet Brougham House", "Care Home", "2016-10-27", 5, 6, 5, 5),
        ("Weavers Burn", "Care at Home / Housing Support", "2016-11-03", 2, "", 3, 2),
        ("The Junction", "Care Home", "2015-02-25", 4, 5, 4, 4),
        ("Drummond House", "Care Home", "2016-01-21", 4, 5, 5, 4),
        ("Fairbairn St YPU", "Care Home", "2016-02-24", 4, 5, 5, 4),
        ("Homecare Social Care Response Service", "Housing Support", "2016-09-01", 5, "", 5, 5),
    ]
    rows = [dict(zip(cols, [DC, s, t, "LA", d, a, b, c, e, S002], strict=True)) for s, t, d, a, b, c, e in real]
    for council, year in ((SL, 2021), (DG, 2023)):
        for k, (name, stype) in enumerate((("Residential care home A", "Care Home"), ("Care at home service", "Housing Support"),
                                           ("Children's house B", "Care Home"), ("Fostering service", "Fostering"),
                                           ("Adult day service", "Support Service"))):  # fmt: skip
            g = [int(np.clip(RNG.normal(4.4, 0.8), 1, 6)) for _ in range(4)]
            rows.append(dict(zip(cols, [council, name, stype, "LA", f"{year}-{(k * 2) % 12 + 1:02d}-15", g[0],
                                        "" if stype in ("Housing Support", "Fostering") else g[1], g[2], g[3], SYN], strict=True)))  # fmt: skip
    return rows


def from_real_panel(measures: list[dict], observations: list[dict]) -> list[dict]:
    """One figure per fact: Dumfries and Galloway's LGBF-coded measures take their yearly figures
    from the real LGBF panel (data/benchmarks.csv, made by `swreport import lgbf`) for the years
    it has, with its source; the years after it stay synthetic, continuing from the last real
    figure (its own generator, so the other synthetic series are unchanged)."""
    path = DATA / "benchmarks.csv"
    if not path.exists():
        return observations
    with path.open(encoding="utf-8") as f:
        real = [r for r in csv.DictReader(f) if r["council"] == DG]
    rng = np.random.default_rng(20261201)
    coded = {x["measure"]: x for x in measures if x["council"] == DG and x["lgbf"]}
    # a share of the looked after children, in a year after the panel's, is of the children the
    # report counts at 31 March (92.0% of 226 sat beside 512 looked after)
    looked_after = {o["period"]: int(o["value"]) for o in observations
                    if o["council"] == DG and o["measure"] == "lac-31-march"}  # fmt: skip
    out = [o for o in observations if o["measure"] not in coded]
    for mid, x in coded.items():
        rows = sorted((r for r in real if r["lgbf"] == x["lgbf"]), key=lambda r: r["period"])
        own = [o for o in observations if o["measure"] == mid]
        if not rows:
            out += own
            continue
        for r in rows:
            if r["period"] >= "2017-18":
                pct = x["unit"] == "percent" and r["numerator"] and r["denominator"]
                out.append(obs(DG, mid, r["period"], "" if pct else round(float(r["value"]), 4),
                               r["numerator"] if pct else "", r["denominator"] if pct else "", source=r["source"]))  # fmt: skip
        last, level = rows[-1]["period"], None
        r = rows[-1]
        level = (100 * float(r["numerator"]) / float(r["denominator"])) if not r["value"] else float(r["value"])
        if x["unit"] == "rate" and not r["value"]:
            level *= 10
        for o in own:
            if o["period"] <= last:
                continue
            k = int(o["period"][:4]) - int(last[:4])
            v = level * (1 + (0.03 if x["unit"] == "currency" else 0.0) * k) + rng.normal(0, abs(level) * 0.02)
            if o["numerator"] != "" and o["denominator"]:
                d = looked_after[o["period"]] if mid in OF_LOOKED_AFTER else int(o["denominator"])
                out.append(obs(DG, mid, o["period"], "", round(d * min(max(v, 0), 100) / 100), d))
            else:
                out.append(obs(DG, mid, o["period"], round(max(v, 0), 2 if x["unit"] != "percent" else 1)))
    return out


def upheld_of_received(observations: list[dict]) -> None:
    """A synthetic council's complaints upheld, a whole number of the complaints received that
    year as a percentage of them (36.4% of 83 gave 30.2 complaints; now 36.1%, 30 of 83): a
    member's first check. Draws nothing, so that the other synthetic series are unchanged."""
    received = {(o["council"], o["period"]): o["value"] for o in observations
                if o["measure"] == "complaints-received" and o["source"] == SYN}  # fmt: skip
    for o in observations:
        r = received.get((o["council"], o["period"]))
        if o["measure"] == "complaints-upheld" and o["source"] == SYN and r:
            o["value"] = round(100 * round(r * o["value"] / 100) / r, 1)


def write(name: str, rows: list[dict], columns: list[str] | None = None) -> None:
    columns = columns or list(rows[0])
    with (DATA / f"{name}.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main() -> None:
    councils, measures, targets, observations, acts, fin, wf, insp, _panel = build()
    observations = from_real_panel(measures, observations)
    write("councils", councils)
    write("measures", measures, M_COLS)
    write("targets", targets)
    write("observations", observations)
    write("actions", acts)
    write("finance", fin)
    write("workforce", wf)
    write("inspections", insp)
    # benchmarks.csv is the real LGBF panel: `swreport import lgbf` makes it from the published workbook
    print(f"wrote {len(measures)} measures, {len(observations)} observations to {DATA}")


if __name__ == "__main__":
    main()
