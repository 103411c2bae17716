"""The Voila servers the benchmark starts, and waiting until the machine is quiet."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

import nbformat

from benchmarks.common import TICK, busy_jiffies, comma, cpu_seconds, load1, say, stat_fields

BIN = Path(sys.executable).parent
BARE_SOURCE = 'import ipywidgets as widgets\n\nwidgets.Button(description="Klik")'


def kernels_of(server_pid: int) -> dict[str, int]:
    """kernel id -> pid of every kernel the server ``server_pid`` has started."""
    found: dict[str, int] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        fields = stat_fields(int(proc.name))
        if not fields or int(fields[1]) != server_pid:
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        match = re.search(r"kernel-([0-9a-f-]{36})\.json", cmdline)
        if ("ipykernel" in cmdline or "coursekit.site.kernel" in cmdline) and match:
            found[match.group(1)] = int(proc.name)
    return found


def wait_until_quiet(max_wait: float, threshold: float = 0.6) -> float:
    """Wait (at most ``max_wait`` s) until other processes use less than ``threshold`` cores.

    Returns how many cores were busy in the last 5-second window.
    """
    deadline = time.monotonic() + max_wait
    while True:
        busy = busy_jiffies()
        time.sleep(5)
        cores = (busy_jiffies() - busy) / TICK / 5
        if cores < threshold or time.monotonic() >= deadline:
            return cores
        say(f"  de machine is bezet ({comma(cores, 1)} kernen, loadavg {comma(load1())}): wachten")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A Voila server on a free loopback port; ``stop`` ends it and the kernels it started."""

    def __init__(self, name: str, args: Sequence[str], cwd: Path, log: Path) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log
        self._log = log.open("w")
        self.process = subprocess.Popen(
            [str(BIN / "voila"), *args, f"--port={self.port}", "--no-browser"],
            cwd=cwd,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(self.url + "/voila/static/voila.js", timeout=5).close()
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise SystemExit(f"{name}: voila start niet:\n{log.read_text()}") from None
                time.sleep(0.3)

    @property
    def pid(self) -> int:
        return self.process.pid

    def kernels(self) -> dict[str, int]:
        return kernels_of(self.pid)

    def own_cpu(self) -> float:
        """CPU seconds of the server and its living kernels."""
        return cpu_seconds(self.pid) + sum(cpu_seconds(p) for p in self.kernels().values())

    def settle(self, timeout: float = 90.0) -> None:
        """Wait until the server and its kernels are idle (a refilled pool has rendered)."""
        deadline = time.monotonic() + timeout
        last = self.own_cpu()
        quiet = 0
        while time.monotonic() < deadline:
            time.sleep(0.5)
            now = self.own_cpu()
            quiet = quiet + 1 if now - last < 0.03 else 0
            last = now
            if quiet >= 2:
                return

    def shutdown_kernel(self, kernel_id: str) -> None:
        """Shut a page's kernel down through the API (a closed tab does not, voila#1458)."""
        jar = urllib.request.HTTPCookieProcessor()
        opener = urllib.request.build_opener(jar)
        try:
            opener.open(self.url + "/", timeout=10).close()  # the tree page sets _xsrf
            token = next((c.value for c in jar.cookiejar if c.name == "_xsrf"), None) or ""
            request = urllib.request.Request(
                f"{self.url}/api/kernels/{kernel_id}",
                method="DELETE",
                headers={"X-XSRFToken": token},
            )
            opener.open(request, timeout=30).close()
        except (OSError, urllib.error.HTTPError):
            pass  # a single-notebook server has no tree page; its kernels stay until stop

    def stop(self) -> None:
        kernels = list(self.kernels().values())
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for pid in kernels:  # only kernels this server started, by pid
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self._log.close()


def bare_notebook(folder: Path) -> Path:
    """A notebook with one ipywidgets Button: the bare page."""
    folder.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.v4.new_notebook()  # type: ignore[no-untyped-call]
    notebook.cells = [nbformat.v4.new_code_cell(BARE_SOURCE)]  # type: ignore[no-untyped-call]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = folder / "bare.ipynb"
    nbformat.write(notebook, path)  # type: ignore[no-untyped-call]
    return path


def without_nodelay(voila_py: str) -> str:
    """The repository's voila.py without its ``send_without_delay()`` call: the baseline.

    Stops the benchmark if the call is not there exactly once, so that the baseline can never
    silently be our own setting.
    """
    baseline, found = re.subn(r"^send_without_delay\(\)[ \t]*\n", "", voila_py, flags=re.MULTILINE)
    if found != 1 or re.search(r"^[^#\n]*send_without_delay\(", baseline, re.MULTILINE):
        raise SystemExit(
            f"voila.py roept send_without_delay() {found} keer aan (verwacht: 1 keer, "
            "op een eigen regel); de vergelijking zonder TCP_NODELAY kan zo niet"
        )
    return baseline
