"""What the cells of a graded notebook run: load the answers, and test each question.

nbgrader runs these in the grading kernel. ``check_answered`` is the visible test (``nbgrader
validate`` names the first open question); ``check_answer`` is the hidden one, whose Dutch
sentence is all the volunteer reads in the feedback.
"""

from __future__ import annotations

import re
import string
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

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
    feedback the learner reads exactly these lines; the test's source stays hidden.
    Each part starts a line with its own lead-in from the catalogue (:func:`check_text`),
    so :func:`parse_check_text` gives the parts back.
    """
    value = parse_expected(expected)
    question = _question(item, number)
    given = answers.get(item)
    if given is None:
        raise AssertionError(learner.CHECK_MISSING.format(question=question))
    if str(given) != value:
        raise AssertionError(
            check_text(question, "wrong", answer_words(value), why=why, better=better)
        )
    print(check_text(question, "right", why=why))


CheckStatus = Literal["right", "wrong", "missing"]

#: The first line of a check's output, per status (``{question}`` is ``CHECK_QUESTION``).
STATUS_LINES: dict[CheckStatus, str] = {
    "right": learner.CHECK_RIGHT,
    "wrong": learner.CHECK_WRONG,
    "missing": learner.CHECK_MISSING,
}
#: Wrapped lines of one part start with this; a part's first line never does.
CONTINUATION = "  "
_WIDTH = 80


def check_text(
    question: str, status: CheckStatus, right_answer: str = "", why: str = "", better: str = ""
) -> str:
    """What a hidden test says: the status line, then each given part on a line of its own.

    The parts are, in this order: ``Het goede antwoord is: ...``, ``Waarom: ...`` and
    ``Zeg liever: ...`` (``learner.CHECK_RIGHT_ANSWER``, ``CHECK_WHY``, ``CHECK_BETTER``).
    A part longer than 80 characters goes on over lines that start with two spaces, so it
    reads without scrolling in formgrader and still comes back whole.
    """
    parts = [STATUS_LINES[status].format(question=question)]
    if right_answer.strip():
        parts.append(learner.CHECK_RIGHT_ANSWER.format(answer=_one_line(right_answer)))
    if why.strip():
        parts.append(learner.CHECK_WHY.format(why=_one_line(why)))
    if better.strip():
        parts.append(learner.CHECK_BETTER.format(better=_one_line(better)))
    return "\n".join(
        textwrap.fill(
            part,
            width=_WIDTH,
            subsequent_indent=CONTINUATION,
            break_long_words=False,
            break_on_hyphens=False,
        )
        for part in parts
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class CheckParts:
    """A check's output taken apart: see :func:`parse_check_text`."""

    status: CheckStatus | None = None
    question: str | None = None
    number: int | None = None
    right_answer: str | None = None
    why: str | None = None
    better: str | None = None
    #: Lines that match none of the catalogue's sentences (a problem with the answers file,
    #: an error of the grading itself), as they were printed.
    other: tuple[str, ...] = ()


def parse_check_text(text: str) -> CheckParts:
    """The parts of what :func:`check_answer` or :func:`check_answered` printed or raised.

    Each part is found by the catalogue's own sentence (its fixed words around the
    ``{field}``), never by guessing; a part printed twice keeps the first. What matches no
    sentence is kept in ``other``.
    """
    found: dict[str, str] = {}
    status: CheckStatus | None = None
    other: list[str] = []
    for part in _parts(text):
        for name, template in STATUS_LINES.items():
            fields = _match(template, part)
            if fields is not None and status is None:
                status, found["question"] = name, fields["question"]
                break
        else:
            for key, template in _PART_TEMPLATES.items():
                fields = _match(template, part)
                if fields is not None and key not in found:
                    found[key] = fields[key]
                    break
            else:
                other.append(part)
    number_fields = _match(learner.CHECK_QUESTION, found.get("question", ""))
    number = number_fields["number"] if number_fields else ""
    return CheckParts(
        status=status,
        question=found.get("question"),
        number=int(number) if number.isdecimal() else None,
        right_answer=found.get("answer"),
        why=found.get("why"),
        better=found.get("better"),
        other=tuple(other),
    )


_PART_TEMPLATES = {
    "answer": learner.CHECK_RIGHT_ANSWER,
    "why": learner.CHECK_WHY,
    "better": learner.CHECK_BETTER,
}


def _parts(text: str) -> list[str]:
    """The parts of a check's text: a line, with the indented lines that go on from it."""
    parts: list[str] = []
    for line in text.splitlines():
        if line.startswith(CONTINUATION) and line.strip() and parts:
            parts[-1] += " " + line.strip()
        elif line.strip():
            parts.append(line.strip())
    return parts


def _match(template: str, text: str) -> dict[str, str] | None:
    """The ``{field}`` values if ``text`` is ``template`` filled in, else None."""
    pattern = "".join(
        re.escape(literal) + (f"(?P<{field}>.+?)" if field else "")
        for literal, field, _spec, _conversion in string.Formatter().parse(template)
    )
    matched = re.fullmatch(pattern, text, flags=re.DOTALL)
    return matched.groupdict() if matched else None
