"""The release workflow's own steps: the tag must be the version, the notes come from the
changelog, and the checksums file is what sha256sum checks."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


def tree(root: Path, heading: str = "2026-12-01", tag: str | None = "v0.3.0") -> Path:
    """A release tree of its own: the script, the version, the changelog, the project's URL,
    committed and tagged."""
    (root / "packaging").mkdir(parents=True)
    shutil.copy2(RELEASE, root / "packaging" / "release.py")
    (root / "gui" / "codingplan").mkdir(parents=True)
    (root / "gui" / "codingplan" / "__init__.py").write_text('__version__ = "0.3.0"\n')
    (root / "CHANGELOG.md").write_text(
        f"# Changelog\n\n## [0.3.0] - {heading}\n\n### Added\n\n- Things.\n\n"
        "## [0.2.0] - 2026-11-01\n\n### Fixed\n\n- Others.\n"
    )
    shutil.copy2(REPO / "pyproject.toml", root / "pyproject.toml")
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Release"], check=True)
    if tag:
        subprocess.run([*git, "tag", tag], check=True)
    return root


def run_in(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(root / "packaging" / "release.py"), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_dated_version_has_its_release_notes(tmp_path):
    root = tree(tmp_path / "tree")
    notes = run_in(root, "notes", "0.3.0")
    assert notes.returncode == 0, notes.stderr
    assert notes.stdout == "### Added\n\n- Things.\n"
    assert run_in(root, "notes", "0.2.0").stdout == "### Fixed\n\n- Others.\n"
    assert run_in(root, "notes", "99.0.0").returncode == 1


@pytest.mark.parametrize("heading", ["not released yet", "unreleased", "", "2026-13"])
def test_a_version_without_its_release_date_is_not_released(tmp_path, heading):
    root = tree(tmp_path / "tree", heading=heading)
    notes = run_in(root, "notes", "0.3.0")
    assert notes.returncode == 1
    (line,) = notes.stderr.splitlines()
    assert "## [0.3.0] - YYYY-MM-DD" in line


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


def artifacts(dist: Path, version: str = "0.3.0") -> dict[str, str]:
    """Installers of made-up bytes, with their SHA-256."""
    dist.mkdir(parents=True, exist_ok=True)
    sums = {}
    for name in (
        f"CodingPlanConfigurator-{version}-windows-x64-setup.exe",
        f"CodingPlanConfigurator-{version}-macos-arm64.dmg",
        f"CodingPlanConfigurator-{version}-macos-x86_64.dmg",
        f"codingplan-{version}-linux-x86_64.tar.gz",
    ):
        data = name.encode() * 1000
        (dist / name).write_bytes(data)
        sums[name] = hashlib.sha256(data).hexdigest()
    return sums


# Required by winget's 1.6.0 JSON schemas (manifest.version, .installer, .defaultLocale).
WINGET_REQUIRED = {
    "CodingPlan.Configurator.yaml": {
        "PackageIdentifier",
        "PackageVersion",
        "DefaultLocale",
        "ManifestType",
        "ManifestVersion",
    },
    "CodingPlan.Configurator.installer.yaml": {
        "PackageIdentifier",
        "PackageVersion",
        "Installers",
        "ManifestType",
        "ManifestVersion",
    },
    "CodingPlan.Configurator.locale.en-US.yaml": {
        "PackageIdentifier",
        "PackageVersion",
        "PackageLocale",
        "Publisher",
        "PackageName",
        "License",
        "ShortDescription",
        "ManifestType",
        "ManifestVersion",
    },
}
WINGET_INSTALLER_REQUIRED = {"Architecture", "InstallerUrl", "InstallerSha256"}
# A cask needs these stanzas (Homebrew's Cask Cookbook, and `brew audit` for desc).
CASK_REQUIRED = ("version", "sha256", "url", "name", "desc", "homepage", "app")


def read_yaml(path: Path) -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text())


def test_dry_run_on_a_tagged_tree_writes_the_manifests_with_the_real_checksums(tmp_path):
    root = tree(tmp_path / "tree")
    sums = artifacts(root / "dist")
    done = run_in(root, "--dry-run")
    assert done.returncode == 0, done.stderr
    dist = root / "dist"
    assert (dist / "notes.md").read_text() == "### Added\n\n- Things.\n"
    assert (dist / "SHA256SUMS").read_text() == "".join(
        f"{digest}  {name}\n" for name, digest in sorted(sums.items())
    )
    manifests = {name: read_yaml(dist / name) for name in WINGET_REQUIRED}
    for name, required in WINGET_REQUIRED.items():
        assert required <= manifests[name].keys(), name
        assert manifests[name]["PackageVersion"] == "0.3.0"
        assert manifests[name]["ManifestVersion"] == "1.6.0"
    installer = manifests["CodingPlan.Configurator.installer.yaml"]
    assert installer["InstallerType"] == "inno" and installer["Scope"] == "user"
    assert "/VERYSILENT" in installer["InstallerSwitches"]["Silent"]
    assert "/CURRENTUSER" in installer["InstallerSwitches"]["Silent"]
    (setup,) = installer["Installers"]
    assert setup.keys() >= WINGET_INSTALLER_REQUIRED
    name = "CodingPlanConfigurator-0.3.0-windows-x64-setup.exe"
    assert setup["InstallerSha256"] == sums[name].upper()
    assert setup["InstallerUrl"] == (
        f"https://github.com/codingplan/configurator/releases/download/v0.3.0/{name}"
    )
    iss = (REPO / "packaging/windows/installer.iss").read_text("utf-8").replace("{{", "{")
    assert f"AppId={installer['ProductCode'].removesuffix('_is1')}" in iss

    cask = (dist / "coding-plan-configurator.rb").read_text()
    for stanza in CASK_REQUIRED:
        assert re.search(rf"^  {stanza} ", cask, re.MULTILINE), stanza
    assert f'arm:   "{sums["CodingPlanConfigurator-0.3.0-macos-arm64.dmg"]}"' in cask
    assert f'intel: "{sums["CodingPlanConfigurator-0.3.0-macos-x86_64.dmg"]}"' in cask
    assert 'version "0.3.0"' in cask
    assert "macos-#{arch}.dmg" in cask and 'arch arm: "arm64", intel: "x86_64"' in cask
    uninstall = cask[cask.index("  uninstall ") : cask.index("  zap ")]
    assert uninstall.index("early_script") < uninstall.index("quit")  # revert comes first
    assert 'args:       ["revert", "--all", "--yes"]' in uninstall
    assert cask.count("do\n") == cask.count("\nend\n") == 1

    again = run_in(root, "--dry-run")  # the manifests of the first run are not summed
    assert again.returncode == 0 and (dist / "SHA256SUMS").read_text().count("\n") == 4


def test_dry_run_refuses_an_untagged_tree_or_a_missing_installer(tmp_path):
    untagged = tree(tmp_path / "untagged", tag=None)
    artifacts(untagged / "dist")
    refused = run_in(untagged, "--dry-run")
    assert refused.returncode == 1 and "HEAD has no tag" in refused.stderr

    wrong = tree(tmp_path / "wrong", tag="v9.9.9")
    artifacts(wrong / "dist")
    assert "does not match" in run_in(wrong, "--dry-run").stderr

    lacking = tree(tmp_path / "lacking")
    artifacts(lacking / "dist")
    (lacking / "dist" / "CodingPlanConfigurator-0.3.0-macos-x86_64.dmg").unlink()
    refused = run_in(lacking, "--dry-run")
    assert refused.returncode == 1
    assert "lacks CodingPlanConfigurator-0.3.0-macos-x86_64.dmg" in refused.stderr
    assert not (lacking / "dist" / "coding-plan-configurator.rb").exists()


def test_the_changelog_heading_of_this_version():
    """Until its release date is in CHANGELOG.md, this version cannot be published."""
    notes = release("notes", __version__)
    heading = re.search(
        rf"^## \[{re.escape(__version__)}\] - (.*)$",
        (REPO / "CHANGELOG.md").read_text("utf-8"),
        re.MULTILINE,
    )
    assert heading
    assert (notes.returncode == 0) == bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", heading.group(1)))
