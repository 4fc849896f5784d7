"""Benchmarking: rank by polarity, quartile, family and Scotland values, comparison with Scotland."""

import pytest

import swlib
from swlib.benchmarking import benchmark, ordinal
from tests.conftest import make_data, write_csv

COLS = [
    "lgbf",
    "title",
    "unit",
    "polarity",
    "council",
    "council_name",
    "family_group",
    "period",
    "value",
    "numerator",
    "denominator",
]


def panel(data_dir, rows):
    make_data(data_dir, [{}], [])
    write_csv(data_dir / "benchmarks.csv", rows, COLS)
    return swlib.load(data_dir)


def row(code, council, fg, period="2020-21", polarity="higher", **kw):
    return {"lgbf": code, "title": code, "unit": kw.pop("unit", "percent"), "polarity": polarity, "council": council,
            "council_name": council.title(), "family_group": fg, "period": period, **kw}  # fmt: skip


def test_rank_quartile_family_and_scotland(data_dir):
    rows = [
        row("X1", f"c{i}", 1 + i % 2, value=v, unit="currency", polarity="lower")
        for i, v in enumerate([10, 20, 30, 40, 50, 60, 70, 80])
    ]
    b = benchmark(panel(data_dir, rows), "2020-21").set_index("council")
    assert list(b["rank"]) == [1, 2, 3, 4, 5, 6, 7, 8]  # lower is better: the cheapest ranks first
    assert list(b["quartile"]) == [1, 1, 2, 2, 3, 3, 4, 4]
    assert b.loc["c0", "scotland_value"] == 45  # no numerators: the mean
    assert b.loc["c0", "family_value"] == 40 and b.loc["c1", "family_value"] == 50  # odd and even councils
    assert set(b["comparison"]) == {"not compared"}  # no confidence interval for a cost


def test_ties_share_the_better_rank(data_dir):
    rows = [row("X1", c, 1, value=v) for c, v in (("a", 5), ("b", 7), ("c", 7), ("d", 1))]
    b = benchmark(panel(data_dir, rows), "2020-21").set_index("council")
    assert (b.loc["b", "rank"], b.loc["c", "rank"], b.loc["a", "rank"], b.loc["d", "rank"]) == (1, 1, 3, 4)


def test_better_similar_worse_than_scotland_by_wilson_interval(data_dir):
    rows = [
        row("P", "big-good", 1, numerator=900, denominator=1000),  # 90%, CI well above 80%
        row("P", "small", 1, numerator=8, denominator=10),  # 80%: similar
        row("P", "big-bad", 2, numerator=700, denominator=1000),  # 70%: worse
        row("P", "rest", 2, numerator=2400, denominator=3000),  # 80%
    ]
    b = benchmark(panel(data_dir, rows), "2021-22").set_index("council")  # the latest panel year before
    assert b.attrs["period"] == "2020-21"
    assert b.loc["big-good", "scotland_value"] == pytest.approx(100 * 4008 / 5010)  # pooled
    assert b.loc["big-good", "comparison"] == "better"
    assert b.loc["small", "comparison"] == "similar"
    assert b.loc["big-bad", "comparison"] == "worse"
    assert b.loc["small", "lower"] < 80 < b.loc["small", "upper"]


def test_lower_polarity_reverses_better_and_worse(data_dir):
    rows = [
        row("P", "a", 1, polarity="lower", numerator=100, denominator=1000),
        row("P", "b", 1, polarity="lower", numerator=300, denominator=1000),
    ]
    b = benchmark(panel(data_dir, rows), "2020-21").set_index("council")
    assert b.loc["a", "comparison"] == "better" and b.loc["a", "rank"] == 1


def test_no_panel_year_yet(data_dir):
    b = benchmark(panel(data_dir, [row("X1", "a", 1, value=1)]), "2019-20")
    assert b.empty and b.attrs["period"] is None


def test_demo_panel_has_all_32_councils(demo):
    b = benchmark(demo, "2023-24")
    assert b.groupby("lgbf")["council"].nunique().eq(32).all()
    assert b.groupby("lgbf")["rank"].max().le(32).all()
    dg = b[b["council"] == "dumfries-and-galloway"]
    assert len(dg) == 17 and set(dg["family_group"]) == {2}  # LGBF deprivation family group 2


def test_ordinal():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 32)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "32nd",
    ]


def test_benchmarking_on_the_real_panel(demo):
    b = swlib.benchmark(demo, "2023-24", "dumfries-and-galloway").set_index("lgbf")
    assert b.loc["SW6", "period"] == "2020-21" and b.loc["CHN9", "period"] == "2019-20"  # each its latest year
    assert b.loc["SW6", "scotland_value"] == pytest.approx(120.0284)  # the published Scotland figure
    assert b.loc["SW6", "comparison"] == "better"  # 107.7 per 1,000, Byar's interval below Scotland's 120.0
    assert b.loc["SW6", "lower"] < 107.7205 < b.loc["SW6", "upper"] < 120.0284
    assert b.loc["SW5", "rank"] == 1  # the lowest care home cost ranks first: "One is high" is No
    assert b.loc["SW1", "comparison"] == "not compared"  # no interval for a cost
    full = swlib.benchmark(demo, "2023-24")
    assert full.groupby("lgbf")["council"].nunique().eq(32).all() and "scotland" not in set(full["council"])
    assert full.groupby("lgbf")["rank"].max().le(32).all()
