from __future__ import annotations

from coursekit import help_bar
from coursekit.content.facts import facts


def test_help_bar_shows_every_help_line_with_a_phone_link() -> None:
    page = help_bar().value
    data = facts()
    assert {line.id for line in data.help_lines} >= {
        "alarmnummer",
        "politie",
        "veilig-thuis",
        "slachtofferhulp",
    }
    for line in data.help_lines:
        assert line.name in page
        assert f'href="tel:{line.number.replace("-", "")}"' in page
    assert data.last_checked.strftime("%d-%m-%Y") in page
