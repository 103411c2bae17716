"""``python -m benchmarks.voila.models``: what a module page costs its kernel, before and after.

For every module notebook, in a real kernel (the course's own, ``coursekit.site.kernel``,
as Voila starts it) executed by nbclient: the widget models the page creates, by model name
(``LayoutModel``, ``HTMLModel``, ...), the size of their state (what the page receives), and
the kernel's CPU seconds: to start, to run the first cell (the imports), and to run the
whole notebook. The same is measured, in the same run and interleaved with it, for a
baseline: the ``coursekit`` folder of another commit (``--baseline``, default ``main``),
unpacked in a temporary folder and put first on the kernel's ``PYTHONPATH``. Medians of
``--runs`` runs. Also the import time of the first cell's ``from coursekit import ...``
(``python -X importtime``), for both.

It measures the kernel only; the page benchmark (``python -m benchmarks.voila``) measures
pages in a browser.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from benchmarks.common import ROOT, comma, cpu_seconds, load1, machine, say
from benchmarks.performance_doc import DOCS, shown, write_section
from coursekit.site.kernel import CourseKernelSpecs

MODULES = ROOT / "modules"
HEADING = "## Widgetmodellen en kernel-CPU per module"
MARK = "COURSEKIT-MODELS "

START_CELL = "import os as _ck_os\n_ck_start = sum(_ck_os.times()[:2])"
AFTER_FIRST_CELL = "_ck_first = sum(_ck_os.times()[:2])"
END_CELL = f"""\
import collections as _ck_c, json as _ck_json
from ipywidgets.widgets.widget import _instances as _ck_widgets
_ck_end = sum(_ck_os.times()[:2])
_ck_states = [w.get_state() for w in _ck_widgets.values()]
print({MARK!r} + _ck_json.dumps({{
    "start": _ck_start, "first": _ck_first, "end": _ck_end,
    "state_bytes": len(_ck_json.dumps(_ck_states, default=str)),
    "models": _ck_c.Counter(w._model_name for w in _ck_widgets.values()),
}}))
"""


@dataclass
class Run:
    """One execution of one notebook in a fresh kernel."""

    models: dict[str, int]
    state_bytes: int
    start_cpu: float  # kernel start-up, before the first cell
    first_cpu: float  # the first cell: the imports
    notebook_cpu: float  # every cell of the notebook
    kernel_cpu: float  # the kernel process in all, from /proc, after the notebook


@dataclass
class Measured:
    """Every run of one module for one code version."""

    runs: list[Run] = field(default_factory=list)

    def median(self, name: str) -> float:
        return float(statistics.median(getattr(run, name) for run in self.runs))

    @property
    def models(self) -> dict[str, int]:
        return self.runs[-1].models

    @property
    def total_models(self) -> int:
        return sum(self.models.values())


def notebooks() -> list[Path]:
    return sorted(MODULES.glob("[0-9][0-9]-*.ipynb"))


def instrumented(path: Path) -> nbformat.NotebookNode:
    """The notebook with three cells added: CPU before, CPU after the first code cell, count."""
    nb: nbformat.NotebookNode = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    cells = list(nb.cells)
    first = next(i for i, cell in enumerate(cells) if cell.cell_type == "code")
    new = nbformat.v4.new_code_cell
    cells.insert(first + 1, new(AFTER_FIRST_CELL))  # type: ignore[no-untyped-call]
    cells.insert(first, new(START_CELL))  # type: ignore[no-untyped-call]
    cells.append(new(END_CELL))  # type: ignore[no-untyped-call]
    nb.cells = cells
    return nb


def execute(path: Path, pythonpath: str | None) -> Run:
    """Run one module notebook in a fresh course kernel and read what it created."""
    nb = instrumented(path)
    km = KernelManager(
        kernel_name="python3",
        kernel_spec_manager=CourseKernelSpecs(),
        # As voila.json: Unix sockets, here under an absolute path (the kernel runs in modules/).
        transport="ipc",
        ip=tempfile.mktemp(prefix="coursekit-kernel-"),
    )
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    else:
        env.pop("PYTHONPATH", None)
    client = NotebookClient(nb, km=km, timeout=120, resources={"metadata": {"path": str(MODULES)}})
    kernel_cpu = 0.0
    try:
        client.execute(env=env, cwd=str(MODULES), reset_kc=False)
        pid = km.provisioner.pid if km.provisioner else None  # type: ignore[attr-defined]
        if pid:
            kernel_cpu = cpu_seconds(int(pid))
    finally:
        if client.kc is not None:
            client.kc.stop_channels()
        km.shutdown_kernel(now=True)
    texts = [
        out.get("text", "")
        for out in nb.cells[-1].get("outputs", [])
        if out.get("output_type") == "stream"
    ]
    line = next(t for t in "".join(texts).splitlines() if t.startswith(MARK))
    data = json.loads(line[len(MARK) :])
    return Run(
        models=dict(data["models"]),
        state_bytes=int(data["state_bytes"]),
        start_cpu=data["start"],
        first_cpu=data["first"] - data["start"],
        notebook_cpu=data["end"] - data["start"],
        kernel_cpu=kernel_cpu,
    )


def unpack(ref: str, into: Path) -> Path:
    """The ``coursekit`` folder of ``ref``, unpacked in ``into``: a PYTHONPATH entry."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref, "coursekit"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def first_import(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return next("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")


def import_ms(statement: str, pythonpath: str | None) -> tuple[float, list[str]]:
    """Ms of ``statement`` on top of what the kernel has already imported (ipykernel), with
    -X importtime, and the five heaviest top-level modules it brings."""
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    else:
        env.pop("PYTHONPATH", None)
    code = "\n".join(
        [
            "import ipykernel.kernelapp, ipykernel.ipkernel, sys",
            "print('---', file=sys.stderr)",
            statement,
        ]
    )
    err = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        cwd=MODULES,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stderr
    after = err.split("---\n", 1)[1]
    rows = [
        (int(m.group(2)), m.group(3))
        for m in re.finditer(r"import time:\s+(\d+) \|\s+(\d+) \|( *\S+)", after)
    ]
    top = [(us, name.strip()) for us, name in rows if not name.startswith("  ")]
    heaviest = [f"{name} {us / 1000:.0f}" for us, name in sorted(top, reverse=True)[:5]]
    return sum(us for us, _ in top) / 1000, heaviest


def imports_median(
    statement: str, versions: dict[str, str | None], runs: int
) -> dict[str, tuple[float, list[str]]]:
    """Per version: the median ms of ``runs`` imports, taken in turns, and the heaviest."""
    found: dict[str, list[tuple[float, list[str]]]] = {v: [] for v in versions}
    for _ in range(runs):
        for version, pythonpath in versions.items():
            found[version].append(import_ms(statement, pythonpath))
    return {v: (statistics.median(ms for ms, _ in rows), rows[-1][1]) for v, rows in found.items()}


def table(results: dict[str, dict[str, Measured]], names: Sequence[str]) -> str:
    """Per module: models, LayoutModels, styles, state KiB and CPU-s, baseline → now."""
    head = (
        "| module | modellen | LayoutModel | stijlmodellen | status KiB "
        "| starten CPU-s | eerste cel CPU-s | notebook CPU-s | kernel samen CPU-s |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    )
    lines = [head]
    for name in names:
        before, now = results["baseline"][name], results["now"][name]

        def styles(m: Measured) -> int:
            return sum(n for k, n in m.models.items() if k.endswith("StyleModel"))

        def pair(b: float, n: float, digits: int = 2) -> str:
            return f"{comma(b, digits)} → {comma(n, digits)}"

        lines.append(
            f"| {name[:2]} | {before.total_models} → {now.total_models} "
            f"| {before.models.get('LayoutModel', 0)} → {now.models.get('LayoutModel', 0)} "
            f"| {styles(before)} → {styles(now)} "
            f"| {pair(before.median('state_bytes') / 1024, now.median('state_bytes') / 1024, 0)} "
            f"| {pair(before.median('start_cpu'), now.median('start_cpu'))} "
            f"| {pair(before.median('first_cpu'), now.median('first_cpu'))} "
            f"| {pair(before.median('notebook_cpu'), now.median('notebook_cpu'))} "
            f"| {pair(before.median('kernel_cpu'), now.median('kernel_cpu'))} |"
        )
    return "\n".join(lines)


def by_model(results: dict[str, dict[str, Measured]], name: str) -> str:
    before, now = results["baseline"][name].models, results["now"][name].models
    kinds = sorted(set(before) | set(now), key=lambda k: -before.get(k, 0))
    return "\n".join(f"  {k}: {before.get(k, 0)} → {now.get(k, 0)}" for k in kinds)


def section(
    results: dict[str, dict[str, Measured]],
    names: Sequence[str],
    imports: dict[str, tuple[float, list[str]]],
    args: argparse.Namespace,
    load_before: float,
) -> str:
    """The Dutch section of docs/performance.md, from one run."""
    current = args.current or "deze werkmap"
    facts = machine(
        {},
        {"loadavg voor en na": f"{comma(load_before)} en {comma(load1())}"},
    )
    before_ms, _ = imports["baseline"]
    now_ms, heaviest = imports["now"]
    total = {v: [results[v][n].median("kernel_cpu") for n in names] for v in results}
    return "\n".join(
        [
            HEADING,
            "",
            f"Gemeten met `python -m benchmarks.voila.models --runs {args.runs}`: elk "
            "modulenotebook in de kernel van de cursus (nbclient), de basis "
            f"(`{args.baseline}`) en nu ({current}) om en om in één run; medianen. *Modellen*: "
            "de widgetmodellen die de kernel maakt en de pagina krijgt; *status*: hun status "
            "als JSON; *CPU-s*: processortijd van de kernel (starten, de eerste cel met de "
            "imports, het hele notebook, en alles samen). De server van Voila telt hier niet "
            "mee; die meet `python -m benchmarks.voila`.",
            "",
            table(results, names),
            "",
            f"Kernel-CPU per pagina over de gemeten modules: mediaan "
            f"{comma(statistics.median(total['baseline']))} → "
            f"{comma(statistics.median(total['now']))} CPU-s.",
            "",
            f"De eerste cel importeert (na ipykernel, `python -X importtime`): "
            f"{before_ms:.0f} → {now_ms:.0f} ms; het zwaarst nu: {', '.join(heaviest)} (ms).",
            "",
            "De machine:",
            "",
            *[f"- {key}: {value}" for key, value in facts.items()],
            "",
        ]
    )


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.voila.models",
        description="widgetmodellen en kernel-CPU per module, nu en in een basisversie",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per module en versie")
    parser.add_argument(
        "--baseline", default="main", help="git-commit of -tak om mee te vergelijken"
    )
    parser.add_argument(
        "--current", default=None, help="git-commit in plaats van deze map (standaard: deze map)"
    )
    parser.add_argument("--modules", nargs="*", default=None, help="bijvoorbeeld 04 01")
    parser.add_argument("--save-results", type=Path, default=None, help="uitkomst als JSON")
    parser.add_argument(
        "--write-docs",
        type=Path,
        nargs="?",
        const=DOCS,
        default=None,
        help="de sectie in docs/performance.md (of in dit bestand) schrijven",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    paths = [p for p in notebooks() if not args.modules or p.name[:2] in args.modules]
    names = [p.name for p in paths]
    load_before = load1()
    with tempfile.TemporaryDirectory(prefix="coursekit-models-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        from tests.support.jupyter import isolated_jupyter

        isolated_jupyter(home)
        baseline = str(unpack(args.baseline, Path(tmp) / "baseline"))
        now = str(unpack(args.current, Path(tmp) / "now")) if args.current else None
        versions = {"baseline": baseline, "now": now}
        results: dict[str, dict[str, Measured]] = {
            v: {n: Measured() for n in names} for v in versions
        }
        for run in range(args.runs):
            for path in paths:
                for version, pythonpath in versions.items():
                    say(f"run {run + 1}/{args.runs} {path.name} {version}")
                    results[version][path.name].runs.append(execute(path, pythonpath))
        imports = imports_median(first_import(paths[0]), versions, max(args.runs, 5))
    current = args.current or "this tree"
    print(f"\nBaseline: {args.baseline}; now: {current}. Medians of {args.runs} runs.\n")
    print(table(results, names))
    for name in names:
        print(f"\n{name}:\n{by_model(results, name)}")
    for version, (ms, heaviest) in imports.items():
        print(f"\nimport ({version}): {ms:.0f} ms after ipykernel; heaviest: {', '.join(heaviest)}")
    if args.write_docs:
        write_section(HEADING, section(results, names, imports, args, load_before), args.write_docs)
        say(f"{shown(args.write_docs)} bijgewerkt")
    if args.save_results:
        args.save_results.write_text(
            json.dumps(
                {
                    v: {n: [run.__dict__ for run in m.runs] for n, m in per.items()}
                    for v, per in results.items()
                },
                indent=1,
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
