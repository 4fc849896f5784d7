"""The explorer's callbacks, without a browser: a change of selection updates the view's data."""

import pandas as pd
import pytest

from swlib.explorer import Explorer


@pytest.fixture
def ex(demo):
    return Explorer(demo, "south-lanarkshire", "2021-22-Q2")


def test_default_selection_is_the_first_theme_and_measure(ex):
    assert ex.theme == "Ensure communities are safe, strong and sustainable"
    assert ex.measure == "sl-equipu-saving"
    assert ex.view.table["period"].iloc[-1] == "2021-22-Q2"
    assert ex.view.sentence.endswith(".")


def test_selecting_a_measure_updates_the_table_and_chart_data(ex):
    seen = []
    ex.on_change(seen.append)
    ex.select_theme("Improve health, care and wellbeing")
    assert ex.measure == "sl-la-guardianship-visits" and seen[-1].measure == "sl-la-guardianship-visits"
    ex.select_measure("sl-planned-discharge")
    v = ex.view
    assert v.title == "Planned Discharge Dates that are met"
    assert v.row["status"] in ("Green", "Amber", "Red")
    assert v.spc is not None and v.spc.attrs["method"] == "p-chart"
    assert len(v.table) == len(v.spc)
    assert any("Delays in care home admissions" in c for c in v.comments)
    assert len(seen) == 2


def test_selecting_a_council_resets_theme_and_measure_and_shows_benchmarks(ex):
    ex.select_council("dumfries-and-galloway")
    assert ex.theme == "Social Work Services success measures" and ex.measure == "dg-cj-reports"
    ex.select_theme("Local Government Benchmarking Framework indicators")
    assert len(ex.view.benchmark) == 32 and ex.view.benchmark["rank"].iloc[0] == 1


def test_selecting_a_period_recomputes_to_date(ex):
    ex.select_theme("Improve health, care and wellbeing")
    ex.select_measure("sl-carers-lanarkshire")
    q2 = ex.view.row["to_date"]
    ex.select_period("2021-22-Q1")
    assert ex.view.table["period"].iloc[-1] == "2021-22-Q1" and ex.view.row["to_date"] != q2


def test_bad_selections_say_what_was_expected(ex):
    with pytest.raises(ValueError, match="unknown council 'narnia'"):
        ex.select_council("narnia")
    with pytest.raises(ValueError, match="is not in theme"):
        ex.select_measure("dg-cj-reports")


def test_export_csv_and_xlsx(ex, tmp_path):
    ex.select_theme("Improve health, care and wellbeing")
    ex.select_measure("sl-planned-discharge")
    csv = pd.read_csv(ex.export(tmp_path / "v.csv"))
    assert list(csv.columns) == [
        "period",
        "label",
        "value",
        "numerator",
        "denominator",
        "source",
        "price_year",
    ] and len(csv) == len(ex.view.table)
    assert set(csv["source"]) == {"synthetic"}  # where each figure came from: these are made up
    book = pd.read_excel(ex.export(tmp_path / "v.xlsx"), sheet_name=None)
    assert set(book) >= {"periods", "spc", "summary"} and book["summary"]["measure"].iloc[0] == "sl-planned-discharge"
    with pytest.raises(ValueError, match=r"\.csv or \.xlsx"):
        ex.export(tmp_path / "v.pdf")


def test_widget_builds_and_its_controls_drive_the_explorer(ex):
    box = ex.widget()
    council_dd = box.children[0].children[0]
    theme_dd = box.children[1]
    measure_dd = box.children[2]
    theme_dd.value = "Improve health, care and wellbeing"
    assert ex.theme == "Improve health, care and wellbeing" and measure_dd.value == ex.measure
    council_dd.value = "dumfries-and-galloway"
    assert ex.council == "dumfries-and-galloway" and theme_dd.value == ex.theme


def test_the_public_explorer_shows_and_exports_only_what_a_public_report_prints(tmp_path):
    from openpyxl import load_workbook

    from tests.conftest import make_data

    obs = [{"measure": "m0", "period": f"2020-21-Q{q}", "value": v, "comment": c}
           for q, v, c in ((1, "90", "Steady"), (2, "3", "3 children placed"))]  # fmt: skip
    import swlib

    ds = swlib.load(make_data(tmp_path / "data", [{"unit": "count", "polarity": "none"}], obs))
    internal = Explorer(ds, "alpha", "2020-21-Q2", measure="m0")
    public = Explorer(ds, "alpha", "2020-21-Q2", measure="m0", audience="public")
    assert 3 in internal.view.table["value"].tolist()
    assert public.view.spc is None and "numerator" not in public.view.table
    assert public.view.table["value"].tolist()[-1] == "[c]" and all("withheld" in c for c in public.view.comments)
    for name in ("p.xlsx", "p.csv"):
        path = public.export(tmp_path / name)
        if name.endswith(".xlsx"):
            cells = [c.value for ws in load_workbook(path) for row in ws.iter_rows() for c in row]
        else:
            cells = path.read_text().replace("\n", ",").split(",")
        assert not any(str(c).strip() in ("3", "93", "3.0", "93.0") for c in cells), name
    html = public.render_html()
    assert "3 children" not in html and "[c]" in html


def test_exports_round_values_to_the_measures_decimals(ex, tmp_path):
    ex.select_theme("Improve health, care and wellbeing")
    ex.select_measure("sl-planned-discharge")
    decimals = int(ex.ds.measures.set_index("measure").loc["sl-planned-discharge", "decimals"])
    raw = ex.view.table["value"]
    assert (raw.round(decimals) != raw).any()  # the data has more digits than the report shows
    text = (ex.export(tmp_path / "v.csv")).read_text()
    csv = pd.read_csv(tmp_path / "v.csv")
    assert (csv["value"] == csv["value"].round(decimals)).all() and "92.43243243243244" not in text


def test_export_says_why_it_wrote_nothing_and_bare_names_go_to_outputs(ex, tmp_path, monkeypatch):
    assert ex.export_message(str(tmp_path / "v.txt")).startswith("not written: export to .csv or .xlsx")
    assert (
        ex.export_message(str(tmp_path / "missing" / "v.csv")) == f"not written: no such folder: {tmp_path / 'missing'}"
    )
    assert not (tmp_path / "missing").exists()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SWREPORT_OUT", raising=False)
    assert ex.export_message("v.csv") == f"written {tmp_path / 'outputs' / 'explorer' / 'v.csv'}"
    assert (tmp_path / "outputs" / "explorer" / "v.csv").exists() and not (tmp_path / "v.csv").exists()


def test_a_measure_with_no_figures_draws_no_empty_chart(data_dir):
    import swlib
    from tests.conftest import make_data

    ds = swlib.load(make_data(data_dir, [{"title": "Seen in time"}, {"title": "Nothing yet"}],
                              [{"measure": "m0", "period": "2020-21-Q1", "numerator": "1", "denominator": "2"}]))  # fmt: skip
    html = Explorer(ds, "alpha", "2020-21-Q1", measure="m1").render_html()
    assert "No figures for this measure in the last four years to 2020/21 Quarter 1." in html
    assert "<img" not in html and "<svg" not in html
    assert (
        "<img" in Explorer(ds, "alpha", "2020-21-Q1", measure="m0").render_html()
        or "<svg" in Explorer(ds, "alpha", "2020-21-Q1", measure="m0").render_html()
    )


def test_the_widget_is_shown_once_with_the_view_as_html_where_widgets_do_not_run(ex):
    bundle = ex.widget()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # JupyterLab: the live controls
    assert bundle["text/html"] == ex.render_html() and ex.view.title in bundle["text/html"]  # a saved copy


def test_the_explorer_shows_a_measure_needing_attention_with_the_reports_spc_chart_and_icons(ex, demo):
    import swlib
    from swlib.views import attention_view

    perf = swlib.performance(demo, "south-lanarkshire", "2021-22-Q2")
    parts = {p["title"]: p for p in attention_view(demo, "south-lanarkshire", perf, ex.period)["parts"] if p["icons"]}
    title, part = next(iter(parts.items()))
    ex.select_theme(perf.set_index("title").at[title, "theme"])
    ex.select_measure(perf.set_index("title").at[title, "measure"])
    shown = ex.render_view()
    assert shown["icons"] == part["icons"] and all(i["words"] for i in shown["icons"])
    assert shown["spc_chart"] == part["chart"]


def test_the_export_button_says_in_the_widget_what_it_wrote_or_why_not(ex, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SWREPORT_OUT", raising=False)
    name, button, status = ex.widget().children[3].children
    name.value = "view.txt"
    button.click()
    assert status.value.startswith("not written: export to .csv or .xlsx")
    name.value = str(tmp_path / "missing" / "v.csv")
    button.click()
    assert status.value == f"not written: no such folder: {tmp_path / 'missing'}"
    name.value = "view.csv"
    button.click()
    assert status.value == f"written {tmp_path / 'outputs' / 'explorer' / 'view.csv'}"  # where git does not look


def test_the_explorers_exports_are_where_git_does_not_look():
    import shutil
    import subprocess

    import pytest

    from tests.conftest import ROOT

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    r = subprocess.run(["git", "check-ignore", "-q", "outputs/explorer/view.csv"], cwd=ROOT, check=False)
    assert r.returncode == 0


def test_the_explorer_names_the_year_of_a_latest_available_figure(demo):
    """As the report's sentence does: D&G's 2023/24 Q2 re-registrations are 2022/23's figure."""
    ex = Explorer(demo, "dumfries-and-galloway", "2023-24-Q2")
    measure = "dg-cp-reregistrations"
    theme = demo.measures.set_index("measure").at[measure, "theme"]
    ex.select_theme(theme)
    ex.select_measure(measure)
    assert ex.view.sentence.startswith("Up from 4.6% in 2021/22 to 4.9% in 2022/23,")


def test_a_cost_is_benchmarked_in_real_terms_with_the_reports_figure_and_words(demo):
    """D&G's CHN8a (2019/20, the LGBF's latest year for it) at 2020/21 prices, as the quarterly
    report's benchmarking table prints it, not the cash figure of 2019/20."""
    from swlib.views.quarterly import benchmark_view

    ex = Explorer(demo, "dumfries-and-galloway", "2023-24-Q2")
    ex.select_theme("Local Government Benchmarking Framework indicators")
    ex.select_measure("dg-lac-residential-cost")
    report = next(
        r
        for r in benchmark_view(demo, "dumfries-and-galloway", ex.period)["rows"]
        if r["indicator"].startswith("CHN8a")
    )
    shown = ex.render_view()["benchmark"]
    assert shown == report
    assert shown["indicator"].endswith("(£ at 2020/21 prices)") and shown["year"] == "2019/20"
    b = demo.benchmarks
    cash = b[(b["lgbf"] == "CHN8a") & (b["council"] == "dumfries-and-galloway") & (b["period"] == "2019-20")].iloc[0]
    assert shown["value"] == f"£{cash['real_value']:,.0f}" != f"£{cash['value']:,.0f}"
    mine = ex.view.benchmark.set_index("council").loc["dumfries-and-galloway"]
    assert mine["value"] == cash["real_value"]  # what the export's benchmark sheet holds
    html = ex.render_html()
    assert shown["value"] in html and "£ at 2020/21 prices" in html and "compared compared" not in html


def test_the_public_explorer_withholds_words_by_the_councils_own_range_of_small_numbers(tmp_path, monkeypatch):
    """A council that suppresses counts up to 9 (params/councils.yaml) has "7 children" withheld
    from the definition and the comment, as its public reports do; the default 1-4 keeps them."""
    import swlib
    from tests.conftest import MEASURE_DEFAULTS, make_data, write_csv

    obs = [{"measure": "m0", "period": f"2020-21-Q{q}", "numerator": "40", "denominator": "50",
            "comment": "7 children moved"} for q in (1, 2)]  # fmt: skip
    folder = make_data(tmp_path / "data", [{}], obs)
    measure = {"measure": "m0", **MEASURE_DEFAULTS, "definition": "Counts 7 children placed out of area"}
    write_csv(folder / "measures.csv", [measure])
    ds = swlib.load(folder)
    params = tmp_path / "params"
    params.mkdir()
    monkeypatch.setenv("SWREPORT_PARAMS", str(params))
    default = Explorer(ds, "alpha", "2020-21-Q2", measure="m0", audience="public").view
    assert default.definition == "Counts 7 children placed out of area"
    assert default.comments == ["7 children moved"]
    (params / "councils.yaml").write_text("councils:\n  alpha:\n    suppress_min: 1\n    suppress_max: 9\n")
    v = Explorer(ds, "alpha", "2020-21-Q2", measure="m0", audience="public").view
    assert v.definition == "[withheld]"
    assert not any("7 children" in c for c in v.comments)


def test_a_costs_spc_chart_says_why_its_real_terms_series_ends(demo):
    """SW1 runs to 2020/21, the LGBF's price year; CHN8a stops at 2019/20 (the workbook's 2020/21 is "dna")."""
    ex = Explorer(demo, "dumfries-and-galloway", "2023-24-Q2")
    ex.select_theme("Local Government Benchmarking Framework indicators")
    ex.select_measure("dg-home-care-cost")
    assert ex.view.spc["period"].iloc[-1] == "2020-21"
    assert ex.render_view()["spc_chart"]["caption"].endswith(
        "It ends in 2020/21: the figures the LGBF gives at 2020/21 prices go no further, and figures of later years are not "
        "adjusted for inflation to the same prices."
    )
    ex.select_measure("dg-lac-residential-cost")
    assert ex.view.spc["period"].iloc[-1] == "2019-20"
    assert ex.render_view()["spc_chart"]["caption"].endswith(
        "It ends in 2019/20 because the LGBF has published no figure for this cost after 2019/20, though its figures "
        "are at 2020/21 prices: there is no 2020/21 point to chart yet."
    )


def _revised(tmp_path):
    """ATTACK-8 #3's data: a monthly count published as 90 at June (the Q1 report's record), June
    revised to 33 since, so that Q2's 93 gives back the 3 recorded late."""
    import swlib
    from tests.conftest import make_data

    months = (("04", "30"), ("05", "30"), ("06", "33"), ("07", "0"), ("08", "0"), ("09", "0"))
    obs = [{"measure": "m0", "period": f"2023-{m}", "value": v} for m, v in months]
    m0 = {"unit": "count", "polarity": "none", "frequency": "monthly", "title": "Emergency secure placements"}
    return swlib.load(make_data(tmp_path / "data", [m0], obs))


def _publish(outputs):
    from swlib import published

    path = outputs / "alpha" / "2023-24-Q1" / "quarterly-public.figures.csv"
    path.parent.mkdir(parents=True)
    published.write(path, [{"measure": "m0", "year": "2023-24", "months": 3, "value": 90.0}])


def test_the_public_explorer_in_the_notebooks_folder_reads_the_projects_record_and_warns_where_there_is_none(
    tmp_path, monkeypatch
):
    """ATTACK-8 #3: JupyterLab starts the explorer's kernel in notebooks/, where ./outputs is
    none, so the record of what was published went unread and Q2's 93 was printed beside Q1's
    published 90. From notebooks/ it reads the project's outputs (as export_dir writes there), and
    a public explorer that finds no record says so."""
    from swlib import config

    ds = _revised(tmp_path)
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    _publish(project / "outputs")
    monkeypatch.setattr(config, "NOTEBOOKS", project / "notebooks")
    monkeypatch.delenv("SWREPORT_OUT", raising=False)
    monkeypatch.chdir(project / "notebooks")
    assert config.outputs_dir() == project / "outputs" and config.project_dir() == project
    ex = Explorer(ds, "alpha", "2023-24-Q2", measure="m0", audience="public")
    assert ex.view.table["value"].tolist()[-1] == "[c]" and not any("no record" in n for n in ex.notes)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    with pytest.warns(UserWarning, match="no record of what public reports printed for alpha"):
        blind = Explorer(ds, "alpha", "2023-24-Q2", measure="m0", audience="public")
    assert blind.view.table["value"].tolist()[-1] == 93  # the data's own rule alone: said, not silent
    assert any("settings: the package's own params/" in n for n in blind.notes)  # not the demo data's


def test_params_beside_the_notebooks_project_are_the_ones_read(tmp_path, monkeypatch):
    """ATTACK-8 #3: a council's params/ (suppress_max: 9) were lost from notebooks/, the shipped
    ones read without a word."""
    from swlib import config

    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    (project / "params").mkdir()
    monkeypatch.setattr(config, "NOTEBOOKS", project / "notebooks")
    monkeypatch.delenv("SWREPORT_PARAMS", raising=False)
    monkeypatch.chdir(project / "notebooks")
    assert config.params_dir() == project / "params" and not config.shipped_params()


def test_the_public_explorer_withholds_a_comment_stating_its_rows_suppressed_figure(tmp_path):
    # ATTACK-9 #4: Q3 printed 10 to date, Q4's 13 is [c]; the row's comment "13 secure placements so far this
    # year" is withheld from the public table, and the explorer's public view and downloads read that table
    import swlib
    from tests.conftest import make_data

    said = "13 secure placements so far this year."
    obs = [{"measure": "m0", "period": f"2020-21-Q{q}", "value": v} for q, v in ((1, "3"), (2, "0"), (3, "7"))]
    obs.append({"measure": "m0", "period": "2020-21-Q4", "value": "3", "comment": said})
    ds = swlib.load(make_data(tmp_path / "data", [{"unit": "count", "polarity": "none"}], obs))
    public = Explorer(ds, "alpha", "2020-21-Q4", measure="m0", audience="public")
    assert public.view.table["value"].tolist()[-1] == "[c]"
    assert public.view.comments and all("13" not in c and "withheld" in c for c in public.view.comments)
    assert "13 secure" not in public.export(tmp_path / "p.csv").read_text()
    assert "13 secure" not in public.render_html()
    assert Explorer(ds, "alpha", "2020-21-Q4", measure="m0").view.comments == [f"2020/21 Quarter 4: {said}"]  # internal


def test_the_public_explorer_offers_only_the_periods_a_public_report_is_made_for(tmp_path):
    # ATTACK-9 #5: August's year to date (150) in the public explorer, then Q2's report (153): September's 3
    import swlib
    from tests.conftest import make_data

    obs = [{"measure": "m0", "period": f"2023-{m:02d}", "value": "30"} for m in range(4, 9)]
    obs += [{"measure": "m0", "period": "2023-09", "value": "3"}]
    ms = [{"unit": "count", "polarity": "none", "frequency": "monthly"}]
    ds = swlib.load(make_data(tmp_path / "data", ms, obs))
    with pytest.raises(ValueError, match=r"2023-08.*a quarter or a year"):
        Explorer(ds, "alpha", "2023-08", measure="m0", audience="public")
    public = Explorer(ds, "alpha", "2023-24-Q2", measure="m0", audience="public")
    with pytest.raises(ValueError, match="a quarter or a year"):
        public.select_period("2023-08")
    assert str(public.period) == "2023-24-Q2"  # the view is left as it was
    assert all(swlib.Period.parse(p).kind in ("quarter", "year") for p in public.periods)
    assert str(Explorer(ds, "alpha", "2023-08", measure="m0").period) == "2023-08"  # internal: any period
