"""A volunteer's work on one fetched exercise: the answers file and the reflection cell.

The questions and the answers are the files the graded widget reads and writes
(``coursekit.exercise``), so grading does not change. The reflection goes into the
notebook's ``reflectie`` cell. Every write is an atomic replace (a temporary file, then
``os.replace``) under a lock on ``<exercise>/.mijn-cursus.lock``: two tabs, or two saves at
once, never leave half a notebook.
"""

from __future__ import annotations

import fcntl
import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat

from coursekit.exercise.answers_file import answers_path, read_answers_file, save_answers
from coursekit.exercise.contract import REFLECTION_CELL, REFLECTION_PROMPT_CELL
from coursekit.exercise.questions import Exercise, load_exercise
from coursekit.grading.grade import plain_name

LOCK_NAME = ".mijn-cursus.lock"
#: What nbgrader puts in the reflection cell of a released notebook (``ClearSolutions.
#: text_stub`` in nbgrader_config.py): it counts as no reflection written.
REFLECTION_STUB = "Schrijf hier je antwoord."
#: A reflection longer than this is cut (a page of text is about 3,000 characters).
MAX_REFLECTION_CHARS = 20_000
#: Stricter than nbgrader's ``plain_name``: what the course's exercises are called.
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")


def plain_exercise_name(name: str) -> bool:
    """Whether ``name`` (from a URL) can be an exercise: lower case letters, digits, ``-``
    and ``_``, so no path and no pattern (nbgrader reads names in globs)."""
    return plain_name(name) and bool(_NAME.match(name))


def exercise_folder(home: Path, name: str) -> Path | None:
    """The fetched folder ``home/name``, or None when ``name`` is no plain name or the folder
    is missing (or a link out of the home folder)."""
    if not plain_exercise_name(name):
        return None
    folder = home / name
    if folder.is_symlink() or not folder.is_dir():
        return None
    return folder


def notebook_path(folder: Path, name: str) -> Path:
    return folder / f"{name}.ipynb"


@dataclass(frozen=True)
class Work:
    """What a volunteer has done on one exercise, as the pages show it."""

    exercise: Exercise
    answers: dict[str, str]
    reflection: str
    #: The reflection question as Markdown (the notebook's ``reflectie-vraag`` cell).
    prompt: str
    #: The title: the first heading of the notebook, or the exercise's name.
    title: str

    @property
    def answered(self) -> int:
        return sum(1 for q in self.exercise.questions if q.id in self.answers)

    @property
    def total(self) -> int:
        return len(self.exercise.questions)

    @property
    def reflected(self) -> bool:
        return bool(self.reflection.strip())


def _cells(nb: nbformat.NotebookNode, grade_id: str) -> Iterator[nbformat.NotebookNode]:
    for cell in nb.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            yield cell


def _reflection_text(source: str) -> str:
    return "" if source.strip() == REFLECTION_STUB else source


def title_of(nb: nbformat.NotebookNode | None, name: str) -> str:
    """The notebook's first heading without ``#``, or the name in words."""
    if nb is not None:
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                for line in cell.source.splitlines():
                    if line.startswith("# "):
                        return str(line[2:].strip())
    words = name.replace("-", " ").replace("_", " ")
    return words[:1].upper() + words[1:]


def read_notebook(folder: Path, name: str) -> nbformat.NotebookNode | None:
    try:
        return nbformat.read(notebook_path(folder, name), as_version=4)  # type: ignore[no-untyped-call,no-any-return]
    except (OSError, ValueError):  # missing, or no notebook (nbformat's reader: ValueError)
        return None


def read_work(folder: Path, name: str) -> Work:
    """The questions, the saved answers and the reflection of the exercise in ``folder``.

    Raises ``CourseDataError`` (one Dutch sentence) when the questions cannot be read."""
    exercise = load_exercise(name, folder)
    answers, _problems = read_answers_file(answers_path(name, folder), exercise)
    nb = read_notebook(folder, name)
    reflection = prompt = ""
    if nb is not None:
        reflection = next((_reflection_text(c.source) for c in _cells(nb, REFLECTION_CELL)), "")
        prompt = next((c.source for c in _cells(nb, REFLECTION_PROMPT_CELL)), "")
    return Work(exercise, answers, reflection, prompt, title_of(nb, name))


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the exercise's lock (``fcntl.flock`` on ``.mijn-cursus.lock``) for one write."""
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _write_notebook(path: Path, nb: nbformat.NotebookNode) -> None:
    """Write ``nb`` to ``path`` by an atomic replace, keeping the file's permissions."""
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=".notebook-", suffix=".ipynb", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            nbformat.write(nb, handle)  # type: ignore[no-untyped-call]
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_work(
    folder: Path,
    name: str,
    answers: Mapping[str, str] | None = None,
    reflection: str | None = None,
) -> Work:
    """Save chosen ``answers`` (added to those saved; values the question accepts only)
    and, if given, the ``reflection`` into the notebook's ``reflectie`` cell; return the work
    as saved. Every other cell and all of nbgrader's metadata stay as they are."""
    with locked(folder):
        work = read_work(folder, name)
        if answers:
            merged = dict(work.answers)
            for item, value in answers.items():
                question = work.exercise.question(item)
                parsed = question.parse(value) if question is not None else None
                if parsed is not None:
                    merged[item] = parsed
            if merged != work.answers:
                save_answers(answers_path(name, folder), name, merged)
        if reflection is not None:
            text = reflection.replace("\r\n", "\n")[:MAX_REFLECTION_CHARS]
            if text != work.reflection:
                path = notebook_path(folder, name)
                nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
                cells = list(_cells(nb, REFLECTION_CELL))
                for cell in cells[:1]:
                    # An empty reflection goes back to nbgrader's stub, as released.
                    cell.source = text if text.strip() else REFLECTION_STUB
                if cells:
                    _write_notebook(path, nb)
        return read_work(folder, name)
