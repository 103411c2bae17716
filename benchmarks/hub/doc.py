"""The JupyterHub benchmark's results in Dutch: the section of docs/performance.md.

Everything here reads ``HubResults`` and nothing else, so that ``--from-results`` writes the
same text as the run that measured.
"""

from __future__ import annotations

import math
import statistics

from benchmarks.common import comma
from benchmarks.hub.results import HubResults

HEADING = "## JupyterHub: geheugen en processor per vrijwilliger"
MARGIN = 1.3  # memory headroom over the measured PSS
SYSTEM_GB = 2  # the operating system, PostgreSQL, nginx
ARRIVAL_S = 60.0  # a group that starts together logs in within a minute


def section(results: HubResults) -> str:
    """The section of docs/performance.md (also what the run prints)."""
    volunteers, parts, site_mb = results.volunteers, results.hub_alone, results.site_mb
    idle_per_min, use, facts = results.idle_per_min, results.use, results.facts

    def med(step: str, attr: str) -> float:
        value: float = statistics.median(getattr(v.steps[step], attr) for v in volunteers)
        return value

    total = sum(parts.values())
    server, lab, active = (med(s, "pss_mb") for s in ("server", "lab", "active"))
    start_cpu = sum(med(s, "cpu_s") for s in ("server", "lab", "active"))
    rows = [
        f"| ingelogd, server gestart (niets open) | {comma(server, 0)} | {comma(med('server', 'cpu_s'), 1)} | {comma(med('server', 'wall_s'), 1)} |",  # noqa: E501
        f"| JupyterLab geopend in de browser | {comma(lab, 0)} | {comma(med('lab', 'cpu_s'), 1)} | {comma(med('lab', 'wall_s'), 1)} |",  # noqa: E501
        f"| opdracht opgehaald, gedraaid in een kernel, ingeleverd | {comma(active, 0)} | {comma(med('active', 'cpu_s'), 1)} | {comma(med('active', 'wall_s'), 1)} |",  # noqa: E501
    ]
    per_part = ", ".join(f"{name} {comma(mb, 0)} MB" for name, mb in sorted(parts.items()))
    per_volunteer = active + site_mb
    sizes = []
    for learners in (50, 200, 1000):
        for share, label in ((1.0, "allemaal tegelijk"), (0.25, "een kwart tegelijk")):
            at_once = max(1, round(learners * share))
            gb = (total + at_once * per_volunteer) / 1024 * MARGIN + SYSTEM_GB
            cores = max(2, math.ceil(at_once * start_cpu / ARRIVAL_S) + 1)
            if gb <= 64 and cores <= 16:
                how = "één server"
            elif gb <= 256 and cores <= 64:
                how = "één grote server, of Kubernetes"
            else:
                how = "Kubernetes met meerdere machines"
            sizes.append(
                f"| {learners} | {label} ({at_once}) | {comma(gb, 0)} GB | {cores} | {how} |"
            )
    return "\n".join(
        [
            HEADING,
            "",
            f"Gemeten op {facts['datum']} met "
            f"`python -m benchmarks.hub --volunteers {len(volunteers)}`: "
            "de echte hub van `deploy/jupyterhub` op 127.0.0.1 (gestart door "
            "`tests/support/hub.py`, met PostgreSQL als cijferboek). Eerst de hub zonder "
            f"vrijwilligers, daarna {len(volunteers)} vrijwilligers na elkaar, elk met de stappen "
            "hieronder; de getallen per vrijwilliger zijn medianen. *PSS*: het geheugen van de "
            "server van die vrijwilliger met zijn kernel, gedeelde pagina's eerlijk verdeeld, "
            "na de stap; *CPU-s*: processortijd van die processen in de stap (de browser telt "
            "niet mee: die draait bij de vrijwilliger).",
            "",
            f"De hub zonder vrijwilligers: **{comma(total, 0)} MB** ({per_part}).",
            "",
            "| stap van een vrijwilliger | PSS na de stap (MB) | CPU-s van de stap | duur (s) |",
            "| --- | ---: | ---: | ---: |",
            *rows,
            "",
            f"Een server die niemand gebruikt (JupyterLab open, kernel klaar) kost "
            f"{comma(idle_per_min, 2)} CPU-s per minuut. Machine gemiddeld "
            f"{comma(use.busy_cores, 2)} kernen bezet, loadavg {comma(use.load_before)} "
            f"→ {comma(use.load_after)}.",
            "",
            "### Wat een machine aankan",
            "",
            f"Per vrijwilliger die bezig is: **{comma(active, 0)} MB** voor JupyterLab met de "
            f"opdracht in een kernel, plus **{comma(site_mb, 0)} MB** voor een open modulepagina "
            "op de cursussite (de groei van Voila en zijn kernels, gedeeld door het aantal "
            "open pagina's), samen "
            f"**{comma(per_volunteer, 0)} MB**. Processortijd kost vooral het begin: inloggen "
            f"en de server starten {comma(med('server', 'cpu_s'), 1)} CPU-s, JupyterLab laden "
            f"{comma(med('lab', 'cpu_s'), 1)} CPU-s, de opdracht draaien en inleveren "
            f"{comma(med('active', 'cpu_s'), 1)} CPU-s; daarna bijna niets. De "
            "`jupyterhub-idle-culler` stopt een server na een uur zonder gebruik; wie is "
            "uitgelogd, kost niets.",
            "",
            f"Rekenregel: geheugen = (hub + vrijwilligers tegelijk maal "
            f"{comma(per_volunteer, 0)} MB) maal {comma(MARGIN, 1)} (marge) + {SYSTEM_GB} GB "
            f"(systeem, PostgreSQL). Kernen: een vrijwilliger die begint, kost samen "
            f"{comma(start_cpu, 1)} CPU-s (inloggen, JupyterLab, de opdracht); komt een groep "
            f"binnen {ARRIVAL_S:.0f} s binnen, dan is dat groep maal {comma(start_cpu, 1)} / "
            f"{ARRIVAL_S:.0f} kernen, plus één voor de hub en de rest, minstens 2. Klikken en "
            "lezen kosten daarna bijna niets.",
            "",
            "| vrijwilligers | tegelijk bezig | geheugen | kernen | aanpak |",
            "| ---: | --- | ---: | ---: | --- |",
            *sizes,
            "",
            "*Aanpak*: tot 64 GB en 16 kernen één server met de configuratie van "
            "`deploy/jupyterhub`; tot 256 GB en 64 kernen kan één grote server nog, maar dan is "
            "Kubernetes (Zero to JupyterHub, zie `deploy/jupyterhub/README.md`, met de "
            "geheugengarantie per vrijwilliger van hierboven) vaak handiger; daarboven "
            "Kubernetes met meerdere machines. Deze groottes zijn berekend uit de metingen op "
            "deze machine, niet gemeten op machines van die grootte; *een kwart tegelijk* is "
            "een aanname voor een cursus die vrijwilligers in hun eigen tempo volgen.",
            "",
            "De machine:",
            "",
            *[f"- {key}: {value}" for key, value in facts.items()],
            "",
        ]
    )
