"""Counts said across sentences and paragraphs (swlib.sentence_counts): a paragraph read with the one
before it where it reads on from it, "Of them, 309" after "312 referrals", a heading's figure over the
paragraph under it (issue 21, ATTACK-9 #2), and paragraphs that do not read on."""

from swlib.sentence_counts import counts_said_across


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
