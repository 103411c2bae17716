"""The statement-sort quiz: is this sentence helpful or harmful?

The widget only wires :func:`coursekit.checking.check` to buttons. It keeps the
statements in a private Python list; the label and explanation of a statement
reach widget state (and so the page) only after the learner has answered it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets

from coursekit import strings
from coursekit.checking import Feedback, check, draw, score
from coursekit.item_bank import Label, Statement

_LABEL_TEXT = {Label.HELPFUL: strings.LABEL_HELPFUL, Label.HARMFUL: strings.LABEL_HARMFUL}


def feedback_html(feedback: Feedback) -> str:
    """The feedback for one answer as HTML: right or not in words, why, the better sentence."""
    verdict = strings.SORT_CORRECT if feedback.correct else strings.SORT_INCORRECT
    kind = "coursekit-correct" if feedback.correct else "coursekit-incorrect"
    parts = [
        f'<p class="{kind}"><strong>{verdict}</strong> '
        + strings.SORT_YOU_CHOSE.format(answer=_LABEL_TEXT[feedback.answer])
        + " "
        + strings.SORT_ANSWER_WAS.format(label=_LABEL_TEXT[feedback.label].lower())
        + "</p>",
        f"<p>{html.escape(feedback.why)}</p>",
    ]
    if feedback.better:
        parts.append(
            f"<p><strong>{strings.SORT_BETTER}</strong> “{html.escape(feedback.better)}”</p>"
        )
    return '<div role="status">' + "".join(parts) + "</div>"


class StatementSort(widgets.VBox):  # type: ignore[misc]
    """One statement at a time; the learner answers 'Helpt' or 'Helpt niet'."""

    def __init__(self, statements: Sequence[Statement], seed: int | None = None) -> None:
        if not statements:
            raise ValueError("StatementSort needs at least one statement")
        self._statements = draw(statements, seed)
        self._index = 0
        self._results: list[Feedback] = []

        self._progress = widgets.HTML()
        self._statement = widgets.HTML()
        self._helpful = widgets.Button(description=strings.LABEL_HELPFUL)
        self._harmful = widgets.Button(description=strings.LABEL_HARMFUL)
        self._feedback = widgets.HTML()
        self._next = widgets.Button(description=strings.SORT_NEXT, button_style="primary")
        self._helpful.on_click(self._on_helpful_click)
        self._harmful.on_click(self._on_harmful_click)
        self._next.on_click(self._on_next_click)
        super().__init__(
            children=[
                widgets.HTML(f"<h3>{strings.SORT_TITLE}</h3>"),
                self._progress,
                self._statement,
                widgets.HBox([self._helpful, self._harmful]),
                self._feedback,
                self._next,
            ]
        )
        self.add_class("coursekit-statement-sort")
        self._show_current()

    @property
    def results(self) -> list[Feedback]:
        """Feedback for each statement answered so far, in the order answered."""
        return list(self._results)

    def _show_current(self) -> None:
        statement = self._statements[self._index]
        self._progress.value = strings.SORT_PROGRESS.format(
            number=self._index + 1, total=len(self._statements)
        )
        self._statement.value = (
            f'<blockquote class="coursekit-statement">“{html.escape(statement.text)}”</blockquote>'
            f"<p>{strings.SORT_QUESTION}</p>"
        )
        self._feedback.value = ""
        self._helpful.disabled = self._harmful.disabled = False
        self._next.layout.display = "none"

    def _answer(self, answer: Label) -> None:
        if self._helpful.disabled:  # already answered: a double click counts once
            return
        feedback = check(self._statements[self._index], answer)
        self._results.append(feedback)
        self._helpful.disabled = self._harmful.disabled = True
        last = self._index == len(self._statements) - 1
        self._feedback.value = feedback_html(feedback)
        if last:
            total = score(self._results)
            self._feedback.value += (
                f'<p class="coursekit-score"><strong>{strings.SORT_DONE}</strong> '
                + strings.SORT_SCORE.format(correct=total.correct, total=total.total)
                + "</p>"
            )
        else:
            self._next.layout.display = None

    def _on_helpful_click(self, _button: widgets.Button) -> None:
        self._answer(Label.HELPFUL)

    def _on_harmful_click(self, _button: widgets.Button) -> None:
        self._answer(Label.HARMFUL)

    def _on_next_click(self, _button: widgets.Button) -> None:
        if self._index < len(self._statements) - 1:
            self._index += 1
            self._show_current()
