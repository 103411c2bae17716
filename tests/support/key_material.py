"""The key material of every bank: what must not reach the browser before an answer."""

from __future__ import annotations

import html

from coursekit.content.conversations import packaged_conversation, packaged_conversation_ids
from coursekit.content.fact_items import fact_items
from coursekit.content.reflections import all_reflections
from coursekit.content.scenarios import all_scenarios
from coursekit.content.statements import all_statements
from coursekit.text import learner


def _escaped(*texts: str | None) -> list[str]:
    return [form for t in texts if t for form in {t, html.escape(t)}]


def statement_secrets() -> list[str]:
    return [f for s in all_statements() for f in _escaped(s.why, s.better)]


def claim_secrets() -> list[str]:
    return [f for c in fact_items().claims for f in _escaped(c.why)]


def scenario_secrets() -> list[str]:
    return [f for s in all_scenarios() for o in s.options for f in _escaped(o.feedback)]


def conversation_secrets() -> list[str]:
    texts: list[str] = []
    for conversation_id in packaged_conversation_ids():
        talk = packaged_conversation(conversation_id)
        texts += [t.says for k, t in talk.turns.items() if k != talk.start]
        texts += [c.note for t in talk.turns.values() for c in t.choices]
        texts += [e.says for e in talk.endings.values()] + [
            e.debrief for e in talk.endings.values()
        ]
    return [f for text in texts for f in _escaped(text)] + [learner.CONVERSATION_DEBRIEF]


def number_secrets() -> list[str]:
    return [f for s in fact_items().situations for f in _escaped(s.why)]


def reflection_secrets() -> list[str]:
    return [f for r in all_reflections() for f in _escaped(r.model_answer)]


def all_secrets() -> list[str]:
    return (
        statement_secrets()
        + claim_secrets()
        + scenario_secrets()
        + conversation_secrets()
        + number_secrets()
        + reflection_secrets()
    )
