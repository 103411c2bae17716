"""A pasted duplicate or a renamed graded cell is graded, or named in Dutch (issue 13).

Before the fix nbgrader raised on such a notebook: the whole submission was not graded
and the trainer read nbgrader's English "Please see the the above traceback". Each
notebook here is one a volunteer could make by accident in JupyterLab.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from coursekit.text import trainer
from tests.support.nbgrader import (
    EXERCISE,
    answer_key,
    click,
    coursekit_grade,
    edit_notebook,
    nbgrader,
    submit,
)

pytestmark = pytest.mark.nbgrader

TEXT = "Ik luister eerst en oordeel niet."


def _index(nb: nbformat.NotebookNode, grade_id: str) -> int:
    return next(
        i
        for i, c in enumerate(nb.cells)
        if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id
    )


def _pasted_twice(text_in_copy: bool):  # type: ignore[no-untyped-def]
    def change(nb: nbformat.NotebookNode) -> None:
        at = _index(nb, "reflectie")
        pasted = copy.deepcopy(nb.cells[at])
        pasted["id"] = "geplakt"
        (pasted if text_in_copy else nb.cells[at]).source = TEXT
        nb.cells.insert(at + 1, pasted)

    return change


def _renamed(grade_id: str, text: str | None = None):  # type: ignore[no-untyped-def]
    def change(nb: nbformat.NotebookNode) -> None:
        cell = nb.cells[_index(nb, grade_id)]
        cell.metadata.nbgrader["grade_id"] = f"{grade_id}-kopie"
        if text is not None:
            cell.source = text

    return change


CASES = {
    "dubbel-tekst-in-kopie": _pasted_twice(text_in_copy=True),
    "dubbel-tekst-in-eerste": _pasted_twice(text_in_copy=False),
    "hernoemde-reflectie": _renamed("reflectie", TEXT),
    "hernoemde-controle": _renamed("controle-z1"),
    "hernoemde-antwoordcel": _renamed("getypte-antwoorden"),
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    from tests.support.course import copy_course

    course = copy_course(tmp_path_factory.mktemp("cellen") / "course")
    nbgrader(course, "generate_assignment", EXERCISE, "--force")
    key = answer_key(course)
    for student, change in CASES.items():
        folder = submit(course, student)
        click(folder, key)
        edit_notebook(folder, change)
    run = coursekit_grade(course, EXERCISE, "--workers", "2")
    return course, run.stdout + run.stderr


def test_every_damaged_notebook_is_graded_in_full(graded: tuple[Path, str]) -> None:
    course, output = graded
    assert trainer.GRADE_SUMMARY.format(graded=len(CASES), total=len(CASES)) in output, output
    assert "Please see" not in output and "Traceback" not in output, output
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for student in CASES:
            notebook = gradebook.find_submission_notebook(EXERCISE, EXERCISE, student)
            code = [g for g in notebook.grades if g.name.startswith("controle-")]
            assert sum(g.score for g in code) == 8, student


def test_the_reflection_the_trainer_grades_holds_the_volunteers_text(
    graded: tuple[Path, str],
) -> None:
    course, output = graded
    for student in ("dubbel-tekst-in-kopie", "dubbel-tekst-in-eerste", "hernoemde-reflectie"):
        nb = nbformat.read(
            course / "autograded" / student / EXERCISE / f"{EXERCISE}.ipynb", as_version=4
        )
        reflection = nb.cells[_index(nb, "reflectie")]
        assert TEXT in reflection.source, (student, output)


def test_the_trainer_reads_what_was_repaired_in_dutch(graded: tuple[Path, str]) -> None:
    _course, output = graded
    for student in CASES:
        notes = [line for line in output.splitlines() if line.startswith(f"  - {student}: ")]
        assert notes, (student, output)
