import os
import stat

import pytest

from codingplan import fileio


def test_atomic_write_creates_and_replaces(tmp_path):
    target = tmp_path / "sub" / "file.json"
    fileio.atomic_write(target, b"one")
    fileio.atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["file.json"]  # no temp files left


def test_atomic_write_keeps_the_mode_or_sets_the_given_one(tmp_path):
    target = tmp_path / "f"
    target.write_bytes(b"x")
    target.chmod(0o640)
    fileio.atomic_write(target, b"y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fileio.atomic_write(target, b"z", mode=0o600)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_atomic_write_goes_through_a_symlink(tmp_path):
    real = tmp_path / "dotfiles" / "settings.json"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "settings.json"
    link.symlink_to(real)
    written = fileio.atomic_write(link, b"new")
    assert written == real
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "dir" / "f"
    target.parent.mkdir()
    target.write_bytes(b"precious")

    def crash(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        fileio.atomic_write(target, b"half")
    assert target.read_bytes() == b"precious"
    assert [p.name for p in target.parent.iterdir()] == ["f"]
