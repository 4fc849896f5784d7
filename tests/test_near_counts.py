"""Two counts of one outcome a few apart that no part_of links (swlib.near_counts): listed, never
suppressed on a guess (AUDIT-9: 312 referrals and 309 investigated both print)."""

import pandas as pd

import swlib
from swlib.near_counts import linked_ids, near_pairs
from swlib.unchecked import not_checked
from tests.conftest import make_data


def _row(measure, value, outcome="Adult support and protection", unit="count", aggregate="sum", title=None):
    return {"measure": measure, "value": value, "outcome": outcome, "theme": "Statutory functions", "unit": unit,
            "aggregate": aggregate, "title": title or measure}  # fmt: skip


def test_two_counts_of_one_outcome_1_to_4_apart_and_not_linked_are_a_pair():
    rows = [_row("referrals", 312.0), _row("investigations", 309.0)]
    assert [(a["measure"], b["measure"], d) for a, b, d in near_pairs(rows, 1, 4, set())] == [
        ("referrals", "investigations", 3.0)
    ]
    linked = linked_ids(pd.DataFrame([{"measure": "investigations", "part_of": "referrals", "flow_of": None}]))
    assert near_pairs(rows, 1, 4, linked) == []  # declared: public suppression checks it
    assert near_pairs([_row("referrals", 312.0), _row("x", 309.0, outcome="Justice")], 1, 4, set()) == []
    assert near_pairs([_row("referrals", 312.0), _row("x", 300.0)], 1, 4, set()) == []  # 12 apart
    assert near_pairs([_row("referrals", 6.0), _row("x", 4.0)], 1, 4, set()) == []  # 4 is small: [c] already
    assert near_pairs([_row("referrals", 312.0), _row("x", 309.0, unit="percent")], 1, 4, set()) == []
    assert near_pairs([_row("referrals", 312.0), _row("x", 309.0, aggregate="latest")], 1, 4, set()) == []
    # as printed: 312.4 and 308.6 print 312 and 309
    assert len(near_pairs([_row("a", 312.4, unit="number"), _row("b", 308.6, unit="number")], 1, 4, set())) == 1


def test_the_public_run_lists_such_a_pair_as_not_checked_and_validate_warns(data_dir):
    ms = [{"title": "Adult support and protection referrals received", "unit": "count", "polarity": "none", "frequency": "quarterly",
           "outcome": "Adult support and protection"},
          {"title": "Adult support and protection investigations opened", "unit": "count", "polarity": "none", "frequency": "quarterly",
           "outcome": "Adult support and protection"}]  # fmt: skip
    obs = [{"measure": "m0", "period": "2020-21-Q1", "value": "312"},
           {"measure": "m1", "period": "2020-21-Q1", "value": "309"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, ms, obs))
    perf = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public")
    assert list(perf["to_date"]) == [312, 309]  # both print: nothing suppressed on a guess
    found = [f for f in not_checked(ds, "quarterly", "alpha", "2020-21-Q1") if f.get("kind") == "pair"]
    assert [(f["pair"], f["column"], f["row"]) for f in found] == [(("m0", "m1"), "part_of", 3)]
    assert (
        "312 and m1 (Adult support and protection investigations opened) 309 in 2020/21 Quarter 1, 3 apart"
        in found[0]["text"]
    )
    assert "part_of = the whole" in found[0]["reason"]
    warned = [w for w in ds.warnings if "3 apart, of one outcome" in str(w)]
    assert len(warned) == 1 and "row 3" in str(warned[0]) and "alpha in 2020-21-Q1" in str(warned[0])
    # validate wants a word in common besides the kind of thing counted; the run lists the pair all the same
    ms2 = [
        {**ms[0], "title": "Drug Treatment and Testing Orders imposed"},
        {**ms[1], "title": "Supervised Release Orders"},
    ]
    ds = swlib.load(make_data(data_dir, ms2, obs))
    assert not [w for w in ds.warnings if "of one outcome" in str(w)]
    assert [f["pair"] for f in not_checked(ds, "quarterly", "alpha", "2020-21-Q1") if f.get("kind") == "pair"] == [
        ("m0", "m1")
    ]
    # declared part_of: checked (the 309 is [c]), neither listed nor warned
    folder = make_data(data_dir, ms, obs)
    table = pd.read_csv(folder / "measures.csv", dtype=str, keep_default_na=False)
    table.assign(part_of=["", "m0"]).to_csv(folder / "measures.csv", index=False)
    ds = swlib.load(folder)
    assert pd.isna(swlib.performance(ds, "alpha", "2020-21-Q1", audience="public")["to_date"].iloc[1])
    assert not [f for f in not_checked(ds, "quarterly", "alpha", "2020-21-Q1") if f.get("kind") == "pair"]
    assert not [w for w in ds.warnings if "of one outcome" in str(w)]


def test_a_public_run_says_each_pair_it_could_not_check(data_dir, tmp_path):
    from click.testing import CliRunner

    from swlib.cli import main

    ms = [{"title": "Adult referrals received", "unit": "count", "polarity": "none"},
          {"title": "Adult investigations opened", "unit": "count", "polarity": "none"}]  # fmt: skip
    obs = [{"measure": "m0", "period": "2020-21-Q1", "value": "312"},
           {"measure": "m1", "period": "2020-21-Q1", "value": "309"}]  # fmt: skip
    d = make_data(data_dir, ms, obs)
    r = CliRunner().invoke(main, ["run", "quarterly", "--council", "alpha", "--period", "2020-21-Q1", "--audience",
                                  "public", "--data", str(d), "--out", str(tmp_path / "o")])  # fmt: skip
    assert r.exit_code == 0, r.output
    (line,) = [x for x in r.output.splitlines() if x.startswith("not checked")]
    assert line.startswith(
        "not checked in public/alpha/2020-21-Q1/quarterly: measures.csv, row 3, column 'part_of': m0"
    )
    assert "309 in 2020/21 Quarter 1, 3 apart" in line and "part_of = the whole on the part's row" in line
