"""The course copy, and fabricated submissions of one exercise with varied answers."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import nbformat

from coursekit.exercise import contract
from coursekit.exercise.answers_file import answers_path, save_answers
from coursekit.exercise.checks import parse_expected
from coursekit.exercise.kinds import answer_words
from coursekit.exercise.questions import load_exercise
from tests.support.course import copy_course as copy_checkout

EXERCISE = "wat-niet-helpt"


def copy_course(destination: Path) -> Path:
    """The course as git checks it out, without what grading does not need."""
    return copy_checkout(destination, skip=("benchmarks", "docs"))


def nbgrader(course: Path, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"nbgrader {' '.join(args)} mislukt:\n{result.stdout}{result.stderr}")


def answer_key(course: Path) -> dict[str, str]:
    """The key as the hidden tests of the source notebook hold it."""
    source = course / "solutions" / EXERCISE / f"{EXERCISE}.ipynb"
    cells = nbformat.read(source, as_version=4).cells  # type: ignore[no-untyped-call]
    found = re.findall(
        r'check_answer\(antwoorden, "(\w+)", "([^"]+)"', "\n".join(c.source for c in cells)
    )
    return {item: parse_expected(expected) for item, expected in found}


def _choices(course: Path) -> dict[str, list[str]]:
    """Every answer value a question accepts, from the released questions file."""
    exercise = load_exercise(EXERCISE, course / "exercises" / EXERCISE)
    return {
        q.id: [o.id for o in q.options] if q.graded_kind.has_options else list(q.graded_kind.values)
        for q in exercise.questions
    }


def _type_in(folder: Path, answers: dict[str, str]) -> None:
    """Type the answers in the one cell a learner may edit, as the stub shows."""
    path = folder / f"{EXERCISE}.ipynb"
    notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    lines = [f'    "{item}": "{answer_words(v)}",' for item, v in answers.items()]
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == contract.TYPED_CELL:
            cell.source = f"{contract.TYPED_NAME} = {{\n" + "\n".join(lines) + "\n}"
    nbformat.write(notebook, path)  # type: ignore[no-untyped-call]


def fabricate(course: Path, count: int, seed: int = 20261126) -> dict[str, str]:
    """Hand in ``count`` submissions with varied answers; return each student's kind."""
    rng = random.Random(seed)
    key = answer_key(course)
    choices = _choices(course)
    wrong = {i: next(c for c in choices[i] if c != v) for i, v in key.items()}
    items = list(key)
    half = len(items) // 2

    def shuffled() -> dict[str, str]:
        return {i: rng.choice(choices[i]) for i in items}

    def typed_over_clicked(folder: Path) -> None:
        click(folder, wrong)
        _type_in(folder, key)

    def broken_file(folder: Path) -> None:
        answers_path(EXERCISE, folder).write_text("{ kapot", encoding="utf-8")

    kinds: list[tuple[str, Callable[[Path], None]]] = [
        ("alles goed", lambda f: click(f, key)),
        ("alles fout", lambda f: click(f, wrong)),
        (
            "half goed",
            lambda f: click(f, dict(list(key.items())[:half] + list(wrong.items())[half:])),
        ),
        ("willekeurig", lambda f: click(f, shuffled())),
        ("deels beantwoord", lambda f: click(f, dict(rng.sample(sorted(key.items()), 3)))),
        ("getypt", lambda f: _type_in(f, shuffled())),
        ("getypt boven geklikt", typed_over_clicked),
        ("geen antwoordbestand", lambda f: None),
        ("kapot antwoordbestand", broken_file),
    ]
    handed_in: dict[str, str] = {}
    for n in range(count):
        student = f"cursist-{n:03d}"
        kind, answer = kinds[n % len(kinds)]
        folder = course / "submitted" / student / EXERCISE
        shutil.copytree(course / "exercises" / EXERCISE, folder)
        (folder / "timestamp.txt").write_text("2026-11-26 12:00:00.000000 UTC", encoding="utf-8")
        answer(folder)
        handed_in[student] = kind
    return handed_in


def click(folder: Path, answers: dict[str, str]) -> None:
    """What the widget writes when a learner clicks these answers."""
    save_answers(answers_path(EXERCISE, folder), EXERCISE, answers)


def read_scores(course: Path, students: Sequence[str]) -> dict[str, float | None]:
    """Each student's total score in a run's gradebook; None if not graded."""
    from nbgrader.api import Gradebook, MissingEntry

    scores: dict[str, float | None] = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "steun-bij-stalking") as gradebook:
        for student in students:
            try:
                scores[student] = float(gradebook.find_submission(EXERCISE, student).score)
            except MissingEntry:
                scores[student] = None
    return scores
