"""Every URL of the Groepsoverzicht, from its three parts."""

from __future__ import annotations

from tornado import web

from coursekit.groepsoverzicht import beheer, cycle, pages
from coursekit.groepsoverzicht.base import AssetHandler, RedirectToSlash


def handlers(base_url: str) -> list[tuple[str, type[web.RequestHandler]]]:
    root = f"{base_url}groepsoverzicht"
    return [
        (root, RedirectToSlash),
        (rf"{root}/static/([^/]+)", AssetHandler),
        *pages.handlers(root),
        *cycle.handlers(root),
        *beheer.handlers(root),
    ]
