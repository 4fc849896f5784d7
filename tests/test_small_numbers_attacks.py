"""Free text an attacker got into public reports after the paragraph rule and the idioms (issue 21):
each sentence as a narrative paragraph and as a comment, and through `check-public --strict`, as an
officer meets it before publishing."""

import pytest
from click.testing import CliRunner

from swlib.cli import main
from swlib.public_text import narrative_findings, public_narrative
from swlib.small_numbers import small_numbers_in

# what was published word for word, and the count it gives away
ATTACKS = [
    ("Of the 42 looked after children placed out of area, 9.5% were in secure care.", 4),
    ("Of the 92 complaints this year, 3.3% were escalated to Stage 2.", 3),
    ("The service had 42 looked after children placed out of area.\n9.5% were in secure care.", 4),
    ("Registrations increased 7.3% from 41 last year.", 3),
    ("The register has 44 children on it, up from last quarter's 41.", 3),
    ("Screening rate: 19/21.", 2),
    # the same attacks worded differently
    ("Of the 92 complaints, 3.3 per cent were escalated.", 3),
    ("Registrations fell 6.8% from 44.", 3),
    ("There were 44 registrations this quarter. Last quarter there were 41.", 3),
    ("Secure placements: none in Q1, a single one in Q2.", 1),
    ("In Q1 there were nil secure placements and in Q2 one.", 1),
    ("A girl aged 15 was placed in secure care in May.", 1),
    ("The young person who died in March had been known to services.", 1),
    ("A 15-year-old girl was placed in secure care in May.", 1),
    ("The death of a looked after child in July is subject to a review.", 1),
    ("Sadly, a young person in our care died in May.", 1),
    ("Z is a 10 year old boy on the autistic spectrum who was socially isolated.", 1),
    ("| Quarter | Registrations |\n| --- | --- |\n| Q1 | 41 |\n| Q2 | 44 |", 3),
    ("| | Q1 | Q2 |\n|---|---|---|\n| Registrations | 41 | 44 |", 3),
    ("<table><tr><td>Q1</td><td>41</td></tr>\n<tr><td>Q2</td><td>44</td></tr></table>", 3),
    ("See [the inspection review](https://example.org/reviews/secure-placements-3-children).", 3),
    ('See [the review](https://example.org/reviews?children=3 "the review").', 3),
    ('See <a href="https://example.org/a/children/3">the review</a>.', 3),
    ('<abbr title="3 children">SCR</abbr> was published.', 3),
    ("Secure placements: nil in Q1, one in Q2.", 1),
    ("None were placed in Q1, two in Q2.", 2),
    ("Secure placements numbered a trio this year.", 3),
    ("No complaint was upheld bar one.", 1),
    ("Secure placements numbered a trio this year, and no complaint was upheld bar one.", 3),
    ("All staff were trained but one.", 1),
    ("All the young people were seen except two.", 2),
    ("Rate: 19/21, as planned.", 2),
    # the second attacker's (issue 21, round two): one person said with any verb in the past, at a time
    ("A care leaver took their own life in February.", 1),
    ("Police arrested a looked after child in July.", 1),
    ("One of our care leavers passed away in February.", 1),
    ("We placed a young person in secure care in May.", 1),
    # counts reworded
    ("The child was restrained once.", 1),
    ("A boy absconded thrice.", 3),
    ("Every referral was screened save for one.", 1),
    ("All referrals were screened with the exception of a single one.", 1),
    ("Half the 6 children were placed in kinship care.", 3),
    ("Of the 6 children referred, half were placed.", 3),
    ("Of our 12 care leavers, a quarter are in work.", 3),
    ("This year 12 children were placed in secure care; last year it was 9.", 3),
    ("Ninety-seven of the hundred referrals were screened.", 3),
    ("Nine and a half per cent of the 42 children were in secure care.", 4),
    ("Of the 42 children placed out of area, nine and a half per cent were in secure care.", 4),
    ("III children were placed in secure care.", 3),
    ("\u2162 children were placed in secure care.", 3),
    ("312 referrals. There were 309 screenings.", 3),
    ("A brace of children absconded.", 2),
    ("Secure placements: III.", 3),
    ("No complaints were upheld, with the exception of a single one.", 1),
    ("Screening: 997 / 1000.", 3),
    # the fifth attacker's (ATTACK-5 finding 4): two counts with a noun after the first, a change by a percentage
    # to a figure or said after it, two snapshots at two dates
    ("We placed 28 children in foster care outside the region this year and 25 last year.", 3),
    ("We placed 12 children this year against 15 last year.", 3),
    ("We placed 12 children in 2023/24 and 15 in 2022/23.", 3),
    ("The child protection register rose 7.5% to 43 children during the autumn.", 3),
    ("Registrations fell 7% to 40.", 3),
    ("Registrations fell by 2.5% to 39.", 1),
    ("Registrations were 43, a 7.5% increase.", 3),
    ("43 children were on the register, 7.5% more than last year.", 3),
    ("The register stood at 43 at 31 March 2024 and 40 at 31 March 2023.", 3),
    # ATTACK-5 finding 7: people listed by their ages, two people named together, ordinals, a tally said anywhere
    ("Young people aged 14, 15 and 16 were placed in secure care during the year.", 3),
    ("Brothers aged 14 and 15 were placed in secure care.", 2),
    ("Girls aged 14, 15 and 15 were placed in secure care in May.", 3),
    ("A boy and a girl from the same family were placed in residential care in Glasgow.", 2),
    ("In March we made our fourth secure placement of 2023/24.", 4),
    ("Secure care was used for the third time this year in January.", 3),
    ("Children in secure care x3.", 3),
    ("Secure placements trebled from last year's one.", 3),
]


@pytest.mark.parametrize("text,n", ATTACKS)
def test_each_published_attack_is_found(text, n):
    assert small_numbers_in(text), text


@pytest.mark.parametrize("text,n", ATTACKS)
def test_each_attack_is_withheld_from_a_public_narrative(text, n):
    md = f"Justice social work met most of its timescale measures.\n\n{text}\n\nThe service continues.\n"
    out, withheld = public_narrative(md)
    # named by the line the passage is on, as check-public names it (ANALYST-4 #13): its paragraph's lines
    assert [line for line, _ in withheld] == [narrative_findings(md)[0][0]], text
    assert 3 <= withheld[0][0] <= 3 + text.count("\n"), text
    assert text not in out and "example.org" not in out and "The service continues." in out


# the same words around figures that count no one, as the demo narratives write them
NOT_ATTACKS = [
    "In May one of our teams moved.",
    "A child's plan is reviewed within 6 weeks.",
    "Every child who is looked after has a named worker.",
    "The death of a child is always reviewed under the national guidance.",
    "If a young person is placed out of area, their social worker visits monthly.",
    "See [the Care Inspectorate report](https://www.careinspectorate.com/reports/2022-23/annual.pdf).",
    "See [the statistics](https://www.gov.scot/publications/children-social-work-statistics-2022-23/).",
    "No complaint was upheld.",
    "Nil returns were made for Q1.",
    "We reviewed the one in May.",
    "Of the 1,200 staff, 45% work in adult services.",
    "Spending rose 3.1% from £41 million last year.",
    "18 young people placed out of area, down from 27 (a reduction of 9, 33%).",
    ("Of the 42 looked after children placed out of area, 9.5% were in secure care.", 4),
    ("Of the 92 complaints this year, 3.3% were escalated to Stage 2.", 3),
    ("The service had 42 looked after children placed out of area.\n9.5% were in secure care.", 4),
    ("Registrations increased 7.3% from 41 last year.", 3),
    ("The register has 44 children on it, up from last quarter's 41.", 3),
    "In 2023/24 the service grew.",
    "In September we launched a new carer recruitment campaign.",
    "In May we appointed a new service manager.",
    "If a young person is placed out of area in May, their social worker visits.",
    "Reviews are held once a year.",
    "Once the plan is agreed, it is reviewed.",
    "See Part III of the Act.",
    "Schedule IV children's hearings rules apply.",
    "The strategy has 6 priorities. It sets out 8 outcomes for children.",
    "This year 120 staff were trained.",
    "Hundreds of children were supported.",
    "In 2023 fifty per cent of staff completed training.",
    "Spend rose 7.5% to 43 million.",
    "Referrals rose 12% to 560.",
    "We were placed 12 out of 32 councils.",
    "Young people aged 16 and 17 are eligible for aftercare.",
    "Services for people aged 65 and over were reviewed.",
    "Our third annual report was published.",
    "We worked with the Third Sector organisations in the area.",
    "No complaints were upheld, but twelve were withdrawn.",
    "Recommendations: see Part III.",
]


@pytest.mark.parametrize("text", NOT_ATTACKS)
def test_the_same_forms_around_figures_that_count_no_one_are_left_alone(text):
    assert small_numbers_in(text) == [], text


def test_a_cleared_phrase_clears_its_own_finding_only():
    md = '---\ncleared:\n  - "Of the 45 children referred"\n---\n\nOf the 45 children referred, 43 were accepted.\n'
    out, withheld = public_narrative(md)
    assert [line for line, _ in withheld] == [6] and "43 were accepted" not in out
    # a phrase whose own finding the officer cleared is published, its paragraph's other counts still checked
    md = '---\ncleared:\n  - "one of our two secure units"\n---\n\nWe used one of our two secure units.\n'
    assert public_narrative(md)[1] == []
    md = md.replace("units.", "units; of the 45 children referred, 43 were accepted.")
    assert [line for line, _ in public_narrative(md)[1]] == [6]


def test_a_table_in_html_with_blank_lines_between_its_rows_is_one_paragraph():
    md = "Intro.\n\n<table>\n<tr><td>Q1</td><td>41</td></tr>\n\n<tr><td>Q2</td><td>44</td></tr>\n</table>\n\nEnd.\n"
    out, withheld = public_narrative(md)
    assert [line for line, _ in withheld] == [3] and "44" not in out and "End." in out


def _data(tmp_path, text):
    from tests.conftest import make_data

    d = make_data(tmp_path / "d", [{}], [{"measure": "m0", "period": "2021-22-Q1", "numerator": "90",
                                          "denominator": "100"}])  # fmt: skip
    f = d / "narrative" / "alpha" / "2021-22" / "performance.md"
    f.parent.mkdir(parents=True)
    f.write_text(f"The service continues.\n\n{text}\n")
    return d


@pytest.mark.parametrize(
    "text",
    [
        "Registrations increased 7.3% from 41 last year.",
        "Of the 42 looked after children placed out of area, 9.5% were in secure care.",
        "Screening rate: 19/21.",
        "A 15-year-old girl was placed in secure care in May.",
        "See [the review](https://example.org/reviews/secure-placements-3-children).",
        "Police arrested a looked after child in July.",
        "Nine and a half per cent of the 42 children were in secure care.",
        "312 referrals. There were 309 screenings.",
        "III children were placed in secure care.",
    ],
)
def test_check_public_strict_exits_2_naming_the_narrative_file_line_and_text(tmp_path, text):
    d = _data(tmp_path, text)
    r = CliRunner().invoke(main, ["check-public", "--council", "alpha", "--period", "2021-22-Q1", "--strict",
                                  "--data", str(d)])  # fmt: skip
    assert r.exit_code == 2, r.output
    assert "narrative/alpha/2021-22/performance.md, line 3" in r.output and "Traceback" not in r.output
    assert "withheld from public reports until reworded or cleared" in r.output


def test_check_public_strict_exits_2_for_a_sentence_a_cleared_phrase_is_in(tmp_path):
    d = _data(tmp_path, "Of the 45 children referred, 43 were accepted.")
    f = d / "narrative" / "alpha" / "2021-22" / "performance.md"
    f.write_text('---\ncleared:\n  - "Of the 45 children referred"\n---\n\n' + f.read_text())
    r = CliRunner().invoke(main, ["check-public", "--council", "alpha", "--period", "2021-22-Q1", "--strict",
                                  "--data", str(d)])  # fmt: skip
    assert r.exit_code == 2, r.output
    assert "performance.md, line 8: ...Of the 45 children referred, 43 were accepted...." in r.output
    assert "(cleared by an officer)" not in r.output


def test_check_public_says_a_sentence_describes_one_person(tmp_path):
    d = _data(tmp_path, "The death of a looked after child in July is subject to a review.")
    r = CliRunner().invoke(main, ["check-public", "--council", "alpha", "--period", "2021-22-Q1", "--strict",
                                  "--data", str(d)])  # fmt: skip
    assert r.exit_code == 2, r.output
    assert "performance.md, line 3: ...describes one person: The death of a looked after child in July" in r.output


def test_a_public_run_lists_a_sentence_about_one_person_as_describing_one_person(tmp_path):
    from swlib.loading import load
    from swlib.publishing import withheld

    d = _data(tmp_path, "A 15-year-old girl was placed in secure care in May.")
    found = withheld(load(d), "annual", "alpha", "2021-22")
    assert [(f["row"], f["reason"]) for f in found if "performance.md" in f["file"]] == [(3, "describes one person")]


def test_a_comment_giving_a_percentage_of_its_own_count_is_named_by_check_public(tmp_path):
    from tests.conftest import make_data

    d = make_data(tmp_path / "d", [{}], [{"measure": "m0", "period": "2021-22-Q1", "numerator": "90",
                                          "denominator": "100",
                                          "comment": "Of the 92 complaints this year, 3.3% were escalated to Stage 2."}])  # fmt: skip
    r = CliRunner().invoke(main, ["check-public", "--council", "alpha", "--period", "2021-22-Q1", "--strict",
                                  "--data", str(d)])  # fmt: skip
    assert r.exit_code == 2, r.output
    assert (
        "observations.csv, row 2, column 'comment': ...Of the 92 complaints this year, 3.3% were escalated" in r.output
    )


@pytest.mark.parametrize(
    "text",
    [
        # ATTACK-6 finding 2: near variants of "rose 7.5% to 43" (from 40: 3 joined) and "for a second time"
        "The register increased by 7.5 percent, reaching 43 children.",
        "Registrations reached 43, up 7.5% on last year.",
        "Registrations reached 43 (+7.5%).",
        "Registrations reached 43 (up 7.5%).",
        "Registrations rose 7.5 per cent, to 43.",
        "Registrations rose by 7.5% and now stand at 43.",
        "This was the second occasion this year that secure care was used.",
    ],
)
def test_attack6_near_variants_of_a_change_by_a_percentage_and_an_ordinal_are_found(text):
    assert small_numbers_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Staff numbers reached 1,200, up 5% on last year.",
        "Spending reached 43 million, up 7.5%.",
        "Attendance was 95%, up 2% on last year.",
    ],
)
def test_a_large_figure_up_by_a_percentage_counts_no_small_change(text):
    assert not small_numbers_in(text)


@pytest.mark.parametrize(
    "text",
    [
        # ATTACK-6 finding 2: two ages of young people placed: 2 young people, with their ages
        "Young people aged 15 and 16 were placed in secure care.",
        "The young people placed in secure care were aged 15 and 16.",
        "They were placed in secure care (aged 15 and 16).",
    ],
)
def test_attack6_two_ages_of_people_placed_are_found(text):
    assert small_numbers_in(text)


def test_two_ages_that_bound_a_band_count_no_one():
    for text in ("Young people aged 16 and 17 were offered 20 places.", "Services for young people aged 16 and 17."):
        assert not small_numbers_in(text), text


@pytest.mark.parametrize(
    "text",
    [
        # ATTACK-6 finding 2: a change by a fraction in words to a figure gives the figure before, and the change
        "Numbers on the register fell by a tenth to 36.",  # from 40: 4 left
        "Numbers on the register rose by a tenth to 44.",  # from 40: 4 joined
        "Numbers on the register rose by ten per cent to 44.",
        "Registrations rose by a quarter to 15.",  # from 12: 3
    ],
)
def test_attack6_a_change_by_a_fraction_in_words_is_found(text):
    assert small_numbers_in(text)


def test_a_change_by_a_fraction_in_words_of_a_large_figure_counts_no_small_change():
    for text in (
        "Registrations rose by a quarter to 150.",
        "Registrations fell by half to 6.",
        "The rate fell by a tenth to 36.",
    ):
        assert not small_numbers_in(text), text
