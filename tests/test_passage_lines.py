"""The line a withheld narrative passage is on: check-public and a public run name it alike."""

from swlib.passage_lines import passage_line
from swlib.public_text import narrative_findings, public_narrative
from swlib.uncleared import cleared_narrative

# ANALYST-4 #13: check-public named this "summary.md, line 2" (the line the small number is on),
# 'run --audience public' named it "line 1" (the paragraph's first line)
SUMMARY = (
    "This is my second year as Chief Social Work Officer for Fife. Demand for adult\n"
    "support and protection rose again, and 2 young people were placed in secure care outside Fife.\n"
)


def test_a_public_run_names_the_line_the_small_number_is_on_as_check_public_does():
    assert [n for n, *_ in narrative_findings(SUMMARY)] == [2]
    assert [n for n, _ in public_narrative(SUMMARY)[1]] == [2]
    assert [n for n, *_ in cleared_narrative(SUMMARY)[1]] == [2]


def test_after_front_matter_and_a_heading_the_lines_are_the_files_own():
    text = "---\ncleared: []\n---\n\n# Summary\n\nFirst line here.\nSecond with 3 people.\n\nAnother 2 lines\n"
    found = [n for n, *_ in narrative_findings(text)]
    assert found == [8, 10]
    assert [n for n, _ in public_narrative(text)[1]] == found
    assert [n for n, *_ in cleared_narrative(text)[1]] == found


def test_a_count_said_across_lines_is_named_by_the_paragraphs_first_line():
    block = "Of the 26 children referred,\nmost were seen.\n23 were placed.\n"
    assert passage_line(block, 5, lambda s: ["26 - 23"] if "26" in s and "23" in s else []) == 5
    assert passage_line("\n" + block, 5, lambda s: ["23"] if s.startswith("23") else []) == 7
