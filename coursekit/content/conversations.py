"""Conversations: a branching dialogue with a simulated loved one, as data.

A conversation is a graph. Each node is something the loved one says, with the
choices the learner has; each choice leads to another node or to an ending; each
ending has a debrief. The graph is validated on load: every ``next`` exists, every
node and every ending can be reached from the start, and from every node some
ending can be reached (no dead ends, no loop without a way out).

An ending that a learner can reach both on a path where every choice helped and on a
path that took an unhelpful choice first has a second debrief, ``debrief_after_repair``,
so that the debrief never praises what the learner did not do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coursekit.content.guidance import known_guidance
from coursekit.text import editor

NodeId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, Field(min_length=1)]


class Choice(BaseModel):
    """Something the learner can say, where it leads, and why it helps or not."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: Text
    next: NodeId
    helps: bool
    note: Text
    guidance: Annotated[list[str], Field(min_length=1)]

    _known_guidance = field_validator("guidance")(known_guidance)


class Turn(BaseModel):
    """What the loved one says, and the learner's choices."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    says: Text
    choices: Annotated[list[Choice], Field(min_length=2, max_length=4)]


class Ending(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    says: Text
    #: The debrief after a path on which every choice helped.
    debrief: Text
    #: The debrief instead, after a path that took a choice that did not help.
    debrief_after_repair: Text | None = None

    def debrief_for(self, path: Iterable[Choice]) -> str:
        """The debrief that fits the path the learner took to this ending."""
        if self.debrief_after_repair is not None and any(not c.helps for c in path):
            return self.debrief_after_repair
        return self.debrief


class Conversation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    id: NodeId
    title: Text
    who: Text
    intro: Text
    start: NodeId
    turns: dict[NodeId, Turn]
    endings: Annotated[dict[NodeId, Ending], Field(min_length=1)]

    @model_validator(mode="after")
    def _graph_is_sound(self) -> Conversation:
        problem = graph_problem(self)
        if problem:
            raise ValueError(problem)
        return self


def graph_problem(conversation: Conversation) -> str | None:
    """The first problem with the dialogue graph, as a Dutch phrase, or None if it is sound."""
    turns, endings = conversation.turns, conversation.endings
    both = set(turns) & set(endings)
    if both:
        return editor.ERR_TURN_AND_ENDING.format(node=sorted(both)[0])
    if conversation.start not in turns:
        return editor.ERR_START_NOT_TURN.format(node=conversation.start)
    for node_id, turn in turns.items():
        for choice in turn.choices:
            if choice.next not in turns and choice.next not in endings:
                return editor.ERR_NEXT_MISSING.format(node=node_id, next=choice.next)
    reachable = _reachable(
        conversation.start, {k: [c.next for c in t.choices] for k, t in turns.items()}
    )
    unreached = sorted((set(turns) | set(endings)) - reachable)
    if unreached:
        return editor.ERR_UNREACHABLE.format(node=unreached[0])
    reverse: dict[str, list[str]] = {}
    for node_id, turn in turns.items():
        for choice in turn.choices:
            reverse.setdefault(choice.next, []).append(node_id)
    can_end: set[str] = set()
    for ending in endings:
        can_end |= _reachable(ending, reverse)
    stuck = sorted(set(turns) - can_end)
    if stuck:
        return editor.ERR_DEAD_END.format(node=stuck[0])
    return None


def endings_reached_both_ways(conversation: Conversation) -> list[str]:
    """The endings a learner can reach both on a path where every choice helped and on a
    path with an unhelpful choice: these need a ``debrief_after_repair``."""
    seen = {(conversation.start, False)}
    todo = [(conversation.start, False)]
    while todo:
        node, slipped = todo.pop()
        for choice in conversation.turns[node].choices:
            state = (choice.next, slipped or not choice.helps)
            if state not in seen:
                seen.add(state)
                if choice.next in conversation.turns:
                    todo.append(state)
    return sorted(e for e in conversation.endings if (e, False) in seen and (e, True) in seen)


def _reachable(start: str, edges: dict[str, list[str]]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in edges.get(todo.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen
