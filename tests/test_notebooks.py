"""Notebooks as text: every .ipynb is paired with a jupytext percent .py in sync, and committed
notebooks carry no outputs. (The notebooks themselves run in test_rendering and via nbval.)"""

from pathlib import Path

import jupytext
import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))


def test_there_are_four_notebooks():
    assert {p.stem for p in NOTEBOOKS} == {"quarterly_performance", "cswo_annual_report", "explore_measures",
                                            "national_overview"}  # fmt: skip


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_paired_text_file_is_in_sync(path):
    text = path.with_suffix(".py")
    assert text.exists(), f"{path.name} has no paired {text.name}: run jupytext --set-formats ipynb,py:percent {path}"
    nb = nbformat.read(path, as_version=4)
    py = jupytext.read(text)
    assert nb.metadata.get("jupytext", {}).get("formats") == "ipynb,py:percent"
    a = [(c.cell_type, c.source.strip(), sorted(c.metadata.get("tags", []))) for c in nb.cells]
    b = [(c.cell_type, c.source.strip(), sorted(c.metadata.get("tags", []))) for c in py.cells]
    assert a == b, f"{path.name} and {text.name} differ: run jupytext --sync {path}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_notebooks_carry_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: strip outputs (nbstripout)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_has_one_parameters_cell(path):
    nb = nbformat.read(path, as_version=4)
    assert sum("parameters" in c.metadata.get("tags", []) for c in nb.cells) == 1
