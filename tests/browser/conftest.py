"""A real Voila server on loopback, started as `make serve` starts it, and Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(folder: str, cwd: Path, log_path: Path) -> Iterator[str]:
    """Voila on a free loopback port, with the voila.json found in ``cwd``."""
    port = _free_port()
    voila = Path(sys.executable).parent / "voila"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [str(voila), folder, f"--port={port}"], cwd=cwd, stdout=log, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    server.kill()
                    pytest.fail(f"Voila did not start: {log_path.read_text()}")
                time.sleep(0.3)
        yield url
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="session")
def voila_url(jupyter_home: Path) -> Iterator[str]:
    """`make serve`'s command (voila modules, settings from voila.json) on a free port."""
    yield from serve("modules", ROOT, jupyter_home / "voila.log")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see README)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
