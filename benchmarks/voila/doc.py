"""The Voila benchmark's results in Dutch: the section of docs/performance.md, and the summary.

Everything here reads ``VoilaResults`` and nothing else, so that ``--from-results`` writes the
same text as the run that measured.
"""

from __future__ import annotations

from benchmarks.common import comma
from benchmarks.voila.results import (
    ClickLatency,
    LoadRun,
    PageResult,
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
            "zeven modules na elkaar; de proxy moet de statische bestanden dus laten cachen "
            "(`Cache-Control` in `docs/production.md`)."
        )
    if models:
        biggest = max(models, key=lambda n: models[n].models)
        smallest = min(models, key=lambda n: models[n].models)
        parts.append(
            f"- **Widgetmodellen.** Een modulepagina heeft {models[smallest].models:.0f} "
            f"(`{smallest}`) tot {models[biggest].models:.0f} (`{biggest}`) widgetmodellen "
            f"({comma(models[biggest].kib, 0)} KiB status over de websocket). Ongeveer een "
            f"derde is een `LayoutModel`: elke widget krijgt een eigen `Layout`, ook als die "
            f"nooit verandert. Voorstel: widgets die niet verspringen een gedeelde `Layout` geven, "
            f"en onderdelen die pas later nodig zijn (een volgende ronde van `mastery`/`review`, "
            f"de uitleg van een gesprek) pas maken als de cursist daar is. Elk model minder "
            f"scheelt ophalen en tekenen vóór de eerste knop."
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
            f"een grotere pool voor de module waarmee een les begint (`kernel_pools_config` "
            f'per notebook, bijvoorbeeld `"00-welkom.ipynb": {{"pool_size": 10}}`, kost '
            f"ongeveer {comma(per_learner_mb(burst), 0)} MB per kernel); en meer kernen."
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
        for name, met, text in verdicts(tti, click, runs)
    )
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
        f"uitgepakte JavaScript; *over de lijn*: alles wat over het netwerk ging (Voila "
        f"comprimeert niets). *Tweede bezoek*: dezelfde browsercontext heeft de pagina (of "
        f"module 5) net geopend, dus de JavaScript staat in de cache.\n\n"
        f"### Klik tot feedback in de browser\n\n"
        f"Module 5: elke klik op *Helpt* of *Helpt niet* bij een nieuwe uitspraak (herhaling, "
        f"uitspraken sorteren, afsluitende toets), daarna *Volgende*; `performance.now()` in de "
        f"pagina, een MutationObserver op de feedback. Loadavg "
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
        f"De machine:\n\n{machine_lines}\n\n"
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
    blocks.append("\n".join(f"{key}: {value}" for key, value in results.facts.items()))
    if tti is not None and click is not None and runs:
        blocks += [
            f"{name}: {'gehaald' if met else 'NIET gehaald'}. {text}"
            for name, met, text in verdicts(tti, click, runs)
        ]
        blocks.append(findings(tti, runs, cores(results.facts)))
    return "\n\n".join(blocks)
