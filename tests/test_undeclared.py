"""Measures linked by their titles and figures where measures.csv does not say so (swlib.undeclared): warnings."""

import pandas as pd
from click.testing import CliRunner

import swlib
from swlib.cli import main
from tests.conftest import make_data, write_csv


def _counts(data_dir, measures, values: dict[str, tuple], part_of=None):
    """Two or more count measures m0, m1... with one value each per period, part_of as given."""
    obs = [{"measure": f"m{i}", "period": p, "value": str(v)} for p, vals in values.items() for i, v in enumerate(vals)]
    folder = make_data(data_dir, [{"unit": "count", "polarity": "none", **m} for m in measures], obs)
    rows = list(__import__("csv").DictReader((folder / "measures.csv").open()))
    write_csv(folder / "measures.csv", [{**r, "part_of": (part_of or {}).get(r["measure"], "")} for r in rows])
    return swlib.load(folder)


def _part_of(ds):
    # the warnings of undeclared parts (near_counts' pairs of counts 1 to 4 apart, with its own fix, aside)
    from swlib.near_counts import PAIR_FIX

    return [w for w in ds.warnings if w.column == "part_of" and w.expected != PAIR_FIX]


def test_two_counts_a_small_number_apart_whose_titles_say_one_is_part_of_the_other_are_a_warning(data_dir):
    # referrals 312 and screened 309, both added up over the year: a public report prints both, and the 3
    # not screened with them, unless part_of says screened is a part of referrals
    titles = [{"title": "Referrals received"}, {"title": "Referrals received that were screened"}]
    ds = _counts(data_dir, titles, {"2023-24-Q1": (312, 309)})
    text = "\n".join(str(w) for w in _part_of(ds))
    assert "measures.csv, row 3, column 'part_of': found m1 (Referrals received that were screened) 309 and m0" in text
    assert "312 for alpha in 2023-24-Q1, 3 apart" in text and "expected part_of = m0 on m1's row" in text
    assert len(_part_of(ds)) == 1
    pub = swlib.performance(ds, "alpha", "2023-24-Q1", audience="public").set_index("measure")
    assert pub.loc["m1", "to_date"] == 309  # what the warning is about: printed, 312 beside it
    # declared: no warning, and the public report hides the 309
    ds = _counts(data_dir, titles, {"2023-24-Q1": (312, 309)}, part_of={"m1": "m0"})
    assert _part_of(ds) == []
    assert pd.isna(
        swlib.performance(ds, "alpha", "2023-24-Q1", audience="public").set_index("measure").loc["m1", "to_date"]
    )
    # the id says so as well ("referrals", "referrals-screened"), once a pair however many periods
    folder = make_data(data_dir / "ids", [{"unit": "count", "polarity": "none", "title": "Referrals"},
                                          {"unit": "count", "polarity": "none", "title": "Screened"}], [])  # fmt: skip
    ms = (folder / "measures.csv").read_text().replace("m0,", "referrals,").replace("m1,", "referrals-screened,")
    (folder / "measures.csv").write_text(ms)
    write_csv(folder / "observations.csv", [{"council": "alpha", "measure": m, "period": p, "value": v}
              for p in ("2023-24-Q1", "2023-24-Q2") for m, v in (("referrals", "40"), ("referrals-screened", "38"))])  # fmt: skip
    assert len(_part_of(swlib.load(folder))) == 1


def test_counts_that_are_not_parts_or_not_a_small_number_apart_are_not_warned(data_dir):
    # siblings (each title has a word the other has not), far apart, or one already small (hidden anyway)
    siblings = [{"title": "Emergency detentions in hospital"}, {"title": "Short-term detentions in hospital"}]
    assert _part_of(_counts(data_dir, siblings, {"2023-24-Q1": (44, 45)})) == []
    parts = [{"title": "Referrals"}, {"title": "Referrals screened"}]
    assert _part_of(_counts(data_dir, parts, {"2023-24-Q1": (312, 300)})) == []
    assert _part_of(_counts(data_dir, parts, {"2023-24-Q1": (6, 3)})) == []
    assert _part_of(_counts(data_dir, parts, {"2023-24-Q1": (312,)})) == []  # the part has no figures yet
    # a snapshot is not added up: its difference from another is not a count of anyone this period
    assert (
        _part_of(_counts(data_dir, [parts[0], {**parts[1], "aggregate": "latest"}], {"2023-24-Q1": (312, 309)})) == []
    )


def test_undeclared_snapshot_parts_and_monthly_parts_of_a_quarter_are_warned(data_dir):
    # 44 children on the register and 41 on the register for more than a year, at the same date
    snaps = [{"title": "Children on the register", "aggregate": "latest"},
             {"title": "Children on the register for more than a year", "aggregate": "latest"}]  # fmt: skip
    text = "\n".join(str(w) for w in _part_of(_counts(data_dir, snaps, {"2023-24-Q1": (44, 41)})))
    assert "found m1 (Children on the register for more than a year) 41 and m0 (Children on the register) 44" in text
    # as councils title them: the register named in full, its part more briefly and then qualified; validate
    # said nothing (each title has a word the other has not), and a public report printed 44 and 41
    snaps = [{"title": "Children on the child protection register", "aggregate": "latest"},
             {"title": "Children on the register for more than a year", "aggregate": "latest"}]  # fmt: skip
    folder = _counts(data_dir / "register", snaps, {"2023-24-Q1": (44, 41)}).path
    r = CliRunner().invoke(main, ["validate", "--data", str(folder)])
    assert (
        r.exit_code == 0
        and (
            "measures.csv, row 3, column 'part_of': found m1 (Children on the register for more than a year) 41 and m0 "
            "(Children on the child protection register) 44 for alpha in 2023-24-Q1, 3 apart, and m1's part_of not m0, "
            "though its title says it counts a part of m0"
        )
        in r.output
    ), r.output
    # siblings qualified two ways, or a head of one word ("Children with a disability"), are not parts
    for titles in (["Children on the register for more than a year", "Children on the register for less than a year"],
                   ["Children on the child protection register", "Children with a disability"]):  # fmt: skip
        ds = _counts(data_dir / titles[1][-8:].replace(" ", "_"), [{"title": t, "aggregate": "latest"} for t in titles],
                     {"2023-24-Q1": (44, 41)})  # fmt: skip
        assert _part_of(ds) == [], titles
    # 50 adult referrals in the quarter, 47 screened in its three months (15, 16, 16)
    obs = [{"measure": "m0", "period": "2023-24-Q1", "value": "50"}] + [
        {"measure": "m1", "period": p, "value": v} for p, v in (("2023-04", "15"), ("2023-05", "16"), ("2023-06", "16"))
    ]
    ms = [{"title": "Adult referrals"}, {"title": "Adult referrals screened", "frequency": "monthly"}]
    folder = make_data(data_dir / "monthly", [{"unit": "count", "polarity": "none", **m} for m in ms], obs)
    (w,) = _part_of(swlib.load(folder))
    assert "found m1 (Adult referrals screened) 47 and m0 (Adult referrals) 50 for alpha in 2023-24-Q1, 3 apart" in str(
        w
    )
    # two of the quarter's months only: not a quarter's figure to set against it
    folder = make_data(data_dir / "partial", [{"unit": "count", "polarity": "none", **m} for m in ms], obs[:3])
    assert _part_of(swlib.load(folder)) == []


def test_a_snapshot_and_a_count_of_its_flow_leaving_a_small_number_are_a_warning_until_flow_of_is_declared(tmp_path):
    # ATTACK-3 finding 3, undeclared: permanence orders made 21 beside children subject to a permanence order at
    # 31 March, 110 then 128: 110 + 21 - 128 = 3 orders ended; validate (and every run) says so on the count's row
    from tests.conftest import demo_with

    stock = {"measure": "lac-permanence-in-force", "title": "Children subject to a permanence order at 31 March",
             "theme": "Statutory functions", "outcome": "Looked after children", "unit": "count", "polarity": "none",
             "frequency": "annual", "aggregate": "latest", "source": "synthetic"}  # fmt: skip
    obs = [{"measure": stock["measure"], "period": y, "value": v} for y, v in (("2019-20", "110"), ("2020-21", "128"))]
    ds = demo_with(tmp_path / "d", [stock], obs)
    flows = [str(w) for w in ds.warnings if w.column == "flow_of"]
    assert len(flows) == 1, flows
    assert flows[0].startswith("measures.csv, row 57, column 'flow_of': found lac-permanence-orders (Permanence Orders "
                               "made) 21 beside lac-permanence-in-force") and "110 the period before and 128" in flows[0]  # fmt: skip
    assert "flow_of = lac-permanence-in-force on lac-permanence-orders's row" in flows[0]
    ms = pd.read_csv(tmp_path / "d" / "measures.csv", dtype=str)
    ms.loc[ms["measure"] == "lac-permanence-orders", "flow_of"] = "lac-permanence-in-force"
    ms.to_csv(tmp_path / "d" / "measures.csv", index=False)
    assert [w for w in swlib.load(tmp_path / "d").warnings if w.column == "flow_of"] == []


def test_a_councils_own_quarterly_snapshot_beside_a_statutory_flow_is_warned_and_the_advice_accepted(tmp_path):
    # ATTACK-4 finding 2: D&G's own "Children subject to a permanence order at the end of the quarter" (113, 118,
    # ..., 128 at 2020-21 Q4; 146, 166, 187 at later years' ends) beside the statutory yearly "Permanence Orders
    # made" (21, 22, 24, 24): 128 + 22 - 146 = 4 orders ended. No warning (a quarterly snapshot), and the advice
    # given for a yearly one (flow_of on the statutory row) was refused: the snapshot is one council's
    from tests.conftest import DG, demo_with

    stock = {"measure": "dg-perm-in-force", "title": "Children subject to a permanence order at the end of the quarter",
             "theme": "Statutory functions", "outcome": "Looked after children", "unit": "count", "polarity": "none",
             "frequency": "quarterly", "aggregate": "latest", "council": DG, "source": "synthetic"}  # fmt: skip
    obs = [{"measure": stock["measure"], "period": f"{y}-Q{q}", "value": str(end - 5 * (4 - q))}
           for y, end in (("2020-21", 128), ("2021-22", 146), ("2022-23", 166), ("2023-24", 187))
           for q in (1, 2, 3, 4)]  # fmt: skip
    ds = demo_with(tmp_path / "d", [stock], obs)
    (w,) = [str(w) for w in ds.warnings if w.column == "flow_of"]
    assert w.startswith("measures.csv, row 57, column 'flow_of': found lac-permanence-orders (Permanence Orders made) "
                        "22 beside dg-perm-in-force (Children subject to a permanence order at the end of the quarter) "
                        "128 the period before and 146 at the end of dumfries-and-galloway's 2021-22"), w  # fmt: skip
    assert "expected flow_of = dg-perm-in-force on lac-permanence-orders's row" in w
    args = ["check-public", "--council", DG, "--period", "2023-24", "--data", str(tmp_path / "d")]
    r = CliRunner().invoke(main, args)
    assert f"{w}: public reports print them together" in r.output, r.output  # check-public says it too
    ms = pd.read_csv(tmp_path / "d" / "measures.csv", dtype=str)
    ms.loc[ms["measure"] == "lac-permanence-orders", "flow_of"] = "dg-perm-in-force"
    ms.to_csv(tmp_path / "d" / "measures.csv", index=False)
    r = CliRunner().invoke(main, ["validate", "--data", str(tmp_path / "d")])
    assert r.exit_code == 0 and "flow_of" not in r.output, r.output  # accepted, and no longer warned
    assert "flow_of" not in CliRunner().invoke(main, args).output
    pub = swlib.performance(swlib.load(tmp_path / "d"), DG, "2023-24", audience="public").set_index("measure")
    assert [pub.loc["dg-perm-in-force", y] for y in ("2021-22", "2022-23", "to_date")] == [146, 166, 187]
    for y in ("2021-22", "2022-23", "to_date"):  # 4, 4 and 3 orders ended: the flow is [c]
        assert pd.isna(pub.loc["lac-permanence-orders", y]), y
    fife = swlib.performance(swlib.load(tmp_path / "d"), "south-lanarkshire", "2023-24", audience="public")
    assert fife.set_index("measure")["to_date"].get("lac-permanence-orders") is not None  # other councils: as before


def test_a_service_plans_count_of_the_statutory_counts_cases_is_warned_though_the_statutory_title_says_received(
    data_dir,
):
    # ATTACK-4 finding 3 (d1): "Adult support and protection referrals (service plan)" 320 + 330 + 320 + 323 = 1,293
    # beside the statutory "Adult protection referrals received" 1,296: 3; "received" kept the titles apart
    titles = [{"title": "Adult protection referrals received", "frequency": "annual"},
              {"title": "Adult support and protection referrals (service plan)"}]  # fmt: skip
    obs = [{"measure": "m0", "period": "2023-24", "value": "1296"}]
    obs += [
        {"measure": "m1", "period": f"2023-24-Q{q}", "value": v} for q, v in enumerate(("320", "330", "320", "323"), 1)
    ]
    folder = make_data(data_dir, [{"unit": "count", "polarity": "none", **m} for m in titles], obs)
    (w,) = _part_of(swlib.load(folder))
    assert str(w).startswith("measures.csv, row 3, column 'part_of': found m1 (Adult support and protection referrals "
                             "(service plan)) 1293 and m0 (Adult protection referrals received) 1296 for alpha in "
                             "2023-24, 3 apart")  # fmt: skip
    rows = list(__import__("csv").DictReader((folder / "measures.csv").open()))
    write_csv(folder / "measures.csv", [{**r, "part_of": "m0" if r["measure"] == "m1" else ""} for r in rows])
    ds = swlib.load(folder)  # the advice taken: accepted, no warning, and Q4's 1,293 is [c]
    assert _part_of(ds) == []
    q4 = swlib.performance(ds, "alpha", "2023-24-Q4", audience="public").set_index("measure")
    assert q4.loc["m0", "to_date"] == 1296 and pd.isna(q4.loc["m1", "to_date"])


def _frequencies(data_dir, part_of=None):
    """ATTACK-8 #6: a council's quarterly count and the statutory yearly count of the same children
    (m0, m1), and a quarterly snapshot beside the one at 31 March (m2, m3)."""
    measures = [
        {"title": "Children placed in secure accommodation", "frequency": "quarterly"},
        {"title": "Children and young people in secure accommodation during the year", "frequency": "annual"},
        {"title": "Looked after children at quarter end", "frequency": "quarterly", "aggregate": "latest"},
        {"title": "Looked after children at 31 March", "frequency": "annual", "aggregate": "latest"},
    ]
    quarters = {f"2022-23-Q{q}": (4, "", 480, "") for q in (1, 2, 3, 4)}
    quarters |= {"2023-24-Q1": (5, "", 490, ""), "2023-24-Q2": (5, "", 495, ""), "2023-24-Q3": (5, "", 498, ""),
                 "2023-24-Q4": (3, "", 501, ""), "2022-23": ("", 16, "", 480), "2023-24": ("", 18, "", 501)}  # fmt: skip
    obs = [{"measure": f"m{i}", "period": p, "value": str(v)} for p, vals in quarters.items()
           for i, v in enumerate(vals) if v != ""]  # fmt: skip
    folder = make_data(data_dir, [{"unit": "count", "polarity": "none", **m} for m in measures], obs)
    rows = list(__import__("csv").DictReader((folder / "measures.csv").open()))
    write_csv(folder / "measures.csv", [{**r, "part_of": (part_of or {}).get(r["measure"], "")} for r in rows])
    return swlib.load(folder)


def test_the_same_count_at_two_frequencies_is_warned_until_part_of_is_declared_and_then_hidden(tmp_path):
    """ATTACK-8 #6: Q4 hid the quarterly 18 (18 - 15 = 3 in January to March), the yearly row printed
    18 beside it, and nothing warned."""
    from swlib.hidden import suppressed_columns
    from swlib.published import empty
    from swlib.status import performance

    ds = _frequencies(tmp_path / "a")
    text = "\n".join(str(w) for w in _part_of(ds))
    assert "m0 (Children placed in secure accommodation) and m1 (Children and young people in secure accommodation " \
           "during the year) read as the same count at two frequencies: m1 16 for alpha's 2022-23, m0 12 to the end " \
           "of 2022-23-Q3, 4 apart" in text  # fmt: skip
    assert "part_of = m1 on m0's row" in text
    assert "m2 (Looked after children at quarter end) and m3 (Looked after children at 31 March) read as the same " \
           "count at two frequencies: m3 501 for alpha's 2023-24, m2 498 at the end of 2023-24-Q3, 3 apart" in text  # fmt: skip
    undeclared = performance(ds, "alpha", "2023-24-Q4", audience="public", published=empty()).set_index("measure")
    assert undeclared.loc["m1", "to_date"] == 18 and undeclared.loc["m3", "to_date"] == 501  # printed
    declared = _frequencies(tmp_path / "b", part_of={"m0": "m1", "m2": "m3"})  # a snapshot part_of one less often
    assert not _part_of(declared)
    rows = performance(declared, "alpha", "2023-24-Q4", audience="public", published=empty()).set_index("measure")
    assert "to_date" in suppressed_columns(rows.loc["m1"].to_dict())  # 18 beside the 15 printed at Q3
    assert "to_date" in suppressed_columns(rows.loc["m3"].to_dict())  # 501 beside the 498 printed at Q3


def test_a_snapshot_and_its_flow_are_found_among_many_measures_with_each_councils_settings_read_once():
    """A national panel: a snapshot and its flow among hundreds of other counts (other themes, and
    counts of the same theme whose titles share no word) are still the one pair warned; each council's
    settings are read once, not at each of its figures (``config.council_settings`` finds params/
    again at every call: most of a 429-council panel's validation before)."""
    from types import SimpleNamespace

    from swlib.undeclared import undeclared_flows

    base = {"unit": "count", "frequency": "quarterly", "outcome": "Permanence", "flow_of": None, "council": None}
    rows = [{**base, "measure": "po-held", "title": "Children subject to a permanence order at 31 March",
             "aggregate": "latest", "theme": "Children"},
            {**base, "measure": "po-made", "title": "Permanence Orders made", "aggregate": "sum", "theme": "Children"}]  # fmt: skip
    rows += [{**base, "measure": f"x{i}", "title": f"Visits logged {i}", "aggregate": ("sum", "latest")[i % 2],
              "theme": ("Children", f"Theme {i}")[i % 3 > 0]} for i in range(300)]  # fmt: skip
    measures = pd.DataFrame(rows, index=range(2, 2 + len(rows)))
    councils = [f"c{i:03d}" for i in range(40)]
    figures = {"po-held": {"2023-24-Q1": 166, "2023-24-Q2": 187, "2023-24-Q3": 200, "2023-24-Q4": 220},
               "po-made": {"2023-24-Q2": 24, "2023-24-Q3": 40, "2023-24-Q4": 60}}  # fmt: skip
    obs = pd.DataFrame([{"council": c, "measure": m, "period": p, "value": float(v)} for c in councils
                        for m, by in figures.items() for p, v in by.items()])  # fmt: skip
    read = []

    def settings(council):
        read.append(council)
        return SimpleNamespace(suppress_min=1, suppress_max=4 if council == "c007" else 0)  # only c007 hides 1 to 4

    found = undeclared_flows(obs, measures, lambda name: f"{name}.csv", settings)
    assert [(w.row, w.column, w.council) for w in found] == [(3, "flow_of", "c007")]
    assert "po-made (Permanence Orders made) 24 beside po-held" in found[0].found
    assert "166 the period before and 187 at the end of c007's 2023-24-Q2" in found[0].found
    assert sorted(read) == sorted(set(read))  # each council's settings read once
