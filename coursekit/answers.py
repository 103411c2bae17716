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
import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from coursekit import strings
from coursekit.errors import CourseDataError
from coursekit.item_bank import GuidedItem
from coursekit.yaml_data import parse_model

ANSWERS_SUFFIX = ".antwoorden.json"
QUESTIONS_SUFFIX = ".vragen.yaml"
MAX_ANSWERS_BYTES = 64 * 1024

# What a learner may type, per kind of question, folded to lower case and single spaces.
_TYPED = {
    "sort": {
        "helpt": "helpful",
        "helpful": "helpful",
        "helpt niet": "harmful",
        "helptniet": "harmful",
        "harmful": "harmful",
    },
    "true-false": {"waar": "true", "true": "true", "niet waar": "false", "false": "false"},
}
_LETTERS = ("a", "b", "c", "d")


class ExerciseOption(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-d]$")]
    text: Annotated[str, Field(min_length=1)]


class ExerciseQuestion(GuidedItem):
    """A question of a graded exercise: no key here, the key is in the hidden tests.

    ``sort``: helps or not; ``true-false``: true or not; ``choice``: a scenario with
    options a-d.
    """

    kind: Literal["sort", "true-false", "choice"]
    text: Annotated[str, Field(min_length=1)]
    question: str | None = None
    options: list[ExerciseOption] = Field(default_factory=list)

    @model_validator(mode="after")
    def _options_fit_the_kind(self) -> ExerciseQuestion:
        if self.kind == "choice" and not 3 <= len(self.options) <= 4:
            raise ValueError(strings.ERR_CHOICE_OPTIONS.format(id=self.id))
        if self.kind != "choice" and self.options:
            raise ValueError(strings.ERR_OPTIONS_NOT_CHOICE.format(id=self.id))
        return self

    def parse(self, value: object) -> str | None:
        """The answer value for what a learner clicked or typed; None if it is not one."""
        if not isinstance(value, str):
            return None
        folded = " ".join(value.lower().split())
        if self.kind == "choice":
            letter = folded.rstrip(".)")
            return letter if letter in {o.id for o in self.options} else None
        return _TYPED[self.kind].get(folded)


class Exercise(BaseModel):
    """The questions file that sits beside a graded notebook."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    exercise: Annotated[str, Field(min_length=1)]
    questions: Annotated[list[ExerciseQuestion], Field(min_length=1)]

    @property
    def ids(self) -> list[str]:
        return [q.id for q in self.questions]

    def question(self, item_id: str) -> ExerciseQuestion | None:
        return next((q for q in self.questions if q.id == item_id), None)


def load_exercise(exercise_id: str, folder: Path | None = None) -> Exercise:
    """Read ``<exercise_id>.vragen.yaml`` from the notebook's folder."""
    path = (folder or Path.cwd()) / f"{exercise_id}{QUESTIONS_SUFFIX}"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CourseDataError(strings.ERR_QUESTIONS_MISSING.format(file=path.name)) from None
    exercise = parse_model(Exercise, text, path.name)
    if exercise.exercise != exercise_id:
        raise CourseDataError(
            strings.ERR_OTHER_EXERCISE.format(file=path.name, exercise=exercise.exercise)
        )
    return exercise


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


def parse_expected(expected: str) -> str:
    """The answer value a hidden test names: 'helpt niet', 'waar', 'b' and so on."""
    folded = " ".join(expected.lower().split())
    for table in _TYPED.values():
        if folded in table:
            return table[folded]
    if folded in _LETTERS:
        return folded
    raise ValueError(f"unknown expected answer {expected!r} in a hidden test")


def _parse_mapping(
    raw: Mapping[object, object], exercise: Exercise
) -> tuple[dict[str, str], list[str]]:
    answers: dict[str, str] = {}
    problems: list[str] = []
    for item, value in raw.items():
        question = exercise.question(item) if isinstance(item, str) else None
        if question is None:
            problems.append(strings.ANSWER_UNKNOWN_ITEM.format(item=str(item)[:40]))
            continue
        parsed = question.parse(value)
        if parsed is None:
            problems.append(strings.ANSWER_UNKNOWN.format(item=item, value=str(value)[:40]))
            continue
        answers[str(item)] = parsed
    return answers, problems


def read_answers_file(path: Path, exercise: Exercise) -> tuple[dict[str, str], list[str]]:
    """The answers in a file, and the problems found, as sentences for the learner."""
    if not path.exists():
        return {}, [strings.ANSWERS_FILE_MISSING.format(file=path.name)]

    def broken(reason: str) -> tuple[dict[str, str], list[str]]:
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
    if data.get("exercise") != exercise.exercise:
        return broken(
            strings.ANSWERS_FILE_OTHER_EXERCISE.format(exercise=str(data.get("exercise"))[:40])
        )
    return _parse_mapping(data["answers"], exercise)


def collect_answers(
    exercise_id: str, typed: Mapping[object, object] | None = None, folder: Path | None = None
) -> dict[str, str]:
    """Every answer of the learner, clicked or typed, as plain label strings.

    Prints what is wrong with the answers in Dutch and goes on with what is usable,
    so that every item still gets graded.
    """
    exercise = load_exercise(exercise_id, folder)
    path = answers_path(exercise_id, folder)
    answers: dict[str, str] = {}
    problems: list[str] = []
    if path.exists() or not typed:  # a missing file is no problem for someone who typed
        answers, problems = read_answers_file(path, exercise)
    if typed:
        typed_answers, typed_problems = _parse_mapping(typed, exercise)
        answers.update(typed_answers)
        problems.extend(typed_problems)
    for problem in problems:
        print(problem)
    # Plain str values: whatever objects the learner typed, the tests compare strings.
    return {str(item): str(value) for item, value in answers.items()}


_SHOWN = {
    "helpful": strings.LABEL_HELPFUL.lower(),
    "harmful": strings.LABEL_HARMFUL.lower(),
    "true": strings.LABEL_TRUE.lower(),
    "false": strings.LABEL_FALSE.lower(),
}


def _question(item: str, number: int | None) -> str:
    return strings.CHECK_QUESTION.format(number=number if number is not None else item)


def check_answered(answers: Mapping[str, str], item: str, number: int | None = None) -> None:
    """The visible test of one item: has the learner answered it? (``nbgrader validate``)."""
    if answers.get(item) is None:
        raise AssertionError(strings.CHECK_MISSING.format(question=_question(item, number)))


def check_answer(
    answers: Mapping[str, str],
    item: str,
    expected: str,
    number: int | None = None,
    why: str = "",
    better: str = "",
) -> None:
    """The hidden test of one item: a Dutch sentence on whether it is right, and why.

    Right: the sentence and ``why`` are printed. Not right: AssertionError with the
    right answer, ``why`` and, for a statement that does not help, ``better``. In the
    feedback the learner reads exactly this sentence; the test's source stays hidden.
    """
    value = parse_expected(expected)
    question = _question(item, number)
    given = answers.get(item)
    explanation = why.strip()
    if given is None:
        raise AssertionError(strings.CHECK_MISSING.format(question=question))
    if str(given) != value:
        right = strings.CHECK_RIGHT_ANSWER.format(answer=_SHOWN.get(value, value))
        parts = [strings.CHECK_WRONG.format(question=question), right, explanation]
        if better.strip():
            parts.append(strings.CHECK_BETTER.format(better=better.strip()))
        raise AssertionError(_lines(parts))
    print(_lines([strings.CHECK_RIGHT.format(question=question), explanation]))


def _lines(parts: list[str]) -> str:
    """Each part on lines of its own, short enough to read in the feedback without scrolling."""
    return "\n".join(textwrap.fill(part, width=80) for part in parts if part)
