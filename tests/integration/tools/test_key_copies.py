"""No copy of the plan key outlives ``revert`` or ``key clear``: not in the tools' files, not
in the backups this app took, not in its records. Real keyring, real files, the real CLI."""

from __future__ import annotations

import json
import os
import pty
import select
import time
from pathlib import Path

import pytest

from codingplan import actions, keystore, paths, quota
from codingplan.integrations import adapter
from codingplan.settings import Settings
from codingplan.tools import records
from tests.conftest import codingplan_command
from tests.fakes.plan_server import TEST_KEY

pytestmark = pytest.mark.secret_service
NEW_KEY = "sk-sp-copies0rotated0key0for0tests0qqqq"
THIRD_KEY = "sk-sp-copies0third0key0for0the0tests0rr"
ORIGIN = {"CODINGPLAN_ORIGIN": "http://127.0.0.1:9"}
INLINE_TOOLS = ("qwen-code", "opencode", "cline", "kilo-cli", "continue", "claude-code")


def files_holding(root: Path, *keys: str) -> list[str]:
    """Every file under ``root`` (the app's data folder included) holding one of ``keys``."""
    found = []
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            found += [
                f"{path.relative_to(root)} holds …{k[-4:]}" for k in keys if k.encode() in data
            ]
    return found


def record_text(tool: str) -> str:
    path = records.record_file(tool)
    return path.read_text() if path.exists() else ""


def configure(tool: str, model: str = "qwen3-coder-plus") -> None:
    endpoints = quota.resolve_endpoints(Settings(), "http://127.0.0.1:9")
    options = actions.configure_options(tool, Settings(), endpoints, model, "inline")
    actions.apply(actions.preview_configure(tool, options))


def rotate(new_key: str) -> None:
    keystore.set_key(new_key)
    for planned in actions.preview_rotations(new_key):
        actions.apply(planned)


def edit_outside(tool: str, home: Path) -> None:
    """The person (or the tool) adds a line of its own: revert then undoes value by value."""
    for config in adapter(tool).config_files(_env(home)):
        text = config.path.read_text()
        if config.path.name == ".env":
            config.path.write_text(text + "OTHER_SETTING=1\n")
        elif config.path.suffix == ".yaml":
            config.path.write_text(text + "# mine\n")
        else:
            data = json.loads(text)
            data["theirs"] = 1
            config.path.write_text(json.dumps(data, indent=2))
        return


def _env(home: Path):
    from codingplan.env import Env

    return Env("linux", home, {"HOME": str(home)})


@pytest.mark.parametrize("outside_edit", [False, True], ids=["pristine", "edited"])
@pytest.mark.parametrize("tool", INLINE_TOOLS)
def test_revert_leaves_no_key_it_ever_stored(home, stored_key, tool, outside_edit):
    configure(tool)
    rotate(NEW_KEY)
    configure(tool, "glm-5")
    rotate(THIRD_KEY)
    if outside_edit:
        edit_outside(tool, home)
    for key in (TEST_KEY, NEW_KEY, THIRD_KEY):
        assert key not in record_text(tool)
    actions.revert(tool)
    assert files_holding(home, TEST_KEY, NEW_KEY, THIRD_KEY) == []
    assert not records.record_file(tool).exists()


def test_a_persons_own_key_is_kept_out_of_the_record_and_put_back(home, stored_key):
    """Their own token in Claude Code's settings is theirs: restored on revert (from their
    backup), but the record names it by hash only."""
    settings = home / ".claude" / "settings.json"
    settings.parent.mkdir()
    own = "sk-sp-persons0own0token0kept0000"
    settings.write_text(json.dumps({"env": {"ANTHROPIC_AUTH_TOKEN": own}}))
    configure("claude-code")
    configure("claude-code", "glm-5")
    assert own not in record_text("claude-code") and TEST_KEY not in record_text("claude-code")
    data = json.loads(settings.read_text())
    data["theme"] = "dark"  # not pristine: value by value
    settings.write_text(json.dumps(data))
    actions.revert("claude-code")
    assert json.loads(settings.read_text()) == {
        "env": {"ANTHROPIC_AUTH_TOKEN": own},
        "theme": "dark",
    }
    assert files_holding(home, TEST_KEY) == []


def test_revert_removes_a_backup_of_its_own_file_left_by_an_earlier_version(home, stored_key):
    configure("qwen-code")
    dotenv = home / ".qwen" / ".env"
    # What earlier versions did on a key rotation: back up the file this app had created.
    saved = records.backup("qwen-code", dotenv, dotenv.read_bytes())
    record = records.load("qwen-code")
    assert record is not None
    entry = record.file(dotenv)
    assert entry is not None and not entry.existed
    entry.backup = str(saved)
    records.save(record)
    actions.revert("qwen-code")
    assert not saved.exists()
    assert files_holding(home, TEST_KEY) == []


# --- key clear -------------------------------------------------------------------------------


def run(cli, *args, **kw):
    result = cli(*args, env={**ORIGIN, **kw.pop("env", {})}, **kw)
    for key in (TEST_KEY, NEW_KEY):
        assert key not in result.stdout + result.stderr
    return result


def test_key_clear_with_yes_reverts_every_tool_holding_a_copy(cli, home, stored_key):
    for tool in ("qwen-code", "cline"):
        assert run(cli, "configure", tool, "--yes").returncode == 0
    assert run(cli, "configure", "claude-code", "--yes").returncode == 0  # keyring: no copy
    assert run(cli, "key", "set", "--yes", input=NEW_KEY).returncode == 0
    result = run(cli, "key", "clear", "--yes", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["removed"] is True
    assert sorted(data["reverted"]) == ["cline", "qwen-code"]
    assert data["still_holding"] == []
    assert keystore.get_key() is None
    assert files_holding(home, TEST_KEY, NEW_KEY) == []
    assert records.load("claude-code") is not None  # it held no copy: left configured


def test_key_clear_without_a_terminal_refuses_while_tools_hold_a_copy(cli, home, stored_key):
    assert run(cli, "configure", "opencode", "--yes").returncode == 0
    result = run(cli, "key", "clear")
    assert result.returncode == 2
    assert "OpenCode" in result.stderr and "--yes" in result.stderr
    assert "codingplan revert opencode" in result.stderr
    assert keystore.get_key() == TEST_KEY  # nothing was removed
    data = json.loads(run(cli, "key", "clear", "--json").stdout)
    assert data["error"]["code"] == "confirmation_required"
    assert data["still_holding"] == ["opencode"]


def test_key_clear_with_no_copies_just_removes_the_key(cli, stored_key):
    data = json.loads(run(cli, "key", "clear", "--json").stdout)
    assert (data["removed"], data["reverted"], data["still_holding"]) == (True, [], [])
    assert keystore.get_key() is None


def _drive(argv: list[str], answer: bytes, prompt: bytes = b"[Y/n]") -> tuple[int, str]:
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(ORIGIN)
        os.execvp(argv[0], argv)
    output = b""
    deadline = time.time() + 60
    while prompt not in output and time.time() < deadline:
        if select.select([fd], [], [], 1)[0]:
            output += os.read(fd, 4096)
    os.write(fd, answer)
    while time.time() < deadline:
        if not select.select([fd], [], [], 1)[0]:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode()


def test_key_clear_on_a_terminal_offers_to_revert_yes_by_default(cli, home, stored_key):
    assert run(cli, "configure", "continue", "--yes").returncode == 0
    code, text = _drive([*codingplan_command(), "key", "clear"], b"\n")
    assert code == 0, text
    assert "Continue" in text and "Reverted Continue" in text
    assert TEST_KEY not in text
    assert keystore.get_key() is None
    assert files_holding(home, TEST_KEY) == []


def test_key_clear_on_a_terminal_can_keep_the_copies(cli, home, stored_key):
    assert run(cli, "configure", "qwen-code", "--yes").returncode == 0
    code, text = _drive([*codingplan_command(), "key", "clear"], b"n\n")
    assert code == 0, text
    assert "Qwen Code still holds a copy" in text and "codingplan revert qwen-code" in text
    assert keystore.get_key() is None
    assert TEST_KEY in (home / ".qwen" / ".env").read_text()


def test_the_data_folder_is_under_the_test_home(home):
    assert paths.data_dir().is_relative_to(home)
