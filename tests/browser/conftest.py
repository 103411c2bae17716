"""A real Voila server on loopback, started as `make serve` starts it, and Debian's Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import nbformat
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


PAGES = {
    "sort": 'sort("N", seed=1, confidence=True)',
    "true_or_false": "true_or_false(seed=1, size=2)",
    "numbers": "numbers()",
    "scenario": 'scenario("sc-sam-aanstellen")',
    "conversation": 'conversation("appje-van-lisa")',
    "reflection": 'reflection("refl-goed-bedoeld")',
    "recap": "recap(5, size=3, seed=2)",
    "mastery": "mastery(5, size=2, seed=3)",
}


@pytest.fixture(scope="session")
def types_url(jupyter_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One page per question type (PAGES), on a Voila server of their own with the course's
    voila.json and voila.py (its Content-Security-Policy too), as ``voila_url``.
    test_question_types.py and test_answer_semantics.py share it."""
    site = tmp_path_factory.mktemp("types")
    shutil.copy(ROOT / "voila.json", site)
    shutil.copy(ROOT / "voila.py", site)
    (site / "pages").mkdir()
    for name, call in PAGES.items():
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nb.metadata["title"] = name
        nb.cells = [
            nbformat.v4.new_code_cell(f"from coursekit import {call.split('(')[0]}"),
            nbformat.v4.new_code_cell(call),
        ]
        nbformat.write(nb, site / "pages" / f"{name}.ipynb")
    cap = "--PageKernels.max_kernels_per_client=1000"
    yield from serve("pages", site, jupyter_home / "voila-types.log", [cap])
