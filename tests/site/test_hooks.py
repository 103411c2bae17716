"""The Python half of the Voila settings (voila.py, coursekit.site.hooks)."""

from __future__ import annotations

import subprocess
import sys

import jinja2

from coursekit.content.facts import facts
from coursekit.quality.templates import TEMPLATES
from coursekit.site.hooks import error_page, page_config
from coursekit.text import learner
from tests.support.course import ROOT

PROBE = """
import tornado.web
from traitlets.config import Config
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

plain = VoilaKernelWebsocketHandler.open
plain_clear = tornado.web.RequestHandler.clear
config = Config()
namespace = {"get_config": lambda: config}
source = open("voila.py", encoding="utf-8").read()
exec(compile(source, "voila.py", "exec"), namespace)
exec(compile(source, "voila.py", "exec"), namespace)
wrapped = VoilaKernelWebsocketHandler.open
assert wrapped is not plain, "voila.py wraps the websocket's open"
assert wrapped.__closure__[0].cell_contents is plain, "loading voila.py twice wraps once"
clear = tornado.web.RequestHandler.clear
assert clear is not plain_clear, "voila.py makes the server private"
cells = [cell.cell_contents for cell in clear.__closure__]
assert any(cell is plain_clear for cell in cells), "and does it once"
print(config.VoilaConfiguration.page_config_hook.__name__)
"""


def test_voila_py_sets_the_page_hook_and_turns_nagle_off_and_privacy_on_once() -> None:
    result = subprocess.run(
        # -I: without it, Python finds the repository's voila.py as the `voila` package.
        [sys.executable, "-I", "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "page_config"


def test_a_server_error_is_the_dutch_page_with_the_help_lines_and_no_detail() -> None:
    """No request makes this server fail on purpose, so the 500 page is rendered here."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True)
    page = error_page(500, "/services/cursus/", env)
    assert learner.ERROR_SERVER_TITLE in page and learner.ERROR_SERVER in page
    assert all(line.number in page for line in facts().help_bar_lines())
    assert "Snel weg" in page and 'data-forget="/services/cursus/coursekit/forget"' in page
    assert learner.ERROR_NOT_FOUND_TITLE not in page


def test_the_pages_name_no_voila_version() -> None:
    assert "appVersion" not in page_config({"appVersion": "0.5.13", "baseUrl": "/"})
