"""The Kilo Code CLI's adapter: OpenCode's, with Kilo's names, folders and variables."""

from __future__ import annotations

from typing import ClassVar

from codingplan.integrations.kilo_cli.locations import KILO
from codingplan.integrations.opencode.config import OpenCode
from codingplan.integrations.opencode.locations import Layout


class KiloCli(OpenCode):
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
