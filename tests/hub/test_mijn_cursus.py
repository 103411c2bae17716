"""Mijn cursus on the real hub: two volunteers hand in from course pages, a trainer grades,
and a volunteer reads her Dutch feedback. Never JupyterLab on the volunteers' path.

The shared hub of tests/hub (conftest.py); this test takes volunteers "d" and "e" and the
trainer "t", and the exercise ``wat-is-stalking`` (test_hub_cycle.py uses another one).
Everything a volunteer does happens in Chromium, through the Dutch login form; the trainer
uses formgrader's API as test_hub_cycle.py does.
"""

from __future__ import annotations

import json
import os
import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from coursekit.content.course import course as course_map
from coursekit.exercise.questions import load_exercise
from coursekit.hub import COURSE_ID
from coursekit.mijn_cursus.overview import dutch_date
from coursekit.text import learner
from tests.browser.test_voila_progress import finish_closing_quiz
from tests.mijn_cursus.test_browser import phone_fit
from tests.support.axe import blocking_violations
from tests.support.course import ROOT
from tests.support.hub import Hub, User, log_in_with_form
from tests.support.nbgrader import answer_key

pytestmark = [
    pytest.mark.hub,
    pytest.mark.browser,
    pytest.mark.skipif(os.geteuid() != 0, reason="makes Unix accounts: runs as root (as in CI)"),
]
EXERCISE = "wat-is-stalking"
TITLE = "Oefening: wat is stalking?"
ARTIFACTS = ROOT / "test-artifacts"
REFLECTION = "Ik zeg dat ze het goed aanvoelt. Het blijft maar doorgaan en ze wil het niet."
COMMENT = "Mooi dat je haar gevoel serieus neemt."


def _ok(response: requests.Response) -> Any:
    assert response.ok, f"{response.request.method} {response.url}: {response.text[:2000]}"
    body = response.json()
    if isinstance(body, dict) and "success" in body:
        assert body["success"], f"{response.url}: {body.get('error')}\n{body.get('log')}"
    return body


def _due(trainer: User, formgrader: str, moment: datetime) -> None:
    _ok(
        trainer.call(
            "PUT",
            f"{formgrader}/api/assignment/{EXERCISE}",
            json={
                "duedate_notimezone": moment.strftime("%Y-%m-%d %H:%M:%S"),
                "duedate_timezone": "UTC",
            },
        )
    )


def _shoot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    size = page.viewport_size or {"width": 1280, "height": 900}
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"hub-mijn-cursus-{name}-{width}.png"), full_page=True)
    page.set_viewport_size(size)


def _checked(page: Page, name: str, shoot: bool = True) -> None:
    """axe-core (WCAG 2.1 AA and best practices) finds nothing serious, and the page reads
    well on a phone and a desktop (phone_fit); then screenshots, unless ``shoot`` is False."""
    assert blocking_violations(page) == [], name
    size = page.viewport_size or {"width": 1280, "height": 900}
    page.set_viewport_size({"width": 375, "height": 900})
    assert phone_fit(page) == [], name
    page.set_viewport_size(size)
    if shoot:
        _shoot(page, name)


def _log_in(browser: Browser, hub: Hub, name: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in_with_form(page, hub.url, name)
    # The hub opens a volunteer's server on Mijn cursus, never on JupyterLab.
    page.wait_for_url(f"**/user/{name}/mijn-cursus/", timeout=180_000)
    expect(page.get_by_role("heading", name="Mijn cursus", level=1)).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "nl"
    expect(page.get_by_role("link", name="Uitloggen")).to_be_visible()
    return page


def _report(page: Page, module_id: str, body: dict[str, object]) -> list[Any]:
    """What a module page does: ask the hub for this volunteer's server and its XSRF
    token, then post the event there; returns [status, JSON answer]."""
    return list(
        page.evaluate(
            """async ([moduleId, body]) => {
      const session = await (await fetch("/hub/user-redirect/mijn-cursus/api/sessie",
        {credentials: "same-origin"})).json();
      const answer = await fetch(session.basis + "mijn-cursus/api/voortgang/" + moduleId, {
        method: "POST", credentials: "same-origin",
        headers: {"X-XSRFToken": session.xsrf, "Content-Type": "application/json"},
        body: JSON.stringify(body)});
      return [answer.status, await answer.json()];
    }""",
            [module_id, body],
        )
    )


def _tab_to(page: Page, words: str, presses: int = 80) -> None:
    """Press Tab until the focused element reads ``words``; fail if it never does."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement ? document.activeElement.textContent : ''")
        if " ".join(str(focused).split()) == words:
            return
    pytest.fail(f"'{words}' cannot be reached with Tab")


def test_volunteers_hand_in_on_mijn_cursus_and_read_their_feedback(
    hub: Hub, browser: Browser, people: dict[str, str]
) -> None:
    trainer = hub.start(people["t"])
    dana, eva = people["d"], people["e"]
    formgrader = f"{hub.url}/services/{COURSE_ID}/formgrader"
    for name in (dana, eva):
        _ok(trainer.call("PUT", f"{formgrader}/api/student/{quote(name)}", json={}))
    due = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    _due(trainer, formgrader, due)
    _ok(trainer.call("POST", f"{formgrader}/api/assignment/{EXERCISE}/assign"))
    _ok(trainer.call("POST", f"{formgrader}/api/assignment/{EXERCISE}/release"))
    # The release wrote the due date beside the exercise, for the volunteers' servers.
    outbound = hub.exchange / COURSE_ID / "outbound" / EXERCISE
    written = json.loads((outbound / f"{EXERCISE}.termijn.json").read_text(encoding="utf-8"))
    assert written == {"schema_version": 1, "inleveren_voor": due.isoformat()}

    # Dana: logs in; module pages (opened from Mijn cursus) report her progress through
    # her own server, as the course site's script does.
    page = _log_in(browser, hub, dana)
    first, second = course_map().modules[0], course_map().modules[1]
    assert _report(page, first.id, {"gebeurtenis": "begonnen"}) == [200, {"bewaard": True}]
    done = {"gebeurtenis": "afgerond", "goed": 5, "van": 6}
    assert _report(page, first.id, done) == [200, {"bewaard": True}]
    assert _report(page, second.id, {"gebeurtenis": "begonnen"})[0] == 200
    unknown = _report(page, "geen-module", {"gebeurtenis": "begonnen"})
    assert unknown == [400, {"melding": learner.MC_API_UNKNOWN_MODULE}]
    page.reload()
    today = dutch_date(datetime.now(UTC))
    expect(page.locator(f'[data-module="{first.id}"]')).to_contain_text(
        learner.MC_MODULE_DONE.format(date=today)
    )
    expect(page.locator(f'[data-module="{second.id}"]')).to_contain_text(learner.MC_MODULE_BUSY)
    stored = page.locator("section.mc-stored")
    expect(stored).to_contain_text(learner.MC_STORED_SCORE.format(goed=5, van=6))
    # A real module page, opened from Mijn cursus, reports that it was begun.
    third = course_map().modules[2]
    card = page.locator(f'[data-module="{third.id}"]')
    card.get_by_role("link", name=f"{learner.MC_MODULE_BEGIN}: {third.title}").click()
    page.wait_for_url(f"**/services/cursus/voila/render/{third.file}**")
    expect(page.locator(".coursekit-quiz").first).to_be_visible(timeout=120_000)
    deadline = time.monotonic() + 60
    while True:
        page.goto(f"{hub.url}/user/{dana}/mijn-cursus/")
        if learner.MC_MODULE_BUSY in card.inner_text():
            break
        assert time.monotonic() < deadline, "the module page did not report 'begonnen'"
        page.wait_for_timeout(500)

    # She fetches, answers every question by clicking, writes, hands in.
    row = page.locator("[data-oefening]").filter(has_text=TITLE)
    expect(row).to_contain_text(learner.MC_EXERCISE_NEW)
    expect(row).to_contain_text("Inleveren vóór ")
    _checked(page, "overzicht")
    row.get_by_role("button", name=f"{learner.MC_FETCH}: {TITLE}").click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible(timeout=60_000)
    _checked(page, "oefening")
    key = answer_key(ROOT, EXERCISE)
    exercise = load_exercise(EXERCISE, ROOT / "exercises" / EXERCISE)
    for number, question in enumerate(exercise.questions, start=1):
        group = page.get_by_role("group", name=f"Vraag {number}")
        group.locator(f'input[value="{key[question.id]}"]').click()
    total = len(exercise.questions)
    expect(page.get_by_role("status").filter(has_text="Bewaard")).to_have_text(
        learner.MC_SAVED_COUNT.format(answered=total, total=total), timeout=30_000
    )
    page.get_by_label("Jouw antwoord op de reflectievraag").fill(REFLECTION)
    _checked(page, "oefening-beantwoord", shoot=False)
    page.get_by_role("button", name="Inleveren", exact=True).click()
    expect(page.get_by_text(learner.MC_OPEN_ALL_DONE.format(total=total))).to_be_visible()
    _checked(page, "inleveren")
    page.get_by_role("button", name="Ja, lever in").click()
    expect(page.get_by_text("Ingeleverd op ")).to_be_visible(timeout=60_000)
    _checked(page, "ingeleverd", shoot=False)
    # She hands in again: the confirmation says the new one takes the old one's place.
    page.get_by_role("button", name="Opnieuw inleveren").click()
    expect(page.get_by_text("Wat je nu inlevert, komt daarvoor in de plaats.")).to_be_visible()
    page.get_by_role("button", name="Ja, lever in").click()
    expect(page.get_by_text("Ingeleverd op ")).to_be_visible(timeout=60_000)
    page.goto(f"{hub.url}/user/{dana}/mijn-cursus/")
    row = page.locator("[data-oefening]").filter(has_text=TITLE)
    expect(row).to_contain_text("ingeleverd op ")
    expect(row.get_by_role("link", name=f"{learner.MC_HAND_IN_AGAIN}: {TITLE}")).to_be_visible()
    inbound = hub.exchange / COURSE_ID / "inbound"
    danas = sorted(p for p in inbound.iterdir() if p.name.startswith(f"{dana}+{EXERCISE}+"))
    assert len(danas) == 2

    # Eva: with the keyboard alone, fetches and hands in without answering anything.
    other = _log_in(browser, hub, eva)
    _tab_to(other, learner.MC_FETCH)
    other.keyboard.press("Enter")
    expect(other.get_by_role("heading", name=TITLE, level=1)).to_be_visible(timeout=60_000)
    _tab_to(other, "Inleveren")
    other.keyboard.press("Enter")
    expect(
        other.get_by_text(
            f"Je hebt 0 van {total} vragen beantwoord en nog geen reflectie geschreven. "
            "Toch inleveren?"
        )
    ).to_be_visible()
    _tab_to(other, "Ja, lever in")
    other.keyboard.press("Enter")
    expect(other.get_by_text("Ingeleverd op ")).to_be_visible(timeout=60_000)
    expect(other.locator("#ingeleverd")).to_be_focused()  # a screen reader reads it first
    other.context.close()

    # The trainer: the due date passes, collect, autograde, the reflection, feedback.
    _due(trainer, formgrader, datetime.now(UTC) - timedelta(minutes=1))
    _ok(trainer.call("POST", f"{formgrader}/api/assignment/{EXERCISE}/collect"))
    kept = (hub.course / "submitted" / dana / EXERCISE / "timestamp.txt").read_text().strip()
    assert kept.replace(" ", "T").startswith(danas[-1].name.split("+")[2].replace(" ", "T")[:19])
    for name in (dana, eva):
        _ok(trainer.call("POST", f"{formgrader}/api/submission/{EXERCISE}/{quote(name)}/autograde"))
    submitted = _ok(
        trainer.call("GET", f"{formgrader}/api/submitted_notebooks/{EXERCISE}/{EXERCISE}")
    )
    (danas_notebook,) = [s for s in submitted if s["student"] == dana]
    grades = _ok(
        trainer.call(
            "GET", f"{formgrader}/api/grades", params={"submission_id": danas_notebook["id"]}
        )
    )
    (reflection,) = [g for g in grades if g["name"] == "reflectie"]
    _ok(trainer.call("PUT", f"{formgrader}/api/grade/{reflection['id']}", json={"manual_score": 2}))
    comments = _ok(
        trainer.call(
            "GET", f"{formgrader}/api/comments", params={"submission_id": danas_notebook["id"]}
        )
    )
    (comment,) = [c for c in comments if c["name"] == "reflectie"]
    _ok(
        trainer.call(
            "PUT", f"{formgrader}/api/comment/{comment['id']}", json={"manual_comment": COMMENT}
        )
    )
    _ok(trainer.call("POST", f"{formgrader}/api/assignment/{EXERCISE}/generate_feedback"))
    _ok(trainer.call("POST", f"{formgrader}/api/assignment/{EXERCISE}/release_feedback"))

    # Dana: Mijn cursus fetches her feedback by itself and shows her score.
    points = total + 2
    page.goto(f"{hub.url}/user/{dana}/mijn-cursus/")
    row = page.locator("[data-oefening]").filter(has_text=TITLE)
    expect(row).to_contain_text(
        learner.MC_EXERCISE_GRADED.format(score=points, max_score=points), timeout=60_000
    )
    expect(page.get_by_text(learner.MC_FEEDBACK_READY.format(titles=TITLE))).to_be_visible()
    row.get_by_role("link", name=f"{learner.MC_READ_FEEDBACK}: {TITLE}").click()
    expect(page.get_by_role("heading", name=f"Feedback: {TITLE}")).to_be_visible()
    main = page.locator("main")
    expect(main).to_contain_text(f"{points} van de {points} punten")
    expect(main.get_by_text("✔ Goed.")).to_have_count(total)
    expect(main).to_contain_text(COMMENT)
    text = main.inner_text()
    for english in ("Score", "Test cell", "Comments", "Points", "check_answer", "def "):
        assert english not in text, english
    assert not re.search(r"\bfeedback\b", text.replace("Feedback:", "")), text[:500]
    _checked(page, "feedback")
    # Handing in is closed once the feedback is given.
    page.goto(f"{hub.url}/user/{dana}/mijn-cursus/oefening/{EXERCISE}/inleveren")
    expect(page.get_by_text(learner.MC_HAND_IN_CLOSED)).to_be_visible()

    # She has the course forget her progress; her graded work stays.
    page.goto(f"{hub.url}/user/{dana}/mijn-cursus/")
    page.get_by_role("link", name="Wis wat de cursus over mij bewaart").click()
    expect(page.get_by_text("Oefeningen die je hebt ingeleverd")).to_be_visible()
    page.get_by_role("button", name="Ja, wis mijn voortgang").click()
    expect(page.get_by_text(learner.MC_FORGOTTEN)).to_be_visible()
    expect(page.locator("section.mc-stored")).to_contain_text(learner.MC_STORED_NOTHING)
    expect(page.locator(f'[data-module="{first.id}"]')).to_contain_text(learner.MC_MODULE_NEW)
    row = page.locator("[data-oefening]").filter(has_text=TITLE)
    expect(row).to_contain_text(learner.MC_EXERCISE_GRADED.format(score=points, max_score=points))

    # Snel weg: a neutral site replaces the page, and the login has ended.
    neutral = page.get_by_role("link", name="Snel weg", exact=True).get_attribute("href")
    assert neutral
    page.context.route(
        neutral + "**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>weg</p>"),
    )
    page.get_by_role("link", name="Snel weg", exact=True).click()
    page.wait_for_url(neutral)
    # The logout goes on after the page has left (keepalive): poll until it has landed.
    deadline = time.monotonic() + 60
    while True:
        page.goto(f"{hub.url}/user/{dana}/mijn-cursus/")
        if "/hub/login" in page.url:
            break
        assert time.monotonic() < deadline, f"still logged in after Snel weg: {page.url}"
        page.wait_for_timeout(500)
    page.context.close()


def test_a_module_finished_from_mijn_cursus_is_afgerond_after_logging_in_again(
    hub: Hub, browser: Browser, people: dict[str, str]
) -> None:
    """Ida opens module 1 from Mijn cursus, reaches mastery in its closing quiz by clicking,
    goes back by the module's own link, logs out and in again: the module is afgerond, with
    the score the module page showed."""
    ida = people["i"]
    page = _log_in(browser, hub, ida)
    module = course_map().modules[1]
    card = page.locator(f'[data-module="{module.id}"]')
    expect(card).to_contain_text(learner.MC_MODULE_NEW)
    card.get_by_role("link", name=f"{learner.MC_MODULE_BEGIN}: {module.title}").click()
    page.wait_for_url(f"**/services/cursus/voila/render/{module.file}#mijn-cursus")
    expect(page.locator(".coursekit-quiz").first).to_be_visible(timeout=120_000)
    goed, van = finish_closing_quiz(page)
    done = learner.MC_MODULE_DONE.format(date=dutch_date(datetime.now(UTC)))
    deadline = time.monotonic() + 60
    while True:  # the report goes out as the quiz ends; the way back may be quicker
        page.get_by_role("link", name="Terug naar Mijn cursus").first.click()
        page.wait_for_url(f"**/user/{ida}/mijn-cursus/")
        if done in card.inner_text():
            break
        assert time.monotonic() < deadline, "the module page did not report its mastery"
        page.go_back()
        page.wait_for_timeout(500)

    page.get_by_role("link", name="Uitloggen").click()
    page.wait_for_url("**/hub/login**")
    page.context.close()
    again = _log_in(browser, hub, ida)
    card = again.locator(f'[data-module="{module.id}"]')
    expect(card).to_contain_text(done)
    expect(
        card.get_by_role("link", name=f"{learner.MC_MODULE_AGAIN}: {module.title}")
    ).to_be_visible()
    stored = again.locator("section.mc-stored")
    expect(stored).to_contain_text(learner.MC_STORED_SCORE.format(goed=goed, van=van))
    again.context.close()
