from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coursekit.checking import check, draw, score
from coursekit.item_bank import Label, Statement, packaged_bank

labels = st.sampled_from(list(Label))


def _statement(label: Label) -> Statement:
    return Statement(
        id="s",
        text="Zin.",
        label=label,
        why="Uitleg.",
        better="Beter." if label is Label.HARMFUL else None,
        guidance=["N1"],
    )


@given(key=labels, answer=labels)
def test_check_is_correct_exactly_when_the_answer_matches_the_key(
    key: Label, answer: Label
) -> None:
    feedback = check(_statement(key), answer)
    assert feedback.correct == (answer is key)
    assert feedback.label is key
    assert feedback.answer is answer
    assert feedback.why == "Uitleg."
    assert (feedback.better is not None) == (key is Label.HARMFUL)


def test_every_bank_statement_is_only_right_with_its_own_label() -> None:
    for statement in packaged_bank("statements_n").statements:
        other = Label.HELPFUL if statement.label is Label.HARMFUL else Label.HARMFUL
        assert check(statement, statement.label).correct
        assert not check(statement, other).correct


@given(answers=st.lists(st.tuples(labels, labels), max_size=30))
def test_score_counts_the_correct_answers(answers: list[tuple[Label, Label]]) -> None:
    results = [check(_statement(key), answer) for key, answer in answers]
    total = score(results)
    assert total.total == len(answers)
    assert total.correct == sum(1 for key, answer in answers if key is answer)


@given(seed=st.integers())
def test_a_draw_is_a_permutation_and_the_same_seed_repeats_it(seed: int) -> None:
    statements = packaged_bank("statements_n").statements
    first = draw(statements, seed)
    assert first == draw(statements, seed)
    assert sorted(s.id for s in first) == sorted(s.id for s in statements)


def test_different_seeds_give_different_orders() -> None:
    statements = packaged_bank("statements_n").statements
    orders = {tuple(s.id for s in draw(statements, seed)) for seed in range(20)}
    assert len(orders) > 1
