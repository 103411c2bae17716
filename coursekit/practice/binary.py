"""Quizzes with two answers per item, one item at a time: statement sort and true/false.

The widget only wires :func:`coursekit.practice.checking.check` to buttons. Items live in a
private Python list; an item's key and explanation reach widget state (and so the
page) only after the learner has answered it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

import ipywidgets as widgets

from coursekit.practice import markup, shared
from coursekit.practice.checking import Attempt, BinaryItem, Feedback, check, draw, missed
from coursekit.practice.controls import LiveRegion, PressedButtons
from coursekit.practice.style import stylesheet
from coursekit.text import learner


class BinaryQuiz(widgets.VBox):  # type: ignore[misc]
    """One item at a time; two answer buttons; feedback; a score and a retry at the end."""

    #: (button text, value) of the two answers; subclasses set these.
    answers: tuple[tuple[str, str], tuple[str, str]]
    #: What the right answer is, in a sentence, by value.
    answer_was: ClassVar[dict[str, str]]
    title: str
    quote: bool = True

    def __init__(
        self,
        items: Sequence[BinaryItem],
        seed: int | None = None,
        confidence: bool = False,
        title: str | None = None,
        on_finish: Callable[[BinaryQuiz], None] | None = None,
    ) -> None:
        if not items:
            raise ValueError(f"{type(self).__name__} needs at least one item")
        self._all = {item.id: item for item in items}
        self._round: list[BinaryItem] = draw(items, seed)
        self._seed = seed
        self._index = 0
        self._first_round = True
        self._attempts: list[Attempt] = []
        self._on_finish = on_finish

        # The heading, "Vraag 2 van 5" and the item: one widget, updated at once.
        self._heading = self.title if title is None else title
        self._item = shared.html()
        # Asked only when the page wants it: no hidden widget otherwise.
        self._confidence: PressedButtons | None = None
        if confidence:
            self._confidence = PressedButtons(
                [(text, text) for text in (learner.CONFIDENCE_SURE, learner.CONFIDENCE_UNSURE)],
                label=learner.CONFIDENCE,
                show_label=True,
                layout=shared.layout(),
            )
        # The answers: buttons whose chosen one is pressed (aria-pressed), named by the item.
        # Their ids are "0" and "1": "helpful", "true" and the like stay in the kernel.
        self._answers = PressedButtons(
            [(text, str(index)) for index, (text, _value) in enumerate(self.answers)],
            layout=shared.layout(),
        )
        self._answers.observe(self._on_answers_value, names="value")
        # One polite live region per quiz, empty until the first answer.
        self._feedback = LiveRegion(layout=shared.layout())
        # Shown and hidden: a layout of its own.
        self._next = shared.button(learner.NEXT, button_style="primary", layout=widgets.Layout())
        self._next.on_click(self._on_next_click)
        # The end of a round (score, "practise the missed ones again") is made when the
        # learner gets there (_finish), not with the page.
        self._summary: widgets.HTML | None = None
        self._retry: widgets.Button | None = None
        super().__init__(
            children=[
                stylesheet(),
                self._item,
                *([self._confidence] if self._confidence is not None else []),
                self._answers,
                self._feedback,
                self._next,
            ],
            layout=shared.layout(),
        )
        self.add_class("coursekit-quiz")
        self.add_class(f"coursekit-{type(self).__name__.lower()}")
        self._show_current()

    @property
    def attempts(self) -> list[Attempt]:
        """Every answer given, first tries and retries, in order."""
        return list(self._attempts)

    @property
    def finished(self) -> bool:
        return self._index >= len(self._round)

    def _shown(self) -> list[widgets.Widget]:
        return list(self.children)

    def _show_current(self) -> None:
        item = self._round[self._index]
        self._item.value = markup.asked(
            self._heading,
            learner.PROGRESS.format(number=self._index + 1, total=len(self._round)),
            markup.statement(item.text, quoted=self.quote),
        )
        self._answered = False
        self._answers.label = item.text
        self._feedback.value = ""
        for control in (self._answers, self._confidence):
            if control is not None:
                control.value = None
                control.disabled = False
        self._next.layout.display = "none"
        if self._summary is not None:
            self._summary.value = ""
        if self._retry is not None:
            self._retry.layout.display = "none"

    def _on_answers_value(self, change: dict[str, object]) -> None:
        if change["new"] is not None:
            self._answer(self.answers[int(str(change["new"]))][1])

    def _answer(self, value: str) -> None:
        if self.finished or self._answered:  # answered: a double click counts once
            return
        self._answered = True
        item = self._round[self._index]
        feedback = check(item, value)
        self._attempts.append(
            Attempt(
                item_id=item.id,
                answer=value,
                correct=feedback.correct,
                first_try=self._first_round,
                confidence=None if self._confidence is None else self._confidence.value,
            )
        )
        # Disabled, still pressed: the chosen answer stays visible and announced.
        for control in (self._answers, self._confidence):
            if control is not None:
                control.disabled = True
        self._feedback.value = self._feedback_html(feedback)
        if self._index == len(self._round) - 1:
            self._index += 1
            self._finish()
        else:
            self._next.layout.display = None
            # The answer buttons are now disabled: keep keyboard users on the next step.
            self._next.focus()

    def _feedback_html(self, feedback: Feedback) -> str:
        chosen = next(text for text, value in self.answers if value == feedback.answer)
        parts = [
            markup.verdict(
                feedback.correct,
                learner.YOU_CHOSE.format(answer=chosen) + " " + self.answer_was[feedback.key],
            ),
            markup.paragraph(feedback.why),
        ]
        if feedback.better:
            parts.append(markup.better(feedback.better))
        return markup.feedback(*parts)

    def _round_attempts(self) -> list[Attempt]:
        return self._attempts[-len(self._round) :]

    def _finish(self) -> None:
        attempts = self._round_attempts()
        wrong = [a.item_id for a in attempts if not a.correct]
        missed = [(self._all[i].text, self._all[i].why) for i in wrong]
        summary = markup.round_summary(len(attempts) - len(wrong), len(attempts), missed)
        if self._summary is None:
            self._summary = shared.html(summary)
            self.children = [*self._shown(), self._summary]
        else:
            self._summary.value = summary
        if wrong:
            if self._retry is None:
                self._retry = shared.button(
                    learner.RETRY_MISSED, layout=widgets.Layout(width="fit-content")
                )
                self._retry.on_click(self._on_retry_click)
                self.children = [*self._shown(), self._retry]
            else:
                self._retry.layout.display = None
        if self._on_finish is not None:
            self._on_finish(self)

    def first_try_missed(self) -> list[str]:
        """The items whose first try was wrong."""
        return missed(self._attempts)

    def _on_next_click(self, _button: widgets.Button) -> None:
        if self._index < len(self._round) - 1:
            self._index += 1
            self._show_current()
            self._answers.focus()

    def _on_retry_click(self, _button: widgets.Button) -> None:
        wrong = [a.item_id for a in self._round_attempts() if not a.correct]
        if not wrong:
            return
        self._round = draw([self._all[i] for i in wrong], self._seed)
        self._index = 0
        self._first_round = False
        self._show_current()
        self._answers.focus()
