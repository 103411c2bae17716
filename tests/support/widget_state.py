"""Helpers to read what a widget tree sends to the browser."""

from __future__ import annotations

import json
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget import _instances

from coursekit.practice.controls import AnswerControl


def tree_state(widget: widgets.Widget) -> str:
    """The synced state of a widget and all its descendants, as one JSON string."""
    seen: dict[str, Any] = {}

    def walk(w: widgets.Widget) -> None:
        if w.model_id in seen:
            return
        seen[w.model_id] = w.get_state()
        for value in w.get_state().values():
            for child in value if isinstance(value, list | tuple) else [value]:
                if isinstance(child, str) and child.startswith("IPY_MODEL_"):
                    walk(_instances[child.removeprefix("IPY_MODEL_")])
        for name in ("children", "layout", "style"):
            child_value = getattr(w, name, None)
            for child in child_value if isinstance(child_value, list | tuple) else [child_value]:
                if isinstance(child, widgets.Widget):
                    walk(child)

    walk(widget)
    return json.dumps(seen, ensure_ascii=False, default=str)


def find_all(widget: widgets.Widget, kind: type[widgets.Widget]) -> list[widgets.Widget]:
    """Every descendant of a kind, in display order."""
    found: list[widgets.Widget] = []

    def walk(w: widgets.Widget) -> None:
        if isinstance(w, kind):
            found.append(w)
        for child in getattr(w, "children", ()):
            walk(child)

    walk(widget)
    return found


class AnswerButton:
    """One answer of an answer control (coursekit.practice.controls), as a button:
    ``click()`` chooses it, as the page does when the learner presses it."""

    def __init__(self, control: AnswerControl, value: str) -> None:
        self.control, self.value = control, value
        self.description = control.text_of(value)

    @property
    def disabled(self) -> bool:
        return bool(self.control.disabled)

    @property
    def pressed(self) -> bool:
        return bool(self.control.value == self.value)

    def click(self) -> None:
        self.control.choose(self.value)


def answer_buttons(widget: widgets.Widget) -> list[AnswerButton]:
    """Every answer of every answer control in ``widget``, in display order."""
    return [
        AnswerButton(control, value)
        for control in find_all(widget, AnswerControl)
        if control.layout.display != "none"
        for _text, value in control.options
    ]


def button(widget: widgets.Widget, description: str) -> widgets.Button | AnswerButton:
    """The one visible button with this text: an ipywidgets Button, or an answer of an
    answer control (Helpt, Waar, Zeker, ...)."""
    matches: list[widgets.Button | AnswerButton] = [
        b
        for b in find_all(widget, widgets.Button)
        if b.description == description and b.layout.display != "none"
    ]
    matches += [b for b in answer_buttons(widget) if b.description == description]
    assert len(matches) == 1, f"one visible button {description!r}, found {len(matches)}"
    return matches[0]
