"""Atomic writes (swlib.writing): a reader sees the old file or the new, never half of one."""

import os
import stat

import pytest

from swlib.writing import write_atomic


def test_a_file_is_replaced_whole_and_its_folder_made_with_no_temporary_left(tmp_path):
    path = tmp_path / "reports" / "q.html"
    write_atomic(path, b"first")
    write_atomic(path, b"second")
    assert path.read_bytes() == b"second"
    assert [p.name for p in path.parent.iterdir()] == ["q.html"]  # no .q.html.*.tmp beside it


def test_the_file_takes_the_umasks_permissions_not_the_temporary_files_0600(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.csv", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.csv").stat().st_mode) == 0o644


def test_a_new_file_that_is_there_by_the_time_it_is_written_is_kept_and_nothing_written(tmp_path):
    path = tmp_path / "merged.csv"
    path.write_bytes(b"theirs")  # another run wrote it first
    with pytest.raises(FileExistsError):
        write_atomic(path, b"mine", new=True)
    assert path.read_bytes() == b"theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["merged.csv"]


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "index.html"
    path.write_bytes(b"old")

    def full_disk(*a):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["index.html"]
