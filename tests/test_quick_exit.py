"""Leaving without Python's teardown of every module (swlib.quick_exit): everything Python's exit
does before that teardown still happens, and the exit code is the one sys.exit was given."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _leave(tmp_path, body: str) -> subprocess.CompletedProcess:
    head = "import atexit, sys, threading, time\nfrom concurrent.futures import ThreadPoolExecutor\n"
    head += f"from swlib import quick_exit\nout = {str(tmp_path)!r}\n\ndef main():\n"
    tail = "\nquick_exit.run(main)\nprint('not reached')\n"
    script = head + textwrap.indent(textwrap.dedent(body).strip("\n"), "    ") + "\n" + tail
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_the_exit_code_and_the_output_are_those_of_a_plain_exit(tmp_path):
    r = _leave(tmp_path, 'print("report written", end=""); sys.stderr.write("a warning"); sys.exit(3)')
    assert (r.returncode, r.stdout, r.stderr) == (3, "report written", "a warning")
    assert _leave(tmp_path, "pass").returncode == 0
    assert _leave(tmp_path, "sys.exit(None)").returncode == 0
    r = _leave(tmp_path, 'sys.exit("swreport: no such council")')  # as Python: printed, exit 1
    assert (r.returncode, r.stderr.strip()) == (1, "swreport: no such council")


def test_threads_and_exit_functions_finish_before_the_process_leaves(tmp_path):
    r = _leave(
        tmp_path,
        """
        def late(name):
            time.sleep(0.3)
            open(f"{out}/{name}", "w").write("done")

        threading.Thread(target=late, args=("thread",)).start()  # not a daemon: Python waits for it
        ThreadPoolExecutor(1).submit(late, "pool")  # its worker is stopped by the threads' shutdown
        atexit.register(lambda: open(f"{out}/atexit", "w").write("done"))  # kernels are stopped this way
        sys.exit(2)
        """,
    )
    assert r.returncode == 2, r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atexit", "pool", "thread"]


def test_an_error_other_than_an_exit_is_raised_as_usual(tmp_path):
    r = _leave(tmp_path, 'raise RuntimeError("internal")')
    assert r.returncode == 1 and "RuntimeError: internal" in r.stderr and "not reached" not in r.stdout


def test_the_command_line_leaves_with_its_exit_codes():
    run = [sys.executable, "-m", "swlib.cli"]
    ok = subprocess.run([*run, "--help"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert ok.returncode == 0 and "Usage:" in ok.stdout
    bad = subprocess.run([*run, "run", "quarterly", "--period", "2023-24-Q2"], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)  # fmt: skip
    assert bad.returncode == 2 and "the quarterly report needs --council" in bad.stderr


def test_a_sigterm_while_leaving_lets_the_exit_functions_finish_and_prints_no_traceback(tmp_path):
    # the command's work is done (a report written) when the signal lands: the kernels are still
    # stopped, and the exit code is the command's; the command line's handler raises KeyboardInterrupt
    r = _leave(
        tmp_path,
        """
        import os, signal
        def terminate(signum, frame):
            raise KeyboardInterrupt
        signal.signal(signal.SIGTERM, terminate)

        def stop_kernels():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.2)
            open(f"{out}/atexit", "w").write("done")

        atexit.register(stop_kernels)
        """,
    )
    assert (r.returncode, r.stderr) == (0, "")
    assert (tmp_path / "atexit").read_text() == "done"
