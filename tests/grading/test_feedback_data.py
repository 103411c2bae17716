"""The Dutch feedback page and the data Mijn cursus reads from it (issue 14).

One submission is graded with the real nbgrader commands: some answers right, some wrong,
one left open, and a reflection that the trainer grades by hand (points and a comment, set
in the gradebook as formgrader does). ``nbgrader generate_feedback`` then writes the page;
what it shows and what :func:`read_feedback` gives back are checked against the hidden
tests of the source notebook (the one source of truth for the key, the why and the
"Zeg liever").
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from coursekit.exercise.kinds import answer_words
from coursekit.exercise.questions import Exercise, load_exercise
from coursekit.grading.feedback_data import (
    BLOCK_ID,
    MAX_FEEDBACK_CHARS,
    Feedback,
    FeedbackUnreadable,
    feedback_path,
    load_feedback,
    read_feedback,
)
from coursekit.text import learner
from tests.support.course import copy_course
from tests.support.nbgrader import EXERCISE, answer_key, click, flipped, nbgrader, submit

pytestmark = pytest.mark.nbgrader

STUDENT = "anna"
WAITING = "bram"
#: Text that would end the JSON block early if it were written into the page unescaped.
BREAKOUT = '</script><script>document.title="gehackt"</script><!-- & \' "'
REFLECTION = f"Ik had liever gehoord dat het zwaar klonk. {BREAKOUT}\nTweede regel."
COMMENT = f"Mooi beschreven. Let op de regie. {BREAKOUT}"
MANUAL_POINTS = 1.5
ENGLISH_LABELS = (
    "Score",
    "Test cell",
    "Comments",
    "Comment",
    "Student",
    "Assignment",
    "Timestamp",
    "Please see",
    "No response",
    "Written response",
    "(Top)",
)
FEEDBACK_SENTENCES = tuple(
    getattr(learner, name)
    for name in (
        "FEEDBACK_UNREADABLE_TOO_BIG",
        "FEEDBACK_UNREADABLE_NO_DATA",
        "FEEDBACK_UNREADABLE_BROKEN",
        "FEEDBACK_UNREADABLE_OTHER",
    )
)


@dataclass(frozen=True)
class Hidden:
    """What the hidden test of one question says: the key, why and 'Zeg liever'."""

    expected: str
    number: int
    why: str
    better: str


@dataclass(frozen=True)
class Graded:
    course: Path
    page: str
    chosen: dict[str, str]
    key: dict[str, str]
    hidden: dict[str, Hidden]
    exercise: Exercise


def _hidden_tests(course: Path) -> dict[str, Hidden]:
    """Every ``check_answer(...)`` call in the source notebook, read with ``ast``."""
    nb = nbformat.read(course / "solutions" / EXERCISE / f"{EXERCISE}.ipynb", as_version=4)
    found: dict[str, Hidden] = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(line for line in cell.source.splitlines() if not line.startswith("###"))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "check_answer":
                args = [ast.literal_eval(a) for a in node.args[1:]]
                kw = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
                found[args[0]] = Hidden(
                    args[1], kw["number"], kw.get("why", ""), kw.get("better", "")
                )
    return found


def _write_reflection(folder: Path, text: str) -> None:
    path = folder / f"{EXERCISE}.ipynb"
    nb = nbformat.read(path, as_version=4)
    (cell,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "reflectie"]
    cell.source = text
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Graded:
    course = copy_course(tmp_path_factory.mktemp("feedback") / "course")
    nbgrader(course, "generate_assignment", EXERCISE, "--force")
    key = answer_key(course)
    items = list(key)
    wrong = flipped(key)
    # Right, except the second, the first statement whose hidden test has a "Zeg liever" and
    # the choice question; the third is left open.
    hidden = _hidden_tests(course)
    with_better = next(i for i in items[3:] if hidden[i].better)
    chosen = {i: key[i] for i in items}
    chosen[items[1]] = wrong[items[1]]
    chosen[with_better] = wrong[with_better]
    exercise = load_exercise(EXERCISE, course / "exercises" / EXERCISE)
    choice = next(q.id for q in exercise.questions if q.options)
    chosen[choice] = wrong[choice]
    del chosen[items[2]]
    folder = submit(course, STUDENT)
    click(folder, chosen)
    _write_reflection(folder, REFLECTION)
    waiting = submit(course, WAITING)  # all right, a reflection the trainer has not read yet
    click(waiting, key)
    _write_reflection(waiting, "Nog niet gelezen.")
    nbgrader(course, "autograde", EXERCISE, "--force")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        grade = gb.find_grade("reflectie", EXERCISE, EXERCISE, STUDENT)
        grade.manual_score = MANUAL_POINTS
        grade.needs_manual_grade = False  # as formgrader's grade API does
        comment = gb.find_comment("reflectie", EXERCISE, EXERCISE, STUDENT)
        comment.manual_comment = COMMENT
        gb.db.commit()
    nbgrader(course, "generate_feedback", EXERCISE, "--force")
    page = (course / "feedback" / STUDENT / EXERCISE / f"{EXERCISE}.html").read_text("utf-8")
    return Graded(course, page, chosen, key, hidden, exercise)


class _Page(HTMLParser):
    """What a browser makes of the page: its elements, scripts and visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.html_lang: str | None = None
        self.text: list[str] = []
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.html_lang = dict(attrs).get("lang")
        if tag in {"script", "style"}:
            self._skip = True
        if tag == "script":
            self.scripts.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._skip = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def _parsed(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def test_the_page_is_dutch_without_english_labels_or_code(graded: Graded) -> None:
    page = graded.page
    parsed = _parsed(page)
    assert parsed.html_lang == "nl"
    for label in ENGLISH_LABELS:
        assert label not in page, label
    for code in (
        "check_answer(",
        "check_answered(",
        "collect_answers(",
        "HIDDEN TESTS",
        "from coursekit",
        "Traceback",
        "AssertionError",
    ):
        assert code not in page, code
    visible = " ".join(" ".join(parsed.text).split())
    assert learner.FEEDBACK_TOTAL.format(points="5,5", max_points="10") in visible
    assert visible.count(learner.CORRECT) == 4
    assert visible.count(learner.INCORRECT) == 3
    assert visible.count(learner.FEEDBACK_NOT_ANSWERED) == 1
    assert learner.FEEDBACK_REFLECTION_POINTS.format(points="1,5", max_points="2") in visible
    assert "Mooi beschreven. Let op de regie." in visible
    assert "cdnjs" not in page and "MathJax" not in page


def test_read_feedback_gives_each_question_its_parts(graded: Graded) -> None:
    feedback = read_feedback(graded.page, graded.exercise)
    assert isinstance(feedback, Feedback)
    assert feedback.exercise == EXERCISE and feedback.schema_version == 1
    assert [q.item for q in feedback.questions] == graded.exercise.ids
    for q in feedback.questions:
        hidden, asked = graded.hidden[q.item], graded.exercise.question(q.item)
        assert asked is not None
        assert q.number == hidden.number == graded.exercise.ids.index(q.item) + 1
        assert q.question == asked.text
        assert q.grade_id == f"controle-{q.item}" and q.max_points == 1
        assert q.other == ()
        if q.item not in graded.chosen:
            assert (q.answered, q.correct, q.points) == (False, False, 0)
            assert (q.right_answer, q.why, q.better) == (None, None, None)
        elif graded.chosen[q.item] == graded.key[q.item]:
            assert (q.answered, q.correct, q.points) == (True, True, 1)
            assert q.right_answer is None and q.why == hidden.why and q.better is None
        else:
            assert (q.answered, q.correct, q.points) == (True, False, 0)
            assert q.right_answer == answer_words(graded.key[q.item])
            options = {o.id: o.text for o in asked.options}
            assert q.right_option == options.get(graded.key[q.item])
            assert q.why == hidden.why
            assert q.better == (hidden.better or None)
    assert sum(q.better is not None for q in feedback.questions) == 1, "one wrong with a better"
    assert sum(q.right_option is not None for q in feedback.questions) == 1, "the choice"
    assert (feedback.points, feedback.max_points, feedback.late_penalty) == (5.5, 10, 0)
    assert feedback.correct_count == 4


def test_the_reflection_has_its_text_points_and_the_trainers_comment(graded: Graded) -> None:
    feedback = read_feedback(graded.page)
    reflection = feedback.reflection
    assert reflection is not None and [r.grade_id for r in feedback.reflections] == ["reflectie"]
    assert reflection.text == REFLECTION and reflection.graded
    assert reflection.comment == COMMENT
    assert (reflection.points, reflection.max_points) == (MANUAL_POINTS, 2)
    assert reflection.prompt and "Schrijf drie tot vijf zinnen." in reflection.prompt
    assert not reflection.prompt.startswith("#"), "the heading is the page's own"


def test_without_the_questions_file_the_page_still_has_numbers_and_texts(graded: Graded) -> None:
    feedback = read_feedback(graded.page)
    assert [q.number for q in feedback.questions] == list(range(1, 9))
    assert all(q.question == graded.exercise.question(q.item).text for q in feedback.questions)  # type: ignore[union-attr]
    assert feedback.title == "Oefening: wat helpt niet?"


def test_a_script_end_in_the_reflection_or_comment_cannot_leave_the_block(graded: Graded) -> None:
    parsed = _parsed(graded.page)
    assert parsed.scripts == [{"type": "application/json", "id": BLOCK_ID}], "one script only"
    assert "gehackt" not in "".join(a.get("src") or "" for a in parsed.scripts)
    assert '<script>document.title="gehackt"' not in graded.page
    # In the visible page the text is shown, escaped, as the volunteer and trainer wrote it.
    visible = "".join(parsed.text)
    assert BREAKOUT in visible
    feedback = read_feedback(graded.page)
    assert feedback.reflection is not None
    assert BREAKOUT in feedback.reflection.text and BREAKOUT in (feedback.reflection.comment or "")


def _block_span(page: str) -> tuple[int, int]:
    match = re.search(rf'<script[^>]*id="{BLOCK_ID}"[^>]*>(.*?)</script>', page, re.DOTALL)
    assert match, "the page has the block"
    return match.span(1)


def _html_json(data: object) -> str:
    """JSON that may stand in a script element (the reflection holds ``</script>``)."""
    return json.dumps(data).replace("<", "\\u003c")


def _unreadable(page: str, expected: str) -> None:
    with pytest.raises(FeedbackUnreadable) as caught:
        read_feedback(page)
    message = str(caught.value)
    assert message == expected and message in FEEDBACK_SENTENCES
    assert message.endswith(".") and "Traceback" not in message


def test_a_broken_huge_or_missing_block_is_one_dutch_sentence(graded: Graded) -> None:
    page = graded.page
    start, end = _block_span(page)
    block = page[start:end]
    _unreadable(
        page[:start] + block[: len(block) // 2] + page[end:], learner.FEEDBACK_UNREADABLE_BROKEN
    )
    _unreadable(page[:start] + "[" * 100_000 + page[end:], learner.FEEDBACK_UNREADABLE_BROKEN)
    _unreadable(
        page[:start] + '{"schema_version": 1}' + page[end:], learner.FEEDBACK_UNREADABLE_BROKEN
    )
    huge = json.loads(block)
    huge["reflections"][0]["text"] = "x" * MAX_FEEDBACK_CHARS
    _unreadable(page[:start] + _html_json(huge) + page[end:], learner.FEEDBACK_UNREADABLE_TOO_BIG)
    opening = page.rindex("<script", 0, start)
    element = page[opening : end + len("</script>")]
    _unreadable(page.replace(element, ""), learner.FEEDBACK_UNREADABLE_NO_DATA)
    _unreadable("", learner.FEEDBACK_UNREADABLE_NO_DATA)
    _unreadable(page.replace("</body>", element + "</body>"), learner.FEEDBACK_UNREADABLE_BROKEN)
    _unreadable(page[: start + 100], learner.FEEDBACK_UNREADABLE_BROKEN)  # cut off in the block


def test_a_foreign_block_or_another_exercise_is_refused(graded: Graded) -> None:
    page = graded.page
    start, end = _block_span(page)
    data = json.loads(page[start:end])
    newer = dict(data, schema_version=2)
    _unreadable(page[:start] + _html_json(newer) + page[end:], learner.FEEDBACK_UNREADABLE_OTHER)
    _unreadable(page[:start] + "[1, 2]" + page[end:], learner.FEEDBACK_UNREADABLE_OTHER)
    other = load_exercise("jouw-rol", graded.course / "exercises" / "jouw-rol")
    with pytest.raises(FeedbackUnreadable, match=re.escape(learner.FEEDBACK_UNREADABLE_OTHER)):
        read_feedback(page, other)
    # nbgrader's own English page has no block: it is not read.
    html_page = page.replace(f'id="{BLOCK_ID}"', 'id="iets-anders"')
    _unreadable(html_page, learner.FEEDBACK_UNREADABLE_NO_DATA)
    not_json = page.replace('type="application/json"', 'type="text/javascript"')
    _unreadable(not_json, learner.FEEDBACK_UNREADABLE_BROKEN)


def test_read_feedback_reads_only_the_block(graded: Graded) -> None:
    """Everything around the block may change; the data stays what the block says."""
    start, end = _block_span(graded.page)
    bare = f'<script type="application/json" id="{BLOCK_ID}">{graded.page[start:end]}</script>'
    assert read_feedback(bare, graded.exercise) == read_feedback(graded.page, graded.exercise)
    noisy = "<p>Score: 10 / 10</p><script>var x = '</p>';</script>" + bare + "<p>&amp;"
    assert read_feedback(noisy) == read_feedback(graded.page)


def test_feedback_path_finds_the_newest_fetched_page(graded: Graded, tmp_path: Path) -> None:
    folder = tmp_path / EXERCISE
    assert feedback_path(folder) is None
    (folder / "feedback").mkdir(parents=True)
    assert feedback_path(folder) is None
    older = folder / "feedback" / "2026-11-26 12:00:00.000000 UTC" / f"{EXERCISE}.html"
    newer = folder / "feedback" / "2026-12-01 09:30:00.000000 UTC" / f"{EXERCISE}.html"
    for path in (newer, older):  # the older is written last: its file time is newer
        path.parent.mkdir()
        path.write_text(graded.page, encoding="utf-8")
    (folder / "feedback" / "2026-12-03 08:00:00.000000 UTC").mkdir()  # no page in it
    assert feedback_path(folder) == newer
    linked = folder / "feedback" / "2026-12-04 08:00:00.000000 UTC"
    linked.mkdir()
    (linked / f"{EXERCISE}.html").symlink_to(older)
    assert feedback_path(folder) == newer, "a link is not followed"
    assert read_feedback(newer.read_text("utf-8")).exercise == EXERCISE


def test_a_reflection_not_graded_yet_says_so_instead_of_points(graded: Graded) -> None:
    page = (graded.course / "feedback" / WAITING / EXERCISE / f"{EXERCISE}.html").read_text("utf-8")
    feedback = read_feedback(page, graded.exercise)
    assert feedback.correct_count == 8
    reflection = feedback.reflection
    assert reflection is not None
    assert (reflection.text, reflection.graded, reflection.comment) == (
        "Nog niet gelezen.",
        False,
        None,
    )
    visible = " ".join(" ".join(_parsed(page).text).split())
    assert learner.FEEDBACK_REFLECTION_WAITING in visible
    assert "Punten:" not in visible


def test_load_feedback_reads_a_file_only_up_to_the_limit(graded: Graded, tmp_path: Path) -> None:
    page = tmp_path / "feedback.html"
    page.write_text(graded.page, encoding="utf-8")
    assert load_feedback(page, graded.exercise) == read_feedback(graded.page, graded.exercise)
    with page.open("a", encoding="utf-8") as file:
        file.write(" " * MAX_FEEDBACK_CHARS)
    with pytest.raises(FeedbackUnreadable, match=re.escape(learner.FEEDBACK_UNREADABLE_TOO_BIG)):
        load_feedback(page)
    page.write_bytes(b"\xff\xfe<script>")
    with pytest.raises(FeedbackUnreadable, match=re.escape(learner.FEEDBACK_UNREADABLE_BROKEN)):
        load_feedback(page)
    with pytest.raises(FeedbackUnreadable, match=re.escape(learner.FEEDBACK_UNREADABLE_BROKEN)):
        load_feedback(tmp_path / "weg.html")
