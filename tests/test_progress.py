"""Progress fit for where it runs: a bar naming each report on a terminal, plain lines in a log."""

import io
from types import SimpleNamespace

from swlib.progress import Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def outcome(key, status="ok", seconds=5.84):
    return SimpleNamespace(job=SimpleNamespace(key=key), status=status, seconds=seconds)


def test_in_a_log_each_report_is_one_plain_line():
    log = io.StringIO()
    with Progress(2, stream=log) as p:
        p.done(outcome("dundee-city/2016-17/annual"))
        p.done(outcome("fife/2016-17/annual", "failed", 0.5))
    assert log.getvalue() == (
        "[1/2] rendered dundee-city/2016-17/annual in 5.8 s\n[2/2] FAILED fife/2016-17/annual in 0.5 s\n"
    )


def test_on_a_terminal_a_bar_and_each_report_named_as_it_finishes_with_its_time():
    term = Terminal()
    with Progress(2, stream=term) as p:
        p.done(outcome("dundee-city/2016-17/annual"))
        shown = term.getvalue()
        assert "[1/2] rendered dundee-city/2016-17/annual in 5.8 s\n" in shown
        assert "rendering: 1/2 reports |" in shown.rsplit("\r", 1)[-1]  # the bar, below the line
        p.done(outcome("dundee-city/2016-17/annual-public", seconds=3.0))
    assert "[2/2] rendered dundee-city/2016-17/annual-public in 3.0 s" in term.getvalue()
    assert "rendering: 2/2 reports" in term.getvalue() and "report/s" not in term.getvalue()


def test_nothing_to_render_shows_nothing_and_no_empty_bar():
    term = Terminal()
    Progress(0, stream=term).close()
    assert term.getvalue() == ""  # not "0report": the batch's summary says in one line that all were unchanged


def test_quiet_shows_nothing():
    log = io.StringIO()
    with Progress(3, enabled=False, stream=log) as p:
        p.done(outcome("dundee-city/2016-17/annual"))
    assert log.getvalue() == ""
