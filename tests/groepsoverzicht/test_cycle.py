"""Oefeningen: the trainer's cycle without a terminal, on ONE real jupyter server with the
Groepsoverzicht (tests/support/trainer_server.py) in a course copy with its own exchange.

Release wat-niet-helpt from the page, two volunteers fetch and hand in through nbgrader's
own exchange classes (bram's notebook is broken), collect, grade in the background (the
page and its JSON show progress; a second click is refused while it runs; bram's failure
is one Dutch sentence and does not stop anna), an extension for anna holds the feedback
back after the due date (on the page and for nbgrader's own release_feedback), and forcing
it is logged. Bad input: one Dutch sentence, nothing changed.
"""

from __future__ import annotations

import html
import json
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests
from nbgrader.api import Gradebook
from nbgrader.exchange.abc.exchange import ExchangeError
from playwright.sync_api import Browser, expect
from traitlets.config import Config

from coursekit.grading.config import load_config
from coursekit.overview.actions import read_actions
from coursekit.text import trainer
from tests.support.axe import blocking_violations
from tests.support.course import ROOT, copy_course
from tests.support.nbgrader import EXERCISE, answer_key, click, edit_notebook
from tests.support.overview_group import COURSE_ID, exchange_step, with_reflection
from tests.support.trainer_server import TOKEN, TrainerServer, trainer_server

pytestmark = pytest.mark.nbgrader
LOCAL = ZoneInfo("Europe/Amsterdam")
SHOTS = Path("/work/tmp/shots18")


def _typed(moment: datetime) -> str:
    """A moment as the page's date-and-time field sends it (Dutch time)."""
    return moment.astimezone(LOCAL).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TrainerServer, Path]]:
    tmp = tmp_path_factory.mktemp("cyclus")
    course = copy_course(tmp / "course")
    exchange = tmp / "exchange"
    exchange.mkdir()
    # Everyone works under this test's one account: the owner check cannot tell them apart.
    with (course / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write("\nc.ExchangeCollect.check_owner = False\n")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        gradebook.update_or_create_student("anna", first_name="Anna", last_name="de Vries")
        gradebook.update_or_create_student("bram", first_name="Bram", last_name="Bakker")
    with trainer_server(course, exchange, tmp / "server") as running:
        yield running, exchange


def _post(
    server: TrainerServer, session: requests.Session, path: str, **fields: str
) -> requests.Response:
    return session.post(
        f"{server.pages}oefeningen/{path}",
        data={"_xsrf": server.xsrf(session), **fields},
        timeout=300,
        allow_redirects=False,
    )


def _hand_in(exchange: Path, home: Path, student: str, broken: bool) -> None:
    """A volunteer fetches and hands in with nbgrader's own exchange classes."""
    home.mkdir()
    volunteer = Config()
    volunteer.Exchange.root = str(exchange)
    volunteer.Exchange.cache = str(home / "cache")
    volunteer.Exchange.assignment_dir = str(home)
    volunteer.CourseDirectory.root = str(home)
    volunteer.CourseDirectory.course_id = COURSE_ID
    volunteer.CourseDirectory.student_id = student
    exchange_step(volunteer, "FetchAssignment", EXERCISE)
    if broken:
        (home / EXERCISE / f"{EXERCISE}.ipynb").write_text("{ kapot", encoding="utf-8")
    else:
        click(home / EXERCISE, answer_key(ROOT))
        edit_notebook(home / EXERCISE, with_reflection("Ik luister eerst en oordeel niet."))
    exchange_step(volunteer, "Submit", EXERCISE)


def _wait_for_job(server: TrainerServer, session: requests.Session) -> dict[str, object]:
    url = f"{server.pages}oefeningen/{EXERCISE}/nakijken.json"
    deadline = time.monotonic() + 300
    while True:
        state = session.get(url, timeout=30).json()
        if state is not None and not state["running"]:
            return dict(state)
        assert time.monotonic() < deadline, f"grading did not end: {state}"
        time.sleep(0.5)


def test_release_collect_grade_and_feedback_from_the_page(
    server: tuple[TrainerServer, Path], tmp_path: Path
) -> None:
    running, exchange = server
    course = running.course
    session = running.session()

    # The list: every exercise in the course's order, with its next step and button.
    page = session.get(f"{running.pages}oefeningen", timeout=60)
    assert page.status_code == 200, page.text[:2000]
    shown = html.unescape(page.text)
    assert shown.index("wat-is-stalking") < shown.index(EXERCISE) < shown.index("eindtoets")
    assert trainer.CY_STEP_GENERATE in shown
    assert 'aria-current="page">Oefeningen' in shown

    # No XSRF field: refused, nothing released.
    forged = session.post(f"{running.pages}oefeningen/{EXERCISE}/vrijgeven", timeout=60)
    assert forged.status_code == 403
    assert not (exchange / COURSE_ID / "outbound" / EXERCISE).exists()

    released = _post(running, session, f"{EXERCISE}/vrijgeven")
    assert released.status_code == 200, released.text[:3000]
    assert trainer.CY_DONE_RELEASE.format(name=EXERCISE) in html.unescape(released.text)
    assert (exchange / COURSE_ID / "outbound" / EXERCISE / f"{EXERCISE}.ipynb").is_file()
    again = _post(running, session, f"{EXERCISE}/vrijgeven")
    assert again.status_code == 409
    assert trainer.CY_ALREADY_RELEASED.format(name=EXERCISE) in html.unescape(again.text)
    unknown = _post(running, session, "bestaat-niet/vrijgeven")
    assert unknown.status_code == 404
    assert "bestaat-niet" in html.unescape(unknown.text)

    # The due date: a typo is one sentence; a date reaches the gradebook and the exchange.
    typo = _post(running, session, f"{EXERCISE}/inleverdatum", datum="morgen")
    assert typo.status_code == 409
    assert trainer.CY_BAD_DATE.format(value="morgen") in html.unescape(typo.text)
    due = (datetime.now(UTC) + timedelta(days=7)).replace(second=0, microsecond=0)
    dated = _post(running, session, f"{EXERCISE}/inleverdatum", datum=_typed(due))
    assert dated.status_code == 200, dated.text[:3000]
    termijn = exchange / COURSE_ID / "outbound" / EXERCISE / f"{EXERCISE}.termijn.json"
    assert json.loads(termijn.read_text(encoding="utf-8"))["inleveren_voor"] == due.isoformat()

    # anna hands in her answers; bram's notebook is broken.
    _hand_in(exchange, tmp_path / "anna", "anna", broken=False)
    _hand_in(exchange, tmp_path / "anna-2", "anna", broken=False)  # a newer hand-in
    _hand_in(exchange, tmp_path / "bram", "bram", broken=True)
    listed = html.unescape(session.get(f"{running.pages}oefeningen", timeout=60).text)
    assert trainer.CY_STEP_COLLECT.format(count=2) in listed

    collected = _post(running, session, f"{EXERCISE}/verzamelen")
    assert collected.status_code == 200, collected.text[:3000]
    assert trainer.CY_DONE_COLLECT.format(count=2, name=EXERCISE) in html.unescape(collected.text)
    assert trainer.CY_STEP_GRADE.format(count=2) in html.unescape(collected.text)

    # Grading runs in the background; a second click is refused while it runs.
    started = _post(running, session, f"{EXERCISE}/nakijken")
    assert started.status_code == 303
    assert started.headers["Location"].endswith(f"oefeningen/{EXERCISE}/nakijken")
    second = _post(running, session, f"{EXERCISE}/nakijken")
    assert second.status_code == 409
    assert "loopt al" in html.unescape(second.text)
    state = _wait_for_job(running, session)
    assert (state["done"], state["total"]) == (2, 2)
    assert state["failed"] == [{"student": "bram", "reason": trainer.GRADE_WHY_NOT_JSON}]
    job_page = html.unescape(
        session.get(f"{running.pages}oefeningen/{EXERCISE}/nakijken", timeout=60).text
    )
    assert trainer.CY_PROGRESS_DONE.format(done=2, total=2) in job_page
    assert trainer.GRADE_WHY_NOT_JSON in job_page
    assert (course / "autograded" / "anna" / EXERCISE).is_dir()

    # anna's reflection: graded by hand in formgrader, and the page says it is English.
    listed = html.unescape(session.get(f"{running.pages}oefeningen", timeout=60).text)
    assert "/formgrader/submissions/" in listed
    assert "opent formgrader (Engelstalig)" in listed
    assert trainer.CY_STEP_MANUAL.format(count=1) in listed
    assert "1 niet gelukt" in listed

    # An extension for anna, then the due date moves to the past: anna keeps her date,
    # and feedback waits for it, on the page and in nbgrader's own release_feedback.
    too_early = _post(
        running, session, f"{EXERCISE}/verlenging", vrijwilliger="anna", datum=_typed(due)
    )
    assert too_early.status_code == 409
    extended = due + timedelta(days=3)
    granted = _post(
        running, session, f"{EXERCISE}/verlenging", vrijwilliger="anna", datum=_typed(extended)
    )
    assert granted.status_code == 200, granted.text[:3000]
    assert "verlenging tot" in html.unescape(granted.text)
    past = (datetime.now(UTC) - timedelta(days=1)).replace(second=0, microsecond=0)
    assert _post(running, session, f"{EXERCISE}/inleverdatum", datum=_typed(past)).ok
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        kept = gradebook.find_submission(EXERCISE, "anna").duedate
        assert kept.replace(tzinfo=UTC) == extended

    refused = _post(running, session, f"{EXERCISE}/feedback")
    assert refused.status_code == 409
    assert "anna heeft verlenging tot" in html.unescape(refused.text)
    config = load_config(course, missing="{folder}")
    config.Exchange.root = str(exchange)
    with pytest.raises(ExchangeError, match="anna heeft verlenging tot"):
        exchange_step(config, "ReleaseFeedback", EXERCISE)
    assert not (exchange / COURSE_ID / "feedback").exists() or not any(
        (exchange / COURSE_ID / "feedback").iterdir()
    )

    forced = _post(running, session, f"{EXERCISE}/feedback", toch="ja")
    assert forced.status_code == 200, forced.text[:3000]
    assert "vóór de inleverdatum" in html.unescape(forced.text)
    assert any((exchange / COURSE_ID / "feedback").iterdir())
    releases = (course / "feedback_vrijgegeven.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(releases[-1])["forced"] is True

    # The action log: every step, the forced feedback marked so.
    log = [(a.action, a.forced) for a in read_actions(course) if a.assignment == EXERCISE]
    assert log == [
        ("vrijgeven", False),
        ("termijn", False),
        ("verzamelen", False),
        ("nakijken", False),
        ("verlenging", False),
        ("termijn", False),
        ("feedback", True),
    ]


@pytest.mark.browser
def test_regrade_in_the_browser_shows_progress_until_done(
    server: tuple[TrainerServer, Path], browser: Browser
) -> None:
    """After the cycle above (it runs first in this module): a trainer regrades with the
    button and watches the job page count up and end by itself (groep.js polls the JSON),
    on a phone; the Oefeningen page passes axe at 375 and 1280 px."""
    running, _exchange_folder = server
    course = running.course
    assert (course / "autograded" / "anna" / EXERCISE).is_dir(), "the cycle test ran first"
    refused: list[str] = []
    page = browser.new_page(viewport={"width": 375, "height": 800}, locale="nl-NL")
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"{running.pages}oefeningen?token={TOKEN}")
    expect(page.get_by_role("heading", name="Oefeningen", level=1)).to_be_visible()
    assert blocking_violations(page) == []
    section = page.locator(f"#oefening-{EXERCISE}")
    section.locator("summary").click()
    section.screenshot(path=str(SHOTS / "cycle-oefeningen-375.png"))
    section.get_by_role("button", name="Opnieuw nakijken").click()
    status = page.get_by_role("status")
    expect(status).to_contain_text("van 2 nagekeken")
    page.screenshot(path=str(SHOTS / "cycle-nakijken-375.png"))
    # No click: the page polls, and loads itself once more when grading has ended.
    expect(status).to_have_text(re.compile(r"^Klaar: 2 van 2 nagekeken"), timeout=120_000)
    expect(page.get_by_text(trainer.GRADE_WHY_NOT_JSON)).to_be_visible()
    expect(page.get_by_role("link", name="Vernieuw")).to_have_count(0)
    page.screenshot(path=str(SHOTS / "cycle-klaar-375.png"), full_page=True)
    assert [a.forced for a in read_actions(course) if a.action == "nakijken"][-1] is True
    wide = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    wide.goto(f"{running.pages}oefeningen?token={TOKEN}")
    wide.locator(f"#oefening-{EXERCISE} summary").click()
    assert blocking_violations(wide) == []
    wide.screenshot(path=str(SHOTS / "cycle-oefeningen-1280.png"), full_page=True)
    assert refused == []
    page.close()
    wide.close()
