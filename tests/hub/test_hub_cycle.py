"""The course on a real JupyterHub: a trainer and three volunteers, the whole cycle.

A real JupyterHub with configurable-http-proxy (npm) on loopback, loading
deploy/jupyterhub/jupyterhub_config.py, with a throwaway Debian PostgreSQL as the gradebook
(tests/support/hub.py says what the test changes). Everything goes over HTTP through the
proxy, as a browser would: the trainer uses formgrader in the course service; each
volunteer fetches, answers through the Jupyter contents API and submits in their own
JupyterLab, and fetches their feedback.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
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
from coursekit.hub import COURSE_ID, SITE_SERVICE
from coursekit.text import learner, trainer
from tests.support.course import ROOT, copy_course
from tests.support.hub import PASSWORD, Hub, local_hub, log_in_with_form
from tests.support.nbgrader import EXERCISE, answer_key, flipped
from tests.support.postgres import postgres_database

pytestmark = [pytest.mark.hub]

TRAINER = "trainer"
VOLUNTEERS = ("anna", "bram", "zoë")
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    tmp = tmp_path_factory.mktemp("hub")
    course = copy_course(tmp / "course")
    with (course / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        # The test's spawner runs every user as one Unix account, so collect cannot tell
        # volunteers apart by file owner; on a real server each has their own account.
        config.write("\nc.ExchangeCollect.check_owner = False\n")
    with (
        postgres_database("gradebook") as gradebook_url,
        local_hub(tmp, course, gradebook_url, [TRAINER], VOLUNTEERS) as running,
    ):
        yield running


def _log_in(hub: Hub, name: str) -> requests.Session:
    """The login form, as a browser fills it in; returns the session with its cookies."""
    session = requests.Session()
    form = session.get(f"{hub.url}/hub/login", timeout=60)
    assert form.ok
    for line in facts().help_lines:
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
        assert body["success"], f"{response.url}: {body.get('error') or body.get('log')}"
    return body if isinstance(body, dict) else {"value": body}


def _what_a_volunteer_and_a_trainer_see_in_the_browser(hub: Hub, browser: Browser) -> None:
    """After the cycle: the volunteer's assignment list in JupyterLab, the trainer's formgrader."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{hub.url}/hub/login")
    expect(page.get_by_role("link", name=trainer.HUB_SITE_LINK)).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "hub-login.png"), full_page=True)
    log_in_with_form(page, hub.url, "anna")
    page.wait_for_url("**/user/anna/lab**", timeout=120_000)
    page.goto(f"{hub.url}/user/anna/lab?reset")
    expect(page.get_by_role("menuitem", name="Bestand")).to_be_visible(timeout=60_000)  # Dutch
    page.get_by_role("menuitem", name="Nbgrader").click()
    menu = page.get_by_role("menu")
    expect(menu.get_by_text("Assignment List")).to_be_visible()
    expect(menu.get_by_text("Formgrader")).to_have_count(0)
    menu.get_by_text("Assignment List").click()
    expect(page.get_by_text(EXERCISE).first).to_be_visible(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "hub-volunteer-assignments.png"))
    page.context.clear_cookies()

    log_in_with_form(page, hub.url, TRAINER)
    page.wait_for_url("**/user/trainer/lab**", timeout=120_000)
    page.goto(f"{hub.url}/services/{COURSE_ID}/formgrader")
    row = page.get_by_role("row").filter(has_text=EXERCISE)
    expect(row).to_be_visible(timeout=60_000)
    expect(row).to_contain_text("3")  # submissions
    page.screenshot(path=str(ARTIFACTS / "hub-trainer-formgrader.png"))
    page.close()


def test_trainer_and_three_volunteers_go_through_the_whole_cycle(
    hub: Hub, browser: Browser
) -> None:
    for name in (TRAINER, *VOLUNTEERS):
        page = _log_in(hub, name).get(f"{hub.url}/hub/home", timeout=60)
        text = html.unescape(page.content.decode("utf-8"))
        assert page.ok and name in text
        for line in facts().help_lines:
            assert line.number in text, "every hub page shows the help lines"
    trainer = hub.start(TRAINER)
    volunteers = {name: hub.start(name) for name in VOLUNTEERS}
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
    chosen = {"anna": key, "bram": flipped(key), "zoë": half}
    target = {"course_id": COURSE_ID, "assignment_id": EXERCISE}
    for name, volunteer in volunteers.items():
        listed = _ok(volunteer.call("GET", f"{volunteer.server}/assignments", params=target))
        assert [a["assignment_id"] for a in listed["value"]] == [EXERCISE]  # type: ignore[index]
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
        if name == "anna":
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
    (anna,) = [s for s in submitted.json() if s["student"] == "anna"]
    grades = trainer.call("GET", f"{formgrader}/api/grades", params={"submission_id": anna["id"]})
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
        text = html.unescape(re.sub(r"<[^>]+>", "", str(page["content"])))
        right = sum(a == key[i] for i, a in chosen[name].items())
        assert text.count(": goed.") == right, name
        assert "check_answer(" not in text, "the key stays hidden"

    # Formgrader shows the scores, and they are in the PostgreSQL gradebook.
    expected = {"anna": 10.0, "bram": 0.0, "zoë": 4.0}
    shown = trainer.call("GET", f"{formgrader}/api/submissions/{EXERCISE}").json()
    assert {s["student"]: s["score"] for s in shown} == expected
    with Gradebook(hub.gradebook_url) as gradebook:
        stored = {s.student.id: s.score for s in gradebook.assignment_submissions(EXERCISE)}
    assert stored == expected
    assert not (hub.course / "gradebook.db").exists(), "no SQLite gradebook beside the course"

    _what_a_volunteer_and_a_trainer_see_in_the_browser(hub, browser)


def test_the_course_site_is_served_through_the_hub_with_widgets(hub: Hub, browser: Browser) -> None:
    site = f"{hub.url}/services/{SITE_SERVICE}"
    index = requests.get(f"{site}/", timeout=60)
    assert index.ok
    for module in course_map().modules:
        assert html.escape(module.title) in index.text or module.title in index.text
    # The widgets talk to their kernel over a websocket through the proxy.
    page = browser.new_page()
    page.goto(f"{site}/voila/render/05-wat-niet-helpt.ipynb")
    quiz = page.locator(".coursekit-statementsort").first
    helpful = quiz.get_by_role("button", name=learner.LABEL_HELPFUL, exact=True)
    expect(helpful).to_be_visible(timeout=60_000)
    helpful.click()
    verdict = quiz.get_by_text(learner.CORRECT).or_(quiz.get_by_text(learner.INCORRECT))
    expect(verdict.first).to_be_visible(timeout=30_000)
    page.close()
