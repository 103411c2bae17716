"""The Voila benchmark's results in Dutch: the section of docs/performance.md, and the summary.

Everything here reads ``VoilaResults`` and nothing else, so that ``--from-results`` writes the
same text as the run that measured.
"""

from __future__ import annotations

import re

from benchmarks.common import comma
from benchmarks.voila.results import (
    ClassRun,
    ClickLatency,
    LoadRun,
    ModuleBytes,
    PageResult,
    PhoneResults,
    RequestNeed,
    TimeToInteractive,
    VoilaResults,
    median,
    percentile,
)

SECTION = "## Voila: eerste pagina, klik tot feedback en belasting"
TARGET_MODULE_RATIO = 1.10
TARGET_STOCK_RATIO = 0.7
TARGET_CLICK_P50 = 80.0  # ms
TARGET_LOAD_P95 = 300.0  # ms, at TARGET_LEARNERS
TARGET_LEARNERS = 50
TARGET_MB_PER_LEARNER = 70.0


def cores(facts: dict[str, str]) -> int:
    """The cores of the machine that measured."""
    return int(facts["kernen (nproc)"])


VARIANT_LABEL = {
    "": "",
    "burst": "tegelijk",
    "nagle": "zonder TCP_NODELAY (vergelijking)",
}


def per_learner_mb(run: LoadRun, key: str = "pss") -> float:
    """Growth of server + kernels from the idle server to the busiest moment, per learner."""
    before: float = getattr(run.baseline, f"server_{key}") + getattr(run.baseline, f"kernels_{key}")
    after: float = getattr(run.peak, f"server_{key}") + getattr(run.peak, f"kernels_{key}")
    return (after - before) / run.learners


def per_kernel_mb(run: LoadRun, key: str = "rss") -> float:
    total: float = getattr(run.peak, f"kernels_{key}")
    return total / max(1, run.peak.kernels)


def after_socket(page: PageResult) -> float:
    """Median ms from the open kernel websocket to the first usable control."""
    return median([x.tti - x.ws_open for x in page.loads if x.ws_open])


def _ratio_cell(key: str, page: PageResult, pages: dict[str, PageResult]) -> str:
    bare = pages["ours-bare"].tti()
    if key == "stock-bare":
        return f"{comma(bare / page.tti())} (onze/stock)"
    if key == "ours-bare":
        return "1,00"
    if key.endswith("-warm"):
        cold = pages.get(key.removesuffix("-warm"))
        if cold is None or not cold.loads:
            return ""
        return f"{comma(page.tti() / cold.tti())} (t.o.v. lege cache)"
    return comma(page.tti() / bare)


def tti_table(tti: TimeToInteractive) -> str:
    pages = tti.pages
    models = tti.models
    rows = [
        "| pagina | TTI mediaan (ms) | min - max (ms) | verhouding | websocket open (ms) "
        "| daarna tot TTI (ms) | widgetmodellen | requests | JS (KiB) | over de lijn (KiB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key, page in pages.items():
        if not page.loads:
            rows.append(f"| {page.label} | mislukt ({len(page.errors)}x) | | | | | | | | |")
            continue
        values = [x.tti for x in page.loads]
        failed = page.stat("failed")
        requests = f"{page.stat('requests'):.0f}" + (f" ({failed:.0f} mislukt)" if failed else "")
        count = models[page.name].models if page.name in models else None
        rows.append(
            f"| {page.label} | {page.tti():.0f} | {min(values):.0f} - {max(values):.0f} "
            f"| {_ratio_cell(key, page, pages)} | {page.stat('ws_open'):.0f} "
            f"| {after_socket(page):.0f} | {'' if count is None else f'{count:.0f}'} "
            f"| {requests} | {page.stat('js_bytes') / 1024:.0f} "
            f"| {page.stat('all_transfer') / 1024:.0f} |"
        )
    return "\n".join(rows)


def click_table(click: ClickLatency) -> str:
    def row(name: str, values: list[float]) -> str:
        return (
            f"| {name} | {len(values)} | {comma(median(values), 0)} "
            f"| {comma(percentile(values, 0.95), 0)} "
            f"| {comma(max(values, default=float('nan')), 0)} |"
        )

    samples = click.samples
    return "\n".join(
        [
            "| meting | klikken | mediaan (ms) | p95 (ms) | max (ms) |",
            "| --- | ---: | ---: | ---: | ---: |",
            row("klik tot feedback in de pagina", [s.dom for s in samples]),
            row("idem, tot het volgende frame", [s.frame for s in samples]),
            row(
                "*Volgende* tot de nieuwe uitspraak",
                [s.next for s in samples if s.next is not None],
            ),
        ]
    )


def run_label(run: LoadRun) -> str:
    extra = VARIANT_LABEL.get(run.variant, run.variant)
    arrive = "tegelijk" if run.ramp == 0 else f"in {comma(run.ramp, 0)} s"
    text = f"{run.learners}, {arrive}"
    return f"{text}, {extra}" if extra and extra != "tegelijk" else text


def load_table(runs: list[LoadRun]) -> str:
    rows = [
        "| cursisten, binnenkomst | klikken | p50 (ms) | p95 (ms) | max (ms) | fouten "
        "| pagina p50 / p95 (s) | kernels (met pool) | RSS per kernel (MB) | PSS per cursist (MB) "
        "| CPU-ms per klik (kernel) | loadavg voor → na |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        lat = run.latencies
        pages = run.page_seconds()
        cpu_click = run.cpu.kernels_clicks / max(1, run.cpu.actions) * 1000
        rows.append(
            f"| {run_label(run)} | {len(lat)} | {comma(percentile(lat, 0.5), 0)} "
            f"| {comma(percentile(lat, 0.95), 0)} | {comma(max(lat, default=float('nan')), 0)} "
            f"| {len(run.errors)} | {comma(percentile(pages, 0.5), 2)} / "
            f"{comma(percentile(pages, 0.95), 2)} | {run.peak.kernels:.0f} "
            f"| {comma(per_kernel_mb(run), 0)} | {comma(per_learner_mb(run), 0)} "
            f"| {comma(cpu_click, 1)} | {comma(run.use.load_before)} → "
            f"{comma(run.use.load_after)} |"
        )
    return "\n".join(rows)


SLOW_MS = 30.0  # a click this slow on an idle loopback waited for something


def slow_share(run: LoadRun) -> float:
    """The fraction of clicks that took SLOW_MS or longer."""
    return sum(x >= SLOW_MS for x in run.latencies) / max(1, len(run.latencies))


def page_cpu(run: LoadRun) -> float:
    """Kernel CPU seconds per learner before the first click: start and run the module."""
    return (run.cpu.kernels_total - run.cpu.kernels_clicks) / max(1, run.learners)


def load_cpu_lines(runs: list[LoadRun]) -> str:
    lines = []
    for run in runs:
        c = run.cpu
        lines.append(
            f"- {run_label(run)}: server {comma(c.server, 1)} CPU-s "
            f"({comma(c.server / run.learners, 2)} per cursist: pagina en websocketverkeer); "
            f"kernels {comma(c.kernels_total, 1)} CPU-s, waarvan {comma(c.kernels_clicks, 1)}"
            f" voor {c.actions:.0f} klikken; kernel starten en module draaien "
            f"{comma(page_cpu(run), 2)} CPU-s per cursist; machine gemiddeld "
            f"{comma(run.use.busy_cores, 2)} kern bezet (de benchmark zelf "
            f"{comma(c.benchmark / run.use.wall, 2)}); klikfase "
            f"{comma(run.click_window, 0)} s van {comma(run.wall, 0)} s"
        )
    return "\n".join(lines)


def _main_runs(runs: list[LoadRun]) -> list[LoadRun]:
    return [r for r in runs if not r.variant]


def verdicts(
    tti: TimeToInteractive, click: ClickLatency, runs: list[LoadRun]
) -> list[tuple[str, bool, str]]:
    """(target, met, one honest paragraph in Dutch) per target."""
    pages = tti.pages
    models = tti.models
    bare = pages["ours-bare"]
    stock = pages["stock-bare"]
    modules = {
        k: p
        for k, p in pages.items()
        if k.startswith("module-") and not k.endswith("-warm") and p.loads
    }
    out: list[tuple[str, bool, str]] = []

    def kib(page: PageResult) -> float:
        return page.stat("html_bytes") / 1024

    def js_kib(page: PageResult) -> float:
        return page.stat("js_bytes") / 1024

    ratios = {k: p.tti() / bare.tti() for k, p in modules.items()}
    if ratios:
        missed = [modules[k].label for k, r in ratios.items() if r > TARGET_MODULE_RATIO]
        met = not missed and all(not p.errors for p in modules.values())
        count = {
            p.label: float(models[p.name].models) if p.name in models else float("nan")
            for p in modules.values()
        }
        counted = [p for p in modules.values() if count[p.label] == count[p.label]]
        most = max(counted, key=lambda p: count[p.label], default=None)
        fewest = min(counted, key=lambda p: count[p.label], default=None)
        out.append(
            (
                f"module / kale pagina ≤ {comma(TARGET_MODULE_RATIO)}",
                met,
                f"De kale pagina met onze instellingen is na {comma(bare.tti(), 0)} ms bruikbaar, "
                f"de modules na {comma(min(p.tti() for p in modules.values()), 0)} tot "
                f"{comma(max(p.tti() for p in modules.values()), 0)} ms"
                + (
                    "; boven "
                    + comma(TARGET_MODULE_RATIO)
                    + ": "
                    + ", ".join(
                        f"{modules[k].label} {comma(r, 3)}"
                        for k, r in ratios.items()
                        if r > TARGET_MODULE_RATIO
                    )
                    + "."
                    if missed
                    else f" (verhouding tot {comma(max(ratios.values()), 3)})."
                )
                + f" Waar het verschil zit: tot de websocket open is (JavaScript laden en starten, "
                f"het document opbouwen) kaal {comma(bare.stat('ws_open'), 0)} ms, de modules "
                f"{comma(min(p.stat('ws_open') for p in modules.values()), 0)} tot "
                f"{comma(max(p.stat('ws_open') for p in modules.values()), 0)} ms; "
                + (
                    "de JavaScript is dezelfde, maar "
                    if all(p.stat("js_bytes") == bare.stat("js_bytes") for p in modules.values())
                    else f"JavaScript kaal {comma(js_kib(bare), 0)} KiB, de modules "
                    f"{comma(min(js_kib(p) for p in modules.values()), 0)} tot "
                    f"{comma(max(js_kib(p) for p in modules.values()), 0)} KiB; "
                )
                + f"het HTML-document is {comma(kib(bare), 0)} KiB kaal en "
                f"{comma(min(kib(p) for p in modules.values()), 0)} tot "
                f"{comma(max(kib(p) for p in modules.values()), 0)} KiB "
                f"voor een module (de tekst van de module en de plaatsen voor de widgets). Daarna, "
                f"de widgetstatus ophalen en alle widgets tekenen: kaal "
                f"{comma(after_socket(bare), 0)} ms, de modules "
                f"{comma(min(after_socket(p) for p in modules.values()), 0)} tot "
                f"{comma(max(after_socket(p) for p in modules.values()), 0)} ms"
                + (
                    f" (de meeste widgetmodellen: {most.label}, {count[most.label]:.0f}, "
                    f"{comma(after_socket(most), 0)} ms; de minste: {fewest.label}, "
                    f"{count[fewest.label]:.0f}, {comma(after_socket(fewest), 0)} ms)"
                    if most and fewest
                    else ""
                )
                + ". "
                "Welk deel van de tijd vóór de websocket door het grotere document komt, is niet "
                "apart gemeten.",
            )
        )
    if bare.loads and stock.loads:
        ratio = bare.tti() / stock.tti()
        # Each round loads both pages once, so a pair shares the machine's load at that time.
        paired = (
            [o.tti / st.tti for o, st in zip(bare.loads, stock.loads, strict=True)]
            if len(bare.loads) == len(stock.loads) and not bare.errors and not stock.errors
            else []
        )
        ours_ext, stock_ext = bare.extensions(), stock.extensions()
        more = sorted(stock_ext - ours_ext)
        out.append(
            (
                f"onze kale pagina / stock ≤ {comma(TARGET_STOCK_RATIO, 1)}",
                ratio <= TARGET_STOCK_RATIO,
                f"Onze kale pagina: {comma(bare.tti(), 0)} ms; dezelfde pagina op een standaard "
                f"Voila-server: {comma(stock.tti(), 0)} ms, verhouding {comma(ratio)}"
                + (
                    f" (per ronde, beide pagina's kort na elkaar: {comma(min(paired))} tot "
                    f"{comma(max(paired))}, mediaan {comma(median(paired))})"
                    if len(paired) > 1
                    else ""
                )
                + ". Wat "
                f"verschilt: bij stock is het HTML-document pas na "
                f"{comma(stock.stat('html'), 0)} ms binnen (Voila start dan pas een kernel en "
                f"draait het notebook), bij ons na {comma(bare.stat('html'), 0)} ms "
                f"(voorverwarmde kernel); maar de browser laadt de JavaScript al terwijl het "
                f"document binnenkomt. En onze pagina laadt {len(ours_ext)} JupyterLab-"
                f"uitbreidingen, alleen die voor widgets (`extension_allowlist` in `voila.json`): "
                f"{comma(js_kib(bare), 0)} KiB JavaScript in {bare.stat('requests'):.0f} "
                f"requests; stock laadt er {len(stock_ext)}"
                + (f", ook {', '.join(f'`{name}`' for name in more)}" if more else "")
                + f": {comma(js_kib(stock), 0)} KiB in {stock.stat('requests'):.0f} requests. Tot "
                f"de websocket open is, duurt het bij ons {comma(bare.stat('ws_open'), 0)} ms, "
                f"bij stock {comma(stock.stat('ws_open'), 0)} ms; daarna tot de knop bruikbaar is "
                f"{comma(after_socket(bare), 0)} tegen {comma(after_socket(stock), 0)} ms."
                + (
                    f" Het laden en starten van de JavaScript tot de websocket is bij ons nog "
                    f"{comma(100 * bare.stat('ws_open') / bare.tti(), 0)} % van de TTI; "
                    f"{comma(TARGET_STOCK_RATIO, 1)} haal je alleen als dat nog sneller gaat "
                    f"(minder of snellere JavaScript)."
                    if ratio > TARGET_STOCK_RATIO
                    else ""
                )
                + (
                    f" Stock vraagt per pagina {stock.stat('failed'):.0f} bestanden op bij "
                    f"{', '.join(sorted(stock.failed_hosts))}, die deze machine niet bereikt "
                    f"(Font Awesome van een CDN); ons sjabloon laat die weg."
                    if stock.stat("failed")
                    else ""
                ),
            )
        )
    dom = [s.dom for s in click.samples]
    main = _main_runs(runs)
    if dom:
        text = (
            f"In Chromium: mediaan {comma(median(dom), 0)} ms, p95 "
            f"{comma(percentile(dom, 0.95), 0)} ms over {len(dom)} klikken"
            + (f", {click.errors} zonder feedback binnen 30 s." if click.errors else ".")
        )
        if main and main[0].latencies:
            text += (
                f" Op protocolniveau, zonder browser ({main[0].learners} cursisten), is de "
                f"mediaan {comma(percentile(main[0].latencies, 0.5), 0)} ms."
            )
        out.append(
            (
                f"klik tot feedback p50 ≤ {comma(TARGET_CLICK_P50, 0)} ms",
                median(dom) <= TARGET_CLICK_P50 and not click.errors,
                text,
            )
        )
    target_run = next((r for r in main if r.learners == TARGET_LEARNERS), None)
    if target_run is not None:
        lat = target_run.latencies
        p95 = percentile(lat, 0.95)
        mb = per_learner_mb(target_run)
        ok = p95 <= TARGET_LOAD_P95 and not target_run.errors and mb <= TARGET_MB_PER_LEARNER
        out.append(
            (
                f"{TARGET_LEARNERS} cursisten: p95 ≤ {comma(TARGET_LOAD_P95, 0)} ms, 0 fouten, "
                f"≤ {comma(TARGET_MB_PER_LEARNER, 0)} MB per cursist",
                ok,
                f"p95 {comma(p95, 0)} ms, {len(target_run.errors)} fouten, {comma(mb, 0)} MB "
                f"per cursist (PSS; RSS per kernel {comma(per_kernel_mb(target_run), 0)} MB), "
                f"bij {TARGET_LEARNERS} cursisten die binnen {comma(target_run.ramp, 0)} s "
                f"binnenkomen. Een pagina (alleen het HTML-document) kwam mediaan na "
                f"{comma(percentile(target_run.page_seconds(), 0.5), 2)} s, p95 "
                f"{comma(percentile(target_run.page_seconds(), 0.95), 2)} s.",
            )
        )
    return out


def findings(tti: TimeToInteractive, runs: list[LoadRun], cores: int) -> str:
    """What the numbers say beyond the targets, and what to try; in Dutch.

    ``cores``: of the machine that measured.
    """
    pages = tti.pages
    models = tti.models
    parts: list[str] = []
    warm = [(k, p) for k, p in pages.items() if k.endswith("-warm") and p.loads]
    if warm:
        gains = []
        for key, page in warm:
            cold = pages.get(key.removesuffix("-warm"))
            if cold and cold.loads:
                gains.append(f"{cold.label} {comma(cold.tti(), 0)} → {comma(page.tti(), 0)} ms")
        parts.append(
            "- **Browsercache.** Met de JavaScript al in de cache (een tweede pagina in "
            "dezelfde browser) gaat het sneller: " + "; ".join(gains) + ". Een cursist opent "
            "tien modules na elkaar. De server laat de bestanden met een hash in hun naam een "
            "jaar in de cache (`coursekit/site/transfer.py`); Voila's eigen bestanden hebben "
            "geen hash en vraagt de browser na een tijd opnieuw na (een 304)."
        )
    if models:
        biggest = max(models, key=lambda n: models[n].models)
        smallest = min(models, key=lambda n: models[n].models)
        parts.append(
            f"- **Widgetmodellen.** Een modulepagina heeft {models[smallest].models:.0f} "
            f"(`{smallest}`) tot {models[biggest].models:.0f} (`{biggest}`) widgetmodellen "
            f"({comma(models[biggest].kib, 0)} KiB status over de websocket). Widgets die "
            f"niet verspringen delen hun `Layout` en stijl, en onderdelen die pas later nodig "
            f"zijn (het einde van een ronde, een nieuwe ronde, het opnieuw beginnen van een "
            f"gesprek) maakt de kernel pas als de cursist daar is (zie *Widgetmodellen en "
            f"kernel-CPU per module* hieronder). Elk model minder scheelt ophalen en tekenen "
            f"vóór de eerste knop."
        )
    nagle = next((r for r in runs if r.variant == "nagle"), None)
    ours = next((r for r in _main_runs(runs) if nagle and r.learners == nagle.learners), None)
    if nagle and ours:
        main_latencies = [x for r in _main_runs(runs) for x in r.latencies]
        all_slow = sum(x >= SLOW_MS for x in main_latencies) / max(1, len(main_latencies))

        def figures(run: LoadRun) -> str:
            return (
                f"{comma(100 * slow_share(run), 1)} % van de klikken {SLOW_MS:.0f} ms of "
                f"langer, p50 {comma(percentile(run.latencies, 0.5), 0)} ms, p95 "
                f"{comma(percentile(run.latencies, 0.95), 0)} ms, max "
                f"{comma(max(run.latencies, default=float('nan')), 0)} ms"
            )

        gain = percentile(nagle.latencies, 0.95) - percentile(ours.latencies, 0.95)
        helped = slow_share(nagle) > slow_share(ours) and gain > 0
        parts.append(
            f"- **`TCP_NODELAY` is nu onze instelling.** Op een klik stuurt de kernel een "
            f"handvol kleine berichten achter elkaar (twee knoppen uit, knopstijl, feedback, "
            f"*Volgende* tonen). Voila zelf zet `TCP_NODELAY` niet op de websocket, dus kan een "
            f"bericht wachten tot de client het vorige bevestigt, en Linux stelt die "
            f"bevestiging tot 40 ms uit; daarom zet `voila.py` het wel "
            f"(`coursekit.site.hooks.send_without_delay`). In deze run, met "
            f"{nagle.learners} cursisten die binnen {comma(nagle.ramp, 0)} s binnenkomen: met "
            f"onze instellingen {figures(ours)} (over alle runs met onze instellingen: "
            f"{comma(100 * all_slow, 1)} % van de klikken); ter vergelijking "
            f"dezelfde instellingen zonder `TCP_NODELAY` (een kopie van `voila.py` zonder de "
            f"aanroep, in een tijdelijke map): {figures(nagle)}. "
            + (
                f"De instelling scheelt op de p95 dus {comma(gain, 0)} ms."
                if helped
                else "In deze run scheelde de instelling dus niets op de p95; dat is anders "
                "dan eerder gemeten en het waard om uit te zoeken."
            )
            + " Achter een proxy geldt de instelling voor de verbinding van Voila naar de "
            "proxy; wat de proxy naar de browser doet, is hier niet gemeten."
        )
    burst = next((r for r in runs if r.variant == "burst"), None)
    spread = next((r for r in _main_runs(runs) if burst and r.learners == burst.learners), None)
    if burst and spread:
        per = page_cpu(burst) + burst.cpu.server / burst.learners
        parts.append(
            f"- **Een hele groep tegelijk.** Komen {burst.learners} cursisten op dezelfde "
            f'seconde binnen (een trainer zegt "open module 5"), dan krijgt alleen de eerste '
            f"een voorverwarmde kernel; voor de rest start Voila {burst.learners - 1} kernels "
            f"tegelijk, die de module allemaal tegelijk draaien en dus ook ongeveer tegelijk "
            f"klaar zijn: het HTML-document kwam mediaan na "
            f"{comma(percentile(burst.page_seconds(), 0.5), 1)} s, p95 "
            f"{comma(percentile(burst.page_seconds(), 0.95), 1)} s, fouten "
            f"{len(burst.errors)}. Per cursist kost een pagina {comma(per, 2)} CPU-s (kernel "
            f"{comma(page_cpu(burst), 2)}, server {comma(burst.cpu.server / burst.learners, 2)})"
            f"; op {cores} kernen is {comma(burst.learners * per / cores, 0)} s dus de "
            f"ondergrens, en andere processen (loadavg {comma(burst.use.load_before)} → "
            f"{comma(burst.use.load_after)}) maken het langer. Klikken bleef snel "
            f"(p95 {comma(percentile(burst.latencies, 0.95), 0)} ms). Voorstellen: de "
            f"trainer laat de groep in een paar minuten binnenkomen (met {burst.learners} in "
            f"{comma(spread.ramp, 0)} s was de p95 van een pagina "
            f"{comma(percentile(spread.page_seconds(), 0.95), 2)} s); "
            f"kernels klaarzetten voor de module waarmee een les begint (`LessonPools` in "
            f"`voila.json`, zie docs/production.md, deel 9; kost ongeveer "
            f"{comma(per_learner_mb(burst), 0)} MB per kernel, en zie *Een hele klas "
            f"tegelijk* hierboven); en meer kernen."
        )
    if not parts:
        return ""
    return "### Bevindingen en voorstellen\n\n" + "\n".join(parts) + "\n"


def section(results: VoilaResults) -> str:
    """The section of docs/performance.md; needs all three measurements."""
    tti, click, runs = results.tti, results.click, results.load
    if tti is None or click is None or not runs:
        raise ValueError("de tekst heeft alle drie de metingen nodig")
    settings, facts = results.settings, results.facts
    machine_lines = "\n".join(f"- {k}: {v}" for k, v in facts.items())
    tti_use = tti.use
    click_use = click.use
    checks = "\n\n".join(
        f"**{name}: {'gehaald' if met else 'niet gehaald'}.** {text}"
        for name, met, text in [*verdicts(tti, click, runs), *phone_verdicts(results)]
    )
    issue16 = phone_section(results)
    command = "python -m benchmarks.voila" + (" --quick" if settings.quick else "")
    ramp = next((r.ramp for r in _main_runs(runs)), settings.ramp)
    module, items, think = results.load_module, settings.items, settings.think
    pool = len(results.modules)  # a preheated kernel per notebook
    return (
        f"{SECTION}\n\n"
        f"Gemeten op {facts['datum']} met `{command}`, op servers die de benchmark zelf "
        f"start op vrije poorten van 127.0.0.1: onze instellingen (`voila.json`, `voila.py`, "
        f"sjabloon `coursekit`, één voorverwarmde kernel per notebook, alleen de "
        f"JupyterLab-uitbreidingen voor widgets, `TCP_NODELAY` op de websocket) en een "
        f"standaard Voila-server (`voila bare.ipynb`, geen `voila.json`, standaardsjabloon, "
        f"geen voorverwarmde kernel, alle geïnstalleerde uitbreidingen). De kale pagina is één "
        f'cel: `widgets.Button(description="Klik")`. Op deze gedeelde machine draaiden soms '
        f"tests van anderen; de loadavg voor en na elke meting staat erbij.\n\n"
        f"### Tijd tot de eerste bruikbare knop (TTI)\n\n"
        f"Van het begin van de navigatie tot de eerste knop *Helpt* (modules) of de knop (kale "
        f"pagina) zichtbaar en klikbaar is, in headless Chromium; mediaan van {settings.loads} "
        f"verse pagina's (elk een nieuwe browsercontext, dus een lege cache), in rondes "
        f"(elke ronde elke pagina één keer). Tussen twee pagina's sluit de benchmark de kernel "
        f"van de pagina en wacht tot de pool weer een voorverwarmde kernel heeft, zoals op een "
        f"rustige server. Loadavg (1 min) {comma(tti_use.load_before)} vooraf, "
        f"{comma(tti_use.load_after)} achteraf; de machine was gemiddeld "
        f"{comma(tti_use.busy_cores, 2)} van de 2 kernen bezet (browser en servers "
        f"meegerekend).\n\n"
        f"{tti_table(tti)}\n\n"
        f"*verhouding*: TTI gedeeld door die van de kale pagina met onze instellingen; "
        f"*websocket open*: wanneer de pagina de websocket naar haar kernel open heeft (alles "
        f"daarvoor is de browser die Voila's JavaScript laadt en start); *daarna tot TTI*: de "
        f"widgetstatus ophalen en de widgets tekenen; *widgetmodellen*: wat de frontend van de "
        f"kernel ophaalt; *requests*: alle HTTP-verzoeken (de websocket niet); *JS*: "
        f"uitgepakte JavaScript; *over de lijn*: alles wat over het netwerk ging (kleiner dan "
        f"*JS* als de server comprimeert). *Tweede bezoek*: dezelfde browsercontext heeft de "
        f"pagina (of module {int(module[:2])}) net geopend, dus de JavaScript staat in de "
        f"cache.\n\n"
        f"### Klik tot feedback in de browser\n\n"
        f"Module {int(module[:2])}: elke klik op *Helpt* of *Helpt niet* bij een nieuwe "
        f"uitspraak (herhaling, uitspraken sorteren, afsluitende toets), daarna *Volgende*; "
        f"`performance.now()` in de pagina, een MutationObserver op de feedback. Loadavg "
        f"{comma(click_use.load_before)} → {comma(click_use.load_after)}.\n\n"
        f"{click_table(click)}\n\n"
        f"### Belasting: cursisten zonder browser\n\n"
        f"Elke gesimuleerde cursist opent `{module}` (GET), opent de websocket van zijn "
        f"kernel, leest de widgetstatus zoals de ipywidgets-frontend dat doet "
        f"(`request_states`) en beantwoordt {items} uitspraken met dezelfde `comm_msg` als "
        f"een klik op een knop, met *Volgende* ertussen. De cursisten komen binnen "
        f"{comma(ramp, 0)} s binnen (of allemaal tegelijk), wachten tot iedereen zijn pagina "
        f"heeft en klikken dan met {comma(think[0], 0)} tot {comma(think[1], 0)} s "
        f"denktijd per handeling: sneller dan een echte cursist, die ook leest. Gemeten wordt "
        f"per klik de tijd tot de update van het feedbackveld binnen is. Elke run op een verse "
        f"server; *zonder TCP_NODELAY (vergelijking)* is een server met onze instellingen "
        f"behalve `send_without_delay()` in `voila.py`, om te zien wat die instelling "
        f"oplevert.\n\n"
        f"{load_table(runs)}\n\n"
        f"*pagina*: tot het HTML-document binnen is (zonder JavaScript); *kernels (met pool)*: "
        f"alle kernels van de server op het drukste moment, ook de {pool} in de pool; "
        f"*RSS per kernel*: gemiddeld geheugen van één kernel; *PSS per cursist*: de groei van "
        f"server en kernels samen, van de lege server tot het drukste moment, gedeeld door het "
        f"aantal cursisten (gedeeld geheugen eerlijk verdeeld); *CPU-ms per klik*: "
        f"processortijd van de kernels tijdens de klikfase gedeeld door alle klikken "
        f"(antwoorden en *Volgende*).\n\n"
        f"Processortijd:\n\n{load_cpu_lines(runs)}\n\n"
        + (f"{issue16}\n" if issue16 else "")
        + f"De machine:\n\n{machine_lines}\n\n"
        f"### De doelen\n\n{checks}\n\n"
        f"{findings(tti, runs, cores(facts))}"
    )


def summary(results: VoilaResults) -> str:
    """What the run prints at the end: the tables, the machine, and the targets if complete."""
    tti, click, runs = results.tti, results.click, results.load
    blocks: list[str] = []
    if tti is not None:
        blocks.append(tti_table(tti))
    if click is not None:
        blocks.append(click_table(click))
    if runs:
        blocks += [load_table(runs), load_cpu_lines(runs)]
    if results.phone is not None or results.bytes or results.classroom:
        blocks.append(phone_section(results))
        blocks += [
            f"{name}: {'gehaald' if met else 'NIET gehaald'}. {text}"
            for name, met, text in phone_verdicts(results)
        ]
    blocks.append("\n".join(f"{key}: {value}" for key, value in results.facts.items()))
    if tti is not None and click is not None and runs:
        blocks += [
            f"{name}: {'gehaald' if met else 'NIET gehaald'}. {text}"
            for name, met, text in verdicts(tti, click, runs)
        ]
        blocks.append(findings(tti, runs, cores(results.facts)))
    return "\n\n".join(blocks)


# -- Issue 16: a phone network, bytes per module, a class at once ------------------------------

TARGET_PHONE_RATIO = 0.35  # our module, first visit / stock's bare page
TARGET_PHONE_SECOND = 3.0  # s, a second module after the first
TARGET_CLASS_P95 = 2.0  # s, a pool sized for the class
CLASS_CPU_BEFORE = 0.92  # CPU-s per page, measured for issue 16
TARGET_CLASS_CPU = 0.6  # CPU-s per page, the aim with the default settings

PHONE_LABELS = {
    "stock-bare": "kale pagina, standaard Voila",
    "module-first": "module, eerste bezoek (lege cache)",
    "module-second": "volgende module, daarna (zelfde browser)",
}
CLASS_LABELS = {
    "default": "onze instellingen",
    "sized": "pool zo groot als de klas",
    "sized-late": "idem, de pool pas na 2 minuten bijvullen",
}


def kib(value: float) -> str:
    return comma(value / 1024, 0)


def mb(value: float) -> str:
    return comma(value / 1024 / 1024, 1)


def _seconds(values: list[float]) -> str:
    return comma(median(values) / 1000, 1) if values else "-"


def phone_table(phone: PhoneResults) -> str:
    rows = [
        "| pagina | tot de eerste knop (s) | min - max (s) | t.o.v. stock | HTML binnen (s) "
        "| websocket open (s) | requests (via het netwerk) | over de lijn (KiB) "
        "| uitgepakt (KiB) | websocket ontvangen (KiB) | berichten naar de kernel |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    stock = phone.tti("stock-bare")
    for key, label in PHONE_LABELS.items():
        loads = phone.loads.get(key, [])
        if not loads:
            failed = len(phone.errors.get(key, []))
            rows.append(f"| {label} | mislukt ({failed}x) | | | | | | | | | |")
            continue
        ttis = [x.tti for x in loads]
        name = phone.first_module if key == "module-first" else phone.second_module
        shown = label if key == "stock-bare" else f"{label}: `{name}`"
        rows.append(
            f"| {shown} | {_seconds(ttis)} | {comma(min(ttis) / 1000, 1)} - "
            f"{comma(max(ttis) / 1000, 1)} | {comma(median(ttis) / stock)} "
            f"| {_seconds([x.html for x in loads])} | {_seconds([x.ws_open for x in loads])} "
            f"| {median([len(x.requests) for x in loads]):.0f} "
            f"({median([x.from_network for x in loads]):.0f}) "
            f"| {kib(phone.stat(key, 'encoded'))} | {kib(phone.stat(key, 'decoded'))} "
            f"| {kib(phone.stat(key, 'ws_received'))} "
            f"| {phone.stat(key, 'ws_messages_sent'):.0f} |"
        )
    return "\n".join(rows)


FALLBACK_MESSAGES = 20  # more than this: the page asked for the widget models one by one


def state_fallback(phone: PhoneResults) -> str:
    """A sentence when a page asked its kernel for every widget model apart."""
    slow = [
        key
        for key in PHONE_LABELS
        if phone.loads.get(key) and phone.stat(key, "ws_messages_sent") > FALLBACK_MESSAGES
    ]
    if not slow:
        return ""
    named = ", ".join(PHONE_LABELS[key] for key in slow)
    return (
        f"\nDe widgetstatus kwam niet binnen 4 s ({named}): dan vraagt de widgetmanager van "
        f"ipywidgets elk model apart op (de 4 s staan vast in zijn JavaScript), met een "
        f"bericht per model heen en een antwoord terug; dat is de kolom *berichten naar de "
        f"kernel*, en meer bytes over de websocket. Hoe kleiner de status en hoe eerder hij "
        f"binnen is (minder JavaScript ervoor, compressie), hoe minder vaak dat gebeurt.\n"
    )


def short_url(url: str) -> str:
    """A request's path with long hashes cut to 12 characters (they only make it unique)."""
    return re.sub(r"([0-9a-f]{12})[0-9a-f]{8,}", r"\1…", url)


def needs_table(needs: list[RequestNeed]) -> str:
    """Every request of the module page; the ones a page can do without first."""
    rows = [
        "| request | soort | over de lijn (KiB) | uitgepakt (KiB) | werkt zonder? "
        "| fouten in de pagina | opmaak gelijk |",
        "| --- | --- | ---: | ---: | --- | ---: | --- |",
    ]
    order = sorted(needs, key=lambda n: (not n.works, n.type, -n.encoded))
    for need in order:
        verdict = "ja" if need.works else ("nee" if not need.note else f"nee ({need.note})")
        if need.note == "niet geprobeerd":
            verdict = "niet geprobeerd"
        rows.append(
            f"| `{short_url(need.url)}` | {need.type} | {comma(need.encoded / 1024, 1)} "
            f"| {comma(need.decoded / 1024, 1)} | {verdict} | {need.page_errors} "
            f"| {'ja' if need.same_layout and need.works else ('nee' if need.works else '-')} |"
        )
    return "\n".join(rows)


def needs_summary(needs: list[RequestNeed]) -> str:
    tried = [n for n in needs if n.note not in ("niet geprobeerd", "de pagina zelf")]
    spare = [n for n in tried if n.works]
    return (
        f"{len(needs)} verschillende requests; {len(tried)} één voor één geblokkeerd; zonder "
        f"{len(spare)} daarvan werkt de pagina nog ({kib(sum(n.encoded for n in spare))} KiB "
        f"over de lijn), waarvan {sum(1 for n in spare if n.same_layout)} met dezelfde opmaak."
    )


def bytes_table(per_module: list[ModuleBytes]) -> str:
    rows = [
        "| module | eerste bezoek (MB) | requests | daarna, na een andere module (KiB) "
        "| requests via het netwerk | waarvan widgets (KiB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for item in per_module:
        rows.append(
            f"| {int(item.module[:2])} (`{item.module}`) | {mb(item.first + item.ws_received)} "
            f"| {item.first_requests} | {kib(item.later + item.later_ws_received)} "
            f"| {item.later_requests} | {kib(item.later_ws_received)} |"
        )
    return "\n".join(rows)


def course_bytes(per_module: list[ModuleBytes]) -> float:
    """The whole course in one browser: the first module on an empty cache, the rest after."""
    if not per_module:
        return 0.0
    first = per_module[0].first + per_module[0].ws_received
    return first + sum(x.later + x.later_ws_received for x in per_module[1:])


def class_table(runs: list[ClassRun]) -> str:
    rows = [
        "| instelling | cursisten | voorverwarmde kernels | HTML p50 / p95 (s) "
        "| websocket p95 (s) | bruikbaar p50 / p95 / max (s) | CPU-s per pagina (kernel + server) "
        "| fouten | loadavg voor → na |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        good = [x for x in run.learners if not x.error]
        html = [x.page - x.start for x in good]
        socket = [x.socket - x.start for x in good]
        usable = run.usable()
        rows.append(
            f"| {CLASS_LABELS.get(run.label, run.label)} | {len(run.learners)} | {run.pool_size} "
            f"| {comma(percentile(html, 0.5), 1)} / {comma(percentile(html, 0.95), 1)} "
            f"| {comma(percentile(socket, 0.95), 1)} | {comma(percentile(usable, 0.5), 1)} / "
            f"{comma(percentile(usable, 0.95), 1)} / {comma(max(usable, default=float('nan')), 1)} "
            f"| {comma(run.cpu_per_page(), 2)} ({comma(run.kernel_cpu(), 2)} + "
            f"{comma(run.server_cpu / len(run.learners), 2)}) | {len(run.errors())} "
            f"| {comma(run.use.load_before)} → {comma(run.use.load_after)} |"
        )
    return "\n".join(rows)


def revalidation(phone: PhoneResults) -> str:
    """What the next module still asks over the network, when the cache is warm."""
    loads = phone.loads.get("module-second", [])
    if not loads:
        return ""
    total = median([len(x.requests) for x in loads])
    network = median([x.from_network for x in loads])
    asked = median([sum(1 for r in x.requests if r.status == 304) for x in loads])
    return (
        f"\nBij de volgende module gingen {network:.0f} van de {total:.0f} requests toch over "
        f"het netwerk, waarvan {asked:.0f} alleen om te vragen of de browser zijn kopie nog "
        f"mag gebruiken (antwoord 304). Op de telefoon kost elk request minstens een "
        f"rondreis van {comma(phone.profile.latency_ms, 0)} ms; een bestand dat lang in de "
        f"cache mag (`Cache-Control` met `max-age`), vraagt de browser niet opnieuw.\n"
    )


def refill(runs: list[ClassRun]) -> str:
    """The sized pool refilled at once against refilled later, in one sentence."""
    now = next((r for r in runs if r.label == "sized"), None)
    late = next((r for r in runs if r.label == "sized-late"), None)
    if now is None or late is None:
        return ""
    return (
        f"\nMet een pool zo groot als de klas was de p95 tot bruikbaar "
        f"{comma(percentile(now.usable(), 0.95), 1)} s als Voila de pool meteen bijvult, en "
        f"{comma(percentile(late.usable(), 0.95), 1)} s als het daar 2 minuten mee wacht; "
        f"één wachtende kernel gebruikt {comma(now.kernels_idle_rss, 0)} MB (RSS), een pool "
        f"van {now.pool_size} dus ongeveer {comma(now.pool_size * now.kernels_idle_rss / 1024, 1)}"
        f" GB.\n"
    )


def phone_verdicts(results: VoilaResults) -> list[tuple[str, bool, str]]:
    """(target, met, text) for the phone network and the class at once, as far as measured."""
    out: list[tuple[str, bool, str]] = []
    phone = results.phone
    if phone is not None:
        stock, first = phone.tti("stock-bare"), phone.tti("module-first")
        second = phone.tti("module-second")
        if phone.loads.get("stock-bare") and phone.loads.get("module-first"):
            ratio = first / stock
            out.append(
                (
                    f"telefoon: module eerste bezoek / kale pagina stock ≤ "
                    f"{comma(TARGET_PHONE_RATIO)}",
                    ratio <= TARGET_PHONE_RATIO and not phone.errors.get("module-first"),
                    f"Op het telefoonnetwerk is de eerste knop van `{phone.first_module}` na "
                    f"{comma(first / 1000, 1)} s bruikbaar, de kale pagina van standaard Voila "
                    f"na {comma(stock / 1000, 1)} s: verhouding {comma(ratio)}. Over de lijn "
                    f"{kib(phone.stat('module-first', 'encoded'))} KiB tegen "
                    f"{kib(phone.stat('stock-bare', 'encoded'))} KiB.",
                )
            )
        if phone.loads.get("module-second"):
            out.append(
                (
                    f"telefoon: volgende module ≤ {comma(TARGET_PHONE_SECOND, 0)} s",
                    second / 1000 <= TARGET_PHONE_SECOND and not phone.errors.get("module-second"),
                    f"`{phone.second_module}` na `{phone.first_module}` in dezelfde browser: "
                    f"{comma(second / 1000, 1)} s, met "
                    f"{phone.stat('module-second', 'from_network'):.0f} requests via het "
                    f"netwerk en {kib(phone.stat('module-second', 'encoded'))} KiB over de lijn.",
                )
            )
    sized = next((r for r in results.classroom if r.label == "sized"), None)
    default = next((r for r in results.classroom if r.label == "default"), None)
    if sized is not None:
        p95 = percentile(sized.usable(), 0.95)
        out.append(
            (
                f"klas, pool zo groot als de klas: p95 ≤ {comma(TARGET_CLASS_P95, 0)} s, 0 fouten",
                p95 <= TARGET_CLASS_P95 and not sized.errors(),
                f"{len(sized.learners)} cursisten openen `{sized.module}` binnen "
                f"{comma(results.settings.class_spread, 1)} s, met {sized.pool_size} "
                f"voorverwarmde kernels: p95 {comma(p95, 1)} s tot de widgets bruikbaar zijn, "
                f"{len(sized.errors())} fouten. Eén voorverwarmde kernel gebruikt "
                f"{comma(sized.kernels_idle_rss, 0)} MB (RSS).",
            )
        )
    if default is not None:
        cpu = default.cpu_per_page()
        out.append(
            (
                f"klas, onze instellingen: CPU-s per pagina ≤ {comma(TARGET_CLASS_CPU, 1)} "
                f"(was {comma(CLASS_CPU_BEFORE)}), 0 fouten",
                cpu <= TARGET_CLASS_CPU and not default.errors(),
                f"p95 {comma(percentile(default.usable(), 0.95), 1)} s tot de widgets "
                f"bruikbaar zijn; {comma(cpu, 2)} CPU-s per pagina (kernel "
                f"{comma(default.kernel_cpu(), 2)}, server "
                f"{comma(default.server_cpu / len(default.learners), 2)}), "
                f"{len(default.errors())} fouten.",
            )
        )
    return out


def phone_section(results: VoilaResults) -> str:
    """The subsections of issue 16, for what was measured (empty when nothing was)."""
    parts: list[str] = []
    phone = results.phone
    if phone is not None:
        p = phone.profile
        parts.append(
            f"### Op een telefoonnetwerk\n\n"
            f"Headless Chromium met de netwerk- en processoremulatie van de DevTools "
            f"(`Network.emulateNetworkConditions`: {comma(p.latency_ms, 0)} ms vertraging, "
            f"{comma(p.down_kbit / 1000, 1)} Mbit/s naar beneden, {comma(p.up_kbit, 0)} kbit/s "
            f"naar boven; `Emulation.setCPUThrottlingRate` {comma(p.cpu_slowdown, 0)}), een "
            f"scherm van 375 px breed. Tijd van het begin van de navigatie tot de eerste "
            f"vraagknop zichtbaar en klikbaar is; mediaan van {len(phone.loads['stock-bare'])} "
            f"rondes. De volgende module opent in dezelfde pagina (zoals de link onderaan), "
            f"dus met wat de browser al in de cache heeft. Loadavg "
            f"{comma(phone.use.load_before)} → {comma(phone.use.load_after)}.\n\n"
            f"{phone_table(phone)}\n"
            f"{revalidation(phone)}"
            f"{state_fallback(phone)}"
        )
        if phone.needs:
            parts.append(
                f"#### Welke requests heeft `{phone.first_module}` nodig?\n\n"
                f"Elk request van de pagina één keer geblokkeerd, in een verse browser zonder "
                f"emulatie: wordt de eerste vraagknop nog bruikbaar, komen er fouten in de "
                f"pagina, en blijven de knop en de pagina even groot? {needs_summary(phone.needs)}"
                f"\n\n{needs_table(phone.needs)}\n"
            )
    if results.bytes:
        parts.append(
            f"### Hoeveel data kost een module?\n\n"
            f"Voor wie met een telefoonabonnement met een databundel werkt. *Eerste bezoek*: "
            f"een browser die de cursus nog nooit heeft geopend. *Daarna*: de module na een "
            f"andere module in dezelfde browser. Alles wat over het netwerk gaat, ook de "
            f"widgets via de websocket (die zijn uitgepakt geteld; met compressie is het "
            f"minder). De hele cursus in één browser, module na module: ongeveer "
            f"{mb(course_bytes(results.bytes))} MB.\n\n{bytes_table(results.bytes)}\n"
        )
    if results.classroom:
        size = len(results.classroom[0].learners)
        parts.append(
            f"### Een hele klas tegelijk\n\n"
            f"{size} cursisten openen dezelfde module (`{results.classroom[0].module}`) binnen "
            f"{comma(results.settings.class_spread, 1)} s, zonder browser: elke cursist met "
            f"eigen cookies haalt de pagina op, opent de websocket van zijn kernel en vraagt "
            f"de widgetstatus op zoals de ipywidgets-frontend. *Bruikbaar*: de widgetstatus "
            f"met de vraagknoppen is binnen. *CPU-s per pagina*: de kernel (starten en de "
            f"module draaien, ook als dat al vóór de klas kwam gebeurde, in de pool) plus het "
            f"deel van de Voila-server vanaf het eerste verzoek tot de laatste pagina "
            f"bruikbaar was (ook het bijvullen van de pool). Elke run op een verse server; "
            f"*pool zo groot als de klas* wacht tot de pool vol is. Voila vult de pool meteen "
            f"weer aan als een pagina een kernel neemt, dus start het {size} nieuwe kernels "
            f"terwijl de klas binnenkomt; *de pool pas na 2 minuten bijvullen* "
            f"(`VoilaKernelManager.fill_delay`) laat zien wat dat de klas kost.\n\n"
            f"{class_table(results.classroom)}\n"
            f"{refill(results.classroom)}"
        )
    return "\n".join(parts)
