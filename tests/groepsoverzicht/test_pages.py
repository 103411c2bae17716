"""The Groepsoverzicht's pages on one real ``jupyter server`` with the extension, in a copy
of the three volunteers' course (tests/support/overview_group.py: anna finished and passed
the final assessment, bram halfway with a reflection waiting, carla never started).

Requests for what the server answers (rows, sorting, filtering, the certificate's POST,
the CSV, the PNG); Chromium for axe and a phone's width. Screenshots go to
test-artifacts/groepsoverzicht/ (looked at by a person, not compared).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Browser

from coursekit.overview import certificate
from coursekit.overview.actions import ACTIONS
from coursekit.overview.group import read_group
from tests.support.axe import blocking_violations
from tests.support.course import ROOT
from tests.support.html_table import page_text as _text
from tests.support.html_table import table as _table
from tests.support.nbgrader import EXERCISE
from tests.support.overview_group import FINAL, MODULES, NOW
from tests.support.trainer_server import TrainerServer, trainer_server

pytestmark = pytest.mark.nbgrader
ARTIFACTS = ROOT / "test-artifacts" / "groepsoverzicht"
REFLECTION = "Ik luister eerst en oordeel niet."
OVERDUE = f"{EXERCISE} is niet ingeleverd en de inleverdatum is voorbij"


@pytest.fixture(scope="module")
def server(
    overview_group: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TrainerServer]:
    """One server for the module, on a copy (confirming and issuing write to the course)."""
    tmp = tmp_path_factory.mktemp("pagina")
    course = Path(shutil.copytree(overview_group, tmp / "course", symlinks=True))
    with trainer_server(course, overview_group.parent / "exchange", tmp / "server") as running:
        yield running


@pytest.fixture(scope="module")
def session(server: TrainerServer) -> requests.Session:
    return server.session()


def test_the_overview_shows_each_volunteer_sorts_and_filters_without_script(
    server: TrainerServer, session: requests.Session
) -> None:
    answer = session.get(server.pages, timeout=60)
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    table = _table(answer.text)
    assert [h for h, s in table.headers if s] == ["Naam (sorteer aflopend)▲"]
    assert dict(table.headers)["Naam (sorteer aflopend)▲"] == "ascending"
    anna, bram, carla = table.rows
    assert anna[0] == "Anna de Vries (anna)" and bram[0] == "Bram Bakker (bram)"
    assert anna[1:4] == [f"{len(MODULES)} van {len(MODULES)}", "alle modules afgerond", "1"]
    assert anna[6] == "22 van 26"
    assert anna[8] == f"{OVERDUE}; eindtoets gehaald: bevestig het bewijs van deelname"
    assert bram[1:7] == [
        f"1 van {len(MODULES)}",
        f"{MODULES[2].number} {MODULES[2].title}",
        "2",
        "0",
        "2",
        "-",
    ]
    assert bram[8] == f"{FINAL} is ingeleverd: verzamelen; reflectie van {EXERCISE} nakijken"
    assert carla[0] == "carla" and carla[2] == "nog niet begonnen" and carla[7] == "nooit"
    assert "3 van 3 vrijwilligers" in _text(answer.text)
    assert REFLECTION not in answer.text

    # Sorting: points, largest first; the header says so, and its link turns it around.
    answer = session.get(f"{server.pages}?sorteer=punten&richting=af", timeout=60)
    table = _table(answer.text)
    assert table.rows[0][0] == "Anna de Vries (anna)"
    assert [s for _, s in table.headers if s] == ["descending"]
    assert "sorteer=punten" in answer.text and "richting=af" in answer.text

    def names(query: str) -> tuple[list[str], str]:
        page = session.get(f"{server.pages}?{query}", timeout=60)
        assert page.status_code == 200, page.text[:300]
        return [r[0].split(" (")[0] for r in _table(page.text).rows], _text(page.text)

    shown, words = names("toon=wacht")
    assert (
        shown == ["Anna de Vries", "Bram Bakker"]
        and "2 van 3 vrijwilligers: alleen wie op jou wacht" in words
    )
    shown, words = names("toon=niet-begonnen")
    assert shown == ["carla"] and "1 van 3 vrijwilligers" in words
    shown, _ = names("toon=geslaagd")
    assert shown == ["Anna de Vries"]
    shown, words = names("naam=BRA")
    assert shown == ["Bram Bakker"] and "met 'BRA' in de naam" in words
    shown, words = names("sorteer=%3Cscript%3E&toon=iedereen&foo=1")
    assert shown == ["Anna de Vries", "Bram Bakker", "carla"]
    assert "Dit deel van het adres is onbekend: sorteer, toon." in words
    assert "<script>" not in session.get(f"{server.pages}?naam=%3Cscript%3E", timeout=60).text


def test_a_volunteers_details_link_the_waiting_reflection_into_formgrader(
    server: TrainerServer, session: requests.Session
) -> None:
    answer = session.get(f"{server.pages}vrijwilliger/bram", timeout=60)
    assert answer.status_code == 200
    link = re.search(r'href="(/formgrader/submissions/[^"]+)"', answer.text)
    assert link, answer.text
    grading = session.get(f"{server.url}{link.group(1).lstrip('/')}", timeout=60)
    assert grading.status_code == 200 and EXERCISE in grading.text  # formgrader's own page
    words = _text(answer.text)
    assert "door de computer nagekeken; de reflectie wacht op jou" in words
    assert "ingeleverd, nog niet verzameld" in words
    assert "afgerond op" in words and REFLECTION not in answer.text
    assert "Bevestig: eindtoets gehaald" not in answer.text

    missing = session.get(f"{server.pages}vrijwilliger/niemand", timeout=60)
    assert missing.status_code == 404 and "Deze pagina bestaat niet" in missing.text


def _actions(course: Path) -> list[dict[str, object]]:
    path = course / ACTIONS
    lines = path.read_text("utf-8").splitlines() if path.exists() else []
    return [json.loads(line) for line in lines]


def test_a_passed_final_assessment_is_confirmed_once_and_a_code_can_be_looked_up(
    server: TrainerServer, session: requests.Session
) -> None:
    xsrf = {"_xsrf": server.xsrf(session)}
    details = f"{server.pages}vrijwilliger/anna"
    assert "Bevestig: eindtoets gehaald" in session.get(details, timeout=60).text

    refused = session.post(f"{server.pages}vrijwilliger/bram/bevestigen", data=xsrf, timeout=60)
    assert refused.status_code == 409
    assert "Bram Bakker heeft de eindtoets volgens het cijferboek niet gehaald" in refused.text
    assert certificate.confirmation(server.course, "bram") is None
    no_token = session.post(f"{server.pages}vrijwilliger/anna/bevestigen", timeout=60)
    assert no_token.status_code == 403 and certificate.confirmation(server.course, "anna") is None

    for _ in range(2):  # a double click
        done = session.post(f"{server.pages}vrijwilliger/anna/bevestigen", data=xsrf, timeout=60)
        assert done.status_code == 200 and done.url == details
    assert "Bevestigd door" in done.text and "Bevestig: eindtoets gehaald" not in done.text
    overview = session.get(f"{server.pages}?toon=wacht", timeout=60).text
    assert [r[0] for r in _table(overview).rows] == ["Bram Bakker (bram)"]  # not anna
    anna = _table(session.get(server.pages, timeout=60).text).rows[0]
    assert anna[8] == f"{OVERDUE}; bewijs van deelname bevestigd"
    # the CSV and `coursekit overzicht` read the same rows: the confirmation is done there too
    sheet = session.get(f"{server.pages}overzicht.csv", timeout=60).content.decode("utf-8-sig")
    needs = {
        r["Id"]: r["Voor de trainer"] for r in csv.DictReader(io.StringIO(sheet), delimiter=";")
    }
    assert needs["anna"] == OVERDUE
    logged = [a for a in _actions(server.course) if a["action"] == "bevestigen"]
    assert [(a["student"], a["by"]) for a in logged] == [("anna", logged[0]["by"])]

    row = read_group(server.course, NOW).row("anna")
    assert row is not None
    issued = certificate.issue(server.course, row, "t", NOW)
    shown = re.search(r'class="gp-code">([^<]+)<', session.get(details, timeout=60).text)
    assert shown and shown.group(1) == issued.code

    typed = issued.code.replace("-", " ").lower()
    found = session.get(f"{server.pages}bewijs", params={"code": typed}, timeout=60)
    assert found.status_code == 200
    words = _text(found.text)
    assert "Anna de Vries" in words and "anna" in words and "22 van 26" in words
    other = certificate.normal_code("XXXX-XXXX-XX")
    assert other is not None and other != issued.code
    words = _text(session.get(f"{server.pages}bewijs", params={"code": other}, timeout=60).text)
    assert f"Er is geen bewijs van deelname met controlecode {other}." in words
    words = _text(session.get(f"{server.pages}bewijs", params={"code": "12"}, timeout=60).text)
    assert "12 is geen controlecode" in words


def test_the_csv_the_printable_page_and_the_plot(
    server: TrainerServer, session: requests.Session
) -> None:
    answer = session.get(f"{server.pages}overzicht.csv", params={"toon": "wacht"}, timeout=60)
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    assert re.fullmatch(
        r'attachment; filename="groepsoverzicht-\d{4}-\d{2}-\d{2}\.csv"',
        answer.headers["Content-Disposition"],
    )
    assert answer.content[:3] == b"\xef\xbb\xbf"
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))
    assert [r["Id"] for r in rows] == ["anna", "bram", "carla"]  # the whole group
    assert (rows[0]["Punten"], rows[0]["Maximum"]) == ("22", "26")

    printable = session.get(f"{server.pages}afdrukken?sorteer=punten&richting=af", timeout=60)
    assert printable.status_code == 200
    assert "go-nav" not in printable.text and "Afgedrukt op" in printable.text
    assert _table(printable.text).rows[0][0].startswith("Anna de Vries")

    png = session.get(f"{server.pages}voortgang.png", timeout=60)
    assert png.status_code == 200 and png.headers["Content-Type"] == "image/png"
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    overview = session.get(server.pages, timeout=60).text
    alt = re.search(r'<img src="[^"]*voortgang\.png" alt="([^"]+)"', overview)
    assert alt
    for module in MODULES:
        done = 2 if module == MODULES[1] else 1
        assert f"Module {module.number}: {done} van 3 afgerond" in alt.group(1)


def test_a_course_that_cannot_be_read_is_one_sentence(
    server: TrainerServer, session: requests.Session
) -> None:
    gradebook = server.course / "gradebook.db"
    moved = gradebook.rename(server.course / "weg.db")
    try:
        answer = session.get(server.pages, timeout=60)
        assert answer.status_code == 503 and "Traceback" not in answer.text
        assert "Er is geen cijferboek (sqlite:///" in _text(answer.text)
        assert session.get(f"{server.pages}overzicht.csv", timeout=60).status_code == 503
    finally:
        moved.rename(gradebook)


@pytest.mark.browser
def test_overview_and_details_pass_axe_and_fit_a_phone(
    server: TrainerServer, browser: Browser
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server.pages}?token=groepsoverzicht-test")
    found = []
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in (("overzicht", ""), ("details", "vrijwilliger/bram")):
            page.goto(f"{server.pages}{path}")
            found += [f"{name} {width}: {v}" for v in blocking_violations(page)]
            wide = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
            assert wide <= 1, f"{name} at {width} px scrolls sideways by {wide} px"
            page.screenshot(path=str(ARTIFACTS / f"pages-{name}-{width}.png"), full_page=True)
    # On paper: the main page without its navigation; the printable page as printed.
    page.emulate_media(media="print")
    page.goto(server.pages)
    assert not page.locator(".go-top").is_visible() and page.locator("table").first.is_visible()
    page.goto(f"{server.pages}afdrukken")
    page.screenshot(path=str(ARTIFACTS / "pages-afdrukken.png"), full_page=True)
    plot = context.request.get(f"{server.pages}voortgang.png")
    (ARTIFACTS / "pages-voortgang.png").write_bytes(plot.body())
    context.close()
    assert not found, "\n".join(found)
