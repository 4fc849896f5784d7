"""swlib's import graph, read from the source with ast: no import loop, and the layers run one
way (a module imports from its own layer or the ones below). Imports inside functions count
too: a loop held together by a lazy import is still a loop. And each module imported first in a
fresh interpreter, which catches what reading the source does not (a loop through a package's
``__init__``)."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SWLIB = Path(__file__).resolve().parent.parent / "swlib"

# bottom to top; each module imports only from its own layer and those listed before it
LAYERS = {
    "foundation": "base errors version periods limits rate_bases passage_lines reports statutory shown_text number_words text_windows count_patterns count_readers count_forms figure_said events_listed multiples sentence_counts one_person small_numbers stats xmr sustained shares funnel formatting "
    "progress meanwhile records rows caches template_cache quick_exit",
    "settings, the data contract and files": "cell_text schema config sheets templating writing neutral_csv outputs glossary icons views.wording",
    "data in": "amounts near_counts sheet_names reading rules measure_rules observation_rules year_runs slips statutory_years return_totals undeclared percent_typos public_warnings reference_checks checks dataset loading validate ytd coverage narrative_names",
    "numbers": "published hidden quarter_alone disclosure evidence public_text uncleared prices benchmarking panel national rag targets action_rows status measure_series measure_spc trends briefing narrative findings unchecked publishing "
    "percent_bases workforce printed_text linked whole_parts shared_bases population_rates printed other_rows annual_ready renames",
    "presentation": "charts charts.base charts.metrics charts.svg charts.council charts.trend charts.multiples charts.labels charts.national charts.spc views views.tables views.spc views.no_figures views.performance views.quarterly "
    "views.annual views.annual_page_one views.national views.sources views.tolerance views.issue tables excel return_template performance_workbook lgbf folding merge init notebook_view explorer",
    "running": "scheduling kernels exporting rendering pdf_tree pdf_artifacts pdf_metadata pdf_tags pdf executors batch rerun notebook_save cli cli.group cli.data cli.reports "
    "cli.__main__ __init__ __main__",
}  # fmt: skip
LAYER = {m: i for i, names in enumerate(LAYERS.values()) for m in names.split()}


def _name(path: Path) -> str:
    parts = path.relative_to(SWLIB).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def import_graph() -> dict[str, list[tuple[str, int]]]:
    """{module: [(swlib module it imports, line), ...]}, modules named as in LAYERS."""
    files = {_name(p): p for p in SWLIB.rglob("*.py")}
    graph = {}
    for mod, path in files.items():
        package = list(path.relative_to(SWLIB).parent.parts)  # what `from .` names
        edges = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - (node.level - 1)] + (node.module.split(".") if node.module else [])
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("swlib"):
                base = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:
                target = ".".join([*base, alias.name])  # `from . import reports`: the module itself
                target = target if target in files else ".".join(base) or "__init__"
                if target != mod:
                    edges.append((target, node.lineno))
        graph[mod] = edges
    return graph


def test_every_module_has_a_layer():
    assert sorted(set(import_graph()) - set(LAYER)) == [], "a new module: add it to its layer in LAYERS"


def test_swlib_has_no_import_loop():
    graph = {m: {t for t, _ in edges} for m, edges in import_graph().items()}
    loops, state = [], {}

    def visit(m, path):
        state[m] = "open"
        for t in sorted(graph.get(m, ())):
            if state.get(t) == "open":
                loops.append([*path[path.index(t) :], t])
            elif t not in state:
                visit(t, [*path, t])
        state[m] = "done"

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert loops == []


def imports_up(graph: dict) -> list[str]:
    """Each import that runs back up the layers: "swlib/<module>:<line> imports <module>"."""
    return [f"swlib/{m.replace('.', '/')}:{line} imports {t}" for m, edges in graph.items()
            for t, line in edges if LAYER[t] > LAYER[m]]  # fmt: skip


def test_no_import_runs_back_up_the_layers():
    """The core (data, numbers) never reaches into presentation (``views``, ``charts``) or
    running: what both need moves down a layer (``status.without_figures``, which the briefing
    and the views share)."""
    assert imports_up(import_graph()) == []


def test_an_import_into_the_views_from_the_numbers_is_caught(tmp_path, monkeypatch):
    (tmp_path / "views").mkdir()
    for name in ["status.py", "views/__init__.py", "views/tables.py"]:
        (tmp_path / name).write_text("")
    (tmp_path / "briefing.py").write_text("def view():\n    from .views.tables import without_figures\n")
    monkeypatch.setattr(sys.modules[__name__], "SWLIB", tmp_path)
    assert imports_up(import_graph()) == ["swlib/briefing:2 imports views.tables"]


def private_imports(root: Path) -> list[str]:
    """Each private name (``_name``, not a dunder) one swlib module imports from another:
    "swlib/<path>:<line> imports <module>.<name>"."""
    out = []
    for path in sorted(root.rglob("*.py")):
        package = list(path.relative_to(root).parent.parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.level):
                continue
            base = package[: len(package) - (node.level - 1)] + (node.module.split(".") if node.module else [])
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    out.append(f"swlib/{path.relative_to(root).as_posix()}:{node.lineno} imports "
                               f"{'.'.join(base)}.{alias.name}")  # fmt: skip
    return out


def test_no_module_imports_another_modules_private_name():
    """What another module needs is a public name of the module that owns it (``number_words.small_count``,
    ``public_text.is_cleared``): a ``_name`` is the module's own, free to change without a look elsewhere."""
    assert private_imports(SWLIB) == []


def test_a_private_name_imported_from_another_module_is_caught(tmp_path):
    (tmp_path / "a.py").write_text("def _helper():\n    pass\n")
    (tmp_path / "b.py").write_text("from .a import _helper\nfrom .version import __version__\n")
    assert private_imports(tmp_path) == ["swlib/b.py:1 imports a._helper"]


# modules whose imports wait in the functions that use them by design, said once after their imports
WAITING = {
    "cli.data": "each command imports what it needs when it runs (--help, the unchanged re-run)",
    "cli.reports": "each command imports what it needs when it runs (--help, the unchanged re-run)",
    "kernels": "jupyter_client on a kernel's start; numpy and pandas in the kernel",
    "pdf": "playwright and pikepdf, the optional extra",
    "pdf_tags": "pikepdf, the optional extra",
    "pdf_tree": "pikepdf, the optional extra",
    "pdf_artifacts": "pikepdf, the optional extra",
    "pdf_metadata": "pikepdf, the optional extra",
}


def unexplained_lazy_imports(root: Path) -> list[str]:
    """Imports inside a function that do not say why they wait: no comment on the import, nor on
    the import its group starts with (a blank line apart at most), in a module not in WAITING.
    "swlib/<path>:<line>" for each."""
    out = set()
    for path in sorted(root.rglob("*.py")):
        if ".".join(path.relative_to(root).with_suffix("").parts) in WAITING:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for fn in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            imports = sorted(
                (n for n in ast.walk(fn) if isinstance(n, ast.Import | ast.ImportFrom)), key=lambda n: n.lineno
            )
            said, end = False, -9
            for node in imports:
                commented = any("#" in line for line in lines[node.lineno - 1 : node.end_lineno])
                said = commented or (said and node.lineno - end <= 2)
                end = node.end_lineno
                if not said:
                    out.add(f"swlib/{path.relative_to(root).as_posix()}:{node.lineno}")
    return sorted(out)


def test_each_import_inside_a_function_says_why_it_waits():
    """Imports belong at the top. One waits, inside the function that uses it, only for a reason
    it says: the CLI's start and the unchanged re-run import no pandas or pydantic, a batch
    imports them after its kernels start, an optional extra may be missing."""
    assert unexplained_lazy_imports(SWLIB) == []


def test_an_import_that_waits_without_saying_why_is_caught(tmp_path):
    (tmp_path / "a.py").write_text(
        "import os\n\n\ndef f():\n    import json  # only here: why\n    import re\n\n    from . import b\n"
        "\n\ndef g():\n    import csv\n"
    )
    assert unexplained_lazy_imports(tmp_path) == ["swlib/a.py:12"]


@pytest.mark.parametrize(
    "source, expected",
    [("from .config import where", ["config"]), ("from . import reports", ["reports"]),
     ("def f():\n    from .views.tables import spc_view", ["views.tables"])],
)  # fmt: skip
def test_the_graph_sees_relative_and_lazy_imports(tmp_path, monkeypatch, source, expected):
    for name in ["config", "reports", "__init__"]:
        (tmp_path / f"{name}.py").write_text("")
    (tmp_path / "views").mkdir()
    (tmp_path / "views" / "tables.py").write_text("")
    (tmp_path / "views" / "__init__.py").write_text("")
    (tmp_path / "batch.py").write_text(source)
    monkeypatch.setattr(sys.modules[__name__], "SWLIB", tmp_path)
    assert [t for t, _ in import_graph()["batch"]] == expected


FIRST_IMPORT = """
import importlib, sys, traceback
package, failed = sys.argv[1], []
for name in sys.argv[2:]:
    for m in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
        del sys.modules[m]  # a fresh package: this module is the first of it imported
    try:
        importlib.import_module(name)
    except Exception as e:
        failed.append(f"import {name}: {type(e).__name__}: {e}")
print("\\n".join(failed))
"""


def first_import_failures(package: str, modules: list[str], cwd: Path) -> list[str]:
    """Each module imported first, with nothing of ``package`` imported before it, in one fresh
    interpreter: "import <module>: <error>" for each that fails."""
    names = [package if m == "__init__" else f"{package}.{m}" for m in modules]
    run = subprocess.run([sys.executable, "-c", FIRST_IMPORT, package, *names], cwd=cwd, capture_output=True,
                         text=True, timeout=300)  # fmt: skip
    assert run.returncode == 0, run.stderr
    return [line for line in run.stdout.splitlines() if line]


def test_every_module_imports_first_in_a_fresh_interpreter():
    """What the source reading cannot see: a loop closed through a package's ``__init__``
    (``views``), or a name used before the module that defines it has run. Every swlib module,
    imported first (``__main__`` runs the CLI: not imported)."""
    modules = sorted(m for m in import_graph() if not m.endswith("__main__"))
    assert first_import_failures("swlib", modules, SWLIB.parent) == []


def test_a_loop_through_a_packages_init_fails_the_first_import(tmp_path):
    pkg = tmp_path / "loopy"
    (pkg / "views").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "tables.py").write_text("from .views import page\nWIDTH = 1\n")
    (pkg / "views" / "__init__.py").write_text("from .page import page\n")
    (pkg / "views" / "page.py").write_text("from ..tables import WIDTH\n\ndef page():\n    return WIDTH\n")
    failures = first_import_failures("loopy", ["tables", "views", "views.page"], tmp_path)
    assert [f.split(":")[0] for f in failures] == ["import loopy.tables"]
