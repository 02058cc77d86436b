"""A second way in: the console token that Alibaba's ``bl`` command keeps.

``bl`` (bailian-cli) stores its console sign-in as ``access_token`` in plain text in
``~/.bailian/config.json`` (``$BAILIAN_CONFIG_DIR/config.json`` when set), with the
console's region and site beside it. For people who use ``bl``, reading that token lights
up the plan's figures without an AccessKey here. The file is ``bl``'s: it is only read,
never written, and the token is never copied anywhere (not even into the keyring). A token
``bl`` let expire cannot be renewed here; the console then says so.

The file is hostile input: a folder, a pipe, a huge or binary file, bad JSON, deep
nesting or odd values all read as "no token", never as an error or a hang.
"""

from __future__ import annotations

import json
import logging
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from codingplan.console.hosts import CONSOLE_REGIONS, Site
from codingplan.env import Env
from codingplan.redact import mask_value

log = logging.getLogger(__name__)

CONFIG_DIR_VARIABLE = "BAILIAN_CONFIG_DIR"
_LARGEST_FILE = 256 * 1024
_TOKEN = re.compile(r"[!-~]{16,8192}")


@dataclass(frozen=True, repr=False)
class BlLogin:
    """``bl``'s console token, with the region and site it was made for when ``bl`` says."""

    token: str
    path: Path
    region: str | None = None  # the console's name: "cn-beijing" or "ap-southeast-1"
    site: Site | None = None

    def __post_init__(self) -> None:
        mask_value(self.token)

    def __repr__(self) -> str:
        return f"BlLogin(path={str(self.path)!r}, region={self.region!r}, site={self.site!r})"

    __str__ = __repr__


def config_path(env: Env | None = None) -> Path:
    env = env or Env.current()
    folder = env.path_var(CONFIG_DIR_VARIABLE) or env.home / ".bailian"
    return folder / "config.json"


def _read_bounded(path: Path) -> bytes | None:
    """The file's bytes if it is a regular file of a sane size; None otherwise. Opened
    without blocking (a pipe in its place must not hang the app) and read at most once."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _LARGEST_FILE:
            return None
        chunks, size = [], 0
        while size <= _LARGEST_FILE:
            chunk = os.read(fd, _LARGEST_FILE + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    return b"".join(chunks) if size <= _LARGEST_FILE else None


def read_login(env: Env | None = None) -> BlLogin | None:
    """``bl``'s console token if its config holds a usable one, else None. Never raises."""
    path = config_path(env)
    data = _read_bounded(path)
    if data is None:
        return None
    try:
        config = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):  # bad UTF-8 is a ValueError too
        log.info("bl's config %s is not JSON: not read", path)
        return None
    token = config.get("access_token") if isinstance(config, dict) else None
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        return None
    region = config.get("console_region")
    site = config.get("console_site")
    return BlLogin(
        token,
        path,
        region if region in CONSOLE_REGIONS.values() else None,
        Site(site) if site in ("international", "domestic") else None,
    )
