"""The Voila templates are spell-checked on what a visitor sees or hears, never on code."""

from __future__ import annotations

from pathlib import Path

from coursekit.quality.detectors import unknown_words
from coursekit.quality.templates import TEMPLATES, template_texts, visible_text

PAGE = """\
{#- Een commentaar met een fuot: Jinja, niet zichtbaar,
    over twee regels. -#}
{% import "coursekit.macros.html.j2" as coursekit %}
<style>
  .coursekit-fuotje { colour: #0b4f8a; }
</style>
<nav aria-label="Cursuss" class="coursekit-kalssnaam">
  <a href="{{ base_url }}/randerr" title="Naar alle moduls">{{ module.tietel }}</a>
</nav>
<p class="coursekit-snell">Welkom bij de cursus. Veel plezeir!</p>
<img src="logo.png" alt="Het logo van de cursus">
<script>var tekts = "De pagina wordt klaargezet";</script>
"""


def test_a_misspelled_visible_word_is_found_and_a_misspelled_class_is_not(
    tmp_path: Path,
) -> None:
    (tmp_path / "page.html.j2").write_text(PAGE, encoding="utf-8")
    (tmp_path / "conf.json").write_text('{"base_template": "lab", "fuot": 1}', encoding="utf-8")
    assert unknown_words(template_texts(tmp_path, "sjabloon")) == {
        "sjabloon/page.html.j2 regel 7": ["Cursuss"],
        "sjabloon/page.html.j2 regel 8": ["moduls"],
        "sjabloon/page.html.j2 regel 10": ["plezeir"],
    }


def test_visible_text_is_text_and_read_attributes_with_their_lines() -> None:
    assert visible_text(PAGE) == [
        (7, "Cursuss"),
        (8, "Naar alle moduls"),
        (10, "Welkom bij de cursus. Veel plezeir!"),
        (11, "Het logo van de cursus"),
    ]


def test_the_course_templates_are_read() -> None:
    names = {text.where.split()[0].rsplit("/", 1)[1] for text in template_texts(TEMPLATES)}
    assert names == {
        "coursekit.macros.html.j2",
        "index.html.j2",
        "tree.html",
        "speech.html.j2",
        "statement.html",
    }
