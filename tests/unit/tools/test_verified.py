"""A Verify run is remembered while the tool is set up as it was then: the tool rewriting its
own files leaves it, another setup, a revert, a hand edit that points the tool elsewhere or a
new key forgets it. What is kept holds no part of a file and no key."""

from __future__ import annotations

import json

from codingplan import paths
from codingplan.integrations import adapter
from codingplan.tools import verified
from codingplan.tools.types import ToolState
from tests.unit.tools.conftest import KEY, options
from tests.unit.tools.test_status import fake_tool


def remember(tool, env, ok=True, category="ok"):
    return verified.note(tool.id, tool.verify_basis(env), ok, category)


def test_a_run_is_recalled_while_the_setup_holds(env):
    qwen = adapter("qwen-code")
    env = fake_tool(env, "qwen")
    qwen.apply(qwen.preview(options(), KEY, env))
    assert qwen.status(env).verified is None  # never run
    run = remember(qwen, env)
    status = qwen.status(env)
    assert status.verified == run and status.verified_ok
    assert status.state is ToolState.CONFIGURED
    # The tool writes its own file as it runs: a setting of its own, the plan untouched.
    settings = env.home / ".qwen" / "settings.json"
    doc = json.loads(settings.read_text())
    doc["ui"] = {"theme": "Default"}
    settings.write_text(json.dumps(doc))
    assert qwen.status(env).verified == run
    kept = (paths.data_dir() / "verified" / "qwen-code.json").read_text()
    assert KEY not in kept and "127.0.0.1" not in kept and "qwen3-coder-plus" not in kept


def test_another_setup_or_a_revert_forgets_it(env):
    qwen = adapter("qwen-code")
    env = fake_tool(env, "qwen")
    qwen.apply(qwen.preview(options(), KEY, env))
    remember(qwen, env)
    qwen.apply(qwen.preview(options(model="glm-5"), KEY, env))  # Apply with another model
    assert qwen.status(env).verified is None
    remember(qwen, env, ok=False, category="model_unsupported")
    failed = qwen.status(env)
    assert failed.verified is not None and not failed.verified.ok and not failed.verified_ok
    qwen.apply(qwen.preview_revert())
    assert qwen.status(env).verified is None


def test_a_hand_edit_that_points_the_tool_elsewhere_forgets_it(env):
    qwen = adapter("qwen-code")
    env = fake_tool(env, "qwen")
    settings = env.home / ".qwen" / "settings.json"
    settings.parent.mkdir()
    settings.write_text(json.dumps({"security": {"auth": {"selectedType": "qwen-oauth"}}}))
    remember(qwen, env)
    assert qwen.status(env).verified is not None  # set up by hand, not by this app: kept too
    settings.write_text(json.dumps({"security": {"auth": {"selectedType": "gemini-api-key"}}}))
    assert qwen.status(env).verified is None


def test_a_new_key_forgets_every_run(env):
    qwen, claude = adapter("qwen-code"), adapter("claude-code")
    remember(qwen, env)
    remember(claude, env)
    verified.forget_all()
    assert qwen.status(env).verified is None and claude.status(env).verified is None


def test_what_cannot_be_read_is_no_memory_and_no_error(env):
    qwen = adapter("qwen-code")
    remember(qwen, env)
    (paths.data_dir() / "verified" / "qwen-code.json").write_text("{not json")
    assert qwen.status(env).verified is None
    (paths.data_dir() / "verified" / "qwen-code.json").write_text('{"setup": 1, "ok": "yes"}')
    assert qwen.status(env).verified is None
