"""What every bank shares: an item's ID and guidance, and validating a bank file's YAML.

Banks live in ``coursekit/banks`` as one file per kind and module (``statements_m4.yaml``,
``scenarios_m4.yaml``, ``facts_m4.yaml``...); ``kinds.py`` says which files belong to which
kind. A number in a bank's text is written as ``{line-id}`` and filled in from the facts
file on load.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from coursekit.content.errors import CourseDataError
from coursekit.content.facts import facts
from coursekit.content.guidance import known_guidance
from coursekit.content.loading import parse_model
from coursekit.text import editor

NonEmptyText = Annotated[str, Field(min_length=1)]


def unique_ids(ids: Iterable[str]) -> None:
    """Model validator helper: every item ID in a file appears once."""
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise ValueError(editor.ERR_DUPLICATE_ID.format(id=item_id))
        seen.add(item_id)


class GuidedItem(BaseModel):
    """What every item shares: a stable ID and the guidance points it teaches."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    guidance: Annotated[list[str], Field(min_length=1)]

    _known_guidance = field_validator("guidance")(known_guidance)


ModelT = TypeVar("ModelT", bound=BaseModel)


def parse_bank_model(model: type[ModelT], text: str, source: str) -> ModelT:
    """Validate a bank's YAML text, with help-line placeholders filled in."""
    return parse_model(model, text, source, numbers=facts().numbers())


ItemT = TypeVar("ItemT", bound=GuidedItem)


def unique_across_files(source: str, items: Iterable[ItemT]) -> tuple[ItemT, ...]:
    """The items of several files together (``source`` names them, as 'banks/x_*.yaml'), or
    one sentence on a repeated ID."""
    items = tuple(items)
    try:
        unique_ids(item.id for item in items)
    except ValueError as exc:
        raise CourseDataError(editor.ERR_FILES_ITEM.format(source=source, what=exc)) from None
    return items
