"""YAML files validated into typed models, with one Dutch sentence per problem.

A content editor with a typo gets one sentence that names the file and the item,
never a traceback: :func:`parse_model` raises :class:`CourseDataError` with it.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from coursekit.content.errors import CourseDataError
from coursekit.text import editor

SCHEMA_VERSION = 1

# libyaml's parser when PyYAML has it: the same data, about nine times less CPU. A module
# page's kernel parses most banks; this is most of what its notebook costs.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def fast_yaml(text: str) -> Any:
    """``yaml.safe_load`` with libyaml's parser where there is one: for packaged files."""
    return yaml.load(text, Loader=_FAST_LOADER)  # a safe loader


PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9-]*)\}")


def _fill(data: Any, numbers: Mapping[str, str], source: str) -> Any:
    """``data`` with every ``{line-id}`` placeholder in its strings replaced by a number."""
    if isinstance(data, str):

        def number(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in numbers:
                raise CourseDataError(
                    editor.ERR_UNKNOWN_PLACEHOLDER.format(source=source, name=name)
                )
            return numbers[name]

        return PLACEHOLDER.sub(number, data)
    if isinstance(data, list):
        return [_fill(value, numbers, source) for value in data]
    if isinstance(data, dict):
        return {key: _fill(value, numbers, source) for key, value in data.items()}
    return data


def _describe(error: Any, data: Any) -> str:
    """One Dutch phrase for one pydantic error: which item, which field, what is wrong."""
    loc = list(error["loc"])
    where = ""
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        index = loc[1]
        item_id = None
        with contextlib.suppress(KeyError, IndexError, TypeError, AttributeError):
            item_id = data[loc[0]][index].get("id")
        where = (
            editor.ERR_ITEM_ID.format(number=index + 1, id=item_id)
            if item_id
            else editor.ERR_ITEM.format(number=index + 1)
        )
        loc = loc[2:]
    field = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
    kind = error["type"]
    name = editor.FIELD_NAMES.get(field, field)
    value = error.get("input")
    if kind == "missing":
        what = editor.ERR_FIELD_MISSING.format(field=name)
    elif kind == "extra_forbidden":
        what = editor.ERR_FIELD_UNKNOWN.format(field=field)
    elif kind == "enum":
        what = editor.ERR_LABEL_UNKNOWN.format(value=value)
    elif kind == "literal_error" and field == "schema_version":
        what = editor.ERR_SCHEMA_VERSION.format(expected=SCHEMA_VERSION, value=repr(value))
    elif kind == "too_short":
        what = editor.ERR_TOO_FEW.format(field=name, minimum=error["ctx"]["min_length"])
    elif kind == "string_too_short":
        what = editor.ERR_FIELD_EMPTY.format(field=name)
    elif kind == "string_pattern_mismatch":
        what = editor.ERR_ID_PATTERN.format(value=value)
    elif kind == "value_error":
        what = str(error["msg"]).removeprefix("Value error, ")
    else:
        what = editor.ERR_FIELD_OTHER.format(field=name or editor.ERR_CONTENT, message=error["msg"])
    return f"{where}: {what}" if where else what


ModelT = TypeVar("ModelT", bound=BaseModel)


def parse_model(
    model: type[ModelT], text: str, source: str, numbers: Mapping[str, str] | None = None
) -> ModelT:
    """Validate YAML text into a model; ``source`` names the file in the one-sentence error.

    With ``numbers``, every ``{line-id}`` in a text is replaced by that help line's number
    first, so that no phone number is typed outside the facts file.
    """
    try:
        try:
            data = fast_yaml(text)
        except yaml.YAMLError:
            # Parse again with the Python parser: its error names the line people expect.
            data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = editor.ERR_YAML_LINE.format(line=mark.line + 1) if mark is not None else ""
        raise CourseDataError(editor.ERR_NOT_YAML.format(source=source, line=line)) from None
    if not isinstance(data, dict):
        raise CourseDataError(editor.ERR_NOT_FIELDS.format(source=source))
    if numbers is not None:
        data = _fill(data, numbers, source)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        count = len(exc.errors()) - 1
        errors = editor.ERR_MORE_MANY if count > 1 else editor.ERR_MORE_ONE
        more = editor.ERR_MORE.format(count=count, errors=errors) if count else ""
        what = _describe(first, data)
        raise CourseDataError(
            editor.ERR_FILE_ITEM.format(source=source, what=what, more=more)
        ) from None
