from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from coursekit.exercise.widget import GradedQuiz
from coursekit.practice.controls import AnswerControl, ChoiceGroup, PressedButtons
from tests.support.course import ROOT
from tests.support.widget_state import tree_state

EXERCISE = "wat-niet-helpt"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "exercises" / EXERCISE / f"{EXERCISE}.vragen.yaml", tmp_path)
    return tmp_path


def _choices(widget: GradedQuiz) -> list[AnswerControl]:
    return [w for w in widget.children if isinstance(w, AnswerControl)]


def test_clicking_saves_the_answers_file(folder: Path) -> None:
    widget = GradedQuiz(EXERCISE, folder)
    choices = _choices(widget)
    assert len(choices) == 8 and all(c.value is None for c in choices)
    assert isinstance(choices[7], ChoiceGroup), "the scenario is a choice of a-c"
    assert all(isinstance(c, PressedButtons) for c in choices[:7]), "two answers: pressed"
    assert choices[0].label.startswith("Vraag 1: ")
    choices[0].value = "harmful"
    choices[2].value = "helpful"
    choices[6].value = "false"
    choices[7].value = "b"
    saved = json.loads((folder / f"{EXERCISE}.antwoorden.json").read_text(encoding="utf-8"))
    assert saved == {
        "schema_version": 1,
        "exercise": EXERCISE,
        "answers": {"k1": "b", "w1": "false", "z1": "harmful", "z3": "helpful"},
    }
    assert "4 van 8" in tree_state(widget)


def test_reopening_shows_the_saved_choices(folder: Path) -> None:
    _choices(GradedQuiz(EXERCISE, folder))[1].value = "helpful"
    again = _choices(GradedQuiz(EXERCISE, folder))
    assert [c.value for c in again] == [None, "helpful", None, None, None, None, None, None]


def test_a_save_failure_is_shown_not_raised(folder: Path) -> None:
    widget = GradedQuiz(EXERCISE, folder)
    # A directory where the file should be: writing fails on any account, root included.
    (folder / f"{EXERCISE}.antwoorden.json").mkdir()
    _choices(widget)[0].value = "helpful"
    assert "niet bewaard" in tree_state(widget)
