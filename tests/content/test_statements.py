from __future__ import annotations

from pathlib import Path

import pytest

from coursekit.content.banks import parse_bank_model, unique_across_files
from coursekit.content.errors import CourseDataError
from coursekit.content.facts import facts
from coursekit.content.kinds import STATEMENTS, Banks, packaged_item
from coursekit.content.statements import Label, StatementBank
from tests.support.banks import packaged_file

GOOD_ITEM = "{id: a, text: Zin., label: helpful, why: Omdat., guidance: [N1]}"


def test_section_n_bank_has_at_least_eight_statements_with_better_sentences() -> None:
    bank = packaged_file(STATEMENTS, "statements_m6.yaml")
    assert len(bank.select("N")) >= 8
    for statement in bank.statements:
        assert (statement.better is not None) == (statement.label is Label.HARMFUL)
    labels = {s.label for s in bank.statements}
    assert labels == {Label.HELPFUL, Label.HARMFUL}


def test_select_by_point_only_returns_statements_tagged_with_it() -> None:
    bank = packaged_file(STATEMENTS, "statements_m6.yaml")
    chosen = bank.select("N2")
    assert chosen and all("N2" in s.guidance for s in chosen)
    assert len(chosen) < len(bank.select("N"))


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        (f"schema_version: 2\ntitle: T\nstatements: [{GOOD_ITEM}]", "schema_version moet 1 zijn"),
        (
            "schema_version: 1\ntitle: T\nstatements:\n"
            f"  - {GOOD_ITEM}\n"
            "  - {id: b, text: Zin., label: harmful, why: Omdat., guidance: [N1]}",
            "item 2 (id 'b'): een uitspraak die niet helpt heeft een betere zin nodig",
        ),
        (
            "schema_version: 1\ntitle: T\nstatements:\n"
            "  - {id: c, text: Zin., label: soms, why: Omdat., guidance: [N1]}",
            "item 1 (id 'c'): label 'soms' bestaat niet",
        ),
        (
            "schema_version: 1\ntitle: T\nstatements:\n"
            "  - {id: d, label: helpful, why: Omdat., guidance: [N1]}",
            "item 1 (id 'd'): het veld tekst (text) ontbreekt",
        ),
        (
            "schema_version: 1\ntitle: T\nstatements:\n"
            "  - {id: e, text: Zin., label: helpful, why: Omdat., guidance: [Q7]}",
            "item 1 (id 'e'): onbekende richtlijn-ID Q7",
        ),
        (
            f"schema_version: 1\ntitle: T\nstatements: [{GOOD_ITEM}, {GOOD_ITEM}]",
            "de ID 'a' komt twee keer voor",
        ),
        ("schema_version: 1\ntitle: T\nstatements: [\n", "dit is geen geldige YAML"),
        ("- just\n- a list\n", "het bestand moet velden hebben"),
    ],
)
def test_malformed_bank_gives_one_sentence_naming_file_and_item(
    yaml_text: str, expected: str
) -> None:
    with pytest.raises(CourseDataError) as caught:
        parse_bank_model(StatementBank, yaml_text, "banks/kapot.yaml")
    message = str(caught.value)
    assert message.startswith("banks/kapot.yaml")
    assert expected in message
    assert "\n" not in message and "Traceback" not in message


def test_a_bank_file_of_a_kind_is_named_in_its_error(tmp_path: Path) -> None:
    (tmp_path / "statements_m9.yaml").write_text(
        "schema_version: 1\ntitle: T\nstatements: []\n", encoding="utf-8"
    )
    (file,) = STATEMENTS.files(Banks(tmp_path, name="eigen-banken"))
    with pytest.raises(CourseDataError, match=r"^eigen-banken/statements_m9\.yaml"):
        STATEMENTS.load(file)


def test_an_unknown_item_id_is_a_clear_error() -> None:
    with pytest.raises(CourseDataError, match="geen item 'bestaat-niet' bij de uitspraken"):
        packaged_item(STATEMENTS, "bestaat-niet")


BANK_WITH_NUMBER = """schema_version: 1
title: T
statements:
  - id: bel-nu
    text: "Bel {alarmnummer}, nu."
    label: helpful
    why: "Bij direct gevaar bel je {alarmnummer}; anders {politie}."
    guidance: [X1]
"""


def test_help_line_placeholders_are_filled_in_from_the_facts_file() -> None:
    statement = parse_bank_model(StatementBank, BANK_WITH_NUMBER, "banks/x.yaml").statements[0]
    numbers = facts().numbers()
    assert statement.text == f"Bel {numbers['alarmnummer']}, nu."
    assert numbers["politie"] in statement.why and "{" not in statement.why


def test_an_unknown_placeholder_is_one_sentence_naming_the_file() -> None:
    with pytest.raises(CourseDataError) as caught:
        parse_bank_model(
            StatementBank, BANK_WITH_NUMBER.replace("{politie}", "{brandweer}"), "banks/x.yaml"
        )
    message = str(caught.value)
    assert message.startswith("banks/x.yaml: {brandweer} is geen hulplijn")
    assert "\n" not in message


def test_an_id_used_in_two_bank_files_is_refused() -> None:
    item = parse_bank_model(StatementBank, BANK_WITH_NUMBER, "banks/x.yaml").statements[0]
    with pytest.raises(CourseDataError, match=r"statements_\*\.yaml: de ID 'bel-nu' komt twee"):
        unique_across_files("coursekit/banks/statements_*.yaml", [item, item])
