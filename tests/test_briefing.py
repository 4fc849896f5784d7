"""The quarterly report's first page: counts by status, changes since last quarter, attention."""

import pandas as pd

from swlib.briefing import briefing_view, previous_quarter, status_changes
from swlib.periods import Period


def test_the_quarter_before_q1_is_the_year_befores_q4():
    assert str(previous_quarter(Period.parse("2021-22-Q1"))) == "2020-21-Q4"
    assert str(previous_quarter(Period.parse("2021-22-Q3"))) == "2021-22-Q2"


def test_changes_between_green_amber_and_red_worse_first_and_nothing_else():
    before = pd.DataFrame({"measure": ["a", "b", "c", "d", "e"],
                           "status": ["Green", "Red", "Amber", "Report later", "Green"]})  # fmt: skip
    now = pd.DataFrame({"measure": ["a", "b", "c", "d", "e"], "title": ["A", "B", "C", "D", "E"],
                        "status": ["Green", "Amber", "Red", "Red", "Data only"]})  # fmt: skip
    changes = status_changes(now, before)
    assert changes == [
        {"title": "C", "was": "Amber", "now": "Red", "better": False},
        {"title": "B", "was": "Red", "now": "Amber", "better": True},
    ]  # a measure newly reported (d) or without a target (e) has not changed status


def test_the_demo_quarter_at_a_glance(demo):
    from swlib import performance

    P = Period.parse("2021-22-Q2")
    perf = performance(demo, "south-lanarkshire", P)
    perf["sentence"] = "One line."
    v = briefing_view(demo, "south-lanarkshire", perf, P)
    counts = dict(v["counts"])
    assert sum(counts.values()) == v["total"] == len(perf)
    assert counts["Red"] == (perf["status"] == "Red").sum() > 0
    assert v["since"] == "2021/22 Quarter 1"
    assert [a["status"] for a in v["attention"]] == sorted(
        (a["status"] for a in v["attention"]), key="Red Amber".split().index
    )
    assert {a["title"] for a in v["attention"]} == set(
        perf.loc[perf["status"].isin(["Red", "Amber"]) & perf["to_date"].notna(), "title"]
    )
    assert all(a["line"] == "One line." and a["id"].startswith("attention-") for a in v["attention"])
    assert v["changes"] and all(c["was"] != c["now"] for c in v["changes"])


def test_a_public_glance_counts_suppressed_statuses_so_the_counts_add_up_to_the_total(demo):
    from swlib import performance

    P = Period.parse("2023-24-Q2")
    perf = performance(demo, "dumfries-and-galloway", P, audience="public")
    perf["sentence"] = ""
    assert (perf["status"] == "Suppressed").any()  # the demo's public quarter has suppressed statuses
    counts = dict(briefing_view(demo, "dumfries-and-galloway", perf, P, "public")["counts"])
    assert counts["Suppressed"] == (perf["status"] == "Suppressed").sum()
    assert sum(counts.values()) == len(perf)
