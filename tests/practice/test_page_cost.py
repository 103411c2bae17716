"""What a module page costs its kernel: few widget models, later parts made when reached,
and a first cell that loads only what the page uses (issue 16, "Cheaper pages").

``python -m benchmarks.voila.models`` measures the same in real kernels, against main.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import ipywidgets as widgets
import nbformat
from ipywidgets.widgets.widget import _instances

import coursekit
from coursekit.practice.binary import BinaryQuiz
from coursekit.practice.controls import PressedButtons
from coursekit.text import learner
from tests.support.course import ROOT
from tests.support.widget_state import button, find_all, tree_state

MODULES = sorted((ROOT / "modules").glob("[0-9][0-9]-*.ipynb"))

# A module page of 14 quizzes made 70 to 340 models before they shared their parts.
MAX_MODELS_PER_CELL = 10


def _code_cells(path: object) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [cell.source for cell in nb.cells if cell.cell_type == "code"]


def _run_module(path: object) -> Counter[str]:
    """Run a module notebook's cells here, as its kernel does; the models it created."""
    before = set(_instances)
    scope: dict[str, object] = {}
    for source in _code_cells(path):
        exec(source, scope)  # the course's own one-line cells
    return Counter(w._model_name for k, w in _instances.items() if k not in before)


def test_every_module_page_creates_few_widget_models() -> None:
    for path in MODULES:
        made = _run_module(path)
        cells = len(_code_cells(path))
        assert sum(made.values()) <= MAX_MODELS_PER_CELL * cells, (path.name, made)
        # Fixed layouts and styles are shared: the ones left are those that show and hide.
        assert made["LayoutModel"] <= cells, (path.name, made)
        assert sum(n for name, n in made.items() if name.endswith("StyleModel")) <= 3, made


def test_a_shared_layout_never_shows_or_hides_another_quiz() -> None:
    first, second = coursekit.sort("N", seed=1), coursekit.sort("N", seed=2)
    button(first, learner.LABEL_HELPFUL).click()
    assert first._next.layout.display is None
    assert second._next.layout.display == "none", "its own layout, still hidden"
    button(second, learner.LABEL_HELPFUL).click()
    button(second, learner.NEXT).click()
    assert first._next.layout.display is None and second._next.layout.display == "none"


def _buttons(widget: widgets.Widget) -> set[str]:
    return {b.description for b in find_all(widget, widgets.Button)}


def _answer_all_wrong(quiz: BinaryQuiz) -> None:
    while not quiz.finished:
        item = quiz._round[quiz._index]
        wrong = learner.LABEL_HARMFUL if item.key == "helpful" else learner.LABEL_HELPFUL
        button(quiz, wrong).click()
        if not quiz.finished:
            button(quiz, learner.NEXT).click()


def test_the_end_of_a_round_is_made_when_the_learner_gets_there() -> None:
    quiz = coursekit.sort("N", seed=11, size=2)
    assert learner.RETRY_MISSED not in _buttons(quiz)
    assert len(find_all(quiz, PressedButtons)) == 1, "no hidden confidence question"
    _answer_all_wrong(quiz)
    assert learner.ROUND_SCORE.format(correct=0, total=2) in tree_state(quiz)
    assert learner.RETRY_MISSED in _buttons(quiz)
    button(quiz, learner.RETRY_MISSED).click()
    assert learner.RETRY_MISSED not in {
        b.description for b in find_all(quiz, widgets.Button) if b.layout.display != "none"
    }

    mastery = coursekit.mastery(5, seed=4, size=5)
    assert learner.MASTERY_RETRY not in _buttons(mastery), "no next round before one ends"
    _answer_all_wrong(mastery.quiz)
    assert learner.MASTERY_RETRY in _buttons(mastery)

    talk = coursekit.conversation("appje-van-lisa")
    assert learner.CONVERSATION_RESTART not in _buttons(talk), "no restart before the end"


# What a module page's first cell may not load: graded mode, notebook files, data tools.
NOT_ON_A_PAGE = (
    "coursekit.exercise",
    "coursekit.grading",
    "nbformat",
    "nbgrader",
    "pandas",
    "matplotlib",
    "sqlalchemy",
)


def test_a_module_pages_first_cell_loads_only_what_the_page_uses() -> None:
    firsts = sorted({_code_cells(path)[0] for path in MODULES})
    code = "\n".join(
        [
            "import json, sys",
            "import ipykernel.ipkernel",
            *firsts,
            "print(json.dumps(sorted(sys.modules)))",
        ]
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT / "modules",
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = json.loads(result.stdout)
    assert "coursekit.api" in loaded, "the check looked at a real import"
    assert [m for m in loaded if m.startswith(NOT_ON_A_PAGE)] == []
