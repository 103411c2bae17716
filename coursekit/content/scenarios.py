"""Scenario questions: a short situation, three or four answers, feedback per answer."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from coursekit.content.banks import (
    GuidedItem,
    unique_ids,
)
from coursekit.text import editor

ItemId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, Field(min_length=1)]


class Option(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-d]$")]
    text: Text
    feedback: Text


class Scenario(GuidedItem):
    """A situation and the answers to choose from; ``best`` names the one best answer."""

    situation: Text
    question: Text
    options: Annotated[list[Option], Field(min_length=3, max_length=4)]
    best: Annotated[str, Field(pattern=r"^[a-d]$")]

    @model_validator(mode="after")
    def _best_is_an_option(self) -> Scenario:
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError(editor.ERR_SAME_LETTER)
        if self.best not in ids:
            raise ValueError(editor.ERR_BEST_NOT_AN_OPTION.format(best=self.best))
        return self

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)


class ScenarioBank(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    title: Text
    scenarios: Annotated[list[Scenario], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_ids(self) -> ScenarioBank:
        unique_ids(s.id for s in self.scenarios)
        return self
