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
from collections.abc import Mapping
from pathlib import Path

from coursekit.exercise.contract import ANSWERS_SUFFIX
from coursekit.exercise.questions import Exercise
from coursekit.text import learner

MAX_ANSWERS_BYTES = 64 * 1024
#: A real answers file nests two deep (the file, its answers); 30,000 nested lists made
#: Python's JSON reader raise RecursionError, a traceback in the feedback.
MAX_ANSWERS_DEPTH = 8


def answers_path(exercise_id: str, folder: Path | None = None) -> Path:
    return (folder or Path.cwd()) / f"{exercise_id}{ANSWERS_SUFFIX}"


def answers_json(exercise_id: str, answers: Mapping[str, str]) -> str:
    """The text of an answers file, as the exercise widgets write it."""
    payload = {
        "schema_version": 1,
        "exercise": exercise_id,
        "answers": {item: str(value) for item, value in sorted(answers.items())},
    }
    return json.dumps(payload, ensure_ascii=False, indent=1)


def save_answers(path: Path, exercise_id: str, answers: Mapping[str, str]) -> None:
    """Write the answers atomically: a crash mid-write never leaves half a file."""
    fd, tmp = tempfile.mkstemp(prefix=".antwoorden-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(answers_json(exercise_id, answers))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def parse_mapping(
    raw: Mapping[object, object], exercise: Exercise
) -> tuple[dict[str, str], list[str]]:
    answers: dict[str, str] = {}
    problems: list[str] = []
    for item, value in raw.items():
        question = exercise.question(item) if isinstance(item, str) else None
        if question is None:
            problems.append(learner.ANSWER_UNKNOWN_ITEM.format(item=str(item)[:40]))
            continue
        parsed = question.parse(value)
        if parsed is None:
            problems.append(learner.ANSWER_UNKNOWN.format(item=item, value=str(value)[:40]))
            continue
        answers[str(item)] = parsed
    return answers, problems


def nesting(text: str) -> int:
    """How deep JSON text nests its lists and objects, read without parsing it."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def read_answers_file(path: Path, exercise: Exercise) -> tuple[dict[str, str], list[str]]:
    """The answers in a file, and the problems found, as sentences for the learner."""
    if not path.exists():
        return {}, [learner.ANSWERS_FILE_MISSING.format(file=path.name)]

    def broken(reason: str) -> tuple[dict[str, str], list[str]]:
        return {}, [learner.ANSWERS_FILE_BROKEN.format(file=path.name, reason=reason)]

    if path.stat().st_size > MAX_ANSWERS_BYTES:
        return broken(learner.ANSWERS_FILE_TOO_BIG.format(limit=MAX_ANSWERS_BYTES))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return broken(learner.ANSWERS_FILE_NOT_JSON)
    if nesting(text) > MAX_ANSWERS_DEPTH:
        return broken(learner.ANSWERS_FILE_TOO_DEEP.format(limit=MAX_ANSWERS_DEPTH))
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return broken(learner.ANSWERS_FILE_NOT_JSON)
    if not (
        isinstance(data, dict)
        and data.get("schema_version") == 1
        and isinstance(data.get("answers"), dict)
    ):
        return broken(learner.ANSWERS_FILE_WRONG_SHAPE)
    if data.get("exercise") != exercise.exercise:
        return broken(
            learner.ANSWERS_FILE_OTHER_EXERCISE.format(exercise=str(data.get("exercise"))[:40])
        )
    return parse_mapping(data["answers"], exercise)
