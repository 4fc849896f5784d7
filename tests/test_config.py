"""Settings from params/: where things are, councils.yaml, the schedule; errors name file and key."""

from __future__ import annotations

import pytest

from swlib import config
from swlib.errors import ConfigError


@pytest.fixture
def params(tmp_path, monkeypatch):
    folder = tmp_path / "params"
    folder.mkdir()
    monkeypatch.setenv("SWREPORT_PARAMS", str(folder))
    return folder


def test_a_council_takes_the_defaults_then_its_own_settings(params):
    (params / "councils.yaml").write_text(
        "defaults:\n  tolerance_percent: 10\ncouncils:\n  alpha:\n    service: Children's Services\n    suppress_max: 9\n"
    )
    alpha = config.council_settings("alpha")
    assert (alpha.service, alpha.tolerance_percent, alpha.suppress_min, alpha.suppress_max) == (
        "Children's Services",
        10.0,
        1,
        9,
    )
    beta = config.council_settings("beta")  # not listed: the defaults
    assert (beta.service, beta.tolerance_percent, beta.suppress_max) == ("Social Work Services", 10.0, 4)


def test_no_councils_yaml_means_the_built_in_defaults(params):
    s = config.council_settings("anyone")
    assert (s.service, s.tolerance_percent, s.suppress_min, s.suppress_max) == ("Social Work Services", 5.0, 1, 4)


def test_a_bad_council_setting_names_the_file_the_council_the_key_and_what_was_found(params):
    (params / "councils.yaml").write_text("councils:\n  alpha:\n    tolerance_percent: lots\n")
    with pytest.raises(ConfigError) as e:
        config.council_settings("alpha")
    msg = str(e.value)
    assert msg.startswith("params/councils.yaml, council alpha: tolerance_percent:")
    assert "'lots'" in msg
    config.council_settings("beta")  # the other councils are unaffected


def test_an_unknown_key_in_councils_yaml_names_the_file_and_the_key(params):
    (params / "councils.yaml").write_text("defaults:\n  tolerence_percent: 5\n")
    with pytest.raises(ConfigError, match=r"councils\.yaml: defaults\.tolerence_percent: Extra inputs"):
        config.council_settings("alpha")


def test_councils_yaml_that_is_not_yaml_or_not_a_mapping_says_so(params):
    (params / "councils.yaml").write_text("councils: [unclosed\n")
    with pytest.raises(ConfigError, match=r"councils\.yaml: not valid YAML"):
        config.council_settings("alpha")
    (params / "councils.yaml").write_text("- a\n- b\n")
    with pytest.raises(ConfigError, match=r"councils\.yaml: expected a mapping at the top level"):
        config.council_settings("alpha")


def test_an_edited_councils_yaml_is_read_again(params):
    import os

    path = params / "councils.yaml"
    path.write_text("councils:\n  alpha:\n    suppress_max: 5\n")
    assert config.council_settings("alpha").suppress_max == 5
    path.write_text("councils:\n  alpha:\n    suppress_max: 6\n")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # a later edit, as the clock sees it
    assert config.council_settings("alpha").suppress_max == 6


def test_a_schedule_normalises_periods_and_keeps_relative_ones(tmp_path):
    path = tmp_path / "schedule.yaml"
    path.write_text(
        "runs:\n"
        "  - report: quarterly\n    period: Q2 2021/22\n    councils: [alpha]\n    audience: [internal, public]\n"
        "  - report: annual\n    period: ' Latest '\n"
    )
    runs = config.load_schedule(path).runs
    assert (runs[0].period, runs[0].councils, runs[0].audience) == ("2021-22-Q2", ["alpha"], ["internal", "public"])
    assert (runs[1].period, runs[1].councils, runs[1].audience) == ("latest", "all", ["internal"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("runs:\n  - report: quarterly\n    period: 2021-22-Q2\n    audience: [press]\n",
         r"runs\.0\.audience: Value error, audience 'press': expected one of internal, public"),
        ("runs:\n  - report: quarterly\n    period: someday\n", r"runs\.0\.period: .*someday"),
        ("runs:\n  - period: 2021-22\n", r"runs\.0\.report: Field required"),
    ],
)  # fmt: skip
def test_a_bad_schedule_names_the_file_the_run_and_the_key(tmp_path, text, expected):
    path = tmp_path / "schedule.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=rf"schedule\.yaml: {expected}"):
        config.load_schedule(path)


def test_a_missing_schedule_is_named(tmp_path):
    with pytest.raises(ConfigError, match=r"nowhere\.yaml: no such file"):
        config.load_schedule(tmp_path / "nowhere.yaml")


def test_the_working_folders_data_and_params_are_used_where_they_exist(tmp_path, monkeypatch):
    for var in ("SWREPORT_DATA", "SWREPORT_PARAMS", "SWREPORT_OUT"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)
    assert config.default_data_path() == config.ROOT / "data"  # no ./data: the demo data
    assert config.params_dir() == config.ROOT / "params"
    assert config.is_demo_data(config.default_data_path())
    (tmp_path / "data").mkdir()
    (tmp_path / "params").mkdir()
    assert config.default_data_path() == tmp_path / "data"
    assert config.params_dir() == tmp_path / "params"
    assert config.outputs_dir() == tmp_path / "outputs"
    assert not config.is_demo_data(tmp_path / "data")
    monkeypatch.setenv("SWREPORT_OUT", str(tmp_path / "elsewhere"))
    assert config.outputs_dir() == tmp_path / "elsewhere"
    assert config.where(None, None) == (
        f"data: {tmp_path / 'data'}; settings: {tmp_path / 'params'}; outputs: {tmp_path / 'elsewhere'}"
    )


def test_public_text_is_checked_unless_a_council_asks_for_cleared_and_a_bad_value_names_what_is_expected(params):
    from click.testing import CliRunner

    from swlib.cli import main

    (params / "councils.yaml").write_text(
        "councils:\n  alpha:\n    public_text: cleared\n  beta:\n    public_text: strict\n"
    )
    assert config.council_settings("alpha").public_text == "cleared"
    assert config.council_settings("gamma").public_text == "checked"  # the default
    with pytest.raises(ConfigError) as e:
        config.council_settings("beta")
    msg = str(e.value)
    assert msg.startswith("params/councils.yaml, council beta: public_text:")
    assert "'strict'" in msg and "'checked' or 'cleared'" in msg
    (params / "councils.yaml").write_text("councils:\n  dundee-city:\n    public_text: strict\n")
    r = CliRunner().invoke(main, ["check-public", "--council", "dundee-city", "--period", "2016-17-Q4"])
    assert r.exit_code == 2 and "public_text" in r.output and "'strict'" in r.output and "Traceback" not in r.output
