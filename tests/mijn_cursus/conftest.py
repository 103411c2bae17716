"""A real ``jupyter server`` with Mijn cursus, as in a volunteer's own server, on loopback.

One temporary home folder, a temporary exchange with ``wat-is-stalking`` released in it
(copied as nbgrader's release leaves it, with its due date), and the volunteers' own
settings (deploy/jupyterhub/volunteer) on ``JUPYTER_CONFIG_PATH``. No hub: the server's
own token stands in for the hub's login.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from coursekit.grading.exchange import DUE_SUFFIX, due_json
from coursekit.hub import COURSE_ID
from tests.support.course import ROOT
from tests.support.servers import free_port, jupyter_server, running

EXERCISE = "wat-is-stalking"
TOKEN = "mijn-cursus-test"


@dataclass
class Server:
    url: str  # ends in /
    home: Path
    exchange: Path
    log: Path

    def session(self) -> requests.Session:
        """A browser-like session: logged in by the token once, then by its cookie."""
        session = requests.Session()
        first = session.get(f"{self.url}mijn-cursus/?token={TOKEN}", timeout=60)
        assert first.ok, first.text[:500]
        return session

    def xsrf(self, session: requests.Session) -> str:
        value = session.cookies.get("_xsrf")
        assert value, "the page set the _xsrf cookie"
        return str(value)


def release(exchange: Path, name: str = EXERCISE, due: str | None = None) -> Path:
    """``name`` in the exchange's outbound folder, as the course's release leaves it."""
    outbound = exchange / COURSE_ID / "outbound" / name
    shutil.copytree(ROOT / "exercises" / name, outbound)
    from datetime import datetime

    moment = None if due is None else datetime.fromisoformat(due)
    (outbound / f"{name}{DUE_SUFFIX}").write_text(due_json(moment), encoding="utf-8")
    return outbound


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with running_server(tmp_path) as running:
        yield running


@contextmanager
def running_server(tmp_path: Path, extra_env: dict[str, str] | None = None) -> Iterator[Server]:
    """Mijn cursus in ``tmp_path``; ``extra_env`` adds to the server's environment (the
    progress service's address and the server's hub token, as coursekit.hub sets them)."""
    home = tmp_path / "home"
    home.mkdir()
    exchange = tmp_path / "exchange"
    (exchange / COURSE_ID / "inbound").mkdir(parents=True)
    (exchange / COURSE_ID / "feedback").mkdir(parents=True)
    release(exchange, due="2099-01-01T12:00:00+00:00")
    port = free_port()
    env = {
        **os.environ,
        "HOME": str(home),
        "JUPYTER_CONFIG_PATH": str(ROOT / "deploy" / "jupyterhub" / "volunteer"),
        "JUPYTER_DATA_DIR": str(home / ".local" / "share" / "jupyter"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "COURSEKIT_EXCHANGE": str(exchange),
        "JUPYTERHUB_USER": "vrijwilliger",
        **(extra_env or {}),
    }
    log = tmp_path / "server.log"
    command = jupyter_server(port, home, TOKEN)
    url = f"http://127.0.0.1:{port}/"

    def ready() -> bool:
        return requests.get(f"{url}api/status?token={TOKEN}", timeout=2).ok

    with running(command, home, log, ready, env=env):
        yield Server(url, home, exchange, log)
