"""Warnings: figures and settings that load but are probably wrong (swlib.checks)."""

import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

import swlib
from swlib.cli import main
from swlib.errors import DataError
from tests.conftest import COUNCILS, MEASURE_DEFAULTS, ROOT, make_data, write_csv


def warned(ds) -> str:
    return "\n".join(str(w) for w in ds.warnings)


def test_the_demo_data_has_no_warnings(demo):
    assert demo.warnings == []


def test_a_one_among_percentages_is_an_error(data_dir):
    obs = [{"measure": "m0", "period": f"2021-22-Q{i}", "value": v} for i, v in ((1, "92"), (2, "1"), (3, "91"))]
    with pytest.raises(DataError) as e:
        swlib.load(make_data(data_dir, [{"aggregate": "mean", "target": "95"}], obs))
    text = str(e.value.problems[0])
    assert "observations.csv, row 3, column 'value': found m0: 1 where its other values are around 92" in text
    assert "100 for 100%" in text


def test_a_percentage_target_typed_as_a_fraction_is_an_error_where_the_values_are_0_to_100(data_dir):
    """A target of 0.9 (for 90%) was a warning while a value of 0.93 was an error: where the
    measure's figures are on the 0 to 100 scale it is the same error; where nothing says which
    scale (no figures yet) it stays a warning."""
    from click.testing import CliRunner

    from swlib.cli import main

    obs = [{"measure": "m0", "period": "2024-25-Q1", "numerator": "168", "denominator": "188"},
           {"measure": "m0", "period": "2024-25-Q2", "value": "87"}]  # fmt: skip
    targets = [{"council": "alpha", "measure": "m0", "period": "2024-25", "target": "0.9"}]
    data = make_data(data_dir, [{"aggregate": "latest", "target": "0.95"}, {}], obs, targets=targets)
    r = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert r.exit_code == 2 and "the data has 2 problems" in r.output, r.output
    assert ("measures.csv, row 2, column 'target': found 0.95 for m0, whose values are around 88; expected a "
            "percentage target from 0 to 100: 95 for 95%, not 0.95") in r.output  # fmt: skip
    assert ("targets.csv, row 2, column 'target': found 0.9 for m0, whose values are around 88; expected a "
            "percentage target from 0 to 100: 90 for 90%, not 0.9") in r.output  # fmt: skip
    (data / "observations.csv").write_text("council,measure,period,value\n")  # no figures: which scale?
    r = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert r.exit_code == 0 and r.output.count("for m0; expected a percentage target") == 2, r.output
    assert "found 0.95 for m0; expected a percentage target from 0 to 100: 95 for 95%" in r.output


def test_a_tolerance_without_a_target_is_a_warning_naming_the_measures_row(data_dir):
    """A measure with a tolerance but a blank target became 'Data only' silently."""
    from click.testing import CliRunner

    from swlib.cli import main

    obs = [{"measure": m, "period": "2024-25-Q1", "numerator": "168", "denominator": "188"} for m in ("m0", "m1", "m2")]
    measures = [{"tolerance": "5"}, {"tolerance": "5", "target": "90"}, {"tolerance": "2"}, {}]
    targets = [{"council": "alpha", "measure": "m2", "period": "2024-25", "target": "90"}]
    r = CliRunner().invoke(main, ["validate", "--data", str(make_data(data_dir, measures, obs, targets=targets))])
    assert r.exit_code == 0 and r.output.count("which has a tolerance") == 1, r.output
    assert ("measures.csv, row 2, column 'target': found a blank cell for m0, which has a tolerance of 5 and polarity "
            "higher; expected a target (here, or by period in targets): without one the report shows the measure "
            "'Data only', with no status") in r.output  # fmt: skip


def test_a_fraction_without_counts_among_percentages_above_10_is_an_error(data_dir):
    # the Angus case: 93% typed as 0.93 on a value-only row, the quarter before given as counts
    obs = [
        {"measure": "m0", "period": "2024-25-Q1", "numerator": "77", "denominator": "87"},
        {"measure": "m0", "period": "2024-25-Q2", "value": "0.93"},
    ]
    with pytest.raises(DataError) as e:
        swlib.load(make_data(data_dir, [{"aggregate": "latest", "target": "90"}], obs))
    assert str(e.value.problems[0]) == (
        "observations.csv, row 3, column 'value': found m0: 0.93 where its other values are around 89; expected "
        "a percentage from 0 to 100: 93 for 93%, not 0.93; if 0.93% is right, give the numerator and denominator "
        "it is worked out from as well, which confirm it"
    )


def test_a_small_percentage_confirmed_by_its_counts_loads(data_dir):
    obs = [
        {"measure": "m0", "period": "2024-25-Q1", "value": "88"},
        {"measure": "m0", "period": "2024-25-Q2", "value": "0.93", "numerator": "93", "denominator": "10000"},
    ]
    ds = swlib.load(make_data(data_dir, [{"aggregate": "latest"}], obs))
    assert "93 for 93%" not in warned(ds)


def test_a_percentage_of_1_or_less_given_alone_is_an_error_however_few_figures_the_measure_has(data_dir):
    """ANALYST-4 #2: 0.86 typed for 86% in a council's first year of a value-only measure (no
    other figure, no target) went into the CSWO report as 0.9%, without a warning: each such
    cell is an error naming it and the two ways to put it right."""
    obs = [{"measure": "m0", "period": "2025-26", "value": "0.86"}]
    measures = [{"frequency": "annual", "aggregate": "latest", "polarity": "higher"}]
    r = CliRunner().invoke(main, ["validate", "--data", str(make_data(data_dir, measures, obs))])
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    assert (
        "observations.csv, row 2, column 'value': found m0 2025-26: 0.86, a percentage given without its counts, "
        "which reads as 0.86%; expected a percentage from 0 to 100: 86 for 86%, not 0.86; if 0.86% is right, give "
        "the numerator and denominator it is worked out from as well, which confirm it"
    ) in r.output


def test_small_percentages_given_with_their_counts_or_as_rates_load(data_dir):
    """Counts confirm a small percentage; a rate or ratio may be a fraction (its unit allows it)."""
    obs = [{"measure": "m0", "period": "2021-22-Q1", "value": "0.5", "numerator": "1", "denominator": "200"},
           {"measure": "m0", "period": "2021-22-Q2", "value": "0"},
           {"measure": "m1", "period": "2021-22-Q1", "value": "0.5"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, [{"aggregate": "mean"}, {"unit": "rate", "aggregate": "mean"}], obs))
    assert "for 100%" not in warned(ds) and len(ds.observations) == 3


def test_percentages_all_typed_as_fractions_against_a_target_in_percent_are_errors(data_dir):
    """ANALYST-4 #2: lac-community 0.891, 0.892 ... against a target of 88 was only a warning,
    and the report said Red, 0.9%: every such cell is an error, exit code 2."""
    obs = [{"measure": "m0", "period": f"2021-22-Q{i}", "value": v} for i, v in ((1, "0.93"), (2, "0.95"))]
    data = make_data(data_dir, [{"aggregate": "latest", "target": "90"}], obs)
    r = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert r.exit_code == 2 and "the data has 2 problems" in r.output, r.output
    assert (
        "row 2, column 'value': found m0 2021-22-Q1: 0.93, a percentage given without its counts, which reads "
        "as 0.93% against a target of 90; expected a percentage from 0 to 100: 93 for 93%, not 0.93"
    ) in r.output
    assert "row 3, column 'value': found m0 2021-22-Q2: 0.95" in r.output


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


def test_the_error_says_what_the_fraction_was_probably_meant_as(data_dir):
    obs = [{"measure": "m0", "period": f"2021-22-Q{i}", "value": v} for i, v in ((1, "9"), (2, "0.875"), (3, "9"))]
    with pytest.raises(DataError) as e:
        swlib.load(make_data(data_dir, [{"aggregate": "mean", "target": "0.9"}], obs))
    assert "row 3, column 'value': found m0: 0.875 where its other values are around 9; expected a percentage " \
           "from 0 to 100: 87.5 for 87.5%, not 0.875" in str(e.value)  # fmt: skip
    assert "found 0.9 for m0; expected a percentage target from 0 to 100: 90 for 90%, not 0.9" in "\n".join(
        map(str, e.value.warnings)
    )


def test_a_figure_beside_a_missing_figure_reason_is_a_warning(data_dir):
    obs = [{"measure": "m0", "period": "2021-22-Q1", "value": "93", "comment": "not available: figure due 14 October"},
           {"measure": "m0", "period": "2021-22-Q2", "value": "", "comment": "not available: records moving"},
           {"measure": "m0", "period": "2021-22-Q3", "value": "91", "comment": "new recording system"}]  # fmt: skip
    text = warned(swlib.load(make_data(data_dir, [{"aggregate": "mean"}], obs)))
    assert "observations.csv, row 2, column 'comment': found m0 2021-22-Q1: a figure and the comment " in text
    assert "'not available: figure due 14 October', which the report prints beside it" in text
    assert "row 3" not in text and "row 4" not in text


def test_budget_lines_adding_up_to_under_a_million_pounds_are_warned_as_typed_in_thousands(data_dir):
    """ANALYST-4 #5: a budget in £000 (72,450 for £72.45m, as budget papers give it) went in
    without a word and the CSWO report said 'Outturn £210,370 against a budget of £205,550'."""
    data = make_data(data_dir, [{}], [])
    lines = [("budget", "Children and Families", "72450"), ("budget", "Adult Services", "118900"),
             ("outturn", "Children and Families", "75.12"), ("outturn", "Adult Services", "121.3"),
             ("capital", "Care home roof", "300000")]  # fmt: skip
    write_csv(data / "finance.csv", [{"council": "alpha", "period": "2025-26", "kind": k, "line": n, "amount": a,
                                      "source": "t"} for k, n, a in lines])  # fmt: skip
    text = warned(swlib.load(data))
    assert (
        "finance.csv, row 2, column 'amount': found alpha's budget lines for 2025-26 adding up to £191,350, the "
        "largest 118,900; expected amounts in pounds, not £000 or £m (a social work budget is many millions): "
        "118,900 in £000 is 118,900,000; multiply each line by 1,000"
    ) in text
    assert (
        "row 4, column 'amount': found alpha's outturn lines for 2025-26 adding up to £196, the largest 121.3" in text
    )
    assert "121.3 in £m is 121,300,000; multiply each line by 1,000,000" in text
    assert "capital" not in text  # a capital line of £300,000 is a capital line


def test_a_percentage_alone_whose_declared_base_has_no_figure_is_a_warning_and_listed_as_not_checked(data_dir):
    # issue 21, item 2: a percentage given as a value alone and declared part_of a count is checked against the
    # count's figure (10.0% of 40 is 4: [c]); in a period the count has no figure for, its base is unknown and it
    # was printed unchecked, with no warning from validate and nothing from check-public
    from swlib.publishing import check_public

    make_data(data_dir, [], [])
    ms = [{"measure": "lac", "title": "Children looked after", "unit": "count", "polarity": "none"},
          {"measure": "lac-out", "title": "Looked after children placed out of area", "unit": "percent",
           "polarity": "none", "part_of": "lac"}]  # fmt: skip
    write_csv(data_dir / "measures.csv", [{**MEASURE_DEFAULTS, "frequency": "annual", **m} for m in ms])
    obs = [("lac", "2022-23", "40"), ("lac-out", "2021-22", "12.5"), ("lac-out", "2022-23", "10.0"),
           ("lac-out", "2023-24", "12.5"), ("lac", "2023-24", "")]  # fmt: skip
    write_csv(data_dir / "observations.csv", [{"council": "alpha", "measure": m, "period": p, "value": v,
              "numerator": "", "denominator": "", "comment": "" if v else "not available: new system",
              "source": "test"} for m, p, v in obs])  # fmt: skip
    ds = swlib.load(data_dir)
    (w,) = [w for w in ds.warnings if "part_of" in str(w)]
    assert str(w).startswith("observations.csv, row 3, column 'value': found lac-out (alpha): 2021-22, 2023-24 given")
    assert "(rows 3, 5), and lac, the count it is part_of, has no figure for them: its base is unknown" in str(w)
    assert "expected lac's figure for the same periods" in str(w)
    pub = swlib.performance(ds, "alpha", "2023-24", audience="public").set_index("measure")
    assert pub.loc["lac-out", "to_date"] == 12.5 and pd.isna(pub.loc["lac-out", "2022-23"])  # 4 of 40: [c]
    (f,) = [f for f in check_public(ds, "alpha", "2023-24") if f.get("kind") == "figure"]
    assert (f["file"], f["row"], f["measure"]) == ("observations.csv", 3, "lac-out")
    assert (
        "lac-out 2021-22: 12.5 (percent, value only, and lac, its part_of, has no figure for it) and 1 more"
        in (f["text"])
    )
    assert "its base is unknown" in f["reason"]
    # the count given for every year: nothing to warn of, nothing listed
    rows = [{"council": "alpha", "measure": "lac", "period": p, "value": "40", "source": "test"}
            for p in ("2021-22", "2023-24")]  # fmt: skip
    write_csv(data_dir / "observations.csv", [r for r in csv_rows(data_dir / "observations.csv") if r["value"]] + rows)
    ds = swlib.load(data_dir)
    assert not [w for w in ds.warnings if "part_of" in str(w)]
    assert not [f for f in check_public(ds, "alpha", "2023-24") if f.get("kind") == "figure"]


def csv_rows(path) -> list[dict]:
    import csv

    return list(csv.DictReader(path.open(encoding="utf-8")))


def test_a_population_rate_alone_whose_population_makes_it_a_small_count_is_a_validate_warning(data_dir):
    # issue 21 #2: "Children seen per 1,000 population aged 0-15" given as a value alone, with no count beside it:
    # at 22,010 children, 0.14 is 3 children. validate said nothing; now it warns (not an error: the data are
    # right, and a public report prints [c]), naming the first row and how many more
    ms = [{"measure": "seen", "title": "Children seen per 1,000 population aged 0-15", "unit": "rate",
           "polarity": "none", "frequency": "annual", "decimals": "2"}]  # fmt: skip
    obs = [{"measure": "seen", "period": p, "value": v} for p, v in
           (("2021-22", "2.00"), ("2022-23", "0.14"), ("2023-24", "0.09"))]  # fmt: skip
    folder = make_data(data_dir, ms, obs)
    write_csv(folder / "councils.csv", [{**c, "population": "150000", "population_0-15": "22010"} for c in COUNCILS])
    r = CliRunner().invoke(main, ["validate", "--data", str(folder)])
    assert r.exit_code == 0 and "OK, with 2 warnings" in r.output, r.output  # and the empty statutory sections
    assert ("observations.csv, row 3, column 'value': found seen 2022-23 for alpha: 0.14 rate per 1,000 population "
            "aged 0-15 of 22,010 (population_0-15 in councils.csv) is a count of 3 (and 1 more of its periods), given "
            "with no count") in " ".join(r.output.split())  # fmt: skip
    assert "printed [c] in public reports" in r.output and "part_of" in r.output
    assert CliRunner().invoke(main, ["validate", "--data", str(folder), "--strict"]).exit_code == 2
    # a large population, or its count given on the row, or a count of its cases beside it: no warning
    write_csv(folder / "councils.csv", [{**c, "population": "1500000", "population_0-15": "220100"} for c in COUNCILS])
    assert not [w for w in swlib.load(folder).warnings if "given with no count" in str(w)]
    write_csv(folder / "councils.csv", [{**c, "population": "150000", "population_0-15": "22010"} for c in COUNCILS])
    ms.append({"measure": "seen-n", "title": "Children seen", "unit": "count", "polarity": "none",
               "frequency": "annual"})  # fmt: skip
    write_csv(folder / "measures.csv", [{**MEASURE_DEFAULTS, **m} for m in ms])
    assert not [w for w in swlib.load(folder).warnings if "given with no count" in str(w)]


def test_a_title_a_public_report_would_withhold_is_a_warning_at_its_row_naming_cleared(data_dir):
    """ANALYST-8 #1: a title with a small number in it was [withheld] in the public report, and
    nothing before publishing said so. A threshold ("3 or more placements") is no count: no warning."""
    import pandas as pd
    from click.testing import CliRunner

    from swlib.cli import main

    three = "Children placed with 3 foster carers in Annan"
    measures = [{"title": "Looked after children with 3 or more placements in the past year"}, {"title": three},
                {"title": three}]  # fmt: skip
    obs = [{"measure": m, "period": "2024-25-Q1", "numerator": "168", "denominator": "188"} for m in ("m0", "m1", "m2")]
    d = make_data(data_dir, measures, obs)
    ms = pd.read_csv(d / "measures.csv", dtype=str, keep_default_na=False)
    ms["cleared"] = ["", "", "yes"]  # m2: an officer has checked it
    ms.to_csv(d / "measures.csv", index=False)
    r = CliRunner().invoke(main, ["validate", "--data", str(d)])
    assert r.exit_code == 0 and r.output.count("prints as [withheld]") == 1, r.output
    assert f"measures.csv, row 3, column 'title': found '{three}' (m1), which a public report prints as [withheld]" in (
        r.output
    )
    assert "cleared = yes on the measure's row" in r.output
