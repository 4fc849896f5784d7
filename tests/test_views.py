"""Report pieces as a reader sees them."""

import re

import pytest

import swlib
from swlib import views as s
from swlib.templating import macro, numbered
from swlib.views import performance_table_view
from tests.conftest import make_data


def test_percentages_show_the_counts_behind_them_except_where_suppressed(data_dir):
    ms = [{"target": "50"}, {"target": "50"}]
    obs = [{"measure": "m0", "period": "2020-21-Q1", "numerator": "40", "denominator": "56"},
           {"measure": "m1", "period": "2020-21-Q1", "numerator": "3", "denominator": "56"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, ms, obs))
    internal = swlib.performance(ds, "alpha", "2020-21-Q1")
    html = macro("performance_table", performance_table_view(internal, internal.attrs["years"], "t"))
    assert (
        '71.4% <span class="counts">(40 of 56)</span>' in html and '5.4% <span class="counts">(3 of 56)</span>' in html
    )
    public = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public")
    html = macro("performance_table", performance_table_view(public, public.attrs["years"], "t"))
    assert '71.4% <span class="counts">(40 of 56)</span>' in html and "(3 of 56)" not in html and "5.4%" not in html


def test_statutory_tables_and_charts_show_only_years_that_have_figures(demo):
    from bs4 import BeautifulSoup

    from swlib.views import statutory_view

    perf = swlib.performance(demo, "dundee-city", "2016-17")
    for outcome in perf.loc[perf["theme"] == "Statutory functions", "outcome"].unique():
        view = statutory_view(perf, outcome, swlib.Period.parse("2016-17"))
        html = macro("statutory", view | {"text": f"5.1 {outcome}"}, True)
        page = BeautifulSoup(html, "html.parser")
        for table in page.select("table.values"):
            for j in range(1, len(table.select("thead th"))):
                column = [tr.select("td")[j - 1].get_text() for tr in table.select("tbody tr")]
                assert any(c != "–" for c in column), (outcome, j)
        for img in page.select("figure img"):
            assert "n/a n/a" not in img["alt"]


def test_a_statutory_function_with_one_year_of_figures_draws_no_year_on_year_chart(demo):
    # Dundee's 2016/17 report drew "year-on-year" charts of one bar each for looked after children
    from bs4 import BeautifulSoup

    from swlib.views import statutory_view

    perf, Y = swlib.performance(demo, "dundee-city", "2016-17"), swlib.Period.parse("2016-17")
    one = statutory_view(perf, "Looked after children", Y)
    assert one["chart"] is None and one["table"]["columns"] == ["2016/17"]
    assert one["one_year"] == "2016/17 is the only year with figures, so there is no year-on-year chart."
    page = BeautifulSoup(macro("statutory", one | {"text": "6.2 Looked after children"}, True), "html.parser")
    assert not page.select("figure") and page.select_one("p.note").get_text() == one["one_year"]
    two = statutory_view(perf, "Adult support and protection", Y)  # 2015/16 and 2016/17: drawn
    assert two["chart"] and not two.get("one_year")


def test_a_statutory_figure_not_available_keeps_its_row_with_the_reason_in_the_years_cell(data_dir):
    # ANALYST-5 #2: DTTOs "not available: held by the Sheriff Court" vanished from 6.5's table
    from bs4 import BeautifulSoup

    from swlib.views import statutory_view

    stat = {"unit": "count", "polarity": "none", "frequency": "annual", "aggregate": "sum",
            "theme": "Statutory functions", "outcome": "Justice social work"}  # fmt: skip
    ms = [{**stat, "title": "Community Payback Orders imposed"}, {**stat, "title": "DTTOs imposed"}]
    obs = [{"measure": "m0", "period": "2025-26", "value": "702"},
           {"measure": "m1", "period": "2025-26", "comment": "not available: held by the Sheriff Court"}]  # fmt: skip
    for audience in ("internal", "public"):
        perf = swlib.performance(swlib.load(make_data(data_dir, ms, obs)), "alpha", "2025-26", audience=audience)
        view = statutory_view(perf, "Justice social work", swlib.Period.parse("2025-26"))
        page = BeautifulSoup(macro("statutory", view | {"text": "6.5 Justice social work"}, True), "html.parser")
        rows = {tr.th.get_text(): [td.get_text() for td in tr.select("td")] for tr in page.select("tbody tr")}
        assert rows == {"Community Payback Orders imposed": ["702"],
                        "DTTOs imposed": ["not available: held by the Sheriff Court"]}, audience  # fmt: skip
        assert page.select_one("td.reason").get_text() == "not available: held by the Sheriff Court"


def test_a_council_benchmark_table_names_the_prices_of_each_cost(demo):
    from swlib.periods import Period
    from swlib.views import benchmark_view

    rows = {
        r["indicator"].split(":")[0]: r
        for r in benchmark_view(demo, "dumfries-and-galloway", Period.parse("2023-24"))["rows"]
    }
    assert rows["SW1"]["indicator"].endswith("(£ at 2020/21 prices)") and rows["SW1"]["year"] == "2020/21"
    assert rows["CHN8a"]["indicator"].endswith("(£ at 2020/21 prices)") and rows["CHN8a"]["year"] == "2019/20"
    assert "prices" not in rows["SW6"]["indicator"]


def test_a_change_is_in_the_units_own_terms_and_one_that_rounds_to_nothing_has_no_sign():
    assert s.fmt_change(2.14, "percent") == "+2.1 percentage points"
    assert s.fmt_change(-17.3, "currency") == "-£17.3"
    assert s.fmt_change(-0.04, "percent") == "0.0 percentage points"  # not "-0.0"
    assert s.fmt_change(0.04, "rate") == "0.0 per 1,000"
    assert s.fmt_change(float("nan"), "percent") == "–"


def test_an_untested_national_trend_says_what_the_spc_chart_below_it_reads_instead():
    from swlib.views.national import trend_words

    untested = {"trend": "cannot be calculated"}
    assert trend_words(untested).startswith("Statistical trend: not tested, because the LGBF publishes no counts")
    assert trend_words(untested).endswith("five years.")
    assert trend_words(untested, spc_below=True).endswith("; the SPC chart below reads the run of figures instead.")


def test_inspections_are_those_dated_within_the_reports_financial_year(demo):
    from swlib.views import inspection_view

    v = inspection_view(demo, "dundee-city", swlib.Period.parse("2016-17"))
    text = str(v)
    assert "25 January 2017" in text and "1 March 2017" in text and "1 September 2016" in text
    assert "2015" not in text and "21 January 2016" not in text  # 2015/16's inspections are not 2016/17's
    none = inspection_view(demo, "dundee-city", swlib.Period.parse("2019-20"))
    assert none == {"none": "No inspection was dated within 2019/20 (April 2019 to March 2020)."}


def test_synthetic_figures_are_marked_in_every_table_they_appear_in(demo):
    P = swlib.Period.parse("2023-24")
    items = s.finance_view(demo, "dumfries-and-galloway", P)["items"]
    outturn = next(i["table"] for i in items if "table" in i and "outturn by service" in i["table"]["caption"])
    # every figure made up: marked once for the table, not in each cell
    assert outturn["synthetic"] == "all" and not any(c.get("synthetic") for r in outturn["rows"] for c in r["cells"])
    budget = next(i["table"] for i in items if "table" in i and "budget by service" in i["table"]["caption"])
    assert not budget["synthetic"]  # the service plan's real budget
    variance = next(i["table"] for i in items if "table" in i and "against outturn" in i["table"]["caption"])
    assert variance["synthetic"] == "some" and not variance["rows"][0]["cells"][0].get("synthetic")  # the real budget
    assert variance["rows"][0]["cells"][1]["synthetic"]  # the made-up outturn
    assert next(i["text"] for i in items if "text" in i).endswith("† Synthetic outturn figures.")
    staff = s.workforce_view(demo, "dundee-city", swlib.Period.parse("2016-17"))["table"]
    assert staff["synthetic"] in ("all", "some")
    acts = s.actions_view(swlib.actions(demo, "dumfries-and-galloway", "2023-24-Q2"), "Q2")
    table = acts["parts"][0]["tables"][0]
    assert table["caption"].endswith("† synthetic: made up for illustration")
    assert any(r["action"].endswith(" †") for r in table["rows"])


def test_data_sources_list_only_the_sources_of_figures_the_report_prints(demo):
    """South Lanarkshire's 2021/22 Quarter 2 report prints none of Dundee's 2016/17 figures (only
    the statutory catalogue's measures come from there, and are counted under it) nor the 2007/08
    plan's actions; the Resource Plan's baselines, targets and the LGBF panel are its sources."""
    import swlib
    from swlib.views import printed_rows, sources_view

    P = swlib.Period.parse("2021-22-Q2")
    perf = swlib.performance(demo, "south-lanarkshire", P)
    acts = swlib.actions(demo, "south-lanarkshire", P)
    every = dict(sources_view(demo, "south-lanarkshire", "internal")["items"])
    shared = "the statutory functions a Chief Social Work Officer's annual report covers (the catalogue every council shares)"
    assert every[shared] == "26 measure definitions"  # what the data set holds: not South Lanarkshire's own report
    printed = printed_rows(demo, "south-lanarkshire", P, perf, acts)
    items = dict(sources_view(demo, "south-lanarkshire", "internal", printed)["items"])
    assert not [s for s in items if "2007" in s], items
    assert items[shared] == "26 measure definitions"  # no figures of its
    plan = items["South Lanarkshire Social Work Resource Plan 2021-22"]  # a document's title as typed
    assert "20 figures" in plan and "measure definitions" in plan  # the 2019/20 baselines and the report's measures
    # every measure the report shows is counted under its source, one without a target too
    counted = sum(int(p.split(" measure")[0].split(", ")[-1]) for p in items.values() if " measure" in p)
    assert counted == len(perf)
    assert set(printed["actions"]["period"]) == {"2021-22-Q2"} and len(printed["actions"]) == len(acts)
    assert printed["observations"]["period"].map(lambda p: swlib.Period.parse(p) <= P).all()


def test_an_annual_reports_sources_are_its_years_finance_workforce_and_inspections(demo):
    import swlib
    from swlib.views import printed_rows

    P = swlib.Period.parse("2016-17")
    perf = swlib.performance(demo, "dundee-city", P)
    printed = printed_rows(demo, "dundee-city", P, perf, annual=True)
    assert set(printed["finance"]["period"]) == {"2016-17"}
    assert printed["inspections"]["date"].between("2016-04-01", "2017-03-31").all()
    assert not printed["inspections"].empty and printed["actions"].empty  # an annual report prints no actions


def test_the_wording_data_file_has_a_meaning_for_every_status_and_each_glossary_term_a_report_looks_for():
    from swlib.base import STATUS_ORDER
    from swlib.glossary import USES, items
    from swlib.views import wording

    assert set(wording.status_meanings()) == set(STATUS_ORDER)
    known = set(wording.glossary()) | set(wording.national_glossary()) | {t for t, _ in items()}
    assert set(USES) <= known, set(USES) - known
    assert set(wording.national_terms()) <= set(wording.glossary())
    assert wording.row_words("finance") == ("finance line", "finance lines")


def test_what_section_3_says_of_measures_with_no_figures_is_what_page_1_counts(data_dir):
    """ANALYST-4 #10: section 3 said every measure with no figures 'is counted as Report later in the
    summary', while page 1 and its summary leave the annual ones out ('Not counted here: 26 annual')."""
    from swlib.briefing import counted
    from swlib.views import no_figures_view

    ms = [{"title": "Orders made", "unit": "count", "frequency": "annual", "polarity": "none"},
          {"title": "Complaints received", "unit": "count", "frequency": "annual", "polarity": "none"},
          {"title": "Reviews on time", "target": "90"},
          {"title": "Visits on time", "target": "90"}]  # fmt: skip
    obs = [{"measure": "m2", "period": "2024-25-Q1", "numerator": "45", "denominator": "50"}]
    ds = swlib.load(make_data(data_dir, ms, obs))
    perf = swlib.performance(ds, "alpha", "2024-25-Q1")
    lead = no_figures_view(perf)["lead"]
    assert "3 measures have no figures yet" in lead
    assert (
        "The 1 measure reported during the year is counted as Report later in the summary; the 2 measures counted "
        "once a year, with nothing due this quarter, are not (page 1 says so in one line)." in lead
    )
    page1 = counted(ds, "alpha", perf)
    assert list(page1["status"]).count("Report later") == 1 and len(page1) == 2
    only_annual = swlib.performance(swlib.load(make_data(data_dir / "b", ms[:3], obs)), "alpha", "2024-25-Q1")
    assert (
        "Each is counted once a year, with nothing due this quarter, so the summary on page 1 leaves them out and "
        "says so in one line." in no_figures_view(only_annual)["lead"]
    )
    assert "counted as Report later" not in no_figures_view(only_annual)["lead"]


def test_no_staffing_figures_names_what_is_missing_not_all_workforce_data(demo):
    from swlib.views import workforce_view

    v = workforce_view(demo, "dundee-city", swlib.Period.parse("2015-16"))  # staffing figures start in 2016/17
    assert v["table"] is None
    # the section's workforce measures (violent incidents, say) follow it: not "no workforce data"
    assert v["none"] == "No staffing figures (headcount and full-time equivalent) were provided for 2015/16."


def test_data_sources_are_named_in_a_readers_words_not_the_tools(data_dir):
    from swlib.views.sources import source_label, sources_view

    obs = [{"measure": "m0", "period": "2021-22-Q1", "value": "90"},
           {"measure": "m0", "period": "2021-22-Q2", "value": "91", "source": "Fife return"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, [{"aggregate": "mean"}], obs))
    items = dict(sources_view(ds, "alpha", "internal")["items"])
    assert items["Source not stated in the data"] == "1 figure" and "not stated" not in items
    assert source_label("swreport init") == "Council settings"  # a data set an earlier version set up
    from swlib.init import SOURCE

    assert SOURCE == "Council settings"


def test_lgbf_costs_print_whole_pounds_from_100_and_pence_below_and_the_family_column_says_what_it_is(demo):
    from swlib.formatting import cost_decimals
    from swlib.periods import Period
    from swlib.views import benchmark_view

    v = benchmark_view(demo, "dumfries-and-galloway", Period.parse("2023-24"))
    rows = {r["indicator"].split(":")[0]: r for r in v["rows"]}
    assert (rows["CHN8a"]["value"], rows["CHN8a"]["family"], rows["CHN8a"]["scotland"]) == (
        "£4,854",
        "£4,334",
        "£4,110",
    )
    assert rows["SW1"]["value"] == "£19.25"  # a cost per hour: pence
    assert rows["SW3a"]["value"] == "64.0%"  # not a cost: as before
    assert cost_decimals(99.5, float("nan")) == 2 and cost_decimals(99.5, 120) == 0
    assert "Family group is the councils of our LGBF family group taken together" in v["note"]
    assert "otherwise the average (mean) of their figures" in v["note"]


def test_the_workforce_narrative_and_table_give_one_headcount(demo):
    # South Lanarkshire's 2021/22 annual report said "2,944 people at March 2021" above a table
    # whose total was 2,960 (a made-up split): the real figure, from the Resource Plan, is 2,944
    import re

    import swlib
    from swlib.narrative import section
    from swlib.views import workforce_view

    Y = swlib.Period.parse("2021-22")
    table = workforce_view(demo, "south-lanarkshire", Y)["table"]
    shown = [c["text"] for r in table["rows"] for c in r["cells"]]
    words = str(section(demo.path, "south-lanarkshire", "2021-22", "workforce"))
    said = re.findall(r"\b\d{1,3}(?:,\d{3})+\b", words)
    assert said == ["2,944"] and "2,944" in shown and "2,960" not in shown
    assert "2020/21" in table["caption"]  # at March 2021, the end of 2020/21


def test_an_spc_chart_beside_a_measures_row_says_what_the_row_could_seem_to_contradict(demo):
    """D&G 2023/24 Q2, measures needing attention. CHN8a's SPC runs on real terms to 2019/20 while
    the chart beside it shows 2022/23 in cash: its last point is not called the latest, and the
    caption says which series and why. Readmissions: the chart's latest point is special cause
    (concern) while the row's arrow says improving: the SPC icon's words say both, as one explanation."""
    import base64

    from swlib import trends
    from swlib.periods import Period
    from swlib.views import attention_view

    P = Period.parse("2023-24-Q2")
    perf = swlib.performance(demo, "dumfries-and-galloway", P)
    perf["sentence"] = trends.describe(perf, demo, "dumfries-and-galloway", P)
    parts = {p["title"]: p for p in attention_view(demo, "dumfries-and-galloway", perf, P)["parts"] if p["icons"]}
    cost = parts["Gross cost of children looked after in residential based services per child per week"]["chart"]
    svg = base64.b64decode(cost["src"].split(",", 1)[1]).decode()
    # its label names its prices: not to be read as the cash £4,853 of 2021/22 beside it
    assert "last, 19/20, at" in svg and ">20/21 prices:<" in svg and ">£4,854<" in svg and "latest, 19/20" not in svg
    # and the cash chart beside it says so
    assert "Statistical process control, each year, real terms at 2020/21 prices" in svg
    years = parts["Gross cost of children looked after in residential based services per child per week"]["years_chart"]
    drawn = base64.b64decode(years["src"].split(",", 1)[1]).decode()
    # its latest cash year alone: earlier years in cash are not compared with it, nor drawn (COMMITTEE-9 #2)
    assert "The latest year available (£ cash)" in drawn and "£4,969" in drawn and "£4,853" not in drawn
    assert "Last in real terms (at 2020/21 prices) £4,854 (2019/20)" in cost["alt"]
    # no assurance icon against a cash target on a real-terms chart, and the reader is told why
    words = [
        i["words"]
        for i in parts["Gross cost of children looked after in residential based services per child per week"]["icons"]
    ]
    assert words[1] == (
        "Assurance not judged: the £4,961 target is in cash, this chart in real terms (£ at 2020/21 prices)"
    )
    assert (  # why it ends in 2019/20: the LGBF's workbook has CHN8a for 2020/21 as "dna"
        "It ends in 2019/20 because the LGBF has published no figure for this cost after 2019/20, though its figures "
        "are at 2020/21 prices: there is no 2020/21 point to chart yet. The figures for later years, to 2022/23, are "
        "the council's own in cash and are not charted with the real-terms figures of the LGBF" in cost["caption"]
    )
    readmissions = parts["Rate of readmission to hospital within 28 days per 1,000 discharges"]
    assert perf.set_index("title").at[readmissions["title"], "trend"] == "improving"
    # committee reading (p15): "↑ improving" beside a bare "Special cause variation: concern" and a
    # Red status read as two labels that conflict; one explanation now stands at the SPC's icon
    # and, the longer run a sustained rise with no stable period (its caption), no "usual level" nor limit to be
    # above: COMMITTEE-11 #4 read "not back to the usual level of the longer run" against "no stable period"
    assert readmissions["icons"][0]["words"] == (
        "Special cause variation (concern) at the latest point (104.6, 2022/23), within a sustained rise over 2010/11 "
        "to 2022/23: no stable period. The arrow in the table (↑ improving) is the change on the same point last year "
        "only (from 111.9): better than last year, within a rise over the longer run."
    )
    # nor do those limits say whether the target will be met (COMMITTEE-11 #5: "may or may not be met: it lies within
    # the process limits" here, "will be missed consistently" for self-directed support, also a sustained rise)
    sds = parts[
        "Self-directed support (direct payments and managed personalised budgets) spend as a % of social work spend on adults 18+"
    ]
    for part in (readmissions, sds):
        assert part["icons"][1]["words"] == (
            "Assurance not judged: over a sustained rise the process limits describe no stable period to test the "
            "target against"
        ), part["title"]
    # 78.0 in 2010/11 to 104.6: 7 points below the mean, then 3 above it, said under its chart (COMMITTEE-5 #4)
    assert readmissions["chart"]["caption"].endswith(
        "Most points are special causes (outside the dashed limits, or in runs and trends), below the mean early and "
        "above it late: a sustained rise, so the limits describe no stable period; the earlier ones are not read as "
        "improvement or concern. † Synthetic figures for 2021/22 and 2022/23, made up for illustration."
    )
    assert "both hold" not in readmissions["chart"]["caption"]


def test_data_sources_count_every_measure_under_its_source_as_typed(data_dir):
    # the Angus case: six measures from one plan, one of them with no target (polarity none)
    import swlib
    from swlib.views import printed_rows, source_label, sources_view
    from tests.conftest import make_data

    plan = "Angus Social Work Service Plan 2023-24"
    measures = [{"unit": "count", "target": "10", "source": plan} for _ in range(5)]
    measures.append({"unit": "count", "polarity": "none", "source": plan})
    obs = [{"measure": f"m{i}", "period": "2024-25-Q1", "value": "12", "source": "Mosaic extract"} for i in range(6)]
    ds = swlib.load(make_data(data_dir, measures, obs))
    P = swlib.Period.parse("2024-25-Q1")
    perf = swlib.performance(ds, "alpha", P)
    items = dict(sources_view(ds, "alpha", "internal", printed_rows(ds, "alpha", P, perf))["items"])
    assert items[plan] == "6 measure definitions"  # the title as typed, not "2023/24"
    assert items["Mosaic extract"] == "6 figures"
    assert source_label("2023-24") == "2023/24"  # a bare year is a period: printed the report's way


def test_each_measure_needing_attention_is_headed_by_its_status_and_whose_it_is(demo):
    """SL 2021/22 Q2, section 4: Welfare Rights carers show 164 against 200, falling; the reader is
    told it is Amber by the officer's assessment, not by the figures, at the head of its block."""
    from bs4 import BeautifulSoup

    from swlib import trends
    from swlib.periods import Period
    from swlib.views import attention_view

    P = Period.parse("2021-22-Q2")
    perf = swlib.performance(demo, "south-lanarkshire", P)
    perf["sentence"] = trends.describe(perf, demo, "south-lanarkshire", P)
    page = BeautifulSoup(
        str(macro("attention", numbered(attention_view(demo, "south-lanarkshire", perf, P)["parts"], None))),
        "html.parser",
    )
    heads = {
        d.h3.get_text(): " ".join(d.select_one(".measure-text > p.measure-status").get_text(" ").split())
        for d in page.select("div.measure")
    }
    assert heads["Carers supported by dedicated Welfare Rights officers"] == (
        "Status: ▲ Amber (officer assessment; by the figures: Red) . Down from 206 at this point last year to 164, below "
        "the 200 target to date (400 for the year). † Synthetic figures."
    )  # the status and the sentence one paragraph, at the head of the block
    assert heads["Criminal Justice Social Work reports submitted to Court by the due date"].startswith(
        "Status: ◆ Red . Up"
    )
    # 8 with the planned referrals, Amber on its 69.6% against 70% (COMMITTEE-8 #1: no status rests on rounding)
    assert len(heads) == 8 and all(h.startswith(("Status: ◆ Red", "Status: ▲ Amber")) for h in heads.values())


def test_dumfries_and_galloways_stage_1_complaint_measures_count_the_same_responses(demo):
    """Q2 2023/24: responses within timescale and responses with an extension are both among the
    Stage 1 responses issued to date: one count (50), not 50 on one row and 56 on the next."""
    perf = swlib.performance(demo, "dumfries-and-galloway", "2023-24-Q2").set_index("measure")
    on_time, extended = perf.loc["dg-stage1-timescale"], perf.loc["dg-stage1-extension"]
    assert on_time["denominator"] == extended["denominator"] == 50
    assert (on_time["numerator"], extended["numerator"]) == (38, 9)


def test_how_we_compare_says_which_indicators_are_compared_with_scotland_and_why_the_rest_are_not(demo):
    """D&G 2023/24 Q2 "How we compare": 2 of 17 rows are tested against Scotland (SW6, SW8), the
    other 15 say "not compared". The words before the charts say so, counted from the rows."""
    from swlib.periods import Period
    from swlib.views.quarterly import benchmark_view

    v = benchmark_view(demo, "dumfries-and-galloway", Period.parse("2023-24-Q2"))
    said = [r["comparison"] for r in v["rows"]]
    assert len(said) == 17 and said.count("better") == 2 and sum(s.startswith("not compared") for s in said) == 15
    assert v["note"].startswith(
        "Compared with Scotland, allowing for chance: 2 of these 17 indicators (SW6 and SW8), where the LGBF publishes "
        "the counts of people or events behind the figure"
    )
    assert ": 2 better. The other 15 are ranked among the 32 councils and printed beside Scotland's figure, but not " \
        "tested (11 are percentages with no published counts behind them, so no confidence interval; 4 are costs, " \
        "not counts of people or events)" in v["note"]  # fmt: skip
    assert (
        "Better, similar or worse" not in v["note"]
        and "The charts show where we rank, not the comparison." in v["note"]
    )


def test_a_chart_a_public_report_leaves_out_is_said_to_be_left_out_in_its_place(demo):
    """D&G 2023/24 Q2 public, section 4: permanence within 26 weeks (last year's figure suppressed)
    has its years' chart with [c] where the table has it, and no SPC chart: one line says so in its block. An SPC chart none of whose points is a small
    number is drawn as in the internal report, its icons and verdict with it (COMMITTEE-5 #1: the
    public paper said readmissions were "↑ improving" and dropped "special cause: concern");
    one with a small number among its points is left out, said so. The internal report has every
    chart, and a line only where SPC has too few periods."""
    from bs4 import BeautifulSoup

    from swlib.periods import Period
    from swlib.views import attention_view

    P = Period.parse("2023-24-Q2")

    def blocks(council, period, audience):
        perf = swlib.performance(demo, council, period, audience=audience)
        html = str(macro("attention", numbered(attention_view(demo, council, perf, period)["parts"], None)))
        return {d.h3.get_text(): d for d in BeautifulSoup(html, "html.parser").select("div.measure")}

    public = blocks("dumfries-and-galloway", P, "public")
    internal = blocks("dumfries-and-galloway", P, "internal")
    permanence = public["Children who have a recommendation for permanence within 26 weeks of accommodation"]
    # its years are charted as its table prints them, last year's [c] with no bar (COMMITTEE-11 #6: "Chart not
    # shown: it would show small numbers" under figures printed beside it); its SPC chart of half-years is not
    assert len(permanence.select("figure")) == 1 and "2021/22: [c] (suppressed)" in permanence.figure.img["alt"]
    assert "70.8%" in permanence.figure.img["alt"]
    assert (
        permanence.select_one("p.chart-withheld").get_text().startswith("Statistical process control chart not shown")
    )
    readmissions = public["Rate of readmission to hospital within 28 days per 1,000 discharges"]
    words = " ".join(readmissions.get_text(" ").split())
    assert "Special cause variation (concern) at the latest point (104.6, 2022/23)" in words
    assert "The arrow in the table (↑ improving) is the change on the same point last year only" in words
    assert len(readmissions.select("figure")) == 2 and not readmissions.select("p.chart-withheld")
    sds = next(v for k, v in public.items() if k.startswith("Self-directed support"))
    assert "Special cause variation: improvement" in " ".join(sds.get_text(" ").split())
    balance = public["Balance of care for looked after children: % being looked after in the community"]
    assert len(balance.select("figure")) == 2 and not balance.select("p.chart-withheld")  # 471 of 512: none small
    # a chart of single months (none of them small): its reading is given, the chart is not, said so
    pdr = public["Staff who have completed an annual performance development review"]
    assert pdr.select(".spc-icons") and len(pdr.select("figure")) == 1
    assert pdr.select_one("p.chart-withheld").get_text() == (
        "Statistical process control chart not shown: a public report does not chart single months on their own, "
        "where numbers can be small; what the chart shows is said above."
    )
    # South Lanarkshire's CJSW reports: a quarter's reports to court include a small number. Its chart is
    # missing for the same reason as every chart of single quarters, said in the same words (COMMITTEE-9 #3:
    # "it would show small numbers" beside "does not chart single quarters" for the same kind of counts);
    # that its reading is not given either is said after it
    sl = Period.parse("2021-22-Q2")
    sl_public = blocks("south-lanarkshire", sl, "public")
    cjsw = next(v for k, v in sl_public.items() if k.startswith("Criminal Justice"))
    assert not cjsw.select(".spc-icons") and len(cjsw.select("figure")) == 1
    quarters = ("Statistical process control chart not shown: a public report does not chart single quarters on "
                "their own, where numbers can be small; ")  # fmt: skip
    assert cjsw.select_one("p.chart-withheld").get_text() == (
        quarters
        + "here some quarters' own figures would give a small number away, so what it shows is not said either."
    )
    reasons = {p.get_text().split(";")[0] for d in sl_public.values() for p in d.select("p.chart-withheld")}
    cost = "Statistical process control chart not shown: a cost is charted only in real terms"  # Equipu's saving
    assert {r for r in reasons if not r.startswith(cost)} == {quarters.rstrip("; ")}  # one reason for quarters
    # the internal report has every chart it can draw: a line only where there are too few periods for SPC
    said = [p.get_text() for d in internal.values() for p in d.select("p.chart-withheld")]
    few = ("Statistical process control chart not shown: about {} cases a month (from October 2021 to September "
           "2023), too few for a chart of each month to show a change: its limits would run from near 0% to near "
           "100%. It needs 10 or more cases a month on average.")  # COMMITTEE-5 (14): Stage 1 and Stage 2  # fmt: skip
    assert sorted(said) == sorted([
        "Statistical process control chart not shown: it needs 8 or more years in a row, and there are 4 "
        "(2019/20 to 2022/23), after a gap following 2017/18.", few.format(9), few.format(3)
    ])  # fmt: skip
    assert len(internal["Staff who have completed an annual performance development review"].select("figure")) == 2


def test_shared_measure_definitions_are_named_as_shared_except_in_the_council_whose_document_set_them(demo):
    # D&G's data sources named Dundee's annual report as the source of its measure definitions:
    # the 26 measures every council reports were defined from it; Dundee's own report cites it plainly
    from swlib.views import sources_view

    dundee = "Dundee Chief Social Work Officer Annual Report 2016/17"
    dg = dict(sources_view(demo, "dumfries-and-galloway", "internal")["items"])
    # COMMITTEE-11 #7: South Lanarkshire's and D&G's papers still cited Dundee's report, "as defined in" it; the 26
    # are swreport's catalogue (swlib/data/statutory_measures.csv, the same rows init writes) and cited as that
    catalogue = "the statutory functions a Chief Social Work Officer's annual report covers (the catalogue every council shares)"
    assert dg[catalogue] == "26 measure definitions"
    assert not [s for s in dg if "Dundee" in s]
    assert "29 measure definitions" in dg["Dumfries and Galloway Social Work Services Service Plan 2023-24"]
    own = dict(sources_view(demo, "dundee-city", "internal")["items"])
    assert own[dundee].startswith("1 council, 46 figures") and own[catalogue] == "26 measure definitions"
    # a measure every council reports, defined in another council's document, is named as shared, not as the
    # council's own
    from swlib.views.sources import shared_label

    assert shared_label("seed 002: " + dundee) == f"Measures every council reports, as defined in {dundee}"


def test_every_measure_needing_attention_without_an_spc_chart_says_why(demo):
    # committee reading of D&G 2023/24 Q2 p12: "Adults supported at home..." had no SPC chart and no reason
    from swlib import trends
    from swlib.periods import Period
    from swlib.views import attention_view

    P = Period.parse("2023-24-Q2")
    perf = swlib.performance(demo, "dumfries-and-galloway", P)
    perf["sentence"] = trends.describe(perf, demo, "dumfries-and-galloway", P)
    parts = attention_view(demo, "dumfries-and-galloway", perf, P)["parts"]
    assert all(p["icons"] or p["withheld"] for p in parts)
    adults = next(p for p in parts if p["id"] == "attention-dg-quality-of-life")
    assert adults["withheld"] == (
        "Statistical process control chart not shown: it needs 8 or more years in a row, and there are 4 "
        "(2019/20 to 2022/23), after a gap following 2017/18."
    )


def test_a_percentage_without_its_counts_beside_a_count_is_not_read_as_a_share_of_it(demo):
    # committee reading of Dundee 2016/17 p10: "Complaints upheld 28.5%" under 77 complaints received;
    # no whole number of 77 gives 28.5% (the council's outcomes: upheld 28.5%, partly 17%, not 55.5%)
    from swlib.periods import Period
    from swlib.views import statutory_view

    perf = swlib.performance(demo, "dundee-city", "2016-17")
    table = statutory_view(perf, "Complaints", Period.parse("2016-17"))["table"]
    assert [r["label"] for r in table["rows"]][:2] == ["Statutory social work complaints received", "Complaints upheld"]
    assert table["base_note"] == (
        "Complaints upheld and Complaint investigations finalised within agreed timescales: percentages as the "
        "council reported them, without the counts behind them; not necessarily a share of a count in this table."
    )
    only_counts = perf[perf["measure"].isin(["complaints-received"])]
    assert statutory_view(only_counts, "Complaints", Period.parse("2016-17"))["table"]["base_note"] is None


def test_an_spc_target_that_is_a_share_of_the_years_says_so_and_the_assurance_names_it(demo):
    """COMMITTEE-5 (6): carers had 400 for the year, 200 to date and an SPC line "target 100"
    unexplained, and the "?" assurance was judged against the 100; sickness's "0.75 days" too."""
    import base64

    from swlib.measure_spc import spc_target_words
    from swlib.periods import Period
    from swlib.views import attention_view

    seen = {}
    for council, period, title in (("south-lanarkshire", "2021-22-Q2", "Carers supported by dedicated Welfare Rights"),
                                   ("dumfries-and-galloway", "2023-24-Q2", "Average days lost")):  # fmt: skip
        P = Period.parse(period)
        perf = swlib.performance(demo, council, P)
        part = next(p for p in attention_view(demo, council, perf, P)["parts"] if p["title"].startswith(title))
        svg = base64.b64decode(part["chart"]["src"].split(",", 1)[1]).decode()
        seen[title] = (svg, part["icons"][1]["words"], part["chart"]["caption"])
    svg, assurance, caption = seen["Carers supported by dedicated Welfare Rights"]
    assert ">target 100<" in svg and ">a quarter (400 ÷ 4)<" in svg
    assert assurance.endswith("(the target tested: 100 a quarter, the year's 400 ÷ 4)")
    assert caption.endswith("The target line is 100 a quarter, the year's 400 ÷ 4.")
    svg, assurance, _ = seen["Average days lost"]
    assert (
        ">a month<" in svg
        and ">(9.00 days ÷ 12)<" in svg
        and "0.75 days a month, the year's 9.00 days ÷ 12" in assurance
    )
    # a percentage's target is the year's own on every point: labelled as before, nothing added
    assert spc_target_words(70.0, 70.0, "percent", 0, "quarter") is None
    assert spc_target_words(400.0, 400.0, "count", 0, "year") is None


def test_a_public_annual_table_with_c_says_why_under_it_and_its_withheld_chart_is_named(demo):
    """COMMITTEE-5 (12): the public Dundee 2016/17 printed "Young people receiving a custodial
    sentence 6 [c]" with no footnote under the table, and its chart of 8 measures had 7, unsaid."""
    from swlib.templating import macro
    from swlib.views import statutory_view

    Y = swlib.Period.parse("2016-17")
    public = statutory_view(swlib.performance(demo, "dundee-city", Y, audience="public"), "Justice social work", Y)
    assert public["table"]["suppressed_note"] == (
        "Figure suppressed to protect confidentiality: a number from 1 to 4 could otherwise be read from it, or "
        "worked out from it by subtraction, so a large figure can be [c] too."
    )
    assert public["chart"]["caption"].endswith(
        "Chart not shown for Young people receiving a custodial sentence: it would show a figure marked [c] in the table."
    )
    html = str(macro("values_table", public["table"]))  # printed under the table
    assert "[c]</abbr> Figure suppressed to protect confidentiality" in html
    internal = statutory_view(swlib.performance(demo, "dundee-city", Y), "Justice social work", Y)
    assert "suppressed_note" not in internal["table"] and "Chart not shown" not in internal["chart"]["caption"]


def test_a_public_quarterly_asks_public_spc_once_a_measure_and_never_draws_a_chart_it_leaves_out(demo, monkeypatch):
    """D&G 2023/24 Q2 public: the trend cells and section 4 ask what a public report shows of each
    SPC chart once a measure (``public_spc_of``), and a chart given as its verdict only (the PDR's
    single months) is not drawn (issue 26)."""
    from dataclasses import replace

    from swlib.periods import Period
    from swlib.views import attention_view, quarterly, spc_against_trends
    from swlib.views import spc as spc_views

    ds = replace(demo, memo={})  # the counts below start from nothing worked out
    asked, drawn = [], []
    real_public, real_chart = quarterly.public_spc, spc_views.spc_chart
    monkeypatch.setattr(
        quarterly, "public_spc", lambda ds, c, r, chart: asked.append(r["measure"]) or real_public(ds, c, r, chart)
    )
    monkeypatch.setattr(
        spc_views, "spc_chart", lambda chart, title, *a, **k: drawn.append(title) or real_chart(chart, title, *a, **k)
    )
    P = Period.parse("2023-24-Q2")
    perf = swlib.performance(ds, "dumfries-and-galloway", P, audience="public")
    spc_against_trends(ds, "dumfries-and-galloway", perf, P)
    parts = attention_view(ds, "dumfries-and-galloway", perf, P)["parts"]
    assert asked and len(asked) == len(set(asked))  # once a measure, though both ask
    pdr = next(p for p in parts if p["title"].startswith("Staff who have completed an annual performance"))
    assert pdr["icons"] and pdr["chart"] and pdr["chart"]["src"] != ""  # its years' chart, its SPC reading in words
    assert not any(t.startswith("Staff who have completed an annual performance") for t in drawn)
    readmissions = next(p for p in parts if p["title"].startswith("Rate of readmission"))
    assert readmissions["icons"] and any(t.startswith("Rate of readmission") for t in drawn)  # a chart of years: drawn


def _quarters(data_dir, latest: str, measure: dict, earlier: str, q1: str, councils=None, others=None):
    """A quarterly measure over 2020/21 Q1 to 2023/24 Q2: ``earlier`` each quarter (or as ``others``
    gives it), then ``q1`` and ``latest``: this year above last, the latest quarter far below the run
    (a special cause of concern beside an improving arrow, so the SPC sentence prints the latest
    point's value)."""
    from tests.conftest import COUNCILS, write_csv

    qs = [f"{y}-{(y + 1) % 100:02d}-Q{q}" for y in (2020, 2021, 2022, 2023) for q in (1, 2, 3, 4)][:-2]
    vals = {**dict.fromkeys(qs, earlier), **(others or {}), "2023-24-Q1": q1, "2023-24-Q2": latest}
    obs = [{"measure": "m0", "period": p, "value": v} for p, v in vals.items()]
    folder = make_data(data_dir, [{"frequency": "quarterly", "polarity": "higher", **measure}], obs)
    if councils:
        write_csv(folder / "councils.csv", [{**c, **councils} for c in COUNCILS])
    return swlib.load(folder)


def _spc_words(ds, audience: str) -> str:
    from swlib.periods import Period
    from swlib.views import attention_view

    P = Period.parse("2023-24-Q2")
    perf = swlib.performance(ds, "alpha", P, audience=audience)
    parts = attention_view(ds, "alpha", perf, P)["parts"]  # none where the row's figure is [c]
    return " ".join(w for p in parts for w in [*(i["words"] for i in p["icons"] or []), p["withheld"] or ""])


def test_a_public_spc_sentence_of_single_quarters_never_prints_a_latest_point_a_public_table_would_suppress(
    data_dir,
):
    """Issue 21 #4: a public report gives a chart of single quarters as its verdict, in words, and that
    sentence printed the latest quarter's value: "the latest point (0.14, 2023/24 Quarter 2)", a rate of 22,010
    children aged 0-15 that is 3 children, which a public table prints [c]. A count of 3 in the latest quarter
    is held back with its row; a latest point that gives nothing away is still said."""
    # a small latest quarterly count: the row's year to date less Q1's gives it, so nothing of it is said
    ds = _quarters(data_dir / "a", "3", {"unit": "count", "target": "1000", "title": "Visits made"}, "40", "100")
    assert "the latest point (3, 2023/24 Quarter 2)" in _spc_words(ds, "internal")
    public = _spc_words(ds, "public")
    assert "latest point" not in public and "(3," not in public
    # a rate of the population, value only: the latest quarter's 0.14 per 1,000 of 22,010 is 3 children, which
    # the year to date's average less Q1's gives too: the row is [c], nothing of it is said
    rate = {"unit": "rate", "aggregate": "mean", "target": "10", "decimals": "2",
            "title": "Children seen per 1,000 population aged 0-15"}  # fmt: skip
    pops = {"population": "150000", "population_0-15": "22010"}
    ds = _quarters(data_dir / "b", "0.14", rate, "2.00", "5.00", pops)
    assert "the latest point (0.14, 2023/24 Quarter 2)" in _spc_words(ds, "internal")
    assert "0.14" not in _spc_words(ds, "public")
    # an earlier quarter of the chart is 3 children (0.14): the chart's verdict, built on it, is not said either
    ds = _quarters(data_dir / "c", "1.50", rate, "2.00", "5.00", pops, {"2022-23-Q3": "0.14"})
    assert "variation" in _spc_words(ds, "internal")  # its verdict, internally
    public = _spc_words(ds, "public")
    assert public.strip() == (
        "Statistical process control chart not shown: a public report does not chart single quarters on their own, "
        "where numbers can be small; here some quarters' own figures would give a small number away, so what it "
        "shows is not said either."
    )
    # 1.50 per 1,000 is 33 children, and no point is small: the verdict and its latest point are said
    ds = _quarters(data_dir / "d", "1.50", rate, "2.00", "5.00", pops)
    assert "the latest point (1.50, 2023/24 Quarter 2)" in _spc_words(ds, "public")


def test_a_rows_spc_chart_is_worked_out_once_even_where_its_target_is_nan(monkeypatch):
    from types import SimpleNamespace

    from swlib.views import quarterly

    made = []
    monkeypatch.setattr(quarterly, "spc_target", lambda ds, r: float("nan"))  # a new NaN each time: never == itself
    monkeypatch.setattr(quarterly, "long_trend", lambda *a, **k: made.append(a) or "chart")
    ds, row = SimpleNamespace(memo={}), {"measure": "m"}
    for _ in range(2):
        assert quarterly.spc_chart_of(ds, "fife", row, "2023-24-Q2")[0] == "chart"
    assert len(made) == 1


def test_a_synthetic_target_and_tolerance_are_marked_where_printed(demo):
    # COMMITTEE-8 #22: D&G's sickness-absence target to date and its 0.25-day tolerance are made up
    # (targets.csv source "synthetic: ..."), printed without the † synthetic figures carry
    from swlib.views.tables import marked_targets
    from swlib.views.tolerance import amber_rule

    perf = swlib.performance(demo, "dumfries-and-galloway", "2023-24-Q2")
    absence = perf[perf["measure"] == "dg-absence-days"]
    assert "target" in swlib.status.synthetic_columns(absence.iloc[0].to_dict())
    assert not any(
        "target" in swlib.status.synthetic_columns(r)
        for r in perf[perf["measure"] != "dg-absence-days"].to_dict("records")
    )
    own = amber_rule("dumfries-and-galloway", perf)["own"]
    assert own == [{"title": absence.iloc[0]["title"], "band": "Amber up to 4.75 days † (target 4.50 days †)"}]
    html = macro("status_legend", s.legend_view("dumfries-and-galloway", perf))
    assert "Amber up to 4.75 days † (target 4.50 days †)." in html  # † as the banner of page 1 says
    # in a table whose other figures are real, the target cell is marked and the note said
    t = marked_targets(
        {"synthetic": None}, [{"text": "4.50 days", "synthetic": True}, {"text": "75%", "synthetic": False}]
    )
    assert t["synthetic"] == "some"
    t = performance_table_view(absence.assign(synthetic="target"), perf.attrs["years"], "caption")
    assert t["rows"][0]["target"] == {"text": "4.50 days", "synthetic": True} and t["synthetic"] == "some"
    assert '4.50 days<span class="synthetic-mark"> †</span>' in macro("performance_table", t)
    # where every figure of the table is synthetic, the table says so once, as for its figures
    t = performance_table_view(absence, perf.attrs["years"], "caption")
    assert t["synthetic"] == "all" and t["rows"][0]["target"] == {"text": "4.50 days"}


def test_a_budget_the_source_calls_net_is_titled_net_in_its_table_and_chart(demo):
    # COMMITTEE-8 (14): SL's Resource Plan heads its table "NET Budget by Service"; the annual report's
    # table and chart said "revenue budget", and Justice's £1.6m (0.9%) read as the whole of its spending
    sl = s.finance_view(demo, "south-lanarkshire", swlib.Period.parse("2021-22"))["items"]
    table = next(i["table"] for i in sl if "table" in i and "budget by service" in i["table"]["caption"])
    chart = next(i["chart"] for i in sl if "chart" in i)
    assert table["caption"] == "2021/22 net revenue budget by service"
    assert chart["caption"].startswith("The 2021/22 net revenue budget by service") and "net revenue" in chart["alt"]
    dg = s.finance_view(demo, "dumfries-and-galloway", swlib.Period.parse("2023-24"))["items"]  # its plan does not say
    assert next(i["table"]["caption"] for i in dg if "table" in i) == "2023/24 revenue budget by service"


def test_a_budgets_chart_prints_with_its_table(demo):
    # COMMITTEE-8 (16): D&G's 2023/24 budget chart printed alone at the top of p4, its table on p3
    html = str(macro("finance", s.finance_view(demo, "dumfries-and-galloway", swlib.Period.parse("2023-24"))))
    block = re.search(r'<div class="budget-block">(.*?)</div>', html, re.S).group(1)
    assert "2023/24 revenue budget by service</caption>" in block and "<figure" in block and "</figure>" in block
    assert html.count("<figure") == 1  # the chart once, in the block
    from swlib.templating import report_css

    assert ".budget-block { break-inside: avoid; }" in report_css()


def test_the_annual_page_one_names_where_the_council_compares_least_well_and_its_weak_inspection_grades(demo):
    # COMMITTEE-8 #13: Dundee's 2016/17 report has no measure with a target, and its page 1 said only that,
    # while it was 32nd of 32 on readmissions (p.8) and a care service was graded 2 (Weak) (p.11)
    from bs4 import BeautifulSoup

    from swlib.templating import environment

    P = swlib.Period.parse("2016-17")
    v = s.beyond_targets_view(demo, "dundee-city", P)
    assert v["ranks"]["title"] == "Where we compare least well" and "in 2016/17" in v["ranks"]["lead"]
    lines = [(line["name"], line["text"]) for line in v["ranks"]["lines"]]
    assert lines == [  # the bottom quarter, from the bottom up; among 32nds, the one worse than Scotland first
        ("Hospital readmissions within 28 days (SW6)", "127.5 per 1,000 discharges, 32nd of 32 (lower is better)"),
        ("Self-directed support spend share (SW2)", "1.0%, 32nd of 32 (higher is better)"),
        ("Community care cost per looked after child (CHN8b)", "£597 at 2020/21 prices, 32nd of 32 (1st = lowest cost)"),
        ("Residential care cost per looked after child (CHN8a)", "£5,240 at 2020/21 prices, 30th of 32 (1st = lowest cost)"),
        ("Over-65s, intensive needs, at home (SW3a)", "54.9%, 29th of 32 (higher is better)"),
    ]  # fmt: skip
    # one figure per fact: each figure and rank as 6.6's table prints them, for the same year
    table = {r["indicator"].split(":")[0]: r for r in s.benchmark_view(demo, "dundee-city", P)["rows"]}
    for name, text in lines:
        row = table[name.rsplit("(", 1)[1].rstrip(")")]
        assert (
            row["year"] == "2016/17"
            and re.match(re.escape(row["value"].split(" (")[0]) + "[ ,]", text)
            and row["rank"] in text
        )
    assert v["grades"]["lines"] == [{"name": "Weavers Burn (Care at Home / Housing Support)",
                                     "text": "care and support 2 (Weak) and management and leadership 2 (Weak), "
                                             "inspected 3 November 2016"}]  # fmt: skip
    assert s.beyond_targets_view(demo, "dundee-city", P, "public") == v  # published figures: the same in public
    # the LGBF's latest year before the report's (SL 2021/22, D&G 2023/24: 2020/21) is not this year's; no weak grade
    for council, year in (("south-lanarkshire", "2021-22"), ("dumfries-and-galloway", "2023-24")):
        assert s.beyond_targets_view(demo, council, swlib.Period.parse(year)) == {"ranks": None, "grades": None}
    # on page 1, after the words that there are no targets: each line links to its section, named as headed
    parts = [{"id": f"statutory-{i}", "title": "A function"} for i in range(5)]
    parts.append({"id": "benchmarking", "title": "How we compare with other councils", "benchmark": {"rows": []}})
    ctx = {"summary": None, "narrative": {"summary": ""}, "narrative_files": {}, "data_warnings": [],
           "beyond_targets": v, "performance": {"parts": parts}}  # fmt: skip
    page = BeautifulSoup(
        str(environment().get_template("annual/report.html.j2").module.summary(ctx, {})), "html.parser"
    )
    text = " ".join(page.get_text(" ").split()).replace(" :", ":")
    assert text.index("No measures with targets were reported") < text.index("Where we compare least well")
    assert "see 6.6 How we compare with other councils:" in text and "see 9. Inspection grades:" in text
    items = page.select("ul.beyond li")
    assert [li.a["href"] for li in items] == ["#benchmarking"] * 5 + ["#inspections"]
    assert " ".join(items[0].get_text().split()) == (
        "Hospital readmissions within 28 days (SW6): 127.5 per 1,000 discharges, 32nd of 32 (lower is better)"
    )


def test_a_weak_grade_on_page_one_names_its_service_as_the_public_grades_table_does(demo, tmp_path):
    # a service name with a small number in it is withheld in a public report's grades table: page 1 says the same
    from dataclasses import replace

    import pandas as pd

    row = {"council": "dundee-city", "service": "Flat 3 support", "service_type": "Housing Support", "sector": "LA",
           "date": "2016-10-01", "care_and_support": 1, "source": "synthetic: for this test"}  # fmt: skip
    ds = replace(demo, inspections=pd.concat([demo.inspections, pd.DataFrame([row])], ignore_index=True), memo={})
    P = swlib.Period.parse("2016-17")
    internal = s.beyond_targets_view(ds, "dundee-city", P)["grades"]["lines"]
    assert internal[0] == {"name": "Flat 3 support † (Housing Support)",
                           "text": "care and support 1 (Unsatisfactory), inspected 1 October 2016"}  # fmt: skip
    public = s.beyond_targets_view(ds, "dundee-city", P, "public")["grades"]["lines"]
    table = s.inspection_view(ds, "dundee-city", P, "public")["table"]
    assert "3" not in public[0]["name"] and public[0]["name"].startswith("[withheld")
    assert public[0]["name"].split(" (")[0] in str(table)  # the name as the table prints it


def test_a_public_report_names_the_councils_own_small_numbers_where_it_explains_c(demo, tmp_path, monkeypatch):
    """A council whose settings hide 1 to 9 (suppress_max: 9) had its public reports say "1 to 4"
    under every table with [c], in "About suppressed figures" and in the glossary's [c]: the
    reader is told the range the council uses."""
    from bs4 import BeautifulSoup

    from swlib import trends
    from swlib.periods import Period
    from swlib.views import glossary_items, performance_view, sources_view

    P = Period.parse("2023-24-Q2")

    def public(council):
        perf = swlib.performance(demo, council, P, audience="public")
        perf["sentence"] = trends.describe(perf, demo, council, P)
        return perf

    def said(council):
        perf = public(council)
        notes = [t["suppressed_note"] for p in performance_view(perf)["parts"] for o in p["outcomes"]
                 for t in o["tables"] if t.get("suppressed_note")]  # fmt: skip
        return notes, sources_view(demo, council, "public")["note"], dict(glossary_items(council))["[c]"]

    notes, footnote, c = said("dumfries-and-galloway")
    assert notes and all("a number from 1 to 4 could otherwise be read" in n for n in notes)
    assert "is from 1 to 4" in footnote and "counts 1 to 4 people" in c
    params = tmp_path / "params"
    params.mkdir()
    (params / "councils.yaml").write_text("councils:\n  dumfries-and-galloway:\n    suppress_max: 9\n")
    monkeypatch.setenv("SWREPORT_PARAMS", str(params))
    notes, footnote, c = said("dumfries-and-galloway")
    assert notes and all("a number from 1 to 9 could otherwise be read" in n for n in notes)
    assert all(n.endswith("so a large figure can be [c] too.") for n in notes)  # where the [c] is
    assert "is from 1 to 9" in footnote and "a number from 1 to 9 could be worked out" in footnote
    assert "counts 1 to 9 people" in c
    assert not [w for w in [*notes, footnote, c] if "1 to 4" in w]
    # and as the reader sees it: the sentences of a row with a figure [c] at this point last year
    perf = public("dumfries-and-galloway")
    tables = [t for p in performance_view(perf)["parts"] for o in p["outcomes"] for t in o["tables"]]
    html = "".join(str(macro("performance_table", t)) for t in tables)
    text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
    assert "[c] Figure suppressed to protect confidentiality: a number from 1 to 9 could" in text
    assert "1 to 4" not in text


def test_the_glossary_of_a_report_with_no_council_leaves_the_next_councils_c_its_own_range(tmp_path, monkeypatch):
    """glossary() is cached: glossary_items(None) once wrote "1 to 4" into the cache, so a council
    hiding 1 to 9 then read "counts 1 to 4 people" in its [c] (failed in CI, by test order)."""
    from swlib.views import glossary_items

    assert "counts 1 to 4 people" in dict(glossary_items(None))["[c]"]
    params = tmp_path / "params"
    params.mkdir()
    (params / "councils.yaml").write_text("councils:\n  dumfries-and-galloway:\n    suppress_max: 9\n")
    monkeypatch.setenv("SWREPORT_PARAMS", str(params))
    assert "counts 1 to 9 people" in dict(glossary_items("dumfries-and-galloway"))["[c]"]


def test_the_wording_every_report_shares_cannot_be_changed_by_one_of_them():
    """Read once a process and shared by every report it renders: glossary() handed out its cached
    dict, and glossary_items(None) wrote its [c] range into it (issue 20). Each is read only now,
    so a caller changing one in place fails at once instead of rewording the next council's report."""
    from swlib.views import wording

    for shared in (wording.glossary(), wording.status_meanings(), wording.national_glossary()):
        term = next(iter(shared))
        with pytest.raises(TypeError):
            shared[term] = "one council's words"
    with pytest.raises(AttributeError):
        wording.national_terms().append("SPC")
    assert "one council's words" not in wording.glossary().values()
