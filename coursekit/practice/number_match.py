"""'Welk nummer bel je?': for each situation the learner picks the help line to call."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets
from ipywidgets.widgets.widget_description import DescriptionStyle

from coursekit.content.fact_items import Situation
from coursekit.content.facts import facts
from coursekit.practice import markup, shared
from coursekit.practice.checking import Attempt, check_line
from coursekit.practice.controls import LiveRegion
from coursekit.practice.style import stylesheet
from coursekit.text import learner


class NumberMatch(widgets.VBox):  # type: ignore[misc]
    """For each situation, the learner picks the help line to call, then checks."""

    def __init__(self, situations: Sequence[Situation]) -> None:
        if not situations:
            raise ValueError("NumberMatch needs at least one situation")
        data = facts()
        self._situations = list(situations)
        self._attempts: list[Attempt] = []
        self._checked_once: set[str] = set()
        options = [(learner.NUMBERS_CHOOSE, "")] + [
            (f"{line.name} ({line.number})", line.id) for line in data.help_lines
        ]
        rows: list[widgets.Widget] = [
            stylesheet(),
            shared.html(markup.numbers_intro()),
        ]
        self._choices: list[widgets.Dropdown] = []
        self._feedback: list[widgets.HTML] = []
        for number, situation in enumerate(self._situations, start=1):
            label = learner.NUMBERS_SITUATION.format(number=number)
            choice = widgets.Dropdown(
                options=options,
                value="",
                description=label,
                layout=shared.layout(width="auto"),
                style=shared.style(DescriptionStyle),
            )
            feedback = shared.html()
            shown = markup.situation(number, situation.text, total=len(self._situations))
            rows += [shared.html(shown), choice, feedback]
            self._choices.append(choice)
            self._feedback.append(feedback)
        self._check = shared.button(learner.CHECK, button_style="primary")
        self._check.on_click(self._on_check_click)
        # The quiz's one live region: each situation's feedback is shown under its list and
        # read out here, together, after a check.
        self._region = LiveRegion(hidden_visually=True, layout=shared.layout())
        rows += [self._check, self._region]
        super().__init__(children=rows, layout=shared.layout())
        self.add_class("coursekit-quiz")
        self.add_class("coursekit-numbermatch")

    @property
    def attempts(self) -> list[Attempt]:
        return list(self._attempts)

    def _on_check_click(self, _button: widgets.Button) -> None:
        data = facts()
        said: list[tuple[int, str]] = []
        for number, (situation, choice, feedback) in enumerate(
            zip(self._situations, self._choices, self._feedback, strict=True), start=1
        ):
            settled = choice.disabled  # right at an earlier check: not read out again
            if not choice.value:
                feedback.value = markup.unanswered()
                said.append((number, feedback.value))
                continue
            correct = check_line(situation, choice.value)
            self._attempts.append(
                Attempt(
                    situation.id,
                    str(choice.value),
                    correct,
                    first_try=situation.id not in self._checked_once,
                )
            )
            self._checked_once.add(situation.id)
            name = data.line(str(choice.value)).name
            feedback.value = markup.line_feedback(correct, name, situation.why)
            if not settled:
                said.append((number, feedback.value))
            if correct:
                choice.disabled = True
        self._region.value = markup.per_situation(said)
