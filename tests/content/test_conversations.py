"""Dialogue graphs are data, validated on load: one sentence per problem."""

from __future__ import annotations

import pytest
import yaml

from coursekit.content.banks import parse_bank_model
from coursekit.content.conversations import (
    Conversation,
    endings_reached_both_ways,
)
from coursekit.content.errors import CourseDataError
from coursekit.content.kinds import CONVERSATIONS, packaged_item, packaged_items


def _choice(next_id: str) -> dict[str, object]:
    return {"text": "Zin.", "next": next_id, "helps": True, "note": "Uitleg.", "guidance": ["H2"]}


def _graph(turns: dict[str, list[str]], endings: list[str], start: str = "a") -> str:
    return yaml.safe_dump(
        {
            "schema_version": 1,
            "id": "test",
            "title": "Test",
            "who": "Lisa",
            "intro": "Intro.",
            "start": start,
            "turns": {
                # A turn offers two choices at least: one target becomes two equal choices.
                k: {"says": "Hoi.", "choices": [_choice(n) for n in (v * 2 if len(v) == 1 else v)]}
                for k, v in turns.items()
            },
            "endings": {e: {"says": "Dag.", "debrief": "Goed."} for e in endings},
        }
    )


def test_a_sound_graph_with_a_loop_that_has_a_way_out_loads() -> None:
    conversation = parse_bank_model(
        Conversation, _graph({"a": ["b", "einde"], "b": ["a"]}, ["einde"]), "t.yaml"
    )
    assert set(conversation.turns) == {"a", "b"}


@pytest.mark.parametrize(
    ("turns", "endings", "start", "expected"),
    [
        ({"a": ["weg"]}, ["einde"], "a", "beurt 'a' verwijst naar 'weg', die niet bestaat"),
        (
            {"a": ["einde"], "b": ["einde"]},
            ["einde"],
            "a",
            "'b' is vanaf de start niet te bereiken",
        ),
        (
            {"a": ["einde"]},
            ["einde", "ander-einde"],
            "a",
            "'ander-einde' is vanaf de start niet te bereiken",
        ),
        (
            {"a": ["b", "einde"], "b": ["c"], "c": ["b"]},
            ["einde"],
            "a",
            "vanaf beurt 'b' is geen einde te bereiken",
        ),
        ({"a": ["einde"]}, ["einde"], "einde", "de start 'einde' is geen beurt"),
        ({"a": ["a"]}, ["a"], "a", "'a' is zowel een beurt als een einde"),
    ],
)
def test_a_broken_graph_gives_one_sentence_naming_the_file(
    turns: dict[str, list[str]], endings: list[str], start: str, expected: str
) -> None:
    with pytest.raises(CourseDataError) as caught:
        parse_bank_model(Conversation, _graph(turns, endings, start), "gesprekken/kapot.yaml")
    assert str(caught.value).startswith("gesprekken/kapot.yaml")
    assert expected in str(caught.value)


def test_a_turn_without_choices_is_refused() -> None:
    text = _graph({"a": []}, ["einde"])
    with pytest.raises(CourseDataError, match=r"kapot\.yaml"):
        parse_bank_model(Conversation, text, "kapot.yaml")


@pytest.mark.parametrize("conversation_id", [c.id for c in packaged_items(CONVERSATIONS)])
def test_every_packaged_conversation_is_sound_and_has_good_and_poor_choices(
    conversation_id: str,
) -> None:
    conversation = packaged_item(CONVERSATIONS, conversation_id)
    choices = [c for t in conversation.turns.values() for c in t.choices]
    assert any(c.helps for c in choices) and any(not c.helps for c in choices)
    assert len(conversation.endings) >= 2


def test_a_turn_with_one_choice_is_refused_in_dutch() -> None:
    data = yaml.safe_load(_graph({"a": ["einde"]}, ["einde"]))
    data["turns"]["a"]["choices"] = data["turns"]["a"]["choices"][:1]
    with pytest.raises(CourseDataError) as caught:
        parse_bank_model(Conversation, yaml.safe_dump(data), "t.yaml")
    assert "het veld keuzes (choices) heeft minstens 2 nodig" in str(caught.value)


def _with_a_slip(turns: dict[str, list[str]], endings: list[str], slip: tuple[str, int]) -> str:
    """A graph in which one choice (turn, index) does not help."""
    data = yaml.safe_load(_graph(turns, endings))
    data["turns"][slip[0]]["choices"][slip[1]]["helps"] = False
    return yaml.safe_dump(data)


def test_an_ending_reached_with_and_without_a_slip_is_found() -> None:
    # a -> einde helps; a -> b does not, and b -> einde repairs it; b -> dicht is the slip's end.
    text = _with_a_slip(
        {"a": ["einde", "b"], "b": ["einde", "dicht"]}, ["einde", "dicht"], ("a", 1)
    )
    conversation = parse_bank_model(Conversation, text, "t.yaml")
    assert endings_reached_both_ways(conversation) == ["einde"]


def test_an_ending_reached_only_after_a_slip_needs_no_second_debrief() -> None:
    text = _with_a_slip(
        {"a": ["b", "einde"], "b": ["dicht", "dicht"]}, ["einde", "dicht"], ("a", 0)
    )
    conversation = parse_bank_model(Conversation, text, "t.yaml")
    assert endings_reached_both_ways(conversation) == []


def test_the_debrief_after_a_repair_is_chosen_only_when_the_path_slipped() -> None:
    lisa = packaged_item(CONVERSATIONS, "appje-van-lisa")
    ending = lisa.endings["bewijs-bewaard"]
    helpful = [c for t in lisa.turns.values() for c in t.choices if c.helps]
    slip = next(c for c in lisa.turns[lisa.start].choices if not c.helps)
    assert ending.debrief_for(helpful[:2]) == ending.debrief
    assert ending.debrief_for([slip, *helpful[:2]]) == ending.debrief_after_repair
    assert ending.debrief_after_repair != ending.debrief


@pytest.mark.parametrize("conversation_id", [c.id for c in packaged_items(CONVERSATIONS)])
def test_an_ending_reached_after_a_slip_and_without_one_has_a_debrief_for_each(
    conversation_id: str,
) -> None:
    conversation = packaged_item(CONVERSATIONS, conversation_id)
    missing = [
        e
        for e in endings_reached_both_ways(conversation)
        if conversation.endings[e].debrief_after_repair is None
    ]
    assert missing == []
