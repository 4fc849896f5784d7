"""One figure per fact: an LGBF-coded measure takes its yearly figures from the LGBF panel."""

import pytest

import swlib
from swlib import measure_series, measure_spc, panel, trends
from swlib.benchmarking import benchmark
from tests.conftest import make_data, write_csv

SOURCE = "Improvement Service, LGBF"


def test_the_panels_figure_replaces_the_councils_own_for_the_years_it_has(data_dir):
    folder = make_data(
        data_dir,
        [{"unit": "currency", "polarity": "lower", "frequency": "annual", "aggregate": "latest", "target": "29",
          "decimals": "2"}],
        [{"measure": "m0", "period": "2019-20", "value": "29.81", "source": "synthetic"},
         {"measure": "m0", "period": "2020-21", "value": "30.46", "comment": "Costs rose", "status": "Amber",
          "source": "synthetic"},
         {"measure": "m0", "period": "2021-22", "value": "20.50", "source": "synthetic"}],
    )  # fmt: skip
    measures = (folder / "measures.csv").read_text().splitlines()  # make_data writes no lgbf column
    (folder / "measures.csv").write_text("\n".join([measures[0] + ",lgbf", measures[1] + ",SW1"]) + "\n")
    write_csv(folder / "benchmarks.csv", [
        {"lgbf": "SW1", "title": "Home care costs per hour", "unit": "currency", "polarity": "lower", "council": c,
         "council_name": n, "family_group": g, "period": p, "value": v, "numerator": "", "denominator": "", "source": SOURCE}
        for c, n, g in (("alpha", "Alpha Council", "1"), ("beta", "Beta Council", "2"))
        for p, v in (("2019-20", "18.0" if c == "alpha" else "25"), ("2020-21", "19.3" if c == "alpha" else "26"))
    ])  # fmt: skip
    ds = swlib.load(folder)
    o = panel.observations(ds, "alpha").set_index("period")
    assert o.loc["2020-21", "value"] == 19.3 and bool(o.loc["2020-21", "from_panel"])
    assert (o.loc["2020-21", "status"], o.loc["2020-21", "comment"]) == (
        "Amber",
        "Costs rose",
    )  # the officer's words kept
    assert o.loc["2021-22", "value"] == 20.5 and o.loc["2021-22", "source"] == "synthetic"  # a year the panel lacks
    # made once per data set and council: a report asks for it about 60 times (series, trends, the table)
    assert panel.observations(ds, "alpha") is panel.observations(ds, "alpha")

    perf = swlib.performance(ds, "alpha", "2021-22").iloc[0].to_dict()
    assert (perf["2019-20"], perf["2020-21"], perf["last_year"], perf["to_date"]) == (18.0, 19.3, 19.3, 20.5)
    assert swlib.status.synthetic_columns(perf) == {"to_date"}
    b = benchmark(ds, "2020-21", "alpha").iloc[0]
    assert b["value"] == perf["2020-21"]  # the benchmarking section prints the same figure
    assert list(measure_series.series(ds, "alpha", "m0", "2021-22")["value"]) == [18.0, 19.3, 20.5]


def test_dumfries_and_galloway_prints_one_figure_for_each_lgbf_fact(demo):
    """The real figures: section 3.3's earlier years are the panel's (home care £19.25 an hour in
    2020/21, not the synthetic £30.46), the same figure the benchmarking section shows."""
    perf = swlib.performance(demo, "dumfries-and-galloway", "2023-24-Q2").set_index("measure")
    b = benchmark(demo, "2023-24", "dumfries-and-galloway").set_index("lgbf")
    expected = {"dg-home-care-cost": 19.25, "dg-residential-cost": 203.55, "dg-sds-spend": 6.09,
                "dg-readmission-rate": 107.72}  # fmt: skip
    for measure, figure in expected.items():
        code = perf.at[measure, "lgbf"]
        assert perf.at[measure, "2020-21"] == pytest.approx(figure, abs=0.005), measure
        assert b.at[code, "period"] == "2020-21" and b.at[code, "value"] == pytest.approx(perf.at[measure, "2020-21"])
    said = trends.describe(perf.reset_index(), demo, "dumfries-and-galloway", "2023-24-Q2")
    assert not [
        s for s in said if "Scotland" in s and "than Scotland in " not in s and "(the latest year compared" not in s
    ]  # every comparison names its year
    # a 2022/23 figure is not called better than Scotland in 2020/21: each figure's year is named
    assert any("to 104.6 in 2022/23" in s and "in 2020/21 (the latest year compared with Scotland) the figure was "
               "better than Scotland's" in s for s in said)  # fmt: skip
    assert not any("better than Scotland in 2020/21" in s for s in said)


def test_a_council_the_panel_does_not_cover_keeps_its_own_observations(demo):
    """A council outside the LGBF panel (a copy, a council outside Scotland) with LGBF-coded measures."""
    from dataclasses import replace

    import swlib
    from swlib.panel import observations

    ds = replace(demo, benchmarks=demo.benchmarks[demo.benchmarks["council"] != "dumfries-and-galloway"], memo={})
    obs = observations(ds, "dumfries-and-galloway")
    assert not obs["from_panel"].any()
    assert len(obs) == (demo.observations["council"] == "dumfries-and-galloway").sum()
    assert len(swlib.performance(ds, "dumfries-and-galloway", "2023-24-Q2")) > 0


def test_a_cost_takes_the_panels_real_terms_figures_and_names_their_prices(demo):
    """D&G's home care cost per hour: £18.83 in cash in 2015/16 is £21.81 at 2020/21 prices
    (the LGBF's real-terms column); its own later years stay cash, without a price year."""
    o = panel.observations(demo, "dumfries-and-galloway").set_index(["measure", "period"])
    assert o.loc[("dg-home-care-cost", "2015-16"), "value"] == pytest.approx(21.80811961)
    assert o.loc[("dg-home-care-cost", "2015-16"), "price_year"] == "2020-21"
    assert o.loc[("dg-home-care-cost", "2022-23"), "price_year"] is None  # the council's own, cash
    assert o.loc[("dg-sds-spend", "2019-20"), "price_year"] is None  # a percentage has no prices


def test_a_costs_spc_chart_runs_on_real_terms_only(demo):
    """CHN8a from 2010/11: the LGBF's years at 2020/21 prices (£4,926.68 and £4,853.96, not the
    cash £3,945.70 and £4,550.48); the cash years after them are not on the chart."""
    chart = measure_spc.long_trend(demo, "dumfries-and-galloway", "dg-lac-residential-cost", "2023-24-Q2", target=4961)
    assert chart.attrs["price_year"] == "2020-21"
    assert (chart["label"].iloc[0], chart["label"].iloc[-1]) == ("2010/11", "2019/20")
    assert chart["value"].iloc[0] == pytest.approx(4926.680098)
    assert chart["value"].iloc[-1] == pytest.approx(4853.958713)
    from swlib.views.spc import spc_title

    assert spc_title("Cost", chart) == "Cost, real terms (£ at 2020/21 prices)"
    assert chart.attrs["assurance"] is None  # no cash target drawn on a chart at 2020/21 prices


def test_a_cost_is_never_compared_across_years_in_cash(demo):
    """This year's cash figure is not set against last year's cash one: no trend arrow, the row
    says which figures are real terms at which prices and which are cash, the sentence says why."""
    from swlib.views.performance import trend_reason

    perf = swlib.performance(demo, "dumfries-and-galloway", "2023-24-Q2").set_index("measure")
    said = trends.describe(perf.reset_index(), demo, "dumfries-and-galloway", "2023-24-Q2")
    for i, measure in enumerate(perf.index):
        r = perf.loc[measure].to_dict()
        if measure not in ("dg-home-care-cost", "dg-residential-cost", "dg-lac-residential-cost"):
            continue
        assert r["trend"] == "no comparison" and not said.iloc[i].startswith(("Up", "Down")), measure
        assert "not compared with" in said.iloc[i] and "not adjusted for inflation" in said.iloc[i], measure
        assert trend_reason({**r, "measure": measure}) == "no comparison: cash, not adjusted for inflation"
    # one price basis in the row, named: 2020/21's LGBF figure at 2020/21 prices is its cash figure too
    # (£19.25 either way), so the row is cash, each year at its own prices, not "real terms beside cash"
    assert perf.at["dg-home-care-cost", "prices"] == (
        "£ cash, each year at its own prices, not adjusted for inflation: not compared across years"
    )
    assert perf.at["dg-home-care-cost", "2020-21"] == pytest.approx(19.251759)
    b = demo.benchmarks.set_index(["lgbf", "council", "period"])
    assert b.at[("SW1", "dumfries-and-galloway", "2020-21"), "value"] == pytest.approx(19.251759)  # cash
    assert perf.at["dg-sds-spend", "prices"] is None and perf.at["dg-sds-spend", "trend"] != "no comparison"


def test_the_benchmarking_section_shows_a_cost_at_the_same_prices_as_its_chart(demo):
    """CHN8a in 2019/20: £4,854 at 2020/21 prices in section 6, the figure the SPC chart of the
    same cost shows, not the cash £4,550.5 at 2019/20 prices beside it."""
    from swlib.periods import Period
    from swlib.views import benchmark_view

    v = benchmark_view(demo, "dumfries-and-galloway", Period.parse("2023-24-Q2"))
    row = next(r for r in v["rows"] if r["indicator"].startswith("CHN8a"))
    assert row["indicator"].endswith("(£ at 2020/21 prices)") and row["value"] == "£4,854"
    chart = measure_spc.long_trend(demo, "dumfries-and-galloway", "dg-lac-residential-cost", "2023-24-Q2")
    assert f"£{chart['value'].iloc[-1]:,.0f}" == row["value"]  # whole pounds from £100


def test_a_cost_row_never_sets_real_terms_beside_cash(demo):
    """D&G's 2021/22 report: CHN8a's 2018/19 and 2019/20 are the LGBF's at 2020/21 prices, its
    2020/21 and 2021/22 the council's own in cash. One row, one price basis: all cash, each year
    at its own prices (2019/20's £4,550.48, the LGBF's cash column, not £4,853.96 at 2020/21
    prices), named so. A row in real terms throughout (2020/21 Q2) keeps them and compares."""
    perf = swlib.performance(demo, "dumfries-and-galloway", "2021-22").set_index("measure")
    r = perf.loc["dg-lac-residential-cost"]
    assert r["2019-20"] == pytest.approx(4550.480769) and r["2020-21"] == pytest.approx(4653.76)
    assert r["prices"] == "£ cash, not adjusted for inflation: not compared across years"
    assert r["trend"] == "no comparison" and r["cash"] == "cash, not adjusted for inflation"
    real = swlib.performance(demo, "dumfries-and-galloway", "2020-21-Q2").set_index("measure")
    assert real.at["dg-lac-residential-cost", "2019-20"] == pytest.approx(4853.958713)
    assert real.at["dg-lac-residential-cost", "prices"].startswith("£ at 2020/21 prices (real terms, LGBF)")
