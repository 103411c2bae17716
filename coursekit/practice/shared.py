"""Widget parts that every quiz on a page shares: one model each per kernel, not one per widget.

ipywidgets gives every widget its own ``LayoutModel`` and style model (``HTMLStyleModel``,
``ButtonStyleModel``, ...) unless it is handed one; each is a model the kernel creates and
the page receives. A layout or style that nothing ever changes can be shared: the page
draws every view of a widget with the one model. So the quizzes take their fixed layouts and
styles from here, and their stylesheet is one widget for the whole page (``style.py``).

A widget whose layout changes (``layout.display`` to show or hide it) keeps a layout of its
own: a change to a shared one would show or hide every widget that uses it. Nothing here is
ever closed by :func:`coursekit.practice.closing.close_all`; a part that was closed
anyway (``Widget.close_all()``) is made again on next use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import HTMLStyle

W = TypeVar("W", bound=widgets.Widget)

_SHARED: dict[tuple[Any, ...], widgets.Widget] = {}


def one(key: tuple[Any, ...], make: Callable[[], W]) -> W:
    """The shared widget under ``key``, made with ``make`` on first use."""
    found = _SHARED.get(key)
    if found is None or found.comm is None:  # closed: make it again
        found = _SHARED[key] = make()
    return found  # type: ignore[no-any-return]


def layout(**traits: str) -> widgets.Layout:
    """A layout with these traits that no widget may change (``display`` included)."""
    return one(("layout", *sorted(traits.items())), lambda: widgets.Layout(**traits))


def style(kind: type[W], **traits: str) -> W:
    """A style of ``kind`` (``HTMLStyle``, ``widgets.ButtonStyle``, ...) with these
    traits, for widgets that never change their style."""
    made: W = one(("style", kind, *sorted(traits.items())), lambda: kind(**traits))
    return made


def is_shared(widget: widgets.Widget) -> bool:
    """Whether ``widget`` is one of the shared parts (so: never to be closed with a quiz)."""
    return any(widget is part for part in _SHARED.values())


def html(value: str = "") -> widgets.HTML:
    """An HTML widget with the shared layout and style: for text that changes, never its
    place or look."""
    return widgets.HTML(value, layout=layout(), style=style(HTMLStyle))


def button(description: str, **traits: Any) -> widgets.Button:
    """A button with the shared style and, unless ``layout`` is given, the shared layout;
    ``button_style`` (primary, info) is the button's own and may change."""
    traits.setdefault("layout", layout())
    return widgets.Button(description=description, style=style(widgets.ButtonStyle), **traits)


def hbox(children: list[widgets.Widget]) -> widgets.HBox:
    """A row with the shared layout."""
    return widgets.HBox(children, layout=layout())
