"""Where the app keeps its files, per OS conventions (platformdirs)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from codingplan import APP_ID


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_ID, appauthor=False))


def settings_file() -> Path:
    return config_dir() / "settings.json"


def test_requests_file() -> Path:
    """The app's own record of the test requests it sent (each costs quota)."""
    return data_dir() / "test-requests.jsonl"
