"""What the grading benchmark measured: plain data, saved as JSON, read by ``doc.py``."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Measured:
    """Wall time, our CPU seconds, and the machine's utilisation during a block."""

    wall: float = 0.0
    cpu: float = 0.0  # our own processes: the command, its workers and their kernels
    machine_busy: float = 0.0  # the whole machine, in CPU-seconds (other users included)

    def others(self) -> float:
        """How many cores other processes on the machine used, on average, during the block."""
        return max(0.0, self.machine_busy - self.cpu) / self.wall if self.wall else 0.0


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


@dataclass(frozen=True)
class Floor:
    """What one submission cannot cost less than; medians, seconds."""

    kernel: float  # start a python3 kernel, run one trivial cell, shut it down
    kernel_cpu: float  # CPU seconds of that kernel
    kernel_import: float  # the same, with ``import coursekit`` as the cell
    kernel_import_cpu: float
    nbgrader_start: float  # ``nbgrader --version``
    nbgrader_start_cpu: float


@dataclass
class GradingResults:
    exercise: str
    submissions: int
    facts: dict[str, str]  # the machine, for the docs
    kinds: dict[str, str]  # student -> the kind of submission they handed in
    runs: list[Run]  # the first is the baseline, ``nbgrader autograde``
    floor: Floor

    def students(self) -> list[str]:
        return sorted(self.kinds)

    def failures(self) -> list[Run]:
        """Runs whose command failed."""
        return [r for r in self.runs if r.returncode != 0]

    def ungraded(self) -> list[str]:
        """Students the baseline did not grade."""
        return [s for s in self.students() if self.runs[0].scores.get(s) is None]

    def mismatches(self) -> list[tuple[Run, str]]:
        """(run, student) where a run's score differs from the baseline's."""
        baseline = self.runs[0].scores
        return [
            (run, student)
            for run in self.runs[1:]
            for student in self.students()
            if run.scores.get(student) != baseline.get(student)
        ]
