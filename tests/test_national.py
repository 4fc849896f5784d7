"""The national overview: Scotland-wide views of the real LGBF panel, and the rendered report."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

import swlib
from swlib import national
from swlib.cli import main
from swlib.periods import Period


def test_funnels_allow_for_overdispersion_on_the_real_panel(demo):
    # SW6, readmissions of discharges as a proportion (FunnelPlotR "PR", per 1,000): the councils
    # vary 48 times as much as chance explains, so the limits widen and only Orkney is outside
    sw6 = national.funnel(demo, "SW6", "2019-20")
    assert len(sw6) == 32 and sw6.attrs["data_type"] == "PR" and sw6.attrs["adjusted"]
    assert sw6.attrs["phi"] == pytest.approx(48.25796, rel=1e-6) and sw6.attrs["tau2"] == pytest.approx(
        3.68e-4, rel=1e-3
    )
    assert sw6.attrs["centre"] == pytest.approx(
        1000 * 113610 / 1086227, rel=1e-12
    )  # the 32 councils' readmissions pooled
    orkney = sw6.set_index("council_name").loc["Orkney Islands"]
    assert orkney["y"] == pytest.approx(67.17, abs=0.01) and orkney["outside"] == "below"
    assert list(sw6.loc[sw6["outside"] != "", "council_name"]) == ["Orkney Islands"]
    dundee = sw6.set_index("council_name").loc["Dundee City"]  # outside exact binomial limits, not these
    assert dundee["plain_upper_99.8"] < dundee["y"] < dundee["upper_99.8"] and dundee["outside"] == ""
    # SW8, bed days (not independent events) as a ratio to those expected at Scotland's rate
    sw8 = national.funnel(demo, "SW8", "2019-20")
    assert sw8.attrs["data_type"] == "SR" and sw8.attrs["centre"] == 100
    assert sw8.attrs["scotland_rate"] == pytest.approx(0.77378, rel=1e-4)  # Scotland's bed days per person 75+
    ab = sw8.set_index("council_name").loc["Aberdeen City"]  # 9,488 bed days; 16,377 people 75+
    assert ab["x"] == pytest.approx(round(16377 * 0.7737831252884543, 2)) and ab["y"] == pytest.approx(74.87, abs=0.01)
    assert sw8.attrs["phi"] > 1000 and sw8.attrs["tau2"] == pytest.approx(0.2239, abs=1e-4)
    assert sorted(sw8.loc[sw8["outside"] != "", "council_name"]) == ["East Renfrewshire", "Inverclyde"]
    assert national.funnel(demo, "SW1", "2019-20") is None  # a cost has no counts
    w = national.funnel_widening(sw6)
    assert w["council"] == "Falkirk" and w["times"] == pytest.approx(5.97, abs=0.01)


def test_costs_are_in_real_terms_and_changes_in_the_units_own_terms(demo):
    from swlib.periods import Period
    from swlib.views import national_indicator_view

    P = Period.parse("2019-20")
    pos = national.positions(demo, P)
    sw1 = pos[pos["lgbf"] == "SW1"].set_index("council_name")
    # Dumfries and Galloway's home care cost per hour: £16.74 in 2019/20 cash, £17.85 at 2020/21 prices
    assert sw1.loc["Dumfries and Galloway", "value"] == pytest.approx(17.851589, abs=1e-6)
    assert sw1.loc["Dumfries and Galloway", "previous"] == pytest.approx(19.922839, abs=1e-6)  # 2018/19, real
    assert (sw1["price_year"] == "2020-21").all() and sw1["scotland_value"].iloc[0] == pytest.approx(
        27.246086, abs=1e-6
    )
    run = national.scotland_series(demo, "SW1", P)  # the SPC's run: real terms, £25.15 in 2010/11
    assert run["value"].iloc[0] == pytest.approx(25.145602, abs=1e-6) and run["value"].iloc[-1] == pytest.approx(
        27.246086
    )
    v = national_indicator_view(demo, "SW1", P, pos)
    assert v["title"] == "SW1: Older Persons (Over 65's) Home Care Costs per Hour (£ at 2020/21 prices)"
    assert v["run"].endswith("to £27.25 in 2019/20, both at 2020/21 prices (real terms).")
    assert "2020/21 prices" in v["spc"]["alt"] and v["ranking"]["caption"].startswith(v["title"])
    dg = next(r for r in v["ranking"]["rows"] if r["council"] == "Dumfries and Galloway")
    assert (dg["value"], dg["change"]) == ("£17.85", "-£2.07")  # a cost per hour: pounds and pence
    sw2 = national_indicator_view(demo, "SW2", P, pos)
    rows = {r["council"]: r for r in sw2["ranking"]["rows"]}
    assert rows["North Lanarkshire"]["change"] == "+24.9 percentage points"
    # 5.85% and 5.82% both print 5.8%: ranked as printed, they share 13th, and 15th follows
    assert (rows["Orkney Islands"]["value"], rows["Orkney Islands"]["rank"]) == ("5.8%", "13th")
    assert (rows["East Dunbartonshire"]["value"], rows["East Dunbartonshire"]["rank"]) == ("5.8%", "13th")
    assert rows["Stirling"]["rank"] == "15th"
    assert rows["Falkirk"]["value"] == "6.1%" and sw2["ranking"]["change"] == "Change since 2018/19"
    sw6 = national_indicator_view(demo, "SW6", P, pos)
    assert sw6["ranking"]["rows"][0]["change"] == "-14.9 per 1,000"


def test_the_matrix_names_each_columns_year_and_the_glossary_only_used_terms(demo):
    from swlib.views import family_groups_view, national_glossary_items, quartile_matrix_view

    pos = national.positions(demo, "2019-20")
    cols = {c["code"]: c["year"] for c in quartile_matrix_view(pos)["columns"]}
    assert cols["SW4a"] == "2017/18" and cols["SW1"] == "2019/20"
    assert family_groups_view(pos)["rows"][0]["label"] == (
        "SW1: Older Persons (Over 65's) Home Care Costs per Hour (£ at 2020/21 prices)"
    )  # named, not only coded (COMMITTEE-8 #12)
    terms = dict(national_glossary_items())
    assert "SDS" in terms and "Funnel plot" in terms and "Real terms" in terms and "LGBF" in terms
    assert not {"Green, Amber, Red", "Report later", "[c]", "Data only", "To date", "CPO", "MAPPA"} & set(terms)


def test_funnel_words_and_chart_say_how_much_the_limits_widened(demo):
    from swlib.charts import funnel_chart
    from swlib.views import funnel_words

    sw6 = national.funnel(demo, "SW6", "2019-20")
    words = funnel_words(sw6, "lower")
    assert "far more than chance alone would explain, so the limits are widened" in words
    assert not re.search("φ|τ|arcsine|Spiegelhalter|FunnelPlotR", words)  # plain words; the methods note names them
    from swlib.views.national import funnel_method

    assert funnel_method(sw6, "SW6") == (
        "SW6: dispersion ratio φ = 48.3 (1 when chance explains all the variation); between-council variance "
        "τ² = 0.00037 on the arcsine square-root scale, added to widen the limits."
    )
    assert "at Falkirk's 23,658 discharges, the 99.8% limits run from 70.7 to 144.2, against 98.5 to 110.8" in words
    # lower is better for readmissions: below the centre is better, said so (it read as bad news)
    assert words.endswith(
        "Outside the widened 99.8% limits, below the centre (better: lower is better): Orkney Islands (67.2)."
    )
    assert funnel_words(sw6).endswith("below the centre: Orkney Islands (67.2).")  # no direction given: none said
    # one fact, two figures said apart: the centre is the councils added together (as FunnelPlotR's
    # target for a proportion), not the 104.7 published for Scotland and printed on the page before
    assert sw6.attrs["centre_label"] == "the 32 councils added together (104.6)"
    assert (
        "It is not Scotland's published figure (104.7): Scotland's counts include 128 readmissions and 233 "
        "discharges that no council's figure counts." in words
    )
    assert "only extreme councils" not in words  # SW6's limits, 6 times as wide, still flag a council 35% out
    # COMMITTEE-8 #11: SW8's councils were "East Renfrewshire (20.1), Inverclyde (21.0)" (% of expected) beside a
    # table of 155.8 and 162.2 per 1,000: one figure each, the table's, with the ratio to the expected in words
    sw8 = national.funnel(demo, "SW8", "2019-20")
    said = funnel_words(sw8, "lower")
    assert said.endswith(
        "Outside the widened 99.8% limits, below the centre (better: lower is better): East Renfrewshire (155.8 per "
        "1,000, 20% of the expected), Inverclyde (162.2 per 1,000, 21% of the expected)."
    )
    assert "(20.1)" not in said and "(21.0)" not in said
    # limits 65 times as wide as chance's flag only extreme councils, and the words say how extreme
    assert (
        "(65.0 times as wide). At this width the plot can flag only extreme councils: at Angus's size, a council is "
        "outside only if its bed days are under 23% of those expected or over 4.3 times those expected (under 179.3 "
        "or over 3,340.2 per 1,000, against Scotland's 773.8)." in said
    )
    svg = funnel_chart(sw8, "SW8: delayed discharges").svg
    texts = [t.strip() for t in re.findall(r"<(?:text|tspan)[^>]*>([^<]*)</(?:text|tspan)>", svg)]  # each line
    assert "Inverclyde" in texts and "East Renfrewshire" in texts  # the councils outside, named on the chart
    assert "Bed days expected from the 75+ population at Scotland's rate (log scale)" in " ".join(texts).replace(
        "&#39;", "'"
    )
    assert any(t.startswith("Delayed-discharge bed days") for t in texts)  # a value-axis title
    assert "Limits widened: councils differ" in texts and not any(re.search("φ|τ", t) for t in texts)
    ticks = [t for t in texts if re.fullmatch(r"[\d,]+", t) and "," in t]
    assert ticks == ["2,000", "5,000", "10,000", "20,000"]  # no minor tick labels to overprint them
    alt = funnel_chart(sw8, "SW8").alt
    assert "widened because the councils differ more than chance alone explains" in alt
    assert "East Renfrewshire (below, 155.8 per 1,000, 20% of the expected)" in alt
    assert "(100 = Scotland's rate) against bed days expected from the 75+ population at Scotland's rate" in alt


def test_positions_change_matrix_and_family_groups_on_the_real_panel(demo):
    pos = national.positions(demo, "2019-20")
    dg = pos[(pos["lgbf"] == "SW6") & (pos["council"] == "dumfries-and-galloway")].iloc[0]
    assert dg["value"] == pytest.approx(93.895876) and dg["change"] == pytest.approx(93.895876 - 90.991866)
    assert dg["rank"] == 10 and dg["quartile"] == 2
    m = national.quartile_matrix(pos)
    assert m.shape[0] == 32 and m.loc["Dumfries and Galloway", "SW6"] == 2
    fam = national.family_figures(pos)
    g1 = fam[(fam["lgbf"] == "SW6") & (fam["family_group"] == 1)].iloc[0]
    assert "Dundee City" in g1["councils"] and "Glasgow City" in g1["councils"]
    # COMMITTEE-5 (8): the national overview's family group is the council reports' figure, not the median
    from swlib.benchmarking import benchmark

    for code in ("CHN22", "CHN23", "SW4b", "SW4c", "SW6"):
        theirs = benchmark(demo, "2019-20", "south-lanarkshire").set_index("lgbf").loc[code]
        ours = fam[(fam["lgbf"] == code) & (fam["family_group"] == theirs["family_group"])].iloc[0]
        assert ours["value"] == pytest.approx(theirs["family_value"]), code
    chn22 = fam[(fam["lgbf"] == "CHN22") & (fam["family_group"] == 2)].iloc[0]["value"]
    assert round(chn22, 1) == 6.5  # SL's report printed 6.5% and the overview's median 5.7%


@pytest.mark.slow
def test_the_national_report_renders_and_reads_as_a_report(tmp_path):
    r = CliRunner().invoke(main, ["run", "national", "--period", "2019-20", "--out", str(tmp_path)])
    assert r.exit_code == 0, r.output
    page = BeautifulSoup((tmp_path / "scotland" / "2019-20" / "national.html").read_text(), "html.parser")
    text = " ".join(page.get_text(" ").split())
    assert "Local Government Benchmarking Framework (LGBF)" in text and ".xlsx" not in text  # the release, not a file
    assert "Figures: Improvement Service, Local Government Benchmarking Framework, January 2022 release." in text
    methods = page.find(id="methods").find_next("p").get_text(" ")
    assert "Spiegelhalter (2005)" in methods and "SW8: dispersion ratio φ = 2,291.6" in methods
    assert "weighted regression" in methods and "weighted regression" not in text.replace(methods.split(" ", 1)[1], "")
    assert "FunnelPlotR" not in text  # the method is named, not the software
    assert "Ranks follow the figures as printed: councils whose figures print the same share a rank" in text
    assert "on a cost, rank 1 is simply the lowest cost" in text and "tells them apart" not in text
    assert not page.select(".banner")  # real figures: no illustrative-data banner
    assert (
        "Outside the widened 99.8% limits, below the centre (better: lower is better): Orkney Islands (67.2)." in text
    )
    ranking = next(t for t in page.select("table.ranking") if t.caption.get_text().startswith("SW6"))
    assert len(ranking.select("tbody tr")) == 32 and ranking.select("thead th[scope=col]")
    for img in page.select("img"):
        assert img.get("alt") is not None
    assert all(img["alt"] for img in page.select("figure img"))
    q1 = page.select("table.matrix td.q1")  # its shape drawn (the glyph printed without its outline) and its number
    assert q1 and q1[0].select_one("svg.quartile") and q1[0].get_text(" ").strip() == "1"
    assert "swlib" not in text.split("Generated")[0]  # no code or jargon before the footer
    assert "small numbers are not suppressed" not in text and "Made only from figures the Improvement Service" in text
    headings = [h.get_text(" ", strip=True) for h in page.select("h3")]
    assert any(
        h.endswith("SW5: Older persons (over 65's) Residential Care Costs per week per resident (£ at 2020/21 prices)")
        for h in headings
    )
    glossary = page.select_one("#glossary").find_next("dl") or page.select_one("#glossary").parent
    gtext = glossary.get_text(" ")
    assert "SDS" in gtext and "Green, Amber, Red" not in gtext and "Report later" not in gtext
    matrix = page.select_one("table.matrix")
    assert "2017/18" in matrix.select("thead th")[4].get_text(" ")  # SW4a's year under its code
    funnels = [f for f in page.select("figure img") if f["alt"].startswith("Funnel plot of SW")]
    assert len(funnels) == 2 and all(
        "widened because the councils differ more than chance" in f["alt"] for f in funnels
    )


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


def test_the_rank_chart_says_what_its_value_axis_counts(demo):
    from swlib.charts import rank_chart

    pos = national.positions(demo, "2019-20")
    svg = rank_chart(pos[pos["lgbf"] == "SW5"], "SW5").svg
    assert ">£ at 2020/21 prices<" in svg
    assert ">Per cent<" in rank_chart(pos[pos["lgbf"] == "SW2"], "SW2").svg


def test_the_rank_chart_prints_at_full_size_beside_its_table(demo):
    # the chart takes half the portrait page (88 mm) beside its table: drawn that wide, its
    # council names and axis print at 8 pt, not shrunk to half
    import re

    from swlib.charts import rank_chart
    from swlib.views import national_indicator_view
    from swlib.views.national import RANK_WIDTH

    css = (Path(swlib.__file__).parent / "templates/shared/report.css").read_text(encoding="utf-8")
    column = {  # the print column report.css gives the chart beside its table
        "wide": float(re.search(r"\.ranks \{[^}]*grid-template-columns: ([\d.]+)mm", css).group(1)),
        "short": float(re.search(r"\.ranks\.short \{[^}]*grid-template-columns: ([\d.]+)mm", css).group(1)),
    }
    pos = national.positions(demo, "2019-20")
    for code, kind in (("SW1", "short"), ("SW2", "wide")):  # a cost, and a percentage with its wider table
        v = national_indicator_view(demo, code, Period.parse("2019-20"), pos)
        assert v["short"] == (kind == "short")
        svg = rank_chart(pos[pos["lgbf"] == code], code, RANK_WIDTH[kind]).svg
        width_mm = float(re.search(r'<svg[^>]*width="([\d.]+)pt"', svg).group(1)) / 72 * 25.4
        assert width_mm <= column[kind] <= (182 - 5) / 2  # drawn no wider than it prints: never scaled down
        assert min(float(x) for x in re.findall(r"font-size: ([\d.]+)px", svg)) >= 8
        assert "32. " in svg or "Na h-Eileanan Siar" in svg  # every council named (all within it: test_charts)


def test_a_survey_every_other_year_is_compared_with_its_previous_survey_named(demo):
    """SW4b to SW4e come from a survey every other year: 2019/20 is compared with 2017/18, the
    previous year with figures, and the column says so (it was 'Change since 2018/19', all '–')."""
    from swlib.periods import Period
    from swlib.views import national_indicator_view

    P = Period.parse("2019-20")
    pos = national.positions(demo, P)
    for code in ("SW4b", "SW4c", "SW4d", "SW4e"):
        v = national_indicator_view(demo, code, P, pos)
        assert v["ranking"]["change"] == "Change since 2017/18", code
        assert sum(r["change"] != "–" for r in v["ranking"]["rows"]) >= 30, code
    sw4b = pos[pos["lgbf"] == "SW4b"].set_index("council")
    dg = sw4b.loc["dumfries-and-galloway"]
    assert dg["previous_period"] == "2017-18" and dg["change"] == pytest.approx(dg["value"] - dg["previous"])
    assert (pos.loc[pos["lgbf"] == "SW2", "previous_period"] == "2018-19").all()  # a yearly indicator: the year before


def test_positions_are_in_real_terms_even_after_the_cash_benchmark_was_worked_out(demo):
    from swlib.benchmarking import benchmark

    benchmark(demo, "2019-20")  # the cash figures, kept in the data set's memo
    sw1 = national.positions(demo, "2019-20").set_index(["lgbf", "council"]).loc[("SW1", "dumfries-and-galloway")]
    assert sw1["value"] == pytest.approx(17.851589, abs=1e-6)  # £16.74 cash, £17.85 at 2020/21 prices


def test_page_ones_glance_gives_each_indicator_one_line_those_to_look_at_first_first(demo):
    from swlib.periods import Period
    from swlib.views import national_glance_view, national_indicator_view

    P = Period.parse("2019-20")
    pos = national.positions(demo, P)
    parts = [national_indicator_view(demo, code, P, pos) for code in dict.fromkeys(pos["lgbf"])]
    g = national_glance_view(parts)
    assert len(g["rows"]) == len(parts) == 17 and all(len(r) == len(g["columns"]) for r in g["rows"])
    codes = [r[0].split(":")[0] for r in g["rows"]]  # "SW1: <its name>": what the figure counts
    lines = dict(zip(codes, g["lines"], strict=True))
    # a cost: Scotland's figure at the price year the section names, its SPC result in real terms
    assert lines["SW1"] == (
        "SW1: Older Persons (Over 65's) Home Care Costs per Hour. £27.25 in 2019/20 (£ at 2020/21 prices). "
        "Special cause variation: higher, neither better nor worse, in real terms. No funnel plot."
    )  # a rising cost is higher, not a concern: one stance with "rank 1 is simply the lowest cost" (COMMITTEE-5 #14)
    sw1 = next(v for v in parts if v["id"] == "indicator-sw1")
    assert "£27.25" in sw1["lead"] and "2020/21 prices" in sw1["title"]  # as section 2.1 states them
    # SPC and the statistical trend both read, and the councils outside the widened funnel limits
    # (its SPC chart: all 10 points special causes, below the mean to 2011/12 and above it from 2012/13, a
    # sustained rise rather than a verdict on the latest year, COMMITTEE-5 #4)
    assert lines["SW6"] == (
        "SW6: Rate of readmission to hospital within 28 days per 1,000 discharges. 104.7 in 2019/20. "
        "A sustained rise over the years (SPC: no stable period); trend 2015/16 to 2019/20: increasing, "
        "getting worse. Councils outside the funnel limits: 1 better (Orkney Islands)."
    )
    assert lines["SW8"].endswith(
        "decreasing, getting better. Councils outside the funnel limits: 2 better (East Renfrewshire, Inverclyde)."
    )  # SW8: fewer bed days is better; page 1 said "2 below"
    outside = {r[0].split(":")[0]: r[3] for r in g["rows"]}
    assert outside["SW1"] == outside["SW4a"] == "not tested: no counts"  # it printed "–", read as "none outside"
    assert (
        lines["SW4a"]
        == "SW4a: Percentage of adults receiving any care or support who rate it as excellent or good. 80.2% in "
        "2017/18. Not tested: too few years for SPC, no counts for a trend. No funnel plot."
    )
    # concern first (SW6 has outliers too), then outliers, improvements last; a sustained rise or fall is
    # neither: CHN8b's cost rose steadily from £256 to £373 (all 10 points special causes) and SW2's SDS share
    # from 1.6% to 7.8%, so no verdict of the SPC chart's puts them first or last (COMMITTEE-5 #4)
    order = codes
    # and a cost's higher real-terms figure is no concern to put first (SW1 and CHN8a were second and third)
    assert order[:2] == ["SW6", "SW8"] and not {"SW1", "CHN8a", "CHN8b"} & set(order[:2]) and order[-1] != "SW2"
    assert (
        lines["CHN8b"].startswith(
            'CHN8b: The Gross Cost of "Children Looked After" in a Community Setting per Child per Week. '
        )
        and "A sustained rise over the years (SPC: no stable period), in real terms." in lines["CHN8b"]
    )
    assert "A sustained fall over the years (SPC: no stable period)" in lines["CHN23"]


def _everything_printed(path: Path) -> str:
    """A rendered report's words: its text, every image's alt text and every chart's own text."""
    import base64
    import html

    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    charts = [
        base64.b64decode(img["src"].split(",", 1)[1]).decode() for img in page.select("img[src^='data:image/svg']")
    ]
    return " ".join([page.get_text(" "), *(img.get("alt", "") for img in page.select("img")),
                     *(html.unescape(re.sub(r"<[^>]+>", " ", svg)) for svg in charts)])  # fmt: skip


@pytest.mark.parametrize("name", ["national", "quarterly-dg"])
def test_lgbf_costs_print_in_pounds_and_pence_an_hour_and_whole_pounds_a_week(name):
    """As the Improvement Service's cells (0.00) and the councils' plans (£29.00 an hour, £600 a
    week) print them: never "£19.3" or "£4,854.0", in tables, sentences, charts and alt text."""
    from tests.reports import rendered

    text = _everything_printed(rendered(name))
    one_decimal = [m for m in re.findall(r"£[\d,]+\.\d(?![\d])(?! ?million)", text)]
    assert one_decimal == []
    if name == "national":  # Scotland's 2019/20 figures at 2020/21 prices, as each section states them
        assert "Scotland: £27.25." in text and "Scotland: £449." in text and "Scotland: £4,110." in text
        assert "Scotland £373" in text  # the rank chart's legend and alt text, as its table
    else:  # D&G's benchmarking row and chart: £19.25 an hour, £204 a week
        assert "£19.25" in text and re.search(r"\(SW5\) at 20/21 prices\s+20/21: £204,", text)


def test_ranks_follow_the_figures_as_printed_and_equal_printed_figures_share_a_rank(demo):
    """Ranks use the figures as printed, at the usual decimals: two councils a reader sees at the
    same figure share a rank, a different figure is a different rank, and no figure is printed
    with extra decimals to tell ranks apart (never "£388.15" a week or "75.402%")."""
    from swlib.views import national_indicator_view

    P = Period.parse("2019-20")
    pos = national.positions(demo, P)
    for code in pos["lgbf"].unique():
        rows = national_indicator_view(demo, code, P, pos)["ranking"]["rows"]
        by_value = {}
        for r in rows:
            by_value.setdefault(r["value"], set()).add(r["rank"])
        assert all(len(ranks) == 1 for ranks in by_value.values()), code
        assert len(by_value) == len({r["rank"] for r in rows}), code
        assert not any(re.search(r"\.\d\d\d|\.\d\d%", r["value"]) for r in rows), code
    sw5 = {
        r["council"]: (r["value"], r["rank"]) for r in national_indicator_view(demo, "SW5", P, pos)["ranking"]["rows"]
    }
    assert sw5["Dumfries and Galloway"][0] == "£213" and [v for v, _ in sw5.values() if "." in v] == []
    same = [k for k in sw5.values() if k[0] == "£388"]
    assert len(same) == 2 and same[0][1] == same[1][1]  # £388.15 and £388.21 print alike: one rank


def test_a_cost_whose_lgbf_series_stops_short_of_the_report_says_why(demo):
    """The LGBF's workbook (January 2022) has 2020/21 real-terms figures for SW1 and SW5 (its prices
    are 2020/21's) but "dna" for CHN8a and CHN8b, whose children looked after it did not have yet."""
    from swlib.views import national_indicator_view

    P = Period.parse("2020-21")
    pos = national.positions(demo, P)
    sw1, chn8a = (national_indicator_view(demo, code, P, pos) for code in ("SW1", "CHN8a"))
    assert sw1["lead"].startswith(
        "2020/21, the year of this report; councils ranked from the lowest cost."
    )  # a cost is lower, not better
    assert sw1["ranking"]["caption"].endswith("(1st = lowest cost)")
    assert "statistical process control chart to 2020/21" in sw1["spc"]["caption"]
    assert chn8a["lead"].startswith(
        "2019/20, the latest year available (the LGBF has published no 2020/21 figure for this cost yet);"
    )
    assert "statistical process control chart to 2019/20" in chn8a["spc"]["caption"]


def test_the_national_report_names_its_year_as_the_year_of_the_report_not_the_latest_available(demo):
    # COMMITTEE-8 #9: the 2019/20 overview said "Latest year available: 2019/20" of the January 2022 release,
    # whose 2020/21 figures the council reports print
    from swlib.views import national_indicator_view, report_year_words

    assert report_year_words(demo, Period.parse("2019-20")) == (
        "2019/20, the year of this report (the same release has figures up to 2020/21)"
    )
    assert (
        report_year_words(demo, Period.parse("2020-21"))
        == "2020/21, the year of this report, the latest year available"
    )
    P = Period.parse("2019-20")
    lead = national_indicator_view(demo, "SW1", P, national.positions(demo, P))["lead"]
    assert lead.startswith("2019/20, the year of this report;") and "latest year available" not in lead


def test_an_indicator_without_an_spc_chart_says_why(demo):
    # COMMITTEE-8 (10): SW8's section went from its trend to its ranking, with no chart and no reason
    from swlib.views import national_indicator_view

    P = Period.parse("2019-20")
    pos = national.positions(demo, P)
    sw8 = national_indicator_view(demo, "SW8", P, pos)
    assert sw8["spc"] is None
    assert sw8["no_spc"] == (
        "Statistical process control chart not shown: it needs a run of 8 or more figures, and Scotland has 7 "
        "(2013/14 to 2019/20)."
    )
    assert "no_spc" not in national_indicator_view(demo, "SW1", P, pos)  # charted
