"""The hub's pages in Dutch, and a logout that leaves as little trail as the hub can.

``deploy/jupyterhub/templates`` overrides JupyterHub's templates; each extends JupyterHub's
own (``{% extends "templates/<name>.html" %}``), so an upgrade keeps what we do not change.
Two things a template cannot reach are done here:

- :class:`DutchPage`, a Jinja extension, sets ``lang="nl"`` on the ``<html>`` element of
  JupyterHub's own ``page.html`` (that attribute is outside every block);
- :class:`CourseLogout`, mixed into the authenticator by
  :func:`coursekit.hub_login.course_login`, serves ``/hub/logout`` with
  :class:`CourseLogoutHandler`: JupyterHub's logout, which also expires the cookies of the
  user's own server and of the hub's services (JupyterHub leaves those in the browser; one
  of them carries the user's name), and, for *Snel weg* (``?snel-weg``), the origin's cache
  and storage.
"""

from __future__ import annotations

import http.cookies
import re
from typing import Any

from jinja2.ext import Extension
from jupyterhub.auth import Authenticator
from jupyterhub.handlers.login import LogoutHandler
from jupyterhub.utils import url_path_join

# Where Snel weg takes the visitor, as on the course site.
NEUTRAL_URL = "https://www.google.nl/"
# The query argument of /hub/logout that Snel weg adds.
SNEL_WEG = "snel-weg"
_HTML_LANG = re.compile(r'(<html\b[^>]*?\blang=)"[^"]*"', re.IGNORECASE)


class DutchPage(Extension):
    """``<html lang="nl">`` in JupyterHub's ``page.html`` (``jinja_environment_options``).

    Jinja names that template "page.html" like ours (its loader drops the "templates/"
    prefix), so this rewrites the ``lang`` of any ``<html>`` element of any hub template;
    only JupyterHub's page.html has one. Should an upgrade drop the attribute, the hub test
    of the Dutch pages fails.
    """

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return _HTML_LANG.sub(r'\1"nl"', source, count=1)


class CourseLogoutHandler(LogoutHandler):  # type: ignore[misc]
    """JupyterHub's logout, and the cookies it leaves behind.

    JupyterHub clears its own login cookie and ``_xsrf`` and revokes the tokens of the
    login session; the cookies of the user's server (``jupyterhub-user-<name>`` at
    ``/user/<name>/``) and of the services stay in the browser, useless but readable by
    whoever looks. This expires them as well. With ``?snel-weg`` it also asks the browser
    to drop the origin's cache and storage (``Clear-Site-Data``, honoured over HTTPS and
    on this machine), as the course site's Snel weg does, and answers without a page.
    """

    async def handle_logout(self) -> None:
        user = self.current_user or self._user_from_cookie()
        paths = [url_path_join(self.base_url, "services", name) + "/" for name in self.services]
        names = ["_xsrf", *(f"service-{name}" for name in self.services)]
        # JupyterHub clears its own _xsrf at "/" only; it sets it at /hub/.
        paths += [self.base_url, self.hub.base_url]
        if user is not None:
            for spawner in user.spawners.values():
                names += [spawner.oauth_client_id, f"{spawner.oauth_client_id}-oauth-state"]
            paths.append(user.prefix)
        for name in names:
            for path in paths:
                # Not clear_cookie: tornado keeps one Set-Cookie per name, the last path.
                self.add_header("Set-Cookie", _expired(name, path))

    async def render_logout_page(self) -> None:
        if self.get_argument(SNEL_WEG, None) is not None:
            self.set_header("Clear-Site-Data", '"cache", "storage"')
            self.set_header("Cache-Control", "no-store")
            self.set_status(204)
            self.finish()
            return
        await super().render_logout_page()

    def _user_from_cookie(self) -> Any:
        """The user of a login cookie the hub no longer accepts (logged out when idle)."""
        try:
            return self.get_current_user_cookie()
        except Exception:  # a broken cookie names nobody
            return None


def _expired(name: str, path: str) -> str:
    """A Set-Cookie value that removes the cookie ``name`` at ``path`` from the browser."""
    cookie: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
    cookie[name] = ""
    cookie[name]["path"] = path
    cookie[name]["expires"] = "Thu, 01 Jan 1970 00:00:00 GMT"
    cookie[name]["max-age"] = 0
    return cookie[name].OutputString()


class CourseLogout(Authenticator):  # type: ignore[misc]
    """Serve ``/hub/logout`` with :class:`CourseLogoutHandler` (before JupyterHub's own)."""

    def get_handlers(self, app: Any) -> list[tuple[str, Any]]:
        return [("/logout", CourseLogoutHandler), *super().get_handlers(app)]
