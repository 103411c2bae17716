"""The statement sort: is this sentence helpful ('Helpt') or harmful ('Helpt niet')?"""

from __future__ import annotations

from typing import ClassVar

from coursekit.content.statements import Label
from coursekit.practice.binary import BinaryQuiz
from coursekit.text import learner


class StatementSort(BinaryQuiz):
    """Sort what a supporter might say: does it help the person who is stalked?"""

    answers = (
        (learner.LABEL_HELPFUL, Label.HELPFUL.value),
        (learner.LABEL_HARMFUL, Label.HARMFUL.value),
    )
    answer_was: ClassVar[dict[str, str]] = {
        Label.HELPFUL.value: learner.SORT_ANSWER_WAS.format(label=learner.LABEL_HELPFUL.lower()),
        Label.HARMFUL.value: learner.SORT_ANSWER_WAS.format(label=learner.LABEL_HARMFUL.lower()),
    }
    title = learner.SORT_TITLE
