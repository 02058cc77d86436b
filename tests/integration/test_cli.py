"""The ``codingplan`` command as people and scripts use it."""

import json
import os
import pty
import select
import subprocess
import sys
import time

import pytest

from codingplan import paths
from tests.conftest import codingplan_command

KEY = "sk-sp-cli0test0key0with0tail9876"


@pytest.fixture(autouse=True)
def clean_keyring(cli):
    cli("key", "clear")
    yield
    cli("key", "clear")


def test_key_lifecycle(cli):
    assert cli("key", "status").returncode == 1
    set_ = cli("key", "set", input=f"{KEY}\n")
    assert set_.returncode == 0, set_.stderr
    assert "sk-sp-…9876" in set_.stdout and "Secret Service" in set_.stdout
    status = cli("key", "status", "--json")
    assert status.returncode == 0
    assert json.loads(status.stdout) == {
        "ok": True,
        "usable": True,
        "stored": True,
        "backend": "Secret Service",
        "backend_id": "keyring.backends.SecretService.Keyring",
        "service": "codingplan",
        "account": "plan-key",
        "masked": "sk-sp-…9876",
        "error": None,
    }
    printed = cli("key", "print")
    assert (printed.returncode, printed.stdout, printed.stderr) == (0, KEY + "\n", "")
    assert json.loads(cli("key", "clear", "--json").stdout) == {
        "ok": True,
        "removed": True,
        "reverted": [],
        "still_holding": [],
        "errors": {},
        "files_holding_key": [],
    }
    missing = cli("key", "print")
    assert missing.returncode == 1 and missing.stdout == ""
    assert missing.stderr.startswith("codingplan: No plan key is stored yet.")


def test_key_set_prompts_without_echo_on_a_terminal(home):
    pid, fd = pty.fork()
    if pid == 0:  # the child: codingplan on a terminal
        os.execvp(codingplan_command()[0], [*codingplan_command(), "key", "set"])
    output = b""
    deadline = time.time() + 30
    while b"input hidden" not in output and time.time() < deadline:
        if select.select([fd], [], [], 1)[0]:
            output += os.read(fd, 1024)
    os.write(fd, KEY.encode() + b"\n")
    while time.time() < deadline:
        if not select.select([fd], [], [], 1)[0]:
            continue
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, output
    text = output.decode()
    assert "Plan key" in text and "sk-sp-…9876" in text
    assert KEY not in text  # the typed key was not echoed


@pytest.mark.parametrize(
    "args",
    [["--json", "key", "status"], ["key", "--json", "status"], ["key", "status", "--json"]],
)
def test_options_go_before_or_after_the_command(cli, args):
    result = cli(*args)
    assert json.loads(result.stdout)["stored"] is False


def test_origin_after_the_command_wins_over_the_environment(cli, plan_server):
    cli("key", "set", input=KEY)
    plan_server.valid_keys.add(KEY)
    result = cli(
        "test",
        "--protocol",
        "openai",
        "--origin",
        plan_server.origin,
        "--json",
        env={"CODINGPLAN_ORIGIN": "http://127.0.0.1:9"},
    )
    assert json.loads(result.stdout)["origin"] == plan_server.origin
    assert len(plan_server.model_requests()) == 1


def test_origin_from_the_environment(cli, plan_server):
    result = cli("test", "--free", "--json", env={"CODINGPLAN_ORIGIN": plan_server.origin})
    assert result.returncode == 0
    assert json.loads(result.stdout)["origin"] == plan_server.origin


@pytest.mark.parametrize(
    "args",
    [
        ["nope"],
        ["key"],
        ["key", "frobnicate"],
        ["test", "--protocol", "grpc"],
        ["settings", "set", "tier"],
    ],
)
def test_bad_usage_exits_2_with_one_line(cli, args):
    result = cli(*args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_bad_usage_with_json_still_prints_json(cli):
    result = cli("--json", "test", "--protocol", "grpc")
    assert result.returncode == 2
    assert json.loads(result.stdout)["error"]["code"] == "usage"


def test_bad_origin_is_bad_usage(cli):
    result = cli("test", "--origin", "coding-intl.dashscope.aliyuncs.com", "--json")
    assert result.returncode == 2
    assert json.loads(result.stdout)["error"]["code"] == "bad_origin"


def test_settings_set_and_show(cli):
    assert cli("settings", "set", "tier", "lite").stdout.strip() == "tier = lite"
    assert cli("settings", "set", "notify-at", "90,70").stdout.strip() == "notify-at = 70,90"
    shown = json.loads(cli("settings", "show", "--json").stdout)
    assert shown["path"] == str(paths.settings_file())
    assert shown["settings"]["tier"] == "lite" and shown["settings"]["notify_at"] == [70, 90]
    human = cli("settings", "show").stdout
    assert "tier = lite" in human and str(paths.settings_file()) in human


def test_settings_set_refuses_bad_values_and_changes_nothing(cli):
    cli("settings", "set", "subscription-day", "15")
    before = paths.settings_file().read_bytes()
    for name, value in [
        ("subscription-day", "32"),
        ("model", "QWEN3-CODER-PLUS"),
        ("tier", "gold"),
    ]:
        result = cli("settings", "set", name, value, "--json")
        assert result.returncode == 2
        assert json.loads(result.stdout)["ok"] is False
    assert paths.settings_file().read_bytes() == before
    wrong_case = cli("settings", "set", "model", "QWEN3-CODER-PLUS")
    assert "use 'qwen3-coder-plus'" in wrong_case.stderr


def test_a_damaged_settings_file_is_reported(cli):
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)  # made, private, by the fixture's command
    path.write_text("{not json")
    result = cli("settings", "show")
    assert result.returncode == 0
    assert "settings file was damaged (line 1" in result.stderr
    assert list(path.parent.glob("settings.json.damaged-*"))


def test_a_full_disk_leaves_the_settings_file_whole(tmp_path):
    """A real full file system: a tiny tmpfs in a mount namespace of the test's own."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    cmd = " ".join(codingplan_command())
    script = f"""
        mount -t tmpfs -o size=64k tmpfs {mnt} || exit 90
        mkdir -p {mnt}/cfg/codingplan
        printf '{{"tier": "pro", "subscription_day": 7}}\\n' > {mnt}/cfg/codingplan/settings.json
        dd if=/dev/zero of={mnt}/filler bs=4k count=64 2>/dev/null
        XDG_CONFIG_HOME={mnt}/cfg {cmd} settings set tier lite; echo "rc=$?"
        cat {mnt}/cfg/codingplan/settings.json
        ls -a {mnt}/cfg/codingplan
    """
    result = subprocess.run(
        ["unshare", "--mount", "--map-root-user", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "rc=1" in result.stdout, result.stdout + result.stderr
    assert "could not be saved" in result.stderr and "No space left on device" in result.stderr
    assert '{"tier": "pro", "subscription_day": 7}' in result.stdout
    assert ".tmp" not in result.stdout  # no half-written temp file left behind


def test_version_and_module_form():
    result = subprocess.run(
        [sys.executable, "-m", "codingplan", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    from codingplan import __version__

    assert result.stdout.strip() == f"codingplan {__version__}"


def test_no_command_starts_the_desktop_app(home):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CODINGPLAN_QUIT_AFTER_MS": "300"}
    result = subprocess.run(
        codingplan_command(), env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_the_key_never_leaks(cli, plan_server, home):
    """Only ``key print`` may show the key: no other output, log or file holds it."""
    plan_server.valid_keys.add(KEY)
    outputs = [cli("-v", "key", "set", input=KEY)]
    for scenario in (None, "invalid_key", "quota_5h", "captive_portal", "drop"):
        plan_server.scenario = scenario
        outputs.append(cli("-v", "test", "--origin", plan_server.origin))
        outputs.append(cli("-v", "test", "--json", "--origin", plan_server.origin))
    outputs += [
        cli("-v", "key", "status"),
        cli("-v", "key", "status", "--json"),
        cli("-v", "settings", "show"),
    ]
    outputs.append(cli("-v", "key", "set", input=KEY + " broken"))
    for result in outputs:
        assert KEY not in result.stdout and KEY not in result.stderr, result.args
    assert any("INFO" in r.stderr for r in outputs)  # verbose logging ran, masked
    leaked = [p for p in home.rglob("*") if p.is_file() and KEY.encode() in p.read_bytes()]
    assert leaked == []
    assert cli("key", "print").stdout == KEY + "\n"
