"""The JupyterHub benchmark's Dutch text, from fabricated results (no hub)."""

from __future__ import annotations

import re

from benchmarks.common import MachineUse
from benchmarks.hub import doc
from benchmarks.hub.group import GroupLogin
from benchmarks.hub.results import HubResults, Step, Volunteer
from tests.support.markdown import table_rows


def _volunteer(name: str, active_mb: float) -> Volunteer:
    return Volunteer(
        name,
        {
            "server": Step(pss_mb=80.0, cpu_s=2.5, wall_s=4.0),
            "lab": Step(pss_mb=120.0, cpu_s=3.5, wall_s=6.0),
            "active": Step(pss_mb=active_mb, cpu_s=4.0, wall_s=9.5),
        },
    )


def _results(active_mb: float = 200.0) -> HubResults:
    return HubResults(
        volunteers=[_volunteer(f"vrijwilliger{n}", active_mb) for n in (1, 2, 3)],
        hub_alone={"hub": 110.0, "proxy": 50.0, "cursussite (Voila)": 100.0},
        site_mb=50.0,
        idle_per_min=0.125,
        use=MachineUse(load_before=1.5, load_after=0.75, wall=300.0, busy_cores=0.5),
        facts={"kernen (nproc)": "2", "datum": "2026-12-05 10:00 UTC"},
    )


def test_the_steps_table_has_a_row_per_step_with_decimal_commas() -> None:
    text = doc.section(_results())
    rows = table_rows(text, "| stap van een vrijwilliger |")

    assert len(rows) == 3
    assert rows[2] == (
        "| opdracht opgehaald, gedraaid in een kernel, ingeleverd | 200 | 4,0 | 9,5 |"
    )
    assert "kost 0,12 CPU-s per minuut" in text
    assert "loadavg 1,50 → 0,75" in text
    # No decimal point anywhere before the machine's facts (127.0.0.1 is no number).
    assert not re.search(r"(?<![\d.])\d+\.\d+(?![\d.])", text.split("De machine:")[0])


def test_the_hub_alone_adds_up_its_parts() -> None:
    text = doc.section(_results())

    assert "De hub zonder vrijwilligers: **260 MB** (cursussite (Voila) 100 MB, hub 110 MB," in text
    assert "samen **250 MB**" in text  # 200 MB for JupyterLab and its kernel, 50 for the site


def test_the_machine_sizes_scale_from_one_server_to_kubernetes() -> None:
    rows = table_rows(doc.section(_results()), "| vrijwilligers | tegelijk bezig |")

    assert len(rows) == 6
    # (260 + 50 * 250) MB / 1024 * 1,3 + 2 GB; (50 * 10 CPU-s / 60 s) + 1 cores.
    assert rows[0] == "| 50 | allemaal tegelijk (50) | 18 GB | 10 | één server |"
    assert rows[4].startswith("| 1000 | allemaal tegelijk (1000) |")
    assert rows[4].endswith("| Kubernetes met meerdere machines |")


def test_the_command_line_is_the_module_form() -> None:
    assert "met `python -m benchmarks.hub --volunteers 3`:" in doc.section(_results())


def _mijn_cursus(name: str) -> Volunteer:
    return Volunteer(
        name,
        {
            "server": Step(pss_mb=90.0, cpu_s=2.0, wall_s=4.0),
            "active": Step(pss_mb=110.0, cpu_s=1.0, wall_s=8.0),
        },
    )


def test_mijn_cursus_is_compared_with_jupyterlab_in_the_same_run() -> None:
    results = _results()
    results.mijn_cursus = [_mijn_cursus(f"mijncursus{n}") for n in (1, 2, 3)]
    results.hand_in_s = [0.25] * 19 + [3.0]
    results.tti_s = {"mijn cursus": [0.5, 0.6, 0.4], "modulepagina": [2.0, 2.5, 1.5]}
    results.group_logins = [GroupLogin(10, [5.0 + n for n in range(10)], 0)]
    text = doc.section(results)

    paths = table_rows(text, "| pad | geheugen per vrijwilliger |")
    assert paths == [
        "| vandaag: JupyterLab, opdracht in een kernel | 250 MB (200 + 50) | 10,0 |",
        "| Mijn cursus: pagina's zonder kernel | 160 MB (110 + 50) | 3,0 |",
    ]
    # 20 hand-ins: the 95th percentile is the 19th of 20 in order, not the slowest.
    assert "mediaan 0,25 s, p95 0,25 s, langste 3,00 s" in text
    assert "Mijn cursus 0,50 s (geladen), een modulepagina 2,00 s" in text
    assert "verhouding 0,25 (doel: hoogstens 1,2)" in text
    groups = table_rows(text, "| tegelijk | mediaan |")
    assert groups == ["| 10 | 9,5 s | 14,0 s | 14,0 s | 0 |"]


def test_without_mijn_cursus_results_the_section_is_left_out() -> None:
    assert "Mijn cursus tegenover JupyterLab" not in doc.section(_results())
