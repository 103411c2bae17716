"""One whole run: the servers, the browser and the load test; returns ``VoilaResults``.

Servers run on free loopback ports with Jupyter in a temporary HOME and are stopped, with
the kernels they started, at the end.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, comma, load1, say
from benchmarks.common import machine as common_machine
from benchmarks.voila.classroom import class_at_once
from benchmarks.voila.click import click_latency
from benchmarks.voila.load import LoadPlan, load_test
from benchmarks.voila.page_load import Target, time_to_interactive, widget_models
from benchmarks.voila.phone import module_bytes, phone_network, request_needs
from benchmarks.voila.protocol import HELPFUL
from benchmarks.voila.results import (
    ClassRun,
    ClickLatency,
    LoadRun,
    ModuleBytes,
    PhoneProfile,
    PhoneResults,
    Settings,
    TimeToInteractive,
    VoilaResults,
    median,
    percentile,
)
from benchmarks.voila.servers import Server, bare_notebook, wait_until_quiet, without_nodelay
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.support.jupyter import isolated_jupyter

MODULES = sorted(p.name for p in (ROOT / "modules").glob("*.ipynb"))
LOAD_MODULE = "06-wat-niet-helpt.ipynb"
# On the phone: the first module with a lesson, then the next one (as a volunteer follows the
# link at the end of the page).
PHONE_FIRST = "01-wat-is-stalking.ipynb"
PHONE_SECOND = "02-wat-het-met-je-naaste-doet.ipynb"
BROWSER_PARTS = {"tti", "click", "phone", "bytes"}


def machine() -> dict[str, str]:
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True)
    packages = {name: version(name) for name in ("voila", "ipywidgets", "ipykernel")}
    return common_machine({**packages, "Chromium": chromium.stdout.strip() or "?"})


def targets_for(servers: dict[str, Server]) -> list[Target]:
    ours, stock, modules = servers["ours-bare"], servers["stock-bare"], servers["modules"]
    bare_url = f"{ours.url}/voila/render/bare.ipynb"
    module_url = f"{modules.url}/voila/render/{{}}"
    targets = [
        Target("ours-bare", "kaal", "kale pagina, onze instellingen", ours, bare_url, None),
        Target("stock-bare", "stock", "kale pagina, standaard Voila", stock, f"{stock.url}/", None),
    ]
    targets += [
        Target(
            f"module-{name[:2]}",
            name,
            f"module {int(name[:2])} (`{name}`)",
            modules,
            module_url.format(name),
            HELPFUL,
        )
        for name in MODULES
    ]
    targets += [
        Target(
            "ours-bare-warm",
            "kaal-warm",
            "kale pagina, onze instellingen, tweede bezoek",
            ours,
            bare_url,
            None,
            before=bare_url,
        ),
        Target(
            "module-04-warm",
            "04-warm",
            "module 4 na module 6 (tweede bezoek)",
            modules,
            module_url.format("04-zo-help-je.ipynb"),
            HELPFUL,
            before=module_url.format(LOAD_MODULE),
        ),
    ]
    return targets


def load_plans(settings: Settings) -> list[LoadPlan]:
    plans = [LoadPlan(n, settings.ramp) for n in settings.learners]
    if settings.burst:
        plans.append(LoadPlan(settings.burst, 0.0, "burst"))
    if settings.nagle:
        plans.append(LoadPlan(settings.nagle, settings.ramp, "nagle"))
    return plans


def measure(settings: Settings) -> VoilaResults:
    """Every measurement ``settings`` does not skip, on this machine, now."""
    skip = set(settings.skip)
    if not Path(CHROMIUM).exists() and not skip >= BROWSER_PARTS:
        raise SystemExit(f"{CHROMIUM} ontbreekt: installeer Debian's chromium (zie README)")
    facts = machine()
    facts["belasting vooraf (loadavg 1 min)"] = comma(load1())
    saved = dict(os.environ)
    tti: TimeToInteractive | None = None
    click: ClickLatency | None = None
    runs: list[LoadRun] = []
    phone: PhoneResults | None = None
    per_module: list[ModuleBytes] = []
    classroom: list[ClassRun] = []
    with tempfile.TemporaryDirectory(prefix="coursekit-voila-bench-") as tmp:
        scratch = Path(tmp)
        (scratch / "home").mkdir()
        isolated_jupyter(scratch / "home")
        ours = scratch / "ours"
        stock = scratch / "stock"
        bare_notebook(ours / "bare")
        shutil.copy(ROOT / "voila.json", ours / "voila.json")
        shutil.copy(ROOT / "voila.py", ours / "voila.py")
        bare_notebook(stock)
        nagle_dir = scratch / "nagle"
        nagle_dir.mkdir()
        (nagle_dir / "modules").symlink_to(ROOT / "modules")
        shutil.copy(ROOT / "voila.json", nagle_dir / "voila.json")
        (nagle_dir / "voila.py").write_text(
            without_nodelay((ROOT / "voila.py").read_text(encoding="utf-8")), encoding="utf-8"
        )
        extra = list(settings.server_args)

        def modules_server(name: str, without_tcp_nodelay: bool = False) -> Server:
            # `make serve`'s command, with the repository's voila.json and voila.py (for the
            # baseline: the copy of voila.py without send_without_delay()).
            # Every simulated learner comes from 127.0.0.1: lift the cap per client, which
            # would otherwise refuse the 41st.
            cwd = nagle_dir if without_tcp_nodelay else ROOT
            one_address = "--PageKernels.max_kernels_per_client=100000"
            return Server(name, ["modules", one_address, *extra], cwd, scratch / f"{name}.log")

        try:
            if not skip >= BROWSER_PARTS:
                from playwright.sync_api import sync_playwright

                say("servers starten: onze kale pagina, stock, de modules")
                servers = {
                    "ours-bare": Server(
                        "ours-bare", ["bare", *extra], ours, scratch / "ours-bare.log"
                    ),
                    "stock-bare": Server(
                        "stock-bare", ["bare.ipynb"], stock, scratch / "stock-bare.log"
                    ),
                    "modules": modules_server("modules"),
                }
                try:
                    with sync_playwright() as playwright:
                        browser = playwright.chromium.launch(
                            executable_path=CHROMIUM, args=CHROMIUM_ARGS
                        )
                        try:
                            if "tti" not in skip:
                                for server in servers.values():
                                    server.settle()
                                wait_until_quiet(settings.quiet_wait)
                                say(f"TTI: {settings.loads} verse pagina's per pagina")
                                tti = time_to_interactive(
                                    browser, targets_for(servers), settings.loads
                                )
                                say("widgetmodellen per module tellen")
                                tti.models = widget_models(servers["modules"], MODULES)
                            if "click" not in skip:
                                wait_until_quiet(settings.quiet_wait)
                                say(f"klik tot feedback: {settings.clicks} klikken in module 6")
                                click = click_latency(
                                    browser, servers["modules"], LOAD_MODULE, settings.clicks
                                )
                                dom = [s.dom for s in click.samples]
                                say(
                                    f"  mediaan {median(dom):.0f} ms, p95 "
                                    f"{percentile(dom, 0.95):.0f} ms, fouten {click.errors}"
                                )
                            if "phone" not in skip:
                                for server in servers.values():
                                    server.settle()
                                wait_until_quiet(settings.quiet_wait)
                                say(
                                    f"telefoonnetwerk: {settings.phone_loads} rondes (stock, "
                                    f"{PHONE_FIRST[:2]} en daarna {PHONE_SECOND[:2]})"
                                )
                                phone = phone_network(
                                    browser,
                                    servers["stock-bare"],
                                    servers["modules"],
                                    PHONE_FIRST,
                                    PHONE_SECOND,
                                    settings.phone_loads,
                                    PhoneProfile(),
                                )
                                if settings.needs != "none":
                                    say(f"welke requests {PHONE_FIRST} nodig heeft")
                                    phone.needs = request_needs(
                                        browser, servers["modules"], PHONE_FIRST, settings.needs
                                    )
                            if "bytes" not in skip:
                                wait_until_quiet(settings.quiet_wait)
                                say("bytes per module, eerste en later bezoek")
                                per_module = module_bytes(browser, servers["modules"], MODULES)
                        finally:
                            browser.close()
                finally:
                    for server in servers.values():
                        server.stop()
            if "load" not in skip:
                runs = load_test(
                    modules_server,
                    LOAD_MODULE,
                    load_plans(settings),
                    settings.items,
                    settings.think,
                    settings.timeout,
                    settings.quiet_wait,
                )
            if "class" not in skip:

                def class_server(
                    name: str, args: Sequence[str], sections: dict[str, Any]
                ) -> Server:
                    # Our settings as they are, the per-client cap included: every learner
                    # has cookies of its own but all come from 127.0.0.1, as a class behind
                    # one school address does (the cap counts per address). With ``sections``:
                    # in a folder of its own with a copy of voila.json that has them.
                    cwd = ROOT
                    if sections:
                        cwd = scratch / name
                        cwd.mkdir()
                        (cwd / "modules").symlink_to(ROOT / "modules")
                        shutil.copy(ROOT / "voila.py", cwd / "voila.py")
                        config = json.loads((ROOT / "voila.json").read_text(encoding="utf-8"))
                        for section, values in sections.items():
                            config.setdefault(section, {}).update(values)
                        (cwd / "voila.json").write_text(json.dumps(config, indent=2), "utf-8")
                    return Server(name, ["modules", *extra, *args], cwd, scratch / f"{name}.log")

                classroom = class_at_once(
                    class_server,
                    LOAD_MODULE,
                    len(MODULES),
                    settings.class_size,
                    settings.class_spread,
                    max(settings.timeout, 120.0),
                    settings.quiet_wait,
                )
        finally:
            os.environ.clear()
            os.environ.update(saved)

    facts["belasting achteraf (loadavg 1 min)"] = comma(load1())
    return VoilaResults(
        settings=settings,
        facts=facts,
        modules=list(MODULES),
        load_module=LOAD_MODULE,
        tti=tti,
        click=click,
        load=runs,
        phone=phone,
        bytes=per_module,
        classroom=classroom,
    )
