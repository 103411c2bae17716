"""The detectors: each takes texts and returns what it finds, and reads no course files.

- spelling: words that neither hunspell's Dutch dictionary (Debian hunspell-nl) nor the
  reviewed word list (``coursekit/data/wordlist.txt``) knows;
- the seed: runs of eight words copied from it (``coursekit/data/seed.txt``);
- stray numbers: three or more digits typed outside ``coursekit/data/facts.yaml``;
- readability: Flesch-Douma reading ease of Dutch text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from coursekit.quality.texts import Text
from coursekit.text import editor

_DATA = resources.files("coursekit.data")
# A copy of ../shared/seed/000_362d81bfb631c652.txt (tests/quality/test_detectors.py compares
# them).
SEED: Traversable = _DATA.joinpath("seed.txt")
WORDLIST: Traversable = _DATA.joinpath("wordlist.txt")

OVERLAP_WORDS = 8
MIN_READING_EASE = 65.0

# Three or more digits, maybe split by a dash or a space: a phone number, a year, an amount.
NUMBER = re.compile(r"\d(?:[ -]?\d){2,}")
WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


def words(text: str) -> list[str]:
    return WORD.findall(text)


# -- Spelling -----------------------------------------------------------------------------


def reviewed_words() -> frozenset[str]:
    """The project's reviewed word list: one word per line, '# why' after it."""
    entries = WORDLIST.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.split("#", 1)[0].strip() for line in entries if line.split("#", 1)[0].strip()
    )


def hunspell_unknown(candidates: Iterable[str]) -> set[str]:
    """The words that hunspell's Dutch dictionary (Debian hunspell-nl) does not know."""
    binary = shutil.which("hunspell")
    if binary is None:
        raise RuntimeError(editor.REPORT_NO_HUNSPELL)
    unique = sorted(set(candidates))
    result = subprocess.run(
        [binary, "-d", "nl", "-i", "UTF-8", "-l"],
        input="\n".join(unique),
        capture_output=True,
        text=True,
        check=True,
    )
    return set(result.stdout.split())


def unknown_words(texts: Iterable[Text]) -> dict[str, list[str]]:
    """Per place, the words neither hunspell-nl nor the reviewed word list knows. A listed
    word also covers its capitalised form at the start of a sentence, as in hunspell."""
    texts = list(texts)
    listed = reviewed_words()
    unknown = {
        w
        for w in hunspell_unknown(w for t in texts for w in words(t.text))
        if w not in listed and w[:1].lower() + w[1:] not in listed
    }
    found: dict[str, list[str]] = defaultdict(list)
    for text in texts:
        for word in words(text.text):
            if word in unknown and word not in found[text.where]:
                found[text.where].append(word)
    return {where: ws for where, ws in found.items() if ws}


# -- The seed -----------------------------------------------------------------------------


def _normalised(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W_]+", text)]


@cache
def seed_ngrams(size: int = OVERLAP_WORDS) -> frozenset[tuple[str, ...]]:
    """Every run of ``size`` words in the seed, lowercased, punctuation ignored."""
    tokens = _normalised(SEED.read_text(encoding="utf-8"))
    return frozenset(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def seed_overlaps(texts: Iterable[Text], size: int = OVERLAP_WORDS) -> list[tuple[str, str]]:
    """(where, words) for every run of ``size`` words that a text shares with the seed."""
    seed = seed_ngrams(size)
    found: list[tuple[str, str]] = []
    for text in texts:
        tokens = _normalised(text.text)
        for i in range(len(tokens) - size + 1):
            run = tuple(tokens[i : i + size])
            if run in seed:
                found.append((text.where, " ".join(run)))
    return found


# -- Stray numbers ------------------------------------------------------------------------


def stray_numbers(files: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(name, number) for every number of three or more digits in (name, text as typed);
    comment lines of YAML files are skipped."""
    found = []
    for name, text in files:
        for line in text.splitlines():
            if line.lstrip().startswith("#") and name.endswith(".yaml"):
                continue
            found += [(name, match.group()) for match in NUMBER.finditer(line)]
    return found


# -- Readability --------------------------------------------------------------------------


def reading_ease(text: str) -> float:
    """Flesch-Douma reading ease of Dutch text (textstat, Dutch syllables from pyphen)."""
    import textstat

    textstat.set_lang("nl")
    return float(textstat.flesch_reading_ease(text))
