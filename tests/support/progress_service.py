"""The real progress service ``voortgang`` on loopback, without a hub, for the Bewijs van
deelname (issue 18); and what Mijn cursus shows about it, for any test (the hub's too).

The service runs as the hub starts it (``python -m coursekit.hub_progress`` in the course
folder, the same environment variables) and asks "the hub" who owns a token, as it always
does, through JupyterHub's own HubAuth. The only stand-in is that answer: a small server on
loopback gives ``/hub/api/user`` for the tokens a test hands out, as the hub's API does
(name, kind, groups, scopes). The real hub is tested in tests/hub.

:func:`certificate_course` makes a course folder with a real SQLite gradebook (nbgrader's
own API): Anna de Vries passed the final assessment (9 of 10), Bram Bakker did not (3 of 10).
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests

from tests.support.servers import free_port, running

SERVICE = "voortgang"
PREFIX = f"/services/{SERVICE}/"
TRAINERS = "formgrade-steun-bij-stalking"
FINAL = "eindtoets"
ORGANISATION = "Stichting Veilig Verder"


def certificate_course(folder: Path) -> Path:
    """A course folder: ``nbgrader_config.py`` with a SQLite gradebook beside it in which
    anna passed ``eindtoets`` (9 of 10) and bram did not (3 of 10), both graded."""
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SAWarning

    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "gradebook.db"
    with Gradebook(f"sqlite:///{db}") as book, warnings.catch_warnings():
        # nbgrader's API warns about its own session with SQLAlchemy 2 (harmless, not ours).
        warnings.simplefilter("ignore", SAWarning)
        book.add_student("anna", first_name="Anna", last_name="de Vries")
        book.add_student("bram", first_name="Bram", last_name="Bakker")
        book.add_assignment(FINAL)
        book.add_notebook(FINAL, FINAL)
        book.add_grade_cell("vraag", FINAL, FINAL, max_score=10, cell_type="code")
        for student, points in (("anna", 9), ("bram", 3)):
            book.add_submission(FINAL, student)
            set_score(book, student, points)
    (folder / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.db_url = 'sqlite:///{db}'\n"
        f"c.Exchange.root = {str(folder / 'exchange')!r}\n"
        f"c.GroupOverview.organisation = {ORGANISATION!r}\n",
        encoding="utf-8",
    )
    for student in ("anna", "bram"):
        (folder / "autograded" / student / FINAL).mkdir(parents=True)
    return folder


def set_score(book: Any, student: str, points: float) -> None:
    """The final assessment's points of ``student`` in an open nbgrader Gradebook."""
    grade = book.find_grade("vraag", FINAL, FINAL, student)
    grade.auto_score = points
    grade.needs_manual_grade = False  # as `coursekit grade` leaves a code cell
    book.db.commit()


class _Who(BaseHTTPRequestHandler):
    """``GET /hub/api/user`` as the hub answers it: the token's owner, or 403."""

    def do_GET(self) -> None:
        people: dict[str, dict[str, Any]] = self.server.people  # type: ignore[attr-defined]
        token = self.headers.get("Authorization", "").removeprefix("token ").strip()
        model = people.get(token) if self.path.rstrip("/") == "/hub/api/user" else None
        body = json.dumps(model or {"status": 403, "message": "Forbidden"}).encode()
        self.send_response(200 if model else 403)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class ProgressService:
    """The running service: ``url`` ends in ``/services/voortgang/``; ``tokens`` by name."""

    url: str
    course: Path
    log: Path
    tokens: dict[str, str] = field(default_factory=dict)

    def call(
        self, who: str | None, method: str, path: str, begonnen: bool = False
    ) -> requests.Response:
        """A request as ``who`` (None: without a token); ``begonnen``: report an opening."""
        headers = {} if who is None else {"Authorization": f"token {self.tokens[who]}"}
        body = {"gebeurtenis": "begonnen"} if begonnen else None
        return requests.request(method, self.url + path, headers=headers, json=body, timeout=60)


@contextmanager
def progress_service(course: Path, people: dict[str, list[str]]) -> Iterator[ProgressService]:
    """The service for ``course``; ``people`` are hub users (name: groups), each with a token."""
    tokens = {name: f"token-van-{name}-{os.urandom(4).hex()}" for name in people}
    who = ThreadingHTTPServer(("127.0.0.1", 0), _Who)
    who.people = {  # type: ignore[attr-defined]
        tokens[name]: {
            "kind": "user",
            "name": name,
            "admin": False,
            "groups": groups,
            "scopes": [f"access:services!service={SERVICE}"],
        }
        for name, groups in people.items()
    }
    threading.Thread(target=who.serve_forever, daemon=True).start()
    port = free_port()
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "COURSEKIT_"))}
    env = {
        **keep,
        "COURSEKIT_GRADEBOOK_URL": f"sqlite:///{course / 'gradebook.db'}",
        "COURSEKIT_TRAINER_GROUP": TRAINERS,
        "JUPYTERHUB_SERVICE_URL": f"http://127.0.0.1:{port}",
        "JUPYTERHUB_SERVICE_PREFIX": PREFIX,
        "JUPYTERHUB_SERVICE_NAME": SERVICE,
        "JUPYTERHUB_API_TOKEN": "de-dienst-zelf",
        "JUPYTERHUB_API_URL": f"http://127.0.0.1:{who.server_address[1]}/hub/api",
    }
    log = course.parent / f"{SERVICE}-{port}.log"
    service = ProgressService(f"http://127.0.0.1:{port}{PREFIX}", course, log, tokens)
    first = next(iter(people))

    def ready() -> bool:  # the tables are made and a token is answered
        return service.call(first, "GET", "api/mij").status_code == 200

    command = [sys.executable, "-m", "coursekit.hub_progress"]
    try:
        with running(command, course, log, ready, env=env, timeout=60):
            yield service
    finally:
        who.shutdown()
        who.server_close()


# What Mijn cursus shows on its overview page (coursekit/mijn_cursus/templates/mijn-cursus.html).
_CARD = re.compile(r'<section[^>]*\bdata-bewijs="([^"]+)"[^>]*>(.*?)</section>', re.S)
_CODE = re.compile(r'<strong data-code="([^"]*)"')


def certificate_card(page_html: str) -> tuple[str, str | None]:
    """The Bewijs van deelname card on a Mijn cursus overview page: its state ("geen",
    "bevestigen", "klaar", or "onbekend" when the progress service cannot be reached) and
    the verification code it shows (None unless "klaar")."""
    found = _CARD.search(page_html)
    assert found is not None, "the overview page has the card Bewijs van deelname"
    code = _CODE.search(found.group(2))
    return found.group(1), html.unescape(code.group(1)).strip() if code else None


def certificate_shown(session: requests.Session, mijn_cursus_url: str) -> tuple[str, str | None]:
    """For a hub test: ``session`` logged in as a volunteer, ``mijn_cursus_url`` their
    overview (``{hub}/user/{name}/mijn-cursus/``): the state and code Mijn cursus shows."""
    page = session.get(mijn_cursus_url, timeout=60)
    assert page.status_code == 200, page.text[:500]
    return certificate_card(page.text)


def certificate_on_page(page: Any, mijn_cursus_url: str) -> tuple[str, str | None]:
    """The same for a Playwright page logged in as a volunteer (``log_in_with_form``): opens
    ``mijn_cursus_url`` and reads the card."""
    page.goto(mijn_cursus_url)
    page.locator("section[data-bewijs]").wait_for()
    return certificate_card(page.content())
