from __future__ import annotations

from coursekit import help_bar
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
