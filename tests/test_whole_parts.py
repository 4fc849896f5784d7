"""A whole beside the parts printed with it, and a value-only percentage part of a count
(swlib.whole_parts), attacked as a journalist did (ATTACK-5): the demo data with a few rows changed."""

import pandas as pd
import pytest

import swlib
from swlib import published
from tests.conftest import DG, demo_with


def public(ds, period, record=None):
    return swlib.performance(ds, DG, period, audience="public", published=published.empty() if record is None
                             else record).set_index("measure")  # fmt: skip


def _lac_data(folder, parts):
    """ATTACK-5 findings 2 and 5: D&G's looked after children (a snapshot count) and value-only percentages
    declared part_of it, given as 100 x n / count at 1 decimal (``parts``: {measure: (title, {period: n})})."""
    lac = {"2022-23-Q4": 446, "2023-24-Q1": 450, "2023-24-Q2": 452, "2023-24-Q3": 470, "2023-24-Q4": 480}
    count = {"measure": "dg-lac", "title": "Looked after children at the end of the quarter", "unit": "count",
             "theme": "Social Work Services success measures", "outcome": "Children and families", "polarity": "none",
             "frequency": "quarterly", "aggregate": "latest", "decimals": "0", "council": DG, "source": "synthetic"}  # fmt: skip
    ms = [count] + [{**count, "measure": m, "title": t, "unit": "percent", "decimals": "1", "part_of": "dg-lac"}
                    for m, (t, _) in parts.items()]  # fmt: skip
    obs = [{"measure": "dg-lac", "period": p, "value": str(v)} for p, v in lac.items()]
    obs += [{"measure": m, "period": p, "value": f"{100 * n / lac[p] + 1e-9:.1f}"}
            for m, (_, ns) in parts.items() for p, n in ns.items()]  # fmt: skip
    return demo_with(folder, ms, obs)


def test_attack_a_value_only_percentage_part_of_a_count_gives_no_snapshots_change(tmp_path):
    # ATTACK-5 finding 2: 10.4% of 470 at Q3 is 49 placed out of the area, 10.8% of 480 at Q4 is 52: 3 more, the
    # net change a snapshot count is hidden for; the numerators it gives are counts like any other
    ooa = {"2022-23-Q4": 60, "2023-24-Q1": 70, "2023-24-Q2": 80, "2023-24-Q3": 49, "2023-24-Q4": 52}
    ds = _lac_data(tmp_path / "a", {"dg-lac-ooa": ("Looked after children placed outside the council area", ooa)})
    pub = public(ds, "2023-24-Q4")
    assert pub.loc["dg-lac", "to_date"] == 480  # 480 against 470: 10, printed
    assert pd.isna(pub.loc["dg-lac-ooa", "to_date"]) and "to_date:earlier" in pub.loc["dg-lac-ooa", "suppressed_why"]
    # at Q3 49 of 470 against 80, 70 and the 60 of the year before: printed
    assert public(ds, "2023-24-Q3").loc["dg-lac-ooa", "to_date"] == pytest.approx(10.4)


def test_attack_two_value_only_percentages_part_of_one_count_give_no_small_difference(tmp_path):
    # ATTACK-5 finding 5: 45.0% and 44.4% of 480 looked after children are 216 and 213: 3 away from home but not in
    # foster care; the shared-base rule applies to the numerators they give, as to numerators given
    away = {"2022-23-Q4": 100, "2023-24-Q1": 120, "2023-24-Q2": 150, "2023-24-Q3": 180, "2023-24-Q4": 216}
    foster = {"2022-23-Q4": 20, "2023-24-Q1": 40, "2023-24-Q2": 60, "2023-24-Q3": 90, "2023-24-Q4": 213}
    ds = _lac_data(tmp_path / "a", {"dg-lac-away": ("Looked after children accommodated away from home", away),
                                    "dg-lac-foster": ("Looked after children in foster care", foster)})  # fmt: skip
    pub = public(ds, "2023-24-Q4")
    assert pub.loc["dg-lac-away", "to_date"] == pytest.approx(45.0)
    assert pd.isna(pub.loc["dg-lac-foster", "to_date"])  # the smaller numerator
    assert "to_date:complement" in pub.loc["dg-lac-foster", "suppressed_why"]
    assert public(ds, "2023-24-Q3").loc["dg-lac-foster", "to_date"] == pytest.approx(19.1)  # 90 of 470: 90 apart


def _referrals(folder, years):
    """ATTACK-5 finding 6's data: D&G's child protection referrals and three parts of them, by source."""
    base = {"theme": "Statutory functions", "outcome": "Child protection", "unit": "count", "polarity": "none",
            "frequency": "annual", "aggregate": "sum", "decimals": "0", "council": DG, "source": "synthetic"}  # fmt: skip
    ids = ["dg-cpref", "dg-cpref-police", "dg-cpref-health", "dg-cpref-education"]
    ms = [{**base, "measure": ids[0], "title": "Child protection referrals received"}]
    ms += [{**base, "measure": m, "title": f"Child protection referrals received from {w}", "part_of": ids[0]}
           for m, w in zip(ids[1:], ("the police", "health services", "education"), strict=True)]  # fmt: skip
    obs = [
        {"measure": m, "period": y, "value": str(v)} for y, vs in years.items() for m, v in zip(ids, vs, strict=True)
    ]
    return demo_with(folder, ms, obs)


def test_attack_a_revision_does_not_move_the_secondary_c_onto_a_part_printed_before(tmp_path):
    # ATTACK-5 finding 6: 2022/23 printed as received 100, police [c], health [c], education 50; revised a year
    # later to 105 with health 52, the smallest part printed became education (50), so health printed 52 and
    # education [c]: with education's 50 of a year ago, police = 105 - 52 - 50 = 3
    years = {"2019-20": (120, 40, 40, 40), "2020-21": (110, 30, 40, 40), "2021-22": (105, 35, 35, 35)}
    v1 = public(_referrals(tmp_path / "a", {**years, "2022-23": (100, 3, 47, 50)}), "2022-23")
    assert pd.isna(v1.loc["dg-cpref-health", "to_date"]) and v1.loc["dg-cpref-education", "to_date"] == 50
    record = pd.DataFrame(list(v1.attrs["printed"]), columns=published.COLUMNS)
    ds = _referrals(tmp_path / "b", {**years, "2022-23": (105, 3, 52, 50), "2023-24": (130, 40, 45, 45)})
    assert pd.isna(public(ds, "2023-24").loc["dg-cpref-education", "2022-23"])  # the data alone: the smallest
    v2 = public(ds, "2023-24", record)
    assert v2.loc["dg-cpref-education", "2022-23"] == 50 and v2.loc["dg-cpref", "2022-23"] == 105
    for m in ("dg-cpref-police", "dg-cpref-health"):
        assert pd.isna(v2.loc[m, "2022-23"]), m
