"""A real ``jupyter server`` with the Groepsoverzicht, as the course service on the hub runs
it: in a course folder, with the course service's settings (deploy/jupyterhub/course) on
``JUPYTER_CONFIG_PATH``. No hub: the server's own token stands in for a trainer's login.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from tests.support.course import ROOT
from tests.support.servers import free_port, jupyter_server, running

TOKEN = "groepsoverzicht-test"


@dataclass
class TrainerServer:
    url: str  # the server's root, ends in /
    course: Path
    log: Path

    @property
    def pages(self) -> str:
        """The Groepsoverzicht's root URL, ends in /."""
        return f"{self.url}groepsoverzicht/"

    def session(self) -> requests.Session:
        """A browser-like session: logged in by the token once, then by its cookie."""
        session = requests.Session()
        first = session.get(f"{self.pages}?token={TOKEN}", timeout=60)
        assert first.status_code < 500, first.text[:500]
        return session

    def xsrf(self, session: requests.Session) -> str:
        value = session.cookies.get("_xsrf")
        assert value, "the page set the _xsrf cookie"
        return str(value)


@contextmanager
def trainer_server(course: Path, exchange: Path, runtime: Path) -> Iterator[TrainerServer]:
    """Serve ``course`` (a copy with its gradebook) with ``exchange`` as nbgrader's exchange;
    ``runtime`` is a scratch folder for the server's own files and its log."""
    runtime.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_PATH": str(ROOT / "deploy" / "jupyterhub" / "course"),
        "JUPYTER_DATA_DIR": str(runtime / "data"),
        "JUPYTER_RUNTIME_DIR": str(runtime / "runtime"),
        "COURSEKIT_EXCHANGE": str(exchange),
    }
    log = runtime / "server.log"
    command = jupyter_server(port, course, TOKEN)
    url = f"http://127.0.0.1:{port}/"

    def ready() -> bool:
        return requests.get(f"{url}api/status?token={TOKEN}", timeout=2).ok

    with running(command, course, log, ready, env=env):
        yield TrainerServer(url, course, log)
