"""Mijn cursus in a real ``jupyter server``: the pages, saving, handing in, the API.

The server runs the volunteers' settings with a temporary exchange (conftest.py); every
request goes over HTTP as a browser's would, with the login cookie and the ``_xsrf`` field.
"""

from __future__ import annotations

import html
import json
import re
import threading
from pathlib import Path

import nbformat
import pytest
import requests

from coursekit.exercise.answers_file import answers_path, read_answers_file
from coursekit.exercise.checks import check_text
from coursekit.exercise.questions import load_exercise
from coursekit.grading.feedback_data import CellData, FeedbackBlock, ReflectionData
from coursekit.hub import COURSE_ID
from coursekit.mijn_cursus.handlers import CONTENT_SECURITY_POLICY
from coursekit.mijn_cursus.work import REFLECTION_STUB, read_work
from coursekit.text import learner
from tests.mijn_cursus.conftest import EXERCISE, Server
from tests.support.course import ROOT
from tests.support.progress_service import certificate_card


def _text(response: requests.Response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.text)).split())


def _fetched(server: Server) -> tuple[requests.Session, str]:
    session = server.session()
    opened = session.post(
        f"{server.url}mijn-cursus/oefening/{EXERCISE}/ophalen",
        data={"_xsrf": server.xsrf(session)},
        timeout=120,
    )
    assert opened.ok, opened.text[:1000]
    assert (server.home / EXERCISE / f"{EXERCISE}.ipynb").is_file()
    return session, server.xsrf(session)


def _cells_except_reflection(path: Path) -> list[tuple[str, str, str]]:
    nb = nbformat.read(path, as_version=4)
    return [
        (c.cell_type, c.source, json.dumps(c.metadata, sort_keys=True))
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade_id") != "reflectie"
    ]


def test_the_overview_lists_the_released_exercise_with_its_due_date(server: Server) -> None:
    session = server.session()
    page = session.get(f"{server.url}mijn-cursus/", timeout=60)
    assert page.ok
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in CONTENT_SECURITY_POLICY  # no inline script runs
    assert '<html lang="nl">' in page.text
    text = _text(page)
    assert "Oefening: wat is stalking?" in text
    assert learner.MC_EXERCISE_NEW in text and learner.MC_FETCH in text
    assert "Inleveren vóór 1 januari 2099 om 13:00." in text  # Dutch time
    assert learner.MC_NEXT_FETCH.format(title="Oefening: wat is stalking?") in text
    # No progress service here: the page says so in one sentence and still lists modules.
    assert learner.MC_PROGRESS_UNAVAILABLE in text
    # ... and that it cannot tell whether the Bewijs van deelname is ready; no download.
    assert certificate_card(page.text) == ("onbekend", None)
    assert learner.MC_CERT_UNAVAILABLE in text and "bewijs.pdf" not in page.text
    download = session.get(f"{server.url}mijn-cursus/bewijs.pdf", timeout=60)
    assert download.status_code == 503 and learner.MC_CERT_DOWNLOAD_FAILED in _text(download)
    assert download.headers["Content-Type"].startswith("text/html")
    assert "/services/cursus/voila/render/01-wat-is-stalking.ipynb#mijn-cursus" in page.text
    assert "Uitloggen" in text and "Snel weg" in text and "0900-8844" in text
    assert "http" not in re.sub(r'href="https://www.google.nl/"|href="tel:[^"]*"', "", page.text)


def test_opening_an_exercise_fetches_it_and_shows_each_question_as_a_radio_group(
    server: Server,
) -> None:
    session = server.session()
    page = session.get(f"{server.url}mijn-cursus/oefening/{EXERCISE}", timeout=120)
    assert page.ok, page.text[:500]
    assert page.headers["Cache-Control"] == "no-store"
    exercise = load_exercise(EXERCISE, ROOT / "exercises" / EXERCISE)
    assert page.text.count("<fieldset") == len(exercise.questions)
    assert page.text.count("<legend>") == len(exercise.questions)
    for question in exercise.questions:
        assert f'name="vraag-{question.id}"' in page.text
    assert 'value="helpful"' in page.text and "Helpt niet" in page.text
    assert "<textarea" in page.text and REFLECTION_STUB not in page.text
    assert "<h2>Reflectie</h2>" in page.text  # the notebook's Markdown, rendered
    overview = _text(session.get(f"{server.url}mijn-cursus/", timeout=60))
    assert learner.MC_EXERCISE_FETCHED.format(answered=0, total=9) in overview


def test_a_form_post_without_javascript_saves_answers_and_reflection(server: Server) -> None:
    session, xsrf = _fetched(server)
    folder = server.home / EXERCISE
    before = _cells_except_reflection(folder / f"{EXERCISE}.ipynb")
    saved = session.post(
        f"{server.url}mijn-cursus/oefening/{EXERCISE}",
        data={
            "_xsrf": xsrf,
            "vraag-z1": "harmful",
            "vraag-w1": "true",
            "vraag-k1": "b",
            "reflectie": "Ik vraag eerst hoe het met haar gaat.\r\nDan luister ik.",
            "actie": "bewaar",
        },
        timeout=60,
    )
    assert saved.ok and "bewaard=1" in saved.url, saved.url
    assert learner.MC_SAVED in _text(saved)
    exercise = load_exercise(EXERCISE, folder)
    answers, problems = read_answers_file(answers_path(EXERCISE, folder), exercise)
    assert answers == {"z1": "harmful", "w1": "true", "k1": "b"} and not problems
    nb = nbformat.read(folder / f"{EXERCISE}.ipynb", as_version=4)
    nbformat.validate(nb)
    (cell,) = [c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == "reflectie"]
    assert cell.source == "Ik vraag eerst hoe het met haar gaat.\nDan luister ik."
    assert _cells_except_reflection(folder / f"{EXERCISE}.ipynb") == before
    # The page shows what was saved: the choices checked, the reflection in its box.
    page = session.get(f"{server.url}mijn-cursus/oefening/{EXERCISE}", timeout=60)
    assert re.search(r'name="vraag-z1" value="harmful" checked', page.text)
    assert "Dan luister ik." in page.text
    # A script saves one choice at a time; the others stay.
    one = session.post(
        f"{server.url}mijn-cursus/oefening/{EXERCISE}",
        data={"_xsrf": xsrf, "vraag-z2": "helpful"},
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert one.json() == {
        "bewaard": True,
        "melding": learner.MC_SAVED_COUNT.format(answered=4, total=9),
    }
    assert read_work(folder, EXERCISE).answers == {
        "z1": "harmful",
        "w1": "true",
        "k1": "b",
        "z2": "helpful",
    }
    # An answer that fits no question is not saved.
    session.post(
        f"{server.url}mijn-cursus/oefening/{EXERCISE}",
        data={"_xsrf": xsrf, "vraag-z3": "misschien", "vraag-zz": "helpful"},
        timeout=60,
    )
    assert "z3" not in read_work(folder, EXERCISE).answers


def test_a_post_without_the_xsrf_field_is_refused(server: Server) -> None:
    session, _xsrf = _fetched(server)
    refused = session.post(
        f"{server.url}mijn-cursus/oefening/{EXERCISE}", data={"vraag-z1": "helpful"}, timeout=60
    )
    assert refused.status_code == 403
    assert "z1" not in read_work(server.home / EXERCISE, EXERCISE).answers


@pytest.mark.parametrize(
    "name", ["..", "%2E%2E", "wat*", "%2Fetc", "bestaat-niet", ".ipynb_checkpoints", "A B"]
)
def test_a_name_that_is_no_released_exercise_is_not_found(server: Server, name: str) -> None:
    session = server.session()
    for path in ("", "/feedback", "/inleveren"):
        request = session.prepare_request(requests.Request("GET", f"{server.url}mijn-cursus/"))
        request.url = f"{server.url}mijn-cursus/oefening/{name}{path}"  # sent as written
        page = session.send(request, timeout=60)
        assert page.status_code == 404, (name, path, page.status_code)
        assert '<html lang="nl">' in page.text
    outside = server.home.parent / "buiten"
    outside.mkdir(exist_ok=True)
    assert not any(outside.iterdir())


def test_fifty_interleaved_saves_from_two_tabs_leave_a_valid_notebook(server: Server) -> None:
    session, xsrf = _fetched(server)
    other = requests.Session()
    other.cookies.update(session.cookies)
    url = f"{server.url}mijn-cursus/oefening/{EXERCISE}"
    texts = [f"Tekst {i}: " + "woord " * (50 + i * 40) for i in range(50)]
    errors: list[str] = []

    def tab(browser: requests.Session, start: int) -> None:
        for i in range(start, 50, 2):
            data = {"_xsrf": xsrf, "reflectie": texts[i], f"vraag-z{1 + i % 6}": "helpful"}
            reply = browser.post(url, data=data, headers={"Accept": "application/json"}, timeout=60)
            if not reply.ok:
                errors.append(reply.text[:200])

    threads = [threading.Thread(target=tab, args=(s, n)) for n, s in enumerate((session, other))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors
    folder = server.home / EXERCISE
    nb = nbformat.read(folder / f"{EXERCISE}.ipynb", as_version=4)
    nbformat.validate(nb)
    assert read_work(folder, EXERCISE).reflection in texts
    assert len(read_work(folder, EXERCISE).answers) == 6
    assert not [p for p in folder.iterdir() if p.name.startswith((".notebook-", ".antwoorden-"))]


def test_handing_in_says_what_is_open_then_hands_in_and_again_replaces_it(server: Server) -> None:
    session, xsrf = _fetched(server)
    url = f"{server.url}mijn-cursus/oefening/{EXERCISE}"
    # "Inleveren" on the form saves first, then asks.
    asked = session.post(url, data={"_xsrf": xsrf, "actie": "inleveren"}, timeout=60)
    assert asked.ok and asked.url.endswith("/inleveren")
    text = _text(asked)
    assert (
        "Je hebt 0 van 9 vragen beantwoord en nog geen reflectie geschreven. Toch inleveren?"
        in text
    )
    done = session.post(f"{url}/inleveren", data={"_xsrf": xsrf}, timeout=120)
    assert done.ok, done.text[:1000]
    assert "Ingeleverd op " in _text(done)
    inbound = server.exchange / COURSE_ID / "inbound"
    first = [p.name for p in inbound.iterdir()]
    assert len(first) == 1 and first[0].startswith(f"vrijwilliger+{EXERCISE}+")
    # The overview now says it is handed in, with the time, and offers to hand in again.
    overview = _text(session.get(f"{server.url}mijn-cursus/", timeout=60))
    assert "ingeleverd op " in overview and learner.MC_HAND_IN_AGAIN in overview
    # Everything answered: the confirmation says so; a second hand-in is the newest.
    answers = {f"vraag-z{i}": "helpful" for i in range(1, 7)}
    answers |= {"vraag-w1": "true", "vraag-w2": "false", "vraag-k1": "a"}
    session.post(url, data={"_xsrf": xsrf, **answers, "reflectie": "Ik luister."}, timeout=60)
    asked = session.get(f"{url}/inleveren", timeout=60)
    assert learner.MC_OPEN_ALL_DONE.format(total=9) in _text(asked)
    assert "Wat je nu inlevert, komt daarvoor in de plaats." in _text(asked)
    assert session.post(f"{url}/inleveren", data={"_xsrf": xsrf}, timeout=120).ok
    hand_ins = sorted(inbound.iterdir())
    assert len(hand_ins) == 2
    newest = hand_ins[-1] / f"{EXERCISE}.antwoorden.json"
    assert json.loads(newest.read_text())["answers"]["k1"] == "a"


def test_a_hand_in_the_exchange_cannot_take_is_one_dutch_sentence(server: Server) -> None:
    session, xsrf = _fetched(server)
    url = f"{server.url}mijn-cursus/oefening/{EXERCISE}"
    session.post(url, data={"_xsrf": xsrf, "vraag-z1": "helpful"}, timeout=60)
    inbound = server.exchange / COURSE_ID / "inbound"
    inbound.rename(inbound.with_name("weg"))  # the exchange has no inbound folder now
    try:
        refused = session.post(f"{url}/inleveren", data={"_xsrf": xsrf}, timeout=120)
    finally:
        inbound.with_name("weg").rename(inbound)
    assert refused.status_code == 503
    assert learner.MC_HAND_IN_REFUSED in _text(refused)
    assert "Traceback" not in refused.text and "inbound" not in refused.text
    assert read_work(server.home / EXERCISE, EXERCISE).answers == {"z1": "helpful"}


def test_the_api_gives_the_session_and_refuses_what_it_cannot_keep(server: Server) -> None:
    session = server.session()
    sessie = session.get(f"{server.url}mijn-cursus/api/sessie", timeout=60)
    assert sessie.ok and sessie.headers["Cache-Control"] == "no-store"
    body = sessie.json()
    assert set(body) == {"xsrf", "basis"} and body["basis"] == "/" and body["xsrf"]
    url = f"{server.url}mijn-cursus/api/voortgang"
    headers = {"X-XSRFToken": body["xsrf"]}
    unknown = session.post(f"{url}/geen-module", json={"gebeurtenis": "begonnen"}, headers=headers)
    assert unknown.status_code == 400
    assert unknown.json() == {"melding": learner.MC_API_UNKNOWN_MODULE}
    bad = session.post(f"{url}/welkom", json={"gebeurtenis": "gewist"}, headers=headers)
    assert bad.status_code == 400
    # No progress service for this server: 503 with a Dutch sentence.
    down = session.post(f"{url}/welkom", json={"gebeurtenis": "begonnen"}, headers=headers)
    assert down.status_code == 503
    assert down.json() == {"melding": learner.MC_API_PROGRESS_DOWN}
    # Without the XSRF header a page elsewhere cannot post in the volunteer's name.
    forged = session.post(f"{url}/welkom", json={"gebeurtenis": "begonnen"})
    assert forged.status_code == 403
    # Without the login, nothing.
    stranger = requests.get(f"{server.url}mijn-cursus/api/sessie", timeout=60)
    assert stranger.status_code in (302, 401, 403) or "login" in stranger.url


def _feedback_page(folder: Path, stamp: str, block: FeedbackBlock) -> Path:
    """A fetched feedback page as nbgrader leaves it: only its JSON block is read."""
    page = folder / "feedback" / stamp / f"{EXERCISE}.html"
    page.parent.mkdir(parents=True)
    data = block.model_dump_json().replace("</", "<\\/")
    page.write_text(
        f'<html><body><h1>Score</h1><script type="application/json" id="coursekit-feedback">'
        f"{data}</script></body></html>",
        encoding="utf-8",
    )
    return page


def test_the_feedback_page_shows_the_dutch_feedback_and_the_overview_the_score(
    server: Server,
) -> None:
    session, _xsrf = _fetched(server)
    folder = server.home / EXERCISE
    wrong = check_text(
        "Vraag 2",
        "wrong",
        "helpt niet",
        why="Het klinkt als een verwijt.",
        better="Wat rot voor je.",
    )
    block = FeedbackBlock(
        schema_version=1,
        exercise=EXERCISE,
        notebook=EXERCISE,
        title="Oefening: wat is stalking?",
        cells=[
            CellData(
                grade_id="controle-z1",
                points=1,
                max_points=1,
                passed=True,
                output=check_text("Vraag 1", "right"),
            ),
            CellData(grade_id="controle-z2", points=0, max_points=1, passed=False, output=wrong),
        ],
        reflections=[
            ReflectionData(
                grade_id="reflectie",
                prompt="Wat zeg je?",
                text="Ik <luister>.",
                points=1.5,
                max_points=2,
                comment="Goed <b>zo</b>.",
            ),
        ],
        points=2.5,
        max_points=4,
    )
    _feedback_page(folder, "2026-12-01 10:00:00.000000 UTC", block)
    page = session.get(f"{server.url}mijn-cursus/oefening/{EXERCISE}/feedback", timeout=60)
    assert page.ok and page.headers["Cache-Control"] == "no-store"
    text = _text(page)
    assert "Je hebt 2,5 van de 4 punten." in text
    assert text.count(learner.CORRECT) == 1 and text.count(learner.INCORRECT) == 1
    assert "Het goede antwoord is: helpt niet." in text
    assert "Waarom: Het klinkt als een verwijt." in text
    assert "Zeg liever: Wat rot voor je." in text
    assert "Punten: 1,5 van 2." in text and "Goed <b>zo</b>." in text  # shown as text
    assert "<b>zo</b>" not in page.text and "Ik &lt;luister&gt;." in page.text
    assert "Score" not in text
    overview = _text(session.get(f"{server.url}mijn-cursus/", timeout=60))
    assert learner.MC_EXERCISE_GRADED.format(score="2,5", max_score="4") in overview
    assert learner.MC_READ_FEEDBACK in overview
    # A reflection not graded yet: no points, a sentence that it is waiting.
    waiting = block.model_copy(
        update={"reflections": [block.reflections[0].model_copy(update={"graded": False})]}
    )
    _feedback_page(folder, "2026-12-02 09:00:00.000000 UTC", waiting)
    text = _text(session.get(f"{server.url}mijn-cursus/oefening/{EXERCISE}/feedback", timeout=60))
    assert learner.FEEDBACK_REFLECTION_WAITING in text and "Punten: 1,5 van 2." not in text
    # A broken page: one Dutch sentence, no traceback.
    _feedback_page(folder, "2026-12-02 10:00:00.000000 UTC", block).write_text("<html>kapot")
    broken = session.get(f"{server.url}mijn-cursus/oefening/{EXERCISE}/feedback", timeout=60)
    assert learner.FEEDBACK_UNREADABLE_NO_DATA in _text(broken)


def test_after_the_due_date_a_hand_in_is_still_taken_but_called_late(server: Server) -> None:
    session, xsrf = _fetched(server)
    due = server.home / EXERCISE / f"{EXERCISE}.termijn.json"
    due.write_text('{"schema_version": 1, "inleveren_voor": "2026-01-02T10:00:00+00:00"}')
    url = f"{server.url}mijn-cursus/oefening/{EXERCISE}"
    late = learner.MC_LATE.format(moment="2 januari 2026 om 11:00")
    assert late in _text(session.get(url, timeout=60))
    assert late in _text(session.get(f"{url}/inleveren", timeout=60))
    done = session.post(f"{url}/inleveren", data={"_xsrf": xsrf}, timeout=120)
    assert done.ok and "Ingeleverd op " in _text(done)
    overview = _text(session.get(f"{server.url}mijn-cursus/", timeout=60))
    assert learner.MC_VIEW in overview and learner.MC_HAND_IN_AGAIN not in overview
