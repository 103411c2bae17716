"""The graded question kinds: one registry that the widget, the checks, authoring and the
item analysis read, so that a new kind is added here and nowhere else.

Each kind names its answer values (what the answers file and the hidden tests hold), the
words a volunteer sees and may type for them, and its Dutch name in the trainer's report.
A ``choice`` question has no fixed answers: its values are the option letters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from coursekit.text import learner, trainer

#: The names a questions file may use for ``kind``.
KindName = Literal["sort", "true-false", "choice"]

#: The letters of a choice question's options, in order.
LETTERS = ("a", "b", "c", "d")


@dataclass(frozen=True)
class GradedKind:
    """One kind of graded question."""

    name: KindName
    #: Dutch, in the item analysis: 'helpt of helpt niet'.
    label: str
    #: (value, button text) of each answer, in the order shown; empty for a choice question.
    answers: tuple[tuple[str, str], ...] = ()
    #: What a volunteer may type, folded to lower case and single spaces, to its value.
    typed: Mapping[str, str] = field(default_factory=dict)
    #: The question's text is something said, shown in quotes.
    quoted: bool = False
    #: A draft needs a better sentence (``better``) for a question with this key.
    better_for: str | None = None

    @property
    def has_options(self) -> bool:
        """A choice question: the answers are the question's own options a-d."""
        return not self.answers

    @property
    def values(self) -> tuple[str, ...]:
        """The answer values: the fixed answers, or the option letters of a choice."""
        return tuple(value for value, _text in self.answers) or LETTERS

    @property
    def typed_example(self) -> tuple[str, ...]:
        """What to type for each answer, as the exercise's typing help shows it."""
        return tuple(text.lower() for _value, text in self.answers) or LETTERS


GRADED_KINDS: dict[str, GradedKind] = {
    kind.name: kind
    for kind in (
        GradedKind(
            "sort",
            trainer.IA_KIND_SORT,
            answers=(("helpful", learner.LABEL_HELPFUL), ("harmful", learner.LABEL_HARMFUL)),
            typed={
                "helpt": "helpful",
                "helpful": "helpful",
                "helpt niet": "harmful",
                "helptniet": "harmful",
                "harmful": "harmful",
            },
            quoted=True,
            better_for="harmful",
        ),
        GradedKind(
            "true-false",
            trainer.IA_KIND_TRUE_FALSE,
            answers=(("true", learner.LABEL_TRUE), ("false", learner.LABEL_FALSE)),
            typed={"waar": "true", "true": "true", "niet waar": "false", "false": "false"},
        ),
        GradedKind("choice", trainer.IA_KIND_CHOICE),
    )
}


def answer_words(value: str) -> str:
    """How an answer value reads in a sentence: 'helpt niet', 'waar', or the letter itself."""
    for kind in GRADED_KINDS.values():
        for answer, text in kind.answers:
            if answer == value:
                return text.lower()
    return value


def all_values() -> tuple[str, ...]:
    """Every answer value of every kind, each once, in registry order (report columns)."""
    seen: dict[str, None] = {}
    for kind in GRADED_KINDS.values():
        seen.update(dict.fromkeys(kind.values))
    return tuple(seen)
