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

from typing import ClassVar

from codingplan.integrations.integration import Integration
from codingplan.integrations.opencode import guide_for
from codingplan.integrations.opencode.config import OpenCode
from codingplan.integrations.opencode.locations import Layout
from codingplan.integrations.opencode.usage import OpenCodeSource

KILO = Layout(
    folder="kilo",
    config_names=("config.json", "kilo.json", "kilo.jsonc", "opencode.json", "opencode.jsonc"),
    edit_names=("kilo.json", "kilo.jsonc", "opencode.json", "opencode.jsonc"),
    config_var="KILO_CONFIG",
    content_var="KILO_CONFIG_CONTENT",
    database="kilo.db",
    dir_var="KILO_CONFIG_DIR",
    database_var="KILO_DB",
)


class KiloCli(OpenCode):
    id = "kilo-cli"
    name = "Kilo Code CLI"
    executables = ("kilo",)
    packages = ("@kilocode/cli", "@kilocode/cli-linux-x64")
    requests_per_verify = 1
    layout: ClassVar[Layout] = KILO

    def verify_environment(self) -> dict[str, str]:
        return {
            "KILO_SESSION_RETRY_LIMIT": "1",
            "KILO_DISABLE_AUTOUPDATE": "1",
            "KILO_TELEMETRY_LEVEL": "off",
        }

    def verify_failed(self, exit_code: int, stdout: str, stderr: str) -> bool:
        # A run stopped by a signal it ignored exits 0 with nothing said.
        return exit_code != 0 or not stdout.strip()


INTEGRATION = Integration(
    "kilo-cli",
    "Kilo Code CLI",
    "#f8c55a",
    guide_for("~/.config/kilo/kilo.json"),
    KiloCli(),
    lambda env: [OpenCodeSource("kilo-cli", KILO, env)],
)
