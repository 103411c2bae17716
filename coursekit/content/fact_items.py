"""Fact items: true-or-false claims and 'welk nummer bel je?' situations.

They live in ``coursekit/banks/facts_mN.yaml``; a number in their text is written as
``{line-id}`` and filled in from the facts file, so that it is typed in one place only.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from coursekit.content.banks import (
    GuidedItem,
    unique_ids,
)
from coursekit.content.facts import facts
from coursekit.text import editor


class Claim(GuidedItem):
    """A statement that is true or not."""

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


class FactBank(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    claims: list[Claim] = []
    situations: list[Situation] = []

    @model_validator(mode="after")
    def _lines_exist(self) -> FactBank:
        unique_ids([*(c.id for c in self.claims), *(s.id for s in self.situations)])
        lines = set(facts().numbers())
        for situation in self.situations:
            if situation.line not in lines:
                raise ValueError(
                    editor.ERR_UNKNOWN_LINE.format(id=situation.id, line=situation.line)
                )
        return self
