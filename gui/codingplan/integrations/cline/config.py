"""Cline (CLI 3.x and the SDK-based extension): one ``openai-compatible`` provider in
``providers.json``, made the last-used provider; the other providers stay.

Cline treats a ``providers.json`` that fails its schema as empty, logging out of every
provider, so the entry has exactly the shape ``cline auth`` writes (measured with 3.0.65).
Cline has no way to ask another program for a key: the key is kept in the file (0600).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from codingplan.env import Env
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.cline import locations
from codingplan.jsonc import MISSING
from codingplan.plan import check_model
from codingplan.tools.adapter import Adapter, dig, read_config
from codingplan.tools.edits import Expect, FileSpec, Put
from codingplan.tools.types import ConfigFile, ConfigureOptions, Notice

PROVIDER = "openai-compatible"
SCHEMA_VERSION = 1


class Cline(Adapter):
    def config_files(self, env: Env) -> tuple[ConfigFile, ...]:
        path = locations.providers_file(env)
        return (ConfigFile("providers", path, path.exists()),)

    def file_specs(self, options: ConfigureOptions, key: str | None, env: Env) -> list[FileSpec]:
        settings = {
            "provider": PROVIDER,
            "apiKey": key,
            "model": check_model(options.model).id,
            "baseUrl": self.base_url(options.endpoints),
        }
        # Cline stamps updatedAt again whenever it uses the provider; an entry that differs
        # only there is left as it is, so configuring twice changes nothing.
        entry = {"settings": settings, "updatedAt": _now(), "tokenSource": "manual"}
        ops = (
            Expect(
                ("version",),
                (MISSING, SCHEMA_VERSION),
                QT_TRANSLATE_NOOP("tools", "Set up the provider with 'cline auth' instead."),
            ),
            Put(("version",), SCHEMA_VERSION, if_absent=True),
            Put(("modes",), {}, if_absent=True),
            Put(("providers", PROVIDER), entry, secret=True, volatile=("updatedAt",)),
            Put(("lastUsedProvider",), PROVIDER),
        )
        return [FileSpec("providers", locations.providers_file(env), "json", ops)]

    def current_target(self, env: Env) -> str | None:
        data = read_config(locations.providers_file(env))
        last = dig(data, "lastUsedProvider")
        if not isinstance(last, str):
            return None
        url = dig(data, "providers", last, "settings", "baseUrl")
        return url if isinstance(url, str) else last

    def status_notes(self, env: Env) -> list[Notice]:
        if not any(locations.vscode_extensions(env).glob(f"{locations.EXTENSION_ID}-*")):
            return []
        return [
            Notice(
                "vscode_extension",
                QT_TRANSLATE_NOOP(
                    "tools",
                    "The Cline extension for VS Code is installed. Versions 4 and later read this "
                    "same providers.json after Reload Window; older ones keep their settings "
                    "inside VS Code: use the guided setup for them, then reload VS Code.",
                ),
            )
        ]

    def verify_command(self, executable: Path, prompt: str) -> list[str]:
        return [str(executable), "--json", prompt]

    def verify_failed(self, exit_code: int, stdout: str, stderr: str) -> bool:
        # Cline may exit 0 after a failed call: its last JSON line says how the run ended.
        return exit_code != 0 or bool(_FAILED.search(stdout)) or not _DONE.search(stdout)


_DONE = re.compile(r'"finishReason"\s*:\s*"completed"')
_FAILED = re.compile(r'"finishReason"\s*:\s*"(?!completed)[^"]+"|"type"\s*:\s*"error"')


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
