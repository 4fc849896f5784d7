"""The action rows a report prints (swlib.action_rows)."""

import swlib
from tests.conftest import make_data


def test_actions_and_their_summary(demo):
    a = swlib.actions(demo, "south-lanarkshire", "2007-08-Q2")  # the mid-year (H1) update
    assert len(a) == 14 and set(a["status"]) <= {"Complete", "Green", "Amber", "Red", "Report later"}
    s = swlib.status_summary(a)
    assert s.loc["Total", "Complete"] == 3 and s.loc["Total", "Red"] == 4


def test_actions_for_a_period_without_any(demo):
    a = swlib.actions(demo, "south-lanarkshire", "2023-24-Q2")
    assert a.empty and swlib.status_summary(a).loc["Total", "Total"] == 0


def test_actions_name_measures_by_their_titles(data_dir):
    acts = [{"council": "alpha", "period": "2020-21-Q2", "theme": "T", "action": "Do it", "status": "Green",
             "measure": "m0; m1"},
            {"council": "alpha", "period": "2020-21-Q2", "theme": "T", "action": "Other", "status": "Green",
             "measure": "Fewer delays by March"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, [{"title": "Seen in time"}, {"title": "Reviews done"}], [], actions=acts))
    a = swlib.actions(ds, "alpha", "2020-21-Q2")
    assert list(a["measure"]) == ["Seen in time; Reviews done", "Fewer delays by March"]


def test_an_action_stating_a_figure_of_a_measure_printed_c_is_withheld(data_dir):
    # ATTACK-9 #4: Q3 printed 10 so far; Q4's year to date, 13, is [c] (3 in January to March), and the
    # action on that measure said "13 placements in the year to March" in the actions table beside it
    import pandas as pd

    ms = [{"unit": "count", "polarity": "none", "frequency": "monthly"}, {"unit": "count", "polarity": "none"}]
    months = {0: 3, 6: 7, 9: 3} | {k: 0 for k in (1, 2, 3, 4, 5, 7, 8, 10, 11)}
    obs = [
        {"measure": "m0", "period": str(swlib.Period(2020, "month", k, k)), "value": str(v)} for k, v in months.items()
    ]
    obs += [{"measure": "m1", "period": f"2020-21-Q{q}", "value": "40"} for q in (1, 2, 3, 4)]
    said = "Not on course: 13 placements in the year to March."
    acts = [{"council": "alpha", "period": "2020-21-Q4", "theme": "T", "action": "Keep 13 places open", "status": "Red",
             "measure": "m0", "comment": said},
            {"council": "alpha", "period": "2020-21-Q4", "theme": "T", "action": "Review", "status": "Green",
             "measure": "m1", "comment": "On course: 40 reviews by March."},
            {"council": "alpha", "period": "2020-21-Q4", "theme": "T", "action": "Tracking", "status": "Green",
             "measure": "m0", "comment": "A tracking meeting reviews every child at 20 weeks from 31 March 2021."}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, ms, obs, actions=acts))
    perf = swlib.performance(ds, "alpha", "2020-21-Q4", audience="public")
    assert pd.isna(perf.iloc[0]["to_date"]) and perf.iloc[1]["to_date"] == 160
    a = swlib.actions(ds, "alpha", "2020-21-Q4", audience="public")
    assert "13" not in a.iloc[0]["comment"] and "withheld" in a.iloc[0]["comment"]
    assert "13" not in a.iloc[0]["action"]
    assert list(a.iloc[1:]["comment"]) == [acts[1]["comment"], acts[2]["comment"]]  # no [c], or no figure: printed
    reasons = {(w["column"], w["reason"]) for w in a.attrs["withheld"]}
    assert reasons == {(c, "states a figure on a row whose figure is suppressed [c]") for c in ("action", "comment")}
    assert swlib.actions(ds, "alpha", "2020-21-Q4", audience="public", perf=perf).equals(a)
    assert swlib.actions(ds, "alpha", "2020-21-Q4").iloc[0]["comment"] == said  # internal: as written
