"""``coursekit report ASSIGNMENT``: the item analysis of an assignment, for trainers.

Gathers per learner the score of every autograded item (grade cells ``controle-<id>``)
from nbgrader's gradebook, and the answers from the autograded folder: the answers
file and the typed answers (read with :func:`ast.literal_eval`, never executed; typed
win over clicked). Writes ``item-analysis.csv`` and a self-contained Dutch
``item-analysis.html`` to ``reports/ASSIGNMENT/``. A broken file of one learner is
skipped for what is unusable and named in one sentence on stderr; the report goes on.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coursekit.content.errors import CourseDataError
from coursekit.exercise import contract
from coursekit.exercise.answers_file import answers_path, read_answers_file
from coursekit.exercise.checks import parse_expected
from coursekit.exercise.questions import Exercise, ExerciseQuestion, load_exercise
from coursekit.grading.config import GradingCourse
from coursekit.grading.item_analysis import Item, ItemScore, Submission
from coursekit.text import trainer

GRADE_PREFIX = contract.CHECK_PREFIX
TYPED_CELL = contract.TYPED_CELL
TYPED_NAME = contract.TYPED_NAME
CHECK_FUNCTION = contract.CHECK_ANSWER
MAX_TYPED_CHARS = 64 * 1024


# -- Reading the course ------------------------------------------------------------------


@dataclass
class Gathered:
    """What the analysis needs, and the problems met on the way (Dutch sentences)."""

    items: list[Item] = field(default_factory=list)
    submissions: list[Submission] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def notebook_cells(path: Path) -> list[dict[str, Any]] | None:
    """The cells of a notebook as plain JSON; None if it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    cells = data.get("cells") if isinstance(data, dict) else None
    if not isinstance(cells, list):
        return None
    return [cell for cell in cells if isinstance(cell, dict)]


def cell_source(cell: Mapping[str, Any]) -> str:
    source = cell.get("source", "")
    if isinstance(source, list):
        return "".join(part for part in source if isinstance(part, str))
    return source if isinstance(source, str) else ""


def grade_id(cell: Mapping[str, Any]) -> str | None:
    meta = cell.get("metadata")
    nbgrader = meta.get("nbgrader") if isinstance(meta, dict) else None
    value = nbgrader.get("grade_id") if isinstance(nbgrader, dict) else None
    return value if isinstance(value, str) else None


def _parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _literal(node: ast.expr) -> object:
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
        return None


def hidden_keys(cells: Sequence[Mapping[str, Any]]) -> dict[str, tuple[str | None, int | None]]:
    """Per item the key and question number, as the hidden ``check_answer`` calls name them."""
    keys: dict[str, tuple[str | None, int | None]] = {}
    for cell in cells:
        tree = _parse(cell_source(cell)) if cell.get("cell_type") == "code" else None
        for node in ast.walk(tree) if tree else ():
            if not (isinstance(node, ast.Call) and _called(node) == CHECK_FUNCTION):
                continue
            args = [_literal(arg) for arg in node.args[1:3]]
            number = next((_literal(k.value) for k in node.keywords if k.arg == "number"), None)
            if len(args) == 2 and isinstance(args[0], str):
                keys[args[0]] = (_key(args[1]), number if isinstance(number, int) else None)
    return keys


def _called(call: ast.Call) -> str | None:
    return call.func.id if isinstance(call.func, ast.Name) else None


def _key(expected: object) -> str | None:
    try:
        return parse_expected(expected) if isinstance(expected, str) else None
    except ValueError:
        return None


def typed_answers(cells: Sequence[Mapping[str, Any]]) -> dict[object, object] | None:
    """What a learner typed in the ``getypte-antwoorden`` cell; None if it is unreadable."""
    cell = next((c for c in cells if grade_id(c) == TYPED_CELL), None)
    if cell is None:
        return {}
    source = cell_source(cell)
    tree = _parse(source) if len(source) <= MAX_TYPED_CHARS else None
    if tree is None:
        return None
    typed: object = {}
    for node in tree.body:  # the last assignment wins, as when the cell runs
        value = _typed_value(node)
        if value is not None:
            typed = _literal(value)
    return typed if isinstance(typed, dict) else None


def _typed_value(node: ast.stmt) -> ast.expr | None:
    """The value assigned to ``getypte_antwoorden`` by this statement, if it is one."""
    targets: list[ast.expr] = []
    value: ast.expr | None = None
    if isinstance(node, ast.Assign):
        targets, value = node.targets, node.value
    elif isinstance(node, ast.AnnAssign):
        targets, value = [node.target], node.value
    named = any(isinstance(t, ast.Name) and t.id == TYPED_NAME for t in targets)
    return value if named else None


# -- Gathering ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One notebook of the assignment: its questions, key and autograded items."""

    exercise: Exercise | None
    items: list[Item]
    prefix: str

    def item_id(self, question_id: str) -> str:
        return f"{self.prefix}{question_id}"


def _items(
    grade_ids: Sequence[str],
    exercise: Exercise | None,
    keys: Mapping[str, tuple[str | None, int | None]],
    prefix: str,
) -> list[Item]:
    order = exercise.ids if exercise else []
    ranked = sorted(grade_ids, key=lambda i: (order.index(i) if i in order else len(order), i))
    items = []
    for position, question_id in enumerate(ranked, start=1):
        question = exercise.question(question_id) if exercise else None
        key, number = keys.get(question_id, (None, None))
        kind = question.kind if question else ""
        choices: tuple[str, ...] = ()
        if question:
            graded_kind = question.graded_kind
            options = tuple(o.id for o in question.options)
            choices = options if graded_kind.has_options else graded_kind.values
        items.append(
            Item(
                id=f"{prefix}{question_id}",
                number=number if number is not None else position,
                kind=kind,
                text=_question_text(question),
                key=key,
                choices=choices,
                options=tuple((o.id, o.text) for o in question.options) if question else (),
            )
        )
    return items


def _question_text(question: ExerciseQuestion | None) -> str:
    if question is None:
        return ""
    return f"{question.text} {question.question}" if question.question else question.text


def _part(
    course: GradingCourse, assignment: str, notebook: Any, prefix: str, out: Gathered
) -> Part:
    source = course.source(assignment)
    try:
        exercise: Exercise | None = load_exercise(notebook.name, source)
    except CourseDataError as exc:
        exercise = None
        out.problems.append(trainer.IA_NO_QUESTIONS.format(error=exc, notebook=notebook.name))
    cells = notebook_cells(source / f"{notebook.name}.ipynb")
    if cells is None:
        out.problems.append(trainer.IA_NO_SOURCE.format(notebook=notebook.name, folder=source))
    grade_ids = [
        c.name.removeprefix(GRADE_PREFIX)
        for c in notebook.grade_cells
        if c.name.startswith(GRADE_PREFIX)
    ]
    items = _items(grade_ids, exercise, hidden_keys(cells or []), prefix)
    return Part(exercise, items, prefix)


def _scores(submission: Any, parts: Mapping[str, Part]) -> dict[str, ItemScore]:
    """The score per item; an item without a score (failed autograde) is left out."""
    scores = {}
    for nb in submission.notebooks:
        part = parts.get(nb.name)
        if part is None:
            continue
        for grade in nb.grades:
            points = grade.manual_score if grade.manual_score is not None else grade.auto_score
            if grade.name.startswith(GRADE_PREFIX) and points is not None and grade.max_score:
                item_id = part.item_id(grade.name.removeprefix(GRADE_PREFIX))
                scores[item_id] = ItemScore(float(points), float(grade.max_score))
    return scores


def _clicked(folder: Path, exercise: Exercise, student: str, out: Gathered) -> dict[str, str]:
    path = answers_path(exercise.exercise, folder)
    if not path.exists():
        return {}
    try:
        answers, problems = read_answers_file(path, exercise)
    except OSError:
        answers, problems = {}, [path.name]
    if problems and not answers:
        out.problems.append(trainer.IA_ANSWERS_BROKEN.format(student=student, file=path.name))
    elif problems:
        out.problems.append(
            trainer.IA_ANSWERS_PARTLY.format(student=student, file=path.name, count=len(problems))
        )
    return answers


def _typed(folder: Path, exercise: Exercise, student: str, out: Gathered) -> dict[str, str]:
    path = folder / f"{exercise.exercise}.ipynb"
    cells = notebook_cells(path)
    if cells is None:
        out.problems.append(trainer.IA_NOTEBOOK_BROKEN.format(student=student, file=path.name))
        return {}
    typed = typed_answers(cells)
    if typed is None:
        out.problems.append(trainer.IA_TYPED_BROKEN.format(student=student, file=path.name))
        return {}
    answers = {}
    for item, value in typed.items():
        question = exercise.question(item) if isinstance(item, str) else None
        parsed = question.parse(value) if question else None
        if parsed is not None:
            answers[str(item)] = parsed
    return answers


def _answers(
    course: GradingCourse, assignment: str, student: str, parts: Sequence[Part], out: Gathered
) -> dict[str, str] | None:
    """The learner's answers by item id; None if none of them could be looked at."""
    folder = course.autograded(student, assignment)
    if not folder.is_dir():
        out.problems.append(trainer.IA_NO_AUTOGRADED.format(student=student))
        return None
    answers: dict[str, str] = {}
    for part in parts:
        if part.exercise is None:
            continue
        clicked = _clicked(folder, part.exercise, student, out)
        chosen = clicked | _typed(folder, part.exercise, student, out)
        answers.update({part.item_id(q): value for q, value in chosen.items()})
    return answers


def gather(course: GradingCourse, assignment: str) -> Gathered:
    """Items, scores and answers of an assignment; fatal problems raise CourseDataError."""
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SQLAlchemyError

    db = course.db_url.removeprefix("sqlite:///")
    if course.db_url.startswith("sqlite:///") and not Path(db).is_file():
        raise CourseDataError(trainer.IA_NO_GRADEBOOK.format(path=db, assignment=assignment))
    try:
        return _gather(Gradebook(course.db_url, course.course_id), course, assignment)
    except SQLAlchemyError as exc:
        reason = str(exc).splitlines()[0]  # the rest is SQL and a link: not for people
        raise CourseDataError(trainer.IA_BAD_GRADEBOOK.format(path=db, reason=reason)) from None


def _gather(gradebook: Any, course: GradingCourse, assignment: str) -> Gathered:
    """Read the open gradebook, then close it."""
    from nbgrader.api import MissingEntry

    out = Gathered()
    with gradebook as gb:
        try:
            found = gb.find_assignment(assignment)
        except MissingEntry:
            raise CourseDataError(trainer.IA_NO_ASSIGNMENT.format(assignment=assignment)) from None
        notebooks = sorted(found.notebooks, key=lambda nb: nb.name)
        several = len(notebooks) > 1
        parts = {
            nb.name: _part(course, assignment, nb, f"{nb.name}:" if several else "", out)
            for nb in notebooks
        }
        out.items = [item for part in parts.values() for item in part.items]
        for submission in sorted(found.submissions, key=lambda s: s.student.id):
            student = submission.student.id
            answers = _answers(course, assignment, student, list(parts.values()), out)
            out.submissions.append(Submission(student, _scores(submission, parts), answers))
    if not out.items:
        raise CourseDataError(trainer.IA_NO_ITEMS.format(assignment=assignment))
    return out
