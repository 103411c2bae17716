"""Phone numbers and organisations, read from the one facts file."""

from __future__ import annotations

import datetime as dt
import html
from functools import cache
from importlib import resources
from typing import Annotated, Literal

import ipywidgets as widgets
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coursekit import strings
from coursekit.errors import CourseDataError


class HelpLine(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: Annotated[str, Field(min_length=1)]
    number: Annotated[str, Field(pattern=r"^[0-9][0-9-]*$")]
    when: Annotated[str, Field(min_length=1)]


class Facts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    last_checked: dt.date
    checked_against: str
    help_lines: Annotated[list[HelpLine], Field(min_length=1)]


@cache
def facts() -> Facts:
    """The validated facts file shipped in ``coursekit/data/facts.yaml``."""
    text = resources.files("coursekit.data").joinpath("facts.yaml").read_text(encoding="utf-8")
    try:
        return Facts.model_validate(yaml.safe_load(text))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise CourseDataError(f"coursekit/data/facts.yaml, {where}: {first['msg']}.") from None


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
