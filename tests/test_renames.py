"""A measure renamed after a public report printed it (swlib.renames): its figures printed under
the old id are still set against the new one, however it was renamed."""

import pandas as pd

import swlib
from swlib import published
from swlib.renames import renamed
from tests.conftest import DG, demo_with


def _record(rows):
    return pd.DataFrame(
        [{"measure": m, "year": y, "months": 12, "value": v, "numerator": float("nan"), "denominator": float("nan"),
          "parts": 1, "title": t} for m, y, v, t in rows],
        columns=published.COLUMNS,
    )  # fmt: skip


def test_a_vanished_id_follows_the_new_id_that_replaces_it_or_prints_its_history_again():
    record = _record([("old", "2021-22", 10, "Old words"), ("old", "2023-24", 9, "Old words")])
    titles = {"new": "New words", "other": "Other"}
    assert set(renamed(record, titles)["measure"]) == {"old"}  # neither id nor title: no link
    assert set(renamed(record, titles, {"new": "old"})["measure"]) == {"old", "new"}  # declared
    printed = {"new": {("2021-22", 12, 10.0), ("2023-24", 12, 12.0)}, "other": {("2021-22", 12, 55.0)}}
    out = renamed(record, titles, None, printed)  # 2021-22 as printed, 2023-24 revised: one of two agree
    assert set(out["measure"]) == {"old", "new"}
    assert list(out.loc[out["measure"] == "new", "value"]) == [10, 9]
    # a new measure whose figures of the same years all differ is another measure
    assert set(renamed(record, titles, None, {"new": {("2021-22", 12, 40.0), ("2023-24", 12, 41.0)}})["measure"]) == {
        "old"
    }


def test_attack_a_revision_is_caught_when_the_id_and_title_change_together(tmp_path):
    # ATTACK-3 finding 4: the 2023-24 public annual report printed "Emergency placements of children subject to
    # supervision requirements" 8 10 [c] 9; the measure is then renamed (id lac-emergency-cso, title "... on a
    # compulsory supervision order"), 2023-24 revised to 12 and 2024-25 (11) added: the 2024-25 report printed
    # 10 [c] 12 11, and 12 beside the 9 published told that 3 placements were recorded late
    ds = demo_with(tmp_path / "a")
    first = swlib.performance(ds, DG, "2023-24", audience="public", published=published.empty())
    record = pd.DataFrame(list(first.attrs["printed"]), columns=published.COLUMNS)
    row = record[(record["measure"] == "lac-emergency-placements") & (record["year"] == "2023-24")]
    assert list(row["value"]) == [9]
    folder = tmp_path / "b"
    demo_with(folder, observations=[{"measure": "lac-emergency-placements", "period": "2024-25", "value": "11"}],
              changed={("lac-emergency-placements", "2023-24"): {"value": "12"}})  # fmt: skip
    for name in ("measures", "observations"):
        path = folder / f"{name}.csv"
        path.write_text(path.read_text().replace("lac-emergency-placements", "lac-emergency-cso"))
    path = folder / "measures.csv"
    path.write_text(path.read_text().replace("children subject to supervision requirements",
                                             "children on a compulsory supervision order"))  # fmt: skip
    pub = swlib.performance(swlib.load(folder), DG, "2024-25", audience="public", published=record)
    pub = pub.set_index("measure")
    assert pub.loc["lac-emergency-cso", "2021-22"] == 10 and pub.loc["lac-emergency-cso", "to_date"] == 11
    assert pd.isna(pub.loc["lac-emergency-cso", "2023-24"]), "12 beside the 9 published gives 3 away"
    assert "2023-24:earlier" in pub.loc["lac-emergency-cso", "suppressed_why"]
