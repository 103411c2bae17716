"""The Python half of the Voila settings (voila.py, coursekit.site.hooks)."""

from __future__ import annotations

import subprocess
import sys

from tests.support.course import ROOT

PROBE = """
from traitlets.config import Config
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

plain = VoilaKernelWebsocketHandler.open
config = Config()
namespace = {"get_config": lambda: config}
source = open("voila.py", encoding="utf-8").read()
exec(compile(source, "voila.py", "exec"), namespace)
exec(compile(source, "voila.py", "exec"), namespace)
wrapped = VoilaKernelWebsocketHandler.open
assert wrapped is not plain, "voila.py wraps the websocket's open"
assert wrapped.__closure__[0].cell_contents is plain, "loading voila.py twice wraps once"
print(config.VoilaConfiguration.page_config_hook.__name__)
"""


def test_voila_py_sets_the_page_hook_and_turns_nagle_off_once() -> None:
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
