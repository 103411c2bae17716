"""A real Voila server on loopback, started as `make serve` starts it, and Debian's Chromium."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT  # noqa: F401 (re-exported)

# Widgets arrive over the kernel websocket; give a busy machine time before failing.
expect.set_options(timeout=15_000)


def _free_port() -> int:
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


def serve(folder: str, cwd: Path, log_path: Path) -> Iterator[str]:
    """Voila on a free loopback port, with the voila.json found in ``cwd``."""
    url = f"http://127.0.0.1:{_free_port()}"
    voila = str(Path(sys.executable).parent / "voila")
    for _ in run_server([voila, folder, f"--port={url.rsplit(':', 1)[1]}"], cwd, log_path, url):
        yield url


@pytest.fixture(scope="session")
def voila_url(jupyter_home: Path) -> Iterator[str]:
    """`make serve`'s command (voila modules, settings from voila.json) on a free port."""
    yield from serve("modules", ROOT, jupyter_home / "voila.log")
