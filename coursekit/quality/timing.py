"""How long a module takes: its words at a reading pace, plus a time for every answer.

The course tells learners how long a module takes (``minutes`` in ``course.yaml``, the
module's opening cell, the course map in module 0). This module measures it, so that a
stated time that is too far off fails the content report.

The constants, and why:

- ``READING_WORDS_PER_MINUTE = 150``: adults read plain Dutch silently at about 200 to 250
  words a minute. This course is for a broad group of volunteers at B1 level, on a heavy
  subject, and learners stop and re-read. A trial of module 4 as a new volunteer (issue 15)
  took 45 to 60 minutes, which this pace and the times below reproduce.
- ``SECONDS_PER_ANSWER = 25``: one short item (a statement to sort, a claim, a help-line
  situation, a turn in a conversation) is read, answered, and its feedback read: about 20
  to 30 seconds.
- A scenario is read in full (situation, question, every option, the best option's
  feedback) at the reading pace, plus ``SECONDS_PER_ANSWER`` to choose.
- A conversation follows its first helpful choice at every turn: every turn's words and
  choices at the reading pace, plus ``SECONDS_PER_ANSWER`` per choice.
- ``SECONDS_PER_REFLECTION = 180``: think, write a few sentences, read the example answer.
- ``mastery`` counts one round. A learner who misses the bar takes another round, so the
  measure is a lower bound for them.

The default sizes of the notebook functions (``recap``, ``mastery``, ``review``) are
repeated below, because this layer does not import ``coursekit.api`` (it loads widgets);
``tests/quality/test_timing.py`` fails if they drift.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any

from coursekit.content.course import course
from coursekit.content.facts import facts
from coursekit.content.guidance import matches
from coursekit.content.kinds import (
    CLAIMS,
    CONVERSATIONS,
    REFLECTIONS,
    SCENARIOS,
    SITUATIONS,
    STATEMENTS,
    ItemKind,
)
from coursekit.quality.course_files import CourseFiles, read_notebook
from coursekit.quality.detectors import words
from coursekit.quality.texts import module_prose

READING_WORDS_PER_MINUTE = 150
SECONDS_PER_ANSWER = 25
SECONDS_PER_REFLECTION = 180
#: A stated time may differ this much from the measured one.
TOLERANCE_MINUTES = 3

#: The notebook functions' default sizes, as in coursekit.api.
RECAP_SIZE = 4
RECAP_BOUNDS = (3, 5)
MASTERY_SIZE = 8
REVIEW_SIZE = 10


@dataclass
class ModuleTime:
    """A module's measured time, and what it is made of."""

    number: int
    stated_minutes: int
    reading_words: int
    answers: int
    seconds: float

    @property
    def measured_minutes(self) -> int:
        return max(1, round(self.seconds / 60))

    @property
    def off_by(self) -> int:
        return self.stated_minutes - self.measured_minutes


def reading_seconds(text: str) -> float:
    return len(words(text)) * 60 / READING_WORDS_PER_MINUTE


def module_time(course_files: CourseFiles, number: int) -> ModuleTime:
    """Measure module ``number``: its prose, and every practice call in its code cells."""
    module = next(m for m in course().modules if m.number == number)
    prose = module_prose(course_files, number)
    time = ModuleTime(number, module.minutes, len(words(prose)), 0, reading_seconds(prose))
    items = _items_by_id(course_files)
    path = course_files.module_notebooks()[number]
    for cell in read_notebook(path).cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
                _add_call(time, node.value, course_files, items)
    return time


def module_times(course_files: CourseFiles) -> list[ModuleTime]:
    notebooks = course_files.module_notebooks()
    return [module_time(course_files, m.number) for m in course().modules if m.number in notebooks]


def _items_by_id(course_files: CourseFiles) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for kind in (SCENARIOS, CONVERSATIONS, REFLECTIONS):
        for _file, item in kind.items_in(course_files.banks):
            found[item.id] = item
    return found


def _arguments(call: ast.Call) -> tuple[list[Any], dict[str, Any]]:
    args = [ast.literal_eval(a) for a in call.args]
    kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg}
    return args, kwargs


def _pool(kind: ItemKind[Any, Any], course_files: CourseFiles, guidance: Any) -> int:
    """How many items of a kind a call with this guidance draws from."""
    if guidance is None:
        wanted: list[str] | None = None
    elif isinstance(guidance, int):
        wanted = next(m.guidance for m in course().modules if m.number == guidance)
    else:
        wanted = [guidance] if isinstance(guidance, str) else list(guidance)
    return sum(
        1
        for _file, item in kind.items_in(course_files.banks)
        if wanted is None or matches(kind.guidance(item), wanted)
    )


def _add_call(time: ModuleTime, call: ast.Call, files: CourseFiles, items: dict[str, Any]) -> None:
    if not isinstance(call.func, ast.Name):
        return
    name = call.func.id
    args, kwargs = _arguments(call)
    first: Any = args[0] if args else kwargs.get("guidance")
    drawn: dict[str, ItemKind[Any, Any]] = {
        "sort": STATEMENTS,
        "true_or_false": CLAIMS,
        "numbers": SITUATIONS,
    }
    if name in drawn:
        kind = drawn[name]
        pool = _pool(kind, files, first)
        size = kwargs.get("size")
        _answers(time, pool if size is None else min(size, pool))
    elif name == "recap":
        low, high = RECAP_BOUNDS
        _answers(time, max(low, min(kwargs.get("size", RECAP_SIZE), high)))
    elif name == "mastery":
        _answers(time, kwargs.get("size", MASTERY_SIZE))
    elif name == "review":
        _answers(time, kwargs.get("size", REVIEW_SIZE))
    elif name == "scenario":
        scenario = items[first]
        texts = [scenario.situation, scenario.question]
        texts += [o.text for o in scenario.options] + [scenario.option(scenario.best).feedback]
        _read(time, " ".join(texts))
        _answers(time, 1)
    elif name == "conversation":
        _conversation(time, items[first])
    elif name == "reflection":
        _read(time, items[first].prompt)
        time.seconds += SECONDS_PER_REFLECTION
        time.answers += 1
    elif name == "resources":
        _read(time, " ".join(f"{o.name} {o.offers}" for o in facts().organisations))


def _conversation(time: ModuleTime, talk: Any) -> None:
    """Follow the first helpful choice at every turn, reading each turn and its choices."""
    node, seen = talk.start, set()
    _read(time, talk.intro)
    while node in talk.turns and node not in seen:
        seen.add(node)
        turn = talk.turns[node]
        choice = next((c for c in turn.choices if c.helps), turn.choices[0])
        _read(time, " ".join([turn.says, choice.note, *(c.text for c in turn.choices)]))
        _answers(time, 1)
        node = choice.next
    if node in talk.endings:
        _read(time, f"{talk.endings[node].says} {talk.endings[node].debrief}")


def _read(time: ModuleTime, text: str) -> None:
    time.reading_words += len(words(text))
    time.seconds += reading_seconds(text)


def _answers(time: ModuleTime, count: int) -> None:
    time.answers += count
    time.seconds += count * SECONDS_PER_ANSWER


_STATED = re.compile(r"\*\*Hoe lang duurt het\?\*\*\s*Ongeveer (\d+) minuten")


def stated_in_prose(course_files: CourseFiles) -> list[tuple[str, int, int]]:
    """Every time a notebook states for a module that differs from course.yaml:
    (where, stated, course.yaml). Both the module's opening and the course map's lines
    ('- **Zo help je**: ... 30 minuten.') are read."""
    modules = course().modules
    by_title = {m.title: m.minutes for m in modules}
    by_number = {m.number: m.minutes for m in modules}
    wrong = []
    for number, path in course_files.module_notebooks().items():
        for cell in read_notebook(path).cells:
            if cell.cell_type != "markdown":
                continue
            for said in _STATED.findall(cell.source):
                if number in by_number and int(said) != by_number[number]:
                    wrong.append((path.name, int(said), by_number[number]))
            for title, said in re.findall(
                r"^- \*\*(.+?)\*\*:.*?(\d+) minuten\.", cell.source, re.M
            ):
                if title in by_title and int(said) != by_title[title]:
                    wrong.append((f"{path.name} {title}", int(said), by_title[title]))
    return wrong
