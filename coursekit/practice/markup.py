"""Every HTML fragment and colour a learner reads, for every question type: headings, the
item asked, feedback with correctness in words, an icon and colour in a status region,
summaries; the help lines; the organisations. Strings only, no widgets.

Widgets pass values; the fragments are built here. Every text that comes from content
(an item's text, why, prompt, a name) is escaped here, never by the caller. The Dutch
sentences come from :mod:`coursekit.text.learner` and are put in as they are.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from coursekit.content.facts import HelpLine, facts
from coursekit.content.guidance import guidance_title
from coursekit.text import learner

_GREEN = "#1b6e20"
_RED = "#a4161a"


# Shared by every question type
def verdict(correct: bool, detail: str = "") -> str:
    """'✔ Goed.' or '✘ Niet goed.' in colour, followed by a sentence of detail (HTML)."""
    word = learner.CORRECT if correct else learner.INCORRECT
    kind = "coursekit-correct" if correct else "coursekit-incorrect"
    colour = _GREEN if correct else _RED
    tail = f" {detail}" if detail else ""
    return f'<p class="{kind}"><strong style="color:{colour}">{word}</strong>{tail}</p>'


def feedback(*parts: str) -> str:
    """Feedback parts, verdict first, for a quiz's live region
    (:class:`coursekit.practice.controls.LiveRegion`, which is on the page before the first
    answer: a region made together with its text is not announced by every screen reader)."""
    return '<div class="coursekit-feedback">' + "".join(parts) + "</div>"


def strong_status(text: str, good: bool | None = None) -> str:
    """A sentence in bold in a status region; green when ``good``, red when not ``good``."""
    colour = "" if good is None else f' style="color:{_GREEN if good else _RED}"'
    return f'<div role="status"><p><strong{colour}>{text}</strong></p></div>'


def heading(text: str) -> str:
    """A quiz's heading (escaped), or nothing for an empty text."""
    return f"<h3>{html.escape(text)}</h3>" if text else ""


def paragraph(text: str) -> str:
    """A paragraph of content text (escaped)."""
    return f"<p>{html.escape(text)}</p>"


def better(text: str) -> str:
    """'Zeg liever:' and the better thing to say, quoted (escaped)."""
    return f"<p><strong>{learner.SORT_BETTER}</strong> “{html.escape(text)}”</p>"


def choose_first() -> str:
    """'Kies eerst een antwoord.', for the live region: checked or sent with nothing chosen."""
    return feedback(f"<p>{learner.SCENARIO_CHOOSE_FIRST}</p>")


# The two-answer quizzes: statement sort and true/false
def asked(title: str, progress: str, item: str) -> str:
    """A quiz's heading (none for an empty title), where the learner is ("Vraag 2 van 5",
    escaped) and the item's own HTML: what one question of a round shows."""
    return f'{heading(title)}<p class="coursekit-progress">{html.escape(progress)}</p>{item}'


def statement(text: str, quoted: bool) -> str:
    """The item being asked: a quotation (what someone says) or a claim in bold."""
    shown = html.escape(text)
    if quoted:
        return f'<blockquote class="coursekit-statement">“{shown}”</blockquote>'
    return f'<p class="coursekit-statement"><strong>{shown}</strong></p>'


def round_summary(correct: int, total: int, missed: Sequence[tuple[str, str]]) -> str:
    """The end of a round: the score, then each missed item's (text, why), or praise."""
    score = learner.ROUND_SCORE.format(correct=correct, total=total)
    parts = [f"<p><strong>{score}</strong></p>"]
    if missed:
        items = "".join(
            f"<li>“{html.escape(text)}” {html.escape(why)}</li>" for text, why in missed
        )
        parts.append(f"<p>{learner.ROUND_MISSED_TITLE}</p><ul>{items}</ul>")
    else:
        parts.append(f"<p>{learner.ROUND_ALL_RIGHT}</p>")
    return '<div class="coursekit-summary">' + "".join(parts) + "</div>"


# Scenario choice
def scenario_intro(situation: str, question: str) -> str:
    """A scenario's heading, its situation and its question in bold (both escaped)."""
    return (
        f"<h3>{learner.SCENARIO_TITLE}</h3>"
        f'<p class="coursekit-situation">{html.escape(situation)}</p>'
        f"<p><strong>{html.escape(question)}</strong></p>"
    )


def option_feedback(correct: bool, answer: str, text: str) -> str:
    """The verdict on a chosen option (its letter, and 'try again' when wrong), then the
    option's own feedback (escaped), for the quiz's live region."""
    detail = learner.YOU_CHOSE.format(answer=html.escape(answer))
    if not correct:
        detail += " " + learner.TRY_AGAIN
    return feedback(verdict(correct, detail), paragraph(text))


# Conversation
def conversation_intro(title: str, intro: str) -> str:
    """A conversation's title and the paragraph that sets the scene (both escaped)."""
    return heading(title) + paragraph(intro)


def said(who: str, text: str) -> str:
    """One line of a conversation: who says it, in bold, and what (both escaped)."""
    return f"<p><strong>{html.escape(who)}:</strong> {html.escape(text)}</p>"


def transcript(lines: Sequence[tuple[str, str]], notes: Mapping[int, str] | None = None) -> str:
    """The conversation so far, one :func:`said` line per (who, text); ``notes[i]`` (HTML,
    a :func:`judged_note`) follows line ``i``: the feedback sits under the reply it judges."""
    notes = notes or {}
    parts = [said(*line) + notes.get(index, "") for index, line in enumerate(lines)]
    return '<div class="coursekit-transcript">' + "".join(parts) + "</div>"


def judged_note(good: bool, note: str, step: int | None = None) -> str:
    """'✔ Dit helpt.' or '✘ Dit helpt niet.' in colour, then why (escaped). With ``step``
    (the reply's number), the note is marked for the page to scroll to."""
    verdict = learner.CONVERSATION_HELPS if good else learner.CONVERSATION_DOES_NOT_HELP
    colour = _GREEN if good else _RED
    mark = "" if step is None else f' class="coursekit-note" data-step="{int(step)}"'
    return f'<p{mark}><strong style="color:{colour}">{verdict}</strong> {html.escape(note)}</p>'


def debrief(text: str, guidance_ids: Sequence[str]) -> str:
    """The end of a conversation: its debrief (escaped) and the guidance the path touched,
    each by its Dutch title and ID."""
    touched = "".join(
        f"<li>{html.escape(guidance_title(gid))} ({html.escape(gid)})</li>" for gid in guidance_ids
    )
    return (
        f"<h4>{learner.CONVERSATION_END}: {learner.CONVERSATION_DEBRIEF}</h4>"
        + paragraph(text)
        + f"<p>{learner.CONVERSATION_TOUCHED}</p><ul>{touched}</ul>"
    )


# 'Welk nummer bel je?'
def numbers_intro() -> str:
    """The heading and the instruction of 'Welk nummer bel je?'."""
    return f"<h3>{learner.NUMBERS_TITLE}</h3><p>{learner.NUMBERS_PROMPT}</p>"


def situation(number: int, text: str, total: int | None = None) -> str:
    """'Situatie N.' (or 'Situatie N van M.') in bold, then the situation (escaped)."""
    if total is None:
        label = learner.NUMBERS_SITUATION.format(number=number)
    else:
        label = learner.NUMBERS_SITUATION_OF.format(number=number, total=total)
    return f'<p class="coursekit-statement"><strong>{label}.</strong> {html.escape(text)}</p>'


def per_situation(parts: Sequence[tuple[int, str]]) -> str:
    """What the live region of 'Welk nummer bel je?' reads after a check: per (number,
    feedback HTML) 'Situatie N.' and its feedback."""
    return feedback(
        *(
            f"<p><strong>{learner.NUMBERS_SITUATION.format(number=number)}.</strong></p>{part}"
            for number, part in parts
        )
    )


def unanswered() -> str:
    """'Je hebt hier nog niets gekozen.', for a situation left open."""
    return feedback(f"<p>{learner.NUMBERS_UNANSWERED}</p>")


def line_feedback(correct: bool, line_name: str, why: str) -> str:
    """The verdict on the help line chosen (its name escaped).

    Only a right line shows ``why`` (escaped); a wrong one says 'try again' instead, so
    that the reason for the right line stays in the kernel."""
    detail = learner.NUMBERS_CHOSE_LINE.format(line=html.escape(line_name))
    if correct:
        return feedback(verdict(True, detail), paragraph(why))
    return feedback(verdict(False, detail + " " + learner.TRY_AGAIN))


# Reflection
def reflection_intro(prompt: str) -> str:
    """A reflection's heading, its prompt (escaped) and the :func:`private_note`."""
    return f"<h3>{learner.REFLECTION_TITLE}</h3>" + paragraph(prompt) + private_note()


def private_note() -> str:
    """The small print under a reflection prompt: what is written here stays here."""
    return f"<p><small>{learner.REFLECTION_PRIVATE}</small></p>"


def model_answer(text: str) -> str:
    """'Een voorbeeld van een antwoord:' and the model answer (escaped), for the
    reflection's live region."""
    return feedback(
        f"<p><strong>{learner.REFLECTION_MODEL}</strong></p>",
        f"<blockquote>{html.escape(text)}</blockquote>",
    )


# Recap and mastery
def recap_nothing() -> str:
    """The recap of the first module: its heading and 'nothing to recap yet'."""
    return f"<h3>{learner.RECAP_TITLE}</h3><p>{learner.RECAP_NOTHING}</p>"


def _percent(share: float) -> str:
    """A share as Dutch writes a percentage: 0.8 is '80 %'."""
    return f"{share:.0%}".replace("%", " %")


def mastery_intro(title: str, threshold: float, review: bool = False) -> str:
    """The heading of a closing quiz (escaped; none for an empty title: the notebook's own
    heading names it) and what counts: the first answer to each question, and the share of
    them it asks for. ``review`` for the course-wide review, which is no module's end."""
    text = learner.REVIEW_INTRO if review else learner.MASTERY_INTRO
    return f"{heading(title)}<p>{text.format(percent=_percent(threshold))}</p>"


def _topic_list(topics: Sequence[tuple[str, str | None]]) -> str:
    """Points to read again (escaped): '„title”', or with the module that teaches it,
    joined as Dutch lists them: 'a, b en c'."""
    shown = [
        learner.REVIEW_TOPIC.format(title=html.escape(title), module=html.escape(module))
        if module
        else f"„{html.escape(title)}”"
        for title, module in topics
    ]
    if len(shown) < 2:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} {learner.AND} {shown[-1]}"


def mastery_result(
    mastered: bool,
    correct: int,
    total: int,
    threshold: float,
    review: bool = False,
    topics: Sequence[tuple[str, str | None]] = (),
) -> str:
    """The end of a closing-quiz round. Reached: 'Module klaar!' in green (the review:
    that the review is done, and what comes next). Not reached: the first-try score and
    the share needed, then one next step in words: read again about ``topics`` (title,
    module or None) of the missed questions, then choose the new-round button, named as it
    is. Nothing here says 'in one go' about a retry: what counts is the first answer."""
    if mastered:
        done = (learner.REVIEW_DONE if review else learner.MASTERY_DONE).format(
            correct=correct, total=total
        )
        after = f'<p class="coursekit-next-step">{learner.REVIEW_WHAT_NEXT}</p>' if review else ""
        return (
            f'<div role="status"><p><strong style="color:{_GREEN}">{done}</strong></p>{after}</div>'
        )
    not_yet = learner.REVIEW_NOT_YET if review else learner.MASTERY_NOT_YET
    score = not_yet.format(correct=correct, total=total, percent=_percent(threshold))
    retry = learner.MASTERY_RETRY
    if topics:
        step = learner.REVIEW_NEXT_STEP if review else learner.MASTERY_NEXT_STEP
        next_step = step.format(topics=_topic_list(topics), retry=retry)
    else:
        next_step = learner.MASTERY_NEXT_STEP_ANY.format(retry=retry)
    return (
        '<div role="status">'
        f"<p><strong>{score}</strong></p>"
        f'<p class="coursekit-next-step"><strong>{learner.WHAT_NOW}</strong> {next_step}</p></div>'
    )


def module_done(module_id: str, correct: int, total: int) -> str:
    """The mark a module's closing quiz leaves on the page when mastery is reached: the
    module's stable id and the first-try score of the round that reached it, for the page
    script (coursekit.macros.html.j2, ``progress_script``). Hidden; nothing else in it."""
    return (
        f'<span hidden data-coursekit-afgerond="{html.escape(module_id)}"'
        f' data-goed="{int(correct)}" data-van="{int(total)}"></span>'
    )


# Graded exercises (coursekit.exercise.widget)
def graded_intro() -> str:
    """What a graded exercise says first: answers are saved, feedback comes with grading."""
    return f"<p>{learner.GRADED_INTRO}</p>"


def graded_question(number: int, text: str, quoted: bool, question: str | None = None) -> str:
    """A graded question: its number, its text (quoted for what someone says) and the
    question asked about it in bold on a new line, if any (texts escaped)."""
    shown = f"“{html.escape(text)}”" if quoted else html.escape(text)
    ask = f"<br><strong>{html.escape(question)}</strong>" if question else ""
    return f'<p class="coursekit-statement"><strong>{number}.</strong> {shown}{ask}</p>'


def graded_saved(answered: int, total: int) -> str:
    """How many questions are answered and saved, for the exercise's live region."""
    saved = learner.GRADED_SAVED.format(answered=answered, total=total)
    return f"<p>{saved}</p>"


def graded_not_saved(reason: str) -> str:
    """The answers file could not be written: an alert with the system's reason (escaped)."""
    return f'<p role="alert">{learner.GRADED_NOT_SAVED.format(reason=html.escape(reason))}</p>'


# The help lines and the organisations
def _phone_links(line: HelpLine) -> str:
    """'112', or '113 of 0800-0113' for a line with a second number, each a tel: link."""
    links = [
        f'<a href="tel:{number.replace("-", "")}">{number}</a>'
        for number in (line.number, line.also)
        if number
    ]
    return learner.HELP_OR.join(links)


def help_lines_html() -> str:
    """The help bar: every help line with its number as a link that phones it."""
    data = facts()
    items = "".join(
        f"<li><strong>{html.escape(line.name)}</strong>: {_phone_links(line)}. "
        f"{html.escape(line.when)}</li>"
        for line in data.help_bar_lines()
    )
    checked = learner.HELP_CHECKED.format(date=data.last_checked.strftime("%d-%m-%Y"))
    return (
        f'<aside class="coursekit-help" aria-label="{learner.HELP_TITLE}">'
        f"<p><strong>{learner.HELP_TITLE}</strong></p><ul>{items}</ul>"
        f"<p><small>{checked}</small></p></aside>"
    )


def help_line_html(line: HelpLine) -> str:
    """One help line in the prose: its name, its numbers as links that phone them, and when
    to call it."""
    return (
        f'<p class="coursekit-help-line"><strong>{html.escape(line.name)}</strong>: '
        f"{_phone_links(line)}. {html.escape(line.when)}</p>"
    )


def organisations_html() -> str:
    """Every organisation with what it offers and a link to its website."""
    items = "".join(
        f"<li><strong>{html.escape(org.name)}</strong>: {html.escape(org.offers)} "
        f'<a href="https://{html.escape(org.website)}" target="_blank" rel="noopener">'
        f"{html.escape(org.website)}</a></li>"
        for org in facts().organisations
    )
    return (
        f'<section class="coursekit-resources" aria-label="{learner.RESOURCES_TITLE}">'
        f"<h3>{learner.RESOURCES_TITLE}</h3><ul>{items}</ul></section>"
    )
