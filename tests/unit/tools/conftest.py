"""Shared helpers for the tool adapter tests: a fake key, options, an Env on the test HOME."""

from __future__ import annotations

from pathlib import Path

import pytest

from codingplan.env import Env
from codingplan.plan import Region, endpoints_for
from codingplan.tools.types import ConfigureOptions, KeyMode

KEY = "sk-sp-unit0test0key0never0real0aaaa"
OTHER_KEY = "sk-sp-unit0test0key0rotated0bbbbbbb"
ORIGIN = "http://127.0.0.1:9"


def options(
    key_mode: KeyMode = KeyMode.INLINE, model: str = "qwen3-coder-plus"
) -> ConfigureOptions:
    return ConfigureOptions(model, key_mode, endpoints_for(Region.INTL, ORIGIN))


@pytest.fixture
def env(home: Path) -> Env:
    """The test's HOME, an empty PATH (no tool installed) and no variables."""
    return Env("linux", home, {"HOME": str(home), "PATH": ""})
