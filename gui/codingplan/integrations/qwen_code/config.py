"""Qwen Code: the Coding Plan shape its 0.24 docs give (``modelProviders.openai`` entries,
``security.auth.selectedType``, ``model.name``), with the key in ``~/.qwen/.env``.

Decisions, from Qwen Code 0.24.4's own code and docs:

- ``envKey`` is ``BAILIAN_CODING_PLAN_API_KEY``, the name Qwen Code documents and its
  ``/auth`` flow uses. Its automatic template update only runs when
  ``providerMetadata.coding-plan.version`` is present, which this app never writes, so our
  entries are never rewritten behind the person's back; if the person later runs ``/auth``
  for the Coding Plan, Qwen Code takes the entries over (same variable, same address),
  which is what they asked for, and revert then leaves them alone as "changed since".
- Qwen Code has no way to ask another program for a key: it reads the variable from the
  shell, then a ``.env`` file, then ``settings.json`` ``env`` (``$VAR`` interpolation only
  points at yet another variable). So the key is kept inline, with consent, in
  ``~/.qwen/.env`` (mode 0600): Qwen Code's docs recommend it over ``settings.json`` (which
  people share and sync), it beats a stale key in ``settings.json``, and 0.24 reads it from
  any working folder. A variable exported in the shell beats it: that is reported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from codingplan.env import Env
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.qwen_code import locations
from codingplan.plan import CATALOG, check_model
from codingplan.tools.adapter import Adapter, dig, read_config
from codingplan.tools.edits import Entry, FileSpec, Op, Put
from codingplan.tools.types import ConfigFile, ConfigureOptions, KeyMode, Notice, Override

ENV_KEY = "BAILIAN_CODING_PLAN_API_KEY"


class QwenCode(Adapter):
    def config_files(self, env: Env) -> tuple[ConfigFile, ...]:
        settings, dotenv = locations.settings_file(env), locations.env_file(env)
        return (
            ConfigFile("settings", settings, settings.exists()),
            ConfigFile("key", dotenv, dotenv.exists()),
        )

    def entries(self, options: ConfigureOptions) -> list[Entry]:
        """One provider entry per plan model; the chosen model's first, so it wins ties."""
        chosen = check_model(options.model)
        base = self.base_url(options.endpoints)
        ordered = [chosen, *(m for m in CATALOG if m.id != chosen.id)]
        entries = []
        for model in reversed(ordered):  # each is put first in the list: end with the chosen
            entry: dict[str, Any] = {
                "id": model.id,
                "name": f"{model.id} (Coding Plan)",
                "baseUrl": base,
                "description": f"{model.name} from Alibaba Cloud Coding Plan"
                + (" (Pro subscribers only)" if model.pro_only else ""),
                "envKey": ENV_KEY,
            }
            if model.context_window:
                entry["generationConfig"] = {"contextWindowSize": model.context_window}
            entries.append(
                Entry(("modelProviders", "openai"), {"id": model.id, "baseUrl": base}, entry)
            )
        return entries

    def file_specs(self, options: ConfigureOptions, key: str | None, env: Env) -> list[FileSpec]:
        settings: tuple[Op, ...] = (
            *self.entries(options),
            Put(("security", "auth", "selectedType"), "openai"),
            Put(("model", "name"), check_model(options.model).id),
        )
        return [
            FileSpec("settings", locations.settings_file(env), "jsonc", settings),
            FileSpec(
                "key", locations.env_file(env), "dotenv", (Put((ENV_KEY,), key, secret=True),)
            ),
        ]

    def current_target(self, env: Env) -> str | None:
        settings = read_config(locations.settings_file(env))
        selected = dig(settings, "security", "auth", "selectedType")
        if not isinstance(selected, str):
            return None
        model = dig(settings, "model", "name")
        for entry in dig(settings, "modelProviders", selected) or []:
            if isinstance(entry, dict) and entry.get("id") == model and entry.get("baseUrl"):
                return str(entry["baseUrl"])
        return selected

    def overrides(self, env: Env, key_mode: KeyMode) -> list[Override]:
        if not env.var(ENV_KEY):
            return []
        return [
            Override(
                ENV_KEY,
                Notice(
                    "override",
                    QT_TRANSLATE_NOOP(
                        "tools",
                        "{variable} is set in your environment: Qwen Code uses it instead of the "
                        "key in {file}. Remove it from your shell profile.",
                    ),
                    {"variable": ENV_KEY, "file": str(locations.env_file(env))},
                ),
            )
        ]

    def verify_command(self, executable: Path, prompt: str) -> list[str]:
        return [str(executable), "-p", prompt]
