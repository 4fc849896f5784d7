"""What a public report would withhold or print unchecked, warned when the data are validated
(swlib.public_warnings)."""

import pandas as pd
from click.testing import CliRunner

import swlib
from swlib.cli import main
from tests.conftest import COUNCILS, MEASURE_DEFAULTS, make_data, write_csv


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


def csv_rows(path) -> list[dict]:
    import csv

    return list(csv.DictReader(path.open(encoding="utf-8")))


def test_a_shared_title_is_warned_by_any_reporting_councils_range_and_read_once_a_range(monkeypatch):
    """A measure every council reports (council blank) is warned where any council's range of small
    numbers takes in its number ('7 children': only the council hiding 1 to 9), and not where the
    one council reporting it hides 1 to 4. A national panel's councils mostly share a range: each
    title is searched once a distinct range, not once a council (the copied panel's 429 councils: a
    shared title searched 429 times, each council's settings read again each time)."""
    from types import SimpleNamespace

    import swlib.public_warnings as pw

    wide = {"c0150"}  # one council of 300 hides 1 to 9, the rest 1 to 4
    monkeypatch.setattr(pw, "council_settings",
                        lambda c: SimpleNamespace(suppress_min=1, suppress_max=9 if c in wide else 4))  # fmt: skip
    calls = []
    real = pw.small_numbers_in
    monkeypatch.setattr(pw, "small_numbers_in", lambda text, lo, hi: calls.append((text, lo, hi)) or real(text, lo, hi))
    councils = pd.DataFrame({"council": [f"c{i:04d}" for i in range(300)]})
    title = "Referrals of 7 children from Annan"
    measures = pd.DataFrame({"measure": ["m0", "m1", "m2"], "council": [None, "c0001", "c0150"],
                             "title": [title] * 3, "theme": ["Protection"] * 3, "outcome": [None] * 3})  # fmt: skip
    found = pw.withheld_titles(measures, councils, "measures.csv")
    assert [(p.row, p.column) for p in found] == [(0, "title"), (2, "title")]  # m1 (c0001, 1 to 4): none
    assert "(...Referrals of 7 children from Annan...)" in found[0].found
    assert sorted(set(calls)) == sorted(calls)  # each text and range once
    assert set(calls) == {(title, 1, 4), (title, 1, 9), ("Protection", 1, 4)}  # a title warned: its row is done
