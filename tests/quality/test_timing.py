"""A module's stated time is measured: its words at a reading pace, plus time per answer."""

from __future__ import annotations

import inspect
from pathlib import Path

import nbformat

from coursekit import api
from coursekit.content.course import course
from coursekit.content.kinds import REFLECTIONS, packaged_item
from coursekit.quality import CourseFiles, Report, problems
from coursekit.quality.detectors import words
from coursekit.quality.timing import (
    MASTERY_SIZE,
    READING_WORDS_PER_MINUTE,
    RECAP_SIZE,
    REVIEW_SIZE,
    SECONDS_PER_ANSWER,
    SECONDS_PER_REFLECTION,
    TOLERANCE_MINUTES,
    ModuleTime,
    module_time,
    stated_in_prose,
)
from tests.support.course import ROOT

_FOUR = course().modules[4]


def _course_with(root: Path, cells: list[nbformat.NotebookNode]) -> CourseFiles:
    (root / "modules").mkdir()
    notebook = nbformat.v4.new_notebook()
    notebook.cells = cells
    nbformat.write(notebook, root / "modules" / f"04-{_FOUR.slug}.ipynb")
    return CourseFiles(root)


def test_the_measure_is_words_at_the_reading_pace_plus_each_answer(tmp_path: Path) -> None:
    prose = " ".join(["woord"] * READING_WORDS_PER_MINUTE)  # one minute of reading
    files = _course_with(
        tmp_path,
        [
            nbformat.v4.new_markdown_cell(prose),
            nbformat.v4.new_code_cell('sort(["H2"], size=4)'),
            nbformat.v4.new_code_cell('reflection("refl4-hulp-aanbieden")'),
            nbformat.v4.new_code_cell("mastery(4)"),
        ],
    )
    prompt = packaged_item(REFLECTIONS, "refl4-hulp-aanbieden").prompt
    expected = (
        60
        + (4 + MASTERY_SIZE) * SECONDS_PER_ANSWER
        + len(words(prompt)) * 60 / READING_WORDS_PER_MINUTE
        + SECONDS_PER_REFLECTION
    )
    time = module_time(files, 4)
    assert time.seconds == expected
    assert time.answers == 4 + MASTERY_SIZE + 1
    assert time.stated_minutes == _FOUR.minutes


def test_a_time_in_a_notebook_that_differs_from_course_yaml_is_found(tmp_path: Path) -> None:
    files = _course_with(
        tmp_path,
        [
            nbformat.v4.new_markdown_cell(
                f"# {_FOUR.title}\n\n**Hoe lang duurt het?** Ongeveer 99 minuten."
            ),
            nbformat.v4.new_markdown_cell(f"- **{_FOUR.title}**: hoe je helpt. 98 minuten."),
        ],
    )
    said = sorted(s for _where, s, _stated in stated_in_prose(files))
    assert said == [98, 99]


def test_a_stated_time_too_far_from_the_measure_is_a_problem() -> None:
    near = ModuleTime(1, 20, 0, 0, (20 + TOLERANCE_MINUTES) * 60)
    far = ModuleTime(4, 30, 0, 0, 53 * 60)
    report = Report({}, {}, [], {}, [], [], [near, far], [])
    found = problems(report)
    assert len(found) == 1 and found[0].startswith("Module 4 duurt")


def test_the_default_sizes_are_those_of_the_notebook_functions() -> None:
    def default(function: object) -> object:
        return inspect.signature(function).parameters["size"].default  # type: ignore[arg-type]

    assert (default(api.recap), default(api.mastery), default(api.review)) == (
        RECAP_SIZE,
        MASTERY_SIZE,
        REVIEW_SIZE,
    )


#: Issue "content": no module takes longer than 30 minutes; the two modules beyond the
#: seed at most 25.
LONGEST = {"digitaal-en-veilig": 25, "regels-bescherming-en-grenzen": 25}


def test_no_module_takes_longer_than_its_limit() -> None:
    files = CourseFiles(ROOT)
    too_long = [
        (module.id, module_time(files, module.number).measured_minutes)
        for module in course().modules
        if module_time(files, module.number).measured_minutes > LONGEST.get(module.id, 30)
    ]
    assert too_long == []
