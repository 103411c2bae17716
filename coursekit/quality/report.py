"""The content report: is every guidance point taught, practised, readable and our own?

``coursekit content-report`` prints it; ``--json`` gives the same data for machines, and
``tests/test_content.py`` fails the build on what it finds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib.resources.abc import Traversable
from types import ModuleType

from coursekit.content.course import course
from coursekit.content.kinds import STATEMENTS
from coursekit.quality.catalogues import CATALOGUES
from coursekit.quality.course_files import CourseFiles
from coursekit.quality.coverage import MIN_ITEMS, MIN_STATEMENTS, Coverage, coverage
from coursekit.quality.detectors import (
    MIN_READING_EASE,
    reading_ease,
    seed_overlaps,
    stray_numbers,
    unknown_words,
    words,
)
from coursekit.quality.sources import readable_texts, typed_texts
from coursekit.quality.templates import TEMPLATES
from coursekit.quality.texts import module_prose
from coursekit.quality.timing import (
    READING_WORDS_PER_MINUTE,
    SECONDS_PER_ANSWER,
    SECONDS_PER_REFLECTION,
    TOLERANCE_MINUTES,
    ModuleTime,
    module_times,
    stated_in_prose,
)
from coursekit.text import editor


@dataclass
class ModuleText:
    number: int
    title: str
    reading_ease: float
    words: int
    unknown_words: list[str]


@dataclass
class Report:
    coverage: dict[str, Coverage]
    labels: dict[str, int]
    modules: list[ModuleText]
    unknown_words: dict[str, list[str]]
    seed_overlaps: list[tuple[str, str]]
    stray_numbers: list[tuple[str, str]]
    times: list[ModuleTime]
    #: (where, minutes said there, minutes in course.yaml) where a notebook disagrees.
    stated_times: list[tuple[str, int, int]]

    def as_json(self) -> dict[str, object]:
        return {
            "coverage": {
                gid: {
                    "kind": cover.kind,
                    "title": cover.title,
                    "sections": cover.sections,
                    "items": dict(cover.items),
                    "total": cover.total,
                }
                for gid, cover in self.coverage.items()
            },
            "labels": self.labels,
            "modules": [asdict(m) for m in self.modules],
            "unknown_words": self.unknown_words,
            "seed_overlaps": [{"where": w, "words": run} for w, run in self.seed_overlaps],
            "stray_numbers": [{"where": w, "number": n} for w, n in self.stray_numbers],
            "times": [
                {
                    "module": t.number,
                    "stated_minutes": t.stated_minutes,
                    "measured_minutes": t.measured_minutes,
                    "words": t.reading_words,
                    "answers": t.answers,
                }
                for t in self.times
            ],
            "stated_times": [
                {"where": w, "said": said, "stated": stated}
                for w, said, stated in self.stated_times
            ],
        }


def build_report(
    course_files: CourseFiles,
    catalogues: Sequence[ModuleType] = CATALOGUES,
    templates: Traversable = TEMPLATES,
) -> Report:
    """Run every check on the course in ``course_files``, its catalogues and templates."""
    table, labels = coverage(course_files)
    texts = list(readable_texts(course_files, catalogues, templates))
    unknown = unknown_words(texts)
    notebooks = course_files.module_notebooks()
    modules = []
    for module in course().modules:
        if module.number not in notebooks:
            continue
        prose = module_prose(course_files, module.number)
        module_unknown = sorted(
            {w for t in texts if t.module == module.number for w in unknown.get(t.where, [])}
        )
        modules.append(
            ModuleText(
                module.number, module.title, reading_ease(prose), len(words(prose)), module_unknown
            )
        )
    numbers = stray_numbers(typed_texts(course_files, catalogues, templates))
    return Report(
        table,
        labels,
        modules,
        unknown,
        seed_overlaps(texts),
        numbers,
        module_times(course_files),
        stated_in_prose(course_files),
    )


def problems(report: Report) -> list[str]:
    """Every finding that fails the build, one Dutch sentence each."""
    found = []
    for gid, cover in report.coverage.items():
        if not cover.sections:
            found.append(editor.REPORT_NOT_TAUGHT.format(id=gid))
        if cover.total < MIN_ITEMS:
            found.append(editor.REPORT_TOO_FEW.format(id=gid, count=cover.total, minimum=MIN_ITEMS))
        statements = cover.items[STATEMENTS.label]
        if cover.kind in {"helpful", "harmful"} and statements < MIN_STATEMENTS:
            found.append(
                editor.REPORT_TOO_FEW_STATEMENTS.format(
                    id=gid, count=statements, minimum=MIN_STATEMENTS
                )
            )
    for m in report.modules:
        if m.reading_ease < MIN_READING_EASE:
            found.append(
                editor.REPORT_HARD.format(
                    number=m.number, score=f"{m.reading_ease:.1f}", minimum=int(MIN_READING_EASE)
                )
            )
    for where, ws in report.unknown_words.items():
        found.append(editor.REPORT_UNKNOWN_AT.format(where=where, words=", ".join(ws)))
    for where, run in report.seed_overlaps:
        found.append(editor.REPORT_OVERLAP_AT.format(where=where, run=run))
    for where, number in report.stray_numbers:
        found.append(editor.REPORT_NUMBER_AT.format(where=where, number=number))
    for t in report.times:
        if abs(t.off_by) > TOLERANCE_MINUTES:
            found.append(
                editor.REPORT_TIME_OFF.format(
                    number=t.number,
                    measured=t.measured_minutes,
                    stated=t.stated_minutes,
                    tolerance=TOLERANCE_MINUTES,
                )
            )
    for where, said, stated in report.stated_times:
        found.append(editor.REPORT_TIME_STATED_AT.format(where=where, said=said, stated=stated))
    return found


def format_report(report: Report) -> str:
    """The report as text for a person: coverage, labels, readability, problems."""
    out = [editor.REPORT_COVERAGE]
    for gid, cover in report.coverage.items():
        items = ", ".join(f"{n} {kind}" for kind, n in sorted(cover.items.items())) or "-"
        flag = "" if cover.sections and cover.total >= MIN_ITEMS else "  <-- " + editor.REPORT_LOW
        out.append(
            f"  {gid:4} {cover.kind:8} {editor.REPORT_SECTIONS.format(count=len(cover.sections))}"
            f", {editor.REPORT_ITEMS.format(count=cover.total)} ({items}){flag}"
        )
    out.append(editor.REPORT_LABELS)
    out += [f"  {label}: {n}" for label, n in report.labels.items()]
    out.append(editor.REPORT_READABILITY.format(minimum=int(MIN_READING_EASE)))
    for m in report.modules:
        unknown = ", ".join(m.unknown_words) or "-"
        flag = "" if m.reading_ease >= MIN_READING_EASE else "  <-- " + editor.REPORT_LOW
        out.append(
            f"  {m.number} {m.title}: {m.reading_ease:.1f} ({m.words} "
            f"{editor.REPORT_WORDS}){flag}; {editor.REPORT_UNKNOWN}: {unknown}"
        )
    out.append(
        editor.REPORT_TIMES.format(
            pace=READING_WORDS_PER_MINUTE,
            answer=SECONDS_PER_ANSWER,
            reflection=SECONDS_PER_REFLECTION,
        )
    )
    titles = {m.number: m.title for m in report.modules}
    for t in report.times:
        flag = "" if abs(t.off_by) <= TOLERANCE_MINUTES else "  <-- " + editor.REPORT_TIME_WRONG
        line = editor.REPORT_TIME_LINE.format(
            number=t.number,
            title=titles.get(t.number, ""),
            measured=t.measured_minutes,
            stated=t.stated_minutes,
            words=t.reading_words,
            answers=t.answers,
        )
        out.append(f"  {line}{flag}")
    out.append(editor.REPORT_PROBLEMS)
    out += [f"  {problem}" for problem in problems(report)] or [f"  {editor.REPORT_NONE}"]
    return "\n".join(out)
