"""Statements: what a supporter might say or do, helpful or harmful, with the reason."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from coursekit.content.banks import (
    GuidedItem,
    NonEmptyText,
    unique_ids,
)
from coursekit.content.guidance import matches
from coursekit.text import editor


class Label(StrEnum):
    """Whether saying or doing this helps the person who is stalked."""

    HELPFUL = "helpful"
    HARMFUL = "harmful"


class Statement(GuidedItem):
    """One thing a supporter might say or do, with its key and its explanation."""

    text: NonEmptyText
    label: Label
    why: NonEmptyText
    better: str | None = None

    @property
    def key(self) -> str:
        """The right answer, as the value a widget's button carries."""
        return self.label.value

    @model_validator(mode="after")
    def _better_only_for_harmful(self) -> Statement:
        if self.label is Label.HARMFUL and not self.better:
            raise ValueError(editor.ERR_HARMFUL_NEEDS_BETTER)
        if self.label is Label.HELPFUL and self.better:
            raise ValueError(editor.ERR_HELPFUL_NO_BETTER)
        return self


class StatementBank(BaseModel):
    """A file of statements for the statement-sort quiz."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    title: NonEmptyText
    statements: Annotated[list[Statement], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_ids(self) -> StatementBank:
        unique_ids(s.id for s in self.statements)
        return self

    def select(self, guidance: str) -> list[Statement]:
        """The statements that teach a guidance ID ('N3') or any point of a section ('N')."""
        return [s for s in self.statements if matches(s.guidance, [guidance])]
