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

from codingplan.env import Env
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.outcomes import Category, Diagnosis, classify, templates
from codingplan.redact import redact
from codingplan.tools.types import VerifyResult

if TYPE_CHECKING:
    from codingplan.tools.adapter import Adapter

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


def _excerpt(text: str) -> str:
    text = redact(text.strip())
    return text if len(text) <= _EXCERPT else text[:_EXCERPT] + " …"


def run(adapter: Adapter, env: Env, *, timeout: float, prompt: str | None = None) -> VerifyResult:
    executable = adapter.find_executable(env)
    if executable is None:
        return VerifyResult(
            adapter.id,
            False,
            Category.NOT_INSTALLED.value,
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
            message, remedy = templates(Diagnosis(Category.TIMEOUT))
            return VerifyResult(
                adapter.id,
                False,
                Category.TIMEOUT.value,
                message,
                remedy,
                {"host": adapter.name},
                tuple(command),
                None,
                elapsed,
                _excerpt(output),
            )
    elapsed = int((time.monotonic() - start) * 1000)
    output = f"{done.stdout}\n{done.stderr}".strip()
    failed = adapter.verify_failed(done.returncode, output)
    return diagnose(adapter.id, tuple(command), done.returncode, output, failed, elapsed)


def _decode(data: bytes | str | None) -> str:
    if data is None:
        return ""
    return data if isinstance(data, str) else data.decode("utf-8", "replace")


def diagnose(
    tool_id: str, command: tuple[str, ...], code: int, output: str, failed: bool, elapsed: int
) -> VerifyResult:
    """What the tool's output says about the plan connection, given whether it failed."""
    warnings = []
    if _UNKNOWN_MODEL.search(output):
        warnings.append(
            QT_TRANSLATE_NOOP("tools", "The tool warned that it does not know the model.")
        )

    def result(
        ok: bool,
        category: Category,
        message: str,
        remedy: str = "",
        params: dict[str, object] | None = None,
    ) -> VerifyResult:
        return VerifyResult(
            tool_id,
            ok,
            category.value,
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
            Category.KEY_UNAVAILABLE,
            QT_TRANSLATE_NOOP("tools", "Claude Code could not get the key from this app: {detail}"),
            QT_TRANSLATE_NOOP(
                "tools",
                "Check that the key is stored ('codingplan key status') and the keyring unlocked.",
            ),
            {"detail": redact(helper.group(1).strip())},
        )
    status = _STATUS.search(output)
    if status and failed:
        body = output[status.end() :]
        category, variant = classify(int(status.group(1)), body)
        if category is Category.OK:
            category, variant = Category.UNEXPECTED, ""
        params = {
            "status": int(status.group(1)),
            "excerpt": _excerpt(body)[:200],
            "model": "",
            "host": "",
        }
        message, remedy = templates(Diagnosis(category, variant))
        return result(False, category, message, remedy, params)
    if _LOGIN.search(output) and failed:
        return result(
            False,
            Category.LOGIN_REQUIRED,
            QT_TRANSLATE_NOOP("tools", "The tool asked for a login instead of using the plan key."),
            QT_TRANSLATE_NOOP("tools", "Configure the tool again; check the overrides it lists."),
        )
    if failed and _NETWORK.search(output):
        message, remedy = templates(Diagnosis(Category.NETWORK))
        return result(False, Category.NETWORK, message, remedy, {"host": ""})
    if failed:
        return result(
            False,
            Category.TOOL_FAILED,
            QT_TRANSLATE_NOOP("tools", "The tool stopped with an error (exit code {code})."),
            QT_TRANSLATE_NOOP("tools", "Its output is shown below."),
            {"code": code},
        )
    return result(
        True,
        Category.OK,
        QT_TRANSLATE_NOOP("tools", "The tool answered through the plan."),
    )
