"""The demo data set is the demo script's output: ``scripts/make_demo_data.py`` rebuilds every CSV
it writes byte for byte, so that a hand edit to ``data/`` is either made in the script too or
caught here (it would be lost the next time the script runs)."""

import shutil
import subprocess
import sys

from tests.conftest import ROOT

WRITTEN = ["councils", "measures", "targets", "observations", "actions", "finance", "workforce", "inspections"]


def test_the_demo_script_rebuilds_the_committed_data_exactly(tmp_path):
    (tmp_path / "scripts").mkdir()
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "scripts" / "make_demo_data.py", tmp_path / "scripts")
    shutil.copy(ROOT / "data" / "benchmarks.csv", tmp_path / "data")  # the real LGBF panel it reads
    run = subprocess.run([sys.executable, str(tmp_path / "scripts" / "make_demo_data.py")], capture_output=True,
                         text=True, timeout=120)  # fmt: skip
    assert run.returncode == 0, run.stderr
    differ = [name for name in WRITTEN
              if (tmp_path / "data" / f"{name}.csv").read_bytes() != (ROOT / "data" / f"{name}.csv").read_bytes()]  # fmt: skip
    assert differ == [], f"data/ differs from what scripts/make_demo_data.py writes: {differ}"
