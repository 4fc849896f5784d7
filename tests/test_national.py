"""The national overview: Scotland-wide views of the real LGBF panel, and the rendered report."""

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from swlib import national
from swlib.cli import main


def test_funnel_limits_against_hand_worked_figures():
    # rate: 100 per 1,000 over 1,000 discharges, so 100 events expected; exact Poisson limits are
    # chi2(0.001, 200)/2 = 71.92 and chi2(0.999, 202)/2 = 134.92 events (normal approximation 100 +/- 30.9)
    r = national.funnel_limits([1000], 100, "rate").iloc[0]
    assert r["lower_99.8"] == pytest.approx(71.921, abs=1e-3) and r["upper_99.8"] == pytest.approx(134.924, abs=1e-3)
    assert r["lower_95"] == pytest.approx(81.364, abs=1e-3) and r["upper_95"] == pytest.approx(121.627, abs=1e-3)
    # proportion: 50% of 100; exact binomial (beta quantiles) 39.83% to 60.17% at 95%, symmetric about 50%
    p = national.funnel_limits([100], 50, "proportion").iloc[0]
    assert p["lower_95"] == pytest.approx(39.832, abs=1e-3) and p["upper_95"] == pytest.approx(60.168, abs=1e-3)
    assert p["lower_99.8"] + p["upper_99.8"] == pytest.approx(100)
    wide, narrow = national.funnel_limits([100, 100000], 100, "rate")["upper_99.8"]
    assert wide > narrow > 100  # the funnel narrows as the denominator grows
    with pytest.raises(ValueError, match="kind must be"):
        national.funnel_limits([10], 1, "cost")


def test_positions_change_matrix_and_family_groups_on_the_real_panel(demo):
    pos = national.positions(demo, "2019-20")
    dg = pos[(pos["lgbf"] == "SW6") & (pos["council"] == "dumfries-and-galloway")].iloc[0]
    assert dg["value"] == pytest.approx(93.895876) and dg["change"] == pytest.approx(93.895876 - 90.991866)
    assert dg["rank"] == 10 and dg["quartile"] == 2
    m = national.quartile_matrix(pos)
    assert m.shape[0] == 32 and m.loc["Dumfries and Galloway", "SW6"] == 2
    fam = national.family_medians(pos)
    g1 = fam[(fam["lgbf"] == "SW6") & (fam["family_group"] == 1)].iloc[0]
    assert "Dundee City" in g1["councils"] and "Glasgow City" in g1["councils"]
    f = national.funnel(pos[pos["lgbf"] == "SW6"])
    assert f.attrs["centre"] == pytest.approx(104.686781) and f.attrs["kind"] == "rate"
    dundee = f.set_index("council_name").loc["Dundee City"]
    assert dundee["outside"] == "above" and dundee["value"] > dundee["upper_99.8"]
    assert national.funnel(pos[pos["lgbf"] == "SW1"]) is None  # a cost has no denominator


@pytest.mark.slow
def test_the_national_report_renders_and_reads_as_a_report(tmp_path):
    r = CliRunner().invoke(main, ["run", "national", "--period", "2019-20", "--out", str(tmp_path)])
    assert r.exit_code == 0, r.output
    page = BeautifulSoup((tmp_path / "scotland" / "2019-20" / "national.html").read_text(), "html.parser")
    text = " ".join(page.get_text(" ").split())
    assert "Local Government Benchmarking Framework (LGBF)" in text and "lgbf-benchmarking-data-2022-01.xlsx" in text
    assert not page.select(".banner")  # real figures: no illustrative-data banner
    assert "Outside the 99.8% limits, above Scotland's figure by more than chance would explain: " in text
    ranking = next(t for t in page.select("table.ranking") if t.caption.get_text().startswith("SW6"))
    assert len(ranking.select("tbody tr")) == 32 and ranking.select("thead th[scope=col]")
    for img in page.select("img"):
        assert img.get("alt") is not None
    assert all(img["alt"] for img in page.select("figure img"))
    assert page.select("table.matrix td.q1") and "● 1" in page.select_one("table.matrix").get_text(" ")
    assert "swlib" not in text.split("Generated")[0]  # no code or jargon before the footer


def test_scotlands_trend_is_fingertips_where_the_lgbf_has_counts(demo):
    sw8 = national.scotland_trend(demo, "SW8", "2019-20", "lower")  # bed days per 1,000 people 75+: 915 -> 774
    assert sw8["trend"] == "decreasing" and sw8["reading"] == "improving" and sw8["method"] == "weighted regression"
    assert (sw8["first"], sw8["last"]) == ("2015/16", "2019/20")
    sw6 = national.scotland_trend(demo, "SW6", "2019-20", "lower")  # readmissions per 1,000 discharges, rising
    assert sw6["trend"] == "increasing" and sw6["reading"] == "worsening"
    assert national.scotland_trend(demo, "SW1", "2019-20", "lower")["trend"] == "cannot be calculated"  # a cost


@pytest.mark.slow
def test_councils_restrict_the_national_report_but_not_the_ranking(tmp_path):
    r = CliRunner().invoke(main, ["run", "national", "--period", "2019-20", "--councils", "dundee-city,fife",
                                  "--out", str(tmp_path)])  # fmt: skip
    assert r.exit_code == 0, r.output
    page = BeautifulSoup((tmp_path / "scotland" / "2019-20" / "national.html").read_text(), "html.parser")
    text = " ".join(page.get_text(" ").split())
    assert "This version shows 2 of the 32 councils: Dundee City, Fife." in text
    sw6 = next(t for t in page.select("table.ranking") if t.caption.get_text().startswith("SW6"))
    rows = {tr.th.get_text(): [td.get_text() for td in tr.select("td")] for tr in sw6.select("tbody tr")}
    assert set(rows) == {"Dundee City", "Fife"} and rows["Dundee City"][1] != "1st"  # ranked among all 32
    assert "Statistical trend over the five years 2015/16 to 2019/20: increasing, and getting worse" in text


def test_the_national_report_checks_its_councils():
    r = CliRunner().invoke(main, ["run", "national", "--period", "2019-20", "--councils", "dundee-city,atlantis"])
    assert r.exit_code == 2 and "unknown council(s) atlantis" in r.output
    r = CliRunner().invoke(
        main, ["run", "quarterly", "--council", "fife", "--period", "2019-20-Q2", "--councils", "fife"]
    )
    assert r.exit_code == 2 and "--councils is for the national report" in r.output


def test_the_national_report_takes_no_council():
    r = CliRunner().invoke(main, ["run", "national", "--period", "2019-20", "--council", "dundee-city"])
    assert r.exit_code == 2 and "covers every council" in r.output
    r = CliRunner().invoke(main, ["run", "national", "--period", "2019-20-Q2"])
    assert r.exit_code == 2 and "financial year" in r.output
