"""Counts said across sentences and paragraphs (swlib.sentence_counts): a paragraph read with the one
before it where it reads on from it, "Of them, 309" after "312 referrals", a heading's figure over the
paragraph under it (issue 21, ATTACK-9 #2), and paragraphs that do not read on."""

import pytest

from swlib.sentence_counts import counts_in_sentence, counts_said_across, small_counts_in


def test_a_paragraph_that_refers_back_gives_a_count_with_the_one_before_it():
    said = counts_said_across("We received 312 referrals this year.", "Of them, 309 were screened within 24 hours.")
    assert {v for _, v in said} == {3}
    assert {v for _, v in counts_said_across("We placed 26 children.", "23 of them returned home.")} == {3}


def test_a_headings_figure_gives_a_count_with_the_paragraph_under_it():
    said = counts_said_across("## Referrals received: 312", "Referrals screened within 24 hours: 309.")
    assert {v for _, v in said} == {3}


def test_items_of_a_list_a_blank_line_apart_are_read_as_one_list():
    said = counts_said_across("- Referrals received: 312", "- Referrals screened within 24 hours: 309")
    assert {v for _, v in said} == {3}
    assert counts_said_across("- Referrals received: 312", "- Complaints received: 45") == []


def test_paragraphs_that_do_not_read_on_are_each_their_own():
    # not a heading and no reference back: a reader does not pair the figures of two paragraphs
    assert counts_said_across("We received 312 referrals this year.", "Staff screened 309 within 24 hours.") == []
    assert counts_said_across("## Complaints in 2023-24", "We received 45 complaints at Stage 1.") == []
    assert counts_said_across("## Referrals received: 312", "Of them, 120 were screened within 24 hours.") == []
    # what either says alone is its own finding, not one said across them
    assert counts_said_across("## Referrals", "Of the 45 referrals, 43 were accepted.") == []


def _public(text: str) -> str:
    """A narrative paragraph as a public report prints it: word for word, or the note in its place."""
    from swlib.public_text import public_narrative

    return public_narrative(text)[0]


@pytest.mark.parametrize(
    "said, kept",
    [("A score of referrals were received; seventeen were accepted.",  # 20 less 17: 3 not accepted
      "A score of referrals were received; twelve were accepted."),
     ("Of a score of referrals, eighteen were accepted.", "Of a score of referrals, ten were accepted."),
     ("We received 25 referrals and 23 scored as high risk.",  # people who scored are counted: 2
      "We received 25 referrals and 15 scored as high risk."),
     ("25 young people were assessed. 23 scored above the threshold.",
      "25 young people were assessed. 12 scored above the threshold.")],
)  # fmt: skip
def test_a_score_of_things_and_people_who_scored_are_counts_a_public_report_withholds(said, kept):
    # brief attackfix10 #1 (ATTACK-9 #2): "score" made any sentence one of scores, whose figures count no one
    assert said not in _public(said)
    assert _public(kept) == kept


@pytest.mark.parametrize(
    "text",
    ["The service scored 85 in 2023 and 88 in 2024.",  # a score, then another: no count
     "The average wellbeing score rose from 40 to 43.",
     "Scores on the wellbeing scale rose from 40 to 43 this year.",
     "Children had a score of 30 at the first review and 33 at the second."],
)  # fmt: skip
def test_scores_on_a_scale_are_still_no_counts(text):
    assert _public(text) == text


def test_a_number_in_words_with_hundreds_is_one_figure():
    """ "five hundred and one" was read as 5 and 1: a paragraph saying only that was withheld for
    giving away 4 (5 less 1), and "501 referrals, 498 accepted" in words gave away no 3."""
    assert counts_in_sentence("We received five hundred and one referrals.") == [(501, "referral")]
    assert small_counts_in("We received five hundred and one referrals.") == []
    said = small_counts_in("We received five hundred and one referrals and accepted 498.")
    assert {v for _, v in said} == {3}
    said = small_counts_in("We received two thousand three hundred and twelve referrals and accepted 2,310.")
    assert {v for _, v in said} == {2}


@pytest.mark.parametrize(
    "text",
    [
        "Forty-five of our forty-seven carers were approved again.",
        "Forty-five of the 47 carers were approved again.",
        "Forty-five of all forty-seven carers were approved again.",
    ],
)
def test_a_count_in_words_of_a_count_gives_the_rest_away_as_in_figures(text):
    """ "45 of our 47 carers" gives 2 away; in words it was read as an idiom ("one of the best")."""
    assert {v for _, v in small_counts_in(text)} == {2}
    assert {v for _, v in small_counts_in("45 of our 47 carers were approved again.")} == {2}


@pytest.mark.parametrize("text", ["One of the best services in Scotland.", "Forty-five of our carers were approved."])
def test_a_number_word_of_no_count_is_no_part_of_one(text):
    assert small_counts_in(text) == []
