"""The sentence catalogues (``coursekit/strings.py``): what people read, in one place.

A catalogue is a module whose UPPERCASE names hold what learners, trainers and content
editors read: a ``str``, or a ``dict`` whose values are ``str`` (``FIELD_NAMES``). The
collector takes a list of catalogue modules, so that a catalogue split per audience is
checked by passing its modules here, in ``CATALOGUES``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from types import ModuleType

from coursekit import strings

# The catalogue modules whose sentences the report checks.
CATALOGUES: tuple[ModuleType, ...] = (strings,)


def catalogue_entries(catalogues: Sequence[ModuleType]) -> Iterator[tuple[str, str]]:
    """(where, sentence as typed) for every UPPERCASE str, and every str in an UPPERCASE
    dict, of each catalogue module; 'where' is e.g. 'coursekit/strings.py CHECK_BETTER'."""
    for module in catalogues:
        file = module.__name__.replace(".", "/") + ".py"
        for name, value in vars(module).items():
            if not name.isupper():
                continue
            if isinstance(value, str):
                yield f"{file} {name}", value
            elif isinstance(value, dict):
                for key, item in value.items():
                    if isinstance(item, str):
                        yield f"{file} {name}[{key}]", item
