"""The service refuses to start with one sentence when the hub did not set it up.

Its answers are tested through a real hub (tests/hub/test_progress.py).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from coursekit.text import trainer

HUB_ENV = {
    "COURSEKIT_GRADEBOOK_URL": "postgresql+psycopg://niemand@/bestaat-niet?host=/nergens",
    "JUPYTERHUB_SERVICE_URL": "http://127.0.0.1:9",
    "JUPYTERHUB_SERVICE_PREFIX": "/services/voortgang/",
    "COURSEKIT_TRAINER_GROUP": "formgrade-steun-bij-stalking",
    "JUPYTERHUB_API_TOKEN": "geheim",
}


def _start(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "COURSEKIT_"))}
    return subprocess.run(
        [sys.executable, "-m", "coursekit.hub_progress"],
        env={**keep, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("missing", sorted(HUB_ENV))
def test_a_missing_setting_is_named(missing: str) -> None:
    result = _start({k: v for k, v in HUB_ENV.items() if k != missing})
    assert result.returncode == 1
    assert result.stderr.strip() == trainer.PROGRESS_MISSING_SETTING.format(name=missing)


@pytest.mark.parametrize("url", ["http://0.0.0.0:9997", "http://10.0.0.5:9997", "http://127.0.0.1"])
def test_it_listens_on_loopback_only(url: str) -> None:
    result = _start({**HUB_ENV, "JUPYTERHUB_SERVICE_URL": url})
    assert result.returncode == 1
    assert result.stderr.strip() == trainer.PROGRESS_NOT_LOOPBACK.format(
        loopback="127.0.0.1", url=url
    )
