from __future__ import annotations

import html

import ipywidgets as widgets
import pytest

from coursekit import sort
from coursekit.content.kinds import STATEMENTS, packaged_items
from coursekit.content.statements import Label, Statement, StatementBank
from coursekit.practice.controls import PressedButtons
from coursekit.practice.statement_sort import StatementSort
from coursekit.text import learner
from tests.support.widget_state import AnswerButton, answer_buttons, find_all, tree_state

# Every packaged statement: sort("N") draws from every bank whose items teach an N point.
BANK = StatementBank(schema_version=1, title="alle", statements=list(packaged_items(STATEMENTS)))


def _buttons(quiz: StatementSort) -> dict[str, widgets.Button | AnswerButton]:
    found: list[widgets.Button | AnswerButton] = [*find_all(quiz, widgets.Button)]
    return {b.description: b for b in [*found, *answer_buttons(quiz)]}


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
    assert learner.CORRECT not in state and learner.INCORRECT not in state


@pytest.mark.parametrize("right", [True, False])
def test_answering_shows_verdict_why_and_better_sentence(right: bool) -> None:
    quiz = sort("N", seed=3)
    statement = _current(quiz)
    wrong = Label.HELPFUL if statement.label is Label.HARMFUL else Label.HARMFUL
    answer = statement.label if right else wrong
    text = learner.LABEL_HELPFUL if answer is Label.HELPFUL else learner.LABEL_HARMFUL
    _buttons(quiz)[text].click()
    state = tree_state(quiz)
    assert (learner.CORRECT if right else learner.INCORRECT) in state
    assert learner.YOU_CHOSE.format(answer=text) in state
    assert html.escape(statement.why) in state
    if statement.better:
        assert html.escape(statement.better) in state
    assert quiz.attempts[0].correct is right


def test_answering_one_statement_reveals_nothing_of_the_others() -> None:
    quiz = sort("N", seed=5)
    first = _current(quiz)
    _buttons(quiz)[learner.LABEL_HELPFUL].click()
    state = tree_state(quiz)
    for statement in BANK.statements:
        if statement.id != first.id:
            assert html.escape(statement.why) not in state


def test_a_second_click_on_the_same_statement_counts_once() -> None:
    quiz = sort("N", seed=7)
    buttons = _buttons(quiz)
    buttons[learner.LABEL_HELPFUL].click()
    buttons[learner.LABEL_HARMFUL].click()
    assert len(quiz.attempts) == 1


def test_going_through_every_statement_ends_with_the_score() -> None:
    quiz = sort("N", seed=11)
    buttons = _buttons(quiz)
    expected = 0
    total = len(BANK.select("N"))
    for number in range(total):
        statement = _current(quiz)
        buttons[learner.LABEL_HARMFUL].click()
        expected += statement.label is Label.HARMFUL
        if number < total - 1:
            assert buttons[learner.NEXT].layout.display is None
            buttons[learner.NEXT].click()
    state = tree_state(quiz)
    assert learner.ROUND_SCORE.format(correct=expected, total=total) in state
    assert buttons[learner.NEXT].layout.display == "none"
    wrong = [s for s in BANK.select("N") if s.label is Label.HELPFUL]
    for statement in wrong:
        assert html.escape(statement.why) in state, "missed statements are listed with their why"
    # The retry button is made at the end of the round, not with the page.
    assert _buttons(quiz)[learner.RETRY_MISSED].layout.display is None


def test_retry_asks_only_the_missed_statements_and_counts_no_first_tries() -> None:
    quiz = sort("N", seed=13)
    buttons = _buttons(quiz)
    total = len(BANK.select("N"))
    for number in range(total):
        buttons[learner.LABEL_HARMFUL].click()
        if number < total - 1:
            buttons[learner.NEXT].click()
    helpful = {s.id for s in BANK.select("N") if s.label is Label.HELPFUL}
    assert set(quiz.first_try_missed()) == helpful
    _buttons(quiz)[learner.RETRY_MISSED].click()
    asked = set()
    for number in range(len(helpful)):
        asked.add(_current(quiz).id)
        buttons[learner.LABEL_HELPFUL].click()
        if number < len(helpful) - 1:
            buttons[learner.NEXT].click()
    assert asked == helpful
    retries = [a for a in quiz.attempts if not a.first_try]
    assert len(retries) == len(helpful) and all(a.correct for a in retries)
    assert learner.ROUND_ALL_RIGHT in tree_state(quiz)


def test_confidence_is_recorded_with_the_answer() -> None:
    quiz = sort("N", seed=2, confidence=True)
    (sure,) = (c for c in find_all(quiz, PressedButtons) if c.label == learner.CONFIDENCE)
    assert sure.layout.display is None and sure.show_label
    _buttons(quiz)[learner.CONFIDENCE_UNSURE].click()
    _buttons(quiz)[learner.LABEL_HELPFUL].click()
    assert quiz.attempts[0].confidence == learner.CONFIDENCE_UNSURE
    # Answered: both questions keep what was chosen (aria-pressed) and take no other.
    assert sure.disabled and sure.value == learner.CONFIDENCE_UNSURE
    _buttons(quiz)[learner.CONFIDENCE_SURE].click()
    assert sure.value == learner.CONFIDENCE_UNSURE


def test_sort_for_one_point_only_asks_its_statements() -> None:
    quiz = sort("N4", seed=0)
    assert _current(quiz).id in {s.id for s in BANK.select("N4")}
    assert f"Vraag 1 van {len(BANK.select('N4'))}" in tree_state(quiz)


def test_sort_refuses_a_section_without_statements() -> None:
    with pytest.raises(ValueError, match="no practice statements"):
        sort("Q1")


def test_sort_draws_by_several_points_and_size() -> None:
    quiz = sort(["N4", "N7"], seed=0, size=1)
    assert _current(quiz).id in {s.id for s in BANK.select("N4") + BANK.select("N7")}
    assert "Vraag 1 van 1" in tree_state(quiz)


def test_sort_draws_by_module_number() -> None:
    quiz = sort(6, seed=0)
    assert f"Vraag 1 van {len(BANK.select('N'))}" in tree_state(quiz)
