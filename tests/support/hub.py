"""A real JupyterHub on loopback with the course's production configuration.

For the end-to-end test (tests/hub/test_hub_cycle.py) and the capacity benchmark
(benchmarks/hub). It loads deploy/jupyterhub/jupyterhub_config.py and changes only what
a machine without Unix accounts for every volunteer needs: a password for everyone
(DummyAuthenticator) and every user's server in its own home folder under one account
(SimpleLocalProcessSpawner), plus free ports and configurable-http-proxy from npm.
"""

from __future__ import annotations

import getpass
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests

from coursekit.hub import COURSE_ID
from coursekit.hub_permissions import HubLayout, apply
from tests.support.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "oefen-wachtwoord"
ADMIN_TOKEN = "hub-test-beheer"
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"

CONFIG = """
import os
c = get_config()  # noqa: F821
load_subconfig({production!r})  # noqa: F821

# One password, every server in its own home folder under one account.
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
if os.geteuid() == 0:
    c.Spawner.args = ["--allow-root"]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

# Free loopback ports, and the proxy from npm.
c.JupyterHub.bind_url = {public!r}
c.JupyterHub.hub_bind_url = {hub!r}
c.ConfigurableHTTPProxy.api_url = {proxy_api!r}
c.ConfigurableHTTPProxy.command = [{proxy!r}]

# Tests and benchmarks drive the hub's REST API as this service.
c.JupyterHub.services.append({{"name": "hub-test", "api_token": {token!r}}})
c.JupyterHub.load_roles.append({{"name": "admin", "services": ["hub-test"]}})
"""


class HubError(RuntimeError):
    """The hub did not start, or a call to it failed; the message says which and why."""


@dataclass
class Hub:
    url: str
    log: Path
    course: Path
    gradebook_url: str
    process: subprocess.Popen[bytes]

    def api(self, method: str, path: str, **kwargs: object) -> requests.Response:
        """The hub's REST API as the admin service."""
        response = requests.request(
            method,
            f"{self.url}/hub/api{path}",
            headers={"Authorization": f"token {ADMIN_TOKEN}"},
            timeout=60,
            **kwargs,  # type: ignore[arg-type]
        )
        if not response.ok:
            raise HubError(f"{method} {path}: {response.status_code} {response.text}")
        return response

    def start(self, name: str, timeout: float = 180) -> User:
        """A token for ``name`` and their own server, started and ready."""
        user = f"/users/{quote(name)}"
        token = self.api("POST", f"{user}/tokens", json={"note": "hub-test"}).json()["token"]
        if "" not in self.api("GET", user).json()["servers"]:
            self.api("POST", f"{user}/server")  # logging in may have started it already
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.api("GET", user).json()["servers"].get("", {}).get("ready"):
                return User(name, self, token)
            time.sleep(0.3)
        raise HubError(f"the server of {name} did not start:\n{self.log.read_text()[-5000:]}")


@dataclass
class User:
    """One person on the hub, with an API token."""

    name: str
    hub: Hub
    token: str

    @property
    def server(self) -> str:
        return f"{self.hub.url}/user/{quote(self.name)}"

    def call(self, method: str, url: str, **kwargs: object) -> requests.Response:
        headers = {"Authorization": f"token {self.token}"}
        return requests.request(method, url, headers=headers, timeout=300, **kwargs)  # type: ignore[arg-type]


def log_in_with_form(page: Any, hub_url: str, name: str) -> None:
    """Log in as a person does: the hub's (Dutch) login form in a Playwright page."""
    page.goto(f"{hub_url}/hub/login")
    page.get_by_label("Gebruikersnaam").fill(name)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise HubError(f"JupyterHub stopped:\n{log.read_text()[-5000:]}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    raise HubError(f"JupyterHub did not answer {url}:\n{log.read_text()[-5000:]}")


@contextmanager
def local_hub(
    folder: Path,
    course: Path,
    gradebook_url: str,
    trainers: Sequence[str],
    volunteers: Sequence[str],
) -> Iterator[Hub]:
    """JupyterHub for ``course`` (a copy of the course directory) with state in ``folder``."""
    if not PROXY.exists():
        raise HubError("configurable-http-proxy ontbreekt: npm ci (make test doet dat)")
    for name in ("homes", "state"):
        (folder / name).mkdir(exist_ok=True)
    # The production config refuses to start until the data is the course account's.
    owner = getpass.getuser()
    apply(HubLayout(course, folder / "exchange", COURSE_ID, owner, (), gradebook_url))
    users = folder / "users.yaml"
    users.write_text(
        f"trainers: [{', '.join(trainers)}]\nvolunteers: [{', '.join(volunteers)}]\n",
        encoding="utf-8",
    )
    public = f"http://127.0.0.1:{free_port()}"
    config = folder / "state" / "jupyterhub_config.py"
    config.write_text(
        CONFIG.format(
            production=str(course / "deploy" / "jupyterhub" / "jupyterhub_config.py"),
            password=PASSWORD,
            homes=str(folder / "homes"),
            public=public,
            hub=f"http://127.0.0.1:{free_port()}",
            proxy_api=f"http://127.0.0.1:{free_port()}",
            proxy=str(PROXY),
            token=ADMIN_TOKEN,
        ),
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "COURSEKIT_GRADEBOOK_URL": gradebook_url,
        "COURSEKIT_COURSE_DIR": str(course),
        "COURSEKIT_EXCHANGE": str(folder / "exchange"),
        "COURSEKIT_HUB_USERS": str(users),
        "COURSEKIT_FORMGRADER_PORT": str(free_port()),
        "COURSEKIT_SITE_PORT": str(free_port()),
    }
    log = folder / "jupyterhub.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(config)],
            cwd=folder / "state",
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_for(f"{public}/hub/health", process, log, timeout=120)
            yield Hub(public, log, course, gradebook_url, process)
        finally:
            process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()
