"""Each detector of the content report, on small texts made here: it finds what is planted.

The report's own tests (tests/test_content.py) then show that the course is clean; these
show that a clean report means something.
"""

from __future__ import annotations

import re

import pytest

from coursekit.quality.detectors import (
    MIN_READING_EASE,
    SEED,
    hunspell_unknown,
    reading_ease,
    seed_overlaps,
    stray_numbers,
    unknown_words,
)
from coursekit.quality.texts import Text
from tests.support.course import ROOT

SHARED_SEED = ROOT.parent / "shared" / "seed" / "000_362d81bfb631c652.txt"


# -- Spelling -----------------------------------------------------------------------------


def test_hunspell_knows_dutch_and_flags_a_typo() -> None:
    assert hunspell_unknown(["naaste", "gestalkt", "hulplijn", "stlaken", "qwzx"]) == {
        "stlaken",
        "qwzx",
    }


def test_a_misspelled_word_is_reported_where_it_is() -> None:
    texts = [
        Text("goed.yaml a1", 1, "Je luistert rustig naar je naaste."),
        Text("fout.yaml b2", 2, "Je luistert rustig naar je naatse en je naatse."),
    ]
    assert unknown_words(texts) == {"fout.yaml b2": ["naatse"]}


def test_a_reviewed_word_is_not_reported_also_at_the_start_of_a_sentence() -> None:
    texts = [Text("hier", None, "Nakijken gaat met nbgrader. Itemanalyse ook. Itemanalyze niet.")]
    assert unknown_words(texts) == {"hier": ["Itemanalyze"]}


# -- The seed -----------------------------------------------------------------------------


def test_an_eight_word_run_from_the_seed_is_found_and_seven_words_are_not() -> None:
    seed_words = re.findall(r"[^\W_]+", SEED.read_text(encoding="utf-8").split("\n")[1])
    eight, seven = " ".join(seed_words[:8]), " ".join(seed_words[:7])
    found = seed_overlaps(
        [Text("hier", None, f"Ik zeg: {eight.upper()}!"), Text("daar", None, seven)]
    )
    assert found == [("hier", eight.lower())]


def test_the_seed_copy_matches_the_shared_seed() -> None:
    if not SHARED_SEED.is_file():
        pytest.skip("../shared is not beside this clone")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


# -- Stray numbers ------------------------------------------------------------------------


def test_a_number_of_three_digits_or_more_is_found_and_two_digits_are_not() -> None:
    files = [
        ("banks/a.yaml", "text: Bel 112 of 0900-8844, niet 12 keer.\n# 113 in een commentaar"),
        ("modules/b.ipynb tekstcel 1", "# Bel 113\nOf bel {alarmnummer}."),
    ]
    assert stray_numbers(files) == [
        ("banks/a.yaml", "112"),
        ("banks/a.yaml", "0900-8844"),
        ("modules/b.ipynb tekstcel 1", "113"),
    ]


# -- Readability --------------------------------------------------------------------------


def test_reading_ease_prefers_short_sentences_with_short_words() -> None:
    easy = "Je luistert. Je blijft rustig. Je vraagt wat je naaste wil."
    hard = (
        "Vanuit een professioneel-maatschappelijk perspectief beschouwd is het noodzakelijk "
        "dat ondersteunende personen systematisch rekening houden met uiteenlopende "
        "psychologische reactiepatronen van gedupeerden."
    )
    assert reading_ease(easy) >= MIN_READING_EASE > reading_ease(hard)
