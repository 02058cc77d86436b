"""A stand-in for GitHub's "latest release" API and a release's SHA256SUMS download, over real
HTTP on 127.0.0.1, for the update check.

``scenario`` chooses the answer: a release newer than, the same as or older than the app,
a malformed one, a rate limit, a redirect off to another host, an answer too big, one that
drips past the deadline. Every request is recorded (path and headers) so tests can assert
what the app sent. Point the app at it with ``CODINGPLAN_UPDATES_ORIGIN=<origin>``.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LATEST = "/repos/codingplan/configurator/releases/latest"
SUMS_PATH = "/download/SHA256SUMS"
SUMS = "".join(
    (
        "a" * 64 + "  CodingPlanConfigurator-{v}-windows-x64-setup.exe\n",
        "b" * 64 + "  CodingPlanConfigurator-{v}-macos-arm64.dmg\n",
        "not a line of sums\n",
        "c" * 64 + " *codingplan-{v}-linux-x86_64.tar.gz\n",
    )
)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


@dataclass
class ReleasesServer:
    scenario: str = "newer"
    latest: str = "9.0.0"
    requests: list[Seen] = field(default_factory=list)

    def __enter__(self) -> ReleasesServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append(
                    Seen(self.path, {k.lower(): v for k, v in self.headers.items()})
                )
                server.answer(self)

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._http.shutdown()
        self._http.server_close()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self._http.server_address[1]}"

    def release(self) -> dict[str, object]:
        return {
            "tag_name": f"v{self.latest}",
            "name": f"Coding Plan Configurator {self.latest}",
            "html_url": f"{self.origin}/codingplan/configurator/releases/tag/v{self.latest}",
            "assets": [
                {"name": "CodingPlanConfigurator.dmg", "browser_download_url": f"{self.origin}/x"},
                {"name": "SHA256SUMS", "browser_download_url": f"{self.origin}{SUMS_PATH}"},
            ],
        }

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        if handler.path == SUMS_PATH:
            if self.scenario == "sums_missing":
                return self._send(handler, 404, b"Not Found")
            return self._send(handler, 200, SUMS.format(v=self.latest).encode())
        if handler.path != LATEST:
            return self._send(handler, 404, b'{"message": "Not Found"}')
        scenario = self.scenario
        if scenario == "rate_limited":
            body = b'{"message": "API rate limit exceeded"}'
            return self._send(handler, 403, body, {"X-RateLimit-Remaining": "0"})
        if scenario == "too_many_requests":
            return self._send(handler, 429, b"{}", {"Retry-After": "60"})
        if scenario == "no_release":
            return self._send(handler, 404, b'{"message": "Not Found"}')
        if scenario == "server_error":
            return self._send(handler, 502, b"<html>Bad gateway</html>")
        if scenario == "malformed":
            return self._send(handler, 200, b"<html>not json</html>")
        if scenario == "malformed_fields":
            return self._send(handler, 200, json.dumps({"tag_name": 3}).encode())
        if scenario == "malformed_tag":
            release = {**self.release(), "tag_name": "nightly-build"}
            return self._send(handler, 200, json.dumps(release).encode())
        if scenario == "page_elsewhere":
            release = {**self.release(), "html_url": "https://evil.example/release"}
            return self._send(handler, 200, json.dumps(release).encode())
        if scenario == "redirect_elsewhere":
            return self._send(handler, 302, b"", {"Location": "http://example.invalid/latest"})
        if scenario == "huge":
            release = {**self.release(), "body": "x" * (2 << 20)}
            return self._send(handler, 200, json.dumps(release).encode())
        if scenario == "slow":
            handler.send_response(200)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", "100000")
            handler.end_headers()
            try:
                for _ in range(100):
                    handler.wfile.write(b" ")
                    handler.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            return None
        cookie = {"Set-Cookie": "tracking=1; Path=/"}
        return self._send(handler, 200, json.dumps(self.release()).encode(), cookie)

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler,
        status: int,
        body: bytes,
        headers: dict[str, str] | None = None,
    ) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)


def closed_origin() -> str:
    """An origin on loopback where nothing listens (the computer offline, as the app sees it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
