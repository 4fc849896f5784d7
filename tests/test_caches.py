"""The user's cache folder (swlib.caches): where the data sets and templates are kept between runs."""

from pathlib import Path

from swlib import caches, template_cache


def test_the_cache_folder_is_under_xdg_cache_home_else_the_home_folders_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert caches.cache_folder("datasets") == tmp_path / "swreport" / "datasets"
    assert template_cache.cache_folder("swlib") == tmp_path / "swreport" / "templates" / "swlib"  # beside it
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert caches.cache_folder("datasets") == Path(tmp_path / "home" / ".cache" / "swreport" / "datasets")


def test_swreport_no_cache_turns_caching_off(monkeypatch):
    monkeypatch.delenv("SWREPORT_NO_CACHE", raising=False)
    assert not caches.caching_off()
    monkeypatch.setenv("SWREPORT_NO_CACHE", "1")
    assert caches.caching_off() and template_cache.bytecode_cache("swlib") is None
