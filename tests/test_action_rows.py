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
