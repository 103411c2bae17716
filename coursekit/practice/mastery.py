"""Mastery: a module is done at a share of first tries right (80 % unless set otherwise).

Below it, the learner gets a new round from the module's pool, fresh items first, and one
next step in words: read again about the points of the missed questions (``topic`` names
them), then choose the new-round button. The round's own "practise the missed ones again"
is hidden in a closing quiz: a retry does not count, and two buttons are no clear next
step. The course-wide review (``review=True``) says that the review is done, not that a
module is, and what comes next. A
module's closing quiz knows the module's stable id: when mastery is reached it puts a
hidden mark on the page (:func:`coursekit.practice.markup.module_done`) with that id and the
first-try score of the round that reached it, which the page script reports or remembers
(docs/architecture.md, "Mijn cursus").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as widgets

from coursekit.practice import markup, shared
from coursekit.practice.binary import BinaryQuiz
from coursekit.practice.checking import BinaryItem, is_mastered, next_pool, score
from coursekit.practice.closing import close_all
from coursekit.text import learner


class Mastery(widgets.VBox):  # type: ignore[misc]
    """Rounds of a quiz over a pool until the first-try share reaches the threshold."""

    def __init__(
        self,
        pool: Sequence[BinaryItem],
        make_quiz: type[BinaryQuiz],
        threshold: float = 0.8,
        size: int = 8,
        seed: int | None = None,
        title: str = learner.MASTERY_TITLE,
        module_id: str | None = None,
        review: bool = False,
        topic: Callable[[BinaryItem], tuple[str, str | None]] | None = None,
    ) -> None:
        if not 0 < threshold <= 1:
            raise ValueError("threshold is a share between 0 and 1")
        if not pool:
            raise ValueError("Mastery needs a pool of items")
        self._pool = list(pool)
        self._make_quiz = make_quiz
        self.threshold = threshold
        self._size = min(size, len(self._pool))
        self._seed = seed
        self._module_id = module_id
        self._review = review
        self._topic = topic
        self._round = 0
        self._seen: set[str] = set()
        self.mastered = False
        self._status = shared.html()
        # "New round" is made when a round ends below the threshold, not with the page.
        self._again: widgets.Button | None = None
        self._quiz = self._new_quiz()
        self._heading = shared.html(markup.mastery_intro(title, threshold, review))
        super().__init__(children=self._parts(), layout=shared.layout())
        self.add_class("coursekit-mastery")

    def _parts(self) -> list[widgets.Widget]:
        return [
            self._heading,
            self._quiz,
            self._status,
            *([self._again] if self._again is not None else []),
        ]

    @property
    def quiz(self) -> BinaryQuiz:
        return self._quiz

    def _new_quiz(self) -> BinaryQuiz:
        seed = None if self._seed is None else self._seed + self._round
        items = next_pool(self._pool, self._seen, self._size, seed)
        self._seen |= {item.id for item in items}
        return self._make_quiz(items, seed=seed, title="", on_finish=self._on_quiz_finish)

    def _on_quiz_finish(self, quiz: BinaryQuiz) -> None:
        result = score(quiz.attempts)
        mastered = is_mastered(result, self.threshold)
        status = markup.mastery_result(
            mastered,
            result.correct,
            result.total,
            self.threshold,
            review=self._review,
            topics=[] if mastered else self._topics(quiz),
        )
        if mastered and self._module_id is not None:
            status += markup.module_done(self._module_id, result.correct, result.total)
        self._status.value = status
        _hide_retry_missed(quiz)
        if mastered:
            self.mastered = True
        elif self._again is None:
            self._again = shared.button(
                learner.MASTERY_RETRY, layout=widgets.Layout(width="fit-content")
            )
            self._again.on_click(self._on_again_click)
            self.children = self._parts()
        else:
            self._again.layout.display = None

    def _topics(self, quiz: BinaryQuiz) -> list[tuple[str, str | None]]:
        """What to read again: the topic of each question missed on the first try, each
        once, at most three."""
        if self._topic is None:
            return []
        items = {item.id: item for item in self._pool}
        topics: list[tuple[str, str | None]] = []
        for item_id in quiz.first_try_missed():
            topic = self._topic(items[item_id])
            if topic not in topics:
                topics.append(topic)
        return topics[:3]

    def _on_again_click(self, _button: widgets.Button) -> None:
        self._round += 1
        old, self._quiz = self._quiz, self._new_quiz()
        self._status.value = ""
        if self._again is not None:
            self._again.layout.display = "none"
        self.children = self._parts()
        # The old round is off the page: close it, or every round stays in the kernel.
        close_all(old)


def _hide_retry_missed(widget: widgets.Widget) -> None:
    """Hide the round's own "practise the missed ones again" button, wherever the quiz put
    it: in a closing quiz the one next step is a new round."""
    for child in getattr(widget, "children", ()):
        if isinstance(child, widgets.Button) and child.description == learner.RETRY_MISSED:
            # A layout of its own: the quiz's may be one that other widgets share.
            child.layout = widgets.Layout(display="none")
        else:
            _hide_retry_missed(child)
