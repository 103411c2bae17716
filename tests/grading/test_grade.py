"""`coursekit grade`: parallel autograde of real submissions, bad ones reported, none lost.

One temporary course holds a class with every kind of bad submission the trainers meet;
one `coursekit grade` run grades them all with several workers on the SQLite gradebook.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook, MissingEntry

from coursekit.grading.feedback_data import read_feedback
from coursekit.grading.grade import Result, reason_for, result_line, summary, trainer_warnings
from coursekit.text import learner, trainer
from tests.support.course import copy_course
from tests.support.nbgrader import (
    EXERCISE,
    answer_key,
    click,
    coursekit_grade,
    edit_notebook,
    flipped,
    nbgrader,
    submit,
)

pytestmark = pytest.mark.nbgrader

NOTEBOOK = f"{EXERCISE}.ipynb"
ANSWERS = f"{EXERCISE}.antwoorden.json"


def _typed(source: str) -> object:
    def change(nb: nbformat.NotebookNode) -> None:
        cell = next(
            c
            for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade_id") == "getypte-antwoorden"
        )
        cell.source = source

    return change


def _without(grade_id: str) -> object:
    def change(nb: nbformat.NotebookNode) -> None:
        nb.cells = [
            c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != grade_id
        ]

    return change


def _rewrite(grade_id: str, source: str) -> object:
    def change(nb: nbformat.NotebookNode) -> None:
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
                cell.source = source

    return change


def _class(course: Path) -> dict[str, int | None]:
    """Fabricate the class; return each student's expected autograded points (None: not graded)."""
    key = answer_key(course)
    wrong = flipped(key)
    first_two = dict(list(key.items())[:2])
    expected: dict[str, int | None] = {}

    def handed_in(student: str, answers: dict[str, str] | None = None) -> Path:
        folder = submit(course, student)
        if answers is not None:
            click(folder, answers)
        return folder

    for n in range(4):  # an ordinary class: all right, all wrong, half, nothing
        handed_in(f"goed-{n}", key)
        expected[f"goed-{n}"] = 8
    handed_in("fout", wrong)
    expected["fout"] = 0
    handed_in("half", dict(list(key.items())[:4]) | dict(list(wrong.items())[4:]))
    expected["half"] = 4

    (handed_in("geen-json") / NOTEBOOK).write_text("{ dit is geen notebook", encoding="utf-8")
    expected["geen-json"] = None

    edit_notebook(handed_in("cel-weg", key), _without("controle-z1"))
    expected["cel-weg"] = 8  # the deleted grade cell comes back
    edit_notebook(handed_in("laadcel-weg", key), _without("antwoorden-laden"))
    expected["laadcel-weg"] = 8  # and so does a deleted read-only cell

    edit_notebook(handed_in("cel-bewerkt", key), _rewrite("intro", "# Mijn eigen titel"))
    expected["cel-bewerkt"] = 8

    handed_in("geen-antwoordbestand")
    expected["geen-antwoordbestand"] = 0
    (handed_in("kapot-bestand") / ANSWERS).write_text("{ kapot", encoding="utf-8")
    expected["kapot-bestand"] = 0
    (handed_in("verkeerde-vorm") / ANSWERS).write_text("[1, 2, 3]", encoding="utf-8")
    expected["verkeerde-vorm"] = 0
    handed_in("onbekende-labels", first_two | {k: "misschien" for k in list(key)[2:]})
    expected["onbekende-labels"] = 2
    huge = {"schema_version": 1, "exercise": EXERCISE, "answers": key, "x": "a" * 200_000}
    (handed_in("enorm-bestand") / ANSWERS).write_text(json.dumps(huge), encoding="utf-8")
    expected["enorm-bestand"] = 0

    edit_notebook(handed_in("oneindig", first_two), _typed("while True:\n    pass"))
    expected["oneindig"] = 2  # the loop never runs; the clicked answers count
    cheat = (
        "import coursekit\n"
        "coursekit.check_answer = lambda *a, **k: None\n"
        "coursekit.check_answered = lambda *a, **k: None\n"
        "getypte_antwoorden = {}"
    )
    edit_notebook(handed_in("valsspeler", wrong), _typed(cheat))
    expected["valsspeler"] = 0
    equal_to_all = (
        "class Alles(str):\n    def __eq__(self, other): return True\n"
        'getypte_antwoorden = {"z1": Alles("x")}'
    )
    edit_notebook(handed_in("gelijk-aan-alles"), _typed(equal_to_all))
    expected["gelijk-aan-alles"] = 0

    other = handed_in("andere-opdracht")
    (other / NOTEBOOK).rename(other / "jouw-rol.ipynb")
    expected["andere-opdracht"] = None

    extra = handed_in("extra-bestanden", key)
    (extra / "notities-ü.txt").write_text("aantekeningen", encoding="utf-8")
    (extra / "plaatje.png").write_bytes(b"\x89PNG\r\n")
    expected["extra-bestanden"] = 8

    handed_in("zoë-çelik", key)
    expected["zoë-çelik"] = 8

    def extra_cells(nb: nbformat.NotebookNode) -> None:
        nb.cells.append(nbformat.v4.new_markdown_cell("Mijn reflectie staat per ongeluk hier."))
        nb.cells.append(nbformat.v4.new_code_cell(""))

    edit_notebook(handed_in("nieuwe-cellen", key), extra_cells)
    expected["nieuwe-cellen"] = 8

    empty = course / "submitted" / "leeg" / EXERCISE
    empty.mkdir(parents=True)
    expected["leeg"] = None
    return expected


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int | None], str]:
    course = copy_course(tmp_path_factory.mktemp("grade") / "course")
    nbgrader(course, "generate_assignment", EXERCISE, "--force")
    expected = _class(course)
    run = coursekit_grade(course, EXERCISE, "--workers", "4")
    return course, expected, run.stdout + run.stderr


def _code_scores(course: Path, students: list[str]) -> dict[str, float | None]:
    scores: dict[str, float | None] = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in students:
            try:
                notebook = gb.find_submission_notebook(EXERCISE, EXERCISE, student)
            except MissingEntry:
                scores[student] = None
                continue
            grades = [g for g in notebook.grades if g.name.startswith("controle-")]
            scores[student] = (
                None if any(g.score is None for g in grades) else sum(g.score for g in grades)
            )
    return scores


def test_every_submission_is_graded_as_expected_or_reported(
    graded: tuple[Path, dict[str, int | None], str],
) -> None:
    course, expected, output = graded
    scores = _code_scores(course, [s for s, points in expected.items() if points is not None])
    assert scores == {s: float(p) for s, p in expected.items() if p is not None}, output
    for student, points in expected.items():
        line = next((x for x in output.splitlines() if f" {student}: " in x and "/" in x), "")
        if points is None:
            assert "✘" in line and "niet nagekeken" in line, output
        else:
            assert "✔" in line and "van 10 punten" in line, output
    assert "database is locked" not in output


def test_each_failure_is_one_clear_sentence_in_the_summary(
    graded: tuple[Path, dict[str, int | None], str],
) -> None:
    _course, expected, output = graded
    failed = sum(points is None for points in expected.values())
    assert (
        trainer.GRADE_SUMMARY.format(graded=len(expected) - failed, total=len(expected)) in output
    )
    assert f"  - geen-json: {trainer.GRADE_WHY_NOT_JSON}" in output
    assert f"  - leeg: {trainer.GRADE_WHY_NO_NOTEBOOK}" in output
    assert f"  - andere-opdracht: {trainer.GRADE_WHY_NO_NOTEBOOK}" in output
    assert "Traceback" not in output


def test_only_real_tampering_and_removed_code_are_flagged(
    graded: tuple[Path, dict[str, int | None], str],
) -> None:
    _course, _expected, output = graded
    tampered = trainer.GRADE_TAMPERED.format(cell="intro")
    assert f"  - cel-bewerkt: {tampered}" in output
    assert output.count("alleen-lezen cel") == 1, "hidden tests raise no false alarm"
    for student in ("oneindig", "valsspeler", "gelijk-aan-alles"):
        assert f"  - {student}: Cel 4 van {EXERCISE} bevatte code" in output


def test_every_submitted_student_appears_in_the_export(
    graded: tuple[Path, dict[str, int | None], str],
) -> None:
    course, expected, _output = graded
    nbgrader(course, "export", "--to", "cijfers.csv")
    rows = list(csv.DictReader(io.StringIO((course / "cijfers.csv").read_text("utf-8"))))
    assert {r["student_id"] for r in rows if r["assignment"] == EXERCISE} >= set(expected)


def test_the_feedback_of_a_graded_student_explains_every_item(
    graded: tuple[Path, dict[str, int | None], str],
) -> None:
    course, _expected, _output = graded
    nbgrader(course, "generate_feedback", EXERCISE, "--student", "fout", "--force")
    page = (course / "feedback" / "fout" / EXERCISE / f"{EXERCISE}.html").read_text("utf-8")
    questions = read_feedback(page).questions
    assert len(questions) == 8
    assert all(q.right_answer and q.why and not q.correct for q in questions)
    assert sum(q.better is not None for q in questions) == 3, "for each statement that harms"
    assert page.count(learner.CHECK_BETTER.split("{")[0]) == 3 + 3, "on the page and in its data"


def test_reasons_lines_and_summary_read_well() -> None:
    assert reason_for("nbformat.reader.NotJSONError: ...") == trainer.GRADE_WHY_NOT_JSON
    assert reason_for("x\nCellTimeoutError: boom") == trainer.GRADE_WHY_TIMEOUT
    assert reason_for("iets anders\nValueError: raar") == trainer.GRADE_WHY_OTHER.format(
        detail="ValueError: raar"
    )
    ok = Result("anna", True, 7.0, 10.0, 1.25)
    assert result_line(ok, 3, 12) == "[ 3/12] ✔ anna: 7 van 10 punten (1,2 s)"
    bad = Result("bram", False, None, None, 0.5, trainer.GRADE_WHY_NOT_JSON)
    assert result_line(bad, 12, 12).startswith("[12/12] ✘ bram: niet nagekeken: ")
    text = summary([ok, bad])
    assert text.startswith("Nagekeken: 1 van 2.") and "  - bram: " in text


def test_a_checksum_warning_for_hidden_tests_alone_is_no_alarm(tmp_path: Path) -> None:
    release = tmp_path / "exercises" / EXERCISE
    handed_in = tmp_path / "submitted" / "anna" / EXERCISE
    for folder in (release, handed_in):
        folder.mkdir(parents=True)
        cell = {"metadata": {"nbgrader": {"grade_id": "controle-z1"}}, "source": "# vraag 1"}
        (folder / NOTEBOOK).write_text(json.dumps({"cells": [cell]}), encoding="utf-8")
    log = "[WARNING] Attribute 'checksum' for cell controle-z1 has changed! (should be: a, got: b)"
    assert trainer_warnings(tmp_path, EXERCISE, "anna", log) == ()


def test_a_second_run_skips_what_was_graded_unless_forced(
    graded: tuple[Path, dict[str, int | None], str],
) -> None:
    course, expected, _output = graded
    resubmitted = course / "submitted" / "goed-0" / EXERCISE
    (resubmitted / "timestamp.txt").write_text("2026-11-27 09:00:00.000000 UTC", "utf-8")
    click(resubmitted, flipped(answer_key(course)))
    again = coursekit_grade(course, EXERCISE, "--workers", "2")
    graded_before = sum(points is not None for points in expected.values()) - 1
    assert again.stdout.count(trainer.GRADE_LINE_SKIPPED) == graded_before
    assert trainer.GRADE_SKIPPED.format(count=graded_before) in again.stdout
    assert "✔ goed-0: 0 van 10 punten" in again.stdout, "a new hand-in is graded again"
    assert "Removing existing assignment" not in again.stdout


def test_text_in_a_new_cell_is_kept_and_an_empty_new_cell_goes_quietly(
    graded: tuple[Path, dict[str, int | None], str],
) -> None:
    course, _expected, output = graded
    notebook = course / "autograded" / "nieuwe-cellen" / EXERCISE / NOTEBOOK
    text = notebook.read_text(encoding="utf-8")
    assert "Mijn reflectie staat per ongeluk hier." in text
    assert "  - nieuwe-cellen:" not in output
