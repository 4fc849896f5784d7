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
