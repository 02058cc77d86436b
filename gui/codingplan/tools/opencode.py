"""OpenCode: a ``codingplan`` provider (OpenAI-compatible) with the plan's models, and
``model`` / ``small_model`` pinned to it, in the global ``opencode.json`` (JSONC allowed).

OpenCode 1.18.33 substitutes only ``{env:VAR}`` and ``{file:path}`` in its config (read from
the binary): the first needs the key exported in every shell that starts OpenCode, the
second is a plain-text copy in another file. Neither reads the keyring, so the key is kept
in the config itself, with consent, and the file becomes private (0600).
"""

from __future__ import annotations

from pathlib import Path

from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.plan import CATALOG, Endpoints, check_model
from codingplan.tools.base import Adapter, dig, read_json
from codingplan.tools.edits import FileSpec, Put
from codingplan.tools.model import (
    ConfigFile,
    ConfigureOptions,
    Env,
    GuidedPage,
    GuideStep,
    KeyMode,
    Notice,
    Override,
)

PROVIDER = "codingplan"


def _model_entry(model_id: str) -> dict:
    model = check_model(model_id)
    entry: dict = {"name": model.name}
    if model.context_window and model.max_output:
        entry["limit"] = {"context": model.context_window, "output": model.max_output}
    return entry


class OpenCode(Adapter):
    id = "opencode"
    name = "OpenCode"
    executables = ("opencode",)
    packages = ("opencode-ai",)
    requests_per_verify = 2  # the answer, and a title for the session

    def config_file(self, env: Env) -> Path:
        explicit = env.path_var("OPENCODE_CONFIG")
        if explicit:
            return explicit
        folder = (env.path_var("XDG_CONFIG_HOME") or env.home / ".config") / "opencode"
        jsonc = folder / "opencode.jsonc"
        return jsonc if jsonc.exists() else folder / "opencode.json"

    def config_files(self, env: Env) -> tuple[ConfigFile, ...]:
        path = self.config_file(env)
        return (ConfigFile("settings", path, path.exists()),)

    def extra_locations(self, env: Env) -> tuple[Path, ...]:
        return (env.home / ".opencode" / "bin" / "opencode",)

    def file_specs(self, options: ConfigureOptions, key: str | None, env: Env) -> list[FileSpec]:
        chosen = check_model(options.model).id
        base = ("provider", PROVIDER)
        ops = [
            Put((*base, "npm"), "@ai-sdk/openai-compatible"),
            Put((*base, "name"), "Alibaba Cloud Coding Plan"),
            Put((*base, "options", "baseURL"), options.endpoints.openai_base),
            Put((*base, "options", "apiKey"), key, secret=True),
        ]
        ops += [Put((*base, "models", m.id), _model_entry(m.id)) for m in CATALOG]
        ops += [
            Put(("model",), f"{PROVIDER}/{chosen}"),
            # Pinned too, or OpenCode picks another provider's model for titles.
            Put(("small_model",), f"{PROVIDER}/{chosen}"),
        ]
        return [FileSpec("settings", self.config_file(env), "jsonc", tuple(ops))]

    def current_target(self, env: Env) -> str | None:
        data = read_json(self.config_file(env))
        model = dig(data, "model")
        if not isinstance(model, str) or "/" not in model:
            return None
        provider = model.split("/", 1)[0]
        url = dig(data, "provider", provider, "options", "baseURL")
        return url if isinstance(url, str) else provider

    def overrides(self, env: Env, key_mode: KeyMode) -> list[Override]:
        content = env.var("OPENCODE_CONFIG_CONTENT")
        if not content or not any(word in content for word in ('"model"', '"provider"')):
            return []
        return [
            Override(
                "OPENCODE_CONFIG_CONTENT",
                Notice(
                    "override",
                    QT_TRANSLATE_NOOP(
                        "tools",
                        "OPENCODE_CONFIG_CONTENT is set in your environment and sets a model or "
                        "provider: OpenCode applies it after {file}.",
                    ),
                    {"file": str(self.config_file(env))},
                ),
            )
        ]

    def verify_command(self, executable: Path, prompt: str) -> list[str]:
        return [str(executable), "run", prompt]

    def guide(self, endpoints: Endpoints, model: str) -> GuidedPage:
        return GuidedPage(
            self.id,
            self.name,
            "openai",
            {"openai": endpoints.openai_base},
            model,
            (
                GuideStep(
                    QT_TRANSLATE_NOOP(
                        "tools",
                        'Add a provider with "npm": "@ai-sdk/openai-compatible", '
                        '"options": {{"baseURL": "{url}", "apiKey": the key}} and the model '
                        '{model} to ~/.config/opencode/opencode.json, and set "model" to it.',
                    ),
                    {"url": endpoints.openai_base, "model": model},
                ),
            ),
        )
