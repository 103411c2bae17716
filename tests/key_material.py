"""The key material of every bank: what must not reach the browser before an answer."""

from __future__ import annotations

import html

from coursekit import strings
from coursekit.conversation import packaged_conversation
from coursekit.facts import facts
from coursekit.item_bank import all_statements
from coursekit.reflection_box import reflection_bank
from coursekit.scenarios import scenario_bank


def _escaped(*texts: str | None) -> list[str]:
    return [form for t in texts if t for form in {t, html.escape(t)}]


def statement_secrets() -> list[str]:
    return [f for s in all_statements() for f in _escaped(s.why, s.better)]


def claim_secrets() -> list[str]:
    data = facts()
    return [f for c in data.claims for f in _escaped(data.filled(c).why)]


def scenario_secrets() -> list[str]:
    return [f for s in scenario_bank().scenarios for o in s.options for f in _escaped(o.feedback)]


def conversation_secrets() -> list[str]:
    lisa = packaged_conversation("appje-van-lisa")
    later = [t.says for k, t in lisa.turns.items() if k != lisa.start]
    notes = [c.note for t in lisa.turns.values() for c in t.choices]
    ends = [e.says for e in lisa.endings.values()] + [e.debrief for e in lisa.endings.values()]
    return [f for text in later + notes + ends for f in _escaped(text)] + [
        strings.CONVERSATION_DEBRIEF
    ]


def number_secrets() -> list[str]:
    return [f for s in facts().situations for f in _escaped(s.why)]


def reflection_secrets() -> list[str]:
    return [f for r in reflection_bank().reflections for f in _escaped(r.model_answer)]


def all_secrets() -> list[str]:
    return (
        statement_secrets()
        + claim_secrets()
        + scenario_secrets()
        + conversation_secrets()
        + number_secrets()
        + reflection_secrets()
    )
