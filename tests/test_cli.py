"""The command line as an analyst uses it: messages, exit codes, no tracebacks."""

import shutil

from click.testing import CliRunner

from swlib.cli import main
from tests.conftest import ROOT, dundee_not_checked_line

# the value-only percentages the public Dundee 2016-17 annual report prints ("not checked")


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_validate_demo_data():
    r = run("validate")
    assert r.exit_code == 0
    assert "OK: 3 councils" in r.output and "observations" in r.output


def test_validate_broken_copy_exits_2_with_every_problem_and_no_traceback(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "d")
    p = tmp_path / "d" / "observations.csv"
    lines = p.read_text().splitlines()
    lines[2] = lines[2].replace("south-lanarkshire", "south-lanarkshir", 1)
    lines[5] = lines[5].split(",", 3)
    lines[5][2] = "2021-21-Q2"
    lines[5] = ",".join(lines[5])
    p.write_text("\n".join(lines) + "\n")
    r = run("validate", "--data", str(tmp_path / "d"))
    assert r.exit_code == 2
    assert "observations.csv, row 3, column 'council': found 'south-lanarkshir'" in r.output
    assert "observations.csv, row 6, column 'period'" in r.output
    assert "Traceback" not in r.output


def test_validate_path_that_does_not_exist():
    r = run("validate", "--data", "/no/such/place")
    assert r.exit_code == 2 and "nothing at this path" in r.output


def test_list_councils_measures_periods():
    assert "dundee-city\tDundee City Council" in run("list", "councils").output
    out = run("list", "measures", "--council", "south-lanarkshire").output
    assert "sl-dtto-seen" in out and "dg-cj-reports" not in out
    assert "2021-22-Q2\t2021/22 Quarter 2" in run("list", "periods", "--council", "south-lanarkshire").output


def test_table_prints_the_performance_table_and_both_summaries():
    r = run("table", "--council", "south-lanarkshire", "--period", "Q2 2021/22")
    assert r.exit_code == 0
    assert "Summary of measures" in r.output and "Summary of actions" in r.output
    assert "Clients first seen within two working days of a DTTO commencing" in r.output
    assert "◆ Red" in r.output


def test_bad_period_and_unknown_council_exit_2():
    r = run("table", "--council", "south-lanarkshire", "--period", "2021")
    assert r.exit_code == 2 and "cannot read period '2021'" in r.output
    r = run("table", "--council", "narnia", "--period", "2021-22-Q2")
    assert r.exit_code == 2 and "unknown council 'narnia'" in r.output


def test_run_requires_a_year_for_the_annual_report(tmp_path):
    r = run("run", "annual", "--council", "dundee-city", "--period", "2016-17-Q1", "--out", str(tmp_path))
    assert r.exit_code == 2 and "financial year" in r.output


def test_a_report_failing_on_bad_settings_exits_2_naming_report_council_period_and_what(tmp_path, monkeypatch):
    params = tmp_path / "params"
    params.mkdir()
    (params / "councils.yaml").write_text("councils:\n  dundee-city:\n    suppress_max: -1\n")
    monkeypatch.setenv("SWREPORT_PARAMS", str(params))
    r = run("run", "annual", "--council", "dundee-city", "--period", "2016-17", "--out", str(tmp_path / "o"))
    assert r.exit_code == 2, r.output
    assert "annual report for dundee-city 2016-17 failed: the report's set-up (cell" in r.output
    assert "suppress_max" in r.output and "executed notebook is kept" in r.output
    assert "Traceback" not in r.output
    assert (tmp_path / "o" / "dundee-city" / "2016-17" / "annual.failed.ipynb").exists()


def test_check_public_lists_passages(tmp_path):
    r = run("check-public", "--council", "dumfries-and-galloway", "--period", "2023-24-Q2", "--strict")
    assert r.exit_code == 2 and "observations.csv, row" in r.output and "Two complex" in r.output


def test_check_public_counts_one_passage_in_the_singular(tmp_path):
    from tests.conftest import make_data

    d = make_data(tmp_path / "d", [{}], [{"measure": "m0", "period": "2021-22-Q1", "numerator": "9",
                                          "denominator": "10", "comment": "3 people moved away"}])  # fmt: skip
    r = run("check-public", "--council", "alpha", "--period", "2021-22-Q1", "--data", str(d))
    assert r.exit_code == 0 and "3 people moved away" in r.output
    assert "1 passage mentions a small number and is withheld from public reports" in r.output


def test_validate_lists_errors_and_warnings_in_one_run_and_strict_exits_2(tmp_path):
    from tests.conftest import make_data

    # (a figure whose comment still says it is missing is a warning)
    late = "not available: figure due 14 October"
    d = make_data(tmp_path / "d", [{"aggregate": "mean"}], [{"measure": "m0", "period": "2021-22-Q1", "value": "91", "comment": late},
                                                            {"measure": "m0", "period": "2021-22-Q2", "value": "92"}])  # fmt: skip
    r = run("validate", "--data", str(d))
    assert r.exit_code == 0 and "OK, with 2 warnings: 2 councils, 1 measure," in r.output
    assert "found m0 2021-22-Q1: a figure and the comment 'not available: figure due 14 October'" in r.output
    r = run("validate", "--strict", "--data", str(d))
    assert (
        r.exit_code == 2 and "not OK with --strict: 2 warnings: 2 councils" in r.output and "OK, with" not in r.output
    )
    with (d / "observations.csv").open("a") as f:
        f.write("alpha,m0,2021-22-Q3,lots,,,,,\n")
    r = run("validate", "--data", str(d))
    assert r.exit_code == 2 and "the data has 1 problem (" in r.output and "found 'lots'" in r.output
    assert "and 2 warnings:" in r.output and "the comment cleared" in r.output and "Traceback" not in r.output


def test_an_unknown_council_says_which_data_was_read_and_what_to_do():
    r = run("table", "--council", "fife", "--period", "2021-22-Q2")
    assert r.exit_code == 2 and "unknown council 'fife' in the demo data at" in r.output
    assert "swreport init" in r.output and "--data" in r.output
    r = run("table", "--council", "dundee-cty", "--period", "2021-22-Q2")
    assert "did you mean 'dundee-city'?" in r.output


def without_kernel(monkeypatch, tmp_path) -> list:
    """``swreport run`` with rendering.render replaced by a stand-in that writes a page and starts
    no kernel; returns the (council, data set) of each call, as the command handed them over."""
    import swlib.rendering

    calls = []

    def fake_render(report, council, P, audience, out=None, ds=None, councils=None, session=None, meanwhile=None):
        calls.append((council, ds))
        path = tmp_path / "q.html"
        path.write_text("x")
        return path

    monkeypatch.setattr(swlib.rendering, "render", fake_render)
    return calls


def test_a_year_for_the_quarterly_report_says_which_quarter_it_chose(monkeypatch, tmp_path):
    without_kernel(monkeypatch, tmp_path)
    r = run("run", "quarterly", "--council", "south-lanarkshire", "--period", "2021-22", "--out", str(tmp_path))
    assert r.exit_code == 0, r.output
    assert "2021-22 is a financial year: the quarterly report for its fourth quarter, 2021-22-Q4" in r.output


def test_a_run_reads_the_period_it_is_given_once(monkeypatch, tmp_path):
    from swlib.periods import Period

    without_kernel(monkeypatch, tmp_path)
    read, parse = [], Period.parse.__func__
    monkeypatch.setattr(Period, "parse", classmethod(lambda cls, text: (read.append(text), parse(cls, text))[1]))
    r = run("run", "quarterly", "--council", "south-lanarkshire", "--period", "2021/22", "--out", str(tmp_path))
    assert r.exit_code == 0, r.output
    assert "2021/22 is a financial year: the quarterly report for its fourth quarter, 2021-22-Q4" in r.output
    assert read.count("2021/22") == 1


def test_a_file_or_a_missing_folder_where_a_folder_is_needed_exits_2_with_a_message(tmp_path):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    r = run("batch", "annual", "--period", "2016-17", "--councils", "dundee-city", "--out", str(a_file))
    assert r.exit_code == 2 and "is a file: expected a folder" in r.output and "internal error" not in r.output
    # run too: the folder is checked before the run takes its lock there (AUDIT-8 #2: FileExistsError, exit 1)
    r = run("run", "annual", "--council", "dundee-city", "--period", "2016-17", "--out", str(a_file))
    assert r.exit_code == 2 and "is a file: expected a folder" in r.output and "internal error" not in r.output
    r = run("run", "annual", "--council", "dundee-city", "--period", "2016-17", "--out", str(a_file / "sub"))
    assert r.exit_code == 2 and "is a file: expected a folder" in r.output and "internal error" not in r.output
    r = run("export", str(tmp_path / "missing" / "perf.xlsx"), "--council", "dundee-city", "--period", "2016-17")
    assert r.exit_code == 2 and "no such folder" in r.output and "internal error" not in r.output
    r = run("export", str(a_file / "perf.xlsx"), "--council", "dundee-city", "--period", "2016-17")
    assert r.exit_code == 2 and "found a file" in r.output
    assert not (tmp_path / "missing").exists()


def test_list_into_a_closed_pipe_ends_quietly():
    import subprocess
    import sys

    cmd = f"{sys.executable} -m swlib list measures | head -3"
    r = subprocess.run(cmd, shell=True, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert len(r.stdout.splitlines()) == 3
    assert "BrokenPipeError" not in r.stderr and "internal error" not in r.stderr and "Traceback" not in r.stderr


def test_list_for_an_unknown_council_says_so():
    r = run("list", "periods", "--council", "fife")
    assert r.exit_code == 2 and "unknown council 'fife' in the demo data" in r.output


def test_run_on_bad_data_names_the_data_set_it_read(tmp_path):
    from tests.conftest import make_data

    d = make_data(tmp_path / "d", [{}], [{"measure": "m0", "period": "2021-22-Q1", "value": "12k"}])
    r = run("run", "quarterly", "--council", "alpha", "--period", "2021-22-Q1", "--data", str(d),
            "--out", str(tmp_path / "out"))  # fmt: skip
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert f"swreport: the data has 1 problem (the data at {d}):" in r.output
    assert "observations.csv, row 2, column 'value': found '12k'; expected a number" in r.output


def test_a_council_id_in_the_wrong_case_is_the_council_and_a_typo_not_a_council_to_add(data_dir):
    from tests.conftest import make_data

    d = make_data(data_dir, [{"aggregate": "mean"}], [{"measure": "m0", "period": "2021-22-Q2", "value": "90"}])
    r = run("table", "--council", "ALPHA", "--period", "2021-22-Q2", "--data", str(d))
    assert r.exit_code == 0 and "Alpha Council: performance to September 2021" in r.output
    r = run("table", "--council", "alpah", "--period", "2021-22-Q2", "--data", str(d))
    assert r.exit_code == 2 and "did you mean 'alpha'?" in r.output and "add a row" not in r.output


def test_validate_with_the_data_set_as_an_argument_says_to_use_data():
    r = run("validate", "data")
    assert r.exit_code == 2 and "use 'swreport validate --data data'" in r.output and "Traceback" not in r.output


def test_validate_from_a_folder_without_data_says_it_checked_the_demo_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SWREPORT_DATA", raising=False)
    r = run("validate")
    assert r.exit_code == 0 and "the demo data at" in r.output
    assert "that is the demo data swreport ships with, not yours: there is no ./data" in r.output
    (tmp_path / "data").mkdir()  # one of its own: said nothing of the kind (here it has no tables: exit 2)
    assert "not yours" not in run("validate").output


def test_run_and_batch_say_the_data_sets_warnings_once_and_the_internal_report_shows_them_on_screen(tmp_path):
    import json

    d = tmp_path / "data"
    shutil.copytree(ROOT / "data", d)
    obs = d / "observations.csv"
    text = obs.read_text()
    row = "south-lanarkshire,sl-equipu-saving,2021-22-Q2,36700,,,,,synthetic"
    obs.write_text(
        text.replace(row, "south-lanarkshire,sl-equipu-saving,2021-22-Q2,36700,,,,not available: late,synthetic")
    )
    out = tmp_path / "outputs"
    head = "the data has 1 warning (allowed, but probably wrong; 'swreport validate' lists them too):"
    said = "  warning: observations.csv, row 20, column 'comment': found sl-equipu-saving 2021-22-Q2: a figure and"
    r = run("run", "quarterly", "--council", "south-lanarkshire", "--period", "2021-22-Q2", "--data", str(d),
            "--out", str(out))  # fmt: skip
    assert r.exit_code == 0, r.output
    assert r.output.count(head) == 1 and said in r.output
    html = (out / "south-lanarkshire" / "2021-22-Q2" / "quarterly.html").read_text()
    box = html.split('<aside class="screen-only banner"')[1].split("</aside>")[0]  # on screen, not on paper
    assert "For the analyst, not printed" in box and "found sl-equipu-saving 2021-22-Q2: a figure and" in box
    assert ".screen-only { display: none; }" in html.split("@media print")[1]
    # a batch of both audiences says it once for the data set, and its summary lists it
    r = run("batch", "quarterly", "--period", "2021-22-Q2", "--councils", "south-lanarkshire", "--audience",
            "internal", "--audience", "public", "--data", str(d), "--out", str(out), "--dry-run",
            "--summary", str(tmp_path / "s.json"))  # fmt: skip
    assert r.exit_code == 0, r.output
    assert r.output.count(head) == 1 and r.output.count("  warning: ") == 1
    warnings = json.loads((tmp_path / "s.json").read_text())["warnings"]
    assert len(warnings) == 1 and warnings[0].startswith("observations.csv, row 20, column 'comment'")
    # the run and the batch agree on what an unchanged report is: rendered by run, skipped by batch
    assert "south-lanarkshire        2021-22-Q2             internal unchanged, skip" in r.output
    # the internal annual report shows them too, on screen; the public one does not
    for audience in ("internal", "public"):
        r = run("run", "annual", "--council", "dundee-city", "--period", "2016-17", "--audience", audience,
                "--data", str(d), "--out", str(out))  # fmt: skip
        assert r.exit_code == 0 and r.output.count(head) == 1, r.output
    # the public one says what it could not check in one line, as a batch does (--verbose lists them)
    (line,) = [x for x in r.output.splitlines() if x.startswith("not checked")]
    assert line == dundee_not_checked_line(
        f"swreport check-public --council dundee-city --period 2016-17 --data {d}", "run"
    )
    assert "withheld from public/dundee-city/2016-17/annual: " in r.output and "complaints.md, line 3" in r.output
    folder = out / "dundee-city" / "2016-17"
    assert "For the analyst, not printed" in (folder / "annual.html").read_text()
    public = next(p for p in out.rglob("annual.html") if p != folder / "annual.html")
    assert "For the analyst" not in public.read_text()


def test_run_verbose_lists_each_figure_a_public_report_cannot_check_as_batch_verbose_does(tmp_path):
    r = run("run", "annual", "--council", "dundee-city", "--period", "2016-17", "--audience", "public",
            "--out", str(tmp_path / "o"), "--verbose")  # fmt: skip
    assert r.exit_code == 0, r.output
    listed = [x for x in r.output.splitlines() if x.startswith("not checked")]
    # complaints upheld and finalised within timescales are checked against complaints received (ATTACK-8 #5)
    assert len(listed) == 3 and all(x.startswith("not checked in public/dundee-city/2016-17/annual: ") for x in listed)
    assert "observations.csv, row 991, column 'value': care-leavers-eet 2016-17: 41.2" in listed[1]


def test_run_annual_before_the_years_return_says_what_is_missing_and_how_to_bring_it_in(tmp_path):
    # ANALYST-3 #11: the CSWO report before the year's return rendered its sections empty, exit 0, saying nothing
    from tests.conftest import make_data

    orders = {"title": "Orders made", "theme": "Statutory functions", "outcome": "Child protection", "unit": "count",
              "polarity": "none", "frequency": "annual"}  # fmt: skip
    obs = [{"measure": "m0", "period": f"2020-21-Q{q}", "numerator": "9", "denominator": "10"} for q in (1, 2, 3, 4)]
    d = make_data(tmp_path / "d", [{"target": "80"}, orders, {**orders, "title": "Permanence orders"}], obs)
    r = run(
        "run", "annual", "--council", "alpha", "--period", "2020/21", "--data", str(d), "--out", str(tmp_path / "o")
    )
    assert r.exit_code == 0, r.output
    assert (
        "the annual report for 2020/21 has no figures yet for 2 statutory measures, finance, the workforce and "
        "inspections (its sections say none was provided); the year's return brings them in: swreport template "
        "RETURN.xlsx --council alpha --period 2020-21; then swreport merge RETURN.xlsx"
    ) in r.output
    assert (
        "the annual report for 2020/21 has no narrative yet: the CSWO's words for each section go in a file of its "
        "own beside d/narrative/alpha/2020-21/summary.md, one a section: summary.md, governance.md, landscape.md, "
    ) in r.output  # ANALYST-11 #9: each section's file named
    # once the return is in, nothing is said
    obs += [{"measure": m, "period": "2020-21", "value": "12"} for m in ("m1", "m2")]
    make_data(d, [{"target": "80"}, orders, {**orders, "title": "Permanence orders"}], obs)
    (d / "finance.csv").write_text("council,period,kind,line,amount\nalpha,2020-21,budget,Children,1000000\n")
    (d / "workforce.csv").write_text("council,period,service,headcount,fte\nalpha,2020-21,Children,120,110.5\n")
    (d / "inspections.csv").write_text("council,service,service_type,sector,date,care\nalpha,Home care,Care at home,"
                                       "LA,2020-09-01,5\n")  # fmt: skip
    r = run(
        "run", "annual", "--council", "alpha", "--period", "2020/21", "--data", str(d), "--out", str(tmp_path / "o")
    )
    assert r.exit_code == 0 and "has no figures yet" not in r.output, r.output


def test_a_council_is_named_by_its_id_in_any_case_or_by_its_name():
    """'--council Fife' was refused (did you mean 'fife'?): an id in any case, or the council's
    name with or without 'Council', is the council where one alone fits."""
    first = run("table", "--council", "dundee-city", "--period", "2016-17")
    assert first.exit_code == 0, first.output
    for named in ("Dundee-City", "Dundee City Council", "dundee city", "DUNDEE"):
        r = run("table", "--council", named, "--period", "2016-17")
        assert r.exit_code == 0 and r.output == first.output, (named, r.output)
    r = run("list", "periods", "--council", "Dumfries and Galloway")
    assert r.exit_code == 0 and "2023-24-Q2" in r.output
    r = run("run", "quarterly", "--council", "Narnia", "--period", "2021-22-Q2")
    assert r.exit_code == 2 and "unknown council 'Narnia'" in r.output


def test_a_name_two_councils_fit_is_refused_naming_both(tmp_path):
    import pytest

    import swlib
    from swlib.errors import ConfigError
    from tests.conftest import make_data

    ds = swlib.load(make_data(tmp_path / "d", [{}], []))
    ds.councils.loc[:, "name"] = ["Gamma City Council", "Gamma Council"]
    assert ds.council_id("Gamma Council") == "beta" and ds.council_id("gamma city") == "alpha"
    assert ds.council_id("ALPHA") == "alpha"
    with pytest.raises(ConfigError) as e:
        ds.council_id("Gamma")
    assert "council 'Gamma' could be any of alpha (Gamma City Council), beta (Gamma Council)" in str(e.value)


def test_a_public_runs_not_checked_line_names_a_few_measures_and_where_every_one_is_listed(tmp_path):
    """Twelve value-only percentages: the run's line stays short (the count, the first five ids,
    'and 7 more'), and the check-public command it names lists every one of them."""
    from types import SimpleNamespace

    import swlib
    from swlib.cli.reports import _not_checked_line
    from swlib.unchecked import not_checked
    from tests.conftest import make_data

    d = make_data(tmp_path / "d", [{"aggregate": "latest"}] * 12,
                  [{"measure": f"m{i}", "period": "2020-21-Q1", "value": "50"} for i in range(12)])  # fmt: skip
    figures = not_checked(swlib.load(d), "quarterly", "alpha", "2020-21-Q1")
    assert [f["measure"] for f in figures] == [f"m{i}" for i in range(12)]
    job = SimpleNamespace(key="public/alpha/2020-21-Q1/quarterly", council="alpha", period="2020-21-Q1")
    line = _not_checked_line(job, figures, d, "run")
    assert "12 measures printed as a percentage, rate or ratio" in line
    assert "(m0, m1, m2, m3, m4 and 7 more)" in line and "m5" not in line, line
    listing = f"swreport check-public --council alpha --period 2020-21-Q1 --data {d}"
    assert f"'{listing}' lists every one (or run with --verbose)" in line  # this run's option, not check-public's
    # short whatever the data folder's path (the user's own; pytest's under xdist is 70 characters)
    assert len(line) - len(str(d)) < 340, len(line) - len(str(d))
    r = run(*listing.split()[1:])
    assert r.exit_code == 0, r.output
    listed = [x for x in r.output.splitlines() if x.endswith(": not checked")]
    assert [x.split(": ")[1].split()[0] for x in listed] == [f"m{i}" for i in range(12)], r.output


def test_a_public_runs_not_checked_line_says_which_population_to_give_for_a_rate_of_one(tmp_path):
    """ATTACK-4 finding 4: a rate of the population (or of an age group) printed unchecked for want of that
    population: the run's line names the councils.csv column that would check it."""
    from types import SimpleNamespace

    from swlib.cli.reports import _not_checked_line
    from swlib.unchecked import not_checked
    from tests.conftest import DG, demo_with

    rate = {"measure": "dg-secure-rate", "title": "Children in secure care per 100k population",
            "theme": "Statutory functions", "outcome": "Looked after children", "unit": "rate", "polarity": "none",
            "frequency": "annual", "aggregate": "latest", "decimals": "1", "council": DG, "source": "synthetic"}  # fmt: skip
    cpr = {**rate, "measure": "dg-cpr-rate", "title": "Children on the register per 1,000 population aged 0-15"}
    obs = [{"measure": m, "period": "2023-24", "value": "1.3"} for m in ("dg-secure-rate", "dg-cpr-rate")]
    ds = demo_with(tmp_path / "d", [rate, cpr], obs)
    job = SimpleNamespace(key=f"public/{DG}/2023-24/annual", council=DG, period="2023-24")
    line = _not_checked_line(job, not_checked(ds, "annual", DG, "2023-24"), tmp_path / "d", "run")
    assert ", or give population and population_0-15 in councils.csv for a rate of a population; " in line, line
    ds = demo_with(tmp_path / "p", [rate, cpr], obs, councils={DG: {"population": "148790"}})
    line = _not_checked_line(job, not_checked(ds, "annual", DG, "2023-24"), tmp_path / "p", "run")
    assert ", or give population_0-15 in councils.csv for a rate of a population; " in line, line


def test_a_run_validates_the_data_once_naming_the_council_and_checking_the_request(monkeypatch, tmp_path):
    """`run --council 'South Lanarkshire'` read and validated the data twice with SWREPORT_NO_CACHE=1
    (once to find the council, once for the checks): one load serves both."""
    import swlib.loading

    loads = []
    real = swlib.loading._load
    monkeypatch.setattr(swlib.loading, "_load", lambda *a, **k: loads.append(a[0]) or real(*a, **k))
    monkeypatch.setenv("SWREPORT_NO_CACHE", "1")
    rendered = without_kernel(monkeypatch, tmp_path)
    r = run("run", "quarterly", "--council", "South Lanarkshire", "--period", "2021-22-Q2", "--out", str(tmp_path))
    assert r.exit_code == 0, r.output
    assert len(loads) == 1, loads
    ((council, ds),) = rendered
    assert set(ds.observations["council"]) == {council}  # the council's rows, cut from the one load


def test_validate_warns_of_a_column_no_report_reads_at_its_header_and_the_demo_data_has_none(tmp_path):
    """'Notes for Performance Team' in observations.csv passed validate silently (merge refuses it
    in a return): a warning, not an error, naming the file, the header cell (the column as typed, not
    'notes_for_performance_team': ANALYST-4 #13) and a near column."""
    from tests.conftest import make_data

    d = make_data(tmp_path / "d", [{"aggregate": "mean"}], [{"measure": "m0", "period": "2021-22-Q1", "value": "92"}])
    p = d / "observations.csv"
    head, *rows = p.read_text().splitlines()
    rows = [head + ",Notes for Performance Team,Comments", *(r + ",checked by JM," for r in rows)]
    p.write_text("\n".join(rows) + "\n")
    r = run("validate", "--data", str(d))
    assert r.exit_code == 0 and "OK, with 3 warnings:" in r.output, r.output  # and the statutory theme's
    assert ("observations.csv, row 1, column 'Notes for Performance Team': found a column swreport does not read; "
            "expected only the observations table's columns (council, measure, period, value, numerator, "
            "denominator, status, comment, cleared, source): a note for the report goes in comment") in r.output  # fmt: skip
    assert ("observations.csv, row 1, column 'Comments': found a column swreport does not read (did you mean "
            "'comment'?)") in r.output and "rename it 'comment'" in r.output  # fmt: skip
    r = run("validate")  # the demo data: every column read, no warning
    assert r.exit_code == 0 and "does not read" not in r.output and "warning" not in r.output, r.output


def test_batch_annual_says_per_council_what_the_years_return_has_not_brought_in(tmp_path):
    # issue 24: run annual said what an annual report had no figures for; batch annual (and a
    # schedule's annual runs) rendered the same empty sections in silence
    import json

    from tests.conftest import make_data

    orders = {"title": "Orders made", "theme": "Statutory functions", "outcome": "Child protection", "unit": "count",
              "polarity": "none", "frequency": "annual"}  # fmt: skip
    obs = [{"measure": "m0", "period": f"2020-21-Q{q}", "numerator": "9", "denominator": "10"} for q in (1, 2, 3, 4)]
    obs += [{"measure": "m1", "period": "2020-21", "value": "12"}]  # alpha's one statutory figure of two
    d = make_data(tmp_path / "d", [{"target": "80"}, orders, {**orders, "title": "Permanence orders"}], obs)
    with (d / "observations.csv").open("a") as f:  # beta: its quarters, none of its statutory figures
        f.writelines(f"beta,m0,2020-21-Q{q},,8,10,,,\n" for q in (1, 2, 3, 4))
    (d / "finance.csv").write_text("council,period,kind,line,amount\nalpha,2020-21,budget,Children,1000000\n")
    summary = tmp_path / "summary.json"
    r = run("batch", "annual", "--period", "2020-21", "--data", str(d), "--out", str(tmp_path / "o"), "--quiet",
            "--summary", str(summary))  # fmt: skip
    assert r.exit_code == 0, r.output
    # issue 25: the summary records the same, for a scheduler or monitor to act on
    entries = {e["council"]: e for e in json.loads(summary.read_text())["reports"]}
    assert entries["alpha"]["missing"] == ["1 statutory measure", "the workforce", "inspections", "narrative"]
    assert entries["beta"]["missing"] == ["2 statutory measures", "finance", "the workforce", "inspections",
                                          "narrative"]  # fmt: skip
    said = [x for x in r.output.splitlines() if x.startswith("the annual report for")]
    assert said == [
        "the annual report for alpha, 2020/21 has no figures yet for 1 statutory measure, the workforce and "
        "inspections (its sections say none was provided); the year's return brings them in: swreport template "
        "RETURN.xlsx --council alpha --period 2020-21; then swreport merge RETURN.xlsx",
        "the annual report for alpha, 2020/21 has no narrative yet: the CSWO's words for each section go in a file of "
        "its own beside d/narrative/alpha/2020-21/summary.md, one a section: summary.md, governance.md, landscape.md, partnership.md, involvement.md, commissioned.md, improvement.md, finance.md, performance.md, complaints.md, workforce.md, inspections.md, challenges.md (docs/guide.md, '4. Write the "
        "narrative', says what each holds)",
        "the annual report for beta, 2020/21 has no figures yet for 2 statutory measures, finance, the workforce and "
        "inspections (its sections say none was provided); the year's return brings them in: swreport template "
        "RETURN.xlsx --council beta --period 2020-21; then swreport merge RETURN.xlsx",
        "the annual report for beta, 2020/21 has no narrative yet: the CSWO's words for each section go in a file of "
        "its own beside d/narrative/beta/2020-21/summary.md, one a section: summary.md, governance.md, landscape.md, partnership.md, involvement.md, commissioned.md, improvement.md, finance.md, performance.md, complaints.md, workforce.md, inspections.md, challenges.md (docs/guide.md, '4. Write the "
        "narrative', says what each holds)",
    ], r.output
    (d / "narrative" / "beta" / "2020-21").mkdir(parents=True)
    (d / "narrative" / "beta" / "2020-21" / "summary.md").write_text("A year of steady work.\n")
    again = run("batch", "annual", "--period", "2020-21", "--data", str(d), "--out", str(tmp_path / "o"), "--quiet",
                "--summary", str(summary))  # fmt: skip
    assert "1 unchanged" in again.output, again.output
    entries = {e["council"]: e for e in json.loads(summary.read_text())["reports"]}
    assert "missing" not in entries["alpha"]  # unchanged: said (and recorded) when it was rendered
    assert entries["beta"]["missing"] == ["2 statutory measures", "finance", "the workforce", "inspections"]
    again = run("batch", "annual", "--period", "2020-21", "--data", str(d), "--out", str(tmp_path / "o"), "--quiet")
    assert "2 unchanged" in again.output, again.output
    said_again = [x for x in again.output.splitlines() if x.startswith("the annual report for")]
    assert not said_again  # said once, when the report is rendered


def test_a_re_run_without_pdf_removes_the_pdf_of_the_earlier_render_and_says_so(tmp_path):
    # ANALYST-5 #4: after a corrected figure, quarterly.pdf (old figures) stayed beside the new
    # quarterly.html, in outputs/public too, and the guide says to upload that folder as it is
    out = tmp_path / "o"
    old = out / "public" / "dundee-city" / "2016-17" / "annual.pdf"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"%PDF-1.7 the figures before the correction")
    r = run(
        "run", "annual", "--council", "dundee-city", "--period", "2016-17", "--audience", "public", "--out", str(out)
    )
    assert r.exit_code == 0, r.output
    assert not old.exists() and old.with_suffix(".html").is_file()
    assert f"removed {old}: printed before this render, its figures out of date (--pdf prints it again)" in r.output


def test_a_public_export_reads_the_record_of_the_outputs_folder_it_is_given_and_warns_where_there_is_none(
    tmp_path, monkeypatch
):
    """ATTACK-8 #3: 'swreport export --audience public' had no --out, so after reports rendered
    with --out it read ./outputs (no record) and wrote Q2's 93 beside Q1's published 90."""
    from openpyxl import load_workbook

    from tests.test_explorer import _publish, _revised

    ds = _revised(tmp_path)
    _publish(tmp_path / "out_x")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("SWREPORT_OUT", raising=False)

    def to_date(*extra):
        path = tmp_path / f"e{len(extra)}.xlsx"
        r = run("export", str(path), "--council", "alpha", "--period", "2023-24-Q2", "--audience", "public",
                "--data", str(ds.path), *extra)  # fmt: skip
        assert r.exit_code == 0, r.output
        ws = load_workbook(path)["performance"]
        rows = [[c.value for c in row] for row in ws.iter_rows()]
        head = rows[0]
        row = next(x for x in rows if "Emergency secure placements" in x)
        return row[head.index("To date")], r.output

    value, said = to_date("--out", str(tmp_path / "out_x"))
    assert value == "[c]" and "no record" not in said
    value, said = to_date()
    assert (
        value == 93
        and f"warning: no record of what public reports printed for alpha in {elsewhere / 'outputs'}" in said
    )
    r = run("export", str(tmp_path / "x.xlsx"), "--council", "alpha", "--period", "2023-24-Q2", "--out",
            str(tmp_path / "nowhere"), "--data", str(ds.path))  # fmt: skip
    assert r.exit_code == 2 and "no such folder" in r.output


def test_a_public_export_is_refused_for_a_period_no_public_report_is_made_for(tmp_path):
    # ATTACK-10 #4: 'export --audience public --period 2023-08' wrote August's year to date, which no
    # public report prints, to be set against Quarter 2's report (as the public explorer refuses it)
    for period in ("2023-08", "2023-24-H1"):
        path = tmp_path / "august.xlsx"
        r = run("export", str(path), "--council", "dumfries-and-galloway", "--period", period, "--audience", "public")
        assert r.exit_code == 2, r.output
        assert f"--period {period}: found a " in r.output and "a quarter or a year" in r.output
        assert "Traceback" not in r.output and not path.exists()
    r = run("export", str(path), "--council", "dumfries-and-galloway", "--period", "2023-08")  # internal: any period
    assert r.exit_code == 0, r.output
    assert path.is_file()
