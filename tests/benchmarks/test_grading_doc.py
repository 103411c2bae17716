"""The grading benchmark's Dutch text and score check, from fabricated results (no nbgrader)."""

from __future__ import annotations

import re

from benchmarks.grading import doc
from benchmarks.grading.__main__ import problems
from benchmarks.grading.results import Floor, GradingResults, Measured, Run
from tests.support.markdown import table_rows

STUDENTS = ["cursist-000", "cursist-001", "cursist-002"]
FLOOR = Floor(0.5, 0.25, 0.625, 0.3, 1.75, 1.5)


def _run(method: str, workers: int, wall: float, *, others: float = 0.0) -> Run:
    """A run of 6 submissions; ``others``: cores other processes kept busy meanwhile."""
    cpu = wall * 0.7
    return Run(
        method,
        workers,
        Measured(wall=wall, cpu=cpu, machine_busy=cpu + others * wall),
        scores=dict.fromkeys(STUDENTS, 7.0),
        first_seconds=2.5,
        last_seconds=wall - 0.5,
        per_submission=[1.5, 1.25, 1.75],
    )


def _results(*runs: Run) -> GradingResults:
    return GradingResults(
        exercise="wat-niet-helpt",
        submissions=6,
        facts={"kernen (nproc)": "2", "datum": "2026-12-05 10:00 UTC"},
        kinds=dict.fromkeys(STUDENTS, "alles goed"),
        runs=list(runs),
        floor=FLOOR,
    )


BASELINE = _run("nbgrader autograde", 1, 12.5)


def test_target_met_when_the_best_run_is_1_8_times_as_fast() -> None:
    text = doc.section(_results(BASELINE, _run("coursekit grade", 2, 10.0), _run("x", 4, 6.25)))

    assert "Dat is **gehaald**: de beste versnelling is 2,00, met 4 workers." in text


def test_target_met_at_exactly_1_8() -> None:
    text = doc.section(
        _results(_run("nbgrader autograde", 1, 9.0), _run("coursekit grade", 2, 5.0))
    )

    assert "Dat is **gehaald**: de beste versnelling is 1,80, met 2 workers." in text


def test_target_missed_below_1_8() -> None:
    text = doc.section(_results(BASELINE, _run("coursekit grade", 2, 7.5)))

    assert "Dat is **niet gehaald**: de beste versnelling is 1,67, met 2 workers." in text


def test_the_table_has_a_row_per_run_with_decimal_commas() -> None:
    runs = [BASELINE, _run("coursekit grade", 2, 10.0), _run("coursekit grade", 4, 6.25)]
    text = doc.section(_results(*runs))
    rows = table_rows(text, "| methode | workers | wandtijd")

    assert len(rows) == 3
    assert rows[0] == "| `nbgrader autograde` | 1 | 12,5 | 2,08 | 1,00 | 9 | 35% | 0,0 |"
    assert rows[2].startswith("| `coursekit grade` | 4 | 6,2 | 1,04 | 2,00 |")
    assert len(table_rows(text, "| methode | workers | eerste klaar")) == 3
    assert "- kernel starten, één lege cel, stoppen: 0,50 s (0,25 CPU-s), mediaan van 10" in text
    assert not re.search(r"(?<![\d.])\d+\.\d+(?![\d.])", text.split("De machine:")[0])


def test_the_command_line_is_the_module_form() -> None:
    text = doc.section(_results(BASELINE, _run("coursekit grade", 2, 6.0)))

    assert "met `python -m benchmarks.grading --submissions 6`:" in text


def test_a_busy_machine_is_mentioned_only_when_others_used_cores() -> None:
    quiet = doc.section(_results(BASELINE, _run("coursekit grade", 2, 6.0, others=0.1)))
    busy = doc.section(_results(BASELINE, _run("coursekit grade", 2, 6.0, others=0.5)))

    assert "Let op: andere processen" not in quiet
    assert "tijdens de parallelle runs tot 0,5 kern" in busy


def test_a_score_that_differs_from_the_baseline_is_a_problem() -> None:
    odd = _run("coursekit grade", 2, 6.0)
    odd.scores["cursist-001"] = 3.0

    assert problems(_results(BASELINE, _run("coursekit grade", 2, 6.0))) == []
    assert problems(_results(BASELINE, odd)) == [
        "FOUT: cursist-001 (alles goed): nbgrader autograde 7.0, coursekit grade -w 2 3.0"
    ]
