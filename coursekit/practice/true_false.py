"""Fact checks: true-or-false claims, and 'which number do you call?'.

Claims and situations come from the fact banks (``coursekit/banks/facts_*.yaml``); their
numbers are filled in from the facts file's help lines, so no number is typed twice.
"""

from __future__ import annotations

from typing import ClassVar

from coursekit.practice.binary import BinaryQuiz
from coursekit.text import learner


class TrueFalse(BinaryQuiz):
    """Is this claim true ('Waar') or not ('Niet waar')?"""

    answers = ((learner.LABEL_TRUE, "true"), (learner.LABEL_FALSE, "false"))
    answer_was: ClassVar[dict[str, str]] = {
        "true": learner.CLAIM_ANSWER_WAS.format(label=learner.LABEL_TRUE.lower()),
        "false": learner.CLAIM_ANSWER_WAS.format(label=learner.LABEL_FALSE.lower()),
    }
    title = learner.TRUE_FALSE_TITLE
    quote = False
