"""What the cells of a graded notebook run: load the answers, and test each question.

nbgrader runs these in the grading kernel. ``check_answered`` is the visible test (``nbgrader
validate`` names the first open question); ``check_answer`` is the hidden one, whose Dutch
sentence is all the volunteer reads in the feedback.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path

from coursekit.exercise.answers_file import answers_path, parse_mapping, read_answers_file
from coursekit.exercise.kinds import GRADED_KINDS, LETTERS, answer_words
from coursekit.exercise.questions import load_exercise
from coursekit.text import learner


def parse_expected(expected: str) -> str:
    """The answer value a hidden test names: 'helpt niet', 'waar', 'b' and so on."""
    folded = " ".join(expected.lower().split())
    for kind in GRADED_KINDS.values():
        if folded in kind.typed:
            return kind.typed[folded]
    if folded in LETTERS:
        return folded
    raise ValueError(f"unknown expected answer {expected!r} in a hidden test")


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
        typed_answers, typed_problems = parse_mapping(typed, exercise)
        answers.update(typed_answers)
        problems.extend(typed_problems)
    for problem in problems:
        print(problem)
    # Plain str values: whatever objects the learner typed, the tests compare strings.
    return {str(item): str(value) for item, value in answers.items()}


def _question(item: str, number: int | None) -> str:
    return learner.CHECK_QUESTION.format(number=number if number is not None else item)


def check_answered(answers: Mapping[str, str], item: str, number: int | None = None) -> None:
    """The visible test of one item: has the learner answered it? (``nbgrader validate``)."""
    if answers.get(item) is None:
        raise AssertionError(learner.CHECK_MISSING.format(question=_question(item, number)))


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
        raise AssertionError(learner.CHECK_MISSING.format(question=question))
    if str(given) != value:
        right = learner.CHECK_RIGHT_ANSWER.format(answer=answer_words(value))
        parts = [learner.CHECK_WRONG.format(question=question), right, explanation]
        if better.strip():
            parts.append(learner.CHECK_BETTER.format(better=better.strip()))
        raise AssertionError(_lines(parts))
    print(_lines([learner.CHECK_RIGHT.format(question=question), explanation]))


def _lines(parts: list[str]) -> str:
    """Each part on lines of its own, short enough to read in the feedback without scrolling."""
    return "\n".join(textwrap.fill(part, width=80) for part in parts if part)
