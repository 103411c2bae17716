"""Graded mode: the learner clicks, the answers file records it, nothing is checked here.

The key is not in the released notebook at all: it is in nbgrader's hidden tests.
Feedback comes with grading. Every clickable question type has a graded form here:
statement sort, true/false and scenario choice.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from coursekit.exercise.answers_file import answers_path, read_answers_file, save_answers
from coursekit.exercise.questions import ExerciseQuestion, load_exercise
from coursekit.practice import markup
from coursekit.practice.controls import AnswerControl, ChoiceGroup, LiveRegion, PressedButtons
from coursekit.practice.style import stylesheet
from coursekit.text import learner


def _control(question: ExerciseQuestion, number: int, value: str | None) -> AnswerControl:
    """A radio group for options a-d, two pressed buttons for the two-answer kinds; named by
    the question's number and what it asks (coursekit.practice.controls)."""
    label = learner.GRADED_QUESTION.format(number=number)
    name = f"{label}: {question.question or question.text}"
    kind = question.graded_kind
    if kind.has_options:
        return ChoiceGroup(
            [(f"{o.id}. {o.text}", o.id) for o in question.options], label=name, value=value
        )
    options = [(text, answer) for answer, text in kind.answers]
    return PressedButtons(options, label=name, value=value)


class GradedQuiz(widgets.VBox):  # type: ignore[misc]
    """Every question of an exercise with its choices, saved to the answers file on change."""

    def __init__(self, exercise_id: str, folder: Path | None = None) -> None:
        self._exercise = load_exercise(exercise_id, folder)
        self._path = answers_path(exercise_id, folder)
        # Reopening the notebook (or autograde re-running it) shows the saved choices.
        saved, _problems = read_answers_file(self._path, self._exercise)
        self._answers: dict[str, str] = dict(saved)
        self._controls: dict[str, AnswerControl] = {}
        rows: list[widgets.Widget] = [
            stylesheet(),
            widgets.HTML(markup.graded_intro()),
        ]
        for number, question in enumerate(self._exercise.questions, start=1):
            control = _control(question, number, saved.get(question.id))
            control.observe(self._on_choice_change, names="value")
            self._controls[question.id] = control
            text = markup.graded_question(
                number, question.text, question.graded_kind.quoted, question.question
            )
            rows += [widgets.HTML(text), control]
        # A polite live region on the page from the start: each save changes its text.
        self._status = LiveRegion(value=self._saved_text(), layout=widgets.Layout(margin="1em 0"))
        rows.append(self._status)
        super().__init__(children=rows)
        self.add_class("coursekit-graded")

    def _saved_text(self) -> str:
        return markup.graded_saved(len(self._answers), len(self._exercise.questions))

    def _on_choice_change(self, change: dict[str, object]) -> None:
        item = next(i for i, c in self._controls.items() if c is change["owner"])
        if change["new"] is None:
            self._answers.pop(item, None)
        else:
            self._answers[item] = str(change["new"])
        try:
            save_answers(self._path, self._exercise.exercise, self._answers)
        except OSError as exc:
            self._status.value = markup.graded_not_saved(exc.strerror or str(exc))
            return
        self._status.value = self._saved_text()
