"""Run the real nbgrader commands on a temporary course copy, and fabricate submissions."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from coursekit.exercise.answers_file import answers_path, save_answers
from coursekit.exercise.checks import parse_expected

NBGRADER = [sys.executable, "-m", "nbgrader"]
EXERCISE = "wat-niet-helpt"


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """One nbgrader command in the course directory; fails the test with its output if it fails."""
    result = subprocess.run(
        [*NBGRADER, *args], cwd=course, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, (
        f"nbgrader {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    )
    return result


def answer_key(course: Path, exercise: str = EXERCISE) -> dict[str, str]:
    """The key as the hidden tests of the source notebook hold it (the one source of truth)."""
    nb = nbformat.read(course / "solutions" / exercise / f"{exercise}.ipynb", as_version=4)
    found = re.findall(
        r'check_answer\(antwoorden, "(\w+)", "([^"]+)"', "\n".join(c.source for c in nb.cells)
    )
    return {item: parse_expected(expected) for item, expected in found}


def submit(course: Path, student: str, exercise: str = EXERCISE) -> Path:
    """Put a copy of the released exercise in submitted/ as if ``student`` handed it in."""
    folder = course / "submitted" / student / exercise
    shutil.copytree(course / "exercises" / exercise, folder)
    (folder / "timestamp.txt").write_text("2026-11-26 12:00:00.000000 UTC", encoding="utf-8")
    return folder


def click(folder: Path, answers: dict[str, str], exercise: str = EXERCISE) -> None:
    """What the widget writes when a learner clicks these answers."""
    save_answers(answers_path(exercise, folder), exercise, answers)


_OTHER = {"helpful": "harmful", "harmful": "helpful", "true": "false", "false": "true"}


def flipped(key: dict[str, str]) -> dict[str, str]:
    """A wrong answer for every item: the other label, or another letter."""
    return {item: _OTHER.get(value, "a" if value != "a" else "b") for item, value in key.items()}


def edit_notebook(folder: Path, change: object, exercise: str = EXERCISE) -> None:
    path = folder / f"{exercise}.ipynb"
    nb = nbformat.read(path, as_version=4)
    change(nb)  # type: ignore[operator]
    nbformat.write(nb, path)


def coursekit_grade(course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`coursekit grade` in the course directory, as a trainer runs it; the caller checks it."""
    return subprocess.run(
        [sys.executable, "-m", "coursekit.cli", "grade", *args],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
