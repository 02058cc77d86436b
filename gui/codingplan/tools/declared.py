"""What a coding tool declares about itself, beside where its files are: how it is installed,
where it can get the key from, its own yes/no options, and the words a verify run looks for
in its output.

Each integration states these once, in its ``Integration``; the adapter, the CLI's flags,
the app's check boxes and the README's table of tools are all made from them. Plain values
only (named tuples, one enum): ``codingplan usage`` loads every integration, and these with
them.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from codingplan.env import Env


class KeyMode(enum.StrEnum):
    KEYRING = "keyring"  # the tool asks this app for the key; no copy in a file
    INLINE = "inline"  # a copy of the key in the tool's file, mode 0600


class Install(NamedTuple):
    """How the tool is installed: its npm packages (the first is the one to install; the
    others, its platform packages, also tell its version), the commands it puts on PATH,
    and where an installer of its own puts it outside PATH."""

    packages: tuple[str, ...] = ()
    executables: tuple[str, ...] = ()
    elsewhere: Callable[[Env], tuple[Path, ...]] | None = None

    @property
    def command(self) -> str:
        """The command that installs it, where the app knows one."""
        return f"npm install -g {self.packages[0]}" if self.packages else ""


class ToolOption(NamedTuple):
    """A yes/no choice of the tool's own, besides the model and the key mode: a check box on
    the tool's page in the app and ``--NAME``/``--no-NAME`` on ``codingplan configure``.
    The choice is remembered with the tool's other choices once it differs from
    ``default``."""

    name: str  # as the settings remember it, e.g. "status_line"
    label: str  # the check box (QT_TRANSLATE_NOOP "tools")
    help: str  # the command line's help, in English
    default: bool = True

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


class VerifyPatterns(NamedTuple):
    """What the tool prints that a verify run reads, as regular expressions (searched without
    regard to case), beside the HTTP statuses and network errors every tool prints alike.
    An empty pattern looks for nothing."""

    login: str = ""  # it asked for a login instead of using the plan key
    key_unavailable: str = ""  # it could not get the key from this app; group 1 says why
    unknown_model: str = ""  # it warned that it does not know the model
    status: str = ""  # the server's HTTP status in a shape of its own; group 1 is the status
