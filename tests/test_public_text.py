"""Free text in public reports (swlib.public_text): what is withheld (a council's policy, public_text in params/councils.yaml: test_uncleared.py)."""

import csv
import re

import pandas as pd
from bs4 import BeautifulSoup
from click.testing import CliRunner

import swlib
from swlib.cli import main
from swlib.narrative import section
from swlib.publishing import check_public, withheld
from tests.conftest import make_data, write_csv

# the checked policy (the default) -------------------------------------------------------------


def test_free_text_is_withheld_for_what_the_reader_sees_not_the_source(data_dir):
    from swlib.narrative import comment_html, markdown_html
    from swlib.public_text import public_narrative

    # the sanitiser strips the tag after the check: the reader would see "Two reports were late"
    text = "Tw<span>o</span> reports were late"
    assert "Two reports were late" in comment_html(text)
    obs = [{"measure": "m0", "period": "2020-21-Q1", "numerator": "30", "denominator": "40", "comment": text}]
    ds = swlib.load(make_data(data_dir, [{"target": "50"}], obs))
    public = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public")
    assert "withheld" in public.iloc[0]["comment"] and "late" not in public.iloc[0]["comment"]
    assert public.attrs["withheld"][0]["row"] == 2
    # narrative: markdown, entities and soft hyphens, each paragraph withheld as printed
    md = ("Our service grew.\n\nOf the 50 referrals, **47** were accepted.\n\n&#51; children were placed.\n\n"
          "tw&shy;o children were placed.\n\nt**wo** children were placed.\n\nWe met our targets.")  # fmt: skip
    printed = BeautifulSoup(markdown_html(md), "html.parser").get_text().replace("\xad", "")
    assert "referrals, 47 were accepted" in printed and "3 children" in printed and "two children" in printed
    out, hits = public_narrative(md)
    assert [n for n, _ in hits] == [3, 5, 7, 9]
    shown = BeautifulSoup(markdown_html(out), "html.parser").get_text()
    assert "Our service grew." in shown and "We met our targets." in shown
    assert not re.search(r"47|\b3\b|two", shown, re.I)


def test_free_text_cleared_by_an_officer_is_published_and_the_rest_withheld(data_dir):
    from swlib.public_text import WITHHELD, public_narrative
    from swlib.publishing import check_public, withheld

    text = "Two young people moved on"
    obs = [{"measure": "m0", "period": "2020-21-Q1", "numerator": "30", "denominator": "40", "comment": text}]
    acts = [{"council": "alpha", "period": "2020-21-Q1", "theme": "T", "action": "Review a single placement",
             "status": "Green", "comment": "3 carers recruited"},
            {"council": "alpha", "period": "2020-21-Q1", "theme": "T", "action": "Recruit carers",
             "status": "Green", "comment": "On course"}]  # fmt: skip
    folder = make_data(data_dir, [{"target": "50"}], obs, actions=acts)
    ds = swlib.load(folder)
    pub = swlib.actions(ds, "alpha", "2020-21-Q1", audience="public")
    assert list(pub["comment"]) == [WITHHELD, "On course"] and "single" not in pub.loc[0, "action"]
    assert swlib.actions(ds, "alpha", "2020-21-Q1").loc[0, "comment"] == "3 carers recruited"
    listed = withheld(ds, "quarterly", "alpha", "2020-21-Q1")
    assert {(w["file"], w["row"], w["column"]) for w in listed} == {
        ("observations.csv", 2, "comment"), ("actions.csv", 2, "action"), ("actions.csv", 2, "comment")}  # fmt: skip
    # an officer clears the comment: it is published as written

    rows = list(csv.DictReader((folder / "observations.csv").open()))
    rows[0]["cleared"] = "Yes"

    write_csv(folder / "observations.csv", rows)
    ds = swlib.load(folder)
    assert swlib.performance(ds, "alpha", "2020-21-Q1", audience="public").iloc[0]["comment"] == text
    assert [f["cleared"] for f in check_public(ds, "alpha", "2020-21-Q1") if f["file"] == "observations.csv"] == [True]
    # narrative: a paragraph is withheld unless the file, or the phrase, is cleared in its front matter
    md = "Our service grew.\n\nOne child was placed in secure care.\n\nTwo new carers were approved."
    out, hits = public_narrative(md)
    assert "secure" not in out and "Our service grew." in out and [n for n, _ in hits] == [3, 5]
    out, hits = public_narrative('---\ncleared:\n  - "Two new carers"\n---\n' + md)
    assert "Two new carers" in out and "secure" not in out and [n for n, _ in hits] == [7]
    out, hits = public_narrative("---\ncleared: yes\n---\n" + md)
    assert hits == [] and "secure" in out and "cleared" not in out


def test_a_public_narrative_withholds_the_sentence_with_a_small_number_and_keeps_the_rest_of_its_paragraph():
    """COMMITTEE-9 #11: public Dundee 2016/17 withheld its whole complaints paragraph for "Two of them
    progressed to the final stage", and with it "The agreed timescales ... was met in 50% of cases",
    which Dundee had published. The sentence is withheld where it was, said so; the rest is printed
    where it passes the same checks on its own."""
    from swlib.public_text import SENTENCE_WITHHELD, public_narrative
    from swlib.small_numbers import small_numbers_in
    from tests.conftest import ROOT

    text = (ROOT / "data" / "narrative" / "dundee-city" / "2016-17" / "complaints.md").read_text()
    out, withheld = public_narrative(text)
    paragraph = next(p for p in out.split("\n\n") if p.startswith("Most of the complaints"))
    assert paragraph == (
        "Most of the complaints related to a failure to meet service standards or treatment by or attitude of a "
        f"member of staff. *{SENTENCE_WITHHELD}* The agreed timescales for finalising investigations was met in 50% "
        "of cases, with delays usually caused by the complexity of the complaint and the investigation taking "
        "longer than expected."
    )
    assert "Two of them" not in out and [n for n, _ in withheld] == [3]  # the run still lists it, by its line
    # what is left would give the small number away by subtraction: the whole paragraph is withheld
    out, withheld = public_narrative("Intro.\n\nWe received 45 referrals. 42 were accepted. Three were withdrawn.\n")
    assert "45" not in out and "42" not in out and "A passage was withheld" in out and [n for n, _ in withheld] == [3]
    # a small number that takes two sentences to give away, and a list: withheld whole, as before
    out, _ = public_narrative("Intro.\n\nOf the 45 children referred, most were seen. 43 were placed.\n")
    assert "A passage was withheld" in out and "most were seen" not in out
    out, _ = public_narrative("Intro.\n\n- Three children were placed in secure care. The rest went home.\n")
    assert "A passage was withheld" in out and "The rest went home" not in out
    # two sentences in a row withheld: one note where they were
    out, _ = public_narrative("Intro.\n\nWe grew. Two children died. Three were injured. We learned.\n")
    assert out == f"Intro.\n\nWe grew. *{SENTENCE_WITHHELD}* We learned.\n"
    assert "here because it mentions a small number" in SENTENCE_WITHHELD and not small_numbers_in(SENTENCE_WITHHELD)


def test_check_public_lists_a_count_said_across_the_lines_of_a_narrative_paragraph():
    # the public report withholds the paragraph (it reads paragraphs); check-public read lines and missed it
    from swlib.public_text import narrative_findings, public_narrative

    text = ("Intro.\n\nOf the 26 children referred in 2023,\nmost were seen within a week.\n23 were placed.\n\n"
            "Two children died.\n")  # fmt: skip
    found = narrative_findings(text)
    assert [(n, "23 were placed" in hit) for n, hit, _ in found] == [(3, True), (7, False)]
    assert [n for n, _ in public_narrative(text)[1]] == [n for n, _, _ in found]


# issue 21: counts said in ways the check missed, through check-public and the public run --------------

SAID_OTHERWISE = [
    "Registrations grew by seven and a half per cent to 43.",  # from 40: 3 more
    "The young people placed in secure care were 15 and 16 years old.",  # two young people
    "Placements out of the area were a 15 and a 16 year old.",  # two
]


def _narrative(folder, text: str, section_name: str = "performance"):
    md = folder / "narrative" / "alpha" / "2020-21" / f"{section_name}.md"
    md.parent.mkdir(parents=True, exist_ok=True)
    md.write_text(text)
    return md


def test_a_change_in_words_and_ages_listed_are_withheld_and_named_by_check_public(data_dir):
    obs = [{"measure": f"m{i}", "period": "2020-21-Q1", "numerator": "30", "denominator": "40", "comment": text}
           for i, text in enumerate(SAID_OTHERWISE)]  # fmt: skip
    folder = make_data(data_dir, [{"target": "50"}] * 3, obs)
    _narrative(folder, "## Performance\n\n" + "\n\n".join(SAID_OTHERWISE) + "\n\nWe met our targets.\n")
    ds = swlib.load(folder)
    pub = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public")
    assert all("withheld" in c for c in pub["comment"]), list(pub["comment"])
    assert list(swlib.performance(ds, "alpha", "2020-21-Q1")["comment"]) == SAID_OTHERWISE  # internal: as written
    # the public run lists what it withheld, by file and row (line)
    listed = {(w["file"].rsplit("/", 1)[-1], w["row"]) for w in withheld(ds, "annual", "alpha", "2020-21")}
    assert {("performance.md", 3), ("performance.md", 5), ("performance.md", 7)} <= listed
    html = BeautifulSoup(str(section(ds.path, "alpha", "2020-21", "performance", audience="public")), "html.parser")
    shown = html.get_text(" ")
    assert "We met our targets." in shown and not re.search(r"43|15 and|year old", shown)
    # check-public names each before anything is published
    found = {(f["file"].rsplit("/", 1)[-1], f["row"]) for f in check_public(ds, "alpha", "2020-21-Q1")}
    assert {("observations.csv", 2), ("observations.csv", 3), ("observations.csv", 4)} <= found
    assert {("performance.md", 3), ("performance.md", 5), ("performance.md", 7)} <= found
    r = CliRunner().invoke(main, ["check-public", "--council", "alpha", "--period", "2020-21-Q1", "--data",
                                  str(folder), "--strict"])  # fmt: skip
    assert r.exit_code == 2 and "observations.csv, row 3, column 'comment'" in r.output


def _doubled(data_dir, comment: dict):
    """Two yearly counts of the statutory functions: secure placements 40, 42, 3 ([c]), 6 and referrals
    400, 410, 400, 800, each with the comment of ``comment`` (measure -> text) on 2020-21."""
    ms = [{"title": "Secure placements", "theme": "Statutory functions", "unit": "count", "polarity": "none",
           "frequency": "annual"},
          {"title": "Referrals received", "theme": "Statutory functions", "unit": "count", "polarity": "none",
           "frequency": "annual"}]  # fmt: skip
    runs = {"m0": (40, 42, 3, 6), "m1": (400, 410, 400, 800)}
    years = ("2017-18", "2018-19", "2019-20", "2020-21")
    obs = [{"measure": m, "period": y, "value": str(v), "comment": comment.get(m, "") if y == "2020-21" else ""}
           for m, vs in runs.items() for y, v in zip(years, vs, strict=True)]  # fmt: skip
    return make_data(data_dir, ms, obs)


def test_doubled_without_a_figure_is_withheld_where_the_measures_figures_give_a_small_count_away(data_dir):
    # "doubled" beside this year's 6 tells the reader last year's [c] was 3; beside 400 and 800 it tells nothing
    folder = _doubled(data_dir, {"m0": "Secure placements doubled this year.", "m1": "Referrals doubled this year."})
    _narrative(folder, "## Statutory functions\n\nSecure placements doubled this year.\n\n"
                       "Referrals received doubled this year.\n")  # fmt: skip
    ds = swlib.load(folder)
    pub = swlib.performance(ds, "alpha", "2020-21", audience="public").set_index("measure")
    assert pd.isna(pub.loc["m0", "2019-20"]) and pub.loc["m0", "to_date"] == 6
    assert "withheld" in pub.loc["m0", "comment"] and pub.loc["m1", "comment"] == "Referrals doubled this year."
    listed = {(w["file"].rsplit("/", 1)[-1], w["row"]) for w in withheld(ds, "annual", "alpha", "2020-21")}
    assert ("observations.csv", 5) in listed and ("performance.md", 3) in listed
    assert ("observations.csv", 9) not in listed and ("performance.md", 5) not in listed
    shown = BeautifulSoup(str(section(ds.path, "alpha", "2020-21", "performance", audience="public")),
                          "html.parser").get_text(" ")  # fmt: skip
    assert "Referrals received doubled" in shown and "Secure placements doubled" not in shown
    found = {(f["file"].rsplit("/", 1)[-1], f["row"]) for f in check_public(ds, "alpha", "2020-21")}
    assert ("observations.csv", 5) in found and ("performance.md", 3) in found
    assert ("observations.csv", 9) not in found and ("performance.md", 5) not in found


def test_a_rows_free_text_is_withheld_where_it_mentions_a_small_number_unless_cleared():
    from swlib.base import WITHHELD_TEXT
    from swlib.public_text import WITHHELD, WITHHELD_NOTE, public_row_text

    row = {"measure": "m", "unit": "count", "to_date": 40.0, "comment": "Two children moved away.",
           "title": "Children placed", "theme": "Children", "outcome": "Looked after", "year_notes": {
               "2022-23": "not collected: 3 staff were off"}}  # fmt: skip
    points = {"comment": {"row": 5}, "measure": {"row": 2}, "notes": {"2022-23": {"row": 7}}}
    text, withheld = public_row_text(row, points, ["2022-23"])
    assert text == {"comment": WITHHELD, "year_notes": {"2022-23": WITHHELD_NOTE}}
    assert [(w["file"], w["row"], w["column"]) for w in withheld] == [("observations", 7, "comment"),
                                                                      ("observations", 9, "comment")]  # fmt: skip
    cleared = {"comment": {"row": 5, "cleared": "yes"}, "measure": {"row": 2},
               "notes": {"2022-23": {"row": 7, "cleared": "yes"}}}  # fmt: skip
    assert public_row_text(row, cleared, ["2022-23"]) == ({"year_notes": row["year_notes"]}, [])
    text, _ = public_row_text({**row, "title": "Children placed in 2 units", "comment": None}, cleared, [])
    assert text["title"] == WITHHELD_TEXT  # the measure's own words, checked too


# issue 21, ATTACK-8 #4: a paragraph that restates a table's figures carries a share of them through -------

SHARE_OF_RESTATED = [  # the demo's D&G 2023/24 annual report prints Child Protection Orders 24, 30; incidents 26, 34
    "Child Protection Orders rose to 30 in 2023-24 from 24 in 2022-23; 10% of them were for babies.",  # 3
    "Child Protection Orders rose to 30 in 2023-24 from 24 in 2022-23; 10% were for babies.",  # 3
    "Child Protection Orders rose to 30 in 2023-24 from 24 in 2022-23, with babies making up 10%.",  # 3
    "Child Protection Orders rose to 30 in 2023-24 from 24 in 2022-23, a tenth of them for babies.",  # 3
    "Child Protection Orders rose to 30 in 2023-24 from 24 in 2022-23; 90% were for children over one year old.",
    "Child Protection Orders rose to 30 in 2023-24 from 24 in 2022-23, half of the rise among babies.",  # 6 / 2
    "Child Protection Orders rose to 30 in 2023-24 from 24 in 2022-23; the share for babies rose from 4.2% to 10%.",
    "Recorded violent incidents against staff rose to 34 in 2023-24 from 26 in 2022-23; 91.2% caused no injury.",
    "Recorded violent incidents against staff were 34 in 2023-24; 8.8% of them led to an injury.",  # 3
    "Recorded violent incidents against staff rose to 34 in 2023-24 from 26 in 2022-23; a tenth of them led to an "
    "injury.",
]
RESTATED_ONLY = [  # the table's own figures and their change, nothing more: printed as written
    "Child Protection Orders rose to 30 in 2023-24 from 24 in 2022-23, a rise of 25%.",
    "Recorded violent incidents against staff rose to 34 in 2023-24 from 26 in 2022-23.",
]


def test_a_share_of_a_restated_figure_is_withheld_and_named_by_check_public(tmp_path, monkeypatch):
    import shutil

    from tests.conftest import ROOT

    monkeypatch.setenv("SWREPORT_PARAMS", str(tmp_path / "none"))
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    md = data / "narrative" / "dumfries-and-galloway" / "2023-24" / "complaints.md"
    texts = SHARE_OF_RESTATED + RESTATED_ONLY
    md.write_text("## Complaints\n\n" + "\n\n".join(texts) + "\n", encoding="utf-8")
    lines = {3 + 2 * i: t for i, t in enumerate(texts)}
    ds = swlib.load(data)
    found = {
        f["row"] for f in check_public(ds, "dumfries-and-galloway", "2023-24") if f["file"].endswith("complaints.md")
    }
    assert found == {n for n, t in lines.items() if t in SHARE_OF_RESTATED}
    held = {w["row"] for w in withheld(ds, "annual", "dumfries-and-galloway", "2023-24")
            if w["file"].endswith("complaints.md")}  # fmt: skip
    assert held == found
    shown = BeautifulSoup(str(section(data, "dumfries-and-galloway", "2023-24", "complaints", "public")),
                          "html.parser").get_text(" ")  # fmt: skip
    assert not re.search(r"babies|injury|over one", shown)  # the page prints its years its own way (2023/24)
    assert "a rise of 25%" in shown and "Recorded violent incidents against staff rose to 34" in shown


# issue 21, ATTACK-9 #8: a share of a figure the report prints, said without it ------------------------------------

SHARE_OF_PRINTED = [  # D&G 2023/24 prints incidents 30 19 26 34, Child Protection Orders 20 19 24 30, detentions 35 48 42 44
    "8.8% of recorded violent incidents against staff this year led to hospital treatment.",  # 3 of 34
    "A tenth of this year's Child Protection Orders were for babies under six weeks.",  # 3 of 30
    "10% of this year's Child Protection Orders were for babies under six weeks.",
    "Emergency detentions in hospital this year: 9.1% were of people under 18.",  # 4 of 44
]
SHARE_PRINTED_AS_WRITTEN = [  # of a rate, a change, a target, a measure the page does not print, or large
    "Child Protection Orders: 90% of case conferences were held within 28 days, against a target of 95%.",
    "The rate of emergency detentions in hospital per 1,000 adults fell by 9.1%.",
    "8.8% of our carers were recruited this year.",
]


def test_a_share_of_a_printed_figure_in_a_paragraph_or_a_comment_is_withheld(tmp_path, monkeypatch):
    import shutil

    from tests.conftest import ROOT

    monkeypatch.setenv("SWREPORT_PARAMS", str(tmp_path / "none"))
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    md = data / "narrative" / "dumfries-and-galloway" / "2023-24" / "complaints.md"
    texts = SHARE_OF_PRINTED + SHARE_PRINTED_AS_WRITTEN
    md.write_text("## Complaints\n\n" + "\n\n".join(texts) + "\n", encoding="utf-8")
    lines = {3 + 2 * i: t for i, t in enumerate(texts)}
    obs = (data / "observations.csv").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(obs):  # the attacker's comment on the row that prints 34 (file row i + 1)
        if line.startswith("dumfries-and-galloway,violent-incidents,2023-24,34,"):
            obs[i] = line.replace(",34,,,,,", ",34,,,,8.8% of this year's incidents led to hospital treatment.,")
            row = i + 1
        elif line.startswith("dumfries-and-galloway,violent-incidents,2022-23,"):
            obs[i] = line.replace(",,,,,synthetic", ",,,,Two thirds of incidents were in one team.,synthetic")
            kept = i + 1  # of last year's 26: 17, the rest 9
    (data / "observations.csv").write_text("\n".join(obs) + "\n", encoding="utf-8")
    ds = swlib.load(data)
    found = {(f["file"].rsplit("/", 1)[-1], f["row"]) for f in check_public(ds, "dumfries-and-galloway", "2023-24")}
    said = {n for n, t in lines.items() if t in SHARE_OF_PRINTED}
    assert {n for f, n in found if f == "complaints.md"} == said
    assert ("observations.csv", row) in found
    # last year's comment: the quarterly reports of 2023/24 up to Q3 print 2022/23's row (the latest
    # available) with it, and withhold it ("one team"), so check-public for the year lists it (ATTACK-10 #14)
    assert ("observations.csv", kept) in found
    assert ("observations.csv", kept) not in {
        (f["file"], f["row"]) for f in check_public(ds, "dumfries-and-galloway", "2024-25")
    }
    held = {w["row"] for w in withheld(ds, "annual", "dumfries-and-galloway", "2023-24")
            if w["file"].endswith("complaints.md")}  # fmt: skip
    assert held == said
    shown = BeautifulSoup(str(section(data, "dumfries-and-galloway", "2023-24", "complaints", "public")),
                          "html.parser").get_text(" ")  # fmt: skip
    assert not re.search(r"hospital treatment|babies|under 18", shown)
    assert all(t in shown for t in SHARE_PRINTED_AS_WRITTEN)
    pub = swlib.performance(ds, "dumfries-and-galloway", "2023-24-Q4", audience="public").set_index("measure")
    assert "withheld" in pub.loc["violent-incidents", "comment"]


def test_a_paragraph_read_on_from_the_one_before_it_or_its_heading_is_withheld(data_dir):
    folder = make_data(
        data_dir,
        [{"target": "50"}],
        [{"measure": "m0", "period": "2020-21-Q1", "numerator": "30", "denominator": "40"}],
    )
    _narrative(folder, "## Referrals\n\nWe received 312 referrals this year.\n\nOf them, 309 were screened within 24 "
                       "hours.\n\n## Referrals received: 312\n\nReferrals screened within 24 hours: 309.\n\n"
                       "## Complaints in 2023-24\n\nWe received 45 complaints at Stage 1.\n")  # fmt: skip
    ds = swlib.load(folder)
    found = {f["row"] for f in check_public(ds, "alpha", "2020-21") if f["file"].endswith("performance.md")}
    assert found == {5, 9}  # the paragraph that reads on is named, by its own line
    held = {w["row"] for w in withheld(ds, "annual", "alpha", "2020-21") if w["file"].endswith("performance.md")}
    assert held == found
    shown = BeautifulSoup(str(section(ds.path, "alpha", "2020-21", "performance", audience="public")),
                          "html.parser").get_text(" ")  # fmt: skip
    assert "309" not in shown and "We received 312 referrals" in shown and "45 complaints" in shown


# issue 21, ATTACK-8 #1: counts said after what they count, other fractions, "neither", events listed ----------

LISTED_OTHERWISE = [
    "Secure placements: one.",  # 1
    "Secure placements this year: one.",
    "The number of secure placements was one.",
    "Secure placements this year totalled one.",
    "The Q1 figure was one.",
    "The Q1 figure was two.",  # 2
    "The figure for Q2 was three times that of Q1, which was one.",  # 1 and 3
    "The number of secure placements was nil except for one in May.",
    "Placements were nil apart from one in May.",
    "A sixth of the 18 children returned home.",  # 3
    "A tenth of the 30 children returned home.",  # 3
    "An eighth of the 24 referrals led to action.",  # 3
    "Secure placements fell to a third of last year's 9.",  # 3
    "Placements this year were a quarter of last year's 12.",  # 3
    "Neither of the children was placed locally.",  # 2
    "Neither child was placed locally.",  # 2
    "Secure placements were made on 4 June, 18 August and 2 February.",  # 3
    "Children were placed in secure care in June, in August and in February.",  # 3
    "The second and third secure placements this year followed in August.",  # 3 at least
    "Children placed numbered III.",  # 3
    "Our secure placement rate was 0.3 per 1,000 of the 11,000 children aged 0-17.",  # 3
    "It was our first ever secure placement.",  # 1
    "It was the year's second death of a looked after child.",  # 2
    "Placements were made in Q1 (one) and Q3 (one).",  # 1 and 1
    "Recruited: one.",  # 1 (an action's comment)
]
STILL_NO_COUNT = [  # numbers and words that count no one stay published
    "Performance was one of our strengths.",
    "Reviews are held in June and December.",
    "The rate rose from 21 to 24 per 1,000 population.",
    "Young people aged 16 and 17 were offered 20 places.",
    "In the first half of the year we met our targets.",
    "Our first priority is the safety of children.",
    "Part III of the Act applies.",
]


def test_counts_said_after_what_they_count_and_events_listed_are_withheld_and_named_by_check_public(data_dir):
    texts = LISTED_OTHERWISE + STILL_NO_COUNT
    obs = [{"measure": f"m{i}", "period": "2020-21-Q1", "numerator": "30", "denominator": "40", "comment": text}
           for i, text in enumerate(texts)]  # fmt: skip
    folder = make_data(data_dir, [{"target": "50"}] * len(texts), obs)
    _narrative(folder, "## Performance\n\n" + "\n\n".join(texts) + "\n")
    ds = swlib.load(folder)
    pub = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public").set_index("measure")
    comments = [pub.loc[f"m{i}", "comment"] for i in range(len(texts))]
    assert [c for c in comments if "withheld" not in c] == STILL_NO_COUNT
    lines = {3 + 2 * i: t for i, t in enumerate(texts)}
    listed = {w["row"] for w in withheld(ds, "annual", "alpha", "2020-21") if w["file"].endswith("performance.md")}
    assert sorted(listed) == [n for n, t in lines.items() if t in LISTED_OTHERWISE]
    shown = BeautifulSoup(str(section(ds.path, "alpha", "2020-21", "performance", audience="public")),
                          "html.parser").get_text(" ")  # fmt: skip
    assert all(t in shown for t in STILL_NO_COUNT)
    assert not re.search(r"secure|returned home|placed locally|led to action|Q1|death|numbered|recruited", shown, re.I)
    found = check_public(ds, "alpha", "2020-21-Q1")
    assert {f["row"] for f in found if f["file"].endswith("performance.md")} == listed
    assert {f["row"] for f in found if f["file"] == "observations.csv"} == {2 + i for i in range(len(LISTED_OTHERWISE))}
