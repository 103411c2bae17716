"""Failed-login throttling for the hub: JupyterHub's PAM login has no limit of its own.

``deploy/jupyterhub/jupyterhub_config.py`` sets ``course_login(PAMAuthenticator)``: this
throttle, the idle logout of :mod:`coursekit.hub_idle` and the logout of
:mod:`coursekit.hub_pages` (it also expires the cookies JupyterHub leaves); the hub test sets
``course_login(DummyAuthenticator)``. Settings: ``c.LoginThrottle.max_failures`` and the
others below, ``c.IdleLogout.idle_timeout``.
"""

from __future__ import annotations

import time
from typing import Any

from jupyterhub.auth import Authenticator
from jupyterhub.utils import maybe_future
from tornado import web
from traitlets import Float, Integer

from coursekit.hub_idle import IdleLogout
from coursekit.hub_pages import CourseLogout
from coursekit.text import trainer


class LoginThrottle(Authenticator):  # type: ignore[misc]
    """Refuse logins for a while after repeated failures, for a name or from an address.

    JupyterHub's PAM login has no limit: anyone can guess passwords as fast as the hub
    answers. Mixed into the site's authenticator by :func:`throttled`; a refused attempt
    gets a Dutch sentence on the login page (HTTP 429) and a line in the hub's log. The
    address is what the hub sees: behind the proxies it is the nearest one's unless
    ``JupyterHub.trusted_downstream_ips`` names them, hence a higher limit than per name
    (a class behind one school address).
    """

    max_failures = Integer(5, help="Failed logins for one name before it is refused.").tag(
        config=True
    )
    max_failures_per_address = Integer(
        30, help="Failed logins from one address before it is refused."
    ).tag(config=True)
    window = Float(15 * 60, help="Seconds in which failures are counted.").tag(config=True)
    lockout = Float(15 * 60, help="Seconds a refused name or address stays refused.").tag(
        config=True
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._failures: dict[str, list[float]] = {}
        self._refused_until: dict[str, float] = {}

    async def authenticate(self, handler: Any, data: dict[str, Any]) -> Any:
        name = self.normalize_username(str(data.get("username", "")))
        address = str(getattr(getattr(handler, "request", None), "remote_ip", "") or "")
        keys = {
            f"naam {name}": self.max_failures,
            f"adres {address}": self.max_failures_per_address,
        }
        now = time.monotonic()
        for key in keys:
            if self._refused_until.get(key, 0) > now:
                self.log.warning(trainer.HUB_LOGIN_REFUSED_LOG.format(key=key))
                raise web.HTTPError(429, trainer.HUB_LOGIN_REFUSED)
        user = await maybe_future(super().authenticate(handler, data))
        if user is not None:
            self._failures.pop(f"naam {name}", None)
            return user
        for key, limit in keys.items():
            recent = [t for t in self._failures.get(key, []) if now - t < self.window]
            self._failures[key] = [*recent, now]
            if len(recent) + 1 >= limit:
                self._refused_until[key] = now + self.lockout
                self._failures.pop(key)
                self.log.warning(
                    trainer.HUB_LOGIN_LOCKED_LOG.format(
                        key=key, count=limit, minutes=self.lockout / 60
                    )
                )
        if len(self._failures) > 10_000:  # many names sprayed: forget the old ones
            self._failures = {
                k: v for k, v in self._failures.items() if v and now - v[-1] < self.window
            }
        return None


def throttled(authenticator: type[Authenticator]) -> type[Authenticator]:
    """``authenticator`` (PAM in production) with :class:`LoginThrottle` before it."""
    return type(f"Throttled{authenticator.__name__}", (LoginThrottle, authenticator), {})


def course_login(authenticator: type[Authenticator]) -> type[Authenticator]:
    """``authenticator`` with the throttle, the idle logout (shared computers) and the
    course's logout before it."""
    bases = (LoginThrottle, IdleLogout, CourseLogout, authenticator)
    return type(f"Course{authenticator.__name__}", bases, {})
