"""A volunteer who leaves a shared computer is logged out after the idle time (coursekit.hub_idle).

A small hub of its own (one account, no PostgreSQL: the gradebook cannot be reached) with
an idle limit of a few seconds and servers that check their login token every second: Anna
logs in and walks away; Bram logs in and keeps working in his server. After the idle limit
Anna's hub page sends her to the login page and her own server refuses her old cookie,
while Bram is still logged in. The cookies end with the browser session.
"""

from __future__ import annotations

import html
import shutil
import tempfile
import time
from collections.abc import Iterator
from http.cookiejar import Cookie
from pathlib import Path

import pytest
import requests

from coursekit.hub_idle import IDLE_COOKIE
from coursekit.text import learner
from tests.support.course import copy_course
from tests.support.hub import PASSWORD, Hub, local_hub

pytestmark = pytest.mark.hub

IDLE_SECONDS = 5.0
SETTINGS = f"""
c.IdleLogout.idle_timeout = {IDLE_SECONDS}
c.Spawner.args = [a for a in c.Spawner.args if "cache_max_age" not in a]
c.Spawner.args.append("--HubOAuth.cache_max_age=1")
"""
TRAINER, ANNA, BRAM = "trainer", "anna", "bram"


@pytest.fixture(scope="module")
def hub() -> Iterator[Hub]:
    folder = Path(tempfile.mkdtemp(prefix="ck-idle-", dir="/tmp"))
    try:
        course = copy_course(folder / "course")
        # Never opened: no trainer grades on this hub.
        gradebook = "postgresql+psycopg://cursus@/gradebook?host=/nonexistent"
        with local_hub(
            folder, course, gradebook, [TRAINER], [ANNA, BRAM], extra_config=SETTINGS
        ) as running:
            yield running
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _log_in(hub: Hub, name: str, session: requests.Session | None = None) -> requests.Session:
    """The login form, then on to the volunteer's own (running) server, as a browser does."""
    session = session or requests.Session()
    assert session.get(f"{hub.url}/hub/login", timeout=60).ok
    # The hub's own; the volunteer's server sets one of its own too.
    (xsrf,) = [c.value for c in session.cookies if c.name == "_xsrf" and c.path == "/hub/"]
    data = {"username": name, "password": PASSWORD, "_xsrf": xsrf}
    landed = session.post(f"{hub.url}/hub/login", data=data, timeout=120)
    assert f"/user/{name}/" in landed.url, landed.url
    # Her server's own login cookie comes with its first page that needs a login (whatever
    # page she landed on: Mijn cursus is another layer's); JupyterLab's, here.
    assert session.get(f"{hub.url}/user/{name}/lab", timeout=120).ok
    assert _server_answers(hub, session, name), f"{name} reaches their server"
    return session


def _hub_page_answers(hub: Hub, session: requests.Session) -> bool:
    page = session.get(f"{hub.url}/hub/home", timeout=60, allow_redirects=False)
    assert page.status_code in (200, 302), page.status_code
    if page.status_code == 302:
        assert "/hub/login" in page.headers["Location"], page.headers["Location"]
    return page.status_code == 200


def _server_answers(hub: Hub, session: requests.Session, name: str) -> bool:
    """Whether the volunteer's server answers its API with the session's cookies."""
    url = f"{hub.url}/user/{name}/api/contents"
    return session.get(url, timeout=60, allow_redirects=False).status_code == 200


def _cookies(session: requests.Session) -> list[Cookie]:
    return list(session.cookies)


def test_an_idle_volunteer_must_log_in_again_while_an_active_one_stays(hub: Hub) -> None:
    for name in (ANNA, BRAM):
        hub.start(name)
    anna = _log_in(hub, ANNA)
    bram = _log_in(hub, BRAM)

    # Anna walks away; Bram keeps working (as JupyterLab polls his server).
    left = time.monotonic()
    while time.monotonic() - left < IDLE_SECONDS + 1:
        assert _server_answers(hub, bram, BRAM), "an active volunteer stays logged in"
        time.sleep(0.5)

    assert not _hub_page_answers(hub, anna), "the hub sends an idle volunteer to the login page"
    login = anna.get(f"{hub.url}/hub/home", timeout=60)
    assert "/hub/login" in login.url
    assert learner.HUB_IDLE_NOTICE in html.unescape(login.text), "the login page says why"
    deadline = time.monotonic() + 30
    while _server_answers(hub, anna, ANNA):
        assert time.monotonic() < deadline, "her server still takes the old cookie"
        time.sleep(0.3)
    assert not _hub_page_answers(hub, anna), "and she stays logged out"
    assert _hub_page_answers(hub, bram)
    assert _server_answers(hub, bram, BRAM)
    assert "anna moet opnieuw inloggen" in hub.log.read_text(encoding="utf-8")

    _log_in(hub, ANNA, anna)
    assert _hub_page_answers(hub, anna), "logging in again works"
    assert IDLE_COOKIE not in anna.cookies, "the login page says it only right after idleness"


def test_the_login_cookies_end_with_the_browser_session(hub: Hub) -> None:
    session = _log_in(hub, BRAM)
    names = {cookie.name for cookie in _cookies(session)}
    assert {"jupyterhub-hub-login", "jupyterhub-session-id", f"jupyterhub-user-{BRAM}"} <= names
    for cookie in _cookies(session):
        assert cookie.expires is None, f"{cookie.name} outlives the browser session"


def test_the_hub_runs_while_progress_cannot_reach_its_database(hub: Hub) -> None:
    """This hub's gradebook does not exist: the hub still started (this test runs), and the
    progress service answers a volunteer with one Dutch sentence instead of failing."""
    bram = hub.start(BRAM)
    answer = bram.call("GET", f"{hub.url}/services/voortgang/api/mij")
    assert answer.status_code == 503
    assert answer.json() == {"fout": learner.PROGRESS_UNAVAILABLE}
