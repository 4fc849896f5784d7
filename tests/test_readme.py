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
