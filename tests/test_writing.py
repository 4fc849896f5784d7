"""Atomic writes (swlib.writing): a reader sees the old file or the new, never half of one."""

import os

import pytest

from swlib.writing import write_atomic


def test_an_atomic_write_replaces_the_file_whole_and_keeps_the_folders_permissions(tmp_path):
    path = tmp_path / "a" / "report.html"
    write_atomic(path, b"first")
    write_atomic(path, b"second")
    assert path.read_bytes() == b"second"
    assert [p.name for p in path.parent.iterdir()] == ["report.html"]  # no temporary file left
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


def test_a_failed_atomic_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "report.html"
    path.write_bytes(b"the old report")

    def no_space(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, b"half a new rep")
    assert path.read_bytes() == b"the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_a_write_of_a_new_file_keeps_one_that_appeared_meanwhile(tmp_path, monkeypatch):
    path = tmp_path / "councils.csv"
    fsync = os.fsync

    def another_writer(fd):  # while this write is under way, someone else writes the file
        path.write_bytes(b"theirs")
        fsync(fd)

    monkeypatch.setattr(os, "fsync", another_writer)
    with pytest.raises(FileExistsError, match="appeared while it was being written"):
        write_atomic(path, b"ours", new=True)
    assert path.read_bytes() == b"theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["councils.csv"]  # no temporary file left
