"""A measure renamed after a public report printed it (swlib.renames): its figures printed under
the old id are still set against the new one, however it was renamed."""

import pandas as pd

import swlib
from swlib import published
from swlib.renames import renamed
from tests.conftest import DG, demo_with


def _record(rows):
    return pd.DataFrame(
        [{"measure": m, "year": y, "months": 12, "value": v, "numerator": float("nan"), "denominator": float("nan"),
          "parts": 1, "title": t} for m, y, v, t in rows],
        columns=published.COLUMNS,
    )  # fmt: skip


def _printed_2023_24(folder):
    """The rows the demo data's 2023-24 public annual report printed (its record), the data copied to ``folder``."""
    first = swlib.performance(demo_with(folder), DG, "2023-24", audience="public", published=published.empty())
    return list(first.attrs["printed"])


def _renamed_without_replaces(folder, revised=None):
    """The demo data in ``folder`` with lac-emergency-placements revised for 2023-24 (12, was 9) and the
    ``revised`` years ({period: value}), given for 2024-25 (11), and renamed lac-emergency-cso with a new
    title, no replaces: its measures.csv."""
    revised = {"2023-24": "12", **(revised or {})}
    demo_with(folder, observations=[{"measure": "lac-emergency-placements", "period": "2024-25", "value": "11"}],
              changed={("lac-emergency-placements", p): {"value": v} for p, v in revised.items()})  # fmt: skip
    for name in ("measures", "observations"):
        path = folder / f"{name}.csv"
        path.write_text(path.read_text().replace("lac-emergency-placements", "lac-emergency-cso"))
    path = folder / "measures.csv"
    path.write_text(path.read_text().replace("children subject to supervision requirements",
                                             "children on a compulsory supervision order"))  # fmt: skip
    return path


def test_a_vanished_id_follows_the_new_id_that_replaces_it_or_prints_its_history_again():
    record = _record([("old", "2021-22", 10, "Old words"), ("old", "2023-24", 9, "Old words")])
    titles = {"new": "New figures", "other": "Other"}  # a title like "Old words" would link them (ATTACK-5 #8)
    assert set(renamed(record, titles)["measure"]) == {"old"}  # neither id nor title: no link
    assert set(renamed(record, titles, {"new": "old"})["measure"]) == {"old", "new"}  # declared
    printed = {"new": {("2021-22", 12, 10.0), ("2023-24", 12, 12.0)}, "other": {("2021-22", 12, 55.0)}}
    out = renamed(record, titles, None, printed)  # 2021-22 as printed, 2023-24 revised: one of two agree
    assert set(out["measure"]) == {"old", "new"}
    assert list(out.loc[out["measure"] == "new", "value"]) == [10, 9]
    # a new measure whose figures of the same years all differ is another measure
    assert set(renamed(record, titles, None, {"new": {("2021-22", 12, 40.0), ("2023-24", 12, 41.0)}})["measure"]) == {
        "old"
    }


def test_attack_a_revision_is_caught_when_the_id_and_title_change_together(tmp_path):
    # ATTACK-3 finding 4: the 2023-24 public annual report printed "Emergency placements of children subject to
    # supervision requirements" 8 10 [c] 9; the measure is then renamed (id lac-emergency-cso, title "... on a
    # compulsory supervision order"), 2023-24 revised to 12 and 2024-25 (11) added: the 2024-25 report printed
    # 10 [c] 12 11, and 12 beside the 9 published told that 3 placements were recorded late
    record = pd.DataFrame(_printed_2023_24(tmp_path / "a"), columns=published.COLUMNS)
    row = record[(record["measure"] == "lac-emergency-placements") & (record["year"] == "2023-24")]
    assert list(row["value"]) == [9]
    folder = tmp_path / "b"
    _renamed_without_replaces(folder)
    pub = swlib.performance(swlib.load(folder), DG, "2024-25", audience="public", published=record)
    pub = pub.set_index("measure")
    assert pub.loc["lac-emergency-cso", "2021-22"] == 10 and pub.loc["lac-emergency-cso", "to_date"] == 11
    assert pd.isna(pub.loc["lac-emergency-cso", "2023-24"]), "12 beside the 9 published gives 3 away"
    assert "2023-24:earlier" in pub.loc["lac-emergency-cso", "suppressed_why"]


def test_an_id_that_prints_a_vanished_ids_figures_again_is_named_until_replaces_says_so():
    from swlib.renames import undeclared_renames

    record = _record([("old", "2021-22", 10, "Old words"), ("old", "2022-23", 0, "Old words"),
                      ("old", "2023-24", 9, "Old words"), ("kept", "2023-24", 10, "Kept")])  # fmt: skip
    printed = {"new": {("2021-22", 12, 10.0), ("2022-23", 12, 0.0), ("2023-24", 12, 12.0)},
               "kept": {("2023-24", 12, 10.0)}}  # fmt: skip
    titles = {"new": "New words", "kept": "Kept"}
    assert undeclared_renames(record, titles, None, printed) == [
        {"new": "new", "old": "old", "title": "Old words", "shared": [("2021-22", 12, 10.0)]}
    ]  # 0 agrees with anything: not a sign; "kept" is in use, not vanished
    assert undeclared_renames(record, titles, {"new": "old"}, printed) == []  # declared
    assert undeclared_renames(record, {**titles, "new": "Old  words."}, None, printed) == []  # the same title
    unlike = {**titles, "new": "Reviews held"}  # a title like the old one's names it anyway (ATTACK-5 #8)
    assert undeclared_renames(record, unlike, None, {"new": {("2022-23", 12, 0.0), ("2021-22", 3, 10.0)}}) == []


def test_attack_a_measure_renamed_without_replaces_is_named_by_check_public_and_the_run(tmp_path, monkeypatch, capsys):
    # issue 21, item 3: lac-emergency-placements renamed lac-emergency-cso (id and title) with no replaces; the
    # public step takes it for the old id by its history, but nothing said so, and revised in more years than
    # not it would not: a revised figure printed under the new id beside the one published under the old gives
    # the revision away. check-public (and the public run) name the new id's row and ask for replaces
    import csv

    from click.testing import CliRunner

    from swlib.cli import main
    from swlib.publishing import check_public

    out = tmp_path / "out"
    published.write(out / DG / "2023-24" / "annual-public.figures.csv", _printed_2023_24(tmp_path / "a"))
    monkeypatch.setenv("SWREPORT_OUT", str(out))
    folder = tmp_path / "b"
    path = _renamed_without_replaces(folder)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    row = 2 + next(i for i, r in enumerate(rows) if r["measure"] == "lac-emergency-cso")
    (f,) = [f for f in check_public(swlib.load(folder), DG, "2024-25") if f.get("kind") == "renamed"]
    assert (f["file"], f["row"], f["column"]) == ("measures.csv", row, "replaces")
    assert f["text"].startswith("lac-emergency-cso has figures lac-emergency-placements ('Emergency placements of "
                                "children subject to supervision requirements'), an id no longer in use, printed in "
                                "a public report (2020-21: 8; 2021-22: 10")  # fmt: skip
    assert f["text"].endswith("if it is lac-emergency-placements renamed, set replaces = lac-emergency-placements "
                              "on its row; if it is a new measure, set replaces = none")  # fmt: skip
    r = CliRunner().invoke(main, ["check-public", "--council", DG, "--period", "2024-25", "--data", str(folder),
                                  "--strict"])  # fmt: skip
    assert r.exit_code == 2 and f"measures.csv, row {row}, column 'replaces': lac-emergency-cso has figures" in r.output
    # the public run says it after the report, as it says what was withheld (cli.reports._say_public)
    from types import SimpleNamespace

    from swlib.cli.reports import _say_public

    job = SimpleNamespace(report="annual", council=DG, period="2024-25", key=f"public/{DG}/2024-25/annual")
    capsys.readouterr()
    _say_public(swlib.load(folder), job, folder, False, "run")
    said = capsys.readouterr().out
    assert (
        f"warning for public/{DG}/2024-25/annual: measures.csv, row {row}, column 'replaces': lac-emergency-cso "
        in said
    )
    # declared: nothing to say, and the revision is still hidden
    for r_ in rows:
        r_["replaces"] = "lac-emergency-placements" if r_["measure"] == "lac-emergency-cso" else ""
    from tests.conftest import write_csv

    write_csv(path, rows)
    ds = swlib.load(folder)
    assert not [f for f in check_public(ds, DG, "2024-25") if f.get("kind") == "renamed"]
    pub = swlib.performance(ds, DG, "2024-25", audience="public").set_index("measure")
    assert pd.isna(pub.loc["lac-emergency-cso", "2023-24"])


def test_attack_a_rename_whose_new_columns_share_no_unrevised_figure_is_still_named(tmp_path):
    # ATTACK-5 finding 8: renamed without replaces, and 2021-22 (10 -> 13) and 2023-24 (9 -> 12) revised, the
    # 2024-25 report's columns (2021-22 to 2024-25) shared no figure with the 2023-24 report's 8 10 [c] 9: no
    # [c] and no warning, and 13 and 12 beside 10 and 9 told 3 and 3 recorded late. The data's own 2020-21 (8,
    # as printed) ties the new id to the old one: the run names it and asks for replaces
    record = pd.DataFrame(_printed_2023_24(tmp_path / "a"), columns=published.COLUMNS)
    folder = tmp_path / "b"
    _renamed_without_replaces(folder, {"2021-22": "13"})
    pub = swlib.performance(swlib.load(folder), DG, "2024-25", audience="public", published=record)
    (x,) = [x for x in pub.attrs["renames"] if x["new"] == "lac-emergency-cso"]
    assert x["old"] == "lac-emergency-placements" and ("2020-21", 12, 8.0) in x["shared"]
    # and its title, like the old one's, ties the two: 13 and 12 beside the 10 and 9 printed are [c]
    pub = pub.set_index("measure")
    for c in ("2021-22", "2023-24"):
        assert (
            pd.isna(pub.loc["lac-emergency-cso", c])
            and f"{c}:earlier" in pub.loc["lac-emergency-cso", "suppressed_why"]
        )
    # run again, its own report recorded: still [c]
    again = pd.concat([record, pd.DataFrame(list(pub.attrs["printed"]), columns=published.COLUMNS)])
    pub = swlib.performance(swlib.load(folder), DG, "2024-25", audience="public", published=again).set_index("measure")
    assert pd.isna(pub.loc["lac-emergency-cso", "2021-22"]) and pd.isna(pub.loc["lac-emergency-cso", "2023-24"])


def test_the_run_names_a_rename_against_the_record_of_its_own_out_folder(tmp_path, monkeypatch, capsys):
    # ATTACK-5 finding 8, by the command line: `run --out DIR` rendered against DIR's record, but said what it
    # withheld and renamed against ./outputs' (empty): check-public named the rename, the run did not
    from types import SimpleNamespace

    from swlib.cli.reports import _say_public

    out = tmp_path / "out"
    published.write(out / DG / "2023-24" / "annual-public.figures.csv", _printed_2023_24(tmp_path / "a"))
    monkeypatch.delenv("SWREPORT_OUT", raising=False)
    monkeypatch.chdir(tmp_path)  # ./outputs holds no record
    folder = tmp_path / "b"
    _renamed_without_replaces(folder)
    job = SimpleNamespace(report="annual", council=DG, period="2024-25", key=f"public/{DG}/2024-25/annual")
    capsys.readouterr()
    _say_public(swlib.load(folder), job, folder, False, "run", out)
    assert "column 'replaces': lac-emergency-cso has figures lac-emergency-placements" in capsys.readouterr().out


def test_a_new_id_beside_a_vanished_one_of_a_like_title_is_named_though_no_figure_meets():
    # ATTACK-5 finding 8: every year the two share revised, or the new id's columns past the old one's years: no
    # figure meets, and only the titles tell that one took the other's place
    from swlib.renames import like, undeclared_renames

    old = "Emergency placements of children subject to supervision requirements"
    record = _record(
        [("lac-emergency-placements", "2021-22", 10, old), ("lac-emergency-placements", "2023-24", 9, old)]
    )
    titles = {"lac-emergency-cso": "Emergency placements of children on a compulsory supervision order"}
    printed = {"lac-emergency-cso": {("2021-22", 12, 13.0), ("2023-24", 12, 12.0), ("2024-25", 12, 11.0)}}
    (x,) = undeclared_renames(record, titles, None, printed)
    assert (x["new"], x["old"], x["shared"]) == ("lac-emergency-cso", "lac-emergency-placements", [])
    assert undeclared_renames(record, titles, {"lac-emergency-cso": "lac-emergency-placements"}, printed) == []
    # once its own report is recorded, its title alone no longer names it (a measure that only looks alike)
    recorded = pd.concat([record, _record([("lac-emergency-cso", "2024-25", 11, titles["lac-emergency-cso"])])])
    assert undeclared_renames(recorded, titles, None, printed) == []
    assert not like(old, "Children looked after in foster care")


def test_attack_a_rename_named_by_one_shared_figure_is_treated_as_one_in_the_run_itself(tmp_path):
    # ATTACK-6 finding 4, fail-safe: a new id the run names as a rename of a vanished one (2020-21's 8, as printed),
    # with a title unlike the old and more years revised than not (10 -> 13, 9 -> 12): the run warned but printed
    # 13 and 12 beside the 10 and 9 printed before (3 and 3 recorded late); it takes the record as if replaces said so
    record = pd.DataFrame(_printed_2023_24(tmp_path / "a"), columns=published.COLUMNS)
    folder = tmp_path / "b"
    _renamed_without_replaces(folder, {"2021-22": "13"})
    path = folder / "measures.csv"
    path.write_text(path.read_text().replace("Emergency placements of children on a compulsory supervision order",
                                             "Out of hours moves made under a CSO"))  # fmt: skip
    from swlib.renames import like

    assert not like("Emergency placements of children subject to supervision requirements",
                    "Out of hours moves made under a CSO")  # fmt: skip
    pub = swlib.performance(swlib.load(folder), DG, "2024-25", audience="public", published=record)
    (x,) = [x for x in pub.attrs["renames"] if x["new"] == "lac-emergency-cso"]
    assert x["old"] == "lac-emergency-placements" and x["shared"] == [("2020-21", 12, 8.0)]
    pub = pub.set_index("measure")
    for c in ("2021-22", "2023-24"):
        assert pd.isna(pub.loc["lac-emergency-cso", c]), c
        assert f"{c}:earlier" in pub.loc["lac-emergency-cso", "suppressed_why"]
    assert pub.loc["lac-emergency-cso", "to_date"] == 11  # 2024-25: nothing printed before to set it against


def test_replaces_none_says_a_measure_of_a_like_title_is_new_and_holds_none_of_its_figures_back(tmp_path):
    # issue 21 #3: a genuinely new measure beside a vanished one of a like title ("Emergency placements of children
    # on a compulsory supervision order" beside "... subject to supervision requirements", printed 8 10 [c] 9, its
    # figures shared with none of them): the like-title fail-safe set its 12 against the 9 and printed [c], and
    # check-public --strict failed, with no way for the data to say it is new. replaces = none says so
    import csv

    from swlib.publishing import check_public
    from tests.conftest import write_csv

    record = pd.DataFrame(_printed_2023_24(tmp_path / "a"), columns=published.COLUMNS)
    folder = tmp_path / "b"
    path = _renamed_without_replaces(folder, {"2020-21": "20", "2021-22": "13"})  # no figure printed again
    pub = swlib.performance(swlib.load(folder), DG, "2024-25", audience="public", published=record)
    (x,) = [x for x in pub.attrs["renames"] if x["new"] == "lac-emergency-cso"]
    assert x["shared"] == [] and pd.isna(pub.set_index("measure").loc["lac-emergency-cso", "2023-24"])
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for r in rows:
        r["replaces"] = "None" if r["measure"] == "lac-emergency-cso" else ""
    write_csv(path, rows)
    ds = swlib.load(folder)
    pub = swlib.performance(ds, DG, "2024-25", audience="public", published=record)
    assert not [x for x in pub.attrs["renames"] if x["new"] == "lac-emergency-cso"]
    row = pub.set_index("measure").loc["lac-emergency-cso"]
    assert (row["2021-22"], row["2023-24"], row["to_date"]) == (13, 12, 11)
    assert "earlier" not in str(row["suppressed_why"])
    assert not [f for f in check_public(ds, DG, "2024-25") if f.get("kind") == "renamed"]
    # the same title is the same measure whatever replaces says
    assert set(
        renamed(_record([("old", "2023-24", 9, "Old words")]), {"new": "Old words"}, {"new": "none"})["measure"]
    ) == {"old", "new"}
