"""Every question type through its public API, driven with .click() and trait values."""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets
import pytest
import traitlets
from ipywidgets.widgets.widget import _instances

import coursekit
from coursekit.content.facts import facts
from coursekit.content.guidance import guidance_title
from coursekit.content.kinds import (
    CLAIMS,
    CONVERSATIONS,
    KINDS,
    REFLECTIONS,
    SCENARIOS,
    SITUATIONS,
    packaged_item,
    packaged_items,
)
from coursekit.practice import controls
from coursekit.practice.controls import ChoiceGroup
from coursekit.practice.shared import is_shared
from coursekit.practice.true_false import TrueFalse
from coursekit.text import learner
from tests.support.key_material import all_secrets, secrets
from tests.support.widget_state import button, find_all, tree_state

# Every practice widget, and the item kind whose key material it must keep back.
WIDGETS: dict[str, tuple[Callable[[], widgets.Widget], str]] = {
    "statement sort": (lambda: coursekit.sort("N", seed=1, confidence=True), "statements"),
    "true or false": (lambda: coursekit.true_or_false(seed=1), "claims"),
    "numbers": (coursekit.numbers, "situations"),
    "scenario": (lambda: coursekit.scenario("sc-sam-aanstellen"), "scenarios"),
    "conversation": (lambda: coursekit.conversation("appje-van-lisa"), "conversations"),
    "reflection": (lambda: coursekit.reflection("refl-goed-bedoeld"), "reflections"),
    "recap": (lambda: coursekit.recap(5, seed=1), "statements"),
    "mastery": (lambda: coursekit.mastery(5, seed=1), "statements"),
}


def test_every_registered_kind_has_a_widget_under_the_key_leak_test() -> None:
    assert {kind.name for kind in KINDS} <= {kind for _make, kind in WIDGETS.values()}


@pytest.mark.parametrize("widget", WIDGETS)
def test_no_key_or_explanation_in_widget_state_before_answering(widget: str) -> None:
    make, kind = WIDGETS[widget]
    state = tree_state(make())
    leaked = [s for s in secrets(kind) if s in state]
    assert leaked == []
    assert learner.CORRECT not in state and learner.INCORRECT not in state


def _controls(widget: widgets.Widget) -> list[controls._Control]:
    return [w for w in find_all(widget, widgets.DOMWidget) if isinstance(w, controls._Control)]


def test_an_answer_control_takes_only_one_of_its_options() -> None:
    quiz = coursekit.scenario("sc-sam-aanstellen")
    with pytest.raises(traitlets.TraitError):
        _radio(quiz).value = "z"  # what a forged message from the page would set
    assert _radio(quiz).value is None and quiz.attempts == []


def _from_page(control: widgets.Widget, content: dict[str, str]) -> None:
    """What the kernel gets when controls.js sends ``content`` (a custom comm message)."""
    control._handle_msg(
        {"content": {"data": {"method": "custom", "content": content}}, "buffers": []}
    )


def test_choices_from_the_page_are_taken_in_order_and_not_sent_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A learner who picks c, then quickly a, and checks: a is checked. The page sends each
    choice as a message (a state change could be held back by ipywidgets until after the
    click on Controleer), and the kernel does not send a choice back to the page, where a
    late copy of c would replace the a on screen. A forged option is ignored."""
    quiz = coursekit.scenario("sc-sam-aanstellen")
    radio = _radio(quiz)
    sent: list[dict[str, object]] = []
    monkeypatch.setattr(radio.comm, "send", lambda data=None, **_kw: sent.append(data))
    for value in ("c", "a", "z"):
        _from_page(radio, {"do": "choose", "value": value})
    assert radio.value == "a"
    updates = [d for d in sent if d.get("method") == "update"]
    assert [d for d in updates if "value" in d["state"]] == [], "no choice is sent back"  # type: ignore[operator]
    button(quiz, learner.CHECK).click()
    assert [a.answer for a in quiz.attempts] == ["a"]


def test_every_answer_control_is_under_the_key_leak_test() -> None:
    public = [
        c
        for name, c in vars(controls).items()
        if isinstance(c, type) and issubclass(c, controls._Control) and name[0] != "_"
    ]
    kinds = {c for c in public if "kind" in vars(c)}  # the ones controls.js draws
    assert len(kinds) == 3
    made = [c for make, _kind in WIDGETS.values() for c in _controls(make())]
    assert [k for k in kinds if not any(isinstance(c, k) for c in made)] == []


@pytest.mark.parametrize("widget", WIDGETS)
def test_each_answer_control_holds_no_key_and_each_live_region_starts_empty(widget: str) -> None:
    make, kind = WIDGETS[widget]
    made = _controls(make())
    assert made, "the quiz answers with the accessible controls"
    regions = [c for c in made if isinstance(c, controls.LiveRegion)]
    assert len(regions) == 1, "one live region per quiz"
    for control in made:
        state = json.dumps(control.get_state(), ensure_ascii=False)
        assert [s for s in secrets(kind) if s in state] == [], type(control).__name__
        assert learner.CORRECT not in state and learner.INCORRECT not in state
    # On the page from the start, empty: its first text is announced.
    assert [r.value for r in regions] == [""]


def _radio(widget: widgets.Widget) -> ChoiceGroup:
    (radio,) = find_all(widget, ChoiceGroup)
    return radio


def test_scenario_gives_feedback_per_answer_and_allows_another_try() -> None:
    scenario = next(s for s in packaged_items(SCENARIOS) if s.id == "sc-sam-aanstellen")
    quiz = coursekit.scenario(scenario.id)
    check = button(quiz, learner.CHECK)
    check.click()
    assert learner.SCENARIO_CHOOSE_FIRST in tree_state(quiz)
    wrong = next(o for o in scenario.options if o.id != scenario.best)
    _radio(quiz).value = wrong.id
    check.click()
    state = tree_state(quiz)
    assert learner.INCORRECT in state and learner.TRY_AGAIN in state
    assert html.escape(wrong.feedback) in state
    assert html.escape(scenario.option(scenario.best).feedback) not in state
    _radio(quiz).value = scenario.best
    check.click()
    assert html.escape(scenario.option(scenario.best).feedback) in tree_state(quiz)
    assert _radio(quiz).disabled and check.disabled
    assert [(a.answer, a.correct, a.first_try) for a in quiz.attempts] == [
        (wrong.id, False, True),
        (scenario.best, True, False),
    ]


def test_conversation_leads_through_reactions_to_a_debrief_naming_the_guidance() -> None:
    lisa = packaged_item(CONVERSATIONS, "appje-van-lisa")
    practice = coursekit.conversation(lisa.id)
    send = button(practice, learner.CONVERSATION_SEND)
    node = lisa.start
    while True:
        choice = lisa.turns[node].choices[0]
        _radio(practice).choose("0")
        send.click()
        state = tree_state(practice)
        assert html.escape(choice.note) in state
        if choice.next in lisa.endings:
            break
        assert html.escape(lisa.turns[choice.next].says) in state
        node = choice.next
    ending = lisa.endings[choice.next]
    state = tree_state(practice)
    assert html.escape(ending.debrief) in state
    for choice in practice.path:
        for gid in choice.guidance:
            assert html.escape(guidance_title(gid)) in state
    restart = button(practice, learner.CONVERSATION_RESTART)
    restart.click()
    assert practice.path == []
    assert html.escape(ending.debrief) not in tree_state(practice)


def test_a_reply_is_judged_under_it_in_the_transcript_and_read_out_verdict_first() -> None:
    lisa = packaged_item(CONVERSATIONS, "appje-van-lisa")
    practice = coursekit.conversation(lisa.id)
    choice = lisa.turns[lisa.start].choices[0]
    _radio(practice).choose("0")
    button(practice, learner.CONVERSATION_SEND).click()
    transcript = practice._transcript.value
    reply = transcript.index(html.escape(choice.text))
    note = transcript.index(html.escape(choice.note))
    next_message = transcript.index(html.escape(lisa.turns[choice.next].says))
    assert reply < note < next_message
    (region,) = [c for c in _controls(practice) if isinstance(c, controls.LiveRegion)]
    verdict = learner.CONVERSATION_HELPS if choice.helps else learner.CONVERSATION_DOES_NOT_HELP
    assert region.hidden_visually and region.value.index(verdict) < region.value.index(
        html.escape(lisa.turns[choice.next].says)
    )
    assert region.reveal == '.coursekit-transcript .coursekit-note[data-step="1"]'
    assert "coursekit-note" not in region.value, "the page scrolls to the transcript's note"


def test_a_conversation_after_a_repaired_slip_ends_with_the_debrief_for_that_path() -> None:
    lisa = packaged_item(CONVERSATIONS, "appje-van-lisa")
    practice = coursekit.conversation(lisa.id)
    send = button(practice, learner.CONVERSATION_SEND)
    node = lisa.start
    slip = next(i for i, c in enumerate(lisa.turns[node].choices) if not c.helps)
    while node in lisa.turns:
        choices = lisa.turns[node].choices
        index = slip if not practice.path else next(i for i, c in enumerate(choices) if c.helps)
        _radio(practice).choose(str(index))
        send.click()
        node = choices[index].next
    ending = lisa.endings[node]
    assert ending.debrief_after_repair is not None
    state = tree_state(practice)
    assert html.escape(ending.debrief_after_repair) in state
    assert html.escape(ending.debrief) not in state


def test_true_or_false_fills_in_numbers_from_the_facts_file() -> None:
    # The claim "Bij direct gevaar bel je {alarmnummer}." (facts_m4.yaml), drawn from its
    # point alone: other X1 claims name no number.
    claim = packaged_item(CLAIMS, "f-alarmnummer")
    quiz = TrueFalse([claim], seed=0)
    state = tree_state(quiz)
    assert "{" + "alarmnummer}" not in state
    assert facts().line("alarmnummer").number in state
    button(quiz, learner.LABEL_TRUE).click()
    assert learner.CORRECT in tree_state(quiz) or learner.INCORRECT in tree_state(quiz)


def test_numbers_reveal_the_why_only_for_the_right_line() -> None:
    match = coursekit.numbers()
    situations = packaged_items(SITUATIONS)
    dropdowns = find_all(match, widgets.Dropdown)
    wrong_line = next(line.id for line in facts().help_lines if line.id != situations[0].line)
    dropdowns[0].value = wrong_line
    dropdowns[1].value = situations[1].line
    button(match, learner.CHECK).click()
    state = tree_state(match)
    assert html.escape(situations[0].why) not in state and learner.TRY_AGAIN in state
    assert html.escape(situations[1].why) in state and dropdowns[1].disabled
    assert learner.NUMBERS_UNANSWERED in state
    assert [(a.item_id, a.correct) for a in match.attempts] == [
        (situations[0].id, False),
        (situations[1].id, True),
    ]


def test_a_wrong_line_says_not_right_once() -> None:
    match = coursekit.numbers()
    situation = packaged_items(SITUATIONS)[0]
    wrong = next(line for line in facts().help_lines if line.id != situation.line)
    find_all(match, widgets.Dropdown)[0].value = wrong.id
    button(match, learner.CHECK).click()
    feedback = find_all(match, widgets.HTML)
    said = " ".join(w.value for w in feedback if wrong.name in w.value)
    word = learner.INCORRECT.removeprefix("✘").strip().rstrip(".")
    assert said.count(word) == 1, said
    assert learner.TRY_AGAIN in said


def test_reflection_shows_the_model_answer_after_writing_and_stores_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    home = Path(os.environ["HOME"])
    before = sorted(home.rglob("*"))
    box = coursekit.reflection("refl-goed-bedoeld")
    show = button(box, learner.REFLECTION_SHOW)
    assert show.disabled
    (text,) = find_all(box, widgets.Textarea)
    text.value = "Ik zou eerst luisteren."
    assert not show.disabled
    show.click()
    model = next(r for r in packaged_items(REFLECTIONS) if r.id == "refl-goed-bedoeld").model_answer
    assert html.escape(model) in tree_state(box)
    assert list(tmp_path.iterdir()) == [] and sorted(home.rglob("*")) == before


def test_recap_draws_three_to_five_items_from_earlier_modules() -> None:
    quiz = coursekit.recap(5, size=9, seed=3)
    assert "Vraag 1 van 5" in tree_state(quiz)
    first = coursekit.recap(1)
    assert learner.RECAP_NOTHING in tree_state(first)


def _finish(quiz: widgets.Widget, answer: Callable[[str], str]) -> None:
    from coursekit.practice.binary import BinaryQuiz

    assert isinstance(quiz, BinaryQuiz)
    while not quiz.finished:
        item = quiz._round[quiz._index]
        button(quiz, answer(item.key)).click()
        if not quiz.finished:
            button(quiz, learner.NEXT).click()


def _label(key: str) -> str:
    return learner.LABEL_HELPFUL if key == "helpful" else learner.LABEL_HARMFUL


def _wrong_label(key: str) -> str:
    return learner.LABEL_HARMFUL if key == "helpful" else learner.LABEL_HELPFUL


def test_mastery_is_reached_with_all_right_on_first_tries() -> None:
    mastery = coursekit.mastery(5, seed=4, size=5)
    _finish(mastery.quiz, _label)
    assert mastery.mastered
    assert "Module klaar" in tree_state(mastery)


def _marks(widget: widgets.Widget) -> list[str]:
    """The module-done marks in a widget's state, as HTML."""
    pattern = r"<span hidden data-coursekit-afgerond=[^>]*></span>"
    return [m for w in find_all(widget, widgets.HTML) for m in re.findall(pattern, w.value)]


def test_a_closing_quiz_marks_the_page_with_the_module_id_and_score_only_at_mastery() -> None:
    mastery = coursekit.mastery(1, seed=4, size=5)
    assert "data-coursekit-afgerond" not in tree_state(mastery)
    first = mastery.quiz._round[0]
    button(mastery.quiz, _wrong_label(first.key)).click()
    button(mastery.quiz, learner.NEXT).click()
    _finish(mastery.quiz, _label)
    assert mastery.mastered
    assert _marks(mastery) == [
        '<span hidden data-coursekit-afgerond="wat-is-stalking" data-goed="4" data-van="5"></span>'
    ]


def test_below_mastery_and_in_the_course_review_there_is_no_mark() -> None:
    below = coursekit.mastery(1, seed=4, size=5)
    _finish(below.quiz, _wrong_label)
    assert not below.mastered and _marks(below) == []
    review = coursekit.review(size=4, seed=1)
    _finish(review.quiz, _label)
    assert review.mastered and _marks(review) == []


def test_the_mark_carries_no_key_material() -> None:
    mastery = coursekit.mastery(5, seed=1)
    _finish(mastery.quiz, _label)
    (mark,) = _marks(mastery)
    assert [s for s in all_secrets() if s in mark] == []


def test_below_the_threshold_a_new_round_brings_fresh_items() -> None:
    mastery = coursekit.mastery(5, seed=4, size=5)
    first = {item.id for item in mastery.quiz._round}
    _finish(mastery.quiz, _wrong_label)
    assert not mastery.mastered
    button(mastery, learner.MASTERY_RETRY).click()
    second = {item.id for item in mastery.quiz._round}
    assert first.isdisjoint(second), "the pool has fresh items, so the new round uses them"
    _finish(mastery.quiz, _label)
    assert mastery.mastered


def test_new_rounds_close_the_old_round_so_the_kernel_does_not_grow() -> None:
    """The "new round" button is hidden, not gone: a script can click it again and again
    over the websocket. Each round replaced must leave the kernel's widget registry."""
    mastery = coursekit.mastery(5, seed=4, size=5)
    _finish(mastery.quiz, _wrong_label)
    (again,) = [
        b for b in find_all(mastery, widgets.Button) if b.description == learner.MASTERY_RETRY
    ]
    again.click()
    assert again.layout.display == "none", "hidden, yet a message can still click it"
    again.click()
    live = len(_instances)
    first_round = mastery.quiz
    for _ in range(40):
        again.click()
    assert len(_instances) <= live
    assert first_round.comm is None, "the replaced round is closed"
    own = [w for w in (first_round.layout, *find_all(first_round, widgets.Widget))]
    assert all(w.comm is None for w in own if not is_shared(w)), (
        "its children, layouts and styles too"
    )
    assert all(w.comm is not None for w in own if is_shared(w)), (
        "but not the parts every quiz on the page shares"
    )
    assert mastery.quiz.comm is not None and again.comm is not None


def test_numbers_draws_a_given_number_of_situations_for_some_guidance() -> None:
    quiz = coursekit.numbers(["X1"], size=3, seed=1)
    shown = [s for s in packaged_items(SITUATIONS) if html.escape(s.text) in tree_state(quiz)]
    assert len(shown) == 3 and all("X1" in s.guidance for s in shown)
