"""The shared statutory-functions catalogue and the LGBF councils shipped in swlib/data."""

from swlib.statutory import PERFORMANCE_OUTCOMES, lgbf_councils, lgbf_family_group, sections, statutory_measures


def test_the_catalogue_feeds_each_statutory_section_of_the_annual_report(demo):
    cat = statutory_measures()
    assert len(cat) == 26 and cat["measure"].is_unique and set(cat["theme"]) == {"Statutory functions"}
    assert list(sections()) == [*PERFORMANCE_OUTCOMES, "Complaints", "Workforce"]
    assert sections()["Complaints"] == "7 Complaints"
    assert sections()["Child protection"] == "6 Service quality and performance: Child protection"
    # the demo data's shared measures are the catalogue, column for column
    shared = demo.measures[demo.measures["council"].isna()].set_index("measure")
    for r in cat.itertuples():
        row = shared.loc[r.measure]
        assert (row["title"], row["outcome"], row["unit"], row["aggregate"]) == (
            r.title,
            r.outcome,
            r.unit,
            r.aggregate,
        )


def test_lgbf_family_groups_as_the_council_lookups_give_them():
    df = lgbf_councils()
    assert len(df) == 32 and df["council"].is_unique
    assert lgbf_family_group("fife") == 2 and lgbf_family_group("dundee-city") == 1
    assert lgbf_family_group("aberdeen-city") == 4 and lgbf_family_group("narnia") is None


def test_the_guide_lists_every_statutory_measure_with_its_section():
    from tests.conftest import ROOT

    guide = (ROOT / "docs" / "guide.md").read_text()
    assert "## Setting up a new council" in guide
    for r in statutory_measures().itertuples():
        assert f"| {r.section} | `{r.measure}` | {r.title} |" in guide, r.measure


def annual_text(data, out) -> str:
    """alpha's 2025/26 CSWO annual report rendered from ``data`` into ``out``, as its words read."""
    import re

    from click.testing import CliRunner

    from swlib.cli import main

    r = CliRunner().invoke(main, ["run", "annual", "--council", "alpha", "--period", "2025-26", "--data", str(data),
                                  "--out", str(out)])  # fmt: skip
    assert r.exit_code == 0, r.output
    (page,) = out.rglob("annual.html")
    return " ".join(re.sub(r"<[^>]+>", " ", page.read_text()).split())


def test_a_councils_own_statutory_measure_typed_in_another_case_is_in_its_annual_section_and_warned(tmp_path):
    """ANALYST-8 #13: 'Statutory Functions' or 'Mental Health Officer Services' (the report's
    spelling but for case) left the council's own statutory figures out of the CSWO annual report,
    validate saying OK and run exiting 0. Now read as the section's, and each cell warned of."""

    from click.testing import CliRunner

    from swlib.cli import main
    from tests.conftest import make_data

    own = {"unit": "count", "polarity": "none", "frequency": "annual", "aggregate": "latest", "council": "alpha"}
    measures = [
        {**own, "title": "Children in kinship care at 31 March", "theme": "Statutory Functions",
         "outcome": "Looked after children"},
        {**own, "title": "MHO social circumstances reports completed", "theme": "Statutory functions",
         "outcome": "Mental Health  Officer Services"},
        {**own, "title": "Carers' assessments", "theme": "Statutory functions", "outcome": "Carers"},
        {**own, "title": "Kinship carers supported", "theme": "Statutory function", "outcome": "Carers"},
    ]  # fmt: skip
    obs = [{"measure": f"m{i}", "period": "2025-26", "value": v} for i, v in enumerate(["133", "41", "88", "20"])]
    d = make_data(tmp_path / "d", measures, obs)
    r = CliRunner().invoke(main, ["validate", "--data", str(d)])
    assert r.exit_code == 0, r.output
    assert [line for line in r.output.splitlines() if line.startswith("measures.csv, row")] == [
        "measures.csv, row 2, column 'theme': found 'Statutory Functions' for m0; expected 'Statutory functions', as "
        "the annual report's statutory sections spell it (read as it)",
        "measures.csv, row 3, column 'outcome': found 'Mental Health  Officer Services' for m1; expected 'Mental "
        "health officer services', as the annual report's section spells it (read as it)",
        "measures.csv, row 4, column 'outcome': found 'Carers' for m2, theme 'Statutory functions': no statutory "
        "section of the annual report has that outcome, so the measure is in none of them; expected one of Child "
        "protection, Looked after children, Adult support and protection, Mental health officer services, Justice "
        "social work, Complaints, Workforce, or another theme than 'Statutory functions' for a measure of the "
        "council's own",
        "measures.csv, row 5, column 'theme': found 'Statutory function' for m3: the annual report's statutory "
        "sections show only theme 'Statutory functions'; expected 'Statutory functions' (did you mean it?) for a "
        "statutory measure; else this theme",
    ]
    text = annual_text(d, tmp_path / "o")
    assert "Children in kinship care at 31 March 133" in text
    assert "MHO (Mental Health Officer) social circumstances reports completed 41" in text


def test_a_comment_on_a_statutory_figure_in_the_years_return_is_printed_in_the_annual_report(tmp_path):
    """ANALYST-8 #6: 'Up from 84 last year; 30 were about care at home.', typed beside the year's
    complaints in the annual return, reached the quarterly report but not the CSWO report it was
    written for. A missing figure's reason, printed where the figure would be, is not repeated."""

    from tests.conftest import make_data

    annual = {"unit": "count", "polarity": "none", "frequency": "annual", "theme": "Statutory functions"}
    measures = [{**annual, "title": "Statutory social work complaints received", "outcome": "Complaints"},
                {**annual, "title": "Child Protection Orders made", "outcome": "Child protection"}]  # fmt: skip
    obs = [{"measure": "m0", "period": "2025-26", "value": "97", "comment": "Up from 84 last year; 30 were about "
            "care at home."}, {"measure": "m1", "period": "2025-26", "comment": "not available: new system"}]  # fmt: skip
    d = make_data(tmp_path / "d", measures, obs)
    text = annual_text(d, tmp_path / "o")
    assert (
        "Comment on Statutory social work complaints received, 2025/26: Up from 84 last year; 30 were about care at "
        "home." in text
    )
    assert "not available: new system" in text and "Comment on Child Protection Orders made" not in text


def test_complaints_upheld_given_alone_is_hidden_where_it_gives_back_a_small_count_of_complaints_received(tmp_path):
    """ATTACK-8 #5: the statutory "Complaints upheld" 5.1% (value only) printed beside "complaints
    received" 78 in the same table is 4 complaints upheld. The catalogue declares its percentages
    of complaints a part_of complaints received, which a data set's rows written before then get
    too, so the public table hides it; 34.6% of 78 (27) stays printed."""
    from swlib.hidden import suppressed_columns
    from swlib.published import empty
    from swlib.status import performance
    from tests.conftest import DG, demo_with

    cat = statutory_measures().set_index("measure")
    assert (
        cat.loc["complaints-upheld", "part_of"] == cat.loc["complaints-timescale", "part_of"] == "complaints-received"
    )
    assert not cat.drop(["complaints-upheld", "complaints-timescale"])["part_of"].any()

    def upheld(ds):
        perf = performance(ds, DG, "2023-24", audience="public", published=empty())
        rows = perf.set_index("measure")
        assert rows.loc["complaints-received", "to_date"] == 78
        return rows.loc["complaints-upheld"].to_dict()

    ds = demo_with(tmp_path / "small", changed={("complaints-upheld", "2023-24"): {"value": "5.1"}})
    assert ds.measures.set_index("measure").loc["complaints-upheld", "part_of"] == "complaints-received"
    assert "to_date" in suppressed_columns(upheld(ds))  # 5.1% of 78 is 4
    kept = upheld(demo_with(tmp_path / "kept"))
    assert kept["to_date"] == 34.6 and "to_date" not in suppressed_columns(kept)
