"""Phone numbers and organisations, read from the one facts file."""

from __future__ import annotations

import datetime as dt
import html
from functools import cache
from importlib import resources
from typing import Annotated, Literal

import ipywidgets as widgets
from pydantic import BaseModel, ConfigDict, Field, model_validator

from coursekit import strings
from coursekit.item_bank import GuidedItem, parse_model


class HelpLine(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: Annotated[str, Field(min_length=1)]
    number: Annotated[str, Field(pattern=r"^[0-9][0-9-]*$")]
    when: Annotated[str, Field(min_length=1)]


class Claim(GuidedItem):
    """A true-or-false statement; ``{id}`` in its text stands for a help line's number."""

    text: Annotated[str, Field(min_length=1)]
    is_true: bool
    why: Annotated[str, Field(min_length=1)]

    @property
    def key(self) -> str:
        return "true" if self.is_true else "false"

    @property
    def better(self) -> None:
        return None


class Situation(GuidedItem):
    """'Welk nummer bel je?': a situation and the help line that fits it."""

    text: Annotated[str, Field(min_length=1)]
    line: str
    why: Annotated[str, Field(min_length=1)]


class Facts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    last_checked: dt.date
    checked_against: str
    help_lines: Annotated[list[HelpLine], Field(min_length=1)]
    claims: list[Claim] = []
    situations: list[Situation] = []

    @model_validator(mode="after")
    def _references_exist(self) -> Facts:
        lines = {line.id for line in self.help_lines}
        for situation in self.situations:
            if situation.line not in lines:
                raise ValueError(
                    strings.ERR_UNKNOWN_LINE.format(id=situation.id, line=situation.line)
                )
        numbers = self.numbers()
        for claim in self.claims:
            for text in (claim.text, claim.why):
                try:
                    text.format_map(numbers)
                except (KeyError, ValueError) as exc:
                    raise ValueError(
                        strings.ERR_UNKNOWN_NUMBER.format(id=claim.id, name=exc)
                    ) from None
        return self

    def numbers(self) -> dict[str, str]:
        """Help line ID to phone number, for the ``{id}`` placeholders in texts."""
        return {line.id: line.number for line in self.help_lines}

    def line(self, line_id: str) -> HelpLine:
        return next(line for line in self.help_lines if line.id == line_id)

    def filled(self, claim: Claim) -> Claim:
        """The claim with its number placeholders filled in."""
        numbers = self.numbers()
        return claim.model_copy(
            update={"text": claim.text.format_map(numbers), "why": claim.why.format_map(numbers)}
        )


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
