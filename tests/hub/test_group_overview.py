"""The Groepsoverzicht through a real hub, as a trainer uses it: three volunteers in the
PostgreSQL gradebook, "j" who finished and passed the final assessment, "k" halfway with a
reflection waiting for grading, "l" who never started.

The volunteers fetch and hand in from their own servers (nbgrader's lab API), the trainer
collects and grades through formgrader's API in the course service, as test_hub_cycle.py
does. Module progress is written into the progress table beside the gradebook (as the
progress service would keep it: tests/hub/test_progress.py tests that path). Then the
trainer reads the overview, the CSV and the details page through the hub and confirms "j";
a volunteer gets 403 for the same address. Mijn cursus then offers the Bewijs van
deelname to "j" only (through the hub's progress service), and its code is the one the
trainer's details page shows.
"""

from __future__ import annotations

import csv
import io
import os
import re
from typing import Any
from urllib.parse import quote

import pytest
import requests
from playwright.sync_api import Browser
from sqlalchemy import create_engine

from coursekit.content.course import course as course_map
from coursekit.exercise.answers_file import answers_json, answers_path
from coursekit.hub import COURSE_ID
from coursekit.overview import certificate
from coursekit.progress.store import record, upgrade
from tests.support.axe import blocking_violations
from tests.support.course import ROOT
from tests.support.html_table import page_text, table
from tests.support.hub import Hub, User, log_in_with_form
from tests.support.nbgrader import EXERCISE, answer_key
from tests.support.progress_service import certificate_card

pytestmark = [
    pytest.mark.hub,
    pytest.mark.skipif(os.geteuid() != 0, reason="makes Unix accounts: runs as root (as in CI)"),
]
FINAL = "eindtoets"
REFLECTION = "Ik vraag eerst wat zij zelf wil."
ARTIFACTS = ROOT / "test-artifacts" / "groepsoverzicht"
MODULES = sorted(course_map().modules, key=lambda m: m.number)


def _ok(response: requests.Response) -> Any:
    assert response.ok, f"{response.request.method} {response.url}: {response.text[:2000]}"
    body = response.json()
    if isinstance(body, dict) and "success" in body:
        assert body["success"], f"{response.url}: {body.get('error')}\n{body.get('log')}"
    return body


def _hand_in(volunteer: User, exercise: str, answers: dict[str, str], reflection: str = "") -> None:
    """Fetch, answer (the file the answer widgets write), maybe reflect, and submit."""
    target = {"course_id": COURSE_ID, "assignment_id": exercise}
    _ok(volunteer.call("POST", f"{volunteer.server}/assignments/fetch", data=target))
    contents = f"{volunteer.server}/api/contents/{exercise}"
    name = answers_path(exercise, None).name
    body = {"type": "file", "format": "text", "content": answers_json(exercise, answers)}
    _ok(volunteer.call("PUT", f"{contents}/{name}", json=body))
    if reflection:
        url = f"{contents}/{exercise}.ipynb"
        notebook = _ok(volunteer.call("GET", url))["content"]
        for cell in notebook["cells"]:
            if cell["metadata"].get("nbgrader", {}).get("grade_id") == "reflectie":
                cell["source"] = reflection
        _ok(volunteer.call("PUT", url, json={"type": "notebook", "content": notebook}))
    _ok(volunteer.call("POST", f"{volunteer.server}/assignments/submit", data=target))


def _released(hub: Hub, exercise: str) -> bool:
    return (hub.exchange / COURSE_ID / "outbound" / exercise).is_dir()


def certificate_on_the_details_page(hub: Hub, trainer: User, student: str) -> str | None:
    """The verification code the trainer's details page of ``student`` shows (None before
    the certificate is issued), checked against the organisation's record.

    For the lead: after "j" downloads the certificate in Mijn cursus (another helper's
    part), call this to check that the code Mijn cursus printed is the one the overview
    shows; and that Mijn cursus offers no certificate to "k" and "l".
    """
    page = trainer.call(
        "GET", f"{hub.url}/services/{COURSE_ID}/groepsoverzicht/vrijwilliger/{quote(student)}"
    )
    assert page.ok, page.text[:500]
    shown = re.search(r'class="gp-code">([^<]+)<', page.text)
    issued = certificate.issued(hub.course, student)
    assert (shown.group(1) if shown else None) == (issued.code if issued else None)
    return issued.code if issued else None


def test_a_trainer_follows_the_group_through_the_hub(
    hub: Hub, browser: Browser, people: dict[str, str]
) -> None:
    j, k, lo, t = people["j"], people["k"], people["l"], people["t"]
    trainer = hub.start(t)
    formgrader = f"{hub.url}/services/{COURSE_ID}/formgrader"
    pages = f"{hub.url}/services/{COURSE_ID}/groepsoverzicht/"
    names = {j: ("Jet", "Jansen"), k: ("Karim", "Koster"), lo: ("Lotte", "Lammers")}
    for name, (first, last) in names.items():
        student = {"first_name": first, "last_name": last}
        _ok(trainer.call("PUT", f"{formgrader}/api/student/{quote(name)}", json=student))
    # Released here and taken back at the end, with no due date: other tests on the shared
    # hub release these too, and a due date to come would stop their feedback.
    mine = []
    for exercise in (FINAL, EXERCISE):
        if not _released(hub, exercise):
            _ok(trainer.call("POST", f"{formgrader}/api/assignment/{exercise}/assign"))
            _ok(trainer.call("POST", f"{formgrader}/api/assignment/{exercise}/release"))
            mine.append(exercise)
    try:
        jet, karim = hub.start(j), hub.start(k)
        _hand_in(jet, FINAL, answer_key(ROOT, FINAL))  # every answer right, no reflection
        _hand_in(karim, EXERCISE, answer_key(ROOT, EXERCISE), reflection=REFLECTION)
    finally:
        for exercise in mine:
            _ok(trainer.call("POST", f"{formgrader}/api/assignment/{exercise}/unrelease"))
    for exercise, student in ((FINAL, j), (EXERCISE, k)):
        _ok(trainer.call("POST", f"{formgrader}/api/assignment/{exercise}/collect"))
        url = f"{formgrader}/api/submission/{exercise}/{quote(student)}/autograde"
        _ok(trainer.call("POST", url))
    engine = create_engine(hub.gradebook_url)  # as the progress service keeps it
    try:
        upgrade(engine)
        for module in MODULES:
            record(engine, j, module.id, "afgerond", goed=5, van=5)
        record(engine, k, MODULES[1].id, "afgerond", goed=4, van=5)
        record(engine, k, MODULES[2].id, "begonnen")
    finally:
        engine.dispose()

    # The overview, as the trainer reads it through the hub.
    overview = trainer.call("GET", pages)
    assert overview.status_code == 200, overview.text[:2000]
    rows = {r[0].split(" (")[-1].rstrip(")"): r for r in table(overview.text).rows}
    total = len(MODULES)
    jr, kr, lr = rows[j], rows[k], rows[lo]
    assert jr[0] == f"Jet Jansen ({j})" and jr[1] == f"{total} van {total}"
    assert jr[6] == "22 van 26" and "eindtoets gehaald: bevestig" in jr[8]
    assert kr[1:6] == [f"1 van {total}", f"{MODULES[2].number} {MODULES[2].title}", "1", "0", "1"]
    assert kr[8] == f"reflectie van {EXERCISE} nakijken"
    assert lr[1:3] == [f"0 van {total}", "nog niet begonnen"] and lr[7] == "nooit"
    assert REFLECTION not in overview.text
    assert "Er is geen voortgang" not in overview.text

    answer = trainer.call("GET", f"{pages}overzicht.csv")
    assert answer.ok and answer.content[:3] == b"\xef\xbb\xbf"
    found = {
        r["Id"]: r
        for r in csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";")
    }
    assert list(next(iter(found.values())))[:3] == ["Naam", "Id", "Aantal modules afgerond"]
    assert (found[j]["Punten"], found[j]["Eindtoets gehaald"]) == ("22", "ja")
    assert (found[k]["Wacht op trainer"], found[lo]["Bezig met"]) == ("1", "nog niet begonnen")

    # A volunteer is refused by the hub; the trainer confirms "j" on the details page.
    assert karim.call("GET", pages).status_code == 403
    details = trainer.call("GET", f"{pages}vrijwilliger/{quote(k)}")
    link = re.search(r'href="(/services/[^"]+/formgrader/submissions/[^"]+)"', details.text)
    assert link and REFLECTION not in details.text
    assert trainer.call("GET", f"{hub.url}{link.group(1)}").ok  # formgrader grades it there
    confirm = trainer.call("POST", f"{pages}vrijwilliger/{quote(j)}/bevestigen")
    assert confirm.ok and f"Bevestigd door {t}" in page_text(confirm.text)
    assert certificate.confirmation(hub.course, j) is not None
    assert certificate_on_the_details_page(hub, trainer, j) is None  # not downloaded yet

    # Mijn cursus offers the certificate to "j", who passed and was confirmed, and to no one
    # else; the code on it is the one the trainer's overview shows.
    lotte = hub.start(lo)
    for person, state in ((karim, "geen"), (lotte, "geen")):
        mine = person.call("GET", f"{person.server}/mijn-cursus/")
        assert mine.ok and certificate_card(mine.text) == (state, None), person.name
        refused = person.call("GET", f"{person.server}/mijn-cursus/bewijs.pdf")
        assert refused.status_code == 409 and not refused.content.startswith(b"%PDF")
    mine = jet.call("GET", f"{jet.server}/mijn-cursus/")
    state, code = certificate_card(mine.text)
    assert state == "klaar" and code is not None
    pdf = jet.call("GET", f"{jet.server}/mijn-cursus/bewijs.pdf")
    assert pdf.ok and pdf.content.startswith(b"%PDF")
    assert pdf.headers["Content-Type"].startswith("application/pdf")
    assert certificate_on_the_details_page(hub, trainer, j) == code
    found = trainer.call("GET", f"{pages}bewijs", params={"code": code})
    assert found.ok and "Jet Jansen" in page_text(found.text)

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in_with_form(page, hub.url, t)
    page.wait_for_url(pages, timeout=120_000)  # a trainer lands on the Groepsoverzicht
    assert not blocking_violations(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "pages-hub-overzicht.png"), full_page=True)
    page.close()
