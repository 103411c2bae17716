"""What a hidden test says comes back in its parts, by the catalogue's own sentences."""

from __future__ import annotations

import pytest

from coursekit.exercise.checks import (
    CheckParts,
    check_answer,
    check_answered,
    check_text,
    parse_check_text,
)
from coursekit.text import learner

LONG_WHY = (
    "Berichten kunnen later belangrijk bewijs zijn, ook als de politie-aangifte pas veel "
    "later komt. Kijk op https://www.voorbeeld.nl/een/heel/lange/link/die/niet/op/een/regel/past "
    "voor meer  uitleg."
)


def test_a_wrong_answer_comes_back_as_status_right_answer_why_and_better() -> None:
    better = "Wat hij doet, is ernstig. Goed dat je het me vertelt, en het is niet jouw schuld."
    text = check_text("Vraag 3", "wrong", "helpt niet", why=LONG_WHY, better=better)
    lines = text.splitlines()
    assert lines[0] == "Vraag 3: dit antwoord klopt niet."
    assert lines[1] == "Het goede antwoord is: helpt niet."
    assert lines[2].startswith("Waarom: Berichten")
    assert all(len(line) <= 80 or " " not in line.strip() for line in lines)
    assert parse_check_text(text) == CheckParts(
        status="wrong",
        question="Vraag 3",
        number=3,
        right_answer="helpt niet",
        why=" ".join(LONG_WHY.split()),
        better=better,
    )


def test_the_parts_are_what_check_answer_raises_and_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    why, better = "Zo leg je de schuld bij je naaste.", "Het is niet jouw schuld."
    with pytest.raises(AssertionError) as caught:
        check_answer({"z1": "helpful"}, "z1", "helpt niet", number=1, why=why, better=better)
    wrong = parse_check_text(str(caught.value))
    assert (wrong.status, wrong.number, wrong.right_answer) == ("wrong", 1, "helpt niet")
    assert (wrong.why, wrong.better, wrong.other) == (why, better, ())
    check_answer({"k1": "b"}, "k1", "b", number=8, why=why)
    right = parse_check_text(capsys.readouterr().out)
    assert (right.status, right.number, right.right_answer, right.why) == ("right", 8, None, why)
    with pytest.raises(AssertionError) as missing:
        check_answered({}, "w1", 7)
    open_ = parse_check_text(str(missing.value))
    assert (open_.status, open_.number, open_.why) == ("missing", 7, None)


def test_words_that_look_like_a_lead_in_stay_in_their_part() -> None:
    why = "Zeg liever: niets. Het goede antwoord is: luisteren. " * 3
    better = "Waarom: vraag het haar zelf."
    parts = parse_check_text(check_text("Vraag 2", "wrong", "b", why=why, better=better))
    assert (parts.right_answer, parts.why, parts.better) == ("b", why.strip(), better)


def test_lines_that_are_no_part_are_kept_apart() -> None:
    text = "Er is nog geen antwoordbestand.\nVraag 4: goed.\n  \nRecursionError: te diep"
    parts = parse_check_text(text)
    assert parts.status == "right" and parts.number == 4
    assert parts.other == ("Er is nog geen antwoordbestand.", "RecursionError: te diep")
    assert parse_check_text("") == CheckParts()


def test_every_lead_in_is_a_catalogue_sentence() -> None:
    text = check_text("Vraag 1", "wrong", "waar", why="Omdat.", better="Dit.")
    assert text == "\n".join(
        [
            learner.CHECK_WRONG.format(question=learner.CHECK_QUESTION.format(number=1)),
            learner.CHECK_RIGHT_ANSWER.format(answer="waar"),
            learner.CHECK_WHY.format(why="Omdat."),
            learner.CHECK_BETTER.format(better="Dit."),
        ]
    )
