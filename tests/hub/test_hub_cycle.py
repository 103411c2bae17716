"""The course on a real JupyterHub: a trainer and three volunteers, the whole cycle.

A real JupyterHub with configurable-http-proxy (npm) on loopback, loading
deploy/jupyterhub/jupyterhub_config.py, with a throwaway Debian PostgreSQL as the gradebook
(tests/support/hub.py says what the test changes). Every person is a real Unix account
(made for the test, removed after it) whose server runs as themselves; the course service
runs as a course account that owns the data, with the permissions of
``coursekit hub-permissions``. Everything goes over HTTP through the proxy, as a browser
would: the trainer uses formgrader in the course service; each volunteer fetches, answers
through the Jupyter contents API and submits in their own JupyterLab, and fetches their
feedback. Then a volunteer with a shell tries to read the key and another's work, and to
hand in as someone else.
"""

from __future__ import annotations

import html
import os
import subprocess
from pathlib import Path
from urllib.parse import quote

import nbformat
import pytest
import requests
from nbgrader.api import Gradebook
from playwright.sync_api import Browser, expect

from coursekit.content.course import course as course_map
from coursekit.content.facts import facts
from coursekit.exercise.answers_file import answers_json, answers_path
from coursekit.grading.feedback_data import read_feedback
from coursekit.hub import COURSE_ID, SITE_SERVICE
from coursekit.text import learner, trainer
from tests.support.course import ROOT
from tests.support.hub import (
    PASSWORD,
    Hub,
    User,
    log_in_with_form,
)
from tests.support.nbgrader import EXERCISE, answer_key, flipped

pytestmark = [
    pytest.mark.hub,
    pytest.mark.skipif(os.geteuid() != 0, reason="makes Unix accounts: runs as root (as in CI)"),
]
# The hub, its folder and its people are shared by tests/hub (conftest.py).
ARTIFACTS = ROOT / "test-artifacts"


def _log_in(hub: Hub, name: str) -> requests.Session:
    """The login form, as a browser fills it in; returns the session with its cookies."""
    session = requests.Session()
    form = session.get(f"{hub.url}/hub/login", timeout=60)
    assert form.ok
    for line in facts().help_bar_lines():
        assert line.number in form.content.decode("utf-8"), "the login page shows the help lines"
    xsrf = session.cookies.get("_xsrf")
    done = session.post(
        f"{hub.url}/hub/login",
        data={"username": name, "password": PASSWORD, "_xsrf": xsrf},
        timeout=120,
    )
    assert done.ok, f"{name} logs in: {done.status_code}"
    assert session.cookies.get("jupyterhub-session-id"), f"{name} has a hub session"
    return session


def _ok(response: requests.Response) -> dict[str, object]:
    assert response.ok, f"{response.request.method} {response.url}: {response.text[:2000]}"
    body = response.json()
    if isinstance(body, dict) and "success" in body:
        assert body["success"], f"{response.url}: {body.get('error')}\n{body.get('log')}"
    return body if isinstance(body, dict) else {"value": body}


def _what_a_volunteer_and_a_trainer_see_in_the_browser(
    hub: Hub, browser: Browser, anna: str, trainer_name: str, submissions: int
) -> None:
    """After the cycle: the volunteer's assignment list in JupyterLab, the trainer's formgrader."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{hub.url}/hub/login")
    expect(page.get_by_role("link", name=trainer.HUB_SITE_LINK)).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "hub-login.png"), full_page=True)
    log_in_with_form(page, hub.url, anna)
    # A volunteer's server opens on Mijn cursus (only the address is checked here: the
    # page itself is Mijn cursus's); JupyterLab stays reachable for her.
    page.wait_for_url(f"**/user/{anna}/mijn-cursus**", timeout=120_000)
    page.goto(f"{hub.url}/user/{anna}/lab?reset")
    expect(page.get_by_role("menuitem", name="Bestand")).to_be_visible(timeout=60_000)  # Dutch
    page.get_by_role("menuitem", name="Nbgrader").click()
    menu = page.get_by_role("menu")
    expect(menu.get_by_text("Assignment List")).to_be_visible()
    expect(menu.get_by_text("Formgrader")).to_have_count(0)
    menu.get_by_text("Assignment List").click()
    expect(page.get_by_text(EXERCISE).first).to_be_visible(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "hub-volunteer-assignments.png"))
    page.context.clear_cookies()

    log_in_with_form(page, hub.url, trainer_name)
    # A trainer lands on the Groepsoverzicht in the course service.
    page.wait_for_url(f"**/services/{COURSE_ID}/groepsoverzicht/**", timeout=120_000)
    expect(page.get_by_role("heading", name=trainer.GO_TITLE, level=1)).to_be_visible()
    page.goto(f"{hub.url}/services/{COURSE_ID}/formgrader")
    row = page.get_by_role("row").filter(has_text=EXERCISE)
    expect(row).to_be_visible(timeout=60_000)
    expect(row).to_contain_text(str(submissions))  # hand-ins, also other tests' ones
    page.screenshot(path=str(ARTIFACTS / "hub-trainer-formgrader.png"))
    page.close()


def test_trainer_and_three_volunteers_go_through_the_whole_cycle(
    hub: Hub, browser: Browser, people: dict[str, str]
) -> None:
    trainer_name = people["t"]
    anna, bram, zoe = people["a"], people["b"], people["c"]
    names = (anna, bram, zoe)
    for name in (trainer_name, *names):
        page = _log_in(hub, name).get(f"{hub.url}/hub/home", timeout=60)
        text = html.unescape(page.content.decode("utf-8"))
        assert page.ok and name in text
        for line in facts().help_bar_lines():
            assert line.number in text, "every hub page shows the help lines"
    trainer = hub.start(trainer_name)
    volunteers = {name: hub.start(name) for name in names}
    formgrader = f"{hub.url}/services/{COURSE_ID}/formgrader"

    # Trainers grade in the course service; volunteers cannot reach it, nor formgrader
    # in their own server.
    assert trainer.call("GET", formgrader).ok
    for volunteer in volunteers.values():
        assert volunteer.call("GET", formgrader).status_code == 403
        assert volunteer.call("GET", f"{volunteer.server}/formgrader").status_code == 404

    # The trainer adds the volunteers, generates the exercise and releases it.
    for name in volunteers:
        _ok(trainer.call("PUT", f"{formgrader}/api/student/{quote(name)}", json={}))
    _ok(trainer.call("POST", f"{formgrader}/api/assignment/{EXERCISE}/assign"))
    _ok(trainer.call("POST", f"{formgrader}/api/assignment/{EXERCISE}/release"))

    # Each volunteer fetches, answers (the file the answer widgets write) and submits.
    key = answer_key(ROOT)
    half = dict(list(key.items())[:4]) | dict(list(flipped(key).items())[4:])
    chosen = {anna: key, bram: flipped(key), zoe: half}
    target = {"course_id": COURSE_ID, "assignment_id": EXERCISE}
    for name, volunteer in volunteers.items():
        listed = _ok(volunteer.call("GET", f"{volunteer.server}/assignments", params=target))
        # Other tests on the shared hub release other exercises (test_mijn_cursus.py).
        released = [a["assignment_id"] for a in listed["value"]]  # type: ignore[index]
        assert released.count(EXERCISE) == 1, released
        _ok(volunteer.call("POST", f"{volunteer.server}/assignments/fetch", data=target))
        contents = f"{volunteer.server}/api/contents/{EXERCISE}"
        answers = answers_path(EXERCISE, Path(".")).name
        _ok(
            volunteer.call(
                "PUT",
                f"{contents}/{answers}",
                json={
                    "type": "file",
                    "format": "text",
                    "content": answers_json(EXERCISE, chosen[name]),
                },
            )
        )
        if name == anna:
            notebook_url = f"{contents}/{EXERCISE}.ipynb"
            notebook = _ok(volunteer.call("GET", notebook_url))["content"]
            nb = nbformat.from_dict(notebook)
            for cell in nb.cells:
                if cell.metadata.get("nbgrader", {}).get("grade_id") == "reflectie":
                    cell.source = "Ik luister eerst en oordeel niet."
            _ok(volunteer.call("PUT", notebook_url, json={"type": "notebook", "content": nb}))
        _ok(volunteer.call("POST", f"{volunteer.server}/assignments/submit", data=target))

    # The trainer collects, autogrades, grades the one reflection by hand, and gives feedback.
    _ok(trainer.call("POST", f"{formgrader}/api/assignment/{EXERCISE}/collect"))
    for name in volunteers:
        _ok(trainer.call("POST", f"{formgrader}/api/submission/{EXERCISE}/{quote(name)}/autograde"))
    submitted = trainer.call("GET", f"{formgrader}/api/submitted_notebooks/{EXERCISE}/{EXERCISE}")
    (annas,) = [s for s in submitted.json() if s["student"] == anna]
    grades = trainer.call("GET", f"{formgrader}/api/grades", params={"submission_id": annas["id"]})
    (reflection,) = [g for g in grades.json() if g["name"] == "reflectie"]
    graded = trainer.call(
        "PUT", f"{formgrader}/api/grade/{reflection['id']}", json={"manual_score": 2}
    )
    assert graded.ok and graded.json()["manual_score"] == 2
    _ok(trainer.call("POST", f"{formgrader}/api/assignment/{EXERCISE}/generate_feedback"))
    _ok(trainer.call("POST", f"{formgrader}/api/assignment/{EXERCISE}/release_feedback"))

    # Each volunteer fetches their own feedback: their own right answers, never the key.
    for name, volunteer in volunteers.items():
        _ok(volunteer.call("POST", f"{volunteer.server}/assignments/fetch_feedback", data=target))
        folder = f"{volunteer.server}/api/contents/{EXERCISE}/feedback"
        (stamp,) = _ok(volunteer.call("GET", folder))["content"]  # type: ignore[misc]
        page = _ok(
            volunteer.call(
                "GET", f"{folder}/{stamp['name']}/{EXERCISE}.html", params={"type": "file"}
            )
        )
        feedback = read_feedback(str(page["content"]))
        right = {i for i, a in chosen[name].items() if a == key[i]}
        assert {q.item for q in feedback.questions if q.correct} == right, name
        assert "check_answer(" not in str(page["content"]), "the key stays hidden"

    # Formgrader shows the scores, and they are in the PostgreSQL gradebook.
    expected = {anna: 10.0, bram: 0.0, zoe: 4.0}
    # (Other tests on the shared hub hand this exercise in too: test_group_overview.py.)
    shown = trainer.call("GET", f"{formgrader}/api/submissions/{EXERCISE}").json()
    assert {s["student"]: s["score"] for s in shown if s["student"] in names} == expected
    with Gradebook(hub.gradebook_url) as gradebook:
        stored = {
            s.student.id: s.score
            for s in gradebook.assignment_submissions(EXERCISE)
            if s.student.id in names
        }
    assert stored == expected
    assert not (hub.course / "gradebook.db").exists(), "no SQLite gradebook beside the course"

    _a_volunteer_reaches_nothing_that_is_not_theirs(hub, trainer, anna, bram, zoe)
    submissions = sum(bool(s.get("submitted")) for s in shown)
    _what_a_volunteer_and_a_trainer_see_in_the_browser(
        hub, browser, anna, trainer_name, submissions
    )


def _as(name: str, *command: str) -> subprocess.CompletedProcess[str]:
    """Run ``command`` as the Unix account ``name``: a volunteer with a shell."""
    run = ["runuser", "-u", name, "--", *command]
    return subprocess.run(run, capture_output=True, text=True, timeout=60, check=False)


def _refused(name: str, *command: str) -> None:
    result = _as(name, *command)
    assert result.returncode != 0, f"{name} could: {' '.join(command)}\n{result.stdout[:500]}"
    assert "Permission denied" in result.stderr or "Operation not permitted" in result.stderr, (
        result.stderr
    )


def _a_volunteer_reaches_nothing_that_is_not_theirs(
    hub: Hub, trainer: User, anna: str, bram: str, zoe: str
) -> None:
    """Anna, with a shell in her own server, against the key, Bram's work and Zoë's name."""
    course, exchange = hub.course, hub.exchange / COURSE_ID
    notebook = f"{EXERCISE}/{EXERCISE}.ipynb"
    homes = hub.folder / "homes"
    # What is hers or public she reads: the refusals below are the permissions, not runuser.
    assert _as(anna, "cat", str(homes / anna / notebook)).returncode == 0
    assert _as(anna, "cat", str(exchange / "outbound" / notebook)).returncode == 0
    # The key, and Bram's work in the course directory.
    _refused(anna, "cat", str(course / "solutions" / notebook))
    _refused(anna, "ls", str(course / "solutions"))
    for folder in ("submitted", "autograded", "feedback"):
        _refused(anna, "ls", str(course / folder))
        _refused(anna, "cat", str(course / folder / bram / notebook))
    # Bram's hand-in and feedback in the exchange, even with the exact name of his hand-in.
    (brams,) = [p for p in (exchange / "inbound").iterdir() if p.name.startswith(f"{bram}+")]
    _refused(anna, "ls", str(exchange / "inbound"))
    _refused(anna, "cat", str(brams / f"{EXERCISE}.ipynb"))
    _refused(anna, "ls", str(exchange / "feedback"))
    # Bram's home, with his fetched notebook and its feedback.
    _refused(anna, "ls", str(homes / bram))
    _refused(anna, "cat", str(homes / bram / notebook))
    # Nor can she swap the course's exchange folder for her own.
    _refused(anna, "mv", str(exchange), str(hub.exchange / "mijn-cursus"))

    # She hands in as Zoë: a folder with Zoë's name and a newer time, holding her own work.
    stamp = "2099-01-01 00:00:00.000000 UTC"
    forged = exchange / "inbound" / f"{zoe}+{EXERCISE}+{stamp}+vals"
    assert _as(anna, "mkdir", str(forged)).returncode == 0
    copied = _as(anna, "cp", "-r", f"{homes / anna / EXERCISE}/.", str(forged))
    assert copied.returncode == 0, copied.stderr
    assert _as(anna, "sh", "-c", f"echo '{stamp}' > '{forged}/timestamp.txt'").returncode == 0
    formgrader = f"{hub.url}/services/{COURSE_ID}/formgrader"
    collected = _ok(trainer.call("POST", f"{formgrader}/api/assignment/{EXERCISE}/collect"))
    assert f"maar de map is van {anna}" in str(collected.get("log")), collected
    kept = (course / "submitted" / zoe / EXERCISE / "timestamp.txt").read_text().strip()
    assert kept != stamp, "Zoë's hand-in is still her own"


def test_the_course_site_is_served_through_the_hub_with_widgets(hub: Hub, browser: Browser) -> None:
    site = f"{hub.url}/services/{SITE_SERVICE}"
    index = requests.get(f"{site}/", timeout=60)
    assert index.ok
    for module in course_map().modules:
        assert html.escape(module.title) in index.text or module.title in index.text
    # The widgets talk to their kernel over a websocket through the proxy.
    page = browser.new_page()
    page.goto(f"{site}/voila/render/06-wat-niet-helpt.ipynb")
    quiz = page.locator(".coursekit-statementsort").first
    helpful = quiz.get_by_role("button", name=learner.LABEL_HELPFUL, exact=True)
    expect(helpful).to_be_visible(timeout=60_000)
    helpful.click()
    verdict = quiz.get_by_text(learner.CORRECT).or_(quiz.get_by_text(learner.INCORRECT))
    expect(verdict.first).to_be_visible(timeout=30_000)
    page.close()


def test_a_name_is_refused_for_a_while_after_five_failed_logins(
    hub: Hub, people: dict[str, str]
) -> None:
    name = people["x"]  # allowed on the hub, and used by no other test
    session = requests.Session()
    assert session.get(f"{hub.url}/hub/login", timeout=60).ok
    form = {"username": name, "_xsrf": session.cookies.get("_xsrf")}

    def attempt(password: str) -> requests.Response:
        url = f"{hub.url}/hub/login"
        data = {**form, "password": password}
        return session.post(url, data=data, timeout=60, allow_redirects=False)

    for _ in range(5):
        failed = attempt("fout")
        assert failed.status_code == 403, failed.status_code
    refused = attempt(PASSWORD)
    assert refused.status_code == 429
    assert trainer.HUB_LOGIN_REFUSED in html.unescape(refused.text), "the login page says why"
    assert not session.cookies.get("jupyterhub-session-id")
    assert f"Inloggen geweigerd voor naam {name}" in hub.log.read_text(encoding="utf-8")
