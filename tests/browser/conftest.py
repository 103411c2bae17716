"""A real Voila server on loopback, started as `make serve` starts it, and Debian's Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.course import ROOT
from tests.support.servers import serve

# Widgets arrive over the kernel websocket; give a busy machine time before failing.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def voila_url(jupyter_home: Path) -> Iterator[str]:
    """`make serve`'s command (voila modules, settings from voila.json) on a free port.

    One change: the test session is one client (127.0.0.1) that opens a few hundred pages,
    and a closed page's kernel lives until it is culled (5 minutes idle), so voila.json's
    cap of 40 kernels per client would answer "Het is nu druk" halfway through the browser
    tests. test_voila_abuse.py tests the cap on servers of its own.
    """
    cap = "--PageKernels.max_kernels_per_client=1000"
    yield from serve("modules", ROOT, jupyter_home / "voila.log", [cap])
