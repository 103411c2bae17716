"""`coursekit grade` on a PostgreSQL gradebook (db_url): parallel writes, no lock needed."""

from __future__ import annotations

from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from tests.support.course import copy_course
from tests.support.nbgrader import (
    EXERCISE,
    answer_key,
    click,
    coursekit_grade,
    flipped,
    nbgrader,
    submit,
)
from tests.support.postgres import postgres_database

pytestmark = pytest.mark.nbgrader


def test_parallel_grading_writes_every_score_to_postgresql(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "course")
    with postgres_database() as url:
        with (course / "nbgrader_config.py").open("a", encoding="utf-8") as config:
            config.write(f"\nc.CourseDirectory.db_url = {url!r}\n")
        nbgrader(course, "generate_assignment", EXERCISE, "--force")
        key = answer_key(course)
        half = dict(list(key.items())[:4]) | dict(list(flipped(key).items())[4:])
        expected = {}
        for n in range(9):
            answers, points = [(key, 8), (flipped(key), 0), (half, 4)][n % 3]
            click(submit(course, f"vrijwilliger-{n}"), answers)
            expected[f"vrijwilliger-{n}"] = points
        run = coursekit_grade(course, EXERCISE, "--workers", "4")
        assert run.returncode == 0, run.stdout + run.stderr
        with Gradebook(url, "steun-bij-stalking") as gradebook:
            scores = {s: gradebook.find_submission(EXERCISE, s).code_score for s in expected}
    assert scores == expected
    assert not (course / "gradebook.db").exists(), "nothing went to SQLite"
