"""Events counted by listing them (swlib.events_listed): by quarter or month without a repeated
"in", in order by month, by dates in figures (issue 21, ATTACK-9 #2), and the council wording
beside each that counts no one (schedules, rates, dates, durations)."""

import pytest

from swlib.sentence_counts import small_counts_in
from swlib.small_numbers import small_numbers_in


@pytest.mark.parametrize(
    "text, n",
    [("Secure placements were made in Q1, Q2 and Q4.", 3),
     ("We made secure placements in quarters 1, 2 and 4.", 3),
     ("Secure placements were made in the first, second and fourth quarters.", 3),
     ("A secure placement was made in each of Q1, Q2 and Q3.", 3),
     ("Placements were made in April, June and January.", 3),
     ("Secure placements were made in May and July.", 2),
     ("Every secure placement this year, in May, July and March, was out of area.", 3),
     ("Secure placements: first in May, second in July.", 2),
     ("Placements: 1st in May, 2nd in July.", 2),
     ("Placements this year: once in May and again in July.", 2),
     ("Secure placements were made on 04/06/2023, 18/08/2023 and 02/02/2024.", 3),
     ("Secure placements were made on the 4th and 18th of June.", 2),
     ("A secure placement was made in every quarter of the year.", 4),
     ("We had a secure placement in each of the last three months.", 3),
     ("Our secure unit's fourth admission of the year came in March.", 4)],
)  # fmt: skip
def test_events_listed_by_quarter_month_or_date_are_counted(text, n):
    assert n in [v for _, v in small_counts_in(text)]


@pytest.mark.parametrize(
    "text",
    ["Complaints are reported to committee in May and November.",  # a schedule
     "Case file audits are due in Q1 and Q3.",
     "The service plan was reviewed in April and October.",  # no one counted
     "In April and May we received 312 referrals.",
     "Children were seen in Q1 and Q2 2023 within 10 days on average.",  # an average
     "The re-referral rate rose in Q1, Q2 and Q4.",  # a rate
     "Inspections were carried out on 04/06/2023 and 18/08/2023.",
     "Figures for April to June and July to September were revised.",
     "Placements made between April and June 2023 were reviewed within 72 hours.",
     "Performance is reported to committee in every quarter.",
     "Team meetings were held in each of the last three months.",
     "The unit's first admission of the year came in April.",  # one of how many: no count
     "The council's fourth annual report on social work services is published in March."],
)  # fmt: skip
def test_schedules_rates_and_dates_listed_count_no_one(text):
    assert not small_numbers_in(text)


def _public(text: str) -> str:
    """A narrative paragraph as a public report prints it: word for word, or the note in its place."""
    from swlib.public_text import public_narrative

    return public_narrative(text)[0]


@pytest.mark.parametrize(
    "said",
    ["Secure placements were made in the spring and again in the autumn.",  # 2 at least
     "Secure placements were made in spring, summer and autumn.",  # 3
     "Secure placements were made over the summer and over the winter.",
     "Secure placements: first in spring, second in autumn.",
     "Over the summer, 3 children were placed in secure care.",  # the brief's own: a figure by a season
     "In winter 2 were placed in secure care."],
)  # fmt: skip
def test_events_listed_by_season_are_withheld_in_a_public_report(said):
    # brief attackfix10 #2 (ATTACK-9 #2): a season is a period as a month is
    assert said not in _public(said)


@pytest.mark.parametrize(
    "said",
    ["A secure placement was made each month from January to March.",  # 3
     "A secure placement was made every month from April to July.",  # 4
     "Children were placed in secure care in each month from November to January.",  # 3, over the year's turn
     "A secure placement was made each quarter from Q1 to Q3."],
)  # fmt: skip
def test_events_in_each_month_of_a_short_range_are_withheld_in_a_public_report(said):
    # brief attackfix10 #3: a count a month over a range of months is at least as many as the months
    assert said not in _public(said)


@pytest.mark.parametrize(
    "kept",
    ["A secure placement was made each month from April to March.",  # 12: not small
     "Team meetings were held each month from January to March.",  # no one counted
     "Performance is reported each month from April to June.",  # a schedule
     "Children's hearings are held in spring and autumn.",
     "The winter plan was agreed in spring and reviewed in autumn.",
     "We received 45 referrals over the summer and 60 over the winter.",
     "Over the summer, 30 children were placed in secure care."],
)  # fmt: skip
def test_a_long_range_of_months_schedules_and_large_counts_by_season_are_kept(kept):
    assert _public(kept) == kept
