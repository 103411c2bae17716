from __future__ import annotations

import pytest

from coursekit import help_bar, help_line
from coursekit.content.facts import facts


def test_help_bar_shows_every_help_bar_line_with_a_phone_link() -> None:
    page = help_bar().value
    data = facts()
    shown = {line.id for line in data.help_bar_lines()}
    assert shown >= {"alarmnummer", "politie", "veilig-thuis", "slachtofferhulp"}
    # Learners may be affected themselves: the suicide-prevention line is on every page.
    assert "zelfmoordpreventie" in shown
    for line in data.help_bar_lines():
        assert line.name in page
        assert f'href="tel:{line.number.replace("-", "")}"' in page
        if line.also:
            assert f'href="tel:{line.also.replace("-", "")}"' in page
    assert data.last_checked.strftime("%d-%m-%Y") in page


def test_a_line_kept_out_of_the_help_bar_is_not_shown_but_keeps_its_number() -> None:
    data = facts()
    hidden = [line for line in data.help_lines if not line.help_bar]
    assert [line.id for line in hidden] == ["kindertelefoon"]
    page = help_bar().value
    assert hidden[0].name not in page
    assert data.numbers()["kindertelefoon"] == hidden[0].number


def test_a_second_number_has_its_own_placeholder() -> None:
    numbers = facts().numbers()
    assert numbers["zelfmoordpreventie"] == "113"
    assert numbers["zelfmoordpreventie-ook"] == "0800-0113"


def test_help_line_shows_one_line_with_every_number_as_a_phone_link() -> None:
    page = help_line("zelfmoordpreventie").value
    line = facts().line("zelfmoordpreventie")
    assert line.name in page
    assert '<a href="tel:113">113</a>' in page
    assert '<a href="tel:08000113">0800-0113</a>' in page
    # One line only: no other line's name or number.
    assert facts().line("alarmnummer").name not in page
    assert 'href="tel:112"' not in page


def test_help_line_names_an_unknown_line_in_dutch() -> None:
    with pytest.raises(ValueError, match=r"geen hulplijn 'zelfmoord'.*zelfmoordpreventie"):
        help_line("zelfmoord")
