from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coursekit.content.kinds import (
    CLAIMS,
    CONVERSATIONS,
    SCENARIOS,
    STATEMENTS,
    packaged_item,
    packaged_items,
)
from coursekit.content.statements import Label, Statement
from coursekit.practice.checking import (
    Attempt,
    Score,
    check,
    check_scenario,
    draw,
    is_mastered,
    missed,
    next_pool,
    score,
    take,
    touched_guidance,
)
from tests.support.banks import packaged_file

labels = st.sampled_from([label.value for label in Label])
BANK = packaged_file(STATEMENTS, "statements_m6.yaml")


def _statement(label: str, item_id: str = "s") -> Statement:
    return Statement(
        id=item_id,
        text="Zin.",
        label=Label(label),
        why="Uitleg.",
        better="Beter." if label == "harmful" else None,
        guidance=["N1"],
    )


@given(key=labels, answer=labels)
def test_check_is_correct_exactly_when_the_answer_matches_the_key(key: str, answer: str) -> None:
    feedback = check(_statement(key), answer)
    assert feedback.correct == (answer == key)
    assert (feedback.key, feedback.answer, feedback.why) == (key, answer, "Uitleg.")
    assert (feedback.better is not None) == (key == "harmful")


def test_every_bank_statement_is_only_right_with_its_own_label() -> None:
    for statement in BANK.statements:
        other = "helpful" if statement.label is Label.HARMFUL else "harmful"
        assert check(statement, statement.key).correct
        assert not check(statement, other).correct


def test_every_claim_is_only_right_with_its_own_truth() -> None:
    for claim in packaged_items(CLAIMS):
        assert check(claim, claim.key).correct
        assert not check(claim, "false" if claim.is_true else "true").correct


def test_every_scenario_has_exactly_one_right_answer() -> None:
    for scenario in packaged_items(SCENARIOS):
        right = [o.id for o in scenario.options if check_scenario(scenario, o.id).correct]
        assert right == [scenario.best]


@given(results=st.lists(st.tuples(st.booleans(), st.booleans()), max_size=30))
def test_score_counts_first_tries_only(results: list[tuple[bool, bool]]) -> None:
    attempts = [Attempt(f"i{n}", "a", correct, first) for n, (correct, first) in enumerate(results)]
    total = score(attempts)
    assert total.total == sum(1 for _c, first in results if first)
    assert total.correct == sum(1 for c, first in results if c and first)
    assert missed(attempts) == [f"i{n}" for n, (c, first) in enumerate(results) if first and not c]


@given(seed=st.integers(), size=st.none() | st.integers(min_value=0, max_value=20))
def test_a_draw_is_a_permutation_and_the_same_seed_repeats_it(seed: int, size: int | None) -> None:
    statements = BANK.statements
    first = draw(statements, seed, size)
    assert first == draw(statements, seed, size)
    expected = len(statements) if size is None else min(size, len(statements))
    assert len({s.id for s in first}) == len(first) == expected
    assert {s.id for s in first} <= {s.id for s in statements}


def test_different_seeds_give_different_orders() -> None:
    orders = {tuple(s.id for s in draw(BANK.statements, seed)) for seed in range(20)}
    assert len(orders) > 1


@given(correct=st.integers(0, 20), extra=st.integers(0, 20), threshold=st.floats(0.05, 1.0))
def test_mastery_is_reached_exactly_at_the_threshold(
    correct: int, extra: int, threshold: float
) -> None:
    result = Score(correct=correct, total=correct + extra)
    assert is_mastered(result, threshold) == (
        result.total > 0 and correct / result.total >= threshold
    )


def test_mastery_at_eighty_percent() -> None:
    assert is_mastered(Score(8, 10), 0.8)
    assert not is_mastered(Score(7, 10), 0.8)
    assert not is_mastered(Score(0, 0), 0.8)


@given(
    seen=st.sets(st.sampled_from([s.id for s in BANK.statements])),
    size=st.integers(1, 14),
    seed=st.integers(),
)
def test_a_retry_takes_fresh_items_first(seen: set[str], size: int, seed: int) -> None:
    chosen = next_pool(BANK.statements, seen, size, seed)
    fresh = [s for s in BANK.statements if s.id not in seen]
    assert len(chosen) == min(size, len(BANK.statements))
    taken_fresh = [s for s in chosen if s.id not in seen]
    assert len(taken_fresh) == min(len(fresh), size)
    assert chosen[: len(taken_fresh)] == taken_fresh


def test_a_conversation_path_names_the_guidance_it_touched() -> None:
    lisa = packaged_item(CONVERSATIONS, "appje-van-lisa")
    node, path = lisa.start, []
    while True:
        step = take(lisa, node, 0)
        path.append(step.choice)
        if step.ended:
            break
        node = step.next_id
    assert path[0].helps
    assert touched_guidance(path)[:2] == list(path[0].guidance)
    assert len(touched_guidance(path)) == len({g for c in path for g in c.guidance})
