"""Where each tool keeps its files on each platform, and what state a tool is in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codingplan import actions, integrations
from codingplan.env import Env
from codingplan.errors import CodingPlanError
from codingplan.integrations import adapter
from codingplan.plan import Region, endpoints_for
from codingplan.tools.types import KeyMode, ToolState
from tests.unit.tools.conftest import KEY, options


def paths_of(tool: str, env: Env) -> list[Path]:
    return [f.path for f in adapter(tool).config_files(env)]


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_default_locations(platform):
    home = Path("/Users/p") if platform == "darwin" else Path("/home/p")
    env = Env(platform, home, {})
    assert paths_of("claude-code", env) == [home / ".claude/settings.json", home / ".claude.json"]
    assert paths_of("qwen-code", env) == [home / ".qwen/settings.json", home / ".qwen/.env"]
    assert paths_of("cline", env) == [home / ".cline/data/settings/providers.json"]
    assert paths_of("opencode", env) == [home / ".config/opencode/opencode.json"]
    assert paths_of("kilo-cli", env) == [home / ".config/kilo/kilo.json"]
    assert paths_of("continue", env) == [home / ".continue/config.yaml", home / ".continue/.env"]


def test_kilo_and_continue_follow_their_variables(home):
    env = Env(
        "linux",
        home,
        {"KILO_CONFIG_DIR": "/k", "CONTINUE_GLOBAL_DIR": "~/cont", "KILO_DB": "other.db"},
    )
    assert paths_of("kilo-cli", env) == [Path("/k/kilo.json")]
    assert paths_of("continue", env) == [home / "cont/config.yaml", home / "cont/.env"]
    from codingplan.integrations.kilo_cli import KILO

    assert KILO.database_file(env) == home / ".local/share/kilo/other.db"
    assert KILO.database_file(Env("linux", home, {"KILO_DB": "/abs/k.db"})) == Path("/abs/k.db")
    folder = home / ".config" / "kilo"
    folder.mkdir(parents=True)
    (folder / "opencode.jsonc").write_text("{}")  # merged last by Kilo: the one to edit
    (folder / "kilo.json").write_text("{}")
    assert paths_of("kilo-cli", Env("linux", home, {})) == [folder / "opencode.jsonc"]


def test_locations_follow_the_tools_variables(tmp_path):
    env = Env(
        "linux",
        Path("/home/p"),
        {
            "CLAUDE_CONFIG_DIR": "/cfg/claude",
            "QWEN_HOME": "~/qwen-home",
            "CLINE_DIR": "/cfg/cline",
            "XDG_CONFIG_HOME": "/xdg",
        },
    )
    assert paths_of("claude-code", env) == [
        Path("/cfg/claude/settings.json"),
        Path("/cfg/claude/.claude.json"),
    ]
    assert paths_of("qwen-code", env) == [
        Path("/home/p/qwen-home/settings.json"),
        Path("/home/p/qwen-home/.env"),
    ]
    assert paths_of("cline", env) == [Path("/cfg/cline/data/settings/providers.json")]
    assert paths_of("opencode", env) == [Path("/xdg/opencode/opencode.json")]
    env = Env(
        "linux",
        Path("/home/p"),
        {"CLINE_DIR": "/a", "CLINE_DATA_DIR": "/b", "OPENCODE_CONFIG": "/c.json"},
    )
    assert paths_of("cline", env) == [Path("/b/settings/providers.json")]
    assert paths_of("opencode", env) == [Path("/c.json")]
    env = Env("linux", Path("/home/p"), {"CLINE_PROVIDER_SETTINGS_PATH": "/p.json"})
    assert paths_of("cline", env) == [Path("/p.json")]


def test_opencode_prefers_an_existing_jsonc(env):
    folder = env.home / ".config" / "opencode"
    folder.mkdir(parents=True)
    (folder / "opencode.jsonc").write_text("{}")
    assert paths_of("opencode", env) == [folder / "opencode.jsonc"]


def test_vscode_user_folder_per_platform():
    from codingplan.integrations.cline.locations import editor_user_dir as vscode_user_dir

    assert vscode_user_dir(Env("darwin", Path("/Users/p"), {})) == Path(
        "/Users/p/Library/Application Support/Code/User"
    )
    assert vscode_user_dir(
        Env("win32", Path("C:/Users/p"), {"APPDATA": "C:/Users/p/AppData/Roaming"})
    ) == Path("C:/Users/p/AppData/Roaming/Code/User")
    assert vscode_user_dir(Env("linux", Path("/home/p"), {})) == Path("/home/p/.config/Code/User")


def fake_tool(env: Env, name: str) -> Env:
    folder = env.home / "bin"
    folder.mkdir(exist_ok=True)
    exe = folder / name
    exe.write_text("#!/bin/sh\necho 9.8.7\n")
    exe.chmod(0o755)
    return Env(env.platform, env.home, {**env.environ, "PATH": str(folder)})


def test_states_from_not_installed_to_drifted(env):
    qwen = adapter("qwen-code")
    assert qwen.status(env).state is ToolState.NOT_INSTALLED
    env = fake_tool(env, "qwen")
    found = qwen.detect(env)
    assert (found.installed, found.version) == (True, "9.8.7")
    assert qwen.status(env).state is ToolState.NOT_CONFIGURED
    settings = env.home / ".qwen" / "settings.json"
    settings.parent.mkdir()
    settings.write_text(json.dumps({"security": {"auth": {"selectedType": "qwen-oauth"}}}))
    assert qwen.status(env).state is ToolState.CONFIGURED_ELSEWHERE
    qwen.apply(qwen.preview(options(), KEY, env))
    status = qwen.status(env)
    assert status.state is ToolState.CONFIGURED
    assert status.configured == options()
    doc = json.loads(settings.read_text())
    doc["model"]["name"] = "something-else"
    settings.write_text(json.dumps(doc))
    assert qwen.status(env).state is ToolState.DRIFTED


def test_hand_made_setup_pointing_at_the_plan_counts_as_configured(env):
    path = env.home / ".claude" / "settings.json"
    path.parent.mkdir()
    path.write_text(
        json.dumps({"env": {"ANTHROPIC_BASE_URL": Region.CN.info.origin + "/apps/anthropic"}})
    )
    assert adapter("claude-code").status(env).state is ToolState.CONFIGURED
    path.write_text(
        json.dumps({"env": {"ANTHROPIC_BASE_URL": "https://gw.example/apps/anthropic"}})
    )
    assert adapter("claude-code").status(env).state is ToolState.CONFIGURED_ELSEWHERE
    custom = endpoints_for(Region.INTL, "https://gw.example")
    assert adapter("claude-code").status(env, custom).state is ToolState.CONFIGURED


@pytest.mark.parametrize(
    ("tool", "variable", "value", "key_mode"),
    [
        ("claude-code", "ANTHROPIC_AUTH_TOKEN", "sk-sp-shell0token0000000", KeyMode.KEYRING),
        ("claude-code", "ANTHROPIC_API_KEY", "sk-ant-something", KeyMode.INLINE),
        ("qwen-code", "BAILIAN_CODING_PLAN_API_KEY", "sk-sp-shell0key00000000", KeyMode.INLINE),
        ("opencode", "OPENCODE_CONFIG_CONTENT", '{"model": "x/y"}', KeyMode.INLINE),
    ],
)
def test_environment_overrides_are_reported(env, tool, variable, value, key_mode):
    tool_adapter = adapter(tool)
    tool_adapter.apply(tool_adapter.preview(options(key_mode), KEY, env))
    assert tool_adapter.status(env).state is ToolState.CONFIGURED
    shell = Env(env.platform, env.home, {**env.environ, variable: value})
    status = tool_adapter.status(shell)
    assert status.state is ToolState.OVERRIDDEN
    assert [o.variable for o in status.overrides] == [variable]
    assert variable in status.overrides[0].notice.message
    assert value not in status.overrides[0].notice.message


def test_variables_the_file_beats_are_not_overrides(env):
    claude = adapter("claude-code")
    claude.apply(claude.preview(options(KeyMode.INLINE), KEY, env))
    # Measured with Claude Code 2.1.332: settings.json env wins over these in the shell.
    shell = Env(
        env.platform, env.home, {"ANTHROPIC_BASE_URL": "http://x", "ANTHROPIC_AUTH_TOKEN": "t"}
    )
    assert claude.status(shell).state is ToolState.CONFIGURED


def test_registry_and_guided_pages():
    ids = list(integrations.IDS)
    assert ids == [
        "claude-code", "qwen-code", "cline", "opencode", "kilo-cli", "continue",
        "kilo-code", "roo-code", "cursor", "crush", "codex", "other",
    ]  # fmt: skip
    endpoints = endpoints_for(Region.INTL)
    for info in integrations.INTEGRATIONS:
        page = actions.guided_page(info.id, endpoints, "glm-4.7")
        assert page.steps and page.base_urls
        assert all(url.startswith(endpoints.origin) for url in page.base_urls.values())
    cursor = actions.guided_page("cursor", endpoints, "glm-4.7")
    assert cursor.model == "glm-4-7"
    codex = actions.guided_page("codex", endpoints, "qwen3-coder-plus")
    assert "Responses API" in codex.notes[0].message and "0.80.0" in codex.notes[0].message
    other = actions.guided_page("other", endpoints, "qwen3-coder-plus")
    assert other.base_urls == {
        "openai": endpoints.openai_base,
        "anthropic": endpoints.anthropic_base,
    }
    with pytest.raises(CodingPlanError) as caught:
        integrations.adapter("cursor")
    assert caught.value.code == "guided_tool"
    with pytest.raises(CodingPlanError) as caught:
        integrations.adapter("vim")
    assert caught.value.code == "unknown_tool"


def test_key_modes(env):
    with pytest.raises(CodingPlanError) as caught:
        adapter("qwen-code").preview(options(KeyMode.KEYRING), KEY, env)
    assert caught.value.code == "key_mode_unsupported"
    assert adapter("claude-code").default_key_mode is KeyMode.KEYRING
    assert adapter("cline").default_key_mode is KeyMode.INLINE
