"""A course with three volunteers in different states, built once per test session
(fixture ``overview_group`` in tests/conftest.py) for ``coursekit overzicht`` and the
Groepsoverzicht's pages: real nbgrader (generate, ``coursekit grade``, and release, fetch and
submit through the exchange with nbgrader's own classes), a real SQLite gradebook with the
progress table beside it.

- anna (Anna de Vries): every module finished, the final assessment passed (22 of 26);
- bram (Bram Bakker): module 2 finished, module 3 begun, a reflection of wat-niet-helpt to
  grade and the final assessment handed in, not collected;
- carla: never started.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook
from nbgrader.apps import NbGraderAPI
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange import ExchangeFactory
from sqlalchemy import create_engine
from traitlets.config import Config

from coursekit.content.course import course as course_map
from coursekit.grading.config import load_config
from coursekit.progress.store import record, upgrade
from tests.support.course import copy_course
from tests.support.nbgrader import (
    EXERCISE,
    answer_key,
    click,
    coursekit_grade,
    edit_notebook,
    flipped,
    submit,
)

FINAL = "eindtoets"
COURSE_ID = "steun-bij-stalking"
MODULES = sorted(course_map().modules, key=lambda m: m.number)
NOW = datetime.now(UTC)


def with_reflection(text: str) -> object:
    def change(nb: nbformat.NotebookNode) -> None:
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == "reflectie":
                cell.source = text

    return change


def exchange_step(config: Config, what: str, assignment: str) -> None:
    """One of nbgrader's exchange steps, in this process, with nbgrader's own classes."""
    config = copy.deepcopy(config)
    config.CourseDirectory.assignment_id = assignment
    coursedir = CourseDirectory(config=config)
    factory = ExchangeFactory(config=config)
    step = getattr(factory, what)(
        coursedir=coursedir, authenticator=Authenticator(config=config), config=config
    )
    step.start()


def build_overview_group(tmp: Path) -> Path:
    """The course in ``tmp/course`` (its exchange in ``tmp/exchange``); returns the course."""
    course = copy_course(tmp / "course")
    exchange = tmp / "exchange"
    exchange.mkdir()
    with (course / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write(f"\nc.Exchange.root = {str(exchange)!r}\n")
    trainer_config = load_config(course, missing="{folder}")
    api = NbGraderAPI(CourseDirectory(config=trainer_config), config=trainer_config)
    for exercise in (FINAL, EXERCISE):
        made = api.generate_assignment(exercise, force=True)
        assert made["success"], made["log"]
    url = f"sqlite:///{course / 'gradebook.db'}"
    with Gradebook(url) as gradebook:  # as nbgrader db student import does
        gradebook.update_or_create_student("anna", first_name="Anna", last_name="de Vries")
        gradebook.update_or_create_student("bram", first_name="Bram", last_name="Bakker")
        gradebook.update_or_create_student("carla")
        gradebook.update_or_create_assignment(EXERCISE, duedate=NOW - timedelta(days=2))
        gradebook.update_or_create_assignment(FINAL, duedate=NOW + timedelta(days=14))

    # anna: every answer of the final assessment right, no reflection (0 of 4): 22 of 26.
    click(submit(course, "anna", FINAL), answer_key(course, FINAL), FINAL)
    # bram: half of wat-niet-helpt right and a reflection for the trainer to grade ...
    key = answer_key(course)
    folder = submit(course, "bram", EXERCISE)
    click(folder, dict(list(key.items())[:4]) | dict(list(flipped(key).items())[4:]))
    edit_notebook(folder, with_reflection("Ik luister eerst en oordeel niet."))
    for exercise in (FINAL, EXERCISE):
        run = coursekit_grade(course, exercise, "--workers", "1")
        assert run.returncode == 0, run.stdout + run.stderr
    # ... and the final assessment released, fetched and handed in through the exchange,
    # not yet collected.
    exchange_step(trainer_config, "ReleaseAssignment", FINAL)
    home = tmp / "thuis-bram"
    home.mkdir()
    volunteer = Config()
    volunteer.Exchange.root = str(exchange)
    volunteer.Exchange.cache = str(home / "cache")
    volunteer.Exchange.assignment_dir = str(home)
    volunteer.CourseDirectory.root = str(home)
    volunteer.CourseDirectory.course_id = COURSE_ID
    volunteer.CourseDirectory.student_id = "bram"
    exchange_step(volunteer, "FetchAssignment", FINAL)
    exchange_step(volunteer, "Submit", FINAL)

    # The progress table beside the gradebook, as the hub's service keeps it.
    engine = create_engine(url)
    upgrade(engine)
    for module in MODULES:
        record(engine, "anna", module.id, "afgerond", goed=5, van=5, now=NOW - timedelta(days=3))
    record(engine, "bram", MODULES[1].id, "afgerond", goed=4, van=5, now=NOW - timedelta(days=6))
    record(engine, "bram", MODULES[2].id, "begonnen", now=NOW - timedelta(days=5))
    engine.dispose()
    return course
