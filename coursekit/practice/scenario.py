"""Scenario choice: a situation, three or four answers, feedback on the one chosen.

Like Moodle's interactive behaviour: a wrong choice shows its own feedback and the
learner tries again; the first try is what counts for a score.
"""

from __future__ import annotations

import ipywidgets as widgets

from coursekit.content.scenarios import Scenario
from coursekit.practice import markup, shared
from coursekit.practice.checking import Attempt, check_scenario
from coursekit.practice.controls import ChoiceGroup, LiveRegion
from coursekit.practice.style import stylesheet
from coursekit.text import learner


class ScenarioChoice(widgets.VBox):  # type: ignore[misc]
    """One scenario; the learner picks an answer in the radio group and checks it."""

    def __init__(self, scenario: Scenario) -> None:
        self._scenario = scenario
        self._attempts: list[Attempt] = []
        # A radio group named by the question; the kernel holds which option is best.
        self._choice = ChoiceGroup(
            [(f"{o.id}. {o.text}", o.id) for o in scenario.options],
            label=scenario.question,
            layout=shared.layout(),
        )
        self._check = shared.button(learner.CHECK, button_style="primary")
        self._check.on_click(self._on_check_click)
        # One polite live region per quiz, empty until the first check.
        self._feedback = LiveRegion(layout=shared.layout())
        super().__init__(
            children=[
                stylesheet(),
                shared.html(markup.scenario_intro(scenario.situation, scenario.question)),
                self._choice,
                self._check,
                self._feedback,
            ],
            layout=shared.layout(),
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
            self._feedback.value = markup.choose_first()
            return
        result = check_scenario(self._scenario, str(self._choice.value))
        self._attempts.append(
            Attempt(self._scenario.id, result.answer, result.correct, first_try=not self._attempts)
        )
        self._feedback.value = markup.option_feedback(
            result.correct, result.answer, result.feedback
        )
        if result.correct:
            self._choice.disabled = True
            self._check.disabled = True
