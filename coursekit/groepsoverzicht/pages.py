"""The overview of the group (placeholder: the page helper builds it)."""

from __future__ import annotations

from tornado import web

from coursekit.groepsoverzicht.base import TrainerHandler


class OverviewHandler(TrainerHandler):
    @web.authenticated
    async def get(self) -> None:
        group = await self.group()
        self.page("overzicht.html", nav="overzicht", group=group)


def handlers(root: str) -> list[tuple[str, type[web.RequestHandler]]]:
    """The URLs of this part, under ``root`` (no trailing slash)."""
    return [(f"{root}/", OverviewHandler)]
