"""Phone numbers, organisations and websites: the one facts file, with its check date."""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from coursekit.content.loading import parse_model

_NUMBER = r"^[0-9][0-9-]*$"


class HelpLine(BaseModel):
    """A phone line. ``also`` is a second number of the same line (113 and 0800-0113);
    ``help_bar`` False keeps a line out of the help bar on every page (it stays in the
    numbers quiz and in the items that name it); ``checked`` is the line's own check date
    when it differs from the file's ``last_checked``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: Annotated[str, Field(min_length=1)]
    number: Annotated[str, Field(pattern=_NUMBER)]
    also: Annotated[str, Field(pattern=_NUMBER)] | None = None
    when: Annotated[str, Field(min_length=1)]
    help_bar: bool = True
    checked: dt.date | None = None


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
        """Help line ID to phone number, for the ``{id}`` placeholders in bank texts; a
        line's second number as ``{id-ook}``."""
        found = {line.id: line.number for line in self.help_lines}
        found.update({f"{line.id}-ook": line.also for line in self.help_lines if line.also})
        return found

    def help_bar_lines(self) -> list[HelpLine]:
        """The lines that every page shows."""
        return [line for line in self.help_lines if line.help_bar]

    def help_bar_numbers(self) -> list[dict[str, str]]:
        """The first number of every help-bar line (name, number, tel), for the one-line
        help bar of every page: the course site, the hub's pages and Mijn cursus."""
        return [
            {"name": line.name, "number": line.number, "tel": line.number.replace("-", "")}
            for line in self.help_bar_lines()
        ]

    def line(self, line_id: str) -> HelpLine:
        return next(line for line in self.help_lines if line.id == line_id)


@cache
def facts() -> Facts:
    """The validated facts file shipped in ``coursekit/data/facts.yaml``."""
    text = resources.files("coursekit.data").joinpath("facts.yaml").read_text(encoding="utf-8")
    return parse_model(Facts, text, "coursekit/data/facts.yaml")
