"""The HTML fragments of coursekit.practice.markup: content escaped, roles and classes kept,
the colours in one place."""

from __future__ import annotations

import html
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from coursekit.content.facts import facts
from coursekit.practice import markup
from coursekit.text import learner
from tests.support.course import ROOT

EVIL = '<script>alert("x&y")</script>'
ESCAPED = html.escape(EVIL)


@dataclass(frozen=True)
class Fragment:
    """A fragment built with EVIL in each of its ``texts`` content texts, and what it keeps."""

    build: Callable[[str], str]
    keeps: tuple[str, ...]
    texts: int = 1


def _facts_with(evil: str) -> object:
    data = facts()
    return data.model_copy(
        update={
            "help_lines": [
                line.model_copy(update={"name": evil, "when": evil}) for line in data.help_lines[:1]
            ],
            "organisations": [
                org.model_copy(update={"name": evil, "offers": evil, "website": evil})
                for org in data.organisations[:1]
            ],
        }
    )


def _help_lines(evil: str) -> str:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markup, "facts", lambda: _facts_with(evil))
        return markup.help_lines_html()


def _help_line(evil: str) -> str:
    line = facts().line("zelfmoordpreventie")
    return markup.help_line_html(line.model_copy(update={"name": evil, "when": evil}))


def _organisations(evil: str) -> str:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markup, "facts", lambda: _facts_with(evil))
        return markup.organisations_html()


# Every fragment that takes content, with the markers the browser tests and axe rely on.
FRAGMENTS: dict[str, Fragment] = {
    "heading": Fragment(markup.heading, ("<h3>",)),
    "paragraph": Fragment(markup.paragraph, ("<p>",)),
    # The module id comes from course.yaml (a slug), and is escaped all the same.
    "module_done": Fragment(
        lambda t: markup.module_done(t, 7, 8),
        ("<span hidden data-coursekit-afgerond=", 'data-goed="7" data-van="8"></span>'),
    ),
    "better": Fragment(markup.better, (f"<p><strong>{learner.SORT_BETTER}</strong> “Tekst”</p>",)),
    # The item's own HTML is built (and escaped) by its fragment, "statement".
    "asked": Fragment(
        lambda t: markup.asked(t, t, "<blockquote>item</blockquote>"),
        ("<h3>", '<p class="coursekit-progress">', "<blockquote>item</blockquote>"),
        texts=2,
    ),
    "statement": Fragment(
        lambda t: markup.statement(t, quoted=True) + markup.statement(t, quoted=False),
        ('<blockquote class="coursekit-statement">', '<p class="coursekit-statement">'),
        texts=2,
    ),
    "round_summary": Fragment(
        lambda t: markup.round_summary(1, 2, [(t, t)]),
        (
            '<div class="coursekit-summary">',
            f"<p>{learner.ROUND_MISSED_TITLE}</p><ul><li>“Tekst” Tekst</li></ul>",
        ),
        texts=2,
    ),
    "scenario_intro": Fragment(
        lambda t: markup.scenario_intro(t, t),
        (f"<h3>{learner.SCENARIO_TITLE}</h3>", '<p class="coursekit-situation">'),
        texts=2,
    ),
    "option_feedback": Fragment(
        lambda t: markup.option_feedback(False, t, t),
        ('<div class="coursekit-feedback">', 'class="coursekit-incorrect"'),
        texts=2,
    ),
    "conversation_intro": Fragment(
        lambda t: markup.conversation_intro(t, t), ("<h3>", "<p>"), texts=2
    ),
    "said": Fragment(lambda t: markup.said(t, t), ("<strong>",), texts=2),
    "transcript": Fragment(
        lambda t: markup.transcript([(t, t)]), ('<div class="coursekit-transcript">',), texts=2
    ),
    "judged_note": Fragment(
        lambda t: markup.judged_note(True, t, step=2),
        (learner.CONVERSATION_HELPS, markup._GREEN, '<p class="coursekit-note" data-step="2">'),
    ),
    # An unknown guidance ID is its own title: the ID and the title are both shown.
    "debrief": Fragment(
        lambda t: markup.debrief(t, [t]),
        (
            f"<h4>{learner.CONVERSATION_END}: {learner.CONVERSATION_DEBRIEF}</h4>",
            f"<p>{learner.CONVERSATION_TOUCHED}</p><ul><li>",
        ),
        texts=3,
    ),
    "situation": Fragment(
        lambda t: markup.situation(3, t) + markup.situation(3, t, total=5),
        (
            '<p class="coursekit-statement">',
            learner.NUMBERS_SITUATION.format(number=3) + ".",
            learner.NUMBERS_SITUATION_OF.format(number=3, total=5) + ".",
        ),
        texts=2,
    ),
    "line_feedback": Fragment(
        lambda t: markup.line_feedback(True, t, t),
        ('<div class="coursekit-feedback">', 'class="coursekit-correct"'),
        texts=2,
    ),
    "reflection_intro": Fragment(
        markup.reflection_intro,
        (f"<h3>{learner.REFLECTION_TITLE}</h3><p>Tekst</p>" + markup.private_note(),),
    ),
    "model_answer": Fragment(
        markup.model_answer,
        ('<div class="coursekit-feedback">', "<blockquote>", learner.REFLECTION_MODEL),
    ),
    "mastery_intro": Fragment(lambda t: markup.mastery_intro(t, 0.8), ("<h3>", "80 %")),
    "graded_question": Fragment(
        lambda t: markup.graded_question(2, t, True, t) + markup.graded_question(3, t, False),
        (
            '<p class="coursekit-statement"><strong>2.</strong> “Tekst”<br><strong>Tekst</strong>',
            '<p class="coursekit-statement"><strong>3.</strong> Tekst</p>',
        ),
        texts=3,
    ),
    "graded_not_saved": Fragment(markup.graded_not_saved, ('<p role="alert">',)),
    "help_lines_html": Fragment(
        _help_lines,
        (
            f'<aside class="coursekit-help" aria-label="{learner.HELP_TITLE}">',
            f"<p><strong>{learner.HELP_TITLE}</strong></p><ul><li><strong>Tekst</strong>",
            'href="tel:',
            "<p><small>" + learner.HELP_CHECKED.split("{")[0],
        ),
        texts=2,
    ),
    "help_line_html": Fragment(
        _help_line,
        (
            '<p class="coursekit-help-line"><strong>Tekst</strong>',
            'href="tel:113"',
            'href="tel:08000113"',
        ),
        texts=2,
    ),
    "organisations_html": Fragment(
        _organisations,
        (
            f'<section class="coursekit-resources" aria-label="{learner.RESOURCES_TITLE}">',
            f"<h3>{learner.RESOURCES_TITLE}</h3><ul><li><strong>Tekst</strong>",
            '<a href="https://Tekst" target="_blank" rel="noopener">Tekst</a></li></ul>',
        ),
        texts=4,
    ),
}

# Every fragment that takes no content text: sentences of the catalogue, numbers, or HTML
# built by the other fragments.
SENTENCES: dict[str, tuple[Callable[[], str], tuple[str, ...]]] = {
    "verdict": (lambda: markup.verdict(True), ('class="coursekit-correct"', learner.CORRECT)),
    # The live region is a widget on the page from the start (coursekit.practice.controls):
    # no fragment makes one with its text.
    "feedback": (lambda: markup.feedback("<p>x</p>"), ('<div class="coursekit-feedback"><p>x',)),
    "per_situation": (
        lambda: markup.per_situation([(2, "<p>x</p>")]),
        (f"<strong>{learner.NUMBERS_SITUATION.format(number=2)}.</strong></p><p>x</p>",),
    ),
    "strong_status": (lambda: markup.strong_status("Klaar."), ('<div role="status">',)),
    "choose_first": (markup.choose_first, (learner.SCENARIO_CHOOSE_FIRST,)),
    "numbers_intro": (
        markup.numbers_intro,
        (f"<h3>{learner.NUMBERS_TITLE}</h3><p>{learner.NUMBERS_PROMPT}</p>",),
    ),
    "unanswered": (markup.unanswered, (learner.NUMBERS_UNANSWERED,)),
    "private_note": (markup.private_note, (f"<small>{learner.REFLECTION_PRIVATE}</small>",)),
    "recap_nothing": (
        markup.recap_nothing,
        (f"<h3>{learner.RECAP_TITLE}</h3><p>{learner.RECAP_NOTHING}</p>",),
    ),
    "mastery_result": (
        lambda: markup.mastery_result(True, 4, 5, 0.8),
        ('<div role="status">', learner.MASTERY_DONE.format(correct=4, total=5)),
    ),
    "graded_intro": (markup.graded_intro, (f"<p>{learner.GRADED_INTRO}</p>",)),
    "graded_saved": (
        lambda: markup.graded_saved(3, 8),
        (f"<p>{learner.GRADED_SAVED.format(answered=3, total=8)}</p>",),
    ),
}


def test_every_fragment_of_markup_is_tested_here() -> None:
    public = {
        name
        for name, value in vars(markup).items()
        if inspect.isfunction(value) and value.__module__ == markup.__name__ and name[0] != "_"
    }
    assert public == set(FRAGMENTS) | set(SENTENCES)


@pytest.mark.parametrize("name", FRAGMENTS)
def test_each_fragment_escapes_every_content_text(name: str) -> None:
    fragment = FRAGMENTS[name]
    built = fragment.build(EVIL)
    assert "<script>" not in built
    assert built.count(ESCAPED) == fragment.texts


@pytest.mark.parametrize("name", FRAGMENTS)
def test_each_fragment_keeps_its_role_class_and_words(name: str) -> None:
    built = FRAGMENTS[name].build("Tekst")
    missing = [marker for marker in FRAGMENTS[name].keeps if marker not in built]
    assert missing == []


@pytest.mark.parametrize("name", SENTENCES)
def test_each_fragment_without_content_keeps_its_role_class_and_words(name: str) -> None:
    build, keeps = SENTENCES[name]
    built = build()
    assert [marker for marker in keeps if marker not in built] == []


def test_the_verdict_says_right_or_wrong_in_words_colour_and_class() -> None:
    right, wrong = markup.verdict(True, "Uitleg."), markup.verdict(False)
    assert right == (
        f'<p class="coursekit-correct"><strong style="color:{markup._GREEN}">'
        f"{learner.CORRECT}</strong> Uitleg.</p>"
    )
    assert wrong == (
        f'<p class="coursekit-incorrect"><strong style="color:{markup._RED}">'
        f"{learner.INCORRECT}</strong></p>"
    )


def test_a_status_in_bold_is_green_when_good_red_when_not_and_plain_otherwise() -> None:
    assert f"color:{markup._GREEN}" in markup.strong_status("x", good=True)
    assert f"color:{markup._RED}" in markup.strong_status("x", good=False)
    assert "color" not in markup.strong_status("x")


def test_a_note_in_a_conversation_says_whether_it_helps_in_words_and_colour() -> None:
    assert f"color:{markup._RED}" in markup.judged_note(False, "x")
    assert learner.CONVERSATION_DOES_NOT_HELP in markup.judged_note(False, "x")


def test_an_empty_heading_is_nothing() -> None:
    assert markup.heading("") == ""


def test_what_someone_says_is_quoted_and_a_claim_is_in_bold() -> None:
    assert markup.statement("Zeg.", quoted=True).count("“Zeg.”") == 1
    assert "<strong>Bewering.</strong>" in markup.statement("Bewering.", quoted=False)


def test_a_round_without_mistakes_praises_and_lists_nothing() -> None:
    summary = markup.round_summary(3, 3, [])
    assert learner.ROUND_SCORE.format(correct=3, total=3) in summary
    assert learner.ROUND_ALL_RIGHT in summary
    assert "<li>" not in summary and learner.ROUND_MISSED_TITLE not in summary


def test_a_wrong_option_asks_to_try_again_and_a_right_one_does_not() -> None:
    assert learner.TRY_AGAIN in markup.option_feedback(False, "b", "Waarom.")
    assert learner.TRY_AGAIN not in markup.option_feedback(True, "b", "Waarom.")
    assert learner.YOU_CHOSE.format(answer="b") in markup.option_feedback(True, "b", "W.")


def test_a_wrong_help_line_keeps_the_reason_for_the_right_one_back() -> None:
    wrong = markup.line_feedback(False, "Politie", "Waarom de goede lijn past.")
    assert "Waarom de goede lijn past." not in wrong
    assert learner.TRY_AGAIN in wrong and 'class="coursekit-incorrect"' in wrong
    right = markup.line_feedback(True, "Politie", "Waarom de goede lijn past.")
    assert "Waarom de goede lijn past." in right and learner.TRY_AGAIN not in right


def test_a_transcript_has_one_line_per_turn_in_order() -> None:
    lines = [("Lisa", "Hoi."), ("Jij", "Hé.")]
    assert markup.transcript(lines) == (
        '<div class="coursekit-transcript">'
        + markup.said(*lines[0])
        + markup.said(*lines[1])
        + "</div>"
    )


def test_the_feedback_on_a_reply_sits_under_that_reply_before_the_next_message() -> None:
    lines = [("Lisa", "Hoi."), ("Jij", "Hé."), ("Lisa", "Fijn.")]
    note = markup.judged_note(True, "Goed zo.", step=1)
    assert markup.transcript(lines, {1: note}) == (
        '<div class="coursekit-transcript">'
        + markup.said(*lines[0])
        + markup.said(*lines[1])
        + note
        + markup.said(*lines[2])
        + "</div>"
    )


def test_the_debrief_names_each_guidance_point_by_title_and_id() -> None:
    from coursekit.content.guidance import guidance_title

    assert f"<li>{html.escape(guidance_title('N2'))} (N2)</li>" in markup.debrief("x", ["N2"])


def test_a_percentage_is_written_the_dutch_way() -> None:
    assert "75 %" in markup.mastery_intro("Toets", 0.75)
    assert "75 %" in markup.mastery_result(False, 1, 4, 0.75)
    assert f"color:{markup._GREEN}" not in markup.mastery_result(False, 1, 4, 0.75)


def test_a_graded_question_without_a_question_has_no_line_break() -> None:
    assert markup.graded_question(1, "Waar?", False) == (
        '<p class="coursekit-statement"><strong>1.</strong> Waar?</p>'
    )


def test_the_colours_are_named_only_in_markup_and_the_voila_template() -> None:
    package = ROOT / "coursekit"
    template = package / "site" / "voila_template"
    colours = (markup._GREEN, markup._RED)
    named_in = [
        path.relative_to(ROOT)
        for path in sorted(package.rglob("*"))
        if path.is_file()
        and path.suffix != ".pyc"
        and template not in path.parents
        and any(c in path.read_text(encoding="utf-8", errors="ignore").lower() for c in colours)
    ]
    # Three pages are static files that cannot import markup: Mijn cursus's stylesheet, the
    # trainers' (Groepsoverzicht) and the feedback page's template. They name the same two
    # colours, and no other green.
    static = [
        package / "grading" / "feedback_template" / "index.html.j2",
        package / "groepsoverzicht" / "static" / "groep.css",
        package / "mijn_cursus" / "static" / "mijn-cursus.css",
    ]
    assert named_in == sorted(
        p.relative_to(ROOT) for p in [package / "practice" / "markup.py", *static]
    )
    for path in static:
        named = set(re.findall(r"#[0-9a-f]{6}", path.read_text(encoding="utf-8").lower()))
        rgb = {c: (int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16)) for c in named}
        greens = {c for c, (r, g, b) in rgb.items() if g > r + 0x30 and g > b + 0x30}
        assert greens == {markup._GREEN}, (path, greens)
