"""The sentence catalogues are spell-checked as people read them: typos are found in every
catalogue module given, in plain sentences and in dict values; code is left out by rule."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import coursekit.text as text_package
from coursekit.quality.catalogues import CATALOGUES, as_read, catalogue_texts
from coursekit.quality.detectors import unknown_words


def _catalogue(name: str, **values: object) -> ModuleType:
    module = ModuleType(name)
    vars(module).update(values)
    return module


def test_a_misspelled_word_in_any_catalogue_module_is_found_and_named() -> None:
    learner = _catalogue(
        "coursekit.text.learner",
        SAVED="Je antwoord is bewaard in {file}.",
        NOT_SAVED="Je antwoord is niet bewaadr.",
        helper="kleine letters: geen tekst voor mensen, dus niet gecontroleerd: fuotje",
    )
    editor = _catalogue(
        "coursekit.text.editor",
        FIELD_NAMES={"why": "uitleg (why)", "better": "betere zinn (better)"},
    )
    assert unknown_words(catalogue_texts([learner, editor])) == {
        "coursekit/text/learner.py NOT_SAVED": ["bewaadr"],
        "coursekit/text/editor.py FIELD_NAMES[better]": ["zinn"],
    }


def test_code_in_a_catalogue_sentence_is_not_spell_checked() -> None:
    editor = _catalogue(
        "coursekit.text.editor",
        FIELD_NAMES={"schema_version": "schema_version", "better": "betere zin (better)"},
        CODE=(
            "Gebruik --force, of zet `schema_versoin: 1` en schema_version in facts.yaml; "
            "<strong>{labl}</strong> moet 'helpful' zijn, in solutions/ en {notebook}.ipynb."
        ),
        COMMAND="hunspell ontbreekt. Installeer het met: apt-get install hunspell-nl",
        MARKDOWN='**Lukt klikken niet?**\n\n- Typ dan `"helpt"` of `"helpt niet"`.',
        FIELD="Een uitspraak die niet helpt heeft een betere zin nodig (better).",
    )
    assert unknown_words(catalogue_texts([editor])) == {}
    assert as_read(editor.CODE) == "Gebruik of zet en in moet zijn, in en."


def test_every_text_catalogue_is_checked_by_default() -> None:
    folder = Path(text_package.__file__).parent
    modules = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
    assert {m.__name__.rsplit(".", 1)[1] for m in CATALOGUES} == modules
