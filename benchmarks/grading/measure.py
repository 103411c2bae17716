"""One whole run in a temporary copy of the course; returns ``GradingResults``."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

from benchmarks.common import comma, say
from benchmarks.common import machine as common_machine
from benchmarks.grading.results import GradingResults, Run
from benchmarks.grading.runs import floor, parallel, sequential
from benchmarks.grading.submissions import EXERCISE, copy_course, fabricate, nbgrader
from tests.support.jupyter import isolated_jupyter


def machine() -> dict[str, str]:
    return common_machine(
        {"nbgrader": version("nbgrader")},
        {"belasting vooraf (loadavg 1 min)": comma(os.getloadavg()[0])},
    )


def measure(count: int, workers: Sequence[int]) -> GradingResults:
    """``count`` submissions graded by the baseline and by ``coursekit grade`` per W."""
    facts = machine()
    saved = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="coursekit-bench-") as tmp:
        scratch = Path(tmp)
        (scratch / "home").mkdir()
        isolated_jupyter(scratch / "home")
        try:
            say(f"cursus kopiëren en {count} inzendingen maken in {scratch}")
            template = copy_course(scratch / "template")
            nbgrader(template, "generate_assignment", EXERCISE, "--force")
            handed_in = fabricate(template, count)
            students = sorted(handed_in)
            say(
                "soorten: "
                + json.dumps(
                    {
                        k: list(handed_in.values()).count(k)
                        for k in dict.fromkeys(handed_in.values())
                    },
                    ensure_ascii=False,
                )
            )

            runs: list[Run] = []
            plan: list[tuple[str, int]] = [("seq", 1)] + [("par", w) for w in workers]
            for kind, w in plan:
                course = scratch / f"run-{kind}-{w}"
                shutil.copytree(template, course)  # same submissions, same empty gradebook
                label = "nbgrader autograde" if kind == "seq" else f"coursekit grade -w {w}"
                say(f"{label}: start")
                run = (
                    sequential(course, students) if kind == "seq" else parallel(course, students, w)
                )
                say(f"{label}: {run.measured.wall:.1f} s")
                runs.append(run)
                shutil.rmtree(course)

            say("ondergrens: kernels starten en nbgrader --version")
            bottom = floor(template)
        finally:
            os.environ.clear()
            os.environ.update(saved)

    facts["belasting achteraf (loadavg 1 min)"] = comma(os.getloadavg()[0])
    return GradingResults(
        exercise=EXERCISE,
        submissions=count,
        facts=facts,
        kinds=handed_in,
        runs=runs,
        floor=bottom,
    )
