"""A D-Bus session bus that lets a client in and then never answers: it accepts the
connection, completes the authentication handshake (SASL EXTERNAL, as dbus-daemon does),
reads every message sent to it and replies to none. This is what a wedged bus, or a bus
whose keyring daemon is stopped, looks like to a program."""

from __future__ import annotations

import contextlib
import os
import socket
import tempfile
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path


def _serve(client: socket.socket, stop: threading.Event) -> None:
    guid = uuid.uuid4().hex
    buffered = b""
    with client:
        client.settimeout(0.5)
        authenticated = False
        while not stop.is_set():
            try:
                data = client.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            if not data:
                return
            if authenticated:
                continue  # every message is read, none answered
            buffered += data
            while b"\r\n" in buffered:
                line, buffered = buffered.split(b"\r\n", 1)
                command = line.lstrip(b"\0")
                if command.startswith(b"AUTH"):
                    client.sendall(b"OK " + guid.encode() + b"\r\n")
                elif command.startswith(b"NEGOTIATE_UNIX_FD"):
                    client.sendall(b"AGREE_UNIX_FD\r\n")
                elif command.startswith(b"BEGIN"):
                    authenticated = True
                    buffered = b""
                    break
                else:
                    client.sendall(b"ERROR\r\n")


@contextlib.contextmanager
def wedged_bus() -> Iterator[str]:
    """Yields the bus address (``unix:path=…``) for as long as the bus runs."""
    folder = Path(tempfile.mkdtemp(prefix="codingplan-wedged-bus-"))
    path = folder / "bus"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(16)
    server.settimeout(0.5)
    stop = threading.Event()
    clients: list[threading.Thread] = []

    def accept() -> None:
        while not stop.is_set():
            try:
                client, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=_serve, args=(client, stop), daemon=True)
            thread.start()
            clients.append(thread)

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield f"unix:path={path}"
    finally:
        stop.set()
        acceptor.join(5)
        for thread in clients:
            thread.join(5)
        server.close()
        with contextlib.suppress(OSError):
            os.unlink(path)
            folder.rmdir()
