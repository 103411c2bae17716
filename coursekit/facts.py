"""Phone numbers, organisations and websites: the one facts file, with its check date."""

from __future__ import annotations

import datetime as dt
import html
from functools import cache
from importlib import resources
from typing import Annotated, Literal

import ipywidgets as widgets
from pydantic import BaseModel, ConfigDict, Field

from coursekit import strings
from coursekit.yaml_data import parse_model


class HelpLine(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: Annotated[str, Field(min_length=1)]
    number: Annotated[str, Field(pattern=r"^[0-9][0-9-]*$")]
    when: Annotated[str, Field(min_length=1)]


class Organisation(BaseModel):
    """An organisation the course names, with what it offers and its website."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: Annotated[str, Field(min_length=1)]
    offers: Annotated[str, Field(min_length=1)]
    website: Annotated[str, Field(pattern=r"^[a-z0-9.-]+\.[a-z]{2,}(/[^\s]*)?$")]


class Facts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    last_checked: dt.date
    checked_against: str
    help_lines: Annotated[list[HelpLine], Field(min_length=1)]
    organisations: list[Organisation] = []

    def numbers(self) -> dict[str, str]:
        """Help line ID to phone number, for the ``{id}`` placeholders in bank texts."""
        return {line.id: line.number for line in self.help_lines}

    def line(self, line_id: str) -> HelpLine:
        return next(line for line in self.help_lines if line.id == line_id)


@cache
def facts() -> Facts:
    """The validated facts file shipped in ``coursekit/data/facts.yaml``."""
    text = resources.files("coursekit.data").joinpath("facts.yaml").read_text(encoding="utf-8")
    return parse_model(Facts, text, "coursekit/data/facts.yaml")


def help_lines_html() -> str:
    """The help bar: every help line with its number as a link that phones it."""
    data = facts()
    items = "".join(
        f"<li><strong>{html.escape(line.name)}</strong>: "
        f'<a href="tel:{line.number.replace("-", "")}">{line.number}</a>. '
        f"{html.escape(line.when)}</li>"
        for line in data.help_lines
    )
    checked = strings.HELP_CHECKED.format(date=data.last_checked.strftime("%d-%m-%Y"))
    return (
        f'<aside class="coursekit-help" aria-label="{strings.HELP_TITLE}">'
        f"<p><strong>{strings.HELP_TITLE}</strong></p><ul>{items}</ul>"
        f"<p><small>{checked}</small></p></aside>"
    )


def help_lines() -> widgets.HTML:
    """The help bar as a widget, for the top of every module."""
    return widgets.HTML(help_lines_html())


def organisations_html() -> str:
    """Every organisation with what it offers and a link to its website."""
    items = "".join(
        f"<li><strong>{html.escape(org.name)}</strong>: {html.escape(org.offers)} "
        f'<a href="https://{org.website}" target="_blank" rel="noopener">'
        f"{html.escape(org.website)}</a></li>"
        for org in facts().organisations
    )
    return (
        f'<section class="coursekit-resources" aria-label="{strings.RESOURCES_TITLE}">'
        f"<h3>{strings.RESOURCES_TITLE}</h3><ul>{items}</ul></section>"
    )


def organisations() -> widgets.HTML:
    """The organisations as a widget."""
    return widgets.HTML(organisations_html())
