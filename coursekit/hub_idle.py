"""Log a volunteer out after a set idle time, for shared computers (library, office).

Mixed into the site's authenticator by :func:`coursekit.hub_login.course_login`; setting:
``c.IdleLogout.idle_timeout`` (seconds, default 30 minutes).

"Idle" is: nothing from the volunteer's browser reached the hub. JupyterHub records
activity in ``user.last_activity`` before it asks the authenticator, so that field always
reads "now" here; this class keeps its own clock per user instead. What counts: hub pages
with the login cookie, and the checks their own server makes of its login token
(``HubOAuth``, at most every ``cache_max_age`` seconds, on any request from the browser:
JupyterLab's background polling included, which JupyterLab pauses while its tab is hidden).
What does not count: the server's own reports (its token's note starts with "Server at").
So a closed or hidden tab, a locked or sleeping computer, makes the volunteer idle; a
JupyterLab tab left open in view does not.

Once idle, :meth:`refresh_user` says False on every request until the volunteer logs in
again: the hub sends its pages to the login page, and with ``auth_refresh_strict`` it also
refuses the volunteer's tokens, so their own server refuses the old cookie as soon as its
cache of the token expires (``configure`` keeps that cache shorter than the idle time).
A restart of the hub starts every clock anew.
"""

from __future__ import annotations

import time
from typing import Any

from jupyterhub.auth import Authenticator
from jupyterhub.utils import maybe_future
from traitlets import Float, default

from coursekit.text import trainer

# The note JupyterHub gives the API token of a user's own server.
_SERVER_TOKEN_NOTE = "Server at "


class IdleLogout(Authenticator):  # type: ignore[misc]
    """Refuse a user's login cookie and tokens after ``idle_timeout`` seconds without a request."""

    idle_timeout = Float(
        30 * 60,
        help="Seconds without a request from a user's browser after which they must log in again.",
    ).tag(config=True)

    @default("auth_refresh_age")
    def _refresh_every_second(self) -> int:
        # Asked at most once a second per user: refresh_user below only reads a dict.
        return 1

    @default("auth_refresh_strict")
    def _strict(self) -> bool:
        # Also refuse tokens (the server's check of its login cookie) once idle.
        return True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._last_seen: dict[str, float] = {}
        self._must_log_in: set[str] = set()

    async def authenticate(self, handler: Any, data: dict[str, Any]) -> Any:
        user = await maybe_future(super().authenticate(handler, data))
        if user is not None:
            name = user["name"] if isinstance(user, dict) else str(user)
            self._last_seen[name] = time.monotonic()
            self._must_log_in.discard(name)
        return user

    async def refresh_user(self, user: Any, handler: Any = None) -> Any:
        name = user.name
        if name in self._must_log_in:
            return False
        if _is_server_report(handler):
            return True
        now = time.monotonic()
        last = self._last_seen.get(name, now)
        self._last_seen[name] = now
        if now - last > self.idle_timeout:
            self._must_log_in.add(name)
            self.log.info(trainer.HUB_IDLE_LOG.format(name=name, minutes=(now - last) / 60))
            return False
        return await maybe_future(super().refresh_user(user, handler))


def _is_server_report(handler: Any) -> bool:
    """Whether the request comes from the user's own server with its own token, not a person."""
    if handler is None or not getattr(handler, "_token_authenticated", False):
        return False
    token = handler.get_token()
    return bool(token is not None and (token.note or "").startswith(_SERVER_TOKEN_NOTE))
