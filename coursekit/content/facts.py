"""Phone numbers, organisations and websites: the one facts file, with its check date."""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from coursekit.content.loading import parse_model


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
