"""The statement sort: is this sentence helpful ('Helpt') or harmful ('Helpt niet')?"""

from __future__ import annotations

from typing import ClassVar

from coursekit import strings
from coursekit.content.statements import Label
from coursekit.practice.binary import BinaryQuiz


class StatementSort(BinaryQuiz):
    """Sort what a supporter might say: does it help the person who is stalked?"""

    answers = (
        (strings.LABEL_HELPFUL, Label.HELPFUL.value),
        (strings.LABEL_HARMFUL, Label.HARMFUL.value),
    )
    answer_was: ClassVar[dict[str, str]] = {
        Label.HELPFUL.value: strings.SORT_ANSWER_WAS.format(label=strings.LABEL_HELPFUL.lower()),
        Label.HARMFUL.value: strings.SORT_ANSWER_WAS.format(label=strings.LABEL_HARMFUL.lower()),
    }
    title = strings.SORT_TITLE
