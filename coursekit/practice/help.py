"""The help lines and the organisations, as widgets for a module page."""

from __future__ import annotations

import ipywidgets as widgets

from coursekit.practice.markup import help_lines_html, organisations_html


def help_lines() -> widgets.HTML:
    """The help bar as a widget, for the top of every module."""
    return widgets.HTML(help_lines_html())


def organisations() -> widgets.HTML:
    """The organisations as a widget."""
    return widgets.HTML(organisations_html())
