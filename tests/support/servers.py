"""Servers on loopback: a free port, a server started and waited for, Voila as `make serve`."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.course import BIN


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running(
    command: Sequence[str],
    cwd: Path,
    log_path: Path,
    ready: Callable[[], object],
    env: Mapping[str, str] | None = None,
    timeout: float = 90,
) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server, wait until ``ready()`` returns something true (a connection error
    counts as not yet), and stop it afterwards, also when the test fails. It fails the test
    with the server's log when the server stops or is not ready within ``timeout`` s."""
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=None if env is None else dict(env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + timeout
            while not _answers(ready):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"{Path(command[0]).name} did not start:\n{log_path.read_text()}")
                time.sleep(0.2)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _answers(ready: Callable[[], object]) -> bool:
    try:
        return bool(ready())
    except OSError:  # refused or reset (requests' ConnectionError is one too)
        return False


def _url_answers(url: str) -> Callable[[], bool]:
    def ready() -> bool:
        urllib.request.urlopen(url, timeout=2).close()
        return True

    return ready


def jupyter_server(port: int, root_dir: Path, token: str) -> list[str]:
    """``jupyter server`` on loopback at ``port``, serving ``root_dir``, logged in by ``token``
    (as root too: CI runs as root)."""
    return [
        str(BIN / "jupyter-server"),
        f"--port={port}",
        "--ip=127.0.0.1",
        "--no-browser",
        f"--ServerApp.root_dir={root_dir}",
        f"--IdentityProvider.token={token}",
        *(["--allow-root"] if os.geteuid() == 0 else []),
    ]


def run_server(
    command: list[str], cwd: Path, log_path: Path, ready_url: str, timeout: float = 90
) -> Iterator[None]:
    """Start a server, wait until ``ready_url`` answers, stop it afterwards."""
    with running(command, cwd, log_path, _url_answers(ready_url), timeout=timeout):
        yield


def serve(folder: str, cwd: Path, log_path: Path, extra: Sequence[str] = ()) -> Iterator[str]:
    """Voila on a free loopback port, with the voila.json found in ``cwd`` and ``extra``
    command-line settings."""
    url = f"http://127.0.0.1:{free_port()}"
    voila = str(BIN / "voila")
    command = [voila, folder, f"--port={url.rsplit(':', 1)[1]}", *extra]
    for _ in run_server(command, cwd, log_path, url):
        yield url
