"""The parent's work done while a report's kernel runs: results in order, errors raised where
the result is used, and the work really proceeds beside the caller."""

import threading

import pytest

from swlib.errors import ConfigError
from swlib.meanwhile import Meanwhile


def test_results_come_back_in_order():
    later = Meanwhile(lambda: 1, lambda: "two")
    assert later.result(0) == 1 and later.result(1) == "two"


def test_an_error_is_raised_where_its_result_is_used_and_the_rest_still_runs():
    def bad():
        raise ConfigError("settings.yaml: found 'x'; expected a number")

    later = Meanwhile(bad, lambda: "after")
    later.join()  # joining never raises: the caller's own failure comes first
    assert later.result(1) == "after"
    with pytest.raises(ConfigError, match=r"settings\.yaml: found 'x'"):
        later.result(0)


def test_the_work_runs_beside_the_caller():
    started, release = threading.Event(), threading.Event()

    def work():
        started.set()
        assert release.wait(5)
        return threading.current_thread() is not threading.main_thread()

    later = Meanwhile(work)
    assert started.wait(5)  # under way before the caller has asked for anything
    release.set()
    assert later.result() is True
