"""The JupyterHub benchmark's results in Dutch: the section of docs/performance.md.

Everything here reads ``HubResults`` and nothing else, so that ``--from-results`` writes the
same text as the run that measured.
"""

from __future__ import annotations

import math
import statistics

from benchmarks.common import comma
from benchmarks.hub.results import HubResults, Volunteer

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
            *mijn_cursus_section(results),
            "De machine:",
            "",
            *[f"- {key}: {value}" for key, value in facts.items()],
            "",
        ]
    )


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def mijn_cursus_section(results: HubResults) -> list[str]:
    """Mijn cursus against today's JupyterLab path, measured in the same run."""
    mijn, lab = results.mijn_cursus, results.volunteers
    if not mijn:
        return []

    def med(people: list[Volunteer], step: str, attr: str) -> float:
        value: float = statistics.median(getattr(v.steps[step], attr) for v in people)
        return value

    site = results.site_mb
    lab_total = med(lab, "active", "pss_mb") + site
    mijn_total = med(mijn, "active", "pss_mb") + site
    lab_cpu = sum(med(lab, s, "cpu_s") for s in ("server", "lab", "active"))
    mijn_cpu = sum(med(mijn, s, "cpu_s") for s in ("server", "active"))
    hand_in = results.hand_in_s
    tti = {page: statistics.median(times) for page, times in results.tti_s.items()}
    ratio = tti["mijn cursus"] / tti["modulepagina"]
    rows = [
        f"| vandaag: JupyterLab, opdracht in een kernel | {comma(lab_total, 0)} MB "
        f"({comma(med(lab, 'active', 'pss_mb'), 0)} + {comma(site, 0)}) | {comma(lab_cpu, 1)} |",
        f"| Mijn cursus: pagina's zonder kernel | {comma(mijn_total, 0)} MB "
        f"({comma(med(mijn, 'active', 'pss_mb'), 0)} + {comma(site, 0)}) | {comma(mijn_cpu, 1)} |",
    ]
    groups = [
        f"| {g.size} | {comma(g.p50, 1)} s | {comma(g.p95, 1)} s | {comma(g.slowest, 1)} s "
        f"| {g.failed} |"
        for g in results.group_logins
    ]
    return [
        "### Mijn cursus tegenover JupyterLab (zelfde meting)",
        "",
        f"{len(mijn)} andere vrijwilligers gingen in dezelfde meting door Mijn cursus: inloggen "
        "met het formulier, landen op Mijn cursus, de oefening openen (die wordt dan "
        "opgehaald), elke vraag aanklikken, een reflectie schrijven en "
        f"{len(hand_in) // len(mijn)} keer inleveren. Per vrijwilliger die bezig is, met een "
        "open modulepagina erbij (mediaan; PSS van de eigen server plus het deel van de "
        "cursussite):",
        "",
        "| pad | geheugen per vrijwilliger | CPU-s tot en met inleveren |",
        "| --- | ---: | ---: |",
        *rows,
        "",
        f"Van *Ja, lever in* tot *Ingeleverd op …* ({len(hand_in)} keer): mediaan "
        f"{comma(statistics.median(hand_in), 2)} s, p95 {comma(_p95(hand_in), 2)} s, langste "
        f"{comma(max(hand_in), 2)} s (doel: p95 hoogstens 2 s).",
        "",
        f"Tijd tot bruikbaar, om en om in één browser ({len(results.tti_s['mijn cursus'])} "
        f"keer): Mijn cursus {comma(tti['mijn cursus'], 2)} s (geladen), een modulepagina "
        f"{comma(tti['modulepagina'], 2)} s (de eerste vraag heeft zijn knoppen); "
        f"verhouding {comma(ratio, 2)} (doel: hoogstens 1,2).",
        "",
        f"Voor de rekenregel hierboven: met Mijn cursus is het {comma(mijn_total, 0)} MB en "
        f"{comma(mijn_cpu, 1)} CPU-s per vrijwilliger in plaats van {comma(lab_total, 0)} MB en "
        f"{comma(lab_cpu, 1)} CPU-s.",
        "",
        "Een groep die tegelijk inlogt (elk met een eigen sessie; van het versturen van het "
        "inlogformulier tot Mijn cursus er staat, het starten van de server inbegrepen):",
        "",
        "| tegelijk | mediaan | p95 | langste | niet gelukt |",
        "| ---: | ---: | ---: | ---: | ---: |",
        *groups,
        "",
        f"Het wachten komt van het starten van de servers: elk kost ongeveer "
        f"{comma(med(mijn, 'server', 'cpu_s'), 1)} CPU-s, en ze delen de "
        f"{results.facts.get('kernen (nproc)', '?')} kernen van deze machine. Wat het zou "
        "verkorten (niet gemeten): de servers van een groep vlak voor de les starten (een "
        "script met de REST-API van de hub), vrijwilligers starten zonder de uitbreidingen "
        "van JupyterLab (die laden bij elke start; een kale server was 86 MB tegen 127 MB, "
        "zie docs/architecture.md), of meer kernen.",
        "",
    ]
