"""swreport's notebooks saved from JupyterLab as they are committed: no outputs, no execution
counts, the committed kernel. This module is a Jupyter server extension: ``python -m
swlib.notebook_save`` enables it once in the environment JupyterLab runs in (it writes
``etc/jupyter/jupyter_server_config.d/swreport.json`` there, as an installed extension's package
would; an editable install installs no such file). It registers ``pre_save_hook``, which the
server calls before it writes a notebook. The notebook stays as it is on
screen; only the file loses its outputs (a report's outputs are 440 KB of a diff), so a save
leaves nothing for git to see but the analyst's own edits. Notebooks outside swreport's
``notebooks/`` folder are left alone.

pre-commit's nbstripout does the same on commit, for notebooks saved some other way."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .reports import NOTEBOOKS

# the notebook metadata as committed: a kernel chosen in JupyterLab is not a change to review
COMMITTED = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
CELL_KEYS = ("execution", "ExecuteTime", "collapsed", "scrolled")  # what JupyterLab adds as it runs


def stripped(nb: dict) -> dict:
    """The notebook (nbformat's JSON, as a dict) as it is committed: code cells with no outputs
    and no execution count, the working metadata JupyterLab adds taken off, the committed kernel.
    Changes ``nb`` in place and returns it."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        meta = cell.get("metadata", {})
        for key in CELL_KEYS:
            meta.pop(key, None)
    meta = nb.setdefault("metadata", {})
    meta.pop("widgets", None)
    meta.update({k: dict(v) for k, v in COMMITTED.items()})
    return nb


def is_ours(os_path) -> bool:
    """Whether a file is one of swreport's own notebooks (in its ``notebooks/`` folder)."""
    try:
        return Path(os_path).resolve().is_relative_to(NOTEBOOKS)
    except (OSError, ValueError):
        return False


def pre_save_hook(model: dict, path: str, contents_manager=None, **kwargs) -> None:
    """Jupyter's pre-save hook: strips a notebook of swreport's before it is written."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    root = getattr(contents_manager, "root_dir", None) or "."
    if is_ours(Path(root) / path.lstrip("/")):
        stripped(model["content"])


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "swlib.notebook_save"}]


def _load_jupyter_server_extension(serverapp) -> None:
    """Registers the hook beside any other (``ContentsManager.register_pre_save_hook``)."""
    serverapp.contents_manager.register_pre_save_hook(pre_save_hook)
    serverapp.log.info("swreport: its notebooks are saved without outputs (%s)", NOTEBOOKS)


def install(prefix=None) -> Path:
    """Enables the extension in the environment at ``prefix`` (default: this one) and returns
    the config file written."""
    folder = Path(prefix or sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "swreport.json"
    text = json.dumps({"ServerApp": {"jpserver_extensions": {"swlib.notebook_save": True}}}, indent=2) + "\n"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


if __name__ == "__main__":
    print(f"wrote {install()}: JupyterLab, started again, saves swreport's notebooks without outputs")
