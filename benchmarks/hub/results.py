"""What the JupyterHub benchmark measured: plain data, saved as JSON, read by ``doc.py``."""

from __future__ import annotations

from dataclasses import dataclass, field

from benchmarks.common import MachineUse
from benchmarks.hub.group import GroupLogin


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
    # Mijn cursus (issue "Mijn cursus"), in the same run as today's path above.
    mijn_cursus: list[Volunteer] = field(default_factory=list)
    hand_in_s: list[float] = field(default_factory=list)  # "Ja, lever in" to "Ingeleverd op"
    tti_s: dict[str, list[float]] = field(default_factory=dict)  # page: seconds, in turns
    group_logins: list[GroupLogin] = field(default_factory=list)
