"""Relative periods: what ``latest`` and ``previous`` pick on a given date, at the edges of a year."""

import datetime as dt
import json

import pytest

from swlib import ConfigError, DataError, Period, Problem
from swlib.coverage import with_figures
from swlib.scheduling import (
    RunRecord,
    choose,
    first_day_after,
    has_ended,
    is_relative,
    today,
)

QUARTERLY = ["2022-23-Q3", "2022-23-Q4", "2023-24-Q1", "2023-24-Q2", "2023-24-Q3", "2023-24-Q4", "2022-23"]
MONTHLY = [f"{y}-{m:02d}" for y, m in [(2023, 10), (2023, 11), (2023, 12), (2024, 1), (2024, 2), (2024, 3), (2024, 4)]]
ANNUAL = ["2021-22", "2022-23", "2023-24"]


@pytest.mark.parametrize(
    "periods, on, latest, previous",
    [
        (QUARTERLY, dt.date(2024, 3, 31), "2023-24-Q3", "2023-24-Q2"),  # Q4 ends tonight: not yet
        (QUARTERLY, dt.date(2024, 4, 1), "2023-24-Q4", "2023-24-Q3"),  # the first day after it
        (QUARTERLY, dt.date(2024, 6, 30), "2023-24-Q4", "2023-24-Q3"),  # later figures not in yet
        (QUARTERLY, dt.date(2023, 12, 31), "2023-24-Q2", "2023-24-Q1"),
        (QUARTERLY, dt.date(2024, 1, 1), "2023-24-Q3", "2023-24-Q2"),
        (MONTHLY, dt.date(2024, 3, 31), "2023-24-Q3", None),  # the months of Q3 only: no quarter before
        (MONTHLY, dt.date(2024, 4, 1), "2023-24-Q4", "2023-24-Q3"),  # March ends Q4
        (MONTHLY, dt.date(2024, 7, 1), "2023-24-Q4", "2023-24-Q3"),  # April alone does not make 2024-25 Q1
    ],
)  # fmt: skip
def test_latest_and_previous_quarter_at_the_edges_of_a_year(periods, on, latest, previous):
    assert str(choose("latest", "quarter", periods, on).period) == latest
    assert str(choose("previous", "quarter", periods, on).period) == str(previous)


@pytest.mark.parametrize(
    "periods, on, latest, previous",
    [
        (ANNUAL, dt.date(2024, 3, 31), "2022-23", "2021-22"),
        (ANNUAL, dt.date(2024, 4, 1), "2023-24", "2022-23"),
        (QUARTERLY, dt.date(2024, 3, 31), "2022-23", None),  # the year's own figure (and its Q4)
        (QUARTERLY, dt.date(2024, 4, 1), "2023-24", "2022-23"),  # Q4 2023/24 ends the year
        (MONTHLY, dt.date(2024, 4, 1), "2023-24", None),  # March ends the year
        (MONTHLY, dt.date(2024, 3, 31), None, None),
        (["2023-24-H2"], dt.date(2024, 4, 1), "2023-24", None),
        (["2023-24-H1", "2023-24-Q2"], dt.date(2025, 1, 1), None, None),  # half a year is not a year
    ],
)  # fmt: skip
def test_latest_and_previous_year_at_the_edges_of_a_year(periods, on, latest, previous):
    assert str(choose("latest", "year", periods, on).period) == str(latest)
    assert str(choose("previous", "year", periods, on).period) == str(previous)


def test_previous_skips_a_quarter_without_figures():
    periods = ["2023-24-Q1", "2023-24-Q3"]
    assert str(choose("previous", "quarter", periods, dt.date(2024, 2, 1)).period) == "2023-24-Q1"


def test_a_quarter_has_figures_from_its_own_figure_its_last_month_or_its_half_not_an_annual_year():
    got = with_figures(["2023-24-Q1", "2023-08", "2023-12", "2023-24-H2", "2022-23"], "quarter")
    assert sorted(map(str, got)) == ["2023-24-Q1", "2023-24-Q3", "2023-24-Q4"]  # no 2022-23-Q4 from the year
    # with the measure's frequency: a quarterly measure's year is Q4's year to date, its second half is not
    got = with_figures([("2022-23", "quarter"), ("2023-24-H2", "quarter"), ("2024-25-H1", "quarter")], "quarter")
    assert sorted(map(str, got)) == ["2022-23-Q4", "2024-25-Q2"]


def test_a_period_ends_on_its_last_day():
    assert first_day_after(Period.parse("2023-24-Q4")) == dt.date(2024, 4, 1)
    assert first_day_after(Period.parse("2023-24-Q3")) == dt.date(2024, 1, 1)
    assert first_day_after(Period.parse("2023-24")) == dt.date(2024, 4, 1)
    assert first_day_after(Period.parse("2024-02")) == dt.date(2024, 3, 1)
    assert not has_ended(Period.parse("2023-24-Q2"), dt.date(2023, 9, 30))
    assert has_ended(Period.parse("2023-24-Q2"), dt.date(2023, 10, 1))


def test_why_there_is_no_such_period_is_said_in_words():
    assert choose("latest", "quarter", ["2016-17"], dt.date(2026, 12, 1)).why == (
        "no quarter with figures has ended by 1 December 2026"
    )
    assert (
        "only one year with figures has ended by 1 April 2024 (2023-24)"
        in choose("previous", "year", ["2023-24"], dt.date(2024, 4, 1)).why
    )


def test_relative_words_and_the_date_of_a_run():
    assert is_relative("latest") and is_relative(" Previous ") and not is_relative("2023-24")
    assert today({"SWREPORT_TODAY": "2024-04-01"}) == dt.date(2024, 4, 1)
    assert today({}) == dt.date.today()
    with pytest.raises(ConfigError, match="SWREPORT_TODAY: found '1/4/2024'; expected a date such as"):
        today({"SWREPORT_TODAY": "1/4/2024"})
    with pytest.raises(ConfigError, match="expected one of latest, previous"):
        choose("last", "quarter", [], dt.date(2024, 4, 1))


@pytest.mark.parametrize(
    "exc, code, result, error",
    [
        (DataError(Problem("observations.csv", 4, "value", "'abc'", "a number")), 2, "bad input or settings",
         "the data has 1 problem:\nobservations.csv, row 4, column 'value': found 'abc'; expected a number"),
        (ConfigError("unknown council(s) atlantis"), 2, "bad input or settings", "unknown council(s) atlantis"),
        (KeyboardInterrupt(), 130, "interrupted", "interrupted"),
        (RuntimeError("boom"), 1, "a report failed", "internal error: RuntimeError: boom"),
        (SystemExit(1), 1, "a report failed", None),
    ],
)  # fmt: skip
def test_the_run_summary_is_written_however_the_run_ends(tmp_path, exc, code, result, error):
    path = tmp_path / "summary.json"
    with pytest.raises(type(exc)), RunRecord(path):
        raise exc
    s = json.loads(path.read_text())
    assert (s["exit_code"], s["result"], s["error"]) == (code, result, error)
    assert s["reports"] == [] and s["counts"]["failed"] == 0


def test_without_a_summary_file_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with RunRecord(None):
        pass
    assert list(tmp_path.iterdir()) == []


def test_a_row_that_only_gives_the_reason_a_figure_is_missing_is_not_a_figure(tmp_path):
    import swlib
    from swlib.scheduling import resolve_councils
    from tests.conftest import make_data

    observations = [
        {"measure": "m0", "period": "2023-24-Q2", "value": "91"},
        {"measure": "m0", "period": "2023-24-Q3", "comment": "Not collected: the system was being replaced"},
    ]
    ds = swlib.load(make_data(tmp_path / "data", [{"unit": "count"}], observations))
    got = resolve_councils("quarterly", "latest", ds, ["alpha", "beta"], dt.date(2024, 6, 1))
    assert got == {
        "alpha": (Period.parse("2023-24-Q2"), None),
        "beta": (None, "no quarter with figures has ended by 1 June 2024"),
    }


def test_the_last_quarter_ended_by_a_date():
    import datetime as dt

    from swlib.scheduling import last_ended_quarter

    assert [str(last_ended_quarter(dt.date(2026, m, 1))) for m in (1, 3, 4, 6, 7, 12)] == [
        "2025-26-Q3", "2025-26-Q3", "2025-26-Q4", "2025-26-Q4", "2026-27-Q1", "2026-27-Q2"]  # fmt: skip


def _nine_measures(q3_figures: int) -> list[tuple[str, str, str]]:
    """(period, frequency kind, measure) rows: 8 quarterly measures and one monthly, every figure
    of 2026/27 Q1 and Q2 in, and ``q3_figures`` of the quarterly ones sent early for Q3."""
    rows = [(q, "quarter", f"m{i}") for i in range(8) for q in ("2026-27-Q1", "2026-27-Q2")]
    rows += [(m, "month", "m8") for m in ("2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09")]
    rows += [("2026-27-Q3", "quarter", f"m{i}") for i in range(q3_figures)]
    return rows


def test_latest_needs_a_share_of_the_measures_due_not_one_early_figure():
    """ANALYST-4 #1: one Q3 figure sent early made Q3 'have figures', and the weekly run published
    a Q3 report with 8 of 9 measures Report later that read 'No measure is Red or Amber'."""
    on = dt.date(2027, 1, 11)
    assert (
        str(choose("latest", "quarter", _nine_measures(1), on).period) == "2026-27-Q3"
    )  # share 0: any figure, as before
    got = choose("latest", "quarter", _nine_measures(1), on, share=0.5)
    assert str(got.period) == "2026-27-Q2"
    assert got.notes() == ["2026-27-Q3: 1 of 9 measures have figures (latest needs 50%); staying on 2026-27-Q2"]
    assert got.chosen().words() == "9 of 9 measures have figures"
    assert got.record()["periods"][0] == {"period": "2026-27-Q3", "measures_with_figures": 1, "measures_due": 9,
                                          "picked": False}  # fmt: skip
    assert str(choose("previous", "quarter", _nine_measures(1), on, share=0.5).period) == "2026-27-Q1"
    assert (
        str(choose("latest", "quarter", _nine_measures(5), on, share=0.5).period) == "2026-27-Q3"
    )  # 5 of 9: over half
    assert str(choose("latest", "quarter", _nine_measures(4), on, share=0.5).period) == "2026-27-Q2"
    assert str(choose("latest", "quarter", _nine_measures(1), on, share=0.1).period) == "2026-27-Q3"  # a council's own
    none = choose("latest", "quarter", [("2026-27-Q1", "quarter", "m0"), ("2026-04", "month", "m1")], on, share=0.6)
    assert none.period is None  # Q1: the quarterly figure, but no June for the monthly one: 1 of 2
    assert none.why == "no quarter with figures for at least 60% of its measures has ended by 11 January 2027"
    assert none.notes() == ["2026-27-Q1: 1 of 2 measures have figures (latest needs 60%); none picked"]


def test_a_measure_is_due_in_a_period_only_where_its_frequency_gives_one_and_once_its_series_has_started():
    from swlib.coverage import shares

    rows = [("2026-27-Q1", "quarter", "a"), ("2026-27-Q2", "quarter", "a"), ("2026-27-Q3", "quarter", "a"),
            ("2026-27-H1", "half", "b"),  # six-monthly: due in Q2 and Q4, not Q1 or Q3
            ("2026-27-Q3", "quarter", "c"),  # starts in Q3: not due before
            ("2025-26", "year", "d")]  # annual: never due in a quarter; due in its year  # fmt: skip
    got = {str(P): (s.have, s.due) for P, s in shares(rows, "quarter").items()}
    assert got == {"2026-27-Q1": (1, 1), "2026-27-Q2": (2, 2), "2026-27-Q3": (2, 2)}
    years = {str(P): (s.have, s.due) for P, s in shares(rows, "year").items()}
    assert years == {"2025-26": (1, 1)}
