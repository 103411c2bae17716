"""The names that tie a generated exercise to its grading, in one place.

The authoring writes a source notebook with these cell ids and calls; the preprocessors,
the item analysis and the tests find the cells and read the answers by the same names. A
released notebook that a volunteer has handed in is matched against them, so changing one
here changes the contract for every exercise: regenerate ``solutions/`` and ``exercises/``.
"""

from __future__ import annotations

#: Beside the notebook ``NAME.ipynb``: the questions (no key) and the clicked answers.
QUESTIONS_SUFFIX = ".vragen.yaml"
ANSWERS_SUFFIX = ".antwoorden.json"

#: The cell that shows the widget with every question.
CHOICES_CELL = "keuzes"
#: The one cell a volunteer may edit: typed answers, as ``getypte_antwoorden = {...}``.
TYPED_CELL = "getypte-antwoorden"
TYPED_NAME = "getypte_antwoorden"
#: The read-only cell that loads clicked and typed answers into ``antwoorden``.
LOAD_CELL = "antwoorden-laden"
ANSWERS_NAME = "antwoorden"
#: The autograded test cell of each question is ``controle-<question id>``.
CHECK_PREFIX = "controle-"
#: The hand-graded reflections: ``reflectie``, ``reflectie-2``; their prompts
#: ``reflectie-vraag``, ``reflectie-vraag-2``.
REFLECTION_CELL = "reflectie"
REFLECTION_PROMPT_CELL = "reflectie-vraag"

#: The functions the cells call (``coursekit.exercise.checks``, re-exported by ``coursekit``).
COLLECT_ANSWERS = "collect_answers"
CHECK_ANSWERED = "check_answered"
CHECK_ANSWER = "check_answer"


def check_cell(question_id: str) -> str:
    """The grade id of a question's test cell."""
    return f"{CHECK_PREFIX}{question_id}"


def reflection_cells(index: int) -> tuple[str, str]:
    """The prompt and answer cell ids of the ``index``-th reflection (1, 2, ...)."""
    suffix = "" if index == 1 else f"-{index}"
    return f"{REFLECTION_PROMPT_CELL}{suffix}", f"{REFLECTION_CELL}{suffix}"
