"""The key material of every registered item kind: what must not reach the browser before an
answer, as typed and as HTML-escaped. It comes from ``coursekit.content.kinds``, so a new kind
is covered by the key-leak tests without an edit here."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

from coursekit.content.kinds import KINDS, Banks, ItemKind, key_material, packaged_banks
from coursekit.text import learner

# Shown only at the end of a conversation, with the debrief.
_AFTER_ANSWERS = {"conversations": [learner.CONVERSATION_DEBRIEF]}


def _escaped(texts: Iterable[str]) -> list[str]:
    return [form for t in texts if t for form in {t, html.escape(t)}]


def secrets_by_kind(
    banks: Banks | None = None, kinds: Sequence[ItemKind[Any, Any]] = KINDS
) -> dict[str, list[str]]:
    """Per kind, every form of its key material that a page or widget state might carry."""
    material = key_material(banks or packaged_banks(), kinds)
    return {
        name: _escaped([*texts, *_AFTER_ANSWERS.get(name, [])]) for name, texts in material.items()
    }


def secrets(kind: str) -> list[str]:
    return secrets_by_kind()[kind]


def all_secrets(
    banks: Banks | None = None, kinds: Sequence[ItemKind[Any, Any]] = KINDS
) -> list[str]:
    return [s for texts in secrets_by_kind(banks, kinds).values() for s in texts]
