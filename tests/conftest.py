"""Shared fixtures. Every test runs Jupyter in temporary folders, never the user's own.

The helpers behind them live in ``tests/support``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.support.course import copy_course
from tests.support.jupyter import isolated_jupyter


@pytest.fixture(scope="session", autouse=True)
def jupyter_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A temporary HOME with Jupyter's config, data and runtime folders inside it."""
    home = tmp_path_factory.mktemp("home")
    saved = dict(os.environ)
    isolated_jupyter(home)
    yield home
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A fresh temporary copy of the course directory."""
    return copy_course(tmp_path / "course")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, one for the whole session (Playwright allows one per thread)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see README)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def overview_group(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A course with anna (finished), bram (halfway, a reflection to grade and a hand-in not
    collected) and carla (never started): built once for the overview's command and pages.
    Tests that write to it (a confirmation, a certificate) work on a copy."""
    from tests.support.overview_group import build_overview_group

    return build_overview_group(tmp_path_factory.mktemp("overzicht"))
