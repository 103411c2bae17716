"""(to be built: see coursekit/groepsoverzicht/__init__.py)"""

from __future__ import annotations

from tornado import web


def handlers(root: str) -> list[tuple[str, type[web.RequestHandler]]]:
    """The URLs of this part, under ``root`` (no trailing slash)."""
    return []
