"""coursekit.hub_login: failed logins refused for a while, per name and per address.

The hub test (tests/hub/test_hub_cycle.py) proves it on the real login form.
"""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace
from typing import Any

import pytest
from jupyterhub.auth import Authenticator
from tornado import web

from coursekit.hub_login import throttled
from coursekit.text import trainer

PASSWORD = "juist"


class _OnePassword(Authenticator):  # type: ignore[misc]
    async def authenticate(self, handler: Any, data: dict[str, str]) -> str | None:
        return data["username"] if data["password"] == PASSWORD else None


def _authenticator(**settings: float) -> Any:
    authenticator = throttled(_OnePassword)(**settings)
    authenticator.log = logging.getLogger("login-test")
    return authenticator


def _try(authenticator: Any, name: str, password: str, address: str = "10.0.0.1") -> Any:
    handler = SimpleNamespace(request=SimpleNamespace(remote_ip=address))
    data = {"username": name, "password": password}
    # In a thread of its own: another test's browser may keep an event loop running here.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, authenticator.authenticate(handler, data)).result()


def test_a_name_is_refused_after_five_failures_even_with_the_right_password(
    caplog: pytest.LogCaptureFixture,
) -> None:
    authenticator = _authenticator()
    with caplog.at_level(logging.WARNING, logger="login-test"):
        for _ in range(5):
            assert _try(authenticator, "anna", "fout") is None
        with pytest.raises(web.HTTPError) as refused:
            _try(authenticator, "anna", PASSWORD)
    assert refused.value.status_code == 429
    assert refused.value.log_message == trainer.HUB_LOGIN_REFUSED
    assert any("naam anna: 5 mislukte pogingen" in r.getMessage() for r in caplog.records)
    assert _try(authenticator, "bram", PASSWORD) == "bram", "another name still logs in"


def test_four_failures_then_the_right_password_logs_in() -> None:
    authenticator = _authenticator()
    for _ in range(4):
        assert _try(authenticator, "anna", "fout") is None
    assert _try(authenticator, "anna", PASSWORD) == "anna"


def test_an_address_is_refused_after_its_own_limit_across_names() -> None:
    authenticator = _authenticator(max_failures_per_address=3)
    for name in ("a1", "a2", "a3"):
        assert _try(authenticator, name, "fout") is None
    with pytest.raises(web.HTTPError):
        _try(authenticator, "bram", PASSWORD)
    assert _try(authenticator, "bram", PASSWORD, address="10.0.0.2") == "bram"


def test_a_refused_name_may_try_again_after_the_lockout() -> None:
    authenticator = _authenticator(lockout=0.3)
    for _ in range(5):
        _try(authenticator, "anna", "fout")
    deadline = time.monotonic() + 10
    while True:
        try:
            assert _try(authenticator, "anna", PASSWORD) == "anna"
            break
        except web.HTTPError:
            assert time.monotonic() < deadline, "still refused long after the lockout"
            time.sleep(0.05)
