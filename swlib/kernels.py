"""Kernels that run report notebooks: started early, warmed once, reused with a clean state.

A report is executed by papermill in a Jupyter kernel. Starting a kernel and importing pandas,
matplotlib and swlib in it costs more than most of a report's own work, so:

- a single ``swreport run`` starts its kernel, and the kernel's imports, before the parent
  checks the data, and the two proceed side by side;
- a batch worker keeps one kernel and runs report after report in it. Before each report the
  kernel is put back to the state a new kernel has (``fresh_state``, run in the kernel): an
  empty namespace and execution count, pandas' options, matplotlib's settings and figures,
  numpy's error and print settings, warnings filters, environment, working folder and import
  path as they were when the kernel had just started. A report renders to the same bytes in a
  reused kernel as in a new one (tests/test_kernels.py proves it).
- a kernel that dies, or runs a cell longer than the time allowed, is killed and replaced:
  only that report fails.

The parent-side pieces (``KernelSession``) import jupyter_client on use; the kernel-side
functions (``warm_up``, ``fresh_state``) import nothing of it.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time
import types
import uuid
import warnings
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError
from .reports import NOTEBOOKS  # where the report notebooks are, and their kernels run

# jupyter_client, numpy and pandas are imported in the functions that use them: the CLI's start (--help,
# the unchanged re-run) imports this module, and the functions of the kernel run only there

# a cell that runs longer than this is taken for a hung kernel (SWREPORT_CELL_TIMEOUT overrides)
CELL_TIMEOUT = 600.0
# what a report's first cell imports anyway; a warm kernel imports it once. Not matplotlib: no
# report draws with it (0.13 s of CPU a kernel); an analyst's cell may, and its settings as that
# import left them are noted then (``_NoteMatplotlib``) for fresh_state to put back. Not
# scipy.special (0.2 s of CPU, with numpy's f2py and testing it pulls in): the confidence intervals
# take the usual z from a table (``stats.Z``); a report that needs it names it (``Report.kernel_imports``)
WARM_MODULES = (
    "pandas", "numpy", "swlib", "swlib.charts", "swlib.trends", "swlib.views", "swlib.templating",
    "swlib.config", "swlib.national", "swlib.loading", "swlib.briefing", "swlib.notebook_view",
)  # fmt: skip


def cell_timeout() -> float:
    value = os.environ.get("SWREPORT_CELL_TIMEOUT")
    try:
        return float(value) if value else CELL_TIMEOUT
    except ValueError:
        raise ConfigError(f"SWREPORT_CELL_TIMEOUT: found {value!r}; expected a number of seconds") from None


# --- in the kernel ----------------------------------------------------------------------------
_START: dict = {}


def warm_up(modules=WARM_MODULES) -> None:
    """Run once in a new kernel: import what reports use, and note the state a new kernel has
    (after those imports, which a report's first cell would make anyway)."""

    for name in modules:
        importlib.import_module(name)
    import numpy as np

    _START.update(
        np_err=np.geterr(), np_print=np.get_printoptions(),
        warnings=list(warnings.filters), environ=dict(os.environ), cwd=os.getcwd(), path=list(sys.path),
    )  # fmt: skip
    if "matplotlib" in sys.modules:
        _note_matplotlib(sys.modules["matplotlib"])
    else:
        sys.meta_path.insert(0, _NoteMatplotlib())
    # what the kernel holds now lives as long as it does: the garbage collector's full passes (one
    # in every reset, 0.05 s of CPU with pandas and swlib loaded, and those during the cells) no
    # longer walk it
    gc.freeze()


def _note_matplotlib(module) -> None:
    _START["rc"] = dict(module.rcParams)


class _NoteMatplotlib:
    """An import hook for a kernel that has not imported matplotlib: its settings, as a new
    kernel's import of it leaves them, are noted the first time a report imports it."""

    def find_spec(self, name, path=None, target=None):
        if name != "matplotlib":
            return None
        sys.meta_path.remove(self)  # once; the import itself is the usual one
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.loader is not None:
            exec_module = spec.loader.exec_module

            def exec_and_note(module):
                exec_module(module)
                _note_matplotlib(module)

            spec.loader.exec_module = exec_and_note
        return spec


def _no_collection(generation: int = 2) -> int:
    return 0


def fresh_state(env: dict | None = None) -> None:
    """Run in a warm kernel before each report: put back the state ``warm_up`` noted, so the
    report cannot see anything the one before it did."""

    import numpy as np
    import pandas as pd
    from IPython import get_ipython

    if not _START:
        raise RuntimeError("fresh_state() before warm_up(): this kernel was not started by swreport")
    shell = get_ipython()
    if shell is not None:
        # namespace, output cache, execution count back to 1; without the full collection IPython's
        # reset ends with (gc.collect in DisplayHook.flush: 0.025 s of CPU a report, walking what the
        # reports before left in caches), for garbage the collector's own passes free (three full
        # passes in fourteen reports of a batch kernel, against one in each)
        collect, gc.collect = gc.collect, _no_collection
        try:
            shell.reset(new_session=True)
        finally:
            gc.collect = collect
    if "matplotlib.pyplot" in sys.modules:
        plt = sys.modules["matplotlib.pyplot"]
        plt.close("all")
        if plt.get_backend() != _START["rc"]["backend"]:
            plt.switch_backend(_START["rc"]["backend"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if "rc" in _START:  # matplotlib imported (by a report: the kernel does not)
            dict.update(sys.modules["matplotlib"].rcParams, _START["rc"])
        pd.reset_option("all")  # swlib sets none at import: a new kernel has pandas' defaults
    np.seterr(**_START["np_err"])
    np.set_printoptions(**_START["np_print"])
    warnings.filters[:] = _START["warnings"]
    getattr(warnings, "_filters_mutated", lambda: None)()  # forget which warnings were shown
    os.environ.clear()
    os.environ.update(_START["environ"])
    os.environ.update(env or {})
    os.chdir(_START["cwd"])
    sys.path[:] = _START["path"]


# --- in the parent ----------------------------------------------------------------------------
def run_dir() -> Path:
    """This process's scratch folder (kernel sockets, the notebook being executed); folders left
    by processes that were killed are removed."""

    base = Path(tempfile.gettempdir())
    mine = base / f"swreport-run-{os.getpid()}"
    if not mine.exists():
        for old in base.glob("swreport-run-*"):
            pid = old.name.rsplit("-", 1)[-1]
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(old, ignore_errors=True)
        mine.mkdir(mode=0o700, exist_ok=True)
    return mine


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@lru_cache(maxsize=1)
def kernel_manager_class():
    """Kernels talk over IPC sockets with unique paths: parallel kernels never race for a TCP
    port. The clients papermill makes for each report are noted, so a session can close them."""
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import CaselessStrEnum

    class IPCKernelManager(AsyncKernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            # a socket path of its own (the default, "kernel-ipc" in the working folder, is shared)
            self.ip = str(run_dir() / f"kernel-{uuid.uuid4().hex[:12]}")
            self.clients = []
            self.next_client = None

        def client(self, **kwargs):
            if self.next_client is not None and not kwargs:  # papermill's: connected already
                kc, self.next_client = self.next_client, None
            else:
                kc = super().client(**kwargs)
            self.clients.append(kc)
            return kc

        def connect_next_client(self) -> None:
            """Connect the client papermill will ask for next, while the kernel boots or resets:
            its sockets are then subscribed when papermill waits for the kernel to be ready (a
            new client's first kernel_info round often misses IOPub, and waits 0.2 s to retry).
            Its heartbeat thread is left to papermill's start_channels (a thread starts once)."""
            if self.next_client is None:
                kc = super().client()
                kc.start_channels(shell=True, iopub=True, stdin=True, hb=False, control=True)
                kc.wait_for_ready = types.MethodType(_ready_now, kc)
                self.next_client = kc

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            # the kernel's own log lines (shutdown notices) are not the reader's business; errors
            # inside cells still come back through the notebook
            kw.setdefault("stdout", subprocess.DEVNULL)
            kw.setdefault("stderr", subprocess.DEVNULL)
            return await super()._async_launch_kernel(kernel_cmd, **kw)

    return IPCKernelManager


async def _ready_now(kc, timeout: float | None = None) -> None:
    """``wait_for_ready`` for a client connected in advance, without jupyter_client's last step:
    0.2 s of IOPub silence awaited on every call (a report's fixed cost). The kernel answers a
    kernel_info request on the shell channel and then says it is idle, about that request, on
    IOPub: once that status has come, both channels are connected and nothing of the report's
    output can be missed. If either does not come in time, jupyter_client's own wait decides."""
    from jupyter_core.utils import ensure_async

    limit = min(timeout or 10.0, 10.0)
    deadline = time.monotonic() + limit
    msg_id = kc.kernel_info()
    try:
        while True:
            reply = await ensure_async(kc.shell_channel.get_msg(timeout=max(deadline - time.monotonic(), 0.01)))
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        while True:
            msg = await ensure_async(kc.iopub_channel.get_msg(timeout=max(deadline - time.monotonic(), 0.01)))
            if (
                msg["parent_header"].get("msg_id") == msg_id
                and msg["msg_type"] == "status"
                and msg["content"].get("execution_state") == "idle"
            ):
                break
    except queue.Empty:
        return await type(kc).wait_for_ready(kc, timeout=timeout)
    kc._handle_kernel_info_reply(reply)


class KernelSession:
    """One kernel for one report or many, in the folder the notebooks run in.

    ``start()`` returns at once: the kernel boots and imports ``WARM_MODULES`` while the caller
    does other work. ``prepare(env)`` waits for that, or for ``fresh_state`` between reports, and
    returns the kernel manager to hand papermill. ``close()`` stops the kernel (and discards one
    that died or hung: the next ``prepare`` starts a new one).
    """

    def __init__(self, cwd: Path | None = None, timeout: float | None = None, imports: tuple[str, ...] = ()):
        self.cwd = Path(cwd) if cwd is not None else NOTEBOOKS
        self.imports = tuple(imports)  # imported in the warm-up beside WARM_MODULES (the report's own)
        self.timeout = timeout if timeout is not None else cell_timeout()
        self.km = None
        self.reports = 0  # reports run in the current kernel
        self._pending = None  # (message id, what it does) of the warm-up or a reset, until its reply is read
        self._env = {}  # the environment the last report was given
        self._reset_for = None  # the environment of a reset sent as the last report ended
        self._kc = None

    # the kernel's history is not kept: papermill kernels are not for recall, and it saves a
    # database write per cell
    ARGS = ("--HistoryManager.enabled=False",)

    def start(self) -> KernelSession:
        from jupyter_core.utils import run_sync

        if self.km is not None:
            return self
        km = kernel_manager_class()(kernel_name="python3")
        run_sync(km.start_kernel)(cwd=str(self.cwd), env=dict(os.environ), extra_arguments=list(self.ARGS))
        self.km, self.reports = km, 0
        # a session id of its own: papermill's clients use the manager's, and replies go to the
        # socket that connected last with an id
        session = km.session.clone()
        session.session = uuid.uuid4().hex
        self._kc = km.client(session=session)
        self._kc.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        warm = f"import swlib.kernels as _k\n_k.warm_up(_k.WARM_MODULES + {self.imports!r})\ndel _k"
        self._pending = (self._kc.execute(warm, silent=True, store_history=False), "starting the report kernel")
        self._reset_for = None
        km.connect_next_client()
        return self

    def prepare(self, env: dict | None = None):
        """The kernel manager of a kernel ready for the next report (started if need be)."""
        for attempt in (1, 2):  # a kernel that fails to warm up gets one replacement
            self.start()
            try:
                self.km.connect_next_client()  # it connects while the kernel warms up or resets
                if self._pending is not None:
                    self._reply(*self._pending)
                    self._pending = None
                if self.reports and self._reset_for != (env or {}):  # not reset already (after_report)
                    code = f"import swlib.kernels as _k\n_k.fresh_state({env or {}!r})"
                    self._reply(self._kc.execute(code, silent=True, store_history=False), "resetting the kernel")
                elif env:
                    code = f"import os\nos.environ.update({env!r})\ndel os"
                    self._reply(self._kc.execute(code, silent=True, store_history=False), "setting up the kernel")
                self._env, self._reset_for = env or {}, None
                self.reports += 1
                return self.km
            except RuntimeError:
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _reply(self, msg_id: str, doing: str) -> None:
        """Wait for the kernel's reply to ``msg_id``; a RuntimeError if the kernel dies, hangs
        (no reply within the timeout) or the code failed."""

        from jupyter_core.utils import run_sync

        deadline = time.monotonic() + self.timeout
        while True:
            try:
                msg = run_sync(self._kc.get_shell_msg)(timeout=1)
            except queue.Empty:
                if not run_sync(self.km.is_alive)():
                    raise RuntimeError(f"the kernel died while {doing}") from None
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the kernel did not answer within {self.timeout:g} s while {doing}") from None
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                break
        content = msg["content"]
        if content.get("status") != "ok":
            raise RuntimeError(f"{doing}: {content.get('ename')}: {content.get('evalue')}")

    def after_report(self) -> None:
        """Close the clients papermill opened on this kernel for the report just run. A kernel
        that has run two reports is a batch worker's: it is reset at once, while the parent
        exports and writes this report (``prepare`` waits for it, and resets again only if the
        next report's environment differs); a single run's kernel is not."""
        if self.km is None:
            return
        for kc in self.km.clients:
            if kc is not self._kc:
                kc.stop_channels()
        self.km.clients = [self._kc]
        if self.reports >= 2 and self._pending is None:
            code = f"import swlib.kernels as _k\n_k.fresh_state({self._env!r})"
            self._pending = (self._kc.execute(code, silent=True, store_history=False), "resetting the kernel")
            self._reset_for = self._env

    def close(self) -> None:
        from jupyter_core.utils import run_sync

        km, self.km, self._pending, self._reset_for = self.km, None, None, None
        if km is None:
            return
        for kc in [*km.clients, *([km.next_client] if km.next_client else [])]:
            kc.stop_channels()
        self._kc = None
        try:  # killed and reaped at once (jupyter_client would poll for its end every 0.1 s)
            process = getattr(km.provisioner, "process", None)
            if process is not None:
                run_sync(km.provisioner.kill)()
                process.wait(timeout=5)
        except Exception:
            pass
        try:
            run_sync(km.shutdown_kernel)(now=True)  # its work is done; nothing to save
        except Exception:
            pass
        try:
            run_sync(km.cleanup_resources)()
        except Exception:
            pass

    def __enter__(self) -> KernelSession:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
