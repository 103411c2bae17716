"""The course content: every guidance point taught and practised, readable, our own words.

One report (``coursekit content-report``) is built per test session; each test checks one
promise of it and names every offender. The detectors themselves are tested with planted
input in tests/quality/, so that a clean report means something.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from coursekit.cli import main
from coursekit.content.course import Module, course
from coursekit.content.kinds import (
    CLAIMS,
    CONVERSATIONS,
    KINDS,
    SCENARIOS,
    SITUATIONS,
    packaged_banks,
    packaged_items,
)
from coursekit.quality import CourseFiles, Report, build_report, problems
from coursekit.quality.coverage import MIN_ITEMS, MIN_STATEMENTS
from coursekit.quality.detectors import MIN_READING_EASE, hunspell_unknown
from tests.support.course import ROOT

COURSE = CourseFiles(ROOT)


def module_notebooks() -> dict[int, Path]:
    return COURSE.module_notebooks()


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(COURSE)


# -- The course keeps its promises ---------------------------------------------------------


def test_every_guidance_point_is_taught_in_a_tagged_section(report: Report) -> None:
    untaught = [gid for gid, cover in report.coverage.items() if not cover.sections]
    assert untaught == []


def test_every_guidance_point_has_enough_items(report: Report) -> None:
    too_few = {gid: c.total for gid, c in report.coverage.items() if c.total < MIN_ITEMS}
    assert too_few == {}


def test_every_helpful_or_harmful_point_has_four_statements(report: Report) -> None:
    too_few = {
        gid: c.items["uitspraken"]
        for gid, c in report.coverage.items()
        if c.kind in {"helpful", "harmful"} and c.items["uitspraken"] < MIN_STATEMENTS
    }
    assert too_few == {}


def test_statements_are_about_half_helpful_half_harmful(report: Report) -> None:
    helpful, harmful = report.labels["uitspraak helpful"], report.labels["uitspraak harmful"]
    assert helpful + harmful >= 120
    assert 0.4 <= helpful / (helpful + harmful) <= 0.6


def test_every_fact_and_resource_point_has_a_fact_item(report: Report) -> None:
    items = [*packaged_items(CLAIMS), *packaged_items(SITUATIONS)]
    tagged = {g for item in items for g in item.guidance}
    points = [gid for gid, c in report.coverage.items() if c.kind in {"fact", "resource"}]
    assert [gid for gid in points if gid not in tagged] == []


def test_every_module_reads_at_b1_level(report: Report) -> None:
    assert {m.number for m in report.modules} == {m.number for m in course().modules}
    hard = {m.number: round(m.reading_ease, 1) for m in report.modules}
    assert {n: score for n, score in hard.items() if score < MIN_READING_EASE} == {}


def test_every_word_is_dutch_or_reviewed(report: Report) -> None:
    assert report.unknown_words == {}


def test_no_run_of_eight_words_is_copied_from_the_seed(report: Report) -> None:
    assert report.seed_overlaps == []


def test_no_number_is_typed_outside_the_facts_file(report: Report) -> None:
    assert report.stray_numbers == []


def test_the_report_command_prints_text_and_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the course comes from --course, not from where we are
    assert main(["content-report", "--course", str(ROOT)]) == 0, capsys.readouterr().out
    text = capsys.readouterr().out
    assert "Flesch-Douma" in text and "W1" in text and "S1" in text
    monkeypatch.chdir(ROOT)  # and without --course, from the folder we are in
    assert main(["content-report", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["coverage"]) >= {"W1", "N8", "X6"}
    assert all(cover["total"] >= MIN_ITEMS for cover in data["coverage"].values())


def test_a_clean_report_has_no_problems(report: Report) -> None:
    assert problems(report) == []


# -- The modules follow the course's shape -------------------------------------------------


def _cells(path: Path) -> list[nbformat.NotebookNode]:
    return list(nbformat.read(path, as_version=4).cells)


@pytest.mark.parametrize("module", course().modules, ids=lambda m: m.slug)
def test_module_opens_with_what_you_learn_do_and_how_long(module: Module) -> None:
    path = module_notebooks()[module.number]
    assert path.stem == f"{module.number:02d}-{module.slug}"
    opening = _cells(path)[0].source
    assert opening.startswith(f"# {module.title}")
    for question in ("**Wat leer je?**", "**Wat doe je?**", "**Hoe lang duurt het?**"):
        assert question in opening


#: The modules with a conversation practice. Module 5 (meedenken-en-bewijs), split off
#: from module 4, shares module 4's phone call; a conversation would take it over 30 minutes.
WITH_CONVERSATION = {
    "jouw-rol",
    "zo-help-je",
    "wat-niet-helpt",
    "digitaal-en-veilig",
    "regels-bescherming-en-grenzen",
}


@pytest.mark.parametrize("module", course().modules, ids=lambda m: m.slug)
def test_module_practises_with_a_sort_and_two_scenarios(module: Module) -> None:
    code = [c.source for c in _cells(module_notebooks()[module.number]) if c.cell_type == "code"]
    assert "help_bar()" not in code, "the page around every module shows the help lines once"
    assert any(re.match(r"(sort|review|mastery)\(", line) for line in code)
    assert sum(line.startswith("scenario(") for line in code) >= 2
    if module.number >= 2:
        assert f"recap({module.number})" in code[:3], "the recap comes first"
    if module.id in WITH_CONVERSATION:
        assert any(line.startswith("conversation(") for line in code)


def test_there_are_at_least_three_conversations_and_two_scenarios_per_module() -> None:
    assert len([c.id for c in packaged_items(CONVERSATIONS)]) >= 3
    assert len(packaged_items(SCENARIOS)) >= 2 * len(course().modules)


@pytest.mark.parametrize("module", course().modules, ids=lambda m: m.slug)
def test_every_module_teaches_its_own_points_in_its_own_sections(module: Module) -> None:
    tagged = {
        gid
        for cell in _cells(module_notebooks()[module.number])
        if cell.cell_type == "markdown" and cell.source.startswith("## ")
        for gid in cell.metadata.get("coursekit", {}).get("guidance", [])
    }
    assert set(module.guidance) - tagged == set()


def test_every_word_on_the_reviewed_list_is_needed() -> None:
    from coursekit.quality.detectors import reviewed_words, words
    from coursekit.quality.sources import readable_texts

    used = {w for text in readable_texts(COURSE) for w in words(text.text)}
    listed = reviewed_words()
    assert listed - used == set(), "listed but not used in the course"
    assert listed & (used - hunspell_unknown(listed)) == set(), "hunspell-nl knows these already"


def test_exercise_questions_are_not_practice_items() -> None:
    from coursekit.exercise.questions import load_exercise
    from coursekit.quality.texts import bank_texts

    def folded(text: str) -> str:
        return " ".join(re.findall(r"[^\W_]+", text.lower()))

    practice = {folded(t.text) for t in bank_texts(COURSE)}
    repeated = [
        (path.parent.name, q.id)
        for path in sorted((ROOT / "solutions").glob("*/*.ipynb"))
        for q in load_exercise(path.stem, path.parent).questions
        if folded(q.text) in practice
    ]
    assert repeated == []


@pytest.mark.parametrize("module", course().modules[2:], ids=lambda m: m.slug)
def test_a_recap_section_names_the_points_of_every_module_before_it(module: Module) -> None:
    recaps = [
        cell
        for cell in _cells(module_notebooks()[module.number])
        if cell.cell_type == "markdown" and cell.source.startswith("## Even terugblikken")
    ]
    assert len(recaps) == 1
    tagged = recaps[0].metadata["coursekit"]["guidance"]
    assert tagged == course().guidance_before(module.number)
    assert len(tagged) == len(set(tagged))


def test_the_course_wide_review_names_every_point_of_the_course() -> None:
    last = course().modules[-1]
    reviews = [
        cell
        for cell in _cells(module_notebooks()[last.number])
        if cell.cell_type == "markdown" and cell.source.startswith("## Herhaling van de hele")
    ]
    assert len(reviews) == 1, "the course-wide review stays in the last module"
    tagged = set(reviews[0].metadata["coursekit"]["guidance"])
    assert tagged == {gid for module in course().modules for gid in module.guidance}


def test_no_key_material_is_shown_as_the_text_of_another_item() -> None:
    """A why, better sentence, feedback or model answer may not be a statement, claim,
    situation or first turn that a page shows before an answer: the key-leak tests in the
    browser would catch it only when the draw puts both on one page."""

    def norm(text: str) -> str:
        return " ".join(text.split())

    banks = packaged_banks()
    shown: list[str] = []
    hidden: list[tuple[str, str]] = []
    for kind in KINDS:
        for _file, item in kind.items_in(banks):
            keys = {norm(t) for t in kind.key_material(item) if t}
            shown += [norm(t) for t in kind.texts(item) if t and norm(t) not in keys]
            hidden += [(item.id, key) for key in keys if len(key) >= 20]
    assert [(item_id, key) for item_id, key in hidden if any(key in t for t in shown)] == []
