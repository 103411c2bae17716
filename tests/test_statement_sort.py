from __future__ import annotations

import html

import ipywidgets as widgets
import pytest

from coursekit import sort, strings
from coursekit.item_bank import Label, Statement, packaged_bank
from coursekit.statement_sort import StatementSort
from tests.widget_state import tree_state

BANK = packaged_bank("statements_n")


def _buttons(quiz: StatementSort) -> dict[str, widgets.Button]:
    found: dict[str, widgets.Button] = {}

    def walk(w: widgets.Widget) -> None:
        if isinstance(w, widgets.Button):
            found[w.description] = w
        for child in getattr(w, "children", ()):
            walk(child)

    walk(quiz)
    return found


def _current(quiz: StatementSort) -> Statement:
    state = tree_state(quiz)
    matches = [s for s in BANK.statements if html.escape(s.text) in state or s.text in state]
    assert len(matches) == 1, "exactly one statement is on screen"
    return matches[0]


def _key_material(statement: Statement) -> list[str]:
    material = [statement.why, html.escape(statement.why), statement.label.value]
    if statement.better:
        material += [statement.better, html.escape(statement.better)]
    return material


def test_no_label_or_explanation_is_in_widget_state_before_answering() -> None:
    quiz = sort("N", seed=1)
    state = tree_state(quiz)
    for statement in BANK.statements:
        for secret in _key_material(statement):
            assert secret not in state
    assert strings.SORT_CORRECT not in state and strings.SORT_INCORRECT not in state


@pytest.mark.parametrize("right", [True, False])
def test_answering_shows_verdict_why_and_better_sentence(right: bool) -> None:
    quiz = sort("N", seed=3)
    statement = _current(quiz)
    wrong = Label.HELPFUL if statement.label is Label.HARMFUL else Label.HARMFUL
    answer = statement.label if right else wrong
    text = strings.LABEL_HELPFUL if answer is Label.HELPFUL else strings.LABEL_HARMFUL
    _buttons(quiz)[text].click()
    state = tree_state(quiz)
    assert (strings.SORT_CORRECT if right else strings.SORT_INCORRECT) in state
    assert strings.SORT_YOU_CHOSE.format(answer=text) in state
    assert html.escape(statement.why) in state
    if statement.better:
        assert html.escape(statement.better) in state
    assert quiz.results[0].correct is right


def test_answering_one_statement_reveals_nothing_of_the_others() -> None:
    quiz = sort("N", seed=5)
    first = _current(quiz)
    _buttons(quiz)[strings.LABEL_HELPFUL].click()
    state = tree_state(quiz)
    for statement in BANK.statements:
        if statement.id != first.id:
            assert html.escape(statement.why) not in state


def test_a_second_click_on_the_same_statement_counts_once() -> None:
    quiz = sort("N", seed=7)
    buttons = _buttons(quiz)
    buttons[strings.LABEL_HELPFUL].click()
    buttons[strings.LABEL_HARMFUL].click()
    assert len(quiz.results) == 1


def test_going_through_every_statement_ends_with_the_score() -> None:
    quiz = sort("N", seed=11)
    buttons = _buttons(quiz)
    expected = 0
    total = len(BANK.select("N"))
    for number in range(total):
        statement = _current(quiz)
        buttons[strings.LABEL_HARMFUL].click()
        expected += statement.label is Label.HARMFUL
        if number < total - 1:
            assert buttons[strings.SORT_NEXT].layout.display is None
            buttons[strings.SORT_NEXT].click()
    state = tree_state(quiz)
    assert strings.SORT_SCORE.format(correct=expected, total=total) in state
    assert buttons[strings.SORT_NEXT].layout.display == "none"


def test_sort_for_one_point_only_asks_its_statements() -> None:
    quiz = sort("N4", seed=0)
    assert {s.id for s in BANK.select("N4")} == {_current(quiz).id}


def test_sort_refuses_a_section_without_statements() -> None:
    with pytest.raises(ValueError, match="no practice statements"):
        sort("W")
