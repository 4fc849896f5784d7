"""The data set against the LGBF's and the statutory lists swlib ships (swlib.reference_checks)."""

import shutil

import swlib
from tests.conftest import COUNCILS, MEASURE_DEFAULTS, ROOT, make_data, write_csv
from tests.test_checks import warned


def test_an_lgbf_code_with_no_benchmark_rows(data_dir):
    folder = make_data(data_dir, [], [])
    write_csv(folder / "measures.csv", [{"measure": "m0", **MEASURE_DEFAULTS, "lgbf": "SW9"}])
    ds = swlib.load(folder)
    assert "found 'SW9' for m0, with no benchmark rows for SW9" in warned(ds)
    assert "swreport import lgbf" in warned(ds)


def test_missing_statutory_measures_name_the_empty_annual_report_sections(data_dir):
    ds = swlib.load(make_data(data_dir, [{}], []))
    assert "annual report's statutory sections" in warned(ds) and "7 Complaints" in warned(ds)
    # the demo catalogue without its complaints measures: one section named, its measures listed
    d = data_dir.parent / "demo"
    shutil.copytree(ROOT / "data", d)
    lines = (d / "measures.csv").read_text().splitlines()
    (d / "measures.csv").write_text("\n".join(x for x in lines if not x.startswith("complaints-")) + "\n")
    obs = (d / "observations.csv").read_text().splitlines()
    (d / "observations.csv").write_text("\n".join(x for x in obs if ",complaints-" not in x) + "\n")
    text = warned(swlib.load(d))
    assert "annual report section '7 Complaints' will be empty" in text
    assert "complaints-received, complaints-upheld, complaints-timescale" in text and "Child protection" not in text


def test_a_family_group_unlike_the_lgbfs_and_a_near_council_id(data_dir):
    folder = make_data(data_dir, [{}], [])
    write_csv(folder / "councils.csv", [*COUNCILS, {"council": "fife", "name": "Fife Council", "family_group": "4"},
                                        {"council": "fyfe", "name": "Somewhere", "family_group": "2"}])  # fmt: skip
    text = warned(swlib.load(folder))
    assert "councils.csv, row 4, column 'family_group': found 4 for fife; expected 2, Fife's LGBF family group" in text
    assert "'fyfe', which is not how the LGBF benchmarks name a council (did you mean 'fife'?)" in text


def test_a_near_statutory_measure_id_is_named(data_dir):
    from swlib.statutory import statutory_measures

    folder = make_data(data_dir, [], [])
    cat = statutory_measures().drop(columns="section")
    cat.loc[cat["measure"] == "violent-incidents", ["measure", "theme"]] = ["violent-incident", "Workforce"]
    cat.to_csv(folder / "measures.csv", index=False)
    text = warned(swlib.load(folder))
    assert "annual report section '8 Workforce' will be empty" in text
    assert "is 'violent-incident' a mistyped 'violent-incidents'?" in text and "Complaints" not in text
