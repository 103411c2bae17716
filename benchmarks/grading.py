"""Benchmark: ``coursekit grade`` (parallel) against plain ``nbgrader autograde``.

One run on this machine, in a temporary copy of the course:

1. ``nbgrader generate_assignment wat-niet-helpt`` and N fabricated submissions with varied
   answers (all right, all wrong, half, random, partly, typed, typed over clicked, no
   answers file, a broken answers file);
2. the baseline: one sequential ``nbgrader autograde wat-niet-helpt --force``;
3. ``coursekit grade wat-niet-helpt --workers W`` for each W, each on a fresh copy of the
   same submissions and gradebook, so every run does the same work;
4. the floor: the median time to start a python3 kernel, run one trivial cell and shut it
   down; the same with ``import coursekit`` (what the exercise's kernel loads); and the
   start-up of nbgrader itself (``nbgrader --version``);
5. every run must give each student the same score as the baseline (exit code 1 if not);
6. a table with wall time, seconds per submission, speed-up, CPU time and utilisation.

``--write-docs`` writes the result, in Dutch, to a section of ``docs/performance.md``.

    .venv/bin/python benchmarks/grading.py [--submissions 200] [--workers 2 4 6] [--write-docs]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402
from common import comma, isolated_jupyter, say  # noqa: E402
from common import machine as common_machine  # noqa: E402
from performance_doc import DOCS, write_section  # noqa: E402

from coursekit.exercise.answers_file import answers_path, save_answers  # noqa: E402
from coursekit.exercise.checks import parse_expected  # noqa: E402
from coursekit.exercise.questions import load_exercise  # noqa: E402
from tests.conftest import copy_course as copy_checkout  # noqa: E402

EXERCISE = "wat-niet-helpt"
TARGET = 1.8
SECTION = "## Nakijken: `coursekit grade` tegen `nbgrader autograde`"
# A `coursekit grade` result line: "[ 3/12] ✔ anna: 7 van 10 punten (1,2 s)".
_RESULT_LINE = re.compile(r"^\[\s*\d+/\d+\] (✔|✘) (.+?): .*\((\d+(?:,\d+)?) s\)\s*$")
_TYPED_LABEL = {"helpful": "helpt", "harmful": "helpt niet", "true": "waar", "false": "niet waar"}
_OTHER = {"helpful": "harmful", "harmful": "helpful", "true": "false", "false": "true"}


# -- Measuring ---------------------------------------------------------------------------


def _busy_and_total_jiffies() -> tuple[int, int]:
    """Busy and total CPU time of the whole machine since boot, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    total = sum(fields[:8])  # guest time is already counted in user time
    return total - idle, total


def _children_cpu() -> float:
    """User + system seconds of every finished child process (and theirs), so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Measured:
    """Wall time, our CPU seconds, and the machine's utilisation during a block."""

    wall: float = 0.0
    cpu: float = 0.0  # our own processes: the command, its workers and their kernels
    machine_busy: float = 0.0  # the whole machine, in CPU-seconds (other users included)


def others(m: Measured) -> float:
    """How many cores other processes on the machine used, on average, during a block."""
    return max(0.0, m.machine_busy - m.cpu) / m.wall if m.wall else 0.0


@contextmanager
def measure() -> Iterator[Measured]:
    result = Measured()
    busy, _total = _busy_and_total_jiffies()
    cpu = _children_cpu()
    started = time.perf_counter()
    try:
        yield result
    finally:
        result.wall = time.perf_counter() - started
        result.cpu = _children_cpu() - cpu
        result.machine_busy = (_busy_and_total_jiffies()[0] - busy) / os.sysconf("SC_CLK_TCK")


@dataclass
class Run:
    """One grading run of all submissions."""

    method: str
    workers: int
    measured: Measured
    scores: dict[str, float | None]
    first_seconds: float  # from the start until the first submission was done
    last_seconds: float  # from the start until the last submission was done
    per_submission: list[float] = field(default_factory=list)  # as the command reports it
    returncode: int = 0


def stream(
    command: Sequence[str], cwd: Path, on_line: Callable[[str, float], None]
) -> tuple[int, list[str]]:
    """Run a command, hand every output line with its time since the start to ``on_line``."""
    started = time.perf_counter()
    lines: list[str] = []
    with subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            on_line(lines[-1], time.perf_counter() - started)
        returncode = process.wait()
    return returncode, lines


# -- The course and the submissions ------------------------------------------------------


def copy_course(destination: Path) -> Path:
    """The course as git checks it out, without what grading does not need."""
    return copy_checkout(destination, skip=("benchmarks", "docs"))


def nbgrader(course: Path, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"nbgrader {' '.join(args)} mislukt:\n{result.stdout}{result.stderr}")


def answer_key(course: Path) -> dict[str, str]:
    """The key as the hidden tests of the source notebook hold it."""
    source = course / "solutions" / EXERCISE / f"{EXERCISE}.ipynb"
    cells = nbformat.read(source, as_version=4).cells
    found = re.findall(
        r'check_answer\(antwoorden, "(\w+)", "([^"]+)"', "\n".join(c.source for c in cells)
    )
    return {item: parse_expected(expected) for item, expected in found}


def _choices(course: Path) -> dict[str, list[str]]:
    """Every answer value a question accepts, from the released questions file."""
    exercise = load_exercise(EXERCISE, course / "exercises" / EXERCISE)
    kinds = {"sort": ["helpful", "harmful"], "true-false": ["true", "false"]}
    return {
        q.id: kinds[q.kind] if q.kind in kinds else [o.id for o in q.options]
        for q in exercise.questions
    }


def _type_in(folder: Path, answers: dict[str, str]) -> None:
    """Type the answers in the one cell a learner may edit, as the stub shows."""
    path = folder / f"{EXERCISE}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    lines = [f'    "{item}": "{_TYPED_LABEL.get(v, v)}",' for item, v in answers.items()]
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "getypte-antwoorden":
            cell.source = "getypte_antwoorden = {\n" + "\n".join(lines) + "\n}"
    nbformat.write(notebook, path)


def fabricate(course: Path, count: int, seed: int = 20261126) -> dict[str, str]:
    """Hand in ``count`` submissions with varied answers; return each student's kind."""
    rng = random.Random(seed)
    key = answer_key(course)
    choices = _choices(course)
    wrong = {i: _OTHER.get(v) or next(c for c in choices[i] if c != v) for i, v in key.items()}
    items = list(key)
    half = len(items) // 2

    def shuffled() -> dict[str, str]:
        return {i: rng.choice(choices[i]) for i in items}

    def typed_over_clicked(folder: Path) -> None:
        click(folder, wrong)
        _type_in(folder, key)

    def broken_file(folder: Path) -> None:
        answers_path(EXERCISE, folder).write_text("{ kapot", encoding="utf-8")

    kinds: list[tuple[str, Callable[[Path], None]]] = [
        ("alles goed", lambda f: click(f, key)),
        ("alles fout", lambda f: click(f, wrong)),
        (
            "half goed",
            lambda f: click(f, dict(list(key.items())[:half] + list(wrong.items())[half:])),
        ),
        ("willekeurig", lambda f: click(f, shuffled())),
        ("deels beantwoord", lambda f: click(f, dict(rng.sample(sorted(key.items()), 3)))),
        ("getypt", lambda f: _type_in(f, shuffled())),
        ("getypt boven geklikt", typed_over_clicked),
        ("geen antwoordbestand", lambda f: None),
        ("kapot antwoordbestand", broken_file),
    ]
    handed_in: dict[str, str] = {}
    for n in range(count):
        student = f"cursist-{n:03d}"
        kind, answer = kinds[n % len(kinds)]
        folder = course / "submitted" / student / EXERCISE
        shutil.copytree(course / "exercises" / EXERCISE, folder)
        (folder / "timestamp.txt").write_text("2026-11-26 12:00:00.000000 UTC", encoding="utf-8")
        answer(folder)
        handed_in[student] = kind
    return handed_in


def click(folder: Path, answers: dict[str, str]) -> None:
    """What the widget writes when a learner clicks these answers."""
    save_answers(answers_path(EXERCISE, folder), EXERCISE, answers)


def read_scores(course: Path, students: Sequence[str]) -> dict[str, float | None]:
    """Each student's total score in a run's gradebook; None if not graded."""
    from nbgrader.api import Gradebook, MissingEntry

    scores: dict[str, float | None] = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "steun-bij-stalking") as gradebook:
        for student in students:
            try:
                scores[student] = float(gradebook.find_submission(EXERCISE, student).score)
            except MissingEntry:
                scores[student] = None
    return scores


# -- The runs ----------------------------------------------------------------------------


def sequential(course: Path, students: Sequence[str]) -> Run:
    """One ``nbgrader autograde --force`` for every student, one after another."""
    done: list[float] = []
    every = max(1, len(students) // 8)

    def on_line(line: str, at: float) -> None:
        if "Setting destination file permissions" in line:  # once per submission, at the end
            done.append(at)
            if len(done) % every == 0:
                say(f"  nbgrader autograde: {len(done)}/{len(students)} ({at:.0f} s)")

    with measure() as measured:
        returncode, lines = stream(
            [sys.executable, "-m", "nbgrader", "autograde", EXERCISE, "--force"], course, on_line
        )
    if returncode != 0:
        say(f"nbgrader autograde gaf exitcode {returncode}; laatste regels:")
        print("\n".join(lines[-20:]), flush=True)
    # Each submission starts when the previous one is done.
    gaps = [b - a for a, b in itertools.pairwise(done)]
    return Run(
        "nbgrader autograde",
        1,
        measured,
        read_scores(course, students),
        first_seconds=done[0] if done else measured.wall,
        last_seconds=done[-1] if done else measured.wall,
        per_submission=gaps,
        returncode=returncode,
    )


def parallel(course: Path, students: Sequence[str], workers: int) -> Run:
    """``coursekit grade --workers W``; the command reports each submission's seconds."""
    seconds: list[float] = []
    finished: list[float] = []
    every = max(1, len(students) // 8)

    def on_line(line: str, at: float) -> None:
        match = _RESULT_LINE.match(line)
        if match:
            seconds.append(float(match.group(3).replace(",", ".")))
            finished.append(at)
            if len(seconds) % every == 0:
                say(
                    f"  coursekit grade --workers {workers}: {len(seconds)}/{len(students)} "
                    f"({at:.0f} s)"
                )

    command = [sys.executable, "-m", "coursekit.cli", "grade", EXERCISE, "--workers", str(workers)]
    with measure() as measured:
        returncode, lines = stream(command, course, on_line)
    if returncode != 0:
        say(f"coursekit grade gaf exitcode {returncode}; laatste regels:")
        print("\n".join(lines[-20:]), flush=True)
    return Run(
        "coursekit grade",
        workers,
        measured,
        read_scores(course, students),
        first_seconds=finished[0] if finished else measured.wall,
        last_seconds=finished[-1] if finished else measured.wall,
        per_submission=seconds,
        returncode=returncode,
    )


# -- The floor ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Floor:
    kernel: float  # start a python3 kernel, run one trivial cell, shut it down
    kernel_cpu: float  # CPU seconds of that kernel
    kernel_import: float  # the same, with ``import coursekit`` as the cell
    kernel_import_cpu: float
    nbgrader_start: float  # ``nbgrader --version``
    nbgrader_start_cpu: float


def _kernel_once(cwd: Path, code: str) -> tuple[float, float]:
    from jupyter_client.manager import start_new_kernel

    cpu = _children_cpu()
    started = time.perf_counter()
    manager, client = start_new_kernel(
        kernel_name="python3", cwd=str(cwd), stderr=subprocess.DEVNULL
    )
    try:
        reply = client.execute_interactive(code, timeout=120, output_hook=lambda _msg: None)
        if reply["content"]["status"] != "ok":
            raise SystemExit(f"kernel: {code!r} mislukte")
    finally:
        client.stop_channels()
        manager.shutdown_kernel()
    return time.perf_counter() - started, _children_cpu() - cpu


def floor(course: Path, repeats: int = 10) -> Floor:
    trivial = [_kernel_once(course, "1 + 1") for _ in range(repeats)]
    heavy = [_kernel_once(course, "import coursekit") for _ in range(repeats)]
    starts: list[tuple[float, float]] = []
    for _ in range(3):
        with measure() as measured:
            subprocess.run(
                [sys.executable, "-m", "nbgrader", "--version"],
                cwd=course,
                capture_output=True,
                check=True,
            )
        starts.append((measured.wall, measured.cpu))

    def median(runs: list[tuple[float, float]], index: int) -> float:
        return statistics.median(r[index] for r in runs)

    return Floor(
        median(trivial, 0),
        median(trivial, 1),
        median(heavy, 0),
        median(heavy, 1),
        median(starts, 0),
        median(starts, 1),
    )


# -- The machine -------------------------------------------------------------------------


def machine() -> dict[str, str]:
    return common_machine(
        {"nbgrader": version("nbgrader")},
        {"belasting vooraf (loadavg 1 min)": comma(os.getloadavg()[0])},
    )


# -- Reporting ---------------------------------------------------------------------------


def table(runs: list[Run], count: int, cores: int) -> str:
    baseline = runs[0].measured.wall
    rows = [
        "| methode | workers | wandtijd (s) | s per inzending | versnelling | "
        "CPU-s eigen | eigen bezetting | andere processen (kernen) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        m = run.measured
        rows.append(
            f"| `{run.method}` | {run.workers} | {comma(m.wall, 1)} | {comma(m.wall / count)} "
            f"| {comma(baseline / m.wall)} | {comma(m.cpu, 0)} "
            f"| {m.cpu / (m.wall * cores):.0%} | {comma(others(m), 1)} |"
        )
    return "\n".join(rows)


def details(runs: list[Run]) -> str:
    """Per run: time to the first result and the per-submission time the command reports."""
    rows = [
        "| methode | workers | eerste klaar na (s) | na de laatste (s) "
        "| mediaan per inzending (s) | CPU-s per inzending |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        per = statistics.median(run.per_submission) if run.per_submission else float("nan")
        rows.append(
            f"| `{run.method}` | {run.workers} | {comma(run.first_seconds, 1)} "
            f"| {comma(run.measured.wall - run.last_seconds, 1)} | {comma(per)} "
            f"| {comma(run.measured.cpu / max(1, len(run.scores)))} |"
        )
    return "\n".join(rows)


def floor_lines(f: Floor) -> str:
    return "\n".join(
        [
            f"- kernel starten, één lege cel, stoppen: {comma(f.kernel)} s "
            f"({comma(f.kernel_cpu)} CPU-s), mediaan van 10",
            f"- idem met `import coursekit` als cel: {comma(f.kernel_import)} s "
            f"({comma(f.kernel_import_cpu)} CPU-s), mediaan van 10",
            f"- `nbgrader --version`: {comma(f.nbgrader_start)} s "
            f"({comma(f.nbgrader_start_cpu)} CPU-s), mediaan van 3",
        ]
    )


def verdict(runs: list[Run], f: Floor, count: int, cores: int) -> str:
    """One honest paragraph, in Dutch: target met or not, and where the time goes."""
    seq = runs[0]
    best = min(runs[1:], key=lambda r: r.measured.wall)
    ratio = seq.measured.wall / best.measured.wall
    per = seq.measured.wall / count
    cpu_per = seq.measured.cpu / count
    best_cpu_per = best.measured.cpu / count
    in_worker = statistics.median(best.per_submission) if best.per_submission else per
    met = "gehaald" if ratio >= TARGET else "niet gehaald"
    text = (
        f"Doel: op {cores} kernen minstens {comma(TARGET, 1)} keer zo snel als één "
        f"`nbgrader autograde`. Dat is **{met}**: de beste versnelling is {comma(ratio)}, "
        f"met {best.workers} workers. Waar de tijd heen gaat: sequentieel kost één inzending "
        f"{comma(per)} s, maar maar {comma(cpu_per)} CPU-seconden; nbgrader gebruikt gemiddeld "
        f"{comma(seq.measured.cpu / seq.measured.wall)} kern en wacht de rest van de tijd op "
        f"de kernel. Een kernel starten, één lege cel draaien en stoppen kost "
        f"{comma(f.kernel)} s, `import coursekit` in die kernel nog "
        f"{comma(max(0.0, f.kernel_import - f.kernel))} s; de rest, "
        f"{comma(max(0.0, per - f.kernel_import))} s, is nbgrader zelf: inlezen, "
        f"preprocessors, de testcellen en het gradebook. nbgrader opstarten "
        f"({comma(f.nbgrader_start)} s) betaalt één `nbgrader autograde` maar één keer, dus "
        f"daar valt bij {count} inzendingen weinig te winnen; `coursekit grade` betaalt het "
        f"per worker (zie *eerste klaar na*). `coursekit grade` wint doordat de ene worker "
        f"rekent terwijl de andere op zijn kernel wacht, en doordat het alle kernen gebruikt. "
        f"Met {best.workers} workers kost een inzending {comma(best_cpu_per)} CPU-seconden, "
        f"dus op {cores} vrije kernen is hoogstens een versnelling van "
        f"{comma(cores * per / best_cpu_per)} mogelijk. In een worker duurt een inzending "
        f"mediaan {comma(in_worker)} s."
    )
    by_cores = next((r for r in runs[1:] if r.workers == cores), None)
    walls = ", ".join(f"{r.workers} workers {comma(r.measured.wall, 0)} s" for r in runs[1:])
    if by_cores is not None and best is not by_cores:
        gain = by_cores.measured.wall / best.measured.wall
        text += f" Meer workers dan kernen scheelt {comma((gain - 1) * 100, 0)} % ({walls})."
    else:
        text += f" Meer workers dan kernen helpt niet ({walls})."
    busiest = max(others(r.measured) for r in runs[1:])
    if busiest > 0.2:
        text += (
            f" Let op: andere processen op deze gedeelde machine gebruikten tijdens de "
            f"sequentiële run {comma(others(seq.measured), 1)} kern en tijdens de parallelle "
            f"runs tot {comma(busiest, 1)} kern. Wat zij gebruiken, gaat van de workers af, "
            f"terwijl de sequentiële run aan minder dan één kern genoeg heeft; op een stille "
            f"machine valt de versnelling daarom hoger uit."
        )
    return text


def section(runs: list[Run], f: Floor, facts: dict[str, str], count: int) -> str:
    cores = int(facts["kernen (nproc)"])
    machine_lines = "\n".join(f"- {k}: {v}" for k, v in facts.items())
    return (
        f"{SECTION}\n\n"
        f"Gemeten op {facts['datum']} met `benchmarks/grading.py --submissions {count}`: "
        f"{count} inzendingen van `{EXERCISE}` met verschillende antwoorden, eerst met één "
        f"`nbgrader autograde {EXERCISE} --force`, daarna met `coursekit grade` op een verse "
        f"kopie van dezelfde inzendingen. Elke student kreeg bij elke run dezelfde score.\n\n"
        f"{table(runs, count, cores)}\n\n"
        f"*CPU-s eigen*: processortijd van het commando met zijn workers en kernels; "
        f"*bezetting*: gedeeld door wandtijd keer {cores} kernen; *andere processen*: wat de "
        f"rest van de machine tegelijk gebruikte.\n\n"
        f"{details(runs)}\n\n"
        f"De ondergrens per inzending:\n\n{floor_lines(f)}\n\n"
        f"De machine:\n\n{machine_lines}\n\n"
        f"{verdict(runs, f, count, cores)}\n"
    )


# -- Main --------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="+", default=[2, 4, 6])
    parser.add_argument("--write-docs", action="store_true", help="schrijf docs/performance.md")
    args = parser.parse_args(argv)
    count: int = args.submissions
    facts = machine()
    cores = int(facts["kernen (nproc)"])
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
            plan: list[tuple[str, int]] = [("seq", 1)] + [("par", w) for w in args.workers]
            for kind, workers in plan:
                course = scratch / f"run-{kind}-{workers}"
                shutil.copytree(template, course)  # same submissions, same empty gradebook
                label = "nbgrader autograde" if kind == "seq" else f"coursekit grade -w {workers}"
                say(f"{label}: start")
                run = (
                    sequential(course, students)
                    if kind == "seq"
                    else parallel(course, students, workers)
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
    failures = [r for r in runs if r.returncode != 0]
    mismatches = [
        (run, student)
        for run in runs[1:]
        for student in students
        if run.scores.get(student) != runs[0].scores.get(student)
    ]
    print()
    print(table(runs, count, cores))
    print()
    print(details(runs))
    print()
    print(floor_lines(bottom))
    print()
    for key, value in facts.items():
        print(f"{key}: {value}")
    print()
    print(verdict(runs, bottom, count, cores))
    ungraded = [s for s in students if runs[0].scores[s] is None]
    if ungraded:
        print(f"\nFOUT: niet nagekeken door nbgrader autograde: {', '.join(ungraded[:10])}")
    for run, student in mismatches[:20]:
        print(
            f"FOUT: {student} ({handed_in[student]}): nbgrader autograde "
            f"{runs[0].scores.get(student)}, {run.method} -w {run.workers} "
            f"{run.scores.get(student)}"
        )
    if mismatches or ungraded or failures:
        return 1
    if args.write_docs:
        write_section(SECTION, section(runs, bottom, facts, count))
        say(f"geschreven: {DOCS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
