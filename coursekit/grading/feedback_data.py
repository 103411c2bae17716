"""The feedback a volunteer reads, as data: written into the feedback page, read back here.

The course's feedback template (``feedback_template/feedback/index.html.j2``, filled by
:mod:`coursekit.grading.feedback_page`) writes one ``<script type="application/json"
id="coursekit-feedback">`` block into each feedback page: a :class:`FeedbackBlock`, the
grades and the Dutch texts as nbgrader has them. :func:`read_feedback` takes only that block
out of a fetched feedback file (the rest of the file is never run or trusted) and gives a
:class:`Feedback`: per question goed/niet goed, the right answer, why and "Zeg liever", split
by the catalogue's own sentences (:func:`coursekit.exercise.checks.parse_check_text`); the
reflections with their points and the trainer's comment; the total.

This module imports no nbconvert, ipywidgets or IPython: Mijn cursus loads it in the
volunteer's own server.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coursekit.exercise.checks import parse_check_text
from coursekit.exercise.contract import CHECK_PREFIX
from coursekit.exercise.questions import Exercise
from coursekit.text import learner

__all__ = [
    "BLOCK_ID",
    "MAX_FEEDBACK_CHARS",
    "SCHEMA_VERSION",
    "CellData",
    "Feedback",
    "FeedbackBlock",
    "FeedbackUnreadable",
    "QuestionResult",
    "ReflectionData",
    "ReflectionResult",
    "dutch_number",
    "feedback_from_block",
    "feedback_path",
    "load_feedback",
    "read_feedback",
]

SCHEMA_VERSION = 1
#: The ``id`` of the one JSON block in a feedback page.
BLOCK_ID = "coursekit-feedback"
#: A feedback file larger than this is not read: a page of eight questions and a long
#: reflection is some 30 000 characters; a volunteer's notebook may be 5 MB at most.
MAX_FEEDBACK_CHARS = 6_000_000

_Points = Annotated[float, Field(ge=0, allow_inf_nan=False)]


# What the template writes (schema_version 1).


class CellData(BaseModel):
    """One autograded cell (a question's hidden test) as the feedback page holds it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    grade_id: Annotated[str, Field(min_length=1, max_length=200)]
    points: _Points
    max_points: _Points
    #: Full points: nbgrader's score equals the cell's points.
    passed: bool
    #: What the cell printed or raised, in Dutch (``check_answer``'s lines), no traceback.
    output: str = ""
    #: The question's text from the exercise's questions file, if grading found it.
    question: str | None = None


class ReflectionData(BaseModel):
    """One hand-graded answer (the reflection): the volunteer's text, points and comment."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    grade_id: Annotated[str, Field(min_length=1, max_length=200)]
    #: The reflection's question as Markdown, without its heading; None if not found.
    prompt: str | None = None
    #: What the volunteer wrote ("" if they left the placeholder).
    text: str = ""
    points: _Points
    max_points: _Points
    #: The trainer's comment from formgrader; None if there is none.
    comment: str | None = None
    #: False while the trainer has not graded it yet (nbgrader's ``needs_manual_grade``):
    #: its points are then no verdict.
    graded: bool = True


class FeedbackBlock(BaseModel):
    """The JSON in ``<script type="application/json" id="coursekit-feedback">``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    #: nbgrader's assignment id, the exercise's folder name (``wat-niet-helpt``).
    exercise: Annotated[str, Field(min_length=1, max_length=200)]
    notebook: Annotated[str, Field(min_length=1, max_length=200)]
    #: The notebook's first heading (``Oefening: wat helpt niet?``), if it has one.
    title: str | None = None
    cells: list[CellData]
    reflections: list[ReflectionData]
    #: The total as nbgrader counts it: late penalty already taken off.
    points: float
    max_points: _Points
    late_penalty: _Points = 0.0


# What Mijn cursus shows.


class QuestionResult(BaseModel):
    """One question in the feedback: goed/niet goed, the right answer, why, "Zeg liever"."""

    model_config = ConfigDict(frozen=True)

    number: int
    #: The question's id in the exercise (``z1``); the grade id without ``controle-``.
    item: str
    grade_id: str
    #: The question's text: from the exercise's questions when given, else from the page.
    question: str | None
    #: Goed (full points) or niet goed.
    correct: bool
    #: False when the volunteer gave no answer ("je hebt nog geen antwoord gegeven").
    answered: bool
    #: The right answer in words (``helpt niet``, or a letter); None when the answer was right.
    right_answer: str | None
    #: For a choice question, the text of the right option (from the given exercise).
    right_option: str | None = None
    why: str | None
    #: "Zeg liever: ..." without the lead-in; None when the question has none.
    better: str | None
    points: float
    max_points: float
    #: Lines of the output that are none of the parts above (rare: a grading problem).
    other: tuple[str, ...] = ()
    #: The whole output as nbgrader recorded it, for a page that cannot show the parts.
    text: str = ""


class ReflectionResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    grade_id: str
    prompt: str | None
    text: str
    points: float
    max_points: float
    comment: str | None
    #: False while the trainer has not graded it yet: show no points, say it is waiting.
    graded: bool = True


class Feedback(BaseModel):
    """Everything a volunteer reads about one graded exercise."""

    model_config = ConfigDict(frozen=True)

    schema_version: Literal[1]
    exercise: str
    title: str | None
    questions: list[QuestionResult]
    reflections: list[ReflectionResult]
    points: float
    max_points: float
    late_penalty: float = 0.0

    @property
    def reflection(self) -> ReflectionResult | None:
        """The first reflection (exercises have one), or None."""
        return self.reflections[0] if self.reflections else None

    @property
    def correct_count(self) -> int:
        return sum(q.correct for q in self.questions)


class FeedbackUnreadable(ValueError):
    """A feedback file whose data cannot be read; ``str()`` is one Dutch sentence."""


# Reading.


def read_feedback(html_text: str, questions: Exercise | None = None) -> Feedback:
    """The feedback in a fetched feedback page, from its JSON block only.

    The page is parsed with :class:`html.parser.HTMLParser`, nothing in it is run, and only
    the text of the one ``<script type="application/json" id="coursekit-feedback">`` is
    used. ``questions`` (the released ``<exercise>.vragen.yaml``) gives each question's
    text and number. A page that is too large, has no block or more than one, or whose
    block is not valid JSON of this schema raises :class:`FeedbackUnreadable`.
    """
    if len(html_text) > MAX_FEEDBACK_CHARS:
        raise FeedbackUnreadable(learner.FEEDBACK_UNREADABLE_TOO_BIG)
    finder = _BlockFinder()
    try:
        finder.feed(html_text)
        finder.close()
    except (AssertionError, ValueError):  # html.parser's own complaints about broken markup
        raise FeedbackUnreadable(learner.FEEDBACK_UNREADABLE_NO_DATA) from None
    if not finder.blocks:
        raise FeedbackUnreadable(learner.FEEDBACK_UNREADABLE_NO_DATA)
    if len(finder.blocks) > 1:
        raise FeedbackUnreadable(learner.FEEDBACK_UNREADABLE_BROKEN)
    try:
        raw = json.loads(finder.blocks[0])
    except (ValueError, RecursionError):
        raise FeedbackUnreadable(learner.FEEDBACK_UNREADABLE_BROKEN) from None
    if not isinstance(raw, dict) or raw.get("schema_version") != SCHEMA_VERSION:
        raise FeedbackUnreadable(learner.FEEDBACK_UNREADABLE_OTHER)
    try:
        block = FeedbackBlock.model_validate(raw)
    except (ValidationError, RecursionError):
        raise FeedbackUnreadable(learner.FEEDBACK_UNREADABLE_BROKEN) from None
    if questions is not None and questions.exercise != block.exercise:
        raise FeedbackUnreadable(learner.FEEDBACK_UNREADABLE_OTHER)
    return feedback_from_block(block, questions)


def load_feedback(path: Path, questions: Exercise | None = None) -> Feedback:
    """:func:`read_feedback` of a file, read only up to the size limit (never all of a huge
    file); a file that cannot be read or is no UTF-8 is :class:`FeedbackUnreadable` too."""
    try:
        with path.open("r", encoding="utf-8") as file:
            text = file.read(MAX_FEEDBACK_CHARS + 1)
    except (OSError, UnicodeDecodeError):
        raise FeedbackUnreadable(learner.FEEDBACK_UNREADABLE_BROKEN) from None
    return read_feedback(text, questions)


def feedback_from_block(block: FeedbackBlock, questions: Exercise | None = None) -> Feedback:
    """The :class:`Feedback` of a block: each question's output split into its parts."""
    results = []
    for position, cell in enumerate(block.cells, start=1):
        item = cell.grade_id.removeprefix(CHECK_PREFIX)
        parts = parse_check_text(cell.output)
        asked = questions.question(item) if questions is not None else None
        number = (
            questions.ids.index(item) + 1
            if questions is not None and asked is not None
            else parts.number or position
        )
        option = next(
            (o.text for o in (asked.options if asked else []) if o.id == parts.right_answer),
            None,
        )
        results.append(
            QuestionResult(
                number=number,
                item=item,
                grade_id=cell.grade_id,
                question=asked.text if asked is not None else cell.question,
                correct=cell.passed,
                answered=parts.status != "missing",
                right_answer=parts.right_answer,
                right_option=option,
                why=parts.why,
                better=parts.better,
                points=cell.points,
                max_points=cell.max_points,
                other=parts.other,
                text=cell.output,
            )
        )
    return Feedback(
        schema_version=block.schema_version,
        exercise=block.exercise,
        title=block.title,
        questions=results,
        reflections=[
            ReflectionResult(
                grade_id=r.grade_id,
                prompt=r.prompt,
                text=r.text,
                points=r.points,
                max_points=r.max_points,
                comment=r.comment,
                graded=r.graded,
            )
            for r in block.reflections
        ],
        points=block.points,
        max_points=block.max_points,
        late_penalty=block.late_penalty,
    )


class _BlockFinder(HTMLParser):
    """The text of every ``<script type="application/json" id="coursekit-feedback">``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("id") == BLOCK_ID:
            # Another type is not data: counted as a block that no JSON reader accepts.
            self._open = [] if found.get("type") == "application/json" else ["<"]

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.blocks.append("".join(self._open))
            self._open = None

    def close(self) -> None:
        super().close()
        if self._open is not None:  # a file cut off inside the block: what there is
            self.blocks.append("".join(self._open))
            self._open = None


# Finding the fetched file.


def feedback_path(exercise_folder: Path) -> Path | None:
    """The newest fetched feedback page of the exercise in ``exercise_folder``, or None.

    nbgrader's ``fetch_feedback`` copies each release to
    ``<exercise>/feedback/<hand-in timestamp>/<notebook>.html``; the notebook of a course
    exercise has the exercise's name. The newest hand-in wins (by its timestamp, as nbgrader
    writes it, else by the file's time). Links are not followed.
    """
    folder = exercise_folder / "feedback"
    name = f"{exercise_folder.name}.html"
    try:
        candidates = [
            stamp / name
            for stamp in folder.iterdir()
            if stamp.is_dir()
            and not stamp.is_symlink()
            and (stamp / name).is_file()
            and not (stamp / name).is_symlink()
        ]
    except OSError:
        return None
    if not candidates:
        return None
    return max(candidates, key=_newest_first_key)


def _newest_first_key(path: Path) -> tuple[float, float]:
    stamp = path.parent.name
    return (_timestamp(stamp), path.stat().st_mtime)


def _timestamp(stamp: str) -> float:
    """nbgrader's hand-in timestamp (``2026-12-05 07:00:00.123456 UTC``) in seconds; 0 if
    the folder's name is not one."""
    from nbgrader.utils import parse_utc

    try:
        return float(parse_utc(stamp).timestamp())
    except (ValueError, OverflowError, TypeError):
        return 0.0


def dutch_number(value: float) -> str:
    """Points as a Dutch reader writes them: ``7``, ``1,5``, ``0,25``."""
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if text != "-0" else "0"
