"""Cline (CLI 3.x and the SDK-based extension): one ``openai-compatible`` provider in
``providers.json``, made the last-used provider; the other providers stay.

Cline treats a ``providers.json`` that fails its schema as empty, logging out of every
provider, so the entry has exactly the shape ``cline auth`` writes (measured with 3.0.65).
Cline has no way to ask another program for a key: the key is kept in the file (0600).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from codingplan.errors import CodingPlanError
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.plan import Endpoints, check_model
from codingplan.tools.base import Adapter, dig, read_json
from codingplan.tools.edits import FileSpec, Put
from codingplan.tools.jsonc import MISSING
from codingplan.tools.model import (
    ConfigFile,
    ConfigureOptions,
    Env,
    GuidedPage,
    GuideStep,
    Notice,
)

PROVIDER = "openai-compatible"
SCHEMA_VERSION = 1


def vscode_user_dir(env: Env) -> Path:
    if env.platform == "darwin":
        return env.home / "Library" / "Application Support" / "Code" / "User"
    if env.platform == "win32":
        appdata = env.path_var("APPDATA") or env.home / "AppData" / "Roaming"
        return appdata / "Code" / "User"
    return (env.path_var("XDG_CONFIG_HOME") or env.home / ".config") / "Code" / "User"


class Cline(Adapter):
    id = "cline"
    name = "Cline"
    executables = ("cline",)
    packages = ("cline", "@cline/cli-linux-x64", "@cline/cli-darwin-arm64", "@cline/cli-win32-x64")

    def providers_file(self, env: Env) -> Path:
        explicit = env.path_var("CLINE_PROVIDER_SETTINGS_PATH")
        if explicit:
            return explicit
        data = env.path_var("CLINE_DATA_DIR") or (
            (env.path_var("CLINE_DIR") or env.home / ".cline") / "data"
        )
        return data / "settings" / "providers.json"

    def config_files(self, env: Env) -> tuple[ConfigFile, ...]:
        path = self.providers_file(env)
        return (ConfigFile("providers", path, path.exists()),)

    def file_specs(self, options: ConfigureOptions, key: str | None, env: Env) -> list[FileSpec]:
        path = self.providers_file(env)
        current = read_json(path)
        version = dig(current, "version")
        if version not in (MISSING, SCHEMA_VERSION):
            raise CodingPlanError(
                "edit_refused",
                QT_TRANSLATE_NOOP(
                    "tools",
                    "{file} has format version {version}, which this app does not know; it was "
                    "left untouched.",
                ),
                QT_TRANSLATE_NOOP("tools", "Set up the provider with 'cline auth' instead."),
                file=str(path),
                version=version,
            )
        settings = {
            "provider": PROVIDER,
            "apiKey": key,
            "model": check_model(options.model).id,
            "baseUrl": options.endpoints.openai_base,
        }
        existing = dig(current, "providers", PROVIDER)
        unchanged = isinstance(existing, dict) and existing.get("settings") == settings
        entry = {
            "settings": settings,
            # An unchanged entry keeps its time, so that configuring twice changes nothing.
            "updatedAt": existing["updatedAt"] if unchanged else _now(),
            "tokenSource": "manual",
        }
        ops = (
            Put(("version",), SCHEMA_VERSION, if_absent=True),
            Put(("modes",), {}, if_absent=True),
            # Cline stamps updatedAt again whenever it uses the provider.
            Put(("providers", PROVIDER), entry, secret=True, volatile=("updatedAt",)),
            Put(("lastUsedProvider",), PROVIDER),
        )
        return [FileSpec("providers", path, "json", ops)]

    def current_target(self, env: Env) -> str | None:
        data = read_json(self.providers_file(env))
        last = dig(data, "lastUsedProvider")
        if not isinstance(last, str):
            return None
        url = dig(data, "providers", last, "settings", "baseUrl")
        return url if isinstance(url, str) else last

    def status_notes(self, env: Env) -> list[Notice]:
        extensions = env.home / ".vscode" / "extensions"
        if not any(extensions.glob("saoudrizwan.claude-dev-*")):
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

    def guide(self, endpoints: Endpoints, model: str) -> GuidedPage:
        return GuidedPage(
            self.id,
            "Cline (VS Code extension)",
            "openai",
            {"openai": endpoints.openai_base},
            model,
            (
                GuideStep(
                    QT_TRANSLATE_NOOP(
                        "tools",
                        'Open Cline\'s settings, choose the API provider "OpenAI Compatible".',
                    )
                ),
                GuideStep(
                    QT_TRANSLATE_NOOP(
                        "tools", "Base URL: {url}. API key: the plan key. Model ID: {model}."
                    ),
                    {"url": endpoints.openai_base, "model": model},
                ),
                GuideStep(
                    QT_TRANSLATE_NOOP(
                        "tools", 'Run "Developer: Reload Window" so VS Code picks the change up.'
                    )
                ),
            ),
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
