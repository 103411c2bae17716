"""Item banks: YAML files with a schema_version, validated into typed models.

Banks live in ``coursekit/banks`` as one file per kind and module
(``statements_m4.yaml``, ``scenarios_m4.yaml``, ``facts_m4.yaml``...). A number in a
bank's text is written as ``{line-id}`` and filled in from the facts file on load.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coursekit import strings
from coursekit.errors import CourseDataError
from coursekit.facts import facts
from coursekit.guidance import guidance_ids, section_of
from coursekit.yaml_data import parse_model

NonEmptyText = Annotated[str, Field(min_length=1)]


def known_guidance(cls: type, value: list[str]) -> list[str]:
    """Field validator: every guidance ID must exist in points.yaml."""
    unknown = [gid for gid in value if gid not in guidance_ids()]
    if unknown:
        raise ValueError(strings.ERR_GUIDANCE_UNKNOWN.format(ids=", ".join(unknown)))
    return value


def unique_ids(ids: Iterable[str]) -> None:
    """Model validator helper: every item ID in a file appears once."""
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise ValueError(strings.ERR_DUPLICATE_ID.format(id=item_id))
        seen.add(item_id)


class GuidedItem(BaseModel):
    """What every item shares: a stable ID and the guidance points it teaches."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    guidance: Annotated[list[str], Field(min_length=1)]

    _known_guidance = field_validator("guidance")(known_guidance)


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
            raise ValueError(strings.ERR_HARMFUL_NEEDS_BETTER)
        if self.label is Label.HELPFUL and self.better:
            raise ValueError(strings.ERR_HELPFUL_NO_BETTER)
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


ModelT = TypeVar("ModelT", bound=BaseModel)


def parse_bank_model(model: type[ModelT], text: str, source: str) -> ModelT:
    """Validate a bank's YAML text, with help-line placeholders filled in."""
    return parse_model(model, text, source, numbers=facts().numbers())


def parse_bank(text: str, source: str) -> StatementBank:
    """Validate the YAML text of a statement bank; ``source`` names it in messages."""
    return parse_bank_model(StatementBank, text, source)


def packaged_text(name: str) -> tuple[str, str]:
    """The text of a packaged bank file (``coursekit/banks/NAME.yaml``) and its display name."""
    resource = resources.files("coursekit.banks").joinpath(f"{name}.yaml")
    if not resource.is_file():
        raise CourseDataError(strings.ERR_NO_BANK.format(name=name))
    return resource.read_text(encoding="utf-8"), f"coursekit/banks/{name}.yaml"


def bank_names(kind: str) -> list[str]:
    """The stems of the packaged bank files of one kind ('statements' -> statements_m1...)."""
    folder = resources.files("coursekit.banks")
    return sorted(
        entry.name.removesuffix(".yaml")
        for entry in folder.iterdir()
        if entry.name.startswith(f"{kind}_") and entry.name.endswith(".yaml")
    )


def load_bank(path: Path) -> StatementBank:
    """Load and validate a statement bank file."""
    return parse_bank(path.read_text(encoding="utf-8"), str(path))


def packaged_bank(name: str) -> StatementBank:
    """A statement bank shipped in ``coursekit/banks`` by file stem, e.g. 'statements_m5'."""
    return parse_bank(*packaged_text(name))


ItemT = TypeVar("ItemT", bound=GuidedItem)


def unique_across_files(kind: str, items: Iterable[ItemT]) -> tuple[ItemT, ...]:
    """The items of every ``kind_*.yaml`` file together, or one sentence on a repeated ID."""
    items = tuple(items)
    try:
        unique_ids(item.id for item in items)
    except ValueError as exc:
        raise CourseDataError(
            strings.ERR_FILES_ITEM.format(source=f"coursekit/banks/{kind}_*.yaml", what=exc)
        ) from None
    return items


@cache
def all_statements() -> tuple[Statement, ...]:
    """Every practice statement of every packaged statement bank, IDs unique across files."""
    return unique_across_files(
        "statements",
        (s for name in bank_names("statements") for s in packaged_bank(name).statements),
    )


def matches(guidance: Iterable[str], wanted: Iterable[str]) -> bool:
    """Whether any guidance ID is wanted, where 'N' wants every N point and 'N3' only N3."""
    wanted = set(wanted)
    return any(gid in wanted or section_of(gid) in wanted for gid in guidance)
