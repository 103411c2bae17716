"""`coursekit grade` runs no learner code and trusts nothing handed in but two files.

Each submission below cheated in a way that worked before (issue 13): forged nbgrader
metadata, a module beside the notebook that replaces the course package, symlinks to
another volunteer's answers, the solution or a system file, a file too large. One real
`coursekit grade` run on a course copy grades them all; a second course proves that a
submission whose grading kills its worker costs only itself.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook, MissingEntry

from coursekit.exercise.answers_file import MAX_ANSWERS_BYTES
from coursekit.grading.submission import MAX_FILE_BYTES
from coursekit.text import trainer
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

# Learner code that would give full marks for wrong answers, and leave a trace outside.
CHEAT = (
    "import coursekit, pathlib\n"
    "pathlib.Path({marker!r}).write_text('gelopen')\n"
    "coursekit.check_answer = lambda *a, **k: None\n"
    "coursekit.check_answered = lambda *a, **k: None\n"
    "getypte_antwoorden = {{}}\n"
)
# A module that replaces the course package in the grading kernel, if it gets there.
FAKE_PACKAGE = (
    "import pathlib\n"
    "pathlib.Path({marker!r}).write_text('gelopen')\n"
    "def __getattr__(name):\n"
    "    return lambda *a, **k: {{}}\n"
)


def _named(nb: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _typed_cell(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return _named(nb, "getypte-antwoorden")


def _class(course: Path, outside: Path) -> dict[str, int | None]:
    """Fabricate the cheaters; return each one's honest points (None: not graded)."""
    key = answer_key(course)
    wrong = flipped(key)
    expected: dict[str, int | None] = {}

    def handed_in(student: str, answers: dict[str, str]) -> Path:
        folder = submit(course, student)
        click(folder, answers)
        return folder

    honest = handed_in("eerlijk", key)
    expected["eerlijk"] = 8

    def not_a_solution(nb: nbformat.NotebookNode) -> None:
        cell = _typed_cell(nb)
        cell.source = CHEAT.format(marker=str(outside / "metadata-vals"))
        cell.metadata.nbgrader["solution"] = False

    edit_notebook(handed_in("metadata-vals", wrong), not_a_solution)
    expected["metadata-vals"] = 0

    def borrowed_id(nb: nbformat.NotebookNode) -> None:
        cell = nbformat.v4.new_code_cell(CHEAT.format(marker=str(outside / "geleende-cel")))
        cell.metadata.nbgrader = {**_typed_cell(nb).metadata.nbgrader, "solution": False}
        nb.cells.insert(nb.cells.index(_typed_cell(nb)), cell)

    edit_notebook(handed_in("geleende-cel", wrong), borrowed_id)
    expected["geleende-cel"] = 0

    module = handed_in("schaduw-bestand", wrong) / "coursekit.py"
    module.write_text(FAKE_PACKAGE.format(marker=str(outside / "schaduw-bestand")), "utf-8")
    expected["schaduw-bestand"] = 0
    package = handed_in("schaduw-map", wrong) / "coursekit"
    package.mkdir()
    init = package / "__init__.py"
    init.write_text(FAKE_PACKAGE.format(marker=str(outside / "schaduw-map")), "utf-8")
    expected["schaduw-map"] = 0

    linked = submit(course, "link-antwoorden")
    (linked / ANSWERS).symlink_to(honest / ANSWERS)
    expected["link-antwoorden"] = 0
    to_key = submit(course, "link-notebook")
    (to_key / NOTEBOOK).unlink()
    (to_key / NOTEBOOK).symlink_to(course / "solutions" / EXERCISE / NOTEBOOK)
    expected["link-notebook"] = None
    (handed_in("link-passwd", key) / "wachtwoorden.txt").symlink_to("/etc/passwd")
    expected["link-passwd"] = 8

    big = {"schema_version": 1, "exercise": EXERCISE, "answers": key}
    padded = json.dumps(big)[:-1] + ', "x": "' + "a" * (MAX_FILE_BYTES + 1) + '"}'
    (handed_in("te-groot", key) / ANSWERS).write_text(padded, encoding="utf-8")
    expected["te-groot"] = 0

    # These two never ended before the fix (a copy of /dev/zero fills the disk; reading a
    # named pipe waits for a writer), so the run before the fix left them out.
    (submit(course, "dev-zero") / ANSWERS).symlink_to("/dev/zero")
    expected["dev-zero"] = 0
    os.mkfifo(submit(course, "pijp") / ANSWERS)
    expected["pijp"] = 0
    return expected


@pytest.fixture(scope="module")
def graded(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Path, dict[str, int | None], str]:
    base = tmp_path_factory.mktemp("veilig")
    course = copy_course(base / "course")
    outside = base / "buiten"
    outside.mkdir()
    nbgrader(course, "generate_assignment", EXERCISE, "--force")
    expected = _class(course, outside)
    run = coursekit_grade(course, EXERCISE, "--workers", "4")
    return course, outside, expected, run.stdout + run.stderr


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


def _line(output: str, student: str) -> str:
    return next((x for x in output.splitlines() if f" {student}: " in x and "/" in x), "")


def test_no_cheater_scores_more_than_their_honest_answers(
    graded: tuple[Path, Path, dict[str, int | None], str],
) -> None:
    course, _outside, expected, output = graded
    graded_ones = [s for s, points in expected.items() if points is not None]
    scores = _code_scores(course, graded_ones)
    assert scores == {s: float(expected[s]) for s in graded_ones}, output  # type: ignore[arg-type]
    for student, points in expected.items():
        mark = "✘" if points is None else "✔"
        assert mark in _line(output, student), output


def test_no_learner_code_ran_and_nothing_was_written_outside(
    graded: tuple[Path, Path, dict[str, int | None], str],
) -> None:
    _course, outside, _expected, output = graded
    assert sorted(p.name for p in outside.iterdir()) == [], output


def test_only_the_notebook_and_the_answers_file_reach_the_grading_folder(
    graded: tuple[Path, Path, dict[str, int | None], str],
) -> None:
    course, _outside, _expected, _output = graded
    released = {p.name for p in (course / "solutions" / EXERCISE).iterdir()} - {NOTEBOOK}
    allowed = {NOTEBOOK, ANSWERS, "timestamp.txt", "submission_secret.txt", *released}
    for student in ("schaduw-bestand", "schaduw-map", "link-passwd"):
        folder = course / "autograded" / student / EXERCISE
        assert {p.name for p in folder.iterdir()} <= allowed, student
        assert not any(p.is_symlink() for p in folder.iterdir()), student
    assert not (course / "autograded" / "link-notebook" / EXERCISE / NOTEBOOK).exists()


def test_symlinks_special_and_large_files_are_refused_in_one_sentence_each(
    graded: tuple[Path, Path, dict[str, int | None], str],
) -> None:
    _course, _outside, _expected, output = graded
    refused = [
        trainer.GRADE_REFUSED_LINK.format(student="link-antwoorden", file=ANSWERS),
        trainer.GRADE_REFUSED_LINK.format(student="link-notebook", file=NOTEBOOK),
        trainer.GRADE_REFUSED_LINK.format(student="link-passwd", file="wachtwoorden.txt"),
        trainer.GRADE_REFUSED_LINK.format(student="dev-zero", file=ANSWERS),
        trainer.GRADE_REFUSED_SPECIAL.format(student="pijp", file=ANSWERS),
        trainer.GRADE_REFUSED_TOO_BIG.format(
            student="te-groot", file=ANSWERS, limit=MAX_FILE_BYTES // 2**20
        ),
    ]
    for sentence in refused:
        assert sentence in output, output
    assert "Traceback" not in output
    assert MAX_FILE_BYTES >= MAX_ANSWERS_BYTES, "an answers file the widget accepts is copied"


# -- One bad submission costs only itself --------------------------------------------------

# The kernel runs in autograded/<student>/<assignment>/.
KILLER = '\nimport os\nif os.path.basename(os.path.dirname(os.getcwd())) == "sloper":\n'
KILLER += "    os.kill(os.getppid(), 9)\n"


@pytest.fixture(scope="module")
def killed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    """A release whose read-only cell kills its grading worker for one student.

    Learner code could do this before the fix (a typed-answers cell marked
    ``"solution": false``); now that no learner code runs, the release itself plays the
    part, so the pool's recovery is tested on its own. In the sandbox a kernel cannot see
    its worker's process at all, so this run goes without it (``--geen-sandbox``).
    """
    course = copy_course(tmp_path_factory.mktemp("werker") / "course")
    source = course / "solutions" / EXERCISE / NOTEBOOK
    nb = nbformat.read(source, as_version=4)
    load = _named(nb, "antwoorden-laden")
    load.source += KILLER
    nbformat.write(nb, source)
    nbgrader(course, "generate_assignment", EXERCISE, "--force")
    key = answer_key(course)
    for student in ("goed-1", "goed-2", "goed-3", "sloper", "goed-4", "goed-5"):
        click(submit(course, student), key)
    run = coursekit_grade(course, EXERCISE, "--workers", "2", "--geen-sandbox")
    return course, run.stdout + run.stderr, run.returncode


def test_a_submission_that_kills_its_worker_is_named_and_the_others_are_graded(
    killed: tuple[Path, str, int],
) -> None:
    course, output, returncode = killed
    honest = ["goed-1", "goed-2", "goed-3", "goed-4", "goed-5"]
    assert _code_scores(course, honest) == dict.fromkeys(honest, 8.0), output
    for student in honest:
        assert "✔" in _line(output, student), output
    assert "✘" in _line(output, "sloper"), output
    assert f"  - sloper: {trainer.GRADE_WHY_WORKER_DIED}" in output
    assert trainer.GRADE_SUMMARY.format(graded=5, total=6) in output
    assert returncode == 1
