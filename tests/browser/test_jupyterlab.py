"""The same widgets in JupyterLab, where trainers author and volunteers do graded work."""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import Browser, Page, expect

from coursekit import strings
from tests.browser.conftest import _free_port, run_server
from tests.browser.test_question_types import PAGES
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
EXERCISE = "wat-niet-helpt"


@pytest.fixture(scope="module")
def lab(jupyter_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    work = tmp_path_factory.mktemp("lab")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    names = sorted({call.split("(")[0] for call in PAGES.values()})
    nb.cells = [nbformat.v4.new_code_cell(f"from coursekit import {', '.join(names)}")]
    nb.cells += [nbformat.v4.new_code_cell(call) for call in PAGES.values()]
    nbformat.write(nb, work / "alle-vraagtypes.ipynb")
    shutil.copytree(ROOT / "exercises" / EXERCISE, work / EXERCISE)
    port = _free_port()
    token = "coursekit-test"
    command = [
        str(Path(sys.executable).parent / "jupyter"),
        "lab",
        "--no-browser",
        "--allow-root",
        f"--port={port}",
        "--ip=127.0.0.1",
        f"--ServerApp.root_dir={work}",
        f"--IdentityProvider.token={token}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    url = f"http://127.0.0.1:{port}"
    ready = f"{url}/api/status?token={token}"
    for _ in run_server(command, work, jupyter_home / "lab.log", ready):
        yield f"{url}/lab/tree/{{path}}?token={token}&reset", work


def _run_all(page: Page) -> None:
    expect(page.locator(".jp-Notebook")).to_be_visible(timeout=90_000)
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_have_count(
        1, timeout=90_000
    )
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).click()


def test_every_practice_type_renders_and_answers_in_jupyterlab(
    browser: Browser, lab: tuple[str, Path]
) -> None:
    url, _work = lab
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url.format(path="alle-vraagtypes.ipynb"))
    _run_all(page)
    for css in (
        ".coursekit-statementsort",
        ".coursekit-truefalse",
        ".coursekit-numbermatch",
        ".coursekit-scenariochoice",
        ".coursekit-conversation",
        ".coursekit-reflection",
        ".coursekit-mastery",
    ):
        expect(page.locator(css).first).to_be_attached(timeout=60_000)
    sort = page.locator(".coursekit-statementsort").first
    sort.scroll_into_view_if_needed()
    sort.get_by_role("button", name=strings.LABEL_HELPFUL, exact=True).click()
    expect(
        sort.get_by_text(strings.CORRECT).or_(sort.get_by_text(strings.INCORRECT))
    ).to_be_visible()
    page.close()


def test_a_click_in_a_graded_exercise_is_saved_for_nbgrader(
    browser: Browser, lab: tuple[str, Path]
) -> None:
    url, work = lab
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url.format(path=f"{EXERCISE}/{EXERCISE}.ipynb"))
    _run_all(page)
    graded = page.locator(".coursekit-graded")
    expect(graded).to_be_visible(timeout=60_000)
    graded.get_by_role("button", name=strings.LABEL_HARMFUL, exact=True).first.click()
    expect(graded.get_by_text(strings.GRADED_SAVED.format(answered=1, total=8))).to_be_visible()
    saved = json.loads(
        (work / EXERCISE / f"{EXERCISE}.antwoorden.json").read_text(encoding="utf-8")
    )
    assert saved["answers"] == {"z1": "harmful"}
    page.close()
