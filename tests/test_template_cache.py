"""Compiled templates kept between processes (swlib.template_cache)."""

import jinja2
import pytest

from swlib import template_cache


def _env(folder, name="swlib"):
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=template_cache.bytecode_cache(name)
    )


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SWREPORT_NO_CACHE", raising=False)
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.j2").write_text("Hello {{ name }}")
    return tmp_path


def test_a_template_compiled_once_is_not_compiled_again_in_a_new_environment(cache_home, monkeypatch):
    assert _env(cache_home / "t").get_template("page.j2").render(name="Fife") == "Hello Fife"
    assert list(template_cache.cache_folder("swlib").iterdir())  # the compiled code, kept

    def no_compile(*a, **k):
        raise AssertionError("compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", no_compile)
    assert _env(cache_home / "t").get_template("page.j2").render(name="Angus") == "Hello Angus"


def test_an_edited_template_is_compiled_again(cache_home):
    _env(cache_home / "t").get_template("page.j2").render(name="x")
    (cache_home / "t" / "page.j2").write_text("Goodbye {{ name }}")
    assert _env(cache_home / "t").get_template("page.j2").render(name="Fife") == "Goodbye Fife"


def test_each_environment_keeps_its_own_folder(cache_home):
    _env(cache_home / "t", "swlib").get_template("page.j2")
    assert not template_cache.cache_folder("nbconvert").exists()


def test_a_cache_folder_that_cannot_be_written_is_no_error(cache_home):
    folder = template_cache.cache_folder("swlib")
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        env = _env(cache_home / "t")
        assert env.get_template("page.j2").render(name="Fife") == "Hello Fife"
    finally:
        folder.chmod(0o700)


def test_a_cache_folder_that_cannot_be_made_means_no_cache(cache_home, monkeypatch):
    (cache_home / "blocked").write_text("a file, not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home / "blocked"))
    assert template_cache.bytecode_cache("swlib") is None


def test_swreport_no_cache_turns_it_off(cache_home, monkeypatch):
    monkeypatch.setenv("SWREPORT_NO_CACHE", "1")
    assert template_cache.bytecode_cache("swlib") is None
