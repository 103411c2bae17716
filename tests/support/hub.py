"""A real JupyterHub on loopback with the course's production configuration.

For the end-to-end test (tests/hub/test_hub_cycle.py) and the capacity benchmark
(benchmarks/hub). It loads deploy/jupyterhub/jupyterhub_config.py and changes only: a
password for everyone (DummyAuthenticator, throttled and logged out when idle like PAM in
production), free ports
and configurable-http-proxy from npm. With ``service_user`` (the end-to-end test, as root)
every user is a real Unix account (:func:`unix_accounts`) and runs their server as
themselves (LocalProcessSpawner, as in production), the course service as the course
account; without it (the benchmark) every server runs under this process's account in its
own home folder (SimpleLocalProcessSpawner).
"""

from __future__ import annotations

import getpass
import os
import pwd
import random
import shutil
import signal
import string
import subprocess
import sys
import sysconfig
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
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

# One password, throttled and logged out when idle as PAM is in production.
from jupyterhub.auth import DummyAuthenticator
from coursekit.hub_login import course_login
c.JupyterHub.authenticator_class = course_login(DummyAuthenticator)
c.DummyAuthenticator.password = {password!r}
{spawner}
c.Spawner.start_timeout = 120
c.Spawner.env_keep.append("LD_LIBRARY_PATH")  # set only for a copied Python
c.Spawner.http_timeout = 120

# Free loopback ports, and the proxy from npm.
c.JupyterHub.bind_url = {public!r}
c.JupyterHub.hub_bind_url = {hub!r}
c.ConfigurableHTTPProxy.api_url = {proxy_api!r}
c.ConfigurableHTTPProxy.command = [{proxy!r}]

# Tests and benchmarks drive the hub's REST API as this service.
c.JupyterHub.services.append({{"name": "hub-test", "api_token": {token!r}}})
c.JupyterHub.load_roles.append({{"name": "admin", "services": ["hub-test"]}})
{extra}
"""


ONE_ACCOUNT = """
# Every server in its own home folder under this process's account.
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
if os.geteuid() == 0:
    c.Spawner.args.append("--allow-root")
"""
OWN_ACCOUNTS = """
# Every user's server as their own Unix account, as on the production server.
c.JupyterHub.spawner_class = "localprocess"
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
    folder: Path  # the hub's state, the exchange and (one account) the homes

    @property
    def exchange(self) -> Path:
        return self.folder / "exchange"

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


def _reachable_by_all(path: Path) -> bool:
    """Whether every account can run ``path``: each folder above it is open to others."""
    real = path.resolve()
    return all(os.stat(p).st_mode & 0o001 for p in real.parents) and bool(
        os.stat(real).st_mode & 0o001
    )


@dataclass(frozen=True)
class Python:
    """A Python environment's bin folder, and what its programs need in their environment."""

    bin_dir: Path
    env: dict[str, str]


def python_for_everyone(folder: Path) -> Python:
    """This environment, runnable by other accounts.

    Usually the virtual environment itself. Where its Python lives in a folder others cannot
    enter (here: pyenv under /root, 0700), ``folder`` gets a hard-linked copy of that Python
    (its standard library, not its packages) and a small environment on it that sees this
    environment's packages, data and settings, with the console scripts pointed at it. On a
    server the course's environment is readable by all (deploy/jupyterhub/README.md).
    """
    here = Path(sys.executable).parent
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    base = Path(sys.base_prefix)
    if _reachable_by_all(base / "bin" / version):
        return Python(here, {})
    python = folder / "python"
    (python / "bin").mkdir(parents=True)
    (python / "lib").mkdir()
    os.link(base / "bin" / version, python / "bin" / version)
    for library in (base / "lib").glob("libpython*.so*"):
        if library.is_file() and not library.is_symlink():
            os.link(library, python / "lib" / library.name)
    shutil.copytree(
        base / "lib" / version,
        python / "lib" / version,
        copy_function=os.link,
        ignore=shutil.ignore_patterns("site-packages", "test"),
    )
    # pyenv's Python finds its library by an absolute RUNPATH; this takes precedence.
    env = {"LD_LIBRARY_PATH": str(python / "lib")}
    venv = folder / "venv"
    make = [str(python / "bin" / version), "-m", "venv", "--without-pip", str(venv)]
    subprocess.run(make, check=True, env={**os.environ, **env})
    packages = sysconfig.get_path("purelib")
    own = Path(sysconfig.get_path("purelib", vars={"base": str(venv)}))
    (own / "test-environment.pth").write_text(
        f"import site; site.addsitedir({packages!r})\n", encoding="utf-8"
    )
    for name in ("share", "etc"):
        (venv / name).symlink_to(Path(sys.prefix) / name)
    # pip writes the interpreter it ran under: python, or python3 in a venv made with
    # `python3 -m venv` and used as .venv/bin/python3.
    shebangs = [f"#!{here / name}\n".encode() for name in ("python", "python3", version)]
    for script in here.iterdir():
        if script.is_file() and not script.is_symlink():
            text = script.read_bytes()
            shebang = next((s for s in shebangs if text.startswith(s)), None)
            if shebang is not None:
                target = venv / "bin" / script.name
                target.write_bytes(f"#!{venv / 'bin' / 'python'}\n".encode() + text[len(shebang) :])
                target.chmod(0o755)
    return Python(venv / "bin", env)


def _ids(name: str) -> tuple[int, int]:
    entry = pwd.getpwnam(name)
    return entry.pw_uid, entry.pw_gid


@contextmanager
def unix_accounts(roles: Sequence[str], homes: Path) -> Iterator[dict[str, str]]:
    """Real Unix accounts, one per role, named ``ck<random><role>``; removed afterwards.

    Needs root. Each gets its own group and a home folder in ``homes``; at the end they
    and their homes are removed, also when the test fails.
    """
    prefix = "ck" + "".join(random.choices(string.ascii_lowercase, k=5))
    names = {role: f"{prefix}{role}" for role in roles}
    made: list[str] = []
    try:
        for name in names.values():
            home = homes / name
            useradd = ["useradd", "--create-home", "--home-dir", str(home), "--user-group"]
            subprocess.run([*useradd, "--shell", "/bin/sh", name], check=True, capture_output=True)
            made.append(name)
        yield names
    finally:
        for name in made:
            subprocess.run(
                ["userdel", "--force", "--remove", name], capture_output=True, check=False
            )


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
    service_user: str | None = None,
    python: Python | None = None,
    extra_config: str = "",
) -> Iterator[Hub]:
    """JupyterHub for ``course`` (a copy of the course directory) with state in ``folder``.

    With ``service_user``, the users are Unix accounts and ``course`` must be reachable by
    them; the course account gets the course and the data's permissions (as
    ``coursekit hub-permissions`` sets them on a server). ``extra_config`` is appended to
    the hub's configuration (a test's own settings).
    """
    if not PROXY.exists():
        raise HubError("configurable-http-proxy ontbreekt: npm ci (make test doet dat)")
    for name in ("homes", "state"):
        (folder / name).mkdir(exist_ok=True)
    # The production config refuses to start until the data is the course account's.
    owner = service_user or getpass.getuser()
    if service_user:
        shutil.chown(course, service_user, service_user)
        for entry in course.rglob("*"):
            os.lchown(entry, *_ids(service_user))
    everyone = (*trainers, *volunteers)
    apply(HubLayout(course, folder / "exchange", COURSE_ID, owner, everyone, gradebook_url))
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
            spawner=OWN_ACCOUNTS
            if service_user
            else ONE_ACCOUNT.format(homes=str(folder / "homes")),
            public=public,
            hub=f"http://127.0.0.1:{free_port()}",
            proxy_api=f"http://127.0.0.1:{free_port()}",
            proxy=str(PROXY),
            token=ADMIN_TOKEN,
            extra=extra_config,
        ),
        encoding="utf-8",
    )
    python = python or Python(Path(sys.executable).parent, {})
    bin_dir = python.bin_dir
    env = {
        **os.environ,
        **python.env,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "COURSEKIT_GRADEBOOK_URL": gradebook_url,
        "COURSEKIT_COURSE_DIR": str(course),
        "COURSEKIT_EXCHANGE": str(folder / "exchange"),
        "COURSEKIT_HUB_USERS": str(users),
        "COURSEKIT_FORMGRADER_PORT": str(free_port()),
        "COURSEKIT_SITE_PORT": str(free_port()),
        "COURSEKIT_PROGRESS_PORT": str(free_port()),
        **({"COURSEKIT_SERVICE_USER": service_user} if service_user else {}),
        "COURSEKIT_HOMES": str(folder / "homes"),
    }
    log = folder / "jupyterhub.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(bin_dir / "jupyterhub"), "-f", str(config)],
            cwd=folder / "state",
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_for(f"{public}/hub/health", process, log, timeout=120)
            yield Hub(public, log, course, gradebook_url, process, folder)
        finally:
            _stop_all(process)


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (from /proc), children before their own children."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # gone meanwhile
            continue
        # "pid (name) state ppid ...": the name may hold spaces and parentheses.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        children = parents.get(todo.pop(0), [])
        found.extend(children)
        todo.extend(children)
    return found


def _signal(pids: Sequence[int], number: int) -> None:
    for pid in pids:
        with suppress(ProcessLookupError):
            os.kill(pid, number)


def _stop_all(process: subprocess.Popen[bytes]) -> None:
    """Stop the hub and everything it started, at once.

    JupyterHub stops its services one after another (each may wait 10 s for SIGINT), then
    the volunteers' servers, which stop their kernels. On a busy machine that took over a
    minute. The hub's servers and services run in sessions of their own, so the hub's
    process group does not hold them: they are found from /proc and told to stop together
    with the hub, which then finds them stopped. Whatever still runs after the hub is
    gone, or after 60 s, is killed.
    """
    below = _descendants(process.pid)
    process.terminate()
    _signal(below, signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    _signal([pid for pid in below if Path(f"/proc/{pid}").exists()], signal.SIGKILL)
