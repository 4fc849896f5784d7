"""A narrative passage that restates a measure's figures printed in the same public report."""

import swlib
from swlib.narrative import section
from swlib.printed import restates_printed
from swlib.publishing import narrative_passages, printed_series
from tests.conftest import ROOT

PASSAGE = (
    "In 2016-17, there were a total of 40 recorded violent incidents against Social Work staff compared with 41 "
    "recorded incidents the year before. While the number appears consistent there has been an increase."
)


def test_dundees_violence_passage_restates_the_workforce_tables_figures_and_is_printed(demo):
    """Dundee's public annual 2016/17: the passage says 40 and 41, the table below it prints 41
    (2015/16) and 40 (2016/17) for the same measure; the difference (1) is on the page anyway."""
    printed = printed_series(demo, "dundee-city", "2016-17")
    assert frozenset({40.0, 41.0}) in printed
    assert restates_printed(PASSAGE, printed)
    html = str(section(ROOT / "data", "dundee-city", "2016-17", "workforce", "public"))
    assert "a total of 40 recorded violent incidents against Social Work staff compared with 41" in html
    assert "withheld" not in html
    said = narrative_passages(demo, "dundee-city", "2016-17", 1, 4, public=True)
    assert not [p for p in said if "workforce.md" in p["file"]]
    # the complaints passage ("the number of complaints is small") is still withheld: nothing printed says it
    assert [p for p in said if "complaints.md" in p["file"]]


def test_a_passage_saying_more_than_the_printed_figures_is_still_withheld(demo):
    printed = printed_series(demo, "dundee-city", "2016-17")
    for said in (
        "There were 40 incidents; 38 were reported to police.",  # a figure the page does not print
        "Of the 41 incidents last year, 40 were reported.",  # a part of a whole: 1 not reported
        "40 out of 41 incidents in 2016-17 were reported.",
        "There were 40 incidents, compared with 41 last year, and 3 staff were injured.",  # a small count besides
        "There were 40 incidents compared with forty-three the year before.",  # a figure in words
        "There were 40 incidents and 41 reports.",  # not a change over time
    ):
        assert not restates_printed(said, printed), said
    assert not restates_printed(PASSAGE, [frozenset({40.0})])  # 41 is not printed
    assert printed_series(swlib.load(ROOT / "data"), "dundee-city", "2016-17") == printed
