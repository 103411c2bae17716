"""Kernels ready for a lesson, on a real server (coursekit.site.lesson_pools).

The server runs with the repository's voila.py and a copy of voila.json that adds a lesson,
as a trainer would write it; the schedule itself is tested in tests/site/test_lesson_pools.py.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support.course import BIN, ROOT
from tests.support.kernel_socket import get, kernel_id
from tests.support.servers import serve

pytestmark = pytest.mark.browser

FIRST = "01-wat-is-stalking.ipynb"


def _settings(folder: Path, lessons: list[dict[str, object]], refill_delay: float = 120) -> Path:
    """voila.py and voila.json of the course, with ``lessons``, in ``folder``."""
    folder.mkdir()
    shutil.copy(ROOT / "voila.py", folder / "voila.py")
    config = json.loads((ROOT / "voila.json").read_text(encoding="utf-8"))
    config["LessonPools"] = {
        "lessons": lessons,
        "check_interval": 1,
        "refill_delay": refill_delay,
    }
    (folder / "voila.json").write_text(json.dumps(config), encoding="utf-8")
    return folder


def _visit(page: str) -> str:
    response = get(page)  # gives up after 120 s
    assert response.status == 200, response.status
    return kernel_id(response.body)


def test_a_lesson_fills_its_module_pool_and_serves_a_class_larger_than_it(
    tmp_path: Path,
) -> None:
    """Three kernels ready; four visitors at once. The three take the ready kernels, whose
    replacements wait (refill_delay: 10 minutes here), and the fourth gets a kernel of its
    own at once instead of waiting for a replacement to start."""
    now = dt.datetime.now()
    lesson = {
        "module": "wat-is-stalking",
        "kernels": 3,
        "from": (now - dt.timedelta(hours=1)).strftime("%H:%M"),
        "until": (now + dt.timedelta(hours=2)).strftime("%H:%M"),
    }
    folder = _settings(tmp_path / "les", [lesson], refill_delay=600)
    log = tmp_path / "voila-les.log"
    for url in serve(str(ROOT / "modules"), folder, log):
        filled = f"Kernel pool of {FIRST} is filled with 3 kernel(s)"
        deadline = time.monotonic() + 180
        while filled not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.3)
        text = log.read_text()
        assert filled in text, text[-3000:]
        assert f"Lesson: {FIRST} with 3 kernels ready from {lesson['from']}" in text
        assert "Kernel pool of 03-jouw-rol.ipynb is filled with 1 kernel(s)" in text

        page = f"{url}/voila/render/{FIRST}"
        with ThreadPoolExecutor(max_workers=4) as visitors:
            kernels = set(visitors.map(_visit, [page] * 4))
        assert len(kernels) == 4
        text = log.read_text()
        assert text.count(f"A page took a kernel of the {FIRST} lesson") == 3, text[-3000:]
        assert "its replacement starts in 600 s" in text


def test_a_bad_lesson_stops_the_server_with_a_sentence_that_names_it(tmp_path: Path) -> None:
    folder = _settings(tmp_path / "fout", [{"module": "module-1", "kernels": 30}])
    result = subprocess.run(
        [str(BIN / "voila"), str(ROOT / "modules"), "--port=0"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr[-2000:]
    assert (
        'The course cannot start: LessonPools.lessons, lesson 1: there is no module "module-1"'
        in result.stderr
    )
