"""Budget shares as printed add to the total row's 100% (COMMITTEE-5, finding 7)."""

from __future__ import annotations

import pandas as pd

from swlib.charts.council import budget_chart
from swlib.shares import rounded_shares, share_texts
from swlib.views import money_view


def _sum(texts):
    return round(sum(float(t.rstrip("%")) for t in texts), 6)


def test_the_shares_a_committee_added_to_more_or_less_than_100_now_add_to_100():
    # SL 2021/22 printed 5% + 75% + 20% + 0.9% = 100.9%; D&G 2023/24 71 + 11 + 1 + 13 + 3 = 99%
    sl = [8.0e6, 120.6e6, 32.3e6, 1.45e6]
    assert share_texts(sl) == ["4.9%", "74.3%", "19.9%", "0.9%"] and _sum(share_texts(sl)) == 100
    dg = [71.4, 11.4, 1.4, 13.4, 2.4]  # each rounds down: plain rounding gives 99%; equal remainders: the largest up
    assert share_texts(dg) == ["72%", "11%", "1%", "14%", "2%"] and _sum(share_texts(dg)) == 100
    dundee = [29.4, 0.23, 31.77, 38.6]  # plain rounding gave 29% + 0.2% + 32% + 39% = 100.2%
    assert _sum(share_texts(dundee)) == 100 and share_texts(dundee)[1] == "0.2%"


def test_each_share_is_its_exact_share_rounded_down_or_up():
    amounts = [3, 3, 3, 1, 7, 11]
    total = sum(amounts)
    for a, s in zip(amounts, rounded_shares(amounts), strict=True):
        assert abs(s - 100 * a / total) < 1
    assert rounded_shares([1, 1, 1]) == [34.0, 33.0, 33.0]  # a tie: the earlier line takes the point
    assert share_texts([0.0, 0.0]) == ["–", "–"]  # no share of nothing


def test_the_budget_table_and_its_chart_print_the_same_shares_that_add_to_100():
    lines = pd.DataFrame(
        {"line": ["Children", "Adults", "Justice", "Support"], "amount": [8.0e6, 120.6e6, 32.3e6, 1.45e6]}
    )
    table = money_view(lines, "2021/22 revenue budget by service")
    shares = [r["cells"][1]["text"] for r in table["rows"]]
    assert shares == ["4.9%", "74.3%", "19.9%", "0.9%", "100%"] and _sum(shares[:-1]) == 100
    svg = budget_chart(lines, "2021/22 revenue budget").svg
    for label in ("£8.0m (4.9%)", "£120.6m (74.3%)", "£32.3m (19.9%)", "£1.4m (0.9%)"):
        assert label in svg, label
