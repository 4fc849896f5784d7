"""The README's promises: two quick-start commands, and CI runs the second."""

import re

from tests.conftest import ROOT


def quick_start():
    text = (ROOT / "README.md").read_text()
    block = re.search(r"## Quick start\s+```sh\n(.*?)```", text, re.S).group(1)
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_exactly_two_commands_render_then_test():
    cmds = quick_start()
    assert len(cmds) == 2
    assert "swreport batch --schedule params/schedule.yaml" in cmds[0]
    assert cmds[1].endswith(".venv/bin/pytest")


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert quick_start()[1] in ci


def test_the_readme_and_guide_say_how_many_measures_page_one_names():
    # the README promised "the five measures most in need of attention"; page 1 names four
    from swlib.briefing import MAX_ATTENTION

    words = {4: "four", 5: "five", 6: "six", 3: "three"}[MAX_ATTENTION]
    for doc in ("README.md", "docs/guide.md"):
        text = " ".join((ROOT / doc).read_text().split())
        said = re.findall(r"the (\w+) measures most in need of attention", text)
        assert said and set(said) == {words}, (doc, said)
