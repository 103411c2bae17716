"""Student ids and exercise names reach nbgrader only as themselves, never as a pattern.

nbgrader builds paths from them and globs those paths: a student folder ``ann[a]`` in
``submitted/`` matched ``anna`` and graded her again (issue 13).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from nbgrader.api import Gradebook, MissingEntry

from coursekit.grading.grade import plain_name
from coursekit.text import trainer
from tests.support.nbgrader import (
    EXERCISE,
    answer_key,
    click,
    coursekit_grade,
    flipped,
    nbgrader,
    submit,
)


@pytest.mark.parametrize("name", ["ann[a]", "*", "a?", "ann]", "../anna", "..", ""])
def test_a_name_with_a_pattern_or_path_is_not_plain(name: str) -> None:
    assert not plain_name(name)


@pytest.mark.parametrize("name", ["anna", "jan-de-vries", "wat-niet-helpt", "z.1"])
def test_an_ordinary_name_is_plain(name: str) -> None:
    assert plain_name(name)


@pytest.mark.nbgrader
def test_a_student_id_with_a_pattern_is_refused_and_regrades_no_one(course: Path) -> None:
    nbgrader(course, "generate_assignment", EXERCISE, "--force")
    key = answer_key(course)
    click(submit(course, "anna"), key)
    for cheat in ("ann[a]", "*", "ann?"):
        click(submit(course, cheat), flipped(key))
    run = coursekit_grade(course, EXERCISE, "--workers", "2")
    output = run.stdout + run.stderr
    for cheat in ("ann[a]", "*", "ann?"):
        assert f"  - {cheat}: {trainer.GRADE_WHY_GLOB_NAME}" in output, output
    assert trainer.GRADE_SUMMARY.format(graded=1, total=4) in output, output
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        assert gradebook.find_submission(EXERCISE, "anna").score == 8
        for cheat in ("ann[a]", "*", "ann?"):
            with pytest.raises(MissingEntry):
                gradebook.find_student(cheat)
    assert sorted(p.name for p in (course / "autograded").iterdir()) == ["anna"]


@pytest.mark.nbgrader
def test_an_exercise_name_with_a_pattern_is_refused(course: Path) -> None:
    nbgrader(course, "generate_assignment", EXERCISE, "--force")
    click(submit(course, "anna"), answer_key(course))
    run = coursekit_grade(course, "wat-*")
    assert run.returncode == 1
    assert trainer.GRADE_BAD_ASSIGNMENT.format(assignment="wat-*") in run.stdout
    assert not (course / "autograded").exists()
