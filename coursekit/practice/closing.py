"""Closing a widget and everything it made, so that the kernel forgets it.

ipywidgets keeps every widget model in ``Widget.widgets`` until ``close()`` is called:
replacing a child (``box.children = [...]``) leaves the old one, its own children and
their layouts and styles alive in the kernel for as long as the page is open. The parts
every quiz shares (:mod:`coursekit.practice.shared`: the stylesheet, fixed layouts and
styles) stay: other quizzes on the page still show them.
"""

from __future__ import annotations

from collections.abc import Iterator

import ipywidgets as widgets

from coursekit.practice.shared import is_shared


def _made_by(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    """The widgets that ``widget`` holds in its traits: children, layout, style, ..."""
    for name in widget.keys:
        value = getattr(widget, name, None)
        values = value if isinstance(value, (list, tuple)) else [value]
        for child in values:
            if isinstance(child, widgets.Widget):
                yield child


def close_all(widget: widgets.Widget) -> None:
    """Close ``widget`` and every widget it holds, depth first, each once, but no shared part."""
    seen: set[int] = set()
    stack = [widget]
    order: list[widgets.Widget] = []
    while stack:
        current = stack.pop()
        if id(current) in seen or is_shared(current):
            continue
        seen.add(id(current))
        order.append(current)
        stack.extend(_made_by(current))
    for each in reversed(order):
        each.close()
