"""Fact checks: true-or-false claims, and 'which number do you call?'.

Claims and situations come from the fact banks (``coursekit/banks/facts_*.yaml``); their
numbers are filled in from the facts file's help lines, so no number is typed twice.
"""

from __future__ import annotations

from typing import ClassVar

from coursekit import strings
from coursekit.practice.binary import BinaryQuiz


class TrueFalse(BinaryQuiz):
    """Is this claim true ('Waar') or not ('Niet waar')?"""

    answers = ((strings.LABEL_TRUE, "true"), (strings.LABEL_FALSE, "false"))
    answer_was: ClassVar[dict[str, str]] = {
        "true": strings.CLAIM_ANSWER_WAS.format(label=strings.LABEL_TRUE.lower()),
        "false": strings.CLAIM_ANSWER_WAS.format(label=strings.LABEL_FALSE.lower()),
    }
    title = strings.TRUE_FALSE_TITLE
    quote = False
