"""The graded statement sort: the learner clicks, the answers file records it.

No feedback is shown here: the key is not in the released notebook at all, it is in
nbgrader's hidden tests. Feedback comes with grading.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from coursekit import strings
from coursekit.answers import answers_path, load_exercise, read_answers_file, save_answers
from coursekit.item_bank import Label

_OPTIONS = [
    (strings.LABEL_HELPFUL, Label.HELPFUL.value),
    (strings.LABEL_HARMFUL, Label.HARMFUL.value),
]


class GradedSort(widgets.VBox):  # type: ignore[misc]
    """Every statement of an exercise with a 'Helpt' / 'Helpt niet' choice, saved on change."""

    def __init__(self, exercise_id: str, folder: Path | None = None) -> None:
        self._exercise = load_exercise(exercise_id, folder)
        self._path = answers_path(exercise_id, folder)
        # Reopening the notebook (or autograde re-running it) shows the saved choices.
        saved, _problems = read_answers_file(self._path, exercise_id, self._exercise.ids)
        self._answers: dict[str, Label] = dict(saved)
        self._choices: dict[str, widgets.ToggleButtons] = {}
        rows: list[widgets.Widget] = [widgets.HTML(f"<p>{strings.GRADED_INTRO}</p>")]
        for number, statement in enumerate(self._exercise.statements, start=1):
            choice = widgets.ToggleButtons(
                options=_OPTIONS,
                value=saved[statement.id].value if statement.id in saved else None,
                description=strings.GRADED_STATEMENT.format(number=number),
            )
            choice.observe(self._on_choice_change, names="value")
            self._choices[statement.id] = choice
            rows.append(
                widgets.HTML(
                    f'<p class="coursekit-statement"><strong>{number}.</strong> '
                    f"“{html.escape(statement.text)}”</p>"
                )
            )
            rows.append(choice)
        self._status = widgets.HTML(self._saved_text(), layout=widgets.Layout(margin="1em 0"))
        rows.append(self._status)
        super().__init__(children=rows)
        self.add_class("coursekit-graded-sort")

    def _saved_text(self) -> str:
        return (
            '<p role="status">'
            + strings.GRADED_SAVED.format(
                answered=len(self._answers), total=len(self._exercise.statements)
            )
            + "</p>"
        )

    def _on_choice_change(self, change: dict[str, object]) -> None:
        item = next(i for i, c in self._choices.items() if c is change["owner"])
        if change["new"] is None:
            self._answers.pop(item, None)
        else:
            self._answers[item] = Label(str(change["new"]))
        try:
            save_answers(self._path, self._exercise.exercise, self._answers)
        except OSError as exc:
            reason = html.escape(exc.strerror or str(exc))
            self._status.value = (
                f'<p role="alert">{strings.GRADED_NOT_SAVED.format(reason=reason)}</p>'
            )
            return
        self._status.value = self._saved_text()
