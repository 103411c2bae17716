"""A group that logs in at once: how long each volunteer waits for their first page.

Each volunteer is a thread with its own cookies, as a browser would be: the Dutch login
form, then the hub starts their server, then the first page they land on answers. All
threads wait at one barrier and then submit the form in the same instant, as when a trainer
says "log nu in". The wait of one volunteer runs from submitting the form until their
landing page (Mijn cursus) answers 200 with its heading; it includes the spawn. Every
server is stopped again afterwards, so that the next group starts from the same state.
"""

from __future__ import annotations

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import requests

from tests.support.hub import PASSWORD, Hub

#: Longest a volunteer may wait before the benchmark calls it a failure.
GIVE_UP_S = 600.0


@dataclass
class GroupLogin:
    """What one group logging in at once waited, in seconds."""

    size: int
    waits: list[float]  # per volunteer who got their page, in the order they got it
    failed: int  # volunteers whose page did not come within GIVE_UP_S

    @property
    def p50(self) -> float:
        return statistics.median(self.waits) if self.waits else float("nan")

    @property
    def p95(self) -> float:
        if not self.waits:
            return float("nan")
        ordered = sorted(self.waits)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    @property
    def slowest(self) -> float:
        return max(self.waits) if self.waits else float("nan")


def _log_in_and_wait(hub: Hub, name: str, landing: str, mark: str, go: threading.Barrier) -> float:
    session = requests.Session()
    form = session.get(f"{hub.url}/hub/login", timeout=60)
    form.raise_for_status()
    xsrf = next(c.value for c in session.cookies if c.name == "_xsrf")
    go.wait()
    started = time.perf_counter()
    data = {"username": name, "password": PASSWORD, "_xsrf": xsrf}
    session.post(f"{hub.url}/hub/login", data=data, timeout=GIVE_UP_S)
    url = f"{hub.url}/user/{name}/{landing}"
    while time.perf_counter() - started < GIVE_UP_S:
        page = session.get(url, timeout=GIVE_UP_S)
        if page.status_code == 200 and mark in page.text:
            return time.perf_counter() - started
        time.sleep(0.2)  # polling the spawn, as the hub's own pending page does (1 s)
    raise TimeoutError(f"{name}: {landing} kwam niet binnen {GIVE_UP_S:.0f} s")


def group_login(hub: Hub, names: list[str], landing: str, mark: str) -> GroupLogin:
    """Log ``names`` in at once; wait until each one's ``landing`` page shows ``mark``."""
    go = threading.Barrier(len(names))
    waits: list[float] = []
    failed = 0
    with ThreadPoolExecutor(len(names)) as pool:
        futures = [pool.submit(_log_in_and_wait, hub, n, landing, mark, go) for n in names]
        for future in futures:
            try:
                waits.append(future.result())
            except (TimeoutError, requests.RequestException):
                failed += 1
    for name in names:
        hub.api("DELETE", f"/users/{name}/server")
    _wait_until_stopped(hub, names)
    return GroupLogin(len(names), sorted(waits), failed)


def _wait_until_stopped(hub: Hub, names: list[str]) -> None:
    deadline = time.monotonic() + GIVE_UP_S
    while time.monotonic() < deadline:
        running = [n for n in names if hub.api("GET", f"/users/{n}").json()["servers"]]
        if not running:
            return
        time.sleep(0.5)
    raise TimeoutError(f"servers bleven draaien: {', '.join(running)}")
