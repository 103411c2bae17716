"""The Voila benchmark's Dutch text, written from small fabricated results (no servers)."""

from __future__ import annotations

import re

import pytest

from benchmarks.common import MachineUse
from benchmarks.voila import doc
from benchmarks.voila.results import (
    ClickLatency,
    ClickSample,
    Learner,
    LoadCpu,
    LoadRun,
    Memory,
    PageLoad,
    PageResult,
    Settings,
    TimeToInteractive,
    VoilaResults,
    WidgetModels,
)
from tests.support.markdown import table_rows

MODULES = ["00-welkom.ipynb", "05-wat-niet-helpt.ipynb"]


def _use(before: float = 1.25, after: float = 0.5) -> MachineUse:
    return MachineUse(load_before=before, load_after=after, wall=60.0, busy_cores=0.75)


def _page(name: str, label: str, ttis: list[float], *, failed: int = 0) -> PageResult:
    loads = [
        PageLoad(
            tti=tti,
            first_button=tti - 10,
            requests=92 + failed,
            failed=failed,
            js_files=40,
            js_bytes=4_000 * 1024,
            js_transfer=4_000 * 1024,
            all_transfer=4_200 * 1024,
            dcl=300.0,
            load=400.0,
            html=12.0,
            html_bytes=30 * 1024,
            ws_open=tti - 150,
            extensions=frozenset({"@jupyter-widgets/jupyterlab-manager"}),
            failed_urls=("https://cdn.example/fa.css",) * failed,
        )
        for tti in ttis
    ]
    hosts = {"cdn.example"} if failed else set()
    return PageResult(name, label, loads=loads, failed_hosts=hosts)


def _tti(module_ms: float = 1050.0) -> TimeToInteractive:
    """Bare page 1000 ms, stock 1500 ms, module 0 1000 ms and module 5 ``module_ms``."""
    pages = {
        "ours-bare": _page("kaal", "kale pagina, onze instellingen", [990.0, 1000.0, 1010.0]),
        "stock-bare": _page("stock", "kale pagina, standaard Voila", [1500.0] * 3, failed=2),
        "module-00": _page(MODULES[0], f"module 0 (`{MODULES[0]}`)", [1000.0] * 3),
        "module-05": _page(MODULES[1], f"module 5 (`{MODULES[1]}`)", [module_ms] * 3),
        "ours-bare-warm": _page("kaal-warm", "kale pagina, tweede bezoek", [800.0] * 3),
    }
    models = {
        MODULES[0]: WidgetModels(models=71, widgets=30, kib=50.0),
        MODULES[1]: WidgetModels(models=247, widgets=90, kib=210.5),
    }
    return TimeToInteractive(pages=pages, use=_use(), models=models)


def _click(dom_ms: float = 9.0, errors: int = 0) -> ClickLatency:
    samples = [ClickSample(dom=dom_ms, frame=dom_ms + 7, next=11.0) for _ in range(3)]
    samples.append(ClickSample(dom=dom_ms, frame=dom_ms + 7))  # the last item: no "Volgende"
    return ClickLatency(samples=samples, errors=errors, pages=1, use=_use(2.0, 1.5))


def _run(
    learners: int, latency_ms: float, *, variant: str = "", errors: int = 0, ramp: float = 30.0
) -> LoadRun:
    people = [
        Learner(n, page_seconds=0.25, latencies=[latency_ms] * 4, actions=8)
        for n in range(learners)
    ]
    for learner in people[:errors]:
        learner.errors.append("geen feedback binnen de tijd")
    idle = Memory(
        server_rss=100.0, server_pss=90.0, kernels=7, kernels_rss=455.0, kernels_pss=300.0
    )
    # PSS grows by 46 MB per learner: (90 + 300 + 46 * learners) - (90 + 300).
    busy = Memory(
        server_rss=150.0,
        server_pss=100.0,
        kernels=7 + learners,
        kernels_rss=65.0 * (7 + learners),
        kernels_pss=290.0 + 46.0 * learners,
    )
    return LoadRun(
        learners=learners,
        results=people,
        wall=110.0,
        click_window=80.0,
        baseline=idle,
        peak=busy,
        new_kernels=learners,
        cpu=LoadCpu(
            server=15.0,
            kernels_total=30.0,
            kernels_clicks=5.0,
            actions=8 * learners,
            answers=4 * learners,
            benchmark=1.0,
        ),
        use=_use(),
        samples=[(0.0, 600.0, 7)],
        ramp=0.0 if variant == "burst" else ramp,
        variant=variant,
    )


def _results(
    *,
    tti: TimeToInteractive | None = None,
    click: ClickLatency | None = None,
    load: list[LoadRun] | None = None,
    quick: bool = False,
) -> VoilaResults:
    return VoilaResults(
        settings=Settings(quick=quick, loads=3, items=20, ramp=30.0, think=(1.0, 3.0)),
        facts={"kernen (nproc)": "2", "datum": "2026-12-05 10:00 UTC"},
        modules=MODULES,
        load_module=MODULES[1],
        tti=tti or _tti(),
        click=click or _click(),
        load=load if load is not None else [_run(10, 5.0), _run(50, 8.0)],
    )


def _verdict(text: str, target: str) -> str:
    """The bold verdict sentence of ``target`` in the section."""
    found = re.search(rf"\*\*{re.escape(target)}: ([^*]+)\.\*\*", text)
    assert found, f"geen oordeel over {target!r}"
    return found.group(1)


def test_numbers_are_written_with_a_decimal_comma() -> None:
    text = doc.section(_results())

    assert "Loadavg (1 min) 1,25 vooraf, 0,50 achteraf" in text
    assert "0,75 van de 2 kernen bezet" in text
    # No decimal point anywhere before the machine's facts (127.0.0.1 is no number).
    assert not re.search(r"(?<![\d.])\d+\.\d+(?![\d.])", text.split("De machine:")[0])


def test_the_section_names_the_command_with_its_options() -> None:
    assert "met `python -m benchmarks.voila`," in doc.section(_results())
    assert "met `python -m benchmarks.voila --quick`," in doc.section(_results(quick=True))


def test_the_tti_table_has_a_row_per_page_with_its_ratio() -> None:
    rows = table_rows(doc.section(_results()), "| pagina |")

    assert len(rows) == 5
    assert rows[0].startswith("| kale pagina, onze instellingen | 1000 | 990 - 1010 | 1,00 |")
    assert "| 0,67 (onze/stock) |" in rows[1]
    assert "| 94 (2 mislukt) |" in rows[1]
    assert "| 0,80 (t.o.v. lege cache) |" in rows[4]


def test_the_click_table_counts_the_clicks_of_each_measurement() -> None:
    rows = table_rows(doc.section(_results()), "| meting |")

    assert [row.split(" | ")[1] for row in rows] == ["4", "4", "3"]


def test_the_load_table_has_a_row_per_run() -> None:
    runs = [_run(10, 5.0), _run(50, 8.0), _run(50, 7.0, variant="burst")]
    runs.append(_run(50, 40.0, variant="nagle"))
    rows = table_rows(doc.section(_results(load=runs)), "| cursisten, binnenkomst |")

    assert [row.split(" | ")[0] for row in rows] == [
        "| 10, in 30 s",
        "| 50, in 30 s",
        "| 50, tegelijk",
        "| 50, in 30 s, zonder TCP_NODELAY (vergelijking)",
    ]
    assert "| 46 |" in rows[1]  # PSS per learner


def test_module_target_met_when_every_module_is_close_to_the_bare_page() -> None:
    text = doc.section(_results(tti=_tti(module_ms=1100.0)))

    assert _verdict(text, "module / kale pagina ≤ 1,10") == "gehaald"
    assert "(verhouding tot 1,100)." in text


def test_module_target_missed_names_the_slow_module() -> None:
    text = doc.section(_results(tti=_tti(module_ms=1200.0)))

    assert _verdict(text, "module / kale pagina ≤ 1,10") == "niet gehaald"
    assert "boven 1,10: module 5 (`05-wat-niet-helpt.ipynb`) 1,200." in text


def test_stock_target_met_and_missed() -> None:
    met = doc.section(_results())
    tti = _tti()
    tti.pages["stock-bare"] = _page("stock", "kale pagina, standaard Voila", [1200.0] * 3)
    missed = doc.section(_results(tti=tti))

    assert _verdict(met, "onze kale pagina / stock ≤ 0,7") == "gehaald"
    assert "haal je alleen als" not in met
    assert "bij cdn.example, die deze machine niet bereikt" in met
    assert _verdict(missed, "onze kale pagina / stock ≤ 0,7") == "niet gehaald"
    assert "verhouding 0,83" in missed
    assert "0,7 haal je alleen als dat nog sneller gaat" in missed


@pytest.mark.parametrize(
    ("dom_ms", "errors", "verdict"),
    [
        (9.0, 0, "gehaald"),
        (80.0, 0, "gehaald"),
        (81.0, 0, "niet gehaald"),
        (9.0, 1, "niet gehaald"),
    ],
)
def test_click_target_needs_a_fast_median_and_no_lost_clicks(
    dom_ms: float, errors: int, verdict: str
) -> None:
    text = doc.section(_results(click=_click(dom_ms, errors)))

    assert _verdict(text, "klik tot feedback p50 ≤ 80 ms") == verdict


def test_load_target_is_missed_by_one_error() -> None:
    target = "50 cursisten: p95 ≤ 300 ms, 0 fouten, ≤ 70 MB per cursist"
    met = doc.section(_results())
    missed = doc.section(_results(load=[_run(10, 5.0), _run(50, 8.0, errors=1)]))

    assert _verdict(met, target) == "gehaald"
    assert "p95 8 ms, 0 fouten, 46 MB per cursist" in met
    assert _verdict(missed, target) == "niet gehaald"
    assert "p95 8 ms, 1 fouten" in missed


def test_without_50_learners_there_is_no_load_verdict() -> None:
    text = doc.section(_results(load=[_run(5, 5.0), _run(10, 6.0)]))

    assert "50 cursisten: p95" not in text
    assert len(re.findall(r"\*\*[^*]+: (?:niet )?gehaald\.\*\*", text)) == 3


def test_the_tcp_nodelay_finding_says_what_the_setting_gains() -> None:
    gained = doc.section(_results(load=[_run(50, 8.0), _run(50, 44.0, variant="nagle")]))
    same = doc.section(_results(load=[_run(50, 8.0), _run(50, 8.0, variant="nagle")]))

    assert "De instelling scheelt op de p95 dus 36 ms." in gained
    assert "100,0 % van de klikken 30 ms of langer" in gained
    assert "scheelde de instelling dus niets op de p95" in same


def test_the_section_needs_all_three_measurements() -> None:
    with pytest.raises(ValueError, match="alle drie"):
        doc.section(_results(load=[]))


def test_the_summary_shows_what_was_measured_and_the_verdicts() -> None:
    partial = _results(load=[])
    partial.click = None
    summary = doc.summary(partial)
    full = doc.summary(_results())

    assert "| pagina |" in summary
    assert "| meting |" not in summary
    assert "NIET gehaald" not in summary and "gehaald." not in summary
    assert "klik tot feedback p50 ≤ 80 ms: gehaald." in full
