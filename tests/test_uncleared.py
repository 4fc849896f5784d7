"""A council's public_text policy (swlib.uncleared): under ``cleared`` every comment and narrative
paragraph an officer has not cleared is withheld, and check-public and the run name it; by default
(``checked``) only what mentions a small number."""

import csv

import pytest
from click.testing import CliRunner

import swlib
from swlib.cli import main
from swlib.narrative import section
from swlib.publishing import check_public, withheld
from swlib.uncleared import NOT_CLEARED, WITHHELD_UNCLEARED, WITHHELD_UNCLEARED_PASSAGE, cleared_narrative
from tests.conftest import make_data, write_csv


@pytest.fixture
def strict_alpha(tmp_path, monkeypatch):
    """params/ where alpha publishes only the free text an officer cleared."""
    folder = tmp_path / "params"
    folder.mkdir()
    (folder / "councils.yaml").write_text("councils:\n  alpha:\n    public_text: cleared\n")
    monkeypatch.setenv("SWREPORT_PARAMS", str(folder))
    return folder


def _data(data_dir):
    obs = [{"measure": "m0", "period": "2020-21-Q1", "numerator": "30", "denominator": "40",
            "comment": "The Hope Street placement ended in May."},
           {"measure": "m1", "period": "2020-21-Q1", "numerator": "30", "denominator": "40",
            "comment": "Performance held steady."}]  # fmt: skip
    acts = [{"council": "alpha", "period": "2020-21-Q1", "theme": "T", "action": "Recruit carers",
             "status": "Green", "comment": "The new carer in Lanark started"}]  # fmt: skip
    folder = make_data(data_dir, [{"target": "50"}, {"target": "50"}], obs, actions=acts)
    rows = list(csv.DictReader((folder / "observations.csv").open()))
    rows[1]["cleared"] = "yes"  # an officer read the second comment and cleared it
    write_csv(folder / "observations.csv", rows)
    md = folder / "narrative" / "alpha" / "2020-21" / "performance.md"
    md.parent.mkdir(parents=True)
    md.write_text("## Performance\n\nThe child at Hope Street moved to Lanark.\n\nTwo children were placed.\n")
    return folder


def test_by_default_only_text_that_mentions_a_small_number_is_withheld(data_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("SWREPORT_PARAMS", str(tmp_path / "none"))
    ds = swlib.load(_data(data_dir))
    pub = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public")
    assert list(pub["comment"]) == ["The Hope Street placement ended in May.", "Performance held steady."]
    assert swlib.actions(ds, "alpha", "2020-21-Q1", audience="public").loc[0, "comment"].startswith("The new carer")
    assert [(w["file"].rsplit("/", 1)[-1], w["row"]) for w in withheld(ds, "annual", "alpha", "2020-21")] == [
        ("performance.md", 5)
    ]


def test_under_cleared_every_comment_and_paragraph_an_officer_has_not_cleared_is_withheld(data_dir, strict_alpha):
    ds = swlib.load(_data(data_dir))
    pub = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public")
    assert list(pub["comment"]) == [WITHHELD_UNCLEARED, "Performance held steady."]  # the cleared one is printed
    assert swlib.performance(ds, "alpha", "2020-21-Q1").loc[0, "comment"].startswith("The Hope Street")  # internal
    assert swlib.actions(ds, "alpha", "2020-21-Q1", audience="public").loc[0, "comment"] == WITHHELD_UNCLEARED
    listed = {(w["file"].rsplit("/", 1)[-1], w["row"], w["column"], w["reason"])
              for w in withheld(ds, "quarterly", "alpha", "2020-21-Q1")}  # fmt: skip
    assert listed == {("observations.csv", 2, "comment", NOT_CLEARED), ("actions.csv", 2, "comment", NOT_CLEARED)}
    annual = {(w["file"].rsplit("/", 1)[-1], w["row"], w["reason"]) for w in withheld(ds, "annual", "alpha", "2020-21")}
    assert ("performance.md", 3, NOT_CLEARED) in annual and ("performance.md", 5, "mentions a small number") in annual
    html = str(section(ds.path, "alpha", "2020-21", "performance", audience="public"))
    assert "Hope Street" not in html and "Two children" not in html and "Performance</h4>" in html
    # check-public names each one by file and row, before anything is published
    found = [f for f in check_public(ds, "alpha", "2020-21-Q1") if f.get("kind") == "uncleared"]
    assert {(f["file"].rsplit("/", 1)[-1], f["row"]) for f in found} == {
        ("observations.csv", 2), ("actions.csv", 2), ("performance.md", 3)}  # fmt: skip
    r = CliRunner().invoke(main, ["check-public", "--council", "alpha", "--period", "2020-21-Q1", "--data",
                                  str(ds.path), "--strict"])  # fmt: skip
    assert r.exit_code == 2 and "observations.csv, row 2, column 'comment': The Hope Street" in r.output
    assert "not cleared" in r.output and "public_text: cleared" in r.output


def test_a_cleared_file_or_phrase_publishes_its_paragraphs_and_headings_stay():
    md = "# Summary\n\nOur service grew.\n\nThe Hope Street house opened.\n\nOne child was placed."
    out, hits = cleared_narrative(md)
    assert "# Summary" in out and "Our service" not in out and "Hope Street" not in out
    assert [(n, why) for n, _, why in hits] == [(3, NOT_CLEARED), (5, NOT_CLEARED), (7, "mentions a small number")]
    assert out.count(WITHHELD_UNCLEARED_PASSAGE) == 2
    out, hits = cleared_narrative('---\ncleared:\n  - "Hope Street house"\n---\n' + md)
    assert "The Hope Street house opened." in out and [n for n, _, _ in hits] == [7, 11]
    out, hits = cleared_narrative("---\ncleared: yes\n---\n" + md)
    assert hits == [] and "One child was placed." in out and "cleared" not in out


def test_under_cleared_a_cleared_paragraph_that_restates_the_printed_figures_is_published(tmp_path, monkeypatch):
    # Dundee 2016/17's violence passage (40 incidents, 41 the year before: the table below prints both) was
    # published under public_text: checked but withheld under cleared though an officer cleared its paragraph
    import shutil

    from tests.conftest import ROOT

    params = tmp_path / "params"
    params.mkdir()
    (params / "councils.yaml").write_text("councils:\n  dundee-city:\n    public_text: cleared\n")
    monkeypatch.setenv("SWREPORT_PARAMS", str(params))
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    md = data / "narrative" / "dundee-city" / "2016-17" / "workforce.md"
    phrase = "It is recognised that Social Work staff can operate in difficult circumstances"
    md.write_text(f'---\ncleared:\n  - "{phrase}"\n---\n' + md.read_text(encoding="utf-8"), encoding="utf-8")
    html = str(section(data, "dundee-city", "2016-17", "workforce", "public"))
    assert "a total of 40 recorded violent incidents against Social Work staff compared with 41" in html
    assert WITHHELD_UNCLEARED_PASSAGE in html  # the paragraphs no officer cleared are still withheld
    ds = swlib.load(data)
    listed = [w for w in withheld(ds, "annual", "dundee-city", "2016-17") if w["file"].endswith("workforce.md")]
    assert listed and all(w["reason"] == NOT_CLEARED for w in listed)
    # saying more than the table prints is still withheld, cleared phrase or not
    md.write_text(md.read_text(encoding="utf-8").replace("recorded incidents the year before.",
                                                         "recorded incidents the year before; 3 staff were injured."),
                  encoding="utf-8")  # fmt: skip
    assert "a total of 40 recorded" not in str(section(data, "dundee-city", "2016-17", "workforce", "public"))
