"""Answers of a graded exercise: saved by the widget, read back for nbgrader's tests.

nbgrader autograde re-runs the notebook in a fresh kernel, so what a learner clicked
must live outside the kernel. The widget writes it to ``<exercise>.antwoorden.json``
beside the notebook; that file is submitted with the notebook, and a read-only cell
calls :func:`collect_answers` to load it. Learners who cannot use the buttons may type
their answers in a cell instead; typed answers win over clicked ones.

Everything here must survive bad input: a missing, broken, foreign or huge answers
file becomes a sentence for the learner, never an exception that stops grading.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coursekit import strings
from coursekit.errors import CourseDataError
from coursekit.guidance import guidance_ids
from coursekit.item_bank import Label

ANSWERS_SUFFIX = ".antwoorden.json"
STATEMENTS_SUFFIX = ".uitspraken.yaml"
MAX_ANSWERS_BYTES = 64 * 1024

_TYPED_LABELS = {
    "helpt": Label.HELPFUL,
    "helpful": Label.HELPFUL,
    "helpt niet": Label.HARMFUL,
    "helptniet": Label.HARMFUL,
    "harmful": Label.HARMFUL,
}


class ExerciseStatement(BaseModel):
    """A statement of a graded exercise: text only; its key lives in the hidden tests."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    text: Annotated[str, Field(min_length=1)]
    guidance: Annotated[list[str], Field(min_length=1)]


class Exercise(BaseModel):
    """The statements file that sits beside a graded notebook."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    exercise: Annotated[str, Field(min_length=1)]
    statements: Annotated[list[ExerciseStatement], Field(min_length=1)]

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.statements]


def load_exercise(exercise_id: str, folder: Path | None = None) -> Exercise:
    """Read ``<exercise_id>.uitspraken.yaml`` from the notebook's folder."""
    path = (folder or Path.cwd()) / f"{exercise_id}{STATEMENTS_SUFFIX}"
    try:
        exercise = Exercise.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise CourseDataError(f"{path.name} ontbreekt naast het notebook.") from None
    except (yaml.YAMLError, ValidationError) as exc:
        raise CourseDataError(f"{path.name} is niet in orde: {exc}") from None
    unknown = {g for s in exercise.statements for g in s.guidance} - guidance_ids()
    if unknown:
        raise CourseDataError(f"{path.name}: onbekende richtlijn-ID {', '.join(sorted(unknown))}.")
    if exercise.exercise != exercise_id:
        raise CourseDataError(f"{path.name} hoort bij oefening '{exercise.exercise}'.")
    return exercise


def answers_path(exercise_id: str, folder: Path | None = None) -> Path:
    return (folder or Path.cwd()) / f"{exercise_id}{ANSWERS_SUFFIX}"


def save_answers(path: Path, exercise_id: str, answers: Mapping[str, Label]) -> None:
    """Write the answers atomically: a crash mid-write never leaves half a file."""
    payload = {
        "schema_version": 1,
        "exercise": exercise_id,
        "answers": {item: label.value for item, label in sorted(answers.items())},
    }
    fd, tmp = tempfile.mkstemp(prefix=".antwoorden-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, indent=1)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def parse_label(value: object) -> Label | None:
    """A label from what a learner typed or a file held; None if it is not one."""
    if isinstance(value, Label):
        return value
    if not isinstance(value, str):
        return None
    return _TYPED_LABELS.get(" ".join(value.lower().split()))


def _parse_mapping(
    raw: Mapping[object, object], known: Iterable[str]
) -> tuple[dict[str, Label], list[str]]:
    known_ids = set(known)
    answers: dict[str, Label] = {}
    problems: list[str] = []
    for item, value in raw.items():
        if not isinstance(item, str) or item not in known_ids:
            problems.append(strings.ANSWER_UNKNOWN_ITEM.format(item=str(item)[:40]))
            continue
        label = parse_label(value)
        if label is None:
            problems.append(strings.ANSWER_UNKNOWN.format(item=item, value=str(value)[:40]))
            continue
        answers[item] = label
    return answers, problems


def read_answers_file(
    path: Path, exercise_id: str, known: Iterable[str]
) -> tuple[dict[str, Label], list[str]]:
    """The answers in a file, and the problems found, as sentences for the learner."""
    if not path.exists():
        return {}, [strings.ANSWERS_FILE_MISSING.format(file=path.name)]

    def broken(reason: str) -> tuple[dict[str, Label], list[str]]:
        return {}, [strings.ANSWERS_FILE_BROKEN.format(file=path.name, reason=reason)]

    if path.stat().st_size > MAX_ANSWERS_BYTES:
        return broken(strings.ANSWERS_FILE_TOO_BIG.format(limit=MAX_ANSWERS_BYTES))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return broken(strings.ANSWERS_FILE_NOT_JSON)
    if not (
        isinstance(data, dict)
        and data.get("schema_version") == 1
        and isinstance(data.get("answers"), dict)
    ):
        return broken(strings.ANSWERS_FILE_WRONG_SHAPE)
    if data.get("exercise") != exercise_id:
        return broken(
            strings.ANSWERS_FILE_OTHER_EXERCISE.format(exercise=str(data.get("exercise"))[:40])
        )
    return _parse_mapping(data["answers"], known)


def collect_answers(
    exercise_id: str, typed: Mapping[object, object] | None = None, folder: Path | None = None
) -> dict[str, str]:
    """Every answer of the learner, clicked or typed, as plain label strings.

    Prints what is wrong with the answers in Dutch and goes on with what is usable,
    so that every item still gets graded.
    """
    exercise = load_exercise(exercise_id, folder)
    path = answers_path(exercise_id, folder)
    answers: dict[str, Label] = {}
    problems: list[str] = []
    if path.exists() or not typed:  # a missing file is no problem for someone who typed
        answers, problems = read_answers_file(path, exercise_id, exercise.ids)
    if typed:
        typed_answers, typed_problems = _parse_mapping(typed, exercise.ids)
        answers.update(typed_answers)
        problems.extend(typed_problems)
    for problem in problems:
        print(problem)
    # Plain str values: whatever objects the learner typed, the tests compare strings.
    return {item: str(label.value) for item, label in answers.items()}


def check_answer(answers: Mapping[str, str], item: str, expected: str) -> None:
    """The hidden test of one item: raise AssertionError with a Dutch sentence if not right."""
    label = parse_label(expected)
    if label is None:
        raise ValueError(f"unknown expected label {expected!r} in a hidden test")
    given = answers.get(item)
    if given is None:
        raise AssertionError(strings.CHECK_MISSING.format(item=item))
    if str(given) != label.value:
        raise AssertionError(strings.CHECK_WRONG.format(item=item))
    print(strings.CHECK_RIGHT.format(item=item))
