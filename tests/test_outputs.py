"""Where reports are written, atomic writes, the manifest and the index."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from swlib import ConfigError, outputs
from swlib.outputs import LOCK_NAME, Job, Outcome, acquire, hold, release
from swlib.periods import Period
from swlib.version import __version__

ROOT = Path(__file__).resolve().parent.parent


def test_public_reports_are_written_to_a_public_tree_and_their_notebooks_kept_out_of_it(tmp_path):
    P = Period.parse("2021-22-Q2")
    assert outputs.output_paths("quarterly", "south-lanarkshire", P, "internal", tmp_path) == (
        tmp_path / "south-lanarkshire" / "2021-22-Q2" / "quarterly.html",
        tmp_path / "south-lanarkshire" / "2021-22-Q2" / "quarterly.ipynb",
    )
    html, nb = outputs.output_paths("annual", "dundee-city", Period.parse("2016-17"), "public", tmp_path)
    assert html == tmp_path / "public" / "dundee-city" / "2016-17" / "annual.html"
    assert nb == tmp_path / "dundee-city" / "2016-17" / "annual-public.ipynb"  # it holds the working figures
    # the manifest's key is the same path, without its suffix
    job = Job("annual", "dundee-city", "2016-17", "public", "data", str(tmp_path))
    assert job.key == "public/dundee-city/2016-17/annual"
    assert tmp_path / f"{job.key}.html" == html


def test_outputs_go_to_swreport_out_when_no_folder_is_given(tmp_path, monkeypatch):
    monkeypatch.setenv("SWREPORT_OUT", str(tmp_path / "elsewhere"))
    html, _ = outputs.output_paths("quarterly", "alpha", Period.parse("2021-22-Q1"), "internal", None)
    assert html == tmp_path / "elsewhere" / "alpha" / "2021-22-Q1" / "quarterly.html"


def test_stale_temporaries_go_after_an_hour_and_fresh_ones_stay(tmp_path):
    old, fresh = tmp_path / ".report.html.abc.tmp", tmp_path / ".report.html.def.tmp"
    old.write_text("x")
    fresh.write_text("x")
    os.utime(old, (0, 0))
    outputs.remove_stale_temporaries(tmp_path)
    assert not old.exists() and fresh.exists()


def _job(tmp_path, council="dundee-city", audience="internal", name="Dundee City Council"):
    return Job("annual", council, "2016-17", audience, str(ROOT / "data"), str(tmp_path), name)


def test_the_pdf_printed_from_an_earlier_render_is_found_and_dropped_and_nothing_else(tmp_path):
    from swlib.outputs import drop_printed, printed_before

    html = tmp_path / "quarterly.html"
    html.write_text("new")
    assert printed_before(html) is None and drop_printed(html) is None
    (tmp_path / "quarterly.pdf").write_bytes(b"%PDF old figures")
    (tmp_path / "annual.pdf").write_bytes(b"%PDF another report's")
    assert printed_before(html) == tmp_path / "quarterly.pdf"
    assert drop_printed(html) == tmp_path / "quarterly.pdf"
    assert sorted(f.name for f in tmp_path.iterdir()) == ["annual.pdf", "quarterly.html"]


def test_recording_a_report_enters_it_in_the_manifest_and_links_it_from_the_index(tmp_path):
    html = tmp_path / "dundee-city" / "2016-17" / "annual.html"
    html.parent.mkdir(parents=True)
    html.write_text("<html></html>")
    job = _job(tmp_path)
    outputs.record(tmp_path, [Outcome.rendered(job, 0.0, html)])
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    entry = manifest["reports"]["dundee-city/2016-17/annual"]
    assert entry["status"] == "ok" and entry["html"] == "dundee-city/2016-17/annual.html"
    assert entry["swlib"] == manifest["swlib"] == __version__
    assert entry["council_name"] == "Dundee City Council"
    assert {"councils.csv", "observations.csv", "cswo_annual_report.ipynb"} <= set(entry["inputs"])
    index = (tmp_path / "index.html").read_text()
    assert 'href="dundee-city/2016-17/annual.html"' in index
    assert "CSWO annual report, 2016/17" in index  # the index's name of the report

    # a failure of another report is recorded beside it, the first kept
    other = _job(tmp_path, audience="public")
    outputs.record(tmp_path, [Outcome(other, "failed", 1.0, error="the section 'Finance' could not be built")])
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert list(manifest["reports"]) == ["dundee-city/2016-17/annual", "public/dundee-city/2016-17/annual"]
    assert manifest["reports"]["public/dundee-city/2016-17/annual"]["html"] is None
    assert "failed: the section &#39;Finance&#39; could not be built" in (tmp_path / "index.html").read_text()

    # a skipped report keeps its entry, marked skipped
    outputs.record(tmp_path, [Outcome(job, "skipped", 0.0)])
    entry = json.loads((tmp_path / "manifest.json").read_text())["reports"]["dundee-city/2016-17/annual"]
    assert entry["status"] == "skipped" and entry["html"] == "dundee-city/2016-17/annual.html"


def test_an_unreadable_manifest_is_started_afresh(tmp_path):
    (tmp_path / "manifest.json").write_text("{not json")
    assert outputs.read_manifest(tmp_path) == {"reports": {}}
    (tmp_path / "manifest.json").write_text('{"reports": []}')
    assert outputs.read_manifest(tmp_path) == {"reports": {}}


def test_the_public_tree_has_its_own_index_and_manifest_with_public_reports_only_and_no_local_path(tmp_path):
    internal = tmp_path / "dundee-city" / "2016-17" / "annual.html"
    public = tmp_path / "public" / "dundee-city" / "2016-17" / "annual.html"
    for f in (internal, public):
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("<html></html>")
    outputs.record(tmp_path, [Outcome.rendered(_job(tmp_path), 0.0, internal),
                              Outcome.rendered(_job(tmp_path, audience="public"), 0.0, public)])  # fmt: skip
    index = (tmp_path / "public" / "index.html").read_text()
    assert 'href="dundee-city/2016-17/annual.html"' in index and index.count("href=") == 1
    manifest = (tmp_path / "public" / "manifest.json").read_text()
    assert json.loads(manifest)["reports"]["dundee-city/2016-17/annual"]["html"] == "dundee-city/2016-17/annual.html"
    assert str(tmp_path) not in manifest and str(ROOT) not in manifest and '"data"' not in manifest
    assert sorted(p.name for p in (tmp_path / "public").rglob("*") if p.is_file()) == [
        "annual.html", "index.html", "manifest.json"]  # fmt: skip


def test_writing_through_a_symbolic_link_out_of_the_output_folder_is_refused(tmp_path):
    from swlib.errors import ConfigError

    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "dundee-city").symlink_to(elsewhere)
    html, _ = outputs.output_paths("annual", "dundee-city", Period.parse("2016-17"), "internal", out)
    with pytest.raises(ConfigError, match="leads outside the output folder"):
        outputs.check_target(html, out)
    assert outputs.check_target(out / "fife" / "2016-17" / "annual.html", out)  # an ordinary folder is fine
    linked = tmp_path / "linked-out"
    linked.symlink_to(elsewhere)  # --out itself a link: its target is the output folder
    assert outputs.check_target(linked / "fife" / "annual.html", linked)
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(ConfigError, match="is a file: expected a folder"):
        outputs.check_target(tmp_path / "a-file" / "fife" / "annual.html", tmp_path / "a-file")


# one run at a time in an outputs folder: a second waits or is told which run holds it
HOLDER = """
import sys, time
from swlib.outputs import acquire
acquire(sys.argv[1])
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def other_run(folder, seconds):
    p = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder), str(seconds)], cwd=ROOT, stdout=subprocess.PIPE,
                         text=True)  # fmt: skip
    assert p.stdout.readline().strip() == "held"
    return p


def test_a_second_run_is_told_which_run_holds_the_folder(tmp_path):
    p = other_run(tmp_path, 30)
    try:
        start = time.monotonic()
        with pytest.raises(ConfigError) as e:
            acquire(tmp_path)
        assert time.monotonic() - start < 1  # no wait asked for: at once
        assert f"{tmp_path} is in use by another swreport run (pid {p.pid}, started 20" in str(e.value)
        assert "give --wait SECONDS" in str(e.value)
        info = json.loads((tmp_path / LOCK_NAME).read_text())
        assert info["pid"] == p.pid and info["command"].startswith("-c ")
    finally:
        p.kill()
        p.wait()


def test_a_second_run_waits_for_the_first_to_finish(tmp_path):
    p = other_run(tmp_path, 1.0)
    start = time.monotonic()
    with hold(tmp_path, wait=60):
        assert time.monotonic() - start >= 0.5
        assert json.loads((tmp_path / LOCK_NAME).read_text())["pid"] == os.getpid()
    p.wait()
    assert not (tmp_path / LOCK_NAME).exists()  # released: nobody named as holding it


CHURN = """
import sys
from swlib.outputs import hold
for _ in range(int(sys.argv[2])):
    with hold(sys.argv[1], wait=30):
        pass
"""


def test_the_lock_file_always_names_its_holder_in_full(tmp_path):
    # it was created empty, then filled in after it was locked, and emptied on release: a reader (a
    # second run saying who holds the folder) could find a held folder with no one named
    p = subprocess.Popen([sys.executable, "-c", CHURN, str(tmp_path), "300"], cwd=ROOT)
    seen = 0
    try:
        while p.poll() is None:
            try:
                text = (tmp_path / LOCK_NAME).read_text()
            except FileNotFoundError:
                continue  # free
            info = json.loads(text)
            assert info["pid"] == p.pid and info["started"] and info["command"]
            seen += 1
    finally:
        p.kill()
        p.wait()
    assert seen and not (tmp_path / LOCK_NAME).exists()
    assert [f.name for f in tmp_path.iterdir()] == []  # nothing left beside it


def test_a_wait_is_bounded(tmp_path):
    p = other_run(tmp_path, 30)
    try:
        start = time.monotonic()
        with pytest.raises(ConfigError, match=r"waited 0\.6 s"):
            acquire(tmp_path, wait=0.6)
        assert 0.6 <= time.monotonic() - start < 3
    finally:
        p.kill()
        p.wait()


def test_a_killed_run_leaves_the_folder_free(tmp_path):
    p = other_run(tmp_path, 30)
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert json.loads((tmp_path / LOCK_NAME).read_text())["pid"] == p.pid  # the lock file it left
    with hold(tmp_path):  # the system released its lock with the process: taken over, and named anew
        assert json.loads((tmp_path / LOCK_NAME).read_text())["pid"] == os.getpid()


def test_within_one_process_the_lock_is_reentrant(tmp_path):
    with hold(tmp_path), hold(tmp_path):  # a batch holding its folder writes its manifest
        pass
    acquire(tmp_path)
    release(tmp_path)
    release(tmp_path)  # releasing what is not held is harmless


def test_run_is_refused_while_another_run_holds_the_folder_and_writes_nothing(tmp_path):
    p = other_run(tmp_path, 60)
    try:
        r = subprocess.run([sys.executable, "-m", "swlib.cli", "run", "annual", "--council", "dundee-city", "--period",
                            "2016-17", "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)  # fmt: skip
        assert r.returncode == 2 and "Traceback" not in r.stderr
        assert f"{tmp_path} is in use by another swreport run (pid {p.pid}, started " in r.stderr
        assert [f.name for f in tmp_path.iterdir()] == [LOCK_NAME]
    finally:
        p.kill()
        p.wait()


def test_run_takes_the_wait_its_message_advises_as_batch_does(tmp_path):
    # AUDIT-5 #4: run was told "give --wait SECONDS" and then answered "No such option '--wait'"
    p = other_run(tmp_path, 60)
    try:
        r = subprocess.run([sys.executable, "-m", "swlib.cli", "run", "annual", "--council", "dundee-city", "--period",
                            "2016-17", "--out", str(tmp_path), "--wait", "0.5"], cwd=ROOT, capture_output=True,
                           text=True)  # fmt: skip
        assert r.returncode == 2 and "Traceback" not in r.stderr and "No such option" not in r.stderr
        assert f"swreport: waiting up to 0.5 s for another run using {tmp_path} (pid {p.pid}" in r.stderr
        assert (
            "; waited 0.5 s; run again when it has finished, or give --wait SECONDS to wait for it (run and batch "
            "take it)" in r.stderr
        )
        assert [f.name for f in tmp_path.iterdir()] == [LOCK_NAME]
    finally:
        p.kill()
        p.wait()


def test_the_index_is_titled_by_whose_reports_it_lists_not_by_the_tool(tmp_path):
    html = tmp_path / "fife" / "2016-17" / "annual.html"
    html.parent.mkdir(parents=True)
    html.write_text("<html></html>")
    outputs.record(tmp_path, [Outcome.rendered(_job(tmp_path, "fife", name="Fife Council"), 0.0, html)])
    index = (tmp_path / "index.html").read_text()
    assert "<title>Fife Council: reports</title>" in index and "<h1>Fife Council: reports</h1>" in index
    assert "swreport" not in index.split("<body>")[0].split("<style>")[0]
    rows = [{"who": w} for w in ("Angus Council", "Fife Council", "Angus Council", "Moray Council", "Scotland")]
    assert outputs.index_title(rows) == "Reports for Angus Council, Fife Council and 2 more"
    assert outputs.index_title(rows[:2]) == "Reports for Angus Council and Fife Council"
