"""What the Voila benchmark measured: plain data, saved as JSON, read by ``doc.py``."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from benchmarks.common import MachineUse


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (p95 of 20 values is the 19th)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


# -- 1. Time to interactive ----------------------------------------------------------------


@dataclass
class PageLoad:
    """One fresh page load in Chromium; times in ms since navigation start."""

    tti: float  # first "Helpt" (module) or the button (bare) usable
    first_button: float  # first button of any kind usable
    requests: int  # HTTP requests the browser made (document included)
    failed: int  # of which failed (e.g. a CDN that cannot be reached)
    js_files: int
    js_bytes: int  # decoded
    js_transfer: int  # over the wire
    all_transfer: int
    dcl: float
    load: float
    html: float  # until the whole HTML document was in
    html_bytes: int  # the HTML document, decoded
    ws_open: float  # until the kernel websocket was open
    extensions: frozenset[str] = frozenset()  # the JupyterLab extensions the page loaded
    failed_urls: tuple[str, ...] = ()


@dataclass
class PageResult:
    """Every load of one page (a module, the bare page, ...)."""

    name: str
    label: str  # how the docs call it
    loads: list[PageLoad] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed_hosts: set[str] = field(default_factory=set)

    def tti(self) -> float:
        return median([x.tti for x in self.loads])

    def stat(self, key: str) -> float:
        return median([getattr(x, key) for x in self.loads])

    def extensions(self) -> set[str]:
        return {name for x in self.loads for name in x.extensions}


@dataclass
class WidgetModels:
    """The widget models of a fresh module page, as the frontend fetches them."""

    models: int
    widgets: int  # without layouts and styles
    kib: float  # their state, as JSON


@dataclass
class TimeToInteractive:
    """Per page key ("ours-bare", "stock-bare", "module-05", "module-04-warm", ...)."""

    pages: dict[str, PageResult]
    use: MachineUse
    models: dict[str, WidgetModels] = field(default_factory=dict)  # per module notebook


# -- 2. Click to feedback in the browser -----------------------------------------------------


@dataclass
class ClickSample:
    """One answer click; ms."""

    dom: float  # until the feedback text is in the page
    frame: float  # until the next frame after that
    next: float | None = None  # "Volgende" until the feedback is cleared (not after the last)


@dataclass
class ClickLatency:
    samples: list[ClickSample]
    errors: int  # clicks without feedback within 30 s
    pages: int
    use: MachineUse


# -- 3. The load test -----------------------------------------------------------------------


@dataclass
class Learner:
    """One simulated learner of a load run."""

    number: int
    page_seconds: float = float("nan")
    ready_at: float = float("nan")
    kernel_id: str = ""
    kernel_cpu_ready: float = 0.0
    latencies: list[float] = field(default_factory=list)  # ms, answer click -> feedback
    next_latencies: list[float] = field(default_factory=list)  # ms, "Volgende" -> cleared
    actions: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class Memory:
    """The server and its kernels at one moment; MB."""

    server_rss: float
    server_pss: float
    kernels: int
    kernels_rss: float
    kernels_pss: float


@dataclass
class LoadCpu:
    """CPU seconds during a load run."""

    server: float
    kernels_total: float
    kernels_clicks: float  # of the kernels, after their learner was ready
    actions: int  # answers and "Volgende"
    answers: int
    benchmark: float  # the benchmark's own process


@dataclass
class LoadRun:
    learners: int
    results: list[Learner]
    wall: float
    click_window: float
    baseline: Memory  # the idle server
    peak: Memory  # everyone has a page and has clicked for a while
    new_kernels: int
    cpu: LoadCpu
    use: MachineUse
    samples: list[tuple[float, float, int]]  # (time, total RSS of server and kernels, kernels)
    ramp: float = 0.0
    variant: str = ""  # "" (our settings, arrivals over the ramp), "burst" or "nagle"

    @property
    def latencies(self) -> list[float]:
        return [x for r in self.results for x in r.latencies]

    @property
    def errors(self) -> list[str]:
        return [e for r in self.results for e in r.errors]

    def page_seconds(self) -> list[float]:
        return [r.page_seconds for r in self.results if r.page_seconds == r.page_seconds]


# -- The whole run ----------------------------------------------------------------------------


@dataclass
class Settings:
    """The options the run measured with (after ``--quick``)."""

    quick: bool = False
    loads: int = 10
    clicks: int = 20
    learners: list[int] = field(default_factory=lambda: [10, 25, 50])
    burst: int = 50
    nagle: int = 50
    items: int = 20
    ramp: float = 30.0
    think: tuple[float, float] = (1.0, 3.0)
    timeout: float = 30.0
    quiet_wait: float = 120.0
    skip: list[str] = field(default_factory=list)
    server_args: list[str] = field(default_factory=list)


@dataclass
class VoilaResults:
    settings: Settings
    facts: dict[str, str]  # the machine, for the docs
    modules: list[str]  # the module notebooks (each has a preheated kernel in the pool)
    load_module: str  # the module of the click and load tests
    tti: TimeToInteractive | None = None  # None when skipped
    click: ClickLatency | None = None
    load: list[LoadRun] = field(default_factory=list)

    def complete(self) -> bool:
        """All three measurements are there (the docs need them all)."""
        return self.tti is not None and self.click is not None and bool(self.load)
