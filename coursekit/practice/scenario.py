"""Scenario choice: a situation, three or four answers, feedback on the one chosen.

Like Moodle's interactive behaviour: a wrong choice shows its own feedback and the
learner tries again; the first try is what counts for a score.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from coursekit.content.scenarios import Scenario
from coursekit.practice import markup
from coursekit.practice.checking import Attempt, check_scenario
from coursekit.practice.style import stylesheet
from coursekit.text import learner


class ScenarioChoice(widgets.VBox):  # type: ignore[misc]
    """One scenario; the learner picks an answer with the radio buttons and checks it."""

    def __init__(self, scenario: Scenario) -> None:
        self._scenario = scenario
        self._attempts: list[Attempt] = []
        self._choice = widgets.RadioButtons(
            options=[(f"{o.id}. {o.text}", o.id) for o in scenario.options],
            value=None,
            description=learner.SCENARIO_ANSWER,
            layout={"width": "auto"},
            style={"description_width": "initial"},
        )
        self._check = widgets.Button(description=learner.CHECK, button_style="primary")
        self._check.on_click(self._on_check_click)
        self._feedback = widgets.HTML()
        super().__init__(
            children=[
                stylesheet(),
                widgets.HTML(
                    f"<h3>{learner.SCENARIO_TITLE}</h3>"
                    f'<p class="coursekit-situation">{html.escape(scenario.situation)}</p>'
                    f"<p><strong>{html.escape(scenario.question)}</strong></p>"
                ),
                self._choice,
                self._check,
                self._feedback,
            ]
        )
        self.add_class("coursekit-quiz")
        self.add_class("coursekit-scenariochoice")

    @property
    def attempts(self) -> list[Attempt]:
        return list(self._attempts)

    def _on_check_click(self, _button: widgets.Button) -> None:
        if self._choice.disabled:
            return
        if self._choice.value is None:
            self._feedback.value = markup.status(f"<p>{learner.SCENARIO_CHOOSE_FIRST}</p>")
            return
        result = check_scenario(self._scenario, str(self._choice.value))
        self._attempts.append(
            Attempt(self._scenario.id, result.answer, result.correct, first_try=not self._attempts)
        )
        detail = learner.YOU_CHOSE.format(answer=result.answer)
        if not result.correct:
            detail += " " + learner.TRY_AGAIN
        self._feedback.value = markup.status(
            markup.verdict(result.correct, detail), markup.paragraph(result.feedback)
        )
        if result.correct:
            self._choice.disabled = True
            self._check.disabled = True
