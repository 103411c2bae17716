"""The grading benchmark's results in Dutch: the section of docs/performance.md.

Everything here reads ``GradingResults`` and nothing else, so that ``--from-results`` writes
the same text as the run that measured.
"""

from __future__ import annotations

import statistics

from benchmarks.common import comma
from benchmarks.grading.results import Floor, GradingResults, Run

SECTION = "## Nakijken: `coursekit grade` tegen `nbgrader autograde`"
TARGET = 1.8  # speed-up of the best `coursekit grade` over one `nbgrader autograde`


def cores(facts: dict[str, str]) -> int:
    """The cores of the machine that measured."""
    return int(facts["kernen (nproc)"])


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
            f"| {m.cpu / (m.wall * cores):.0%} | {comma(m.others(), 1)} |"
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
    busiest = max(r.measured.others() for r in runs[1:])
    if busiest > 0.2:
        text += (
            f" Let op: andere processen op deze gedeelde machine gebruikten tijdens de "
            f"sequentiële run {comma(seq.measured.others(), 1)} kern en tijdens de parallelle "
            f"runs tot {comma(busiest, 1)} kern. Wat zij gebruiken, gaat van de workers af, "
            f"terwijl de sequentiële run aan minder dan één kern genoeg heeft; op een stille "
            f"machine valt de versnelling daarom hoger uit."
        )
    return text


def section(results: GradingResults) -> str:
    """The section of docs/performance.md."""
    runs, f, facts, count = results.runs, results.floor, results.facts, results.submissions
    exercise = results.exercise
    cores = int(facts["kernen (nproc)"])
    machine_lines = "\n".join(f"- {k}: {v}" for k, v in facts.items())
    return (
        f"{SECTION}\n\n"
        f"Gemeten op {facts['datum']} met `python -m benchmarks.grading --submissions {count}`: "
        f"{count} inzendingen van `{exercise}` met verschillende antwoorden, eerst met één "
        f"`nbgrader autograde {exercise} --force`, daarna met `coursekit grade` op een verse "
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


def summary(results: GradingResults) -> str:
    """What the run prints at the end: the tables, the floor, the machine and the verdict."""
    runs, count, n = results.runs, results.submissions, cores(results.facts)
    return "\n\n".join(
        [
            table(runs, count, n),
            details(runs),
            floor_lines(results.floor),
            "\n".join(f"{key}: {value}" for key, value in results.facts.items()),
            verdict(runs, results.floor, count, n),
        ]
    )
