"""The release workflow's own steps: the tag must be the version, the notes come from the
changelog, and the checksums file is what sha256sum checks."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from codingplan import __version__
from tests.conftest import REPO

RELEASE = REPO / "packaging" / "release.py"


def release(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RELEASE), *args], capture_output=True, text=True, timeout=60
    )


def test_a_tag_must_be_the_version():
    assert release("check-tag", f"v{__version__}").returncode == 0
    wrong = release("check-tag", "v99.0.0")
    assert wrong.returncode == 1
    (line,) = wrong.stderr.splitlines()
    assert "v99.0.0 does not match" in line and f"tag v{__version__}" in line
    assert release("check-tag", __version__).returncode == 1  # the v is part of the tag


def test_the_version_has_its_release_notes_in_the_changelog():
    notes = release("notes", __version__)
    assert notes.returncode == 0, notes.stderr
    assert "### " in notes.stdout and "## [" not in notes.stdout
    assert release("notes", "99.0.0").returncode == 1


def test_checksums_in_the_format_sha256sum_reads(tmp_path):
    (tmp_path / "a.tar.gz").write_bytes(b"one")
    (tmp_path / "b.dmg").write_bytes(b"two")
    assert release("checksums", str(tmp_path)).returncode == 0
    assert (tmp_path / "SHA256SUMS").read_text() == "".join(
        f"{hashlib.sha256(data).hexdigest()}  {name}\n"
        for name, data in (("a.tar.gz", b"one"), ("b.dmg", b"two"))
    )
    assert release("checksums", str(tmp_path)).returncode == 0  # again: the sums not summed
    assert "SHA256SUMS" not in (tmp_path / "SHA256SUMS").read_text()
