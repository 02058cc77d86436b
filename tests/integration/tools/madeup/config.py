"""Madeup Code's adapter: the address and model in ``settings.json``, the key in ``.env``."""

from __future__ import annotations

from pathlib import Path

from codingplan.env import Env
from codingplan.plan import check_model
from codingplan.tools.adapter import Adapter, dig, read_config
from codingplan.tools.edits import FileSpec, Put
from codingplan.tools.types import ConfigFile, ConfigureOptions, KeyMode, Notice, Override
from tests.integration.tools.madeup import locations

KEY_VARIABLE = "MADEUP_KEY"


class Madeup(Adapter):
    def config_files(self, env: Env) -> tuple[ConfigFile, ...]:
        settings, key = locations.settings_file(env), locations.key_file(env)
        return (
            ConfigFile("settings", settings, settings.exists()),
            ConfigFile("key", key, key.exists()),
        )

    def file_specs(self, options: ConfigureOptions, key: str | None, env: Env) -> list[FileSpec]:
        settings = (
            Put(("api", "base"), self.base_url(options.endpoints)),
            Put(("api", "model"), check_model(options.model).id),
            Put(("telemetry",), self.option(options, "telemetry")),
        )
        return [
            FileSpec("settings", locations.settings_file(env), "json", settings),
            FileSpec(
                "key",
                locations.key_file(env),
                "dotenv",
                (Put((KEY_VARIABLE,), key, secret=True),),
            ),
        ]

    def current_target(self, env: Env) -> str | None:
        base = dig(read_config(locations.settings_file(env)), "api", "base")
        return base if isinstance(base, str) else None

    def overrides(self, env: Env, key_mode: KeyMode) -> list[Override]:
        if not env.var(KEY_VARIABLE):
            return []
        return [
            Override(
                KEY_VARIABLE, Notice("override", "{variable} is set.", {"variable": KEY_VARIABLE})
            )
        ]

    def verify_command(self, executable: Path, prompt: str) -> list[str]:
        return [str(executable), "ask", prompt]
