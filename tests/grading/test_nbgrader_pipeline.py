"""The real nbgrader cycle on a temporary course copy: generate, autograde, feedback."""

from __future__ import annotations

import filecmp
import html
import re
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from coursekit.grading.feedback_data import read_feedback
from coursekit.text import learner
from tests.support.nbgrader import (
    EXERCISE,
    answer_key,
    click,
    edit_notebook,
    flipped,
    nbgrader,
    submit,
)

pytestmark = pytest.mark.nbgrader


def _tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_exercises_folder_is_exactly_what_nbgrader_generates(course: Path) -> None:
    committed = course / "exercises"
    fresh = course / "regenerated"
    nbgrader(
        course,
        "generate_assignment",
        "*",
        "--force",
        "--CourseDirectory.release_directory=regenerated",
    )
    assert _tree(fresh) == _tree(committed)
    for name in _tree(committed):
        assert filecmp.cmp(fresh / name, committed / name, shallow=False), (
            f"exercises/{name} differs from what nbgrader generates; run "
            "`nbgrader generate_assignment NAME --force` and commit the result"
        )


def test_a_trainers_answers_file_in_solutions_is_not_released(course: Path) -> None:
    stray = course / "solutions" / EXERCISE / f"{EXERCISE}.antwoorden.json"
    click(stray.parent, answer_key(course))
    result = nbgrader(course, "generate_assignment", EXERCISE, "--force")
    assert not (course / "exercises" / EXERCISE / stray.name).exists()
    assert not stray.exists()
    assert "antwoordbestand in de bronmap" in result.stdout + result.stderr


def _insert_cheat(nb: nbformat.NotebookNode) -> None:
    load = next(
        i
        for i, c in enumerate(nb.cells)
        if c.metadata.get("nbgrader", {}).get("grade_id") == "antwoorden-laden"
    )
    cheat = nbformat.v4.new_code_cell("def check_answer(*args, **kwargs):\n    print('goed')")
    nb.cells.insert(load + 1, cheat)


def _type_answers(answers: dict[str, str]) -> object:
    def change(nb: nbformat.NotebookNode) -> None:
        cell = next(
            c
            for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade_id") == "getypte-antwoorden"
        )
        cell.source = (
            "getypte_antwoorden = {\n"
            + "".join(f'    "{k}": "{v}",\n' for k, v in answers.items())
            + "}"
        )

    return change


# What a volunteer might type for the right answers: any case, extra spaces, "b)".
TYPED = {
    "z1": "Helpt Niet",
    "z2": "helpt",
    "z3": "helpt  niet",
    "z4": " Helpt",
    "z5": "HELPT NIET",
    "z6": "helpt",
    "w1": "niet waar",
    "k1": "b)",
}


def _write_reflection(text: str) -> object:
    def change(nb: nbformat.NotebookNode) -> None:
        cell = next(
            c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "reflectie"
        )
        cell.source = text

    return change


def test_autograde_scores_what_each_volunteer_chose_and_feedback_hides_the_key(
    course: Path,
) -> None:
    nbgrader(course, "generate_assignment", EXERCISE, "--force")
    key = answer_key(course)
    assert len(key) == 8

    best = submit(course, "alle-goed")
    click(best, key)
    edit_notebook(best, _write_reflection("Ik wil eerst luisteren en niet oordelen."))
    click(submit(course, "alle-fout"), flipped(key))
    submit(course, "geen-antwoorden")
    half = dict(list(key.items())[:4]) | dict(list(flipped(key).items())[4:])
    click(submit(course, "half-goed"), half)
    typed = submit(course, "getypt")
    edit_notebook(
        typed,
        _type_answers(TYPED),
    )
    cheater = submit(course, "valsspeler")
    click(cheater, flipped(key))
    edit_notebook(cheater, _insert_cheat)

    # A trainer tried the source notebook after the release and left the key beside it.
    click(course / "solutions" / EXERCISE, key)

    nbgrader(course, "autograde", EXERCISE, "--force")

    expected = {
        "alle-goed": 8,
        "alle-fout": 0,
        "geen-antwoorden": 0,
        "half-goed": 4,
        "getypt": 8,
        "valsspeler": 0,
    }
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        scores = {s: gb.find_submission(EXERCISE, s).code_score for s in expected}
        written = gb.find_submission(EXERCISE, "alle-goed")
        assert written.needs_manual_grade, "a written reflection waits for the trainer"
        assert written.max_score == 10  # eight items and a reflection of two points
        # nbgrader scores an untouched answer cell 0 itself: nothing for the trainer to do.
        assert not gb.find_submission(EXERCISE, "alle-fout").needs_manual_grade
        per_item = {
            g.name: g.score
            for g in gb.find_submission_notebook(EXERCISE, EXERCISE, "half-goed").grades
            if g.name.startswith("controle-")
        }
    assert scores == expected
    assert per_item == {f"controle-{i}": (1.0 if n < 4 else 0.0) for n, i in enumerate(key)}

    nbgrader(course, "generate_feedback", EXERCISE, "--force")
    pages = {student: _feedback_page(course, student) for student in expected}
    for page in pages.values():
        # The page shows no code at all; its data block holds only what the tests said.
        assert "check_answer" not in page and "check_answered" not in page, "no hidden tests"
        assert "HIDDEN TESTS" not in page and "antwoorden =" not in page
        assert "most recent call last" not in page and "AssertionError" not in page
    assert _feedback_text(pages["alle-goed"]).count(learner.CORRECT) == 8
    assert _feedback_text(pages["alle-fout"]).count(learner.INCORRECT) == 8
    assert all(q.correct for q in read_feedback(pages["alle-goed"]).questions)
    wrong = read_feedback(pages["alle-fout"]).questions
    assert len(wrong) == 8 and not any(q.correct or not q.right_answer for q in wrong)


def _feedback_page(course: Path, student: str) -> str:
    return (course / "feedback" / student / EXERCISE / f"{EXERCISE}.html").read_text("utf-8")


def _feedback_text(page: str) -> str:
    """The feedback page as a volunteer reads it: text without the markup, style and data."""
    body = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "", body))
