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
import requests
from playwright.sync_api import Browser, Locator, Page, expect

from coursekit.text import learner
from tests.browser.conftest import PAGES
from tests.support.course import ROOT
from tests.support.servers import free_port, run_server

pytestmark = pytest.mark.browser
EXERCISE = "wat-niet-helpt"
VOLUNTEER_LABCONFIG = ROOT / "deploy" / "jupyterhub" / "volunteer" / "labconfig"
NOTEBOOK_TRACKER = "@jupyterlab/notebook-extension:tracker"


class Lab:
    """A JupyterLab server on loopback, and the notebook pages of its folder."""

    def __init__(self, url: str, token: str, work: Path) -> None:
        self.url, self.token, self.work = url, token, work

    def page_url(self, path: str) -> str:
        return f"{self.url}/lab/tree/{path}?token={self.token}&reset"

    def start_session(self, path: str) -> None:
        """Start the notebook's session with the python3 kernel, before any page asks for one.

        JupyterLab opens a notebook on the session that already exists for its path, so the
        page never has to choose a kernel itself: on a fresh install, with the kernel specs
        still loading on a busy machine, it would otherwise ask with a dialog.
        """
        body = {"path": path, "type": "notebook", "name": path, "kernel": {"name": "python3"}}
        session = requests.post(
            f"{self.url}/api/sessions",
            json=body,
            headers={"Authorization": f"token {self.token}"},
            timeout=120,
        )
        session.raise_for_status()
        assert session.json()["kernel"]["name"] == "python3"


@pytest.fixture(scope="module")
def lab(jupyter_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    work = tmp_path_factory.mktemp("lab")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    names = sorted({call.split("(")[0] for call in PAGES.values()})
    # One cell shows every type: one execution to wait for, one output area to search.
    source = "\n".join(
        [
            "from IPython.display import display",
            f"from coursekit import {', '.join(names)}",
            *(f"display({call})" for call in PAGES.values()),
        ]
    )
    nb.cells = [nbformat.v4.new_code_cell(source)]
    nbformat.write(nb, work / "alle-vraagtypes.ipynb")
    shutil.copytree(ROOT / "exercises" / EXERCISE, work / EXERCISE)
    # The volunteers' own setting (deploy/jupyterhub/volunteer): a notebook starts its
    # preferred kernel instead of asking with the "Select Kernel" dialog. And every cell
    # stays in the page: by default JupyterLab leaves cells out of view unrendered, so what
    # a test finds would depend on how far a busy machine had scrolled.
    overrides = json.loads((VOLUNTEER_LABCONFIG / "default_setting_overrides.json").read_text())
    tracker = {**overrides[NOTEBOOK_TRACKER], "windowingMode": "none"}
    labconfig = jupyter_home / ".jupyter" / "labconfig"
    labconfig.mkdir(parents=True, exist_ok=True)
    (labconfig / "default_setting_overrides.json").write_text(
        json.dumps({NOTEBOOK_TRACKER: tracker})
    )
    port = free_port()
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
        yield Lab(url, token, work)


def _select(page: Page, cell: Locator) -> None:
    """Make ``cell`` the active cell. While a busy page still lays itself out (nbgrader
    marks its read-only cells after the notebook opens), a click can land on the cell
    before: click again until the cell itself says it is active."""
    for _ in range(20):
        cell.locator(".jp-InputArea-editor").click()
        if re.search(r"\bjp-mod-active\b", cell.get_attribute("class") or ""):
            return
    pytest.fail("the cell never became the active cell")


def _open_and_run(browser: Browser, lab: Lab, path: str, cells: int | None = None) -> Page:
    """Open a notebook on its running kernel and run its first ``cells`` code cells (all by
    default), one by one.

    Each cell runs when the one before it has finished (its prompt shows a number), so a
    busy machine only makes this slower; a cell that fails stops the test with its output.
    """
    lab.start_session(path)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(lab.page_url(path))
    expect(page.locator(".jp-Notebook")).to_be_visible(timeout=90_000)
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_have_count(
        1, timeout=90_000
    )
    expect(page.locator(".jp-Dialog")).to_have_count(0)
    code_cells = page.locator(".jp-Notebook .jp-CodeCell")
    for index in range(cells or code_cells.count()):
        cell = code_cells.nth(index)
        _select(page, cell)
        page.keyboard.press("Shift+Enter")
        expect(cell.locator(".jp-InputArea-prompt")).to_have_text(
            re.compile(r"\[\d+\]"), timeout=120_000
        )
        errors = cell.locator("[data-mime-type='application/vnd.jupyter.stderr']")
        if errors.count():
            pytest.fail(f"cell {index + 1} of {path} failed: {errors.first.inner_text()}")
    return page


def test_every_practice_type_renders_and_answers_in_jupyterlab(browser: Browser, lab: Lab) -> None:
    page = _open_and_run(browser, lab, "alle-vraagtypes.ipynb")
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
    sort.get_by_role("button", name=learner.LABEL_HELPFUL, exact=True).click()
    expect(
        sort.get_by_text(learner.CORRECT).or_(sort.get_by_text(learner.INCORRECT)).first
    ).to_be_visible()
    page.close()


def test_a_click_in_a_graded_exercise_is_saved_for_nbgrader(browser: Browser, lab: Lab) -> None:
    # The first code cell shows the questions; the checks after it fail until answered.
    page = _open_and_run(browser, lab, f"{EXERCISE}/{EXERCISE}.ipynb", cells=1)
    graded = page.locator(".coursekit-graded")
    expect(graded).to_be_visible(timeout=60_000)
    graded.get_by_role("button", name=learner.LABEL_HARMFUL, exact=True).first.click()
    expect(
        graded.get_by_text(learner.GRADED_SAVED.format(answered=1, total=8)).first
    ).to_be_visible()
    saved = json.loads(
        (lab.work / EXERCISE / f"{EXERCISE}.antwoorden.json").read_text(encoding="utf-8")
    )
    assert saved["answers"] == {"z1": "harmful"}
    page.close()
