"""Running a configured tool once, headless, and saying what its output means.

Each run costs the plan one or two requests (the tool's own; it logs them itself, so they
are counted from its logs, not recorded here). Errors are mapped to the connection test's
categories where the tool prints the server's status and message.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import time
from typing import TYPE_CHECKING

from codingplan import probe
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.redact import redact
from codingplan.tools.model import Env, VerifyResult

if TYPE_CHECKING:
    from codingplan.tools.base import Adapter

PROMPT = "Reply with the single word: pong"
_EXCERPT = 1500

_STATUS = re.compile(
    r"\b(?:API Error|status(?: code)?|statusCode|Error|HTTP)\b\W{0,4}([45]\d\d)\b", re.I
)
_LOGIN = re.compile(
    r"Not logged in|Please run /login|Select login method|No auth type is selected|"
    r"Invalid API key · Please run|authenticate|sign in to",
    re.I,
)
_HELPER_FAILED = re.compile(r"apiKeyHelper failed: (.*)")
_NETWORK = re.compile(
    r"ECONNREFUSED|ENOTFOUND|fetch failed|Connection error|Unable to connect", re.I
)
_UNKNOWN_MODEL = re.compile(r"doesn't recognize the model|\[claude-code:unrecognized_model\]")
_CLINE_DONE = re.compile(r'"finishReason"\s*:\s*"completed"')
_CLINE_FAILED = re.compile(r'"finishReason"\s*:\s*"(?!completed)[^"]+"|"type"\s*:\s*"error"')


def _excerpt(text: str) -> str:
    text = redact(text.strip())
    return text if len(text) <= _EXCERPT else text[:_EXCERPT] + " …"


def run(adapter: Adapter, env: Env, *, timeout: float, prompt: str | None = None) -> VerifyResult:
    executable = adapter.find_executable(env)
    if executable is None:
        return VerifyResult(
            adapter.id,
            False,
            "not_installed",
            QT_TRANSLATE_NOOP("tools", "{tool} is not installed (not found on PATH)."),
            params={"tool": adapter.name},
        )
    command = adapter.verify_command(executable, prompt or PROMPT)
    start = time.monotonic()
    # An empty folder as the working directory: the tool has no project to read or index.
    with tempfile.TemporaryDirectory(prefix="codingplan-verify-") as cwd:
        try:
            done = subprocess.run(
                command,
                cwd=cwd,
                env=dict(env.environ),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                errors="replace",
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as exc:
            elapsed = int((time.monotonic() - start) * 1000)
            output = _decode(exc.stdout) + _decode(exc.stderr)
            message, remedy = probe.templates(probe.Diagnosis(probe.Category.TIMEOUT))
            return VerifyResult(
                adapter.id,
                False,
                "timeout",
                message,
                remedy,
                {"host": adapter.name},
                tuple(command),
                None,
                elapsed,
                _excerpt(output),
            )
    elapsed = int((time.monotonic() - start) * 1000)
    return diagnose(adapter.id, tuple(command), done.returncode, done.stdout, done.stderr, elapsed)


def _decode(data: bytes | str | None) -> str:
    if data is None:
        return ""
    return data if isinstance(data, str) else data.decode("utf-8", "replace")


def diagnose(
    tool_id: str, command: tuple[str, ...], code: int, stdout: str, stderr: str, elapsed: int
) -> VerifyResult:
    """What the tool's exit code and output say about the plan connection."""
    output = f"{stdout}\n{stderr}".strip()
    warnings = []
    if _UNKNOWN_MODEL.search(output):
        warnings.append(
            QT_TRANSLATE_NOOP("tools", "The tool warned that it does not know the model.")
        )

    def result(
        ok: bool, category: str, message: str, remedy: str = "", params: dict | None = None
    ) -> VerifyResult:
        return VerifyResult(
            tool_id,
            ok,
            category,
            message,
            remedy,
            params or {},
            command,
            code,
            elapsed,
            _excerpt(output),
            tuple(warnings),
        )

    helper = _HELPER_FAILED.search(output)
    if helper:
        return result(
            False,
            "key_unavailable",
            QT_TRANSLATE_NOOP("tools", "Claude Code could not get the key from this app: {detail}"),
            QT_TRANSLATE_NOOP(
                "tools",
                "Check that the key is stored ('codingplan key status') and the keyring unlocked.",
            ),
            {"detail": redact(helper.group(1).strip())},
        )
    status = _STATUS.search(output)
    failed = code != 0 or (
        tool_id == "cline" and (_CLINE_FAILED.search(output) or not _CLINE_DONE.search(output))
    )
    if status and failed:
        body = output[status.end() :]
        category, variant = probe.classify(int(status.group(1)), body)
        if category is probe.Category.OK:
            category, variant = probe.Category.UNEXPECTED, ""
        params = {
            "status": int(status.group(1)),
            "excerpt": _excerpt(body)[:200],
            "model": "",
            "host": "",
        }
        message, remedy = probe.templates(probe.Diagnosis(category, variant))
        return result(False, category.value, message, remedy, params)
    if _LOGIN.search(output) and failed:
        return result(
            False,
            "login_required",
            QT_TRANSLATE_NOOP("tools", "The tool asked for a login instead of using the plan key."),
            QT_TRANSLATE_NOOP("tools", "Configure the tool again; check the overrides it lists."),
        )
    if failed and _NETWORK.search(output):
        message, remedy = probe.templates(probe.Diagnosis(probe.Category.NETWORK))
        return result(False, probe.Category.NETWORK.value, message, remedy, {"host": ""})
    if failed:
        return result(
            False,
            "tool_failed",
            QT_TRANSLATE_NOOP("tools", "The tool stopped with an error (exit code {code})."),
            QT_TRANSLATE_NOOP("tools", "Its output is shown below."),
            {"code": code},
        )
    return result(
        True,
        probe.Category.OK.value,
        QT_TRANSLATE_NOOP("tools", "The tool answered through the plan."),
    )
