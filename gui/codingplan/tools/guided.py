"""Tools this app does not write to: what to enter, where, and what to watch out for.

Each page is data for the GUI (and text for the CLI): the base URL per protocol, the model
id, the steps, notes, and a snippet to paste with the key masked. The key itself is only
ever handed out by ``keyhelper.key_for_clipboard`` for a copy action.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.plan import Endpoints
from codingplan.redact import mask_key
from codingplan.tools.model import GuidedPage, GuideStep, Notice

KEY_PLACEHOLDER = mask_key("sk-sp-xxxxxxxxxxxx")


def _step(text: str, **params: str) -> GuideStep:
    return GuideStep(text, params)


def _kilo(e: Endpoints, model: str) -> GuidedPage:
    return GuidedPage(
        "kilo-code",
        "Kilo Code",
        "openai",
        {"openai": e.openai_base},
        model,
        (
            _step(
                QT_TRANSLATE_NOOP("tools", 'In Kilo Code\'s settings choose "Bring my own key".')
            ),
            _step(
                QT_TRANSLATE_NOOP("tools", 'API Provider: "OpenAI Compatible". Base URL: {url}.'),
                url=e.openai_base,
            ),
            _step(QT_TRANSLATE_NOOP("tools", "API key: paste the plan key (use Copy key).")),
            _step(
                QT_TRANSLATE_NOOP("tools", 'Model: type {model} and choose "Use custom".'),
                model=model,
            ),
        ),
        (
            Notice(
                "kilo_cli",
                QT_TRANSLATE_NOOP(
                    "tools",
                    "Kilo CLI reads ~/.config/kilo/config.json in OpenCode's format: a provider "
                    'with "options": {{"baseURL": "{url}"}}.',
                ),
                {"url": e.openai_base},
            ),
        ),
    )


def _roo(e: Endpoints, model: str) -> GuidedPage:
    profile = {
        "providerProfiles": {
            "currentApiConfigName": "coding-plan",
            "apiConfigs": {
                "coding-plan": {
                    "apiProvider": "openai",
                    "openAiBaseUrl": e.openai_base,
                    "openAiApiKey": KEY_PLACEHOLDER,
                    "openAiModelId": model,
                }
            },
        }
    }
    return GuidedPage(
        "roo-code",
        "Roo Code",
        "openai",
        {"openai": e.openai_base},
        model,
        (
            _step(
                QT_TRANSLATE_NOOP(
                    "tools",
                    'In Roo Code\'s settings add a profile with API Provider "OpenAI Compatible".',
                )
            ),
            _step(
                QT_TRANSLATE_NOOP(
                    "tools", "Base URL: {url}. API key: the plan key. Model: {model}."
                ),
                url=e.openai_base,
                model=model,
            ),
            _step(
                QT_TRANSLATE_NOOP(
                    "tools",
                    "Or save the snippet as a file (with the real key), and point the VS Code setting "
                    "roo-cline.autoImportSettingsPath at it: Roo Code imports it when it starts.",
                )
            ),
        ),
        snippet=json.dumps(profile, indent=2),
    )


def _cursor(e: Endpoints, model: str) -> GuidedPage:
    cursor_model = model.replace(".", "-")
    return GuidedPage(
        "cursor",
        "Cursor",
        "openai",
        {"openai": e.openai_base},
        cursor_model,
        (
            _step(
                QT_TRANSLATE_NOOP(
                    "tools",
                    'Cursor Settings → Models: turn on "OpenAI API Key" and paste the plan key.',
                )
            ),
            _step(
                QT_TRANSLATE_NOOP("tools", 'Turn on "Override OpenAI Base URL" and enter {url}.'),
                url=e.openai_base,
            ),
            _step(
                QT_TRANSLATE_NOOP("tools", "Add a custom model named {model}."), model=cursor_model
            ),
        ),
        (
            Notice(
                "cursor_hyphens",
                QT_TRANSLATE_NOOP(
                    "tools",
                    "Cursor needs dots in model names replaced by hyphens: {model} becomes {cursor}.",
                ),
                {"model": model, "cursor": cursor_model},
            ),
            Notice(
                "cursor_pro",
                QT_TRANSLATE_NOOP(
                    "tools",
                    "Custom models need Cursor Pro or higher, and the base URL override applies to "
                    "every OpenAI model in Cursor.",
                ),
            ),
        ),
    )


def _crush(e: Endpoints, model: str) -> GuidedPage:
    rc = (
        f'provider add codingplan --type openai-compat --base-url "{e.openai_base}" '
        '--api-key "$CODING_PLAN_API_KEY"\n'
        f'model add codingplan/{model} --name "{model}"\n'
    )
    return GuidedPage(
        "crush",
        "Crush",
        "openai",
        {"openai": e.openai_base},
        model,
        (
            _step(QT_TRANSLATE_NOOP("tools", "Add the snippet to ~/.config/crush/crushrc.")),
            _step(
                QT_TRANSLATE_NOOP(
                    "tools",
                    "Export CODING_PLAN_API_KEY with the plan key in your shell profile, or replace "
                    "$CODING_PLAN_API_KEY with the key.",
                )
            ),
            _step(
                QT_TRANSLATE_NOOP("tools", "Choose {model} in Crush's model picker."),
                model=f"codingplan/{model}",
            ),
        ),
        (
            Notice(
                "crush_json",
                QT_TRANSLATE_NOOP(
                    "tools",
                    'Older Crush versions read crush.json instead: a provider with "type": '
                    '"openai-compat", "base_url" and "api_key".',
                ),
            ),
        ),
        snippet=rc,
    )


def _codex(e: Endpoints, model: str) -> GuidedPage:
    toml = (
        'model_provider = "Model_Studio_Coding_Plan"\n'
        f'model = "{model}"\n\n'
        "[model_providers.Model_Studio_Coding_Plan]\n"
        'name = "Model_Studio_Coding_Plan"\n'
        f'base_url = "{e.openai_base}"\n'
        'env_key = "OPENAI_API_KEY"\n'
        'wire_api = "chat"\n'
    )
    return GuidedPage(
        "codex",
        "Codex",
        "openai",
        {"openai": e.openai_base},
        model,
        (
            _step(
                QT_TRANSLATE_NOOP(
                    "tools", "Install Codex 0.80.0 or earlier: npm install -g @openai/codex@0.80.0."
                )
            ),
            _step(QT_TRANSLATE_NOOP("tools", "Put the snippet in ~/.codex/config.toml.")),
            _step(
                QT_TRANSLATE_NOOP(
                    "tools", "Export OPENAI_API_KEY with the plan key in your shell profile."
                )
            ),
        ),
        (
            Notice(
                "codex_responses",
                QT_TRANSLATE_NOOP(
                    "tools",
                    "Current Codex versions speak only the Responses API and refuse wire_api = "
                    '"chat"; the plan documents only the Chat Completions API, for Codex 0.80.0 and '
                    "earlier. Newer Codex will not work with the plan.",
                ),
            ),
        ),
        snippet=toml,
    )


def _other(e: Endpoints, model: str) -> GuidedPage:
    return GuidedPage(
        "other",
        "Another tool",
        "both",
        {"openai": e.openai_base, "anthropic": e.anthropic_base},
        model,
        (
            _step(
                QT_TRANSLATE_NOOP(
                    "tools", "OpenAI-compatible tools: base URL {url} (they add /chat/completions)."
                ),
                url=e.openai_base,
            ),
            _step(
                QT_TRANSLATE_NOOP(
                    "tools",
                    "Anthropic-compatible tools: base URL {url}; tools built on @ai-sdk/anthropic "
                    "take {sdk}.",
                ),
                url=e.anthropic_base,
                sdk=e.anthropic_sdk_base,
            ),
            _step(
                QT_TRANSLATE_NOOP(
                    "tools", "Model: {model} (model ids are case-sensitive). Key: the plan key."
                ),
                model=model,
            ),
        ),
        (
            Notice(
                "interactive_only",
                QT_TRANSLATE_NOOP(
                    "tools",
                    "The plan is for interactive coding tools; scripts, backends and API testers "
                    "such as Postman are outside its terms.",
                ),
            ),
        ),
    )


@dataclass(frozen=True)
class GuidedTool:
    id: str
    name: str
    page: Callable[[Endpoints, str], GuidedPage]
    automatic: bool = False


GUIDED = (
    GuidedTool("kilo-code", "Kilo Code", _kilo),
    GuidedTool("roo-code", "Roo Code", _roo),
    GuidedTool("cursor", "Cursor", _cursor),
    GuidedTool("crush", "Crush", _crush),
    GuidedTool("codex", "Codex", _codex),
    GuidedTool("other", "Another tool", _other),
)
