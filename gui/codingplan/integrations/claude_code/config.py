"""Claude Code: ``settings.json`` ``env`` for the address and models, the key from the keyring
through ``apiKeyHelper`` (or inline), the plan's usage as its ``statusLine`` where the person
has none, and the onboarding flag in ``.claude.json``.

Measured with Claude Code 2.1.332: with ``CLAUDE_CODE_MAX_CONTEXT_TOKENS`` set it no longer
prints "doesn't recognize the model", but ``claude -p`` still writes a machine-readable
``[claude-code:unrecognized_model]`` line to stderr for any model outside its catalog. A
``modelPicker`` row that names the plan model with ``behavesAs`` set to a model it knows
marks the model as described: the line goes away, the request is the same apart from one
beta header, and the plan's model shows in ``/model``.
"""

from __future__ import annotations

from pathlib import Path

from codingplan.env import Env
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.claude_code import locations
from codingplan.launcher import app_command, key_print_command
from codingplan.plan import check_model, context_window
from codingplan.tools.adapter import Adapter, dig, read_config
from codingplan.tools.edits import Drop, Entry, FileSpec, Op, Put
from codingplan.tools.types import ConfigFile, ConfigureOptions, KeyMode, Notice, Override

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
    def config_files(self, env: Env) -> tuple[ConfigFile, ...]:
        settings, state = locations.settings_file(env), locations.state_file(env)
        return (
            ConfigFile("settings", settings, settings.exists()),
            ConfigFile("state", state, state.exists()),
        )

    def file_specs(self, options: ConfigureOptions, key: str | None, env: Env) -> list[FileSpec]:
        model = check_model(options.model)
        ops: list[Op] = [Put(("env", "ANTHROPIC_BASE_URL"), self.base_url(options.endpoints))]
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
        if self.option(options, "status_line"):  # the plan's usage, unless the person has a line
            line = {"type": "command", "command": app_command("usage", "--line")}
            ops.append(Put(("statusLine",), line, if_absent=True))
        return [
            FileSpec("settings", locations.settings_file(env), "json", tuple(ops)),
            FileSpec(
                "state",
                locations.state_file(env),
                "json",
                (Put(("hasCompletedOnboarding",), True),),
            ),
        ]

    def current_target(self, env: Env) -> str | None:
        url = dig(read_config(locations.settings_file(env)), "env", "ANTHROPIC_BASE_URL")
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
