"""The help lines and the organisations, as widgets for a module page."""

from __future__ import annotations

import ipywidgets as widgets

from coursekit.content.facts import facts
from coursekit.practice import shared
from coursekit.practice.markup import help_line_html, help_lines_html, organisations_html
from coursekit.text import editor


def help_lines() -> widgets.HTML:
    """The help bar as a widget, for the top of every module."""
    return shared.html(help_lines_html())


def help_line(line_id: str) -> widgets.HTML:
    """One help line from the facts file, with its numbers as phone links, for the prose."""
    lines = {line.id: line for line in facts().help_lines}
    if line_id not in lines:
        known = ", ".join(sorted(lines))
        raise ValueError(editor.ERR_NO_HELP_LINE.format(id=line_id, known=known))
    return shared.html(help_line_html(lines[line_id]))


def organisations() -> widgets.HTML:
    """The organisations as a widget."""
    return shared.html(organisations_html())
