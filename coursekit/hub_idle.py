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
A restart of the hub starts every clock anew. The login page then says why (a cookie
``coursekit-inactief`` for the browser session, cleared at the next login).
"""

from __future__ import annotations

import time
from typing import Any

from jupyterhub.auth import Authenticator
from jupyterhub.handlers.login import LoginHandler
from jupyterhub.utils import maybe_future
from traitlets import Float, default

from coursekit.text import learner, trainer

# The note JupyterHub gives the API token of a user's own server.
_SERVER_TOKEN_NOTE = "Server at "
# Set on the browser of a user the hub sent to the login page for being idle.
IDLE_COOKIE = "coursekit-inactief"


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
            handler.clear_cookie(IDLE_COOKIE, path=handler.hub.base_url)
        return user

    def get_handlers(self, app: Any) -> list[tuple[str, Any]]:
        """The site's handlers, with a login page that says when a login ended for idleness."""
        return [
            (path, _IdleLoginHandler if handler is LoginHandler else handler)
            for path, handler in super().get_handlers(app)
        ]

    async def refresh_user(self, user: Any, handler: Any = None) -> Any:
        name = user.name
        if name in self._must_log_in:
            _tell_the_browser(handler)
            return False
        if _is_server_report(handler):
            return True
        now = time.monotonic()
        last = self._last_seen.get(name, now)
        self._last_seen[name] = now
        if now - last > self.idle_timeout:
            self._must_log_in.add(name)
            self.log.info(trainer.HUB_IDLE_LOG.format(name=name, minutes=(now - last) / 60))
            _tell_the_browser(handler)
            return False
        return await maybe_future(super().refresh_user(user, handler))


def _is_server_report(handler: Any) -> bool:
    """Whether the request comes from the user's own server with its own token, not a person."""
    if handler is None or not getattr(handler, "_token_authenticated", False):
        return False
    token = handler.get_token()
    return bool(token is not None and (token.note or "").startswith(_SERVER_TOKEN_NOTE))


def _tell_the_browser(handler: Any) -> None:
    """Mark a browser sent to the login page for being idle (not a server's token check)."""
    if handler is not None and not getattr(handler, "_token_authenticated", False):
        handler.set_cookie(IDLE_COOKIE, "1", path=handler.hub.base_url, httponly=True)


class _IdleLoginHandler(LoginHandler):  # type: ignore[misc]
    """JupyterHub's login page, with a line for a user whose login ended for idleness."""

    def _render(self, login_error: Any = None, username: Any = None, **kwargs: Any) -> Any:
        if self.get_cookie(IDLE_COOKIE):
            kwargs.setdefault("idle_notice", learner.HUB_IDLE_NOTICE)
        return super()._render(login_error=login_error, username=username, **kwargs)
