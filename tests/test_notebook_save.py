"""swreport's notebooks saved from JupyterLab as committed: no outputs, the committed kernel."""

import copy
import json
from types import SimpleNamespace

import pytest

from swlib import notebook_save as ns
from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def worked_on(nb: dict) -> dict:
    """A notebook as JupyterLab saves it after a run in another kernel."""
    nb = copy.deepcopy(nb)
    for i, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        cell["outputs"] = [{"output_type": "display_data", "data": {"text/html": "<table>" * 1000}, "metadata": {}}]
        cell["execution_count"] = i + 1
        cell["metadata"]["execution"] = {"iopub.status.busy": "2026-12-01T10:00:00Z"}
    nb["metadata"]["kernelspec"] = {"display_name": ".venv", "language": "python", "name": "venv"}
    nb["metadata"]["language_info"] = {"name": "python", "version": "3.11.2", "mimetype": "text/x-python"}
    return nb


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_run_in_another_kernel_and_saved_is_as_committed(path):
    committed = json.loads(path.read_text())
    saved = ns.stripped(worked_on(committed))
    assert saved == committed  # nothing for git to see
    assert ns.stripped(copy.deepcopy(committed)) == committed


def test_the_hook_strips_swreports_notebooks_only(tmp_path):
    nb = json.loads(NOTEBOOKS[0].read_text())
    ours = {"type": "notebook", "content": worked_on(nb)}
    ns.pre_save_hook(ours, f"notebooks/{NOTEBOOKS[0].name}", SimpleNamespace(root_dir=str(ROOT)))
    assert ours["content"] == nb
    other = {"type": "notebook", "content": worked_on(nb)}
    ns.pre_save_hook(other, "analysis.ipynb", SimpleNamespace(root_dir=str(tmp_path)))  # the analyst's own
    assert any(c.get("outputs") for c in other["content"]["cells"])
    text = {"type": "file", "content": "x"}
    ns.pre_save_hook(text, "notebooks/x.py", SimpleNamespace(root_dir=str(ROOT)))
    assert text == {"type": "file", "content": "x"}


def test_install_enables_the_extension_which_registers_the_hook(tmp_path):
    path = ns.install(tmp_path)
    assert path == tmp_path / "etc" / "jupyter" / "jupyter_server_config.d" / "swreport.json"
    assert json.loads(path.read_text()) == {"ServerApp": {"jpserver_extensions": {"swlib.notebook_save": True}}}
    assert ns._jupyter_server_extension_points() == [{"module": "swlib.notebook_save"}]
    hooks = []
    app = SimpleNamespace(contents_manager=SimpleNamespace(register_pre_save_hook=hooks.append),
                          log=SimpleNamespace(info=lambda *a: None))  # fmt: skip
    ns._load_jupyter_server_extension(app)
    assert hooks == [ns.pre_save_hook]
