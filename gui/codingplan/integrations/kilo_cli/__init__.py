"""Kilo Code CLI (``@kilocode/cli``, command ``kilo``): an OpenCode fork, configured and counted
by the OpenCode integration with Kilo's own folders and variables.

Measured with 7.7.7 against the stand-in of the plan:
- it merges ``~/.config/kilo/`` ``config.json``, ``kilo.json``, ``kilo.jsonc``,
  ``opencode.json`` and ``opencode.jsonc`` in that order (the later wins); ``KILO_CONFIG_DIR``
  replaces that folder, ``KILO_CONFIG`` adds a file, ``KILO_CONFIG_CONTENT`` text on top;
- one prompt is one request (no title call in ``kilo run``), each an assistant message in
  ``~/.local/share/kilo/kilo.db`` (``KILO_DB`` moves it) shaped as OpenCode's;
- it retries a refused call five times, and an unreachable address for ever, unless
  ``KILO_SESSION_RETRY_LIMIT`` says otherwise: a verify run allows one retry;
- it writes its own ``"$schema"`` into its config, and once moves the whole file through
  ``JSON.stringify`` to add ``"permission": {"bash": "allow"}``: revert then takes out only
  what this app set, leaving Kilo's own changes.
The Kilo Code extension for VS Code and JetBrains keeps its settings in the editor: it is
the guided ``kilo-code`` page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from codingplan.integrations.integration import Integration
from codingplan.integrations.kilo_cli.locations import KILO
from codingplan.integrations.opencode import guide_for
from codingplan.integrations.opencode.usage import OpenCodeSource
from codingplan.tools.declared import Install

if TYPE_CHECKING:
    from codingplan.tools.adapter import Adapter

__all__ = ["INTEGRATION", "KILO"]


def _adapter(declared: Integration) -> Adapter:  # loaded when first asked for: `usage` needs none
    from codingplan.integrations.kilo_cli.config import KiloCli

    return KiloCli(declared)


INTEGRATION = Integration(
    "kilo-cli",
    "Kilo Code CLI",
    "#f8c55a",
    guide_for("~/.config/kilo/kilo.json"),
    _adapter,
    lambda env: [OpenCodeSource("kilo-cli", KILO, env)],
    install=Install(
        ("@kilocode/cli", "@kilocode/cli-linux-x64"), ("kilo",), KILO.install_locations
    ),
    environment=KILO.variables,
)
