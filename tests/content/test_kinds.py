"""The registry of item kinds: every bank file belongs to a kind, and every check sees a new
kind without another edit (coursekit check, the content report, the key-leak tests)."""

from __future__ import annotations

import re
import shutil
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field

from coursekit.cli.check import checks, run_checks
from coursekit.content.banks import GuidedItem
from coursekit.content.kinds import KINDS, Banks, ItemKind, packaged_banks, unclaimed_files
from coursekit.quality import CourseFiles, build_report, problems
from coursekit.quality.detectors import SEED
from tests.support.course import ROOT
from tests.support.key_material import all_secrets


def test_every_bank_file_belongs_to_a_registered_kind() -> None:
    banks = packaged_banks()
    assert banks.all_names(), "the packaged banks are found"
    assert unclaimed_files(banks) == []
    for kind in KINDS:
        assert kind.files(banks), f"{kind.name} has bank files"
        assert kind.all_items(banks), f"{kind.name} has items"


def test_a_file_no_kind_claims_is_reported(tmp_path: Path) -> None:
    banks = _copy_of_the_banks(tmp_path)
    (tmp_path / "banks" / "tips_m1.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    (tmp_path / "banks" / "conversations" / "los.yaml").write_text("x: 1\n", encoding="utf-8")
    assert unclaimed_files(banks, [k for k in KINDS if k.name != "conversations"]) == [
        *(f"conversations/{f.name}" for f in sorted((tmp_path / "banks/conversations").iterdir())),
        "tips_m1.yaml",
    ]
    assert unclaimed_files(banks) == ["tips_m1.yaml"]


# -- A throwaway kind, registered only in this test ---------------------------------------


class Tip(GuidedItem):
    text: Annotated[str, Field(min_length=1)]
    why: Annotated[str, Field(min_length=1)]


class TipBank(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    tips: list[Tip]


TIPS: ItemKind[TipBank, Tip] = ItemKind(
    name="tips",
    label="tips",
    stem="tips",
    bank=TipBank,
    items=lambda bank: bank.tips,
    texts=lambda tip: (tip.text, tip.why),
    key_material=lambda tip: (tip.why,),
    tally=lambda _tip: "tip",
)
MISSPELLED = "luisterrenn"
KEY = "Omdat een naaste zelf het beste weet wat nodig is."


def _copy_of_the_banks(tmp_path: Path) -> Banks:
    with resources.as_file(resources.files("coursekit.banks")) as packaged:
        shutil.copytree(packaged, tmp_path / "banks", ignore=shutil.ignore_patterns("*.py*"))
    return Banks(tmp_path / "banks", name="banks")


def _seed_run() -> str:
    """Eight words in a row from the seed: the content report must call that copying."""
    words = re.findall(r"[^\W\d_]+", SEED.read_text(encoding="utf-8"))
    return " ".join(words[40:48])


@pytest.fixture
def tip_banks(tmp_path: Path) -> Banks:
    banks = _copy_of_the_banks(tmp_path)
    (tmp_path / "banks" / "tips_m1.yaml").write_text(
        "schema_version: 1\n"
        "tips:\n"
        "  - id: tip-luisteren\n"
        "    guidance: [H2]\n"
        f'    text: "Blijf rustig en {MISSPELLED} naar wat er gebeurd is."\n'
        f'    why: "{KEY}"\n'
        "  - id: tip-bron\n"
        "    guidance: [H2]\n"
        f'    text: "{_seed_run()}. Bel gerust 12345 als je twijfelt."\n'
        '    why: "Zo weet je het zeker."\n',
        encoding="utf-8",
    )
    return banks


def test_coursekit_check_validates_a_new_kind(
    tip_banks: Banks, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = dict(checks(tip_banks, (*KINDS, TIPS)))
    assert found["banks/tips_m1.yaml"]() == "2 tips"
    assert "samen 2 tips" in found["banks/tips_*.yaml"]()
    (tmp_path / "banks" / "tips_m2.yaml").write_text(
        "schema_version: 1\ntips:\n  - id: tip-leeg\n    guidance: [H2]\n    text: ''\n"
        "    why: x\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    # The file itself, and the check of all tips files together.
    assert run_checks(checks(tip_banks, (*KINDS, TIPS))) == 2
    said = capsys.readouterr().err.splitlines()
    assert said and all(line.startswith("banks/tips_m2.yaml, item 1") for line in said), said


def test_the_content_report_reads_a_new_kind(tip_banks: Banks) -> None:
    report = build_report(CourseFiles(ROOT, banks=tip_banks, kinds=(*KINDS, TIPS)))
    assert report.unknown_words["tips_m1.yaml tip-luisteren"] == [MISSPELLED]
    assert [where for where, _run in report.seed_overlaps] == ["tips_m1.yaml tip-bron"]
    assert ("banks/tips_m1.yaml", "12345") in report.stray_numbers
    assert report.coverage["H2"].items["tips"] == 2 and report.labels["tip"] == 2
    assert len(problems(report)) == 3
    assert build_report(CourseFiles(ROOT)).unknown_words == {}, "the course itself is clean"


def test_the_key_leak_tests_cover_a_new_kind(tip_banks: Banks) -> None:
    assert KEY not in all_secrets()
    assert KEY in all_secrets(tip_banks, (*KINDS, TIPS))
