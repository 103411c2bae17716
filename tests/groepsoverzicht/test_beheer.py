"""Groep beheren and Logboek on a real course service without a hub (tests/support/
trainer_server): the forms' sentences, erasing the course's own data, the log. The hub's
part (accounts, passwords, login) is tests/hub/test_group_management.py."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
import requests
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.utils import notebook_hash
from playwright.sync_api import Browser
from sqlalchemy import create_engine

from coursekit.content.course import course as course_map
from coursekit.overview.actions import read_actions
from coursekit.overview.certificate import RECORD
from coursekit.progress import store
from tests.support.axe import blocking_violations
from tests.support.course import ROOT, copy_course
from tests.support.trainer_server import TOKEN, TrainerServer, trainer_server

SHOTS = Path("/work/tmp/shots18")
EXERCISE = "wat-niet-helpt"


@dataclass
class Course:
    server: TrainerServer
    folder: Path
    exchange: Path
    db_url: str


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Course]:
    """A course with zoe (hand-in, grading, feedback in the exchange, progress) and bram."""
    tmp = tmp_path_factory.mktemp("beheer")
    folder = copy_course(tmp / "course", skip=("tests", "docs", "benchmarks"))
    exchange = tmp / "exchange"
    db_url = f"sqlite:///{folder / 'gradebook.db'}"
    with Gradebook(db_url) as gradebook:
        gradebook.add_student("zoe", first_name="Zoë", last_name="Çelik")
        gradebook.add_student("bram", first_name="Bram", last_name="de Vries")
    for step in ("submitted", "autograded", "feedback"):
        made = folder / step / "zoe" / EXERCISE
        made.mkdir(parents=True)
        (made / f"{EXERCISE}.ipynb").write_text("{}", encoding="utf-8")
    feedback = folder / "feedback" / "zoe" / EXERCISE
    (feedback / f"{EXERCISE}.html").write_text("<p>feedback</p>", encoding="utf-8")
    (feedback / "submission_secret.txt").write_text("geheim", encoding="utf-8")
    released = exchange / "steun-bij-stalking" / "feedback"
    released.mkdir(parents=True)
    name = notebook_hash(secret="geheim", notebook_id=EXERCISE)
    (released / f"{name}.html").write_text("<p>feedback</p>", encoding="utf-8")
    (released / "iemand-anders.html").write_text("<p>blijft</p>", encoding="utf-8")
    engine = create_engine(db_url)
    store.upgrade(engine)
    for student in ("zoe", "bram"):
        store.record(engine, student, course_map().modules[0].id, "begonnen")
    engine.dispose()
    (folder / RECORD).write_text('{"student": "zoe"}\n', encoding="utf-8")
    with trainer_server(folder, exchange, tmp / "server") as server:
        yield Course(server, folder, exchange, db_url)


def _xsrf(session: requests.Session, page: str) -> str:
    found = re.search(r'name="_xsrf" value="([^"]+)"', session.get(page, timeout=60).text)
    assert found
    return found.group(1)


def _student(db_url: str, name: str) -> str | None:
    with Gradebook(db_url) as gradebook:
        try:
            found = gradebook.find_student(name)
        except MissingEntry:
            return None
        return f"{found.first_name} {found.last_name}"


def test_adding_says_what_is_missing_and_keeps_what_was_typed(course: Course) -> None:
    session = course.server.session()
    group = f"{course.server.pages}groep"
    page = session.get(group, timeout=60)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert "Zoë Çelik" in page.text and "Deze cursus draait niet op de hub." in page.text
    xsrf = _xsrf(session, group)
    add = f"{group}/toevoegen"
    no_first = session.post(add, data={"_xsrf": xsrf, "naam": "nel", "achternaam": "Nieuw"})
    assert no_first.status_code == 400 and "Vul de voornaam in" in no_first.text
    assert 'value="nel"' in no_first.text and 'value="Nieuw"' in no_first.text
    bad = session.post(add, data={"_xsrf": xsrf, "naam": "../nel", "voornaam": "Nel"})
    assert bad.status_code == 400 and "'../nel' kan geen gebruikersnaam zijn" in unescape(bad.text)
    assert session.post(add, data={"naam": "nel", "voornaam": "Nel"}).status_code == 403
    done = session.post(add, data={"_xsrf": xsrf, "naam": "nel", "voornaam": "Nel"})
    assert done.status_code == 200 and "nel staat nu in het cijferboek." in done.text
    assert _student(course.db_url, "nel") == "Nel None"


def test_erasing_asks_for_the_name_then_removes_the_courses_data_and_keeps_the_record(
    course: Course,
) -> None:
    session = course.server.session()
    erase = f"{course.server.pages}groep/zoe/wissen"
    confirm = session.get(erase, timeout=60)
    assert confirm.status_code == 200 and "Typ de gebruikersnaam" in confirm.text
    unknown = session.get(f"{course.server.pages}groep/niemand/wissen", timeout=60)
    assert unknown.status_code == 404 and "Er is geen vrijwilliger niemand" in unknown.text
    xsrf = _xsrf(session, f"{course.server.pages}groep")
    typo = session.post(erase, data={"_xsrf": xsrf, "bevestiging": "Zoe"})
    assert typo.status_code == 400
    assert "Er is niets gewist: je typte 'Zoe'" in unescape(typo.text)
    assert _student(course.db_url, "zoe") is not None

    done = session.post(erase, data={"_xsrf": xsrf, "bevestiging": "zoe"})
    assert done.status_code == 200 and "Alles van zoe is gewist." in done.text, done.text
    assert _student(course.db_url, "zoe") is None and _student(course.db_url, "bram")
    for step in ("submitted", "autograded", "feedback"):
        assert not (course.folder / step / "zoe").exists(), step
    released = course.exchange / "steun-bij-stalking" / "feedback"
    assert [p.name for p in released.iterdir()] == ["iemand-anders.html"]
    engine = create_engine(course.db_url)
    assert store.mine(engine, "zoe") == {} and store.mine(engine, "bram") != {}
    engine.dispose()
    assert json.loads((course.folder / RECORD).read_text(encoding="utf-8")) == {"student": "zoe"}
    (erased,) = [a for a in read_actions(course.folder) if a.action == "wissen"]
    assert erased.student == "zoe" and erased.forced and erased.by


@pytest.mark.browser
def test_the_pages_at_375_and_1280_pixels_have_no_serious_violation(
    course: Course, browser: Browser
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (375, 1280):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(f"{course.server.pages}groep?token={TOKEN}")
        assert page.get_by_role("heading", name="Groep beheren").is_visible()
        assert blocking_violations(page) == []
        page.screenshot(path=str(SHOTS / f"beheer-groep-{width}.png"), full_page=True)
        page.goto(f"{course.server.pages}groep/bram/wissen")
        page.get_by_label("Typ de gebruikersnaam").fill("Bram")
        page.get_by_role("button", name="Alles van bram wissen").click()
        page.get_by_role("alert").wait_for()
        assert blocking_violations(page) == []
        page.screenshot(path=str(SHOTS / f"beheer-wissen-{width}.png"), full_page=True)
        page.goto(f"{course.server.pages}logboek")
        assert page.get_by_text("afgedwongen").first.is_visible()
        assert blocking_violations(page) == []
        page.screenshot(path=str(SHOTS / f"beheer-logboek-{width}.png"), full_page=True)
        page.close()
    assert ROOT
