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


# -- 4. A phone network (Chromium's network and CPU emulation) --------------------------------


@dataclass
class PhoneProfile:
    """The emulated phone: Lighthouse's slow 4G, as issue 16 gives it."""

    latency_ms: float = 150.0
    down_kbit: float = 1600.0
    up_kbit: float = 750.0
    cpu_slowdown: float = 4.0


@dataclass
class Request:
    """One request of a page, from Chromium's DevTools protocol (CDP Network events)."""

    url: str  # path and query, without the server's address
    type: str  # CDP's resource type: Document, Script, Stylesheet, Font, Image, Fetch, ...
    status: int = 0
    encoded: int = 0  # bytes over the wire, headers included (0 when from the cache)
    decoded: int = 0  # bytes of the body after decompression
    cached: bool = False  # served from the browser's memory or disk cache
    failed: bool = False


@dataclass
class PhoneLoad:
    """One page on the emulated phone; times in ms since navigation start."""

    tti: float  # first quiz button ("Helpt"; the button on a bare page) visible and enabled
    html: float  # the HTML document is in
    ws_open: float  # the kernel websocket is open (0: never)
    requests: list[Request] = field(default_factory=list)
    ws_received: int = 0  # websocket payload bytes received (as the page sees them)
    ws_sent: int = 0
    ws_messages_sent: int = 0  # messages the page sent its kernel

    @property
    def encoded(self) -> int:
        return sum(r.encoded for r in self.requests)

    @property
    def decoded(self) -> int:
        return sum(r.decoded for r in self.requests)

    @property
    def from_network(self) -> int:
        """Requests that went over the network (not from the cache)."""
        return sum(1 for r in self.requests if not r.cached)


@dataclass
class RequestNeed:
    """Whether a module page still works when one of its requests is blocked."""

    url: str
    type: str
    encoded: int
    decoded: int
    works: bool  # the first quiz button became usable without it
    page_errors: int = 0  # uncaught errors in the page
    same_layout: bool = True  # the button and the page kept their size
    note: str = ""


@dataclass
class PhoneResults:
    """Stock's bare page, our module first visit and a second module after it."""

    profile: PhoneProfile
    loads: dict[str, list[PhoneLoad]]  # "stock-bare", "module-first", "module-second"
    first_module: str
    second_module: str
    use: MachineUse
    needs: list[RequestNeed] = field(default_factory=list)  # the module page's requests

    errors: dict[str, list[str]] = field(default_factory=dict)

    def tti(self, key: str) -> float:
        return median([x.tti for x in self.loads.get(key, [])])

    def stat(self, key: str, name: str) -> float:
        return median([float(getattr(x, name)) for x in self.loads.get(key, [])])


@dataclass
class ModuleBytes:
    """What one module costs over the network (no emulation: bytes do not depend on speed)."""

    module: str
    first: int  # bytes over the wire, empty cache
    first_requests: int
    later: int  # bytes over the wire after another module in the same browser
    later_requests: int  # requests that went over the network
    ws_received: int  # websocket payload (the widget state and updates), first visit
    later_ws_received: int = 0


# -- 5. A class at once ----------------------------------------------------------------------


@dataclass
class ClassLearner:
    """One learner of a class that opens the same module at once; seconds since the start."""

    number: int
    start: float = 0.0
    page: float = float("nan")  # the HTML document is in
    socket: float = float("nan")  # the kernel websocket is open
    usable: float = float("nan")  # the widget state is in, with the quiz buttons
    kernel_id: str = ""
    kernel_cpu: float = 0.0  # CPU-s of the learner's kernel when usable (start and run)
    error: str = ""


@dataclass
class ClassRun:
    """One class at once on a fresh server."""

    label: str  # "default" or "sized"
    module: str
    pool_size: int  # preheated kernels for the module before the class came
    learners: list[ClassLearner]
    server_cpu: float  # of the Voila process, from the first request to the last usable page
    kernels_idle_rss: float  # MB per pool kernel before the class came
    wall: float
    use: MachineUse
    server_args: list[str] = field(default_factory=list)

    def usable(self) -> list[float]:
        return [x.usable - x.start for x in self.learners if not x.error]

    def errors(self) -> list[str]:
        return [x.error for x in self.learners if x.error]

    def cpu_per_page(self) -> float:
        """Kernel CPU-s when usable, plus the server's CPU-s, per learner."""
        good = [x for x in self.learners if not x.error]
        if not good:
            return float("nan")
        return sum(x.kernel_cpu for x in good) / len(good) + self.server_cpu / len(self.learners)

    def kernel_cpu(self) -> float:
        good = [x.kernel_cpu for x in self.learners if not x.error]
        return sum(good) / len(good) if good else float("nan")


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
    phone_loads: int = 3
    needs: str = "all"  # which requests of a module page to block one by one: all, other, none
    class_size: int = 30
    class_spread: float = 1.0  # s in which the class arrives


@dataclass
class VoilaResults:
    settings: Settings
    facts: dict[str, str]  # the machine, for the docs
    modules: list[str]  # the module notebooks (each has a preheated kernel in the pool)
    load_module: str  # the module of the click and load tests
    tti: TimeToInteractive | None = None  # None when skipped
    click: ClickLatency | None = None
    load: list[LoadRun] = field(default_factory=list)
    phone: PhoneResults | None = None
    bytes: list[ModuleBytes] = field(default_factory=list)
    classroom: list[ClassRun] = field(default_factory=list)

    def complete(self) -> bool:
        """All measurements are there (the docs need them all)."""
        return (
            self.tti is not None
            and self.click is not None
            and bool(self.load)
            and self.phone is not None
            and bool(self.bytes)
            and bool(self.classroom)
        )
