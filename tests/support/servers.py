"""Servers on loopback: a free port, a server started and waited for, Voila as `make serve`."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tests.support.course import BIN


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_server(
    command: list[str], cwd: Path, log_path: Path, ready_url: str, timeout: float = 90
) -> Iterator[None]:
    """Start a server, wait until ``ready_url`` answers, stop it afterwards."""
    with log_path.open("w") as log:
        server = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(ready_url, timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    server.kill()
                    pytest.fail(f"{command[0]} did not start: {log_path.read_text()}")
                time.sleep(0.3)
        yield
        server.terminate()
        server.wait(timeout=30)


def serve(folder: str, cwd: Path, log_path: Path, extra: Sequence[str] = ()) -> Iterator[str]:
    """Voila on a free loopback port, with the voila.json found in ``cwd`` and ``extra``
    command-line settings."""
    url = f"http://127.0.0.1:{free_port()}"
    voila = str(BIN / "voila")
    command = [voila, folder, f"--port={url.rsplit(':', 1)[1]}", *extra]
    for _ in run_server(command, cwd, log_path, url):
        yield url
