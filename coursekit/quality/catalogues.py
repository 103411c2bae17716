"""The sentence catalogues (``coursekit/text/*.py``) as people read them.

A catalogue is a module whose UPPERCASE names hold what learners, trainers and content
editors read: a ``str``, or a ``dict`` whose values are ``str`` (``FIELD_NAMES``). The
collector takes a list of catalogue modules, so that a catalogue split per audience is
checked by passing its modules here, in ``CATALOGUES``.

Before the words are checked, what is code and not Dutch is taken out, by these rules:

1. ``{placeholders}`` (the code fills them in), ``code spans`` in backticks, HTML tags and
   Markdown markup;
2. a value quoted as typed in a file or answer: ``'{value}'``, ``'helpful'``;
3. a command to type, after ``met:`` to the end of the sentence
   (``Installeer het met: apt-get install hunspell``);
4. a token shaped like code: with ``_``, ``/``, ``=`` or a dot between letters
   (``schema_version``, ``solutions/``, ``facts.yaml``), or starting with ``-`` or ``.``
   (``--force``, ``.ipynb``);
5. the keys of a catalogue's dicts, which are the field names of the files
   (``FIELD_NAMES``: ``better`` in 'betere zin (better)').
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from types import ModuleType

from coursekit.quality.texts import Text, plain_text
from coursekit.text import editor, learner, trainer

# The catalogue modules whose sentences the report checks.
CATALOGUES: tuple[ModuleType, ...] = (learner, editor, trainer)

_CODE_SPAN = re.compile(r"`[^`]*`")
_PLACEHOLDER = re.compile(r"\{+[^{}]*\}+")
_TAG = re.compile(r"<[^>]+>")
_QUOTED = re.compile(r"(?<!\w)'[^'\n]*'(?!\w)")
_COMMAND = re.compile(r"\bmet:[ \t]+[^\n]*?(?=\.\s|\.?$)", re.MULTILINE)
_CODE_TOKEN = re.compile(r"[_/=\\]|[^\W\d_]\.[^\W\d_]|^[-.]")


def catalogue_entries(catalogues: Sequence[ModuleType]) -> Iterator[tuple[str, str]]:
    """(where, sentence as typed) for every UPPERCASE str, and every str in an UPPERCASE
    dict, of each catalogue module; 'where' is e.g. 'coursekit/text/learner.py CHECK_BETTER'."""
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


def field_names(catalogues: Sequence[ModuleType]) -> frozenset[str]:
    """The keys of the catalogues' dicts: identifiers that the Dutch values stand for."""
    return frozenset(
        key
        for module in catalogues
        for name, value in vars(module).items()
        if name.isupper() and isinstance(value, dict)
        for key in value
        if isinstance(key, str)
    )


def catalogue_texts(catalogues: Sequence[ModuleType]) -> Iterator[Text]:
    """Every sentence of the catalogues as people read it, with code taken out."""
    identifiers = field_names(catalogues)
    for where, value in catalogue_entries(catalogues):
        yield Text(where, None, as_read(value, identifiers))


def as_read(sentence: str, identifiers: Collection[str] = ()) -> str:
    """A catalogue sentence with what is code taken out (the rules in the module's doc)."""
    for pattern in (_CODE_SPAN, _PLACEHOLDER, _TAG, _QUOTED, _COMMAND):
        sentence = pattern.sub(" ", sentence)
    lines = []
    for line in sentence.splitlines():
        tokens = [t for t in line.split() if not _is_code(t, identifiers)]
        lines.append(" ".join(tokens))
    return plain_text("\n".join(lines))


def _is_code(token: str, identifiers: Collection[str]) -> bool:
    bare = token.lstrip("(\"'").rstrip(").,;:!?\"'…")
    return bool(_CODE_TOKEN.search(bare)) or bare in identifiers
