"""Continue: one OpenAI-compatible model of the plan at the head of ``models`` in
``~/.continue/config.yaml``, which the ``cn`` CLI and the VS Code and JetBrains extensions all
read, so one configure serves the three.

Measured with ``cn`` 1.5.47: the config needs ``name`` and ``version``; the model used is the
first one for chat; the file is never rewritten by the tool. Continue cannot ask another
program for a key, but it reads ``${{ secrets.NAME }}`` from ``~/.continue/.env`` with no
account: the key is kept there (mode 0600) and the shared, often synced, config.yaml names
it only. A variable of that name in the shell (or in a project's ``.env``) comes first.
"""

from __future__ import annotations

from pathlib import Path

from codingplan.env import Env
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.continue_dev import locations
from codingplan.plan import check_model
from codingplan.tools.adapter import Adapter, read_config
from codingplan.tools.edits import Entry, FileSpec, Put
from codingplan.tools.types import ConfigFile, ConfigureOptions, KeyMode, Notice, Override

SECRET = "CODING_PLAN_API_KEY"
KEY_REFERENCE = "${{ secrets." + SECRET + " }}"  # how Continue names a secret


class Continue(Adapter):
    def config_files(self, env: Env) -> tuple[ConfigFile, ...]:
        config, secrets = locations.config_file(env), locations.secrets_file(env)
        return (
            ConfigFile("settings", config, config.exists()),
            ConfigFile("key", secrets, secrets.exists()),
        )

    def file_specs(self, options: ConfigureOptions, key: str | None, env: Env) -> list[FileSpec]:
        model = check_model(options.model)
        base = self.base_url(options.endpoints)
        entry: dict[str, object] = {
            "name": f"{model.name} (Coding Plan)",
            "provider": "openai",
            "model": model.id,
            "apiBase": base,
            "apiKey": KEY_REFERENCE,
        }
        if model.context_window:
            entry["defaultCompletionOptions"] = {"contextLength": model.context_window}
        settings = (
            # What Continue requires of a config; a file that has them keeps its own.
            Put(("name",), "Local config", if_absent=True),
            Put(("version",), "1.0.0", if_absent=True),
            Put(("schema",), "v1", if_absent=True),
            # Put first, so that it is the model Continue uses.
            Entry(("models",), {"provider": "openai", "apiBase": base}, entry),
        )
        return [
            FileSpec("settings", locations.config_file(env), "yaml", settings),
            FileSpec(
                "key", locations.secrets_file(env), "dotenv", (Put((SECRET,), key, secret=True),)
            ),
        ]

    def current_target(self, env: Env) -> str | None:
        """The base URL of the model Continue uses: the first one that takes chat."""
        config = read_config(locations.config_file(env), "yaml")
        models = config.get("models") if isinstance(config, dict) else None
        for model in models if isinstance(models, list) else []:
            roles = model.get("roles") if isinstance(model, dict) else None
            if isinstance(model, dict) and (roles is None or "chat" in roles):
                base = model.get("apiBase")
                return base if isinstance(base, str) else str(model.get("provider") or "")
        return None

    def overrides(self, env: Env, key_mode: KeyMode) -> list[Override]:
        if not env.var(SECRET):
            return []
        return [
            Override(
                SECRET,
                Notice(
                    "override",
                    QT_TRANSLATE_NOOP(
                        "tools",
                        "{variable} is set in your environment: Continue uses it instead of the "
                        "key in {file}. Remove it from your shell profile.",
                    ),
                    {"variable": SECRET, "file": str(locations.secrets_file(env))},
                ),
            )
        ]

    def verify_command(self, executable: Path, prompt: str) -> list[str]:
        return [str(executable), "-p", prompt]

    def verify_environment(self) -> dict[str, str]:
        return {"CONTINUE_CLI_ENABLE_TELEMETRY": "0"}

    def verify_failed(self, exit_code: int, stdout: str, stderr: str) -> bool:
        # cn stopped by SIGTERM exits 0 with nothing said: an answer is the proof.
        return exit_code != 0 or not stdout.strip()
