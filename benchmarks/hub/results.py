"""What the JupyterHub benchmark measured: plain data, saved as JSON, read by ``doc.py``."""

from __future__ import annotations

from dataclasses import dataclass, field

from benchmarks.common import MachineUse


@dataclass
class Step:
    """What one volunteer's processes cost after one step."""

    pss_mb: float
    cpu_s: float
    wall_s: float


@dataclass
class Volunteer:
    name: str
    steps: dict[str, Step] = field(default_factory=dict)


@dataclass
class HubResults:
    volunteers: list[Volunteer]  # in the order they came
    hub_alone: dict[str, float]  # MB PSS per part of the hub before any volunteer
    site_mb: float  # growth of the course site per open module page
    idle_per_min: float  # CPU seconds per minute of an idle volunteer's server (median)
    use: MachineUse  # the machine while the volunteers came and idled
    facts: dict[str, str]  # the machine, for the docs
