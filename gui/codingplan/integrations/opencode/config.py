"""OpenCode: a ``codingplan`` provider (OpenAI-compatible) with the plan's models, and
``model`` / ``small_model`` pinned to it, in the global ``opencode.json`` (JSONC allowed).

OpenCode 1.18.33 substitutes only ``{env:VAR}`` and ``{file:path}`` in its config (read from
the binary): the first needs the key exported in every shell that starts OpenCode, the
second is a plain-text copy in another file. Neither reads the keyring, so the key is kept
in the config itself, with consent, and the file becomes private (0600).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from codingplan.env import Env
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.opencode.locations import OPENCODE, Layout
from codingplan.plan import CATALOG, check_model
from codingplan.tools.adapter import Adapter, dig, read_config
from codingplan.tools.edits import FileSpec, Op, Put
from codingplan.tools.types import ConfigFile, ConfigureOptions, KeyMode, Notice, Override

PROVIDER = "codingplan"


def _model_entry(model_id: str) -> dict[str, object]:
    model = check_model(model_id)
    entry: dict[str, object] = {"name": model.name}
    if model.context_window and model.max_output:
        entry["limit"] = {"context": model.context_window, "output": model.max_output}
    return entry


class OpenCode(Adapter):
    layout: ClassVar[Layout] = OPENCODE

    def config_files(self, env: Env) -> tuple[ConfigFile, ...]:
        path = self.layout.config_file(env)
        return (ConfigFile("settings", path, path.exists()),)

    def file_specs(self, options: ConfigureOptions, key: str | None, env: Env) -> list[FileSpec]:
        chosen = check_model(options.model).id
        base = ("provider", PROVIDER)
        ops: list[Op] = [
            Put((*base, "npm"), "@ai-sdk/openai-compatible"),
            Put((*base, "name"), "Alibaba Cloud Coding Plan"),
            Put((*base, "options", "baseURL"), self.base_url(options.endpoints)),
            Put((*base, "options", "apiKey"), key, secret=True),
        ]
        ops += [Put((*base, "models", m.id), _model_entry(m.id)) for m in CATALOG]
        ops += [
            Put(("model",), f"{PROVIDER}/{chosen}"),
            # Pinned too, or OpenCode picks another provider's model for titles.
            Put(("small_model",), f"{PROVIDER}/{chosen}"),
        ]
        return [FileSpec("settings", self.layout.config_file(env), "jsonc", tuple(ops))]

    def current_target(self, env: Env) -> str | None:
        data = read_config(self.layout.config_file(env))
        model = dig(data, "model")
        if not isinstance(model, str) or "/" not in model:
            return None
        provider = model.split("/", 1)[0]
        url = dig(data, "provider", provider, "options", "baseURL")
        return url if isinstance(url, str) else provider

    def overrides(self, env: Env, key_mode: KeyMode) -> list[Override]:
        variable = self.layout.content_var
        content = env.var(variable)
        if not content or not any(word in content for word in ('"model"', '"provider"')):
            return []
        return [
            Override(
                variable,
                Notice(
                    "override",
                    QT_TRANSLATE_NOOP(
                        "tools",
                        "{variable} is set in your environment and sets a model or provider: "
                        "{tool} applies it after {file}.",
                    ),
                    {
                        "variable": variable,
                        "tool": self.name,
                        "file": str(self.layout.config_file(env)),
                    },
                ),
            )
        ]

    def verify_command(self, executable: Path, prompt: str) -> list[str]:
        return [str(executable), "run", prompt]
