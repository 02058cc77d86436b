"""Running a configured tool once, headless, and saying what its output means.

Each run costs the plan one or two requests (the tool's own; it logs them itself, so they
are counted from its logs, not recorded here). Errors are mapped to the connection test's
categories where the tool prints the server's status and message.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
import subprocess
import tempfile
import time
from typing import IO, TYPE_CHECKING, Any

from codingplan.env import Env
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.outcomes import Category, Diagnosis, classify, templates
from codingplan.redact import redact
from codingplan.tools.declared import VerifyPatterns
from codingplan.tools.types import VerifyResult

if TYPE_CHECKING:
    from codingplan.tools.adapter import Adapter

PROMPT = "Reply with the single word: pong"
_EXCERPT = 1500

# What every tool prints alike (the HTTP libraries of Node.js and the model SDKs); what one
# tool prints its own way it declares in its integration (``VerifyPatterns``).
_STATUS = re.compile(
    r"\b(?:API Error|status(?: code)?|statusCode|Error|HTTP)\b\W{0,4}([45]\d\d)\b", re.I
)
_LOGIN = re.compile(r"authenticate|sign in to", re.I)
_NETWORK = re.compile(
    r"ECONNREFUSED|ENOTFOUND|fetch failed|Connection error|Unable to connect", re.I
)


def _found(pattern: str, text: str) -> re.Match[str] | None:
    """A tool's declared pattern in ``text`` (an empty pattern is never found)."""
    return re.search(pattern, text, re.I) if pattern else None


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
    environ = {**env.environ, **adapter.verify_environment()}
    start = time.monotonic()
    # An empty folder as the working directory: the tool has no project to read or index.
    with tempfile.TemporaryDirectory(prefix="codingplan-verify-") as cwd:
        try:
            code, stdout, stderr = run_once(command, cwd, environ, timeout)
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
    output = f"{stdout}\n{stderr}".strip()
    failed = adapter.verify_failed(code, stdout, stderr)
    said = adapter.declared.verify
    return diagnose(adapter.id, adapter.name, said, tuple(command), code, output, failed, elapsed)


# What is kept of each of a run's streams: its start and its end, where a tool prints the
# server's answer; the middle of a tool that prints without end is left out.
OUTPUT_KEEP = 256 << 10
# After the tool ends (or is stopped), how long its output may take to reach its end: a
# process it left in the background (in a session of its own, out of reach of the group's
# stop) may hold the output open for good.
DRAIN_S = 2.0


class _Kept:
    """A stream's first and last ``OUTPUT_KEEP`` bytes, and how many between were dropped."""

    def __init__(self) -> None:
        self.head = bytearray()
        self.tail = bytearray()
        self.dropped = 0

    def add(self, chunk: bytes) -> None:
        room = OUTPUT_KEEP - len(self.head)
        if room > 0:
            self.head += chunk[:room]
            chunk = chunk[room:]
        if not chunk:
            return
        self.tail += chunk
        if len(self.tail) > OUTPUT_KEEP:
            extra = len(self.tail) - OUTPUT_KEEP
            del self.tail[:extra]
            self.dropped += extra

    def text(self) -> str:
        middle = f"\n… ({self.dropped:,} bytes left out) …\n" if self.dropped else ""
        head = self.head.decode("utf-8", "replace")
        return head + middle + self.tail.decode("utf-8", "replace")


class _Output:
    """A running tool's two streams, read as they come (without ever waiting past a given
    time), each kept as ``_Kept``."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None and process.stderr is not None
        self.stdout, self.stderr = _Kept(), _Kept()
        self._open: dict[IO[bytes], _Kept] = {
            process.stdout: self.stdout,
            process.stderr: self.stderr,
        }
        self._threads: list[Any] = []
        if os.name == "nt":  # pipes cannot be waited on together there: a thread each
            import threading

            for stream, keep in self._open.items():
                thread = threading.Thread(target=_read_all, args=(stream, keep), daemon=True)
                thread.start()
                self._threads.append(thread)

    @property
    def ended(self) -> bool:
        if self._threads:
            return not any(t.is_alive() for t in self._threads)
        return not self._open

    def read_for(self, seconds: float) -> None:
        """Take what comes in the next ``seconds`` (less, if both streams end)."""
        if self._threads:
            for thread in self._threads:
                thread.join(seconds / len(self._threads))
            return
        import selectors

        with selectors.DefaultSelector() as selector:
            for stream in self._open:
                selector.register(stream, selectors.EVENT_READ)
            for found, _events in selector.select(seconds):
                ready = found.fileobj
                assert isinstance(ready, io.BufferedReader)
                chunk = os.read(found.fd, 1 << 16)
                if chunk:
                    self._open[ready].add(chunk)
                else:
                    del self._open[ready]
                    ready.close()

    def close(self) -> None:
        for stream in self._open:
            stream.close()
        self._open.clear()


def _read_all(stream: IO[bytes], keep: _Kept) -> None:
    with contextlib.suppress(OSError, ValueError):
        while chunk := stream.read(1 << 16):
            keep.add(chunk)


def run_once(
    command: list[str], cwd: str, environ: dict[str, str], timeout: float
) -> tuple[int, str, str]:
    """Run a tool to its end, or until ``timeout``; then it stops with everything it started.

    The tool runs in its own process group: the npm tools start through a wrapper (and the
    Node.js of a Python install is itself a wrapper), and a timeout that stopped only the
    first process would leave the tool running, still sending requests. The deadline covers
    reading its output too, and only the start and end of each stream are kept.
    """
    with subprocess.Popen(
        command,
        cwd=cwd,
        env=environ,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=os.name != "nt",
    ) as process:
        output = _Output(process)
        try:
            ended = _follow(process, output, time.monotonic() + timeout)
            if not ended:
                _stop_group(process)
                _follow(process, output, time.monotonic() + DRAIN_S)
        finally:
            if process.poll() is None:  # interrupted: leave nothing behind
                _stop_group(process)
            output.close()
        stdout, stderr = output.stdout.text(), output.stderr.text()
        if not ended:
            raise subprocess.TimeoutExpired(command, timeout, stdout, stderr)
        return process.wait(), stdout, stderr


def _follow(process: subprocess.Popen[bytes], output: _Output, end: float) -> bool:
    """Read the output until the tool has ended and its output with it, or ``end``; whether
    the tool ended. Once it has, its output gets ``DRAIN_S`` more to end: a process it left
    in the background (in a session of its own, out of reach of the group's stop) may hold
    it open for good."""
    ended_at = None
    while not output.ended:
        now = time.monotonic()
        if ended_at is None and process.poll() is not None:
            ended_at = now
        if now >= end or (ended_at is not None and now - ended_at >= DRAIN_S):
            break
        output.read_for(min(0.2, end - now))
    try:
        process.wait(max(0.0, end - time.monotonic()))
    except subprocess.TimeoutExpired:
        return False
    return True


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    if os.name == "nt":
        process.kill()
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)


def _decode(data: bytes | str | None) -> str:
    if data is None:
        return ""
    return data if isinstance(data, str) else data.decode("utf-8", "replace")


def diagnose(
    tool_id: str,
    tool: str,
    said: VerifyPatterns,
    command: tuple[str, ...],
    code: int,
    output: str,
    failed: bool,
    elapsed: int,
) -> VerifyResult:
    """What the tool's output says about the plan connection, given whether it failed and
    what the tool (named ``tool``) says in its own words (``said``)."""
    warnings = []
    if _found(said.unknown_model, output):
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

    helper = _found(said.key_unavailable, output)
    if helper:
        return result(
            False,
            Category.KEY_UNAVAILABLE,
            QT_TRANSLATE_NOOP("tools", "{tool} could not get the key from this app: {detail}"),
            QT_TRANSLATE_NOOP(
                "tools",
                "Check that the key is stored ('codingplan key status') and the keyring unlocked.",
            ),
            {"tool": tool, "detail": redact(helper.group(1).strip())},
        )
    status = _found(said.status, output) or _STATUS.search(output)
    if status and failed:
        code_text = status.group(1)
        body = output[status.end() :]
        category, variant = classify(int(code_text), body)
        if category is Category.OK:
            category, variant = Category.UNEXPECTED, ""
        params = {
            "status": int(code_text),
            "excerpt": _excerpt(body)[:200],
            "model": "",
            "host": "",
        }
        message, remedy = templates(Diagnosis(category, variant))
        return result(False, category, message, remedy, params)
    if (_found(said.login, output) or _LOGIN.search(output)) and failed:
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
