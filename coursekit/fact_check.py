"""Fact checks: true-or-false claims, and 'which number do you call?'.

Claims and situations come from the fact banks (``coursekit/banks/facts_*.yaml``); their
numbers are filled in from the facts file's help lines, so no number is typed twice.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import ClassVar

import ipywidgets as widgets

from coursekit import feedback_view, strings
from coursekit.binary_quiz import BinaryQuiz
from coursekit.checking import Attempt
from coursekit.fact_bank import Situation
from coursekit.facts import facts


class TrueFalse(BinaryQuiz):
    """Is this claim true ('Waar') or not ('Niet waar')?"""

    answers = ((strings.LABEL_TRUE, "true"), (strings.LABEL_FALSE, "false"))
    answer_was: ClassVar[dict[str, str]] = {
        "true": strings.CLAIM_ANSWER_WAS.format(label=strings.LABEL_TRUE.lower()),
        "false": strings.CLAIM_ANSWER_WAS.format(label=strings.LABEL_FALSE.lower()),
    }
    title = strings.TRUE_FALSE_TITLE
    quote = False


def check_line(situation: Situation, line_id: str) -> bool:
    """Whether the chosen help line fits the situation."""
    return line_id == situation.line


class NumberMatch(widgets.VBox):  # type: ignore[misc]
    """For each situation, the learner picks the help line to call, then checks."""

    def __init__(self, situations: Sequence[Situation]) -> None:
        if not situations:
            raise ValueError("NumberMatch needs at least one situation")
        data = facts()
        self._situations = list(situations)
        self._attempts: list[Attempt] = []
        self._checked_once: set[str] = set()
        options = [(strings.NUMBERS_CHOOSE, "")] + [
            (f"{line.name} ({line.number})", line.id) for line in data.help_lines
        ]
        rows: list[widgets.Widget] = [
            feedback_view.stylesheet(),
            widgets.HTML(f"<h3>{strings.NUMBERS_TITLE}</h3><p>{strings.NUMBERS_PROMPT}</p>"),
        ]
        self._choices: list[widgets.Dropdown] = []
        self._feedback: list[widgets.HTML] = []
        for number, situation in enumerate(self._situations, start=1):
            label = strings.NUMBERS_SITUATION.format(number=number)
            choice = widgets.Dropdown(
                options=options, value="", description=label, layout={"width": "auto"}
            )
            feedback = widgets.HTML()
            rows += [
                widgets.HTML(
                    f'<p class="coursekit-statement"><strong>{label}.</strong> '
                    f"{html.escape(situation.text)}</p>"
                ),
                choice,
                feedback,
            ]
            self._choices.append(choice)
            self._feedback.append(feedback)
        self._check = widgets.Button(description=strings.CHECK, button_style="primary")
        self._check.on_click(self._on_check_click)
        rows.append(self._check)
        super().__init__(children=rows)
        self.add_class("coursekit-quiz")
        self.add_class("coursekit-numbermatch")

    @property
    def attempts(self) -> list[Attempt]:
        return list(self._attempts)

    def _on_check_click(self, _button: widgets.Button) -> None:
        data = facts()
        for situation, choice, feedback in zip(
            self._situations, self._choices, self._feedback, strict=True
        ):
            if not choice.value:
                feedback.value = feedback_view.status(f"<p>{strings.NUMBERS_UNANSWERED}</p>")
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
            if correct:
                detail = strings.NUMBERS_RIGHT_LINE.format(line=html.escape(name))
                feedback.value = feedback_view.status(
                    feedback_view.verdict(True, detail), feedback_view.paragraph(situation.why)
                )
                choice.disabled = True
            else:
                detail = (
                    strings.NUMBERS_WRONG_LINE.format(line=html.escape(name))
                    + " "
                    + strings.TRY_AGAIN
                )
                feedback.value = feedback_view.status(feedback_view.verdict(False, detail))
