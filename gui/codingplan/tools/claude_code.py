"""Claude Code: ``settings.json`` ``env`` for the address and models, the key from the keyring
through ``apiKeyHelper`` (or inline), and the onboarding flag in ``.claude.json``.

Measured with Claude Code 2.1.332: with ``CLAUDE_CODE_MAX_CONTEXT_TOKENS`` set it no longer
prints "doesn't recognize the model", but ``claude -p`` still writes a machine-readable
``[claude-code:unrecognized_model]`` line to stderr for any model outside its catalog. A
``modelPicker`` row that names the plan model with ``behavesAs`` set to a model it knows
marks the model as described: the line goes away, the request is the same apart from one
beta header, and the plan's model shows in ``/model``.
"""

from __future__ import annotations

from pathlib import Path

from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.plan import Endpoints, check_model, context_window
from codingplan.tools.base import Adapter, dig, read_json
from codingplan.tools.edits import Drop, Entry, FileSpec, Put
from codingplan.tools.keyhelper import key_print_command
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

# Every tier gets the plan model: an unpinned background call would ask for a claude-* id,
# which the plan rejects. ANTHROPIC_SMALL_FAST_MODEL is the older name of the Haiku tier.
MODEL_VARIABLES = (
    "ANTHROPIC_MODEL",
    "ANTHROPIC_DEFAULT_OPUS_MODEL",
    "ANTHROPIC_DEFAULT_SONNET_MODEL",
    "ANTHROPIC_DEFAULT_HAIKU_MODEL",
    "CLAUDE_CODE_SUBAGENT_MODEL",
    "ANTHROPIC_SMALL_FAST_MODEL",
)
# The known model whose client-side handling Claude Code applies to the plan's model: with
# it the request body is the one Claude Code sends to an unknown model (adaptive thinking,
# effort), so nothing new reaches the plan.
BEHAVES_AS = "claude-sonnet-4-6"


class ClaudeCode(Adapter):
    id = "claude-code"
    name = "Claude Code"
    key_modes = (KeyMode.KEYRING, KeyMode.INLINE)
    executables = ("claude",)
    packages = ("@anthropic-ai/claude-code", "@anthropic-ai/claude-code-linux-x64")

    def config_dir(self, env: Env) -> Path:
        return env.path_var("CLAUDE_CONFIG_DIR") or env.home / ".claude"

    def settings_file(self, env: Env) -> Path:
        return self.config_dir(env) / "settings.json"

    def state_file(self, env: Env) -> Path:
        """``.claude.json``: in the home folder, or in CLAUDE_CONFIG_DIR when that is set."""
        folder = env.path_var("CLAUDE_CONFIG_DIR") or env.home
        main = folder / ".claude.json"
        legacy = self.config_dir(env) / ".config.json"  # older versions' name for it
        return legacy if legacy.is_file() and not main.exists() else main

    def config_files(self, env: Env) -> tuple[ConfigFile, ...]:
        settings, state = self.settings_file(env), self.state_file(env)
        return (
            ConfigFile("settings", settings, settings.exists()),
            ConfigFile("state", state, state.exists()),
        )

    def extra_locations(self, env: Env) -> tuple[Path, ...]:
        return (env.home / ".local" / "bin" / "claude", env.home / ".claude" / "local" / "claude")

    def file_specs(self, options: ConfigureOptions, key: str | None, env: Env) -> list[FileSpec]:
        model = check_model(options.model)
        ops: list = [Put(("env", "ANTHROPIC_BASE_URL"), options.endpoints.anthropic_base)]
        ops += [Put(("env", name), model.id) for name in MODEL_VARIABLES]
        ops.append(Put(("env", "CLAUDE_CODE_MAX_CONTEXT_TOKENS"), str(context_window(model.id))))
        if options.key_mode is KeyMode.KEYRING:
            ops += [
                Put(("apiKeyHelper",), key_print_command()),
                Drop(("env", "ANTHROPIC_AUTH_TOKEN")),
            ]
        else:
            ops += [Put(("env", "ANTHROPIC_AUTH_TOKEN"), key, secret=True), Drop(("apiKeyHelper",))]
        # An API key here would go out as X-Api-Key next to ours.
        ops.append(Drop(("env", "ANTHROPIC_API_KEY")))
        row = {
            "model": model.id,
            "label": model.name,
            "description": "Alibaba Cloud Coding Plan",
            "behavesAs": BEHAVES_AS,
        }
        ops.append(Entry(("modelPicker", "options"), {"model": model.id}, row))
        return [
            FileSpec("settings", self.settings_file(env), "json", tuple(ops)),
            FileSpec(
                "state", self.state_file(env), "json", (Put(("hasCompletedOnboarding",), True),)
            ),
        ]

    def current_target(self, env: Env) -> str | None:
        url = dig(read_json(self.settings_file(env)), "env", "ANTHROPIC_BASE_URL")
        return url if isinstance(url, str) else None

    def overrides(self, env: Env, key_mode: KeyMode) -> list[Override]:
        # Measured: variables set in settings.json env beat the shell's; these two are not set
        # there, and then the shell's win.
        found = []
        if key_mode is KeyMode.KEYRING and env.var("ANTHROPIC_AUTH_TOKEN"):
            found.append(
                Override(
                    "ANTHROPIC_AUTH_TOKEN",
                    Notice(
                        "override",
                        QT_TRANSLATE_NOOP(
                            "tools",
                            "ANTHROPIC_AUTH_TOKEN is set in your environment: Claude Code sends it "
                            "instead of the key from the keyring. Remove it from your shell profile.",
                        ),
                    ),
                )
            )
        if env.var("ANTHROPIC_API_KEY"):
            found.append(
                Override(
                    "ANTHROPIC_API_KEY",
                    Notice(
                        "override",
                        QT_TRANSLATE_NOOP(
                            "tools",
                            "ANTHROPIC_API_KEY is set in your environment: Claude Code sends it as "
                            "X-Api-Key next to the plan key. Remove it from your shell profile.",
                        ),
                    ),
                )
            )
        return found

    def verify_command(self, executable: Path, prompt: str) -> list[str]:
        return [str(executable), "-p", prompt]

    def guide(self, endpoints: Endpoints, model: str) -> GuidedPage:
        return GuidedPage(
            self.id,
            self.name,
            "anthropic",
            {"anthropic": endpoints.anthropic_base},
            model,
            (
                GuideStep(
                    QT_TRANSLATE_NOOP(
                        "tools",
                        'In ~/.claude/settings.json, under "env", set ANTHROPIC_BASE_URL to '
                        "{url}, ANTHROPIC_MODEL and the ANTHROPIC_DEFAULT_*_MODEL tiers to {model}, "
                        "and ANTHROPIC_AUTH_TOKEN to the key.",
                    ),
                    {"url": endpoints.anthropic_base, "model": model},
                ),
                GuideStep(
                    QT_TRANSLATE_NOOP(
                        "tools", 'In ~/.claude.json, set "hasCompletedOnboarding": true.'
                    )
                ),
            ),
        )
